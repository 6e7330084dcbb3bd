"""The characters a regular expression's matches can end with (for a fast SRX scan).

An SRX break rule is found by scanning every position of the text with a zero-width
``(?<=before)(?=after)``: the ``regex`` module then tries the look-behind at every
character, a cost paid once per rule. When every match of ``before`` ends with a
character of a known class C (``:`` for ``…söyledi\\s*:``, ``[.?!…]`` or a closing
quote for a sentence end), the same positions are the ends of the matches of
``C(?<=before)(?=after)``, which the module finds with its fast scan for the first
character. :func:`last_chars` works C out for the patterns of
:mod:`align.java_regex` (``regex`` V1 syntax); for anything it does not understand
(inline flags, back-references, conditionals, a pattern that can match the empty
string) it answers None and the caller keeps the plain scan.
"""

from __future__ import annotations

import regex

__all__ = ["char_class", "covers", "last_chars"]


class _Unknown(Exception):
    """The pattern uses syntax whose last character is not worked out."""


# An item of a sequence: ("char", class-member text) | ("group", alternatives) | ("zero",)
_Item = tuple[object, ...]
_Seq = list[tuple[_Item, int]]  # (item, minimum repetitions)

_ZERO_ESCAPES = frozenset("bBAZzG")
_CHAR_ESCAPES = frozenset("dDsSwWtnrfvae")


def last_chars(pattern: str) -> frozenset[str] | None:
    """Regex atoms (``:``, ``\\p{Lu}``, ``[.?!]``…), one of which matches the character
    every match of ``pattern`` ends with, or None when that is unknown (or any
    character, or the match can be empty). :func:`char_class` makes them a class."""
    if not pattern:
        return None
    try:
        parser = _Parser(pattern)
        alts = parser.alternatives()
        if parser.i != len(pattern):
            raise _Unknown
        members, nullable = _tail_of_alts(alts)
    except _Unknown:
        return None
    if nullable or not members:
        return None
    return frozenset(members)


def char_class(atoms: frozenset[str]) -> str:
    """One character class matching what any of ``atoms`` matches."""
    return "[" + "".join(sorted({_flat(m) for m in atoms})) + "]"


def covers(host: frozenset[str], atoms: frozenset[str], flags: int) -> bool:
    """Whether every character ``atoms`` match is matched by ``host`` too (False when
    that is not sure: ``atoms`` must be literal characters or classes of them)."""
    if atoms <= host:
        return True
    chars = _enumerate(atoms)
    if chars is None:
        return False
    cls = regex.compile(char_class(host), flags)
    return all(cls.fullmatch(c) for c in chars)


def _enumerate(atoms: frozenset[str]) -> set[str] | None:
    """The characters of literal atoms and of classes of literals and ranges (at most a
    few hundred), or None."""
    out: set[str] = set()
    for atom in atoms:
        body = atom[1:-1] if atom.startswith("[") else atom
        if atom.startswith("[") and (body.startswith("^") or "[" in body):
            return None
        i = 0
        while i < len(body):
            c = body[i]
            if c == "\\":
                if i + 1 >= len(body) or body[i + 1].isalnum():
                    return None  # \p{…}, \s, \d, \x…: not a plain character
                c = body[i + 1]
                i += 1
            if i + 2 < len(body) and body[i + 1] == "-" and body[i + 2] != "\\":
                lo, hi = ord(c), ord(body[i + 2])
                if hi < lo or hi - lo > 256:
                    return None
                out.update(map(chr, range(lo, hi + 1)))
                i += 3
                continue
            out.add(c)
            i += 1
    return out if len(out) <= 512 else None


def _flat(member: str) -> str:
    """A plain class's contents without its brackets (the module scans a flat class
    faster than a union of nested ones)."""
    inner = member[1:-1]
    if (member.startswith("[") and inner and inner[0] not in "^&~|-" and inner[-1] not in "&~|-"
            and "[" not in inner and not any(op in inner for op in ("--", "&&", "||", "~~"))):
        return inner
    return member


def _tail_of_alts(alts: list[_Seq]) -> tuple[list[str], bool]:
    members: list[str] = []
    nullable = False
    for seq in alts:
        m, n = _tail_of_seq(seq)
        members += m
        nullable = nullable or n
    return members, nullable


def _tail_of_seq(seq: _Seq) -> tuple[list[str], bool]:
    """Members of the last character's class, and whether the sequence can be empty."""
    members: list[str] = []
    for item, minimum in reversed(seq):
        kind = item[0]
        if kind == "zero":
            continue
        if kind == "char":
            members.append(str(item[1]))
            if minimum > 0:
                return members, False
            continue
        alts = item[1]
        assert isinstance(alts, list)
        m, n = _tail_of_alts(alts)
        members += m
        if minimum > 0 and not n:
            return members, False
    return members, True


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternatives(self) -> list[_Seq]:
        alts = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            alts.append(self.sequence())
        return alts

    def sequence(self) -> _Seq:
        seq: _Seq = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            item = self.atom()
            seq.append((item, self.quantifier()))
        return seq

    def atom(self) -> _Item:
        p, c = self.p, self.p[self.i]
        if c == "\\":
            return self.escape()
        if c == "[":
            start = self.i
            self.skip_class()
            return ("char", p[start:self.i])
        if c == "(":
            return self.group()
        self.i += 1
        if c in "^$":
            return ("zero",)
        if c == ".":
            return ("char", "[^\\n]")
        if c in "*+?{":
            raise _Unknown  # a quantifier with nothing to repeat, or a literal brace
        # escaped when it could read as class syntax next to another member (-, &&, ~~…)
        return ("char", "\\" + c if c.isascii() and not c.isalnum() else c)

    def escape(self) -> _Item:
        p = self.p
        if self.i + 1 >= len(p):
            raise _Unknown
        c = p[self.i + 1]
        if c in _ZERO_ESCAPES:
            self.i += 2
            return ("zero",)
        if c in "pPNx" and p.startswith("{", self.i + 2):  # \p{Lu}, \N{…}, \x{41}
            end = p.find("}", self.i)
            if end < 0:
                raise _Unknown
            text = p[self.i:end + 1]
            self.i = end + 1
            return ("char", text)
        if c == "x":
            return self.fixed(4)
        if c == "u":
            return self.fixed(6)
        if c == "U":
            return self.fixed(10)
        if c == "0":
            j = self.i + 2
            while j < len(p) and j < self.i + 4 and p[j] in "01234567":
                j += 1
            text = p[self.i:j]
            self.i = j
            return ("char", text)
        if c in _CHAR_ESCAPES or not c.isalnum():
            self.i += 2
            return ("char", "\\" + c)
        raise _Unknown  # back-references, \g<…>, \K, \X and other specials

    def fixed(self, length: int) -> _Item:
        text = self.p[self.i:self.i + length]
        if len(text) != length:
            raise _Unknown
        self.i += length
        return ("char", text)

    def skip_class(self) -> None:
        p = self.p
        i = self.i + 1
        if i < len(p) and p[i] == "^":
            i += 1
        if i < len(p) and p[i] == "]":
            raise _Unknown  # a literal "]" first: read differently by different engines
        depth = 1
        while i < len(p):
            c = p[i]
            if c == "\\":
                i += 2
                continue
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    self.i = i + 1
                    return
            i += 1
        raise _Unknown

    def group(self) -> _Item:
        p = self.p
        self.i += 1
        zero = False
        if p.startswith("?", self.i):
            rest = p[self.i + 1:]
            if rest.startswith((":", ">", "|")):
                self.i += 2
            elif rest.startswith(("=", "!")):
                self.i += 2
                zero = True
            elif rest.startswith(("<=", "<!")):
                self.i += 3
                zero = True
            elif rest.startswith(("P<", "<")) and not rest.startswith(("<=", "<!")):
                end = p.find(">", self.i)
                if end < 0:
                    raise _Unknown
                self.i = end + 1
            else:
                raise _Unknown  # inline flags, conditionals, comments, recursion
        alts = self.alternatives()
        if self.i >= len(p) or p[self.i] != ")":
            raise _Unknown
        self.i += 1
        return ("zero",) if zero else ("group", alts)

    def quantifier(self) -> int:
        """The minimum repetitions of the quantifier here (1 when there is none)."""
        p = self.p
        if self.i >= len(p):
            return 1
        c = p[self.i]
        if c in "*?+":
            self.i += 1
            minimum = 1 if c == "+" else 0
        elif c == "{":
            end = p.find("}", self.i)
            body = p[self.i + 1:end] if end > 0 else ""
            lo, _, hi = body.partition(",")
            if not body or not (lo.isdigit() or lo == "") or not (hi.isdigit() or hi == ""):
                raise _Unknown
            self.i = end + 1
            minimum = int(lo) if lo else 0
        else:
            return 1
        if self.i < len(p) and p[self.i] in "?+":
            self.i += 1  # lazy or possessive: the same characters
        if self.i < len(p) and p[self.i] in "*+?{":
            raise _Unknown
        return minimum
