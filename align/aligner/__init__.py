"""The sentence aligner: :func:`.core.align_texts` and the model it scores beads with.

:func:`low_confidence_threshold` is the confidence below which the shipped
model's beads are wrong at least half the time (measured out of fold); a
review worth ordering by risk takes the lowest confidence first.
"""

from .model import low_confidence_threshold

__all__ = ["low_confidence_threshold"]
