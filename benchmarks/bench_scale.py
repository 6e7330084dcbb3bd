"""Archives: one document pair of any length, and many pairs on a Dask cluster.

    python benchmarks/bench_scale.py pair ../shared/devset/wmt16 --lines 2000 8000 400000
    python benchmarks/bench_scale.py batch ../shared/devset/wmt16 --pairs 200 --workers 2
    python benchmarks/bench_scale.py resume ../shared/devset/wmt16 --pairs 200 --workers 2

``pair`` builds one document pair of about N lines a side from the devset's
documents repeated with variation (every copy takes the documents in another
order and marks each line with its copy's code in letters, so the embedding
cache cannot make repeats free; the devset's own merges and omissions stay in), runs the
real command ``hizala align TR EN --presegmented --format beads -o OUT`` on it
in a fresh process, and reports the wall time, the time per unit (lines of
both files), the peak RSS of the process, and strict F1 against the gold beads
(which are known, since the pair is made of devset documents). Pairs above
12,000 lines a side are aligned in windows (bounded memory).

``batch`` builds N document pairs (devset documents with variation) and a
manifest, runs ``hizala batch MANIFEST --presegmented`` in one process and with
``--workers W`` (a Dask LocalCluster), reports the throughput of each and the
ratio, and checks that both wrote the same beads byte for byte.

``resume`` starts ``hizala batch --workers W``, kills it (SIGKILL, the whole
process group) once about half the outputs exist, runs it again, and checks
that the second run aligned only what was missing and that every output is
byte for byte what an uninterrupted run gives.

Note the machine's load (``uptime``) with every figure: this machine has 2 cores.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsets import find_devset


def read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _documents(devset: Path) -> list[tuple[list[str], list[str], list[tuple[list[int], list[int]]]]]:
    from align.formats import read_beads

    docs = []
    for folder in sorted(p for p in devset.iterdir() if (p / "gold.txt").exists()):
        gold = [(list(b.tr), list(b.en)) for b in read_beads(folder / "gold.txt")]
        docs.append((read_lines(folder / "tr.txt"), read_lines(folder / "en.txt"), gold))
    return docs


def copy_mark(copy: int) -> str:
    """A mark that tells copies of a line apart (so the embedding cache cannot make a
    repeat free) in lowercase letters: no shared number or name that the aligner's
    number and name signals would take for evidence."""
    letters = ""
    while True:
        copy, k = divmod(copy, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[k] + letters
        if not copy:
            return f" ({letters})"


def build_pair(devset: Path, lines: int, out: Path) -> tuple[Path, Path, Path]:
    """TR and EN files of about ``lines`` Turkish lines, and their gold beads."""
    docs = _documents(devset)
    rng = random.Random(lines)
    tr_all: list[str] = []
    en_all: list[str] = []
    gold: list[str] = []
    copy = 0
    while len(tr_all) < lines:
        order = list(range(len(docs)))
        if copy:
            rng.shuffle(order)
        for k in order:
            tr, en, beads = docs[k]
            mark = copy_mark(copy) if copy else ""
            i0, j0 = len(tr_all), len(en_all)
            tr_all += [t + mark if t else t for t in tr]
            en_all += [e + mark if e else e for e in en]
            gold += [f"{[i0 + i for i in a]}:{[j0 + j for j in b]}\n" for a, b in beads]
            if len(tr_all) >= lines:
                break
        copy += 1
    paths = out / f"tr{lines}.txt", out / f"en{lines}.txt", out / f"gold{lines}.beads"
    paths[0].write_text("\n".join(tr_all) + "\n", encoding="utf-8")
    paths[1].write_text("\n".join(en_all) + "\n", encoding="utf-8")
    paths[2].write_text("".join(gold), encoding="utf-8")
    return paths


def _hizala() -> list[str]:
    return [sys.executable, "-m", "align.cli"]


def _timed(cmd: list[str]) -> tuple[float, float, float]:
    """Run ``cmd``: (wall seconds, CPU seconds, peak RSS in MB) of that process alone.

    CPU time (user + system, all threads) is the figure to compare on a shared machine:
    other jobs stretch the wall time, not the work done.
    """
    t = time.perf_counter()
    proc = subprocess.Popen(cmd)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def pair(devset: Path, sizes: list[int]) -> None:
    from align.evaluate import score_alignments
    from align.formats import read_beads

    print(f"load: {os.getloadavg()[0]:.2f} (1 min)")
    print(f"{'lines':>8} {'units':>9} {'wall s':>8} {'cpu s':>8} {'ms/unit':>8} {'cpu ms/u':>8} "
          f"{'units/s':>8} {'peak MB':>8} {'F1':>7} {'load':>5}")
    per_unit = {}
    cpu_unit = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(sizes):
            tr, en, gold = build_pair(devset, n, Path(tmp))
            out = Path(tmp) / f"out{n}.beads"
            seconds, cpu, peak = _timed([*_hizala(), "align", str(tr), str(en), "--presegmented",
                                         "--format", "beads", "-o", str(out)])
            units = len(read_lines(tr)) + len(read_lines(en))
            pred = [(b.tr, b.en) for b in read_beads(out)]
            ref = [(b.tr, b.en) for b in read_beads(gold)]
            f1 = score_alignments([ref], [pred]).f1_strict
            per_unit[n] = seconds / units
            cpu_unit[n] = cpu / units
            print(f"{n:8d} {units:9d} {seconds:8.1f} {cpu:8.1f} {1000 * seconds / units:8.3f} "
                  f"{1000 * cpu / units:8.3f} {units / seconds:8.0f} {peak:8.0f} {f1:7.4f} "
                  f"{os.getloadavg()[0]:5.2f}", flush=True)
    base = 8000 if 8000 in per_unit else min(per_unit)
    for n in sorted(per_unit):
        print(f"per unit at {n} / at {base}: wall {per_unit[n] / per_unit[base]:.2f}, "
              f"cpu {cpu_unit[n] / cpu_unit[base]:.2f}")
    if 2000 in per_unit and 8000 in per_unit:
        ratio = per_unit[8000] * 8000 / (per_unit[2000] * 2000)
        cpu_ratio = cpu_unit[8000] * 8000 / (cpu_unit[2000] * 2000)
        print(f"time(8000) / time(2000) = {ratio:.2f} wall, {cpu_ratio:.2f} cpu (lines a side)")


def build_batch(devset: Path, count: int, out: Path) -> Path:
    """``count`` document pairs (devset documents, each copy marked) and their manifest."""
    docs = _documents(devset)
    (out / "in").mkdir(parents=True, exist_ok=True)
    rows = []
    for k in range(count):
        tr, en, _gold = docs[k % len(docs)]
        mark = copy_mark(k // len(docs)) if k >= len(docs) else ""
        (out / "in" / f"{k:04d}.tr").write_text("".join(t + mark + "\n" for t in tr), encoding="utf-8")
        (out / "in" / f"{k:04d}.en").write_text("".join(e + mark + "\n" for e in en), encoding="utf-8")
        rows.append(f"in/{k:04d}.tr\tin/{k:04d}.en\tout/{k:04d}.beads\n")
    manifest = out / "manifest.tsv"
    manifest.write_text("".join(rows), encoding="utf-8")
    return manifest


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "out").glob("*.beads"))}


def batch(devset: Path, count: int, workers: int) -> None:
    print(f"load: {os.getloadavg()[0]:.2f} (1 min)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        manifest = build_batch(devset, count, root)
        units = sum(len(read_lines(p)) for p in (root / "in").iterdir())
        results = {}
        for label, extra in (("one process", []), (f"--workers {workers}", ["--workers", str(workers)])):
            shutil.rmtree(root / "out", ignore_errors=True)
            (root / "out").mkdir()
            seconds, _cpu, _ = _timed([*_hizala(), "batch", str(manifest), "--presegmented", *extra])
            results[label] = (seconds, _outputs(root))
            print(f"{label:>12}: {count} pairs, {units} units in {seconds:.1f} s: "
                  f"{count / seconds:.2f} pairs/s, {units / seconds:.0f} units/s "
                  f"(load now {os.getloadavg()[0]:.2f})", flush=True)
        (one, a), (many, b) = results.values()
        print(f"speed-up with {workers} workers: {one / many:.2f}x")
        differ = sorted(k for k in a if a[k] != b.get(k))
        print(f"same beads byte for byte: {a == b} ({len(a)} outputs"
              + (f"; {len(differ)} differ: {', '.join(differ[:5])})" if differ else ")"))


def resume(devset: Path, count: int, workers: int) -> None:
    print(f"load: {os.getloadavg()[0]:.2f} (1 min)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        manifest = build_batch(devset, count, root)
        (root / "out").mkdir()
        cmd = [*_hizala(), "batch", str(manifest), "--presegmented", "--workers", str(workers)]
        proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.DEVNULL)
        while len(list((root / "out").glob("*.beads"))) < count // 2 and proc.poll() is None:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # the command, its cluster and its workers
        proc.wait()
        first = len(list((root / "out").glob("*.beads")))
        print(f"killed after {first} of {count} outputs")
        run = subprocess.run(cmd, capture_output=True, text=True, check=False)
        print(run.stderr.strip())
        resumed = _outputs(root)
        shutil.rmtree(root / "out")
        (root / "out").mkdir()
        subprocess.run([*_hizala(), "batch", str(manifest), "--presegmented"], check=True,
                       capture_output=True)
        clean = _outputs(root)
        print(f"every output as an uninterrupted run makes it: {resumed == clean} "
              f"({len(resumed)} outputs)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["pair", "batch", "resume"])
    ap.add_argument("devset", nargs="?")
    ap.add_argument("--lines", type=int, nargs="+", default=[2000, 8000, 400_000])
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    devset = find_devset("wmt16", args.devset)
    if args.what == "pair":
        pair(devset, args.lines)
    elif args.what == "batch":
        batch(devset, args.pairs, args.workers)
    else:
        resume(devset, args.pairs, args.workers)


if __name__ == "__main__":
    main()
