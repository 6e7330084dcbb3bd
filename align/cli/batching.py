"""What ``hizala batch`` and ``hizala fragments`` with many articles share: the manifest,
where the work runs (this process or a Dask cluster), the progress of the whole batch,
and what is said about it on stderr."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import EXIT_ENVIRONMENT, FormatError, HizalaError
from .common import progress

if TYPE_CHECKING:
    from ..archive.engine import Batch, BatchReport, Runner
    from ..archive.outcome import Outcome, Task

__all__ = [
    "ManifestRow",
    "input_size",
    "make_runner",
    "read_manifest",
    "run_with_progress",
    "runner_options",
]


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One line of a manifest."""

    line: int
    """1-based line number."""
    fields: tuple[str, ...]
    """The fields as written (stripped)."""
    paths: tuple[str, ...]
    """The fields as paths, relative ones taken from the manifest's folder."""


def read_manifest(path: str, columns: Sequence[str] = ("TR", "EN", "OUT")) -> list[ManifestRow]:
    """The rows of a TAB-separated manifest with ``columns``; blank lines and ``#``
    comments are skipped."""
    base = Path(path).parent
    rows = []
    shape = "<TAB>".join(columns)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for lineno, fields in enumerate(csv.reader(f, delimiter="\t"), start=1):
                if not fields or not "".join(fields).strip() or fields[0].startswith("#"):
                    continue
                if len(fields) != len(columns) or not all(x.strip() for x in fields):
                    raise FormatError(
                        f"expected {len(columns)} TAB-separated fields {shape}, found {len(fields)}",
                        path=path, line=lineno)
                written = tuple(x.strip() for x in fields)
                rows.append(ManifestRow(lineno, written, tuple(str(base / x) for x in written)))
    except FileNotFoundError:
        raise FormatError("no such manifest file", path=path) from None
    except IsADirectoryError:
        raise FormatError("is a folder, not a manifest file", path=path) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"the manifest is not UTF-8 (byte {exc.start})", path=path) from None
    except csv.Error as exc:
        raise FormatError(f"the manifest cannot be read as TAB-separated text: {exc}",
                          path=path) from None
    except OSError as exc:  # permission denied, a link loop, a failing disk
        raise FormatError(f"cannot read the manifest ({exc.strerror or exc})", path=path) from None
    if not rows:
        raise FormatError("the manifest lists no document pairs" if columns[0] == "TR"
                          else "the manifest lists no files", path=path)
    seen: dict[str, int] = {}
    for row in rows:
        out = os.path.normpath(os.path.abspath(row.paths[-1]))
        if out in seen:
            raise FormatError(f"{row.fields[-1]} is also the output of line {seen[out]}; give "
                              "each line an output of its own", path=path, line=row.line)
        seen[out] = row.line
    return rows


def runner_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--workers N`` and ``--scheduler ADDRESS`` (click decorator)."""
    f = click.option("--scheduler", metavar="ADDRESS",
                     help="Run on the Dask cluster whose scheduler is at ADDRESS "
                     "(tcp://host:8786); its workers need hizala and the same paths.")(f)
    return click.option("--workers", type=click.IntRange(min=1), metavar="N",
                        help="Run on N worker processes of a Dask cluster started on this "
                        "machine (needs hizala[dask]). Default: this process alone.")(f)


def make_runner(encoder: str, workers: int | None, scheduler: str | None) -> Runner:
    """This process with the encoder loaded once (no ``--workers`` or ``--workers 1``),
    or a Dask cluster: a LocalCluster of ``workers`` processes, or the one at ``scheduler``."""
    from ..archive.engine import LocalRunner
    from ..encoders import get_encoder

    if workers is not None and scheduler is not None:
        raise click.UsageError("give --workers or --scheduler, not both")
    if scheduler is None and (workers is None or workers == 1):
        enc = get_encoder(encoder)
        enc.load()
        return LocalRunner(enc)
    get_encoder(encoder)  # a misspelt name fails here, not on every worker
    try:
        from ..archive.cluster import DaskRunner
    except ImportError:
        raise HizalaError("--workers and --scheduler need Dask: pip install 'hizala[dask]'",
                          exit_code=EXIT_ENVIRONMENT) from None
    return DaskRunner(encoder, workers=workers, scheduler=scheduler)


def run_with_progress(batch: Batch, runner: Runner) -> BatchReport:
    """Run the batch with a progress bar over the bytes of input to do; each failure is
    reported on stderr with its manifest line as it happens."""
    from ..archive.engine import run_batch

    tasks = batch.tasks

    def weight(task: Task) -> int:
        return max(task.size, 1)

    todo: set[int] = set()
    with progress(sum(weight(t) for t in tasks), "batch") as step:

        def on_current(current: frozenset[int]) -> None:
            todo.update(t.index for t in tasks if t.index not in current)
            if current:
                click.echo(f"hizala: {len(current):,} of {len(tasks):,} already done with the "
                           "same inputs, options and model: not done again", err=True)
                step(sum(weight(t) for t in tasks if t.index in current))

        def on_outcome(outcome: Outcome) -> None:
            for doubt in outcome.warnings:
                click.echo(f"hizala: warning: {outcome.where}: {doubt}", err=True)
            if not outcome.ok:
                click.echo(f"hizala: skipped {outcome.where}: {outcome.error}", err=True)
            if outcome.index in todo:
                step(max(outcome.size, 1))

        return run_batch(batch, runner, on_current=on_current, on_outcome=on_outcome)


def input_size(path: str) -> int:
    """Bytes of an input file (0 if it cannot be read: the task will say why)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0
