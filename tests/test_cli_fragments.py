"""``hizala fragments``: the JSON contract, the other formats, bad input, --glossary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli.main import cli
from align.textio import read_text

ARTICLE = (
    "Protesters gathered in Kadıköy on Sunday. Turkey must withdraw from NATO, the TKP said.\n"
    "\n"
    "NATO Türkiye’den Çıksın! NATO’dan çıkılması için gerçek hamleler yapmanın zamanı geldi.\n"
    "\n"
    'A banner read "Lütfen yorumunuzu giriniz!" on İzmir’s main square, where the police '
    "watched the crowd all afternoon.\n"
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_json_contract(article: Path) -> None:
    code, out, _ = _run("fragments", str(article), "--format", "json", "--encoder", "fake")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["fragments"]
    assert [f["text"] for f in data["fragments"]] == [
        "NATO Türkiye’den Çıksın! NATO’dan çıkılması için gerçek hamleler yapmanın zamanı geldi.",
        "Lütfen yorumunuzu giriniz!",
    ]
    for f in data["fragments"]:
        assert list(f) == ["start", "end", "text", "match"]
        assert ARTICLE[f["start"]:f["end"]] == f["text"]
        if f["match"] is not None:
            m = f["match"]
            assert list(m) == ["start", "end", "text", "score"]
            assert ARTICLE[m["start"]:m["end"]] == m["text"]
            assert 0.0 <= m["score"] <= 1.0


def test_json_is_the_default_off_a_terminal(article: Path) -> None:
    code, out, _ = _run("fragments", str(article), "--encoder", "fake")
    assert code == 0
    assert json.loads(out)["fragments"]


def test_tsv_and_text(article: Path) -> None:
    code, out, _ = _run("fragments", str(article), "--format", "tsv", "--encoder", "fake")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split("\t") == ["start", "end", "text", "match_start", "match_end",
                                    "match_text", "score", "note"]
    assert len(lines) == 3 and all(len(line.split("\t")) == 8 for line in lines)
    code, out, _ = _run("fragments", str(article), "--format", "text", "--encoder", "fake")
    assert code == 0 and "2 fragments" in out and "TR Lütfen yorumunuzu giriniz!" in out


def test_threshold_one_leaves_everything_unpaired(article: Path) -> None:
    code, out, _ = _run("fragments", str(article), "--format", "json", "--encoder", "fake",
                        "--threshold", "1")
    assert code == 0
    assert all(f["match"] is None for f in json.loads(out)["fragments"])


LONG = ARTICLE.split("\n\nA banner", maxsplit=1)[0] + "\n\n" + "".join(
    f"The ferries to Üsküdar ran late on day {i} of the festival, and İzmir’s stayed mild.\n\n"
    for i in range(1, 13))


@pytest.mark.parametrize(("flags", "embedded"), [
    pytest.param(["--fast"], 3, id="fast"),  # the fragment, the sentence that renders it, one more
    pytest.param([], 15, id="default-exhaustive"),  # the fragment and all 14 sentences
    pytest.param(["--exhaustive"], 15, id="exhaustive"),
])
def test_exhaustive_compares_every_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            flags: list[str], embedded: int) -> None:
    from align.encoders.fake import FakeEncoder

    seen: list[str] = []
    states = FakeEncoder._states

    def counted(self: FakeEncoder, texts: list[str], progress: object) -> object:
        seen.extend(texts)
        return states(self, texts, None)

    monkeypatch.setattr(FakeEncoder, "_states", counted)
    path = tmp_path / "long.txt"
    path.write_text(LONG, encoding="utf-8")
    code, out, _ = _run("fragments", str(path), "--format", "json", "--encoder", "fake", *flags)
    assert code == 0
    (frag,) = json.loads(out)["fragments"]
    assert frag["text"].startswith("NATO Türkiye’den Çıksın!")
    assert "Turkey must withdraw from NATO, the TKP said." in seen
    assert len(seen) == embedded


def test_output_file(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = _run("fragments", str(article), "--encoder", "fake", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["fragments"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_english_only_document(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("The Süreyya Opera House in Kadıköy was full.\n", encoding="utf-8")
    code, out, _ = _run("fragments", str(path), "--format", "json", "--encoder", "fake")
    assert (code, out) == (0, '{\n "fragments": []\n}\n')


@pytest.mark.parametrize(("data", "newline"), [
    pytest.param(ARTICLE.replace("\n", "\r\n").encode("utf-8"), "CRLF", id="crlf"),
    pytest.param(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "BOM", id="utf8-bom"),
    pytest.param(ARTICLE.replace("’", "'").encode("cp1254"), "cp1254", id="windows-1254"),
])
def test_offsets_refer_to_the_decoded_text(tmp_path: Path, data: bytes, newline: str) -> None:
    path = tmp_path / f"{newline}.txt"
    path.write_bytes(data)
    code, out, _ = _run("fragments", str(path), "--format", "json", "--encoder", "fake")
    assert code == 0
    text = read_text(path).text
    frags = json.loads(out)["fragments"]
    assert len(frags) == 2
    for f in frags:
        assert text[f["start"]:f["end"]] == f["text"]


BAD = [
    pytest.param("missing.txt", None, 2, "missing.txt: no such file", id="missing"),
    pytest.param("empty.txt", b"", 2, "is empty (0 bytes)", id="empty"),
    pytest.param("blank.txt", b"  \n\n", 2, "only white space", id="white-space"),
    pytest.param("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, 2, "is a PNG image", id="png"),
    pytest.param("nul.txt", b"abc\x00def" * 10, 2, "NUL byte", id="binary"),
    pytest.param("bad.txt", "Türkiye’den çıksın, ".encode() * 10 + b"\xff", 2,
                 "is not valid UTF-8", id="damaged-utf8"),
]


@pytest.mark.parametrize(("name", "data", "code", "message"), BAD)
def test_bad_input(tmp_path: Path, name: str, data: bytes | None, code: int,
                   message: str) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    got, out, err = _run("fragments", str(path), "--encoder", "fake")
    assert got == code
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


GLOSSARY = """\
version: 1
source: tr
target: en
terms:
  - tr: "NATO"
    en: ["NATO"]
  - tr: "çıkmak"
    en: ["withdraw", "leave"]
    pos: verb
"""


def test_glossary_term_pairs_are_inflection_aware() -> None:
    from align.fragments.glossary_evidence import GlossaryTermPairs
    from align.glossary.match import TermMatcher
    from align.glossary.yaml_store import parse_glossary

    evidence = GlossaryTermPairs(TermMatcher(parse_glossary(GLOSSARY, "g.yaml")))
    pairs = evidence.term_pairs("NATO Türkiye’den Çıksın!", "Turkey must withdraw from NATO.")
    assert sorted(pairs) == ["NATO", "çıkmak"]
    assert evidence.term_pairs("NATO Türkiye’den Çıksın!", "A banner was hung.") == []


def test_fragments_with_a_glossary(article: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "terms.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    code, out, _ = _run("fragments", str(article), "--glossary", str(glossary),
                        "--encoder", "fake", "--format", "json")
    assert code == 0
    assert json.loads(out)["fragments"]


def test_fragments_with_a_malformed_glossary(article: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "terms.yaml"
    glossary.write_text("version: 1\nterms:\n  - tr: [unclosed\n", encoding="utf-8")
    code, out, err = _run("fragments", str(article), "--glossary", str(glossary),
                          "--encoder", "fake")
    assert code == 2 and out == ""
    assert err.startswith(f"hizala: error: {glossary}:")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["--threshold", "2"], "2.0 is not in the range", id="threshold-range"),
    pytest.param(["--format", "xml"], "'xml' is not one of", id="format"),
    pytest.param(["--encoder", "nope"], "unknown encoder 'nope'", id="encoder"),
])
def test_bad_options(article: Path, args: list[str], message: str) -> None:
    code, _, err = _run("fragments", str(article), *args)
    assert code in (1, 2)
    assert message in err
