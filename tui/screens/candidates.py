"""Pairing a fragment of a mixed article: the article's English sentences ranked for it
(computed in a worker: it embeds), choose one, or "no English"."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, LoadingIndicator, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from align.errors import HizalaError
from align.review import MatchCandidate, ReviewSession
from align.review.glossary import ReviewGlossary
from align.store.mixed_values import FragmentInfo

from ..keymap import Keymap, bindings

__all__ = ["CandidatesScreen", "Pairing"]

_NONE = "none"


@dataclass(frozen=True, slots=True)
class Pairing:
    """The reviewer's choice: an English span of the article, or none (``start`` None)."""

    start: int | None
    end: int | None = None


class CandidatesRanked(Message):
    """The worker ranked the candidates (None: it failed, ``error`` says why)."""

    def __init__(self, candidates: list[MatchCandidate] | None, error: str = "") -> None:
        super().__init__()
        self.candidates = candidates
        self.error = error


class CandidatesScreen(ModalScreen[Pairing | None]):
    """Returns the pairing chosen, or None (cancelled)."""

    BINDINGS = bindings("candidates")

    def __init__(self, session: ReviewSession, bead_id: int, keymap: Keymap,
                 glossary: ReviewGlossary | None = None, limit: int = 12) -> None:
        super().__init__()
        self.session = session
        self.bead_id = bead_id
        self.keymap = keymap
        self.glossary = glossary
        """The review's glossary: its term pairs count as evidence if the article was added
        with a glossary (``--glossary``), so that scores are the detector's."""
        self.limit = limit
        self.candidates: list[MatchCandidate] = []

    def compose(self) -> ComposeResult:
        bead = self.session.bead(self.bead_id)
        info = self.session.fragment(self.bead_id)
        number = self.session.number(self.bead_id)
        with Vertical(id="dialog", classes="candidates"):
            yield Label(f"Pair fragment #{number} with the English that renders it",
                        classes="dialog-title")
            yield Label(Text(f"“{bead.tr_text}”", style="bold"), id="fragment-text")
            if info is not None:
                yield Label(_detected(info), classes="field-note")
            yield Label("ranking the article's English sentences for the fragment…",
                        id="candidates-wait", classes="field-note")
            yield LoadingIndicator(id="candidates-loading")
            yield OptionList(id="candidates-list")
            key = self.keymap.first
            yield Label(
                f"{key('candidates.choose')} pair with the English under the cursor · "
                f"{key('candidates.none')} no English renders it · "
                f"{key('candidates.cancel')} keep the pairing",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False
        self.rank()

    @work(thread=True, exclusive=True, group="candidates")
    def rank(self) -> None:
        """Rank the article's sentences for the fragment (the encoder may have to load)."""
        from align.fragments.glossary_evidence import GlossaryTermPairs

        evidence = None
        if self.glossary is not None and self._added_with_glossary():
            evidence = GlossaryTermPairs(self.glossary.matcher)
        try:
            found = self.session.match_candidates(
                self.bead_id, glossary=evidence, limit=self.limit
            )
        except HizalaError as exc:
            self.post_message(CandidatesRanked(None, exc.message))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(CandidatesRanked(found))

    def _added_with_glossary(self) -> bool:
        """Whether pairing counted glossary terms when the article was added (without them,
        the same sentence would score differently here than in the detector's reason)."""
        document_id = self.session.index.mark(self.bead_id).document_id
        return any(
            d.id == document_id and dict(d.signature.params).get("glossary")
            for d in self.session.project.documents()
        )

    def on_candidates_ranked(self, event: CandidatesRanked) -> None:
        self.query_one(LoadingIndicator).display = False
        self.query_one("#candidates-wait").display = False
        options = self.query_one(OptionList)
        options.display = True
        if event.candidates is None:
            self.notify(event.error, severity="error", timeout=8)
            event.candidates = []
        self.candidates = event.candidates
        current_bead = self.session.bead(self.bead_id)
        items = [Option(Text("— no English sentence renders it —", style="italic"), _NONE)]
        for k, c in enumerate(self.candidates):
            line = Text(f"{c.score:.2f}  ", style="bold")
            line.append(" ".join(c.text.split()))
            if c.current:
                line.append("  (now)", style="green")
            if c.taken_by:
                taken = ", ".join(f"#{self.session.number(b)}" for b in c.taken_by
                                  if b in self.session.index)
                if taken:
                    line.append(f"  (also the English of {taken})", style="dim")
            items.append(Option(line, str(k)))
        options.add_options(items)
        current = next((k for k, c in enumerate(self.candidates) if c.current), None)
        options.highlighted = 0 if not current_bead.en else (current + 1 if current is not None
                                                              else 1 if self.candidates else 0)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == _NONE:
            self.dismiss(Pairing(None))
        elif option_id is not None:
            c = self.candidates[int(option_id)]
            self.dismiss(Pairing(c.start, c.end))

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self._choose(options.get_option_at_index(options.highlighted).id)

    def action_none(self) -> None:
        self.dismiss(Pairing(None))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _detected(info: FragmentInfo) -> str:
    paired = "paired it" if info.paired else "left it unpaired"
    return (f"a {info.kind} fragment, Turkish with confidence {info.confidence:.2f}; "
            f"the detector {paired}: {info.reason}")
