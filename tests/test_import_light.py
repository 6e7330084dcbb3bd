"""Importing the library never imports torch, transformers or the UI.

Each check runs in a fresh interpreter, so what other tests imported does not
count. Every module of the ``align`` package is imported (found with pkgutil,
so new modules are covered without touching this test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "textual", "tui")

_CODE = """
import importlib, json, pkgutil, sys
import align, align.encoders, align.encoders.hf
# __main__ modules run a program when imported; everything else must import quietly.
names = sorted(
    m.name for m in pkgutil.walk_packages(align.__path__, "align.")
    if not m.name.endswith(".__main__")
)
for name in names:
    importlib.import_module(name)
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"modules": names, "heavy": heavy}))
"""


def _run(code: str) -> dict[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{code}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, list[str]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_importing_align_stays_light() -> None:
    result = _run(_CODE)
    assert {"align.encoders.hf", "align.encoders.lexical", "align.encoders.fake"} <= set(
        result["modules"]
    )
    assert result["heavy"] == [], f"importing align pulled in {result['heavy']}"


def test_public_names_stay_light() -> None:
    """The lazy top-level names and the model-free encoders do not load heavy modules."""
    code = """
import json, sys
import align
align.get_encoder, align.EncoderError, align.read_text
from align.encoders import get_encoder
get_encoder("lexical").encode(["NATO'ya 2024'te"])
get_encoder("fake").encode(["bir iki"])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"heavy": heavy}))
"""
    assert _run(code)["heavy"] == []


def test_the_check_would_notice() -> None:
    """The probe itself works: a (stand-in) torch module is seen."""
    code = """
import json, sys, types
sys.modules["torch.nn"] = types.ModuleType("torch.nn")
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"heavy": heavy}))
"""
    assert "torch" in _run(code)["heavy"]
