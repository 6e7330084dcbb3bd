"""The values the engine passes around: immutable, cheap, comparable."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Bead", "Document", "EnglishSpan", "Fragment", "FragmentMatch", "Segment"]


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence of a document (or one line, for presegmented input)."""

    index: int
    """0-based position of the segment in its document."""
    text: str
    """The segment as it appears in the document (outer white space removed)."""
    start: int
    """Offset of the first character in the document's decoded text."""
    end: int
    """Offset one past the last character (``doc.text[start:end] == text``)."""
    paragraph: int = 0
    """0-based paragraph number; paragraphs are separated by blank lines."""


@dataclass(frozen=True, slots=True)
class Bead:
    """A group of Turkish segments aligned with a group of English segments.

    One side may be empty (an omission, 1:0, or an addition, 0:1), never both.
    """

    tr: tuple[int, ...]
    """Indices of the Turkish segments, consecutive and ascending."""
    en: tuple[int, ...]
    """Indices of the English segments, consecutive and ascending."""
    score: float = 1.0
    """Confidence in [0, 1] that the bead is right; sort ascending to review worst first."""

    @property
    def kind(self) -> str:
        """The bead type as ``"m:n"``, e.g. ``"2:1"``."""
        return f"{len(self.tr)}:{len(self.en)}"


@dataclass(frozen=True, slots=True)
class Document:
    """A text split into segments, with where it came from."""

    text: str
    """The decoded text (NFC, LF newlines) that segment offsets point into."""
    segments: tuple[Segment, ...]
    """The segments in document order."""
    lang: str
    """ISO 639-1 code of the document's language ("tr" or "en")."""
    path: str | None = None
    """The file the text was read from, if any."""
    encoding: str = "utf-8"
    """The encoding the file was decoded with."""
    sha256: str = field(default="", compare=False)
    """SHA-256 of the file's raw bytes, to notice a file changed on disk."""

    @property
    def texts(self) -> list[str]:
        """The segment texts in order."""
        return [s.text for s in self.segments]


# -- fragments: Turkish spans inside an English document --------------------------------
# Offsets are Python string indices into the document's decoded text as
# align.textio.read_text returns it (NFC, LF newlines, no BOM), so
# ``text[f.start:f.end] == f.text``. A FragmentMatch becomes a review bead
# (align.store): its Turkish side is the fragment, its English side the match
# (or nothing), its confidence the score.


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
    sentence"`` or ``"best candidate scores 0.21, below the threshold 0.29"``."""

    @property
    def paired(self) -> bool:
        """Whether an English span renders the fragment."""
        return self.match is not None
