"""Reading the Turkish and English inputs of a command, and the options that say how."""

from __future__ import annotations

import click

from ..types import Document

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
    from ..archive.pair import read_compact_pair

    tr, en = read_compact_pair(tr_path, en_path, presegmented=presegmented, encoding=encoding,
                               srx=srx)
    return tr.document(), en.document()
