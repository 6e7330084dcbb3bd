"""The project's own rules, enforced by the test suite: lint, types, layering, no import cycle."""

from __future__ import annotations

import importlib.util
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
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
    """One way down through the layers, and align never imports the UI or torch
    (import-linter, contracts in pyproject.toml)."""
    proc = _run(_tool("lint-imports"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return [[m.strip() for m in re.split(r"[|:]", layer)] for layer in layers]


def test_every_module_has_its_layer() -> None:
    """A new module of align gets a place in the layers contract (else it would be
    unconstrained)."""
    import align

    named = {m for layer in _layers() for m in layer}
    found = {f"align.{m.name}" for m in pkgutil.iter_modules(align.__path__)} | {"tui"}
    assert found - named == set(), "give these modules a layer in pyproject.toml"
    assert named - found == set(), "these layers name no module"


def _modules() -> list[str]:
    import align
    import tui

    found = sorted(
        m.name
        for package, prefix in ((align, "align."), (tui, "tui."))
        for m in pkgutil.walk_packages(package.__path__, prefix)
        if not m.name.endswith(".__main__")  # a __main__ module runs the program
    )
    return ["align", "tui", *found]


def test_no_import_cycle_even_inside_functions() -> None:
    """No module imports itself back through others, not even through an import inside a
    function (which a test importing modules would not see)."""
    import grimp

    graph = grimp.build_graph("align", "tui")
    modules = set(graph.modules)
    cycles = [
        sorted(part)
        for part in _strongly_connected(
            {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
        )
        if len(part) > 1
    ]
    assert cycles == []


def _strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.add(member)
                    if member == node:
                        break
                out.append(part)
    return out


def test_the_cycle_check_would_notice() -> None:
    parts = _strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert sorted(sorted(p) for p in parts if len(p) > 1) == [["a", "b", "c"]]


@pytest.mark.slow
def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    """Each module of align and tui imported first, in its own interpreter: an import cycle
    or an import-order dependency fails here, whatever else was imported before."""

    def alone(name: str) -> tuple[str, str]:
        proc = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=ROOT,
                              capture_output=True, text=True, check=False)
        return name, proc.stderr.strip().splitlines()[-1] if proc.returncode else ""

    with ThreadPoolExecutor(max_workers=2) as pool:
        failed = [f"{n}: {e}" for n, e in pool.map(alone, _modules()) if e]
    assert failed == []


def test_the_layers_contract_would_notice(tmp_path: Path) -> None:
    """The contract is not vacuous: a copy of the code where the store imports the aligner
    breaks it."""
    for name in ("align", "tui"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    values = tmp_path / "align" / "store" / "values.py"
    values.write_text(values.read_text(encoding="utf-8") + "\nfrom ..aligner import core\n",
                      encoding="utf-8")
    proc = subprocess.run([_tool("lint-imports")], cwd=tmp_path, capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert proc.returncode != 0
    assert "align.store.values -> align.aligner.core" in proc.stdout


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run and the README's "run the tests" command stay the same command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.endswith("&& python -m pytest")]
    assert len(commands) == 1
    assert commands[0] in ci.splitlines()
    assert "-c constraints.txt" in commands[0]


# A package may use its own private names; another package uses only public ones.
_PRIVATE_IMPORTS_ALLOWED: set[tuple[str, str]] = set()


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "align" else parts[0]


def test_no_private_import_across_packages() -> None:
    import ast

    found = set()
    for name in _modules():
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        package = name if spec.submodule_search_locations else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) \
                if node.level else (node.module or "")
            for alias in node.names:
                dunder = alias.name.startswith("__") and alias.name.endswith("__")
                private = (alias.name.startswith("_") and not dunder) or any(
                    p.startswith("_") and not p.startswith("__") for p in base.split(".")
                )
                if private and _package(base) != _package(name):
                    found.add((name, f"{base}.{alias.name}"))
    assert found - _PRIVATE_IMPORTS_ALLOWED == set()
    assert _PRIVATE_IMPORTS_ALLOWED - found == set(), "no longer needed: remove it from the list"
