"""Closed-class words and suffixes that tell Turkish from English.

Language identifiers decide from letter n-grams, which is exactly what makes
them read a Turkish *name* in an English sentence (Kadıköy, Süreyya, İzmir)
as Turkish. Function words and inflection are grammar, not names: a
sentence with ``ve``, ``bir``, ``için`` or a word ending in ``-mış`` is
Turkish; one with ``the``, ``of``, ``was`` is English, whatever names it holds.

The lists hold frequent words whose spelling is unambiguous between the two
languages. Words that are common in both are left out on purpose: ``her``
("every" / "her"), ``on`` ("ten" / "on"), ``o`` ("that" / "o"), ``at``
("horse" / "at"), ``can`` ("soul", a first name), ``bin``, ``son``, ``an``, ``a``.
All entries are folded with :func:`align.normalize.fold` (Turkish lower case).
"""

from __future__ import annotations

__all__ = [
    "EN_CONTRACTIONS",
    "EN_FUNCTION_WORDS",
    "TR_APOSTROPHE_SUFFIXES",
    "TR_FUNCTION_WORDS",
    "TR_WORD_ENDINGS",
]



def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


TR_FUNCTION_WORDS: frozenset[str] = _words(
    """
    ve veya ya da de ki ile için gibi kadar daha çok ama fakat ancak lakin çünkü
    değil değildir değildi var vardı yok yoktu ise iken bir birer birkaç bu şu bunu
    şunu bunun şunun buna şuna bunlar şunlar bunların onlar onların onun ona onu
    ben sen biz siz beni seni bizi sizi bana sana bize size benim senin bizim sizin
    kendi kendisi kendisinin kendini hem hiç hiçbir mı mi mu mü mısın misin musun
    müsün mıydı miydi muydu müydü en pek gayet artık şimdi hemen sonra önce göre
    karşı doğru rağmen dolayı itibaren beri üzere diye yani belki nasıl neden niye
    niçin nerede ne zaman hangi kim kime kimin neler bazı bazen tüm bütün hep hepsi
    herkes hiçbir şey şeyi şeyler olarak olan olduğu olduğunu olduğuna olduğunda
    oldu olmuş olur olacak olması olmak olmayan olabilir olup etti eden eder etmek
    yaptı yapılan yapıldı dedi diyor söyledi belirtti açıkladı ifade sadece yalnızca
    yine gene ayrıca özellikle yaklaşık yüzde milyon milyar yıl yılı yılında yıllık
    gün günü kişi kişinin tarafından arasında üzerinde içinde sırasında
    yönelik ilgili konusunda hakkında bile böyle şöyle öyle böylece işte evet hayır
    lütfen teşekkürler merhaba peki kesinlikle tabii tabi acaba sanki galiba herhalde
    maalesef malesef hâlâ hala zaten şimdiye
    """
)
"""Turkish words (folded) that English text does not use."""

EN_FUNCTION_WORDS: frozenset[str] = _words(
    """
    the of and to in is was that for it with as by from he she they we his their
    this which who whom whose would will has have had been are were be not but
    said says an or its after about more than also there when what all out up
    could you my our your if into no new over just like only some them other then
    do did does doesn't didn't how because while where why most these those him
    should may might must shall been being such any each very much many same own
    here before between through during without against under again further once
    both few nor too than so yet upon within among across although though whether
    per via told according people year years first last time since until
    """
)
"""English words (folded) that Turkish text does not use."""

TR_APOSTROPHE_SUFFIXES: frozenset[str] = _words(
    """
    a e ya ye ı i u ü yı yi yu yü ın in un ün nın nin nun nün da de ta te dan den tan
    ten la le yla yle ca ce ça çe daki deki taki teki dır dir dur dür tır tir tur tür
    lar ler ları leri ların lerin lara lere larda lerde lardan lerden ında inde unda
    ünde ından inden undan ünden ına ine una üne ını ini unu ünü sı si su sü sın sin
    sun sün nda nde ndan nden na ne nı ni nu nü dı di du dü tı ti tu tü ydı ydi ydu ydü
    yken ken lı li lu lü lık lik luk lük dakini dekini ki ız iz uz üz yız yiz yuz yüz
    sın sin sun sün yım yim yum yüm ım im um üm
    """
)
"""What Turkish writes after an apostrophe on a name: case, possessive, copula, -ki.

``NATO'ya``, ``Türkiye'den``, ``İzmir'deki``, ``Lamb'in``. English uses the apostrophe
for ``'s``, ``'t``, ``'ll``, ``'re``, ``'ve``, ``'d``, ``'m`` (see :data:`EN_CONTRACTIONS`).
"""

EN_CONTRACTIONS: frozenset[str] = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
"""English endings after an apostrophe (``Turkey's``, ``don't``, ``we'll``)."""

TR_WORD_ENDINGS: tuple[str, ...] = (
    "ları", "leri", "ların", "lerin", "larda", "lerde", "lardan", "lerden", "lar", "ler",
    "ında", "inde", "unda", "ünde", "ından", "inden", "undan", "ünden",
    "yor", "yordu", "yorlar", "ıyor", "iyor", "uyor", "üyor",
    "mış", "miş", "muş", "müş", "mıştı", "mişti", "muştu", "müştü",
    "acak", "ecek", "acağı", "eceği", "mak", "mek", "ması", "mesi",
    "dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür",
    "sında", "sinde", "sını", "sini", "nın", "nin", "nun", "nün",
    "dığı", "diği", "duğu", "düğü", "tığı", "tiği", "tuğu", "tüğü",
    "arak", "erek", "ınca", "ince", "unca", "ünce",
    "ını", "ini", "unu", "ünü", "ına", "ine", "una", "üne",
)
"""Inflectional endings of Turkish words (plural, case, tense, nominalisation).

Used only as a tie-breaker for a word that stands alone (``Desenler…``), since
English words can end the same way (``smaller``, ``milder``).
"""
