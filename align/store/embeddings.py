"""Encoder states kept in the project, so re-aligning after a restart embeds nothing twice.

Rows are keyed by the encoder's name and a 128-bit BLAKE2b of the text; the
value is the encoder's per-text *state* (what its in-process cache holds,
:meth:`align.encoders.base.Encoder.states`) as raw float32. Before the
aligner runs, the states the project has are put into the encoder's cache;
afterwards, the states it computed are saved.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..encoders.base import Encoder

__all__ = ["digest", "prime_cache", "save_states"]

_CHUNK = 500


def digest(text: str) -> bytes:
    """The key of a text in the ``embeddings`` table."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def prime_cache(conn: sqlite3.Connection, encoder: Encoder, texts: Sequence[str]) -> int:
    """Put the stored states of ``texts`` that the encoder's cache lacks into it.

    Returns how many were found. Rows whose length differs from the majority
    (another model under the same name) are ignored.
    """
    cached = encoder.cache.get_many(encoder.name, texts)
    wanted = {digest(t): t for t, row in zip(texts, cached, strict=True) if row is None}
    keys = list(wanted)
    found: dict[bytes, bytes] = {}
    for k in range(0, len(keys), _CHUNK):
        part = keys[k : k + _CHUNK]
        marks = ",".join("?" * len(part))
        for key, blob in conn.execute(
            f"SELECT digest, vector FROM embeddings WHERE encoder = ? AND digest IN ({marks})",
            (encoder.name, *part),
        ):
            found[bytes(key)] = bytes(blob)
    if not found:
        return 0
    size = Counter(len(b) for b in found.values()).most_common(1)[0][0]
    good = [(wanted[k], b) for k, b in found.items() if len(b) == size and size % 4 == 0]
    rows = np.stack([np.frombuffer(b, dtype=np.float32) for _t, b in good])
    encoder.cache.put_many(encoder.name, [t for t, _b in good], rows)
    return len(good)


def save_states(conn: sqlite3.Connection, encoder: Encoder, texts: Sequence[str]) -> int:
    """Store the cached states of ``texts`` the project does not have yet (inside the
    caller's transaction). Returns how many rows were written."""
    unique = list(dict.fromkeys(texts))
    rows = encoder.cache.get_many(encoder.name, unique)
    data = [
        (encoder.name, digest(t), np.asarray(row, dtype=np.float32).tobytes())
        for t, row in zip(unique, rows, strict=True)
        if row is not None
    ]
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO embeddings (encoder, digest, vector) VALUES (?, ?, ?)", data
    )
    return conn.total_changes - before
