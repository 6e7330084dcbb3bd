"""Bead probabilities: the forward-backward algorithm in log space.

The aligner's scores are the log-potentials of a conditional random field
over monotone alignment paths: ``P(path) ∝ exp(sum of its bead scores)``.
Summing (log-sum-exp) instead of maximising over the same band lattice as
:mod:`.dp` gives, for every candidate bead, the probability that it is part
of the alignment. That marginal is the confidence shown to reviewers, and
its gradient is what ``benchmarks/fit_aligner.py`` trains the weights with.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .dp import NEG, Lattice

__all__ = ["Marginals", "marginals"]


@dataclass(frozen=True, slots=True)
class Marginals:
    """Posterior probabilities of the beads of a lattice."""

    log_z: float
    """Log partition function (log of the summed weight of all paths)."""
    beads: NDArray[np.float64]
    """(n+1, types, width) probability of each bead with a Turkish side, by end node."""
    inserts: NDArray[np.float64]
    """(n+1, width) probability of the 0:1 bead ending at each node."""


def _scan(base: NDArray[np.float64], gain: NDArray[np.float64]) -> NDArray[np.float64]:
    """``out[k] = logaddexp(base[k], out[k-1] + gain[k])`` for all k at once.

    ``gain`` must be finite: the running sum of gains is subtracted and added
    back, and one ``NEG`` in it would wipe out every finite value after it
    (``-1e30 + 1.5 == -1e30``). A move into a column that does not exist is
    barred by that column's own ``NEG`` base instead.
    """
    g = gain.copy()
    g[0] = 0.0
    csum = np.cumsum(g)
    out: NDArray[np.float64] = csum + np.logaddexp.accumulate(base - csum)
    return out


def _forward(lat: Lattice, pred: NDArray[np.int64]) -> NDArray[np.float64]:
    band = lat.band
    n, m, w = band.n, band.m, band.width
    alpha = np.full((n + 1) * w + 1, NEG)
    for i in range(n + 1):
        cols = band.columns(i)
        valid = cols <= m
        if i == 0:
            base = np.where(cols == 0, 0.0, NEG)
        else:
            base = np.logaddexp.reduce(alpha[pred[i]] + lat.scores[i], axis=0)
        gain = np.where(valid, lat.insert[np.minimum(cols, m)], 0.0)
        row = _scan(np.where(valid, base, NEG), gain)
        alpha[i * w : (i + 1) * w] = np.where(valid, np.maximum(row, NEG), NEG)
    return alpha


def _backward(lat: Lattice, succ: NDArray[np.int64]) -> NDArray[np.float64]:
    band = lat.band
    n, m, w = band.n, band.m, band.width
    ntypes = len(lat.types)
    beta = np.full((n + 1) * w + 1, NEG)
    by_type = lat.scores_by_type()
    type_rows = np.arange(ntypes)[:, None]
    for i in range(n, -1, -1):
        cols = band.columns(i)
        valid = cols <= m
        if i == n:
            base = np.where(cols == m, 0.0, NEG)
        else:
            idx = succ[i]
            base = np.logaddexp.reduce(beta[idx] + by_type[type_rows, idx], axis=0)
        gain = np.where(cols + 1 <= m, lat.insert[np.minimum(cols + 1, m)], 0.0)
        # reversed scan: out[k] = logaddexp(base[k], gain[k] + out[k+1])
        rev_gain = np.concatenate([[0.0], gain[::-1][1:]])
        row = _scan(np.where(valid, base, NEG)[::-1], rev_gain)[::-1]
        beta[i * w : (i + 1) * w] = np.where(valid, np.maximum(row, NEG), NEG)
    return beta


def marginals(lat: Lattice) -> Marginals:
    """The probability of every bead of the lattice under the CRF its scores define."""
    band = lat.band
    n, m, w = band.n, band.m, band.width
    pred = lat.predecessors()
    alpha = _forward(lat, pred)
    beta = _backward(lat, lat.successors())
    log_z = float(alpha[n * w + (m - band.lo[n])])
    beta_nodes = beta[:-1].reshape(n + 1, w)
    with np.errstate(over="ignore"):
        beads = np.exp(np.minimum(alpha[pred] + lat.scores + beta_nodes[:, None, :] - log_z, 0.0))
    beads[pred < 0] = 0.0
    alpha_nodes = alpha[:-1].reshape(n + 1, w)
    cols = band.column_grid()
    inserts = np.zeros((n + 1, w))
    ins = alpha_nodes[:, :-1] + lat.insert[np.minimum(cols[:, 1:], m)] + beta_nodes[:, 1:] - log_z
    inserts[:, 1:] = np.where(cols[:, 1:] <= m, np.exp(np.minimum(ins, 0.0)), 0.0)
    return Marginals(log_z=log_z, beads=beads, inserts=inserts)
