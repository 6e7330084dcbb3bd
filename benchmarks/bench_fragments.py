"""Fragment finding on the devset: detection P/R/F1, pairing accuracy, speed.

Run from the repository root::

    python benchmarks/bench_fragments.py [--devset DIR] [--repeat 3] [--threads N]
                                         [--fast] [--backend auto|lingua|rules]
                                         [--no-pair] [--show-errors]

``DIR`` holds ``NNN.txt`` + ``NNN.json`` (default: ``shared/devset/mixed`` found
next to the repository or one level up, or ``$HIZALA_DEVSET``). Scores are
printed for all articles and for the even- and odd-numbered halves (the
pairing model and the search are fitted on the even half, see
``fit_fragments.py``, so the odd half is unseen).

Speed is the devset's size in KB (UTF-8) over the time of ``find_fragments``
on every article, one after the other as ``hizala fragments`` would see them.
Each repeat starts cold: a new language scorer (no word cached) and empty
embedding caches. Printed per repeat with the load average (the machine is
shared: other jobs slow the encoder down), then the median, both without the
model load (models already in memory) and with it (the load time of the
language identifier and the encoders, measured once, added to each run).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devsets import find_devset  # noqa: E402

from align.encoders import get_encoder  # noqa: E402
from align.encoders.base import EmbeddingCache  # noqa: E402
from align.fragments.detect import detect_fragments  # noqa: E402
from align.fragments.evaluate import FragmentScores, load_gold, score_fragments  # noqa: E402
from align.fragments.langid import LanguageScorer  # noqa: E402
from align.fragments.model import FragmentMatch  # noqa: E402
from align.fragments.pair import PairingModel, find_fragments  # noqa: E402
from align.textio import read_text  # noqa: E402


def default_devset() -> Path:
    """The mixed devset (:func:`devsets.find_devset`)."""
    return find_devset("mixed")


def main() -> None:
    """Print the scores and the speed."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devset", type=Path, default=None)
    ap.add_argument("--backend", default="auto", choices=["auto", "lingua", "rules"])
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--threads", type=int, default=None,
                    help="worker threads of the use encoder (default: one per core)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the median is reported")
    ap.add_argument("--fast", action="store_true",
                    help="the expanding search of `hizala fragments --fast` instead of "
                    "comparing every fragment with every candidate (the default)")
    ap.add_argument("--no-pair", action="store_true", help="detection only")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    devset = args.devset or default_devset()
    files = sorted(devset.glob("*.txt"))
    if not files:
        sys.exit(f"no NNN.txt files in {devset}")
    docs = [(path, read_text(path).text, load_gold(path.with_suffix(".json"))) for path in files]
    kb = sum(len(text.encode("utf-8")) for _, text, _ in docs) / 1024

    t = time.perf_counter()
    LanguageScorer(args.backend).load()
    t_lang = time.perf_counter() - t
    t = time.perf_counter()
    options = {"threads": args.threads} if args.threads else {}
    encoder = get_encoder(args.encoder, **options)
    encoder.load()
    lexical = get_encoder("lexical")
    lexical.load()
    t_enc = time.perf_counter() - t
    t_load = t_lang + t_enc
    print(f"model load: language scorer {t_lang:.2f} s, encoder {args.encoder} {t_enc:.2f} s "
          f"(total {t_load:.2f} s)")
    model = PairingModel()
    if not args.fast:
        model = dataclasses.replace(model, search=dataclasses.replace(model.search, stop=0.0))
    counter = _Counter(encoder)

    speeds: list[float] = []
    halves: dict[int, FragmentScores] = {}
    for run in range(max(1, args.repeat)):
        scorer = LanguageScorer(args.backend)
        encoder.cache = EmbeddingCache()
        counter.texts = counter.chars = 0
        halves = {0: FragmentScores(0, 0, 0, 0), 1: FragmentScores(0, 0, 0, 0)}
        load_before = os.getloadavg()[0]
        busy = cpu = 0.0
        for path, text, gold in docs:
            t = time.perf_counter()
            c = time.process_time()
            if args.no_pair:
                pred = [FragmentMatch(f, None, 0.0, None, "")
                        for f in detect_fragments(text, scorer)]
            else:
                pred = find_fragments(text, encoder, scorer=scorer, model=model)
            busy += time.perf_counter() - t
            cpu += time.process_time() - c
            halves[int(path.stem) % 2] += score_fragments(gold, pred)
            if args.show_errors and run == 0:
                _show_errors(path.stem, text, gold, pred, not args.no_pair)
        speeds.append(busy)
        what = "detection only" if args.no_pair else "detection + pairing"
        embedded = "" if args.no_pair else (f"; embedded {counter.texts} texts of "
                                            f"{counter.chars / 1024:.0f} K characters")
        print(f"run {run + 1}: {kb:.0f} KB in {busy:.2f} s = {kb / busy:,.0f} KB/s ({what}; "
              f"CPU time {cpu:.2f} s on {os.cpu_count()} cores; load average "
              f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after{embedded})")

    for name, s in (("all", halves[0] + halves[1]), ("even", halves[0]), ("odd", halves[1])):
        line = (f"{name:>4}: detection P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
                f"(gold {s.gold}, predicted {s.predicted}, found {s.found})")
        if not args.no_pair:
            line += (f"  pairing accuracy {s.pairing_accuracy:.3f} "
                     f"(over found: {s.pairing_accuracy_found:.3f})")
        print(line)
    busy = statistics.median(speeds)
    print(f"speed (median of {len(speeds)}): {kb / busy:,.0f} KB/s with the models loaded "
          f"({busy:.2f} s); {kb / (busy + t_load):,.0f} KB/s counting the model load "
          f"({busy + t_load:.2f} s)")


class _Counter:
    """Counts the texts the encoder embeds (not those from its cache) and their characters."""

    def __init__(self, encoder) -> None:
        self.texts = self.chars = 0
        states = encoder._states

        def counted(texts, progress):
            self.texts += len(texts)
            self.chars += sum(len(t) for t in texts)
            return states(texts, progress)

        encoder._states = counted


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
