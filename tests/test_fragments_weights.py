"""The fitted numbers of fragment pairing are data (align/data/fragment_weights.json), with
their provenance, and the models' defaults are exactly those numbers.

Refitting them needs the devset, which tests never read: ``python
benchmarks/fit_fragments.py --check`` refits on ../shared/devset/mixed and exits 1 unless
it gives the shipped numbers (about 10 s).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from align.errors import HizalaError
from align.fragments.fitted import FORMAT, FragmentWeights, shipped_weights
from align.fragments.pair import FEATURES, PairingModel
from align.fragments.search import NULL_FEATURES, PRIOR_FEATURES, SearchModel

SHIPPED = resources.files("align").joinpath("data/fragment_weights.json").read_text("utf-8")


def test_the_shipped_weights_say_how_they_were_fitted() -> None:
    info = shipped_weights().info
    assert "even-numbered articles" in info["fitted_on"] and "held out" in info["fitted_on"]
    assert info["command"].startswith("python benchmarks/fit_fragments.py")
    assert "-o align/data/fragment_weights.json" in info["command"]
    assert {"method", "not_fitted", "encoder"} <= set(info)
    scores = info["pairing_accuracy_with_the_search"]
    assert any("held out" in k for k in scores) and any("in-sample" in k for k in scores)


def test_the_models_defaults_are_the_shipped_numbers() -> None:
    w = shipped_weights()
    assert (w.pairing_features, w.prior_features, w.null_features) == (
        FEATURES, PRIOR_FEATURES, NULL_FEATURES)
    model = PairingModel()
    assert (model.weights, model.bias, model.threshold) == (
        w.pairing_weights, w.bias, w.threshold)
    search = SearchModel()
    assert (search.candidate_weights, search.null_weights, search.cosine_llr,
            search.first_round, search.stop) == (
        w.candidate_weights, w.null_weights, w.cosine_llr, w.first_round, w.stop)
    assert 0.0 < w.threshold < 1.0


def test_the_file_is_what_the_fitting_script_writes() -> None:
    """Written by FragmentWeights.to_json (benchmarks/fit_fragments.py -o), byte for byte."""
    again = FragmentWeights.from_json(shipped_weights().to_json())
    assert again == shipped_weights() and again.info == shipped_weights().info
    assert shipped_weights().to_json() == SHIPPED


def _broken(change: Any) -> str:
    data = json.loads(SHIPPED)
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other/2"), f"unknown format 'other/2' \\(expected {FORMAT}\\)"),
        (lambda d: d["pairing"].pop("bias"), "unusable: 'bias'"),
        (lambda d: d["search"].update(null_weights=[1.0]), "do not match their feature lists"),
        (lambda d: d["pairing"].update(weights=d["pairing"]["weights"][:-1]),
         "do not match their feature lists"),
        (lambda d: d["pairing"].update(threshold=1.5), "threshold 1.5 is not in"),
        (lambda d: d["search"].update(cosine_llr=[1.0, 2.0]), "three numbers"),
        (lambda d: d["pairing"].update(weights=["high"] * 6), "could not convert"),
    ],
    ids=["format", "missing", "null-length", "pairing-length", "threshold", "llr", "not-numbers"],
)
def test_bad_weights_files_are_refused_naming_the_file(change: Any, message: str) -> None:
    with pytest.raises(HizalaError, match=message) as err:
        FragmentWeights.from_json(_broken(change), "w.json")
    assert str(err.value).startswith("w.json: ")


def test_weights_for_other_features_are_refused() -> None:
    w = shipped_weights()
    renamed = ("similarity", *w.pairing_features[1:])
    with pytest.raises(HizalaError, match="refit them"):
        w.check_features("pairing", renamed, FEATURES)
