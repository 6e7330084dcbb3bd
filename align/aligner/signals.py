"""Cheap per-sentence signals that survive translation, as additive vectors.

Sentence embeddings miss things a reviewer checks at a glance: the same
numbers on both sides, the same names (NATO, Ankara, Shannon Lamb), the same
question marks and quotes, and a plausible length. Each signal here is a
vector per sentence that *adds up* over a run of sentences, so a 2:1 bead's
signal is the sum of its sentences' vectors, and comparing two runs is a dot
product, computed in bulk like the embedding similarity.

- numbers: a bag of digit groups. Splitting every number at its separators
  makes Turkish ``1.250,5`` and English ``1,250.5`` the same bag {1, 250, 5},
  and ``%5`` the same as ``5%``, ``10.30'da`` the same as ``10:30``;
- names: capitalised words, acronyms and mixed tokens, cut at the apostrophe
  before a Turkish suffix (``NATO’ya`` → nato), folded and stripped of
  diacritics (``İzmir`` = ``Izmir``), English possessive dropped;
- punctuation: counts of ``? ! : ( "`` (question, exclamation, colon,
  parenthesis, quotation);
- length: SentencePiece tokens (the encoder's own tokenizer), which treats
  agglutinative Turkish and English far more evenly than words or characters.

Tokens are hashed into a few hundred buckets with a stable hash; collisions
are rare at sentence scale and only ever add a little similarity.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex
from numpy.typing import NDArray

from ..normalize import APOSTROPHES, fold

__all__ = ["PUNCTUATION_CLASSES", "Signals", "compute_signals"]

NUMBER_BUCKETS = 128
NAME_BUCKETS = 256
PUNCTUATION_CLASSES = ("?", "!", ":", "(", '"')

_DIGITS = re.compile(r"\d+")
# A word with a capital letter anywhere in it (Ankara, NATO, McDonald's, iPhone).
_WORD_CHARS = rf"[\w{re.escape(APOSTROPHES)}\-]"
_NAME_WORD = regex.compile(rf"(?<![\w])(?={_WORD_CHARS}*\p{{Lu}})\p{{L}}{_WORD_CHARS}*")
_APOS = re.compile(f"[{re.escape(APOSTROPHES)}]")
_QUOTES = "\"“”„«»‘’'"
# Capitalised words that start most sentences in either language carry no signal.
_STOP_CAPS = frozenset(
    """a an the this that these those it he she they we i you his her their our its
    in on at by for from of to with as and but or if when while after before since
    there here what who how why where which mr mrs ms dr
    bu şu o bir ve ile ama fakat ancak için gibi da de ki ben sen biz siz onlar
    bunun şunun onun bunu şunu onu ayrıca ise çünkü eğer ne nasıl neden kim hangi""".split()
)


@dataclass(frozen=True, slots=True)
class Signals:
    """The cheap signals of one side of a document, one row per sentence."""

    numbers: NDArray[np.float32]
    """(n, NUMBER_BUCKETS) counts of hashed digit groups."""
    names: NDArray[np.float32]
    """(n, NAME_BUCKETS) counts of hashed name-like tokens."""
    punctuation: NDArray[np.float32]
    """(n, len(PUNCTUATION_CLASSES)) punctuation counts."""
    tokens: NDArray[np.float32]
    """(n,) SentencePiece token counts (without begin/end markers); 0 for empty units."""


def compute_signals(texts: Sequence[str], token_counts: NDArray[np.float32]) -> Signals:
    """Signals for each text; ``token_counts`` comes from the tokenizer."""
    n = len(texts)
    numbers = np.zeros((n, NUMBER_BUCKETS), dtype=np.float32)
    names = np.zeros((n, NAME_BUCKETS), dtype=np.float32)
    punct = np.zeros((n, len(PUNCTUATION_CLASSES)), dtype=np.float32)
    for i, text in enumerate(texts):
        for group in _DIGITS.findall(text):
            numbers[i, _bucket(group.lstrip("0") or "0", NUMBER_BUCKETS)] += 1.0
        for name in name_tokens(text):
            names[i, _bucket(name, NAME_BUCKETS)] += 1.0
        punct[i, 0] = text.count("?")
        punct[i, 1] = text.count("!")
        punct[i, 2] = text.count(":")
        punct[i, 3] = text.count("(")
        punct[i, 4] = min(sum(text.count(q) for q in _QUOTES if q not in "'’"), 4)
    return Signals(numbers, names, punct, np.asarray(token_counts, dtype=np.float32))


def name_tokens(text: str) -> list[str]:
    """Name-like tokens of ``text``, normalised for cross-language comparison."""
    return [key for word in _NAME_WORD.findall(text) if (key := _name_key(word))]


@lru_cache(maxsize=65536)
def _name_key(word: str) -> str:
    """The comparison key of a name-like word, or "" if it carries no signal.

    Cached: news repeats the same names and sentence-initial words a lot.
    """
    stem = _APOS.split(word, maxsplit=1)[0]
    if len(stem) < 2:
        return ""
    key = _strip_accents(fold(stem))
    return "" if key in _STOP_CAPS else key


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _bucket(token: str, buckets: int) -> int:
    return zlib.crc32(token.encode("utf-8")) % buckets
