"""Reading XML safely: one hardened expat parser for every XML file hizala reads.

:func:`hardened_parser` is expat with every dangerous construct refused:
entity declarations, external entities and references to undeclared
entities raise :class:`XmlRefused` (with line and column) instead of being
processed, so a file can neither expand to gigabytes (billion laughs) nor
make hizala read other files or the network (XXE). A ``<!DOCTYPE>`` is
refused too, unless the format's files customarily carry one (TMX's
``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, which is never read).

Small files (SRX rules, TBX glossaries) are read into a tree with
:func:`parse_xml`: every node keeps its line and column, so errors point at
the spot, and namespaces are dropped from tag and attribute names
(``{http://www.lisa.org/srx20}rule`` is just ``rule``). Large files (TMX) are
streamed through the same parser (``align.store.tmx_import``).
"""

from __future__ import annotations

from xml.parsers import expat

from .errors import HizalaError

__all__ = ["MAX_DEPTH", "XmlNode", "XmlRefused", "hardened_parser", "parse_xml"]

MAX_DEPTH = 256
"""Deepest element nesting :func:`parse_xml` builds a tree for (SRX and TBX files nest
fewer than 10 deep; 100,000 nested elements would only exhaust memory and stacks)."""


class XmlNode:
    """An element: its tag, attributes, position, children and text."""

    __slots__ = ("attrs", "children", "column", "line", "tag", "text")

    def __init__(self, tag: str, attrs: dict[str, str], line: int, column: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.column = column
        self.children: list[XmlNode] = []
        self.text: list[str] = []

    def find(self, tag: str) -> XmlNode | None:
        """The first child with this tag."""
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[XmlNode]:
        """The children with this tag."""
        return [c for c in self.children if c.tag == tag]

    def content(self) -> str:
        """The element's own text with white space collapsed."""
        return " ".join("".join(self.text).split())


class XmlRefused(Exception):
    """A construct hizala never processes (a DTD, an entity), found at ``line``, ``column``."""

    def __init__(self, what: str, line: int, column: int) -> None:
        super().__init__(what)
        self.what, self.line, self.column = what, line, column


def hardened_parser(*, doctype: bool = False, namespaces: bool = False) -> expat.XMLParserType:
    """An expat parser that raises :class:`XmlRefused` for entity declarations, external
    entities, references to undeclared entities and, unless ``doctype``, a ``<!DOCTYPE>``
    (allowed, it is still never read). ``namespaces``: tag names come as ``uri}name``."""
    parser = expat.ParserCreate(namespace_separator="}" if namespaces else None)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(what: str) -> XmlRefused:
        return XmlRefused(what, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def refuse_doctype(*_: object) -> None:
        raise refuse("a <!DOCTYPE> declaration")

    def refuse_entity(*_: object) -> None:
        raise refuse("an entity declaration")

    def refuse_external(*_: object) -> int:
        raise refuse("an external entity")

    def refuse_skipped(name: str, *_: object) -> None:
        raise refuse(f"a reference to the undeclared entity &{name};")

    if not doctype:
        parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.SkippedEntityHandler = refuse_skipped
    return parser


def parse_xml(
    data: bytes, path: str, error: type[HizalaError], kind: str, hint: str = ""
) -> XmlNode:
    """The root element of ``data``; ``error(...)`` with path, line and column otherwise.

    ``kind`` names the file in messages ("an SRX file"); ``hint`` is added to
    the message for malformed XML (what usually causes it in such files).
    """
    parser = hardened_parser(namespaces=True)
    stack: list[XmlNode] = []
    roots: list[XmlNode] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise XmlRefused(
                f"elements nested more than {MAX_DEPTH} deep", parser.CurrentLineNumber,
                parser.CurrentColumnNumber + 1,
            )
        node = XmlNode(
            tag.rpartition("}")[2],
            {k.rpartition("}")[2]: v for k, v in attrs.items()},
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
        )
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except XmlRefused as exc:
        message = (
            f"{exc.what}: more than {kind} ever needs; is it really one?"
            if exc.what.startswith("elements nested")
            else f"{exc.what} is not allowed in {kind} (DTDs and entities could expand to "
            "huge text or read other files); remove it"
        )
        raise error(message, path=path, line=exc.line, column=exc.column) from None
    except expat.ExpatError as exc:
        raise error(
            f"malformed XML: {expat.ErrorString(exc.code)}" + (f"; {hint}" if hint else ""),
            path=path,
            line=exc.lineno,
            column=exc.offset + 1,
        ) from None
    if not roots:
        raise error("holds no XML element", path=path)
    return roots[0]
