"""Adding documents to a project in one call: read, align (or detect and pair), store, check.

:func:`add_pair` is the one align-and-store pipeline: ``hizala new/add TR
EN`` and ``hizala review TR EN`` (:func:`.create.create_project`) call it to
align a document pair with an encoder, store the beads with the run's
signature (:func:`.signatures.run_signature`), save the embeddings it
computed (so re-aligning later embeds nothing twice) and, with a checker,
compute the beads' QA findings, all in one transaction (a failure or a full disk
adds nothing). :func:`add_article` does the same for an
English article with Turkish fragments (``hizala new/add --mixed``): it reads
the article (every encoding case of :func:`align.textio.read_text`), finds
its fragments and pairs each with its English (:mod:`align.fragments`), and
stores them as beads (:meth:`~align.store.Project.add_mixed_document`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import AbstractContextManager
from os import PathLike

from ..encoders.base import Encoder, Progress
from ..store import Checker, Project
from ..types import Document
from .embeddings import prime_cache, save_embeddings
from .signatures import mixed_signature, run_signature

__all__ = ["ProgressFactory", "add_article", "add_pair"]

ProgressFactory = Callable[[int], AbstractContextManager[Progress]]
"""Given the number of texts to embed, a context that yields a progress callback."""


def add_pair(
    project: Project,
    tr: Document,
    en: Document,
    *,
    encoder: str,
    presegmented: bool = False,
    srx: str | PathLike[str] | None = None,
    name: str | None = None,
    checker: Checker | None = None,
    progress: ProgressFactory | None = None,
) -> tuple[int, int]:
    """Align the document pair (read and segmented, e.g. by ``read_pair``) with the encoder
    named ``encoder`` and store it; returns ``(document id, number of beads)``.

    ``presegmented`` and ``srx`` say how the texts were segmented (they go in the
    run's signature); ``checker`` computes the new beads' QA findings.
    """
    from ..aligner.core import align_documents
    from ..encoders import get_encoder

    enc = get_encoder(encoder)
    if progress is None:
        beads = align_documents(tr, en, enc)
    else:
        with progress(len(tr.segments) + len(en.segments)) as step:
            beads = align_documents(tr, en, enc, progress=step)
    signature = run_signature(encoder, presegmented=presegmented, srx=srx)
    # The document, its embeddings and its findings are saved together or not at all.
    with project.file.batch(unsaved="the document was not added and the project is as it was"):
        doc_id = project.add_document(tr, en, beads, signature=signature, name=name)
        save_embeddings(project, enc, tr.texts + en.texts)
        if checker is not None:
            project.recheck(checker, document_id=doc_id)
    return doc_id, len(beads)


def add_article(
    project: Project,
    path: str | PathLike[str],
    *,
    encoder: Encoder | None = None,
    glossary: str | PathLike[str] | None = None,
    detector: str = "auto",
    threshold: float | None = None,
    encoding: str | None = None,
    name: str | None = None,
    checker: Checker | None = None,
    progress: ProgressFactory | None = None,
) -> int:
    """Add the English article at ``path`` (``-``: standard input) with its Turkish
    fragments as beads; returns the document's id.

    ``encoder``: default the project's. ``glossary``: its term pairs count as
    pairing evidence (and are named in the signature). ``detector``:
    ``auto``, ``lingua`` or ``rules`` (see ``hizala fragments``).
    ``threshold``: least pairing score of a match (default: calibrated).
    """
    from ..fragments.detect import detect_fragments
    from ..fragments.glossary_evidence import load_glossary_evidence
    from ..fragments.langid import LanguageScorer
    from ..fragments.pair import PairingModel, candidates, pair_fragments
    from ..fragments.search import SearchModel
    from ..segment import segment
    from ..textio import read_text

    terms = load_glossary_evidence(glossary) if glossary is not None else None
    source = read_text(path, encoding)
    text = source.text
    scorer = LanguageScorer(detector)
    segs = segment(text, "en")
    frags = detect_fragments(text, scorer, segments=segs)
    # Every candidate, not the fast search of `hizala fragments`: a review ranks them all
    # later (match_candidates), so they are embedded and stored anyway, and the detector's
    # choice keeps the score it is ranked with (the search's gap and knn features see only
    # the candidates it embedded).
    model = PairingModel(search=SearchModel(stop=0.0))
    if threshold is not None:
        model = dataclasses.replace(model, threshold=threshold)
    if encoder is None:
        from ..encoders import get_encoder

        encoder = get_encoder(project.encoder_name)
    enc = encoder
    matches = []
    texts: list[str] = []
    if frags:
        texts = [f.text for f in frags] + [c.embed_text for c in candidates(text, segs, frags)]
        prime_cache(project, enc, texts)
        if progress is None:
            matches = pair_fragments(text, frags, enc, segments=segs, glossary=terms,
                                     model=model)
        else:
            with progress(len(texts)) as step:
                matches = pair_fragments(text, frags, enc, segments=segs, glossary=terms,
                                         model=model, progress=step)
    signature = mixed_signature(enc.name, detector=scorer.backend, threshold=threshold,
                                glossary=glossary)
    with project.file.batch(unsaved="the article was not added and the project is as it was"):
        doc_id = project.add_mixed_document(source, matches, signature=signature, name=name)
        if texts:
            save_embeddings(project, enc, texts)
        if checker is not None and matches:
            project.recheck(checker, document_id=doc_id)
    return doc_id
