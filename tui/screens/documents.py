"""The documents screen: every document pair of the project with its progress; choose one
to review it alone. A mixed document's fragments are beads like any other."""

from __future__ import annotations

import os

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from align.review import ReviewSession
from align.store import DocumentInfo

from ..keymap import bindings

__all__ = ["DocumentsScreen"]

_ALL = "all"


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "–"


class DocumentsScreen(Screen[int | str | None]):
    """Returns a document id (review it alone), ``"all"``, or None (no change)."""

    BINDINGS = bindings("documents")

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(id="documents")
        self.session = session
        self.docs: list[DocumentInfo] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="document-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "documents"
        self.docs = self.session.project.documents()
        table = self.query_one(DataTable)
        table.add_columns("document", "kind", "beads", "confirmed", "rejected", "low", "QA",
                          "files")
        fragments = self.session.project.fragment_counts()
        for doc in self.docs:
            paths = [p for p in (doc.tr_path, doc.en_path) if p]
            if doc.kind == "mixed":
                paths = paths[:1]  # both sides are the article
            files = " · ".join(os.path.basename(p) for p in paths) or "(typed in)"
            kind = doc.kind
            if doc.id in fragments:
                _n, unpaired = fragments[doc.id]
                kind = f"mixed, {unpaired} unpaired" if unpaired else "mixed"
            table.add_row(
                doc.name,
                kind,
                f"{doc.beads:,}",
                Text(f"{doc.confirmed:,} ({_pct(doc.confirmed, doc.beads)})",
                     style="green" if doc.beads and doc.confirmed == doc.beads else ""),
                f"{doc.rejected:,}",
                f"{doc.low_confidence:,}",
                f"{doc.findings:,}",
                files,
                key=str(doc.id),
            )
        current = self.session.index.document_id
        if current is not None:
            for row, doc in enumerate(self.docs):
                if doc.id == current:
                    table.move_cursor(row=row)
        table.focus()
        self._describe(table.cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def _describe(self, row: int) -> None:
        if not 0 <= row < len(self.docs):
            return
        doc = self.docs[row]
        if doc.kind == "mixed":
            files = [Text(f"Article (English with Turkish fragments, one bead each): "
                          f"{doc.tr_path or '(none)'}")]
        else:
            files = [Text(f"Turkish: {doc.tr_path or '(none)'}"),
                     Text(f"English: {doc.en_path or '(none)'}")]
        lines = [
            Text(doc.name, style="bold"),
            *files,
            Text(f"added {doc.added_at} · {doc.signature}", style="dim"),
            Text(
                f"{self._key('documents.open')}: review this document alone · "
                f"{self._key('documents.all')}: all documents · "
                f"{self._key('documents.close')}: back",
                style="italic",
            ),
        ]
        self.query_one("#document-detail", Static).update(Text("\n").join(lines))

    def _key(self, action_id: str) -> str:
        keymap = getattr(self.app, "keymap", None)
        return keymap.first(action_id) if keymap is not None else action_id

    def action_open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.docs):
            self.dismiss(self.docs[row].id)

    def action_all(self) -> None:
        self.dismiss(_ALL)

    def action_close(self) -> None:
        self.dismiss(None)
