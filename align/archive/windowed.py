"""Aligning a document pair of any length in memory that does not grow with it.

The aligner (:func:`align.aligner.core.align_texts`) holds, for the whole
document, the run embeddings and the features of every bead in its band:
about 45 KB a sentence pair, 18 GB for 400,000 pairs. Here it is run on
windows along the diagonal instead, each a normal-size document:

1. A window starts on a node of the path already committed, ``context``
   sentences before its end, and spans ``window`` Turkish sentences and as
   many English ones as the ratio of the text committed so far predicts,
   a few per cent fewer (a window whose English side is too long would make
   the aligner widen its band for the surplus; one too short only leaves its
   last Turkish sentences unmatched, and those are never committed).
2. The window is aligned by the aligner as it is, with its own statistics,
   its own guide path and band: nothing here depends on how it scores.
3. Its beads are committed from the last committed node up to a safe node,
   ``margin`` sentences before the window's end on both sides, where the
   best path no longer depends on where the window was cut; the next window
   starts ``context`` sentences before that node, so the beads committed
   have text on both sides of them, and their confidences (posteriors)
   barely feel the window's edges. If a window's best path does not pass
   through the last committed node, it is aligned again starting there.

Embeddings are computed window by window through a cache that holds about
two windows, so the overlap is never embedded twice and nothing else is
kept. Beads come out as a generator, to be written to disk as they come.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..encoders.base import Encoder, Progress
from ..types import Bead
from .views import with_own_cache

__all__ = ["EMBED_COST", "AlignFn", "Units", "WindowConfig", "align_windows", "work_total"]

_log = logging.getLogger("align.archive.windowed")

EMBED_COST = 6
"""Work units a sentence costs to embed, against 1 to align it (the encoder takes about
six times as long as the rest, README "Performance"): progress is counted in these, so
that a bar over embedding and alignment moves at an even pace."""


def work_total(n: int, m: int) -> int:
    """The work of aligning ``n`` Turkish and ``m`` English units, in progress units."""
    return (EMBED_COST + 1) * (n + m)


class Units(Protocol):
    """One side of a document, read a stretch at a time."""

    def __len__(self) -> int: ...
    def texts(self, a: int, b: int) -> list[str]:
        """The texts of units ``a .. b-1``."""
    def paragraphs(self, a: int, b: int) -> list[int]:
        """The paragraph numbers of units ``a .. b-1``."""


class AlignFn(Protocol):
    """The aligner of one window (:func:`align.aligner.core.align_texts`)."""

    def __call__(
        self,
        tr_texts: Sequence[str],
        en_texts: Sequence[str],
        encoder: Encoder,
        *,
        tr_paragraphs: Sequence[int] | None = None,
        en_paragraphs: Sequence[int] | None = None,
        progress: Progress | None = None,
    ) -> list[Bead]: ...


@dataclass(frozen=True, slots=True)
class WindowConfig:
    """How a long document is cut into windows."""

    window: int = 4000
    """Turkish sentences per window (the English side follows the text's ratio)."""
    margin: int = 300
    """Sentences at a window's end, on either side, whose beads are never committed from it."""
    context: int = 100
    """Sentences already committed that a window starts with."""
    shortfall: float = 0.03
    """How much shorter a window's English side is made than the ratio predicts."""
    threshold: int = 12_000
    """Documents with more units than this on a side are aligned in windows; shorter ones
    in one pass, as before (same beads, no overhead)."""

    def windowed(self, n: int, m: int) -> bool:
        """Whether a pair of ``n`` and ``m`` units is aligned in windows."""
        return max(n, m) > self.threshold


def align_windows(
    tr: Units,
    en: Units,
    encoder: Encoder,
    *,
    config: WindowConfig | None = None,
    align: AlignFn | None = None,
    progress: Progress | None = None,
) -> Iterator[Bead]:
    """The beads of the whole pair, in order, window by window (a generator).

    ``progress`` is called with work units (:func:`work_total` in all):
    :data:`EMBED_COST` per sentence embedded, 1 per sentence committed.
    """
    config = config or WindowConfig()
    if align is None:
        from ..aligner.core import align_texts

        align = align_texts
    n, m = len(tr), len(en)
    total = work_total(n, m)
    reported = 0

    def report(k: int) -> None:
        # Never past the total: sentences embedded for a window and never committed from
        # it (a one-sided tail) are counted again at the end.
        nonlocal reported
        k = min(k, total - reported)
        if k > 0 and progress is not None:
            progress(k)
        reported += max(k, 0)

    view = _bounded_view(encoder, config)

    def embedded(k: int) -> None:
        report(EMBED_COST * k)

    ci = cj = 0
    path: deque[tuple[int, int]] = deque([(0, 0)])  # committed nodes of the last `context` rows
    commits: deque[tuple[int, int]] = deque([(0, 0)], maxlen=3)  # for the English/Turkish ratio
    while ci < n and cj < m:
        while len(path) > 1 and path[1][0] <= ci - config.context:
            path.popleft()
        si, sj = path[0]
        ratio = _ratio(commits[0], (ci, cj), n, m)
        beads = _window(tr, en, view, align, si, sj, config, ratio, embedded)
        first = beads.after(ci, cj)
        if first is None:  # the path left the committed one: align from the committed node
            _log.debug("window at (%d, %d) left the committed path; aligned again from (%d, %d)",
                       si, sj, ci, cj)
            beads = _window(tr, en, view, align, ci, cj, config, ratio, embedded)
            first = 0
        chosen = beads.commit(first, config.margin)
        for bead, (i, j) in chosen:
            yield bead
            path.append((i, j))
            report(len(bead.tr) + len(bead.en))
        ci, cj = chosen[-1][1]
        commits.append((ci, cj))
    # One side is used up: what is left of the other has no counterpart.
    for i in range(ci, n):
        yield Bead((i,), (), 1.0)
    for j in range(cj, m):
        yield Bead((), (j,), 1.0)
    report(total - reported)


@dataclass(frozen=True, slots=True)
class _Aligned:
    """One window's beads in document numbering, with the node each ends at."""

    beads: list[Bead]
    nodes: list[tuple[int, int]]
    """The node (Turkish, English boundary) each bead ends at; the path starts at ``start``."""
    start: tuple[int, int]
    end: tuple[int, int]
    """The window's last node; ``final`` when it is the document's."""
    final: bool

    def after(self, ci: int, cj: int) -> int | None:
        """Index of the first bead after node ``(ci, cj)``, if the path passes through it
        and goes on."""
        if self.start == (ci, cj):
            return 0 if self.beads else None
        for k, node in enumerate(self.nodes):
            if node == (ci, cj):
                return k + 1 if k + 1 < len(self.nodes) else None
            if node[0] > ci or node[1] > cj:
                break
        return None

    def commit(self, first: int, margin: int) -> list[tuple[Bead, tuple[int, int]]]:
        """The beads from ``first`` that may be kept: all of them in the last window, else
        those ending ``margin`` sentences before the window's end on both sides (or on one
        side, where the other has run out), and at least one."""
        pairs = list(zip(self.beads[first:], self.nodes[first:], strict=True))
        if self.final:
            return pairs
        ei, ej = self.end
        safe_tr, safe_en = ei - margin, ej - margin
        for check_tr, check_en in ((True, True), (True, False), (False, True)):
            count = 0
            for _bead, (i, j) in pairs:
                if (check_tr and i > safe_tr) or (check_en and j > safe_en):
                    break
                count += 1
            if count:
                return pairs[:count]
        return pairs[:1]


def _window(
    tr: Units,
    en: Units,
    encoder: Encoder,
    align: AlignFn,
    si: int,
    sj: int,
    config: WindowConfig,
    ratio: float,
    embedded: Progress,
) -> _Aligned:
    n, m = len(tr), len(en)
    ei = min(n, si + config.window)
    expected = (ei - si) * ratio
    if ei == n and m - sj <= 1.5 * expected + config.margin + 50:
        ej = m
    else:
        ej = sj + max(1, int(expected * (1.0 - config.shortfall)))
        ej = min(ej, m, sj + 3 * config.window)
    local = align(
        tr.texts(si, ei),
        en.texts(sj, ej),
        encoder,
        tr_paragraphs=tr.paragraphs(si, ei),
        en_paragraphs=en.paragraphs(sj, ej),
        progress=embedded,
    )
    beads: list[Bead] = []
    nodes: list[tuple[int, int]] = []
    i, j = si, sj
    for b in local:
        shifted = Bead(tuple(si + k for k in b.tr), tuple(sj + k for k in b.en), b.score)
        i += len(b.tr)
        j += len(b.en)
        beads.append(shifted)
        nodes.append((i, j))
    return _Aligned(beads, nodes, (si, sj), (ei, ej), ei == n and ej == m)


def _ratio(ref: tuple[int, int], now: tuple[int, int], n: int, m: int) -> float:
    """English sentences per Turkish one: over the text committed lately, or the whole
    document's until enough is committed."""
    di, dj = now[0] - ref[0], now[1] - ref[1]
    ratio = dj / di if di >= 200 and dj > 0 else m / max(n, 1)
    return min(max(ratio, 0.2), 5.0)


def _bounded_view(encoder: Encoder, config: WindowConfig) -> Encoder:
    """The encoder with a cache that holds about two windows of sentences: the overlap of
    two windows is embedded once, and the cache never grows with the document."""
    row = 4 * encoder.state_dim + 400  # the vector, the text and the bookkeeping
    return with_own_cache(encoder, int(3.5 * config.window) * row)
