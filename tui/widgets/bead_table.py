"""The bead list: one line per bead, Turkish | English, drawn line by line (Textual's line API).

Only the lines on screen are drawn, from rows the session reads a screenful at
a time, so 10,000 beads cost what 40 do. The first line is a fixed header. In
the ``wrapped`` layout every bead takes :data:`WRAPPED_LINES` lines, its texts
wrapped into them, so the neighbours of the current bead can be read too; a
range of beads can be selected to confirm or reject together.
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
WRAPPED_LINES = 3
"""Lines a bead takes in the wrapped layout."""
HIGH_CONFIDENCE = 0.8
"""Confidence drawn green from here up (red: below the low threshold; yellow between)."""


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` word-wrapped into at most ``lines`` lines of ``width`` cells (an ellipsis
    ends the last when it does not fit), each padded to ``width``."""
    out: list[str] = []
    rest = text
    while rest and len(out) < lines:
        if cell_len(rest) <= width:
            out.append(rest)
            rest = ""
            break
        if len(out) == lines - 1:
            out.append(set_cell_size(rest, width - 1) + "…")
            rest = ""
            break
        cut = set_cell_size(rest, width + 1)
        space = cut.rfind(" ")
        piece = cut[:space] if space > 0 else set_cell_size(rest, width)
        out.append(piece)
        rest = rest[len(piece):].lstrip()
    out += [""] * (lines - len(out))
    return [_fit(line, width) for line in out]


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
        "bead-table--selected",
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
        self.lines_per_bead = 1
        """Screen lines a bead takes: 1, or :data:`WRAPPED_LINES` in the wrapped layout."""
        self.range_start: int | None = None
        """The bead a range selection started at (None: no selection)."""
        self._styles: dict[str, Style] = {}
        self._lines: dict[tuple[int, int, int, int, bool, bool], list[Strip]] = {}
        self.reset()

    # -- the model ----------------------------------------------------------------
    @property
    def bead_id(self) -> int | None:
        """The bead under the cursor (None: the view is empty)."""
        index = self.session.index
        return index.id_at(self.row) if 0 <= self.row < len(index) else None

    @property
    def wrapped(self) -> bool:
        """Whether beads take several lines, their texts wrapped."""
        return self.lines_per_bead > 1

    def set_wrapped(self, wrapped: bool) -> None:
        """Switch between one line a bead and wrapped rows, keeping the cursor's bead."""
        self.lines_per_bead = WRAPPED_LINES if wrapped else 1
        self._lines.clear()
        self.reset()
        self.scroll_to_cursor(force=True)

    def reset(self) -> None:
        """The view changed (rows appeared, vanished or moved): resize and redraw."""
        rows = len(self.session.index)
        self._set_virtual_size()
        self.row = min(self.row, max(rows - 1, 0))
        if self.range_start is not None and self.range_start not in self.session.index:
            self.range_start = None
        self.refresh()

    def _set_virtual_size(self) -> None:
        rows = len(self.session.index)
        self.virtual_size = Size(
            self.scrollable_content_region.width, rows * self.lines_per_bead + 1
        )

    def on_resize(self, event: events.Resize) -> None:
        self._set_virtual_size()
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
        return max((self.scrollable_content_region.height - 1) // self.lines_per_bead, 1)

    @property
    def top_row(self) -> int:
        """The view row at the top of the list."""
        return round(self.scroll_offset.y) // self.lines_per_bead

    def _refresh_row(self, row: int) -> None:
        first = row * self.lines_per_bead + 1  # virtual line: the header is line 0
        for line in range(first, first + self.lines_per_bead):
            self.refresh_line(line)

    def move_to(self, row: int, *, announce: bool = True) -> None:
        """Put the cursor on ``row`` (clamped), scroll it into view, redraw what changed."""
        rows = len(self.session.index)
        row = min(max(row, 0), max(rows - 1, 0))
        old, self.row = self.row, row
        top = round(self.scroll_offset.y)
        self.scroll_to_cursor()
        if self.range_start is not None:
            self.refresh()  # the selection grew or shrank
        elif round(self.scroll_offset.y) == top:
            # only the old and the new row change
            self._refresh_row(old)
            self._refresh_row(row)
        if announce:
            self.post_message(self.Moved(self.bead_id))

    # -- selecting a range ----------------------------------------------------------
    def select(self) -> None:
        """Start a range selection at the cursor's bead (moving the cursor extends it)."""
        self.range_start = self.bead_id
        self.refresh()

    def unselect(self) -> None:
        """Drop the range selection."""
        if self.range_start is not None:
            self.range_start = None
            self.refresh()

    def selected_rows(self) -> range | None:
        """The rows of the range selection, from the anchor to the cursor (None: none)."""
        if self.range_start is None:
            return None
        start = self.session.index.row_of(self.range_start)
        if start is None:
            return None
        lo, hi = sorted((start, self.row))
        return range(lo, hi + 1)

    def selected(self) -> list[int]:
        """The beads of the range selection, in the view's order (empty: none)."""
        rows = self.selected_rows()
        return [] if rows is None else self.session.index.ids(rows.start, rows.stop)

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

    def scroll_to_cursor(self, *, force: bool = False) -> None:
        """Scroll so that the cursor's row is on screen, with a little context."""
        per = self.lines_per_bead
        top = self.top_row
        page = self.page
        margin = min(2, page // 4)
        if self.row < top + margin:
            top = self.row - margin
        elif self.row > top + page - 1 - margin:
            top = self.row - page + 1 + margin
        top = min(max(top, 0), max(len(self.session.index) - page, 0))
        if force or top * per != round(self.scroll_offset.y):
            self.scroll_to(y=top * per, animate=False, immediate=True)
            self.refresh()

    # -- mouse --------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = (round(self.scroll_offset.y) + offset.y - 1) // self.lines_per_bead
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
        """Widths of the number column and of the Turkish and English columns (in the
        wrapped layout the QA and type columns go under the number, status and
        confidence, leaving the texts more room)."""
        number = max(len(str(self.session.index.total)), 3)
        if self.wrapped:
            fixed = max(number + 1 + 2 + 5, 3 + 5) + len(_SEP)
        else:
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
        per = self.lines_per_bead
        line = round(self.scroll_offset.y) + y - 1
        row, part = divmod(line, per)
        index = self.session.index
        if row >= len(index):
            return Strip.blank(width, base)
        top = self.top_row
        bead_id = index.id_at(row)
        # one query for the whole screen on a cache miss
        self.session.rows(index.ids(top, top + self.page + 1))
        cursor = row == self.row
        selection = self.selected_rows()
        selected = selection is not None and row in selection
        key = (bead_id, self.session.version, row, width, cursor, selected)
        strips = self._lines.get(key)
        if strips is None:
            if len(self._lines) > 2000:
                self._lines.clear()
            if selected:
                base = base + self._style("selected")
            if cursor:
                base = base + self._style("cursor")
            strips = self._lines[key] = self._bead_lines(self.session.bead(bead_id), width,
                                                          base)
        return strips[part]

    def _header(self, width: int, base: Style) -> Strip:
        number, tr_w, en_w = self._columns(width)
        meta = f"{'#':>{number}}   conf " + ("" if self.wrapped else "QA m:n  ")
        text = (
            _fit(meta, width - tr_w - en_w - len(_SEP))
            + _fit("Turkish", tr_w)
            + _SEP
            + _fit("English", en_w)
        )
        return Strip([Segment(_fit(text, width), base + self._style("header"))], width)

    def _confidence(self, bead: BeadRow) -> tuple[str, Style]:
        style = self._style
        if bead.score is None:
            return " —   ", style("hand")
        low = self.session.index.low_threshold
        level = (
            "high" if bead.score >= HIGH_CONFIDENCE else "medium" if bead.score >= low
            else "low"
        )
        return f"{bead.score:.2f} ", style(level)

    def _bead_lines(self, bead: BeadRow, width: int, base: Style) -> list[Strip]:
        number, tr_w, en_w = self._columns(width)
        style = self._style
        conf, conf_style = self._confidence(bead)
        findings = bead.findings
        qa = f"⚑{findings if findings < 10 else '+'} " if findings else "   "
        head = [
            Segment(f"{self.session.number(bead.id):>{number}} ", base + style("number")),
            Segment(f"{_STATUS.get(bead.status, '?')} ", base + style(bead.status)),
            Segment(conf, base + conf_style),
        ]
        tail = [
            Segment(qa, base + style("finding")),
            Segment(self._kind(bead), base + style("kind")),
        ]
        per = self.lines_per_bead
        sides: list[list[Segment]] = []
        for seg_text, w in ((bead.tr_text, tr_w), (bead.en_text, en_w)):
            text = one_line(seg_text)
            if text:
                sides.append([Segment(line, base) for line in _wrap(text, w, per)])
            else:
                blank = [Segment(" " * w, base)] * (per - 1)
                sides.append([Segment(_fit("(none)", w), base + style("empty")), *blank])
        if per == 1:
            meta = [Strip([*head, *tail])]
        else:
            # the wrapped layout: QA and type under the number, status and confidence
            meta_w = width - tr_w - en_w - len(_SEP)
            under = Strip([Segment(" " * max(meta_w - 8, 0), base), *tail])
            meta = [Strip(head), under] + [Strip([])] * (per - 2)
            meta = [m.adjust_cell_length(meta_w, base).crop(0, meta_w) for m in meta]
        separator = Segment(_SEP, base + style("separator"))
        return [
            Strip([*meta[k], sides[0][k], separator, sides[1][k]]).adjust_cell_length(width, base)
            for k in range(per)
        ]
