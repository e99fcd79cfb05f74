"""``sitroom demo``: code the example reports bundled in the package, write the report.

The examples (``sitroom/examples/reports``) are reports written for sitroom in
every input format; plain-text files carry no date, so their publication dates
come from ``examples/published.json``, as a user would pass ``--published``.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from sitroom.nlp.dates import parse_iso_date as parse_date
from sitroom.pipeline import Pipeline, RunSummary, run
from sitroom.report import write_report
from sitroom.store.base import Store


def examples_dir() -> Path:
    return Path(str(resources.files("sitroom") / "examples"))


def run_demo(store: Store, report: str | Path, pipeline: Pipeline | None = None) -> RunSummary:
    """Code every bundled example into ``store`` and write the HTML report to ``report``."""
    folder = examples_dir()
    pipe = pipeline or Pipeline()
    dated = json.loads((folder / "published.json").read_text("utf-8"))
    total = RunSummary()
    for rel, day in sorted(dated.items()):
        _add(total, run([str(folder / rel)], store, published=parse_date(day), pipeline=pipe))
    rest = sorted(
        str(p) for p in (folder / "reports").iterdir() if p.is_file() and f"reports/{p.name}" not in dated
    )
    _add(total, run(rest, store, pipeline=pipe))
    write_report(store, report)
    return total


def _add(total: RunSummary, part: RunSummary) -> None:
    for name in (
        "read",
        "stored",
        "duplicates",
        "failed",
        "mentions",
        "events_new",
        "events_updated",
        "claims",
    ):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.failures.extend(part.failures)
    total.seconds += part.seconds
