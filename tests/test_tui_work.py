"""Long work in workers (a progress indicator, the UI answering meanwhile), the mouse wheel,
key bindings from a configuration file, export options, forbidden renderings."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Checkbox, Input, LoadingIndicator
from tui_fixtures import drive, many_beads, press, review_project, screen_text

from align.review import ProjectEngine
from align.store import Project
from tui import create_app
from tui.keymap import load_keymap
from tui.screens.candidates import CandidatesScreen
from tui.screens.export import ExportScreen
from tui.screens.review import ReviewScreen
from tui.widgets import WorkIndicator

DATA = Path(__file__).parent / "data" / "review" / "glossary.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with review_project(tmp_path) as p:
        yield p


def _number(app: Any) -> int:
    screen = app.screen
    assert isinstance(screen, ReviewScreen) and screen.current is not None
    return screen.session.number(screen.current)


class Gate:
    """Holds a worker inside a project method until the test lets it go."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.go = threading.Event()

    def wrap(self, real: Callable[..., Any], step: str | None = None) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            if step is not None and kwargs.get(step) is not None:
                kwargs[step](1)  # one unit done: the bar moves
            self.entered.set()
            if not self.go.wait(10):
                raise TimeoutError("the test never let the worker go")
            return real(*args, **kwargs)

        return held


async def _until(pilot: Any, done: Callable[[], bool]) -> None:
    """Wait (up to 10 s, for a busy machine) until ``done()``."""
    for _ in range(1000):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


@pytest.mark.parametrize(
    ("method", "step", "keys", "label"),
    [
        ("realign", "progress", ["j", "R"], "re-aligning 8 beads"),
        ("recheck", None, [], "recomputing QA findings"),
    ],
    ids=["realign", "recheck"],
)
def test_long_work_shows_progress_and_the_keys_keep_working(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str,
    step: str | None, keys: list[str], label: str,
) -> None:
    gate = Gate()
    # re-aligning needs the engine (the session's), QA findings are the project's
    owner: Any = ProjectEngine if method == "realign" else project
    monkeypatch.setattr(owner, method, gate.wrap(getattr(owner, method), step))
    shutil.copy(DATA, tmp_path / "glossary.yaml")
    app = create_app(project, glossary=tmp_path / "glossary.yaml")

    async def steps(pilot: Any) -> None:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        if keys:
            await pilot.press(*keys)  # bead 2: its unconfirmed stretch is the whole document
        else:
            screen.glossary_changed()  # what every saved glossary edit calls
        await _until(pilot, gate.entered.is_set)
        await pilot.pause()
        bar = screen.query_one(WorkIndicator)
        assert bar.busy and label in screen_text(app)
        before = _number(app)
        await press(pilot, "end", "c")  # the UI answers while the worker runs
        assert _number(app) == 8 != before
        gate.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not bar.busy

    drive(app, steps)
    assert project.beads()[-1].status == "confirmed"


def test_export_shows_progress_and_the_keys_keep_working(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from align.review import export

    gate = Gate()
    monkeypatch.setattr(export, "run_export", gate.wrap(export.run_export))
    out = tmp_path / "out.tmx"
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("w")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.click("#export-go")
        await _until(pilot, gate.entered.is_set)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.query_one(WorkIndicator).busy
        assert "exporting TMX" in screen_text(app)
        await press(pilot, "space")
        assert _number(app) == 2
        gate.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.query_one(WorkIndicator).busy
        assert any(f"to {out}" in n.message for n in app._notifications)

    drive(app, steps, size=(110, 40))
    assert out.read_text(encoding="utf-8").count("<tu ") == 6


def test_ranking_candidates_shows_it_is_working_and_can_be_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mixed_fixtures import mixed_project

    with mixed_project(tmp_path) as mixed:
        gate = Gate()
        monkeypatch.setattr(ProjectEngine, "match_candidates",
                            gate.wrap(ProjectEngine.match_candidates))
        app = create_app(mixed)

        async def steps(pilot: Any) -> None:
            await pilot.press("p")
            await _until(pilot, gate.entered.is_set)
            screen = app.screen
            assert isinstance(screen, CandidatesScreen)
            assert screen.query_one(LoadingIndicator).display
            assert "ranking the article's English sentences" in screen_text(app)
            await pilot.press("escape")  # leave before the ranking is done
            assert isinstance(app.screen, ReviewScreen)
            gate.go.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)

        drive(app, steps)
        assert mixed.history() == []


def test_the_mouse_wheel_scrolls_the_list(tmp_path: Path) -> None:
    with many_beads(tmp_path, 300) as big:
        app = create_app(big)

        async def steps(pilot: Any) -> None:
            table = app.screen.query_one("#beads")
            for _ in range(10):
                await pilot._post_mouse_events([events.MouseScrollDown], "#beads",
                                               offset=(10, 5))
            await pilot.pause()
            top = round(table.scroll_offset.y)
            assert top > 0
            assert f"\n{top + 1:>3} · " in screen_text(app)  # the first bead shown
            await pilot.click("#beads", offset=(10, 3))  # the third bead shown
            assert _number(app) == top + 3
            for _ in range(3):
                await pilot._post_mouse_events([events.MouseScrollUp], "#beads",
                                               offset=(10, 5))
            await pilot.pause()
            assert round(table.scroll_offset.y) < top

        drive(app, steps, size=(100, 24))


@pytest.mark.parametrize(
    "where", ["xdg", "keys-option"], ids=["default-config-file", "named-file"],
)
def test_keys_from_a_configuration_file(project: Project, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    text = (
        "# my keys\n"
        "[review]\n"
        'confirm_next = "enter"\n'
        'edit = ["E", "f2"]\n'
        'merge_next = "+"\n'
        "[app]\n"
        'quit = "ctrl+q"\n'
    )
    if where == "xdg":
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        path = tmp_path / "config" / "hizala" / "keys.toml"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        keymap = load_keymap()
    else:
        path = tmp_path / "benim tuşlarım.toml"
        path.write_text(text, encoding="utf-8")
        keymap = load_keymap(path, required=True)
    app = create_app(project, keymap=keymap)

    async def steps(pilot: Any) -> None:
        await pilot.press("space", "q")  # neither is bound now
        assert app.is_running and _number(app) == 1
        await pilot.press("enter")       # confirm, next
        await pilot.press("plus")        # merge beads 2 and 3
        assert _number(app) == 2
        await pilot.press("question_mark")
        hints = [str(label.content) for label in app.screen.query(".dialog-hint")]
        assert any(h.startswith(f"Keys come from {path}.") for h in hints)
        assert "ctrl+q" in screen_text(app)
        await pilot.press("escape", "ctrl+q")

    drive(app, steps, size=(140, 40))
    assert not app.is_running
    assert [b.kind for b in project.beads()][:2] == ["1:1", "3:3"]
    assert project.beads()[0].status == "confirmed"


def test_export_rejected_beads_with_language_tags(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("x", "w")  # reject bead 1, then export
        form = app.screen
        assert isinstance(form, ExportScreen)
        form.query_one("#export-path", Input).value = str(out)
        form.query_one("#include-rejected", Checkbox).value = True
        form.query_one("#tr-lang", Input).value = "tr-TR"
        form.query_one("#en-lang", Input).value = "en-GB"
        await pilot.pause()
        form.action_run()
        await app.workers.wait_for_complete()
        await pilot.pause()

    drive(app, steps, size=(110, 40))
    tmx = out.read_text(encoding="utf-8")
    assert 'srclang="tr-TR"' in tmx and 'xml:lang="en-GB"' in tmx
    assert tmx.count("<tu ") == 6 and "rejected" in tmx


def test_a_forbidden_rendering_is_saved_counted_and_found(project: Project,
                                                          tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.yaml"
    shutil.copy(DATA, glossary)
    app = create_app(project, glossary=glossary)

    async def steps(pilot: Any) -> None:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.press("plus")
        form = app.screen
        form.query_one("#term-tr", Input).value = "ödev"
        form.query_one("#term-en", Input).value = "assignment"
        form.query_one("#term-forbidden", Input).value = "homework"
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: "1 +1 forbidden" in screen_text(app))
        await pilot.press("escape")
        await press(pilot, "g")
        await pilot.press(*"6", "enter")
        assert _number(app) == 6
        # the findings are recomputed in a worker; the detail shows them when it is done
        await _until(pilot, lambda: "homework" in screen_text(app).split("Bead #6")[-1]
                     and "forbidden" in screen_text(app).split("Bead #6")[-1])

    drive(app, steps, size=(120, 40))
    assert 'forbidden: ["homework"]' in glossary.read_text(encoding="utf-8")
    found = [f for f in project.findings() if f.kind == "forbidden"]
    assert any("homework" in f.message for f in found)
