"""Paragraphs of a decoded text: runs of text separated by blank lines.

Segmentation numbers every segment's paragraph this way
(:attr:`align.types.Segment.paragraph`), and the review store numbers the
spans of a mixed article the same way, so both agree on every offset.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

__all__ = ["BLANK_LINES", "paragraph_at", "paragraph_near", "paragraph_starts"]

BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
"""A run of blank lines (lines holding white space only count as blank): one paragraph
break."""


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph that holds text starts, numbered as
    :attr:`align.types.Segment.paragraph` numbers them."""
    spans = []
    pos = 0
    for m in BLANK_LINES.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    # A run of blank lines is one match, so only the first and the last span can be empty
    # or white space alone (checking them only keeps this fast on a long article).
    for k in (0, -1):
        if spans and not text[spans[k][0] : spans[k][1]].strip():
            spans.pop(k)
    return [a for a, _b in spans]


def paragraph_at(starts: Sequence[int], offset: int) -> int:
    """The number of the paragraph holding ``offset``, given :func:`paragraph_starts`."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def paragraph_near(text: str, offset: int, anchor: int, paragraph: int) -> int:
    """The paragraph of ``offset``, counting the blank-line runs between it and ``anchor``
    (a non-blank position in paragraph ``paragraph``): the work grows with the distance, not
    with the text."""
    if offset >= anchor:
        return paragraph + sum(1 for _ in BLANK_LINES.finditer(text, anchor, offset))
    return paragraph - sum(1 for _ in BLANK_LINES.finditer(text, offset, anchor))
