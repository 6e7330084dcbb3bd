"""Where the benchmarks find the shared devsets (they are not in the repository)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def find_devset(name: str, given: str | Path | None = None) -> Path:
    """The devset folder ``name`` (``wmt16``, ``mixed``…): ``given`` if there is one, else
    ``$HIZALA_DEVSET/name`` (or ``$HIZALA_DEVSET`` itself when it is that folder), else
    ``shared/devset/name`` beside the repository or one level up. Exits with a message
    when none exists."""
    env = os.environ.get("HIZALA_DEVSET")
    candidates: list[Path] = [Path(given)] if given else []
    if env:
        candidates += [Path(env) / name, Path(env)]
    candidates += [up / "shared" / "devset" / name for up in (ROOT.parent, ROOT.parent.parent)]
    for cand in candidates:
        if cand.is_dir():
            return cand
    sys.exit(f"no {name} devset found; pass --devset DIR or set HIZALA_DEVSET")
