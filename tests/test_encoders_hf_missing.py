"""The transformers backend without its model: options checked at once, and without the
transformers extra a one-line error that says what to install (these run whether or not
the extra is installed; the tests that load a model are in test_encoders_hf.py)."""

from __future__ import annotations

import sys

import pytest

from align.encoders import get_encoder
from align.encoders.hf import TransformersEncoder
from align.errors import EncoderError


def test_bad_options() -> None:
    with pytest.raises(EncoderError, match="batch_size"):
        TransformersEncoder("x", batch_size=0)


@pytest.mark.parametrize("missing", ["torch", "transformers"])
def test_without_the_extra_loading_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # `import missing` fails, as uninstalled
    encoder = get_encoder("transformers:some/local-model")
    with pytest.raises(EncoderError, match=r"pip install 'hizala\[transformers\]'"):
        encoder.load()
    assert not encoder.loaded
