"""Mixed articles in a project: each Turkish fragment a bead; review, rematch, refusals,
undo/redo, candidates, and the schema-1 → 2 migration."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mixed_fixtures import (
    ARTICLE,
    BANNER,
    BANNER_EN,
    BANNER_SENTENCE,
    FOOTER,
    GATHERED,
    MATCHES,
    POLICE,
    SIGNATURE,
    SLOGAN,
    SLOGAN_EN,
    english,
    mixed_project,
    span,
    write_article,
)
from store_fixtures import TR, snapshot

from align.errors import StoreError
from align.fragments.model import EnglishSpan, Fragment, FragmentMatch
from align.review import ProjectEngine
from align.store import SCHEMA_VERSION, Project
from align.textio import SourceText, read_text

DATA = Path(__file__).parent / "data" / "store"


def _mixed_beads(p: Project) -> list[Any]:
    doc = next(d for d in p.documents() if d.kind == "mixed")
    return p.beads(document_id=doc.id)


def view(p: Project) -> list[tuple[str, str, str, str]]:
    """``(kind, Turkish, English, status)`` per fragment bead."""
    return [(b.kind, b.tr_text, b.en_text, b.status) for b in _mixed_beads(p)]


INITIAL = [
    ("1:1", SLOGAN, SLOGAN_EN, "auto"),
    ("1:1", BANNER, BANNER_EN, "auto"),
    ("1:0", FOOTER, "", "auto"),
]

# -- adding ------------------------------------------------------------------------------


def test_each_fragment_is_a_bead_with_offsets_into_the_article(tmp_path: Path) -> None:
    with mixed_project(tmp_path) as p:
        (doc,) = p.documents()
        assert doc.kind == "mixed" and doc.name == "makale" and doc.beads == 3
        assert doc.tr_path == doc.en_path == str(tmp_path / "makale.en.txt")
        assert doc.tr_sha256 == doc.en_sha256 == read_text(tmp_path / "makale.en.txt").sha256
        assert p.file_text(doc.id, "tr") == p.file_text(doc.id, "en") == ARTICLE
        assert view(p) == INITIAL
        for b in p.beads():
            for s in (*b.tr, *b.en):
                assert ARTICLE[s.start : s.end] == s.text
        beads = p.beads()
        assert [b.tr[0].paragraph for b in beads] == [2, 4, 5]
        assert [s.paragraph for s in beads[0].en + beads[1].en] == [3, 4]
        # the score is the bead's confidence: the match's score, or 1 - best for none
        assert [b.score for b in beads] == pytest.approx([0.82, 0.64, 0.88])


def test_fragment_records_keep_the_reason_and_the_best_candidate(tmp_path: Path) -> None:
    with mixed_project(tmp_path, pair=True) as p:
        pair_bead, *_ = p.beads()
        assert p.fragment(pair_bead.id) is None
        footer = _mixed_beads(p)[2]
        info = p.fragment(footer.id)
        assert info is not None and not info.paired and info.detected_match is None
        assert info.best == english(POLICE) and info.score == pytest.approx(0.12)
        assert "below the threshold" in info.reason and info.kind == "paragraph"
        assert (info.start, info.end) == span(FOOTER)
        slogan = p.fragment(_mixed_beads(p)[0].id)
        assert slogan is not None and slogan.detected_match == english(SLOGAN_EN)
        assert set(p.fragments()) == {b.id for b in _mixed_beads(p)}
        assert p.fragment_counts() == {2: (3, 1)}
        assert [p.document_kind(d.id) for d in p.documents()] == ["parallel", "mixed"]
        with pytest.raises(StoreError, match="no bead with id 999"):
            p.fragment(999)


def _source(text: str = ARTICLE, path: str = "a.txt", sha: str = "x") -> SourceText:
    return SourceText(path, text, "utf-8", sha, False, "\n")


def _shift(m: FragmentMatch, by: int) -> FragmentMatch:
    f = m.fragment
    return FragmentMatch(Fragment(f.start + by, f.end + by, f.text, f.kind, f.confidence,
                                  f.paragraph), m.match, m.score, m.best, m.reason)


BAD_MATCHES: list[tuple[str, list[FragmentMatch], str]] = [
    ("fragment-text-differs", [_shift(MATCHES[0], 1)], "does not match the article's text"),
    ("fragment-outside", [_shift(MATCHES[2], len(ARTICLE))], "does not match the article"),
    ("overlap", [MATCHES[0], MATCHES[0]], "overlaps the one before it"),
    ("match-text-differs",
     [FragmentMatch(MATCHES[0].fragment, EnglishSpan(0, 5, "Hello"), 0.9, None, "")],
     "English span at 0–5 does not match"),
]


@pytest.mark.parametrize(("name", "matches", "message"), BAD_MATCHES,
                         ids=[c[0] for c in BAD_MATCHES])
def test_bad_matches_are_refused_and_nothing_is_stored(
    tmp_path: Path, name: str, matches: list[FragmentMatch], message: str
) -> None:
    with Project.create(tmp_path / "p.hizala", encoder="fake") as p:
        with pytest.raises(StoreError, match=message):
            p.add_mixed_document(_source(), matches, signature=SIGNATURE)
        assert p.documents() == [] and p.bead_count() == 0


def test_same_article_twice_is_refused_and_no_fragments_is_fine(tmp_path: Path) -> None:
    with mixed_project(tmp_path) as p:
        again = read_text(write_article(tmp_path, "copy.txt"))
        with pytest.raises(StoreError, match="already in the project as document 'makale'"):
            p.add_mixed_document(again, MATCHES, signature=SIGNATURE)
        empty = p.add_mixed_document(_source("Only English here.\n", "-", "y"), [],
                                     signature=SIGNATURE)
        doc = next(d for d in p.documents() if d.id == empty)
        assert (doc.kind, doc.beads, doc.tr_path, doc.name) == ("mixed", 0, None, "article")
        assert p.fragment_counts()[empty] == (0, 0)


# -- operations on fragment beads, table-driven ---------------------------------------------

Op = Callable[[Project, list[Any]], Any]
G_START, G_END = span(GATHERED)  # a paragraph: line breaks either side

CASES: list[tuple[str, Op, list[tuple[str, str, str, str]]]] = [
    ("confirm", lambda p, b: p.confirm(b[0].id),
     [("1:1", SLOGAN, SLOGAN_EN, "confirmed"), *INITIAL[1:]]),
    ("reject-not-a-fragment", lambda p, b: p.reject(b[2].id),
     [*INITIAL[:2], ("1:0", FOOTER, "", "rejected")]),
    ("rematch-other-sentence", lambda p, b: p.rematch(b[0].id, *span(POLICE)),
     [("1:1", SLOGAN, POLICE, "auto"), *INITIAL[1:]]),
    ("rematch-unpaired-gets-english", lambda p, b: p.rematch(b[2].id, *span(GATHERED)),
     [*INITIAL[:2], ("1:1", FOOTER, GATHERED, "auto")]),
    ("rematch-none", lambda p, b: p.rematch(b[1].id, None),
     [INITIAL[0], ("1:0", BANNER, "", "auto"), INITIAL[2]]),
    ("rematch-sentence-holding-the-quote", lambda p, b: p.rematch(b[1].id, *span(BANNER_SENTENCE)),
     [INITIAL[0], ("1:1", BANNER, BANNER_SENTENCE, "auto"), INITIAL[2]]),
    ("rematch-trims-white-space", lambda p, b: p.rematch(b[0].id, G_START - 1, G_END + 1),
     [("1:1", SLOGAN, GATHERED, "auto"), *INITIAL[1:]]),
    ("insert-english-for-unpaired", lambda p, b: p.insert_counterpart(b[2].id, "en"),
     [*INITIAL[:2], ("1:1", FOOTER, "", "auto")]),
    ("edit-english", lambda p, b: p.edit_segment(b[1].en[0].id, "Stop the detentions now."),
     [INITIAL[0], ("1:1", BANNER, "Stop the detentions now.", "auto"), INITIAL[2]]),
]


@pytest.mark.parametrize(("name", "op", "expected"), CASES, ids=[c[0] for c in CASES])
def test_operation_result_undo_redo(
    tmp_path: Path, name: str, op: Op, expected: list[tuple[str, str, str, str]]
) -> None:
    with mixed_project(tmp_path, pair=True) as p:
        before = snapshot(p)
        done = op(p, _mixed_beads(p))
        assert done is not None and done.description and done.focus in done.beads
        assert view(p) == expected
        after = snapshot(p)
        assert p.undo() is not None and snapshot(p) == before
        assert p.redo() is not None and snapshot(p) == after
        assert p.redo() is None


def test_rematch_details(tmp_path: Path) -> None:
    with mixed_project(tmp_path) as p:
        p.confirm(p.beads()[0].id)
        slogan = p.beads()[0]
        assert p.rematch(slogan.id, *span(SLOGAN_EN)) is None  # already its English
        op = p.rematch(slogan.id, *span(POLICE))
        assert op is not None and op.kind == "rematch"
        assert op.description == f"pair fragment #1 with the English at {span(POLICE)[0]}–" \
                                 f"{span(POLICE)[1]}"
        b = p.bead(slogan.id)
        assert (b.status, b.score, b.changed_by) == ("auto", None, "ayşe")
        (en,) = b.en
        assert ((en.start, en.end), en.paragraph, en.edited) == (span(POLICE), 3, False)
        assert p.rematch(slogan.id, None).description == "leave fragment #1 unpaired"
        assert p.rematch(p.beads()[2].id, None) is None  # unpaired already
        # a typed-in English side (no offsets) is replaced by a span of the article
        footer = p.beads()[2]
        p.insert_counterpart(footer.id, "en")
        p.edit_segment(p.bead(footer.id).en[0].id, "Please enter your comment!")
        p.rematch(footer.id, *span(GATHERED))
        assert p.bead(footer.id).en_text == GATHERED
        p.undo()
        assert p.bead(footer.id).en_text == "Please enter your comment!"


def test_rematch_takes_numpy_offsets(tmp_path: Path) -> None:
    import numpy as np

    with mixed_project(tmp_path) as p:
        a, b = span(POLICE)
        p.rematch(p.beads()[0].id, np.int64(a), np.int32(b))
        assert p.beads()[0].en_text == POLICE


def test_undo_of_rematch_survives_a_restart(tmp_path: Path) -> None:
    with mixed_project(tmp_path) as p:
        before = snapshot(p)
        p.rematch(p.beads()[1].id, *span(POLICE))
        after = snapshot(p)
    with Project.open(tmp_path / "m.hizala") as p:
        assert snapshot(p) == after
        assert p.undo() is not None and snapshot(p) == before
    with Project.open(tmp_path / "m.hizala") as p:
        assert p.redo() is not None and snapshot(p) == after


# -- refusals ------------------------------------------------------------------------------

REFUSED: list[tuple[str, Op, str]] = [
    ("merge-next", lambda p, b: p.merge(b[0].id, "next"),
     r"bead #7 is a Turkish fragment of the mixed article 'makale': merging"),
    ("merge-previous", lambda p, b: p.merge(b[1].id, "previous"), "merging would put two"),
    ("split-bead", lambda p, b: p.split_bead(b[0].id, 1, 0), "cannot be split"),
    ("move-tr-next", lambda p, b: p.move_segment(b[0].id, "tr", "next"), "cannot move"),
    ("move-en-previous", lambda p, b: p.move_segment(b[1].id, "en", "previous"),
     "cannot move"),
    ("split-segment", lambda p, b: p.split_segment(b[0].tr[0].id, 5),
     "its segments cannot be split"),
    ("realign", lambda p, b: ProjectEngine(p).realign(b[0].id),
     "re-aligning is for document pairs"),
    ("insert-english-when-paired", lambda p, b: p.insert_counterpart(b[0].id, "en"),
     "it has an English side already"),
    ("insert-turkish", lambda p, b: p.insert_counterpart(b[2].id, "tr"),
     "its Turkish side is the fragment"),
    ("rematch-outside", lambda p, b: p.rematch(b[0].id, 10, len(ARTICLE) + 1),
     "not inside the article"),
    ("rematch-negative", lambda p, b: p.rematch(b[0].id, -1, 5), "not inside the article"),
    ("rematch-empty", lambda p, b: p.rematch(b[0].id, 5, 5), "not inside the article"),
    ("rematch-white-space", lambda p, b: p.rematch(b[0].id, span(SLOGAN)[1],
                                                   span(SLOGAN)[1] + 2), "only white space"),
    ("rematch-into-fragment", lambda p, b: p.rematch(b[0].id, span(SLOGAN)[0] + 3,
                                                     span(SLOGAN)[1] + 5),
     "cuts into the Turkish fragment"),
    ("rematch-the-fragment-itself", lambda p, b: p.rematch(b[0].id, *span(SLOGAN)),
     "cuts into the Turkish fragment"),
    ("rematch-no-end", lambda p, b: p.rematch(b[0].id, 5), "needs the English span's end"),
    ("rematch-not-numbers", lambda p, b: p.rematch(b[0].id, 1.5, 9),
     "offsets must be whole numbers, not 1.5 and 9"),
    ("rematch-bool", lambda p, b: p.rematch(b[0].id, True, 9), "must be whole numbers"),
    ("rematch-parallel-bead", lambda p, b: p.rematch(p.beads()[0].id, 0, 5),
     "bead #1 is not a Turkish fragment"),
    ("rematch-missing-bead", lambda p, b: p.rematch(999, 0, 5), "no bead with id 999"),
    ("candidates-parallel-bead", lambda p, b: ProjectEngine(p).match_candidates(p.beads()[0].id),
     "bead #1 is not a Turkish fragment"),
]


@pytest.mark.parametrize(("name", "op", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_what_makes_no_sense_for_a_fragment_is_refused(
    tmp_path: Path, name: str, op: Op, message: str
) -> None:
    with mixed_project(tmp_path, pair=True) as p:
        before = snapshot(p)
        with pytest.raises(StoreError, match=message) as err:
            op(p, _mixed_beads(p))
        assert snapshot(p) == before and not p.can_undo
        if "fragment of the mixed" in str(err.value):
            assert "use rematch" in str(err.value)


def test_document_pairs_next_to_a_mixed_article_work_as_before(tmp_path: Path) -> None:
    with mixed_project(tmp_path, pair=True) as p:
        pair = p.beads()[:6]
        p.merge(pair[4].id, "next")
        p.split_bead(pair[0].id, 1, 0)
        p.move_segment(pair[2].id, "en", "previous")
        p.split_segment(pair[3].tr[0].id, 24)
        assert p.beads()[0].tr_text == TR[0] and view(p) == INITIAL
        for _ in range(4):
            p.undo()
        assert [b.kind for b in p.beads()[:6]] == ["1:1"] * 6


# -- candidates ------------------------------------------------------------------------------


def _detected_project(folder: Path) -> Project:
    """The article detected and paired for real (fake encoder), as `hizala new --mixed` does."""
    from align.review.adding import add_article

    project = Project.create(folder / "d.hizala", encoder="fake", user="ayşe")
    add_article(project, write_article(folder))
    return project


def test_candidates_rank_the_detectors_choice_with_its_own_score(tmp_path: Path) -> None:
    from align.encoders.fake import FakeEncoder

    with _detected_project(tmp_path) as p:
        assert [b.tr_text for b in p.beads()] == [SLOGAN, BANNER, FOOTER]
        for b in p.beads():
            info = p.fragment(b.id)
            assert info is not None and info.best is not None
            fresh = FakeEncoder()  # an empty cache: the states come from the project
            ranked = ProjectEngine(p).match_candidates(b.id, encoder=fresh)
            assert fresh.calls == 0
            assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
            top = ranked[0]
            assert (top.start, top.end, top.text) == (info.best.start, info.best.end,
                                                      info.best.text)
            assert top.score == pytest.approx(info.score, abs=1e-9)
            assert top.current == info.paired
            assert all(ARTICLE[c.start : c.end] == c.text for c in ranked)
            assert not any(c.text in (SLOGAN, FOOTER) for c in ranked)
            assert len(ProjectEngine(p).match_candidates(b.id, limit=2)) == 2


def test_candidates_follow_rematch(tmp_path: Path) -> None:
    with _detected_project(tmp_path) as p:
        first, second, _footer = p.beads()
        ranked = ProjectEngine(p).match_candidates(first.id)
        other = next(c for c in ranked if not c.current)
        p.rematch(first.id, other.start, other.end)
        again = {(c.start, c.end): c for c in ProjectEngine(p).match_candidates(first.id)}
        assert again[(other.start, other.end)].current
        assert sum(c.current for c in again.values()) == 1
        p.rematch(second.id, other.start, other.end)
        shared = {(c.start, c.end): c for c in ProjectEngine(p).match_candidates(first.id)}
        assert shared[(other.start, other.end)].taken_by == (second.id,)


def test_candidates_embed_only_new_text_and_store_it(tmp_path: Path) -> None:
    from align.encoders.fake import FakeEncoder

    with _detected_project(tmp_path) as p:
        bead = p.beads()[0]
        p.edit_segment(bead.tr[0].id, "NATO’ya hayır, savaşa hayır!")
        enc = FakeEncoder()
        ProjectEngine(p).match_candidates(bead.id, encoder=enc)
        assert enc.calls == 1  # the edited fragment only
        again = FakeEncoder()
        ProjectEngine(p).match_candidates(bead.id, encoder=again)
        assert again.calls == 0  # stored by the first call


# -- exports -------------------------------------------------------------------------------


def test_tsv_and_json_exports_carry_fragments(tmp_path: Path) -> None:
    import json

    from align.store.exports import ExportOptions, render_json, render_tsv

    with mixed_project(tmp_path, pair=True) as p:
        p.reject(_mixed_beads(p)[1].id)
        tsv = render_tsv(p, ExportOptions()).splitlines()
        data = json.loads(render_json(p, ExportOptions(), now="20240101T000000Z"))
    assert tsv[6:] == [f"{SLOGAN}\t{SLOGAN_EN}\t0.8200\tauto\tmakale",
                       f"{FOOTER}\t\t0.8800\tauto\tmakale"]
    pair_doc, mixed = data["documents"]
    assert (pair_doc["kind"], mixed["kind"]) == ("parallel", "mixed")
    assert "fragment" not in pair_doc["beads"][0]
    slogan, footer = mixed["beads"]
    assert slogan["tr_segments"][0]["span"] == list(span(SLOGAN))
    assert slogan["en_segments"][0]["span"] == list(span(SLOGAN_EN))
    assert slogan["fragment"]["paired"] and slogan["fragment"]["kind"] == "paragraph"
    assert footer["fragment"] == {
        "kind": "paragraph", "confidence": 0.99, "span": list(span(FOOTER)), "paired": False,
        "score": 0.12, "best": {"start": span(POLICE)[0], "end": span(POLICE)[1],
                                "text": POLICE},
        "reason": MATCHES[2].reason,
    }


# -- migration from schema 1 -----------------------------------------------------------------


def _v1(tmp_path: Path) -> Path:
    dest = tmp_path / "old.hizala"
    shutil.copyfile(DATA / "v1.hizala", dest)
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    return dest


def test_a_v1_project_opens_migrates_and_keeps_everything(tmp_path: Path) -> None:
    path = _v1(tmp_path)
    with Project.open(path) as p:
        assert p.schema_version == SCHEMA_VERSION == 3
        (doc,) = p.documents()
        assert doc.kind == "parallel" and doc.beads == 5 and doc.confirmed == 1
        assert doc.rejected == 1 and doc.findings == 1
        assert [o.kind for o in p.history()] == ["merge", "edit_segment", "reject", "confirm"]
        assert p.fragments() == {} and p.fragment_counts() == {}
        before = snapshot(p)
        assert p.undo() is not None and p.bead_count() == 6  # the merge, undone
        p.redo()
        assert snapshot(p) == before
        p.add_mixed_document(read_text(write_article(tmp_path)), MATCHES, signature=SIGNATURE)
        assert [d.kind for d in p.documents()] == ["parallel", "mixed"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM embeddings").fetchone()[0] == 1
    conn.close()


def test_a_reader_upgrades_a_v1_project_when_it_can(tmp_path: Path) -> None:
    path = _v1(tmp_path)
    with Project.open(path, readonly=True) as p:  # what `hizala status` does
        assert p.schema_version == SCHEMA_VERSION and p.documents()[0].kind == "parallel"


def test_a_reader_that_cannot_upgrade_says_so(tmp_path: Path) -> None:
    from align.store.lock import WriterLock

    path = _v1(tmp_path)
    lock = WriterLock(str(path))  # an older hizala reviewing it holds the writer lock
    lock.acquire()
    try:
        with pytest.raises(StoreError, match=r"older hizala \(project schema 1\) and must be "
                           rf"upgraded to schema {SCHEMA_VERSION} before it can be read, which "
                           "failed: is already open for changes"):
            Project.open(path, readonly=True)
    finally:
        lock.release()
    with Project.open(path, readonly=True) as p:
        assert p.schema_version == SCHEMA_VERSION


# -- a property: any series of review operations undoes to the start -------------------------

STEPS = st.lists(
    st.tuples(st.sampled_from(["confirm", "reject", "rematch", "none", "edit"]),
              st.integers(0, 2), st.sampled_from([SLOGAN_EN, BANNER_EN, POLICE, GATHERED])),
    min_size=1, max_size=8,
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_series_of_operations_undoes_and_redoes(tmp_path: Path,
                                                    steps: list[tuple[str, int, str]]) -> None:
    import uuid

    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    with mixed_project(folder) as p:
        start = snapshot(p)
        done = 0
        for what, k, target in steps:
            bead = p.beads()[k]
            if what == "confirm":
                op = p.confirm(bead.id)
            elif what == "reject":
                op = p.reject(bead.id)
            elif what == "rematch":
                op = p.rematch(bead.id, *span(target))
            elif what == "none":
                op = p.rematch(bead.id, None)
            else:
                op = p.edit_segment(bead.tr[0].id, f"{bead.tr_text} ’ş")
            done += op is not None
        end = snapshot(p)
        for _ in range(done):
            assert p.undo() is not None
        assert snapshot(p) == start and p.undo() is None
        for _ in range(done):
            assert p.redo() is not None
        assert snapshot(p) == end


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", "ş", " ", "\t", "\n", "\u00a0", "."]),
                    max_size=40))
def test_paragraph_starts_number_paragraphs_as_segmentation_does(text: str) -> None:
    from align.paragraphs import paragraph_starts
    from align.segment import _paragraphs

    assert paragraph_starts(text) == [a for a, _b in _paragraphs(text)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", "ş", " ", "\n", "\u00a0"]), max_size=40),
       picks=st.tuples(st.integers(0, 39), st.integers(0, 39)))
def test_paragraph_counted_from_a_nearby_fragment_is_the_same(
    text: str, picks: tuple[int, int]
) -> None:
    from align.paragraphs import paragraph_at, paragraph_starts
    from align.paragraphs import paragraph_near as _paragraph_near

    letters = [k for k, c in enumerate(text) if not c.isspace()]
    if not letters:
        return
    offset, anchor = (letters[k % len(letters)] for k in picks)
    starts = paragraph_starts(text)
    near = _paragraph_near(text, offset, anchor, paragraph_at(starts, anchor))
    assert near == paragraph_at(starts, offset)
