"""The project file's tables, its schema versions, and how SQLite errors read to a user.

A project is one SQLite file in WAL mode (readers never block the writer,
and a crash never leaves a half-written transaction). ``PRAGMA
application_id`` marks it as hizala's; ``PRAGMA user_version`` is the schema
version. Opening an older file runs the missing migrations, each in one
transaction; a newer file is refused rather than misread.

Tables (version 1):

``meta``        key/value settings: ``created_at``, ``encoder`` (for re-aligning)
``runs``        run signatures: hizala version, encoder, parameters (JSON)
``documents``   document pairs: name (TMX ``x-document``), run, when added
``files``       per document and side: path, sha256, language, encoding, decoded text
``beads``       per document, ordered by ``pos`` (sparse): score, status, who/when
``segments``    each in one bead (``bead_id``, ``side``, ``ord``): text, offsets,
                paragraph, the text before the first edit
``findings``    QA findings on a bead: kind, severity, spans in the bead's joined
                side texts, message
``operations``  the journal: what was done, with before/after images of every row
                it touched (undo/redo survive a restart)
``embeddings``  encoder states by (encoder, BLAKE2b of the text), float32 blobs,
                so re-aligning after a restart embeds nothing already embedded

Version 2 adds mixed documents (an English article with Turkish fragments,
:mod:`.mixed`): ``documents.kind`` (``parallel``, the default, or
``mixed``), and

``fragments``   per Turkish fragment (keyed by its segment): how it was detected
                (kind, confidence, span) and how the detector paired it (score of
                the best English candidate, its span, whether it was accepted,
                the reason in words). Written once when the article is added;
                never changed by an operation, so it is not journaled.

and an index of English segments by offset.

Version 3 keeps what a TMX import reads besides the text, so that an export
gives it back (:mod:`.tmx_import`, :mod:`.tmx_export`):

``tmx_markup``  per imported segment with inline codes (``<bpt>``, ``<ph>``,
                ``<hi>``…): its text when imported (``plain``) and its
                ``<seg>`` content as XML; exported instead of the text while
                the segment's text is still ``plain``
``tmx_units``   per imported bead: the unit's ``creationdate`` and
                ``creationid``

Neither is touched by operations (an edited segment's text no longer equals
``plain``; ids are never reused), so neither is journaled.

A segment's order in its document is its bead's order, then ``ord``: moving
a sentence between beads updates one row, and no operation renumbers a whole
document except in the rare case that ``pos`` runs out of room between two
beads. Bead, segment and finding ids are AUTOINCREMENT, so an id is never
reused and the journal's row images always mean the same row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from ..errors import EXIT_ENVIRONMENT, EXIT_INPUT, StoreError

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "UNSAVED",
    "check_and_migrate",
    "store_error",
]

APPLICATION_ID = 0x68697A61  # "hiza"
"""``PRAGMA application_id`` of a hizala project."""

_V1 = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        hizala_version TEXT NOT NULL,
        encoder TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE files (
        document_id INTEGER NOT NULL REFERENCES documents(id),
        side TEXT NOT NULL CHECK (side IN ('tr', 'en')),
        path TEXT,
        sha256 TEXT NOT NULL,
        lang TEXT NOT NULL,
        encoding TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (document_id, side)
    )""",
    """CREATE TABLE beads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        pos INTEGER NOT NULL,
        score REAL,
        status TEXT NOT NULL DEFAULT 'auto'
            CHECK (status IN ('auto', 'confirmed', 'rejected')),
        changed_by TEXT,
        changed_at TEXT
    )""",
    "CREATE INDEX beads_order ON beads (document_id, pos)",
    "CREATE INDEX beads_status ON beads (status, score)",
    """CREATE TABLE segments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        bead_id INTEGER NOT NULL REFERENCES beads(id) DEFERRABLE INITIALLY DEFERRED,
        side TEXT NOT NULL CHECK (side IN ('tr', 'en')),
        ord INTEGER NOT NULL,
        text TEXT NOT NULL,
        char_start INTEGER,
        char_end INTEGER,
        paragraph INTEGER NOT NULL DEFAULT 0,
        original TEXT
    )""",
    "CREATE INDEX segments_bead ON segments (bead_id, side, ord)",
    """CREATE TABLE findings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        bead_id INTEGER NOT NULL
            REFERENCES beads(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL DEFAULT 'warning'
            CHECK (severity IN ('error', 'warning', 'info')),
        tr_start INTEGER,
        tr_end INTEGER,
        en_start INTEGER,
        en_end INTEGER,
        message TEXT NOT NULL
    )""",
    "CREATE INDEX findings_bead ON findings (bead_id)",
    """CREATE TABLE operations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        description TEXT NOT NULL,
        focus INTEGER,
        params TEXT NOT NULL DEFAULT '{}',
        changes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        who TEXT,
        undone INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX operations_undone ON operations (undone, id)",
    """CREATE TABLE embeddings (
        encoder TEXT NOT NULL,
        digest BLOB NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (encoder, digest)
    ) WITHOUT ROWID""",
)

_V2 = (
    # Existing documents are document pairs; a mixed article is stored as both sides.
    """ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'parallel'
        CHECK (kind IN ('parallel', 'mixed'))""",
    """CREATE TABLE fragments (
        segment_id INTEGER PRIMARY KEY REFERENCES segments(id),
        document_id INTEGER NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        confidence REAL NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        score REAL NOT NULL,
        best_start INTEGER,
        best_end INTEGER,
        best_text TEXT,
        paired INTEGER NOT NULL CHECK (paired IN (0, 1)),
        reason TEXT NOT NULL
    )""",
    "CREATE INDEX fragments_document ON fragments (document_id)",
    # Which fragment beads have a given English sentence (ranking candidates: "taken by").
    "CREATE INDEX segments_en_start ON segments (char_start) WHERE side = 'en'",
)

_V3 = (
    # What a TMX import read besides the text, for exporting it again (tmx_import.py).
    """CREATE TABLE tmx_markup (
        segment_id INTEGER PRIMARY KEY,
        plain TEXT NOT NULL,
        xml TEXT NOT NULL
    )""",
    """CREATE TABLE tmx_units (
        bead_id INTEGER PRIMARY KEY,
        created_at TEXT,
        created_by TEXT
    )""",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3)
"""``MIGRATIONS[k]`` takes a file from schema version k to k + 1."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this hizala writes."""


def check_and_migrate(
    conn: sqlite3.Connection,
    path: str,
    *,
    writable: bool,
    create: bool = False,
    migrations: Sequence[Sequence[str]] = MIGRATIONS,
    unsaved: str | None = None,
) -> int:
    """Refuse a file that is not a hizala project or is too new; upgrade an old one.

    Returns the schema version after any migration. With ``create``, an
    empty database (a new project) is given the whole schema. ``unsaved`` is what an
    error message says a failed write lost (:func:`store_error`).
    """
    latest = len(migrations)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as exc:
        raise store_error(exc, path, unsaved or UNSAVED) from None
    if not tables and not create:
        raise StoreError(
            "is an empty database, not a hizala project; create a project with `hizala new`",
            path=path,
        )
    if app_id != APPLICATION_ID and (tables or app_id):
        raise StoreError(
            "is an SQLite database but not a hizala project; give a file made by "
            "`hizala new` or `hizala import-tmx`",
            path=path,
        )
    if version > latest:
        raise StoreError(
            f"was written by a newer hizala (project schema {version}; this hizala reads up "
            f"to {latest}); upgrade hizala (pip install -U hizala) to open it",
            path=path,
        )
    if version == latest:
        return version
    if not writable:
        raise StoreError(
            f"uses project schema {version} and needs upgrading to {latest}, but it cannot be "
            "written here; open it once where it is writable",
            path=path,
        )
    try:
        conn.execute("BEGIN IMMEDIATE")
        # re-read inside the transaction: another process may have migrated meanwhile
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, latest):
            for statement in migrations[step]:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {latest}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise store_error(exc, path, unsaved or UNSAVED) from None
    return latest


UNSAVED = "the last change was not saved and the project is intact"
"""What a failed write means for the project, in an error message (``store_error``)."""

# SQLite's error name -> (message, exit code); "{unsaved}" says what was lost (nothing).
_MESSAGES: dict[str, tuple[str, int]] = {
    "SQLITE_FULL": ("the disk is full: {unsaved}; free some space and try again",
                    EXIT_ENVIRONMENT),
    "SQLITE_READONLY": ("the project file or its folder is read-only: nothing can be saved; "
                        "copy the project somewhere writable or fix the permissions",
                        EXIT_ENVIRONMENT),
    "SQLITE_CANTOPEN": ("cannot open the project file: its folder is missing or not "
                        "accessible, or it is read-only; check the path and permissions",
                        EXIT_ENVIRONMENT),
    "SQLITE_NOTADB": ("is not a hizala project (not an SQLite database); give a file made by "
                      "`hizala new`", EXIT_INPUT),
    "SQLITE_CORRUPT": ("the project file is damaged; restore it from a backup, or re-import a "
                       "TMX export of it with `hizala import-tmx`", EXIT_INPUT),
    "SQLITE_BUSY": ("the project is busy: another program holds a lock on it; try again",
                    EXIT_ENVIRONMENT),
    "SQLITE_LOCKED": ("the project is busy: another program holds a lock on it; try again",
                      EXIT_ENVIRONMENT),
    "SQLITE_IOERR": ("a disk error occurred while reading or writing the project: {unsaved}; "
                     "check the disk", EXIT_ENVIRONMENT),
    "SQLITE_PERM": ("permission denied on the project file; fix the permissions",
                    EXIT_ENVIRONMENT),
}


def store_error(exc: sqlite3.Error, path: str, unsaved: str = UNSAVED) -> StoreError:
    """The user-facing :class:`StoreError` for an SQLite error on the project ``path``;
    ``unsaved`` says what a failed write left (default: the project as it was)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefix, (message, code) in _MESSAGES.items():
        if name == prefix or name.startswith(prefix + "_"):
            return StoreError(message.format(unsaved=unsaved), path=path, exit_code=code)
    text = str(exc)
    for clue, key in (("file is not a database", "SQLITE_NOTADB"),
                      ("malformed", "SQLITE_CORRUPT"),
                      ("readonly", "SQLITE_READONLY"), ("read-only", "SQLITE_READONLY")):
        if clue in text:
            message, code = _MESSAGES[key]
            return StoreError(message.format(unsaved=unsaved), path=path, exit_code=code)
    return StoreError(f"database error: {text}", path=path, exit_code=EXIT_ENVIRONMENT)
