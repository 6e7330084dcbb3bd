"""The values of fragment finding: a Turkish span, an English span, their pairing.

They are defined with the others every layer passes around (:mod:`align.types`)
and named here too. All offsets are Python string indices into the
document's decoded text as :func:`align.textio.read_text` returns it (NFC, LF
newlines, no BOM), so ``text[f.start:f.end] == f.text``. The calibrated
pairing threshold is ``shipped_weights().threshold`` (:mod:`.fitted`).
"""

from __future__ import annotations

from ..types import EnglishSpan, Fragment, FragmentMatch

__all__ = ["EnglishSpan", "Fragment", "FragmentMatch"]
