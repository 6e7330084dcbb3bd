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
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from os import PathLike, fspath
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..normalize import fold
from ..textio import decode_bytes
from .model import POS_VALUES, Glossary, Term

__all__ = [
    "GlossaryFile",
    "Problem",
    "check_glossary_text",
    "load_glossary",
    "parse_glossary",
    "render_term",
]

log = logging.getLogger("align")

MAX_BYTES = 32 * 1024 * 1024
_TERM_KEYS = (
    "tr",
    "en",
    "pos",
    "forbidden",
    "note",
    "case_sensitive",
    "tags",
    "variants",
    "multiword",
)
_TOP_KEYS = ("version", "source", "target", "terms")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or suspicious) in a glossary file."""

    line: int
    """1-based line."""
    column: int
    """1-based column."""
    message: str
    """What is wrong and what to do."""
    severity: str = "error"
    """``error`` (the file cannot be used) or ``warning`` (it can, but look)."""


# ---------------------------------------------------------------------------
# decoding and parsing
# ---------------------------------------------------------------------------


def _decode(data: bytes, path: str) -> str:
    if not data.strip():
        what = "empty (0 bytes)" if not data else "only white space"
        raise GlossaryError(
            f"is {what}; a glossary needs at least 'terms:' with one entry "
            "(see 'Glossary file' in README.md)",
            path=path,
        )
    if len(data) > MAX_BYTES:
        raise GlossaryError("is larger than 32 MiB; is this really a glossary?", path=path)
    try:
        text, codec, _bom = decode_bytes(data, path)
    except Exception as exc:  # InputError: binary, undecodable
        from ..errors import HizalaError

        if isinstance(exc, HizalaError):
            raise GlossaryError(
                exc.message,
                path=path,
                line=_line_of(data, exc.byte_offset),
                column=_col_of(data, exc.byte_offset),
            ) from None
        raise
    if codec not in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        bad = next((i for i, b in enumerate(data) if b >= 0x80), 0)
        raise GlossaryError(
            f"is not UTF-8 (byte 0x{data[bad]:02x}: it looks like a legacy Turkish code page, "
            "Windows-1254/ISO-8859-9); YAML files must be UTF-8: re-save it as UTF-8",
            path=path,
            line=_line_of(data, bad),
            column=_col_of(data, bad),
        )
    if "\t" in text:
        for n, line in enumerate(text.split("\n"), start=1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise GlossaryError(
                    "a tab is used for indentation; YAML allows only spaces there",
                    path=path,
                    line=n,
                    column=len(line) - len(stripped) + 1,
                )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(data: bytes, offset: int | None) -> int | None:
    return None if offset is None else data.count(b"\n", 0, offset) + 1


def _col_of(data: bytes, offset: int | None) -> int | None:
    if offset is None:
        return None
    start = data.rfind(b"\n", 0, offset) + 1
    return len(data[start:offset].decode("utf-8", errors="replace")) + 1


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.allow_duplicate_keys = False
    return y


def _parse_yaml(text: str, path: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if "found duplicate key" in what or "duplicate key" in str(exc):
            what = "duplicate key" + (
                f" {exc.problem.split('key')[-1].strip()}" if exc.problem else ""
            )
            what += "; each key may appear once in a mapping"
        else:
            what = f"invalid YAML: {what}"
        raise GlossaryError(
            what,
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except YAMLError as exc:
        raise GlossaryError(f"invalid YAML: {' '.join(str(exc).split())}", path=path) from None


# ---------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------


def _pos(node: Any, key: Any = None, index: int | None = None) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None:
        return (1, 1)
    try:
        if index is not None:
            line, col = lc.item(index)
        elif key is not None:
            line, col = lc.value(key)
        else:
            line, col = lc.line, lc.col
    except (KeyError, IndexError, TypeError, AttributeError):
        line, col = lc.line, lc.col
    return (line + 1, col + 1)


def _key_pos(node: Any, key: Any) -> tuple[int, int]:
    try:
        line, col = node.lc.key(key)
    except (KeyError, TypeError, AttributeError):
        return _pos(node)
    return (line + 1, col + 1)


def _string_list(
    node: Any, key: str, problems: list[Problem], *, required: bool
) -> tuple[str, ...]:
    value = node.get(key)
    line, col = _pos(node, key)
    if value is None:
        if required:
            kl, kc = _key_pos(node, key) if key in node else _pos(node)
            problems.append(
                Problem(
                    kl,
                    kc,
                    f"'{key}' is missing: give a list of English renderings, "
                    f'e.g. {key}: ["detention"]'
                    if key not in node
                    else f"'{key}' is empty: give at least one rendering",
                )
            )
        return ()
    if isinstance(value, str) or not isinstance(value, list):
        problems.append(Problem(line, col, f'\'{key}\' must be a list (write {key}: ["…", "…"])'))
        return ()
    out = []
    for i, item in enumerate(value):
        il, ic = _pos(value, index=i)
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(il, ic, f"every item of '{key}' must be non-empty text"))
            continue
        out.append(" ".join(item.split()))
    if required and not out and not problems:
        problems.append(Problem(line, col, f"'{key}' is empty: give at least one rendering"))
    return tuple(out)


def _term(node: Any, problems: list[Problem]) -> Term | None:
    start = len(problems)
    line, col = _pos(node)
    if not isinstance(node, dict):
        problems.append(
            Problem(line, col, "each entry of 'terms' must be a mapping with 'tr:' and 'en:'")
        )
        return None
    for key in node:
        if key not in _TERM_KEYS:
            kl, kc = _key_pos(node, key)
            problems.append(
                Problem(
                    kl,
                    kc,
                    f"unknown key {key!r} in a term (expected one of {', '.join(_TERM_KEYS)})",
                )
            )
    tr = node.get("tr")
    if not isinstance(tr, str) or not tr.strip():
        where = _pos(node, "tr") if "tr" in node else (line, col)
        problems.append(Problem(*where, "'tr' must be the Turkish term as text (tr: \"gözaltı\")"))
        tr = ""
    tr = " ".join(str(tr).split())
    en = _string_list(node, "en", problems, required=True)
    forbidden = _string_list(node, "forbidden", problems, required=False)
    tags = _string_list(node, "tags", problems, required=False)
    variants = _string_list(node, "variants", problems, required=False)
    pos = node.get("pos", "noun")
    if pos not in POS_VALUES:
        problems.append(
            Problem(
                *_pos(node, "pos"), f"'pos' must be one of {', '.join(POS_VALUES)}, not {pos!r}"
            )
        )
        pos = "noun"
    if pos == "verb" and tr and not fold(tr).endswith(("mak", "mek")):
        problems.append(
            Problem(
                *_pos(node, "tr"), f"a verb's 'tr' must be its infinitive (…mak/…mek), not {tr!r}"
            )
        )
    note = node.get("note", "")
    if note is None:
        note = ""
    if not isinstance(note, str):
        problems.append(Problem(*_pos(node, "note"), "'note' must be text"))
        note = ""
    flags = {}
    for key in ("case_sensitive", "multiword"):
        value = node.get(key, False)
        if not isinstance(value, bool):
            problems.append(
                Problem(*_pos(node, key), f"'{key}' must be true or false, not {value!r}")
            )
            value = False
        flags[key] = value
    if "multiword" in node and flags["multiword"] != (len(tr.split()) > 1) and tr:
        problems.append(
            Problem(
                *_pos(node, "multiword"),
                f"'multiword: {str(flags['multiword']).lower()}' "
                f"contradicts {tr!r}; drop the key (it is worked out from 'tr')",
                "warning",
            )
        )
    clash = sorted({fold(e) for e in en} & {fold(f) for f in forbidden})
    if clash:
        problems.append(
            Problem(
                *_pos(node, "forbidden"),
                f"{clash[0]!r} is both allowed ('en') and forbidden; keep it in one list",
            )
        )
    if any(p.severity == "error" for p in problems[start:]):
        return None
    return Term(
        tr=tr,
        en=en,
        pos=pos,
        forbidden=forbidden,
        note=note.strip(),
        case_sensitive=flags["case_sensitive"],
        tags=tags,
        variants=variants,
        line=line,
    )


def check_glossary_text(
    text: str, path: str = "glossary.yaml"
) -> tuple[Glossary | None, list[Problem]]:
    """Parse and check a glossary's text: the glossary (None if it has errors) and every problem.

    Raises :class:`GlossaryError` only when the text is not YAML at all.
    """
    doc = _parse_yaml(text, path)
    problems: list[Problem] = []
    if doc is None:
        problems.append(Problem(1, 1, "the file holds no YAML document; start it with 'terms:'"))
        return None, problems
    if not isinstance(doc, dict):
        problems.append(
            Problem(
                *_pos(doc),
                "the top level must be a mapping with 'terms:' "
                "(a list of entries), not a " + type(doc).__name__,
            )
        )
        return None, problems
    for key in doc:
        if key not in _TOP_KEYS:
            problems.append(
                Problem(
                    *_key_pos(doc, key),
                    f"unknown top-level key {key!r} (expected {', '.join(_TOP_KEYS)})",
                )
            )
    version = doc.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version != 1:
        problems.append(
            Problem(
                *_pos(doc, "version"),
                f"unsupported 'version' {version!r}; this hizala reads version 1",
            )
        )
    for key, want in (("source", "tr"), ("target", "en")):
        value = doc.get(key, want)
        if value != want:
            problems.append(Problem(*_pos(doc, key), f"'{key}' must be {want!r}, not {value!r}"))
    items = doc.get("terms")
    if "terms" not in doc:
        problems.append(Problem(1, 1, "'terms:' is missing; list the entries under it"))
        return None, problems
    if items is None:
        items = []
    if not isinstance(items, list):
        problems.append(
            Problem(
                *_pos(doc, "terms"),
                "'terms' must be a list of entries (each line starting with '- tr: …')",
            )
        )
        return None, problems
    terms: list[Term] = []
    seen: dict[str, Term] = {}
    for i, node in enumerate(items):
        term = _term(node, problems)
        if term is None:
            continue
        other = seen.get(term.key)
        if other is not None:
            same = (set(other.en), other.pos) == (set(term.en), term.pos)
            what = "repeats" if same else "conflicts with"
            problems.append(
                Problem(
                    *_pos(items, index=i),
                    f"{term.tr!r} {what} the entry at line "
                    f"{other.line}; merge the two entries into one",
                )
            )
            continue
        for variant in term.variants:
            v = " ".join(fold(variant).split())
            if v in seen:
                problems.append(
                    Problem(
                        *_pos(node, "variants"),
                        f"variant {variant!r} is also the term at line {seen[v].line}",
                        "warning",
                    )
                )
        seen[term.key] = term
        terms.append(term)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Glossary(tuple(terms), path=path), problems


def parse_glossary(text: str, path: str = "glossary.yaml") -> Glossary:
    """A glossary from its YAML text; the first error raises :class:`GlossaryError`."""
    glossary, problems = check_glossary_text(text, path)
    for p in problems:
        if p.severity == "error":
            raise GlossaryError(p.message, path=path, line=p.line, column=p.column)
    for p in problems:
        log.warning("%s:%d:%d: %s", path, p.line, p.column, p.message)
    assert glossary is not None  # no error means a glossary
    return glossary


def _read(path: str) -> bytes:
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
        data = _read(name)
        text = _decode(data, name)
        glossary = parse_glossary(text, name)
        sha = hashlib.sha256(data).hexdigest()
        return cls(name, text, sha, replace(glossary, sha256=sha), data.startswith(b"\xef\xbb\xbf"))

    @classmethod
    def from_text(cls, text: str, path: str = "glossary.yaml") -> GlossaryFile:
        """An in-memory glossary file (for tests and for new files)."""
        return cls(path, text, "", parse_glossary(text, path))

    # -- edits (in memory; call save() to write) ---------------------------

    def _layout(self) -> _Layout:
        doc = _parse_yaml(self.text, self.path)
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
                "use change to edit it",
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
        _write_atomic(Path(target), data)
        if target == self.path:
            self.sha256 = hashlib.sha256(data).hexdigest()
            self.glossary = replace(self.glossary, sha256=self.sha256)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.glossary.terms)


def _write_atomic(path: Path, data: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise GlossaryError(f"cannot write here: {exc.strerror or exc}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = os.stat(path).st_mode & 0o7777
            os.chmod(tmp, mode)
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GlossaryError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
