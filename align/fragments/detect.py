"""Finding the Turkish spans of an English document.

The document is split into paragraphs and sentences (:func:`align.segment.segment`
with the English rules) and every paragraph's quotations are found
(:func:`find_quotes`). Then, per paragraph:

1. each quotation whose words are Turkish (:class:`.langid.LanguageScorer`) is a
   candidate, outermost first;
2. each sentence is judged on its words *outside* the Turkish quotations: a
   Turkish sentence is Turkish as a whole, quotations included (``"…" dedi.``);
   a sentence that is nothing but a Turkish quotation counts as Turkish;
3. consecutive Turkish sentences become one fragment (a tweet or a quoted
   statement of several sentences is one unit), a ``"paragraph"`` when it fills
   its paragraph; a Turkish quotation inside an English sentence is a
   ``"quote"`` fragment, without its quotation marks;
4. a fragment loses a tail set off by a dash, a URL or an ``@handle`` that holds
   no Turkish (``… pic.twitter.com/x — TKP (@istanbul_tkp) June 29, 2025``).

Names never make a fragment: a capitalised word inside a sentence weighs little
(see :mod:`.langid`), so "the Süreyya Opera House in Kadıköy" stays English.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from ..segment import segment
from ..types import Segment
from .langid import LanguageScorer, Word, words
from .model import Fragment

__all__ = ["Quote", "detect_fragments", "find_quotes"]

# A tail that is not part of a quoted text: a dash, a link, a handle, a picture link.
_TAIL = regex.compile(r"\s[—–―]\s|\s-\s|https?://|\bpic\.twitter\.com/|\bwww\.|\s@\w|\s\(@")
_OPEN_BEFORE = frozenset(" \t\n([{<-–—/:;,")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: the offsets of its opening and closing marks."""

    open: int
    """Offset of the opening mark."""
    close: int
    """Offset of the closing mark; the content is ``text[open + 1:close]``."""


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """Balanced quotations in ``text[start:end]``, nested ones included, in order of opening.

    Curly ``“…”``, ``‘…’``, guillemets ``«…»`` and straight ``"…"``, ``'…'``.
    Straight and curly single marks are read from their neighbours: a mark
    after a space or an opening bracket opens, one before a space or
    punctuation closes, so an apostrophe (``NATO’ya``, ``Turkey's``) is never a
    quotation mark. Unbalanced marks are ignored.
    """
    stop = len(text) if end is None else end
    stack: list[tuple[str, int]] = []
    out: list[Quote] = []
    pairs = {"“": "”", "«": "»", "‘": "’", "„": "“"}
    for i in range(start, stop):
        ch = text[i]
        if ch not in "“”«»‘’\"'„":
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < stop else " "
        opens = before in _OPEN_BEFORE or before in "\"“‘«„" or i == start
        closes = not after.isalnum()
        if ch in "'’" and before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word
        if ch in "”»’" or (ch in "\"'" and closes and not opens):
            _close(stack, out, ch, i, pairs)
        elif ch in "“«‘„" or (ch in "\"'" and opens and not closes):
            if ch == "'" and not after.isalpha():
                continue
            stack.append((ch, i))
        elif ch in "\"'":
            # Both or neither: a straight mark toggles.
            if stack and stack[-1][0] == ch:
                _close(stack, out, ch, i, pairs)
            elif ch == '"':
                stack.append((ch, i))
    out.sort(key=lambda q: (q.open, -q.close))
    return out


def _close(stack: list[tuple[str, int]], out: list[Quote], ch: str, i: int,
           pairs: dict[str, str]) -> None:
    for depth in range(len(stack) - 1, -1, -1):
        mark, pos = stack[depth]
        if (mark in "\"'" and mark == ch) or pairs.get(mark) == ch:
            out.append(Quote(pos, i))
            del stack[depth:]
            return
        if mark == "„" and ch == "”":
            out.append(Quote(pos, i))
            del stack[depth:]
            return


def detect_fragments(
    text: str,
    scorer: LanguageScorer | None = None,
    *,
    segments: Sequence[Segment] | None = None,
) -> list[Fragment]:
    """The Turkish fragments of ``text`` (NFC, LF newlines), in document order.

    ``segments`` are the English sentences of ``text`` if the caller has them
    already (from :func:`align.segment.segment`).
    """
    scorer = scorer or LanguageScorer()
    segs = list(segments) if segments is not None else segment(text, "en")
    if not segs:
        return []
    all_words = words(text)
    scorer.prepare_words(all_words)
    out: list[Fragment] = []
    for para in _by_paragraph(segs):
        # Most paragraphs of an article are plainly English: one pass over their words
        # rules out every unit the full analysis would score.
        if scorer.could_hold_turkish(_slice_words(all_words, para[0].start, para[-1].end)):
            out.extend(_paragraph_fragments(text, para, all_words, scorer))
    return out


def _by_paragraph(segs: Sequence[Segment]) -> Iterable[list[Segment]]:
    group: list[Segment] = []
    for s in segs:
        if group and s.paragraph != group[-1].paragraph:
            yield group
            group = []
        group.append(s)
    if group:
        yield group


def _slice_words(all_words: Sequence[Word], start: int, end: int) -> list[Word]:
    """The words lying inside ``[start, end)`` (``all_words`` is sorted by offset)."""
    i = bisect.bisect_left(all_words, start, key=lambda w: w.start)
    out: list[Word] = []
    while i < len(all_words) and all_words[i].start < end:
        if all_words[i].end <= end:
            out.append(all_words[i])
        i += 1
    return out


def _paragraph_fragments(
    text: str, para: list[Segment], all_words: Sequence[Word], scorer: LanguageScorer
) -> list[Fragment]:
    pstart, pend = para[0].start, para[-1].end
    tr_quotes: list[Quote] = []
    for q in find_quotes(text, pstart, pend):
        if any(t.open < q.open and q.close < t.close for t in tr_quotes):
            continue
        inner = _slice_words(all_words, q.open + 1, q.close)
        if all(w.capital for w in inner) and not scorer.has_turkish_grammar(inner):
            continue  # a title or a name in quotes: "Acıların Kadını", "Kardeş Türküler"
        if scorer.is_turkish(inner):
            tr_quotes.append(q)

    def masked(ws: list[Word]) -> list[Word]:
        return [w for w in ws if not any(q.open < w.start and w.end <= q.close for q in tr_quotes)]

    # Per sentence: True (Turkish), False (English) or None (only Turkish quotations).
    verdicts: list[bool | None] = []
    ends: list[int] = []  # sentence ends without an attribution tail
    for s in para:
        ends.append(_trim(text, s.start, s.end, all_words, scorer)[1])
        ws = _slice_words(all_words, s.start, ends[-1])
        rest = masked(ws)
        if not ws:
            verdicts.append(False)
        elif not rest:
            verdicts.append(None)
        else:
            verdicts.append(scorer.is_turkish(rest))
    # A sentence made only of (part of) a Turkish quotation continues a Turkish
    # sentence before it, or is Turkish itself when it holds the whole quotation;
    # otherwise the quotation is a fragment of its own.
    for i, v in enumerate(verdicts):
        if v is None:
            s = para[i]
            whole = all(
                s.start <= q.open and q.close < s.end
                for q in tr_quotes
                if q.open < s.end and q.close >= s.start
            )
            verdicts[i] = bool(i > 0 and verdicts[i - 1]) or whole

    out: list[Fragment] = []
    covered: list[tuple[int, int]] = []
    i = 0
    while i < len(para):
        if not verdicts[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(para) and verdicts[j + 1]:
            j += 1
        a, b = _trim(text, para[i].start, ends[j], all_words, scorer)
        whole = i == 0 and j == len(para) - 1
        covered.append((para[i].start, para[j].end))
        if b > a:
            out.append(_fragment(text, a, b, kind="paragraph" if whole else "sentence",
                                 first=para[0], all_words=all_words, scorer=scorer))
        i = j + 1
    # Unquoted Turkish after a colon in an English sentence: "He wrote: Türkiye kazanacak!"
    for i, s in enumerate(para):
        if verdicts[i]:
            continue
        colon = text.find(": ", s.start, ends[i])
        if colon < 0 or any(q.open <= colon <= q.close for q in tr_quotes):
            continue
        a, b = _strip(text, colon + 1, ends[i])
        tail = _slice_words(all_words, a, b)
        if (tail and not any(q.open < b and q.close > a for q in tr_quotes)
                and scorer.is_turkish(tail)
                and not scorer.is_turkish(_slice_words(all_words, s.start, colon))):
            out.append(_fragment(text, a, b, kind="quote", first=para[0], all_words=all_words,
                                 scorer=scorer))
    for q in tr_quotes:
        if any(q.open < b and q.close >= a for a, b in covered):
            continue
        a, b = _strip(text, q.open + 1, q.close)
        if b > a:
            out.append(_fragment(text, a, b, kind="quote", first=para[0], all_words=all_words,
                                 scorer=scorer))
    out.sort(key=lambda f: f.start)
    return out


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _trim(
    text: str, a: int, b: int, all_words: Sequence[Word], scorer: LanguageScorer
) -> tuple[int, int]:
    """Cut a tail without Turkish off at a dash, link or handle (attribution lines)."""
    while True:
        cut = None
        for m in _TAIL.finditer(text, a, b):
            if m.start() > a and scorer.score(_slice_words(all_words, m.start(), b)) <= 0:
                cut = m.start()
                break
        if cut is None:
            return _strip(text, a, b)
        b = cut


def _fragment(
    text: str, a: int, b: int, *, kind: str, first: Segment, all_words: Sequence[Word],
    scorer: LanguageScorer,
) -> Fragment:
    total = scorer.score(_slice_words(all_words, a, b))
    confidence = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
    return Fragment(a, b, text[a:b], kind, confidence, first.paragraph)
