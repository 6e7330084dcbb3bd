"""The bead scoring model: weights as data, derived features, direct scoring."""

from __future__ import annotations

import json

import numpy as np
import pytest

from align.aligner.model import ScoringModel, default_model, feature
from align.errors import HizalaError


def random_features(model: ScoringModel, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    names = {n.partition(">")[0] for n in (*model.pair_features, *model.per_type)}
    return {n: rng.normal(size=(5, len(model.types), 7)).astype(np.float32) for n in names}


def test_shipped_weights_load_and_say_where_they_come_from() -> None:
    model = default_model()
    assert model.w_pair.size == model.pair_dim
    assert "cv_f1_strict" in model.info and "trained_on" in model.info


def test_direct_scores_equal_design_times_weights() -> None:
    model = default_model()
    feats = random_features(model)
    np.testing.assert_allclose(
        model.pair_scores(feats), model.pair_design(feats) @ model.w_pair, rtol=1e-4, atol=1e-3
    )


def test_hinge_features() -> None:
    feats = {"cos": np.array([0.2, 0.5, 0.9], dtype=np.float32)}
    np.testing.assert_allclose(feature(feats, "cos>0.5"), [0.0, 0.0, 0.4], atol=1e-6)
    np.testing.assert_allclose(feature(feats, "cos"), feats["cos"])


def test_round_trip() -> None:
    model = default_model()
    again = ScoringModel.from_json(model.to_json())
    np.testing.assert_allclose(again.w_pair, model.w_pair, atol=1e-6)
    assert again.pair_features == model.pair_features


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other/9"), "unknown format 'other/9'"),
        (lambda d: d.pop("w_pair"), "'w_pair'"),
        (lambda d: d.update(w_pair=d["w_pair"][:-1]), "do not match their feature list"),
    ],
)
def test_bad_weights_files(mutate, message: str) -> None:
    data = json.loads(default_model().to_json())
    mutate(data)
    with pytest.raises(HizalaError, match=message) as exc:
        ScoringModel.from_json(json.dumps(data), "w.json")
    assert str(exc.value).startswith("w.json: ")
