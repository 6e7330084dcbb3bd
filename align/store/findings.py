"""QA findings on beads: storing them, and the checker hook that recomputes them.

Findings are derived data: a checker (``Checker``, provided from above, e.g.
:func:`align.review.checks.qa_checker`) can always recompute them from a bead.
Operations drop a changed bead's findings and ask :attr:`Findings.checker`
for new ones inside the same transaction (so undo restores the old ones);
the methods here write findings directly and are not journaled.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from ..errors import StoreError
from .base import ProjectFile
from .queries import Queries
from .recorder import inserter
from .values import BeadRow, Finding, NewFinding

__all__ = ["Checker", "Findings", "insert_finding"]

Checker = Callable[[BeadRow], Iterable[NewFinding]]
"""Computes the QA findings of a bead (the glossary/QA module provides one)."""


def insert_finding(insert: Callable[..., int], bead_id: int, f: NewFinding) -> int:
    """Store ``f`` on a bead through ``insert`` (a Recorder's, or a plain one)."""
    if f.severity not in ("error", "warning", "info"):
        raise StoreError(f"a finding's severity must be error, warning or info, not {f.severity!r}")
    return insert(
        "findings",
        bead_id=bead_id,
        kind=f.kind,
        severity=f.severity,
        tr_start=None if f.tr_span is None else f.tr_span[0],
        tr_end=None if f.tr_span is None else f.tr_span[1],
        en_start=None if f.en_span is None else f.en_span[0],
        en_end=None if f.en_span is None else f.en_span[1],
        message=f.message,
    )


class Findings:
    """A project's QA findings: reading and storing them, and the checker that recomputes
    them (part of :class:`~align.store.Project`)."""

    def __init__(self, file: ProjectFile, queries: Queries) -> None:
        self.file = file
        """The open project file."""
        self.queries = queries
        """The read side (the beads a recheck reads)."""
        self.checker: Checker | None = None
        """Recomputes a changed bead's QA findings inside each operation (None: none)."""

    def findings(
        self, bead_id: int | None = None, *, document_id: int | None = None
    ) -> list[Finding]:
        """QA findings of one bead, one document, or the whole project, in project order."""
        where, args = "", ()  # type: tuple[str, tuple[int, ...]]
        if bead_id is not None:
            where, args = "WHERE f.bead_id = ?", (bead_id,)
        elif document_id is not None:
            where, args = "WHERE b.document_id = ?", (document_id,)
        sql = (
            "SELECT f.id, b.document_id, f.bead_id, f.kind, f.severity, f.tr_start, f.tr_end, "
            "f.en_start, f.en_end, f.message FROM findings f JOIN beads b ON b.id = f.bead_id "
            f"{where} ORDER BY b.document_id, b.pos, f.id"
        )
        with self.file.read() as conn:
            rows = conn.execute(sql, args).fetchall()
        return [
            Finding(
                r[0], r[1], r[2], r[3], r[4],
                None if r[5] is None else (r[5], r[6]),
                None if r[7] is None else (r[7], r[8]),
                r[9],
            )
            for r in rows
        ]


    def replace_findings(self, bead_id: int, findings: Iterable[NewFinding]) -> None:
        """Replace a bead's QA findings (e.g. after the glossary changed). Not an
        operation: findings are recomputable, so this is not journaled."""
        with self.file.write() as conn:
            conn.execute("DELETE FROM findings WHERE bead_id = ?", (bead_id,))
            self._insert_findings(conn, bead_id, findings)

    def add_findings(self, bead_id: int, findings: Iterable[NewFinding]) -> None:
        """Add QA findings to a bead (not journaled)."""
        with self.file.write() as conn:
            self._insert_findings(conn, bead_id, findings)

    def recheck(self, checker: Checker | None = None, *, document_id: int | None = None) -> int:
        """Recompute the findings of every bead (of one document) with ``checker`` (default:
        :attr:`checker`), in one transaction; not journaled. Returns the number of findings."""
        checker = checker or self.checker
        if checker is None:
            raise StoreError("no QA checker to run", path=self.file.path)
        beads = (
            self.queries.beads(document_id=document_id) if document_id else self.queries.beads()
        )
        found = [(b.id, list(checker(b))) for b in beads]
        with self.file.write() as conn:
            insert = inserter(conn)
            for bead_id, findings in found:
                conn.execute("DELETE FROM findings WHERE bead_id = ?", (bead_id,))
                for f in findings:
                    insert_finding(insert, bead_id, f)
        return sum(len(f) for _b, f in found)

    def clear_findings(self, document_id: int | None = None) -> None:
        """Remove the QA findings of one document or of the whole project (not journaled)."""
        with self.file.write() as conn:
            if document_id is None:
                conn.execute("DELETE FROM findings")
            else:
                conn.execute(
                    "DELETE FROM findings WHERE bead_id IN "
                    "(SELECT id FROM beads WHERE document_id = ?)",
                    (document_id,),
                )

    def _insert_findings(
        self, conn: sqlite3.Connection, bead_id: int, findings: Iterable[NewFinding]
    ) -> None:
        if conn.execute("SELECT 1 FROM beads WHERE id = ?", (bead_id,)).fetchone() is None:
            raise StoreError(f"there is no bead with id {bead_id}", path=self.file.path)

        insert = inserter(conn)
        for f in findings:
            insert_finding(insert, bead_id, f)
