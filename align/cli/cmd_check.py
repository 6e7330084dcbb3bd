"""``hizala check``: align a document pair and report translation problems in every bead."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..qa import Finding
    from ..types import Document

from .common import encoder_option, output_option, progress, write_output
from .inputs import encoding_option, presegmented_option, read_pair, srx_option


def _line(text: str) -> str:
    return " ".join(text.split())


def _excerpt(text: str, span: tuple[int, int] | None, width: int = 60) -> str:
    if span is None:
        return ""
    a, b = span
    left = _line(text[max(0, a - width) : a])
    right = _line(text[b : b + width])
    return f"…{left} [{_line(text[a:b])}] {right}…"


def render_text(findings: Sequence[Finding], tr: Document, en: Document) -> str:
    """The findings as a readable report, with the words around each. Beads are numbered
    from 1 (``#30``), as the review screen numbers them; the JSON report keeps the 0-based
    index (``"bead": 29``)."""
    if not findings:
        return "no problems found\n"
    out = []
    for f in findings:
        where = f"#{f.bead + 1}" if f.bead is not None else "document"
        out.append(f"{where}: {f.severity} [{f.kind}] {f.message}")
        if f.tr_span:
            out.append(f"  TR {_excerpt(tr.text, f.tr_span)}")
        if f.en_span:
            out.append(f"  EN {_excerpt(en.text, f.en_span)}")
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    errors = sum(f.severity == "error" for f in findings)
    out.append("")
    out.append(
        f"{len(findings)} finding(s), {errors} error(s): "
        + ", ".join(f"{k} {n}" for k, n in counts.items())
    )
    return "\n".join(out) + "\n"


def render_json(
    findings: Sequence[Finding], tr: Document, en: Document, glossary_path: str | None
) -> str:
    """The findings as JSON, with spans and the text they cover."""

    def text(doc: Document, span: tuple[int, int] | None) -> str | None:
        return None if span is None else doc.text[span[0] : span[1]]

    data = {
        "tr": tr.path,
        "en": en.path,
        "glossary": glossary_path,
        "findings": [
            {
                "kind": f.kind,
                "severity": f.severity,
                "message": f.message,
                "term": f.term,
                "bead": f.bead,
                "tr_span": list(f.tr_span) if f.tr_span else None,
                "en_span": list(f.en_span) if f.en_span else None,
                "tr_text": text(tr, f.tr_span),
                "en_text": text(en, f.en_span),
            }
            for f in findings
        ],
        "summary": {
            k: sum(f.kind == k for f in findings) for k in sorted({f.kind for f in findings})
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@click.command("check")
@click.argument("tr_file", metavar="TR", type=click.Path(dir_okay=False))
@click.argument("en_file", metavar="EN", type=click.Path(dir_okay=False))
@click.option(
    "--glossary",
    "-g",
    "glossary_path",
    metavar="G",
    type=click.Path(dir_okay=False),
    help="Check terms against this glossary (see README.md, 'Glossary file'). "
    "Without it only numbers, names and untranslated words are checked.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    help="text: a readable report (the default on a terminal), beads numbered from 1 (#30) "
    "as in the review screen. json: findings with kind, severity, message, bead (the 0-based "
    "index of the aligned bead) and character spans into each document.",
)
@presegmented_option
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 1 when an error is found (errors: the translation says something "
    "else than the source, or uses a forbidden rendering; warnings do not count).",
)
@output_option
@encoder_option
@srx_option
@encoding_option
def check_cmd(
    tr_file: str,
    en_file: str,
    glossary_path: str | None,
    fmt: str | None,
    presegmented: bool,
    strict: bool,
    output: str | None,
    encoder: str,
    srx: str | None,
    encoding: str | None,
) -> None:
    """Check the translation EN of the Turkish text TR.

    The texts are segmented and aligned (as by `hizala align`), then every aligned
    pair is checked: glossary terms with no required rendering (missing) or with a
    forbidden one, numbers/percentages/dates/weekdays that did not survive (1.250,5 vs
    1,250.5; %5 vs 5%; 24 Haziran vs June 24; 90'lı yıllar vs 1990s), names spelled
    otherwise than in the source, Turkish left in the English; and across the document:
    a term the glossary marks consistent rendered in two ways (inconsistent) and a name
    spelled two ways (İzmir/Izmir).

    Each finding is an error (a reviewer must act: the translation says something else
    than the source) or a warning (worth a look, often fine); see README.md, "Checking a
    translation".
    """
    from ..aligner.core import align_documents
    from ..encoders import get_encoder
    from ..glossary.match import TermMatcher
    from ..glossary.yaml_store import load_glossary
    from ..qa import check_document

    matcher = TermMatcher(load_glossary(glossary_path)) if glossary_path else None
    tr, en = read_pair(tr_file, en_file, presegmented=presegmented, encoding=encoding, srx=srx,
                       strict=strict)
    enc = get_encoder(encoder)
    with progress(len(tr.segments) + len(en.segments), "aligning") as step:
        beads = align_documents(tr, en, enc, progress=step)
    findings = check_document(tr, en, beads, matcher)
    if fmt is None:
        fmt = "text" if output is None and sys.stdout.isatty() else "json"
    text = (
        render_text(findings, tr, en)
        if fmt == "text"
        else render_json(findings, tr, en, glossary_path)
    )
    write_output(text, output)
    if strict and any(f.severity == "error" for f in findings):
        sys.exit(1)

