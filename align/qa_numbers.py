"""Numbers, percentages and dates in Turkish and English text, as comparable values.

Turkish writes ``1.250,5`` and ``%5``; English writes ``1,250.5`` and ``5%`` —
:func:`tr_quantities` and :func:`en_quantities` read each side with its own
conventions and return :class:`Quantity` values that compare equal when the
translation kept the number (``24 Haziran`` == ``June 24``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .normalize import tr_lower

__all__ = ["Quantity", "en_quantities", "tr_quantities"]

TR_MONTHS = [
    "ocak",
    "şubat",
    "mart",
    "nisan",
    "mayıs",
    "haziran",
    "temmuz",
    "ağustos",
    "eylül",
    "ekim",
    "kasım",
    "aralık",
]
EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
EN_MONTH_ABBR = [m[:3] for m in EN_MONTHS] + ["sept"]
EN_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
EN_ORDINALS = {
    w: n
    for n, w in enumerate(
        [
            "zeroth",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ]
    )
}
_SCALE_TR = {"bin": 1e3, "milyon": 1e6, "milyar": 1e9, "trilyon": 1e12}
# Scale words with their case and plural endings ("15 binden fazla" = more than 15,000),
# by vowel harmony, so that "15 bina" (15 buildings) is not 15,000.
_TR_LETTERS = "a-zçğıöşü"
_SCALE_TR_ENDINGS = {
    "bin": rf"i|e|in|ini|ine|inde|inden|iyle|de|den|le|lik|ce|ler[{_TR_LETTERS}]*",
    "milyon": rf"u|a|un|unu|una|unda|undan|uyla|da|dan|la|luk|ca|lar[{_TR_LETTERS}]*",
    "milyar": rf"ı|a|ın|ını|ına|ında|ından|ıyla|da|dan|la|lık|ca|lar[{_TR_LETTERS}]*",
    "trilyon": rf"u|a|un|unu|una|unda|undan|uyla|da|dan|la|luk|ca|lar[{_TR_LETTERS}]*",
}
_TR_SCALE_WORD = "|".join(
    rf"{word}(?:['’]?(?:{endings}))?" for word, endings in _SCALE_TR_ENDINGS.items()
)
_SCALE_EN = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}

_B = r"(?<![\w.,])"
_TR_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+\.\d+|\d+(?:,\d+)?"
_EN_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TR_DATE = re.compile(rf"{_B}(\d{{1,2}})\s+({'|'.join(TR_MONTHS)})", re.IGNORECASE)
_EN_DATE_MD = re.compile(
    rf"\b({'|'.join(EN_MONTHS + EN_MONTH_ABBR)})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE
)
_EN_DATE_DM = re.compile(
    rf"{_B}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({'|'.join(EN_MONTHS + EN_MONTH_ABBR)})\b",
    re.IGNORECASE,
)
_TR_PERCENT = re.compile(rf"(?:%\s?|yüzde\s+)({_TR_NUM})", re.IGNORECASE)
_EN_PERCENT = re.compile(rf"({_EN_NUM})\s?(?:%|per\s?cent|pct\b)", re.IGNORECASE)
_TR_NUMBER = re.compile(rf"{_B}({_TR_NUM})(?:\s+({_TR_SCALE_WORD})\b)?(?!\d)", re.IGNORECASE)
_EN_NUMBER = re.compile(
    rf"{_B}({_EN_NUM})(?:\s*({'|'.join(_SCALE_EN)})\b)?(?!\d)(?!,\d)", re.IGNORECASE
)
# Clock times: "17:00", "saat 10.00'da"; English "10:00", "10.30 am", "5 pm". Compared
# on a 12-hour clock, so that 17:00 = 5 pm.
_TR_TIME = re.compile(
    r"(?<![\w.,:%])(?<!yüzde )(?<!Yüzde )([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d|[.,]\d)"
)
_EN_TIME = re.compile(
    r"(?<![\w.,:])(?:([01]?\d|2[0-3]):([0-5]\d)(?:\s*([ap])(?:\.m\.|\.m\b|m\b))?"
    r"|(1[0-2]|0?\d)(?:\.([0-5]\d))?\s*([ap])(?:\.m\.|\.m\b|m\b))(?![\d])",
    re.IGNORECASE,
)
# Turkish numbers written with scale words in between: "6 bin 500" = 6,500,
# "bin 238" = 1,238, "2 milyon 300 bin" = 2,300,000.
_TR_COMPOUND = re.compile(
    rf"{_B}(?:(?:{_TR_NUM})\s+)?(?:{'|'.join(_SCALE_TR)})(?:\s+(?:{_TR_NUM})(?:\s+(?:{_TR_SCALE_WORD}))?)+\b(?!\d)",
    re.IGNORECASE,
)
_EN_COMPOUND = re.compile(
    rf"{_B}(?:{_EN_NUM})\s+(?:thousand|million|billion)(?:\s+(?:{_EN_NUM})(?:\s+(?:thousand|million|billion))?)+\b(?!\d)",
    re.IGNORECASE,
)
_EN_WORD = re.compile(r"\b(" + "|".join(list(EN_WORDS) + list(EN_ORDINALS)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, a percentage or a date found in a text."""

    kind: str
    """``number``, ``percent``, ``date`` or ``time``."""
    value: float | tuple[int, int]
    """The numeric value, ``(month, day)`` for a date, ``(hour mod 12, minute)`` for a time."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The text as written."""
    misformatted: str = ""
    """For English: why the number looks like it kept the Turkish format (``%5``, ``1.250``)."""

    @property
    def key(self) -> tuple[str, float | tuple[int, int]]:
        """What must match between the two sides."""
        value = round(self.value, 6) if isinstance(self.value, float) else self.value
        return (self.kind, value)


def _scale_tr(word: str) -> float:
    """The value of a Turkish scale word, inflected or not ("binden" -> 1000)."""
    low = tr_lower(word)
    return next((v for stem, v in _SCALE_TR.items() if low.startswith(stem)), 1.0)


def _compound(text: str, scale_of: Callable[[str], float], value_of: Callable[[str], float]) -> float:
    """The value of a number written with scale words: "6 bin 500", "7 thousand 750"."""
    total, current = 0.0, 0.0
    for token in text.split():
        scale = scale_of(token) if token[0].isalpha() else 0.0
        if scale:
            total += (current or 1.0) * scale
            current = 0.0
        else:
            current = value_of(token)
    return total + current


def _tr_compound(text: str) -> float:
    return _compound(text, _scale_tr, _tr_value)


def _en_compound(text: str) -> float:
    return _compound(text, lambda word: _SCALE_EN.get(word.lower(), 0.0), _en_value)


def _tr_value(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


def _en_value(text: str) -> float:
    return float(text.replace(",", ""))


def _free(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return all(b <= x or a >= y for x, y in spans)


def tr_quantities(text: str) -> list[Quantity]:
    """Dates, percentages and numbers in Turkish text (Turkish separators)."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _TR_TIME.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2))
        out.append(Quantity("time", (hour % 12, minute), m.start(), m.end(), m.group()))
        taken.append(m.span())
    for m in _TR_COMPOUND.finditer(text):
        if _free(taken, *m.span()):
            out.append(Quantity("number", _tr_compound(m.group()), m.start(), m.end(), m.group()))
            taken.append(m.span())
    for m in _TR_DATE.finditer(text):
        if not _free(taken, *m.span()):
            continue
        month = TR_MONTHS.index(m.group(2).lower().replace("I", "ı")) + 1
        out.append(Quantity("date", (month, int(m.group(1))), m.start(), m.end(), m.group()))
        taken.append(m.span())
    for m in _TR_PERCENT.finditer(text):
        if _free(taken, *m.span()):
            out.append(Quantity("percent", _tr_value(m.group(1)), m.start(), m.end(), m.group()))
            taken.append(m.span())
    for m in _TR_NUMBER.finditer(text):
        if not _free(taken, *m.span()):
            continue
        value = _tr_value(m.group(1))
        if m.group(2):
            value *= _scale_tr(m.group(2))
        out.append(Quantity("number", value, m.start(), m.end(), m.group()))
    return sorted(out, key=lambda q: q.start)


def en_quantities(text: str) -> list[Quantity]:
    """Dates, percentages and numbers (digits or words up to twenty) in English text."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _EN_TIME.finditer(text):
        if m.group(1):
            hour, minute = int(m.group(1)), int(m.group(2))
        else:
            hour, minute = int(m.group(4)), int(m.group(5) or 0)
        out.append(Quantity("time", (hour % 12, minute), m.start(), m.end(), m.group()))
        taken.append(m.span())
    for m in _EN_COMPOUND.finditer(text):
        if _free(taken, *m.span()):
            out.append(Quantity("number", _en_compound(m.group()), m.start(), m.end(), m.group()))
            taken.append(m.span())
    for pattern, month_group, day_group in ((_EN_DATE_MD, 1, 2), (_EN_DATE_DM, 2, 1)):
        for m in pattern.finditer(text):
            if not _free(taken, *m.span()):
                continue
            name = m.group(month_group).lower()
            month = (
                EN_MONTHS.index(name) if name in EN_MONTHS else EN_MONTH_ABBR.index(name) % 12
            ) + 1
            out.append(
                Quantity("date", (month, int(m.group(day_group))), m.start(), m.end(), m.group())
            )
            taken.append(m.span())
    for m in _EN_PERCENT.finditer(text):
        if _free(taken, *m.span()):
            out.append(Quantity("percent", _en_value(m.group(1)), m.start(), m.end(), m.group()))
            taken.append(m.span())
    for m in re.finditer(rf"%\s?({_EN_NUM})", text):
        if _free(taken, *m.span()):
            out.append(
                Quantity(
                    "percent",
                    _en_value(m.group(1)),
                    m.start(),
                    m.end(),
                    m.group(),
                    f"'{m.group()}' keeps the Turkish order; write {m.group(1)}%",
                )
            )
            taken.append(m.span())
    for m in _EN_NUMBER.finditer(text):
        if not _free(taken, *m.span()):
            continue
        raw = m.group(1)
        value = _en_value(raw)
        why = ""
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) and not re.fullmatch(r"\d\.\d{3}", raw):
            why = (
                f"'{raw}' uses the Turkish thousands dot; in English write {raw.replace('.', ',')}"
            )
        if m.group(2):
            value *= _SCALE_EN[m.group(2).lower()]
        out.append(Quantity("number", value, m.start(), m.end(), m.group(), why))
    for m in _EN_WORD.finditer(text):
        if _free(taken, *m.span()):
            word = m.group(1).lower()
            value = float(EN_WORDS.get(word, EN_ORDINALS.get(word, 0)))
            out.append(Quantity("number", value, m.start(), m.end(), m.group()))
    return sorted(out, key=lambda q: q.start)
