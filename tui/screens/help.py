"""The help screen (``?``): every key, by screen and purpose, as the keymap has them now."""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..keymap import SCREEN_TITLES, Keymap, bindings, default_config_path

__all__ = ["HelpScreen"]



class HelpScreen(ModalScreen[None]):
    """All keys; Esc, q or ? closes it."""

    # a modal screen sees no app bindings: the help keys close it (same id, same keys)
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("dialog"),
        *(b for b in bindings("app") if isinstance(b, Binding) and b.id == "app.help"),
    ]

    def __init__(self, keymap: Keymap) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Label("hizala review: keys", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._table())
            source = self.keymap.source or f"{default_config_path()} (not there: defaults)"
            yield Label(
                f"Keys come from {source}. Mouse: click a bead to go there, double-click to "
                "edit, click a key below to run it. Esc closes.",
                classes="dialog-hint",
            )

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column()
        for k, (screen, actions) in enumerate(
            groupby(self.keymap.actions(), key=lambda a: a.screen)
        ):
            if k:
                table.add_row("", "")
            table.add_row("", Text(SCREEN_TITLES.get(screen, screen), style="bold underline"))
            for group, items in groupby(actions, key=lambda a: a.group):
                if screen == "review":
                    table.add_row("", Text(group, style="italic"))
                for action in items:
                    table.add_row(self.keymap.shown(action.id), action.description)
        return table

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.dismiss(None)
