"""Aligner accuracy on a devset, on clean 1:1 text, and speed/memory on long documents.

    python benchmarks/bench_align.py accuracy ../shared/devset/bible-ot [--weights W.json]
    python benchmarks/bench_align.py plain ../shared/devset/bible-ot
    python benchmarks/bench_align.py speed ../shared/devset/wmt16 --pairs 500 2000 8000

``accuracy`` aligns every document of a devset (any folder of ``tr.txt``,
``en.txt``, ``gold.txt`` folders: wmt16, bible-ot…) and prints strict/lax
P/R/F1, and checks that confidence means something: the error rate of the
beads in each confidence band (it must fall as confidence rises). The
shipped weights were fitted on wmt16 and bible-ot, so on those the figures
are in-sample (printed as such); ``--weights`` aligns with another weights
file, e.g. one fitted without the devset (``fit_aligner.py … -o``), for an
out-of-sample figure. ``--encoder`` aligns with another encoder.

``plain`` keeps only the gold 1:1 pairs of every document, as a clean
line-parallel text, and counts the beads that are not 1:1 (there should be
none) and the strict F1.

``speed`` concatenates devset documents into one document of about N
sentence pairs (copies after the first get a " (k)" suffix on every line, so
the embedding cache cannot make repeats free), and aligns it in a fresh
subprocess per size, reporting model load, embedding and alignment time,
units (lines of both files) per second, and peak RSS. Embedding is the
encoder's work: its pass over every sentence (``states``) and its head, which
turns the pooled states of every sentence and of every run of 2-3 sentences
into vectors (``runs``, called inside ``align_texts``; Vecalign and Bertalign
count their overlap embeddings as embedding too). ``align`` is the rest:
signals, band, features, dynamic programming and confidence.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def doc_folders(devset: Path) -> list[Path]:
    return sorted(p for p in devset.iterdir() if (p / "gold.txt").exists())


def _model(weights: Path | None) -> Any:
    from align.aligner.model import ScoringModel, default_model

    return ScoringModel.load(weights) if weights else default_model()


def _sample_note(devset: Path, model: Any, weights: Path | None) -> str:
    trained = str(model.info.get("trained_on", ""))
    if f"{devset.name}:" in trained:
        return f"IN-SAMPLE: the weights were fitted on {devset.name} ({trained})"
    return f"out of sample: the weights were fitted on {trained or weights}"


def accuracy(devset: Path, weights: Path | None, encoder: str) -> None:
    from align.aligner.core import align_texts
    from align.encoders import get_encoder
    from align.evaluate import score_alignments
    from align.formats import read_beads

    enc = get_encoder(encoder)
    model = _model(weights)
    golds, preds, conf = [], [], []
    t0 = time.time()
    for folder in doc_folders(devset):
        tr, en = read_lines(folder / "tr.txt"), read_lines(folder / "en.txt")
        gold = [(b.tr, b.en) for b in read_beads(folder / "gold.txt")]
        beads = align_texts(tr, en, enc, model=model)
        golds.append(gold)
        preds.append([(b.tr, b.en) for b in beads])
        gold_set = set(gold)
        conf += [(b.score, (b.tr, b.en) in gold_set) for b in beads]
    s = score_alignments(golds, preds)
    print(f"devset {devset.name}: {len(golds)} documents in {time.time() - t0:.1f}s, "
          f"encoder {enc.name}")
    print(_sample_note(devset, model, weights))
    if (warning := model.encoder_warning(enc.name)) is not None:
        print(f"note: {warning}")
    print(f"strict P {s.precision_strict:.4f} R {s.recall_strict:.4f} F1 {s.f1_strict:.4f}")
    print(f"lax    P {s.precision_lax:.4f} R {s.recall_lax:.4f} F1 {s.f1_lax:.4f}")
    print("confidence band    beads   wrong   error rate")
    edges = [0.0, 0.5, 0.7, 0.9, 0.97, 1.0001]
    for lo, hi in itertools.pairwise(edges):
        sel = [ok for c, ok in conf if lo <= c < hi]
        if sel:
            wrong = sum(1 for ok in sel if not ok)
            print(f"[{lo:.2f}, {min(hi, 1):.2f})      {len(sel):6d}  {wrong:6d}   {wrong / len(sel):.3f}")
    for label, sel in ((">= 0.90", [ok for c, ok in conf if c >= 0.9]),
                       (f"< {model.low_confidence:.2f} (low)", [ok for c, ok in conf
                                                          if c < model.low_confidence])):
        if sel:
            wrong = sum(1 for ok in sel if not ok)
            print(f"beads {label}: {len(sel)}, wrong {wrong / len(sel):.3f}")


def plain(devset: Path, weights: Path | None, encoder: str) -> None:
    """Clean 1:1 input: the gold 1:1 pairs of every document, in order."""
    from align.aligner.core import align_texts
    from align.encoders import get_encoder
    from align.evaluate import score_alignments
    from align.formats import read_beads

    enc = get_encoder(encoder)
    model = _model(weights)
    golds, preds = [], []
    other = 0
    t0 = time.time()
    for folder in doc_folders(devset):
        tr_all, en_all = read_lines(folder / "tr.txt"), read_lines(folder / "en.txt")
        pairs = [(b.tr[0], b.en[0]) for b in read_beads(folder / "gold.txt")
                 if len(b.tr) == len(b.en) == 1]
        beads = align_texts([tr_all[i] for i, _ in pairs], [en_all[j] for _, j in pairs], enc,
                            model=model)
        golds.append([((k,), (k,)) for k in range(len(pairs))])
        preds.append([(b.tr, b.en) for b in beads])
        other += sum(1 for b in beads if not (len(b.tr) == len(b.en) == 1))
    s = score_alignments(golds, preds)
    units = sum(len(g) for g in golds)
    print(f"devset {devset.name}, gold 1:1 pairs only: {len(golds)} documents, {units} pairs, "
          f"{time.time() - t0:.1f}s, encoder {enc.name}")
    print(_sample_note(devset, model, weights))
    print(f"strict F1 {s.f1_strict:.4f}; beads that are not 1:1: {other}")


def build(devset: Path, pairs: int, out: Path) -> tuple[Path, Path]:
    tr_all: list[str] = []
    en_all: list[str] = []
    copy = 0
    folders = doc_folders(devset)
    while len(tr_all) < pairs:
        for folder in folders:
            suffix = f" ({copy})" if copy else ""
            tr_all += [t + suffix for t in read_lines(folder / "tr.txt")]
            en_all += [e + suffix for e in read_lines(folder / "en.txt")]
            if len(tr_all) >= pairs:
                break
        copy += 1
    tr_path, en_path = out / f"tr{pairs}.txt", out / f"en{pairs}.txt"
    tr_path.write_text("\n".join(tr_all) + "\n", encoding="utf-8")
    en_path.write_text("\n".join(en_all) + "\n", encoding="utf-8")
    return tr_path, en_path


def run_one(tr_path: str, en_path: str) -> None:
    """In a fresh process: time the phases and report JSON.

    ``states`` is the encoder's pass over every sentence; ``runs`` is the encoder's
    head turning the pooled states of every sentence and run of 2-3 sentences into
    vectors (``encode_run_table``, called inside ``align_texts``; Vecalign and
    Bertalign count their overlap embeddings as embedding too); ``align`` is the
    rest of ``align_texts``: signals, band, features, dynamic programming, confidence.
    """
    t0 = time.perf_counter()
    from align.aligner.core import align_texts
    from align.encoders import get_encoder

    enc = get_encoder("use")
    enc.load()
    t1 = time.perf_counter()
    tr, en = read_lines(Path(tr_path)), read_lines(Path(en_path))
    enc.states(tr)
    enc.states(en)
    t2 = time.perf_counter()
    runs = 0.0
    run_table = enc.encode_run_table

    def timed_run_table(*args: Any, **kwargs: Any) -> Any:
        nonlocal runs
        t = time.perf_counter()
        out = run_table(*args, **kwargs)
        runs += time.perf_counter() - t
        return out

    enc.encode_run_table = timed_run_table  # type: ignore[method-assign]
    beads = align_texts(tr, en, enc)
    t3 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"units": len(tr) + len(en), "beads": len(beads), "load": t1 - t0,
                      "states": t2 - t1, "runs": runs, "align": t3 - t2 - runs,
                      "total": t3 - t0, "rss_mb": rss}))


def speed(devset: Path, sizes: list[int]) -> None:
    print(f"{'pairs':>6} {'units':>6} {'load s':>7} {'states s':>9} {'runs s':>7} {'embed s':>8} "
          f"{'align s':>8} {'total s':>8} {'units/s':>8} {'align %':>8} {'peak MB':>8}")
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            tr, en = build(devset, n, Path(tmp))
            out = subprocess.run([sys.executable, __file__, "_one", str(tr), str(en)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            totals[n] = r["total"]
            print(f"{n:6d} {r['units']:6d} {r['load']:7.2f} {r['states']:9.2f} {r['runs']:7.2f} "
                  f"{r['states'] + r['runs']:8.2f} {r['align']:8.2f} {r['total']:8.2f} "
                  f"{r['units'] / r['total']:8.0f} {100 * r['align'] / r['total']:7.1f}% "
                  f"{r['rss_mb']:8.0f}")
    if 2000 in totals and 8000 in totals:
        print(f"time(8000) / time(2000) = {totals[8000] / totals[2000]:.2f}")
    print("embed = states (the encoder over every sentence) + runs (its head: vectors of every "
          "sentence and run of 2-3 sentences); align = the rest of align_texts")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_one":
        run_one(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["accuracy", "plain", "speed"])
    ap.add_argument("devset", type=Path)
    ap.add_argument("--pairs", type=int, nargs="+", default=[500, 2000, 8000])
    ap.add_argument("--weights", type=Path, help="aligner weights (default: the shipped ones)")
    ap.add_argument("--encoder", default="use", help="encoder to align with (default: use)")
    args = ap.parse_args()
    if args.what == "accuracy":
        accuracy(args.devset, args.weights, args.encoder)
    elif args.what == "plain":
        plain(args.devset, args.weights, args.encoder)
    else:
        speed(args.devset, args.pairs)


if __name__ == "__main__":
    main()
