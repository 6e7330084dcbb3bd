"""The English sentences a fragment could be paired with instead, ranked, on demand.

For a fragment bead, :meth:`MatchCandidates.match_candidates` scores every
English sentence and quotation of the article within reach (the candidates
and the model of :mod:`align.fragments.pair`, so the detector's own choice
gets the same score it had when the article was added) and returns them best
first, each marked if it is the bead's English side now or another
fragment's. The article's sentences and candidates are worked out once per
document and kept in memory (documents never change); embeddings come from
the encoder's cache, then from the project's ``embeddings`` table (adding an
article stores the states of every text pairing embedded), and only texts
never embedded before are embedded, then stored.

The slow part runs outside any write transaction, so a UI can call it from a
worker thread while the reviewer goes on working.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..encoders.base import Encoder, Progress
from ..errors import StoreError
from .embeddings import prime_cache, save_states
from .mixed import MixedDocuments, paragraph_at, paragraph_starts
from .mixed_values import FragmentInfo, MatchCandidate
from .realign import _few_threads

if TYPE_CHECKING:
    from ..fragments.pair import Candidate, GlossaryEvidence
    from ..types import Segment

__all__ = ["MatchCandidates"]


@dataclass(frozen=True, slots=True)
class _Context:
    """A mixed document's English side, as pairing sees it."""

    segments: list[Segment]
    """The article's English segmentation."""
    candidates: list[Candidate]
    """Its candidate spans (sentences without Turkish, quotations)."""
    sentences: np.ndarray
    """``candidates[j].sentence`` as an array."""
    lexical: Encoder
    """The shared-numbers-and-names encoder (with its own cache)."""


class MatchCandidates(MixedDocuments):
    """Adds :meth:`match_candidates` (part of :class:`~align.store.Project`)."""

    _contexts: dict[int, _Context] | None = None

    def match_candidates(
        self,
        bead_id: int,
        *,
        encoder: Encoder | None = None,
        glossary: GlossaryEvidence | None = None,
        limit: int | None = None,
        progress: Progress | None = None,
    ) -> list[MatchCandidate]:
        """The English spans of the article a fragment bead may be paired with, best first.

        ``encoder``: default the project's (:meth:`encoder`). ``glossary``:
        term pairs as evidence, as when the article was added with a
        glossary (:func:`align.fragments.glossary_evidence.load_glossary_evidence`);
        without it the scores leave that evidence out. ``limit``: at most
        this many. Pass a candidate's ``start`` and ``end`` to :meth:`rematch`.
        StoreError for a bead that is not a fragment.
        """
        from ..fragments.model import Fragment
        from ..fragments.pair import _REACH, _sentence_of, pair_features, pair_scores

        info = self.fragment(bead_id)
        if info is None:
            raise StoreError(
                f"bead #{self.index_of(bead_id) + 1} is not a Turkish fragment of a mixed "
                "article: it has no English candidates to choose from",
                path=self.path,
            )
        bead = self.bead(bead_id)
        ctx = self._context(info.document_id)
        if not ctx.candidates:
            return []
        tr_text = bead.tr_text
        fragment = Fragment(info.start, info.end, tr_text, info.kind, info.confidence,
                            bead.tr[0].paragraph if bead.tr else 0)
        first = _sentence_of(ctx.segments, info.start)
        last = _sentence_of(ctx.segments, max(info.start, info.end - 1))
        cols = np.flatnonzero((ctx.sentences >= first - _REACH)
                              & (ctx.sentences <= last + _REACH))
        subset = [ctx.candidates[int(j)] for j in cols]
        if not subset:
            return []
        enc = encoder or self.encoder()
        texts = [tr_text] + [c.embed_text for c in subset]
        with self._read() as conn:
            prime_cache(conn, enc, texts)
            taken = self._english_spans(conn, info, subset)
        missing = [t for t, v in zip(texts, enc.cache.get_many(enc.name, texts), strict=True)
                   if v is None]
        with _few_threads(len(texts)):
            feats = pair_features([fragment], subset, ctx.segments, enc, glossary=glossary,
                                  lexical=ctx.lexical, progress=progress)
        if missing and self.writable:
            self._keep_states(enc, missing)
        scores = pair_scores(feats)[0]
        order = np.argsort(-scores, kind="stable")
        if limit is not None:
            order = order[: max(limit, 0)]
        current = {(s.start, s.end) for s in bead.en}
        out = []
        for j in order:
            c = subset[int(j)]
            span = (c.span.start, c.span.end)
            out.append(MatchCandidate(
                start=c.span.start, end=c.span.end, text=c.span.text,
                score=float(scores[j]), similarity=float(feats[0, j, 0]), sentence=c.sentence,
                current=span in current,
                taken_by=tuple(b for b in taken.get(span, ()) if b != bead_id),
            ))
        return out

    def _keep_states(self, encoder: Encoder, texts: list[str]) -> None:
        """Best effort: a full disk must not turn a ranking into an error."""
        try:
            with self._write() as conn:
                save_states(conn, encoder, texts)
        except StoreError:
            pass

    @staticmethod
    def _english_spans(
        conn: sqlite3.Connection, info: FragmentInfo, subset: Sequence[Candidate]
    ) -> dict[tuple[int, int], list[int]]:
        """Which fragment beads of the document have one of the candidates as their English
        side now: span -> bead ids."""
        starts = json.dumps(sorted({c.span.start for c in subset}))
        out: dict[tuple[int, int], list[int]] = {}
        for bead_id, a, b in conn.execute(
            "SELECT s.bead_id, s.char_start, s.char_end FROM segments s "
            "JOIN beads b ON b.id = s.bead_id WHERE s.side = 'en' "
            "AND s.char_start IN (SELECT value FROM json_each(?)) AND b.document_id = ?",
            (starts, info.document_id),
        ):
            out.setdefault((int(a), int(b)), []).append(int(bead_id))
        return out

    def _context(self, document_id: int) -> _Context:
        cached = (self._contexts or {}).get(document_id)
        if cached is not None:
            return cached
        from ..encoders import get_encoder
        from ..fragments.model import Fragment
        from ..fragments.pair import candidates
        from ..segment import segment

        with self._read() as conn:
            text = self._article(conn, document_id)
        infos = sorted(self.fragments(document_id).values(), key=lambda i: i.start)
        starts = paragraph_starts(text)
        frags = [Fragment(i.start, i.end, text[i.start:i.end], i.kind, i.confidence,
                          paragraph_at(starts, i.start)) for i in infos]
        segs = segment(text, "en")
        cands = candidates(text, segs, frags)
        ctx = _Context(segs, cands, np.array([c.sentence for c in cands], dtype=np.int64),
                       get_encoder("lexical"))
        if self._contexts is None:
            self._contexts = {}
        self._contexts[document_id] = ctx
        return ctx
