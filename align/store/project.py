"""A review project: the :class:`Project` object, opening and creating project files.

``Project.open(path)`` takes the writer lock (a second writer is refused
with the holder's pid and host); ``Project.open(path, readonly=True)`` does
not, and works while someone else is reviewing. ``build_project`` makes a
new project under a temporary name and moves it into place only when it is
complete, so an interrupted ``hizala new`` leaves nothing half-made.

A project is made of parts, each with one job, all sharing the open file
(:class:`~.base.ProjectFile`: connection, lock, transactions, settings):

=================  =========================================================
``queries``        reading beads, navigation, search, documents, counts
``pairs``          adding aligned document pairs
``qa``             QA findings and the checker that recomputes them
``journal``        recording operations, undo and redo, the history
``edits``          the reviewer's operations on beads
``mixed``          mixed articles: their fragments, rematch
``embeddings``     encoder states kept for re-aligning
=================  =========================================================

:class:`Project` itself only opens, closes and composes them; each of its
methods is the method of one part (see the class body), so scripts and the
review UI use one object. The store keeps values, not engines: re-aligning
and ranking a fragment's candidates need models and live one layer up
(:class:`align.review.ProjectEngine`).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from os import PathLike, fspath
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from .. import __version__
from ..atomic import sync_folder
from ..errors import EXIT_ENVIRONMENT, StoreError
from .base import ProjectFile, connect, remove_project_files
from .documents import DocumentPairs
from .embeddings import Embeddings
from .findings import Checker, Findings
from .journal import Journal
from .lock import WriterLock
from .mixed import MixedArticles
from .operations import Edits
from .queries import Queries
from .schema import APPLICATION_ID, SCHEMA_VERSION, UNSAVED, check_and_migrate, store_error

__all__ = ["Project", "build_project", "refuse_existing"]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class _Part(Generic[P, R]):
    """A method of :class:`Project` that is a method of one of its parts: ``confirm =
    _Part("edits", Edits.confirm)`` makes ``project.confirm(b)`` call
    ``project.edits.confirm(b)``, with its signature and docstring."""

    def __init__(self, part: str, method: Callable[Concatenate[Any, P], R]) -> None:
        self.part = part
        self.name = method.__name__
        self.__doc__ = method.__doc__

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, obj: object, owner: type[Any]) -> Callable[P, R]: ...

    def __get__(self, obj: object | None, owner: type[Any]) -> Self | Callable[P, R]:
        if obj is None:
            return self
        method: Callable[P, R] = getattr(getattr(obj, self.part), self.name)
        return method


class _Attribute(Generic[T]):
    """An attribute of :class:`Project` that is an attribute of one of its parts."""

    def __init__(self, part: str, name: str, doc: str) -> None:
        self.part, self.name = part, name
        self.__doc__ = doc

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, obj: object, owner: type[Any]) -> T: ...

    def __get__(self, obj: object | None, owner: type[Any]) -> Self | T:
        if obj is None:
            return self
        value: T = getattr(getattr(obj, self.part), self.name)
        return value

    def __set__(self, obj: object, value: T) -> None:
        raise AttributeError(f"{self.name} cannot be set")


class _Setting(_Attribute[T]):
    """A settable :class:`_Attribute` (who, when, thresholds, the QA checker)."""

    def __set__(self, obj: object, value: T) -> None:
        setattr(getattr(obj, self.part), self.name, value)


class Project:
    """A review project file: documents, beads, findings, and the operation journal.

    Open with :meth:`open` (or :meth:`create`); use as a context manager or
    call :meth:`close`. Reading: :meth:`beads`, :meth:`bead`,
    :meth:`next_bead`, :meth:`search`, :meth:`summary`… Changing:
    :meth:`confirm`, :meth:`merge`, :meth:`split_bead`, :meth:`move_segment`,
    :meth:`edit_segment`, :meth:`undo`, :meth:`redo`… each one saved when it
    returns. One object may be shared between threads. Mixed articles
    (Turkish fragments in English text, one bead per fragment):
    :meth:`add_mixed_document`, :meth:`fragment`, :meth:`rematch` (see
    :mod:`align.store.mixed`).
    """

    def __init__(self, file: ProjectFile) -> None:
        self.file = file
        """The open file: connection, writer lock, transactions."""
        self.queries = Queries(file)
        """Reading beads, navigation, search, documents, counts."""
        self.pairs = DocumentPairs(file)
        """Adding aligned document pairs."""
        self.qa = Findings(file, self.queries)
        """QA findings and the checker that recomputes them."""
        self.journal = Journal(file, self.qa)
        """Recording operations; undo, redo, history."""
        self.edits = Edits(file, self.queries, self.journal)
        """The reviewer's operations on beads."""
        self.mixed = MixedArticles(file, self.queries, self.journal)
        """Mixed articles: adding them, their fragments, rematch."""
        self.embeddings = Embeddings(file)
        """Encoder states kept for re-aligning."""

    # -- lifetime and settings -------------------------------------------------------
    def close(self) -> None:
        """Close the file and release the writer lock. Nothing needs saving: every
        operation was saved when it returned."""
        self.file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    path = _Attribute[str]("file", "path", "The project file.")
    writable = _Attribute[bool](
        "file", "writable", "Whether this object may change the project (it holds the writer lock).")
    schema_version = _Attribute[int]("file", "schema_version", "The file's schema version.")
    closed = _Attribute[bool]("file", "closed", "Whether :meth:`close` was called.")
    can_undo = _Attribute[bool]("journal", "can_undo", "Whether there is an operation to undo.")
    can_redo = _Attribute[bool](
        "journal", "can_redo", "Whether there is an undone operation to redo.")
    user = _Setting[str | None](
        "file", "user", "Recorded as who confirmed, rejected or changed a bead (None: unknown).")
    low_threshold = _Setting[float | None](
        "file", "low_threshold",
        'Unreviewed (auto) beads scoring below this are "low confidence" in summaries and '
        "navigation (None, until set: no bead is; hizala sets it from the aligner's "
        "calibration, align.review.risk.low_threshold).")
    clock = _Setting[Callable[[], str]](
        "file", "clock", "Where timestamps come from (``YYYYMMDDThhmmssZ``); tests pin it.")
    checker = _Setting[Checker | None](
        "qa", "checker",
        "Recomputes a changed bead's QA findings inside each operation (None: none).")

    @property
    def encoder_name(self) -> str:
        """The encoder the project was created with (``use``, ``transformers:…``…), which
        re-aligns its stretches."""
        return self.file.meta("encoder") or "use"

    _connection = _Part("file", ProjectFile.connection)
    meta = _Part("file", ProjectFile.meta)
    set_meta = _Part("file", ProjectFile.set_meta)

    # -- reading ---------------------------------------------------------------------
    beads = _Part("queries", Queries.beads)
    bead = _Part("queries", Queries.bead)
    beads_by_id = _Part("queries", Queries.beads_by_id)
    bead_count = _Part("queries", Queries.bead_count)
    index_of = _Part("queries", Queries.index_of)
    bead_id_at = _Part("queries", Queries.bead_id_at)
    next_bead = _Part("queries", Queries.next_bead)
    search = _Part("queries", Queries.search)
    stretch = _Part("queries", Queries.stretch)
    documents = _Part("queries", Queries.documents)
    file_text = _Part("queries", Queries.file_text)
    summary = _Part("queries", Queries.summary)

    # -- documents -------------------------------------------------------------------
    add_document = _Part("pairs", DocumentPairs.add_document)

    # -- QA findings -----------------------------------------------------------------
    findings = _Part("qa", Findings.findings)
    replace_findings = _Part("qa", Findings.replace_findings)
    add_findings = _Part("qa", Findings.add_findings)
    recheck = _Part("qa", Findings.recheck)
    clear_findings = _Part("qa", Findings.clear_findings)

    # -- operations, each one transaction, each undoable -------------------------------
    set_status = _Part("edits", Edits.set_status)
    confirm = _Part("edits", Edits.confirm)
    reject = _Part("edits", Edits.reject)
    reset_status = _Part("edits", Edits.reset_status)
    merge = _Part("edits", Edits.merge)
    split_bead = _Part("edits", Edits.split_bead)
    move_segment = _Part("edits", Edits.move_segment)
    insert_counterpart = _Part("edits", Edits.insert_counterpart)
    edit_segment = _Part("edits", Edits.edit_segment)
    split_segment = _Part("edits", Edits.split_segment)
    replace_stretch = _Part("edits", Edits.replace_stretch)
    undo = _Part("journal", Journal.undo)
    redo = _Part("journal", Journal.redo)
    history = _Part("journal", Journal.history)

    # -- mixed articles --------------------------------------------------------------
    add_mixed_document = _Part("mixed", MixedArticles.add_mixed_document)
    document_kind = _Part("mixed", MixedArticles.document_kind)
    fragment = _Part("mixed", MixedArticles.fragment)
    fragments = _Part("mixed", MixedArticles.fragments)
    fragment_counts = _Part("mixed", MixedArticles.fragment_counts)
    article_text = _Part("mixed", MixedArticles.article_text)
    english_spans = _Part("mixed", MixedArticles.english_spans)
    refuse_fragment = _Part("mixed", MixedArticles.refuse_fragment)
    rematch = _Part("mixed", MixedArticles.rematch)

    # -- stored embeddings -----------------------------------------------------------
    stored_states = _Part("embeddings", Embeddings.stored_states)
    save_states = _Part("embeddings", Embeddings.save_states)

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | PathLike[str], *, readonly: bool = False, user: str | None = None
    ) -> Project:
        """Open an existing project; for changes unless ``readonly``.

        Raises StoreError when the file is missing, not a project, damaged,
        from a newer hizala, read-only (for changes), or open for changes in
        another process.
        """
        p = fspath(path)
        if not os.path.exists(p):
            raise StoreError(
                "no such project; create one with `hizala new PROJECT TR EN`", path=p
            )
        if os.path.isdir(p):
            raise StoreError("is a folder, not a project file", path=p)
        if os.path.getsize(p) == 0:
            raise StoreError(
                "is an empty file, not a hizala project; create a project with `hizala new`",
                path=p,
            )
        lock = None
        if not readonly:
            lock = WriterLock(p)
            lock.acquire()
        try:
            conn = connect(p, "read" if readonly else "rw", _UNTOUCHED)
            old = _older_schema(conn) if readonly else 0
            if old:
                # A reader upgrades a project from an older hizala (the upgrade needs the
                # writer lock and a writable file), so that `hizala status` and exports go on
                # working on old projects.
                conn.close()
                try:
                    cls.open(p).close()
                except StoreError as exc:
                    raise StoreError(
                        f"was made by an older hizala (project schema {old}) and must be "
                        f"upgraded to schema {SCHEMA_VERSION} before it can be read, which "
                        f"failed: {exc.message}",
                        path=p,
                    ) from None
                conn = connect(p, "read", _UNTOUCHED)
            try:
                version = check_and_migrate(conn, p, writable=not readonly,
                                            unsaved=_UNTOUCHED)
                if not readonly:
                    _probe_writable(conn, p)
                    conn.execute("PRAGMA synchronous = FULL")
            except sqlite3.Error as exc:
                conn.close()
                raise store_error(exc, p, _UNTOUCHED) from None
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(ProjectFile(p, conn, writable=not readonly, lock=lock, schema_version=version,
                               user=user))

    @classmethod
    def create(
        cls,
        path: str | PathLike[str],
        *,
        encoder: str = "use",
        user: str | None = None,
        clock: Callable[[], str] | None = None,
        unsaved: str | None = None,
    ) -> Project:
        """Create an empty project (refusing to overwrite a file), open for changes.

        ``encoder`` is remembered for re-aligning stretches later; ``unsaved`` is what
        an error message says a failed write lost (:attr:`ProjectFile.unsaved`).
        """
        p = fspath(path)
        refuse_existing(p)
        folder = os.path.dirname(os.path.abspath(p))
        if not os.path.isdir(folder):
            raise StoreError(f"the folder {folder} does not exist", path=p)
        lock = WriterLock(p)
        lock.acquire()
        try:
            conn = connect(p, "rwc", unsaved or UNSAVED)
            try:
                lock.bind()  # the file exists now: lock it by identity too
                conn.execute("PRAGMA journal_mode = WAL")
                version = check_and_migrate(conn, p, writable=True, create=True,
                                            unsaved=unsaved)
                conn.execute("PRAGMA synchronous = FULL")
            except sqlite3.Error as exc:
                conn.close()
                raise store_error(exc, p, unsaved or UNSAVED) from None
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            remove_project_files(p)
            raise
        project = cls(ProjectFile(p, conn, writable=True, lock=lock, schema_version=version,
                                  user=user))
        if clock is not None:
            project.clock = clock
        if unsaved is not None:
            project.file.unsaved = unsaved
        with project.file.write() as c:
            c.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [
                    ("created_at", project.clock()),
                    ("created_by", f"hizala {__version__}"),
                    ("encoder", encoder),
                ],
            )
        return project


_UNTOUCHED = "nothing was changed and the project is intact"
"""What a failure while opening a project lost (for its error message)."""


def _older_schema(conn: sqlite3.Connection) -> int:
    """The schema version of a hizala project older than this hizala's, else 0."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return 0  # check_and_migrate says what is wrong
    return version if app_id == APPLICATION_ID and 0 < version < SCHEMA_VERSION else 0


def _probe_writable(conn: sqlite3.Connection, path: str) -> None:
    """Fail now, not at the first confirmation, if the file cannot be written."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE temp_write_probe (x)")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise store_error(exc, path, _UNTOUCHED) from None


def build_project(
    path: str | PathLike[str],
    fill: Callable[[Project], None],
    *,
    encoder: str = "use",
    user: str | None = None,
    clock: Callable[[], str] | None = None,
) -> None:
    """Create a project, let ``fill`` add its documents, and only then move it to
    ``path``: a failure, an interrupt, SIGKILL or a full disk leaves no file there (a
    rerun works). Never overwrites.

    The project is built under a hidden temporary name beside ``path``; when ``fill`` is
    done, everything written is moved from the write-ahead log into the file itself
    (checked: a full disk at this point fails the command), the file is closed, and
    only a file complete on its own is linked to ``path``. A temporary file left by a
    killed ``hizala new`` is removed by the next one.
    """
    p = fspath(path)
    refuse_existing(p)
    folder = os.path.dirname(os.path.abspath(p))
    if not os.path.isdir(folder):
        raise StoreError(f"the folder {folder} does not exist", path=p)
    base = os.path.basename(p)
    _remove_stale_partials(folder, base)
    tmp = os.path.join(folder, f".{base}.{uuid.uuid4().hex[:8]}.partial")
    _probe_folder(tmp, folder, p)
    unsaved = "the project was not created (nothing is left behind)"
    try:
        project = Project.create(tmp, encoder=encoder, user=user, clock=clock, unsaved=unsaved)
    except StoreError as exc:
        remove_project_files(tmp)
        raise _renamed(exc, p) from None
    try:
        fill(project)
        _checkpoint(project, p)
        project.close()
        _check_whole(tmp, p)
        _place(tmp, p)
    except StoreError as exc:
        project.close()
        remove_project_files(tmp)
        raise _renamed(exc, p) from None
    except BaseException:
        project.close()
        remove_project_files(tmp)
        raise


def _renamed(exc: StoreError, path: str) -> StoreError:
    """``exc`` about the project being built, said of the file the user named."""
    return StoreError(exc.message, path=path, line=exc.line, column=exc.column,
                      exit_code=exc.exit_code)


def _probe_folder(tmp: str, folder: str, path: str) -> None:
    """Fail with the folder's name (not the hidden temporary file's) if it is not
    writable."""
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise StoreError(
            f"cannot create the project: the folder {folder} is not writable "
            f"({exc.strerror or exc}); choose another place",
            path=path, exit_code=EXIT_ENVIRONMENT,
        ) from None
    os.close(fd)
    os.unlink(tmp)


def _checkpoint(project: Project, path: str) -> None:
    """Move every committed change from the WAL into the file, and check it happened."""
    conn = project.file.connection()
    try:
        busy, logged, moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        raise store_error(exc, path, project.file.unsaved) from None
    if busy or logged != moved:
        raise StoreError(
            "the project was not created: its changes could not all be written into the file "
            f"({moved} of {logged} pages); try again",
            path=path, exit_code=EXIT_ENVIRONMENT,
        )


def _check_whole(tmp: str, path: str) -> None:
    """The closed file must hold everything: no write-ahead log with content beside it."""
    try:
        size = os.path.getsize(tmp + "-wal")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot check the new project: {exc.strerror or exc}",
                         path=path, exit_code=EXIT_ENVIRONMENT) from None
    if size:
        raise StoreError(
            "the project was not created: its changes could not be written into the file "
            "(the disk may be full); free some space and try again",
            path=path, exit_code=EXIT_ENVIRONMENT,
        )


def _remove_stale_partials(folder: str, base: str) -> None:
    """Remove what a killed ``hizala new`` of this name left (no one holds its lock)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    prefix = f".{base}."
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".partial")):
            continue
        stale = os.path.join(folder, name)
        lock = WriterLock(stale)
        try:
            lock.acquire()
        except StoreError:
            continue  # another `hizala new` is building it right now
        try:
            remove_project_files(stale)
        finally:
            lock.release()


def refuse_existing(path: str) -> None:
    """StoreError if ``path`` exists: a new project never overwrites anything."""
    if os.path.lexists(path):
        raise StoreError(
            "already exists; add documents to it with `hizala add`, or choose another name",
            path=path,
        )


def _place(tmp: str, dest: str) -> None:
    """Move ``tmp`` to ``dest`` unless ``dest`` exists (no clobbering, even in a race), and
    flush the folder so that the new name survives a power cut."""
    try:
        os.link(tmp, dest)
    except FileExistsError:
        raise StoreError("already exists; choose another name", path=dest) from None
    except OSError:
        # no hard links here (e.g. FAT, some network shares): check, then rename
        if os.path.lexists(dest):
            raise StoreError("already exists; choose another name", path=dest) from None
        try:
            os.replace(tmp, dest)
        except OSError as exc:
            raise StoreError(f"cannot place the new project: {exc.strerror or exc}",
                             path=dest, exit_code=EXIT_ENVIRONMENT) from None
    else:
        os.unlink(tmp)
    sync_folder(os.path.dirname(os.path.abspath(dest)))
