"""``hizala new``, ``hizala add`` and ``hizala status``: review projects."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from typing import Any

import click

from .cmd_align import _load_pair
from .common import encoder_option, encoding_option, presegmented_option, progress, srx_option


def current_user() -> str | None:
    """The login name to record as who changed a bead (None if unknown)."""
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None


def _glossary(glossary: str | None) -> Any:
    """The QA checker: numbers and untranslated words always, glossary terms if given."""
    from ..store.checks import qa_checker

    return qa_checker(glossary)


def _align_into(project: Any, tr_file: str, en_file: str, *, presegmented: bool,
                encoder: str, srx: str | None, encoding: str | None, name: str | None,
                checker: Any) -> tuple[int, int]:
    """Segment, align, store and check one document pair; ``(document id, beads)``."""
    from ..aligner.core import align_documents
    from ..encoders import get_encoder
    from ..store import run_signature

    tr, en = _load_pair(tr_file, en_file, presegmented, encoding, srx)
    enc = get_encoder(encoder)
    with progress(len(tr.segments) + len(en.segments), "embedding") as step:
        beads = align_documents(tr, en, enc, progress=step)
    signature = run_signature(encoder, presegmented=presegmented, srx=srx)
    doc_id = project.add_document(tr, en, beads, signature=signature, name=name)
    project.save_embeddings(enc, tr.texts + en.texts)
    if checker is not None:
        project.recheck(checker, document_id=doc_id)
    return doc_id, len(beads)


def _report_added(project: Any, doc_id: int, verb: str) -> None:
    doc = next(d for d in project.documents() if d.id == doc_id)
    click.echo(
        f"hizala: {verb} document {doc.name!r}: {doc.beads} beads, {doc.low_confidence} below "
        f"{project.low_threshold:g} confidence, {doc.findings} QA findings",
        err=True,
    )


@click.command("new")
@click.argument("project_path", metavar="PROJECT", type=click.Path(dir_okay=False))
@click.argument("tr_file", metavar="TR", type=click.Path(dir_okay=False))
@click.argument("en_file", metavar="EN", type=click.Path(dir_okay=False))
@click.option("--glossary", metavar="FILE", type=click.Path(dir_okay=False),
              help="Check every bead against this glossary and store the findings.")
@click.option("--name", metavar="NAME",
              help="The document's name in the project and in TMX (x-document). "
              "Default: the Turkish file's name without extension and language suffix.")
@presegmented_option
@encoder_option
@srx_option
@encoding_option
def new_cmd(*, project_path: str, tr_file: str, en_file: str, glossary: str | None,
            name: str | None, presegmented: bool, encoder: str, srx: str | None,
            encoding: str | None) -> None:
    """Create the review project PROJECT (e.g. haber.hizala) from TR and its translation EN.

    The texts are segmented, aligned and stored with the run's signature;
    review them with `hizala review PROJECT`, add more document pairs with
    `hizala add`. The project file appears only when it is complete: an
    interrupted run leaves nothing behind. An existing file is never overwritten.
    """
    from ..errors import StoreError
    from ..store import build_project

    if os.path.lexists(project_path):
        raise StoreError(
            "already exists; add documents to it with `hizala add`, or choose another name",
            path=project_path,
        )
    checker = _glossary(glossary)
    added: list[int] = []

    def fill(project: Any) -> None:
        doc_id, _n = _align_into(
            project, tr_file, en_file, presegmented=presegmented, encoder=encoder, srx=srx,
            encoding=encoding, name=name, checker=checker,
        )
        added.append(doc_id)

    build_project(project_path, fill, encoder=encoder, user=current_user())
    from ..store import Project

    with Project.open(project_path, readonly=True) as project:
        _report_added(project, added[0], f"created {project_path} with")


@click.command("add")
@click.argument("project_path", metavar="PROJECT", type=click.Path(dir_okay=False))
@click.argument("tr_file", metavar="TR", type=click.Path(dir_okay=False))
@click.argument("en_file", metavar="EN", type=click.Path(dir_okay=False))
@click.option("--glossary", metavar="FILE", type=click.Path(dir_okay=False),
              help="Check the new document's beads against this glossary.")
@click.option("--name", metavar="NAME", help="The document's name (default: from TR's file name).")
@presegmented_option
@click.option("--encoder", metavar="NAME",
              help="Sentence encoder (default: the one the project was created with).")
@srx_option
@encoding_option
def add_cmd(*, project_path: str, tr_file: str, en_file: str, glossary: str | None,
            name: str | None, presegmented: bool, encoder: str | None, srx: str | None,
            encoding: str | None) -> None:
    """Add the document pair TR/EN to the review project PROJECT (aligned like `hizala new`)."""
    from ..store import Project

    checker = _glossary(glossary)
    with Project.open(project_path, user=current_user()) as project:
        enc = encoder or project.encoder_name
        doc_id, _n = _align_into(
            project, tr_file, en_file, presegmented=presegmented, encoder=enc, srx=srx,
            encoding=encoding, name=name, checker=checker,
        )
        _report_added(project, doc_id, "added")


def _file_state(path: str | None, sha256: str) -> str:
    if not path or not sha256 or not os.path.isfile(path):
        return "missing" if path else "unknown"
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return "unreadable"
    return "unchanged" if h.hexdigest() == sha256 else "changed on disk"


def _status_json(summary: Any, states: dict[int, tuple[str, str]]) -> dict[str, Any]:
    return {
        "project": summary.path,
        "schema": summary.schema_version,
        "created_at": summary.created_at,
        "documents": [
            {
                "id": d.id, "name": d.name, "tr_path": d.tr_path, "en_path": d.en_path,
                "tr_file": states[d.id][0], "en_file": states[d.id][1],
                "signature": str(d.signature), "added_at": d.added_at, "beads": d.beads,
                "confirmed": d.confirmed, "rejected": d.rejected,
                "low_confidence": d.low_confidence, "findings": d.findings,
            }
            for d in summary.documents
        ],
        "beads": summary.beads,
        "confirmed": summary.confirmed,
        "rejected": summary.rejected,
        "auto": summary.auto,
        "low_confidence": summary.low_confidence,
        "low_threshold": summary.low_threshold,
        "findings": summary.findings,
        "findings_by_kind": dict(summary.findings_by_kind),
        "undo": summary.undo_depth,
        "redo": summary.redo_depth,
    }


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "0%"


@click.command("status")
@click.argument("project_path", metavar="PROJECT", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: beads, confirmed, rejected, auto, low_confidence, findings, "
              "findings_by_kind, documents, undo, redo…")
@click.option("--low", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Confidence below which an unreviewed bead counts as low-confidence.")
def status_cmd(*, project_path: str, as_json: bool, low: float) -> None:
    """Show how far the review of PROJECT has come: documents, beads, confirmed,
    rejected, low-confidence beads and QA findings. Works while the project is
    open for review elsewhere."""
    from ..store import Project

    with Project.open(project_path, readonly=True) as project:
        project.low_threshold = low
        summary = project.summary()
    states = {
        d.id: (_file_state(d.tr_path, d.tr_sha256), _file_state(d.en_path, d.en_sha256))
        for d in summary.documents
    }
    if as_json:
        click.echo(json.dumps(_status_json(summary, states), ensure_ascii=False, indent=1))
        return
    n = summary.beads
    lines = [
        f"{summary.path}  (created {summary.created_at}, schema {summary.schema_version})",
        f"documents       {len(summary.documents)}",
        f"beads           {n}",
        f"confirmed       {summary.confirmed}  ({_pct(summary.confirmed, n)})",
        f"rejected        {summary.rejected}",
        f"unreviewed      {summary.auto}",
        f"low confidence  {summary.low_confidence}  (unreviewed, below {low:g})",
        f"QA findings     {summary.findings}"
        + (
            "  (" + ", ".join(f"{k} {c}" for k, c in summary.findings_by_kind) + ")"
            if summary.findings_by_kind else ""
        ),
        f"undo/redo       {summary.undo_depth}/{summary.redo_depth}",
    ]
    for d in summary.documents:
        tr_state, en_state = states[d.id]
        lines.append(
            f"  {d.name}: {d.beads} beads, {d.confirmed} confirmed, {d.rejected} rejected, "
            f"{d.low_confidence} low, {d.findings} findings"
        )
        for side, path, state in (("tr", d.tr_path, tr_state), ("en", d.en_path, en_state)):
            if state not in ("unchanged", "unknown"):
                lines.append(f"    {side} file {path}: {state}")
        lines.append(f"    {d.signature}")
    click.echo("\n".join(lines))
