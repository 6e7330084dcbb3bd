"""Mixed documents in a project: an English article whose Turkish fragments are beads.

An article with Turkish inside (a quoted tweet, a banner, a comment-form
footer) is stored as a document of kind ``mixed``. Both of its files are the
article (the same path, SHA-256, encoding and decoded text on the ``tr`` and
``en`` side), so every segment's offsets point into the article. Each
fragment is one bead, in the order of the article:

* its Turkish side is one segment, the fragment;
* its English side is one segment, the sentence (or quotation) that renders
  it, or nothing (a 1:0 bead) when no sentence does;
* its score is its confidence: the pairing score for a paired fragment, and
  1 − the best candidate's score for an unpaired one (how sure it is that no
  sentence renders it), so that sorting by score puts the doubtful ones first
  either way;
* what the detector said (kind, detection confidence, the best candidate and
  its score, whether it was accepted, the reason in words) is kept in the
  ``fragments`` table, not as a QA finding: findings are recomputed whenever
  the glossary changes, this is not. See :meth:`MixedArticles.fragment`.

Reviewing a fragment bead:

* **confirm**: the fragment is Turkish and its English side (or its having
  none) is right.
* **reject**: the span is *not a Turkish fragment* (a false detection); it is
  left out of exports like any rejected bead. A *wrong pairing* is not
  rejected but corrected with :meth:`MixedArticles.rematch`, which pairs the
  fragment with another English span of the article, or with none; the
  English sentences worth choosing, ranked by the pairing model, come from
  one layer up (:meth:`align.review.ProjectEngine.match_candidates`).
* **edit_segment** works as for any bead (fixing a typo for the export), and
  a 1:0 fragment bead can get an English side typed in
  (``insert_counterpart(bead, "en")`` then ``edit_segment``).
* **merge, split_bead, move_segment, split_segment, realign** make no sense
  for a fragment (its beads are not a sequence of sentences) and are refused
  with a :class:`StoreError` that says to use rematch (:mod:`.operations`).

Like every operation, rematch is one transaction, journaled, undoable and
redoable (also after a restart), and puts the bead back to ``auto``; as for
every bead reshaped by hand, its score becomes None.
"""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Iterable, Sequence

from ..errors import StoreError
from ..paragraphs import paragraph_at, paragraph_near, paragraph_starts
from ..textio import SourceText
from ..types import FragmentMatch
from .base import ProjectFile
from .documents import document_name, insert_document, next_id, refuse_stored
from .journal import Journal
from .mixed_values import FragmentInfo, read_fragments
from .pending import GAP, refuse_fragment
from .queries import Queries
from .values import Operation, RunSignature

__all__ = ["MixedArticles"]


class MixedArticles:
    """Adding mixed articles, reading their fragments, and :meth:`rematch` (part of
    :class:`~align.store.Project`)."""

    def __init__(self, file: ProjectFile, queries: Queries, journal: Journal) -> None:
        self.file = file
        """The open project file."""
        self.queries = queries
        """The read side."""
        self.journal = journal
        """Where rematch is recorded."""
        self._articles: dict[int, str] = {}

    # -- adding -------------------------------------------------------------------
    def add_mixed_document(
        self,
        article: SourceText,
        matches: Sequence[FragmentMatch],
        *,
        signature: RunSignature,
        name: str | None = None,
    ) -> int:
        """Store an English article with its Turkish fragments (one transaction); returns
        the document's id.

        ``matches`` are the fragments with their pairing
        (:func:`align.fragments.find_fragments`); offsets point into
        ``article.text``. Each becomes a bead (see the module docstring). An
        article with no fragment is stored with no bead. The same article (by
        SHA-256) cannot be added twice. Not an undoable operation.
        """
        text = article.text
        ordered = sorted(matches, key=lambda m: m.fragment.start)
        _check_matches(ordered, text, self.file.path)
        path = None if article.path == "-" else article.path
        starts = paragraph_starts(text)
        with self.file.write() as conn:
            if article.sha256:
                refuse_stored(
                    conn,
                    "SELECT d.name FROM documents d JOIN files e ON e.document_id = d.id "
                    "AND e.side = 'en' WHERE d.kind = 'mixed' AND e.sha256 = ?",
                    (article.sha256,), "this article is", self.file.path,
                )
            doc_id = insert_document(conn, name or document_name(path or "article"), signature,
                                     self.file.clock(), kind="mixed")
            conn.executemany(
                "INSERT INTO files (document_id, side, path, sha256, lang, encoding, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, side, path, article.sha256, side, article.encoding, text)
                 for side in ("tr", "en")],
            )
            _insert_fragments(conn, doc_id, ordered, starts)
        self._remember(doc_id, text)
        return doc_id

    # -- reading ------------------------------------------------------------------
    def document_kind(self, document_id: int) -> str:
        """``parallel`` or ``mixed``; StoreError if there is no such document."""
        with self.file.read() as conn:
            row = conn.execute(
                "SELECT kind FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
        if row is None:
            raise StoreError(f"there is no document with id {document_id}", path=self.file.path)
        return str(row[0])

    def fragment(self, bead_id: int) -> FragmentInfo | None:
        """What the detector said about a fragment bead; None for a bead of a document
        pair. StoreError if there is no such bead."""
        with self.file.read() as conn:
            found = read_fragments(conn, bead_id=bead_id)
            if not found and conn.execute(
                "SELECT 1 FROM beads WHERE id = ?", (bead_id,)
            ).fetchone() is None:
                raise StoreError(f"there is no bead with id {bead_id}", path=self.file.path)
        return found.get(bead_id)

    def fragments(self, document_id: int | None = None) -> dict[int, FragmentInfo]:
        """The fragment records of one mixed document (or of all), by bead id."""
        with self.file.read() as conn:
            return read_fragments(conn, document_id=document_id)

    def fragment_counts(self) -> dict[int, tuple[int, int]]:
        """Per mixed document id: ``(fragments, unpaired)``, unpaired being the fragment
        beads with no English side now."""
        with self.file.read() as conn:
            rows = conn.execute(
                "SELECT d.id, count(b.id), "
                "sum(b.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM segments s "
                "WHERE s.bead_id = b.id AND s.side = 'en')) "
                "FROM documents d LEFT JOIN beads b ON b.document_id = d.id "
                "WHERE d.kind = 'mixed' GROUP BY d.id ORDER BY d.id"
            ).fetchall()
        return {int(r[0]): (int(r[1]), int(r[2] or 0)) for r in rows}

    def article_text(self, document_id: int) -> str:
        """A mixed article's text (read once per document and session)."""
        with self.file.read() as conn:
            return self._article(conn, document_id)

    def _article(self, conn: sqlite3.Connection, document_id: int) -> str:
        cached = self._articles.get(document_id)
        if cached is not None:
            return cached
        row = conn.execute(
            "SELECT text FROM files WHERE document_id = ? AND side = 'en'", (document_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"document {document_id} has no article text", path=self.file.path)
        text = str(row[0])
        self._remember(document_id, text)
        return text

    def _remember(self, document_id: int, text: str) -> None:
        # Documents never change once added, so the cache never goes stale.
        self._articles[document_id] = text

    def english_spans(
        self, document_id: int, starts: Iterable[int]
    ) -> dict[tuple[int, int], list[int]]:
        """Which beads of a mixed document have an English side starting at one of
        ``starts`` now: ``(start, end) -> bead ids``."""
        found: dict[tuple[int, int], list[int]] = {}
        with self.file.read() as conn:
            for bead_id, a, b in conn.execute(
                "SELECT s.bead_id, s.char_start, s.char_end FROM segments s "
                "JOIN beads b ON b.id = s.bead_id WHERE s.side = 'en' "
                "AND s.char_start IN (SELECT value FROM json_each(?)) AND b.document_id = ?",
                (json.dumps(sorted(set(starts))), document_id),
            ):
                found.setdefault((int(a), int(b)), []).append(int(bead_id))
        return found

    def refuse_fragment(self, bead_id: int, what: str) -> None:
        """StoreError (saying to use rematch) if the bead is a Turkish fragment, which
        ``what`` makes no sense for; checked before slow work such as re-aligning."""
        with self.file.read() as conn:
            refuse_fragment(conn, bead_id, what, self.file.path)

    # -- rematch ------------------------------------------------------------------
    def rematch(
        self, bead_id: int, en_start: int | None, en_end: int | None = None
    ) -> Operation | None:
        """Pair a fragment with the English span ``article[en_start:en_end]`` (white space
        around it is trimmed), or with nothing when ``en_start`` is None.

        The span may be any English stretch of the article that does not cut
        into the fragment (it may hold the fragment whole, as a sentence that
        quotes it does). The bead goes back to ``auto`` with no score. Returns
        None when the bead already has exactly that English side.
        """
        with self.journal.record("rematch") as op:
            doc, _pos, _status = op.bead(bead_id)
            row = op.conn.execute(
                "SELECT d.kind FROM documents d WHERE d.id = ?", (doc,)
            ).fetchone()
            if row is None or row[0] != "mixed":
                raise StoreError(
                    f"bead {op.number(bead_id)} is not a Turkish fragment: rematch pairs a "
                    "fragment of a mixed article with another English sentence; in a document "
                    "pair, merge, split or move segments instead",
                    path=self.file.path,
                )
            info = read_fragments(op.conn, bead_id=bead_id).get(bead_id)
            if info is None:  # pragma: no cover - every bead of a mixed document has one
                raise StoreError(f"bead {op.number(bead_id)} has no fragment record",
                                 path=self.file.path)
            en = op.conn.execute(
                "SELECT id, char_start, char_end, text, original FROM segments "
                "WHERE bead_id = ? AND side = 'en' ORDER BY ord",
                (bead_id,),
            ).fetchall()
            number = op.number(bead_id)
            if en_start is None:
                if not en:
                    return None
                op.rec.delete("segments", [int(r[0]) for r in en])
                op.description = f"leave fragment {number} unpaired"
            else:
                text = self._article(op.conn, doc)
                a, b = _span(text, en_start, en_end, info, self.file.path)
                if len(en) == 1 and (en[0][1], en[0][2], en[0][4]) == (a, b, None):
                    return None
                anchor = op.conn.execute(
                    "SELECT paragraph FROM segments WHERE id = ?", (info.segment_id,)
                ).fetchone()[0]
                values = {
                    "text": text[a:b], "char_start": a, "char_end": b,
                    "paragraph": paragraph_near(text, a, info.start, int(anchor)),
                    "original": None,
                }
                if en:
                    op.rec.update("segments", int(en[0][0]), ord=0, **values)
                    op.rec.delete("segments", [int(r[0]) for r in en[1:]])
                else:
                    op.rec.insert("segments", bead_id=bead_id, side="en", ord=0, **values)
                op.description = f"pair fragment {number} with the English at {a}–{b}"
            op.changed(bead_id, keep_score=False)
            op.focus = bead_id
        return op.result


def _span(
    text: str, start: int, end: int | None, info: FragmentInfo, path: str
) -> tuple[int, int]:
    """The trimmed span ``text[start:end]``, or StoreError saying what is wrong with it."""
    if end is None:
        raise StoreError("rematch needs the English span's end as well as its start", path=path)
    try:
        if isinstance(start, bool) or isinstance(end, bool):
            raise TypeError
        start, end = operator.index(start), operator.index(end)  # numpy ints too
    except TypeError:
        raise StoreError(
            f"the English span's offsets must be whole numbers, not {start!r} and {end!r}",
            path=path,
        ) from None
    if not 0 <= start < end <= len(text):
        raise StoreError(
            f"the English span {start}–{end} is not inside the article (0–{len(text)})",
            path=path,
        )
    piece = text[start:end]
    a = start + len(piece) - len(piece.lstrip())
    b = a + len(piece.strip())
    if a >= b:
        raise StoreError(f"the English span {start}–{end} holds only white space", path=path)
    disjoint = b <= info.start or a >= info.end
    holds = a <= info.start and b >= info.end and (a < info.start or b > info.end)
    if not (disjoint or holds):
        raise StoreError(
            f"the English span {a}–{b} cuts into the Turkish fragment at {info.start}–"
            f"{info.end}; choose English text beside it (or a sentence that holds it whole)",
            path=path,
        )
    return a, b


def _check_matches(matches: Sequence[FragmentMatch], text: str, path: str) -> None:
    """Refuse fragments and spans that do not point into the article, or overlap."""
    last_end = 0
    for m in matches:
        f = m.fragment
        if not (0 <= f.start < f.end <= len(text)) or text[f.start:f.end] != f.text:
            raise StoreError(
                f"the fragment at {f.start}–{f.end} does not match the article's text",
                path=path,
            )
        if f.start < last_end:
            raise StoreError(f"the fragment at {f.start}–{f.end} overlaps the one before it",
                             path=path)
        last_end = f.end
        for span in (m.match, m.best):
            if span is not None and (
                not (0 <= span.start < span.end <= len(text))
                or text[span.start:span.end] != span.text
            ):
                raise StoreError(
                    f"the English span at {span.start}–{span.end} does not match the article's "
                    "text",
                    path=path,
                )


def _insert_fragments(
    conn: sqlite3.Connection, doc_id: int, matches: Sequence[FragmentMatch],
    paragraphs: Sequence[int],
) -> None:
    bead = next_id(conn, "beads")
    seg = next_id(conn, "segments")
    beads, segments, fragments = [], [], []
    for k, m in enumerate(matches):
        f, bead_id = m.fragment, bead + k
        score = m.score if m.match is not None else 1.0 - m.score
        beads.append((bead_id, doc_id, GAP * (k + 1), score))
        # paragraphs numbered here, not taken from the caller: rematch counts from them
        segments.append((seg, bead_id, "tr", f.text, f.start, f.end,
                         paragraph_at(paragraphs, f.start)))
        best = m.best
        fragments.append((
            seg, doc_id, f.kind, f.confidence, f.start, f.end, m.score,
            None if best is None else best.start, None if best is None else best.end,
            None if best is None else best.text, int(m.match is not None), m.reason,
        ))
        seg += 1
        if m.match is not None:
            segments.append((seg, bead_id, "en", m.match.text, m.match.start, m.match.end,
                             paragraph_at(paragraphs, m.match.start)))
            seg += 1
    conn.executemany(
        "INSERT INTO beads (id, document_id, pos, score, status) VALUES (?, ?, ?, ?, 'auto')",
        beads,
    )
    conn.executemany(
        "INSERT INTO segments (id, bead_id, side, ord, text, char_start, char_end, paragraph) "
        "VALUES (?, ?, ?, 0, ?, ?, ?, ?)",
        segments,
    )
    conn.executemany(
        "INSERT INTO fragments (segment_id, document_id, kind, confidence, char_start, "
        "char_end, score, best_start, best_end, best_text, paired, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        fragments,
    )
