"""Reading, checking and editing ``glossary.yaml`` without disturbing the user's file.

Loading parses the YAML once (:mod:`.yaml_load`: libyaml, so every node knows its
line and column; no aliases, bounded nesting) and checks the schema; every
problem names ``file:line:column`` (``glossary.yaml:14:5: 'en' must be a list``).

Editing is done on the text, not by re-dumping the document: adding a term
inserts its lines after the last entry, removing one deletes exactly its lines,
so every other byte of the file (comments, order, quoting, indentation,
blank lines) stays as it was. The file is parsed once when it is opened; an
edit then costs the same whatever the glossary's size: the entries' lines are
known, and only the changed entry and its neighbours are parsed again, to be
sure the file reads back as intended. Importing 1,000 terms is one write.

Writing is atomic (:func:`align.atomic.write_atomic`: temp file + rename, or
through a symbolic link), under an exclusive lock (``glossary.yaml.lock``
beside the real file) held across "is the file still what I read?" and the
replacement, so two writers can never both think they saved: the second is
refused when the file changed since it read it. :meth:`GlossaryFile.editing`
holds the lock from reading to writing, so commands that edit (``hizala
glossary add/remove/import``) simply wait for each other and lose nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from os import PathLike, fspath
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import EXIT_ENVIRONMENT, GlossaryError
from ..locking import Busy, SideLock
from .model import Glossary, Term
from .yaml_load import YamlList, no_cyclic_gc
from .yaml_schema import (
    MAX_BYTES,
    Problem,
    check_glossary_text,
    decode_glossary,
    glossary_of,
    parse_glossary,
    parse_yaml,
)

__all__ = [
    "LOCK_WAIT",
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

log = logging.getLogger("align")

LOCK_WAIT = 30.0
"""Seconds an edit waits for another writer of the same glossary before giving up."""


def read_bytes(path: str) -> bytes:
    """A glossary (or glossary exchange) file's bytes, with a clear error for a missing,
    unreadable or too large file (over :data:`MAX_BYTES`: never silently cut)."""
    try:
        if os.path.isdir(path):
            raise GlossaryError("is a directory, not a glossary file", path=path)
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise GlossaryError("no such glossary file; check the path", path=path) from None
    except PermissionError:
        raise GlossaryError("permission denied; make the file readable", path=path) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if len(data) > MAX_BYTES:
        raise GlossaryError(
            f"is larger than {MAX_BYTES // 2**20} MiB, the most hizala reads as a glossary; "
            "split it into smaller files",
            path=path,
        )
    return data


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


@dataclass(slots=True)
class _Layout:
    """Where the entries of the ``terms`` list are in the file's lines."""

    starts: list[int]
    """0-based line of each entry's ``-``, in order."""
    end: int
    """0-based line one past the terms block's last content line (-1: no entries)."""
    indent: int
    """Column of the entries' ``-``."""
    key_indent: int
    """Column of the entries' keys."""


def _is_filler(line: str) -> bool:
    s = line.strip()
    return not s or s.startswith("#")


def _layout_of(doc: Any, lines: list[str], path: str) -> _Layout:
    """The entries' lines, from the parsed document's positions."""
    items = doc.get("terms") if isinstance(doc, dict) else None
    if not isinstance(items, YamlList) or not len(items):
        return _Layout([], -1, 2, 4)
    lc = items.lc
    starts = [lc.item(i)[0] for i in range(len(items))]
    col = lc.item(0)[1]
    indent = col - 2 if col >= 2 else 0
    first = items[0]
    key_indent = first.lc.col if hasattr(first, "lc") else indent + 2
    for n, start in enumerate(starts):
        # Block style only: each entry starts with "- " on its own line at the same column.
        line = lines[start]
        if line[indent : indent + 2] != "- " or line[:indent].strip() or (
            n and start <= starts[n - 1]
        ):
            raise GlossaryError(
                "the 'terms' list is not written one '- tr: …' entry per line (flow style "
                "[…] or entries sharing a line); hizala edits only such lists: rewrite it "
                "in block style",
                path=path,
                line=start + 1,
            )
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


class GlossaryFile:
    """A glossary file opened for editing: its text, what it holds, and its fingerprint.

    Edits (:meth:`add`, :meth:`remove`, :meth:`change`) change the text in memory;
    :meth:`save` writes it. Use :meth:`editing` to hold the file's lock from reading
    to writing.
    """

    def __init__(
        self, path: str, text: str, sha256: str, glossary: Glossary, bom: bool = False,
        doc: Any = None,
    ) -> None:
        self.path = path
        """The glossary file."""
        self.sha256 = sha256
        """SHA-256 of the bytes read ("" for a file not read from disk)."""
        self.bom = bom
        """Whether the file starts with a UTF-8 byte order mark (kept on saving)."""
        self._lock: SideLock | None = None
        self._set_state(text, glossary, doc)

    def _set_state(self, text: str, glossary: Glossary, doc: Any = None) -> None:
        self._lines = text.split("\n")
        self._terms = list(glossary.terms)
        self._index: dict[str, Term] | None = None  # built at the first look-up
        self._glossary: Glossary | None = glossary
        self._layout = _layout_of(doc, self._lines, self.path) if doc is not None else None

    # -- what the file holds --------------------------------------------------------
    @property
    def text(self) -> str:
        """The file's text as edited so far."""
        return "\n".join(self._lines)

    @text.setter
    def text(self, text: str) -> None:
        # Setting the text (e.g. to undo a failed edit) reads it again at the next edit.
        self._lines = text.split("\n")
        self._layout = None

    @property
    def glossary(self) -> Glossary:
        """The terms as edited so far."""
        if self._glossary is None:
            self._glossary = Glossary(tuple(self._terms), path=self.path, sha256=self.sha256)
        return self._glossary

    @glossary.setter
    def glossary(self, glossary: Glossary) -> None:
        self._terms = list(glossary.terms)
        self._index = None
        self._glossary = glossary
        self._layout = None

    def get(self, tr: str) -> Term | None:
        """The term whose lemma is ``tr`` (Turkish-folded), or None; in constant time."""
        return self._keys().get(Term(tr=tr, en=()).key)

    def _keys(self) -> dict[str, Term]:
        if self._index is None:
            self._index = {t.key: t for t in self._terms}
        return self._index

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | PathLike[str]) -> GlossaryFile:
        """Read and check ``path``; remember its SHA-256 to notice changes made by others."""
        name = fspath(path)
        data = read_bytes(name)
        text = decode_glossary(data, name)
        sha = hashlib.sha256(data).hexdigest()
        with no_cyclic_gc():
            doc = parse_yaml(text, name)
            glossary = glossary_of(doc, name)
            return cls(name, text, sha, replace(glossary, sha256=sha),
                       data.startswith(b"\xef\xbb\xbf"), doc)

    @classmethod
    def from_text(cls, text: str, path: str = "glossary.yaml") -> GlossaryFile:
        """An in-memory glossary file (for tests and for new files)."""
        with no_cyclic_gc():
            doc = parse_yaml(text, path)
            return cls(path, text, "", glossary_of(doc, path), doc=doc)

    @classmethod
    @contextmanager
    def editing(
        cls, path: str | PathLike[str], *, new_text: str | None = None, wait: float = LOCK_WAIT
    ) -> Iterator[GlossaryFile]:
        """Lock the glossary against other writers (waiting up to ``wait`` seconds for
        them), read it, and give it to the caller to edit and :meth:`save`; the lock is
        held until the block ends. A missing file starts as ``new_text`` if given."""
        name = fspath(path)
        lock = _locked(name, wait)
        try:
            if new_text is not None and not os.path.lexists(name):
                gf = cls.from_text(new_text, name)
            else:
                gf = cls.open(name)
            gf._lock = lock
            yield gf
        finally:
            lock.release()

    # -- edits (in memory; call save() to write) -------------------------------------
    def _ensure_layout(self) -> _Layout:
        if self._layout is None:
            doc = parse_yaml(self.text, self.path)
            self._set_state(self.text, glossary_of(doc, self.path), doc)
        assert self._layout is not None
        return self._layout

    def add(self, term: Term) -> None:
        """Append ``term`` after the last entry; refuses a term that is already there."""
        self.add_many([term])

    def add_many(self, terms: Sequence[Term]) -> None:
        """Append ``terms`` after the last entry, in order (all or none: refuses a term that
        is already there, or given twice)."""
        if not terms:
            return
        keys = self._keys()
        fresh: dict[str, Term] = {}
        for term in terms:
            existing = keys.get(term.key) or fresh.get(term.key)
            if existing is not None:
                where = f" (line {existing.line})" if existing.line else ""
                raise GlossaryError(
                    f"{term.tr!r} is already in the glossary{where}; replace that entry "
                    "instead of adding another",
                    path=self.path,
                )
            fresh[term.key] = term
        layout = self._ensure_layout()
        blocks = [render_term(t, layout.indent, layout.key_indent).rstrip("\n").split("\n")
                  for t in terms]
        if not layout.starts:
            self._lines = self._insert_first(self._lines, blocks[0])
            self._layout = None
            self._ensure_layout()  # a list of one entry: cheap to read again
            self.add_many(terms[1:])
            return
        at = layout.end
        prev = layout.starts[-1]
        block = [line for b in blocks for line in b]
        new_lines = self._lines[:at] + block + self._lines[at:]
        # Only the last entry and the new ones can be affected: read them back.
        got = self._read_window(new_lines, prev, at + len(block), 1 + len(terms))
        start = at
        for parsed, lines in zip(got[1:], blocks, strict=True):
            added = replace(parsed, line=start + 1)
            self._warn_variants(added)
            layout.starts.append(start)
            self._terms.append(added)
            keys[added.key] = added
            start += len(lines)
        self._lines = new_lines
        layout.end = at + len(block)
        self._glossary = None

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

    def _entry_lines(self, index: int, layout: _Layout) -> tuple[int, int]:
        lines = self._lines
        a = layout.starts[index]
        b = layout.starts[index + 1] if index + 1 < len(layout.starts) else layout.end
        # comments and blank lines just above the next entry belong to it
        while b > a + 1 and _is_filler(lines[b - 1]):
            b -= 1
        return a, b

    def _position(self, tr: str) -> int:
        term = self.get(tr)
        if term is None:
            raise GlossaryError(
                f"{tr!r} is not in the glossary; 'hizala glossary list' shows the terms",
                path=self.path,
            )
        return next(i for i, t in enumerate(self._terms) if t is term)

    def remove(self, tr: str) -> Term:
        """Delete the entry whose lemma is ``tr`` (its own lines only); returns it."""
        index = self._position(tr)
        return self._replace_entry(index, None)

    def change(self, term: Term) -> None:
        """Replace the entry with the same lemma by ``term``, in place."""
        if self.get(term.tr) is None:
            raise GlossaryError(f"{term.tr!r} is not in the glossary", path=self.path)
        self._replace_entry(self._position(term.tr), term)

    def _replace_entry(self, index: int, term: Term | None) -> Term:
        """Replace entry ``index`` by ``term`` (None: delete it); returns the old term."""
        layout = self._ensure_layout()
        old = self._terms[index]
        a, b = self._entry_lines(index, layout)
        block = (
            render_term(term, layout.indent, layout.key_indent).rstrip("\n").split("\n")
            if term is not None else []
        )
        new_lines = self._lines[:a] + block + self._lines[b:]
        shift = len(block) - (b - a)
        # The neighbours and the new entry are all that can change: read them back.
        first = index - 1 if index > 0 else index
        window_start = layout.starts[first] if index > 0 else a
        count = (index > 0) + (term is not None) + (index + 1 < len(self._terms))
        if index + 1 < len(self._terms):
            nxt = index + 2 < len(layout.starts)
            window_end = (layout.starts[index + 2] if nxt else layout.end) + shift
        else:
            window_end = a + len(block)
        got = self._read_window(new_lines, window_start, window_end, count) if count else []
        mine = got[1 if index > 0 else 0] if term is not None else None
        self._lines = new_lines
        keys = self._keys()
        del keys[old.key]
        if term is None:
            del self._terms[index]
            del layout.starts[index]
            rest = index
        else:
            assert mine is not None
            new = replace(mine, line=a + 1)
            self._warn_variants(new)
            self._terms[index] = new
            keys[new.key] = new
            rest = index + 1
        if shift:
            for k in range(rest, len(layout.starts)):
                layout.starts[k] += shift
            for k in range(rest, len(self._terms)):
                self._terms[k] = replace(self._terms[k], line=self._terms[k].line + shift)
            self._index = None  # the moved terms are new objects: look them up again
        layout.end = layout.end + shift if layout.starts else -1
        self._glossary = None
        return old

    def _read_window(self, lines: list[str], start: int, end: int, count: int) -> list[Term]:
        """Parse the entries on ``lines[start:end]`` as a glossary of their own: they must be
        ``count`` terms (the file around them is known to be fine)."""
        window = ["terms:", *lines[start:end], ""]
        try:
            glossary, problems = check_glossary_text("\n".join(window), self.path)
        except GlossaryError as exc:
            problems, glossary = [Problem(exc.line or 1, exc.column or 1, exc.message)], None
        if glossary is None:
            first = next(p for p in problems if p.severity == "error")
            raise GlossaryError(
                f"the edit would make the file unreadable ({first.message}); nothing was "
                "changed", path=self.path, line=first.line - 1 + start,
            )
        if len(glossary.terms) != count:
            raise GlossaryError(
                "the edit would change other entries; nothing was changed", path=self.path,
                line=start + 1,
            )
        return list(glossary.terms)

    def _warn_variants(self, term: Term) -> None:
        """What the whole file's check would say of a new entry's variants."""
        for variant in term.variants:
            other = self.get(variant)
            if other is not None and other.key != term.key:
                log.warning("%s:%d:1: variant %r is also the term at line %d", self.path,
                            term.line, variant, other.line)

    # -- writing ----------------------------------------------------------------------
    def save(self, path: str | PathLike[str] | None = None) -> None:
        """Write atomically; refuse if the file changed on disk since it was read. The
        check and the replacement are done under the glossary's lock (taken here, unless
        :meth:`editing` holds it already)."""
        target = fspath(path) if path is not None else self.path
        data = (b"\xef\xbb\xbf" if self.bom else b"") + self.text.encode("utf-8")
        held = self._lock is not None and target == self.path
        lock = self._lock if held else _locked(target, LOCK_WAIT)
        assert lock is not None
        try:
            if target == self.path:
                self._check_unchanged(target)
            write_atomic(target, data, error=GlossaryError)
        finally:
            if not held:
                lock.release()
        if target == self.path:
            self.sha256 = hashlib.sha256(data).hexdigest()
            self._glossary = replace(self.glossary, sha256=self.sha256)

    def _check_unchanged(self, target: str) -> None:
        try:
            current = hashlib.sha256(Path(target).read_bytes()).hexdigest()
        except FileNotFoundError:
            current = ""
        except OSError as exc:
            raise GlossaryError(
                f"cannot check the file before writing: {exc.strerror or exc}", path=target,
                exit_code=EXIT_ENVIRONMENT,
            ) from None
        if current != self.sha256:
            what = (
                "was created by someone else since hizala started it" if not self.sha256
                else "changed on disk since hizala read it (another editor or program)"
            )
            raise GlossaryError(
                f"{what}; nothing was written: run the command again to edit the new version",
                path=target, exit_code=EXIT_ENVIRONMENT,
            )


def _locked(path: str, wait: float) -> SideLock:
    """The lock of a glossary file, taken (waiting up to ``wait`` seconds for another
    writer): ``NAME.lock`` beside the real file (a symbolic link is followed, so that
    every name of the file shares one lock)."""
    real = os.path.realpath(path)
    lock = SideLock(real + ".lock", error=lambda what: GlossaryError(
        what, path=path, exit_code=EXIT_ENVIRONMENT))
    try:
        lock.acquire(wait)
    except Busy as busy:
        raise GlossaryError(
            f"is being changed by another hizala{busy.holder}, for more than {wait:g} s; "
            "nothing was written: try again when it is done",
            path=path, exit_code=EXIT_ENVIRONMENT,
        ) from None
    return lock
