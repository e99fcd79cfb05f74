"""Event and claim exports: JSON Lines, CSV (ACLED's columns first) and GeoJSON.

CSV puts the ACLED columns that sitroom fills, in ACLED's order and under
ACLED's names, then sitroom's own columns; list and record fields (weapons,
sources, evidence) are JSON in their cell so that nothing is lost. GeoJSON is
a FeatureCollection of Points, ``[longitude, latitude]``, with the event
record as properties; events without coordinates are left out and counted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sitroom.model import Claim, Event

# ACLED's export columns, in ACLED's order, that an Event can fill.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
OWN_COLUMNS = (
    "event_id",
    "injuries",
    "weapons",
    "claimed_by",
    "source_count",
    "sources",
    "fatalities_low",
    "fatalities_high",
    "confidence",
    "evidence",
)
EVENT_CSV_COLUMNS = ACLED_COLUMNS + OWN_COLUMNS
CLAIM_COLUMNS = (
    "claim_id",
    "subject",
    "quantity",
    "qualifier",
    "unit",
    "location",
    "actor",
    "period_start",
    "as_of",
    "attributed_to",
    "doc_id",
    "doc_ids",
    "evidence",
)
FORMATS = ("jsonl", "csv", "geojson")


def disorder_type(event_type: str) -> str:
    """ACLED's disorder type for an event type."""
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def acled_row(e: Event) -> dict[str, Any]:
    d = e.as_dict()
    row = {
        "event_id_cnty": e.event_id,
        "event_date": d["event_date"] or "",
        "year": e.event_date.year if e.event_date else "",
        "time_precision": e.time_precision or "",
        "disorder_type": disorder_type(e.event_type),
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1 or "",
        "assoc_actor_1": e.assoc_actor_1 or "",
        "actor2": e.actor2 or "",
        "assoc_actor_2": e.assoc_actor_2 or "",
        "civilian_targeting": "Civilian targeting" if e.actor2 == "Civilians" else "",
        "country": e.country or "",
        "admin1": e.admin1 or "",
        "admin2": e.admin2 or "",
        "location": e.location or "",
        "latitude": "" if e.latitude is None else e.latitude,
        "longitude": "" if e.longitude is None else e.longitude,
        "geo_precision": e.geo_precision or "",
        "source": "; ".join(dict.fromkeys(s.publisher or s.url or s.doc_id for s in e.sources)),
        "notes": e.notes,
        "fatalities": e.fatalities if e.fatalities is not None else "",
        "event_id": e.event_id,
        "injuries": "" if e.injuries is None else e.injuries,
        "weapons": json.dumps(list(e.weapons), ensure_ascii=False),
        "claimed_by": e.claimed_by or "",
        "source_count": e.source_count,
        "sources": json.dumps(d["sources"], ensure_ascii=False),
        "fatalities_low": "" if e.fatalities_low is None else e.fatalities_low,
        "fatalities_high": "" if e.fatalities_high is None else e.fatalities_high,
        "confidence": d["confidence"],
        "evidence": json.dumps(d["evidence"], ensure_ascii=False),
    }
    return row


def events_jsonl(events: Iterable[Event]) -> Iterator[str]:
    for e in events:
        yield json.dumps(e.as_dict(), ensure_ascii=False, sort_keys=False) + "\n"


def events_csv(events: Iterable[Event]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EVENT_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield _drain(buf)
    for e in events:
        writer.writerow(acled_row(e))
        yield _drain(buf)


def feature(e: Event) -> dict[str, Any]:
    """One GeoJSON Feature: a Point at [longitude, latitude] with the event record as properties."""
    return {
        "type": "Feature",
        "id": e.event_id,
        "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
        "properties": e.as_dict(),
    }


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    located, missing = [], 0
    for e in events:
        if e.latitude is None or e.longitude is None:
            missing += 1
        else:
            located.append(feature(e))
    return {"type": "FeatureCollection", "features": located, "without_coordinates": missing}


def events_geojson(events: Iterable[Event]) -> Iterator[str]:
    yield json.dumps(feature_collection(events), ensure_ascii=False) + "\n"


def claims_jsonl(claims: Iterable[Claim]) -> Iterator[str]:
    for c in claims:
        yield json.dumps(c.as_dict(), ensure_ascii=False) + "\n"


def claims_csv(claims: Iterable[Claim]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CLAIM_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    yield _drain(buf)
    for c in claims:
        row = c.as_dict()
        row["doc_ids"] = json.dumps(row["doc_ids"])
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        yield _drain(buf)


def _drain(buf: io.StringIO) -> str:
    out = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return out
