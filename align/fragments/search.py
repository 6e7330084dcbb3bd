"""Where pairing looks for a fragment's rendering: an expanding search that stops early.

Embedding is what pairing costs (the encoder's time grows with the tokens it
reads), and embedding every English sentence of a document for every fragment
made pairing three times slower than detection. Most renderings sit near
their fragment, or share names and numbers with it, so the search asks for
the likeliest candidates first and stops when the rest cannot matter:

1. **Prior.** Before anything is embedded, each fragment gets a probability
   over its candidates and *none* (a conditional logit over
   :data:`PRIOR_FEATURES`): distance in sentences and paragraphs, before or
   after, shared numbers, names and cognates (the lexical encoder), the
   length ratio. The utility of *none* (:data:`NULL_FEATURES`) grows when the
   fragment shares little with the whole document, as boilerplate and text
   from elsewhere do.
2. **First round.** Each fragment asks for its likeliest candidates, until
   they and *none* hold :attr:`SearchModel.first_round` of its prior; the
   requests of all fragments are embedded in one encoder call (with the
   fragments themselves), and a candidate embedded for one fragment is seen
   by all.
3. **Posterior.** A seen candidate's probability is multiplied by the
   likelihood ratio of its cosine (:attr:`SearchModel.cosine_llr`, match
   against non-match); unseen ones keep their prior. A fragment is done when
   the unseen candidates hold less than :attr:`SearchModel.stop` of this
   posterior: a candidate that explains it has been seen, or what is left is
   too unlikely to hold its rendering (an orphan stops after its
   neighbourhood, not after the whole document).
4. **Second round.** Each fragment not done asks for the unseen candidates,
   likeliest first, that would make it done even if none of them matched;
   one more encoder call, after which every fragment is done. Two calls in
   all: each call streams the encoder's weights once (about 2 ms), so more,
   smaller rounds cost more than the few candidates they would save.

The weights are fitted on the even half of the devset with
``benchmarks/fit_fragments.py`` and shipped as data
(``align/data/fragment_weights.json``, :mod:`.fitted`). ``stop=0`` searches every candidate (the
default of ``hizala fragments``; ``--fast`` uses the search): a rendering far away that
shares no name or number with its fragment is found only that way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .fitted import FragmentWeights, shipped_weights

__all__ = [
    "NULL_FEATURES",
    "PRIOR_FEATURES",
    "Layout",
    "SearchModel",
    "cosine_llr",
    "expanding_search",
    "null_features",
    "prior",
    "prior_features",
]

PRIOR_FEATURES: tuple[str, ...] = (
    "near",  # 1 in the same or the next sentence, falling with the log of the distance
    "log_distance",  # log(1 + sentences between)
    "inline_same_paragraph",  # a fragment inside an English paragraph, a candidate in it
    "inline_same_sentence",  # ... in the very sentence that holds the fragment
    "block_paragraph_1",  # a fragment that is a paragraph, a candidate 1, 2, 3 paragraphs away
    "block_paragraph_2",
    "block_paragraph_3",
    "before",  # the candidate comes before the fragment
    "lexical",  # cosine of shared numbers, names, cognates
    "lexical_squared",
    "length_ratio",  # |log| of the ratio of the lengths in characters
)
"""Candidate features of the prior, in the order of :attr:`SearchModel.candidate_weights`."""

NULL_FEATURES: tuple[str, ...] = (
    "bias",
    "lexical_document",  # lexical cosine of the fragment with the whole document
    "lexical_best",  # its best lexical cosine with one candidate
    "log_length",  # log of the fragment's length in characters, over 5
    "inline",  # the fragment sits inside an English paragraph
)
"""Features of the utility of *none*, in the order of :attr:`SearchModel.null_weights`."""


def _shipped() -> FragmentWeights:
    weights = shipped_weights()
    weights.check_features("search prior", weights.prior_features, PRIOR_FEATURES)
    weights.check_features("search none", weights.null_features, NULL_FEATURES)
    return weights


@dataclass(frozen=True, slots=True)
class SearchModel:
    """The prior, the likelihood ratio of a cosine, and when to stop. The defaults are the
    fitted values shipped in ``align/data/fragment_weights.json`` (:mod:`.fitted`)."""

    candidate_weights: tuple[float, ...] = field(
        default_factory=lambda: _shipped().candidate_weights)
    """One weight per feature in :data:`PRIOR_FEATURES`."""
    null_weights: tuple[float, ...] = field(default_factory=lambda: _shipped().null_weights)
    """One weight per feature in :data:`NULL_FEATURES`."""
    cosine_llr: tuple[float, float, float] = field(default_factory=lambda: _shipped().cosine_llr)
    """``(a, b, c)``: log likelihood ratio of a cosine ``x`` = ``a x + b x² + c``."""
    first_round: float = field(default_factory=lambda: _shipped().first_round)
    """The first round embeds each fragment's likeliest candidates until they and
    *none* hold this share of its prior."""
    stop: float = field(default_factory=lambda: _shipped().stop)
    """A fragment is done when the unseen candidates hold less than this share of
    its posterior; the second round embeds what each fragment still needs for that,
    as if none of it matched. 0 searches every candidate."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Where candidates stand relative to fragments, shape ``(fragments, candidates)``."""

    distance: NDArray[np.int64]
    """Sentences between the fragment's sentences and the candidate's (0: the same)."""
    paragraphs: NDArray[np.int64]
    """Paragraphs between them (0: the same paragraph)."""
    before: NDArray[np.bool_]
    """The candidate comes before the fragment."""
    block: NDArray[np.bool_]
    """Per fragment: it is a paragraph of its own (else it sits inside English text)."""

    @classmethod
    def build(cls, frag_sentences: Sequence[tuple[int, int]], frag_paragraphs: Sequence[int],
              frag_blocks: Sequence[bool], cand_sentences: Sequence[int],
              cand_paragraphs: Sequence[int]) -> Layout:
        """From each fragment's first and last sentence, paragraph and kind, and each
        candidate's sentence and paragraph."""
        span = np.asarray(frag_sentences, dtype=np.int64).reshape(-1, 2)
        cs = np.asarray(cand_sentences, dtype=np.int64)
        before = np.maximum(span[:, :1] - cs[None, :], 0)
        after = np.maximum(cs[None, :] - span[:, 1:], 0)
        fp = np.asarray(frag_paragraphs, dtype=np.int64)
        cp = np.asarray(cand_paragraphs, dtype=np.int64)
        return cls(np.maximum(before, after), np.abs(fp[:, None] - cp[None, :]), before > 0,
                   np.asarray(frag_blocks, dtype=bool))

    @property
    def near(self) -> NDArray[np.float64]:
        """1 in the same or the next sentence, falling with the log of the distance."""
        out: NDArray[np.float64] = 1.0 / (1.0 + np.log1p(np.maximum(self.distance - 1, 0)))
        return out


def prior_features(layout: Layout, lexical: NDArray[np.float64],
                   frag_lengths: Sequence[int], cand_lengths: Sequence[int]
                   ) -> NDArray[np.float64]:
    """Shape ``(fragments, candidates, len(PRIOR_FEATURES))``; ``lexical`` is the lexical
    cosine of each pair (zeros without the lexical encoder)."""
    block = layout.block[:, None]
    inline = ~block
    pd = layout.paragraphs
    fl = np.asarray(frag_lengths, dtype=np.float64)[:, None] + 10.0
    cl = np.asarray(cand_lengths, dtype=np.float64)[None, :] + 10.0
    parts = (
        layout.near,
        np.log1p(layout.distance),
        inline & (pd == 0),
        inline & (layout.distance == 0),
        block & (pd == 1),
        block & (pd == 2),
        block & (pd == 3),
        layout.before,
        lexical,
        lexical**2,
        np.abs(np.log(cl / fl)),
    )
    shape = layout.distance.shape
    return np.stack([np.broadcast_to(np.asarray(p, dtype=np.float64), shape) for p in parts],
                    axis=-1)


def null_features(lexical: NDArray[np.float64], lexical_document: NDArray[np.float64],
                  frag_lengths: Sequence[int], layout: Layout) -> NDArray[np.float64]:
    """Shape ``(fragments, len(NULL_FEATURES))``; ``lexical_document`` is each fragment's
    lexical cosine with the sum of the candidates' lexical vectors."""
    n = len(frag_lengths)
    best = lexical.max(axis=1) if lexical.shape[1] else np.zeros(n)
    length = np.log(np.maximum(np.asarray(frag_lengths, dtype=np.float64), 1.0)) / 5.0
    return np.stack([np.ones(n), lexical_document, best, length,
                     (~layout.block).astype(np.float64)], axis=-1)


def prior(model: SearchModel, cand_x: NDArray[np.float64], null_x: NDArray[np.float64]
          ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Probabilities of each candidate, shape ``(fragments, candidates)``, and of *none*."""
    z = cand_x @ np.asarray(model.candidate_weights, dtype=np.float64)
    zn = null_x @ np.asarray(model.null_weights, dtype=np.float64)
    top = np.maximum(z.max(axis=1, initial=-np.inf), zn)
    e = np.exp(z - top[:, None])
    en = np.exp(zn - top)
    total = e.sum(axis=1) + en
    return e / total[:, None], en / total


def cosine_llr(model: SearchModel, cos: NDArray[np.float64]) -> NDArray[np.float64]:
    """Log likelihood ratio, match against non-match, of each cosine."""
    a, b, c = model.cosine_llr
    out: NDArray[np.float64] = np.clip(a * cos + b * cos**2 + c, -30.0, 30.0)
    return out


def expanding_search(
    model: SearchModel,
    p_cand: NDArray[np.float64],
    p_none: NDArray[np.float64],
    similarity: Callable[[NDArray[np.int64]], NDArray[np.float64]],
    first: NDArray[np.bool_] | None = None,
) -> NDArray[np.int64]:
    """The candidates to embed, ascending; two rounds at most.

    ``p_cand`` and ``p_none`` are the prior (:func:`prior`); ``similarity(cols)``
    embeds the candidates ``cols`` and returns the cosines of every fragment
    with them, shape ``(fragments, len(cols))``; it is called once per round.
    ``first`` (same shape as ``p_cand``) marks candidates to embed in the first
    round whatever their prior (those sharing a glossary term with the fragment).
    """
    nf, nc = p_cand.shape
    seen = np.zeros(nc, dtype=bool)
    if not nf or not nc:
        return np.flatnonzero(seen)
    if model.stop <= 0:
        seen[:] = True
        similarity(np.arange(nc))
        return np.flatnonzero(seen)
    order = np.argsort(-p_cand, axis=1, kind="stable")
    post = p_cand.copy()
    want = _first_round(model, p_cand, p_none, order)
    if first is not None:
        want |= first.any(axis=0)
    for _ in range(2):
        cols = np.flatnonzero(want & ~seen)
        if not len(cols):
            break
        post[:, cols] *= np.exp(cosine_llr(model, similarity(cols)))
        seen[cols] = True
        want = _to_finish(model, post, p_none, order, seen)
    return np.flatnonzero(seen)


def _first_round(model: SearchModel, p_cand: NDArray[np.float64], p_none: NDArray[np.float64],
                 order: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Per fragment, its likeliest candidates until they and *none* hold
    :attr:`SearchModel.first_round` of its prior."""
    want = np.zeros(p_cand.shape[1], dtype=bool)
    total = p_cand.sum(axis=1) + p_none
    for i, row in enumerate(order):
        covered = p_none[i] + np.cumsum(p_cand[i, row])
        # a candidate is taken while what comes before it falls short of the goal
        short = np.concatenate(([p_none[i]], covered[:-1])) < model.first_round * total[i]
        want[row[short]] = True
    return want


def _to_finish(model: SearchModel, post: NDArray[np.float64], p_none: NDArray[np.float64],
               order: NDArray[np.int64], seen: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Per fragment still searching, the unseen candidates (likeliest first) that
    bring the unseen share of its posterior below :attr:`SearchModel.stop` even
    if none of them matches: after them it stops whatever their cosines."""
    want = np.zeros(post.shape[1], dtype=bool)
    unseen_post = post * ~seen
    rest = unseen_post.sum(axis=1)
    known = post.sum(axis=1) + p_none - rest
    for i in np.flatnonzero(rest >= model.stop * (known + rest)):
        row = order[i][~seen[order[i]]]
        # the mass left unseen once the candidates before each one are taken
        left = rest[i] - np.concatenate(([0.0], np.cumsum(post[i, row])[:-1]))
        want[row[left >= model.stop * (known[i] + left)]] = True
    return want
