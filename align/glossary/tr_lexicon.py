"""Small Turkish lexicons the suffix grammar cannot know by itself.

Each list is general Turkish, not tied to any glossary: words that look like an
inflected form of a common noun or verb but are (usually) another lexeme.
All entries are Turkish-folded (lower case, ``'`` apostrophes).
"""

from __future__ import annotations

__all__ = [
    "CLAUSE_PARTICLES",
    "COMPLEMENT_TAKERS",
    "DETERMINERS",
    "GEMINATING",
    "I_ADJECTIVES",
    "LEXICALISED_COMPOUNDS",
    "LEXICALISED_MA",
    "LEXICAL_CAUSATIVES",
    "POSTPOSITIONS",
    "VOWEL_DROP",
]

I_ADJECTIVES = frozenset(
    [
        "askeri",
        "resmi",
        "dini",
        "tarihi",
        "ilmi",
        "kalbi",
        "hukuki",
        "insani",
        "şahsi",
        "asli",
        "akli",
        "fikri",
        "hissi",
        "zihni",
        "ruhi",
        "kanuni",
        "cinsi",
        "bedeni",
        "nakdi",
        "ilahi",
        "hayati",
        "nefsi",
        "cismi",
        "sıhhi",
        "tabii",
        "emniyeti",
    ]
)
"""Relational adjectives in -î (``askerî`` 'military', ``resmî`` 'official', ``dinî``…),
usually written without the circumflex, so that they look exactly like the noun
plus accusative/3rd-person possessive (``asker+i``, ``resim+i``, ``din+i``)."""

LEXICALISED_MA = frozenset(
    [
        "açıklama",
        "anlaşma",
        "sözleşme",
        "görüşme",
        "konuşma",
        "çatışma",
        "düzenleme",
        "değerlendirme",
        "dondurma",
        "kazma",
        "dolma",
        "basma",
        "gösteri",
        "toplama",
        "çıkarma",
        "yapma",
        "uzlaşma",
        "söyleşi",
        "gözlemleme",
        "yardımlaşma",
        "ayaklanma",
        "yükselme",
    ]
)
"""Verbal nouns in -mA that name a thing (``açıklama`` 'statement',
``anlaşma`` 'agreement', ``görüşme`` 'meeting'): a form of the verb only when the
context is verbal (an object clause before it, ``açıklaması zor``)."""

LEXICAL_CAUSATIVES = {
    "öl": ("öldür",),
    "bil": ("bildir",),
    "kal": ("kaldır",),
    "in": ("indir",),
    "sür": ("sürdür",),
    "yetiş": ("yetiştir",),
    "anla": ("anlat",),
    "yürü": ("yürüt",),
    "gör": ("göster",),
    "öğren": ("öğret",),
}
"""Causatives that are their own verb (``öldürmek`` 'kill' is not 'make die'):
their forms are not forms of the base verb. Transparent ones (``kazandırmak``,
``yazdırmak``) are inflection and stay."""

LEXICALISED_COMPOUNDS = (
    "hane halk",
    "takım elbise",
    "ev sahib",
    "ev sahip",
    "merkez üss",
    "yasa dış",
    "yasadış",
    "el yazma",
    "dünya evi",
    "dünya evin",
    "halka şekl",
    "halka halin",
    "kara para",
    "göz altın",
    "ana yasa",
    "baş yazar",
    "köşe yazar",
    "kara kutu",
    "kırmızı halı",
    "beyaz perde",
    "üst üste",
)
"""Word sequences whose meaning is not that of their parts (``hane halkı``
'household', ``takım elbise`` 'suit', ``ev sahibi`` 'host/home side', ``merkez
üssü`` 'epicentre', ``yasa dışı`` 'illegal'): a term inside one is not a hit unless
the whole sequence is itself the glossary term. Matched as prefixes of folded
words (``ev sahib`` covers ``ev sahibi``, ``ev sahibiydi``)."""

COMPLEMENT_TAKERS = frozenset(
    [
        "zor",
        "kolay",
        "gerek",
        "gerekiyor",
        "gerekir",
        "lazım",
        "mümkün",
        "imkânsız",
        "imkansız",
        "şart",
        "güç",
    ]
)
"""Words after which ``-mAsI`` is an action (``açıklaması zor`` 'hard to explain')."""

DETERMINERS = frozenset(["bir", "her", "bu", "şu", "o", "hiçbir", "birçok", "bazı", "baş"])
"""Words before which a bare aorist/imperative reading is a noun (``bir yazar``)."""

CLAUSE_PARTICLES = frozenset(["mi", "mı", "mu", "mü", "diye"])
"""Particles that may follow a finite verb before the clause ends."""

VOWEL_DROP = frozenset(
    [
        "şehir",
        "resim",
        "isim",
        "fikir",
        "hüküm",
        "akıl",
        "şekil",
        "kısım",
        "nesil",
        "vakit",
        "emir",
        "ömür",
        "sabır",
        "kayıp",
        "zihin",
        "beyin",
        "oğul",
        "ağız",
        "burun",
        "gönül",
        "alın",
        "boyun",
        "karın",
        "göğüs",
        "omuz",
        "asıl",
        "nakil",
        "hapis",
        "kahır",
        "cisim",
        "ilim",
        "zulüm",
        "seyir",
        "devir",
        "metin",
        "nehir",
        "keşif",
        "nakit",
        "kayıt",
        "hasım",
        "vakıf",
        "tavır",
        "kasıt",
        "nabız",
        "zikir",
        "şükür",
        "fikir",
        "sinir",
        "hapis",
        "izin",
        "hisar",
        "kabir",
        "sulh",
        "ecir",
        "meyil",
        "nakil",
        "kadir",
        "cüz",
        "küfür",
        "nefis",
    ]
)
"""Nouns whose last vowel drops before a vowel-initial suffix (``şehir`` → ``şehri``,
``resim`` → ``resmi``, ``hapis`` → ``hapse``). Other nouns keep it (``takım`` →
``takımı``, not ``takma``), so the drop is lexical and listed."""

GEMINATING = frozenset(
    [
        "üs",
        "hak",
        "his",
        "zam",
        "ret",
        "red",
        "hat",
        "sır",
        "af",
        "tıp",
        "şer",
        "had",
        "zan",
        "fen",
        "hac",
        "cet",
        "arz",
    ]
)
"""Monosyllabic loanwords that double their last consonant before a vowel
(``üs`` → ``üssü``, ``hak`` → ``hakkı``, ``ret`` → ``reddi``, ``tıp`` → ``tıbbı``)."""

POSTPOSITIONS = frozenset(
    [
        "hakkında",
        "hakkındaki",
        "tarafından",
        "sayesinde",
        "yüzünden",
        "boyunca",
        "yerine",
        "nedeniyle",
        "aracılığıyla",
        "vasıtasıyla",
        "açısından",
        "bakımından",
        "itibarıyla",
        "itibariyle",
        "dolayısıyla",
        "uyarınca",
        "karşısında",
    ]
)
"""Inflected nouns that work as postpositions (``hakkında`` 'about', ``tarafından``
'by', ``yerine`` 'instead of'): not the noun (``hak``, ``taraf``, ``yer``)."""
