"""``kill -9`` at any moment: the database stays whole and the same command finishes the work.

``sitroom run FOLDER --db X --batch-size 100 -q`` runs as a child process over a corpus of
thousands of documents made by varying the bundled example reports (each variant keeps a
report's lead and one further line, dated a few days later than the one before, and the
feed is written in date order as a wire would deliver it). The child is killed with SIGKILL
at chosen moments, found by polling the database from another connection. After each kill
the database must be consistent: nothing half-written, no event without its sources or
mentions, no mention without its document, no ledger row twice. Running the same command
again must then give exactly what an uninterrupted run gives: the same events (ids, fields,
sources), the same claims, and a ledger that accounts for every input once.

The uninterrupted run goes on in parallel with the killed ones, in its own database.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sitroom.ingest import iter_inputs

SRC = Path(__file__).resolve().parents[1] / "src"
EXAMPLES = SRC / "sitroom" / "examples"
BATCH = 100
# Only the plain-text variants take it: every JSON document carries its own date.
PUBLISHED = "2024-01-10"
BIG_CORPUS = 3000
SMALL_CORPUS = 600
RUN_TIMEOUT_S = 300
POLL_S = 0.02

SUMMARY_LINE = "documents read"


@dataclass(frozen=True, slots=True)
class Corpus:
    """A folder of inputs and what reading it must give."""

    folder: Path
    documents: int  # distinct documents, each stored once
    units: int  # input units: documents, their repeats and the broken lines


def _example_documents() -> list[dict[str, Any]]:
    """The bundled example reports as document objects, each with a publication date."""
    dated = json.loads((EXAMPLES / "published.json").read_text(encoding="utf-8"))
    by_name = {Path(k).name: date.fromisoformat(v) for k, v in dated.items()}
    out = []
    for record in iter_inputs([str(EXAMPLES / "reports")]):
        doc = record.document
        assert doc is not None, record.error
        # Encyclopedia pages carry no date; any fixed one keeps their variants apart in time.
        published = doc.published or by_name.get(Path(record.origin).name) or date(2024, 1, 10)
        out.append({"title": doc.title, "publisher": doc.publisher, "published": published, "text": doc.text})
    return out


def build_corpus(folder: Path, documents: int) -> Corpus:
    """Write ``documents`` distinct reports, a repeated file and broken lines under ``folder``.

    Most documents go into JSON Lines files of 100 lines (each with one truncated line and
    a blank one), the rest into single .json and .txt files; ``zz-again.jsonl`` repeats the
    second JSON Lines file, so its documents are read twice and stored once.
    """
    examples = _example_documents()
    objects = []
    for k in range(documents):
        base = examples[k % len(examples)]
        v = k // len(examples)
        lines = [line for line in base["text"].split("\n") if line.strip()]
        kept = lines[:2] + ([lines[2 + v % (len(lines) - 2)]] if len(lines) > 2 else [])
        objects.append(
            {
                "title": f"{base['title'] or 'Report'} (bulletin {v + 1})",
                "url": f"https://wire.example/{k}",
                "publisher": base["publisher"],
                "published": (base["published"] + timedelta(days=5 * v)).isoformat(),
                "text": "\n\n".join(kept),
            }
        )
    # A wire delivers in date order; fusion then compares each batch with recent events only.
    objects.sort(key=lambda o: (o["published"], o["url"]))
    folder.mkdir(parents=True)
    in_lines = documents * 4 // 5
    broken = 0
    parts = []
    for n, start in enumerate(range(0, in_lines, BATCH)):
        lines = [json.dumps(o, ensure_ascii=False) for o in objects[start : min(start + BATCH, in_lines)]]
        lines.insert(len(lines) // 2, json.dumps(objects[start])[:40])  # cut off mid-string
        lines.insert(3, "")
        broken += 1
        parts.append(folder / f"part-{n:03d}.jsonl")
        parts[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n, o in enumerate(objects[in_lines:]):
        if n % 2:
            (folder / f"doc-{n:04d}.json").write_text(json.dumps(o, ensure_ascii=False), encoding="utf-8")
        else:
            # A plain-text report: its title on the first line, dated by --published.
            text = f"{o['title']}\n\n{o['text']}\n"
            (folder / f"doc-{n:04d}.txt").write_text(text, encoding="utf-8")
    again = parts[1].read_text(encoding="utf-8")
    (folder / "zz-again.jsonl").write_text(again, encoding="utf-8")
    repeated = sum(1 for line in again.splitlines() if line.strip())
    return Corpus(folder, documents, documents + broken + repeated)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("kill") / "inputs", BIG_CORPUS)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("kill-small") / "inputs", SMALL_CORPUS)


@pytest.fixture
def reference_url(store_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second fresh database on the same backend as ``store_url``, for the uninterrupted run."""
    if store_url.startswith("sqlite:///"):
        yield f"sqlite:///{tmp_path / 'reference.db'}"
        return
    server = request.getfixturevalue("pg_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


# -- the child process -------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITROOM_DB", "SITROOM_LEXICON")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    return env


def run_args(corpus: Corpus, url: str) -> list[str]:
    """The one command every run here uses, killed or not."""
    return [
        "run",
        str(corpus.folder),
        "--db",
        url,
        "--batch-size",
        str(BATCH),
        "-q",
        "--published",
        PUBLISHED,
    ]


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    # Output goes to a file: a pipe nobody reads could fill and stall the child.
    with open(log, "wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "sitroom.cli", *args],
            env=_env(),
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )


def cli(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "sitroom.cli", *args],
        env=_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode("utf-8")


def finish(proc: subprocess.Popen[bytes], log: Path) -> str:
    """Wait for a run that is not killed; it exits 1 because the corpus holds broken lines."""
    rc = proc.wait(timeout=RUN_TIMEOUT_S)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert rc == 1 and SUMMARY_LINE in text, text[-3000:]
    return text


def kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], log: Path, moment: str) -> None:
    """SIGKILL the child as soon as ``ready()`` holds; fail if it finishes first."""
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"the run ended before the kill point ({moment}): {log.read_text()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the kill point ({moment}) never came")
        time.sleep(POLL_S)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL, f"the run had already ended at {moment}"


# -- reading the database from outside --------------------------------------------


def sql(url: str, query: str) -> list[tuple[Any, ...]] | None:
    """Rows of ``query`` on the database at ``url``; None while it (or its schema) does not exist yet."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if not os.path.exists(path):
            return None  # connecting would create the file under the child's feet
        try:
            with contextlib.closing(sqlite3.connect(path, timeout=0.2)) as conn:
                return [tuple(r) for r in conn.execute(query).fetchall()]
        except sqlite3.OperationalError:
            return None  # no such table yet, or the file is being switched to WAL
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            return [tuple(r) for r in conn.execute(query.encode()).fetchall()]
    except psycopg.errors.UndefinedTable:
        return None


def count(url: str, table: str) -> int:
    rows = sql(url, f"SELECT count(*) FROM {table}")
    return 0 if rows is None else int(rows[0][0])


# Each query counts rows that break an invariant: all must be 0 after any kill.
BROKEN = {
    "event without a source": "SELECT count(*) FROM events e WHERE NOT EXISTS "
    "(SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id)",
    "event without a linked mention": "SELECT count(*) FROM events e WHERE NOT EXISTS "
    "(SELECT 1 FROM event_mentions l WHERE l.event_id = e.event_id)",
    "event without evidence": "SELECT count(*) FROM events e WHERE NOT EXISTS "
    "(SELECT 1 FROM evidence v WHERE v.event_id = e.event_id)",
    "mention without its document": "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
    "(SELECT 1 FROM documents d WHERE d.id = m.doc_id)",
    "mention linked to no event": "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
    "(SELECT 1 FROM event_mentions l WHERE l.mention_key = m.key)",
    "event source not stored": "SELECT count(*) FROM event_sources s WHERE NOT EXISTS "
    "(SELECT 1 FROM documents d WHERE d.id = s.doc_id)",
    "ledger row twice": "SELECT count(*) FROM (SELECT 1 FROM ledger "
    "GROUP BY origin, locator, doc_id, status HAVING count(*) > 1) twice",
    "document without exactly one ok row": "SELECT count(*) FROM documents d WHERE "
    "(SELECT count(*) FROM ledger l WHERE l.doc_id = d.id AND l.status = 'ok') <> 1",
    "ok row without its document": "SELECT count(*) FROM ledger l WHERE l.status = 'ok' AND NOT EXISTS "
    "(SELECT 1 FROM documents d WHERE d.id = l.doc_id)",
    "failure without a reason": "SELECT count(*) FROM ledger WHERE status = 'failed' "
    "AND (reason IS NULL OR reason = '')",
}


def check_consistent(url: str, moment: str) -> None:
    """What a kill must never leave behind; a database not yet created passes."""
    if sql(url, "SELECT count(*) FROM schema_version") is None:
        if url.startswith("sqlite:///"):
            # Killed before the schema committed: whatever file exists must still be sound.
            assert sql(url, "PRAGMA integrity_check") in (None, [("ok",)]), moment
        return
    if url.startswith("sqlite:///"):
        assert sql(url, "PRAGMA integrity_check") == [("ok",)], moment
        assert sql(url, "PRAGMA foreign_key_check") == [], moment
    found = {name: sql(url, query) for name, query in BROKEN.items()}
    assert [name for name, rows in found.items() if rows is None] == [], "a check could not run"
    assert {name: rows[0][0] for name, rows in found.items() if rows and rows[0][0]} == {}, moment


def ledger(url: str) -> dict[tuple[str, str | None], list[tuple[str | None, str, str | None]]]:
    """(origin, locator) -> its rows' (doc_id, status, reason)."""
    units: dict[tuple[str, str | None], list[tuple[str | None, str, str | None]]] = defaultdict(list)
    for origin, locator, doc_id, status, reason in (
        sql(url, "SELECT origin, locator, doc_id, status, reason FROM ledger ORDER BY id") or []
    ):
        units[(origin, locator)].append((doc_id, status, reason))
    return units


def check_same_as_uninterrupted(url: str, reference: str, corpus: Corpus) -> None:
    """The resumed database holds what the uninterrupted one holds, the ledger aside from re-reads."""
    events = cli("events", "--db", url, "--format", "jsonl")
    expected_events = cli("events", "--db", reference, "--format", "jsonl")
    assert expected_events.strip(), "the uninterrupted run found no events"
    if events != expected_events:
        got = {e["event_id"]: e for e in map(json.loads, events.splitlines())}
        want = {e["event_id"]: e for e in map(json.loads, expected_events.splitlines())}
        assert sorted(got) == sorted(want), "not the same event ids"
        assert [got[k] for k in sorted(got)] == [want[k] for k in sorted(want)]
        pytest.fail("the same events, in another order")
    assert cli("claims", "--db", url, "--format", "jsonl") == cli(
        "claims", "--db", reference, "--format", "jsonl"
    )
    assert count(url, "documents") == count(reference, "documents") == corpus.documents

    resumed, uninterrupted = ledger(url), ledger(reference)
    assert len(uninterrupted) == corpus.units
    assert sorted(resumed) == sorted(uninterrupted), "not the same input units"
    for unit, [(doc_id, status, reason)] in uninterrupted.items():
        rows = resumed[unit]
        if status == "ok":
            # Read again after the kill, a stored document is also recorded as a duplicate.
            assert [r for r in rows if r[1] == "ok"] == [(doc_id, "ok", None)], unit
            assert {r[1] for r in rows} <= {"ok", "duplicate"} and {r[0] for r in rows} == {doc_id}, unit
        else:
            assert rows == [(doc_id, status, reason)], unit
    ok = Counter(r[0] for rows in resumed.values() for r in rows if r[1] == "ok")
    assert set(ok.values()) == {1} and len(ok) == corpus.documents


# -- the tests ---------------------------------------------------------------------


def test_crash_kill_mid_run_then_rerun_matches_uninterrupted(
    small_corpus: Corpus, store_url: str, reference_url: str, tmp_path: Path
) -> None:
    reference = start(run_args(small_corpus, reference_url), tmp_path / "reference.log")
    log = tmp_path / "killed.log"
    proc = start(run_args(small_corpus, store_url), log)
    half = small_corpus.documents // 2
    kill_when(proc, lambda: count(store_url, "documents") >= half, log, "half the documents stored")
    check_consistent(store_url, "killed mid-run")
    assert half <= count(store_url, "documents") < small_corpus.documents
    # Every batch of a first run writes one ledger row per input unit: 100, or none at all.
    assert count(store_url, "ledger") % BATCH == 0, "a batch was stored in part"

    finish(start(run_args(small_corpus, store_url), log), log)
    finish(reference, tmp_path / "reference.log")
    check_consistent(store_url, "after the re-run")
    check_same_as_uninterrupted(store_url, reference_url, small_corpus)


@pytest.mark.slow
def test_crash_kill_at_every_moment_then_rerun_matches_uninterrupted(
    big_corpus: Corpus, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    reference = start(run_args(big_corpus, reference_url), tmp_path / "reference.log")
    db = Path(url.removeprefix("sqlite:///"))
    docs = big_corpus.documents
    started: list[float] = []

    def after(seconds: float) -> Callable[[], bool]:
        return lambda: time.monotonic() - started[-1] >= seconds

    def ledger_grew() -> Callable[[], bool]:
        before = count(url, "ledger")
        return lambda: count(url, "ledger") > before

    # Each kill falls in the run started after the previous one: a re-run is killed too.
    moments: list[tuple[str, Callable[[], Callable[[], bool]]]] = [
        ("0.5 s after the start", lambda: after(0.5)),
        ("as soon as the database exists", lambda: lambda: count(url, "schema_version") > 0),
        ("right after the first batch commits", ledger_grew),
        ("half the documents stored", lambda: lambda: count(url, "documents") >= docs // 2),
        ("two batches before the end", lambda: lambda: count(url, "documents") >= docs - 2 * BATCH),
    ]
    log = tmp_path / "killed.log"
    for moment, make_ready in moments:
        ready = make_ready()
        started.append(time.monotonic())
        kill_when(start(run_args(big_corpus, url), log), ready, log, moment)
        check_consistent(url, moment)
        if db.exists() and count(url, "schema_version"):
            assert count(url, "documents") < docs, f"killed {moment}, yet everything was stored"

    finish(start(run_args(big_corpus, url), log), log)
    finish(reference, tmp_path / "reference.log")
    check_consistent(url, "after the last re-run")
    check_same_as_uninterrupted(url, reference_url, big_corpus)
