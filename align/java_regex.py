"""Java regular expressions (as SRX rules are written) translated for the ``regex`` module.

Rules are written in Java regex syntax. They are translated for the PyPI
``regex`` module (version 1 semantics: scoped inline flags, nested classes and
``&&`` as in Java, variable-length look-behind). Java-only syntax is rewritten:
POSIX ``\\p{Punct}`` & co. (ASCII, as in Java), ``\\p{IsAlphabetic}``,
``\\p{InGreek}``, ``\\p{javaLowerCase}``, ``\\Q…\\E``, ``\\h``, ``\\v``, ``\\R``,
``\\z``/``\\Z``, ``\\e``, ``\\cX``, ``\\0ooo``, ``\\x{…}``; possessive quantifiers
and atomic groups are native, but made ordinary inside a look-behind (which is
matched right to left), where back-references are refused.
"""

from __future__ import annotations

import regex

__all__ = ["translate_java_regex"]


_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": r"\x00-\x7F",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": r"!-/:-@\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": r" \t",
    "Cntrl": r"\x00-\x1F\x7F",
    "XDigit": "0-9a-fA-F",
    "Space": r" \t\n\x0B\f\r",
    "javaLowerCase": r"\p{Lowercase}",
    "javaUpperCase": r"\p{Uppercase}",
    "javaWhitespace": r"\s",
    "javaMirrored": r"\p{Bidi_Mirrored}",
    "javaLetter": r"\p{L}",
    "javaDigit": r"\p{Nd}",
    "javaLetterOrDigit": r"\p{L}\p{Nd}",
    "javaTitleCase": r"\p{Lt}",
    "javaAlphabetic": r"\p{Alphabetic}",
    "javaSpaceChar": r"\p{Z}",
}
_SETS = {
    "h": r" \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000",
    "v": r"\n\x0B\f\r\x85\u2028\u2029",
}
_FLAG_GROUP = regex.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")
_KEEP_FLAGS = set("imsx")


def translate_java_regex(java: str, uid: str, *, lookbehind: bool = False) -> str:
    """Rewrite a Java regex for the ``regex`` module (V1); ValueError if impossible."""
    out: list[str | tuple[str, str]] = []
    i, n, depth, groups = 0, len(java), 0, 0
    backrefs = False
    quant = False  # the previous token was a quantifier
    while i < n:
        c, after_quant, quant = java[i], quant, False
        if c == "\\":
            if i + 1 >= n:
                raise ValueError("trailing backslash")
            d = java[i + 1]
            if d == "Q":
                j = java.find("\\E", i + 2)
                out.append(regex.escape(java[i + 2 :] if j < 0 else java[i + 2 : j]))
                i = n if j < 0 else j + 2
            elif d in "pP":
                i = _property(java, i, out)
            elif d in "hHvV":
                out.append(("[^" if d.isupper() else "[") + _SETS[d.lower()] + "]")
                i += 2
            elif d == "R" and depth == 0:
                out.append(r"(?:\r\n|[\n\x0B\f\r\x85\u2028\u2029])")
                i += 2
            elif d in "zZea":
                out.append({"z": r"\Z", "Z": r"(?=\n?\Z)", "e": r"\x1B", "a": r"\x07"}[d])
                i += 2
            elif d == "c" and i + 2 < n:
                out.append(regex.escape(chr(ord(java[i + 2]) ^ 64)))
                i += 3
            elif d == "0":
                m = regex.match(r"[0-3]?[0-7]{1,2}", java[i + 2 : i + 5])
                if m is None:
                    raise ValueError(r"illegal octal escape \0")
                out.append(regex.escape(chr(int(m.group(), 8))))
                i += 2 + len(m.group())
            elif d == "x" and java.startswith("{", i + 2):
                j = java.find("}", i + 3)
                try:
                    out.append(regex.escape(chr(int(java[i + 3 : j], 16))))
                except ValueError:
                    raise ValueError(r"illegal hexadecimal escape \x{…}") from None
                i = j + 1
            elif d.isdigit() and depth == 0:
                j = i + 2
                while j < n and java[j].isdigit() and int(java[i + 1 : j + 1]) <= groups:
                    j += 1
                out.append(("ref", java[i + 1 : j]))
                backrefs = True
                i = j
            elif d == "k" and java.startswith("<", i + 2):
                j = java.find(">", i + 3)
                out.append(("ref", java[i + 3 : j]))
                backrefs = True
                i = j + 1
            else:
                out.append(java[i : i + 2])
                i += 2
        elif c == "[":
            depth += 1
            out.append(c)
            i += 1
        elif c == "]" and depth:
            depth -= 1
            out.append(c)
            i += 1
        elif depth or c != "(":
            if not depth and c in "*+?}":
                # A "+" after a quantifier makes it possessive; a look-behind is
                # matched right to left, where that would change its meaning.
                if not (after_quant and c == "+" and lookbehind):
                    out.append(c)
                quant = not after_quant
            else:
                out.append(c)
            i += 1
        elif java.startswith("(?#", i):
            j = java.find(")", i)
            i = n if j < 0 else j + 1
        elif java.startswith("(?<", i) and java[i + 3 : i + 4] not in ("=", "!"):
            j = java.find(">", i)
            if j < 0:
                raise ValueError("unterminated group name")
            out.append(("group", java[i + 3 : j]))
            i = j + 1
        elif (fm := _FLAG_GROUP.match(java, i)) is not None:
            on = "".join(f for f in fm.group(1) if f in _KEEP_FLAGS)
            off = "".join(f for f in (fm.group(2) or "") if f in _KEEP_FLAGS)
            flags = on + ("-" + off if off else "")
            if flags or fm.group(3) == ":":
                out.append(f"(?{flags}{fm.group(3)}")
            i = fm.end()
        elif lookbehind and java.startswith("(?>", i):
            out.append("(?:")  # atomic groups: see possessive quantifiers above
            i += 3
        elif java.startswith("(?", i):
            out.append("(?")
            i += 2
        else:
            groups += 1
            out.append(("group", str(groups)))
            i += 1
    if backrefs and lookbehind:
        raise ValueError(
            "back-references cannot be used in <beforebreak> (it is matched "
            "backwards); move the repeated part to <afterbreak> or spell it out"
        )
    pieces: list[str] = []
    for tok in out:
        if isinstance(tok, str):
            pieces.append(tok)
        elif tok[0] == "group":
            pieces.append(f"(?P<{uid}_{tok[1]}>" if backrefs else "(?:")
        else:
            pieces.append(f"(?P={uid}_{tok[1]})")
    return "".join(pieces)


def _property(java: str, i: int, out: list[str | tuple[str, str]]) -> int:
    neg = java[i + 1] == "P"
    if java.startswith("{", i + 2):
        j = java.find("}", i + 3)
        if j < 0:
            raise ValueError("unterminated \\p{…}")
        name, nxt = java[i + 3 : j], j + 1
    else:
        name, nxt = java[i + 2 : i + 3], i + 3
    key = name[2:] if name.startswith("Is") and name[2:] in _POSIX else name
    if key in _POSIX:
        out.append(("[^" if neg else "[") + _POSIX[key] + "]")
        return nxt
    if name.startswith("Is"):
        name = name[2:]
    elif name.startswith("In") and name[2:3].isupper():
        name = "Block=" + name[2:]
    out.append(("\\P{" if neg else "\\p{") + name + "}")
    return nxt
