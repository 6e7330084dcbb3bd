"""The edit journal: recording each operation, undo and redo, the history.

Every operation runs inside :meth:`Journal.record`: one write transaction in
which it changes rows through a :class:`~.pending.PendingOperation`. When it
ends, the changed beads' findings are recomputed, and the before and after
images of every changed row (:mod:`.recorder`) are stored as one journal
entry, in the same transaction. Undo writes the before images back, redo the
after images. Because the journal is a table, undo and redo survive a
restart; because operations are whole transactions, a crash loses at most the
operation that had not returned yet. Undo and redo are linear: a new
operation discards what was undone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .base import ProjectFile
from .findings import Findings
from .pending import PendingOperation
from .recorder import apply_changes, bead_ids_in, decode, encode
from .values import Operation

__all__ = ["Journal"]


class Journal:
    """Records operations and takes them back (part of :class:`~align.store.Project`)."""

    def __init__(self, file: ProjectFile, findings: Findings) -> None:
        self.file = file
        """The open project file."""
        self.findings = findings
        """The findings, recomputed for the beads an operation changes."""

    @contextmanager
    def record(self, kind: str) -> Iterator[PendingOperation]:
        """Run one operation of ``kind`` in a write transaction and journal what it changed
        (nothing is journaled if nothing changed); its entry is then ``op.result``."""
        with self.file.write() as conn:
            op = PendingOperation(self.file, self.findings, conn)
            yield op
            op.finish()
            changes = op.rec.changes()
            if not changes:
                return
            conn.execute("DELETE FROM operations WHERE undone = 1")
            who = self.file.user
            cur = conn.execute(
                "INSERT INTO operations (kind, description, focus, changes, created_at, who) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (kind, op.description, op.focus, encode(changes), op.now, who),
            )
            op.result = Operation(
                id=int(cur.lastrowid or 0), kind=kind, description=op.description,
                focus=op.focus, beads=bead_ids_in(changes), created_at=op.now, who=who,
            )

    def undo(self) -> Operation | None:
        """Undo the latest operation not undone yet; None if there is none."""
        return self._step(undo=True)

    def redo(self) -> Operation | None:
        """Redo the operation undone last; None if there is none."""
        return self._step(undo=False)

    def _step(self, *, undo: bool) -> Operation | None:
        with self.file.write() as conn:
            row = conn.execute(
                "SELECT id, kind, description, focus, changes, created_at, who FROM operations "
                + ("WHERE undone = 0 ORDER BY id DESC" if undo else "WHERE undone = 1 ORDER BY id")
                + " LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            changes = decode(row[4])
            apply_changes(conn, changes, undo=undo)
            conn.execute("UPDATE operations SET undone = ? WHERE id = ?", (int(undo), row[0]))
        beads = bead_ids_in(changes)
        focus = row[3]
        if focus is None or not self._exists(focus):
            focus = next((b for b in beads if self._exists(b)), None)
        return Operation(
            id=row[0], kind=row[1], description=row[2], focus=focus, beads=beads,
            created_at=row[5], who=row[6], undone=undo,
        )

    def _exists(self, bead_id: int) -> bool:
        with self.file.read() as conn:
            return conn.execute("SELECT 1 FROM beads WHERE id = ?", (bead_id,)).fetchone() \
                is not None

    def history(self, limit: int = 50) -> list[Operation]:
        """The latest operations, newest first (undone ones included, marked)."""
        with self.file.read() as conn:
            rows = conn.execute(
                "SELECT id, kind, description, focus, changes, created_at, who, undone "
                "FROM operations ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [_operation(r) for r in rows]

    @property
    def can_undo(self) -> bool:
        """Whether there is an operation to undo."""
        return self._any("undone = 0")

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone operation to redo."""
        return self._any("undone = 1")

    def _any(self, condition: str) -> bool:
        with self.file.read() as conn:
            found = conn.execute(f"SELECT 1 FROM operations WHERE {condition} LIMIT 1")
            return found.fetchone() is not None


def _operation(row: Sequence[Any]) -> Operation:
    return Operation(
        id=row[0],
        kind=row[1],
        description=row[2],
        focus=row[3],
        beads=bead_ids_in(decode(row[4])),
        created_at=row[5],
        who=row[6],
        undone=bool(row[7]),
    )
