"""``hizala export`` (TMX, TSV, JSON) and ``hizala import-tmx``."""

from __future__ import annotations

import os
from typing import Any

import click

from .cmd_project import current_user
from .common import progress, write_output


@click.command("export")
@click.argument("project_path", metavar="PROJECT", type=click.Path(dir_okay=False))
@click.option("--tmx", metavar="OUT", help="Write a TMX 1.4b translation memory here.")
@click.option("--tsv", metavar="OUT",
              help="Write TSV here ('-': stdout): Turkish, English, score, status, document.")
@click.option("--json", "json_out", metavar="OUT",
              help="Write JSON here ('-': stdout): documents, beads, segments, spans, findings.")
@click.option("--only-confirmed", is_flag=True, help="Export confirmed beads only.")
@click.option("--min-score", type=click.FloatRange(0, 1), metavar="S",
              help="Leave out unconfirmed beads whose confidence is below S "
              "(confirmed beads are always kept).")
@click.option("--include-rejected", is_flag=True,
              help="Export rejected beads too (TMX marks them x-status=rejected).")
@click.option("--document", "documents", multiple=True, metavar="NAME",
              help="Export only this document (repeatable). Default: all.")
@click.option("--tr-lang", default="tr", show_default=True, metavar="TAG",
              help="xml:lang of the Turkish side, also the TMX srclang (e.g. tr-TR).")
@click.option("--en-lang", default="en", show_default=True, metavar="TAG",
              help="xml:lang of the English side (e.g. en-US, en-GB).")
def export_cmd(*, project_path: str, tmx: str | None, tsv: str | None, json_out: str | None,
               only_confirmed: bool, min_score: float | None, include_rejected: bool,
               documents: tuple[str, ...], tr_lang: str, en_lang: str) -> None:
    """Export the beads of PROJECT as TMX (for OmegaT, Trados, memoQ…), TSV or JSON.

    Rejected beads are left out unless --include-rejected. In TMX, a bead
    becomes one translation unit if both sides have text (its segments joined
    with a space), with its score, status, document and QA findings as
    properties and notes. Works while the project is open for review.
    """
    from ..errors import HizalaError
    from ..store import Project
    from ..store.base import utc_stamp
    from ..store.exports import ExportOptions, render_json, render_tsv, select_beads
    from ..store.tmx_export import render_tmx

    if not (tmx or tsv or json_out):
        raise HizalaError("nothing to export: give --tmx OUT, --tsv OUT and/or --json OUT")
    options = ExportOptions(
        only_confirmed=only_confirmed, min_score=min_score, include_rejected=include_rejected,
        documents=documents, tr_lang=tr_lang, en_lang=en_lang,
    )
    now = utc_stamp()
    with Project.open(project_path, readonly=True) as project:
        outputs: list[tuple[str, str, str]] = []
        selected = sum(len(chosen) for _doc, chosen in select_beads(project, options))
        if tmx:
            text, report = render_tmx(project, options, now=now)
            outputs.append((tmx, text, f"{report.written} translation units"))
            if report.removed_characters:
                click.echo(
                    f"hizala: warning: removed {report.removed_characters} character(s) that "
                    f"XML 1.0 forbids (control characters) from {len(report.beads_with_removed)}"
                    f" bead(s), ids {', '.join(map(str, report.beads_with_removed[:10]))}",
                    err=True,
                )
            if report.one_sided:
                click.echo(
                    f"hizala: {report.one_sided} selected bead(s) with one side empty are not in "
                    "the TMX (a translation unit needs both languages)",
                    err=True,
                )
        if tsv:
            text = render_tsv(project, options)
            outputs.append((tsv, text, f"{selected} beads"))
        if json_out:
            outputs.append((json_out, render_json(project, options, now=now), f"{selected} beads"))
    for out, text, what in outputs:
        write_output(text, out)
        if out != "-":
            click.echo(f"hizala: wrote {what} to {out}", err=True)


@click.command("import-tmx")
@click.argument("tmx_file", metavar="TMX", type=click.Path(dir_okay=False))
@click.argument("project_path", metavar="PROJECT", type=click.Path(dir_okay=False))
@click.option("--tr-lang", default="tr", show_default=True, metavar="TAG",
              help="The Turkish variants' language (tr matches tr-TR, tr-CY…).")
@click.option("--en-lang", default="en", show_default=True, metavar="TAG",
              help="The English variants' language (en matches en-US, en-GB…).")
@click.option("--encoder", default="use", show_default=True, metavar="NAME",
              help="For a new project: the encoder to re-align stretches with later.")
def import_tmx_cmd(*, tmx_file: str, project_path: str, tr_lang: str, en_lang: str,
                   encoder: str) -> None:
    """Import the translation memory TMX into PROJECT (created if missing) to review it.

    Each unit with a Turkish and an English variant becomes a 1:1 bead;
    units are grouped into documents by their x-document property (as hizala
    writes it), otherwise all go into one document named after the file.
    hizala's x-score, x-status and notes are read back. The XML is read safely
    (no DTD entities, nothing fetched) and streamed, so any size works.
    """
    from ..store import Project, build_project
    from ..store.tmx_import import TmxImportReport, import_tmx

    reports: list[TmxImportReport] = []
    size = os.path.getsize(tmx_file) if os.path.isfile(tmx_file) else 0

    def fill(project: Any) -> None:
        with progress(size, "importing") as step:
            reports.append(
                import_tmx(project, tmx_file, tr_lang=tr_lang, en_lang=en_lang, progress=step)
            )

    if os.path.lexists(project_path):
        with Project.open(project_path, user=current_user()) as project:
            project.file.verify()  # never add to a damaged file
            fill(project)
        verb = "imported into"
    else:
        build_project(project_path, fill, encoder=encoder, user=current_user())
        verb = "created"
    report = reports[0]
    skipped = f"; {report.skipped} unit(s) without both languages skipped" if report.skipped else ""
    click.echo(
        f"hizala: {verb} {project_path}: {report.units} beads in "
        f"{len(report.documents)} document(s){skipped}",
        err=True,
    )
