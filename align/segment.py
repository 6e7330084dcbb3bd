"""Sentence segmentation of Turkish and English text (SRX rules shipped as data).

:func:`segment` splits a text into sentences with SRX rules (the shipped
``align/data/segment.srx`` unless the caller gives others), plus two layout
rules the SRX standard cannot express:

* **Blank lines** (lines of white space only) end a paragraph; a sentence never
  crosses one. ``Segment.paragraph`` numbers the paragraphs that hold text,
  from 0.
* **Single line breaks** are the author's (headlines, bylines, captions, list
  items, verse lines: they end a segment) or hard wrapping inside a sentence
  (e-mail, plain-text books: white space); :func:`align.line_breaks.line_breaks`
  tells them apart from the layout of the whole text.

:func:`segment_lines` is for presegmented input: line *i* is unit *i*.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from itertools import pairwise
from os import PathLike, fspath

from .errors import SegmentationError
from .line_breaks import line_breaks
from .paragraphs import BLANK_LINES as _BLANK_LINES
from .srx import SrxRules, parse_srx, parse_srx_file
from .textio import read_text
from .types import Document, Segment

__all__ = [
    "SrxRules",
    "default_rules",
    "load_srx",
    "read_document",
    "segment",
    "segment_lines",
]

_LANG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")


@functools.cache
def default_rules() -> SrxRules:
    """The shipped rules (``align/data/segment.srx``), parsed on first use."""
    res = importlib.resources.files("align").joinpath("data/segment.srx")
    return parse_srx(res.read_bytes(), str(res))


def load_srx(path: str | PathLike[str]) -> SrxRules:
    """Parse a user's SRX 1.0/2.0 file (OmegaT, Okapi, LanguageTool style).

    Raises SegmentationError naming ``file:line:column`` when the file is
    unreadable, malformed, declares a DTD or entities, lacks ``<body>``, maps a
    language to an undefined rule set, or holds an invalid regex.
    """
    return parse_srx_file(path)


def segment(text: str, lang: str, *, rules: SrxRules | None = None) -> list[Segment]:
    """Split ``text`` (NFC, LF newlines) into sentences.

    ``lang`` is a language code ("tr", "en", "tr-TR", …) looked up in the
    rules' ``<maprules>``. The segments are in order, do not overlap, carry no
    outer white space, satisfy ``text[s.start:s.end] == s.text`` and together
    hold every non-white-space character of ``text``.
    """
    _check_lang(lang)
    engine = (rules if rules is not None else default_rules()).engine(lang)
    out: list[Segment] = []
    paragraph = 0
    spans = _paragraphs(text)
    paras = [text[a:b] for a, b in spans]
    layout = line_breaks(paras)
    for (pstart, _), para, lines in zip(spans, paras, layout, strict=True):
        cuts = set(engine.breaks(para))
        cuts.update(lines)
        bounds = [0, *sorted(cuts), len(para)]
        before = len(out)
        for a, b in pairwise(bounds):
            piece = para[a:b]
            stripped = piece.strip()
            if stripped:
                start = pstart + a + (len(piece) - len(piece.lstrip()))
                out.append(Segment(len(out), stripped, start, start + len(stripped), paragraph))
        if len(out) > before:
            paragraph += 1
    return out


def segment_lines(text: str) -> list[Segment]:
    """One segment per line (presegmented input); blank lines are empty units.

    A final newline does not add an empty unit. ``paragraph`` counts the
    blank lines before the line.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out: list[Segment] = []
    offset = blanks = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        start = offset + (len(line) - len(line.lstrip()) if stripped else 0)
        out.append(Segment(i, stripped, start, start + len(stripped), blanks))
        if not stripped:
            blanks += 1
        offset += len(line) + 1
    return out


def read_document(
    path: str | PathLike[str],
    lang: str,
    *,
    encoding: str | None = None,
    presegmented: bool = False,
    rules: SrxRules | None = None,
) -> Document:
    """Read a text file (see :func:`align.textio.read_text`) and segment it.

    With ``presegmented`` every line is one unit (:func:`segment_lines`);
    otherwise the text is split into sentences with ``rules`` (default: the
    shipped rules). Raises InputError for an unreadable file.
    """
    _check_lang(lang)
    src = read_text(path, encoding)
    segs = segment_lines(src.text) if presegmented else segment(src.text, lang, rules=rules)
    return Document(
        text=src.text,
        segments=tuple(segs),
        lang=re.split(r"[-_]", lang, maxsplit=1)[0].lower(),
        path=fspath(src.path),
        encoding=src.encoding,
        sha256=src.sha256,
    )


def _check_lang(lang: str) -> None:
    if not _LANG.fullmatch(lang):
        raise SegmentationError(
            f"invalid language code {lang!r}; use an ISO 639-1 code such as 'tr' or 'en' "
            "(a region may follow: 'tr-TR')"
        )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of text between blank lines."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINES.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if not text[a:b].isspace() and a < b]
