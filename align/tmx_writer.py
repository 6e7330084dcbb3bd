"""The pieces of a TMX 1.4b file, as text: header, translation units, the closing tags.

One writer for every TMX hizala makes: a review project's export
(:mod:`align.store.tmx_export`) and the corpus TMX of ``hizala batch --tmx``
(:mod:`align.archive.corpus_tmx`), which streams units to disk as documents
are aligned. The file is UTF-8 XML 1.0 without a DOCTYPE (some tools try to
fetch a declared DTD), valid against the TMX 1.4 DTD; the header names hizala
as ``creationtool`` and ``o-tmf``, ``segtype="sentence"``, ``adminlang="en"``,
``datatype="plaintext"`` and ``srclang`` equal to the Turkish ``xml:lang``.

Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone
surrogates, U+FFFE/U+FFFF) cannot be written at all: :func:`clean_xml_text`
removes them and says how many, for the caller to report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import __version__
from .errors import HizalaError

__all__ = [
    "TMX_FOOTER",
    "check_lang_tag",
    "clean_xml_text",
    "one_line",
    "tmx_header",
    "tmx_unit",
    "xml_attr",
    "xml_text",
]

TMX_FOOTER = "  </body>\n</tmx>\n"
"""What closes the file after the last unit."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[^\S\r\n]*[\r\n]+\s*")
_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def clean_xml_text(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 forbids, and how many were removed."""
    cleaned, n = _FORBIDDEN.subn("", text)
    return cleaned, n


def one_line(text: str) -> str:
    """Line breaks inside a segment (hard-wrapped text) and the space around them as one space."""
    return _BREAKS.sub(" ", text)


def xml_text(text: str) -> str:
    """``text`` escaped for element content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    """``text`` escaped for a double-quoted attribute value (white space kept as it is)."""
    return (
        xml_text(text)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def check_lang_tag(tag: str, what: str, error: type[HizalaError] = HizalaError) -> str:
    """``tag`` if it is a language tag such as ``tr`` or ``tr-TR``; else ``error``."""
    if not _LANG_TAG.fullmatch(tag):
        raise error(f"{what} {tag!r} is not a language tag such as 'tr' or 'tr-TR'")
    return tag


def tmx_header(tr_lang: str, now: str, signatures: Sequence[str] = ()) -> str:
    """From the XML declaration to ``<body>``: ``now`` is the ``creationdate``
    (``YYYYMMDDThhmmssZ``), each signature an ``x-signature`` property."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n',
        f'  <header creationtool="hizala" creationtoolversion="{xml_attr(__version__)}" '
        f'segtype="sentence" o-tmf="hizala" adminlang="en" srclang="{xml_attr(tr_lang)}" '
        f'datatype="plaintext" creationdate="{xml_attr(now)}"',
    ]
    if signatures:
        out.append(">\n")
        out += [f'    <prop type="x-signature">{xml_text(s)}</prop>\n' for s in signatures]
        out.append("  </header>\n")
    else:
        out.append("/>\n")
    out.append("  <body>\n")
    return "".join(out)


def tmx_unit(
    tr: str,
    en: str,
    *,
    tr_lang: str,
    en_lang: str,
    attrs: Sequence[tuple[str, str]] = (),
    props: Sequence[tuple[str, str]] = (),
    notes: Sequence[str] = (),
    tr_xml: str | None = None,
    en_xml: str | None = None,
) -> str:
    """One ``<tu>``: its attributes, ``<prop>`` elements and ``<note>`` elements in the
    order given, then the Turkish and the English ``<tuv>``. Texts are escaped here and
    must already be free of the characters XML forbids (:func:`clean_xml_text`);
    ``tr_xml``/``en_xml``, when given, are a ``<seg>``'s content as XML already (inline
    markup kept from a TMX import) and are written instead of the escaped text."""
    head = "".join(f' {name}="{xml_attr(value)}"' for name, value in attrs)
    out = [f"    <tu{head}>\n"]
    out += [f'      <prop type="{xml_attr(kind)}">{xml_text(value)}</prop>\n' for kind, value in props]
    out += [f"      <note>{xml_text(note)}</note>\n" for note in notes]
    tr_seg = xml_text(tr) if tr_xml is None else tr_xml
    en_seg = xml_text(en) if en_xml is None else en_xml
    out.append(
        f'      <tuv xml:lang="{xml_attr(tr_lang)}">\n        <seg>{tr_seg}</seg>\n'
        f'      </tuv>\n      <tuv xml:lang="{xml_attr(en_lang)}">\n'
        f"        <seg>{en_seg}</seg>\n      </tuv>\n    </tu>\n"
    )
    return "".join(out)
