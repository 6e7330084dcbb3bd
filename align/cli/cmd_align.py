"""``hizala align`` and ``hizala batch``: align document pairs."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import FormatError, HizalaError
from ..types import Bead, Document
from .common import (
    encoder_option,
    output_option,
    progress,
    warn_uncalibrated_encoder,
    write_output,
)
from .inputs import (
    encoding_option,
    presegmented_option,
    read_pair,
    srx_option,
    strict_option,
)

_FORMAT_HELP = (
    "text: readable pairs with confidence, numbered from #1 (the default on a terminal). "
    "beads: [0, 1]:[0]:0.873 lines, Turkish first, 0-based units (Vecalign/Bertalign). "
    "tsv: Turkish text, English text, confidence. "
    "json: beads with texts, character offsets and confidence."
)


def _format_text(beads: Sequence[Bead], tr: Document, en: Document) -> str:
    """Readable pairs, numbered from 1 like the review screen and ``hizala check`` (the
    ``beads`` and ``json`` formats keep 0-based unit indices)."""
    out = []
    for k, b in enumerate(beads, 1):
        t = " ".join(tr.segments[i].text for i in b.tr) or "—"
        e = " ".join(en.segments[j].text for j in b.en) or "—"
        out.append(f"#{k} {b.kind}  confidence {b.score:.2f}\n  TR {' '.join(t.split())}\n"
                   f"  EN {' '.join(e.split())}\n")
    return "\n".join(out)


def _render(fmt: str, beads: Sequence[Bead], tr: Document, en: Document) -> str:
    from ..formats import render

    return _format_text(beads, tr, en) if fmt == "text" else render(fmt, beads, tr, en)


@click.command("align")
@click.argument("tr_file", metavar="TR", type=click.Path(dir_okay=False))
@click.argument("en_file", metavar="EN", type=click.Path(dir_okay=False))
@presegmented_option
@click.option("--format", "fmt", type=click.Choice(["text", "beads", "tsv", "json"]),
              help=_FORMAT_HELP + " Default: text on a terminal, beads otherwise.")
@output_option
@encoder_option
@srx_option
@encoding_option
@strict_option
def align_cmd(tr_file: str, en_file: str, presegmented: bool, fmt: str | None,
              output: str | None, encoder: str, srx: str | None,
              encoding: str | None, strict: bool) -> None:
    """Align the Turkish text TR with its English translation EN.

    Raw text is split into sentences first (blank lines are paragraph breaks);
    with --presegmented each line is one unit. Every unit of both files ends up
    in exactly one bead (1:1, 1:2, 2:1, 2:2, 1:3, 3:1, or 1:0/0:1 for a unit with
    no counterpart), in order, each with a confidence in [0, 1].
    """
    from ..aligner.core import align_documents
    from ..encoders import get_encoder

    if fmt is None:
        fmt = "text" if output is None and sys.stdout.isatty() else "beads"
    tr, en = read_pair(tr_file, en_file, presegmented=presegmented, encoding=encoding, srx=srx,
                       strict=strict)
    enc = get_encoder(encoder)
    warn_uncalibrated_encoder(enc)
    with progress(len(tr.segments) + len(en.segments), "embedding") as step:
        beads = align_documents(tr, en, enc, progress=step)
    write_output(_render(fmt, beads, tr, en), output)


def read_manifest(path: str) -> list[tuple[int, str, str, str]]:
    """``(line number, tr, en, out)`` rows of a TAB-separated manifest; relative paths
    are relative to the manifest's folder. Blank lines and ``#`` comments are skipped."""
    base = Path(path).parent
    rows = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for lineno, fields in enumerate(csv.reader(f, delimiter="\t"), start=1):
                if not fields or not "".join(fields).strip() or fields[0].startswith("#"):
                    continue
                if len(fields) != 3 or not all(x.strip() for x in fields):
                    raise FormatError(
                        f"expected 3 TAB-separated fields TR<TAB>EN<TAB>OUT, found {len(fields)}",
                        path=path, line=lineno)
                tr, en, out = (str(base / x.strip()) for x in fields)
                rows.append((lineno, tr, en, out))
    except FileNotFoundError:
        raise FormatError("no such manifest file", path=path) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"the manifest is not UTF-8 (byte {exc.start})", path=path) from None
    if not rows:
        raise FormatError("the manifest lists no document pairs", path=path)
    return rows


@click.command("batch")
@click.argument("manifest", type=click.Path(dir_okay=False))
@presegmented_option
@encoder_option
@srx_option
@encoding_option
def batch_cmd(manifest: str, presegmented: bool, encoder: str, srx: str | None,
              encoding: str | None) -> None:
    """Align many document pairs listed in MANIFEST, loading the model once.

    Each line of MANIFEST is TR<TAB>EN<TAB>OUT (paths relative to the manifest).
    The output format follows OUT's extension: .beads, .tsv or .json. A bad
    document is reported and skipped; the others are still aligned. Exits 1 if
    any document failed.
    """
    from ..aligner.core import align_documents
    from ..encoders import get_encoder

    rows = read_manifest(manifest)
    enc = get_encoder(encoder)
    warn_uncalibrated_encoder(enc)
    enc.load()
    failures = 0
    with progress(len(rows), "aligning") as step:
        for lineno, tr_path, en_path, out in rows:
            fmt = Path(out).suffix.lstrip(".").lower()
            try:
                if fmt not in ("beads", "tsv", "json"):
                    raise FormatError(f"OUT must end in .beads, .tsv or .json, not {out!r}",
                                      path=manifest, line=lineno)
                tr, en = read_pair(tr_path, en_path, presegmented=presegmented,
                                   encoding=encoding, srx=srx)
                beads = align_documents(tr, en, enc)
                write_output(_render(fmt, beads, tr, en), out)
            except HizalaError as exc:
                failures += 1
                click.echo(f"hizala: skipped {manifest}:{lineno}: {exc}", err=True)
            step(1)
    done = len(rows) - failures
    click.echo(f"hizala: aligned {done} of {len(rows)} document pairs", err=True)
    if failures:
        sys.exit(1)
