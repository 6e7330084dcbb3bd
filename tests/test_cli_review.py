"""``hizala review`` up to the point where the UI starts: arguments, errors, refusals.

(The UI itself: test_tui_*.py; the real command in a terminal: test_review_e2e.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from store_fixtures import EN, TR
from tui_fixtures import review_project

from align.cli.main import cli
from align.store import Project


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _pair(folder: Path) -> tuple[str, str]:
    tr, en = folder / "haber.tr.txt", folder / "haber.en.txt"
    tr.write_text("\n".join(TR) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return str(tr), str(en)


def test_help_explains_both_forms() -> None:
    code, out = _run("review", "--help")
    out = " ".join(out.split())
    assert code == 0
    assert "hizala review TR EN" in out and "--project FILE" in out
    assert "space confirms" in out and "keys.toml" in out


def test_main_help_lists_review() -> None:
    code, out = _run("--help")
    assert code == 0 and "review" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["a", "b", "c"], 2, "give a project, or a Turkish and an English file"),
        (["{tmp}/none.hizala"], 2, "none.hizala: no such project"),
        (["{tmp}/p.hizala", "--keys", "{tmp}/nokeys.toml"], 2,
         "nokeys.toml: no such key configuration file"),
        (["{tmp}/p.hizala", "--keys", "{tmp}/bad.toml"], 2,
         "bad.toml:2: [review] has no action 'confrim'"),
        (["{tmp}/p.hizala"], 2, "`hizala review` needs a terminal"),
        (["{tmp}/missing.tr.txt", "{tmp}/haber.en.txt"], 2, "missing.tr.txt"),
        (["{tmp}/haber.tr.txt", "{tmp}/haber.en.txt", "--project", "{tmp}/p.hizala"], 2,
         "p.hizala: already exists and holds other texts; review it with `hizala review"),
    ],
    ids=["three-paths", "no-project", "no-keys-file", "bad-keys-file", "not-a-terminal",
         "missing-input", "other-texts"],
)
def test_refusals(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    review_project(tmp_path).close()
    _pair(tmp_path)
    (tmp_path / "bad.toml").write_text("[review]\nconfrim = 'c'\n", encoding="utf-8")
    got, out = _run("review", *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert got == code, out
    assert message in out
    assert "Traceback" not in out


def test_a_second_review_is_refused_with_the_stores_message(tmp_path: Path) -> None:
    with review_project(tmp_path) as project:  # open for changes, like a running review
        code, out = _run("review", project.path)
    assert code == 3  # the environment: another hizala holds it
    assert "is already open for changes" in out and "close it there first" in out


def test_review_tr_en_without_a_terminal_creates_nothing(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    tr, en = _pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out = _run("review", tr, en, "--presegmented", "--encoder", "fake")
    assert code == 2 and "needs a terminal" in out
    assert not (tmp_path / "haber.hizala").exists()


def test_review_tr_en_reopens_the_project_holding_them(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from store_fixtures import document

    from align.review import NewProject, create_project

    tr, en = _pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    request = NewProject(
        path=str(tmp_path / "haber.hizala"),
        tr=document(TR, "tr", tr), en=document(EN, "en", en), encoder="fake",
    )
    beads = create_project(request)
    # the same texts: the project is opened (here refused only for want of a terminal)
    code, out = _run("review", tr, en, "--presegmented")
    assert code == 2 and "needs a terminal" in out
    with Project.open(tmp_path / "haber.hizala", readonly=True) as project:
        assert project.bead_count() == beads and len(project.documents()) == 1
