"""Manifests of the seed news pairs, and how to run and compare batches (``hizala batch``
tests, in one process and on a Dask cluster)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result

from align.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
NEWS = sorted((ROOT / "seeds" / "news").iterdir())
MIXED = sorted((ROOT / "seeds" / "mixed").glob("*.txt"))
DTD = ROOT / "tests" / "data" / "tmx" / "tmx14.dtd"
FAKE = ("--encoder", "fake")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make_batch(root: Path, copies: int = 1, *, bad: bool = False, ext: str = "beads") -> Path:
    """A manifest of the seed news pairs (``copies`` times each, marked) with relative paths,
    and with ``bad`` a pair whose Turkish file does not exist, on line 4 (the first line is a
    comment)."""
    (root / "in").mkdir(parents=True, exist_ok=True)
    (root / "out").mkdir(exist_ok=True)
    rows = []
    for c in range(copies):
        for folder in NEWS:
            name = f"{folder.name}-{c}"
            for side in ("tr", "en"):
                lines = (folder / f"{side}.txt").read_text(encoding="utf-8").splitlines()
                mark = f" ‘{c}’" if c else ""
                (root / "in" / f"{name}.{side}").write_text(
                    "".join(line + mark + "\n" for line in lines), encoding="utf-8")
            rows.append(f"in/{name}.tr\tin/{name}.en\tout/{name}.{ext}\n")
    if bad:
        rows.insert(2, f"in/missing.tr\tin/{NEWS[0].name}-0.en\tout/missing.{ext}\n")
    manifest = root / "manifest.tsv"
    manifest.write_text("# Turkish\tEnglish\toutput\n" + "".join(rows), encoding="utf-8")
    return manifest


def outputs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "out").iterdir())}


def without_dates(tmx: bytes) -> bytes:
    return re.sub(rb'(creation|change)date="[0-9TZ]+"', b"", tmx)
