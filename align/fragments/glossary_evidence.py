"""Glossary evidence for fragment pairing: the terms a fragment and a sentence share.

Pairing takes any object with ``term_pairs(tr, en)`` (see
:class:`.pair.GlossaryEvidence`); this one asks the glossary's inflection-aware
matcher for the terms found in the Turkish fragment whose rendering occurs in
the English sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

from ..glossary.match import TermMatcher
from ..glossary.yaml_store import load_glossary

__all__ = ["GlossaryTermPairs", "load_glossary_evidence"]


@dataclass(frozen=True)
class GlossaryTermPairs:
    """A glossary as pairing evidence."""

    matcher: TermMatcher
    """The glossary's matcher (built once; a few look-ups per word)."""

    def term_pairs(self, tr: str, en: str) -> list[str]:
        """Lemmas of the terms in ``tr`` that have an allowed rendering in ``en``."""
        return [hit.term.tr for hit in self.matcher.match_pair(tr, en) if hit.en is not None]


def load_glossary_evidence(path: str | PathLike[str]) -> GlossaryTermPairs:
    """The glossary file at ``path`` (GlossaryError with file:line:col when malformed)."""
    return GlossaryTermPairs(TermMatcher(load_glossary(path)))
