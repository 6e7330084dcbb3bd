"""SRX 2.0 (and 1.0) segmentation rules: a safe parser and a fast break engine.

An SRX file (the LISA standard OmegaT, Okapi and LanguageTool use) lists, per
language, ordered rules ``<rule break="yes|no">`` with a ``<beforebreak>`` and an
``<afterbreak>`` regular expression. A position in the text is a break when the
*first* rule whose ``beforebreak`` matches text ending there and whose
``afterbreak`` matches text starting there is a break rule. ``<maprules>`` maps
language codes (``languagepattern``, matched in full and case-insensitively) to
rule sets; with ``cascade="yes"`` every matching set is used, in map order.

Rules are written in Java regex syntax. They are translated for the PyPI
``regex`` module (version 1 semantics: scoped inline flags, nested classes and
``&&`` as in Java, variable-length look-behind). Java-only syntax is rewritten:
POSIX ``\\p{Punct}`` & co. (ASCII, as in Java), ``\\p{IsAlphabetic}``,
``\\p{InGreek}``, ``\\p{javaLowerCase}``, ``\\Q…\\E``, ``\\h``, ``\\v``, ``\\R``,
``\\z``/``\\Z``, ``\\e``, ``\\cX``, ``\\0ooo``, ``\\x{…}``; possessive quantifiers
and atomic groups are native, but made ordinary inside ``<beforebreak>`` (a
look-behind is matched right to left). ``\\w`` and ``\\b`` are Unicode-aware
(Java's are ASCII unless ``(?U)``), which is what Turkish text needs.
Back-references are refused inside ``<beforebreak>`` for the same reason.

The engine scans the text once per break rule with a zero-width
``(?<=before)(?=after)`` pattern (led by the characters ``before`` can end with,
when :func:`~align.regex_tail.last_chars` knows them, so that the scan skips to
those), which gives the candidate positions and the first break rule matching
at each; one combined pattern of the no-break rules
(alternatives in rule order) is then tried at those candidates only. The
first rule in order wins, exactly as the standard says.

The XML is read with expat; a DOCTYPE, entity declarations and external
entities are refused, so a rules file can neither expand to gigabytes nor read
other files. Every problem raises :class:`~align.errors.SegmentationError` with
the file, line and column.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from os import PathLike, fspath
from pathlib import Path

import regex

from .errors import SegmentationError
from .java_regex import translate_java_regex as _translate
from .regex_tail import char_class, covers, last_chars
from .safe_xml import XmlNode, parse_xml

__all__ = ["LanguageMap", "LanguageRules", "SrxEngine", "SrxRule", "SrxRules", "parse_srx"]

_log = logging.getLogger("align")

_FLAGS = regex.V1
_HINT = "SRX rules use Java regular expression syntax"


@dataclass(frozen=True, slots=True)
class SrxRule:
    """One ``<rule>``: break (or not) where ``before`` ends and ``after`` begins."""

    is_break: bool
    """True for ``break="yes"`` (the default), False for an exception."""
    before: str
    """The ``<beforebreak>`` regex as written (Java syntax); empty matches anything."""
    after: str
    """The ``<afterbreak>`` regex as written (Java syntax); empty matches anything."""
    line: int = 0
    """1-based line of the ``<rule>`` element in its file (0 when built in code)."""
    before_py: str = ""
    """``before`` translated for the ``regex`` module (derived when left empty)."""
    after_py: str = ""
    """``after`` translated for the ``regex`` module (derived when left empty)."""

    def __post_init__(self) -> None:
        if self.before and not self.before_py:
            object.__setattr__(self, "before_py", _translate(self.before, "b", lookbehind=True))
        if self.after and not self.after_py:
            object.__setattr__(self, "after_py", _translate(self.after, "a"))


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """A ``<languagerule>``: a named, ordered list of rules."""

    name: str
    """The ``languagerulename``."""
    rules: tuple[SrxRule, ...]
    """The rules in file order."""
    line: int = 0
    """1-based line of the element."""


@dataclass(frozen=True, slots=True)
class LanguageMap:
    """A ``<languagemap>``: language codes matching ``pattern`` use ``rule_name``."""

    pattern: str
    """The ``languagepattern`` regex (Java syntax), matched in full, ignoring case."""
    rule_name: str
    """The ``languagerulename`` it selects."""
    line: int = 0
    """1-based line of the element."""


@dataclass(frozen=True)
class SrxRules:
    """A parsed SRX document: rule sets, the language map and the cascade flag."""

    source: str
    """Where the rules came from (a file path)."""
    version: str
    """The SRX version declared by the file ("2.0" or "1.0")."""
    cascade: bool
    """Whether every matching language map applies (SRX ``cascade="yes"``)."""
    language_rules: tuple[LanguageRules, ...]
    """The ``<languagerule>`` elements in file order."""
    maps: tuple[LanguageMap, ...]
    """The ``<languagemap>`` elements in file order."""
    _engines: dict[str, SrxEngine] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def rule_names_for(self, lang: str) -> tuple[str, ...]:
        """The names of the rule sets that apply to ``lang``, in order.

        With no matching map, the set named "Default" (any case) is used and the
        fallback is logged; with no such set either, none (only blank lines and
        the caller's own line handling will break the text).
        """
        names: list[str] = []
        for m in self.maps:
            if regex.fullmatch(_translate(m.pattern, "lp"), lang, _FLAGS | regex.I):
                if m.rule_name not in names:
                    names.append(m.rule_name)
                if not self.cascade:
                    break
        if names:
            return tuple(names)
        default = next((r.name for r in self.language_rules if r.name.lower() == "default"), None)
        if default is not None:
            _log.warning(
                "%s: no languagemap matches %r; using the %r rules", self.source, lang, default
            )
            return (default,)
        _log.warning(
            "%s: no languagemap matches %r and there are no Default rules; "
            "only paragraph breaks will split the text",
            self.source,
            lang,
        )
        return ()

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """All rules that apply to ``lang``, in the order they are tried."""
        by_name = {r.name: r for r in self.language_rules}
        return tuple(rule for n in self.rule_names_for(lang) for rule in by_name[n].rules)

    def engine(self, lang: str) -> SrxEngine:
        """The compiled engine for ``lang`` (built once per language code)."""
        key = lang.lower()
        eng = self._engines.get(key)
        if eng is None:
            eng = self._engines[key] = SrxEngine(self.rules_for(lang))
        return eng


class SrxEngine:
    """Finds break offsets in a text for one ordered list of rules."""

    def __init__(self, rules: Sequence[SrxRule]) -> None:
        self.rules = tuple(rules)
        brk = [(i, r) for i, r in enumerate(self.rules) if r.is_break]
        nob = [(i, r) for i, r in enumerate(self.rules) if not r.is_break]
        # Break rules are scanned one by one (the regex module scans a single
        # look-behind much faster than an alternation of them), except that rules
        # whose beforebreak ends in the same known characters share one scan led
        # by those characters, which lets the module skip to them (and saves a
        # call per rule on every paragraph); exceptions are combined into one
        # pattern tried only at the candidates.
        self._breaks = _break_scans(brk)
        self._nobreak_re, self._nobreak_rank = _combine(nob)

    def breaks(self, text: str) -> list[int]:
        """Offsets (0 < p < len(text)) where the rules put a break, ascending."""
        end = len(text)
        rank: dict[int, int] = {}
        for pat, ranks in self._breaks:
            for m in pat.finditer(text):
                i = ranks[m.lastgroup or ""]
                p = m.end()
                if rank.get(p, i) >= i:
                    rank[p] = i
        exc = self._nobreak_re
        out: list[int] = []
        for p in sorted(rank):
            if p in (0, end):
                continue
            if exc is not None:
                e = exc.match(text, p)
                if e is not None and self._nobreak_rank[e.lastindex or 0] < rank[p]:
                    continue
            out.append(p)
        return out


def _combine(
    rules: list[tuple[int, SrxRule]],
) -> tuple[regex.Pattern[str] | None, dict[int, int]]:
    """One pattern trying every rule in order; group index of its marker -> rule index."""
    if not rules:
        return None, {}
    alts = [f"{_zero_width(r)}(?P<_r{i}>)" for i, r in rules]
    pat = regex.compile("|".join(alts), _FLAGS)
    return pat, {pat.groupindex[f"_r{i}"]: i for i, _ in rules}


def _zero_width(rule: SrxRule) -> str:
    return f"(?<={rule.before_py})(?={rule.after_py})"


def _break_scans(
    rules: list[tuple[int, SrxRule]],
) -> list[tuple[regex.Pattern[str], dict[str, int]]]:
    """The scans that find the break rules' matches: (pattern, its group name -> rule
    index). A match ends at the break; its ``lastgroup`` names the first rule (in
    order) of the scan that matches there ("" for the scan of a rule on its own)."""
    scans: list[tuple[regex.Pattern[str], dict[str, int]]] = []
    tails: dict[frozenset[str], list[tuple[int, SrxRule]]] = {}
    for i, r in rules:
        last = last_chars(r.before_py)
        if last is None:
            scans.append((regex.compile(_zero_width(r), _FLAGS), {"": i}))
        else:
            tails.setdefault(last, []).append((i, r))
    # a rule whose last characters are among another's joins that rule's scan
    groups: dict[frozenset[str], list[tuple[int, SrxRule, frozenset[str]]]] = {}
    for last, rs in tails.items():
        host = max((t for t in tails if covers(t, last, _FLAGS)), key=len)
        groups.setdefault(host, []).extend((i, r, last) for i, r in rs)
    for host, group in groups.items():
        group.sort(key=lambda g: g[0])
        # the after part first: it fails at once at most of those characters
        alts = [
            ("" if last == host else f"(?<={char_class(last)})")
            + f"(?={r.after_py})(?<={r.before_py})(?P<_b{i}>)"
            for i, r, last in group
        ]
        pat = regex.compile(f"{char_class(host)}(?:{'|'.join(alts)})", _FLAGS)
        scans.append((pat, {f"_b{i}": i for i, _, _ in group}))
    return scans


# --------------------------------------------------------------------------- parsing


_Fail = Callable[[str, XmlNode], SegmentationError]


def parse_srx(data: bytes, source: str | PathLike[str]) -> SrxRules:
    """Parse SRX bytes; ``source`` names the file in error messages."""
    src = fspath(source)
    root = _parse_xml(data, src)

    def fail(msg: str, node: XmlNode) -> SegmentationError:
        return SegmentationError(msg, path=src, line=node.line, column=node.column)

    if root.tag != "srx":
        raise fail(f"not an SRX file: the root element is <{root.tag}>, expected <srx>", root)
    version = root.attrs.get("version", "2.0").strip()
    if version not in ("1.0", "2.0"):
        _log.warning("%s: SRX version %r; reading it as SRX 2.0", src, version)
    header = root.find("header")
    cascade = version != "1.0" and header is not None and _yes(header, "cascade", False, fail)
    body = root.find("body")
    if body is None:
        raise fail(
            "the SRX file has no <body>; put <languagerules> and <maprules> inside <body>…</body>",
            root,
        )
    lrules: list[LanguageRules] = []
    for lr_node in _children(body, "languagerules", "languagerule"):
        name = _required(lr_node, "languagerulename", fail)
        if any(lr.name == name for lr in lrules):
            raise fail(f"languagerule {name!r} is defined twice; rename or merge one", lr_node)
        rules = tuple(_rule(n, len(lrules), k, fail) for k, n in enumerate(lr_node.findall("rule")))
        lrules.append(LanguageRules(name=name, rules=rules, line=lr_node.line))
    maps_parent = body.find("maprules")
    map_nodes: list[XmlNode] = []
    if maps_parent is not None:
        first_maprule = maps_parent.find("maprule")  # SRX 1.0 wraps maps in <maprule>
        map_nodes = (maps_parent if first_maprule is None else first_maprule).findall("languagemap")
    known = {lr.name for lr in lrules}
    maps: list[LanguageMap] = []
    for mn in map_nodes:
        pattern = _required(mn, "languagepattern", fail)
        name = _required(mn, "languagerulename", fail)
        if name not in known:
            raise fail(
                f"languagemap refers to languagerule {name!r}, which is not defined; "
                f'define <languagerule languagerulename="{name}"> or fix the name',
                mn,
            )
        _check(pattern, "lp", "languagepattern", mn, fail=fail)
        maps.append(LanguageMap(pattern=pattern, rule_name=name, line=mn.line))
    return SrxRules(
        source=src, version=version, cascade=cascade, language_rules=tuple(lrules), maps=tuple(maps)
    )


def parse_srx_file(path: str | PathLike[str]) -> SrxRules:
    """Read and parse an SRX file."""
    name = fspath(path)
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise SegmentationError("no such SRX file", path=name) from None
    except OSError as exc:
        raise SegmentationError(
            f"cannot read the SRX file: {exc.strerror or exc}", path=name
        ) from None
    return parse_srx(data, name)


def _parse_xml(data: bytes, src: str) -> XmlNode:
    return parse_xml(
        data, src, SegmentationError, "an SRX file",
        hint="fix the XML (a '<' or '&' in a regex must be written &lt; or &amp;)",
    )


def _children(parent: XmlNode, group: str, tag: str) -> list[XmlNode]:
    holder = parent.find(group)
    return holder.findall(tag) if holder is not None else []


def _required(node: XmlNode, attr: str, fail: _Fail) -> str:
    value = node.attrs.get(attr)
    if value is None or not value.strip():
        raise fail(f'<{node.tag}> needs a {attr}="…" attribute', node)
    return value.strip()


def _yes(node: XmlNode, attr: str, default: bool, fail: _Fail) -> bool:
    value = node.attrs.get(attr)
    if value is None:
        return default
    if value.strip().lower() not in ("yes", "no"):
        raise fail(f'{attr}="{value}" must be "yes" or "no"', node)
    return value.strip().lower() == "yes"


def _rule(node: XmlNode, set_no: int, rule_no: int, fail: _Fail) -> SrxRule:
    is_break = _yes(node, "break", True, fail)
    parts: list[str] = []
    translated: list[str] = []
    for part in ("beforebreak", "afterbreak"):
        child = node.find(part)
        java = "".join(child.text) if child is not None else ""
        where = child if child is not None else node
        uid = f"s{set_no}r{rule_no}{part[0]}"
        py = _check(java, uid, f"<{part}>", where, fail=fail, lookbehind=part == "beforebreak")
        parts.append(java)
        translated.append(py)
    return SrxRule(
        is_break=is_break,
        before=parts[0],
        after=parts[1],
        line=node.line,
        before_py=translated[0],
        after_py=translated[1],
    )


def _check(
    java: str, uid: str, what: str, node: XmlNode, *, fail: _Fail, lookbehind: bool = False
) -> str:
    try:
        py = _translate(java, uid, lookbehind=lookbehind)
        regex.compile(py, _FLAGS)
    except (ValueError, regex.error) as exc:
        msg = str(getattr(exc, "msg", exc))
        raise fail(
            f"invalid regular expression in {what} '{java}': {msg}; fix the pattern ({_HINT})", node
        ) from None
    return py
