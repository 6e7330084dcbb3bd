"""The values of fragment finding: a Turkish span, an English span, their pairing.

All offsets are Python string indices into the document's decoded text as
:func:`align.textio.read_text` returns it (NFC, LF newlines, no BOM), so
``text[f.start:f.end] == f.text``. A :class:`FragmentMatch` is meant to become a
review bead one day: its Turkish side is the fragment, its English side the
match (or nothing), its confidence the score.
"""

from __future__ import annotations

from ..types import EnglishSpan, Fragment, FragmentMatch

__all__ = ["DEFAULT_THRESHOLD", "EnglishSpan", "Fragment", "FragmentMatch"]

DEFAULT_THRESHOLD = 0.29
"""Least pairing score of a match, calibrated on half of the devset
(``benchmarks/fit_fragments.py``)."""
