"""``hizala segment|align|batch|eval`` from the outside: outputs, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli.main import cli
from align.formats import check_complete, parse_beads

TR = (
    "Gözaltına alınan öğrenciler serbest bırakıldı.\n"
    "İzmir’de 24.06.2026'da eylem yapıldı.\n"
    "NATO'ya karşı pankart asıldı.\n"
)
EN = (
    "The detained students were released.\n"
    "A protest was held in İzmir on 24 June 2026.\n"
    "A banner against NATO was hung.\n"
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    tr, en = tmp_path / "haber.tr.txt", tmp_path / "haber.en.txt"
    tr.write_text(TR, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return tr, en


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_help_lists_the_commands() -> None:
    out = run("--help").output
    for name in ("align", "batch", "eval", "segment"):
        assert name in out
    assert "--presegmented" in run("align", "--help").output


def test_segment_turkish(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("Prof. Dr. Ayşe Yılmaz 2. Dünya Savaşı'nı anlattı. Sonra gitti.\n\nYeni paragraf.", "utf-8")
    result = run("segment", str(f), "--lang", "tr")
    assert result.exit_code == 0
    assert result.output == ("Prof. Dr. Ayşe Yılmaz 2. Dünya Savaşı'nı anlattı.\nSonra gitti.\n\n"
                             "Yeni paragraf.\n")


@pytest.mark.parametrize("fmt", ["beads", "tsv", "json", "text"])
def test_align_formats(pair, fmt: str) -> None:
    tr, en = pair
    result = run("align", str(tr), str(en), "--presegmented", "--encoder", "fake", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "beads":
        beads = parse_beads(result.output)
        check_complete(beads, 3, 3)
    elif fmt == "tsv":
        assert len(result.output.splitlines()) == 3
        assert result.output.split("\t")[0] == "Gözaltına alınan öğrenciler serbest bırakıldı."
    elif fmt == "json":
        assert len(json.loads(result.output)["beads"]) == 3
    else:
        assert "TR Gözaltına" in result.output and "confidence" in result.output


def test_align_writes_output_file(pair, tmp_path: Path) -> None:
    tr, en = pair
    out = tmp_path / "out.beads"
    result = run("align", str(tr), str(en), "--presegmented", "--encoder", "fake", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    check_complete(parse_beads(out.read_text("utf-8")), 3, 3)
    assert not list(tmp_path.glob(".out.beads.*"))  # no temp file left behind


def test_batch_survives_a_bad_document(pair, tmp_path: Path) -> None:
    tr, en = pair
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "manifest.tsv").write_text(
        f"{tr.name}\t{en.name}\tone.beads\n"
        "# a comment\n"
        f"bad.txt\t{en.name}\ttwo.tsv\n"
        f"{tr.name}\t{en.name}\tthree.json\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "manifest.tsv"), "--presegmented",
                                      "--encoder", "fake"])
    assert result.exit_code == 1
    assert (tmp_path / "one.beads").exists() and (tmp_path / "three.json").exists()
    assert not (tmp_path / "two.tsv").exists()
    assert "skipped" in result.output and "manifest.tsv:3" in result.output
    assert "PNG image" in result.output
    assert "aligned 2 of 3 document pairs" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a\tb\n", "manifest.tsv:1: expected 3 TAB-separated fields"),
        ("# only a comment\n", "manifest.tsv: the manifest lists no document pairs"),
        ("a\tb\tout.txt\n", "OUT must end in .beads, .tsv or .json"),
    ],
)
def test_batch_bad_manifest(tmp_path: Path, content: str, message: str) -> None:
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(manifest), "--encoder", "fake"])
    assert result.exit_code != 0
    assert message in result.output


def test_eval(tmp_path: Path) -> None:
    (tmp_path / "g").write_text("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n", "utf-8")
    (tmp_path / "p").write_text("[0]:[0]:0.9\n[1]:[1]:0.5\n[2]:[]:0.4\n[3]:[]:0.8\n", "utf-8")
    result = run("eval", str(tmp_path / "g"), str(tmp_path / "p"), "--json")
    scores = json.loads(result.output)
    assert scores["precision_strict"] == pytest.approx(2 / 4)
    assert scores["recall_strict"] == pytest.approx(1 / 2)


BAD_INPUTS = [
    ("empty", b"", "is empty"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    ("nul", b"Merhaba\x00d\xfcnya\n" * 3, "NUL byte"),
    ("damaged utf-8", "Gözaltı şöyle çığlık ü".encode() + b"\xff" + "ğüşiöç".encode(), "not valid UTF-8"),
]


@pytest.mark.parametrize(("data", "message"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_one_line_exit_2_no_traceback(tmp_path: Path, pair, data: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    proc = subprocess.run(
        [sys.executable, "-m", "align.cli", "align", str(bad), str(pair[1]), "--encoder", "fake"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and message in lines[0], proc.stderr


def test_cp1254_input_is_read(tmp_path: Path, pair) -> None:
    legacy = tmp_path / "eski.txt"
    legacy.write_bytes(TR.replace("\n", "\r\n").encode("cp1254"))
    result = run("align", str(legacy), str(pair[1]), "--presegmented", "--encoder", "fake",
                 "--format", "tsv")
    assert result.exit_code == 0
    assert result.output.startswith("Gözaltına alınan öğrenciler")


def test_missing_file_and_unknown_encoder(pair) -> None:
    result = CliRunner().invoke(cli, ["align", "nope.txt", str(pair[1])])
    assert result.exit_code == 2 and "nope.txt: no such file" in result.output
    result = CliRunner().invoke(cli, ["align", str(pair[0]), str(pair[1]), "--encoder", "bert"])
    assert result.exit_code == 2 and "unknown encoder 'bert'" in result.output


SRX_DIR = Path(__file__).parent / "data" / "srx"


def test_segment_with_a_user_srx(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("Bir; iki. Üç; dört.", encoding="utf-8")
    result = run("segment", str(f), "--lang", "tr", "--srx", str(SRX_DIR / "user_override.srx"))
    assert result.exit_code == 0
    assert result.output == "Bir;\niki. Üç;\ndört.\n"  # only the user's rule breaks


def test_segment_with_a_bad_srx(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("Bir. İki.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(f), "--lang", "tr",
                                      "--srx", str(SRX_DIR / "bad_regex.srx")])
    assert result.exit_code == 2
    assert "bad_regex.srx:" in result.output and "invalid regular expression" in result.output


@pytest.mark.parametrize(
    ("codec", "forced", "ok"),
    [("cp1254", "cp1254", True), ("iso-8859-9", "iso-8859-9", True), ("cp1254", "utf-8", False)],
)
def test_forced_encoding(tmp_path: Path, codec: str, forced: str, ok: bool) -> None:
    f = tmp_path / "t.txt"
    f.write_bytes("Gözaltı şöyle: İzmir’de ığdır.".replace("’", "'").encode(codec))
    result = CliRunner().invoke(cli, ["segment", str(f), "--lang", "tr", "--encoding", forced])
    if ok:
        assert result.exit_code == 0 and result.output.startswith("Gözaltı şöyle")
    else:
        assert result.exit_code == 2 and "not valid utf-8" in result.output


def test_text_output_numbers_beads_from_one_and_beads_keep_0_based_units(
    pair: tuple[Path, Path]
) -> None:
    # "#1" is the first bead, as in the review screen (`g 1`) and `hizala check`;
    # the beads format keeps its 0-based unit indices (a Vecalign/Bertalign contract)
    tr, en = pair
    text = run("align", str(tr), str(en), "--presegmented", "--encoder", "lexical",
               "--format", "text").output
    assert [line.split()[0] for line in text.splitlines() if line.startswith("#")] == [
        "#1", "#2", "#3"]
    beads = run("align", str(tr), str(en), "--presegmented", "--encoder", "lexical",
                "--format", "beads").output
    assert beads.splitlines()[0].startswith("[0]:[0]")
