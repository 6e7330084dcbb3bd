"""The operations a reviewer performs, each one transaction, each undoable.

Every operation returns the journal entry it made (:class:`Operation`, with
the bead to focus next), or None when it changed nothing (confirming a
confirmed bead), in which case nothing is journaled. An operation that
cannot be done (merging the last bead with the next) raises
:class:`StoreError` and changes nothing.

Rules that hold for all of them:

* A bead whose segments change goes back to ``auto``: "confirmed" always
  means a reviewer approved exactly what is stored. A bead made or reshaped
  by hand (merge, split, move, insert) loses its aligner score (None);
  editing or splitting a segment's text keeps it.
* A bead whose content changes loses its QA findings, and gets new ones if a
  checker is attached (:attr:`checker`); undo brings the old ones back.
* Undo and redo are linear: a new operation discards what was undone.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from .findings import Checker, Findings, insert_finding
from .journal import Recorder, apply_changes, bead_ids_in, decode, encode
from .values import STATUSES, Operation

__all__ = ["GAP", "Checker", "Operations"]

GAP = 1 << 20
"""Spacing of bead positions: room for 20 splits at one place before a renumbering."""

_SIDES = {"tr": "Turkish", "en": "English"}
_DIRECTIONS = ("previous", "next")


def _side(side: str) -> str:
    if side not in _SIDES:
        raise StoreError(f"side must be 'tr' or 'en', not {side!r}")
    return side


def _direction(direction: str) -> str:
    if direction not in _DIRECTIONS:
        raise StoreError(f"direction must be 'previous' or 'next', not {direction!r}")
    return direction


class _Op:
    """The state of one running operation."""

    def __init__(self, project: Operations, conn: sqlite3.Connection) -> None:
        self.project = project
        self.conn = conn
        self.rec = Recorder(conn)
        self.now = project.clock()
        self.description = ""
        self.focus: int | None = None
        self.params: dict[str, Any] = {}
        self._recheck: dict[int, None] = {}
        self.result: Operation | None = None
        """The journal entry, once the operation is recorded (None: nothing changed)."""

    # -- reading inside the transaction ---------------------------------------
    def bead(self, bead_id: int) -> tuple[int, int, str]:
        """``(document_id, pos, status)`` of a bead, or StoreError."""
        row = self.conn.execute(
            "SELECT document_id, pos, status FROM beads WHERE id = ?", (bead_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no bead with id {bead_id}", path=self.project.path)
        return int(row[0]), int(row[1]), str(row[2])

    def number(self, bead_id: int) -> str:
        """``#N``: the bead's 1-based number in project order, for messages."""
        doc, pos, _ = self.bead(bead_id)
        n = self.conn.execute(
            "SELECT count(*) FROM beads WHERE document_id < ? OR (document_id = ? AND pos < ?)",
            (doc, doc, pos),
        ).fetchone()[0]
        return f"#{n + 1}"

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
        raise StoreError("no room to insert a bead", path=self.project.path)  # pragma: no cover

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
            changed_by=self.project.user, changed_at=self.now,
        )

    def delete_bead(self, bead_id: int) -> None:
        self._drop_findings(bead_id)
        self.rec.delete("beads", [bead_id])
        self._recheck.pop(bead_id, None)

    def changed(self, bead_id: int, *, keep_score: bool) -> None:
        """The bead's content changed: back to auto, by whom and when, findings stale."""
        values: dict[str, Any] = {
            "status": "auto", "changed_by": self.project.user, "changed_at": self.now,
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
        checker = self.project.checker
        if checker is None or not self._recheck:
            return
        for bead in self.project.beads_by_id(self._recheck):
            for f in checker(bead):
                insert_finding(self.rec.insert, bead.id, f)


class Operations(Findings):
    """The write side of :class:`~align.store.Project`: reviewing and correcting beads."""

    @contextmanager
    def _op(self, kind: str) -> Iterator[_Op]:
        with self._write() as conn:
            op = _Op(self, conn)
            yield op
            op.finish()
            changes = op.rec.changes()
            if not changes:
                return
            conn.execute("DELETE FROM operations WHERE undone = 1")
            cur = conn.execute(
                "INSERT INTO operations (kind, description, focus, changes, created_at, who) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (kind, op.description, op.focus, encode(changes), op.now, self.user),
            )
            op.result = Operation(
                id=int(cur.lastrowid or 0), kind=kind, description=op.description,
                focus=op.focus, beads=bead_ids_in(changes), created_at=op.now, who=self.user,
            )

    # -- status -----------------------------------------------------------------
    def set_status(self, bead_ids: Sequence[int], status: str) -> Operation | None:
        """Set the status of one or more beads (one operation); None if none changed."""
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        verb = {"auto": "reset", "confirmed": "confirm", "rejected": "reject"}[status]
        kind = {"auto": "reset", "confirmed": "confirm", "rejected": "reject"}[status]
        with self._op(kind) as op:
            for bead_id in bead_ids:
                if op.bead(bead_id)[2] != status:
                    op.rec.update(
                        "beads", bead_id, status=status, changed_by=self.user,
                        changed_at=op.now,
                    )
            if len(bead_ids) == 1:
                op.description = f"{verb} bead {op.number(bead_ids[0])}"
            else:
                op.description = f"{verb} {len(bead_ids)} beads"
            op.focus = bead_ids[-1] if bead_ids else None
        return op.result

    def confirm(self, bead_id: int) -> Operation | None:
        """Mark the bead as checked and right."""
        return self.set_status([bead_id], "confirmed")

    def reject(self, bead_id: int) -> Operation | None:
        """Mark the bead as wrong (left out of TMX exports unless asked)."""
        return self.set_status([bead_id], "rejected")

    def reset_status(self, bead_id: int) -> Operation | None:
        """Take back a confirmation or rejection."""
        return self.set_status([bead_id], "auto")

    # -- bead structure -----------------------------------------------------------
    def merge(self, bead_id: int, direction: str = "next") -> Operation | None:
        """Merge the bead with the next (or previous) bead of its document."""
        _direction(direction)
        with self._op("merge") as op:
            other = op.neighbour(bead_id, direction)
            if other is None:
                where = "last" if direction == "next" else "first"
                raise StoreError(
                    f"bead {op.number(bead_id)} is the {where} bead of its document: there is "
                    f"no {direction} bead to merge it with",
                    path=self.path,
                )
            first, second = (bead_id, other) if direction == "next" else (other, bead_id)
            op.description = f"merge bead {op.number(bead_id)} with the {direction}"
            for side in _SIDES:
                ords = [o for _s, o in op.segments(first, side)]
                base = max(ords) + 1 if ords else 0
                for k, (seg, _o) in enumerate(op.segments(second, side)):
                    op.rec.update("segments", seg, bead_id=first, ord=base + k)
            op.delete_bead(second)
            op.changed(first, keep_score=False)
            op.focus = first
        return op.result

    def split_bead(self, bead_id: int, tr_at: int, en_at: int) -> Operation | None:
        """Split a bead in two: its first ``tr_at`` Turkish and ``en_at`` English segments
        stay, the rest go to a new bead right after it. Both parts must hold a segment;
        ``split_bead(b, 1, 0)`` on a 1:1 bead makes a 1:0 and a 0:1 bead."""
        with self._op("split_bead") as op:
            doc, _pos, _ = op.bead(bead_id)
            tr, en = op.segments(bead_id, "tr"), op.segments(bead_id, "en")
            if not (0 <= tr_at <= len(tr) and 0 <= en_at <= len(en)):
                raise StoreError(
                    f"bead {op.number(bead_id)} has {len(tr)} Turkish and {len(en)} English "
                    f"segments: cannot split after {tr_at} and {en_at}",
                    path=self.path,
                )
            if tr_at + en_at == 0 or (tr_at, en_at) == (len(tr), len(en)):
                raise StoreError(
                    "a split must leave at least one segment in each part", path=self.path
                )
            op.description = f"split bead {op.number(bead_id)}"
            (pos,) = op.room(doc, bead_id, op.neighbour(bead_id, "next"), 1)
            new = op.new_bead(doc, pos)
            for seg, _o in tr[tr_at:] + en[en_at:]:
                op.rec.update("segments", seg, bead_id=new)
            op.changed(bead_id, keep_score=False)
            op.changed(new, keep_score=False)
            op.focus = bead_id
        return op.result

    def move_segment(self, bead_id: int, side: str, direction: str) -> Operation | None:
        """Move the first segment of one side to the end of the previous bead
        (``previous``), or the last one to the start of the next bead (``next``).

        At the start or end of a document the segment gets a bead of its own
        (1:0 or 0:1). A bead left with no segment at all is deleted.
        """
        _side(side)
        _direction(direction)
        with self._op("move_segment") as op:
            doc = op.bead(bead_id)[0]
            segs = op.segments(bead_id, side)
            if not segs:
                raise StoreError(
                    f"bead {op.number(bead_id)} has no {_SIDES[side]} segment to move",
                    path=self.path,
                )
            op.description = (
                f"move the {'first' if direction == 'previous' else 'last'} {_SIDES[side]} "
                f"segment of bead {op.number(bead_id)} to the {direction} bead"
            )
            target = op.neighbour(bead_id, direction)
            if direction == "previous":
                seg = segs[0][0]
                if target is None:
                    (pos,) = op.room(doc, None, bead_id, 1)
                    target, ord_ = op.new_bead(doc, pos), 0
                else:
                    ords = [o for _s, o in op.segments(target, side)]
                    ord_ = max(ords) + 1 if ords else 0
            else:
                seg = segs[-1][0]
                if target is None:
                    (pos,) = op.room(doc, bead_id, None, 1)
                    target, ord_ = op.new_bead(doc, pos), 0
                else:
                    ords = [o for _s, o in op.segments(target, side)]
                    ord_ = min(ords) - 1 if ords else 0
            op.rec.update("segments", seg, bead_id=target, ord=ord_)
            other = "en" if side == "tr" else "tr"
            if len(segs) == 1 and not op.segments(bead_id, other):
                op.delete_bead(bead_id)
                op.focus = target
            else:
                op.changed(bead_id, keep_score=False)
                op.focus = bead_id
            op.changed(target, keep_score=False)
        return op.result

    def insert_counterpart(self, bead_id: int, side: str) -> Operation | None:
        """Give a 1:0 bead an empty English segment (``side="en"``), or a 0:1 bead an
        empty Turkish one, to type the missing translation into with :meth:`edit_segment`."""
        _side(side)
        with self._op("insert_counterpart") as op:
            doc, pos, _ = op.bead(bead_id)
            if op.segments(bead_id, side):
                raise StoreError(
                    f"bead {op.number(bead_id)} already has a {_SIDES[side]} side; split the "
                    "bead or move a segment out first",
                    path=self.path,
                )
            row = op.conn.execute(
                "SELECT s.paragraph FROM segments s JOIN beads b ON b.id = s.bead_id "
                "WHERE b.document_id = ? AND b.pos <= ? AND s.side = ? "
                "ORDER BY b.pos DESC, s.ord DESC LIMIT 1",
                (doc, pos, side),
            ).fetchone()
            op.description = f"insert an empty {_SIDES[side]} segment in bead {op.number(bead_id)}"
            op.rec.insert(
                "segments", bead_id=bead_id, side=side, ord=0, text="", char_start=None,
                char_end=None, paragraph=0 if row is None else row[0], original=None,
            )
            op.changed(bead_id, keep_score=False)
            op.focus = bead_id
        return op.result

    # -- segment text -------------------------------------------------------------
    def _segment(self, op: _Op, segment_id: int) -> tuple[Any, ...]:
        row = op.conn.execute(
            "SELECT bead_id, side, ord, text, char_start, char_end, paragraph, original "
            "FROM segments WHERE id = ?",
            (segment_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no segment with id {segment_id}", path=self.path)
        return tuple(row)

    def edit_segment(self, segment_id: int, text: str) -> Operation | None:
        """Replace a segment's text (outer white space removed, NFC). The first edit keeps
        the original text; editing back to it makes the segment unedited again."""
        new = unicodedata.normalize("NFC", text).strip()
        with self._op("edit_segment") as op:
            bead_id, side, _ord, old, *_rest, original = self._segment(op, segment_id)
            if new == old:
                return None
            first = old if original is None else original
            op.rec.update(
                "segments", segment_id, text=new, original=None if new == first else first
            )
            op.description = f"edit a {_SIDES[side]} segment of bead {op.number(bead_id)}"
            op.changed(bead_id, keep_score=True)
            op.focus = bead_id
        return op.result

    def split_segment(self, segment_id: int, at: int) -> Operation | None:
        """Split a segment's text at character ``at`` into two segments of the same bead
        (white space at the cut is dropped); both pieces must hold text."""
        with self._op("split_segment") as op:
            bead_id, side, ord_, text, start, end, paragraph, original = self._segment(
                op, segment_id
            )
            left, rest = text[:at].rstrip(), text[at:]
            right = rest.lstrip()
            if not 0 < at < len(text) or not left or not right:
                raise StoreError(
                    f"cannot split the segment at {at}: both pieces must hold text "
                    f"(the segment has {len(text)} characters)",
                    path=self.path,
                )
            for seg, o in op.segments(bead_id, side):
                if o > ord_:
                    op.rec.update("segments", seg, ord=o + 1)
            exact = original is None and start is not None
            r_start = start + at + len(rest) - len(right) if exact else None
            op.rec.update(
                "segments", segment_id, text=left, char_end=start + len(left) if exact else end
            )
            op.rec.insert(
                "segments", bead_id=bead_id, side=side, ord=ord_ + 1, text=right,
                char_start=r_start, char_end=None if r_start is None else r_start + len(right),
                paragraph=paragraph, original=None if exact else "",
            )
            op.description = f"split a {_SIDES[side]} segment of bead {op.number(bead_id)}"
            op.changed(bead_id, keep_score=True)
            op.focus = bead_id
        return op.result

    # -- undo / redo --------------------------------------------------------------
    def undo(self) -> Operation | None:
        """Undo the latest operation not undone yet; None if there is none."""
        return self._step(undo=True)

    def redo(self) -> Operation | None:
        """Redo the operation undone last; None if there is none."""
        return self._step(undo=False)

    def _step(self, *, undo: bool) -> Operation | None:
        with self._write() as conn:
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
        with self._read() as conn:
            return conn.execute("SELECT 1 FROM beads WHERE id = ?", (bead_id,)).fetchone() \
                is not None
