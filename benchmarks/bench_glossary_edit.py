"""Glossary editing cost on a large glossary: load, add, import, all through the real command.

    python benchmarks/bench_glossary_edit.py [--terms 50000] [--import-terms 1000] [--repeat 3]

Builds a synthetic glossary of ``--terms`` entries (Turkish-looking lemmas made of
Turkish syllables, two renderings each, every tenth with a note and a tag, comments
between some entries, as people write them), then times, each in a fresh process
(the ``hizala`` entry point, so interpreter start and imports are included):

* ``glossary list`` of the big glossary (one load);
* ``glossary add`` of a new term to the big glossary (target <= 3 s at 50,000 terms);
* ``glossary import`` of a ``--import-terms`` CSV into a new glossary (target <= 2 s at
  1,000 terms), and into the big one.

Each figure is the best of ``--repeat`` runs (the big glossary is rebuilt before each
add/import, so every run edits the same file). Prints one line per measure.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_ONSETS = ["", "b", "c", "ç", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "ş", "t",
           "v", "y", "z"]
_VOWELS = ["a", "e", "ı", "i", "o", "ö", "u", "ü"]
_CODAS = ["", "", "k", "l", "m", "n", "r", "s", "ş", "t", "z"]


def _words(n: int, seed: int) -> list[str]:
    """``n`` distinct Turkish-looking words of 2-4 syllables."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        w = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                    for _ in range(rng.randint(2, 4)))
        if len(w) >= 4 and w not in seen:
            seen.add(w)
            out.append(w)
    return out


def glossary_text(n: int) -> str:
    lines = ["# a large synthetic glossary (benchmarks/bench_glossary_edit.py)",
             "version: 1", "source: tr", "target: en", "terms:"]
    for k, w in enumerate(_words(n, 1)):
        if k % 50 == 0:
            lines.append(f"  # section {k // 50}")
        lines.append(f'  - tr: "{w}"')
        lines.append(f'    en: ["term {k}", "rendering {k}"]')
        if k % 10 == 0:
            lines.append('    tags: ["bench"]')
            lines.append(f'    note: "entry number {k}"')
    return "\n".join(lines) + "\n"


def csv_text(n: int) -> str:
    rows = ["tr,en,pos,note"]
    rows += [f"{w}yeni,new {k}|fresh {k},noun,imported {k}" for k, w in enumerate(_words(n, 2))]
    return "\n".join(rows) + "\n"


def run(args: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from align.cli.main import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"hizala {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--terms", type=int, default=50_000)
    ap.add_argument("--import-terms", type=int, default=1_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="+", choices=["list", "add", "import-new", "import-big"],
                    help="Run only these measures (before the fix, importing into the big "
                    "glossary took hours).")
    args = ap.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f} (1 min)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = glossary_text(args.terms)
        (folder / "big.orig.yaml").write_text(big, encoding="utf-8")
        (folder / "in.csv").write_text(csv_text(args.import_terms), encoding="utf-8")
        size = len(big.encode("utf-8")) / 2**20
        print(f"glossary: {args.terms:,} terms, {size:.1f} MiB; import file: "
              f"{args.import_terms:,} terms")

        def fresh() -> None:
            shutil.copyfile(folder / "big.orig.yaml", folder / "big.yaml")
            (folder / "new.yaml").unlink(missing_ok=True)

        measures = {
            "list": (f"glossary list ({args.terms:,} terms)",
                     ["glossary", "list", "-g", "big.yaml", "--format", "tsv"]),
            "add": (f"glossary add to {args.terms:,} terms",
                    ["glossary", "add", "yepyeni", "brand new", "-g", "big.yaml"]),
            "import-new": (f"glossary import {args.import_terms:,} terms into a new glossary",
                           ["glossary", "import", "in.csv", "-g", "new.yaml"]),
            "import-big": (f"glossary import {args.import_terms:,} terms into {args.terms:,}",
                           ["glossary", "import", "in.csv", "-g", "big.yaml"]),
        }
        for key, (label, command) in measures.items():
            if args.only and key not in args.only:
                continue
            best = float("inf")
            for _ in range(args.repeat):
                fresh()
                best = min(best, run(command, folder))
            print(f"{label:<52} {best:7.2f} s (best of {args.repeat}, process start included)",
                  flush=True)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import align.cli.main"], check=True, cwd=REPO)
        print(f"{'(python start + import of the command)':<48} "
              f"{time.perf_counter() - t:7.2f} s")


if __name__ == "__main__":
    main()
