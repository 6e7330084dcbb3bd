"""What every part of the review screen shares: the session, the keymap, the widgets, and
redrawing the current bead. :class:`~.review.ReviewScreen` puts the parts together."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.timer import Timer

from align.errors import HizalaError
from align.review import ReviewSession
from align.review.glossary import ReviewGlossary
from align.review.view import ReviewView, save_view
from align.store import BeadRow

from ..keymap import Keymap
from ..widgets import BeadDetail, BeadTable, Highlight, Hint, KeyHints, StatusBar

__all__ = ["REMEMBER_AFTER", "ReviewBase"]

REMEMBER_AFTER = 1.0
"""Seconds the cursor rests before where it is is saved in the project."""


class ReviewBase(Screen[None]):
    """The review screen's state and drawing, shared by its parts."""

    def __init__(self, session: ReviewSession, keymap: Keymap) -> None:
        super().__init__(id="review")
        self.session = session
        self.keymap = keymap
        self.note = ""
        """A word on the last thing done, shown in the status line."""
        self.search_query = ""
        self._shown: int | None = -1
        self._saved: ReviewView | None = None
        self._timer: Timer | None = None

    @property
    def glossary(self) -> ReviewGlossary | None:
        """The glossary the app was started with (None: none)."""
        glossary = getattr(self.app, "glossary", None)
        return glossary if isinstance(glossary, ReviewGlossary) else None

    def term_marks(self, bead: BeadRow) -> list[Highlight]:
        """The glossary's terms in a bead, to highlight (forbidden renderings as errors)."""
        glossary = self.glossary
        if glossary is None or not glossary.terms:
            return []
        return [
            Highlight(m.side, m.start, m.end, "error" if m.forbidden else "term", m.term)
            for m in glossary.marks(bead.tr_text, bead.en_text)
        ]

    @property
    def table(self) -> BeadTable:
        """The bead list."""
        return self.query_one(BeadTable)

    @property
    def current(self) -> int | None:
        """The id of the bead under the cursor (None: the view is empty)."""
        return self.table.bead_id

    def show_current(self, *, force: bool = False) -> None:
        """Redraw the detail, the status line and the key hints for the current bead."""
        bead_id = self.current
        detail = self.query_one(BeadDetail)
        if bead_id is None:
            detail.show(None)
        elif force or bead_id != self._shown:
            bead = self.session.bead(bead_id)
            marks = self.term_marks(bead)
            detail.show(
                bead,
                fragment=self.session.fragment(bead_id),
                number=self.session.number(bead_id),
                findings=self.session.findings(bead_id) if bead.findings else (),
                highlights=marks,
                search=self.search_query,
            )
        self._shown = bead_id
        selection = self.table.selected_rows()
        self.query_one(StatusBar).show(self.session, bead_id, self.note,
                                       len(selection) if selection is not None else 0)
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
        self.remember_soon()

    # -- where the review stopped ---------------------------------------------------
    def view_now(self) -> ReviewView:
        """The screen's view as it is now."""
        index = self.session.index
        return ReviewView(
            bead_id=self.current, order=index.order, filter=index.filter,
            document_id=index.document_id, layout="wrapped" if self.table.wrapped else "lines",
        )

    def remember(self) -> None:
        """Save the view in the project (if it changed), for the next ``hizala review``."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        view = self.view_now()
        if view != self._saved and save_view(self.session.project, view):
            self._saved = view

    def remember_soon(self) -> None:
        """Save the view once the cursor has rested (a write per key would cost an fsync
        each)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(REMEMBER_AFTER, self.remember)

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
            fragment = self.session.is_fragment(bead_id)
            if fragment:
                add("rematch", "pair…", 0)
            else:
                add("merge_next", "merge ↓", 1)
            if mark.tr_count + mark.en_count > 1 and not fragment:
                add("split", "split", 1)
            if mark.tr_count == 0 or mark.en_count == 0:
                add("insert", f"insert {'English' if mark.en_count == 0 else 'Turkish'}", 0)
            add("edit", "edit", 1)
            if mark.status != "confirmed" and not fragment:
                add("realign", "re-align", 2)
        if self.table.range_start is not None:
            hints.insert(0, Hint(k("review.confirm_next"), "confirm the selection",
                                 "confirm_next", 0))
            hints.insert(1, Hint(k("review.reject"), "reject it", "reject", 0))
            hints.insert(2, Hint(k("review.unselect"), "drop it", "unselect", 0))
            del hints[3:]
        if self.session.last is not None and not self.session.last.undone:
            add("undo", "undo", 1)
        add("next_unconfirmed", "unconfirmed ▸", 2)
        if self.session.index.order == "document":
            add("worst_first", "worst first", 2)
        add("bulk_confirm", "confirm many…", 3)
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

    def show_document(self, document_id: int | None) -> None:
        """Show one document's beads (None: all documents)."""
        self.session.index.set_document(document_id)
        focus = (
            self.session.index.first_of_document(document_id)
            if document_id is not None else self.current
        )
        self.refresh_all(focus)
