"""A small mixed article for the store tests: Turkish fragments with their pairings given
by hand (so the tests do not depend on detection or on an encoder), Turkish letters,
curly quotes and apostrophes, & < >.

Fragments, in article order:

0. a paragraph (a slogan), paired with the English quotation that renders it;
1. a quotation inside an English sentence, paired with the next sentence;
2. comment-form boilerplate with no English (a 1:0 bead).
"""

from __future__ import annotations

from pathlib import Path

import store_fixtures
from store_fixtures import CLOCK, fixed_clock

from align.fragments.model import EnglishSpan, Fragment, FragmentMatch
from align.store import Project, RunSignature
from align.textio import read_text
from align.types import Bead

ARTICLE = (
    "Anti-NATO protest in İzmir\n"
    "\n"
    "Hundreds of people gathered in Kadıköy on Sunday & Monday, the organisers said.\n"
    "\n"
    "NATO’ya hayır! Emperyalist savaşa karşı birleşelim.\n"
    "\n"
    "The crowd chanted: “No to NATO! Let us unite against the imperialist war.” "
    "Police watched from a distance.\n"
    "\n"
    "One banner read “Gözaltılar derhal durdurulsun” and another asked for <peace>. "
    "The protesters demanded that the detentions be stopped at once.\n"
    "\n"
    "Lütfen yorumunuzu giriniz!\n"
)

SLOGAN = "NATO’ya hayır! Emperyalist savaşa karşı birleşelim."
SLOGAN_EN = "No to NATO! Let us unite against the imperialist war."
BANNER = "Gözaltılar derhal durdurulsun"
BANNER_EN = "The protesters demanded that the detentions be stopped at once."
FOOTER = "Lütfen yorumunuzu giriniz!"
POLICE = "Police watched from a distance."
GATHERED = "Hundreds of people gathered in Kadıköy on Sunday & Monday, the organisers said."
BANNER_SENTENCE = "One banner read “Gözaltılar derhal durdurulsun” and another asked for <peace>."

SIGNATURE = RunSignature("0.1.0", "fake", (("kind", "mixed"),))


def span(text: str) -> tuple[int, int]:
    """Where ``text`` is in the article."""
    a = ARTICLE.index(text)
    return a, a + len(text)


def english(text: str) -> EnglishSpan:
    a, b = span(text)
    return EnglishSpan(a, b, text)


def fragment(text: str, kind: str, paragraph: int) -> Fragment:
    a, b = span(text)
    return Fragment(a, b, text, kind, 0.99, paragraph)


MATCHES = [
    FragmentMatch(fragment(SLOGAN, "paragraph", 2), english(SLOGAN_EN), 0.82,
                  english(SLOGAN_EN), "score 0.82 (similarity 0.74)"),
    FragmentMatch(fragment(BANNER, "quote", 4), english(BANNER_EN), 0.64,
                  english(BANNER_EN), "score 0.64 (similarity 0.55)"),
    FragmentMatch(fragment(FOOTER, "paragraph", 5), None, 0.12, english(POLICE),
                  "no English sentence renders it: the best candidate scores 0.12 "
                  "(similarity 0.20), below the threshold 0.37"),
]


def write_article(folder: Path, name: str = "makale.en.txt") -> Path:
    path = folder / name
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def mixed_project(folder: Path, *, name: str = "m.hizala", pair: bool = False) -> Project:
    """A project open for changes with the article as its (last) document; with ``pair``,
    the six-bead document pair of :mod:`store_fixtures` comes first."""
    project = Project.create(folder / name, encoder="fake", user="ayşe", clock=fixed_clock)
    if pair:
        project.add_document(
            store_fixtures.document(store_fixtures.TR, "tr", str(folder / "haber.tr.txt")),
            store_fixtures.document(store_fixtures.EN, "en", str(folder / "haber.en.txt")),
            [Bead((i,), (i,), 0.9 - 0.1 * i) for i in range(6)],
            signature=store_fixtures.SIGNATURE,
        )
    source = read_text(write_article(folder))
    project.add_mixed_document(source, MATCHES, signature=SIGNATURE)
    return project


__all__ = [
    "ARTICLE", "BANNER", "BANNER_EN", "BANNER_SENTENCE", "CLOCK", "FOOTER", "GATHERED",
    "MATCHES", "POLICE", "SIGNATURE", "SLOGAN", "SLOGAN_EN", "english", "mixed_project",
    "span", "write_article",
]
