"""An encoder with a cache of its own, sharing the loaded model."""

from __future__ import annotations

import copy

from ..encoders.base import EmbeddingCache, Encoder

__all__ = ["with_own_cache"]


def with_own_cache(encoder: Encoder, max_bytes: int | None = None) -> Encoder:
    """``encoder``, sharing its loaded model, with a new empty cache (of ``max_bytes`` at
    most; the default size if None); the caller's cache is left as it was.

    A long document gets a cache of about two windows, so it never grows with the text;
    each document of a batch gets one of its own, so that its embeddings are computed in
    batches made of its own sentences only, whatever was embedded before it or on which
    worker: the beads of a batch are the same byte for byte in one process and on a
    cluster (a sentence's vector can differ in its last bits with the other rows of its
    matrix product).
    """
    encoder.load()
    view = copy.copy(encoder)
    view.cache = EmbeddingCache() if max_bytes is None else EmbeddingCache(max_bytes=max_bytes)
    return view
