"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from ..atomic import write_atomic
from ..types import Document

F = TypeVar("F", bound=Callable[..., Any])


def encoding_option(f: F) -> F:
    return click.option(
        "--encoding",
        metavar="CODEC",
        help="Force the input encoding (utf-8, cp1254, iso-8859-9, utf-16…). "
        "Default: detected (UTF-8/16 with BOM, UTF-8, Windows-1254, ISO-8859-9).",
    )(f)


def srx_option(f: F) -> F:
    return click.option(
        "--srx",
        type=click.Path(dir_okay=False),
        help="Segment with this SRX 2.0 rules file (as used by OmegaT/Okapi) "
        "instead of hizala's built-in Turkish and English rules.",
    )(f)


def encoder_option(f: F) -> F:
    return click.option(
        "--encoder",
        default="use",
        show_default=True,
        metavar="NAME",
        help="Sentence encoder: 'use' (built in), 'transformers:<local path or cached id>' "
        "(LaBSE, multilingual-e5, bge-m3…; needs hizala[transformers]), 'lexical' (no model).",
    )(f)


def presegmented_option(f: F) -> F:
    return click.option(
        "--presegmented",
        is_flag=True,
        help="The files are already one unit per line: line i is unit i (empty lines included).",
    )(f)


def glossary_file_option(f: F) -> F:
    """``--glossary/-g G`` defaulting to the ``glossary.yaml`` of the current folder."""
    return click.option(
        "--glossary",
        "-g",
        "glossary_path",
        metavar="G",
        default="glossary.yaml",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="The glossary file (YAML; see README.md, 'Glossary file').",
    )(f)


def read_pair(
    tr_path: str,
    en_path: str,
    *,
    presegmented: bool = False,
    encoding: str | None = None,
    srx: str | None = None,
) -> tuple[Document, Document]:
    """Read and segment a Turkish document and its English translation (``-``: standard
    input), as every command that takes ``TR EN`` does: with ``presegmented`` line *i* is
    unit *i*; ``srx`` replaces the built-in segmentation rules; ``encoding`` forces the
    codec (default: detected)."""
    from ..segment import load_srx, read_document

    rules = load_srx(srx) if srx else None
    tr = read_document(tr_path, "tr", encoding=encoding, presegmented=presegmented, rules=rules)
    en = read_document(en_path, "en", encoding=encoding, presegmented=presegmented, rules=rules)
    return tr, en


def write_output(text: str, output: str | None) -> None:
    """Write to ``output`` (:func:`align.atomic.write_atomic`), or to stdout when None or '-'."""
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    assert output is not None
    write_atomic(output, text)


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; a no-op otherwise."""
    if not sys.stderr.isatty() or total <= 0:
        yield lambda _n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_eta=True) as bar:
        yield bar.update
