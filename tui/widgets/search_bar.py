"""The search line that ``/`` opens: Enter or ↓ finds the next match, ↑ the previous,
Esc closes it. Matching folds Turkish case (I/ı, İ/i) and apostrophes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

__all__ = ["SearchBar"]


class SearchBar(Horizontal):
    """A one-line search field docked above the status line."""

    # The field is a compact Input (no border in any state): a rule of this bar's own
    # loses to Textual's `Input:focus { border: tall }`, whose top edge then covered the
    # one line and hid the text being typed.
    DEFAULT_CSS = """
    SearchBar { height: 1; display: none; }
    SearchBar.-open { display: block; }
    SearchBar Label { width: auto; padding: 0 1; }
    SearchBar Input { width: 1fr; }
    """

    BINDINGS = [  # noqa: RUF012 (Textual reads a list)
        Binding("down", "find(False)", "Next match", show=False),
        Binding("up", "find(True)", "Previous match", show=False),
        Binding("escape", "close", "Close", show=False),
    ]

    class Find(Message):
        """Find ``query`` forwards (or ``backwards``)."""

        def __init__(self, query: str, *, backwards: bool = False) -> None:
            super().__init__()
            self.query = query
            self.backwards = backwards

    class Closed(Message):
        """The bar was closed."""

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-label")
        yield Input(placeholder="search both sides (Enter/↓ next, ↑ previous, Esc close)",
                    id="search-input", compact=True)

    @property
    def input(self) -> Input:
        """The text field."""
        return self.query_one("#search-input", Input)

    def open(self) -> None:
        """Show the bar with the last query selected."""
        self.add_class("-open")
        self.input.focus()
        self.input.select_all()

    def action_close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())

    def action_find(self, backwards: bool) -> None:
        if self.input.value.strip():
            self.post_message(self.Find(self.input.value, backwards=backwards))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_find(False)
