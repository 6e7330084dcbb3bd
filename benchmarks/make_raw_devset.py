"""A devset of running text, segmented by hizala, with gold at the segment level.

    python benchmarks/make_raw_devset.py ../shared/devset/bible-ot build/raw-devset/bible-ot-raw

The aligner is fitted on one-unit-per-line devsets, where a Bible verse or a news
sentence is one unit and most beads are 1:1. Running text is another task: hizala's
segmenter cuts a free Turkish translation into ~1.5 sentences a verse, and the
King James verses run on into each other, so 2:1 and 3:1 beads make a third of the
path (``bench_raw.py``). A model that never saw them mends them badly (bible-ot as
running text 0.880 against a segmentation ceiling of 0.958).

This script makes the running-text version of a devset into a devset of its own,
for ``fit_aligner.py``: ``../shared/eval/make_raw.py`` writes the running text (the
same text ``bench_raw.py`` scores), hizala segments it as ``hizala align`` does, and
the gold line beads become segment beads the way ``score_raw.py --ceiling`` joins
them (gold beads joined where one segment spans lines of two). Each document folder
gets ``tr.txt`` and ``en.txt`` (one segment per line), ``gold.txt`` and
``paragraphs.json`` (each segment's paragraph, from the blank lines of the running
text). Folder names are the source's, so ``fit_aligner.py`` deals a document and its
running-text version into the same fold.

A joined bead is then split into the finest beads the text supports, chosen by the
encoder: a Turkish verse of two sentences against an English verse of two is one gold
line bead, but 1:1 + 1:1 at the segment level when each sentence renders the other (and a
shape the aligner has no type for, 4:1, 3:2…, about 5% of the beads of bible-ot, must
be split anyway). Each piece scores its cosine less :data:`PIECE_COST` (a piece with
one side only: minus that), so a split must be worth it; at the line level, where
``score_raw.py`` scores, any split of a joined bead counts the same.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devsets import find_devset

from align.aligner.model import DEFAULT_TYPES
from align.encoders import get_encoder
from align.formats import read_beads
from align.segment import segment

PIECE_COST = 0.2
"""What each piece of a split costs, in cosine. On the Bible's low scale (a verse and its
rendering ~0.5, unrelated sentences ~0.15): 1:1 + 1:1 at 0.5 each (0.6) beats their 2:2 at
0.65 (0.45); two sentences that cross the verse line, 1:1 + 1:1 at 0.3 each (0.2), do not."""


Bead = tuple[tuple[int, ...], tuple[int, ...]]


def joined_beads(
    gold: list[Bead],
    tr_lines: list[tuple[int, int]],
    en_lines: list[tuple[int, int]],
    tr_segs: list[tuple[int, int]],
    en_segs: list[tuple[int, int]],
) -> list[Bead]:
    """Gold line beads joined where a segment spans lines of two, as segment beads."""
    parent = list(range(len(gold)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    line_bead: dict[tuple[str, int], int] = {}
    for k, (s, t) in enumerate(gold):
        line_bead.update({("tr", i): k for i in s})
        line_bead.update({("en", j): k for j in t})
    owner: dict[tuple[str, int], int] = {}
    for side, lines, segs in (("tr", tr_lines, tr_segs), ("en", en_lines, en_segs)):
        for q, (a, z) in enumerate(segs):
            hit = [line_bead[(side, i)] for i, (s, e) in enumerate(lines) if s < z and a < e]
            if not hit:
                raise SystemExit(f"segment {side} {q} overlaps no gold line")
            for k in hit[1:]:
                parent[find(k)] = find(hit[0])
            owner[(side, q)] = hit[0]
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for k in range(len(gold)):  # in gold order: a group comes where its first bead is
        groups.setdefault(find(k), ([], []))
    for (side, q), k in owner.items():
        groups[find(k)][0 if side == "tr" else 1].append(q)
    out = [(tuple(sorted(x)), tuple(sorted(y))) for x, y in groups.values() if x or y]
    for a, b in itertools.pairwise(out):
        if (a[0] and b[0] and a[0][-1] >= b[0][0]) or (a[1] and b[1] and a[1][-1] >= b[1][0]):
            raise SystemExit(f"joined beads cross: {a} {b}")
    return out


def split_bead(bead: Bead, tr_vec: np.ndarray, en_vec: np.ndarray) -> list[Bead]:
    """``bead`` as the aligner's bead types, split as finely as the encoder supports
    (see :data:`PIECE_COST`)."""
    types = {t for t in DEFAULT_TYPES if t[0] and t[1]}
    x, y = bead
    if not x or not y:
        return [((i,), ()) for i in x] + [((), (j,)) for j in y]
    if (len(x), len(y)) == (1, 1):
        return [bead]
    n, m = len(x), len(y)
    best = np.full((n + 1, m + 1), -np.inf)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            for a, b in [*types, (1, 0), (0, 1)]:
                if a > i or b > j or best[i - a, j - b] == -np.inf:
                    continue
                if a and b:
                    u = tr_vec[x[i - a] : x[i - a] + a].sum(0)
                    v = en_vec[y[j - b] : y[j - b] + b].sum(0)
                    gain = float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
                else:
                    gain = 0.0
                gain -= PIECE_COST
                if best[i - a, j - b] + gain > best[i, j]:
                    best[i, j] = best[i - a, j - b] + gain
                    back[i, j] = (a, b)
    pieces: list[Bead] = []
    i, j = n, m
    while i or j:
        a, b = back[i, j]
        pieces.append((tuple(x[i - a : i]), tuple(y[j - b : j])))
        i, j = i - a, j - b
    return pieces[::-1]


def paragraph_numbers(text: str, segs: list[tuple[int, int]]) -> list[int]:
    """Each segment's paragraph: blank lines before it."""
    out, par, pos = [], 0, 0
    for a, _ in segs:
        par += text.count("\n\n", pos, a)
        pos = a
        out.append(par)
    return out


def convert(raw_doc: Path, out: Path, encode) -> dict[str, int]:
    spans = json.loads((raw_doc / "spans.json").read_text())
    gold = [(b.tr, b.en) for b in read_beads(raw_doc / "gold.txt")]
    texts, segs = {}, {}
    for lang in ("tr", "en"):
        texts[lang] = (raw_doc / f"{lang}.txt").read_text(encoding="utf-8")
        segs[lang] = [(s.start, s.end) for s in segment(texts[lang], lang)]
    joined = joined_beads(gold, spans["tr"], spans["en"], segs["tr"], segs["en"])
    lines = {lang: [" ".join(texts[lang][a:z].split()) for a, z in segs[lang]] for lang in texts}
    tr_vec, en_vec = encode(tuple(lines["tr"])), encode(tuple(lines["en"]))
    splits = [split_bead(b, tr_vec, en_vec) for b in joined]
    beads = [p for pieces in splits for p in pieces]
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("tr", "en"):
        (out / f"{lang}.txt").write_text("".join(t + "\n" for t in lines[lang]), encoding="utf-8")
    (out / "gold.txt").write_text("".join(f"{list(x)}:{list(y)}\n" for x, y in beads))
    (out / "paragraphs.json").write_text(
        json.dumps({lang: paragraph_numbers(texts[lang], segs[lang]) for lang in ("tr", "en")})
    )
    return {
        "joined": len(joined),
        "beads": len(beads),
        "split": sum(1 for b, pieces in zip(joined, splits, strict=True) if pieces != [b]),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("devset", help="a presegmented devset (folder or name: wmt16, bible-ot)")
    ap.add_argument("out", type=Path, help="the running-text devset to write")
    ap.add_argument("--eval", type=Path, help="folder of make_raw.py (default: shared/eval)")
    ap.add_argument(
        "--seed",
        type=int,
        default=11,
        help="make_raw.py's seed for the paragraphs (bench_raw.py scores seed 7, "
        "its default: fit on other paragraphs than the ones scored)",
    )
    args = ap.parse_args()
    suite = find_devset(Path(args.devset).name, args.devset if Path(args.devset).is_dir() else None)
    tools = args.eval or suite.parent.parent / "eval"
    encoder = get_encoder("use")

    @cache
    def encode(texts: tuple[str, ...]) -> np.ndarray:
        return encoder.encode(list(texts))

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        subprocess.run(
            [sys.executable, str(tools / "make_raw.py"), str(suite), str(raw), "--seed", str(args.seed)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        total = {"joined": 0, "beads": 0, "split": 0}
        for doc in sorted(p for p in raw.iterdir() if (p / "gold.txt").exists()):
            for k, v in convert(doc, args.out / doc.name, encode).items():
                total[k] += v
    print(
        f"{args.out}: {total['joined']} joined gold beads, {total['split']} of them split; "
        f"{total['beads']} segment beads"
    )


if __name__ == "__main__":
    main()
