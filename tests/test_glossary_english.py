"""English renderings: inflections of the term's part of speech, whole words, acronyms."""

from __future__ import annotations

import pytest

from align.glossary.english import EnglishMatcher, inflections
from align.glossary.model import Term

CASES = [
    ("election", "noun", "The elections and the election's result.", ["elections", "election"]),
    ("child", "noun", "Children and a child.", ["Children", "child"]),
    ("policeman", "noun", "Two policemen came.", ["policemen"]),
    ("aircraft", "noun", "The aircraft landed.", ["aircraft"]),
    ("crisis", "noun", "Several crises.", ["crises"]),
    (
        "detain",
        "verb",
        "He was detained; they detain; detaining.",
        ["detained", "detain", "detaining"],
    ),
    ("win", "verb", "They won and are winning.", ["won", "winning"]),
    ("write", "verb", "She wrote, has written, writes.", ["wrote", "written", "writes"]),
    ("die", "verb", "He died; dying; dies.", ["died", "dying", "dies"]),
    ("choose", "verb", "Chose and chosen.", ["Chose", "chosen"]),
    ("ban", "verb", "It was banned.", ["banned"]),
    ("tax", "noun", "Taxing taxpayers pay taxes.", ["taxes"]),
    ("base", "noun", "Based at the bases.", ["bases"]),
    ("war", "noun", "A warship, not a war.", ["war"]),
    (
        "human rights",
        "noun",
        "A human-rights group and human rights.",
        ["human-rights", "human rights"],
    ),
    ("prime minister", "noun", "Two prime ministers.", ["prime ministers"]),
    ("Workers Party", "propn", "The Workers' Party and the Workers’ Party.",
     ["Workers' Party", "Workers’ Party"]),
    ("state of emergency", "noun", "States of emergency were declared.", ["States of emergency"]),
    ("US", "propn", "The U.S. and US troops, not us.", ["U.S.", "US"]),
    ("NATO", "propn", "Nato and NATO.", ["Nato", "NATO"]),
    ("UK", "propn", "The Uk is not the U.K.", ["U.K."]),
    ("Turkey", "propn", "Turkey's turkey, TURKEY.", ["Turkey", "turkey", "TURKEY"]),
    ("President", "noun", "Turkey's president and the Presidents.", ["president", "Presidents"]),
    ("US", "propn", 'oil projects "in the U.S".', ["U.S"]),
    ("withhold", "verb", "The money was withheld.", ["withheld"]),
    ("override", "verb", "The court overrode it; overridden.", ["overrode", "overridden"]),
    ("quit", "verb", "He is quitting.", ["quitting"]),
    ("hypothesis", "noun", "Two hypotheses.", ["hypotheses"]),
    ("sew", "verb", "The flag was sewn.", ["sewn"]),
    ("congressman", "noun", "Three congressmen.", ["congressmen"]),
    ("take into custody", "verb", "They were taken into custody.", ["taken into custody"]),
    ("Istanbul", "propn", "In İstanbul’s streets.", ["İstanbul"]),
    ("nation", "noun", "The United Nations and other nations.", ["nations"]),
    ("house", "noun", "The White House, the House of Representatives and a house.", ["house"]),
    ("premier", "noun", "The Premier League and the premier.", ["premier"]),
]


@pytest.mark.parametrize(
    ("rendering", "pos", "sentence", "expected"), CASES, ids=[f"{c[0]}:{c[2][:24]}" for c in CASES]
)
def test_renderings(rendering: str, pos: str, sentence: str, expected: list[str]) -> None:
    term = Term(tr="x", en=(rendering,), pos=pos)
    found = EnglishMatcher().find(sentence, term)
    assert [sentence[m.start : m.end] for m in found] == expected


def test_longer_rendering_wins_and_forbidden_is_marked() -> None:
    term = Term(
        tr="olağanüstü hal", en=("state of emergency", "emergency"), forbidden=("martial law",)
    )
    text = "A state of emergency, not martial law."
    found = EnglishMatcher().find(text, term)
    assert [(text[m.start : m.end], m.forbidden) for m in found] == [
        ("state of emergency", False),
        ("martial law", True),
    ]


@pytest.mark.parametrize(
    ("word", "pos", "form"),
    [
        ("try", "verb", "tried"),
        ("stop", "verb", "stopped"),
        ("lie", "verb", "lying"),
        ("make", "verb", "making"),
        ("city", "noun", "cities"),
        ("box", "noun", "boxes"),
        ("withhold", "verb", "withheld"),
        ("override", "verb", "overrode"),
        ("quit", "verb", "quitting"),
        ("hypothesis", "noun", "hypotheses"),
        ("sew", "verb", "sewn"),
        ("be", "verb", "were"),
        ("glorp", "noun", "glorps"),
        ("flarch", "verb", "flarching"),
    ],
)
def test_inflections(word: str, pos: str, form: str) -> None:
    assert form in inflections(word, pos)
