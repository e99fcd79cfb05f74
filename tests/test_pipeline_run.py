"""The pipeline in process: ``sitroom.pipeline.run`` and ``run_documents`` into a real store.

Each test runs on SQLite and on PostgreSQL (``store_url``). The lexicon is compiled once for
the module; the reports are the small ones in ``tests/fixtures``.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from sitroom.model import Document, Event
from sitroom.pipeline import Pipeline, run, run_documents
from sitroom.store import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = FIXTURES / "reports"
PUBLISHED = date(2024, 1, 10)  # for the plain-text report, which carries no date


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def snapshot(store: Store) -> list[dict[str, object]]:
    return [e.as_dict() for e in store.events()]


def check_evidence(store: Store, events: list[Event]) -> None:
    for e in events:
        listed = {s.doc_id for s in e.sources}
        for ev in e.evidence:
            assert ev.doc_id in listed
            doc = store.get_document(ev.doc_id)
            assert doc is not None
            assert doc["text"][ev.start : ev.end] == ev.text


def test_pipeline_run_codes_a_folder_into_the_store(store_url: str, pipe: Pipeline) -> None:
    with open_store(store_url) as store:
        summary = run([str(REPORTS)], store, published=PUBLISHED, pipeline=pipe)
        events = store.events()
        ledger = store.documents()
        check_evidence(store, events)
    assert (summary.read, summary.stored, summary.failed) == (8, 8, 0)
    assert len(ledger) == 8 and {r.status for r in ledger} == {"ok"}
    assert summary.events_new == len(events) > 0
    assert {e.country for e in events} >= {"Iraq", "Syria", "Ukraine", "Red Sea"}
    for e in events:
        assert e.sources and e.source_count >= 1 and e.evidence


def test_pipeline_run_records_every_broken_input_and_codes_the_rest(
    store_url: str, pipe: Pipeline, tmp_path: Path
) -> None:
    shutil.copy(REPORTS / "red-sea-tanker.json", tmp_path / "good.json")
    shutil.copy(FIXTURES / "broken.json", tmp_path / "broken.json")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good_line = {"title": "Rockets at Green Village", "published": "2023-12-05", "text": (
        "Militants fired rockets at the Green Village base in eastern Syria on Monday, a U.S. official said."
    )}  # fmt: skip
    lines = [json.dumps(good_line), '{"title": "cut off", "text": "Drones', json.dumps({"title": "no text"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    inputs = [str(tmp_path / n) for n in ("good.json", "broken.json", "empty.txt", "blank.txt", "image.txt")]
    inputs += [str(tmp_path / "feed.jsonl"), str(tmp_path / "nowhere.json")]

    with open_store(store_url) as store:
        summary = run(inputs, store, pipeline=pipe)
        failed = store.documents("failed")
        ok = store.documents("ok")
        events = store.events()

    assert summary.read == summary.stored + summary.failed == len(failed) + len(ok)
    assert {(Path(r.origin).name, r.locator) for r in ok} == {("good.json", None), ("feed.jsonl", "line 1")}
    where = {(Path(r.origin).name, r.locator) for r in failed}
    assert where == {
        ("broken.json", None),
        ("empty.txt", None),
        ("blank.txt", None),
        ("image.txt", None),
        ("feed.jsonl", "line 2"),
        ("feed.jsonl", "line 3"),
        ("nowhere.json", None),
    }
    assert all(r.reason and r.doc_id is None for r in failed)
    assert sorted(summary.reasons()) == sorted(
        f"{r.origin}{' ' + r.locator if r.locator else ''}: {r.reason}" for r in failed
    )
    assert {e.country for e in events} >= {"Red Sea", "Syria"}, "the good inputs were still coded"


def test_pipeline_run_again_changes_nothing(store_url: str, pipe: Pipeline) -> None:
    with open_store(store_url) as store:
        first = run([str(REPORTS)], store, published=PUBLISHED, pipeline=pipe)
        before = snapshot(store)
        claims_before = [c.as_dict() for c in store.claims()]
        second = run([str(REPORTS)], store, published=PUBLISHED, pipeline=pipe)
        after = snapshot(store)
        claims_after = [c.as_dict() for c in store.claims()]
        statuses = [r.status for r in store.documents()]
    assert (second.read, second.stored, second.duplicates) == (first.read, 0, first.stored)
    assert (second.events_new, second.events_updated, second.mentions, second.claims) == (0, 0, 0, 0)
    assert before and after == before
    assert claims_after == claims_before
    assert statuses.count("ok") == first.stored and statuses.count("duplicate") == first.stored


def test_pipeline_run_second_report_joins_the_stored_event(store_url: str, pipe: Pipeline) -> None:
    followup = json.loads((FIXTURES / "followups" / "asad-drone-followup.json").read_text("utf-8"))
    doc = Document(
        id=Document.make_id(followup["text"], followup["title"]),
        text=followup["text"],
        title=followup["title"],
        url=followup["url"],
        publisher=followup["publisher"],
        published=date.fromisoformat(followup["published"]),
        origin="<api>",
    )
    with open_store(store_url) as store:
        run([str(REPORTS / "asad-drone.txt")], store, published=PUBLISHED, pipeline=pipe)
        (first,) = [e for e in store.events() if e.country == "Iraq"]
        summary = run_documents(store, [doc], pipeline=pipe)
        joined = [e for e in store.events() if e.country == "Iraq"]
        check_evidence(store, joined)
    assert (summary.stored, summary.events_new, summary.events_updated) == (1, 0, 1)
    assert len(joined) == 1
    (event,) = joined
    assert event.event_id == first.event_id
    assert event.source_count == 2
    assert {s.publisher for s in event.sources} == {None, "Levant Ledger"}
    assert {ev.doc_id for ev in event.evidence} == {s.doc_id for s in event.sources}
    assert (event.event_date, event.injuries, event.location) == (date(2024, 1, 9), 2, first.location)
