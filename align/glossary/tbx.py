"""TBX v3 Basic (ISO 30042:2019, TBX-Basic dialect) import and export.

One ``<conceptEntry>`` per term: a Turkish ``<langSec>`` with the lemma (and
variants) and an English one with the renderings. ``administrativeStatus``
says which rendering is preferred (the first), admitted (the others) or
forbidden (``deprecatedTerm-admn-sts``); ``partOfSpeech`` carries ``pos``;
``<note>`` the note and ``subjectField`` the tags. What TBX-Basic has no category for is
written as private (``x-``) categories and read back: ``case_sensitive`` as a
``termNote`` ``x-caseSensitive`` on the Turkish term, ``exceptions``, ``other_senses``
and ``consistent`` as ``descrip`` ``x-exception``, ``x-otherSense`` and ``x-consistent``.

Import reads the XML with expat and refuses a DOCTYPE, entity declarations
and external entities (no XXE, no "billion laughs"), naming file:line:column.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..errors import GlossaryError
from ..safe_xml import XmlNode, parse_xml
from .model import Glossary, Term

__all__ = ["read_tbx", "write_tbx"]

_POS_TO_TBX = {"noun": "noun", "verb": "verb", "propn": "properNoun", "adj": "adjective"}
_TBX_TO_POS = {v: k for k, v in _POS_TO_TBX.items()}
_FORBIDDEN = {"deprecatedTerm-admn-sts", "supersededTerm-admn-sts"}
_NS = "urn:iso:std:iso:30042:ed-2"


def write_tbx(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic v3 document (UTF-8 text, LF line ends)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/'
        'DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>',
        f'<tbx style="dca" type="TBX-Basic" xml:lang="{glossary.target}" xmlns="{_NS}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        "      <sourceDesc>",
        "        <p>hizala glossary</p>",
        "      </sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for n, t in enumerate(glossary.terms, start=1):
        pos = _POS_TO_TBX.get(t.pos, "other")
        out.append(f'      <conceptEntry id="c{n}">')
        if t.tags:
            out.append(
                f'        <descrip type="subjectField">{escape(", ".join(t.tags))}</descrip>'
            )
        if t.note:
            out.append(f"        <note>{escape(t.note)}</note>")
        for kind, values in (("x-exception", t.exceptions), ("x-otherSense", t.other_senses)):
            out += [f'        <descrip type="{kind}">{escape(v)}</descrip>' for v in values]
        if t.consistent:
            out.append('        <descrip type="x-consistent">yes</descrip>')
        out.append(f'        <langSec xml:lang="{glossary.source}">')
        for k, lemma in enumerate((t.tr, *t.variants)):
            status = "preferredTerm-admn-sts" if k == 0 else "admittedTerm-admn-sts"
            out += _term_sec(lemma, pos, status, t.case_sensitive)
        out.append("        </langSec>")
        out.append(f'        <langSec xml:lang="{glossary.target}">')
        for k, en in enumerate(t.en):
            out += _term_sec(
                en, pos, "preferredTerm-admn-sts" if k == 0 else "admittedTerm-admn-sts"
            )
        for en in t.forbidden:
            out += _term_sec(en, pos, "deprecatedTerm-admn-sts")
        out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def _term_sec(text: str, pos: str, status: str, case_sensitive: bool = False) -> list[str]:
    case = ['            <termNote type="x-caseSensitive">yes</termNote>'] if case_sensitive else []
    return [
        "          <termSec>",
        f"            <term>{escape(text)}</term>",
        f'            <termNote type="partOfSpeech">{pos}</termNote>',
        f'            <termNote type="administrativeStatus">{status}</termNote>',
        *case,
        "          </termSec>",
    ]


def _parse(data: bytes, path: str) -> XmlNode:
    return parse_xml(data, path, GlossaryError, "a TBX file")


def _find(node: XmlNode, tag: str) -> list[XmlNode]:
    """The descendants with this tag, in document order (not looking inside them)."""
    out = []
    todo = list(reversed(node.children))  # a stack, not recursion: any depth is fine
    while todo:
        c = todo.pop()
        if c.tag == tag:
            out.append(c)
        else:
            todo.extend(reversed(c.children))
    return out


def read_tbx(data: bytes, path: str = "glossary.tbx") -> Glossary:
    """Terms from a TBX (v3 Basic, or v2 ``martif`` with ``termEntry``) document."""
    if not data.strip():
        raise GlossaryError("is empty; give a TBX file", path=path)
    root = _parse(data, path)
    if root.tag not in ("tbx", "martif"):
        raise GlossaryError(
            f"the root element is <{root.tag}>, not <tbx>; is this a TBX file?",
            path=path,
            line=root.line,
            column=root.column,
        )
    entries = _find(root, "conceptEntry") + _find(root, "termEntry")
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for entry in entries:
        term = _entry(entry, path)
        if term is None:
            continue
        if term.key in seen:
            raise GlossaryError(
                f"{term.tr!r} is already defined at line {seen[term.key]}; merge the two entries",
                path=path,
                line=entry.line,
                column=entry.column,
            )
        seen[term.key] = entry.line
        terms.append(term)
    if not terms:
        raise GlossaryError(
            "holds no entry with a Turkish (tr) and an English (en) term",
            path=path,
            line=root.line,
            column=root.column,
        )
    return Glossary(tuple(terms), path=path)


def _entry(entry: XmlNode, path: str) -> Term | None:
    tr: list[str] = []
    en: list[str] = []
    forbidden: list[str] = []
    pos = "noun"
    case_sensitive = False
    for lang_sec in _find(entry, "langSec") + _find(entry, "langSet"):
        lang = lang_sec.attrs.get("lang", "").lower().split("-")[0]
        for sec in _find(lang_sec, "termSec") + _find(lang_sec, "tig") + _find(lang_sec, "ntig"):
            words = [t.content() for t in _find(sec, "term")]
            if not words or not words[0]:
                continue
            notes = {n.attrs.get("type", ""): n.content() for n in _find(sec, "termNote")}
            status = notes.get("administrativeStatus", "")
            if notes.get("partOfSpeech") in _TBX_TO_POS and lang == "tr":
                pos = _TBX_TO_POS[notes["partOfSpeech"]]
            if lang == "tr":
                tr.append(words[0])
                case_sensitive |= notes.get("x-caseSensitive", "").lower() in ("yes", "true")
            elif lang == "en":
                (forbidden if status in _FORBIDDEN else en).append(words[0])
    if not tr and not en:
        return None
    if not tr or not en:
        missing = "Turkish (tr)" if not tr else "English (en)"
        raise GlossaryError(
            f"the entry has no {missing} term", path=path, line=entry.line, column=entry.column
        )
    note_texts = [n.content() for n in entry.findall("note")]
    subject = [d.content() for d in entry.findall("descrip") if d.attrs.get("type") == "subjectField"]
    tags = tuple(t.strip() for s in subject for t in s.split(",") if t.strip())
    descrips: dict[str, list[str]] = {}
    for d in entry.findall("descrip"):
        descrips.setdefault(d.attrs.get("type", ""), []).append(d.content())
    return Term(
        tr=tr[0],
        en=tuple(en),
        pos=pos,
        forbidden=tuple(forbidden),
        note=" ".join(n for n in note_texts if n),
        tags=tags,
        variants=tuple(tr[1:]),
        case_sensitive=case_sensitive,
        exceptions=tuple(descrips.get("x-exception", ())),
        other_senses=tuple(descrips.get("x-otherSense", ())),
        consistent=any(v.lower() in ("yes", "true") for v in descrips.get("x-consistent", ())),
        line=entry.line,
    )
