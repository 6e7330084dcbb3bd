"""Checks on aligned pairs: terms, numbers, untranslated words; document consistency."""

from __future__ import annotations

import pytest

from align.glossary.match import TermMatcher
from align.glossary.model import Term
from align.qa import check_document, check_pair
from align.segment import segment_lines
from align.types import Bead, Document

TERMS = [
    Term(tr="gözaltı", en=("detention", "custody"), forbidden=("arrest",)),
    Term(tr="gözaltına almak", en=("detain",), pos="verb", forbidden=("arrest",)),
    Term(
        tr="İçişleri Bakanlığı", en=("Interior Ministry", "Ministry of the Interior"), pos="propn"
    ),
    Term(tr="üs", en=("base",)),
]
M = TermMatcher(TERMS)


def kinds(tr: str, en: str) -> list[tuple[str, str | None]]:
    out = []
    for f in check_pair(tr, en, M):
        side = en[f.en_span[0] : f.en_span[1]] if f.en_span else tr[f.tr_span[0] : f.tr_span[1]]  # type: ignore[index]
        out.append((f.kind, side))
    return out


PAIRS = [
    ("fine", "İçişleri Bakanlığı'nın açıklaması.", "The Interior Ministry's statement.", []),
    (
        "missing",
        "Üssün kapatılmasını istediler.",
        "They demanded its closure.",
        [("missing", "Üssün")],
    ),
    (
        "forbidden",
        "Onlarca kişi gözaltına alındı.",
        "Dozens were arrested.",
        [("missing", "gözaltına alındı"), ("forbidden", "arrested")],
    ),
    (
        "nested term not reported twice",
        "Onlarca kişi gözaltına alındı.",
        "Dozens were detained.",
        [],
    ),
    ("thousands and decimals", "Toplam 1.250,5 ton.", "A total of 1,250.5 tonnes.", []),
    (
        "turkish thousands dot kept",
        "1.250 kişi katıldı.",
        "1.250 people joined.",
        [("number", "1.250")],
    ),
    ("thousand inflected", "Salonda 15 binden fazla kişi vardı.",
     "There were more than 15 thousand people in the hall.", []),
    ("thousand as a figure", "Salonda 15 binden fazla kişi vardı.",
     "There were more than 15,000 people in the hall.", []),
    ("million inflected", "3 milyonu aşkın seçmen oy kullandı.",
     "More than 3 million voters cast their ballots.", []),
    ("billion inflected", "İHRACAT 2 MİLYARA ULAŞTI.", "Exports reached 2 billion.", []),
    ("thousand in between", "Toplam satış alanı 6 bin 500 metrekare.",
     "Its total retail area is 6500 square metres.", []),
    ("bare thousand in between", "Oy kullanan bin 238 delegeden 990'ının oyunu aldı.",
     "He received the votes of 990 delegates out of 1238.", []),
    ("million and thousand", "2 milyon 300 bin kişi", "2.3 million people", []),
    ("time", "Kurultay saat 10.00'da toplandı.", "The congress gathered at 10:00 am.", []),
    ("time on a 24-hour clock", "İlk yarım saat (17:00-17:30) izlendi.",
     "The first half hour (5pm-5.30pm) was watched.", []),
    ("time wrong", "Saat 17:00'de başladı.", "It began at 6 pm.", [("number", "6 pm")]),
    ("time without saat", "Konserlerin başlama saati 20.00.", "The concerts start at 20:00.", []),
    ("time read as a number", "Karar saat 20.00'de duyurulacak.",
     "The decision is due at 20.00 CET.", []),
    ("date with dots is not a time", "24.06.2026 tarihinde", "on 24.06.2026", []),
    ("english thousand in between", "Colombo 7 bin 750 euro alacak.",
     "Colombo will receive 7 thousand 750 euros.", []),
    ("percent range", "Yüzde 45 ila 95 arası alkol içeriyor.",
     "They contain between 45 and 95 percent alcohol.", []),
    ("a year as written", "1990'da kuruldu.", "It was founded long ago.",
     [("number", "1990")]),
    ("percent with a dot is not a time", "Faiz %12.50 oldu.", "The rate became 12.5%.", []),
    ("yüzde with a dot is not a time", "Faiz yüzde 12.50 oldu.", "The rate became 12.5%.", []),
    ("day range", "15-16 Ocak tarihlerinde konser verdi.",
     "The concerts were on January 15 and 16.", []),
    ("same year twice, once in English", "1999'da basıldı, 1999'da satıldı.",
     "Printed and sold in 1999.", []),
    ("bina is not bin", "Depremde 15 bina yıkıldı.", "15 buildings collapsed in the quake.", []),
    ("percent", "Enflasyon %5 arttı.", "Inflation rose 5%.", []),
    ("percent in turkish order", "Enflasyon %5 arttı.", "Inflation rose %5.", [("number", "%5")]),
    ("yüzde", "Yüzde 5,7 büyüdü.", "It grew 5.7 percent.", []),
    ("date", "24 Haziran'da toplandılar.", "They met on June 24.", []),
    ("date other order", "24 Haziran'da toplandılar.", "They met on 24 June.", []),
    ("date wrong", "24 Haziran'da toplandılar.", "They met on June 25.", [("number", "June 25")]),
    ("number dropped", "168 öğrenci öldü.", "Many students died.", [("number", "168")]),
    ("number as word", "6 kişi geldi.", "Six people came.", []),
    ("millions", "2 milyon kişi.", "2 million people.", []),
    (
        "untranslated words",
        "Basın açıklaması yapıldı.",
        "A basın açıklaması was made.",
        [("untranslated", "basın açıklaması")],
    ),
    ("one turkish word", "Gösteri yapıldı.", "A gösteri was held.", [("untranslated", "gösteri")]),
    ("money kept in turkish", "Ekmeğe 25 kuruş zam geldi.",
     "A price increase of 25 kuruş on bread.", []),
    ("names are fine", "Kadıköy'de toplandılar.", "They gathered in Kadıköy.", []),
]


@pytest.mark.parametrize(
    ("tr", "en", "expected"), [p[1:] for p in PAIRS], ids=[p[0] for p in PAIRS]
)
def test_pair_checks(tr: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(tr, en) == expected


def _doc(lines: list[str], lang: str) -> Document:
    text = "\n".join(lines) + "\n"
    return Document(text, tuple(segment_lines(text)), lang)


def test_document_checks_inconsistent_and_name_spelling() -> None:
    tr = _doc(
        ["Gözaltı sürdü.", "İzmir'de gözaltı kararı.", "Gözaltı bitti.", "İzmir sakin."], "tr"
    )
    en = _doc(
        [
            "The detention went on.",
            "A custody order in İzmir.",
            "The detention ended.",
            "Izmir is calm.",
        ],
        "en",
    )
    beads = [Bead((i,), (i,)) for i in range(4)]
    found = check_document(tr, en, beads, M)
    # detention and custody are both renderings of gözaltı: no finding by default
    assert [(f.kind, f.bead, en.text[f.en_span[0] : f.en_span[1]]) for f in found] == [  # type: ignore[index]
        ("name-spelling", None, "Izmir"),
    ]
    assert "İzmir" in found[0].message
    one = TermMatcher([Term(tr="gözaltı", en=("detention", "custody"), consistent=True)])
    found = check_document(tr, en, beads, one)
    assert [(f.kind, f.bead, en.text[f.en_span[0] : f.en_span[1]]) for f in found] == [  # type: ignore[index]
        ("inconsistent", 1, "custody"),
        ("name-spelling", None, "Izmir"),
    ]


@pytest.mark.parametrize(
    ("lines", "flagged"),
    [
        pytest.param(["GİRESUN: a lecturer of Giresun University."], [], id="turkish-capitals"),
        pytest.param(["ISTANBUL: news from Istanbul."], [], id="english-capitals"),
        pytest.param(["NATO and Nato."], [], id="acronym-case"),
        pytest.param(["İnce spoke; Ince left; İnce came."], ["Ince"], id="dotted-capital"),
        pytest.param(["ISTANBUL: news from İstanbul and İstanbul."], [], id="capitals-only"),
    ],
)
def test_name_spellings(lines: list[str], flagged: list[str]) -> None:
    tr = _doc(["Bir."] * len(lines), "tr")
    en = _doc(lines, "en")
    found = check_document(tr, en, [Bead((i,), (i,)) for i in range(len(lines))], M)
    spelled = [f for f in found if f.kind == "name-spelling"]
    assert [en.text[f.en_span[0] : f.en_span[1]] for f in spelled] == flagged  # type: ignore[index]


def test_document_spans_point_into_the_documents() -> None:
    tr = _doc(["Bir cümle.", "Üssü kapatın."], "tr")
    en = _doc(["A sentence.", "Close it."], "en")
    [f] = check_document(tr, en, [Bead((0,), (0,)), Bead((1,), (1,))], M)
    assert (f.kind, f.bead) == ("missing", 1)
    assert tr.text[f.tr_span[0] : f.tr_span[1]] == "Üssü"  # type: ignore[index]


def test_omissions_are_not_checked() -> None:
    tr = _doc(["Üssü kapatın."], "tr")
    en = _doc(["Something else."], "en")
    assert check_document(tr, en, [Bead((0,), ()), Bead((), (0,))], M) == []
