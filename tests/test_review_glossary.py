"""ReviewGlossary: the glossary as the review UI uses it (search, marks, counts, edits)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_fixtures import review_project

from align.errors import GlossaryError
from align.glossary.model import Term
from align.review.glossary import NEW_GLOSSARY, ReviewGlossary, TermCount, TermMark
from align.store.review_queries import bead_texts

DATA = Path(__file__).parent / "data" / "review" / "glossary.yaml"


@pytest.fixture
def glossary(tmp_path: Path) -> ReviewGlossary:
    path = tmp_path / "glossary.yaml"
    shutil.copy(DATA, path)
    return ReviewGlossary(path)


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("", ["gözaltı", "NATO", "ışık"]),
        ("IŞIK", ["ışık"]),            # Turkish capitals fold to ı
        ("custody", ["gözaltı"]),      # an English rendering
        ("ARREST", ["gözaltı"]),       # a forbidden one
        ("police", ["gözaltı"]),       # a tag
        ("all forms", ["ışık"]),       # the note
        ("kar", []),
    ],
    ids=["all", "turkish-case", "english", "forbidden", "tag", "note", "none"],
)
def test_search(glossary: ReviewGlossary, query: str, terms: list[str]) -> None:
    assert [t.tr for t in glossary.search(query)] == terms


def test_marks_and_counts_on_a_project(glossary: ReviewGlossary, tmp_path: Path) -> None:
    with review_project(tmp_path) as project:
        beads = project.beads()
        assert glossary.marks(beads[6].tr_text, beads[6].en_text) == [
            TermMark("tr", 0, 7, "NATO"), TermMark("en", 27, 31, "NATO")
        ]
        # a Turkish sentence without English: the term is found, nothing to pair it with
        assert glossary.marks(beads[3].tr_text, "") == [TermMark("tr", 7, 12, "ışık")]
        seen: list[int] = []
        counts = glossary.count(bead_texts(project).values(), seen.append)
    assert counts == {
        "gözaltı": TermCount(1, 0, 0), "nato": TermCount(1, 0, 0), "ışık": TermCount(2, 1, 0)
    }


def test_forbidden_renderings_are_marked_and_counted(glossary: ReviewGlossary) -> None:
    tr, en = "Gözaltı sürüyor.", "The arrest continues."
    assert glossary.marks(tr, en) == [
        TermMark("tr", 0, 7, "gözaltı"), TermMark("en", 4, 10, "gözaltı", forbidden=True)
    ]
    assert glossary.count([(tr, en)])["gözaltı"] == TermCount(1, 1, 1)


def test_add_change_remove_keep_the_rest_of_the_file(glossary: ReviewGlossary) -> None:
    original = DATA.read_text(encoding="utf-8")
    path = Path(glossary.path)
    glossary.add(Term("tutuklamak", ("arrest",), pos="verb", tags=("police",)))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original.rstrip("\n"))  # only lines added at the end
    assert '  - tr: "tutuklamak"' in text and "    pos: verb" in text
    assert glossary.marks("Onu tutukladılar.", "They arrested him.")[0].term == "tutuklamak"

    glossary.change("ışık", Term("ışık", ("light", "lamp"), note="Işık, ışığı: all forms"))
    text = path.read_text(encoding="utf-8")
    assert "# the light" not in text  # the entry's own lines were rewritten …
    assert "# --- weather ---" in text and "# unquoted on purpose" in text  # … the rest kept
    assert glossary.get("IŞIK") is not None and glossary.get("ışık").en == ("light", "lamp")

    removed = glossary.remove("tutuklamak")
    assert removed.tr == "tutuklamak"
    glossary.remove("ışık")
    glossary.add(Term("ışık", ("light",), note="Işık, ışığı: all forms"))
    assert [t.tr for t in glossary.terms] == ["gözaltı", "NATO", "ışık"]


def test_renaming_a_term_moves_it_to_the_end(glossary: ReviewGlossary) -> None:
    glossary.change("gözaltı", Term("gözaltına alma", ("detention",)))
    assert [t.tr for t in glossary.terms] == ["NATO", "ışık", "gözaltına alma"]
    assert [t.tr for t in ReviewGlossary(glossary.path).terms] == [
        "NATO", "ışık", "gözaltına alma"
    ]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda g: g.add(Term("GÖZALTI", ("detention",))), "'GÖZALTI' is already in the glossary"),
        (lambda g: g.change("yok", Term("yok", ("none",))), "'yok' is not in the glossary"),
        (lambda g: g.remove("yok"), "'yok' is not in the glossary"),
        (lambda g: g.add(Term("tutuklamak", ("arrest",), pos="verbish")), "pos"),
    ],
    ids=["duplicate", "change-missing", "remove-missing", "bad-pos"],
)
def test_refused_edits_change_nothing(glossary: ReviewGlossary, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    before = Path(glossary.path).read_bytes()
    terms = glossary.terms
    with pytest.raises(GlossaryError, match=message):
        edit(glossary)
    assert Path(glossary.path).read_bytes() == before
    assert glossary.terms == terms


def test_a_file_changed_on_disk_is_not_overwritten(glossary: ReviewGlossary) -> None:
    path = Path(glossary.path)
    path.write_text(path.read_text(encoding="utf-8") + "# someone else was here\n",
                    encoding="utf-8")
    with pytest.raises(GlossaryError, match="changed on disk since hizala read it"):
        glossary.add(Term("kar", ("snow",)))
    assert "someone else was here" in path.read_text(encoding="utf-8")
    assert glossary.get("kar") is None
    glossary.reload()
    glossary.add(Term("kar", ("snow",)))
    assert "someone else was here" in path.read_text(encoding="utf-8")


def test_a_missing_file_is_made_at_the_first_term(tmp_path: Path) -> None:
    path = tmp_path / "yeni.yaml"
    glossary = ReviewGlossary(path)
    assert not glossary.exists and glossary.terms == () and not path.exists()
    glossary.add(Term("kar", ("snow",)))
    assert glossary.exists
    text = path.read_text(encoding="utf-8")
    assert text.startswith(NEW_GLOSSARY.split("terms:")[0]) and '- tr: "kar"' in text
    assert [t.tr for t in ReviewGlossary(path).terms] == ["kar"]


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    glossary = ReviewGlossary(tmp_path / "no" / "g.yaml")
    with pytest.raises(GlossaryError, match="does not exist"):
        glossary.add(Term("kar", ("snow",)))
    assert glossary.terms == ()


def test_a_malformed_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("terms:\n  - tr: kar\n    en: snow\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.yaml:3:\d+: .*'en' must be a list"):
        ReviewGlossary(path)


def test_checker_uses_the_terms(glossary: ReviewGlossary, tmp_path: Path) -> None:
    with review_project(tmp_path) as project:
        bead = project.beads()[3]  # 1:0: omissions get no findings
        assert list(glossary.checker()(bead)) == []
        two_one = project.beads()[1]  # Işıklar … / Ağaçların … : The “midnight” lights …
        assert "missing" not in [f.kind for f in glossary.checker()(two_one)]
        glossary.add(Term("ağaç", ("tree",)))
        missing = [f for f in glossary.checker()(two_one) if f.kind == "missing"]
        assert len(missing) == 1 and "ağaç" in missing[0].message
