"""The file under a project: opening SQLite safely, the writer lock, read/write transactions.

Every write is one ``BEGIN IMMEDIATE … COMMIT`` transaction with
``synchronous=FULL`` in WAL mode, so a change that returned is on disk even
if the process is killed or the machine loses power the next moment, and a
change that did not return left no trace. Every SQLite error leaves as a
:class:`StoreError` that says what happened and what to do.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Self
from urllib.request import pathname2url

from ..errors import EXIT_ENVIRONMENT, StoreError
from .lock import WriterLock
from .schema import UNSAVED, store_error

__all__ = ["ProjectFile", "connect", "remove_project_files", "utc_stamp"]


def utc_stamp() -> str:
    """The current UTC time as TMX writes it: ``YYYYMMDDThhmmssZ``."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def _open(uri: str, query: str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        f"{uri}?{query}",
        uri=True,
        isolation_level=None,
        check_same_thread=False,  # the project serialises access with its own lock
        timeout=10.0,
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def connect(path: str, mode: str, unsaved: str = UNSAVED) -> sqlite3.Connection:
    """An SQLite connection to ``path``; ``mode`` is ``read`` (never writes through this
    object), ``rw`` (an existing file) or ``rwc`` (create it).

    Autocommit (``isolation_level=None``): transactions are explicit. A reader
    still opens read-write when it can, so that closing it tidies up the WAL
    files; it falls back to read-only, and to reading the file as immutable
    when its folder cannot hold the WAL index (a read-only folder, where
    nobody can be writing it). ``unsaved`` is what an error message says was lost.
    """
    uri = "file:" + pathname2url(str(Path(path).absolute()))
    tries = ["mode=rw", "mode=ro", "mode=ro&immutable=1"] if mode == "read" else [f"mode={mode}"]
    error: sqlite3.Error | None = None
    for query in tries:
        try:
            return _open(uri, query)
        except sqlite3.Error as exc:
            if error is None or "immutable" not in query:
                error = exc
            if getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
                break
    assert error is not None
    raise store_error(error, path, unsaved) from None


class ProjectFile:
    """A project file open in this process: its connection, writer lock and transactions,
    and the settings every part of :class:`~align.store.Project` reads (who, when, what
    counts as low confidence). One object may be shared between threads."""

    def __init__(
        self,
        path: str,
        conn: sqlite3.Connection,
        *,
        writable: bool,
        lock: WriterLock | None,
        schema_version: int,
        user: str | None = None,
    ) -> None:
        self.path = path
        """The project file."""
        self.writable = writable
        """Whether this object may change the project (it holds the writer lock)."""
        self.schema_version = schema_version
        """The file's schema version."""
        self.user = user
        """Recorded as who confirmed, rejected or changed a bead (None: unknown)."""
        self.low_threshold: float | None = None
        """Unreviewed (auto) beads scoring below this are "low confidence" in summaries and
        navigation; None (until set): no bead is. hizala's commands and the review UI set it
        from the aligner's calibration (``align.review.risk.low_threshold``), which the
        store, below the aligner, cannot read."""
        self.clock: Callable[[], str] = utc_stamp
        """Where timestamps come from (``YYYYMMDDThhmmssZ``); tests pin it."""
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._mutex = threading.RLock()
        self._identity = _identity(path)
        self.unsaved = UNSAVED
        """What a failed write leaves, for its error message."""
        self._batch = 0  # savepoints open inside batch()
        self._in_batch = False

    # -- lifetime -------------------------------------------------------------
    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._conn is None

    def close(self) -> None:
        """Close the file and release the writer lock. Nothing needs saving: every
        operation was saved when it returned."""
        with self._mutex:
            conn, self._conn = self._conn, None
            try:
                if conn is not None:
                    if self.writable:
                        # an optimisation hint; closing matters more
                        with suppress(sqlite3.Error):
                            conn.execute("PRAGMA optimize")
                    conn.close()
            finally:
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # A project dropped without close() must still release its lock.
        if getattr(self, "_conn", None) is not None:
            with suppress(StoreError, sqlite3.Error, OSError):
                self.close()

    # -- transactions ---------------------------------------------------------
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection (StoreError once closed); for checks, not for changes."""
        if self._conn is None:
            raise StoreError("the project is closed", path=self.path)
        return self._conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several queries (a deferred read transaction)."""
        with self._mutex:
            conn = self.connection()
            nested = conn.in_transaction
            try:
                if not nested:
                    conn.execute("BEGIN")
                yield conn
                if not nested:
                    conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if not nested and conn.in_transaction:
                    conn.execute("ROLLBACK")
                # inside a write, a read can fail writing too (SQLite spills its cache)
                raise store_error(exc, self.path, self.unsaved) from None
            except BaseException:
                if not nested and conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is saved when the block ends, or none of it."""
        with self._mutex:
            conn = self.connection()
            if not self.writable:
                raise StoreError(
                    "was opened read-only; open it for changes (e.g. `hizala review`)",
                    path=self.path,
                )
            if self._in_batch:
                with self._part(conn):
                    yield conn
                return
            if conn.in_transaction:
                raise StoreError("a change is already in progress", path=self.path)
            if _identity(self.path) != self._identity:
                # Writing on would go to a file no longer at this path, and be lost.
                raise StoreError(
                    "was moved, deleted or replaced on disk while it was open; nothing more "
                    "can be saved to it: close it and open the project again",
                    path=self.path, exit_code=EXIT_ENVIRONMENT,
                )
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                _rollback(conn)
                raise store_error(exc, self.path, self.unsaved) from None
            except BaseException:
                _rollback(conn)
                raise

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (None: remove) a value of the ``meta`` table, in a write of its own. Not
        journaled: for settings such as where a review stopped, not for the project's
        content."""
        with self.write() as conn:
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    @property
    def low(self) -> float:
        """:attr:`low_threshold` for a query: below every score when none is set."""
        return -1.0 if self.low_threshold is None else self.low_threshold

    @contextmanager
    def batch(
        self, unsaved: str = "nothing of it was saved and the project is as it was"
    ) -> Iterator[None]:
        """Several changes as one transaction: every :meth:`write` inside the block is part
        of it, and all of them are saved when the block ends, or none (a failure, a full
        disk, SIGKILL or a power cut anywhere inside leaves the project as it was before).
        ``hizala add`` stores a document, its embeddings and its QA findings this way.
        ``unsaved`` is what an error message says was lost."""
        with self._mutex:
            if self._in_batch:
                yield
                return
            # A caller that knows better (``hizala new``: "the project was not created")
            # keeps its words.
            before = self.unsaved
            if before == UNSAVED:
                self.unsaved = unsaved
            try:
                with self._whole_batch():
                    yield
            finally:
                self.unsaved = before

    @contextmanager
    def _whole_batch(self) -> Iterator[None]:
        with self._mutex, self.write() as conn:
            self._in_batch = True
            try:
                yield
                if not conn.in_transaction:
                    # SQLite rolled back on its own after an error someone ignored
                    # (e.g. a full disk while saving embeddings): nothing may be kept.
                    raise StoreError(
                        f"a change failed and SQLite undid them all: {self.unsaved}",
                        path=self.path, exit_code=EXIT_ENVIRONMENT,
                    )
            finally:
                self._in_batch = False

    @contextmanager
    def _part(self, conn: sqlite3.Connection) -> Iterator[None]:
        """A write inside :meth:`batch`: a savepoint, undone alone if it fails."""
        if not conn.in_transaction:
            raise StoreError(
                f"an earlier change failed and SQLite undid them all: {self.unsaved}",
                path=self.path, exit_code=EXIT_ENVIRONMENT,
            )
        self._batch += 1
        name = f"part{self._batch}"
        try:
            conn.execute(f"SAVEPOINT {name}")
            yield
            conn.execute(f"RELEASE {name}")
        except sqlite3.Error as exc:
            _rollback_to(conn, name)
            raise store_error(exc, self.path, self.unsaved) from None
        except BaseException:
            _rollback_to(conn, name)
            raise
        finally:
            self._batch -= 1

    def verify(self) -> None:
        """Raise :class:`StoreError` unless SQLite's ``quick_check`` finds the file intact
        (every page readable, every index entry in place); before adding to a project, so
        that a damaged file is noticed, not added to."""
        with self.read() as conn:
            rows = conn.execute("PRAGMA quick_check(5)").fetchall()
        if [tuple(r) for r in rows] != [("ok",)]:
            problem = " ".join(str(rows[0][0]).split()) if rows else "no answer"
            raise StoreError(
                "the project file is damaged (SQLite's check says: "
                f"{problem[:200]}); restore it from a backup, or re-import a TMX export of it "
                "with `hizala import-tmx`; nothing was added",
                path=self.path,
            )

    def meta(self, key: str, default: str | None = None) -> str | None:
        """A value of the ``meta`` table (``created_at``, ``encoder``…), or ``default``."""
        with self.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])


def _identity(path: str) -> tuple[int, int] | None:
    """Which file ``path`` names now (device, inode), or None if it names none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        # SQLite may have rolled back already (e.g. after SQLITE_FULL)
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _rollback_to(conn: sqlite3.Connection, name: str) -> None:
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")


def remove_project_files(path: str) -> None:
    """Delete a project file and its WAL/shared-memory/lock companions, if present."""
    for suffix in ("", "-wal", "-shm", "-journal", "-lock"):
        with suppress(FileNotFoundError):
            os.unlink(path + suffix)
