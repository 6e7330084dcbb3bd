"""Sentence encoders from a local transformers model (LaBSE, multilingual-e5, bge-m3, …).

``transformers:<model>`` takes a model folder or the id of a model already in
the Hugging Face cache. hizala never downloads at run time: every lookup is
``local_files_only``, so a missing model is an :class:`EncoderError` saying
where to put it, not a network call.

Pooling follows the model's own configuration, read as plain JSON:

* a sentence-transformers layout (``modules.json``): the Transformer module
  (``sentence_bert_config.json``: ``max_seq_length``, ``do_lower_case``), then
  ``1_Pooling/config.json`` (cls, max, mean, mean_sqrt_len, weightedmean,
  lasttoken; several are concatenated in sentence-transformers' order), then
  ``Dense`` layers (LaBSE: 768→768, Tanh) and ``Normalize``; the
  ``default_prompt_name`` of ``config_sentence_transformers.json`` is
  prepended to every text;
* a plain transformers folder: mean pooling over the attention mask.

``prefix=`` overrides the declared prompt (multilingual-e5 declares none but
wants ``"query: "`` for symmetric tasks such as alignment). torch and
transformers are imported in :meth:`TransformersEncoder.load` only, so
importing this module stays light.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import EncoderError
from .base import EmbeddingCache, Encoder, Progress

__all__ = ["Layout", "TransformersEncoder", "read_layout", "resolve_model"]

_log = logging.getLogger("align")

_INSTALL_HINT = "pip install 'hizala[transformers]'"
_NO_DOWNLOAD = (
    "hizala never downloads models at run time: give the path of a local model folder, "
    "or fetch the model once on a machine with network access into the Hugging Face "
    "cache (e.g. `hf download <id>`) and copy that cache here"
)
# sentence-transformers concatenates the pooled vectors in this order.
_POOLING_MODES = (
    ("pooling_mode_cls_token", "cls"),
    ("pooling_mode_max_tokens", "max"),
    ("pooling_mode_mean_tokens", "mean"),
    ("pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len"),
    ("pooling_mode_weightedmean_tokens", "weightedmean"),
    ("pooling_mode_lasttoken", "lasttoken"),
)
_POOLING_NAMES = {"mean_sqrt_len_tokens": "mean_sqrt_len"} | {m: m for _, m in _POOLING_MODES}
_JSON_ERRORS = (OSError, UnicodeDecodeError, json.JSONDecodeError)
_ACTIVATIONS = ("Identity", "Tanh", "ReLU", "GELU", "Sigmoid")


@dataclass(frozen=True)
class Layout:
    """What :func:`read_layout` found in a model folder: where the weights are, how to pool."""

    folder: Path
    """The folder holding the transformer's ``config.json``, weights and tokenizer."""
    pooling: tuple[str, ...] = ("mean",)
    """Pooling modes, concatenated in this order (``cls``, ``max``, ``mean`` …)."""
    head: tuple[tuple[str, Path | None], ...] = ()
    """Modules after pooling: ``("dense", folder)`` or ``("normalize", None)``."""
    prompt: str = ""
    """The declared default prompt, prepended to every text."""
    include_prompt: bool = True
    """False: the prompt's tokens are left out of the pooling."""
    max_seq_length: int | None = None
    do_lower_case: bool = False
    sentence_transformers: bool = False


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except _JSON_ERRORS as exc:
        raise EncoderError(f"cannot read {path.name}: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise EncoderError(f"{path.name} is not a JSON object", path=path)
    return data


def _read_pooling(path: Path) -> tuple[tuple[str, ...], bool]:
    """Pooling modes and ``include_prompt`` from a Pooling module's config.json."""
    config = _read_json(path)
    pooling = tuple(mode for key, mode in _POOLING_MODES if config.get(key))
    if isinstance(config.get("pooling_mode"), str):  # the one-mode shorthand
        pooling = (_POOLING_NAMES.get(config["pooling_mode"], config["pooling_mode"]),)
    if any(mode not in _POOLING_NAMES.values() for mode in pooling):
        raise EncoderError(f"unknown pooling mode {config['pooling_mode']!r}", path=path)
    if not pooling:
        raise EncoderError("the pooling config enables no pooling mode", path=path)
    return pooling, bool(config.get("include_prompt", True))


def read_layout(root: Path) -> Layout:
    """The pooling pipeline of the model in ``root``, from its JSON files alone."""
    if not root.is_dir():
        raise EncoderError(f"{root} is not a folder; {_NO_DOWNLOAD}", path=root)
    modules_file = root / "modules.json"
    if not modules_file.is_file():
        if not (root / "config.json").is_file():
            raise EncoderError(
                f"{root} is not a transformers model folder: it has no config.json "
                "(nor a sentence-transformers modules.json); give the folder that "
                "save_pretrained() wrote",
                path=root,
            )
        return Layout(folder=root)

    try:
        modules = json.loads(modules_file.read_text(encoding="utf-8"))
        steps = sorted((int(m["idx"]), str(m["type"]), str(m["path"])) for m in modules)
    except (*_JSON_ERRORS, KeyError, TypeError, ValueError) as exc:
        raise EncoderError(f"malformed modules.json: {exc}", path=modules_file) from exc

    order = EncoderError(
        "modules.json must list a Transformer module, then a Pooling module, then any "
        "Dense and Normalize modules",
        path=modules_file,
    )
    folder: Path | None = None
    pooling: tuple[str, ...] = ()
    include_prompt = True
    head: list[tuple[str, Path | None]] = []
    for _, type_name, sub in steps:
        kind = type_name.rsplit(".", 1)[-1]
        where = root / sub
        if kind not in ("Transformer", "Pooling", "Dense", "Normalize", "Dropout"):
            raise EncoderError(
                f"unsupported sentence-transformers module {type_name!r} in modules.json; "
                "hizala supports Transformer, Pooling, Dense and Normalize",
                path=modules_file,
            )
        if kind == "Dropout":  # does nothing at inference
            continue
        misplaced = (
            (kind == "Transformer") != (folder is None)  # exactly one, and first
            or (kind == "Pooling" and bool(pooling))  # exactly one
            or (kind in ("Dense", "Normalize") and not pooling)  # after the pooling
        )
        if misplaced:
            raise order
        if kind == "Transformer":
            folder = where
        elif kind == "Pooling":
            pooling, include_prompt = _read_pooling(where / "config.json")
        else:
            head.append(("dense", where) if kind == "Dense" else ("normalize", None))
    if folder is None or not pooling:
        raise order
    if not (folder / "config.json").is_file():
        raise EncoderError(
            f"the Transformer module folder {folder} has no config.json", path=modules_file
        )

    st_config = folder / "sentence_bert_config.json"
    if not st_config.is_file():  # older layouts keep it next to modules.json
        st_config = root / "sentence_bert_config.json"
    bert = _read_json(st_config) if st_config.is_file() else {}
    max_seq = bert.get("max_seq_length")

    prompts: dict[str, str] = {}
    prompt = ""
    prompt_file = root / "config_sentence_transformers.json"
    if prompt_file.is_file():
        config = _read_json(prompt_file)
        prompts = {str(k): str(v) for k, v in (config.get("prompts") or {}).items()}
        default = config.get("default_prompt_name")
        if default is not None:
            if default not in prompts:
                raise EncoderError(
                    f"default_prompt_name {default!r} is not among the prompts {sorted(prompts)}",
                    path=prompt_file,
                )
            prompt = prompts[default]
    return Layout(
        folder=folder,
        pooling=pooling,
        head=tuple(head),
        prompt=prompt,
        include_prompt=include_prompt,
        max_seq_length=int(max_seq) if isinstance(max_seq, int) else None,
        do_lower_case=bool(bert.get("do_lower_case", False)),
        sentence_transformers=True,
    )


def _looks_like_path(model: str) -> bool:
    """True for ``./x``, ``/x``, ``~/x``, ``C:\\x``, ``a/b/c``: never a hub id."""
    return (
        model.startswith((".", "/", "~"))
        or "\\" in model
        or model.count("/") > 1
        or (len(model) > 1 and model[1] == ":")
    )


def resolve_model(model: str) -> Path:
    """The local folder of ``model``: a path, or a model id found in the HF cache."""
    path = Path(model).expanduser()
    if path.exists():
        if not path.is_dir():
            raise EncoderError(f"{path} is a file, not a model folder; {_NO_DOWNLOAD}", path=path)
        return path
    if _looks_like_path(model):
        raise EncoderError(f"no such model folder {path}; {_NO_DOWNLOAD}", path=path)
    # lazy: huggingface_hub comes with transformers (load() checked that it is installed)
    from huggingface_hub import constants, snapshot_download

    try:
        return Path(snapshot_download(model, local_files_only=True))
    except (OSError, ValueError) as exc:
        # OSError: LocalEntryNotFoundError; ValueError: an invalid repo id.
        raise EncoderError(
            f"{model!r} is neither a local folder nor a model in the Hugging Face cache "
            f"({constants.HF_HUB_CACHE}); {_NO_DOWNLOAD}"
        ) from exc


class TransformersEncoder(Encoder):
    """A local transformers model pooled the way its own configuration says.

    ``model`` is a folder or an id already in the Hugging Face cache; ``device``
    ``None`` means CUDA when available, else CPU. Texts are embedded in batches
    of ``batch_size`` sorted by token length (little padding), truncated to
    ``max_length`` tokens (or the model's ``max_seq_length`` if smaller).
    ``prefix`` is prepended to every text and overrides the model's declared
    default prompt; because it changes the vectors, it becomes part of
    :attr:`name` (and so of cache keys). ``threads`` caps torch's CPU threads
    during :meth:`encode` (torch's default uses every core, which collapses when
    another process is busy on one of them).
    """

    def __init__(
        self,
        model: str,
        *,
        device: str | None = None,
        batch_size: int = 32,
        max_length: int = 256,
        prefix: str | None = None,
        threads: int | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        super().__init__(cache)
        if batch_size < 1 or max_length < 2:
            raise EncoderError(
                f"batch_size must be >= 1 and max_length >= 2 (got {batch_size}, {max_length})"
            )
        self.model_spec = model
        self.name = f"transformers:{model}"
        if prefix is not None:
            self.name += f" prefix={prefix!r}"
        self.device_spec = device
        self.batch_size = batch_size
        self.max_length = max_length
        self.prefix = prefix
        self.threads = threads
        self.layout: Layout | None = None
        """The model's pooling pipeline, once loaded."""
        self.load_seconds: float | None = None
        """How long :meth:`load` took, once loaded."""
        self._torch: Any = None
        self._model: Any = None
        self._tokenizer: Any = None
        self._head: list[Callable[[Any], Any]] = []
        self._dim: int | None = None
        self._device: Any = None
        self._lock = threading.Lock()

    # -- loading -----------------------------------------------------------
    @property
    def loaded(self) -> bool:
        """Whether the model is in memory."""
        return self._model is not None

    @property
    def model(self) -> Any:
        """The ``transformers`` model (loads it)."""
        self.load()
        return self._model

    @property
    def tokenizer(self) -> Any:
        """The ``transformers`` tokenizer (loads it)."""
        self.load()
        return self._tokenizer

    @property
    def dim(self) -> int:
        """Length of the vectors (loads the model: only its config tells)."""
        self.load()
        assert self._dim is not None
        return self._dim

    @dim.setter
    def dim(self, value: int) -> None:
        self._dim = value

    @property
    def device(self) -> str:
        """The torch device the model runs on (loads the model)."""
        self.load()
        return str(self._device)

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            started = time.perf_counter()
            try:
                # lazy: importing align must never import torch (see module docstring)
                import torch
                import transformers
            except ImportError as exc:
                raise EncoderError(
                    f"the transformers encoder needs torch and transformers ({exc}): "
                    f"{_INSTALL_HINT}"
                ) from exc
            layout = read_layout(resolve_model(self.model_spec))
            device = self._pick_device(torch)
            tokenizer, model = _load_pretrained(transformers, torch, layout.folder)
            try:
                model.to(device)
            except (RuntimeError, ValueError) as exc:
                raise EncoderError(f"cannot move the model to {device}: {exc}") from exc
            model.eval()
            dim = _hidden_size(model) * len(layout.pooling)
            head: list[Callable[[Any], Any]] = []
            for kind, where in layout.head:
                if kind == "dense" and where is not None:
                    step, dim = _load_dense(torch, where, dim, device)
                    head.append(step)
                else:
                    head.append(lambda x: torch.nn.functional.normalize(x, dim=-1))
            self._torch, self._tokenizer, self._head = torch, tokenizer, head
            self._device, self._dim, self.layout = device, dim, layout
            self._model = model  # last: it marks the encoder as loaded
            self.load_seconds = time.perf_counter() - started
            pooling = "+".join(layout.pooling)
            _log.info("loaded %s (%d-d, %s pooling) on %s in %.2fs", self.name, dim, pooling,
                      device, self.load_seconds)  # fmt: skip

    def _pick_device(self, torch: Any) -> Any:
        name = self.device_spec or ("cuda" if torch.cuda.is_available() else "cpu")
        try:
            device = torch.device(name)
        except RuntimeError as exc:
            raise EncoderError(f"unknown torch device {name!r}: use cpu or cuda") from exc
        if device.type == "cuda" and not torch.cuda.is_available():
            raise EncoderError(f"device {name!r} asked for but CUDA is not available; use cpu")
        return device

    # -- forward pass --------------------------------------------------------
    def _states(self, texts: list[str], progress: Progress | None) -> NDArray[np.float32]:
        self.load()
        layout, torch, tok = self.layout, self._torch, self._tokenizer
        assert layout is not None
        prompt = self.prefix if self.prefix is not None else layout.prompt
        inputs = [prompt + t for t in texts]
        if layout.do_lower_case:  # as sentence-transformers does: plain str.lower
            inputs = [t.lower() for t in inputs]
        max_len = self.max_length
        if layout.max_seq_length is not None:
            max_len = min(max_len, layout.max_seq_length)
        # Tokens of the prompt to leave out of pooling (sentence-transformers
        # counts the prompt's tokens with the leading special token, not the end one).
        skip = 0
        if prompt and not layout.include_prompt:
            skip = len(tok([prompt], truncation=True, max_length=max_len)["input_ids"][0]) - 1

        # Longest first, so that each batch pads little and a too-large batch fails early.
        ids = tok(inputs, truncation=True, max_length=max_len)["input_ids"]
        lengths = [len(row) for row in ids]
        order = sorted(range(len(inputs)), key=lambda i: -lengths[i])
        out = np.empty((len(inputs), self.dim), dtype=np.float32)
        tok_args = {"truncation": True, "max_length": max_len, "return_tensors": "pt"}
        with _torch_threads(torch, self.threads), torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                batch = tok([inputs[i] for i in idx], padding=True, **tok_args)
                batch = {k: v.to(self._device) for k, v in batch.items()}
                hidden = self._model(**batch)[0]
                mask = batch["attention_mask"]
                if skip:
                    mask = mask.clone()
                    mask[:, :skip] = 0
                vec = _pool(torch, hidden, mask, layout.pooling)
                for step in self._head:
                    vec = step(vec)
                out[idx] = vec.float().cpu().numpy()
                if progress is not None:
                    progress(len(idx))
        return out


@contextmanager
def _torch_threads(torch: Any, n: int | None) -> Iterator[None]:
    """Cap torch's CPU threads for the block; a process-wide setting, so restored after."""
    before = torch.get_num_threads()
    if n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if n:
            torch.set_num_threads(before)


def _load_pretrained(transformers: Any, torch: Any, folder: Path) -> tuple[Any, Any]:
    """Tokenizer and model from ``folder``, never touching the network."""
    from safetensors import SafetensorError

    # transformers >= 4.56 calls the argument ``dtype``; older ones only know
    # ``torch_dtype`` (and newer ones warn about it). float32 everywhere keeps
    # vectors the same on every device, which the embedding cache relies on.
    major, minor = (int(p) for p in transformers.__version__.split(".")[:2])
    dtype_kw = "dtype" if (major, minor) >= (4, 56) else "torch_dtype"
    hf_logging = transformers.utils.logging
    bars = hf_logging.is_progress_bar_enabled()
    # transformers draws a "Loading weights" progress bar on stderr; a library
    # must not write there, so turn it off for the call and restore the setting.
    if bars:
        hf_logging.disable_progress_bar()
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        model = transformers.AutoModel.from_pretrained(
            str(folder), local_files_only=True, **{dtype_kw: torch.float32}
        )
    except (OSError, ValueError, KeyError, RuntimeError, ImportError, SafetensorError) as exc:
        raise EncoderError(
            f"cannot load the transformers model in {folder}: {exc}", path=folder
        ) from exc
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    return tokenizer, model


def _hidden_size(model: Any) -> int:
    config = model.config
    for key in ("hidden_size", "d_model", "dim", "n_embd"):
        value = getattr(config, key, None)
        if isinstance(value, int):
            return value
    raise EncoderError(f"cannot tell the hidden size of {type(model).__name__} from its config")


def _pool(torch: Any, hidden: Any, mask: Any, modes: tuple[str, ...]) -> Any:
    """Pooled vectors ``(batch, len(modes) * hidden)`` as sentence-transformers computes them."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    counts = m.sum(dim=1).clamp(min=1e-9)
    parts = []
    for mode in modes:
        if mode == "cls":
            parts.append(hidden[:, 0])
        elif mode == "max":
            parts.append(hidden.masked_fill(m == 0, -1e9).max(dim=1).values)
        elif mode == "mean":
            parts.append((hidden * m).sum(dim=1) / counts)
        elif mode == "mean_sqrt_len":
            parts.append((hidden * m).sum(dim=1) / counts.sqrt())
        elif mode == "weightedmean":
            pos = torch.arange(1, hidden.shape[1] + 1, device=hidden.device, dtype=hidden.dtype)
            w = m * pos[None, :, None]
            parts.append((hidden * w).sum(dim=1) / w.sum(dim=1).clamp(min=1e-9))
        else:  # lasttoken: the last unmasked position, whichever side was padded
            pos = torch.arange(hidden.shape[1], device=hidden.device)
            last = (mask * pos).argmax(dim=1)
            parts.append(hidden[torch.arange(hidden.shape[0], device=hidden.device), last])
    return torch.cat(parts, dim=1) if len(parts) > 1 else parts[0]


def _load_dense(
    torch: Any, folder: Path, in_dim: int, device: Any
) -> tuple[Callable[[Any], Any], int]:
    """A sentence-transformers Dense layer: ``activation(linear(x))``, and its output width."""
    # lazy: safetensors.torch imports torch
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    config = _read_json(folder / "config.json")
    try:
        n_in, n_out = int(config["in_features"]), int(config["out_features"])
    except (KeyError, TypeError, ValueError) as exc:
        raise EncoderError(
            f"Dense config needs in_features and out_features: {exc}", path=folder / "config.json"
        ) from exc
    if n_in != in_dim:
        raise EncoderError(
            f"Dense layer takes {n_in} features but the pooling gives {in_dim}",
            path=folder / "config.json",
        )
    act_name = str(config.get("activation_function", "Tanh")).rsplit(".", 1)[-1]
    if act_name not in _ACTIVATIONS:
        raise EncoderError(
            f"unsupported Dense activation {act_name!r}; hizala knows {', '.join(_ACTIVATIONS)}",
            path=folder / "config.json",
        )
    activation = getattr(torch.nn, act_name)()

    linear = torch.nn.Linear(n_in, n_out, bias=bool(config.get("bias", True)))
    weights_file = folder / "model.safetensors"
    try:
        if weights_file.is_file():
            state = load_file(str(weights_file))
        elif (folder / "pytorch_model.bin").is_file():
            weights_file = folder / "pytorch_model.bin"
            state = torch.load(weights_file, map_location="cpu", weights_only=True)
        else:
            raise EncoderError(
                "Dense layer folder has no model.safetensors or pytorch_model.bin", path=folder
            )
        linear.load_state_dict({k.removeprefix("linear."): v for k, v in state.items()})
    except (OSError, RuntimeError, KeyError, ValueError, SafetensorError) as exc:
        raise EncoderError(f"cannot load the Dense weights: {exc}", path=weights_file) from exc
    linear.to(device=device, dtype=torch.float32).eval()
    layer = torch.nn.Sequential(linear, activation)
    return layer, n_out
