"""Terms on both sides of a sentence pair: Turkish hits paired with English renderings.

Pairing rule: the k-th Turkish hit of a term (left to right) gets the k-th
allowed rendering found in the English sentence; when the Turkish has more
hits than the English has renderings, the last rendering is reused. A term
with no rendering in the English gets ``en=None`` on every hit (a "missing
term translation"). Forbidden renderings found are attached to every hit.

A term is not found inside one of its ``exceptions`` (``savaş`` in ``savaş
uçakları``): the exceptions are matched like terms, and a hit they cover is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..normalize import fold
from .english import EnglishMatcher
from .model import Glossary, Term, TermHit
from .turkish import TrSpan, TurkishMatcher

__all__ = ["TermMatcher"]


class TermMatcher:
    """Finds a glossary's terms in Turkish–English sentence pairs.

    Build once per glossary (indexing is linear in the number of terms);
    matching a sentence costs a few dictionary lookups per word whatever the
    glossary's size.
    """

    def __init__(self, glossary: Glossary | Iterable[Term]) -> None:
        terms = glossary.terms if isinstance(glossary, Glossary) else tuple(glossary)
        self.terms: tuple[Term, ...] = tuple(terms)
        self.turkish = TurkishMatcher(self.terms)
        self.english = EnglishMatcher()
        self.english.prepare(self.terms)
        owners: dict[str, set[str]] = {}
        phrases: dict[str, Term] = {}
        for term in self.terms:
            for phrase in term.exceptions:
                key = " ".join(fold(phrase).split())
                owners.setdefault(key, set()).add(term.tr)
                pos = "verb" if key.endswith(("mak", "mek")) and len(key.split()[-1]) > 4 else "noun"
                phrases.setdefault(key, Term(tr=phrase, en=(phrase,), pos=pos))
        self._owners = owners
        self._exceptions = TurkishMatcher(phrases.values()) if phrases else None

    def _find(self, tr: str) -> list[TrSpan]:
        spans = self.turkish.find(tr)
        if self._exceptions is None or not spans:
            return spans
        if not any(s.term.exceptions for s in spans):
            return spans
        blocked = [
            (x.start, x.end, self._owners.get(x.term.key, set()))
            for x in self._exceptions.find(tr)
        ]
        return [
            s
            for s in spans
            if not any(a <= s.start and s.end <= b and s.term.tr in who for a, b, who in blocked)
        ]

    def match_pair(self, tr: str, en: str) -> list[TermHit]:
        """The terms in ``tr`` with their renderings in ``en``, in Turkish order."""
        spans = self._find(tr)
        if not spans:
            return []
        per_term: dict[str, list[int]] = {}
        for k, s in enumerate(spans):
            per_term.setdefault(s.term.tr, []).append(k)
        out: list[TermHit | None] = [None] * len(spans)
        for indices in per_term.values():
            term = spans[indices[0]].term
            found = self.english.find(en, term)
            allowed = [m for m in found if not m.forbidden]
            forbidden = tuple(m for m in found if m.forbidden)
            for n, k in enumerate(indices):
                s = spans[k]
                en_match = allowed[min(n, len(allowed) - 1)] if allowed else None
                out[k] = TermHit(term, s.start, s.end, tr[s.start : s.end], en_match, forbidden)
        return [h for h in out if h is not None]

    def other_sense(self, term: Term, en: str) -> bool:
        """Whether ``en`` has one of the words that show ``term`` used in another sense."""
        if not term.other_senses:
            return False
        return any(
            self.english.find(en, Term(tr=term.tr, en=term.other_senses, pos=pos))
            for pos in ("noun", "verb")
        )
