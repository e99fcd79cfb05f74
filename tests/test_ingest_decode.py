"""Bytes to text: encodings, byte-order marks, binary files and normalisation."""

from __future__ import annotations

import codecs
import random

import pytest

from sitroom.errors import InputError
from sitroom.ingest.decode import decode_bytes, normalise_text

ENGLISH = "Rebels shelled the “old” market in Aleppo on Friday; café owners fled.\n"
ARABIC = "قصفت القوات مواقع قرب مدينة حلب صباح اليوم، وقال مسؤولون إن ثلاثة أشخاص قتلوا.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (ENGLISH.encode(), ENGLISH, "utf-8"),
        (codecs.BOM_UTF8 + ENGLISH.encode(), ENGLISH, "utf-8"),
        (codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le"),
        (codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), ENGLISH, "utf-16-be"),
        (codecs.BOM_UTF32_LE + ENGLISH.encode("utf-32-le"), ENGLISH, "utf-32-le"),
        (codecs.BOM_UTF32_BE + ARABIC.encode("utf-32-be"), ARABIC, "utf-32-be"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), ARABIC, "utf-16-le"),
        (ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le"),
        (ENGLISH.encode("cp1252"), ENGLISH, "cp1252"),
        ("Les forces ont frappé à Alep. Été très chaud, déjà.\n".encode("latin-1"), None, "cp1252"),
        (ARABIC.encode("cp1256") * 2, ARABIC * 2, "cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom-arabic",
         "utf16le-bom-arabic", "utf16le-no-bom", "cp1252", "latin1-as-cp1252", "cp1256-arabic"],
)  # fmt: skip
def test_ingest_decodes_each_encoding(data: bytes, text: str | None, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    if text is not None:
        assert decoded.text == text
    assert "\ufeff" not in decoded.text


def test_ingest_reads_declared_encoding() -> None:
    page = (
        b'<html><head><meta charset="windows-1256"></head><body>'
        + ARABIC.encode("cp1256")
        + b"</body></html>"
    )
    decoded = decode_bytes(page)
    assert decoded.encoding == "cp1256"
    assert ARABIC.strip() in decoded.text


def test_ingest_reads_utf8_with_a_stray_cp1252_quote() -> None:
    data = "Café owners in Raqqa, naïve résumé:".encode() + b" \x93enough\x94, he said."
    decoded = decode_bytes(data)
    assert decoded.text == "Café owners in Raqqa, naïve résumé: “enough”, he said."
    assert decoded.encoding == "utf-8+cp1252"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nstream", "PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip-compressed"),
        (b"Title\nBody with a \x00 NUL byte", "NUL bytes"),
        (bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 10 + b"text", "control bytes"),
    ],
    ids=["png", "pdf", "zip", "gzip", "nul", "controls"],
)
def test_ingest_refuses_binary_files(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match="^binary file") as err:
        decode_bytes(data)
    assert kind in str(err.value)


def test_ingest_refuses_wide_text_that_does_not_decode() -> None:
    with pytest.raises(
        InputError, match="undecodable bytes: not valid utf-16-le despite its byte-order mark"
    ):
        decode_bytes(codecs.BOM_UTF16_LE + "odd".encode("utf-16-le") + b"A")


def test_ingest_keeps_nul_beyond_the_sniff_window_out_of_the_text() -> None:
    data = b"Title\n" + b"Words here. " * 1000 + b"\x00 tail."
    decoded = decode_bytes(data)
    assert "\x00" not in decoded.text
    assert decoded.text.endswith("Words here.  tail.")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("Cafe\u0301", "Café"),
        ("bell\x07 and esc\x1b and del\x7f gone", "bell and esc and del gone"),
        ("tab\tand\nnewline kept", "tab\tand\nnewline kept"),
        ("page\x0cbreak and\x0bvertical tab", "page\nbreak and\nvertical tab"),
        ("zero\ufeffwidth no-break space", "zerowidth no-break space"),
        ("c1 control\x85next line\x9b", "c1 control\nnext line"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("قصفت\u200fالقوات", "قصفت\u200fالقوات"),
    ],
    ids=["newlines", "nfc", "controls", "tab-newline", "line-breaks", "bom", "c1", "surrogate", "rlm-kept"],
)
def test_ingest_normalises_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean
    assert normalise_text(clean) == clean


def test_ingest_refuses_bytes_no_encoding_reads() -> None:
    rng = random.Random(0)
    # High bytes only: no NUL or control byte to call it binary, no code page to make words of it.
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(500))
    with pytest.raises(InputError, match="^undecodable bytes: no text encoding fits"):
        decode_bytes(noise)
