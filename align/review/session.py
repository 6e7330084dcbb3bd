"""A review session: a project open for changes, its :class:`ReviewIndex`, and the rows on screen.

The review UI calls the operations through :class:`ReviewSession`, which
runs them on the project (each saved when it returns), then updates the
index from the beads the operation touched and forgets those beads' cached
rows. Rows are read lazily, a screenful in one query, and cached, so
drawing 10,000 beads costs what drawing 40 does. Operations that need a
model (re-aligning a stretch, ranking a fragment's English candidates) go
through the session's :class:`~.engine.ProjectEngine`; changing the QA
checks goes through :meth:`ReviewSession.set_checker`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..encoders.base import Progress
from ..errors import StoreError
from ..normalize import fold
from ..store import BeadRow, Checker, Finding, Operation, Project
from ..store.mixed_values import FragmentInfo
from ..store.review_queries import (
    BeadMark,
    bead_marks,
    bead_marks_by_id,
    bead_statuses,
    bead_texts,
)
from .candidates import MatchCandidate
from .engine import ProjectEngine
from .index import ReviewIndex
from .risk import low_threshold

if TYPE_CHECKING:
    from ..fragments.pair import GlossaryEvidence

__all__ = ["ReviewSession"]

_CACHE_LIMIT = 4000
_STATUS_KINDS = frozenset({"confirm", "reject", "reset"})


class ReviewSession:
    """A project being reviewed, with an index of its beads and a cache of their rows."""

    def __init__(self, project: Project, engine: ProjectEngine | None = None) -> None:
        self.project = project
        """The project, open for changes."""
        self.engine = engine or ProjectEngine(project)
        """Re-aligning and ranking fragment candidates on the project (its encoder)."""
        if project.low_threshold is None:
            project.low_threshold = low_threshold()
        self.index = ReviewIndex(bead_marks(project), low_threshold=project.low_threshold)
        """Every bead's mark in order, with the current view."""
        self._rows: dict[int, BeadRow] = {}
        self._findings: dict[int, list[Finding]] = {}
        self._folded: dict[int, str] | None = None
        self._stale: set[int] = set()
        self._names: dict[int, str] = {}
        self._kinds: dict[int, str] = {}
        self._fragments: dict[int, FragmentInfo | None] = {}
        self._fold_lock = threading.Lock()
        self.last: Operation | None = None
        """The operation done, undone or redone last (for the status line)."""
        self.version = 0
        """Goes up whenever beads change (drawn lines cached under an older version are stale)."""

    # -- reading ------------------------------------------------------------------
    def rows(self, bead_ids: Sequence[int]) -> list[BeadRow]:
        """The rows of these beads (in the given order), read in one query if not cached."""
        missing = [b for b in bead_ids if b not in self._rows]
        if missing:
            if len(self._rows) + len(missing) > _CACHE_LIMIT:
                self._rows.clear()
            for row in self.project.beads_by_id(missing):
                self._rows[row.id] = row
        return [self._rows[b] for b in bead_ids if b in self._rows]

    def bead(self, bead_id: int) -> BeadRow:
        """One bead's row; StoreError if it does not exist."""
        rows = self.rows([bead_id])
        if not rows:
            raise StoreError(f"there is no bead with id {bead_id}", path=self.project.path)
        return rows[0]

    def findings(self, bead_id: int) -> list[Finding]:
        """A bead's QA findings (cached until the bead changes)."""
        found = self._findings.get(bead_id)
        if found is None:
            found = self._findings[bead_id] = (
                self.project.findings(bead_id) if self.index.mark(bead_id).findings else []
            )
        return found

    def document_kind(self, document_id: int) -> str:
        """``parallel`` or ``mixed`` (cached: kinds do not change)."""
        kind = self._kinds.get(document_id)
        if kind is None:
            kind = self._kinds[document_id] = self.project.document_kind(document_id)
        return kind

    def is_fragment(self, bead_id: int) -> bool:
        """Whether the bead is a Turkish fragment of a mixed article."""
        return self.document_kind(self.index.mark(bead_id).document_id) == "mixed"

    def fragment(self, bead_id: int) -> FragmentInfo | None:
        """What the detector said about a fragment bead (None for a bead of a pair);
        cached: it never changes."""
        if bead_id not in self._fragments:
            self._fragments[bead_id] = (
                self.project.fragment(bead_id) if self.is_fragment(bead_id) else None
            )
        return self._fragments[bead_id]

    def document_name(self, document_id: int) -> str:
        """A document's name (cached: names do not change)."""
        if document_id not in self._names:
            self._names = {d.id: d.name for d in self.project.documents()}
        return self._names.get(document_id, str(document_id))

    def number(self, bead_id: int) -> int:
        """The bead's 1-based number in project order."""
        return self.index.number(bead_id)

    def search(
        self, text: str, from_id: int | None, *, backwards: bool = False
    ) -> tuple[int | None, bool]:
        """The next (previous) bead after ``from_id`` whose Turkish or English text contains
        ``text``, compared with Turkish-aware folding (I/ı, İ/i, every apostrophe alike),
        wrapping around; and whether it lies outside the current view (searched there only
        when the view has no match). ``(None, False)``: no bead matches.

        The first search folds every bead's text (a few hundred milliseconds for 10,000
        beads: call it from a worker thread); later ones take milliseconds.
        """
        needle = fold(text.strip())
        if not needle:
            return None, False
        folded = self._folded_texts()

        def hit(mark: BeadMark) -> bool:
            return needle in folded.get(mark.id, "")

        found = self.index.find_where(from_id, hit, backwards=backwards)
        if found is not None:
            return found, False
        here = from_id is not None and self.index.row_of(from_id) is not None
        if here and from_id is not None and hit(self.index.mark(from_id)):
            return from_id, False  # the only match the view shows is this bead
        found = self.index.find_where(from_id, hit, backwards=backwards, everywhere=True)
        return found, found is not None and self.index.row_of(found) is None

    def _folded_texts(self) -> dict[int, str]:
        with self._fold_lock:
            if self._folded is None:
                texts = bead_texts(self.project)
                self._folded = {b: fold(tr) + "\n" + fold(en) for b, (tr, en) in texts.items()}
            stale = [b for b in self._stale if b in self.index]
            if stale:
                for b, (tr, en) in bead_texts(self.project, stale).items():
                    self._folded[b] = fold(tr) + "\n" + fold(en)
            self._stale.clear()
            return self._folded

    # -- changing -------------------------------------------------------------------
    def run(self, operation: Callable[[], Operation | None]) -> Operation | None:
        """Run one operation of the project, then bring the index and cache up to date."""
        op = operation()
        if op is not None:
            self.applied(op)
        return op

    def applied(self, op: Operation) -> None:
        """Bring the index and the cache up to date after ``op`` (also one run elsewhere,
        e.g. a re-alignment in a worker thread)."""
        self.last = op
        self.forget(op.beads)
        if op.kind in _STATUS_KINDS:
            # confirming, rejecting and their undo change statuses and nothing else
            statuses = bead_statuses(self.project, op.beads)
            if len(statuses) == len(op.beads) and all(b in self.index for b in statuses):
                self.index.set_statuses(statuses)
                return
        self.index.update(op.beads, bead_marks_by_id(self.project, op.beads))

    def forget(self, bead_ids: Iterable[int]) -> None:
        """Drop cached rows and findings of these beads."""
        self.version += 1
        with self._fold_lock:
            for b in bead_ids:
                self._rows.pop(b, None)
                self._findings.pop(b, None)
                self._stale.add(b)

    def reload(self) -> None:
        """Re-read every mark and forget every cached row (after the whole project changed,
        e.g. its findings were recomputed)."""
        self.version += 1
        with self._fold_lock:
            self._rows.clear()
            self._findings.clear()
            self._folded = None
            self._stale.clear()
        self.index.reload(bead_marks(self.project))

    def confirm(self, bead_id: int) -> Operation | None:
        """Confirm a bead."""
        return self.run(lambda: self.project.confirm(bead_id))

    def reject(self, bead_id: int) -> Operation | None:
        """Reject a bead."""
        return self.run(lambda: self.project.reject(bead_id))

    def reset(self, bead_id: int) -> Operation | None:
        """Take back a confirmation or rejection."""
        return self.run(lambda: self.project.reset_status(bead_id))

    def confirm_many(self, bead_ids: Sequence[int]) -> Operation | None:
        """Confirm these beads in one operation (one undo step); None if none changed."""
        return self.run(lambda: self.project.set_status(bead_ids, "confirmed"))

    def reject_many(self, bead_ids: Sequence[int]) -> Operation | None:
        """Reject these beads in one operation (one undo step); None if none changed."""
        return self.run(lambda: self.project.set_status(bead_ids, "rejected"))

    def merge(self, bead_id: int, direction: str) -> Operation | None:
        """Merge with the ``next`` or ``previous`` bead."""
        return self.run(lambda: self.project.merge(bead_id, direction))

    def split_bead(self, bead_id: int, tr_at: int, en_at: int) -> Operation | None:
        """Split a bead after its first ``tr_at`` Turkish and ``en_at`` English sentences."""
        return self.run(lambda: self.project.split_bead(bead_id, tr_at, en_at))

    def move_segment(self, bead_id: int, side: str, direction: str) -> Operation | None:
        """Move the first (``previous``) or last (``next``) sentence of a side."""
        return self.run(lambda: self.project.move_segment(bead_id, side, direction))

    def insert_counterpart(self, bead_id: int) -> Operation | None:
        """Give a one-sided bead an empty segment on its empty side."""
        bead = self.bead(bead_id)
        if bead.tr and bead.en:
            raise StoreError(
                f"bead #{self.number(bead_id)} has both sides; inserting an empty counterpart "
                "is for a bead with one side only (1:0 or 0:1)",
                path=self.project.path,
            )
        side = "en" if bead.tr else "tr"
        return self.run(lambda: self.project.insert_counterpart(bead_id, side))

    def edit_segment(
        self, segment_id: int, text: str, *, keep_status: bool = False
    ) -> Operation | None:
        """Replace a segment's text (``keep_status``: a confirmed bead stays confirmed)."""
        return self.run(
            lambda: self.project.edit_segment(segment_id, text, keep_status=keep_status)
        )

    def split_segment(self, segment_id: int, at: int) -> Operation | None:
        """Split a segment's text at character ``at``."""
        return self.run(lambda: self.project.split_segment(segment_id, at))

    def rematch(self, bead_id: int, start: int | None, end: int | None = None) -> Operation | None:
        """Pair a fragment bead with ``article[start:end]``, or with nothing (None)."""
        return self.run(lambda: self.project.rematch(bead_id, start, end))

    def undo(self) -> Operation | None:
        """Undo the latest operation."""
        return self.run(self.project.undo)

    def redo(self) -> Operation | None:
        """Redo the operation undone last."""
        return self.run(self.project.redo)

    # -- work that needs a model or the checks (slow: run it in a worker thread) ---------
    def realign(self, bead_id: int, *, progress: Progress | None = None) -> Operation | None:
        """Re-align the unconfirmed stretch around a bead with the project's encoder; None if
        the aligner agrees with it as it is. Slow (it may load the encoder): call it from a
        worker thread, then :meth:`applied` with the operation on the thread that owns the
        index."""
        return self.engine.realign(bead_id, progress=progress)

    def match_candidates(
        self,
        bead_id: int,
        *,
        glossary: GlossaryEvidence | None = None,
        limit: int | None = None,
    ) -> list[MatchCandidate]:
        """The English spans a fragment bead may be paired with, best first (then
        :meth:`rematch` one). Slow the first time (the encoder may load): call it from a
        worker thread."""
        return self.engine.match_candidates(bead_id, glossary=glossary, limit=limit)

    def set_checker(self, checker: Checker | None) -> None:
        """The QA checks every operation runs on the beads it changes from now on (e.g. after
        the glossary changed); :meth:`recheck` recomputes the findings already stored."""
        self.project.checker = checker

    def recheck(self, checker: Checker | None = None) -> int:
        """Recompute every bead's findings with ``checker`` (default: the current one), in
        one write; slow on a big project: call it from a worker thread, then :meth:`reload`.
        Returns the number of findings."""
        return self.project.recheck(checker)
