"""The line above the footer: review progress, the view, the last operation."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from align.review import FILTERS, ORDERS, ReviewSession

__all__ = ["StatusBar"]


class StatusBar(Static):
    """``✓ 1,234 / 10,000 confirmed (12.3%) · ✗ 3 · worst first · showing unconfirmed beads
    (8,763) · #45``."""

    def show(
        self, session: ReviewSession, bead_id: int | None, note: str = "", selected: int = 0
    ) -> None:
        """Redraw from the session's counts (cheap: no query); ``selected``: beads in the
        range selection."""
        index = session.index
        total = index.total
        pct = 100 * index.confirmed / total if total else 0.0
        text = Text()
        text.append(f"✓ {index.confirmed:,} / {total:,} confirmed", style="bold")
        text.append(f" ({pct:.1f}%)")
        if index.rejected:
            text.append(f" · ✗ {index.rejected:,} rejected")
        if index.order != "document":
            text.append(f" · {ORDERS[index.order]}", style="bold italic")
        view = [] if index.filter == "all" else [FILTERS[index.filter]]
        if index.document_id is not None:
            view.append(f"document {session.document_name(index.document_id)}")
        if view:
            text.append(f" · showing {', '.join(view)} ({len(index):,})", style="italic")
        if bead_id is not None:
            text.append(f" · #{index.number(bead_id):,}")
        if selected:
            text.append(f" · {selected:,} selected", style="bold reverse")
        if note:
            text.append(f" · {note}", style="dim")
        self.update(text, layout=False)
