"""Numbers, percentages, clock times and decades in Turkish and English text, as values.

Each side is read with its own conventions — Turkish ``1.250,5`` and ``%5``, English
``1,250.5`` and ``5%`` — and every :class:`Quantity` also says what else its text could
mean, so that the checks can decide *per value, from the other side*, which reading the
writer meant:

* a Turkish ``62,198`` is 62.198 (decimal comma), but a ``1,250`` copied from an English
  source may be 1250: :attr:`Quantity.readings` holds both;
* an English ``62.198`` is 62.198; read the Turkish way it is 62198
  (:attr:`Quantity.foreign`): only if the Turkish says 62198 did the translator keep the
  Turkish thousands dot;
* scale words and suffixes multiply (``2,3 milyon``, ``15 binden``, ``6 bin 500``,
  ``$500m``, ``2bn``, ``200k``, ``8 million 734 thousand and 19``), and the figure before
  them is kept (:attr:`Quantity.figure`) to tell ``2.3 milyon`` from ``2.3 billion``;
* decades: ``90'lı yıllar``, ``1990'larda`` = ``1990s``, ``'90s``, ``the nineties``;
* clock times: ``17:00`` = ``5 pm``, ``saat 10.00'da`` = ``10:00``, ``0000 GMT``;
* a range's short end: ``2014-15`` also reads 2015;
* a unit after the number (``20 metre``, ``75-foot``) for conversions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .normalize import tr_lower

__all__ = ["Quantity", "en_quantities", "tr_quantities"]

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
_SCALE_EN = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
             "bn": 1e9, "m": 1e6, "mn": 1e6, "mln": 1e6, "k": 1e3, "tn": 1e12}
_EN_SCALE_WORD = r"thousand|million|billion|trillion|bn|mn|mln|tn|m|k"
# "m" and "k" are millions and thousands of money only ($500m, 200k euros): 400m is a race
_CURRENCY_BEFORE = re.compile(r"[$£€¥₺]\s?$|\b(?:US\$|USD|EUR|GBP|TL|Rs)\s?$")
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:dollars?|euros?|pounds?|lira|liras|TL|sterling|yen|USD|EUR|GBP)\b", re.IGNORECASE
)

_B = r"(?<![\w.,])"
_TR_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+\.\d+|\d+(?:,\d+)?"
_EN_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}(?![\d.])|\d+(?:[.,]\d+)?"
_TR_PERCENT = re.compile(rf"(?:%\s?|yüzde\s+)({_TR_NUM})", re.IGNORECASE)
_EN_PERCENT = re.compile(rf"({_EN_NUM})\s?(?:%|per\s?cent|pct\b)", re.IGNORECASE)
_TR_NUMBER = re.compile(rf"{_B}({_TR_NUM})(?:\s+({_TR_SCALE_WORD})\b)?(?!\d)", re.IGNORECASE)
_EN_NUMBER = re.compile(
    rf"{_B}({_EN_NUM})(½)?(?:(?:\s*|-)({_EN_SCALE_WORD})\b)?(?!\d)(?!,\d)", re.IGNORECASE
)
_EN_POINT = re.compile(r"(?<![\w.,])\.(\d+)(?!\d|[.,]\d)")
# Clock times: "17:00", "saat 10.00'da"; English "10:00", "10.30 am", "5 pm", "0000 GMT".
# Compared on a 12-hour clock, so that 17:00 = 5 pm.
_TR_TIME = re.compile(
    r"(?<![\w.,:%])(?<!yüzde )(?<!Yüzde )([01]?\d|2[0-3])([:.])([0-5]\d)(?!\d|[.,]\d)"
)
# With a dot, a clock time needs a sign of one (1.40 TL is a price): "saat" before it, a
# suffix after it (10.30'da), or another time beside it (17.00-18.00).
_TR_CLOCK_SIGN = re.compile(r"saat\s+$|[-–]\s*$", re.IGNORECASE)
_EN_TIME = re.compile(
    r"(?<![\w.,:])(?:([01]?\d|2[0-3]):([0-5]\d)(?:\s*([ap])(?:\.m\.|\.m\b|m\b))?"
    r"|(1[0-2]|0?\d)(?:\.([0-5]\d))?\s*([ap])(?:\.m\.|\.m\b|m\b)"
    r"|([01]\d|2[0-3])([0-5]\d)(?=\s*(?:GMT|UTC|CET|EST|BST|hours|hrs)\b))(?![\d])",
    re.IGNORECASE,
)
# Numbers written with scale words in between: "6 bin 500" = 6,500, "bin 238" = 1,238,
# "2 milyon 300 bin" = 2,300,000; "7 thousand, 750", "8 million 734 thousand and 19".
_TR_COMPOUND = re.compile(
    rf"{_B}(?:(?:{_TR_NUM})\s+)?(?:{'|'.join(_SCALE_TR)})(?:\s+(?:{_TR_NUM})(?:\s+(?:{_TR_SCALE_WORD}))?)+\b(?!\d)",
    re.IGNORECASE,
)
_EN_COMPOUND = re.compile(
    rf"{_B}(?:{_EN_NUM})\s+(?:thousand|million|billion)(?:,?\s+(?:and\s+)?(?:{_EN_NUM})"
    rf"(?:\s+(?:thousand|million|billion))?)+\b(?!\d)(?!,\d)",
    re.IGNORECASE,
)
# "90'lı yıllar", "1990'larda"; not "%20'lik" (-lIk makes an amount: a 20% rise)
_TR_DECADE = re.compile(
    r"(?<![\w.,%])(?<!yüzde )(?<!Yüzde )(\d{1,3}0)['’]?(?:l[ıiuü](?![kğ])|l[ae]r)[a-zçğıöşü]*",
    re.IGNORECASE,
)
_EN_DECADE = re.compile(r"(?<![\w.,])['’]?(\d{1,3}0)['’]?s\b")
_RANGE_END = re.compile(r"(?<![\w.,])((?:19|20)\d{2})\s*[-–/]\s*(\d{2})(?![\w.,]?\d)")
_TR_UNITS = {
    "km": "km", "kilometre": "km", "metre": "m", "m": "m", "santim": "cm", "santimetre": "cm",
    "cm": "cm", "kilo": "kg", "kilogram": "kg", "kg": "kg", "ton": "t", "litre": "l",
    "derece": "c",
}
_EN_UNITS = {
    "mile": "mi", "miles": "mi", "foot": "ft", "feet": "ft", "ft": "ft", "inch": "in",
    "inches": "in", "yard": "yd", "yards": "yd", "pound": "lb", "pounds": "lb", "lb": "lb",
    "lbs": "lb", "fahrenheit": "f", "gallon": "gal", "gallons": "gal", "ton": "t", "tons": "t",
}
_UNIT_AFTER = re.compile(r"^[\s-]*([a-zçğıöşü]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, a percentage, a clock time or a decade found in a text."""

    kind: str
    """``number``, ``percent``, ``time`` or ``decade``."""
    value: float | tuple[int, int]
    """The value as the side's conventions read it; ``(hour mod 12, minute)`` for a time;
    a decade's first year (1990; 90 for ``90'lar``)."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The text as written."""
    misformatted: str = ""
    """For English: why the text is not written the English way (``%5``)."""
    readings: frozenset[float] = frozenset()
    """Other values the text may mean on its own side (``1,250`` in Turkish: 1250 too;
    ``2014-15``: 2015; a two-digit decade: 1990 and 2090 too)."""
    foreign: float | None = None
    """For English: the value under Turkish conventions when it differs (``62.198`` →
    62198, ``1,250`` → 1.25, ``7,5`` → 7.5)."""
    strong: bool = True
    """Written in digits; numbers in words (weak) only stand for a figure on the other
    side, and are never reported as missing."""
    figure: float | None = None
    """For a number with a scale word or suffix: the figure before it (2.3 in ``2.3m``)."""
    unit: str = ""
    """A unit of measure right after the number (``km``, ``ft``), normalised."""

    @property
    def key(self) -> tuple[str, float | tuple[int, int]]:
        """What must match between the two sides."""
        value = round(self.value, 6) if isinstance(self.value, float) else self.value
        return (self.kind, value)

    def values(self) -> set[float | tuple[int, int]]:
        """The value and every other reading."""
        main = round(self.value, 6) if isinstance(self.value, float) else self.value
        return {main, *(round(r, 6) for r in self.readings)}


def _scale_tr(word: str) -> float:
    """The value of a Turkish scale word, inflected or not ("binden" -> 1000)."""
    low = tr_lower(word)
    return next((v for stem, v in _SCALE_TR.items() if low.startswith(stem)), 1.0)


def _compound(text: str, scale_of: Callable[[str], float], value_of: Callable[[str], float]) -> float:
    """The value of a number written with scale words: "6 bin 500", "7 thousand 750"."""
    total, current = 0.0, 0.0
    for token in text.replace(",", " , ").split():
        if token in (",", "and"):
            continue
        scale = scale_of(token) if token[0].isalpha() else 0.0
        if scale:
            total += (current or 1.0) * scale
            current = 0.0
        else:
            current = value_of(token)
    return total + current


def _descending(text: str, scale_of: Callable[[str], float]) -> bool:
    """Whether a number with scale words in between is one number: each scale smaller
    than the one before ("8 million 734 thousand and 19"), not a list of two ("110 million
    and 112 million")."""
    scales = [s for s in (scale_of(t) if t[0].isalpha() else 0.0 for t in text.split()) if s]
    return all(a > b for a, b in itertools.pairwise(scales))


def _tr_value(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


def _tr_readings(text: str) -> frozenset[float]:
    """What else a Turkish figure may mean: ``1,250`` 1250 (an English thousands comma
    copied from an English source). A ``1.250`` is always 1250."""
    if re.fullmatch(r"\d{1,3},\d{3}", text):
        return frozenset({float(text.replace(",", ""))})
    return frozenset()


def _en_value(text: str) -> float:
    if text.count(".") > 1:
        return float(text.replace(".", ""))  # Turkish thousands dots: 1.250.000
    if re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", text):
        return float(text.replace(",", "."))  # not a thousands group: a decimal comma
    return float(text.replace(",", ""))


def _en_foreign(text: str) -> float | None:
    """The value of an English figure read the Turkish way, when that differs."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    if re.fullmatch(r"\d+,\d+", text):
        return float(text.replace(",", "."))
    return None


def _en_misformatted(raw: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", raw):
        return f"'{raw}' uses Turkish thousands dots; in English write {raw.replace('.', ',')}"
    if re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", raw):
        return f"'{raw}' uses the Turkish decimal comma; in English write {raw.replace(',', '.')}"
    return ""


def _free(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return all(b <= x or a >= y for x, y in spans)


def _unit(text: str, end: int, table: dict[str, str]) -> str:
    m = _UNIT_AFTER.match(text[end : end + 14])
    if not m:
        return ""
    word = m.group(1).lower()
    return next((u for w, u in table.items() if word == w or (len(w) > 2 and word.startswith(w))),
                "")


def _decade_readings(digits: str) -> tuple[float, frozenset[float]]:
    value = float(digits)
    if len(digits) == 2:
        return value, frozenset({1900 + value, 2000 + value})
    return value, frozenset()


def tr_quantities(text: str, taken: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Percentages, clock times, decades and numbers in Turkish text (Turkish separators),
    outside the spans in ``taken`` (dates already read)."""
    out: list[Quantity] = []
    taken = list(taken or [])
    for m in _TR_TIME.finditer(text):
        suffixed = text[m.end() : m.end() + 1] in ("'", "’") and m.group(3) in ("00", "15", "30", "45")
        if m.group(2) == "." and not (
            _TR_CLOCK_SIGN.search(text[max(0, m.start() - 8) : m.start()])
            or suffixed
            or re.match(r"\s*[-–]\s*\d{1,2}[.:]\d\d", text[m.end() : m.end() + 8])
        ):
            continue
        if _free(taken, *m.span()):
            hour, minute = int(m.group(1)), int(m.group(3))
            out.append(Quantity("time", (hour % 12, minute), m.start(), m.end(), m.group()))
            taken.append(m.span())
    for m in _TR_DECADE.finditer(text):
        if _free(taken, *m.span()) and not text[m.end() : m.end() + 4].strip().startswith("yaş"):
            value, readings = _decade_readings(m.group(1))
            out.append(Quantity("decade", value, m.start(), m.end(), m.group(), readings=readings))
            taken.append(m.span())
    for m in _TR_COMPOUND.finditer(text):
        if _free(taken, *m.span()) and _descending(m.group(), _scale_tr):
            value = _compound(m.group(), _scale_tr, _tr_value)
            out.append(Quantity("number", value, m.start(), m.end(), m.group(),
                                unit=_unit(text, m.end(), _TR_UNITS)))
            taken.append(m.span())
    for m in _TR_PERCENT.finditer(text):
        if _free(taken, *m.span()):
            out.append(Quantity("percent", _tr_value(m.group(1)), m.start(), m.end(), m.group(),
                                readings=_tr_readings(m.group(1))))
            taken.append(m.span())
    ranges = {m.start(2): float(m.group(1)[:2] + m.group(2)) for m in _RANGE_END.finditer(text)}
    for m in _TR_NUMBER.finditer(text):
        if not _free(taken, *m.span()):
            continue
        value = _tr_value(m.group(1))
        alt: set[float] = set(_tr_readings(m.group(1)))
        figure = None
        if m.group(2):
            figure = value
            scale = _scale_tr(m.group(2))
            value *= scale
            alt = {r * scale for r in alt}
        if m.start() in ranges:
            alt.add(ranges[m.start()])
        out.append(Quantity("number", value, m.start(), m.end(), m.group(),
                            readings=frozenset(alt), figure=figure,
                            unit=_unit(text, m.end(), _TR_UNITS)))
    return sorted(out, key=lambda q: q.start)


def en_quantities(text: str, taken: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Percentages, clock times, decades and numbers in English text, outside ``taken``."""
    out: list[Quantity] = []
    taken = list(taken or [])
    for m in _EN_TIME.finditer(text):
        if not _free(taken, *m.span()):
            continue
        if m.group(1):
            hour, minute = int(m.group(1)), int(m.group(2))
        elif m.group(4):
            hour, minute = int(m.group(4)), int(m.group(5) or 0)
        else:
            hour, minute = int(m.group(7)), int(m.group(8))
        out.append(Quantity("time", (hour % 12, minute), m.start(), m.end(), m.group()))
        taken.append(m.span())
    for m in _EN_DECADE.finditer(text):
        if _free(taken, *m.span()):
            value, readings = _decade_readings(m.group(1))
            out.append(Quantity("decade", value, m.start(), m.end(), m.group(), readings=readings))
            taken.append(m.span())
    for m in _EN_COMPOUND.finditer(text):
        if _free(taken, *m.span()) and _descending(
            m.group(), lambda w: _SCALE_EN.get(w.lower(), 0.0)
        ):
            value = _compound(m.group(), lambda w: _SCALE_EN.get(w.lower(), 0.0), _en_value)
            out.append(Quantity("number", value, m.start(), m.end(), m.group(),
                                unit=_unit(text, m.end(), _EN_UNITS)))
            taken.append(m.span())
    for m in _EN_PERCENT.finditer(text):
        if _free(taken, *m.span()):
            raw = m.group(1)
            out.append(Quantity("percent", _en_value(raw), m.start(), m.end(), m.group(),
                                _en_misformatted(raw), foreign=_en_foreign(raw)))
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
                    foreign=_en_foreign(m.group(1)),
                )
            )
            taken.append(m.span())
    ranges = {m.start(2): float(m.group(1)[:2] + m.group(2)) for m in _RANGE_END.finditer(text)}
    for m in _EN_NUMBER.finditer(text):
        if not _free(taken, *m.span()):
            continue
        raw = m.group(1)
        value = _en_value(raw) + (0.5 if m.group(2) else 0.0)
        foreign = _en_foreign(raw)
        figure = None
        suffix = (m.group(3) or "").lower()
        if suffix in ("m", "k") and not (
            _CURRENCY_BEFORE.search(text[max(0, m.start() - 4) : m.start()])
            or _CURRENCY_AFTER.match(text[m.end() : m.end() + 12])
        ):
            suffix = ""  # 400m hurdles, 10k run: a measure, read the figure alone
            m_end = m.start(1) + len(raw) + (1 if m.group(2) else 0)
        else:
            m_end = m.end()
        if suffix:
            figure = value
            scale = _SCALE_EN[suffix]
            value *= scale
            foreign = foreign * scale if foreign is not None else None
        range_end = {ranges[m.start()]} if m.start() in ranges else set()
        out.append(Quantity("number", value, m.start(), m_end, text[m.start() : m_end],
                            _en_misformatted(raw), frozenset(range_end), foreign, figure=figure,
                            unit=_unit(text, m_end, _EN_UNITS)))
        taken.append((m.start(), m_end))
    for m in _EN_POINT.finditer(text):
        if _free(taken, *m.span()):  # a calibre: .38
            out.append(Quantity("number", float("0." + m.group(1)), m.start(), m.end(), m.group(),
                                readings=frozenset({float(m.group(1))})))
    return sorted(out, key=lambda q: q.start)
