"""One writer per project: an OS lock on a side file, released by the OS on any exit.

The lock is ``flock`` (``msvcrt.locking`` on Windows) on ``PROJECT-lock``.
The kernel drops it when the holder exits for whatever reason, SIGKILL and
power loss included, so a crash never leaves a lock that blocks forever;
the file's content (pid, host, time) only serves the refusal message.

Releasing deletes the file before unlocking it. A process that opened the
old file just before it was deleted would then hold a lock on a file no one
else can see, so after locking, the holder checks that the path still names
the file it locked, and starts over if not.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time

from ..errors import StoreError

__all__ = ["WriterLock"]

_RETRIES = 20


class WriterLock:
    """An exclusive, non-blocking lock that says who holds it when refused."""

    def __init__(self, project_path: str) -> None:
        self.project_path = project_path
        self.path = project_path + "-lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreError` naming the holder."""
        if self._fd is not None:
            return
        for _ in range(_RETRIES):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the lock file {self.path}: {exc.strerror or exc}; the "
                    "project's folder must be writable to change the project",
                    path=self.project_path,
                ) from None
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise StoreError(
                    f"is already open for changes{holder}; close it there first (only one "
                    "hizala may change a project at a time; `hizala status` and `hizala export` "
                    "still work)",
                    path=self.project_path,
                )
            if _same_file(fd, self.path):
                self._fd = fd
                _write_holder(fd)
                return
            os.close(fd)  # the file was replaced under us: start over
        raise StoreError(
            "cannot lock the project: its lock file keeps changing", path=self.project_path
        )

    def release(self) -> None:
        """Give the lock up (and remove the lock file)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # already gone or not removable: the unlock below is what matters
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        _unlock(fd)
        os.close(fd)


def _same_file(fd: int, path: str) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _write_holder(fd: int) -> None:
    text = f"{os.getpid()} {socket.gethostname()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode("utf-8"))
    except OSError:
        pass  # informational only


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 200)
    except OSError:
        return ""
    parts = raw.decode("utf-8", "replace").split(maxsplit=2)
    if len(parts) < 3 or not parts[0].isdigit():
        return ""
    pid, host, since = parts[0], parts[1], parts[2].strip()
    return f" by process {pid} on {host} since {since}"


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            raise StoreError(f"cannot lock the project: {exc.strerror or exc}") from None
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
