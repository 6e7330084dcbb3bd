"""Turkish term matching: inflection found, derivation and look-alikes refused (table-driven)."""

from __future__ import annotations

import pytest

from align.glossary.model import Term
from align.glossary.turkish import TurkishMatcher

N, V, P = "noun", "verb", "propn"

# (term, pos, sentence, surfaces that must be found, in order)
CASES = [
    # plural, possessive, case, copula, -ki, ile
    (
        "ülke",
        N,
        "Ülkemizdeki ülkelerin, ülkeyken ülkesiyle; büyük bir ülkedir.",
        ["Ülkemizdeki", "ülkelerin", "ülkeyken", "ülkesiyle", "ülkedir"],
    ),
    ("mahkeme", N, "Dava mahkemece reddedildi.", ["mahkemece"]),
    ("öğrenci", N, "Öğrenciyken öğrencilere yardım ederdi.", ["Öğrenciyken", "öğrencilere"]),
    ("takım", N, "Takımıyla birlikte takımdaki herkes.", ["Takımıyla", "takımdaki"]),
    # consonant alternation, vowel drop, gemination
    ("kitap", N, "Kitabı ve kitapta yazanlar.", ["Kitabı", "kitapta"]),
    ("ağaç", N, "Ağacın dalı kırıldı.", ["Ağacın"]),
    ("çocuk", N, "Çocuğu ve çocukken.", ["Çocuğu", "çocukken"]),
    ("sokak", N, "Sokağı kapattılar.", ["Sokağı"]),
    ("şehir", N, "Şehre geldi, şehrin merkezinde, şehirde.", ["Şehre", "şehrin", "şehirde"]),
    ("resim", N, "Resmini gördüm.", ["Resmini"]),
    ("üs", N, "Üssü ve üssündeki askerler.", ["Üssü", "üssündeki"]),
    ("hak", N, "Hakkını aradı, haklarımızı savunduk.", ["Hakkını", "haklarımızı"]),
    ("renk", N, "Rengi değişti.", ["Rengi"]),
    ("hal", N, "Olağanüstü haller ve halde, bu hâlde.", ["haller", "halde", "hâlde"]),
    ("kağıt", N, "Kâğıdı aldı.", ["Kâğıdı"]),
    # proper nouns: apostrophes, none, curly, casing
    (
        "Türkiye",
        P,
        "Türkiye’den ve Türkiye'nin, TÜRKİYE'YE.",
        ["Türkiye’den", "Türkiye'nin", "TÜRKİYE'YE"],
    ),
    ("NATO", P, "NATO'ya ve NATO’nun üyeleri.", ["NATO'ya", "NATO’nun"]),
    ("ABD", P, "ABDnin ve ABD’ye giden heyet.", ["ABDnin", "ABD’ye"]),
    ("Suriye", P, "Suriyede ve Suriye'deki.", ["Suriyede", "Suriye'deki"]),
    ("İstanbul", P, "İstanbul'da ve istanbul yazımı.", ["İstanbul'da"]),
    ("Irak", P, "Irak'ın sınırı ırak değil.", ["Irak'ın"]),
    # multi-word, inflected on the last word; spelling variant with a space
    (
        "Dışişleri Bakanlığı",
        P,
        "Dış İşleri Bakanlığı'nın açıklaması.",
        ["Dış İşleri Bakanlığı'nın"],
    ),
    ("Dışişleri Bakanlığı", P, "Dışişleri Bakanlığında çalışıyor.", ["Dışişleri Bakanlığında"]),
    (
        "insan hakları",
        N,
        "İnsan haklarını savunan ve insan hakları ihlali.",
        ["İnsan haklarını", "insan hakları"],
    ),
    ("Yüksek Mahkeme", P, "Yüksek Mahkemesi'ne başvurdu.", ["Yüksek Mahkemesi'ne"]),
    (
        "gözaltına almak",
        V,
        "Polis onu gözaltına aldı; göz altına alınan kişiler.",
        ["gözaltına aldı", "göz altına alınan"],
    ),
    # verbs: tenses, voices, non-finite forms, -yor narrowing, t/d
    (
        "açıklamak",
        V,
        "Bakan açıklıyor, açıkladı ve açıklanan rakamlar açıklanmadı.",
        ["açıklıyor", "açıkladı", "açıklanan", "açıklanmadı"],
    ),
    (
        "tutuklamak",
        V,
        "Tutuklandı; tutuklanmalarını ve tutuklayıp bıraktılar.",
        ["Tutuklandı", "tutuklanmalarını", "tutuklayıp"],
    ),
    (
        "kaybetmek",
        V,
        "Kaybedeceksinizdir, kaybedebilir, kaybetmeden önce.",
        ["Kaybedeceksinizdir", "kaybedebilir", "kaybetmeden"],
    ),
    (
        "ölmek",
        V,
        "Öldüğünü duydu; ölenlerin aileleri; ölmemişler.",
        ["Öldüğünü", "ölenlerin", "ölmemişler"],
    ),
    (
        "kazanmak",
        V,
        "Kazanan takım kazandırmak istedi, kazanması zor.",
        ["Kazanan", "kazandırmak", "kazanması"],
    ),
    ("oynamak", V, "Oynuyor ve oynamıyor.", ["Oynuyor", "oynamıyor"]),
    ("söylemek", V, "Söylüyor ama söylemedi.", ["Söylüyor", "söylemedi"]),
    # derivations are other words
    (
        "Cumhurbaşkanı",
        N,
        "Cumhurbaşkanlığı açıklama yaptı; Cumhurbaşkanını kutladı.",
        ["Cumhurbaşkanını"],
    ),
    ("kral", N, "Krallık ve Krallık'ta kralı gördüler.", ["kralı"]),
    ("hasta", N, "Hastanede hastalık değil, hastalara bakıldı.", ["hastalara"]),
    ("savaş", N, "Savaşçı, savaşan taraflar ve savaşın sonu.", ["savaşın"]),
    ("vergi", N, "Vergisiz ürünler ve vergilendirmek değil, vergiyi ödedi.", ["vergiyi"]),
    ("Suriye", P, "Suriyeli göçmenler.", []),
    ("Amerika", P, "Amerikalı ve Amerikan askerleri, Amerika'da.", ["Amerika'da"]),
    ("Çin", P, "Çince konuşan Çinli ve Çingene değil, Çin'den geldi.", ["Çin'den"]),
    ("seçmek", V, "Seçim, seçmen ve seçenek değil; seçilen aday.", ["seçilen"]),
    ("ölmek", V, "Ölüm ve ölü; öldürdü ve öldürüldü.", []),
    ("yazmak", V, "Yazı, yazar ve yazılım; mektubu yazdı.", ["yazdı"]),
    # homographs
    ("üs", N, "Üst kat ve üstelik Üsküp, üslup, üst üste.", []),
    ("para", N, "Paralel evren, paraşüt, Paraguay; para cezası.", ["para"]),
    ("ev", N, "Evet, evrak ve evrim; evde kaldı.", ["evde"]),
    ("maç", N, "Maço adam maçı izledi.", ["maçı"]),
    ("yasa", N, "Yasak ve yasal; yasanın maddesi.", ["yasanın"]),
    ("halk", N, "Hane halkı gelirleri düştü; halka açık toplantı.", ["halka"]),
    ("ev", N, "Ev sahibi takım kazandı; dünya evine girdi.", []),
    ("takım", N, "Takım elbise giydi.", []),
    ("hak", N, "Onun hakkında konuştular.", []),
    # context: relational adjectives in -î, lexicalised -mA nouns, bare imperatives/aorists
    ("asker", N, "Askeri konvoy saldırıya uğradı; bir NATO askeri öldürüldü.", ["askeri"]),
    ("resim", N, "Resmi açıklama yapıldı.", []),
    ("açıklamak", V, "Yapılan açıklamada ayrıntı yok.", []),
    ("açıklamak", V, "Faizin değişmeyeceğini açıklaması bekleniyor.", ["açıklaması"]),
    ("yazmak", V, "Yaz okulu başladı ve o yazın sonunda bir yazar geldi.", []),
    ("yazmak", V, "Hemen yaz!", ["yaz"]),
    ("savaş", N, "Bu bir savaştı.", ["savaştı"]),
    ("üs", N, "Sırt üstü yattı, üstü olan subay.", []),
    ("resim", N, "Kadının resmi yaygın olarak yayımlandı.", ["resmi"]),
    ("asker", N, "ABD'nin askeri desteğinde ilerlediler.", []),
    ("Yüksek Mahkeme", P, "Ülkenin en yüksek mahkemesi karar verdi.", []),
    ("Yüksek Mahkeme", P, "Bir federal yüksek mahkeme karar verdi.", ["yüksek mahkeme"]),
]


@pytest.mark.parametrize(
    ("term", "pos", "sentence", "expected"), CASES, ids=[f"{c[0]}:{c[2][:28]}" for c in CASES]
)
def test_matches(term: str, pos: str, sentence: str, expected: list[str]) -> None:
    matcher = TurkishMatcher([Term(tr=term, en=("x",), pos=pos)])
    found = [sentence[s.start : s.end] for s in matcher.find(sentence)]
    assert found == expected


def test_spans_cover_whole_tokens_and_multiword() -> None:
    matcher = TurkishMatcher([Term(tr="Beyaz Saray", en=("White House",), pos=P)])
    text = "Açıklama Beyaz Saray'dan geldi."
    [span] = matcher.find(text)
    assert (span.start, span.end) == (9, 24)
    assert text[span.start : span.end] == "Beyaz Saray'dan"


def test_longer_verb_term_wins_over_its_base() -> None:
    terms = [Term(tr="ölmek", en=("die",), pos=V), Term(tr="öldürmek", en=("kill",), pos=V)]
    found = TurkishMatcher(terms).find("Onu öldürdüler ve sonra kendisi öldü.")
    assert [(s.term.tr, s.start) for s in found] == [("öldürmek", 4), ("ölmek", 32)]


def test_nested_terms_are_found_independently() -> None:
    terms = [
        Term(tr="Yüksek Mahkeme", en=("Supreme Court",), pos=P),
        Term(tr="mahkeme", en=("court",)),
    ]
    found = TurkishMatcher(terms).find("Yüksek Mahkeme'de görüldü.")
    assert sorted(s.term.tr for s in found) == ["Yüksek Mahkeme", "mahkeme"]


def test_case_sensitive_term() -> None:
    term = Term(tr="Ak", en=("white",), case_sensitive=True)
    found = TurkishMatcher([term]).find("Ak Parti ve ak saçlar.")
    assert [s.start for s in found] == [0]


def test_variants_match_like_the_lemma() -> None:
    term = Term(tr="hükümet", en=("government",), variants=("hükumet",))
    found = TurkishMatcher([term]).find("Hükumetin kararı ve hükümete tepki.")
    assert len(found) == 2


def test_cost_does_not_depend_on_glossary_size() -> None:
    """Lookups go through the stem index: a word with no candidate stem is not parsed."""
    terms = [Term(tr=f"terim{i:04d}", en=("x",)) for i in range(2000)]
    matcher = TurkishMatcher([*terms, Term(tr="ülke", en=("country",))])
    assert [s.term.tr for s in matcher.find("Bu ülkede yaşıyor.")] == ["ülke"]
    assert len(matcher._by_stem) >= 2000
