"""The similarity scale of one document: what its unrelated and its translated pairs score.

Cosines mean different things in different documents. With USE, a WMT news
sentence and its translation sit at about 0.70 and two unrelated sentences at
0.07; a free Turkish Bible paraphrase and the literal English verse sit at
about 0.51, unrelated verses at 0.14 (same topic, same names everywhere). A
model fitted on raw cosines learns the first scale and then takes the second
document's good 1:1 pairs for omissions. Another encoder has a scale of its
own again.

So every similarity feature is read against the document's own background,
as Vecalign does (it divides each cost by the cost of random pairs of the
same document) and Bertalign's margin does (a pair against its neighbours):

``level = (cos - unrelated) / (related - unrelated)``

is 0 for a typical unrelated pair and 1 for a typical translated one, in
any document and with any encoder; differences of cosines are divided by the
same spread. Both ends are estimated from samples, so the cost stays linear:

- ``unrelated``: mean cosine of up to :data:`SAMPLE` random sentence pairs;
- ``related``: median, over the sentences of both sides, of each sentence's
  best cosine inside its band window (its translation, for most sentences).

A short document gives noisy estimates, so both are shrunk towards the
model's own (the mean over the documents it was fitted on) with the weight of
:data:`PRIOR_SENTENCES` sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["GAP_FEATURES", "LEVEL_FEATURES", "SimilarityScale", "estimate_scale", "rescale"]

SAMPLE = 2000
"""Random pairs drawn to estimate the unrelated level (all pairs when there are fewer)."""
PRIOR_SENTENCES = 8.0
"""How many sentences the model's own scale counts for against a document's."""
RELATED_QUANTILE = 0.5
"""Which quantile of the sentences' best matches stands for a typical translation."""
MIN_SPREAD = 0.05
"""Smallest related - unrelated gap used (a document of near-identical sentences)."""

LEVEL_FEATURES = ("cos", "bg", "peer", "weakest", "cross", "best")
"""Features that are cosines: mapped to the document's level."""
GAP_FEATURES = ("gain", "split", "rival")
"""Features that are differences of cosines: divided by the document's spread."""


@dataclass(frozen=True, slots=True)
class SimilarityScale:
    """Where one document's unrelated and translated sentence pairs sit (cosine)."""

    unrelated: float
    """Typical cosine of two unrelated sentences (mean over random pairs)."""
    related: float
    """Typical cosine of a sentence and its translation (median best match)."""

    @property
    def spread(self) -> float:
        """``related - unrelated``, at least :data:`MIN_SPREAD`."""
        return max(self.related - self.unrelated, MIN_SPREAD)

    def level(self, cos: NDArray[np.float32]) -> NDArray[np.float32]:
        """Cosines as 0 (unrelated) … 1 (translated)."""
        out: NDArray[np.float32] = (cos - np.float32(self.unrelated)) * np.float32(1.0 / self.spread)
        return out

    def gap(self, diff: NDArray[np.float32]) -> NDArray[np.float32]:
        """A difference of cosines in units of the spread."""
        out: NDArray[np.float32] = diff * np.float32(1.0 / self.spread)
        return out


def estimate_scale(
    tr: NDArray[np.float32],
    en: NDArray[np.float32],
    best_tr: NDArray[np.float32],
    best_en: NDArray[np.float32],
    prior: SimilarityScale | None,
) -> SimilarityScale:
    """The scale of a document from its unit sentence vectors and each sentence's best cosine.

    The random pairs are drawn with a seed fixed by the document's size, so the
    same document always gets the same scale.
    """
    n, m = tr.shape[0], en.shape[0]
    if n == 0 or m == 0:
        return prior or SimilarityScale(0.0, 1.0)
    if n * m <= SAMPLE:
        unrelated = float((tr @ en.T).mean())
    else:
        rng = np.random.default_rng(n * 1_000_003 + m)
        i = rng.integers(0, n, SAMPLE)
        j = rng.integers(0, m, SAMPLE)
        unrelated = float(np.einsum("ij,ij->i", tr[i], en[j]).mean())
    related = float(np.quantile(np.concatenate([best_tr, best_en]), RELATED_QUANTILE))
    if prior is None:
        return SimilarityScale(unrelated, related)
    w = min(n, m) / (min(n, m) + PRIOR_SENTENCES)
    return SimilarityScale(
        w * unrelated + (1 - w) * prior.unrelated, w * related + (1 - w) * prior.related
    )


def rescale(feats: dict[str, NDArray[np.float32]], scale: SimilarityScale) -> None:
    """Map the similarity features of ``feats`` (in place) to the document's scale.

    For features defined everywhere (the 1:0 and 0:1 features); the bead
    features are mapped where they are computed, as some exist only for
    some bead types.
    """
    for name in LEVEL_FEATURES:
        if name in feats:
            feats[name] = scale.level(feats[name])
    for name in GAP_FEATURES:
        if name in feats:
            feats[name] = scale.gap(feats[name])
