"""Reading, checking and editing ``glossary.yaml`` without disturbing the user's file.

Loading parses with ruamel.yaml (round-trip mode, so every node knows its
line and column) and checks the schema; every problem names
``file:line:column`` (``glossary.yaml:14:5: 'en' must be a list``).

Editing is done on the text, not by re-dumping the document: adding a term
inserts its lines after the last entry, removing one deletes exactly its lines,
so every other byte of the file (comments, order, quoting, indentation,
blank lines) stays as it was. The result is parsed again before it is
written, written atomically (temp file + rename), and refused when the file
changed on disk since it was read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from os import PathLike, fspath
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import GlossaryError
from .model import Glossary, Term
from .yaml_schema import (
    MAX_BYTES,
    Problem,
    check_glossary_text,
    decode_glossary,
    parse_glossary,
    parse_yaml,
)

__all__ = [
    "MAX_BYTES",
    "GlossaryFile",
    "Problem",
    "check_glossary_text",
    "decode_glossary",
    "load_glossary",
    "parse_glossary",
    "read_bytes",
    "render_term",
]


def read_bytes(path: str) -> bytes:
    """A glossary file's bytes, with a clear error for a missing or unreadable file."""
    try:
        if os.path.isdir(path):
            raise GlossaryError("is a directory, not a glossary file", path=path)
        with open(path, "rb") as f:
            return f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise GlossaryError("no such glossary file; check the path", path=path) from None
    except PermissionError:
        raise GlossaryError("permission denied; make the file readable", path=path) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror or exc}", path=path) from None


def load_glossary(path: str | PathLike[str]) -> Glossary:
    """Read and check a glossary file (see README.md, 'Glossary file')."""
    return GlossaryFile.open(path).glossary


# ---------------------------------------------------------------------------
# editing
# ---------------------------------------------------------------------------


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render_term(term: Term, indent: int = 2, key_indent: int = 4) -> str:
    """The YAML lines of one entry (``- tr: …``), in the file's indentation."""
    pad = " " * key_indent
    lines = [" " * indent + "- tr: " + _q(term.tr)]
    lines.append(pad + "en: [" + ", ".join(_q(e) for e in term.en) + "]")
    if term.pos != "noun":
        lines.append(pad + "pos: " + term.pos)
    if term.forbidden:
        lines.append(pad + "forbidden: [" + ", ".join(_q(e) for e in term.forbidden) + "]")
    if term.variants:
        lines.append(pad + "variants: [" + ", ".join(_q(e) for e in term.variants) + "]")
    if term.case_sensitive:
        lines.append(pad + "case_sensitive: true")
    for key in ("exceptions", "other_senses"):
        if values := getattr(term, key):
            lines.append(pad + f"{key}: [" + ", ".join(_q(e) for e in values) + "]")
    if term.consistent:
        lines.append(pad + "consistent: true")
    if term.tags:
        lines.append(pad + "tags: [" + ", ".join(_q(e) for e in term.tags) + "]")
    if term.note:
        lines.append(pad + "note: " + _q(term.note))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class _Layout:
    starts: tuple[int, ...]
    """0-based line of each entry's ``-``."""
    end: int
    """0-based line one past the terms block's last content line."""
    indent: int
    key_indent: int


def _is_filler(line: str) -> bool:
    s = line.strip()
    return not s or s.startswith("#")


class GlossaryFile:
    """A glossary file opened for editing: its text, what it holds, and its fingerprint."""

    def __init__(
        self, path: str, text: str, sha256: str, glossary: Glossary, bom: bool = False
    ) -> None:
        self.path = path
        self.text = text
        self.sha256 = sha256
        self.glossary = glossary
        self.bom = bom

    @classmethod
    def open(cls, path: str | PathLike[str]) -> GlossaryFile:
        """Read and check ``path``; remember its SHA-256 to notice changes made by others."""
        name = fspath(path)
        data = read_bytes(name)
        text = decode_glossary(data, name)
        glossary = parse_glossary(text, name)
        sha = hashlib.sha256(data).hexdigest()
        return cls(name, text, sha, replace(glossary, sha256=sha), data.startswith(b"\xef\xbb\xbf"))

    @classmethod
    def from_text(cls, text: str, path: str = "glossary.yaml") -> GlossaryFile:
        """An in-memory glossary file (for tests and for new files)."""
        return cls(path, text, "", parse_glossary(text, path))

    # -- edits (in memory; call save() to write) ---------------------------

    def _layout(self) -> _Layout:
        doc = parse_yaml(self.text, self.path)
        items = doc.get("terms") if isinstance(doc, dict) else None
        lines = self.text.split("\n")
        if not isinstance(items, list) or not len(items):
            return _Layout((), -1, 2, 4)
        lc: Any = getattr(items, "lc")  # noqa: B009 (ruamel's node positions, untyped)
        starts = tuple(lc.item(i)[0] for i in range(len(items)))
        indent = lc.item(0)[1] - 2 if lc.item(0)[1] >= 2 else 0
        first = items[0]
        key_indent = first.lc.col if hasattr(first, "lc") else indent + 2
        # the block ends at the next top-level key or the end of the file
        end = len(lines)
        for n in range(starts[-1] + 1, len(lines)):
            line = lines[n]
            if line and not line[0].isspace() and not line.startswith(("#", "-")):
                end = n
                break
        while end > starts[-1] + 1 and _is_filler(lines[end - 1]):
            end -= 1
        return _Layout(starts, end, max(indent, 0), key_indent)

    def _entry_lines(self, index: int, layout: _Layout) -> tuple[int, int]:
        lines = self.text.split("\n")
        a = layout.starts[index]
        b = layout.starts[index + 1] if index + 1 < len(layout.starts) else layout.end
        # comments and blank lines just above the next entry belong to it
        while b > a + 1 and _is_filler(lines[b - 1]):
            b -= 1
        return a, b

    def add(self, term: Term) -> None:
        """Append ``term`` after the last entry; refuses a term that is already there."""
        existing = self.glossary.get(term.tr)
        if existing is not None:
            raise GlossaryError(
                f"{term.tr!r} is already in the glossary (line {existing.line}); "
                "replace that entry instead of adding another",
                path=self.path,
            )
        layout = self._layout()
        lines = self.text.split("\n")
        block = render_term(term, layout.indent, layout.key_indent).rstrip("\n").split("\n")
        if layout.starts:
            lines[layout.end : layout.end] = block
        else:
            lines = self._insert_first(lines, block)
        self._set("\n".join(lines))

    @staticmethod
    def _insert_first(lines: list[str], block: list[str]) -> list[str]:
        """Put the first entry under ``terms:`` (empty, ``[]`` or ``~``), or add the key."""
        for n, line in enumerate(lines):
            if line.startswith("terms:"):
                value, hash_, comment = line[len("terms:") :].partition("#")
                if value.strip() in ("", "[]", "null", "~"):
                    lines[n] = "terms:" + (f" #{comment}" if hash_ else "")
                    return lines[: n + 1] + block + lines[n + 1 :]
        if lines and lines[-1] == "":
            return [*lines[:-1], "terms:", *block, ""]
        return [*lines, "terms:", *block]

    def remove(self, tr: str) -> Term:
        """Delete the entry whose lemma is ``tr`` (its own lines only); returns it."""
        term = self.glossary.get(tr)
        if term is None:
            raise GlossaryError(
                f"{tr!r} is not in the glossary; 'hizala glossary list' shows the terms",
                path=self.path,
            )
        index = self.glossary.terms.index(term)
        layout = self._layout()
        a, b = self._entry_lines(index, layout)
        lines = self.text.split("\n")
        del lines[a:b]
        self._set("\n".join(lines))
        return term

    def change(self, term: Term) -> None:
        """Replace the entry with the same lemma by ``term``, in place."""
        old = self.glossary.get(term.tr)
        if old is None:
            raise GlossaryError(f"{term.tr!r} is not in the glossary", path=self.path)
        index = self.glossary.terms.index(old)
        layout = self._layout()
        a, b = self._entry_lines(index, layout)
        lines = self.text.split("\n")
        lines[a:b] = render_term(term, layout.indent, layout.key_indent).rstrip("\n").split("\n")
        self._set("\n".join(lines))

    def _set(self, text: str) -> None:
        glossary = parse_glossary(text, self.path)  # never write a file we cannot read back
        self.text = text
        self.glossary = replace(glossary, sha256=self.sha256)

    # -- writing ------------------------------------------------------------

    def save(self, path: str | PathLike[str] | None = None) -> None:
        """Write atomically; refuse if the file changed on disk since it was read."""
        target = fspath(path) if path is not None else self.path
        if target == self.path and self.sha256:
            try:
                current = hashlib.sha256(Path(target).read_bytes()).hexdigest()
            except FileNotFoundError:
                current = ""
            except OSError as exc:
                raise GlossaryError(
                    f"cannot check the file before writing: {exc.strerror or exc}", path=target
                ) from None
            if current != self.sha256:
                raise GlossaryError(
                    "changed on disk since hizala read it (another editor or program); "
                    "nothing was written: run the command again to edit the new version",
                    path=target,
                )
        data = (b"\xef\xbb\xbf" if self.bom else b"") + self.text.encode("utf-8")
        write_atomic(target, data, error=GlossaryError)
        if target == self.path:
            self.sha256 = hashlib.sha256(data).hexdigest()
            self.glossary = replace(self.glossary, sha256=self.sha256)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.glossary.terms)
