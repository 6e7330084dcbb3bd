"""The ``hizala`` command: a click group whose commands live in ``cmd_*`` modules.

Every deliberate error (:class:`align.errors.HizalaError`) becomes one line on
stderr and the error's exit code (the table in README.md, "Exit codes"); Ctrl-C
exits 130 without a traceback. The library's warnings (``logging.getLogger("align")``)
are printed once each as ``hizala: warning: …``.
Commands are imported when the group is built, but each keeps its heavy
imports (numpy models, textual) inside the command function, so
``hizala --help`` stays instant.
"""

from __future__ import annotations

import logging
import sys
from importlib import import_module
from typing import Any

import click

from .. import __version__
from ..errors import EXIT_INTERRUPTED, EXIT_OK, HizalaError

# (module, command attribute) — one line per command; order is the --help order.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("align.cli.cmd_align", "align_cmd"),
    ("align.cli.cmd_align", "batch_cmd"),
    ("align.cli.cmd_eval", "eval_cmd"),
    ("align.cli.cmd_fragments", "fragments_cmd"),
    ("align.cli.cmd_segment", "segment_cmd"),
    ("align.cli.cmd_check", "check_cmd"),
    ("align.cli.cmd_glossary", "glossary_cmd"),
    ("align.cli.cmd_terms", "terms_cmd"),
    ("align.cli.cmd_project", "new_cmd"),
    ("align.cli.cmd_project", "add_cmd"),
    ("align.cli.cmd_project", "status_cmd"),
    ("align.cli.cmd_export", "export_cmd"),
    ("align.cli.cmd_export", "import_tmx_cmd"),
    ("align.cli.cmd_review", "review_cmd"),
)


class _Warnings(logging.Handler):
    """The library's warnings as ``hizala: warning: …`` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(self.format(record).split())
        click.echo(f"hizala: warning: {text}", err=True)


class HizalaGroup(click.Group):
    """Turns HizalaError into a one-line message and an exit code, and shows the library's
    warnings."""

    def invoke(self, ctx: click.Context) -> Any:
        log = logging.getLogger("align")
        handler = _Warnings(logging.WARNING)
        log.addHandler(handler)
        propagate, log.propagate = log.propagate, False  # printed here, not again by Python
        try:
            return super().invoke(ctx)
        except HizalaError as exc:
            click.echo(f"hizala: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("hizala: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # `hizala align … | head`: the reader went away; not an error of ours.
            sys.stderr.close()
            sys.exit(EXIT_OK)
        finally:
            log.removeHandler(handler)
            log.propagate = propagate


@click.group(cls=HizalaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hizala")
def cli() -> None:
    """hizala: align Turkish texts with their English translations, check and review them.

    \b
    Typical use:
      hizala align haber.tr.txt haber.en.txt          aligned pairs on the terminal
      hizala align tr.txt en.txt --presegmented --format beads -o out.beads
      hizala batch corpus.tsv --presegmented          many pairs, the model loaded once
      hizala eval gold.beads out.beads                strict/lax precision, recall, F1
      hizala segment haber.tr.txt --lang tr           one sentence per line
      hizala check tr.txt en.txt -g glossary.yaml     QA report: terms, numbers, names
      hizala terms tr.txt en.txt --presegmented -g glossary.yaml   terms per line pair
      hizala glossary add gözaltı detention custody   edit the glossary
      hizala fragments article.en.txt --format json   Turkish quotes in English text
      hizala new haber.hizala haber.tr.txt haber.en.txt   a review project
      hizala review haber.hizala                      review it in the terminal
      hizala review haber.tr.txt haber.en.txt         align into haber.hizala and review
      hizala status haber.hizala                      how far the review has come
      hizala export haber.hizala --tmx haber.tmx      a translation memory

    Run `hizala COMMAND --help` for the options of a command.
    """


for _module, _attr in COMMANDS:
    cli.add_command(getattr(import_module(_module), _attr))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="hizala")
