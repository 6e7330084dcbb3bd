"""The review screen: the bead list, the current bead in full, progress and the keys that
matter now. Moving around and showing things lives here; the operations are in
:mod:`.review_ops`."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from align.errors import HizalaError
from align.review import ReviewSession

from ..keymap import Keymap, bindings
from ..messages import SearchDone, WorkFailed, WorkProgress
from ..widgets import (
    BeadDetail,
    BeadTable,
    Highlight,
    Hint,
    KeyHints,
    SearchBar,
    StatusBar,
    WorkIndicator,
)
from .review_more import ReviewScreens
from .review_ops import ReviewOperations

__all__ = ["ReviewScreen"]

HighlightSource = Callable[[int], list[Highlight]]
"""Glossary hits of a bead by id (the glossary screen provides one)."""


class ReviewScreen(ReviewOperations, ReviewScreens, Screen[None]):
    """Walk the beads, judge and correct them."""

    BINDINGS = bindings("review")

    def __init__(self, session: ReviewSession, keymap: Keymap) -> None:
        super().__init__(id="review")
        self.session = session
        self.keymap = keymap
        self.note = ""
        """A word on the last thing done, shown in the status line."""
        self.search_query = ""
        self.highlights: HighlightSource | None = None
        """Where glossary hits come from (None: no glossary)."""
        self._shown: int | None = -1

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

    @property
    def table(self) -> BeadTable:
        """The bead list."""
        return self.query_one(BeadTable)

    @property
    def current(self) -> int | None:
        """The id of the bead under the cursor (None: the view is empty)."""
        return self.table.bead_id

    def on_mount(self) -> None:
        self.query_one(BeadDetail).insert_key = self.keymap.first("review.insert")
        self.table.focus()
        self.table.move_to(0)

    def on_screen_resume(self) -> None:
        self.table.focus()

    # -- showing ------------------------------------------------------------------
    def on_bead_table_moved(self, event: BeadTable.Moved) -> None:
        self.show_current()

    def on_bead_table_activated(self, event: BeadTable.Activated) -> None:
        self.action_edit()

    def show_current(self, *, force: bool = False) -> None:
        """Redraw the detail, the status line and the key hints for the current bead."""
        bead_id = self.current
        detail = self.query_one(BeadDetail)
        if bead_id is None:
            detail.show(None)
        elif force or bead_id != self._shown:
            bead = self.session.bead(bead_id)
            marks = self.highlights(bead_id) if self.highlights is not None else []
            detail.show(
                bead,
                number=self.session.number(bead_id),
                findings=self.session.findings(bead_id) if bead.findings else (),
                highlights=marks,
                search=self.search_query,
            )
        self._shown = bead_id
        self.query_one(StatusBar).show(self.session, bead_id, self.note)
        self.query_one(KeyHints).show(self._hints(bead_id))

    def refresh_all(self, focus: int | None = None) -> None:
        """The view changed: redraw the list and move to ``focus`` (default: stay)."""
        table = self.table
        table.reset()
        if focus is not None:
            table.move_to_bead(focus, announce=False)
        else:
            table.move_to(table.row, announce=False)
        self.show_current(force=True)

    def _hints(self, bead_id: int | None) -> list[Hint]:
        k = self.keymap.first
        hints: list[Hint] = []

        def add(action: str, text: str, priority: int = 1) -> None:
            hints.append(Hint(k(f"review.{action}"), text, action, priority))

        if bead_id is not None:
            mark = self.session.index.mark(bead_id)
            if mark.status != "confirmed":
                add("confirm_next", "confirm ▸ next", 0)
            else:
                add("next", "next", 0)
            if mark.status != "rejected":
                add("reject", "reject", 0)
            if mark.status != "auto":
                add("reset", "back to auto", 2)
            add("merge_next", "merge ↓", 1)
            if mark.tr_count + mark.en_count > 1:
                add("split", "split", 1)
            if mark.tr_count == 0 or mark.en_count == 0:
                add("insert", f"insert {'English' if mark.en_count == 0 else 'Turkish'}", 0)
            add("edit", "edit", 1)
            if mark.status != "confirmed":
                add("realign", "re-align", 2)
        if self.session.last is not None and not self.session.last.undone:
            add("undo", "undo", 1)
        add("next_unconfirmed", "unconfirmed ▸", 2)
        add("next_low", "low ▸", 3)
        if self.session.index.flagged:
            add("next_finding", "finding ▸", 2)
        add("search", "search", 3)
        hints.append(Hint(k("app.help"), "keys", "app.help", 0))
        hints.append(Hint(k("app.quit"), "quit", "app.quit", 0))
        return hints

    def say(self, message: str, *, error: bool = False) -> None:
        """Tell the user something (an error stays longer)."""
        self.notify(message, severity="error" if error else "information",
                    timeout=8 if error else 3)

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run ``action``; a deliberate error becomes a notification. True if it worked."""
        try:
            action()
        except HizalaError as exc:
            self.say(exc.message, error=True)
            return False
        return True

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
        self.session.index.set_filter(name)
        self.refresh_all(keep)
        if not len(self.session.index):
            self.say(f"no {name} beads; press {self.keymap.first('review.filter_all')} "
                     "to show all")

    def action_filter_all(self) -> None:
        self._filter("all")

    def action_filter_unconfirmed(self) -> None:
        self._filter("unconfirmed")

    def action_filter_low(self) -> None:
        self._filter("low")

    def action_filter_findings(self) -> None:
        self._filter("findings")

    def show_document(self, document_id: int | None) -> None:
        """Show one document's beads (None: all documents)."""
        self.session.index.set_document(document_id)
        focus = (
            self.session.index.first_of_document(document_id)
            if document_id is not None else self.current
        )
        self.refresh_all(focus)

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
