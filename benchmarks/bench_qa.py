"""Planted-error benchmark of ``hizala check``: recall per kind of error, and findings on
lines nobody touched.

    python benchmarks/bench_qa.py ../shared/devset [--seed 12] [--show missed|false]

Builds line-parallel documents from the devsets (wmt16's undamaged 1:1 pairs, checked with
the repository's glossary.yaml; termbench-dev in blocks of 100 lines, checked with its own
glossary), plants one error in about one line in five (``benchmarks/qa_plants.py``: a digit
changed, a month swapped, half a line left in Turkish, a term's rendering replaced, a name
misspelled), runs the real command on every document::

    hizala check TR EN --presegmented -g GLOSSARY --format json -o OUT

and scores its JSON:

* a planted error is **caught** when a finding of a fitting kind (digit/month: ``number``;
  untranslated: ``untranslated``; term: ``missing`` or ``forbidden``; name:
  ``name-spelling``) points at the planted text or at what it contradicts on the other side;
* every other finding on an unplanted line pair counts against the checks, except a
  ``missing`` term whose rendering really is not in the English (termbench: its gold says
  so; wmt16: no word of the English begins like any inflection of any rendering — a loose
  test, so that a finding is rather counted as false than as right);
* the devsets' human translations have real problems of their own (a year changed, a name
  misspelled on one side, ``milyon`` translated as billion): ``benchmarks/data/
  qa_verdicts.tsv`` lists the findings on unplanted lines judged by hand (real or false;
  one line of why each), and the report gives the findings per 100 unplanted line pairs
  both with them (every finding) and without the ones judged real (the false alarms). A
  finding the file does not list counts as a false alarm.

Figures are given for the ``dev`` half (even wmt16 documents, even termbench blocks: the
checks were developed on it) and the ``test`` half (the others: not looked at while
developing), and for both.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsets import ROOT, find_devset
from qa_plants import KINDS, Doc, Plant, Planter, load_docs

FITTING = {
    "digit": {"number"},
    "month": {"number"},
    "untranslated": {"untranslated"},
    "term": {"missing", "forbidden"},
    "name": {"name-spelling"},
}


def hizala_command() -> list[str]:
    exe = Path(sys.executable).with_name("hizala")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "align.cli"]


def loosely_present(renderings: tuple[str, ...], en: str) -> bool:
    """Whether the English has a word that begins like a form of one of the renderings."""
    from lemminflect import getAllInflections

    words = [w.lower() for w in re.findall(r"[^\W\d_]+", en.replace(".", ""))]
    for r in renderings:
        parts = r.lower().replace("-", " ").replace(".", "").split()
        ok = True
        for p in parts:
            stems = {p[: max(4, len(p) - 2)] if len(p) > 4 else p}
            for upos in ("NOUN", "VERB"):
                for forms in getAllInflections(p, upos=upos).values():
                    stems.update(f[:4] if len(f) > 4 else f for f in forms)
            if not any(w.startswith(s) for s in stems for w in words):
                ok = False
                break
        if ok:
            return True
    return False


def term_spans(doc: Doc) -> dict[int, list[tuple]]:
    """Per line, the terms whose English rendering may be replaced (see qa_plants.Planter)."""
    from align.glossary.match import TermMatcher
    from align.glossary.yaml_store import load_glossary

    glossary = load_glossary(doc.glossary)
    by_tr = {t.tr: t for t in glossary.terms}

    def distractors(term) -> list[str]:
        own = {r.lower() for r in (*term.en, *term.forbidden)}
        return sorted(
            r for t in glossary.terms if t.pos == term.pos and t.tr != term.tr
            for r in t.en if r.lower() not in own and " " not in r and not r.isupper()
        )

    out: dict[int, list[tuple]] = defaultdict(list)
    if doc.source == "termbench":
        for k, record in doc.gold.items():
            counts = Counter(h["term"] for h in record["hits"])
            for h in record["hits"]:
                term = by_tr[h["term"]]
                if counts[h["term"]] == 1 and h["en_found"] and h["en_span"]:
                    out[k].append((tuple(h["tr_span"]), tuple(h["en_span"]), term.tr, term.en,
                                   term.forbidden, distractors(term)))
        return out
    matcher = TermMatcher(glossary)
    for k, (tr, en) in enumerate(zip(doc.tr, doc.en, strict=True)):
        hits = matcher.match_pair(tr, en)
        counts = Counter(h.term.tr for h in hits)
        for h in hits:
            found = [m for m in matcher.english.find(en, h.term) if not m.forbidden]
            if (counts[h.term.tr] == 1 and h.en is not None and len(found) == 1
                    and loosely_present(h.term.en, en)):
                out[k].append((h.tr_span, h.en_span, h.term.tr, h.term.en, h.term.forbidden,
                               distractors(h.term)))
    return out


def run_check(doc: Doc, tr: list[str], en: list[str], work: Path) -> dict:
    folder = work / doc.name
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in (("tr.txt", tr), ("en.txt", en)):
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = folder / "check.json"
    cmd = [*hizala_command(), "check", str(folder / "tr.txt"), str(folder / "en.txt"),
           "--presegmented", "-g", str(doc.glossary), "--format", "json", "-o", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return json.loads(out.read_text(encoding="utf-8"))


def _starts(lines: list[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return starts


def _overlap(a: tuple[int, int] | list[int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1] + (a[0] == a[1])


def score(doc: Doc, tr: list[str], en: list[str], plants: list[Plant], report: dict,
          stats: dict, show: str | None, verdicts: dict) -> None:
    """Add the document's caught plants and unplanted findings to ``stats``."""
    ts, es = _starts(tr), _starts(en)
    planted = {p.line: p for p in plants}
    findings = report["findings"]

    def lines_of(f: dict) -> set[int]:
        out = set()
        if f["tr_span"]:
            out.add(bisect.bisect_right(ts, f["tr_span"][0]) - 1)
        if f["en_span"]:
            out.add(bisect.bisect_right(es, f["en_span"][0]) - 1)
        return out

    for p in plants:
        mine, theirs = (ts, es) if p.side == "tr" else (es, ts)
        span = (mine[p.line] + p.span[0], mine[p.line] + p.span[1])
        other = None if p.other is None else (theirs[p.line] + p.other[0],
                                              theirs[p.line] + p.other[1])
        tr_target, en_target = (span, other) if p.side == "tr" else (other, span)
        caught = any(
            f["kind"] in FITTING[p.kind]
            and (_overlap(f["tr_span"], tr_target) or _overlap(f["en_span"], en_target))
            for f in findings
        )
        stats["planted"][p.kind] += 1
        stats["caught"][p.kind] += caught
        if not caught and show == "missed":
            print(f"MISSED {p.kind} {doc.name}:{p.line + 1} {p.side} {p.before!r} -> {p.after!r}")
            print(f"   TR {tr[p.line]}\n   EN {en[p.line]}")
            for f in findings:
                if p.line in lines_of(f):
                    print(f"   got {f['kind']}: {f['message']}")
    stats["lines"] += len(tr)
    stats["unplanted"] += len(tr) - len(plants)
    for f in findings:
        where = lines_of(f)
        if where & planted.keys():
            continue
        line = min(where)
        if f["kind"] == "missing" and _right_missing(doc, line, f, tr, en):
            stats["right"][f["kind"]] += 1
            continue
        stats["false"][f["kind"]] += 1
        stats["false_list"].append((doc.name, line, f))
        if verdicts.get((doc.name, line + 1, f["kind"], f["message"])) == "real":
            stats["real"][f["kind"]] += 1
        if show == "false":
            print(f"FALSE {f['kind']}/{f['severity']} {doc.name}:{line + 1}: {f['message']}")
            print(f"   TR {tr[line]}\n   EN {en[line] if line < len(en) else ''}")


VERDICTS = ROOT / "benchmarks" / "data" / "qa_verdicts.tsv"


def load_verdicts(path: Path = VERDICTS) -> dict[tuple[str, int, str, str], str]:
    """(document, 1-based line, kind, message) -> ``real`` or ``false``."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        doc, n, kind, verdict, message, _why = line.split("\t")
        out[(doc, int(n), kind, message)] = verdict
    return out


def _right_missing(doc: Doc, line: int, f: dict, tr: list[str], en: list[str]) -> bool:
    if doc.source == "termbench":
        record = doc.gold.get(line)
        if record is None:
            return False
        a = f["tr_span"][0] - _starts(tr)[line]
        span = (a, a + f["tr_span"][1] - f["tr_span"][0])
        return any(h["term"] == f["term"] and not h["en_found"] and _overlap(h["tr_span"], span)
                   for h in record["hits"])
    from align.glossary.yaml_store import load_glossary

    term = load_glossary(doc.glossary).get(f["term"])
    return term is not None and not loosely_present(term.en, en[line])


def _new_stats() -> dict:
    return {"planted": Counter(), "caught": Counter(), "false": Counter(), "right": Counter(),
            "real": Counter(), "lines": 0, "unplanted": 0, "false_list": []}


def _print(title: str, s: dict) -> None:
    per100 = 100 * sum(s["false"].values()) / max(1, s["unplanted"])
    recall = "  ".join(
        f"{k} {s['caught'][k] / s['planted'][k]:.3f} ({s['caught'][k]}/{s['planted'][k]})"
        if s["planted"][k] else f"{k} -" for k in KINDS
    )
    false = ", ".join(f"{k} {n}" for k, n in s["false"].most_common()) or "none"
    print(f"{title}: {s['lines']} line pairs, {sum(s['planted'].values())} planted")
    print(f"  caught   {recall}")
    real = sum(s["real"].values())
    alarms = sum(s["false"].values()) - real
    print(f"  unplanted {s['unplanted']} line pairs: {sum(s['false'].values())} findings "
          f"= {per100:.2f} per 100 ({false}); right 'missing' (rendered otherwise) "
          f"{sum(s['right'].values())}")
    print(f"  of them real problems of the translation (judged by hand) {real}; false alarms "
          f"{alarms} = {100 * alarms / max(1, s['unplanted']):.2f} per 100")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("devset", nargs="?", help="the shared devset folder (holds wmt16/, termbench-dev/)")
    ap.add_argument("--seed", type=int, default=12, help="planting seed (default 12)")
    ap.add_argument("--rate", type=float, default=0.2, help="share of lines planted (0.2)")
    ap.add_argument("--half", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--source", choices=["wmt16", "termbench", "both"], default="both")
    ap.add_argument("--show", choices=["missed", "false"], help="print the missed plants or "
                    "the findings on unplanted lines")
    ap.add_argument("--keep", metavar="DIR", help="keep the planted documents and reports here")
    ap.add_argument("--sample", type=int, default=0, metavar="N",
                    help="print N findings on unplanted lines picked at random (seeded)")
    args = ap.parse_args()
    devset = find_devset("wmt16", Path(args.devset) / "wmt16" if args.devset else None).parent
    docs = [d for d in load_docs(devset, ROOT / "glossary.yaml")
            if args.half in ("both", d.half) and args.source in ("both", d.source)]
    planter = Planter(args.seed, args.rate)
    verdicts = load_verdicts()
    stats: dict[str, dict] = defaultdict(_new_stats)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        for n, doc in enumerate(docs, start=1):
            doc.tr = [unicodedata.normalize("NFC", x) for x in doc.tr]
            doc.en = [unicodedata.normalize("NFC", x) for x in doc.en]
            tr, en, plants = planter.plant(doc, term_spans(doc))
            report = run_check(doc, tr, en, work)
            for key in (doc.half, f"{doc.half} {doc.source}", "all"):
                score(doc, tr, en, plants, report, stats[key], args.show if key == "all" else None,
                      verdicts)
            print(f"\r{n}/{len(docs)} documents checked", end="", file=sys.stderr, flush=True)
    print(f"\r{len(docs)} documents in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    print(f"seed {args.seed}, rate {args.rate}; dev = even wmt16 documents and even termbench "
          "blocks (rules developed there), test = the others")
    for key in ("dev", "dev wmt16", "dev termbench", "test", "test wmt16", "test termbench",
                "all"):
        if key in stats:
            _print(key, stats[key])
    if args.sample:
        pool = stats["all"]["false_list"]
        for name, line, f in random.Random(args.seed).sample(pool, min(args.sample, len(pool))):
            print(f"- {name}:{line + 1} {f['kind']}/{f['severity']}: {f['message']}")


if __name__ == "__main__":
    main()
