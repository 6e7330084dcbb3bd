"""The operations API: what each operation does, what it refuses, and undo/redo of all."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_fixtures import EN, FINDING, TR, layout, make_project, snapshot

from align.errors import StoreError
from align.review import ProjectEngine
from align.store import NewFinding, Project
from align.types import Bead

# -- each operation, table-driven --------------------------------------------------

Op = Callable[[Project, list[Any]], Any]


def _ids(p: Project) -> list[Any]:
    return p.beads()


CASES: list[tuple[str, Op, list[tuple[str, str, str]]]] = [
    (
        "merge-next",
        lambda p, b: p.merge(b[1].id, "next"),
        [("1:1", TR[0], EN[0]), ("2:2", f"{TR[1]} {TR[2]}", f"{EN[1]} {EN[2]}"),
         *[("1:1", TR[i], EN[i]) for i in range(3, 6)]],
    ),
    (
        "merge-previous",
        lambda p, b: p.merge(b[1].id, "previous"),
        [("2:2", f"{TR[0]} {TR[1]}", f"{EN[0]} {EN[1]}"),
         *[("1:1", TR[i], EN[i]) for i in range(2, 6)]],
    ),
    (
        "split-1:0+0:1",
        lambda p, b: p.split_bead(b[0].id, 1, 0),
        [("1:0", TR[0], ""), ("0:1", "", EN[0]), *[("1:1", TR[i], EN[i]) for i in range(1, 6)]],
    ),
    (
        "move-en-previous",
        lambda p, b: p.move_segment(b[2].id, "en", "previous"),
        [("1:1", TR[0], EN[0]), ("1:2", TR[1], f"{EN[1]} {EN[2]}"), ("1:0", TR[2], ""),
         *[("1:1", TR[i], EN[i]) for i in range(3, 6)]],
    ),
    (
        "move-tr-next",
        lambda p, b: p.move_segment(b[2].id, "tr", "next"),
        [("1:1", TR[0], EN[0]), ("1:1", TR[1], EN[1]), ("0:1", "", EN[2]),
         ("2:1", f"{TR[2]} {TR[3]}", EN[3]), ("1:1", TR[4], EN[4]), ("1:1", TR[5], EN[5])],
    ),
    (
        "move-first-bead-up-makes-own-bead",
        lambda p, b: p.move_segment(b[0].id, "tr", "previous"),
        [("1:0", TR[0], ""), ("0:1", "", EN[0]), *[("1:1", TR[i], EN[i]) for i in range(1, 6)]],
    ),
    (
        "move-last-bead-down-makes-own-bead",
        lambda p, b: p.move_segment(b[5].id, "en", "next"),
        [*[("1:1", TR[i], EN[i]) for i in range(5)], ("1:0", TR[5], ""), ("0:1", "", EN[5])],
    ),
    (
        "edit",
        lambda p, b: p.edit_segment(b[3].en[0].id, "  The ministry said: “No detentions.”\n"),
        [*[("1:1", TR[i], EN[i]) for i in range(3)],
         ("1:1", TR[3], "The ministry said: “No detentions.”"),
         *[("1:1", TR[i], EN[i]) for i in range(4, 6)]],
    ),
    (
        "split-segment",
        lambda p, b: p.split_segment(b[3].tr[0].id, 24),
        [*[("1:1", TR[i], EN[i]) for i in range(3)],
         ("2:1", "Bakanlık açıklama yaptı: 'Gözaltı yok.'", EN[3]),
         *[("1:1", TR[i], EN[i]) for i in range(4, 6)]],
    ),
]


@pytest.mark.parametrize(("name", "op", "expected"), CASES, ids=[c[0] for c in CASES])
def test_operation_result_undo_redo(
    tmp_path: Path, name: str, op: Op, expected: list[tuple[str, str, str]]
) -> None:
    with make_project(tmp_path) as p:
        before = snapshot(p)
        done = op(p, _ids(p))
        assert done is not None and done.id > 0 and done.description
        assert layout(p) == expected
        after = snapshot(p)
        undone = p.undo()
        assert undone is not None and undone.undone and undone.id == done.id
        assert snapshot(p) == before
        redone = p.redo()
        assert redone is not None and not redone.undone
        assert snapshot(p) == after
        assert p.redo() is None


def test_split_segment_keeps_offsets_and_pieces(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        seg = p.beads()[3].tr[0]
        p.split_segment(seg.id, 24)
        left, right = p.beads()[3].tr
        text = p.file_text(p.documents()[0].id, "tr")
        assert (left.text, right.text) == ("Bakanlık açıklama yaptı:", "'Gözaltı yok.'")
        assert text[left.start : left.end] == left.text
        assert text[right.start : right.end] == right.text
        assert not left.edited and not right.edited


def test_edit_records_original_and_editing_back_clears_it(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        seg = p.beads()[0].tr[0]
        p.edit_segment(seg.id, "Bugün İstanbul’da hava güzel.")
        edited = p.bead(p.beads()[0].id).tr[0]
        assert edited.edited and edited.original == TR[0]
        p.edit_segment(seg.id, "Bugün İstanbul’da hava güzel!")
        assert p.bead(p.beads()[0].id).tr[0].original == TR[0]  # still the first text
        p.edit_segment(seg.id, TR[0])
        assert not p.bead(p.beads()[0].id).tr[0].edited
        assert p.edit_segment(seg.id, TR[0] + "  ") is None  # no change, no journal entry


def test_status_operations_and_no_op(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()
        op = p.confirm(b[0].id)
        assert op is not None and op.kind == "confirm" and op.focus == b[0].id
        row = p.bead(b[0].id)
        assert (row.status, row.changed_by) == ("confirmed", "ayşe")
        assert row.changed_at == "20240102T030405Z"
        assert p.confirm(b[0].id) is None  # already confirmed: nothing journaled
        assert p.reject(b[1].id) is not None
        assert p.set_status([b[2].id, b[3].id], "confirmed") is not None
        s = p.summary()
        assert (s.confirmed, s.rejected, s.undo_depth) == (3, 1, 3)
        assert p.reset_status(b[0].id) is not None
        assert p.bead(b[0].id).status == "auto"


def test_content_change_unconfirms_and_drops_score_and_findings(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()
        p.confirm(b[0].id)
        p.add_findings(b[0].id, [FINDING])
        p.add_findings(b[1].id, [FINDING])
        p.merge(b[0].id)
        merged = p.bead(b[0].id)
        assert (merged.status, merged.score, merged.findings) == ("auto", None, 0)
        p.undo()
        restored = p.bead(b[0].id)
        assert restored.status == "confirmed" and restored.findings == 1
        assert p.bead(b[1].id).findings == 1
        assert p.findings(b[0].id)[0].tr_span == (32, 39)


def test_edit_keeps_score(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()[2]
        p.confirm(b.id)
        p.edit_segment(b.en[0].id, "Kids play under the trees.")
        row = p.bead(b.id)
        assert row.score == pytest.approx(b.score) and row.status == "auto"


def test_insert_counterpart_then_type_translation(tmp_path: Path) -> None:
    beads = [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,))]
    with make_project(tmp_path, tr=TR[:3], en=[EN[0], EN[2]], beads=beads) as p:
        one_zero = p.beads()[1]
        assert one_zero.kind == "1:0"
        p.insert_counterpart(one_zero.id, "en")
        row = p.bead(one_zero.id)
        assert row.kind == "1:1" and row.en[0].text == "" and row.en[0].start is None
        p.edit_segment(row.en[0].id, EN[1])
        assert layout(p)[1] == ("1:1", TR[1], EN[1])
        assert p.bead(one_zero.id).en[0].original == ""


REFUSALS: list[tuple[str, Op, str]] = [
    ("merge-last-next", lambda p, b: p.merge(b[5].id, "next"), "last bead of its document"),
    ("merge-first-prev", lambda p, b: p.merge(b[0].id, "previous"), "first bead"),
    ("merge-bad-direction", lambda p, b: p.merge(b[0].id, "up"), "direction must be"),
    ("split-nothing", lambda p, b: p.split_bead(b[0].id, 0, 0), "at least one segment"),
    ("split-everything", lambda p, b: p.split_bead(b[0].id, 1, 1), "at least one segment"),
    ("split-out-of-range", lambda p, b: p.split_bead(b[0].id, 2, 0), "cannot split after 2"),
    ("move-bad-side", lambda p, b: p.move_segment(b[0].id, "de", "next"), "side must be"),
    ("counterpart-present", lambda p, b: p.insert_counterpart(b[0].id, "en"), "already has"),
    ("split-seg-at-0", lambda p, b: p.split_segment(b[0].tr[0].id, 0), "both pieces"),
    ("split-seg-past-end", lambda p, b: p.split_segment(b[0].tr[0].id, 999), "both pieces"),
    ("no-such-bead", lambda p, b: p.confirm(10_000), "no bead with id 10000"),
    ("no-such-segment", lambda p, b: p.edit_segment(10_000, "x"), "no segment with id"),
    ("bad-status", lambda p, b: p.set_status([b[0].id], "done"), "status must be one of"),
    ("realign-confirmed", lambda p, b: (p.confirm(b[0].id), ProjectEngine(p).realign(b[0].id)),
     "is confirmed"),
]


@pytest.mark.parametrize(("name", "op", "message"), REFUSALS, ids=[c[0] for c in REFUSALS])
def test_refused_operations_change_nothing(
    tmp_path: Path, name: str, op: Op, message: str
) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()
        before, journal = snapshot(p), len(p.history())
        with pytest.raises(StoreError, match=message):
            op(p, b)
        if name == "realign-confirmed":
            before["beads"][0] = snapshot(p)["beads"][0]  # the confirmation itself stays
            journal += 1
        assert snapshot(p) == before
        assert len(p.history()) == journal


# -- undo/redo ---------------------------------------------------------------------


def test_undo_redo_survive_a_restart(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        start = snapshot(p)
        b = p.beads()
        p.merge(b[0].id)
        p.confirm(b[0].id)
        p.split_bead(b[0].id, 1, 1)
        end = snapshot(p)
    with Project.open(tmp_path / "p.hizala") as p:
        assert p.can_undo and not p.can_redo
        assert [o.kind for o in p.history()] == ["split_bead", "confirm", "merge"]
        for _ in range(3):
            assert p.undo() is not None
        assert p.undo() is None
        assert snapshot(p) == start
    with Project.open(tmp_path / "p.hizala") as p:
        for _ in range(3):
            assert p.redo() is not None
        assert snapshot(p) == end


def test_new_operation_discards_redo(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()
        p.confirm(b[0].id)
        p.undo()
        assert p.can_redo
        p.reject(b[1].id)
        assert not p.can_redo and p.redo() is None


def test_undo_focus_points_at_an_existing_bead(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()
        p.split_bead(b[0].id, 1, 0)
        undone = p.undo()
        assert undone is not None and undone.focus == b[0].id


def test_renumbering_when_positions_run_out(tmp_path: Path) -> None:
    """25 splits at one place exhaust the gap between two beads; the document is
    renumbered inside the operation and undo still restores every position."""
    lines = [f"Cümle {i}." for i in range(30)]
    lines_en = [f"Sentence {i}." for i in range(30)]
    beads = [Bead(tuple(range(30)), tuple(range(30))), ]
    with make_project(tmp_path, tr=lines, en=lines_en, beads=beads) as p:
        start = snapshot(p)
        first = p.beads()[0].id
        for k in range(29, 0, -1):
            p.split_bead(first, k, k)
        assert [b.tr_text for b in p.beads()] == lines
        positions = [r[2] for r in sorted(snapshot(p)["beads"], key=lambda r: r[2])]
        assert len(set(positions)) == 30
        for _ in range(29):
            p.undo()
        assert snapshot(p) == start


# -- property: any sequence of operations undoes to the start -----------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["confirm", "reject", "merge", "split", "move", "counterpart", "edit", "cut"]
        ),
        st.integers(0, 20),
        st.integers(0, 3),
        st.sampled_from(["tr", "en"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


def _apply(p: Project, action: tuple[str, int, int, str, bool]) -> None:
    name, k, n, side, flag = action
    beads = p.beads()
    b = beads[k % len(beads)]
    segs = b.tr if side == "tr" else b.en
    direction = "next" if flag else "previous"
    if name == "confirm":
        p.confirm(b.id)
    elif name == "reject":
        p.reject(b.id)
    elif name == "merge":
        p.merge(b.id, direction)
    elif name == "split":
        p.split_bead(b.id, min(n, len(b.tr)), min(n + int(flag), len(b.en)))
    elif name == "move":
        p.move_segment(b.id, side, direction)
    elif name == "counterpart":
        p.insert_counterpart(b.id, side)
    elif name == "edit" and segs:
        p.edit_segment(segs[n % len(segs)].id, f"düzeltme {k} – İçişleri ‘{n}’")
    elif name == "cut" and segs:
        seg = segs[n % len(segs)]
        p.split_segment(seg.id, max(1, len(seg.text) // 2))


def _order(p: Project) -> list[int]:
    return [s.id for b in p.beads() for s in (*b.tr, *b.en) if s.id <= 12]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_any_sequence_undoes_and_redoes_exactly(tmp_path: Path, actions: list[Any]) -> None:
    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    with make_project(folder) as p:
        start = snapshot(p)
        order = {"tr": [s.id for b in p.beads() for s in b.tr],
                 "en": [s.id for b in p.beads() for s in b.en]}
        done = 0
        for action in actions:
            before = snapshot(p)
            try:
                _apply(p, action)
            except StoreError:
                assert snapshot(p) == before  # a refused operation changes nothing
            done = len([o for o in p.history(100) if not o.undone])
            # invariants: every bead holds a segment; original segments keep their order
            for bead in p.beads():
                assert bead.tr or bead.en
            for side in ("tr", "en"):
                now = [s.id for b in p.beads() for s in (b.tr if side == "tr" else b.en)]
                assert [i for i in now if i in order[side]] == order[side]
        end = snapshot(p)
        for _ in range(done):
            assert p.undo() is not None
        assert snapshot(p) == start
        for _ in range(done):
            assert p.redo() is not None
        assert snapshot(p) == end


# -- findings API ------------------------------------------------------------------


def test_findings_api(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()
        number = NewFinding("number", "5% vs %50", "error", (0, 2), (3, 5))
        p.add_findings(b[3].id, [FINDING, number])
        p.replace_findings(b[1].id, [NewFinding("spelling", "İzmir and Izmir", "info")])
        found = p.findings()
        assert [(f.bead_id, f.kind) for f in found] == [
            (b[1].id, "spelling"), (b[3].id, "missing"), (b[3].id, "number"),
        ]
        assert found[2].en_span == (3, 5)
        assert p.summary().findings_by_kind == (("missing", 1), ("number", 1), ("spelling", 1))
        assert p.next_bead(None, "finding") == b[1].id
        with pytest.raises(StoreError, match="severity"):
            p.add_findings(b[0].id, [NewFinding("x", "y", "fatal")])
        p.clear_findings()
        assert p.findings() == []


def test_checker_recomputes_findings_inside_operations(tmp_path: Path) -> None:
    def checker(bead: Any) -> list[NewFinding]:
        return [NewFinding("long", "a long bead", "info")] if len(bead.tr) > 1 else []

    with make_project(tmp_path) as p:
        p.checker = checker
        b = p.beads()
        p.merge(b[0].id)
        assert [f.kind for f in p.findings(b[0].id)] == ["long"]
        p.undo()
        assert p.findings() == []
        assert p.recheck(document_id=p.documents()[0].id) == 0


def test_splitting_a_sentence_drops_the_stale_confidence(tmp_path: Path) -> None:
    # the bead is reshaped (1:1 -> 2:1): the aligner never scored what it is now
    with make_project(tmp_path) as p:
        bead = p.beads()[3]
        assert bead.score is not None
        op = p.split_segment(bead.tr[0].id, 24)
        assert p.bead(bead.id).score is None
        assert op is not None and op.description == "split a Turkish segment of bead #4"
        p.undo()
        assert p.bead(bead.id).score == bead.score


@pytest.mark.parametrize(
    ("keep", "status"), [(False, "auto"), (True, "confirmed")], ids=["default", "keep"]
)
def test_editing_a_confirmed_bead(tmp_path: Path, keep: bool, status: str) -> None:
    with make_project(tmp_path) as p:
        bead = p.beads()[0]
        p.confirm(bead.id)
        op = p.edit_segment(bead.en[0].id, "The weather is very nice today.", keep_status=keep)
        assert op is not None and op.description == "edit an English segment of bead #1"
        assert p.bead(bead.id).status == status
        assert p.bead(bead.id).score == bead.score  # a typo fixed: the alignment stands


def test_a_bulk_status_change_is_one_step_also_after_a_restart(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        ids = [b.id for b in p.beads()]
        p.reject(ids[2])
        op = p.set_status([ids[0], *ids[3:]], "confirmed")
        assert op is not None and op.description == "confirm 4 beads" and op.focus == ids[0]
        assert p.set_status(ids[3:], "confirmed") is None  # nothing changed: no entry
        path = p.path
    with Project.open(path) as p:
        assert [b.status for b in p.beads()] == ["confirmed", "auto", "rejected"] + [
            "confirmed"] * 3
        undone = p.undo()
        assert undone is not None and undone.description == "confirm 4 beads"
        assert [b.status for b in p.beads()] == ["auto", "auto", "rejected", "auto", "auto",
                                                 "auto"]
        with pytest.raises(StoreError, match="there is no bead with id 999"):
            p.set_status([ids[0], 999], "confirmed")
        assert p.beads()[0].status == "auto"
