"""``hizala segment``: split a text into sentences, one per line."""

from __future__ import annotations

import json

import click

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
    """Split FILE into sentences (SRX rules with a real Turkish section)."""
    from ..segment import load_srx, read_document

    rules = load_srx(srx) if srx else None
    doc = read_document(file, lang, encoding=encoding, rules=rules)
    if fmt == "json":
        data = {
            "path": doc.path,
            "lang": doc.lang,
            "encoding": doc.encoding,
            "segments": [
                {"index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                 "text": s.text}
                for s in doc.segments
            ],
        }
        write_output(json.dumps(data, ensure_ascii=False, indent=1) + "\n", output)
        return
    lines: list[str] = []
    previous = None
    for seg in doc.segments:
        if previous is not None and seg.paragraph != previous:
            lines.append("")
        lines.append(" ".join(seg.text.split()))
        previous = seg.paragraph
    write_output("\n".join(lines) + "\n", output)
