"""What a QA check reports: :class:`Finding`, its kinds and its severities."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "SEVERITIES", "Finding"]

KINDS = ("missing", "forbidden", "inconsistent", "number", "name-spelling", "untranslated")
"""Every kind of finding, in report order."""

SEVERITIES = ("error", "warning")
"""``error``: the translation says something else than the source, or breaks a rule the
glossary states — a reviewer must act (a forbidden rendering, a number, date or weekday
that differs, a number the English reader would misread, a name spelled otherwise than in
the source, Turkish left in place of a translation). ``warning``: worth a look, often fine
(a required term not rendered, a number on one side only, two renderings of a
one-rendering term, a name spelled two ways, a Turkish word in the English)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a translation."""

    kind: str
    """One of :data:`KINDS`."""
    message: str
    """What is wrong, in one line, with what the glossary or the source expects."""
    tr_span: tuple[int, int] | None = None
    """Where it is in the Turkish text (start, end), if it has a Turkish side."""
    en_span: tuple[int, int] | None = None
    """Where it is in the English text (start, end), if it has an English side."""
    term: str | None = None
    """The glossary lemma the finding is about, if any."""
    bead: int | None = None
    """Index of the aligned bead (document checks), 0-based, if any."""
    severity: str = "error"
    """One of :data:`SEVERITIES`."""
