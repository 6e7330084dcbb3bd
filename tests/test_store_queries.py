"""Reading a project: windows of rows, bead numbers, navigation, search, counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import EN, FINDING, SIGNATURE, TR, document, make_project

from align.errors import StoreError
from align.store import Project
from align.types import Bead


def test_windows_numbers_and_documents(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        p.add_document(document(TR[:2], "tr", "ek.tr.txt"), document(EN[:2], "en", "ek.en.txt"),
                       [Bead((0, 1), (0, 1), 0.4)], signature=SIGNATURE)
        rows = p.beads()
        assert len(rows) == 7 and rows[-1].kind == "2:2"
        assert [b.id for b in p.beads(2, 3)] == [b.id for b in rows[2:5]]
        assert p.beads(6, 10) == rows[6:]
        assert p.beads(100) == []
        docs = p.documents()
        assert [b.id for b in p.beads(document_id=docs[1].id)] == [rows[6].id]
        for k, b in enumerate(rows):
            assert p.index_of(b.id) == k and p.bead_id_at(k) == b.id
        assert p.beads_by_id([rows[5].id, rows[0].id, 999]) == [rows[0], rows[5]]
        with pytest.raises(StoreError, match="no bead number 7"):
            p.bead_id_at(7)
        with pytest.raises(StoreError, match="no bead with id 999"):
            p.index_of(999)
        assert rows[0].tr[0].start == 0 and rows[0].tr_text == TR[0]
        assert p.file_text(docs[0].id, "en").splitlines() == EN


def test_navigation(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:  # scores 0.9, 0.8, … 0.4
        ids = [b.id for b in p.beads()]
        p.confirm(ids[0])
        p.confirm(ids[2])
        p.reject(ids[3])
        p.add_findings(ids[4], [FINDING])
        assert p.next_bead(None) == ids[1]  # first unconfirmed
        assert p.next_bead(ids[1]) == ids[3]  # rejected counts as unconfirmed
        assert p.next_bead(ids[1], "auto") == ids[4]
        assert p.next_bead(ids[4], "confirmed") == ids[0]  # wraps around
        assert p.next_bead(ids[4], "confirmed", wrap=False) is None
        assert p.next_bead(ids[2], "confirmed", backwards=True) == ids[0]
        assert p.next_bead(None, "low") is None  # no threshold set: nothing is low
        assert p.summary().low_threshold is None
        p.low_threshold = 0.5
        assert p.next_bead(None, "low") == ids[5]  # 0.4, below 0.5
        p.low_threshold = 0.65
        assert p.next_bead(None, "low") == ids[4]  # 0.5; 0.6 is rejected, i.e. reviewed
        assert p.next_bead(ids[5], "finding") == ids[4]
        assert p.next_bead(ids[5], "any") == ids[0]
        with pytest.raises(StoreError, match="unknown navigation 'odd'"):
            p.next_bead(None, "odd")


def test_search_is_turkish_aware(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        ids = [b.id for b in p.beads()]
        assert p.search("IŞIKLAR") == ids[1]  # I folds to ı, not i
        assert p.search("istanbul’da") == ids[0]  # İ folds to i; any apostrophe
        assert p.search("ISTANBUL") == ids[0]  # English side: Istanbul
        assert p.search("ISTANBUL", side="tr") is None  # Turkish: İstanbul ≠ ıstanbul
        assert p.search("<dark>") == ids[1]
        assert p.search("the", ids[1]) == ids[2]
        assert p.search("the", ids[5]) == ids[0]  # wraps
        assert p.search("the", ids[0], backwards=True) == ids[5]
        assert p.search("   ") is None and p.search("yok böyle bir şey") is None
        p.edit_segment(p.beads()[3].en[0].id, "Gözaltı yok, dedi bakanlık.")
        assert p.search("GÖZALTI", side="en") == ids[3]  # the cache follows edits
        p.undo()
        assert p.search("GÖZALTI", side="en") is None


def test_search_sees_another_writers_commit(tmp_path: Path) -> None:
    make_project(tmp_path).close()
    with Project.open(tmp_path / "p.hizala", readonly=True) as reader:
        assert reader.search("kırmızı") is None
        with Project.open(tmp_path / "p.hizala") as writer:
            writer.edit_segment(writer.beads()[2].tr[0].id, "Kırmızı ağaçlar.")
        assert reader.search("KIRMIZI") == reader.beads()[2].id


def test_stretch(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        ids = [b.id for b in p.beads()]
        assert p.stretch(ids[3]) == tuple(ids)
        p.confirm(ids[1])
        p.confirm(ids[4])
        assert p.stretch(ids[2]) == (ids[2], ids[3])
        assert p.stretch(ids[0]) == (ids[0],)
        assert p.stretch(ids[5]) == (ids[5],)
        assert p.stretch(ids[1]) == ()


def test_summary_and_history(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        ids = [b.id for b in p.beads()]
        p.confirm(ids[0])
        p.reject(ids[5])
        p.merge(ids[1])
        s = p.summary()
        assert (s.beads, s.confirmed, s.rejected, s.auto) == (5, 1, 1, 3)
        assert s.low_confidence == 0  # the 0.4 bead is rejected: reviewed, not "low"
        assert (s.undo_depth, s.redo_depth) == (3, 0)
        p.undo()
        s = p.summary()
        assert (s.undo_depth, s.redo_depth, s.low_confidence) == (2, 1, 0)
        history = p.history()
        assert [(o.kind, o.undone) for o in history] == [
            ("merge", True), ("reject", False), ("confirm", False),
        ]
        assert history[1].description == "reject bead #6" and history[0].who == "ayşe"
        doc = p.documents()[0]
        assert (doc.name, doc.beads, doc.confirmed, doc.rejected) == ("haber", 6, 1, 1)
        assert str(doc.signature) == "hizala:0.1.0|encoder:fake|seg:lines"
