"""Make the README's screenshots of ``hizala review`` (SVG, in this folder).

    python docs/make_screenshots.py [--encoder use]

The sample corpus's first news pair (seeds/news/wmt16-014) is aligned into a
temporary project with the default encoder and checked against the repository's
glossary.yaml, a few beads are confirmed, and the app (the same ``create_app``
the command uses, driven by Textual's Pilot) saves:

* ``review.svg``: the review screen, worst first, on a bead with a glossary term and a
  finding;
* ``glossary.svg``: the glossary screen with the terms' hits in the project.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
from pathlib import Path

from align.cli.inputs import read_pair
from align.review import NewProject, create_project
from align.review.glossary import ReviewGlossary
from align.store import Project
from tui import create_app
from tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SEED = ROOT / "seeds" / "news" / "wmt16-014"
SIZE = (132, 38)


async def _shoot(project: Project, glossary: ReviewGlossary) -> None:
    app = create_app(project, glossary=glossary)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # worst first, unconfirmed beads only: the four worst looked at and confirmed, then
        # the worst bead on screen with a QA finding, short enough to show its findings
        await pilot.press("o", "2", "space", "space", "space", "space")
        index = screen.session.index
        for row in range(min(screen.table.page, len(index))):
            bead = screen.session.bead(index.id_at(row))
            if bead.findings and len(bead.tr_text) + len(bead.en_text) < 260:
                screen.table.move_to(row)
                break
        await pilot.pause()
        app.save_screenshot("review.svg", str(DOCS))
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("o")  # most beads first
        await pilot.pause()
        app.save_screenshot("glossary.svg", str(DOCS))
        await pilot.press("escape", "q")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoder", default="use")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for side in ("tr", "en"):
            shutil.copy(SEED / f"{side}.txt", folder / f"wmt16-014.{side}.txt")
        shutil.copy(ROOT / "glossary.yaml", folder / "glossary.yaml")
        os.chdir(folder)  # paths on the screens read as a user would type them
        glossary = ReviewGlossary("glossary.yaml")
        tr, en = read_pair("wmt16-014.tr.txt", "wmt16-014.en.txt", presegmented=True)
        path = Path("wmt16-014.hizala")
        create_project(NewProject(path=str(path), tr=tr, en=en, encoder=args.encoder,
                                  presegmented=True, checker=glossary.checker(), user="editor"))
        with Project.open(path, user="editor") as project:
            asyncio.run(_shoot(project, glossary))
        os.chdir(ROOT)
    for name in ("review.svg", "glossary.svg"):
        print(DOCS / name)


if __name__ == "__main__":
    main()
