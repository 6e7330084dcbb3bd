"""ReviewSession, review_queries, project creation and export: the library under the UI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from store_fixtures import EN, TR, document
from tui_fixtures import review_project

from align.errors import HizalaError, StoreError
from align.review import (
    Cancelled,
    NewProject,
    ReviewIndex,
    ReviewSession,
    create_project,
    default_cut,
    default_project_path,
    holds_documents,
    one_line,
    segment_pieces,
)
from align.review.export import ExportRequest, run_export
from align.store import Project
from align.store.exports import ExportOptions
from align.store.review_queries import bead_marks, bead_marks_by_id, bead_texts


def _fresh(session: ReviewSession) -> ReviewIndex:
    fresh = ReviewIndex(bead_marks(session.project))
    fresh.set_filter(session.index.filter)
    return fresh


def _ids(session: ReviewSession, k: int) -> int:
    return session.index.id_at(k)


OPERATIONS: list[tuple[str, Callable[[ReviewSession], object]]] = [
    ("confirm", lambda s: s.confirm(_ids(s, 0))),
    ("reject", lambda s: s.reject(_ids(s, 1))),
    ("merge-next", lambda s: s.merge(_ids(s, 0), "next")),
    ("merge-previous", lambda s: s.merge(_ids(s, 4), "previous")),
    ("split", lambda s: s.split_bead(_ids(s, 1), 1, 1)),
    ("move-tr-up", lambda s: s.move_segment(_ids(s, 1), "tr", "previous")),
    ("move-en-down", lambda s: s.move_segment(_ids(s, 2), "en", "next")),
    ("insert", lambda s: s.insert_counterpart(_ids(s, 3))),
    ("edit", lambda s: s.edit_segment(s.bead(_ids(s, 0)).tr[0].id, "Bugün hava güzel.")),
    ("split-segment", lambda s: s.split_segment(s.bead(_ids(s, 0)).tr[0].id, 6)),
]


@pytest.mark.parametrize("view", ["all", "unconfirmed"])
@pytest.mark.parametrize(("name", "operation"), OPERATIONS, ids=[n for n, _ in OPERATIONS])
def test_the_index_follows_every_operation_undo_and_redo(
    tmp_path: Path, name: str, operation: Callable[[ReviewSession], object], view: str
) -> None:
    with review_project(tmp_path) as project:
        session = ReviewSession(project)
        session.index.set_filter(view)
        session.rows(session.index.ids(0, 20))  # fill the cache: it must be refreshed
        before = [(b.id, b.kind, b.status, b.tr_text) for b in project.beads()]
        assert operation(session) is not None
        for step in (None, session.undo, session.redo, session.undo):
            if step is not None:
                assert step() is not None
            fresh = _fresh(session)
            assert session.index.ids(0, 99) == fresh.ids(0, 99), name
            assert session.index.confirmed == fresh.confirmed
            rows = session.rows(session.index.ids(0, 99))
            assert [(b.id, b.kind, b.status, b.tr_text) for b in rows] == [
                (b.id, b.kind, b.status, b.tr_text) for b in project.beads(document_id=None)
                if session.index.row_of(b.id) is not None
            ]
        after = [(b.id, b.kind, b.status, b.tr_text) for b in project.beads()]
        assert after == before  # undone


def test_operations_that_cannot_be_done_change_nothing(tmp_path: Path) -> None:
    with review_project(tmp_path) as project:
        session = ReviewSession(project)
        first = _ids(session, 0)
        with pytest.raises(StoreError, match="first bead of its document"):
            session.merge(first, "previous")
        with pytest.raises(StoreError, match="has both sides"):
            session.insert_counterpart(first)
        assert session.index.ids(0, 99) == _fresh(session).ids(0, 99)
        assert session.confirm(first) is not None
        assert session.confirm(first) is None  # already confirmed: nothing journaled
        assert session.index.confirmed == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("istanbul", 1),        # İstanbul: Turkish İ folds to i
        ("ISIKLAR", None),      # I folds to ı, so ISIKLAR is not Işıklar …
        ("IŞIKLAR", 2),         # … but IŞIKLAR is
        ("nato'ya", 7),         # curly and straight apostrophes match
        ("NATO’YA", 7),
        ("izmir", 8),           # the English side counts too (Izmir)
        ("homework", 6),
        ("yok bu", None),
        ("   ", None),
    ],
    ids=["dotted-I", "dotless-I-no", "dotless-I", "apostrophe", "curly-upper", "english",
         "english-2", "none", "blank"],
)
def test_search_folds_turkish_case(tmp_path: Path, query: str, expected: int | None) -> None:
    with review_project(tmp_path) as project:
        session = ReviewSession(project)
        found, outside = session.search(query, None)
        assert (None if found is None else session.number(found)) == expected
        assert outside is False


def test_search_wraps_sees_edits_and_leaves_the_view_only_when_it_must(tmp_path: Path) -> None:
    with review_project(tmp_path) as project:
        session = ReviewSession(project)
        last = _ids(session, 7)
        assert session.number(session.search("istanbul", last)[0]) == 1  # wraps around
        assert session.search("istanbul", _ids(session, 0)) == (_ids(session, 0), False)
        seg = session.bead(_ids(session, 5)).tr[0].id
        session.edit_segment(seg, "Öğretmen Kadıköy’de ders verdi.")
        assert session.number(session.search("kadıköy'de", None)[0]) == 6
        session.confirm(_ids(session, 0))
        session.index.set_filter("unconfirmed")
        found, outside = session.search("istanbul", _ids(session, 2))
        assert session.number(found) == 1 and outside is True
        found, outside = session.search("the", _ids(session, 0))  # matches in the view exist
        assert outside is False and session.index.row_of(found) is not None


def test_review_queries(tmp_path: Path) -> None:
    with review_project(tmp_path) as project:
        marks = bead_marks(project)
        assert [(m.tr_count, m.en_count) for m in marks][:5] == [
            (1, 1), (2, 1), (1, 2), (1, 0), (0, 1)
        ]
        assert [m.findings for m in marks] == [0, 0, 1, 0, 0, 0, 1, 0]
        assert [m.is_low(0.5) for m in marks] == [
            False, True, False, True, True, False, False, False
        ]
        some = bead_marks_by_id(project, [marks[1].id, marks[3].id, 10_000])
        assert sorted(m.id for m in some) == [marks[1].id, marks[3].id]
        texts = bead_texts(project)
        rows = project.beads()
        assert texts == {b.id: (b.tr_text, b.en_text) for b in rows if b.tr or b.en}
        assert bead_texts(project, [rows[1].id]) == {rows[1].id: (rows[1].tr_text, rows[1].en_text)}


@pytest.mark.parametrize(
    ("n_tr", "n_en", "cut"),
    [(1, 1, (1, 0)), (2, 2, (1, 1)), (2, 1, (1, 1)), (3, 2, (2, 1)), (2, 0, (1, 0)),
     (0, 2, (0, 1)), (1, 3, (1, 2))],
    ids=["1:1", "2:2", "2:1", "3:2", "2:0", "0:2", "1:3"],
)
def test_default_cut(n_tr: int, n_en: int, cut: tuple[int, int]) -> None:
    assert default_cut(n_tr, n_en) == cut
    tr_at, en_at = cut
    assert tr_at + en_at > 0 and (tr_at, en_at) != (n_tr, n_en)


def test_default_cut_refuses_one_sentence() -> None:
    with pytest.raises(ValueError, match="one sentence"):
        default_cut(1, 0)


def test_segment_pieces_and_one_line() -> None:
    texts = ["İki cümle.", "Üçüncü’sü burada."]
    assert segment_pieces(texts, (4, 15)) == [(0, 4, 10), (1, 0, 4)]
    assert segment_pieces(texts, (10, 11)) == []  # the joining space only
    assert one_line("a\n b\t\tc ") == "a b c"


@pytest.mark.parametrize(
    ("tr", "en", "expected"),
    [
        ("haber.tr.txt", "haber.en.txt", "haber.hizala"),
        ("corpus/000/tr.txt", "corpus/000/en.txt", "000.hizala"),
        ("İzmir_TR.txt", "izmir_EN.txt", "İzmir.hizala"),
    ],
    ids=["suffix", "folder", "turkish-name"],
)
def test_default_project_path(tr: str, en: str, expected: str) -> None:
    assert default_project_path(tr, en) == Path(expected)


def test_create_project_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    tr = document(TR, "tr", str(tmp_path / "haber.tr.txt"))
    en = document(EN, "en", str(tmp_path / "haber.en.txt"))
    seen: list[tuple[int, int]] = []
    request = NewProject(path=str(tmp_path / "h.hizala"), tr=tr, en=en, encoder="fake",
                         presegmented=True)
    assert create_project(request, lambda d, t: seen.append((d, t))) >= 5
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    with Project.open(request.path, readonly=True) as project:
        assert holds_documents(project, tr, en)
        assert not holds_documents(project, en, tr)
        assert project.encoder_name == "fake"
    with pytest.raises(StoreError, match="already exists"):
        create_project(request)

    def stop(done: int, total: int) -> None:
        if done:
            raise Cancelled

    other = NewProject(path=str(tmp_path / "x.hizala"), tr=tr, en=en, encoder="fake")
    with pytest.raises(Cancelled):
        create_project(other, stop)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.hizala"]  # nothing left behind


@pytest.mark.parametrize(
    ("fmt", "options", "check"),
    [
        ("tmx", ExportOptions(), lambda t: t.count("<tu ") == 6),
        ("tmx", ExportOptions(only_confirmed=True), lambda t: t.count("<tu ") == 1),
        ("tmx", ExportOptions(tr_lang="tr-TR"), lambda t: 'srclang="tr-TR"' in t),
        ("tsv", ExportOptions(min_score=0.6), lambda t: len(t.splitlines()) == 5),
        ("json", ExportOptions(), lambda t: len(json.loads(t)["documents"][0]["beads"]) == 8),
    ],
    ids=["tmx", "only-confirmed", "lang", "tsv-min-score", "json"],
)
def test_export(tmp_path: Path, fmt: str, options: ExportOptions,
                check: Callable[[str], bool]) -> None:
    with review_project(tmp_path) as project:
        project.confirm(project.beads()[0].id)
        out = tmp_path / f"out.{fmt}"
        request = ExportRequest(str(out), fmt, options)
        summary = run_export(project.path, request, now="20240101T000000Z")
        assert summary.startswith("wrote ") and str(out) in summary
        assert check(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (ExportRequest("", "tmx"), "give the file to write"),
        (ExportRequest("x.doc", "doc"), "unknown format 'doc'"),
        (ExportRequest("{dir}/missing/out.tmx", "tmx"), "does not exist"),
        (ExportRequest("out.tmx", "tmx", ExportOptions(documents=("nope",))),
         "no document named 'nope'"),
    ],
    ids=["no-path", "format", "folder", "document"],
)
def test_export_errors(tmp_path: Path, request_: ExportRequest, message: str) -> None:
    with review_project(tmp_path) as project:
        request = ExportRequest(request_.path.replace("{dir}", str(tmp_path)), request_.format,
                                request_.options)
        with pytest.raises(HizalaError, match=message):
            run_export(project.path, request)
