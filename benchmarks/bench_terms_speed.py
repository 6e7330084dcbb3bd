"""Matching speed with a large glossary: line pairs per second.

    python benchmarks/bench_terms_speed.py /work/shared/devset [--terms 1000]

Builds a glossary of ``--terms`` entries from real vocabulary: the termbench
terms and the repository's glossary.yaml, filled up with the most frequent
Turkish words of the devset (as nouns; ``-mak/-mek`` words as verbs) paired with
frequent English words. Then times :meth:`TermMatcher.match_pair` (Turkish
hits and their English renderings, the work of ``hizala terms``) over every
line pair of termbench-dev and the wmt16 documents, with a fresh matcher
(cold cache: every word seen for the first time is analysed), and once more
with the cache warm. The target is >= 5,000 line pairs/s with 1,000 terms.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.glossary.match import TermMatcher
from align.glossary.model import Term
from align.glossary.yaml_store import load_glossary
from align.normalize import fold

REPO = Path(__file__).resolve().parents[1]


def pairs(devset: Path) -> list[tuple[str, str]]:
    out = []
    folders = [devset / "termbench-dev", *sorted((devset / "wmt16").iterdir())]
    for f in folders:
        tr = (f / "tr.txt").read_text(encoding="utf-8").split("\n")
        en = (f / "en.txt").read_text(encoding="utf-8").split("\n")
        out += list(zip(tr, en, strict=False))
    return [(t, e) for t, e in out if t.strip() or e.strip()]


def build_glossary(devset: Path, size: int, lines: list[tuple[str, str]]) -> list[Term]:
    terms = {t.key: t for t in load_glossary(devset / "termbench-dev" / "glossary.yaml").terms}
    for t in load_glossary(REPO / "glossary.yaml").terms:
        terms.setdefault(t.key, t)
    tr_words = Counter(w for t, _ in lines for w in re.findall(r"[^\W\d_]{4,}", fold(t)))
    en_words = [
        w
        for w, _ in Counter(
            w for _, e in lines for w in re.findall(r"[a-z]{4,}", e.lower())
        ).most_common()
    ]
    k = 0
    for word, _ in tr_words.most_common():
        if len(terms) >= size:
            break
        if word in terms:
            continue
        pos = "verb" if word.endswith(("mak", "mek")) else "noun"
        terms[word] = Term(tr=word, en=(en_words[k % len(en_words)],), pos=pos)
        k += 1
    return list(terms.values())[:size]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("devset", type=Path)
    ap.add_argument("--terms", type=int, default=1000)
    args = ap.parse_args()
    lines = pairs(args.devset)
    terms = build_glossary(args.devset, args.terms, lines)
    t0 = time.perf_counter()
    matcher = TermMatcher(terms)
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    hits = sum(len(matcher.match_pair(t, e)) for t, e in lines)
    cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    for t, e in lines:
        matcher.match_pair(t, e)
    warm, warm_cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(lines)
    print(
        f"{len(terms)} terms, index built in {build * 1000:.0f} ms; {n} line pairs, "
        f"{hits} hits ({hits / n:.1f} per line pair)"
    )
    # CPU time is what the code costs; wall time also counts other jobs on the machine.
    print(f"cold cache: {n / cold_cpu:,.0f} line pairs/s of CPU time ({n / cold:,.0f}/s wall)")
    print(f"warm cache: {n / warm_cpu:,.0f} line pairs/s of CPU time ({n / warm:,.0f}/s wall)")


if __name__ == "__main__":
    main()
