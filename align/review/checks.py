"""QA checks of a project's beads (align.qa), as the store's checker.

A *checker* computes the findings of one bead
(:data:`align.store.findings.Checker`); the store calls it inside each
operation for the beads the operation changed, and knows nothing of QA:
numbers, dates and percentages that do not survive, Turkish words left
untranslated, and, with a glossary, missing and forbidden term renderings.
Finding spans are offsets into the bead's Turkish and English texts joined
with a space (:attr:`BeadRow.tr_text`). Checks that need the whole document
(inconsistent renderings, a name spelled two ways) are in ``hizala check``.
"""

from __future__ import annotations

from os import PathLike

from ..glossary.match import TermMatcher
from ..glossary.yaml_store import load_glossary
from ..qa import check_pair
from ..store import BeadRow, Checker, NewFinding

__all__ = ["glossary_checker", "qa_checker"]


def qa_checker(glossary: str | PathLike[str] | None = None) -> Checker:
    """The checker for a project, with term checks when ``glossary`` is given.

    The glossary is read (and validated, GlossaryError with file:line:col) once.
    """
    matcher = TermMatcher(load_glossary(glossary)) if glossary is not None else None

    def check(bead: BeadRow) -> list[NewFinding]:
        if not bead.tr or not bead.en:
            return []  # an omission or addition is itself what the reviewer sees
        return [
            NewFinding(f.kind, f.message, f.severity, f.tr_span, f.en_span)
            for f in check_pair(bead.tr_text, bead.en_text, matcher)
        ]

    return check


def glossary_checker(glossary: str | PathLike[str]) -> Checker:
    """:func:`qa_checker` with a glossary."""
    return qa_checker(glossary)
