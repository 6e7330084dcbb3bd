"""glossary.yaml: located errors for bad files, and edits that keep every other byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import GlossaryError
from align.glossary.model import Term
from align.glossary.yaml_store import (
    GlossaryFile,
    check_glossary_text,
    load_glossary,
    parse_glossary,
)

DATA = Path(__file__).parent / "data" / "glossary"
BAD = DATA / "bad"

# file, expected "name:line:col" (or "name" alone), part of the message
BAD_FILES = [
    ("malformed.yaml", "4:3", "invalid YAML"),
    ("en_not_list.yaml", "3:9", "'en' must be a list"),
    ("duplicate_term.yaml", "4:5", "'Gözaltı' repeats the entry at line 2"),
    ("conflicting.yaml", "4:5", "'üs' conflicts with the entry at line 2"),
    ("duplicate_key.yaml", "4:5", "duplicate key"),
    ("empty.yaml", "", "is empty (0 bytes)"),
    ("whitespace.yaml", "", "only white space"),
    ("comments_only.yaml", "1:1", "holds no YAML document"),
    ("top_list.yaml", "1:1", "top level must be a mapping"),
    ("no_terms.yaml", "1:1", "'terms:' is missing"),
    ("terms_not_list.yaml", "1:8", "'terms' must be a list"),
    ("bad_pos.yaml", "4:10", "'pos' must be one of noun, verb, propn, adj, not 'adverb'"),
    ("verb_not_infinitive.yaml", "2:9", "infinitive"),
    ("unknown_key.yaml", "4:5", "unknown key 'colour'"),
    ("missing_en.yaml", "2:5", "'en' is missing"),
    ("tr_not_string.yaml", "2:9", "'tr' must be the Turkish term as text"),
    ("tab_indent.yaml", "2:1", "a tab is used for indentation"),
    ("allowed_and_forbidden.yaml", "4:16", "'arrest' is both allowed ('en') and forbidden"),
    ("case_not_bool.yaml", "4:21", "'case_sensitive' must be true or false"),
    ("exceptions_not_list.yaml", "4:17", "'exceptions' must be a list"),
    ("other_sense_not_text.yaml", "4:27", "every item of 'other_senses' must be non-empty text"),
    ("consistent_not_bool.yaml", "4:17", "'consistent' must be true or false"),
    ("wrong_source.yaml", "1:9", "'source' must be 'tr', not 'de'"),
    ("bad_version.yaml", "1:10", "unsupported 'version' 2"),
    ("en_item_not_text.yaml", "3:18", "every item of 'en' must be non-empty text"),
    ("cp1254.yaml", "2:11", "is not UTF-8 (byte 0xf6: it looks like a legacy Turkish code page"),
    ("binary.yaml", "", "is a PNG image"),
]


@pytest.mark.parametrize(("name", "where", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_glossary_files(name: str, where: str, message: str) -> None:
    path = BAD / name
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    text = str(info.value)
    assert "\n" not in text
    prefix = f"{path}:{where}: " if where else f"{path}: "
    assert text.startswith(prefix), text
    assert message in text, text


def test_missing_file() -> None:
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossary(DATA / "nope.yaml")


def test_bom_and_crlf_files_load() -> None:
    assert load_glossary(DATA / "bom.yaml").terms[0].tr == "şehir"
    assert load_glossary(DATA / "crlf.yaml").terms[0].en == ("country",)


def test_commented_file_loads_every_field() -> None:
    g = load_glossary(DATA / "commented.yaml")
    assert [t.tr for t in g.terms] == ["gözaltı", "İçişleri Bakanlığı", "üs"]
    first = g.terms[0]
    assert (first.forbidden, first.note, first.line) == (("arrest",), "Not tutuklama.", 9)
    assert g.terms[2].tags == ("military", "NATO’s")
    assert g.get("içişleri bakanlığı") is g.terms[1]


def test_termbench_style_multiword_key_is_accepted() -> None:
    g = parse_glossary(
        'terms:\n  - tr: "Beyaz Saray"\n    en: ["White House"]\n    multiword: true\n'
    )
    assert g.terms[0].multiword


# ---------------------------------------------------------------------------
# editing
# ---------------------------------------------------------------------------

NEW = Term(
    tr="pankart",
    en=("banner", "placard"),
    forbidden=("poster",),
    note="protest sign",
    tags=("protest",),
)


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(DATA / name, target)
    return target


def test_add_matches_golden_file(tmp_path: Path) -> None:
    path = _copy(tmp_path, "commented.yaml")
    gf = GlossaryFile.open(path)
    gf.add(NEW)
    gf.save()
    assert path.read_bytes() == (DATA / "commented_added.golden.yaml").read_bytes()


def test_remove_matches_golden_file(tmp_path: Path) -> None:
    path = _copy(tmp_path, "commented.yaml")
    gf = GlossaryFile.open(path)
    gf.remove("İçişleri Bakanlığı")
    gf.save()
    assert path.read_bytes() == (DATA / "commented_removed.golden.yaml").read_bytes()


def test_add_then_remove_is_byte_identical(tmp_path: Path) -> None:
    path = _copy(tmp_path, "commented.yaml")
    before = path.read_bytes()
    gf = GlossaryFile.open(path)
    gf.add(NEW)
    gf.save()
    gf = GlossaryFile.open(path)
    gf.remove("pankart")
    gf.save()
    assert path.read_bytes() == before


def test_bom_is_kept_on_save(tmp_path: Path) -> None:
    path = _copy(tmp_path, "bom.yaml")
    gf = GlossaryFile.open(path)
    gf.add(NEW)
    gf.save()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# glossary with a BOM\n")
    assert load_glossary(path).get("pankart") is not None


def test_refuses_to_overwrite_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = _copy(tmp_path, "commented.yaml")
    gf = GlossaryFile.open(path)
    path.write_text(path.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
    gf.add(NEW)
    with pytest.raises(GlossaryError, match="changed on disk since hizala read it"):
        gf.save()
    assert path.read_text(encoding="utf-8").endswith("# edited elsewhere\n")
    assert not list(tmp_path.glob(".*.tmp"))


def test_add_existing_and_remove_missing_are_refused() -> None:
    gf = GlossaryFile.from_text((DATA / "commented.yaml").read_text(encoding="utf-8"))
    with pytest.raises(GlossaryError, match="already in the glossary"):
        gf.add(Term(tr="GÖZALTI", en=("custody",)))
    with pytest.raises(GlossaryError, match="is not in the glossary"):
        gf.remove("yok")


def test_change_replaces_only_that_entry() -> None:
    text = (DATA / "commented.yaml").read_text(encoding="utf-8")
    gf = GlossaryFile.from_text(text)
    gf.change(Term(tr="üs", en=("base", "military base")))
    assert gf.glossary.get("üs").en == ("base", "military base")  # type: ignore[union-attr]
    assert gf.text.split("  - tr:")[0] == text.split("  - tr:")[0]
    assert gf.text.endswith("# end of terms\n")


def test_first_term_into_an_empty_list() -> None:
    gf = GlossaryFile.from_text("# mine\nversion: 1\nterms: []  # to do\n")
    gf.add(Term(tr="ülke", en=("country",)))
    assert gf.text == '# mine\nversion: 1\nterms: # to do\n  - tr: "ülke"\n    en: ["country"]\n'


# Random commented glossaries: adding then removing a term gives back every byte.
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off"}
_word = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyz", min_size=2, max_size=8).filter(
    lambda w: w not in _YAML_WORDS
)
_comment = st.text(alphabet="abc ığüşöçİ’'#-:", max_size=20).map(lambda s: "# " + s)


@st.composite
def _glossary_text(draw: st.DrawFn) -> str:
    lines = [draw(_comment), "version: 1", "terms:"]
    words = draw(st.lists(_word, min_size=1, max_size=6, unique=True))
    for w in words:
        if draw(st.booleans()):
            lines.append("  " + draw(_comment))
        quote = draw(st.sampled_from(['"', "'", ""]))
        lines.append(
            f"  - tr: {quote}{w}{quote}" + ("  " + draw(_comment) if draw(st.booleans()) else "")
        )
        lines.append(f"    en: [{w}x]")
        if draw(st.booleans()):
            lines.append("")
    if draw(st.booleans()):
        lines.append(draw(_comment))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_glossary_text(), new=_word)
def test_add_remove_round_trip_property(text: str, new: str) -> None:
    gf = GlossaryFile.from_text(text)
    if gf.glossary.get(new + "q") is not None:
        return
    term = Term(tr=new + "q", en=("thing",), note="nöt ’")
    gf.add(term)
    assert gf.glossary.get(term.tr) is not None
    assert [t.tr for t in gf.glossary.terms][:-1] == [t.tr for t in parse_glossary(text).terms]
    gf.remove(term.tr)
    assert gf.text == text


def test_exceptions_other_senses_consistent_load_and_round_trip() -> None:
    text = (
        'terms:\n  - tr: "baskın"\n    en: ["raid"]\n'
        '    exceptions: ["baskın çıkmak"]\n    other_senses: ["dominant"]\n'
        '    consistent: true\n'
    )
    gf = GlossaryFile.from_text(text)
    term = gf.glossary.terms[0]
    assert (term.exceptions, term.other_senses, term.consistent) == (
        ("baskın çıkmak",), ("dominant",), True
    )
    gf.change(Term(tr="baskın", en=("raid",), exceptions=("baskın gelmek",), consistent=True))
    again = GlossaryFile.from_text(gf.text).glossary.terms[0]
    assert (again.exceptions, again.other_senses, again.consistent) == (
        ("baskın gelmek",), (), True
    )


def test_an_exception_without_the_term_is_a_warning() -> None:
    text = 'terms:\n  - tr: "baskın"\n    en: ["raid"]\n    exceptions: ["ani saldırı"]\n'
    glossary, problems = check_glossary_text(text, "g.yaml")
    assert glossary is not None
    assert [(p.line, p.severity) for p in problems] == [(4, "warning")]
    assert "does not hold 'baskın'" in problems[0].message
