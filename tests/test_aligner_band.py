"""Where the aligner searches: a band around the guide path, widened where the guide strayed.

On repetitive text (Psalm 119: 176 verses on one theme) the coarse guide
path can stray dozens of sentences from the true one; the best path inside
a band around it then runs along the band's edge. The aligner re-centres the
band on that path and doubles its radius (``AlignConfig.widenings`` times).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray
from test_aligner_adaptive import LevelEncoder, texts

from align.aligner import core
from align.aligner.core import AlignConfig, align_texts, touches_edge
from align.aligner.dp import Band, band_around


def strayed_guide(offset: int, rows: slice) -> object:
    """A stand-in for :func:`core.guided_band` whose path is ``offset`` sentences off on ``rows``."""

    def band(tr: NDArray[np.float32], en: NDArray[np.float32], config: AlignConfig) -> Band:
        n, m = tr.shape[0], en.shape[0]
        centers = np.linspace(0.0, float(m), n + 1)
        centers[rows] = np.minimum(centers[rows] + offset, m)
        return band_around(centers, m, config.radius)

    return band


@pytest.mark.parametrize(("widenings", "exact"), [(0, False), (2, True)])
def test_a_band_that_misses_the_path_is_widened_around_it(
    monkeypatch: pytest.MonkeyPatch, widenings: int, exact: bool
) -> None:
    monkeypatch.setattr(core, "guided_band", strayed_guide(30, slice(40, 90)))
    tr, en = texts("tr", 130), texts("en", 130)
    config = replace(AlignConfig(), widenings=widenings)
    beads = [(b.tr, b.en) for b in align_texts(tr, en, LevelEncoder(0.6), config=config)]
    assert (beads == [((k,), (k,)) for k in range(130)]) is exact


def test_a_path_inside_the_band_is_decoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    build = core.build_lattice

    def counting(*args: object) -> object:
        calls.append(1)
        return build(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(core, "build_lattice", counting)
    beads = align_texts(texts("tr", 50), texts("en", 50), LevelEncoder(0.6))
    assert len(beads) == 50
    assert len(calls) == 1


BAND = Band(lo=np.array([0, 0, 0, 1, 2, 3, 4, 4, 4]), width=7, n=8, m=10)
"""Rows 0..8; a node (i, j) is ``j - lo[i]`` columns from the band's left edge (0..6)."""


def path_through(nodes: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Beads ``(i0, i1, j0, j1)`` from the node (0, 0) through ``nodes``."""
    starts = [(0, 0), *nodes[:-1]]
    return [(i0, i1, j0, j1) for (i0, j0), (i1, j1) in zip(starts, nodes, strict=True)]


@pytest.mark.parametrize(
    ("nodes", "touches"),
    [
        # two or more columns from both edges, or on edges that are the document's own
        ([(1, 1), (2, 2), (3, 3), (4, 5), (5, 6), (6, 7), (7, 9), (8, 10)], False),
        ([(1, 0), (2, 0), (3, 3), (4, 5), (5, 6), (6, 7), (7, 9), (8, 10)], False),
        # row 3 at column 6: one column from a right edge that could lie further right
        ([(1, 1), (2, 2), (3, 6), (4, 7), (5, 8), (6, 9), (7, 10), (8, 10)], True),
        # row 3 at column 2: one column from a left edge that is not the document's start
        ([(1, 1), (2, 2), (3, 2), (4, 5), (5, 6), (6, 7), (7, 9), (8, 10)], True),
    ],
)
def test_touches_edge(nodes: list[tuple[int, int]], touches: bool) -> None:
    assert touches_edge(path_through(nodes), BAND) is touches
