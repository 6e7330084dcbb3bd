"""What the review UI needs from a project, without any UI: the bead index with its views
and navigation, a session that runs operations and keeps the index current, creating the
project ``hizala review TR EN`` opens, and small text helpers. The Textual app (``tui``)
only draws this and turns keys into these calls."""

from __future__ import annotations

from .create import Cancelled, NewProject, create_project, default_project_path, holds_documents
from .index import FILTERS, MOVES, ReviewIndex
from .session import ReviewSession
from .text import default_cut, one_line, segment_pieces

__all__ = [
    "FILTERS",
    "MOVES",
    "Cancelled",
    "NewProject",
    "ReviewIndex",
    "ReviewSession",
    "create_project",
    "default_cut",
    "default_project_path",
    "holds_documents",
    "one_line",
    "segment_pieces",
]
