"""Finding a term's English renderings in a sentence, in any inflection of their part of speech.

A rendering is given in lemma form (``election``, ``detain``, ``prime minister``,
``US``); it matches

* nouns: singular and plural, irregular plurals included (``children``,
  ``policemen``, ``crises``); the head of a multi-word noun is inflected
  (``prime ministers``, ``states of emergency``);
* verbs: base, 3rd singular, past, past participle and ``-ing``, irregular
  verbs included (``won``, ``wrote``/``written``, ``chose``/``chosen``);
* as a whole word (no letter on either side; hyphens, apostrophes and
  possessives are fine), with a space or a hyphen between the words of a
  multi-word rendering (``human-rights``);
* acronyms case-sensitively, dotted (``U.S.``) and, from four letters, in
  title case (``Nato``); a capitalised one-word name (``Turkey``) only with
  its capital; everything else regardless of case.

A lower-case rendering inside a fixed name (``nation`` in *United Nations*,
``house`` in *White House*) is not a rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import EnMatch, Term

__all__ = ["EnglishMatcher", "inflections"]

_VOWELS = "aeiou"

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

_IRREGULAR_PLURAL = {
    "child": "children",
    "man": "men",
    "woman": "women",
    "person": "people",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "goose": "geese",
    "crisis": "crises",
    "analysis": "analyses",
    "thesis": "theses",
    "basis": "bases",
    "thesis ": "theses",
    "phenomenon": "phenomena",
    "criterion": "criteria",
    "life": "lives",
    "wife": "wives",
    "knife": "knives",
    "leaf": "leaves",
    "half": "halves",
    "thief": "thieves",
    "self": "selves",
    "shelf": "shelves",
    "wolf": "wolves",
    "aircraft": "aircraft",
    "sheep": "sheep",
    "fish": "fish",
    "series": "series",
    "species": "species",
    "police": "police",
    "datum": "data",
    "medium": "media",
    "index": "indices",
    "appendix": "appendices",
    "ox": "oxen",
    "hero": "heroes",
    "potato": "potatoes",
    "tomato": "tomatoes",
    "veto": "vetoes",
    "embargo": "embargoes",
}
_IRREGULAR_VERB = {
    # base: (past, past participle)
    "arise": ("arose", "arisen"),
    "be": ("was were", "been"),
    "bear": ("bore", "borne born"),
    "beat": ("beat", "beaten"),
    "become": ("became", "become"),
    "begin": ("began", "begun"),
    "bend": ("bent", "bent"),
    "bet": ("bet", "bet"),
    "bind": ("bound", "bound"),
    "bite": ("bit", "bitten"),
    "bleed": ("bled", "bled"),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "burn": ("burnt burned", "burnt burned"),
    "burst": ("burst", "burst"),
    "buy": ("bought", "bought"),
    "cast": ("cast", "cast"),
    "catch": ("caught", "caught"),
    "choose": ("chose", "chosen"),
    "come": ("came", "come"),
    "cost": ("cost", "cost"),
    "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"),
    "dig": ("dug", "dug"),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "feed": ("fed", "fed"),
    "feel": ("felt", "felt"),
    "fight": ("fought", "fought"),
    "find": ("found", "found"),
    "flee": ("fled", "fled"),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "got gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "hang": ("hung hanged", "hung hanged"),
    "have": ("had", "had"),
    "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"),
    "hit": ("hit", "hit"),
    "hold": ("held", "held"),
    "hurt": ("hurt", "hurt"),
    "keep": ("kept", "kept"),
    "know": ("knew", "known"),
    "lay": ("laid", "laid"),
    "lead": ("led", "led"),
    "lean": ("leant leaned", "leant leaned"),
    "leave": ("left", "left"),
    "lend": ("lent", "lent"),
    "let": ("let", "let"),
    "lie": ("lay lied", "lain lied"),
    "light": ("lit lighted", "lit lighted"),
    "lose": ("lost", "lost"),
    "make": ("made", "made"),
    "mean": ("meant", "meant"),
    "meet": ("met", "met"),
    "overcome": ("overcame", "overcome"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "quit": ("quit", "quit"),
    "read": ("read", "read"),
    "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"),
    "rise": ("rose", "risen"),
    "run": ("ran", "run"),
    "say": ("said", "said"),
    "see": ("saw", "seen"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "shake": ("shook", "shaken"),
    "shoot": ("shot", "shot"),
    "show": ("showed", "shown showed"),
    "shut": ("shut", "shut"),
    "sing": ("sang", "sung"),
    "sink": ("sank", "sunk"),
    "sit": ("sat", "sat"),
    "sleep": ("slept", "slept"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "spread": ("spread", "spread"),
    "stand": ("stood", "stood"),
    "steal": ("stole", "stolen"),
    "stick": ("stuck", "stuck"),
    "strike": ("struck", "struck stricken"),
    "swear": ("swore", "sworn"),
    "sweep": ("swept", "swept"),
    "swim": ("swam", "swum"),
    "take": ("took", "taken"),
    "teach": ("taught", "taught"),
    "tear": ("tore", "torn"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "throw": ("threw", "thrown"),
    "understand": ("understood", "understood"),
    "undertake": ("undertook", "undertaken"),
    "wake": ("woke", "woken"),
    "wear": ("wore", "worn"),
    "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"),
    "uphold": ("upheld", "upheld"),
    "overthrow": ("overthrew", "overthrown"),
    "mislead": ("misled", "misled"),
    "shed": ("shed", "shed"),
    "slay": ("slew", "slain"),
    "die": ("died", "died"),
    "dye": ("dyed", "dyed"),
}


def _ends_cvc(word: str) -> bool:
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def _plural(word: str) -> set[str]:
    low = word.lower()
    if low in _IRREGULAR_PLURAL:
        return {word[: len(word) - len(low)] + _IRREGULAR_PLURAL[low], word}
    for base, irregular in _IRREGULAR_PLURAL.items():
        if (
            low.endswith(base)
            and len(low) > len(base)
            and base in ("man", "woman", "person", "child")
        ):
            return {word[: -len(base)] + irregular}
    if re.search(r"(s|x|z|ch|sh)$", low):
        return {word + "es"}
    if re.search(r"[^aeiou]y$", low):
        return {word[:-1] + "ies"}
    if re.search(r"[^aeiou]o$", low):
        return {word + "s", word + "es"}
    return {word + "s"}


def _verb_forms(word: str) -> set[str]:
    low = word.lower()
    forms = {word, *(_plural(word) if low not in _IRREGULAR_PLURAL else {word + "s"})}
    if low in ("be",):
        return forms | {"is", "are", "am", "was", "were", "been", "being"}
    if low == "have":
        forms.discard("haves")
        forms |= {"has"}
    if low == "do":
        forms |= {"does"}
    if low == "go":
        forms |= {"goes"}
    if low in _IRREGULAR_VERB:
        past, part = _IRREGULAR_VERB[low]
        forms |= set(past.split()) | set(part.split())
    elif low.endswith("e"):
        forms.add(word + "d")
    elif re.search(r"[^aeiou]y$", low):
        forms.add(word[:-1] + "ied")
    else:
        forms.add(word + "ed")
        if _ends_cvc(low):
            forms.add(word + word[-1] + "ed")
    if low.endswith("ie"):
        forms.add(word[:-2] + "ying")
    elif low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
        forms.add(word[:-1] + "ing")
    else:
        forms.add(word + "ing")
        if _ends_cvc(low):
            forms.add(word + word[-1] + "ing")
    return forms


def inflections(rendering: str, pos: str) -> set[str]:
    """The inflected forms of ``rendering`` (lemma) for a term of part of speech ``pos``."""
    words = rendering.split()
    if not words:
        return set()
    if _is_acronym(rendering):
        return {rendering}
    if pos == "verb":
        return {" ".join([f, *words[1:]]) for f in _verb_forms(words[0])}
    if pos in ("propn", "adj"):
        return {rendering}
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    return {
        " ".join([*words[:head], f, *words[head + 1 :]])
        for f in {words[head], *_plural(words[head])}
    }


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_PLAIN = str.maketrans("ıİşŞğĞçÇöÖüÜâÂîÎûÛ", "iIsSgGcCoOuUaAiIuU")
_EN_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+")
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
    """``acronym``, ``capital`` (a one-word name: its capital counts) or ``any``."""


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
                rule = "capital" if len(r.split()) == 1 and r[:1].isupper() else "any"
                forms = inflections(r, pos)
            for f in forms:
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
    if form.rule == "capital":
        return word[:1].isupper()
    return True


class EnglishMatcher:
    """Finds a term's renderings (allowed and forbidden) in English sentences."""

    def __init__(self) -> None:
        self._last: _Tokens | None = None

    def _tokens(self, text: str) -> _Tokens:
        if self._last is None or (self._last.text is not text and self._last.text != text):
            self._last = _Tokens(text)
        return self._last

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


def _resolve(matches: list[EnMatch]) -> list[EnMatch]:
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.forbidden))
    out: list[EnMatch] = []
    for m in ordered:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
