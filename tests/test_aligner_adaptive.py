"""Alignment judged against each document's own background.

The similarity of a translated pair depends on the text and on the encoder
(0.70 for news with USE, 0.51 for a free Bible paraphrase, something else
again with another encoder); the aligner reads every similarity on the
document's own scale (:mod:`align.aligner.scale`), so a clear 1:1 never
becomes an omission plus an addition just because the whole document sits
low.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from align.aligner import low_confidence_threshold
from align.aligner.core import align_texts
from align.aligner.model import default_model
from align.aligner.scale import PRIOR_SENTENCES, SimilarityScale, estimate_scale
from align.encoders.base import Encoder, Progress, l2_normalize
from align.formats import read_beads

DATA = Path(__file__).parent / "data" / "align"
DIM = 256


class LevelEncoder(Encoder):
    """Texts ``"<side> <k> …"``: sentence k of both sides share a direction, so a
    translated pair has cosine about ``level`` and an unrelated pair about 0."""

    def __init__(self, level: float) -> None:
        super().__init__()
        self.name = f"level:{level}"
        self.dim = DIM
        self.level = level

    def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
        rows = []
        for text in texts:
            k = int(text.split()[1])
            shared = np.random.default_rng(k).normal(size=DIM)
            own = np.random.default_rng(zlib.crc32(text.encode())).normal(size=DIM)
            a = np.sqrt(self.level)
            rows.append(a * shared / np.linalg.norm(shared)
                        + np.sqrt(1 - a * a) * own / np.linalg.norm(own))
        if progress is not None:
            progress(len(texts))
        return l2_normalize(np.asarray(rows, dtype=np.float32).reshape(-1, DIM))


def texts(side: str, count: int) -> list[str]:
    words = ("gözaltı", "şehir", "çocuk", "ağaç", "kitap", "öğrenci", "haber")
    return [f"{side} {k} " + " ".join(words[(k + i) % len(words)] for i in range(5 + k % 7))
            for k in range(count)]


@pytest.mark.parametrize("level", [0.25, 0.35, 0.5, 0.7, 0.9])
def test_a_document_whose_similarities_all_sit_low_still_aligns_one_to_one(level: float) -> None:
    """True pairs at cosine ``level``, unrelated pairs at 0 (± 0.06): every bead is 1:1,
    whatever the level (the weights were fitted on news at 0.70 and Bible text at 0.51)."""
    tr, en = texts("tr", 60), texts("en", 60)
    beads = align_texts(tr, en, LevelEncoder(level))
    assert [(b.tr, b.en) for b in beads] == [((k,), (k,)) for k in range(60)]


def test_an_omission_is_still_found_in_a_low_document() -> None:
    tr, en = texts("tr", 40), texts("en", 40)
    del en[17]  # Turkish 17 has no translation
    beads = [(b.tr, b.en) for b in align_texts(tr, en, LevelEncoder(0.3))]
    assert ((17,), ()) in beads
    assert sum(1 for x, y in beads if len(x) == len(y) == 1) == 39


def read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


@pytest.mark.model
def test_a_plain_one_to_one_news_document_gets_only_one_to_one_beads() -> None:
    """The 1:1 pairs of a WMT16 document, as a clean line-parallel text: no 1:0, 0:1
    or merged bead (the benchmark does the same on every devset document:
    ``bench_align.py plain``)."""
    from align.encoders import get_encoder

    tr_all, en_all = read(DATA / "wmt16_007.tr.txt"), read(DATA / "wmt16_007.en.txt")
    pairs = [(b.tr[0], b.en[0]) for b in read_beads(DATA / "wmt16_007.gold")
             if len(b.tr) == len(b.en) == 1]
    tr = [tr_all[i] for i, _ in pairs]
    en = [en_all[j] for _, j in pairs]
    beads = align_texts(tr, en, get_encoder("use"))
    assert [(b.tr, b.en) for b in beads] == [((k,), (k,)) for k in range(len(pairs))]


def test_scale_of_a_short_document_leans_on_the_model() -> None:
    rng = np.random.default_rng(0)
    x = l2_normalize(rng.normal(size=(4, 16)).astype(np.float32))
    best = np.full(4, 0.9, dtype=np.float32)
    prior = SimilarityScale(0.1, 0.6)
    own = estimate_scale(x, x, best, best, None)
    shrunk = estimate_scale(x, x, best, best, prior)
    w = 4 / (4 + PRIOR_SENTENCES)
    assert shrunk.related == pytest.approx(w * 0.9 + (1 - w) * 0.6)
    assert shrunk.unrelated == pytest.approx(w * own.unrelated + (1 - w) * 0.1, abs=1e-6)


def test_scale_is_the_same_every_time_and_samples_large_documents() -> None:
    rng = np.random.default_rng(1)
    x = l2_normalize(rng.normal(size=(300, 16)).astype(np.float32))
    y = l2_normalize(rng.normal(size=(280, 16)).astype(np.float32))
    best = np.ones(300, dtype=np.float32)
    first = estimate_scale(x, y, best, best[:280], None)
    assert first == estimate_scale(x, y, best, best[:280], None)
    assert first.unrelated == pytest.approx(float((x @ y.T).mean()), abs=0.01)


@pytest.mark.parametrize(
    ("scale", "spread"),
    [(SimilarityScale(0.1, 0.6), 0.5), (SimilarityScale(0.3, 0.3), 0.05), (SimilarityScale(0.5, 0.2), 0.05)],
)
def test_spread_never_collapses(scale: SimilarityScale, spread: float) -> None:
    assert scale.spread == pytest.approx(spread)
    assert np.isfinite(scale.level(np.array([0.0, 1.0], dtype=np.float32))).all()


@pytest.mark.parametrize(
    ("encoder", "warns"),
    [("use", False), ("lexical", True), ("transformers:/models/labse", True), ("fake", True)],
)
def test_weights_say_which_encoder_they_were_fitted_for(encoder: str, warns: bool) -> None:
    model = default_model()
    assert model.encoder == "use"
    message = model.encoder_warning(encoder)
    assert (message is not None) == warns
    if message:
        assert "'use'" in message and repr(encoder) in message and "\n" not in message


def test_low_confidence_threshold_comes_from_the_weights() -> None:
    model = default_model()
    assert low_confidence_threshold() == model.low_confidence
    assert 0.0 < model.low_confidence < 1.0
    below = [row for row in model.calibration if row[1] <= model.low_confidence]
    assert below, "the calibration table covers the threshold"




def test_a_two_sentence_document_leans_on_the_usual_merge_not_on_its_own() -> None:
    """With two sentences, the only 2:2 candidate would be its own 'typical merge' (and
    so look like nothing special, which made it 2:2): a short document's typical values
    are shrunk towards the devsets' (``features.USUAL_TYPICAL``)."""
    from align.encoders.fake import FakeEncoder

    tr = ["İzmir’de 24 Haziran 2026'da eylem yapıldı.", "NATO'ya karşı pankart asıldı."]
    en = ["A protest was held in İzmir on 24 June 2026.", "A banner against NATO was hung."]
    beads = align_texts(tr, en, FakeEncoder())
    assert [(b.tr, b.en) for b in beads] == [((0,), (0,)), ((1,), (1,))]
