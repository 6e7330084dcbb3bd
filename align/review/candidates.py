"""The English sentences a fragment could be paired with instead, ranked, on demand.

For a fragment bead, :meth:`CandidateRanker.rank` scores every English
sentence and quotation of the article within reach (the candidates and the
model of :mod:`align.fragments.pair`, so the detector's own choice gets the
same score it had when the article was added) and returns them best first,
each marked if it is the bead's English side now or another fragment's. The
article's sentences and candidates are worked out once per document and kept
in memory (documents never change); embeddings come from the encoder's
cache, then from the project's stored states (adding an article stores the
states of every text pairing embedded), and only texts never embedded before
are embedded, then stored.

The slow part runs outside any write transaction, so a UI can call it from a
worker thread while the reviewer goes on working.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ..encoders.base import Encoder, Progress
from ..errors import StoreError
from ..paragraphs import paragraph_at, paragraph_starts
from ..store import Project
from ..types import Fragment, Segment
from .embeddings import few_threads, prime_cache, save_embeddings

if TYPE_CHECKING:
    from ..fragments.pair import Candidate, GlossaryEvidence

__all__ = ["CandidateRanker", "MatchCandidate"]


@dataclass(frozen=True, slots=True)
class MatchCandidate:
    """An English sentence (or quotation) of the article that may render a fragment."""

    start: int
    """Offset in the article's decoded text; pass it to ``rematch``."""
    end: int
    """Offset one past the end."""
    text: str
    """``article[start:end]``."""
    score: float
    """Pairing score in [0, 1] for this fragment (the detector's model: similarity,
    nearness, shared numbers and names, glossary terms when given)."""
    similarity: float
    """The encoder's cosine similarity of the fragment and the candidate."""
    sentence: int
    """0-based index of the English sentence that holds the candidate."""
    current: bool = False
    """Whether it is the bead's English side now."""
    taken_by: tuple[int, ...] = ()
    """Other fragment beads whose English side is this span now."""



@dataclass(frozen=True, slots=True)
class _Context:
    """A mixed document's English side, as pairing sees it."""

    segments: list[Segment]
    """The article's English segmentation."""
    candidates: list[Candidate]
    """Its candidate spans (sentences without Turkish, quotations)."""
    sentences: NDArray[np.int64]
    """``candidates[j].sentence`` as an array."""
    lexical: Encoder
    """The shared-numbers-and-names encoder (with its own cache)."""


class CandidateRanker:
    """Ranks a project's English candidates for its fragment beads (one per open project:
    it keeps each article's sentences and candidates)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        """The project whose fragments are ranked."""
        self._contexts: dict[int, _Context] = {}

    def rank(
        self,
        bead_id: int,
        encoder: Encoder | Callable[[], Encoder],
        *,
        glossary: GlossaryEvidence | None = None,
        limit: int | None = None,
        progress: Progress | None = None,
    ) -> list[MatchCandidate]:
        """The English spans of the article a fragment bead may be paired with, best first.

        ``encoder``: the encoder, or a function that makes it (called only for a
        fragment with candidates). ``glossary``: term pairs as evidence, as when the article was added
        with a glossary
        (:func:`align.fragments.glossary_evidence.load_glossary_evidence`);
        without it the scores leave that evidence out. ``limit``: at most
        this many. Pass a candidate's ``start`` and ``end`` to ``rematch``.
        StoreError for a bead that is not a fragment.
        """
        from ..fragments.pair import pair_features, pair_scores, within_reach

        project = self.project
        info = project.fragment(bead_id)
        if info is None:
            raise StoreError(
                f"bead #{project.index_of(bead_id) + 1} is not a Turkish fragment of a mixed "
                "article: it has no English candidates to choose from",
                path=project.path,
            )
        bead = project.bead(bead_id)
        ctx = self._context(info.document_id)
        if not ctx.candidates:
            return []
        tr_text = bead.tr_text
        fragment = Fragment(info.start, info.end, tr_text, info.kind, info.confidence,
                            bead.tr[0].paragraph if bead.tr else 0)
        cols = within_reach(ctx.segments, ctx.sentences, info.start, info.end)
        subset = [ctx.candidates[int(j)] for j in cols]
        if not subset:
            return []
        texts = [tr_text] + [c.embed_text for c in subset]
        if not isinstance(encoder, Encoder):
            encoder = encoder()
        prime_cache(project, encoder, texts)
        taken = project.english_spans(info.document_id, (c.span.start for c in subset))
        cached = encoder.cache.get_many(encoder.name, texts)
        missing = [t for t, v in zip(texts, cached, strict=True) if v is None]
        with few_threads(len(texts)):
            feats = pair_features([fragment], subset, ctx.segments, encoder, glossary=glossary,
                                  lexical=ctx.lexical, progress=progress)
        if missing and project.writable:
            # a full disk must not turn a ranking into an error
            save_embeddings(project, encoder, missing, best_effort=True)
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

    def _context(self, document_id: int) -> _Context:
        cached = self._contexts.get(document_id)
        if cached is not None:
            return cached
        from ..encoders import get_encoder
        from ..fragments.pair import candidates
        from ..segment import segment

        text = self.project.article_text(document_id)
        infos = sorted(self.project.fragments(document_id).values(), key=lambda i: i.start)
        starts = paragraph_starts(text)
        frags = [Fragment(i.start, i.end, text[i.start:i.end], i.kind, i.confidence,
                          paragraph_at(starts, i.start)) for i in infos]
        segs = segment(text, "en")
        cands = candidates(text, segs, frags)
        ctx = _Context(segs, cands, np.array([c.sentence for c in cands], dtype=np.int64),
                       get_encoder("lexical"))
        self._contexts[document_id] = ctx
        return ctx
