"""The work of one document pair in a batch: align it, write its output, stamp it.

These functions run wherever the batch runs them: in the command's own
process, or on a Dask worker (:mod:`.cluster`), so tasks and settings are
small frozen values that pickle, and a task returns an
:class:`~align.archive.outcome.Outcome`
instead of raising: a bad document is a result (its error in one line), and
the batch goes on with the others.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..encoders.base import Encoder
from ..errors import FormatError, HizalaError, InputError
from ..formats import FORMATS, iter_render
from ..types import Bead
from .compact import CompactDocument
from .corpus_tmx import TmxSettings, document_units, part_path
from .outcome import Outcome, failed
from .pair import align_compact, read_compact_pair
from .stamp import is_current, make_stamp, read_stamp, write_stamp
from .views import with_own_cache
from .windowed import WindowConfig

__all__ = [
    "AlignSettings",
    "PairTask",
    "align_task",
    "pair_is_current",
    "tmx_task",
]


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """How every pair of a batch is read and aligned (the same for all)."""

    signature: str
    """The run signature (hizala, encoder, aligner weights, width, segmentation): part of
    every stamp."""
    presegmented: bool = False
    """One unit per line."""
    encoding: str | None = None
    """A forced input encoding (None: detected)."""
    srx: str | None = None
    """A user's SRX rules file."""
    windows: WindowConfig = field(default_factory=WindowConfig)
    """How long documents are cut into windows."""
    tmx: TmxSettings | None = None
    """The corpus TMX, if one is written."""
    strict: bool = False
    """Fail a pair that looks swapped (TR reads as English…) instead of warning."""

    def stamp_settings(self, fmt: str) -> dict[str, object]:
        """Everything but the inputs that the output of format ``fmt`` depends on."""
        return {"signature": self.signature, "presegmented": self.presegmented,
                "encoding": self.encoding, "format": fmt,
                "windows": [self.windows.window, self.windows.margin, self.windows.context,
                            self.windows.shortfall, self.windows.threshold]}


@dataclass(frozen=True, slots=True)
class PairTask:
    """One line of a batch manifest."""

    index: int
    """0-based position in the manifest (the corpus TMX keeps this order)."""
    where: str
    """``manifest:line``, for messages."""
    name: str
    """The document's name in the corpus TMX (its Turkish path as the manifest gives it)."""
    tr: str
    """The Turkish file."""
    en: str
    """The English file."""
    out: str
    """The output file; its extension says the format."""
    size: int = 0
    """Bytes of both inputs (0 if unreadable): large documents go first, and progress
    is counted in bytes."""

    @property
    def fmt(self) -> str:
        """The output format, from the extension."""
        return Path(self.out).suffix.lstrip(".").lower()


def _check_format(task: PairTask) -> str:
    fmt = task.fmt
    if fmt not in FORMATS:
        raise FormatError(f"OUT must end in .beads, .tsv or .json, not {Path(task.out).name!r}")
    return fmt


def _read(task: PairTask, settings: AlignSettings) -> tuple[CompactDocument, CompactDocument]:
    return read_compact_pair(task.tr, task.en, presegmented=settings.presegmented,
                             encoding=settings.encoding, srx=settings.srx)


def pair_is_current(task: PairTask, settings: AlignSettings) -> bool:
    """Whether the task's output exists and was made from the same inputs, options and
    model (its stamp), so that the batch may skip it."""
    from .stamp import file_sha256

    fmt = task.fmt
    if fmt not in FORMATS:
        return False
    try:
        inputs = [file_sha256(task.tr), file_sha256(task.en)]
    except OSError:
        return False
    return is_current(task.out, make_stamp(inputs, settings.stamp_settings(fmt)))


def align_task(task: PairTask, settings: AlignSettings, encoder: Encoder) -> Outcome:
    """Align the pair, write its output atomically and its stamp, and its corpus TMX part."""
    t0 = time.perf_counter()
    try:
        fmt = _check_format(task)
        tr, en = _read(task, settings)
        warnings = _language_doubts(task, settings, tr, en)
        stamp = make_stamp([tr.sha256, en.sha256], settings.stamp_settings(fmt))
        log = _BeadLog()
        own = with_own_cache(encoder)  # the same beads whatever came before, wherever it runs
        beads = log.record(align_compact(tr, en, own, windows=settings.windows))
        write_atomic(task.out, iter_render(fmt, beads, tr, en), error=FormatError, sweep=False)
        units, removed = _write_part(task, settings, tr, en, log.beads())
        write_stamp(task.out, stamp, log.lines())
    except HizalaError as exc:
        return failed(task, str(exc), time.perf_counter() - t0)
    return Outcome(task.where, task.index, task.size, units=len(tr) + len(en), tmx_units=units,
                   removed=removed, seconds=time.perf_counter() - t0, warnings=warnings)


def _language_doubts(
    task: PairTask, settings: AlignSettings, tr: CompactDocument, en: CompactDocument
) -> tuple[str, ...]:
    """The pair's language check, as ``hizala align`` makes it: a warning carried back in
    the outcome (a worker's log would not reach the user), or with ``strict`` a failure."""
    from ..language_check import pair_problem

    problem = pair_problem(tr.text, en.text, task.tr, task.en)
    if problem is None:
        return ()
    if settings.strict:
        raise InputError(f"{problem} (refused with --strict: give the Turkish text first)")
    return (problem,)


def tmx_task(task: PairTask, settings: AlignSettings, _encoder: Encoder | None = None) -> Outcome:
    """The corpus TMX part of a pair skipped as current: its beads from the stamp file, its
    texts from the inputs (read and segmented again, not aligned)."""
    t0 = time.perf_counter()
    try:
        recorded = read_stamp(task.out)
        if recorded is None:
            raise FormatError("the stamp file went missing; run the batch again", path=task.out)
        tr, en = _read(task, settings)
        beads = recorded.beads(str(task.out))
        units, removed = _write_part(task, settings, tr, en, beads)
    except HizalaError as exc:
        return failed(task, str(exc), time.perf_counter() - t0)
    return Outcome(task.where, task.index, task.size, units=len(tr) + len(en), tmx_units=units,
                   removed=removed, seconds=time.perf_counter() - t0)


def _write_part(
    task: PairTask, settings: AlignSettings, tr: CompactDocument, en: CompactDocument,
    beads: Iterable[Bead],
) -> tuple[int, int]:
    """Write the pair's translation units to its part file: (units, characters removed)."""
    if settings.tmx is None:
        return 0, 0
    counts = [0, 0]
    chunks = document_units(task.name, beads, tr, en, settings.tmx, counts, tag=task.index)
    write_atomic(part_path(settings.tmx.folder, task.index), chunks, error=FormatError, sweep=False)
    return counts[0], counts[1]


class _BeadLog:
    """The beads of a document as they stream past, kept as numbers (40 bytes a bead)."""

    def __init__(self) -> None:
        self._tr, self._en = array("q"), array("q")
        self._tr_len, self._en_len = array("q"), array("q")
        self._score = array("d")

    def record(self, beads: Iterable[Bead]) -> Iterator[Bead]:
        for b in beads:
            self._tr.append(b.tr[0] if b.tr else -1)
            self._tr_len.append(len(b.tr))
            self._en.append(b.en[0] if b.en else -1)
            self._en_len.append(len(b.en))
            self._score.append(b.score)
            yield b

    def beads(self) -> Iterator[Bead]:
        for i, a, j, b, s in zip(self._tr, self._tr_len, self._en, self._en_len, self._score,
                                 strict=True):
            yield Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), s)

    def lines(self) -> Iterator[str]:
        """The beads in the ``beads`` format, scores to full precision (the corpus TMX of
        a resumed pair gets the same ``x-score`` as a fresh one)."""
        for b in self.beads():
            yield f"{list(b.tr)}:{list(b.en)}:{b.score:.17g}\n"
