"""Run signatures: what produced an alignment, in one comparable line (cf. sacrebleu).

``hizala:0.1.0|encoder:use|aligner:crf-1a2b3c4d|radius:12|seg:srx-5e6f7a8b``
says which hizala, encoder, aligner weights, search width and segmentation
(the shipped SRX rules, a user's file, or ``lines`` for presegmented input)
made a document's beads. Two runs with the same signature give the same
beads for the same input. A mixed article's signature names the fragment
detector and the pairing model instead (:func:`mixed_signature`). The store
keeps signatures as values (:class:`align.store.RunSignature`).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from os import PathLike, fspath

from .. import __version__
from ..store import RunSignature

__all__ = ["mixed_signature", "run_signature"]


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


def mixed_signature(
    encoder: str,
    *,
    detector: str = "lingua",
    threshold: float | None = None,
    glossary: str | PathLike[str] | None = None,
) -> RunSignature:
    """The signature of finding and pairing an article's fragments: encoder, language
    evidence (``lingua`` or ``rules``), pairing model and threshold, segmentation, and the
    glossary's content when one gave evidence."""
    from ..fragments.pair import PairingModel

    model = PairingModel()
    weights = json.dumps([list(model.weights), model.bias]).encode("utf-8")
    params = {
        "kind": "mixed",
        "detector": detector,
        "pairing": f"logit-{_short_hash(weights)}",
        "threshold": f"{model.threshold if threshold is None else threshold:g}",
        "seg": f"srx-{_shipped('segment.srx')}",
    }
    if glossary is not None:
        with open(fspath(glossary), "rb") as f:
            params["glossary"] = _short_hash(f.read())
    return RunSignature(__version__, encoder, tuple(sorted(params.items())))
