"""The typed messages workers post to the UI thread (worker threads never touch widgets)."""

from __future__ import annotations

from textual.message import Message

from align.errors import HizalaError
from align.store import Operation

__all__ = [
    "ExportDone",
    "FindingsRecomputed",
    "ProjectCreated",
    "RealignDone",
    "SearchDone",
    "WorkFailed",
    "WorkProgress",
]


class WorkProgress(Message):
    """Long work advanced: ``done`` of ``total`` steps (total 0: not known yet)."""

    def __init__(self, label: str, done: int, total: int) -> None:
        super().__init__()
        self.label = label
        self.done = done
        self.total = total


class WorkFailed(Message):
    """Long work stopped with a deliberate error (shown to the user; nothing changed)."""

    def __init__(self, label: str, error: HizalaError) -> None:
        super().__init__()
        self.label = label
        self.error = error


class ProjectCreated(Message):
    """``hizala review TR EN`` finished aligning: the project file exists now."""

    def __init__(self, path: str, beads: int) -> None:
        super().__init__()
        self.path = path
        self.beads = beads


class RealignDone(Message):
    """A stretch was re-aligned (``operation`` None: the aligner agreed with it as it was)."""

    def __init__(self, bead_id: int, operation: Operation | None) -> None:
        super().__init__()
        self.bead_id = bead_id
        self.operation = operation


class SearchDone(Message):
    """A search finished: the bead found (None: no match); ``outside_view``: the match is
    not in the current view (the filter hides it)."""

    def __init__(self, query: str, bead_id: int | None, *, outside_view: bool = False) -> None:
        super().__init__()
        self.query = query
        self.bead_id = bead_id
        self.outside_view = outside_view


class ExportDone(Message):
    """An export was written."""

    def __init__(self, path: str, summary: str) -> None:
        super().__init__()
        self.path = path
        self.summary = summary


class FindingsRecomputed(Message):
    """The QA findings of the whole project were recomputed (after a glossary change)."""

    def __init__(self, findings: int) -> None:
        super().__init__()
        self.findings = findings
