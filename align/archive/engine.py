"""Running a batch: which tasks, in which order, where, and what to say about it.

A batch is a list of tasks (one per manifest line) and a function that does
one (:func:`align.archive.jobs.align_task`, …). The engine

* skips the tasks whose output is current (same inputs, options and model:
  :mod:`.stamp`), unless told to redo everything;
* hands the others to a runner, largest first: :class:`LocalRunner` runs them
  one after another in this process, :class:`align.archive.cluster.DaskRunner`
  on the workers of a Dask cluster;
* reports each outcome as it arrives (a failed task is reported with its
  manifest line; the others go on) and the progress of the whole batch, in
  bytes of input done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, Protocol

from ..atomic import sweep_leftovers
from ..encoders.base import Encoder
from .outcome import Outcome, Task, failed
from .stamp import stamp_path

__all__ = ["Batch", "BatchReport", "Job", "LocalRunner", "Runner", "Work", "largest_first", "run_batch"]

_log = logging.getLogger("align.archive")

Work = Callable[[Any, Any, Encoder], Outcome]
"""Does one task: ``work(task, settings, encoder)``; a module-level function (it is
pickled by name to run on a Dask worker)."""

Job = tuple[Work, Task]
"""A task and the function that does it."""


class Runner(Protocol):
    """Where tasks run."""

    def run(self, jobs: Sequence[Job], settings: object) -> Iterator[Outcome]:
        """Each job's outcome, in the order they finish."""

    def close(self) -> None:
        """Let go of what the runner holds (a cluster, its workers)."""


class LocalRunner:
    """This process, one task after another, with one encoder loaded once.

    Tasks run as on a Dask worker, so that a batch writes the same bytes either way:
    BLAS on one thread (Dask starts its workers with ``OPENBLAS_NUM_THREADS=1`` and its
    kind; a matrix product split over two threads can differ in its last bits), the
    encoder's own worker threads still sharing out the forward pass; and a task that
    raises (a bug, not a bad document: those are outcomes already) fails alone, the
    batch going on with the others, the traceback logged at debug level.
    """

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder

    def run(self, jobs: Sequence[Job], settings: object) -> Iterator[Outcome]:
        from threadpoolctl import threadpool_limits

        for work, task in jobs:
            try:
                with threadpool_limits(limits=1, user_api="blas"):
                    outcome = work(task, settings, self.encoder)
            except Exception as exc:  # noqa: BLE001 - one document's failure must not end the batch
                _log.debug("task %s raised", task.where, exc_info=True)
                outcome = failed(task, f"{type(exc).__name__}: {exc}")
            yield outcome

    def close(self) -> None:
        """Nothing to let go of."""


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a batch did."""

    total: int
    """Tasks in the manifest."""
    done: int
    """Tasks done now."""
    current: int
    """Tasks whose output was current and was kept."""
    failed: int
    """Tasks that failed."""
    units: int
    """Units of the documents done now."""
    tmx_units: int
    """Translation units written to the corpus TMX (0 without one)."""
    removed: int
    """Characters XML forbids, removed from those units."""
    seconds: float
    """Wall-clock time of the batch."""


def largest_first(tasks: Sequence[Task]) -> list[Task]:
    """The tasks by decreasing size (manifest order among equals): a large document
    started last would keep one worker busy long after the others are idle."""
    return sorted(tasks, key=lambda t: (-t.size, t.index))


@dataclass(frozen=True, slots=True)
class Batch:
    """What a batch does: its tasks, and how each is done."""

    tasks: Sequence[Task]
    """One per manifest line."""
    settings: object
    """Passed to every task (the same for all)."""
    work: Work
    """Does a task."""
    is_current: Callable[[Any, Any], bool]
    """Whether a task's output is current (``is_current(task, settings)``)."""
    redo: Work | None = None
    """Done instead of ``work`` for a current task (the corpus TMX part of a pair aligned
    before), if given."""
    force: bool = False
    """Do every task, current or not."""


def run_batch(
    batch: Batch,
    runner: Runner,
    *,
    on_current: Callable[[frozenset[int]], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Do every task of ``batch`` that is not current, with ``runner``.

    ``on_current`` is told which tasks (indices) are current before any work starts,
    ``on_outcome`` each outcome as it arrives.
    """
    t0 = time.perf_counter()
    ordered = largest_first(batch.tasks)
    # A killed batch's half-written files go now, each folder listed once; the tasks
    # then write without a listing each (write_atomic(sweep=False)). The batch is the
    # only writer of its outputs, so they go at any age once their process is gone.
    sweep_leftovers(chain.from_iterable((t.out, stamp_path(t.out)) for t in ordered),
                    older_than=0)
    current = frozenset(t.index for t in ordered
                        if not batch.force and batch.is_current(t, batch.settings))
    if on_current is not None:
        on_current(current)
    jobs: list[Job] = [(batch.work, t) for t in ordered if t.index not in current]
    if batch.redo is not None:
        jobs += [(batch.redo, t) for t in ordered if t.index in current]
    done = failed = units = tmx_units = removed = 0
    for outcome in runner.run(jobs, batch.settings):
        if outcome.index in current:
            failed += not outcome.ok
        elif outcome.ok:
            done += 1
            units += outcome.units
        else:
            failed += 1
        tmx_units += outcome.tmx_units
        removed += outcome.removed
        if on_outcome is not None:
            on_outcome(outcome)
    return BatchReport(len(batch.tasks), done, len(current), failed, units, tmx_units, removed,
                       time.perf_counter() - t0)
