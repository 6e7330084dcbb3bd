"""Numbers written in words, in English (``sixty-six million``, ``twenty-ninth``, ``one and a
half``, ``World War II``, ``the nineties``) and in Turkish (``yüz bin``, ``iki buçuk``,
``otuzuncu``).

Words are *weak* evidence: ``one`` is often a pronoun, Turkish ``yedi`` also means 'ate' and
``altında`` 'under'. The checks let a number in words stand for a figure on the other side
(``fifty-five`` for ``55``), but never report a number in words that has no counterpart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold

__all__ = ["WordNumber", "en_word_numbers", "tr_word_numbers"]

_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_VALUE = {w: n for n, w in enumerate(_EN_UNITS)} | {
    w: 20 + 10 * n for n, w in enumerate(_EN_TENS)
} | {"dozen": 12}
_EN_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
} | {w + "th": v for w, v in _EN_VALUE.items() if 13 <= v <= 19} | {
    w[:-1] + "ieth": v for w, v in _EN_VALUE.items() if v >= 20 and v % 10 == 0
} | {"hundredth": 100, "thousandth": 1000, "millionth": 1_000_000}
_EN_SCALE = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_DECADES = {w[:-1] + "ies": v for w, v in _EN_VALUE.items() if v >= 20 and v % 10 == 0}
_EN_TOKEN = re.compile(r"[A-Za-z]+")
_ROMAN = re.compile(
    r"\b(?:[A-Z][a-z]+ )(II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI)\b|\bWorld War (I)\b"
)
_ROMAN_TR = re.compile(r"(?<![\w.])(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI|XX|XXI)\.(?=\s)")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10}

_TR_VALUE = {
    "bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8,
    "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60,
    "yetmiş": 70, "seksen": 80, "doksan": 90,
}
_TR_SCALE = {"yüz": 100, "bin": 1e3, "milyon": 1e6, "milyar": 1e9, "trilyon": 1e12}
_TR_ORDINAL = re.compile(r"(?:[ıiuü]?nc[ıiuü])$")
_TR_ENDING = re.compile(
    r"^(?:['’]?(?:[ıiuü]?nc[ıiuü]|[ıiuü]n|n[ıiuü]n|y?[ae]|y?[ıiuü]|[dt][ae]n?|l[ıiuü]k|l[ıiuü]|"
    r"ş?[ae]r|l[ae]r\w*|s[ıiuü]))?$"
)
_TR_TOKEN = re.compile(r"[a-zçğıöşü]+(?:['’][a-zçğıöşü]+)?")
_TR_HALF = {"buçuk": 0.5, "yarım": 0.5}


@dataclass(frozen=True, slots=True)
class WordNumber:
    """A number written in words (or Roman numerals)."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The words as written."""
    value: float
    """What they count."""
    decade: bool = False
    """True for a decade (``the nineties``): the value is the decade's first year (90)."""


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        v = _ROMAN_VALUE[a]
        total += -v if b and _ROMAN_VALUE[b] > v else v
    return total


def en_word_numbers(text: str) -> list[WordNumber]:
    """Numbers in English words, with ``a``/``an`` before a scale word, ``and`` inside
    (``three hundred and five``), ``and a half``, hyphens (``twenty-nine``), ordinals
    (``twenty-ninth``), decades (``the nineties``) and Roman numerals after a name
    (``World War II``, ``Elizabeth II``)."""
    out: list[WordNumber] = []
    toks = [(m.start(), m.end(), m.group().lower()) for m in _EN_TOKEN.finditer(text)]
    i = 0
    while i < len(toks):
        a, _, word = toks[i]
        if word in _EN_DECADES:
            out.append(WordNumber(a, toks[i][1], text[a : toks[i][1]], _EN_DECADES[word], True))
            i += 1
            continue
        total, current, j, seen = 0.0, 0.0, i, False
        if word in ("a", "an") and i + 1 < len(toks) and toks[i + 1][2] in (*_EN_SCALE, "dozen"):
            current, j = 1.0, i + 1
        end = toks[i][1]
        while j < len(toks):
            w = toks[j][2]
            between = text[toks[j - 1][1] : toks[j][0]] if j > i else ""
            if j > i and between.strip(" -") and between.strip() not in ("-",):
                break
            if w == "and" and seen and j + 1 < len(toks):
                nxt = toks[j + 1][2]
                if nxt in _EN_VALUE or nxt in _EN_ORDINAL:
                    j += 1
                    continue
                if nxt == "a" and j + 2 < len(toks) and toks[j + 2][2] == "half":
                    current += 0.5
                    end, j = toks[j + 2][1], j + 3
                    continue
                break
            if w in _EN_VALUE:
                current += _EN_VALUE[w]
            elif w in _EN_ORDINAL:
                current += _EN_ORDINAL[w]
                seen, end, j = True, toks[j][1], j + 1
                break
            elif w in _EN_SCALE and (seen or current):
                scale = _EN_SCALE[w]
                if scale == 100:
                    current = (current or 1.0) * 100
                else:
                    total += (current or 1.0) * scale
                    current = 0.0
            else:
                break
            seen, end, j = True, toks[j][1], j + 1
        if seen:
            out.append(WordNumber(a, end, text[a:end], total + current))
            i = j
        else:
            i += 1
    for m in _ROMAN.finditer(text):
        g = 1 if m.group(1) else 2
        out.append(WordNumber(m.start(g), m.end(g), m.group(g), _roman(m.group(g))))
    return sorted(out, key=lambda w: w.start)


def _tr_word(word: str) -> tuple[str, float, bool] | None:
    """(kind, value, ends the number) of a Turkish word: a figure, a scale, or a half."""
    if word in _TR_VALUE:
        return "value", _TR_VALUE[word], False
    if word in _TR_SCALE:
        return "scale", _TR_SCALE[word], False
    if word in _TR_HALF:
        return "half", _TR_HALF[word], True
    for stem, value in (*_TR_VALUE.items(), *_TR_SCALE.items()):
        if word.startswith(stem) and word != stem:
            rest = word[len(stem) :]
            if stem == "on" and not _TR_ORDINAL.search(rest):
                continue  # onlar, ona, onu: the pronoun o, not ten
            if stem == "yüz" and rest.startswith("de"):
                continue  # yüzde: per cent
            if _TR_ENDING.match(rest):
                kind = "scale" if stem in _TR_SCALE else "value"
                return kind, value, True
    return None


def tr_word_numbers(text: str) -> list[WordNumber]:
    """Numbers in Turkish words (``yüz bin``, ``iki buçuk``, ``otuzuncu``, ``binlerce`` is
    not one); the last word may be inflected (``yüz binde``, ``üçüncü``)."""
    folded = fold(text)
    toks = [(m.start(), m.end(), m.group()) for m in _TR_TOKEN.finditer(folded)]
    out: list[WordNumber] = []
    i = 0
    while i < len(toks):
        total, current, j, seen = 0.0, 0.0, i, False
        end = toks[i][1]
        while j < len(toks):
            if j > i and folded[toks[j - 1][1] : toks[j][0]] != " ":
                break
            word = toks[j][2]
            if word.startswith("binlerce") or word.startswith("yüzlerce"):
                break
            got = _tr_word(word)
            if got is None or (got[0] == "half" and not seen and word == "buçuk"):
                break
            kind, value, last = got
            if kind == "value":
                current += value
            elif kind == "half":
                current = current + value if seen else value
            elif value == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * value
                current = 0.0
            seen, end, j = True, toks[j][1], j + 1
            if last:
                break
        if seen:
            out.append(WordNumber(toks[i][0], end, text[toks[i][0] : end], total + current))
            i = j
        else:
            i += 1
    for m in _ROMAN_TR.finditer(text):
        out.append(WordNumber(m.start(), m.end() - 1, m.group()[:-1], _roman(m.group()[:-1])))
    return sorted(out, key=lambda w: w.start)
