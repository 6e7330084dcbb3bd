"""Score glossary term matching on termbench-dev, exactly as its README defines.

    python benchmarks/bench_terms.py /work/shared/devset/termbench-dev [--errors]

Runs the code path of ``hizala terms`` (glossary loader, :class:`TermMatcher`,
the same line reading) on ``tr.txt``/``en.txt`` with the bench's
``glossary.yaml`` and scores against ``cases.jsonl``:

* Turkish side: a predicted hit matches a gold hit of the same term whose span
  it overlaps, one to one; precision, recall, F1 over hits. Predicted hits that
  overlap a gold trap of the same term are counted apart (traps matched).
* English side: per (line, term) with a gold hit, does the prediction agree that
  a rendering is present (``en_span`` non-null on that term's hits) or missing?
  A (line, term) the matcher did not find at all counts as disagreement.

Also reported: the same figures on two halves of the glossary (terms in
alphabetical order, alternating), to see whether the rules generalise across
terms rather than fit some of them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.cli.cmd_terms import read_lines
from align.glossary.match import TermMatcher
from align.glossary.yaml_store import load_glossary


def predict(bench: Path) -> dict[int, list[dict]]:
    glossary = load_glossary(bench / "glossary.yaml")
    matcher = TermMatcher(glossary)
    tr, en = read_lines(str(bench / "tr.txt"), None), read_lines(str(bench / "en.txt"), None)
    out = {}
    for n, (t, e) in enumerate(zip(tr, en, strict=True), start=1):
        hits = matcher.match_pair(t, e)
        if hits:
            out[n] = [
                {
                    "term": h.term.tr,
                    "tr_span": list(h.tr_span),
                    "en_span": list(h.en_span) if h.en_span else None,
                }
                for h in hits
            ]
    return out


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(gold: dict[int, dict], pred: dict[int, list[dict]], terms: set[str] | None = None):
    tp = fp = fn = traps_hit = traps = 0
    agree = units = 0
    errors = []
    for line in sorted(set(gold) | set(pred)):
        g = gold.get(line, {"hits": [], "traps": [], "tr": "", "en": ""})
        keep = (lambda t: True) if terms is None else (lambda t: t in terms)
        gh = [h for h in g["hits"] if keep(h["term"])]
        gt = [t for t in g["traps"] if keep(t["term"])]
        ph = [h for h in pred.get(line, []) if keep(h["term"])]
        traps += len(gt)
        used = set()
        for p in ph:
            k = next(
                (
                    i
                    for i, h in enumerate(gh)
                    if i not in used
                    and h["term"] == p["term"]
                    and overlaps(h["tr_span"], p["tr_span"])
                ),
                None,
            )
            if k is None:
                fp += 1
                trap = any(
                    t["term"] == p["term"] and overlaps(t["tr_span"], p["tr_span"]) for t in gt
                )
                traps_hit += trap
                errors.append(
                    ("FP-trap" if trap else "FP", line, p["term"], p["tr_span"], g.get("tr", ""))
                )
            else:
                used.add(k)
                tp += 1
        for i, h in enumerate(gh):
            if i not in used:
                fn += 1
                errors.append(("FN", line, h["term"], h["tr_span"], g.get("tr", "")))
        for term in {h["term"] for h in gh}:
            units += 1
            gold_found = any(h["en_found"] for h in gh if h["term"] == term)
            mine = [p for p in ph if p["term"] == term]
            if mine and any(p["en_span"] is not None for p in mine) == gold_found:
                agree += 1
            else:
                errors.append(("EN", line, term, gold_found, g.get("en", "")))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "traps_matched": traps_hit,
        "traps": traps,
        "trap_rate": traps_hit / traps if traps else 0.0,
        "en_agreement": agree / units if units else 0.0,
        "en_units": units,
    }, errors


def show(name: str, s: dict) -> None:
    print(
        f"{name:<22} P {s['precision']:.4f}  R {s['recall']:.4f}  F1 {s['f1']:.4f}  "
        f"(tp {s['tp']} fp {s['fp']} fn {s['fn']})  "
        f"traps matched {s['traps_matched']}/{s['traps']} = {100 * s['trap_rate']:.1f}%  "
        f"EN agreement {s['en_agreement']:.4f} ({s['en_units']} units)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "bench", type=Path, help="the termbench folder (tr.txt, en.txt, glossary.yaml, cases.jsonl)"
    )
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    gold = {}
    for raw in (args.bench / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        if raw.strip():
            rec = json.loads(raw)
            gold[rec["line"]] = rec
    t0 = time.perf_counter()
    pred = predict(args.bench)
    elapsed = time.perf_counter() - t0
    total, errors = score(gold, pred)
    show("all terms", total)
    names = sorted({t.tr for t in load_glossary(args.bench / "glossary.yaml").terms})
    halves = (set(names[0::2]), set(names[1::2]))
    for k, half in enumerate(halves):
        show(f"half {'AB'[k]} ({len(half)} terms)", score(gold, pred, half)[0])
    print(f"time: {elapsed:.2f}s for the whole bench (glossary load, index, 3,000 line pairs)")
    if args.errors:
        per = defaultdict(int)
        for e in errors:
            per[e[0]] += 1
            kind, line, term, info, text = e
            if kind == "EN":
                print(f"EN  {line}: {term}: gold found={info} | {text}")
            else:
                a, b = info
                print(f"{kind:<7} {line}: {term}: {text[a:b]!r} | {text[max(0, a - 40) : b + 40]}")


if __name__ == "__main__":
    main()
