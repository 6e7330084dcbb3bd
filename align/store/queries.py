"""Reading a project: rows for the review screen, navigation, search, documents, counts.

Beads are in *project order*: documents in the order they were added, beads
in document order. A bead's *index* is its 0-based place in that order (what
"go to bead N" means); its *id* never changes. Reading the window of rows a
screen shows costs one query whatever the project's size.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any

from ..errors import StoreError
from ..normalize import APOSTROPHES, fold
from .base import ProjectFile
from .values import (
    STATUSES,
    BeadRow,
    DocumentInfo,
    ProjectSummary,
    RunSignature,
    SegmentRow,
)

__all__ = ["NAVIGATION", "Queries", "bead_place"]

NAVIGATION = ("any", "unconfirmed", "auto", "confirmed", "rejected", "low", "finding")
"""What :meth:`Queries.next_bead` can look for."""

_BEAD_COLS = "b.id, b.document_id, b.score, b.status, b.changed_by, b.changed_at"
_SEG_COLS = "s.id, s.side, s.text, s.char_start, s.char_end, s.paragraph, s.original"


def _fold_fast(text: str) -> str:
    """:func:`align.normalize.fold` with ``str.replace`` (fast on long strings)."""
    out = text.replace("I", "ı").replace("İ", "i").lower()
    if len(out) != len(text):
        return fold(text)
    for apostrophe in APOSTROPHES[1:]:
        out = out.replace(apostrophe, "'")
    return out


def _segment(row: Sequence[Any]) -> SegmentRow:
    return SegmentRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6])


def _signature(version: str, encoder: str, params: str) -> RunSignature:
    try:
        raw = json.loads(params)
    except ValueError:
        raw = {}
    items = raw.items() if isinstance(raw, dict) else ()
    return RunSignature(version, encoder, tuple(sorted((str(k), str(v)) for k, v in items)))


_Haystack = tuple[str, list[int], list[int]]


def bead_place(conn: sqlite3.Connection, bead_id: int, path: str) -> tuple[int, int, str]:
    """``(document_id, pos, status)`` of a bead, or StoreError if there is no such bead."""
    row = conn.execute(
        "SELECT document_id, pos, status FROM beads WHERE id = ?", (bead_id,)
    ).fetchone()
    if row is None:
        raise StoreError(f"there is no bead with id {bead_id}", path=path)
    return int(row[0]), int(row[1]), str(row[2])


class Queries:
    """The read side of :class:`~align.store.Project`: beads, navigation, search, documents
    and counts."""

    def __init__(self, file: ProjectFile) -> None:
        self.file = file
        """The open project file."""
        self._search_cache: tuple[tuple[int, int, str | None], _Haystack] | None = None

    # -- beads -----------------------------------------------------------------
    def _rows(self, conn: sqlite3.Connection, sql: str, args: Sequence[Any]) -> list[BeadRow]:
        """BeadRows for ``sql``, which selects bead columns ``b`` in order (a sub-query)."""
        query = (
            f"SELECT {_BEAD_COLS}, (SELECT count(*) FROM findings f WHERE f.bead_id = b.id), "
            f"{_SEG_COLS} FROM ({sql}) b LEFT JOIN segments s ON s.bead_id = b.id "
            "ORDER BY b.rank, s.side DESC, s.ord"
        )
        out: list[BeadRow] = []
        current: list[Any] | None = None
        tr: list[SegmentRow] = []
        en: list[SegmentRow] = []

        def flush() -> None:
            if current is not None:
                out.append(
                    BeadRow(
                        id=current[0], document_id=current[1], tr=tuple(tr), en=tuple(en),
                        score=current[2], status=current[3], changed_by=current[4],
                        changed_at=current[5], findings=current[6],
                    )
                )

        for row in conn.execute(query, args):
            if current is None or row[0] != current[0]:
                flush()
                current, tr, en = list(row[:7]), [], []
            if row[7] is not None:
                (tr if row[8] == "tr" else en).append(_segment(row[7:]))
        flush()
        return out

    def beads(
        self, start: int = 0, limit: int | None = None, *, document_id: int | None = None
    ) -> list[BeadRow]:
        """Beads in project order from index ``start`` (``limit`` of them, or all)."""
        where, args = ("WHERE document_id = ?", [document_id]) if document_id else ("", [])
        sql = (
            f"SELECT *, row_number() OVER (ORDER BY document_id, pos) AS rank FROM beads {where} "
            "ORDER BY document_id, pos LIMIT ? OFFSET ?"
        )
        with self.file.read() as conn:
            return self._rows(conn, sql, [*args, -1 if limit is None else limit, max(start, 0)])

    def bead(self, bead_id: int) -> BeadRow:
        """One bead by id; StoreError if there is no such bead."""
        with self.file.read() as conn:
            rows = self._rows(conn, "SELECT *, 0 AS rank FROM beads WHERE id = ?", [bead_id])
        if not rows:
            raise StoreError(f"there is no bead with id {bead_id}", path=self.file.path)
        return rows[0]

    def beads_by_id(self, bead_ids: Iterable[int]) -> list[BeadRow]:
        """The beads with these ids (those that exist), in project order."""
        ids = json.dumps([int(i) for i in bead_ids])
        sql = (
            "SELECT *, row_number() OVER (ORDER BY document_id, pos) AS rank FROM beads "
            "WHERE id IN (SELECT value FROM json_each(?))"
        )
        with self.file.read() as conn:
            return self._rows(conn, sql, [ids])

    def bead_count(self, document_id: int | None = None) -> int:
        """Number of beads in the project (or in one document)."""
        with self.file.read() as conn:
            if document_id is None:
                return int(conn.execute("SELECT count(*) FROM beads").fetchone()[0])
            return int(
                conn.execute(
                    "SELECT count(*) FROM beads WHERE document_id = ?", (document_id,)
                ).fetchone()[0]
            )

    def index_of(self, bead_id: int) -> int:
        """The bead's 0-based index in project order."""
        with self.file.read() as conn:
            doc, pos, _status = bead_place(conn, bead_id, self.file.path)
            n = conn.execute(
                "SELECT count(*) FROM beads WHERE document_id < ? "
                "OR (document_id = ? AND pos < ?)",
                (doc, doc, pos),
            ).fetchone()[0]
        return int(n)

    def bead_id_at(self, index: int) -> int:
        """The id of the bead at ``index`` in project order."""
        with self.file.read() as conn:
            row = conn.execute(
                "SELECT id FROM beads ORDER BY document_id, pos LIMIT 1 OFFSET ?", (index,)
            ).fetchone()
        if row is None or index < 0:
            raise StoreError(f"there is no bead number {index}", path=self.file.path)
        return int(row[0])

    def next_bead(
        self,
        from_id: int | None,
        what: str = "unconfirmed",
        *,
        backwards: bool = False,
        wrap: bool = True,
    ) -> int | None:
        """The next (or previous) bead after ``from_id`` that is ``what``; None if none.

        ``what`` is one of :data:`NAVIGATION`: ``unconfirmed`` (auto or
        rejected), ``auto``, ``confirmed``, ``rejected``, ``low`` (not reviewed
        yet and scoring below :attr:`low_threshold`), ``finding`` (has a QA
        finding) or ``any``. With ``wrap`` the search continues from the other
        end. ``from_id`` None starts before the first bead (after the last,
        backwards).
        """
        conditions = {
            "any": "1",
            "unconfirmed": "status != 'confirmed'",
            "auto": "status = 'auto'",
            "confirmed": "status = 'confirmed'",
            "rejected": "status = 'rejected'",
            "low": "status = 'auto' AND score IS NOT NULL AND score < :low",
            "finding": "EXISTS (SELECT 1 FROM findings f WHERE f.bead_id = beads.id)",
        }
        if what not in conditions:
            raise StoreError(f"unknown navigation {what!r}; choose one of {', '.join(NAVIGATION)}")
        order = "DESC" if backwards else "ASC"
        cmp = "<" if backwards else ">"
        args: dict[str, Any] = {"low": self.file.low}
        with self.file.read() as conn:
            after = ""
            if from_id is not None:
                row = conn.execute(
                    "SELECT document_id, pos FROM beads WHERE id = ?", (from_id,)
                ).fetchone()
                if row is not None:
                    args.update(d=row[0], p=row[1])
                    after = f"AND (document_id {cmp} :d OR (document_id = :d AND pos {cmp} :p))"
            base = f"SELECT id FROM beads WHERE ({conditions[what]}) "
            tail = f"ORDER BY document_id {order}, pos {order} LIMIT 1"
            found = conn.execute(base + after + tail, args).fetchone()
            if found is None and wrap and after:
                found = conn.execute(base + tail, args).fetchone()
        return None if found is None else int(found[0])

    def search(
        self,
        text: str,
        from_id: int | None = None,
        *,
        side: str | None = None,
        backwards: bool = False,
    ) -> int | None:
        """The next bead (wrapping around) whose text contains ``text``, compared with
        Turkish-aware case folding (``I``/``ı``, ``İ``/``i``, apostrophes); None if none.

        ``side`` (``tr``/``en``) limits the search to one side.
        """
        needle = fold(text.strip()).replace("\x00", "")
        if not needle:
            return None
        with self.file.read() as conn:
            haystack, starts, owners = self._haystack(conn, side)
            hit_ids: dict[int, None] = {}
            at = haystack.find(needle)
            while at != -1:
                k = bisect_right(starts, at) - 1
                hit_ids[owners[k]] = None
                at = haystack.find(needle, starts[k + 1])
            if not hit_ids:
                return None
            ids = json.dumps(list(hit_ids))
            hits = conn.execute(
                "SELECT document_id, pos, id FROM beads WHERE id IN "
                "(SELECT value FROM json_each(?)) ORDER BY document_id, pos",
                (ids,),
            ).fetchall()
            here = None
            if from_id is not None:
                here = conn.execute(
                    "SELECT document_id, pos FROM beads WHERE id = ?", (from_id,)
                ).fetchone()
        if here is None:
            return int((hits[-1] if backwards else hits[0])[2])
        spot = (here[0], here[1])
        if backwards:
            before = [h for h in hits if (h[0], h[1]) < spot]
            return int((before[-1] if before else hits[-1])[2])
        later = [h for h in hits if (h[0], h[1]) > spot]
        return int((later[0] if later else hits[0])[2])

    def _haystack(self, conn: sqlite3.Connection, side: str | None) -> _Haystack:
        """All segment texts folded into one string (with their start offsets and bead
        ids), cached until the project changes: repeated searches cost a ``find``."""
        version = (
            int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes, side
        )
        cached = self._search_cache
        if cached is not None and cached[0] == version:
            return cached[1]
        sql = "SELECT bead_id, text FROM segments" + ("" if side is None else " WHERE side = ?")
        rows = conn.execute(sql, () if side is None else (side,)).fetchall()
        # One folded string: str.find beats folding 20,000 texts one by one.
        starts = list(accumulate((len(r[1]) + 1 for r in rows), initial=0))
        value: _Haystack = (
            _fold_fast("\x00".join(r[1] for r in rows)), starts, [r[0] for r in rows]
        )
        self._search_cache = (version, value)
        return value

    def stretch(self, bead_id: int) -> tuple[int, ...]:
        """The ids of the unconfirmed stretch around a bead: the longest run of beads that
        are not confirmed, in its document, containing it (empty if it is confirmed)."""
        with self.file.read() as conn:
            doc, pos, status = bead_place(conn, bead_id, self.file.path)
            if status == "confirmed":
                return ()
            lo = conn.execute(
                "SELECT max(pos) FROM beads WHERE document_id = ? AND pos < ? "
                "AND status = 'confirmed'",
                (doc, pos),
            ).fetchone()[0]
            hi = conn.execute(
                "SELECT min(pos) FROM beads WHERE document_id = ? AND pos > ? "
                "AND status = 'confirmed'",
                (doc, pos),
            ).fetchone()[0]
            ids = conn.execute(
                "SELECT id FROM beads WHERE document_id = ? AND pos > ? AND pos < ? "
                "ORDER BY pos",
                (doc, -(2**62) if lo is None else lo, 2**62 if hi is None else hi),
            ).fetchall()
        return tuple(int(r[0]) for r in ids)

    # -- documents, findings, summary -------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        """Every document with its counts, in the order they were added."""
        sql = """
            SELECT d.id, d.name, t.path, e.path, t.sha256, e.sha256, d.added_at,
                   r.hizala_version, r.encoder, r.params,
                   (SELECT count(*) FROM beads b WHERE b.document_id = d.id),
                   (SELECT count(*) FROM beads b WHERE b.document_id = d.id
                        AND b.status = 'confirmed'),
                   (SELECT count(*) FROM beads b WHERE b.document_id = d.id
                        AND b.status = 'rejected'),
                   (SELECT count(*) FROM beads b WHERE b.document_id = d.id
                        AND b.status = 'auto' AND b.score < :low),
                   (SELECT count(*) FROM findings f JOIN beads b ON f.bead_id = b.id
                        WHERE b.document_id = d.id),
                   d.kind
            FROM documents d JOIN runs r ON r.id = d.run_id
            LEFT JOIN files t ON t.document_id = d.id AND t.side = 'tr'
            LEFT JOIN files e ON e.document_id = d.id AND e.side = 'en'
            ORDER BY d.id
        """
        with self.file.read() as conn:
            rows = conn.execute(sql, {"low": self.file.low}).fetchall()
        return [
            DocumentInfo(
                id=r[0], name=r[1], tr_path=r[2], en_path=r[3], tr_sha256=r[4] or "",
                en_sha256=r[5] or "", added_at=r[6], signature=_signature(r[7], r[8], r[9]),
                beads=r[10], confirmed=r[11], rejected=r[12], low_confidence=r[13],
                findings=r[14], kind=r[15],
            )
            for r in rows
        ]

    def file_text(self, document_id: int, side: str) -> str:
        """The decoded text of a document's Turkish or English file (offsets point into it)."""
        with self.file.read() as conn:
            row = conn.execute(
                "SELECT text FROM files WHERE document_id = ? AND side = ?", (document_id, side)
            ).fetchone()
        if row is None:
            raise StoreError(f"document {document_id} has no {side} file", path=self.file.path)
        return str(row[0])

    def summary(self) -> ProjectSummary:
        """Counts over the whole project (what ``hizala status`` shows)."""
        with self.file.read() as conn:
            counts = dict.fromkeys(STATUSES, 0)
            for status, n in conn.execute("SELECT status, count(*) FROM beads GROUP BY status"):
                counts[status] = n
            low = conn.execute(
                "SELECT count(*) FROM beads WHERE status = 'auto' AND score < ?",
                (self.file.low,),
            ).fetchone()[0]
            kinds = conn.execute(
                "SELECT kind, count(*) AS n FROM findings GROUP BY kind ORDER BY n DESC, kind"
            ).fetchall()
            undo = conn.execute("SELECT count(*) FROM operations WHERE undone = 0").fetchone()[0]
            redo = conn.execute("SELECT count(*) FROM operations WHERE undone = 1").fetchone()[0]
            created = conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
            docs = self.documents()
        return ProjectSummary(
            path=self.file.path,
            schema_version=self.file.schema_version,
            created_at=created[0] if created else "",
            documents=tuple(docs),
            beads=sum(counts.values()),
            confirmed=counts["confirmed"],
            rejected=counts["rejected"],
            low_confidence=low,
            low_threshold=self.file.low_threshold,
            findings=sum(n for _k, n in kinds),
            findings_by_kind=tuple((k, n) for k, n in kinds),
            undo_depth=undo,
            redo_depth=redo,
        )
