"""hizala on running text: a presegmented suite made raw, aligned end to end, scored.

    python benchmarks/bench_raw.py [SUITE ...] [--encoder use] [--out DIR] [--wrap COLUMNS]
                                   [--segment-only [--misses N]]

For each suite (a devset name such as ``wmt16`` or ``bible-ot``, or a folder; default
both; a line-parallel corpus such as ``termbench-dev``, WMT newstest2018, is cut into
documents of 100 lines with 1:1 gold first), ``../shared/eval/make_raw.py`` turns the
one-line-per-unit documents into running text (paragraphs, sentences run on,
headlines and lines with no sentence end keep their line break). Every document is
then aligned the way a user would, with ``hizala batch`` (the command itself, in a
subprocess; the model loaded once per suite) writing ``--format json`` output, and
``../shared/eval/score_raw.py`` scores it against the gold lines twice:

* **F1**: hizala's alignment, every predicted bead mapped to the gold lines its
  segments overlap (strict P/R/F1 as ``hizala eval``);
* **ceiling**: the best alignment hizala's own segmentation allows (gold beads joined
  where one segment spans lines of two of them). ``ceiling - F1`` is the aligner's share
  of the loss, ``1 - ceiling`` the segmenter's (or the text's, where a sentence really
  runs over a line end, as the King James verses often do).

``--wrap 72`` hard-wraps the raw text at 72 columns first (e-mail, plain-text books)
and also counts the segments that end at a wrapping line break inside a sentence,
which should be none.

``--fold-weights DIR`` aligns every document with the weights of the cross-validation
fold that held it out (``fit_aligner.py --save-folds DIR``), so the figure is out of
fold; without it the shipped weights align everything (in-sample for the devsets they
were fitted on).

``--segment-only`` skips the aligner: it segments with hizala's rules and prints the
ceiling alone (seconds instead of minutes), and with ``--misses N`` lists the first N
gold line ends that a segment runs over, per language: the segmenter's errors to read.
The raw text, the predictions and the manifests stay in ``--out`` (default
``build/bench_raw``).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devsets import find_devset  # noqa: E402

SUITES = ("wmt16", "bible-ot")


def eval_dir(given: Path | None, suite: Path) -> Path:
    """The folder of make_raw.py / score_raw.py: ``given``, ``$HIZALA_EVAL``, or the
    ``eval`` folder beside the devsets (``shared/eval``)."""
    env = os.environ.get("HIZALA_EVAL")
    for cand in (given, Path(env) if env else None, suite.parent.parent / "eval"):
        if cand is not None and (cand / "score_raw.py").is_file():
            return cand
    sys.exit("no make_raw.py/score_raw.py found; pass --eval DIR or set HIZALA_EVAL")


def documents(raw: Path) -> list[Path]:
    return sorted(p for p in raw.iterdir() if (p / "spans.json").exists())


def line_parallel_suite(src: Path, out: Path, lines: int = 100) -> Path:
    """A line-parallel corpus (``tr.txt`` and ``en.txt``, line i translating line i, as
    ``termbench-dev``: WMT newstest2018) cut into documents of ``lines`` lines with
    1:1 gold, the layout of the other suites."""
    tr = src.joinpath("tr.txt").read_text(encoding="utf-8").splitlines()
    en = src.joinpath("en.txt").read_text(encoding="utf-8").splitlines()
    if len(tr) != len(en):
        sys.exit(f"{src}: tr.txt has {len(tr)} lines, en.txt {len(en)}; not line-parallel")
    for k in range(0, len(tr), lines):
        d = out / f"{k // lines:03d}"
        d.mkdir(parents=True, exist_ok=True)
        d.joinpath("tr.txt").write_text("\n".join(tr[k:k + lines]) + "\n", encoding="utf-8")
        d.joinpath("en.txt").write_text("\n".join(en[k:k + lines]) + "\n", encoding="utf-8")
        n = len(tr[k:k + lines])
        d.joinpath("gold.txt").write_text("".join(f"[{i}]:[{i}]\n" for i in range(n)),
                                          encoding="utf-8")
    return out


def make_raw(tools: Path, suite: Path, raw: Path) -> None:
    subprocess.run([sys.executable, str(tools / "make_raw.py"), str(suite), str(raw)],
                   check=True)


def hard_wrap(raw: Path, width: int) -> None:
    """Wrap every line of the raw texts at ``width`` columns, as an e-mail client or a
    plain-text book does: the spaces where lines are cut become line breaks, so the
    gold spans still hold. ``wraps.json`` records those offsets per language."""
    for d in documents(raw):
        wraps = {}
        for lang in ("tr", "en"):
            path = d / f"{lang}.txt"
            text = list(path.read_text(encoding="utf-8"))
            cuts, start, space = [], 0, -1
            for i, c in enumerate([*text, "\n"]):
                if c not in " \n":
                    continue
                if i - start > width and space > start:  # the word before i overflows
                    text[space] = "\n"
                    cuts.append(space)
                    start = space + 1
                if c == "\n":
                    start, space = i + 1, -1
                else:
                    space = i
            path.write_text("".join(text), encoding="utf-8")
            wraps[lang] = cuts
        (d / "wraps.json").write_text(json.dumps(wraps), encoding="utf-8")


def cuts_at_wraps(raw: Path) -> int:
    """Segments that end at a line break made by :func:`hard_wrap` where no sentence
    ends (the text before it does not end in . ? ! … : ; and closing quotes): each is
    a sentence cut in two by the wrapping."""
    from align.segment import read_document

    bad = 0
    for d in documents(raw):
        wraps = json.loads((d / "wraps.json").read_text(encoding="utf-8"))
        for lang in ("tr", "en"):
            doc = read_document(d / f"{lang}.txt", lang)
            at = set(wraps[lang])
            for seg in doc.segments:
                if seg.end in at and doc.text[:seg.end].rstrip("\"'”’») ")[-1:] not in ".?!…:;":
                    bad += 1
    return bad


def score(tools: Path, raw: Path, pred: Path, ceiling: bool) -> dict[str, float]:
    cmd = [sys.executable, str(tools / "score_raw.py"), str(raw), str(pred)]
    out = subprocess.run(cmd + (["--ceiling"] if ceiling else []), check=True,
                         capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out)
    return result


def align_all(raw: Path, pred: Path, encoder: str, fold_weights: Path | None = None) -> float:
    """Align every document with ``hizala batch``; returns the wall time in seconds.

    With ``fold_weights`` (``fit_aligner.py --save-folds``), each document is aligned by
    the fold's weights that held it out (``benchmarks/with_weights.py``): out of fold.
    """
    pred.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[list[str], list[Path]]] = []
    if fold_weights is None:
        runs.append(([sys.executable, "-m", "align.cli"], documents(raw)))
    else:
        seen: set[str] = set()
        for weights in sorted(fold_weights.glob("fold-*.json")):
            held = {h.rpartition("/")[2]
                    for h in json.loads(weights.read_text(encoding="utf-8"))["info"]["held_out"]}
            docs = [d for d in documents(raw) if d.name in held]
            seen.update(d.name for d in docs)
            runs.append(([sys.executable, str(ROOT / "benchmarks" / "with_weights.py"),
                          str(weights)], docs))
        unseen = [d.name for d in documents(raw) if d.name not in seen]
        if unseen:
            sys.exit(f"no fold in {fold_weights} held out {', '.join(unseen[:5])}")
    t = time.perf_counter()
    for k, (command, docs) in enumerate(runs):
        if not docs:
            continue
        manifest = pred / f"manifest-{k}.tsv"
        manifest.write_text("".join(
            f"{d / 'tr.txt'}\t{d / 'en.txt'}\t{pred / (d.name + '.json')}\n" for d in docs
        ), encoding="utf-8")
        # --force: the stamps record the shipped weights, not the ones given here
        subprocess.run([*command, "batch", str(manifest), "--encoder", encoder, "--force"],
                       check=True, cwd=ROOT)
    return time.perf_counter() - t


def segment_only(raw: Path, pred: Path, misses: int) -> None:
    """Write one bead per segment (enough for ``--ceiling``) and list missed line ends."""
    from align.segment import read_document

    pred.mkdir(parents=True, exist_ok=True)
    shown = {"tr": 0, "en": 0}
    counts = {"tr": 0, "en": 0}
    for d in documents(raw):
        spans = json.loads((d / "spans.json").read_text(encoding="utf-8"))
        beads = []
        for lang in ("tr", "en"):
            doc = read_document(d / f"{lang}.txt", lang)
            lines = spans[lang]
            starts = [a for a, _ in lines]
            for seg in doc.segments:
                span = [[seg.start, seg.end]]
                beads.append({"tr_spans": span if lang == "tr" else [],
                              "en_spans": span if lang == "en" else []})
                # gold lines k, k+1 both inside this segment: the line end was missed
                first = bisect.bisect_right(starts, seg.start) - 1
                last = bisect.bisect_left(starts, seg.end) - 1
                for k in range(max(first, 0), last):
                        counts[lang] += 1
                        if shown[lang] < misses:
                            shown[lang] += 1
                            a, b = lines[k][1], lines[k + 1][0]
                            before = doc.text[max(lines[k][0], a - 60):a]
                            after = doc.text[b:b + 40]
                            print(f"  {lang} {d.name}: {before!r} | {after!r}")
        (pred / f"{d.name}.json").write_text(json.dumps({"beads": beads}), encoding="utf-8")
    print(f"  gold line ends inside a segment: tr {counts['tr']}, en {counts['en']}")


def main() -> None:
    """Print F1, the ceiling and the gap for every suite."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suites", nargs="*", default=list(SUITES),
                    help="devset names or folders (default: wmt16 bible-ot)")
    ap.add_argument("--encoder", default="use", help="as `hizala align --encoder`")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench_raw")
    ap.add_argument("--eval", type=Path, default=None, help="folder of make_raw.py/score_raw.py")
    ap.add_argument("--segment-only", action="store_true",
                    help="segmentation only: print the ceiling, no alignment")
    ap.add_argument("--misses", type=int, default=0, metavar="N",
                    help="with --segment-only: show the first N missed line ends per language")
    ap.add_argument("--wrap", type=int, default=0, metavar="COLUMNS",
                    help="hard-wrap the raw text at COLUMNS (e.g. 72) first, and count the "
                    "segments that end at a wrapping line break inside a sentence")
    ap.add_argument("--fold-weights", type=Path, metavar="DIR",
                    help="align each document with the cross-validation fold's weights that "
                    "held it out (fit_aligner.py --save-folds DIR): figures out of fold")
    args = ap.parse_args()
    out = args.out.resolve()  # the manifest's paths are relative to its own folder
    rows = []
    for name in args.suites:
        suite = find_devset(name) if not Path(name).is_dir() else Path(name)
        tools = eval_dir(args.eval, suite)
        label = suite.name
        if (suite / "tr.txt").is_file() and (suite / "en.txt").is_file():
            suite = line_parallel_suite(suite, out / f"{label}-suite")
        tag = f"-wrap{args.wrap}" if args.wrap else ""
        raw = out / f"{label}-raw{tag}"
        pred = out / (f"{label}-pred{tag}" + ("-seg" if args.segment_only else ""))
        make_raw(tools, suite, raw)
        if args.wrap:
            hard_wrap(raw, args.wrap)
        print(f"{label}: {len(documents(raw))} documents", file=sys.stderr)
        wrap_cuts = cuts_at_wraps(raw) if args.wrap else None
        if args.segment_only:
            segment_only(raw, pred, args.misses)
            ceil = score(tools, raw, pred, ceiling=True)
            rows.append((label + tag, None, ceil, 0.0, wrap_cuts))
            continue
        seconds = align_all(raw, pred, args.encoder, args.fold_weights)
        rows.append((label + tag, score(tools, raw, pred, ceiling=False),
                     score(tools, raw, pred, ceiling=True), seconds, wrap_cuts))
    print(f"{'suite':<20} {'F1':>6} {'P':>6} {'R':>6} {'ceiling':>8} {'gap':>6} {'align s':>8}"
          + ("  cuts at wraps" if args.wrap else ""))
    for name, res, ceil, seconds, wrap_cuts in rows:
        c = ceil["f1_strict"]
        tail = "" if wrap_cuts is None else f"  {wrap_cuts:>14}"
        if res is None:
            print(f"{name:<20} {'':>6} {'':>6} {'':>6} {c:8.4f} {'':>6} {'':>8}{tail}")
            continue
        f = res["f1_strict"]
        print(f"{name:<20} {f:6.4f} {res['precision_strict']:6.4f} {res['recall_strict']:6.4f} "
              f"{c:8.4f} {c - f:6.4f} {seconds:8.0f}{tail}")


if __name__ == "__main__":
    main()
