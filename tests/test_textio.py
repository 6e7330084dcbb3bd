"""Reading text files: encodings, newlines, NFC, and every way input can be bad.

The fixture files in ``tests/data/encodings`` and ``tests/data/bad_inputs`` are
committed and byte-exact (``tests/data/.gitattributes`` keeps git from touching
them). They are made by :func:`encoding_fixtures` and :func:`bad_fixtures`
below; after changing those, regenerate them with::

    python -m tests.test_textio      # from the repository root

and :func:`test_committed_fixtures_match_the_generator` checks they agree.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import os
import struct
import sys
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from align import textio
from align.errors import InputError
from align.textio import MAX_BYTES, SourceText, decode_bytes, normalize_newlines, read_text

DATA = Path(__file__).parent / "data"
ENCODINGS = DATA / "encodings"
BAD = DATA / "bad_inputs"

# Lines of WMT16 news (devset wmt16/000_c000), as typed: straight quotes only,
# so that every Turkish code page and ISO-8859-9 can encode them.
PLAIN = (
    "Profesör 911'i Arayarak Kız Arkadaşını Öldürdüğünü İtiraf Etti\n"
    "Lamb'in vahim 911 çağrısını ise bundan kısa bir süre sonra yaptığını da belirtti.\n"
    "İlkbaharda eğitim alanında doktorasını almıştı.\n"
    '911 çağrısında Lamb "Karımı öldürdüm" dediyse de evlendiklerine dair resmi bir kayıt yok.\n'
    "Bir başka öğrenci Mikel Sykes ise Lamb'in kendisine 2014-15 öğrenim yılı sonlarında "
    "stresle boğuştuğunu söylediğini belirtti.\n"
    "Sınıflar Çarşamba günü devam ediyor.\n"
)
# The same with the typography of a word processor: curly quotes and apostrophes,
# an en dash, an em dash and an ellipsis, all in 0x80-0x9F in Windows-1254.
TYPO = (
    "Profesör 911’i Arayarak Kız Arkadaşını Öldürdüğünü İtiraf Etti\n"
    "Lamb’in vahim 911 çağrısını ise bundan kısa bir süre sonra yaptığını da belirtti…\n"
    "İlkbaharda eğitim alanında doktorasını almıştı.\n"
    "911 çağrısında Lamb “Karımı öldürdüm” dediyse de evlendiklerine dair resmi bir kayıt yok.\n"
    "Bir başka öğrenci Mikel Sykes ise Lamb’in kendisine 2014–15 öğrenim yılı sonlarında "
    "stresle boğuştuğunu söylediğini belirtti — ‘stres’ diye.\n"
    "Sınıflar Çarşamba günü devam ediyor.\n"
)
# All capitals: in Windows-1254 every non-ASCII byte pair (Ü’ = DC 92)
# is also well-formed UTF-8 (U+0712, Syriac), yet the file is Windows-1254.
CAPS = "ODTÜ’DE VE YTÜ’DE TOPLANTI\n"
# « » and ⅓ are C2 AB, C2 BB and E2 85 93 in UTF-8, "Â«", "Â»" and "â…“" in
# Windows-1254: UTF-8 it is.
SYMBOLS = "«Kriz sona erdi» dedi. Pastanın ⅓ kaldı.\n"


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _cr(text: str) -> str:
    return text.replace("\n", "\r")


def _mixed(text: str) -> str:
    lines = text.splitlines()
    ends = ["\r\n", "\n", "\r"]
    return "".join(line + ends[i % 3] for i, line in enumerate(lines))


def _utf16le(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def _damage(data: bytes) -> bytes:
    """Flip bit 5 of the UTF-8 lead byte of the first "ş" after the middle of ``data``."""
    pos = data.index("ş".encode(), len(data) // 2)
    return data[:pos] + bytes([data[pos] ^ 0x20]) + data[pos + 1 :]


def _truncate(data: bytes) -> bytes:
    """Cut ``data`` inside its last multi-byte character, as an interrupted copy does."""
    last_lead = max(i for i, b in enumerate(data) if b >= 0xC0)
    return data[: last_lead + 1]


def _png() -> bytes:
    """A valid 1x1 grey PNG (zlib stream built by hand, so the bytes never change)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    raw = b"\x00\x80"  # filter byte, one grey pixel
    stored = b"\x78\x01\x01" + struct.pack("<HH", len(raw), 0xFFFF ^ len(raw)) + raw
    idat = stored + struct.pack(">I", zlib.adler32(raw))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _gzip(data: bytes) -> bytes:
    """A valid gzip file with one stored deflate block (deterministic, unlike zlib levels)."""
    header = b"\x1f\x8b\x08\x00" + b"\x00\x00\x00\x00" + b"\x00\x03"
    block = b"\x01" + struct.pack("<HH", len(data), 0xFFFF ^ len(data)) + data
    return header + block + struct.pack("<II", zlib.crc32(data), len(data))


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        info = zipfile.ZipInfo("word/document.xml", date_time=(2016, 1, 1, 0, 0, 0))
        info.create_system = 3
        info.external_attr = 0o644 << 16
        zf.writestr(info, "<w:document><w:t>" + PLAIN.splitlines()[0] + "</w:t></w:document>")
    return buf.getvalue()


def encoding_fixtures() -> dict[str, bytes]:
    """Good files: name -> bytes."""
    return {
        "utf8.txt": TYPO.encode("utf-8"),
        "utf8_bom.txt": codecs.BOM_UTF8 + TYPO.encode("utf-8"),
        "utf8_crlf.txt": _crlf(TYPO).encode("utf-8"),
        "utf8_cr.txt": _cr(TYPO).encode("utf-8"),
        "utf8_mixed_newlines.txt": _mixed(TYPO).encode("utf-8"),
        "utf8_nfd.txt": unicodedata.normalize("NFD", TYPO).encode("utf-8"),
        "utf8_one_line.txt": b"Kriz sona erdi.",
        "utf8_symbols.txt": SYMBOLS.encode("utf-8"),
        "utf16le_bom.txt": _utf16le(TYPO),
        "utf16le_bom_crlf.txt": _utf16le(_crlf(TYPO)),
        "utf16be_bom.txt": codecs.BOM_UTF16_BE + TYPO.encode("utf-16-be"),
        "utf32le_bom.txt": codecs.BOM_UTF32_LE + TYPO.encode("utf-32-le"),
        "utf32be_bom.txt": codecs.BOM_UTF32_BE + TYPO.encode("utf-32-be"),
        "cp1254.txt": TYPO.encode("cp1254"),
        "cp1254_crlf.txt": _crlf(TYPO).encode("cp1254"),
        "cp1254_caps.txt": CAPS.encode("cp1254"),
        "iso8859_9.txt": PLAIN.encode("iso-8859-9"),
        "iso8859_9_cr.txt": _cr(PLAIN).encode("iso-8859-9"),
    }


def bad_fixtures() -> dict[str, bytes]:
    """Bad files: name -> bytes."""
    utf8 = TYPO.encode("utf-8")
    cp1254 = TYPO.encode("cp1254")
    return {
        "empty.txt": b"",
        "whitespace.txt": b" \t\r\n  \n\xc2\xa0\n",
        "bom_only.txt": codecs.BOM_UTF8,
        "bom_only_utf16.txt": codecs.BOM_UTF16_LE,
        "image.png": _png(),
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
        "text.txt.gz": _gzip(PLAIN.encode("utf-8")),
        "document.docx": _docx(),
        "document.pdf": (
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
            b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
        ),
        "document.rtf": b"{\\rtf1\\ansi\\ansicpg1254 Merhaba d\\'fcnya\\par}\n",
        "document.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(24),
        "binary_controls.bin": bytes(range(1, 256)),
        "nul_bytes.txt": utf8[:100] + b"\x00\x00\x00" + utf8[100:],
        "utf16le_no_bom.txt": PLAIN.encode("utf-16-le"),
        "utf16be_no_bom.txt": PLAIN.encode("utf-16-be"),
        "damaged_utf8.txt": _damage(utf8),
        "truncated_utf8.txt": _truncate(utf8.rstrip(b"\n.")),
        "mixed_utf8_cp1254.txt": utf8 + cp1254,
        "utf8_bom_damaged.txt": codecs.BOM_UTF8 + _damage(utf8),
        "dos_cp857.txt": PLAIN.encode("cp857"),
        "utf16le_bom_truncated.txt": _utf16le(PLAIN) + b"!",
        "utf16le_bom_surrogate.txt": _utf16le("Kriz ") + b"\x00\xd8" + _utf16le(" erdi")[2:],
        "utf32be_bom_out_of_range.txt": codecs.BOM_UTF32_BE + b"\x00\x00\x00K\x00\x11\x00\x00",
    }


# ---------------------------------------------------------------------------
# Good inputs: (file, forced encoding, expected text, encoding, bom, newline)
# ---------------------------------------------------------------------------

_GOOD_ROWS: list[tuple[str, str | None, str, str, bool, str]] = [
    ("encodings/utf8.txt", None, TYPO, "utf-8", False, "\n"),
    ("encodings/utf8_bom.txt", None, TYPO, "utf-8", True, "\n"),
    ("encodings/utf8_crlf.txt", None, TYPO, "utf-8", False, "\r\n"),
    ("encodings/utf8_cr.txt", None, TYPO, "utf-8", False, "\r"),
    ("encodings/utf8_mixed_newlines.txt", None, TYPO, "utf-8", False, "mixed"),
    ("encodings/utf8_nfd.txt", None, TYPO, "utf-8", False, "\n"),
    ("encodings/utf8_one_line.txt", None, "Kriz sona erdi.", "utf-8", False, ""),
    ("encodings/utf8_symbols.txt", None, SYMBOLS, "utf-8", False, "\n"),
    ("encodings/utf16le_bom.txt", None, TYPO, "utf-16-le", True, "\n"),
    ("encodings/utf16le_bom_crlf.txt", None, TYPO, "utf-16-le", True, "\r\n"),
    ("encodings/utf16be_bom.txt", None, TYPO, "utf-16-be", True, "\n"),
    ("encodings/utf32le_bom.txt", None, TYPO, "utf-32-le", True, "\n"),
    ("encodings/utf32be_bom.txt", None, TYPO, "utf-32-be", True, "\n"),
    ("encodings/cp1254.txt", None, TYPO, "cp1254", False, "\n"),
    ("encodings/cp1254_crlf.txt", None, TYPO, "cp1254", False, "\r\n"),
    ("encodings/cp1254_caps.txt", None, CAPS, "cp1254", False, "\n"),
    # No byte in 0x80-0x9F: Windows-1254 and ISO-8859-9 give the same text.
    ("encodings/iso8859_9.txt", None, PLAIN, "iso-8859-9", False, "\n"),
    ("encodings/iso8859_9_cr.txt", None, PLAIN, "iso-8859-9", False, "\r"),
    # Forced encodings.
    ("encodings/cp1254.txt", "windows-1254", TYPO, "cp1254", False, "\n"),
    ("encodings/iso8859_9.txt", "latin5", PLAIN, "iso-8859-9", False, "\n"),
    ("encodings/iso8859_9.txt", "cp1254", PLAIN, "cp1254", False, "\n"),
    ("encodings/utf8.txt", "UTF8", TYPO, "utf-8", False, "\n"),
    ("encodings/utf8_bom.txt", "utf-8", TYPO, "utf-8", True, "\n"),
    ("encodings/utf8_bom.txt", "utf-8-sig", TYPO, "utf-8", True, "\n"),
    ("encodings/utf16le_bom.txt", "utf-16", TYPO, "utf-16-le", True, "\n"),
    ("encodings/utf16be_bom.txt", "UTF-16BE", TYPO, "utf-16-be", True, "\n"),
    ("encodings/utf32be_bom.txt", "utf-32", TYPO, "utf-32-be", True, "\n"),
    ("bad_inputs/utf16le_no_bom.txt", "utf-16", PLAIN, "utf-16-le", False, "\n"),
    ("bad_inputs/utf16be_no_bom.txt", "utf-16", PLAIN, "utf-16-be", False, "\n"),
    ("bad_inputs/utf16be_no_bom.txt", "utf_16_be", PLAIN, "utf-16-be", False, "\n"),
    ("bad_inputs/dos_cp857.txt", "cp857", PLAIN, "cp857", False, "\n"),
]


class Good(NamedTuple):
    name: str
    forced: str | None
    text: str
    encoding: str
    bom: bool
    newline: str


GOOD: list[Good] = [Good(*row) for row in _GOOD_ROWS]

# ---------------------------------------------------------------------------
# Bad inputs: (file, expected message fragment); str() starts with the path.
# ---------------------------------------------------------------------------

BAD_INPUTS: list[tuple[str, str]] = [
    ("empty.txt", "empty.txt: is empty (0 bytes); give a file with text in it"),
    ("whitespace.txt", "whitespace.txt: contains only white space, no text"),
    ("bom_only.txt", "bom_only.txt: contains only a byte order mark, no text"),
    ("bom_only_utf16.txt", "bom_only_utf16.txt: contains only a byte order mark, no text"),
    ("image.png", "image.png: is a PNG image, not a plain text file; save it as plain text"),
    ("photo.jpg", "photo.jpg: is a JPEG image, not a plain text file"),
    ("text.txt.gz", "text.txt.gz: is a gzip-compressed file, not a plain text file; decompress"),
    ("document.docx", "document.docx: is a ZIP archive (.docx, .odt and .xlsx documents are"),
    ("document.pdf", "document.pdf: is a PDF document, not a plain text file; export its text"),
    ("document.rtf", "document.rtf: is an RTF document, not a plain text file"),
    ("document.doc", "document.doc: is an old Word/Excel (OLE) document"),
    ("binary_controls.bin", "binary_controls.bin: byte 0: control byte 0x01: with this many"),
    ("nul_bytes.txt", "nul_bytes.txt: byte 100: NUL byte: this looks like a binary file"),
    ("utf16le_no_bom.txt", "utf16le_no_bom.txt: looks like UTF-16 text without a byte order mark"),
    ("utf16be_no_bom.txt", "utf16be_no_bom.txt: looks like UTF-16 text without a byte order mark"),
    (
        "damaged_utf8.txt",
        "damaged_utf8.txt: byte 340: 0xe5 is not valid UTF-8, but the rest of the file is UTF-8",
    ),
    ("truncated_utf8.txt", "truncated_utf8.txt: byte 524: 0xc3 is not valid UTF-8, but the rest"),
    ("mixed_utf8_cp1254.txt", "mixed_utf8_cp1254.txt: byte 547: 0xf6 is not valid UTF-8, but the"),
    (
        "utf8_bom_damaged.txt",
        "utf8_bom_damaged.txt: byte 343: 0xe5 is not valid UTF-8 (invalid continuation byte), "
        "although the file starts with a UTF-8 byte order mark: the file is damaged",
    ),
    (
        "dos_cp857.txt",
        "dos_cp857.txt: byte 25: 0x8d is undefined in the Turkish code pages (Windows-1254, "
        "ISO-8859-9) and the file is not UTF-8 either; give its encoding with --encoding (cp857",
    ),
    ("utf16le_bom_truncated.txt", ": byte 894: 0x21 is not valid UTF-16-LE (truncated data)"),
    ("utf16le_bom_surrogate.txt", ": byte 12: 0x00 is not valid UTF-16-LE (illegal UTF-16 sur"),
    ("utf32be_bom_out_of_range.txt", ": byte 8: 0x00 is not valid UTF-32-BE (code point not in"),
]

# Forced encodings that are wrong: (file, --encoding, expected message fragment).
BAD_FORCED: list[tuple[str, str, str]] = [
    ("encodings/cp1254.txt", "utf-8", "cp1254.txt: byte 6: 0xf6 is not valid utf-8 (invalid st"),
    ("encodings/cp1254.txt", "ascii", "cp1254.txt: byte 6: 0xf6 is not valid ascii (ordinal not"),
    ("bad_inputs/dos_cp857.txt", "cp1254", "dos_cp857.txt: byte 25: 0x8d is not valid cp1254"),
    ("encodings/utf8.txt", "klingon", "utf8.txt: unknown encoding 'klingon'; use e.g. utf-8"),
    ("encodings/utf8.txt", "", "utf8.txt: unknown encoding ''"),
    ("encodings/utf8.txt", "utf\x00-8", "utf8.txt: unknown encoding 'utf\\x00-8'"),
    ("encodings/utf8.txt", "rot13", "utf8.txt: 'rot-13' is not a text encoding; use e.g. utf-8"),
    ("encodings/utf8.txt", "base64", "utf8.txt: 'base64' is not a text encoding"),
    ("encodings/utf8.txt", "undefined", "utf8.txt: the bytes cannot be decoded as undefined"),
    (
        "encodings/utf8_bom.txt",
        "cp1254",
        "utf8_bom.txt: the file starts with a UTF-8 byte order mark, which contradicts "
        "--encoding cp1254; drop --encoding or re-save the file",
    ),
    ("encodings/utf8_bom.txt", "utf-16", "a UTF-8 byte order mark, which contradicts --encod"),
    ("encodings/utf16le_bom.txt", "utf-16-be", "a UTF-16-LE byte order mark, which contradicts"),
    ("encodings/utf16le_bom.txt", "cp1254", "a UTF-16-LE byte order mark, which contradicts"),
    ("encodings/utf32le_bom.txt", "utf-16", "a UTF-32-LE byte order mark, which contradicts"),
    ("bad_inputs/nul_bytes.txt", "utf-8", "nul_bytes.txt: byte 100: NUL character: this looks"),
    ("bad_inputs/utf16le_no_bom.txt", "cp1254", "utf16le_no_bom.txt: byte 1: NUL character"),
    ("bad_inputs/image.png", "latin-1", "image.png: is a PNG image, not a plain text file"),
    ("bad_inputs/utf16le_bom_truncated.txt", "utf-16", ": byte 894: 0x21 is not valid UTF-16"),
]


def _check_message(err: InputError, path: Path, fragment: str) -> None:
    text = str(err)
    assert text.startswith(f"{path}: "), text
    assert fragment in text, text
    assert "\n" not in text and "\r" not in text
    assert ";" in err.message, f"no advice in {err.message!r}"  # "…; do this"
    assert err.exit_code == 2
    if err.byte_offset is not None:
        assert text.startswith(f"{path}: byte {err.byte_offset}: ")


# ---------------------------------------------------------------------------
# The fixtures themselves
# ---------------------------------------------------------------------------


def _all_fixtures() -> dict[Path, bytes]:
    out = {ENCODINGS / name: data for name, data in encoding_fixtures().items()}
    out.update({BAD / name: data for name, data in bad_fixtures().items()})
    return out


def write_fixtures() -> None:
    for path, data in _all_fixtures().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(DATA.parent.parent)} ({len(data)} bytes)")


def test_committed_fixtures_match_the_generator() -> None:
    expected = _all_fixtures()
    for path, data in expected.items():
        assert path.read_bytes() == data, f"{path} differs: run python -m tests.test_textio"
    on_disk = {p for d in (ENCODINGS, BAD) for p in d.iterdir()}
    assert on_disk == set(expected), "stray or missing fixture files"
    assert (DATA / ".gitattributes").read_text(encoding="utf-8").split() == ["*", "-text"]


def test_every_fixture_is_in_a_table() -> None:
    assert {name for name, _ in BAD_INPUTS} == set(bad_fixtures())
    good = {case.name.removeprefix("encodings/") for case in GOOD}
    assert set(encoding_fixtures()) <= good


def test_sample_texts_are_nfc_and_really_need_their_code_pages() -> None:
    for text in (PLAIN, TYPO, CAPS, SYMBOLS):
        assert unicodedata.is_normalized("NFC", text)
    assert not any(0x80 <= b <= 0x9F for b in PLAIN.encode("cp1254"))
    # So "cp1254 without 0x80-0x9F" is byte for byte iso8859_9.txt.
    assert PLAIN.encode("cp1254") == PLAIN.encode("iso-8859-9")
    assert any(0x80 <= b <= 0x9F for b in TYPO.encode("cp1254"))
    with pytest.raises(UnicodeEncodeError):
        TYPO.encode("iso-8859-9")
    CAPS.encode("cp1254").decode("utf-8")  # the ambiguity cp1254_caps.txt is about
    assert unicodedata.normalize("NFD", TYPO) != TYPO
    assert "s\u0327" in unicodedata.normalize("NFD", TYPO)
    assert _png().endswith(b"IEND\xae\x42\x60\x82")
    assert zlib.decompress(_png()[41:54]) == b"\x00\x80"  # the IDAT stream is valid
    assert gzip.decompress(_gzip(PLAIN.encode())) == PLAIN.encode()
    assert zipfile.ZipFile(io.BytesIO(_docx())).testzip() is None


# ---------------------------------------------------------------------------
# Good inputs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", GOOD, ids=lambda c: f"{c.name}-{c.forced}")
def test_good_input(case: Good) -> None:
    path = DATA / case.name
    src = read_text(path, case.forced)
    assert isinstance(src, SourceText)
    assert src.text == case.text
    assert (src.encoding, src.bom, src.newline) == (case.encoding, case.bom, case.newline)
    assert src.path == str(path)
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", GOOD, ids=lambda c: f"{c.name}-{c.forced}")
def test_text_is_nfc_of_the_universal_newline_decode(case: Good) -> None:
    """Offsets into SourceText.text are offsets into what open() + NFC would give."""
    path = DATA / case.name
    codec = case.encoding
    if case.bom:  # the codec open() needs to drop the BOM
        codec = "utf-8-sig" if codec == "utf-8" else codec.removesuffix("-le").removesuffix("-be")
    with open(path, encoding=codec, newline=None) as f:
        expected = unicodedata.normalize("NFC", f.read())
    assert read_text(path, case.forced).text == expected


def test_nfd_input_is_composed() -> None:
    src = read_text(ENCODINGS / "utf8_nfd.txt")
    assert "ş" in src.text and "s\u0327" not in src.text
    assert "İ" in src.text and "I\u0307" not in src.text
    text, _, _ = decode_bytes("s\u0327".encode(), "x")
    assert unicodedata.normalize("NFC", text) == "ş"


def test_pathlike_and_str_paths_agree() -> None:
    path = ENCODINGS / "cp1254.txt"
    assert read_text(path) == read_text(str(path))


def test_decode_bytes_keeps_newlines_and_drops_the_bom() -> None:
    data = codecs.BOM_UTF8 + _crlf(TYPO).encode()
    assert decode_bytes(data, "x") == (_crlf(TYPO), "utf-8", True)
    assert normalize_newlines("a\r\nb\rc\nd\r") == "a\nb\nc\nd\n"
    assert normalize_newlines("\r\r\n\n") == "\n\n\n"


def test_a_byte_order_mark_inside_the_text_is_kept() -> None:
    text, _, bom = decode_bytes(b"ab" + codecs.BOM_UTF8 + b"c", "x")
    assert (text, bom) == ("ab\ufeffc", False)


def test_a_few_stray_control_characters_are_kept() -> None:
    """One Ctrl-Z (the DOS end-of-file mark) or an ANSI colour does not make a file binary."""
    assert decode_bytes(PLAIN.encode("cp1254") + b"\x1a", "x")[0] == PLAIN + "\x1a"
    assert decode_bytes(b"\x1b[1mKal\xc4\xb1n\x1b[0m", "x")[0] == "\x1b[1mKalın\x1b[0m"


# ---------------------------------------------------------------------------
# Bad inputs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fragment"), BAD_INPUTS)
def test_bad_input(name: str, fragment: str) -> None:
    path = BAD / name
    with pytest.raises(InputError) as info:
        read_text(path)
    _check_message(info.value, path, fragment)


@pytest.mark.parametrize(("name", "encoding", "fragment"), BAD_FORCED)
def test_bad_forced_encoding(name: str, encoding: str, fragment: str) -> None:
    path = DATA / name
    with pytest.raises(InputError) as info:
        read_text(path, encoding)
    _check_message(info.value, path, fragment)


def test_damaged_utf8_offset_points_at_the_damage() -> None:
    path = BAD / "damaged_utf8.txt"
    data = path.read_bytes()
    with pytest.raises(InputError) as info:
        read_text(path)
    offset = info.value.byte_offset
    assert offset is not None
    assert data[offset] == "ş".encode()[0] ^ 0x20
    assert data[:offset].decode("utf-8") == TYPO.encode()[:offset].decode("utf-8")


def test_one_damaged_byte_in_a_single_word() -> None:
    """With one good and one bad multi-byte sequence, UTF-8 damage still wins over cp1254."""
    data = "Türkçe".encode()
    with pytest.raises(InputError, match=r"^x: byte 5: 0xe3 is not valid UTF-8"):
        decode_bytes(data[:5] + bytes([data[5] ^ 0x20]) + data[6:], "x")


def test_undecodable_surrogates_from_a_forced_codec() -> None:
    with pytest.raises(InputError, match=r"^x: decoding as utf-7 gives an unpaired surrogate"):
        decode_bytes(b"Kriz +2AA- sona erdi", "x", "utf-7")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "yok.txt"
    with pytest.raises(InputError) as info:
        read_text(path)
    _check_message(info.value, path, "yok.txt: no such file; check the path")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_text(tmp_path)
    _check_message(info.value, tmp_path, "is a directory, not a text file; give the path")


def test_file_name_with_nul() -> None:
    with pytest.raises(InputError, match="is not a valid file name; check the path"):
        read_text("metin\x00.txt")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "gizli.txt"
    path.write_bytes(PLAIN.encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            _check_unreadable_as_nobody(path)
            return
        with pytest.raises(InputError) as info:
            read_text(path)
    finally:
        path.chmod(0o600)
    _check_message(info.value, path, "gizli.txt: permission denied; make the file readable")


def _check_unreadable_as_nobody(path: Path) -> None:
    """Root reads through permission bits, so the real check runs in a forked child that has
    given up root (uid 65534, "nobody"): permission bits, not a mock, must stop it. (A
    fresh interpreter cannot be used: nobody may not enter /root, where Python lives.)"""
    if not hasattr(os, "fork") or not hasattr(os, "setuid"):
        pytest.fail("permission bits cannot be tested here: not POSIX")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, never return into pytest
        status = 1
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            try:
                read_text(path)
                answer = "read it"
            except InputError as err:
                answer = f"{err.exit_code}\t{err}"
            os.write(write_end, answer.encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        answer = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, answer
    exit_code, _, text = answer.partition("\t")
    assert exit_code == "2", answer
    assert text.startswith(f"{path}: "), text
    assert "gizli.txt: permission denied; make the file readable" in text, text


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above, also when the tests run as root."""
    path = tmp_path / "gizli.txt"
    path.write_bytes(PLAIN.encode())

    def denied(*args: object, **kwargs: object) -> io.BytesIO:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(textio, "open", denied, raising=False)
    with pytest.raises(InputError) as info:
        read_text(path)
    _check_message(info.value, path, "gizli.txt: permission denied; make the file readable")


def test_other_os_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "disk.txt"

    def broken(*args: object, **kwargs: object) -> io.BytesIO:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(textio, "open", broken, raising=False)
    with pytest.raises(InputError) as info:
        read_text(path)
    _check_message(info.value, path, "disk.txt: cannot read the file (Input/output error)")


@pytest.mark.parametrize("size", [999, 1000])
def test_file_at_the_size_limit(tmp_path: Path, size: int) -> None:
    path = tmp_path / "sinir.txt"
    path.write_bytes(b"a" * size)
    assert len(read_text(path, max_bytes=1000).text) == size


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "buyuk.txt"
    path.write_bytes(b"a" * 1001)
    with pytest.raises(InputError) as info:
        read_text(path, max_bytes=1000)
    _check_message(info.value, path, "is 1001 bytes, more than the 1000 bytes hizala reads at")
    path.write_bytes(b"a" * 3 * 2**20)
    with pytest.raises(InputError, match=r"is 3 MiB, more than the 2\.5 MiB hizala reads"):
        read_text(path, max_bytes=5 * 2**19)
    assert MAX_BYTES == 256 * 2**20


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_read_only_up_to_the_limit() -> None:
    with pytest.raises(InputError, match=r"^/dev/zero: is larger than the 1000 bytes hizala"):
        read_text("/dev/zero", max_bytes=1000)


# ---------------------------------------------------------------------------
# Standard input
# ---------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, _crlf(TYPO).encode("cp1254"))
    src = read_text("-")
    assert (src.path, src.text, src.encoding, src.newline) == ("-", TYPO, "cp1254", "\r\n")


def test_stdin_forced_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, PLAIN.encode("utf-16-le"))
    assert read_text("-", "utf-16").text == PLAIN


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "<stdin>: is empty (0 bytes)"),
        (b"\n\n", "<stdin>: contains only white space"),
        (b"a" * 1001, "<stdin>: is larger than the 1000 bytes hizala reads at once"),
        (b"x\x00y", "<stdin>: byte 1: NUL byte"),
    ],
)
def test_bad_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, fragment: str) -> None:
    _stdin(monkeypatch, data)
    with pytest.raises(InputError) as info:
        read_text("-", max_bytes=1000)
    assert str(info.value).startswith(fragment)


def test_stdin_without_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("metin"))
    with pytest.raises(InputError, match=r"^<stdin>: standard input is not available"):
        read_text("-")
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match=r"^<stdin>: standard input is not available"):
        read_text("-")


def test_closed_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"metin"), encoding="utf-8")
    stream.close()
    monkeypatch.setattr(sys, "stdin", stream)
    with pytest.raises(InputError, match=r"^<stdin>: .*standard input"):
        read_text("-")


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_TR_LETTERS = "abcçdefgğhıijklmnoöprsştuüvyzqwxABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZQWX"
_ASCII_PUNCT = " \t\n\r.,;:!?'\"()-/0123456789"
# "â" and "Â" are left out on purpose: "â…“" and "Â«" in Windows-1254 are byte for
# byte the UTF-8 of "⅓" and "«", and detection prefers UTF-8 there.
_ISO_ALPHABET = _TR_LETTERS + _ASCII_PUNCT + "îûÎÛ«»´"
_CP1254_ALPHABET = _ISO_ALPHABET + "‘’“”…–—"
_UTF_ALPHABET = _CP1254_ALPHABET + "âÂʼ€"


def _texts(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(alphabet), max_size=200)


@settings(max_examples=300, deadline=None)
@given(text=_texts(_CP1254_ALPHABET))
@example(text=CAPS)
@example(text="ODTÜ’de")
@example(text="güç’”")
@example(text="İ“Ç”")
def test_cp1254_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("cp1254"), "x")[0] == text


@settings(max_examples=300, deadline=None)
@given(text=_texts(_ISO_ALPHABET))
@example(text="ODTÜ«»")
def test_iso_8859_9_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("iso-8859-9"), "x")[0] == text


@settings(max_examples=300, deadline=None)
@given(text=_texts(_UTF_ALPHABET), codec=st.sampled_from(["utf-8", "utf-8-sig"]))
@example(text=SYMBOLS, codec="utf-8")
def test_utf8_round_trip(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec), "x")[0] == text


@settings(max_examples=200, deadline=None)
@given(
    text=_texts(_UTF_ALPHABET),
    bom_codec=st.sampled_from(
        [
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
            (codecs.BOM_UTF32_LE, "utf-32-le"),
            (codecs.BOM_UTF32_BE, "utf-32-be"),
        ]
    ),
)
def test_utf16_utf32_with_bom_round_trip(text: str, bom_codec: tuple[bytes, str]) -> None:
    bom, codec = bom_codec
    assert decode_bytes(bom + text.encode(codec), "x") == (text, codec, True)


@settings(max_examples=100, deadline=None)
@given(
    text=_texts(_UTF_ALPHABET + "\u0327\u0306\u0308\u0307"),
    codec=st.sampled_from(["utf-8", "utf-16", "cp1254"]),
)
def test_read_text_is_nfc_with_lf(text: str, codec: str) -> None:
    if codec == "cp1254":
        text = text.encode("cp1254", errors="ignore").decode("cp1254")
    expected = unicodedata.normalize("NFC", normalize_newlines(text))
    stream = io.TextIOWrapper(io.BytesIO(text.encode(codec)), encoding="utf-8")
    old, sys.stdin = sys.stdin, stream
    try:
        if expected.strip():
            src = read_text("-", codec)
            assert src.text == expected
            assert "\r" not in src.text
        else:
            with pytest.raises(InputError):
                read_text("-", codec)
    finally:
        sys.stdin = old


_FORCED = [
    None,
    "utf-8",
    "utf-8-sig",
    "cp1254",
    "iso-8859-9",
    "utf-16",
    "utf-16-be",
    "utf-32",
    "ascii",
    "cp857",
    "utf-7",
    "idna",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
    "shift_jis",
    "iso2022_jp",
    "undefined",
    "base64",
    "nonsense",
]
_PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]
_PREFIXES += [codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, b"\x1f\x8b", b"BZh91AY&SY"]


@settings(max_examples=1000, deadline=None)
@given(
    prefix=st.sampled_from(_PREFIXES),
    data=st.binary(max_size=300),
    encoding=st.sampled_from(_FORCED),
)
@example(prefix=b"", data=b"\xc3", encoding=None)
@example(prefix=b"", data=b"\xff\xfe\x00\x00", encoding="utf-16")
@example(prefix=b"", data=b"a\x00", encoding=None)
def test_arbitrary_bytes_give_text_or_input_error(
    prefix: bytes, data: bytes, encoding: str | None
) -> None:
    try:
        text, codec, bom = decode_bytes(prefix + data, "x", encoding)
    except InputError as err:
        assert str(err).startswith("x: ")
        assert "\n" not in str(err)
        if err.byte_offset is not None:
            assert 0 <= err.byte_offset <= len(prefix + data)
    else:
        assert isinstance(text, str) and isinstance(codec, str) and isinstance(bom, bool)
        assert "\x00" not in text


@settings(max_examples=300, deadline=None)
@given(text=_texts(_UTF_ALPHABET), data=st.binary(min_size=1, max_size=4))
def test_damaged_utf8_is_never_silently_read_as_cp1254(text: str, data: bytes) -> None:
    """Junk inserted into a UTF-8 text with enough Turkish letters is reported, not misread."""
    encoded = text.encode("utf-8")
    # Each inserted byte can add one bad byte; each non-ASCII letter is one good sequence.
    assume(sum(1 for ch in text if ord(ch) > 0x7F) >= len(data))
    middle = len(encoded) // 2
    while middle and 0x80 <= encoded[middle] < 0xC0:
        middle -= 1
    damaged = encoded[:middle] + data + encoded[middle:]
    try:
        decoded, codec, _ = decode_bytes(damaged, "x")
    except InputError:
        return
    assert codec == "utf-8"  # the junk happened to be valid UTF-8
    assert decoded.startswith(encoded[:middle].decode("utf-8"))


if __name__ == "__main__":
    write_fixtures()
