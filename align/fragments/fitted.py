"""The fitted numbers of fragment pairing, kept as data beside the aligner's weights.

``align/data/fragment_weights.json`` holds the weights of the pairing model
(:class:`align.fragments.pair.PairingModel`: logistic weights over its
features, bias, acceptance threshold) and of the search that decides which
candidates are compared (:class:`align.fragments.search.SearchModel`: the
prior's weights, the cosine likelihood ratio, the first round and the stop),
each list with the feature names it goes with, and under ``info`` how they
were fitted: on what, with which command, and what they scored.
``benchmarks/fit_fragments.py -o align/data/fragment_weights.json`` writes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..errors import HizalaError

__all__ = ["FORMAT", "FragmentWeights", "shipped_weights"]

FORMAT = "hizala-fragment-weights/1"
"""The ``format`` of the file this module reads and writes."""

_SHIPPED = "data/fragment_weights.json"


@dataclass(frozen=True, slots=True)
class FragmentWeights:
    """Every fitted number of fragment pairing, with the feature names they go with."""

    pairing_features: tuple[str, ...]
    """The pairing model's features, in the order of :attr:`pairing_weights`."""
    pairing_weights: tuple[float, ...]
    """One logistic weight per pairing feature."""
    bias: float
    """Added before the logistic function."""
    threshold: float
    """Least pairing score of a match."""
    prior_features: tuple[str, ...]
    """The search prior's candidate features, in the order of :attr:`candidate_weights`."""
    candidate_weights: tuple[float, ...]
    """One weight per prior candidate feature."""
    null_features: tuple[str, ...]
    """The features of the utility of *none*, in the order of :attr:`null_weights`."""
    null_weights: tuple[float, ...]
    """One weight per *none* feature."""
    cosine_llr: tuple[float, float, float]
    """``(a, b, c)``: log likelihood ratio of a cosine ``x`` = ``a x + b x² + c``."""
    first_round: float
    """The share of its prior each fragment's first round of candidates must hold."""
    stop: float
    """The search stops when the unseen candidates hold less than this of the posterior."""
    info: dict[str, Any] = field(default_factory=dict, compare=False)
    """How they were fitted: data, command, scores (free form, for people)."""

    @classmethod
    def from_json(cls, text: str, source: str = "fragment weights") -> FragmentWeights:
        """Read the file's text; HizalaError (naming ``source``) if it is not usable."""
        try:
            d = json.loads(text)
            if d.get("format") != FORMAT:
                raise ValueError(f"unknown format {d.get('format')!r} (expected {FORMAT})")
            pairing, search = d["pairing"], d["search"]
            llr = tuple(float(v) for v in search["cosine_llr"])
            if len(llr) != 3:
                raise ValueError("cosine_llr needs three numbers")
            weights = cls(
                pairing_features=tuple(str(f) for f in pairing["features"]),
                pairing_weights=tuple(float(v) for v in pairing["weights"]),
                bias=float(pairing["bias"]),
                threshold=float(pairing["threshold"]),
                prior_features=tuple(str(f) for f in search["prior_features"]),
                candidate_weights=tuple(float(v) for v in search["candidate_weights"]),
                null_features=tuple(str(f) for f in search["null_features"]),
                null_weights=tuple(float(v) for v in search["null_weights"]),
                cosine_llr=(llr[0], llr[1], llr[2]),
                first_round=float(search["first_round"]),
                stop=float(search["stop"]),
                info=dict(d.get("info", {})),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise HizalaError(f"fragment weights are unusable: {exc}", path=source) from None
        pairs = (
            (weights.pairing_features, weights.pairing_weights),
            (weights.prior_features, weights.candidate_weights),
            (weights.null_features, weights.null_weights),
        )
        if any(len(names) != len(values) for names, values in pairs):
            raise HizalaError("fragment weights do not match their feature lists", path=source)
        if not 0.0 <= weights.threshold <= 1.0:
            raise HizalaError(f"the pairing threshold {weights.threshold} is not in [0, 1]",
                              path=source)
        return weights

    def to_json(self) -> str:
        """The file's text (what :meth:`from_json` reads back)."""
        data = {
            "format": FORMAT,
            "pairing": {
                "features": list(self.pairing_features),
                "weights": list(self.pairing_weights),
                "bias": self.bias,
                "threshold": self.threshold,
            },
            "search": {
                "prior_features": list(self.prior_features),
                "candidate_weights": list(self.candidate_weights),
                "null_features": list(self.null_features),
                "null_weights": list(self.null_weights),
                "cosine_llr": list(self.cosine_llr),
                "first_round": self.first_round,
                "stop": self.stop,
            },
            "info": self.info,
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def check_features(self, kind: str, names: tuple[str, ...], expected: tuple[str, ...]) -> None:
        """HizalaError unless the file's ``kind`` features are the code's ``expected`` ones,
        in order (weights fitted for other features would score nonsense)."""
        if names != expected:
            raise HizalaError(
                f"fragment weights are for the {kind} features {list(names)}, but this hizala "
                f"computes {list(expected)}; refit them (benchmarks/fit_fragments.py)",
                path=f"align/{_SHIPPED}",
            )


@cache
def shipped_weights() -> FragmentWeights:
    """The weights shipped with hizala (``align/data/fragment_weights.json``), read once."""
    text = resources.files("align").joinpath(_SHIPPED).read_text("utf-8")
    return FragmentWeights.from_json(text, f"align/{_SHIPPED}")
