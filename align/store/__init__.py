"""Review projects: a SQLite file per project that never loses work.

:class:`Project` is the one object the command line and the review UI use:
open or create a project, read beads, and change them with operations that
are each one transaction and each undoable, also after a restart. It is
composed of parts with one job each (:mod:`.project`). See :mod:`.schema`
for the file format, :mod:`.operations` for the operations' rules,
:mod:`.mixed` for mixed articles (Turkish fragments in English text, each
fragment a bead), :mod:`.tmx_export` / :mod:`.tmx_import` for TMX.

The store persists and answers queries; it keeps values, not engines.
Whatever needs a model (aligning a pair into a project, re-aligning a
stretch, ranking a fragment's English candidates, QA checks) is one layer
up, in :mod:`align.review`.
"""

from __future__ import annotations

from .documents import BeadSpec, document_name
from .findings import Checker
from .mixed_values import DOCUMENT_KINDS, FragmentInfo
from .pending import GAP
from .project import Project, build_project
from .schema import SCHEMA_VERSION
from .signature import import_signature
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
    "NewFinding",
    "Operation",
    "Project",
    "ProjectSummary",
    "RunSignature",
    "SegmentRow",
    "build_project",
    "document_name",
    "import_signature",
]
