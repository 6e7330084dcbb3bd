"""``hizala segment``: split a text into sentences, one per line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import click

from ..formats import json_chunks
from ..types import Segment
from .common import output_option, write_output
from .inputs import encoding_option, srx_option


@click.command("segment")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--lang", required=True, help="Language of the text: tr or en (or tr-TR, en-US…).")
@srx_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="text: one sentence per line, a blank line between paragraphs. "
              "json: sentences with character offsets and paragraph numbers.")
@output_option
def segment_cmd(
    file: str, lang: str, srx: str | None, encoding: str | None, fmt: str, output: str | None
) -> None:
    """Split FILE into sentences (SRX rules with a real Turkish section).

    A file of any size: a long text is segmented a stretch of paragraphs at a time and
    written as it goes.
    """
    from ..archive.compact import read_compact
    from ..segment import load_srx

    rules = load_srx(srx) if srx else None
    doc = read_compact(file, lang, encoding=encoding, rules=rules)
    if fmt == "json":
        head = {"path": doc.path, "lang": doc.lang, "encoding": doc.encoding}
        items = ({"index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                  "text": s.text} for s in doc.segments)
        write_output(json_chunks(head, "segments", items), output)
        return
    write_output(_lines(doc.segments), output)


def _lines(segments: Iterable[Segment]) -> Iterator[str]:
    """One sentence a line (its white space runs as one space), a blank line between
    paragraphs."""
    previous = None
    for seg in segments:
        if previous is not None and seg.paragraph != previous:
            yield "\n"
        yield " ".join(seg.text.split()) + "\n"
        previous = seg.paragraph
