"""The HTML situation report: one self-contained page from a jinja2 template.

The page loads nothing: CSS is inline, the map and timeline are inline SVG,
and there is no script. Its Content-Security-Policy says so too, so that even
a value that somehow escaped escaping could neither run nor fetch anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from sitroom import __version__
from sitroom.report.content import ReportData
from sitroom.report.svg import render_map, render_timeline, type_colour

# No script, no fetch: styles and data: images (the empty favicon) only.
CSP = Markup(
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)

SECTIONS: tuple[tuple[str, str], ...] = (
    ("map", "Map"),
    ("timeline", "Timeline"),
    ("new", "New"),
    ("latest", "Latest"),
    ("actors", "Actors"),
    ("places", "Places"),
    ("weapons", "Weapons"),
    ("claims", "Claims"),
)


def break_after_slashes(value: object) -> Markup:
    """Escaped text that may wrap after a slash ("Shelling/artillery/missile attack" in a narrow column)."""
    return Markup("/<wbr>").join(escape(part) for part in str(value).split("/"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("sitroom.report", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["wbr"] = break_after_slashes
    return env


def render_html(
    data: ReportData, title: str = "Situation report", api_links: Sequence[tuple[str, str]] = ()
) -> str:
    """The report page; ``api_links`` adds (href, label) entries to its menu (the dashboard's API links)."""
    map_svg = render_map(data.events, data.new_ids)
    timeline_svg, bucket_days = render_timeline(data.events)
    tallies = (
        ("actors", "By actor", "Actor", data.actors),
        ("places", "By place", "Place", data.places),
        ("weapons", "By weapon", "Weapon", data.weapons),
    )
    return (
        environment()
        .get_template("report.html")
        .render(
            data=data,
            title=title,
            version=__version__,
            csp=CSP,
            sections=SECTIONS,
            api_links=tuple(api_links),
            map_svg=map_svg,
            timeline_svg=timeline_svg,
            bucket_days=bucket_days,
            tallies=tallies,
            colour=type_colour,
        )
    )
