"""Which beads an export contains, and the TSV and JSON exports of a project.

Selection (shared with TMX): rejected beads are left out unless asked for;
``only_confirmed`` keeps confirmed beads only; ``min_score`` keeps
unconfirmed beads scoring at least that much, while confirmed beads always
pass (a reviewer approved them; hand-made beads have no score).

TSV: ``Turkish<TAB>English<TAB>score<TAB>status<TAB>document`` per bead, no
header; a bead's segments joined with a space; tabs and line breaks inside
text become spaces; the score is empty for hand-made beads. JSON: every
document with its files, run signature and selected beads, each with
0-based segment indices, texts, character spans, status, who/when and
findings; a document's ``kind`` (``parallel`` or ``mixed``), and for each
bead of a mixed article its ``fragment``: how it was detected and paired
(:class:`~.mixed_values.FragmentInfo`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from .mixed_values import FragmentInfo, read_fragments
from .project import Project
from .values import BeadRow, DocumentInfo, Finding

__all__ = ["ExportOptions", "SelectedBead", "render_json", "render_tsv", "select_beads"]

_WS = re.compile(r"[\t\r\n]+")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export and how to tag the languages."""

    only_confirmed: bool = False
    """Export confirmed beads only."""
    min_score: float | None = None
    """Leave out unconfirmed beads scoring below this (confirmed beads always pass)."""
    include_rejected: bool = False
    """Export rejected beads too (marked ``x-status`` rejected)."""
    documents: tuple[str, ...] = ()
    """Export only these documents (by name); empty: all."""
    tr_lang: str = "tr"
    """The Turkish ``xml:lang`` and the TMX ``srclang`` (``tr`` or e.g. ``tr-TR``)."""
    en_lang: str = "en"
    """The English ``xml:lang`` (``en`` or e.g. ``en-US``)."""

    def keeps(self, bead: BeadRow) -> bool:
        """Whether the bead passes the status and score filters."""
        if bead.status == "rejected" and not self.include_rejected:
            return False
        if self.only_confirmed and bead.status != "confirmed":
            return False
        if self.min_score is not None and bead.status != "confirmed":
            return bead.score is not None and bead.score >= self.min_score
        return True


@dataclass(frozen=True, slots=True)
class SelectedBead:
    """A bead chosen for export, with where its segments stand in their documents."""

    bead: BeadRow
    """The bead."""
    document: DocumentInfo
    """Its document."""
    tr_index: tuple[int, ...]
    """0-based indices of its Turkish segments in the document as it is now."""
    en_index: tuple[int, ...]
    """0-based indices of its English segments."""
    findings: tuple[Finding, ...] = field(default=())
    """Its QA findings."""


def select_beads(
    project: Project, options: ExportOptions
) -> Iterator[tuple[DocumentInfo, list[SelectedBead]]]:
    """Per document (in order), the beads the options keep, read in one snapshot."""
    with project.file.read():
        docs = project.documents()
        if options.documents:
            names = {d.name for d in docs}
            unknown = [n for n in options.documents if n not in names]
            if unknown:
                raise StoreError(
                    f"no document named {unknown[0]!r} in the project; it has: "
                    + ", ".join(sorted(names)),
                    path=project.path,
                )
            docs = [d for d in docs if d.name in options.documents]
        by_bead: dict[int, list[Finding]] = {}
        for f in project.findings():
            by_bead.setdefault(f.bead_id, []).append(f)
        out = []
        for doc in docs:
            chosen: list[SelectedBead] = []
            n_tr = n_en = 0
            for bead in project.beads(document_id=doc.id):
                tr_index = tuple(range(n_tr, n_tr + len(bead.tr)))
                en_index = tuple(range(n_en, n_en + len(bead.en)))
                n_tr += len(bead.tr)
                n_en += len(bead.en)
                if options.keeps(bead):
                    found = tuple(by_bead.get(bead.id, ()))
                    chosen.append(SelectedBead(bead, doc, tr_index, en_index, found))
            out.append((doc, chosen))
    yield from out


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.4f}"


def render_tsv(project: Project, options: ExportOptions) -> str:
    """The selected beads as TSV lines (see the module docstring)."""
    lines = []
    for doc, chosen in select_beads(project, options):
        for sel in chosen:
            b = sel.bead
            tr = _WS.sub(" ", b.tr_text)
            en = _WS.sub(" ", b.en_text)
            name = _WS.sub(" ", doc.name)
            lines.append(f"{tr}\t{en}\t{_score(b.score)}\t{b.status}\t{name}\n")
    return "".join(lines)


def _segments(bead: BeadRow, side: str) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "text": s.text,
            "span": None if s.start is None else [s.start, s.end],
            "paragraph": s.paragraph,
            **({"original": s.original} if s.original is not None else {}),
        }
        for s in (bead.tr if side == "tr" else bead.en)
    ]


def _fragment(info: FragmentInfo | None) -> dict[str, Any]:
    if info is None:
        return {}
    best = info.best
    return {
        "fragment": {
            "kind": info.kind,
            "confidence": round(info.confidence, 4),
            "span": [info.start, info.end],
            "paired": info.paired,
            "score": round(info.score, 4),
            "best": None if best is None else
            {"start": best.start, "end": best.end, "text": best.text},
            "reason": info.reason,
        }
    }


def render_json(project: Project, options: ExportOptions, *, now: str) -> str:
    """The selected beads with everything the project knows about them, as JSON."""
    with project.file.read() as conn:
        fragments = read_fragments(conn)
    docs = []
    for doc, chosen in select_beads(project, options):
        docs.append(
            {
                "id": doc.id,
                "name": doc.name,
                "kind": doc.kind,
                "signature": str(doc.signature),
                "added_at": doc.added_at,
                "tr": {"path": doc.tr_path, "sha256": doc.tr_sha256, "lang": options.tr_lang},
                "en": {"path": doc.en_path, "sha256": doc.en_sha256, "lang": options.en_lang},
                "beads": [
                    {
                        "id": s.bead.id,
                        "tr": list(s.tr_index),
                        "en": list(s.en_index),
                        "score": None if s.bead.score is None else round(s.bead.score, 4),
                        "status": s.bead.status,
                        "changed_by": s.bead.changed_by,
                        "changed_at": s.bead.changed_at,
                        "tr_text": s.bead.tr_text,
                        "en_text": s.bead.en_text,
                        "tr_segments": _segments(s.bead, "tr"),
                        "en_segments": _segments(s.bead, "en"),
                        "findings": [
                            {
                                "kind": f.kind,
                                "severity": f.severity,
                                "tr_span": None if f.tr_span is None else list(f.tr_span),
                                "en_span": None if f.en_span is None else list(f.en_span),
                                "message": f.message,
                            }
                            for f in s.findings
                        ],
                        **_fragment(fragments.get(s.bead.id)),
                    }
                    for s in chosen
                ],
            }
        )
    out = {"format": "hizala-project", "version": 1, "exported_at": now, "documents": docs}
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
