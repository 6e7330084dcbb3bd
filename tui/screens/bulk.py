"""Confirming many beads at once: every unconfirmed bead at or above a confidence, or the
view from the cursor down or up. The dialog shows how many beads each choice confirms;
the review screen confirms them in one operation (one undo step)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from align.review import ReviewSession

from ..keymap import Keymap, bindings

__all__ = ["BulkChoice", "BulkConfirmScreen"]


@dataclass(frozen=True, slots=True)
class BulkChoice:
    """The beads to confirm, and how to say what was done."""

    bead_ids: tuple[int, ...]
    """In the view's order."""
    what: str
    """``at or above 0.93``, ``from #312 down``…"""


class BulkConfirmScreen(ModalScreen[BulkChoice | None]):
    """Choose which beads to confirm; returns them (None: cancelled)."""

    BINDINGS = bindings("dialog")

    def __init__(self, session: ReviewSession, row: int, keymap: Keymap) -> None:
        super().__init__()
        self.session = session
        self.row = row
        self.keymap = keymap
        index = session.index
        bead_id = index.id_at(row) if 0 <= row < len(index) else None
        score = index.mark(bead_id).score if bead_id is not None else None
        self.number = session.number(bead_id) if bead_id is not None else 0
        start = index.low_threshold if score is None else score
        self.score = math.floor(start * 100) / 100
        """The confidence the first choice starts from (the cursor's bead's, rounded
        down)."""
        self.down = tuple(index.confirmable(index.ids(row, len(index))))
        self.up = tuple(index.confirmable(index.ids(0, row + 1)))

    def _above(self) -> tuple[int, ...]:
        return tuple(self.session.index.at_or_above(self.score))

    def _prompts(self) -> list[str]:
        scope = "" if self.session.index.filter == "all" else " of the view"
        above = len(self._above())
        return [
            f"every unconfirmed bead{scope} with confidence ≥ {self.score:.2f}: "
            f"{_beads(above)}",
            f"from #{self.number} to the end of the view: {_beads(len(self.down))}",
            f"from the start of the view to #{self.number}: {_beads(len(self.up))}",
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="bulk"):
            yield Label("Confirm many beads (one undo step; rejected beads stay rejected)",
                        classes="dialog-title")
            yield OptionList(*[Option(p, id=str(k)) for k, p in enumerate(self._prompts())],
                             id="bulk-choices")
            with Horizontal(classes="bulk-row"):
                yield Label("confidence at least", classes="inline-label")
                yield Input(f"{self.score:.2f}", id="bulk-score", compact=True)
            yield Label("", id="bulk-error", classes="dialog-error")
            yield Label(f"↑↓ choose · Enter confirm · Tab the confidence · "
                        f"{self.keymap.first('dialog.cancel')} cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        raw = event.value.strip().replace(",", ".")
        error = self.query_one("#bulk-error", Label)
        try:
            score = float(raw)
        except ValueError:
            score = -1.0
        if not 0.0 <= score <= 1.0:
            error.update(f"the confidence is a number from 0 to 1, not {raw!r}")
            return
        error.update("")
        self.score = score
        self.query_one(OptionList).replace_option_prompt_at_index(0, self._prompts()[0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(0)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, choice: int) -> None:
        ids, what = [
            (self._above(), f"at or above {self.score:.2f}"),
            (self.down, f"from #{self.number} down"),
            (self.up, f"up to #{self.number}"),
        ][choice]
        if not ids:
            self.query_one("#bulk-error", Label).update("no bead to confirm there")
            return
        self.dismiss(BulkChoice(ids, what))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _beads(n: int) -> str:
    return f"{n:,} bead{'' if n == 1 else 's'}"
