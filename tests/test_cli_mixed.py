"""`hizala new/add --mixed`, `status` and `export` on mixed articles, end to end, on the
seed articles in ``seeds/mixed`` (the tweet of 001 and the comment footer of 003)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from mixed_fixtures import ARTICLE

from align.cli.main import cli
from align.review import ProjectEngine
from align.review.risk import low_threshold
from align.store import SCHEMA_VERSION, Project
from align.textio import read_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "mixed"
TWEET = SEEDS / "001_60cfb181f1aba0e6.txt"
FOOTER = SEEDS / "003_c3b3fb393140d4fc.txt"
NAMES_ONLY = SEEDS / "000_52e99e9ab6c6000b.txt"
DTD = Path(__file__).parent / "data" / "tmx" / "tmx14.dtd"
TR = "Ali 12 elma aldı.\nAyşe 34 kitap okudu.\n"
EN = "Ali bought 12 apples.\nAyşe read 34 books.\n"
GLOSSARY = """version: 1
source: tr
target: en
terms:
  - tr: "gözaltı"
    en: ["detention"]
"""


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    for seed in (TWEET, FOOTER, NAMES_ONLY):
        shutil.copyfile(seed, tmp_path / seed.name)
    (tmp_path / "haber.tr.txt").write_text(TR, encoding="utf-8")
    (tmp_path / "haber.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "makale.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def _new_mixed(files: Path) -> Path:
    project = files / "p.hizala"
    result = run("new", str(project), "--mixed", str(files / TWEET.name), "--encoder", "fake")
    assert result.exit_code == 0, result.stderr
    low = low_threshold()  # the calibrated default
    with Project.open(project, readonly=True) as p:
        below = sum(1 for b in p.beads() if b.score is not None and b.score < low)
    assert result.stderr == (
        f"hizala: created {project} with mixed article '001_60cfb181f1aba0e6': 1 Turkish "
        f"fragment as beads (1 paired with English, 0 with none), {below} below {low:g} "
        "confidence, 0 QA findings\n"
    )
    return project


def test_the_tweet_becomes_a_bead(files: Path) -> None:
    project = _new_mixed(files)
    text = read_text(files / TWEET.name).text
    with Project.open(project, readonly=True) as p:
        (bead,) = p.beads()
        (tr,) = bead.tr
        assert tr.text.startswith("NATO Türkiye’den Çıksın!")
        assert tr.text.endswith("NATO darbecidir, NATO işgalcidir, NATO…")
        assert text[tr.start : tr.end] == tr.text
        for en in bead.en:
            assert text[en.start : en.end] == en.text
        info = p.fragment(bead.id)
        assert info is not None and info.reason and info.kind == "paragraph"
        (doc,) = p.documents()
        assert doc.kind == "mixed" and "kind:mixed" in str(doc.signature)
        assert "encoder:fake" in str(doc.signature)


def test_add_status_and_both_workflows_in_one_project(files: Path) -> None:
    project = _new_mixed(files)
    result = run("add", str(project), "--mixed", str(files / FOOTER.name),
                 "--mixed", str(files / NAMES_ONLY.name))
    assert result.exit_code == 0, result.stderr
    assert ("added mixed article '003_c3b3fb393140d4fc': 1 Turkish fragment as beads "
            "(0 paired with English, 1 with none)") in result.stderr
    assert ("added mixed article '000_52e99e9ab6c6000b': no Turkish fragment found, "
            "no beads") in result.stderr
    result = run("add", str(project), str(files / "haber.tr.txt"), str(files / "haber.en.txt"),
                 "--presegmented")
    assert result.exit_code == 0 and "added document 'haber': 2 beads" in result.stderr
    with Project.open(project) as p:
        footer = p.beads(document_id=2)[0]
        assert footer.kind == "1:0" and footer.tr_text.startswith("Lütfen yorumunuzu giriniz!")
        p.confirm(footer.id)
    status = json.loads(run("status", str(project), "--json").stdout)
    assert [(d["name"], d["kind"], d["beads"]) for d in status["documents"]] == [
        ("001_60cfb181f1aba0e6", "mixed", 1), ("003_c3b3fb393140d4fc", "mixed", 1),
        ("000_52e99e9ab6c6000b", "mixed", 0), ("haber", "parallel", 2),
    ]
    assert (status["beads"], status["confirmed"], status["mixed_documents"],
            status["fragments"]) == (4, 1, 3, 2)
    assert status["documents"][1]["unpaired"] == 1 and "unpaired" not in status["documents"][3]
    assert status["documents"][0]["tr_file"] == status["documents"][0]["en_file"] == "unchanged"
    text = run("status", str(project)).stdout
    assert "mixed articles  3  (2 Turkish fragments as beads" in text
    assert "003_c3b3fb393140d4fc (mixed article): 1 fragment, 1 with no English" in text
    (files / FOOTER.name).write_text("changed\n", encoding="utf-8")
    assert "article file" in run("status", str(project)).stdout


def test_a_pair_and_an_article_from_standard_input_in_one_new(files: Path) -> None:
    project = files / "both.hizala"
    result = run("new", str(project), str(files / "haber.tr.txt"), str(files / "haber.en.txt"),
                 "--presegmented", "--mixed", "-", "--encoder", "fake", stdin=ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert f"created {project} with document 'haber': 2 beads" in result.stderr
    assert "added mixed article 'article': 3 Turkish fragments as beads" in result.stderr
    with Project.open(project, readonly=True) as p:
        pair, article = p.documents()
        assert (pair.kind, article.kind) == ("parallel", "mixed")
        assert article.tr_path is None and p.file_text(article.id, "en") == ARTICLE


def test_export_tmx_tsv_json(files: Path) -> None:
    from lxml import etree

    project = files / "p.hizala"
    result = run("new", str(project), "--mixed", str(files / "makale.txt"), "--encoder", "fake")
    assert result.exit_code == 0, result.stderr
    with Project.open(project) as p:
        slogan, banner, footer = p.beads()
        p.confirm(slogan.id)
        p.rematch(banner.id, *_span("The protesters demanded"))
        p.reject(footer.id)
    out = files / "out"
    out.mkdir()
    result = run("export", str(project), "--tmx", str(out / "p.tmx"), "--tsv",
                 str(out / "p.tsv"), "--json", str(out / "p.json"))
    assert result.exit_code == 0, result.stderr
    assert "wrote 2 translation units" in result.stderr
    tree = etree.parse(str(out / "p.tmx"))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    tus = tree.findall("body/tu")
    props = [{q.get("type"): q.text for q in tu.findall("prop")} for tu in tus]
    assert [(x["x-document"], x["x-kind"], x["x-status"]) for x in props] == [
        ("makale", "mixed", "confirmed"), ("makale", "mixed", "auto"),
    ]
    assert "x-score" in props[0] and "x-score" not in props[1]  # rematched by hand
    tsv = (out / "p.tsv").read_text(encoding="utf-8").splitlines()
    assert len(tsv) == 2 and tsv[1].endswith("\tauto\tmakale")
    data = json.loads((out / "p.json").read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["kind"] == "mixed" and [b["fragment"]["kind"] for b in doc["beads"]] == [
        "paragraph", "quote",
    ]


def _span(prefix: str) -> tuple[int, int]:
    a = ARTICLE.index(prefix)
    return a, ARTICLE.index(".", a) + 1


def test_glossary_is_pairing_evidence_and_checks_the_beads(files: Path) -> None:
    project = files / "g.hizala"
    result = run("new", str(project), "--mixed", str(files / "makale.txt"), "--encoder",
                 "fake", "--glossary", str(files / "g.yaml"), "--detector", "rules",
                 "--threshold", "0.5")
    assert result.exit_code == 0, result.stderr
    with Project.open(project, readonly=True) as p:
        (doc,) = p.documents()
        params = dict(doc.signature.params)
        assert params["detector"] == "rules" and params["threshold"] == "0.5"
        assert len(params["glossary"]) == 8


ERRORS: list[tuple[str, list[str], str, int]] = [
    ("nothing", ["new", "{d}/q.hizala"], "give a Turkish document and its translation", 2),
    ("tr-without-en", ["new", "{d}/q.hizala", "{d}/haber.tr.txt"], "missing EN", 2),
    ("presegmented-article", ["new", "{d}/q.hizala", "--mixed", "{d}/makale.txt",
                              "--presegmented"], "--presegmented and --srx are for TR EN", 2),
    ("name-for-two", ["new", "{d}/q.hizala", "--mixed", "{d}/makale.txt", "--mixed",
                      "{d}/" + FOOTER.name, "--name", "x"], "--name names one document", 2),
    ("missing-article", ["new", "{d}/q.hizala", "--mixed", "{d}/yok.txt", "--encoder", "fake"],
     "yok.txt", 2),
    ("empty-article", ["new", "{d}/q.hizala", "--mixed", "{d}/empty.txt", "--encoder", "fake"],
     "empty.txt", 2),
    ("binary-article", ["new", "{d}/q.hizala", "--mixed", "{d}/photo.png", "--encoder", "fake"],
     "PNG image", 2),
    ("same-article-twice", ["new", "{d}/q.hizala", "--mixed", "{d}/makale.txt", "--mixed",
                            "{d}/makale.txt", "--encoder", "fake"],
     "this article is already in the project as document 'makale'", 2),
    ("bad-glossary", ["new", "{d}/q.hizala", "--mixed", "{d}/makale.txt", "--glossary",
                      "{d}/yok.yaml", "--encoder", "fake"], "no such glossary file", 2),
]


USAGE = {"nothing", "tr-without-en", "presegmented-article", "name-for-two"}


@pytest.mark.parametrize(("name", "args", "message", "code"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(files: Path, name: str, args: list[str], message: str, code: int) -> None:
    (files / "empty.txt").write_bytes(b"")
    (files / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = run(*[a.format(d=files) for a in args])
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    if name in USAGE:  # click's usage error: the usage line, then the message
        assert result.stderr.startswith("Usage: ")
        assert result.stderr.splitlines()[-1].startswith("Error: ")
    else:
        assert result.stderr.startswith("hizala: error: ") and result.stderr.count("\n") == 1
    assert not (files / "q.hizala").exists()  # a failed `new` leaves no project


def test_add_to_an_old_project_migrates_it(files: Path) -> None:
    project = files / "old.hizala"
    shutil.copyfile(Path(__file__).parent / "data" / "store" / "v1.hizala", project)
    result = run("add", str(project), "--mixed", str(files / "makale.txt"), "--encoder", "fake")
    assert result.exit_code == 0, result.stderr
    status = json.loads(run("status", str(project), "--json").stdout)
    assert status["schema"] == SCHEMA_VERSION
    assert [d["kind"] for d in status["documents"]] == ["parallel", "mixed"]


@pytest.mark.model
def test_the_tweet_with_the_real_encoder(files: Path) -> None:
    """USE: the tweet is paired with a sentence about withdrawing from NATO, or is left
    unpaired with the reason; the footer has no English."""
    project = files / "use.hizala"
    result = run("new", str(project), "--mixed", str(files / TWEET.name), "--mixed",
                 str(files / FOOTER.name))
    assert result.exit_code == 0, result.stderr
    with Project.open(project) as p:
        tweet, footer = p.beads()
        if tweet.en:
            assert "withdraw" in tweet.en_text.lower()
        else:
            info = p.fragment(tweet.id)
            assert info is not None and "threshold" in info.reason
        assert not footer.en
        ranked = ProjectEngine(p).match_candidates(tweet.id, limit=5)
        assert any("withdraw" in c.text.lower() for c in ranked[:3])
