"""ReviewIndex: views, counts, navigation, and updates that agree with a fresh read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import StoreError
from align.review import FILTERS, ORDERS, ReviewIndex
from align.review.risk import document_unsureness, low_threshold, risk
from align.store.review_queries import BeadMark


def mark(bead_id: int, status: str = "auto", score: float | None = 0.9, findings: int = 0, *,
         doc: int = 1, pos: int | None = None) -> BeadMark:
    return BeadMark(bead_id, doc, (doc, pos if pos is not None else bead_id * 10), score,
                    status, findings)


# ids 1..8: statuses, scores and findings chosen so every view differs
MARKS = [
    mark(1, "confirmed", 0.95),
    mark(2, "auto", 0.42),
    mark(3, "auto", 0.61, findings=1),
    mark(4, "rejected", 0.30),
    mark(5, "auto", None),
    mark(6, "confirmed", 0.20, findings=2),
    mark(7, "auto", 0.77, doc=2, pos=10),
    mark(8, "auto", 0.10, doc=2, pos=20),
]


@pytest.mark.parametrize(
    ("view", "document", "ids"),
    [
        ("all", None, [1, 2, 3, 4, 5, 6, 7, 8]),
        ("unconfirmed", None, [2, 3, 4, 5, 7, 8]),
        ("low", None, [2, 8]),  # rejected 4, confirmed 6 and hand-made 5 are not "low"
        ("findings", None, [3, 6]),
        ("all", 2, [7, 8]),
        ("low", 2, [8]),
        ("findings", 2, []),
    ],
    ids=["all", "unconfirmed", "low", "findings", "document", "low-in-document", "empty"],
)
def test_views(view: str, document: int | None, ids: list[int]) -> None:
    index = ReviewIndex(MARKS, low_threshold=0.5)
    index.set_filter(view)
    index.set_document(document)
    assert index.ids(0, 100) == ids
    assert len(index) == len(ids)
    assert [index.row_of(b) for b in ids] == list(range(len(ids)))


def test_the_default_low_threshold_is_the_calibrated_one() -> None:
    assert ReviewIndex(MARKS).low_threshold == low_threshold()


def typed(bead_id: int, score: float | None, tr: int = 1, en: int = 1, *,
          status: str = "auto", findings: int = 0) -> BeadMark:
    return BeadMark(bead_id, 1, (1, bead_id * 10), score, status, findings, tr, en)


TYPED = [
    typed(1, 0.99),
    typed(2, 0.55, 2, 1),
    typed(3, 0.90, 1, 0),
    typed(4, 0.30, status="confirmed"),
    typed(5, None, 0, 1),
    typed(6, 0.40, status="rejected"),
    typed(7, 0.60, findings=1),
]


def _by_risk(ids: list[int]) -> list[int]:
    """These beads of TYPED (not reviewed, scored) riskiest first, as risk.py ranks them."""
    unsure = document_unsureness(TYPED)[1]
    marks = {m.id: m for m in TYPED}
    return sorted(ids, key=lambda b: -risk(marks[b], unsure))


@pytest.mark.parametrize(
    ("view", "order", "ids"),
    [
        ("uneven", "document", [2, 3, 5]),
        ("null", "document", [3, 5]),
        # made by hand first, then by risk; rejected, then confirmed at the end
        ("all", "risk", [5, *_by_risk([1, 2, 3, 7]), 6, 4]),
        ("unconfirmed", "risk", [5, *_by_risk([1, 2, 3, 7]), 6]),
        ("uneven", "risk", [5, *_by_risk([2, 3])]),
    ],
)
def test_type_filters_and_worst_first(view: str, order: str, ids: list[int]) -> None:
    index = ReviewIndex(TYPED, low_threshold=0.5)
    index.set_filter(view)
    index.set_order(order)
    assert index.ids(0, 100) == ids
    assert [index.row_of(b) for b in ids] == list(range(len(ids)))
    assert index.unsureness(1) == pytest.approx(document_unsureness(TYPED)[1])


def test_moving_in_worst_first_order() -> None:
    index = ReviewIndex(TYPED, low_threshold=0.5)
    index.set_order("risk")
    order = index.ids(0, 9)
    assert index.find(order[0], "any") == order[1]
    assert index.find(order[1], "any", backwards=True) == order[0]
    assert index.find(order[-1], "any") == order[0]  # wraps
    index.set_filter("null")
    hidden = next(b for b in order if b not in (3, 5))
    later = [b for b in order[order.index(hidden):] if b in (3, 5)]
    assert index.nearest_row(hidden) == (index.row_of(later[0]) if later else 1)
    # confirming moves a bead to the end of the order; the view stays sorted
    index.update([3], [typed(3, 0.90, 1, 0, status="confirmed")])
    assert index.ids(0, 9) == [5, 3]
    with pytest.raises(StoreError, match="unknown order 'random'"):
        index.set_order("random")


def test_counts_and_numbers() -> None:
    index = ReviewIndex(list(reversed(MARKS)), low_threshold=0.5)  # order comes from the marks, not the list
    assert (index.total, index.confirmed, index.rejected, index.flagged) == (8, 2, 1, 2)
    assert [index.number(b) for b in (1, 7, 8)] == [1, 7, 8]
    assert index.id_of_number(7) == 7 and index.id_of_number(9) is None
    assert index.count("low") == 2 and index.count("unconfirmed", document_id=2) == 2
    assert index.first_of_document(2) == 7 and index.first_of_document(3) is None


@pytest.mark.parametrize(
    ("start", "what", "backwards", "view", "expected"),
    [
        (1, "unconfirmed", False, "all", 2),
        (5, "unconfirmed", False, "all", 7),   # skips confirmed 6
        (8, "unconfirmed", False, "all", 2),   # wraps around
        (2, "unconfirmed", True, "all", 8),    # wraps backwards
        (2, "low", False, "all", 8),
        (4, "low", True, "all", 2),
        (1, "finding", False, "all", 3),
        (3, "finding", False, "all", 6),
        (6, "finding", False, "all", 3),
        (None, "any", False, "all", 1),
        (None, "any", True, "all", 8),
        (1, "any", False, "unconfirmed", 2),   # from a bead the view hides
        (6, "any", False, "unconfirmed", 7),
        (6, "any", True, "unconfirmed", 5),
    ],
)
def test_find(start: int | None, what: str, backwards: bool, view: str, expected: int) -> None:
    index = ReviewIndex(MARKS, low_threshold=0.5)
    index.set_filter(view)
    assert index.find(start, what, backwards=backwards) == expected


def test_find_without_wrapping_and_alone() -> None:
    index = ReviewIndex(MARKS, low_threshold=0.5)
    assert index.find(8, "unconfirmed", wrap=False) is None
    lone = ReviewIndex([mark(1)])
    assert lone.find(1, "any") is None  # the bead itself does not count


def test_nearest_row_for_a_hidden_bead() -> None:
    index = ReviewIndex(MARKS, low_threshold=0.5)
    index.set_filter("unconfirmed")
    assert index.row_of(6) is None
    assert index.nearest_row(6) == index.row_of(7)   # the next bead the view shows
    index.set_filter("findings")
    assert index.nearest_row(8) == 1                  # none after it: the last row


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (lambda i: i.set_filter("nonsense"), "unknown filter 'nonsense'"),
        (lambda i: i.find(1, "nonsense"), "unknown move 'nonsense'"),
        (lambda i: i.mark(99), "there is no bead with id 99"),
        (lambda i: i.number(99), "there is no bead with id 99"),
    ],
    ids=["filter", "move", "mark", "number"],
)
def test_bad_requests(bad, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match=message):
        bad(ReviewIndex(MARKS, low_threshold=0.5))


def test_update_in_place_and_reshaped() -> None:
    index = ReviewIndex(MARKS, low_threshold=0.5)
    index.set_filter("unconfirmed")
    index.update([2], [mark(2, "confirmed", 0.42)])
    assert (index.confirmed, 2 in index.ids(0, 99)) == (3, False)
    # a merge: bead 3 absorbed 4 (deleted), a split made bead 9 after 5
    index.update([3, 4], [mark(3, "auto", None, pos=30)])
    index.update([5, 9], [mark(5, "auto", None), mark(9, "auto", None, pos=55)])
    assert [m for m in index.ids(0, 99)] == [3, 5, 9, 7, 8]
    assert index.rejected == 0 and index.total == 8


statuses = st.sampled_from(["auto", "confirmed", "rejected"])
scores = st.one_of(st.none(), st.floats(0, 1))


@settings(max_examples=60, deadline=None)
@given(
    base=st.lists(st.tuples(statuses, scores, st.integers(0, 2)), min_size=1, max_size=20),
    changes=st.lists(
        st.tuples(st.integers(0, 25), st.booleans(), statuses, scores, st.integers(0, 2),
                  st.integers(0, 300)),
        max_size=8,
    ),
    view=st.sampled_from(list(FILTERS)),
    order=st.sampled_from(list(ORDERS)),
    in_place=st.booleans(),
)
def test_updates_agree_with_a_fresh_index(base, changes, view, order, in_place) -> None:  # type: ignore[no-untyped-def]
    marks = {k + 1: mark(k + 1, s, sc, f) for k, (s, sc, f) in enumerate(base)}
    index = ReviewIndex(list(marks.values()), low_threshold=0.5)
    index.set_filter(view)
    index.set_order(order)
    for bead_id, delete, status, score, findings, pos in changes:
        if delete and not in_place:
            marks.pop(bead_id, None)
            index.update([bead_id], [])
        elif in_place:
            # a change of status, score or findings: no bead moves (the fast path)
            if bead_id not in marks:
                continue
            new = mark(bead_id, status, score, findings, pos=marks[bead_id].order[1])
            marks[bead_id] = new
            index.update([bead_id], [new])
        else:
            new = mark(bead_id, status, score, findings, pos=pos * 1000 + 500 + bead_id)
            marks[bead_id] = new
            index.update([bead_id], [new])
    fresh = ReviewIndex(list(marks.values()), low_threshold=0.5)
    fresh.set_filter(view)
    fresh.set_order(order)
    assert index.ids(0, 1000) == fresh.ids(0, 1000)
    assert [index.row_of(b) for b in marks] == [fresh.row_of(b) for b in marks]
    assert (index.total, index.confirmed, index.rejected, index.flagged) == (
        fresh.total, fresh.confirmed, fresh.rejected, fresh.flagged
    )


@settings(max_examples=40, deadline=None)
@given(
    base=st.lists(st.tuples(statuses, scores, st.integers(0, 2)), min_size=1, max_size=30),
    new=st.dictionaries(st.integers(1, 30), statuses, max_size=30),
    view=st.sampled_from(list(FILTERS)),
    order=st.sampled_from(list(ORDERS)),
)
def test_status_changes_agree_with_a_fresh_index(base, new, view, order) -> None:  # type: ignore[no-untyped-def]
    marks = {k + 1: mark(k + 1, s, sc, f) for k, (s, sc, f) in enumerate(base)}
    index = ReviewIndex(list(marks.values()), low_threshold=0.5)
    index.set_filter(view)
    index.set_order(order)
    changed = {b: s for b, s in new.items() if b in marks}
    index.set_statuses(changed)
    for b, s in changed.items():
        m = marks[b]
        marks[b] = BeadMark(m.id, m.document_id, m.order, m.score, s, m.findings)
    fresh = ReviewIndex(list(marks.values()), low_threshold=0.5)
    fresh.set_filter(view)
    fresh.set_order(order)
    assert index.ids(0, 1000) == fresh.ids(0, 1000)
    assert (index.confirmed, index.rejected) == (fresh.confirmed, fresh.rejected)
