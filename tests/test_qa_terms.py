"""Term findings a reviewer can trust: longer entries and exceptions win, other senses,
English case, one rendering only when asked (table-driven, the repository's glossary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.glossary.match import TermMatcher
from align.glossary.model import Term
from align.glossary.yaml_store import load_glossary, parse_glossary
from align.qa import check_document, check_pair
from align.segment import segment_lines
from align.types import Bead, Document

SHIPPED = TermMatcher(load_glossary(Path(__file__).parent.parent / "glossary.yaml"))


def terms(tr: str, en: str, matcher: TermMatcher = SHIPPED) -> list[tuple[str, str]]:
    out = []
    for f in check_pair(tr, en, matcher):
        if f.kind in ("missing", "forbidden"):
            assert f.tr_span is not None
            out.append((f.kind, tr[f.tr_span[0] : f.tr_span[1]]))
    return out


CASES = [
    # the false alarms, each fine now
    ("longer entry", "Rus savaş uçakları köye saldırdı.", "Russian warplanes attacked the village.", []),
    ("longer entry 2", "Bir savaş uçağı düştü.", "A fighter plane crashed.", []),
    ("party council", "Parti meclisi toplandı.", "The party council met.", []),
    ("unconstitutional", "Mahkeme yasayı anayasaya aykırı buldu.",
     "The court found the law unconstitutional.", []),
    ("constitutional court", "Anayasa Mahkemesi'ne gidecek.",
     "It will apply to the Constitutional Court.", []),
    ("cosmetic surgery", "Ünlü şarkıcı estetik operasyon geçirdi.", "The singer had cosmetic surgery.", []),
    ("dominant", "Bu dönemde baskın olan görüş buydu.", "This was the dominant view of the time.", []),
    ("prevailed", "Sonunda akıl baskın çıktı.", "In the end reason prevailed.", []),
    ("top", "Takım zirveye yerleşti.", "The team went to the top.", []),
    ("president in lower case", "Cumhurbaşkanı konuştu.", "Turkey's president spoke.", []),
    ("shot", "Kız arkadaşını silahla vurdu.", "He shot his girlfriend.", []),
    ("derived rendering", "Ülke çapında etkili oldu.", "It took nationwide effect.", []),
    ("derived verb", "Ağır silahlarla donatılmış askerler", "heavily armed soldiers", []),
    ("british spelling", "Kirli terör örgütleri.", "Filthy terrorist organisations.", []),
    ("an -ion noun's -ure", "Yeni anayasa yasa ile geldi.", "The legislature passed a new constitution.",
     []),
    ("irregular form", "Gözaltına alındılar.", "They were taken into custody.", []),
    # and what must still be found
    ("missing", "Üssün kapatılmasını istediler.", "They demanded its closure.", [("missing", "Üssün")]),
    ("replaced", "Mahkeme yasayı anayasaya aykırı buldu.", "The court found the law legal.",
     [("missing", "anayasaya aykırı")]),
    ("forbidden", "Onlarca kişi gözaltına alındı.", "Dozens were arrested.",
     [("missing", "gözaltına alındı"), ("forbidden", "gözaltına alındı")]),
    ("real war", "Savaş üç yıl sürdü.", "The conflict lasted three years.", [("missing", "Savaş")]),
    ("raid not dominant", "Polis baskın düzenledi.", "The police searched the house.",
     [("missing", "baskın")]),
]


@pytest.mark.parametrize(("tr", "en", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_term_findings(tr: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert terms(tr, en) == expected


def test_missing_is_a_warning_forbidden_an_error() -> None:
    found = check_pair("Onlarca kişi gözaltına alındı.", "Dozens were arrested.", SHIPPED)
    assert {(f.kind, f.severity) for f in found} == {("missing", "warning"), ("forbidden", "error")}


GLOSSARY = """terms:
  - tr: "savaş"
    en: ["war"]
    exceptions: ["savaş uçağı", "savaş açmak"]
  - tr: "zirve"
    en: ["summit"]
    other_senses: ["top", "peak"]
"""


@pytest.mark.parametrize(
    ("tr", "en", "expected"),
    [
        ("Savaş uçakları geldi.", "Planes came.", []),  # inside an exception: not the term
        ("Yolsuzluğa savaş açtılar.", "They fought corruption.", []),  # a verb phrase
        ("Savaş bitti.", "It ended.", [("missing", "Savaş")]),
        ("Zirveye çıktı.", "It reached the peak.", []),
        ("Zirve yapıldı.", "It was held.", [("missing", "Zirve")]),
    ],
)
def test_exceptions_and_other_senses(tr: str, en: str, expected: list[tuple[str, str]]) -> None:
    matcher = TermMatcher(parse_glossary(GLOSSARY, "g.yaml"))
    assert terms(tr, en, matcher) == expected


def test_an_exception_hides_the_term_from_hizala_terms_too() -> None:
    matcher = TermMatcher(parse_glossary(GLOSSARY, "g.yaml"))
    assert matcher.match_pair("Savaş uçakları geldi.", "Planes came.") == []
    assert [h.surface for h in matcher.match_pair("Savaş bitti.", "War ended.")] == ["Savaş"]


def _doc(lines: list[str], lang: str) -> Document:
    text = "\n".join(lines) + "\n"
    return Document(text, tuple(segment_lines(text)), lang)


def test_inconsistent_only_when_the_term_asks_for_one_rendering() -> None:
    tr = _doc(["Türkiye sınırı kapandı.", "Türkiye açıklama yaptı.",
               "Suriye'de çatışma.", "Suriye sınırı."], "tr")
    en = _doc(["The Turkish border closed.", "Turkey made a statement.",
               "Fighting in Syria.", "The Syrian border."], "en")
    beads = [Bead((i,), (i,)) for i in range(4)]
    assert [f.kind for f in check_document(tr, en, beads, SHIPPED)] == []
    strict = TermMatcher([Term(tr="Türkiye", en=("Turkey", "Turkish"), pos="propn",
                               consistent=True)])
    found = check_document(tr, en, beads, strict)
    assert [(f.kind, f.bead, f.severity) for f in found] == [("inconsistent", 1, "warning")]
    assert "'Turkey' here but 'Turkish'" in found[0].message
