"""``hizala fragments``: Turkish fragments in an English document, with their English."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import NamedTuple

import click

from ..fragments.fitted import shipped_weights
from .batching import input_size, make_runner, read_manifest, run_with_progress, runner_options
from .common import encoder_option, output_option, progress, write_output
from .inputs import encoding_option

_FORMAT_HELP = (
    "text: readable, with line:column (the default on a terminal). "
    'json: {"fragments": [{"start", "end", "text", "match": {"start", "end", "text", '
    '"score"} or null}]} (the default otherwise). '
    "tsv: a header line, then start, end, text, match_start, match_end, match_text, score, note."
)


@click.command("fragments")
@click.argument("files", metavar="FILE...", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--glossary", metavar="G", type=click.Path(dir_okay=False),
              help="A glossary whose term pairs count as evidence when pairing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "tsv"]),
              help=_FORMAT_HELP)
@output_option
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), metavar="S",
              help="Least pairing score of a match (default: calibrated on the devset, "
              f"{shipped_weights().threshold}). Higher: fewer but surer pairs.")
@click.option("--detector", type=click.Choice(["auto", "lingua", "rules"]), default="auto",
              show_default=True,
              help="Word-level language evidence: lingua (a language identifier restricted to "
              "Turkish and English) or rules (letters and endings only, faster).")
@click.option("--exhaustive/--fast", default=True,
              help="--exhaustive (the default) compares each fragment with every English "
              "sentence within reach. --fast embeds the likeliest candidates first (near the "
              "fragment, or sharing names and numbers) and stops when the rest cannot win: "
              "about 1.3x as fast, but it can miss a rendering far away that shares nothing "
              "with the fragment (pairing accuracy 0.924 against 0.938 on unseen devset "
              "articles).")
@encoder_option
@encoding_option
@click.option("--manifest", metavar="M", type=click.Path(dir_okay=False),
              help="Many articles: each line of M is ARTICLE<TAB>OUT (paths relative to M); "
              "OUT's extension gives the format (.json, .tsv, .txt).")
@click.option("--out-dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Many articles given as FILEs: write DIR/NAME.json (or .tsv, .txt with "
              "--format) for each.")
@runner_options
@click.option("--force", is_flag=True,
              help="With many articles: search every one again, even those whose output is "
              "current.")
def fragments_cmd(
    files: tuple[str, ...], glossary: str | None, fmt: str | None, output: str | None,
    threshold: float | None, detector: str, exhaustive: bool, encoder: str,
    encoding: str | None, manifest: str | None, out_dir: str | None, workers: int | None,
    scheduler: str | None, force: bool,
) -> None:
    """Find the Turkish fragments of the English document FILE and pair each
    with the English sentence that renders it.

    Fragments are Turkish paragraphs, sentences, and quotations inside English
    sentences (read "…", (Turkish: "…")); Turkish names inside English text
    (Kadıköy, İzmir, TKP) are not fragments. Each fragment is paired with the
    English sentence or quotation, anywhere in the document, that renders it,
    with a score in [0, 1], or with nothing (null) when no sentence does.

    Offsets are character indices (Python string indices) into the file's text
    after decoding, with newlines as LF and letters composed (Unicode NFC); for
    a UTF-8 file with LF newlines that is the file as it is.

    Many articles (several FILEs with --out-dir, or --manifest) run as a batch,
    like `hizala batch`: the model loaded once, in this process or on a Dask
    cluster (--workers, --scheduler), largest first, a bad article reported and
    the others done, and resumable (an article whose output is current is not
    searched again).
    """
    if manifest is not None or out_dir is not None or len(files) > 1:
        _many(files, manifest, out_dir, fmt, output,
              FragmentOptions(glossary, threshold, detector, exhaustive, encoding),
              encoder, workers, scheduler, force)
        return
    if not files:
        raise click.UsageError("give the article FILE (or several with --out-dir, or --manifest)")
    if workers is not None or scheduler is not None:
        raise click.UsageError("--workers and --scheduler are for many articles "
                               "(--out-dir or --manifest)")
    file = files[0]
    from ..encoders import get_encoder
    from ..fragments.detect import detect_fragments
    from ..fragments.formats import render
    from ..fragments.glossary_evidence import load_glossary_evidence
    from ..fragments.langid import LanguageScorer
    from ..fragments.pair import PairingModel, candidates, pair_fragments
    from ..fragments.search import SearchModel
    from ..segment import segment
    from ..textio import read_text

    if fmt is None:
        fmt = "text" if output is None and sys.stdout.isatty() else "json"
    terms = load_glossary_evidence(glossary) if glossary else None
    src = read_text(file, encoding)
    text = src.text
    segs = segment(text, "en")
    frags = detect_fragments(text, LanguageScorer(detector), segments=segs)
    model = PairingModel()
    if threshold is not None:
        model = dataclasses.replace(model, threshold=threshold)
    if exhaustive:
        model = dataclasses.replace(model, search=SearchModel(stop=0.0))
    results = []
    if frags:
        enc = get_encoder(encoder)
        total = len(frags) + len(candidates(text, segs, frags))
        done = [0]

        def advance(n: int) -> None:
            done[0] += n
            step(n)

        with progress(total, "embedding") as step:
            results = pair_fragments(text, frags, enc, segments=segs, glossary=terms,
                                     model=model, progress=advance)
            # --fast leaves the candidates it ruled out unembedded: fill the bar.
            step(max(0, total - done[0]))
    write_output(render(fmt, results, text, src.path), output)


class FragmentOptions(NamedTuple):
    """The options of a search, as the command got them."""

    glossary: str | None
    threshold: float | None
    detector: str
    exhaustive: bool
    encoding: str | None


def _many(files: tuple[str, ...], manifest: str | None, out_dir: str | None, fmt: str | None,
          output: str | None, options: FragmentOptions, encoder: str, workers: int | None,
          scheduler: str | None, force: bool) -> None:
    """Many articles as a batch: --manifest M, or FILEs written into --out-dir."""
    from ..archive.articles import (
        FRAGMENT_SUFFIXES,
        ArticleTask,
        FragmentSettings,
        article_is_current,
        fragments_task,
    )
    from ..archive.engine import Batch
    from ..review.signatures import mixed_signature

    if output is not None:
        raise click.UsageError("-o is for one article; with many, use --out-dir or --manifest")
    if (manifest is None) == (out_dir is None):
        raise click.UsageError("many articles: give --out-dir DIR with the FILEs, or --manifest M "
                               "alone")
    if manifest is not None and files:
        raise click.UsageError("give the articles in --manifest or as FILEs, not both")
    if "-" in files:
        raise click.UsageError("standard input is one article; give files with --out-dir")
    if options.glossary:
        from ..fragments.glossary_evidence import load_glossary_evidence

        load_glossary_evidence(options.glossary)  # a bad glossary is one error, not one per article
    tasks = []
    if manifest is not None:
        for k, row in enumerate(read_manifest(manifest, ("ARTICLE", "OUT"))):
            tasks.append(ArticleTask(k, f"{manifest}:{row.line}", row.paths[0], row.paths[1],
                                     input_size(row.paths[0])))
    else:
        assert out_dir is not None
        suffix = {v: k for k, v in FRAGMENT_SUFFIXES.items()}[fmt or "json"]
        os.makedirs(out_dir, exist_ok=True)
        names: dict[str, str] = {}
        for k, path in enumerate(files):
            out = os.path.join(out_dir, Path(path).stem + suffix)
            if out in names:
                raise click.UsageError(f"{path} and {names[out]} would both be written to {out}; "
                                       "use --manifest to name the outputs")
            names[out] = path
            tasks.append(ArticleTask(k, path, path, out, input_size(path)))
    signature = str(mixed_signature(encoder, detector=options.detector,
                                    threshold=options.threshold, glossary=options.glossary))
    settings = FragmentSettings(signature, *options)
    runner = make_runner(encoder, workers, scheduler)
    try:
        batch = Batch(tasks, settings, fragments_task, article_is_current, force=force)
        report = run_with_progress(batch, runner)
    finally:
        runner.close()
    found = f"{report.units:,} fragment{'' if report.units == 1 else 's'} found"
    click.echo(f"hizala: searched {report.done} of {report.total} articles ({found})", err=True)
    if report.failed:
        sys.exit(1)

