"""The command line end to end: ``sitroom`` run as a user runs it, in a child process.

Every input format goes in (plain text dated by --published, a JSON object, a JSON array,
JSON Lines through a glob, an HTML page, RSS and Atom feeds, a folder, standard input), and
what a user reads comes out: the summary line, the failure lines, the exit codes, the
exports. Loading the lexicon costs seconds per process, so one module fixture codes the
inputs three times (everything, everything again, then standard input) and the tests read
the database it leaves: once on a SQLite file, once on a PostgreSQL database
(``module_store_url``), each named to ``--db`` by its URL.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import sitroom
from sitroom.export import ACLED_COLUMNS
from sitroom.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
SRC = Path(__file__).resolve().parents[1] / "src"

SUMMARY = re.compile(
    r"(?P<read>\d+) documents read, (?P<new>\d+) new, (?P<stored>\d+) already stored, (?P<failed>\d+) failed, "
    r"(?P<mentions>\d+) mentions, (?P<events_new>\d+) new events, (?P<events_updated>\d+) events updated, "
    r"(?P<claims>\d+) claims, in \d+\.\d s"
)
EVENT_KEYS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "actor2", "assoc_actor_2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "injuries", "weapons", "claimed_by", "sources", "source_count", "notes",
    "evidence", "confidence",
)  # fmt: skip
CLAIM_KEYS = (
    "claim_id", "subject", "quantity", "qualifier", "unit", "period_start", "as_of", "attributed_to",
    "doc_id", "evidence",
)  # fmt: skip
# Run A and B: a folder (text, JSON object and array, HTML, RSS, Atom), a glob of JSON Lines,
# a truncated JSON file and a path that does not exist.
INPUTS = ("reports", "briefs/*.jsonl", "broken.json", "missing.txt", "--published", "2024-01-10")
GOOD_DOCUMENTS = 10  # 1 txt + 1 json + 2 in the array + 1 html + 2 rss items + 1 atom entry + 2 jsonl lines
STDIN_REPORT = (
    "Drones hit oil depot in Belgorod region\n\n"
    "Ukrainian drones struck an oil depot in the Belgorod region of Russia on Friday, the regional "
    "governor said. No one was hurt, he said.\n"
)


def sitroom_cli(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real entry point as a child process, as a user's shell would."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITROOM_DB", "SITROOM_LEXICON")}
    # The child finds the checkout's package whether or not sitroom is installed.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env["COLUMNS"] = "250"  # rich tables: one line per row
    return subprocess.run(
        [sys.executable, "-m", "sitroom.cli", *args],
        cwd=cwd,
        env=env,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=120,
        check=False,
    )


def out(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stdout.decode("utf-8")


def err(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stderr.decode("utf-8")


def summary_of(proc: subprocess.CompletedProcess[bytes]) -> dict[str, int]:
    lines = out(proc).splitlines()
    assert len(lines) == 1, out(proc)
    match = SUMMARY.fullmatch(lines[0])
    assert match, lines[0]
    return {k: int(v) for k, v in match.groupdict().items()}


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line]


@dataclass(frozen=True, slots=True)
class Session:
    """What the module fixture did and left behind."""

    folder: Path
    db: str  # the database URL given to --db
    run_a: subprocess.CompletedProcess[bytes]
    run_b: subprocess.CompletedProcess[bytes]
    run_c: subprocess.CompletedProcess[bytes]
    events_after_a: bytes
    events_after_b: bytes
    events: list[dict[str, Any]]

    def cli(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return sitroom_cli(*args, "--db", self.db, cwd=self.folder)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory, module_store_url: str) -> Session:
    folder = tmp_path_factory.mktemp("cli")
    shutil.copytree(FIXTURES / "reports", folder / "reports")
    shutil.copytree(FIXTURES / "briefs", folder / "briefs")
    shutil.copy(FIXTURES / "broken.json", folder / "broken.json")
    db = module_store_url

    def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return sitroom_cli(*args, "--db", db, cwd=folder, stdin=stdin)

    run_a = cli("run", *INPUTS)
    after_a = cli("events", "--format", "jsonl").stdout
    run_b = cli("run", *INPUTS)
    after_b = cli("events", "--format", "jsonl").stdout
    run_c = cli("run", "-", "--published", "2024-03-16", stdin=STDIN_REPORT.encode("utf-8"))
    final = cli("events", "--format", "jsonl")
    assert final.returncode == 0, err(final)
    return Session(folder, db, run_a, run_b, run_c, after_a, after_b, jsonl(out(final)))


# -- run -------------------------------------------------------------------------


def test_cli_run_codes_every_format_and_exits_1_naming_each_broken_input(session: Session) -> None:
    run = session.run_a
    assert run.returncode == 1, err(run)
    assert err(run).splitlines()[0].startswith("failed: broken.json: invalid JSON")
    assert err(run).splitlines()[1:] == ["failed: missing.txt: no such file or folder"]
    summary = summary_of(run)
    assert (summary["read"], summary["new"], summary["stored"], summary["failed"]) == (
        12,
        GOOD_DOCUMENTS,
        0,
        2,
    )
    assert summary["mentions"] >= summary["events_new"] > 0
    assert summary["claims"] >= 1  # the running tally in the plain-text report
    with open_store(session.db) as store:
        ok = store.documents("ok")
        first_run_events = len(jsonl(session.events_after_a.decode("utf-8")))
    assert first_run_events == summary["events_new"]
    # One ledger row per document: each format's reader contributed what its file holds.
    per_file: dict[str, int] = {}
    for row in ok:
        if row.origin != "<stdin>":  # run C's, read after this run
            per_file[row.origin] = per_file.get(row.origin, 0) + 1
    assert per_file == {
        "reports/abu-kamal-strikes.html": 1,
        "reports/asad-drone.txt": 1,
        "reports/gulf-watch.atom": 1,
        "reports/militia-watch.rss": 2,
        "reports/red-sea-tanker.json": 1,
        "reports/ukraine-strikes.json": 2,
        "briefs/africa-briefs.jsonl": 2,
    }


def test_cli_run_twice_stores_nothing_new_and_changes_no_event(session: Session) -> None:
    assert session.run_b.returncode == 1
    summary = summary_of(session.run_b)
    assert summary == {
        "read": 12,
        "new": 0,
        "stored": GOOD_DOCUMENTS,
        "failed": 2,
        "mentions": 0,
        "events_new": 0,
        "events_updated": 0,
        "claims": 0,
    }
    assert session.events_after_a
    assert session.events_after_b == session.events_after_a


def test_cli_run_reads_standard_input_and_exits_0(session: Session) -> None:
    run = session.run_c
    assert run.returncode == 0, err(run)
    assert err(run) == ""
    summary = summary_of(run)
    assert (summary["read"], summary["new"], summary["stored"], summary["failed"]) == (1, 1, 0, 0)
    with open_store(session.db) as store:
        stdin_docs = [r.doc_id for r in store.documents("ok") if r.origin == "<stdin>"]
        assert len(stdin_docs) == 1
        doc = store.get_document(stdin_docs[0])
    assert doc is not None
    assert doc["title"] == "Drones hit oil depot in Belgorod region"
    assert doc["published"].startswith("2024-03-16")
    assert any(s["doc_id"] == stdin_docs[0] for e in session.events for s in e["sources"])


# -- events ----------------------------------------------------------------------


def test_cli_events_jsonl_has_every_design_field_backed_by_the_stored_text(session: Session) -> None:
    assert session.events
    texts: dict[str, str] = {}
    with open_store(session.db) as store:
        for e in session.events:
            for s in e["sources"]:
                if s["doc_id"] not in texts:
                    doc = store.get_document(s["doc_id"])
                    assert doc is not None, s
                    texts[s["doc_id"]] = doc["text"]
    for e in session.events:
        assert set(EVENT_KEYS) <= set(e), set(EVENT_KEYS) - set(e)
        if e["event_date"] is not None:
            date.fromisoformat(e["event_date"])
        assert isinstance(e["weapons"], list)
        assert e["sources"] and all(
            set(s) == {"doc_id", "url", "publisher", "published"} for s in e["sources"]
        )
        assert e["source_count"] == len({s["doc_id"] for s in e["sources"]})
        assert e["evidence"]
        for ev in e["evidence"]:
            assert set(ev) == {"doc_id", "start", "end", "text", "field"}
            assert ev["doc_id"] in texts, "evidence from a document the event does not list"
            assert texts[ev["doc_id"]][ev["start"] : ev["end"]] == ev["text"], ev


def _csv_cell(value: Any) -> str:
    """How a JSON Lines value reads in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def test_cli_events_csv_puts_acled_columns_first_and_matches_jsonl(session: Session) -> None:
    proc = session.cli("events", "--format", "csv")
    assert proc.returncode == 0, err(proc)
    reader = csv.DictReader(io.StringIO(out(proc), newline=""))
    header = list(reader.fieldnames or ())
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    own = header[len(ACLED_COLUMNS) :]
    assert set(EVENT_KEYS) - set(ACLED_COLUMNS) <= set(own)
    rows = list(reader)
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in session.events]
    for row, e in zip(rows, session.events, strict=True):
        assert row["event_id_cnty"] == e["event_id"]
        assert row["year"] == (e["event_date"][:4] if e["event_date"] else "")
        for key in EVENT_KEYS:
            if key in ("latitude", "longitude") and e[key] is not None:
                assert float(row[key]) == e[key]
            else:
                assert row[key] == _csv_cell(e[key]), key


def test_cli_events_geojson_places_each_event_at_longitude_latitude(session: Session) -> None:
    proc = session.cli("events", "--format", "geojson")
    assert proc.returncode == 0, err(proc)
    collection = json.loads(out(proc))
    assert collection["type"] == "FeatureCollection"
    located = {e["event_id"]: e for e in session.events if e["latitude"] is not None}
    assert located
    assert collection["without_coordinates"] == len(session.events) - len(located)
    assert len(collection["features"]) == len(located)
    for feature in collection["features"]:
        event = located[feature["properties"]["event_id"]]
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [event["longitude"], event["latitude"]],
        }


def _actor_has(e: dict[str, Any], needle: str) -> bool:
    return any(
        needle.lower() in (e[k] or "").lower() for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
    )


@pytest.mark.parametrize(
    ("options", "keep"),
    [
        (
            ("--since", "2024-01-01", "--until", "2024-03-05"),
            lambda e: e["event_date"] is not None and "2024-01-01" <= e["event_date"] <= "2024-03-05",
        ),
        (("--country", "ukraine"), lambda e: e["country"] == "Ukraine"),
        (("--actor", "houthi"), lambda e: _actor_has(e, "houthi")),
        (("--type", "Air/drone strike"), lambda e: e["sub_event_type"] == "Air/drone strike"),
        (("--type", "strategic developments"), lambda e: e["event_type"] == "Strategic developments"),
    ],
    ids=["since-until", "country", "actor", "sub-event-type", "event-type"],
)
def test_cli_events_filters_select_what_they_say(
    session: Session, options: tuple[str, ...], keep: Any
) -> None:
    proc = session.cli("events", "--format", "jsonl", *options)
    assert proc.returncode == 0, err(proc)
    chosen = [e["event_id"] for e in jsonl(out(proc))]
    expected = [e["event_id"] for e in session.events if keep(e)]
    assert chosen == expected
    assert 0 < len(chosen) < len(session.events), "the fixtures should make this filter choose"


# -- claims, documents, report -------------------------------------------------------


def test_cli_claims_jsonl_lists_the_tally_with_its_evidence(session: Session) -> None:
    proc = session.cli("claims", "--format", "jsonl")
    assert proc.returncode == 0, err(proc)
    claims = jsonl(out(proc))
    assert claims
    with open_store(session.db) as store:
        for claim in claims:
            assert set(CLAIM_KEYS) <= set(claim)
            doc = store.get_document(claim["doc_id"])
            assert doc is not None
            for ev in claim["evidence"]:
                assert doc["text"][ev["start"] : ev["end"]] == ev["text"]
    tally = [c for c in claims if c["quantity"] == 130]
    assert len(tally) == 1
    assert (tally[0]["qualifier"], tally[0]["unit"], tally[0]["period_start"]) == (
        "more than",
        "attacks",
        "2023-10-17",
    )


def test_cli_documents_failed_lists_every_broken_input_with_its_reason(session: Session) -> None:
    proc = session.cli("documents", "--status", "failed", "--format", "jsonl")
    assert proc.returncode == 0, err(proc)
    rows = jsonl(out(proc))
    assert {r["origin"] for r in rows} == {"broken.json", "missing.txt"}
    assert all(r["status"] == "failed" and r["doc_id"] is None for r in rows)
    reasons = {r["origin"]: r["reason"] for r in rows}
    assert reasons["missing.txt"] == "no such file or folder"
    assert reasons["broken.json"].startswith("invalid JSON at line 1")
    # The run printed the same reasons the ledger keeps.
    assert f"failed: broken.json: {reasons['broken.json']}" in err(session.run_a).splitlines()


@pytest.fixture(scope="module")
def reports(session: Session) -> dict[str, subprocess.CompletedProcess[bytes]]:
    return {
        "html": session.cli("report", "-o", "out/sitrep.html"),
        "md": session.cli("report", "--format", "md", "-o", "out/sitrep.md"),
    }


@pytest.mark.parametrize(("fmt", "name"), [("html", "sitrep.html"), ("md", "sitrep.md")])
def test_cli_report_writes_the_file_it_names(
    session: Session, reports: dict[str, subprocess.CompletedProcess[bytes]], fmt: str, name: str
) -> None:
    proc = reports[fmt]
    assert proc.returncode == 0, err(proc)
    assert out(proc).startswith(f"wrote out/{name} (")
    text = (session.folder / "out" / name).read_text("utf-8")
    if fmt == "html":
        assert text.lstrip().lower().startswith("<!doctype html")
    else:
        assert text.startswith("# ")
    for place in ("Kharkiv", "El Fasher", "Red Sea"):
        assert place in text


def test_cli_report_summary_line_reads_as_words(
    reports: dict[str, subprocess.CompletedProcess[bytes]],
) -> None:
    line = out(reports["html"]).strip()
    assert "ReportSummary(" not in line
    assert re.fullmatch(r"wrote out/sitrep\.html \(.*\b\d+ events\b.*\)", line), line


# -- demo, version, help, bad options -----------------------------------------------


# SQLite only: this is the demo's default, a sitroom.db file in the working folder, with no --db.
def test_cli_demo_writes_database_and_report_in_the_working_folder(tmp_path: Path) -> None:
    proc = sitroom_cli("demo", cwd=tmp_path)
    assert proc.returncode == 0, err(proc)
    assert (tmp_path / "sitroom.db").is_file()
    assert (tmp_path / "sitrep.html").read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    lines = out(proc).splitlines()
    assert lines[-1] == "database: sitroom.db   report: sitrep.html"
    summary = SUMMARY.fullmatch(lines[-2])
    assert summary and int(summary["failed"]) == 0 and int(summary["read"]) > 0
    with open_store(str(tmp_path / "sitroom.db")) as store:
        stored = store.count_events()
    assert stored > 0
    rows = [line for line in lines if line.startswith("│ ")]
    assert len(rows) == stored
    assert any("Tower 22" in row for row in rows)


def test_cli_version_and_help(tmp_path: Path) -> None:
    version = sitroom_cli("--version", cwd=tmp_path)
    assert (version.returncode, out(version)) == (0, f"sitroom {sitroom.__version__}\n")
    help_ = sitroom_cli("--help", cwd=tmp_path)
    assert help_.returncode == 0
    for command in ("run", "events", "claims", "documents", "report", "serve", "watch", "demo"):
        assert re.search(rf"│ {command}\s", out(help_)), command


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("run", "report.txt", "--published", "yesterday"),
            "sitroom: --published 'yesterday' is not a date (write YYYY-MM-DD)",
        ),
        (("events", "--format", "xml"), "sitroom: unknown format 'xml': use jsonl, csv, geojson or table"),
        (
            ("events", "--db", "mysql://db.example/events"),
            "sitroom: unknown database URL 'mysql://db.example/events': use a file path, sqlite:///path or "
            "postgresql://...",
        ),
        (("events", "--since", "last week"), "sitroom: --since 'last week' is not a date (write YYYY-MM-DD)"),
    ],
    ids=["published", "format", "db-scheme", "since"],
)
# No --db (or a refused one): what is checked is that the default SQLite file, sitroom.db in the
# working folder, is not created by a command that is refused.
def test_cli_bad_option_exits_2_with_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    proc = sitroom_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert err(proc).splitlines() == [message]
    assert out(proc) == ""
    assert list(tmp_path.iterdir()) == [], "a refused command leaves no database behind"
