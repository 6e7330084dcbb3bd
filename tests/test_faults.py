"""What hizala promises when things go wrong: each promise below is a test.

1. Two writers of one glossary lose nothing: 200 ``glossary add`` from two processes at
   once leave 200 terms (each edit locked from reading to writing).
2. SIGKILL at any moment of any writing command (``align -o``, ``batch``, ``new``,
   ``add``, ``export``, ``glossary add``, ``glossary import``), 50 times each, leaves the
   old file or the new one, never a part of one; projects pass ``PRAGMA
   integrity_check`` and hold whole documents only.
3. A full disk during ``new``, ``add``, ``export`` or ``glossary add`` leaves no damaged
   or half-added project and no half-written file; the error says so, exit 3, and a
   rerun with room works (a small tmpfs where one can be mounted, and a file-size limit
   that makes writes fail anywhere).
4. An output that is not a regular file is written into, never replaced: ``-o FIFO``
   feeds its reader and stays a FIFO; ``-o LINK`` and ``-g LINK`` change the linked file
   and stay links.
5. A project is locked by what it is, not by its name: a second writer through a
   symbolic or a hard link is refused with the same message.
6. Sizes are bounded everywhere input is read: an import over the glossary limit is
   refused (never cut), a 200,000-character "word" is embedded from its first 5,000
   characters (in bounded memory), language evidence reads 64 letters of a word, a
   huge XML comment is read in growing chunks.
7. Nothing malformed gives a traceback: YAML aliases, deep nesting and control
   characters, TBX nested 100,000 deep, a CSV cell over the csv limit, all one line.
8. Swapped or identical inputs are noticed (a warning, an error with ``--strict``), and
   no seed or devset document is ever taken for swapped.
9. ``import-tmx`` keeps inline markup and unit dates through a re-export (500
   generated units with astral characters, ``&<>``, ``]]>``, tabs, U+2028, ı/İ,
   combining marks, ZWJ and inline tags).
10. The smaller ones: vertical tabs, a damaged page noticed by ``add``, a non-TMX root
    said plainly, ``new`` in a read-only folder naming the folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.cli.main import cli
from align.glossary.yaml_store import load_glossary
from align.store import Project
from align.store.tmx_import import read_tmx

REPO = Path(__file__).resolve().parents[1]
TR = "".join(f"Ali {i} elma aldı ve “{i + 1}” kitap okudu.\n" for i in range(12))
EN = "".join(f"Ali bought {i} apples and read “{i + 1}” books.\n" for i in range(12))
GLOSSARY = 'version: 1\nterms:\n  - tr: "elma"\n    en: ["pear"]\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def pair(folder: Path, tag: str, n: int = 12) -> tuple[Path, Path]:
    """A Turkish file and its translation, distinct for each ``tag``."""
    tr = "".join(f"{tag} Ali {100 + i} elma aldı ve “{500 + i}” kitap okudu.\n"
                 for i in range(n))
    en = "".join(f"{tag} Ali bought {100 + i} apples and read “{500 + i}” books.\n"
                 for i in range(n))
    return write(folder / f"{tag}.tr.txt", tr), write(folder / f"{tag}.en.txt", en)


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def child_env() -> dict[str, str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", OPENBLAS_NUM_THREADS="1",
               OMP_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


# ---------------------------------------------------------------------------------------
# 1. concurrent glossary writers
# ---------------------------------------------------------------------------------------

ADDER = textwrap.dedent(
    """
    import sys
    from align.cli.main import cli
    who, n = sys.argv[1], int(sys.argv[2])
    failed = 0
    for i in range(n):
        try:
            cli.main(["glossary", "add", f"terim{who}{i}", f"term {who} {i}", "-g", "g.yaml"],
                     standalone_mode=False)
        except SystemExit as e:
            failed += bool(e.code)
    print(failed)
    """
)


def test_two_glossary_writers_lose_no_edit(tmp_path: Path) -> None:
    write(tmp_path / "g.yaml", GLOSSARY)
    children = [
        subprocess.Popen([sys.executable, "-c", ADDER, who, "100"], cwd=tmp_path,
                         env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True)
        for who in ("a", "b")
    ]
    failed = [int(c.communicate(timeout=300)[0]) for c in children]
    assert failed == [0, 0]  # every add was reported saved…
    terms = {t.tr for t in load_glossary(tmp_path / "g.yaml").terms}
    assert len(terms) == 201  # …and is there: elma + 2 x 100
    assert {f"terim{w}{i}" for w in "ab" for i in range(100)} <= terms
    assert not (tmp_path / "g.yaml.lock").exists()


def test_a_stale_glossary_is_refused_not_overwritten(tmp_path: Path) -> None:
    from align.glossary.model import Term
    from align.glossary.yaml_store import GlossaryFile

    path = write(tmp_path / "g.yaml", GLOSSARY)
    mine = GlossaryFile.open(path)
    assert run("glossary", "add", "armut", "pear", "-g", str(path)).exit_code == 0
    mine.add(Term(tr="kiraz", en=("cherry",)))
    with pytest.raises(Exception, match="changed on disk since hizala read it") as info:
        mine.save()
    assert getattr(info.value, "exit_code", None) == 3
    assert {t.tr for t in load_glossary(path).terms} == {"elma", "armut"}


# ---------------------------------------------------------------------------------------
# 2. SIGKILL at any moment
# ---------------------------------------------------------------------------------------

KILLS = 50

# A process that imports hizala once and forks a worker per job: a worker repeats its
# commands until it is killed. Forking spares each of the 350 kills a new interpreter.
ZYGOTE = textwrap.dedent(
    """
    import json, os, signal, sys
    from align.cli.main import cli
    import align.aligner.core, align.encoders.fake, align.review.adding, align.review.checks
    import align.store.tmx_export, align.store.exports, align.glossary.csv_io
    import align.glossary.yaml_store, align.segment, align.qa
    import tempfile
    with tempfile.TemporaryDirectory() as warm:  # load what commands load on first use
        for name, text in (("t.txt", "Bir.\\nİki.\\n"), ("e.txt", "One.\\nTwo.\\n")):
            with open(os.path.join(warm, name), "w", encoding="utf-8") as f:
                f.write(text)
        os.chdir(warm)
        for command in (["align", "t.txt", "e.txt", "--presegmented", "--encoder", "fake",
                         "-o", "o"], ["new", "p.hizala", "t.txt", "e.txt", "--presegmented",
                         "--encoder", "fake"], ["export", "p.hizala", "--tmx", "o.tmx"]):
            try:
                cli.main(command, standalone_mode=False)
            except SystemExit:
                pass
        os.chdir("/")
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    print("ready", flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            os.chdir(job["cwd"])
            i = job["start"]
            factory = os.getppid()
            # A worker is meant to be killed by its test; if the test run itself dies
            # first, the worker must not loop on as an orphan.
            while os.getppid() == factory:
                for command in job["commands"]:
                    try:
                        cli.main([a.replace("{i}", str(i)) for a in command],
                                 standalone_mode=False)
                    except SystemExit:
                        pass
                    except Exception:
                        os._exit(70)
                    i += 1
            os._exit(0)
        print(pid, flush=True)
    """
)


class Zygote:
    """Forks workers running hizala commands in a loop, to be killed."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", ZYGOTE], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=child_env())
        assert self.proc.stdout is not None
        if self.proc.stdout.readline() != "ready\n":
            self.close()
            raise AssertionError("the worker factory did not start")

    def start(self, cwd: Path, commands: list[list[str]], start: int = 0) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        job = {"cwd": str(cwd), "commands": commands, "start": start}
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        return int(self.proc.stdout.readline())

    def close(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    z = Zygote()
    yield z
    z.close()


def kill_loop(zygote: Zygote, cwd: Path, commands: list[list[str]],
              check: Callable[[int], None], *, longest: float,
              state: Callable[[], object], start: Callable[[int], int] = lambda k: 1000 * k
              ) -> None:
    """Start a worker, kill it with SIGKILL after a random moment, check the files;
    :data:`KILLS` times. The worker's ``{i}`` counts up from ``start(kill number)``.
    Every fifth worker is first let write something (``state()`` changes), so that the
    kills also land in later writes however busy the machine is."""
    rng = random.Random(15)
    for k in range(KILLS):
        before = state()
        pid = zygote.start(cwd, commands, start=start(k))
        if k % 5 == 0:
            deadline = time.monotonic() + 60
            while state() == before and time.monotonic() < deadline:
                time.sleep(0.01)
        time.sleep(rng.uniform(0.0, longest))
        os.kill(pid, signal.SIGKILL)
        for _ in range(2000):  # until the kernel has reaped it
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.001)
        check(k)


def timed(work: Callable[[], object]) -> float:
    """Seconds ``work()`` took: kills are spread over a few times that (the machine may
    be busy)."""
    t = time.perf_counter()
    work()
    return time.perf_counter() - t


def _outputs(folder: Path, name: str, *variants: list[str]) -> tuple[list[bytes], float]:
    """What each variant of a command writes to ``name`` (run once each), and the
    longest time one took."""
    out = []
    took = 0.0
    for args in variants:
        assert run(*args).exit_code == 0  # the first run imports what the command needs
        took = max(took, timed(lambda args=args: run(*args)))
        out.append((folder / name).read_bytes())
    return out, took


def test_sigkill_align_output_is_old_or_new(tmp_path: Path, zygote: Zygote,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pair(tmp_path, "a")
    pair(tmp_path, "b", 20)
    a = ["align", "a.tr.txt", "a.en.txt", "--presegmented", "--encoder", "fake", "-o", "out.beads"]
    b = ["align", "b.tr.txt", "b.en.txt", "--presegmented", "--encoder", "fake", "-o", "out.beads"]
    outputs, took = _outputs(tmp_path, "out.beads", b, a)
    whole = set(outputs)
    written: set[int] = set()  # modification times: one per write

    def check(_k: int) -> None:
        assert (tmp_path / "out.beads").read_bytes() in whole
        written.add((tmp_path / "out.beads").stat().st_mtime_ns)  # a new file at each write

    kill_loop(zygote, tmp_path, [b, a], check, longest=4 * took,
              state=lambda: (tmp_path / "out.beads").stat().st_mtime_ns)
    assert len(written) >= KILLS // 5  # the workers did write between kills


def test_sigkill_batch_outputs_are_old_or_new(tmp_path: Path, zygote: Zygote,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pair(tmp_path, "a")
    pair(tmp_path, "b", 20)
    write(tmp_path / "a.tsv", "a.tr.txt\ta.en.txt\tout.json\n")
    write(tmp_path / "b.tsv", "b.tr.txt\tb.en.txt\tout.json\n")
    a = ["batch", "a.tsv", "--presegmented", "--encoder", "fake"]
    b = ["batch", "b.tsv", "--presegmented", "--encoder", "fake"]
    outputs, took = _outputs(tmp_path, "out.json", b, a)
    whole = set(outputs)
    written: set[int] = set()  # modification times: one per write

    def check(_k: int) -> None:
        assert (tmp_path / "out.json").read_bytes() in whole
        written.add((tmp_path / "out.json").stat().st_mtime_ns)

    kill_loop(zygote, tmp_path, [b, a], check, longest=4 * took,
              state=lambda: (tmp_path / "out.json").stat().st_mtime_ns)
    assert len(written) >= KILLS // 5  # the workers did write between kills


def _documents(path: Path) -> int:
    """How many documents the project holds now (read while a worker may be writing)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


def _whole_documents(path: Path, glossary: Path, lines: int = 12,
                     seen: set[int] | None = None) -> int:
    """The number of documents in the project, each checked to be whole: every line of
    both files in a bead, every bead's QA findings, every sentence's embedding (the ids
    in ``seen`` were checked before, and must still be there)."""
    from align.review.checks import qa_checker
    from align.store.embeddings import digest

    checker = qa_checker(glossary)
    seen = set() if seen is None else seen
    assert integrity(path) == "ok"
    with Project.open(path, readonly=True) as p:
        stored = {bytes(r[0]) for r in p.file.connection().execute(
            "SELECT digest FROM embeddings")}
        docs = p.summary().documents
        assert seen <= {d.id for d in docs}
        for d in docs:
            if d.id in seen:
                continue
            seen.add(d.id)
            beads = p.beads(document_id=d.id)
            assert sum(len(b.tr) for b in beads) == sum(len(b.en) for b in beads) == lines
            assert d.findings == sum(len(list(checker(b))) for b in beads), d
            assert {digest(s.text) for b in beads for s in (*b.tr, *b.en)} <= stored
    return len(docs)


def test_sigkill_new_leaves_a_whole_project_or_none(tmp_path: Path, zygote: Zygote,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pair(tmp_path, "a")
    write(tmp_path / "g.yaml", GLOSSARY)
    command = ["new", "p{i}.hizala", "a.tr.txt", "a.en.txt", "--presegmented", "--encoder",
               "fake", "--glossary", "g.yaml"]
    assert run(*[c.replace("{i}", "y") for c in command]).exit_code == 0
    took = timed(lambda: run(*[c.replace("{i}", "x") for c in command]))
    checked: set[str] = set()

    def check(_k: int) -> None:
        for path in tmp_path.glob("p*.hizala"):
            if path.name not in checked:
                assert _whole_documents(path, tmp_path / "g.yaml") == 1
                checked.add(path.name)

    kill_loop(zygote, tmp_path, [command], check, longest=4 * took,
              state=lambda: len(list(tmp_path.glob("p*.hizala"))))
    assert len(checked) >= KILLS // 5  # workers did create projects between kills


def test_sigkill_add_never_half_adds(tmp_path: Path, zygote: Zygote,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for k in range(400):
        pair(tmp_path, f"d{k}")
    write(tmp_path / "g.yaml", GLOSSARY)
    took = timed(lambda: run("new", "p.hizala", "d0.tr.txt", "d0.en.txt", "--presegmented",
                             "--encoder", "fake", "--glossary", "g.yaml"))
    command = ["add", "p.hizala", "d{i}.tr.txt", "d{i}.en.txt", "--presegmented",
               "--glossary", "g.yaml"]
    counts = []
    seen: set[int] = set()

    def check(_k: int) -> None:
        counts.append(_whole_documents(tmp_path / "p.hizala", tmp_path / "g.yaml", seen=seen))

    # worker k adds d(1+7k), d(2+7k)…: a document another worker added is refused
    kill_loop(zygote, tmp_path, [command], check, longest=4 * took,
              start=lambda k: 1 + 7 * k, state=lambda: _documents(tmp_path / "p.hizala"))
    assert counts == sorted(counts) and counts[-1] >= KILLS // 5  # added, and whole


def test_sigkill_export_is_old_or_new(tmp_path: Path, zygote: Zygote,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pair(tmp_path, "a", 60)
    assert run("new", "p.hizala", "a.tr.txt", "a.en.txt", "--presegmented", "--encoder",
               "fake").exit_code == 0
    with Project.open(tmp_path / "p.hizala") as p:
        for bead in p.beads()[:7]:
            p.confirm(bead.id)
    everything = ["export", "p.hizala", "--tmx", "out.tmx"]
    confirmed = ["export", "p.hizala", "--tmx", "out.tmx", "--only-confirmed"]
    assert run(*confirmed).exit_code == 0
    whole = {len(list(read_tmx(tmp_path / "out.tmx")))}
    assert run(*everything).exit_code == 0
    whole.add(len(list(read_tmx(tmp_path / "out.tmx"))))
    took = timed(lambda: run(*everything))
    written: set[int] = set()  # modification times: one per write

    def check(_k: int) -> None:
        units = len(list(read_tmx(tmp_path / "out.tmx")))  # a whole, well-formed file
        assert units in whole and len(whole) == 2
        written.add((tmp_path / "out.tmx").stat().st_mtime_ns)

    kill_loop(zygote, tmp_path, [confirmed, everything], check, longest=4 * took,
              state=lambda: (tmp_path / "out.tmx").stat().st_mtime_ns)
    assert len(written) >= KILLS // 5  # the workers did write between kills


def test_sigkill_glossary_add_keeps_a_readable_glossary(
        tmp_path: Path, zygote: Zygote, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    big = "".join(f'  - tr: "kelime{k}"\n    en: ["word {k}"]\n' for k in range(500))
    write(tmp_path / "g.yaml", "version: 1\nterms:\n" + big)
    assert run("glossary", "add", "ilk", "first", "-g", "g.yaml").exit_code == 0
    took = timed(lambda: run("glossary", "add", "ikinci", "second", "-g", "g.yaml"))
    sizes = []

    def check(_k: int) -> None:
        sizes.append(len(load_glossary(tmp_path / "g.yaml").terms))

    kill_loop(zygote, tmp_path, [["glossary", "add", "terim{i}", "term", "-g", "g.yaml"]],
              check, longest=4 * took, state=lambda: (tmp_path / "g.yaml").stat().st_mtime_ns)
    assert sizes == sorted(sizes) and sizes[-1] >= 502 + KILLS // 5


def test_sigkill_glossary_import_is_all_or_nothing(
        tmp_path: Path, zygote: Zygote, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in.csv", "tr,en\n" + "".join(f"kelime{k},word {k}\n" for k in range(300)))
    assert run("glossary", "import", "in.csv", "-g", "gw.yaml").exit_code == 0
    took = timed(lambda: run("glossary", "import", "in.csv", "-g", "gx.yaml"))
    checked: set[str] = set()

    def check(_k: int) -> None:
        for path in tmp_path.glob("g*.yaml"):
            if path.name not in checked:  # a glossary is there whole, or not at all
                assert len(load_glossary(path).terms) == 300
                checked.add(path.name)

    kill_loop(zygote, tmp_path, [["glossary", "import", "in.csv", "-g", "g{i}.yaml"]], check,
              longest=4 * took, state=lambda: len(list(tmp_path.glob("g*.yaml"))))
    assert len(checked) >= KILLS // 5


# ---------------------------------------------------------------------------------------
# 3. a full disk
# ---------------------------------------------------------------------------------------

@contextlib.contextmanager
def small_disk(folder: Path, kilobytes: int) -> Iterator[Path | None]:
    """A tmpfs of that size mounted on ``folder`` (None where mounting is not allowed)."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs",
                           str(folder)], capture_output=True, check=False)
    if done.returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave_kb: int) -> None:
    """Fill the file system of ``folder`` but ``leave_kb`` KiB."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize // 1024
    with open(folder / "filler", "wb") as f:
        f.write(b"\0" * max(0, free - leave_kb) * 1024)


LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, EFBIG
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from align.cli.main import main
    sys.argv = ["hizala", *sys.argv[2:]]
    main()
    """
)


def hizala_limited(limit: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run hizala where no file may grow beyond ``limit`` bytes: every write past it fails,
    as on a full disk (works without privileges)."""
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), *args], cwd=cwd,
                          capture_output=True, text=True, env=child_env(), check=False)


def hizala(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from align.cli.main import main; main()",
                           *args], cwd=cwd, capture_output=True, text=True, env=child_env(),
                          check=False)


def _refused_cleanly(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("hizala: error: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def project_size(tmp_path_factory: pytest.TempPathFactory) -> int:
    """Bytes of the project ``new`` makes of a 300-line pair (the disks below are cut to
    fractions of it)."""
    folder = tmp_path_factory.mktemp("size")
    pair(folder, "a", 300)
    assert hizala("new", "p.hizala", "a.tr.txt", "a.en.txt", "--presegmented", "--encoder",
                  "fake", cwd=folder).returncode == 0
    return (folder / "p.hizala").stat().st_size


@pytest.mark.parametrize("share", [0.05, 0.5, 1.5])
def test_full_disk_new_leaves_nothing_and_a_rerun_works(tmp_path: Path, share: float,
                                                        project_size: int) -> None:
    pair(tmp_path, "a", 300)
    leave_kb = int(share * project_size / 1024)
    with small_disk(tmp_path / "disk", 4 * project_size // 1024 + 400) as disk:
        if disk is None:  # no tmpfs here: the file-size limit stands in for a full disk
            done = hizala_limited(leave_kb * 1024, "new", "disk/p.hizala", "a.tr.txt",
                                  "a.en.txt", "--presegmented", "--encoder", "fake",
                                  cwd=tmp_path)
        else:
            fill(disk, leave_kb)
            done = hizala("new", "disk/p.hizala", "a.tr.txt", "a.en.txt", "--presegmented",
                          "--encoder", "fake", cwd=tmp_path)
        _refused_cleanly(done)
        assert "p.hizala: " in done.stderr and ".partial" not in done.stderr
        assert "was not created" in done.stderr
        assert sorted(p.name for p in (tmp_path / "disk").iterdir()) in ([], ["filler"])
        with contextlib.suppress(FileNotFoundError):
            (tmp_path / "disk" / "filler").unlink()
        again = hizala("new", "disk/p.hizala", "a.tr.txt", "a.en.txt", "--presegmented",
                       "--encoder", "fake", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        assert integrity(tmp_path / "disk" / "p.hizala") == "ok"


@pytest.mark.parametrize("share", [0.05, 0.5, 0.9])
def test_full_disk_new_limited_writes(tmp_path: Path, share: float, project_size: int) -> None:
    """The same without a tmpfs: a file-size limit (also where mounting is allowed)."""
    pair(tmp_path, "a", 300)
    done = hizala_limited(int(share * project_size), "new", "p.hizala", "a.tr.txt",
                          "a.en.txt", "--presegmented", "--encoder", "fake", cwd=tmp_path)
    _refused_cleanly(done)
    assert "was not created" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.en.txt", "a.tr.txt"]
    assert hizala("new", "p.hizala", "a.tr.txt", "a.en.txt", "--presegmented", "--encoder",
                  "fake", cwd=tmp_path).returncode == 0


def _project_state(path: Path) -> tuple[int, int, int]:
    assert integrity(path) == "ok"
    with Project.open(path, readonly=True) as p:
        s = p.summary()
        return len(s.documents), s.beads, s.findings


@pytest.mark.parametrize("share", [0.05, 0.3, 0.6])
def test_full_disk_add_adds_nothing(tmp_path: Path, share: float, project_size: int) -> None:
    pair(tmp_path, "a", 100)
    pair(tmp_path, "b", 300)
    write(tmp_path / "g.yaml", GLOSSARY)
    leave_kb = int(share * project_size / 1024)
    with small_disk(tmp_path / "disk", 4 * project_size // 1024 + 400) as disk:
        base = disk if disk is not None else tmp_path
        project = base / "p.hizala"
        assert hizala("new", str(project), "a.tr.txt", "a.en.txt", "--presegmented",
                      "--encoder", "fake", cwd=tmp_path).returncode == 0
        before = _project_state(project)
        add = ("add", str(project), "b.tr.txt", "b.en.txt", "--presegmented",
               "--glossary", "g.yaml")
        if disk is None:
            done = hizala_limited(project.stat().st_size + leave_kb * 1024, *add, cwd=tmp_path)
        else:
            fill(disk, leave_kb)
            done = hizala(*add, cwd=tmp_path)
        _refused_cleanly(done)
        assert ("nothing was added and the project is as it was" in done.stderr
                or "nothing was changed and the project is intact" in done.stderr)
        with contextlib.suppress(FileNotFoundError):
            (base / "filler").unlink()  # (reading a project needs a little room too)
        assert _project_state(project) == before  # no half-added document
        assert hizala(*add, cwd=tmp_path).returncode == 0  # the rerun is not refused
        assert _project_state(project)[0] == 2
        with Project.open(project, readonly=True) as p:
            added = p.beads(document_id=p.documents()[1].id)
        assert sum(len(b.tr) for b in added) == sum(len(b.en) for b in added) == 300


def test_full_disk_export_keeps_the_old_file(tmp_path: Path) -> None:
    pair(tmp_path, "a", 300)
    assert hizala("new", "p.hizala", "a.tr.txt", "a.en.txt", "--presegmented", "--encoder",
                  "fake", cwd=tmp_path).returncode == 0
    old = write(tmp_path / "out.tmx", "the old export\n").read_bytes()
    done = hizala_limited(30_000, "export", "p.hizala", "--tmx", "out.tmx", cwd=tmp_path)
    _refused_cleanly(done)
    assert (tmp_path / "out.tmx").read_bytes() == old
    assert not list(tmp_path.glob(".out.tmx.*"))  # no half-written temporary left
    with small_disk(tmp_path / "disk", 200) as disk:
        if disk is not None:
            write(disk / "out.tmx", "the old export\n")
            fill(disk, 8)
            done = hizala("export", "p.hizala", "--tmx", "disk/out.tmx", cwd=tmp_path)
            _refused_cleanly(done)
            assert (disk / "out.tmx").read_bytes() == old
            assert sorted(p.name for p in disk.iterdir()) == ["filler", "out.tmx"]


def test_full_disk_glossary_add_keeps_the_glossary(tmp_path: Path) -> None:
    big = "".join(f'  - tr: "kelime{k}"\n    en: ["word {k}"]\n' for k in range(2000))
    old = write(tmp_path / "g.yaml", "version: 1\nterms:\n" + big).read_bytes()
    done = hizala_limited(len(old) + 10, "glossary", "add", "yeni", "new", "-g", "g.yaml",
                          cwd=tmp_path)
    _refused_cleanly(done)
    assert (tmp_path / "g.yaml").read_bytes() == old
    with small_disk(tmp_path / "disk", 300) as disk:
        if disk is not None:
            write(disk / "g.yaml", old.decode("utf-8"))
            fill(disk, 4)
            done = hizala("glossary", "add", "yeni", "new", "-g", "disk/g.yaml", cwd=tmp_path)
            _refused_cleanly(done)
            assert (disk / "g.yaml").read_bytes() == old


# ---------------------------------------------------------------------------------------
# 4. outputs that are not regular files
# ---------------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_output_to_a_fifo_feeds_the_reader_and_stays_a_fifo(tmp_path: Path) -> None:
    tr, en = pair(tmp_path, "a")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("align", str(tr), str(en), "--presegmented", "--encoder", "fake",
                 "--format", "beads", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    plain = tmp_path / "plain.beads"
    assert run("align", str(tr), str(en), "--presegmented", "--encoder", "fake",
               "--format", "beads", "-o", str(plain)).exit_code == 0
    assert got == [plain.read_bytes()]  # the reader got all of it
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_outputs_through_links_stay_links(tmp_path: Path) -> None:
    tr, en = pair(tmp_path, "a")
    real = write(tmp_path / "real.beads", "old\n")
    link = tmp_path / "link.beads"
    link.symlink_to(real.name)
    assert run("align", str(tr), str(en), "--presegmented", "--encoder", "fake",
               "--format", "beads", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("[0")
    assert run("new", str(tmp_path / "p.hizala"), str(tr), str(en), "--presegmented",
               "--encoder", "fake").exit_code == 0
    tmx = write(tmp_path / "real.tmx", "old\n")
    (tmp_path / "link.tmx").symlink_to(tmx.name)
    assert run("export", str(tmp_path / "p.hizala"), "--tmx",
               str(tmp_path / "link.tmx")).exit_code == 0
    assert (tmp_path / "link.tmx").is_symlink() and len(list(read_tmx(tmx))) > 5
    glossary = write(tmp_path / "real.yaml", GLOSSARY)
    (tmp_path / "link.yaml").symlink_to(glossary.name)
    assert run("glossary", "add", "armut", "pear", "-g", str(tmp_path / "link.yaml")
               ).exit_code == 0
    assert (tmp_path / "link.yaml").is_symlink()
    assert load_glossary(glossary).get("armut") is not None


# ---------------------------------------------------------------------------------------
# 5. the project lock follows the file
# ---------------------------------------------------------------------------------------

SECOND_WRITER = textwrap.dedent(
    """
    import sys
    from align.errors import StoreError
    from align.store import Project
    try:
        Project.open(sys.argv[1]).close()
    except StoreError as e:
        print(e.exit_code, e)
    else:
        print("opened")
    """
)


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_a_second_writer_through_a_link_is_refused(tmp_path: Path, link: str) -> None:
    tr, en = pair(tmp_path, "a")
    project = tmp_path / "p.hizala"
    assert run("new", str(project), str(tr), str(en), "--presegmented", "--encoder", "fake"
               ).exit_code == 0
    other = tmp_path / "other.hizala"
    if link == "symlink":
        other.symlink_to(project.name)
    else:
        os.link(project, other)

    def second() -> str:
        return subprocess.run([sys.executable, "-c", SECOND_WRITER, str(other)],
                              capture_output=True, text=True, env=child_env(),
                              check=True).stdout

    with Project.open(project):
        out = second()
        assert out.startswith("3 ") and "is already open for changes by process" in out
        assert "close it there first" in out
        with pytest.raises(Exception, match="is already open for changes"):
            Project.open(other)  # in this process too
    assert second().strip() == "opened"


# ---------------------------------------------------------------------------------------
# 6. sizes
# ---------------------------------------------------------------------------------------

def test_an_import_over_the_size_limit_is_refused_not_cut(tmp_path: Path) -> None:
    from align.glossary.yaml_schema import MAX_BYTES

    row = "köpek,dog\n" + "".join(f"kelime{k},word {k}\n" for k in range(10))
    with open(tmp_path / "big.csv", "w", encoding="utf-8") as f:
        f.write("tr,en\n")
        while f.tell() <= MAX_BYTES:
            f.write("# " + "x" * 1_000_000 + "\n")
        f.write(row)
    result = run("glossary", "import", str(tmp_path / "big.csv"), "-g",
                 str(tmp_path / "g.yaml"))
    assert result.exit_code == 2
    assert "is larger than 32 MiB, the most hizala reads as a glossary" in result.stderr
    assert not (tmp_path / "g.yaml").exists()


class _Spy:
    """Records the longest text an encoder's model is given."""

    def __init__(self) -> None:
        self.longest = 0


def test_the_encoder_sees_at_most_5000_characters_of_a_unit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from align.aligner.core import align_documents
    from align.cli.inputs import read_pair
    from align.encoders.base import MAX_ENCODER_CHARS
    from align.encoders.fake import FakeEncoder

    word = "".join(random.Random(1).choice("abcçdefgğhıijklmnoöprsştuüvyz")
                   for _ in range(200_000))
    write(tmp_path / "t.txt", f"Merhaba dünya.\n{word}\nİyi günler.\n")
    write(tmp_path / "e.txt", f"Hello world.\n{word}\nGood day.\n")
    spy = _Spy()

    class Spying(FakeEncoder):
        def _states(self, texts: list[str], progress: object) -> object:  # type: ignore[override]
            spy.longest = max([spy.longest, *map(len, texts)])
            return super()._states(texts, progress)  # type: ignore[arg-type]

    tr, en = read_pair(str(tmp_path / "t.txt"), str(tmp_path / "e.txt"), presegmented=True)
    beads = align_documents(tr, en, Spying())
    assert spy.longest <= MAX_ENCODER_CHARS
    assert [(b.tr, b.en) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert tr.segments[1].text == word  # the unit itself is whole
    assert caplog.text.count("embedded from their first 5,000 characters only") == 1


@pytest.mark.model
def test_a_200000_character_word_aligns_in_bounded_memory(tmp_path: Path) -> None:
    word = "".join(random.Random(1).choice("abcçdefgğhıijklmnoöprsştuüvyz")
                   for _ in range(200_000))
    write(tmp_path / "t.txt", f"Merhaba dünya.\n{word}\nİyi günler.\n")
    write(tmp_path / "e.txt", f"Hello world.\n{word}\nGood day.\n")
    code = ("import resource, sys\nfrom align.cli.main import main\n"
            "try:\n    main()\nfinally:\n"
            "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, "align", "t.txt", "e.txt",
                           "--presegmented", "--format", "beads"], cwd=tmp_path,
                          capture_output=True, text=True, env=child_env(), check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[0]:[0]:1.000", "[1]:[1]:1.000", "[2]:[2]:1.000"] or \
        len(done.stdout.splitlines()) == 3
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    # It was 2.2 GB (the whole word through USE); about 0.2 GB now, on a quiet machine
    # (worker threads on a busy one have been seen to hold up to 1 GB of freed arenas).
    assert peak_mb < 1300, peak_mb
    assert done.stderr.count("hizala: warning: ") == 1


def test_language_evidence_reads_64_letters_of_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.fragments import langid

    seen: list[int] = []

    class Detector:
        def compute_language_confidence_values_in_parallel(self, forms: list[str]
                                                            ) -> list[list[object]]:
            seen.extend(map(len, forms))
            return [[] for _ in forms]

    monkeypatch.setattr(langid, "_lingua", Detector)
    scorer = langid.LanguageScorer("lingua")
    scorer.prepare(["a" * 400_000, "kısa"])
    assert max(seen) <= 64 and scorer.letters("a" * 400_000) == 0.0


def test_a_huge_xml_comment_is_read_in_growing_chunks(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from align.store import tmx_import

    path = tmp_path / "c.tmx"
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<tmx version="1.4"><header/><body>\n<!--')
        f.write("x" * 8_000_000)
        f.write('-->\n<tu><tuv xml:lang="tr"><seg>Evet</seg></tuv>'
                '<tuv xml:lang="en"><seg>Yes</seg></tuv></tu></body></tmx>\n')
    sizes: list[int] = []
    real = open

    def spying_open(*args: object, **kwargs: object) -> object:
        f = real(*args, **kwargs)  # type: ignore[call-overload]
        read = f.read

        def chunk(n: int = -1) -> bytes:
            data: bytes = read(n)
            sizes.append(len(data))
            return data

        f.read = chunk
        return f

    monkeypatch.setattr(tmx_import, "open", spying_open, raising=False)
    assert [(u.tr, u.en) for u in tmx_import.read_tmx(path)] == [("Evet", "Yes")]
    assert max(sizes) >= 2**21  # a few doubling chunks, not 123 rescans of 64 KiB
    assert len(sizes) < 20


# ---------------------------------------------------------------------------------------
# 7. malformed input: one line, never a traceback
# ---------------------------------------------------------------------------------------

def _bomb() -> str:
    lines = ['a0: &a0 ["' + "x" * 100 + '"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    return "\n".join(lines) + "\nterms: []\n"


BAD_GLOSSARIES: list[tuple[str, Callable[[], str], str]] = [
    ("alias-bomb", _bomb, "2:10: an alias (*a0) is not allowed in a glossary"),
    ("deep-flow", lambda: "terms: " + "[" * 100_000 + "]" * 100_000 + "\n", "nest"),
    ("deep-block", lambda: "terms:\n" + "".join(" " * k + "- \n" for k in range(3000)),
     "nest"),
    ("nul-in-term", lambda: 'terms:\n  - tr: "a\\0b"\n    en: ["x"]\n',
     "2:9: a control character (U+0000) in text"),
    ("two-documents", lambda: "terms: []\n---\nterms: []\n", "more than one YAML document"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD_GLOSSARIES,
                         ids=[b[0] for b in BAD_GLOSSARIES])
def test_malformed_glossaries_are_one_line(tmp_path: Path, name: str, make: Callable[[], str],
                                           message: str) -> None:
    path = write(tmp_path / f"{name}.yaml", make())
    result = run("glossary", "list", "-g", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"hizala: error: {path}:") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_tbx_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    n = 100_000
    path = write(tmp_path / "deep.tbx", '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
                 + "<a>" * n + "</a>" * n + "</body></text></tbx>")
    result = run("glossary", "import", str(path), "-g", str(tmp_path / "g.yaml"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "elements nested more than 256 deep" in result.stderr


def test_a_csv_cell_over_the_csv_limit_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "big.csv", "tr,en,note\nkitap,book," + "x" * 200_000 + "\n")
    result = run("glossary", "import", str(path), "-g", str(tmp_path / "g.yaml"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"{path}:2: cannot read the table: a cell is longer than 131,072" in result.stderr


# ---------------------------------------------------------------------------------------
# 8. swapped inputs
# ---------------------------------------------------------------------------------------

def _devset_pairs() -> list[Path]:
    folders = sorted((REPO / "seeds" / "news").iterdir())
    for up in (REPO.parent, REPO.parent.parent):
        for name in ("wmt16", "bible-ot"):
            root = Path(os.environ.get("HIZALA_DEVSET", up / "shared" / "devset")) / name
            if root.is_dir():
                folders += sorted(p for p in root.iterdir() if (p / "tr.txt").exists())
    return list(dict.fromkeys(folders))


def test_no_seed_or_devset_document_reads_as_swapped() -> None:
    from align.language_check import pair_problem

    folders = _devset_pairs()
    assert len(folders) >= 3
    for folder in folders:
        tr = (folder / "tr.txt").read_text(encoding="utf-8")
        en = (folder / "en.txt").read_text(encoding="utf-8")
        assert pair_problem(tr, en, "tr", "en") is None, folder
        assert pair_problem(en, tr, "en", "tr") is not None, folder  # and swapped, it would


SWAPS = [("swapped", "en", "tr", "reads as English"), ("same", "tr", "tr", "hold the same text")]


@pytest.mark.parametrize(("name", "first", "second", "message"), SWAPS,
                         ids=[s[0] for s in SWAPS])
@pytest.mark.parametrize("command", ["align", "new", "terms"])
def test_swapped_inputs_warn_once_and_fail_with_strict(
    tmp_path: Path, name: str, first: str, second: str, message: str, command: str
) -> None:
    pair(tmp_path, "tr")  # tr.tr.txt (Turkish) and tr.en.txt (English), 12 lines each
    texts = {"tr": tmp_path / "tr.tr.txt", "en": tmp_path / "tr.en.txt"}
    write(tmp_path / "g.yaml", GLOSSARY)
    extra = {"align": ["--encoder", "fake", "-o", str(tmp_path / "o")],
             "new": ["--encoder", "fake"], "terms": ["-g", str(tmp_path / "g.yaml")]}[command]
    target = [str(tmp_path / "p.hizala")] if command == "new" else []
    args = [command, *target, str(texts[first]), str(texts[second]), "--presegmented", *extra]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("hizala: warning: ")]
    assert len(warnings) == 1 and message in warnings[0] and warnings[0].endswith("swapped?")
    with contextlib.suppress(FileNotFoundError):
        (tmp_path / "p.hizala").unlink()
    strict = run(*args, "--strict")
    assert strict.exit_code == 2 and "swapped?" in strict.stderr
    assert not (tmp_path / "p.hizala").exists()


# ---------------------------------------------------------------------------------------
# 9. TMX: inline markup and dates survive import and export
# ---------------------------------------------------------------------------------------

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
        'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="tr" datatype="plaintext"/><body>\n')


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_import_tmx_keeps_inline_markup_and_dates(tmp_path: Path) -> None:
    tr = ('Metin <bpt i="1" x="a&amp;b">&lt;b&gt;</bpt>kalın<ept i="1">&lt;/b&gt;</ept> '
          '<ph>&lt;br/&gt;</ph><hi type="x">vurgu</hi>')
    en = 'Text <it pos="begin">&lt;i&gt;<sub>alt</sub></it>bold'
    write(tmp_path / "in.tmx", HEAD
          + f'<tu creationdate="20200102T030405Z" creationid="ali"><tuv xml:lang="tr"><seg>'
          f'{tr}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
          '<tu creationdate="20190101T000000Z" changedate="20210101T000000Z" changeid="veli">'
          '<tuv xml:lang="tr"><seg>Düz</seg></tuv><tuv xml:lang="en"><seg>Plain</seg></tuv>'
          "</tu>\n</body></tmx>\n")
    assert run("import-tmx", str(tmp_path / "in.tmx"), str(tmp_path / "p.hizala")
               ).exit_code == 0
    assert run("export", str(tmp_path / "p.hizala"), "--tmx", str(tmp_path / "out.tmx")
               ).exit_code == 0
    text = (tmp_path / "out.tmx").read_text(encoding="utf-8")
    assert f"<seg>{tr}</seg>" in text and f"<seg>{en}</seg>" in text
    assert 'creationdate="20200102T030405Z" creationid="ali"' in text
    assert 'creationdate="20190101T000000Z" changedate="20210101T000000Z"' in text
    units = list(read_tmx(tmp_path / "out.tmx"))
    assert [(u.tr, u.en) for u in units] == [("Metin kalın vurgu", "Text bold"), ("Düz", "Plain")]
    # an edited segment is written as its new text: the old codes no longer fit it
    with Project.open(tmp_path / "p.hizala") as p:
        p.edit_segment(p.beads()[0].tr[0].id, "Yeni metin")
    assert run("export", str(tmp_path / "p.hizala"), "--tmx", str(tmp_path / "out.tmx")
               ).exit_code == 0
    text = (tmp_path / "out.tmx").read_text(encoding="utf-8")
    assert "<seg>Yeni metin</seg>" in text and f"<seg>{en}</seg>" in text


_PLAIN = st.lists(
    st.one_of(
        st.sampled_from([*"aıiİIşğüöç &<>]\t\u2028'\"", "\u0301", "\u200d", "]]>", "😀", "𝔸",
                         "e\u0301", "👩\u200d💻"]),
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff",
                      max_codepoint=0x2FFFF),
    ),
    min_size=1, max_size=10,
).map("".join).filter(lambda t: t.strip() != "" and t == t.strip())


@st.composite
def _segment(draw: st.DrawFn) -> tuple[str, str]:
    """A ``<seg>`` content (XML) and its text: words and inline tags."""
    first = draw(_PLAIN)  # some text, so that the unit is kept
    xml: list[str] = [_esc(first)]
    text: list[str] = [first]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["text", "text", "ph", "pair", "hi", "it"]))
        if kind == "text":
            piece = draw(_PLAIN)
            xml.append(_esc(piece))
            text.append(piece)
        elif kind == "ph":
            xml.append(f'<ph x="{draw(st.integers(1, 9))}">{_esc(draw(_PLAIN))}</ph>')
        elif kind == "pair":
            i = draw(st.integers(1, 9))
            inner = draw(_PLAIN)
            xml.append(f'<bpt i="{i}">&lt;b&gt;</bpt>{_esc(inner)}<ept i="{i}">&lt;/b&gt;</ept>')
            text.append(inner)
        elif kind == "hi":
            inner = draw(_PLAIN)
            xml.append(f'<hi type="x-{draw(st.integers(1, 3))}">{_esc(inner)}</hi>')
            text.append(inner)
        else:
            xml.append(f'<it pos="begin">&lt;i&gt;<sub>{_esc(draw(_PLAIN))}</sub></it>')
    return "".join(xml), "".join(text)


@pytest.fixture(scope="module")
def fast_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder in memory where there is one (/dev/shm): 500 projects with fsyncs."""
    import shutil

    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path_factory.mktemp("tmx")
        return
    folder = shm / f"hizala-test-{uuid.uuid4().hex}"
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(units=st.lists(st.tuples(_segment(), _segment()), min_size=1, max_size=3),
       day=st.integers(1, 28))
def test_tmx_round_trip_keeps_text_markup_and_dates(
    fast_folder: Path, units: list[tuple[tuple[str, str], tuple[str, str]]], day: int
) -> None:
    from align.store.exports import ExportOptions
    from align.store.tmx_export import render_tmx
    from align.store.tmx_import import import_tmx

    folder = fast_folder / uuid.uuid4().hex
    folder.mkdir()
    body = "".join(
        f'<tu creationdate="202001{day:02d}T030405Z" creationid="ayşe"><tuv xml:lang="tr">'
        f"<seg>{tr[0]}</seg></tuv><tuv xml:lang=\"en\"><seg>{en[0]}</seg></tuv></tu>\n"
        for tr, en in units
    )
    write(folder / "in.tmx", HEAD + body + "</body></tmx>\n")
    first = list(read_tmx(folder / "in.tmx"))
    kept = [(tr, en) for tr, en in units if tr[1].strip() and en[1].strip()]
    assert [(u.tr, u.en) for u in first] == [(tr[1].strip(), en[1].strip()) for tr, en in kept]
    with Project.create(folder / "p.hizala", encoder="fake") as p:
        import_tmx(p, folder / "in.tmx")
        out, _report = render_tmx(p, ExportOptions(), now="20250101T000000Z")
    write(folder / "out.tmx", out)
    again = list(read_tmx(folder / "out.tmx"))
    assert [(u.tr, u.en, u.tr_markup, u.en_markup, u.created_at, u.created_by)
            for u in again] == [
        (u.tr, u.en, u.tr_markup, u.en_markup, u.created_at, u.created_by) for u in first
    ]


# ---------------------------------------------------------------------------------------
# 10. the smaller ones
# ---------------------------------------------------------------------------------------

def test_a_vertical_tab_is_a_space_and_warned_once(tmp_path: Path) -> None:
    write(tmp_path / "t.txt", "Bir\x0biki üç.\nDört beş.\n")
    write(tmp_path / "e.txt", "One two three.\nFour five.\n")
    result = run("new", str(tmp_path / "p.hizala"), str(tmp_path / "t.txt"),
                 str(tmp_path / "e.txt"), "--presegmented", "--encoder", "fake")
    assert result.exit_code == 0
    assert result.stderr.count("hizala: warning: ") == 1 and "1 vertical tab" in result.stderr
    exported = run("export", str(tmp_path / "p.hizala"), "--tmx", "-")
    assert "<seg>Bir iki üç.</seg>" in exported.stdout
    assert "warning" not in exported.stderr


def test_add_notices_a_damaged_page(tmp_path: Path) -> None:
    lines = [f"Cümle {i} ışık ılık güzel bir gün." for i in range(300)]
    write(tmp_path / "a.tr.txt", "\n".join(lines) + "\n")
    write(tmp_path / "a.en.txt", "\n".join(f"Sentence {i} is a nice day." for i in range(300)))
    tr, en = pair(tmp_path, "b")
    project = tmp_path / "p.hizala"
    assert run("new", str(project), str(tmp_path / "a.tr.txt"), str(tmp_path / "a.en.txt"),
               "--presegmented", "--encoder", "fake").exit_code == 0
    conn = sqlite3.connect(project)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = conn.execute("SELECT pageno FROM dbstat WHERE name = 'files' "
                        "AND pagetype = 'overflow' ORDER BY pageno LIMIT 1 OFFSET 1").fetchone()[0]
    conn.close()
    with open(project, "r+b") as f:  # one page of a document's text, garbled
        f.seek((page - 1) * size)
        f.write(b"\xa5" * size)
    damaged = project.read_bytes()
    result = run("add", str(project), str(tr), str(en), "--presegmented")
    assert result.exit_code == 2 and "the project file is damaged" in result.stderr
    assert "nothing was added" in result.stderr
    assert project.read_bytes() == damaged


def test_a_non_tmx_root_is_said_plainly(tmp_path: Path) -> None:
    path = write(tmp_path / "x.tmx", '<?xml version="1.0"?><html><body>x</body></html>')
    result = run("import-tmx", str(path), str(tmp_path / "p.hizala"))
    assert result.exit_code == 2
    assert "the root element is <html>, not <tmx>: is this a TMX file?" in result.stderr
    assert "DTD" not in result.stderr and "entit" not in result.stderr


def test_new_in_a_read_only_folder_names_the_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tr, en = pair(tmp_path, "a")
    folder = tmp_path / "ro"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs",
                              str(folder)], capture_output=True, check=False).returncode == 0
    if not mounted:  # no mounting here: make every new file in that folder fail
        real_open = os.open

        def refusing(path: str, flags: int, *args: int) -> int:
            if os.path.dirname(os.path.abspath(path)) == str(folder) and flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied", path)
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", refusing)
    try:
        result = run("new", str(folder / "p.hizala"), str(tr), str(en), "--presegmented",
                     "--encoder", "fake")
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"hizala: error: {folder / 'p.hizala'}: cannot create the "
                                    f"project: the folder {folder} is not writable")
    assert ".partial" not in result.stderr


def test_resource_limits_are_restored() -> None:
    """The file-size limit above is set in children only; this process is unlimited."""
    assert resource.getrlimit(resource.RLIMIT_FSIZE)[0] == resource.RLIM_INFINITY


@pytest.mark.parametrize(
    ("tr", "en", "same"),
    [
        ("İstanbul’da ılık bir gün.\nŞöyle dedi.", "İstanbul’da  ılık bir gün. Şöyle\r\ndedi.", True),
        ("İstanbul’da ılık\u00a0bir gün.", "İstanbul’da ılık bir gün.", True),
        ("İstanbul’da ılık bir gün.", "İstanbul’da ılık bir gün. Ek.", False),
        ("İstanbul’da ılık bir gün.", "It was a warm day in Istanbul.", False),
    ],
    ids=["whitespace-only", "no-break-space", "longer", "translation"],
)
def test_the_same_text_is_told_apart_from_whitespace(tr: str, en: str, same: bool) -> None:
    from align.language_check import pair_problem

    problem = pair_problem(tr, en, "a.txt", "b.txt")
    assert (problem is not None and "hold the same text" in problem) is same
