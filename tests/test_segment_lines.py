"""Line breaks in raw text: which end a segment (headlines, bylines, captions, list items,
verse lines) and which are hard wrapping (e-mail, plain-text books) inside a sentence.

Cases marked "devset" are adapted from the running-text versions of the WMT16 and
bible-ot devsets (``shared/eval/make_raw.py``); they are copied here so the tests never
read ../shared.
"""

from __future__ import annotations

import random
import textwrap

import pytest

from align.segment import segment

C = pytest.param

_TOYS_TR = (
    "Toys R Us bu yıl geçen yılki kadar fazla tatil sezonu elemanını işe almayacağını "
    "açıkladı ancak oyuncak ve bebek ürünleri üreticisi firma mevcut çalışanlarına daha "
    "fazla çalışma imkânı tanıyacağını belirtti."
)
_TOYS_EN = (
    "Toys R Us said it won't hire as many holiday workers as last year, but the toy and "
    "baby products retailer will offer more hours to its existing employees."
)

# A line that does not end a sentence, followed by a line break, ends a segment.
BREAKS = [
    C("tr", f"Toys R Us Daha Az Tatil Sezonu Elemanı Almayı Planlıyor\n{_TOYS_TR}",
      ["Toys R Us Daha Az Tatil Sezonu Elemanı Almayı Planlıyor", _TOYS_TR],
      id="tr-devset-headline-then-long-line"),
    C("tr", "Kriz sona erdi. Yaraları sarma zamanı.\n"
      f"Toys R Us Daha Az Tatil Sezonu Elemanı Almayı Planlıyor\n{_TOYS_TR}",
      ["Kriz sona erdi.", "Yaraları sarma zamanı.",
       "Toys R Us Daha Az Tatil Sezonu Elemanı Almayı Planlıyor", _TOYS_TR],
      id="tr-devset-headline-inside-a-paragraph"),
    C("tr", "Toys R Us Daha Az Tatil Sezonu Elemanı Almayı Planlıyor\nŞirket açıklama yaptı.",
      ["Toys R Us Daha Az Tatil Sezonu Elemanı Almayı Planlıyor", "Şirket açıklama yaptı."],
      id="tr-headline-longer-than-the-next-line"),
    C("en", "Toys R Us Plans to Hire Fewer Holiday Workers This Season\nThe company said so.",
      ["Toys R Us Plans to Hire Fewer Holiday Workers This Season", "The company said so."],
      id="en-headline-longer-than-the-next-line"),
    C("en", f"Toys R Us Plans to Hire Fewer Holiday Workers\n{_TOYS_EN}",
      ["Toys R Us Plans to Hire Fewer Holiday Workers", _TOYS_EN],
      id="en-devset-headline-then-long-line"),
    C("tr", "Haber: Gülşen Çiftçi / İstanbul\nİzmir'de öğretmenler iş bıraktı.",
      ["Haber: Gülşen Çiftçi / İstanbul", "İzmir'de öğretmenler iş bıraktı."],
      id="tr-byline"),
    C("en", "Photo: Özgür Çağlar / Reuters\nTeachers in İzmir went on strike.",
      ["Photo: Özgür Çağlar / Reuters", "Teachers in İzmir went on strike."],
      id="en-caption"),
    C("tr", "Söylediklerimizi toparlayacak olursak:\n1) Öncelikli olarak bir yarıyıl tatil "
      "planı yapın,\n2) Bildiğiniz konuların üzerinden geçerek tekrar yapın,\n"
      "3) Eksik konularınızı halledin,\n4) Kitap okuyun,",
      ["Söylediklerimizi toparlayacak olursak:",
       "1) Öncelikli olarak bir yarıyıl tatil planı yapın,",
       "2) Bildiğiniz konuların üzerinden geçerek tekrar yapın,",
       "3) Eksik konularınızı halledin,", "4) Kitap okuyun,"], id="tr-devset-list-commas"),
    C("en", "To summarize what we said:\n1) Firstly make a mid-term break plan,\n"
      "2) Revise the lessons you know,\n3) Finish any incomplete subjects,",
      ["To summarize what we said:", "1) Firstly make a mid-term break plan,",
       "2) Revise the lessons you know,", "3) Finish any incomplete subjects,"],
      id="en-devset-list-commas"),
    C("tr", "Etkinlikte şunlar olacak:\n- söyleşiler ve imza günleri\n- çocuklar için "
      "atölyeler\n• Işıklı gece yürüyüşü",
      ["Etkinlikte şunlar olacak:", "- söyleşiler ve imza günleri",
       "- çocuklar için atölyeler", "• Işıklı gece yürüyüşü"], id="tr-bullets-lowercase"),
    C("tr", "İçindekiler\nGiriş\nYöntem\nBulgular\nTartışma\nSonuç\nKaynakça\nEkler",
      ["İçindekiler", "Giriş", "Yöntem", "Bulgular", "Tartışma", "Sonuç", "Kaynakça", "Ekler"],
      id="tr-list-of-short-lines"),
    C("en", "Contents\nIntroduction\nMethods\nResults\nDiscussion\nConclusion\nReferences",
      ["Contents", "Introduction", "Methods", "Results", "Discussion", "Conclusion",
       "References"], id="en-list-of-short-lines"),
    C("en", "1984 - Sister of Destiny LP (Re-released as MC in 1985 and 1990)\n1985 - If a "
      "Person Falls in Love LP, MC (Re-released on CD in 1999)\n1986 - Woman of Sorrow LP, MC",
      ["1984 - Sister of Destiny LP (Re-released as MC in 1985 and 1990)",
       "1985 - If a Person Falls in Love LP, MC (Re-released on CD in 1999)",
       "1986 - Woman of Sorrow LP, MC"], id="en-devset-discography"),
    # Verse text: every line is a verse, however it ends (the lines are longer than any
    # hard wrapping, so the line breaks are the author's).
    C("tr", "Ona, \"Bahçede istediğin ağacın meyvesini yiyebilirsin\" diye buyurdu,\n"
      "\"Ama iyiyle kötüyü bilme ağacından yeme. Çünkü ondan yediğin gün kesinlikle "
      "ölürsün.\" Sonra, \"Adem'in yalnız kalması iyi değil\" dedi.",
      ["Ona, \"Bahçede istediğin ağacın meyvesini yiyebilirsin\" diye buyurdu,",
       "\"Ama iyiyle kötüyü bilme ağacından yeme.", "Çünkü ondan yediğin gün kesinlikle "
       "ölürsün.\"", "Sonra, \"Adem'in yalnız kalması iyi değil\" dedi."],
      id="tr-devset-verse-comma"),
    C("en", "And let them be for lights in the firmament of the heaven to give light upon "
      "the earth,\nAnd to rule over the day and over the night, and to divide the light "
      "from the darkness: and God saw that it was good.",
      ["And let them be for lights in the firmament of the heaven to give light upon the "
       "earth,", "And to rule over the day and over the night, and to divide the light from "
       "the darkness: and God saw that it was good."], id="en-devset-verse-comma"),
    C("tr", "Bunu yaptığın için, biricik oğlunu esirgemediğin için\nseni fazlasıyla "
      "kutsayacağım; soyunu gökteki yıldızlar, kıyıdaki kum kadar çoğaltacağım. Soyun "
      "düşmanlarının kentlerini ele geçirecek.",
      ["Bunu yaptığın için, biricik oğlunu esirgemediğin için", "seni fazlasıyla "
       "kutsayacağım; soyunu gökteki yıldızlar, kıyıdaki kum kadar çoğaltacağım.",
       "Soyun düşmanlarının kentlerini ele geçirecek."], id="tr-devset-verse-lowercase"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BREAKS)
def test_a_line_with_no_sentence_end_ends_a_segment(lang: str, text: str,
                                                     expected: list[str]) -> None:
    assert [s.text for s in segment(text, lang)] == expected


# Hard-wrapped text: the line breaks inside a sentence are white space.
_MAIL_TR = (
    "Merhaba Ayşe Hanım, dün akşamki toplantıda konuştuğumuz çeviri projesiyle ilgili "
    "yazıyorum. İstanbul'daki yayınevi, kitabın ilk üç bölümünü Şubat sonuna kadar "
    "teslim etmemizi istiyor; geri kalan bölümler için Nisan ayında yeniden görüşeceğiz. "
    "Çeviride kullandığımız terim listesini Öğretmen Gülşen Işık'ın notlarıyla "
    "birleştirdim ve ekte gönderiyorum. Özellikle 'ağ geçidi', 'güvenlik duvarı' ve "
    "'şifreleme' karşılıklarına bir göz atarsanız çok sevinirim. Ülkü Bey de İngilizce "
    "asıllarla karşılaştırmayı üstlendi."
)
_MAIL_EN = (
    "Dear Mr. Çelik, I am writing about the translation project we discussed at last "
    "night's meeting in Ankara. The publisher in İstanbul wants the first three chapters "
    "by the end of February; we will talk about the remaining chapters again in April. "
    "I merged the term list we use in the translation with the notes of Gülşen Işık and "
    "attach it here. I would be glad if you could look at the renderings of 'gateway', "
    "'firewall' and 'encryption' in particular. Mr. Ülkü agreed to compare them with the "
    "Turkish originals."
)


_NEWS_EN = (
    "Delta State University police chief Lynn Buford said university officials heard about "
    "the shooting at 10:18 a.m. Associated Press writers Emily Wagster Pettus in Greenville, "
    "Mississippi, Jeff Amy in Jackson, and Kevin McGill in New Orleans, Louisiana, "
    "contributed to this report. Secretary-General Ban Ki-moon said his response to Russia's "
    "stepped up military support for Syria is that there is no military solution. Former "
    "Secretary of State Hillary Clinton's lead over Vermont Sen. Bernie Sanders was cut by "
    "half, a CBS News and New York Times poll found."
)
_NEWS_TR = (
    "Toplantıya Ohio Valisi John Kasich, Wisconsin Valisi Scott Walker, Eski Arkansas Valisi "
    "Mike Huckabee ve Florida Senatörü Marco Rubio katıldı. Muğla Sıtkı Koçman Üniversitesi "
    "Fen Edebiyat Fakültesi Psikoloji Bölümü Başkanı Yrd. Doç. Dr. Öznur Öner ile İstanbul "
    "Üniversitesi İletişim Fakültesi Gazetecilik Bölüm Başkanı Doç. Dr. Dilek Özhan Koçak "
    "açıklama yaptı. Londra'daki ExCel Merkezinde Savunma ve Güvenlik Ekipmanı Uluslararası "
    "Fuarı açıldı."
)


def _sentences(lang: str, text: str) -> list[str]:
    return [" ".join(s.text.split()) for s in segment(text, lang)]


@pytest.mark.parametrize(("lang", "prose"), [
    ("tr", _MAIL_TR), ("en", _MAIL_EN), ("tr", _NEWS_TR), ("en", _NEWS_EN),
])
@pytest.mark.parametrize("width", [40, 60, 72, 79])
def test_hard_wrapped_prose_is_not_cut_at_line_ends(lang: str, prose: str, width: int) -> None:
    wrapped = textwrap.fill(prose, width, break_on_hyphens=False)
    assert _sentences(lang, wrapped) == _sentences(lang, prose)


def _ragged(prose: str, seed: int) -> str:
    """Wrapped by hand: each line cut somewhere between 60 and 80 columns."""
    rng = random.Random(seed)
    lines: list[str] = []
    line = ""
    width = rng.randint(60, 80)
    for word in prose.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line, width = "", rng.randint(60, 80)
        line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


@pytest.mark.parametrize(("lang", "paragraphs"), [
    ("tr", [_MAIL_TR, _NEWS_TR, _MAIL_TR]), ("en", [_MAIL_EN, _NEWS_EN, _MAIL_EN]),
])
@pytest.mark.parametrize("seed", range(5))
def test_ragged_hand_wrapping_is_not_cut_either(lang: str, paragraphs: list[str],
                                                seed: int) -> None:
    text = "\n\n".join(_ragged(p, seed + k) for k, p in enumerate(paragraphs))
    assert _sentences(lang, text) == [s for p in paragraphs for s in _sentences(lang, p)]


@pytest.mark.parametrize(("lang", "heading", "prose"), [
    ("tr", "Çeviri Projesi Hakkında", _MAIL_TR),
    ("en", "About the Translation Project", _MAIL_EN),
])
def test_a_heading_above_hard_wrapped_prose_is_its_own_segment(lang: str, heading: str,
                                                               prose: str) -> None:
    text = heading + "\n" + textwrap.fill(prose, 72) + "\n\n" + textwrap.fill(prose, 72)
    assert _sentences(lang, text) == [heading, *_sentences(lang, prose) * 2]


WRAPPED = [
    C("tr", "Dün akşam saatlerinde başlayan toplantıya katılan heyet\nAnkara'dan gelen "
      "temsilcilerle birlikte yeni planı görüştü.\nKararlar yarın açıklanacak.",
      ["Dün akşam saatlerinde başlayan toplantıya katılan heyet\nAnkara'dan gelen "
       "temsilcilerle birlikte yeni planı görüştü.", "Kararlar yarın açıklanacak."],
      id="tr-wrapped-before-a-name"),
    C("en", "The statement noted that the alliance, which is coming to the capital on\nJuly 7, "
      "will make its new war decisions on this soil.",
      ["The statement noted that the alliance, which is coming to the capital on\nJuly 7, "
       "will make its new war decisions on this soil."], id="en-wrapped-before-a-name"),
    C("tr", "Bu listede Sir Zaferullah Han'ın,\n\"ilk Oscar ödülünü alan Müslüman aktör\" "
      "Mahershala Ali'nin de adı var.",
      ["Bu listede Sir Zaferullah Han'ın,\n\"ilk Oscar ödülünü alan Müslüman aktör\" "
       "Mahershala Ali'nin de adı var."], id="tr-held-out-quotation-opens-a-wrapped-line"),
    C("tr", "Toplantıya katılanlar arasında\nbakanlar da vardı.",
      ["Toplantıya katılanlar arasında\nbakanlar da vardı."], id="tr-short-lowercase-next"),
    C("en", "Among those at the meeting were\nseveral ministers.",
      ["Among those at the meeting were\nseveral ministers."], id="en-short-lowercase-next"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), WRAPPED)
def test_wrapped_lines_stay_in_their_sentence(lang: str, text: str,
                                               expected: list[str]) -> None:
    assert [s.text for s in segment(text, lang)] == expected
