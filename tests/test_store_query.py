"""Reading events back: filters, order, paging and counts, the same on both backends."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from sitroom.errors import StoreError
from sitroom.store import EventFilter, open_store

# id: (date, type, sub-type, actor1, assoc_actor_1, actor2, country, admin1, latitude, longitude)
EVENTS = {
    "ev-01": (
        date(2024, 1, 5),
        "Explosions/Remote violence",
        "Air/drone strike",
        "Islamic Resistance in Iraq",
        "Kata'ib Hezbollah",
        "Military Forces of the United States (2021-)",
        "Syria",
        "Homs",
        33.50,
        38.62,
    ),
    "ev-02": (
        date(2024, 1, 20),
        "Battles",
        "Armed clash",
        "Hayat Tahrir al-Sham",
        None,
        "Military Forces of Syria (2000-2024)",
        "Syria",
        "Idlib",
        35.86,
        36.80,
    ),
    "ev-03": (
        date(2024, 2, 2),
        "Violence against civilians",
        "Attack",
        "Unidentified Armed Group (Iraq)",
        None,
        "Civilians (Iraq)",
        "Iraq",
        "Baghdad",
        33.31,
        44.36,
    ),
    "ev-04": (
        date(2024, 2, 2),
        "Strategic developments",
        "Disrupted weapons use",
        "Military Forces of the United States (2021-)",
        None,
        "Ansar Allah",
        "Yemen",
        "Al Hudaydah",
        14.80,
        42.95,
    ),
    "ev-05": (
        None,
        "Protests",
        "Peaceful protest",
        "Protesters (Côte d'Ivoire)",
        "Étudiants Unis",
        None,
        "Côte d'Ivoire",
        "Abidjan",
        5.36,
        -4.01,
    ),
    "ev-06": (
        date(2024, 3, 10),
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Unidentified Armed Group (Fiji)",
        None,
        None,
        "Fiji",
        "Northern",
        -16.50,
        179.50,
    ),
    "ev-07": (
        date(2024, 3, 11),
        "Riots",
        "Mob violence",
        "Rioters (Fiji)",
        None,
        None,
        "Fiji",
        "Eastern",
        -16.80,
        -179.90,
    ),
    "ev-08": (
        date(2024, 3, 15),
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Islamic State (Syria)",
        None,
        "Syrian Democratic Forces",
        "Syria",
        "Deir ez-Zor",
        None,
        None,
    ),
    "ev-09": (
        date(2024, 1, 28),
        "Explosions/Remote violence",
        "Air/drone strike",
        "Islamic Resistance in Iraq",
        None,
        "Military Forces of the United States (2021-)",
        "Jordan",
        "Ma'an",
        31.38,
        36.52,
    ),
    "ev-10": (
        date(2024, 2, 20),
        "Protests",
        "Peaceful protest",
        "Protesters (Türkiye)",
        None,
        None,
        "Türkiye",
        "Ankara",
        39.93,
        32.86,
    ),
}
IN_ORDER = ["ev-01", "ev-02", "ev-09", "ev-03", "ev-04", "ev-10", "ev-06", "ev-07", "ev-08", "ev-05"]


@pytest.fixture
def store(store_url, records):
    columns = (
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "actor2",
        "country",
        "admin1",
        "latitude",
        "longitude",
    )
    events = [records.event(eid, **dict(zip(columns, row, strict=True))) for eid, row in EVENTS.items()]
    # Written out of order, across two batches: the order must come from the store.
    shuffled = events[5:] + events[:5][::-1]
    with open_store(store_url) as s:
        s.write_batch([], [], shuffled[:4], [])
        s.write_batch([], [], shuffled[4:], [])
        yield s


def shown(value: object) -> str | None:
    """A test id naming only what a filter sets (pytest's own ids for anything else)."""
    if not isinstance(value, EventFilter):
        return None
    return ",".join(
        f"{f.name}={getattr(value, f.name)}" for f in fields(value) if getattr(value, f.name) != f.default
    )


def ids(events) -> list[str]:
    return [e.event_id for e in events]


def in_order(*event_ids: str) -> list[str]:
    return [e for e in IN_ORDER if e in event_ids]


def test_store_query_orders_by_date_nulls_last_then_id(store):
    assert ids(store.events()) == IN_ORDER
    assert store.count_events() == len(EVENTS)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(since=date(2024, 2, 2)), in_order("ev-03", "ev-04", "ev-10", "ev-06", "ev-07", "ev-08")),
        (EventFilter(until=date(2024, 1, 20)), ["ev-01", "ev-02"]),
        (EventFilter(since=date(2024, 1, 20), until=date(2024, 2, 2)), ["ev-02", "ev-09", "ev-03", "ev-04"]),
        (EventFilter(since=date(2024, 2, 3), until=date(2024, 2, 19)), []),
        (EventFilter(country="Syria"), ["ev-01", "ev-02", "ev-08"]),
        (EventFilter(country="SYRIA"), ["ev-01", "ev-02", "ev-08"]),
        (EventFilter(country="Syr"), []),  # country is an exact name, not a substring
        (EventFilter(admin1="homs"), ["ev-01"]),
        (EventFilter(admin1="DEIR EZ-ZOR"), ["ev-08"]),
        (EventFilter(actor="islamic resistance"), ["ev-01", "ev-09"]),
        (EventFilter(actor="UNITED STATES"), ["ev-01", "ev-09", "ev-04"]),  # actor1 or actor2
        (EventFilter(actor="hezbollah"), ["ev-01"]),  # an associated actor
        (EventFilter(actor="Ansar Allah"), ["ev-04"]),
        (EventFilter(actor="(2021-)"), ["ev-01", "ev-09", "ev-04"]),
        (EventFilter(actor="%"), []),  # LIKE wildcards are taken literally
        (EventFilter(actor="_"), []),
        (EventFilter(actor="Kata'ib"), ["ev-01"]),
        (EventFilter(event_type="battles"), ["ev-02"]),
        (EventFilter(event_type="Air/drone strike"), ["ev-01", "ev-09"]),
        (EventFilter(event_type="EXPLOSIONS/REMOTE VIOLENCE"), ["ev-01", "ev-09", "ev-06", "ev-08"]),
        (EventFilter(event_type="disrupted weapons use"), ["ev-04"]),
        (EventFilter(event_type="Air"), []),
        (EventFilter(country="Syria", since=date(2024, 1, 10)), ["ev-02", "ev-08"]),
        (EventFilter(country="Syria", event_type="Battles", actor="tahrir"), ["ev-02"]),
        (EventFilter(country="Iraq", actor="Syria"), []),
    ],
    ids=shown,
)
def test_store_query_filters(store, flt, expected):
    assert ids(store.events(flt)) == expected
    assert store.count_events(flt) == len(expected)


@pytest.mark.parametrize(
    ("bbox", "expected"),
    [
        ((35.0, 32.0, 45.0, 37.0), ["ev-01", "ev-02", "ev-03"]),  # Syria and Iraq
        ((36.52, 31.38, 36.52, 31.38), ["ev-09"]),  # a point box: the bounds are inclusive
        ((179.0, -17.0, -179.0, -16.0), ["ev-06", "ev-07"]),  # across the antimeridian
        ((179.0, -17.0, 180.0, -16.0), ["ev-06"]),
        ((-180.0, -17.0, -179.0, -16.0), ["ev-07"]),
        ((170.0, -10.0, -170.0, 0.0), []),  # across the antimeridian, wrong latitudes
        ((-180.0, -90.0, 180.0, 90.0), [e for e in IN_ORDER if e != "ev-08"]),  # no coordinates, no match
    ],
)
def test_store_query_bbox(store, bbox, expected):
    flt = EventFilter(bbox=bbox)
    assert ids(store.events(flt)) == expected
    assert store.count_events(flt) == len(expected)


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        (3, 0, IN_ORDER[:3]),
        (3, 3, IN_ORDER[3:6]),
        (None, 7, IN_ORDER[7:]),  # an offset alone
        (100, 8, IN_ORDER[8:]),
        (0, 0, []),
        (5, 50, []),
    ],
)
def test_store_query_limit_offset(store, limit, offset, expected):
    flt = EventFilter(limit=limit, offset=offset)
    assert ids(store.events(flt)) == expected
    assert store.count_events(flt) == len(EVENTS)  # the total for paging ignores the page


def test_store_query_pages_with_filter_cover_all(store):
    flt = EventFilter(country="Syria")
    pages = [ids(store.events(EventFilter(country="Syria", limit=2, offset=o))) for o in (0, 2, 4)]
    assert pages == [["ev-01", "ev-02"], ["ev-08"], []]
    assert store.count_events(EventFilter(country="Syria", limit=2)) == len(ids(store.events(flt)))


@pytest.mark.parametrize(("limit", "offset"), [(-1, 0), (None, -2)])
def test_store_query_negative_page_refused(store, limit, offset):
    with pytest.raises(StoreError, match="must not be negative"):
        store.events(EventFilter(limit=limit, offset=offset))


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(country="côte d'ivoire"), ["ev-05"]),
        (EventFilter(country="CÔTE D'IVOIRE"), ["ev-05"]),
        (EventFilter(actor="PROTESTERS (CÔTE"), ["ev-05"]),
        (EventFilter(actor="étudiants"), ["ev-05"]),  # an associated actor, accented
        (EventFilter(actor="ÉTUDIANTS UNIS"), ["ev-05"]),
        (EventFilter(country="TÜRKIYE"), ["ev-10"]),
        (EventFilter(actor="(türkiye)"), ["ev-10"]),
        (EventFilter(country="Cote d'Ivoire"), []),  # folding case is not dropping accents
    ],
    ids=shown,
)
def test_store_query_unicode_names_case_insensitive(store, flt, expected):
    assert ids(store.events(flt)) == expected
    assert store.count_events(flt) == len(expected)


@pytest.mark.postgres
def test_store_query_postgres_icu_database_same_answers(pg_server, records):
    """A database with an ICU collation (as a team's server may have) filters and orders alike."""
    name = pg_server.create_database(icu_locale="en-US")
    try:
        events = [records.event(eid, country=row[6], actor1=row[3]) for eid, row in EVENTS.items()]
        with open_store(pg_server.url(name)) as store:
            store.write_batch([], [], events[::-1], [])
            assert ids(store.events(EventFilter(country="CÔTE D'IVOIRE"))) == ["ev-05"]
            assert ids(store.events(EventFilter(actor="(türkiye)"))) == ["ev-10"]
            assert ids(store.events(EventFilter(limit=3))) == ["ev-01", "ev-02", "ev-03"]
    finally:
        pg_server.drop_database(name)


# -- mentions by date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("since", "until", "undated", "expected"),
    [
        (None, None, True, ["jan-05", "jan-20", "feb-02", None]),
        (None, None, False, ["jan-05", "jan-20", "feb-02"]),
        (date(2024, 1, 20), None, False, ["jan-20", "feb-02"]),
        (None, date(2024, 1, 20), True, ["jan-05", "jan-20", None]),
        (date(2024, 1, 6), date(2024, 2, 1), False, ["jan-20"]),
    ],
)
def test_store_query_mentions_by_date(store_url, records, since, until, undated, expected):
    dates = {"jan-05": date(2024, 1, 5), "jan-20": date(2024, 1, 20), "feb-02": date(2024, 2, 2), None: None}
    doc = records.document(mentions=0)
    mentions = tuple(
        records.mention(doc.id, sentence=i, event_date=d, actor2=label)
        for i, (label, d) in enumerate(dates.items())
    )
    with open_store(store_url) as s:
        s.write_batch([], [records.replace(doc, mentions=mentions[::-1])], [], [])
        found = s.mentions(since=since, until=until, undated=undated)
    assert [m.actor2 for m, _ in found] == expected
    assert all(event_id is None for _, event_id in found)
