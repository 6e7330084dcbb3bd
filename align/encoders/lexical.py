"""A model-free encoder: hashed features that survive Turkish→English translation.

Useful when no model is at hand, and as a sanity baseline for the real ones.
A text becomes a bag of features, each hashed (blake2b, so the same on every
run and machine, unlike Python's salted ``hash``) with a sign into ``dim``
buckets; the vector is the L2-normalised sum. What it captures:

* **numbers**, normalised across conventions: Turkish ``1.250,5`` and English
  ``1,250.5`` are both ``1250.5``; ``3,5`` and ``3.5`` are ``3.5``; a single
  separator followed by exactly three digits (``1.250``, ``1,250``) is read as
  a thousands separator in both languages. Groupings that are not numbers
  (dates ``12.03.2024``, times ``14.30``) give each digit run on its own, as
  ``March 12, 2024`` does. ``%5``, ``% 5``, ``yüzde 5``, ``5%`` and ``5 percent``
  also give a percentage feature. Numbers weigh most: they rarely change in
  translation.
* **names**: capitalised words and acronyms, with Turkish suffixes cut at the
  apostrophe (``NATO'ya`` → ``nato``, ``Türkiye’den`` → ``türkiye``), folded
  with Turkish-aware lower case (:func:`align.normalize.fold`) and then
  stripped of diacritics, so ``İzmir`` ~ ``Izmir`` and ``Şişli`` ~ ``Sisli``.
  The first word of a text counts half (it is capitalised anyway) unless it
  carries an apostrophe suffix, which only names do.
* **cognates**: the first four letters of every word of five letters or more,
  after a rough spelling map (c/q→k, ph→f, th→t, w→v, x→ks, y→i), so
  ``demokrasi``/``democracy``, ``ekonomi``/``economy``, ``teknoloji``/
  ``technology`` share a feature; Turkish suffixes do not matter
  (``demokrasinin`` still starts with ``demo``).
* **punctuation** that translators keep: ``?`` ``!`` ``:`` ``;``, quotes,
  parentheses, ellipses and dashes.

Limits: it knows no vocabulary, so a sentence pair without numbers, names,
cognates or telling punctuation looks unrelated (and a text with none of them
is a zero vector, similar to nothing); names translated differently (Almanya/
Germany, AB/EU, ABD/US), numbers written as words (iki/two) and dates written
with month names are missed; four-letter prefixes also collide by chance
(``sonra``/``sonar``). Its similarities are good for ranking candidates, not
as calibrated probabilities.

States are the unnormalised feature sums, so the vector of a run of
sentences is the sum of theirs: :meth:`LexicalEncoder.encode_runs` costs
nothing beyond the sentences themselves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from hashlib import blake2b

import numpy as np
from numpy.typing import NDArray

from ..errors import EncoderError
from ..normalize import APOSTROPHES, fold
from .base import EmbeddingCache, Encoder, Progress, sum_runs

__all__ = ["LexicalEncoder", "features", "number_values"]

_DEFAULT_DIM = 512

# feature weights: numbers are the surest anchors, then names
_W_NUMBER = 2.0
_W_DIGIT = 1.0  # a single digit: often written as a word on the other side
_W_PERCENT = 2.0
_W_NAME = 1.0
_W_COGNATE = 0.5
_W_PUNCT = 0.5

# Digit groups joined by . , or a no-break/thin space (a plain space joins
# separate numbers too often: "in 1990 250 people").
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f\u2009]\d+)*")
# A word and its apostrophe suffixes; a suffix after digits (1990'lardan) is no word.
_WORD = re.compile(rf"(?<![\w{APOSTROPHES}])[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")
_PERCENT_BEFORE = re.compile(r"(?:%|\byüzde)\s?$")
_PERCENT_AFTER = re.compile(r"^\s?(?:%|percent\b|per cent\b)")
_PUNCT = {
    "?": "?",
    "¿": "?",
    "!": "!",
    ":": ":",
    ";": ";",
    "(": "(",
    "[": "(",
    "“": '"',
    "”": '"',
    "„": '"',
    '"': '"',
    "«": '"',
    "»": '"',
    "‹": '"',
    "›": '"',
    "…": "...",
    "—": "-",
    "–": "-",
}
_PUNCT_RE = re.compile("[" + re.escape("".join(_PUNCT)) + "]")
_PUNCT_FEATURE = {ch: f"p:{mark}" for ch, mark in _PUNCT.items()}
# rough English→Turkish spelling correspondences for the cognate prefixes;
# digraphs first
_COGNATE_MAP = (
    ("ph", "f"),
    ("th", "t"),
    ("ch", "k"),
    ("c", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
    ("y", "i"),
)
_COGNATE_MIN = 5
_COGNATE_PREFIX = 4


def _skeleton(word: str) -> str:
    """``word`` (already folded) without diacritics; dotless ı becomes i."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _canonical(integer: str, fraction: str = "") -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def _is_thousands(groups: Sequence[str]) -> bool:
    """``1.250.000`` style: a 1-3 digit head (not a lone 0), then groups of three."""
    head = groups[0]
    return (
        len(groups) >= 2
        and 1 <= len(head) <= 3
        and head != "0"
        and all(len(g) == 3 for g in groups[1:])
    )


def number_values(raw: str) -> list[str]:
    """Canonical values of a number as written in either language.

    ``"1.250,5"`` and ``"1,250.5"`` → ``["1250.5"]``; ``"3,50"`` → ``["3.5"]``;
    ``"12.03.2024"`` → ``["12", "3", "2024"]`` (not one number: each digit run).
    """
    s = re.sub("[\u00a0\u202f\u2009]", " ", raw)
    seps = [ch for ch in s if not ch.isdigit()]
    if not seps:
        return [_canonical(s)]
    runs = re.split(r"[., ]", s)
    kinds = set(seps)
    if len(kinds) == 1:
        if _is_thousands(runs):  # 1.250 and 1,250 alike: the common reading in both
            return [_canonical("".join(runs))]
        if len(runs) == 2 and seps[0] != " ":
            return [_canonical(runs[0], runs[1])]
    else:
        # Two kinds: the last separator is the decimal mark if it occurs once and
        # everything before it is grouped in thousands by the other kind.
        last = max(s.rfind(ch) for ch in kinds)
        mark, head = s[last], s[:last]
        head_seps = {ch for ch in head if not ch.isdigit()}
        if mark != " " and mark not in head_seps and len(head_seps) == 1:
            groups = re.split(r"[., ]", head)
            if _is_thousands(groups):
                return [_canonical("".join(groups), s[last + 1 :])]
    return [_canonical(run) for run in runs if run]


def features(text: str) -> list[tuple[str, float]]:
    """The weighted features of ``text`` (before hashing), in order of appearance."""
    # NFC: in NFD, combining marks would split words ("İ" is I + U+0307 there)
    text = unicodedata.normalize("NFC", text)
    out: list[tuple[str, float]] = []

    folded = ""
    for m in _NUMBER.finditer(text):
        folded = folded or fold(text)
        values = number_values(m.group())
        for value in values:
            out.append((f"n:{value}", _W_DIGIT if len(value) == 1 else _W_NUMBER))
        before, after = folded[max(0, m.start() - 8) : m.start()], folded[m.end() : m.end() + 10]
        if len(values) == 1 and (_PERCENT_BEFORE.search(before) or _PERCENT_AFTER.match(after)):
            out.append((f"%:{values[0]}", _W_PERCENT))

    for i, m in enumerate(_WORD.finditer(text)):
        name, suffixed, cognate = _word_features(m.group())
        if name is not None:
            out.append((name, _W_NAME if i > 0 or suffixed else _W_NAME / 2))
        if cognate is not None:
            out.append((cognate, _W_COGNATE))

    out.extend((_PUNCT_FEATURE[ch], _W_PUNCT) for ch in _PUNCT_RE.findall(text))
    if "..." in text:
        out.append(("p:...", _W_PUNCT))
    return out


@lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[str | None, bool, str | None]:
    """A word's name feature (None unless capitalised), whether it carries an
    apostrophe suffix, and its cognate feature (None when too short).

    Memoised: a document repeats most of its words, and folding and stripping
    diacritics was most of the encoder's time.
    """
    base = re.split(f"[{APOSTROPHES}]", word, maxsplit=1)[0]
    key = _skeleton(fold(base))
    name = f"w:{key}" if base[0].isupper() else None
    cognate = None
    if len(key) >= _COGNATE_MIN:
        for a, b in _COGNATE_MAP:
            key = key.replace(a, b)
        cognate = f"c:{key[:_COGNATE_PREFIX]}"
    return name, len(base) < len(word), cognate


@lru_cache(maxsize=1 << 16)
def _slot(feature: str, dim: int) -> tuple[int, float]:
    """Bucket and sign of a feature; signed hashing keeps collisions from adding up."""
    h = int.from_bytes(blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")
    return h % dim, 1.0 if h >> 63 else -1.0


def parse_dim(dim: int | str, backend: str) -> int:
    """``dim`` as a positive int; the registry passes ``lexical:256`` as the string ``"256"``."""
    try:
        value = int(dim)
    except ValueError:
        value = 0
    if value < 1:
        raise EncoderError(f"{backend}: the dimension must be a positive integer, got {dim!r}")
    return value


class LexicalEncoder(Encoder):
    """Numbers, names, cognate prefixes and punctuation, feature-hashed; no model.

    ``dim`` buckets (default 512); the name is ``lexical``, or ``lexical:<dim>``
    for another size, which :func:`align.encoders.get_encoder` accepts back.
    """

    def __init__(self, dim: int | str = _DEFAULT_DIM, cache: EmbeddingCache | None = None) -> None:
        super().__init__(cache)
        self.dim = parse_dim(dim, "lexical")
        self.name = "lexical" if self.dim == _DEFAULT_DIM else f"lexical:{self.dim}"

    def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        rows: list[int] = []
        slots: list[int] = []
        values: list[float] = []
        for i, text in enumerate(texts):
            for feature, weight in features(text):
                slot, sign = _slot(feature, self.dim)
                rows.append(i)
                slots.append(slot)
                values.append(sign * weight)
        # One scatter-add for all texts: item by item, numpy's per-call cost was most of it.
        np.add.at(out, (np.asarray(rows, dtype=np.intp), np.asarray(slots, dtype=np.intp)),
                  np.asarray(values, dtype=np.float32))
        if progress is not None:
            progress(len(texts))
        return out

    combines_runs = True  # a run's features are the sum of its sentences' features

    def _run_states(
        self, states: NDArray[np.float32], runs: Sequence[tuple[int, int]]
    ) -> NDArray[np.float32]:
        return sum_runs(states, runs)
