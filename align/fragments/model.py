"""The values of fragment finding: a Turkish span, an English span, their pairing.

All offsets are Python string indices into the document's decoded text as
:func:`align.textio.read_text` returns it (NFC, LF newlines, no BOM), so
``text[f.start:f.end] == f.text``. A :class:`FragmentMatch` is meant to become a
review bead one day: its Turkish side is the fragment, its English side the
match (or nothing), its confidence the score.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_THRESHOLD", "EnglishSpan", "Fragment", "FragmentMatch"]

DEFAULT_THRESHOLD = 0.29
"""Least pairing score of a match, calibrated on half of the devset
(``benchmarks/fit_fragments.py``)."""


@dataclass(frozen=True, slots=True)
class Fragment:
    """A Turkish span inside an English document."""

    start: int
    """Offset of the first character in the document's decoded text."""
    end: int
    """Offset one past the last character."""
    text: str
    """``document_text[start:end]``."""
    kind: str
    """How it sits in the document: ``"paragraph"`` (a paragraph of its own),
    ``"sentence"`` (one or more sentences inside an English paragraph) or
    ``"quote"`` (a quotation inside an English sentence: ``read "…"``)."""
    confidence: float
    """How sure detection is that the span is Turkish, in (0, 1)."""
    paragraph: int
    """0-based number of the paragraph that holds it (paragraphs are separated by blank lines)."""


@dataclass(frozen=True, slots=True)
class EnglishSpan:
    """An English sentence, or part of one, that may render a fragment."""

    start: int
    """Offset of the first character in the document's decoded text."""
    end: int
    """Offset one past the last character."""
    text: str
    """``document_text[start:end]``."""


@dataclass(frozen=True, slots=True)
class FragmentMatch:
    """A fragment with the English that renders it, or with nothing."""

    fragment: Fragment
    """The Turkish span."""
    match: EnglishSpan | None
    """The English span judged to render the fragment; None when nothing does."""
    score: float
    """Pairing score in [0, 1] of ``match``; for an unpaired fragment, of the best
    candidate that was turned down (0 when there was none)."""
    best: EnglishSpan | None
    """The best-scoring candidate, even when it was turned down (equal to ``match``
    when paired), so that a reviewer can accept it with one key."""
    reason: str
    """Why it was paired or not, for people: e.g. ``"similarity 0.71, next
    sentence"`` or ``"best candidate scores 0.38, below the threshold 0.52"``."""

    @property
    def paired(self) -> bool:
        """Whether an English span renders the fragment."""
        return self.match is not None
