"""Loading a glossary's YAML quickly and safely, with the line and column of every node.

libyaml (PyYAML's C parser; its pure-Python parser where libyaml is missing)
turns the text into a stream of events, and :func:`load_yaml` builds the
document from them in one loop, without recursion, into :class:`YamlMap`
and :class:`YamlList`. Each carries ``lc``, the positions of its keys,
values and items (0-based ``(line, column)``, columns in characters), so the
schema check can name ``glossary.yaml:14:5`` for every problem.

What a glossary never needs is refused, each with file:line:column, rather
than processed:

* aliases (``*name``): a few hundred bytes of nested aliases expand to
  gigabytes ("billion laughs"); a glossary writes its text out;
* nesting deeper than :data:`MAX_DEPTH` (a glossary needs three levels);
  libyaml itself gives up at 1,000, and nothing here recurses;
* a key given twice in one mapping, a key that is not text or a number;
* more than one document (``---``) in the file;
* control characters in text (a NUL written as ``"\\0"``, say), which no
  term or rendering holds and which other tools choke on.

Scalars are read as YAML 1.2 (core schema), as ruamel.yaml read them before:
``no``, ``yes``, ``on`` and ``off`` are text, not booleans; ``true``/``false``
are booleans, ``~``/``null``/empty are null, digits are integers.

Most glossaries are written the way hizala writes entries (``- tr: "…"`` and
``key: [...]`` lines, comments, blank lines). Such a file is read line by line
(:func:`_read_simple`), five times faster than through libyaml's events, into the
very same nodes with the very same positions (a property test compares the two on
generated files); at the first line outside that simple form, the whole file goes
through libyaml instead, which also reports every error.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import GlossaryError

__all__ = ["MAX_DEPTH", "YamlList", "YamlMap", "load_yaml", "no_cyclic_gc"]

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted (a glossary uses 3)."""

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
_CONSTANTS: dict[str, Any] = {
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STR = "tag:yaml.org,2002:str"


class Positions:
    """Where a list or mapping and its parts are: ruamel.yaml's ``lc`` interface
    (``line``, ``col``, ``item(i)``, ``key(k)``, ``value(k)``), 0-based."""

    __slots__ = ("_keys", "_values", "col", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        """0-based line of the node's first character."""
        self.col = col
        """0-based column (in characters) of the node's first character."""
        self._keys: list[tuple[int, int]] = []
        self._values: list[tuple[int, int]] = []

    def item(self, index: int) -> tuple[int, int]:
        """``(line, column)`` of a list's item."""
        return self._values[index]

    def key(self, key: object) -> tuple[int, int]:
        """``(line, column)`` of a mapping's key."""
        raise KeyError(key)

    def value(self, key: object) -> tuple[int, int]:
        """``(line, column)`` of the value of a mapping's key."""
        raise KeyError(key)


class _MapPositions(Positions):
    __slots__ = ("_order",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self._order: dict[object, int] = {}

    def key(self, key: object) -> tuple[int, int]:
        return self._keys[self._order[key]]

    def value(self, key: object) -> tuple[int, int]:
        return self._values[self._order[key]]


class YamlMap(dict[Any, Any]):
    """A YAML mapping (a ``dict`` in file order) that knows where it and its parts are."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc: Positions = _MapPositions(line, col)


class YamlList(list[Any]):
    """A YAML sequence (a ``list``) that knows where it and its items are."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = Positions(line, col)


def _scalar(value: str, tag: str | None, plain: bool) -> Any:
    if tag is None or tag == "!":  # no explicit tag: quoted text, or a plain scalar to resolve
        return _plain(value) if plain else value
    if tag == _STR:
        return value
    # an explicit !!int, !!bool… is resolved like the plain scalar; other tags keep text
    return _plain(value) if tag.startswith("tag:yaml.org,2002:") else value


def _plain(value: str) -> Any:
    if value in _CONSTANTS:
        return _CONSTANTS[value]
    if _INT.fullmatch(value):
        if value.startswith("0o"):
            return int(value[2:], 8)
        return int(value, 16) if value.startswith("0x") else int(value)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _parser(text: str) -> Any:
    """libyaml's parser, or PyYAML's own where PyYAML was built without libyaml (only its
    events are used: nothing is constructed or resolved by PyYAML)."""
    import yaml

    loader = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader
    return loader(text)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a large glossary is built: its nodes and
    terms hold no reference cycles, and the collector's repeated passes over a few
    hundred thousand new objects took longer than building them (5.3 s instead of 2.0 s
    for 50,000 terms on a busy machine)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_yaml(text: str, path: str) -> Any:
    """The YAML document in ``text`` (None for a file with no document); any problem
    raises :class:`GlossaryError` with ``path``, line and column."""
    simple = _read_simple(text)
    return simple if simple is not None else _read_events(text, path)


def _read_events(text: str, path: str) -> Any:
    """The document built from libyaml's events (any YAML; every error reported)."""
    import yaml

    parser = _parser(text)
    stack: list[YamlMap | YamlList] = []
    pending: list[Any] = []  # per open mapping: its key waiting for a value, or _NO_KEY
    root: Any = None
    documents = 0

    def fail(message: str, mark: Any) -> GlossaryError:
        return GlossaryError(message, path=path, line=mark.line + 1, column=mark.column + 1)

    def attach(value: Any, mark: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        where = (mark.line, mark.column)
        if isinstance(top, YamlList):
            top.append(value)
            top.lc._values.append(where)
            return
        key = pending[-1]
        if key is _NO_KEY:
            if isinstance(value, dict | list) or value is None:
                raise fail("a key must be text (write 'key: value')", mark)
            if value in top:
                raise fail(f"duplicate key {value!r}; each key may appear once in a mapping",
                           mark)
            pending[-1] = value
            positions = top.lc
            assert isinstance(positions, _MapPositions)
            positions._order[value] = len(positions._keys)
            positions._keys.append(where)
            return
        top[key] = value
        top.lc._values.append(where)
        pending[-1] = _NO_KEY

    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            mark = event.start_mark
            if kind is yaml.ScalarEvent:
                value = event.value
                bad = _CONTROL.search(value)
                if bad is not None:
                    raise fail(
                        f"a control character (U+{ord(bad.group()):04X}) in text; terms and "
                        "renderings are plain text: remove it", mark)
                attach(_scalar(value, event.tag, event.implicit[0]), mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise fail(f"nested more than {MAX_DEPTH} levels deep; a glossary is a "
                               "mapping with a list of terms", mark)
                node: YamlMap | YamlList = (
                    YamlMap(mark.line, mark.column) if kind is yaml.MappingStartEvent
                    else YamlList(mark.line, mark.column)
                )
                attach(node, mark)
                stack.append(node)
                if isinstance(node, YamlMap):
                    pending.append(_NO_KEY)
            elif kind is yaml.MappingEndEvent:
                stack.pop()
                pending.pop()
            elif kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                raise fail(
                    f"an alias (*{event.anchor}) is not allowed in a glossary (aliases can "
                    "expand to gigabytes); write the text out", mark)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail("more than one YAML document ('---'); a glossary is one", mark)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        what = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise GlossaryError(
            f"invalid YAML: {what}", path=path,
            line=where.line + 1 if where else None, column=where.column + 1 if where else None,
        ) from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"invalid YAML: {' '.join(str(exc).split())}", path=path) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    return root


class _NoKey:
    """Marks a mapping waiting for its next key (None is a possible key)."""

    __slots__ = ()


_NO_KEY = _NoKey()


# ---------------------------------------------------------------------------
# the simple form, line by line
# ---------------------------------------------------------------------------

_KEY_LINE = re.compile(r"( *)(- +)?([A-Za-z_][A-Za-z0-9_-]*):(?=\s|$)")
_ITEM_LINE = re.compile(r"( *)- +")
_COMMENT_END = re.compile(r"(?:\s+#.*)?\s*$")
_DOUBLE = re.compile(r'"((?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\["\\/nrtbf]|\\u[0-9a-fA-F]{4})*)"')
_SINGLE = re.compile(r"'((?:[^'\x00-\x08\x0a-\x1f\x7f]|'')*)'")
# A plain scalar this reader accepts: no indicator first, no ": ", " #", flow
# characters, quotes first, backslashes or control characters anywhere.
_PLAIN_TEXT = re.compile(
    r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\\\x00-\x1f\x7f]"
    r"(?:[^:,\[\]{}#\\\x00-\x08\x0a-\x1f\x7f]|:(?=[^\s,\[\]{}]))*"
)
_SURROGATES = re.compile("[\ud800-\udfff]")


class _NotSimple(Exception):
    """The text is not in the simple form: read it with libyaml."""


def _scalar_at(line: str, at: int, flow: bool) -> tuple[Any, int]:
    """The scalar starting at ``line[at]`` and the index after it."""
    first = line[at : at + 1]
    if first == '"':
        m = _DOUBLE.match(line, at)
        if m is None:
            raise _NotSimple
        raw = m.group(1)
        if "\\" in raw:
            import json

            raw = json.loads('"' + raw + '"')
            if _SURROGATES.search(raw) or _CONTROL.search(raw):
                raise _NotSimple
        return raw, m.end()
    if first == "'":
        m = _SINGLE.match(line, at)
        if m is None:
            raise _NotSimple
        return m.group(1).replace("''", "'"), m.end()
    m = _PLAIN_TEXT.match(line, at)
    if m is None:
        raise _NotSimple
    value = m.group().rstrip()
    if flow and value != m.group() and line[at + len(value) :].strip()[:1] not in (",", "]"):
        raise _NotSimple  # pragma: no cover - the pattern stops at flow characters
    return _plain(value), at + len(value)


def _end_of_line(line: str, at: int) -> None:
    """Only white space or a comment may follow a value."""
    if not _COMMENT_END.match(line, at):
        raise _NotSimple


def _value_at(line: str, at: int, row: int) -> tuple[Any, int]:
    """The value of ``key:`` starting at ``line[at]`` (a scalar or a one-line ``[…]``),
    checked to end the line; returns it and its column."""
    if line[at : at + 1] != "[":
        value, end = _scalar_at(line, at, flow=False)
        _end_of_line(line, end)
        return value, at
    items = YamlList(row, at)
    pos = at + 1
    while True:
        while line[pos : pos + 1] == " ":
            pos += 1
        if line[pos : pos + 1] == "]" and not items:
            pos += 1
            break
        item, end = _scalar_at(line, pos, flow=True)
        items.append(item)
        items.lc._values.append((row, pos))
        while line[end : end + 1] == " ":
            end += 1
        sep = line[end : end + 1]
        if sep == "]":
            pos = end + 1
            break
        if sep != ",":
            raise _NotSimple
        pos = end + 1
        if line[pos : pos + 1] not in (" ", '"', "'") and not _PLAIN_TEXT.match(line, pos):
            raise _NotSimple
    _end_of_line(line, pos)
    return items, at


def _put(mapping: YamlMap, key: str, key_at: tuple[int, int], value: Any,
         value_at: tuple[int, int]) -> None:
    if key in mapping:
        raise _NotSimple  # libyaml's reading names the duplicate
    positions = mapping.lc
    assert isinstance(positions, _MapPositions)
    positions._order[key] = len(positions._keys)
    positions._keys.append(key_at)
    mapping[key] = value
    positions._values.append(value_at)


def _read_simple(text: str) -> Any:
    """The document, if ``text`` is in the simple form (see the module docstring); else
    None."""
    try:
        return _simple(text)
    except _NotSimple:
        return None


def _simple(text: str) -> Any:
    top: YamlMap | None = None
    entries: YamlList | None = None  # the list under the top-level key being read
    list_key: tuple[str, tuple[int, int]] | None = None  # that key, before its first item
    entry: YamlMap | None = None  # the entry being read
    entry_indent = key_indent = -1
    block: YamlList | None = None  # a field's block list being read
    block_key: tuple[str, tuple[int, int]] | None = None  # a field waiting for its block list
    block_indent = -1
    for row, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(stripped)
        if block_key is not None or block is not None:
            item = _ITEM_LINE.match(line)
            if item is not None and entry is not None and indent >= key_indent and (
                block is None or indent == block_indent
            ) and not _KEY_LINE.match(line):
                at = item.end()
                if block is None:
                    assert block_key is not None
                    block, block_indent = YamlList(row, indent), indent
                    _put(entry, block_key[0], block_key[1], block, (row, indent))
                    block_key = None
                value, end = _scalar_at(line, at, flow=False)
                _end_of_line(line, end)
                block.append(value)
                block.lc._values.append((row, at))
                continue
            if block_key is not None:
                raise _NotSimple  # an empty value: null, or something more complex
            block = None
        m = _KEY_LINE.match(line)
        if m is None:
            raise _NotSimple
        dash, key = m.group(2), m.group(3)
        key_col = m.start(3)
        after = m.end()
        rest = line[after:]
        value_col = after + len(rest) - len(rest.lstrip(" "))
        empty = bool(_COMMENT_END.fullmatch(rest)) and not rest.lstrip(" ").startswith("[")
        if indent == 0 and not dash:  # a top-level key
            if list_key is not None:
                raise _NotSimple  # a key with an empty value: null
            if top is None:
                top = YamlMap(row, 0)
            entries = entry = None
            if empty:
                list_key = (key, (row, 0))
                continue
            value, col = _value_at(line, value_col, row)
            _put(top, key, (row, 0), value, (row, col))
            continue
        if dash:  # "- key: value": a new entry of the list under the last top-level key
            if top is None or (entries is None and list_key is None):
                raise _NotSimple
            if entries is None:
                assert list_key is not None
                entries, entry_indent = YamlList(row, indent), indent
                _put(top, list_key[0], list_key[1], entries, (row, indent))
                list_key = None
                key_indent = key_col
            if indent != entry_indent or key_col != key_indent:
                raise _NotSimple
            entry = YamlMap(row, key_col)
            entries.append(entry)
            entries.lc._values.append((row, key_col))
        elif entry is None or indent != key_indent:
            raise _NotSimple
        if empty:
            block_key = (key, (row, key_col))
            continue
        value, col = _value_at(line, value_col, row)
        _put(entry, key, (row, key_col), value, (row, col))
    if top is None or list_key is not None or block_key is not None:
        raise _NotSimple
    return top
