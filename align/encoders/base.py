"""The encoder interface and its per-text cache.

An encoder turns texts into L2-normalised float32 vectors (``encode``). The
aligner also needs vectors for *runs* of consecutive sentences (the candidate
2:1, 1:3 … beads); ``encode_runs`` embeds the joined text by default, and an
encoder that can combine per-sentence states (USE pools token features, so a
run is the sum of its sentences' pooled states) overrides it to get runs for
free.

Whatever an encoder computes per text is cached by ``(encoder name, text)``,
so re-aligning a document, or aligning it against another version, never
embeds a sentence twice.

A text longer than :data:`MAX_ENCODER_CHARS` is embedded from its first
:data:`MAX_ENCODER_CHARS` characters only (cached under the whole text), with one
warning per encoder: its meaning is in there, and a 200,000-character "word"
took 2 GB and 15 s to embed whole. Only the encoder sees the cut: alignment,
segments and every output keep the whole unit.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "MAX_ENCODER_CHARS", "EmbeddingCache", "Encoder", "Progress", "l2_normalize", "sum_runs",
]

log = logging.getLogger("align")

MAX_ENCODER_CHARS = 5_000
"""The most characters of one text an encoder sees (a long sentence has ~1,000)."""

Progress = Callable[[int], None]
"""Called with the number of texts just embedded (for progress bars)."""


def l2_normalize(x: NDArray[np.float32]) -> NDArray[np.float32]:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    np.maximum(norms, 1e-12, out=norms)
    out: NDArray[np.float32] = (x / norms).astype(np.float32, copy=False)
    return out


def sum_runs(states: NDArray[np.float32], runs: Sequence[tuple[int, int]]) -> NDArray[np.float32]:
    """Row ``k``: the sum of ``states[a:b]`` for the ``k``-th run ``(a, b)``."""
    prefix = np.zeros((states.shape[0] + 1, states.shape[1]), dtype=np.float64)
    np.cumsum(states, axis=0, out=prefix[1:])
    if not len(runs):
        return np.zeros((0, states.shape[1]), dtype=np.float32)
    idx = np.asarray(runs, dtype=np.int64)
    summed: NDArray[np.float32] = (prefix[idx[:, 1]] - prefix[idx[:, 0]]).astype(np.float32)
    return summed


class EmbeddingCache:
    """A bounded LRU map ``(encoder name, text) -> state vector``; thread safe."""

    def __init__(self, max_bytes: int = 512 * 2**20) -> None:
        self.max_bytes = max_bytes
        self._data: OrderedDict[tuple[str, str], NDArray[np.float32]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def get_many(self, name: str, texts: Sequence[str]) -> list[NDArray[np.float32] | None]:
        """The cached vector of each text, or None where there is none."""
        out: list[NDArray[np.float32] | None] = []
        with self._lock:
            for text in texts:
                vec = self._data.get((name, text))
                if vec is not None:
                    self._data.move_to_end((name, text))
                    self.hits += 1
                else:
                    self.misses += 1
                out.append(vec)
        return out

    def put_many(self, name: str, texts: Sequence[str], rows: NDArray[np.float32]) -> None:
        """Store one row per text, evicting the least recently used beyond ``max_bytes``."""
        with self._lock:
            for text, row in zip(texts, rows, strict=True):
                key = (name, text)
                if key in self._data:
                    continue
                vec = np.array(row, dtype=np.float32, copy=True)
                self._data[key] = vec
                self._bytes += vec.nbytes + len(text) + 64
            while self._bytes > self.max_bytes and self._data:
                (_, old_text), old = self._data.popitem(last=False)
                self._bytes -= old.nbytes + len(old_text) + 64


class Encoder(ABC):
    """Texts in, unit vectors out. Subclasses implement :meth:`_states`."""

    name: str
    """Stable identifier, part of cache keys and of a run's signature (``use``, ``fake``…)."""
    dim: int
    """Length of the vectors ``encode`` returns."""

    def __init__(self, cache: EmbeddingCache | None = None) -> None:
        self.cache = cache if cache is not None else EmbeddingCache()
        self._warned_long = False

    @abstractmethod
    def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
        """Per-text state rows (for most encoders, the embedding itself)."""

    def _finish(self, states: NDArray[np.float32]) -> NDArray[np.float32]:
        """Embeddings from state rows; the identity unless states are pooled sums."""
        return l2_normalize(states)

    def load(self) -> None:  # noqa: B027 - optional hook, empty by default
        """Load the model now rather than on first use (to time it, or to fail early)."""

    def states(self, texts: Sequence[str], progress: Progress | None = None) -> NDArray[np.float32]:
        """State rows for ``texts``, computing only the ones not in the cache."""
        texts = list(texts)
        cached = self.cache.get_many(self.name, texts)
        missing = sorted({t for t, row in zip(texts, cached, strict=True) if row is None})
        fresh: dict[str, NDArray[np.float32]] = {}
        if missing:
            rows = self._states(self._capped(missing), progress)
            self.cache.put_many(self.name, missing, rows)
            fresh = dict(zip(missing, rows, strict=True))
        if not texts:
            return np.zeros((0, self.state_dim), dtype=np.float32)
        return np.stack(
            [row if row is not None else fresh[t] for t, row in zip(texts, cached, strict=True)]
        ).astype(np.float32, copy=False)

    def _capped(self, texts: list[str]) -> list[str]:
        """``texts`` cut to :data:`MAX_ENCODER_CHARS` for the model (see the module
        docstring); warns once per encoder."""
        long = sum(len(t) > MAX_ENCODER_CHARS for t in texts)
        if not long:
            return texts
        if not getattr(self, "_warned_long", False):
            self._warned_long = True
            longest = max(len(t) for t in texts)
            log.warning(
                "%d unit(s) longer than %s characters (the longest %s) embedded from their "
                "first %s characters only; alignment and output keep all of them",
                long, f"{MAX_ENCODER_CHARS:,}", f"{longest:,}", f"{MAX_ENCODER_CHARS:,}",
            )
        return [t[:MAX_ENCODER_CHARS] for t in texts]

    @property
    def state_dim(self) -> int:
        """Width of a state row (``dim`` unless the encoder keeps extra fields)."""
        return self.dim

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> NDArray[np.float32]:
        """L2-normalised float32 embeddings, shape ``(len(texts), dim)``."""
        return self._finish(self.states(texts, progress))

    combines_runs: bool = False
    """Whether :meth:`_run_states` can build a run's state from its texts' states."""

    def _run_states(
        self, states: NDArray[np.float32], runs: Sequence[tuple[int, int]]
    ) -> NDArray[np.float32]:
        """States of runs of texts from the texts' states (when ``combines_runs``)."""
        raise NotImplementedError

    def encode_runs(
        self,
        texts: Sequence[str],
        runs: Sequence[tuple[int, int]],
        progress: Progress | None = None,
    ) -> NDArray[np.float32]:
        """Embeddings of ``" ".join(texts[a:b])`` for each ``(a, b)`` in ``runs``.

        Encoders whose states add up (``combines_runs``) build them from the texts'
        states; the others embed the joined texts.
        """
        if self.combines_runs:
            return self._finish(self._run_states(self.states(texts, progress), runs))
        joined = [" ".join(texts[a:b]) for a, b in runs]
        return self.encode(joined, progress)

    def encode_run_table(
        self, texts: Sequence[str], max_run: int, progress: Progress | None = None
    ) -> dict[int, NDArray[np.float32]]:
        """Embeddings of every run of 1..max_run consecutive texts: length -> (n-len+1, dim)."""
        n = len(texts)
        return {
            a: self.encode_runs(texts, [(s, s + a) for s in range(n - a + 1)], progress)
            if n >= a
            else np.zeros((0, self.dim), dtype=np.float32)
            for a in range(1, max_run + 1)
        }
