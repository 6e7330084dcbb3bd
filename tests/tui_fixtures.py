"""Review projects and a Pilot driver for the review UI tests.

The project has every bead shape a reviewer meets (1:1, 2:1, 1:2, 1:0, 0:1),
scores on both sides of the low-confidence threshold, and QA findings whose
spans point at real words (with ı İ ş ğ and curly apostrophes). Beads are
given by hand and the encoder is ``fake``, so nothing embeds for seconds.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from store_fixtures import EN, SIGNATURE, TR, document, fixed_clock, make_project

from align.store import BeadSpec, NewFinding, Project
from align.types import Bead

TR8 = [*TR, "NATO’ya karşı gösteri yapıldı.", "İzmir’de yağmur yağdı."]
EN8 = [*EN, "A protest was held against NATO.", "It rained in Izmir."]

GOZALTI = NewFinding(
    kind="missing",
    message="'gözaltı' has no rendering in the English",
    severity="warning",
    tr_span=(26, 33),
)
NATO = NewFinding(
    kind="forbidden",
    message="'NATO' is written 'NATO' in English texts; check the rendering",
    severity="error",
    tr_span=(0, 4),
    en_span=(27, 31),
)

SECOND_TR = ["İkinci belge: Ankara’da kar yağdı.", "Yollar kapandı."]
SECOND_EN = ["Second document: it snowed in Ankara.", "The roads were closed."]

# bead k: (Turkish indices, English indices, score)
SHAPES: list[tuple[tuple[int, ...], tuple[int, ...], float | None]] = [
    ((0,), (0,), 0.95),       # 1 1:1 high
    ((1, 2), (1,), 0.42),     # 2 2:1 low
    ((3,), (2, 3), 0.61),     # 3 1:2 medium
    ((4,), (), 0.30),         # 4 1:0 low
    ((), (4,), 0.35),         # 5 0:1 low
    ((5,), (5,), 0.88),       # 6 1:1
    ((6,), (6,), 0.77),       # 7 1:1 (NATO finding)
    ((7,), (7,), 0.91),       # 8 1:1
]


def review_project(folder: Path, *, name: str = "p.hizala", second: bool = False) -> Project:
    """The eight-bead project above, open for changes (findings on beads 3 and 7); with
    ``second``, a second document of two beads. Files are named without a folder, so that
    screenshots do not depend on where the test runs."""
    specs = []
    for k, (tr, en, score) in enumerate(SHAPES):
        findings: tuple[NewFinding, ...] = ()
        if k == 2:
            findings = (GOZALTI,)
        if k == 6:
            findings = (NATO,)
        specs.append(BeadSpec(tr, en, score, findings=findings))
    project = Project.create(folder / name, encoder="fake", user="ayşe", clock=fixed_clock)
    project.add_document(
        document(TR8, "tr", "haber.tr.txt"), document(EN8, "en", "haber.en.txt"), specs,
        signature=SIGNATURE,
    )
    if second:
        project.add_document(
            document(SECOND_TR, "tr", "kar.tr.txt"),
            document(SECOND_EN, "en", "kar.en.txt"),
            [Bead((0,), (0,), 0.8), Bead((1,), (1,), 0.3)],
            signature=SIGNATURE,
        )
    return project


def plain_project(folder: Path, *, name: str = "p.hizala") -> Project:
    """Six 1:1 beads scored 0.9 … 0.4 (the store tests' project)."""
    return make_project(folder, name=name)


def many_beads(folder: Path, n: int) -> Project:
    """A project of ``n`` 1:1 beads with scores cycling through [0, 1) (for scrolling)."""
    tr = [f"{k + 1}. cümle: Işık ılık, gözaltı yok." for k in range(n)]
    en = [f"Sentence {k + 1}: the light is mild, no detention." for k in range(n)]
    specs = [BeadSpec((k,), (k,), (k * 37 % 100) / 100) for k in range(n)]
    return make_project(folder, tr=tr, en=en, beads=specs, name="many.hizala")


def layout(project: Project) -> list[tuple[str, str]]:
    """``(kind, status)`` of every bead in order."""
    return [(b.kind, b.status) for b in project.beads()]


def drive(
    app: Any,
    steps: Callable[[Any], Awaitable[None]],
    *,
    size: tuple[int, int] = (110, 32),
) -> None:
    """Run ``app`` headless at ``size`` and let ``steps(pilot)`` drive it."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await steps(pilot)
            await pilot.pause()

    asyncio.run(main())


async def press(pilot: Any, *keys: str) -> None:
    """Send ``keys`` as a terminal would, then wait once until the app is idle.

    Much faster than ``pilot.press`` (which waits after every key); for keys that
    do not open a dialog (a dialog's keys must wait for it to be mounted), and not for
    priority keys after typed text (the app runs those before the text reaches the field).
    """
    from textual import events
    from textual.keys import _character_to_key, key_to_character

    await pilot.pause()  # a dialog opened by the last key is mounted and focused
    driver = pilot.app._driver
    for typed in keys:
        key = _character_to_key(typed) if len(typed) == 1 and not typed.isalnum() else typed
        driver.send_message(events.Key(key, key_to_character(key)))
    await pilot.pause()


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain text (for asserting on visible words)."""
    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None,
        force_terminal=False, legacy_windows=False,
    )
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    console.print(update)
    return console.export_text()


def number(app: Any) -> int | None:
    """The number (#N) of the bead under the cursor of the review screen."""
    from tui.screens.review import ReviewScreen

    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return None if screen.current is None else screen.session.number(screen.current)


def statuses(project: Project) -> list[str]:
    """Every bead's status, in order."""
    return [b.status for b in project.beads()]
