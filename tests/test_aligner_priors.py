"""Bead-type priors re-estimated per document (:mod:`align.aligner.priors`).

The weights expect the bead-type mix they were fitted on; a document that
shows no sign of omissions should stop paying for them, and one full of
them should stop being penalised for them.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_aligner_adaptive import LevelEncoder, texts

from align.aligner import core
from align.aligner.dp import NEG, Band, Lattice, backtrack, forward
from align.aligner.priors import adapt_type_priors, expected_types

TYPES = ((1, 1), (1, 0))


def lattice(n: int, pair: float, skip: float) -> Lattice:
    """Every Turkish sentence i is most alike English i (score ``pair``, others 0);
    leaving a sentence out on either side scores ``skip``."""
    band = Band(lo=np.zeros(n + 1, dtype=np.int64), width=n + 1, n=n, m=n)
    scores = np.full((n + 1, len(TYPES), n + 1), NEG)
    for i in range(1, n + 1):
        scores[i, 0, 1:] = 0.0
        scores[i, 0, i] = pair
        scores[i, 1, :] = skip
    insert = np.full(n + 1, skip)
    insert[0] = NEG
    return Lattice(band, TYPES, scores, insert)


def shift(before: Lattice, after: Lattice, t: int) -> float:
    return float(after.scores[1, t, 1] - before.scores[1, t, 1])


def test_a_document_with_no_omissions_makes_them_cost_more() -> None:
    lat = lattice(40, pair=4.0, skip=-1.0)
    prior = np.array([0.8, 0.1, 0.1])  # trained on text with omissions and additions
    out = adapt_type_priors(lat, prior)
    assert shift(lat, out, 1) < -0.5  # 1:0
    assert out.insert[1] - lat.insert[1] < -0.5  # 0:1
    assert shift(lat, out, 0) > 0  # 1:1


def test_a_document_full_of_omissions_makes_them_cost_less() -> None:
    lat = lattice(40, pair=0.0, skip=1.0)  # nothing matches
    out = adapt_type_priors(lat, np.array([0.98, 0.01, 0.01]))
    assert shift(lat, out, 1) > 0.5


def test_a_weak_one_to_one_the_training_mix_breaks_is_kept_whole() -> None:
    """Sentence pairs only a little better than leaving both out, in a document whose
    every other pair is clear: the first pass breaks the weak ones, the second does not."""
    lat = lattice(60, pair=6.0, skip=-1.0)
    for i in (10, 30, 50):
        lat.scores[i, 0, i] = -1.8  # 1:1 at -1.8 < 1:0 + 0:1 at -2 + prior shift
    prior = np.array([0.6, 0.2, 0.2])
    path = backtrack(lat, forward(lat)[1])
    assert sum(1 for i0, i1, j0, j1 in path if i1 - i0 == 1 and j1 - j0 == 1) == 60
    lat.scores[:, 1, :] += 0.2  # now the pair loses to an omission plus an addition
    lat.insert[1:] += 0.2
    first = backtrack(lat, forward(lat)[1])
    assert sum(1 for i0, i1, j0, j1 in first if i1 - i0 == 1 and j1 - j0 == 1) == 57
    adapted = adapt_type_priors(lat, prior)
    second = backtrack(adapted, forward(adapted)[1])
    assert sum(1 for i0, i1, j0, j1 in second if i1 - i0 == 1 and j1 - j0 == 1) == 60


def test_no_prior_leaves_the_lattice_as_it_is() -> None:
    lat = lattice(5, pair=1.0, skip=0.0)
    assert adapt_type_priors(lat, np.zeros(0)) is lat
    assert adapt_type_priors(lat, np.array([0.8, 0.1, 0.1]), rounds=0) is lat


def test_impossible_beads_stay_impossible() -> None:
    lat = lattice(6, pair=2.0, skip=-1.0)
    out = adapt_type_priors(lat, np.array([0.5, 0.25, 0.25]))
    assert (out.scores[lat.scores <= NEG / 2] <= NEG / 2).all()
    assert out.insert[0] <= NEG / 2


def test_expected_types_count_every_sentence_once() -> None:
    lat = lattice(8, pair=3.0, skip=-1.0)
    pairs, skips, inserts = expected_types(lat)
    assert pairs + skips == pytest.approx(8)
    assert pairs + inserts == pytest.approx(8)


def test_a_prior_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="2 type priors for 3 bead types"):
        adapt_type_priors(lattice(3, 1.0, 0.0), np.array([0.5, 0.5]))


@pytest.mark.parametrize(("name", "adapted"), [("use", True), ("fake", False), ("lexical", False)])
def test_priors_are_re_estimated_only_with_the_weights_own_encoder(
    monkeypatch: pytest.MonkeyPatch, name: str, adapted: bool
) -> None:
    """With another encoder the first pass is too weak to learn the document's mix from:
    its merges fed back into the priors merged more still."""
    calls: list[int] = []
    real = core.adapt_type_priors

    def recording(lat: Lattice, prior: np.ndarray) -> Lattice:
        calls.append(1)
        return real(lat, prior)

    monkeypatch.setattr(core, "adapt_type_priors", recording)
    encoder = LevelEncoder(0.6)
    encoder.name = name
    beads = core.align_texts(texts("tr", 30), texts("en", 30), encoder)
    assert [(b.tr, b.en) for b in beads] == [((k,), (k,)) for k in range(30)]
    assert bool(calls) is adapted
