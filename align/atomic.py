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
from collections.abc import Iterable, Iterator
from contextlib import suppress
from os import PathLike, fspath

from .errors import EXIT_ENVIRONMENT, HizalaError

__all__ = ["STALE_AFTER_SECONDS", "sweep_leftovers", "sync_folder", "write_atomic"]


def write_atomic(
    path: str | PathLike[str],
    data: str | bytes | Iterable[str | bytes],
    *,
    error: type[HizalaError] = HizalaError,
    sweep: bool = True,
) -> None:
    """Write ``data`` (text is written as UTF-8 with ``\\n`` line ends) to ``path``.

    ``data`` may also be an iterable of chunks, written as they come (a long
    alignment streamed to disk window by window): the file appears only once
    the last chunk is written, and an exception raised by the iterable leaves
    the old file as it was, like any other failure.

    Raises ``error`` (a :class:`HizalaError` subclass, naming the path) when
    the folder does not exist or the file cannot be written; nothing is left
    behind then, and a regular file keeps its old content.

    With ``sweep`` the temporary files a killed writer left for ``path`` are removed
    first (:func:`sweep_leftovers`), which lists the folder. A batch writing thousands
    of outputs into one folder sweeps them all once beforehand and passes False: a
    listing per write would cost more than the writes.
    """
    name = fspath(path)
    payload = _chunks(data)
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
        _replace(target, payload, name, error, sweep=sweep)


def _chunks(data: str | bytes | Iterable[str | bytes]) -> Iterator[bytes]:
    if isinstance(data, str | bytes):
        data = (data,)
    for chunk in data:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def _write_in_place(
    target: str, payload: Iterator[bytes], name: str, error: type[HizalaError]
) -> None:
    """Write into a device, FIFO or socket as it is (opening a FIFO waits for its reader)."""
    try:
        with open(target, "wb") as f:
            for chunk in payload:
                f.write(chunk)
            f.flush()
    except OSError as exc:
        raise error(f"cannot write: {exc.strerror or exc}", path=name,
                    exit_code=EXIT_ENVIRONMENT) from None


def _replace(target: str, payload: Iterator[bytes], name: str, error: type[HizalaError], *,
             sweep: bool) -> None:
    directory = os.path.dirname(target) or "."
    base = os.path.basename(target)
    try:
        if sweep:
            sweep_leftovers([target])
        fd, tmp = tempfile.mkstemp(prefix=f".{base}.{os.getpid()}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise error(f"the folder {directory} does not exist", path=name) from None
    except OSError as exc:
        raise error(f"cannot write here: {exc.strerror or exc}", path=name,
                    exit_code=EXIT_ENVIRONMENT) from None
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in payload:
                f.write(chunk)
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


def sweep_leftovers(paths: Iterable[str | PathLike[str]], *,
                    older_than: float = STALE_AFTER_SECONDS) -> int:
    """Remove the temporary files that earlier writes of ``paths`` left behind when their
    process was killed (``kill -9`` or a power cut cannot run cleanup); how many.

    Each folder is listed once. The writer's process id is in the name
    (``.NAME.PID.RANDOM.tmp``): a file is removed only when that process is gone and the
    file has not changed for ``older_than`` seconds, so a live writer's file is never
    touched, nor by default a recent one (it may be a writer's on another machine sharing
    the folder)."""
    wanted: dict[str, set[str]] = {}
    for path in paths:
        name = fspath(path)
        target = os.path.realpath(name) if os.path.islink(name) else name
        wanted.setdefault(os.path.dirname(target) or ".", set()).add(os.path.basename(target))
    now = time.time()
    removed = 0
    for directory, bases in wanted.items():
        try:
            entries = os.listdir(directory)
        except OSError:
            continue
        for entry in entries:
            if not (entry.startswith(".") and entry.endswith(".tmp")):
                continue
            base, pid, _random = [*entry[1:-4].rsplit(".", 2), "", ""][:3]
            if base not in bases or not pid.isdigit() or _process_alive(int(pid)):
                continue
            path = os.path.join(directory, entry)
            with suppress(OSError):
                st = os.lstat(path)
                if stat.S_ISREG(st.st_mode) and now - st.st_mtime > older_than:
                    os.unlink(path)
                    removed += 1
    return removed


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
