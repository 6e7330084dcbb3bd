"""What the store hands out about mixed documents: the fragment records.

A *mixed document* is an English article with Turkish fragments in it
(tweets, banners, slogans, boilerplate). In a project, each fragment is a
bead: its Turkish side is the fragment, its English side the sentence that
renders it, or nothing. :class:`FragmentInfo` is what the detector said about
a fragment when the article was added (kept for the reviewer: why it was
paired, with what, how sure).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..types import EnglishSpan

__all__ = ["DOCUMENT_KINDS", "FragmentInfo", "read_fragments"]

DOCUMENT_KINDS = ("parallel", "mixed")
"""``parallel``: a Turkish document and its English translation; ``mixed``: an English
article with Turkish fragments, one bead per fragment."""


@dataclass(frozen=True, slots=True)
class FragmentInfo:
    """A Turkish fragment of a mixed document, as detected and paired when it was added.

    These values never change; the bead's current English side (after
    :meth:`~align.store.Project.rematch`) is the bead's ``en`` segments.
    """

    bead_id: int
    """The fragment's bead."""
    document_id: int
    """Its (mixed) document."""
    segment_id: int
    """The Turkish segment that is the fragment."""
    start: int
    """Offset of the fragment in the article's decoded text (as detected)."""
    end: int
    """Offset one past its end."""
    kind: str
    """How it sits in the article: ``paragraph``, ``sentence`` or ``quote``."""
    confidence: float
    """How sure detection was that the span is Turkish, in (0, 1)."""
    score: float
    """The pairing score of :attr:`best` in [0, 1] (0 when the article offered no candidate)."""
    best: EnglishSpan | None
    """The English span that scored best for the fragment, even if it was turned down."""
    paired: bool
    """Whether the detector paired the fragment with :attr:`best` (otherwise: with nothing)."""
    reason: str
    """Why, in words: ``score 0.83 (similarity 0.71)`` or ``no English sentence renders it:
    the best candidate scores 0.12 …, below the threshold 0.37``."""

    @property
    def detected_match(self) -> EnglishSpan | None:
        """The English span the detector paired the fragment with (None: unpaired)."""
        return self.best if self.paired else None


_SELECT = (
    "SELECT s.bead_id, f.document_id, f.segment_id, f.char_start, f.char_end, f.kind, "
    "f.confidence, f.score, f.best_start, f.best_end, f.best_text, f.paired, f.reason "
    "FROM fragments f JOIN segments s ON s.id = f.segment_id"
)


def _info(row: Sequence[Any]) -> FragmentInfo:
    best = None if row[8] is None else EnglishSpan(row[8], row[9], row[10] or "")
    return FragmentInfo(
        bead_id=row[0], document_id=row[1], segment_id=row[2], start=row[3], end=row[4],
        kind=row[5], confidence=row[6], score=row[7], best=best, paired=bool(row[11]),
        reason=row[12],
    )


def read_fragments(
    conn: sqlite3.Connection, *, document_id: int | None = None, bead_id: int | None = None
) -> dict[int, FragmentInfo]:
    """The fragment records of one bead, one document, or the whole project, by bead id
    (run inside the caller's read transaction)."""
    where, args = "", ()  # type: tuple[str, tuple[int, ...]]
    if bead_id is not None:
        where, args = "WHERE s.bead_id = ?", (bead_id,)
    elif document_id is not None:
        where, args = "WHERE f.document_id = ?", (document_id,)
    rows = conn.execute(f"{_SELECT} {where} ORDER BY f.document_id, f.char_start", args)
    return {int(r[0]): _info(r) for r in rows}
