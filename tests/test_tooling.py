"""The project's own rules, enforced by the test suite: lint, types, layering."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent))
    if path is None:
        pytest.fail(f"{name} is not installed; install the dev extra: pip install -e '.[dev]'")
    return path


def test_ruff() -> None:
    paths = [p for p in ("align", "tui", "tests", "benchmarks", "docs") if (ROOT / p).exists()]
    proc = _run(_tool("ruff"), "check", *paths)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_on_align() -> None:
    proc = _run(_tool("mypy"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_contracts() -> None:
    """align never imports the UI or torch (import-linter, config in pyproject.toml)."""
    proc = _run(_tool("lint-imports"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_module_over_500_lines() -> None:
    long = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in sorted((ROOT / "align").rglob("*.py")) + sorted((ROOT / "tui").rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 550
    ]
    assert not long, "split these modules: " + ", ".join(long)
