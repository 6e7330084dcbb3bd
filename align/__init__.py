"""hizala's engine: read, segment, embed and align Turkish–English texts.

Importing ``align`` loads nothing heavy: no model, no UI, no torch. The
public names are imported lazily from their modules on first use.
"""

from __future__ import annotations

from typing import Any

from .lazy import lazy_attribute

__version__ = "0.1.0"

_EXPORTS = {
    "HizalaError": "align.errors",
    "InputError": "align.errors",
    "SegmentationError": "align.errors",
    "EncoderError": "align.errors",
    "FormatError": "align.errors",
    "GlossaryError": "align.errors",
    "StoreError": "align.errors",
    "Bead": "align.types",
    "Document": "align.types",
    "Segment": "align.types",
    "read_text": "align.textio",
    "get_encoder": "align.encoders",
    "Glossary": "align.glossary.model",
    "Term": "align.glossary.model",
    "TermHit": "align.glossary.model",
    "TermMatcher": "align.glossary.match",
    "load_glossary": "align.glossary.yaml_store",
    "Finding": "align.qa",
    "check_pair": "align.qa",
    "check_document": "align.qa",
}

__all__ = [  # noqa: RUF022 - the version first, then the lazy names
    "__version__",
    "Bead",
    "Document",
    "EncoderError",
    "FormatError",
    "GlossaryError",
    "HizalaError",
    "InputError",
    "Segment",
    "SegmentationError",
    "StoreError",
    "get_encoder",
    "read_text",
]


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _EXPORTS, name)
