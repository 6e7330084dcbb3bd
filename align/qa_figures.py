"""Do the numbers, dates and weekdays of a Turkish sentence survive in its English?

:func:`figure_findings` reads both sides (:mod:`.qa_dates`, :mod:`.qa_numbers`,
:mod:`.qa_words`) and pairs what they say:

1. dates, as units: a mention pairs with the one that agrees on every field both give
   (``24 Haziran`` = ``June 24, 2026``); left over, a Turkish and an English date that
   share a field or both name a month are one wrong date (``24 Haziran`` / ``July 24``:
   an ``error``); a weekday named on both sides must be the same;
2. numbers: digits with digits (any reading of one side equal to any reading of the
   other; a Turkish-format English figure — ``62.198`` for the Turkish ``62.198`` —
   is an ``error`` that says what to write), then digits with numbers in words and with
   the day or year of a date, then measures in other units (``20 metre`` ≈ ``75-foot``);
3. what is left: a Turkish and an English figure that are plainly the same number
   changed (one digit off, the same figure with another scale — ``2.3 milyon`` /
   ``2.3 billion`` —, or the only ones left of their kind) are one ``error``; anything
   else left is a ``warning`` on its side, once per value, and never for a figure the
   other side has elsewhere, or an English count below 10.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .qa_dates import (
    EN_WEEKDAYS,
    DateMention,
    describe,
    en_dates,
    en_weekdays,
    names_month,
    same_date,
    tr_dates,
    tr_weekdays,
)
from .qa_edit import one_edit
from .qa_finding import Finding
from .qa_numbers import Quantity, en_quantities, tr_quantities
from .qa_words import WordNumber, en_word_numbers, tr_word_numbers

__all__ = ["figure_findings"]

# to the English unit: factor from the Turkish one
_CONVERT = {("km", "mi"): 0.621371, ("m", "ft"): 3.28084, ("cm", "in"): 0.393701,
            ("kg", "lb"): 2.20462, ("m", "yd"): 1.09361, ("l", "gal"): 0.264172,
            ("t", "t"): 1.0}
_EN_UNIT_WORD = {"km": r"\bmiles?\b", "m": r"\b(?:feet|foot|yards?)\b", "kg": r"\bpounds?\b",
                 "cm": r"\binch(?:es)?\b", "c": r"\bfahrenheit\b|°F"}


@dataclass
class _Side:
    quantities: list[Quantity]
    used: set[int] = field(default_factory=set)

    def free(self, strong: bool | None = None) -> Iterator[tuple[int, Quantity]]:
        for k, q in enumerate(self.quantities):
            if k not in self.used and (strong is None or q.strong == strong):
                yield k, q


def _weak(words: list[WordNumber], taken: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for w in words:
        if all(w.end <= a or w.start >= b for a, b in taken):
            if w.decade:
                out.append(Quantity("decade", float(w.value), w.start, w.end, w.text,
                                    readings=frozenset({1900 + w.value, 2000 + w.value}),
                                    strong=False))
            else:
                out.append(Quantity("number", float(w.value), w.start, w.end, w.text,
                                    strong=False))
    return out


def _date_numbers(dates: list[DateMention]) -> list[Quantity]:
    """The days and years of dates, as weak numbers (a year the other side writes alone)."""
    out = []
    for d in dates:
        for v in sorted(d.days | d.years):
            out.append(Quantity("number", float(v), d.start, d.end, d.text, strong=False))
    return out


def _match(t: Quantity, e: Quantity) -> str | None:
    """``same`` when the two mean one value, ``foreign`` when only the Turkish reading of
    the English figure is the Turkish value, else None."""
    if "time" in (t.kind, e.kind):
        if t.kind == e.kind:
            return "same" if t.value == e.value else None
        num, clock = (t, e) if e.kind == "time" else (e, t)
        if num.kind != "number" or not isinstance(clock.value, tuple):
            return None
        if num.text.replace(":", ".") == clock.text.replace(":", "."):
            return "same"  # "saat 20.00" = "at 20.00 CET"
        hour, minute = clock.value
        n = num.value
        ok = isinstance(n, float) and n.is_integer() and 0 <= n <= 24 and int(n) % 12 == hour
        return "same" if ok and (minute == 0 or n == 0) else None
    if t.kind != e.kind and {t.kind, e.kind} not in ({"number", "percent"}, {"number", "decade"}):
        return None
    if t.values() & e.values():
        return "same"
    if e.foreign is not None and round(e.foreign, 6) in t.values():
        return "foreign"
    return None


def _fmt(q: Quantity) -> str:
    if q.kind == "time" or isinstance(q.value, tuple):
        return q.text
    if q.kind == "decade":
        return f"{q.value:g}s"
    text = f"{q.value:,.6f}".rstrip("0").rstrip(".")
    return text + ("%" if q.kind == "percent" else "")


def _reading(q: Quantity) -> str:
    """How hizala read the quantity, when that is not just the text: " (1,250.5)"."""
    shown = _fmt(q)
    plain = q.text.replace(" ", "")
    return "" if shown in (q.text, plain) or q.text.isdigit() else f" ({shown})"


def _digits(q: Quantity) -> str:
    return re.sub(r"\D", "", q.text)


def _same_figure(t: Quantity, e: Quantity) -> bool:
    """The same figure with another scale: ``2.3 milyon`` and ``2.3 billion``, ``500``/``500m``."""
    if t.figure is None and e.figure is None:
        return False
    tf = t.figure if t.figure is not None else t.value
    ef = e.figure if e.figure is not None else e.value
    return tf == ef and t.value != e.value


def _converted(t: Quantity, e: Quantity) -> bool:
    factor = _CONVERT.get((t.unit, e.unit))
    if factor is None or not isinstance(t.value, float) or not isinstance(e.value, float):
        return False
    want = t.value * factor
    return want > 0 and abs(e.value - want) <= 0.2 * want


def _number_findings(tr_side: _Side, en_side: _Side, en: str) -> list[Finding]:
    tq, eq = tr_side.quantities, en_side.quantities
    out: list[Finding] = []
    # 1. digits with digits; English figures that only the Turkish way read as the Turkish one
    for want in ("same", "foreign"):
        for i, t in tr_side.free(strong=True):
            for j, e in en_side.free(strong=True):
                if _match(t, e) == want:
                    tr_side.used.add(i)
                    en_side.used.add(j)
                    if want == "foreign":
                        out.append(Finding(
                            "number",
                            f"English {e.text!r} reads as {_fmt(e)} in English, but the Turkish "
                            f"{t.text!r} is {_fmt(t)}: write {_fmt(t)}",
                            (t.start, t.end), (e.start, e.end)))
                    elif e.misformatted:
                        out.append(Finding("number", e.misformatted, (t.start, t.end),
                                           (e.start, e.end), severity="warning"))
                    break
    # 2. digits with words or date fields, on either side
    for mine, theirs in ((tr_side, en_side), (en_side, tr_side)):
        for i, q in mine.free(strong=True):
            for j, other in theirs.free(strong=False):
                pair = (q, other) if mine is tr_side else (other, q)
                if _match(*pair) == "same":
                    mine.used.add(i)
                    theirs.used.add(j)
                    break
    # 3. measures converted
    for i, t in tr_side.free(strong=True):
        if not t.unit:
            continue
        match = next((j for j, e in en_side.free(strong=True) if _converted(t, e)), None)
        if match is not None:
            tr_side.used.update({i})
            en_side.used.add(match)
        elif t.unit in _EN_UNIT_WORD and re.search(_EN_UNIT_WORD[t.unit], en, re.IGNORECASE):
            tr_side.used.add(i)  # "1,5 km" / "about a mile"
    # 4. what is left
    left_tr = [(i, t) for i, t in tr_side.free(strong=True)]
    left_en = [(j, e) for j, e in en_side.free(strong=True)]
    for i, t in left_tr:
        same_kind = [(j, e) for j, e in left_en if j not in en_side.used and _kin(t, e)]
        pick = next((j for j, e in same_kind if _same_figure(t, e)), None)
        if pick is None:
            pick = next((j for j, e in same_kind if one_edit(_digits(t), _digits(e)) is not None), None)
        if pick is None and len(same_kind) == 1 and sum(_kin(x, same_kind[0][1])
                                                        for _, x in left_tr) == 1:
            pick = same_kind[0][0]
        if pick is None:
            continue
        e = eq[pick]
        tr_side.used.add(i)
        en_side.used.add(pick)
        out.append(Finding(
            "number",
            f"Turkish {t.text!r}{_reading(t)} is {e.text!r}{_reading(e)} in the English",
            (t.start, t.end), (e.start, e.end)))
    matched_tr = {v for k in tr_side.used for v in tq[k].values()}
    matched_en = {v for k in en_side.used for v in eq[k].values()}
    seen: set[object] = set()
    for _, t in tr_side.free(strong=True):
        if t.values() & matched_tr or t.key in seen:
            continue  # the English has this value already, or it was reported
        seen.add(t.key)
        out.append(Finding("number", f"Turkish {t.text!r}{_reading(t)} is not in the English",
                           (t.start, t.end), None, severity="warning"))
    for _, e in en_side.free(strong=True):
        small = e.kind == "number" and isinstance(e.value, float) and e.value < 10
        if e.values() & matched_en or e.key in seen or (small and not e.misformatted):
            continue
        seen.add(e.key)
        message = e.misformatted or f"English {e.text!r}{_reading(e)} is not in the Turkish"
        out.append(Finding("number", message, None, (e.start, e.end), severity="warning"))
    return out


def _kin(t: Quantity, e: Quantity) -> bool:
    return t.kind == e.kind or {t.kind, e.kind} in ({"number", "percent"}, {"number", "decade"})


def _conflict(a: DateMention, b: DateMention) -> float:
    """How much two disagreeing mentions look like one date changed (<= 0: not at all)."""
    agree = sum(bool(x & y) for x, y in ((a.days, b.days), (a.months, b.months),
                                         (a.years, b.years)))
    return agree + (0.5 if a.months and b.months else 0.0)


def _date_findings(td: list[DateMention], ed: list[DateMention], tr_side: _Side,
                   en_side: _Side, texts: tuple[str, str]) -> list[Finding]:
    out: list[Finding] = []
    used_en: set[int] = set()
    left: list[DateMention] = []
    for t in td:
        best = max(((same_date(t, e), j) for j, e in enumerate(ed) if j not in used_en),
                   default=(0, -1))
        if best[0] > 0:
            used_en.add(best[1])
        else:
            left.append(t)
    rest: list[DateMention] = []
    for t in left:
        scored = [(_conflict(t, e), j) for j, e in enumerate(ed) if j not in used_en]
        score, j = max(scored, default=(0.0, -1))
        if score >= 0.5:
            used_en.add(j)
            e = ed[j]
            out.append(Finding(
                "number", f"Turkish {t.text!r} ({describe(t)}) is {e.text!r} ({describe(e)}) "
                "in the English", (t.start, t.end), (e.start, e.end)))
        else:
            rest.append(t)
    for dates, theirs, side in ((rest, en_side, "tr"),
                                ([e for j, e in enumerate(ed) if j not in used_en], tr_side, "en")):
        for d in dates:
            fields = {float(v) for v in d.days | d.years}
            hit = next((k for k, q in theirs.free() if q.kind == "number" and q.values() & fields),
                       None)
            if hit is not None:
                theirs.used.add(hit)  # "15-16 Ocak" / "January 15 and 16": the 16 alone
                continue
            other_text = texts[1] if side == "tr" else texts[0]
            if not fields and all(names_month(other_text, mo, side == "tr") for mo in d.months):
                continue  # a month alone, named on the other side as a word (the May high)
            span = (d.start, d.end)
            lang, other = ("Turkish", "English") if side == "tr" else ("English", "Turkish")
            out.append(Finding("number", f"{lang} {d.text!r} ({describe(d)}) is not in the "
                               f"{other}", span if side == "tr" else None,
                               span if side == "en" else None, severity="warning"))
    return out


def _weekday_findings(tr: str, en: str) -> list[Finding]:
    tw, ew = tr_weekdays(tr), en_weekdays(en)
    t_left = [w for w in tw if w.day not in {x.day for x in ew}]
    e_left = [w for w in ew if w.day not in {x.day for x in tw}]
    return [
        Finding("number", f"Turkish {t.text!r} ({EN_WEEKDAYS[t.day].title()}) is {e.text!r} "
                "in the English", (t.start, t.end), (e.start, e.end))
        for t, e in zip(t_left, e_left, strict=False)
    ]


def figure_findings(tr: str, en: str) -> list[Finding]:
    """The ``number`` findings of a sentence pair (spans into ``tr`` and ``en``)."""
    td, ed = tr_dates(tr), en_dates(en)
    t_taken = [(d.start, d.end) for d in td]
    e_taken = [(d.start, d.end) for d in ed]
    tq, eq = tr_quantities(tr, t_taken), en_quantities(en, e_taken)
    t_all = t_taken + [(q.start, q.end) for q in tq]
    e_all = e_taken + [(q.start, q.end) for q in eq]
    tr_side = _Side([*tq, *_weak(tr_word_numbers(tr), t_all), *_date_numbers(td)])
    en_side = _Side([*eq, *_weak(en_word_numbers(en), e_all), *_date_numbers(ed)])
    out = _date_findings(td, ed, tr_side, en_side, (tr, en))
    out += _weekday_findings(tr, en)
    out += _number_findings(tr_side, en_side, en)
    return out
