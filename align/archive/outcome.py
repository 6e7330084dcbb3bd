"""What every batch task is and what it gives back, whatever its kind (a document pair to
align, an article to search for Turkish fragments)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["Outcome", "Task", "failed"]


class Task(Protocol):
    """One line of a batch: what the engine needs to know of it."""

    @property
    def index(self) -> int:
        """0-based position in the manifest."""
    @property
    def where(self) -> str:
        """``manifest:line`` (or the file), for messages."""
    @property
    def out(self) -> str:
        """The output file."""
    @property
    def size(self) -> int:
        """Bytes of input: large tasks go first, and progress is counted in bytes."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one task."""

    where: str
    """The task's ``manifest:line``."""
    index: int
    """The task's position in the manifest."""
    size: int
    """The task's bytes of input."""
    error: str = ""
    """Why it failed, in one line ("" if it did not)."""
    units: int = 0
    """Units (segments) of its documents."""
    tmx_units: int = 0
    """Translation units it gave the corpus TMX."""
    removed: int = 0
    """Characters XML forbids, removed from those units."""
    seconds: float = 0.0
    """How long it took."""
    warnings: tuple[str, ...] = ()
    """Doubts about its input that did not stop it (a pair that looks swapped), one line each."""

    @property
    def ok(self) -> bool:
        """Whether it succeeded."""
        return not self.error


def failed(task: Task, error: str, seconds: float = 0.0) -> Outcome:
    """The outcome of a task that failed with ``error``."""
    return Outcome(task.where, task.index, task.size, error=error, seconds=seconds)
