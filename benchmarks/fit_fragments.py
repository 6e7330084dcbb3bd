"""Fit the fragment pairing model (:class:`align.fragments.pair.PairingModel`).

Run from the repository root::

    python benchmarks/fit_fragments.py [--devset ../shared/devset/mixed] [--half even]

Fragments are detected in the articles of one half of the devset (``even``
or ``odd`` article numbers, so the other half stays unseen), every
(fragment, candidate) pair gets its features, labelled 1 when the candidate
overlaps the gold English span. A logistic regression (Newton's method, a
little L2) gives the weights; the threshold is then the one that maximises
pairing accuracy on the same half. Prints the weights to paste into
``PairingModel`` and the accuracy on both halves.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.encoders import get_encoder  # noqa: E402
from align.fragments.detect import detect_fragments  # noqa: E402
from align.fragments.evaluate import load_gold  # noqa: E402
from align.fragments.langid import LanguageScorer  # noqa: E402
from align.fragments.pair import FEATURES, candidates, pair_features  # noqa: E402
from align.segment import segment  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_fragments import default_devset  # noqa: E402


def collect(devset: Path, half: str | None):
    """Per fragment: (features (C, F), labels (C,), has gold match, article number)."""
    enc = get_encoder("use")
    lex = get_encoder("lexical")
    scorer = LanguageScorer()
    rows = []
    for txt in sorted(devset.glob("*.txt")):
        n = int(txt.stem)
        if half is not None and n % 2 != (0 if half == "even" else 1):
            continue
        text = txt.read_text(encoding="utf-8")
        gold = load_gold(txt.with_suffix(".json"))
        segs = segment(text, "en")
        frags = detect_fragments(text, scorer, segments=segs)
        cands = candidates(text, segs, frags)
        feats = pair_features(frags, cands, segs, enc, lexical=lex)
        for i, f in enumerate(frags):
            g = max(gold, key=lambda g: min(g.end, f.end) - max(g.start, f.start))
            if min(g.end, f.end) - max(g.start, f.start) <= 0:
                continue
            if g.match is None:
                labels = np.zeros(len(cands))
            else:
                labels = np.array([float(c.span.start < g.match[1] and c.span.end > g.match[0])
                                   for c in cands])
            rows.append((feats[i], labels, g.match is not None, n))
    return rows


def fit(rows, l2: float = 1.0):
    x = np.concatenate([r[0] for r in rows])
    y = np.concatenate([r[1] for r in rows])
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
    return w[:-1], w[-1]


def accuracy(rows, w, b, threshold):
    right = 0
    for feats, labels, has_match, _ in rows:
        if not len(labels):
            right += not has_match
            continue
        s = 1 / (1 + np.exp(-(feats @ w + b)))
        j = int(np.argmax(s))
        if s[j] >= threshold:
            right += bool(labels[j])
        else:
            right += not has_match
    return right / max(1, len(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devset", type=Path, default=None)
    ap.add_argument("--half", choices=["even", "odd", "all"], default="even")
    ap.add_argument("--drop", default="glossary", help="comma-separated features to leave out")
    args = ap.parse_args()
    devset = args.devset or default_devset()
    rows = collect(devset, None)
    drop = [FEATURES.index(d) for d in args.drop.split(",") if d]
    keep = [i for i in range(len(FEATURES)) if i not in drop]
    rows = [(f[:, keep], lab, m, n) for f, lab, m, n in rows]
    parity = {"even": 0, "odd": 1}.get(args.half)
    train = [r for r in rows if parity is None or r[3] % 2 == parity]
    test = [r for r in rows if parity is not None and r[3] % 2 != parity]
    w, b = fit(train)
    grid = np.linspace(0.05, 0.95, 91)
    accs = [accuracy(train, w, b, t) for t in grid]
    t = float(grid[int(np.argmax(accs))])
    full = np.zeros(len(FEATURES))
    full[keep] = w
    print("weights:", ", ".join(f"{FEATURES[i]}={full[i]:.3f}" for i in range(len(FEATURES))))
    print(f"weights tuple: ({', '.join(f'{v:.2f}' for v in full)})  bias: {b:.2f}  "
          f"threshold: {t:.2f}")
    print(f"pairing accuracy over found fragments: fit half {accuracy(train, w, b, t):.3f} "
          f"({len(train)}), other half {accuracy(test, w, b, t) if test else float('nan'):.3f} "
          f"({len(test)})")


if __name__ == "__main__":
    main()
