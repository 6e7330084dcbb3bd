"""Encoder states kept in the project, so re-aligning after a restart embeds nothing twice.

Rows are keyed by the encoder's name and a 128-bit BLAKE2b of the text; the
value is the encoder's per-text *state* (what its in-process cache holds) as
raw float32. The store keeps these values and knows nothing of encoders:
the review layer (:mod:`align.review.embeddings`) puts the stored states into
an encoder's cache before the aligner runs, and hands back the states it
computed afterwards.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from .base import ProjectFile

__all__ = ["Embeddings", "digest"]

_CHUNK = 500


def digest(text: str) -> bytes:
    """The key of a text in the ``embeddings`` table."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Embeddings:
    """Stored encoder states (part of :class:`~align.store.Project`)."""

    def __init__(self, file: ProjectFile) -> None:
        self.file = file
        """The open project file."""

    def stored_states(self, encoder: str, texts: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        """The states stored for those of ``texts`` the project has, under the encoder's
        name. Rows whose length differs from the majority (another model under the same
        name) are left out."""
        wanted = {digest(t): t for t in texts}
        keys = list(wanted)
        found: dict[bytes, bytes] = {}
        with self.file.read() as conn:
            for k in range(0, len(keys), _CHUNK):
                part = keys[k : k + _CHUNK]
                marks = ",".join("?" * len(part))
                for key, blob in conn.execute(
                    "SELECT digest, vector FROM embeddings "
                    f"WHERE encoder = ? AND digest IN ({marks})",
                    (encoder, *part),
                ):
                    found[bytes(key)] = bytes(blob)
        if not found:
            return {}
        size = Counter(len(b) for b in found.values()).most_common(1)[0][0]
        return {
            wanted[k]: np.frombuffer(b, dtype=np.float32)
            for k, b in found.items()
            if len(b) == size and size % 4 == 0
        }

    def save_states(self, encoder: str, states: Iterable[tuple[str, NDArray[np.floating]]]) -> int:
        """Store ``(text, state)`` pairs under the encoder's name, those the project does not
        have yet (one transaction). Returns how many rows were written."""
        data = [
            (encoder, digest(text), np.asarray(row, dtype=np.float32).tobytes())
            for text, row in dict(states).items()
        ]
        with self.file.write() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO embeddings (encoder, digest, vector) VALUES (?, ?, ?)",
                data,
            )
            return conn.total_changes - before
