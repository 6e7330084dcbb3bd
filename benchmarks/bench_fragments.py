"""Fragment finding on the devset: detection P/R/F1, pairing accuracy, speed.

Run from the repository root::

    python benchmarks/bench_fragments.py [--devset DIR] [--backend auto|lingua|rules]
                                         [--no-pair] [--show-errors]

``DIR`` holds ``NNN.txt`` + ``NNN.json`` (default: ``shared/devset/mixed`` found
next to the repository or one level up, or ``$HIZALA_DEVSET``). Scores are
printed for all articles and for the even- and odd-numbered halves (the
pairing model is fitted on the even half, see ``fit_fragments.py``, so the
odd half is unseen). Speed is the devset's size in KB (UTF-8) over the time of
``find_fragments`` on every article, with the models already loaded; the load
times are printed apart.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.encoders import get_encoder  # noqa: E402
from align.fragments.detect import detect_fragments  # noqa: E402
from align.fragments.evaluate import FragmentScores, load_gold, score_fragments  # noqa: E402
from align.fragments.langid import LanguageScorer  # noqa: E402
from align.fragments.model import FragmentMatch  # noqa: E402
from align.fragments.pair import find_fragments  # noqa: E402
from align.textio import read_text  # noqa: E402


def default_devset() -> Path:
    """``$HIZALA_DEVSET``, else ``shared/devset/mixed`` beside the repository or one level up."""
    env = os.environ.get("HIZALA_DEVSET")
    if env:
        return Path(env)
    for up in (ROOT.parent, ROOT.parent.parent):
        cand = up / "shared" / "devset" / "mixed"
        if cand.is_dir():
            return cand
    sys.exit("no devset found; give --devset or set HIZALA_DEVSET")


def main() -> None:
    """Print the scores and the speed."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devset", type=Path, default=None)
    ap.add_argument("--backend", default="auto", choices=["auto", "lingua", "rules"])
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--threads", type=int, default=None,
                    help="BLAS threads of the use encoder (default: one per core)")
    ap.add_argument("--no-pair", action="store_true", help="detection only")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    devset = args.devset or default_devset()
    files = sorted(devset.glob("*.txt"))
    if not files:
        sys.exit(f"no NNN.txt files in {devset}")

    t = time.perf_counter()
    scorer = LanguageScorer(args.backend)
    scorer.load()
    t_lang = time.perf_counter() - t
    t = time.perf_counter()
    options = {"threads": args.threads} if args.threads else {}
    encoder = get_encoder(args.encoder, **options)
    encoder.load()
    get_encoder("lexical").load()
    t_enc = time.perf_counter() - t
    print(f"load: language scorer ({scorer.backend}) {t_lang:.2f} s, encoder {args.encoder} "
          f"{t_enc:.2f} s (not in the speed below)")

    halves = {0: FragmentScores(0, 0, 0, 0), 1: FragmentScores(0, 0, 0, 0)}
    size = 0
    busy = 0.0
    cpu = 0.0
    for path in files:
        text = read_text(path).text
        size += len(text.encode("utf-8"))
        gold = load_gold(path.with_suffix(".json"))
        t = time.perf_counter()
        c = time.process_time()
        if args.no_pair:
            pred = [FragmentMatch(f, None, 0.0, None, "") for f in detect_fragments(text, scorer)]
        else:
            pred = find_fragments(text, encoder, scorer=scorer)
        busy += time.perf_counter() - t
        cpu += time.process_time() - c
        scores = score_fragments(gold, pred)
        halves[int(path.stem) % 2] += scores
        if args.show_errors:
            _show_errors(path.stem, text, gold, pred, not args.no_pair)

    for name, s in (("all", halves[0] + halves[1]), ("even", halves[0]), ("odd", halves[1])):
        line = (f"{name:>4}: detection P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
                f"(gold {s.gold}, predicted {s.predicted}, found {s.found})")
        if not args.no_pair:
            line += (f"  pairing accuracy {s.pairing_accuracy:.3f} "
                     f"(over found: {s.pairing_accuracy_found:.3f})")
        print(line)
    kb = size / 1024
    print(f"speed: {kb:.0f} KB in {busy:.2f} s = {kb / busy:,.0f} KB/s "
          f"({'detection only' if args.no_pair else 'detection + pairing'}, models loaded; "
          f"CPU time {cpu:.2f} s on {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f})")


def _show_errors(name, text, gold, pred, pairing) -> None:
    def ov(a, b, c, d):
        return max(0, min(b, d) - max(a, c))

    for g in gold:
        hit = [p for p in pred if ov(g.start, g.end, p.fragment.start, p.fragment.end) * 2
               >= max(g.end - g.start, p.fragment.end - p.fragment.start)]
        if not hit:
            print(f"MISS {name} {g.kind}: {text[g.start:g.end][:150]!r}")
            continue
        m = hit[0].match
        if not pairing:
            continue
        ok = (g.match is None and m is None) or (
            g.match is not None and m is not None and ov(*g.match, m.start, m.end) > 0)
        if not ok:
            want = text[g.match[0]:g.match[1]][:100] if g.match else None
            print(f"PAIR {name} {g.kind}: {text[g.start:g.end][:80]!r}\n"
                  f"     want {want!r}\n     got  {m.text[:100] if m else None!r} "
                  f"[{hit[0].reason}]")
    for p in pred:
        f = p.fragment
        if not any(ov(g.start, g.end, f.start, f.end) * 2 >= max(g.end - g.start, f.end - f.start)
                   for g in gold):
            print(f"FP   {name} {f.kind}: {f.text[:150]!r}")


if __name__ == "__main__":
    main()
