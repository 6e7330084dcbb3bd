"""The project commands end to end: new, add, status, export, import-tmx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from align.cli.main import cli
from align.store import Project

TR = "Ali 12 elma aldı.\nAyşe 34 kitap okudu.\nMehmet “56” kilometre koştu & yoruldu.\n"
EN = "Ali bought 12 apples.\nAyşe read 34 books.\nMehmet ran “56” kilometres & got tired.\n"
TR2 = "Zeynep 78 mektup yazdı.\nFatma 90 çiçek dikti.\n"
EN2 = "Zeynep wrote 78 letters.\nFatma planted 90 flowers.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    for name, text in (("haber.tr.txt", TR), ("haber.en.txt", EN), ("ek.tr.txt", TR2),
                       ("ek.en.txt", EN2)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _new(folder: Path) -> Path:
    project = folder / "p.hizala"
    result = run("new", str(project), str(folder / "haber.tr.txt"), str(folder / "haber.en.txt"),
                 "--presegmented", "--encoder", "fake")
    assert result.exit_code == 0, result.stderr
    assert "created" in result.stderr and "3 beads" in result.stderr
    return project


def test_new_add_status(files: Path) -> None:
    project = _new(files)
    result = run("add", str(project), str(files / "ek.tr.txt"), str(files / "ek.en.txt"),
                 "--presegmented")
    assert result.exit_code == 0, result.stderr
    assert "added document 'ek': 2 beads" in result.stderr
    with Project.open(project) as p:
        assert p.encoder_name == "fake"
        p.confirm(p.beads()[0].id)
        p.reject(p.beads()[1].id)
    status = json.loads(run("status", str(project), "--json").stdout)
    assert (status["beads"], status["confirmed"], status["rejected"]) == (5, 1, 1)
    assert [d["name"] for d in status["documents"]] == ["haber", "ek"]
    assert status["documents"][0]["tr_file"] == "unchanged"
    assert status["documents"][0]["signature"].startswith("hizala:0.1.0|encoder:fake|")
    (files / "haber.en.txt").write_text(EN + "More.\n", encoding="utf-8")
    text = run("status", str(project)).stdout
    assert "beads           5" in text and "confirmed       1  (20.0%)" in text
    assert "changed on disk" in text


def test_export_all_formats(files: Path) -> None:
    project = _new(files)
    out = files / "out"
    out.mkdir()
    result = run("export", str(project), "--tmx", str(out / "p.tmx"), "--tsv", str(out / "p.tsv"),
                 "--json", str(out / "p.json"), "--tr-lang", "tr-TR")
    assert result.exit_code == 0, result.stderr
    assert "wrote 3 translation units" in result.stderr
    tmx = (out / "p.tmx").read_text(encoding="utf-8")
    assert 'srclang="tr-TR"' in tmx and "Mehmet “56” kilometre koştu &amp; yoruldu." in tmx
    assert (out / "p.tsv").read_text(encoding="utf-8").count("\n") == 3
    assert len(json.loads((out / "p.json").read_text(encoding="utf-8"))["documents"]) == 1
    only = run("export", str(project), "--tsv", "-", "--only-confirmed")
    assert only.exit_code == 0 and only.stdout == ""


def test_import_tmx_new_and_existing_project(files: Path) -> None:
    project = _new(files)
    run("export", str(project), "--tmx", str(files / "p.tmx"))
    result = run("import-tmx", str(files / "p.tmx"), str(files / "copy.hizala"))
    assert result.exit_code == 0, result.stderr
    assert "created" in result.stderr and "3 beads in 1 document" in result.stderr
    result = run("import-tmx", str(files / "p.tmx"), str(project))
    assert result.exit_code == 0, result.stderr
    assert json.loads(run("status", str(project), "--json").stdout)["beads"] == 6


ERRORS: list[tuple[str, list[str], str, int]] = [
    ("new-existing", ["new", "{d}/p.hizala", "{d}/haber.tr.txt", "{d}/haber.en.txt"],
     "already exists; add documents to it with `hizala add`", 2),
    ("glossary", ["new", "{d}/q.hizala", "{d}/haber.tr.txt", "{d}/haber.en.txt",
                  "--glossary", "{d}/g.yaml", "--encoder", "fake"],
     "g.yaml: no such glossary file; check the path", 2),
    ("missing-input", ["new", "{d}/q.hizala", "{d}/yok.tr.txt", "{d}/haber.en.txt",
                       "--encoder", "fake"], "yok.tr.txt", 2),
    ("status-missing", ["status", "{d}/yok.hizala"], "no such project; create one", 2),
    ("status-not-project", ["status", "{d}/haber.tr.txt"], "not a hizala project", 2),
    ("export-nothing", ["export", "{d}/p.hizala"], "nothing to export", 2),
    ("export-bad-folder", ["export", "{d}/p.hizala", "--tmx", "{d}/yok/p.tmx"],
     "does not exist", 2),
    ("import-not-tmx", ["import-tmx", "{d}/haber.tr.txt", "{d}/q.hizala"], "not a TMX file", 2),
    ("import-missing", ["import-tmx", "{d}/yok.tmx", "{d}/q.hizala"], "no such TMX file", 2),
]


GLOSSARY = """version: 1
source: tr
target: en
terms:
  - tr: "kitap"
    en: ["book"]
  - tr: "elma"
    en: ["pear"]
"""


def test_new_checks_every_bead(files: Path) -> None:
    """Numbers are checked always; glossary terms when a glossary is given."""
    (files / "haber.en.txt").write_text(EN.replace("34 books", "43 books"), encoding="utf-8")
    (files / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    result = run("new", str(files / "q.hizala"), str(files / "haber.tr.txt"),
                 str(files / "haber.en.txt"), "--presegmented", "--encoder", "fake",
                 "--glossary", str(files / "g.yaml"))
    assert result.exit_code == 0, result.stderr
    status = json.loads(run("status", str(files / "q.hizala"), "--json").stdout)
    # 34 -> 43: one changed number, one finding (with both sides' spans)
    assert status["findings_by_kind"].get("number") == 1
    assert status["findings_by_kind"].get("missing") == 1  # elma is not "pear"
    with Project.open(files / "q.hizala", readonly=True) as project:
        kinds = {f.kind for f in project.findings()}
    assert kinds == {"number", "missing"}


@pytest.mark.parametrize(("name", "args", "message", "code"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_are_one_line(
    files: Path, name: str, args: list[str], message: str, code: int
) -> None:
    if name != "glossary":
        _new(files)
    result = run(*[a.format(d=files) for a in args])
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert result.stderr.startswith("hizala: error: ") and result.stderr.count("\n") == 1
    assert not (files / "q.hizala").exists()  # a failed `new`/import leaves no project


def test_second_writer_refused_on_the_command_line(files: Path) -> None:
    project = _new(files)
    with Project.open(project):
        result = run("add", str(project), str(files / "ek.tr.txt"), str(files / "ek.en.txt"),
                     "--presegmented")
        assert result.exit_code == 3  # the environment: another hizala holds it
        assert "is already open for changes by process" in result.stderr
        assert run("status", str(project)).exit_code == 0  # readers still work
        assert run("export", str(project), "--tsv", "-").exit_code == 0


def test_exports_get_ordinary_permissions(files: Path) -> None:
    import os
    import stat

    project = _new(files)
    mask = os.umask(0o022)
    try:
        run("export", str(project), "--tmx", str(files / "p.tmx"))
        assert stat.S_IMODE((files / "p.tmx").stat().st_mode) == 0o644
        (files / "p.tmx").chmod(0o600)  # a file being replaced keeps its permissions
        run("export", str(project), "--tmx", str(files / "p.tmx"))
        assert stat.S_IMODE((files / "p.tmx").stat().st_mode) == 0o600
    finally:
        os.umask(mask)


def test_export_warns_about_removed_control_characters(files: Path) -> None:
    project = _new(files)
    with Project.open(project) as p:
        p.edit_segment(p.beads()[0].en[0].id, "Ali bought\x0b 12 apples.\x01")
    result = run("export", str(project), "--tmx", str(files / "p.tmx"))
    assert result.exit_code == 0
    assert "warning: removed 2 character(s) that XML 1.0 forbids" in result.stderr
    assert "Ali bought 12 apples." in (files / "p.tmx").read_text(encoding="utf-8")
