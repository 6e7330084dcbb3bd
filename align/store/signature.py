"""The signature of beads imported from a file rather than aligned.

A run signature says what produced a document's beads, in one comparable
line (cf. sacrebleu): ``hizala:0.1.0|encoder:none|import:tmx``. The
signatures of aligning and of pairing fragments name the models that did it
and are made one layer up (:mod:`align.review.signatures`).
"""

from __future__ import annotations

from .. import __version__
from .values import RunSignature

__all__ = ["import_signature"]


def import_signature(source: str) -> RunSignature:
    """The signature of beads imported from a file (``source``: its format, e.g. ``tmx``)."""
    return RunSignature(__version__, "none", (("import", source),))
