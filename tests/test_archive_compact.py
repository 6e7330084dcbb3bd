"""Compact documents: the same units as segment_lines / segment, without an object per unit,
and long raw text segmented a stretch at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.archive.compact import CompactDocument, line_units, read_compact, sentence_units
from align.segment import read_document, segment, segment_lines
from align.types import Segment

ROOT = Path(__file__).resolve().parents[1]
NEWS = sorted((ROOT / "seeds" / "news").iterdir())

_TEXT = st.text(alphabet=st.sampled_from(list("ab ıİşğ’\t\n\u00a0 .")), max_size=60)


def _segments(starts: object, ends: object, paras: object, text: str) -> list[Segment]:
    doc = CompactDocument(text, starts, ends, paras, "tr")  # type: ignore[arg-type]
    return list(doc.segments)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_line_units_are_segment_lines(text: str) -> None:
    assert _segments(*line_units(text), text) == segment_lines(text)


@pytest.mark.parametrize("folder", NEWS[:2], ids=lambda p: p.name)
@pytest.mark.parametrize("chunk", [100, 1000, 10**9])
def test_raw_text_in_stretches_segments_as_the_whole(folder: Path, chunk: int) -> None:
    """Cut at paragraph breaks (and, for a stretch with none, at a line break), the
    stretches give the segments and paragraph numbers of the whole text."""
    lines = (folder / "tr.txt").read_text(encoding="utf-8").splitlines()
    # paragraphs of a few sentences, one of them hard-wrapped with no blank line for a while
    text = "\n\n".join(" ".join(lines[k : k + 3]) for k in range(0, len(lines), 3))
    whole = segment(text, "tr")
    assert _segments(*sentence_units(text, "tr", chunk=chunk), text) == whole


def test_a_stretch_cut_inside_a_paragraph_keeps_its_paragraph_number() -> None:
    text = "Birinci cümle burada.\nİkinci cümle şurada.\nÜçüncü cümle orada.\n\nYeni paragraf."
    starts, ends, paras = sentence_units(text, "tr", chunk=25)
    assert paras.tolist() == [0, 0, 0, 1]
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)][-1] == "Yeni paragraf."


@pytest.mark.parametrize("presegmented", [True, False])
def test_read_compact_reads_like_read_document(tmp_path: Path, presegmented: bool) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("\ufeffİlk satır.\r\n  ikinci satır ’ş’  \r\n\r\nÜçüncü.\r\n".encode())
    full = read_document(path, "tr", presegmented=presegmented)
    compact = read_compact(path, "tr", presegmented=presegmented)
    assert compact.document() == full
    assert (compact.sha256, compact.encoding, len(compact)) == (full.sha256, full.encoding,
                                                                 len(full.segments))
    assert compact.texts(1, 3) == full.texts[1:3]
    assert compact.segments[-1] == full.segments[-1]
    assert compact.segments[0:2] == list(full.segments[0:2])
    with pytest.raises(IndexError):
        compact.segments[len(full.segments)]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_segment_command_writes_what_it_wrote_before(tmp_path: Path, fmt: str) -> None:
    """`hizala segment` reads compactly and writes as it goes: the same bytes as rendering
    the whole Document at once."""
    import json

    from click.testing import CliRunner

    from align.cli.main import cli

    text = "\n\n".join((f / "tr.txt").read_text(encoding="utf-8") for f in NEWS)
    path = tmp_path / "haber.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path, "tr")
    if fmt == "json":
        expected = json.dumps({"path": doc.path, "lang": doc.lang, "encoding": doc.encoding,
                               "segments": [{"index": s.index, "start": s.start, "end": s.end,
                                             "paragraph": s.paragraph, "text": s.text}
                                            for s in doc.segments]},
                              ensure_ascii=False, indent=1) + "\n"
    else:
        lines: list[str] = []
        for k, s in enumerate(doc.segments):
            if k and s.paragraph != doc.segments[k - 1].paragraph:
                lines.append("")
            lines.append(" ".join(s.text.split()))
        expected = "\n".join(lines) + "\n"
    result = CliRunner().invoke(cli, ["segment", str(path), "--lang", "tr", "--format", fmt])
    assert result.exit_code == 0
    assert result.output == expected
