"""One operation being made: reading inside its transaction, writing through the journal.

An operation (:mod:`.operations`, :meth:`~.mixed.MixedArticles.rematch`)
runs inside :meth:`.journal.Journal.record`, which opens the write
transaction and hands it a :class:`PendingOperation`. Every row the
operation changes goes through the pending operation's
:class:`~.journal.Recorder`, which keeps its image from before the change,
so the journal can undo it. Beads sit at integer positions ``GAP`` apart in
their document, so a bead can be put between two others without moving any.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from .base import ProjectFile
from .findings import Findings, insert_finding
from .queries import bead_place
from .recorder import Recorder
from .values import Operation

__all__ = ["FRAGMENT_HINT", "GAP", "PendingOperation", "refuse_fragment"]

GAP = 1 << 20
"""Spacing of bead positions: room for 20 splits at one place before a renumbering."""

FRAGMENT_HINT = (
    "to pair the fragment with another English sentence of the article, or with none, "
    "use rematch"
)
"""What to do instead of an operation that makes no sense for a fragment bead."""


class PendingOperation:
    """One operation being made, inside its write transaction: what it reads, and what it
    writes through the journal's :class:`Recorder` (so it can be undone)."""

    def __init__(self, file: ProjectFile, findings: Findings, conn: sqlite3.Connection) -> None:
        self.file = file
        self.findings = findings
        self.conn = conn
        self.rec = Recorder(conn)
        self.now = file.clock()
        self.description = ""
        self.focus: int | None = None
        self._recheck: dict[int, None] = {}
        self.result: Operation | None = None
        """The journal entry, once the operation is recorded (None: nothing changed)."""

    # -- reading inside the transaction ---------------------------------------
    def bead(self, bead_id: int) -> tuple[int, int, str]:
        """``(document_id, pos, status)`` of a bead, or StoreError."""
        return bead_place(self.conn, bead_id, self.file.path)

    def statuses(self, bead_ids: Sequence[int]) -> dict[int, str]:
        """``bead id -> status`` of those of these beads that exist (read in batches)."""
        out: dict[int, str] = {}
        for k in range(0, len(bead_ids), 500):
            part = list(bead_ids[k : k + 500])
            marks = ",".join("?" * len(part))
            for bead_id, status in self.conn.execute(
                f"SELECT id, status FROM beads WHERE id IN ({marks})", part
            ):
                out[int(bead_id)] = str(status)
        return out

    def number(self, bead_id: int) -> str:
        """``#N``: the bead's 1-based number in project order, for messages."""
        doc, pos, _ = self.bead(bead_id)
        return _number(self.conn, doc, pos)

    def segments(self, bead_id: int, side: str) -> list[tuple[int, int]]:
        """``(segment id, ord)`` of one side of a bead, in order."""
        return [
            (int(a), int(b))
            for a, b in self.conn.execute(
                "SELECT id, ord FROM segments WHERE bead_id = ? AND side = ? ORDER BY ord",
                (bead_id, side),
            )
        ]

    def neighbour(self, bead_id: int, direction: str) -> int | None:
        """The id of the previous/next bead in the same document, or None."""
        doc, pos, _ = self.bead(bead_id)
        cmp, order = ("<", "DESC") if direction == "previous" else (">", "ASC")
        row = self.conn.execute(
            f"SELECT id FROM beads WHERE document_id = ? AND pos {cmp} ? "
            f"ORDER BY pos {order} LIMIT 1",
            (doc, pos),
        ).fetchone()
        return None if row is None else int(row[0])

    def refuse_fragment(self, bead_id: int, what: str) -> None:
        """See :func:`refuse_fragment`."""
        refuse_fragment(self.conn, bead_id, what, self.file.path)

    # -- writing ----------------------------------------------------------------
    def room(self, doc: int, lo: int | None, hi: int | None, count: int) -> list[int]:
        """``count`` increasing positions strictly between beads ``lo`` and ``hi`` (ids;
        None: the document's start or end). Renumbers the document when there is no room."""
        for _ in range(2):
            lo_pos = None if lo is None else self.bead(lo)[1]
            hi_pos = None if hi is None else self.bead(hi)[1]
            if lo_pos is None and hi_pos is None:
                return [GAP * (k + 1) for k in range(count)]
            if lo_pos is None:
                assert hi_pos is not None
                lo_pos = hi_pos - GAP * (count + 1)
            if hi_pos is None:
                hi_pos = lo_pos + GAP * (count + 1)
            step = (hi_pos - lo_pos) // (count + 1)
            if step >= 1:
                return [lo_pos + step * (k + 1) for k in range(count)]
            self._renumber(doc)
        raise StoreError("no room to insert a bead", path=self.file.path)  # pragma: no cover

    def _renumber(self, doc: int) -> None:
        ids = [
            int(r[0])
            for r in self.conn.execute(
                "SELECT id FROM beads WHERE document_id = ? ORDER BY pos", (doc,)
            )
        ]
        for k, bead_id in enumerate(ids):
            self.rec.update("beads", bead_id, pos=GAP * (k + 1))

    def new_bead(self, doc: int, pos: int, score: float | None = None) -> int:
        return self.rec.insert(
            "beads", document_id=doc, pos=pos, score=score, status="auto",
            changed_by=self.file.user, changed_at=self.now,
        )

    def delete_bead(self, bead_id: int) -> None:
        self._drop_findings(bead_id)
        self.rec.delete("beads", [bead_id])
        self._recheck.pop(bead_id, None)

    def changed(self, bead_id: int, *, keep_score: bool) -> None:
        """The bead's content changed: back to auto, by whom and when, findings stale."""
        values: dict[str, Any] = {
            "status": "auto", "changed_by": self.file.user, "changed_at": self.now,
        }
        if not keep_score:
            values["score"] = None
        self.rec.update("beads", bead_id, **values)
        self.content_changed(bead_id)

    def content_changed(self, bead_id: int) -> None:
        """Drop the bead's findings now; recompute them at the end if there is a checker."""
        self._drop_findings(bead_id)
        self._recheck[bead_id] = None

    def _drop_findings(self, bead_id: int) -> None:
        ids = [
            int(r[0])
            for r in self.conn.execute("SELECT id FROM findings WHERE bead_id = ?", (bead_id,))
        ]
        if ids:
            self.rec.delete("findings", ids)

    def finish(self) -> None:
        """Recompute the findings of the beads whose content changed."""
        checker = self.findings.checker
        if checker is None or not self._recheck:
            return
        for bead in self.findings.queries.beads_by_id(self._recheck):
            for f in checker(bead):
                insert_finding(self.rec.insert, bead.id, f)


def _number(conn: sqlite3.Connection, doc: int, pos: int) -> str:
    """``#N``: the 1-based number in project order of the bead at ``pos`` in ``doc``."""
    n = conn.execute(
        "SELECT count(*) FROM beads WHERE document_id < ? OR (document_id = ? AND pos < ?)",
        (doc, doc, pos),
    ).fetchone()[0]
    return f"#{n + 1}"


def refuse_fragment(conn: sqlite3.Connection, bead_id: int, what: str, path: str) -> None:
    """StoreError if the bead is a Turkish fragment of a mixed article, which ``what``
    (e.g. merging) makes no sense for; the message says to use rematch instead."""
    row = conn.execute(
        "SELECT d.kind, d.name, b.document_id, b.pos FROM beads b "
        "JOIN documents d ON d.id = b.document_id WHERE b.id = ?",
        (bead_id,),
    ).fetchone()
    if row is not None and row[0] == "mixed":
        raise StoreError(
            f"bead {_number(conn, row[2], row[3])} is a Turkish fragment of the mixed article "
            f"{row[1]!r}: {what}; {FRAGMENT_HINT}",
            path=path,
        )
