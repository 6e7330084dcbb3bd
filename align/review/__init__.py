"""What the review UI needs from a project, without any UI, and the operations that need a model.

The bead index with its views and navigation (:mod:`.index`); a session that
runs operations and keeps the index current (:mod:`.session`); the engine
that re-aligns stretches and ranks a fragment's English candidates
(:mod:`.engine`, :mod:`.realign`, :mod:`.candidates`); adding aligned
document pairs and mixed articles to a project (:mod:`.adding`, the one
align-and-store pipeline of the CLI and the UI) with their run signatures
(:mod:`.signatures`) and QA checks (:mod:`.checks`); creating the project
``hizala review TR EN`` opens (:mod:`.create`); exports (:mod:`.export`);
small text helpers. The Textual app (``tui``) only draws this and turns keys
into these calls.
"""

from __future__ import annotations

from .adding import add_article, add_pair
from .candidates import MatchCandidate
from .checks import qa_checker
from .create import Cancelled, NewProject, create_project, default_project_path, holds_documents
from .engine import ProjectEngine
from .index import FILTERS, MOVES, ORDERS, ReviewIndex
from .session import ReviewSession
from .signatures import mixed_signature, run_signature
from .text import default_cut, one_line, segment_pieces

__all__ = [
    "FILTERS",
    "MOVES",
    "ORDERS",
    "Cancelled",
    "MatchCandidate",
    "NewProject",
    "ProjectEngine",
    "ReviewIndex",
    "ReviewSession",
    "add_article",
    "add_pair",
    "create_project",
    "default_cut",
    "default_project_path",
    "holds_documents",
    "mixed_signature",
    "one_line",
    "qa_checker",
    "run_signature",
    "segment_pieces",
]
