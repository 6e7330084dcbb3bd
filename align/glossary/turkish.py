"""Finding glossary terms in Turkish sentences, in any inflected form.

:class:`TurkishMatcher` indexes every surface stem of every term (``kitap``,
``kitab``; ``şehir``, ``şehr``; ``açıkla``, ``açıkl-ıyor``) in a dictionary,
so a token is checked by looking up its prefixes (a dozen dictionary lookups
whatever the size of the glossary), and the rest of the token is parsed by
the suffix grammar of :mod:`.tr_morph`. Results are cached per token.

On top of the grammar, a few context rules decide readings the word alone
cannot (see :mod:`.tr_lexicon`): relational adjectives in -î (``askeri``
'military' vs ``NATO askeri`` 'a NATO soldier'), lexicalised ``-mA`` nouns
(``açıklama`` 'statement' vs ``açıklaması bekleniyor``), bare imperatives and
aorists that are nouns (``yaz okulu``, ``bir yazar``), lexicalised causatives
(``öldürmek`` is not ``ölmek``) and compounds (``hane halkı``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import APOSTROPHES
from ..normalize import fold as _fold
from .model import Term
from .tr_lexicon import (
    CLAUSE_PARTICLES,
    COMPLEMENT_TAKERS,
    DETERMINERS,
    GEMINATING,
    I_ADJECTIVES,
    LEXICAL_CAUSATIVES,
    LEXICALISED_COMPOUNDS,
    LEXICALISED_MA,
    POSTPOSITIONS,
    VOWEL_DROP,
)
from .tr_morph import (
    BACK,
    FLAG_ACTION,
    FLAG_AORIST,
    FLAG_EQUATIVE,
    FLAG_IMPERATIVE,
    FLAG_POSS3,
    FLAG_POSS12,
    FLAG_PREDICATE,
    StemAlt,
    last_vowel,
    noun_alternants,
    parse_remainder,
    verb_alternants,
)

__all__ = ["Token", "TrSpan", "TurkishMatcher", "tokenize_tr"]

_APOS = re.escape(APOSTROPHES)
_CIRCUMFLEX = str.maketrans("âîû", "aiu")


def fold(text: str) -> str:
    """Turkish folding for matching, circumflexes dropped (``hâl``, ``kâğıt``); same length."""
    return _fold(text).translate(_CIRCUMFLEX)


_TOKEN = re.compile(rf"[^\W\d_]+(?:[{_APOS}][^\W\d_]+)*")
_CLAUSE_END = re.compile(r"^\s*(?:[.!?;:…]|$)")
_PUNCT_AFTER = re.compile(r"^\s*[,.!?;:…]")
_COMPOUND_HEAD = re.compile(
    r"(?:s[ıiuü]|[^aeıioöuü'][ıiuü])(?:n(?:[dt][ae]n?|[ae]|[ıiuü]n?|[ıiuü]|l[ae]))?(?:ki)?$"
)
_DEGREE = frozenset(["en", "daha", "çok", "pek", "az", "fazla"])
_GENITIVE = re.compile(r"(?:n[ıiuü]n|[^aeıioöuü][ıiuü]n)$")
_FINITE_VERB = re.compile(
    r"(?:[dt][ıiuü](?:m|n|k|lar|ler|n[ıiuü]z)?|m[ıiuü]ş(?:t[ıiuü])?|yor(?:du|lar|um)?|[ae]c[ae]k|"
    r"[ıiuüae]r(?:d[ıiuü])?|m[ae]z)$"
)
_OBJECT_CLAUSE = re.compile(r"(?:[dt][ıiuü]ğ|[ae]c[ae]ğ|m[ae]s)[ıiuü]n[ıiuü]$")
_MAK = re.compile(r"m[ae]k$")
_COMPOUND_MARKER = re.compile(r"(?:s[ıiuü]|[^aeıioöuü][ıiuü])$")
# Loanwords ending in l after a back vowel often take front suffixes (hal→hali, rol→rolü).
_FRONT_OF = {"a": "e", "ı": "i", "o": "ö", "u": "ü"}
_HARMONY_EXCEPTIONS = frozenset(
    ["saat", "harf", "kalp", "hayal", "ihtimal", "sual", "meal", "petrol", "alkol", "kontrol"]
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a Turkish sentence."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The word as written."""
    folded: str
    """Turkish-folded (lower case, apostrophes unified)."""


@dataclass(frozen=True, slots=True)
class TrSpan:
    """A term found in a Turkish sentence."""

    term: Term
    """The glossary entry."""
    start: int
    """Offset of the first character of the term's first word."""
    end: int
    """Offset one past the last character of the last word (with suffixes)."""
    stem_len: int
    """Length of the matched stem of the last word (longer wins over nested terms)."""


def tokenize_tr(text: str, folded: str | None = None) -> list[Token]:
    """The words of ``text`` (letters, with apostrophes inside: ``Türkiye'nin``)."""
    folded = fold(text) if folded is None else folded
    return [
        Token(m.start(), m.end(), text[m.start() : m.end()], m.group())
        for m in _TOKEN.finditer(folded)
    ]


@dataclass(frozen=True, slots=True)
class _Entry:
    term: Term
    alt: StemAlt
    prefix: str
    """For a multi-word term, the folded words before the last one, spaces removed."""
    harmonies: tuple[str, ...]
    verb_stem: str
    """For verbs, the folded stem (lemma without -mAk)."""
    lemma: str
    """The folded lemma (or last word) the entry was built from."""


def _harmonies(word: str) -> tuple[str, ...]:
    lv = last_vowel(fold(word))
    if lv is None:  # an acronym without vowels (ABD): read either way
        return ("e", "a")
    if word.isupper() and len(word) > 1:
        return (lv, "e" if lv in BACK else "a")
    low = fold(word)
    if lv in BACK and (low.endswith("l") or low in _HARMONY_EXCEPTIONS):
        return (lv, _FRONT_OF.get(lv, lv))
    return (lv,)


_UNSOFTEN = {"ğ": "k", "b": "p", "c": "ç", "d": "t"}


def _compound_heads(word: str) -> list[StemAlt]:
    """The head of a compound's last word without its marker, for the plural that replaces
    the marker (``savaş uçağı`` → ``savaş uçakları``, ``parti meclisi`` → ``meclisleri``)."""
    heads = {word[:-1]}
    if word[-2] == "s" and len(word) > 3 and word[-3] in "aeıioöuü":
        heads.add(word[:-2])  # üniversite-si (and meclis-i: both are tried)
    heads |= {h[:-1] + _UNSOFTEN[h[-1]] for h in heads if h[-1] in _UNSOFTEN}
    return [
        StemAlt(h, "NCMP", lv=last_vowel(h) or "e", lc=h[-1])
        for h in sorted(heads)
        if len(h) >= 2 and not h.endswith(("lar", "ler"))
    ]


class TurkishMatcher:
    """Finds the terms of a glossary in Turkish sentences."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._by_stem: dict[str, list[_Entry]] = {}
        self._max_stem = 0
        self._cache: dict[str, tuple[tuple[_Entry, frozenset[frozenset[str]], bool], ...]] = {}
        for term in terms:
            for lemma in (term.tr, *term.variants):
                for entry in self._entries(term, lemma):
                    key = entry.alt.text
                    self._by_stem.setdefault(key, []).append(entry)
                    self._max_stem = max(self._max_stem, len(key))

    @staticmethod
    def _entries(term: Term, lemma: str) -> list[_Entry]:
        words = lemma.split()
        if not words:
            return []
        last = words[-1]
        prefix = "".join(fold(w) for w in words[:-1])
        low = fold(last)
        harm = _harmonies(last)
        verb_stem = ""
        if term.pos == "verb" and _MAK.search(low) and len(low) > 3:
            verb_stem = low[:-3]
            alts = verb_alternants(verb_stem)
            harm = _harmonies(verb_stem)
        else:
            alts = noun_alternants(low, vowel_drop=VOWEL_DROP, geminating=GEMINATING)
            if _COMPOUND_MARKER.search(low):
                # The word already carries the compound marker (Cumhurbaşkanı, Bakanlığı,
                # hakları): what follows is what follows a possessive.
                lv = last_vowel(low) or "e"
                alts.append(StemAlt(low, "NPOSS", lv=lv, lc=low[-1]))
                if prefix:
                    alts += _compound_heads(low)
        if last.isupper() and len(last) > 1 and low[-1] not in "aeıioöuü":
            # An acronym read letter by letter ends in a vowel: ABD'ye (a-be-de), AB'nin.
            alts.append(StemAlt(low, "N", lv="e", lc="e"))
            harm = ("e", *(h for h in harm if h != "e"))
        return [_Entry(term, a, prefix, harm, verb_stem, low) for a in alts]

    # -- single tokens -------------------------------------------------

    def _analyse(self, folded: str) -> tuple[tuple[_Entry, frozenset[frozenset[str]], bool], ...]:
        """The entries whose stem + suffixes spell ``folded``, with their parses and
        whether the reading holds whatever the context (the common case)."""
        cached = self._cache.get(folded)
        if cached is not None:
            return cached
        found: list[tuple[_Entry, frozenset[frozenset[str]], bool]] = []
        for n in range(1, min(len(folded), self._max_stem) + 1):
            entries = self._by_stem.get(folded[:n])
            if not entries:
                continue
            rest = folded[n:]
            for e in entries:
                if e.verb_stem and any(
                    folded.startswith(c) for c in LEXICAL_CAUSATIVES.get(e.verb_stem, ())
                ):
                    continue
                parses = parse_remainder(e.alt, rest, e.harmonies)
                if parses:
                    found.append((e, parses, self._context_free(e, parses, folded)))
        result = tuple(found)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[folded] = result
        return result

    def find(self, text: str) -> list[TrSpan]:
        """Every term occurrence in ``text``, in order of position."""
        folded = fold(text)
        matches = list(_TOKEN.finditer(folded))
        cache = self._cache
        toks: list[Token] | None = None
        out: list[TrSpan] = []
        for i, m in enumerate(matches):
            word = m.group()
            found = cache.get(word)
            if found is None:
                found = self._analyse(word)
            if not found:
                continue
            if toks is None:
                toks = [
                    Token(x.start(), x.end(), text[x.start() : x.end()], x.group()) for x in matches
                ]
            tok = toks[i]
            for entry, parses, static in found:
                if static:
                    out.append(TrSpan(entry.term, tok.start, tok.end, len(entry.alt.text)))
                    continue
                if entry.prefix:
                    start = self._prefix_start(toks, i, entry.prefix, text)
                    if start is None or self._free_phrase(toks, start):
                        continue
                else:
                    start = tok.start
                    if not self._case_ok(entry, tok):
                        continue
                if not self._reading_ok(entry, parses, toks, i, text):
                    continue
                out.append(TrSpan(entry.term, start, tok.end, len(entry.alt.text)))
        if not out:
            return out
        out = self._drop_compounds(out, folded)
        return _dedupe(out)

    @staticmethod
    def _context_free(entry: _Entry, parses: frozenset[frozenset[str]], word: str) -> bool:
        """True when the token is the term whatever its neighbours and capitals."""
        term = entry.term
        if entry.prefix or term.case_sensitive or term.pos == "propn" or term.tr.isupper():
            return False
        if word in POSTPOSITIONS or word == "takım" or word.replace("'", "") in I_ADJECTIVES:
            return False
        if entry.verb_stem and entry.verb_stem in LEXICAL_CAUSATIVES:
            return False
        context_flags = {FLAG_ACTION, FLAG_AORIST, FLAG_IMPERATIVE, FLAG_PREDICATE, FLAG_POSS3}
        return all(not p & context_flags for p in parses)

    @staticmethod
    def _free_phrase(toks: Sequence[Token], start: int) -> bool:
        """``en yüksek mahkeme`` 'the highest court' is a phrase, not the name Yüksek Mahkeme:
        a degree word before a multi-word term makes its first word an ordinary adjective."""
        k = next(n for n, t in enumerate(toks) if t.start == start)
        return k > 0 and toks[k - 1].folded in _DEGREE

    @staticmethod
    def _case_ok(entry: _Entry, tok: Token) -> bool:
        term = entry.term
        lemma = term.tr
        if term.case_sensitive or (lemma.isupper() and len(lemma) > 1):
            stem = entry.alt.text
            n = min(len(stem), len(lemma)) - (0 if stem == fold(lemma)[: len(stem)] else 1)
            return tok.text[:n] == lemma[:n]
        if term.pos == "propn" and lemma[:1].isupper():
            return tok.text[:1].isupper()
        return True

    @staticmethod
    def _prefix_start(toks: Sequence[Token], i: int, prefix: str, text: str) -> int | None:
        """Start of the words before token ``i`` that spell ``prefix`` (spaces free)."""
        acc = ""
        j = i
        while len(acc) < len(prefix) and j > 0:
            j -= 1
            between = text[toks[j].end : toks[j + 1].start]
            if between.strip():
                return None
            acc = toks[j].folded + acc
            if not prefix.endswith(acc):
                return None
        return toks[j].start if acc == prefix and j < i else None

    # -- context ---------------------------------------------------------

    def _reading_ok(
        self,
        entry: _Entry,
        parses: frozenset[frozenset[str]],
        toks: Sequence[Token],
        i: int,
        text: str,
    ) -> bool:
        tok = toks[i]
        word = tok.folded
        tail = text[tok.end :]
        after = text[tok.end : toks[i + 1].start] if i + 1 < len(toks) else tail
        nxt = toks[i + 1].folded if i + 1 < len(toks) and not after.strip() else ""
        prev = toks[i - 1] if i > 0 else None
        clause_end = bool(_CLAUSE_END.match(tail) or _PUNCT_AFTER.match(tail)) or (
            nxt in CLAUSE_PARTICLES
        )
        if entry.term.pos == "propn":
            parses = frozenset(p for p in parses if not p & {FLAG_POSS12, FLAG_EQUATIVE})
        if word in POSTPOSITIONS and not entry.prefix:
            return False
        if not clause_end:
            parses = frozenset(p for p in parses if FLAG_PREDICATE not in p)
        if entry.verb_stem:
            ma_noun = entry.verb_stem + (
                "ma" if (last_vowel(entry.verb_stem) or "e") in BACK else "me"
            )
            if (
                ma_noun in LEXICALISED_MA
                and word.startswith(ma_noun)
                and not self._verbal_context(prev, nxt, word, ma_noun)
            ):
                parses = frozenset(p for p in parses if FLAG_ACTION not in p)
            if not parses:
                return False
            if any(not p & {FLAG_AORIST, FLAG_IMPERATIVE} for p in parses):
                return True
            # Only a bare imperative or aorist reading: a verb ends its clause.
            if prev is not None and prev.folded in DETERMINERS:
                return False
            return clause_end
        if not parses:
            return False
        if word.replace("'", "") in I_ADJECTIVES and any(FLAG_POSS3 in p for p in parses):
            return self._noun_not_adjective(toks, i, tail, nxt, text)
        if word == "takım" and prev is not None and prev.folded == "bir":
            # birtakım 'some' written apart: a plural noun follows within a few words
            return not any("lar" in t.folded or "ler" in t.folded for t in toks[i + 1 : i + 4])
        return True

    @staticmethod
    def _verbal_context(prev: Token | None, nxt: str, word: str, ma_noun: str) -> bool:
        if prev is not None and _OBJECT_CLAUSE.search(prev.folded.replace("'", "")):
            return True
        return word.startswith(ma_noun + "s") and nxt in COMPLEMENT_TAKERS

    @staticmethod
    def _noun_not_adjective(toks: Sequence[Token], i: int, tail: str, nxt: str, text: str) -> bool:
        """``askeri``/``resmi``: the noun (``NATO askeri``), not the adjective (``askeri güç``)?"""
        tok = toks[i]
        if tok.text[:1].isupper():
            return False  # part of a name: Yüksek Askeri Şura
        if _CLAUSE_END.match(tail) or _PUNCT_AFTER.match(tail):
            return True
        prev = toks[i - 1] if i > 0 else None
        if prev is None or text[prev.end : tok.start].strip():
            return False
        after = [t.folded for t in toks[i + 1 : i + 3]]
        head = bool(nxt) and any(
            _COMPOUND_HEAD.search(w) and not _FINITE_VERB.search(w) for w in after
        )
        if _GENITIVE.search(prev.folded) and prev.folded not in ("onun", "bunun", "şunun"):
            # kadının resmi 'the woman's picture': a genitive wants a possessed noun
            return not head
        if not prev.text[:1].isupper() or "'" in prev.folded or i - 1 == 0:
            return False
        return not (nxt and _COMPOUND_HEAD.search(nxt) and not _FINITE_VERB.search(nxt))

    @staticmethod
    def _drop_compounds(spans: list[TrSpan], folded: str) -> list[TrSpan]:
        blocked: list[tuple[int, int]] = []
        for m in _compounds().finditer(folded):
            end = m.end()
            while end < len(folded) and (folded[end].isalpha() or folded[end] == "'"):
                end += 1
            blocked.append((m.start(), end))
        if not blocked:
            return spans
        keep = []
        for s in spans:
            inside = [
                (a, b)
                for a, b in blocked
                if a <= s.start and s.end <= b and (s.start, s.end) != (a, b)
            ]
            if inside and not any(s.start == a and s.end == b for a, b in inside):
                continue
            keep.append(s)
        return keep


@lru_cache(maxsize=1)
def _compounds() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in LEXICALISED_COMPOUNDS) + ")")


def _dedupe(spans: list[TrSpan]) -> list[TrSpan]:
    """One hit per (term, span); a token matched by two single-word terms whose stems
    nest (``öl``/``öldür``) goes to the longer stem."""
    if len(spans) == 1:
        return spans
    if len({(s.start, s.end) for s in spans}) == len(spans):
        return sorted(spans, key=lambda s: (s.start, s.end))
    seen: dict[tuple[str, int, int], TrSpan] = {}
    for s in spans:
        seen.setdefault((s.term.tr, s.start, s.end), s)
    result = sorted(seen.values(), key=lambda s: (s.start, s.end, s.term.tr))
    by_token: dict[tuple[int, int], list[TrSpan]] = {}
    for s in result:
        if not s.term.multiword:
            by_token.setdefault((s.start, s.end), []).append(s)
    drop: set[int] = set()
    for group in by_token.values():
        if len(group) > 1:
            best = max(s.stem_len for s in group)
            drop.update(id(s) for s in group if s.stem_len < best)
    return [s for s in result if id(s) not in drop]
