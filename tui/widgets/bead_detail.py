"""The current bead in full: both sides sentence by sentence, glossary hits and QA findings
highlighted where they point, the findings with their messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from align.normalize import fold
from align.review import segment_pieces
from align.store import BeadRow, Finding
from align.store.mixed_values import FragmentInfo

__all__ = ["BeadDetail", "Highlight"]

_SEVERITY_MARK = {"error": "✖", "warning": "⚠", "info": "ℹ"}
_SIDE_NAME = {"tr": "Turkish", "en": "English"}


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span to highlight in a bead's joined text of one side."""

    side: str
    """``tr`` or ``en``."""
    start: int
    """Start offset in the side's sentences joined with one space."""
    end: int
    """End offset (exclusive)."""
    kind: str = "term"
    """``term`` (a glossary hit) or a finding severity (``error``, ``warning``, ``info``)."""
    label: str = ""
    """What it is (the term), for the legend."""


class BeadDetail(ScrollView, can_focus=False, inherit_bindings=False):
    """The full text of the bead under the cursor, below the bead list.

    Drawn line by line from strips rendered once per bead, so that redrawing
    the screen (after a merge changes the list's length) costs nothing here.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bead-detail--title",
        "bead-detail--label",
        "bead-detail--number",
        "bead-detail--term",
        "bead-detail--error",
        "bead-detail--warning",
        "bead-detail--info",
        "bead-detail--search",
        "bead-detail--edited",
        "bead-detail--empty",
    }

    DEFAULT_CSS = """
    BeadDetail { overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.insert_key = "i"
        """The key that inserts a missing side (for the hint on a one-sided bead)."""
        self._renderable: RenderableType = Text("")
        self._strips: list[Strip] = []

    def _draw(self, renderable: RenderableType) -> None:
        """Render ``renderable`` into strips at the current width and show them from the top."""
        self._renderable = renderable
        self._render_strips()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _render_strips(self) -> None:
        region = self.scrollable_content_region
        width = max(region.width, 1)
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False)
        lines = console.render_lines(self._renderable, options, style=self.rich_style, pad=True)
        self._strips = [Strip(line, width) for line in lines]
        # at least the panel's height: beads that fit never change the layout
        size = Size(width, max(len(self._strips), region.height))
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._render_strips()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._strips):
            return self._strips[index]
        return Strip.blank(width, self.rich_style)

    @property
    def text(self) -> str:
        """What the panel shows, as plain text (for tests and screen readers)."""
        return "\n".join(strip.text.rstrip() for strip in self._strips)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"bead-detail--{name}", partial=True)

    def show(
        self,
        bead: BeadRow | None,
        *,
        number: int = 0,
        findings: Sequence[Finding] = (),
        highlights: Sequence[Highlight] = (),
        search: str = "",
        fragment: FragmentInfo | None = None,
    ) -> None:
        """Show ``bead`` (None: nothing to show) with its findings and highlights; for a
        fragment of a mixed article, what the detector said about it."""
        if bead is None:
            self._draw(Text("No bead here: the view is empty.", style=self._style("empty")))
            return
        self._draw(self.render_bead(bead, number, findings, highlights, search, fragment))

    def render_bead(
        self,
        bead: BeadRow,
        number: int,
        findings: Sequence[Finding],
        highlights: Sequence[Highlight],
        search: str,
        fragment: FragmentInfo | None = None,
    ) -> RenderableType:
        """The renderable for a bead (used by :meth:`show`)."""
        marks = list(highlights)
        for f in findings:
            if f.tr_span is not None:
                marks.append(Highlight("tr", *f.tr_span, kind=f.severity, label=f.kind))
            if f.en_span is not None:
                marks.append(Highlight("en", *f.en_span, kind=f.severity, label=f.kind))
        grid = Table.grid(expand=True, padding=(0, 2))
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(self._side(bead, "tr", marks, search), self._side(bead, "en", marks, search))
        parts: list[RenderableType] = [self._title(bead, number)]
        if fragment is not None:
            paired = "paired it" if fragment.paired else "left it unpaired"
            parts.append(Text(
                f"A {fragment.kind} fragment of a mixed article (Turkish with confidence "
                f"{fragment.confidence:.2f}); the detector {paired}: {fragment.reason}",
                style=self._style("label") + Style(bold=False, italic=True),
            ))
        parts.append(grid)
        if findings:
            parts.append(self._findings(findings))
        return Group(*parts)

    def _title(self, bead: BeadRow, number: int) -> Text:
        title = Text()
        title.append(f"Bead #{number}", style=self._style("title"))
        bits = [bead.kind, bead.status]
        bits.append("made by hand" if bead.score is None else f"confidence {bead.score:.2f}")
        if bead.findings:
            bits.append(f"{bead.findings} QA finding{'s' if bead.findings != 1 else ''}")
        if bead.changed_by or bead.changed_at:
            who = bead.changed_by or "someone"
            when = _when(bead.changed_at)
            bits.append(f"changed by {who}" + (f" {when}" if when else ""))
        title.append("  " + " · ".join(bits), style=self._style("label"))
        return title

    def _side(self, bead: BeadRow, side: str, marks: Sequence[Highlight], search: str) -> Text:
        segments = bead.tr if side == "tr" else bead.en
        out = Text()
        out.append(_SIDE_NAME[side], style=self._style("label"))
        if not segments:
            out.append(
                f"\n(no sentence: press {self.insert_key} to insert an empty one and type it)",
                style=self._style("empty"),
            )
            return out
        texts = [s.text for s in segments]
        for k, seg in enumerate(segments):
            out.append("\n")
            out.append(f"{k + 1} ", style=self._style("number"))
            line = Text(seg.text if seg.text else "(empty)")
            if not seg.text:
                line.stylize(self._style("empty"))
            for mark in marks:
                if mark.side != side:
                    continue
                for piece, start, end in segment_pieces(texts, (mark.start, mark.end)):
                    if piece == k:
                        line.stylize(self._style(mark.kind), start, end)
            if search:
                _stylize_search(line, seg.text, search, self._style("search"))
            out.append_text(line)
            if seg.edited:
                out.append("  (edited)", style=self._style("edited"))
        return out

    def _findings(self, findings: Sequence[Finding]) -> Text:
        out = Text()
        for f in findings:
            out.append("\n")
            severity = f.severity if f.severity in ("error", "warning", "info") else "info"
            out.append(
                f"{_SEVERITY_MARK.get(f.severity, '•')} {f.kind}",
                style=self._style(severity) + Style(underline=False),
            )
            out.append(f"  {f.message}")
        return out


def _stylize_search(line: Text, text: str, query: str, style: Style) -> None:
    """Mark every occurrence of ``query`` in ``text`` (folded like the search itself)."""
    needle = fold(query.strip())
    if not needle:
        return
    hay = fold(text)
    at = hay.find(needle)
    while at >= 0:
        line.stylize(style, at, at + len(needle))
        at = hay.find(needle, at + len(needle))


def _when(stamp: str | None) -> str:
    """``20240102T030405Z`` → ``2024-01-02 03:04 UTC``."""
    if not stamp or len(stamp) < 15:
        return stamp or ""
    return f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]} UTC"
