"""A progress bar with a label, shown while long work runs in a worker thread."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

__all__ = ["WorkIndicator"]


class WorkIndicator(Horizontal):
    """``re-aligning 14 beads ▓▓▓▓░░░ 60%``; hidden when idle."""

    DEFAULT_CSS = """
    WorkIndicator { height: 1; width: auto; display: none; }
    WorkIndicator.-busy { display: block; }
    WorkIndicator Label { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="work-label")
        yield ProgressBar(total=None, show_eta=False, id="work-bar")

    @property
    def busy(self) -> bool:
        """Whether work is running."""
        return self.has_class("-busy")

    def start(self, label: str, total: int | None = None) -> None:
        """Show the bar for ``label`` (``total`` None: an indeterminate bar)."""
        self.query_one("#work-label", Label).update(label)
        self.query_one("#work-bar", ProgressBar).update(total=total, progress=0)
        self.add_class("-busy")

    def advance(self, done: int, total: int | None) -> None:
        """Set the bar to ``done`` of ``total``."""
        self.query_one("#work-bar", ProgressBar).update(total=total or None, progress=done)

    def stop(self) -> None:
        """Hide the bar."""
        self.remove_class("-busy")
