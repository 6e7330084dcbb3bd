"""A review project: create, open, add documents; the :class:`Project` object itself.

``Project.open(path)`` takes the writer lock (a second writer is refused
with the holder's pid and host); ``Project.open(path, readonly=True)`` does
not, and works while someone else is reviewing. ``build_project`` makes a
new project under a temporary name and moves it into place only when it is
complete, so an interrupted ``hizala new`` leaves nothing half-made.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from os import PathLike, fspath
from pathlib import Path

from ..errors import StoreError
from ..formats import check_complete
from ..types import Bead, Document
from .base import connect, remove_project_files
from .findings import insert_finding
from .journal import inserter
from .lock import WriterLock
from .mixed_candidates import MatchCandidates
from .operations import GAP
from .schema import APPLICATION_ID, SCHEMA_VERSION, check_and_migrate, store_error
from .values import STATUSES, NewFinding, RunSignature

__all__ = ["BeadSpec", "Project", "build_project", "document_name"]

_LANG_SUFFIX = re.compile(r"[._-](tr|tur|turkish|en|eng|english|source|target|src|tgt)$", re.I)


@dataclass(frozen=True, slots=True)
class BeadSpec:
    """A bead to store with more than the aligner gives (e.g. read from a TMX file)."""

    tr: tuple[int, ...]
    """Indices of the Turkish segments."""
    en: tuple[int, ...]
    """Indices of the English segments."""
    score: float | None = None
    """Confidence, or None if unknown."""
    status: str = "auto"
    """``auto``, ``confirmed`` or ``rejected``."""
    changed_by: str | None = None
    """Who last changed it."""
    changed_at: str | None = None
    """When (``YYYYMMDDThhmmssZ``)."""
    findings: tuple[NewFinding, ...] = ()
    """QA findings (or notes) that come with it."""


def document_name(tr_path: str | None, en_path: str | None = None) -> str:
    """A short name for a document pair: the Turkish file's name without extension and
    language suffix (``haber.tr.txt`` → ``haber``), or its folder's name (``000/tr.txt``)."""
    for path in (tr_path, en_path):
        if not path or path == "-":
            continue
        p = Path(path)
        stem = p.name
        while True:
            base, dot, ext = stem.rpartition(".")
            if not dot or not base or len(ext) > 5:
                break
            stem = base
            if ext.lower() not in ("txt", "text", "md", "tmx", "xml", "gz"):
                break
        stem = _LANG_SUFFIX.sub("", stem)
        if stem.lower() in ("tr", "en", "tur", "eng", "source", "target", ""):
            stem = p.parent.name
        if stem:
            return stem
    return "document"


class Project(MatchCandidates):
    """A review project file: documents, beads, findings, and the operation journal.

    Open with :meth:`open` (or :meth:`create`); use as a context manager or
    call :meth:`close`. Reading: :meth:`beads`, :meth:`bead`,
    :meth:`next_bead`, :meth:`search`, :meth:`summary`… Changing:
    :meth:`confirm`, :meth:`merge`, :meth:`split_bead`, :meth:`move_segment`,
    :meth:`edit_segment`, :meth:`realign`, :meth:`undo`, :meth:`redo`… each
    one saved when it returns. One object may be shared between threads.
    Mixed articles (Turkish fragments in English text, one bead per fragment):
    :meth:`add_mixed_document`, :meth:`fragment`, :meth:`match_candidates`,
    :meth:`rematch` (see :mod:`align.store.mixed`).
    """

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
            conn = connect(p, "read" if readonly else "rw")
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
                conn = connect(p, "read")
            try:
                version = check_and_migrate(conn, p, writable=not readonly)
                if not readonly:
                    _probe_writable(conn, p)
                    conn.execute("PRAGMA synchronous = FULL")
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(p, conn, writable=not readonly, lock=lock, schema_version=version, user=user)

    @classmethod
    def create(
        cls,
        path: str | PathLike[str],
        *,
        encoder: str = "use",
        user: str | None = None,
        clock: Callable[[], str] | None = None,
    ) -> Project:
        """Create an empty project (refusing to overwrite a file), open for changes.

        ``encoder`` is remembered for re-aligning stretches later.
        """
        p = fspath(path)
        if os.path.lexists(p):
            raise StoreError(
                "already exists; add documents to it with `hizala add`, or choose another name",
                path=p,
            )
        folder = os.path.dirname(os.path.abspath(p))
        if not os.path.isdir(folder):
            raise StoreError(f"the folder {folder} does not exist", path=p)
        lock = WriterLock(p)
        lock.acquire()
        try:
            conn = connect(p, "rwc")
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                version = check_and_migrate(conn, p, writable=True, create=True)
                conn.execute("PRAGMA synchronous = FULL")
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            remove_project_files(p)
            raise
        project = cls(p, conn, writable=True, lock=lock, schema_version=version, user=user)
        if clock is not None:
            project.clock = clock
        from .. import __version__

        with project._write() as c:
            c.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [
                    ("created_at", project.clock()),
                    ("created_by", f"hizala {__version__}"),
                    ("encoder", encoder),
                ],
            )
        return project

    # -- documents ---------------------------------------------------------------
    def add_document(
        self,
        tr: Document,
        en: Document,
        beads: Sequence[Bead | BeadSpec],
        *,
        signature: RunSignature,
        name: str | None = None,
    ) -> int:
        """Store an aligned document pair (one transaction); returns its id.

        ``beads`` must cover both documents' segments once, in order. The
        same pair of files (by SHA-256) cannot be added twice. Not an
        undoable operation.
        """
        specs = [
            BeadSpec(b.tr, b.en, b.score) if isinstance(b, Bead) else b for b in beads
        ]
        check_complete(
            [Bead(s.tr, s.en) for s in specs], len(tr.segments), len(en.segments)
        )
        for s in specs:
            if s.status not in STATUSES:
                raise StoreError(f"bad bead status {s.status!r}", path=self.path)
        with self._write() as conn:
            if tr.sha256 and en.sha256:
                dup = conn.execute(
                    "SELECT d.name FROM documents d "
                    "JOIN files t ON t.document_id = d.id AND t.side = 'tr' "
                    "JOIN files e ON e.document_id = d.id AND e.side = 'en' "
                    "WHERE t.sha256 = ? AND e.sha256 = ?",
                    (tr.sha256, en.sha256),
                ).fetchone()
                if dup is not None:
                    raise StoreError(
                        f"these files are already in the project as document {dup[0]!r}",
                        path=self.path,
                    )
            run_id = self._run_id(conn, signature)
            doc_name = self._unique_name(conn, name or document_name(tr.path, en.path))
            now = self.clock()
            cur = conn.execute(
                "INSERT INTO documents (name, run_id, added_at) VALUES (?, ?, ?)",
                (doc_name, run_id, now),
            )
            doc_id = int(cur.lastrowid or 0)
            for side, d in (("tr", tr), ("en", en)):
                conn.execute(
                    "INSERT INTO files (document_id, side, path, sha256, lang, encoding, text) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, side, d.path, d.sha256, d.lang, d.encoding, d.text),
                )
            self._insert_beads(conn, doc_id, tr, en, specs)
        return doc_id

    def _insert_beads(
        self,
        conn: sqlite3.Connection,
        doc_id: int,
        tr: Document,
        en: Document,
        specs: Sequence[BeadSpec],
    ) -> None:
        seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'beads'").fetchone()
        top = conn.execute("SELECT max(id) FROM beads").fetchone()[0]
        base = max(seq[0] if seq else 0, top or 0)
        conn.executemany(
            "INSERT INTO beads (id, document_id, pos, score, status, changed_by, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (base + k + 1, doc_id, GAP * (k + 1), s.score, s.status, s.changed_by,
                 s.changed_at)
                for k, s in enumerate(specs)
            ),
        )
        rows = []
        for k, s in enumerate(specs):
            for side, doc, ids in (("tr", tr, s.tr), ("en", en, s.en)):
                for o, i in enumerate(ids):
                    g = doc.segments[i]
                    rows.append((base + k + 1, side, o, g.text, g.start, g.end, g.paragraph))
        conn.executemany(
            "INSERT INTO segments (bead_id, side, ord, text, char_start, char_end, paragraph) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

        insert = inserter(conn)
        for k, s in enumerate(specs):
            for f in s.findings:
                insert_finding(insert, base + k + 1, f)

    @staticmethod
    def _run_id(conn: sqlite3.Connection, sig: RunSignature) -> int:
        import json

        params = json.dumps(dict(sig.params), sort_keys=True, ensure_ascii=False)
        row = conn.execute(
            "SELECT id FROM runs WHERE hizala_version = ? AND encoder = ? AND params = ?",
            (sig.hizala_version, sig.encoder, params),
        ).fetchone()
        if row is not None:
            return int(row[0])
        from .base import utc_stamp

        cur = conn.execute(
            "INSERT INTO runs (created_at, hizala_version, encoder, params) VALUES (?, ?, ?, ?)",
            (utc_stamp(), sig.hizala_version, sig.encoder, params),
        )
        return int(cur.lastrowid or 0)

    @staticmethod
    def _unique_name(conn: sqlite3.Connection, name: str) -> str:
        name = " ".join(name.split()) or "document"
        taken = {r[0] for r in conn.execute("SELECT name FROM documents")}
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name}-{n}"
        return candidate


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
        raise store_error(exc, path) from None


def build_project(
    path: str | PathLike[str],
    fill: Callable[[Project], None],
    *,
    encoder: str = "use",
    user: str | None = None,
    clock: Callable[[], str] | None = None,
) -> None:
    """Create a project, let ``fill`` add its documents, and only then move it to
    ``path``: a failure or an interrupt leaves no file behind. Never overwrites."""
    p = fspath(path)
    if os.path.lexists(p):
        raise StoreError(
            "already exists; add documents to it with `hizala add`, or choose another name",
            path=p,
        )
    folder = os.path.dirname(os.path.abspath(p))
    tmp = os.path.join(folder, f".{os.path.basename(p)}.{uuid.uuid4().hex[:8]}.partial")
    project = Project.create(tmp, encoder=encoder, user=user, clock=clock)
    try:
        fill(project)
        project.close()
        _place(tmp, p)
    except BaseException:
        project.close()
        remove_project_files(tmp)
        raise


def _place(tmp: str, dest: str) -> None:
    """Move ``tmp`` to ``dest`` unless ``dest`` exists (no clobbering, even in a race)."""
    try:
        os.link(tmp, dest)
    except FileExistsError:
        raise StoreError("already exists; choose another name", path=dest) from None
    except OSError:
        # no hard links here (e.g. FAT, some network shares): check, then rename
        if os.path.lexists(dest):
            raise StoreError("already exists; choose another name", path=dest) from None
        os.replace(tmp, dest)
        return
    os.unlink(tmp)
