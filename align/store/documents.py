"""Adding aligned document pairs to a project, and naming documents and runs.

A document pair is stored in one transaction: its two files (path, SHA-256,
encoding, decoded text), its segments and its beads, with the run signature
that made them (one ``runs`` row per distinct signature). Beads come from
the aligner (:class:`~align.types.Bead`) or with more (:class:`BeadSpec`,
e.g. read from a TMX file with status and notes).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from ..formats import check_complete
from ..types import Bead, Document
from .base import ProjectFile, utc_stamp
from .findings import insert_finding
from .pending import GAP
from .recorder import inserter
from .values import STATUSES, NewFinding, RunSignature

__all__ = [
    "BeadSpec", "DocumentPairs", "document_name", "insert_document", "insert_run", "next_id",
    "refuse_stored", "unique_name",
]

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


class DocumentPairs:
    """Adds aligned document pairs (part of :class:`~align.store.Project`)."""

    def __init__(self, file: ProjectFile) -> None:
        self.file = file
        """The open project file."""

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
                raise StoreError(f"bad bead status {s.status!r}", path=self.file.path)
        with self.file.write() as conn:
            if tr.sha256 and en.sha256:
                refuse_stored(
                    conn,
                    "SELECT d.name FROM documents d "
                    "JOIN files t ON t.document_id = d.id AND t.side = 'tr' "
                    "JOIN files e ON e.document_id = d.id AND e.side = 'en' "
                    "WHERE t.sha256 = ? AND e.sha256 = ?",
                    (tr.sha256, en.sha256), "these files are", self.file.path,
                )
            doc_id = insert_document(
                conn, name or document_name(tr.path, en.path), signature, self.file.clock()
            )
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
        base = next_id(conn, "beads") - 1
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


def refuse_stored(
    conn: sqlite3.Connection, sql: str, args: Sequence[str], what: str, path: str
) -> None:
    """StoreError if ``sql`` finds a document (its name) holding the same input."""
    found = conn.execute(sql, args).fetchone()
    if found is not None:
        raise StoreError(f"{what} already in the project as document {found[0]!r}", path=path)


def insert_document(
    conn: sqlite3.Connection, name: str, signature: RunSignature, now: str,
    kind: str = "parallel",
) -> int:
    """A new ``documents`` row (its name made unique, its run recorded); returns its id."""
    cur = conn.execute(
        "INSERT INTO documents (name, run_id, added_at, kind) VALUES (?, ?, ?, ?)",
        (unique_name(conn, name), insert_run(conn, signature), now, kind),
    )
    return int(cur.lastrowid or 0)


def insert_run(conn: sqlite3.Connection, sig: RunSignature) -> int:
    """The id of the ``runs`` row for ``sig``, added if new (inside the caller's write)."""
    params = json.dumps(dict(sig.params), sort_keys=True, ensure_ascii=False)
    row = conn.execute(
        "SELECT id FROM runs WHERE hizala_version = ? AND encoder = ? AND params = ?",
        (sig.hizala_version, sig.encoder, params),
    ).fetchone()
    if row is not None:
        return int(row[0])
    cur = conn.execute(
        "INSERT INTO runs (created_at, hizala_version, encoder, params) VALUES (?, ?, ?, ?)",
        (utc_stamp(), sig.hizala_version, sig.encoder, params),
    )
    return int(cur.lastrowid or 0)


def unique_name(conn: sqlite3.Connection, name: str) -> str:
    """``name``, or ``name-2``, ``name-3``… if a document has it already."""
    name = " ".join(name.split()) or "document"
    taken = {r[0] for r in conn.execute("SELECT name FROM documents")}
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id after the highest ever given in ``table`` (AUTOINCREMENT never reuses one)."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    top = conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
    return int(max(seq[0] if seq else 0, top or 0)) + 1
