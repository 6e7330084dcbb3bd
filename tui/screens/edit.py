"""The text editor: every sentence of a bead in a text area; save, cancel, or split one."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from align.store import BeadRow, SegmentRow

from ..keymap import Keymap, bindings
from ..widgets import CheckBox

__all__ = ["EditResult", "EditScreen"]

_SIDE = {"tr": "Turkish", "en": "English"}


@dataclass(frozen=True, slots=True)
class EditResult:
    """What the reviewer asked for."""

    changes: tuple[tuple[int, str], ...] = ()
    """``(segment id, new text)`` for every sentence whose text changed."""
    split: tuple[int, int] | None = None
    """``(segment id, character offset)``: split that sentence there (after the changes)."""
    keep_confirmed: bool = False
    """Whether a confirmed bead stays confirmed after its text is changed."""


class SegmentArea(TextArea):
    """A text area holding one sentence."""

    def __init__(self, segment: SegmentRow, label: str) -> None:
        super().__init__(
            segment.text, soft_wrap=True, show_line_numbers=False, id=f"segment-{segment.id}"
        )
        self.segment = segment
        self.border_title = label


class EditScreen(ModalScreen[EditResult | None]):
    """Edit the sentences of one bead. Esc changes nothing."""

    BINDINGS = bindings("editor")

    def __init__(
        self, bead: BeadRow, number: int, keymap: Keymap, *, focus_segment: int | None = None
    ) -> None:
        super().__init__()
        self.bead = bead
        self.number = number
        self.keymap = keymap
        self.focus_segment = focus_segment

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="editor"):
            yield Label(f"Edit bead #{self.number} ({self.bead.kind})", classes="dialog-title")
            with VerticalScroll(id="segments"):
                for side, segments in (("tr", self.bead.tr), ("en", self.bead.en)):
                    for k, seg in enumerate(segments):
                        label = f"{_SIDE[side]} {k + 1}/{len(segments)}"
                        if seg.edited:
                            label += " (edited)"
                        yield SegmentArea(seg, label)
            if self.bead.status == "confirmed":
                yield CheckBox("Keep it confirmed (you vouch for the new text; splitting a "
                               "sentence always takes the confirmation back)",
                               value=True, id="keep-confirmed")
            key = self.keymap.first
            yield Label(
                f"{key('editor.save')} save · {key('editor.split_here')} split the "
                f"sentence at the cursor · {key('editor.cancel')} cancel (nothing changes)",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        areas = list(self.query(SegmentArea))
        target = next(
            (a for a in areas if a.segment.id == self.focus_segment), areas[0] if areas else None
        )
        if target is not None:
            target.focus()
            target.move_cursor(target.document.end)

    def _changes(self) -> tuple[tuple[int, str], ...]:
        return tuple(
            (a.segment.id, a.text) for a in self.query(SegmentArea) if a.text != a.segment.text
        )

    def _keep(self) -> bool:
        boxes = self.query("#keep-confirmed")
        return bool(boxes) and bool(boxes.first(CheckBox).value)

    def action_save(self) -> None:
        self.dismiss(EditResult(self._changes(), keep_confirmed=self._keep()))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_split_here(self) -> None:
        area = self.focused
        if not isinstance(area, SegmentArea):
            self.notify("put the cursor in the sentence to split", severity="warning")
            return
        row, column = area.cursor_location
        text = area.text
        at = sum(len(line) + 1 for line in text.split("\n")[:row]) + column
        if not text[:at].strip() or not text[at:].strip():
            self.notify(
                "put the cursor between two words: both parts must hold text",
                severity="warning",
            )
            return
        self.dismiss(EditResult(self._changes(), split=(area.segment.id, at),
                                keep_confirmed=self._keep()))
