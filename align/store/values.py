"""What the store hands out: immutable snapshots of a project's rows.

Nothing here touches the database; a value is a copy taken when it was read
and does not change when the project does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "STATUSES",
    "BeadRow",
    "DocumentInfo",
    "Finding",
    "NewFinding",
    "Operation",
    "ProjectSummary",
    "RunSignature",
    "SegmentRow",
]

STATUSES = ("auto", "confirmed", "rejected")
"""A bead's review status: set by the aligner, confirmed or rejected by a reviewer."""


@dataclass(frozen=True, slots=True)
class SegmentRow:
    """One sentence (unit) of a document as stored."""

    id: int
    """Stable id: never changes and is never reused, whatever happens to the bead."""
    side: str
    """``"tr"`` or ``"en"``."""
    text: str
    """The current text (after any edit)."""
    start: int | None
    """Offset of the segment in its file's decoded text; None for a segment typed in."""
    end: int | None
    """Offset one past the end of that span; None for a segment typed in."""
    paragraph: int
    """0-based paragraph number in the file."""
    original: str | None = None
    """The text before the first edit, or None if the segment was never edited."""

    @property
    def edited(self) -> bool:
        """Whether a reviewer changed the text."""
        return self.original is not None


@dataclass(frozen=True, slots=True)
class BeadRow:
    """A bead with its segments, as the review screen shows it."""

    id: int
    """Stable id of the bead (kept across restarts; never reused once deleted)."""
    document_id: int
    """The document the bead belongs to."""
    tr: tuple[SegmentRow, ...]
    """The Turkish segments, in order (empty for a 0:1 bead)."""
    en: tuple[SegmentRow, ...]
    """The English segments, in order (empty for a 1:0 bead)."""
    score: float | None
    """The aligner's confidence in [0, 1]; None when the bead was made by hand."""
    status: str
    """``auto``, ``confirmed`` or ``rejected``."""
    changed_by: str | None = None
    """Who last changed the bead (None: the aligner)."""
    changed_at: str | None = None
    """When, as ``YYYYMMDDThhmmssZ`` (UTC); None if never changed by hand."""
    findings: int = 0
    """How many QA findings the bead has."""

    @property
    def kind(self) -> str:
        """The bead type as ``"m:n"``, e.g. ``"2:1"``."""
        return f"{len(self.tr)}:{len(self.en)}"

    @property
    def tr_text(self) -> str:
        """The Turkish segments joined with a space (what TMX and finding spans use)."""
        return " ".join(s.text for s in self.tr)

    @property
    def en_text(self) -> str:
        """The English segments joined with a space."""
        return " ".join(s.text for s in self.en)


@dataclass(frozen=True, slots=True)
class NewFinding:
    """A QA finding to store (what a checker produces)."""

    kind: str
    """What is wrong: ``missing``, ``forbidden``, ``inconsistent``, ``number``… or ``note``."""
    message: str
    """One line for the reviewer, saying what is wrong and what to do."""
    severity: str = "warning"
    """``error``, ``warning`` or ``info``."""
    tr_span: tuple[int, int] | None = None
    """Character span in the bead's joined Turkish text, if the finding points at one."""
    en_span: tuple[int, int] | None = None
    """Character span in the bead's joined English text."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A stored QA finding on a bead."""

    id: int
    """Stable id."""
    document_id: int
    """The bead's document."""
    bead_id: int
    """The bead the finding is about."""
    kind: str
    """What is wrong (see :class:`NewFinding`)."""
    severity: str
    """``error``, ``warning`` or ``info``."""
    tr_span: tuple[int, int] | None
    """Span in the bead's joined Turkish text (see :attr:`BeadRow.tr_text`)."""
    en_span: tuple[int, int] | None
    """Span in the bead's joined English text."""
    message: str
    """The reviewer-facing message."""


@dataclass(frozen=True, slots=True)
class Operation:
    """One entry of the operation journal: something a reviewer did, undoable."""

    id: int
    """Position in the journal (increasing)."""
    kind: str
    """``confirm``, ``merge``, ``split_bead``, ``edit_segment``, ``realign``…"""
    description: str
    """What was done, in words (for an undo menu or a status line)."""
    focus: int | None
    """The bead to show after the operation (or after undoing/redoing it), if any."""
    beads: tuple[int, ...]
    """Every bead the operation created, changed or deleted."""
    created_at: str
    """When it was done, ``YYYYMMDDThhmmssZ`` (UTC)."""
    who: str | None = None
    """Who did it."""
    undone: bool = False
    """Whether it is currently undone (and can be redone)."""


@dataclass(frozen=True, slots=True)
class RunSignature:
    """How a document was produced: enough to reproduce or compare runs (cf. sacrebleu)."""

    hizala_version: str
    """The hizala version that aligned it."""
    encoder: str
    """The sentence encoder's name (``use``, ``transformers:…``, ``fake``, ``none``…)."""
    params: tuple[tuple[str, str], ...] = ()
    """Other settings that change the result (segmentation, aligner weights…), sorted."""

    def __str__(self) -> str:
        parts = [f"hizala:{self.hizala_version}", f"encoder:{self.encoder}"]
        parts += [f"{k}:{v}" for k, v in self.params]
        return "|".join(parts)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document pair (or a mixed article) in a project, with its counts."""

    id: int
    """Stable id."""
    name: str
    """Short name, unique in the project (TMX ``x-document``)."""
    tr_path: str | None
    """The Turkish file it was read from."""
    en_path: str | None
    """The English file."""
    tr_sha256: str
    """SHA-256 of the Turkish file's bytes when it was added."""
    en_sha256: str
    """SHA-256 of the English file's bytes when it was added."""
    added_at: str
    """When it was added, ``YYYYMMDDThhmmssZ``."""
    signature: RunSignature
    """How it was segmented and aligned."""
    beads: int = 0
    """Number of beads."""
    confirmed: int = 0
    """Confirmed beads."""
    rejected: int = 0
    """Rejected beads."""
    low_confidence: int = 0
    """Unreviewed (auto) beads scoring below the project's threshold."""
    findings: int = 0
    """QA findings."""
    kind: str = "parallel"
    """``parallel`` (a document and its translation) or ``mixed`` (an English article with
    Turkish fragments: both files are the article, each bead is a fragment)."""


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """Counts over a whole project (``hizala status``)."""

    path: str
    """The project file."""
    schema_version: int
    """``PRAGMA user_version`` of the file."""
    created_at: str
    """When the project was created."""
    documents: tuple[DocumentInfo, ...]
    """Every document, in the order they were added."""
    beads: int
    """Beads in all documents."""
    confirmed: int
    """Confirmed beads."""
    rejected: int
    """Rejected beads."""
    low_confidence: int
    """Unreviewed (auto) beads whose score is below ``low_threshold``."""
    low_threshold: float | None
    """The threshold used for ``low_confidence`` (None: none was set, no bead is low)."""
    findings: int
    """QA findings."""
    findings_by_kind: tuple[tuple[str, int], ...] = field(default=())
    """``(kind, count)`` pairs, most frequent first."""
    undo_depth: int = 0
    """Operations that can be undone."""
    redo_depth: int = 0
    """Undone operations that can be redone."""

    @property
    def auto(self) -> int:
        """Beads neither confirmed nor rejected."""
        return self.beads - self.confirmed - self.rejected
