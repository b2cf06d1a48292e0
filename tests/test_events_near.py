"""A segment whose two ends are outside a zone can still cut through a corner of it (two crossings).

The walk finds such crossings only where its distance grid says a boundary
may be near; it reads that grid again only once the vehicle may have come
near enough since its last reading. These tests put a corner-cutting
segment right after moves the grid did not see (a reporting gap, a segment
too long to be walked here) and check that its two crossings are found.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

GEOD = Geod(ellps="WGS84")


def _corner_chord(model, zone: str) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """A convex corner of ``zone`` and a chord across it, about 20 m inside the corner: (vertex, end a, end b)."""
    geom = model.layer_geometry(zone)
    poly = max(shapely.get_parts(geom), key=lambda p: p.area)
    ring = np.asarray(poly.exterior.coords)[:-1]
    lat0 = float(ring[:, 1].mean())
    kx = np.cos(np.radians(lat0))
    best = None
    for i in range(len(ring)):
        v, a, b = ring[i], ring[i - 1], ring[(i + 1) % len(ring)]
        ua, ub = (a - v) * [kx, 1.0], (b - v) * [kx, 1.0]
        ua, ub = ua / np.linalg.norm(ua), ub / np.linalg.norm(ub)
        n = ua + ub
        if np.linalg.norm(n) < 0.3:
            continue
        n = n / np.linalg.norm(n)
        inward = v + n * 2e-4 / [kx, 1.0]  # ~20 m along the bisector
        if not poly.contains(shapely.Point(inward)):
            continue  # a reflex corner
        angle = float(np.degrees(np.arccos(np.clip(np.dot(ua, ub), -1, 1))))
        if best is None or angle < best[0]:
            t = np.array([-n[1], n[0]])
            half = 2e-4 * np.tan(np.radians(angle / 2)) * 3  # three times as far as the edges are
            ends = [inward + s * t * half / [kx, 1.0] for s in (-1, 1)]
            best = (angle, tuple(v), tuple(ends[0]), tuple(ends[1]))
    assert best is not None
    _, v, a, b = best
    chord = shapely.LineString([a, b])
    assert not geom.contains(shapely.Point(a)) and not geom.contains(shapely.Point(b))
    assert len(shapely.get_parts(chord.intersection(geom.boundary))) == 2
    return v, a, b


def _away(point: tuple[float, float], vertex: tuple[float, float], metres: float) -> tuple[float, float]:
    """The point ``metres`` from ``vertex`` on the far side of it from the zone (along ``vertex`` -> ``point``)."""
    az = GEOD.inv(*point, *vertex)[0]  # towards the vertex ... and on, away from the zone
    lon, lat, _ = GEOD.fwd(*vertex, az + 180.0, metres)
    return float(lon), float(lat)


@pytest.mark.parametrize("unseen", ["gap", "long segment"])
@pytest.mark.parametrize("order", ["grouped", "shuffled"])
def test_a_corner_cut_after_an_unseen_move_gives_its_two_crossings(model, unseen, order):
    vertex, a, b = _corner_chord(model, "core")
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    far = 25_000.0 if unseen == "long segment" else 3_000.0  # (longer than the walk measures; a gap)
    p0 = _away(mid, vertex, far)
    p1 = _away(mid, vertex, far + 100.0)
    t0 = pd.Timestamp("2024-11-01 08:00")
    jump = pd.Timedelta(minutes=30 if unseen == "gap" else 20)
    times = [t0, t0 + pd.Timedelta(seconds=10), t0 + pd.Timedelta(seconds=10) + jump]
    times.append(times[-1] + pd.Timedelta(seconds=10))
    fixes = pd.DataFrame(
        {"vehicle": "a", "ts": times, "lon": [p1[0], p0[0], a[0], b[0]], "lat": [p1[1], p0[1], a[1], b[1]]}
    )
    frame = fixes if order == "grouped" else fixes.iloc[[2, 0, 3, 1]]
    gaps = {"max_gap_s": 600.0, "max_gap_m": 5000.0} if unseen == "gap" else {"max_gap_s": None, "max_gap_m": None}
    res = model.events(frame, zones=["core"], **gaps)
    cut = res.events[res.events["row_before"] == 2]
    assert cut["event"].tolist() == ["enter", "exit"], res.events
    assert (cut["row_after"] == 3).all()
    if unseen == "gap":
        assert (res.events["event"] == "gap").sum() == 0  # (outside the zone at both ends of the gap: no gap event)
