"""Review projects: a SQLite file per project that never loses work.

:class:`Project` is the one object the command line and the review UI use:
open or create a project, read beads, and change them with operations that
are each one transaction and each undoable, also after a restart. See
:mod:`.schema` for the file format, :mod:`.operations` for the operations'
rules, :mod:`.mixed` for mixed articles (Turkish fragments in English text,
each fragment a bead), :mod:`.tmx_export` / :mod:`.tmx_import` for TMX.
"""

from __future__ import annotations

from .findings import Checker
from .mixed_build import add_article, mixed_signature
from .mixed_values import DOCUMENT_KINDS, FragmentInfo, MatchCandidate
from .operations import GAP
from .project import BeadSpec, Project, build_project, document_name
from .schema import SCHEMA_VERSION
from .signature import import_signature, run_signature
from .values import (
    STATUSES,
    BeadRow,
    DocumentInfo,
    Finding,
    NewFinding,
    Operation,
    ProjectSummary,
    RunSignature,
    SegmentRow,
)

__all__ = [
    "DOCUMENT_KINDS",
    "GAP",
    "SCHEMA_VERSION",
    "STATUSES",
    "BeadRow",
    "BeadSpec",
    "Checker",
    "DocumentInfo",
    "Finding",
    "FragmentInfo",
    "MatchCandidate",
    "NewFinding",
    "Operation",
    "Project",
    "ProjectSummary",
    "RunSignature",
    "SegmentRow",
    "add_article",
    "build_project",
    "document_name",
    "import_signature",
    "mixed_signature",
    "run_signature",
]
