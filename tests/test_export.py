"""Exports of hand-built events and claims: JSON Lines, CSV with ACLED's columns first, GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from types import SimpleNamespace

import pytest

from sitroom import export
from sitroom.model import Event, Evidence, Source

# ACLED's full export header, in ACLED's order; sitroom fills a subset of it.
ACLED_ORDER = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
TRICKY_NOTES = 'Drones hit "Tower 22", near Rukban, Jordan;\nthree killed — «قاعدة» noted, 34 hurt.'


@pytest.fixture
def events(records: SimpleNamespace) -> list[Event]:
    wire = records.document("Ракети влучили в Харків у четвер.", title="Харків", publisher="Київ Пост")
    brief = records.document("Drones struck Tower 22 on Sunday.", title="Tower 22", publisher="Desert, Wire")
    return [
        records.event(
            "ev-kharkiv",
            docs=[wire],
            location="Харків",
            admin1="Kharkiv",
            country="Ukraine",
            actor1="Russian Armed Forces",
            actor2="Civilians",
            latitude=49.98,
            longitude=36.25,
            notes="Ракети влучили в житловий будинок.",
        ),
        records.event(
            "ev-tower22", docs=[wire, brief], notes=TRICKY_NOTES, location="Tower 22", country="Jordan"
        ),
        records.event(
            "ev-unknown",
            docs=[brief],
            event_date=None,
            time_precision=None,
            actor2=None,
            assoc_actor_1=None,
            admin1=None,
            admin2=None,
            location=None,
            latitude=None,
            longitude=None,
            geo_precision=None,
            fatalities=None,
            injuries=None,
            fatalities_low=None,
            fatalities_high=None,
            claimed_by=None,
            weapons=(),
        ),
        records.event("ev-equator", docs=[brief], latitude=0.0, longitude=0.0, fatalities=0, injuries=0),
    ]


def csv_rows(events: list[Event]) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO("".join(export.events_csv(events)), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or ()), rows


def test_export_jsonl_writes_one_record_per_line_keeping_unicode(events: list[Event]) -> None:
    text = "".join(export.events_jsonl(events))
    lines = text.splitlines()
    assert len(lines) == len(events)
    assert [json.loads(line) for line in lines] == [e.as_dict() for e in events]
    assert "Харків" in text and "\\u" not in text


def test_export_csv_header_is_acled_order_then_sitroom_columns(events: list[Event]) -> None:
    header, _ = csv_rows(events)
    acled = header[: len(export.ACLED_COLUMNS)]
    assert acled == list(export.ACLED_COLUMNS)
    positions = [ACLED_ORDER.index(c) for c in acled]
    assert positions == sorted(positions), "ACLED's columns keep ACLED's order"
    assert not set(header[len(acled) :]) & set(ACLED_ORDER)
    assert {"event_id", "injuries", "weapons", "claimed_by", "sources", "source_count", "evidence"} <= set(
        header
    )


def test_export_csv_keeps_commas_quotes_newlines_and_unicode(events: list[Event]) -> None:
    _, rows = csv_rows(events)
    by_id = {r["event_id"]: r for r in rows}
    assert by_id["ev-tower22"]["notes"] == TRICKY_NOTES
    assert by_id["ev-kharkiv"]["location"] == "Харків"
    assert by_id["ev-kharkiv"]["notes"] == "Ракети влучили в житловий будинок."
    assert by_id["ev-tower22"]["source"] == "Київ Пост; Desert, Wire"
    assert json.loads(by_id["ev-tower22"]["sources"]) == [s.as_dict() for s in events[1].sources]
    assert json.loads(by_id["ev-tower22"]["evidence"]) == [e.as_dict() for e in events[1].evidence]


def test_export_csv_writes_none_as_empty_and_zero_as_zero(events: list[Event]) -> None:
    _, rows = csv_rows(events)
    by_id = {r["event_id"]: r for r in rows}
    unknown = by_id["ev-unknown"]
    for column in ("event_date", "year", "time_precision", "actor2", "admin1", "location", "latitude",
                   "longitude", "geo_precision", "fatalities", "injuries", "claimed_by"):  # fmt: skip
        assert unknown[column] == "", column
    assert unknown["weapons"] == "[]"
    equator = by_id["ev-equator"]
    assert (equator["latitude"], equator["longitude"], equator["fatalities"], equator["injuries"]) == (
        "0.0",
        "0.0",
        "0",
        "0",
    )


def test_export_csv_fills_acled_derived_columns(events: list[Event]) -> None:
    _, rows = csv_rows(events)
    kharkiv = next(r for r in rows if r["event_id"] == "ev-kharkiv")
    assert kharkiv["event_id_cnty"] == "ev-kharkiv"
    assert kharkiv["year"] == "2024"
    assert kharkiv["disorder_type"] == "Political violence"
    assert kharkiv["civilian_targeting"] == "Civilian targeting"
    tower = next(r for r in rows if r["event_id"] == "ev-tower22")
    assert tower["civilian_targeting"] == ""


def test_export_csv_of_no_events_is_the_header_alone() -> None:
    assert "".join(export.events_csv([])) == ",".join(export.EVENT_CSV_COLUMNS) + "\n"


@pytest.mark.parametrize(
    ("event_type", "disorder"),
    [
        ("Battles", "Political violence"),
        ("Explosions/Remote violence", "Political violence"),
        ("Violence against civilians", "Political violence"),
        ("Protests", "Demonstrations"),
        ("Riots", "Demonstrations"),
        ("Strategic developments", "Strategic developments"),
    ],
)
def test_export_disorder_type_follows_acled(event_type: str, disorder: str) -> None:
    assert export.disorder_type(event_type) == disorder


def test_export_geojson_leaves_out_and_counts_events_without_coordinates(events: list[Event]) -> None:
    collection = json.loads("".join(export.events_geojson(events)))
    assert collection["type"] == "FeatureCollection"
    assert collection["without_coordinates"] == 1
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {"ev-kharkiv", "ev-tower22", "ev-equator"}
    assert features["ev-kharkiv"]["geometry"] == {"type": "Point", "coordinates": [36.25, 49.98]}
    assert features["ev-equator"]["geometry"]["coordinates"] == [0.0, 0.0]
    assert features["ev-kharkiv"]["properties"] == events[0].as_dict()


def test_export_geojson_of_no_events_is_an_empty_collection() -> None:
    collection = json.loads("".join(export.events_geojson([])))
    assert collection == {"type": "FeatureCollection", "features": [], "without_coordinates": 0}


def test_export_claims_csv_and_jsonl_agree(records: SimpleNamespace) -> None:
    doc = records.document("Officials counted more than 110 attacks so far, «сказав» he.")
    claims = [
        records.claim(doc.id),
        records.claim(
            doc.id,
            claim_id="claim-none",
            qualifier=None,
            period_start=None,
            attributed_to=None,
            quantity=2.5,
            subject="troops hurt, per day",
        ),
    ]
    lines = [json.loads(line) for line in "".join(export.claims_jsonl(claims)).splitlines()]
    assert lines == [c.as_dict() for c in claims]
    assert lines[0]["quantity"] == 110 and isinstance(lines[0]["quantity"], int)
    reader = csv.DictReader(io.StringIO("".join(export.claims_csv(claims)), newline=""))
    assert list(reader.fieldnames or ()) == list(export.CLAIM_COLUMNS)
    rows = list(reader)
    assert [r["claim_id"] for r in rows] == ["claim-attacks", "claim-none"]
    assert rows[0]["quantity"] == "110"
    assert (rows[1]["qualifier"], rows[1]["period_start"], rows[1]["quantity"]) == ("", "", "2.5")
    assert rows[1]["subject"] == "troops hurt, per day"
    assert json.loads(rows[0]["doc_ids"]) == [doc.id]
    assert json.loads(rows[0]["evidence"]) == [e.as_dict() for e in claims[0].evidence]


def test_export_event_record_round_trips_through_jsonl(events: list[Event]) -> None:
    from sitroom.model import event_from_dict

    for line, event in zip(export.events_jsonl(events), events, strict=True):
        assert event_from_dict(json.loads(line)) == event


def test_export_source_column_falls_back_to_url_then_doc_id() -> None:
    sources = (
        Source("d1", "https://a.example/1", None, None),
        Source("d2", None, None, "2024-01-02"),
        Source("d3", None, "Wire", None),
    )
    event = Event(
        event_id="e", event_date=date(2024, 1, 2), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="A", assoc_actor_1=None, actor2=None, assoc_actor_2=None,
        country="Mali", admin1=None, admin2=None, location=None, latitude=None, longitude=None,
        geo_precision=None, fatalities=0, injuries=None, weapons=(), claimed_by=None, sources=sources,
        notes="", evidence=(Evidence("d1", 0, 1, "x", "event_type"),), confidence=0.5,
    )  # fmt: skip
    assert export.acled_row(event)["source"] == "https://a.example/1; d2; Wire"
