"""CSV and TSV import/export of glossaries (for spreadsheets and other CAT tools).

Columns (a header row names them; order free): ``tr``, ``en``, and optionally
``pos``, ``forbidden``, ``note``, ``case_sensitive``, ``tags``, ``variants``, and
``exceptions``, ``other_senses``, ``consistent`` (written only when a term has them).
Lists are written in one cell separated by ``|`` (``detention|custody``).
A file without a header row is read as ``tr``, ``en`` columns.
"""

from __future__ import annotations

import csv
import io

from ..errors import GlossaryError, HizalaError
from ..textio import decode_bytes
from .model import POS_VALUES, Glossary, Term

__all__ = ["COLUMNS", "EXTRA_COLUMNS", "read_table", "write_table"]

COLUMNS = ("tr", "en", "pos", "forbidden", "note", "case_sensitive", "tags", "variants")
EXTRA_COLUMNS = ("exceptions", "other_senses", "consistent")
"""Written only when a term uses them, so that older files stay as they were."""


def write_table(glossary: Glossary, delimiter: str = ",") -> str:
    """The glossary as CSV (``delimiter=","``) or TSV (``"\\t"``), with a header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    extra = any(t.exceptions or t.other_senses or t.consistent for t in glossary.terms)
    writer.writerow(COLUMNS + (EXTRA_COLUMNS if extra else ()))
    for t in glossary.terms:
        row = [
            t.tr,
            "|".join(t.en),
            t.pos,
            "|".join(t.forbidden),
            t.note,
            "true" if t.case_sensitive else "",
            "|".join(t.tags),
            "|".join(t.variants),
        ]
        if extra:
            row += ["|".join(t.exceptions), "|".join(t.other_senses),
                    "true" if t.consistent else ""]
        writer.writerow(row)
    return buf.getvalue()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(" ".join(x.split()) for x in cell.split("|") if x.strip())


def read_table(data: bytes, path: str, delimiter: str | None = None) -> Glossary:
    """Terms from CSV/TSV bytes (UTF-8, UTF-16 with BOM, or Windows-1254)."""
    if not data.strip():
        raise GlossaryError("is empty; give a CSV/TSV file with tr and en columns", path=path)
    try:
        text, _codec, _bom = decode_bytes(data, path)
    except HizalaError as exc:
        raise GlossaryError(exc.message, path=path) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = (
            "\t"
            if first.count("\t") >= max(1, first.count(","))
            else (";" if first.count(";") > first.count(",") else ",")
        )
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        what = str(exc)
        if "field larger than field limit" in what:
            what = (f"a cell is longer than {csv.field_size_limit():,} characters; is this "
                    "really a glossary? (an unclosed quote makes the rest of the file one cell)")
        raise GlossaryError(f"cannot read the table: {what}", path=path,
                            line=reader.line_num or None) from None
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if "tr" in header and "en" in header:
        unknown = [h for h in header if h and h not in COLUMNS + EXTRA_COLUMNS]
        if unknown:
            raise GlossaryError(
                f"unknown column {unknown[0]!r} (expected {', '.join(COLUMNS + EXTRA_COLUMNS)})",
                path=path,
                line=1,
                column=header.index(unknown[0]) + 1,
            )
        body = rows[1:]
        start = 2
    else:
        header = ["tr", "en"]
        body = rows
        start = 1
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for lineno, row in enumerate(body, start=start):
        if not any(c.strip() for c in row):
            continue
        cells = dict(zip(header, row, strict=False))
        tr = " ".join(cells.get("tr", "").split())
        en = _split(cells.get("en", ""))
        if not tr:
            raise GlossaryError(
                "the 'tr' cell is empty", path=path, line=lineno, column=header.index("tr") + 1
            )
        if not en:
            raise GlossaryError(
                f"{tr!r} has no English rendering in the 'en' cell",
                path=path,
                line=lineno,
                column=header.index("en") + 1,
            )
        pos = cells.get("pos", "").strip() or "noun"
        if pos not in POS_VALUES:
            raise GlossaryError(
                f"'pos' must be one of {', '.join(POS_VALUES)}, not {pos!r}",
                path=path,
                line=lineno,
                column=header.index("pos") + 1,
            )
        flags = {}
        for column in ("case_sensitive", "consistent"):
            flag = cells.get(column, "").strip().lower()
            if flag not in ("", "true", "false", "yes", "no", "1", "0"):
                raise GlossaryError(
                    f"'{column}' must be true or false, not {flag!r}",
                    path=path,
                    line=lineno,
                    column=header.index(column) + 1,
                )
            flags[column] = flag in ("true", "yes", "1")
        term = Term(
            tr=tr,
            en=en,
            pos=pos,
            forbidden=_split(cells.get("forbidden", "")),
            note=cells.get("note", "").strip(),
            case_sensitive=flags["case_sensitive"],
            tags=_split(cells.get("tags", "")),
            variants=_split(cells.get("variants", "")),
            exceptions=_split(cells.get("exceptions", "")),
            other_senses=_split(cells.get("other_senses", "")),
            consistent=flags["consistent"],
            line=lineno,
        )
        if term.key in seen:
            raise GlossaryError(
                f"{tr!r} is already defined at line {seen[term.key]}; merge the two rows",
                path=path,
                line=lineno,
                column=1,
            )
        seen[term.key] = lineno
        terms.append(term)
    if not terms:
        raise GlossaryError("holds no rows with tr and en", path=path)
    return Glossary(tuple(terms), path=path)
