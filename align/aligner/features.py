"""Features of every candidate bead in the band, computed in bulk.

For each bead type ``(a, b)`` and each lattice node ``(i, j)`` the candidate is
Turkish run ``i-a .. i-1`` against English run ``j-b .. j-1``. Run vectors are
precomputed per run length; similarities are computed block by block (a block
of rows against the span of columns their band covers), so the work is linear
in the document length.

Features of a bead with both sides (all "higher is more alike" unless noted):

=============  ===========================================================
``cos``        cosine of the run embeddings
``bg``         how alike each run is to everything near it (mean cosine
               with the other side's sentences in its band window); high
               for generic sentences, so ``cos - bg`` is a margin
``length``     squared deviation of the log token-length ratio from the
               document's own ratio (lower is more alike)
``num``        Dice overlap of digit groups (0 when a side has none)
``num_both``   1 when both sides have numbers
``name``       Dice overlap of name-like tokens
``name_both``  1 when both sides have names
``punct``      mismatch of ``? ! : ( "`` counts, capped (lower is better)
``para``       paragraph breaks inside the bead (lower is better)
``para_edge``  1 when the bead opens a paragraph on one side only
``anchor``     external anchor weight inside the bead (glossary terms)
=============  ===========================================================

Omission/addition beads (1:0, 0:1) get ``best`` (the sentence's best cosine
with any single sentence in its window), ``bg`` and ``size`` (log tokens).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .dp import Band
from .scale import SimilarityScale
from .signals import Signals

__all__ = [
    "PAIR_FEATURES", "SKIP_FEATURES", "RunTable", "Side", "add_rivals", "pair_features",
    "skip_features",
]

PAIR_FEATURES = (
    "cos", "bg", "length", "num", "num_both", "name", "name_both", "punct", "para", "anchor",
    "gain", "weakest", "peer", "split", "cross", "lex_gain", "lex_cross", "para_edge",
)
SKIP_FEATURES = ("best", "bg", "size", "peer", "rival")
_BLOCK = 64  # rows per block: products stay small and mostly inside the band


@dataclass(frozen=True, slots=True)
class RunTable:
    """Vectors of all runs of up to ``max_run`` consecutive sentences of one side."""

    vectors: dict[int, NDArray[np.float32]]
    """Run length a -> (n - a + 1, d) rows; row s is the run ``s .. s+a-1``."""

    @classmethod
    def from_sums(cls, rows: NDArray[np.float32], max_run: int) -> RunTable:
        """Runs as sums of per-sentence rows (for additive signals)."""
        prefix = np.zeros((rows.shape[0] + 1, rows.shape[1]), dtype=np.float64)
        np.cumsum(rows, axis=0, out=prefix[1:])
        out = {}
        for a in range(1, max_run + 1):
            count = max(rows.shape[0] - a + 1, 0)
            out[a] = (prefix[a : a + count] - prefix[:count]).astype(np.float32)
        return cls(out)


@dataclass(frozen=True, slots=True)
class Side:
    """Everything the features need about one side of the document."""

    embeddings: RunTable
    """Unit-length run embeddings."""
    signals: Signals
    """Per-sentence cheap signals."""
    paragraphs: NDArray[np.int64]
    """(n,) paragraph number of each sentence."""

    def runs_of(self, rows: NDArray[np.float32], max_run: int) -> RunTable:
        return RunTable.from_sums(rows, max_run)


def pair_features(
    tr: Side,
    en: Side,
    band: Band,
    types: Sequence[tuple[int, int]],
    scale: SimilarityScale,
    anchors: NDArray[np.float32] | None = None,
) -> dict[str, NDArray[np.float32]]:
    """Feature arrays of shape ``(n+1, len(types), width)``; NaN-free, 0 where invalid.

    Similarities are read on the document's ``scale`` (:mod:`.scale`).
    ``anchors`` is an optional ``(n+1, width)`` band array: the anchor weight
    between Turkish sentence ``i-1`` and English sentence ``j-1`` at node (i, j).
    """
    level, gap = scale.level, scale.gap
    n, m, w = band.n, band.m, band.width
    shape = (n + 1, len(types), w)
    out = {name: np.zeros(shape, dtype=np.float32) for name in PAIR_FEATURES}
    valid = np.zeros(shape, dtype=bool)
    max_run = max(max(a, b) for a, b in types)
    tr_num = tr.runs_of(tr.signals.numbers, max_run)
    en_num = en.runs_of(en.signals.numbers, max_run)
    tr_name = tr.runs_of(tr.signals.names, max_run)
    en_name = en.runs_of(en.signals.names, max_run)
    # tokens per run, for the Dice overlaps
    tr_num_count = {a: v.sum(axis=1) for a, v in tr_num.vectors.items()}
    en_num_count = {a: v.sum(axis=1) for a, v in en_num.vectors.items()}
    tr_name_count = {a: v.sum(axis=1) for a, v in tr_name.vectors.items()}
    en_name_count = {a: v.sum(axis=1) for a, v in en_name.vectors.items()}
    tr_pun = tr.runs_of(tr.signals.punctuation, max_run)
    en_pun = en.runs_of(en.signals.punctuation, max_run)
    kept = _kept_punctuation(tr.signals.punctuation, en.signals.punctuation)
    tr_len = tr.runs_of(tr.signals.tokens[:, None], max_run)
    en_len = en.runs_of(en.signals.tokens[:, None], max_run)
    ratio = float(np.log1p(tr.signals.tokens.sum()) - np.log1p(en.signals.tokens.sum()))
    tr_bg, tr_peer = _background(tr.embeddings, en.embeddings.vectors[1], band, rows_are_tr=True)
    en_bg, en_peer = _background(en.embeddings, tr.embeddings.vectors[1], band, rows_are_tr=False)
    tr_par = tr.paragraphs
    en_par = en.paragraphs

    cols_all = band.column_grid()
    for r0 in range(1, n + 1, _BLOCK):
        r1 = min(r0 + _BLOCK, n + 1)
        # Every similarity below is a look-up in one of these few products of
        # run vectors, computed once per block of rows for all bead types.
        u_lo = int(band.lo[r0]) - max_run
        u_hi = int(band.lo[r1 - 1]) + w
        emb = _Products(tr.embeddings, en.embeddings, r0 - max_run, r1, u_lo, u_hi)
        names = _Products(tr_name, en_name, r0 - max_run, r1, u_lo, u_hi)
        nums = _Products(tr_num, en_num, r0 - max_run, r1, u_lo, u_hi)

        for t, (a, b) in enumerate(types):
            if a == 0 or b == 0 or r1 <= a:
                continue
            q0 = max(r0, a)
            cols = cols_all[q0:r1]  # (rows, w) English end positions
            s = np.arange(q0, r1) - a  # Turkish run starts
            u = cols - b  # English run starts
            ok = (u >= 0) & (cols <= m)
            valid[q0:r1, t] = ok
            if not ok.any():
                continue
            rows = slice(q0, r1)

            def dot(
                p: _Products, da: int = 0, la: int = a, db: int = 0, lb: int = b
            ) -> NDArray[np.float32]:
                """Products of the sub-runs (start+da, length la) x (start+db, length lb)."""
                return p.get(la, lb, s + da, u + db)  # noqa: B023 - used at once

            cos = dot(emb)
            out["cos"][rows, t] = np.where(ok, level(cos), 0.0)

            if a + b > 2:
                # Does every sentence earn its place? A sentence merged into a bead
                # by mistake (an omission next to a 1:1) adds nothing to the cosine.
                subs = [dot(emb, *sb) for sb in _sub_beads(a, b)]
                out["gain"][rows, t] = np.where(ok, gap(cos - np.max(subs, axis=0)), 0.0)
                parts = []
                if a > 1:
                    parts += [dot(emb, da, 1) for da in range(a)]
                if b > 1:
                    parts += [dot(emb, 0, a, db, 1) for db in range(b)]
                out["weakest"][rows, t] = np.where(ok, level(np.min(parts, axis=0)), 0.0)
                # Shared names and numbers that only the extra sentence brings.
                lex = dot(names) + dot(nums)
                sub_lex = [dot(names, *sb) + dot(nums, *sb) for sb in _sub_beads(a, b)]
                gain = np.clip(lex - np.max(sub_lex, axis=0), 0, 3)
                out["lex_gain"][rows, t] = np.where(ok, gain, 0.0)
            if a == 2 and b == 2:
                # A 2:2 bead is a shifted sentence boundary: compare it with the
                # two 1:1 beads it would otherwise be, and look across the diagonal.
                lx1 = dot(names, 0, 1, 1, 1) + dot(nums, 0, 1, 1, 1)
                lx2 = dot(names, 1, 1, 0, 1) + dot(nums, 1, 1, 0, 1)
                out["lex_cross"][rows, t] = np.where(ok, np.minimum(np.maximum(lx1, lx2), 3), 0.0)
                d1, d2 = dot(emb, 0, 1, 0, 1), dot(emb, 1, 1, 1, 1)
                x1, x2 = dot(emb, 0, 1, 1, 1), dot(emb, 1, 1, 0, 1)
                out["split"][rows, t] = np.where(ok, gap(cos - 0.5 * (d1 + d2)), 0.0)
                out["cross"][rows, t] = np.where(ok, level(np.maximum(x1, x2)), 0.0)
            ub = np.clip(u, 0, len(en_bg[b]) - 1)
            bg = 0.5 * (tr_bg[a][s][:, None] + en_bg[b][ub])
            out["bg"][rows, t] = np.where(ok, level(bg), 0.0)
            peer = 0.5 * (tr_peer[a][s][:, None] + en_peer[b][ub])
            out["peer"][rows, t] = np.where(ok, level(peer), 0.0)

            lx = np.log1p(tr_len.vectors[a][s, 0])[:, None]
            ly = np.log1p(en_len.vectors[b][ub, 0])
            out["length"][rows, t] = np.where(ok, (lx - ly - ratio) ** 2, 0.0)

            for key, both, prod, xs, ys in (
                ("num", "num_both", nums, tr_num_count, en_num_count),
                ("name", "name_both", names, tr_name_count, en_name_count),
            ):
                shared = dot(prod)
                sx = xs[a][s][:, None]
                sy = ys[b][ub]
                has = (sx > 0) & (sy > 0)
                dice = np.where(has, 2.0 * shared / np.maximum(sx + sy, 1.0), 0.0)
                out[key][rows, t] = np.where(ok, np.minimum(dice, 1.0), 0.0)
                out[both][rows, t] = np.where(ok & has, 1.0, 0.0)

            px = tr_pun.vectors[a][s][:, None, :]
            py = en_pun.vectors[b][ub]
            miss = np.minimum((np.abs(px - py) * kept).sum(axis=2), 3.0)
            out["punct"][rows, t] = np.where(ok, miss, 0.0)

            par_tr = (tr_par[s + a - 1] - tr_par[s])[:, None]
            ue = np.clip(u, 0, m - 1)
            par_en = en_par[np.clip(ue + b - 1, 0, m - 1)] - en_par[ue]
            out["para"][rows, t] = np.where(ok, par_tr + par_en, 0.0)
            # Translations keep paragraphs: a bead that opens a paragraph on one side
            # only is suspect (paragraph breaks act as soft anchors).
            opens_tr = _opens_paragraph(tr_par, s)[:, None]
            opens_en = _opens_paragraph(en_par, ue)
            out["para_edge"][rows, t] = np.where(ok, opens_tr != opens_en, 0.0)

    if anchors is not None:
        out["anchor"] = _anchor_sums(anchors, band, types)
    _relative_to_typical(out, valid, types)
    return out


RELATIVE_FEATURES = ("cos", "gain", "split", "weakest", "cross")
MIN_LENGTH_SPREAD = 0.004
"""Smallest typical squared length deviation used (a document of identical lengths)."""
OWN_TYPICAL_ROWS = 40
"""From this many Turkish sentences on a document's typical merge and length spread are
its own; a shorter one's are shrunk towards :data:`USUAL_TYPICAL` in proportion (a
two-sentence document's only 2:2 candidate would otherwise be its own typical merge).
Every devset document has 81 or more, so the fitted weights never saw the shrinking."""
USUAL_TYPICAL: dict[tuple[int, int], tuple[float, ...]] = {
    # RELATIVE_FEATURES of the typical merge on the document's scale, the mean of the
    # wmt16 and bible-ot means (shipped weights' scale prior); (1, 1): the length spread
    (1, 1): (0.021,),
    (1, 2): (0.804, -0.153, 0.0, 0.338, 0.0),
    (2, 1): (0.965, -0.079, 0.0, 0.270, 0.0),
    (2, 2): (1.094, 0.096, 0.126, 0.464, 0.407),
    (1, 3): (0.694, -0.077, 0.0, 0.180, 0.0),
    (3, 1): (0.936, -0.070, 0.0, 0.116, 0.0),
}
"""Typical values of a document of the devsets, the prior of a short document's."""


def _own_share(rows: int) -> float:
    """How much a document of ``rows`` sentences counts against :data:`USUAL_TYPICAL`."""
    return min(1.0, rows / OWN_TYPICAL_ROWS)


def _kept_punctuation(tr: NDArray[np.float32], en: NDArray[np.float32]) -> NDArray[np.float32]:
    """How far each punctuation class is kept in this translation (0 … 1).

    News keeps its quotes; a Bible translation quotes every speech that the
    King James text does not. A class counts as much as the smaller side's total
    is of the larger's, so a class one side never uses is no evidence.
    """
    a, b = tr.sum(axis=0), en.sum(axis=0)
    kept: NDArray[np.float32] = np.where(
        np.maximum(a, b) > 0, np.minimum(a, b) / np.maximum(np.maximum(a, b), 1e-9), 1.0
    ).astype(np.float32)
    return kept


def _relative_to_typical(
    out: dict[str, NDArray[np.float32]], valid: NDArray[np.bool_], types: Sequence[tuple[int, int]]
) -> None:
    """Read the features of merged beads against the document's typical merge.

    Merging a neighbour into a bead raises its similarity by an amount that
    depends on the text: little in news, a lot between short, related verses.
    For each merged type, the typical candidate is the best one of each row
    (by cosine), almost always a false merge of a 1:1 with a neighbour; its
    median features are subtracted, so a merge must beat what merging does
    anyway in this document.
    """
    cos = out["cos"]
    if (1, 1) in types:
        # lengths too: verses paraphrased freely vary more in length than news does
        t = list(types).index((1, 1))
        ok = valid[:, t]
        rows = ok.any(axis=1)
        share = _own_share(int(rows.sum()))
        own = 0.0
        if rows.any():
            best = np.argmax(np.where(ok, cos[:, t], -np.inf), axis=1)[rows]
            own = float(np.median(out["length"][rows, t, best]))
        typical = share * own + (1 - share) * USUAL_TYPICAL[1, 1][0]
        out["length"] *= np.float32(1.0 / max(typical, MIN_LENGTH_SPREAD))
    for t, (a, b) in enumerate(types):
        if a == 0 or b == 0 or a + b <= 2:
            continue
        ok = valid[:, t]
        rows = ok.any(axis=1)
        share = _own_share(int(rows.sum()))
        usual = USUAL_TYPICAL.get((a, b), (0.0,) * len(RELATIVE_FEATURES))
        best = np.argmax(np.where(ok, cos[:, t], -np.inf), axis=1)[rows]
        for name, prior in zip(RELATIVE_FEATURES, usual, strict=True):
            x = out[name][:, t]
            own = float(np.median(x[rows, best])) if rows.any() else 0.0
            typical = share * own + (1 - share) * prior
            x -= np.where(ok, typical, 0.0).astype(np.float32)


def _opens_paragraph(par: NDArray[np.int64], start: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether the run starting at ``start`` begins a paragraph (the first one does not count)."""
    prev = np.clip(start - 1, 0, None)
    opens: NDArray[np.bool_] = (start > 0) & (par[start] != par[prev])
    return opens


class _Products:
    """Dot products of Turkish runs against English runs for one block of rows.

    Computed lazily per pair of run lengths over the block's span of starts,
    then read by index: one matrix product serves every feature that needs
    that pair of run lengths, at any offset.
    """

    def __init__(self, x: RunTable, y: RunTable, s_lo: int, s_hi: int, u_lo: int, u_hi: int) -> None:
        self.x, self.y = x, y
        self.s_lo, self.s_hi, self.u_lo, self.u_hi = max(s_lo, 0), s_hi, max(u_lo, 0), u_hi
        self._cache: dict[tuple[int, int], NDArray[np.float32]] = {}

    def get(
        self, la: int, lb: int, s: NDArray[np.int64], u: NDArray[np.int64]
    ) -> NDArray[np.float32]:
        """``(len(s), u.shape[1])`` products of run (s[r], la) with run (u[r, k], lb)."""
        prod = self._cache.get((la, lb))
        xs, ys = self.x.vectors[la], self.y.vectors[lb]
        if prod is None:
            prod = xs[self.s_lo : self.s_hi] @ ys[self.u_lo : self.u_hi].T
            self._cache[(la, lb)] = prod
        if prod.size == 0:
            return np.zeros(u.shape, dtype=np.float32)
        # np.minimum/np.maximum rather than np.clip: clip's per-call overhead was
        # a third of the feature time (thousands of small calls per document).
        rows = np.minimum(np.maximum(s - self.s_lo, 0), prod.shape[0] - 1)
        cols = np.minimum(np.maximum(u - self.u_lo, 0), prod.shape[1] - 1)
        out: NDArray[np.float32] = prod.take(rows[:, None] * prod.shape[1] + cols)
        return out


def _sub_beads(a: int, b: int) -> list[tuple[int, int, int, int]]:
    """The beads one sentence smaller (dropping a first or last sentence of a side).

    As ``(tr offset, tr length, en offset, en length)`` relative to the bead.
    """
    out = []
    if a > 1:
        out += [(1, a - 1, 0, b), (0, a - 1, 0, b)]
    if b > 1:
        out += [(0, a, 1, b - 1), (0, a, 0, b - 1)]
    return out


def skip_features(
    side: Side, other: RunTable, band: Band, rows_are_tr: bool
) -> tuple[dict[str, NDArray[np.float32]], NDArray[np.int64]]:
    """Features of leaving each sentence of ``side`` unaligned: arrays of shape ``(n,)``,
    and the other side's sentence each one is most alike (see :func:`add_rivals`)."""
    best, bg, peer, at = _best_and_background(
        side.embeddings.vectors[1], other.vectors[1], band, rows_are_tr
    )
    size = np.log1p(side.signals.tokens).astype(np.float32)
    return {"best": best, "bg": bg, "size": size, "peer": peer}, at


def add_rivals(
    tr: dict[str, NDArray[np.float32]],
    en: dict[str, NDArray[np.float32]],
    tr_at: NDArray[np.int64],
    en_at: NDArray[np.int64],
) -> None:
    """``rival``: how much better the best match of a sentence is matched by another.

    A Turkish sentence left out of the translation is still most alike some
    English sentence (its neighbour's translation, on the same topic); but
    that English sentence has a better Turkish partner. Zero for a sentence
    whose best match likes it best in return.
    """
    for mine, theirs, at in ((tr, en, tr_at), (en, tr, en_at)):
        if len(theirs["best"]):
            rival = theirs["best"][at] - mine["best"]
            mine["rival"] = np.maximum(rival, 0.0).astype(np.float32)
        else:
            mine["rival"] = np.zeros_like(mine["best"])


def _windows(band: Band, count: int, rows_are_tr: bool) -> tuple[NDArray[np.int64], int]:
    """For each sentence of a side, the first other-side sentence of its band window, and the width."""
    if rows_are_tr:
        # Turkish sentence s sits between rows s and s+1; use row s+1's columns.
        starts = band.lo[1 : count + 1]
        return starts, band.width
    # English sentence j ends at column j+1: the rows whose band holds that column run
    # from the first whose window ends at or after it to the last that starts at or
    # before it; the window of Turkish sentences is centred on the middle one (row i
    # follows Turkish sentence i-1).
    col = np.arange(1, count + 1)
    first = np.searchsorted(band.lo, col - (band.width - 1), side="left")
    last = np.searchsorted(band.lo, col, side="right") - 1
    middle = (first + last) // 2 - 1
    starts = np.clip(middle - band.width // 2, 0, max(band.n - band.width, 0))
    return starts.astype(np.int64), band.width


def _best_and_background(
    rows: NDArray[np.float32], others: NDArray[np.float32], band: Band, rows_are_tr: bool
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32], NDArray[np.int64]]:
    """Per row: best cosine, mean cosine and mean of the top 3 in its window, and where
    the best one is (an index into ``others``)."""
    count = rows.shape[0]
    best = np.zeros(count, dtype=np.float32)
    bg = np.zeros(count, dtype=np.float32)
    peer = np.zeros(count, dtype=np.float32)
    at = np.zeros(count, dtype=np.int64)
    if count == 0 or others.shape[0] == 0:
        return best, bg, peer, at
    starts, width = _windows(band, count, rows_are_tr)
    width = min(width, others.shape[0])
    for r0 in range(0, count, _BLOCK):
        r1 = min(r0 + _BLOCK, count)
        st = np.clip(starts[r0:r1], 0, others.shape[0] - width)
        lo, hi = int(st.min()), int(st.max()) + width
        prod = rows[r0:r1] @ others[lo:hi].T
        idx = (st - lo)[:, None] + np.arange(width)[None, :]
        win = np.take_along_axis(prod, idx, axis=1)
        arg = win.argmax(axis=1)
        at[r0:r1] = st + arg
        best[r0:r1] = np.take_along_axis(win, arg[:, None], axis=1)[:, 0]
        bg[r0:r1] = win.mean(axis=1)
        top = min(3, win.shape[1])
        peer[r0:r1] = np.sort(win, axis=1)[:, -top:].mean(axis=1)
    return best, bg, peer, at


def _background(
    runs: RunTable, others: NDArray[np.float32], band: Band, rows_are_tr: bool
) -> tuple[dict[int, NDArray[np.float32]], dict[int, NDArray[np.float32]]]:
    """Mean cosine, and mean of the top 3, of every run with the other side's sentences in its window."""
    bg, peer = {}, {}
    for a, vectors in runs.vectors.items():
        _, bg[a], peer[a], _ = _best_and_background(vectors, others, band, rows_are_tr)
    return bg, peer


def _anchor_sums(
    anchors: NDArray[np.float32], band: Band, types: Sequence[tuple[int, int]]
) -> NDArray[np.float32]:
    """Sum of the anchor weights of every sentence pair inside each candidate bead."""
    n, w = band.n, band.width
    out = np.zeros((n + 1, len(types), w), dtype=np.float32)
    cols = band.column_grid()
    for t, (a, b) in enumerate(types):
        for da in range(a):
            row = np.arange(n + 1) - da
            ok_row = row >= 0
            rc = np.clip(row, 0, n)
            for db in range(b):
                k = cols - db - band.lo[rc][:, None]
                ok = ok_row[:, None] & (k >= 0) & (k < w)
                out[:, t] += np.where(ok, anchors[rc[:, None], np.clip(k, 0, w - 1)], 0.0)
    return out
