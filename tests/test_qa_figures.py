"""Numbers, dates and weekdays across a pair: what must match, what is one finding, which
severity (table-driven; each row: Turkish, English, expected (severity, text) findings,
the text being the English span when there is one, else the Turkish)."""

from __future__ import annotations

import pytest

from align.qa_dates import en_dates, tr_dates
from align.qa_figures import figure_findings
from align.qa_numbers import en_quantities, tr_quantities


def found(tr: str, en: str) -> list[tuple[str, str]]:
    out = []
    for f in figure_findings(tr, en):
        assert f.kind == "number"
        span = f.en_span or f.tr_span
        assert span is not None
        out.append((f.severity, (en if f.en_span else tr)[span[0] : span[1]]))
    return out


DATES = [
    # the example: a wrong month is one error
    ("month swapped", "24 Haziran'da toplandılar.", "They met on July 24.", [("error", "July 24")]),
    ("day changed", "24 Haziran’da toplandılar.", "They met on June 25.", [("error", "June 25")]),
    ("day first", "24 Haziran'da toplandılar.", "They met on 24 June.", []),
    ("ordinal of", "24 Haziran'da toplandılar.", "They met on the 24th of June.", []),
    ("abbreviation", "24 Haziran'da toplandılar.", "They met on Jun. 24.", []),
    ("year added", "24 Haziran'da toplandılar.", "They met on June 24, 2026.", []),
    ("dotted", "24.06.2026 tarihinde toplandılar.", "They met on June 24, 2026.", []),
    ("dotted vs dotted", "24.06.2026 tarihinde", "on 24.06.2026", []),
    ("iso", "2026-06-24 tarihinde", "on June 24, 2026", []),
    ("us slashes", "24 Haziran 2026", "on 6/24/2026", []),
    ("year wrong", "14 Ocak 2016 çekilişinde", "the January 14, 2015 draw", [("error", "January 14, 2015")]),
    ("month and year", "Kasım 2005'te askıya alındı.", "It was suspended in November 2015.",
     [("error", "November 2015")]),
    ("month alone", "Haziran ayında açılacak.", "It opens in June.", []),
    ("month alone swapped", "Haziran ayında açılacak.", "It opens in July.", [("error", "July")]),
    ("lowercase month with a day", "24 haziranda", "on June 24", []),
    ("month with a locative", "şubatta 10 milyon $ aldı", "raised $10 million in February", []),
    ("mid month", "mart ortasından 31 Temmuz 2017'ye", "from mid March until July 31st, 2017", []),
    ("day range", "15-16 Ocak tarihlerinde", "on January 15 and 16", []),
    ("day range split", "15-16 Ocak tarihlerinde", "on January 15 and on the 16th", []),
    ("inflected month", "Temmuz'un sonunda bitti.", "It ended in late July.", []),
    ("a name is no month", "Martin McKee dedi ki", "Martin McKee said", []),
    ("Kasım the man", "Kasım Gülpınar konuştu.", "Kasım Gülpınar spoke.", []),
    ("Eylül the woman", "Eylül Öztürk de oynuyor.", "Eylül Öztürk also plays.", []),
    ("may the verb", "Bu olabilir.", "This may happen.", []),
    ("may the month", "Mayıs'ta seçim var.", "There is an election in May.", []),
    ("dropped date", "24 Haziran'da toplandılar.", "They met.", [("warning", "24 Haziran'da")]),
    ("weekday", "Salı günü toplandılar.", "They met on Tuesday.", []),
    ("weekday wrong", "Salı günü toplandılar.", "They met on Wednesday.", [("error", "Wednesday")]),
    ("weekday with suffix", "Cuma'dan beri", "since Friday", []),
    ("weekday dropped is fine", "Pazartesi günü toplandılar.", "They met yesterday.", []),
    ("market is no Sunday", "Pazar yerinde", "at the market on Saturday", []),
    ("stove is no January", "Sebzeler ocaktan alınır.", "The vegetables come off the heat.", []),
    ("may as a month word", "Mayıs ayındaki zirvesinin altında", "down from the May high", []),
    ("a month range", "Mayıs-Temmuz döneminde", "during the period May to July", []),
    ("an unread month word", "Ocak imzaları", "January signings", []),
]

NUMBERS = [
    ("thousands and decimals", "Toplam 1.250,5 ton.", "A total of 1,250.5 tonnes.", []),
    # the issue: a Turkish decimal comma against an English decimal point is right
    ("decimal comma vs point", "Gelir 62,198 milyar lira.", "Revenue was 62.198 billion lira.", []),
    ("english kept the thousands dot", "1.250 kişi katıldı.", "1.250 people joined.",
     [("error", "1.250")]),
    ("english kept the decimal comma", "Oran 7.5 oldu.", "The rate was 7,5.", [("warning", "7,5")]),
    ("turkish dots many groups", "1.250.000 kişi", "1,250,000 people", []),
    ("english turkish dots many groups", "1.250.000 kişi", "1.250.000 people",
     [("warning", "1.250.000")]),
    ("digit changed", "168 öğrenci öldü.", "186 students died.", [("error", "186")]),
    ("digit changed in a year", "2013'te muhabirdi.", "He was a reporter in 2003.",
     [("error", "2003")]),
    ("number dropped", "168 öğrenci öldü.", "Many students died.", [("warning", "168")]),
    ("english adds a small count", "Öldü.", "Two died.", []),
    # scale words and suffixes, each finding once
    ("million suffix", "500 milyon dolar", "$500m", []),
    ("billion suffix", "2 milyar dolar", "$2bn", []),
    ("thousand suffix", "200 bin dolar kefalet", "$200k bail", []),
    ("scale changed", "2.3 milyon Euro", "2.3 billion euros", [("error", "2.3 billion")]),
    ("scale dropped", "500 milyon dolar", "$500", [("error", "500")]),
    ("million in words", "1 milyon Riyal", "one million riyals", []),
    ("metres are no millions", "400 m engellide yarışacak", "will race in the 400m hurdles", []),
    ("two numbers are no compound", "110 milyon ilâ 112 milyon yıl önce",
     "between 110 million and 112 million years ago", []),
    ("hyphenated scale", "110 milyon yaşındaki yaratık", "The 110-million-year-old creature", []),
    ("a calibre", "Kanındaki alkol oranı 0,179'du.", "Her blood-alcohol level was .179, twice", []),
    ("compound words", "66 milyon yıl önce", "Sixty-six million years ago", []),
    ("compound with comma", "7 bin 750 euro", "7 thousand, 750 euros", []),
    ("compound with and", "8 milyon 734 bin 19 lira", "8 million 734 thousand and 19 liras", []),
    ("turkish words", "yüz binde 8", "eight in 100,000", []),
    ("bin as a word", "Bin megavatlık", "a 1,000 megawatt", []),
    ("half", "2,5 yıl", "2½ more years", []),
    ("and a half", "1,5 aylık görüşmeler", "one and a half months of talks", []),
    # decades, ordinals, ranges, clock times, units
    ("decade", "90'lı yıllarda", "in the 1990s", []),
    ("decade plural", "1990'larda", "in the 1990s", []),
    ("decade words", "1990'larda", "in the nineties", []),
    ("decade apostrophe", "80'lerde", "in the '80s", []),
    ("a rise is no decade", "%20'lik bir artış", "a 20% rise", []),
    ("ordinal", "2. Dünya Savaşı", "World War II", []),
    ("ordinal suffix", "29'uncu Vahdet Konferansı", "the Twenty-ninth Unity Conference", []),
    ("ordinal th", "25. edisyonu", "the 25th edition", []),
    ("year range", "2014-2015 sezonu", "the 2014-15 season", []),
    ("clock", "Saat 17:00'de başladı.", "It began at 5 pm.", []),
    ("clock wrong", "Saat 17:00'de başladı.", "It began at 6 pm.", [("error", "6 pm")]),
    ("hour at night", "Gece 11'de indi.", "She landed at 11 p.m.", []),
    ("gmt", "sabaha karşı 4 (00:00 GMT)", "at 4.00 am (0000 GMT)", []),
    ("price is no clock", "Fiyatı 1.40 TL.", "It costs 1.40 TL.", []),
    ("clock needs a sign", "teklifini 3.48'e çekti", "lowered its bid to 3.48", []),
    ("km and miles", "1,5 km uzaklıkta", "about a mile away", []),
    ("metres and feet", "20 metrelik bir ip", "a 66-foot rope", []),
    ("percent", "Enflasyon %5 arttı.", "Inflation rose 5%.", []),
    ("percent turkish order", "Enflasyon %5 arttı.", "Inflation rose %5.", [("warning", "%5")]),
    ("yüzde words", "yüzde elli", "50 percent", []),
    ("same value twice once in english", "1999'da basıldı, 1999'da satıldı.",
     "Printed and sold in 1999.", []),
    ("same missing value twice is one finding", "yılda 150 sterlin, ama 150 sterlin çok",
     "a fee.", [("warning", "150")]),
]


@pytest.mark.parametrize(
    ("tr", "en", "expected"), [c[1:] for c in DATES], ids=[c[0] for c in DATES]
)
def test_dates(tr: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert found(tr, en) == expected


@pytest.mark.parametrize(
    ("tr", "en", "expected"), [c[1:] for c in NUMBERS], ids=[c[0] for c in NUMBERS]
)
def test_numbers(tr: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert found(tr, en) == expected


def test_a_wrong_month_says_both_dates() -> None:
    [f] = figure_findings("24 Haziran'da toplandılar.", "They met on July 24.")
    assert f.message == "Turkish \"24 Haziran'da\" (June 24) is 'July 24' (July 24) in the English"
    assert f.tr_span == (0, 13) and f.en_span == (12, 19)


def test_the_thousands_dot_advice_writes_the_right_number() -> None:
    [f] = figure_findings("1.250 kişi katıldı.", "1.250 people joined.")
    assert f.message.endswith("write 1,250")
    assert figure_findings("Gelir 62,198 milyar.", "Revenue was 62.198 billion.") == []


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("24 Haziran 2026'da", ({24}, {6}, {2026})),
        ("Temmuz'un 3'ünde", ({3}, {7}, set())),
        ("Aralık ayında", (set(), {12}, set())),
        ("aralıkta bir boşluk", None),
        ("geçen kasım", (set(), {11}, set())),
    ],
)
def test_turkish_date_fields(text: str, fields: tuple[set[int], ...] | None) -> None:
    dates = tr_dates(text)
    if fields is None:
        assert dates == []
    else:
        d = dates[0]
        assert (set(d.days), set(d.months), set(d.years)) == fields


def test_english_dates_and_quantities_do_not_overlap() -> None:
    text = "On January 14, 2016 about 2,500 people came."
    dates = en_dates(text)
    taken = [(d.start, d.end) for d in dates]
    assert [q.text for q in en_quantities(text, taken)] == ["2,500"]
    assert [q.value for q in tr_quantities("14 Ocak 2016'da 2.500 kişi", [(0, 12)])] == [2500.0]
