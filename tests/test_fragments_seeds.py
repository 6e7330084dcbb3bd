"""The seed articles in ``seeds/mixed``: the tweet and the footer are found, names are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.fragments.detect import detect_fragments
from align.fragments.langid import LanguageScorer
from align.segment import segment
from align.textio import read_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "mixed"
TWEET_START = "NATO Türkiye’den Çıksın!"
TWEET_END = "NATO darbecidir, NATO işgalcidir, NATO…"
FOOTER = "Lütfen yorumunuzu giriniz!\nLütfen isminizi buraya giriniz"

# (file, the fragments: (first words, last words))
EXPECTED = [
    pytest.param("000_52e99e9ab6c6000b.txt", [], id="protests-names-only"),
    pytest.param("001_60cfb181f1aba0e6.txt", [(TWEET_START, TWEET_END)], id="tkp-tweet"),
    pytest.param("002_9ef13cc620a95d3e.txt", [], id="joint-statement"),
    pytest.param("003_c3b3fb393140d4fc.txt", [(FOOTER, FOOTER)], id="comment-footer"),
]

# English sentences of the seeds that hold Turkish names, places and organisations.
NAME_SENTENCES = [
    ("000_52e99e9ab6c6000b.txt", "in front of the Süreyya Opera House in Kadıköy"),
    ("000_52e99e9ab6c6000b.txt", "A protest was held in İzmir in response to the raids"),
    ("000_52e99e9ab6c6000b.txt", "Türkan Saylan Cultural Center in Alsancak"),
    ("000_52e99e9ab6c6000b.txt", "Hakan Dilmeç, who read the press statement"),
    ("001_60cfb181f1aba0e6.txt", "demanded the Communist Party of Turkey (TKP)"),
    ("001_60cfb181f1aba0e6.txt", "Çiğli Air Base in İzmir, the TKP argues"),
    ("001_60cfb181f1aba0e6.txt", "such as one in İncirlik, have been used"),
    ("001_60cfb181f1aba0e6.txt", "Another one at Kürecik is a radar base in Malatya."),
    ("003_c3b3fb393140d4fc.txt", "are trained in Konya, and intelligence is shared from Kürecik"),
    ("003_c3b3fb393140d4fc.txt", "Kaldıraç Movement"),
]


@pytest.fixture(scope="module")
def scorer() -> LanguageScorer:
    return LanguageScorer()


@pytest.mark.parametrize(("name", "expected"), EXPECTED)
def test_seed_fragments(name: str, expected: list[tuple[str, str]],
                        scorer: LanguageScorer) -> None:
    text = read_text(SEEDS / name).text
    found = detect_fragments(text, scorer)
    assert [(f.text[: len(a)], f.text[-len(b):]) for f, (a, b) in zip(found, expected,
                                                                     strict=False)] == expected
    assert len(found) == len(expected)


@pytest.mark.parametrize(("name", "phrase"), NAME_SENTENCES,
                         ids=[p.split(",")[0][:40] for _, p in NAME_SENTENCES])
def test_english_sentences_with_turkish_names_are_not_fragments(
    name: str, phrase: str, scorer: LanguageScorer
) -> None:
    text = read_text(SEEDS / name).text
    at = text.index(phrase)
    sentence = next(s for s in segment(text, "en") if s.start <= at < s.end)
    for f in detect_fragments(text, scorer):
        assert f.end <= sentence.start or f.start >= sentence.end, f.text


@pytest.mark.model
def test_seed_pairing_with_use() -> None:
    from align.encoders import get_encoder
    from align.fragments.pair import find_fragments

    enc = get_encoder("use")
    (tweet,) = find_fragments(read_text(SEEDS / "001_60cfb181f1aba0e6.txt").text, enc)
    # The article paraphrases the tweet: the match must be a sentence about withdrawing
    # from NATO, or none, with the reason given.
    if tweet.match is not None:
        assert "withdraw" in tweet.match.text.lower()
    else:
        assert "threshold" in tweet.reason
    (footer,) = find_fragments(read_text(SEEDS / "003_c3b3fb393140d4fc.txt").text, enc)
    assert footer.match is None
    assert "no English sentence renders it" in footer.reason
