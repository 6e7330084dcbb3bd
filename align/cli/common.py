"""Options and helpers shared by the commands: the encoder, the glossary, where output goes,
progress bars. Reading ``TR EN`` is :mod:`.inputs`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ..atomic import write_atomic

if TYPE_CHECKING:
    from ..encoders.base import Encoder

# Options more than one command takes (click decorators, applied as @encoding_option).
encoder_option = click.option(
    "--encoder", default="use", show_default=True, metavar="NAME",
    help="Sentence encoder: 'use' (built in), 'transformers:<local path or cached id>' "
    "(LaBSE, multilingual-e5, bge-m3…; needs hizala[transformers]), 'lexical' (no model).",
)
glossary_file_option = click.option(
    "--glossary", "-g", "glossary_path", metavar="G", default="glossary.yaml",
    show_default=True, type=click.Path(dir_okay=False),
    help="The glossary file (YAML; see README.md, 'Glossary file').",
)
"""``--glossary/-g G`` defaulting to the ``glossary.yaml`` of the current folder."""
output_option = click.option(
    "-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout."
)
"""``-o FILE``, written with :func:`align.atomic.write_atomic` (see :func:`write_output`)."""


def write_output(text: str | Iterable[str], output: str | None) -> None:
    """Write to ``output`` (:func:`align.atomic.write_atomic`), or to stdout when None or '-'.

    ``text`` may come in chunks (a long alignment, window by window): they are written
    as they come, and the file appears whole once the last is written.
    """
    if output in (None, "-"):
        for chunk in [text] if isinstance(text, str) else text:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    assert output is not None
    write_atomic(output, text)


def warn_uncalibrated_encoder(encoder: Encoder) -> None:
    """One ``hizala: warning:`` line on stderr when the aligner's weights were fitted for
    another encoder than ``encoder`` (never for the test stand-in ``fake``)."""
    from ..aligner.model import default_model

    message = default_model().encoder_warning(encoder.name)
    if message and not encoder.for_tests:
        click.echo(f"hizala: warning: {message}", err=True)


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; a no-op otherwise."""
    if not sys.stderr.isatty() or total <= 0:
        yield lambda _n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_eta=True) as bar:
        yield bar.update
