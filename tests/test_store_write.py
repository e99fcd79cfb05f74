"""Writing batches: round trips, idempotence, the claims and input ledgers, cascades, rollback."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitroom.errors import StoreError
from sitroom.model import Evidence
from sitroom.store import LedgerRow, open_store

COUNTED = (
    "documents",
    "mentions",
    "ledger",
    "events",
    "event_mentions",
    "event_sources",
    "evidence",
    "claims",
    "claim_sources",
)

T0 = "2024-01-20T08:00:00+00:00"
T1 = "2024-01-21T09:30:00+00:00"


def counts(raw_sql) -> dict[str, int]:
    return {table: raw_sql(f"SELECT count(*) FROM {table}")[0][0] for table in COUNTED}


def ok_row(doc, locator: str = "line 1", time: str = T0) -> LedgerRow:
    return LedgerRow(
        origin="reports.jsonl", locator=locator, doc_id=doc.id, status="ok", reason=None, time=time
    )


@pytest.fixture
def batch(records):
    """Two reports of one strike (with mentions and a shared claim) and the event fused from them."""
    first = records.document(
        "Drones struck the base at Al-Tanf on Thursday. The Pentagon counted more than 110 attacks so far.",
        mentions=2,
        claims=["claim-attacks", "claim-injured"],
    )
    second = records.document(
        "A drone attack hit Al-Tanf garrison; more than 110 attacks since October, officials said.",
        mentions=1,
        claims=["claim-attacks"],
        publisher="Other Wire",
        published=date(2024, 1, 19),
    )
    event = records.event("ev-tanf", docs=[first, second])
    links = [(event.event_id, m.key) for d in (first, second) for m in d.mentions]
    ledger = [ok_row(first, "line 1"), ok_row(second, "line 2")]
    return {"ledger": ledger, "documents": [first, second], "events": [event], "links": links}


def test_store_write_round_trip_documents(store_url, batch):
    first, second = batch["documents"]
    with open_store(store_url) as store:
        store.write_batch(**batch)
    with open_store(store_url) as store:
        assert store.known_documents([first.id, second.id, "never-seen"]) == {first.id, second.id}
        stored = store.get_document(first.id)
        assert stored is not None
        assert {k: v for k, v in stored.items() if k != "added"} == {
            "id": first.id,
            "title": first.title,
            "url": first.url,
            "publisher": first.publisher,
            "published": "2024-01-20",
            "origin": "reports.jsonl",
            "text": first.text,
        }
        assert stored["added"]
        assert store.get_document("never-seen") is None
        assert store.documents() == batch["ledger"]


def test_store_write_round_trip_mentions_with_links(store_url, batch):
    with open_store(store_url) as store:
        store.write_batch(**batch)
        stored = store.mentions()
    expected = {m.key: m for d in batch["documents"] for m in d.mentions}
    assert {m.key: m for m, _ in stored} == expected
    assert {event_id for _, event_id in stored} == {"ev-tanf"}


def test_store_write_round_trip_event_all_fields(store_url, batch, raw_sql):
    (event,) = batch["events"]
    with open_store(store_url) as store:
        store.write_batch(**batch)
    with open_store(store_url) as store:
        assert store.events() == [event]
    assert event.source_count == 2
    assert sorted(raw_sql("SELECT doc_id FROM event_sources WHERE event_id = ?", ["ev-tanf"])) == sorted(
        (s.doc_id,) for s in event.sources
    )
    rows = raw_sql('SELECT doc_id, "start", "end", text, field FROM evidence WHERE event_id = ?', ["ev-tanf"])
    assert sorted(rows) == sorted((e.doc_id, e.start, e.end, e.text, e.field) for e in event.evidence)


def test_store_write_round_trip_event_sparse_fields(store_url, records):
    # A region-only, undated event with nothing but its type: every absent value stays absent.
    sparse = records.event(
        "ev-sparse",
        event_date=None,
        time_precision=None,
        actor1=None,
        assoc_actor_1=None,
        actor2=None,
        country=None,
        admin1=None,
        admin2=None,
        location=None,
        latitude=None,
        longitude=None,
        geo_precision=None,
        fatalities=None,
        injuries=None,
        weapons=(),
        claimed_by=None,
        notes="",
        fatalities_low=None,
        fatalities_high=None,
        place_id=None,
    )
    with open_store(store_url) as store:
        store.write_batch([], [], [sparse], [])
        assert store.events() == [sparse]


def test_store_write_round_trip_claims(store_url, batch):
    first, second = batch["documents"]
    with open_store(store_url) as store:
        store.write_batch(**batch)
        claims = {c.claim_id: c for c in store.claims()}
    assert set(claims) == {"claim-attacks", "claim-injured"}
    injured = next(c for c in first.claims if c.claim_id == "claim-injured")
    assert claims["claim-injured"] == replace(injured, doc_ids=(first.id,))
    shared = claims["claim-attacks"]
    assert shared.doc_ids == tuple(sorted([first.id, second.id]))
    assert {e.doc_id for e in shared.evidence} == {first.id, second.id}
    assert shared.quantity == 110 and shared.qualifier == "more than"


def test_store_write_claims_merged_across_batches(store_url, records):
    docs = [
        records.document(f"Report {i}: more than 110 attacks so far.", claims=["claim-attacks"])
        for i in range(3)
    ]
    with open_store(store_url) as store:
        for doc in docs:
            store.write_batch([], [doc], [], [])
        (claim,) = store.claims()
    assert claim.doc_ids == tuple(sorted(d.id for d in docs))
    assert len(claim.evidence) == 3


def test_store_write_claim_repeated_in_one_document(store_url, records, raw_sql):
    doc = records.document("More than 110 attacks so far. Again: more than 110 attacks so far.")
    again = Evidence(doc.id, 34, 64, "more than 110 attacks so far", "quantity")
    claims = (records.claim(doc.id), records.claim(doc.id, evidence=(again,)))
    with open_store(store_url) as store:
        store.write_batch([], [replace(doc, claims=claims)], [], [])
        (claim,) = store.claims()
    assert claim.doc_ids == (doc.id,)
    assert len(claim.evidence) == 2
    assert raw_sql("SELECT count(*) FROM claim_sources") == [(1,)]


def test_store_write_same_batch_twice_changes_nothing(store_url, batch, raw_sql):
    with open_store(store_url) as store:
        store.write_batch(**batch)
    before = counts(raw_sql)
    added = raw_sql("SELECT id, added FROM documents ORDER BY id")
    with open_store(store_url) as store:
        events, claims, mentions = store.events(), store.claims(), store.mentions()
        store.write_batch(**batch)
        store.write_batch(**batch)
        assert store.events() == events
        assert store.claims() == claims
        assert store.mentions() == mentions
        assert store.documents() == batch["ledger"]
    assert counts(raw_sql) == before
    assert before["events"] == 1 and before["event_sources"] == 2 and before["mentions"] == 3
    assert raw_sql("SELECT id, added FROM documents ORDER BY id") == added


def test_store_write_stored_document_kept_as_first_written(store_url, records):
    doc = records.document(mentions=1)
    with open_store(store_url) as store:
        store.write_batch([], [doc], [], [])
        store.write_batch([], [replace(doc, title="A different title", mentions=())], [], [])
        assert store.get_document(doc.id)["title"] == doc.title
        assert [m for m, _ in store.mentions()] == list(doc.mentions)


def test_store_write_event_upsert_replaces_sources_and_evidence(store_url, batch, raw_sql):
    first, second = batch["documents"]
    (event,) = batch["events"]
    with open_store(store_url) as store:
        store.write_batch(**batch)
        narrowed = replace(event, sources=event.sources[:1], evidence=event.evidence[:1], fatalities=3)
        store.write_batch([], [], [narrowed], [])
        assert store.events() == [narrowed]
    assert raw_sql("SELECT doc_id FROM event_sources") == [(first.id,)]
    assert raw_sql("SELECT count(*) FROM evidence") == [(1,)]


def test_store_write_batch_naming_event_twice_keeps_last(store_url, records):
    early = records.event("ev-01", fatalities=1)
    late = records.event("ev-01", fatalities=4)
    with open_store(store_url) as store:
        store.write_batch([], [], [early, late], [])
        assert store.events() == [late]


def test_store_write_links_replace_previous_link(store_url, records):
    doc = records.document(mentions=1)
    (mention,) = doc.mentions
    with open_store(store_url) as store:
        store.write_batch([], [doc], [records.event("ev-a"), records.event("ev-b")], [("ev-a", mention.key)])
        store.write_batch([], [], [], [("ev-b", mention.key)])
        assert store.mentions() == [(mention, "ev-b")]


# -- the input ledger --------------------------------------------------------------


def test_store_ledger_statuses_and_filter(store_url, records):
    doc = records.document()
    rows = [
        ok_row(doc),
        LedgerRow("reports.jsonl", "line 2", doc.id, "duplicate", "same text as line 1", T0),
        LedgerRow("reports.jsonl", "line 3", None, "failed", "line 3 is not JSON", T0),
        LedgerRow("feed.xml", None, None, "failed", "feed unreachable", T0),
    ]
    with open_store(store_url) as store:
        store.write_batch(rows, [doc], [], [])
        assert store.documents() == rows
        assert store.documents("ok") == rows[:1]
        assert store.documents("duplicate") == rows[1:2]
        assert store.documents("failed") == rows[2:]
        assert [r.as_dict()["reason"] for r in store.documents("failed")] == [
            "line 3 is not JSON",
            "feed unreachable",
        ]


def test_store_ledger_unknown_status_filter_refused(store_url):
    with open_store(store_url) as store, pytest.raises(StoreError, match="unknown document status 'done'"):
        store.documents("done")


@pytest.mark.parametrize(
    ("again", "new_rows"),
    [
        (LedgerRow("reports.jsonl", "line 1", "d1", "ok", None, T1), 0),  # a later re-run
        (LedgerRow("reports.jsonl", "line 1", "d1", "ok", "now with a reason", T0), 0),
        (LedgerRow("reports.jsonl", None, None, "failed", "again", T1), 0),  # NULLs are equal here
        (LedgerRow("reports.jsonl", "line 1", "d1", "duplicate", None, T1), 1),  # another status
        (LedgerRow("reports.jsonl", "line 9", "d1", "ok", None, T0), 1),
        (LedgerRow("other.jsonl", "line 1", "d1", "ok", None, T0), 1),
        (LedgerRow("reports.jsonl", "line 1", None, "ok", None, T0), 1),
    ],
)
def test_store_ledger_rerecorded_row_is_noop(store_url, records, again, new_rows):
    doc = records.document(id="d1")
    first = [
        LedgerRow("reports.jsonl", "line 1", "d1", "ok", None, T0),
        LedgerRow("reports.jsonl", None, None, "failed", "unreadable", T0),
    ]
    with open_store(store_url) as store:
        store.write_batch(first, [doc], [], [])
        store.write_batch([again], [], [], [])
        stored = store.documents()
    assert len(stored) == len(first) + new_rows
    assert stored[: len(first)] == first  # the first time and reason are kept


def test_store_ledger_bad_status_refused(store_url, records):
    doc = records.document()
    with open_store(store_url) as store:
        with pytest.raises(StoreError, match="nothing of it was kept"):
            store.write_batch([LedgerRow("x", None, None, "lost", None, T0)], [doc], [], [])
        assert store.known_documents([doc.id]) == set()


# -- removing events ---------------------------------------------------------------


def test_store_removed_events_cascade(store_url, batch, raw_sql):
    with open_store(store_url) as store:
        store.write_batch(**batch)
        store.write_batch([], [], [], [], removed_events=["ev-tanf", "ev-never-stored"])
        assert store.events() == []
        assert store.count_events() == 0
        assert {event_id for _, event_id in store.mentions()} == {None}
    for table in ("event_sources", "evidence", "event_mentions"):
        assert raw_sql(f"SELECT count(*) FROM {table}") == [(0,)], table
    # Removing an event leaves the reports and their mentions and claims.
    assert counts(raw_sql)["mentions"] == 3 and counts(raw_sql)["claim_sources"] == 3


def test_store_removed_event_absorbed_into_another(store_url, records):
    doc_a = records.document("Drones struck Al-Tanf on Thursday.", mentions=1)
    doc_b = records.document("The garrison at Al-Tanf was hit by drones.", mentions=1)
    ev_a, ev_b = records.event("ev-a", docs=[doc_a]), records.event("ev-b", docs=[doc_b])
    (m_a,), (m_b,) = doc_a.mentions, doc_b.mentions
    with open_store(store_url) as store:
        store.write_batch([], [doc_a, doc_b], [ev_a, ev_b], [("ev-a", m_a.key), ("ev-b", m_b.key)])
        # Fusion learns both are one strike: ev-b goes, ev-a takes its source and its mention.
        merged = records.event("ev-a", docs=[doc_a, doc_b])
        store.write_batch([], [], [merged], [("ev-a", m_b.key)], removed_events=["ev-b"])
        assert store.events() == [merged]
        assert {m.key: event_id for m, event_id in store.mentions()} == {m_a.key: "ev-a", m_b.key: "ev-a"}


def test_store_removed_and_rewritten_in_one_batch_stays(store_url, records):
    event = records.event("ev-01")
    with open_store(store_url) as store:
        store.write_batch([], [], [event], [])
        store.write_batch([], [], [replace(event, fatalities=2)], [], removed_events=["ev-01"])
        assert [e.fatalities for e in store.events()] == [2]


# -- failed batches ----------------------------------------------------------------


class FailsPartWay(list):
    """A batch part that hands out its first item, then raises, as a crashing producer would."""

    def __iter__(self):
        yield self[0]
        raise RuntimeError("the producer crashed")


def bad_latitude(batch):
    return {
        **batch,
        "events": [*batch["events"], replace(batch["events"][0], event_id="ev-bad", latitude=95.0)],
    }


def unknown_mention_link(batch):
    return {**batch, "links": [*batch["links"], ("ev-tanf", "no-such-mention")]}


def claim_of_unknown_document(batch):
    doc = batch["documents"][0]
    stray = replace(doc.claims[0], claim_id="claim-stray", doc_id="not-a-stored-document")
    return {**batch, "documents": [replace(doc, claims=(*doc.claims, stray)), *batch["documents"][1:]]}


@pytest.mark.parametrize(
    "spoil", [bad_latitude, unknown_mention_link, claim_of_unknown_document], ids=lambda f: f.__name__
)
def test_store_failed_batch_leaves_nothing(store_url, batch, raw_sql, spoil):
    with open_store(store_url) as store:
        with pytest.raises(StoreError, match="nothing of it was kept"):
            store.write_batch(**spoil(batch))
        assert counts(raw_sql) == dict.fromkeys(COUNTED, 0)
        # The store is usable afterwards, and the good batch goes in whole.
        store.write_batch(**batch)
        assert [e.event_id for e in store.events()] == ["ev-tanf"]


def test_store_exception_mid_batch_leaves_nothing(store_url, batch, raw_sql, records):
    extra = records.event("ev-extra")
    spoilt = {**batch, "events": FailsPartWay([*batch["events"], extra])}
    with open_store(store_url) as store:
        with pytest.raises(RuntimeError, match="the producer crashed"):
            store.write_batch(**spoilt)
        assert counts(raw_sql) == dict.fromkeys(COUNTED, 0)
        store.write_batch(**batch)
        assert store.count_events() == 1


def test_store_failed_batch_keeps_earlier_batches(store_url, batch, raw_sql, records):
    with open_store(store_url) as store:
        store.write_batch(**batch)
        before = counts(raw_sql)
        later = records.document("A later report of shelling near Deir ez-Zor.", mentions=1)
        with pytest.raises(StoreError):
            store.write_batch(
                [ok_row(later, "line 3")],
                [later],
                [records.event("ev-later", latitude=-91.0)],
                [],
                removed_events=["ev-tanf"],
            )
        assert counts(raw_sql) == before
        assert [e.event_id for e in store.events()] == ["ev-tanf"]
