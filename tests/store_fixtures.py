"""Small review projects for the store tests: Turkish letters, curly quotes, & < >.

Beads are given by hand (1:1 unless said otherwise), so the tests do not
depend on the aligner; only the re-alignment tests run it (fake encoder).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align.segment import segment_lines
from align.store import BeadSpec, NewFinding, Project, RunSignature
from align.types import Bead, Document

TR = [
    "Bugün İstanbul’da hava çok güzel.",
    "Işıklar “gece yarısı” söndü & sokaklar <karanlık> kaldı.",
    "Ağaçların altında çocuklar oynuyor.",
    "Bakanlık açıklama yaptı: 'Gözaltı yok.'",
    "Şehrin ışığı ılık bir rüzgârla geldi.",
    "Öğretmen, öğrencilere ödev verdi.",
]
EN = [
    "The weather in Istanbul is very nice today.",
    "The “midnight” lights went out & the streets stayed <dark>.",
    "Children are playing under the trees.",
    "The ministry made a statement: 'No detentions.'",
    "The city's light came with a mild breeze.",
    "The teacher gave the students homework.",
]

CLOCK = "20240102T030405Z"
SIGNATURE = RunSignature("0.1.0", "fake", (("seg", "lines"),))


def fixed_clock() -> str:
    return CLOCK


def document(lines: Sequence[str], lang: str, path: str) -> Document:
    text = "\n".join(lines) + "\n"
    return Document(
        text=text,
        segments=tuple(segment_lines(text)),
        lang=lang,
        path=path,
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def make_project(
    folder: Path,
    *,
    tr: Sequence[str] = TR,
    en: Sequence[str] = EN,
    beads: Sequence[Bead | BeadSpec] | None = None,
    name: str = "p.hizala",
    user: str | None = "ayşe",
    encoder: str = "fake",
) -> Project:
    """A project open for changes with one document (1:1 beads unless given)."""
    project = Project.create(folder / name, encoder=encoder, user=user, clock=fixed_clock)
    if beads is None:
        beads = [Bead((i,), (i,), 0.9 - 0.1 * i) for i in range(min(len(tr), len(en)))]
    project.add_document(
        document(tr, "tr", str(folder / "haber.tr.txt")),
        document(en, "en", str(folder / "haber.en.txt")),
        beads,
        signature=SIGNATURE,
    )
    return project


def snapshot(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Every journaled row, for comparing whole states."""
    conn: sqlite3.Connection = project._connection()
    return {
        table: [tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
        for table in ("beads", "segments", "findings")
    }


def layout(project: Project) -> list[tuple[str, str, str]]:
    """``(kind, Turkish, English)`` per bead in order: what a reviewer sees."""
    return [(b.kind, b.tr_text, b.en_text) for b in project.beads()]


FINDING = NewFinding(
    kind="missing",
    message="'gözaltı' has no rendering in the English",
    severity="warning",
    tr_span=(32, 39),
    en_span=None,
)
