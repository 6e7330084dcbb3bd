"""Small text helpers the review screen needs: where a span falls in a bead's sentences,
where to cut a bead by default, one-line previews."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["default_cut", "one_line", "segment_pieces"]

_SPACE = re.compile(r"\s+")


def segment_pieces(texts: Sequence[str], span: tuple[int, int]) -> list[tuple[int, int, int]]:
    """Where ``span`` (offsets into the sentences joined with one space, as findings give
    them) falls in each sentence: ``(sentence index, start, end)`` pieces, empty ones left
    out."""
    lo, hi = span
    out = []
    offset = 0
    for k, text in enumerate(texts):
        start, end = max(lo - offset, 0), min(hi - offset, len(text))
        if start < end:
            out.append((k, start, end))
        offset += len(text) + 1
    return out


def default_cut(n_tr: int, n_en: int) -> tuple[int, int]:
    """Where to split a bead of ``n_tr`` Turkish and ``n_en`` English sentences unless the
    reviewer says otherwise: after the first half of each side (``2:2`` → 1:1 + 1:1,
    ``1:1`` → 1:0 + 0:1). Raises ValueError for a bead with fewer than two sentences."""
    if n_tr + n_en < 2:
        raise ValueError("a bead with one sentence cannot be split")
    tr_at, en_at = (n_tr + 1) // 2, (n_en + 1) // 2
    if (tr_at, en_at) == (n_tr, n_en):
        if en_at > 0:
            en_at -= 1
        else:
            tr_at -= 1
    return tr_at, en_at


def one_line(text: str) -> str:
    """The text with every run of white space (line breaks, tabs) as one space."""
    return _SPACE.sub(" ", text).strip()
