"""Glossary terms as alignment evidence: a term found in a Turkish sentence and one of
its renderings in an English sentence make an :class:`~align.aligner.core.Anchor`.

A term that occurs in many sentences says little about which pair belongs
together, so each pair's weight is ``1 / max(#Turkish sentences with the term,
#English sentences with a rendering)``, summed over the terms the pair shares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..aligner.core import Anchor
from .match import TermMatcher

__all__ = ["glossary_anchors"]


def glossary_anchors(
    matcher: TermMatcher, tr_texts: Sequence[str], en_texts: Sequence[str]
) -> list[Anchor]:
    """Anchors between Turkish and English sentences that share a glossary term."""
    tr_by_term: dict[str, set[int]] = defaultdict(set)
    terms = {}
    for i, text in enumerate(tr_texts):
        for span in matcher.turkish.find(text):
            tr_by_term[span.term.tr].add(i)
            terms[span.term.tr] = span.term
    weights: dict[tuple[int, int], float] = defaultdict(float)
    for name, tr_idx in tr_by_term.items():
        term = terms[name]
        en_idx = [
            j
            for j, text in enumerate(en_texts)
            if any(not m.forbidden for m in matcher.english.find(text, term))
        ]
        if not en_idx:
            continue
        w = 1.0 / max(len(tr_idx), len(en_idx))
        for i in tr_idx:
            for j in en_idx:
                weights[(i, j)] += w
    return [Anchor(i, j, w) for (i, j), w in sorted(weights.items())]
