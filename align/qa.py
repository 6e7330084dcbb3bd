"""Quality checks on aligned Turkish–English pairs.

Per pair (:func:`check_pair`):

``missing``       a glossary term in the Turkish has none of its renderings in the English
                  (a ``warning``: a translator may render it otherwise); not reported for a
                  term inside a longer term that was found, inside one of its listed
                  ``exceptions``, used in one of its ``other_senses``, or rendered by a
                  derivative (``constitution`` → ``unconstitutional``);
``forbidden``     the English uses a rendering the glossary forbids for a term in the Turkish;
``number``        a number, percentage, date, weekday or clock time of one side is not on the
                  other, or is another one there (:mod:`.qa_figures`);
``name-spelling`` a name spelled one letter apart on the two sides (:mod:`.qa_text`);
``untranslated``  Turkish left in the English (:mod:`.qa_text`).

Per document (:func:`check_document`), on top of those:

``inconsistent``  a term the glossary marks ``consistent`` rendered in two ways in one
                  document (the renderings a term lists are otherwise all fine anywhere);
``name-spelling`` one name spelled two ways in the English (``İzmir`` and ``Izmir``).

Every :class:`Finding` carries character spans into the Turkish and the English text it was
computed on (the pair's texts, or the documents' texts). Severities:
:data:`~.qa_finding.SEVERITIES`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from .glossary.match import TermMatcher
from .glossary.model import TermHit
from .qa_figures import figure_findings
from .qa_finding import KINDS, SEVERITIES, Finding
from .qa_text import name_findings, name_spellings, untranslated_findings
from .types import Bead, Document

__all__ = ["KINDS", "SEVERITIES", "Finding", "check_document", "check_pair"]


# ---------------------------------------------------------------------------
# pair checks
# ---------------------------------------------------------------------------


def check_pair(tr: str, en: str, matcher: TermMatcher | None = None) -> list[Finding]:
    """Every finding of one sentence pair (spans into ``tr`` and ``en``)."""
    hits = matcher.match_pair(tr, en) if matcher is not None else []
    return _pair(tr, en, hits, matcher)


def _pair(tr: str, en: str, hits: Sequence[TermHit], matcher: TermMatcher | None) -> list[Finding]:
    findings: list[Finding] = []
    if matcher is not None:
        findings += _term_findings(hits, en, matcher)
    findings += figure_findings(tr, en)
    findings += name_findings(tr, en)
    findings += untranslated_findings(tr, en)
    return findings


def _nested(h: TermHit, hits: Sequence[TermHit]) -> bool:
    """Whether a longer term found holds this hit (``savaş`` in ``savaş uçağı``)."""
    return any(
        o is not h
        and o.tr_start <= h.tr_start
        and h.tr_end <= o.tr_end
        and (o.tr_end - o.tr_start) > (h.tr_end - h.tr_start)
        and len(o.term.tr) > len(h.term.tr)
        for o in hits
    )


def _term_findings(hits: Sequence[TermHit], en: str, matcher: TermMatcher) -> list[Finding]:
    out: list[Finding] = []
    reported: set[tuple[str, int, int]] = set()
    for h in hits:
        term = h.term
        if (
            h.en is None
            and en.strip()
            and not _nested(h, hits)
            and not matcher.other_sense(term, en)
            and matcher.english.derived(en, term) is None
        ):
            wanted = ", ".join(repr(e) for e in term.en)
            out.append(
                Finding(
                    "missing",
                    f"{h.surface!r} ({term.tr}) has no rendering in the English; the glossary "
                    f"requires {wanted}",
                    h.tr_span,
                    None,
                    term.tr,
                    severity="warning",
                )
            )
        for f in h.forbidden:
            key = (term.tr, f.start, f.end)
            if key in reported:
                continue
            reported.add(key)
            allowed = " or ".join(repr(e) for e in term.en)
            out.append(
                Finding(
                    "forbidden",
                    f"{en[f.start : f.end]!r} is a forbidden rendering of {term.tr!r}; "
                    f"use {allowed}",
                    h.tr_span,
                    (f.start, f.end),
                    term.tr,
                )
            )
    return out


# ---------------------------------------------------------------------------
# document checks
# ---------------------------------------------------------------------------


def _bead_span(doc: Document, indices: Sequence[int]) -> tuple[int, int] | None:
    if not indices:
        return None
    return doc.segments[indices[0]].start, doc.segments[indices[-1]].end


def _shift(span: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + by, span[1] + by)


def check_document(
    tr: Document, en: Document, beads: Sequence[Bead], matcher: TermMatcher | None = None
) -> list[Finding]:
    """Check every aligned bead, then the document as a whole.

    Spans are offsets into ``tr.text`` and ``en.text``; ``bead`` is the bead's 0-based index.
    """
    findings: list[Finding] = []
    renderings: dict[str, list[tuple[int, TermHit, int, int]]] = defaultdict(list)
    for k, bead in enumerate(beads):
        ts, es = _bead_span(tr, bead.tr), _bead_span(en, bead.en)
        if ts is None or es is None:
            continue  # an omission or addition: the alignment report shows it
        tr_text, en_text = tr.text[ts[0] : ts[1]], en.text[es[0] : es[1]]
        hits = matcher.match_pair(tr_text, en_text) if matcher is not None else []
        for f in _pair(tr_text, en_text, hits, matcher):
            findings.append(
                replace(
                    f, tr_span=_shift(f.tr_span, ts[0]), en_span=_shift(f.en_span, es[0]), bead=k
                )
            )
        for h in hits:
            if h.en is not None and h.term.consistent:
                renderings[h.term.tr].append((k, h, ts[0], es[0]))
    findings += _inconsistent(renderings)
    findings += name_spellings(en.text)
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(
        findings, key=lambda f: (f.bead if f.bead is not None else 1 << 30, order.get(f.kind, 99))
    )


def _inconsistent(renderings: dict[str, list[tuple[int, TermHit, int, int]]]) -> list[Finding]:
    out: list[Finding] = []
    for term, uses in renderings.items():
        counts = Counter(h.en.rendering for _, h, _, _ in uses if h.en is not None)
        if len(counts) < 2:
            continue
        main, n_main = counts.most_common(1)[0]
        seen: set[str] = set()
        for k, h, t0, e0 in uses:
            if h.en is None or h.en.rendering == main or h.en.rendering in seen:
                continue
            seen.add(h.en.rendering)  # once per rendering, at its first place
            out.append(
                Finding(
                    "inconsistent",
                    f"{term!r} is rendered {h.en.rendering!r} here but {main!r} in {n_main} "
                    "other place(s) of the document; the glossary asks for one rendering",
                    _shift(h.tr_span, t0),
                    (h.en.start + e0, h.en.end + e0),
                    term,
                    k,
                    "warning",
                )
            )
    return out
