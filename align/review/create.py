"""Making the project that ``hizala review TR EN`` opens: where it goes, whether one exists.

Aligning is the slow part (loading the encoder, embedding every sentence);
:func:`create_project` reports it through ``progress`` so the review UI can
run it in a worker and show a bar, and ``cancelled`` lets the UI stop it:
the project file appears only when it is complete (``build_project``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from ..store import Checker, Project, build_project, document_name
from ..types import Document
from .adding import add_pair

__all__ = ["Cancelled", "NewProject", "create_project", "default_project_path", "holds_documents"]


class Cancelled(Exception):
    """The user stopped the work (raised from the progress callback)."""


def default_project_path(tr_path: str, en_path: str, folder: str | os.PathLike[str] = ".") -> Path:
    """``<name>.hizala`` in ``folder`` (default: the current one), named like the document
    (``haber.tr.txt`` → ``haber.hizala``)."""
    return Path(folder) / f"{document_name(tr_path, en_path)}.hizala"


def holds_documents(project: Project, tr: Document, en: Document) -> bool:
    """Whether the project already holds this pair of files (same bytes)."""
    return any(
        d.tr_sha256 == tr.sha256 and d.en_sha256 == en.sha256 for d in project.documents()
    )


@dataclass(frozen=True)
class NewProject:
    """What ``hizala review TR EN`` creates: a project of one aligned document pair."""

    path: str
    """Where the project file goes (it must not exist)."""
    tr: Document
    """The Turkish document, read and segmented."""
    en: Document
    """The English document, read and segmented."""
    encoder: str = "use"
    """The sentence encoder to align (and later re-align) with."""
    presegmented: bool = False
    """Whether the files were one unit per line (recorded in the run signature)."""
    srx: str | None = None
    """The SRX rules file the texts were segmented with, if not the built-in rules."""
    checker: Checker | None = None
    """QA checks to run on every bead (from a glossary), if any."""
    user: str | None = None
    """Recorded as who created the project."""
    name: str | None = None
    """The document's name (default: from the Turkish file's name)."""


def create_project(
    request: NewProject, progress: Callable[[int, int], None] | None = None
) -> int:
    """Align the pair into a new project at ``request.path``; returns the number of beads.

    ``progress(done, total)`` is called as sentences are embedded (it may raise
    :class:`Cancelled` to stop: nothing is left behind). Refuses an existing file.
    """
    tr, en, path = request.tr, request.en, request.path
    if os.path.lexists(path):
        raise StoreError("already exists; choose another name", path=path)

    @contextmanager
    def counting(total: int) -> Iterator[Callable[[int], None]]:
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(min(done, total), total)

        yield step

    counted: list[int] = []

    def fill(project: Project) -> None:
        if progress is not None:
            progress(0, len(tr.segments) + len(en.segments))
        _doc_id, beads = add_pair(
            project, tr, en, encoder=request.encoder, presegmented=request.presegmented,
            srx=request.srx, name=request.name, checker=request.checker, progress=counting,
        )
        counted.append(beads)

    build_project(path, fill, encoder=request.encoder, user=request.user)
    return counted[0]
