"""The glossary's YAML reader: the line reader for the simple form gives exactly what
libyaml's events give (values and every position), and everything else goes to libyaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import GlossaryError
from align.glossary.yaml_load import YamlList, YamlMap, _read_events, _read_simple, load_yaml

DATA = Path(__file__).parent / "data" / "glossary"
REPO = Path(__file__).resolve().parents[1]


def same(a: Any, b: Any, where: str = "doc") -> None:
    """``a`` and ``b`` hold the same values with the same positions."""
    assert type(a) is type(b), where
    if isinstance(a, YamlMap | YamlList):
        assert (a.lc.line, a.lc.col) == (b.lc.line, b.lc.col), where
        if isinstance(a, YamlMap):
            assert list(a) == list(b), where
            for k in a:
                assert (a.lc.key(k), a.lc.value(k)) == (b.lc.key(k), b.lc.value(k)), where
                same(a[k], b[k], f"{where}.{k}")
        else:
            assert len(a) == len(b), where
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                assert a.lc.item(i) == b.lc.item(i), where
                same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


@pytest.mark.parametrize("path", [REPO / "glossary.yaml", *sorted(DATA.glob("*.yaml"))],
                         ids=lambda p: p.name)
def test_the_shipped_and_test_glossaries_read_the_same_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    simple = _read_simple(text)
    if simple is not None:
        same(simple, _read_events(text, str(path)))


_WORD = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzİI’'- :#", min_size=1, max_size=10)
_SCALAR = st.one_of(
    _WORD.map(lambda w: '"' + w.replace("\\", "") + '"'),
    _WORD.map(lambda w: "'" + w.replace("'", "''") + "'"),
    _WORD,  # plain: the reader must give up on what is not plain text
    st.sampled_from(["yes", "no", "on", "true", "false", "~", "null", "12", "0x1f", "1.5",
                     '"a\\tb"', '"\\u00e7"', "'it''s'", "-5", "[]"]),
)


@st.composite
def _glossary(draw: st.DrawFn) -> str:
    indent = draw(st.sampled_from([0, 2, 4]))
    lines = [draw(st.sampled_from(["# glossary", "", "version: 1"])), "terms:"]
    pad = " " * indent
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            lines.append(pad + "# a comment")
        lines.append(f"{pad}- tr: {draw(_SCALAR)}" + draw(st.sampled_from(["", "  # c"])))
        key_pad = pad + "  "
        style = draw(st.sampled_from(["flow", "block", "scalar", "empty-flow"]))
        if style == "flow":
            items = draw(st.lists(_SCALAR, min_size=1, max_size=3))
            lines.append(f"{key_pad}en: [{', '.join(items)}]")
        elif style == "block":
            lines.append(f"{key_pad}en:")
            dash = key_pad + draw(st.sampled_from(["", "  "]))
            lines += [f"{dash}- {draw(_SCALAR)}" for _ in range(draw(st.integers(1, 3)))]
        elif style == "scalar":
            lines.append(f"{key_pad}en: {draw(_SCALAR)}")
        else:
            lines.append(f"{key_pad}en: []")
        if draw(st.booleans()):
            lines.append(f"{key_pad}case_sensitive: {draw(st.sampled_from(['true', 'no']))}")
        if draw(st.booleans()):
            lines.append("")
    if draw(st.booleans()):
        lines.append("source: tr")
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_glossary())
def test_the_line_reader_agrees_with_libyaml(text: str) -> None:
    simple = _read_simple(text)
    try:
        events = _read_events(text, "g.yaml")
    except GlossaryError:
        assert simple is None  # what libyaml refuses, the line reader never accepts
        return
    if simple is not None:
        same(simple, events)


def test_the_simple_form_is_read_by_the_line_reader() -> None:
    from align.glossary.model import Term
    from align.glossary.yaml_store import render_term

    terms = [Term(tr="gözaltına almak", en=("detain", "take into custody"), pos="verb",
                  forbidden=("arrest",), note="not “tutuklamak”", tags=("police",),
                  variants=("gözaltı",), case_sensitive=True),
             Term(tr="İçişleri Bakanlığı", en=("Interior Ministry",), pos="propn")]
    text = "# mine\nversion: 1\nterms:\n" + "".join(render_term(t) for t in terms)
    assert _read_simple(text) is not None  # what hizala writes takes the fast way
    doc = load_yaml('terms:\n  - tr: "gözaltı"  # x\n    en: [detention, "custody"]\n', "g")
    assert doc["terms"][0]["en"] == ["detention", "custody"]
    assert doc["terms"].lc.item(0) == (1, 4) and doc["terms"][0]["en"].lc.item(1) == (2, 20)


@pytest.mark.parametrize(("text", "message"), [
    ("a: &x [1]\nb: *x\nterms: []\n", "2:4: an alias (*x) is not allowed"),
    ("terms:\n  - tr: x\n    tr: y\n", "3:5: duplicate key 'tr'"),
    ("terms: []\n---\nterms: []\n", "more than one YAML document"),
    ('terms:\n  - tr: "a\\u0007"\n', "a control character (U+0007)"),
    ("terms:\n" + "".join(" " * k + "- \n" for k in range(40)), "nested more than 32 levels"),
])
def test_what_a_glossary_never_needs_is_refused(text: str, message: str) -> None:
    with pytest.raises(GlossaryError) as info:
        load_yaml(text, "g.yaml")
    assert message in str(info.value)
