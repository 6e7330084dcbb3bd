"""Output formats of ``hizala fragments``: JSON (a contract), TSV and readable text.

JSON, exactly::

    {"fragments": [{"start": a, "end": b, "text": "...",
                    "match": {"start": c, "end": d, "text": "...", "score": s} or null}]}

Offsets are Python string indices into the file's decoded text as
:func:`align.textio.read_text` gives it (NFC, LF newlines, no BOM): for a UTF-8
file with LF newlines and composed letters that is the file's text itself.
``score`` is the pairing score in [0, 1], rounded to 4 decimals.

TSV: a header line, then one line per fragment: ``start``, ``end``, ``text``,
``match_start``, ``match_end``, ``match_text``, ``score``, ``note``; the
match fields are empty for an unpaired fragment, whose note says why. Tabs
and newlines inside texts become spaces (the offsets locate the exact text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from .model import FragmentMatch

__all__ = ["FRAGMENT_FORMATS", "format_json", "format_text", "format_tsv", "render"]

FRAGMENT_FORMATS = ("text", "json", "tsv")

_WS = re.compile(r"[\t\r\n]+")
_TSV_HEADER = ("start", "end", "text", "match_start", "match_end", "match_text", "score", "note")


def _record(r: FragmentMatch) -> dict[str, Any]:
    f, m = r.fragment, r.match
    match = None if m is None else {
        "start": m.start, "end": m.end, "text": m.text, "score": round(r.score, 4)
    }
    return {"start": f.start, "end": f.end, "text": f.text, "match": match}


def format_json(results: Sequence[FragmentMatch]) -> str:
    """The JSON contract (see the module documentation), indented, ending in a newline."""
    return json.dumps({"fragments": [_record(r) for r in results]}, ensure_ascii=False,
                      indent=1) + "\n"


def _cell(text: str) -> str:
    return _WS.sub(" ", text)


def format_tsv(results: Sequence[FragmentMatch]) -> str:
    """Header plus one TAB-separated line per fragment."""
    lines = ["\t".join(_TSV_HEADER)]
    for r in results:
        f, m = r.fragment, r.match
        cells = [str(f.start), str(f.end), _cell(f.text)]
        if m is None:
            cells += ["", "", "", "", _cell(r.reason)]
        else:
            cells += [str(m.start), str(m.end), _cell(m.text), f"{r.score:.4f}", _cell(r.reason)]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{col}"


def format_text(results: Sequence[FragmentMatch], text: str, path: str = "") -> str:
    """For people: each fragment with its place (line:column), its English or why none."""
    if not results:
        return "no Turkish fragments found\n"
    out = []
    where = f"{path}:" if path else ""
    for k, r in enumerate(results, 1):  # numbered from 1, like every hizala text output
        f = r.fragment
        head = f"#{k} {where}{_line_col(text, f.start)}  {f.kind}"
        tr = " ".join(f.text.split())
        if r.match is not None:
            en = " ".join(r.match.text.split())
            body = f"  TR {tr}\n  EN {en}  [{_line_col(text, r.match.start)}, score {r.score:.2f}]"
        else:
            body = f"  TR {tr}\n  EN — ({r.reason})"
            if r.best is not None:
                best = " ".join(r.best.text.split())
                body += f"\n     closest: {best}"
        out.append(f"{head}\n{body}\n")
    paired = sum(1 for r in results if r.match is not None)
    out.append(f"{len(results)} fragments, {paired} paired, {len(results) - paired} unpaired\n")
    return "\n".join(out)


def render(fmt: str, results: Sequence[FragmentMatch], text: str, path: str = "") -> str:
    """``fmt`` is one of :data:`FRAGMENT_FORMATS`."""
    if fmt == "json":
        return format_json(results)
    if fmt == "tsv":
        return format_tsv(results)
    if fmt == "text":
        return format_text(results, text, path)
    raise ValueError(f"unknown fragments format {fmt!r}")
