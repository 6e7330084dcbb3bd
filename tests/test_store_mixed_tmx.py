"""TMX of a project with a mixed article: a golden file, the TMX 1.4 DTD, translate-toolkit
and hizala's importer.

The golden file ``tests/data/tmx/mixed_golden.tmx`` is byte-exact; after a
deliberate change to the export, regenerate it (and review the diff) with::

    HIZALA_REGENERATE_GOLDEN=1 python -m pytest tests/test_store_mixed_tmx.py -k golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mixed_fixtures import BANNER, BANNER_EN, GATHERED, SLOGAN, SLOGAN_EN, mixed_project, span
from store_fixtures import TR

from align.store import Project
from align.store.exports import ExportOptions
from align.store.tmx_export import render_tmx
from align.store.tmx_import import import_tmx, read_tmx

DATA = Path(__file__).parent / "data" / "tmx"
GOLDEN = DATA / "mixed_golden.tmx"
DTD = DATA / "tmx14.dtd"
NOW = "20240305T101112Z"


def golden_project(folder: Path) -> Project:
    """A document pair, then the article: the slogan confirmed, the banner rematched to a
    sentence holding < > &, the footer (no English) not exportable."""
    p = mixed_project(folder, pair=True)
    slogan, banner, _footer = p.beads()[6:]
    p.confirm(slogan.id)
    p.rematch(banner.id, *span(GATHERED))
    p.reject(p.beads()[5].id)
    return p


def _export(p: Project, **options: object) -> str:
    text, _report = render_tmx(p, ExportOptions(**options), now=NOW)  # type: ignore[arg-type]
    return text


def test_golden_file_byte_for_byte(tmp_path: Path) -> None:
    with golden_project(tmp_path) as p:
        text, report = render_tmx(p, ExportOptions(), now=NOW)
    if os.environ.get("HIZALA_REGENERATE_GOLDEN"):
        GOLDEN.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == GOLDEN.read_bytes()
    assert (report.written, report.one_sided, report.filtered) == (7, 1, 1)


def test_mixed_tmx_is_valid_against_the_tmx14_dtd(tmp_path: Path) -> None:
    from lxml import etree

    dtd = etree.DTD(str(DTD))
    with golden_project(tmp_path) as p:
        for options in ({}, {"include_rejected": True, "tr_lang": "tr-TR", "en_lang": "en-US"},
                        {"only_confirmed": True}, {"documents": ("makale",)}):
            tree = etree.fromstring(_export(p, **options).encode("utf-8"))
            assert dtd.validate(tree), dtd.error_log.filter_from_errors()


def test_fragment_units_are_marked_mixed(tmp_path: Path) -> None:
    from lxml import etree

    with golden_project(tmp_path) as p:
        tree = etree.fromstring(_export(p, documents=("makale",)).encode("utf-8"))
    units = tree.findall("body/tu")
    props = [{q.get("type"): q.text for q in u.findall("prop")} for u in units]
    assert props == [
        {"x-document": "makale", "x-kind": "mixed", "x-score": "0.8200", "x-status": "confirmed"},
        {"x-document": "makale", "x-kind": "mixed", "x-status": "auto"},  # rematched: no score
    ]
    segs = [[s.text for s in u.iter("seg")] for u in units]
    assert segs == [[SLOGAN, SLOGAN_EN], [BANNER, GATHERED]]


def test_translate_toolkit_and_hizala_read_it_back(tmp_path: Path) -> None:
    from translate.storage import tmx

    store = tmx.tmxfile(GOLDEN.read_bytes())
    units = [u for u in store.units if not u.isheader()]
    assert [u.source for u in units][-2:] == [SLOGAN, BANNER]
    assert units[-1].target == GATHERED
    read = list(read_tmx(GOLDEN))
    assert [(u.tr, u.document, u.status) for u in read][-2:] == [
        (SLOGAN, "makale", "confirmed"), (BANNER, "makale", "auto"),
    ]
    with Project.create(tmp_path / "back.hizala", encoder="fake") as p:
        report = import_tmx(p, GOLDEN)
        assert report.documents == ("haber", "makale") and report.units == 7
        # units come back as document pairs of their own: the article is not in a TMX
        assert {d.kind for d in p.documents()} == {"parallel"}


@pytest.mark.parametrize(("options", "texts"), [
    pytest.param({}, [TR[0], TR[1], TR[2], TR[3], TR[4], SLOGAN, BANNER], id="default"),
    pytest.param({"only_confirmed": True}, [SLOGAN], id="only-confirmed"),
    pytest.param({"min_score": 0.75}, [TR[0], TR[1], SLOGAN], id="min-score"),
])
def test_selection(tmp_path: Path, options: dict[str, object], texts: list[str]) -> None:
    with golden_project(tmp_path) as p:
        path = tmp_path / "out.tmx"
        path.write_text(_export(p, **options), encoding="utf-8")
    assert [u.tr for u in read_tmx(path)] == texts
    assert BANNER_EN not in path.read_text(encoding="utf-8")
