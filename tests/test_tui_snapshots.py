"""Snapshots of the main screens (pytest-textual-snapshot): a change to how a screen looks
shows up as a failing test with a visual diff; accept it with ``--snapshot-update``.

The project is pinned (clock, user, file names without folders), so the pictures do
not depend on when or where the tests run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input
from tui_fixtures import review_project

from align.store import Project
from tui import create_app

SIZE = (120, 34)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Project]:
    # the help screen names the key file: the same everywhere
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/ayşe/.config")
    with review_project(tmp_path, second=True) as p:
        yield p


def test_review_screen(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), terminal_size=SIZE)


def test_review_screen_detail_with_findings(snap_compare: Any, project: Project) -> None:
    # confirm two beads, then jump to the next bead with a QA finding (#3)
    assert snap_compare(create_app(project), press=["space", "space", "f", "f"],
                        terminal_size=SIZE)


def test_review_screen_unconfirmed_view(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), press=["space", "x", "2"], terminal_size=SIZE)


def test_help_screen(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), press=["question_mark"], terminal_size=SIZE)


def test_documents_screen(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), press=["space", "d"], terminal_size=SIZE)


def test_export_dialog(snap_compare: Any, project: Project) -> None:
    async def fixed_path(pilot: Any) -> None:
        await pilot.press("w")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = "haber.tmx"
        await pilot.pause()

    assert snap_compare(create_app(project), run_before=fixed_path, terminal_size=(120, 40))


def test_split_dialog(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), press=["j", "s"], terminal_size=SIZE)


def test_editor(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), press=["j", "j", "e"], terminal_size=SIZE)


@pytest.fixture
def glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test glossary, named relative to the current folder (so the picture does not
    show where the test runs)."""
    shutil.copy(Path(__file__).parent / "data" / "review" / "glossary.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    return "glossary.yaml"


async def _counted(pilot: Any) -> None:
    await pilot.press("t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_glossary_screen(snap_compare: Any, project: Project, glossary: str) -> None:
    assert snap_compare(create_app(project, glossary=glossary), run_before=_counted,
                        terminal_size=SIZE)


def test_review_screen_with_glossary_terms(snap_compare: Any, project: Project,
                                           glossary: str) -> None:
    # bead 3: gözaltı ↔ detentions highlighted, and the finding
    assert snap_compare(create_app(project, glossary=glossary), press=["j", "j"],
                        terminal_size=SIZE)


def test_term_form_from_a_bead(snap_compare: Any, project: Project, glossary: str) -> None:
    assert snap_compare(create_app(project, glossary=glossary), press=["j", "j", "T"],
                        terminal_size=(120, 40))


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Project]:
    """The document pair, then a mixed article's three fragments (#7, #8, #9)."""
    from mixed_fixtures import mixed_project

    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/ayşe/.config")
    with mixed_project(tmp_path, pair=True) as p:
        yield p


async def _ranked(pilot: Any) -> None:
    await pilot.press("g", "8", "enter", "p")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_pairing_a_fragment(snap_compare: Any, mixed: Project) -> None:
    # fragment #8 paired with the sentence after the one quoting it; the candidates ranked
    assert snap_compare(create_app(mixed), run_before=_ranked, terminal_size=SIZE)


@pytest.mark.parametrize("layout", ["lines", "wrapped"])
@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["160x45", "80x24"])
def test_review_screen_layouts(snap_compare: Any, project: Project, size: tuple[int, int],
                               layout: str) -> None:
    # bead #3 under the cursor, worst first, the unconfirmed view; wrapped rows with z
    keys = ["space", "o", "2", "j", "j"] + (["z"] if layout == "wrapped" else [])
    assert snap_compare(create_app(project), press=keys, terminal_size=size)


def test_bulk_confirm_dialog(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), press=["o", "j", "j", "j", "C"],
                        terminal_size=SIZE)


def test_a_selected_range(snap_compare: Any, project: Project) -> None:
    assert snap_compare(create_app(project), press=["j", "v", "j", "j"], terminal_size=SIZE)
