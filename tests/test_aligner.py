"""The aligner end to end: synthetic documents with the fake encoder, real news with USE."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from align.aligner.core import AlignConfig, align_texts
from align.aligner.dp import band_around
from align.aligner.guide import guide_centers
from align.encoders import get_encoder
from align.evaluate import score_alignments
from align.formats import check_complete, read_beads

DATA = Path(__file__).parent / "data" / "align"
WORDS = (
    "gözaltı tutuklama baskı valilik pankart üs ırk şehir çocuk ağaç kitap İzmir Kadıköy "
    "NATO Ankara bakanlık açıklama meclis seçim oy yasa hükümet muhalefet polis eylem "
    "protesto grev işçi sendika öğrenci üniversite gazete haber televizyon radyo"
).split()


def sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.sample(WORDS, 6)) + f" {k}." for k in range(count)]


def as_pairs(beads):
    return [(b.tr, b.en) for b in beads]


@pytest.fixture(scope="module")
def fake():
    return get_encoder("fake")


def test_identical_documents_align_one_to_one(fake) -> None:
    tr = sentences(40, 1)
    beads = align_texts(tr, list(tr), fake)
    assert as_pairs(beads) == [((i,), (i,)) for i in range(40)]
    assert min(b.score for b in beads) > 0.9


def test_merges_and_omissions_are_recovered(fake) -> None:
    tr = sentences(30, 2)
    en = list(tr)
    en[5:7] = [en[5] + " " + en[6]]  # two Turkish sentences in one English
    del en[20]  # Turkish 21 has no English
    beads = as_pairs(align_texts(tr, en, fake))
    assert ((5, 6), (5,)) in beads
    assert ((21,), ()) in beads
    check_complete([b for b in align_texts(tr, en, fake)], len(tr), len(en))


@pytest.mark.parametrize(("n", "m"), [(0, 0), (0, 3), (3, 0), (1, 1), (1, 7), (7, 1)])
def test_degenerate_sizes_cover_every_unit(fake, n: int, m: int) -> None:
    beads = align_texts(sentences(n, 3), sentences(m, 4), fake)
    check_complete(beads, n, m)
    assert all(0.0 <= b.score <= 1.0 for b in beads)


def test_empty_units_are_units(fake) -> None:
    tr = ["Bir.", "", "Üç."]
    en = ["One.", "", "Three."]
    beads = align_texts(tr, en, fake)
    check_complete(beads, 3, 3)


def test_long_documents_stay_inside_a_narrow_band(fake) -> None:
    """Linear memory: the band width does not grow with the document."""
    tr = sentences(3000, 5)
    en = tr[:1500] + tr[1501:]
    emb_tr, emb_en = fake.encode(tr), fake.encode(en)
    centers = guide_centers(emb_tr, emb_en, full_cells=10_000)
    band = band_around(centers, len(en), AlignConfig().radius)
    assert band.width <= 2 * AlignConfig().radius + 2
    beads = align_texts(tr, en, fake)
    check_complete(beads, len(tr), len(en))
    assert ((1500,), ()) in as_pairs(beads)


def test_an_added_english_passage_is_followed(fake) -> None:
    """A block of English with no Turkish (an added section) widens the band, not breaks it."""
    tr = sentences(60, 6)
    extra = sentences(80, 7)
    en = tr[:30] + extra + tr[30:]
    beads = as_pairs(align_texts(tr, en, fake))
    assert ((30,), (110,)) in beads
    assert all(((i,), (i + 80,)) in beads for i in range(31, 60))
    # the fake encoder's small vocabulary lets an added sentence join a neighbour
    assert sum(1 for x, y in beads if not x) >= 78


@pytest.mark.model
def test_real_news_with_use() -> None:
    """A WMT16 newstest document (merges and omissions added) with the real encoder."""
    read = lambda p: p.read_text(encoding="utf-8").split("\n")[:-1]  # noqa: E731
    tr, en = read(DATA / "wmt16_007.tr.txt"), read(DATA / "wmt16_007.en.txt")
    gold = as_pairs(read_beads(DATA / "wmt16_007.gold"))
    beads = align_texts(tr, en, get_encoder("use"))
    check_complete(beads, len(tr), len(en))
    scores = score_alignments([gold], [as_pairs(beads)])
    assert scores.f1_strict >= 0.95, scores
    right = [b.score for b in beads if (b.tr, b.en) in set(gold)]
    wrong = [b.score for b in beads if (b.tr, b.en) not in set(gold)]
    if wrong:  # the beads it gets wrong are the ones it is least sure of
        assert np.mean(wrong) < np.mean(right)
