"""Reviewing where the errors are, measured on dev documents with their gold alignment.

    python benchmarks/bench_review.py rank                 # wrong beads in the first 10%
    python benchmarks/bench_review.py review [DOC ...]     # a scripted reviewer in the app
    python benchmarks/bench_review.py speed [--beads N]    # bulk confirm + undo, sort, filter
    python benchmarks/bench_review.py fit                  # the risk weights (align.review.risk)
    python benchmarks/bench_review.py calibrate            # error rate by confidence band

Every document of ``wmt16`` and ``bible-ot`` (found as benchmarks/devsets.py finds
devsets) is aligned once into a review project, as ``hizala review TR EN
--presegmented`` makes it (the default encoder, the QA checks with the repository's
glossary.yaml), and cached (``--cache``, keyed by the aligner's weights, the glossary and
the QA modules). A bead is
*wrong* when its Turkish and English lines are not exactly a bead of the gold.

The documents are split in two: the risk weights are fitted (``fit``) on the
even-numbered wmt16 documents and the books GEN, NUM, 2SA and PSA; every other
figure is reported on the others (odd wmt16 documents; EXO, DEU, 1CH, ISA) unless
``--in-sample``. The aligner's own weights were trained on all 30 wmt16 documents, so
its confidence on wmt16 is in-sample whatever this script does; bible-ot is unseen.

* ``rank``: the worst-first order of the review screen (``ReviewIndex`` with order
  ``risk``: what ``o`` shows) against the gold: of each document's wrong beads, the
  share among its first 10% (*recall*), and the share of wrong beads among those first
  10% (*precision*); the same for the aligner's confidence alone, for reference.
* ``review``: a scripted reviewer drives the real app (``create_app``, Textual's Pilot,
  160x45) in worst-first order through the unconfirmed beads (``o``, ``2``): it looks at
  the bead under the cursor (one bead *inspected*); a bead of the gold is confirmed
  (``space``); a wrong one is mended with the review keys (one of ``m M [ ] { }`` when
  one fixes its whole stretch, else merging the stretch with ``M``/``m`` and splitting
  it into the gold's beads with ``s``, the cut keys and ``Enter``). Once ``--streak``
  beads in a row scored by the aligner were right, the rest is confirmed in one step
  (``C``, ``↓``, ``Enter``: from here down). Every key sent is counted. The result is
  compared with the gold: *fully correct* means every bead is a gold bead and confirmed.
* ``speed``: on a synthetic project of ``--beads`` beads (benchmarks/review_project.py),
  the session calls the review screen makes: confirming every unconfirmed bead at or
  above a confidence (one journal entry) and undoing it; ordering worst first and back;
  each filter.
* ``fit``: a logistic regression (IRLS, L2 1.0 on the weights, each corpus weighing
  alike) on the fit documents, printed as ``RiskWeights`` with its held-out ranking.
* ``calibrate``: the error rate of the beads by confidence band, per corpus (the
  fallback low threshold of align.review.risk, used until the aligner's weights carry a
  calibration of their own).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import itertools
import math
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devsets import ROOT, find_devset  # benchmarks/ is the script's folder, on sys.path
from timing import ms_summary

sys.path.insert(0, str(ROOT))

Unit = tuple[tuple[int, ...], tuple[int, ...]]
"""A bead as line numbers: (Turkish lines, English lines), 0-based."""

FIT_BOOKS = ("000_GEN", "003_NUM", "009_2SA", "018_PSA")


@dataclass
class Doc:
    """A dev document, its gold and its cached review project."""

    corpus: str
    name: str
    folder: Path
    gold: list[Unit]
    project: Path

    @property
    def label(self) -> str:
        return f"{self.corpus}/{self.name}"

    @property
    def fit(self) -> bool:
        """Whether the risk weights were fitted on it."""
        if self.corpus == "wmt16":
            return int(self.name[:3]) % 2 == 0
        return self.name in FIT_BOOKS


def read_gold(path: Path) -> list[Unit]:
    from align.formats import read_beads

    return [(tuple(b.tr), tuple(b.en)) for b in read_beads(path)]


def cache_folder(given: str | None) -> Path:
    """The projects' folder, named after what made them: the aligner's weights, the
    glossary and the QA checks (any of them new, new projects)."""
    digest = hashlib.sha256()
    sources = [ROOT / "align" / "data" / "aligner_weights.json", ROOT / "glossary.yaml",
               *sorted((ROOT / "align").glob("qa*.py"))]
    for source in sources:
        digest.update(source.read_bytes())
    tag = digest.hexdigest()[:12]
    base = Path(given) if given else Path(tempfile.gettempdir()) / "hizala-bench-review"
    folder = base / f"use-{tag}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def documents(cache: Path, only: Sequence[str] = ()) -> list[Doc]:
    """Every dev document (or those named ``corpus/name``), its project made if missing."""
    from align.cli.inputs import read_pair
    from align.review import NewProject, create_project
    from align.review.checks import qa_checker

    checker = qa_checker(ROOT / "glossary.yaml")
    docs = []
    for corpus in ("wmt16", "bible-ot"):
        for folder in sorted(p for p in find_devset(corpus).iterdir() if (p / "gold.txt").exists()):
            label = f"{corpus}/{folder.name}"
            if only and label not in only:
                continue
            project = cache / f"{corpus}-{folder.name}.hizala"
            if not project.exists():
                t = time.perf_counter()
                tr, en = read_pair(str(folder / "tr.txt"), str(folder / "en.txt"),
                                   presegmented=True)
                create_project(NewProject(path=str(project), tr=tr, en=en, encoder="use",
                                          presegmented=True, checker=checker, user="bench"))
                print(f"aligned {label} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            docs.append(Doc(corpus, folder.name, folder, read_gold(folder / "gold.txt"), project))
    missing = set(only) - {d.label for d in docs}
    if missing:
        sys.exit(f"no such dev document: {', '.join(sorted(missing))}")
    return docs


def unit_maps(project: Any) -> dict[int, tuple[str, int]]:
    """segment id -> (side, line number): lines are segments in file order."""
    out: dict[int, tuple[str, int]] = {}
    beads = project.beads()
    for side in ("tr", "en"):
        segs = sorted((s for b in beads for s in (b.tr if side == "tr" else b.en)),
                      key=lambda s: (s.start is None, s.start))
        for k, s in enumerate(segs):
            out[s.id] = (side, k)
    return out


def as_unit(bead: Any, units: dict[int, tuple[str, int]]) -> Unit:
    return (tuple(units[s.id][1] for s in bead.tr), tuple(units[s.id][1] for s in bead.en))


# -- rank ------------------------------------------------------------------------------
@dataclass
class Ranked:
    beads: int = 0
    wrong: int = 0
    first: int = 0
    wrong_first: int = 0


def rank_document(doc: Doc, order: str) -> Ranked:
    """How many wrong beads the first 10% of ``order`` (``risk``: the screen's worst first;
    ``confidence``: the aligner's confidence alone) hold."""
    from align.review import ReviewIndex
    from align.store import Project
    from align.store.review_queries import bead_marks

    gold = set(doc.gold)
    with Project.open(doc.project, readonly=True) as project:
        units = unit_maps(project)
        wrong = {b.id for b in project.beads() if as_unit(b, units) not in gold}
        marks = bead_marks(project)
    if order == "risk":
        index = ReviewIndex(marks)
        index.set_order("risk")
        ids = index.ids(0, len(index))
    else:
        ids = [m.id for m in sorted(marks, key=lambda m: (m.score is not None, m.score or 0))]
    first = math.ceil(0.1 * len(ids))
    return Ranked(len(ids), len(wrong), first, sum(1 for b in ids[:first] if b in wrong))


def rank(docs: Sequence[Doc], in_sample: bool) -> None:
    print("the first 10% of each document in worst-first order (recall: share of its wrong "
          "beads there; precision: share of wrong beads among them)")
    for corpus in ("wmt16", "bible-ot"):
        chosen = [d for d in docs if d.corpus == corpus and d.fit == in_sample]
        if not chosen:
            continue
        for order, name in (("risk", "worst first (o)"), ("confidence", "confidence alone")):
            total = Ranked()
            for d in chosen:
                r = rank_document(d, order)
                total.beads += r.beads
                total.wrong += r.wrong
                total.first += r.first
                total.wrong_first += r.wrong_first
            print(f"  {corpus:8} {name:17} {len(chosen):2} documents, {total.beads:5,} beads, "
                  f"{total.wrong:4} wrong: recall {total.wrong_first}/{total.wrong} = "
                  f"{total.wrong_first / max(total.wrong, 1):.3f}, precision "
                  f"{total.wrong_first}/{total.first} = "
                  f"{total.wrong_first / max(total.first, 1):.3f}"
                  + ("  (in-sample)" if in_sample else ""))


# -- the scripted reviewer -------------------------------------------------------------
Partition = list[Unit]
_MOVES = {"[": ("tr", "previous"), "]": ("tr", "next"), "{": ("en", "previous"),
          "}": ("en", "next")}


def simulate(part: Partition, pos: int, key: str) -> Partition | None:
    """The document's beads after the review key ``key`` on bead ``pos`` (None: refused)."""
    out = list(part)
    tr, en = part[pos]
    if key == "m":
        if pos + 1 >= len(part):
            return None
        nt, ne = part[pos + 1]
        out[pos : pos + 2] = [(tr + nt, en + ne)]
        return out
    if key == "M":
        if pos == 0:
            return None
        pt, pe = part[pos - 1]
        out[pos - 1 : pos + 1] = [(pt + tr, pe + en)]
        return out
    side, direction = _MOVES[key]
    mine = list(tr if side == "tr" else en)
    if not mine:
        return None
    moved = mine.pop(0 if direction == "previous" else -1)
    rest = (tuple(mine), en) if side == "tr" else (tr, tuple(mine))
    neighbour = pos - 1 if direction == "previous" else pos + 1
    if 0 <= neighbour < len(part):
        nt, ne = part[neighbour]
        if direction == "previous":
            nt, ne = ((*nt, moved), ne) if side == "tr" else (nt, (*ne, moved))
        else:
            nt, ne = ((moved, *nt), ne) if side == "tr" else (nt, (moved, *ne))
        out[neighbour] = (nt, ne)
    else:
        alone: Unit = ((moved,), ()) if side == "tr" else ((), (moved,))
        out.insert(0 if direction == "previous" else len(out), alone)
        if direction == "previous":
            pos += 1
    if rest[0] or rest[1]:
        out[pos] = rest
    else:
        del out[pos]
    return out


def stretch(part: Partition, pos: int, gold_of: dict[tuple[str, int], Unit]) -> tuple[int, int]:
    """The smallest run of beads around ``pos`` whose lines are exactly those of a run of
    gold beads: what has to change to mend bead ``pos``."""
    lo = hi = pos
    while True:
        lines = {("tr", t) for b in part[lo : hi + 1] for t in b[0]} | {
            ("en", e) for b in part[lo : hi + 1] for e in b[1]}
        needed = {("tr", t) for line in lines for t in gold_of[line][0]} | {
            ("en", e) for line in lines for e in gold_of[line][1]}
        if needed <= lines:
            return lo, hi
        owner = {("tr", t): k for k, b in enumerate(part) for t in b[0]} | {
            ("en", e): k for k, b in enumerate(part) for e in b[1]}
        places = [owner[line] for line in needed - lines]
        lo, hi = min(lo, *places), max(hi, *places)


def mend(part: Partition, pos: int, gold: dict[Unit, int],
         gold_of: dict[tuple[str, int], Unit]) -> list[str]:
    """The review keys that make the stretch of bead ``pos`` what the gold says (``gold``:
    each gold bead's place in the document)."""
    from align.review import default_cut

    wrong_before = {b for b in part if b not in gold}
    for key in ("m", "M", "]", "[", "}", "{"):
        after = simulate(part, pos, key)
        if after is not None:
            wrong_after = {b for b in after if b not in gold}
            if len(wrong_after) < len(wrong_before) and wrong_after <= wrong_before:
                lo, hi = stretch(part, pos, gold_of)
                if not any(b in wrong_after for b in part[lo : hi + 1]):
                    return [key]
    lo, hi = stretch(part, pos, gold_of)
    keys = ["M"] * (pos - lo) + ["m"] * (hi - pos)
    lines = {("tr", t) for b in part[lo : hi + 1] for t in b[0]} | {
        ("en", e) for b in part[lo : hi + 1] for e in b[1]}
    targets = sorted({gold_of[line] for line in lines}, key=gold.__getitem__)
    for k in range(len(targets), 1, -1):
        head = targets[:k]
        n_tr = sum(len(g[0]) for g in head)
        n_en = sum(len(g[1]) for g in head)
        tr_at = sum(len(g[0]) for g in head[:-1])
        en_at = sum(len(g[1]) for g in head[:-1])
        d_tr, d_en = default_cut(n_tr, n_en)
        keys.append("s")
        tr_keys = ["j" if tr_at > d_tr else "k"] * abs(tr_at - d_tr)
        en_keys = ["j" if en_at > d_en else "k"] * abs(en_at - d_en)
        if n_tr > 0:
            keys += tr_keys + (["tab", *en_keys] if en_keys else [])
        else:
            keys += en_keys
        keys.append("enter")
    return keys


@dataclass
class Review:
    doc: str
    beads: int  # of the gold: what "per 100 beads" counts
    wrong: int  # beads of the aligner's output that are not gold beads
    inspected: int = 0
    keys: int = 0
    mended: int = 0
    correct: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


async def review_document(doc: Doc, streak: int, work: Path) -> Review:
    from align.store import Project
    from tui import create_app
    from tui.screens.review import ReviewScreen

    path = work / doc.project.name
    shutil.copy(doc.project, path)
    gold = {g: k for k, g in enumerate(doc.gold)}
    gold_of = {("tr", t): g for g in doc.gold for t in g[0]} | {
        ("en", e): g for g in doc.gold for e in g[1]}
    project = Project.open(path, user="bench")
    units = unit_maps(project)
    start = [as_unit(b, units) for b in project.beads()]
    result = Review(doc.label, len(doc.gold), sum(1 for b in start if b not in gold))
    app = create_app(project)
    t0 = time.perf_counter()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)

        async def press(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                result.keys += 1
            await pilot.pause()

        await press("o", "2")
        right_in_a_row = 0
        while len(screen.session.index):
            if screen.table.row != 0:
                await press("home")
            bead_id = screen.current
            assert bead_id is not None
            bead = screen.session.bead(bead_id)
            result.inspected += 1
            if as_unit(bead, units) in gold:
                right_in_a_row = right_in_a_row + 1 if bead.score is not None else 0
                if right_in_a_row >= streak:
                    await press("C")
                    await press("down", "enter")  # from here down: the rest of the view
                    break
                await press("space")
                continue
            right_in_a_row = 0
            rows = project.beads(document_id=bead.document_id)
            part = [as_unit(b, units) for b in rows]
            pos = [b.id for b in rows].index(bead_id)
            keys = mend(part, pos, gold, gold_of)
            result.mended += 1
            for key in keys:  # dialogs open on some keys: one at a time
                await press(key)
        result.seconds = time.perf_counter() - t0
        await press("q")
    final = [(as_unit(b, units), b.status) for b in project.beads()]
    project.close()
    result.correct = all(u in gold and s == "confirmed" for u, s in final) and len(final) == len(
        doc.gold)
    left = [u for u, _s in final if u not in gold]
    if left:
        result.notes.append(f"{len(left)} wrong bead{'s' if len(left) > 1 else ''} left: "
                            + ", ".join(f"{list(t)}:{list(e)}" for t, e in left[:3]))
    return result


def review(docs: Sequence[Doc], streak: int) -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for d in docs:
            r = asyncio.run(review_document(d, streak, Path(tmp)))
            results.append(r)
            print(f"  {r.doc:18} {r.beads:5,} gold beads, {r.wrong:4} aligned wrong: inspected "
                  f"{r.inspected:5,}, keys {r.keys:5,}, mended {r.mended:4} -> "
                  f"{'fully correct' if r.correct else 'NOT correct'}"
                  f"{' (' + '; '.join(r.notes) + ')' if r.notes else ''}  [{r.seconds:.0f} s]",
                  flush=True)
    print(f"scripted reviewer, worst first, stop after {streak} right beads in a row "
          "(the real app through Pilot):")
    for corpus in ("wmt16", "bible-ot"):
        chosen = [r for r in results if r.doc.startswith(corpus)]
        if not chosen:
            continue
        beads = sum(r.beads for r in chosen)
        print(f"  {corpus:8} {len(chosen):2} documents, {beads:6,} gold beads, "
              f"{sum(r.wrong for r in chosen):4} aligned beads wrong: "
              f"{sum(r.correct for r in chosen)} of {len(chosen)} fully correct; per 100 "
              f"gold beads {100 * sum(r.keys for r in chosen) / beads:.1f} keys, "
              f"{100 * sum(r.inspected for r in chosen) / beads:.1f} beads inspected")


# -- speed ---------------------------------------------------------------------------------
def speed(beads: int, repeat: int) -> None:
    import os

    from review_project import build

    from align.review import ReviewSession
    from align.store import Project

    timings: dict[str, tuple[list[float], list[float]]] = {}

    def timed(name: str, fn: Any) -> Any:
        wall, cpu = timings.setdefault(name, ([], []))
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        return out

    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "bench.hizala", beads)
        with Project.open(path) as project:
            session = ReviewSession(project)
            index = session.index
            for _ in range(repeat):
                timed("worst first (o)", lambda: index.set_order("risk"))
                timed("back to document order (O)", lambda: index.set_order("document"))
                for name in ("unconfirmed", "low", "findings", "uneven", "null", "all"):
                    timed("one filter (each of 6)", lambda name=name: index.set_filter(name))
                ids = index.at_or_above(0.0)
                op = timed(f"confirm all {beads:,} (one step)",
                           lambda ids=ids: session.confirm_many(ids))
                assert op is not None and index.confirmed == len(ids) == beads
                timed("undo it (one step)", session.undo)
                assert index.confirmed == 0
    load = os.getloadavg()[0]
    print(f"{beads:,} beads, {repeat} times each (the review session's calls; 1-minute load "
          f"{load:.1f}: wall times on a busy machine run long, CPU times less so):")
    for name, (wall, cpu) in timings.items():
        print(f"  {name:28} wall {ms_summary(wall)}")
        print(f"  {'':28} CPU  {ms_summary(cpu)}")


# -- fit and calibrate -------------------------------------------------------------------------
def bead_table(docs: Sequence[Doc]) -> list[dict[str, Any]]:
    """One row per bead: its mark, its document's unsureness, whether it is wrong."""
    from align.review.risk import document_unsureness
    from align.store import Project
    from align.store.review_queries import bead_marks

    rows = []
    for d in docs:
        gold = set(d.gold)
        with Project.open(d.project, readonly=True) as project:
            units = unit_maps(project)
            wrong = {b.id for b in project.beads() if as_unit(b, units) not in gold}
            marks = bead_marks(project)
        unsure = document_unsureness(marks)
        for m in marks:
            rows.append({"doc": d, "mark": m, "unsure": unsure.get(m.document_id, 0.0),
                         "wrong": m.id in wrong})
    return rows


def fit(docs: Sequence[Doc]) -> None:
    import numpy as np

    rows = [r for r in bead_table([d for d in docs if d.fit]) if r["mark"].score is not None]

    def features(r: dict[str, Any]) -> list[float]:
        m = r["mark"]
        p = min(max(1 - m.score, 1e-6), 1 - 1e-6)
        null = m.tr_count == 0 or m.en_count == 0
        paired = m.tr_count > 1 and m.en_count > 1
        merged = not null and not paired and (m.tr_count > 1 or m.en_count > 1)
        # the type terms scaled by 10: unsureness is ~0.01-0.3, the L2 term the same for all
        return [1.0, math.log(p / (1 - p)), float(m.findings > 0), 10 * r["unsure"] * null,
                10 * r["unsure"] * merged, 10 * r["unsure"] * paired]

    x = np.array([features(r) for r in rows])
    y = np.array([r["wrong"] for r in rows], dtype=float)
    per_corpus = {c: sum(1 for r in rows if r["doc"].corpus == c) for c in ("wmt16", "bible-ot")}
    w = np.array([1.0 / per_corpus[r["doc"].corpus] for r in rows])
    w /= w.mean()
    l2 = np.diag([0.0] + [1.0] * (x.shape[1] - 1))
    beta = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ beta)))
        grad = x.T @ (w * (y - p)) - l2 @ beta
        hess = -(x.T * (w * p * (1 - p))) @ x - l2
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    b = [round(float(v), 2) for v in beta]
    print(f"fitted on {len(rows):,} beads of {sum(d.fit for d in docs)} documents:")
    print(f"  RiskWeights(bias={b[0]}, confidence={b[1]}, finding={b[2]}, "
          f"null={round(10 * b[3], 1)}, merged={round(10 * b[4], 1)}, "
          f"paired={round(10 * b[5], 1)})")
    print("(put them in align/review/risk.py WEIGHTS, then `rank` reports the held-out "
          "documents)")


def calibrate(docs: Sequence[Doc], in_sample: bool) -> None:
    bands = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]
    print("error rate of the beads by the aligner's confidence"
          + (" (in-sample documents)" if in_sample else " (held-out documents)"))
    for corpus in ("wmt16", "bible-ot"):
        rows = [r for r in bead_table([d for d in docs if d.corpus == corpus
                                       and d.fit == in_sample])
                if r["mark"].score is not None]
        cells = []
        for lo, hi in itertools.pairwise(bands):
            inside = [r for r in rows if lo <= r["mark"].score < hi]
            if inside:
                rate = sum(r["wrong"] for r in inside) / len(inside)
                cells.append(f"{lo:.2f}-{min(hi, 1):.2f}: {rate:5.1%} of {len(inside):,}")
        print(f"  {corpus:8} " + "; ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["rank", "review", "speed", "fit", "calibrate"])
    parser.add_argument("docs", nargs="*", help="review only these, e.g. wmt16/001_c001")
    parser.add_argument("--cache", help="where the aligned projects are kept")
    parser.add_argument("--in-sample", action="store_true",
                        help="report on the documents the risk weights were fitted on")
    parser.add_argument("--streak", type=int, default=STREAK,
                        help=f"right beads in a row before confirming the rest "
                        f"(default {STREAK})")
    parser.add_argument("--beads", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    if args.what == "speed":
        speed(args.beads, args.repeat)
        return
    docs = documents(cache_folder(args.cache), args.docs)
    if args.what == "rank":
        rank(docs, args.in_sample)
    elif args.what == "fit":
        fit(docs)
    elif args.what == "calibrate":
        calibrate(docs, args.in_sample)
    else:
        chosen = docs if args.docs else [d for d in docs if d.fit == args.in_sample]
        review(chosen, args.streak)


STREAK = 10
"""Right beads in a row after which the scripted reviewer confirms the rest: chosen on the
fit documents (``review --in-sample --streak N``), the smallest of 5, 10 and 20 that left
them all fully correct (5 left a wrong bead in two wmt16 documents)."""


if __name__ == "__main__":
    main()
