"""The review screen's ways out to other screens: documents, export, glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from align.errors import HizalaError

from ..messages import ExportDone, WorkFailed, WorkProgress
from .review_base import ReviewBase

if TYPE_CHECKING:
    from align.review.export import ExportRequest

__all__ = ["ReviewScreens"]


class ReviewScreens(ReviewBase):
    """Part of :class:`~.review.ReviewScreen`: documents, export and glossary."""

    # -- documents ----------------------------------------------------------------
    def action_documents(self) -> None:
        from .documents import DocumentsScreen  # screens load when first used

        def chosen(result: int | str | None) -> None:
            if result is None:
                return
            self.show_document(None if result == "all" else int(result))

        self.app.push_screen(DocumentsScreen(self.session), chosen)

    # -- export -------------------------------------------------------------------
    def action_export(self) -> None:
        from .export import ExportScreen

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
        from align.review.export import run_export

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
