"""A deterministic, instant encoder for unit tests.

Each text is a bag of its folded word tokens (:func:`align.normalize.fold`),
each token hashed with CRC-32 (stable across runs, unlike Python's ``hash``)
into one of ``dim`` buckets; the vector is the L2-normalised count vector, so
texts sharing words are similar and identical texts are identical. A text
with no word token is the zero vector.

:attr:`FakeEncoder.calls` counts the texts actually embedded, so a test can
check that the cache spared the rest. Runs are summed from the sentences'
counts (exactly the bag of the joined text) and embed nothing new.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..normalize import fold
from .base import EmbeddingCache, Encoder, Progress, sum_runs
from .lexical import parse_dim

__all__ = ["FakeEncoder"]

_DEFAULT_DIM = 64
_TOKEN = re.compile(r"\w+")


class FakeEncoder(Encoder):
    """Hashed bag of folded tokens: deterministic, instant, no model; counts its work.

    The name is ``fake``, or ``fake:<dim>`` for a ``dim`` other than 64.
    """

    for_tests = True

    def __init__(self, dim: int | str = _DEFAULT_DIM, cache: EmbeddingCache | None = None) -> None:
        super().__init__(cache)
        self.dim = parse_dim(dim, "fake")
        self.name = "fake" if self.dim == _DEFAULT_DIM else f"fake:{self.dim}"
        self.calls = 0
        """How many texts were embedded (cache hits are not counted)."""

    def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in zip(out, texts, strict=True):
            # NFC: in NFD, combining marks would split tokens ("İ" is I + U+0307 there)
            for token in _TOKEN.findall(fold(unicodedata.normalize("NFC", text))):
                row[zlib.crc32(token.encode("utf-8")) % self.dim] += 1.0
        if progress is not None:
            progress(len(texts))
        return out

    combines_runs = True  # a bag of tokens: a run's bag is the sum of its sentences' bags

    def _run_states(
        self, states: NDArray[np.float32], runs: Sequence[tuple[int, int]]
    ) -> NDArray[np.float32]:
        return sum_runs(states, runs)
