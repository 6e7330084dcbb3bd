"""Advisory locks on a file beside the one they protect, released by the OS on any exit.

:class:`SideLock` is ``flock`` (``msvcrt.locking`` on Windows) on a small lock
file (``glossary.yaml.lock``, ``haber.hizala-lock``). The kernel drops the
lock when its holder exits for whatever reason, SIGKILL and power loss
included, so a crash never leaves a lock that blocks forever; the file's
content (pid, host, time) only serves the message of a refusal.

Releasing deletes the lock file before unlocking it. A process that opened
the old file just before it was deleted would then hold a lock on a file no
one else can see, so after locking, the holder checks that the path still
names the file it locked, and starts over if not.

Taking a lock either fails at once (:meth:`SideLock.acquire` with no
``wait``), naming the holder, or waits up to ``wait`` seconds for it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from collections.abc import Callable

from .errors import HizalaError

__all__ = ["Busy", "SideLock", "holder_text", "try_lock"]

_RETRIES = 20
_POLL = 0.01  # seconds between tries while waiting; doubled up to _MAX_POLL
_MAX_POLL = 0.1


class Busy(Exception):
    """The lock is held by someone else; ``holder`` says who (may be empty)."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


class SideLock:
    """An exclusive lock on the file ``path`` (created if missing, deleted on release)."""

    def __init__(self, path: str, *, error: Callable[[str], HizalaError]) -> None:
        self.path = path
        """The lock file."""
        self._error = error
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait`` seconds for its holder to let go; raise
        :class:`Busy` (with who holds it) if it is still held then, or the ``error`` of
        the constructor if the lock file cannot be made."""
        if self._fd is not None:
            return
        deadline = time.monotonic() + wait
        pause = _POLL
        while True:
            try:
                self._try_acquire()
                return
            except Busy:
                if time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(2 * pause, _MAX_POLL)

    def _try_acquire(self) -> None:
        for _ in range(_RETRIES):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise self._error(
                    f"cannot create the lock file {self.path}: {exc.strerror or exc}"
                ) from None
            if not try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise Busy(holder)
            if _same_file(fd, self.path):
                self._fd = fd
                _write_holder(fd)
                return
            os.close(fd)  # the file was replaced under us: start over
        raise self._error(f"cannot lock {self.path}: the lock file keeps changing")

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

    def __enter__(self) -> SideLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def holder_text(pid: int, host: str, since: str) -> str:
    """`` by process N on HOST since TIME`` for a refusal message."""
    return f" by process {pid} on {host} since {since}"


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
    return holder_text(int(parts[0]), parts[1], parts[2].strip())


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Lock ``fd`` exclusively if no one else holds it; False if someone does."""
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

    def try_lock(fd: int) -> bool:
        """Lock ``fd`` exclusively if no one else holds it; False if someone does."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            raise HizalaError(f"cannot lock: {exc.strerror or exc}") from None
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
