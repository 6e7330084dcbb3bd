"""One exit-code table (README.md, "Exit codes"), applied by every command.

The README's table and :mod:`align.errors` agree; then every command is run into the
cases it can meet (done, problems found, wrong input, the machine said no,
interrupted) and must exit with the table's code and, on an error, one line on stderr.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from align import errors
from align.cli.main import COMMANDS, cli
from align.store import Project

REPO = Path(__file__).resolve().parents[1]

TR = "".join(f"Ali {100 + i} elma aldı ve “{500 + i}” kitap okudu.\n" for i in range(6))
EN = "".join(f"Ali bought {100 + i} apples and read “{500 + i}” books.\n" for i in range(6))
BAD_EN = EN.replace("bought 100", "bought 999")
GLOSSARY = 'version: 1\nterms:\n  - tr: "elma"\n    en: ["apple"]\n'


def test_the_readme_table_is_the_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = [int(m) for m in re.findall(r"^\| (\d+) \|", section, flags=re.M)]
    assert codes == [errors.EXIT_OK, errors.EXIT_FOUND, errors.EXIT_INPUT,
                     errors.EXIT_ENVIRONMENT, errors.EXIT_INTERRUPTED] == [0, 1, 2, 3, 130]


@pytest.fixture
def d(tmp_path: Path) -> Iterator[Path]:
    """A folder with a pair, a mismatched pair, a glossary, a bad glossary, a project and
    an export of it."""
    for name, text in (("t.txt", TR), ("e.txt", EN), ("bad.en.txt", BAD_EN),
                       ("g.yaml", GLOSSARY), ("bad.yaml", "terms: [\n"),
                       ("lint.yaml", 'terms:\n  - tr: "gitmek"\n    en: ["go"]\n    pos: noun\n'
                        '  - tr: "git"\n    en: [1]\n'),
                       ("gold.beads", "[0]:[0]\n"), ("m.tsv", "t.txt\te.txt\tout.beads\n"),
                       ("mbad.tsv", "t.txt\te.txt\tout.beads\nyok.txt\te.txt\tx.beads\n"),
                       ("terms.csv", "tr,en\nkitap,book\n"), ("not.tmx", "<html/>")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run(tmp_path, "new", "p.hizala", "t.txt", "e.txt", "--presegmented",
               "--encoder", "fake").exit_code == 0
    assert run(tmp_path, "export", "p.hizala", "--tmx", "p.tmx").exit_code == 0
    yield tmp_path


def run(folder: Path, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _locked(folder: Path, args: list[str]) -> Result:
    """Run while another writer holds the project."""
    with Project.open(folder / "p.hizala"):
        return run(folder, *args)


def _interrupted(folder: Path, args: list[str]) -> Result:
    import align.cli.cmd_project as module

    def stop(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(module, "_file_state", stop)
        return run(folder, *args)


# (command, case, arguments, how to run them or None, the code)
Case = tuple[str, str, list[str], Callable[[Path, list[str]], Result] | None, int]
FAKE = ["--encoder", "fake"]
CASES: list[Case] = [
    ("align", "done", ["align", "t.txt", "e.txt", "--presegmented", *FAKE, "-o", "o"], None, 0),
    ("align", "missing input", ["align", "yok.txt", "e.txt"], None, 2),
    ("align", "unknown option", ["align", "--nope"], None, 2),
    ("align", "swapped, strict", ["align", "e.txt", "t.txt", "--presegmented", *FAKE,
                                  "--strict"], None, 2),
    ("align", "output folder missing", ["align", "t.txt", "e.txt", "--presegmented", *FAKE,
                                        "-o", "yok/o"], None, 2),
    ("batch", "done", ["batch", "m.tsv", "--presegmented", *FAKE], None, 0),
    ("batch", "a document skipped", ["batch", "mbad.tsv", "--presegmented", *FAKE], None, 1),
    ("batch", "no manifest", ["batch", "yok.tsv"], None, 2),
    ("eval", "malformed", ["eval", "t.txt", "gold.beads"], None, 2),
    ("segment", "done", ["segment", "t.txt", "--lang", "tr"], None, 0),
    ("segment", "missing input", ["segment", "yok.txt", "--lang", "tr"], None, 2),
    ("check", "done", ["check", "t.txt", "e.txt", "--presegmented", *FAKE], None, 0),
    ("check", "an error found, strict", ["check", "t.txt", "bad.en.txt", "--presegmented",
                                         *FAKE, "--strict"], None, 1),
    ("check", "bad glossary", ["check", "t.txt", "e.txt", "-g", "bad.yaml", *FAKE], None, 2),
    ("glossary", "list", ["glossary", "list", "-g", "g.yaml"], None, 0),
    ("glossary", "malformed", ["glossary", "list", "-g", "bad.yaml"], None, 2),
    ("glossary", "add twice", ["glossary", "add", "elma", "apple", "-g", "g.yaml"], None, 2),
    ("glossary", "remove missing", ["glossary", "remove", "yok", "-g", "g.yaml"], None, 2),
    ("glossary", "lint errors", ["glossary", "lint", "lint.yaml"], None, 1),
    ("glossary", "import", ["glossary", "import", "terms.csv", "-g", "g.yaml"], None, 0),
    ("glossary", "import not TBX", ["glossary", "import", "not.tmx", "--format", "tbx",
                                    "-g", "g.yaml"], None, 2),
    ("glossary", "export", ["glossary", "export", "-g", "g.yaml", "--format", "csv"], None, 0),
    ("terms", "not presegmented", ["terms", "t.txt", "e.txt", "-g", "g.yaml"], None, 2),
    ("terms", "done", ["terms", "t.txt", "e.txt", "--presegmented", "-g", "g.yaml"], None, 0),
    ("fragments", "missing input", ["fragments", "yok.txt"], None, 2),
    ("new", "exists", ["new", "p.hizala", "t.txt", "e.txt", *FAKE], None, 2),
    ("new", "done", ["new", "q.hizala", "t.txt", "e.txt", "--presegmented", *FAKE], None, 0),
    ("add", "not a project", ["add", "t.txt", "t.txt", "e.txt"], None, 2),
    ("add", "open elsewhere", ["add", "p.hizala", "t.txt", "bad.en.txt", "--presegmented"],
     _locked, 3),
    ("status", "done", ["status", "p.hizala"], None, 0),
    ("status", "no such project", ["status", "yok.hizala"], None, 2),
    ("status", "interrupted", ["status", "p.hizala"], _interrupted, 130),
    ("export", "nothing asked", ["export", "p.hizala"], None, 2),
    ("export", "done", ["export", "p.hizala", "--tsv", "-"], None, 0),
    ("import-tmx", "not TMX", ["import-tmx", "not.tmx", "r.hizala"], None, 2),
    ("import-tmx", "done", ["import-tmx", "p.tmx", "r.hizala"], None, 0),
    ("import-tmx", "open elsewhere", ["import-tmx", "p.tmx", "p.hizala"], _locked, 3),
    ("review", "no terminal", ["review", "p.hizala"], None, 2),
    ("review", "open elsewhere", ["review", "p.hizala"], _locked, 3),
]


@pytest.mark.parametrize(("command", "case", "args", "how", "code"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_exit_codes(d: Path, command: str, case: str, args: list[str],
                    how: Callable[[Path, list[str]], Result] | None, code: int) -> None:
    result = how(d, args) if how is not None else run(d, *args)
    assert result.exit_code == code, (case, result.stderr)
    if code in (2, 3) and "no such option" not in result.stderr:
        errors_ = [ln for ln in result.stderr.splitlines() if ln.startswith("hizala: error: ")]
        assert len(errors_) == 1 or "Usage:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_every_command_is_in_the_table() -> None:
    names = {getattr(__import__(module, fromlist=[attr]), attr).name
             for module, attr in COMMANDS}
    failing = {c[0] for c in CASES if c[4] != 0}
    assert names <= failing, names - failing
