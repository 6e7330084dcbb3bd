"""Between an encoder's cache and the states a project stores, so nothing is embedded twice.

Before the aligner or the pairing model runs on a project's sentences,
:func:`prime_cache` puts the states the project stored into the encoder's
in-process cache; afterwards, :func:`save_embeddings` stores the states the
encoder computed (:class:`align.store.embeddings.Embeddings`). A re-alignment
after a restart then embeds only sentences never embedded before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from ..encoders.base import Encoder
from ..errors import StoreError
from ..store import Project

__all__ = ["few_threads", "prime_cache", "save_embeddings"]

_MANY_TEXTS = 2000


def prime_cache(project: Project, encoder: Encoder, texts: Sequence[str]) -> int:
    """Put the stored states of ``texts`` that the encoder's cache lacks into it; returns
    how many were found."""
    cached = encoder.cache.get_many(encoder.name, texts)
    missing = [t for t, row in zip(texts, cached, strict=True) if row is None]
    if not missing:
        return 0
    found = project.stored_states(encoder.name, missing)
    if found:
        encoder.cache.put_many(encoder.name, list(found), np.stack(list(found.values())))
    return len(found)


def save_embeddings(
    project: Project, encoder: Encoder, texts: Sequence[str], *, best_effort: bool = False
) -> int:
    """Store the states the encoder has cached for ``texts`` (after embedding them) that
    the project lacks; returns how many rows were written. ``best_effort``: a failure (a
    full disk) is ignored, so that it cannot turn a saved change into an error."""
    unique = list(dict.fromkeys(texts))
    rows = encoder.cache.get_many(encoder.name, unique)
    states = [(t, row) for t, row in zip(unique, rows, strict=True) if row is not None]
    try:
        return project.save_states(encoder.name, states)
    except StoreError:
        if best_effort:
            return 0
        raise


@contextmanager
def few_threads(n_texts: int) -> Iterator[None]:
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
