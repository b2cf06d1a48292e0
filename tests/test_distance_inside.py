"""Metres inside: signed distances to zone edges against a brute-force geodesic reference."""

from __future__ import annotations

import json

import numpy as np
import pyproj
import pytest
import shapely
from common import TIANANMEN, YIZHUANG_CORE, covers, run_cli, sample_points

GEOD = pyproj.Geod(ellps="WGS84")
STEP_DEG = 5e-6  # about 0.5 m between reference vertices: the reference is off by at most ~0.3 m


def _reference_m(model, layer: str, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Distance from each point to ``layer``'s edge: the least geodesic distance to a finely densified boundary.

    Independent of avzone.geodesy: no projection, no nearest-point search, only
    ``Geod.inv`` to boundary vertices at most ``STEP_DEG`` apart (the planar
    prefilter keeps the 400 closest vertices, far more than the true nearest
    can be ranked behind).
    """
    vertices = shapely.get_coordinates(shapely.segmentize(model.layer_geometry(layer).boundary, STEP_DEG))
    out = np.empty(lon.size)
    for i, (x, y) in enumerate(zip(lon.tolist(), lat.tolist())):
        dx = (vertices[:, 0] - x) * np.cos(np.radians(y))
        dy = vertices[:, 1] - y
        near = np.argpartition(dx * dx + dy * dy, 400)[:400]
        _, _, d = GEOD.inv(np.full(near.size, x), np.full(near.size, y), vertices[near, 0], vertices[near, 1])
        out[i] = float(np.min(d))
    return out


def _points(model) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = sample_points(model, 40, seed=13)
    lon = np.concatenate([lon, [YIZHUANG_CORE[0], TIANANMEN[0]]])
    lat = np.concatenate([lat, [YIZHUANG_CORE[1], TIANANMEN[1]]])
    return lon, lat


@pytest.mark.slow
def test_signed_distances_match_a_brute_force_geodesic_reference(model):
    lon, lat = _points(model)
    res = model.locate_many(lon, lat, distances=True)
    assert res.distance_inside_m is not None and res.distance_to_edge_m is not None
    for j, z in enumerate(res.zones):
        inside = covers(model, z, lon, lat)
        assert inside.any() and (~inside).any(), f"the sample should have points inside and outside {z}"
        ref = _reference_m(model, z, lon, lat)
        signed = res.distance_inside_m[:, j] - res.distance_to_edge_m[:, j]
        expected = np.where(inside, ref, -ref)
        assert np.abs(signed - expected).max() < 1.0, z
        assert (res.distance_inside_m[~inside, j] == 0).all() and (res.distance_to_edge_m[inside, j] == 0).all()


def test_one_point_and_many_agree(model):
    lon, lat = _points(model)
    many = model.locate_many(lon[:8], lat[:8], distances=True)
    for i in range(8):
        loc = model.locate(float(lon[i]), float(lat[i]))
        for j, z in enumerate(many.zones):
            assert loc.distance_inside_m[z] == pytest.approx(many.distance_inside_m[i, j], abs=1e-6)
            assert loc.distance_to_edge_m[z] == pytest.approx(many.distance_to_edge_m[i, j], abs=1e-6)


def test_locate_json_has_distance_inside(model):
    out = run_cli("locate", str(YIZHUANG_CORE[0]), str(YIZHUANG_CORE[1]), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert set(doc["distance_inside_m"]) == set(doc["distance_to_edge_m"]) == set(model.zone_layers)
    ref = _reference_m(model, "current", np.array([YIZHUANG_CORE[0]]), np.array([YIZHUANG_CORE[1]]))[0]
    assert doc["distance_inside_m"]["current"] == pytest.approx(ref, abs=1.0)
    assert doc["distance_to_edge_m"]["current"] == 0.0
    outside = json.loads(run_cli("locate", str(TIANANMEN[0]), str(TIANANMEN[1]), "--json").stdout)
    assert all(v == 0.0 for v in outside["distance_inside_m"].values())
    assert all(v > 0 for v in outside["distance_to_edge_m"].values())


def test_distance_inside_for_invalid_points_is_nan(model):
    res = model.locate_many([116.5, None], [39.79, 39.8], distances=True)
    assert np.isnan(res.distance_inside_m[1]).all() and np.isfinite(res.distance_inside_m[0]).all()
    rec = res.records(model)
    assert rec[1]["distance_inside_m"] is None and rec[0]["distance_inside_m"]["current"] > 0
