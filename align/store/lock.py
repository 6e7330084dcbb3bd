"""One writer per project file, whatever name it is opened by.

Two locks, both taken by :meth:`WriterLock.acquire` and dropped by the OS on
any exit (SIGKILL and power loss included, so a crash never leaves a lock
that blocks forever):

* the *side lock*, ``flock`` on ``PROJECT-lock`` beside the real file (a
  symbolic link is followed first), whose content names the holder (pid,
  host, time) for the refusal message; older hizala versions take this one;
* the *identity lock*, ``flock`` on the project file itself, which follows
  the file (device and inode), not a name: a second writer through a hard
  link, or through any other path to the same file, is refused with the same
  message. (SQLite's own locks are POSIX record locks, which ``flock`` does
  not touch.)

A project file also has a WAL and a shared-memory file named after the path
it was opened by, so two writers through two names would each see half of
the other's work: that is why the lock must follow the file.

Within one process, the files this process holds are remembered, and a second
writer is refused without opening the file again: closing any descriptor of a
file drops every POSIX lock the process holds on it, SQLite's included.
"""

from __future__ import annotations

import os
import sys
import threading

from ..errors import EXIT_ENVIRONMENT, HizalaError, StoreError
from ..locking import Busy, SideLock, try_lock

__all__ = ["WriterLock"]

_HELD: dict[tuple[int, int], int] = {}
"""(device, inode) of the project files this process holds the writer lock of -> pid."""
_HELD_GUARD = threading.Lock()


class WriterLock:
    """An exclusive, non-blocking lock on a project file that says who holds it when
    refused."""

    def __init__(self, project_path: str) -> None:
        self.project_path = project_path
        real = os.path.realpath(project_path)
        self.path = real + "-lock"
        """The side lock file (beside the real file)."""
        self._side = SideLock(self.path, error=self._cannot)
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None

    def _cannot(self, what: str) -> StoreError:
        return StoreError(
            f"{what}; the project's folder must be writable to change the project",
            path=self.project_path, exit_code=EXIT_ENVIRONMENT,
        )

    def _refused(self, holder: str) -> StoreError:
        return StoreError(
            f"is already open for changes{holder}; close it there first (only one hizala may "
            "change a project at a time; `hizala status` and `hizala export` still work)",
            path=self.project_path, exit_code=EXIT_ENVIRONMENT,
        )

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._side.held

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreError` naming the holder. The project file
        need not exist yet (a new project): call :meth:`bind` once it does."""
        if self._side.held:
            return
        try:
            self._side.acquire()
        except Busy as busy:
            raise self._refused(busy.holder) from None
        try:
            if os.path.exists(self.project_path):
                self.bind()
        except BaseException:
            self._side.release()
            raise

    def bind(self) -> None:
        """Take the identity lock on the project file (which now exists)."""
        if self._fd is not None or sys.platform == "win32":
            return
        try:
            st = os.stat(self.project_path)
        except OSError:
            return  # opening it will say what is wrong
        identity = (st.st_dev, st.st_ino)
        with _HELD_GUARD:
            if identity in _HELD:
                raise self._refused(" by this process")
            try:
                fd = os.open(self.project_path, os.O_RDONLY)
            except OSError:
                return  # opening it will say what is wrong
            if not _try_flock(fd):
                os.close(fd)
                raise self._refused(_flock_holder(identity))
            _HELD[identity] = os.getpid()
            self._fd, self._identity = fd, identity

    def release(self) -> None:
        """Give the lock up (and remove the lock file). Call it after closing the SQLite
        connection: closing the descriptor drops the process's POSIX locks on the file."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with _HELD_GUARD:
                _HELD.pop(self._identity or (0, 0), None)
            os.close(fd)  # closing drops the flock
        self._side.release()


def _try_flock(fd: int) -> bool:
    """The identity lock (POSIX only): False when another process holds the file."""
    try:
        return try_lock(fd)
    except HizalaError:
        return True  # a file system without flock: the side lock still stands


def _flock_holder(identity: tuple[int, int]) -> str:
    """`` by process N`` from /proc/locks (Linux), for a writer through another name."""
    dev, ino = identity
    want = f"{os.major(dev):02x}:{os.minor(dev):02x}:{ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            for line in f:
                parts = line.split()
                # 1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF
                if len(parts) >= 6 and parts[1] == "FLOCK" and parts[5] == want:
                    return f" by process {parts[4]} (through another name)"
    except OSError:
        pass
    return " (through another name: a link to the same file)"
