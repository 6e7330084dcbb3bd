"""The export dialog: TMX (or TSV, JSON) with the options of ``hizala export``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, SelectionList

from align.review.export import FORMATS, ExportRequest
from align.store import DocumentInfo
from align.store.exports import ExportOptions

from ..keymap import bindings
from ..widgets import CheckBox

__all__ = ["ExportScreen"]

_LANG_OK = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Choose what to export where; returns the request (the screen runs it in a worker)."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings("export"), *bindings("dialog")]

    def __init__(self, project_path: str, documents: list[DocumentInfo]) -> None:
        super().__init__()
        self.project_path = project_path
        self.documents = documents
        self.stem = str(Path(project_path).with_suffix(""))
        self._auto_path = True

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="export"):
            yield Label("Export the project (as `hizala export` does)", classes="dialog-title")
            with VerticalScroll(id="export-form"):
                with RadioSet(id="export-format"):
                    for k, (name, label) in enumerate(FORMATS.items()):
                        yield RadioButton(label, value=k == 0, id=f"format-{name}")
                yield Label("File to write (replaced if it exists)", classes="field-label")
                yield Input(f"{self.stem}.tmx", id="export-path")
                yield Label("", id="export-exists", classes="dialog-warning")
                with Horizontal(classes="export-row"):
                    yield CheckBox("Confirmed beads only", id="only-confirmed")
                    yield CheckBox("Include rejected beads", id="include-rejected")
                with Horizontal(classes="export-row"):
                    yield Label("Min. score of unconfirmed beads", classes="inline-label")
                    yield Input("", placeholder="0–1", id="min-score")
                    yield Label("Turkish tag", classes="inline-label")
                    yield Input("tr", id="tr-lang")
                    yield Label("English tag", classes="inline-label")
                    yield Input("en", id="en-lang")
                if len(self.documents) > 1:
                    yield Label("Documents", classes="field-label")
                    yield SelectionList[str](
                        *[(d.name, d.name, True) for d in self.documents], id="export-documents"
                    )
            yield Label("", id="export-error", classes="dialog-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self._check_exists()

    def _format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "format-tmx").removeprefix("format-") if pressed else "tmx"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if self._auto_path:
            field = self.query_one("#export-path", Input)
            field.value = f"{self.stem}.{self._format()}"
            self._auto_path = True

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-path":
            if event.value != f"{self.stem}.{self._format()}":
                self._auto_path = False
            self._check_exists()

    def _check_exists(self) -> None:
        path = os.path.expanduser(self.query_one("#export-path", Input).value.strip())
        warning = "this file exists: it will be replaced" if path and os.path.exists(path) else ""
        self.query_one("#export-exists", Label).update(warning)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.action_run()
        else:
            self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Label).update(message)

    def request(self) -> ExportRequest | None:
        """The request the form describes, or None (with the reason shown) if it is wrong."""
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self._error("give the file to write")
            return None
        raw = self.query_one("#min-score", Input).value.strip()
        min_score = None
        if raw:
            try:
                min_score = float(raw.replace(",", "."))
            except ValueError:
                min_score = -1.0
            if not 0.0 <= min_score <= 1.0:
                self._error(f"the minimum score must be a number from 0 to 1, not {raw!r}")
                return None
        langs = []
        for field in ("tr-lang", "en-lang"):
            tag = self.query_one(f"#{field}", Input).value.strip()
            if not tag or any(c not in _LANG_OK for c in tag):
                self._error(f"{tag!r} is not a language tag (e.g. tr, tr-TR, en-US)")
                return None
            langs.append(tag)
        documents: tuple[str, ...] = ()
        if len(self.documents) > 1:
            chosen = self.query_one(SelectionList).selected
            if not chosen:
                self._error("choose at least one document")
                return None
            if len(chosen) < len(self.documents):
                documents = tuple(chosen)
        options = ExportOptions(
            only_confirmed=self.query_one("#only-confirmed", CheckBox).value,
            min_score=min_score,
            include_rejected=self.query_one("#include-rejected", CheckBox).value,
            documents=documents,
            tr_lang=langs[0],
            en_lang=langs[1],
        )
        return ExportRequest(path=path, format=self._format(), options=options)

    def action_run(self) -> None:
        request = self.request()
        if request is not None:
            self.dismiss(request)

    def action_cancel(self) -> None:
        self.dismiss(None)
