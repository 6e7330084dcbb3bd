"""The review screen's ways out to other screens: documents, export, glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from align.errors import HizalaError
from align.glossary.model import Term
from align.store.findings import Checker

from ..messages import ExportDone, FindingsRecomputed, WorkFailed, WorkProgress
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
    def _no_glossary(self) -> bool:
        if self.glossary is None:
            self.say("no glossary: start `hizala review … --glossary FILE` (or put a "
                     "glossary.yaml in the folder you start it from)", error=True)
            return True
        return False

    def action_glossary(self) -> None:
        if self._no_glossary():
            return
        from .glossary import GlossaryScreen

        assert self.glossary is not None
        self.app.push_screen(
            GlossaryScreen(self.glossary, self.session, self.keymap, self.glossary_changed)
        )

    def action_add_term(self) -> None:
        """Add a term from this bead: select the spans in its Turkish and English."""
        bead_id = self.current
        if self._no_glossary() or bead_id is None:
            return
        from .term_form import TermForm

        glossary = self.glossary
        assert glossary is not None
        bead = self.session.bead(bead_id)

        def saved(term: Term | None) -> None:
            if term is not None:
                self.say(f"added {term.tr!r} to {glossary.path}")
                self.glossary_changed()

        form = TermForm(
            glossary.add, self.keymap, tr_text=bead.tr_text, en_text=bead.en_text,
            suggestion=self.search_query.strip(),
            title=f"Add a term from bead #{self.session.number(bead_id)}", glossary=glossary,
        )
        self.app.push_screen(form, saved)

    def glossary_changed(self) -> None:
        """The glossary file changed: highlight with it now, recompute the findings."""
        glossary = self.glossary
        if glossary is None:
            return
        checker = glossary.checker()
        self.session.set_checker(checker)
        self.show_current(force=True)
        self.post_message(WorkProgress("recomputing QA findings", 0, 0))
        self.recheck_worker(checker)

    @work(thread=True, exclusive=True, group="recheck")
    def recheck_worker(self, checker: Checker) -> None:
        """Recompute every bead's findings in a thread (one write at the end)."""
        try:
            found = self.session.recheck(checker)
        except HizalaError as exc:
            self.post_message(WorkFailed("recomputing findings", exc))
            return
        self.post_message(FindingsRecomputed(found))

    def on_findings_recomputed(self, event: FindingsRecomputed) -> None:
        from ..widgets import WorkIndicator

        self.query_one(WorkIndicator).stop()
        self.session.reload()
        self.refresh_all(self.current)
        self.say(f"QA findings recomputed: {event.findings:,}")
