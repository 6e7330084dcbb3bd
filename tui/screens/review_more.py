"""The review screen's ways out to other screens: documents, export, glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from align.errors import HizalaError
from align.review import ReviewSession
from align.review.export import ExportRequest, run_export

from ..messages import ExportDone, WorkFailed, WorkProgress
from .documents import DocumentsScreen
from .export import ExportScreen

if TYPE_CHECKING:
    from ..keymap import Keymap

__all__ = ["ReviewScreens"]


class ReviewScreens:
    """Mixed into :class:`~.review.ReviewScreen`: documents, export and glossary."""

    session: ReviewSession
    keymap: Keymap
    app: Any

    if TYPE_CHECKING:

        def say(self, message: str, *, error: bool = False) -> None: ...
        def show_document(self, document_id: int | None) -> None: ...
        def post_message(self, message: Any) -> bool: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    # -- documents ----------------------------------------------------------------
    def action_documents(self) -> None:
        def chosen(result: int | str | None) -> None:
            if result is None:
                return
            self.show_document(None if result == "all" else int(result))

        self.app.push_screen(DocumentsScreen(self.session), chosen)

    # -- export -------------------------------------------------------------------
    def action_export(self) -> None:
        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self.post_message(WorkProgress(f"exporting {request.format.upper()}", 0, 0))
                self.export_worker(request)

        self.app.push_screen(
            ExportScreen(self.session.project.path, self.session.project.documents()), chosen
        )

    @work(thread=True, exclusive=True, group="export")
    def export_worker(self, request: ExportRequest) -> None:
        """Export through a read-only connection of its own: reviewing goes on meanwhile."""
        try:
            summary = run_export(self.session.project.path, request)
        except HizalaError as exc:
            self.post_message(WorkFailed("export", exc))
            return
        self.post_message(ExportDone(request.path, summary))

    def on_export_done(self, event: ExportDone) -> None:
        from ..widgets import WorkIndicator

        self.query_one(WorkIndicator).stop()
        self.say(event.summary)

    # -- glossary -------------------------------------------------------------------
    def action_glossary(self) -> None:
        self.say("the glossary screen needs hizala's glossary module, which this build does "
                 "not have yet", error=True)

    def action_add_term(self) -> None:
        self.action_glossary()
