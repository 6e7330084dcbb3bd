"""Aligning two documents: embed, find the band, score every bead, decode.

1. Embed every sentence, and every run of up to three consecutive sentences
   (free for USE, see :mod:`align.encoders.use`).
2. Find a rough path by coarse-to-fine search (:mod:`.guide`) and keep a
   band of ``radius`` sentences around it: linear time and memory.
3. Compute the features of every candidate bead in the band
   (:mod:`.features`) and score them with the trained model (:mod:`.model`).
4. Take the best path (:mod:`.dp`), and give each bead its posterior
   probability as confidence (:mod:`.posterior`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..encoders import tokenizer
from ..encoders.base import Encoder, Progress
from ..types import Bead, Document
from .dp import NEG, Band, Lattice, backtrack, band_around, forward
from .features import RunTable, Side, add_rivals, pair_features, skip_features
from .guide import guide_centers, path_centers
from .model import ScoringModel, default_model
from .posterior import marginals
from .priors import adapt_type_priors
from .scale import SimilarityScale, estimate_scale, rescale
from .signals import compute_signals

__all__ = [
    "AlignConfig", "Anchor", "align_documents", "align_texts", "decode", "guided_band", "token_counts",
    "touches_edge",
]


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """How wide to search. The defaults suit news and books alike."""

    radius: int = 12
    """Half-width of the final band, in sentences, around the guide path."""
    guide_cells: int = 250_000
    """Largest similarity matrix the guide search computes in full before coarsening."""
    guide_radius: int = 40
    """Half-width of the band at each coarse-to-fine level of the guide search.

    40, not 10: on repetitive text (Psalm 119, 176 verses on one theme) the
    coarse path strays up to 99 sentences and a narrow band at the finer
    levels cannot bring it back (126 of Psalms' 2,438 gold beads fell outside
    the final band). The guide is a small share of the time either way."""
    widenings: int = 2
    """How many times the band is re-centred on the decoded path, doubling its radius,
    when that path runs along the band's edge (the guide was wrong there)."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """External evidence that two sentences belong together (e.g. a glossary term pair)."""

    tr: int
    """Index of the Turkish sentence."""
    en: int
    """Index of the English sentence."""
    weight: float = 1.0
    """Strength of the evidence; weights of the pairs inside a bead add up."""


def token_counts(texts: Sequence[str]) -> NDArray[np.float32]:
    """SentencePiece tokens per text (USE's model, whatever the encoder): the length signal."""
    ids = tokenizer().encode(list(texts))
    return np.fromiter((len(x) for x in ids), dtype=np.float32, count=len(texts))


def _side(
    texts: Sequence[str],
    encoder: Encoder,
    max_run: int,
    paragraphs: Sequence[int] | None,
    progress: Progress | None,
) -> Side:
    n = len(texts)
    vectors = encoder.encode_run_table(texts, max_run, progress)
    signals = compute_signals(texts, token_counts(texts))
    par = np.zeros(n, dtype=np.int64) if paragraphs is None else np.asarray(paragraphs, np.int64)
    return Side(RunTable(vectors), signals, par)


def _anchor_band(anchors: Sequence[Anchor], band: Band) -> NDArray[np.float32] | None:
    if not anchors:
        return None
    out = np.zeros((band.n + 1, band.width), dtype=np.float32)
    for a in anchors:
        i, j = a.tr + 1, a.en + 1
        if 0 < i <= band.n and 0 < j <= band.m:
            k = j - band.lo[i]
            if 0 <= k < band.width:
                out[i, k] += a.weight
    return out


@dataclass(frozen=True, slots=True)
class DocumentFeatures:
    """The features of every candidate bead of one document's band, on its own scale."""

    band: Band
    pair: dict[str, NDArray[np.float32]]
    """Beads with both sides: name -> (n+1, types, width) (see :mod:`.features`)."""
    skip_tr: dict[str, NDArray[np.float32]]
    """Leaving each Turkish sentence unaligned: name -> (n,)."""
    skip_en: dict[str, NDArray[np.float32]]
    """Leaving each English sentence unaligned: name -> (m,)."""
    scale: SimilarityScale
    """The document's similarity scale the features were read on."""


def document_features(
    tr: Side,
    en: Side,
    band: Band,
    model: ScoringModel,
    anchors: Sequence[Anchor] = (),
) -> DocumentFeatures:
    """Every feature the model scores, with similarities read on the document's scale."""
    skip_tr, tr_at = skip_features(tr, en.embeddings, band, True)
    skip_en, en_at = skip_features(en, tr.embeddings, band, False)
    add_rivals(skip_tr, skip_en, tr_at, en_at)
    scale = estimate_scale(
        tr.embeddings.vectors[1], en.embeddings.vectors[1],
        skip_tr["best"], skip_en["best"], model.scale_prior,
    )
    rescale(skip_tr, scale)
    rescale(skip_en, scale)
    pair = pair_features(tr, en, band, model.types, scale, _anchor_band(anchors, band))
    return DocumentFeatures(band, pair, skip_tr, skip_en, scale)


def build_lattice(feats: DocumentFeatures, model: ScoringModel, adapt: bool = True) -> Lattice:
    """Score every candidate bead of the band with ``model``, with the bead-type priors
    re-estimated for this document (:mod:`.priors`) if ``adapt``."""
    lattice = score_lattice(feats, model)
    return adapt_type_priors(lattice, np.asarray(model.type_prior)) if adapt else lattice


def score_lattice(feats: DocumentFeatures, model: ScoringModel) -> Lattice:
    """Score every candidate bead of the band with ``model`` as fitted."""
    types = model.types
    scores = model.pair_scores(feats.pair)
    skip_tr = model.skip_design(feats.skip_tr) @ model.w_skip_tr
    skip_en = model.skip_design(feats.skip_en) @ model.w_skip_en
    if (1, 0) in types:
        scores[:, types.index((1, 0)), :] = np.concatenate([[NEG], skip_tr])[:, None]
    lattice = Lattice(feats.band, types, scores, np.concatenate([[NEG], skip_en]))
    valid = lattice.predecessors() >= 0
    scores[~valid] = NEG
    return lattice


def guided_band(tr: NDArray[np.float32], en: NDArray[np.float32], config: AlignConfig) -> Band:
    """The band the aligner searches: ``config.radius`` around the guide path.

    ``tr`` and ``en`` are the unit sentence vectors of both sides.
    """
    centers = guide_centers(
        tr, en, full_cells=config.guide_cells, radius=config.guide_radius, refine=True
    )
    return band_around(centers, en.shape[0], config.radius)


def align_texts(
    tr_texts: Sequence[str],
    en_texts: Sequence[str],
    encoder: Encoder,
    *,
    tr_paragraphs: Sequence[int] | None = None,
    en_paragraphs: Sequence[int] | None = None,
    anchors: Sequence[Anchor] = (),
    model: ScoringModel | None = None,
    config: AlignConfig | None = None,
    progress: Progress | None = None,
) -> list[Bead]:
    """Align Turkish units with English units; every unit appears in exactly one bead.

    ``progress`` is called with the number of units just embedded (n + m in all).
    """
    model = model or default_model()
    config = config or AlignConfig()
    n, m = len(tr_texts), len(en_texts)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    max_run = max(max(t) for t in model.types)
    tr = _side(tr_texts, encoder, max_run, tr_paragraphs, progress)
    en = _side(en_texts, encoder, max_run, en_paragraphs, progress)
    band = guided_band(tr.embeddings.vectors[1], en.embeddings.vectors[1], config)
    # The type priors are re-estimated from a first pass only with the encoder the
    # weights were fitted for: with a weaker one (the fake test encoder, lexical) the
    # first pass's merges fed back into the priors merged more still (89 Turkish lines
    # of seeds/news/wmt16-014: 85 beads, 72 with re-estimation).
    adapt = model.encoder_warning(encoder.name) is None
    path, lattice = decode(tr, en, band, model, config, anchors, adapt=adapt)
    return _with_confidence(path, lattice, model)


Path = list[tuple[int, int, int, int]]


def decode(
    tr: Side,
    en: Side,
    band: Band,
    model: ScoringModel,
    config: AlignConfig,
    anchors: Sequence[Anchor] = (),
    features: DocumentFeatures | None = None,
    *,
    adapt: bool = True,
) -> tuple[Path, Lattice]:
    """The best path through ``band`` (whose ``features`` may be given), and its lattice.

    A path that runs along the band's edge was most likely pushed there by a
    guide that strayed (the true path lies outside): the band is then centred
    on the path found and its radius doubled, up to ``config.widenings`` times.
    Documents whose path stays inside pay nothing. ``adapt``: re-estimate the bead-type
    priors for this document (:mod:`.priors`).
    """
    feats = features or document_features(tr, en, band, model, anchors)
    lattice = build_lattice(feats, model, adapt)
    path = backtrack(lattice, forward(lattice)[1])
    radius = config.radius
    for _ in range(config.widenings):
        if not touches_edge(path, band):
            break
        radius *= 2
        band = band_around(path_centers(path, band.n), band.m, radius)
        lattice = build_lattice(document_features(tr, en, band, model, anchors), model, adapt)
        path = backtrack(lattice, forward(lattice)[1])
    return path, lattice


EDGE = 1
"""A path node this many columns or fewer from a band edge that could be wider counts as on it."""


def touches_edge(path: Path, band: Band) -> bool:
    """Whether any node of ``path`` lies on an edge of ``band`` that is not the document's own."""
    for _, i, _, j in path:
        k = j - int(band.lo[i])
        if (k <= EDGE and band.lo[i] > 0) or (
            k >= band.width - 1 - EDGE and band.lo[i] + band.width - 1 < band.m
        ):
            return True
    return False


def _with_confidence(
    path: list[tuple[int, int, int, int]], lattice: Lattice, model: ScoringModel
) -> list[Bead]:
    """Beads with their posterior probability as confidence.

    A 1:0 (0:1) bead's confidence is the probability that its sentence is
    left unaligned at all, summed over every place the path could pass it.
    """
    band = lattice.band
    post = marginals(lattice)
    cols = band.column_grid()
    p_insert = np.zeros(band.m + 1)
    np.add.at(p_insert, np.minimum(cols, band.m).ravel(), post.inserts.ravel())
    beads = []
    for i0, i1, j0, j1 in path:
        if i1 == i0:
            p = float(p_insert[j1])
        elif j1 == j0:
            p = float(post.beads[i1, model.types.index((1, 0)), :].sum())
        else:
            k = j1 - band.lo[i1]
            p = float(post.beads[i1, model.types.index((i1 - i0, j1 - j0)), k])
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), min(max(p, 0.0), 1.0)))
    return beads


def align_documents(
    tr: Document, en: Document, encoder: Encoder, **options: object
) -> list[Bead]:
    """:func:`align_texts` on two segmented documents, with their paragraph breaks."""
    return align_texts(
        tr.texts,
        en.texts,
        encoder,
        tr_paragraphs=[s.paragraph for s in tr.segments],
        en_paragraphs=[s.paragraph for s in en.segments],
        **options,  # type: ignore[arg-type]
    )
