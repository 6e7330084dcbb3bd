"""Splitting a bead: choose after which Turkish and which English sentence to cut."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from align.review import default_cut
from align.store import BeadRow

from ..keymap import Keymap, bindings

__all__ = ["SplitScreen"]

_SIDE = {"tr": "Turkish", "en": "English"}


class CutColumn(Static):
    """One side's sentences with the cut drawn between them; click a sentence to cut after it."""

    def __init__(self, side: str, texts: list[str], cut: int) -> None:
        super().__init__(id=f"cut-{side}")
        self.side = side
        self.texts = texts
        self.cut = cut
        self.active = False
        self._lines: list[int] = []

    def redraw(self) -> None:
        out = Text()
        out.append(_SIDE[self.side] + (" ◂" if self.active else ""), style="bold")
        self._lines = []
        line = 1
        for k, text in enumerate(self.texts):
            if k == self.cut:
                out.append("\n── cut here ──", style="bold reverse" if self.active else "bold")
                line += 1
            out.append(f"\n{k + 1} {text or '(empty)'}")
            self._lines.append(line)
            line += 1
        if self.cut == len(self.texts):
            out.append("\n── cut here ──", style="bold reverse" if self.active else "bold")
        if not self.texts:
            out.append("\n(no sentence)", style="dim")
        self.update(out)

    def on_click(self, event: events.Click) -> None:
        # a click on sentence k puts the cut after it; on the title, before the first
        row = event.y
        cut = 0
        for k, first in enumerate(self._lines):
            if row >= first:
                cut = k + 1
        self.cut = min(cut, len(self.texts))
        self.screen.post_message(SplitScreen.Clicked(self.side))


class SplitScreen(ModalScreen[tuple[int, int] | None]):
    """Returns ``(tr_at, en_at)``: the first part keeps that many sentences of each side."""

    BINDINGS = bindings("split")

    class Clicked(Message):
        """A column was clicked (its cut moved)."""

        def __init__(self, side: str) -> None:
            super().__init__()
            self.side = side

    def __init__(self, bead: BeadRow, number: int, keymap: Keymap) -> None:
        super().__init__()
        self.bead = bead
        self.number = number
        self.keymap = keymap
        tr_at, en_at = default_cut(len(bead.tr), len(bead.en))
        self.columns = {
            "tr": CutColumn("tr", [s.text for s in bead.tr], tr_at),
            "en": CutColumn("en", [s.text for s in bead.en], en_at),
        }
        self.side = "tr" if len(bead.tr) > 0 else "en"

    def compose(self) -> ComposeResult:
        k = self.keymap
        with Vertical(id="dialog", classes="split"):
            yield Label(f"Split bead #{self.number} ({self.bead.kind})", classes="dialog-title")
            with Horizontal(id="cuts"):
                yield self.columns["tr"]
                yield self.columns["en"]
            yield Label("", id="split-result")
            yield Label(
                f"{k.first('split.cut_up')} {k.first('split.cut_down')} move the cut · "
                f"{k.first('split.other_side')} other side · {k.first('split.apply')} split · "
                f"{k.first('split.cancel')} cancel · or click a sentence",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        for side, column in self.columns.items():
            column.active = side == self.side
            column.redraw()
        tr_at, en_at = self.columns["tr"].cut, self.columns["en"].cut
        n_tr, n_en = len(self.bead.tr), len(self.bead.en)
        first, second = f"{tr_at}:{en_at}", f"{n_tr - tr_at}:{n_en - en_at}"
        ok = self._valid()
        self.query_one("#split-result", Label).update(
            f"into {first} and {second}" if ok else "each part must keep at least one sentence"
        )

    def _valid(self) -> bool:
        tr_at, en_at = self.columns["tr"].cut, self.columns["en"].cut
        return tr_at + en_at > 0 and (tr_at, en_at) != (len(self.bead.tr), len(self.bead.en))

    def on_split_screen_clicked(self, event: Clicked) -> None:
        self.side = event.side
        self._redraw()

    def action_cut_up(self) -> None:
        column = self.columns[self.side]
        column.cut = max(column.cut - 1, 0)
        self._redraw()

    def action_cut_down(self) -> None:
        column = self.columns[self.side]
        column.cut = min(column.cut + 1, len(column.texts))
        self._redraw()

    def action_other_side(self) -> None:
        self.side = "en" if self.side == "tr" else "tr"
        self._redraw()

    def action_apply(self) -> None:
        if not self._valid():
            self.notify("each part must keep at least one sentence", severity="warning")
            return
        self.dismiss((self.columns["tr"].cut, self.columns["en"].cut))

    def action_cancel(self) -> None:
        self.dismiss(None)
