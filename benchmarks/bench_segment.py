"""Segmentation throughput on the devset text (Turkish and English news).

Run from the repository root::

    python benchmarks/bench_segment.py [--size-kb 1024] [--repeat 3] [--devset DIR]

It concatenates the devset's tr.txt / en.txt files (as paragraphs, blank line
between lines, and hard-wrapped to exercise the line-break logic as well),
repeats the text up to the requested size, and prints the best-of-N
throughput in KB/s for each language.
"""

from __future__ import annotations

import argparse
import glob
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devsets import find_devset  # noqa: E402

from align.segment import default_rules, segment  # noqa: E402


def corpus(devset: Path, lang: str, size: int) -> str:
    """The devset lines of ``lang``, one paragraph each, repeated up to ``size`` bytes."""
    files = sorted(glob.glob(str(devset / "*" / f"{lang}.txt")))
    if not files:
        sys.exit(f"no devset found under {devset}")
    lines = [ln for f in files for ln in Path(f).read_text(encoding="utf-8").splitlines()]
    paras = [
        "\n".join(textwrap.wrap(ln, 78)) if i % 2 else ln
        for i, ln in enumerate(lines)
        if ln.strip()
    ]
    text = "\n\n".join(paras)
    reps = size // len(text.encode("utf-8")) + 1
    return "\n\n".join([text] * reps)


def main() -> None:
    """Print KB/s for Turkish and English."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-kb", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--devset", help="the wmt16 devset folder (default: found as the other "
                    "benchmarks find it, see benchmarks/devsets.py)")
    args = ap.parse_args()
    devset = find_devset("wmt16", args.devset)
    t0 = time.perf_counter()
    default_rules().engine("tr")
    default_rules().engine("en")
    print(f"rules load + compile: {(time.perf_counter() - t0) * 1000:.0f} ms")
    for lang in ("tr", "en"):
        text = corpus(devset, lang, args.size_kb * 1024)
        kb = len(text.encode("utf-8")) / 1024
        best = float("inf")
        n = 0
        for _ in range(args.repeat):
            t = time.perf_counter()
            n = len(segment(text, lang))
            best = min(best, time.perf_counter() - t)
        print(f"{lang}: {kb:.0f} KB, {n} segments, {best:.3f} s, {kb / best:,.0f} KB/s")


if __name__ == "__main__":
    main()
