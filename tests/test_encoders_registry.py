"""``get_encoder``: the right backend for each name, nothing loaded before first use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from align.encoders import BACKENDS, DEFAULT_ENCODER, get_encoder
from align.encoders.fake import FakeEncoder
from align.encoders.hf import TransformersEncoder
from align.encoders.lexical import LexicalEncoder
from align.encoders.use import UseEncoder
from align.errors import EncoderError

REPO = Path(__file__).resolve().parents[1]
CHOICES = "use, transformers:<model>, lexical, fake"


def test_default_is_use_and_lazy() -> None:
    enc = get_encoder()
    assert DEFAULT_ENCODER == "use"
    assert isinstance(enc, UseEncoder) and enc.name == "use"
    assert enc._weights is None  # nothing read from disk yet


def test_named_backends() -> None:
    assert type(get_encoder("use")) is UseEncoder
    lexical = get_encoder("lexical")
    assert type(lexical) is LexicalEncoder and lexical.name == "lexical"
    fake = get_encoder("fake")
    assert type(fake) is FakeEncoder and fake.name == "fake"
    assert set(BACKENDS) == {"use", "transformers", "lexical", "fake"}


def test_argument_and_options_reach_the_backend() -> None:
    assert get_encoder("lexical:256").dim == 256
    assert get_encoder("fake", dim=8).name == "fake:8"
    # The name of a model-free encoder is a spec that gives it back.
    assert get_encoder(get_encoder("fake:16").name).dim == 16


def test_transformers_with_a_model(tmp_path: Path) -> None:
    # A folder that is not a model: proves the encoder does not look at it yet.
    enc = get_encoder(f"transformers:{tmp_path}", device="cpu", batch_size=4)
    assert isinstance(enc, TransformersEncoder) and type(enc) is TransformersEncoder
    assert enc.name == f"transformers:{tmp_path}"
    assert (enc.batch_size, enc.device_spec) == (4, "cpu")
    assert not enc.loaded
    hub = get_encoder("transformers:sentence-transformers/LaBSE")
    assert isinstance(hub, TransformersEncoder)
    assert hub.name == "transformers:sentence-transformers/LaBSE" and not hub.loaded


def test_transformers_looks_at_the_folder_when_it_loads(tmp_path: Path) -> None:
    for module in ("torch", "transformers"):  # without the extra, loading says what to install
        pytest.importorskip(module, reason="the transformers extra is not installed")
    enc = get_encoder(f"transformers:{tmp_path}", device="cpu", batch_size=4)
    with pytest.raises(EncoderError, match="not a transformers model folder"):
        enc.load()


@pytest.mark.parametrize("spec", ["nope", "usee", "labse", "", "lexicon:3"])
def test_unknown_names_list_the_choices(spec: str) -> None:
    with pytest.raises(EncoderError, match="unknown encoder") as err:
        get_encoder(spec)
    assert CHOICES in str(err.value)


@pytest.mark.parametrize("spec", ["transformers", "transformers:"])
def test_transformers_needs_a_model(spec: str) -> None:
    with pytest.raises(EncoderError, match=r"transformers:<local path or cached model id>"):
        get_encoder(spec)


def test_creating_a_transformers_encoder_imports_no_torch(tmp_path: Path) -> None:
    code = (
        "import sys; from align.encoders import get_encoder;"
        f"e = get_encoder('transformers:{tmp_path}'); e.name;"
        "heavy = sorted(m for m in ('torch', 'transformers') if m in sys.modules);"
        "print(','.join(heavy))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=REPO
    )
    assert out.stdout.strip() == ""
