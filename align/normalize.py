"""Turkish-aware text folding for matching; the original text is never changed.

Python's ``str.lower`` is wrong for Turkish: ``"I".lower()`` is ``"i"`` (Turkish
wants ``"ı"``) and ``"İ".lower()`` is two characters (``"i̇"``), which shifts every
offset after it. :func:`fold`, :func:`fold_en` and :func:`tr_lower` map one
character to one character, so an offset into the folded string is the same
offset into the original.

The functions expect NFC text (what :func:`align.textio.read_text` returns): in
NFD, "İ" is "I" followed by U+0307 and folds to "ı" followed by the combining dot.
"""

from __future__ import annotations

__all__ = ["APOSTROPHES", "fold", "fold_en", "tr_lower", "tr_upper"]

APOSTROPHES = "'’ʼ‘`´′"
"""Characters used as the apostrophe before Turkish suffixes (NATO'ya, Türkiye’den).

The first one, ASCII ``'``, is what :func:`fold` and :func:`fold_en` turn the others into.
"""

_TR_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_EN_LOWER = str.maketrans({"İ": "i"})
_TR_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_APOSTROPHE_MAP = str.maketrans(dict.fromkeys(APOSTROPHES[1:], "'"))


def _lower_same_length(text: str) -> str:
    """``text.lower()``, except that a character whose lower case is longer stays as it is."""
    out = text.lower()
    if len(out) == len(text):
        return out
    # Unicode 15 has one such character, U+0130 "İ", which callers map first;
    # this keeps the promise should a later Unicode version add another.
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def tr_lower(text: str) -> str:
    """Lower-case with Turkish dotted/dotless i rules (I→ı, İ→i); same length as ``text``."""
    return _lower_same_length(text.translate(_TR_LOWER))


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules (i→İ, ı→I).

    For display only: like ``str.upper`` it may lengthen the text ("ß" → "SS").
    """
    return text.translate(_TR_UPPER).upper()


def fold(text: str) -> str:
    """Fold Turkish text for matching: Turkish lower case, every apostrophe as ``'``.

    One character in, one character out, so offsets carry over.
    """
    return tr_lower(text).translate(_APOSTROPHE_MAP)


def fold_en(text: str) -> str:
    """Fold English text for matching: ordinary lower case (I→i, İ→i), every apostrophe as ``'``.

    One character in, one character out, so offsets carry over.
    """
    return _lower_same_length(text.translate(_EN_LOWER)).translate(_APOSTROPHE_MAP)
