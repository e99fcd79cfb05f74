"""Dask scale-out: the same events as a plain run, committed in order, lexicon built once per worker.

The client commits to the store, so every test with a store runs on SQLite and on PostgreSQL
(``store_url``).
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitroom import scale
from sitroom.cli import app
from sitroom.errors import ConfigError
from sitroom.ingest import iter_inputs
from sitroom.pipeline import Pipeline
from sitroom.store import open_store

pytest.importorskip("distributed")

BASES = ("Al-Tanf garrison", "Ain al-Asad Air Base", "Erbil Air Base", "Al-Shaddadi base", "Tower 22")
GROUPS = ("Islamic Resistance in Iraq", "Kataib Hezbollah", "Harakat Hezbollah al-Nujaba")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday")


def _story(n: int, base: str, group: str, day: str, published: str, hurt: int) -> dict[str, str]:
    text = (
        f"A one-way attack drone struck the {base} on {day}, a U.S. defense official said. "
        f"{hurt} American service members suffered minor injuries. "
        f"The {group} claimed responsibility for the attack in a statement."
    )
    return {
        "title": f"Drone hits {base} (report {n})",
        "url": f"https://wire.example/{n}",
        "publisher": "Example Wire" if n % 2 else "Desk Daily",
        "published": published,
        "text": text,
    }


def write_corpus(folder: Path) -> list[str]:
    """Twenty reports over five bases, two of every three telling an event another report told,
    a repeated report, a broken line and a plain-text report: batches that fuse across each other."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for n in range(20):
        base = BASES[(n // 3) % len(BASES)]
        published = f"2024-01-{12 + (n // 3) % 5:02d}"
        lines.append(json.dumps(_story(n, base, GROUPS[n % 3], WEEKDAYS[(n // 3) % 4], published, 1 + n % 4)))
        if n == 7:
            lines.append(lines[2])  # the same report again, later in the stream
        if n == 11:
            lines.append('{"title": "cut off", "text": ')
    (folder / "a-wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b-note.txt").write_text(
        "Rockets fired at Ain al-Asad\nSeveral rockets were fired at Ain al-Asad Air Base in western Iraq "
        "on Wednesday, officials said. No casualties were reported.\n",
        encoding="utf-8",
    )
    return [str(folder)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with scale.connect("local:2") as c:
        yield c


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_scale_dask_run_gives_the_events_of_a_plain_run(
    tmp_path: Path, store_url: str, new_store_url: Callable[[], str], client: Any
) -> None:
    inputs = write_corpus(tmp_path / "in")
    plain, dask = store_url, new_store_url()
    # Both forms of --dask: on SQLite the run starts its own local cluster; on PostgreSQL it joins
    # the module's running cluster by its address, whose workers have built their pipelines already
    # (a second local cluster would double the slowest test here to check nothing more).
    scheduler = "local:2" if store_url.startswith("sqlite") else client.scheduler_info()["address"]
    plain_line = _cli("run", *inputs, "--db", plain, "--batch-size", "3", "--published", "2024-01-20", "-q")
    dask_line = _cli(
        "run", *inputs, "--db", dask, "--batch-size", "3", "--published", "2024-01-20", "--dask", scheduler
    )
    events = _cli("events", "--db", plain, "--format", "jsonl")
    assert events.count("\n") >= 5
    assert _cli("events", "--db", dask, "--format", "jsonl") == events
    assert _cli("claims", "--db", dask, "--format", "jsonl") == _cli(
        "claims", "--db", plain, "--format", "jsonl"
    )
    ledger = [
        [
            (r["origin"], r["locator"], r["doc_id"], r["status"], r["reason"])
            for r in map(json.loads, out.splitlines())
        ]
        for out in (_cli("documents", "--db", db, "--format", "jsonl") for db in (plain, dask))
    ]
    assert ledger[0] == ledger[1]
    assert {r[3] for r in ledger[0]} == {"ok", "duplicate", "failed"}
    # The summary line differs only in the time it took.
    assert dask_line.rsplit(" in ", 1)[0] == plain_line.rsplit(" in ", 1)[0]


def test_scale_rerun_stores_nothing_new(
    tmp_path: Path, store_url: str, client: object, pipeline: Pipeline
) -> None:
    inputs = write_corpus(tmp_path / "in")
    recipe = scale.lexicon_recipe(pipeline)
    with open_store(store_url) as store:
        first = scale.run_on_cluster(client, iter_inputs(inputs), store, recipe, batch_size=4)
        events = [e.as_dict() for e in store.events()]
        again = scale.run_on_cluster(client, iter_inputs(inputs), store, recipe, batch_size=4)
        assert [e.as_dict() for e in store.events()] == events
    assert first.stored > 0 and first.events_new > 0
    assert (again.stored, again.events_new, again.events_updated) == (0, 0, 0)
    assert again.duplicates == first.stored + first.duplicates


def test_scale_client_reads_no_further_ahead_than_the_partitions_in_flight(
    tmp_path: Path, store_url: str, client: object, pipeline: Pipeline
) -> None:
    inputs = write_corpus(tmp_path / "in")
    pulled = 0
    ahead: list[int] = []

    def counted() -> Iterator[object]:
        nonlocal pulled
        for record in iter_inputs(inputs):
            pulled += 1
            yield record

    committed = 0

    def progress(n: int) -> None:
        nonlocal committed
        committed += n
        ahead.append(pulled - committed)

    recipe = scale.lexicon_recipe(pipeline)
    with open_store(store_url) as store:
        summary = scale.run_on_cluster(
            client, counted(), store, recipe, batch_size=2, in_flight=2, progress=progress
        )
    assert summary.read == pulled == committed == 23
    # At a commit, at most the other partition in flight (2 records) has been read past it.
    assert max(ahead) <= 2
    assert len(ahead) == 12


def test_scale_each_worker_builds_its_pipeline_once(
    tmp_path: Path, client: object, pipeline: Pipeline
) -> None:
    recipe = scale.lexicon_recipe(pipeline)
    records = list(iter_inputs(write_corpus(tmp_path / "in")))
    futures = [
        client.submit(scale.code_partition, recipe, records[i : i + 3], pure=False) for i in range(0, 21, 3)
    ]
    coded = [c for f in futures for c in f.result()]
    assert len(coded) == 21 and any(c.document is not None and c.document.mentions for c in coded)
    # Several partitions per worker, one compiled pipeline per worker process.
    built = client.run(lambda: (os.getpid(), len(scale._PIPELINES), id(scale.worker_pipeline(recipe))))
    again = client.run(lambda: (os.getpid(), len(scale._PIPELINES), id(scale.worker_pipeline(recipe))))
    assert len(built) == 2 and built == again
    assert all(n == 1 for _, n, _ in built.values())
    assert len({pid for pid, _, _ in built.values()}) == 2


def test_scale_packaged_lexicon_travels_as_a_marker(pipeline: Pipeline, tmp_path: Path) -> None:
    assert scale.lexicon_recipe(pipeline)[0] == scale.PACKAGED
    assert scale.lexicon_recipe(None)[0] == scale.PACKAGED


def test_scale_worker_without_the_lexicon_folder_fails_at_the_start(client: object, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="could not load the lexicon"):
        scale.warm_workers(client, (scale.PACKAGED, str(tmp_path / "no-such-theatre")))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("local", os.cpu_count() or 1),
        ("local:3", 3),
        (" local:1 ", 1),
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("127.0.0.1:8786", "127.0.0.1:8786"),
    ],
)
def test_scale_scheduler_argument_read(value: str, expected: object) -> None:
    assert scale.parse_scheduler(value) == expected


@pytest.mark.parametrize("value", ["local:0", "local:two", "lokal", "tcp://host", "", "http://"])
def test_scale_scheduler_argument_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="--dask"):
        scale.parse_scheduler(value)


def test_scale_unreachable_scheduler_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_url: str
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(scale, "CONNECT_TIMEOUT_S", 2)
    result = CliRunner().invoke(
        app, ["run", str(tmp_path), "--db", store_url, "--dask", f"tcp://127.0.0.1:{port}"]
    )
    assert result.exit_code == 2
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in result.stderr
