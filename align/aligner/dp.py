"""Monotonic bead alignment by dynamic programming inside a band.

The lattice has a node ``(i, j)`` for "the first i Turkish and the first j
English sentences are aligned". A bead of type ``(a, b)`` is an edge from
``(i-a, j-b)`` to ``(i, j)``. Only nodes in a band are kept: row ``i`` holds
the columns ``lo[i] .. lo[i] + width - 1``, so time and memory are linear in
the document length (``n * width * types``), never ``n * m``.

Scores are maximised. ``scores[i, t, k]`` is the score of the bead of type
``types[t]`` that *ends* at node ``(i, lo[i] + k)``; English-only beads (0:1)
are handled apart, as a running scan along each row, because they connect
nodes of the same row. Each row is a few vectorised numpy operations.

:func:`forward` gives the best score of every node from the start and
:func:`backtrack` the best path; the same lattice summed instead of maximised
(:mod:`.posterior`, forward and backward) gives each bead's probability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["NEG", "Band", "Lattice", "backtrack", "band_around", "forward"]

NEG = -1e30
"""Score of an impossible node or bead (finite, so sums never produce NaN)."""


@dataclass(frozen=True, slots=True)
class Band:
    """Which columns each row of the lattice keeps."""

    lo: NDArray[np.int64]
    """(n+1,) first column of each row; non-decreasing, ``lo[0] == 0``."""
    width: int
    """Columns per row."""
    n: int
    """Turkish sentences (rows 0..n)."""
    m: int
    """English sentences (columns 0..m)."""

    def columns(self, i: int) -> NDArray[np.int64]:
        """The English positions of row ``i``."""
        cols: NDArray[np.int64] = self.lo[i] + np.arange(self.width, dtype=np.int64)
        return cols

    def column_grid(self) -> NDArray[np.int64]:
        """(n+1, width) English position of every node."""
        grid: NDArray[np.int64] = self.lo[:, None] + np.arange(self.width, dtype=np.int64)[None, :]
        return grid


MAX_EXTRA_WIDTH = 400
"""Most columns a band is widened by to follow a block of English with no Turkish."""


def band_around(centers: NDArray[np.float64], m: int, radius: int) -> Band:
    """A band of ``radius`` columns each side of ``centers`` (one per row, n+1 of them).

    The band always holds the start node (0, 0) and the end node (n, m), and
    consecutive rows overlap so that every bead type can connect them. Where
    the guide path jumps over many English sentences at once (an added
    passage), the band is widened by that jump so the path stays inside it.
    """
    n = len(centers) - 1
    jumps = np.diff(np.round(centers)) if n else np.zeros(1)
    extra = int(np.clip(jumps.max(initial=0.0) - 1, 0, MAX_EXTRA_WIDTH))
    # reaching column m from column 0 in n rows needs width >= (m + n + 1) / (n + 1)
    reach = -(-(m + n + 1) // (n + 1))
    width = min(max(2 * radius + 1 + extra, reach), m + 1)
    lo = np.clip(np.round(centers).astype(np.int64) - radius, 0, m + 1 - width)
    lo = np.maximum.accumulate(lo)
    lo[0] = 0
    lo[n] = min(max(lo[n], m + 1 - width), m)
    # Consecutive rows may start at most width-1 columns apart, or no bead could
    # connect them: raise rows that lag too far behind the end, then cap rows
    # that run too far ahead of the start. The width bound above makes both hold.
    step = width - 1
    for i in range(n - 1, 0, -1):
        lo[i] = min(max(lo[i], lo[i + 1] - step), lo[i + 1])
    for i in range(1, n + 1):
        lo[i] = min(max(lo[i], lo[i - 1]), lo[i - 1] + step)
    return Band(lo=lo, width=width, n=n, m=m)


@dataclass(frozen=True, slots=True)
class Lattice:
    """A band, the bead types and their scores: everything the DP needs."""

    band: Band
    types: tuple[tuple[int, int], ...]
    """Bead types with at least one Turkish sentence, e.g. ``((1, 1), (2, 1), (1, 0), …)``."""
    scores: NDArray[np.float64]
    """(n+1, len(types), width) score of the bead of each type ending at each node."""
    insert: NDArray[np.float64]
    """(m+1,) score of a 0:1 bead adding English sentence ``j-1`` (index 0 unused)."""

    def predecessors(self) -> NDArray[np.int64]:
        """(n+1, types, width) flat index of each bead's start node; ``-1`` if outside the band."""
        band = self.band
        rows = np.arange(band.n + 1, dtype=np.int64)
        cols = band.column_grid()
        out = np.full((band.n + 1, len(self.types), band.width), -1, dtype=np.int64)
        for t, (a, b) in enumerate(self.types):
            prev = rows - a
            ok_row = prev >= 0
            prev_c = np.where(ok_row, prev, 0)
            k = cols - b - band.lo[prev_c][:, None]
            ok = ok_row[:, None] & (k >= 0) & (k < band.width) & (cols - b >= 0) & (cols <= band.m)
            out[:, t, :] = np.where(ok, prev_c[:, None] * band.width + k, -1)
        return out

    def scores_by_type(self) -> NDArray[np.float64]:
        """(types, nodes + 1) bead scores by type over flat node indices; the last is "outside"."""
        ntypes = len(self.types)
        flat = self.scores.transpose(1, 0, 2).reshape(ntypes, -1)
        return np.concatenate([flat, np.full((ntypes, 1), NEG)], axis=1)

    def successors(self) -> NDArray[np.int64]:
        """(n+1, types, width) flat index of each bead's end node; the outside slot if none."""
        band = self.band
        outside = (band.n + 1) * band.width
        rows = np.arange(band.n + 1, dtype=np.int64)
        cols = band.column_grid()
        out = np.full((band.n + 1, len(self.types), band.width), outside, dtype=np.int64)
        for t, (a, b) in enumerate(self.types):
            nxt = rows + a
            ok_row = nxt <= band.n
            nxt_c = np.where(ok_row, nxt, band.n)
            k = cols + b - band.lo[nxt_c][:, None]
            ok = ok_row[:, None] & (k >= 0) & (k < band.width) & (cols + b <= band.m)
            out[:, t, :] = np.where(ok, nxt_c[:, None] * band.width + k, outside)
        return out


def forward(lat: Lattice) -> tuple[NDArray[np.float64], NDArray[np.int8]]:
    """Best score from the start to every node, and the bead type that reaches it.

    The type is an index into ``lat.types``, or ``len(lat.types)`` for a 0:1 bead.
    """
    band = lat.band
    w = band.width
    value = np.full((band.n + 1) * w + 1, NEG)  # last slot: the "outside" node
    back = np.full((band.n + 1, w), -1, dtype=np.int8)
    pred = lat.predecessors()
    insert_type = len(lat.types)
    for i in range(band.n + 1):
        cols = band.columns(i)
        if i == 0:
            best = np.full(w, NEG)
            best[cols == 0] = 0.0
            arg = np.full(w, -1, dtype=np.int8)
        else:
            cand = value[pred[i]] + lat.scores[i]
            arg = cand.argmax(axis=0).astype(np.int8)
            best = np.take_along_axis(cand, arg[None, :].astype(np.int64), axis=0)[0]
        row, from_left = _scan_inserts(best, cols, lat.insert, band.m)
        arg[from_left] = insert_type
        value[i * w : (i + 1) * w] = row
        back[i] = arg
    return value[:-1].reshape(band.n + 1, w), back


def _scan_inserts(
    best: NDArray[np.float64], cols: NDArray[np.int64], insert: NDArray[np.float64], m: int
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Add 0:1 beads along a row: ``row[k] = max(best[k], row[k-1] + insert[col k])``."""
    valid = cols <= m
    gain = np.where(valid, insert[np.minimum(cols, m)], 0.0)
    gain[0] = 0.0
    csum = np.cumsum(gain)
    row = csum + np.maximum.accumulate(np.where(valid, best, NEG) - csum)
    from_left = row > best + 1e-9
    row = np.where(valid & (row > NEG / 2), row, NEG)
    return row, from_left & valid


def backtrack(lat: Lattice, back: NDArray[np.int8]) -> list[tuple[int, int, int, int]]:
    """The best path as beads ``(tr_start, tr_end, en_start, en_end)``, in order."""
    band = lat.band
    i, j = band.n, band.m
    beads: list[tuple[int, int, int, int]] = []
    insert_type = len(lat.types)
    while i > 0 or j > 0:
        t = int(back[i, j - band.lo[i]])
        if t == insert_type:
            beads.append((i, i, j - 1, j))
            j -= 1
        elif t < 0:
            raise RuntimeError(f"alignment lattice has no path through node ({i}, {j})")
        else:
            a, b = lat.types[t]
            beads.append((i - a, i, j - b, j))
            i, j = i - a, j - b
    beads.reverse()
    return beads
