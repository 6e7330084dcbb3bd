"""Scoring fragment finding against a gold standard (the devset's ``mixed/NNN.json``).

A gold fragment is *found* when a predicted fragment overlaps it by at least
half of the longer of the two spans (one to one, largest overlaps first). A
found fragment is *paired right* when the predicted English span overlaps the
gold one, or when both are null. Pairing accuracy is reported over all gold
fragments (a fragment that was not found counts as wrong) and over the found
ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from ..errors import FormatError
from .model import FragmentMatch

__all__ = ["FragmentScores", "GoldFragment", "load_gold", "score_fragments"]


@dataclass(frozen=True, slots=True)
class GoldFragment:
    """One fragment of the gold standard."""

    start: int
    """Offset of the fragment's first character."""
    end: int
    """Offset one past its last character."""
    kind: str
    """``block``, ``inline`` or ``orphan`` (as the devset labels them)."""
    match: tuple[int, int] | None
    """Span of the English that renders it, or None."""


@dataclass(frozen=True, slots=True)
class FragmentScores:
    """Counts, and the rates derived from them."""

    gold: int
    """Gold fragments."""
    predicted: int
    """Predicted fragments."""
    found: int
    """Gold fragments found (true positives)."""
    paired_right: int
    """Found gold fragments whose pairing is right."""

    @property
    def precision(self) -> float:
        """Found / predicted."""
        return self.found / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Found / gold."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def pairing_accuracy(self) -> float:
        """Paired right / gold (a missed fragment counts as wrong)."""
        return self.paired_right / self.gold if self.gold else 1.0

    @property
    def pairing_accuracy_found(self) -> float:
        """Paired right / found."""
        return self.paired_right / self.found if self.found else 1.0

    def __add__(self, other: FragmentScores) -> FragmentScores:
        return FragmentScores(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.found + other.found,
            self.paired_right + other.paired_right,
        )


def load_gold(path: str | PathLike[str]) -> list[GoldFragment]:
    """Read a gold file: ``{"fragments": [{"start", "end", "kind", "match": {…} | null}]}``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        out = []
        for item in data["fragments"]:
            m = item.get("match")
            out.append(GoldFragment(int(item["start"]), int(item["end"]), str(item.get("kind", "")),
                                    (int(m["start"]), int(m["end"])) if m else None))
    except OSError as exc:
        raise FormatError(f"cannot read the gold file: {exc.strerror or exc}", path=path) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno,
                          column=exc.colno) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"not a fragments gold file ({exc!r})", path=path) from None
    return out


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def score_fragments(gold: Sequence[GoldFragment], predicted: Sequence[FragmentMatch]
                    ) -> FragmentScores:
    """Detection and pairing counts of one document."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            f = p.fragment
            ov = _overlap(g.start, g.end, f.start, f.end)
            if ov * 2 >= max(g.end - g.start, f.end - f.start) and ov > 0:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    found = right = 0
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        found += 1
        g, m = gold[gi], predicted[pi].match
        both_null = g.match is None and m is None
        if both_null or (g.match is not None and m is not None
                         and _overlap(*g.match, m.start, m.end) > 0):
            right += 1
    return FragmentScores(len(gold), len(predicted), found, right)
