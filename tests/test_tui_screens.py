"""The other screens, driven with Pilot: help, documents, export, creating a project, keymaps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from store_fixtures import document
from textual.widgets import Checkbox, DataTable, Input, RadioButton
from tui_fixtures import drive, review_project, screen_text

from align.review import NewProject
from align.store import Project
from tui import create_app
from tui.keymap import Keymap
from tui.screens.documents import DocumentsScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.review import ReviewScreen
from tui.widgets import BeadDetail


@pytest.fixture
def project(tmp_path: Path) -> Any:
    with review_project(tmp_path) as p:
        yield p


@pytest.fixture
def two_documents(tmp_path: Path) -> Any:
    with review_project(tmp_path, second=True) as p:
        yield p


def test_help_lists_every_key_and_closes(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Confirm, go to the next bead" in text and "space" in text
        assert "Move the first Turkish sentence to the previous bead" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f1", "question_mark")  # ? closes it too
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps)


def test_a_users_keymap_is_used_and_shown(project: Project) -> None:
    keymap = Keymap({"review.confirm_next": "enter", "review.edit": "E"}, source="keys.toml")
    app = create_app(project, keymap=keymap)

    async def steps(pilot: Any) -> None:
        await pilot.press("space")        # no longer bound
        await pilot.press("enter")        # confirms and moves on
        await pilot.pause()
        assert "⏎ confirm ▸ next" in screen_text(app)
        await pilot.press("question_mark")
        text = screen_text(app)
        assert "Keys come from keys.toml" in text and "E " in text

    drive(app, steps)
    assert [b.status for b in project.beads()][:2] == ["confirmed", "auto"]


def test_documents_screen_chooses_a_document(two_documents: Project) -> None:
    app = create_app(two_documents)

    async def steps(pilot: Any) -> None:
        await pilot.press("d")
        assert isinstance(app.screen, DocumentsScreen)
        assert app.screen.query_one(DataTable).row_count == 2
        text = screen_text(app)
        assert "haber" in text and "kar" in text and "kar.tr.txt · kar.en.txt" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert len(screen.session.index) == 2
        assert screen.session.number(screen.current) == 9
        assert "showing document kar (2)" in screen_text(app)
        await pilot.press("d", "a")
        await pilot.pause()
        assert len(screen.session.index) == 10
        await pilot.press("d", "escape")
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps)


def test_documents_screen_shows_progress(two_documents: Project) -> None:
    app = create_app(two_documents)

    async def steps(pilot: Any) -> None:
        await pilot.press("space", "space", "d")
        text = screen_text(app)
        assert "2 (25%)" in text  # confirmed in the first document

    drive(app, steps)


def _form(app: Any) -> ExportScreen:
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    return screen


@pytest.mark.parametrize(
    "case",
    [
        ("tmx", False, "", lambda t: t.count("<tu ") == 6),
        ("tmx", True, "", lambda t: t.count("<tu ") == 1),
        ("tsv", False, "0,6", lambda t: len(t.splitlines()) == 5),
        ("json", False, "", lambda t: len(json.loads(t)["documents"][0]["beads"]) == 8),
    ],
    ids=["tmx", "only-confirmed", "tsv-min-score", "json"],
)
def test_export_dialog_writes_in_a_worker(project: Project, tmp_path: Path, case: Any) -> None:
    fmt, only_confirmed, min_score, check = case
    app = create_app(project)
    out = tmp_path / f"out.{fmt}"

    async def steps(pilot: Any) -> None:
        await pilot.press("c", "w")
        form = _form(app)
        assert form.query_one("#export-path", Input).value.endswith("p.tmx")
        if fmt != "tmx":
            form.query_one(f"#format-{fmt}", RadioButton).value = True
            await pilot.pause()
            assert form.query_one("#export-path", Input).value.endswith(f"p.{fmt}")
        form.query_one("#export-path", Input).value = str(out)
        form.query_one("#only-confirmed", Checkbox).value = only_confirmed
        form.query_one("#min-score", Input).value = min_score
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any(f"to {out}" in n.message for n in app._notifications)

    drive(app, steps, size=(110, 40))
    assert check(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("#min-score", "2", "the minimum score must be a number from 0 to 1, not '2'"),
        ("#min-score", "yüksek", "must be a number from 0 to 1"),
        ("#tr-lang", "tr TR", "'tr TR' is not a language tag"),
        ("#export-path", "", "give the file to write"),
    ],
    ids=["score-range", "score-word", "lang", "path"],
)
def test_export_dialog_refuses_bad_options(project: Project, field: str, value: str,
                                           message: str) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("w")
        form = _form(app)
        form.query_one(field, Input).value = value
        form.action_run()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert message in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps, size=(110, 40))


def test_export_failure_is_reported(project: Project, tmp_path: Path) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("w")
        _form(app).query_one("#export-path", Input).value = str(tmp_path / "no" / "x.tmx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("export:" in n.message and "does not exist" in n.message
                   for n in app._notifications)

    drive(app, steps, size=(110, 40))


def test_export_dialog_chooses_documents_and_warns_about_replacing(
    two_documents: Project, tmp_path: Path
) -> None:
    app = create_app(two_documents)
    out = tmp_path / "kar.tmx"
    out.write_text("old", encoding="utf-8")

    async def steps(pilot: Any) -> None:
        await pilot.press("w")
        form = _form(app)
        form.query_one("#export-path", Input).value = str(out)
        await pilot.pause()
        assert "this file exists: it will be replaced" in screen_text(app)
        selection = form.query_one("#export-documents")
        selection.deselect("haber")
        await pilot.pause()
        form.action_run()
        await app.workers.wait_for_complete()
        await pilot.pause()

    drive(app, steps, size=(110, 40))
    text = out.read_text(encoding="utf-8")
    assert text.count("<tu ") == 2 and "Ankara" in text and "İstanbul" not in text


def test_creating_a_project_in_a_worker(tmp_path: Path) -> None:
    from store_fixtures import EN, TR

    path = tmp_path / "haber.hizala"
    request = NewProject(
        path=str(path),
        tr=document(TR, "tr", str(tmp_path / "haber.tr.txt")),
        en=document(EN, "en", str(tmp_path / "haber.en.txt")),
        encoder="fake",
        presegmented=True,
        user="ayşe",
    )
    app = create_app(new_project=request)

    async def steps(pilot: Any) -> None:
        for _ in range(100):
            if isinstance(app.screen, ReviewScreen):
                break
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("space")
        await pilot.pause()

    drive(app, steps)
    assert app.session is not None and app.session.project.closed  # closed on exit
    with Project.open(path, readonly=True) as project:
        assert project.summary().confirmed == 1
        assert project.beads()[0].changed_by == "ayşe"


def test_creating_a_project_that_fails_stops_the_app(tmp_path: Path) -> None:
    from store_fixtures import EN, TR

    request = NewProject(
        path=str(tmp_path / "missing" / "h.hizala"),
        tr=document(TR, "tr", "a.txt"),
        en=document(EN, "en", "b.txt"),
        encoder="fake",
    )
    app = create_app(new_project=request)

    async def steps(pilot: Any) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()

    drive(app, steps)
    assert app.error is not None and "does not exist" in str(app.error)


def test_detail_shows_findings_and_edits(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("f")
        detail = app.screen.query_one(BeadDetail).text
        assert "Bead #3" in detail and "1 QA finding" in detail
        assert "⚠ missing  'gözaltı' has no rendering in the English" in detail
        await pilot.press("e", *" Tamam.", "ctrl+s")
        await pilot.pause()
        detail = app.screen.query_one(BeadDetail).text
        assert "(edited)" in detail and "changed by ayşe" in detail

    drive(app, steps)


def test_quit_needs_no_save(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("space", "q")

    drive(app, steps)
    assert not app.is_running
    assert project.summary().confirmed == 1


def test_export_dialog_tab_then_enter_exports(project: Project, tmp_path: Path) -> None:
    # Enter on a checkbox (where Tab goes from the file field) used to toggle it; it exports
    # now, and Space toggles
    app = create_app(project)
    out = tmp_path / "tabbed.tmx"

    async def steps(pilot: Any) -> None:
        await pilot.press("w")
        form = _form(app)
        form.query_one("#export-path", Input).value = str(out)
        await pilot.press("tab")
        box = form.query_one("#only-confirmed", Checkbox)
        assert app.screen.focused is box
        await pilot.press("space")
        assert box.value is True
        await pilot.press("space", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps, size=(110, 40))
    assert out.read_text(encoding="utf-8").count("<tu ") == 6  # every 1:1-ish bead: the box is off


def test_a_checkbox_draws_its_cross_only_when_on(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("w")
        form = _form(app)
        box = form.query_one("#only-confirmed", Checkbox)
        off = box.render().plain
        box.value = True
        await pilot.pause()
        on = box.render().plain
        assert "X" not in off and "X" in on, (off, on)

    drive(app, steps, size=(110, 40))


def test_quitting_while_a_project_is_created_says_so_and_stops_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the app used to vanish at once while the aligner went on for seconds, unseen
    import threading
    import time

    from store_fixtures import EN, TR

    import tui.screens.create as create_screen
    from align.review import Cancelled

    finished = threading.Event()

    def slow_create(request: NewProject, progress: Any) -> int:
        try:
            for done in range(1000):  # an encoder embedding batch after batch
                progress(done, 1000)
                time.sleep(0.01)
        except Cancelled:
            raise
        finally:
            finished.set()
        return 0

    monkeypatch.setattr(create_screen, "create_project", slow_create)
    path = tmp_path / "haber.hizala"
    request = NewProject(path=str(path), tr=document(TR, "tr", "a.txt"),
                         en=document(EN, "en", "b.txt"), encoder="fake")
    app = create_app(new_project=request)

    async def steps(pilot: Any) -> None:
        await pilot.pause(0.2)
        await pilot.press("q")
        await pilot.pause()
        assert "stopping" in screen_text(app)
        await app.workers.wait_for_complete()
        await pilot.pause()

    drive(app, steps)
    assert finished.is_set() and not app.is_running
    assert not path.exists()
