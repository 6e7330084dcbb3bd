"""Run-table embeddings kept on disk between fitting runs.

Fitting the aligner embeds every sentence and run of sentences of every
training document; with USE that is about a minute for bible-ot each time.
:class:`DiskCachedEncoder` wraps an encoder and stores each side's run table
under ``build/run-tables/`` keyed by the encoder, the run length and the
texts, so a second fitting run embeds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from align.encoders.base import Encoder, Progress

ROOT = Path(__file__).resolve().parent.parent


class DiskCachedEncoder:
    """The parts of an encoder the aligner's ``_side`` uses, with run tables cached on disk."""

    def __init__(self, encoder: Encoder, folder: Path | None = None) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.folder = folder or ROOT / "build" / "run-tables"
        self.folder.mkdir(parents=True, exist_ok=True)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.encoder, name)

    def encode_run_table(
        self, texts: Sequence[str], max_run: int, progress: Progress | None = None
    ) -> dict[int, np.ndarray]:
        digest = hashlib.sha1(f"{self.name}\x00{max_run}\x00".encode())
        for t in texts:
            digest.update(t.encode("utf-8") + b"\x00")
        path = self.folder / f"{digest.hexdigest()}.npz"
        if path.exists():
            with np.load(path) as z:
                return {int(k[1:]): z[k] for k in z.files}
        table = self.encoder.encode_run_table(texts, max_run, progress)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, **{f"r{a}": v for a, v in table.items()})
        tmp.replace(path)
        return table
