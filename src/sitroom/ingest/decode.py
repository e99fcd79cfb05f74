"""Bytes to clean text: binary detection, encoding detection and normalisation.

Every reader starts here, so every Document's text obeys the same rules:

* a byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32) and is removed;
* a file whose first 8 KiB hold a NUL byte (git's rule), or that starts with a
  known binary signature (PNG, PDF, ZIP, gzip...), or that is thick with control
  bytes is refused as a binary file;
* otherwise valid UTF-8 wins, then an encoding the file declares (``<?xml
  encoding>``, ``<meta charset>``), then UTF-8 with stray Windows-1252 bytes (the
  commonest damage: one pasted quote in an otherwise UTF-8 file), then the guess
  of charset-normalizer, which must be confident or the file is refused;
* the text is then normalised (:func:`normalise_text`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from sitroom.errors import InputError

SNIFF_BYTES = 8192

# Signatures of formats that are never text; the reason names the format so that
# a user who passed a PDF or an archive knows what to do with it.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document; extract its text first"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB); extract its text first"),
    (b"\x1f\x8b", "gzip-compressed file; decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed file; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office document"),
    (b"OggS\x00", "Ogg media file"),
    (b"ID3\x02", "MP3 audio file"),
    (b"ID3\x03", "MP3 audio file"),
    (b"ID3\x04", "MP3 audio file"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
)

# Checked longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_DECLARED = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
    rb"""|<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)

# Browsers read these labels as Windows-1252 (the WHATWG encoding standard): pages
# that say latin-1 are nearly always cp1252, curly quotes included.
_CP1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1", "cp819"}

# Control bytes that no text file carries in bulk; tab, newlines, form feed and
# escape are left out because real files do carry those.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])

# Line-break controls become newlines (dropping them would glue words together);
# every other C0/C1 control and the zero-width no-break space are dropped.
_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n", 0x85: "\n"}
_TRANSLATE: dict[int, str | None] = {c: None for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
del _TRANSLATE[0x09], _TRANSLATE[0x0A]
_TRANSLATE.update(_LINE_BREAKS)
_TRANSLATE[0xFEFF] = None
_CONTROL_CHARS = frozenset("\x00" + _CONTROL_BYTES.decode("ascii"))
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text read from bytes, and the encoding it was read with."""

    text: str
    encoding: str


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no control characters but newline and tab.

    Lone surrogates (which JSON escapes can smuggle in) become U+FFFD so that the
    text can always be written back as UTF-8.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        if _SURROGATE.search(text):
            text = _SURROGATE.sub("\ufffd", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    # Searching first keeps the common clean text off the slower translate path.
    if _UNWANTED.search(text):
        text = text.translate(_TRANSLATE)
    return text


def binary_kind(data: bytes) -> str | None:
    """Why these bytes are not text ("PNG image", "NUL bytes"), or None when they may be."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media file"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media file"
    bom = _bom(data)
    if (bom is not None and bom[0] != "utf-8") or _utf16_without_bom(data) is not None:
        # Wide encodings are full of NULs; decode_bytes checks their characters instead.
        return None
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "NUL bytes in the first 8 KiB"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls >= 3 and controls > 0.05 * len(head):
        return f"{controls} control bytes in the first {len(head)} bytes"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Text from raw bytes, normalised; raises InputError with the reason when it cannot."""
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(f"binary file ({kind})")
    decoded = _decode(data)
    text = normalise_text(decoded.text)
    if decoded.encoding.startswith("utf-16") or decoded.encoding.startswith("utf-32"):
        # Wide encodings skip the byte-level binary check, so run it on the characters.
        head = decoded.text[:SNIFF_BYTES]
        controls = sum(1 for ch in head if ch in _CONTROL_CHARS)
        if controls >= 3 and controls > 0.05 * len(head):
            raise InputError(f"binary file ({controls} control characters in {decoded.encoding} text)")
    return Decoded(text, decoded.encoding)


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without a BOM shows as NULs at every other byte for Latin text."""
    head = data[: SNIFF_BYTES & ~1]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(head) // 2
    if zeros_odd > 0.4 * half and zeros_even < 0.02 * half:
        return "utf-16-le"
    if zeros_even > 0.4 * half and zeros_odd < 0.02 * half:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> Decoded:
    bom = _bom(data)
    if bom is not None:
        encoding, skip = bom
        try:
            return Decoded(data[skip:].decode(encoding), encoding)
        except UnicodeDecodeError as err:
            raise InputError(
                f"undecodable bytes: not valid {encoding} despite its byte-order mark "
                f"(bad bytes at offset {err.start + skip})"
            ) from err
    wide = _utf16_without_bom(data)
    if wide is not None:
        try:
            return Decoded(data.decode(wide), wide)
        except UnicodeDecodeError as err:
            raise InputError(f"undecodable bytes: looks like {wide} but is not valid") from err
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data)
    if declared is not None:
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    mixed = _utf8_with_cp1252(data)
    if mixed is not None:
        return Decoded(mixed, "utf-8+cp1252")
    return _guess(data)


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED.search(data[:2048])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    if label in _CP1252_ALIASES:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A declared wide encoding without a BOM is nearly always a wrong label.
    return None if name.startswith(("utf-16", "utf-32", "utf-8")) else name


def _utf8_with_cp1252(data: bytes) -> str | None:
    """UTF-8 with a minority of stray single-byte characters, read as Windows-1252.

    Only used when the file holds real multi-byte UTF-8 characters and they
    outnumber the bad bytes; a file with none is a legacy encoding for the guesser.
    """
    parts: list[str] = []
    view = memoryview(data)
    pos, bad, good = 0, 0, 0
    while pos < len(data):
        try:
            chunk = str(view[pos:], "utf-8")
        except UnicodeDecodeError as err:
            chunk = str(view[pos : pos + err.start], "utf-8")
            parts.append(chunk)
            good += sum(1 for ch in chunk if ord(ch) > 0x7F)
            bad_bytes = bytes(view[pos + err.start : pos + err.end])
            parts.append(bad_bytes.decode("cp1252", errors="replace"))
            bad += len(bad_bytes)
            pos += err.end
            if bad > 1000 and bad > good:
                return None
            continue
        parts.append(chunk)
        good += sum(1 for ch in chunk if ord(ch) > 0x7F)
        break
    if good == 0 or bad > good:
        return None
    return "".join(parts)


def _guess(data: bytes) -> Decoded:
    # Imported here: the guesser is only needed for the rare non-UTF-8 file.
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise InputError(
            "undecodable bytes: no text encoding fits (not UTF-8, UTF-16 or a known legacy code page)"
        )
    best = min(results, key=lambda r: r.chaos)
    if best.chaos > 0.3:
        raise InputError(f"undecodable bytes: the closest encoding ({best.encoding}) reads as garbage")
    # charset-normalizer rates many Western code pages alike on short texts; of the
    # near ties, Windows-1252 is what Western news is in practice written in.
    for r in results:
        if r.chaos <= best.chaos + 0.15 and "cp1252" in r.could_be_from_charset:
            try:
                return Decoded(data.decode("cp1252"), "cp1252")
            except UnicodeDecodeError:
                break
    return Decoded(str(best), best.encoding)
