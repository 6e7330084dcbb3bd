"""Checking a glossary's YAML text against the schema, with file:line:column for every problem.

The text is parsed by :mod:`.yaml_load` (libyaml, no aliases, bounded nesting), so
every mapping, list and value knows where it is; :func:`check_glossary_text` collects every
problem (for ``hizala glossary lint``), :func:`parse_glossary` raises the first
error as a :class:`~align.errors.GlossaryError`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..errors import GlossaryError, HizalaError
from ..normalize import fold
from ..textio import decode_bytes
from .model import POS_VALUES, Glossary, Term
from .yaml_load import load_yaml

__all__ = [
    "MAX_BYTES",
    "Problem",
    "check_document",
    "check_glossary_text",
    "decode_glossary",
    "glossary_of",
    "parse_glossary",
    "parse_yaml",
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
    "exceptions",
    "other_senses",
    "consistent",
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


def decode_glossary(data: bytes, path: str) -> str:
    """The text of a glossary file's bytes (UTF-8/16/32); anything else is refused."""
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
    except HizalaError as exc:  # binary or undecodable bytes
        raise GlossaryError(
            exc.message,
            path=path,
            line=_line_of(data, exc.byte_offset),
            column=_col_of(data, exc.byte_offset),
        ) from None
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


def parse_yaml(text: str, path: str) -> Any:
    """The YAML document, every node with its line and column; invalid or unsafe YAML
    (aliases, deep nesting, control characters) raises with line and column
    (:func:`.yaml_load.load_yaml`)."""
    return load_yaml(text, path)


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
    # Positions are looked up only for a problem: 50,000 terms have 200,000 such lists.
    value = node.get(key)
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
        problems.append(Problem(*_pos(node, key),
                                f'\'{key}\' must be a list (write {key}: ["…", "…"])'))
        return ()
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(*_pos(value, index=i),
                                    f"every item of '{key}' must be non-empty text"))
            continue
        out.append(" ".join(item.split()))
    if required and not out and not problems:
        problems.append(Problem(*_pos(node, key), f"'{key}' is empty: give at least one rendering"))
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
    exceptions = _string_list(node, "exceptions", problems, required=False)
    other_senses = _string_list(node, "other_senses", problems, required=False)
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
    for key in ("case_sensitive", "consistent", "multiword"):
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
    for phrase in exceptions:
        if tr and not _holds(phrase, tr, variants):
            problems.append(
                Problem(
                    *_pos(node, "exceptions"),
                    f"exception {phrase!r} does not hold {tr!r}; an exception is a longer "
                    "phrase with the term's words in it (e.g. 'savaş uçağı' for 'savaş')",
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
        exceptions=exceptions,
        other_senses=other_senses,
        consistent=flags["consistent"],
        line=line,
    )


def _holds(phrase: str, tr: str, variants: tuple[str, ...]) -> bool:
    """Whether ``phrase`` has a word beginning like the term's (or a variant's) first word,
    consonant softening aside (``uçağı`` for ``uçak``)."""
    words = fold(phrase).split()
    for lemma in (tr, *variants):
        first = fold(lemma).split()[0]
        stem = first[:-1] if len(first) > 3 else first
        if first.endswith(("mak", "mek")) and len(first) > 4:
            stem = first[:-3]
        if any(w.startswith(stem) for w in words):
            return True
    return False


def check_glossary_text(
    text: str, path: str = "glossary.yaml"
) -> tuple[Glossary | None, list[Problem]]:
    """Parse and check a glossary's text: the glossary (None if it has errors) and every problem.

    Raises :class:`GlossaryError` only when the text is not YAML at all.
    """
    return check_document(parse_yaml(text, path), path)


def check_document(doc: Any, path: str = "glossary.yaml") -> tuple[Glossary | None, list[Problem]]:
    """Check a parsed glossary document (:func:`parse_yaml`): the glossary (None if it has
    errors) and every problem."""
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
        key = term.key
        other = seen.get(key)
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
        seen[key] = term
        terms.append(term)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Glossary(tuple(terms), path=path), problems


def parse_glossary(text: str, path: str = "glossary.yaml") -> Glossary:
    """A glossary from its YAML text; the first error raises :class:`GlossaryError`."""
    return glossary_of(parse_yaml(text, path), path)


def glossary_of(doc: Any, path: str = "glossary.yaml") -> Glossary:
    """A glossary from its parsed document (:func:`parse_yaml`); the first error raises
    :class:`GlossaryError`, warnings are logged."""
    glossary, problems = check_document(doc, path)
    for p in problems:
        if p.severity == "error":
            raise GlossaryError(p.message, path=path, line=p.line, column=p.column)
    for p in problems:
        log.warning("%s:%d:%d: %s", path, p.line, p.column, p.message)
    assert glossary is not None  # no error means a glossary
    return glossary
