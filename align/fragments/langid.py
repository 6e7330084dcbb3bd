"""How Turkish a run of words is, in an English document.

Every word gets a log-odds of being Turkish rather than English, from three
sources, strongest first:

1. **grammar**: a Turkish or English function word (:mod:`.lexicon`), or an
   apostrophe ending (``NATO'ya``, ``Türkiye’den`` vs ``Turkey's``, ``don't``);
2. **letters**: a language identifier's verdict on the word alone (lingua,
   restricted to Turkish and English; :func:`lingua_available`), or, without
   it, Turkish-only letters (``ı ğ ş``) and inflectional endings;
3. **position**: the verdict of a capitalised word inside a sentence counts
   little, because such words are mostly names, and a Turkish name (Kadıköy,
   Süreyya, İzmir) in an English sentence is English text. In a title, where
   every word is capitalised, only words that show Turkish grammar (endings,
   apostrophe suffixes, function words) count in full.

A unit (sentence, quotation) is Turkish when the summed evidence clears a
threshold (:class:`Thresholds`). The weights are set by hand from these
principles, not fitted: on the devset's mixed articles the even and odd
halves score alike (``benchmarks/bench_fragments.py --no-pair``), and on WMT16
news lines outside the mixed set (2,702 English lines, 2,638 Turkish lines as
paragraphs between them) no English line is flagged and 99.6% of the Turkish
lines are found.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ..normalize import APOSTROPHES, fold
from .lexicon import (
    EN_CONTRACTIONS,
    EN_FUNCTION_WORDS,
    TR_APOSTROPHE_SUFFIXES,
    TR_FUNCTION_WORDS,
    TR_WORD_ENDINGS,
)

__all__ = ["LanguageScorer", "Thresholds", "Word", "count_words", "lingua_available", "words"]

_WORD = regex.compile(rf"\p{{L}}[\p{{L}}\p{{M}}]*(?:[{APOSTROPHES}]\p{{L}}+)?")
_TR_ONLY = regex.compile("[ığşİĞŞ]")
_TR_LETTERS = regex.compile("[çğıöşüÇĞİÖŞÜ]")
_EN_ONLY = regex.compile("[wxqWXQ]")

_GRAMMAR = 2.0  # a function word or an apostrophe ending
_CLIP = 3.0  # one word never outweighs two function words
_NAME_WEIGHT = 0.15  # a capitalised word inside a sentence
_TITLE_WEIGHT = 0.3  # a capitalised word without Turkish grammar, in a title


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a unit, with what is known about it before any model runs."""

    text: str
    """The word as written, an apostrophe ending included."""
    start: int
    """Offset of its first character in the text that was split."""
    end: int
    """Offset one past its last character."""
    base: str
    """Folded (Turkish lower case) word without the apostrophe ending."""
    suffix: str
    """Folded ending after an apostrophe (``"den"`` in ``Türkiye’den``), or ``""``."""
    capital: bool
    """Whether the word starts with an upper-case letter."""


def words(text: str, offset: int = 0) -> list[Word]:
    """The words of ``text`` (numbers and punctuation are not words)."""
    out: list[Word] = []
    folded = fold(text)  # one character per character, so offsets carry over
    for m in _WORD.finditer(text):
        a, b = m.span()
        base, _, suffix = folded[a:b].partition("'")
        out.append(Word(m.group(), offset + a, offset + b, base, suffix, text[a].isupper()))
    return out


def count_words(text: str) -> int:
    """How many words :func:`words` would find in ``text`` (cheaper)."""
    return sum(1 for _ in _WORD.finditer(text))


_MAX_WORD = 64
"""The most letters of one word the letter evidence looks at: the longest Turkish words
have about 45, and a 400,000-letter "word" took lingua 48 s."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a unit counts as Turkish."""

    total: float = 2.0
    """Least summed log-odds: one clear Turkish word (``Ağlıyordu.``) is enough."""
    mean: float = 0.35
    """Least log-odds per word, so that one Turkish word in a long English sentence is not."""


def lingua_available() -> bool:
    """Whether the ``lingua-language-detector`` package can be imported."""
    try:
        import lingua  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def _lingua() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.TURKISH)
        .with_preloaded_language_models()
        .build()
    )


class LanguageScorer:
    """Turkish-vs-English log-odds for words and units; caches per word form.

    ``backend`` is ``"lingua"`` (the default when installed), ``"rules"``
    (letters and endings only, no model) or ``"auto"``.
    """

    def __init__(self, backend: str = "auto", thresholds: Thresholds | None = None) -> None:
        if backend == "auto":
            backend = "lingua" if lingua_available() else "rules"
        if backend not in ("lingua", "rules"):
            raise ValueError(f"unknown language scorer backend {backend!r}")
        self.backend = backend
        self.thresholds = thresholds or Thresholds()
        self._letters: dict[str, float] = {}

    def load(self) -> None:
        """Build the language identifier now (about 0.5 s) rather than on first use."""
        if self.backend == "lingua":
            _lingua()

    # -- per word ------------------------------------------------------------
    def prepare(self, forms: Sequence[str]) -> None:
        """Compute the letter evidence of many word forms at once (one model call)."""
        todo = sorted({f for f in forms if f not in self._letters})
        if not todo:
            return
        if self.backend == "lingua":
            from lingua import Language

            # lingua spreads the words over all cores (same values as one by one).
            values = _lingua().compute_language_confidence_values_in_parallel(
                [f[:_MAX_WORD] for f in todo])
            for form, confs in zip(todo, values, strict=True):
                p = next((c.value for c in confs if c.language == Language.TURKISH), 0.5)
                self._letters[form] = _logit(p)
        else:
            for form in todo:
                self._letters[form] = _rule_letters(form[:_MAX_WORD])

    def prepare_words(self, unit: Sequence[Word]) -> None:
        """:meth:`prepare` for the words whose evidence comes from their letters (a
        function word or an apostrophe ending decides by grammar: no model needed)."""
        self.prepare([w.text for w in unit if _grammar(w) is None])

    def letters(self, form: str) -> float:
        """Log-odds from the spelling of ``form`` alone, clipped to ±3."""
        value = self._letters.get(form)
        if value is None:
            self.prepare([form])
            value = self._letters[form]
        return value

    def evidence(self, unit: Sequence[Word]) -> list[float]:
        """Log-odds of each word of ``unit`` (a sentence, a title, a quotation)."""
        lower = sum(1 for w in unit if not w.capital)
        title = len(unit) >= 1 and lower * 3 < len(unit)
        out: list[float] = []
        for i, w in enumerate(unit):
            grammar = _grammar(w)
            if grammar is not None:
                out.append(grammar)
                continue
            letters = self.letters(w.text)
            if not w.capital:
                weight = 1.0
            elif title:
                weight = 1.0 if _tr_morphology(w.base) else _TITLE_WEIGHT
            elif i == 0:
                weight = 0.6
            else:
                weight = _NAME_WEIGHT
            if w.text.isupper() and len(w.text) <= 5 and not title:
                weight = 0.0  # an acronym: TKP, NATO, ABD
            out.append(weight * letters)
        return out

    def could_hold_turkish(self, words: Sequence[Word]) -> bool:
        """Whether some unit made of these words could clear :attr:`Thresholds.total`:
        a word's evidence is at most its grammar or letters (every weight is at most 1),
        so words whose positive evidence sums below it hold no Turkish unit."""
        most = 0.0
        for w in words:
            value = _grammar(w)
            if value is None:
                value = self.letters(w.text)
            if value > 0:
                most += value
                if most >= self.thresholds.total:
                    return True
        return False

    def has_turkish_grammar(self, unit: Sequence[Word]) -> bool:
        """Whether a word of ``unit`` is a Turkish function word or has a Turkish ending
        after an apostrophe."""
        return any((g := _grammar(w)) is not None and g > 0 for w in unit)

    def score(self, unit: Sequence[Word]) -> float:
        """Summed log-odds that ``unit`` is Turkish."""
        return math.fsum(self.evidence(unit))

    def is_turkish(self, unit: Sequence[Word]) -> bool:
        """Whether ``unit`` clears both thresholds."""
        if not unit:
            return False
        ev = self.evidence(unit)
        total = math.fsum(ev)
        return total >= self.thresholds.total and total / len(ev) >= self.thresholds.mean


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-_CLIP, min(_CLIP, math.log(p / (1 - p))))


def _grammar(w: Word) -> float | None:
    if w.suffix:
        if w.suffix in TR_APOSTROPHE_SUFFIXES:
            return _GRAMMAR
        if w.suffix in EN_CONTRACTIONS:
            return -_GRAMMAR
    if w.base in TR_FUNCTION_WORDS:
        return _GRAMMAR
    if w.base in EN_FUNCTION_WORDS:
        return -_GRAMMAR
    return None


def _tr_morphology(base: str) -> bool:
    """A Turkish inflectional ending on a stem of at least three letters."""
    return any(base.endswith(e) and len(base) - len(e) >= 3 for e in TR_WORD_ENDINGS)


def _rule_letters(form: str) -> float:
    """Spelling evidence without a model: Turkish-only letters, w/x/q, endings."""
    base = fold(form).partition("'")[0]
    if _TR_ONLY.search(form):
        return _CLIP
    if _EN_ONLY.search(form):
        return -_CLIP
    score = 1.5 if _TR_LETTERS.search(form) else -0.5
    if _tr_morphology(base):
        score += 1.5
    return max(-_CLIP, min(_CLIP, score))
