"""Plain-text reader: title and body, exact characters, dates from the caller."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.ingest import InputRecord, iter_inputs, read_bytes

REPORT = (
    "Drone hits fuel depot near Erbil\n"
    "\n"
    "A drone struck a fuel depot outside Erbil early on Saturday,  local officials said.\n"
    "\tNo group claimed the attack.\n"
)


def read_one(data: bytes, suffix: str = ".txt", published: date | None = None) -> InputRecord:
    records = list(read_bytes(data, "report.txt", suffix=suffix, published=published))
    assert len(records) == 1
    return records[0]


def test_ingest_text_splits_title_and_keeps_body_exact() -> None:
    doc = read_one(REPORT.encode()).document
    assert doc is not None
    assert doc.title == "Drone hits fuel depot near Erbil"
    # Double space and leading tab kept: offsets into the body must survive a re-read.
    assert doc.text == (
        "A drone struck a fuel depot outside Erbil early on Saturday,  local officials said.\n"
        "\tNo group claimed the attack."
    )
    start = doc.text.index("Erbil")
    assert doc.text[start : start + 5] == "Erbil"
    assert ("format", "text") in doc.meta


def test_ingest_text_skips_blank_lines_before_the_title() -> None:
    doc = read_one(b"\n   \n  Headline with spaces  \nBody line.\n").document
    assert doc is not None
    assert (doc.title, doc.text) == ("Headline with spaces", "Body line.")


def test_ingest_text_single_line_is_text_without_title() -> None:
    doc = read_one(b"Gunmen abducted two aid workers in Sanaa on Monday.\n").document
    assert doc is not None
    assert doc.title is None
    assert doc.text == "Gunmen abducted two aid workers in Sanaa on Monday."


def test_ingest_text_dates_from_the_published_argument() -> None:
    doc = read_one(REPORT.encode(), published=date(2024, 1, 20)).document
    assert doc is not None
    assert doc.published == date(2024, 1, 20)
    assert ("published_from", "argument") in doc.meta
    undated = read_one(REPORT.encode()).document
    assert undated is not None and undated.published is None


def test_ingest_text_normalises_crlf_bom_and_controls() -> None:
    data = b"\xef\xbb\xbfHeadline\r\nCafe\xcc\x81 shelled\x07 at dawn.\r\nSecond line.\r\n"
    doc = read_one(data).document
    assert doc is not None
    assert doc.title == "Headline"
    assert doc.text == "Café shelled at dawn.\nSecond line."


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file (0 bytes)"), (b"  \n\t\n ", "file holds no text (only whitespace)")],
)
def test_ingest_text_empty_files_fail_with_reason(data: bytes, reason: str) -> None:
    record = read_one(data)
    assert record.document is None
    assert record.error == reason


def test_ingest_text_same_report_read_twice_has_one_id(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(REPORT)
    rewrapped = tmp_path / "b.txt"
    rewrapped.write_text(REPORT.replace("said.\n", "said. ").replace("  ", " ") + "\n\n")
    as_json = tmp_path / "c.json"
    body = REPORT.split("\n", 2)[2]
    as_json.write_text(
        json.dumps({"id": "wire-7", "title": "Drone hits fuel depot near Erbil", "text": body})
    )
    ids = {
        r.document.id
        for r in iter_inputs([str(first), str(first), str(rewrapped), str(as_json)])
        if r.document
    }
    assert len(ids) == 1
