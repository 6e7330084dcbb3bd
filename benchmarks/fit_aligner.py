"""Train the aligner's bead-scoring weights on gold alignments, and report honest F1.

    python benchmarks/fit_aligner.py ../shared/devset/wmt16 ../shared/devset/bible-ot \\
        --folds 4 --leave-kind-out -o align/data/aligner_weights.json

Each devset is one *kind* of text (its folder name); every document folder in
it holds ``tr.txt``, ``en.txt`` (one unit per line) and ``gold.txt`` (beads).
The features are computed by the production pipeline (:func:`align.aligner.core._side`,
the guided band, :func:`align.aligner.core.document_features`) and decoded by
it (:func:`align.aligner.core.build_lattice`, with confidences), so training and
use cannot drift apart. The model is a conditional random field over alignment
paths: the weights maximise the log-probability of the gold path
(L2-regularised), using the forward-backward marginals of
:mod:`align.aligner.posterior` for the gradient, optimised with L-BFGS (SciPy,
a dev dependency only). The objective is convex, so a fold's training may
start from another fold's optimum without changing where it ends.

Validation, all out of sample:

- ``--folds K``: the documents of every kind are dealt into K folds, and each
  fold is aligned by weights trained on the others (a book or a news document
  is never scored by weights that saw it). Prints strict F1 per kind, per
  document, and the error rate by confidence band, out of fold; the
  low-confidence threshold shipped with the weights is chosen from these.
- ``--leave-kind-out``: for each kind, weights trained on the other kinds only.

Every kind of text weighs the same in the fit: the kind with the fewest gold
beads is used whole, the others as evenly spread pieces of ~100 beads
(:func:`balanced_pieces`; a piece's lattice is cut at gold nodes, so its
likelihood is the document's given those nodes). Embeddings are cached on
disk (``build/run-tables``, :mod:`run_table_cache`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_table_cache import DiskCachedEncoder

from align.aligner.core import (
    AlignConfig,
    Anchor,
    DocumentFeatures,
    Side,
    _side,
    _with_confidence,
    document_features,
    guided_band,
)
from align.aligner.core import (
    decode as decode_sides,
)
from align.aligner.dp import NEG, Band, Lattice, backtrack, forward
from align.aligner.features import skip_features
from align.aligner.model import DEFAULT_TYPES, ScoringModel
from align.aligner.posterior import marginals
from align.aligner.priors import expected_types
from align.aligner.scale import SimilarityScale, estimate_scale
from align.encoders import get_encoder
from align.evaluate import score_alignments
from align.formats import read_beads

PAIR_FEATURES = (
    "cos", "bg", "length", "num", "num_both", "name", "name_both", "punct",
    "gain", "weakest", "peer", "split", "cross", "lex_gain", "lex_cross", "para", "para_edge",
    "anchor",
    # Hinges (see align.aligner.model.feature) on the document's similarity scale
    # (0: unrelated, 1: a typical translation): the evidence is threshold-like, e.g. a
    # merge whose gain is barely positive is usually an omission next to a 1:1.
    "cos>0.4", "cos>0.6", "cos>0.8", "cos>1", "gain>0", "gain>0.05", "gain>0.1",
    "weakest>0.4", "weakest>0.7",
)
PER_TYPE = ("cos", "gain", "length")
SKIP_FEATURES = ("best", "bg", "size", "peer")
BANDS = (0.0, 0.5, 0.7, 0.9, 0.97, 1.0001)

Gold = list[tuple[tuple[int, ...], tuple[int, ...]]]

BALANCED: dict[str, float] = {}
"""Every kind of text weighs the same in the fit (``balanced_pieces``)."""


@dataclass
class Doc:
    kind: str
    name: str
    gold: Gold
    tr: Side
    en: Side
    band: Band
    anchors: list[Anchor]
    raw_scale: SimilarityScale
    """The document's own scale, not shrunk towards any prior."""
    feats: DocumentFeatures | None = None
    prior: SimilarityScale | None = None
    inside: np.ndarray | None = None
    """For a piece: (n+1, width) cells that exist in the whole document's band."""
    # filled once the standardisation is known
    design: np.ndarray | None = None
    a: np.ndarray | None = None
    b: np.ndarray | None = None
    valid: np.ndarray | None = None
    gold_phi: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}"


def read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def paragraphs_from_gold(gold: Gold, n: int, m: int, seed: int) -> tuple[list[int], list[int]]:
    """Paragraph numbers for both sides, breaking at gold bead boundaries.

    The devsets are one unit per line without paragraphs; real documents have
    them, and translations keep them. Breaking every few beads (mean 5) on both
    sides at once teaches the model what paragraph breaks are worth.
    """
    rng = np.random.default_rng(seed)
    tr_par, en_par = [0] * n, [0] * m
    par = 0
    for k, (x, y) in enumerate(gold):
        if k and rng.random() < 0.2:
            par += 1
        for i in x:
            tr_par[i] = par
        for j in y:
            en_par[j] = par
    return tr_par, en_par


def load_doc(folder: Path, kind: str, encoder, config: AlignConfig, anchors_fn=None,
             paragraphs: bool = False) -> Doc:
    tr_texts, en_texts = read_lines(folder / "tr.txt"), read_lines(folder / "en.txt")
    gold = [(b.tr, b.en) for b in read_beads(folder / "gold.txt")]
    max_run = max(max(t) for t in DEFAULT_TYPES)
    tr_par = en_par = None
    if (folder / "paragraphs.json").exists():  # running text keeps its own (make_raw_devset.py)
        pars = json.loads((folder / "paragraphs.json").read_text(encoding="utf-8"))
        tr_par, en_par = pars["tr"], pars["en"]
    elif paragraphs:
        tr_par, en_par = paragraphs_from_gold(gold, len(tr_texts), len(en_texts),
                                              seed=len(tr_texts) * 7919 + len(en_texts))
    tr = _side(tr_texts, encoder, max_run, tr_par, None)
    en = _side(en_texts, encoder, max_run, en_par, None)
    band = guided_band(tr.embeddings.vectors[1], en.embeddings.vectors[1], config)
    anchors: list[Anchor] = anchors_fn(tr_texts, en_texts) if anchors_fn else []
    best_tr = skip_features(tr, en.embeddings, band, True)[0]["best"]
    best_en = skip_features(en, tr.embeddings, band, False)[0]["best"]
    raw = estimate_scale(tr.embeddings.vectors[1], en.embeddings.vectors[1], best_tr, best_en, None)
    return Doc(kind, folder.name, gold, tr, en, band, anchors, raw)


def mean_scale(docs: Sequence[Doc]) -> SimilarityScale:
    """The prior a model fitted on ``docs`` ships: every kind of text counts the same."""
    kinds = sorted({d.kind for d in docs})
    per_kind = [[d.raw_scale for d in docs if d.kind == k] for k in kinds]
    return SimilarityScale(
        float(np.mean([np.mean([s.unrelated for s in ss]) for ss in per_kind])),
        float(np.mean([np.mean([s.related for s in ss]) for ss in per_kind])),
    )


def features_with(doc: Doc, prior: SimilarityScale) -> None:
    """The document's features, its scale shrunk towards ``prior`` as in production."""
    if doc.feats is not None and doc.prior == prior:
        return
    doc.feats = document_features(doc.tr, doc.en, doc.band, skeleton("-", prior), doc.anchors)
    doc.prior = prior
    doc.design = None


def piece(doc: Doc, start: int, stop: int) -> Doc:
    """Gold beads ``start:stop`` of a document as a training document of their own.

    The features are the whole document's (its scale, its typical merges); the
    lattice is cut at the gold nodes before and after the beads, so the piece's
    likelihood is the document's, given that the path passes those nodes.
    """
    i0 = sum(len(x) for x, _ in doc.gold[:start])
    j0 = sum(len(y) for _, y in doc.gold[:start])
    gold = doc.gold[start:stop]
    i1 = i0 + sum(len(x) for x, _ in gold)
    j1 = j0 + sum(len(y) for _, y in gold)
    band, w = doc.band, doc.band.width
    old_lo = band.lo[i0 : i1 + 1]
    lo = np.maximum(old_lo - j0, 0)
    shift = lo + j0 - old_lo  # new column k is old column k + shift
    idx = np.arange(w)[None, :] + shift[:, None]
    inside = idx < w
    idx = np.minimum(idx, w - 1)

    def cut(x: np.ndarray) -> np.ndarray:
        taken = np.take_along_axis(x[i0 : i1 + 1], idx[:, None, :].repeat(x.shape[1], 1), axis=2)
        return np.where(inside[:, None, :], taken, 0.0).astype(x.dtype)

    feats = doc.feats
    new_band = Band(lo=lo.astype(np.int64), width=w, n=i1 - i0, m=j1 - j0)
    sub = DocumentFeatures(
        new_band,
        {k: cut(v) for k, v in feats.pair.items()},
        {k: v[i0:i1] for k, v in feats.skip_tr.items()},
        {k: v[j0:j1] for k, v in feats.skip_en.items()},
        feats.scale,
    )
    shifted = [(tuple(i - i0 for i in x), tuple(j - j0 for j in y)) for x, y in gold]
    return Doc(doc.kind, f"{doc.name}[{start}:{stop}]", shifted, doc.tr, doc.en, new_band,
               [], doc.raw_scale, feats=sub, prior=doc.prior, inside=inside)


def _cuts(doc: Doc, size: int) -> list[tuple[int, int]]:
    """Consecutive runs of about ``size`` gold beads whose end nodes lie inside the band."""
    inside = []
    i = j = 0
    for k in range(len(doc.gold) + 1):
        if k:
            x, y = doc.gold[k - 1]
            i, j = i + len(x), j + len(y)
        inside.append(0 <= j - doc.band.lo[i] < doc.band.width)
    nodes = [k for k, ok in enumerate(inside) if ok]
    out, start = [], 0
    for k in nodes:
        if k - start >= size or (k == len(doc.gold) and k - start >= size // 2):
            out.append((start, k))
            start = k
    return out


def balanced_pieces(docs: Sequence[Doc], size: int = 100,
                    shares: dict[str, float] | None = None) -> list[Doc]:
    """Training documents in which every kind of text weighs the same.

    The kind with the fewest gold beads is kept whole; the others are cut into
    pieces of about ``size`` beads, of which an evenly spread share is kept
    (bible-ot has four times wmt16's beads; fitting on all of it both drowned
    the news and took four times as long). ``shares``: a kind weighing less (0.5:
    half as many beads as the others).
    """
    kinds = sorted({d.kind for d in docs})
    beads = {k: sum(len(d.gold) for d in docs if d.kind == k) for k in kinds}
    least = min(beads.values())
    out: list[Doc] = []
    for kind in kinds:
        mine = [d for d in docs if d.kind == kind]
        share = (shares or {}).get(kind, 1.0)
        if beads[kind] <= 1.2 * least * share:
            out += mine
            continue
        every = beads[kind] / (least * share)
        cuts = [(d, s, e) for d in mine for s, e in _cuts(d, size)]
        keep = [cuts[int(k * every)] for k in range(int(len(cuts) / every))]
        for d, s, e in keep:
            out.append(piece(d, s, e))
    return out


def skeleton(encoder: str, prior: SimilarityScale) -> ScoringModel:
    z = np.zeros(0)
    return ScoringModel(DEFAULT_TYPES, PAIR_FEATURES, PER_TYPE, SKIP_FEATURES,
                        z, z, z, z, z, z, z, encoder=encoder, scale_prior=prior)


def standardise(docs: list[Doc], encoder: str, prior: SimilarityScale) -> ScoringModel:
    """A model with the standardisation of the training docs (and zero weights)."""
    base = skeleton(encoder, prior)
    raw = replace(base, pair_mean=np.zeros(base.pair_dim), pair_scale=np.ones(base.pair_dim),
                  skip_mean=np.zeros(len(SKIP_FEATURES)), skip_scale=np.ones(len(SKIP_FEATURES)))
    sums = np.zeros(base.pair_dim)
    squares = np.zeros(base.pair_dim)
    count = 0
    skips = []
    for d in docs:
        lat = Lattice(d.band, DEFAULT_TYPES, np.zeros((d.band.n + 1, len(DEFAULT_TYPES), d.band.width)),
                      np.zeros(d.band.m + 1))
        x = raw.pair_design(d.feats.pair)[valid_cells(d, lat)].astype(np.float64)
        sums += x.sum(0)
        squares += (x * x).sum(0)
        count += x.shape[0]
        skips.append(raw.skip_design(d.feats.skip_tr)[:, :-1])
        skips.append(raw.skip_design(d.feats.skip_en)[:, :-1])
    s = np.concatenate(skips)
    mean = sums / count
    scale = np.sqrt(np.maximum(squares / count - mean**2, 0.0))
    scale[scale < 1e-6] = 1.0  # constant columns (e.g. no paragraphs, no anchors) stay inert
    n_types = len(raw.pair_types)
    onehot = slice(len(PAIR_FEATURES), len(PAIR_FEATURES) + n_types)
    mean[onehot], scale[onehot] = 0.0, 1.0  # keep type indicators as 0/1
    # Anchors are absent when a user aligns without a glossary: not centring them
    # keeps that case exactly the model with no anchor evidence.
    if "anchor" in PAIR_FEATURES:
        mean[PAIR_FEATURES.index("anchor")] = 0.0
    sscale = s.std(0)
    sscale[sscale < 1e-6] = 1.0
    return replace(raw, pair_mean=mean, pair_scale=scale, skip_mean=s.mean(0), skip_scale=sscale)


def valid_cells(doc: Doc, lat: Lattice) -> np.ndarray:
    """Beads of the lattice that exist: for a piece, those whose both ends lie in the
    whole document's band (a piece's first rows hold columns the band did not)."""
    pred = lat.predecessors()
    valid = pred >= 0
    if doc.inside is not None:
        valid &= doc.inside[:, None, :]
        valid &= doc.inside.ravel()[np.maximum(pred, 0)]
    return valid


def prepare(doc: Doc, model: ScoringModel) -> None:
    doc.design = model.pair_design(doc.feats.pair)
    doc.a = model.skip_design(doc.feats.skip_tr).astype(np.float64)
    doc.b = model.skip_design(doc.feats.skip_en).astype(np.float64)
    lat = Lattice(doc.band, DEFAULT_TYPES, np.zeros(doc.design.shape[:3]), np.zeros(doc.band.m + 1))
    doc.valid = valid_cells(doc, lat)
    doc.gold_phi = path_phi(doc, oracle_path(doc))


def lattice(doc: Doc, wp, wa, wb) -> Lattice:
    t10 = DEFAULT_TYPES.index((1, 0))
    s = (doc.design @ wp.astype(np.float32)).astype(np.float64)
    s[:, t10, :] = np.concatenate([[NEG], doc.a @ wa])[:, None]
    s = np.where(doc.valid, s, NEG)
    return Lattice(doc.band, DEFAULT_TYPES, s, np.concatenate([[NEG], doc.b @ wb]))


def oracle_path(doc: Doc) -> list[tuple[int, int, int, int]]:
    """The path through the band that hits the most gold beads (the gold itself when it can)."""
    band, t10 = doc.band, DEFAULT_TYPES.index((1, 0))
    s = np.full(doc.design.shape[:3], -1e-3)
    ins = np.full(band.m + 1, -1e-3)
    i = j = 0
    for x, y in doc.gold:
        i, j = i + len(x), j + len(y)
        k = j - band.lo[i] if 0 <= i <= band.n else -1
        if (len(x), len(y)) in DEFAULT_TYPES and 0 <= k < band.width:
            s[i, DEFAULT_TYPES.index((len(x), len(y))), k] += 1.0
        elif not x and len(y) == 1:
            ins[j] += 1.0
    # 1:0 beads score the same in every column of their row
    for x, y in doc.gold:
        if len(x) == 1 and not y:
            s[x[0] + 1, t10, :] = 1.0 - 1e-3
    s = np.where(doc.valid, s, NEG)
    lat = Lattice(band, DEFAULT_TYPES, s, ins)
    return backtrack(lat, forward(lat)[1])


def path_phi(doc: Doc, path):
    fp = np.zeros(doc.design.shape[-1])
    fa = np.zeros(doc.a.shape[-1])
    fb = np.zeros(doc.b.shape[-1])
    for i0, i1, j0, j1 in path:
        a, b = i1 - i0, j1 - j0
        if a and b:
            fp += doc.design[i1, DEFAULT_TYPES.index((a, b)), j1 - doc.band.lo[i1]]
        elif a:
            fa += doc.a[i0]
        else:
            fb += doc.b[j0]
    return fp, fa, fb


def objective(w: np.ndarray, docs: list[Doc], l2: float):
    dp, ds = docs[0].design.shape[-1], docs[0].a.shape[-1]
    wp, wa, wb = w[:dp], w[dp : dp + ds], w[dp + ds :]
    t10 = DEFAULT_TYPES.index((1, 0))
    total = 0.5 * l2 * float(w @ w)
    grad = l2 * w.copy()
    for d in docs:
        post = marginals(lattice(d, wp, wa, wb))
        gold_p, gold_a, gold_b = d.gold_phi
        total += post.log_z - (gold_p @ wp + gold_a @ wa + gold_b @ wb)
        beads = post.beads.astype(np.float32)
        p_del = beads[:, t10, :].sum(axis=1)[1:].astype(np.float64)
        beads[:, t10, :] = 0.0
        flat = d.design.reshape(-1, dp)
        grad[:dp] += beads.reshape(-1) @ flat - gold_p
        grad[dp : dp + ds] += p_del @ d.a - gold_a
        p_ins = np.zeros(d.band.m)
        cols = d.band.column_grid()
        ok = (cols >= 1) & (cols <= d.band.m)
        np.add.at(p_ins, cols[ok] - 1, post.inserts[ok])
        grad[dp + ds :] += p_ins @ d.b - gold_b
    return total, grad


def train(docs: list[Doc], l2: float, encoder: str, w0: np.ndarray | None = None,
          prior: SimilarityScale | None = None, balance: dict[str, float] | None = BALANCED,
          adapt_priors: bool = True) -> tuple[ScoringModel, np.ndarray]:
    """Weights fitted on ``docs`` (their features read with the prior they ship)."""
    from scipy.optimize import minimize

    prior = prior or mean_scale(docs)
    for d in docs:
        features_with(d, prior)
    docs = balanced_pieces(docs, shares=balance) if balance is not None else list(docs)
    model = standardise(docs, encoder, prior)
    for d in docs:
        prepare(d, model)
    dp, ds = docs[0].design.shape[-1], docs[0].a.shape[-1]
    if w0 is None:
        w0 = np.zeros(dp + 2 * ds)
        w0[0] = 1.0
    res = minimize(objective, w0, args=(docs, l2), jac=True, method="L-BFGS-B",
                   options={"maxiter": 500})
    print(f"  L-BFGS: {res.nit} iterations, {res.message}", file=sys.stderr)
    w = res.x
    wp, wa, wb = w[:dp], w[dp : dp + ds], w[dp + ds :]
    # The bead-type mix these weights expect (align.aligner.priors): the expected
    # count of each type on the training paths, before any per-document re-estimation.
    counts = sum(expected_types(lattice(d, wp, wa, wb)) for d in docs)
    type_prior = tuple(float(x) for x in counts / counts.sum())
    for d in docs:  # the designs are large; decoding rebuilds what it needs
        d.design = None
    model = replace(model, w_pair=wp, w_skip_tr=wa, w_skip_en=wb,
                    type_prior=type_prior if adapt_priors else ())
    return model, w


def decode(doc: Doc, model: ScoringModel) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """The production decoder: the best path and each bead's confidence."""
    features_with(doc, model.scale_prior)
    path, lat = decode_sides(doc.tr, doc.en, doc.band, model, AlignConfig(), doc.anchors, doc.feats)
    return [(b.tr, b.en, b.score) for b in _with_confidence(path, lat, model)]


@dataclass
class Scored:
    """Out-of-sample predictions of some documents."""

    docs: list[Doc]
    preds: list[list[tuple[tuple[int, ...], tuple[int, ...], float]]]

    def f1(self, select: Callable[[Doc], bool] = lambda d: True) -> tuple[float, float, float]:
        pairs = [(d.gold, [(x, y) for x, y, _ in p]) for d, p in zip(self.docs, self.preds, strict=True)
                 if select(d)]
        s = score_alignments([g for g, _ in pairs], [p for _, p in pairs])
        return s.f1_strict, s.precision_strict, s.recall_strict

    def confidences(self, select: Callable[[Doc], bool] = lambda d: True):
        out = []
        for d, pred in zip(self.docs, self.preds, strict=True):
            if select(d):
                gold = set(d.gold)
                out += [(c, (x, y) in gold) for x, y, c in pred]
        return out


def bands(conf) -> list[tuple[float, float, int, float]]:
    rows = []
    for lo, hi in itertools.pairwise(BANDS):
        sel = [ok for c, ok in conf if lo <= c < hi]
        if sel:
            rows.append((lo, min(hi, 1.0), len(sel), sum(1 for ok in sel if not ok) / len(sel)))
    return rows


def choose_threshold(conf) -> tuple[float, float, float, float]:
    """The highest threshold whose beads below are still wrong at least half the time.

    Returns (threshold, share of wrong beads caught, share of beads flagged,
    error rate below it).
    """
    conf = sorted(conf)
    wrong_total = sum(1 for _, ok in conf if not ok)
    best = (0.0, 0.0, 0.0, 1.0)
    wrong = 0
    for k, (c, ok) in enumerate(conf, 1):
        wrong += not ok
        nxt = conf[k][0] if k < len(conf) else 1.0
        if nxt > c and wrong / k >= 0.5:
            threshold = round(float(nxt), 2) if round(float(nxt), 2) > c else float(nxt)
            best = (threshold, wrong / max(wrong_total, 1), k / len(conf), wrong / k)
    return best


def print_report(title: str, scored: Scored, kinds: Sequence[str], per_doc: bool) -> None:
    print(f"== {title}")
    for kind in kinds:
        f1, p, r = scored.f1(lambda d, k=kind: d.kind == k)
        if any(d.kind == kind for d in scored.docs):
            print(f"  {kind:12s} strict F1 {f1:.4f} (P {p:.4f} R {r:.4f})")
    if per_doc:
        for d, pred in zip(scored.docs, scored.preds, strict=True):
            s = score_alignments([d.gold], [[(x, y) for x, y, _ in pred]])
            print(f"    {d.label:24s} {s.f1_strict:.4f}")
    wrong: dict[tuple[int, int], int] = {}
    missed: dict[tuple[int, int], int] = {}
    for d, pred in zip(scored.docs, scored.preds, strict=True):
        gold, got = set(d.gold), {(x, y) for x, y, _ in pred}
        for x, y in got - gold:
            wrong[len(x), len(y)] = wrong.get((len(x), len(y)), 0) + 1
        for x, y in gold - got:
            missed[len(x), len(y)] = missed.get((len(x), len(y)), 0) + 1
    for what, counts in (("wrong beads by type", wrong), ("gold beads missed", missed)):
        top = sorted(counts.items(), key=lambda kv: -kv[1])
        print(f"  {what}: " + ", ".join(f"{a}:{b} {k}" for (a, b), k in top))
    conf = scored.confidences()
    print("  confidence band    beads   wrong   error rate")
    for lo, hi, k, err in bands(conf):
        print(f"  [{lo:.2f}, {hi:.2f})     {k:6d}  {round(k * err):6d}   {err:.4f}")


def family(kind: str) -> str:
    """The kind of text a devset is: ``bible-ot-raw`` (``make_raw_devset.py``) is ``bible-ot``."""
    return kind.removesuffix("-raw")


def cross_validate(docs: list[Doc], folds: int, l2: float, encoder: str,
                   w0: np.ndarray | None, balance: dict[str, float] | None = BALANCED,
                   adapt_priors: bool = True, save: Path | None = None) -> Scored:
    """Every document aligned by weights that never saw it (K folds within every kind).

    Documents are dealt by name: a book and its running-text version
    (``make_raw_devset.py`` keeps the names) are always in the same fold, so neither
    is scored by weights that saw the other. ``save``: write each fold's weights
    there (``fold-K.json``, the held-out names in its ``info``), for ``bench_raw.py
    --fold-weights``.
    """
    fold_of = {}
    for kind in sorted({d.kind for d in docs}):
        names = sorted({d.name for d in docs if family(d.kind) == family(kind)})
        for d in docs:
            if d.kind == kind:
                fold_of[id(d)] = names.index(d.name) % folds
    out_docs, preds = [], []
    for k in range(folds):
        test = [d for d in docs if fold_of[id(d)] == k]
        model, _ = train([d for d in docs if fold_of[id(d)] != k], l2, encoder, w0,
                         balance=balance, adapt_priors=adapt_priors)
        for d in test:
            out_docs.append(d)
            preds.append(decode(d, model))
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            held = sorted({f"{d.kind}/{d.name}" for d in test})
            (save / f"fold-{k + 1}.json").write_text(
                replace(model, info={"held_out": held}).to_json(), encoding="utf-8")
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr)
    return Scored(out_docs, preds)


def parse_shares(ap: argparse.ArgumentParser, items: Sequence[str],
                 kinds: Sequence[str]) -> dict[str, float]:
    """``--share KIND=F`` values; a kind that is not one of the devsets, or an F that is not
    a number in (0, 1], is an error (a typo would otherwise weigh nothing silently)."""
    shares = {}
    for item in items:
        kind, _, value = item.partition("=")
        try:
            share = float(value)
        except ValueError:
            ap.error(f"--share {item}: write KIND=F with F a number, e.g. wmt16-raw=0.5")
        if kind not in kinds:
            ap.error(f"--share {item}: {kind!r} is not one of the devsets ({', '.join(kinds)})")
        if not 0 < share <= 1:
            ap.error(f"--share {item}: F must be in (0, 1]")
        shares[kind] = share
    return shares


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("devsets", type=Path, nargs="+",
                    help="folders of document folders (tr.txt, en.txt, gold.txt); one kind each")
    ap.add_argument("--folds", type=int, default=4, help="cross-validation folds per kind (0: none)")
    ap.add_argument("--leave-kind-out", action="store_true",
                    help="also fit on all kinds but one and score that one, for every kind")
    ap.add_argument("--per-doc", action="store_true", help="print out-of-fold F1 per document")
    ap.add_argument("--l2", type=float, default=0.5,
                    help="L2 regularisation strength (0.5: wmt16 out of fold 0.9777 against 0.9761 at "
                    "1.0 and 0.9761 at 2.0, bible-ot 0.9946 at all three)")
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--no-paragraphs", dest="paragraphs", action="store_false",
                    help="do not add paragraph breaks to every other training document")
    ap.add_argument("--no-balance", dest="balance", action="store_false",
                    help="fit on every bead of every kind (a kind with more beads weighs more)")
    ap.add_argument("--no-prior-adaptation", dest="adapt_priors", action="store_false",
                    help="ship no bead-type prior: decode without re-estimating it per document "
                    "(align.aligner.priors)")
    ap.add_argument("-o", "--output", type=Path, help="write the trained weights here")
    ap.add_argument("--save-folds", type=Path, metavar="DIR",
                    help="write each cross-validation fold's weights to DIR/fold-K.json")
    ap.add_argument("--glossary", type=Path, action="append",
                    help="add anchors from glossary term pairs found on both sides "
                    "(align.glossary.anchors) to the 'anchor' feature; may be repeated "
                    "(the terms of all the files are used on every document)")
    ap.add_argument("--share", action="append", default=[], metavar="KIND=F",
                    help="let KIND weigh F times as much as the others (e.g. wmt16-raw=0.5)")
    args = ap.parse_args()
    # args.balance: None (every bead counts) or each kind's share (balanced_pieces)
    args.balance = parse_shares(ap, args.share, [d.name for d in args.devsets]) \
        if args.balance else None

    t0 = time.time()
    encoder = DiskCachedEncoder(get_encoder(args.encoder))
    config = AlignConfig()
    anchors_fn = None
    if args.glossary:
        from align.glossary.anchors import glossary_anchors
        from align.glossary.match import TermMatcher
        from align.glossary.yaml_store import load_glossary

        terms = [t for g in args.glossary for t in load_glossary(g).terms]
        matcher = TermMatcher(terms)

        def anchors_fn(tr_texts, en_texts):
            return glossary_anchors(matcher, tr_texts, en_texts)

    docs = []
    for devset in args.devsets:
        folders = sorted(p for p in devset.iterdir() if (p / "gold.txt").exists())
        # every other document gets paragraph breaks (see paragraphs_from_gold)
        docs += [load_doc(f, devset.name, encoder, config, anchors_fn,
                          paragraphs=args.paragraphs and i % 2 == 1)
                 for i, f in enumerate(folders)]
    kinds = sorted({d.kind for d in docs})
    print(f"{len(docs)} documents ({', '.join(kinds)}), loaded in {time.time() - t0:.1f}s",
          file=sys.stderr)
    for kind in kinds:
        ss = [d.raw_scale for d in docs if d.kind == kind]
        print(f"{kind}: similarity scale unrelated {np.mean([s.unrelated for s in ss]):.3f}, "
              f"related {np.mean([s.related for s in ss]):.3f}")

    t1 = time.time()
    model, w_all = train(docs, args.l2, args.encoder, balance=args.balance,
                         adapt_priors=args.adapt_priors)
    print(f"fitted on everything in {time.time() - t1:.0f}s", file=sys.stderr)
    info: dict[str, object] = {
        "trained_on": ", ".join(f"{k}: {sum(d.kind == k for d in docs)} documents" for k in kinds),
        "l2": args.l2,
        "glossary_anchors": ", ".join(map(str, args.glossary)) if args.glossary else "none",
        "paragraphs": "every other document, breaks at gold bead boundaries" if args.paragraphs else "none",
    }
    calibration: tuple[tuple[float, float, int, float], ...] = ()
    threshold = 0.5
    families = sorted({family(k) for k in kinds})
    if args.leave_kind_out and len(families) > 1:
        # a kind and its running-text version are one kind of text: both are left out
        for fam in families:
            held = [d for d in docs if family(d.kind) == fam]
            other, _ = train([d for d in docs if family(d.kind) != fam], args.l2, args.encoder,
                             w_all, balance=args.balance, adapt_priors=args.adapt_priors)
            scored = Scored(held, [decode(d, other) for d in held])
            held_kinds = sorted({d.kind for d in held})
            print_report(f"fitted without {', '.join(held_kinds)} (leave one kind out)", scored,
                         held_kinds, args.per_doc)
            for kind in held_kinds:
                info[f"without_{kind}_f1_strict"] = round(
                    scored.f1(lambda d, k=kind: d.kind == k)[0], 4)
    if args.folds > 1:
        scored = cross_validate(docs, args.folds, args.l2, args.encoder, w_all, args.balance,
                                args.adapt_priors, args.save_folds)
        print_report(f"cross-validated ({args.folds} folds per kind, out of fold)", scored, kinds,
                     args.per_doc)
        conf = scored.confidences()
        calibration = tuple((lo, hi, k, round(err, 4)) for lo, hi, k, err in bands(conf))
        threshold, caught, flagged, err = choose_threshold(conf)
        print(f"  low-confidence threshold {threshold:.2f}: beads below it wrong {err:.1%}, "
              f"{flagged:.1%} of beads flagged, {caught:.1%} of the wrong beads caught")
        info["cv_folds_per_kind"] = args.folds
        for kind in kinds:
            info[f"cv_{kind}_f1_strict"] = round(scored.f1(lambda d, k=kind: d.kind == k)[0], 4)
        info["low_confidence_caught"] = round(caught, 4)
        info["low_confidence_flagged"] = round(flagged, 4)
    fit = Scored(docs, [decode(d, model) for d in docs])
    for kind in kinds:
        f1 = fit.f1(lambda d, k=kind: d.kind == k)[0]
        print(f"in-sample (not a measure of accuracy): {kind} strict F1 {f1:.4f}")
        info[f"in_sample_{kind}_f1_strict"] = round(f1, 4)
    if args.output:
        model = replace(model, low_confidence=threshold, calibration=calibration, info=info)
        args.output.write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
