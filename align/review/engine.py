"""The models an open project's operations need: its encoder, the aligner, the pairing model.

The store keeps values, not engines. Two operations need a model:
re-aligning the unconfirmed stretch around a bead (:mod:`.realign`: the
aligner, with the project's encoder) and ranking the English sentences a
fragment bead could be paired with (:mod:`.candidates`: the pairing model).
:class:`ProjectEngine` runs both on one project, loading its encoder once,
so the encoder's cache is shared by every re-alignment and ranking. The
review session (:class:`~.session.ReviewSession`) has one; a script can make
its own::

    with Project.open("haber.hizala") as project:
        engine = ProjectEngine(project)
        for c in engine.match_candidates(bead_id, limit=5):
            print(c.score, c.text)
        project.rematch(bead_id, c.start, c.end)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..encoders.base import Encoder, Progress
from ..store import Operation, Project
from .candidates import CandidateRanker, MatchCandidate
from .realign import realign

if TYPE_CHECKING:
    from ..fragments.pair import GlossaryEvidence

__all__ = ["ProjectEngine"]


class ProjectEngine:
    """Re-aligning and ranking fragment candidates on one open project."""

    def __init__(self, project: Project, encoder: Encoder | None = None) -> None:
        self.project = project
        """The project the operations change."""
        self._encoder = encoder
        self._ranker = CandidateRanker(project)

    def encoder(self) -> Encoder:
        """The project's encoder (:attr:`align.store.Project.encoder_name`), made on first
        use (unless one was given)."""
        if self._encoder is None:
            from ..encoders import get_encoder

            self._encoder = get_encoder(self.project.encoder_name)
        return self._encoder

    def realign(
        self, bead_id: int, *, encoder: Encoder | None = None, progress: Progress | None = None
    ) -> Operation | None:
        """Re-align the unconfirmed stretch around ``bead_id`` (confirmed beads held fixed)
        with ``encoder`` (default: the project's); see :func:`.realign.realign`. Returns the
        operation, or None if the aligner reproduced the stretch exactly."""
        return realign(self.project, bead_id, encoder or self.encoder, progress=progress)

    def match_candidates(
        self,
        bead_id: int,
        *,
        encoder: Encoder | None = None,
        glossary: GlossaryEvidence | None = None,
        limit: int | None = None,
        progress: Progress | None = None,
    ) -> list[MatchCandidate]:
        """The English spans of the article a fragment bead may be paired with, best first
        (``encoder``: default the project's); see :meth:`.candidates.CandidateRanker.rank`.
        Pass a candidate's ``start`` and ``end`` to :meth:`align.store.Project.rematch`."""
        return self._ranker.rank(bead_id, encoder or self.encoder, glossary=glossary,
                                 limit=limit, progress=progress)
