"""The SRX engine's fast scan: the characters a beforebreak ends with, and the same
breaks as the plain rule-by-rule scan the SRX standard describes."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from align.regex_tail import char_class, covers, last_chars
from align.segment import default_rules
from align.srx import SrxEngine, SrxRule

V1 = regex.V1

LAST = [
    pytest.param(":", {r"\:"}, id="literal"),
    pytest.param(r"[:;]\)?", {"[:;]", r"\)"}, id="optional-closer"),
    pytest.param(r"\p{Ll}{3,}[.?!]", {"[.?!]"}, id="class-after-property"),
    pytest.param(r"(?<![\p{L}\p{N}])(?:\p{Lu}|Şti|ŞTİ)\.", {r"\."}, id="look-behind-skipped"),
    pytest.param(r"[.?!…][\p{Pe}\p{Pf}]*", {"[.?!…]", r"[\p{Pe}\p{Pf}]"}, id="star-tail"),
    pytest.param(r"(?:a|bc?)", {"a", "b", "c"}, id="alternatives"),
    pytest.param(r"a(?=b)\b", {"a"}, id="zero-width-at-the-end"),
    pytest.param(r"a{2,}", {"a"}, id="counted"),
    pytest.param(r"\x{41}", {r"\x{41}"}, id="hex"),
    pytest.param(".", {r"[^\n]"}, id="dot"),
    pytest.param(r"(?:x|y)+(?:z)?", {"x", "y", "z"}, id="group-then-optional-group"),
    pytest.param("", None, id="empty"),
    pytest.param("x*", None, id="can-be-empty"),
    pytest.param(r"a{0,3}", None, id="counted-from-zero"),
    pytest.param("(?i)a", None, id="global-flag"),
    pytest.param("(?i:a)b", None, id="scoped-flag"),
    pytest.param(r"(\w)\1", None, id="back-reference"),
    pytest.param("[]a]", None, id="bracket-first-in-class"),
    pytest.param("a{x}", None, id="literal-brace"),
]


@pytest.mark.parametrize(("pattern", "expected"), LAST)
def test_last_chars(pattern: str, expected: set[str] | None) -> None:
    got = last_chars(pattern)
    assert (None if got is None else set(got)) == expected


def test_the_class_of_last_characters_keeps_set_syntax_literal() -> None:
    # members that would read as ranges or set operations (a-, &&, ~~, ||) side by side
    atoms = last_chars(r"(?:&|~|-|\||\]|[&~]|[a-c-]|[|]|z)")
    assert atoms is not None
    cls = regex.compile(char_class(atoms), V1)
    sample = "&~-|]abcz" + "d^[\\yA"
    assert {c for c in sample if cls.fullmatch(c)} == set("&~-|]abcz")


@pytest.mark.parametrize(("host", "atoms", "expected"), [
    ({"[.?!…]"}, {r"\."}, True),
    ({"[.?!…]", r"[\p{Pe}\p{Pf}]"}, {"[.?!]"}, True),
    ({r"[\p{Lu}]"}, {"[A-CŞ]"}, True),
    ({"[a-c]"}, {"[a-d]"}, False),
    ({r"[\p{Lu}]"}, {r"\p{Lu}"}, False),  # not enumerable: not sure, so no
    ({":", ";"}, {":"}, True),
])
def test_covers(host: set[str], atoms: set[str], expected: bool) -> None:
    assert covers(frozenset(host), frozenset(atoms), V1) is expected


def reference_breaks(rules: list[SrxRule], text: str) -> list[int]:
    """SRX as the standard says it: at every position the first matching rule decides."""
    first: dict[int, SrxRule] = {}
    for rule in rules:
        pattern = regex.compile(f"(?<={rule.before_py})(?={rule.after_py})", V1)
        for m in pattern.finditer(text):
            first.setdefault(m.start(), rule)
    return sorted(p for p, r in first.items() if r.is_break and 0 < p < len(text))


CUSTOM = [
    SrxRule(False, r"Dr\.", r"\s"),
    SrxRule(True, r"(?i:x)", r"\s"),  # a flag: scanned on its own
    SrxRule(True, r"[.!?]", r"\s+\p{Lu}"),
    SrxRule(True, r"\.", r"\s+\d"),  # covered by the rule above: shares its scan
    SrxRule(True, r"", r"\n"),  # empty beforebreak
    SrxRule(False, r"\d\.", r"\s"),
    SrxRule(True, r"\w(?:ab)?x", r"(\w)\1"),  # a back-reference after the break
    SrxRule(True, r"[:;]", r"\s+[A-ZÇĞİÖŞÜ]"),
    SrxRule(True, r";", r"\s+\d"),
]

_ALPHABET = st.sampled_from(
    list("aeıiouçşğöüAEIİOUÇŞĞÖÜXxDr0123456789")
    + list(" \n.?!…,;:'\"’“”«»()[]-")
    + [" ", " ", ". ", "Dr. ", "1. ", ": And ", "; The ", "xx: ", "İOS ", "'Üç iki bir' "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_the_fast_scan_finds_the_breaks_of_the_plain_scan(text: str) -> None:
    for lang in ("tr", "en", "de"):
        rules = list(default_rules().rules_for(lang))
        assert default_rules().engine(lang).breaks(text) == reference_breaks(rules, text)
    assert SrxEngine(CUSTOM).breaks(text) == reference_breaks(CUSTOM, text)
