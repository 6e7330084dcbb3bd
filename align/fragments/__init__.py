"""Turkish fragments inside English documents: find them, pair them with their English.

:func:`detect_fragments` finds the Turkish spans (paragraphs, sentences,
quotations) of an English text; :func:`pair_fragments` finds for each the
English sentence or quotation that renders it, anywhere in the document, or
none; :func:`find_fragments` does both. The values are :class:`Fragment`,
:class:`EnglishSpan` and :class:`FragmentMatch`; offsets are string indices
into the text as :func:`align.textio.read_text` returns it.

Names are imported lazily, so ``import align.fragments`` loads no model.
"""

from __future__ import annotations

from typing import Any

from ..lazy import lazy_attribute

_EXPORTS = {
    "detect_fragments": "align.fragments.detect",
    "find_quotes": "align.fragments.detect",
    "pair_fragments": "align.fragments.pair",
    "find_fragments": "align.fragments.pair",
    "GlossaryEvidence": "align.fragments.pair",
    "PairingModel": "align.fragments.pair",
    "LanguageScorer": "align.fragments.langid",
    "Fragment": "align.fragments.model",
    "EnglishSpan": "align.fragments.model",
    "FragmentMatch": "align.fragments.model",
}

def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _EXPORTS, name)


__all__ = [
    "EnglishSpan",
    "Fragment",
    "FragmentMatch",
    "GlossaryEvidence",
    "LanguageScorer",
    "PairingModel",
    "detect_fragments",
    "find_fragments",
    "find_quotes",
    "pair_fragments",
]
