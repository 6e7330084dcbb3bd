"""Quality checks on aligned Turkish–English pairs.

Per pair (:func:`check_pair`):

``missing``       a glossary term in the Turkish has none of its renderings in the English;
``forbidden``     the English uses a rendering the glossary forbids for a term in the Turkish;
``number``        a number, percentage or date of one side is not on the other (Turkish
                  ``1.250,5`` is English ``1,250.5``, ``%5`` is ``5%``, ``24 Haziran`` is
                  ``June 24``), or the English kept the Turkish format;
``untranslated``  Turkish words left in the English (lower-case words with Turkish letters,
                  or a run of words copied from the Turkish sentence).

Per document (:func:`check_document`), on top of those:

``inconsistent``  one term rendered differently in different places of the document;
``name-spelling`` one name spelled two ways in the English (``İzmir`` and ``Izmir``).

Every :class:`Finding` carries character spans into the Turkish and the English
text it was computed on (the pair's texts, or the documents' texts).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .glossary.match import TermMatcher
from .glossary.model import TermHit
from .normalize import fold, tr_lower, tr_upper
from .qa_numbers import Quantity, en_quantities, tr_quantities
from .types import Bead, Document

__all__ = ["KINDS", "Finding", "check_document", "check_pair"]

KINDS = ("missing", "forbidden", "inconsistent", "number", "name-spelling", "untranslated")
"""Every kind of finding, in report order."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a translation."""

    kind: str
    """One of :data:`KINDS`."""
    message: str
    """What is wrong, in one line, with what the glossary or the source expects."""
    tr_span: tuple[int, int] | None = None
    """Where it is in the Turkish text (start, end), if it has a Turkish side."""
    en_span: tuple[int, int] | None = None
    """Where it is in the English text (start, end), if it has an English side."""
    term: str | None = None
    """The glossary lemma the finding is about, if any."""
    bead: int | None = None
    """Index of the aligned bead (document checks), if any."""
    severity: str = "error"
    """``error`` (the translation is wrong) or ``warning`` (worth a look)."""


# ---------------------------------------------------------------------------
# pair checks
# ---------------------------------------------------------------------------


def check_pair(tr: str, en: str, matcher: TermMatcher | None = None) -> list[Finding]:
    """Every finding of one sentence pair (spans into ``tr`` and ``en``)."""
    findings: list[Finding] = []
    if matcher is not None:
        findings += _term_findings(matcher.match_pair(tr, en), en)
    findings += _number_findings(tr, en)
    findings += _untranslated(tr, en)
    return findings


def _term_findings(hits: Sequence[TermHit], en: str) -> list[Finding]:
    out: list[Finding] = []
    reported: set[tuple[str, int, int]] = set()
    for h in hits:
        term = h.term
        # gözaltına inside gözaltına aldı: the longer term speaks for the pair
        nested = any(
            o is not h
            and o.term.multiword
            and o.tr_start <= h.tr_start
            and h.tr_end <= o.tr_end
            and (o.tr_start, o.tr_end) != h.tr_span
            for o in hits
        )
        if h.en is None and en.strip() and not nested:
            wanted = ", ".join(repr(e) for e in term.en)
            out.append(
                Finding(
                    "missing",
                    f"{h.surface!r} ({term.tr}) has no rendering in the English; the glossary "
                    f"requires {wanted}",
                    h.tr_span,
                    None,
                    term.tr,
                )
            )
        for f in h.forbidden:
            key = (term.tr, f.start, f.end)
            if key in reported:
                continue
            reported.add(key)
            allowed = " or ".join(repr(e) for e in term.en)
            out.append(
                Finding(
                    "forbidden",
                    f"{en[f.start : f.end]!r} is a forbidden rendering of {term.tr!r}; "
                    f"use {allowed}",
                    h.tr_span,
                    (f.start, f.end),
                    term.tr,
                )
            )
    return out


def _describe(q: Quantity) -> str:
    return repr(q.text)


def _number_findings(tr: str, en: str) -> list[Finding]:
    tq, eq = tr_quantities(tr), en_quantities(en)
    out: list[Finding] = []
    for q in eq:
        if q.misformatted:
            out.append(Finding("number", q.misformatted, None, (q.start, q.end)))
    pool: dict[tuple[str, object], list[Quantity]] = defaultdict(list)
    for q in eq:
        pool[q.key].append(q)
        if q.kind == "date":  # the day of a date may be rendered as a plain number
            pool[("number", float(q.value[1]))].append(q)  # type: ignore[index]
    used: set[int] = set()
    for q in tq:
        match = next((c for c in pool.get(q.key, []) if id(c) not in used), None)
        if match is None and q.kind == "percent":
            match = next((c for c in pool.get(("number", q.value), []) if id(c) not in used), None)
        if match is None and q.kind == "number":
            # "yüzde 45 ila 95" = "45 to 95 percent": the range's first end is the percentage
            match = next((c for c in pool.get(("percent", q.value), []) if id(c) not in used), None)
        if match is None and q.kind == "time":
            # "saat 20.00" = "at 20.00 CET": the same figures, read as a plain number
            match = next((c for c in eq if id(c) not in used and c.kind == "number"
                          and _clock(c.text) == _clock(q.text)), None)
        if match is None and q.kind == "date":
            # "15-16 Ocak" = "January 15 and 16": the day alone as a plain number
            day = ("number", float(_day(q) or 0))
            match = next((c for c in pool.get(day, []) if id(c) not in used), None)
        if match is None and q.kind == "number" and isinstance(q.value, float) and q.value < 32:
            # a day of the month whose date the English wrote differently
            match = next(
                (
                    c
                    for k, v in pool.items()
                    if k[0] == "date"
                    for c in v
                    if id(c) not in used and _day(c) == q.value
                ),
                None,
            )
        if match is not None:
            used.add(id(match))
            continue
        hint = ""
        dotted = [
            c
            for c in eq
            if c.kind == "number"
            and c.value != q.value
            and c.text.replace(".", "") == q.text.replace(".", "")
        ]
        if dotted and q.kind == "number":
            hint = f"; the English {dotted[0].text!r} reads as {dotted[0].value:g} in English"
            out.append(
                Finding(
                    "number",
                    f"Turkish {q.text!r} is {_fmt(q)}{hint}: write {_en_format(q)}",
                    (q.start, q.end),
                    (dotted[0].start, dotted[0].end),
                )
            )
            used.add(id(dotted[0]))
            continue
        out.append(
            Finding(
                "number",
                f"Turkish {_describe(q)}{_reading(q)} is not in the English",
                (q.start, q.end),
                None,
            )
        )
    if tq or any(q.kind != "number" or _number(q) >= 10 for q in eq):
        for q in eq:
            if id(q) in used or q.misformatted or re.fullmatch(r"[A-Za-z]+", q.text):
                continue
            if not any(
                t.key == q.key
                or (t.kind == "percent" and q.kind == "number" and t.value == q.value)
                or (t.kind == "number" and q.kind == "percent" and t.value == q.value)
                or (t.kind == "time" and _clock(t.text) == _clock(q.text))
                for t in tq
            ):
                if q.kind == "date" and any(t.kind == "number" and t.value == _day(q) for t in tq):
                    continue
                out.append(
                    Finding(
                        "number",
                        f"English {q.text!r} is not in the Turkish",
                        None,
                        (q.start, q.end),
                        severity="warning",
                    )
                )
    return out


def _reading(q: Quantity) -> str:
    """How hizala read the quantity, when that is not just the text: " (1,250.5)"."""
    shown = _fmt(q)
    return "" if shown == q.text else f" ({shown})"


def _clock(text: str) -> str:
    return text.replace(":", ".")


def _day(q: Quantity) -> int | None:
    return q.value[1] if q.kind == "date" and isinstance(q.value, tuple) else None


def _number(q: Quantity) -> float:
    return q.value if isinstance(q.value, float) else 0.0


def _fmt(q: Quantity) -> str:
    if q.kind == "time" or (q.kind == "number" and q.text.isdigit()):
        return q.text  # a clock time, or a plain figure such as a year: as written
    if q.kind == "date":
        month, day = q.value  # type: ignore[misc]
        from .qa_numbers import EN_MONTHS

        return f"{EN_MONTHS[month - 1].title()} {day}"
    value = float(q.value)  # type: ignore[arg-type]
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text + ("%" if q.kind == "percent" else "")


def _en_format(q: Quantity) -> str:
    return _fmt(q)


_TR_LETTERS = re.compile(r"[ğışçöüİĞŞı]")
# Turkish words English news keeps as they are (money, food): not left untranslated.
_LOANWORDS = frozenset({"kuruş", "döner", "börek", "köfte", "rakı", "şiş"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _untranslated(tr: str, en: str) -> list[Finding]:
    if not tr.strip() or not en.strip():
        return []
    out: list[Finding] = []
    tr_words = {fold(w.group()) for w in _WORD.finditer(tr)}
    en_words = list(_WORD.finditer(en))
    if fold(" ".join(tr.split())) == fold(" ".join(en.split())) and len(en_words) > 2:
        return [
            Finding(
                "untranslated", "the English is the Turkish text itself", (0, len(tr)), (0, len(en))
            )
        ]
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 2:
            a, b = run[0].start(), run[-1].end()
            out.append(
                Finding(
                    "untranslated",
                    f"{en[a:b]!r} is copied from the Turkish",
                    None,
                    (a, b),
                    severity="warning",
                )
            )
        elif len(run) == 1 and _TR_LETTERS.search(run[0].group()):
            w = run[0]
            out.append(
                Finding(
                    "untranslated",
                    f"{w.group()!r} looks like a Turkish word left in the English",
                    None,
                    (w.start(), w.end()),
                    severity="warning",
                )
            )
        run.clear()

    for w in en_words:
        word = w.group()
        turkish_like = word[:1].islower() and fold(word).rstrip("s") not in _LOANWORDS and (
            _TR_LETTERS.search(word) or (fold(word) in tr_words and len(word) > 3)
        )
        if turkish_like and (not run or en[run[-1].end() : w.start()].strip() == ""):
            run.append(w)
        else:
            flush()
            if turkish_like:
                run.append(w)
    flush()
    return out


# ---------------------------------------------------------------------------
# document checks
# ---------------------------------------------------------------------------


def _bead_span(doc: Document, indices: Sequence[int]) -> tuple[int, int] | None:
    if not indices:
        return None
    return doc.segments[indices[0]].start, doc.segments[indices[-1]].end


def _shift(span: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + by, span[1] + by)


def check_document(
    tr: Document, en: Document, beads: Sequence[Bead], matcher: TermMatcher | None = None
) -> list[Finding]:
    """Check every aligned bead, then the document as a whole.

    Spans are offsets into ``tr.text`` and ``en.text``; ``bead`` is the bead's index.
    """
    findings: list[Finding] = []
    renderings: dict[str, list[tuple[int, TermHit, int, int]]] = defaultdict(list)
    for k, bead in enumerate(beads):
        ts, es = _bead_span(tr, bead.tr), _bead_span(en, bead.en)
        if ts is None or es is None:
            continue  # an omission or addition: the alignment report shows it
        tr_text, en_text = tr.text[ts[0] : ts[1]], en.text[es[0] : es[1]]
        hits = matcher.match_pair(tr_text, en_text) if matcher is not None else []
        pair = (
            _term_findings(hits, en_text)
            + _number_findings(tr_text, en_text)
            + _untranslated(tr_text, en_text)
        )
        for f in pair:
            findings.append(
                replace(
                    f, tr_span=_shift(f.tr_span, ts[0]), en_span=_shift(f.en_span, es[0]), bead=k
                )
            )
        for h in hits:
            if h.en is not None:
                renderings[h.term.tr].append((k, h, ts[0], es[0]))
    findings += _inconsistent(renderings)
    findings += _name_spellings(en)
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(
        findings, key=lambda f: (f.bead if f.bead is not None else 1 << 30, order.get(f.kind, 99))
    )


def _inconsistent(renderings: dict[str, list[tuple[int, TermHit, int, int]]]) -> list[Finding]:
    out: list[Finding] = []
    for term, uses in renderings.items():
        counts = Counter(h.en.rendering for _, h, _, _ in uses if h.en is not None)
        if len(counts) < 2:
            continue
        main, n_main = counts.most_common(1)[0]
        seen: set[tuple[int, int]] = set()
        for k, h, t0, e0 in uses:
            assert h.en is not None
            if h.en.rendering == main or (h.en.start + e0, k) in seen:
                continue
            seen.add((h.en.start + e0, k))
            out.append(
                Finding(
                    "inconsistent",
                    f"{term!r} is rendered {h.en.rendering!r} here but {main!r} in {n_main} other "
                    "place(s) of the document; use one rendering",
                    _shift(h.tr_span, t0),
                    (h.en.start + e0, h.en.end + e0),
                    term,
                    k,
                    "warning",
                )
            )
    return out


_NAME = re.compile(r"\b[A-ZÇĞİÖŞÜ][\wçğıöşüâîû]+(?:['’]s)?")
_PLAIN = str.maketrans("çğıöşüâîûÇĞİÖŞÜÂÎÛ", "cgiosuaiuCGIOSUAIU")


def _plain(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    text = unicodedata.normalize("NFC", word).translate(_PLAIN)
    return text.lower()


def _name_spellings(en: Document) -> list[Finding]:
    groups: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for m in _NAME.finditer(en.text):
        word = re.sub(r"['’]s$", "", m.group())
        groups[_plain(word)][word].append((m.start(), m.start() + len(word)))
    out: list[Finding] = []
    for found in groups.values():
        if len(found) < 2:
            continue
        # GİRESUN beside Giresun, ISTANBUL beside Istanbul: capitals in a headline are
        # case, not spelling; so are NATO/Nato.
        mixed = [w for w in found if not w.isupper()]
        spellings = {
            w: spans for w, spans in found.items()
            if not (w.isupper() and any(w in (tr_upper(v), v.upper()) for v in mixed))
        }
        ranked = sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))
        if len(ranked) < 2 or all(w.isupper() for w, _ in ranked[1:]) or len(
            {tr_lower(w) for w, _ in ranked}
        ) == 1:
            continue
        main = ranked[0][0]
        for word, spans in ranked[1:]:
            for span in spans:
                out.append(
                    Finding(
                        "name-spelling",
                        f"{word!r} is also spelled {main!r} in this document; spell it one way",
                        None,
                        span,
                        severity="warning",
                    )
                )
    return out
