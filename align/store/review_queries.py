"""Light per-bead marks for the review screen: what a row needs without its text.

The review UI keeps one :class:`BeadMark` per bead in memory (10,000 beads
read in one query of a few milliseconds) to count, filter and navigate
without touching the segments; it reads full :class:`~.values.BeadRow`
values only for the rows on screen. After an operation it re-reads the
marks of the beads the operation touched (:attr:`~.values.Operation.beads`).

Kept apart from :mod:`.queries` so the store's owner can fold it in; it
only reads, through the project's own read transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .project import Project

__all__ = ["BeadMark", "bead_marks", "bead_marks_by_id", "bead_statuses", "bead_texts"]

_SQL = (
    "SELECT b.id, b.document_id, b.pos, b.score, b.status, "
    "(SELECT count(*) FROM findings f WHERE f.bead_id = b.id), "
    "(SELECT count(*) FROM segments s WHERE s.bead_id = b.id AND s.side = 'tr'), "
    "(SELECT count(*) FROM segments s WHERE s.bead_id = b.id AND s.side = 'en') "
    "FROM beads b"
)


@dataclass(frozen=True, slots=True)
class BeadMark:
    """What the review screen needs to place, count and filter a bead."""

    id: int
    """The bead's stable id."""
    document_id: int
    """Its document."""
    order: tuple[int, int]
    """Sort key in project order: ``(document_id, position in the document)``."""
    score: float | None
    """The aligner's confidence (None for a bead made by hand)."""
    status: str
    """``auto``, ``confirmed`` or ``rejected``."""
    findings: int
    """Number of QA findings."""
    tr_count: int = 1
    """Number of Turkish segments."""
    en_count: int = 1
    """Number of English segments."""

    def is_low(self, threshold: float) -> bool:
        """Not reviewed yet (auto) and scoring below ``threshold``: what
        ``next_bead(..., "low")`` finds and ``summary().low_confidence`` counts."""
        return self.status == "auto" and self.score is not None and self.score < threshold


def _mark(row: Sequence[Any]) -> BeadMark:
    # SQLite hands back ints, floats and strs already: no conversions (10,000 of these
    # are made when the review screen opens)
    bead_id, doc, pos, score, status, findings, n_tr, n_en = row
    return BeadMark(bead_id, doc, (doc, pos), score, status, findings, n_tr, n_en)


def bead_marks(project: Project) -> list[BeadMark]:
    """The marks of every bead, in project order."""
    with project.file.read() as conn:
        rows = conn.execute(_SQL + " ORDER BY b.document_id, b.pos").fetchall()
    return [_mark(r) for r in rows]


def bead_marks_by_id(project: Project, bead_ids: Iterable[int]) -> list[BeadMark]:
    """The marks of the beads with these ids that exist (any order)."""
    ids = json.dumps(sorted({int(i) for i in bead_ids}))
    with project.file.read() as conn:
        rows = conn.execute(
            _SQL + " WHERE b.id IN (SELECT value FROM json_each(?))", (ids,)
        ).fetchall()
    return [_mark(r) for r in rows]


def bead_statuses(project: Project, bead_ids: Iterable[int]) -> dict[int, str]:
    """``bead id -> status`` of the beads with these ids that exist: all a status change
    (confirming, rejecting, their undo) alters in a mark, read far faster than the marks."""
    ids = json.dumps(sorted({int(i) for i in bead_ids}))
    with project.file.read() as conn:
        rows = conn.execute(
            "SELECT id, status FROM beads WHERE id IN (SELECT value FROM json_each(?))", (ids,)
        ).fetchall()
    return {int(b): str(status) for b, status in rows}


def bead_texts(
    project: Project, bead_ids: Iterable[int] | None = None
) -> dict[int, tuple[str, str]]:
    """``bead id -> (Turkish text, English text)``, each side's segments joined with a space
    (as :attr:`~.values.BeadRow.tr_text` does), for every bead or for these ones."""
    sql = "SELECT bead_id, side, text FROM segments"
    args: tuple[str, ...] = ()
    if bead_ids is not None:
        sql += " WHERE bead_id IN (SELECT value FROM json_each(?))"
        args = (json.dumps(sorted({int(i) for i in bead_ids})),)
    parts: dict[int, tuple[list[str], list[str]]] = {}
    with project.file.read() as conn:
        for bead_id, side, text in conn.execute(sql + " ORDER BY bead_id, side DESC, ord", args):
            tr, en = parts.setdefault(int(bead_id), ([], []))
            (tr if side == "tr" else en).append(str(text))
    return {b: (" ".join(tr), " ".join(en)) for b, (tr, en) in parts.items()}
