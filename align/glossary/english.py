"""Finding a term's English renderings in a sentence, in any inflection of their part of speech.

A rendering is given in lemma form (``election``, ``detain``, ``prime minister``,
``US``); it matches

* nouns: singular and plural, irregular plurals included (``children``,
  ``policemen``, ``hypotheses``); the head of a multi-word noun is inflected
  (``prime ministers``, ``states of emergency``);
* verbs: base, 3rd singular, past, past participle and ``-ing``, irregular
  verbs included (``won``, ``withheld``, ``overrode``, ``sewn``, ``quitting``);

  the forms come from lemminflect's English lexicon (and its rules for words it
  does not know), not from hand-written tables;
* as a whole word (no letter on either side; hyphens, apostrophes and
  possessives are fine), with a space or a hyphen between the words of a
  multi-word rendering (``human-rights``);
* acronyms case-sensitively, dotted (``U.S.``, also ``U.S`` before a quote) and,
  from four letters, in title case (``Nato``); everything else regardless of case
  (a required ``President`` is in "Turkey's president").

A lower-case rendering inside a fixed name (``nation`` in *United Nations*,
``house`` in *White House*) is not a rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .model import EnMatch, Term

__all__ = ["EnglishMatcher", "inflections"]

# Fixed names in which a common noun is not used in its own sense.
_NAMES = (
    "United Nations",
    "White House",
    "House of Representatives",
    "House of Commons",
    "House of Lords",
    "Premier League",
    "United Kingdom",
    "United States",
)
_UPOS = {"noun": "NOUN", "verb": "VERB"}


@lru_cache(maxsize=8192)
def word_forms(word: str, pos: str) -> frozenset[str]:
    """Every inflection of one English word (lower case) as a noun or a verb, from
    lemminflect's lexicon (irregular forms included: ``withheld``, ``sewn``,
    ``hypotheses``), or its rules for a word it does not know."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    low = word.lower()
    upos = _UPOS[pos]
    found = getAllInflections(low, upos=upos)
    if not found and low == "be":
        found = getAllInflections(low, upos="AUX")
    if not found:
        if pos == "noun" and low.endswith(("man", "woman")) and len(low) > 5:
            return frozenset({low, low[:-3] + "men"})  # congressman, chairwoman
        found = getAllInflectionsOOV(low, upos=upos)
    return frozenset({low, *(f.lower() for forms in found.values() for f in forms)})


def inflections(rendering: str, pos: str) -> set[str]:
    """The inflected forms of ``rendering`` (lemma) for a term of part of speech ``pos``,
    in lower case: a verb's first word, a noun's head (the word before ``of``, else the
    last one) inflected; a proper noun or adjective as written."""
    words = rendering.lower().split()
    if not words:
        return set()
    if _is_acronym(rendering):
        return {rendering}
    if pos == "verb":
        return {" ".join([f, *words[1:]]) for f in word_forms(words[0], "verb")}
    if pos in ("propn", "adj"):
        return {" ".join(words)}
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    return {
        " ".join([*words[:head], f, *words[head + 1 :]]) for f in word_forms(words[head], "noun")
    }


# British and American spellings of the same word (organisation/organization,
# labour/labor, centre/center, defence/defense, analyse/analyze, travelled/traveled).
_SPELLINGS = (
    (re.compile(r"i([sz])(e|es|ed|ing|ation|ations|er|ers)$"), "i{}{}"),
    (re.compile(r"(labo|colo|favo|hono|harbo|neighbo|behavio|humo|rumo|vigo|flavo|endeavo|armo"
                r"|savio|valo)(u?)r(s|ed|ing|ite|ites)?$"), None),
    (re.compile(r"(cent|theat|met|fib|lit|calib|spect)(re|er)(s|d)?$"), None),
    (re.compile(r"(def|off|lic|pret)en([cs])e(s)?$"), None),
    (re.compile(r"(anal|paral|catal)y([sz])(e|es|ed|ing)$"), None),
)


def _spellings(form: str) -> set[str]:
    """``form`` and its other spellings, British or American (every word of it)."""
    out = {form}
    for k, word in enumerate(form.split()):
        alts = {word}
        m = _SPELLINGS[0][0].search(word)
        if m and len(word) - len(m.group()) >= 3 and word not in ("raise", "rise", "wise"):
            other = "s" if m.group(1) == "z" else "z"
            alts.add(word[: m.start()] + f"i{other}{m.group(2)}")
        if m := _SPELLINGS[1][0].search(word):
            stem, u, end = m.group(1), m.group(2), m.group(3) or ""
            alts.add(word[: m.start()] + stem + ("" if u else "u") + "r" + end)
        if m := _SPELLINGS[2][0].search(word):
            swap = "er" if m.group(2) == "re" else "re"
            alts.add(word[: m.start()] + m.group(1) + swap + (m.group(3) or ""))
        if m := _SPELLINGS[3][0].search(word):
            other = "s" if m.group(2) == "c" else "c"
            alts.add(word[: m.start()] + m.group(1) + "en" + other + "e" + (m.group(3) or ""))
        if m := _SPELLINGS[4][0].search(word):
            other = "s" if m.group(2) == "z" else "z"
            alts.add(word[: m.start()] + m.group(1) + "y" + other + m.group(3))
        if len(alts) > 1:
            words = form.split()
            out |= {" ".join([*words[:k], a, *words[k + 1 :]]) for a in alts}
    return out


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_PLAIN = str.maketrans("ıİşŞğĞçÇöÖüÜâÂîÎûÛ", "iIsSgGcCoOuUaAiIuU")
_EN_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:[A-Z]\.)+[A-Z](?![^\W\d_])|[^\W\d_]+")
# Between the words of a multi-word rendering: a space or hyphen, after a plural
# possessive's apostrophe too (Workers' Party).
_SEPARATOR = re.compile(r"['’]?[\s\-‐–]+")


def _key(word: str) -> str:
    """How words are compared: lower case, Turkish letters as their plain ones."""
    return word.translate(_PLAIN).lower()


@dataclass(frozen=True, slots=True)
class _Form:
    words: tuple[str, ...]
    """The keys of the words of one inflected form."""
    rendering: str
    forbidden: bool
    rule: str
    """``acronym`` (case-sensitive) or ``any``."""


@lru_cache(maxsize=16384)
def _forms(
    en: tuple[str, ...], forbidden: tuple[str, ...], pos: str
) -> dict[str, tuple[_Form, ...]]:
    """Every inflected form of a term's renderings, indexed by the key of its first word."""
    index: dict[str, list[_Form]] = {}
    for renderings, is_forbidden in ((en, False), (forbidden, True)):
        for r in renderings:
            if _is_acronym(r):
                rule = "acronym"
                forms = {r.replace(".", "")}
            else:
                rule = "any"
                forms = inflections(r, pos)
            for f in {v for form in forms for v in _spellings(form)}:
                words = tuple(_key(w) for w in f.replace("-", " ").split())
                if words:
                    index.setdefault(words[0], []).append(_Form(words, r, is_forbidden, rule))
    return {k: tuple(sorted(v, key=lambda x: -len(x.words))) for k, v in index.items()}


_NAME_KEYS = tuple(tuple(_key(w) for w in n.split()) for n in _NAMES)
_NAME_WORDS = frozenset(w for n in _NAME_KEYS for w in n)


class _Tokens:
    """An English sentence split into words once, for all the terms looked up in it."""

    __slots__ = ("keys", "names", "positions", "spans", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(_EN_TOKEN.finditer(text))
        self.spans = [(m.start(), m.end()) for m in found]
        self.words = [m.group().replace(".", "") for m in found]
        self.keys = [_key(w) for w in self.words]
        self.positions: dict[str, list[int]] = {}
        for k, key in enumerate(self.keys):
            self.positions.setdefault(key, []).append(k)
        self.names: list[tuple[int, int]] | None = None

    def joined(self, k: int) -> bool:
        """Whether token ``k`` follows token ``k-1`` with only a space or hyphen between."""
        between = self.text[self.spans[k - 1][1] : self.spans[k][0]]
        return bool(between) and _SEPARATOR.fullmatch(between) is not None

    def sequence(self, k: int, words: tuple[str, ...]) -> bool:
        n = len(words)
        if k + n > len(self.keys) or tuple(self.keys[k : k + n]) != words:
            return False
        return all(self.joined(j) for j in range(k + 1, k + n))

    def in_name(self, a: int, b: int) -> bool:
        """Whether tokens a..b-1 lie inside a fixed name such as *United Nations*."""
        if self.names is None:
            self.names = []
            for k in range(len(self.keys)):
                for name in _NAME_KEYS:
                    if self.sequence(k, name):
                        self.names.append((k, k + len(name)))
        return any(
            (x <= a and b <= y and (a, b) != (x, y)) or (x <= a and b <= y and b - a < y - x)
            for x, y in self.names
        )


def _rule_ok(form: _Form, word: str, raw: str) -> bool:
    if form.rule == "acronym":
        letters = form.rendering.replace(".", "")
        return (
            word == letters
            or (len(letters) >= 4 and word == letters[0] + letters[1:].lower())
            or (raw != word and raw.replace(".", "") == letters)
        )
    return True


class EnglishMatcher:
    """Finds a term's renderings (allowed and forbidden) in English sentences."""

    def __init__(self) -> None:
        self._last: _Tokens | None = None

    def _tokens(self, text: str) -> _Tokens:
        if self._last is None or (self._last.text is not text and self._last.text != text):
            self._last = _Tokens(text)
        return self._last

    @staticmethod
    def prepare(terms: Iterable[Term]) -> None:
        """Build the inflected forms of every term's renderings now (once per glossary),
        rather than when a term is first looked up."""
        for term in terms:
            _forms(term.en, term.forbidden, term.pos)

    def derived(self, text: str, term: Term) -> EnMatch | None:
        """A word of ``text`` derived from one of the term's renderings, if any: the
        rendering with a derivational ending or another word after it (``constitutional``,
        ``nationwide``, ``warplanes``, ``lawmakers``), behind a negative prefix
        (``unconstitutional``), an ``-ion`` noun's verb (``demonstrating``), or a noun's
        verb forms (``armed``, ``slaughtered``). A rendering rendered by its derivative is
        not missing, though it is no exact rendering either."""
        toks = self._tokens(text)
        for r in term.en:
            if " " in r or _is_acronym(r) or len(r) < 3:
                continue
            base = r.lower()
            verbs = word_forms(base, "verb") if term.pos == "noun" else frozenset()
            for k, key in enumerate(toks.keys):
                if key != base and (key in verbs or _derives(key, base)):
                    return EnMatch(toks.spans[k][0], toks.spans[k][1], r)
        return None

    def find(self, text: str, term: Term) -> list[EnMatch]:
        """Matches of the term's allowed and forbidden renderings, in order, not overlapping
        (the longer rendering wins: ``state of emergency`` over ``emergency``)."""
        index = _forms(term.en, term.forbidden, term.pos)
        toks = self._tokens(text)
        found: list[EnMatch] = []
        positions = toks.positions
        hits = [(k, key) for key in index.keys() & positions.keys() for k in positions[key]]
        for k, key in hits:
            for form in index[key]:
                n = len(form.words)
                if not toks.sequence(k, form.words):
                    continue
                word = toks.words[k]
                raw = text[toks.spans[k][0] : toks.spans[k][1]]
                if not _rule_ok(form, word, raw):
                    continue
                if form.rule == "any" and key in _NAME_WORDS and toks.in_name(k, k + n):
                    continue
                found.append(
                    EnMatch(
                        toks.spans[k][0], toks.spans[k + n - 1][1], form.rendering, form.forbidden
                    )
                )
                break
        return _resolve(found) if len(found) > 1 else found


_DERIVATIONAL = frozenset(
    "al ally ial ian ians ic ical ically ist ists ism isms ity ities ly ness ship ships hood "
    "wide less ful ary aries ive ively ize ized izes ise ised ises ation ations er ers ed ing "
    "es s".split()
)
_NEGATIVE = ("un", "non", "anti", "counter", "in", "il", "ir", "im", "dis")
_ION_VERB = frozenset("e es ed ing or ors ive ional ionally ure ures".split())


@lru_cache(maxsize=65536)
def _derives(word: str, base: str) -> bool:
    """Whether ``word`` (lower case) is derived from ``base``: see EnglishMatcher.derived."""
    for neg in ("", *_NEGATIVE):
        if neg and not word.startswith(neg):
            continue
        rest = word[len(neg) :]
        if rest.startswith(base):
            tail = rest[len(base) :]
            if tail in _DERIVATIONAL or (len(tail) >= 4 and _is_noun(tail)):
                return True
        if (base.endswith("ion") and len(base) >= 8 and rest.startswith(base[:-3])
                and rest[len(base) - 3 :] in _ION_VERB):
            return True
        if base.endswith("e") and rest.startswith(base[:-1]) and rest[len(base) - 1 :] in (
            "al", "ally", "ation", "ations", "ive", "ist", "ists", "ism"
        ):
            return True
    return False


def _is_noun(word: str) -> bool:
    """Whether lemminflect knows ``word`` as a noun or an adjective (``planes``, ``wide``)."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word)
    return bool(found.get("NOUN") or found.get("ADJ"))


def _resolve(matches: list[EnMatch]) -> list[EnMatch]:
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.forbidden))
    out: list[EnMatch] = []
    for m in ordered:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
