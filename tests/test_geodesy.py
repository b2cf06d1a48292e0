"""Geodesic areas and distances against independent references."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from avzone import geodesy

# WGS84 defining constants (semi-major axis and flattening).
A_M = 6378137.0
F = 1 / 298.257223563


def _authalic_q(lat_deg: float) -> float:
    """q(phi) of the ellipsoid's authalic latitude, closed form."""
    e2 = F * (2 - F)
    e = math.sqrt(e2)
    s = math.sin(math.radians(lat_deg))
    return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * math.log((1 - e * s) / (1 + e * s)))


def cell_area_closed_form_km2(west: float, south: float, east: float, north: float) -> float:
    """Area of the ellipsoidal cell bounded by two meridians and two parallels."""
    dlon = math.radians(east - west)
    return A_M * A_M / 2 * dlon * (_authalic_q(north) - _authalic_q(south)) / 1e6


def _parallel_cell(west: float, south: float, east: float, north: float, n: int = 4000) -> shapely.Polygon:
    """A polygon whose east-west edges follow the parallels (dense vertices)."""
    lons = np.linspace(west, east, n)
    ring = [(x, south) for x in lons] + [(x, north) for x in lons[::-1]] + [(west, south)]
    return shapely.Polygon(ring)


@pytest.mark.parametrize(
    "cell",
    [(116.0, 39.0, 117.0, 40.0), (116.3, 39.7, 116.7, 40.1), (0.0, 0.0, 1.0, 1.0), (10.0, 60.0, 12.0, 61.0)],
)
def test_area_matches_closed_form_ellipsoidal_cell(cell):
    expected = cell_area_closed_form_km2(*cell)
    got = geodesy.area_km2(_parallel_cell(*cell))
    assert got == pytest.approx(expected, rel=2e-7)


def test_area_independent_of_winding_and_counts_holes_and_parts():
    outer = shapely.box(116.4, 39.7, 116.6, 39.9)
    hole = shapely.box(116.45, 39.75, 116.5, 39.8)
    with_hole = shapely.Polygon(outer.exterior.coords, [hole.exterior.coords])
    a_outer, a_hole = geodesy.area_km2(outer), geodesy.area_km2(hole)
    assert geodesy.area_km2(with_hole) == pytest.approx(a_outer - a_hole, rel=1e-12)
    assert geodesy.area_km2(outer.reverse()) == pytest.approx(a_outer, rel=1e-12)
    other = shapely.box(117.0, 40.0, 117.1, 40.1)
    multi = shapely.MultiPolygon([outer, other])
    assert geodesy.area_km2(multi) == pytest.approx(a_outer + geodesy.area_km2(other), rel=1e-12)
    assert geodesy.area_km2(shapely.Point(116, 40)) == 0.0


def _geod_km2(*rings):
    """pyproj.Geod.polygon_area_perimeter of each ring (lon, lat), unsigned, summed: the reference."""
    import pyproj

    geod = pyproj.Geod(ellps="WGS84")
    return sum(abs(geod.polygon_area_perimeter([p[0] for p in r], [p[1] for p in r])[0]) for r in rings) / 1e6


# A ring crossing itself once, into two lobes of unequal size: A -> B crosses C -> D.
_A, _B, _C, _D = (116.4, 39.8), (116.7, 40.0), (116.7, 39.8), (116.4, 39.9)


def test_a_ring_crossing_itself_measures_both_lobes_not_their_difference():
    x = shapely.LineString([_A, _B]).intersection(shapely.LineString([_C, _D]))
    lobes = [(_A, (x.x, x.y), _D), ((x.x, x.y), _B, _C)]
    bowtie = shapely.Polygon([_A, _B, _C, _D])
    assert not bowtie.is_valid
    want = _geod_km2(*lobes)
    assert geodesy.area_km2(bowtie) == pytest.approx(want, rel=1e-9)
    assert geodesy.equal_area_km2(bowtie) == pytest.approx(want, rel=1e-4)  # the cross-check measures the same
    # a multipolygon whose parts overlap: the ground covered, once
    a, b = shapely.box(116.3, 39.7, 116.5, 39.9), shapely.box(116.4, 39.7, 116.6, 39.9)
    covered = [(x, 39.7) for x in (116.3, 116.4, 116.5, 116.6)] + [(x, 39.9) for x in (116.6, 116.5, 116.4, 116.3)]
    assert geodesy.area_km2(shapely.MultiPolygon([a, b])) == pytest.approx(_geod_km2(covered), rel=1e-9)
    # a part lying inside another: the outer part's ground, not the outer part less the inner one
    inner = shapely.box(116.35, 39.75, 116.45, 39.85)
    outer = [(116.3, 39.7), (116.5, 39.7), (116.5, 39.9), (116.3, 39.9)]
    assert geodesy.area_km2(shapely.MultiPolygon([a, inner])) == pytest.approx(_geod_km2(outer), rel=1e-9)
    # a hole lying outside its part takes off nothing, and adds nothing
    away = shapely.box(116.7, 39.7, 116.8, 39.8).exterior.coords
    assert geodesy.area_km2(shapely.Polygon(outer, [away])) == pytest.approx(_geod_km2(outer), rel=1e-9)


def test_area_of_a_dataset_layer_crossing_itself_and_its_growth(dataset_copy):
    doc = dataset_copy.read("core.geojson")
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[_A, _B, _C, _D, _A]]}
    dataset_copy.write("core.geojson", doc)
    model = dataset_copy.load()
    x = shapely.LineString([_A, _B]).intersection(shapely.LineString([_C, _D]))
    want = _geod_km2((_A, (x.x, x.y), _D), ((x.x, x.y), _B, _C))
    assert model.area_km2("core") == pytest.approx(want, rel=1e-9)
    g = model.growth("core", "current")  # GEOS refused the overlay of the ring crossing itself
    assert g.from_km2 == pytest.approx(want, rel=1e-9)
    assert g.added_km2 == pytest.approx(g.to_km2 - want, rel=1e-9)


def test_a_layer_with_a_ring_crossing_itself_and_a_feature_over_the_crossing(dataset_copy):
    """GEOS cannot unite them as they are (TopologyException: avzone area, locate, growth stopped with it)."""
    import pyproj
    from shapely.geometry.polygon import orient

    doc = dataset_copy.read("core.geojson")
    box = shapely.box(116.45, 39.82, 116.6, 39.95)
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[_A, _B, _C, _D, _A]]}
    extra = {**doc["features"][0], "properties": {**doc["features"][0]["properties"], "id": "core_box"}}
    doc["features"].append({**extra, "geometry": shapely.geometry.mapping(box)})
    dataset_copy.write("core.geojson", doc)
    model = dataset_copy.load()
    x = shapely.LineString([_A, _B]).intersection(shapely.LineString([_C, _D]))
    lobes = [shapely.Polygon([_A, (x.x, x.y), _D]), shapely.Polygon([(x.x, x.y), _B, _C])]
    covered = shapely.union_all([*lobes, box])  # valid pieces: no repair needed
    parts = covered.geoms if hasattr(covered, "geoms") else [covered]
    geod = pyproj.Geod(ellps="WGS84")
    want = geod.geometry_area_perimeter(shapely.MultiPolygon([orient(p, 1.0) for p in parts]))[0] / 1e6
    assert model.area_km2("core") == pytest.approx(want, rel=1e-9)
    assert model.locate(116.5, 39.9).zones["core"]  # in the box, over the crossing
    assert model.growth("core", "current").from_km2 == pytest.approx(want, rel=1e-9)


def test_equal_area_cross_check_agrees_within_1e4():
    g = shapely.Point(116.5, 39.8).buffer(0.1, quad_segs=32)
    assert geodesy.equal_area_km2(g) == pytest.approx(geodesy.area_km2(g), rel=1e-4)


def test_distance_to_boundary_along_a_meridian():
    box = shapely.box(116.4, 39.8, 116.6, 39.9)
    # Due south of the southern edge's midpoint: the nearest edge point is straight north.
    d = geodesy.distance_to_boundary_m([116.5], [39.7], box)[0]
    _, _, expected = geodesy.GEOD.inv(116.5, 39.7, 116.5, 39.8)
    assert d == pytest.approx(expected, abs=1.0)
    assert 11_000 < d < 11_200


def test_distance_to_boundary_nan_passthrough_and_shape():
    box = shapely.box(116.4, 39.8, 116.6, 39.9)
    d = geodesy.distance_to_boundary_m([116.5, np.nan], [39.7, 39.7], box)
    assert d.shape == (2,)
    assert np.isfinite(d[0]) and np.isnan(d[1])


def test_length_km_against_geod_inv():
    _, _, m = geodesy.GEOD.inv(116.0, 39.0, 117.0, 40.0)
    assert geodesy.length_km(shapely.LineString([(116.0, 39.0), (117.0, 40.0)])) == pytest.approx(m / 1000)


def test_the_readme_edge_figures_are_the_datas():
    # README (both languages): the longest zone edge and how far a straight lon/lat edge lies from the geodesic
    import re
    from pathlib import Path

    import pyproj
    import shapely

    import avzone

    geod = pyproj.Geod(ellps="WGS84")
    model = avzone.load()
    longest, apart = 0.0, 0.0
    for z in model.zone_layers:
        parts = shapely.get_parts(shapely.boundary(model.layer_geometry(z)))
        xy, part = shapely.get_coordinates(parts, return_index=True)
        same = part[1:] == part[:-1]
        a, b = xy[:-1][same], xy[1:][same]
        az, _, dist = geod.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
        mx, my, _ = geod.fwd(a[:, 0], a[:, 1], az, dist / 2)  # the geodesic's midpoint vs the straight line's
        _, _, gap = geod.inv(mx, my, (a[:, 0] + b[:, 0]) / 2, (a[:, 1] + b[:, 1]) / 2)
        longest, apart = max(longest, float(dist.max())), max(apart, float(gap.max()))
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    zh_readme = (root / "README.zh-CN.md").read_text(encoding="utf-8")
    en = re.search(r"at most (\d+) m long,\s+the two kinds of edge are less than (\d+) mm apart", readme)
    zh = re.search(r"数据中的边最长 (\d+) m，两种边相距不到 (\d+) mm", zh_readme)
    assert en and zh
    for m in (en, zh):
        assert int(m.group(1)) == round(longest) and int(m.group(2)) == math.floor(apart * 1000) + 1


@pytest.mark.parametrize("lats", [(39.4, 41.1), (-89.0, 89.0)], ids=["Beijing", "any latitude"])
def test_chord_points_follow_the_geodesic_within_millimetres(lats):
    """The chord brought to the surface: within 4 mm of Geod.fwd's point at the same fraction, up to CHORD_SEGMENT_M."""
    from pyproj import Geod

    g = Geod(ellps="WGS84")
    rng = np.random.default_rng(7)
    n = 50_000
    lon1, lat1 = rng.uniform(-180, 180, n), rng.uniform(*lats, n)
    az, d, f = rng.uniform(-180, 180, n), rng.uniform(0, geodesy.CHORD_SEGMENT_M, n), rng.uniform(0, 1, n)
    lon2, lat2, _ = g.fwd(lon1, lat1, az, d)
    want_lon, want_lat, _ = g.fwd(lon1, lat1, az, f * d)
    lon, lat = geodesy.chord_points(geodesy.ecef(lon1, lat1), geodesy.ecef(lon2, lat2), f)
    off = g.inv(want_lon, want_lat, lon, lat)[2]
    assert off.max() < 0.004
    # the ends are the ends themselves (to well under a millimetre)
    for t, (x, y) in ((0.0, (lon1, lat1)), (1.0, (lon2, lat2))):
        lon, lat = geodesy.chord_points(geodesy.ecef(lon1, lat1), geodesy.ecef(lon2, lat2), np.full(n, t))
        assert g.inv(x, y, lon, lat)[2].max() < 1e-6
    # beyond its bound the drift grows as the cube of the length: Geod.fwd is used there
    far = 5 * geodesy.CHORD_SEGMENT_M
    lon2, lat2, _ = g.fwd(lon1, lat1, az, np.full(n, far))
    want_lon, want_lat, _ = g.fwd(lon1, lat1, az, np.full(n, 0.3 * far))
    lon, lat = geodesy.chord_points(geodesy.ecef(lon1, lat1), geodesy.ecef(lon2, lat2), np.full(n, 0.3))
    assert g.inv(want_lon, want_lat, lon, lat)[2].max() > 0.05
