"""``hizala new``, ``hizala add`` and ``hizala status``: review projects."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Callable
from typing import Any

import click

from .common import encoder_option, progress
from .inputs import (
    encoding_option,
    presegmented_option,
    read_pair,
    srx_option,
    strict_option,
)


def current_user() -> str | None:
    """The login name to record as who changed a bead (None if unknown)."""
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None


def _glossary(glossary: str | None) -> Any:
    """The QA checker: numbers and untranslated words always, glossary terms if given."""
    from ..review.checks import qa_checker

    return qa_checker(glossary)


def _add_all(project: Any, tr_file: str | None, en_file: str | None, mixed: tuple[str, ...], *,
             presegmented: bool, encoder: str, srx: str | None, encoding: str | None,
             name: str | None, checker: Any, glossary: str | None, detector: str,
             threshold: float | None, strict: bool = False) -> list[int]:
    """Add the pair TR EN (segmented, aligned, stored, checked) and each mixed article
    (detected, paired, stored, checked); the new documents' ids."""
    from ..encoders import get_encoder
    from ..review.adding import add_article, add_pair

    added = []
    if tr_file is not None and en_file is not None:
        tr, en = read_pair(tr_file, en_file, presegmented=presegmented, encoding=encoding,
                           srx=srx, strict=strict)
        doc_id, _beads = add_pair(
            project, tr, en, encoder=encoder, presegmented=presegmented, srx=srx, name=name,
            checker=checker, progress=lambda n: progress(n, "embedding"),
        )
        added.append(doc_id)
    if mixed:
        enc = get_encoder(encoder)
        added.extend(
            add_article(
                project, article, encoder=enc, glossary=glossary, detector=detector,
                threshold=threshold, encoding=encoding, name=name, checker=checker,
                progress=lambda n: progress(n, "embedding"),
            )
            for article in mixed
        )
    return added


def _check_inputs(tr_file: str | None, en_file: str | None, mixed: tuple[str, ...],
                  name: str | None, presegmented: bool, srx: str | None) -> None:
    """Refuse a command line that names no document, half a pair, or options that do not
    apply."""
    if tr_file is None and not mixed:
        raise click.UsageError(
            "give a Turkish document and its translation (TR EN), or an English article with "
            "Turkish fragments (--mixed ARTICLE)"
        )
    if tr_file is not None and en_file is None:
        raise click.UsageError(f"missing EN: the English translation of {tr_file}")
    if tr_file is None and (presegmented or srx):
        raise click.UsageError(
            "--presegmented and --srx are for TR EN; an article given with --mixed is always "
            "split into sentences with the built-in rules"
        )
    if name is not None and len(mixed) + (tr_file is not None) > 1:
        raise click.UsageError(
            "--name names one document; add the others one at a time with `hizala add`"
        )


def _report_added(project: Any, doc_id: int, verb: str) -> None:
    from ..review.risk import low_threshold

    project.low_threshold = low_threshold()
    doc = next(d for d in project.documents() if d.id == doc_id)
    if doc.kind == "mixed":
        n, unpaired = project.fragment_counts().get(doc.id, (0, 0))
        what = (
            f"{_count(n, 'Turkish fragment')} as beads ({n - unpaired} paired with English, "
            f"{unpaired} with none)" if n else "no Turkish fragment found, no beads"
        )
        click.echo(
            f"hizala: {verb} mixed article {doc.name!r}: {what}, {doc.low_confidence} below "
            f"{project.low_threshold:g} confidence, {doc.findings} QA findings",
            err=True,
        )
        return
    click.echo(
        f"hizala: {verb} document {doc.name!r}: {doc.beads} beads, {doc.low_confidence} below "
        f"{project.low_threshold:g} confidence, {doc.findings} QA findings",
        err=True,
    )


class _PairOrArticles(click.Command):
    """Usage ``PROJECT [TR EN]``: the pair is optional when --mixed names articles."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [self.options_metavar or "[OPTIONS]", "PROJECT", "[TR EN]"]


_MIXED_HELP = (
    "An English article with Turkish fragments (quoted tweets, banners, slogans, "
    "boilerplate): each fragment becomes a bead, paired with the English sentence that "
    "renders it, or with none. Repeatable; with or without TR EN."
)


def _project_command(name: str) -> Callable[[Callable[..., None]], click.Command]:
    """The command ``name`` (new, add) taking ``PROJECT [TR EN]`` and --mixed articles."""
    return lambda f: click.command(name, cls=_PairOrArticles)(_inputs(f))


def _inputs(f: Any) -> Any:
    """``PROJECT [TR EN]`` and the options for --mixed articles."""
    f = click.option("--detector", type=click.Choice(["auto", "lingua", "rules"]),
                     default="auto", show_default=True,
                     help="For --mixed: word-level language evidence, as in `hizala "
                     "fragments`.")(f)
    f = click.option("--threshold", type=click.FloatRange(0.0, 1.0), metavar="S",
                     help="For --mixed: least pairing score of a match (default: calibrated "
                     "on the devset). Higher: fewer but surer pairs.")(f)
    f = click.option("--mixed", "mixed", multiple=True, metavar="ARTICLE",
                     type=click.Path(dir_okay=False, allow_dash=True), help=_MIXED_HELP)(f)
    for name, metavar, required in (("en_file", "EN", False), ("tr_file", "TR", False),
                                    ("project_path", "PROJECT", True)):
        f = click.argument(name, metavar=metavar, required=required,
                           type=click.Path(dir_okay=False))(f)
    return f


@_project_command("new")
@click.option("--glossary", metavar="FILE", type=click.Path(dir_okay=False),
              help="Check every bead against this glossary and store the findings "
              "(for --mixed, its term pairs also count as pairing evidence).")
@click.option("--name", metavar="NAME",
              help="The document's name in the project and in TMX (x-document). "
              "Default: the Turkish file's (or the article's) name without extension and "
              "language suffix.")
@presegmented_option
@encoder_option
@srx_option
@encoding_option
@strict_option
def new_cmd(*, project_path: str, tr_file: str | None, en_file: str | None,
            mixed: tuple[str, ...], detector: str, threshold: float | None,
            glossary: str | None, name: str | None, presegmented: bool, encoder: str,
            srx: str | None, encoding: str | None, strict: bool) -> None:
    """Create the review project PROJECT (e.g. haber.hizala) from TR and its translation EN,
    and/or from English articles with Turkish fragments (--mixed ARTICLE).

    A document pair is segmented, aligned and stored with the run's signature.
    In a mixed article, each Turkish fragment becomes a bead whose English side
    is the sentence that renders it, or nothing. Review them with `hizala
    review PROJECT`, add more with `hizala add`. The project file appears only
    when it is complete: an interrupted run leaves nothing behind. An existing
    file is never overwritten.
    """
    from ..store import build_project
    from ..store.project import refuse_existing

    _check_inputs(tr_file, en_file, mixed, name, presegmented, srx)
    refuse_existing(project_path)
    checker = _glossary(glossary)
    added: list[int] = []

    def fill(project: Any) -> None:
        added.extend(_add_all(
            project, tr_file, en_file, mixed, presegmented=presegmented, encoder=encoder,
            srx=srx, encoding=encoding, name=name, checker=checker, glossary=glossary,
            detector=detector, threshold=threshold, strict=strict,
        ))

    build_project(project_path, fill, encoder=encoder, user=current_user())
    from ..store import Project

    with Project.open(project_path, readonly=True) as project:
        for k, doc_id in enumerate(added):
            _report_added(project, doc_id, f"created {project_path} with" if k == 0 else "added")


@_project_command("add")
@click.option("--glossary", metavar="FILE", type=click.Path(dir_okay=False),
              help="Check the new document's beads against this glossary "
              "(for --mixed, also pairing evidence).")
@click.option("--name", metavar="NAME",
              help="The document's name (default: from TR's or the article's file name).")
@presegmented_option
@click.option("--encoder", metavar="NAME",
              help="Sentence encoder (default: the one the project was created with).")
@srx_option
@encoding_option
@strict_option
def add_cmd(*, project_path: str, tr_file: str | None, en_file: str | None,
            mixed: tuple[str, ...], detector: str, threshold: float | None,
            glossary: str | None, name: str | None, presegmented: bool, encoder: str | None,
            srx: str | None, encoding: str | None, strict: bool) -> None:
    """Add the document pair TR/EN (aligned like `hizala new`), and/or English articles with
    Turkish fragments (--mixed ARTICLE), to the review project PROJECT."""
    from ..store import Project

    _check_inputs(tr_file, en_file, mixed, name, presegmented, srx)
    checker = _glossary(glossary)
    with Project.open(project_path, user=current_user()) as project:
        project.file.verify()  # never add to a damaged file
        # Every document of the command in one transaction: all are added, or none.
        with project.file.batch(unsaved="nothing was added and the project is as it was"):
            added = _add_all(
                project, tr_file, en_file, mixed, presegmented=presegmented,
                encoder=encoder or project.encoder_name, srx=srx, encoding=encoding,
                name=name, checker=checker, glossary=glossary, detector=detector,
                threshold=threshold, strict=strict,
            )
        for doc_id in added:
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


def _status_json(summary: Any, states: dict[int, tuple[str, str]],
                 fragments: dict[int, tuple[int, int]]) -> dict[str, Any]:
    return {
        "project": summary.path,
        "schema": summary.schema_version,
        "created_at": summary.created_at,
        "documents": [
            {
                "id": d.id, "name": d.name, "kind": d.kind, "tr_path": d.tr_path,
                "en_path": d.en_path, "tr_file": states[d.id][0], "en_file": states[d.id][1],
                "signature": str(d.signature), "added_at": d.added_at, "beads": d.beads,
                "confirmed": d.confirmed, "rejected": d.rejected,
                "low_confidence": d.low_confidence, "findings": d.findings,
                **({"fragments": fragments[d.id][0], "unpaired": fragments[d.id][1]}
                   if d.id in fragments else {}),
            }
            for d in summary.documents
        ],
        "mixed_documents": len(fragments),
        "fragments": sum(n for n, _u in fragments.values()),
        "unpaired_fragments": sum(u for _n, u in fragments.values()),
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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _risky(bead: Any) -> str:
    m = bead.mark
    conf = "by hand" if m.score is None else f"{m.score:.2f}"
    flags = f" ⚑{m.findings}" if m.findings else ""
    return f"#{bead.number} ({conf} {m.tr_count}:{m.en_count}{flags})"


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "0%"


@click.command("status")
@click.argument("project_path", metavar="PROJECT", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: beads, confirmed, rejected, auto, low_confidence, findings, "
              "findings_by_kind, documents, undo, redo, worst (the ten beads to look at "
              "first: number, confidence, risk, kind, findings)…")
@click.option("--low", type=click.FloatRange(0, 1), metavar="S",
              help="Confidence below which an unreviewed bead counts as low-confidence "
              "(default: the aligner's calibration).")
def status_cmd(*, project_path: str, as_json: bool, low: float | None) -> None:
    """Show how far the review of PROJECT has come: documents, beads, confirmed,
    rejected, low-confidence beads and QA findings, and the beads to look at first
    (the review screen's worst-first order). Works while the project is open for
    review elsewhere."""
    from ..review.risk import low_threshold, worst
    from ..store import Project
    from ..store.review_queries import bead_marks

    if low is None:
        low = low_threshold()
    with Project.open(project_path, readonly=True) as project:
        project.low_threshold = low
        summary = project.summary()
        fragments = project.fragment_counts()
        risky = worst(bead_marks(project), 10)
    states = {
        d.id: (_file_state(d.tr_path, d.tr_sha256), _file_state(d.en_path, d.en_sha256))
        for d in summary.documents
    }
    if as_json:
        out = _status_json(summary, states, fragments)
        out["worst"] = [
            {"number": b.number, "confidence": b.mark.score, "risk": round(b.risk, 4),
             "kind": f"{b.mark.tr_count}:{b.mark.en_count}", "findings": b.mark.findings}
            for b in risky
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
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
    if risky:
        lines.append("worst first     " + ", ".join(_risky(b) for b in risky[:5])
                     + "  (the review screen's o order)")
    if fragments:
        n_frag = sum(n for n, _u in fragments.values())
        unpaired = sum(u for _n, u in fragments.values())
        lines.insert(2, f"mixed articles  {len(fragments)}  ({n_frag} Turkish fragments as beads, "
                        f"{unpaired} with no English)")
    for d in summary.documents:
        tr_state, en_state = states[d.id]
        if d.id in fragments:
            n_frag, unpaired = fragments[d.id]
            head = (f"  {d.name} (mixed article): {_count(n_frag, 'fragment')}, {unpaired} "
                    "with no English, ")
            files: tuple[tuple[str, str | None, str], ...] = (("article", d.en_path, en_state),)
        else:
            head = f"  {d.name}: {d.beads} beads, "
            files = (("tr", d.tr_path, tr_state), ("en", d.en_path, en_state))
        lines.append(
            f"{head}{d.confirmed} confirmed, {d.rejected} rejected, "
            f"{d.low_confidence} low, {d.findings} findings"
        )
        for side, path, state in files:
            if state not in ("unchanged", "unknown"):
                lines.append(f"    {side} file {path}: {state}")
        lines.append(f"    {d.signature}")
    click.echo("\n".join(lines))
