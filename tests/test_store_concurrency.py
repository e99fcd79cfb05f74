"""Two OS processes writing overlapping batches to one database at the same moment.

Each process opens the not-yet-created database itself (so both race to create
the schema) and writes its half of the reports; the halves share twenty
reports, their events, mentions, claims and ledger rows. Afterwards every row
is there once: nothing lost, nothing doubled, and no process saw an error.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from sitroom.store import LedgerRow, open_store
from sitroom.store.migrations import MIGRATIONS

REPORTS = 80
FIRST_HALF = range(0, 50)
SECOND_HALF = range(30, 80)  # reports 30-49 are written by both
PER_BATCH = 4  # two events of two reports each: an event's reports never straddle two batches
JOIN_TIMEOUT_S = 120
SAME_INPUT_WRITERS = 4


def write_batches(url: str, batches: list[dict[str, Any]], start: Any) -> None:
    """The body of each writer process."""
    start.wait(timeout=JOIN_TIMEOUT_S)
    with open_store(url) as store:
        for batch in batches:
            store.write_batch(**batch)


def build(records) -> tuple[list, list, list[LedgerRow]]:
    docs = [
        records.document(
            f"Report {i}: drones struck outpost {i // 2} at dawn; more than 110 attacks so far.",
            mentions=2,
            claims=["claim-shared", f"claim-{i}"],
        )
        for i in range(REPORTS)
    ]
    events = [records.event(f"ev-{k:03d}", docs=docs[2 * k : 2 * k + 2]) for k in range(REPORTS // 2)]
    ledger = [
        LedgerRow("feed.xml", f"item {i}", d.id, "ok", None, "2024-01-20T08:00:00+00:00")
        for i, d in enumerate(docs)
    ]
    return docs, events, ledger


def batches_for(indices: range, docs, events, ledger) -> list[dict[str, Any]]:
    mentions_of = {d.id: d.mentions for d in docs}
    batches = []
    for lo in range(indices.start, indices.stop, PER_BATCH):
        chunk = range(lo, min(lo + PER_BATCH, indices.stop))
        chunk_events = [events[k] for k in sorted({i // 2 for i in chunk})]
        links = [(e.event_id, m.key) for e in chunk_events for s in e.sources for m in mentions_of[s.doc_id]]
        batches.append(
            {
                "ledger": [ledger[i] for i in chunk],
                "documents": [docs[i] for i in chunk],
                "events": chunk_events,
                "links": links,
            }
        )
    return batches


def run_writers(url: str, work: list[list[dict[str, Any]]]) -> list[int | None]:
    """Start one spawned process per list of batches, all released at once; their exit codes."""
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(len(work))
    procs = [ctx.Process(target=write_batches, args=(url, batches, start)) for batches in work]
    for p in procs:
        p.start()
    for p in procs:
        p.join(JOIN_TIMEOUT_S)
        if p.is_alive():  # hung: fail the test rather than the whole run
            p.kill()
            p.join()
    return [p.exitcode for p in procs]


def test_store_concurrent_writers_overlapping_batches(store_url, raw_sql, records):
    docs, events, ledger = build(records)
    first = batches_for(FIRST_HALF, docs, events, ledger)
    # The second writer goes backwards, so the two meet in the shared reports while both are writing.
    second = batches_for(SECOND_HALF, docs, events, ledger)[::-1]

    exit_codes = run_writers(store_url, [first, second])
    assert exit_codes == [0, 0], "a writer failed (its traceback is in the captured stderr)"

    expected = {
        "documents": REPORTS,
        "mentions": 2 * REPORTS,
        "event_mentions": 2 * REPORTS,
        "events": REPORTS // 2,
        "event_sources": REPORTS,
        "evidence": REPORTS,
        "ledger": REPORTS,
        "claims": REPORTS + 1,
        "claim_sources": 2 * REPORTS,
        "schema_version": len(MIGRATIONS),
    }
    assert {t: raw_sql(f"SELECT count(*) FROM {t}")[0][0] for t in expected} == expected
    distinct_ledger = raw_sql(
        "SELECT count(*) FROM (SELECT DISTINCT origin, locator, doc_id, status FROM ledger) AS once"
    )
    assert distinct_ledger == [(REPORTS,)]

    with open_store(store_url) as store:
        assert store.events() == events
        assert store.known_documents(d.id for d in docs) == {d.id for d in docs}
        claims = {c.claim_id: c for c in store.claims()}
        assert claims["claim-shared"].doc_ids == tuple(sorted(d.id for d in docs))
        linked = {m.key: event_id for m, event_id in store.mentions()}
    assert linked == {m.key: f"ev-{i // 2:03d}" for i, d in enumerate(docs) for m in d.mentions}


def test_store_concurrent_writers_same_batches(store_url, raw_sql, records):
    """Several processes re-running the very same input at once store it once."""
    docs, events, ledger = build(records)
    batches = batches_for(range(0, 24), docs, events, ledger)
    assert run_writers(store_url, [batches] * SAME_INPUT_WRITERS) == [0] * SAME_INPUT_WRITERS
    assert raw_sql("SELECT count(*) FROM documents") == [(24,)]
    assert raw_sql("SELECT count(*) FROM ledger") == [(24,)]
    assert raw_sql("SELECT count(*) FROM event_sources") == [(24,)]
    assert raw_sql("SELECT count(*) FROM claim_sources") == [(48,)]
    with open_store(store_url) as store:
        assert store.events() == events[:12]
