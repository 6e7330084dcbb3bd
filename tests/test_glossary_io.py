"""CSV/TSV and TBX v3 Basic: golden exports, lossless round trips, safe and located
import errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import GlossaryError
from align.glossary.csv_io import read_table, write_table
from align.glossary.model import Glossary
from align.glossary.tbx import read_tbx, write_tbx
from align.glossary.yaml_store import load_glossary

DATA = Path(__file__).parent / "data" / "glossary"


def _fields(g: Glossary) -> list[tuple[object, ...]]:
    return [(t.tr, t.en, t.pos, t.forbidden, t.note, t.tags, t.variants) for t in g.terms]


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("small.golden.tbx", write_tbx),
        ("small.golden.csv", lambda g: write_table(g, ",")),
        ("small.golden.tsv", lambda g: write_table(g, "\t")),
    ],
    ids=["tbx", "csv", "tsv"],
)
def test_exports_match_golden_files(name: str, render) -> None:  # type: ignore[no-untyped-def]
    out = render(load_glossary(DATA / "small.yaml")).encode("utf-8")
    assert out == (DATA / name).read_bytes()
    assert b"\r" not in out


def test_tbx_marks_forbidden_renderings_deprecated() -> None:
    text = (DATA / "small.golden.tbx").read_text(encoding="utf-8")
    assert '<tbx style="dca" type="TBX-Basic"' in text
    block = text.split("<term>arrest</term>")[1].split("</termSec>")[0]
    assert "deprecatedTerm-admn-sts" in block


@pytest.mark.parametrize("name", ["small.golden.tbx", "small.golden.csv", "small.golden.tsv"])
def test_imports_give_back_the_glossary(name: str) -> None:
    data = (DATA / name).read_bytes()
    g = read_tbx(data, name) if name.endswith("tbx") else read_table(data, name)
    original = load_glossary(DATA / "small.yaml")
    assert _fields(g) == _fields(original)
    # TBX-Basic has no category for it: hizala writes a private one and reads it back
    assert [t.case_sensitive for t in g.terms] == [t.case_sensitive for t in original.terms]


def test_tbx_v2_martif_is_read() -> None:
    g = read_tbx((DATA / "tbx" / "v2_martif.tbx").read_bytes(), "v2.tbx")
    assert _fields(g) == [("şehir", ("city",), "noun", ("burg",), "", (), ())]


def test_csv_without_header_and_cp1254() -> None:
    g = read_table((DATA / "no_header_semicolon.csv").read_bytes(), "x.csv")
    assert [(t.tr, t.en) for t in g.terms] == [("gözaltı", ("detention",))]
    g = read_table((DATA / "cp1254.csv").read_bytes(), "cp1254.csv")
    assert [t.tr for t in g.terms] == ["üs", "şehir"]


BAD = [
    ("tbx/xxe.tbx", ":2:15:", "a <!DOCTYPE> declaration is not allowed"),
    ("tbx/laughs.tbx", ":2:16:", "a <!DOCTYPE> declaration is not allowed"),
    ("tbx/malformed.tbx", ":5:5:", "malformed XML: mismatched tag"),
    ("tbx/not_tbx.tbx", ":2:1:", "the root element is <html>, not <tbx>"),
    ("tbx/no_english.tbx", ":3:1:", "the entry has no English (en) term"),
    ("tbx/empty.tbx", ":", "is empty"),
    ("bad_empty_tr.csv", ":4:1:", "the 'tr' cell is empty"),
    ("bad_column.tsv", ":1:3:", "unknown column 'colour'"),
    ("bad_duplicate.csv", ":3:1:", "'ÜS' is already defined at line 2"),
]


@pytest.mark.parametrize(("name", "where", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_imports(name: str, where: str, message: str) -> None:
    path = str(DATA / name)
    data = (DATA / name).read_bytes()
    with pytest.raises(GlossaryError) as info:
        if name.endswith(".tbx"):
            read_tbx(data, path)
        else:
            read_table(data, path)
    text = str(info.value)
    assert text.startswith(path + where), text
    assert message in text
