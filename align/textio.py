"""Reading text files the way Turkish users actually have them.

Accepted: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, and the legacy
Turkish code pages Windows-1254 and ISO-8859-9 (detected when the bytes are not
UTF-8, or forced with an explicit encoding). Newlines are unified to LF and the
text is put in Unicode NFC, so that offsets into the returned text are what
``open(path, encoding=..., newline=None).read()`` (without the BOM) followed by
NFC would give.

Detection, when no encoding is forced, in this order:

1. a known binary signature (PNG, gzip, ZIP/.docx, PDF, RTF…) is refused;
2. a byte order mark decides (UTF-8, UTF-16 or UTF-32, strictly decoded);
3. NUL bytes are refused (UTF-16 without a BOM gets its own hint), and so are
   files with many other control bytes;
4. UTF-8 if the whole file decodes as UTF-8;
5. a file that is mostly UTF-8 with a few bad bytes is refused as damaged
   (or mixing two encodings), naming the first bad byte, rather than being
   read as Windows-1254 mojibake;
6. otherwise Windows-1254 when a byte in 0x80–0x9F (curly quotes, dashes) is
   present, else ISO-8859-9 (the two agree on every other byte, so the text is
   the same either way); a byte that Windows-1254 leaves undefined is refused.

Anything else (a missing, empty or binary file, bytes that no candidate
encoding accepts) raises :class:`~align.errors.InputError` naming the file and,
where it helps, the 0-based byte offset in the file (BOM included).

A vertical tab (a word processor's line break inside a paragraph, Shift+Enter)
or a form feed (a page break) is read as a space, with one warning per file:
XML (TMX) cannot hold either character, and removing it at export would join
the words around it. One character for one, so offsets are unchanged, and a
``--presegmented`` file keeps its units.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from itertools import islice
from os import PathLike, fspath

from .errors import InputError

__all__ = ["MAX_BYTES", "SourceText", "decode_bytes", "normalize_newlines", "read_text"]

log = logging.getLogger("align")

MAX_BYTES = 256 * 1024 * 1024
"""Files larger than this are refused rather than exhausting memory."""

STDIN_NAME = "<stdin>"
"""How standard input (path ``"-"``) is named in error messages."""

_ENCODING_HINT = "utf-8, cp1254, iso-8859-9 or utf-16"

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF_CODECS = frozenset(
    {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"}
)

# File signatures of formats people hand to hizala instead of the text inside them.
_PLAIN = "save it as plain text (.txt) and give that file"
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _PLAIN),
    (b"\xff\xd8\xff", "a JPEG image", _PLAIN),
    (b"GIF87a", "a GIF image", _PLAIN),
    (b"GIF89a", "a GIF image", _PLAIN),
    (b"%PDF-", "a PDF document", "export its text to a .txt file first"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .odt and .xlsx documents are ZIP archives)", _PLAIN),
    (b"PK\x05\x06", "an empty ZIP archive", _PLAIN),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Excel (OLE) document", _PLAIN),
    (b"{\\rtf", "an RTF document", _PLAIN),
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it first (gunzip)"),
    (b"BZh", "a bzip2-compressed file", "decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it first (unxz)"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file", "decompress it first (unzstd)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract the text file first"),
    (b"SQLite format 3\x00", "an SQLite database", "give a text file"),
    (b"\x7fELF", "an executable program", "give a text file"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

# Bytes Windows-1254 leaves undefined: their presence rules the code page out.
_CP1254_UNDEFINED = re.compile(rb"[\x81\x8d\x8e\x8f\x90\x9d\x9e]")
_C1_RANGE = re.compile(rb"[\x80-\x9f]")
# C0 controls that never occur in a text file (tab, LF, VT, FF, CR and ESC excepted;
# a stray Ctrl-Z, the DOS end-of-file mark, is tolerated below the threshold).
_CONTROLS = "\x00-\x08\x0e-\x1a\x1c-\x1f"
_BINARY_CONTROLS = re.compile(f"[{_CONTROLS}]")
_BINARY_CONTROL_BYTES = re.compile(f"[{_CONTROLS}]".encode("ascii"))
_SURROGATE = re.compile("[\ud800-\udfff]")

# A well-formed UTF-8 multi-byte sequence (RFC 3629: no overlongs, no surrogates).
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# Windows-1254 bytes of Turkish letters that are also UTF-8 lead bytes
# (Ç Î Ğ Ö Û Ü İ Ş ç î ğ), and of the punctuation that follows a word (‘ ’ “ ” … – — « » ´),
# which are all UTF-8 continuation bytes. "ODTÜ’de" in Windows-1254 contains DC 92,
# well-formed UTF-8 for U+0712 (Syriac): such a sequence is no evidence for UTF-8.
# Not included: Â and â, because "Â«" and "â…“" are also the UTF-8 of « and ⅓,
# which are far more likely.
_CP1254_LETTER_LEADS = frozenset(b"\xc7\xce\xd0\xd6\xdb\xdc\xdd\xde\xe7\xee\xf0")
_CP1254_PUNCT_TRAIL = frozenset(b"\x85\x91\x92\x93\x94\x96\x97\xab\xb4\xbb")
_C1_TRAIL = frozenset(range(0x80, 0xA0))
_ASCII = bytes(range(0x80))
# This many well-formed UTF-8 characters next to bad bytes mean "damaged or mixed
# UTF-8", whatever the ratio: Windows-1254 Turkish text does not contain them.
_UTF8_EVIDENCE = 8


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded text file."""

    path: str
    """The path as given ("-" for standard input)."""
    text: str
    """The decoded text, NFC, with LF newlines, without the BOM."""
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

    ``encoding`` forces a codec (any text codec Python knows, e.g. ``cp1254``);
    otherwise it is detected. Files over ``max_bytes`` are refused.
    """
    name = fspath(path)
    shown = STDIN_NAME if name == "-" else name
    data = _read_bytes(name, shown, max_bytes)
    text, used, bom = decode_bytes(data, shown, encoding)
    newline = _newline_style(text)
    text = unicodedata.normalize("NFC", normalize_newlines(text))
    text = _breaks_as_spaces(text, shown)
    if not text.strip():
        what = "only a byte order mark" if bom and not text else "only white space"
        raise InputError(f"contains {what}, no text; give a file with text in it", path=shown)
    return SourceText(
        path=name,
        text=text,
        encoding=used,
        sha256=hashlib.sha256(data).hexdigest(),
        bom=bom,
        newline=newline,
    )


_BREAKS = str.maketrans("\x0b\x0c", "  ")


def _breaks_as_spaces(text: str, shown: str) -> str:
    """Vertical tabs and form feeds as spaces, with one warning (see the module docstring)."""
    vt, ff = text.count("\x0b"), text.count("\x0c")
    if not vt and not ff:
        return text
    what = " and ".join(
        f"{n} {name}{'s' if n > 1 else ''}"
        for n, name in ((vt, "vertical tab"), (ff, "form feed")) if n
    )
    log.warning("%s: %s read as spaces (line and page breaks of a word processor; XML "
                "cannot hold them)", shown, what)
    return text.translate(_BREAKS)


def _read_bytes(name: str, shown: str, max_bytes: int) -> bytes:
    data = _read_stdin(max_bytes) if name == "-" else _read_file(name, max_bytes)
    if len(data) > max_bytes:
        raise InputError(
            f"is larger than the {_size(max_bytes)} hizala reads at once; "
            "split it into smaller documents",
            path=shown,
        )
    if not data:
        raise InputError("is empty (0 bytes); give a file with text in it", path=shown)
    return data


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(
            "standard input is not available to read from; give a file path instead",
            path=STDIN_NAME,
        )
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise InputError(
            f"cannot read standard input ({exc}); give a file path instead", path=STDIN_NAME
        ) from None
    if not isinstance(data, bytes):
        raise InputError(
            "standard input did not give bytes; give a file path instead", path=STDIN_NAME
        )
    return data


_IS_DIRECTORY = "is a directory, not a text file; give the path of a file"


def _read_file(name: str, max_bytes: int) -> bytes:
    try:
        if os.path.isdir(name):
            raise InputError(_IS_DIRECTORY, path=name)
        with open(name, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise InputError(
                    f"is {_size(info.st_size)}, more than the {_size(max_bytes)} hizala reads "
                    "at once; split it into smaller documents",
                    path=name,
                )
            # Bounded, so that a FIFO or a device such as /dev/zero cannot exhaust memory.
            return f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file; check the path", path=name) from None
    except PermissionError:
        raise InputError(
            "permission denied; make the file readable (chmod +r) or copy it", path=name
        ) from None
    except IsADirectoryError:
        raise InputError(_IS_DIRECTORY, path=name) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the file ({exc.strerror or exc}); check the path and the disk", path=name
        ) from None
    except ValueError:  # e.g. "embedded null byte" in the path
        raise InputError("is not a valid file name; check the path", path=name) from None


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode raw bytes to text: ``(text, codec used, had BOM)``.

    The text is neither newline-normalised nor NFC (see :func:`read_text`); a
    BOM is removed. Raises :class:`~align.errors.InputError` (and nothing else)
    for binary data or bytes the detected or forced encoding cannot decode,
    with the offset of the first bad byte.
    """
    forced = _canonical(encoding, path) if encoding is not None else None
    _refuse_signature(data, path)

    for bom, codec in _BOMS:
        if data.startswith(bom):
            if forced is not None and forced not in _bom_compatible(codec):
                raise InputError(
                    f"the file starts with a {codec.upper()} byte order mark, which contradicts "
                    f"--encoding {encoding}; drop --encoding or re-save the file",
                    path=path,
                )
            text = _strict_decode(data, codec, path, start=len(bom), bom_codec=codec)
            _refuse_binary_text(text, data, codec, path, start=len(bom))
            return text, codec, True

    if forced is not None:
        codec = _resolve_forced(forced, data)
        text = _strict_decode(data, codec, path, start=0)
        _refuse_binary_text(text, data, codec, path, start=0)
        if codec not in _UTF_CODECS:
            surrogate = _SURROGATE.search(text)
            if surrogate is not None:
                raise InputError(
                    f"decoding as {codec} gives an unpaired surrogate "
                    f"(U+{ord(surrogate.group()):04X}); give the right --encoding",
                    path=path,
                )
        return text, codec, False

    _refuse_binary_bytes(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good, _ = _utf8_evidence(data, _UTF8_EVIDENCE)
        if good and (good >= _UTF8_EVIDENCE or good >= _utf8_errors(data)):
            raise InputError(
                f"0x{data[exc.start]:02x} is not valid UTF-8, but the rest of the file is "
                "UTF-8: the file is damaged or mixes two encodings; fix the bytes there and "
                "re-save it as UTF-8, or force --encoding cp1254 if it really is Windows-1254",
                path=path,
                byte_offset=exc.start,
            ) from None
    else:
        good, ambiguous = _utf8_evidence(data, 1)
        if good or not ambiguous or _CP1254_UNDEFINED.search(data):
            return text, "utf-8", False
        # Every multi-byte sequence reads as a Turkish letter followed by quotes or
        # dashes in Windows-1254 ("ODTÜ’DE"): a legacy file, not Syriac UTF-8.

    undefined = _CP1254_UNDEFINED.search(data)
    if undefined is not None:
        pos = undefined.start()
        raise InputError(
            f"0x{data[pos]:02x} is undefined in the Turkish code pages "
            "(Windows-1254, ISO-8859-9) and the file is not UTF-8 either; give its encoding "
            "with --encoding (cp857 for old DOS Turkish files) or re-save it as UTF-8",
            path=path,
            byte_offset=pos,
        )
    # The two Turkish code pages agree on 0xA0-0xFF; only Windows-1254 uses 0x80-0x9F
    # (curly quotes, dashes, the euro sign), where ISO-8859-9 has control characters.
    codec = "cp1254" if _C1_RANGE.search(data) else "iso-8859-9"
    return data.decode(codec), codec, False


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _canonical(encoding: str, path: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except (LookupError, ValueError):
        raise InputError(
            f"unknown encoding {encoding!r}; use e.g. {_ENCODING_HINT}", path=path
        ) from None
    if name == "utf-8-sig":
        return "utf-8"  # a BOM, if any, is found and removed anyway
    return re.sub(r"^iso8859-(\d+)$", r"iso-8859-\1", name)


def _bom_compatible(bom_codec: str) -> set[str]:
    family = bom_codec.removesuffix("-le").removesuffix("-be")
    return {bom_codec, family}


def _resolve_forced(codec: str, data: bytes) -> str:
    """``utf-16``/``utf-32`` without a BOM: pick the byte order from where the zeros are.

    Python would otherwise use the machine's byte order. ASCII letters, digits and
    punctuation, which dominate Turkish and English text, have a zero high byte.
    """
    if codec == "utf-16":
        return "utf-16-be" if data[0::2].count(0) > data[1::2].count(0) else "utf-16-le"
    if codec == "utf-32":
        return "utf-32-be" if data[0::4].count(0) > data[3::4].count(0) else "utf-32-le"
    return codec


def _strict_decode(data: bytes, codec: str, path: str, *, start: int, bom_codec: str = "") -> str:
    try:
        return data[start:].decode(codec)
    except UnicodeDecodeError as exc:
        where = start + exc.start
        if not (isinstance(exc.object, bytes) and len(exc.object) == len(data) - start):
            where = -1  # a codec that reports positions in something else
        if bom_codec:
            why = (
                f"is not valid {bom_codec.upper()} ({exc.reason}), although the file starts "
                f"with a {bom_codec.upper()} byte order mark: the file is damaged; fix the "
                "bytes there"
            )
        else:
            why = (
                f"is not valid {codec} ({exc.reason}); "
                f"give the file's real encoding with --encoding (e.g. {_ENCODING_HINT})"
            )
        if where < 0:
            raise InputError(f"the file {why}", path=path) from None
        byte = f"0x{data[where]:02x} " if where < len(data) else "the end of the file "
        raise InputError(byte + why, path=path, byte_offset=where) from None
    except LookupError:  # a bytes-to-bytes codec such as base64 or rot13
        raise InputError(
            f"{codec!r} is not a text encoding; use e.g. {_ENCODING_HINT}", path=path
        ) from None
    except (UnicodeError, Warning):
        # 'undefined' and 'idna' fail without a position; unicode_escape warns on a bad
        # escape, which is an exception when warnings are errors.
        raise InputError(
            f"the bytes cannot be decoded as {codec}; give the file's real encoding with "
            f"--encoding (e.g. {_ENCODING_HINT})",
            path=path,
        ) from None


def _refuse_signature(data: bytes, path: str) -> None:
    for magic, what, todo in _SIGNATURES:
        if data.startswith(magic) and (magic != b"BZh" or _BZIP2.match(data)):
            raise InputError(f"is {what}, not a plain text file; {todo}", path=path)


def _too_many(found: int, length: int) -> bool:
    return found > max(2, length // 200)


def _refuse_binary_bytes(data: bytes, path: str) -> None:
    """NUL and other control bytes, for the ASCII-compatible candidates (no BOM)."""
    nul = data.find(b"\x00")
    if nul >= 0:
        if _looks_like_utf16(data):
            raise InputError(
                "looks like UTF-16 text without a byte order mark; give --encoding utf-16 "
                "or re-save the file as UTF-8",
                path=path,
            )
        raise InputError(
            "NUL byte: this looks like a binary file, not plain text; give a .txt file "
            "(UTF-8, UTF-16 with BOM, or Windows-1254)",
            path=path,
            byte_offset=nul,
        )
    limit = max(2, len(data) // 200)
    found = list(islice(_BINARY_CONTROL_BYTES.finditer(data), limit + 1))
    if _too_many(len(found), len(data)):
        pos = found[0].start()
        raise InputError(
            f"control byte 0x{data[pos]:02x}: with this many control characters it looks like "
            "a binary file, not plain text; give a .txt file",
            path=path,
            byte_offset=pos,
        )


def _refuse_binary_text(text: str, data: bytes, codec: str, path: str, *, start: int) -> None:
    """NUL and other control characters in text decoded with a BOM or forced codec."""
    limit = max(2, len(text) // 200)
    found = list(islice(_BINARY_CONTROLS.finditer(text), limit + 1))
    nul = text.find("\x00")
    if nul >= 0:
        index, what = nul, "NUL character"
    elif _too_many(len(found), len(text)):
        index, what = found[0].start(), f"control character U+{ord(found[0].group()):04X}"
    else:
        return
    raise InputError(
        f"{what}: this looks like a binary file, not plain text; check the file and --encoding",
        path=path,
        byte_offset=_byte_offset(text, index, data, codec, start),
    )


def _byte_offset(text: str, index: int, data: bytes, codec: str, start: int) -> int | None:
    """The byte offset of ``text[index]`` in ``data``, when it can be verified."""
    try:
        pos = start + len(text[:index].encode(codec))
        ok = data.startswith(text[index].encode(codec), pos)
    except (UnicodeError, LookupError):
        return None
    return pos if ok else None


def _looks_like_utf16(data: bytes) -> bool:
    """Zeros at one parity only and in a quarter of the bytes at least: ASCII in UTF-16."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    most = max(even, odd)
    return most >= 2 and min(even, odd) * 20 <= most and most * 4 >= len(data) // 2


def _is_ambiguous(seq: bytes) -> bool:
    """A well-formed UTF-8 sequence that Windows-1254 Turkish text produces by itself.

    A Turkish letter before quotes or dashes ("ODTÜ’de" is DC 92), or C2 before
    a C1 byte (no UTF-8 text contains C1 controls).
    """
    lead, trail = seq[0], seq[1:]
    if lead == 0xC2:
        return trail[0] in _C1_TRAIL
    return lead in _CP1254_LETTER_LEADS and all(b in _CP1254_PUNCT_TRAIL for b in trail)


def _utf8_evidence(data: bytes, enough: int) -> tuple[int, int]:
    """Count well-formed, unambiguous UTF-8 sequences (up to ``enough``) and ambiguous ones."""
    good = ambiguous = 0
    for m in _UTF8_MULTI.finditer(data):
        if _is_ambiguous(m.group()):
            ambiguous += 1
        else:
            good += 1
            if good >= enough:
                break
    return good, ambiguous


def _utf8_errors(data: bytes) -> int:
    """How many places in ``data`` are not UTF-8 (each maximal bad subpart counts once)."""
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    value, unit = (n / 2**20, "MiB") if n >= 2**20 else (n / 2**10, "KiB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if not kinds:
        return ""
    return kinds[0] if len(kinds) == 1 else "mixed"
