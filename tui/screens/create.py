"""Shown while ``hizala review TR EN`` aligns the texts into a new project (in a worker)."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar
from textual.worker import Worker, get_current_worker

from align.errors import HizalaError
from align.review import Cancelled, NewProject, create_project

from ..messages import ProjectCreated, WorkFailed, WorkProgress

__all__ = ["CreateScreen"]


class CreateScreen(Screen[None]):
    """Aligns the pair into the new project, with a progress bar; quitting leaves nothing.

    ``created(path)`` opens the project once it exists; ``failed(error)`` stops on an
    error (the app's own methods: this screen knows nothing of the app)."""

    def __init__(
        self,
        request: NewProject,
        created: Callable[[str], None],
        failed: Callable[[HizalaError], None],
    ) -> None:
        super().__init__(id="create")
        self.request = request
        self._created = created
        self._failed = failed

    def compose(self) -> ComposeResult:
        r = self.request
        yield Header(show_clock=False, icon="≡")
        with Center(), Vertical(id="create-box"):
            yield Label(
                f"Aligning {r.tr.path or 'the Turkish text'} ({len(r.tr.segments):,} sentences) "
                f"with {r.en.path or 'the English text'} ({len(r.en.segments):,}) "
                f"using the {r.encoder} encoder",
                id="create-what",
            )
            yield Label("loading the encoder…", id="create-step")
            yield ProgressBar(total=None, id="create-bar")
            yield Label(f"into {r.path}; quitting now creates nothing", classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "creating the project"
        self.align()

    @property
    def stopping(self) -> bool:
        """Whether the user asked to quit and the work is being stopped."""
        return self.has_class("-stopping")

    def stop(self) -> None:
        """Stop the work (nothing is created) and quit once it has stopped: the encoder
        finishes the batch of sentences it is embedding first (a moment); loading the
        model or aligning cannot be interrupted. Asked twice, quit at once."""
        if self.stopping:
            self.app.exit()
            return
        self.add_class("-stopping")
        self.workers.cancel_group(self, "create")
        self.query_one("#create-step", Label).update(
            "stopping: the encoder finishes the sentences in hand; nothing is created "
            "(press q again to quit at once)"
        )
        if not any(w.is_running for w in self.workers if w.group == "create"):
            self.app.exit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self.stopping and event.worker.group == "create" and event.worker.is_finished:
            self.app.exit()

    @work(thread=True, exclusive=True, group="create")
    def align(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise Cancelled
            self.post_message(WorkProgress("embedding sentences", done, total))

        try:
            beads = create_project(self.request, progress)
        except Cancelled:
            return
        except HizalaError as exc:
            self.post_message(WorkFailed("creating the project", exc))
            return
        self.post_message(ProjectCreated(self.request.path, beads))

    def on_work_progress(self, event: WorkProgress) -> None:
        if self.stopping:
            return
        self.query_one("#create-step", Label).update(
            f"{event.label}: {event.done:,} of {event.total:,}"
            if event.done < event.total else "aligning…"
        )
        self.query_one(ProgressBar).update(total=event.total or None, progress=event.done)

    def on_work_failed(self, event: WorkFailed) -> None:
        self._failed(event.error)

    def on_project_created(self, event: ProjectCreated) -> None:
        if not self.stopping:
            self._created(event.path)
