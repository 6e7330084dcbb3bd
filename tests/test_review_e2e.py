"""End to end: the real ``hizala review TR EN`` in a terminal (tmux), on a seed document.

It creates the project (fake encoder: no model to load), shows it, takes a key
that confirms a bead, refuses a second review of the same project, quits, and
``hizala status --json`` reports what was done. Needs tmux (``apt-get install tmux``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "news" / "wmt16-014"


def _tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.fail("the end-to-end test of `hizala review` needs tmux: apt-get install -y tmux")
    return tmux


class Terminal:
    """A detached tmux session running one command, at a fixed size."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.tmux = _tmux()
        self.name = f"hizala-e2e-{uuid.uuid4().hex[:8]}"
        self.socket = f"hizala-e2e-{os.getpid()}"
        shell = " ".join(_quote(c) for c in command)
        self._run(
            "new-session", "-d", "-s", self.name, "-x", "120", "-y", "36", "-c", str(cwd),
            # keep the pane after the command ends, to read its last words
            f"env {' '.join(f'{k}={_quote(v)}' for k, v in env.items())} {shell}; "
            "echo EXIT=$?; sleep 60",
        )

    def _run(self, *args: str) -> str:
        proc = subprocess.run(
            [self.tmux, "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self._run("send-keys", "-t", self.name, *keys)

    def wait_for(self, test: Callable[[str], bool], what: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if test(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout:.0f} s for {what}; the screen:\n{text}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True,
                       check=False)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    for side in ("tr", "en"):
        shutil.copy(SEED / f"{side}.txt", tmp_path / f"wmt16-014.{side}.txt")
    return tmp_path


@pytest.fixture
def terminal(workdir: Path) -> Iterator[Terminal]:
    env = {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(REPO),
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "HOME": str(workdir),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    command = [
        sys.executable, "-m", "align.cli", "review", "wmt16-014.tr.txt", "wmt16-014.en.txt",
        "--presegmented", "--encoder", "fake",
    ]
    term = Terminal(command, workdir, env)
    try:
        yield term
    finally:
        term.close()


def _status(project: Path) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", "align.cli", "status", str(project), "--json"],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_review_in_a_real_terminal(terminal: Terminal, workdir: Path) -> None:
    project = workdir / "wmt16-014.hizala"
    screen = terminal.wait_for(lambda s: "confirmed" in s and "Turkish" in s,
                               "the review screen")
    assert "✓ 0 /" in screen and "Sende namus ve şeref" in screen
    assert project.exists()

    terminal.keys("Space")
    screen = terminal.wait_for(lambda s: "✓ 1 /" in s, "the first bead confirmed")
    assert "confirm bead #1" in screen

    # a second review of the same project is refused while this one runs
    second = subprocess.run(
        [sys.executable, "-m", "align.cli", "review", str(project)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert second.returncode == 3
    assert "is already open for changes" in second.stderr

    terminal.keys("q")
    screen = terminal.wait_for(lambda s: "EXIT=" in s, "hizala to quit")
    assert "EXIT=0" in screen
    assert "beads confirmed; every change is saved" in " ".join(screen.split())

    status = _status(project)
    assert status["confirmed"] == 1 and status["rejected"] == 0
    # the whole document is in the project: 89 Turkish lines in 75 beads with the fake test
    # encoder (the gold, which USE finds, has 84; a failed creation leaves none)
    assert isinstance(status["beads"], int) and status["beads"] > 60


def test_the_typed_search_text_shows_in_a_real_terminal(terminal: Terminal) -> None:
    # the search bar used to show `/ ▊▔▔▔▔` (the focused field's border) over the text
    terminal.wait_for(lambda s: "confirmed" in s and "Turkish" in s, "the review screen")
    terminal.keys("/")
    terminal.wait_for(lambda s: "search both sides" in s, "the search bar")
    terminal.keys("şeref")

    def typed(screen: str) -> bool:
        return any(line.strip().startswith("/ şeref") for line in screen.splitlines())

    screen = terminal.wait_for(typed, "the typed text in the search bar")
    assert "▔▔▔" not in screen
    terminal.keys("Escape")  # a terminal's Esc waits a moment (it may start a sequence)
    terminal.wait_for(lambda s: not typed(s), "the search bar to close")
    terminal.keys("q")
    terminal.wait_for(lambda s: "EXIT=0" in s, "hizala to quit")
