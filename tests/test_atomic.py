"""One atomic write for every output: regular files replaced whole, links followed,
devices and FIFOs written in place (never replaced by a rename)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from align import atomic
from align.atomic import write_atomic
from align.errors import GlossaryError, HizalaError

TEXT = "İzmir’de ılık bir gün: şöyle, çağ, göç, ü\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [(TEXT, TEXT.encode("utf-8")), (b"\xef\xbb\xbfbytes as given\r\n", b"\xef\xbb\xbfbytes as given\r\n")],
    ids=["text", "bytes"],
)
def test_a_new_file_gets_the_data_and_the_umask_mode(tmp_path: Path, data: str | bytes,
                                                      expected: bytes) -> None:
    out = tmp_path / "out.txt"
    write_atomic(out, data)
    assert out.read_bytes() == expected
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    assert _leftovers(tmp_path) == []


def test_a_regular_file_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    inode = out.stat().st_ino
    write_atomic(out, TEXT)
    assert out.read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.stat().st_ino != inode  # a new file renamed into place, not rewritten
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another owner needs root")
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    os.chown(out, 4321, 4322)
    write_atomic(out, TEXT)
    assert (out.stat().st_uid, out.stat().st_gid) == (4321, 4322)


def test_a_symlink_stays_a_link_and_its_target_gets_the_data(tmp_path: Path) -> None:
    real = tmp_path / "real" / "glossary.yaml"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(os.path.relpath(real, tmp_path))
    write_atomic(link, TEXT)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "later.txt")
    write_atomic(link, TEXT)
    assert link.is_symlink() and (tmp_path / "later.txt").read_text(encoding="utf-8") == TEXT


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_feeds_its_reader_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, TEXT)
    reader.join(timeout=10)
    assert not reader.is_alive()
    assert got == [TEXT.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_a_link_to_a_fifo_writes_into_the_fifo(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out"
    link.symlink_to(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(link, "x")
    reader.join(timeout=10)
    assert got == [b"x"] and link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def _null_device(folder: Path) -> Path | None:
    """A character device like /dev/null (major 1, minor 3) made in ``folder``, if allowed."""
    node = folder / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (AttributeError, PermissionError, OSError):
        return None
    return node


def test_a_device_node_is_written_in_place_and_stays_a_device(tmp_path: Path) -> None:
    node = _null_device(tmp_path)
    if node is None:
        pytest.skip("making a device node needs root (the simulated test below still runs)")
    write_atomic(node, TEXT)
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert _leftovers(tmp_path) == []


def test_what_is_not_a_regular_file_is_never_renamed_onto(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: any path whose mode says 'character device' is opened and written, never
    replaced (os.replace must not be called)."""
    out = tmp_path / "device"
    out.write_text("", encoding="utf-8")
    real_stat = os.stat

    class _DeviceStat:
        def __init__(self, st: os.stat_result) -> None:
            self._st = st
            self.st_mode = stat.S_IFCHR | 0o666

        def __getattr__(self, name: str) -> object:
            return getattr(self._st, name)

    def fake_stat(path: object, *args: object, **kwargs: object) -> object:
        st = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        return _DeviceStat(st) if os.fspath(path) == str(out) else st  # type: ignore[arg-type]

    def no_replace(*_args: object) -> None:
        raise AssertionError("renamed onto a device")

    monkeypatch.setattr(atomic.os, "stat", fake_stat)
    monkeypatch.setattr(atomic.os, "replace", no_replace)
    write_atomic(out, TEXT)
    assert out.read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda d: d / "missing" / "out.txt", HizalaError, "does not exist"),
        (lambda d: d, HizalaError, "is a folder"),
        (lambda d: d / "missing" / "g.yaml", GlossaryError, "does not exist"),
    ],
    ids=["missing-folder", "folder", "glossary-error"],
)
def test_errors_name_the_path_and_leave_nothing(tmp_path: Path, make: object,
                                                error: type[HizalaError], message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(error, match=message) as caught:
        write_atomic(path, TEXT, error=error)
    assert caught.value.path == str(path)
    assert _leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(HizalaError, match="No space left"):
        write_atomic(out, TEXT)
    assert out.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


# -- through the commands: every -o and the glossary use the same helper ------------------

DATA = Path(__file__).parent / "data" / "glossary"


def _run(*args: object) -> tuple[int, str]:
    from click.testing import CliRunner

    from align.cli.main import cli

    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_glossary_add_through_a_symlink_changes_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes((DATA / "pair.glossary.yaml").read_bytes())
    link = tmp_path / "l.yaml"
    link.symlink_to(real.name)
    code, err = _run("glossary", "add", "-g", link, "köpek", "dog")
    assert code == 0, err
    assert link.is_symlink()
    assert "köpek" in real.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_segment_output_to_a_fifo_feeds_the_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    code, err = _run("segment", DATA / "pair.tr.txt", "--lang", "tr", "-o", fifo)
    reader.join(timeout=10)
    assert code == 0, err
    assert got and got[0].strip()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def _dead_pid() -> int:
    """A process id that was ours a moment ago and is gone now."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_a_killed_writers_old_temporary_file_is_swept_by_the_next_write(tmp_path: Path) -> None:
    """`kill -9` during a write leaves `.out.tsv.<pid>.….tmp`; the next write to the same path
    removes it once it is old and its writer is gone, and nothing else."""
    target = tmp_path / "çıktı.tsv"
    dead = tmp_path / f".çıktı.tsv.{_dead_pid()}.abc123.tmp"
    fresh_dead = tmp_path / f".çıktı.tsv.{_dead_pid()}.def456.tmp"
    alive = tmp_path / f".çıktı.tsv.{os.getpid()}.ghi789.tmp"
    other = tmp_path / ".başka.tsv.1.jkl000.tmp"
    old = 2 * atomic.STALE_AFTER_SECONDS
    for path in (dead, fresh_dead, alive, other):
        path.write_text("yarım")
    for path in (dead, alive, other):
        stamp = path.stat().st_mtime - old
        os.utime(path, (stamp, stamp))
    write_atomic(target, "İstanbul’da\n")
    assert target.read_text() == "İstanbul’da\n"
    assert not dead.exists()
    assert fresh_dead.exists(), "a recent file may belong to a writer on another machine"
    assert alive.exists(), "a live writer's file is never touched"
    assert other.exists(), "another output's files are not ours"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (target, fresh_dead, alive, other)
    )


def test_one_sweep_for_many_outputs_lists_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch sweeps its outputs' leftovers once (``older_than=0``: it is their only
    writer), then writes without a listing per file."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    outs = [tmp_path / "a" / "İzmir.v1.beads", tmp_path / "a" / "şiir.tsv",
            tmp_path / "b" / "çay.json"]
    dead, alive = _dead_pid(), os.getpid()
    gone = [o.with_name(f".{o.name}.{dead}.x_1y2z.tmp") for o in outs]
    kept = [outs[0].with_name(f".{outs[0].name}.{alive}.abc.tmp"),  # a live writer's
            tmp_path / "a" / f".başka.tsv.{dead}.abc.tmp",  # not one of the outputs
            tmp_path / "a" / ".şiir.tsv.notapid.abc.tmp"]
    for path in (*gone, *kept):
        path.write_text("yarım")
    listed: list[str] = []
    real_listdir = os.listdir
    monkeypatch.setattr(atomic.os, "listdir", lambda d: listed.append(d) or real_listdir(d))
    assert atomic.sweep_leftovers(outs, older_than=0) == 3
    assert sorted(listed) == sorted({str(tmp_path / "a"), str(tmp_path / "b")})
    assert not any(p.exists() for p in gone) and all(p.exists() for p in kept)
    listed.clear()
    write_atomic(outs[1], "Merhaba\n", sweep=False)
    assert listed == [] and outs[1].read_text() == "Merhaba\n"
