"""``hizala fragments``: Turkish fragments in an English document, with their English."""

from __future__ import annotations

import dataclasses
import sys

import click

from ..fragments.fitted import shipped_weights
from .common import encoder_option, output_option, progress, write_output
from .inputs import encoding_option

_FORMAT_HELP = (
    "text: readable, with line:column (the default on a terminal). "
    'json: {"fragments": [{"start", "end", "text", "match": {"start", "end", "text", '
    '"score"} or null}]} (the default otherwise). '
    "tsv: a header line, then start, end, text, match_start, match_end, match_text, score, note."
)


@click.command("fragments")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
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
def fragments_cmd(
    file: str, glossary: str | None, fmt: str | None, output: str | None,
    threshold: float | None, detector: str, exhaustive: bool, encoder: str,
    encoding: str | None,
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
    """
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
