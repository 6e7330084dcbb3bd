"""Running a batch on a Dask cluster (``pip install 'hizala[dask]'``).

``DaskRunner(spec, workers=N)`` starts a ``LocalCluster`` of N worker
processes on this machine; ``DaskRunner(spec, scheduler=ADDRESS)`` uses a
cluster that is already running (``dask scheduler`` and ``dask worker``
on many machines; every worker needs hizala installed and the input and
output paths visible at the same place). Each worker loads the encoder
once, when it joins (a worker plugin), and keeps it for every task it runs.
Tasks are submitted largest first, with that priority; their outcomes come
back as they finish. A task that raised (a bug, a worker that died) comes
back as a failed outcome naming the error, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ..encoders import get_encoder
from ..encoders.base import Encoder
from ..errors import HizalaError
from .engine import Job, Work
from .outcome import Outcome, Task, failed

__all__ = ["PLUGIN", "DaskRunner", "EncoderPlugin"]

PLUGIN = "hizala-encoder"
"""The name the encoder plugin is registered under on every worker."""


class EncoderPlugin(WorkerPlugin):
    """Loads the encoder once per worker, when the worker starts (or joins later)."""

    def __init__(self, spec: str, threads: int | None = None) -> None:
        self.spec = spec
        self.threads = threads
        self.encoder: Encoder | None = None
        self.error = ""

    def setup(self, worker: Any) -> None:
        try:
            encoder = get_encoder(self.spec)
            if self.threads is not None and hasattr(encoder, "threads"):
                encoder.threads = self.threads
            encoder.load()
        except HizalaError as exc:
            self.error = str(exc)
            return
        self.encoder = encoder


def run_on_worker(work: Work, task: Task, settings: object) -> Outcome:
    """Do ``task`` with the worker's encoder (what each Dask task runs)."""
    plugin = get_worker().plugins.get(PLUGIN)
    if not isinstance(plugin, EncoderPlugin) or plugin.encoder is None:
        why = plugin.error if isinstance(plugin, EncoderPlugin) else "no encoder plugin"
        return failed(task, f"the worker cannot load the encoder: {why}")
    outcome: Outcome = work(task, settings, plugin.encoder)
    return outcome


class DaskRunner:
    """Tasks on the workers of a Dask cluster: a new local one, or one already running."""

    def __init__(self, encoder: str, *, workers: int | None = None,
                 scheduler: str | None = None) -> None:
        self._cluster: Any = None
        if scheduler is not None:
            try:
                self.client = Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError, ValueError) as exc:
                raise HizalaError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
            threads = None
        else:
            count = max(1, workers or 1)
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=count, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR,
            )
            self.client = Client(self._cluster)  # type: ignore[no-untyped-call]
            # Each worker process gets its share of the cores for the encoder's threads.
            threads = max(1, (os.cpu_count() or 1) // count)
        # A worker that cannot load the encoder says why in each task's outcome.
        self.client.register_plugin(EncoderPlugin(encoder, threads), name=PLUGIN)

    @property
    def workers(self) -> int:
        """How many workers the cluster has now."""
        return len(self.client.scheduler_info().get("workers", {}))

    def run(self, jobs: Sequence[Job], settings: object) -> Iterator[Outcome]:
        batch = uuid.uuid4().hex[:8]
        futures = {}
        for k, (work, task) in enumerate(jobs):
            future = self.client.submit(run_on_worker, work, task, settings, pure=False,
                                        key=f"hizala-{batch}-{task.index}",
                                        priority=len(jobs) - k, retries=0)
            futures[future] = task
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            task = futures.pop(future)
            if future.status == "error":
                exc = future.exception()
                yield failed(task, f"{type(exc).__name__}: {exc}".strip())
            else:
                yield future.result()
            future.release()

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()
