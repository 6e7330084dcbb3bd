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
from collections.abc import Iterable
from functools import lru_cache

from .model import EnMatch, Term

__all__ = ["EnglishMatcher", "inflections"]

_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"
_VOWELS = "aeiou"

# Fixed names in which a common noun is not used in its own sense.
_NAMES = (
    "United Nations", "White House", "House of Representatives", "House of Commons",
    "House of Lords", "Premier League", "United Kingdom", "United States",
)

_IRREGULAR_PLURAL = {
    "child": "children", "man": "men", "woman": "women", "person": "people",
    "foot": "feet", "tooth": "teeth", "mouse": "mice", "goose": "geese",
    "crisis": "crises", "analysis": "analyses", "thesis": "theses", "basis": "bases",
    "thesis ": "theses", "phenomenon": "phenomena", "criterion": "criteria",
    "life": "lives", "wife": "wives", "knife": "knives", "leaf": "leaves", "half": "halves",
    "thief": "thieves", "self": "selves", "shelf": "shelves", "wolf": "wolves",
    "aircraft": "aircraft", "sheep": "sheep", "fish": "fish", "series": "series",
    "species": "species", "police": "police", "datum": "data", "medium": "media",
    "index": "indices", "appendix": "appendices", "ox": "oxen", "hero": "heroes",
    "potato": "potatoes", "tomato": "tomatoes", "veto": "vetoes", "embargo": "embargoes",
}
_IRREGULAR_VERB = {
    # base: (past, past participle)
    "arise": ("arose", "arisen"), "be": ("was were", "been"), "bear": ("bore", "borne born"),
    "beat": ("beat", "beaten"), "become": ("became", "become"), "begin": ("began", "begun"),
    "bend": ("bent", "bent"), "bet": ("bet", "bet"), "bind": ("bound", "bound"),
    "bite": ("bit", "bitten"), "bleed": ("bled", "bled"), "blow": ("blew", "blown"),
    "break": ("broke", "broken"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "burn": ("burnt burned", "burnt burned"), "burst": ("burst", "burst"),
    "buy": ("bought", "bought"), "cast": ("cast", "cast"), "catch": ("caught", "caught"),
    "choose": ("chose", "chosen"), "come": ("came", "come"), "cost": ("cost", "cost"),
    "cut": ("cut", "cut"), "deal": ("dealt", "dealt"), "dig": ("dug", "dug"),
    "do": ("did", "done"), "draw": ("drew", "drawn"), "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"), "eat": ("ate", "eaten"), "fall": ("fell", "fallen"),
    "feed": ("fed", "fed"), "feel": ("felt", "felt"), "fight": ("fought", "fought"),
    "find": ("found", "found"), "flee": ("fled", "fled"), "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"), "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"), "get": ("got", "got gotten"),
    "give": ("gave", "given"), "go": ("went", "gone"), "grow": ("grew", "grown"),
    "hang": ("hung hanged", "hung hanged"), "have": ("had", "had"), "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"), "hit": ("hit", "hit"), "hold": ("held", "held"),
    "hurt": ("hurt", "hurt"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lay": ("laid", "laid"), "lead": ("led", "led"), "lean": ("leant leaned", "leant leaned"),
    "leave": ("left", "left"), "lend": ("lent", "lent"), "let": ("let", "let"),
    "lie": ("lay lied", "lain lied"), "light": ("lit lighted", "lit lighted"),
    "lose": ("lost", "lost"), "make": ("made", "made"), "mean": ("meant", "meant"),
    "meet": ("met", "met"), "overcome": ("overcame", "overcome"), "pay": ("paid", "paid"),
    "put": ("put", "put"), "quit": ("quit", "quit"), "read": ("read", "read"),
    "ride": ("rode", "ridden"), "ring": ("rang", "rung"), "rise": ("rose", "risen"),
    "run": ("ran", "run"), "say": ("said", "said"), "see": ("saw", "seen"),
    "seek": ("sought", "sought"), "sell": ("sold", "sold"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shake": ("shook", "shaken"), "shoot": ("shot", "shot"),
    "show": ("showed", "shown showed"), "shut": ("shut", "shut"), "sing": ("sang", "sung"),
    "sink": ("sank", "sunk"), "sit": ("sat", "sat"), "sleep": ("slept", "slept"),
    "speak": ("spoke", "spoken"), "spend": ("spent", "spent"), "spread": ("spread", "spread"),
    "stand": ("stood", "stood"), "steal": ("stole", "stolen"), "stick": ("stuck", "stuck"),
    "strike": ("struck", "struck stricken"), "swear": ("swore", "sworn"),
    "sweep": ("swept", "swept"), "swim": ("swam", "swum"), "take": ("took", "taken"),
    "teach": ("taught", "taught"), "tear": ("tore", "torn"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"),
    "understand": ("understood", "understood"), "undertake": ("undertook", "undertaken"),
    "wake": ("woke", "woken"), "wear": ("wore", "worn"), "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"), "write": ("wrote", "written"),
    "uphold": ("upheld", "upheld"), "overthrow": ("overthrew", "overthrown"),
    "mislead": ("misled", "misled"), "shed": ("shed", "shed"), "slay": ("slew", "slain"),
    "die": ("died", "died"), "dye": ("dyed", "dyed"),
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
        if low.endswith(base) and len(low) > len(base) and base in ("man", "woman", "person", "child"):
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
    else:
        if low.endswith("e"):
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
        " ".join([*words[:head], f, *words[head + 1 :]]) for f in {words[head], *_plural(words[head])}
    }


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_TR_LETTERS = {"I": "[Iİ]", "i": "[iı]", "s": "[sş]", "c": "[cç]", "g": "[gğ]", "o": "[oö]",
               "u": "[uü]", "S": "[SŞ]", "C": "[CÇ]", "G": "[GĞ]", "O": "[OÖ]", "U": "[UÜ]"}


def _word_pattern(form: str) -> str:
    """A regex for ``form``: words joined by space or hyphen; a Turkish letter written
    for its plain one is accepted (``İstanbul`` for ``Istanbul``)."""
    return r"[\s\-‐–]+".join(
        "".join(_TR_LETTERS.get(ch, re.escape(ch)) for ch in w) for w in form.split()
    )


@lru_cache(maxsize=8192)
def _compile(rendering: str, pos: str) -> tuple[re.Pattern[str], ...]:
    """Patterns for one rendering: (case-sensitive part, case-insensitive part)."""
    if _is_acronym(rendering):
        letters = rendering.replace(".", "")
        alts = [re.escape(letters), r"\.".join(re.escape(c) for c in letters) + r"\.?"]
        if len(letters) >= 4:
            alts.append(re.escape(letters[0] + letters[1:].lower()))
        body = "|".join(alts)
        return (re.compile(f"{_LETTER_BEFORE}(?:{body}){_LETTER_AFTER}"),)
    forms = sorted(inflections(rendering, pos), key=len, reverse=True)
    body = "|".join(_word_pattern(f) for f in forms)
    words = rendering.split()
    if len(words) == 1 and rendering[:1].isupper():
        # A capitalised name: its capital is what tells Turkey from turkey.
        first = _TR_LETTERS.get(rendering[0], re.escape(rendering[0]))
        rest = "|".join(_word_pattern(f[1:]) for f in forms if f[:1] == rendering[0])
        return (
            re.compile(f"{_LETTER_BEFORE}{first}(?i:{rest}){_LETTER_AFTER}"),
        )
    return (re.compile(f"{_LETTER_BEFORE}(?:{body}){_LETTER_AFTER}", re.IGNORECASE),)


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    return re.compile("|".join(_word_pattern(n) for n in _NAMES))


class EnglishMatcher:
    """Finds a term's renderings (allowed and forbidden) in English sentences."""

    def find(self, text: str, term: Term) -> list[EnMatch]:
        """Matches of the term's allowed and forbidden renderings, in order, not overlapping
        (the longer rendering wins: ``state of emergency`` over ``emergency``)."""
        return _resolve(
            self._scan(text, term.en, term.pos, forbidden=False)
            + self._scan(text, term.forbidden, term.pos, forbidden=True)
        )

    @staticmethod
    def _scan(text: str, renderings: Iterable[str], pos: str, *, forbidden: bool) -> list[EnMatch]:
        found: list[EnMatch] = []
        names: list[tuple[int, int]] | None = None
        for rendering in renderings:
            lowercase = rendering == rendering.lower()
            for pattern in _compile(rendering, pos):
                for m in pattern.finditer(text):
                    if lowercase:
                        if names is None:
                            names = [(n.start(), n.end()) for n in _name_pattern().finditer(text)]
                        if any(a <= m.start() and m.end() <= b for a, b in names) and not any(
                            rendering.lower() == n.lower() for n in _NAMES
                        ):
                            continue
                    found.append(EnMatch(m.start(), m.end(), rendering, forbidden))
        return found


def _resolve(matches: list[EnMatch]) -> list[EnMatch]:
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.forbidden))
    out: list[EnMatch] = []
    for m in ordered:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
