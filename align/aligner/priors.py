"""Bead-type priors re-estimated per document from a first pass (an EM step).

The weights carry the bead-type mix of the documents they were fitted on:
news with its omissions and 2:1 merges, Bible books with their verse
merges. A document of another mix (every Turkish verse with exactly one
English verse, say) is then pushed towards types it does not have: a clear
1:1 broken into 1:0 + 0:1, an English verse split off a merge.

So, as in prior adjustment for a classifier whose class mix changed (Saerens,
Latinne and Decaestecker 2002): the first pass's posterior marginals give
the expected number of beads of each type in this document; their share,
smoothed towards the training share with the weight of :data:`STRENGTH`
beads, replaces it, by adding ``log(share_doc / share_train)`` to every
bead of that type; and again, :data:`ROUNDS` times. A type the document
shows no sign of costs more; the weights themselves are untouched.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .dp import NEG, Lattice
from .posterior import marginals

__all__ = ["ROUNDS", "STRENGTH", "adapt_type_priors", "expected_types"]

STRENGTH = 50.0
"""How many beads the training share counts for against the document's own."""
ROUNDS = 2
"""Re-estimations (each is a forward-backward pass over the band)."""


def expected_types(lattice: Lattice) -> NDArray[np.float64]:
    """Expected beads of each of ``lattice.types`` and, last, of 0:1, over all paths."""
    post = marginals(lattice)
    counts: NDArray[np.float64] = np.append(post.beads.sum(axis=(0, 2)), post.inserts.sum())
    return counts


def adapt_type_priors(
    lattice: Lattice,
    prior: NDArray[np.float64],
    strength: float = STRENGTH,
    rounds: int = ROUNDS,
) -> Lattice:
    """``lattice`` with each bead type's score shifted to this document's share of it.

    ``prior`` is the training share of each type (``lattice.types``, then 0:1);
    an empty one leaves the lattice as it is.
    """
    prior = np.asarray(prior, dtype=np.float64)
    if prior.size == 0 or rounds <= 0:
        return lattice
    if prior.size != len(lattice.types) + 1:
        raise ValueError(f"{prior.size} type priors for {len(lattice.types) + 1} bead types")
    prior = np.maximum(prior, 1e-6) / np.maximum(prior, 1e-6).sum()
    impossible = lattice.scores <= NEG / 2
    current = lattice
    for _ in range(rounds):
        counts = expected_types(current)
        share = (counts + strength * prior) / (counts.sum() + strength)
        shift = np.log(share / prior)
        scores = np.where(impossible, NEG, lattice.scores + shift[:-1][None, :, None])
        insert = np.where(lattice.insert <= NEG / 2, NEG, lattice.insert + shift[-1])
        current = Lattice(lattice.band, lattice.types, scores, insert)
    return current
