"""Where to look: a rough alignment path that the final band is centred on.

Learnt from Vecalign's coarse-to-fine search: if the similarity matrix is
small enough, align on all of it; otherwise average neighbouring sentence
embeddings pairwise (halving both sides), find the path at that coarser
level recursively, and refine it at this level inside a band around the
projected coarse path. Every level costs ``O(n * band)``, and the levels
shrink geometrically, so the whole search is linear in the document length;
no ``n * m`` matrix is ever built beyond ``full_cells`` entries.

The scoring here is deliberately simple (cosine minus a threshold, a few
bead types); it only has to put the band in the right place. The threshold
is the document's own: two standard deviations above the mean cosine of
random sentence pairs at that level (0.31 for USE on news, where a fixed 0.3
served; 0.36 for a Bible paraphrase; far lower for an encoder whose
translations sit at 0.2). The final alignment, with all signals, is done by
:mod:`.core` inside that band.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .dp import NEG, Band, Lattice, backtrack, band_around, forward

__all__ = ["guide_centers", "path_centers"]

_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (2, 1), (1, 2), (1, 0))
_SAMPLE = 2000  # random pairs drawn for the threshold
_DEVIATIONS = 2.0  # the threshold, in standard deviations above the random pairs' mean
_MERGE_PENALTY = 0.05
_BLOCK = 64


def guide_centers(
    tr: NDArray[np.float32],
    en: NDArray[np.float32],
    *,
    full_cells: int = 250_000,
    radius: int = 10,
    refine: bool = True,
) -> NDArray[np.float64]:
    """For each Turkish boundary 0..n, the English position the path passes through.

    ``tr`` and ``en`` are unit-length sentence embeddings. With ``refine=False``
    a large document's path is the coarser level's, projected (to within a
    sentence or two): enough to centre a band that is searched again anyway.
    """
    n, m = tr.shape[0], en.shape[0]
    if n == 0 or m == 0:
        return np.linspace(0.0, float(m), n + 1)
    if (n + 1) * (m + 1) <= full_cells:
        band = Band(lo=np.zeros(n + 1, dtype=np.int64), width=m + 1, n=n, m=m)
        return path_centers(_solve(tr, en, band), n)
    coarse = guide_centers(_halve(tr), _halve(en), full_cells=full_cells, radius=radius)
    # coarse row r is fine row 2r; interpolate odd rows, scale columns by 2
    rows = np.arange(n + 1) / 2.0
    centers = np.interp(rows, np.arange(len(coarse)), coarse) * 2.0
    centers = np.minimum(centers, float(m))
    if not refine:
        return centers
    band = band_around(centers, m, radius)
    return path_centers(_solve(tr, en, band), n)


def _halve(x: NDArray[np.float32]) -> NDArray[np.float32]:
    """Average consecutive pairs of rows (the last row alone if odd) and renormalise."""
    n = x.shape[0]
    pairs = x[: n - n % 2].reshape(-1, 2, x.shape[1]).sum(axis=1)
    if n % 2:
        pairs = np.concatenate([pairs, x[-1:]], axis=0)
    return _unit(pairs)


def _solve(tr: NDArray[np.float32], en: NDArray[np.float32], band: Band) -> list[tuple[int, int, int, int]]:
    from .features import RunTable, _Products

    n, m, w = band.n, band.m, band.width
    runs_tr = RunTable({1: tr, 2: _unit(tr[:-1] + tr[1:])})
    runs_en = RunTable({1: en, 2: _unit(en[:-1] + en[1:])})
    cols_all = band.column_grid()
    threshold = _threshold(tr, en)
    scores = np.full((n + 1, len(_TYPES), w), NEG)
    scores[1:, _TYPES.index((1, 0)), :] = 0.0
    for r0 in range(1, n + 1, _BLOCK):
        r1 = min(r0 + _BLOCK, n + 1)
        prods = _Products(runs_tr, runs_en, r0 - 2, r1, int(band.lo[r0]) - 2, int(band.lo[r1 - 1]) + w)
        for t, (a, b) in enumerate(_TYPES):
            if b == 0 or r1 <= a:
                continue
            q0 = max(r0, a)
            cols = cols_all[q0:r1]
            ok = (cols >= b) & (cols <= m)
            sim = prods.get(a, b, np.arange(q0, r1) - a, cols - b)
            sim = sim - threshold - (_MERGE_PENALTY if a + b > 2 else 0.0)
            scores[q0:r1, t] = np.where(ok, sim, NEG)
    lat = Lattice(band, _TYPES, scores, np.zeros(m + 1))
    _, back = forward(lat)
    return backtrack(lat, back)


def _threshold(tr: NDArray[np.float32], en: NDArray[np.float32]) -> float:
    """The cosine below which aligning a pair is worse than skipping it, in this document."""
    n, m = tr.shape[0], en.shape[0]
    rng = np.random.default_rng(n * 1_000_003 + m)
    i = rng.integers(0, n, _SAMPLE)
    j = rng.integers(0, m, _SAMPLE)
    sims = np.einsum("ij,ij->i", tr[i], en[j])
    return float(sims.mean() + _DEVIATIONS * sims.std())


def _unit(x: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    unit: NDArray[np.float32] = (x / norms).astype(np.float32)
    return unit


def path_centers(beads: list[tuple[int, int, int, int]], n: int) -> NDArray[np.float64]:
    """English position at each Turkish boundary (the middle of any 0:1 run there)."""
    lo = np.full(n + 1, np.inf)
    hi = np.full(n + 1, -np.inf)
    lo[0] = hi[0] = 0.0
    for i0, i1, j0, j1 in beads:
        for i, j in ((i0, j0), (i1, j1)):
            lo[i] = min(lo[i], j)
            hi[i] = max(hi[i], j)
    seen = np.isfinite(lo)
    centers = np.zeros(n + 1)
    centers[seen] = (lo[seen] + hi[seen]) / 2.0
    # rows inside a bead (the middle of a 3:1) have no node: interpolate them
    rows = np.arange(n + 1)
    filled: NDArray[np.float64] = np.interp(rows, rows[seen], centers[seen])
    return filled
