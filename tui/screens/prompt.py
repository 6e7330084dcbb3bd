"""A small dialog asking for one value (the bead number to go to)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..keymap import bindings

__all__ = ["NumberPrompt"]


class NumberPrompt(ModalScreen[int | None]):
    """Ask for a whole number between ``low`` and ``high``; Esc returns None."""

    BINDINGS = bindings("dialog")

    def __init__(self, title: str, low: int, high: int) -> None:
        super().__init__()
        self.title_text = title
        self.low = low
        self.high = high

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="prompt"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder=f"{self.low}–{self.high}", type="integer", id="prompt-input")
            yield Label("Enter go · Esc cancel", id="prompt-error", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = int(event.value.strip())
        except ValueError:
            value = None
        if value is None or not self.low <= value <= self.high:
            self.query_one("#prompt-error", Label).update(
                f"give a number from {self.low} to {self.high}"
            )
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
