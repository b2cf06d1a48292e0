"""Events of segments longer than 500 m that run along a zone's boundary, against shapely.

A segment longer than :data:`avzone.events.LINEAR_SEGMENT_M` is followed as
straight pieces whose ends lie on its geodesic (README), each within about
4 mm of it. Where the boundary runs within millimetres of such a segment,
its crossings are those of the pieces: the oracle of
tests/test_events_touch.py, which follows the same pieces (a dip shorter
than the tolerance may be left out; a stretch within rounding of the
boundary is on the side before it).
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from test_events_touch import _agrees, _crossing_pairs_agree, _events_of_pairs, _oracle, _path, _rings

from avzone import events as ev
from avzone.geodesy import GEOD


def _from_an_edge(model, zone: str, rng: np.random.Generator) -> list[tuple[tuple[float, float], ...]]:
    """Segments of 500 m to 5 km from a point of a boundary edge (a fix on the edge, within rounding) to a vertex
    a few edges on, and back: in the dataset's nearly straight runs of vertices, the segment runs within
    millimetres of the boundary."""
    pairs = []
    for xy in _rings(model.layer_geometry(zone)):
        n = len(xy) - 1
        for i in range(n):
            p = xy[i] + rng.uniform(0.01, 0.99) * (xy[i + 1] - xy[i])
            a = (float(p[0]), float(p[1]))
            for j in range(i + 1, i + 8):
                b = (float(xy[j % n][0]), float(xy[j % n][1]))
                if ev.LINEAR_SEGMENT_M < GEOD.inv(*a, *b)[2] < 5000.0:
                    pairs += [(a, b), (b, a)]
                    break
    return pairs


@pytest.mark.parametrize("zone", ["planned", "outlook"])
def test_a_long_segment_from_a_fix_on_a_boundary_edge_crosses_where_its_pieces_do(model, zone):
    """A fix on a boundary edge, the segment on along nearly collinear vertices: the side of the path beside
    the fix is asked of the zone index at a point of the path's pieces, where the crossings were found. It was
    asked on the geodesic, up to millimetres beside the pieces and across the boundary from them: the side
    then disagreed with the crossings and the segment lost them all (a stretch of up to 700 m outside the zone
    counted inside, or the reverse)."""
    pairs = _from_an_edge(model, zone, np.random.default_rng(5))
    assert len(pairs) > 100
    assert _crossing_pairs_agree(model, zone, pairs) > 20


def test_a_long_segment_leaving_the_zone_at_a_fix_on_an_edge_beside_a_straight_run_of_vertices(model):
    """One of those: the fix on an edge of ``planned``, the segment 518 m on to a vertex two edges on; the
    pieces leave the zone at the fix and run a millimetre outside it for 203 m before they enter it again
    (no event and all of it inside before)."""
    xy = shapely.get_coordinates(model.layer_geometry("planned").boundary)
    v = [
        int(np.argmin(np.hypot(*(xy - p).T)))
        for p in ((116.6675, 39.8235), (116.663333, 39.823), (116.659167, 39.8225))
    ]
    assert v[1] == v[0] + 1 and v[2] == v[0] + 2, "the zone was redrawn"
    p = xy[v[0]] + 0.5649894439185497 * (xy[v[1]] - xy[v[0]])
    a, b = (float(p[0]), float(p[1])), (float(xy[v[2]][0]), float(xy[v[2]][1]))
    got, summary = _events_of_pairs(model, "planned", [(a, b)])
    want, d, inside = _oracle(model.layer_geometry("planned"), a, b)
    assert [k for k, *_ in want] == ["exit", "enter"] and want[1][1] * d == pytest.approx(203.4, abs=0.5)
    assert list(got.event) == ["exit", "enter"]
    assert got.f.iloc[0] * d < 1.0 and abs(got.f.iloc[1] - want[1][1]) * d < 1.0
    assert summary.distance_inside_m.iloc[0] == pytest.approx(inside, abs=1.0)
    assert len(_path(a, b)[0]) == 3  # (two pieces)


def test_a_long_segment_ending_along_the_boundary_within_rounding_keeps_its_crossing_at_the_first_fix(model):
    """A fix on an edge of ``outlook`` (outside, by rounding), the pieces inside the zone by up to 5 mm for 253 m,
    then within 0.1 mm of the boundary (on it, within rounding) to a vertex. The zone index tells inside after
    the first fix and, beside the last, the last fix's side (the probe on the boundary): with the one crossing
    the pieces find between (into the stretch on the boundary), the sides and the crossings disagreed and the
    segment got the one crossing the zone index's bisection found, at its end (253 m inside called outside).
    Now that probe tells no side: the segment enters at its first fix."""
    xy = shapely.get_coordinates(model.layer_geometry("outlook").boundary)
    v = [int(np.argmin(np.hypot(*(xy - p).T))) for p in ((116.670714, 40.032857), (116.667857, 40.041429))]
    assert v[1] == v[0] + 2, "the zone was redrawn"
    a, b = (116.66935648491481, 40.036931446537196), (float(xy[v[1]][0]), float(xy[v[1]][1]))
    geom = model.layer_geometry("outlook")
    assert shapely.LineString(xy[v[0] : v[0] + 2]).distance(shapely.Point(a)) < 1e-12  # (on the first edge)
    assert not shapely.covers(geom, shapely.Point(a))
    got, summary = _events_of_pairs(model, "outlook", [(a, b)])
    d = GEOD.inv(*a, *b)[2]
    assert _agrees(geom, a, b, list(zip(got.event, got.f, strict=True))), got
    assert got.event.iloc[0] == "enter" and got.f.iloc[0] * d < 1.0
    assert summary.distance_inside_m.iloc[0] > 250.0


def _zigzag_model(dataset_copy):
    """The dataset with ``core`` a 3 km by 2 km rectangle whose south edge is 80 vertices that zigzag by up to
    0.1 m about the parallel (the geodesic along it bows north by up to 0.15 m): long segments along it cross
    the zigzag where it is millimetres from their path."""
    rng = np.random.default_rng(1)
    n = 80
    lons = np.linspace(116.50, 116.535, n)
    lats = 39.80 + 0.1 / 111_000 * np.where(np.arange(n) % 2 == 0, 1, -1) * rng.uniform(0.2, 1.0, n)
    lats[0] = lats[-1] = 39.80
    south = [[float(x), float(y)] for x, y in zip(lons, lats, strict=True)]
    doc = dataset_copy.read("core.geojson")
    ring = [*south, [116.535, 39.82], [116.50, 39.82], south[0]]
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    dataset_copy.write("core.geojson", doc)
    return dataset_copy.load(), south


def test_a_long_segment_along_a_zigzag_boundary_crosses_where_its_pieces_do_within_millimetres_of_its_geodesic(
    dataset_copy,
):
    """Documented behaviour, pinned: a long segment is followed as straight pieces whose ends lie on its
    geodesic, within about 4 mm of it (README). Along a boundary that zigzags within millimetres of the
    geodesic, the events are the pieces' crossings (the oracle's, a dip shorter than the tolerance left out);
    the geodesic itself (shapely on 0.5 m steps) crosses the zigzag at other places too, enter and exit a
    metre or more apart, and the events then give a side the geodesic does not have, but only where the
    geodesic is within 5 mm of the boundary (the pieces' distance from it, and rounding)."""
    model, south = _zigzag_model(dataset_copy)
    geom = model.layer_geometry("core")
    pairs = []
    for i in range(0, 30, 3):
        for j in range(i + 15, len(south), 16):
            a, b = tuple(south[i]), tuple(south[j])
            pairs += [(a, b), (b, a)]
    got, _ = _events_of_pairs(model, "core", pairs)
    apart = 0  # (segments whose events give a side the geodesic does not have somewhere)
    for i, (a, b) in enumerate(pairs):
        mine = got[got.id == i]
        assert _agrees(geom, a, b, list(zip(mine.event, mine.f, strict=True))), (a, b, _oracle(geom, a, b), mine)
        az, _, d = GEOD.inv(*a, *b)
        x = np.arange(0.25, d, 0.5)
        lon, lat, _ = GEOD.fwd(np.full(x.size, a[0]), np.full(x.size, a[1]), np.full(x.size, az), x)
        pts = shapely.points(lon, lat)
        side = np.full(x.size, bool(shapely.covers(geom, shapely.Point(a))))
        for kind, f in zip(mine.event, mine.f, strict=True):
            side[x >= f * d] = kind == "enter"
        differ = side != shapely.covers(geom, pts)
        assert (shapely.distance(geom.boundary, pts[differ]) * 111_320 < 0.005).all(), (a, b, mine)
        apart += int(np.count_nonzero(differ) > 4)  # (more than 2 m of the geodesic on the other side)
    assert apart > 10


def test_a_segment_on_a_boundary_edge_within_rounding_gets_no_pair_of_crossings_apart_on_it(model):
    """Pinned: fixes on a boundary edge or the vertices of a straight run of them, moved 1e-14 degrees off it
    (rounding): a segment on the boundary within rounding is on its fixes' side; the pieces' crossings of the
    boundary there (by rounding, anywhere along it) give no enter and exit metres apart on it. (The probe
    before the last fix of the segment below is on the boundary; the one crossing the pieces find, 3.4 m from
    that fix, is into that stretch: none. Telling the side there from the crossings instead gave an exit
    and an enter 3.4 m apart.)"""
    geom = model.layer_geometry("outlook")
    a, b = (116.45688760869041, 39.83465449611819), (116.453214, 39.834429)
    assert geom.boundary.distance(shapely.LineString([a, b]).interpolate(0.5, normalized=True)) < 1e-15
    got, summary = _events_of_pairs(model, "outlook", [(a, b)])
    assert got.empty and summary.share_of_distance.iloc[0] == 1.0
    rng = np.random.default_rng(9)
    pairs = []
    for xy in _rings(geom)[:1]:
        n = len(xy) - 1
        for i in range(0, n, 2):
            e = xy[i + 1] - xy[i]
            off = 1e-14 * np.array([-e[1], e[0]]) / np.hypot(*e)
            t, u = sorted(rng.uniform(0, 1, 2))
            for p, q in ((xy[i] + t * e, xy[i] + u * e), (xy[i], xy[(i + 3) % n])):
                for s in (1.0, -1.0):
                    pairs.append(((float((p + s * off)[0]), float((p + s * off)[1])),
                                  (float((q + s * off)[0]), float((q + s * off)[1]))))  # fmt: skip
    got, _ = _events_of_pairs(model, "outlook", pairs)
    for i, (a, b) in enumerate(pairs):
        mine = got[got.id == i]
        assert _agrees(geom, a, b, list(zip(mine.event, mine.f, strict=True))), (a, b, mine)
        line = shapely.LineString(_path(a, b)[0])
        d = GEOD.inv(*a, *b)[2]
        for f0, f1 in zip(mine.f.iloc[:-1], mine.f.iloc[1:], strict=True):
            mid = line.interpolate((f0 + f1) / 2, normalized=True)
            assert (f1 - f0) * d < 2.0 or geom.boundary.distance(mid) > 1e-9, (a, b, mine)
