"""Reading TMX safely and in constant memory, and importing it into a project.

The file is parsed with hizala's one hardened expat parser
(:func:`align.safe_xml.hardened_parser`), fed 64 KiB at a time, and each
``<tu>`` is handed on as soon as it ends, so a TMX of any size is read with
flat memory. While a chunk yields nothing (inside one huge token, such as a
100 MB comment), the next chunk is twice as large: expat rescans an unfinished
token at every chunk, which made such a file take minutes.
Nothing is ever fetched: the parser reads no external DTD or entity, and any
entity declaration (the means of "billion laughs" bombs and XXE file or
network reads) is refused with the file, line and column, as is a reference
to an undeclared entity. A plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as
CAT tools write it, is fine.

Segment text is the character data of ``<seg>`` and of ``<hi>`` inside it;
the native codes in ``<bpt> <ept> <ph> <it> <ut>`` (and their ``<sub>``) are
left out of it. The inline markup itself is kept too (the ``<seg>`` content,
tags, attributes and codes, as XML): a project stores it beside the segment,
and an export writes it back for as long as the segment's text is unchanged.
Variants are matched on the primary language subtag (``tr-TR`` is Turkish).
A unit's ``creationdate``/``creationid`` and ``changedate``/``changeid`` are
kept apart, and exported as they were. hizala's own properties are read
back: ``x-document`` groups units into documents, ``x-score`` and
``x-status`` restore the bead's score and status, ``<note>`` becomes a finding
(``kind (severity): message`` as hizala writes them, otherwise kind ``note``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from os import PathLike, fspath
from xml.parsers import expat

from ..errors import FormatError, StoreError
from ..safe_xml import XmlRefused, hardened_parser
from .documents import document_name, insert_document, next_id
from .findings import insert_finding
from .pending import GAP
from .project import Project
from .recorder import inserter
from .signature import import_signature
from .values import STATUSES, NewFinding

__all__ = ["TmxImportReport", "TmxStats", "TmxUnit", "import_tmx", "read_tmx"]

_CHUNK = 1 << 16
_MAX_CHUNK = 1 << 26  # 64 MiB: the most read at once inside one huge token
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})
_DATE = re.compile(r"\d{8}T\d{6}Z")
_NOTE = re.compile(r"(?P<kind>[\w-]+) \((?P<severity>error|warning|info)\): (?P<message>.*)", re.S)


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One translation unit with a Turkish and an English variant."""

    tr: str
    """The Turkish segment text."""
    en: str
    """The English segment text."""
    line: int
    """Line of the ``<tu>`` in the file."""
    document: str | None = None
    """The ``x-document`` property, if any."""
    score: float | None = None
    """The ``x-score`` property, if it is a number in [0, 1]."""
    status: str | None = None
    """The ``x-status`` property, if it is auto/confirmed/rejected."""
    notes: tuple[str, ...] = ()
    """The unit's notes."""
    changed_by: str | None = None
    """``changeid``."""
    changed_at: str | None = None
    """``changedate``, if in ``YYYYMMDDThhmmssZ`` form."""
    created_by: str | None = None
    """``creationid``."""
    created_at: str | None = None
    """``creationdate``, if in ``YYYYMMDDThhmmssZ`` form."""
    tr_markup: str | None = None
    """The Turkish ``<seg>`` content as XML when it has inline elements (``<bpt>``,
    ``<ph>``, ``<hi>``…), else None; its text is :attr:`tr`."""
    en_markup: str | None = None
    """The same for the English segment."""


@dataclass(frozen=True, slots=True)
class TmxImportReport:
    """What an import read."""

    units: int
    """Units imported as beads."""
    skipped: int
    """Units without both a Turkish and an English variant with text."""
    documents: tuple[str, ...]
    """Names of the documents created."""
    languages: tuple[str, ...]
    """Every ``xml:lang`` seen, for messages."""


@dataclass
class TmxStats:
    """Filled in by :func:`read_tmx` when the file is done."""

    skipped: int = 0
    """Units lacking a Turkish or an English variant with text."""
    languages: tuple[str, ...] = ()
    """Every ``xml:lang`` seen, in order of appearance."""


@dataclass
class _Tu:
    line: int
    attrs: dict[str, str]
    props: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tuvs: list[tuple[str, str, str | None]] = field(default_factory=list)
    lang: str = ""
    prop_type: str = ""


def _xml_text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _xml_tag(tag: str, attrs: dict[str, str]) -> str:
    out = [f"<{tag}"]
    for key, raw in attrs.items():
        value = (_xml_text(raw).replace('"', "&quot;").replace("\t", "&#9;")
                 .replace("\n", "&#10;"))
        out.append(f' {key}="{value}"')
    return "".join(out) + ">"


def _primary(tag: str) -> str:
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


class _Reader:
    """Expat handlers building units; completed units wait in ``ready``."""

    def __init__(self, tr_lang: str, en_lang: str) -> None:
        self.tr, self.en = _primary(tr_lang), _primary(en_lang)
        self.ready: deque[TmxUnit] = deque()
        self.skipped = 0
        self.languages: dict[str, None] = {}
        self.root: str | None = None
        # A plain <!DOCTYPE tmx SYSTEM "tmx14.dtd">, as CAT tools write it, is fine.
        self.parser = hardened_parser(doctype=True)
        p = self.parser
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        self._stack: list[str] = []
        self._tu: _Tu | None = None
        self._text: list[str] | None = None
        self._code_depth = 0
        self._xml: list[str] | None = None  # inside <seg>: its content as XML
        self._inline = 0  # inline elements seen in this <seg>
        self.events = 0  # elements and text seen so far (progress inside the file)

    # structure
    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.events += 1
        if self.root is None:
            self.root = tag
            if tag != "tmx":
                raise _NotTmx(
                    f"the root element is <{tag}>, not <tmx>: is this a TMX file?",
                    self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1,
                )
        self._stack.append(tag)
        if tag == "tu":
            self._tu = _Tu(self.parser.CurrentLineNumber, attrs)
        elif self._tu is None:
            return
        elif self._xml is not None:  # an inline element inside <seg>
            self._xml.append(_xml_tag(tag, attrs))
            self._inline += 1
            if tag in _CODES:
                self._code_depth += 1
        elif tag == "tuv":
            self._tu.lang = attrs.get("xml:lang") or attrs.get("lang") or ""
        elif tag == "seg":
            self._text, self._code_depth, self._xml, self._inline = [], 0, [], 0
        elif tag in ("prop", "note") and self._text is None:
            self._text = []
            self._tu.prop_type = attrs.get("type", "")

    def chars(self, data: str) -> None:
        self.events += 1
        if self._xml is not None:
            self._xml.append(_xml_text(data))
        if self._text is not None and self._code_depth == 0:
            self._text.append(data)

    def end(self, tag: str) -> None:
        self.events += 1
        self._stack.pop()
        tu = self._tu
        if tu is None:
            return
        if tag == "seg" and self._text is not None and self._xml is not None:
            markup = "".join(self._xml) if self._inline else None
            tu.tuvs.append((tu.lang, "".join(self._text), markup))
            self._text = self._xml = None
        elif self._xml is not None:  # the end of an inline element
            self._xml.append(f"</{tag}>")
            if tag in _CODES:
                self._code_depth -= 1
        elif tag == "prop" and self._text is not None:
            tu.props.setdefault(tu.prop_type, "".join(self._text))
            self._text = None
        elif tag == "note" and self._text is not None:
            tu.notes.append("".join(self._text).strip())
            self._text = None
        elif tag == "tu":
            self._finish(tu)
            self._tu = None

    def _finish(self, tu: _Tu) -> None:
        texts: dict[str, str] = {}
        markup: dict[str, str | None] = {}
        for lang, text, xml in tu.tuvs:
            self.languages.setdefault(lang, None)
            key = _primary(lang)
            if key not in texts and text.strip():
                texts[key] = text.strip()
                # Leading/trailing white space of the XML is text (tags start with "<"),
                # so stripping it matches the stripped text.
                markup[key] = xml.strip() if xml is not None else None
        if self.tr not in texts or self.en not in texts:
            self.skipped += 1
            return
        props, attrs = tu.props, tu.attrs
        score: float | None
        try:
            score = float(props.get("x-score", ""))
        except ValueError:
            score = None
        if score is not None and not 0.0 <= score <= 1.0:
            score = None
        status = props.get("x-status", "").strip()
        changed = attrs.get("changedate", "")
        created = attrs.get("creationdate", "")
        self.ready.append(
            TmxUnit(
                tr=texts[self.tr],
                en=texts[self.en],
                line=tu.line,
                document=(props.get("x-document") or "").strip() or None,
                score=score,
                status=status if status in STATUSES else None,
                notes=tuple(n for n in tu.notes if n),
                changed_by=attrs.get("changeid") or None,
                changed_at=changed if _DATE.fullmatch(changed) else None,
                created_by=attrs.get("creationid") or None,
                created_at=created if _DATE.fullmatch(created) else None,
                tr_markup=markup[self.tr],
                en_markup=markup[self.en],
            )
        )


class _NotTmx(XmlRefused):
    """A well-formed XML file that is not TMX."""


def read_tmx(
    path: str | PathLike[str],
    *,
    tr_lang: str = "tr",
    en_lang: str = "en",
    progress: Callable[[int], None] | None = None,
    stats: TmxStats | None = None,
) -> Iterator[TmxUnit]:
    """The units of a TMX file that have both languages, streamed in file order.

    ``progress`` gets the number of bytes read after each chunk; ``stats``,
    if given, is filled in when the file is done.
    Raises FormatError (with line and column) for malformed or unsafe XML.
    """
    name = fspath(path)
    reader = _Reader(tr_lang, en_lang)
    try:
        f = open(name, "rb")  # noqa: SIM115 - closed in the finally below, after streaming
    except FileNotFoundError:
        raise FormatError("no such TMX file", path=name) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", path=name) from None
    size = _CHUNK
    try:
        while True:
            try:
                chunk = f.read(size)
            except OSError as exc:
                raise FormatError(f"cannot read: {exc.strerror or exc}", path=name) from None
            seen = reader.events
            try:
                reader.parser.Parse(chunk, not chunk)
            except _NotTmx as exc:
                raise FormatError(exc.what, path=name, line=exc.line,
                                  column=exc.column) from None
            except XmlRefused as exc:
                raise FormatError(
                    f"{exc.what} is not allowed in a TMX file hizala reads (DTD entities "
                    "could expand to gigabytes or read other files); remove it",
                    path=name, line=exc.line, column=exc.column,
                ) from None
            except expat.ExpatError as exc:
                what = expat.ErrorString(exc.code)
                if reader.root is None:
                    raise FormatError(
                        f"not a TMX file: {what} (expected XML starting with <tmx>)",
                        path=name, line=exc.lineno, column=exc.offset + 1,
                    ) from None
                raise FormatError(
                    f"malformed XML: {what}; fix the file (a '<' or '&' in text must be "
                    "written &lt; or &amp;)",
                    path=name, line=exc.lineno, column=exc.offset + 1,
                ) from None
            while reader.ready:
                yield reader.ready.popleft()
            if progress is not None and chunk:
                progress(len(chunk))
            if not chunk:
                break
            # Inside one token (a huge comment, say) expat rescans it at every chunk:
            # doubling the chunk keeps that linear; back to small chunks after it.
            size = _CHUNK if reader.events != seen else min(2 * size, _MAX_CHUNK)
    finally:
        f.close()
    if stats is not None:
        stats.skipped = reader.skipped
        stats.languages = tuple(reader.languages)


def _finding(note: str) -> NewFinding:
    m = _NOTE.fullmatch(note)
    if m is None:
        return NewFinding(kind="note", message=note, severity="info")
    return NewFinding(kind=m["kind"], message=m["message"], severity=m["severity"])


class _DocBuilder:
    """Accumulates one document's rows while units stream in."""

    def __init__(self, doc_id: int) -> None:
        self.doc_id = doc_id
        self.count = 0
        self.texts: dict[str, list[str]] = {"tr": [], "en": []}
        self.offsets = {"tr": 0, "en": 0}

    def add(self, side: str, text: str) -> tuple[int, int]:
        start = self.offsets[side]
        self.texts[side].append(text)
        self.offsets[side] = start + len(text) + 1
        return start, start + len(text)


def import_tmx(
    project: Project,
    path: str | PathLike[str],
    *,
    tr_lang: str = "tr",
    en_lang: str = "en",
    progress: Callable[[int], None] | None = None,
) -> TmxImportReport:
    """Add the units of a TMX file to ``project`` as 1:1 beads, one transaction.

    Units are grouped into documents by their ``x-document`` property (or
    all in one document named after the file). Each document's "files" are
    its segments one per line. Raises FormatError for a bad file and
    StoreError if no unit has both languages or the file was imported before.
    """
    name = fspath(path)
    digest = _sha256(name)
    default_name = document_name(name)
    builders: dict[str, _DocBuilder] = {}
    stats = TmxStats()
    sig = import_signature("tmx")
    with project.file.write() as conn:
        if conn.execute("SELECT 1 FROM files WHERE sha256 = ? LIMIT 1", (digest,)).fetchone():
            raise StoreError(f"{name} was already imported into this project", path=project.path)
        bead = next_id(conn, "beads")
        for unit in read_tmx(name, tr_lang=tr_lang, en_lang=en_lang, progress=progress,
                             stats=stats):
            key = unit.document or default_name
            doc = builders.get(key)
            if doc is None:
                doc_id = insert_document(conn, key, sig, project.clock())
                doc = builders[key] = _DocBuilder(doc_id)
            bead_id, bead = bead, bead + 1
            doc.count += 1
            conn.execute(
                "INSERT INTO beads (id, document_id, pos, score, status, changed_by, changed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (bead_id, doc.doc_id, GAP * doc.count, unit.score, unit.status or "auto",
                 unit.changed_by, unit.changed_at),
            )
            for side, text, markup in (("tr", unit.tr, unit.tr_markup),
                                       ("en", unit.en, unit.en_markup)):
                start, end = doc.add(side, text)
                cur = conn.execute(
                    "INSERT INTO segments (bead_id, side, ord, text, char_start, char_end, "
                    "paragraph) VALUES (?, ?, 0, ?, ?, ?, 0)",
                    (bead_id, side, text, start, end),
                )
                if markup is not None:
                    conn.execute(
                        "INSERT INTO tmx_markup (segment_id, plain, xml) VALUES (?, ?, ?)",
                        (cur.lastrowid, text, markup),
                    )
            if unit.created_at or unit.created_by:
                conn.execute(
                    "INSERT INTO tmx_units (bead_id, created_at, created_by) VALUES (?, ?, ?)",
                    (bead_id, unit.created_at, unit.created_by),
                )
            for note in unit.notes:
                insert_finding(inserter(conn), bead_id, _finding(note))
        if not builders:
            langs = ", ".join(stats.languages) or "none"
            raise StoreError(
                f"{name} has no translation unit with both a {tr_lang!r} and an {en_lang!r} "
                f"variant (languages found: {langs}); choose the languages with "
                "--tr-lang/--en-lang",
                path=project.path,
            )
        for doc in builders.values():
            for side, lang in (("tr", tr_lang), ("en", en_lang)):
                conn.execute(
                    "INSERT INTO files (document_id, side, path, sha256, lang, encoding, text) "
                    "VALUES (?, ?, ?, ?, ?, 'utf-8', ?)",
                    (doc.doc_id, side, os.path.abspath(name), digest, _primary(lang),
                     "\n".join(doc.texts[side])),
                )
        names = [
            r[0]
            for r in conn.execute(
                f"SELECT name FROM documents WHERE id IN ({','.join('?' * len(builders))}) "
                "ORDER BY id",
                [d.doc_id for d in builders.values()],
            )
        ]
    return TmxImportReport(
        units=sum(d.count for d in builders.values()),
        skipped=stats.skipped,
        documents=tuple(names),
        languages=stats.languages,
    )


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(_CHUNK), b""):
                h.update(block)
    except FileNotFoundError:
        raise FormatError("no such TMX file", path=path) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return h.hexdigest()

