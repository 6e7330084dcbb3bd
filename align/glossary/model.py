"""The glossary's values: terms, the glossary, and where a term was found.

All frozen: a :class:`Glossary` is loaded once and shared by the matchers,
the checks and the aligner. Editing a glossary file goes through
:mod:`align.glossary.yaml_store`, which returns a new value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["POS_VALUES", "EnMatch", "Glossary", "Term", "TermHit"]

POS_VALUES = ("noun", "verb", "propn", "adj")
"""The parts of speech a term may have; they decide which inflections match."""


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: a Turkish lemma and the English renderings it must get."""

    tr: str
    """The Turkish lemma (``gözaltı``, ``tutuklamak``) or a multi-word term
    (``İçişleri Bakanlığı``)."""
    en: tuple[str, ...]
    """Allowed English renderings, in lemma form (``detention``, ``arrest``)."""
    pos: str = "noun"
    """Part of speech: ``noun``, ``verb`` (lemma ends in -mak/-mek), ``propn`` or ``adj``."""
    forbidden: tuple[str, ...] = ()
    """Renderings that must not be used (a reviewer's 'do not say')."""
    note: str = ""
    """Free text for the terminologist (sense, source, decision)."""
    case_sensitive: bool = False
    """Match the Turkish lemma with its exact capitalisation (e.g. ``Ak`` vs ``ak``)."""
    tags: tuple[str, ...] = ()
    """Labels for grouping and filtering (``politics``, ``police``)."""
    variants: tuple[str, ...] = ()
    """Other Turkish spellings of the same lexeme (``hükûmet``); matched like the lemma."""
    exceptions: tuple[str, ...] = ()
    """Turkish phrases holding the term's words where they are another word (``savaş uçağı``
    'warplane' for ``savaş``, ``baskın çıkmak`` 'prevail' for ``baskın``); inflected on their
    last word like a term. The term is not found inside them."""
    other_senses: tuple[str, ...] = ()
    """English words (lemma form) that show the Turkish word is used in another sense
    (``dominant`` for ``baskın``, ``top`` for ``zirve``): when the English has one and
    none of the renderings, no rendering is missing."""
    consistent: bool = False
    """One rendering throughout a document: two of the renderings in one document are
    ``inconsistent`` (by default every rendering listed may be used anywhere)."""
    line: int = 0
    """1-based line of the entry in the file it was loaded from (0: not from a file)."""

    @property
    def words(self) -> tuple[str, ...]:
        """The Turkish lemma split into words."""
        return tuple(self.tr.split())

    @property
    def multiword(self) -> bool:
        """True when the Turkish term has more than one word."""
        return len(self.words) > 1

    @property
    def key(self) -> str:
        """The identity used for duplicates: Turkish-folded lemma with single spaces."""
        from ..normalize import fold

        return " ".join(fold(self.tr).split())


@dataclass(frozen=True, slots=True)
class Glossary:
    """An ordered set of terms for one language pair."""

    terms: tuple[Term, ...]
    """The entries in file order."""
    source: str = "tr"
    """Source language code (always ``tr`` for hizala)."""
    target: str = "en"
    """Target language code (always ``en`` for hizala)."""
    version: int = 1
    """Schema version of the file."""
    path: str | None = None
    """The file the glossary was read from, if any."""
    sha256: str = field(default="", compare=False)
    """SHA-256 of the file's bytes when read, to refuse overwriting a file changed since."""

    def get(self, tr: str) -> Term | None:
        """The term whose lemma is ``tr`` (Turkish-folded comparison), or None."""
        from ..normalize import fold

        key = " ".join(fold(tr).split())
        return next((t for t in self.terms if t.key == key), None)

    def __len__(self) -> int:
        return len(self.terms)


@dataclass(frozen=True, slots=True)
class EnMatch:
    """A rendering found in an English sentence."""

    start: int
    """Offset of the first character in the sentence."""
    end: int
    """Offset one past the last character."""
    rendering: str
    """The glossary rendering (lemma form) that this text inflects."""
    forbidden: bool = False
    """True when the rendering is one of the term's forbidden ones."""


@dataclass(frozen=True, slots=True)
class TermHit:
    """A glossary term found in a Turkish sentence, and its rendering in the English one."""

    term: Term
    """The glossary entry."""
    tr_start: int
    """Offset of the first character of the Turkish token(s), suffixes included."""
    tr_end: int
    """Offset one past the last character of the Turkish token(s)."""
    surface: str
    """The Turkish text as written (``Türkiye'nin``)."""
    en: EnMatch | None = None
    """The allowed rendering paired with this hit; None when the English has none."""
    forbidden: tuple[EnMatch, ...] = ()
    """Forbidden renderings of the term found in the English sentence."""

    @property
    def tr_span(self) -> tuple[int, int]:
        """``(start, end)`` in the Turkish sentence."""
        return (self.tr_start, self.tr_end)

    @property
    def en_span(self) -> tuple[int, int] | None:
        """``(start, end)`` of the paired rendering in the English sentence, or None."""
        return None if self.en is None else (self.en.start, self.en.end)
