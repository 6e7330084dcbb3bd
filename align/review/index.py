"""The review screen's model of a project: every bead's mark in order, a filtered and
ordered view, counts and navigation, kept in memory and updated after each operation.

:class:`ReviewIndex` knows nothing about text or terminals; the review UI
asks it which bead is on row ``r`` of the current view, where the next
unconfirmed (low-confidence, QA-flagged…) bead is, and how many beads are
confirmed, and tells it which beads an operation touched. The view shows
the beads a filter keeps (:data:`FILTERS`), in project order or worst first
(:data:`ORDERS`, :func:`.risk.risk_key`). Reading the marks of 10,000 beads
takes milliseconds and sorting them a few more, so the UI can afford to
rebuild it whenever a change is not a simple one (re-checking the whole
project).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Any

from ..errors import StoreError
from ..store.review_queries import BeadMark
from .risk import STATUS_RANK, document_unsureness, risk_key
from .risk import low_threshold as default_low_threshold

__all__ = ["FILTERS", "MOVES", "ORDERS", "ReviewIndex"]

FILTERS: dict[str, str] = {
    "all": "all beads",
    "unconfirmed": "unconfirmed beads",
    "low": "low-confidence beads",
    "findings": "beads with QA findings",
    "uneven": "beads other than 1:1",
    "null": "beads with one side empty (1:0, 0:1)",
}
"""The views of the review screen: name -> what it shows."""

ORDERS: dict[str, str] = {
    "document": "in document order",
    "risk": "worst first",
}
"""How the view is ordered: name -> how the status line says it."""

MOVES = ("any", "unconfirmed", "low", "finding")
"""What :meth:`ReviewIndex.find` can look for."""


class ReviewIndex:
    """Bead marks in project order, with a view filtered by status/score/findings/type/
    document, in project order or worst first."""

    def __init__(self, marks: Sequence[BeadMark], *, low_threshold: float | None = None) -> None:
        self.low_threshold = default_low_threshold() if low_threshold is None else low_threshold
        """Unreviewed (auto) beads scoring below this are low-confidence."""
        self.filter = "all"
        """The current view, one of :data:`FILTERS`."""
        self.order = "document"
        """The view's order, one of :data:`ORDERS`."""
        self.document_id: int | None = None
        """Show only this document's beads (None: every document)."""
        self._marks: list[BeadMark] = []
        self._keys: list[tuple[int, int]] = []
        self._place: dict[int, int] = {}
        self._view: list[int] = []
        self._sort: list[Any] = []
        self._row: dict[int, int] = {}
        self._risks: dict[int, tuple[BeadMark, tuple[int, float]]] = {}
        self._unsure: dict[int, float] = {}
        self._confirmed = 0
        self._rejected = 0
        self._flagged = 0
        self.reload(marks)

    # -- building ---------------------------------------------------------------
    def reload(self, marks: Sequence[BeadMark]) -> None:
        """Replace every mark (after a change to the whole project)."""
        self._marks = sorted(marks, key=lambda m: m.order)
        # how unsure the aligner is of each document, as the review found it: fixed while
        # it goes on, so that one merge does not reorder the whole list
        self._unsure = document_unsureness(self._marks)
        self._risks.clear()
        self._reindex()

    def _reindex(self) -> None:
        self._keys = [m.order for m in self._marks]
        self._place = {m.id: k for k, m in enumerate(self._marks)}
        self._confirmed = sum(1 for m in self._marks if m.status == "confirmed")
        self._rejected = sum(1 for m in self._marks if m.status == "rejected")
        self._flagged = sum(1 for m in self._marks if m.findings)
        self._rebuild_view()

    def _sort_key(self, k: int) -> Any:
        """Where the mark at place ``k`` goes in the view's order (unique: ties by place)."""
        if self.order == "document":
            return k
        mark = self._marks[k]
        cached = self._risks.get(mark.id)
        if cached is None or cached[0] is not mark:
            # marks are replaced, never changed: a mark seen before keeps its key
            unsure = self._unsure.get(mark.document_id, 0.0)
            cached = self._risks[mark.id] = (mark, risk_key(mark, unsure))
        rank, worst = cached[1]
        return (rank, worst, k)

    def _shown(self, mark: BeadMark, keep: Callable[[BeadMark], bool]) -> bool:
        doc = self.document_id
        return (doc is None or mark.document_id == doc) and keep(mark)

    def _rebuild_view(self) -> None:
        keep = self._predicate(self.filter)
        view = [k for k, m in enumerate(self._marks) if self._shown(m, keep)]
        if self.order == "document":
            self._view, self._sort = view, view
        else:
            keyed = sorted((self._sort_key(k), k) for k in view)
            self._sort = [key for key, _k in keyed]
            self._view = [k for _key, k in keyed]
        self._rerow()

    def _rerow(self) -> None:
        marks = self._marks
        self._row = {marks[k].id: r for r, k in enumerate(self._view)}

    def _predicate(self, name: str) -> Callable[[BeadMark], bool]:
        low = self.low_threshold
        predicates: dict[str, Callable[[BeadMark], bool]] = {
            "all": lambda m: True,
            "any": lambda m: True,
            "unconfirmed": lambda m: m.status != "confirmed",
            "low": lambda m: m.is_low(low),
            "findings": lambda m: m.findings > 0,
            "finding": lambda m: m.findings > 0,
            "uneven": lambda m: (m.tr_count, m.en_count) != (1, 1),
            "null": lambda m: m.tr_count == 0 or m.en_count == 0,
        }
        if name not in predicates:
            raise StoreError(
                f"unknown filter {name!r}; choose one of {', '.join(FILTERS)}"
            )
        return predicates[name]

    def set_filter(self, name: str) -> None:
        """Show only the beads ``name`` selects (one of :data:`FILTERS`)."""
        if name not in FILTERS:
            raise StoreError(f"unknown filter {name!r}; choose one of {', '.join(FILTERS)}")
        self.filter = name
        self._rebuild_view()

    def set_order(self, name: str) -> None:
        """Order the view by ``name`` (one of :data:`ORDERS`)."""
        if name not in ORDERS:
            raise StoreError(f"unknown order {name!r}; choose one of {', '.join(ORDERS)}")
        self.order = name
        self._rebuild_view()

    def set_document(self, document_id: int | None) -> None:
        """Show only one document's beads (None: every document)."""
        self.document_id = document_id
        self._rebuild_view()

    def update(
        self, touched: Iterable[int], marks: Sequence[BeadMark], *, counted: bool = False
    ) -> None:
        """An operation touched the beads ``touched``; ``marks`` are those that still exist,
        as they are now. Beads not among ``marks`` were deleted. (``counted``: the counts
        already include the change.)"""
        touched = set(touched) | {m.id for m in marks}
        fresh = {m.id: m for m in marks}
        in_place = all(
            b in self._place and b in fresh and fresh[b].order == self._marks[self._place[b]].order
            for b in touched
        )
        if not in_place:
            kept = [m for m in self._marks if m.id not in touched]
            # nearly sorted already: Timsort merges the few new marks in linear time
            self._marks = sorted([*kept, *marks], key=lambda m: m.order)
            self._reindex()
            return
        # statuses, scores or findings changed: no bead moved, appeared or vanished
        keep = self._predicate(self.filter)
        places = sorted(self._place[b] for b in touched)
        moved = self.filter != "all" or self.order != "document"
        if moved and len(places) > len(self._view) // 8:
            for k in places:
                if not counted:
                    self._count(self._marks[k], fresh[self._marks[k].id])
                self._marks[k] = fresh[self._marks[k].id]
            self._rebuild_view()
            return
        for k in places:
            old = self._marks[k]
            new = fresh[old.id]
            if not counted:
                self._count(old, new)
            if moved:
                self._unshow(k, old)
            self._marks[k] = new
            if moved and self._shown(new, keep):
                key = self._sort_key(k)
                r = bisect_left(self._sort, key)
                self._sort.insert(r, key)
                if self._view is not self._sort:
                    self._view.insert(r, k)
        if moved:
            self._rerow()

    def set_statuses(self, statuses: dict[int, str]) -> None:
        """Beads changed status and nothing else (confirming, rejecting, their undo):
        ``bead id -> status``, for beads of the index. Faster than :meth:`update` for the
        thousands of beads a bulk confirmation changes."""
        changed = []
        marks, place = self._marks, self._place
        for bead_id, status in statuses.items():
            k = place[bead_id]
            old = marks[k]
            if old.status != status:
                new = BeadMark(old.id, old.document_id, old.order, old.score, status,
                               old.findings, old.tr_count, old.en_count)
                changed.append((k, old, new))
                cached = self._risks.get(bead_id)
                if cached is not None and cached[0] is old:
                    # the same bead, another status: its risk stands, its rank moves
                    self._risks[bead_id] = (new, (STATUS_RANK.get(status, 0), cached[1][1]))
        if not changed:
            return
        gained = sum((n.status == "confirmed") - (o.status == "confirmed") for _k, o, n in changed)
        rejected = sum((n.status == "rejected") - (o.status == "rejected") for _k, o, n in changed)
        self._confirmed += gained
        self._rejected += rejected
        if self.filter == "all" and self.order == "document":
            for k, _old, new in changed:
                marks[k] = new
            return
        if len(changed) > len(self._view) // 8:
            for k, _old, new in changed:
                marks[k] = new
            self._rebuild_view()
            return
        self.update([new.id for _k, _o, new in changed], [new for _k, _o, new in changed],
                    counted=True)

    def _count(self, old: BeadMark, new: BeadMark) -> None:
        self._confirmed += (new.status == "confirmed") - (old.status == "confirmed")
        self._rejected += (new.status == "rejected") - (old.status == "rejected")
        self._flagged += (new.findings > 0) - (old.findings > 0)

    def _unshow(self, k: int, old: BeadMark) -> None:
        """Take the mark at place ``k`` (as it was: ``old``) out of the view, if shown."""
        if old.id not in self._row:
            return
        key = self._sort_key(k)
        r = bisect_left(self._sort, key)
        del self._sort[r]
        if self._view is not self._sort:
            del self._view[r]

    # -- counts -----------------------------------------------------------------
    @property
    def total(self) -> int:
        """Beads in the project."""
        return len(self._marks)

    @property
    def confirmed(self) -> int:
        """Confirmed beads in the project."""
        return self._confirmed

    @property
    def rejected(self) -> int:
        """Rejected beads in the project."""
        return self._rejected

    @property
    def flagged(self) -> int:
        """Beads with at least one QA finding."""
        return self._flagged

    def count(self, what: str, document_id: int | None = None) -> int:
        """How many beads (of one document) are ``what`` (a filter or a move)."""
        keep = self._predicate(what)
        return sum(
            1 for m in self._marks
            if (document_id is None or m.document_id == document_id) and keep(m)
        )

    def marks(self) -> list[BeadMark]:
        """Every mark, in project order (a copy)."""
        return list(self._marks)

    def confirmable(self, bead_ids: Iterable[int]) -> list[int]:
        """Those of these beads a bulk confirmation changes: not reviewed yet (``auto``);
        rejected beads keep their rejection, confirmed ones are confirmed already."""
        marks, place = self._marks, self._place
        return [b for b in bead_ids if b in place and marks[place[b]].status == "auto"]

    def at_or_above(self, score: float) -> list[int]:
        """The beads of the view not reviewed yet whose confidence is at least ``score``
        (beads made by hand have none), in the view's order."""
        out = []
        for k in self._view:
            mark = self._marks[k]
            if mark.status == "auto" and mark.score is not None and mark.score >= score:
                out.append(mark.id)
        return out

    # -- the view ---------------------------------------------------------------
    def __len__(self) -> int:
        """Rows in the current view."""
        return len(self._view)

    def __contains__(self, bead_id: object) -> bool:
        return bead_id in self._place

    def id_at(self, row: int) -> int:
        """The id of the bead on ``row`` of the view."""
        return self._marks[self._view[row]].id

    def ids(self, start: int, stop: int) -> list[int]:
        """The ids of the beads on rows ``start`` to ``stop`` (exclusive) of the view."""
        return [self._marks[k].id for k in self._view[max(start, 0) : max(stop, 0)]]

    def row_of(self, bead_id: int) -> int | None:
        """The bead's row in the view, or None when the view does not show it."""
        return self._row.get(bead_id)

    def nearest_row(self, bead_id: int) -> int | None:
        """The row of the bead, or of the first bead after it (in the view's order) that
        the view shows (the last row if none; None for an empty view)."""
        row = self._row.get(bead_id)
        if row is not None:
            return row
        if not self._view:
            return None
        k = self._place.get(bead_id)
        if k is None:
            return None
        r = bisect_left(self._sort, self._sort_key(k))
        return min(r, len(self._view) - 1)

    def mark(self, bead_id: int) -> BeadMark:
        """The mark of a bead; StoreError if there is no such bead."""
        k = self._place.get(bead_id)
        if k is None:
            raise StoreError(f"there is no bead with id {bead_id}")
        return self._marks[k]

    def number(self, bead_id: int) -> int:
        """The bead's 1-based number in project order (``#N``; "go to bead N")."""
        k = self._place.get(bead_id)
        if k is None:
            raise StoreError(f"there is no bead with id {bead_id}")
        return k + 1

    def id_of_number(self, number: int) -> int | None:
        """The id of bead ``#number`` (1-based), or None if there is none."""
        if 1 <= number <= len(self._marks):
            return self._marks[number - 1].id
        return None

    def first_of_document(self, document_id: int) -> int | None:
        """The id of the first bead of a document, or None if it has none."""
        k = bisect_left(self._keys, (document_id, -(2**62)))
        if k < len(self._marks) and self._marks[k].document_id == document_id:
            return self._marks[k].id
        return None

    def find(
        self, from_id: int | None, what: str, *, backwards: bool = False, wrap: bool = True
    ) -> int | None:
        """The next (previous) bead of the view after ``from_id`` that is ``what`` (one of
        :data:`MOVES`); None if there is none. Wraps around unless ``wrap`` is false."""
        if what not in MOVES:
            raise StoreError(f"unknown move {what!r}; choose one of {', '.join(MOVES)}")
        return self.find_where(from_id, self._predicate(what), backwards=backwards, wrap=wrap)

    def find_where(
        self,
        from_id: int | None,
        keep: Callable[[BeadMark], bool],
        *,
        backwards: bool = False,
        wrap: bool = True,
        everywhere: bool = False,
    ) -> int | None:
        """Like :meth:`find`, for any test of a mark; ``everywhere``: look at every bead (in
        project order), not only those the view shows."""
        if everywhere:
            view: Sequence[int] = range(len(self._marks))
            sort: Sequence[Any] = view
            key: Callable[[int], Any] = int
        else:
            view, sort, key = self._view, self._sort, self._sort_key
        n = len(view)
        rows: Iterable[int]
        if from_id is None or from_id not in self._place:
            rows = range(n) if not backwards else range(n - 1, -1, -1)
        else:
            at = key(self._place[from_id])
            if not backwards:
                r = bisect_left(sort, at)
                r += r < n and sort[r] == at
                rows = chain(range(r, n), range(r) if wrap else ())
            else:
                r = bisect_left(sort, at)
                rows = chain(range(r - 1, -1, -1), range(n - 1, r - 1, -1) if wrap else ())
        for row in rows:
            m = self._marks[view[row]]
            if m.id != from_id and keep(m):
                return m.id
        return None

    def unsureness(self, document_id: int) -> float:
        """How unsure the aligner was of a document when the review opened
        (:func:`.risk.document_unsureness`)."""
        return self._unsure.get(document_id, 0.0)
