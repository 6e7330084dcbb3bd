"""The model-free encoders: ``lexical`` (a translation-robust baseline) and ``fake`` (for tests)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from align.encoders import EmbeddingCache
from align.encoders.fake import FakeEncoder
from align.encoders.lexical import LexicalEncoder, features, number_values
from align.errors import EncoderError

REPO = Path(__file__).resolve().parents[1]

TR = [
    "NATO'ya 2024'te %5 zam geldi.",
    "Türkiye’den İzmir'e demokrasinin ekonomisi nasıl?",
    "Hava bugün çok güzel.",
    "Şirketin geliri 1.250,5 milyon lira oldu.",
]
EN = [
    "NATO got a 5% raise in 2024.",
    "How is the economy of democracy from Turkey to Izmir?",
    "The weather is very nice today.",
    "The company's revenue was 1,250.5 million lira.",
]


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        ("1.250,5", ["1250.5"]),
        ("1,250.5", ["1250.5"]),
        ("1.250", ["1250"]),  # one separator before three digits: thousands
        ("1,250", ["1250"]),
        ("3,5", ["3.5"]),
        ("3.50", ["3.5"]),
        ("0.125", ["0.125"]),
        ("1.250.000,75", ["1250000.75"]),
        ("1,250,000.75", ["1250000.75"]),
        ("10\u00a0000", ["10000"]),
        ("12.03.2024", ["12", "3", "2024"]),  # a date: each digit run
        ("2024", ["2024"]),
        ("007", ["7"]),
    ],
)
def test_number_values(raw: str, values: list[str]) -> None:
    assert number_values(raw) == values


def _names(text: str, kind: str) -> set[str]:
    return {f for f, _ in features(text) if f.startswith(kind)}


def test_features_survive_translation() -> None:
    assert _names("Oran %5 oldu", "%") == _names("The rate was 5%", "%") == {"%:5"}
    assert _names("yüzde 3,5", "%") == _names("3.5 percent", "%") == {"%:3.5"}
    assert _names("NATO'ya katıldı", "w") == {"w:nato"}
    assert "w:turkiye" in _names("Türkiye’den geldi", "w")
    assert _names("İzmir'de", "w") == _names("in Izmir", "w") == {"w:izmir"}
    assert "c:demo" in _names("demokrasinin", "c") & _names("democracy", "c")
    assert "c:tekn" in _names("teknoloji", "c") & _names("technology", "c")
    assert _names("Neden? Çünkü!", "p") == _names("Why? Because!", "p") == {"p:?", "p:!"}
    assert _names("“Evet” dedi", "p") == _names('"Yes," he said', "p") == {'p:"'}
    # A Turkish suffix after a number is not a word.
    assert not _names("1990'lardan beri", "c")


@pytest.mark.parametrize("cls", [LexicalEncoder, FakeEncoder])
def test_decomposed_text_is_the_same(cls: type[LexicalEncoder] | type[FakeEncoder]) -> None:
    nfc = "İzmir'de Şişli'deki gösteriye 1.250 kişi katıldı."
    out = cls().encode([nfc, unicodedata.normalize("NFD", nfc)])
    np.testing.assert_allclose(out[0], out[1], atol=1e-6)


def test_lexical_vectors_and_translation_pairs() -> None:
    enc = LexicalEncoder()
    assert enc.name == "lexical" and enc.dim == 512
    tr, en = enc.encode(TR), enc.encode(EN)
    assert tr.shape == (len(TR), 512) and tr.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(tr, axis=1), 1.0, rtol=1e-5)
    sim = tr @ en.T
    # Each Turkish sentence is closest to its translation, except the one
    # with nothing lexical to go on (row 2): that one is similar to nothing.
    for i in (0, 1, 3):
        assert int(np.argmax(sim[i])) == i, sim.round(2)
        assert sim[i, i] > 0.4
    assert abs(sim[2]).max() < 0.35


def test_lexical_is_stable_across_processes() -> None:
    """blake2b, not the salted built-in hash: another interpreter gives the same vector."""
    code = (
        "from align.encoders.lexical import LexicalEncoder;"
        f"print(LexicalEncoder().encode([{TR[1]!r}])[0].tobytes().hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "123", "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=REPO
    ).stdout.strip()
    assert out == LexicalEncoder().encode([TR[1]])[0].tobytes().hex()


def test_lexical_text_without_features_is_zero() -> None:
    out = LexicalEncoder().encode(["", "ve bu da"])
    assert not out.any()


def test_lexical_dim_from_spec_string() -> None:
    enc = LexicalEncoder("256")
    assert enc.dim == 256 and enc.name == "lexical:256"
    assert enc.encode(TR[:1]).shape == (1, 256)
    with pytest.raises(EncoderError, match="positive integer"):
        LexicalEncoder("wide")
    with pytest.raises(EncoderError, match="positive integer"):
        LexicalEncoder(0)


@pytest.mark.parametrize("cls", [LexicalEncoder, FakeEncoder])
def test_runs_are_sums_of_sentences(cls: type[LexicalEncoder] | type[FakeEncoder]) -> None:
    enc = cls()
    runs = [(0, 1), (0, 2), (1, 4), (2, 2)]
    out = enc.encode_runs(EN, runs)
    assert out.shape == (4, enc.dim)
    if cls is FakeEncoder:  # a bag of tokens: the joined text is exactly the sum
        joined = FakeEncoder().encode([" ".join(EN[a:b]) for a, b in runs])
        np.testing.assert_allclose(out, joined, atol=1e-6)
    np.testing.assert_allclose(out[0], enc.encode(EN[:1])[0], atol=1e-6)
    assert not out[3].any()  # an empty run
    assert enc.encode_runs(EN, []).shape == (0, enc.dim)


def test_fake_is_deterministic_and_counts_calls() -> None:
    enc = FakeEncoder()
    assert enc.name == "fake" and enc.dim == 64
    first = enc.encode(["Bir iki üç", "one two three", "Bir iki üç"])
    assert enc.calls == 2  # the repeated text is embedded once
    np.testing.assert_array_equal(first[0], first[2])
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(enc.encode(["one two three"]), first[1:2])
    assert enc.calls == 2  # served from the cache
    enc.encode(["one two three", "four"])
    assert enc.calls == 3
    np.testing.assert_array_equal(FakeEncoder().encode(["Bir iki üç"]), first[:1])


def test_fake_folds_turkish_case() -> None:
    enc = FakeEncoder()
    a, b = enc.encode(["İSTANBUL IŞIK", "istanbul ışık"])
    np.testing.assert_allclose(a, b)


def test_fake_shares_a_cache_by_name() -> None:
    cache = EmbeddingCache()
    one, two = FakeEncoder(cache=cache), FakeEncoder(cache=cache)
    one.encode(["a b c"])
    two.encode(["a b c"])
    assert (one.calls, two.calls) == (1, 0)
    other = FakeEncoder(dim=32, cache=cache)  # another name: no mix-up
    assert other.encode(["a b c"]).shape == (1, 32) and other.calls == 1


def test_progress_is_reported() -> None:
    done: list[int] = []
    LexicalEncoder().encode(TR, progress=done.append)
    FakeEncoder().encode(TR, progress=done.append)
    assert done == [len(TR), len(TR)]
