"""Where QA checks plug into the store.

A *checker* computes the findings of one bead (:data:`~.operations.Checker`).
The glossary/QA module (``align.qa``) provides one for a glossary file
through ``align.qa.store_checker(glossary_path) -> Checker``; this module
only finds it, and says clearly when this hizala has no QA module yet.
"""

from __future__ import annotations

from importlib import import_module
from os import PathLike, fspath

from ..errors import HizalaError
from .findings import Checker

__all__ = ["glossary_checker"]


def glossary_checker(glossary: str | PathLike[str]) -> Checker:
    """The QA checker for ``glossary``; HizalaError if QA is not available in this build."""
    path = fspath(glossary)
    try:
        qa = import_module("align.qa")
    except ImportError:
        raise HizalaError(
            "glossary checks are not available yet in this hizala (no align.qa module); "
            "run without --glossary",
            path=path,
        ) from None
    factory = getattr(qa, "store_checker", None)
    if factory is None:
        raise HizalaError(
            "glossary checks are not available yet in this hizala (align.qa has no "
            "store_checker); run without --glossary",
            path=path,
        )
    checker: Checker = factory(path)
    return checker
