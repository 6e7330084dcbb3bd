"""The review screen, driven with Textual's Pilot: every key, then the project's state.

Bead numbers in comments refer to tui_fixtures.SHAPES: 1 1:1, 2 2:1, 3 1:2 (a
finding), 4 1:0, 5 0:1, 6 1:1, 7 1:1 (a finding), 8 1:1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_fixtures import (
    drive,
    layout,
    many_beads,
    number,
    press,
    review_project,
    screen_text,
    statuses,
)

from align.store import Project
from tui import create_app
from tui.screens.edit import EditScreen, SegmentArea
from tui.screens.review import ReviewScreen
from tui.screens.split import SplitScreen
from tui.widgets import SearchBar


@pytest.fixture
def project(tmp_path: Path) -> Any:
    with review_project(tmp_path) as p:
        yield p


KINDS = ["1:1", "2:1", "1:2", "1:0", "0:1", "1:1", "1:1", "1:1"]


@pytest.mark.parametrize(
    ("keys", "kinds", "status", "at"),
    [
        (["space"], KINDS, ["confirmed"] + ["auto"] * 7, 2),
        (["space", "space", "space"], KINDS, ["confirmed"] * 3 + ["auto"] * 5, 4),
        (["c"], KINDS, ["confirmed"] + ["auto"] * 7, 1),
        (["x"], KINDS, ["rejected"] + ["auto"] * 7, 1),
        (["c", "a"], KINDS, ["auto"] * 8, 1),
        (["m"], ["3:2", *KINDS[2:]], ["auto"] * 7, 1),
        (["j", "M"], ["3:2", *KINDS[2:]], ["auto"] * 7, 1),
        (["j", "left_square_bracket"], ["2:1", "1:1", *KINDS[2:]], ["auto"] * 8, 2),
        (["j", "right_square_bracket"], ["1:1", "1:1", "2:2", *KINDS[3:]], ["auto"] * 8, 2),
        (["j", "j", "left_curly_bracket"], ["1:1", "2:2", "1:1", *KINDS[3:]], ["auto"] * 8, 3),
        (["j", "j", "right_curly_bracket"], ["1:1", "2:1", "1:1", "1:1", *KINDS[4:]],
         ["auto"] * 8, 3),
        (["c", "u"], KINDS, ["auto"] * 8, 1),
        (["c", "u", "U"], KINDS, ["confirmed"] + ["auto"] * 7, 1),
        (["m", "ctrl+z", "ctrl+y"], ["3:2", *KINDS[2:]], ["auto"] * 7, 1),
        (["space", "m", "u", "u"], KINDS, ["auto"] * 8, 1),
    ],
    ids=["confirm-next", "confirm-3", "confirm", "reject", "back-to-auto", "merge-next",
         "merge-previous", "move-tr-up", "move-tr-down", "move-en-up", "move-en-down", "undo",
         "redo", "undo-redo-merge", "undo-twice"],
)
def test_operations(project: Project, keys: list[str], kinds: list[str], status: list[str],
                    at: int) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await press(pilot, *keys)
        assert number(app) == at

    drive(app, steps)
    assert [k for k, _s in layout(project)] == kinds
    assert statuses(project) == status


def test_confirmed_bead_shows_a_check_and_progress(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("space", "space")
        text = screen_text(app)
        assert "✓ 2 / 8 confirmed (25.0%)" in text
        assert "  1 ✓ 0.95" in text and "  3 · 0.61 ⚑1 1:2" in text
        assert "Bead #3" in text and "gözaltı' has no rendering in the English" in text

    drive(app, steps)


def test_an_impossible_operation_says_why_and_changes_nothing(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("M")  # the first bead has no previous bead
        await pilot.press("i")  # it has both sides
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("first bead of its document" in m for m in messages)
        assert any("has both sides" in m for m in messages)

    drive(app, steps)
    assert [k for k, _s in layout(project)] == KINDS


@pytest.mark.parametrize(
    ("to", "keys", "kinds"),
    [
        (["j"], ["enter"], ["1:1", "1:1", "1:0", *KINDS[2:]]),                # default cut
        (["j"], ["tab", "up", "enter"], ["1:1", "1:0", "1:1", *KINDS[2:]]),
        ([], ["enter"], ["1:0", "0:1", *KINDS[1:]]),                          # 1:1 → 1:0 + 0:1
        (["j"], ["escape"], KINDS),
        (["j"], ["down", "enter", "escape"], KINDS),                          # whole bead: refused
    ],
    ids=["default", "moved-cut", "one-to-one", "cancel", "invalid-cut"],
)
def test_split(project: Project, to: list[str], keys: list[str], kinds: list[str]) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press(*to, "s")
        assert isinstance(app.screen, SplitScreen)
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

    drive(app, steps)
    assert [k for k, _s in layout(project)] == kinds


def test_split_by_clicking_a_sentence(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("j", "j", "s")  # bead 3, 1:2
        await pilot.click("#cut-en", offset=(2, 1))  # after the first English sentence
        await pilot.press("enter")

    drive(app, steps)
    assert [k for k, _s in layout(project)][:4] == ["1:1", "2:1", "1:1", "0:1"]


def test_split_refuses_a_one_sentence_bead(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("j", "j", "j", "s")  # bead 4, 1:0
        assert isinstance(app.screen, ReviewScreen)
        assert any("nothing to split" in n.message for n in app._notifications)

    drive(app, steps)


def test_edit_saves_and_escape_cancels(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        await press(pilot, *" Evet!")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")
        await press(pilot, *" Evet, ılık!")
        await pilot.press("ctrl+s")  # a priority key: after the text has arrived

    drive(app, steps)
    first = project.beads()[0]
    assert first.tr_text == "Bugün İstanbul’da hava çok güzel. Evet, ılık!"
    assert first.tr[0].original == "Bugün İstanbul’da hava çok güzel."
    assert project.history()[0].kind == "edit_segment"


def test_edit_split_here(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("e")
        area = app.screen.query(SegmentArea).first()
        area.move_cursor((0, 6))  # after "Bugün "
        await pilot.press("ctrl+t")
        await pilot.pause()

    drive(app, steps)
    first = project.beads()[0]
    assert [s.text for s in first.tr] == ["Bugün", "İstanbul’da hava çok güzel."]
    assert first.score is None  # a 2:1 bead the aligner never scored: no stale confidence


def test_edit_split_here_needs_text_on_both_sides(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("e", "ctrl+t")  # the cursor is at the end
        assert isinstance(app.screen, EditScreen)
        assert any("both parts must hold text" in n.message for n in app._notifications)
        await pilot.press("escape")

    drive(app, steps)
    assert layout(project)[0] == ("1:1", "auto")


def test_insert_counterpart_then_type_it(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("j", "j", "j", "i")  # bead 4, 1:0
        assert isinstance(app.screen, EditScreen)
        assert isinstance(app.screen.focused, SegmentArea)
        assert app.screen.focused.segment.side == "en"
        await press(pilot, *"The wind was mild.")
        await pilot.press("ctrl+s")

    drive(app, steps)
    bead = project.beads()[3]
    assert bead.kind == "1:1" and bead.en_text == "The wind was mild."
    assert [op.kind for op in project.history()[:2]] == ["edit_segment", "insert_counterpart"]


def test_insert_counterpart_for_a_0_1_bead_and_cancel_typing(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("9")  # not a key: nothing happens
        await pilot.press("j", "j", "j", "j", "i", "escape")
        await pilot.pause()

    drive(app, steps)
    bead = project.beads()[4]
    assert bead.kind == "1:1" and bead.tr_text == ""  # inserted (undoable), left empty


def test_realign_runs_in_a_worker_and_is_undoable(project: Project) -> None:
    app = create_app(project)
    before = layout(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("m", "m")  # a wrong 4:4 bead …
        await pilot.press("R")       # … re-aligned with the fake encoder
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert not screen.query_one("#work").busy

    drive(app, steps)
    kinds = [k for k, _s in layout(project)]
    assert project.history()[0].kind == "realign"
    assert kinds[0] != "4:4"
    project.undo()
    assert layout(project)[0][0] == "4:4"
    assert before != layout(project)


def test_realign_refuses_a_confirmed_bead(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("c", "R")
        assert any("confirmed" in n.message for n in app._notifications)

    drive(app, steps)
    assert project.history()[0].kind == "confirm"


@pytest.mark.parametrize(
    ("keys", "at"),
    [
        (["down", "down", "up"], 2),
        (["j", "j", "k"], 2),
        (["end"], 8),
        (["end", "home"], 1),
        (["pagedown"], 8),
        (["end", "pageup"], 1),
        (["n"], 2),
        (["space", "space", "N"], 8),
        (["l"], 2),
        (["l", "l", "l", "l"], 2),     # 2, 4, 5, then around to 2
        (["L"], 5),
        (["f"], 3),
        (["f", "f"], 7),
        (["F"], 7),
        (["g", *"6", "enter"], 6),
        (["colon", *"8", "enter"], 8),
        (["g", *"99", "enter", "escape"], 1),
        (["2", "end"], 8),
        (["c", "2", "home"], 2),       # the unconfirmed view hides bead 1
        (["3"], 2),
        (["3", "end"], 5),
        (["4", "end"], 7),
        (["4", "1"], 3),               # back to all beads, staying on bead 3
    ],
)
def test_navigation(project: Project, keys: list[str], at: int) -> None:
    app = create_app(project, low_threshold=0.5)  # the fixture's scores straddle 0.5

    async def steps(pilot: Any) -> None:
        if keys[0] in ("g", "colon"):  # a dialog: wait for it
            await pilot.press(*keys)
        else:
            await press(pilot, *keys)
        assert number(app) == at

    drive(app, steps)


def test_goto_a_bead_the_view_hides_shows_all(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("4", "g", "1", "enter")
        await pilot.pause()
        assert number(app) == 1
        assert app.screen.session.index.filter == "all"

    drive(app, steps)


@pytest.mark.parametrize(
    ("queries", "at"),
    [
        (["IŞIKLAR"], 2),
        (["izmir"], 8),
        (["nato'ya"], 7),
        (["the", ""], 3),             # Enter again: the next match
        (["yok yok"], 1),
    ],
    ids=["turkish-case", "english", "apostrophe", "again", "none"],
)
def test_search(project: Project, queries: list[str], at: int) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("slash")
        for query in queries:
            if query:
                app.screen.query_one(SearchBar).input.value = ""
            await press(pilot, *query, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert number(app) == at

    drive(app, steps)


def test_search_up_down_and_typed_keys_do_not_act(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("slash")
        await press(pilot, *"the", "enter")  # "q", "x", "m" … are typed, not run
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert number(app) == 2
        await pilot.press("down")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert number(app) == 3
        await pilot.press("up", "up")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert number(app) == 1
        await press(pilot, *"qxm")
        assert app.is_running

    drive(app, steps)
    assert statuses(project) == ["auto"] * 8


def test_mouse_click_double_click_and_hint_click(project: Project) -> None:
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.click("#beads", offset=(10, 3))  # line 0 is the header
        assert number(app) == 3
        await pilot.double_click("#beads", offset=(10, 6))
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await pilot.press("escape")
        await pilot.click("#hints", offset=(2, 0))  # "space confirm ▸ next"
        await pilot.pause()
        assert number(app) == 7

    drive(app, steps)
    assert statuses(project)[5] == "confirmed"


def test_scrolling_keeps_the_cursor_on_screen(tmp_path: Path) -> None:
    with many_beads(tmp_path, 400) as big:
        app = create_app(big)

        async def steps(pilot: Any) -> None:
            await pilot.press("end")
            assert number(app) == 400
            assert "\n400 · " in screen_text(app)
            await pilot.press("pageup", "pageup")
            assert "#" in screen_text(app)
            await pilot.press("g", *"250", "enter")
            await pilot.pause()
            assert number(app) == 250 and "\n250 · " in screen_text(app)
            await pilot.press("space")
            assert number(app) == 251

        drive(app, steps, size=(100, 24))
        assert big.summary().confirmed == 1


def test_the_typed_search_text_shows(project: Project) -> None:
    # Textual's `Input:focus { border: tall }` used to win over the bar's `border: none`:
    # the one-line bar showed the border's top edge and hid the text being typed
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("slash")
        await press(pilot, *"gözaltı")
        line = next(ln for ln in screen_text(app).splitlines() if ln.lstrip().startswith("/"))
        assert "gözaltı" in line, line

    drive(app, steps)


@pytest.mark.parametrize(("untick", "status", "said"), [
    (False, "confirmed", "still confirmed"),
    (True, "auto", "no longer confirmed"),
], ids=["keep", "unconfirm"])
def test_editing_a_confirmed_bead_says_what_becomes_of_it(
    project: Project, untick: bool, status: str, said: str
) -> None:
    # it used to go back to "not reviewed" without a word
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("c", "e")
        assert isinstance(app.screen, EditScreen)
        assert "Keep it confirmed" in screen_text(app)
        await press(pilot, *" Evet!")
        if untick:
            app.screen.query_one("#keep-confirmed").value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(said in n.message for n in app._notifications)

    drive(app, steps)
    first = project.beads()[0]
    assert first.tr_text.endswith("Evet!") and first.status == status


def test_check_reports_beads_by_the_numbers_the_review_screen_goes_to(tmp_path: Path) -> None:
    # `hizala check` used to say "bead 29" for the UI's #30: `g 29` went to the wrong bead
    import json

    from click.testing import CliRunner

    from align.cli.main import cli

    data = Path(__file__).parent / "data" / "glossary"
    pair = [str(data / "pair.tr.txt"), str(data / "pair.en.txt"), "--presegmented",
            "--encoder", "fake", "--glossary", str(data / "pair.glossary.yaml")]
    runner = CliRunner()
    text = runner.invoke(cli, ["check", *pair, "--format", "text"]).stdout
    report = json.loads(runner.invoke(cli, ["check", *pair, "--format", "json"]).stdout)
    said = [int(ln.split(":")[0][1:]) for ln in text.splitlines() if ln.startswith("#")]
    found = [f for f in report["findings"] if f["bead"] is not None]
    assert said == [f["bead"] + 1 for f in found]  # JSON keeps the 0-based index
    assert min(said) >= 1 and len(set(said)) > 1
    path = tmp_path / "p.hizala"
    made = runner.invoke(cli, ["new", str(path), *pair])
    assert made.exit_code == 0, made.stderr
    with Project.open(path) as p:
        app = create_app(p)
        seen: list[tuple[int | None, str]] = []

        async def steps(pilot: Any) -> None:
            for n in said:
                await pilot.press("g", *str(n), "enter")
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, ReviewScreen) and screen.current is not None
                seen.append((number(app), p.bead(screen.current).tr_text))

        drive(app, steps)
    for n, f, (at, tr) in zip(said, found, seen, strict=True):
        assert at == n
        if f["tr_text"]:
            assert f["tr_text"] in tr, (n, f["tr_text"], tr)


def test_editing_the_english_says_an_english_segment(project: Project) -> None:
    # the status line used to say "edit a English segment"
    app = create_app(project)

    async def steps(pilot: Any) -> None:
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        area = next(a for a in app.screen.query(SegmentArea) if a.segment.side == "en")
        area.focus()
        area.move_cursor(area.document.end)
        await press(pilot, *" Yes!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "an English segment" in text and "a English" not in text

    drive(app, steps, size=(160, 45))
    assert project.beads()[0].en_text.endswith("Yes!")
