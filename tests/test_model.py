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
    assert "trained_on" in model.info
    assert any(k.startswith("cv_") for k in model.info), "an out-of-fold figure"
    assert model.encoder == "use" and 0 < model.scale_prior.unrelated < model.scale_prior.related


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


def test_weights_without_a_type_prior_decode_without_re_estimating_it() -> None:
    data = json.loads(default_model().to_json())
    data.pop("type_prior")
    assert ScoringModel.from_json(json.dumps(data)).type_prior == ()


def test_round_trip() -> None:
    model = default_model()
    again = ScoringModel.from_json(model.to_json())
    np.testing.assert_allclose(again.w_pair, model.w_pair, atol=1e-6)
    assert again.pair_features == model.pair_features
    assert (again.encoder, again.scale_prior, again.low_confidence, again.calibration) == (
        model.encoder, model.scale_prior, model.low_confidence, model.calibration)
    np.testing.assert_allclose(again.type_prior, model.type_prior, atol=1e-6)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other/9"), "unknown format 'other/9'"),
        (lambda d: d.update(format="hizala-aligner-weights/1"), "expected hizala-aligner-weights/2"),
        (lambda d: d.pop("encoder"), "'encoder'"),
        (lambda d: d.update(scale_prior={"unrelated": 0.1}), "'related'"),
        (lambda d: d.pop("w_pair"), "'w_pair'"),
        (lambda d: d.update(w_pair=d["w_pair"][:-1]), "do not match their feature list"),
        (lambda d: d.update(type_prior=[0.5, 0.5]), "type_prior does not match their bead types"),
        (lambda d: d.update(type_prior="many"), "could not convert"),
    ],
)
def test_bad_weights_files(mutate, message: str) -> None:
    data = json.loads(default_model().to_json())
    mutate(data)
    with pytest.raises(HizalaError, match=message) as exc:
        ScoringModel.from_json(json.dumps(data), "w.json")
    assert str(exc.value).startswith("w.json: ")
