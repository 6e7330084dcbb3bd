"""``hizala review``: the review UI (package ``tui``, imported only when the command runs)."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ..errors import HizalaError, StoreError
from .cmd_project import current_user
from .inputs import (
    encoding_option,
    presegmented_option,
    read_pair,
    srx_option,
    strict_option,
)

_HELP_KEYS = "See the keys with ? inside; change them in $XDG_CONFIG_HOME/hizala/keys.toml."


@click.command("review", epilog=_HELP_KEYS)
@click.argument("paths", metavar="PROJECT | TR EN", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
@click.option("--project", "project_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="With TR EN: the project to create (or reopen). Default: NAME.hizala in "
              "the current folder, NAME from TR's file name (haber.tr.txt → haber.hizala).")
@click.option("--glossary", metavar="FILE", type=click.Path(dir_okay=False),
              help="The glossary: its terms are highlighted and checked as you change beads; "
              "the glossary screen (t) edits it (made at the first term added if missing). "
              "Default: glossary.yaml in the current folder, if there is one.")
@click.option("--keys", "keys_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Key bindings (TOML). Default: $XDG_CONFIG_HOME/hizala/keys.toml "
              "(~/.config/hizala/keys.toml) if it exists.")
@click.option("--low", type=click.FloatRange(0, 1), metavar="S",
              help="Confidence below which an unreviewed (auto) bead counts as low "
              "(the l key, the low-confidence view, red in the list). Default: the "
              "aligner's calibration.")
@click.option("--name", metavar="NAME",
              help="With TR EN: the document's name in the project (default: from TR).")
@presegmented_option
@click.option("--encoder", default="use", show_default=True, metavar="NAME",
              help="With TR EN: the sentence encoder to align with (use, lexical, "
              "transformers:<model>…); a project re-aligns with the one it was created with.")
@srx_option
@encoding_option
@strict_option
def review_cmd(*, paths: tuple[str, ...], project_path: str | None, glossary: str | None,
               keys_file: str | None, low: float | None, name: str | None, presegmented: bool,
               encoder: str, srx: str | None, encoding: str | None, strict: bool) -> None:
    """Review an alignment in the terminal: `hizala review PROJECT`, or
    `hizala review TR EN` to align the pair into a new project first.

    \b
    One bead a line, Turkish | English, with status and confidence; the
    current bead in full below. space confirms and moves on, m merges, s
    splits, e edits, u undoes, n/l/f jump to the next unconfirmed /
    low-confidence / flagged bead, / searches, q quits. Every change is
    saved as it is made: quitting needs no save, and a crash loses nothing.
    Only one `hizala review` may have a project open at a time.
    """
    if len(paths) > 2:
        raise click.UsageError("give a project, or a Turkish and an English file")
    from ..review import NewProject, default_project_path, holds_documents
    from ..review.checks import qa_checker
    from ..review.glossary import ReviewGlossary
    from ..store import Project

    user = current_user()
    keymap = _keymap(keys_file)
    if glossary is None and os.path.isfile("glossary.yaml"):
        glossary = "glossary.yaml"
    book = ReviewGlossary(glossary) if glossary is not None else None
    checker = book.checker() if book is not None else qa_checker()
    new_project = None
    project = None
    if len(paths) == 1:
        project = Project.open(paths[0], user=user)
    else:
        tr, en = read_pair(paths[0], paths[1], presegmented=presegmented, encoding=encoding,
                           srx=srx, strict=strict)
        path = project_path or str(default_project_path(paths[0], paths[1]))
        if os.path.lexists(path):
            project = Project.open(path, user=user)
            if not holds_documents(project, tr, en):
                project.close()
                raise StoreError(
                    f"already exists and holds other texts; review it with `hizala review "
                    f"{path}`, or give --project FILE for {paths[0]} and {paths[1]}",
                    path=path,
                )
        else:
            new_project = NewProject(
                path=path, tr=tr, en=en, encoder=encoder, presegmented=presegmented, srx=srx,
                checker=checker, user=user, name=name,
            )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        if project is not None:
            project.close()
        raise HizalaError(
            "`hizala review` needs a terminal; in scripts use `hizala status` and `hizala export`"
        )
    from tui import create_app

    app = create_app(
        project, new_project=new_project, keymap=keymap, checker=checker, glossary=book,
        low_threshold=low, gc_freeze=True,
    )
    try:
        app.run()
    finally:
        if project is not None:
            project.close()
    if app.error is not None:
        raise app.error
    if new_project is not None and app.session is None:
        # quit while the pair was being aligned
        made = os.path.exists(new_project.path)
        click.echo(
            f"hizala: {new_project.path} was made before you quit; review it with "
            f"`hizala review {new_project.path}`" if made else
            f"hizala: stopped before the project was made: nothing was created "
            f"({new_project.path})",
            err=True,
        )
        return
    _goodbye(app)


def _keymap(keys_file: str | None) -> Any:
    from tui.keymap import load_keymap

    return load_keymap(keys_file, required=keys_file is not None)


def _goodbye(app: Any) -> None:
    session = app.session
    if session is None:
        return
    index = session.index
    path = session.project.path
    click.echo(
        f"hizala: {path}: {index.confirmed:,} of {index.total:,} beads confirmed; every change "
        f"is saved (go on with `hizala review {path}`)",
        err=True,
    )
