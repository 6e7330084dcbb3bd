"""Turkish inflection as a finite-state suffix grammar over a known stem.

The question the matcher asks is narrow: *is this token the lemma L plus
inflectional suffixes only?* So instead of analysing the token from scratch
(which needs a dictionary of every root), the stem is known and only the
remainder is parsed, by a small morphotactic automaton whose morphemes are
written with archiphonemes and realised by the phonological rules:

``A`` a/e and ``I`` ı/i/u/ü (vowel harmony), ``D`` d/t and ``C`` c/ç
(voicing after a voiceless consonant), ``K`` k/ğ (a final k softens before a
vowel), and optional parts ``(y)`` ``(n)`` ``(s)`` (only after a vowel) and
``(I)`` ``(A)`` (only after a consonant).

Only inflection is in the grammar: plural, possessive, case, ``-ki``,
copula and person endings, ``ile``; for verbs voice (passive, reflexive,
transparent causative), ability, negation, every tense/aspect/mood, and the
non-finite forms (``-mAk``, ``-mA``, ``-DIK``, ``-(y)AcAK``, ``-(y)An``,
converbs). Derivational suffixes (``-lIk``, ``-CI``, ``-sIz``, ``-lI``,
``-sAl``, ``-Im``, ``-(I)ş``…) are absent, so ``Cumhurbaşkanlığı`` is not an
inflection of ``cumhurbaşkanı`` and ``üstünde`` is not one of ``üs``.

A parse may carry *flags* for readings that are only right in some
contexts (a bare imperative ``yaz``, a bare aorist ``yazar``, an action
nominal ``açıklama``); :mod:`align.glossary.turkish` decides those from the
neighbouring words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "FLAG_ACTION",
    "FLAG_AORIST",
    "FLAG_EQUATIVE",
    "FLAG_IMPERATIVE",
    "FLAG_POSS3",
    "FLAG_POSS12",
    "FLAG_PREDICATE",
    "StemAlt",
    "last_vowel",
    "noun_alternants",
    "parse_remainder",
    "verb_alternants",
]

VOWELS = frozenset("aeıioöuüâîû")
BACK = frozenset("aıouâû")
ROUNDED = frozenset("oöuüû")
VOICELESS = frozenset("çfhkpsşt")

FLAG_IMPERATIVE = "imperative"
"""A bare imperative (``yaz``, ``yazın``): a verb only at the end of a clause."""
FLAG_AORIST = "aorist"
"""A bare 3rd-person aorist (``yazar``): also an adjective or noun in many words."""
FLAG_ACTION = "action"
"""An ``-mA`` action nominal (``açıklama``); some are lexicalised nouns."""
FLAG_POSS3 = "poss3"
"""The stem followed by a bare 3rd-person possessive/accusative ``-(s)I`` only."""
FLAG_POSS12 = "poss12"
"""A 1st/2nd-person possessive (``ülkem``, ``Amerika-n``): never on a proper noun."""
FLAG_EQUATIVE = "equative"
"""``-CA`` (``mahkemece`` 'by the court'); on a country it makes a language (``Çince``)."""
FLAG_PREDICATE = "predicate"
"""A noun with a finite copula (``savaştı`` 'it was a war'): ends its clause."""


def last_vowel(text: str) -> str | None:
    """The last vowel of ``text`` (circumflexed vowels count as their plain form)."""
    for ch in reversed(text):
        if ch in VOWELS:
            return {"â": "a", "î": "i", "û": "u"}.get(ch, ch)
    return None


def _harmony_i(lv: str) -> str:
    if lv in BACK:
        return "u" if lv in ROUNDED else "ı"
    return "ü" if lv in ROUNDED else "i"


@lru_cache(maxsize=65536)
def realise(template: str, lv: str, lc: str) -> tuple[str, ...]:
    """The surface forms of a morpheme ``template`` after a stem ending in ``lc``
    whose last vowel is ``lv``. Usually one form; ``K`` gives k and ğ."""
    outs = [""]
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "(":
            close = template.index(")", i)
            inner = template[i + 1 : close]
            i = close + 1
            after_vowel = lc in VOWELS
            if inner in ("y", "n", "s"):
                if not after_vowel:
                    continue
            elif not after_vowel:  # an optional vowel, only after a consonant
                pass
            else:
                continue
            template_part = inner
        else:
            template_part = ch
            i += 1
        for p in template_part:
            new: list[str] = []
            for o in outs:
                cur_lc = o[-1] if o else lc
                cur_lv = last_vowel(o) or lv
                if p == "A":
                    new.append(o + ("a" if cur_lv in BACK else "e"))
                elif p == "I":
                    new.append(o + _harmony_i(cur_lv))
                elif p == "D":
                    new.append(o + ("t" if cur_lc in VOICELESS else "d"))
                elif p == "C":
                    new.append(o + ("ç" if cur_lc in VOICELESS else "c"))
                elif p == "K":
                    new.extend((o + "k", o + "ğ"))
                else:
                    new.append(o + p)
            outs = new
    return tuple(outs)


# ---------------------------------------------------------------------------
# The automaton. Each state lists (templates, next state, flag added).
# ---------------------------------------------------------------------------

_PERSON_Z = ("(y)Im", "sIn", "(y)Iz", "sInIz", "lAr")
_PERSON_Z_T = ((_PERSON_Z, "PERS", ""), (("DIr",), "END", ""))
_PERSON_K = ("m", "n", "k", "nIz", "lAr")
_COP_TENSE = (
    (("(y)DI",), "COPK", ""),
    (("(y)mIş",), "COPZ", ""),
    (("(y)sA",), "COPK", ""),
    (("(y)ken",), "END", ""),
    (("DIr",), "END", ""),
)
_NCOP_TENSE = (
    (("(y)DI",), "COPK", FLAG_PREDICATE),
    (("(y)mIş",), "COPZ", FLAG_PREDICATE),
    (("(y)sA",), "COPK", ""),
    (("(y)ken",), "END", ""),
    (("DIr",), "END", FLAG_PREDICATE),
)
_CASE_BARE = (
    (("(y)I", "(y)A", "DAn"), "NC", ""),
    (("DA", "(n)In"), "NCK", ""),
)
_CASE_POSS = (
    (("(n)I", "(n)A", "(n)DAn"), "NC", ""),
    (("(n)DA", "(n)In"), "NCK", ""),
)
_POSS = (
    (("(I)m", "(I)mIz", "(I)nIz"), "NPOSS", FLAG_POSS12),
    (("(I)n",), "NPOSS", FLAG_POSS12),
    (("lArI",), "NPOSS", ""),
    (("(s)I",), "NPOSS", FLAG_POSS3),
)
_POSS_AFTER_PL = (
    (("Im", "In", "ImIz", "InIz"), "NPOSS", FLAG_POSS12),
    (("I",), "NPOSS", ""),
)
_INS = ((("(y)lA",), "NC", ""),)
_COPULA = (((*_PERSON_Z[:4], "DIrlAr"), "END", ""), *_NCOP_TENSE)

_NOMINAL_BASE = (
    *_CASE_BARE,
    *_INS,
    *_COPULA,
)

_VB_TENSES = (
    (("DI",), "PAST", ""),
    (("mIyor",), "PROG", ""),
    (("mIş",), "EVID", ""),
    (("(I)yor",), "PROG", ""),
    (("(y)AcAK",), "FUT", ""),
    (("sA",), "COND", ""),
    (("mAlI",), "EVID", ""),
    (("mAktA",), "EVID", ""),
    (("(y)AyIm", "(y)AlIm", "(y)InIz", "sIn", "sInlAr"), "END", ""),
    (("(y)In",), "END", FLAG_IMPERATIVE),
    # non-finite
    (("mAk",), "MAK", ""),
    (("mA",), "N", FLAG_ACTION),
    (("DIK",), "DIK", ""),
    (("(y)An",), "PART", ""),
    (("(y)Ip", "(y)ArAk", "(y)IncA", "(y)AlI", "mAksIzIn", "mAdAn"), "END", ""),
)

_STATES: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]] = {
    # --- nominal ---
    "N": (
        (("lAr",), "NP", ""),
        *_POSS,
        *_NOMINAL_BASE,
        (("CA",), "END", FLAG_EQUATIVE),
    ),
    "NP": (*_POSS_AFTER_PL, *_NOMINAL_BASE, (("CA",), "END", FLAG_EQUATIVE)),
    "NPOSS": (*_CASE_POSS, *_INS, *_COPULA, (("(n)CA",), "END", FLAG_EQUATIVE)),
    # the head of a compound whose marker gave way to the plural: savaş uçak-ları
    "NCMP": ((("lArI",), "NPOSS", ""),),
    "NC": _COPULA,
    "NCK": ((("ki",), "NKI", ""), *_COPULA),
    "NKI": ((("lAr",), "NP", ""), *_CASE_POSS, *_INS, *_COPULA),
    "COPK": ((_PERSON_K, "END", ""),),
    "COPZ": _PERSON_Z_T,
    "PERS": ((("DIr",), "END", ""),),
    "END": (),
    # --- verbal ---
    "V": (
        (("Il", "In", "n"), "VP", ""),
        (("DIr", "t"), "VC", ""),
        (("(y)Abil",), "VAB", ""),
        (("(y)AmA",), "VNEG", ""),
        (("mA",), "VNEG", ""),
        (("Ar", "Ir", "r"), "AOR", FLAG_AORIST),
        *_VB_TENSES,
    ),
    "VC": (
        (("Il", "In", "n"), "VP", ""),
        (("DIr", "t"), "VC2", ""),
        (("(y)Abil",), "VAB", ""),
        (("(y)AmA",), "VNEG", ""),
        (("mA",), "VNEG", ""),
        (("Ir", "r"), "AOR", FLAG_AORIST),
        *_VB_TENSES,
    ),
    "VC2": (
        (("Il", "In", "n"), "VP", ""),
        (("(y)Abil",), "VAB", ""),
        (("(y)AmA",), "VNEG", ""),
        (("mA",), "VNEG", ""),
        (("Ir", "r"), "AOR", FLAG_AORIST),
        *_VB_TENSES,
    ),
    "VP": (
        (("(y)Abil",), "VAB", ""),
        (("(y)AmA",), "VNEG", ""),
        (("mA",), "VNEG", ""),
        (("Ir", "r"), "AOR", FLAG_AORIST),
        *_VB_TENSES,
    ),
    "VAB": (
        (("mA",), "VNEG", ""),
        (("Ir",), "AOR", ""),
        *_VB_TENSES,
    ),
    "VNEG": (
        (("z",), "AOR", ""),
        (("m", "yIz"), "END", ""),
        *_VB_TENSES,
    ),
    "PAST": ((_PERSON_K, "PASTP", ""), (("(y)sA",), "COPK", ""), (("DIr",), "END", "")),
    "PASTP": ((("(y)sA",), "END", ""),),
    "EVID": (
        *_PERSON_Z_T,
        *_COP_TENSE,
        (("lAr",), "NP", ""),
        *_CASE_BARE,
    ),
    "PROG": (*_PERSON_Z_T, *_COP_TENSE),
    "FUT": (
        *_PERSON_Z_T,
        *_COP_TENSE,
        *_POSS,
        (("lAr",), "NP", ""),
        *_CASE_BARE,
    ),
    "AOR": (
        (("(y)Im", "sIn", "(y)Iz", "sInIz"), "PERS", ""),
        (("lAr",), "PERS", FLAG_AORIST),
        (("DIr",), "END", ""),
        *_COP_TENSE,
    ),
    "COND": ((_PERSON_K, "END", ""),),
    "MAK": (
        (("tAn", "lA", "tA", "DIr", "sIzIn"), "END", ""),
        (("tAdIr",), "END", ""),
    ),
    "DIK": (
        *_POSS,
        (("lAr",), "NP", ""),
        (("tAn", "çA"), "END", ""),
    ),
    "PART": ((("lAr",), "NP", ""), *_POSS, *_NOMINAL_BASE),
}
_ACCEPT = frozenset(_STATES) - {"DIK", "VAB"}


@dataclass(frozen=True, slots=True)
class StemAlt:
    """A surface form of a stem, and what may follow it."""

    text: str
    """The stem as it appears in the token (folded): ``kitab``, ``şehr``, ``üss``."""
    state: str
    """The automaton state after the stem (``N``, ``V``, ``NPOSS``…)."""
    needs_vowel: bool = False
    """True for alternants that only occur before a vowel-initial suffix."""
    only: str = ""
    """When set, the first suffix must be this template (``(I)yor`` after narrowing)."""
    lv: str = ""
    """The vowel that decides harmony (the lemma's last vowel)."""
    lc: str = ""
    """The last sound of the stem before the suffixes."""


def parse_remainder(
    alt: StemAlt, rest: str, harmonies: tuple[str, ...]
) -> frozenset[frozenset[str]]:
    """The flag sets of every complete parse of ``rest`` (folded, apostrophes as ``'``)
    after ``alt``; empty when ``rest`` is not a suffix sequence of the stem.

    ``harmonies`` lists the last vowels to try (two for loanwords such as ``hal``
    that take front suffixes, or for acronyms).
    """
    out: set[frozenset[str]] = set()
    if alt.only:
        harmonies = (alt.lv,)  # the narrowed vowel follows the one before it: oyn-uyor
    for lv in harmonies:
        out.update(_parse(alt.state, rest, lv, alt.lc, False, alt.needs_vowel, alt.only))
    return frozenset(out)


_FINAL_ONLY = frozenset({FLAG_IMPERATIVE, FLAG_AORIST, FLAG_POSS3})
# A flag on a morpheme the parse continues past is dropped (yazar-dı is not a noun).


@lru_cache(maxsize=262144)
def _parse(
    state: str, rest: str, lv: str, lc: str, apostrophe: bool, needs_vowel: bool, only: str
) -> frozenset[frozenset[str]]:
    """Flag sets of the parses of ``rest`` from ``state``. A flag of
    :data:`_FINAL_ONLY` is kept only when its morpheme ends the word."""
    if not rest:
        if state in _ACCEPT and not needs_vowel and not only:
            if state in ("V", "VNEG", "VP", "VC", "VC2"):
                return frozenset({frozenset({FLAG_IMPERATIVE})})
            return frozenset({frozenset({"bare"}) if state in ("N", "V") else frozenset()})
        return frozenset()
    if rest[0] == "'":
        if apostrophe or len(rest) == 1:
            return frozenset()
        return _parse(state, rest[1:], lv, lc, True, needs_vowel, only)
    results: set[frozenset[str]] = set()
    transitions = (((only,), "PROG", ""),) if only else _STATES.get(state, ())
    for templates, nxt, flag in transitions:
        for tpl in templates:
            for form in realise(tpl, lv, lc):
                if not form or not rest.startswith(form):
                    continue
                if needs_vowel and form[0] not in VOWELS:
                    continue
                tail = rest[len(form) :]
                if tpl == "(I)n" and form == "n" and not tail:
                    # A bare 2nd-person possessive after a vowel (Amerika-n, gösteri-n) is
                    # almost always another word (Amerikan, gösterin 'show!').
                    continue
                if form.endswith("ğ") and not (tail and tail.lstrip("'")[:1] in VOWELS):
                    continue
                new_lv = last_vowel(form) or lv
                for sub in _parse(nxt, tail, new_lv, form[-1], apostrophe, False, ""):
                    flags = sub - {"bare"}
                    if flag and (flag not in _FINAL_ONLY or not tail.strip("'")):
                        flags = flags | {flag}
                    results.add(frozenset(flags))
    return frozenset(results)


# ---------------------------------------------------------------------------
# Stem alternants
# ---------------------------------------------------------------------------

_SOFTEN = {"p": "b", "ç": "c", "t": "d", "k": "ğ", "g": "ğ"}
_HIGH = frozenset("ıiuü")


def _syllables(text: str) -> int:
    return sum(ch in VOWELS for ch in text)


def noun_alternants(
    stem: str,
    state: str = "N",
    *,
    vowel_drop: frozenset[str] = frozenset(),
    geminating: frozenset[str] = frozenset(),
) -> list[StemAlt]:
    """The surface stems of a (folded) noun: plain, softened (``kitab``, ``çocuğ``,
    ``rengi``), with the last high vowel dropped (``şehr``, ``resm``) and doubled
    final consonant (``üss``, ``hakk``), the last three only before a vowel."""
    lv = last_vowel(stem) or "e"
    lc = stem[-1]
    alts = [StemAlt(stem, state, lv=lv, lc=lc)]
    if state != "N" or len(stem) < 2 or lc in VOWELS:
        return alts
    soft = _SOFTEN.get(lc)
    syl = _syllables(stem)
    if syl == 1 and lc in "tkg":
        soft = None  # at→atı, kat→katı; monosyllables soften only in p, ç (dip→dibi, uç→ucu)
    if soft and not (lc == "k" and stem[-2] == "n"):
        alts.append(StemAlt(stem[:-1] + soft, state, needs_vowel=True, lv=lv, lc=soft))
    if stem.endswith("nk"):
        alts.append(StemAlt(stem[:-1] + "g", state, needs_vowel=True, lv=lv, lc="g"))
    if stem in vowel_drop and stem[-2] in _HIGH:
        dropped = stem[:-2] + stem[-1]
        alts.append(StemAlt(dropped, state, needs_vowel=True, lv=lv, lc=lc))
        if soft:
            alts.append(StemAlt(stem[:-2] + soft, state, needs_vowel=True, lv=lv, lc=soft))
    if stem in geminating:
        doubles = {"p": ("bb",), "t": ("tt", "dd"), "b": ("bb",)}.get(lc, (lc + lc,))
        for double in doubles:
            alts.append(StemAlt(stem[:-1] + double, state, needs_vowel=True, lv=lv, lc=lc))
    return alts


def verb_alternants(stem: str) -> list[StemAlt]:
    """The surface stems of a (folded) verb stem (the lemma without -mAk):
    plain; ``kaybed`` for ``kaybet`` before a vowel; ``açıkl`` + ``ıyor`` for ``açıkla``."""
    lv = last_vowel(stem) or "e"
    lc = stem[-1]
    alts = [StemAlt(stem, "V", lv=lv, lc=lc)]
    if lc == "t" and len(stem) >= 2 and stem[-2] in VOWELS:
        alts.append(StemAlt(stem[:-1] + "d", "V", needs_vowel=True, lv=lv, lc="d"))
    if lc in ("a", "e") and len(stem) >= 2:
        short = stem[:-1]
        alts.append(StemAlt(short, "V", only="Iyor", lv=last_vowel(short) or lv, lc=short[-1]))
    return alts
