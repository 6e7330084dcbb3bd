"""The values the engine passes around: immutable, cheap, comparable."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Bead", "Document", "Segment"]


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
