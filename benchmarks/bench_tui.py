"""How fast the review UI is on a 10,000-bead project (Textual's Pilot, headless).

    python benchmarks/bench_tui.py [--beads 10000] [--repeat 40] [--size 160x50]

Figures (issue 6): opening a 10,000-bead project <= 1.5 s; moving, confirming
and merging <= 50 ms from key to updated screen. Issue 11 adds the worst-first order
(``o``, ``O``), the wrapped layout (``z``), confirming worst first, and confirming every
bead in one step (``C``, from #1 down, ``Enter``) with its undo.

* open: from ``create_app(path)`` (opening the project, reading every bead's
  mark) until the review screen's first frame has been written; and, with
  tmux, from starting the real ``hizala review PROJECT`` process (Python,
  imports, Textual) until the review screen is on the terminal.
* key → screen: the key is sent through the (headless) driver as a terminal
  would send it; the time is taken when the first frame written after the
  screen finished handling it reaches the driver. That includes Textual's
  frame timer (up to one frame at 60 fps), the SQLite transaction with
  ``synchronous=FULL`` for operations, and drawing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from review_project import build  # benchmarks/ is the script's folder, on sys.path
from textual import events

from tui import create_app
from tui.screens.review import ReviewScreen


class FrameClock:
    """Records when frames reach the driver and when the review screen finished a key."""

    def __init__(self, app: Any) -> None:
        self.frames: list[float] = []
        self.handled: list[float] = []
        display = app._display

        def timed_display(screen: Any, update: Any) -> None:
            display(screen, update)
            if isinstance(screen, ReviewScreen):
                self.frames.append(time.perf_counter())

        app._display = timed_display

    def watch(self, screen: ReviewScreen) -> None:
        show = screen.show_current

        def timed_show(**kw: Any) -> None:
            show(**kw)
            self.handled.append(time.perf_counter())

        screen.show_current = timed_show  # type: ignore[method-assign]

    async def key_to_frame(self, app: Any, key: str) -> float:
        """Send ``key``; seconds until the first frame after the screen handled it."""
        handled = len(self.handled)
        char = key if len(key) == 1 else " " if key == "space" else None
        start = time.perf_counter()
        app._driver.send_message(events.Key(key, char))
        while True:
            await asyncio.sleep(0.0005)
            if len(self.handled) > handled:
                done = self.handled[handled]
                later = [f for f in self.frames if f >= done]
                if later:
                    return later[0] - start
            if time.perf_counter() - start > 5:
                raise TimeoutError(f"no frame after {key!r}")


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return (
        f"median {1000 * statistics.median(values):6.1f} ms   p95 {1000 * p95:6.1f} ms   "
        f"max {1000 * values[-1]:6.1f} ms   (n={len(values)})"
    )


async def run(
    path: Path, beads: int, repeat: int, size: tuple[int, int]
) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    start = time.perf_counter()
    app = create_app(path, gc_freeze=True)  # as `hizala review` runs it
    clock = FrameClock(app)
    async with app.run_test(size=size) as pilot:
        while not isinstance(app.screen, ReviewScreen) or not clock.frames:
            await asyncio.sleep(0.001)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.pause()
        results["open (to first frame)"] = [clock.frames[0] - start]
        clock.watch(screen)
        await pilot.press("g", *str(beads // 2), "enter")  # the middle of the project
        await pilot.pause()
        async def measure(name: str, key: str, between: str | None = None) -> None:
            """Time ``key`` ``repeat`` times, pressing ``between`` (unmeasured) before each."""
            times = []
            for _ in range(repeat):
                if between:
                    await pilot.press(between)
                    await pilot.pause()
                times.append(await clock.key_to_frame(app, key))
                await pilot.pause()
            results[name] = times

        for name, key, between in [
            ("move down (j)", "j", None),
            ("move up (k)", "k", None),
            ("page down", "pagedown", None),
            ("next unconfirmed (n)", "n", None),
            ("next low-confidence (l)", "l", None),
            ("confirm + next (space)", "space", None),
            ("reject (x)", "x", "j"),
            ("merge with next (m)", "m", "j"),  # a fresh pair each time
            ("undo (u)", "u", None),
            ("redo (U)", "U", None),
            # where the errors are: the orders, the layout, confirming worst first
            ("worst first (o)", "o", "O"),
            ("document order (O)", "O", "o"),
            ("layout: wrapped / lines (z)", "z", None),
        ]:
            await measure(name, key, between)
        if screen.table.wrapped:
            await pilot.press("z")
        await pilot.press("o", "2")
        await pilot.pause()
        await measure("confirm + next, worst first", "space")
        await pilot.press("O", "1", "home")
        await pilot.pause()
        # one step for every unconfirmed bead: the dialog, from #1 to the end, Enter
        confirm_all, undo_all = [], []
        for _ in range(max(repeat // 8, 2)):
            await pilot.press("home", "C")
            await pilot.pause()
            await pilot.press("down")
            await pilot.pause()
            confirm_all.append(await clock.key_to_frame(app, "enter"))
            await pilot.pause()
            index = screen.session.index
            assert index.confirmed + index.rejected == index.total, index.confirmed
            undo_all.append(await clock.key_to_frame(app, "u"))
            await pilot.pause()
        results[f"confirm all {beads:,} (C, Enter)"] = confirm_all
        results["undo it (u)"] = undo_all
        summary = screen.session.project.summary()
        print(f"after the run: {summary.beads:,} beads, {summary.confirmed:,} confirmed",
              file=sys.stderr)
    return results


def terminal_open(path: Path, repeat: int) -> list[float]:
    """Seconds from starting ``hizala review PROJECT`` in a real terminal (tmux, 160x50) until
    the review screen shows (its status line is on the screen): the whole process start."""
    import os
    import shutil
    import subprocess

    tmux = shutil.which("tmux")
    if tmux is None:
        raise SystemExit("--terminal needs tmux")
    times = []
    for k in range(repeat):
        socket = f"bench-tui-{os.getpid()}-{k}"
        command = f"{sys.executable} -m align.cli review {path}"
        start = time.perf_counter()
        subprocess.run([tmux, "-L", socket, "new-session", "-d", "-x", "160", "-y", "50",
                        f"env TERM=xterm-256color {command}"], check=True)
        try:
            while True:
                screen = subprocess.run([tmux, "-L", socket, "capture-pane", "-p"],
                                        capture_output=True, text=True, check=False).stdout
                if "confirmed (" in screen:
                    times.append(time.perf_counter() - start)
                    break
                if time.perf_counter() - start > 30:
                    raise TimeoutError(screen)
                time.sleep(0.01)
            subprocess.run([tmux, "-L", socket, "send-keys", "q"], check=True)
            time.sleep(0.5)
        finally:
            subprocess.run([tmux, "-L", socket, "kill-server"], capture_output=True, check=False)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--beads", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--size", default="160x50", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--terminal", type=int, default=5, metavar="N",
                        help="also time N starts of the real command in tmux (0: no)")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.hizala"
        t = time.perf_counter()
        build(path, args.beads)
        print(f"built a {args.beads:,}-bead project in {time.perf_counter() - t:.2f} s",
              file=sys.stderr)
        results = asyncio.run(run(path, args.beads, args.repeat, (width, height)))
        if args.terminal:
            results["open in a terminal (tmux)"] = terminal_open(path, args.terminal)
    print(f"hizala review, {args.beads:,} beads, terminal {width}x{height}")
    for name, times in results.items():
        if name.startswith("open"):
            shown = ", ".join(f"{t:.2f}" for t in times)
            print(f"  {name:<26} {max(times):.2f} s at most ({shown})")
        else:
            print(f"  {name:<26} {_ms(times)}")


if __name__ == "__main__":
    main()
