"""JSON and JSON Lines reader: the document format, bad shapes, bad fields, dates."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from sitroom.ingest import InputRecord, read_bytes
from sitroom.model import Document

BODY = "Two rockets struck near the airport in Erbil on Tuesday night, the regional government said."


def read(data: bytes | str, suffix: str = ".json", published: date | None = None) -> list[InputRecord]:
    raw = data.encode() if isinstance(data, str) else data
    return list(read_bytes(raw, "in" + suffix, suffix=suffix, published=published))


def read_obj(obj: Any, published: date | None = None) -> InputRecord:
    records = read(json.dumps(obj), published=published)
    assert len(records) == 1
    return records[0]


def test_ingest_json_object_fills_every_field() -> None:
    obj = {
        "id": "wire-0042",
        "url": "https://news.example.org/erbil-rockets",
        "title": "Rockets hit near Erbil airport",
        "publisher": "Example Wire",
        "published": "2024-01-23",
        "text": BODY,
        "section": "ignored",
    }
    record = read_obj(obj)
    doc = record.document
    assert doc is not None and record.error is None and record.locator is None
    assert (doc.title, doc.url, doc.publisher, doc.published) == (
        "Rockets hit near Erbil airport",
        "https://news.example.org/erbil-rockets",
        "Example Wire",
        date(2024, 1, 23),
    )
    assert doc.text == BODY
    assert ("source_id", "wire-0042") in doc.meta
    # The id is the content's, not the user's: the same report under two ids is one document.
    assert doc.id == Document.make_id(BODY, "Rockets hit near Erbil airport")
    assert read_obj({**obj, "id": 99}).document.id == doc.id  # type: ignore[union-attr]


def test_ingest_json_array_reads_each_item_and_fails_bad_ones_alone() -> None:
    records = read(json.dumps([{"text": BODY}, 7, {"text": 5}, {"title": "x", "text": "Second report."}]))
    assert [r.locator for r in records] == ["item 1", "item 2", "item 3", "item 4"]
    assert [r.ok for r in records] == [True, False, False, True]
    assert records[1].error == "array element is a number, not a document object"
    assert records[2].error == "field 'text' must be a string, not a number"


def test_ingest_jsonl_reads_good_lines_and_names_bad_ones() -> None:
    lines = [
        json.dumps({"text": BODY}),
        "",
        '{"text": "Broken" "title": "x"}',
        json.dumps(["not", "an", "object"]),
        "   ",
        json.dumps({"text": "Fifth line report."}),
    ]
    records = read("\n".join(lines), suffix=".jsonl")
    assert [(r.locator, r.ok) for r in records] == [
        ("line 1", True),
        ("line 3", False),
        ("line 4", False),
        ("line 6", True),
    ]
    assert records[1].error == "invalid JSON at line 3 column 19: Expecting ',' delimiter"
    assert records[2].error == "line holds an array, not a document object"
    assert ("locator", "line 6") in records[3].document.meta  # type: ignore[union-attr]


def test_ingest_json_file_holding_json_lines_is_read_as_lines() -> None:
    data = json.dumps({"text": "First report."}) + "\n" + json.dumps({"text": "Second report."}) + "\n"
    records = read(data, suffix=".json")
    assert [(r.locator, r.ok) for r in records] == [("line 1", True), ("line 2", True)]


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ({"title": "No body"}, "missing field 'text' (keys found: title)"),
        ({"text": 12}, "field 'text' must be a string, not a number"),
        ({"text": None}, "field 'text' must be a string, not null"),
        ({"text": "  \n "}, "field 'text' is empty"),
        ({"text": BODY, "title": ["a"]}, "field 'title' must be a string or null, not an array"),
        ({"text": BODY, "url": 5}, "field 'url' must be a string or null, not a number"),
        ({"text": BODY, "publisher": {"n": 1}}, "field 'publisher' must be a string or null, not an object"),
        ({"text": BODY, "published": 20240123}, "field 'published' must be a date string or null, not a number"),
        ({"text": BODY, "published": "yesterday"}, "field 'published' is not a date: 'yesterday'"),
        ({"text": BODY, "id": True}, "field 'id' must be a string or a whole number, not a boolean"),
        ({"text": BODY, "id": 1.5}, "field 'id' must be a string or a whole number, not a number"),
    ],
    ids=["no-text", "text-number", "text-null", "text-blank", "title-list", "url-number", "publisher-object",
         "published-number", "published-word", "id-bool", "id-float"],
)  # fmt: skip
def test_ingest_json_wrong_field_fails_naming_the_field(obj: dict[str, Any], reason: str) -> None:
    record = read_obj(obj)
    assert record.document is None
    assert record.error is not None and record.error.startswith(reason)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-01-23", date(2024, 1, 23)),
        ("2024-01-23T23:30:00-05:00", date(2024, 1, 23)),
        ("2024-01-23 08:00", date(2024, 1, 23)),
        ("2024-1-5", date(2024, 1, 5)),
        ("Tue, 23 Jan 2024 08:30:00 +0300", date(2024, 1, 23)),
        (None, None),
        ("", None),
    ],
)
def test_ingest_json_reads_published_forms(published: str | None, expected: date | None) -> None:
    doc = read_obj({"text": BODY, "published": published}).document
    assert doc is not None
    assert doc.published == expected
    assert dict(doc.meta).get("published_error") is None


def test_ingest_json_impossible_date_keeps_document_and_notes_it() -> None:
    doc = read_obj({"text": BODY, "published": "2024-02-30"}).document
    assert doc is not None
    assert doc.published is None
    assert dict(doc.meta)["published_error"] == "impossible date '2024-02-30' in field 'published'"


def test_ingest_json_published_argument_fills_missing_dates_only() -> None:
    given = date(2024, 1, 1)
    assert read_obj({"text": BODY}, published=given).document.published == given  # type: ignore[union-attr]
    own = read_obj({"text": BODY, "published": "2024-01-23"}, published=given).document
    assert own is not None and own.published == date(2024, 1, 23)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ('{"text": "cut off', "invalid JSON at line 1 column 10: Unterminated string starting at"),
        ('{\n  "text": "a",\n  "title": }', "invalid JSON at line 3 column 12: Expecting value"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply to read"),
        ('{"text": "a", "id": ' + "9" * 5000 + "}", "invalid JSON: Exceeds the limit"),
        ('"just a string"', "JSON must be an object or an array of objects, not a string"),
        ("[]", "JSON array holds no documents"),
    ],
    ids=["truncated", "missing-value", "deep", "huge-number", "scalar", "empty-array"],
)
def test_ingest_json_bad_files_fail_with_one_line_reason(data: str, reason: str) -> None:
    records = read(data)
    assert len(records) == 1
    assert records[0].document is None
    assert records[0].error is not None and records[0].error.startswith(reason)
    assert "\n" not in records[0].error


def test_ingest_json_escaped_controls_and_lone_surrogates_are_cleaned() -> None:
    doc = read('{"text": "Shelling\\u0000 at dawn\\r\\nin Mosul \\ud800 today"}').pop().document
    assert doc is not None
    assert doc.text == "Shelling at dawn\nin Mosul \ufffd today"
    doc.text.encode("utf-8")
