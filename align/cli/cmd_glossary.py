"""``hizala glossary``: list, add, remove, lint, import and export glossary terms."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import GlossaryError
from .common import glossary_file_option, output_option, write_output

_G = glossary_file_option
NEW_FILE = (
    "# hizala glossary (see README.md, 'Glossary file')\n"
    "version: 1\nsource: tr\ntarget: en\nterms:\n"
)


@click.group("glossary")
def glossary_cmd() -> None:
    """Edit and check a glossary file (glossary.yaml by default).

    \b
      hizala glossary list                          the terms
      hizala glossary add gözaltı detention custody --forbidden arrest
      hizala glossary remove gözaltı
      hizala glossary lint                          every problem, file:line:col
      hizala glossary import terms.tbx              merge a TBX/CSV/TSV file
      hizala glossary export --format tbx -o terms.tbx

    Edits keep the file's comments, order and quoting; they are written
    atomically and refused if the file changed on disk meanwhile.
    """


def _editing(path: str, create: bool = False):  # type: ignore[no-untyped-def]
    """The glossary, locked against other writers until the block ends (so concurrent
    edits wait for each other and none is lost); a new file if ``create``."""
    from ..glossary.yaml_store import GlossaryFile

    new_text = NEW_FILE.replace("terms:\n", "terms: []\n") if create else None
    return GlossaryFile.editing(path, new_text=new_text)


@glossary_cmd.command("list")
@_G
@click.option("--tag", metavar="TAG", help="Only terms with this tag.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "tsv"]),
    default="text",
    show_default=True,
    help="text: one term a line; json: all fields; tsv: tr, en, pos.",
)
def list_cmd(glossary_path: str, tag: str | None, fmt: str) -> None:
    """List the terms of the glossary."""
    from ..glossary.yaml_store import load_glossary

    terms = [t for t in load_glossary(glossary_path).terms if tag is None or tag in t.tags]
    if fmt == "json":
        data = [
            {
                "tr": t.tr,
                "en": list(t.en),
                "pos": t.pos,
                "forbidden": list(t.forbidden),
                "note": t.note,
                "case_sensitive": t.case_sensitive,
                "tags": list(t.tags),
                "variants": list(t.variants),
                "line": t.line,
            }
            for t in terms
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for t in terms:
        if fmt == "tsv":
            click.echo(f"{t.tr}\t{'|'.join(t.en)}\t{t.pos}")
            continue
        extra = f"  (not: {', '.join(t.forbidden)})" if t.forbidden else ""
        click.echo(f"{t.tr} [{t.pos}] → {', '.join(t.en)}{extra}")
    if fmt == "text":
        click.echo(f"{len(terms)} term(s)", err=True)


@glossary_cmd.command("add")
@click.argument("tr")
@click.argument("en", nargs=-1, required=True)
@_G
@click.option(
    "--pos",
    type=click.Choice(["noun", "verb", "propn", "adj"]),
    default=None,
    help="Part of speech (default: verb when the last word ends in -mak/-mek, as in "
    "'ifade vermek'; propn if capitalised; else noun).",
)
@click.option("--forbidden", multiple=True, metavar="EN", help="A rendering that must not be used.")
@click.option("--variant", multiple=True, metavar="TR", help="Another Turkish spelling.")
@click.option("--tag", multiple=True, metavar="TAG", help="A label for grouping.")
@click.option("--note", default="", help="A note for the terminologist.")
@click.option("--case-sensitive", is_flag=True, help="Match the Turkish with its capitalisation.")
@click.option(
    "--exception",
    "exceptions",
    multiple=True,
    metavar="TR",
    help="A Turkish phrase in which the term is another word (savaş uçağı for savaş).",
)
@click.option(
    "--other-sense",
    "other_senses",
    multiple=True,
    metavar="EN",
    help="An English word showing the term used in another sense (dominant for baskın).",
)
@click.option("--consistent", is_flag=True, help="Ask for one rendering per document.")
@click.option("--replace", "replace_", is_flag=True, help="Replace the entry if the term exists.")
def add_cmd(
    tr: str,
    en: tuple[str, ...],
    glossary_path: str,
    pos: str | None,
    forbidden: tuple[str, ...],
    variant: tuple[str, ...],
    tag: tuple[str, ...],
    note: str,
    case_sensitive: bool,
    exceptions: tuple[str, ...],
    other_senses: tuple[str, ...],
    consistent: bool,
    replace_: bool,
) -> None:
    """Add the Turkish term TR with its English renderings EN… (creates the file if needed).

    A term already in the glossary is refused; --replace replaces its entry.
    """
    from ..glossary.model import Term

    term = Term(
        tr=" ".join(tr.split()),
        en=tuple(" ".join(e.split()) for e in en),
        pos=pos or guess_pos(tr),
        forbidden=forbidden,
        note=note,
        case_sensitive=case_sensitive,
        tags=tag,
        variants=variant,
        exceptions=exceptions,
        other_senses=other_senses,
        consistent=consistent,
    )
    with _editing(glossary_path, create=True) as gf:
        existing = gf.get(term.tr)
        if existing is not None and not replace_:
            raise GlossaryError(
                f"{existing.tr!r} is already in the glossary (line {existing.line}); "
                "add --replace to replace its entry",
                path=glossary_path,
            )
        if existing is not None:
            gf.change(term)
            gf.save()
            click.echo(f"replaced {term.tr!r} (line {existing.line}) in {glossary_path}",
                       err=True)
            return
        gf.add(term)
        gf.save()
    click.echo(f"added {term.tr!r} to {glossary_path}", err=True)


def guess_pos(tr: str) -> str:
    """The part of speech ``glossary add`` gives a term without --pos: ``verb`` when the
    last word is an infinitive (``tutuklamak``, ``ifade vermek``), ``propn`` when the term is
    capitalised, else ``noun``."""
    from ..normalize import fold

    words = fold(tr).split()
    if words and words[-1].endswith(("mak", "mek")) and len(words[-1]) > 4:
        return "verb"
    return "propn" if tr.strip()[:1].isupper() else "noun"


@glossary_cmd.command("remove")
@click.argument("tr")
@_G
def remove_cmd(tr: str, glossary_path: str) -> None:
    """Remove the term TR (its lines only; comments elsewhere stay)."""
    with _editing(glossary_path) as gf:
        term = gf.remove(tr)
        gf.save()
    click.echo(f"removed {term.tr!r} (was line {term.line}) from {glossary_path}", err=True)


@glossary_cmd.command("lint")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@_G
def lint_cmd(files: tuple[str, ...], glossary_path: str) -> None:
    """Check glossary files and report every problem as file:line:col (exit 1 on errors).

    Besides the schema (types, duplicates, conflicts), each term is matched
    against its own lemma, to catch entries hizala could never find.
    """
    from ..glossary.turkish import TurkishMatcher
    from ..glossary.yaml_store import check_glossary_text, decode_glossary, read_bytes

    errors = 0
    for path in files or (glossary_path,):
        try:
            text = decode_glossary(read_bytes(path), path)
            glossary, problems = check_glossary_text(text, path)
        except GlossaryError as exc:
            click.echo(f"{exc}", err=False)
            errors += 1
            continue
        if glossary is not None:
            for term in glossary.terms:
                if not TurkishMatcher([term]).find(term.tr):
                    problems.append(
                        _problem(
                            term.line,
                            f"{term.tr!r} does not match its own lemma; "
                            "check 'pos' (verbs end in -mak/-mek)",
                        )
                    )
        for p in sorted(problems, key=lambda p: (p.line, p.column)):
            click.echo(f"{path}:{p.line}:{p.column}: {p.severity}: {p.message}")
            errors += p.severity == "error"
        if not problems:
            n = len(glossary.terms) if glossary else 0
            click.echo(f"{path}: ok ({n} terms)")
    if errors:
        sys.exit(1)


def _problem(line: int, message: str):  # type: ignore[no-untyped-def]
    from ..glossary.yaml_store import Problem

    return Problem(line, 1, message, "warning")


def _format_of(path: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    ext = Path(path).suffix.lower().lstrip(".")
    if ext in ("csv", "tsv", "tbx"):
        return ext
    if ext in ("xml",):
        return "tbx"
    raise click.UsageError(f"cannot tell the format of {path!r} from its name; give --format")


@glossary_cmd.command("import")
@click.argument("source", type=click.Path(dir_okay=False, exists=False))
@_G
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tsv", "tbx"]),
    help="Format of SOURCE (default: from its extension).",
)
@click.option(
    "--replace",
    "replace_",
    is_flag=True,
    help="Replace entries that exist (default: keep them and report).",
)
def import_cmd(source: str, glossary_path: str, fmt: str | None, replace_: bool) -> None:
    """Merge the terms of SOURCE (CSV/TSV/TBX) into the glossary (created if needed)."""
    from ..glossary.csv_io import read_table
    from ..glossary.tbx import read_tbx
    from ..glossary.yaml_store import read_bytes

    kind = _format_of(source, fmt)
    data = read_bytes(source)
    incoming = (
        read_tbx(data, source)
        if kind == "tbx"
        else read_table(data, source, "\t" if kind == "tsv" else ",")
    )
    replaced = 0
    kept: list[str] = []
    with _editing(glossary_path, create=True) as gf:
        new = []
        for term in incoming.terms:
            if gf.get(term.tr) is None:
                new.append(term)
            elif replace_:
                gf.change(term)
                replaced += 1
            else:
                kept.append(term.tr)
        gf.add_many(new)
        if new or replaced:
            gf.save()  # one write for the whole import
    added = len(new)
    click.echo(
        f"imported {added} new, replaced {replaced}, kept {len(kept)} existing into "
        f"{glossary_path}",
        err=True,
    )
    if kept:
        shown = ", ".join(repr(t) for t in kept[:3]) + (", …" if len(kept) > 3 else "")
        click.echo(
            f"hizala: {len(kept)} term(s) of {source} are already in the glossary and were "
            f"kept as they are ({shown}); --replace takes them from {source}",
            err=True,
        )


@glossary_cmd.command("export")
@_G
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tsv", "tbx"]),
    help="csv/tsv: one row per term, lists joined with |. tbx: TBX v3 Basic with "
    "administrativeStatus (forbidden renderings are deprecatedTerm). Default: from -o.",
)
@output_option
def export_cmd(glossary_path: str, fmt: str | None, output: str | None) -> None:
    """Export the glossary as CSV, TSV or TBX."""
    from ..glossary.csv_io import write_table
    from ..glossary.tbx import write_tbx
    from ..glossary.yaml_store import load_glossary

    if fmt is None:
        if output is None:
            raise click.UsageError("give --format csv|tsv|tbx (or -o FILE with that extension)")
        fmt = _format_of(output, None)
    glossary = load_glossary(glossary_path)
    text = (
        write_tbx(glossary)
        if fmt == "tbx"
        else write_table(glossary, "\t" if fmt == "tsv" else ",")
    )
    write_output(text, output)
