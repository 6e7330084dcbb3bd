"""The banded DP against brute force, and the forward-backward identities."""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner.dp import NEG, Band, Lattice, backtrack, band_around, forward
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


@pytest.mark.parametrize(("n", "m", "seed"), [(2, 3, 5), (12, 9, 6), (30, 33, 7)])
def test_every_sentence_is_covered_with_probability_one(n: int, m: int, seed: int) -> None:
    """Forward and backward meet: on every path each sentence is in exactly one bead."""
    lat = random_lattice(n, m, seed)
    post = marginals(lat)
    band = lat.band
    tr = np.zeros(n)
    en = np.zeros(m)
    cols = band.column_grid()
    for t, (a, b) in enumerate(lat.types):
        for i in range(1, n + 1):
            for k in range(band.width):
                p = post.beads[i, t, k]
                tr[i - a : i] += p
                j = cols[i, k]
                if b and j <= m:
                    en[j - b : j] += p
    ok = (cols >= 1) & (cols <= m)
    np.add.at(en, cols[ok] - 1, post.inserts[ok])
    np.testing.assert_allclose(tr, 1.0, atol=1e-9)
    np.testing.assert_allclose(en, 1.0, atol=1e-9)


@pytest.mark.parametrize(
    ("n", "m", "seed", "extra"),
    [(2, 2, 8, 0), (4, 5, 9, 0), (5, 4, 10, 0), (4, 5, 11, 3), (5, 3, 12, 6)],
)
def test_marginals_match_enumeration(n: int, m: int, seed: int, extra: int) -> None:
    """``extra``: the band holds columns beyond m (a scan through them once lost every
    finite value behind a -1e30 gain, and the backward pass disagreed with the forward)."""
    band = Band(lo=np.zeros(n + 1, dtype=np.int64), width=m + 1 + extra, n=n, m=m)
    lat = random_lattice(n, m, seed, band)
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
