"""Where a review stopped: the bead under the cursor, the order, the filter, the document
and the layout, kept in the project so that ``hizala review`` reopens there.

It is a setting, not the project's content: written to the project's ``meta``
table outside the operation journal (undo never touches it), one entry per
reviewer (``review_view:<user>``), so two people taking turns on a project each
come back to their own place. An entry that cannot be read (written by another
hizala, or edited by hand) is ignored: the review opens at the start.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..errors import HizalaError
from ..store import Project
from .index import FILTERS, ORDERS

__all__ = ["LAYOUTS", "ReviewView", "load_view", "save_view"]

LAYOUTS: dict[str, str] = {
    "lines": "one line a bead",
    "wrapped": "wrapped rows",
}
"""The review screen's layouts of the bead list: name -> what it is."""

_KEY = "review_view"


@dataclass(frozen=True, slots=True)
class ReviewView:
    """How the review screen looked when the reviewer left it."""

    bead_id: int | None = None
    """The bead under the cursor (its stable id; None: the start)."""
    order: str = "document"
    """One of :data:`~.index.ORDERS`."""
    filter: str = "all"
    """One of :data:`~.index.FILTERS`."""
    document_id: int | None = None
    """The one document shown (None: every document)."""
    layout: str = "lines"
    """One of :data:`LAYOUTS`."""


def _key(user: str | None) -> str:
    return f"{_KEY}:{user}" if user else _KEY


def load_view(project: Project) -> ReviewView | None:
    """The view the project's reviewer (:attr:`Project.user`) left, or None (none saved,
    or one this hizala cannot read)."""
    try:
        raw = project.meta(_key(project.user))
    except HizalaError:
        return None
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    bead, doc = data.get("bead_id"), data.get("document_id")
    order, shown, layout = (str(data.get(k)) for k in ("order", "filter", "layout"))
    return ReviewView(
        bead_id=bead if isinstance(bead, int) else None,
        order=order if order in ORDERS else "document",
        filter=shown if shown in FILTERS else "all",
        document_id=doc if isinstance(doc, int) else None,
        layout=layout if layout in LAYOUTS else "lines",
    )


def save_view(project: Project, view: ReviewView) -> bool:
    """Remember ``view`` for the project's reviewer; False (nothing saved) if the project
    cannot be written now (the review goes on: this is a convenience, not content)."""
    try:
        project.set_meta(_key(project.user), json.dumps(asdict(view), sort_keys=True))
    except HizalaError:
        return False
    return True
