"""One document pair of any size: read compactly, aligned in one pass or in windows.

A pair whose sides both have at most :attr:`WindowConfig.threshold` units is
aligned in one pass, exactly as :func:`align.aligner.core.align_documents`
does; a longer one window by window (:mod:`.windowed`), in bounded memory.
Either way the beads come out as a generator, for the caller to write as
they come (:func:`align.formats.iter_render`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..encoders.base import Encoder, Progress
from ..types import Bead
from .compact import CompactDocument, read_compact
from .windowed import EMBED_COST, WindowConfig, align_windows

__all__ = ["align_compact", "read_compact_pair"]


def read_compact_pair(
    tr_path: str,
    en_path: str,
    *,
    presegmented: bool = False,
    encoding: str | None = None,
    srx: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[CompactDocument, CompactDocument]:
    """Read and segment a Turkish document and its English translation (``-``: standard
    input) as :func:`align.segment.read_document` reads each, keeping them compact: with
    ``presegmented`` line *i* is unit *i*; ``srx`` replaces the built-in segmentation rules;
    ``encoding`` forces the codec (default: detected). ``progress`` is called with the
    characters segmented."""
    from ..segment import load_srx

    rules = load_srx(srx) if srx else None
    tr = read_compact(tr_path, "tr", encoding=encoding, presegmented=presegmented, rules=rules,
                      progress=progress)
    en = read_compact(en_path, "en", encoding=encoding, presegmented=presegmented, rules=rules,
                      progress=progress)
    return tr, en


def align_compact(
    tr: CompactDocument,
    en: CompactDocument,
    encoder: Encoder,
    *,
    windows: WindowConfig | None = None,
    progress: Progress | None = None,
) -> Iterator[Bead]:
    """The pair's beads in order (a generator). ``progress`` counts work units,
    :func:`align.archive.windowed.work_total` in all, from the first sentence embedded."""
    config = windows or WindowConfig()
    n, m = len(tr), len(en)
    if config.windowed(n, m):
        yield from align_windows(tr, en, encoder, config=config, progress=progress)
        return
    from ..aligner.core import align_texts

    def embedded(k: int) -> None:
        if progress is not None:
            progress(EMBED_COST * k)

    beads = align_texts(tr.texts(), en.texts(), encoder, tr_paragraphs=tr.paragraphs(),
                        en_paragraphs=en.paragraphs(), progress=embedded)
    if progress is not None:
        progress(n + m)
    yield from beads
