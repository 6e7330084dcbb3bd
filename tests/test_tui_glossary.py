"""The glossary in the review UI, driven with Pilot: highlights, the glossary screen,
adding a term from a bead, and the findings recomputed after every change."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, TextArea
from textual.widgets.text_area import Selection
from tui_fixtures import drive, press, review_project, screen_text

from align.store import Project
from tui import create_app
from tui.screens.confirm import ConfirmScreen
from tui.screens.glossary import GlossaryScreen
from tui.screens.review import ReviewScreen
from tui.screens.term_form import TermForm
from tui.widgets import BeadDetail

DATA = Path(__file__).parent / "data" / "review" / "glossary.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with review_project(tmp_path) as p:
        yield p


@pytest.fixture
def glossary_path(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    shutil.copy(DATA, path)
    return path


async def _open_glossary(pilot: Any) -> GlossaryScreen:
    await pilot.press("t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GlossaryScreen)
    return screen


def _rows(screen: GlossaryScreen) -> list[tuple[str, ...]]:
    table = screen.query_one(DataTable)
    return [tuple(str(c) for c in table.get_row_at(r)) for r in range(table.row_count)]


def test_terms_are_highlighted_on_both_sides(project: Project, glossary_path: Path) -> None:
    app = create_app(project, glossary=glossary_path)

    async def steps(pilot: Any) -> None:
        await press(pilot, "j", "j")  # bead 3: Gözaltı … / … 'No detentions.'
        detail = app.screen.query_one(BeadDetail)
        styled = {
            seg.text: seg.style for strip in detail._strips for seg in strip if seg.style
        }
        term_style = detail.get_component_rich_style("bead-detail--term", partial=True)
        assert styled["detentions"].bgcolor == term_style.bgcolor
        assert styled["Gözaltı"].underline

    drive(app, steps)


def test_glossary_screen_counts_sorts_and_searches(project: Project,
                                                   glossary_path: Path) -> None:
    app = create_app(project, glossary=glossary_path)

    async def steps(pilot: Any) -> None:
        screen = await _open_glossary(pilot)
        assert [r[:3] for r in _rows(screen)] == [
            ("gözaltı", "1", "0"), ("NATO", "1", "0"), ("ışık", "2", "1")
        ]
        await pilot.press("o")  # most beads first; the cursor stays on its term
        assert _rows(screen)[0][0] == "ışık"
        assert "in 1 bead(s) of the project; 0 without a rendering" in screen_text(app)
        await pilot.press("up", "up")
        assert "in 2 bead(s) of the project; 1 without a rendering" in screen_text(app)
        await pilot.press("slash")
        await press(pilot, *"polis")
        assert _rows(screen) == []
        screen.query_one("#term-search", Input).value = "police"
        await pilot.pause()
        assert [r[0] for r in _rows(screen)] == ["gözaltı"]
        await pilot.press("escape")   # clears the search first …
        assert len(_rows(screen)) == 3
        await pilot.press("escape")   # … then goes back
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps)


def _fill(form: TermForm, **fields: str) -> None:
    for name, value in fields.items():
        form.query_one(f"#term-{name}", Input).value = value


def test_add_a_term_saves_the_file_and_recomputes_findings(project: Project,
                                                           glossary_path: Path) -> None:
    app = create_app(project, glossary=glossary_path)
    before = glossary_path.read_text(encoding="utf-8")

    async def steps(pilot: Any) -> None:
        screen = await _open_glossary(pilot)
        await pilot.press("plus")
        form = app.screen
        assert isinstance(form, TermForm)
        _fill(form, tr="ağaç", en="tree, woods", tags="nature")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert ("ağaç", "1", "1") in [r[:3] for r in _rows(screen)]

    drive(app, steps)
    text = glossary_path.read_text(encoding="utf-8")
    assert text.startswith(before.rstrip("\n"))
    assert '  - tr: "ağaç"\n    en: ["tree", "woods"]\n    tags: ["nature"]\n' in text
    missing = [f for f in project.findings() if f.kind == "missing"]
    assert any("ağaç" in f.message for f in missing)


def test_the_form_refuses_bad_terms_and_stays_open(project: Project,
                                                   glossary_path: Path) -> None:
    app = create_app(project, glossary=glossary_path)
    before = glossary_path.read_bytes()

    async def steps(pilot: Any) -> None:
        await _open_glossary(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, TermForm)
        _fill(form, tr="ağaç")
        await pilot.press("ctrl+s")
        assert "give at least one English rendering" in screen_text(app)
        _fill(form, tr="GÖZALTI", en="detention")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TermForm)
        assert "'GÖZALTI' is already in the glossary" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, GlossaryScreen)

    drive(app, steps, size=(120, 40))
    assert glossary_path.read_bytes() == before


def test_edit_and_delete_a_term(project: Project, glossary_path: Path) -> None:
    app = create_app(project, glossary=glossary_path)

    async def steps(pilot: Any) -> None:
        screen = await _open_glossary(pilot)
        await press(pilot, "down", "down")  # ışık
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, TermForm)
        assert form.query_one("#term-en", Input).value == "light"
        _fill(form, en="light, glow")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.press("up")  # NATO
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert [r[0] for r in _rows(screen)] == ["gözaltı", "NATO", "ışık"]
        await pilot.press("minus", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [r[0] for r in _rows(screen)] == ["gözaltı", "ışık"]

    drive(app, steps)
    text = glossary_path.read_text(encoding="utf-8")
    assert '["light", "glow"]' in text and "NATO" not in text
    assert "# --- weather ---" in text and "# --- police ---" in text


def test_add_a_term_from_a_bead_by_selecting_spans(project: Project,
                                                    glossary_path: Path) -> None:
    app = create_app(project, glossary=glossary_path)

    async def steps(pilot: Any) -> None:
        await press(pilot, "j", "j")  # bead 3: Bakanlık açıklama yaptı: 'Gözaltı yok.'
        await pilot.press("T")
        form = app.screen
        assert isinstance(form, TermForm)
        form.query_one("#source-tr", TextArea).selection = Selection((0, 9), (0, 17))
        # "The ministry made a statement" is the second English sentence
        en = form.query_one("#source-en", TextArea)
        start = en.text.index("statement")
        en.selection = Selection((0, start), (0, start + len("statement")))
        await pilot.pause()
        assert form.query_one("#term-tr", Input).value == "açıklama"
        assert form.query_one("#term-en", Input).value == "statement"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        marks = app.screen.term_marks(app.screen.session.bead(app.screen.current))
        assert {m.label for m in marks} == {"gözaltı", "açıklama"}

    drive(app, steps, size=(120, 40))
    assert '- tr: "açıklama"' in glossary_path.read_text(encoding="utf-8")


def test_without_a_glossary_the_keys_say_how_to_get_one(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("t", "T")
        assert isinstance(app.screen, ReviewScreen)
        assert sum("--glossary FILE" in n.message for n in app._notifications) == 2

    drive(app, steps)


def test_a_new_glossary_file_is_made_from_the_review(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    app = create_app(project, glossary=path)

    async def steps(pilot: Any) -> None:
        screen = await _open_glossary(pilot)
        assert "new: made when you add the first term" in screen.sub_title
        await pilot.press("plus")
        assert isinstance(app.screen, TermForm)
        _fill(app.screen, tr="yağmur", en="rain")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()

    drive(app, steps)
    assert '- tr: "yağmur"' in path.read_text(encoding="utf-8")


def test_adding_a_term_from_a_bead_starts_in_its_text(project: Project,
                                                      glossary_path: Path) -> None:
    # the form used to start in the lemma field, away from the text to select the term in
    app = create_app(project, glossary=glossary_path)

    async def steps(pilot: Any) -> None:
        await press(pilot, "j", "j")
        await pilot.press("T")
        form = app.screen
        assert isinstance(form, TermForm)
        assert form.focused is form.query_one("#source-tr", TextArea)
        await press(pilot, "shift+right", "shift+right", "shift+right")
        assert form.query_one("#term-tr", Input).value == "Bak"

    drive(app, steps, size=(120, 40))


def test_a_glossary_changed_on_disk_can_be_reloaded_and_saved(project: Project,
                                                              glossary_path: Path) -> None:
    # every save used to be refused until hizala was restarted
    app = create_app(project, glossary=glossary_path)
    other = '  - tr: "yağmur"\n    en: ["rain"]\n'

    async def steps(pilot: Any) -> None:
        await pilot.pause()
        with glossary_path.open("a", encoding="utf-8") as f:
            f.write(other)  # another editor adds a term meanwhile
        await pilot.press("T")
        form = app.screen
        assert isinstance(form, TermForm)
        _fill(form, tr="hava", en="weather")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "changed on disk" in screen_text(app)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any("reloaded" in n.message for n in app._notifications)
        await pilot.press("T")  # and the next save goes through without a question
        _fill(app.screen, tr="kar", en="snow")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps, size=(120, 40))
    text = glossary_path.read_text(encoding="utf-8")
    assert other in text and '- tr: "hava"' in text and '- tr: "kar"' in text
