"""Situation reports: one self-contained HTML page (map, timeline, tables) or Markdown for e-mail.

    >>> with open_store("sitroom.db") as store:  # doctest: +SKIP
    ...     write_report(store, "sitrep.html")

:func:`render_report` only reads the store. :func:`write_report` also records
when the report was made (store meta :data:`LAST_REPORT_KEY`), so that the
next report's "new since the last report" section shows what came in since.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError
from sitroom.report.content import LAST_REPORT_KEY, ReportData, gather
from sitroom.report.html import render_html
from sitroom.report.markdown import render_markdown
from sitroom.store import Store

FORMATS = {"html": "html", "md": "md", "markdown": "md"}

__all__ = ["FORMATS", "LAST_REPORT_KEY", "ReportSummary", "render_report", "write_report"]


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What :func:`write_report` wrote."""

    path: str
    fmt: str
    bytes: int
    events: int
    located: int
    claims: int
    new_events: int
    new_label: str
    generated_at: str

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]

    def line(self) -> str:
        """What ``sitroom report`` prints: where, how big, and what the report holds."""
        return (
            f"{self.events} events ({self.located} on the map), {self.claims} claims, "
            f"{self.new_events} {self.new_label[:1].lower()}{self.new_label[1:]}, {self.bytes:,} bytes"
        )


def _format(fmt: str) -> str:
    try:
        return FORMATS[fmt.lower()]
    except KeyError:
        raise ConfigError(f"unknown report format {fmt!r}: use html or md") from None


def _render(data: ReportData, fmt: str) -> str:
    return render_html(data) if fmt == "html" else render_markdown(data)


def render_report(
    store: Store, since: date | None = None, fmt: str = "html", now: datetime | None = None
) -> str:
    """The report as text. ``since``: what counts as new (events dated on or after it); without it,
    what arrived after the last written report. ``now``: the time the report states (default: now)."""
    return _render(gather(store, since=since, now=now), _format(fmt))


def write_report(
    store: Store, path: str | os.PathLike[str], since: date | None = None, fmt: str = "html"
) -> ReportSummary:
    """Write the report to ``path`` (replaced whole, never half-written) and remember its time."""
    kind = _format(fmt)
    now = datetime.now(UTC)
    data = gather(store, since=since, now=now)
    text = _render(data, kind)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise ConfigError(f"cannot write the report to {target}: {err.strerror or err}") from err
    store.set_meta(LAST_REPORT_KEY, now.isoformat(timespec="seconds"))
    return ReportSummary(
        path=str(target),
        fmt=kind,
        bytes=len(text.encode("utf-8")),
        events=len(data.events),
        located=data.located,
        claims=len(data.claims),
        new_events=data.new_total,
        new_label=data.new_label,
        generated_at=now.isoformat(timespec="seconds"),
    )
