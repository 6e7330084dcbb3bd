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
* In hard-wrapped text a line break ends a segment after a *title line* (a line that does
  not end in ``. ? ! …``, nor in ``, ; - – — / ( & +`` which carry the sentence on, and is
  followed by a line that does not start in lowercase) that is either visibly shorter
  than the wrap width, i.e. the next line's first word would have fitted on it, or
  written in title case; and before a list item (``1)``, ``a)``, ``- ``, ``• ``,
  ``1986 - ``). The wrap width is the paragraph's longest line, or the text's usual one
  (its 90th percentile line length) when that is longer, and at least 50.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

__all__ = ["line_breaks"]

_FINAL = frozenset(".?!…‼⁇⁈⁉。！？؟")
_CLOSERS = "\"'”’»›)]}*"
_CONTINUES = frozenset(",;-–—/(&+")
_MIN_WIDTH = 50
_MAX_WRAP = 100
_LONG_SHARE = 0.2
_LIST_ITEM = re.compile(r"\s*(?:[-•*·▪◦‣]\s|\(?(?:\d{1,3}|[^\W\d_])\)\s|\d{1,3}\.\s|\d{1,4}\s[-–—]\s)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def line_breaks(paragraphs: Sequence[str]) -> list[list[int]]:
    """For each paragraph (a text with no blank line), the offsets of its line breaks that
    end a segment. Looking at all the paragraphs of a text at once lets a short paragraph
    borrow the text's layout (long lines, a wrap width)."""
    lines = [p.split("\n") if "\n" in p else [p] for p in paragraphs]
    total = sum(map(len, lines))
    long_lines = sum(len(line) > _MAX_WRAP for ls in lines for line in ls)
    authored = total > 0 and long_lines >= _LONG_SHARE * total
    inner = sorted(n for ls in lines if len(ls) > 1 for line in ls[:-1]
                   if (n := len(line.rstrip())) <= _MAX_WRAP)
    usual = inner[int(0.9 * (len(inner) - 1))] if len(inner) >= 5 and not authored else 0
    out: list[list[int]] = []
    for ls in lines:
        if len(ls) == 1:
            out.append([])
            continue
        lengths = [len(line.rstrip()) for line in ls]
        width = max(*lengths, usual, _MIN_WIDTH)
        if max(lengths) > _MAX_WRAP or (authored and not _looks_wrapped(ls, lengths)):
            out.append(_offsets(ls, [True] * (len(ls) - 1)))
        else:
            out.append(_offsets(ls, [_ends_segment(a, b, width) for a, b in pairwise(ls)]))
    return out


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
        first = nxt.split(maxsplit=1)[0] if nxt.strip() else ""
        body = line.rstrip().rstrip(_CLOSERS)
        votes += bool(
            first
            and first[0].islower()
            and body
            and body[-1] not in _FINAL
            and len(line.rstrip()) + 1 + len(first) > width
        )
    return 2 * votes > len(lines) - 1


def _ends_segment(line: str, nxt: str, width: int) -> bool:
    """Whether the break between two lines of a hard-wrapped paragraph ends a segment."""
    if _LIST_ITEM.match(nxt):
        return True
    stripped = line.rstrip()
    body = stripped.rstrip(_CLOSERS)
    first = nxt.split(maxsplit=1)[0] if nxt.strip() else ""
    if not body or not first or body[-1] in _FINAL or stripped[-1] in _CONTINUES:
        return False
    if first[0].islower():
        return False
    return len(stripped) + 1 + len(first) <= width or _title_case(stripped)


def _title_case(line: str) -> bool:
    """Headline capitals: three words or more, three in four of them capitalised."""
    words = _WORD.findall(line)
    return len(words) >= 3 and 4 * sum(w[0].isupper() for w in words) >= 3 * len(words)
