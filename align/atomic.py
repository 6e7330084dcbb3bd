"""Writing an output file so that a crash leaves the old file or the new one, never half.

Every file hizala writes (``-o`` outputs, exports, the glossary) goes through
:func:`write_atomic`, which treats what is at the path as the user meant it:

* a regular file (or nothing yet): the text goes to a temporary file in the
  same folder, is flushed to disk (``fsync``), gets the old file's mode and
  owner (or what the umask gives a new file), and is renamed over the path;
  the folder is then flushed too, so the rename itself survives a power cut;
* a symbolic link: the same is done to the file it points to, so the link
  stays a link (replacing it would leave the real file unchanged);
* anything else that exists (a character or block device such as
  ``/dev/null``, a FIFO, a socket): written in place. Renaming onto it would
  replace a device node with a plain file for the whole machine, or leave a
  FIFO's reader waiting forever.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from contextlib import suppress
from os import PathLike, fspath

from .errors import EXIT_ENVIRONMENT, HizalaError

__all__ = ["sync_folder", "write_atomic"]


def write_atomic(
    path: str | PathLike[str], data: str | bytes, *, error: type[HizalaError] = HizalaError
) -> None:
    """Write ``data`` (text is written as UTF-8 with ``\\n`` line ends) to ``path``.

    Raises ``error`` (a :class:`HizalaError` subclass, naming the path) when
    the folder does not exist or the file cannot be written; nothing is left
    behind then, and a regular file keeps its old content.
    """
    name = fspath(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = os.path.realpath(name) if os.path.islink(name) else name
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise error(f"cannot write: {exc.strerror or exc}", path=name,
                    exit_code=EXIT_ENVIRONMENT) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise error("is a folder; give a file to write", path=name)
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(target, payload, name, error)
    else:
        _replace(target, payload, name, error)


def _write_in_place(target: str, payload: bytes, name: str, error: type[HizalaError]) -> None:
    """Write into a device, FIFO or socket as it is (opening a FIFO waits for its reader)."""
    try:
        with open(target, "wb") as f:
            f.write(payload)
            f.flush()
    except OSError as exc:
        raise error(f"cannot write: {exc.strerror or exc}", path=name,
                    exit_code=EXIT_ENVIRONMENT) from None


def _replace(target: str, payload: bytes, name: str, error: type[HizalaError]) -> None:
    directory = os.path.dirname(target) or "."
    base = os.path.basename(target)
    try:
        _sweep_stale(directory, base)
        fd, tmp = tempfile.mkstemp(prefix=f".{base}.{os.getpid()}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise error(f"the folder {directory} does not exist", path=name) from None
    except OSError as exc:
        raise error(f"cannot write here: {exc.strerror or exc}", path=name,
                    exit_code=EXIT_ENVIRONMENT) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        _take_over_metadata(tmp, target)
        os.replace(tmp, target)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise error(f"cannot write: {exc.strerror or exc}", path=name,
                    exit_code=EXIT_ENVIRONMENT) from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(directory)


STALE_AFTER_SECONDS = 600.0
"""A temporary file left by a killed writer is removed by the next write to the same path once
it has not changed for this long (a live writer streaming a long output touches it often)."""


def _sweep_stale(directory: str, base: str) -> None:
    """Remove temporary files that an earlier write of ``base`` left behind when its process
    was killed (``kill -9`` or a power cut cannot run cleanup). The writer's process id is in
    the name: a file is removed only when that process is gone and the file is old, so a
    concurrent writer's file (even on another machine sharing the folder) is never touched."""
    prefix = f".{base}."
    try:
        names = [n for n in os.listdir(directory) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    now = time.time()
    for entry in names:
        pid_text = entry[len(prefix) :].split(".", 1)[0]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        path = os.path.join(directory, entry)
        with suppress(OSError):
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_AFTER_SECONDS:
                os.unlink(path)


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process id we wrote: leave the file alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def _take_over_metadata(tmp: str, target: str) -> None:
    """Give the temporary file the mode and owner of the file it replaces (mkstemp makes
    it private, 0600, and owned by us), or the mode a plain write would give a new file."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        return
    if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(tmp):
        # Only root (or the owner, for a group it belongs to) may do this; otherwise the
        # new file is ours, as it would be with any editor that writes by renaming.
        with suppress(PermissionError):
            os.chown(tmp, st.st_uid, st.st_gid)
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid


def sync_folder(directory: str) -> None:
    """Flush the folder's entry for the renamed file (POSIX; not possible on Windows)."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    # The file is in place already: a folder that cannot be flushed (some network file
    # systems refuse it) is no reason to report the write as failed.
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
