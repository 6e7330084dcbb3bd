"""TMX 1.4b export that OmegaT, Trados, memoQ and translate-toolkit read as they are.

The file is UTF-8 XML 1.0 without a DOCTYPE (some tools try to fetch a
declared DTD), valid against the TMX 1.4 DTD. The header names hizala as
``creationtool`` and ``o-tmf``, ``segtype="sentence"``, ``adminlang="en"``,
``datatype="plaintext"``, ``srclang`` equal to the Turkish ``xml:lang``,
the export time as ``creationdate``, and each run signature as an
``x-signature`` property. One ``<tu>`` per selected bead with text on both
sides (``tuid``: the bead's id): the bead's segments joined with a space,
line breaks inside a segment (hard-wrapped text) turned into a space;
``x-document``, ``x-score`` (when the aligner scored it) and ``x-status``
properties, and ``x-kind`` ``mixed`` for a Turkish fragment of a mixed article
and its English; each QA finding as a ``<note>`` ``kind (severity): message``;
``creationdate`` (when the document was added) and ``changedate`` /
``changeid`` (who last changed the bead) as ``YYYYMMDDThhmmssZ``.

Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone
surrogates, U+FFFE/U+FFFF) cannot be written at all, so they are removed,
counted in the :class:`TmxReport`, and logged as a warning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..tmx_writer import TMX_FOOTER, check_lang_tag, clean_xml_text, one_line, tmx_header, tmx_unit
from .exports import ExportOptions, select_beads
from .project import Project

__all__ = ["TmxReport", "clean_xml_text", "render_tmx"]

_log = logging.getLogger("align.store.tmx")


@dataclass(frozen=True, slots=True)
class TmxReport:
    """What an export wrote and what it left out."""

    written: int
    """Translation units written."""
    one_sided: int
    """Selected beads left out because one side has no text (1:0, 0:1, empty segments)."""
    filtered: int
    """Beads left out by the status/score/document filters."""
    removed_characters: int
    """Characters XML 1.0 forbids, removed from the text."""
    beads_with_removed: tuple[int, ...] = ()
    """Ids of the beads those characters were removed from."""


def render_tmx(project: Project, options: ExportOptions, *, now: str) -> tuple[str, TmxReport]:
    """The TMX document and what went into it; ``now`` is the header's creationdate."""
    from ..errors import StoreError

    tr_lang = check_lang_tag(options.tr_lang, "the Turkish language tag", StoreError)
    en_lang = check_lang_tag(options.en_lang, "the English language tag", StoreError)
    removed = 0
    removed_in: list[int] = []

    def clean(text: str, bead_id: int) -> str:
        nonlocal removed
        text, n = clean_xml_text(text)
        if n:
            removed += n
            if not removed_in or removed_in[-1] != bead_id:
                removed_in.append(bead_id)
        return text

    selection = list(select_beads(project, options))
    total = project.bead_count()
    signatures = list(dict.fromkeys(str(doc.signature) for doc, _sel in selection))
    out = [tmx_header(tr_lang, now, signatures)]
    written = one_sided = selected = 0
    for doc, chosen in selection:
        name = clean(doc.name, 0)
        for sel in chosen:
            selected += 1
            b = sel.bead
            tr = clean(one_line(b.tr_text), b.id).strip()
            en = clean(one_line(b.en_text), b.id).strip()
            if not tr or not en:
                one_sided += 1
                continue
            written += 1
            attrs = [("tuid", str(b.id)), ("creationdate", doc.added_at)]
            if b.changed_at:
                attrs.append(("changedate", b.changed_at))
            if b.changed_by:
                attrs.append(("changeid", clean(b.changed_by, b.id)))
            props = [("x-document", name)]
            if doc.kind != "parallel":
                props.append(("x-kind", doc.kind))
            if b.score is not None:
                props.append(("x-score", f"{b.score:.4f}"))
            props.append(("x-status", b.status))
            notes = [clean(one_line(f"{f.kind} ({f.severity}): {f.message}"), b.id)
                     for f in sel.findings]
            out.append(tmx_unit(tr, en, tr_lang=tr_lang, en_lang=en_lang, attrs=attrs,
                                props=props, notes=notes))
    out.append(TMX_FOOTER)
    report = TmxReport(
        written=written,
        one_sided=one_sided,
        filtered=total - selected,
        removed_characters=removed,
        beads_with_removed=tuple(b for b in removed_in if b),
    )
    if removed:
        _log.warning(
            "removed %d character(s) that XML 1.0 forbids (control characters) from %d bead(s)",
            removed,
            max(len(report.beads_with_removed), 1),
        )
    return "".join(out), report
