"""The work of one article in a batch of ``hizala fragments``: find its Turkish fragments,
pair them with their English, write the result atomically and stamp it.

The same engine as ``hizala batch`` runs these (:mod:`.engine`: in this
process or on a Dask cluster, largest first, resumable), so the task and its
settings are small frozen values that pickle, and a bad article is an
outcome, not an exception.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..encoders.base import Encoder
from ..errors import FormatError, HizalaError
from .outcome import Outcome, failed
from .stamp import file_sha256, is_current, make_stamp, write_stamp
from .views import with_own_cache

__all__ = ["FRAGMENT_SUFFIXES", "ArticleTask", "FragmentSettings", "article_is_current",
           "fragments_task"]

FRAGMENT_SUFFIXES = {".json": "json", ".tsv": "tsv", ".txt": "text"}
"""An output's extension -> the format written."""


@dataclass(frozen=True, slots=True)
class FragmentSettings:
    """How every article of a batch is searched (the options of ``hizala fragments``)."""

    signature: str
    """The run signature (encoder, detector, pairing model, threshold, glossary)."""
    glossary: str | None = None
    """A glossary whose term pairs count as evidence."""
    threshold: float | None = None
    """The least pairing score (None: the calibrated one)."""
    detector: str = "auto"
    """Word-level language evidence: ``auto``, ``lingua`` or ``rules``."""
    exhaustive: bool = True
    """Compare each fragment with every English sentence within reach."""
    encoding: str | None = None
    """A forced input encoding (None: detected)."""

    def stamp_settings(self, fmt: str) -> dict[str, object]:
        """Everything but the article that the output of format ``fmt`` depends on."""
        return {"signature": self.signature, "glossary": self.glossary,
                "threshold": self.threshold, "detector": self.detector,
                "exhaustive": self.exhaustive, "encoding": self.encoding, "format": fmt}


@dataclass(frozen=True, slots=True)
class ArticleTask:
    """One article of the batch."""

    index: int
    """0-based position in the list of articles."""
    where: str
    """``manifest:line``, or the article's path, for messages."""
    path: str
    """The English article."""
    out: str
    """The output file; its extension says the format (.json, .tsv, .txt)."""
    size: int = 0
    """Bytes of the article: large ones go first, and progress is counted in bytes."""

    @property
    def fmt(self) -> str:
        """The output format, from the extension ("" when it names none)."""
        return FRAGMENT_SUFFIXES.get(Path(self.out).suffix.lower(), "")


def article_is_current(task: ArticleTask, settings: FragmentSettings) -> bool:
    """Whether the article's output exists and was made from the same article, options
    and models."""
    inputs = _inputs(task, settings)
    return bool(task.fmt) and inputs is not None and is_current(
        task.out, make_stamp(inputs, settings.stamp_settings(task.fmt)))


def _inputs(task: ArticleTask, settings: FragmentSettings) -> list[str] | None:
    try:
        out = [file_sha256(task.path)]
        if settings.glossary:
            out.append(file_sha256(settings.glossary))
    except OSError:
        return None
    return out


def fragments_task(task: ArticleTask, settings: FragmentSettings, encoder: Encoder) -> Outcome:
    """Find and pair the article's fragments, write its output and its stamp."""
    from ..fragments.formats import render
    from ..textio import read_text

    t0 = time.perf_counter()
    try:
        if not task.fmt:
            raise FormatError(f"OUT must end in .json, .tsv or .txt, not {Path(task.out).name!r}")
        src = read_text(task.path, settings.encoding)
        results = find_in_text(src.text, settings, with_own_cache(encoder))
        write_atomic(task.out, render(task.fmt, results, src.text, src.path), error=FormatError,
                     sweep=False)
        inputs = [src.sha256] + ([file_sha256(settings.glossary)] if settings.glossary else [])
        write_stamp(task.out, make_stamp(inputs, settings.stamp_settings(task.fmt)))
    except HizalaError as exc:
        return failed(task, str(exc), time.perf_counter() - t0)
    except OSError as exc:  # the glossary went missing between two reads
        return failed(task, f"cannot read: {exc.strerror or exc}", time.perf_counter() - t0)
    return Outcome(task.where, task.index, task.size, units=len(results),
                   seconds=time.perf_counter() - t0)


def find_in_text(text: str, settings: FragmentSettings, encoder: Encoder) -> list[Any]:
    """The article's fragments with their English (:class:`~align.types.FragmentMatch`)."""
    import dataclasses

    from ..fragments.langid import LanguageScorer
    from ..fragments.pair import PairingModel, find_fragments
    from ..fragments.search import SearchModel

    model = PairingModel()
    if settings.threshold is not None:
        model = dataclasses.replace(model, threshold=settings.threshold)
    if settings.exhaustive:
        model = dataclasses.replace(model, search=SearchModel(stop=0.0))
    glossary = _glossary(settings.glossary, *_version(settings.glossary)) if settings.glossary else None
    return find_fragments(text, encoder, scorer=LanguageScorer(settings.detector),
                          glossary=glossary, model=model)


def _version(path: str | None) -> tuple[int, int]:
    try:
        st = os.stat(path) if path else None
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size) if st else (0, 0)


@functools.lru_cache(maxsize=4)
def _glossary(path: str, _mtime: int, _size: int) -> Any:
    """The glossary's term pairs, read once per version of the file (a batch of thousands of
    articles reads it once per worker)."""
    from ..fragments.glossary_evidence import load_glossary_evidence

    return load_glossary_evidence(path)
