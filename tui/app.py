"""The hizala review app: a thin shell around its screens, made by :func:`create_app`."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from textual.app import App

from align.errors import HizalaError
from align.review import NewProject, ReviewSession
from align.review.glossary import ReviewGlossary
from align.store import Checker, Project

from .keymap import Keymap, bindings

__all__ = ["HizalaApp", "create_app"]

_STYLES = Path(__file__).parent / "styles"


class HizalaApp(App[None]):
    """Review a project: the review screen first, others on top of it."""

    TITLE = "hizala"
    CSS_PATH = [  # noqa: RUF012 (Textual reads a list)
        _STYLES / "app.tcss",
        _STYLES / "review.tcss",
        _STYLES / "dialogs.tcss",
        _STYLES / "screens.tcss",
    ]
    BINDINGS = bindings("app")
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        *,
        project: Project | None = None,
        new_project: NewProject | None = None,
        keymap: Keymap | None = None,
        checker: Checker | None = None,
        glossary: ReviewGlossary | None = None,
        owns_project: bool = False,
        low_threshold: float | None = None,
        gc_freeze: bool = False,
    ) -> None:
        super().__init__()
        self.keymap = keymap or Keymap()
        """The keys in effect."""
        self.checker = checker
        """QA checks run on every changed bead (from the glossary), if any."""
        self.glossary = glossary
        """The glossary the glossary screen edits and the detail highlights, if any."""
        self.session: ReviewSession | None = None
        """The project being reviewed (None while it is being created)."""
        self.error: HizalaError | None = None
        """Why the app stopped, if it stopped on an error (the command prints it)."""
        self._project = project
        self._new_project = new_project
        self._owns_project = owns_project
        self._low = low_threshold
        self._gc_freeze = gc_freeze

    # -- lifetime -------------------------------------------------------------------
    def on_mount(self) -> None:
        self.set_keymap(self.keymap.overrides)
        if self._project is not None:
            self._start(self._project)
        elif self._new_project is not None:
            from .screens.create import CreateScreen

            self.push_screen(CreateScreen(self._new_project, self.open_project, self.fail))

    def _start(self, project: Project) -> None:
        if self._low is not None:
            project.low_threshold = self._low
        self.session = ReviewSession(project)
        if self.checker is not None:
            self.session.set_checker(self.checker)
        self.sub_title = os.path.basename(project.path)
        if self._gc_freeze:
            # The project's index and Textual's widgets live as long as the app: keeping
            # them out of the cyclic collector spares keys the 20-40 ms full collections.
            gc.freeze()
        from .screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.session, self.keymap))

    def open_project(self, path: str) -> None:
        """Open a project just created, for changes, and review it."""
        try:
            project = Project.open(path, user=self._new_project.user if self._new_project else None)
        except HizalaError as exc:
            self.fail(exc)
            return
        self._project = project
        self._owns_project = True
        self.switch_screen_to_review(project)

    def switch_screen_to_review(self, project: Project) -> None:
        """Replace the creation screen with the review screen."""
        self.pop_screen()
        self._start(project)

    def fail(self, error: HizalaError) -> None:
        """Stop on a deliberate error; the command prints it."""
        self.error = error
        self.exit(return_code=error.exit_code)

    def on_unmount(self) -> None:
        if self._owns_project and self._project is not None:
            self._project.close()

    @property
    def project_path(self) -> str | None:
        """The project file (None until it exists)."""
        return self._project.path if self._project is not None else None

    # -- everywhere -----------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.keymap))

    async def action_quit(self) -> None:
        # every operation was saved when it returned; running workers are cancelled
        # (a re-alignment or a project being created writes nothing then); where the
        # review stopped is saved for the next `hizala review`
        from .screens.create import CreateScreen
        from .screens.review_base import ReviewBase

        if isinstance(self.screen, CreateScreen):
            self.screen.stop()  # says so, and quits once the aligner has stopped
            return
        for screen in self.screen_stack:
            if isinstance(screen, ReviewBase):
                screen.remember()
        self.workers.cancel_all()
        self.exit()


def create_app(
    project: Project | str | os.PathLike[str] | None = None,
    *,
    new_project: NewProject | None = None,
    keymap: Keymap | None = None,
    checker: Checker | None = None,
    glossary: ReviewGlossary | str | os.PathLike[str] | None = None,
    user: str | None = None,
    low_threshold: float | None = None,
    gc_freeze: bool = False,
) -> HizalaApp:
    """The review app for ``project`` (an open :class:`Project`, or a path to open for
    changes, closed when the app ends), or for ``new_project`` (aligned first, in a worker).

    ``glossary``: the glossary file to highlight terms with and edit (it may not exist
    yet). ``checker``: the QA checks run on every changed bead (default: align.qa's, with
    the glossary's terms).

    Raises StoreError when a path cannot be opened (e.g. another review has it open),
    GlossaryError for a malformed glossary. ``gc_freeze``: move everything alive once the
    project is open out of the cyclic garbage collector's way (for a process that runs one
    app, as the command does; not for tests that make many).
    """
    if (project is None) == (new_project is None):
        raise ValueError("give either project or new_project")
    if glossary is not None and not isinstance(glossary, ReviewGlossary):
        glossary = ReviewGlossary(glossary)
    if checker is None:
        if glossary is not None:
            checker = glossary.checker()
        else:
            from align.review.checks import qa_checker

            checker = qa_checker()
    owns = False
    if project is not None and not isinstance(project, Project):
        project = Project.open(project, user=user)
        owns = True
    return HizalaApp(
        project=project, new_project=new_project, keymap=keymap, checker=checker,
        glossary=glossary, owns_project=owns, low_threshold=low_threshold, gc_freeze=gc_freeze,
    )
