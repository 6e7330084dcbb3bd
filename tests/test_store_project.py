"""Project files: opening, refusing bad files, one writer, migrations, read-only, full disk."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from store_fixtures import EN, SIGNATURE, TR, document, make_project, snapshot

from align.errors import StoreError
from align.store import Project, build_project, document_name
from align.store import base as store_base
from align.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, check_and_migrate
from align.types import Bead

REPO = Path(__file__).resolve().parents[1]


def _child(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )


# -- bad files ------------------------------------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("Bu bir proje değil; düz metin.\n", encoding="utf-8")


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


def _empty_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("VACUUM")
    conn.close()
    if path.stat().st_size == 0:  # sqlite writes nothing for an untouched database
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA application_id = 7")
        conn.commit()
        conn.close()


def _newer(path: Path) -> None:
    make_project(path.parent, name=path.name).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _corrupt(path: Path) -> None:
    make_project(path.parent, name=path.name).close()
    data = bytearray(path.read_bytes())
    data[100:] = b"\xa5" * (len(data) - 100)  # keep the header, destroy every page
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    make_project(path.parent, name=path.name, tr=TR * 40, en=EN * 40).close()
    with open(path, "r+b") as f:
        f.truncate(4096 * 3)


def _garbled_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(200, 256)) * 80)


BAD_FILES: list[tuple[str, Callable[[Path], None], str]] = [
    ("text", _text_file, r"not a hizala project \(not an SQLite database\)"),
    ("binary", _binary, r"not a hizala project \(not an SQLite database\)"),
    ("empty-file", _empty, "is an empty file, not a hizala project"),
    ("other-sqlite", _other_sqlite, "is an SQLite database but not a hizala project"),
    ("empty-sqlite", _empty_sqlite, "not a hizala project"),
    ("newer-schema", _newer, "written by a newer hizala .* upgrade hizala"),
    ("corrupt", _corrupt, "damaged; restore it from a backup"),
    ("truncated", _truncated, "damaged"),
    ("garbled-header", _garbled_header, "not a hizala project|damaged"),
]


@pytest.mark.parametrize("readonly", [False, True], ids=["writer", "reader"])
@pytest.mark.parametrize(("name", "make", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_project_files_are_refused_clearly(
    tmp_path: Path, name: str, make: Callable[[Path], None], message: str, readonly: bool
) -> None:
    path = tmp_path / "bad.hizala"
    make(path)
    original = path.read_bytes()
    with pytest.raises(StoreError, match=message) as info, Project.open(
        path, readonly=readonly
    ) as p:
        p.summary()
        p.beads()
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)
    assert path.read_bytes() == original  # refused, never "repaired" or overwritten
    assert not Path(str(path) + "-lock").exists()  # and the lock is released


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such project; create one with `hizala new"):
        Project.open(tmp_path / "nope.hizala")
    with pytest.raises(StoreError, match="is a folder"):
        Project.open(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Project.create(tmp_path / "no" / "such" / "p.hizala")


def test_create_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "p.hizala").write_text("precious", encoding="utf-8")
    with pytest.raises(StoreError, match="already exists"):
        make_project(tmp_path)
    with pytest.raises(StoreError, match="already exists"):
        build_project(tmp_path / "p.hizala", lambda p: None)
    assert (tmp_path / "p.hizala").read_text(encoding="utf-8") == "precious"


def test_build_project_leaves_nothing_on_failure(tmp_path: Path) -> None:
    def fill(p: Project) -> None:
        p.add_document(document(TR, "tr", "a"), document(EN, "en", "b"),
                       [Bead((0,), (0,))], signature=SIGNATURE)

    with pytest.raises(Exception, match="cover"):
        build_project(tmp_path / "p.hizala", fill)
    assert list(tmp_path.iterdir()) == []


def test_duplicate_document_and_unique_names(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        with pytest.raises(StoreError, match="already in the project as document 'haber'"):
            p.add_document(document(TR, "tr", str(tmp_path / "haber.tr.txt")),
                           document(EN, "en", str(tmp_path / "haber.en.txt")),
                           [Bead((i,), (i,)) for i in range(6)], signature=SIGNATURE)
        p.add_document(document(TR[:2], "tr", str(tmp_path / "haber.tr.txt")),
                       document(EN[:2], "en", str(tmp_path / "haber.en.txt")),
                       [Bead((0,), (0,)), Bead((1,), (1,))], signature=SIGNATURE)
        assert [d.name for d in p.documents()] == ["haber", "haber-2"]
        assert p.bead_count() == 8 and p.bead_count(p.documents()[1].id) == 2


@pytest.mark.parametrize(
    ("tr", "en", "name"),
    [
        ("haber.tr.txt", "haber.en.txt", "haber"),
        ("/x/000_c000/tr.txt", "/x/000_c000/en.txt", "000_c000"),
        ("Gözaltı_Haberi-TR.txt", None, "Gözaltı_Haberi"),
        ("kitap.md", None, "kitap"),
        ("rapor.v2.tur.txt", None, "rapor.v2"),
        ("-", "en.txt", "document"),
    ],
    ids=["suffix", "folder", "dash-suffix", "md", "dotted", "stdin"],
)
def test_document_names(tr: str, en: str | None, name: str) -> None:
    assert document_name(tr, en) == name


# -- one writer -------------------------------------------------------------------------


def test_second_writer_refused_readers_welcome(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        with pytest.raises(StoreError, match=rf"already open for changes by process {os.getpid()}"):
            Project.open(tmp_path / "p.hizala")
        with Project.open(tmp_path / "p.hizala", readonly=True) as reader:
            p.confirm(p.beads()[0].id)
            assert reader.summary().confirmed == 1  # sees committed work at once
            with pytest.raises(StoreError, match="opened read-only"):
                reader.confirm(reader.beads()[1].id)
    with Project.open(tmp_path / "p.hizala") as again:  # closed: free again
        assert again.summary().confirmed == 1
    assert not (tmp_path / "p.hizala-lock").exists()


def test_second_writer_in_another_process_is_refused(tmp_path: Path) -> None:
    code = """
        import sys
        from align.errors import StoreError
        from align.store import Project
        try:
            Project.open(sys.argv[1])
        except StoreError as e:
            print(e)
        else:
            print("opened")
    """
    with make_project(tmp_path):
        out = _child(code, str(tmp_path / "p.hizala")).stdout
    assert "is already open for changes by process" in out and "close it there first" in out
    assert _child(code, str(tmp_path / "p.hizala")).stdout.strip() == "opened"


def test_stale_lock_file_does_not_block(tmp_path: Path) -> None:
    make_project(tmp_path).close()
    (tmp_path / "p.hizala-lock").write_text("99999 elsewhere 2020-01-01 00:00:00\n")
    with Project.open(tmp_path / "p.hizala") as p:
        assert p.bead_count() == 6


# -- migrations ---------------------------------------------------------------------------


def test_migration_runs_once_and_keeps_data(tmp_path: Path) -> None:
    make_project(tmp_path).close()
    nxt = ("CREATE TABLE reviewers (name TEXT)", "INSERT INTO reviewers VALUES ('ayşe')")
    conn = store_base.connect(str(tmp_path / "p.hizala"), "rw")
    up = len(MIGRATIONS) + 1
    assert check_and_migrate(conn, "p", writable=True, migrations=(*MIGRATIONS, nxt)) == up
    assert conn.execute("PRAGMA user_version").fetchone()[0] == up
    assert conn.execute("SELECT count(*) FROM beads").fetchone()[0] == 6
    assert check_and_migrate(conn, "p", writable=True, migrations=(*MIGRATIONS, nxt)) == up
    assert conn.execute("SELECT count(*) FROM reviewers").fetchone()[0] == 1
    conn.close()


def test_old_schema_read_only_is_explained(tmp_path: Path) -> None:
    make_project(tmp_path).close()
    conn = store_base.connect(str(tmp_path / "p.hizala"), "read")
    with pytest.raises(StoreError, match=f"needs upgrading to {len(MIGRATIONS) + 1}"):
        check_and_migrate(conn, "p", writable=False, migrations=(*MIGRATIONS, ("SELECT 1",)))
    conn.close()


def test_file_is_marked_as_hizala(tmp_path: Path) -> None:
    make_project(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "p.hizala")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


# -- read-only and full disk ----------------------------------------------------------


def test_full_disk_gives_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    with make_project(tmp_path) as p:
        b = p.beads()
        p.confirm(b[0].id)
        before = snapshot(p)
        conn = p._connection()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
        with pytest.raises(StoreError, match="disk is full: the last change was not saved"):
            p.edit_segment(b[1].en[0].id, "çok uzun " * 20_000)
        assert snapshot(p) == before
        assert p.summary().undo_depth == 1
    with Project.open(tmp_path / "p.hizala") as p:  # space is back: all is well
        assert p._connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert snapshot(p) == before
        assert p.edit_segment(b[1].en[0].id, "çok uzun " * 20_000) is not None


def test_read_only_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite opens a write-protected file read-only; forcing mode=ro is the same thing."""
    make_project(tmp_path).close()
    before = (tmp_path / "p.hizala").read_bytes()
    real_open = store_base._open
    monkeypatch.setattr(store_base, "_open", lambda uri, q: real_open(uri, q.replace("rw", "ro")))
    with pytest.raises(StoreError, match="read-only: nothing can be saved"):
        Project.open(tmp_path / "p.hizala")
    with Project.open(tmp_path / "p.hizala", readonly=True) as p:
        assert p.summary().beads == 6
    assert (tmp_path / "p.hizala").read_bytes() == before


_RO_CHILD = """
    import sys
    from align.errors import StoreError
    from align.store import Project
    path = sys.argv[1]
    try:
        Project.open(path)
    except StoreError as e:
        print("writer:", e)
    with Project.open(path, readonly=True) as p:
        print("reader:", p.summary().beads, "beads")
"""


def test_read_only_folder_for_real(tmp_path: Path) -> None:
    """A read-only file system (as root: a read-only tmpfs in a private mount
    namespace; otherwise: permission bits)."""
    make_project(tmp_path).close()
    project = tmp_path / "p.hizala"
    if os.geteuid() != 0:
        project.chmod(0o444)
        tmp_path.chmod(0o555)
        try:
            out = _child(_RO_CHILD, str(project)).stdout
        finally:
            tmp_path.chmod(0o755)
    else:
        unshare = shutil.which("unshare")
        if unshare is None:
            pytest.skip("running as root without unshare(1): no way to make a read-only folder")
        ro = tmp_path / "ro"
        ro.mkdir()
        script = (
            f"mount -t tmpfs -o size=8m none {ro} && cp {project} {ro}/ && "
            f"mount -o remount,ro {ro} && {sys.executable} -c '{textwrap.dedent(_RO_CHILD)}' "
            f"{ro}/p.hizala"
        )
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        proc = subprocess.run([unshare, "-m", "sh", "-c", script], capture_output=True,
                              text=True, env=env, check=False, timeout=60)
        if "mount" in proc.stderr and proc.returncode != 0:
            pytest.skip(f"cannot mount a read-only tmpfs here: {proc.stderr.strip()[:100]}")
        out = proc.stdout
    assert "writer:" in out and ("read-only" in out or "must be writable" in out), out
    assert "reader: 6 beads" in out, out


@pytest.mark.parametrize("how", ["replaced", "deleted", "moved"])
def test_project_file_changed_on_disk_while_open(tmp_path: Path, how: str) -> None:
    other = tmp_path / "other"
    other.mkdir()
    make_project(other).close()
    with make_project(tmp_path) as p:
        b = p.beads()
        p.confirm(b[0].id)
        path = tmp_path / "p.hizala"
        if how == "replaced":
            os.replace(other / "p.hizala", path)
        elif how == "deleted":
            path.unlink()
        else:
            path.rename(tmp_path / "elsewhere.hizala")
        with pytest.raises(StoreError, match="moved, deleted or replaced on disk while it"):
            p.confirm(b[1].id)
        assert p.beads()[0].status == "confirmed"  # reading what it had still works
