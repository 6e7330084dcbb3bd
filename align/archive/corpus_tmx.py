"""The corpus TMX of a batch: every aligned pair of every document in one TMX 1.4b file.

Written with the project's TMX writer (:mod:`align.tmx_writer`), streamed:
each document's translation units go to a part file of their own as the
document is done (on whichever worker did it), and at the end the parts are
copied into the TMX in manifest order, a block at a time, and removed. The
file is the same whatever the number of workers and whichever pairs a
resumed batch skipped. Each unit carries the document's name
(``x-document``), the bead's confidence (``x-score``) and its status
(``x-status`` ``auto``); beads with one side empty, or below the minimum
score, are left out.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..errors import FormatError
from ..formats import SegmentedText
from ..tmx_writer import TMX_FOOTER, clean_xml_text, one_line, tmx_header, tmx_unit
from ..types import Bead

__all__ = ["TmxSettings", "assemble", "document_units", "part_path", "parts_folder"]

_log = logging.getLogger("align.archive.tmx")
_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class TmxSettings:
    """What goes into the corpus TMX, and where its parts are collected."""

    folder: str
    """The folder each document's translation units are written to (a part file each),
    joined in manifest order at the end."""
    now: str
    """Every unit's ``creationdate`` (``YYYYMMDDThhmmssZ``: when the batch started)."""
    min_score: float = 0.0
    """Beads with a lower confidence are left out."""
    tr_lang: str = "tr"
    """The Turkish ``xml:lang``."""
    en_lang: str = "en"
    """The English ``xml:lang``."""


def part_path(folder: str, index: int) -> Path:
    """Where the translation units of the ``index``-th document are collected."""
    return Path(folder) / f"{index:09d}.part"


def parts_folder(corpus: str) -> str:
    """A new folder beside the corpus TMX for the parts (removed by :func:`assemble`)."""
    folder = os.path.dirname(os.path.abspath(corpus))
    try:
        return tempfile.mkdtemp(prefix=f".{os.path.basename(corpus)}.", suffix=".parts", dir=folder)
    except OSError as exc:
        raise FormatError(f"cannot write beside the TMX: {exc.strerror or exc}", path=corpus) from None


def document_units(
    name: str,
    beads: Iterable[Bead],
    tr: SegmentedText,
    en: SegmentedText,
    settings: TmxSettings,
    counts: MutableSequence[int],
    *,
    tag: int,
) -> Iterator[str]:
    """The ``<tu>`` elements of one document; ``counts`` gets the units written and the
    characters removed. ``tag`` numbers the document in the units' ``tuid``."""
    doc_name, removed = clean_xml_text(name)
    counts[1] += removed
    for k, b in enumerate(beads):
        if not b.tr or not b.en or b.score < settings.min_score:
            continue
        tr_text, n1 = clean_xml_text(one_line(" ".join(tr.segments[i].text for i in b.tr)))
        en_text, n2 = clean_xml_text(one_line(" ".join(en.segments[j].text for j in b.en)))
        tr_text, en_text = tr_text.strip(), en_text.strip()
        counts[1] += n1 + n2
        if not tr_text or not en_text:
            continue
        counts[0] += 1
        yield tmx_unit(
            tr_text, en_text, tr_lang=settings.tr_lang, en_lang=settings.en_lang,
            attrs=[("tuid", f"{tag + 1}-{k + 1}"), ("creationdate", settings.now)],
            props=[("x-document", doc_name), ("x-score", f"{b.score:.4f}"), ("x-status", "auto")],
        )


def assemble(corpus: str, folder: str, count: int, *, tr_lang: str, now: str,
             signatures: Sequence[str]) -> None:
    """Write the corpus TMX from the parts of documents ``0 .. count-1`` found in
    ``folder`` (a document without a part failed or gave no unit), then remove the folder."""

    def chunks() -> Iterator[bytes]:
        yield tmx_header(tr_lang, now, signatures).encode("utf-8")
        for index in range(count):
            path = part_path(folder, index)
            try:
                f = open(path, "rb")  # noqa: SIM115 - read in blocks below
            except FileNotFoundError:
                continue
            with f:
                while block := f.read(_BLOCK):
                    yield block
        yield TMX_FOOTER.encode("utf-8")

    try:
        write_atomic(corpus, chunks(), error=FormatError)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _log.debug("corpus TMX written to %s", corpus)
