"""Events of segments with a fix on a zone's boundary, against shapely on the densified geodesic.

A fix on a vertex of the boundary has its zone's flag (inside), but the
segment may leave the zone right there: that is a crossing too, and the
other crossings of the segment must not be paired off without it.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import shapely

from avzone.events import LINEAR_SEGMENT_M
from avzone.geodesy import GEOD

BASE = pd.Timestamp("2024-07-01 08:00")


def _vertex(model, zone: str, near: tuple[float, float]) -> tuple[float, float]:
    """The vertex of the zone's boundary nearest ``near`` (the fix put exactly on it)."""
    xy = shapely.get_coordinates(model.layer_geometry(zone).boundary)
    v = xy[np.argmin(np.hypot(xy[:, 0] - near[0], xy[:, 1] - near[1]))]
    assert np.hypot(v[0] - near[0], v[1] - near[1]) < 1e-4, "the zone was redrawn: no vertex there"
    return float(v[0]), float(v[1])


def _oracle(model, zone: str, a: tuple[float, float], b: tuple[float, float]) -> tuple[list[tuple[str, float]], float]:
    """The crossings (kind, fraction of the length) of the geodesic a -> b with the zone, and the metres inside.

    The geodesic as a line of 20 m pieces (each within a micrometre of it); shapely's intersection with the
    zone gives the stretches on the boundary, and the side between them is
    read at their midpoints (a fix's own side is ``covers``, as the zone
    index has it).
    """
    geom = model.layer_geometry(zone)
    d = GEOD.inv(*a, *b)[2]
    line = shapely.LineString([a, *GEOD.npts(*a, *b, int(d // 20)), b])
    inter = shapely.intersection(line, geom)
    cuts = {0.0, 1.0}
    for g in getattr(inter, "geoms", [inter]):
        for p in shapely.get_coordinates(g):
            cuts.add(line.project(shapely.Point(p), normalized=True))
    cuts_sorted = sorted(cuts)
    events: list[tuple[str, float]] = []
    state = bool(shapely.covers(geom, shapely.Point(a)))
    inside_m = 0.0
    for u, v in itertools.pairwise(cuts_sorted):
        if v - u < 1e-12:
            continue
        side = bool(shapely.covers(geom, line.interpolate((u + v) / 2, normalized=True)))
        inside_m += (v - u) * d if side else 0.0
        if side != state:
            events.append(("enter" if side else "exit", u))
            state = side
    end = bool(shapely.covers(geom, shapely.Point(b)))
    if end != state:
        events.append(("enter" if end else "exit", 1.0))
    return events, inside_m


@pytest.mark.parametrize(
    ("zone", "vertex", "other", "vertex_first"),
    [
        # leaves the zone at the vertex, comes back in 270 m further on (both fixes inside)
        ("planned", (116.593194, 39.830624), (116.81118935919837, 39.8760428655951), True),
        # leaves the outlook at a vertex, crosses it again 17 km further on and leaves it before the other fix
        ("outlook", (116.3075, 39.834), (116.38143690806012, 40.1633027553864), True),
        # the same driven the other way: the last crossing is at the vertex the segment ends on
        ("outlook", (116.3075, 39.834), (116.38143690806012, 40.1633027553864), False),
        # from a vertex to a vertex: outside from the first, in again 485 m on (the inverse was reported)
        ("current", (116.577307, 39.8269), (116.531437, 39.827675), True),
    ],
)
def test_a_segment_leaving_the_zone_at_a_fix_on_its_boundary_crosses_it_there(model, zone, vertex, other, vertex_first):
    v = _vertex(model, zone, vertex)
    if zone == "current":  # (the other fix is a vertex too)
        other = _vertex(model, zone, other)
    a, b = (v, other) if vertex_first else (other, v)
    df = pd.DataFrame(
        {"vehicle": "a", "ts": [BASE, BASE + pd.Timedelta(seconds=600)], "lon": [a[0], b[0]], "lat": [a[1], b[1]]}
    )
    res = model.events(df, zones=[zone], max_gap_s=None, max_gap_m=None)
    expected, inside_m = _oracle(model, zone, a, b)
    assert len(expected) >= 2  # (the case has a crossing at the fix and another)
    got = res.events
    assert list(got.event) == [k for k, _ in expected]
    d = GEOD.inv(*a, *b)[2]
    for (_, f), (_, row) in zip(expected, got.iterrows(), strict=True):
        want = GEOD.fwd(*a, GEOD.inv(*a, *b)[0], f * d)[:2]
        assert GEOD.inv(row.lon, row.lat, *want)[2] < 2.0
        assert abs((row.time - BASE.tz_localize("Asia/Shanghai")).total_seconds() - 600 * f) < 2.0 * 600 / d + 1e-3
    s = res.summary.iloc[0]
    assert s.distance_inside_m == pytest.approx(inside_m, abs=2.0)
    assert s.time_inside_s == pytest.approx(600 * inside_m / d, abs=600 * 2.0 / d + 1e-3)  # (at constant speed)
    assert (s.enters, s.exits) == (sum(k == "enter" for k, _ in expected), sum(k == "exit" for k, _ in expected))


def test_a_segment_along_a_boundary_edge_between_two_vertices_crosses_nothing(model):
    """Both fixes on vertices, the segment along the boundary between them (within rounding): no event, all inside.

    (Edges up to 500 m, which the segment follows as a straight line in lon/lat; a longer one is followed
    along the geodesic, millimetres beside the edge: tests/test_events_touch.py.)
    """
    rows = []
    for part in model.layer_geometry("planned").geoms:  # every edge of the multipolygon, a vehicle each
        xy = shapely.get_coordinates(part.exterior)
        for i in range(len(xy) - 1):
            if 1.0 <= GEOD.inv(*xy[i], *xy[i + 1])[2] <= LINEAR_SEGMENT_M:
                for a, b in ((xy[i], xy[i + 1]), (xy[i + 1], xy[i])):  # (rounding differs with the direction)
                    rows += [(len(rows), BASE, *a), (len(rows), BASE + pd.Timedelta(seconds=60), *b)]
    df = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    res = model.events(df, zones=["planned"], max_gap_s=None, max_gap_m=None)
    assert res.events.empty, res.events
    assert (res.summary.share_of_distance == 1.0).all()
