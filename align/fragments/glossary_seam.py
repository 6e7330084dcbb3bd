"""Where fragment pairing meets the glossary module (``align.glossary``), built apart.

Pairing takes any object with ``term_pairs(tr, en)`` (see
:class:`.pair.GlossaryEvidence`). :func:`load_glossary_evidence` is the one
place that turns a glossary *file* into such an object; it expects
``align.glossary.load_glossary(path)`` to return one, and says clearly when the
module, the function or the method is not there.
"""

from __future__ import annotations

import importlib
from os import PathLike, fspath

from ..errors import GlossaryError
from .pair import GlossaryEvidence

__all__ = ["load_glossary_evidence"]


def load_glossary_evidence(path: str | PathLike[str]) -> GlossaryEvidence:
    """The glossary in ``path``, ready to give pairing its term pairs."""
    try:
        module = importlib.import_module("align.glossary")
    except ModuleNotFoundError as exc:
        if exc.name not in ("align.glossary", "align"):
            raise
        raise GlossaryError(
            "--glossary needs hizala's glossary support (align.glossary), which this "
            "installation does not have yet; run without --glossary or update hizala",
            path=fspath(path),
        ) from None
    loader = getattr(module, "load_glossary", None)
    if loader is None:
        raise GlossaryError(
            "this hizala's glossary module has no load_glossary(); fragments cannot use "
            "--glossary with it yet; run without --glossary",
            path=fspath(path),
        )
    glossary = loader(path)
    if not isinstance(glossary, GlossaryEvidence):
        raise GlossaryError(
            "this hizala's glossary does not offer term_pairs(tr, en), which pairing needs; "
            "run without --glossary",
            path=fspath(path),
        )
    return glossary
