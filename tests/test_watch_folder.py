"""Watching a folder: new and changed files only, remembered across restarts, Ctrl-C stops cleanly.

What a watch remembers lives in the store, so every test with a store runs on SQLite and on
PostgreSQL (``store_url``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitroom.errors import ConfigError
from sitroom.pipeline import Pipeline
from sitroom.store import open_store
from sitroom.watch import Poll, parse_interval, watch_source

SRC = Path(__file__).resolve().parents[1] / "src"

TANF = (
    "Drone attack hits Al-Tanf garrison\n"
    "A one-way attack drone struck the Al-Tanf garrison in southern Syria on Thursday, a U.S. defense "
    "official said. Two American service members suffered minor injuries. The Islamic Resistance in Iraq "
    "claimed responsibility for the attack in a statement.\n"
)
ASAD = (
    "Rockets fired at Ain al-Asad\n"
    "Several rockets were fired at Ain al-Asad Air Base in western Iraq on Wednesday, officials said. "
    "No casualties were reported. Kataib Hezbollah was blamed for the attack.\n"
)
ERBIL = (
    '{"title": "Drones over Erbil", "published": "2024-01-20", "text": "Two drones attacked Erbil Air Base '
    'in northern Iraq on Friday, the coalition said. Both were shot down and nobody was hurt."}\n'
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def poll(folder: Path, db: str, pipeline: Pipeline) -> tuple[Poll, list[str]]:
    lines: list[str] = []
    with open_store(db) as store:
        result = watch_source(
            str(folder), store, 60, pipeline=pipeline, once=True, echo=lines.append, settle=0
        )
    assert result is not None
    return result, lines


def ledger_size(db: str) -> int:
    with open_store(db) as store:
        return len(store.documents())


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("30s", 30),
        ("5m", 300),
        ("1h", 3600),
        ("90", 90),
        ("1.5m", 90),
        (" 2d ", 172800),
        ("10 sec", 10),
        ("2M", 120),
    ],
)
def test_watch_interval_read(value: str, seconds: float) -> None:
    assert parse_interval(value) == seconds


@pytest.mark.parametrize("value", ["", "abc", "0", "0s", "-5s", "5x", "1e3", "5 m 3", "m"])
def test_watch_interval_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="--every"):
        parse_interval(value)


def test_watch_folder_reads_only_what_is_new(tmp_path: Path, store_url: str, pipeline: Pipeline) -> None:
    inbox, db = tmp_path / "inbox", store_url
    inbox.mkdir()
    (inbox / "tanf.txt").write_text(TANF, encoding="utf-8")
    (inbox / ".partial.txt").write_text(ASAD[:40], encoding="utf-8")  # a writer's hidden temporary file
    first, lines = poll(inbox, db, pipeline)
    assert (first.read, first.stored, first.failed) == (1, 1, 0)
    assert first.events_new >= 1
    assert len(lines) == 1 and "1 read, 1 new" in lines[0]
    assert "arrival to stored: median" in lines[0] and lines[0].endswith(" ms")

    (inbox / "asad.txt").write_text(ASAD, encoding="utf-8")
    (inbox / "more").mkdir()
    (inbox / "more" / "erbil.jsonl").write_text(ERBIL, encoding="utf-8")
    second, _ = poll(inbox, db, pipeline)
    assert (second.read, second.stored, second.duplicates) == (2, 2, 0)
    with open_store(db) as store:
        origins = sorted(os.path.basename(r.origin) for r in store.documents())
    assert origins == ["asad.txt", "erbil.jsonl", "tanf.txt"]


def test_watch_folder_restart_does_not_read_everything_again(
    tmp_path: Path, store_url: str, pipeline: Pipeline
) -> None:
    inbox, db = tmp_path / "inbox", store_url
    inbox.mkdir()
    (inbox / "tanf.txt").write_text(TANF, encoding="utf-8")
    (inbox / "asad.txt").write_text(ASAD, encoding="utf-8")
    poll(inbox, db, pipeline)
    rows = ledger_size(db)
    again, lines = poll(inbox, db, pipeline)  # a new process would open the store afresh, as here
    assert again.unchanged and lines[0].endswith(": nothing new")
    assert ledger_size(db) == rows


def test_watch_folder_changed_file_is_read_again(tmp_path: Path, store_url: str, pipeline: Pipeline) -> None:
    inbox, db = tmp_path / "inbox", store_url
    inbox.mkdir()
    report = inbox / "tanf.txt"
    report.write_text(TANF, encoding="utf-8")
    poll(inbox, db, pipeline)
    report.write_text(TANF.replace("Two American", "Three American"), encoding="utf-8")
    changed, _ = poll(inbox, db, pipeline)
    assert (changed.read, changed.stored) == (1, 1)
    # Touched but the same words: read, found stored, nothing new.
    future = time.time() + 5
    os.utime(report, (future, future))
    touched, lines = poll(inbox, db, pipeline)
    assert (touched.read, touched.stored, touched.duplicates) == (1, 0, 1)
    assert "median" not in lines[0]


def test_watch_folder_file_still_being_written_waits_for_the_next_poll(
    tmp_path: Path, store_url: str, pipeline: Pipeline
) -> None:
    inbox, db = tmp_path / "inbox", store_url
    inbox.mkdir()
    growing = inbox / "tanf.txt"
    growing.write_text(TANF[:50], encoding="utf-8")

    lines: list[str] = []
    with open_store(db) as store:
        # The writer appends while the poll lets fresh files settle.
        real_sleep = time.sleep

        def sleep_and_write(seconds: float) -> None:
            real_sleep(seconds)
            if growing.stat().st_size < len(TANF):
                growing.write_text(TANF, encoding="utf-8")

        mp = pytest.MonkeyPatch()
        mp.setattr("sitroom.watch.time.sleep", sleep_and_write)
        try:
            first = watch_source(
                str(inbox), store, 60, pipeline=pipeline, once=True, echo=lines.append, settle=0.3
            )
        finally:
            mp.undo()
        assert first is not None and first.read == 0
        second = watch_source(
            str(inbox), store, 60, pipeline=pipeline, once=True, echo=lines.append, settle=0
        )
        assert second is not None and second.stored == 1
        stored = store.documents()
    assert len(stored) == 1 and stored[0].status == "ok"


@pytest.mark.parametrize("source", ["ftp://files.example/feed.xml", "no/such/folder"])
def test_watch_refuses_what_it_cannot_watch(source: str, store_url: str, pipeline: Pipeline) -> None:
    with open_store(store_url) as store, pytest.raises(ConfigError, match="cannot watch"):
        watch_source(source, store, 60, pipeline=pipeline, once=True)


def test_watch_folder_gone_is_a_failed_poll_not_a_crash(
    tmp_path: Path, store_url: str, pipeline: Pipeline
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines: list[str] = []
    with open_store(store_url) as store:
        calls = []

        def remove_then_echo(line: str) -> None:
            lines.append(line)
            calls.append(line)
            if len(calls) == 2:  # after the opening line and the first poll's
                inbox.rmdir()

        watch_source(str(inbox), store, 0.01, pipeline=pipeline, echo=remove_then_echo, max_polls=2, settle=0)
    assert lines[1].endswith(": nothing new")
    assert "poll failed: cannot list" in lines[2]


def test_watch_cli_ctrl_c_stops_cleanly(tmp_path: Path, store_url: str) -> None:
    inbox, db = tmp_path / "inbox", store_url
    inbox.mkdir()
    (inbox / "tanf.txt").write_text(TANF, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitroom.cli", "watch", str(inbox), "--db", db, "--every", "1s"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        seen = [proc.stdout.readline(), proc.stdout.readline()]
        assert seen[0].startswith(f"watching {inbox} every 1 s")
        assert "1 read, 1 new" in seen[1]
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert out.strip().splitlines()[-1] == "watch stopped"
    assert ledger_size(db) == 1
