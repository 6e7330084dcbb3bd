"""Mixed articles in a review project: review operations and rematch on 10,000 fragment beads.

Run from the repository root::

    python benchmarks/bench_mixed.py [--beads 10000] [--repeat 40] [--devset DIR] [--use]

The project holds ONE mixed document (the hard case: every fragment bead in
one article): the devset's mixed articles (``mixed/NNN.txt`` + gold
``NNN.json``) joined into one article, repeated until it has ``--beads``
fragments, stored with their gold pairings (so nothing is detected or
embedded while building). Then, on random fragment beads all over it:

* ``confirm``, ``reject``, ``rematch`` to another English sentence, ``rematch``
  to none, each followed by ``undo`` and ``redo`` (timed too) and another
  ``undo``, so the project stays the same; median, 95th percentile, maximum;
* the first ``rematch`` after opening (it reads the article once) and a
  refused ``merge`` (the check every structural operation now makes);
* ``match_candidates`` with the fake encoder: the first call of a session
  (segmenting the article, finding its candidates) and later calls;
* with ``--use``: ``hizala new --mixed`` on one devset article with the real
  USE encoder in a fresh process, then ``match_candidates`` on its fragments
  in another process (the model loaded first; the states come from the
  project's embeddings table).
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

from align.fragments.model import EnglishSpan, Fragment, FragmentMatch  # noqa: E402
from align.review import ProjectEngine, mixed_signature  # noqa: E402
from align.segment import segment  # noqa: E402
from align.store import Project  # noqa: E402
from align.textio import SourceText  # noqa: E402


def build(path: Path, devset: Path, n_beads: int) -> tuple[str, list[tuple[int, int]]]:
    """One article with ``n_beads`` gold fragments; returns it and its English sentences."""
    parts: list[str] = []
    matches: list[FragmentMatch] = []
    rng = random.Random(5)
    offset = 0
    files = sorted(glob.glob(str(devset / "*.txt")))
    while len(matches) < n_beads:
        for txt in files:
            text = Path(txt).read_text(encoding="utf-8").rstrip("\n") + "\n\n"
            gold = json.loads(Path(txt).with_suffix(".json").read_text(encoding="utf-8"))
            for g in gold["fragments"]:
                if len(matches) == n_beads:
                    break
                a, b = g["start"] + offset, g["end"] + offset
                frag = Fragment(a, b, g["text"], "sentence", 0.99, 0)
                m = g["match"]
                span = None if m is None else EnglishSpan(
                    m["start"] + offset, m["end"] + offset, text[m["start"] : m["end"]])
                score = 0.37 + 0.63 * rng.random() if span else 0.37 * rng.random()
                matches.append(FragmentMatch(frag, span, score, span, "gold"))
            parts.append(text)
            offset += len(text)
            if len(matches) == n_beads:
                break
    article = "".join(parts)
    source = SourceText(str(path.with_suffix(".txt")), article, "utf-8", "bench", False, "\n")
    with Project.create(path, encoder="fake", user="bench") as p:
        p.add_mixed_document(source, matches, signature=mixed_signature("fake"))
    sentences = [(s.start, s.end) for s in segment(article, "en")]
    return article, sentences


def bench_ops(p: Project, sentences: list[tuple[int, int]], repeat: int) -> None:
    rng = random.Random(7)
    n = p.bead_count()

    def other_sentence(bead_id: int) -> tuple[int, int]:
        info = p.fragment(bead_id)
        assert info is not None
        while True:
            a, b = sentences[rng.randrange(len(sentences))]
            if b <= info.start or a >= info.end:
                return a, b

    ops: list[tuple[str, Callable[[int], object]]] = [
        ("confirm", p.confirm),
        ("reject", p.reject),
        ("rematch sentence", lambda b: p.rematch(b, *other_sentence(b))),
        ("rematch none", lambda b: p.rematch(b, None)),
    ]
    undo_all: list[float] = []
    for name, action in ops:
        t_op, t_undo, t_redo = [], [], []
        for _ in range(repeat):
            bead = p.bead_id_at(rng.randrange(n))
            t = time.perf_counter()
            done = action(bead)
            t_op.append(time.perf_counter() - t)
            if done is None:
                continue
            t_undo.append(timed(p.undo))
            t_redo.append(timed(p.redo))
            p.undo()
        undo_all += t_undo
        print(f"{name:<18} op    {ms_summary(t_op)}")
        print(f"{name:<18} undo  {ms_summary(t_undo)}")
        print(f"{name:<18} redo  {ms_summary(t_redo)}")
    refused = []
    for _ in range(repeat):
        bead = p.bead_id_at(rng.randrange(n))
        t = time.perf_counter()
        try:
            p.merge(bead, "next")
        except Exception:  # noqa: BLE001 - the refusal is what is timed
            refused.append(time.perf_counter() - t)
    print(f"{'merge (refused)':<18}       {ms_summary(refused)}")


def bench_candidates(path: Path, repeat: int) -> None:
    rng = random.Random(9)
    with Project.open(path) as p:
        n = p.bead_count()
        beads = [p.bead_id_at(rng.randrange(n)) for _ in range(repeat + 1)]
        engine = ProjectEngine(p)
        first = timed(lambda: engine.match_candidates(beads[0], limit=10))
        later = [timed(lambda b=b: engine.match_candidates(b, limit=10)) for b in beads[1:]]
        again = [timed(lambda b=b: engine.match_candidates(b, limit=10)) for b in beads[1:]]
    print(f"match_candidates (fake) first call of a session {1000 * first:8.1f} ms "
          "(segments the whole article)")
    print(f"match_candidates (fake) a fragment elsewhere  {ms_summary(later)} (lexical features of "
          "its ~800 candidates)")
    print(f"match_candidates (fake) the same again        {ms_summary(again)}")


def bench_use(folder: Path, devset: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    article = sorted(devset.glob("*.txt"))[1]
    out = folder / "use.hizala"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "align.cli", "new", str(out), "--mixed", str(article)],
                   env=env, check=True, capture_output=True)
    wall = time.perf_counter() - t
    code = f"""
import time, statistics
from align.review import ProjectEngine
from align.store import Project
with Project.open({str(out)!r}) as p:
    engine = ProjectEngine(p)
    engine.encoder().load()
    beads = [b.id for b in p.beads()]
    t = time.perf_counter(); engine.match_candidates(beads[0]); first = time.perf_counter() - t
    times = []
    for b in beads:
        t = time.perf_counter(); engine.match_candidates(b); times.append(time.perf_counter() - t)
    print(len(beads), round(1000 * first, 1), round(1000 * statistics.median(times), 1),
          round(1000 * max(times), 1))
"""
    res = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                         text=True)
    n, first, median, worst = res.stdout.split()
    print(f"`hizala new --mixed` {article.name} ({article.stat().st_size / 1024:.0f} KB, USE, new "
          f"process, model load included): {wall:.2f} s, {n} fragment beads")
    print(f"match_candidates (USE, stored embeddings): first {first} ms, then median {median} "
          f"ms, max {worst} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--beads", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--devset")
    ap.add_argument("--use", action="store_true", help="also time the real USE encoder")
    args = ap.parse_args()
    devset = find_devset("mixed", args.devset)
    folder = Path(tempfile.mkdtemp(prefix="hizala-bench-mixed-"))
    path = folder / "bench.hizala"
    t = time.perf_counter()
    article, sentences = build(path, devset, args.beads)
    print(f"built a {args.beads}-bead mixed project in {time.perf_counter() - t:.2f} s: one "
          f"article of {len(article) / 2**20:.1f} M characters, {len(sentences)} sentences "
          f"({path.stat().st_size / 2**20:.1f} MiB) at {path}")
    opens = []
    for _ in range(5):
        t = time.perf_counter()
        p = Project.open(path)
        p.summary()
        p.fragment_counts()
        p.beads(0, 50)
        opens.append(time.perf_counter() - t)
        p.close()
    print(f"open + summary + fragment counts + 50 rows  {ms_summary(opens)}")
    with Project.open(path, user="bench") as p:
        bead = p.bead_id_at(17)
        info = p.fragment(bead)
        assert info is not None
        a, b = next(s for s in sentences if s[1] <= info.start or s[0] >= info.end)
        t = time.perf_counter()
        p.rematch(bead, a, b)
        print(f"first rematch of a session (reads the article): "
              f"{1000 * (time.perf_counter() - t):.1f} ms")
        p.undo()
        reads = {
            "fragment(bead)": lambda: p.fragment(p.bead_id_at(random.randrange(args.beads))),
            "fragment_counts()": p.fragment_counts,
        }
        for name, fn in reads.items():
            print(f"read: {name:<20} {ms_summary([timed(fn) for _ in range(10)])}")
        bench_ops(p, sentences, args.repeat)
    bench_candidates(path, max(10, args.repeat // 2))
    if args.use:
        bench_use(folder, devset)
    print(json.dumps({"project": str(path)}))


if __name__ == "__main__":
    main()
