"""The review screen's model of a project: every bead's mark in order, a filtered view,
counts and navigation, kept in memory and updated after each operation.

:class:`ReviewIndex` knows nothing about text or terminals; the review UI
asks it which bead is on row ``r`` of the current view, where the next
unconfirmed (low-confidence, QA-flagged…) bead is, and how many beads are
confirmed, and tells it which beads an operation touched. Reading the marks
of 10,000 beads takes milliseconds, so the UI can afford to rebuild it
whenever a change is not a simple one (re-checking the whole project).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import chain

from ..errors import StoreError
from ..store.review_queries import BeadMark

__all__ = ["FILTERS", "MOVES", "ReviewIndex"]

FILTERS: dict[str, str] = {
    "all": "all beads",
    "unconfirmed": "unconfirmed beads",
    "low": "low-confidence beads",
    "findings": "beads with QA findings",
}
"""The views of the review screen: name -> what it shows."""

MOVES = ("any", "unconfirmed", "low", "finding")
"""What :meth:`ReviewIndex.find` can look for."""


class ReviewIndex:
    """Bead marks in project order, with a view filtered by status/score/findings/document."""

    def __init__(self, marks: Sequence[BeadMark], *, low_threshold: float = 0.5) -> None:
        self.low_threshold = low_threshold
        """Unreviewed (auto) beads scoring below this are low-confidence."""
        self.filter = "all"
        """The current view, one of :data:`FILTERS`."""
        self.document_id: int | None = None
        """Show only this document's beads (None: every document)."""
        self._marks: list[BeadMark] = []
        self._keys: list[tuple[int, int]] = []
        self._place: dict[int, int] = {}
        self._view: list[int] = []
        self._row: dict[int, int] = {}
        self._confirmed = 0
        self._rejected = 0
        self._flagged = 0
        self.reload(marks)

    # -- building ---------------------------------------------------------------
    def reload(self, marks: Sequence[BeadMark]) -> None:
        """Replace every mark (after a change to the whole project)."""
        self._marks = sorted(marks, key=lambda m: m.order)
        self._reindex()

    def _reindex(self) -> None:
        self._keys = [m.order for m in self._marks]
        self._place = {m.id: k for k, m in enumerate(self._marks)}
        self._confirmed = sum(1 for m in self._marks if m.status == "confirmed")
        self._rejected = sum(1 for m in self._marks if m.status == "rejected")
        self._flagged = sum(1 for m in self._marks if m.findings)
        self._rebuild_view()

    def _rebuild_view(self) -> None:
        keep = self._predicate(self.filter)
        doc = self.document_id
        self._view = [
            k for k, m in enumerate(self._marks)
            if (doc is None or m.document_id == doc) and keep(m)
        ]
        self._row = {self._marks[k].id: r for r, k in enumerate(self._view)}

    def _predicate(self, name: str) -> Callable[[BeadMark], bool]:
        low = self.low_threshold
        predicates: dict[str, Callable[[BeadMark], bool]] = {
            "all": lambda m: True,
            "any": lambda m: True,
            "unconfirmed": lambda m: m.status != "confirmed",
            "low": lambda m: m.is_low(low),
            "findings": lambda m: m.findings > 0,
            "finding": lambda m: m.findings > 0,
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

    def set_document(self, document_id: int | None) -> None:
        """Show only one document's beads (None: every document)."""
        self.document_id = document_id
        self._rebuild_view()

    def update(self, touched: Iterable[int], marks: Sequence[BeadMark]) -> None:
        """An operation touched the beads ``touched``; ``marks`` are those that still exist,
        as they are now. Beads not among ``marks`` were deleted."""
        touched = set(touched) | {m.id for m in marks}
        fresh = {m.id: m for m in marks}
        in_place = all(
            b in self._place and b in fresh and fresh[b].order == self._marks[self._place[b]].order
            for b in touched
        )
        if in_place:
            # statuses, scores or findings changed: no bead moved, appeared or vanished
            for b in touched:
                old = self._marks[self._place[b]]
                new = fresh[b]
                self._confirmed += (new.status == "confirmed") - (old.status == "confirmed")
                self._rejected += (new.status == "rejected") - (old.status == "rejected")
                self._flagged += (new.findings > 0) - (old.findings > 0)
                self._marks[self._place[b]] = new
            if self.filter != "all":
                self._rebuild_view()
            return
        kept = [m for m in self._marks if m.id not in touched]
        # nearly sorted already: Timsort merges the few new marks in linear time
        self._marks = sorted([*kept, *marks], key=lambda m: m.order)
        self._reindex()

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
        """The row of the bead, or of the first bead after it that the view shows
        (the last row if none; None for an empty view)."""
        row = self._row.get(bead_id)
        if row is not None:
            return row
        if not self._view:
            return None
        k = self._place.get(bead_id)
        if k is None:
            return None
        r = bisect_left(self._view, k)
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
        """Like :meth:`find`, for any test of a mark; ``everywhere``: look at every bead,
        not only those the view shows."""
        view = range(len(self._marks)) if everywhere else self._view
        n = len(view)
        rows: Iterable[int]
        if from_id is None or from_id not in self._place:
            rows = range(n) if not backwards else range(n - 1, -1, -1)
        elif not backwards:
            r = bisect_right(view, self._place[from_id])
            rows = chain(range(r, n), range(r) if wrap else ())
        else:
            r = bisect_left(view, self._place[from_id])
            rows = chain(range(r - 1, -1, -1), range(n - 1, r - 1, -1) if wrap else ())
        for row in rows:
            m = self._marks[view[row]]
            if m.id != from_id and keep(m):
                return m.id
        return None
