"""Reading text files the way Turkish users actually have them.

Accepted: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, and the legacy
Turkish code pages Windows-1254 and ISO-8859-9 (detected when the bytes are not
UTF-8, or forced with an explicit encoding). Newlines are unified to LF and the
text is put in Unicode NFC, so that offsets into the returned text are what
``open(path, encoding=...).read()`` followed by NFC would give.

Anything else (a missing, empty or binary file, bytes that no candidate
encoding accepts) raises :class:`~align.errors.InputError` naming the file and,
where it helps, the byte offset.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from os import PathLike, fspath
from pathlib import Path

from .errors import InputError

__all__ = ["MAX_BYTES", "SourceText", "decode_bytes", "normalize_newlines", "read_text"]

MAX_BYTES = 256 * 1024 * 1024
"""Files larger than this are refused rather than exhausting memory."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Bytes Windows-1254 leaves undefined: their presence rules the code page out.
_CP1254_UNDEFINED = re.compile(rb"[\x81\x8d\x8e\x8f\x90\x9d\x9e]")
_C1_RANGE = re.compile(rb"[\x80-\x9f]")
# C0 controls that never occur in a text file (tab, LF, VT, FF, CR and ESC excepted).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded text file."""

    path: str
    """The path as given ("-" for standard input)."""
    text: str
    """The decoded text, NFC, with LF newlines."""
    encoding: str
    """The codec that decoded it (``utf-8``, ``utf-16-le``, ``cp1254``, ``iso-8859-9``…)."""
    sha256: str
    """SHA-256 of the raw bytes, to notice later that the file changed on disk."""
    bom: bool
    """Whether the file started with a byte order mark."""
    newline: str
    """The file's line ending: ``"\\n"``, ``"\\r\\n"``, ``"\\r"``, ``"mixed"`` or ``""``."""


def read_text(
    path: str | PathLike[str], encoding: str | None = None, *, max_bytes: int = MAX_BYTES
) -> SourceText:
    """Read and decode a text file; ``"-"`` reads standard input.

    ``encoding`` forces a codec (any name Python knows, e.g. ``cp1254``);
    otherwise it is detected.
    """
    name = fspath(path)
    data = _read_bytes(name, max_bytes)
    text, used, bom = decode_bytes(data, name, encoding)
    newline = _newline_style(text)
    text = unicodedata.normalize("NFC", normalize_newlines(text))
    if not text.strip():
        raise InputError("the file has no text (it is empty or white space only)", path=name)
    return SourceText(
        path=name,
        text=text,
        encoding=used,
        sha256=hashlib.sha256(data).hexdigest(),
        bom=bom,
        newline=newline,
    )


def _read_bytes(name: str, max_bytes: int) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(name)
        try:
            if p.is_dir():
                raise InputError("is a directory, not a text file", path=name)
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"the file is {size / 2**20:.0f} MiB; hizala reads at most "
                    f"{max_bytes / 2**20:.0f} MiB at once. Split it into smaller documents",
                    path=name,
                )
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file", path=name) from None
        except PermissionError:
            raise InputError("permission denied: cannot read the file", path=name) from None
        except IsADirectoryError:
            raise InputError("is a directory, not a text file", path=name) from None
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    if len(data) > max_bytes:
        raise InputError(f"input is larger than {max_bytes / 2**20:.0f} MiB", path=name)
    if not data:
        raise InputError("the file is empty", path=name)
    return data


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode raw bytes to text: ``(text, codec used, had BOM)``.

    Raises InputError for binary data or bytes the (detected or forced)
    encoding cannot decode, with the offset of the first bad byte.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if encoding is not None and _canonical(encoding, path) not in _bom_compatible(codec):
                raise InputError(
                    f"the file starts with a {codec.upper()} byte order mark but "
                    f"--encoding {encoding} was given; drop --encoding or re-save the file",
                    path=path,
                )
            text = _strict_decode(data[len(bom) :], codec, path, offset_base=len(bom))
            return _refuse_binary(text, path), codec, True

    if encoding is not None:
        codec = _canonical(encoding, path)
        return _refuse_binary(_strict_decode(data, codec, path), path), codec, False

    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"looks like a binary file (NUL byte at byte {nul}); hizala reads plain text. "
            "A UTF-16 file needs a byte order mark",
            path=path,
        )
    try:
        return _refuse_binary(data.decode("utf-8"), path), "utf-8", False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _looks_like_damaged_utf8(data):
        raise InputError(
            f"not valid UTF-8 at byte {utf8_error.start} (byte 0x{data[utf8_error.start]:02x}); "
            "the rest of the file is UTF-8, so the file looks damaged. Fix that byte or force a "
            "code page with --encoding cp1254",
            path=path,
            byte_offset=utf8_error.start,
        )
    bad = _CP1254_UNDEFINED.search(data)
    if bad is not None:
        raise InputError(
            f"neither UTF-8 nor a Turkish code page (Windows-1254/ISO-8859-9): byte "
            f"0x{data[bad.start()]:02x} at byte {bad.start()} is undefined there; "
            "give the right --encoding",
            path=path,
            byte_offset=bad.start(),
        )
    # The two Turkish code pages agree on 0xA0-0xFF; only Windows-1254 uses 0x80-0x9F
    # (curly quotes, dashes, the euro sign), where ISO-8859-9 has control characters.
    codec = "cp1254" if _C1_RANGE.search(data) else "iso-8859-9"
    return _refuse_binary(data.decode(codec), path), codec, False


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _canonical(encoding: str, path: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r}; try utf-8, cp1254, iso-8859-9 or utf-16",
            path=path,
        ) from None
    return {"utf-8": "utf-8", "utf-16": "utf-16", "iso8859-9": "iso-8859-9"}.get(name, name)


def _bom_compatible(bom_codec: str) -> set[str]:
    family = bom_codec.split("-le")[0].split("-be")[0]
    return {bom_codec, family, "utf-8-sig" if family == "utf-8" else family}


def _strict_decode(data: bytes, codec: str, path: str, offset_base: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        where = offset_base + exc.start
        raise InputError(
            f"cannot decode byte 0x{data[exc.start]:02x} at byte {where} as {codec}; "
            "check the file or give the right --encoding",
            path=path,
            byte_offset=where,
        ) from None


def _looks_like_damaged_utf8(data: bytes) -> bool:
    """True when the bytes are mostly well-formed UTF-8 multibyte sequences."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good > bad


def _refuse_binary(text: str, path: str) -> str:
    controls = _BINARY_CONTROLS.findall(text[:65536])
    if controls and len(controls) > max(2, len(text[:65536]) // 200):
        raise InputError(
            "looks like a binary file (control characters); hizala reads plain text",
            path=path,
        )
    return text


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if not kinds:
        return ""
    return kinds[0] if len(kinds) == 1 else "mixed"
