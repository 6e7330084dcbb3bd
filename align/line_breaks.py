"""Which single line breaks of a raw text end a segment (layout that SRX cannot express).

A line break is either the author's (a headline, byline, caption, list item, verse or
poem line: the line is a unit whatever punctuation ends it) or hard wrapping (e-mail,
plain-text books, text copied from a narrow column: the break is white space inside a
sentence). :func:`line_breaks` tells them apart for every paragraph of a text:

* A paragraph with a line longer than any hard wrapping (100 characters) has the
  author's line breaks: every one ends a segment. So do the paragraphs of a text where
  such long lines are common (a fifth of the lines), unless the paragraph itself looks
  wrapped: three lines or more, most of them filling the paragraph's width, ending
  without a sentence end, and followed by a line that starts in lowercase.
* In hard-wrapped text a line break ends a segment before a list item (``1)``, ``a)``,
  ``- ``, ``• ``, ``1986 - ``) that follows a short line, a list item or a colon, and
  after a *title line*: a line that does not end in ``. ? ! …`` (left to the rules) nor
  in ``, ; - – — / ( & +`` (the sentence goes on), is followed by a line that does not
  start in lowercase, and is *short*: the next line's first word would have fitted on
  it. What fits is learnt from the text's sure wraps (a line ending without
  punctuation before a lowercase word): a line that, with the next word, is shorter
  than every sure wrap of the text is short (with a margin of half the spread when the
  wrapping is ragged, i.e. lines often run longer than the shortest sure wrap). With
  fewer than five sure wraps the width is the paragraph's longest line, or the text's
  usual one (the 90th percentile line length) when that is longer, and at least 50
  unless the lines read as prose (five words a line), so that a list of short lines is
  not taken for narrow wrapping; a line in title case (headline capitals) is then a
  title line too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["line_breaks"]

_FINAL = frozenset(".?!…‼⁇⁈⁉。！？؟")
_CLOSERS = "\"'”’»›)]}*"
_OPENERS = "\"'“‘«‹([{"
_CONTINUES = frozenset(",;-–—/(&+")
_MIN_WIDTH = 50
_MAX_WRAP = 100
_LONG_SHARE = 0.2
_MIN_EVIDENCE = 5
_PROSE_WORDS = 5
_LIST_ITEM = re.compile(r"\s*(?:[-•*·▪◦‣]\s|\(?(?:\d{1,3}|[^\W\d_])\)\s|\d{1,3}\.\s|\d{1,4}\s[-–—]\s)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the whole text says about its line breaks."""

    authored: bool
    """Lines longer than any wrapping are common: line breaks are the author's."""
    usual: int
    """The usual length of a line followed by another (0 when unknown)."""
    min_width: int
    """The narrowest wrapping believed: any when the lines read as prose (five words a
    line or more), else 50, so that a list of short lines is not taken for wrapping."""
    fill_floor: int
    """The shortest sure wrap: line length + 1 + next word (0 when too few are known)."""


def line_breaks(paragraphs: Sequence[str]) -> list[list[int]]:
    """For each paragraph (a text with no blank line), the offsets of its line breaks that
    end a segment. Looking at all the paragraphs of a text at once lets a short paragraph
    borrow the text's layout (long lines, a wrap width)."""
    lines = [p.split("\n") if "\n" in p else [p] for p in paragraphs]
    layout = _layout(lines)
    out: list[list[int]] = []
    for ls in lines:
        if len(ls) == 1:
            out.append([])
            continue
        lengths = [len(line.rstrip()) for line in ls]
        if max(lengths) > _MAX_WRAP or (layout.authored and not _looks_wrapped(ls, lengths)):
            out.append(_offsets(ls, [True] * (len(ls) - 1)))
            continue
        width = max(*lengths, layout.usual, layout.min_width)
        out.append(_offsets(ls, [_ends_segment(a, b, width, layout) for a, b in pairwise(ls)]))
    return out


def _layout(lines: list[list[str]]) -> _Layout:
    total = sum(map(len, lines))
    long_lines = sum(len(line) > _MAX_WRAP for ls in lines for line in ls)
    if total == 0 or long_lines >= _LONG_SHARE * total:
        return _Layout(authored=total > 0, usual=0, min_width=_MIN_WIDTH, fill_floor=0)
    inner: list[int] = []
    fills: list[int] = []
    words = 0
    for ls in lines:
        for line, nxt in pairwise(ls):
            n = len(line.rstrip())
            if n > _MAX_WRAP:
                continue
            inner.append(n)
            words += len(line.split())
            first = _first_word(nxt)
            body = line.rstrip().rstrip(_CLOSERS)
            if _lowercase(first) and body and body[-1] not in _FINAL:
                fills.append(n + 1 + len(first))
    inner.sort()
    usual = inner[int(0.9 * (len(inner) - 1))] if len(inner) >= _MIN_EVIDENCE else 0
    floor = min(fills) if len(fills) >= _MIN_EVIDENCE else 0
    if floor:
        # Ragged (hand) wrapping: lines often longer than the shortest sure wrap. The
        # shortest of a few sure wraps is not the shortest there is: keep a margin of
        # half that spread.
        floor -= max(0, usual + 1 - floor) // 2
    prose = len(inner) >= _MIN_EVIDENCE and words >= _PROSE_WORDS * len(inner)
    return _Layout(authored=False, usual=usual, min_width=0 if prose else _MIN_WIDTH,
                   fill_floor=floor)


def _first_word(line: str) -> str:
    parts = line.split(maxsplit=1)
    return parts[0] if parts else ""


def _lowercase(word: str) -> bool:
    """Whether a word starts in lowercase, after the quotes or brackets that open it."""
    letters = word.lstrip(_OPENERS)
    return bool(letters) and letters[0].islower()


def _offsets(lines: list[str], cut: list[bool]) -> list[int]:
    out: list[int] = []
    offset = 0
    for line, c in zip(lines, cut, strict=False):
        offset += len(line)
        if c:
            out.append(offset)
        offset += 1
    return out


def _looks_wrapped(lines: list[str], lengths: list[int]) -> bool:
    """Three lines or more, most of them full, open at the end and followed by lowercase."""
    if len(lines) < 3:
        return False
    width = max(lengths)
    votes = 0
    for line, nxt in pairwise(lines):
        first = _first_word(nxt)
        body = line.rstrip().rstrip(_CLOSERS)
        votes += bool(
            _lowercase(first)
            and body
            and body[-1] not in _FINAL
            and len(line.rstrip()) + 1 + len(first) > width
        )
    return 2 * votes > len(lines) - 1


def _ends_segment(line: str, nxt: str, width: int, layout: _Layout) -> bool:
    """Whether the break between two lines of a hard-wrapped paragraph ends a segment."""
    stripped = line.rstrip()
    first = _first_word(nxt)
    fill = len(stripped) + 1 + len(first)
    short = fill < layout.fill_floor if layout.fill_floor else fill <= width
    if _LIST_ITEM.match(nxt) and (short or _LIST_ITEM.match(line) or stripped[-1:] == ":"):
        return True
    body = stripped.rstrip(_CLOSERS)
    if not body or not first or body[-1] in _FINAL or stripped[-1] in _CONTINUES:
        return False
    if _lowercase(first):
        return False
    # title case is a hint only where the text shows no wrapping of its own
    return short or (not layout.fill_floor and not layout.usual and _title_case(stripped))


def _title_case(line: str) -> bool:
    """Headline capitals: three words or more, three in four of them capitalised."""
    words = _WORD.findall(line)
    return len(words) >= 3 and 4 * sum(w[0].isupper() for w in words) >= 3 * len(words)
