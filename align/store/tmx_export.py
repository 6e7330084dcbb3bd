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

import re
from dataclasses import dataclass

from .. import __version__
from .exports import ExportOptions, select_beads
from .project import Project
from .values import SegmentRow

__all__ = ["TmxReport", "clean_xml_text", "render_tmx"]

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[^\S\r\n]*[\r\n]+\s*")
_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


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


def clean_xml_text(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 forbids, and how many were removed."""
    cleaned, n = _FORBIDDEN.subn("", text)
    return cleaned, n


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return (
        _esc(text)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


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


def _check_tag(tag: str, what: str) -> str:
    from ..errors import StoreError

    if not _LANG_TAG.fullmatch(tag):
        raise StoreError(f"{what} {tag!r} is not a language tag such as 'tr' or 'tr-TR'")
    return tag


def render_tmx(project: Project, options: ExportOptions, *, now: str) -> tuple[str, TmxReport]:
    """The TMX document and what went into it; ``now`` is the header's creationdate."""
    tr_lang = _check_tag(options.tr_lang, "the Turkish language tag")
    en_lang = _check_tag(options.en_lang, "the English language tag")
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

    def seg(segments: tuple[SegmentRow, ...], plain: str, bead_id: int) -> str:
        """The content of ``<seg>``: the escaped text, or with imported inline markup."""
        if not any(s.id in markup for s in segments):
            return _esc(plain)
        parts = []
        for s in segments:
            kept = markup.get(s.id)
            if kept is not None and kept[0] == s.text:
                parts.append(kept[1])
            else:
                text = clean(_BREAKS.sub(" ", s.text), bead_id).strip()
                parts.append(_esc(text))
        return " ".join(p for p in parts if p)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n',
        f'  <header creationtool="hizala" creationtoolversion="{_attr(__version__)}" '
        f'segtype="sentence" o-tmf="hizala" adminlang="en" srclang="{_attr(tr_lang)}" '
        f'datatype="plaintext" creationdate="{_attr(now)}"',
    ]
    signatures = list(dict.fromkeys(str(doc.signature) for doc, _sel in selection))
    if signatures:
        out.append(">\n")
        out += [f'    <prop type="x-signature">{_esc(s)}</prop>\n' for s in signatures]
        out.append("  </header>\n")
    else:
        out.append("/>\n")
    out.append("  <body>\n")
    written = one_sided = selected = 0
    for doc, chosen in selection:
        name = _esc(clean(doc.name, 0))
        for sel in chosen:
            selected += 1
            b = sel.bead
            tr = clean(_BREAKS.sub(" ", b.tr_text), b.id).strip()
            en = clean(_BREAKS.sub(" ", b.en_text), b.id).strip()
            if not tr or not en:
                one_sided += 1
                continue
            written += 1
            created_at, created_by = created.get(b.id, (None, None))
            attrs = f' tuid="{b.id}" creationdate="{_attr(created_at or doc.added_at)}"'
            if created_by:
                attrs += f' creationid="{_attr(clean(created_by, b.id))}"'
            if b.changed_at:
                attrs += f' changedate="{_attr(b.changed_at)}"'
            if b.changed_by:
                attrs += f' changeid="{_attr(clean(b.changed_by, b.id))}"'
            out.append(f"    <tu{attrs}>\n")
            out.append(f'      <prop type="x-document">{name}</prop>\n')
            if doc.kind != "parallel":
                out.append(f'      <prop type="x-kind">{doc.kind}</prop>\n')
            if b.score is not None:
                out.append(f'      <prop type="x-score">{b.score:.4f}</prop>\n')
            out.append(f'      <prop type="x-status">{b.status}</prop>\n')
            for f in sel.findings:
                note = clean(_BREAKS.sub(" ", f"{f.kind} ({f.severity}): {f.message}"), b.id)
                out.append(f"      <note>{_esc(note)}</note>\n")
            out.append(
                f'      <tuv xml:lang="{_attr(tr_lang)}">\n'
                f"        <seg>{seg(b.tr, tr, b.id)}</seg>\n"
                f'      </tuv>\n      <tuv xml:lang="{_attr(en_lang)}">\n'
                f"        <seg>{seg(b.en, en, b.id)}</seg>\n      </tuv>\n    </tu>\n"
            )
    out.append("  </body>\n</tmx>\n")
    report = TmxReport(
        written=written,
        one_sided=one_sided,
        filtered=total - selected,
        removed_characters=removed,
        beads_with_removed=tuple(b for b in removed_in if b),
    )
    return "".join(out), report
