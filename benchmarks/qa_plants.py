"""Line-parallel documents from the devsets, and errors planted in them (for bench_qa.py).

Documents:

* ``wmt16``: for each of the 30 documents, the pairs of its gold 1:1 beads (the lines the
  devset left undamaged), checked with the repository's ``glossary.yaml``;
* ``termbench``: the 3,000 line pairs of termbench-dev in blocks of 100 lines (newstest2018
  runs its documents one after the other), checked with termbench's own glossary, whose
  gold says where a term has no rendering in the English.

Each document belongs to a half: ``dev`` (even wmt16 documents, even termbench blocks), on
which the checks were developed, and ``test`` (the others), kept for reporting.

Planting (:func:`plant`): about one line in five gets one error, of a kind the line allows:

``digit``         one digit of a number that both sides write changed, on one side;
``month``         a month name that both sides name swapped for another, on one side
                  (Turkish suffixes kept: a month of the same vowel and voicing class);
``untranslated``  half of the English words replaced by the Turkish line's half;
``term``          the English rendering of a glossary term (found once on each side)
                  replaced by another term's rendering, or by a forbidden rendering;
``name``          a name both sides write misspelled on one side (a typo: two letters
                  swapped, one dropped, doubled, or replaced by a keyboard neighbour).

The rarest kind the line allows is planted, so that the rare kinds (months) are sampled
as often as the devsets allow. Everything is drawn from ``random.Random(f"{seed}:{doc}")``.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("digit", "month", "untranslated", "term", "name")

TR_MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
             "Eylül", "Ekim", "Kasım", "Aralık")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TR_WEEKDAYS = ("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar")
_VOICELESS = "çfhkpsşt"
_TR_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_EN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_PLAIN = str.maketrans("çğıöşüâîûÇĞİÖŞÜÂÎÛ", "cgiosuaiuCGIOSUAIU")
_KEYBOARD = {
    "a": "qsz", "b": "vgn", "c": "xvd", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht",
    "h": "gjy", "i": "uok", "j": "hku", "k": "jli", "l": "kop", "m": "nj", "n": "bmh",
    "o": "ipl", "p": "ol", "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij",
    "v": "cbf", "w": "qes", "x": "zcs", "y": "tuh", "z": "xa",
}


@dataclass
class Doc:
    """One line-parallel document of the benchmark."""

    name: str
    source: str
    """``wmt16`` or ``termbench``."""
    half: str
    """``dev`` (rules were developed on it) or ``test``."""
    glossary: Path
    tr: list[str]
    en: list[str]
    gold: dict[int, dict] = field(default_factory=dict)
    """termbench: the cases.jsonl record of each line (0-based line in this document)."""


@dataclass(frozen=True)
class Plant:
    """One planted error."""

    line: int
    """0-based line of the document."""
    kind: str
    side: str
    """``tr`` or ``en``: the side that was changed."""
    span: tuple[int, int]
    """Where the planted text is, in the changed line."""
    other: tuple[int, int] | None
    """The counterpart in the other side's line (what the planted text contradicts)."""
    before: str
    after: str


def _plain(word: str) -> str:
    return word.translate(_PLAIN).lower()


def load_docs(devset: Path, glossary: Path) -> list[Doc]:
    """The wmt16 and termbench documents (see the module's docstring)."""
    docs: list[Doc] = []
    for folder in sorted((devset / "wmt16").iterdir()):
        if not (folder / "gold.txt").is_file():
            continue
        tr = (folder / "tr.txt").read_text(encoding="utf-8").split("\n")
        en = (folder / "en.txt").read_text(encoding="utf-8").split("\n")
        pairs = []
        for bead in (folder / "gold.txt").read_text(encoding="utf-8").splitlines():
            a, b = (json.loads(x) for x in bead.split(":"))
            if len(a) == 1 and len(b) == 1:
                pairs.append((tr[a[0]], en[b[0]]))
        number = int(folder.name[:3])
        docs.append(Doc(folder.name, "wmt16", "dev" if number % 2 == 0 else "test", glossary,
                        [p[0] for p in pairs], [p[1] for p in pairs]))
    bench = devset / "termbench-dev"
    tr = (bench / "tr.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    en = (bench / "en.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    gold = {}
    for line in (bench / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["line"] - 1] = record
    for block in range(0, len(tr), 100):
        n = block // 100
        docs.append(Doc(f"termbench-{n:02d}", "termbench", "dev" if n % 2 == 0 else "test",
                        bench / "glossary.yaml", tr[block : block + 100], en[block : block + 100],
                        {k - block: v for k, v in gold.items() if block <= k < block + 100}))
    return docs


# ---------------------------------------------------------------------------
# what a line allows
# ---------------------------------------------------------------------------


def _numbers(tr: str, en: str) -> list[tuple[re.Match[str], re.Match[str]]]:
    en_by_digits: dict[str, re.Match[str]] = {}
    for m in _NUMBER.finditer(en):
        en_by_digits.setdefault(re.sub(r"\D", "", m.group()), m)
    out = []
    for m in _NUMBER.finditer(tr):
        other = en_by_digits.get(re.sub(r"\D", "", m.group()))
        if other is not None:
            out.append((m, other))
    return out


def _month_of(word: str, names: tuple[str, ...]) -> int | None:
    stem = re.split(r"['’]", word)[0]
    for n, name in enumerate(names):
        if stem == name or (names is TR_MONTHS and stem.startswith(name) and stem[len(name):] in
                            ("da", "de", "ta", "te", "dan", "den", "tan", "ten")):
            return n
    return None


def _months(tr: str, en: str) -> list[tuple[re.Match[str], re.Match[str], int]]:
    en_months = {}
    for m in _EN_WORD.finditer(en):
        k = _month_of(m.group(), EN_MONTHS)
        if k is not None and (k != 4 or re.search(r"\d", en[max(0, m.start() - 4) : m.end() + 4])):
            en_months.setdefault(k, m)
    out = []
    for m in _TR_WORD.finditer(tr):
        k = _month_of(m.group(), TR_MONTHS)
        if k is not None and k in en_months:
            out.append((m, en_months[k], k))
    return out


def _names(tr: str, en: str) -> list[tuple[re.Match[str], re.Match[str]]]:
    tr_stems: dict[str, re.Match[str]] = {}
    for m in _TR_WORD.finditer(tr):
        stem = re.split(r"['’]", m.group())[0]
        if m.start() > 0 and stem[:1].isupper() and not stem.isupper():
            tr_stems.setdefault(_plain(stem), m)
    out = []
    skip = {_plain(w) for w in (*TR_MONTHS, *EN_MONTHS, *EN_WEEKDAYS, *TR_WEEKDAYS)}
    for m in _EN_WORD.finditer(en):
        word = re.sub(r"['’]s$", "", m.group())
        key = _plain(word)
        if (m.start() > 0 and len(word) >= 4 and word[:1].isupper() and not word.isupper()
                and word.isalpha() and key in tr_stems and key not in skip):
            out.append((tr_stems[key], m))
    return out


# ---------------------------------------------------------------------------
# planting
# ---------------------------------------------------------------------------


def _change_digit(text: str, rng: random.Random) -> str:
    positions = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(positions)
    choices = [d for d in "0123456789" if d != text[i] and not (d == "0" and i == positions[0])]
    return text[:i] + rng.choice(choices) + text[i + 1 :]


def _typo(word: str, rng: random.Random) -> str:
    for _ in range(20):
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice(("swap", "drop", "double", "neighbour"))
        if op == "swap" and word[i] != word[i + 1]:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif op == "drop":
            new = word[:i] + word[i + 1 :]
        elif op == "double":
            new = word[:i] + word[i] + word[i:]
        elif op == "neighbour" and word[i].lower() in _KEYBOARD:
            new = word[:i] + rng.choice(_KEYBOARD[word[i].lower()]) + word[i + 1 :]
        else:
            continue
        if _plain(new) != _plain(word):
            return new
    return word[:1] + word[2] + word[1] + word[3:]


def _harmony(month: str) -> tuple[str, bool]:
    vowel = next(c for c in reversed(month.lower()) if c in "aeıioöuü")
    return vowel, month[-1].lower() in _VOICELESS


def _other_tr_month(k: int, suffix: str, rng: random.Random) -> str | None:
    vowel, voiceless = _harmony(TR_MONTHS[k])
    four_fold = bool(re.search(r"[ıiuü]", suffix))
    back = vowel in "aıou"
    ok = []
    for n, name in enumerate(TR_MONTHS):
        v, vl = _harmony(name)
        if n == k or (suffix and vl != voiceless):
            continue
        if not suffix or (v == vowel if four_fold else (v in "aıou") == back):
            ok.append(name)
    return rng.choice(ok) if ok else None


def _replace(line: str, a: int, b: int, new: str) -> tuple[str, tuple[int, int]]:
    return line[:a] + new + line[b:], (a, a + len(new))


class Planter:
    """Plants errors in documents, one random stream per document."""

    def __init__(self, seed: int, rate: float = 0.2) -> None:
        self.seed = seed
        self.rate = rate
        self.counts: Counter[str] = Counter()

    def plant(self, doc: Doc, term_spans: dict[int, list[tuple]]) -> tuple[list[str], list[str],
                                                                         list[Plant]]:
        """The document's lines with errors planted, and the plants.

        ``term_spans[line]``: ``(tr_span, en_span, term, renderings, forbidden, distractors)``
        of the terms that may be replaced in that line."""
        rng = random.Random(f"{self.seed}:{doc.name}")
        tr, en = list(doc.tr), list(doc.en)
        plants: list[Plant] = []
        for k in range(len(tr)):
            if rng.random() >= self.rate:
                continue
            allowed = self._allowed(tr[k], en[k], term_spans.get(k, []))
            if not allowed:
                continue
            kind = min(allowed, key=lambda x: (self.counts[x], KINDS.index(x)))
            made = self._plant(kind, k, tr, en, term_spans.get(k, []), rng)
            if made is not None:
                self.counts[kind] += 1
                plants.append(made)
        return tr, en, plants

    @staticmethod
    def _allowed(tr: str, en: str, terms: list[tuple]) -> list[str]:
        out = []
        if _numbers(tr, en):
            out.append("digit")
        if _months(tr, en):
            out.append("month")
        if len(en.split()) >= 6 and len(tr.split()) >= 4:
            out.append("untranslated")
        if terms:
            out.append("term")
        if _names(tr, en):
            out.append("name")
        return out

    def _plant(self, kind: str, k: int, tr: list[str], en: list[str], terms: list[tuple],
               rng: random.Random) -> Plant | None:
        side = rng.choice(("tr", "en"))
        if kind == "digit":
            t, e = rng.choice(_numbers(tr[k], en[k]))
            m, o = (t, e) if side == "tr" else (e, t)
            lines = tr if side == "tr" else en
            new = _change_digit(m.group(), rng)
            lines[k], span = _replace(lines[k], m.start(), m.end(), new)
            return Plant(k, kind, side, span, o.span(), m.group(), new)
        if kind == "month":
            t, e, n = rng.choice(_months(tr[k], en[k]))
            if side == "tr":
                stem = re.split(r"['’]", t.group())[0][: len(TR_MONTHS[n])]
                suffix = t.group()[len(stem):]
                new_month = _other_tr_month(n, suffix.lstrip("'’"), rng)
                if new_month is None:
                    side = "en"
                else:
                    tr[k], span = _replace(tr[k], t.start(), t.start() + len(stem), new_month)
                    return Plant(k, kind, side, span, e.span(), stem, new_month)
            new_month = rng.choice([x for x in EN_MONTHS if x != EN_MONTHS[n]])
            en[k], span = _replace(en[k], e.start(), e.start() + len(EN_MONTHS[n]), new_month)
            return Plant(k, kind, "en", span, t.span(), EN_MONTHS[n], new_month)
        if kind == "untranslated":
            words, tr_words = en[k].split(), tr[k].split()
            half = len(words) // 2
            if rng.random() < 0.5:
                new_en = " ".join(tr_words[: len(tr_words) // 2] + words[half:])
                span = (0, len(" ".join(tr_words[: len(tr_words) // 2])))
            else:
                kept = " ".join(words[:half])
                new_en = kept + " " + " ".join(tr_words[len(tr_words) // 2 :])
                span = (len(kept) + 1, len(new_en))
            before = en[k]
            en[k] = new_en
            return Plant(k, kind, "en", span, None, before, new_en)
        if kind == "term":
            tr_span, en_span, _term, _renderings, forbidden, distractors = rng.choice(terms)
            old = en[k][en_span[0] : en_span[1]]
            pool = forbidden if forbidden and rng.random() < 0.5 else distractors
            new = _inflect_like(old, rng.choice(pool))
            en[k], span = _replace(en[k], en_span[0], en_span[1], new)
            return Plant(k, kind, "en", span, tuple(tr_span), old, new)
        t, e = rng.choice(_names(tr[k], en[k]))
        if side == "tr":
            stem = re.split(r"['’]", t.group())[0]
            new = _typo(stem, rng)
            tr[k], span = _replace(tr[k], t.start(), t.start() + len(stem), new)
            return Plant(k, kind, side, span, e.span(), stem, new)
        word = re.sub(r"['’]s$", "", e.group())
        new = _typo(word, rng)
        en[k], span = _replace(en[k], e.start(), e.start() + len(word), new)
        return Plant(k, kind, side, span, t.span(), word, new)


def _inflect_like(old: str, new: str) -> str:
    """``new`` (a lemma) in the inflection ``old`` shows: courts -> hospitals."""
    from lemminflect import getAllInflections, getAllLemmas, getInflection

    low = old.lower()
    for upos, lemmas in getAllLemmas(low).items():
        for lemma in lemmas:
            for tag, forms in getAllInflections(lemma, upos=upos).items():
                if low in forms and " " not in new:
                    got = getInflection(new, tag=tag)
                    if got:
                        new = got[0]
                        break
            break
        break
    return new[:1].upper() + new[1:] if old[:1].isupper() else new
