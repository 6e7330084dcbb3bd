"""TMX: a golden export, the TMX 1.4 DTD, translate-toolkit, hizala's own importer,
and every unsafe or broken TMX refused with the file, line and column.

The golden file ``tests/data/tmx/golden.tmx`` is byte-exact; after a
deliberate change to the export, regenerate it (and review the diff) with::

    HIZALA_REGENERATE_GOLDEN=1 python -m pytest tests/test_store_tmx.py -k golden
"""

from __future__ import annotations

import codecs
import logging
import os
import tracemalloc
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_fixtures import EN, FINDING, TR, make_project

from align.errors import FormatError, StoreError
from align.store import Project
from align.store.exports import ExportOptions, render_json, render_tsv
from align.store.tmx_export import clean_xml_text, render_tmx
from align.store.tmx_import import TmxStats, TmxUnit, import_tmx, read_tmx
from align.types import Bead

DATA = Path(__file__).parent / "data" / "tmx"
GOLDEN = DATA / "golden.tmx"
DTD = DATA / "tmx14.dtd"
NOW = "20240305T101112Z"


def golden_project(folder: Path) -> Project:
    """Six beads: confirmed, with a finding, rejected, with a control character,
    hard-wrapped, and a 1:0 bead (not exportable)."""
    tr = [*TR[:5], "Bu cümlenin çevirisi yok."]
    beads = [Bead((i,), (i,), 0.95 - 0.1 * i) for i in range(5)] + [Bead((5,), (), 0.5)]
    p = make_project(folder, tr=tr, en=EN[:5], beads=beads)
    b = p.beads()
    p.confirm(b[0].id)
    p.add_findings(b[3].id, [FINDING])
    p.reject(b[2].id)
    p.edit_segment(b[1].en[0].id, "The “midnight” lights went out\x07 & the streets stayed <dark>.")
    p.edit_segment(b[4].tr[0].id, "Şehrin ışığı\nılık bir rüzgârla geldi.")
    return p


def _export(p: Project, **options: object) -> str:
    text, _report = render_tmx(p, ExportOptions(**options), now=NOW)  # type: ignore[arg-type]
    return text


# -- export -----------------------------------------------------------------------------


def test_golden_file_byte_for_byte(tmp_path: Path) -> None:
    with golden_project(tmp_path) as p:
        text, report = render_tmx(p, ExportOptions(), now=NOW)
    if os.environ.get("HIZALA_REGENERATE_GOLDEN"):
        GOLDEN.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == GOLDEN.read_bytes()
    assert (report.written, report.one_sided, report.filtered) == (4, 1, 1)
    assert report.removed_characters == 1 and len(report.beads_with_removed) == 1


def test_export_is_valid_against_the_tmx14_dtd(tmp_path: Path) -> None:
    from lxml import etree

    dtd = etree.DTD(str(DTD))
    with golden_project(tmp_path) as p:
        for options in ({}, {"include_rejected": True, "tr_lang": "tr-TR", "en_lang": "en-US"},
                        {"only_confirmed": True}):
            tree = etree.fromstring(_export(p, **options).encode("utf-8"))
            assert dtd.validate(tree), dtd.error_log.filter_from_errors()


def test_translate_toolkit_reads_the_export(tmp_path: Path) -> None:
    from translate.storage import tmx

    store = tmx.tmxfile(GOLDEN.read_bytes())
    units = [u for u in store.units if not u.isheader()]
    assert [u.source for u in units] == [
        TR[0], TR[1], TR[3], "Şehrin ışığı ılık bir rüzgârla geldi.",
    ]
    assert units[1].target == "The “midnight” lights went out & the streets stayed <dark>."
    assert units[2].target == EN[3]
    assert "missing (warning): 'gözaltı' has no rendering" in units[2].getnotes()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [n.get(lang) for n in units[0].getlanguageNodes()] == ["tr", "en"]


def test_hizala_reads_its_export_back(tmp_path: Path) -> None:
    units = list(read_tmx(GOLDEN))
    first = units[0]
    assert (first.tr, first.en, first.status) == (TR[0], EN[0], "confirmed")
    assert first.document == "haber"
    assert [u.score for u in units] == [0.95, 0.85, 0.65, 0.55]
    assert units[0].changed_by == "ayşe" and units[0].changed_at == "20240102T030405Z"
    assert units[2].notes == ("missing (warning): 'gözaltı' has no rendering in the English",)
    with Project.create(tmp_path / "back.hizala", encoder="fake") as p:
        report = import_tmx(p, GOLDEN)
        assert (report.units, report.skipped, report.documents) == (4, 0, ("haber",))
        rows = p.beads()
        assert [r.status for r in rows] == ["confirmed", "auto", "auto", "auto"]
        finding = p.findings(rows[2].id)[0]
        assert (finding.kind, finding.severity) == ("missing", "warning")
        # exporting the imported project gives the same units
        again = _export(p)
    assert [(u.tr, u.en, u.score, u.status, u.notes) for u in read_tmx_text(again, tmp_path)] == [
        (u.tr, u.en, u.score, u.status, u.notes) for u in units
    ]


def read_tmx_text(text: str, folder: Path) -> list[TmxUnit]:
    path = folder / "again.tmx"
    path.write_text(text, encoding="utf-8")
    return list(read_tmx(path))


@pytest.mark.parametrize(
    ("options", "tuids"),
    [
        ({}, ["1", "2", "4", "5"]),
        ({"only_confirmed": True}, ["1"]),
        ({"include_rejected": True}, ["1", "2", "3", "4", "5"]),
        ({"min_score": 0.8}, ["1", "2"]),
        ({"min_score": 0.99}, ["1"]),  # confirmed beads always pass
        ({"documents": ("haber",)}, ["1", "2", "4", "5"]),
    ],
    ids=["default", "only-confirmed", "include-rejected", "min-score", "min-score-high", "doc"],
)
def test_selection(tmp_path: Path, options: dict[str, object], tuids: list[str]) -> None:
    from lxml import etree

    with golden_project(tmp_path) as p:
        tree = etree.fromstring(_export(p, **options).encode("utf-8"))
    assert [tu.get("tuid") for tu in tree.iter("tu")] == tuids


def test_language_tags_and_srclang(tmp_path: Path) -> None:
    with golden_project(tmp_path) as p:
        text = _export(p, tr_lang="tr-TR", en_lang="en-GB")
        assert 'srclang="tr-TR"' in text and 'xml:lang="en-GB"' in text
        with pytest.raises(StoreError, match="not a language tag"):
            _export(p, tr_lang="tr TR")
        with pytest.raises(StoreError, match="no document named 'yok'"):
            _export(p, documents=("yok",))


def test_forbidden_characters_are_removed_and_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with golden_project(tmp_path) as p, caplog.at_level(logging.WARNING, "align"):
        text, report = render_tmx(p, ExportOptions(), now=NOW)
    assert "\x07" not in text
    assert report.removed_characters == 1 and len(report.beads_with_removed) == 1
    assert caplog.text == ""  # the caller warns, once (hizala export prints one line)
    assert clean_xml_text("a\x00b\x1fc\ufffed\ud800e\tf\ng") == ("abcde\tf\ng", 4)


def test_tsv_and_json_exports(tmp_path: Path) -> None:
    import json

    with golden_project(tmp_path) as p:
        tsv = render_tsv(p, ExportOptions())
        data = json.loads(render_json(p, ExportOptions(include_rejected=True), now=NOW))
    lines = tsv.splitlines()
    assert len(lines) == 5  # rejected left out; the 1:0 bead is in TSV
    assert lines[0] == f"{TR[0]}\t{EN[0]}\t0.9500\tconfirmed\thaber"
    assert lines[3].startswith("Şehrin ışığı ılık bir rüzgârla geldi.\t")  # no line break
    assert lines[4] == "Bu cümlenin çevirisi yok.\t\t0.5000\tauto\thaber"
    beads = data["documents"][0]["beads"]
    assert [b["tr"] for b in beads] == [[0], [1], [2], [3], [4], [5]]
    assert beads[5]["en"] == [] and beads[2]["status"] == "rejected"
    assert beads[3]["findings"][0]["tr_span"] == [32, 39]
    assert beads[1]["en_segments"][0]["original"] == EN[1]


# -- import: safety and bad files --------------------------------------------------------

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BODY = (
    '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" '
    'o-tmf="x" adminlang="en" srclang="tr" datatype="plaintext"/><body>'
    '<tu><tuv xml:lang="tr"><seg>{tr}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
    "</body></tmx>\n"
)


def _tmx(doctype: str = "", tr: str = "Merhaba", en: str = "Hello") -> bytes:
    return (HEAD + doctype + BODY.format(tr=tr, en=en)).encode("utf-8")


LAUGHS = (
    '<!DOCTYPE tmx [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
).replace("&lol0;", "&lol;")

BAD_TMX: list[tuple[str, bytes, str, int | None]] = [
    ("xxe-file", _tmx('<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', en="&xxe;"),
     "an entity declaration is not allowed", 2),
    ("xxe-parameter",
     _tmx('<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n'),
     "an entity declaration is not allowed", 2),
    ("billion-laughs", _tmx(LAUGHS, en="&lol9;"), "an entity declaration is not allowed", 2),
    ("internal-entity", _tmx('<!DOCTYPE tmx [<!ENTITY co "Şirket">]>\n', tr="&co;"),
     "an entity declaration is not allowed", 2),
    ("external-dtd-undeclared-entity",
     _tmx('<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n', en="a&nbsp;b"),
     "undeclared entity &nbsp;", 3),
    ("unescaped-ampersand", _tmx(en="Ali & Veli"), "malformed XML: not well-formed", 2),
    ("mismatched-tag", _tmx(en="<b>Hello</i>"), "malformed XML: mismatched tag", 2),
    ("truncated", _tmx()[:200], "malformed XML: unclosed token|malformed XML: no element", None),
    ("not-tmx", b'<?xml version="1.0"?><html><body>x</body></html>',
     "the root element is <html>, not <tmx>", 1),
    ("empty", b"", "not a TMX file: no element found", 1),
    ("binary", bytes(range(256)) * 4, "not a TMX file", 1),
    ("text", "Bu bir TMX dosyası değil.\n".encode(), "not a TMX file: syntax error", 1),
]


@pytest.mark.parametrize(("name", "data", "message", "line"), BAD_TMX, ids=[c[0] for c in BAD_TMX])
def test_bad_and_unsafe_tmx_is_refused(
    tmp_path: Path, name: str, data: bytes, message: str, line: int | None
) -> None:
    path = tmp_path / f"{name}.tmx"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=message) as info:
        list(read_tmx(path))
    err = info.value
    assert err.path == str(path) and "\n" not in str(err)
    if line is not None:
        assert err.line == line and err.column is not None
    # and importing it changes nothing in a project
    with make_project(tmp_path) as p:
        with pytest.raises(FormatError):
            import_tmx(p, path)
        assert p.bead_count() == 6 and len(p.documents()) == 1


def test_no_file_is_read_through_an_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("GİZLİ-ANAHTAR", encoding="utf-8")
    path = tmp_path / "xxe.tmx"
    path.write_bytes(_tmx(f'<!DOCTYPE tmx [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n', en="&s;"))
    with pytest.raises(FormatError) as info:
        list(read_tmx(path))
    assert "GİZLİ" not in str(info.value)


GOOD_TMX: list[tuple[str, bytes, list[tuple[str, str]], int]] = [
    ("doctype-system", _tmx('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'), [("Merhaba", "Hello")], 0),
    ("inline-codes",
     _tmx(tr='Metin <bpt i="1">&lt;b&gt;</bpt>kalın<ept i="1">&lt;/b&gt;</ept> '
          '<ph>&lt;br/&gt;</ph><hi type="x">vurgu</hi>',
          en='Text <it pos="begin">&lt;i&gt;<sub>alt</sub></it>bold'),
     [("Metin kalın vurgu", "Text bold")], 0),
    ("char-refs", _tmx(tr="&#305;&#x131;k &amp; &lt;&gt; &quot;", en="light"),
     [("ıık & <> \"", "light")], 0),
    ("tmx11-lang-and-region",
     (HEAD + BODY.replace('xml:lang="tr"', 'lang="TR-TR"').replace('xml:lang="en"', 'lang="EN-us"')
      .format(tr="Evet", en="Yes")).encode(), [("Evet", "Yes")], 0),
    ("utf-16", codecs.BOM_UTF16_LE + _tmx(tr="Şişli", en="Sisli").decode()
     .replace("UTF-8", "UTF-16").encode("utf-16-le"), [("Şişli", "Sisli")], 0),
    ("windows-1254", _tmx(tr="Işık ağacı", en="Tree of light").decode()
     .replace("UTF-8", "windows-1254").encode("cp1254"), [("Işık ağacı", "Tree of light")], 0),
    ("missing-english",
     _tmx(en="x").replace(b'<tuv xml:lang="en"><seg>x</seg></tuv>', b""), [], 1),
]


@pytest.mark.parametrize(("name", "data", "pairs", "skipped"), GOOD_TMX,
                         ids=[c[0] for c in GOOD_TMX])
def test_tmx_variants_are_read(
    tmp_path: Path, name: str, data: bytes, pairs: list[tuple[str, str]], skipped: int
) -> None:
    path = tmp_path / f"{name}.tmx"
    path.write_bytes(data)
    stats = TmxStats()
    assert [(u.tr, u.en) for u in read_tmx(path, stats=stats)] == pairs
    assert stats.skipped == skipped


def test_import_refuses_a_tmx_without_the_languages(tmp_path: Path) -> None:
    path = tmp_path / "de.tmx"
    path.write_bytes(_tmx().replace(b'"tr"', b'"de"'))
    with make_project(tmp_path) as p:
        with pytest.raises(StoreError, match="languages found: de, en"):
            import_tmx(p, path)
        import_tmx(p, GOLDEN)
        with pytest.raises(StoreError, match="already imported"):
            import_tmx(p, GOLDEN)


def _big_tmx(path: Path, n: int) -> Path:
    tu = ('<tu><prop type="x-document">d{k}</prop><tuv xml:lang="tr"><seg>Cümle {i} ışık ılık'
          '</seg></tuv><tuv xml:lang="en"><seg>Sentence {i} light</seg></tuv></tu>\n')
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEAD + BODY.split("<tu>", maxsplit=1)[0])
        for i in range(n):
            f.write(tu.format(i=i, k=i * 3 // n))
        f.write("</body></tmx>\n")
    return path


def _peak(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    count = sum(1 for _ in read_tmx(path))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


def test_large_tmx_streams_in_flat_memory(tmp_path: Path) -> None:
    small = _big_tmx(tmp_path / "small.tmx", 3_000)
    big = _big_tmx(tmp_path / "big.tmx", 12_000)
    (n_small, peak_small), (n_big, peak_big) = _peak(small), _peak(big)
    assert (n_small, n_big) == (3_000, 12_000)
    # four times the file, the same memory: bounded by the chunk, not the file
    assert peak_big < 1.3 * peak_small, (peak_small, peak_big)
    assert peak_big < small.stat().st_size, "the file was not streamed"
    with Project.create(tmp_path / "big.hizala", encoder="fake") as p:
        report = import_tmx(p, big)
        assert report.units == 12_000 and report.documents == ("d0", "d1", "d2")
        assert p.bead(p.bead_id_at(11_999)).tr_text == "Cümle 11999 ışık ılık"


# -- round trip property ----------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4))
def test_round_trip_through_tmx(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    import re
    import unicodedata

    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    tr = [f"tr{i}" for i in range(len(pairs))]
    en = [f"en{i}" for i in range(len(pairs))]
    with make_project(folder, tr=tr, en=en) as p:
        for bead, (t, e) in zip(p.beads(), pairs, strict=True):
            p.edit_segment(bead.tr[0].id, t)
            p.edit_segment(bead.en[0].id, e)
        text = _export(p)
    expected = []
    for t, e in pairs:
        sides = []
        for raw in (t, e):
            side = unicodedata.normalize("NFC", raw).strip()
            side = re.sub(r"[^\S\r\n]*[\r\n]+\s*", " ", side)
            sides.append(clean_xml_text(side)[0].strip())
        if all(sides):
            expected.append(tuple(sides))
    got = [(u.tr, u.en) for u in read_tmx_text(text, folder)]
    assert got == expected

