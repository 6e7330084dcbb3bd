"""Turkish-aware text folding for matching; the original text is never changed.

Python's ``str.lower`` is wrong for Turkish: ``"I".lower()`` is ``"i"`` (Turkish
wants ``"ı"``) and ``"İ".lower()`` is two characters (``"i̇"``), which shifts every
offset after it. :func:`fold` maps one character to one character, so an offset
into the folded string is the same offset into the original.
"""

from __future__ import annotations

__all__ = ["APOSTROPHES", "fold", "fold_en", "tr_lower", "tr_upper"]

APOSTROPHES = "'’ʼ‘`´′"
"""Characters used as the apostrophe before Turkish suffixes (NATO'ya, Türkiye’den)."""

_TR_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_TR_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_APOSTROPHE_MAP = str.maketrans(dict.fromkeys(APOSTROPHES[1:], "'"))


def tr_lower(text: str) -> str:
    """Lower-case with Turkish dotted/dotless i rules (I→ı, İ→i); same length as ``text``."""
    out = text.translate(_TR_LOWER).lower()
    if len(out) == len(text):
        return out
    # A few characters lower-case to two code points; keep those unchanged.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text.translate(_TR_LOWER))


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules (i→İ, ı→I)."""
    return text.translate(_TR_UPPER).upper()


def fold(text: str) -> str:
    """Fold Turkish text for matching: Turkish lower case, every apostrophe as ``'``.

    One character in, one character out, so offsets carry over.
    """
    return tr_lower(text).translate(_APOSTROPHE_MAP)


def fold_en(text: str) -> str:
    """Fold English text for matching: ordinary lower case, every apostrophe as ``'``."""
    out = text.lower()
    if len(out) != len(text):
        out = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return out.translate(_APOSTROPHE_MAP)
