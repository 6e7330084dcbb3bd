"""The glossary as the review UI uses it: browse, search, edit and count terms, and mark
their hits in a bead.

Edits go through :class:`~align.glossary.yaml_store.GlossaryFile` (the
round-trip writer: the rest of the user's file, comments included, stays
byte for byte; written atomically; refused when the file changed on disk
since it was read). A failed edit leaves the glossary as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import GlossaryError
from ..glossary.match import TermMatcher
from ..glossary.model import Term
from ..glossary.yaml_store import GlossaryFile
from ..normalize import fold, fold_en
from ..store.findings import Checker

__all__ = ["NEW_GLOSSARY", "ReviewGlossary", "TermCount", "TermMark"]

NEW_GLOSSARY = """\
# hizala glossary: Turkish terms and the English renderings a reviewer requires
# (see README.md, "Glossary file"). Started by `hizala review`.
version: 1
source: tr
target: en
terms: []
"""
"""What a glossary file made from the review UI starts as."""


@dataclass(frozen=True, slots=True)
class TermMark:
    """Where a glossary term is in a bead (offsets into the side's joined text)."""

    side: str
    """``tr`` or ``en``."""
    start: int
    """First character."""
    end: int
    """One past the last character."""
    term: str
    """The Turkish lemma."""
    forbidden: bool = False
    """An English rendering the glossary forbids for this term."""


@dataclass(frozen=True, slots=True)
class TermCount:
    """How a term fares in the project."""

    beads: int = 0
    """Beads whose Turkish has the term."""
    missing: int = 0
    """Of those, beads whose English has none of its renderings."""
    forbidden: int = 0
    """Of those, beads whose English uses a forbidden rendering."""


class ReviewGlossary:
    """A glossary file open for reviewing and editing (it may not exist yet: it is made
    at the first term added)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        """The glossary file."""
        self.exists = False
        """Whether the file exists (False: it is made at the first term added)."""
        self._file = GlossaryFile.from_text(NEW_GLOSSARY, self.path)
        self.matcher = TermMatcher(self._file.glossary)
        """Finds the terms in sentence pairs."""
        self.reload()

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term, in file order."""
        return self._file.glossary.terms

    def get(self, tr: str) -> Term | None:
        """The term with this Turkish lemma (Turkish-folded), or None."""
        return self._file.glossary.get(tr)

    def search(self, query: str) -> list[Term]:
        """The terms whose lemma, renderings, variants, tags or note contain ``query``
        (Turkish-aware folding for Turkish, ordinary for English)."""
        q_tr, q_en = fold(query.strip()), fold_en(query.strip())
        if not q_tr:
            return list(self.terms)
        out = []
        for t in self.terms:
            turkish = " ".join((t.tr, *t.variants, t.note, *t.tags))
            english = " ".join((*t.en, *t.forbidden, t.note, *t.tags))
            if q_tr in fold(turkish) or q_en in fold_en(english):
                out.append(t)
        return out

    # -- in a bead --------------------------------------------------------------
    def marks(self, tr_text: str, en_text: str) -> list[TermMark]:
        """The terms found in a bead's Turkish text, and their renderings (allowed or
        forbidden) in its English text."""
        out: list[TermMark] = []
        seen: set[tuple[str, int, int]] = set()
        for hit in self.matcher.match_pair(tr_text, en_text):
            out.append(TermMark("tr", hit.tr_start, hit.tr_end, hit.term.tr))
            found = [(hit.en, False)] if hit.en is not None else []
            for m, forbidden in [*found, *((f, True) for f in hit.forbidden)]:
                if m is not None and ("en", m.start, m.end) not in seen:
                    seen.add(("en", m.start, m.end))
                    out.append(TermMark("en", m.start, m.end, hit.term.tr, forbidden))
        return out

    def count(
        self,
        beads: Iterable[tuple[str, str]],
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, TermCount]:
        """Per term (by :attr:`Term.key`), in how many of these ``(Turkish, English)``
        beads it occurs, lacks a rendering, or has a forbidden one."""
        counts: dict[str, list[int]] = {t.key: [0, 0, 0] for t in self.terms}
        for n, (tr, en) in enumerate(beads, 1):
            terms: dict[str, tuple[bool, bool]] = {}
            for hit in self.matcher.match_pair(tr, en) if tr else ():
                missing, forbidden = terms.get(hit.term.key, (True, False))
                terms[hit.term.key] = (missing and hit.en is None,
                                       forbidden or bool(hit.forbidden))
            for key, (missing, forbidden) in terms.items():
                c = counts.setdefault(key, [0, 0, 0])
                c[0] += 1
                c[1] += missing
                c[2] += forbidden
            if progress is not None and n % 500 == 0:
                progress(n)
        return {k: TermCount(*v) for k, v in counts.items()}

    def checker(self) -> Checker:
        """The QA checker of a project reviewed with this glossary."""
        from .checks import qa_checker

        return qa_checker(self.path if self.exists else None)

    # -- editing ----------------------------------------------------------------
    def add(self, term: Term) -> None:
        """Add a term and save the file (made now if it did not exist)."""
        self._edit(lambda f: f.add(term))

    def change(self, old_tr: str, term: Term) -> None:
        """Replace the term ``old_tr`` by ``term`` (in place; a renamed lemma moves to the
        end of the file) and save."""
        if self.get(old_tr) is None:
            raise GlossaryError(f"{old_tr!r} is not in the glossary", path=self.path)

        def edit(f: GlossaryFile) -> None:
            if fold(" ".join(old_tr.split())) == fold(" ".join(term.tr.split())):
                f.change(term)
            else:
                f.remove(old_tr)
                f.add(term)

        self._edit(edit)

    def remove(self, tr: str) -> Term:
        """Delete a term and save; returns it."""
        removed: list[Term] = []
        self._edit(lambda f: removed.append(f.remove(tr)))
        return removed[0]

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer what was read (another editor saved it, or it
        appeared or vanished): saving would be refused until :meth:`reload`."""
        try:
            data = Path(self.path).read_bytes()
        except FileNotFoundError:
            return self.exists
        except OSError:
            return False  # unreadable: saving says why
        return not self.exists or hashlib.sha256(data).hexdigest() != self._file.sha256

    def reload(self) -> None:
        """Read the file (again, e.g. after it changed on disk); GlossaryError if it is
        malformed (with file:line:column)."""
        if os.path.exists(self.path):
            self._file = GlossaryFile.open(self.path)
            self.exists = True
        else:
            self._file = GlossaryFile.from_text(NEW_GLOSSARY, self.path)
            self.exists = False
        self.matcher = TermMatcher(self._file.glossary)

    def _edit(self, edit: Callable[[GlossaryFile], object]) -> None:
        f = self._file
        saved = (f.text, f.sha256, f.glossary)
        try:
            edit(f)
            if not self.exists and os.path.exists(self.path):
                raise GlossaryError(
                    "was created by someone else meanwhile; nothing was written: open the "
                    "glossary screen again to edit it",
                    path=self.path,
                )
            folder = Path(self.path).parent
            if not folder.is_dir():
                raise GlossaryError(f"the folder {folder} does not exist", path=self.path)
            f.save()
        except GlossaryError:
            f.text, f.sha256, f.glossary = saved
            raise
        self.exists = True
        self.matcher = TermMatcher(f.glossary)
