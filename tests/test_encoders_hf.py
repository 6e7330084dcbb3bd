"""The transformers backend on a tiny BERT built here (no download, a few seconds).

The model is saved twice: as a plain transformers folder (mean pooling) and in
the sentence-transformers layout (CLS pooling, a Dense+Tanh layer, Normalize,
declared prompts), with the module files written by hand so the
sentence-transformers package is not needed.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest

# Without the transformers extra these tests skip (test_encoders_hf_missing.py covers that
# case); everything else in the suite runs with `pip install -e '.[dev]'` alone.
_EXTRA = "the transformers extra is not installed (pip install -e '.[transformers]')"
torch = pytest.importorskip("torch", reason=_EXTRA)
pytest.importorskip("transformers", reason=_EXTRA)

from transformers import BertConfig, BertModel, BertTokenizerFast  # noqa: E402

from align.encoders import EmbeddingCache  # noqa: E402
from align.encoders.hf import TransformersEncoder, read_layout  # noqa: E402
from align.errors import EncoderError  # noqa: E402

TEXTS = [
    "Türkiye'nin başkenti Ankara'dır.",
    "The capital of Turkey is Ankara.",
    "İzmir'de 1.250,5 ton üzüm satıldı!",
    "Demokrasi ve ekonomi",
    "democracy and the economy?",
    "ışık",
    "",
    "NATO'ya katılım 1952'de gerçekleşti ve uzun bir tartışmanın ardından onaylandı.",
]
# U+0307: lower-casing İ gives i + combining dot above
_LETTERS = [*"abcçdefgğhıijklmnoöprsştuüvyzqwx", "\u0307"]
_WORDS = [
    "ankara",
    "türkiye",
    "izmir",
    "nato",
    "the",
    "and",
    "of",
    "is",
    "capital",
    "demokrasi",
    "democracy",
    "ekonomi",
    "economy",
    "ve",
    "bir",
    "ışık",
    "üzüm",
]
VOCAB = (
    ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    + _LETTERS
    + [f"##{c}" for c in _LETTERS]
    + list("0123456789.,!?'’:;%")
    + [f"##{c}" for c in "0123456789"]
    + _WORDS
    + ["query", "passage"]
)
PROMPTS = {"query": "query: ", "passage": "passage: "}


def _save_bert(folder: Path) -> BertModel:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    # from_pretrained reads vocab.txt with transformers 4 and 5 alike (the
    # constructors differ). strip_accents=False keeps ş ğ ç ö ü: they are in VOCAB.
    tokenizer = BertTokenizerFast.from_pretrained(
        str(folder), local_files_only=True, do_lower_case=True, strip_accents=False
    )
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(VOCAB),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    model = BertModel(config).eval()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return model


@contextmanager
def _no_progress_bars() -> Iterator[None]:
    """transformers draws progress bars on stderr when saving and loading."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.enable_progress_bar()


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny model folders.

    ``plain``: transformers only (mean pooling); ``st``: sentence-transformers
    layout, CLS pooling + Dense/Tanh + Normalize; ``st_bin``: the same with the
    Dense weights in pytorch_model.bin; ``st_prompt``: default prompt "query: ";
    ``st_multi``: all six pooling modes, prompt tokens not pooled, no Dense.
    """
    from safetensors.torch import save_file

    root = tmp_path_factory.mktemp("tiny-models")
    with _no_progress_bars():
        _save_bert(root / "plain")
        st = root / "st"
        _save_bert(st)
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Dense", "Dense"),
               ("3_Normalize", "Normalize")]  # fmt: skip
    _write_json(
        st / "modules.json",
        [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
    )
    _write_json(st / "sentence_bert_config.json", {"max_seq_length": 64, "do_lower_case": False})
    _write_json(
        st / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": 32,
            "pooling_mode_cls_token": True,
            "pooling_mode_mean_tokens": False,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
        },
    )
    _write_json(
        st / "2_Dense" / "config.json",
        {
            "in_features": 32,
            "out_features": 16,
            "bias": True,
            "activation_function": "torch.nn.modules.activation.Tanh",
        },
    )
    gen = torch.Generator().manual_seed(1)
    dense = {
        "linear.weight": torch.randn(16, 32, generator=gen) * 0.3,
        "linear.bias": torch.randn(16, generator=gen) * 0.1,
    }
    save_file(dense, str(st / "2_Dense" / "model.safetensors"))
    (st / "3_Normalize").mkdir()
    _write_json(
        st / "config_sentence_transformers.json", {"prompts": PROMPTS, "default_prompt_name": None}
    )

    st_bin = root / "st_bin"
    shutil.copytree(st, st_bin)
    (st_bin / "2_Dense" / "model.safetensors").unlink()
    torch.save(dense, st_bin / "2_Dense" / "pytorch_model.bin")

    st_prompt = root / "st_prompt"
    shutil.copytree(st, st_prompt)
    _write_json(
        st_prompt / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": "query"},
    )
    # Every pooling mode at once, prompt tokens left out of the pooling, no head.
    st_multi = root / "st_multi"
    shutil.copytree(st, st_multi, ignore=shutil.ignore_patterns("2_Dense", "3_Normalize"))
    _write_json(st_multi / "modules.json", _read_modules(st)[:2])
    _write_json(
        st_multi / "1_Pooling" / "config.json",
        {"word_embedding_dimension": 32, "include_prompt": False}
        | {f"pooling_mode_{m}": True for m in ALL_MODES},
    )
    return {
        "st_multi": st_multi,
        "plain": root / "plain",
        "st": st,
        "st_bin": st_bin,
        "st_prompt": st_prompt,
        "root": root,
    }


ALL_MODES = ("cls_token", "max_tokens", "mean_tokens", "mean_sqrt_len_tokens",
             "weightedmean_tokens", "lasttoken")  # fmt: skip


def _read_modules(folder: Path) -> list[dict[str, Any]]:
    modules: list[dict[str, Any]] = json.loads((folder / "modules.json").read_text("utf-8"))
    return modules


def _reference(folder: Path, texts: list[str], *, st: bool) -> np.ndarray:
    """What the encoder should give, computed directly with torch."""
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    with _no_progress_bars():
        model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
    batch = tok(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    if st:
        from safetensors.torch import load_file

        w = load_file(str(folder / "2_Dense" / "model.safetensors"))
        vec = torch.tanh(hidden[:, 0] @ w["linear.weight"].T + w["linear.bias"])
    else:
        mask = batch["attention_mask"].unsqueeze(-1).float()
        vec = (hidden * mask).sum(1) / mask.sum(1)
    vec = torch.nn.functional.normalize(vec, dim=-1)
    return vec.numpy()


def test_tokenizer_knows_turkish_letters(tiny: dict[str, Path]) -> None:
    tok = TransformersEncoder(str(tiny["plain"]), device="cpu").tokenizer
    pieces = tok.tokenize("ışık şğçöü İzmir")
    assert "[UNK]" not in pieces


def test_plain_folder_mean_pooling(tiny: dict[str, Path]) -> None:
    enc = TransformersEncoder(str(tiny["plain"]), device="cpu", max_length=64)
    out = enc.encode(TEXTS)
    assert out.shape == (len(TEXTS), 32)
    assert out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    assert enc.layout is not None and enc.layout.pooling == ("mean",)
    assert not enc.layout.sentence_transformers
    np.testing.assert_allclose(out, _reference(tiny["plain"], TEXTS, st=False), atol=1e-5)


@pytest.mark.parametrize("variant", ["st", "st_bin"])
def test_sentence_transformers_layout(tiny: dict[str, Path], variant: str) -> None:
    enc = TransformersEncoder(str(tiny[variant]), device="cpu")
    out = enc.encode(TEXTS)
    assert out.shape == (len(TEXTS), 16) and enc.dim == 16
    assert out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    layout = enc.layout
    assert layout is not None
    assert layout.pooling == ("cls",)
    assert [kind for kind, _ in layout.head] == ["dense", "normalize"]
    assert layout.max_seq_length == 64
    np.testing.assert_allclose(out, _reference(tiny["st"], TEXTS, st=True), atol=1e-5)


def test_every_pooling_mode_without_prompt_tokens(tiny: dict[str, Path]) -> None:
    """Six pooling modes concatenated; the prompt's tokens (after [CLS]) are not pooled."""
    from transformers import AutoModel, AutoTokenizer

    enc = TransformersEncoder(str(tiny["st_multi"]), device="cpu", prefix="query: ")
    out = enc.encode(TEXTS)
    assert enc.dim == 6 * 32 and out.shape == (len(TEXTS), 6 * 32)
    assert enc.layout is not None and not enc.layout.include_prompt
    assert enc.layout.pooling == ("cls", "max", "mean", "mean_sqrt_len", "weightedmean",
                                  "lasttoken")  # fmt: skip

    tok = AutoTokenizer.from_pretrained(str(tiny["st"]), local_files_only=True)
    with _no_progress_bars():
        model = AutoModel.from_pretrained(str(tiny["st"]), local_files_only=True).eval()
    skip = len(tok("query: ")["input_ids"]) - 1  # [CLS] query : (not [SEP])
    expected = []
    for text in TEXTS:  # one at a time: no padding to get wrong
        batch = tok(["query: " + text], truncation=True, max_length=64, return_tensors="pt")
        with torch.no_grad():
            h = model(**batch).last_hidden_state[0]
        kept = h[skip:]
        n = kept.shape[0]
        pos = torch.arange(skip + 1, skip + n + 1, dtype=torch.float32)[:, None]
        parts = [h[0], kept.max(0).values, kept.mean(0), kept.sum(0) / n**0.5,
                 (kept * pos).sum(0) / pos.sum(), h[-1]]  # fmt: skip
        expected.append(torch.nn.functional.normalize(torch.cat(parts), dim=0).numpy())
    np.testing.assert_allclose(out, np.stack(expected), atol=1e-5)


def test_layout_pooling_shorthand_and_errors(tiny: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "short"
    shutil.copytree(tiny["st_multi"], folder)
    _write_json(folder / "1_Pooling" / "config.json", {"pooling_mode": "lasttoken"})
    assert read_layout(folder).pooling == ("lasttoken",)
    _write_json(folder / "1_Pooling" / "config.json", {"pooling_mode": "median"})
    with pytest.raises(EncoderError, match="unknown pooling mode 'median'"):
        read_layout(folder)
    _write_json(folder / "1_Pooling" / "config.json", {"pooling_mode_mean_tokens": False})
    with pytest.raises(EncoderError, match="enables no pooling mode"):
        read_layout(folder)
    _write_json(folder / "modules.json", _read_modules(tiny["st"])[1:])
    with pytest.raises(EncoderError, match="must list a Transformer module, then a Pooling"):
        read_layout(folder)
    _write_json(folder / "modules.json", _read_modules(tiny["st"])[:1])
    with pytest.raises(EncoderError, match="must list a Transformer module, then a Pooling"):
        read_layout(folder)
    (folder / "modules.json").write_text("[{", encoding="utf-8")
    with pytest.raises(EncoderError, match=r"malformed modules\.json"):
        read_layout(folder)


def test_default_prompt_and_prefix(tiny: dict[str, Path]) -> None:
    assert read_layout(tiny["st"]).prompt == ""
    assert read_layout(tiny["st_prompt"]).prompt == "query: "
    declared = TransformersEncoder(str(tiny["st_prompt"]), device="cpu").encode(TEXTS)
    expected = _reference(tiny["st"], ["query: " + t for t in TEXTS], st=True)
    np.testing.assert_allclose(declared, expected, atol=1e-5)
    # An explicit prefix gives the same vectors and shows in the name (cache keys).
    prefixed = TransformersEncoder(str(tiny["st"]), device="cpu", prefix="query: ")
    np.testing.assert_allclose(prefixed.encode(TEXTS), declared, atol=1e-5)
    assert prefixed.name == f"transformers:{tiny['st']} prefix='query: '"
    # ...and overrides the declared default.
    other = TransformersEncoder(str(tiny["st_prompt"]), device="cpu", prefix="passage: ")
    expected = _reference(tiny["st"], ["passage: " + t for t in TEXTS], st=True)
    np.testing.assert_allclose(other.encode(TEXTS), expected, atol=1e-5)


def test_batching_does_not_change_vectors(tiny: dict[str, Path]) -> None:
    enc = TransformersEncoder(str(tiny["plain"]), device="cpu", batch_size=1)
    ref = enc.encode(TEXTS)
    perm = np.random.default_rng(0).permutation(len(TEXTS))
    shuffled = [TEXTS[i] for i in perm]
    for batch_size in (2, 3, 32):
        enc.batch_size, enc.cache = batch_size, EmbeddingCache()  # recompute, same model
        np.testing.assert_allclose(enc.encode(shuffled), ref[perm], atol=1e-5)


def test_cache_skips_the_model(tiny: dict[str, Path]) -> None:
    cache = EmbeddingCache()
    enc = TransformersEncoder(str(tiny["plain"]), device="cpu", batch_size=2, cache=cache)
    seen: list[int] = []
    enc.model.register_forward_hook(lambda _m, args, _out: seen.append(len(args[0]) if args else 0))
    first = enc.encode(TEXTS[:4])
    calls = len(seen)
    assert calls == 2  # 4 texts in batches of 2
    again = enc.encode(TEXTS[:4])
    assert len(seen) == calls  # nothing recomputed
    np.testing.assert_array_equal(first, again)
    enc.encode(TEXTS[:5])  # only the new text goes through the model
    assert len(seen) == calls + 1
    # Another encoder sharing the cache reuses the vectors too.
    twin = TransformersEncoder(str(tiny["plain"]), device="cpu", cache=cache)
    np.testing.assert_array_equal(twin.encode(TEXTS[:4]), first)
    assert not twin.loaded


def test_progress_and_empty_input(tiny: dict[str, Path]) -> None:
    enc = TransformersEncoder(str(tiny["plain"]), device="cpu", batch_size=3)
    done: list[int] = []
    enc.encode(TEXTS, progress=done.append)
    assert sum(done) == len(set(TEXTS)) and len(done) == 3
    assert enc.encode([]).shape == (0, 32)


def test_threads_are_capped_then_restored(tiny: dict[str, Path]) -> None:
    before = torch.get_num_threads()
    seen: list[int] = []
    enc = TransformersEncoder(str(tiny["plain"]), device="cpu", threads=1)
    enc.model.register_forward_hook(lambda *_: seen.append(torch.get_num_threads()))
    ref = TransformersEncoder(str(tiny["plain"]), device="cpu").encode(TEXTS)
    np.testing.assert_allclose(enc.encode(TEXTS), ref, atol=1e-5)
    assert set(seen) == {1}
    assert torch.get_num_threads() == before


def test_encode_runs_embeds_joined_text(tiny: dict[str, Path]) -> None:
    enc = TransformersEncoder(str(tiny["st"]), device="cpu")
    runs = enc.encode_runs(TEXTS[:3], [(0, 2), (1, 3)])
    joined = enc.encode([" ".join(TEXTS[0:2]), " ".join(TEXTS[1:3])])
    np.testing.assert_allclose(runs, joined, atol=1e-6)


def test_load_is_eager_and_timed(tiny: dict[str, Path]) -> None:
    enc = TransformersEncoder(str(tiny["st"]))
    assert not enc.loaded and enc.load_seconds is None
    enc.load()
    assert enc.loaded and enc.load_seconds is not None
    assert enc.device == ("cuda" if torch.cuda.is_available() else "cpu")


def test_missing_folder(tmp_path: Path) -> None:
    enc = TransformersEncoder(str(tmp_path / "no-such-model"))
    with pytest.raises(EncoderError, match="no such model folder") as err:
        enc.load()
    assert "never downloads" in str(err.value)
    assert not enc.loaded


def test_folder_that_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(EncoderError, match=r"not a transformers model folder.*no config\.json"):
        TransformersEncoder(str(tmp_path)).load()
    with pytest.raises(EncoderError, match="is a file, not a model folder"):
        TransformersEncoder(str(tmp_path / "notes.txt")).load()


def test_folder_with_broken_weights(tiny: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tiny["plain"], broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(EncoderError, match="cannot load the transformers model"):
        TransformersEncoder(str(broken)).load()


def test_unknown_model_id_is_not_downloaded() -> None:
    enc = TransformersEncoder("hizala-tests/no-such-model")
    with pytest.raises(EncoderError, match="neither a local folder nor a model in the Hugging"):
        enc.load()
    with pytest.raises(EncoderError, match="never downloads"):
        TransformersEncoder("not a valid id").load()


def test_cached_model_id(
    tiny: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id in the Hugging Face cache resolves to its snapshot folder, offline."""
    from huggingface_hub import constants

    repo = tmp_path / "hub" / "models--hizala-tests--tiny"
    shutil.copytree(tiny["st"], repo / "snapshots" / ("0" * 40))
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0" * 40, encoding="utf-8")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    enc = TransformersEncoder("hizala-tests/tiny", device="cpu")
    assert enc.name == "transformers:hizala-tests/tiny"
    np.testing.assert_allclose(enc.encode(TEXTS), _reference(tiny["st"], TEXTS, st=True), atol=1e-5)


def test_unsupported_module(tiny: dict[str, Path], tmp_path: Path) -> None:
    odd = tmp_path / "odd"
    shutil.copytree(tiny["st"], odd)
    modules = _read_modules(odd)
    modules[2]["type"] = "sentence_transformers.models.LSTM"
    _write_json(odd / "modules.json", modules)
    with pytest.raises(EncoderError, match="unsupported sentence-transformers module"):
        read_layout(odd)


def test_missing_torch_says_what_to_install(
    tiny: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)  # makes `import transformers` fail
    with pytest.raises(EncoderError, match=r"pip install 'hizala\[transformers\]'"):
        TransformersEncoder(str(tiny["plain"])).load()


def test_aligning_with_a_transformers_model_warns_that_the_weights_are_for_use(
    tiny: dict[str, Path], tmp_path: Path
) -> None:
    """The shipped weights were fitted with USE: another encoder aligns (the features are
    read on each document's own similarity scale) but hizala says, in one line, that the
    confidences are not calibrated for it."""
    from click.testing import CliRunner

    from align.cli.main import cli
    from align.formats import check_complete, parse_beads

    tr, en = tmp_path / "a.tr.txt", tmp_path / "a.en.txt"
    tr.write_text("Türkiye'nin başkenti Ankara'dır.\nİzmir'de üzüm satıldı!\n", encoding="utf-8")
    en.write_text("The capital of Turkey is Ankara.\nGrapes were sold in İzmir!\n", encoding="utf-8")
    with _no_progress_bars():
        result = CliRunner().invoke(cli, ["align", str(tr), str(en), "--presegmented",
                                          "--encoder", f"transformers:{tiny['plain']}"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("hizala: warning:")]
    assert len(warnings) == 1
    assert "fitted for encoder 'use'" in warnings[0] and "transformers:" in warnings[0]
    # a random tiny model knows no Turkish: only that the output is a whole alignment
    check_complete(parse_beads(result.stdout), 2, 2)
