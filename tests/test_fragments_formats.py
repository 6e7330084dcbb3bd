"""Output formats of ``hizala fragments``, against golden files (byte for byte).

Regenerate the golden files after a deliberate change with::

    python -m tests.test_fragments_formats      # from the repository root
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.fragments.formats import render
from align.fragments.model import EnglishSpan, Fragment, FragmentMatch

GOLDEN = Path(__file__).parent / "data" / "fragments"

TEXT = (
    "Protesters gathered in Kadıköy. Turkey must withdraw from NATO, they said.\n"
    "\n"
    "NATO Türkiye’den Çıksın!\tNATO’ya hayır.\n"
    "\n"
    'A banner read "Lütfen yorumunuzu giriniz!" on İzmir’s square.\n'
)


def _span(text: str, phrase: str) -> tuple[int, int]:
    a = text.index(phrase)
    return a, a + len(phrase)


def results() -> list[FragmentMatch]:
    a, b = _span(TEXT, "NATO Türkiye’den Çıksın!\tNATO’ya hayır.")
    c, d = _span(TEXT, "Turkey must withdraw from NATO, they said.")
    e, f = _span(TEXT, "Lütfen yorumunuzu giriniz!")
    tweet = Fragment(a, b, TEXT[a:b], "paragraph", 0.99, 1)
    footer = Fragment(e, f, TEXT[e:f], "quote", 0.97, 2)
    en = EnglishSpan(c, d, TEXT[c:d])
    return [
        FragmentMatch(tweet, en, 0.734567, en, "score 0.73 (similarity 0.61)"),
        FragmentMatch(footer, None, 0.051, en,
                      "no English sentence renders it: the best candidate scores 0.05 "
                      "(similarity 0.02), below the threshold 0.37"),
    ]


FORMATS = [("json", "golden.json"), ("tsv", "golden.tsv"), ("text", "golden.txt")]


@pytest.mark.parametrize(("fmt", "name"), FORMATS, ids=[f for f, _ in FORMATS])
def test_golden(fmt: str, name: str) -> None:
    out = render(fmt, results(), TEXT, "article.txt")
    assert out.encode("utf-8") == (GOLDEN / name).read_bytes()


def test_json_contract_exactly() -> None:
    data = json.loads(render("json", results(), TEXT))
    assert list(data) == ["fragments"]
    first, second = data["fragments"]
    assert list(first) == ["start", "end", "text", "match"]
    assert list(first["match"]) == ["start", "end", "text", "score"]
    assert second["match"] is None
    for item in data["fragments"]:
        assert TEXT[item["start"]:item["end"]] == item["text"]
    assert TEXT[first["match"]["start"]:first["match"]["end"]] == first["match"]["text"]
    assert first["match"]["score"] == 0.7346


def test_no_fragments() -> None:
    assert render("json", [], TEXT) == '{\n "fragments": []\n}\n'
    assert render("tsv", [], TEXT).count("\n") == 1
    assert render("text", [], TEXT) == "no Turkish fragments found\n"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown fragments format"):
        render("xml", [], TEXT)


if __name__ == "__main__":
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for _fmt, _name in FORMATS:
        (GOLDEN / _name).write_bytes(render(_fmt, results(), TEXT, "article.txt").encode("utf-8"))
