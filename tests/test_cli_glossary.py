"""The glossary commands: terms (its output contract), check, and
glossary list/add/remove/lint/import/export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli.main import cli

DATA = Path(__file__).parent / "data" / "glossary"
TR, EN, GLOSSARY = DATA / "pair.tr.txt", DATA / "pair.en.txt", DATA / "pair.glossary.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_terms_output_contract() -> None:
    code, out, _ = run(
        "terms", TR, EN, "--presegmented", "--glossary", GLOSSARY, "--format", "jsonl"
    )
    assert code == 0
    assert out.encode("utf-8") == (DATA / "pair.terms.golden.jsonl").read_bytes()
    tr_lines = TR.read_text(encoding="utf-8").split("\n")
    for record in map(json.loads, out.splitlines()):
        assert list(record) == ["line", "hits"]
        for hit in record["hits"]:
            assert list(hit) == ["term", "tr_span", "en_span"]
            a, b = hit["tr_span"]
            assert tr_lines[record["line"] - 1][a:b]


def test_terms_needs_line_parallel_files(tmp_path: Path) -> None:
    code, _, err = run("terms", TR, EN, "--glossary", GLOSSARY)
    assert code == 2 and "--presegmented" in err
    short = tmp_path / "short.en.txt"
    short.write_text("one line\n", encoding="utf-8")
    code, _, err = run("terms", TR, short, "--presegmented", "--glossary", GLOSSARY)
    assert code == 2
    assert err.strip() == (
        f"hizala: error: {TR}: has 5 lines but {short} has 1; "
        "--presegmented files must be line-parallel"
    )


def test_terms_with_a_bad_glossary_names_the_spot() -> None:
    code, _, err = run("terms", TR, EN, "--presegmented", "-g", DATA / "bad" / "en_not_list.yaml")
    assert code == 2
    assert err.strip() == (
        f"hizala: error: {DATA / 'bad' / 'en_not_list.yaml'}:3:9: 'en' must be "
        'a list (write en: ["…", "…"])'
    )


def test_check_json_report() -> None:
    code, out, _ = run(
        "check", TR, EN, "--presegmented", "-g", GLOSSARY, "--encoder", "fake", "--format", "json"
    )
    assert code == 0
    report = json.loads(out)
    kinds = sorted((f["kind"], f["tr_text"] or f["en_text"]) for f in report["findings"])
    assert kinds == [
        ("forbidden", "gözaltına aldı"),
        ("missing", "Basın açıklaması"),
        ("missing", "gözaltına aldı"),
        ("untranslated", "basın açıklaması"),
    ]
    code, _, _ = run(
        "check",
        TR,
        EN,
        "--presegmented",
        "-g",
        GLOSSARY,
        "--encoder",
        "fake",
        "--format",
        "json",
        "--strict",
    )
    assert code == 1


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    shutil.copyfile(DATA / "commented.yaml", path)
    return path


def test_add_list_remove(glossary: Path) -> None:
    before = glossary.read_bytes()
    code, _, err = run(
        "glossary", "add", "pankart", "banner", "placard", "--forbidden", "poster", "-g", glossary
    )
    assert code == 0 and "added 'pankart'" in err
    code, out, _ = run("glossary", "list", "-g", glossary, "--format", "tsv")
    assert out.splitlines()[-1] == "pankart\tbanner|placard\tnoun"
    code, _, err = run("glossary", "add", "Pankart", "sign", "-g", glossary)
    assert code == 2 and "already in the glossary" in err
    code, _, _ = run("glossary", "remove", "pankart", "-g", glossary)
    assert code == 0
    assert glossary.read_bytes() == before


def test_add_guesses_pos_and_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    assert run("glossary", "add", "tutuklamak", "arrest", "-g", path)[0] == 0
    assert run("glossary", "add", "İzmir", "Izmir", "-g", path)[0] == 0
    _, out, _ = run("glossary", "list", "-g", path, "--format", "json")
    assert [(t["tr"], t["pos"]) for t in json.loads(out)] == [
        ("tutuklamak", "verb"),
        ("İzmir", "propn"),
    ]


def test_lint(glossary: Path) -> None:
    code, out, _ = run("glossary", "lint", "-g", glossary)
    assert (code, out.strip()) == (0, f"{glossary}: ok (3 terms)")
    bad = DATA / "bad" / "verb_not_infinitive.yaml"
    code, out, _ = run("glossary", "lint", bad, DATA / "bad" / "unknown_key.yaml")
    assert code == 1
    assert f"{bad}:2:9: error: a verb's 'tr' must be its infinitive" in out
    assert "unknown_key.yaml:4:5: error: unknown key 'colour'" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "tbx"])
def test_export_import_round_trip(glossary: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"terms.{fmt}"
    assert run("glossary", "export", "-g", glossary, "-o", out)[0] == 0
    target = tmp_path / "imported.yaml"
    code, _, err = run("glossary", "import", out, "-g", target)
    assert code == 0 and "imported 3 new" in err
    code, _, err = run("glossary", "import", out, "-g", target)
    assert "kept 3 existing" in err
    a = json.loads(run("glossary", "list", "-g", glossary, "--format", "json")[1])
    b = json.loads(run("glossary", "list", "-g", target, "--format", "json")[1])
    strip = [{k: v for k, v in t.items() if k != "line"} for t in a]
    assert strip == [{k: v for k, v in t.items() if k != "line"} for t in b]


def test_import_refuses_xxe(tmp_path: Path) -> None:
    code, _, err = run("glossary", "import", DATA / "tbx" / "xxe.tbx", "-g", tmp_path / "g.yaml")
    assert code == 2 and "<!DOCTYPE> declaration is not allowed" in err
    assert not (tmp_path / "g.yaml").exists()


def test_glossary_anchors_weight_rare_terms_more() -> None:
    from align.glossary.anchors import glossary_anchors
    from align.glossary.match import TermMatcher
    from align.glossary.yaml_store import load_glossary

    matcher = TermMatcher(load_glossary(GLOSSARY))
    tr = ["NATO’nun üssü kapatılsın!", "NATO toplandı.", "Hiçbir terim yok."]
    en = ["Close the NATO base!", "NATO met.", "No term here."]
    anchors = {(a.tr, a.en): a.weight for a in glossary_anchors(matcher, tr, en)}
    assert anchors == {(0, 0): 1.5, (0, 1): 0.5, (1, 0): 0.5, (1, 1): 0.5}


def test_anchors_steer_the_aligner_when_weighted() -> None:
    """The shipped weights do not use anchors (they did not help, see README); a model
    with a positive anchor weight follows them."""
    from dataclasses import replace

    import numpy as np

    from align.aligner.core import Anchor, align_texts
    from align.aligner.model import default_model
    from align.encoders import get_encoder

    model = default_model()
    w = model.w_pair.copy()
    w[model.pair_features.index("anchor")] = 50.0
    steered = replace(model, w_pair=w)
    tr = ["Bir.", "İki.", "Üç."]
    en = ["Three.", "One.", "Two."]  # unrelated for the fake encoder
    anchors = [Anchor(0, 1, 1.0), Anchor(1, 2, 1.0)]
    beads = align_texts(tr, en, get_encoder("fake"), anchors=anchors, model=steered)
    assert ((0,), (1,)) in [(b.tr, b.en) for b in beads]
    assert np.isclose(default_model().w_pair[model.pair_features.index("anchor")], 0.0)


# --- the glossary tool's defects (issue 12), each failing before its fix -------------


def test_add_multiword_verb_defaults_to_verb_and_matches(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    assert run("glossary", "add", "ifade vermek", "testify", "-g", path)[0] == 0
    _, out, _ = run("glossary", "list", "-g", path, "--format", "json")
    assert [(t["tr"], t["pos"]) for t in json.loads(out)] == [("ifade vermek", "verb")]
    tr, en = tmp_path / "tr.txt", tmp_path / "en.txt"
    tr.write_text("Tanık dün ifade verdi.\n", encoding="utf-8")
    en.write_text("The witness testified yesterday.\n", encoding="utf-8")
    code, out, _ = run("terms", tr, en, "--presegmented", "-g", path)
    assert code == 0
    assert json.loads(out) == {
        "line": 1, "hits": [{"term": "ifade vermek", "tr_span": [10, 21], "en_span": [12, 21]}]
    }


@pytest.mark.parametrize(
    ("tr", "pos"),
    [("tutuklamak", "verb"), ("ifade vermek", "verb"), ("gözaltına almak", "verb"),
     ("İzmir", "propn"), ("yemek", "verb"), ("kaymak", "verb"), ("basın açıklaması", "noun"),
     ("mak", "noun")],
)
def test_guess_pos(tr: str, pos: str) -> None:
    from align.cli.cmd_glossary import guess_pos

    assert guess_pos(tr) == pos


def test_add_duplicate_points_to_replace_and_replace_says_so(glossary: Path) -> None:
    code, _, err = run("glossary", "add", "gözaltı", "custody", "-g", glossary)
    assert code == 2
    assert "add --replace to replace its entry" in err and "change" not in err
    code, _, err = run("glossary", "add", "gözaltı", "custody", "--replace", "-g", glossary)
    assert code == 0 and err.startswith("replaced 'gözaltı'") and "added" not in err
    _, out, _ = run("glossary", "list", "-g", glossary, "--format", "json")
    assert next(t["en"] for t in json.loads(out) if t["tr"] == "gözaltı") == ["custody"]


def test_tbx_export_keeps_case_sensitive_and_the_new_keys(tmp_path: Path) -> None:
    source = tmp_path / "g.yaml"
    source.write_text(
        'terms:\n  - tr: "Ak"\n    en: ["white"]\n    case_sensitive: true\n'
        '  - tr: "savaş"\n    en: ["war"]\n    exceptions: ["savaş uçağı"]\n'
        '    other_senses: ["fight"]\n    consistent: true\n',
        encoding="utf-8",
    )
    for fmt in ("tbx", "csv", "tsv"):
        out = tmp_path / f"g.{fmt}"
        assert run("glossary", "export", "-g", source, "-o", out)[0] == 0
        target = tmp_path / f"back-{fmt}.yaml"
        assert run("glossary", "import", out, "-g", target)[0] == 0
        a = json.loads(run("glossary", "list", "-g", source, "--format", "json")[1])
        b = json.loads(run("glossary", "list", "-g", target, "--format", "json")[1])
        assert [{k: v for k, v in t.items() if k != "line"} for t in a] == [
            {k: v for k, v in t.items() if k != "line"} for t in b
        ], fmt


def test_import_into_itself_is_one_summary(tmp_path: Path) -> None:
    shipped = Path(__file__).parent.parent / "glossary.yaml"
    path = tmp_path / "glossary.yaml"
    shutil.copyfile(shipped, path)
    out = tmp_path / "all.tbx"
    assert run("glossary", "export", "-g", path, "-o", out)[0] == 0
    before = path.read_bytes()
    code, _, err = run("glossary", "import", out, "-g", path)
    n = len(json.loads(run("glossary", "list", "-g", path, "--format", "json")[1]))
    assert code == 0
    assert err.splitlines() == [
        f"imported 0 new, replaced 0, kept {n} existing into {path}",
        f"hizala: {n} term(s) of {out} are already in the glossary and were kept as they are "
        f"('NATO', 'Türkiye', 'ABD', …); --replace takes them from {out}",
    ]
    assert path.read_bytes() == before
