"""Re-aligning the unconfirmed stretch around a bead, confirmed beads held fixed.

The stretch is the longest run of unconfirmed beads around the chosen bead,
bounded by confirmed beads or the document's ends
(:meth:`align.store.Project.stretch`). Its Turkish and English segments (with
their paragraph numbers) go to the aligner as a small document pair of their
own; the beads it returns replace the stretch
(:meth:`align.store.Project.replace_stretch`), which cannot cross a confirmed
bead because the confirmed beads are not part of it. A returned bead
identical to an old one keeps its id, status and findings.

The slow part (embedding, decoding) runs outside the write transaction, so
a UI thread is not blocked; the write then checks that the stretch is still
as it was read and refuses (changing nothing) otherwise. Embeddings come
from the encoder's cache and the project's stored states, and new ones are
saved there, so only sentences never embedded before are embedded.
"""

from __future__ import annotations

from collections.abc import Callable

from ..encoders.base import Encoder, Progress
from ..errors import StoreError
from ..store import Operation, Project
from ..store.operations import stretch_shape
from .embeddings import few_threads, prime_cache, save_embeddings

__all__ = ["realign"]


def realign(
    project: Project,
    bead_id: int,
    encoder: Encoder | Callable[[], Encoder],
    *,
    progress: Progress | None = None,
) -> Operation | None:
    """Re-align the unconfirmed stretch around ``bead_id`` with ``encoder`` (or with what
    ``encoder()`` makes, once the stretch is known to be one that can be re-aligned).

    Returns the operation (one undoable step; focus: the new bead holding the
    chosen bead's first segment), or None if the aligner reproduced the
    stretch exactly.
    """
    from ..aligner.core import align_texts

    project.refuse_fragment(bead_id, "re-aligning is for document pairs")
    if not project.writable:  # fail before the slow part, not after it
        raise StoreError(
            "was opened read-only; open it for changes to re-align", path=project.path
        )
    ids = project.stretch(bead_id)
    if not ids:
        raise StoreError(
            f"bead #{project.index_of(bead_id) + 1} is confirmed: re-aligning keeps confirmed "
            "beads as they are; choose an unconfirmed bead (or take back the confirmation)",
            path=project.path,
        )
    rows = project.beads_by_id(ids)
    tr = [s for b in rows for s in b.tr]
    en = [s for b in rows for s in b.en]
    texts = [s.text for s in tr] + [s.text for s in en]
    if not isinstance(encoder, Encoder):
        encoder = encoder()
    prime_cache(project, encoder, texts)
    with few_threads(len(texts)):
        beads = align_texts(
            [s.text for s in tr],
            [s.text for s in en],
            encoder,
            tr_paragraphs=[s.paragraph for s in tr],
            en_paragraphs=[s.paragraph for s in en],
            progress=progress,
        )
    plan = [
        (tuple(tr[i].id for i in b.tr), tuple(en[j].id for j in b.en), b.score) for b in beads
    ]
    op = None
    if [(t, e) for t, e, _s in plan] != stretch_shape(rows):
        op = project.replace_stretch(bead_id, rows, plan)
    # else the aligner agrees with the stretch as it is: nothing to change
    save_embeddings(project, encoder, texts, best_effort=True)
    return op
