"""Names misspelled across a pair and Turkish left in the English (table-driven)."""

from __future__ import annotations

import pytest

from align.qa_text import name_findings, name_spellings, untranslated_findings

NAMES = [
    # (id, Turkish, English, the English and Turkish spellings flagged)
    ("same", "Erdoğan Ankara'da konuştu.", "Erdoğan spoke in Ankara.", []),
    ("folded letters", "Erdoğan Ankara'da konuştu.", "Erdogan spoke in Ankara.", []),
    ("english typo", "Erdoğan Ankara'da konuştu.", "Erdgoan spoke in Ankara.", [("Erdgoan", "Erdoğan")]),
    ("turkish typo with suffix", "Cleveland, Misissippi'den bildirdi.",
     "reported from Cleveland, Mississippi.", [("Mississippi", "Misissippi")]),
    ("doubled letter", "Ferrell konuştu.", "Ferrrell spoke.", [("Ferrrell", "Ferrell")]),
    ("dropped letter", "Kılıçdaroğlu geldi.", "Klıçdaroğlu came.", [("Klıçdaroğlu", "Kılıçdaroğlu")]),
    ("typo beside the right spelling", "Akank Sanat ve Akbank Sanat Günleri",
     "Akbank Sanat and the Akbank Sanat Days", [("Akbank", "Akank")]),
    ("a word a letter from a name", "Cemal Okan Yüksel ve Yüksek Disiplin Kurulu",
     "Cemal Okan Yuksel and the High Disciplinary Board", []),
    # how Turkish spells foreign names is no typo
    ("c and k", "Kriminal Polis", "the Criminal Police", []),
    ("q and k", "Kasım Süleymani", "Qasim Soleimani", []),
    ("j and c", "Sincar'da", "in Sinjar", []),
    ("th", "Katmandu'da", "in Kathmandu", []),
    ("ou", "Ruhani dedi", "Rouhani said", []),
    ("vowels", "Suudi Arabistan", "Saudi Arabia", []),
    ("y and i", "Radyo Televizyon", "Radio Television", []),
    ("exonym", "Fransa ve Irak", "France and Iraq", []),
    ("exonym beside a look-alike", "Irak, Kafkas, İran", "Iraq, the Caucasus, Iran", []),
    ("a cognate double", "Profesör Lamb", "Professor Lamb", []),
    ("turkish plural", "Antiller", "the Antilles", []),
    ("short words are not compared", "Ali geldi.", "Ale came.", []),
    ("vowels kept apart", "Ankara Piyano Festivali", "Ankara Piano Festival", []),
    ("english plural", "Lider Don'lar farkı açtı", "Dons stretch lead", []),
    ("british spelling", "Zorlu Center Eataly'de", "in Zorlu Centre Eataly", []),
]


@pytest.mark.parametrize(("tr", "en", "flagged"), [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_name_findings(tr: str, en: str, flagged: list[tuple[str, str]]) -> None:
    out = []
    for f in name_findings(tr, en):
        assert f.kind == "name-spelling" and f.severity == "error"
        assert f.en_span and f.tr_span
        out.append((en[f.en_span[0] : f.en_span[1]], tr[f.tr_span[0] : f.tr_span[1]]))
    assert out == flagged


def test_two_letters_are_no_name_spelled_two_ways() -> None:
    assert name_spellings("As every year, Koç AŞ paid.") == []


def test_name_spellings_in_a_document_once_per_spelling() -> None:
    text = "İnce spoke; Ince left; Ince came; İnce and İnce."
    [f] = name_spellings(text)
    assert f.message == "'Ince' (2 places) is also spelled 'İnce' in this document; spell it one way"
    assert text[f.en_span[0] : f.en_span[1]] == "Ince"  # type: ignore[index]


UNTRANSLATED = [
    # (id, Turkish, English, (severity, English text) flagged)
    ("translated", "O anda ürperti hissettim.", "In that moment I felt chills.", []),
    ("half left", "O anda ürperti hissettim.", "O anda I felt chills.", [("error", "O anda")]),
    ("half left long", "Bazen kesiyorduk ve birbirimize bir satırı atıyorduk.",
     "Bazen kesiyorduk ve throwing one-liners at each other.",
     [("error", "Bazen kesiyorduk ve")]),
    ("suffix left", "Trabzonspor'da Castillo ameliyat edildi",
     "Trabzonspor'da Castillo surgery in Trabzonspor", [("error", "Trabzonspor'da Castillo")]),
    ("two words in a long line", "O anda ürperti hissettim ve eve döndüm.",
     "O anda I felt chills and went home, where my family waited for me.",
     [("warning", "O anda")]),
    ("one word", "Gösteri yapıldı.", "A gösteri was held.", [("warning", "gösteri")]),
    ("whole line", "Bu bir deneme cümlesidir.", "Bu bir deneme cümlesidir.",
     [("error", "Bu bir deneme cümlesidir.")]),
    ("english on both sides", "UN Chief Says There Is No Military Solution",
     "UN Chief Says There Is No Military Solution", []),
    ("names are copied", "Recep Tayyip Erdoğan ve Mehmet Görmez konuştu.",
     "Recep Tayyip Erdoğan and Mehmet Görmez spoke.", []),
    ("a list of places", "Diyarbakır, İstanbul, Şırnak ve Mardin'de",
     "in Diyarbakır, İstanbul, Şırnak and Mardin", []),
    ("a title", "Zaman Gazetesi", "Zaman Newspaper", []),
    ("loanword", "Ekmeğe 25 kuruş zam geldi.", "A price increase of 25 kuruş on bread.", []),
    ("unit", "10 km koştu.", "He ran 10 km.", []),
    ("quoted title", "\"Acıların Kadını\" filminde oynadı.",
     "She played in the film \"Acıların Kadını\" that year.", []),
    ("a number inside", "Bazıları 90'larda ve bazıları 2000'lerin başında.",
     "Bazıları 90'larda ve '90s and in early 2000s.", [("error", "Bazıları 90'larda ve")]),
    ("name particle", "Hollandalı de Boer'in canını sıkıyor", "bores Dutch - de Boer", []),
]


@pytest.mark.parametrize(
    ("tr", "en", "flagged"), [c[1:] for c in UNTRANSLATED], ids=[c[0] for c in UNTRANSLATED]
)
def test_untranslated(tr: str, en: str, flagged: list[tuple[str, str]]) -> None:
    out = []
    for f in untranslated_findings(tr, en):
        assert f.kind == "untranslated" and f.en_span
        out.append((f.severity, en[f.en_span[0] : f.en_span[1]]))
    assert out == flagged
