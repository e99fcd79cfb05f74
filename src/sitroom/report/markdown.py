"""The situation report as Markdown: the HTML report's sections as text tables, for e-mail.

Every value from a source goes through :func:`md_escape`, so a title such as
``<script>`` or ``[click](javascript:...)`` reads as those characters in a
plain-text mail and renders as text in a Markdown viewer. Links are written
only for http(s) addresses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import quote

from sitroom import __version__
from sitroom.report.content import EventRow, Link, ReportData, Tally

# Characters that start Markdown (or inline HTML, or an entity) syntax wherever they stand. Brackets,
# not parentheses, make a link, so "(" stays readable in a plain-text mail.
_SPECIAL = frozenset("\\`*_[]<>#|~&")


def md_escape(value: object) -> str:
    """``value`` as literal Markdown text on one line (table cells cannot hold line breaks)."""
    text = " ".join(str(value).split())
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def md_url(url: str) -> str:
    # Percent-encode what would end or break a Markdown link destination.
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


def md_link(link: Link) -> str:
    text = f"[{md_escape(link.text)}]({md_url(link.url)})" if link.url else md_escape(link.text)
    return f"{text} ({md_escape(link.note)})" if link.note else text


def _table(
    header: Sequence[str], rows: Iterable[Sequence[str]], numeric: frozenset[int] = frozenset()
) -> str:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if i in numeric else "---" for i in range(len(header))) + "|")
    lines.extend("| " + " | ".join(cells) + " |" for cells in rows)
    return "\n".join(lines)


def _events(rows: Sequence[EventRow]) -> str:
    table = _table(
        ("Date", "Type", "Place", "Actors", "Killed", "Injured", "Sources"),
        (
            (
                md_escape(r.when) + (f" **{r.status}**" if r.status else ""),
                md_escape(r.event.sub_event_type or r.event.event_type),
                md_escape(r.place),
                md_escape(r.actors),
                md_escape(r.fatalities),
                md_escape(r.injuries),
                ", ".join(md_link(s) for s in r.sources) or "–",
            )
            for r in rows
        ),
        numeric=frozenset({4, 5}),
    )
    quotes = []
    for r in rows:
        for q in r.quotes:
            quotes.append(
                f"- {md_escape(r.when)}, {md_escape(r.place)}: "
                f"“{md_escape(q.text)}” ({md_escape(', '.join(q.fields))})"
            )
    if quotes:
        table += "\n\nEvidence:\n\n" + "\n".join(quotes)
    return table


def _tally(first_col: str, rows: Sequence[Tally]) -> str:
    if not rows:
        return "None recorded."
    return _table(
        (first_col, "Events", "Fatalities", "Injuries", "First", "Last"),
        (
            (
                md_escape(t.label),
                str(t.events),
                f"{t.fatalities:,}",
                f"{t.injuries:,}",
                t.first.isoformat() if t.first else "–",
                t.last.isoformat() if t.last else "–",
            )
            for t in rows
        ),
        numeric=frozenset({1, 2, 3}),
    )


def render_markdown(data: ReportData, title: str = "Situation report") -> str:
    generated = data.generated_at.strftime("%Y-%m-%d %H:%M")
    out = [f"# {md_escape(title)}", "", f"Generated {generated} UTC by sitroom {__version__}."]
    if data.first_date and data.last_date:
        out[-1] += f" Events from {data.first_date.isoformat()} to {data.last_date.isoformat()}."
    out += [
        "",
        f"- {len(data.events):,} events ({data.located:,} with coordinates)",
        f"- {data.fatalities:,} fatalities, {data.injuries:,} injuries",
        f"- {data.source_count:,} source documents, {len(data.claims):,} claims",
    ]
    if not data.events:
        out += ["", "There are no events in this database yet."]
    if data.type_counts:
        out += ["", "## Events by type", ""]
        out.append(
            _table(("Type", "Events"), ((md_escape(t), str(n)) for t, n in data.type_counts), frozenset({1}))
        )

    out += ["", f"## {md_escape(data.new_label)}", ""]
    if data.new_note:
        out += [md_escape(data.new_note), ""]
    if data.new:
        out.append(_events(data.new))
        if data.new_total > len(data.new):
            out += ["", f"Showing {len(data.new)} of {data.new_total}."]
    elif not data.new_note:
        out.append("Nothing new.")

    out += ["", "## Latest events", ""]
    out.append(_events(data.latest) if data.latest else "There are no events.")
    if len(data.events) > len(data.latest):
        out += ["", f"The {len(data.latest)} most recent of {len(data.events)} events."]

    for heading, first_col, rows in (
        ("By actor", "Actor", data.actors),
        ("By place", "Place", data.places),
        ("By weapon", "Weapon", data.weapons),
    ):
        out += ["", f"## {heading}", "", _tally(first_col, rows)]

    out += ["", "## Claims ledger", ""]
    if data.claims:
        out.append(
            _table(
                ("Subject", "Quantity", "Unit", "Since", "As of", "Who says", "Sources"),
                (
                    (
                        md_escape(c.claim.subject + (f" ({c.claim.location})" if c.claim.location else "")),
                        md_escape(c.quantity),
                        md_escape(c.claim.unit),
                        c.claim.period_start.isoformat() if c.claim.period_start else "–",
                        c.claim.as_of.isoformat() if c.claim.as_of else "–",
                        md_escape(c.claim.attributed_to or "–"),
                        ", ".join(md_link(s) for s in c.sources) or "–",
                    )
                    for c in data.claims
                ),
                numeric=frozenset({1}),
            )
        )
    else:
        out.append("No claims recorded.")
    return "\n".join(out) + "\n"
