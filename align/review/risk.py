"""How likely a bead is to be wrong, so that a review looks at the worst first; and where
"low confidence" begins.

The aligner's confidence is the bead's posterior probability under its model
(:mod:`align.aligner.posterior`), so ``1 - confidence`` already estimates the
chance that the bead is wrong. :func:`risk` sharpens that estimate with what the
confidence does not see: QA findings on the bead (as far as they mark
misaligned beads: see :data:`WEIGHTS`), and its type where the aligner is
unsure of the document as a whole (a bead without one side, or of
several sentences, is wrong far more often than its confidence says on text
unlike the aligner's training news). The weights are a logistic regression on
those signs, fitted by ``benchmarks/bench_review.py fit`` on some development
documents and reported on the others (see :data:`WEIGHTS`).

The review screen's worst-first order, ``hizala status`` and the review
benchmark all rank with :func:`risk_key`, so they agree. :func:`low_threshold`
is the one place the default low-confidence threshold comes from.
"""

from __future__ import annotations

import heapq
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..store.review_queries import BeadMark

__all__ = [
    "FALLBACK_LOW_THRESHOLD",
    "STATUS_RANK",
    "WEIGHTS",
    "RiskWeights",
    "RiskyBead",
    "document_unsureness",
    "log_odds",
    "low_threshold",
    "risk",
    "risk_key",
    "worst",
]

FALLBACK_LOW_THRESHOLD = 0.8
"""The low-confidence threshold while the aligner's weights carry no calibration of their
own. Below 0.8 the shipped weights' beads are wrong 20-55% of the time in every band of
0.1 on the development documents the risk weights were not fitted on; from 0.8 to 0.9,
3% (wmt16) and 10% (bible-ot); above 0.95, 0.2% and 1.1% (``python
benchmarks/bench_review.py calibrate``). With 0.5, two documents whose five wrong beads
scored 0.52-0.61 showed no low-confidence bead at all."""


@cache
def _calibration() -> dict[str, object]:
    try:
        text = resources.files("align").joinpath("data/aligner_weights.json").read_text("utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return {}
    found = data.get("calibration") if isinstance(data, dict) else None
    return found if isinstance(found, dict) else {}


def low_threshold() -> float:
    """The confidence below which an unreviewed bead counts as low (``l``, the low view,
    ``hizala status``), from the shipped aligner model's calibration when it has one
    (``calibration.low_threshold`` in ``align/data/aligner_weights.json``), else
    :data:`FALLBACK_LOW_THRESHOLD`. Every default in hizala comes from here."""
    value = _calibration().get("low_threshold")
    if isinstance(value, (int, float)) and 0.0 < float(value) < 1.0:
        return float(value)
    return FALLBACK_LOW_THRESHOLD


@dataclass(frozen=True, slots=True)
class RiskWeights:
    """A logistic regression on the signs of a wrong bead::

        risk = σ(bias + confidence × logit(1 - score) + finding × [has findings]
                 + (null × [1:0 or 0:1] + merged × [2:1, 1:2…] + paired × [2:2…]) × unsure)

    where ``unsure`` is how unsure the aligner is of the bead's document as a whole (the
    mean of ``1 - score`` over its beads): on text like its training news the aligner's
    1:0 and 2:1 beads are as right as its 1:1 beads, on text unlike it (long archaic
    verses) they are where its errors are."""

    bias: float
    """The intercept."""
    confidence: float
    """Weight of the aligner's own estimate, ``logit(1 - score)``."""
    finding: float
    """Added when the bead has a QA finding."""
    null: float
    """Times the document's unsureness, for a bead with one side empty (1:0, 0:1)."""
    merged: float
    """Times the document's unsureness, for a bead with more than one sentence on one side
    (2:1, 1:2, 1:3…)."""
    paired: float
    """Times the document's unsureness, for a bead with more than one sentence on both sides
    (2:2…): often two beads the aligner ran together."""


WEIGHTS = RiskWeights(bias=-2.8, confidence=0.78, finding=0.0, null=43.1, merged=15.6,
                      paired=37.3)
"""The shipped weights, fitted by ``python benchmarks/bench_review.py fit`` on the
even-numbered wmt16 documents and four bible-ot books (GEN, NUM, 2SA, PSA), each corpus
weighing alike, aligned with the shipped aligner weights and the default encoder. On the
documents left out (odd wmt16 documents; EXO, DEU, 1CH, ISA), the first 10% of the
worst-first order hold 19 of the 21 wrong beads of the wmt16 documents (20 with the
confidence alone), and 98% of the bible books' first 10% are wrong beads (34% with the
confidence alone): ``python benchmarks/bench_review.py rank``. QA findings weigh nothing:
with the QA checks as they are, the fit gives them -0.01 (they mark translation problems
in misaligned and aligned beads alike; before the checks were reworked, 0.79), and a
finding never makes a bead more trustworthy. Refit when the aligner's weights or the QA
checks change."""

_EDGE = 1e-6
STATUS_RANK = {"auto": 0, "rejected": 1, "confirmed": 2}
"""Where a status puts a bead in the worst-first order: not reviewed, rejected, confirmed."""


def document_unsureness(marks: Iterable[BeadMark]) -> dict[int, float]:
    """``document id -> mean of 1 - score`` over the scored beads of each document (0 for
    a document with none): how unsure the aligner is of it as a whole."""
    totals: dict[int, list[float]] = {}
    for m in marks:
        if m.score is not None:
            t = totals.setdefault(m.document_id, [0.0, 0.0])
            t[0] += 1.0 - m.score
            t[1] += 1.0
    return {doc: total / n for doc, (total, n) in totals.items()}


def log_odds(mark: BeadMark, unsure: float = 0.0, weights: RiskWeights = WEIGHTS) -> float:
    """The log-odds that the bead is wrong (what :func:`risk` squashes into a probability),
    ``unsure`` being its document's :func:`document_unsureness`; ``inf`` for a bead made by
    hand, which has no confidence."""
    score = mark.score
    if score is None:
        return math.inf
    p = min(max(1.0 - score, _EDGE), 1.0 - _EDGE)
    z = weights.bias + weights.confidence * math.log(p / (1.0 - p))
    if mark.findings:
        z += weights.finding
    if mark.tr_count == 0 or mark.en_count == 0:
        z += weights.null * unsure
    elif mark.tr_count > 1 and mark.en_count > 1:
        z += weights.paired * unsure
    elif mark.tr_count > 1 or mark.en_count > 1:
        z += weights.merged * unsure
    return z


def risk(mark: BeadMark, unsure: float = 0.0, weights: RiskWeights = WEIGHTS) -> float:
    """How likely the bead is to be wrong, in [0, 1] (``unsure``: its document's
    :func:`document_unsureness`); 1 for a bead made by hand (no confidence: the reviewer
    has not seen it yet)."""
    z = log_odds(mark, unsure, weights)
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def risk_key(
    mark: BeadMark, unsure: float = 0.0, weights: RiskWeights = WEIGHTS
) -> tuple[int, float]:
    """Sort key of the worst-first order: beads not reviewed yet, riskiest first (made by
    hand before all), then rejected beads, then confirmed ones (sort stably, or add the
    bead's place, to keep project order among ties)."""
    return (STATUS_RANK.get(mark.status, 0), -log_odds(mark, unsure, weights))


@dataclass(frozen=True, slots=True)
class RiskyBead:
    """A bead in the worst-first order, as ``hizala status`` lists it."""

    number: int
    """Its 1-based number in project order (``#N`` in the review screen)."""
    mark: BeadMark
    """What the order knows of it."""
    risk: float
    """:func:`risk`."""


def worst(marks: Sequence[BeadMark], limit: int, weights: RiskWeights = WEIGHTS) -> list[RiskyBead]:
    """The ``limit`` riskiest beads not reviewed yet (``auto``), worst first; ``marks`` in
    project order (as :func:`align.store.review_queries.bead_marks` reads them)."""
    unsure = document_unsureness(marks)
    keyed = (
        (-log_odds(m, unsure.get(m.document_id, 0.0), weights), k, m)
        for k, m in enumerate(marks) if m.status == "auto"
    )
    return [
        RiskyBead(k + 1, m, risk(m, unsure.get(m.document_id, 0.0), weights))
        for _key, k, m in heapq.nsmallest(limit, keyed, key=lambda t: (t[0], t[1]))
    ]
