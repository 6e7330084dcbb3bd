"""Exporting a project from the review UI: the same selection and files as ``hizala export``.

The export reads the project through its own read-only connection, so it
can run in a worker thread while the reviewer goes on working, and writes
the file atomically (temp file + rename).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..errors import HizalaError
from ..store import Project
from ..store.exports import ExportOptions

__all__ = ["FORMATS", "ExportRequest", "run_export"]

FORMATS = {"tmx": "TMX 1.4b", "tsv": "TSV", "json": "JSON"}
"""Export formats: name -> what to call it."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export where (the options of ``hizala export``)."""

    path: str
    """The file to write (replaced atomically if it exists)."""
    format: str = "tmx"
    """``tmx``, ``tsv`` or ``json``."""
    options: ExportOptions = field(default_factory=ExportOptions)
    """Which beads, which language tags."""


def run_export(project_path: str, request: ExportRequest, *, now: str | None = None) -> str:
    """Write the export; returns a one-line summary (``1,234 translation units``) with any
    warnings. Raises HizalaError for a bad request or an unwritable file."""
    from ..store.base import utc_stamp
    from ..store.exports import render_json, render_tsv, select_beads
    from ..store.tmx_export import render_tmx

    if request.format not in FORMATS:
        raise HizalaError(f"unknown format {request.format!r}; choose tmx, tsv or json")
    if not request.path.strip():
        raise HizalaError("give the file to write")
    stamp = now or utc_stamp()
    notes = []
    with Project.open(project_path, readonly=True) as project:
        if request.format == "tmx":
            text, report = render_tmx(project, request.options, now=stamp)
            summary = f"{report.written:,} translation units"
            if report.one_sided:
                notes.append(f"{report.one_sided} one-sided beads left out")
            if report.removed_characters:
                notes.append(f"{report.removed_characters} control characters removed")
        else:
            count = sum(len(c) for _d, c in select_beads(project, request.options))
            summary = f"{count:,} beads"
            render = render_tsv if request.format == "tsv" else None
            text = (
                render(project, request.options) if render is not None
                else render_json(project, request.options, now=stamp)
            )
    path = Path(os.path.expanduser(request.path))
    write_atomic(path, text)
    return f"wrote {summary} to {path}" + (f" ({'; '.join(notes)})" if notes else "")
