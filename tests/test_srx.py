"""The SRX parser and engine: user rule files, cascade, language map, errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from align.errors import SegmentationError
from align.segment import default_rules, load_srx, segment
from align.srx import SrxEngine, SrxRule, parse_srx

DATA = Path(__file__).parent / "data" / "srx"


def texts(text: str, lang: str, srx: str) -> list[str]:
    return [s.text for s in segment(text, lang, rules=load_srx(DATA / srx))]


# --- user files and SRX semantics ------------------------------------------------------


def test_user_srx_overrides_the_shipped_rules() -> None:
    text = "Bir; iki. Üç"
    assert [s.text for s in segment(text, "tr")] == ["Bir; iki.", "Üç"]
    assert texts(text, "tr", "user_override.srx") == ["Bir;", "iki. Üç"]


@pytest.mark.parametrize(
    ("srx", "lang", "expected"),
    [
        pytest.param("cascade_yes.srx", "tr", ["Sn. Ali geldi;", "sonra.", "Bitti."],
                     id="yes-tr-both-sets"),
        pytest.param("cascade_no.srx", "tr", ["Sn. Ali geldi;", "sonra. Bitti."],
                     id="no-tr-first-set-only"),
        pytest.param("cascade_yes.srx", "en", ["Sn.", "Ali geldi; sonra.", "Bitti."],
                     id="yes-en-base-only"),
        pytest.param("cascade_no.srx", "en", ["Sn.", "Ali geldi; sonra.", "Bitti."],
                     id="no-en-base-only"),
    ],
)
def test_cascade(srx: str, lang: str, expected: list[str]) -> None:
    assert texts("Sn. Ali geldi; sonra. Bitti.", lang, srx) == expected


def test_cascade_rule_order() -> None:
    rules = load_srx(DATA / "cascade_yes.srx")
    assert rules.cascade is True
    assert rules.rule_names_for("tr-TR") == ("TurkishExtra", "Base")
    assert [r.is_break for r in rules.rules_for("tr")] == [False, True, True]
    assert load_srx(DATA / "cascade_no.srx").rule_names_for("tr") == ("TurkishExtra",)


def test_first_matching_rule_wins() -> None:
    def rule(brk: bool, before: str, after: str) -> SrxRule:
        return SrxRule(brk, before, after)

    text = "Dr. Ali. Veli"
    # The exception comes first: no break after "Dr.".
    eng = SrxEngine([rule(False, r"Dr\.", r"\s"), rule(True, r"\.", r"\s")])
    assert eng.breaks(text) == [8]
    # The break rule comes first: it wins even where the exception also matches.
    eng = SrxEngine([rule(True, r"\.", r"\s"), rule(False, r"Dr\.", r"\s")])
    assert eng.breaks(text) == [3, 8]


def test_srx_1_0_maprule_wrapper_and_case_insensitive_language_pattern() -> None:
    rules = load_srx(DATA / "srx10.srx")
    assert rules.version == "1.0"
    assert rules.cascade is False
    assert texts("Dr. Ali geldi. Bitti! Son.", "tr", "srx10.srx") == [
        "Dr. Ali geldi.", "Bitti! Son."
    ]
    assert texts("Dr. Ali geldi. Bitti! Son.", "de", "srx10.srx") == [
        "Dr.", "Ali geldi.", "Bitti!", "Son."
    ]


def test_java_regex_syntax_is_translated() -> None:
    text = "Prof. Ali (e.g.) Bey geldi… Sonra a. b gitti!? Evet; aa olur; ab olmaz."
    assert texts(text, "tr", "java_syntax.srx") == [
        "Prof. Ali (e.g.) Bey geldi…",
        "Sonra a. b gitti!?",
        "Evet;",
        "aa olur; ab olmaz.",
    ]
    assert texts("PROF. Ali", "en", "java_syntax.srx") == ["PROF. Ali"]


def test_language_without_rules_falls_back_to_default(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="align"):
        assert texts("Bir; iki. Üç.", "en", "with_default.srx") == ["Bir; iki.", "Üç."]
    assert "no languagemap matches 'en'" in caplog.text
    assert "'default' rules" in caplog.text


def test_language_without_rules_and_no_default(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="align"):
        assert texts("Bir. İki.\n\nÜç.", "en", "no_default.srx") == ["Bir. İki.", "Üç."]
    assert "only paragraph breaks" in caplog.text
    assert texts("Bir. İki.", "tr", "no_default.srx") == ["Bir.", "İki."]


def test_default_rules_are_parsed_once() -> None:
    assert default_rules() is default_rules()
    assert default_rules().rule_names_for("tr") == ("Turkish", "Default")
    assert default_rules().rule_names_for("en-GB") == ("English", "Default")
    assert default_rules().rule_names_for("fr") == ("Default",)


# --- bad files: one-line messages with file and line -----------------------------------

BAD = [
    pytest.param("bad_malformed.srx", 8, "malformed XML: mismatched tag", id="malformed-xml"),
    pytest.param("bad_regex.srx", 12,
                 "invalid regular expression in <beforebreak> '(Dr|Prof\\.': missing )",
                 id="bad-regex"),
    pytest.param("bad_no_body.srx", 2, "the SRX file has no <body>", id="missing-body"),
    pytest.param("bad_doctype_entity.srx", 2, "a <!DOCTYPE> declaration is not allowed",
                 id="dtd-entities"),
    pytest.param("bad_external_entity.srx", 3, "a <!DOCTYPE> declaration is not allowed",
                 id="external-entity"),
    pytest.param("bad_unknown_language.srx", 15,
                 "languagemap refers to languagerule 'English', which is not defined",
                 id="unknown-language"),
    pytest.param("bad_break_value.srx", 7, 'break="maybe" must be "yes" or "no"',
                 id="bad-break-value"),
    pytest.param("bad_backref_before.srx", 8, "back-references cannot be used in <beforebreak>",
                 id="backref-in-lookbehind"),
    pytest.param("bad_not_srx.srx", 2, "not an SRX file: the root element is <tmx>",
                 id="not-srx"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD)
def test_bad_srx(name: str, line: int, message: str) -> None:
    path = DATA / name
    with pytest.raises(SegmentationError) as info:
        load_srx(path)
    err = info.value
    text = str(err)
    assert "\n" not in text
    assert err.path == str(path)
    assert err.line == line
    assert text.startswith(f"{path}:{line}:{err.column}: ")
    assert message in text


def test_missing_srx_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.srx"
    with pytest.raises(SegmentationError, match=r"nope\.srx: no such SRX file"):
        load_srx(path)


def test_billion_laughs_is_refused_before_expansion() -> None:
    lol = b'<!ENTITY a "lol">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
        for i in range(9)
    )
    data = b"<?xml version='1.0'?>\n<!DOCTYPE srx [" + lol + b"]>\n<srx><body>&j;</body></srx>"
    with pytest.raises(SegmentationError, match=r"mem\.srx:2:\d+: a <!DOCTYPE>"):
        parse_srx(data, "mem.srx")


def test_undefined_entity_is_malformed() -> None:
    with pytest.raises(SegmentationError, match=r"x\.srx:1:\d+: malformed XML: undefined entity"):
        parse_srx(b"<srx><body>&xxe;</body></srx>", "x.srx")


def test_invalid_language_pattern() -> None:
    data = (
        b'<srx version="2.0"><header cascade="no"/><body><languagerules>'
        b'<languagerule languagerulename="A"/></languagerules><maprules>\n'
        b'<languagemap languagepattern="tr(" languagerulename="A"/></maprules></body></srx>'
    )
    with pytest.raises(SegmentationError, match=r"m\.srx:2:1: invalid regular expression in "
                                                r"languagepattern 'tr\('"):
        parse_srx(data, "m.srx")


def test_unknown_unicode_property_is_reported() -> None:
    data = (
        b'<srx version="2.0"><body><languagerules><languagerule languagerulename="A">\n'
        b"  <rule><beforebreak>\\p{NoSuchThing}</beforebreak></rule>"
        b"</languagerule></languagerules></body></srx>"
    )
    with pytest.raises(SegmentationError, match=r"u\.srx:2:9: .*unknown property"):
        parse_srx(data, "u.srx")


# --- Java regex syntax ---------------------------------------------------------------

JAVA = [
    pytest.param(r"\p{Punct}+", "!?.", True, id="posix-punct"),
    pytest.param(r"\p{Punct}", "…", False, id="posix-punct-is-ascii"),
    pytest.param(r"\P{Punct}", "…", True, id="posix-punct-negated"),
    pytest.param(r"[\p{Punct}ş]+", "ş.!", True, id="posix-in-class"),
    pytest.param(r"\p{IsAlphabetic}+", "ığüşöçİ", True, id="is-alphabetic"),
    pytest.param(r"\p{IsLatin}+", "Türkçe", True, id="is-latin-script"),
    pytest.param(r"\p{InGreek}+", "αβγ", True, id="in-greek-block"),
    pytest.param(r"\p{javaUpperCase}\p{javaLowerCase}+", "İstanbul", True, id="java-case"),
    pytest.param(r"\p{Lu}\p{Ll}+", "Şırnak", True, id="unicode-categories"),
    pytest.param(r"a(?i)b|c", "C", True, id="inline-flag-scope-alternation"),
    pytest.param(r"(?i)doç\.", "DOÇ.", True, id="inline-ignorecase-turkish"),
    pytest.param(r"\Qa.b*\E", "a.b*", True, id="quote"),
    pytest.param(r"\x{41}\0102\cJ", "AB\n", True, id="hex-octal-control"),
    pytest.param(r"a\h+b\z", "a \u00a0b", True, id="horizontal-space-and-z"),
    pytest.param(r"(\w)\1", "şş", True, id="backreference"),
    pytest.param(r"(?<x>\w)\k<x>", "ğğ", True, id="named-backreference"),
    pytest.param(r"a++b", "aab", True, id="possessive"),
    pytest.param(r"(?>a+)b", "aab", True, id="atomic"),
    pytest.param(r"[a-z&&[^e]]+", "abc", True, id="class-intersection"),
    pytest.param(r"[a-z&&[^e]]+", "abe", False, id="class-intersection-excludes"),
    pytest.param(r"(?u)\w+(?#comment)", "çğ", True, id="java-only-flag-and-comment"),
]


@pytest.mark.parametrize(("java", "text", "matches"), JAVA)
def test_java_to_python_regex(java: str, text: str, matches: bool) -> None:
    import regex

    from align.srx import _translate

    pattern = regex.compile(_translate(java, "t"), regex.V1)
    assert (pattern.fullmatch(text) is not None) is matches
