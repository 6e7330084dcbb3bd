"""The bead scoring model: features in, log-potentials out.

A bead's score is a weighted sum of standardised features (see
:mod:`.features`), with a separate weight per bead type for the intercept and
for the features whose meaning changes with the bead's size. The weights are
trained as a conditional random field over whole alignment paths (maximum
likelihood of the gold path, L2-regularised) by ``benchmarks/fit_aligner.py``
and stored as data in ``align/data/aligner_weights.json``, with the numbers
that describe the training run. The same design function serves training and
inference, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import HizalaError
from .scale import SimilarityScale

__all__ = [
    "DEFAULT_TYPES", "FORMAT", "ScoringModel", "default_model", "feature",
    "low_confidence_threshold",
]

FORMAT = "hizala-aligner-weights/2"
"""Version 2: similarity features on the document's scale, with the encoder and calibration."""

_TYPICAL_SCALE = SimilarityScale(0.1, 0.65)  # USE, between news and Bible text

DEFAULT_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0))
"""Bead types with a Turkish side; 0:1 is always available as well."""


def feature(feats: dict[str, NDArray[np.float32]], name: str) -> NDArray[np.float32]:
    """A feature by name; ``"cos>0.5"`` is the hinge ``max(cos - 0.5, 0)`` of a base feature.

    Hinges let a linear model treat "0.02 more similar" differently near a
    threshold than far from it (a merge that barely helps is not a merge).
    """
    base, sep, knot = name.partition(">")
    if not sep:
        return feats[name]
    hinge: NDArray[np.float32] = np.maximum(feats[base] - np.float32(float(knot)), 0.0)
    return hinge


@dataclass(frozen=True)
class ScoringModel:
    """Feature names, standardisation and weights of the bead scorer."""

    types: tuple[tuple[int, int], ...]
    pair_features: tuple[str, ...]
    """Features used as they are."""
    per_type: tuple[str, ...]
    """Features that also get one extra weight per bead type (other than the first)."""
    skip_features: tuple[str, ...]
    pair_mean: NDArray[np.float64]
    pair_scale: NDArray[np.float64]
    skip_mean: NDArray[np.float64]
    skip_scale: NDArray[np.float64]
    w_pair: NDArray[np.float64]
    w_skip_tr: NDArray[np.float64]
    """Weights for leaving a Turkish sentence unaligned (1:0); last entry is the bias."""
    w_skip_en: NDArray[np.float64]
    """Weights for leaving an English sentence unaligned (0:1); last entry is the bias."""
    encoder: str = "use"
    """The encoder the weights were fitted for (``use``, ``lexical``, ``transformers:…``)."""
    scale_prior: SimilarityScale = _TYPICAL_SCALE
    """The mean similarity scale of the training documents, which a short document's
    own estimate is shrunk towards (see :mod:`.scale`)."""
    low_confidence: float = 0.5
    """Beads whose confidence is below this are worth a reviewer's look first: chosen
    out of fold so that they are wrong at least half the time (see ``calibration``)."""
    calibration: tuple[tuple[float, float, int, float], ...] = ()
    """Out-of-fold error rate by confidence band: ``(low, high, beads, share wrong)``."""
    type_prior: tuple[float, ...] = ()
    """Share of each bead type (``types``, then 0:1) on the training documents' paths under
    these weights, which a document's own share replaces (:mod:`.priors`); empty: none."""
    info: dict[str, Any] = field(default_factory=dict)
    """Provenance: training data, regularisation, cross-validated F1."""

    def encoder_warning(self, encoder: str) -> str | None:
        """Why alignment and confidences may mislead with ``encoder``, or None if the
        weights were fitted for it. With ``lexical`` on wmt16 strict F1 falls from 0.978
        (USE, out of fold) to 0.712 (README, *Encoders*).
        """
        if encoder == self.encoder:
            return None
        return (
            f"the aligner's weights were fitted for encoder {self.encoder!r}, not {encoder!r}: "
            "alignment was not measured with it and confidences are not calibrated for it"
        )

    @property
    def pair_types(self) -> list[tuple[int, int]]:
        return [t for t in self.types if t[0] and t[1]]

    def pair_design(self, feats: dict[str, NDArray[np.float32]]) -> NDArray[np.float32]:
        """(n+1, types, width, d) standardised design array of every candidate."""
        base = [feature(feats, k) for k in self.pair_features]
        shape = base[0].shape
        onehot = []
        for t in self.pair_types:
            col = np.zeros(shape, dtype=np.float32)
            col[:, self.types.index(t), :] = 1.0
            onehot.append(col)
        inter = [feature(feats, k) * o for k in self.per_type for o in onehot[1:]]
        design = np.stack(base + onehot + inter, axis=-1)
        design -= self.pair_mean.astype(np.float32)
        design /= self.pair_scale.astype(np.float32)
        return design

    def pair_scores(self, feats: dict[str, NDArray[np.float32]]) -> NDArray[np.float64]:
        """``pair_design(feats) @ w_pair`` without building the design array."""
        w = self.w_pair / self.pair_scale
        shape = feats["cos"].shape
        out = np.full(shape, -float(w @ self.pair_mean))
        col = 0
        for k in self.pair_features:
            out += w[col] * feature(feats, k)
            col += 1
        type_index = [self.types.index(t) for t in self.pair_types]
        for t in type_index:
            out[:, t, :] += w[col]
            col += 1
        for k in self.per_type:
            values = feature(feats, k)
            for t in type_index[1:]:
                out[:, t, :] += w[col] * values[:, t, :]
                col += 1
        return out

    def skip_design(self, feats: dict[str, NDArray[np.float32]]) -> NDArray[np.float32]:
        """(n, d) standardised design of leaving each sentence unaligned, bias last."""
        cols = [feature(feats, k) for k in self.skip_features]
        x = (np.stack(cols, axis=-1) - self.skip_mean) / self.skip_scale
        return np.concatenate([x, np.ones((x.shape[0], 1))], axis=1).astype(np.float32)

    @property
    def pair_dim(self) -> int:
        return len(self.pair_features) + len(self.pair_types) * (1 + len(self.per_type)) - len(
            self.per_type
        )

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "encoder": self.encoder,
            "scale_prior": {"unrelated": round(self.scale_prior.unrelated, 6),
                            "related": round(self.scale_prior.related, 6)},
            "calibration": {
                "low_threshold": self.low_confidence,
                "bands": [list(row) for row in self.calibration],
            },
            "types": [list(t) for t in self.types],
            "type_prior": [round(p, 6) for p in self.type_prior],
            "pair_features": list(self.pair_features),
            "per_type": list(self.per_type),
            "skip_features": list(self.skip_features),
            "pair_mean": self.pair_mean.round(6).tolist(),
            "pair_scale": self.pair_scale.round(6).tolist(),
            "skip_mean": self.skip_mean.round(6).tolist(),
            "skip_scale": self.skip_scale.round(6).tolist(),
            "w_pair": self.w_pair.round(6).tolist(),
            "w_skip_tr": self.w_skip_tr.round(6).tolist(),
            "w_skip_en": self.w_skip_en.round(6).tolist(),
            "info": self.info,
        }
        return json.dumps(data, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "<weights>") -> ScoringModel:
        try:
            d = json.loads(text)
            if d.get("format") != FORMAT:
                raise ValueError(f"unknown format {d.get('format')!r} (expected {FORMAT})")
            arr = {k: np.asarray(d[k], dtype=np.float64) for k in (
                "pair_mean", "pair_scale", "skip_mean", "skip_scale",
                "w_pair", "w_skip_tr", "w_skip_en")}
            model = cls(
                types=tuple((int(a), int(b)) for a, b in d["types"]),
                pair_features=tuple(d["pair_features"]),
                per_type=tuple(d["per_type"]),
                skip_features=tuple(d["skip_features"]),
                encoder=str(d["encoder"]),
                scale_prior=SimilarityScale(
                    float(d["scale_prior"]["unrelated"]), float(d["scale_prior"]["related"])
                ),
                low_confidence=float(d["calibration"]["low_threshold"]),
                calibration=tuple(
                    (float(lo), float(hi), int(k), float(err))
                    for lo, hi, k, err in d["calibration"]["bands"]
                ),
                type_prior=tuple(float(p) for p in d.get("type_prior", ())),
                info=dict(d.get("info", {})),
                **arr,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise HizalaError(f"aligner weights are unusable: {exc}", path=source) from None
        if model.w_pair.size != model.pair_dim or model.pair_mean.size != model.pair_dim:
            raise HizalaError("aligner weights do not match their feature list", path=source)
        if model.type_prior and len(model.type_prior) != len(model.types) + 1:
            raise HizalaError("aligner weights' type_prior does not match their bead types",
                              path=source)
        return model

    @classmethod
    def load(cls, path: str | Path) -> ScoringModel:
        return cls.from_json(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def default_model() -> ScoringModel:
    """The weights shipped with hizala (fitted on news and Bible books; see their ``info``)."""
    text = resources.files("align").joinpath("data/aligner_weights.json").read_text("utf-8")
    return ScoringModel.from_json(text, "align/data/aligner_weights.json")


def low_confidence_threshold() -> float:
    """The confidence below which the shipped model's beads are wrong at least half the time
    (measured out of fold; :attr:`ScoringModel.low_confidence`)."""
    return default_model().low_confidence
