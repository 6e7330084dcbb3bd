"""The footer of the review screen: the keys that matter for the bead under the cursor.

Unlike Textual's footer (every binding, always), this shows what makes sense
now: "insert English" on a bead without English, "next finding" when there
are findings, what undo would undo. Each hint is clickable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.widgets import Static

__all__ = ["Hint", "KeyHints"]


@dataclass(frozen=True, slots=True)
class Hint:
    """One key to show."""

    key: str
    """The key as the user reads it (``space``, ``u``)."""
    description: str
    """What it does now."""
    action: str
    """The screen action it runs when clicked."""
    priority: int = 1
    """Hints with a higher number are left out first when the line is too narrow."""


class KeyHints(Static):
    """``space confirm ▸ next  x reject  m merge ↓  …`` (click a hint to run it)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-hints--key", "key-hints--description"}

    DEFAULT_CSS = """
    KeyHints { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._hints: tuple[Hint, ...] = ()
        self._all: tuple[Hint, ...] = ()
        self._spans: list[tuple[int, int, str]] = []

    def show(self, hints: Sequence[Hint]) -> None:
        """Show these hints (nothing happens if they did not change)."""
        self._all = tuple(hints)
        hints = self._fit(self._all, self.size.width or 80)
        if hints == self._hints:
            return
        self._hints = hints
        key_style = self.get_component_rich_style("key-hints--key", partial=True)
        text_style = self.get_component_rich_style("key-hints--description", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for hint in hints:
            start = text.cell_len
            text.append(f" {hint.key} ", style=key_style)
            text.append(f"{hint.description} ", style=text_style)
            self._spans.append((start, text.cell_len, hint.action))
        self.update(text, layout=False)

    @staticmethod
    def _fit(hints: tuple[Hint, ...], width: int) -> tuple[Hint, ...]:
        """Leave out the least important hints until the rest fit in ``width`` cells."""
        def size(items: tuple[Hint, ...]) -> int:
            return sum(len(h.key) + len(h.description) + 3 for h in items)

        while hints and size(hints) > width:
            worst = max(range(len(hints)), key=lambda k: (hints[k].priority, k))
            hints = hints[:worst] + hints[worst + 1 :]
        return hints

    def on_resize(self) -> None:
        shown, self._hints = self._all, ()
        self.show(shown)

    @property
    def hints(self) -> tuple[Hint, ...]:
        """The hints shown."""
        return self._hints

    def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                event.stop()
                self.run_action_later(action)
                return

    def run_action_later(self, action: str) -> None:
        """Run a screen action (after this event is handled)."""
        self.call_later(self.screen.run_action, action)
