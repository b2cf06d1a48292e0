"""Events of segments that touch a zone's boundary, run along it or have their fixes on it, against shapely.

The oracle follows the path the events follow (README: a segment up to
500 m is a straight line in lon/lat, a longer one straight pieces of up to
500 m whose ends lie on the geodesic) and finds where shapely's
intersection with the zone's boundary cuts it; the side between the cuts
is ``covers`` at their middle, and a stretch within rounding of the
boundary (1e-9 degrees) is on the side before it (README: a segment along a
boundary segment, within rounding, is on the fix's side), so that an event
next to such a stretch may be anywhere on it. An enter and an exit closer
than the tolerance (1 m) may be left out (a dip shorter than the bisection's
bracket is not reported).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import shapely

from avzone import events as ev
from avzone.geodesy import GEOD

BASE = pd.Timestamp("2024-07-01 08:00")
T0 = BASE.tz_localize("Asia/Shanghai")
ON_EDGE_DEG = 1e-9
TOL_M = 1.0


def _path(a: tuple[float, float], b: tuple[float, float]) -> tuple[list[tuple[float, float]], float]:
    """The path the events follow from a to b (with Geod.fwd for the pieces' ends), and its length."""
    az, _, d = GEOD.inv(*a, *b)
    if d <= ev.LINEAR_SEGMENT_M:
        return [a, b], d
    k = int(np.ceil(d / ev.LINEAR_SEGMENT_M))
    lon, lat, _ = GEOD.fwd(np.full(k - 1, a[0]), np.full(k - 1, a[1]), np.full(k - 1, az), np.arange(1, k) * d / k)
    return [a, *zip(lon.tolist(), lat.tolist(), strict=True), b], d


def _oracle(geom, a, b) -> tuple[list[tuple[str, float, float, float]], float, float]:
    """(kind, fraction, earliest, latest) of each crossing of the path a -> b with the zone, its length, metres in."""
    pts, d = _path(a, b)
    line = shapely.LineString(pts)
    cuts = {0.0, 1.0}
    for p in shapely.get_coordinates(shapely.intersection(line, geom.boundary)):
        cuts.add(line.project(shapely.Point(p), normalized=True))
    out: list[tuple[str, float, float, float]] = []
    state = bool(shapely.covers(geom, shapely.Point(a)))
    inside = 0.0
    lo = 0.0  # where the stretch on the boundary (within rounding) before the next crossing starts
    for u, v in itertools.pairwise(sorted(cuts)):
        if v - u < 1e-15:
            continue
        mid = line.interpolate((u + v) / 2, normalized=True)
        on = geom.boundary.distance(mid) < ON_EDGE_DEG
        side = state if on else bool(shapely.covers(geom, mid))
        inside += (v - u) * d if side else 0.0
        if side != state:
            out.append(("enter" if side else "exit", u, lo, u))
            state = side
        if not on:
            lo = v
    if bool(shapely.covers(geom, shapely.Point(b))) != state:
        out.append(("exit" if state else "enter", 1.0, lo, 1.0))
    return out, d, inside


def _agrees(geom, a, b, got: list[tuple[str, float]]) -> bool:
    """Whether the events ``got`` (kind, fraction) are the oracle's, less dips shorter than the tolerance.

    (Also left aside: a pair the events report where the path between them is on the boundary within rounding.)
    """
    want, d, _ = _oracle(geom, a, b)
    pts, _ = _path(a, b)
    line = shapely.LineString(pts)
    i = j = 0
    while i < len(want) or j < len(got):
        if i < len(want) and j < len(got) and got[j][0] == want[i][0]:
            _, _, lo, hi = want[i]
            if (lo - got[j][1]) * d < 2 * TOL_M and (got[j][1] - hi) * d < 2 * TOL_M:
                i, j = i + 1, j + 1
                continue
        if i + 1 < len(want) and (want[i + 1][1] - want[i][1]) * d < TOL_M:
            i += 2
            continue
        if j + 1 < len(got):
            mid = line.interpolate((got[j][1] + got[j + 1][1]) / 2, normalized=True)
            if geom.boundary.distance(mid) < ON_EDGE_DEG:
                j += 2
                continue
        return False
    return True


def _crossing_pairs_agree(model, zone, pairs):
    """Check each two-fix segment's events against the shapely oracle; how many of the segments have events."""
    geom = model.layer_geometry(zone)
    got, _ = _events_of_pairs(model, zone, pairs)
    crossing = 0
    for i, (a, b) in enumerate(pairs):
        mine = got[got.id == i]
        assert _agrees(geom, a, b, list(zip(mine.event, mine.f, strict=True))), (a, b, _oracle(geom, a, b), mine)
        crossing += len(mine) > 0
    return crossing


def _events_of_pairs(model, zone: str, pairs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events of one segment per vehicle (a minute long), with each event's fraction along its segment."""
    rows = []
    for i, (a, b) in enumerate(pairs):
        rows += [(i, BASE, *a), (i, BASE + pd.Timedelta(seconds=60), *b)]
    df = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    res = model.events(df, zones=[zone], max_gap_s=None, max_gap_m=None)
    out = res.events.copy()
    out["f"] = (out.time - T0).dt.total_seconds() / 60
    return out, res.summary


def _rings(geom) -> list[np.ndarray]:
    return [shapely.get_coordinates(r) for p in shapely.get_parts(geom) for r in [p.exterior, *p.interiors]]


def _at_a_joint(v, az: float, pieces: int, j: int, piece_m: float):
    """Fixes a, b of a segment of ``pieces`` pieces of ``piece_m`` along azimuth ``az`` whose ``j``-th joint is
    exactly the point ``v`` (the second fix moved by a few units in the last place until it is), or None."""
    a = np.array(GEOD.fwd(v[0], v[1], az + 180.0, j * piece_m)[:2])
    b = np.array(GEOD.fwd(v[0], v[1], az, (pieces - j) * piece_m)[:2])

    def joints(bx: np.ndarray, by: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n = bx.size
        d = GEOD.inv(np.full(n, a[0]), np.full(n, a[1]), bx, by)[2]
        seg = ev._Segments(np.full(n, a[0]), np.full(n, a[1]), bx, by, np.zeros(n), d)
        vx, vy, offsets = ev._segment_paths(seg)
        return vx, vy, offsets

    for _ in range(4):  # (the joint moves by j / pieces of the second fix's move)
        vx, vy, offsets = joints(np.array([b[0]]), np.array([b[1]]))
        if offsets[1] != pieces + 1:
            return None
        b = b + (np.array([v[0] - vx[j], v[1] - vy[j]])) * pieces / j
    ulps = np.arange(-16, 17)
    ox, oy = (g.ravel() for g in np.meshgrid(ulps, ulps))
    bx, by = b[0] + ox * np.spacing(b[0]), b[1] + oy * np.spacing(b[1])
    vx, vy, offsets = joints(bx, by)
    ok = np.flatnonzero(np.diff(offsets) == pieces + 1)
    ok = ok[(vx[offsets[ok] + j] == v[0]) & (vy[offsets[ok] + j] == v[1])]
    return None if ok.size == 0 else ((float(a[0]), float(a[1])), (float(bx[ok[0]]), float(by[ok[0]])))


def _touching_at_joints(model, zone: str, rng: np.random.Generator) -> list[tuple[tuple[float, float], ...]]:
    """Segments longer than 500 m through a vertex of the zone at a joint of their pieces, both of the
    vertex's edges on one side of the segment (at least 3 degrees from it): the segment touches the
    boundary there, not crossing it; elsewhere it may cross the zone."""
    out = []
    for xy in _rings(model.layer_geometry(zone)):
        n = len(xy) - 1
        for i in range(n):
            prev, v, nxt = xy[i - 1], xy[i], xy[(i + 1) % n]
            near = 1e-7  # (azimuths of the edges' directions at v)
            az_e = sorted(GEOD.inv(v[0], v[1], *(v + near * (w - v)))[0] % 360 for w in (prev, nxt))
            for t in rng.uniform(0, 360, 24):
                # both edges on one side: neither the segment's direction nor its opposite between them
                if any(az_e[0] - 3 <= (t + h) % 360 <= az_e[1] + 3 for h in (0, 180)):
                    continue
                pieces = int(rng.integers(2, 7))
                fixes = _at_a_joint(v, float(t), pieces, int(rng.integers(1, pieces)), float(rng.uniform(300, 499)))
                if fixes is not None:
                    out.append(fixes)
    return out


@pytest.mark.parametrize("zone", ["core", "current", "planned"])
def test_a_segment_touching_a_vertex_at_a_joint_of_its_pieces_crosses_where_shapely_says(model, zone):
    """A vertex of the boundary exactly at a joint of a long segment's 500 m pieces, the segment touching it.

    Both pieces ending there used to see it (the one before it at s just under 1, by rounding, the one
    after at 0): the touch counted three times, the segment's crossings no longer those its ends' sides
    need, and its other crossings lost. Now the joint is the next piece's alone.
    """
    pairs = _touching_at_joints(model, zone, np.random.default_rng(7))
    assert len(pairs) > 20
    assert _crossing_pairs_agree(model, zone, pairs) > 5  # (some of them cross the zone elsewhere)


def _two_vertices_apart(model, inside: bool) -> list[tuple[str, tuple[float, float], tuple[float, float]]]:
    """Fixes on vertices i and i + 2 of a zone's ring, up to 500 m apart, the vertex between them more than
    1 m off the segment: the segment outside the zone between them (across a notch) or inside (a corner cut)."""
    out = []
    for zone in ("core", "current", "planned", "outlook"):
        geom = model.layer_geometry(zone)
        for xy in _rings(geom):
            n = len(xy) - 1
            for i in range(n):
                a, m, b = xy[i], xy[(i + 1) % n], xy[(i + 2) % n]
                if not 5.0 < GEOD.inv(*a, *b)[2] <= ev.LINEAR_SEGMENT_M:
                    continue
                line = shapely.LineString([a, b])
                if line.distance(shapely.Point(m)) < 1e-5:
                    continue
                inter = shapely.intersection(line, geom)
                if (inter.length > line.length * (1 - 1e-9)) == inside and (inside or inter.length == 0.0):
                    out.append((zone, (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))))
    return out


def test_a_segment_outside_the_zone_between_two_fixes_on_its_boundary_leaves_it_and_comes_back(model):
    """Both fixes on the boundary (vertices), the segment outside between them: an exit at the first fix and an
    enter at the second, where the bisection towards them ends, and no time inside between (it used to be
    inside all along: the boundary segments found no crossing, or one at a fix by rounding).

    The boundary segments now find the crossings at both fixes (two at each, one per edge, which would pair
    off as touches): the walk's check of crossings within :data:`AT_FIX_M` of a fix is what leaves them to
    the zone index (without it, no event at all).
    """
    cases = _two_vertices_apart(model, inside=False)
    assert len(cases) > 100
    for zone in sorted({z for z, _, _ in cases}):
        pairs = [(a, b) for z, a, b in cases if z == zone]
        got, summary = _events_of_pairs(model, zone, pairs)
        geom = model.layer_geometry(zone)
        for i, (a, b) in enumerate(pairs):
            mine = got[got.id == i]
            want, d, _ = _oracle(geom, a, b)
            assert [k for k, *_ in want] == ["exit", "enter"]
            assert list(mine.event) == ["exit", "enter"], (zone, a, b, mine)
            assert mine.f.iloc[0] * d < TOL_M / 2 and (1 - mine.f.iloc[1]) * d < TOL_M / 2
            s = summary[summary.id == i].iloc[0]
            assert s.distance_inside_m < TOL_M and (s.enters, s.exits) == (1, 1)


def test_a_segment_inside_the_zone_between_two_fixes_on_its_boundary_crosses_nothing(model):
    """Both fixes on vertices, the segment inside between them (a corner cut): no event, all inside, though the
    boundary segments find crossings at both fixes."""
    cases = _two_vertices_apart(model, inside=True)
    assert len(cases) > 100
    for zone in sorted({z for z, _, _ in cases}):
        pairs = [(a, b) for z, a, b in cases if z == zone]
        got, summary = _events_of_pairs(model, zone, pairs)
        assert got.empty, (zone, got)
        assert (summary.share_of_distance == 1.0).all()


def test_a_segment_along_a_long_boundary_edge_is_on_the_side_its_geodesic_is(model):
    """Fixes on the two vertices of an edge longer than 500 m: the segment follows the geodesic, millimetres
    beside the edge, outside or inside the zone as the geodesic is (shapely on a 20 m densified geodesic):
    an exit at the first fix and an enter at the second where it is outside, no event where inside."""
    geom = model.layer_geometry("planned")
    pairs = []
    for xy in _rings(geom):
        for i in range(len(xy) - 1):
            if GEOD.inv(*xy[i], *xy[i + 1])[2] > ev.LINEAR_SEGMENT_M:
                a, b = (float(xy[i][0]), float(xy[i][1])), (float(xy[i + 1][0]), float(xy[i + 1][1]))
                pairs += [(a, b), (b, a)]
    got, summary = _events_of_pairs(model, "planned", pairs)
    outside = 0
    for i, (a, b) in enumerate(pairs):
        d = GEOD.inv(*a, *b)[2]
        line = shapely.LineString([a, *GEOD.npts(*a, *b, int(d // 20)), b])
        mids = [line.interpolate(f, normalized=True) for f in (0.25, 0.5, 0.75)]
        out = [not shapely.covers(geom, p) for p in mids]
        assert all(out) or not any(out)  # (one side all along)
        mine = got[got.id == i]
        assert list(mine.event) == (["exit", "enter"] if out[0] else []), (a, b, mine)
        s = summary[summary.id == i].iloc[0]
        assert s.distance_inside_m < TOL_M if out[0] else s.share_of_distance == 1.0
        outside += out[0]
    assert 0 < outside < len(pairs)


def _hugging(geom, rng: np.random.Generator, vehicles: int, fixes: int) -> pd.DataFrame:
    """Trajectories along the zone's rings: fixes on vertices, on edges (within rounding), at the next vertex
    (a segment along an edge), metres off the boundary, or a few vertices on."""
    rings = _rings(geom)
    rows = []
    for v in range(vehicles):
        xy = rings[int(rng.integers(len(rings)))]
        k = int(rng.integers(len(xy) - 1))
        for f in range(fixes):
            kind = int(rng.integers(5))
            if kind == 1 and GEOD.inv(*xy[k], *xy[k + 1])[2] <= ev.LINEAR_SEGMENT_M:
                p = xy[k] + rng.uniform() * (xy[k + 1] - xy[k])
            elif kind == 2:
                p = xy[k + 1]
            elif kind == 3:
                p = xy[k] + rng.normal(0.0, 3e-5, 2)
            elif kind == 4:
                p = xy[min(len(xy) - 1, k + int(rng.integers(2, 6)))]
            else:
                p = xy[k]
            k = min(len(xy) - 2, max(0, k + int(rng.integers(-1, 3))))
            rows.append((v, BASE + pd.Timedelta(seconds=30 * f), float(p[0]), float(p[1])))
    return pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])


@pytest.mark.parametrize("zone", ["core", "current", "planned", "outlook"])
def test_trajectories_hugging_the_boundary_cross_it_where_shapely_says(model, zone):
    """Random trajectories along the boundary (fixes snapped to vertices and edges, segments along edges):
    each segment up to 500 m has the oracle's crossings."""
    geom = model.layer_geometry(zone)
    df = _hugging(geom, np.random.default_rng(11), 100, 12)
    res = model.events(df, zones=[zone], max_gap_s=None, max_gap_m=None)
    got = res.events
    checked = crossing = 0
    for i in range(len(df) - 1):
        if df.vehicle[i] != df.vehicle[i + 1]:
            continue
        a, b = (df.lon[i], df.lat[i]), (df.lon[i + 1], df.lat[i + 1])
        if a == b or GEOD.inv(*a, *b)[2] > ev.LINEAR_SEGMENT_M:
            continue
        mine = got[got.row_before == i]
        f = ((mine.time - T0).dt.total_seconds() - 30 * (i % 12)) / 30
        assert _agrees(geom, a, b, list(zip(mine.event, f, strict=True))), (a, b, _oracle(geom, a, b), mine)
        checked += 1
        crossing += len(mine) > 0
    assert checked > 350 and crossing > 50
