"""Review-project speed on a 10,000-bead project: open, every operation, undo, export.

Run from the repository root::

    python benchmarks/bench_store.py [--beads 10000] [--repeat 40] [--devset DIR] [--use]

The project is built from the devset's presegmented documents and their
gold beads (``wmt16/*/tr.txt, en.txt, gold.txt``), repeated into ONE document
of ``--beads`` beads (the hard case: operations that look at neighbours or
renumber work within one document), so nothing is embedded. Then:

* opening: ``Project.open`` (writer lock, schema check, write probe) plus the
  summary and the first screenful of 50 rows, in-process; and a cold
  ``hizala status`` in a fresh interpreter for reference;
* each operation ``--repeat`` times on random beads all over the document,
  each followed by ``undo`` and ``redo`` (timed too) and another ``undo``, so the
  project stays the same size; median, 95th percentile and maximum;
* re-aligning an unconfirmed stretch of ~20 beads between confirmed beads
  (fake encoder; with ``--use``, the real USE encoder, first in-process and then
  after a restart, when the stored embeddings make it embed nothing);
* TMX, TSV and JSON export of all 10,000 beads;
* with ``--use``: a real ``hizala new`` on one devset document with the
  default encoder (a fresh process, model load included).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devsets import find_devset  # noqa: E402
from timing import ms_summary, timed  # noqa: E402

from align.formats import parse_beads  # noqa: E402
from align.review import ProjectEngine, run_signature  # noqa: E402
from align.segment import segment_lines  # noqa: E402
from align.store import BeadRow, Project  # noqa: E402
from align.store.exports import ExportOptions, render_json, render_tsv  # noqa: E402
from align.store.tmx_export import render_tmx  # noqa: E402
from align.types import Bead, Document  # noqa: E402


def build(path: Path, devset: Path, n_beads: int) -> None:
    """One document of ``n_beads`` gold beads from the devset, repeated."""
    tr_lines: list[str] = []
    en_lines: list[str] = []
    beads: list[Bead] = []
    folders = sorted(glob.glob(str(devset / "*")))
    while len(beads) < n_beads:
        for folder in folders:
            tr = Path(folder, "tr.txt").read_text(encoding="utf-8").splitlines()
            en = Path(folder, "en.txt").read_text(encoding="utf-8").splitlines()
            gold = parse_beads(Path(folder, "gold.txt").read_text(encoding="utf-8"))
            a, b = len(tr_lines), len(en_lines)
            for g in gold:
                if len(beads) == n_beads:
                    break
                beads.append(Bead(tuple(i + a for i in g.tr), tuple(j + b for j in g.en),
                                  0.3 + 0.7 * random.random()))
            used_tr = max((i for g in beads for i in g.tr), default=-1) + 1
            used_en = max((j for g in beads for j in g.en), default=-1) + 1
            tr_lines += tr[: used_tr - a]
            en_lines += en[: used_en - b]
            if len(beads) == n_beads:
                break

    def doc(lines: list[str], lang: str) -> Document:
        text = "\n".join(lines) + "\n"
        return Document(text, tuple(segment_lines(text)), lang, f"bench.{lang}.txt",
                        sha256=f"bench-{lang}")

    with Project.create(path, encoder="fake", user="bench") as p:
        p.add_document(doc(tr_lines, "tr"), doc(en_lines, "en"), beads,
                       signature=run_signature("fake", presegmented=True))


Action = Callable[[Project, BeadRow], object]
OPS: list[tuple[str, Callable[[BeadRow], bool], Action]] = [
    ("confirm", lambda b: True, lambda p, b: p.confirm(b.id)),
    ("reject", lambda b: True, lambda p, b: p.reject(b.id)),
    ("merge next", lambda b: True, lambda p, b: p.merge(b.id, "next")),
    ("merge previous", lambda b: True, lambda p, b: p.merge(b.id, "previous")),
    ("split bead", lambda b: len(b.tr) + len(b.en) >= 2 and bool(b.tr),
     lambda p, b: p.split_bead(b.id, 1, 0)),
    ("move first tr up", lambda b: bool(b.tr),
     lambda p, b: p.move_segment(b.id, "tr", "previous")),
    ("move last en down", lambda b: bool(b.en), lambda p, b: p.move_segment(b.id, "en", "next")),
    ("insert counterpart", lambda b: not b.en, lambda p, b: p.insert_counterpart(b.id, "en")),
    ("edit segment", lambda b: bool(b.en), lambda p, b: p.edit_segment(b.en[0].id, "Düzeltildi.")),
    ("split segment", lambda b: bool(b.tr) and " " in b.tr[0].text,
     lambda p, b: p.split_segment(b.tr[0].id, b.tr[0].text.index(" ") + 1)),
]


def bench_ops(p: Project, repeat: int) -> dict[str, dict[str, list[float]]]:
    """Each operation on random beads, then undo, redo and undo again."""
    rng = random.Random(7)
    n = p.bead_count()
    results: dict[str, dict[str, list[float]]] = {}
    for name, wanted, action in OPS:
        t_op, t_undo, t_redo = [], [], []
        for _ in range(repeat):
            bead = p.bead(p.bead_id_at(rng.randrange(1, n - 1)))
            while not wanted(bead):
                bead = p.bead(p.bead_id_at(rng.randrange(1, n - 1)))
            t = time.perf_counter()
            action(p, bead)
            t_op.append(time.perf_counter() - t)
            t_undo.append(timed(p.undo))
            t_redo.append(timed(p.redo))
            p.undo()
        results[name] = {"op": t_op, "undo": t_undo, "redo": t_redo}
    return results


def bench_realign(path: Path, encoder_name: str, repeat: int) -> tuple[list[float], list[float]]:
    """Re-align a ~20-bead stretch between confirmed beads; undo after each.
    Returns (times in this process, times after a restart)."""
    from align.encoders import get_encoder

    rng = random.Random(11)
    firsts, restarts = [], []
    with Project.open(path) as p:
        n = p.bead_count()
        targets = []
        for _ in range(repeat):
            k = rng.randrange(30, n - 30)
            lo, hi = p.bead_id_at(k - 10), p.bead_id_at(k + 10)
            p.confirm(lo)
            p.confirm(hi)
            targets.append(p.bead_id_at(k))
        enc = get_encoder(encoder_name)
        changed = _realigntimed(p, targets[0], enc, [])  # warm up: imports, models
        for bead in targets:
            changed += _realigntimed(p, bead, enc, firsts)
    with Project.open(path) as p:
        enc = get_encoder(encoder_name)
        if encoder_name == "use":
            enc.load()  # model loading is not part of re-aligning
        for bead in targets:
            _realigntimed(p, bead, enc, restarts)
        for _ in range(2 * repeat):
            p.undo()  # the confirmations
    print(f"  ({changed} of {len(targets) + 1} re-alignments changed the stretch)")
    return firsts, restarts


def _realigntimed(p: Project, bead: int, enc: object, times: list[float]) -> int:
    """Re-align, record the time, and undo it if it changed anything."""
    t = time.perf_counter()
    op = ProjectEngine(p).realign(bead, encoder=enc)  # type: ignore[arg-type]
    times.append(time.perf_counter() - t)
    if op is not None:
        p.undo()
        return 1
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--beads", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--devset")
    ap.add_argument("--use", action="store_true", help="also time the real USE encoder")
    args = ap.parse_args()
    devset = find_devset("wmt16", args.devset)
    folder = Path(tempfile.mkdtemp(prefix="hizala-bench-"))
    path = folder / "bench.hizala"
    t = time.perf_counter()
    build(path, devset, args.beads)
    print(f"built {args.beads}-bead project in {time.perf_counter() - t:.2f} s "
          f"({path.stat().st_size / 2**20:.1f} MiB) at {path}")

    opens = []
    for _ in range(5):
        t = time.perf_counter()
        p = Project.open(path)
        p.summary()
        p.beads(0, 50)
        opens.append(time.perf_counter() - t)
        p.close()
    print(f"open + summary + 50 rows          {ms_summary(opens)}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "align.cli", "status", str(path)], env=env,
                   check=True, capture_output=True)
    print(f"cold `hizala status` (new interpreter, imports included): "
          f"{1000 * (time.perf_counter() - t):.0f} ms")

    with Project.open(path, user="bench") as p:
        rng = random.Random(3)
        last = max(1, p.summary().beads - 50)  # any bead with a window of 50 after it
        reads = {
            "all rows (beads())": p.beads,
            "a window of 50 rows": lambda: p.beads(rng.randrange(last), 50),
            "index_of(bead)": lambda: p.index_of(p.bead_id_at(rng.randrange(last))),
            "next low-confidence": lambda: p.next_bead(p.bead_id_at(rng.randrange(last)), "low"),
            "search 'ışık'": lambda: p.search("ışık", p.bead_id_at(rng.randrange(last))),
        }
        for name, fn in reads.items():
            print(f"read: {name:<22} {ms_summary([timed(fn) for _ in range(10)])}")
        results = bench_ops(p, args.repeat)
        undo_all = [x for r in results.values() for x in r["undo"]]
        redo_all = [x for r in results.values() for x in r["redo"]]
        for name, r in results.items():
            print(f"{name:<20} op   {ms_summary(r['op'])}")
        print(f"{'undo (all kinds)':<20}      {ms_summary(undo_all)}")
        print(f"{'redo (all kinds)':<20}      {ms_summary(redo_all)}")
        worst = max(max(r["op"]) for r in results.values())
        print(f"slowest single operation: {1000 * worst:.2f} ms; slowest undo: "
              f"{1000 * max(undo_all):.2f} ms")

        for fmt, fn in (
            ("TMX", lambda: render_tmx(p, ExportOptions(), now="20240101T000000Z")),
            ("TSV", lambda: render_tsv(p, ExportOptions())),
            ("JSON", lambda: render_json(p, ExportOptions(), now="20240101T000000Z")),
        ):
            times = [timed(fn) for _ in range(3)]
            print(f"{fmt} export of {args.beads} beads: best {min(times):.3f} s")
        tmx_out = folder / "bench.tmx"
        t = time.perf_counter()
        from align.atomic import write_atomic

        write_atomic(tmx_out, render_tmx(p, ExportOptions(), now="20240101T000000Z")[0])
        print(f"TMX export written to disk (render + fsync + rename): "
              f"{time.perf_counter() - t:.3f} s, {tmx_out.stat().st_size / 2**20:.1f} MiB")

    firsts, restarts = bench_realign(path, "fake", max(5, args.repeat // 4))
    print(f"realign ~20-bead stretch (fake encoder)  {ms_summary(firsts)}")
    if args.use:
        firsts, restarts = bench_realign(path, "use", 5)
        print(f"realign ~20-bead stretch (USE, embedding it)      {ms_summary(firsts)}")
        print(f"realign after a restart (USE, stored embeddings)  {ms_summary(restarts)}")
        doc = sorted(glob.glob(str(devset / "*")))[0]
        out = folder / "real.hizala"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "align.cli", "new", str(out), f"{doc}/tr.txt",
                        f"{doc}/en.txt", "--presegmented"], env=env, check=True,
                       capture_output=True)
        wall = time.perf_counter() - t
        with Project.open(out, readonly=True) as q:
            n = q.bead_count()
            size = out.stat().st_size
        print(f"`hizala new` on {Path(doc).name} (USE, new process, model load included): "
              f"{wall:.2f} s for {n} beads; project {size / 2**10:.0f} KiB")
    print(json.dumps({"project": str(path)}))


if __name__ == "__main__":
    main()
