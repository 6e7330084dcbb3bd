"""Stamps: what an output was made from, so that a re-run can skip it.

Beside each output ``OUT`` a batch writes ``.OUT.hizala-stamp`` (a hidden
file in the same folder): a JSON line with the stamp, a SHA-256 over

* the input files' bytes (SHA-256 of each),
* the options that change the output (format, segmentation, encoding…),
* the run signature (:func:`align.review.signatures.run_signature`): hizala's
  version, the encoder, the hash of the aligner's weights file, the search
  width and the segmentation rules,

and the SHA-256 of the output as written; then the beads, one a line (the
``beads`` format), from which the corpus TMX of a skipped pair is made
again. An output is current when its stamp file says the same stamp as the
inputs on disk give now and the output still has the bytes it was written
with; anything else (a changed input, other options, another model, an
output edited or half-copied) makes the pair aligned again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..errors import FormatError
from ..formats import parse_beads
from ..types import Bead

__all__ = ["Stamp", "file_sha256", "make_stamp", "read_stamp", "stamp_path", "write_stamp"]

_FORMAT = "hizala-stamp/1"


def file_sha256(path: str) -> str:
    """SHA-256 of a file's bytes (read in blocks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def make_stamp(inputs: Iterable[str], settings: Mapping[str, object]) -> str:
    """The stamp of an output made from input files whose SHA-256 are ``inputs``, with
    ``settings`` (options and run signature; anything JSON can write)."""
    body = json.dumps({"inputs": list(inputs), "settings": settings}, sort_keys=True,
                      ensure_ascii=True, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def stamp_path(out: str) -> Path:
    """Where the stamp of output ``out`` lives: ``.NAME.hizala-stamp`` beside it."""
    p = Path(out)
    return p.with_name(f".{p.name}.hizala-stamp")


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a stamp file says."""

    stamp: str
    """The stamp of the inputs, options and model the output was made from."""
    output_sha256: str
    """SHA-256 of the output file as it was written."""
    beads_text: str
    """The beads, in the ``beads`` format ("" for outputs that are not alignments)."""

    def beads(self, where: str) -> list[Bead]:
        """The beads (``where`` names the file in errors)."""
        return parse_beads(self.beads_text, where)


def write_stamp(out: str, stamp: str, beads: Iterable[str] = ()) -> None:
    """Record that ``out`` (already written) was made with ``stamp``; ``beads`` are lines of
    the ``beads`` format."""
    head = json.dumps({"format": _FORMAT, "stamp": stamp, "output_sha256": file_sha256(out)})

    def chunks() -> Iterable[str]:
        yield head + "\n"
        yield from beads

    write_atomic(stamp_path(out), chunks(), error=FormatError, sweep=False)  # run_batch swept


def read_stamp(out: str) -> Stamp | None:
    """The stamp recorded for ``out``, or None when there is none (or it is unreadable)."""
    path = stamp_path(out)
    try:
        with open(path, encoding="utf-8") as f:
            head = json.loads(f.readline())
            rest = f.read()
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(head, dict) or head.get("format") != _FORMAT:
        return None
    stamp, sha = head.get("stamp"), head.get("output_sha256")
    if not isinstance(stamp, str) or not isinstance(sha, str):
        return None
    return Stamp(stamp, sha, rest)


def is_current(out: str, stamp: str) -> bool:
    """Whether ``out`` exists, unchanged since it was written with ``stamp``."""
    recorded = read_stamp(out)
    if recorded is None or recorded.stamp != stamp or not os.path.isfile(out):
        return False
    try:
        return file_sha256(out) == recorded.output_sha256
    except OSError:
        return False
