"""Adding a mixed article to a project in one call: read, detect, pair, store, check.

:func:`add_article` is what ``hizala new/add --mixed`` and a UI call: it
reads the article (every encoding case of :func:`align.textio.read_text`),
finds its Turkish fragments and pairs each with its English
(:mod:`align.fragments`), stores them as beads
(:meth:`~align.store.Project.add_mixed_document`) with the run's signature
(:func:`mixed_signature`), saves the embeddings it computed (so that ranking
candidates later embeds nothing) and, with a checker, computes the beads' QA
findings.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from os import PathLike, fspath
from typing import TYPE_CHECKING

from .. import __version__
from ..encoders.base import Encoder, Progress
from .embeddings import prime_cache
from .findings import Checker
from .signature import _shipped, _short_hash
from .values import RunSignature

if TYPE_CHECKING:
    from .project import Project

__all__ = ["add_article", "mixed_signature"]

ProgressFactory = Callable[[int], AbstractContextManager[Progress]]
"""Given the number of texts to embed, a context that yields a progress callback."""


def mixed_signature(
    encoder: str,
    *,
    detector: str = "lingua",
    threshold: float | None = None,
    glossary: str | PathLike[str] | None = None,
) -> RunSignature:
    """The signature of finding and pairing an article's fragments: encoder, language
    evidence (``lingua`` or ``rules``), pairing model and threshold, segmentation, and the
    glossary's content when one gave evidence."""
    from ..fragments.pair import PairingModel

    model = PairingModel()
    weights = json.dumps([list(model.weights), model.bias]).encode("utf-8")
    params = {
        "kind": "mixed",
        "detector": detector,
        "pairing": f"logit-{_short_hash(weights)}",
        "threshold": f"{model.threshold if threshold is None else threshold:g}",
        "seg": f"srx-{_shipped('segment.srx')}",
    }
    if glossary is not None:
        with open(fspath(glossary), "rb") as f:
            params["glossary"] = _short_hash(f.read())
    return RunSignature(__version__, encoder, tuple(sorted(params.items())))


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
    enc = encoder or project.encoder()
    matches = []
    texts: list[str] = []
    if frags:
        texts = [f.text for f in frags] + [c.embed_text for c in candidates(text, segs, frags)]
        with project._read() as conn:
            prime_cache(conn, enc, texts)
        if progress is None:
            matches = pair_fragments(text, frags, enc, segments=segs, glossary=terms,
                                     model=model)
        else:
            with progress(len(texts)) as step:
                matches = pair_fragments(text, frags, enc, segments=segs, glossary=terms,
                                         model=model, progress=step)
    signature = mixed_signature(enc.name, detector=scorer.backend, threshold=threshold,
                                glossary=glossary)
    doc_id = project.add_mixed_document(source, matches, signature=signature, name=name)
    if texts:
        project.save_embeddings(enc, texts)
    if checker is not None and matches:
        project.recheck(checker, document_id=doc_id)
    return doc_id
