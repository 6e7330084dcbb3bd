"""Pairing each Turkish fragment with the English that renders it, or with nothing.

Candidates are the English sentences of the document (a sentence that holds a
Turkish quotation is a candidate without it) and the English quotations of
three words or more (``("This was just an accident.")``). Any candidate,
anywhere in the document, may render a fragment; which ones are embedded and
compared is decided by an expanding search (:mod:`.search`) that starts with
the likeliest (near, or sharing names and numbers) and stops when the rest
cannot matter. The candidates it embedded are compared with every fragment,
with features that do not depend on the document's genre:

* ``cosine``: the sentence encoder's similarity (USE covers Turkish and English);
* ``gap``: how far the candidate stands above the fragment's next best candidate
  (a fragment with several look-alike candidates is less sure);
* ``knn``: the cosine minus the mean of the fragment's four best (the margin
  criterion of bitext mining, which sets a topical orphan apart from a real
  translation);
* ``near``: translations are written close to what they translate: 1 in the
  same or the next sentence, falling with the log of the distance;
* ``lexical``: shared numbers and names (:mod:`align.encoders.lexical`);
* ``glossary``: term pairs of a glossary found on both sides, when one is given.

A logistic model (:class:`PairingModel`, weights fitted with
``benchmarks/fit_fragments.py`` on half of the devset's articles, after the
search, and shipped as data: ``align/data/fragment_weights.json``) turns them
into a score in [0, 1]. The best candidate is the match
when its score reaches the threshold; otherwise the fragment is reported
unpaired with its best candidate and the reason.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from ..encoders.base import Encoder, Progress
from ..segment import segment
from ..types import Segment
from .detect import detect_fragments, find_quotes
from .fitted import FragmentWeights, shipped_weights
from .langid import LanguageScorer, count_words
from .model import EnglishSpan, Fragment, FragmentMatch
from .search import Layout, SearchModel, expanding_search, null_features, prior, prior_features

__all__ = [
    "FEATURES",
    "Candidate",
    "GlossaryEvidence",
    "PairingModel",
    "candidates",
    "find_fragments",
    "pair_features",
    "pair_fragments",
    "pair_scores",
    "prior_inputs",
    "search_features",
    "within_reach",
]

FEATURES: tuple[str, ...] = ("cosine", "gap", "knn", "near", "lexical", "glossary")
"""The pairing features, in the order of :attr:`PairingModel.weights`."""

_MIN_QUOTE_WORDS = 3
_KNN = 4
_GLOSSARY_TOP = 5  # the glossary is asked about this many best candidates per fragment
_BLOCK = 128  # fragments scored together
_REACH = 400  # sentences either side of a block of fragments that are candidates


@runtime_checkable
class GlossaryEvidence(Protocol):
    """What pairing needs from a glossary: the term pairs two texts share.

    Any object with this method will do; the glossary module's matcher is
    meant to provide it (inflection-aware on both sides).
    """

    def term_pairs(self, tr: str, en: str) -> Iterable[object]:
        """The glossary terms found in the Turkish ``tr`` whose rendering occurs in ``en``."""
        ...


def _shipped() -> FragmentWeights:
    weights = shipped_weights()
    weights.check_features("pairing", weights.pairing_features, FEATURES)
    return weights


@dataclass(frozen=True, slots=True)
class PairingModel:
    """Logistic weights over :data:`FEATURES`, the acceptance threshold, and the search.
    The defaults are the fitted values shipped in ``align/data/fragment_weights.json``
    (:mod:`.fitted`)."""

    weights: tuple[float, ...] = field(default_factory=lambda: _shipped().pairing_weights)
    """One weight per feature in :data:`FEATURES`."""
    bias: float = field(default_factory=lambda: _shipped().bias)
    """Added before the logistic function."""
    threshold: float = field(default_factory=lambda: _shipped().threshold)
    """Least score of a match; below it the fragment is unpaired."""
    search: SearchModel = field(default_factory=SearchModel)
    """Which candidates are embedded and compared (:mod:`.search`)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An English span that may render a fragment."""

    span: EnglishSpan
    """Where it is and what it says."""
    embed_text: str
    """What is embedded: the span without any Turkish fragment inside it."""
    sentence: int
    """Index of the English sentence (segment) that holds it."""


def candidates(text: str, segs: Sequence[Segment], fragments: Sequence[Fragment]
               ) -> list[Candidate]:
    """The English sentences and quotations of the document that are not Turkish.

    ``fragments`` do not overlap (as :func:`.detect.detect_fragments` gives them).
    """
    out: list[Candidate] = []
    order = sorted(fragments, key=lambda f: f.start)
    starts = [f.start for f in order]
    for s in segs:
        # Fragments do not overlap, so those touching s start after the one before s.start.
        k = max(0, bisect.bisect_left(starts, s.start) - 1)
        inside = []
        while k < len(order) and order[k].start < s.end:
            if order[k].end > s.start:
                inside.append(order[k])
            k += 1
        covered = sum(min(f.end, s.end) - max(f.start, s.start) for f in inside)
        if covered * 2 >= s.end - s.start:
            continue
        embed = s.text
        for f in sorted(inside, key=lambda f: -f.start):
            a, b = max(f.start, s.start) - s.start, min(f.end, s.end) - s.start
            embed = embed[:a] + embed[b:]
        if not count_words(embed):
            continue
        quotes = []
        for q in find_quotes(text, s.start, s.end):
            a, b = q.open + 1, q.close
            if any(f.start < b and f.end > a for f in inside):
                continue
            a += len(text[a:b]) - len(text[a:b].lstrip())
            b = a + len(text[a:b].strip())
            if count_words(text[a:b]) >= _MIN_QUOTE_WORDS:
                quotes.append((a, b))
        if not inside and quotes and (quotes[0][1] - quotes[0][0]) * 10 >= (s.end - s.start) * 9:
            # The sentence is a quotation, ("…"). or "…": the quotation is the tighter span.
            a, b = quotes.pop(0)
            out.append(Candidate(EnglishSpan(a, b, text[a:b]), text[a:b], s.index))
        else:
            out.append(Candidate(EnglishSpan(s.start, s.end, s.text), " ".join(embed.split()),
                                 s.index))
        for a, b in quotes:
            if (b - a) * 10 < (s.end - s.start) * 9:
                out.append(Candidate(EnglishSpan(a, b, text[a:b]), text[a:b], s.index))
    return out


def within_reach(
    segments: Sequence[Segment], sentences: NDArray[np.int64], start: int, end: int
) -> NDArray[np.intp]:
    """Which candidates pairing compares with the fragments in ``start``..``end``: the
    indices of those whose sentence (``sentences[j]``, a candidate's
    :attr:`Candidate.sentence`) is within reach of the span's sentences."""
    first = _sentence_of(segments, start)
    last = _sentence_of(segments, max(start, end - 1))
    return np.flatnonzero((sentences >= first - _REACH) & (sentences <= last + _REACH))


def _sentence_of(segs: Sequence[Segment], pos: int) -> int:
    lo, hi = 0, len(segs)
    while lo < hi:
        mid = (lo + hi) // 2
        if segs[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    return min(lo, len(segs) - 1)


def layout(fragments: Sequence[Fragment], cands: Sequence[Candidate], segs: Sequence[Segment]
           ) -> Layout:
    """Where the candidates stand relative to the fragments."""
    return Layout.build(
        [(_sentence_of(segs, f.start), _sentence_of(segs, max(f.start, f.end - 1)))
         for f in fragments],
        [f.paragraph for f in fragments],
        [f.kind == "paragraph" for f in fragments],
        [c.sentence for c in cands],
        [segs[c.sentence].paragraph for c in cands],
    )


def prior_inputs(
    fragments: Sequence[Fragment], cands: Sequence[Candidate], segs: Sequence[Segment],
    lexical: Encoder | None,
) -> tuple[Layout, NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """What the search's prior is computed from, before anything is embedded: the
    layout, the lexical cosines (zeros without ``lexical``), the candidate features
    and the features of *none* (:mod:`.search`)."""
    nf, nc = len(fragments), len(cands)
    where = layout(fragments, cands, segs)
    lexcos = np.zeros((nf, nc))
    lexdoc = np.zeros(nf)
    if lexical is not None and nf and nc:
        lv = lexical.encode([f.text for f in fragments] + [c.embed_text for c in cands])
        lexcos = (lv[:nf] @ lv[nf:].T).astype(np.float64)
        doc = lv[nf:].astype(np.float64).sum(axis=0)
        lexdoc = lv[:nf] @ (doc / max(float(np.linalg.norm(doc)), 1e-12))
    flen = [len(f.text) for f in fragments]
    cand_x = prior_features(where, lexcos, flen, [len(c.embed_text) for c in cands])
    return where, lexcos, cand_x, null_features(lexcos, lexdoc, flen, where)


def search_features(
    fragments: Sequence[Fragment],
    cands: Sequence[Candidate],
    segs: Sequence[Segment],
    encoder: Encoder,
    *,
    search: SearchModel | None = None,
    glossary: GlossaryEvidence | None = None,
    lexical: Encoder | None = None,
    progress: Progress | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Search (:func:`.search.expanding_search`), then the features of every fragment
    with the candidates it embedded: their indices into ``cands``, ascending, and the
    features, shape ``(fragments, len(indices), len(FEATURES))``."""
    search = search or SearchModel()
    nf, nc = len(fragments), len(cands)
    if not nf or not nc:
        return np.zeros(0, dtype=np.int64), np.zeros((nf, 0, len(FEATURES)))
    where, lexcos, cand_x, null_x = prior_inputs(fragments, cands, segs, lexical)
    p_cand, p_none = prior(search, cand_x, null_x)
    fvecs: list[NDArray[np.float32]] = []
    cvecs: dict[int, NDArray[np.float32]] = {}

    def similarity(cols: NDArray[np.int64]) -> NDArray[np.float64]:
        texts = [cands[j].embed_text for j in cols]
        if not fvecs:  # the fragments go with the first round: one encoder call
            v = encoder.encode([f.text for f in fragments] + texts, progress)
            fvecs.append(v[:nf])
            v = v[nf:]
        else:
            v = encoder.encode(texts, progress)
        cvecs.update(zip(cols.tolist(), v, strict=True))
        return (fvecs[0] @ v.T).astype(np.float64)

    first = _glossary_first(glossary, fragments, cands) if glossary is not None else None
    cols = expanding_search(search, p_cand, p_none, similarity, first)
    cos = (fvecs[0] @ np.stack([cvecs[j] for j in cols.tolist()]).T).astype(np.float64)
    feats = _features(cos, where.near[:, cols], lexcos[:, cols], fragments,
                      [cands[j] for j in cols], glossary)
    return cols, feats


def _glossary_first(glossary: GlossaryEvidence, fragments: Sequence[Fragment],
                    cands: Sequence[Candidate]) -> NDArray[np.bool_]:
    """Candidates that share a glossary term with a fragment, to be searched first.

    One look at all the English at once tells which fragments have a term with
    a rendering anywhere; only those are matched candidate by candidate.
    """
    first = np.zeros((len(fragments), len(cands)), dtype=bool)
    everything = "\n".join(c.embed_text for c in cands)
    for i, f in enumerate(fragments):
        if not any(True for _ in glossary.term_pairs(f.text, everything)):
            continue
        for j, c in enumerate(cands):
            first[i, j] = any(True for _ in glossary.term_pairs(f.text, c.embed_text))
    return first


def pair_features(
    fragments: Sequence[Fragment],
    cands: Sequence[Candidate],
    segs: Sequence[Segment],
    encoder: Encoder,
    *,
    glossary: GlossaryEvidence | None = None,
    lexical: Encoder | None = None,
    progress: Progress | None = None,
) -> NDArray[np.float64]:
    """Features of every fragment with every candidate (no search), shape
    ``(fragments, candidates, len(FEATURES))``."""
    _, feats = search_features(fragments, cands, segs, encoder, search=SearchModel(stop=0.0),
                               glossary=glossary, lexical=lexical, progress=progress)
    return feats


def _features(cos: NDArray[np.float64], near: NDArray[np.float64], lexcos: NDArray[np.float64],
              fragments: Sequence[Fragment], cands: Sequence[Candidate],
              glossary: GlossaryEvidence | None) -> NDArray[np.float64]:
    nf, nc = cos.shape
    feats = np.zeros((nf, nc, len(FEATURES)), dtype=np.float64)
    if not nf or not nc:
        return feats
    feats[:, :, 0] = cos
    if nc > 1:
        top2 = -np.sort(-cos, axis=1)[:, :2]
        best_other = np.where(cos >= top2[:, :1], top2[:, 1:2], top2[:, :1])
        feats[:, :, 1] = cos - best_other
    k = min(_KNN, nc)
    knn = -np.sort(-cos, axis=1)[:, :k].mean(axis=1, keepdims=True)
    feats[:, :, 2] = cos - knn
    feats[:, :, 3] = near
    feats[:, :, 4] = lexcos
    if glossary is not None:
        top = np.argsort(-cos, axis=1)[:, :_GLOSSARY_TOP]
        for i, f in enumerate(fragments):
            for j in top[i]:
                n = sum(1 for _ in glossary.term_pairs(f.text, cands[j].embed_text))
                feats[i, j, 5] = math.log1p(n)
    return feats


def _scores(feats: NDArray[np.float64], model: PairingModel) -> NDArray[np.float64]:
    z = feats @ np.asarray(model.weights, dtype=np.float64) + model.bias
    out: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return out


def pair_scores(feats: NDArray[np.float64], model: PairingModel | None = None
                ) -> NDArray[np.float64]:
    """Pairing scores in [0, 1] from :func:`pair_features`, shape ``(fragments, candidates)``:
    what :func:`pair_fragments` compares with the threshold."""
    return _scores(feats, model or PairingModel())


def pair_fragments(
    text: str,
    fragments: Sequence[Fragment],
    encoder: Encoder,
    *,
    segments: Sequence[Segment] | None = None,
    glossary: GlossaryEvidence | None = None,
    model: PairingModel | None = None,
    lexical: bool = True,
    progress: Progress | None = None,
) -> list[FragmentMatch]:
    """Pair each fragment with its rendering in ``text``, or with nothing.

    ``segments`` are the English sentences of ``text`` if the caller has them;
    ``lexical=False`` leaves out the shared numbers and names feature.
    """
    from ..encoders import get_encoder

    model = model or PairingModel()
    segs = list(segments) if segments is not None else segment(text, "en")
    cands = candidates(text, segs, fragments)
    if not cands:
        return [FragmentMatch(f, None, 0.0, None, "the document has no English sentence")
                for f in fragments]
    lex = get_encoder("lexical") if lexical else None
    sents = np.array([c.sentence for c in cands], dtype=np.int64)
    out: list[FragmentMatch] = []
    # Blocks of fragments against the candidates within reach keep memory bounded on
    # huge documents; a document of up to 2 x _REACH sentences is searched whole.
    for lo in range(0, len(fragments), _BLOCK):
        block = fragments[lo : lo + _BLOCK]
        cols = within_reach(segs, sents, block[0].start, block[-1].end)
        if not len(cols):
            out.extend(FragmentMatch(f, None, 0.0, None,
                                     f"no English sentence within {_REACH} sentences")
                       for f in block)
            continue
        sub = [cands[j] for j in cols]
        found, feats = search_features(block, sub, segs, encoder, search=model.search,
                                       glossary=glossary, lexical=lex, progress=progress)
        out.extend(_decide(block, [sub[j] for j in found], feats, model, lo))
    return out


def _decide(fragments: Sequence[Fragment], cands: Sequence[Candidate],
            feats: NDArray[np.float64], model: PairingModel, first: int) -> list[FragmentMatch]:
    """Scores, one-to-one matching and the reasons; ``first`` numbers the fragments."""
    scores = _scores(feats, model)
    taken = _one_to_one(scores, [c.sentence for c in cands], model.threshold)
    out: list[FragmentMatch] = []
    for i, f in enumerate(fragments):
        j = int(np.argmax(scores[i]))
        best, s = cands[j].span, float(scores[i, j])
        cosine = feats[i, j, 0]
        chosen = taken[i]
        if chosen is not None:
            j = chosen
            s, cosine = float(scores[i, j]), feats[i, j, 0]
            reason = f"score {s:.2f} (similarity {cosine:.2f})"
            out.append(FragmentMatch(f, cands[j].span, s, cands[j].span, reason))
        elif s >= model.threshold:
            other = first + next(k for k, t in enumerate(taken)
                                 if t is not None and cands[t].sentence == cands[j].sentence)
            reason = (f"its best candidate (score {s:.2f}) renders fragment #{other} better, "
                      "and no other English sentence reaches the threshold")
            out.append(FragmentMatch(f, None, s, best, reason))
        else:
            reason = (f"no English sentence renders it: the best candidate scores {s:.2f} "
                      f"(similarity {cosine:.2f}), below the threshold {model.threshold:.2f}")
            out.append(FragmentMatch(f, None, s, best, reason))
    return out


def _one_to_one(scores: NDArray[np.float64], slots: Sequence[int], threshold: float
                ) -> list[int | None]:
    """Greedy matching, best pairs first: an English sentence renders one fragment at most.

    A quotation and the sentence that holds it are the same slot.
    """
    chosen: list[int | None] = [None] * scores.shape[0]
    used: set[int] = set()
    order = np.argsort(-scores, axis=None, kind="stable")
    for flat in order:
        i, j = divmod(int(flat), scores.shape[1])
        if scores[i, j] < threshold:
            break
        if chosen[i] is None and slots[j] not in used:
            chosen[i] = j
            used.add(slots[j])
    return chosen


def find_fragments(
    text: str,
    encoder: Encoder,
    *,
    scorer: LanguageScorer | None = None,
    glossary: GlossaryEvidence | None = None,
    model: PairingModel | None = None,
    progress: Progress | None = None,
) -> list[FragmentMatch]:
    """Detect the Turkish fragments of ``text`` and pair each with its English."""
    segs = segment(text, "en")
    frags = detect_fragments(text, scorer, segments=segs)
    if not frags:
        return []
    return pair_fragments(text, frags, encoder, segments=segs, glossary=glossary, model=model,
                          progress=progress)
