"""A synthetic review project of N beads for the TUI benchmark (no aligner, no model)."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from align.segment import segment_lines
from align.store import BeadSpec, NewFinding, Project, RunSignature
from align.types import Document

_TR = ("Bakanlık", "gözaltı", "İstanbul’da", "ılık", "öğrenciler", "şehir", "çocuklar", "üs",
       "açıklama", "yaptı", "bugün", "hava", "güzel", "sokak", "karanlık", "ağaç")
_EN = ("ministry", "detention", "in Istanbul", "mild", "students", "city", "children", "base",
       "statement", "made", "today", "weather", "nice", "street", "dark", "tree")


def _doc(lines: list[str], lang: str, path: str) -> Document:
    text = "\n".join(lines) + "\n"
    return Document(text=text, segments=tuple(segment_lines(text)), lang=lang, path=path,
                    sha256=hashlib.sha256(text.encode()).hexdigest())


def build(path: Path, beads: int = 10_000, *, seed: int = 1, encoder: str = "fake") -> Path:
    """A project at ``path`` with ``beads`` 1:1 beads, scores spread over [0, 1], a few
    findings; returns the path."""
    rng = random.Random(seed)
    tr = [" ".join(rng.choice(_TR) for _ in range(rng.randint(6, 24))) + "." for _ in range(beads)]
    en = [" ".join(rng.choice(_EN) for _ in range(rng.randint(6, 24))) + "." for _ in range(beads)]
    specs = []
    for i in range(beads):
        findings = ()
        if i % 37 == 5:
            findings = (NewFinding("missing", "'gözaltı' has no rendering in the English",
                                   tr_span=(0, 5)),)
        specs.append(BeadSpec((i,), (i,), round(rng.random(), 4), findings=findings))
    with Project.create(path, encoder=encoder, user="bench") as project:
        project.add_document(_doc(tr, "tr", "bench.tr.txt"), _doc(en, "en", "bench.en.txt"),
                             specs, signature=RunSignature("0.1.0", encoder))
    return path
