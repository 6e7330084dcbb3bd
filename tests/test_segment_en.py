"""English sentence segmentation with the shipped SRX rules.

Cases marked "devset" are verbatim lines of the WMT16 English devset
(shared/devset/wmt16/*/en.txt); "seed" ones come from the four English
documents with Turkish fragments in shared/seeds/. They are copied here so the
tests never read ../shared.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.segment import segment

C = pytest.param

CASES = [
    # --- plain sentence ends -------------------------------------------------
    C("The cat sat. The dog ran.", ["The cat sat.", "The dog ran."], id="two-sentences"),
    C("Where are you? I'm here! Good.", ["Where are you?", "I'm here!", "Good."],
      id="question-exclamation"),
    C("Really?! No way!! Yes.", ["Really?!", "No way!!", "Yes."], id="repeated-marks"),
    C("It cost 5 million dollars. 46 percent said no.",
      ["It cost 5 million dollars.", "46 percent said no."], id="digit-starts-sentence"),
    C("It was founded in 1952. The party said so.",
      ["It was founded in 1952.", "The party said so."], id="year-ends-sentence"),
    C("Version 2.0 is out. Update now.", ["Version 2.0 is out.", "Update now."], id="version"),
    C("The price rose 1.5 percent to $3.25 a share.",
      ["The price rose 1.5 percent to $3.25 a share."], id="decimals"),
    # --- titles and abbreviations ----------------------------------------------
    C("Mr. Smith met Mrs. Jones and Dr. Brown.", ["Mr. Smith met Mrs. Jones and Dr. Brown."],
      id="mr-mrs-dr"),
    C("Prof. Adams and Ms. Lee arrived. They sat down.",
      ["Prof. Adams and Ms. Lee arrived.", "They sat down."], id="prof-ms"),
    C("St. Louis is in Missouri.", ["St. Louis is in Missouri."], id="saint"),
    C("He lives on Main St. He likes it.", ["He lives on Main St.", "He likes it."],
      id="street-ends-sentence"),
    C("Apple Inc. announced results.", ["Apple Inc. announced results."], id="inc"),
    C("He works for Acme Corp. It is a big firm.", ["He works for Acme Corp.", "It is a big firm."],
      id="corp-ends-sentence"),
    C("Martin Luther King Jr. Day is a holiday.", ["Martin Luther King Jr. Day is a holiday."],
      id="jr"),
    C("Smith et al. found this.", ["Smith et al. found this."], id="et-al"),
    C("Roe v. Wade was decided in 1973.", ["Roe v. Wade was decided in 1973."], id="v"),
    C("The vote was 5 vs. 4 in favor.", ["The vote was 5 vs. 4 in favor."], id="vs"),
    C("Big cities, e.g. London and Paris, grew. Small ones, i.e. villages, shrank.",
      ["Big cities, e.g. London and Paris, grew.", "Small ones, i.e. villages, shrank."],
      id="eg-ie"),
    C("We bought apples, pears, etc. and went home.",
      ["We bought apples, pears, etc. and went home."], id="etc-mid-sentence"),
    C("We bought apples, pears, etc. Then we went home.",
      ["We bought apples, pears, etc.", "Then we went home."], id="etc-ends-sentence"),
    C("It began on Jan. 5 and ended on Feb. 10.", ["It began on Jan. 5 and ended on Feb. 10."],
      id="months"),
    C("See No. 5 for details. Read pp. 12-14 and p. 20.",
      ["See No. 5 for details.", "Read pp. 12-14 and p. 20."], id="no-pp"),
    C("No. That is wrong.", ["No.", "That is wrong."], id="no-as-word"),
    C("She has a Ph.D. She teaches in Ankara.", ["She has a Ph.D.", "She teaches in Ankara."],
      id="phd-ends-sentence"),
    C("The firm is based in Portland, Ore. The company said so.",
      ["The firm is based in Portland, Ore.", "The company said so."], id="state-ends-sentence"),
    C("He was born in Dover, Del. in 1950.", ["He was born in Dover, Del. in 1950."],
      id="state-mid-sentence"),
    # --- initials and acronyms -------------------------------------------------
    C("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."], id="initials"),
    C("George W. Bush spoke.", ["George W. Bush spoke."], id="middle-initial"),
    C("The U.S. Army left.", ["The U.S. Army left."], id="us-army"),
    C("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."],
      id="us-ends-sentence"),
    C("The U.K. and the U.N. agreed.", ["The U.K. and the U.N. agreed."], id="uk-un"),
    # --- a.m. / p.m.: break only before a typical sentence opener ---------------
    C("Police chief Lynn Buford said officials heard about the shooting at 10:18 a.m. He "
      "said nothing else.",
      ["Police chief Lynn Buford said officials heard about the shooting at 10:18 a.m.",
       "He said nothing else."], id="am-then-he"),
    C("The shop opens at 10 a.m. Monday through Friday.",
      ["The shop opens at 10 a.m. Monday through Friday."], id="am-then-weekday"),
    C("The show starts at 7 p.m. It ends late.", ["The show starts at 7 p.m.", "It ends late."],
      id="pm-then-it"),
    # --- quotes, ellipses, parentheses -----------------------------------------
    C('"Why?" he asked.', ['"Why?" he asked.'], id="quote-question-lowercase"),
    C('She said, "It is over." Then she left.', ['She said, "It is over."', "Then she left."],
      id="period-inside-quote"),
    C('He asked, "Are you coming?" Nobody answered.',
      ['He asked, "Are you coming?"', "Nobody answered."], id="question-inside-quote"),
    C("“I’m done.” She smiled.", ["“I’m done.”", "She smiled."], id="curly-quotes"),
    C("Wait... what was that?", ["Wait... what was that?"], id="dots-lowercase"),
    C("Wait... Nobody moved.", ["Wait...", "Nobody moved."], id="dots-uppercase"),
    C("It was strange… But true.", ["It was strange…", "But true."], id="ellipsis-uppercase"),
    C("He left. (Nobody saw him.) Then he returned.",
      ["He left.", "(Nobody saw him.)", "Then he returned."], id="parenthesised-sentence"),
    C("Shocked, Brown reacted with offended disbelief, letting out \"Hoo! Wow. Okay,\" as The "
      "Martian actor's comments settled in the air.",
      ["Shocked, Brown reacted with offended disbelief, letting out \"Hoo! Wow. Okay,\" as The "
       "Martian actor's comments settled in the air."], id="devset-quoted-interjections"),
    # --- URLs, e-mail ----------------------------------------------------------
    C("Visit www.example.com for more. It is free.",
      ["Visit www.example.com for more.", "It is free."], id="url"),
    C("Write to john.smith@example.org today.", ["Write to john.smith@example.org today."],
      id="email"),
    # --- lines and paragraphs --------------------------------------------------
    C("In 911 Call, Professor Admits to Shooting Girlfriend\nIn a 911 call, his voice only "
      "slightly shaky, college professor Shannon Lamb told police he had shot his girlfriend.",
      ["In 911 Call, Professor Admits to Shooting Girlfriend",
       "In a 911 call, his voice only slightly shaky, college professor Shannon Lamb told "
       "police he had shot his girlfriend."], id="devset-title-line"),
    C("Hakan Dilmeç, who read the press statement, emphasized that following\nlast week’s "
      "detention crackdown in Istanbul, more than 200 people were detained\nin Ankara today.",
      ["Hakan Dilmeç, who read the press statement, emphasized that following\nlast week’s "
       "detention crackdown in Istanbul, more than 200 people were detained\nin Ankara today."],
      id="hard-wrapped-lowercase"),
    C("The statement noted that the alliance, which is coming to the capital on\nJuly 7, "
      "will make its new war decisions on this soil.",
      ["The statement noted that the alliance, which is coming to the capital on\nJuly 7, "
       "will make its new war decisions on this soil."], id="hard-wrapped-capital"),
    C("June 24, 2026\nThe Alliance Against NATO held a press conference.",
      ["June 24, 2026", "The Alliance Against NATO held a press conference."],
      id="seed-000-dateline"),
    # --- devset lines ----------------------------------------------------------
    C("Mr. Deng eventually complained that his head hurt then fell unconscious. Pi Delta Psi "
      "fraternity members did not call 911 after Deng passed out, and allegedly waited an hour "
      "before bringing him to a hospital, police say.",
      ["Mr. Deng eventually complained that his head hurt then fell unconscious.",
       "Pi Delta Psi fraternity members did not call 911 after Deng passed out, and allegedly "
       "waited an hour before bringing him to a hospital, police say."], id="devset-mr"),
    C("Former Secretary of State Hillary Clinton continues to hold a double-digit lead in the "
      "Democratic race for the nomination nationally, but Sen. Bernie Sanders is gaining on "
      "her. Clinton now has the backing of 47 percent of Democratic primary voters (down from "
      "58 percent), while Sanders comes in second, with 27 percent (up from 17 percent).",
      ["Former Secretary of State Hillary Clinton continues to hold a double-digit lead in the "
       "Democratic race for the nomination nationally, but Sen. Bernie Sanders is gaining on "
       "her.",
       "Clinton now has the backing of 47 percent of Democratic primary voters (down from 58 "
       "percent), while Sanders comes in second, with 27 percent (up from 17 percent)."],
      id="devset-sen"),
    C("The rest of the field, with the exception of Carly Fiorina and Ohio Gov. John Kasich, "
      "has slipped behind with Wisconsin Gov. Scott Walker falling farthest from 10% support "
      "last month to 2% now.",
      ["The rest of the field, with the exception of Carly Fiorina and Ohio Gov. John Kasich, "
       "has slipped behind with Wisconsin Gov. Scott Walker falling farthest from 10% support "
       "last month to 2% now."], id="devset-gov"),
    C("Mike Shaffer said he last saw Lamb and Prentiss the night of Sept. 5, after Lamb had "
      "finished playing his guitar and harmonica for a sparse crowd.",
      ["Mike Shaffer said he last saw Lamb and Prentiss the night of Sept. 5, after Lamb had "
       "finished playing his guitar and harmonica for a sparse crowd."], id="devset-sept"),
    C("Ban plans to meet with foreign ministers of the five permanent council nations - the "
      "U.S., Russia, China, Britain and France - on the sidelines.",
      ["Ban plans to meet with foreign ministers of the five permanent council nations - the "
       "U.S., Russia, China, Britain and France - on the sidelines."], id="devset-us-comma"),
    C("This September, a swarm of arms dealers will be descending on the DLR ... Customers are "
      "requested to help stop the arms fair.",
      ["This September, a swarm of arms dealers will be descending on the DLR ...",
       "Customers are requested to help stop the arms fair."], id="devset-spaced-dots"),
    C("I can remember him neither as the father of glam rock, nor as the cousin of punk... If I "
      "remember him like that, what will happen to his avant-garde and electronic works?",
      ["I can remember him neither as the father of glam rock, nor as the cousin of punk...",
       "If I remember him like that, what will happen to his avant-garde and electronic "
       "works?"], id="devset-dots-if"),
    C("Police in Gautier, Miss. said Lamb, a geography and social science education "
      "instructor at Delta State University, called 911 around 10 a.m.",
      ["Police in Gautier, Miss. said Lamb, a geography and social science education "
       "instructor at Delta State University, called 911 around 10 a.m."], id="devset-miss"),
    C("Thomas de Maiziere added, \"We have experienced two big attacks in Paris.\" If we say "
      "this, then terror will win...",
      ["Thomas de Maiziere added, \"We have experienced two big attacks in Paris.\"",
       "If we say this, then terror will win..."], id="devset-quote-then-if"),
    C("A Monroe County grand jury recommended third-degree murder charges for the first five "
      "members. Thirty-two other fraternity members, including Mr. Meng, will also be charged "
      "with assault hazing and criminal conspiracy.",
      ["A Monroe County grand jury recommended third-degree murder charges for the first five "
       "members.",
       "Thirty-two other fraternity members, including Mr. Meng, will also be charged with "
       "assault hazing and criminal conspiracy."], id="devset-mr-meng"),
    C("Broncos game was probably a good one, I haven't seen it yet but what was the score? "
      "16-12?",
      ["Broncos game was probably a good one, I haven't seen it yet but what was the score?",
       "16-12?"], id="devset-score"),
    # --- seed documents (English with Turkish fragments) ------------------------
    C("“You cannot stop the course of history—you will end up in the dustbin of history!”",
      ["“You cannot stop the course of history—you will end up in the dustbin of history!”"],
      id="seed-000-quote"),
    C("Anti-NATO Protests in Turkey\n\nProtests were held in Istanbul and Izmir against the "
      "operations carried out in Ankara ahead of the NATO Summit\n\nIstanbul",
      ["Anti-NATO Protests in Turkey",
       "Protests were held in Istanbul and Izmir against the operations carried out in Ankara "
       "ahead of the NATO Summit", "Istanbul"], id="seed-000-headlines"),
    C("“Repression, bans, detentions, and arrests cannot stop our struggle! No to NATO!” "
      "During the protest, where a banner bearing this message was unfurled, the crowd "
      "frequently chanted slogans such as *“Imperialism will be defeated; the resisting "
      "peoples will triumph,”* and *“Long live our organized struggle!”*",
      ["“Repression, bans, detentions, and arrests cannot stop our struggle!",
       "No to NATO!”",
       "During the protest, where a banner bearing this message was unfurled, the crowd "
       "frequently chanted slogans such as *“Imperialism will be defeated; the resisting "
       "peoples will triumph,”* and *“Long live our organized struggle!”*"],
      id="seed-000-slogans"),
    C("Dilmeç continued: “They will come with the ‘prestige’ they’ve earned by supporting "
      "genocidal Israel. They will come with the ‘prestige’ they’ve earned by bombing.",
      ["Dilmeç continued: “They will come with the ‘prestige’ they’ve earned by supporting "
       "genocidal Israel.",
       "They will come with the ‘prestige’ they’ve earned by bombing."], id="seed-000-nested"),
    C("NATO Türkiye’den Çıksın! NATO’yu sorgulamanın, NATO’dan çıkılması için gerçek hamleler "
      "yapmanın zamanı geldi. NATO darbecidir, NATO işgalcidir, NATO… "
      "pic.twitter.com/gAMT8TflfC — TKP – İstanbul (@istanbul_tkp) June 29, 2025",
      ["NATO Türkiye’den Çıksın!",
       "NATO’yu sorgulamanın, NATO’dan çıkılması için gerçek hamleler yapmanın zamanı geldi.",
       "NATO darbecidir, NATO işgalcidir, NATO… pic.twitter.com/gAMT8TflfC — TKP – İstanbul "
       "(@istanbul_tkp) June 29, 2025"], id="seed-001-turkish-tweet"),
    C("Turkey must withdraw from the North Atlantic Treaty Organization (NATO), demanded the "
      "Communist Party of Turkey (TKP), in a statement on Wednesday, July 2.",
      ["Turkey must withdraw from the North Atlantic Treaty Organization (NATO), demanded the "
       "Communist Party of Turkey (TKP), in a statement on Wednesday, July 2."],
      id="seed-001-date"),
    C("Turkey must immediately terminate all foreign military presence on our soil,” the TKP "
      "demanded.After attending the meeting \"Struggle against NATO barbarism\" on February 2-3 "
      "2013 in Istanbul, the parties made a joint statement.",
      ["Turkey must immediately terminate all foreign military presence on our soil,” the TKP "
       "demanded.",
       "After attending the meeting \"Struggle against NATO barbarism\" on February 2-3 2013 in "
       "Istanbul, the parties made a joint statement."], id="seed-001-missing-space"),
    C("Operation Gladio was behind countless covert actions including bombings, political "
      "assassinations and subversion techniques, etc. In addition to these covert operations, "
      "NATO engages in overt propaganda.",
      ["Operation Gladio was behind countless covert actions including bombings, political "
       "assassinations and subversion techniques, etc.",
       "In addition to these covert operations, NATO engages in overt propaganda."],
      id="seed-002-etc"),
    C("These words belong to the revolutionary leader of the Palestinian people, the Secretary "
      "General of the Popular Front for the Liberation of Palestine (PFLP). George Habash.",
      ["These words belong to the revolutionary leader of the Palestinian people, the "
       "Secretary General of the Popular Front for the Liberation of Palestine (PFLP).",
       "George Habash."], id="seed-003-acronym-in-parens"),
    C("“Palestine, is not only Palestine. Just like the stones child generals throw at Zionists "
      "are not only stones. Palestine is a call; to humanity, to those who are human.”",
      ["“Palestine, is not only Palestine.",
       "Just like the stones child generals throw at Zionists are not only stones.",
       "Palestine is a call; to humanity, to those who are human.”"], id="seed-003-quote"),
    C("Kaldıraç Movement\n\n\nLütfen yorumunuzu giriniz!\nLütfen isminizi buraya giriniz",
      ["Kaldıraç Movement", "Lütfen yorumunuzu giriniz!", "Lütfen isminizi buraya giriniz"],
      id="seed-003-footer"),
    C("Istanbul, 2-3 February 2013The resistance will not be broken, the peoples of the world "
      "will win!",
      ["Istanbul, 2-3 February 2013The resistance will not be broken, the peoples of the world "
       "will win!"], id="seed-002-glued-year-not-split"),
    # --- running text: verse, colons, headlines glued to the next sentence ---------
    C("Kurdi added the following: They made a bad cartoon unfortunately.",
      ["Kurdi added the following:", "They made a bad cartoon unfortunately."],
      id="devset-speech-colon"),
    C("Prof. Dr. Çağlar continued: Depending on the level of the vertebra, it differs.",
      ["Prof. Dr. Çağlar continued:", "Depending on the level of the vertebra, it differs."],
      id="held-out-speech-continued"),
    C("Koenders stated the following: Assad should be tried in The Hague.",
      ["Koenders stated the following:", "Assad should be tried in The Hague."],
      id="devset-speech-colon-name"),
    C("And Seth lived an hundred and five years, and begat Enos: And Seth lived after he begat "
      "Enos eight hundred and seven years, and begat sons and daughters:",
      ["And Seth lived an hundred and five years, and begat Enos:",
       "And Seth lived after he begat Enos eight hundred and seven years, and begat sons and "
       "daughters:"], id="devset-verse-colon"),
    C("And he took one of his ribs, and closed up the flesh instead thereof; And the rib made "
      "he a woman; The man said so.",
      ["And he took one of his ribs, and closed up the flesh instead thereof;",
       "And the rib made he a woman;", "The man said so."], id="devset-verse-semicolon"),
    C("And thou shalt take them: (the shekel is twenty gerahs:) And thou shalt give the money.",
      ["And thou shalt take them: (the shekel is twenty gerahs:)",
       "And thou shalt give the money."], id="devset-verse-colon-parenthesis"),
    C("And God said, Let there be light: and there was light.",
      ["And God said, Let there be light: and there was light."], id="verse-colon-lowercase"),
    C("And he said, I know not: I am not my brother's keeper.",
      ["And he said, I know not: I am not my brother's keeper."], id="colon-before-i-stays"),
    C("This is the ordinance of the passover: There shall no stranger eat thereof.",
      ["This is the ordinance of the passover:", "There shall no stranger eat thereof."],
      id="devset-verse-colon-after-lowercase-word"),
    C("ANSWER: The techniques we apply are new. GİRESUN: The office opened a case.",
      ["ANSWER: The techniques we apply are new.", "GİRESUN: The office opened a case."],
      id="devset-label-colon-stays"),
    C("Star Wars: The Force Awakens opened on Friday.",
      ["Star Wars: The Force Awakens opened on Friday."], id="subtitle-after-colon-stays"),
    C("It is in select theaters Oct. UN Chief Says There Is No Military Solution in Syria",
      ["It is in select theaters Oct.", "UN Chief Says There Is No Military Solution in Syria"],
      id="devset-month-ends-sentence"),
    C("It opened on Oct. 21 and closed in Sept. 2016, not in Jan. or Feb.",
      ["It opened on Oct. 21 and closed in Sept. 2016, not in Jan. or Feb."],
      id="months-before-numbers"),
    C("So says the boss of the company behind B&Q. Veronique Laury is its new chief executive.",
      ["So says the boss of the company behind B&Q.",
       "Veronique Laury is its new chief executive."], id="devset-ampersand-initial"),
    C("Consumer confidence is at a peak in the U.S. According to the data, it rose.",
      ["Consumer confidence is at a peak in the U.S.", "According to the data, it rose."],
      id="devset-us-according"),
    C('"Drink kefir and live longer" It can be consumed safely at any age.',
      ['"Drink kefir and live longer"', "It can be consumed safely at any age."],
      id="devset-quoted-headline"),
    C('"We need energy," Trump said last Saturday.',
      ['"We need energy," Trump said last Saturday.'], id="devset-speech-comma-stays"),
    C('"She was completely devastated," O\'Steen said of his daughter.',
      ['"She was completely devastated," O\'Steen said of his daughter.'],
      id="devset-speech-comma-name-stays"),
    C('THIS IS THE SECOND "MERKEL" Born 3 kilos and 300 grams, the baby is healthy.',
      ['THIS IS THE SECOND "MERKEL"', "Born 3 kilos and 300 grams, the baby is healthy."],
      id="devset-capitals-headline"),
    C("The jackpot was divided in three payments. iOS 9: how to get the new iPhone system",
      ["The jackpot was divided in three payments.",
       "iOS 9: how to get the new iPhone system"], id="devset-camel-case-start"),
    C("To summarize what we said: 1) Firstly make a plan, 2) Revise the lessons.",
      ["To summarize what we said:", "1) Firstly make a plan, 2) Revise the lessons."],
      id="devset-numbered-list-after-colon"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_segment_en(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text, "en")] == expected


@pytest.mark.parametrize("lang", ["en", "en-US", "EN-gb", "en_GB", "eng"])
def test_english_codes_use_english_rules(lang: str) -> None:
    text = "He moved to the U.S. The move was hard. Mr. Smith stayed."
    assert [s.text for s in segment(text, lang)] == [
        "He moved to the U.S.", "The move was hard.", "Mr. Smith stayed."
    ]


def test_unknown_language_uses_default_rules() -> None:
    text = "Mr. Smith came. Dr. Who left."
    # "de" has no rules of its own: the Default set breaks after every full stop
    # before a capital (except initials).
    assert [s.text for s in segment(text, "de")] == ["Mr.", "Smith came.", "Dr.", "Who left."]


def test_invalid_language_code() -> None:
    from align.errors import SegmentationError

    with pytest.raises(SegmentationError, match="invalid language code"):
        segment("Text.", "e n")


_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZşğıİ0123456789")
    + list(" \n.?!…,;:'\"’“”()-")
    + [" ", "\n\n", ". ", "Mr. ", "U.S. ", "a.m. ", "... ", "etc. ", " He"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_segment_invariants_en(text: str) -> None:
    segs = segment(text, "en")
    covered = [0] * len(text)
    prev_end = 0
    for i, s in enumerate(segs):
        assert s.index == i
        assert s.text and s.text == s.text.strip()
        assert text[s.start : s.end] == s.text
        assert s.start >= prev_end
        prev_end = s.end
        for k in range(s.start, s.end):
            covered[k] += 1
    for k, ch in enumerate(text):
        assert covered[k] <= 1
        assert ch.isspace() or covered[k] == 1, (k, ch)
