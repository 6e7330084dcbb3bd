"""``hizala align`` and ``hizala batch``: align document pairs."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from ..errors import FormatError
from ..types import Bead
from .batching import input_size, make_runner, read_manifest, run_with_progress, runner_options
from .common import (
    encoder_option,
    output_option,
    progress,
    warn_uncalibrated_encoder,
    write_output,
)
from .inputs import (
    check_pair,
    encoding_option,
    presegmented_option,
    srx_option,
    stream_name,
    strict_option,
)

if TYPE_CHECKING:
    from ..archive.compact import CompactDocument
    from ..formats import SegmentedText

_FORMAT_HELP = (
    "text: readable pairs with confidence, numbered from #1 (the default on a terminal). "
    "beads: [0, 1]:[0]:0.873 lines, Turkish first, 0-based units (Vecalign/Bertalign). "
    "tsv: Turkish text, English text, confidence. "
    "json: beads with texts, character offsets and confidence."
)


def _format_text(beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText) -> Iterator[str]:
    """Readable pairs, numbered from 1 like the review screen and ``hizala check`` (the
    ``beads`` and ``json`` formats keep 0-based unit indices), written as they come."""
    for k, b in enumerate(beads, 1):
        t = " ".join(tr.segments[i].text for i in b.tr) or "—"
        e = " ".join(en.segments[j].text for j in b.en) or "—"
        yield (("\n" if k > 1 else "") + f"#{k} {b.kind}  confidence {b.score:.2f}\n"
               f"  TR {' '.join(t.split())}\n  EN {' '.join(e.split())}\n")


def _render(fmt: str, beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText) -> Iterator[str]:
    from ..formats import iter_render

    return _format_text(beads, tr, en) if fmt == "text" else iter_render(fmt, beads, tr, en)


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

    Documents of any length: past 12,000 units a side the pair is aligned in
    overlapping windows of 4,000 sentences, in memory that does not grow with
    the length, and the output is written as the windows are done.
    """
    from ..archive.pair import align_compact
    from ..archive.windowed import WindowConfig, work_total
    from ..encoders import get_encoder

    if fmt is None:
        fmt = "text" if output is None and sys.stdout.isatty() else "beads"
    tr, en = _read_large(tr_file, en_file, presegmented=presegmented, encoding=encoding, srx=srx)
    check_pair(tr.text, en.text, stream_name(tr_file), stream_name(en_file), strict=strict)
    enc = get_encoder(encoder)
    warn_uncalibrated_encoder(enc)
    n, m = len(tr), len(en)
    windows = WindowConfig()
    if windows.windowed(n, m):
        minutes = (n + m) / _UNITS_PER_SECOND / 60
        click.echo(
            f"hizala: a long pair ({n:,} and {m:,} units): aligning in windows of "
            f"{windows.window:,} sentences so that memory stays bounded; this takes about "
            f"{max(1, round(minutes))} min on one core", err=True)
    with progress(work_total(n, m), "aligning") as step:
        write_output(_render(fmt, align_compact(tr, en, enc, windows=windows, progress=step), tr, en),
                     output)


_UNITS_PER_SECOND = 900
"""Throughput of one core for the estimate shown before a long alignment (README
"Performance": about 1,000 units a second, model load included)."""
_LARGE_INPUT = 8 * 2**20
"""Input bytes from which reading and segmenting get a progress bar of their own."""


def _read_large(tr_file: str, en_file: str, **options: Any) -> tuple[CompactDocument, CompactDocument]:
    """The pair, read compactly; with a progress bar when the files are large and raw."""
    from ..archive.pair import read_compact_pair

    size = sum(input_size(p) for p in (tr_file, en_file))
    if options.get("presegmented") or size < _LARGE_INPUT:
        return read_compact_pair(tr_file, en_file, **options)
    with progress(size, "segmenting") as step:
        return read_compact_pair(tr_file, en_file, progress=step, **options)



@click.command("batch")
@click.argument("manifest", type=click.Path(dir_okay=False))
@presegmented_option
@encoder_option
@srx_option
@encoding_option
@runner_options
@click.option("--tmx", "tmx_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also write one TMX 1.4b of every aligned pair of every document, "
              "the document's name as an x-document property.")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=0.0, metavar="S",
              show_default=True, help="Leave beads with a lower confidence out of --tmx.")
@click.option("--force", is_flag=True,
              help="Align every pair again, even those whose output is current.")
@strict_option
def batch_cmd(manifest: str, presegmented: bool, encoder: str, srx: str | None,
              encoding: str | None, workers: int | None, scheduler: str | None,
              tmx_path: str | None, min_score: float, force: bool, strict: bool) -> None:
    """Align many document pairs listed in MANIFEST, loading the model once.

    Each line of MANIFEST is TR<TAB>EN<TAB>OUT (paths relative to the manifest).
    The output format follows OUT's extension: .beads, .tsv or .json. A bad
    document is reported with its manifest line and skipped; the others are
    still aligned. Exits 1 if any document failed.

    Resumable: beside each output a hidden .OUT.hizala-stamp records the inputs,
    options and model it was made with; a pair whose output is current is not
    aligned again (--force aligns it anyway). Large documents go first.
    """
    from ..archive.corpus_tmx import TmxSettings, assemble, parts_folder
    from ..archive.engine import Batch
    from ..archive.jobs import AlignSettings, PairTask, align_task, pair_is_current, tmx_task
    from ..encoders import get_encoder
    from ..review.signatures import run_signature
    from ..segment import load_srx
    from ..store.base import utc_stamp

    rows = read_manifest(manifest)
    if tmx_path and os.path.isdir(tmx_path):
        raise FormatError("is a folder; give the TMX file to write", path=tmx_path)
    if srx:
        load_srx(srx)  # a bad rules file is one error, not one per document
    signature = str(run_signature(encoder, presegmented=presegmented, srx=srx))
    warn_uncalibrated_encoder(get_encoder(encoder))
    tasks = [PairTask(k, f"{manifest}:{r.line}", r.fields[0], r.paths[0], r.paths[1], r.paths[2],
                      size=input_size(r.paths[0]) + input_size(r.paths[1])) for k, r in enumerate(rows)]
    now = utc_stamp()
    folder = parts_folder(tmx_path) if tmx_path else None
    tmx = TmxSettings(folder, now, min_score) if folder else None
    settings = AlignSettings(signature, presegmented, encoding, srx, tmx=tmx, strict=strict)
    try:
        runner = make_runner(encoder, workers, scheduler)
        try:
            batch = Batch(tasks, settings, align_task, pair_is_current,
                          redo=tmx_task if tmx else None, force=force)
            report = run_with_progress(batch, runner)
        finally:
            runner.close()
        if tmx_path and folder:
            assemble(tmx_path, folder, len(tasks), tr_lang="tr", now=now, signatures=[signature])
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    rate = f" in {report.seconds:.1f} s" if report.done else ""
    click.echo(f"hizala: aligned {report.done} of {report.total} document pairs{rate}", err=True)
    if tmx_path:
        removed = (f"; {report.removed} control characters removed" if report.removed else "")
        click.echo(f"hizala: wrote {report.tmx_units:,} translation units to {tmx_path}{removed}",
                   err=True)
    if report.failed:
        sys.exit(1)
