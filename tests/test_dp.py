"""The banded DP against brute force, and the forward-backward identities."""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner.dp import NEG, Band, Lattice, backtrack, backward, band_around, forward
from align.aligner.posterior import marginals

TYPES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0))


def full_band(n: int, m: int) -> Band:
    return Band(lo=np.zeros(n + 1, dtype=np.int64), width=m + 1, n=n, m=m)


def random_lattice(n: int, m: int, seed: int, band: Band | None = None) -> Lattice:
    rng = np.random.default_rng(seed)
    band = band or full_band(n, m)
    scores = rng.normal(size=(n + 1, len(TYPES), band.width))
    lat = Lattice(band, TYPES, scores, rng.normal(size=m + 1))
    scores[lat.predecessors() < 0] = NEG
    return lat


def all_paths(lat: Lattice):
    """Every monotone path from (0, 0) to (n, m) inside the band, with its score."""
    band = lat.band

    def inside(i: int, j: int) -> bool:
        return 0 <= j - band.lo[i] < band.width and j <= band.m

    @cache
    def paths(i: int, j: int) -> list[tuple[float, tuple]]:
        if (i, j) == (0, 0):
            return [(0.0, ())]
        out = []
        if j >= 1 and inside(i, j - 1):
            for s, p in paths(i, j - 1):
                out.append((s + lat.insert[j], (*p, (i, i, j - 1, j))))
        for t, (a, b) in enumerate(lat.types):
            if i - a >= 0 and j - b >= 0 and inside(i - a, j - b):
                score = lat.scores[i, t, j - band.lo[i]]
                if score <= NEG / 2:
                    continue
                for s, p in paths(i - a, j - b):
                    out.append((s + score, (*p, (i - a, i, j - b, j))))
        return out

    return paths(band.n, band.m)


@pytest.mark.parametrize(("n", "m", "seed"), [(1, 1, 0), (2, 3, 1), (4, 4, 2), (5, 3, 3), (3, 6, 4)])
def test_viterbi_finds_the_best_path(n: int, m: int, seed: int) -> None:
    lat = random_lattice(n, m, seed)
    value, back = forward(lat)
    best_score, best_path = max(all_paths(lat))
    assert value[n, m] == pytest.approx(best_score)
    assert tuple(backtrack(lat, back)) == best_path


@pytest.mark.parametrize(("n", "m", "seed"), [(2, 3, 5), (4, 4, 6), (5, 3, 7)])
def test_backward_meets_forward(n: int, m: int, seed: int) -> None:
    lat = random_lattice(n, m, seed)
    value, _ = forward(lat)
    after = backward(lat)
    assert after[0, 0] == pytest.approx(value[n, m])
    through = value + after  # best path through each node never beats the best path
    assert np.nanmax(np.where(through > NEG / 2, through, -np.inf)) == pytest.approx(value[n, m])


@pytest.mark.parametrize(("n", "m", "seed"), [(2, 2, 8), (4, 5, 9), (5, 4, 10)])
def test_marginals_match_enumeration(n: int, m: int, seed: int) -> None:
    lat = random_lattice(n, m, seed)
    paths = all_paths(lat)
    log_z = np.logaddexp.reduce([s for s, _ in paths])
    post = marginals(lat)
    assert post.log_z == pytest.approx(log_z)
    band = lat.band
    for i0, i1, j0, j1 in {bead for _, p in paths for bead in p}:
        prob = sum(np.exp(s - log_z) for s, p in paths if (i0, i1, j0, j1) in p)
        k = j1 - band.lo[i1]
        got = post.inserts[i1, k] if i1 == i0 else post.beads[i1, TYPES.index((i1 - i0, j1 - j0)), k]
        assert got == pytest.approx(prob, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(0, 10**6), st.integers(1, 6))
def test_banded_paths_are_complete_and_monotone(n: int, m: int, seed: int, radius: int) -> None:
    centers = np.linspace(0, m, n + 1) + np.random.default_rng(seed).normal(scale=2, size=n + 1)
    band = band_around(centers, m, radius)
    assert band.lo[0] == 0 and band.lo[n] <= m < band.lo[n] + band.width
    assert np.all(np.diff(band.lo) >= 0)
    lat = random_lattice(n, m, seed, band)
    value, back = forward(lat)
    assert value[n, m - band.lo[n]] > NEG / 2, "the end node must be reachable"
    beads = backtrack(lat, back)
    assert [b[0] for b in beads[:1]] == [0] and beads[-1][1] == n and beads[-1][3] == m
    for (_, i1, _, j1), (i0, _, j0, _) in itertools.pairwise(beads):
        assert (i1, j1) == (i0, j0)
