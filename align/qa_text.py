"""Words of the English checked against the Turkish: Turkish left untranslated, and names
spelled otherwise than in the source.

``untranslated``: a run of English words copied from the Turkish sentence is Turkish left in
place of a translation when the words read as Turkish (function words, endings, letters —
:class:`~align.fragments.langid.LanguageScorer`; names count little, so ``Recep Tayyip
Erdoğan`` copied is fine); the whole sentence copied, three words or more, or a third of the
sentence is an ``error``, less a ``warning``. A single lower-case word with Turkish letters
(``gösteri``) is a ``warning`` too.

``name-spelling``: a capitalised word of one side that the other side writes one letter
apart (``Mississippi`` / ``Misissippi'den``, ``Erdoğan`` / ``Erdgoan``) is one name
misspelled on one side (an ``error``); Turkish exonyms a letter away from the English name
(``Fransa``/``France``, ``Irak``/``Iraq``) are not. Across a document, a name the English
spells two ways (``İzmir`` and ``Izmir``) is a ``warning``, once per spelling.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict

from .fragments.langid import LanguageScorer, Thresholds, Word, words
from .fragments.lexicon import TR_APOSTROPHE_SUFFIXES, TR_FUNCTION_WORDS, TR_WORD_ENDINGS
from .normalize import fold, tr_lower, tr_upper
from .qa_edit import one_edit
from .qa_finding import Finding

__all__ = ["name_findings", "name_spellings", "untranslated_findings"]

_TR_LETTERS = re.compile(r"[ğışçöüİĞŞı]")
# Turkish words English news keeps as they are (money, food): not left untranslated.
_LOANWORDS = frozenset({"kuruş", "döner", "börek", "köfte", "rakı", "şiş"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_PLAIN = str.maketrans("çğıöşüâîûÇĞİÖŞÜÂÎÛ", "cgiosuaiuCGIOSUAIU")
# A run of copied words needs less evidence than a free-standing unit: the copying is some.
_COPIED = Thresholds(total=1.5, mean=0.35)
# Turkish names of places a letter away from their English names (plain letters).
_EXONYMS = frozenset(
    tuple(pair.split("/"))
    for pair in (
        "fransa/france kanada/canada afrika/africa asya/asia irak/iraq kore/korea roma/rome "
        "beyrut/beirut tahran/tehran musul/mosul kerkuk/kirkuk israil/israel libya/lybia "
        "kuba/cuba kolombiya/colombia brezilya/brazil arjantin/argentina sirbistan/serbia "
        "rusya/russia polonya/poland ukrayna/ukraine avusturya/austria avustralya/australia "
        "belcika/belgium isvec/sweden isvicre/switzerland norvec/norway portekiz/portugal "
        "italya/italy almanya/germany ispanya/spain yunanistan/greece misir/egypt "
        "ingiltere/england londra/london moskova/moscow viyana/vienna atina/athens "
        "venedik/venice napoli/naples lizbon/lisbon varsova/warsaw prag/prague "
        "kahire/cairo halep/aleppo rakka/raqqa suriye/syria urdun/jordan lubnan/lebanon "
        "katar/qatar kuveyt/kuwait yemen/yemen umman/oman filistin/palestine gazze/gaza "
        "afganistan/afghanistan pakistan/pakistan hindistan/india cin/china japonya/japan "
        "meksika/mexico sili/chile peru/peru venezuela/venezuela nijerya/nigeria "
        "tunus/tunisia cezayir/algeria fas/morocco sudan/sudan somali/somalia kenya/kenya "
        "ahmet/ahmed mehmet/mehmed muhammed/mohammed mahmut/mahmoud hasan/hassan kabil/kabul "
        "bosna/bosnia nijer/niger"
    ).split()
)


@functools.cache
def _scorer() -> LanguageScorer:
    return LanguageScorer(thresholds=_COPIED)


def _plain(word: str) -> str:
    return unicodedata.normalize("NFC", word).translate(_PLAIN).lower()


def untranslated_findings(tr: str, en: str) -> list[Finding]:
    """The ``untranslated`` findings of a sentence pair (spans into ``tr`` and ``en``)."""
    if not tr.strip() or not en.strip():
        return []
    en_words = list(_WORD.finditer(en))
    if fold(" ".join(tr.split())) == fold(" ".join(en.split())) and len(en_words) > 2:
        if _scorer().is_turkish(words(en)):
            return [Finding("untranslated", "the English is the Turkish text itself",
                            (0, len(tr)), (0, len(en)))]
        return []
    tr_words = {fold(w.group()) for w in _WORD.finditer(tr)}
    out: list[Finding] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        if run:
            a, b = run[0].start(), run[-1].end()
            unit = [w for w in words(en[a:b], a) if w.base.rstrip("s") not in _LOANWORDS]
            suffixed = any(w.suffix in TR_APOSTROPHE_SUFFIXES for w in unit)
            if _quoted(en, a, b) or (len(unit) == 1 and len(unit[0].base) < 3):
                unit = []  # a quoted Turkish title ("Acıların Kadını"); de Boer
            if unit and _turkish_run(unit) and (suffixed or _scorer().is_turkish(unit)):
                long_ = len(unit) >= 3 or 3 * len(unit) >= len(en_words)
                out.append(Finding(
                    "untranslated", f"{en[a:b]!r} is left in Turkish (copied from the "
                    "Turkish)", None, (a, b), severity="error" if long_ else "warning"))
            run.clear()

    for w in en_words:
        if fold(w.group()) in tr_words and not (len(w.group()) > 1 and w.group().isupper()):
            if run and re.search(r"[^\W\d_]", en[run[-1].end() : w.start()]):
                flush()
            run.append(w)
            continue
        flush()
        word = w.group()
        if (word[:1].islower() and _TR_LETTERS.search(word)
                and fold(word).rstrip("s") not in _LOANWORDS):
            out.append(Finding("untranslated",
                               f"{word!r} looks like a Turkish word left in the English",
                               None, (w.start(), w.end()), severity="warning"))
    flush()
    return out


def _turkish_run(unit: list[Word]) -> bool:
    """Whether copied words can be Turkish text rather than names: names are capitalised
    and carry no grammar, so a run of capitalised words (``Mehmet Görmez``, ``Diyarbakır,
    İstanbul``) needs a function word, an apostrophe ending or two inflected words, and a
    lone word needs Turkish letters, an ending or grammar."""
    grammar = sum(w.base in TR_FUNCTION_WORDS or w.suffix in TR_APOSTROPHE_SUFFIXES for w in unit)
    endings = sum(_inflected(w.base) for w in unit)
    if all(w.capital for w in unit):  # a name or a title: Zaman Gazetesi, De Lutis
        suffixes = sum(w.suffix in TR_APOSTROPHE_SUFFIXES for w in unit)
        return suffixes > 0 or grammar >= 2 or endings >= 2
    if len(unit) == 1:
        w = unit[0]
        return grammar > 0 or endings > 0 or bool(_TR_LETTERS.search(w.text))
    return True


def _quoted(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is all that stands between two quotation marks (not apostrophes)."""
    before, after = text[:a].rstrip(), text[b:].lstrip()
    return bool(before) and bool(after) and before[-1] in "\"“«‘" and after[0] in "\"”»’"


def _inflected(base: str) -> bool:
    return any(base.endswith(e) and len(base) - len(e) >= 3 for e in TR_WORD_ENDINGS)


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------


_VOWELS = "aeiouy"
# How Turkish spells foreign names (English letter, Turkish letter): Criminal/Kriminal,
# Qasim/Kasım, Civil/Sivil, Sinjar/Sincar, Brazil/Brasil, Party/Parti, and the vowels of
# names written from Arabic or Persian (Saudi/Suudi, Laden/Ladin, Koran/Kuran).
_TRANSLIT = frozenset(
    tuple(p)
    for p in "ck qk cs jc wv zs sz yi iy xk au ua ei ie ou uo ae ea oa ao".split()
)
_TRANSLIT_FINAL = frozenset(tuple(p) for p in "dt bp gk ye yi".split())
_DIGRAPH_H = "ckstgpd"  # Kathmandu/Katmandu, Goncharov/Gonçarov, Kazakhstan, Dhabi/Dabi


def _transliterated(en: str, tr: str, op: str, k: int) -> bool:
    """Whether one edit between an English and a Turkish spelling is how Turkish writes the
    name rather than a typo: see :data:`_TRANSLIT`; a Turkish name without the English
    ``h`` of a digraph or at the start (Hotel/Otel), without the ``o`` of ``ou``
    (Rouhani/Ruhani, Group/Grup), an English word's ``-re`` written ``-er`` (Centre/Center)
    or with one letter of an English word's double
    (Professor/Profesör)."""
    if op == "sub":
        pair = (en[k], tr[k])
        if pair in _TRANSLIT or (k == len(en) - 1 and pair in _TRANSLIT_FINAL):
            return True
        return en[k] == "h" and k > 0 and en[k - 1] in _DIGRAPH_H and tr[k] in _VOWELS
    if op == "del":
        letter = en[k]
        if letter == "h":
            return k == 0 or en[k - 1] in _DIGRAPH_H
        if letter == "o":
            return en[k + 1 : k + 2] == "u"
        return letter in en[k - 1 : k] + en[k + 1 : k + 2] and _english_word(en)
    if op == "swap":  # Centre/Center, Theatre/Theater: British and American spelling
        return k == len(en) - 2 and en.endswith("re") and tr.endswith("er") and _english_word(en)
    if op == "ins":
        if tr[k] == "y":  # Piano/Piyano: Turkish keeps two vowels apart
            return tr[k - 1 : k] in tuple(_VOWELS) and tr[k + 1 : k + 2] in tuple(_VOWELS)
        return tr[k] == "i" and tr[k + 1 : k + 2] == "y"  # Dmitry/Dmitriy
    return False


@functools.lru_cache(maxsize=4096)
def _english_word(word: str) -> bool:
    """Whether lemminflect knows ``word`` as an English word (a cognate, not a name)."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word))


def _names(text: str, apostrophe_stem: bool) -> list[tuple[int, int, str]]:
    """Capitalised words of a text (not all capitals), as (start, end, plain key); the part
    before an apostrophe (Turkish) or without ``'s`` (English)."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        word = re.split(r"['’]", word)[0] if apostrophe_stem else re.sub(r"['’]s$", "", word)
        if word[:1].isupper() and not word.isupper() and len(word) >= 3:
            out.append((m.start(), m.start() + len(word), _plain(word)))
    return out


def _same_name(en_key: str, tr_key: str) -> bool:
    """Whether an English and a Turkish spelling write one name: the same letters (one of
    them inflected: Türk/Turks, Trump/Trump'ın), or as Turkish spells English (Irak/Iraq)."""
    if tr_key.startswith(en_key) or (len(tr_key) >= 4 and en_key.startswith(tr_key)):
        return True  # Türk/Turks, Don'lar/Dons
    edit = one_edit(en_key, tr_key)
    return (tr_key, en_key) in _EXONYMS or (
        edit is not None and _transliterated(en_key, tr_key, *edit)
    )


def name_findings(tr: str, en: str) -> list[Finding]:
    """A name one side writes one letter apart from the other side (``name-spelling``).

    A name of one side that the other side does not write is compared with the other
    side's names; one of them a letter away (and not a Turkish spelling of it) that is not
    itself accounted for — it occurs more often on its side than the first side writes it
    (``Akbank`` twice in the English, ``Akbank`` and ``Akank`` in the Turkish) — is the
    same name misspelled."""
    en_names = _names(en, apostrophe_stem=False)
    tr_names = _names(tr, apostrophe_stem=True)
    if not en_names or not tr_names:
        return []
    tr_words = [_plain(re.split(r"['’]", m.group())[0]) for m in _WORD.finditer(tr)]
    en_words = [_plain(re.sub(r"['’]s$", "", m.group())) for m in _WORD.finditer(en)]

    def written(key: str, english: bool) -> int:
        """How often the other side writes the name ``key`` of one side: as a word, or
        as a name of its own spelled the same way (inflected, or as Turkish spells it)."""
        words, names = (tr_words, tr_names) if english else (en_words, en_names)
        return sum(w == key for w in words) or sum(
            (_same_name(key, n) if english else _same_name(n, key))
            for _, _, n in names
            if len(n) >= 4 or n == key
        )

    out: list[Finding] = []
    reported: set[tuple[int, int]] = set()
    for mine, theirs, english in ((en_names, tr_names, True), (tr_names, en_names, False)):
        for a, b, key in mine:
            if len(key) < 4 or written(key, english):
                continue
            for c, d, other in theirs:
                en_key, tr_key = (key, other) if english else (other, key)
                (ea, eb), (ta, tb) = ((a, b), (c, d)) if english else ((c, d), (a, b))
                edit = one_edit(en_key, tr_key)
                if (
                    edit is None
                    or (ea, ta) in reported
                    or _transliterated(en_key, tr_key, *edit)
                    or (tr_key, en_key) in _EXONYMS
                    or (en_key.endswith("s") and tr_key.endswith(("ler", "lar")))
                    or en_key == tr_key + "s"  # Don'lar/Dons: the English plural
                    # Yüksek beside Yüksel/Yuksel: the English name has its counterpart
                    or sum(n == other for _, _, n in theirs) <= written(other, not english)
                ):
                    continue
                reported.add((ea, ta))
                out.append(Finding(
                    "name-spelling", f"{en[ea:eb]!r} in the English is {tr[ta:tb]!r} in the "
                    "Turkish; one of them is misspelled", (ta, tb), (ea, eb)))
                break
    return out


_NAME = re.compile(r"\b[A-ZÇĞİÖŞÜ][\wçğıöşüâîû]+(?:['’]s)?")


def name_spellings(text: str) -> list[Finding]:
    """Names an English document spells two ways (``İzmir`` and ``Izmir``), once per
    spelling, at its first place; capitals (``GİRESUN`` beside ``Giresun``) are case."""
    groups: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for m in _NAME.finditer(text):
        word = re.sub(r"['’]s$", "", m.group())
        if len(word) >= 3:  # As/AŞ: two letters make no name
            groups[_plain(word)][word].append((m.start(), m.start() + len(word)))
    out: list[Finding] = []
    for found in groups.values():
        if len(found) < 2:
            continue
        mixed = [w for w in found if not w.isupper()]
        spellings = {
            w: spans for w, spans in found.items()
            if not (w.isupper() and any(w in (tr_upper(v), v.upper()) for v in mixed))
        }
        ranked = sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))
        if len(ranked) < 2 or all(w.isupper() for w, _ in ranked[1:]) or len(
            {tr_lower(w) for w, _ in ranked}
        ) == 1:
            continue
        main = ranked[0][0]
        for word, spans in ranked[1:]:
            times = f" ({len(spans)} places)" if len(spans) > 1 else ""
            out.append(Finding(
                "name-spelling",
                f"{word!r}{times} is also spelled {main!r} in this document; spell it one way",
                None, spans[0], severity="warning"))
    return out
