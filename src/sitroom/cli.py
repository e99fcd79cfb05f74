"""The command line: thin commands over the library (see DESIGN.md for the contract).

    sitroom run INPUT... [--db PATH] [--published DATE]   ingest + extract + fuse
    sitroom events [--db PATH] [--format jsonl|csv|geojson|table] [filters]
    sitroom claims [--db PATH] [--format jsonl|csv|table]
    sitroom documents [--db PATH] [--status failed] [--format jsonl|table]
    sitroom report [--db PATH] [-o sitrep.html] [--since DATE] [--format html|md]
    sitroom serve [--db PATH] [--host] [--port] [--token]
    sitroom watch FEED_URL_OR_FOLDER [--every 5m]
    sitroom demo

Errors become one line on standard error and a non-zero exit: 1 when some
inputs failed (the rest were coded), 2 for a usage or configuration error.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sitroom import __version__
from sitroom.errors import SitroomError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news reports about armed conflict into an ACLED-style event dataset, with evidence.",
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: $SITROOM_DB or ./sitroom.db)."),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="A folder of extra lexicon files (a theatre); may be repeated."),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"sitroom: {message}", err=True)
    return typer.Exit(code)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise _fail(f"{option} {value!r} is not a date (write YYYY-MM-DD)") from err


def _store(db: str | None):  # noqa: ANN202 - Store, imported lazily to keep --help fast
    from sitroom.store import open_store

    return open_store(db)


def _pipeline(lexicon: list[Path] | None):  # noqa: ANN202
    from sitroom.lexicon import default_lexicon
    from sitroom.pipeline import Pipeline

    return Pipeline(default_lexicon([str(p) for p in lexicon or ()]))


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"sitroom {__version__}")
        raise typer.Exit(0)


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for standard input.")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    lexicon: LexiconOption = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 200,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Run on a Dask cluster: a scheduler address or local[:N].")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read reports, code their events, fuse them across reports and store everything."""
    from sitroom.pipeline import run as run_pipeline

    day = _date(published, "--published")
    try:
        pipe = _pipeline(lexicon)
        with _store(db) as store:
            if dask:
                from sitroom.scale import run_dask

                summary = run_dask(inputs, store, dask, published=day, pipeline=pipe, batch_size=batch_size)
            else:
                summary = _with_progress(
                    lambda progress: run_pipeline(
                        inputs, store, published=day, pipeline=pipe, batch_size=batch_size, progress=progress
                    ),
                    enabled=not quiet and sys.stderr.isatty(),
                )
    except SitroomError as err:
        raise _fail(str(err)) from err
    for reason in summary.reasons()[:20]:
        typer.echo(f"failed: {reason}", err=True)
    if len(summary.failures) > 20:
        typer.echo(
            f"failed: ... and {len(summary.failures) - 20} more (sitroom documents --status failed)", err=True
        )
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(1)


def _with_progress(work, enabled: bool):  # noqa: ANN001, ANN202
    if not enabled:
        return work(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("inputs"), TimeElapsedColumn(),
        transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("run", total=None)
        return work(lambda n: bar.advance(task, n))


@app.command()
def events(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, geojson or table.")] = "jsonl",
    since: Annotated[str | None, typer.Option(help="Only events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date.")] = None,
    country: Annotated[str | None, typer.Option(help="Only events in this country.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Only events in this first-level division.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Only events with an actor whose name contains this.")
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Only events of this type or sub-event type.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
) -> None:
    """Print the event dataset."""
    from sitroom import export
    from sitroom.store import EventFilter

    if format not in (*export.FORMATS, "table"):
        raise _fail(f"unknown format {format!r}: use jsonl, csv, geojson or table")
    flt = EventFilter(
        since=_date(since, "--since"), until=_date(until, "--until"), country=country, admin1=admin1,
        actor=actor, event_type=type, limit=limit,
    )  # fmt: skip
    try:
        with _store(db) as store:
            rows = store.events(flt)
    except SitroomError as err:
        raise _fail(str(err)) from err
    if format == "table":
        _event_table(rows)
        return
    writer = {"jsonl": export.events_jsonl, "csv": export.events_csv, "geojson": export.events_geojson}[
        format
    ]
    for chunk in writer(rows):
        sys.stdout.write(chunk)


def _event_table(rows) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("date", "type", "actor1", "actor2", "location", "admin1", "country", "killed", "sources"):
        table.add_column(col)
    for e in rows:
        table.add_row(
            e.event_date.isoformat() if e.event_date else "?",
            e.sub_event_type,
            e.actor1 or "",
            e.actor2 or "",
            e.location or "",
            e.admin1 or "",
            e.country or "",
            str(e.fatalities or 0),
            str(e.source_count),
        )
    Console().print(table)


@app.command()
def claims(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or table.")] = "jsonl",
) -> None:
    """Print the claims ledger: tallies and counts that reports state, with who says so."""
    from sitroom import export

    if format not in ("jsonl", "csv", "table"):
        raise _fail(f"unknown format {format!r}: use jsonl, csv or table")
    try:
        with _store(db) as store:
            rows = store.claims()
    except SitroomError as err:
        raise _fail(str(err)) from err
    if format == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for col in ("subject", "quantity", "unit", "where", "since", "as of", "sources"):
            table.add_column(col)
        for c in rows:
            q = f"{c.qualifier + ' ' if c.qualifier else ''}{c.as_dict()['quantity']}"
            table.add_row(c.subject, q, c.unit, c.location or "", str(c.period_start or ""), str(c.as_of or ""),
                          str(len(c.doc_ids or (c.doc_id,))))  # fmt: skip
        Console().print(table)
        return
    writer = export.claims_jsonl if format == "jsonl" else export.claims_csv
    for chunk in writer(rows):
        sys.stdout.write(chunk)


@app.command()
def documents(
    db: DbOption = None,
    status: Annotated[str | None, typer.Option(help="ok, duplicate or failed.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or table.")] = "table",
) -> None:
    """Print the input ledger: every file, line and feed entry read, and what became of it."""
    from sitroom.store import STATUSES

    if status is not None and status not in STATUSES:
        raise _fail(f"unknown status {status!r}: use {', '.join(STATUSES)}")
    if format not in ("jsonl", "table"):
        raise _fail(f"unknown format {format!r}: use jsonl or table")
    try:
        with _store(db) as store:
            rows = store.documents(status)
    except SitroomError as err:
        raise _fail(str(err)) from err
    if format == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for col in ("status", "origin", "where", "document", "reason"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.status, r.origin, r.locator or "", r.doc_id or "", r.reason or "")
    Console().print(table)


@app.command()
def report(
    db: DbOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the report.")] = Path(
        "sitrep.html"
    ),
    since: Annotated[str | None, typer.Option(help="Show as new what came since this date.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="html or md.")] = "html",
) -> None:
    """Write the situation report: map, timeline, tables, latest events, claims."""
    from sitroom.report import write_report

    try:
        with _store(db) as store:
            summary = write_report(store, output, since=_date(since, "--since"), fmt=format)
    except SitroomError as err:
        raise _fail(str(err)) from err
    typer.echo(f"wrote {output} ({summary.line()})")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(help="Allow writes (POST /documents) with this bearer token; default $SITROOM_TOKEN."),
    ] = None,
) -> None:
    """Serve the HTTP API and the live dashboard (read-only unless a token is given)."""
    from sitroom.web import serve as serve_app

    try:
        serve_app(db, host=host, port=port, token=token or os.environ.get("SITROOM_TOKEN"))
    except SitroomError as err:
        raise _fail(str(err)) from err


@app.command()
def watch(
    source: Annotated[str, typer.Argument(help="A feed URL (http/https) or a folder to poll.")],
    db: DbOption = None,
    every: Annotated[str, typer.Option(help="How often to poll: 30s, 5m, 1h.")] = "5m",
    lexicon: LexiconOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
) -> None:
    """Poll a feed or a folder and code what is new, for a live deployment."""
    from sitroom.watch import parse_interval, watch_source

    try:
        seconds = parse_interval(every)
        with _store(db) as store:
            watch_source(source, store, seconds, pipeline=_pipeline(lexicon), once=once, echo=typer.echo)
    except SitroomError as err:
        raise _fail(str(err)) from err
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Where to write the database.")] = "sitroom.db",
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the report.")] = Path(
        "sitrep.html"
    ),
) -> None:
    """Code the bundled example reports into ./sitroom.db, write ./sitrep.html, print the events."""
    from sitroom.demo import run_demo
    from sitroom.store import EventFilter

    try:
        with _store(db) as store:
            summary = run_demo(store, output, pipeline=_pipeline(None))
            rows = store.events(EventFilter())
    except SitroomError as err:
        raise _fail(str(err)) from err
    _event_table(rows)
    typer.echo(summary.line())
    typer.echo(f"database: {db}   report: {output}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
