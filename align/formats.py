"""Alignment file formats: beads (Vecalign/Bertalign), TSV and JSON.

``beads``: one bead per line, Turkish side first, 0-based unit numbers, the
score appended: ``[0, 1]:[0]:0.873``. ``[3]:[]`` is a Turkish unit with no
English, ``[]:[4]`` the reverse. Gold files without scores (``[0, 1]:[0]``)
are read too. A complete alignment lists every unit of both files exactly
once, in order (:func:`check_complete`).

``tsv``: Turkish text, English text, score; a bead's units joined with a
space, tabs and newlines inside a unit replaced by spaces.

``json``: ``{"tr": {...}, "en": {...}, "beads": [{"tr": [..], "en": [..],
"score": s, "tr_text": .., "en_text": .., "tr_spans": [[start, end], ..],
"en_spans": ..}]}`` with character offsets into each document's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from os import PathLike, fspath
from typing import Any, Protocol

from .errors import FormatError
from .types import Bead, Segment

__all__ = [
    "FORMATS",
    "SegmentedText",
    "check_complete",
    "format_beads",
    "format_json",
    "format_tsv",
    "iter_render",
    "json_chunks",
    "parse_beads",
    "read_beads",
    "render",
]

FORMATS = ("beads", "tsv", "json")

_BEAD_LINE = re.compile(
    r"^\s*\[(?P<tr>[\d,\s]*)\]\s*:\s*\[(?P<en>[\d,\s]*)\]\s*(?::\s*(?P<score>[-+0-9.eE]+|nan|None))?\s*$"
)
_WS = re.compile(r"[\t\r\n]+")
_INDENT_2 = re.compile("^", re.MULTILINE)


def _indices(text: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(",")]
    if parts == [""]:
        return ()
    return tuple(int(p) for p in parts)


def parse_beads(text: str, path: str = "<beads>") -> list[Bead]:
    """Beads from the text of a beads file; a bead with no score gets score 1.0."""
    beads = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _BEAD_LINE.match(line)
        if match is None:
            raise FormatError(
                f"not a bead line: {line.strip()[:60]!r}; expected e.g. [0, 1]:[0] or [2]:[]:0.9",
                path=path,
                line=lineno,
            )
        try:
            tr, en = _indices(match["tr"]), _indices(match["en"])
        except ValueError:
            raise FormatError("unit numbers must be integers", path=path, line=lineno) from None
        if not tr and not en:
            continue  # "[]:[]" carries nothing; Vecalign's scorer ignores it too
        raw = match["score"]
        try:
            score = 1.0 if raw in (None, "None") else float(raw)
        except ValueError:
            raise FormatError(f"bad score {raw!r}", path=path, line=lineno) from None
        for side, ids in (("Turkish", tr), ("English", en)):
            if ids and list(ids) != list(range(ids[0], ids[0] + len(ids))):
                raise FormatError(
                    f"the {side} units of a bead must be consecutive and ascending: {list(ids)}",
                    path=path,
                    line=lineno,
                )
        beads.append(Bead(tr=tr, en=en, score=score))
    return beads


def read_beads(path: str | PathLike[str]) -> list[Bead]:
    """Read a beads file (UTF-8)."""
    name = fspath(path)
    try:
        with open(name, encoding="utf-8-sig") as f:
            text = f.read()
    except FileNotFoundError:
        raise FormatError("no such file", path=name) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text (byte {exc.start})", path=name) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", path=name) from None
    return parse_beads(text, name)


def check_complete(beads: Sequence[Bead], n_tr: int, n_en: int, path: str | None = None) -> None:
    """Raise FormatError unless the beads cover units 0..n-1 of both sides once, in order."""
    next_tr = next_en = 0
    for k, bead in enumerate(beads, start=1):
        for side, ids, expect in (("Turkish", bead.tr, next_tr), ("English", bead.en, next_en)):
            if ids and ids[0] != expect:
                raise FormatError(
                    f"bead {k} starts the {side} side at unit {ids[0]}, expected {expect}: "
                    "beads must cover every unit once, in order",
                    path=path,
                )
        next_tr += len(bead.tr)
        next_en += len(bead.en)
    if (next_tr, next_en) != (n_tr, n_en):
        raise FormatError(
            f"the beads cover {next_tr} Turkish and {next_en} English units, "
            f"but the documents have {n_tr} and {n_en}",
            path=path,
        )


class SegmentedText(Protocol):
    """What the writers read of a document: a :class:`~align.types.Document`, or a
    compact one whose segments are made on demand (a document too long to hold as
    segment objects)."""

    @property
    def segments(self) -> Sequence[Segment]: ...
    @property
    def path(self) -> str | None: ...
    @property
    def lang(self) -> str: ...
    @property
    def encoding(self) -> str: ...


def format_beads(beads: Iterable[Bead]) -> str:
    """``[0, 1]:[0]:0.873`` lines."""
    return "".join(_beads_lines(beads))


def _beads_lines(beads: Iterable[Bead]) -> Iterator[str]:
    for b in beads:
        yield f"{list(b.tr)}:{list(b.en)}:{b.score:.3f}\n"


def _joined(doc: SegmentedText, ids: Sequence[int]) -> str:
    return " ".join(doc.segments[i].text for i in ids)


def format_tsv(beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText) -> str:
    """``tr text<TAB>en text<TAB>score`` lines."""
    return "".join(_tsv_lines(beads, tr, en))


def _tsv_lines(beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText) -> Iterator[str]:
    for b in beads:
        t = _WS.sub(" ", _joined(tr, b.tr))
        e = _WS.sub(" ", _joined(en, b.en))
        yield f"{t}\t{e}\t{b.score:.3f}\n"


def _doc_header(doc: SegmentedText) -> dict[str, Any]:
    return {"path": doc.path, "lang": doc.lang, "encoding": doc.encoding, "units": len(doc.segments)}


def _json_bead(b: Bead, tr: SegmentedText, en: SegmentedText) -> dict[str, Any]:
    return {
        "tr": list(b.tr),
        "en": list(b.en),
        "score": round(b.score, 4),
        "tr_text": _joined(tr, b.tr),
        "en_text": _joined(en, b.en),
        "tr_spans": [[tr.segments[i].start, tr.segments[i].end] for i in b.tr],
        "en_spans": [[en.segments[j].start, en.segments[j].end] for j in b.en],
    }


def format_json(beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText) -> str:
    """The alignment with texts and character offsets, as indented JSON."""
    return "".join(_json_parts(beads, tr, en))


def _json_parts(beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText) -> Iterator[str]:
    head = {"tr": _doc_header(tr), "en": _doc_header(en)}
    return json_chunks(head, "beads", (_json_bead(b, tr, en) for b in beads))


def json_chunks(head: dict[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """``json.dumps({**head, key: list(items)}, ensure_ascii=False, indent=1) + "\\n"``, the
    same text to the byte, an item at a time (a long list is never held whole)."""
    text = json.dumps({**head, key: []}, ensure_ascii=False, indent=1)
    opening = text.removesuffix("[]\n}")
    first = True
    for item in items:
        body = json.dumps(item, ensure_ascii=False, indent=1)
        yield (opening + "[\n" if first else ",\n") + _INDENT_2.sub("  ", body)
        first = False
    yield (opening + "[]\n}\n") if first else "\n ]\n}\n"


def iter_render(
    fmt: str, beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText
) -> Iterator[str]:
    """The alignment in ``fmt`` (one of :data:`FORMATS`) as chunks of text, written as
    the beads come (``"".join`` of them is :func:`render`)."""
    if fmt == "beads":
        return _beads_lines(beads)
    if fmt == "tsv":
        return _tsv_lines(beads, tr, en)
    if fmt == "json":
        return _json_parts(beads, tr, en)
    raise FormatError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render(fmt: str, beads: Iterable[Bead], tr: SegmentedText, en: SegmentedText) -> str:
    """The alignment in ``fmt`` (one of :data:`FORMATS`)."""
    return "".join(iter_render(fmt, beads, tr, en))
