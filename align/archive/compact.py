"""A segmented document held as its text and three integer arrays.

A :class:`~align.types.Document` keeps a ``Segment`` object (and a copy of
its text) per sentence: about 300 bytes a unit on top of the text, 250 MB
for a 400,000-line pair. :class:`CompactDocument` keeps the decoded text and,
per unit, its start, end and paragraph number (24 bytes); segment objects
and texts are made when asked for, a window at a time. Reading a long raw
text segments it a stretch of paragraphs at a time (:data:`SEGMENT_CHUNK`
characters), so segmentation needs memory for one stretch, not the whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike, fspath
from typing import overload

import numpy as np
from numpy.typing import NDArray

from ..paragraphs import BLANK_LINES
from ..segment import SrxRules, segment
from ..textio import read_text
from ..types import Document, Segment

__all__ = ["SEGMENT_CHUNK", "CompactDocument", "read_compact"]

SEGMENT_CHUNK = 2_000_000
"""Characters of raw text segmented at once (cut at a paragraph break; a text this
short or shorter is segmented whole, exactly as :func:`align.segment.segment` does)."""


@dataclass(frozen=True, slots=True, eq=False)
class CompactDocument:
    """A text and where each of its units is; reads like a Document (``segments``,
    ``texts``) without holding an object per unit."""

    text: str
    """The decoded text (NFC, LF newlines) that the offsets point into."""
    starts: NDArray[np.int64]
    """(n,) offset of each unit's first character."""
    ends: NDArray[np.int64]
    """(n,) offset one past each unit's last character."""
    paragraph: NDArray[np.int64]
    """(n,) 0-based paragraph number of each unit."""
    lang: str
    """ISO 639-1 code of the document's language."""
    path: str | None = None
    """The file the text was read from, if any."""
    encoding: str = "utf-8"
    """The encoding the file was decoded with."""
    sha256: str = ""
    """SHA-256 of the file's raw bytes."""

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    @property
    def segments(self) -> _Segments:
        """The units as :class:`~align.types.Segment` values, each made when indexed."""
        return _Segments(self)

    def texts(self, a: int = 0, b: int | None = None) -> list[str]:
        """The texts of units ``a .. b-1`` (all by default)."""
        text, starts, ends = self.text, self.starts, self.ends
        stop = len(self) if b is None else b
        return [text[s:e] for s, e in zip(starts[a:stop].tolist(), ends[a:stop].tolist(), strict=True)]

    def paragraphs(self, a: int = 0, b: int | None = None) -> list[int]:
        """The paragraph numbers of units ``a .. b-1``."""
        out: list[int] = self.paragraph[a:b].tolist()
        return out

    def document(self) -> Document:
        """The same units as a :class:`~align.types.Document` (for a document of normal size)."""
        return Document(text=self.text, segments=tuple(self.segments), lang=self.lang,
                        path=self.path, encoding=self.encoding, sha256=self.sha256)

    @classmethod
    def from_segments(
        cls, text: str, segments: Sequence[Segment], lang: str, **where: str
    ) -> CompactDocument:
        """The compact form of ``segments`` of ``text`` (``where``: path, encoding, sha256)."""
        starts, ends, paras = _arrays(segments)
        return cls(text, starts, ends, paras, lang, **where)


class _Segments(Sequence[Segment]):
    """A compact document's units as a read-only sequence of Segment values."""

    __slots__ = ("_doc",)

    def __init__(self, doc: CompactDocument) -> None:
        self._doc = doc

    def __len__(self) -> int:
        return len(self._doc)

    @overload
    def __getitem__(self, index: int) -> Segment: ...
    @overload
    def __getitem__(self, index: slice) -> list[Segment]: ...
    def __getitem__(self, index: int | slice) -> Segment | list[Segment]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        doc = self._doc
        k = range(len(doc))[index]  # negative indices, and IndexError past the end
        s, e = int(doc.starts[k]), int(doc.ends[k])
        return Segment(k, doc.text[s:e], s, e, int(doc.paragraph[k]))

    def __iter__(self) -> Iterator[Segment]:
        doc = self._doc
        for k, (s, e, p) in enumerate(zip(doc.starts.tolist(), doc.ends.tolist(),
                                          doc.paragraph.tolist(), strict=True)):
            yield Segment(k, doc.text[s:e], s, e, p)


def _arrays(segments: Sequence[Segment]) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    n = len(segments)
    starts = np.fromiter((s.start for s in segments), dtype=np.int64, count=n)
    ends = np.fromiter((s.end for s in segments), dtype=np.int64, count=n)
    paras = np.fromiter((s.paragraph for s in segments), dtype=np.int64, count=n)
    return starts, ends, paras


def read_compact(
    path: str | PathLike[str],
    lang: str,
    *,
    encoding: str | None = None,
    presegmented: bool = False,
    rules: SrxRules | None = None,
    progress: Callable[[int], None] | None = None,
) -> CompactDocument:
    """Read a text file and segment it as :func:`align.segment.read_document` does
    (line *i* is unit *i* with ``presegmented``), keeping it compact. ``progress`` is
    called with the characters segmented so far, stretch by stretch."""
    src = read_text(path, encoding)
    text = src.text
    if presegmented:
        starts, ends, paras = line_units(text)
    else:
        starts, ends, paras = sentence_units(text, lang, rules, progress)
    if progress is not None and presegmented:
        progress(len(text))
    code = re.split(r"[-_]", lang, maxsplit=1)[0].lower()
    return CompactDocument(text, starts, ends, paras, code, fspath(src.path), src.encoding, src.sha256)


def line_units(text: str) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """:func:`align.segment.segment_lines` as arrays: one unit per line, white space around
    it left out, blank lines empty units, ``paragraph`` the blank lines before the line."""
    size = text.count("\n") + 1
    starts = np.empty(size, dtype=np.int64)
    ends = np.empty(size, dtype=np.int64)
    paras = np.empty(size, dtype=np.int64)
    pos = k = blanks = 0
    length = len(text)
    while pos < length:
        nl = text.find("\n", pos)
        stop = length if nl < 0 else nl
        line = text[pos:stop]
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            starts[k], ends[k] = start, start + len(stripped)
        else:
            starts[k] = ends[k] = pos
        paras[k] = blanks
        if not stripped:
            blanks += 1
        k += 1
        if nl < 0:
            break
        pos = nl + 1
    return starts[:k].copy(), ends[:k].copy(), paras[:k].copy()


def sentence_units(
    text: str,
    lang: str,
    rules: SrxRules | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = SEGMENT_CHUNK,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """:func:`align.segment.segment` as arrays, a stretch of about ``chunk`` characters at a
    time, cut at a paragraph break (at a line break inside a paragraph longer than that)."""
    parts: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]] = []
    pos = 0
    paragraph = 0  # number of the next stretch's first paragraph
    continues = False  # the last stretch ended inside a paragraph
    while pos < len(text):
        stop, resume, inside = _cut(text, pos, chunk)
        segs = segment(text[pos:stop], lang, rules=rules)
        if segs:
            starts, ends, paras = _arrays(segs)
            shift = paragraph - 1 if continues and paragraph > 0 else paragraph
            parts.append((starts + pos, ends + pos, paras + shift))
            paragraph = int(paras[-1]) + shift + 1
        continues = inside and bool(segs)
        if progress is not None:
            progress(resume - pos)
        pos = resume
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))  # type: ignore[return-value]


def _cut(text: str, pos: int, chunk: int) -> tuple[int, int, bool]:
    """Where the stretch from ``pos`` ends, where the next begins, and whether the cut falls
    inside a paragraph: at the first paragraph break after ``pos + chunk``, else (a
    paragraph of more than 16 stretches, which no prose has) at a line break, else (one
    enormous line) at a space."""
    if len(text) - pos <= chunk:
        return len(text), len(text), False
    reach = pos + 16 * chunk
    brk = BLANK_LINES.search(text, pos + chunk, reach)
    if brk is not None:
        return brk.start(), brk.end(), False
    if len(text) <= reach:  # the last paragraph
        return len(text), len(text), False
    for sep in ("\n", " "):
        at = text.find(sep, pos + chunk, pos + 2 * chunk)
        if at >= 0:
            return at, at + 1, True
    return pos + chunk, pos + chunk, True
