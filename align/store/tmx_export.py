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
``creationdate`` (when the document was added, or the unit's own
``creationdate``/``creationid`` for a unit imported from TMX) and ``changedate`` /
``changeid`` (who last changed the bead) as ``YYYYMMDDThhmmssZ``. A segment
imported from TMX with inline markup (``<bpt>``, ``<ph>``, ``<hi>``…) is written
with that markup while its text is the one imported (an edited segment is
written as its new text).

Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone
surrogates, U+FFFE/U+FFFF) cannot be written at all, so they are removed and
counted in the :class:`TmxReport` (the caller warns about them, once).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tmx_writer import (
    TMX_FOOTER,
    check_lang_tag,
    clean_xml_text,
    one_line,
    tmx_header,
    tmx_unit,
    xml_text,
)
from .exports import ExportOptions, select_beads
from .project import Project
from .values import SegmentRow

__all__ = ["TmxReport", "clean_xml_text", "render_tmx"]


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


def _imported(
    project: Project,
) -> tuple[dict[int, tuple[str, str]], dict[int, tuple[str | None, str | None]]]:
    """What TMX imports kept: inline markup by segment id (text when imported, XML), and
    the units' creation date and id by bead id."""
    with project.file.read() as conn:
        markup = {int(r[0]): (str(r[1]), str(r[2])) for r in conn.execute(
            "SELECT segment_id, plain, xml FROM tmx_markup")}
        created = {int(r[0]): (r[1], r[2]) for r in conn.execute(
            "SELECT bead_id, created_at, created_by FROM tmx_units")}
    return markup, created


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
    markup, created = _imported(project)

    def seg(segments: tuple[SegmentRow, ...], bead_id: int) -> str | None:
        """The content of ``<seg>`` with imported inline markup, as XML; None when none of
        the segments kept any (the plain text is written)."""
        if not any(s.id in markup for s in segments):
            return None
        parts = []
        for s in segments:
            kept = markup.get(s.id)
            if kept is not None and kept[0] == s.text:
                parts.append(kept[1])
            else:
                parts.append(xml_text(clean(one_line(s.text), bead_id).strip()))
        return " ".join(p for p in parts if p)

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
            created_at, created_by = created.get(b.id, (None, None))
            attrs = [("tuid", str(b.id)), ("creationdate", created_at or doc.added_at)]
            if created_by:
                attrs.append(("creationid", clean(created_by, b.id)))
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
                                props=props, notes=notes, tr_xml=seg(b.tr, b.id),
                                en_xml=seg(b.en, b.id)))
    out.append(TMX_FOOTER)
    report = TmxReport(
        written=written,
        one_sided=one_sided,
        filtered=total - selected,
        removed_characters=removed,
        beads_with_removed=tuple(b for b in removed_in if b),
    )
    return "".join(out), report
