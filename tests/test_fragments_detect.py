"""Finding Turkish fragments in English text: what is a fragment and what is not.

The English and Turkish sentences are from WMT newstest2016 (the devset's
mixed articles) and from the seed articles in ``seeds/mixed``.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.fragments.detect import detect_fragments, find_quotes
from align.fragments.langid import LanguageScorer, words

EN1 = "Lamb grew up in the area and taught geography and education classes."
EN2 = "He received a doctorate in education in the spring."
TR1 = "İlkbaharda eğitim alanında doktorasını almıştı."
TR2 = "Carla ile arkadaşları lisedeydi ve Lamb de birkaç yıl gitar çalmayı öğretmeye çalıştı."


@pytest.fixture(scope="module")
def scorer() -> LanguageScorer:
    s = LanguageScorer()
    s.load()
    return s


# (text, [(fragment text, kind), ...])
CASES = [
    pytest.param(
        "The Alliance held a press conference in front of the Süreyya Opera House in Kadıköy.",
        [], id="names-in-english-sentence"),
    pytest.param("A protest was held in İzmir in response to the raids and arrests in Ankara.",
                 [], id="dotted-capital-I-place"),
    pytest.param("Çiğli Air Base in İzmir, the TKP argues, has missiles targeted at Greek people.",
                 [], id="sentence-starting-with-turkish-name"),
    pytest.param("Veterans Champions Fenerbahçe!\n\nIzmir\n\nKaldıraç Movement", [],
                 id="headings-that-are-names"),
    pytest.param("He writes for the newspaper “Cumhuriyet” and loves “Acıların Kadını”.", [],
                 id="quoted-titles-are-names"),
    pytest.param(f"{EN1}\n\n{TR1}\n\n{EN2}", [(TR1, "paragraph")], id="block-paragraph"),
    pytest.param(f"{EN1}\n\n{TR1} {TR2}\n\n{EN2}", [(f"{TR1} {TR2}", "paragraph")],
                 id="two-sentences-one-fragment"),
    pytest.param(f"{EN1} {TR1}\n\n{EN2}", [(TR1, "sentence")], id="sentence-inside-paragraph"),
    pytest.param(
        'A banner read "Lamb ve Prentiss belli ki bir süredir birliktelerdi." '
        '("Lamb and Prentiss had apparently been dating for some time.").',
        [("Lamb ve Prentiss belli ki bir süredir birliktelerdi.", "quote")], id="read-quote"),
    pytest.param(
        'We often laugh a lot when we talk. (Turkish: "Konuşurken çok sık gülüyoruz.") '
        "He said so.",
        [("Konuşurken çok sık gülüyoruz.", "quote")], id="turkish-colon-quote"),
    pytest.param("Protesters chanted “NATO Türkiye’den Çıksın!” outside the İncirlik base.",
                 [("NATO Türkiye’den Çıksın!", "quote")], id="curly-quoted-slogan"),
    pytest.param(f"{EN1}\n\nAğlıyordu.\n\n{EN2}", [("Ağlıyordu.", "paragraph")],
                 id="one-word-sentence"),
    pytest.param(f"{EN1}\n\nGÖZLER İRAN'DA\n\nEYES ON IRAN", [("GÖZLER İRAN'DA", "paragraph")],
                 id="capitals-heading"),
    pytest.param(
        "NATO Türkiye’den Çıksın! NATO darbecidir, NATO işgalcidir, NATO… "
        "pic.twitter.com/gAMT8TflfC — TKP – İstanbul (@istanbul_tkp) June 29, 2025",
        [("NATO Türkiye’den Çıksın! NATO darbecidir, NATO işgalcidir, NATO…", "paragraph")],
        id="tweet-without-its-attribution"),
    pytest.param(
        f"{EN1}\n\n\"Bu devlet hukuka uygun davranmalıdır\" dediğimizde, "
        "\"Siz bölücülük yapıyorsunuz\" diyorlar.",
        [("\"Bu devlet hukuka uygun davranmalıdır\" dediğimizde, "
          "\"Siz bölücülük yapıyorsunuz\" diyorlar.", "paragraph")],
        id="turkish-sentence-with-quotes-is-one-fragment"),
    pytest.param("Lütfen yorumunuzu giriniz!\nLütfen isminizi buraya giriniz",
                 [("Lütfen yorumunuzu giriniz!\nLütfen isminizi buraya giriniz", "paragraph")],
                 id="comment-form-footer"),
    pytest.param('Erdoğan said: "Bunlar alçak, zalimdir." The crowd cheered.',
                 [("Bunlar alçak, zalimdir.", "quote")], id="said-colon-quote"),
    pytest.param("The slogan 'Kahrolsun faşizm' was painted on a wall of İstanbul University.",
                 [("Kahrolsun faşizm", "quote")], id="single-quoted-slogan"),
    pytest.param("The tweet, which read «Yaşasın halkların kardeşliği», was deleted.",
                 [("Yaşasın halkların kardeşliği", "quote")], id="guillemets"),
    pytest.param('Students shouted "Hepimiz Hrant\'ız" while marching down İstiklal Avenue.',
                 [("Hepimiz Hrant'ız", "quote")], id="capitalised-slogan-with-suffix"),
    pytest.param("He wrote on Twitter: Türkiye kazanacak! Then he deleted the post.",
                 [("Türkiye kazanacak!", "quote")], id="unquoted-after-colon"),
    pytest.param("The list: Ankara, İzmir, Kadıköy and Beşiktaş. Note: it rained in Kadıköy.",
                 [], id="names-after-colon"),
    pytest.param("Galatasaray beat Fenerbahçe 2-1 at the Türk Telekom Arena, with goals from "
                 "Burak Yılmaz and Selçuk İnan.", [], id="football-names"),
    pytest.param("İYİ Parti and CHP formed the Millet İttifakı (Nation Alliance) in 2018.", [],
                 id="party-names"),
    pytest.param("", [], id="empty"),
    pytest.param("2025 — 12,000 — 3.5%", [], id="no-words"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect(text: str, expected: list[tuple[str, str]], scorer: LanguageScorer) -> None:
    found = detect_fragments(text, scorer)
    assert [(f.text, f.kind) for f in found] == expected
    for f in found:
        assert text[f.start:f.end] == f.text
        assert 0.5 < f.confidence < 1.0


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(f"{EN1}\n\n{TR1}\n\n{EN2}", [TR1], id="block"),
    pytest.param("The Alliance met in front of the Süreyya Opera House in Kadıköy.", [],
                 id="names"),
    pytest.param('A banner read "Lamb ve Prentiss belli ki bir süredir birliktelerdi." ("…").',
                 ["Lamb ve Prentiss belli ki bir süredir birliktelerdi."], id="quote"),
])
def test_rules_backend_needs_no_model(text: str, expected: list[str]) -> None:
    found = detect_fragments(text, LanguageScorer("rules"))
    assert [f.text for f in found] == expected


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend"):
        LanguageScorer("cld3")


def test_paragraph_numbers(scorer: LanguageScorer) -> None:
    text = f"{EN1}\n\n{EN2}\n\n{TR1}"
    (frag,) = detect_fragments(text, scorer)
    assert frag.paragraph == 2


@pytest.mark.parametrize(("text", "contents"), [
    pytest.param('He said "hello" and "bye".', ["hello", "bye"], id="straight"),
    pytest.param("It read “NATO’ya hayır” today.", ["NATO’ya hayır"], id="curly-with-apostrophe"),
    pytest.param("Turkey's and NATO'ya are not quotes.", [], id="apostrophes"),
    pytest.param("She said ‘go’ loudly.", ["go"], id="single-curly"),
    pytest.param("«Evet» dedi.", ["Evet"], id="guillemets"),
    pytest.param('("But Deila said: "Celtic have had bad periods."")',
                 ['But Deila said: "Celtic have had bad periods."', "Celtic have had bad periods."],
                 id="nested-straight"),
    pytest.param('An "unclosed quote here.', [], id="unbalanced"),
    pytest.param("the '90s and 'Kefir tüketin' slogan", ["Kefir tüketin"], id="single-straight"),
])
def test_find_quotes(text: str, contents: list[str]) -> None:
    assert [text[q.open + 1:q.close] for q in find_quotes(text)] == contents


def test_words_keep_offsets_and_split_suffixes() -> None:
    text = "NATO’ya İzmir'deki Turkey's"
    ws = words(text)
    assert [(w.text, w.base, w.suffix, w.capital) for w in ws] == [
        ("NATO’ya", "nato", "ya", True),
        ("İzmir'deki", "izmir", "deki", True),
        ("Turkey's", "turkey", "s", True),
    ]
    assert all(text[w.start:w.end] == w.text for w in ws)


POOL = [EN1, EN2, TR1, TR2, "Kadıköy'de “Evet” dedi.", "İzmir", "\n\n", "\n", " ", "—", '"', "’"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(POOL), max_size=12))
def test_fragments_are_ordered_exact_spans(parts: list[str]) -> None:
    text = " ".join(parts)
    found = detect_fragments(text, LanguageScorer("rules"))
    for f in found:
        assert text[f.start:f.end] == f.text == f.text.strip()
        assert f.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_any_text_gives_valid_spans(text: str) -> None:
    for f in detect_fragments(text, LanguageScorer("rules")):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text


class _NoShortcut(LanguageScorer):
    """Analyses every paragraph in full."""

    def could_hold_turkish(self, words: object) -> bool:
        return True


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(POOL), max_size=12), st.sampled_from(["lingua", "rules"]))
def test_skipping_plainly_english_paragraphs_changes_nothing(parts: list[str],
                                                             backend: str) -> None:
    text = "".join(p + ("\n\n" if k % 3 == 2 else " ") for k, p in enumerate(parts))
    assert detect_fragments(text, LanguageScorer(backend)) == detect_fragments(
        text, _NoShortcut(backend))


@pytest.mark.parametrize(("text", "could"), [
    pytest.param(EN1, False, id="english"),
    pytest.param("The Süreyya Opera House in Kadıköy was full.", True, id="turkish-names"),
    pytest.param("Ağlıyordu.", True, id="one-turkish-word"),
    pytest.param(TR1, True, id="turkish-sentence"),
    pytest.param("", False, id="no-words"),
])
def test_could_hold_turkish(text: str, could: bool, scorer: LanguageScorer) -> None:
    assert scorer.could_hold_turkish(words(text)) is could
