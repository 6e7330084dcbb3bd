"""The glossary screen: browse and search the terms with how often the project has them
(and lacks their renderings), add, edit and delete terms. Every change is saved to the
glossary file at once, and the project's findings are recomputed in a worker."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from align.errors import HizalaError
from align.glossary.model import Term
from align.review import ReviewSession
from align.review.glossary import ReviewGlossary, TermCount
from align.store.review_queries import bead_texts

from ..keymap import Keymap, bindings
from ..messages import WorkFailed, WorkProgress
from ..widgets import WorkIndicator
from .confirm import ConfirmScreen
from .term_form import TermForm

__all__ = ["GlossaryScreen"]


class TermsCounted(Message):
    """The hit counts of every term in the project."""

    def __init__(self, counts: dict[str, TermCount]) -> None:
        super().__init__()
        self.counts = counts


class GlossaryScreen(Screen[None]):
    """Terms with their hits in the project; ``changed`` is called after every saved edit."""

    BINDINGS = bindings("glossary")

    def __init__(
        self,
        glossary: ReviewGlossary,
        session: ReviewSession,
        keymap: Keymap,
        changed: Callable[[], None],
    ) -> None:
        super().__init__(id="glossary")
        self.glossary = glossary
        self.session = session
        self.keymap = keymap
        self.changed = changed
        self.counts: dict[str, TermCount] | None = None
        self.shown: list[Term] = []
        self.order = "file"
        """How the list is sorted: ``file``, ``beads`` (most first) or ``missing``."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Input(placeholder="search terms: Turkish, English, tags, notes", id="term-search")
        yield DataTable(id="terms-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="term-detail")
        yield WorkIndicator(id="glossary-work")
        yield Footer()

    @property
    def table(self) -> DataTable[object]:
        """The list of terms."""
        return self.query_one("#terms-table", DataTable)

    def on_mount(self) -> None:
        state = "" if self.glossary.exists else " (new: made when you add the first term)"
        self.sub_title = f"glossary {self.glossary.path}{state}"
        self.fill()
        self.table.focus()
        self.count_terms()

    # -- the list ---------------------------------------------------------------
    def fill(self, keep: str | None = None) -> None:
        """Show the terms matching the search, keeping the cursor on ``keep`` if given."""
        table = self.table
        if keep is None and 0 <= table.cursor_row < len(self.shown):
            keep = self.shown[table.cursor_row].key
        self.shown = self.glossary.search(self.query_one("#term-search", Input).value)
        if self.counts is not None and self.order != "file":
            field = 0 if self.order == "beads" else 1
            counts = self.counts
            self.shown.sort(key=lambda t: -_fields(counts.get(t.key))[field])
        rows: list[tuple[str | Text, ...]] = []
        for term in self.shown:
            count = self.counts.get(term.key) if self.counts is not None else None
            rows.append((
                _cut(term.tr, 32),
                "…" if self.counts is None else str(count.beads if count else 0),
                _missing(count) if self.counts is not None else "…",
                _cut(", ".join(term.en), 40),
                _cut(", ".join(term.forbidden), 24),
                term.pos,
                _cut(", ".join(term.tags), 20),
            ))
        # Widths fitted to the cells here: a DataTable that sizes its columns itself may
        # draw a refilled row with the old width (cut "1 +1 forbidden" to "1 +1 fo").
        table.clear(columns=True)
        for k, label in enumerate(_COLUMNS):
            width = max([len(label), *(cell_len(c) if isinstance(c, str) else c.cell_len
                                       for c in (r[k] for r in rows))])
            table.add_column(label, width=width)
        table.add_rows(rows)
        keys = [t.key for t in self.shown]
        if keep in keys:
            table.move_cursor(row=keys.index(keep))
        self._describe()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    @property
    def current(self) -> Term | None:
        """The term under the cursor."""
        row = self.table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _describe(self) -> None:
        term = self.current
        detail = self.query_one("#term-detail", Static)
        if term is None:
            key = self.keymap.first("glossary.add")
            detail.update(Text(f"No term here. Press {key} to add one.", style="italic"))
            return
        out = Text()
        out.append(term.tr, style="bold")
        out.append(f"  ({term.pos}{', case-sensitive' if term.case_sensitive else ''})")
        out.append(f"\nrenderings: {', '.join(term.en)}")
        if term.forbidden:
            out.append(f"\nforbidden: {', '.join(term.forbidden)}", style="red")
        if term.variants:
            out.append(f"\nother spellings: {', '.join(term.variants)}")
        if term.note:
            out.append(f"\nnote: {term.note}", style="italic")
        if self.counts is not None:
            count = self.counts.get(term.key, TermCount())
            out.append(f"\nin {count.beads} bead(s) of the project; {count.missing} without "
                       f"a rendering, {count.forbidden} with a forbidden one")
        if term.line:
            out.append(f"\n{self.glossary.path}:{term.line}", style="dim")
        detail.update(out)

    # -- counting (a worker) ----------------------------------------------------
    @work(thread=True, exclusive=True, group="count-terms")
    def count_terms(self) -> None:
        """Count every term's hits in the project's beads, in a thread."""
        worker = get_current_worker()
        try:
            texts = list(bead_texts(self.session.project).values())
        except HizalaError as exc:
            self.post_message(WorkFailed("counting terms", exc))
            return
        total = len(texts)
        self.post_message(WorkProgress("counting terms", 0, total))

        def progress(done: int) -> None:
            self.post_message(WorkProgress("counting terms", done, total))

        counts = self.glossary.count(texts, progress)
        if not worker.is_cancelled:
            self.post_message(TermsCounted(counts))

    def on_work_progress(self, event: WorkProgress) -> None:
        bar = self.query_one(WorkIndicator)
        if not bar.busy:
            bar.start(event.label, event.total or None)
        bar.advance(event.done, event.total or None)

    def on_work_failed(self, event: WorkFailed) -> None:
        self.query_one(WorkIndicator).stop()
        self.notify(f"{event.label}: {event.error.message}", severity="error")

    def on_terms_counted(self, event: TermsCounted) -> None:
        self.query_one(WorkIndicator).stop()
        self.counts = event.counts
        self.fill()

    # -- editing ----------------------------------------------------------------
    def _saved(self, term: Term | None, what: str) -> None:
        if term is None:
            return
        self.notify(f"{what} {term.tr!r}; saved to {self.glossary.path}", timeout=4)
        self.fill(keep=term.key)
        self.changed()
        self.count_terms()

    def action_add(self) -> None:
        form = TermForm(self.glossary.add, self.keymap,
                        suggestion=self.query_one("#term-search", Input).value.strip(),
                        glossary=self.glossary)
        self.app.push_screen(form, lambda term: self._saved(term, "added"))

    def action_edit(self) -> None:
        term = self.current
        if term is None:
            return
        form = TermForm(lambda new: self.glossary.change(term.tr, new), self.keymap, term=term,
                        glossary=self.glossary)
        self.app.push_screen(form, lambda new: self._saved(new, "changed"))

    def action_delete(self) -> None:
        term = self.current
        if term is None:
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                if self.glossary.changed_on_disk():
                    # deleting from the version on disk keeps what another editor saved
                    self.glossary.reload()
                    self.notify(f"{self.glossary.path} changed on disk: reloaded first",
                                timeout=4)
                self.glossary.remove(term.tr)
            except HizalaError as exc:
                self.notify(exc.message, severity="error", timeout=8)
                self.fill()
                return
            self.notify(f"deleted {term.tr!r} from {self.glossary.path}", timeout=4)
            self.fill()
            self.changed()
            self.count_terms()

        self.app.push_screen(
            ConfirmScreen(f"Delete {term.tr!r} from {self.glossary.path}?", "Delete", "Keep"),
            answer,
        )

    def action_sort(self) -> None:
        orders = ("file", "beads", "missing")
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self.fill()
        names = {"file": "file order", "beads": "most beads first",
                 "missing": "most missing renderings first"}
        self.notify(f"terms in {names[self.order]}"
                    + (" (once counted)" if self.counts is None else ""), timeout=2)

    def action_search(self) -> None:
        self.query_one("#term-search", Input).focus()

    def action_close(self) -> None:
        search = self.query_one("#term-search", Input)
        if self.focused is search and search.value:
            search.value = ""
            self.table.focus()
            return
        self.dismiss(None)


_COLUMNS = ("Turkish", "beads", "missing", "English", "forbidden", "pos", "tags")


def _missing(count: TermCount | None) -> Text:
    if count is None or not count.beads:
        return Text("0")
    text = Text(str(count.missing), style="bold red" if count.missing else "")
    if count.forbidden:
        text.append(f" +{count.forbidden} forbidden", style="red")
    return text


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _fields(count: TermCount | None) -> tuple[int, int]:
    return (0, 0) if count is None else (count.beads, count.missing + count.forbidden)
