"""Mixed articles in the review UI: fragment beads, pairing them with another English
sentence (or none), refusals of sentence operations, the documents screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mixed_fixtures import BANNER, BANNER_EN, FOOTER, POLICE, mixed_project
from textual.widgets import OptionList
from tui_fixtures import drive, press, screen_text

from align.errors import EncoderError
from align.review import ProjectEngine
from align.store import Project, RunSignature
from tui import create_app
from tui.keymap import Keymap
from tui.screens.candidates import CandidatesScreen
from tui.screens.edit import EditScreen
from tui.screens.review import ReviewScreen
from tui.widgets import BeadDetail


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    # six beads of a document pair, then the article's three fragments (#7, #8, #9)
    with mixed_project(tmp_path, pair=True) as p:
        yield p


def _number(app: Any) -> int:
    screen = app.screen
    assert isinstance(screen, ReviewScreen) and screen.current is not None
    return screen.session.number(screen.current)


def test_fragments_are_marked_and_explained(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await press(pilot, "g")
        await pilot.press(*"8", "enter")
        text = screen_text(app)
        assert "f1:1" in text and "f1:0" in text
        detail = " ".join(app.screen.query_one(BeadDetail).text.split())
        assert "A quote fragment of a mixed article" in detail
        assert "score 0.64 (similarity 0.55)" in detail
        assert "p pair…" in text and "merge ↓" not in text

    drive(app, steps)


@pytest.mark.parametrize("key", ["m", "M", "s", "left_square_bracket", "R"],
                         ids=["merge", "merge-previous", "split", "move", "realign"])
def test_sentence_operations_are_refused_for_fragments(project: Project, key: str) -> None:
    app = create_app(project)
    before = [(b.kind, b.tr_text, b.en_text) for b in project.beads()]

    async def steps(pilot: Any) -> None:
        await press(pilot, "end", key)
        assert isinstance(app.screen, ReviewScreen)
        assert any("press p to pair it" in n.message for n in app._notifications)

    drive(app, steps)
    assert [(b.kind, b.tr_text, b.en_text) for b in project.beads()] == before


def test_pairing_is_for_fragments_only(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("p")
        assert isinstance(app.screen, ReviewScreen)
        assert any("for fragments of mixed articles" in n.message for n in app._notifications)

    drive(app, steps)


async def _candidates(pilot: Any) -> CandidatesScreen:
    await pilot.press("p")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CandidatesScreen)
    return screen


def test_unpair_a_fragment_and_undo(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("g", *"8", "enter")
        screen = await _candidates(pilot)
        assert screen.candidates and any(c.current for c in screen.candidates)
        await pilot.press("n")
        await pilot.pause()
        assert _number(app) == 8

    drive(app, steps)
    banner = project.beads()[7]
    assert banner.kind == "1:0" and project.history()[0].kind == "rematch"
    project.undo()
    assert project.beads()[7].en_text == BANNER_EN


def test_pair_an_unpaired_fragment_with_a_chosen_sentence(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await press(pilot, "end")
        screen = await _candidates(pilot)
        options = screen.query_one(OptionList)
        assert options.highlighted == 0  # unpaired now: "no English" comes first
        k = next(k for k, c in enumerate(screen.candidates) if c.text == POLICE)
        options.highlighted = k + 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps)
    footer = project.beads()[8]
    assert (footer.tr_text, footer.en_text, footer.status) == (FOOTER, POLICE, "auto")


def test_cancel_keeps_the_pairing(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("g", *"7", "enter")
        await _candidates(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps)
    assert project.history() == []


def test_documents_screen_shows_kinds(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("d")
        text = screen_text(app)
        assert "parallel" in text and "mixed, 1 unpaired" in text
        await pilot.press("down")
        assert "Article (English with Turkish fragments, one bead each)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.screen.session.index) == 3 and _number(app) == 7

    drive(app, steps)


def test_click_a_candidate_to_pair_it(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await press(pilot, "end")
        screen = await _candidates(pilot)
        options = screen.query_one(OptionList)
        k = next(k for k, c in enumerate(screen.candidates) if c.text == POLICE)
        # wide enough for a line per candidate: "no English", then the candidates
        line = options.content_region.y + 1 + k
        await pilot.click(offset=(options.content_region.x + 6, line))
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps, size=(160, 40))
    assert project.beads()[8].en_text == POLICE


def test_the_current_english_again_changes_nothing(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("g", *"8", "enter")
        screen = await _candidates(pilot)
        highlighted = screen.query_one(OptionList).highlighted
        assert highlighted is not None and screen.candidates[highlighted - 1].current
        await pilot.press("enter")
        await pilot.pause()
        assert any("has that English already" in n.message for n in app._notifications)

    drive(app, steps)
    assert project.history() == [] and project.beads()[7].en_text == BANNER_EN


def test_keys_of_pairing_come_from_the_keymap(project: Project) -> None:
    keymap = Keymap({"review.rematch": "P", "candidates.none": "minus"}, source="keys.toml")
    app = create_app(project, keymap=keymap)

    async def steps(pilot: Any) -> None:
        await pilot.press("g", *"7", "enter", "p")
        assert isinstance(app.screen, ReviewScreen)  # p is no longer bound
        await pilot.press("P")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CandidatesScreen)
        assert "- no English renders it" in screen_text(app)
        await pilot.press("n")  # no longer bound either
        assert isinstance(app.screen, CandidatesScreen)
        await pilot.press("minus")
        await pilot.pause()

    drive(app, steps)
    assert project.beads()[6].kind == "1:0"


def test_help_lists_the_pairing_keys(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("question_mark")
        text = screen_text(app)
        assert "Pairing a fragment" in text and "The fragment has no English rendering" in text
        assert "Pair a fragment of a mixed article with another English" in text

    drive(app, steps, size=(120, 120))


def test_type_the_english_of_an_unpaired_fragment(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await press(pilot, "end")
        assert "i insert English" in screen_text(app)
        await pilot.press("i")
        assert isinstance(app.screen, EditScreen)
        await press(pilot, *"Please enter your comment!")
        await pilot.press("ctrl+s")

    drive(app, steps)
    footer = project.beads()[8]
    assert (footer.kind, footer.tr_text, footer.en_text) == (
        "1:1", FOOTER, "Please enter your comment!")
    assert [op.kind for op in project.history()[:2]] == ["edit_segment", "insert_counterpart"]


@pytest.mark.parametrize("added_with", [True, False], ids=["added-with-one", "added-without"])
def test_glossary_terms_count_as_evidence_as_when_the_article_was_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, added_with: bool
) -> None:
    glossary = tmp_path / "glossary.yaml"
    glossary.write_bytes((Path(__file__).parent / "data" / "review" / "glossary.yaml")
                         .read_bytes())
    params = (("glossary", "0a1b2c3d"),) if added_with else ()
    signature = RunSignature("0.1.0", "fake", (*params, ("kind", "mixed")))
    asked: list[Any] = []
    with mixed_project(tmp_path, pair=True, signature=signature) as project:
        rank = ProjectEngine.match_candidates

        def spy(engine: ProjectEngine, bead_id: int, **kwargs: Any) -> Any:
            asked.append(kwargs.get("glossary"))
            return rank(engine, bead_id, **kwargs)

        monkeypatch.setattr(ProjectEngine, "match_candidates", spy)
        app = create_app(project, glossary=glossary)

        async def steps(pilot: Any) -> None:
            await pilot.press("g", *"8", "enter")
            screen = await _candidates(pilot)
            assert any(c.current for c in screen.candidates)
            await pilot.press("escape")

        drive(app, steps)
    (evidence,) = asked
    if added_with:  # the pairing model's glossary feature: gözaltı ↔ detention(s)
        assert evidence is not None and evidence.term_pairs(BANNER, BANNER_EN) == ["gözaltı"]
    else:  # the scores stay the detector's
        assert evidence is None


def test_ranking_that_fails_says_why(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise EncoderError("cannot load the encoder 'use': the model file is damaged")

    monkeypatch.setattr(ProjectEngine, "match_candidates", broken)
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await press(pilot, "end")
        screen = await _candidates(pilot)
        assert screen.candidates == []
        assert any("model file is damaged" in n.message for n in app._notifications)
        await pilot.press("enter")  # "no English" is still there, and it is the cursor's
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any("unpaired already" in n.message for n in app._notifications)

    drive(app, steps)
    assert project.history() == []
