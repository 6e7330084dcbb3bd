"""Turkish-aware case folding and apostrophe normalisation."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from align.normalize import APOSTROPHES, fold, fold_en, tr_lower, tr_upper

# (input, tr_lower, fold)
TURKISH: list[tuple[str, str, str]] = [
    ("I", "ı", "ı"),
    ("İ", "i", "i"),
    ("ı", "ı", "ı"),
    ("i", "i", "i"),
    ("ISPARTA", "ısparta", "ısparta"),
    ("Isparta", "ısparta", "ısparta"),
    ("İSTANBUL", "istanbul", "istanbul"),
    ("İstanbul", "istanbul", "istanbul"),
    ("IĞDIR", "ığdır", "ığdır"),
    ("DİYARBAKIR", "diyarbakır", "diyarbakır"),
    ("ŞIRNAK", "şırnak", "şırnak"),
    ("ÇANAKKALE", "çanakkale", "çanakkale"),
    ("ÖDEMİŞ", "ödemiş", "ödemiş"),
    ("ÜSKÜDAR", "üsküdar", "üsküdar"),
    ("ĞŞÇÖÜIİ", "ğşçöüıi", "ğşçöüıi"),
    ("ğşçöüıi", "ğşçöüıi", "ğşçöüıi"),
    ("KÂĞIT", "kâğıt", "kâğıt"),
    ("NATO'ya", "nato'ya", "nato'ya"),
    ("NATO’ya", "nato’ya", "nato'ya"),
    ("NATOʼya", "natoʼya", "nato'ya"),
    ("NATO‘ya", "nato‘ya", "nato'ya"),
    ("NATO`ya", "nato`ya", "nato'ya"),
    ("NATO´ya", "nato´ya", "nato'ya"),
    ("NATO′ya", "nato′ya", "nato'ya"),
    ("TÜRKİYE’DEN", "türkiye’den", "türkiye'den"),
    ("Lamb’in 911’i", "lamb’in 911’i", "lamb'in 911'i"),
    ("“Karımı öldürdüm”", "“karımı öldürdüm”", "“karımı öldürdüm”"),
    ("ẞ", "ß", "ß"),
    ("", "", ""),
]

# (input, tr_upper)
TURKISH_UPPER: list[tuple[str, str]] = [
    ("i", "İ"),
    ("ı", "I"),
    ("istanbul", "İSTANBUL"),
    ("ısparta", "ISPARTA"),
    ("ığdır", "IĞDIR"),
    ("şişli", "ŞİŞLİ"),
    ("çöğüş", "ÇÖĞÜŞ"),
    ("diyarbakır", "DİYARBAKIR"),
    ("nato’ya", "NATO’YA"),
    ("ß", "SS"),  # display only: tr_upper may lengthen
]

# (input, fold_en)
ENGLISH: list[tuple[str, str]] = [
    ("I", "i"),
    ("Istanbul", "istanbul"),
    ("İstanbul", "istanbul"),
    ("ISPARTA", "isparta"),
    ("DON’T", "don't"),
    ("don't", "don't"),
    ("Turkeyʼs", "turkey's"),
    ("ı", "ı"),
    ("ẞ", "ß"),
    ("ΑΣ", "ας"),
]


@pytest.mark.parametrize(("text", "lower", "folded"), TURKISH)
def test_tr_lower_and_fold(text: str, lower: str, folded: str) -> None:
    assert tr_lower(text) == lower
    assert fold(text) == folded
    assert len(tr_lower(text)) == len(fold(text)) == len(text)


@pytest.mark.parametrize(("text", "upper"), TURKISH_UPPER)
def test_tr_upper(text: str, upper: str) -> None:
    assert tr_upper(text) == upper


@pytest.mark.parametrize(("text", "folded"), ENGLISH)
def test_fold_en(text: str, folded: str) -> None:
    assert fold_en(text) == folded
    assert len(fold_en(text)) == len(text)


def test_apostrophe_variants_fold_the_same() -> None:
    variants = {fold(f"NATO{a}ya") for a in APOSTROPHES}
    assert variants == {"nato'ya"}
    assert {fold_en(f"Turkey{a}s") for a in APOSTROPHES} == {"turkey's"}
    assert APOSTROPHES[0] == "'"
    assert len(set(APOSTROPHES)) == len(APOSTROPHES)


def test_python_lower_is_wrong_for_turkish() -> None:
    """Why the module exists: str.lower() changes the length and dots the I."""
    assert len("İ".lower()) == 2
    assert "I".lower() == "i"
    assert tr_lower("İI") == "iı"


def test_round_trip_of_the_turkish_alphabet() -> None:
    upper = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"
    lower = "abcçdefgğhıijklmnoöprsştuüvyz"
    assert tr_lower(upper) == lower
    assert tr_upper(lower) == upper


@given(st.text())
@example("İ")
@example("ẞ")
@example("İİİ ẞ ΑΣ ﬁ ŉ")
@example("I\u0307")
def test_folds_preserve_length(text: str) -> None:
    """One character in, one out, so offsets into the folded text are offsets into the text."""
    assert len(fold(text)) == len(text)
    assert len(fold_en(text)) == len(text)
    assert len(tr_lower(text)) == len(text)


@given(st.text())
def test_fold_only_changes_case_and_apostrophes(text: str) -> None:
    folded = fold(text)
    lowered = tr_lower(text)
    for orig, f, low in zip(text, folded, lowered, strict=True):
        if orig in APOSTROPHES:
            assert f == "'"
        else:
            assert f == low


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold_en(fold_en(text)) == fold_en(text)


@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ '’ʼ"))
def test_fold_ignores_turkish_case(text: str) -> None:
    assert fold(tr_upper(text)) == fold(text)
    assert fold(text) == fold(unicodedata.normalize("NFC", text))
