"""The review screen: the bead list, the current bead in full, progress and the keys that
matter now. Moving around and showing things lives here; the operations are in
:mod:`.review_ops`."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Header
from textual.worker import get_current_worker

from align.errors import HizalaError
from align.review import FILTERS
from align.review.view import load_view

from ..keymap import bindings
from ..messages import SearchDone, WorkFailed, WorkProgress
from ..widgets import BeadDetail, BeadTable, KeyHints, SearchBar, StatusBar, WorkIndicator
from .review_more import ReviewScreens
from .review_ops import ReviewOperations

__all__ = ["ReviewScreen"]


class ReviewScreen(ReviewOperations, ReviewScreens):
    """Walk the beads, judge and correct them."""

    BINDINGS = bindings("review")

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield BeadTable(self.session, id="beads")
        yield BeadDetail(id="detail")
        yield SearchBar(id="search")
        with Horizontal(id="status-line"):
            yield StatusBar(id="status")
            yield WorkIndicator(id="work")
        yield KeyHints(id="hints")

    def on_mount(self) -> None:
        self.query_one(BeadDetail).insert_key = self.keymap.first("review.insert")
        self.table.focus()
        self.restore()

    def on_screen_resume(self) -> None:
        self.table.focus()

    # -- where the review stopped ---------------------------------------------------
    def restore(self) -> None:
        """Open where the reviewer left the project: the bead, order, filter, document and
        layout (or at the first bead)."""
        view = load_view(self.session.project)
        if view is None:
            self.table.move_to(0)
            return
        index = self.session.index
        if view.document_id is not None and index.first_of_document(view.document_id):
            index.set_document(view.document_id)
        index.set_filter(view.filter)
        index.set_order(view.order)
        self.set_layout(view.layout, remember=False)
        focus = view.bead_id if view.bead_id in index else None
        self.refresh_all(focus)
        if focus is None:
            self.table.move_to(0)
        self._saved = self.view_now()

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    # -- showing ------------------------------------------------------------------
    def on_bead_table_moved(self, event: BeadTable.Moved) -> None:
        self.show_current()
        self.remember_soon()

    def on_bead_table_activated(self, event: BeadTable.Activated) -> None:
        self.action_edit()

    # -- moving -------------------------------------------------------------------
    def action_next(self) -> None:
        self.table.move_to(self.table.row + 1)

    def action_previous(self) -> None:
        self.table.move_to(self.table.row - 1)

    def action_page_down(self) -> None:
        self.table.move_to(self.table.row + self.table.page)

    def action_page_up(self) -> None:
        self.table.move_to(self.table.row - self.table.page)

    def action_first(self) -> None:
        self.table.move_to(0)

    def action_last(self) -> None:
        self.table.move_to(len(self.session.index) - 1)

    def _seek(self, what: str, backwards: bool, name: str) -> None:
        found = self.session.index.find(self.current, what, backwards=backwards)
        if found is None:
            where = "" if self.session.index.filter == "all" else " in this view"
            self.say(f"no {name}{where}")
            return
        self.table.move_to_bead(found)

    def action_next_unconfirmed(self) -> None:
        self._seek("unconfirmed", False, "other unconfirmed bead")

    def action_previous_unconfirmed(self) -> None:
        self._seek("unconfirmed", True, "other unconfirmed bead")

    def action_next_low(self) -> None:
        self._seek("low", False, "other low-confidence bead")

    def action_previous_low(self) -> None:
        self._seek("low", True, "other low-confidence bead")

    def action_next_finding(self) -> None:
        self._seek("finding", False, "other bead with a QA finding")

    def action_previous_finding(self) -> None:
        self._seek("finding", True, "other bead with a QA finding")

    def action_goto(self) -> None:
        from .prompt import NumberPrompt

        total = self.session.index.total
        if not total:
            return

        def go(number: int | None) -> None:
            if number is None:
                return
            bead_id = self.session.index.id_of_number(number)
            if bead_id is None:
                return
            if self.session.index.row_of(bead_id) is None:
                self.session.index.set_filter("all")
                self.session.index.set_document(None)
                self.say("showing all beads to show that one")
            self.refresh_all(bead_id)

        self.app.push_screen(NumberPrompt(f"Go to bead number (1–{total:,})", 1, total), go)

    # -- views --------------------------------------------------------------------
    def _filter(self, name: str) -> None:
        keep = self.current
        self.table.unselect()
        self.session.index.set_filter(name)
        self.refresh_all(keep)
        self.remember()
        if not len(self.session.index):
            self.say(f"no {FILTERS[name]} here; press "
                     f"{self.keymap.first('review.filter_all')} to show all")

    def action_filter_uneven(self) -> None:
        self._filter("uneven")

    def action_filter_null(self) -> None:
        self._filter("null")

    def _order(self, name: str) -> None:
        index = self.session.index
        keep = self.current
        self.table.unselect()
        index.set_order(name)
        # worst first starts at the top (the worst bead); back in document order, stay
        self.refresh_all(keep if name == "document" or keep is None else index.id_at(0))
        self.remember()  # the status line says which order is on

    def action_worst_first(self) -> None:
        self._order("risk")

    def action_document_order(self) -> None:
        self._order("document")

    def set_layout(self, layout: str, *, remember: bool = True) -> None:
        """Show the list one line a bead (``lines``) or in ``wrapped`` rows."""
        wrapped = layout == "wrapped"
        self.set_class(wrapped, "-wrapped")
        self.table.set_wrapped(wrapped)
        if remember:
            self.remember()

    def action_layout(self) -> None:
        self.set_layout("lines" if self.table.wrapped else "wrapped")
        self.show_current()

    def action_filter_all(self) -> None:
        self._filter("all")

    def action_filter_unconfirmed(self) -> None:
        self._filter("unconfirmed")

    def action_filter_low(self) -> None:
        self._filter("low")

    def action_filter_findings(self) -> None:
        self._filter("findings")

    # -- search -------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def on_search_bar_find(self, event: SearchBar.Find) -> None:
        self.search_query = event.query
        self.run_search(event.query, self.current, event.backwards)

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        self.search_query = ""
        self.table.focus()
        self.show_current(force=True)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, from_id: int | None, backwards: bool) -> None:
        """Search in a worker: the first search folds every bead's text."""
        try:
            found, outside = self.session.search(query, from_id, backwards=backwards)
        except HizalaError as exc:
            self.post_message(WorkFailed("search", exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(query, found, outside_view=outside))

    def on_search_done(self, event: SearchDone) -> None:
        if event.bead_id is None:
            self.say(f"no bead contains {event.query!r}")
            return
        if event.outside_view:
            self.session.index.set_filter("all")
            self.session.index.set_document(None)
            self.say("the match is outside this view: showing all beads")
            self.refresh_all(event.bead_id)
            return
        if event.bead_id == self.current:
            self.show_current(force=True)
            if self.session.index.total > 1:
                self.say(f"only this bead contains {event.query!r}")
            return
        self.table.move_to_bead(event.bead_id)
        self.show_current(force=True)

    # -- work in progress ---------------------------------------------------------
    def on_work_progress(self, event: WorkProgress) -> None:
        work_bar = self.query_one(WorkIndicator)
        if not work_bar.busy:
            work_bar.start(event.label, event.total or None)
        work_bar.advance(event.done, event.total or None)

    def on_work_failed(self, event: WorkFailed) -> None:
        self.query_one(WorkIndicator).stop()
        self.say(f"{event.label}: {event.error.message}", error=True)
