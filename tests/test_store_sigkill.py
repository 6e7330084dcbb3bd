"""A reviewer's process killed with SIGKILL keeps every change that returned.

A child process edits and confirms beads in a loop, printing the number of
each operation after it returns; the test kills it mid-stream, at three
different points, and checks that the project holds every printed operation
(and at most the one in flight beyond it), that the file is intact, and that
no stale lock blocks the next writer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_fixtures import make_project

from align.store import Project
from align.types import Bead

REPO = Path(__file__).resolve().parents[1]
N = 400

CHILD = textwrap.dedent(
    """
    import sys
    from align.store import Project
    p = Project.open(sys.argv[1], user="kill-test")
    start = int(sys.argv[2])
    beads = p.beads()
    k = start
    while True:
        bead = beads[k // 2]
        if k % 2 == 0:
            p.edit_segment(bead.en[0].id, f"düzeltme {k // 2} – İ ı ş ğ")
        else:
            p.confirm(bead.id)
        print(k, flush=True)
        k += 1
    """
)


def _state(project: Project) -> int:
    """How many of the child's operations (edit, confirm, edit, …) the project holds,
    checking that they form an unbroken prefix."""
    done = 0
    for i, bead in enumerate(project.beads()):
        edited = bead.en[0].text == f"düzeltme {i} – İ ı ş ğ"
        confirmed = bead.status == "confirmed"
        if not edited:
            assert not confirmed
            break
        done = 2 * i + 1 + int(confirmed)
        if not confirmed:
            break
    for bead in project.beads()[done // 2 + 1 :]:
        assert bead.en[0].text.startswith("Sentence") and bead.status == "auto"
    return done


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_keeps_every_returned_operation(tmp_path: Path) -> None:
    tr = [f"Cümle {i}: ılık şehir ışığı." for i in range(N)]
    en = [f"Sentence {i}: the city's mild light." for i in range(N)]
    make_project(tmp_path, tr=tr, en=en, beads=[Bead((i,), (i,)) for i in range(N)]).close()
    path = tmp_path / "p.hizala"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = 0
    for kill_after in (7, 30, 18):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(done)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        assert child.stdout is not None
        printed = []
        for line in child.stdout:
            printed.append(int(line))
            if len(printed) == kill_after:
                break
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        assert child.stderr is not None
        child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        returned = printed[-1] + 1
        with Project.open(path) as p:  # no stale lock
            held = _state(p)
            assert p._connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert len(p.history(10_000)) == held  # the journal matches, entry for entry
        assert returned <= held <= returned + 1
        done = held
