"""Strict and lax precision, recall and F1 of an alignment against a gold one.

The definitions are those of the sentence-alignment literature as used by
Vecalign's and Bertalign's evaluations (after Véronis & Langlais, and
Sennrich & Volk 2011):

- precision is measured over the predicted beads (both-sides-empty beads
  ignored): a predicted bead is a strict hit if the gold alignment has the
  same bead, a lax hit if it shares at least one sentence on *each* side
  with a gold bead (a predicted 1:0 bead is a lax hit only when it is exact);
- recall is measured over the gold beads that have both sides non-empty,
  against the predicted beads that have both sides non-empty, the same way;
- counts are summed over all documents before dividing (micro average).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Scores", "score_alignments"]

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Scores:
    """Strict and lax precision/recall/F1, and the counts behind them."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    predicted: int
    """Predicted beads counted for precision."""
    gold: int
    """Gold beads counted for recall."""

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _hits(reference: Iterable[Pair], candidates: Iterable[Pair]) -> tuple[int, int, int]:
    """(candidates counted, strict hits, lax hits) of ``candidates`` against ``reference``."""
    ref = {(tuple(x), tuple(y)) for x, y in reference if x or y}
    cand = {(tuple(x), tuple(y)) for x, y in candidates if x or y}
    partners: dict[int, set[int]] = defaultdict(set)
    for x, y in ref:
        for i in x:
            partners[i].update(y)
    strict = lax = 0
    for x, y in cand:
        if (x, y) in ref:
            strict += 1
            lax += 1
        elif any(j in partners[i] for i in x for j in y):
            lax += 1
    return len(cand), strict, lax


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(gold: Sequence[Sequence[Pair]], predicted: Sequence[Sequence[Pair]]) -> Scores:
    """Score one predicted alignment per document against its gold alignment."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold alignments but {len(predicted)} predicted ones")
    np_ = sp = lp = ng = sr = lr = 0
    for g, t in zip(gold, predicted, strict=True):
        c, s, lx = _hits(g, t)
        np_, sp, lp = np_ + c, sp + s, lp + lx
        both_t = [(x, y) for x, y in t if x and y]
        both_g = [(x, y) for x, y in g if x and y]
        c, s, lx = _hits(both_t, both_g)
        ng, sr, lr = ng + c, sr + s, lr + lx
    ps, pl = (sp / np_, lp / np_) if np_ else (0.0, 0.0)
    rs, rl = (sr / ng, lr / ng) if ng else (0.0, 0.0)
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl), np_, ng)
