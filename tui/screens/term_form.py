"""Adding or editing a glossary term; from a bead, select the Turkish and English spans.

The form hands the term to ``save`` (which writes the glossary file); a refusal
(a duplicate, a malformed entry, a file changed on disk) is shown in the form,
which stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from align.errors import GlossaryError
from align.glossary.model import POS_VALUES, Term
from align.review.glossary import ReviewGlossary

from ..keymap import Keymap, bindings
from ..widgets import CheckBox
from .confirm import ConfirmScreen

__all__ = ["TermForm", "split_list"]


def split_list(text: str) -> tuple[str, ...]:
    """``"detention, custody"`` → ``("detention", "custody")`` (empty items dropped)."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


def _field(label: str, field_id: str, value: str, placeholder: str) -> Vertical:
    """A labelled text field of the form."""
    return Vertical(Label(label), Input(value, id=field_id, placeholder=placeholder),
                    classes="term-field")


class TermForm(ModalScreen[Term | None]):
    """Returns the term saved, or None if cancelled."""

    BINDINGS = bindings("term")

    def __init__(
        self,
        save: Callable[[Term], None],
        keymap: Keymap,
        *,
        term: Term | None = None,
        tr_text: str = "",
        en_text: str = "",
        suggestion: str = "",
        title: str = "",
        glossary: ReviewGlossary | None = None,
    ) -> None:
        super().__init__()
        self.save = save
        self.glossary = glossary
        """The glossary saved to: when its file changed on disk, the form offers to reload
        it and save the term into the new version."""
        self.keymap = keymap
        self.term = term
        self.tr_text = tr_text
        self.en_text = en_text
        self.suggestion = suggestion
        self.title_text = title or ("Edit the term" if term else "Add a term to the glossary")

    def compose(self) -> ComposeResult:
        t = self.term
        with Vertical(id="dialog", classes="term-form"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="term-fields"):
                if self.tr_text or self.en_text:
                    yield Label("Select the term in the Turkish and its rendering in the English "
                                "(shift+arrows or the mouse); the fields below follow.",
                                classes="field-note")
                    with Horizontal(id="term-source"):
                        yield TextArea(self.tr_text, read_only=True, soft_wrap=True,
                                       id="source-tr")
                        yield TextArea(self.en_text, read_only=True, soft_wrap=True,
                                       id="source-en")
                with Horizontal(classes="term-row"):
                    yield _field("Turkish lemma (dictionary form)", "term-tr",
                                 t.tr if t else self.suggestion, "gözaltı")
                    yield _field("English renderings (comma-separated, lemma form)", "term-en",
                                 ", ".join(t.en) if t else "", "detention, custody")
                with Horizontal(classes="term-row"):
                    yield _field("Forbidden renderings", "term-forbidden",
                                 ", ".join(t.forbidden) if t else "", "arrest")
                    yield _field("Other Turkish spellings", "term-variants",
                                 ", ".join(t.variants) if t else "", "hükûmet")
                with Horizontal(classes="term-row"):
                    with Vertical(classes="term-field pos-field"):
                        yield Label("Part of speech")
                        yield Select([(p, p) for p in POS_VALUES], value=t.pos if t else "noun",
                                     allow_blank=False, id="term-pos")
                    yield _field("Tags (comma-separated)", "term-tags",
                                 ", ".join(t.tags) if t else "", "police")
                    yield _field("Note", "term-note", t.note if t else "",
                                 "sense, source, decision")
                yield CheckBox("Match the Turkish capitals exactly (case_sensitive)",
                               value=t.case_sensitive if t else False, id="term-case")
            yield Label("", id="term-error", classes="dialog-error")
            with Horizontal(id="term-buttons"):
                yield Button("Save", variant="primary", id="term-save")
                yield Button("Cancel", id="term-cancel")
            key = self.keymap.first
            yield Label(f"{key('term.save')} save · {key('term.cancel')} cancel",
                        classes="dialog-hint")

    def on_mount(self) -> None:
        # from a bead, the first thing to do is to select the term in its Turkish
        source = self.query("#source-tr")
        (source.first() if source else self.query_one("#term-tr", Input)).focus()

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        selected = " ".join(event.text_area.selected_text.split())
        if not selected:
            return
        target = "#term-tr" if event.text_area.id == "source-tr" else "#term-en"
        self.query_one(target, Input).value = selected

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def read(self) -> Term | None:
        """The term the fields describe, or None (with the reason shown)."""
        tr = " ".join(self._value("#term-tr").split())
        en = split_list(self._value("#term-en"))
        if not tr:
            self._error("give the Turkish lemma")
            return None
        if not en:
            self._error("give at least one English rendering")
            return None
        pos = self.query_one("#term-pos", Select).value
        return Term(
            tr=tr,
            en=en,
            pos=pos if isinstance(pos, str) else "noun",
            forbidden=split_list(self._value("#term-forbidden")),
            note=self._value("#term-note"),
            case_sensitive=self.query_one("#term-case", CheckBox).value,
            tags=split_list(self._value("#term-tags")),
            variants=split_list(self._value("#term-variants")),
        )

    def _error(self, message: str) -> None:
        self.query_one("#term-error", Label).update(message)

    def action_save(self) -> None:
        term = self.read()
        if term is None:
            return
        try:
            self.save(term)
        except GlossaryError as exc:
            if self.glossary is not None and self.glossary.changed_on_disk():
                self._offer_reload(term)
                return
            self._error(exc.message)
            return
        self.dismiss(term)

    def _offer_reload(self, term: Term) -> None:
        """The file changed on disk since it was read: reload it and save the term into the
        new version, or go on editing (nothing is written)."""
        glossary = self.glossary
        assert glossary is not None

        def answer(yes: bool | None) -> None:
            if not yes:
                self._error(f"{glossary.path} changed on disk; nothing was written")
                return
            try:
                glossary.reload()
                self.save(term)
            except GlossaryError as exc:
                self._error(exc.message)
                return
            self.notify(f"{glossary.path} reloaded with the changes made on disk; "
                        f"{term.tr!r} saved into it", timeout=5)
            self.dismiss(term)

        self.app.push_screen(ConfirmScreen(
            f"{glossary.path} changed on disk since it was read (another editor or program "
            f"saved it). Reload it, keeping those changes, and save {term.tr!r} into it?",
            "Reload and save", "Keep editing",
        ), answer)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "term-save":
            self.action_save()
        else:
            self.dismiss(None)
