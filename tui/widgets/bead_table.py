"""The bead list: one line per bead, Turkish | English, drawn line by line (Textual's line API).

Only the lines on screen are drawn, from rows the session reads a screenful at
a time, so 10,000 beads cost what 40 do. The first line is a fixed header.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from align.review import ReviewSession, one_line
from align.store import BeadRow

__all__ = ["BeadTable"]

_STATUS = {"confirmed": "✓", "rejected": "✗", "auto": "·"}
_SEP = " │ "


def _fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class BeadTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Every bead of the current view, one line each, with a cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bead-table--header",
        "bead-table--cursor",
        "bead-table--number",
        "bead-table--confirmed",
        "bead-table--rejected",
        "bead-table--auto",
        "bead-table--high",
        "bead-table--medium",
        "bead-table--low",
        "bead-table--hand",
        "bead-table--finding",
        "bead-table--kind",
        "bead-table--empty",
        "bead-table--separator",
    }

    DEFAULT_CSS = """
    BeadTable { height: 1fr; overflow-x: hidden; }
    """

    class Moved(Message):
        """The cursor is on another bead (None: the view is empty)."""

        def __init__(self, bead_id: int | None) -> None:
            super().__init__()
            self.bead_id = bead_id

    class Activated(Message):
        """A bead was double-clicked (the screen opens the editor)."""

        def __init__(self, bead_id: int) -> None:
            super().__init__()
            self.bead_id = bead_id

    def __init__(self, session: ReviewSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.row = 0
        """The cursor's row in the view."""
        self._styles: dict[str, Style] = {}
        self._lines: dict[tuple[int, int, int, int, bool], Strip] = {}
        self.reset()

    # -- the model ----------------------------------------------------------------
    @property
    def bead_id(self) -> int | None:
        """The bead under the cursor (None: the view is empty)."""
        index = self.session.index
        return index.id_at(self.row) if 0 <= self.row < len(index) else None

    def reset(self) -> None:
        """The view changed (rows appeared, vanished or moved): resize and redraw."""
        rows = len(self.session.index)
        self.virtual_size = Size(self.scrollable_content_region.width, rows + 1)
        self.row = min(self.row, max(rows - 1, 0))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.session.index) + 1)
        self._styles.clear()
        self._lines.clear()
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._lines = {}

    @property
    def page(self) -> int:
        """Bead rows that fit on screen."""
        return max(self.scrollable_content_region.height - 1, 1)

    def move_to(self, row: int, *, announce: bool = True) -> None:
        """Put the cursor on ``row`` (clamped), scroll it into view, redraw what changed."""
        rows = len(self.session.index)
        row = min(max(row, 0), max(rows - 1, 0))
        old, self.row = self.row, row
        top = round(self.scroll_offset.y)
        self.scroll_to_cursor()
        if round(self.scroll_offset.y) == top:
            # only two lines change (virtual line r + 1: the header is line 0)
            self.refresh_line(old + 1)
            self.refresh_line(row + 1)
        if announce:
            self.post_message(self.Moved(self.bead_id))

    def move_to_bead(self, bead_id: int | None, *, announce: bool = True) -> bool:
        """Put the cursor on a bead (or the nearest row after it); False if not shown."""
        if bead_id is None:
            return False
        row = self.session.index.nearest_row(bead_id)
        if row is None:
            self.move_to(0, announce=announce)
            return False
        self.move_to(row, announce=announce)
        return self.session.index.row_of(bead_id) is not None

    def scroll_to_cursor(self) -> None:
        """Scroll so that the cursor's row is on screen, with a little context."""
        top = round(self.scroll_offset.y)
        page = self.page
        margin = min(2, page // 4)
        if self.row < top + margin:
            top = self.row - margin
        elif self.row > top + page - 1 - margin:
            top = self.row - page + 1 + margin
        top = min(max(top, 0), max(len(self.session.index) - page, 0))
        if top != round(self.scroll_offset.y):
            self.scroll_to(y=top, animate=False, immediate=True)
            self.refresh()

    # -- mouse --------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_offset.y) + offset.y - 1
        if row >= len(self.session.index):
            return
        self.move_to(row)
        if event.chain >= 2 and self.bead_id is not None:
            self.post_message(self.Activated(self.bead_id))

    # -- drawing ------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(
                f"bead-table--{name}", partial=True
            )
        return style

    def _columns(self, width: int) -> tuple[int, int, int]:
        """Widths of the number column and of the Turkish and English columns."""
        number = max(len(str(self.session.index.total)), 3)
        fixed = number + 1 + 2 + 5 + 3 + 5 + len(_SEP)
        text = max(width - fixed, 10)
        tr = text // 2
        return number, tr, text - tr

    def _kind(self, bead: BeadRow) -> str:
        """``2:1  `` for a bead of a pair, ``f1:0 `` for a fragment of a mixed article;
        ``12:…`` when the type does not fit (a bead grown by many merges)."""
        kind = bead.kind
        if self.session.document_kind(bead.document_id) == "mixed":
            kind = "f" + kind
        if len(kind) > 4:
            kind = kind[:3] + "…"
        return f"{kind:<4} "

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        row = round(self.scroll_offset.y) + y - 1
        index = self.session.index
        if row >= len(index):
            return Strip.blank(width, base)
        top = round(self.scroll_offset.y)
        bead_id = index.id_at(row)
        # one query for the whole screen on a cache miss
        self.session.rows(index.ids(top, top + self.page))
        cursor = row == self.row
        key = (bead_id, self.session.version, row, width, cursor)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > 2000:
                self._lines.clear()
            if cursor:
                base = base + self._style("cursor")
            strip = self._lines[key] = self._line(self.session.bead(bead_id), width, base)
        return strip

    def _header(self, width: int, base: Style) -> Strip:
        number, tr_w, en_w = self._columns(width)
        text = (
            f"{'#':>{number}} "
            + "  "
            + "conf "
            + "QA "
            + "m:n  "
            + _fit("Turkish", tr_w)
            + _SEP
            + _fit("English", en_w)
        )
        return Strip([Segment(_fit(text, width), base + self._style("header"))], width)

    def _line(self, bead: BeadRow, width: int, base: Style) -> Strip:
        number, tr_w, en_w = self._columns(width)
        style = self._style
        if bead.score is None:
            conf, conf_style = " —   ", style("hand")
        else:
            level = "high" if bead.score >= 0.8 else "medium" if bead.score >= 0.5 else "low"
            conf, conf_style = f"{bead.score:.2f} ", style(level)
        findings = bead.findings
        qa = f"⚑{findings if findings < 10 else '+'} " if findings else "   "
        segments = [
            Segment(f"{self.session.number(bead.id):>{number}} ", base + style("number")),
            Segment(f"{_STATUS.get(bead.status, '?')} ", base + style(bead.status)),
            Segment(conf, base + conf_style),
            Segment(qa, base + style("finding")),
            Segment(self._kind(bead), base + style("kind")),
        ]
        for k, (seg_text, w) in enumerate(((bead.tr_text, tr_w), (bead.en_text, en_w))):
            if k:
                segments.append(Segment(_SEP, base + style("separator")))
            text = one_line(seg_text)
            if text:
                segments.append(Segment(_fit(text, w), base))
            else:
                segments.append(Segment(_fit("(none)", w), base + style("empty")))
        return Strip(segments).adjust_cell_length(width, base)
