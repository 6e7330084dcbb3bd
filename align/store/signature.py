"""Run signatures: what produced an alignment, in one comparable line (cf. sacrebleu).

``hizala:0.1.0|encoder:use|aligner:crf-1a2b3c4d|radius:12|seg:srx-5e6f7a8b``
says which hizala, encoder, aligner weights, search width and segmentation
(the shipped SRX rules, a user's file, or ``lines`` for presegmented input)
made a document's beads. Two runs with the same signature give the same
beads for the same input.
"""

from __future__ import annotations

import hashlib
import importlib.resources
from os import PathLike, fspath

from .. import __version__
from .values import RunSignature

__all__ = ["import_signature", "run_signature"]


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def _shipped(name: str) -> str:
    return _short_hash(importlib.resources.files("align").joinpath(f"data/{name}").read_bytes())


def run_signature(
    encoder: str,
    *,
    presegmented: bool = False,
    srx: str | PathLike[str] | None = None,
    radius: int | None = None,
) -> RunSignature:
    """The signature of aligning with ``encoder`` (a name such as ``use``)."""
    from ..aligner.core import AlignConfig

    if presegmented:
        seg = "lines"
    elif srx is not None:
        with open(fspath(srx), "rb") as f:
            seg = f"srx-user-{_short_hash(f.read())}"
    else:
        seg = f"srx-{_shipped('segment.srx')}"
    params = {
        "aligner": f"crf-{_shipped('aligner_weights.json')}",
        "radius": str(radius if radius is not None else AlignConfig().radius),
        "seg": seg,
    }
    return RunSignature(__version__, encoder, tuple(sorted(params.items())))


def import_signature(source: str) -> RunSignature:
    """The signature of beads imported from a file (``source``: its format, e.g. ``tmx``)."""
    return RunSignature(__version__, "none", (("import", source),))
