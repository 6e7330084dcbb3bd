"""The operations a reviewer performs, each one transaction, each undoable.

Every operation returns the journal entry it made (:class:`Operation`, with
the bead to focus next), or None when it changed nothing (confirming a
confirmed bead), in which case nothing is journaled. An operation that
cannot be done (merging the last bead with the next) raises
:class:`StoreError` and changes nothing.

Rules that hold for all of them:

* A bead whose segments change goes back to ``auto``: "confirmed" always
  means a reviewer approved exactly what is stored. A bead made or reshaped
  by hand (merge, split, move, insert, splitting a segment's text) loses its
  aligner score (None); editing a segment's text keeps it, and may keep the
  bead confirmed when the reviewer says so (``keep_status``).
* A bead whose content changes loses its QA findings, and gets new ones if a
  checker is attached (:attr:`~.findings.Findings.checker`); undo brings the
  old ones back (:mod:`.journal`).
* Merging, splitting and moving segments make no sense for a Turkish
  fragment of a mixed article (:mod:`.mixed`) and are refused, saying to use
  rematch.

:meth:`Edits.replace_stretch` is the store's half of re-aligning a stretch:
the aligner (one layer up, :mod:`align.review.realign`) plans the new beads,
and this writes them, checking first that the stretch is still as it was read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from .base import ProjectFile
from .journal import Journal
from .pending import PendingOperation
from .queries import Queries
from .values import STATUSES, BeadRow, Operation

__all__ = ["Edits", "StretchBead", "stretch_shape"]

StretchBead = tuple[tuple[int, ...], tuple[int, ...], float]
"""A bead planned for a re-aligned stretch: Turkish segment ids, English segment ids,
score."""

_SIDES = {"tr": "Turkish", "en": "English"}
_A_SIDE = {"tr": "a Turkish", "en": "an English"}
_DIRECTIONS = ("previous", "next")


def _side(side: str) -> str:
    if side not in _SIDES:
        raise StoreError(f"side must be 'tr' or 'en', not {side!r}")
    return side


def _direction(direction: str) -> str:
    if direction not in _DIRECTIONS:
        raise StoreError(f"direction must be 'previous' or 'next', not {direction!r}")
    return direction


class Edits:
    """The reviewer's operations on beads (part of :class:`~align.store.Project`)."""

    def __init__(self, file: ProjectFile, queries: Queries, journal: Journal) -> None:
        self.file = file
        """The open project file."""
        self.queries = queries
        """The read side."""
        self.journal = journal
        """Where each operation is recorded."""

    # -- status -----------------------------------------------------------------
    def set_status(self, bead_ids: Sequence[int], status: str) -> Operation | None:
        """Set the status of one or more beads (one operation, one undo step, however many
        beads: 10,000 take a few tens of milliseconds); None if none changed. Every bead
        must exist (StoreError, nothing changed)."""
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        verb = {"auto": "reset", "confirmed": "confirm", "rejected": "reject"}[status]
        kind = {"auto": "reset", "confirmed": "confirm", "rejected": "reject"}[status]
        ids = list(dict.fromkeys(int(b) for b in bead_ids))
        with self.journal.record(kind) as op:
            if len(ids) == 1:
                # one bead, the common case: its number is part of the description
                if op.bead(ids[0])[2] != status:
                    op.rec.update(
                        "beads", ids[0], status=status, changed_by=self.file.user,
                        changed_at=op.now,
                    )
                op.description = f"{verb} bead {op.number(ids[0])}"
            else:
                # many beads (a bulk confirmation of thousands): read and write in batches
                current = op.statuses(ids)
                missing = [b for b in ids if b not in current]
                if missing:
                    raise StoreError(f"there is no bead with id {missing[0]}",
                                     path=self.file.path)
                change = [b for b in ids if current[b] != status]
                op.rec.update_many(
                    "beads", change, status=status, changed_by=self.file.user,
                    changed_at=op.now,
                )
                op.description = f"{verb} {len(change)} bead{'s' if len(change) != 1 else ''}"
            # undoing a bulk confirmation goes back to where it started, not to its end
            op.focus = ids[0] if ids else None
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
        with self.journal.record("merge") as op:
            op.refuse_fragment(bead_id, "merging would put two fragments, or a fragment and "
                                        "another sentence, in one bead")
            other = op.neighbour(bead_id, direction)
            if other is None:
                where = "last" if direction == "next" else "first"
                raise StoreError(
                    f"bead {op.number(bead_id)} is the {where} bead of its document: there is "
                    f"no {direction} bead to merge it with",
                    path=self.file.path,
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
        with self.journal.record("split_bead") as op:
            op.refuse_fragment(bead_id, "it holds one fragment and its English and cannot be "
                                        "split")
            doc, _pos, _ = op.bead(bead_id)
            tr, en = op.segments(bead_id, "tr"), op.segments(bead_id, "en")
            if not (0 <= tr_at <= len(tr) and 0 <= en_at <= len(en)):
                raise StoreError(
                    f"bead {op.number(bead_id)} has {len(tr)} Turkish and {len(en)} English "
                    f"segments: cannot split after {tr_at} and {en_at}",
                    path=self.file.path,
                )
            if tr_at + en_at == 0 or (tr_at, en_at) == (len(tr), len(en)):
                raise StoreError(
                    "a split must leave at least one segment in each part", path=self.file.path
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
        with self.journal.record("move_segment") as op:
            op.refuse_fragment(bead_id, "its segments cannot move to a neighbouring bead "
                                        "(fragments are not a sequence of sentences)")
            doc = op.bead(bead_id)[0]
            segs = op.segments(bead_id, side)
            if not segs:
                raise StoreError(
                    f"bead {op.number(bead_id)} has no {_SIDES[side]} segment to move",
                    path=self.file.path,
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
        with self.journal.record("insert_counterpart") as op:
            doc, pos, _ = op.bead(bead_id)
            if side == "tr":
                op.refuse_fragment(bead_id, "its Turkish side is the fragment")
            elif op.segments(bead_id, "en"):
                op.refuse_fragment(bead_id, "it has an English side already")
            if op.segments(bead_id, side):
                raise StoreError(
                    f"bead {op.number(bead_id)} already has {_A_SIDE[side]} side; split the "
                    "bead or move a segment out first",
                    path=self.file.path,
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
    def _segment(self, op: PendingOperation, segment_id: int) -> tuple[Any, ...]:
        row = op.conn.execute(
            "SELECT bead_id, side, ord, text, char_start, char_end, paragraph, original "
            "FROM segments WHERE id = ?",
            (segment_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no segment with id {segment_id}", path=self.file.path)
        return tuple(row)

    def edit_segment(
        self, segment_id: int, text: str, *, keep_status: bool = False
    ) -> Operation | None:
        """Replace a segment's text (outer white space removed, NFC). The first edit keeps
        the original text; editing back to it makes the segment unedited again. The bead
        keeps its confidence (its sentences are the same ones) and goes back to ``auto``
        unless ``keep_status`` (the reviewer who edits it vouches for the new text)."""
        new = unicodedata.normalize("NFC", text).strip()
        with self.journal.record("edit_segment") as op:
            bead_id, side, _ord, old, *_rest, original = self._segment(op, segment_id)
            if new == old:
                return None
            first = old if original is None else original
            op.rec.update(
                "segments", segment_id, text=new, original=None if new == first else first
            )
            op.description = f"edit {_A_SIDE[side]} segment of bead {op.number(bead_id)}"
            if keep_status:
                op.rec.update("beads", bead_id, changed_by=self.file.user, changed_at=op.now)
                op.content_changed(bead_id)
            else:
                op.changed(bead_id, keep_score=True)
            op.focus = bead_id
        return op.result

    def split_segment(self, segment_id: int, at: int) -> Operation | None:
        """Split a segment's text at character ``at`` into two segments of the same bead
        (white space at the cut is dropped); both pieces must hold text."""
        with self.journal.record("split_segment") as op:
            bead_id, side, ord_, text, start, end, paragraph, original = self._segment(
                op, segment_id
            )
            op.refuse_fragment(bead_id, "its segments cannot be split (a fragment is one span "
                                        "of the article)")
            left, rest = text[:at].rstrip(), text[at:]
            right = rest.lstrip()
            if not 0 < at < len(text) or not left or not right:
                raise StoreError(
                    f"cannot split the segment at {at}: both pieces must hold text "
                    f"(the segment has {len(text)} characters)",
                    path=self.file.path,
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
            op.description = f"split {_A_SIDE[side]} segment of bead {op.number(bead_id)}"
            # the bead is reshaped (1:1 becomes 2:1): its confidence was for another shape
            op.changed(bead_id, keep_score=False)
            op.focus = bead_id
        return op.result

    # -- re-alignment ------------------------------------------------------------------
    def replace_stretch(
        self, bead_id: int, stretch: Sequence[BeadRow], plan: Sequence[StretchBead]
    ) -> Operation | None:
        """Replace the unconfirmed ``stretch`` around ``bead_id`` (its beads as read before
        re-aligning them, :meth:`~.queries.Queries.stretch`) with the beads of ``plan``:
        ``(Turkish segment ids, English segment ids, score)`` each, covering the stretch's
        segments once, in order. A planned bead identical to an old one keeps its id,
        status and findings. Refused, changing nothing, when the stretch is no longer as
        it was read. The focus is the new bead holding the chosen bead's first segment.
        """
        ids = tuple(b.id for b in stretch)
        chosen = stretch[ids.index(bead_id)]
        anchor = (chosen.tr or chosen.en)[0].id
        with self.journal.record("realign") as op:
            op.refuse_fragment(bead_id, "re-aligning is for document pairs")
            now = self.queries.beads_by_id(ids)
            if self.queries.stretch(bead_id) != ids or _shape(now) != _shape(stretch):
                raise StoreError(
                    "the beads changed while they were being re-aligned; nothing was changed, "
                    "try again",
                    path=self.file.path,
                )
            doc = stretch[0].document_id
            number = op.number(bead_id)
            old = {(t, e): b for b, t, e in _shape(stretch)}
            before = op.neighbour(ids[0], "previous")
            after = op.neighbour(ids[-1], "next")
            positions = op.room(doc, before, after, len(plan))
            kept: set[int] = set()
            for (t_ids, e_ids, score), pos in zip(plan, positions, strict=True):
                reused = old.get((t_ids, e_ids))
                if reused is not None:
                    kept.add(reused)
                    op.rec.update("beads", reused, pos=pos, score=score)
                    target = reused
                else:
                    target = op.rec.insert(
                        "beads", document_id=doc, pos=pos, score=score, status="auto",
                        changed_by=None, changed_at=None,
                    )
                    op.content_changed(target)
                for side_ids in (t_ids, e_ids):
                    for k, seg in enumerate(side_ids):
                        op.rec.update("segments", seg, bead_id=target, ord=k)
                if anchor in t_ids or anchor in e_ids:
                    op.focus = target
            for b in ids:
                if b not in kept:
                    op.delete_bead(b)
            n = len(ids)
            op.description = (
                f"re-align {n} bead{'s' if n != 1 else ''} around bead {number} "
                f"into {len(plan)}"
            )
        return op.result


def stretch_shape(rows: Sequence[BeadRow]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The segment ids of each bead of a stretch: ``(Turkish ids, English ids)``."""
    return [(t, e) for _b, t, e in _shape(rows)]


def _shape(rows: Sequence[BeadRow]) -> list[tuple[int, tuple[int, ...], tuple[int, ...]]]:
    return [(b.id, tuple(s.id for s in b.tr), tuple(s.id for s in b.en)) for b in rows]
