"""Thousands of hostile and good inputs through ``sitroom.pipeline.run``: nothing lost, nothing raised.

``tests/hostile.py`` writes the inputs (broken JSON, binary files, XML bombs, odd encodings,
deep HTML, feeds, good reports of every format) and says which units are good. One run
into a SQLite store must then record every unit exactly once in the ledger, store and code
every good one (or record it as a duplicate of an identical good one), give every failure
its reason, and report counts that match the ledger.

The generator's reports that repeat three sentences 4,000 times on one line (1.1 MB) are
cut to a hundredth here to keep the batch quick (uncut, the 1,000-file run takes about three
times as long); one of them at full size is coded by the test at the end, under a deadline
that catches work growing faster than the report.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

import hostile
from sitroom.model import Document
from sitroom.pipeline import Pipeline, run
from sitroom.store import LedgerRow, open_store

SEED = 20240120
REPEATED = "txt_single_or_huge_line"
CUT_ABOVE = 100_000  # bytes
CUT_TO = 100  # a hundredth
HUGE_REPEATS = 4_000  # what the generator writes
DEADLINE_S = 60


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def cut_repeated_reports(folder: Path) -> int:
    """Shorten the generator's 4,000-fold repeated reports; they stay good reports."""
    cut = 0
    for path in folder.rglob(f"*{REPEATED}*"):
        data = path.read_bytes()
        if len(data) > CUT_ABOVE:
            path.write_bytes(data[: len(data) // CUT_TO])
            cut += 1
    return cut


def key(row: LedgerRow) -> str:
    return hostile.unit_key(row)


@pytest.mark.parametrize(
    "files",
    [pytest.param(1_000, id="1000-files"), pytest.param(10_000, id="10000-files", marks=pytest.mark.long)],
)
def test_pipeline_hostile_every_unit_recorded_once_and_every_good_one_coded(
    files: int, pipe: Pipeline, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    expected = hostile.generate(tmp_path / "inputs", files, seed=SEED)
    cut_repeated_reports(tmp_path / "inputs")
    with open_store(str(tmp_path / "sitroom.db")) as store:
        summary = run([str(tmp_path / "inputs")], store, pipeline=pipe)
        rows = store.documents()
        stored = store.known_documents(r.doc_id for r in rows if r.doc_id is not None)
        events = store.events()
        texts = {doc_id: store.get_document(doc_id)["text"] for doc_id in stored}
    with contextlib.closing(sqlite3.connect(tmp_path / "sitroom.db")) as conn:
        (mentions,) = conn.execute("SELECT count(*) FROM mentions").fetchone()

    # One ledger row per unit, and no row for anything that is not a unit (hidden files).
    keys = Counter(key(r) for r in rows)
    assert [k for k, n in keys.items() if n > 1] == []
    assert sorted(set(expected) - set(keys)) == []
    assert sorted(set(keys) - set(expected)) == []

    wrong = [
        (key(r), r.status, r.reason)
        for r in rows
        if (r.status == "failed") != (expected[key(r)] == hostile.BAD)
    ]
    assert wrong == [], "a good unit failed or a bad one was stored"
    ok_from = {r.doc_id: key(r) for r in rows if r.status == "ok"}
    assert len(ok_from) == sum(r.status == "ok" for r in rows), "a document stored twice as ok"
    for r in rows:
        if r.status == "failed":
            assert r.doc_id is None or r.doc_id not in stored, r
            assert r.reason and r.reason.strip() and "\n" not in r.reason, r
            assert not r.reason.startswith(("extraction failed", "internal error")), r
        else:
            assert r.reason is None and r.doc_id in stored, r
        if r.status == "duplicate":
            # The same content under another name: the copy stored is a good unit's.
            assert expected[ok_from[r.doc_id]] == hostile.GOOD, r

    statuses = Counter(r.status for r in rows)
    assert summary.read == len(rows) == len(expected)
    assert (summary.stored, summary.duplicates, summary.failed) == (
        statuses["ok"],
        statuses["duplicate"],
        statuses["failed"],
    )
    assert summary.failures == [(r.origin, r.locator, r.reason) for r in rows if r.status == "failed"]
    assert summary.mentions == mentions
    assert stored == set(ok_from)

    # The good reports were coded, and what was coded points at the words that say so.
    assert summary.events_new == len(events) > 0
    for e in events:
        assert e.sources and {s.doc_id for s in e.sources} <= stored, e.event_id
        for ev in e.evidence:
            assert texts[ev.doc_id][ev.start : ev.end] == ev.text, (e.event_id, ev)
    assert capfd.readouterr() == ("", ""), "run printed"


def _process_in_child(pipe: Pipeline, doc: Document, results: multiprocessing.Queue) -> None:
    results.put(len(pipe.process(doc).mentions))


def test_pipeline_hostile_report_repeating_itself_4000_times_is_coded(pipe: Pipeline) -> None:
    # The generator's _txt_single_or_huge_line at its large size: three sentences, 4,000 times, one line.
    rng = random.Random(SEED)
    line = " ".join(hostile.sentence(rng) for _ in range(3)) * HUGE_REPEATS
    doc = Document(id=Document.make_id(line), text=line)
    # A forked child, so that a stage that never ends can be stopped; the deadline is a guard
    # against a hang (linear work on this report takes seconds), not a measure of speed.
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_process_in_child, args=(pipe, doc, results))
    child.start()
    child.join(DEADLINE_S)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(
            f"Pipeline.process had not finished a {len(line):,}-character report after {DEADLINE_S} s"
        )
    assert child.exitcode == 0
    assert results.get(timeout=5) > 0
