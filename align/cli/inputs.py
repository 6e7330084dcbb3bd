"""Reading the Turkish and English inputs of a command, and the options that say how."""

from __future__ import annotations

import logging

import click

from ..errors import InputError
from ..types import Document

log = logging.getLogger("align")

# click decorators, applied as @encoding_option
encoding_option = click.option(
    "--encoding", metavar="CODEC",
    help="Force the input encoding (utf-8, cp1254, iso-8859-9, utf-16…). "
    "Default: detected (UTF-8/16 with BOM, UTF-8, Windows-1254, ISO-8859-9).",
)
srx_option = click.option(
    "--srx", type=click.Path(dir_okay=False),
    help="Segment with this SRX 2.0 rules file (as used by OmegaT/Okapi) "
    "instead of hizala's built-in Turkish and English rules.",
)
presegmented_option = click.option(
    "--presegmented", is_flag=True,
    help="The files are already one unit per line: line i is unit i (empty lines included).",
)
strict_option = click.option(
    "--strict", is_flag=True,
    help="Refuse inputs that look swapped (TR reads as English, EN as Turkish, or both are "
    "the same text) instead of warning (exit 2).",
)


def check_pair(tr_text: str, en_text: str, tr_name: str, en_name: str, *,
               strict: bool = False) -> None:
    """Warn (or with ``strict`` refuse, :class:`InputError`) when TR and EN look swapped
    or are the same text (:func:`align.language_check.pair_problem`)."""
    from ..language_check import pair_problem

    problem = pair_problem(tr_text, en_text, tr_name, en_name)
    if problem is None:
        return
    if strict:
        raise InputError(f"{problem} (refused with --strict: give the Turkish text first)")
    log.warning("%s", problem)


def read_pair(
    tr_path: str,
    en_path: str,
    *,
    presegmented: bool = False,
    encoding: str | None = None,
    srx: str | None = None,
    strict: bool = False,
) -> tuple[Document, Document]:
    """Read and segment a Turkish document and its English translation (``-``: standard
    input), as every command that takes ``TR EN`` does: with ``presegmented`` line *i* is
    unit *i*; ``srx`` replaces the built-in segmentation rules; ``encoding`` forces the
    codec (default: detected). A pair that looks swapped is warned about (refused with
    ``strict``: :func:`check_pair`)."""
    from ..archive.pair import read_compact_pair

    tr, en = read_compact_pair(tr_path, en_path, presegmented=presegmented, encoding=encoding,
                               srx=srx)
    check_pair(tr.text, en.text, stream_name(tr_path), stream_name(en_path), strict=strict)
    return tr.document(), en.document()


def stream_name(path: str) -> str:
    """``path`` as a message names it (``-`` is standard input)."""
    return path if path != "-" else "<stdin>"
