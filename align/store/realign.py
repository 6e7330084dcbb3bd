"""Re-aligning the unconfirmed stretch around a bead, confirmed beads held fixed.

The stretch is the longest run of unconfirmed beads around the chosen bead,
bounded by confirmed beads or the document's ends. Its Turkish and English
segments (with their paragraph numbers) go to the aligner as a small
document pair of their own; the beads it returns replace the stretch, which
cannot cross a confirmed bead because the confirmed beads are not part of
it. A returned bead identical to an old one keeps its id, status and
findings.

The slow part (embedding, decoding) runs outside the write transaction, so
a UI thread is not blocked; the write then checks that the stretch is still
as it was read and refuses (changing nothing) otherwise. Embeddings come
from the encoder's cache and the project's ``embeddings`` table, and new
ones are saved there, so only sentences never embedded before are embedded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..encoders.base import Encoder, Progress
from ..errors import StoreError
from .embeddings import prime_cache, save_states
from .operations import Operations
from .values import BeadRow, Operation

__all__ = ["Realigner"]

_MANY_TEXTS = 2000


@contextmanager
def _few_threads(n_texts: int) -> Iterator[None]:
    """One BLAS thread for a small stretch: its matrices are tiny, and on a busy
    machine spinning BLAS threads made a 20-bead re-alignment take seconds."""
    if n_texts > _MANY_TEXTS:
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _shape(rows: Sequence[BeadRow]) -> list[tuple[int, tuple[int, ...], tuple[int, ...]]]:
    return [(b.id, tuple(s.id for s in b.tr), tuple(s.id for s in b.en)) for b in rows]


class Realigner(Operations):
    """Adds :meth:`realign` and the project's encoder to the operations."""

    _encoder: Encoder | None = None

    @property
    def encoder_name(self) -> str:
        """The encoder the project was created with (``use``, ``transformers:…``…)."""
        return self._meta("encoder") or "use"

    def encoder(self) -> Encoder:
        """The project's encoder (:attr:`encoder_name`), made on first use."""
        if self._encoder is None:
            from ..encoders import get_encoder

            self._encoder = get_encoder(self.encoder_name)
        return self._encoder

    def use_encoder(self, encoder: Encoder) -> None:
        """Re-align with this (already loaded) encoder from now on."""
        self._encoder = encoder

    def realign(
        self,
        bead_id: int,
        *,
        encoder: Encoder | None = None,
        progress: Progress | None = None,
    ) -> Operation | None:
        """Re-align the unconfirmed stretch around ``bead_id`` (see :meth:`stretch`).

        Returns the operation (focus: the new bead holding the chosen bead's
        first segment), or None if the aligner reproduced the stretch exactly.
        """
        from ..aligner.core import align_texts

        if not self.writable:  # fail before the slow part, not after it
            raise StoreError(
                "was opened read-only; open it for changes to re-align", path=self.path
            )
        ids = self.stretch(bead_id)
        if not ids:
            raise StoreError(
                f"bead #{self.index_of(bead_id) + 1} is confirmed: re-aligning keeps confirmed "
                "beads as they are; choose an unconfirmed bead (or take back the confirmation)",
                path=self.path,
            )
        rows = self.beads_by_id(ids)
        tr = [s for b in rows for s in b.tr]
        en = [s for b in rows for s in b.en]
        enc = encoder or self.encoder()
        texts = [s.text for s in tr] + [s.text for s in en]
        with self._read() as conn:
            prime_cache(conn, enc, texts)
        with _few_threads(len(texts)):
            beads = align_texts(
                [s.text for s in tr],
                [s.text for s in en],
                enc,
                tr_paragraphs=[s.paragraph for s in tr],
                en_paragraphs=[s.paragraph for s in en],
                progress=progress,
            )
        plan = [
            (tuple(tr[i].id for i in b.tr), tuple(en[j].id for j in b.en), b.score)
            for b in beads
        ]
        if [(t, e) for t, e, _s in plan] == [(t, e) for _b, t, e in _shape(rows)]:
            self._save_embeddings(enc, texts)
            return None  # the aligner agrees with the stretch as it is
        chosen = rows[[b.id for b in rows].index(bead_id)]
        anchor = (chosen.tr or chosen.en)[0].id
        with self._op("realign") as op:
            if self.stretch(bead_id) != ids or _shape(self.beads_by_id(ids)) != _shape(rows):
                raise StoreError(
                    "the beads changed while they were being re-aligned; nothing was changed, "
                    "try again",
                    path=self.path,
                )
            doc = rows[0].document_id
            number = op.number(bead_id)
            old = {(t, e): b for b, t, e in _shape(rows)}
            before = op.neighbour(ids[0], "previous")
            after = op.neighbour(ids[-1], "next")
            positions = op.room(doc, before, after, len(plan))
            kept: set[int] = set()
            for (t_ids, e_ids, score), pos in zip(plan, positions, strict=True):
                reused = old.get((t_ids, e_ids))
                if reused is not None:
                    kept.add(reused)
                    op.rec.update("beads", reused, pos=pos, score=score)
                    target = reused
                else:
                    target = op.rec.insert(
                        "beads", document_id=doc, pos=pos, score=score, status="auto",
                        changed_by=None, changed_at=None,
                    )
                    op.content_changed(target)
                for side_ids in (t_ids, e_ids):
                    for k, seg in enumerate(side_ids):
                        op.rec.update("segments", seg, bead_id=target, ord=k)
                if anchor in t_ids or anchor in e_ids:
                    op.focus = target
            for b in ids:
                if b not in kept:
                    op.delete_bead(b)
            n = len(ids)
            op.description = (
                f"re-align {n} bead{'s' if n != 1 else ''} around bead {number} "
                f"into {len(plan)}"
            )
        self._save_embeddings(enc, texts)
        return op.result

    def _save_embeddings(self, encoder: Encoder, texts: Sequence[str]) -> None:
        """Best effort: a full disk must not turn a saved re-alignment into an error."""
        try:
            with self._write() as conn:
                save_states(conn, encoder, texts)
        except StoreError:
            pass

    def save_embeddings(self, encoder: Encoder, texts: Sequence[str]) -> int:
        """Store the states ``encoder`` has cached for ``texts`` (after aligning them)."""
        with self._write() as conn:
            return save_states(conn, encoder, texts)
