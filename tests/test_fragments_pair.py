"""Pairing fragments with their English: the mechanics, with an encoder whose
similarities the test decides, and a fake glossary."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np
import pytest
from numpy.typing import NDArray

from align.encoders.base import Encoder, Progress
from align.fragments.detect import detect_fragments
from align.fragments.fitted import shipped_weights
from align.fragments.langid import LanguageScorer
from align.fragments.pair import (
    GlossaryEvidence,
    PairingModel,
    candidates,
    find_fragments,
    pair_fragments,
)
from align.segment import segment

DEFAULT_THRESHOLD = shipped_weights().threshold

class TableEncoder(Encoder):
    """Texts that share a key (a word listed in ``groups``) get the same vector;
    any other text a random one, nearly orthogonal to the rest."""

    name = "table"
    dim = 256

    def __init__(self, groups: dict[str, str]) -> None:
        super().__init__()
        self.groups = groups

    def _vector(self, key: str) -> NDArray[np.float32]:
        rng = np.random.default_rng(zlib.crc32(key.encode()))
        v = rng.standard_normal(self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
        rows = []
        for t in texts:
            key = next((g for word, g in self.groups.items() if word in t), t)
            rows.append(self._vector(key))
        return np.stack(rows)


class FakeGlossary:
    """Term pairs found on both sides, from a dict Turkish term -> English rendering."""

    def __init__(self, terms: dict[str, str]) -> None:
        self.terms = terms

    def term_pairs(self, tr: str, en: str) -> Iterable[tuple[str, str]]:
        return [(t, e) for t, e in self.terms.items() if t in tr.lower() and e in en.lower()]


EN_A = "The tiny worms change direction when blasted with sound."
EN_B = "Researchers published the study on Tuesday."
EN_C = "Nobody expected the result."
TR_A = "Minik kurtlar ses titreşimleriyle yön değiştiriyor."
TR_ORPHAN = "Yaraları sarma zamanı geldi ve herkes evine döndü."


def _pair(text: str, encoder: Encoder, **kw: object) -> list:
    segs = segment(text, "en")
    frags = detect_fragments(text, LanguageScorer(), segments=segs)
    return pair_fragments(text, frags, encoder, segments=segs, lexical=False, **kw)  # type: ignore[arg-type]


def test_pairs_with_the_rendering_anywhere_in_the_document() -> None:
    text = f"{EN_A} {EN_B}\n\n{EN_C}\n\n{TR_A}"
    enc = TableEncoder({"worms": "worm", "kurtlar": "worm"})
    (r,) = _pair(text, enc)
    assert r.match is not None and r.match.text == EN_A
    assert r.best == r.match
    assert DEFAULT_THRESHOLD <= r.score <= 1.0
    assert text[r.match.start:r.match.end] == r.match.text
    assert "score" in r.reason


def test_an_orphan_is_unpaired_with_its_closest_candidate_and_the_reason() -> None:
    text = f"{EN_A} {EN_B}\n\n{TR_ORPHAN}\n\n{EN_C}"
    (r,) = _pair(text, TableEncoder({}))
    assert r.match is None and not r.paired
    assert r.best is not None
    assert f"below the threshold {DEFAULT_THRESHOLD:.2f}" in r.reason


def test_the_threshold_decides() -> None:
    text = f"{EN_A} {EN_B}\n\n{TR_ORPHAN}\n\n{EN_C}"
    (r,) = _pair(text, TableEncoder({}), model=PairingModel(threshold=0.0))
    assert r.match is not None


def test_an_english_sentence_renders_one_fragment_at_most() -> None:
    tr_twin = "Minik kurtlar ses titreşimleriyle yön değiştirdi, dediler."
    text = f"{TR_A}\n\n{EN_A}\n\n{EN_B} {EN_C}\n\n{tr_twin}"
    enc = TableEncoder({"worms": "worm", "kurtlar": "worm"})
    first, second = _pair(text, enc)
    assert first.match is not None and first.match.text == EN_A  # nearer, so it scores higher
    assert second.match is None
    assert "renders fragment #0 better" in second.reason


def test_an_english_quotation_is_a_candidate_of_its_own() -> None:
    text = (f'{EN_B} A banner read "Lamb ve Prentiss belli ki bir süredir birliktelerdi." '
            '("Lamb and Prentiss had apparently been dating for some time."). ' + EN_C)
    enc = TableEncoder({"birliktelerdi": "dating", "apparently been dating": "dating"})
    (r,) = _pair(text, enc)
    assert r.match is not None
    assert r.match.text == "Lamb and Prentiss had apparently been dating for some time."


def test_candidates_leave_the_turkish_out() -> None:
    text = ('Outside the courthouse in Gautier, a banner read "Lamb ve Prentiss belli ki bir '
            'süredir birliktelerdi." while the crowd waited for the police chief to speak.')
    segs = segment(text, "en")
    frags = detect_fragments(text, LanguageScorer(), segments=segs)
    (c,) = candidates(text, segs, frags)
    assert c.span.text == text
    assert "birliktelerdi" not in c.embed_text


def test_the_glossary_breaks_a_tie() -> None:
    tr = "Kız arkadaşını vurduğunu söyledi."
    en_1 = "He said he had shot his girlfriend."
    en_2 = "He said he had shot his neighbour."
    text = f"{en_1}\n\n{tr}\n\n{en_2}"
    enc = TableEncoder({"vurduğunu": "shot", "had shot": "shot"})
    glossary = FakeGlossary({"kız arkadaş": "girlfriend"})
    assert isinstance(glossary, GlossaryEvidence)
    (with_terms,) = _pair(text, enc, glossary=glossary)
    assert with_terms.match is not None and with_terms.match.text == en_1
    reversed_glossary = FakeGlossary({"kız arkadaş": "neighbour"})
    (other,) = _pair(text, enc, glossary=reversed_glossary)
    assert other.match is not None and other.match.text == en_2


def test_no_english_at_all() -> None:
    text = f"{TR_A}\n\n{TR_ORPHAN}"
    results = _pair(text, TableEncoder({}))
    assert len(results) == 2
    for r in results:
        assert r.match is None and r.best is None
        assert "no English sentence" in r.reason


def test_find_fragments_on_english_only_text_embeds_nothing() -> None:
    class Refuses(TableEncoder):
        def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
            raise AssertionError("nothing to embed")

    assert find_fragments(f"{EN_A} {EN_B}", Refuses({})) == []


def test_fake_encoder_end_to_end() -> None:
    from align.encoders import get_encoder

    text = f"{EN_A}\n\n{TR_A}\n\n{EN_B}"
    results = find_fragments(text, get_encoder("fake"))
    assert [r.fragment.text for r in results] == [TR_A]


@pytest.mark.parametrize("obj", [object(), "glossary.yaml", 3])
def test_anything_without_term_pairs_is_not_glossary_evidence(obj: object) -> None:
    assert not isinstance(obj, GlossaryEvidence)



def test_long_documents_are_paired_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.fragments import pair

    monkeypatch.setattr(pair, "_BLOCK", 2)
    monkeypatch.setattr(pair, "_REACH", 3)
    fillers = [f"Paragraph {k} says nothing about worms." for k in range(12)]
    text = "\n\n".join([TR_A, EN_A, *fillers[:6], TR_ORPHAN, *fillers[6:], TR_A + " Evet."])
    enc = TableEncoder({"worms change": "worm", "kurtlar": "worm"})
    results = _pair(text, enc)
    assert [r.fragment.text for r in results] == [TR_A, TR_ORPHAN, TR_A + " Evet."]
    assert results[0].match is not None and results[0].match.text == EN_A
    assert results[1].match is None
    # The third is out of reach of EN_A (more than 3 sentences away): nothing to pair it with.
    assert results[2].best is None or results[2].best.text != EN_A


def test_no_candidate_within_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.fragments import pair

    monkeypatch.setattr(pair, "_REACH", 1)
    monkeypatch.setattr(pair, "_BLOCK", 1)
    text = "\n\n".join([EN_A, TR_A, TR_ORPHAN, TR_A + " Evet.", "Kadınlar çok güçlü.",
                         TR_ORPHAN])
    results = _pair(text, TableEncoder({}))
    assert "no English sentence within 1 sentences" in results[-1].reason
