"""Dask scale-out's cheap paths: what travels back from a worker, tasks smaller than a batch, settings.

Each shortcut of sitroom.scale that spares the client CPU must leave the run's results as
they were: the rebuilt coded documents equal what the stages gave, a batch coded as several
tasks commits the same events, and the garbage collector is left as it was found.
"""

from __future__ import annotations

import gc
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitroom import scale
from sitroom.ingest import InputRecord, iter_inputs
from sitroom.model import Document
from sitroom.pipeline import Pipeline, code_records, run
from sitroom.store import open_store

TOWNS = ("Al-Tanf garrison", "Ain al-Asad Air Base", "Erbil Air Base", "Tower 22")


def _corpus(folder: Path, n: int = 18) -> list[str]:
    """Reports of a few events told twice, a broken line among them."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        base = TOWNS[(i // 2) % len(TOWNS)]
        text = (
            f"A one-way attack drone struck the {base} on Monday, a U.S. defense official said. "
            f"{1 + i % 3} American service members suffered minor injuries. "
            "Kataib Hezbollah claimed responsibility for the attack in a statement."
        )
        lines.append(
            json.dumps(
                {
                    "title": f"Drone hits {base} ({i})",
                    "url": f"https://wire.example/{i}",
                    "publisher": "Example Wire" if i % 2 else "Desk Daily",
                    "published": f"2024-01-{10 + (i // 2) % 6:02d}",
                    "text": text,
                }
            )
        )
        if i == 5:
            lines.append('{"title": "cut off", "text": ')
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _same_document(a: Document | None, b: Document | None) -> None:
    assert a == b
    if a is not None and b is not None:
        # compare=False fields: a mention's key must travel too, not be lost or recomputed wrongly.
        assert [m.key for m in a.mentions] == [m.key for m in b.mentions]


def test_scale_packed_results_rebuild_what_the_stages_gave(tmp_path: Path, pipeline: Pipeline) -> None:
    records = list(iter_inputs(_corpus(tmp_path / "in")))
    records.append(InputRecord("<test>", "item 1", None, "unreadable: test"))
    coded = code_records(records, pipeline)
    assert any(c.document is not None and c.document.mentions for c in coded)
    assert any(c.document is None for c in coded)
    # What a worker sends and the client rebuilds ...
    shipped = pickle.loads(scale._dumps(records))
    rebuilt = scale.unpack_coded(
        records, pickle.loads(scale.pack_coded(shipped, code_records(shipped, pipeline)))
    )
    # ... is what code_partition (every field but the stages' working state) gives.
    expected = [scale._slim(c) for c in coded]
    assert len(rebuilt) == len(expected)
    for got, want in zip(rebuilt, expected, strict=True):
        assert (got.origin, got.locator, got.doc_id, got.error) == (
            want.origin,
            want.locator,
            want.doc_id,
            want.error,
        )
        _same_document(got.document, want.document)
    # The text does not travel back: the client has it.
    text = next(r.document.text for r in records if r.document is not None)
    assert text.encode("utf-8") not in scale.pack_coded(shipped, code_records(shipped, pipeline))


def test_scale_failed_extraction_travels_as_its_reason(tmp_path: Path, pipeline: Pipeline) -> None:
    class Broken(Pipeline):
        def __init__(self) -> None:
            pass

        def process(self, doc: Document) -> Document:
            raise ValueError("no luck")

    records = list(iter_inputs(_corpus(tmp_path / "in", n=2)))
    coded = code_records(records, Broken())
    rebuilt = scale.unpack_coded(records, pickle.loads(scale.pack_coded(records, coded)))
    assert rebuilt == coded
    assert all(c.error for c in rebuilt)


def test_scale_model_records_unpickle_equal(records: Any) -> None:
    doc = records.document(mentions=2, claims=("c-1",), meta=(("feed", "wire"),))
    event = records.event(docs=[doc])
    again, event_again = pickle.loads(scale._dumps([doc, event]))
    _same_document(again, doc)
    assert event_again == event


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    pytest.importorskip("distributed")
    with scale.connect("local:2") as c:
        yield c


def test_scale_batch_coded_as_several_tasks_commits_the_same_events(
    tmp_path: Path, client: object, pipeline: Pipeline
) -> None:
    inputs = _corpus(tmp_path / "in")
    with open_store(str(tmp_path / "plain.db")) as store:
        run(inputs, store, pipeline=pipeline, batch_size=5)
        plain = [e.as_dict() for e in store.events()]
        plain_claims = [c.as_dict() for c in store.claims()]
    recipe = scale.lexicon_recipe(pipeline)
    times = scale.ClientTimes()
    frozen = gc.get_freeze_count()
    with open_store(str(tmp_path / "dask.db")) as store:
        summary = scale.run_on_cluster(
            client, iter_inputs(inputs), store, recipe, batch_size=5, partition_size=2, times=times
        )
        assert [e.as_dict() for e in store.events()] == plain
        assert [c.as_dict() for c in store.claims()] == plain_claims
    assert len(plain) >= 3 and summary.read == 19 and summary.failed == 1
    assert times.partitions == 4  # batches, each of up to three tasks
    # What the client froze for the run is handed back to the garbage collector.
    assert gc.get_freeze_count() == frozen


def test_scale_local_cluster_runs_with_quiet_housekeeping(client: object, pipeline: Pipeline) -> None:
    import dask

    seen = client.run(  # type: ignore[attr-defined]
        lambda: {key: dask.config.get(key) for key in scale.LOCAL_SETTINGS}
    )
    assert len(seen) == 2
    assert all(values == scale.LOCAL_SETTINGS for values in seen.values())
    # Once its pipeline is built, a worker's compiled lexicon is out of the collector's full passes.
    scale.warm_workers(client, scale.lexicon_recipe(pipeline))
    assert all(n > 0 for n in client.run(gc.get_freeze_count).values())  # type: ignore[attr-defined]
