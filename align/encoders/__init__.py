"""Sentence encoders by name, imported only when asked for.

=========================  ==================================================
name                       backend
=========================  ==================================================
``use`` (default)          USE-multilingual-v3, pure numpy (:mod:`.use`)
``transformers:<model>``   a local or HF-cached transformers model such as
                           LaBSE, multilingual-e5 or bge-m3 (:mod:`.hf`);
                           needs ``pip install 'hizala[transformers]'``
``lexical``                no model: numbers, names and shared tokens
                           (:mod:`.lexical`)
``fake``                   deterministic, instant; for tests (:mod:`.fake`)
=========================  ==================================================
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ..errors import EncoderError
from .base import EmbeddingCache, Encoder

__all__ = ["BACKENDS", "DEFAULT_ENCODER", "EmbeddingCache", "Encoder", "get_encoder", "tokenizer"]

DEFAULT_ENCODER = "use"

BACKENDS: dict[str, str] = {
    "use": "align.encoders.use:UseEncoder",
    "transformers": "align.encoders.hf:TransformersEncoder",
    "lexical": "align.encoders.lexical:LexicalEncoder",
    "fake": "align.encoders.fake:FakeEncoder",
}
"""Backend name -> ``module:class``; the class takes the text after ``name:`` if any."""


def get_encoder(spec: str = DEFAULT_ENCODER, **options: Any) -> Encoder:
    """The encoder named by ``spec`` (``use``, ``transformers:<path or id>``, …).

    Nothing is loaded until the encoder is first used (or ``.load()`` is called).
    """
    name, _, arg = spec.partition(":")
    name = name.strip().lower()
    target = BACKENDS.get(name)
    if target is None:
        known = ", ".join(f"{k}:<model>" if k == "transformers" else k for k in BACKENDS)
        raise EncoderError(f"unknown encoder {spec!r}; choose one of {known}")
    if name == "transformers" and not arg:
        raise EncoderError(
            "'transformers' needs a model: transformers:<local path or cached model id>, "
            "e.g. transformers:sentence-transformers/LaBSE"
        )
    module_name, _, class_name = target.partition(":")
    cls = getattr(import_module(module_name), class_name)
    encoder: Encoder = cls(arg, **options) if arg else cls(**options)
    return encoder


def tokenizer() -> Any:
    """The SentencePiece tokenizer of the default encoder (USE's ``sp.model``), loaded once.

    The aligner counts a sentence's length in its tokens whatever encoder
    embeds the sentences: its weights were fitted on those counts, and they
    treat agglutinative Turkish and English evenly.
    """
    from .use import shared_sentencepiece

    return shared_sentencepiece()
