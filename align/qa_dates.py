"""Dates and weekdays in Turkish and English text, read as units that can be compared.

A date is whatever of day, month and year the text gives (``24 Haziran``, ``Haziran'da``,
``Kasım 2005'te``, ``24.06.2026``, ``2026-06-24``; ``July 24``, ``24 July 2026``,
``Jul. 24``, ``24th of July``, ``in July``, ``6/24/2026``): two mentions are the same date
when every field both give agrees, and a mention that names a different month or day than
its counterpart is a wrong date. Weekdays (``Salı günü``, ``Cuma'dan``; ``on Tuesday``)
are read apart.

Month names are also words (Turkish ``ocak`` 'hearth', ``ekim`` 'sowing', ``Kasım`` a man's
name, ``aralık`` 'gap'; English ``may``, ``march``): such a name alone counts as a month
only with its capital and a sign of time around it (a day, a year, ``ayı``, a locative
ending, ``in``/``last``…). Turkish is read on its folded text (``İ``/``I`` as Turkish
letters), which keeps every offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold

__all__ = [
    "EN_MONTHS",
    "TR_MONTHS",
    "DateMention",
    "Weekday",
    "describe",
    "en_dates",
    "en_weekdays",
    "names_month",
    "same_date",
    "tr_dates",
    "tr_weekdays",
]

TR_MONTHS = ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos",
             "eylül", "ekim", "kasım", "aralık")
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december")
_EN_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
            "sept": 9, "oct": 10, "nov": 11, "dec": 12}
TR_WEEKDAYS = ("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar")
EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month names that are also common words or names: alone they need a sign of time.
_TR_AMBIGUOUS = frozenset({"ocak", "ekim", "kasım", "aralık", "eylül", "nisan"})
_EN_AMBIGUOUS = frozenset({"may", "march", "august"})
_TR_TIME_ENDING = re.compile(r"['’]?(?:d|t)(?:a|e)(?:n|ki)?$")
_TR_SUFFIX = r"(?:['’][a-zçğıöşü]{1,7}|(?:d|t)(?:a|e)(?:n|ki)?|n?[ıiuü]n|y?[ıiuüae]|ki)?"
_TR_MONTH = "|".join(TR_MONTHS)
_TR_BEFORE = re.compile(r"(?:geçen|bu|önümüzdeki|gelecek|her|ilk|son|geçtiğimiz)\s+$")
_EN_BEFORE = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|last|next|early|late|mid|this|from|to|through|during|"
    r"before|after|between|and|or|every|end|start|beginning|for|on|the|throughout)\s+|mid-)$",
    re.IGNORECASE,
)
_DAY = r"(\d{1,2})"
_TR_DAY_MONTH = re.compile(
    rf"(?<![\w.,])(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?\s+({_TR_MONTH}){_TR_SUFFIX}"
    rf"(?:\s+(\d{{4}}))?(?![\w\d])"
)
_TR_MONTH_YEAR = re.compile(rf"(?<![\w])({_TR_MONTH}){_TR_SUFFIX}\s+(\d{{4}})(?![\d])")
_TR_MONTH_OF_DAY = re.compile(
    rf"(?<![\w])({_TR_MONTH})['’]?n?[ıiuü]n\s+(\d{{1,2}})(?:['’][a-zçğıöşü]+)?(?![\w\d])"
)
_TR_MONTH_ALONE = re.compile(rf"(?<![\w])({_TR_MONTH})({_TR_SUFFIX})(?![\w])")
_NUMERIC_DMY = re.compile(r"(?<![\w.,/-])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\w.,/-]*\d)")
_ISO = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_EN_MONTH = "|".join([*EN_MONTHS, *_EN_ABBR])
_ORD = r"(?:st|nd|rd|th)?"
_EN_MONTH_DAY = re.compile(
    rf"\b({_EN_MONTH})(\.?)\s+{_DAY}{_ORD}(?:\s*(?:-|–|and|to|&)\s*{_DAY}{_ORD})?"
    rf"(?:,?\s+(\d{{4}}))?(?![\w%])(?!\s*(?:%|per\s?cent))",
    re.IGNORECASE,
)
_EN_DAY_MONTH = re.compile(
    rf"(?<![\w.,]){_DAY}{_ORD}(?:\s*(?:-|–|and|to|&)\s*{_DAY}{_ORD})?\s+(?:of\s+)?"
    rf"({_EN_MONTH})(\.?)(?:,?\s+(\d{{4}}))?(?![\w])",
    re.IGNORECASE,
)
_EN_MONTH_YEAR = re.compile(rf"\b({_EN_MONTH})(\.?),?\s+(?:of\s+)?(\d{{4}})(?![\d])", re.IGNORECASE)
_EN_ABBR_ALONE = re.compile(rf"\b({'|'.join(k for k in _EN_ABBR if k != 'mar')})\.", re.IGNORECASE)
_EN_TO_MONTH = re.compile(rf"\s*(?:-|–|to|and|through|or)\s*(?:{'|'.join(EN_MONTHS)})\b", re.I)
_EN_MONTH_ALONE = re.compile(rf"\b({'|'.join(EN_MONTHS)})\b", re.IGNORECASE)
_EN_SLASHED = re.compile(r"(?<![\w./])(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?![\w/])")
_TR_WEEKDAY = re.compile(
    rf"(?<![\w])({'|'.join(sorted(TR_WEEKDAYS, key=len, reverse=True))})(['’][a-zçğıöşü]+)?"
    r"(?=(\s+(?:gün|gece|sabah|akşam|öğle)\w*)?)(?![\w])"
)
_EN_WEEKDAY = re.compile(rf"\b({'|'.join(EN_WEEKDAYS)})s?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as a text gives it: any of day, month and year."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The text as written."""
    days: frozenset[int] = frozenset()
    """The day(s) of the month (two for a range ``15-16 Ocak``); empty if not given."""
    months: frozenset[int] = frozenset()
    """The month (1-12); two readings for an ambiguous ``6/7/2016``; empty if not given."""
    years: frozenset[int] = frozenset()
    """The year; empty if not given."""


@dataclass(frozen=True, slots=True)
class Weekday:
    """A day of the week named in a text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The text as written."""
    day: int
    """0 for Monday … 6 for Sunday."""


def same_date(a: DateMention, b: DateMention) -> int:
    """How many fields two mentions share and agree on; -1 when a shared field differs,
    0 when they share none."""
    shared = 0
    for x, y in ((a.days, b.days), (a.months, b.months), (a.years, b.years)):
        if x and y:
            if not x & y:
                return -1
            shared += 1
    return shared


def describe(d: DateMention) -> str:
    """The date in English words: ``June 24, 2026``, ``June 2026``, ``June``, ``24``."""
    month = " or ".join(EN_MONTHS[m - 1].title() for m in sorted(d.months))
    day = "-".join(str(x) for x in sorted(d.days))
    year = "/".join(str(y) for y in sorted(d.years))
    if month and day:
        return f"{month} {day}" + (f", {year}" if year else "")
    return " ".join(x for x in (month, day, year) if x)


def _free(taken: list[tuple[int, int]], a: int, b: int) -> bool:
    return all(b <= x or a >= y for x, y in taken)


def _days(*groups: str | None) -> frozenset[int]:
    return frozenset(int(g) for g in groups if g and 1 <= int(g) <= 31)


def _years(group: str | None) -> frozenset[int]:
    return frozenset({int(group)}) if group else frozenset()


def _numeric(text: str, out: list[DateMention], taken: list[tuple[int, int]], us: bool) -> None:
    for m in _ISO.finditer(text):
        month, day = int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(DateMention(m.start(), m.end(), m.group(), _days(m.group(3)),
                                   frozenset({month}), _years(m.group(1))))
            taken.append(m.span())
    for m in _NUMERIC_DMY.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        if m.group(2) == "." and 1 <= b <= 12 and 1 <= a <= 31 and _free(taken, *m.span()):
            out.append(DateMention(m.start(), m.end(), m.group(), _days(m.group(1)),
                                   frozenset({b}), _years(m.group(4))))
            taken.append(m.span())
    for m in (_EN_SLASHED if us else _NUMERIC_DMY).finditer(text):
        if not _free(taken, *m.span()):
            continue
        a, b = int(m.group(1)), int(m.group(3 if not us else 2))
        year = m.group(4 if not us else 3)
        if len(year) == 2:
            year = "20" + year
        readings = {(a, b), (b, a)} if us else {(a, b)}  # US m/d or d/m: both are read
        readings = {(d, mo) for d, mo in readings if 1 <= d <= 31 and 1 <= mo <= 12}
        if readings:
            out.append(DateMention(m.start(), m.end(), m.group(),
                                   frozenset(d for d, _ in readings),
                                   frozenset(mo for _, mo in readings), _years(year)))
            taken.append(m.span())


def tr_dates(text: str) -> list[DateMention]:
    """The dates of a Turkish text (see the module's docstring)."""
    folded = fold(text)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    _numeric(folded, out, taken, us=False)
    for m in _TR_DAY_MONTH.finditer(folded):
        if _free(taken, *m.span()):
            month = TR_MONTHS.index(m.group(3)) + 1
            out.append(DateMention(m.start(), m.end(), text[m.start() : m.end()],
                                   _days(m.group(1), m.group(2)), frozenset({month}),
                                   _years(m.group(4))))
            taken.append(m.span())
    for m in _TR_MONTH_OF_DAY.finditer(folded):  # Temmuz'un 3'ünde: on the 3rd of July
        if _free(taken, *m.span()):
            out.append(DateMention(m.start(), m.end(), text[m.start() : m.end()],
                                   _days(m.group(2)), frozenset({TR_MONTHS.index(m.group(1)) + 1})))
            taken.append(m.span())
    for m in _TR_MONTH_YEAR.finditer(folded):
        if _free(taken, *m.span()):
            month = TR_MONTHS.index(m.group(1)) + 1
            out.append(DateMention(m.start(), m.end(), text[m.start() : m.end()],
                                   months=frozenset({month}), years=_years(m.group(2))))
            taken.append(m.span())
    for m in _TR_MONTH_ALONE.finditer(folded):
        if not _free(taken, *m.span()):
            continue
        name, ending = m.group(1), m.group(2)
        after = folded[m.end() : m.end() + 8]
        said_month = bool(
            re.match(r"\s+(?:ay(?:[ıi]|la|lar|da|dan|ın|a\b)|orta|baş|son)", after)
        ) or bool(_TR_BEFORE.search(folded[max(0, m.start() - 14) : m.start()]))
        timed = bool(ending) and bool(_TR_TIME_ENDING.search(ending))
        if name in ("aralık", "ocak") and not text[m.start()].isupper():
            ok = said_month  # aralıkta: in the gap; ocaktan: from the stove
        elif ending and not timed:
            ok = said_month and ending.startswith(("'", "’"))  # Martin is a name
        elif name in _TR_AMBIGUOUS:
            ok = said_month or timed
        else:
            ok = said_month or timed or text[m.start()].isupper()
        if ok:
            end = m.end()
            out.append(DateMention(m.start(), end, text[m.start() : end],
                                   months=frozenset({TR_MONTHS.index(name) + 1})))
            taken.append(m.span())
    return sorted(out, key=lambda d: d.start)


def _en_month(name: str) -> int:
    low = name.lower()
    return EN_MONTHS.index(low) + 1 if low in EN_MONTHS else _EN_ABBR[low]


def _en_ok(m: re.Match[str], group: int) -> bool:
    """A month name beside a day or a year counts with its capital (``may 5`` does not)."""
    return m.group(group)[:1].isupper()


def en_dates(text: str) -> list[DateMention]:
    """The dates of an English text (see the module's docstring)."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    _numeric(text, out, taken, us=True)
    for m in _EN_MONTH_DAY.finditer(text):
        if _free(taken, *m.span()) and _en_ok(m, 1):
            out.append(DateMention(m.start(), m.end(), m.group(), _days(m.group(3), m.group(4)),
                                   frozenset({_en_month(m.group(1))}), _years(m.group(5))))
            taken.append(m.span())
    for m in _EN_DAY_MONTH.finditer(text):
        if _free(taken, *m.span()) and _en_ok(m, 3):
            out.append(DateMention(m.start(), m.end(), m.group(), _days(m.group(1), m.group(2)),
                                   frozenset({_en_month(m.group(3))}), _years(m.group(5))))
            taken.append(m.span())
    for m in _EN_MONTH_YEAR.finditer(text):
        if _free(taken, *m.span()) and _en_ok(m, 1):
            out.append(DateMention(m.start(), m.end(), m.group(),
                                   months=frozenset({_en_month(m.group(1))}),
                                   years=_years(m.group(3))))
            taken.append(m.span())
    for m in _EN_ABBR_ALONE.finditer(text):
        if _free(taken, *m.span()) and m.group(1)[:1].isupper():
            out.append(DateMention(m.start(), m.end(), m.group(),
                                   months=frozenset({_en_month(m.group(1))})))
            taken.append(m.span())
    for m in _EN_MONTH_ALONE.finditer(text):
        if not _free(taken, *m.span()) or not m.group(1)[:1].isupper():
            continue
        if m.group(1).lower() in _EN_AMBIGUOUS and not (
            _EN_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
            or _EN_TO_MONTH.match(text[m.end() : m.end() + 16])
        ):
            continue
        out.append(DateMention(m.start(), m.end(), m.group(),
                               months=frozenset({_en_month(m.group(1))})))
        taken.append(m.span())
    return sorted(out, key=lambda d: d.start)


def tr_weekdays(text: str) -> list[Weekday]:
    """The weekdays of a Turkish text: a weekday with its capital or followed by ``günü``
    (``pazar`` 'market' and ``cuma`` 'Friday prayer' need ``günü`` or an apostrophe)."""
    folded = fold(text)
    out = []
    for m in _TR_WEEKDAY.finditer(folded):
        name = m.group(1)
        day_word = bool(m.group(3))
        capital = text[m.start()].isupper()
        # pazar 'market', cuma 'Friday prayer': with günü or an apostrophe ending only
        ambiguous = name in ("pazar", "cuma")
        ok = day_word or (capital and (bool(m.group(2)) or not ambiguous))
        if ok:
            end = m.end(1) + len(m.group(2) or "")
            out.append(Weekday(m.start(), end, text[m.start() : end], TR_WEEKDAYS.index(name)))
    return out


def en_weekdays(text: str) -> list[Weekday]:
    """The weekdays of an English text (``Monday``, ``Mondays``; with their capital)."""
    return [
        Weekday(m.start(), m.end(), m.group(), EN_WEEKDAYS.index(m.group(1).lower()))
        for m in _EN_WEEKDAY.finditer(text)
        if m.group(1)[:1].isupper() and m.group(1).lower() in EN_WEEKDAYS
    ]


def names_month(text: str, month: int, english: bool) -> bool:
    """Whether ``text`` has the name of ``month`` (1-12) anywhere, in any case or sense: a
    month the other side names alone (``the May high``, ``Ocak imzaları``) is not missing
    when it is there as a word this reader did not count as a date."""
    if english:
        return re.search(rf"\b{EN_MONTHS[month - 1]}\b", text, re.IGNORECASE) is not None
    return re.search(rf"(?<![\w]){TR_MONTHS[month - 1]}", fold(text)) is not None
