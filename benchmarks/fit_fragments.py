"""Fit fragment pairing: the search's prior and stop (:class:`align.fragments.search.SearchModel`)
and the pairing model (:class:`align.fragments.pair.PairingModel`).

Run from the repository root::

    python benchmarks/fit_fragments.py [--devset ../shared/devset/mixed] [--half even]
                                       [--first-round 0.9] [--stop 0.1]
                                       [-o align/data/fragment_weights.json | --check]

Fragments are detected in every article and every candidate is embedded once
(so the fit knows every cosine); only the articles of one half (``even`` or
``odd`` article numbers) are fitted on, so the other half stays unseen.

1. **Prior**: a conditional logit over each fragment's candidates and *none*
   (features :data:`~align.fragments.search.PRIOR_FEATURES` and
   :data:`~align.fragments.search.NULL_FEATURES`), maximising the probability
   of the gold rendering (or of *none* for an orphan); L-BFGS, a little L2.
2. **Cosine likelihood ratio**: a logistic regression of match on the cosine
   and its square over all (fragment, candidate) pairs, less the base log-odds.
3. **Pairing**: the search runs with these (``--stop``), every fragment gets
   its features against the candidates the search embedded, and a logistic
   regression (Newton's method, a little L2) gives the weights; the threshold
   is the middle of the widest run of thresholds whose pairing accuracy on the
   same half is within 0.01 of that half's best (:func:`pick_threshold`).

Prints the values, the accuracy on both halves and the share of candidate
tokens the search embedded; ``-o`` writes them, with how they were fitted, as
the weights file hizala reads (:mod:`align.fragments.fitted`); ``--check``
refits and exits 1 unless the shipped file holds the same numbers.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.encoders import get_encoder  # noqa: E402
from align.fragments.detect import detect_fragments  # noqa: E402
from align.fragments.evaluate import FragmentScores, load_gold, score_fragments  # noqa: E402
from align.fragments.fitted import FragmentWeights, shipped_weights  # noqa: E402
from align.fragments.langid import LanguageScorer  # noqa: E402
from align.fragments.pair import (  # noqa: E402
    FEATURES,
    PairingModel,
    _decide,
    candidates,
    prior_inputs,
    search_features,
)
from align.fragments.search import (  # noqa: E402
    NULL_FEATURES,
    PRIOR_FEATURES,
    SearchModel,
)
from align.segment import segment  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_fragments import default_devset  # noqa: E402


@dataclass
class Article:
    """One article with everything the fits need."""

    number: int
    fragments: list
    cands: list
    segs: list
    cand_x: np.ndarray  # (F, C, P) prior features
    null_x: np.ndarray  # (F, N)
    cos: np.ndarray  # (F, C) every cosine
    labels: np.ndarray  # (F, C) 1 where the candidate overlaps the gold rendering
    status: list  # per fragment: "match", "orphan" or None (no gold fragment)
    tokens: np.ndarray  # (C,) tokens of each candidate
    gold: list  # the gold fragments


def collect(devset: Path) -> list[Article]:
    """Every article of the devset, every candidate embedded."""
    enc = get_encoder("use")
    lex = get_encoder("lexical")
    scorer = LanguageScorer()
    out = []
    for txt in sorted(devset.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold = load_gold(txt.with_suffix(".json"))
        segs = segment(text, "en")
        frags = detect_fragments(text, scorer, segments=segs)
        cands = candidates(text, segs, frags)
        if not frags or not cands:
            continue
        _, _, cand_x, null_x = prior_inputs(frags, cands, segs, lex)
        fv = enc.encode([f.text for f in frags])
        cv = enc.encode([c.embed_text for c in cands])
        labels = np.zeros((len(frags), len(cands)))
        status: list[str | None] = []
        for i, f in enumerate(frags):
            g = max(gold, key=lambda g: min(g.end, f.end) - max(g.start, f.start))
            if min(g.end, f.end) - max(g.start, f.start) <= 0:
                status.append(None)
            elif g.match is None:
                status.append("orphan")
            else:
                labels[i] = [c.span.start < g.match[1] and c.span.end > g.match[0] for c in cands]
                status.append("match" if labels[i].any() else None)
        tokens = np.array([len(t) for t in enc.sentencepiece.encode([c.embed_text for c in cands])])
        out.append(Article(int(txt.stem), frags, cands, segs, cand_x, null_x,
                           (fv @ cv.T).astype(np.float64), labels, status, tokens, gold))
    return out


def fit_prior(arts: list[Article], l2: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Conditional logit: candidate weights and *none* weights."""
    rows = [(a.cand_x[i], a.labels[i] > 0, a.null_x[i], s == "orphan")
            for a in arts for i, s in enumerate(a.status) if s is not None]
    p, n = len(PRIOR_FEATURES), len(NULL_FEATURES)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        wc, wn = w[:p], w[p:]
        ll, grad = 0.0, np.zeros_like(w)
        for x, pos, xn, orphan in rows:
            z, zn = x @ wc, xn @ wn
            top = max(z.max(), zn)
            e, en = np.exp(z - top), np.exp(zn - top)
            total = e.sum() + en
            pc, pn = e / total, en / total
            if orphan:
                ll += np.log(pn)
                grad[:p] += pc @ x
                grad[p:] -= (1 - pn) * xn
            else:
                s = pc[pos].sum()
                ll += np.log(s)
                q = np.where(pos, pc / s, 0.0)
                grad[:p] -= (q - pc) @ x
                grad[p:] += pn * xn
        return -ll + l2 * (w @ w) / 2, grad + l2 * w

    res = minimize(loss, np.zeros(p + n), jac=True, method="L-BFGS-B")
    return res.x[:p], res.x[p:]


def logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Weights (the last is the bias) of a logistic regression, Newton's method."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x1 @ w, -30, 30)))
        grad = x1.T @ (p - y) + l2 * np.r_[w[:-1], 0]
        hess = (x1 * (p * (1 - p))[:, None]).T @ x1 + l2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        step = np.linalg.solve(hess + 1e-6 * np.eye(len(w)), grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit_llr(arts: list[Article]) -> tuple[float, float, float]:
    """Log likelihood ratio of a cosine, ``a x + b x² + c``."""
    cos = np.concatenate([a.cos[i] for a in arts for i, s in enumerate(a.status) if s])
    y = np.concatenate([a.labels[i] for a in arts for i, s in enumerate(a.status) if s])
    w = logistic(np.stack([cos, cos**2], axis=1), y, l2=0.1)
    base = np.log(y.mean() / (1 - y.mean()))
    return float(w[0]), float(w[1]), float(w[2] - base)


def searched(arts: list[Article], search: SearchModel) -> list[tuple[Article, np.ndarray, np.ndarray]]:
    """Per article: the candidates the search embedded and the pairing features."""
    enc = get_encoder("use")  # every text is in its cache by now
    lex = get_encoder("lexical")
    return [(a, *search_features(a.fragments, a.cands, a.segs, enc, search=search, lexical=lex))
            for a in arts]


def accuracy(found: list[tuple[Article, np.ndarray, np.ndarray]], model: PairingModel) -> float:
    """Pairing accuracy over all gold fragments, as the benchmark counts it."""
    total = FragmentScores(0, 0, 0, 0)
    for a, cols, feats in found:
        pred = _decide(a.fragments, [a.cands[j] for j in cols], feats, model, 0)
        total += score_fragments(a.gold, pred)
    return total.pairing_accuracy


def pick_threshold(found: list[tuple[Article, np.ndarray, np.ndarray]], model: PairingModel,
                   tolerance: float = 0.01) -> float:
    """The middle of the widest run of thresholds whose accuracy is within ``tolerance``
    (three fragments in 300) of the best: one half's curve is flat around its best
    with spikes that the other half does not share, so its single best point is noise."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    acc = np.array([accuracy(found, dataclasses.replace(model, threshold=float(t))) for t in grid])
    good = acc >= acc.max() - tolerance
    best, run = (0, 0), None
    for k, ok in enumerate([*good, False]):
        if ok and run is None:
            run = k
        elif not ok and run is not None:
            best = max(best, (k - run, run), key=lambda r: r[0])
            run = None
    length, first = best
    return float(grid[first + (length - 1) // 2])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devset", type=Path, default=None)
    ap.add_argument("--half", choices=["even", "odd", "all"], default="even")
    ap.add_argument("--stop", type=float, default=SearchModel().stop)
    ap.add_argument("--first-round", type=float, default=SearchModel().first_round)
    ap.add_argument("--drop", default="glossary", help="comma-separated pairing features to leave out")
    out = ap.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", type=Path, help="write the weights file here")
    out.add_argument("--check", action="store_true",
                     help="exit 1 unless the shipped weights are what this fit gives")
    args = ap.parse_args()
    arts = collect(args.devset or default_devset())
    parity = {"even": 0, "odd": 1}.get(args.half)
    train = [a for a in arts if parity is None or a.number % 2 == parity]

    wc, wn = fit_prior(train)
    llr = fit_llr(train)
    search = SearchModel(tuple(round(float(v), 2) for v in wc),
                         tuple(round(float(v), 2) for v in wn),
                         (round(llr[0], 2), round(llr[1], 2), round(llr[2], 2)),
                         first_round=args.first_round, stop=args.stop)
    print("prior:", ", ".join(f"{k}={v:.2f}" for k, v in zip(PRIOR_FEATURES, wc, strict=True)))
    print("none: ", ", ".join(f"{k}={v:.2f}" for k, v in zip(NULL_FEATURES, wn, strict=True)))
    print(f"SearchModel(candidate_weights={search.candidate_weights}, "
          f"null_weights={search.null_weights}, cosine_llr={search.cosine_llr}, "
          f"first_round={search.first_round}, stop={search.stop})")

    found = searched(arts, search)
    drop = [FEATURES.index(d) for d in args.drop.split(",") if d]
    keep = [i for i in range(len(FEATURES)) if i not in drop]
    rows: dict[int, list[tuple[np.ndarray, np.ndarray, bool]]] = {0: [], 1: []}
    share = {0: [0, 0], 1: [0, 0]}
    for a, cols, feats in found:
        half = a.number % 2
        share[half][0] += int(a.tokens[cols].sum())
        share[half][1] += int(a.tokens.sum())
        for i, s in enumerate(a.status):
            if s is not None:
                rows[half].append((feats[i][:, keep], a.labels[i][cols], s == "match"))
    fit_rows = rows[0] + rows[1] if parity is None else rows[parity]
    w = logistic(np.concatenate([r[0] for r in fit_rows]), np.concatenate([r[1] for r in fit_rows]))
    full = np.zeros(len(FEATURES))
    full[keep] = w[:-1]
    full[FEATURES.index("glossary")] = 1.0  # not fitted: the devset has no glossary
    model = PairingModel(tuple(round(float(v), 2) for v in full), round(float(w[-1]), 2),
                         search=search)
    fit_found = [f for f in found if parity is None or f[0].number % 2 == parity]
    model = dataclasses.replace(model, threshold=pick_threshold(fit_found, model))
    print("pairing:", ", ".join(f"{FEATURES[i]}={full[i]:.3f}" for i in range(len(FEATURES))))
    print(f"PairingModel(weights={model.weights}, bias={model.bias}, "
          f"threshold={model.threshold})")
    accuracies = {}
    for half, name in ((0, "even"), (1, "odd")):
        part = [f for f in found if f[0].number % 2 == half]
        accuracies[name] = round(accuracy(part, model), 3)
        print(f"{name}: pairing accuracy {accuracies[name]:.3f}; search embedded "
              f"{share[half][0] / share[half][1]:.0%} of the candidates' tokens")
    weights = FragmentWeights(
        FEATURES, model.weights, model.bias, model.threshold, PRIOR_FEATURES,
        search.candidate_weights, NULL_FEATURES, search.null_weights, search.cosine_llr,
        search.first_round, search.stop, _info(args, len(train), len(arts), accuracies),
    )
    if args.output is not None:
        args.output.write_text(weights.to_json(), encoding="utf-8")
        print(f"wrote {args.output}")
    if args.check:
        same = weights == shipped_weights()
        print("the shipped weights are what this fit gives" if same else
              "the shipped weights differ from this fit: refit with -o")
        sys.exit(0 if same else 1)


def _info(args: argparse.Namespace, fitted: int, total: int,
          accuracies: dict[str, float]) -> dict[str, object]:
    held_out = {"even": "odd", "odd": "even"}.get(args.half)
    return {
        "fitted_on": (f"the {args.half}-numbered articles of the mixed devset ({fitted} of {total}"
                      + (f"; the {held_out} half is held out)" if held_out else ")")),
        "command": (f"python benchmarks/fit_fragments.py --devset ../shared/devset/mixed "
                    f"--half {args.half} --first-round {args.first_round} --stop {args.stop} "
                    "-o align/data/fragment_weights.json"),
        "encoder": "use",
        "method": ("search prior: a conditional logit over each fragment's candidates and "
                   "none (L-BFGS, L2 0.1); cosine likelihood ratio: a logistic regression "
                   "(L2 0.1) on the cosine and its square, less the base log-odds; pairing: a "
                   "logistic regression (Newton, L2 1.0) over the candidates the search "
                   "embedded; "
                   "threshold: the middle of the widest run of thresholds whose accuracy on "
                   "the fitted half is within 0.01 of its best"),
        "not_fitted": {
            "glossary": "weight 1.0: the devset has no glossary",
            "first_round": "given with --first-round",
            "stop": "given with --stop (hizala fragments and review projects compare "
                    "every candidate, stop 0; --fast uses this stop)",
        },
        "pairing_accuracy_with_the_search": {
            f"{half} ({'fitted on, in-sample' if args.half in (half, 'all') else 'held out'})": acc
            for half, acc in accuracies.items()
        },
    }


if __name__ == "__main__":
    main()
