"""Re-aligning the unconfirmed stretch: confirmed beads fixed, embeddings never redone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from store_fixtures import layout, make_project, snapshot

from align.encoders.fake import FakeEncoder
from align.errors import StoreError
from align.review import ProjectEngine
from align.store import Project
from align.types import Bead

TR = [
    "Ali 12 elma aldı.", "Ayşe 34 kitap okudu.", "Mehmet 56 kilometre koştu.",
    "Zeynep 78 mektup yazdı.", "Fatma 90 çiçek dikti.", "Emre 21 soru sordu.",
    "Selin 43 resim çizdi.", "Kemal 65 gün bekledi.",
]
# The fake encoder sees shared tokens only, so each translation keeps the Turkish
# noun: a true pair is then clearly closer than any merge of two (not a tie).
EN = [
    "Ali bought 12 elma apples.", "Ayşe read 34 kitap books.", "Mehmet ran 56 kilometre.",
    "Zeynep wrote 78 mektup letters.", "Fatma planted 90 çiçek flowers.",
    "Emre asked 21 soru questions.", "Selin drew 43 resim pictures.", "Kemal waited 65 gün days.",
]
# A bad alignment: shifted by one from bead 1 on, with a 2:1 and a 1:2 to absorb it.
BAD = [
    Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), (2,)), Bead((4,), (3,)),
    Bead((5,), (4, 5)), Bead((6,), (6,)), Bead((7,), (7,)),
]


def _project(tmp_path: Path) -> Project:
    return make_project(tmp_path, tr=TR, en=EN, beads=BAD)


def test_realign_fixes_the_stretch_and_keeps_confirmed_beads(tmp_path: Path) -> None:
    with _project(tmp_path) as p:
        enc = FakeEncoder()
        beads = p.beads()
        p.confirm(beads[0].id)
        p.confirm(beads[5].id)  # "Selin" bead, right
        confirmed = {b.id: b for b in p.beads() if b.status == "confirmed"}
        assert p.stretch(beads[2].id) == tuple(b.id for b in beads[1:5])
        bad = layout(p)
        op = ProjectEngine(p).realign(beads[2].id, encoder=enc)
        assert op is not None and op.kind == "realign"
        assert layout(p) == [("1:1", t, e) for t, e in zip(TR, EN, strict=True)]
        for bead_id, before in confirmed.items():
            assert p.bead(bead_id) == before  # untouched, same id
        assert op.focus is not None and p.bead(op.focus).tr_text == TR[3]
        assert all(b.score is not None for b in p.beads())
        # undo brings the bad stretch back exactly
        after = snapshot(p)
        p.undo()
        assert layout(p) == bad
        p.redo()
        assert snapshot(p) == after


def test_a_wrong_confirmed_bead_stays_wrong(tmp_path: Path) -> None:
    with _project(tmp_path) as p:
        enc = FakeEncoder()
        wrong = p.beads()[1]  # 2:1, confirmed by mistake
        p.confirm(wrong.id)
        ProjectEngine(p).realign(p.beads()[3].id, encoder=enc)
        assert p.bead(wrong.id).kind == "2:1"
        assert layout(p)[0] == ("1:1", TR[0], EN[0])


def test_whole_document_when_nothing_is_confirmed(tmp_path: Path) -> None:
    with _project(tmp_path) as p:
        ProjectEngine(p).realign(p.beads()[0].id, encoder=FakeEncoder())
        assert layout(p) == [("1:1", t, e) for t, e in zip(TR, EN, strict=True)]
        # the aligner now agrees with every bead: nothing to do, nothing journaled
        n = len(p.history())
        assert ProjectEngine(p).realign(p.beads()[0].id, encoder=FakeEncoder()) is None
        assert len(p.history()) == n


def test_only_new_sentences_are_embedded_even_after_a_restart(tmp_path: Path) -> None:
    with _project(tmp_path) as p:
        enc = FakeEncoder()
        ProjectEngine(p).realign(p.beads()[2].id, encoder=enc)
        assert enc.calls == 16  # every sentence once
        p.undo()
        ProjectEngine(p).realign(p.beads()[2].id, encoder=enc)
        assert enc.calls == 16  # in-process cache
    with Project.open(tmp_path / "p.hizala") as p:
        fresh = FakeEncoder()  # a new process: empty cache
        p.undo()
        ProjectEngine(p).realign(p.beads()[2].id, encoder=fresh)
        assert fresh.calls == 0  # all from the project's embeddings table
        bead = p.beads()[4]
        p.edit_segment(bead.en[0].id, "Fatma planted 90 red flowers.")
        ProjectEngine(p).realign(bead.id, encoder=fresh)
        assert fresh.calls == 1  # just the edited sentence


def test_project_encoder_is_the_recorded_one(tmp_path: Path) -> None:
    with _project(tmp_path) as p:
        assert p.encoder_name == "fake"
        assert ProjectEngine(p).encoder().name == "fake"
        ProjectEngine(p).realign(p.beads()[1].id)
        assert layout(p)[1] == ("1:1", TR[1], EN[1])


class _Meddling(FakeEncoder):
    """An encoder that changes the project while the aligner runs (another thread would)."""

    def __init__(self, project: Project, action: Any) -> None:
        super().__init__()
        self.project, self.action = project, action

    def _states(self, texts: list[str], progress: Any) -> Any:
        if self.action is not None:
            action, self.action = self.action, None
            action(self.project)
        return super()._states(texts, progress)


def test_realign_refuses_when_the_stretch_changed_meanwhile(tmp_path: Path) -> None:
    with _project(tmp_path) as p:
        target = p.beads()[2].id

        def meddle(project: Project) -> None:
            project.merge(project.beads()[3].id)

        before_meddling = len(p.history())
        with pytest.raises(StoreError, match="changed while they were being re-aligned"):
            ProjectEngine(p).realign(target, encoder=_Meddling(p, meddle))
        assert len(p.history()) == before_meddling + 1  # only the meddling merge
