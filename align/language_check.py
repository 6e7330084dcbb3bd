"""Is the Turkish input Turkish? A quick check that TR and EN were not swapped.

Commands that take ``TR EN`` trust the order: a Turkish file given as EN gets
the English language tag in a TMX export, and alignment and checks silently
mean nothing. :func:`pair_problem` reads the first 20,000 characters of each
side and says what is wrong when

* both sides hold the same text (the same file given twice, or a copy), or
* the Turkish side reads as English (or the English side as Turkish):
  its share of each language's commonest function words (``ve, bir, bu,
  için, ile…``; ``the, of, and, to, is…``) and of the letters only Turkish
  has (``ğ ş ı İ``) points the other way, with enough words to be sure.

It never speaks up on the repository's seeds or on any devset document
(tests/test_faults.py reads them all), and a short text (fewer than 20 words)
is never judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

from .normalize import fold

__all__ = ["LanguageEvidence", "language_evidence", "pair_problem"]

_SAMPLE = 20_000
_MIN_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# The commonest function words, none of which is also a common word of the other
# language (Turkish "on" = ten, "en" = most, "a" are left out).
_TURKISH = frozenset(
    "ve bir bu da de için ile olarak çok daha gibi olan ama ancak sonra kadar her ne şu "
    "mi mı mu mü ki değil var yok veya ya ise ayrıca göre karşı tarafından üzerinde "
    "arasında içinde olduğu olduğunu yapılan yeni büyük ilk iki diye dedi şey kendi".split()
)
_ENGLISH = frozenset(
    "the of and to in is that for it was with as be by this are at from his he have not "
    "said were which has but or they their been would will there who its we had also "
    "an after more when than into about".split()
)
_TURKISH_LETTERS = frozenset("ğşıİĞŞ")


@dataclass(frozen=True, slots=True)
class LanguageEvidence:
    """How Turkish and how English a text's sample looks."""

    words: int
    """Words in the sample."""
    turkish: float
    """Share of the words that are Turkish function words or have a letter only Turkish
    has."""
    english: float
    """Share of the words that are English function words."""

    @property
    def reads_as(self) -> str | None:
        """``"tr"`` or ``"en"`` when the evidence is clear, else None."""
        if self.words < _MIN_WORDS:
            return None
        if self.english >= 0.08 and self.english > 3 * self.turkish:
            return "en"
        if self.turkish >= 0.08 and self.turkish > 3 * self.english:
            return "tr"
        return None


def language_evidence(text: str) -> LanguageEvidence:
    """The function-word and letter evidence of the first 20,000 characters of ``text``."""
    words = _WORD.findall(text[:_SAMPLE])
    if not words:
        return LanguageEvidence(0, 0.0, 0.0)
    turkish = english = 0
    for word in words:
        folded = fold(word)
        if folded in _TURKISH or not _TURKISH_LETTERS.isdisjoint(word):
            turkish += 1
        elif folded in _ENGLISH:
            english += 1
    return LanguageEvidence(len(words), turkish / len(words), english / len(words))


_NON_SPACE = re.compile(r"\S+")


def _same_words(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in whitespace, read word by word: a translation
    differs at its first word, and a 50 MB pair is never copied into lists of words."""
    words_a = (m.group() for m in _NON_SPACE.finditer(a))
    words_b = (m.group() for m in _NON_SPACE.finditer(b))
    return all(x == y for x, y in zip_longest(words_a, words_b))


def pair_problem(tr_text: str, en_text: str, tr_name: str, en_name: str) -> str | None:
    """What looks wrong with a Turkish text and its English translation, as one line
    ending in "swapped?", or None when nothing does."""
    if tr_text.strip() and _same_words(tr_text, en_text):
        return (f"{tr_name} and {en_name} hold the same text: the same file given twice, "
                "or a translation swapped?")
    tr, en = language_evidence(tr_text).reads_as, language_evidence(en_text).reads_as
    if tr == "en" and en == "tr":
        return (f"{tr_name} (TR) reads as English and {en_name} (EN) as Turkish: are TR and "
                "EN swapped?")
    if tr == "en":
        return f"{tr_name} (TR) reads as English, not Turkish: are TR and EN swapped?"
    if en == "tr":
        return f"{en_name} (EN) reads as Turkish, not English: are TR and EN swapped?"
    return None
