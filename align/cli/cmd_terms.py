"""``hizala terms``: which glossary terms each line pair holds, and their renderings."""

from __future__ import annotations

import json

import click

from ..errors import FormatError
from .common import glossary_file_option, output_option, write_output
from .inputs import check_pair, encoding_option, presegmented_option, strict_option


def read_lines(path: str, encoding: str | None) -> list[str]:
    """The lines of a text file as decoded (NFC, LF), without the final empty line."""
    from ..textio import read_text

    lines = read_text(path, encoding).text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@click.command("terms")
@click.argument("tr_file", metavar="TR", type=click.Path(dir_okay=False))
@click.argument("en_file", metavar="EN", type=click.Path(dir_okay=False))
@presegmented_option
@glossary_file_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True,
    help='jsonl: one line per line pair with a hit: {"line": N, "hits": [{"term": '
    '"<tr lemma>", "tr_span": [a, b], "en_span": [c, d] or null}]} (1-based line, '
    "character offsets into the line). text: readable, with missing renderings marked.",
)
@output_option
@encoding_option
@strict_option
def terms_cmd(
    tr_file: str,
    en_file: str,
    presegmented: bool,
    glossary_path: str,
    fmt: str,
    output: str | None,
    encoding: str | None,
    strict: bool,
) -> None:
    """Find the glossary's terms in each line pair of TR and EN.

    Turkish terms are found in any inflected form (Türkiye'nin, kitabı, açıklıyor),
    English renderings in any inflection (elections, detained, children). A hit whose
    en_span is null has no allowed rendering in the English line: a missing term
    translation. The files must be line-parallel (--presegmented).
    """
    from ..glossary.match import TermMatcher
    from ..glossary.yaml_store import load_glossary

    if not presegmented:
        raise click.UsageError(
            "terms compares line pairs: give line-parallel files with --presegmented "
            "(for raw text, 'hizala check TR EN --glossary G' segments and aligns first)"
        )
    glossary = load_glossary(glossary_path)
    tr_lines = read_lines(tr_file, encoding)
    en_lines = read_lines(en_file, encoding)
    check_pair("\n".join(tr_lines), "\n".join(en_lines), tr_file, en_file, strict=strict)
    if len(tr_lines) != len(en_lines):
        raise FormatError(
            f"has {len(tr_lines)} lines but {en_file} has {len(en_lines)}; "
            "--presegmented files must be line-parallel",
            path=tr_file,
        )
    matcher = TermMatcher(glossary)
    out: list[str] = []
    for n, (tr, en) in enumerate(zip(tr_lines, en_lines, strict=True), start=1):
        hits = matcher.match_pair(tr, en)
        if not hits:
            continue
        if fmt == "jsonl":
            record = {
                "line": n,
                "hits": [
                    {
                        "term": h.term.tr,
                        "tr_span": list(h.tr_span),
                        "en_span": list(h.en_span) if h.en_span else None,
                    }
                    for h in hits
                ],
            }
            out.append(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            for h in hits:
                en_text = f"→ {en[h.en.start : h.en.end]!r}" if h.en else "→ MISSING"
                bad = "".join(f"  FORBIDDEN {en[f.start : f.end]!r}" for f in h.forbidden)
                out.append(f"{n}:{h.tr_start}  {h.surface!r} ({h.term.tr}) {en_text}{bad}\n")
    write_output("".join(out), output)
