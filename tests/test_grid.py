"""Tests of the exact one-pass point-in-zone index (:mod:`avzone._grid`).

Every answer is compared with shapely itself (``intersects_xy``, which for
points is ``covers``), point by point, on random points and on the points
where a grid index can go wrong: vertices, points on edges, and points a
tiny distance (down to one ulp) from edges and vertices, on both sides,
plus points at distances around the index's own margin and cell size.
"""

from __future__ import annotations

import pickle
import threading
from functools import cache

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import avzone._grid as grid
from avzone._grid import ZoneIndex, classify_points

# --------------------------------------------------------------------------
# geometries
# --------------------------------------------------------------------------


def _jagged(cx: float, cy: float, rx: float, ry: float, n: int, seed: int, jitter: float = 0.01) -> shapely.Polygon:
    """A star-shaped polygon with ``n`` vertices and a wobbly, jagged outline."""
    rng = np.random.default_rng(seed)
    th = np.sort(rng.uniform(0.0, 2.0 * np.pi, n))
    r = 1.0 + 0.15 * np.sin(3 * th + seed) + 0.08 * np.sin(11 * th) + jitter * rng.uniform(-1.0, 1.0, n)
    return shapely.Polygon(np.c_[cx + rx * r * np.cos(th), cy + ry * r * np.sin(th)])


def _roads(seed: int) -> shapely.Geometry:
    """Buffered random-walk 'roads' unioned: many vertices, holes, several parts."""
    rng = np.random.default_rng(seed)
    lines = []
    for _ in range(6):
        steps = rng.normal(0.0, 0.01, (60, 2)) + rng.normal(0.0, 0.004, 2)
        start = np.array([116.5, 39.8]) + rng.uniform(-0.15, 0.15, 2)
        lines.append(shapely.LineString(start + np.cumsum(steps, axis=0)))
    return shapely.unary_union([ln.buffer(0.004, quad_segs=4) for ln in lines])


def _sliver() -> shapely.Polygon:
    return shapely.Polygon([(116.30, 39.90), (116.70, 39.9000003), (116.70, 39.9000004), (116.30, 39.9000001)])


def _near_collinear() -> shapely.Polygon:
    """Many vertices on a slanted line, each off it by about 1e-12 degrees."""
    rng = np.random.default_rng(7)
    t = np.linspace(0.0, 1.0, 400)
    x = 116.40 + 0.2 * t
    y = 39.85 + 0.1 * t + rng.choice([-1e-12, 0.0, 1e-12], t.size)
    return shapely.Polygon(np.r_[np.c_[x, y], [[116.55, 39.70], [116.35, 39.72]]])


def _beijing() -> shapely.Polygon:
    """Beijing-scale jagged polygon (~2,000 km²) with a hole, around (116.5, 39.8)."""
    outer = _jagged(116.5, 39.8, 0.30, 0.22, 3000, 1, jitter=0.004)
    hole = _jagged(116.52, 39.78, 0.05, 0.04, 300, 2)
    return shapely.Polygon(outer.exterior, [hole.exterior])


def _multi() -> shapely.MultiPolygon:
    a = _jagged(116.3, 39.9, 0.05, 0.04, 200, 3)
    b = shapely.Polygon(
        [(116.40, 39.85), (116.50, 39.85), (116.50, 39.95), (116.40, 39.95)],
        holes=[[(116.42, 39.87), (116.48, 39.87), (116.48, 39.93), (116.42, 39.93)]],
    )
    c = shapely.Polygon([(116.44, 39.89), (116.46, 39.89), (116.46, 39.91), (116.44, 39.91)])  # island in the hole
    d = shapely.box(116.50, 39.80, 116.55, 39.85)  # touches b at a corner
    return shapely.MultiPolygon([a, b, c, d])


GEOMETRIES = {
    "square": lambda: shapely.box(116.40, 39.80, 116.60, 39.95),
    "hole": lambda: shapely.Polygon(
        [(116.2, 39.7), (116.8, 39.7), (116.8, 40.2), (116.2, 40.2)],
        holes=[[(116.4, 39.9), (116.6, 39.9), (116.5, 40.0)]],
    ),
    "multi": _multi,
    "sliver": _sliver,
    "near_collinear": _near_collinear,
    "beijing": _beijing,
    "roads": lambda: _roads(5),
}


@cache
def geometry(name: str) -> shapely.Geometry:
    return GEOMETRIES[name]()


@cache
def single_index(name: str, cells: int | None = None) -> ZoneIndex:
    return ZoneIndex([geometry(name)], [name], cells_per_side=cells)


# --------------------------------------------------------------------------
# point sets
# --------------------------------------------------------------------------


def _segments(geom: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points (n, 2) of every boundary segment of a polygonal geometry."""
    rings = shapely.get_rings(shapely.get_parts(geom))
    coords, index = shapely.get_coordinates(rings, return_index=True)
    same = index[:-1] == index[1:]
    return coords[:-1][same], coords[1:][same]


def _around(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points and their 8 floating-point neighbours (one ulp in x and/or y)."""
    xs = [px, np.nextafter(px, np.inf), np.nextafter(px, -np.inf)]
    ys = [py, np.nextafter(py, np.inf), np.nextafter(py, -np.inf)]
    return np.concatenate([a for a in xs for _ in ys]), np.concatenate([b for _ in xs for b in ys])


def tricky_points(geom: shapely.Geometry, cell: float) -> tuple[np.ndarray, np.ndarray]:
    """Vertices, points on edges, and points near edges/vertices (both sides)."""
    a, b = _segments(geom)
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    length[length == 0] = 1.0
    normal = np.c_[-d[:, 1], d[:, 0]] / length[:, None]
    px, py = [a[:, 0]], [a[:, 1]]
    # on the edges (rounded floats: shapely says which side they fall on)
    ts = np.array([0.5, 0.1, 0.25, 1 / 3, 0.9, 0.999])
    on = a[None, :, :] + ts[:, None, None] * d[None, :, :]
    px.append(on[..., 0].ravel())
    py.append(on[..., 1].ravel())
    # near the edges and vertices: perpendicular and along the axes, both sides,
    # at distances from far below the index margin to about a cell
    base = np.concatenate([a, on[0], on[2]])
    nrm = np.concatenate([normal, normal, normal])
    for dist in (1e-12, 1e-10, 1e-9, 1e-8, 2e-7, 1e-6, 1e-5, cell * 0.5, cell, cell * 1.5):
        for sign in (1.0, -1.0):
            px.append(base[:, 0] + sign * dist * nrm[:, 0])
            py.append(base[:, 1] + sign * dist * nrm[:, 1])
            px.append(base[:, 0] + sign * dist)
            py.append(base[:, 1])
            px.append(base[:, 0])
            py.append(base[:, 1] + sign * dist)
    x = np.concatenate(px)
    y = np.concatenate(py)
    # one-ulp neighbours of the vertices and of the on-edge points
    nx_, ny_ = _around(np.concatenate([a[:, 0], on[0][:, 0]]), np.concatenate([a[:, 1], on[0][:, 1]]))
    return np.concatenate([x, nx_]), np.concatenate([y, ny_])


def random_points(geom: shapely.Geometry, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    xmin, ymin, xmax, ymax = geom.bounds
    mx = 0.1 * (xmax - xmin) + 1e-6
    my = 0.1 * (ymax - ymin) + 1e-6
    rng = np.random.default_rng(seed)
    return rng.uniform(xmin - mx, xmax + mx, n), rng.uniform(ymin - my, ymax + my, n)


def shapely_answer(geom: shapely.Geometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    prepared = shapely.from_wkb(shapely.to_wkb(geom))
    shapely.prepare(prepared)
    return shapely.intersects_xy(prepared, x, y)


def assert_same(got: np.ndarray, want: np.ndarray, x: np.ndarray, y: np.ndarray) -> None:
    bad = np.flatnonzero(got != want)
    assert bad.size == 0, f"{bad.size} of {want.size} points disagree with shapely, e.g. " + ", ".join(
        f"({x[i]!r}, {y[i]!r}) index={got[i]} shapely={want[i]}" for i in bad[:5]
    )


# --------------------------------------------------------------------------
# exactness
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(GEOMETRIES))
def test_random_points_match_shapely(name: str) -> None:
    geom = geometry(name)
    x, y = random_points(geom, 1_000_000, seed=len(name))
    got = single_index(name).classify(x, y)
    assert got.shape == (x.size, 1) and got.dtype == bool
    assert_same(got[:, 0], shapely_answer(geom, x, y), x, y)


@pytest.mark.parametrize("cells", [None, 97, 1])
@pytest.mark.parametrize("name", list(GEOMETRIES))
def test_tricky_points_match_shapely(name: str, cells: int | None) -> None:
    geom = geometry(name)
    index = single_index(name, cells)
    x, y = tricky_points(geom, index.cell_size)
    got = index.classify(x, y)[:, 0]
    want = shapely_answer(geom, x, y)
    assert_same(got, want, x, y)
    # the sets really probe both sides of the boundary
    assert want.any() and not want.all()


def test_covers_is_intersects_xy() -> None:
    """The reference used above (intersects_xy) is what covers answers for points."""
    geom = geometry("multi")
    x, y = tricky_points(geom, 1e-4)
    keep = np.random.default_rng(0).choice(x.size, 5000, replace=False)
    x, y = x[keep], y[keep]
    covers = shapely.covers(geom, shapely.points(x, y))
    assert_same(single_index("multi").classify(x, y)[:, 0], covers, x, y)


def test_projected_coordinates_match_shapely() -> None:
    """Large coordinates (metres, ~4e6) and negative ones work the same."""
    geom = shapely.affinity.scale(geometry("beijing"), 90_000.0, 110_000.0, origin=(0, 0))
    geom = shapely.affinity.translate(geom, -1.1e7, 0.0)
    index = ZoneIndex([geom], ["m"])
    x, y = random_points(geom, 300_000, seed=3)
    tx, ty = tricky_points(geom, index.cell_size)
    x, y = np.r_[x, tx], np.r_[y, ty]
    assert_same(index.classify(x, y)[:, 0], shapely_answer(geom, x, y), x, y)


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 8, 9, 20])
def test_many_layers_columns_in_order(k: int) -> None:
    """Columns follow the layer order, for every packing width (and >16 layers)."""
    layers = [
        shapely.Point(116.3 + 0.02 * j, 39.9 + 0.01 * (j % 3)).buffer(0.03 + 0.002 * j, quad_segs=8) for j in range(k)
    ]
    layers[0] = geometry("multi")
    names = [f"layer{j}" for j in range(k)]
    index = ZoneIndex(layers, names)
    assert index.names == tuple(names)
    x, y = random_points(shapely.MultiPolygon([]).union(shapely.union_all(layers)), 100_000, seed=k)
    tx, ty = tricky_points(geometry("multi"), index.cell_size)
    x, y = np.r_[x, tx], np.r_[y, ty]
    got = index.classify(x, y)
    assert got.shape == (x.size, k)
    assert got.flags.c_contiguous
    for j, g in enumerate(layers):
        assert_same(got[:, j], shapely_answer(g, x, y), x, y)


def test_all_test_geometries_as_layers_of_one_index() -> None:
    names = list(GEOMETRIES)
    layers = [geometry(n) for n in names]
    index = ZoneIndex(layers, names)
    xs, ys = [], []
    for g in layers:
        x, y = random_points(g, 50_000, seed=1)
        xs.append(x)
        ys.append(y)
        x, y = tricky_points(g, index.cell_size)
        xs.append(x[::7])
        ys.append(y[::7])
    x, y = np.concatenate(xs), np.concatenate(ys)
    got = index.classify(x, y, threads=2)
    for j, g in enumerate(layers):
        assert_same(got[:, j], shapely_answer(g, x, y), x, y)


def test_odd_geometry_types_match_shapely() -> None:
    """Lines, points, collections, empty and invalid (bow-tie) geometries: as shapely says."""
    line = shapely.LineString([(116.4, 39.8), (116.5, 39.9), (116.6, 39.8)])
    pt = shapely.Point(116.45, 39.85)
    coll = shapely.GeometryCollection([shapely.box(116.3, 39.7, 116.35, 39.75), line, pt])
    bowtie = shapely.Polygon([(116.3, 39.7), (116.5, 39.9), (116.5, 39.7), (116.3, 39.9)])
    empty = shapely.Polygon()
    layers = [line, pt, coll, bowtie, empty]
    index = ZoneIndex(layers, ["line", "point", "collection", "bowtie", "empty"])
    x, y = random_points(coll, 100_000, seed=2)
    vx, vy = _around(shapely.get_coordinates(coll)[:, 0], shapely.get_coordinates(coll)[:, 1])
    mid = np.array([[116.45, 39.85], [116.55, 39.85], [116.4, 39.8]])
    mx, my = _around(mid[:, 0], mid[:, 1])
    tx, ty = tricky_points(bowtie, index.cell_size)
    x, y = np.concatenate([x, vx, mx, tx]), np.concatenate([y, vy, my, ty])
    got = index.classify(x, y)
    for j, g in enumerate(layers):
        assert_same(got[:, j], shapely_answer(g, x, y), x, y)
    assert got[:, 1].sum() >= 1  # the point itself
    assert not got[:, 4].any()


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_nan_vertex_layer_is_left_to_shapely() -> None:
    broken = shapely.Polygon([(116.4, 39.8), (116.6, np.nan), (116.6, 39.9), (116.4, 39.9), (116.4, 39.8)])
    square = geometry("square")
    index = ZoneIndex([broken, square], ["broken", "square"])
    x, y = random_points(square, 50_000, seed=4)
    got = index.classify(x, y)
    assert_same(got[:, 0], shapely.intersects_xy(broken, x, y), x, y)
    assert_same(got[:, 1], shapely_answer(square, x, y), x, y)


# --------------------------------------------------------------------------
# property test
# --------------------------------------------------------------------------

_PROP_NAMES = ("beijing", "multi", "sliver")
_OFFSETS = [0.0, 1e-13, -1e-13, 1e-10, -1e-10, 1e-9, -1e-9, 1e-7, -1e-7, 3e-6, -3e-6, 1e-4, -1e-4]


@cache
def _prop_index() -> ZoneIndex:
    return ZoneIndex([geometry(n) for n in _PROP_NAMES], list(_PROP_NAMES), cells_per_side=512)


@cache
def _prop_segments(name: str) -> tuple[np.ndarray, np.ndarray]:
    return _segments(geometry(name))


@st.composite
def near_boundary_point(draw: st.DrawFn) -> tuple[float, float]:
    name = draw(st.sampled_from(_PROP_NAMES))
    a, b = _prop_segments(name)
    i = draw(st.integers(0, len(a) - 1))
    t = draw(st.one_of(st.just(0.0), st.just(1.0), st.floats(0.0, 1.0)))
    x = a[i, 0] + t * (b[i, 0] - a[i, 0])
    y = a[i, 1] + t * (b[i, 1] - a[i, 1])
    x += draw(st.sampled_from(_OFFSETS))
    y += draw(st.sampled_from(_OFFSETS))
    for _ in range(draw(st.integers(0, 3))):  # a few ulps either way
        x = np.nextafter(x, draw(st.sampled_from([np.inf, -np.inf])))
    for _ in range(draw(st.integers(0, 3))):
        y = np.nextafter(y, draw(st.sampled_from([np.inf, -np.inf])))
    return float(x), float(y)


_anywhere = st.tuples(st.floats(116.0, 117.0), st.floats(39.5, 40.3))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(near_boundary_point(), _anywhere), min_size=1, max_size=40))
def test_property_matches_shapely(points: list[tuple[float, float]]) -> None:
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    got = _prop_index().classify(x, y)
    for j, name in enumerate(_PROP_NAMES):
        assert_same(got[:, j], shapely_answer(geometry(name), x, y), x, y)


# --------------------------------------------------------------------------
# API behaviour
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_layers() -> ZoneIndex:
    return ZoneIndex([shapely.box(0, 0, 2, 2), shapely.box(1, 1, 3, 3)], ["a", "b"])


def test_columns_follow_names(two_layers: ZoneIndex) -> None:
    got = two_layers.classify([0.5, 1.5, 2.5, 5.0], [0.5, 1.5, 2.5, 5.0])
    assert two_layers.names == ("a", "b")
    np.testing.assert_array_equal(got, [[True, False], [True, True], [False, True], [False, False]])
    swapped = ZoneIndex([shapely.box(1, 1, 3, 3), shapely.box(0, 0, 2, 2)], ["b", "a"])
    np.testing.assert_array_equal(swapped.classify([0.5, 2.5], [0.5, 2.5]), [[False, True], [True, False]])


def test_boundary_is_inside(two_layers: ZoneIndex) -> None:
    got = two_layers.classify([0.0, 2.0, 1.0, 3.0, np.nextafter(3.0, 4.0)], [0.0, 1.0, 2.0, 3.0, 3.0])
    np.testing.assert_array_equal(got[:, 0], [True, True, True, False, False])
    np.testing.assert_array_equal(got[:, 1], [False, True, True, True, False])


def test_threads_give_identical_results() -> None:
    index = _prop_index()
    x, y = random_points(geometry("beijing"), 300_000, seed=11)
    one = index.classify(x, y, threads=1)
    for threads in (2, 3, 0, None):
        np.testing.assert_array_equal(index.classify(x, y, threads=threads), one)


def test_chunks_give_identical_results(monkeypatch: pytest.MonkeyPatch) -> None:
    index = _prop_index()
    x, y = random_points(geometry("multi"), 50_000, seed=12)
    whole = index.classify(x, y)
    monkeypatch.setattr(grid, "CHUNK", 4093)
    np.testing.assert_array_equal(index.classify(x, y), whole)
    np.testing.assert_array_equal(index.classify(x, y, threads=2), whole)


def test_concurrent_callers_share_an_index() -> None:
    index = _prop_index()
    x, y = random_points(geometry("beijing"), 100_000, seed=13)
    want = index.classify(x, y)
    results: list[np.ndarray] = []

    def work() -> None:
        for _ in range(3):
            results.append(index.classify(x, y, threads=2))

    workers = [threading.Thread(target=work) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(results) == 12
    for r in results:
        np.testing.assert_array_equal(r, want)


def test_nan_and_infinite_points_are_outside(two_layers: ZoneIndex) -> None:
    nan, inf = float("nan"), float("inf")
    lon = [nan, 0.5, nan, inf, -inf, 1.5, 1.5]
    lat = [0.5, nan, nan, 1.5, 1.5, inf, 1.5]
    got = two_layers.classify(lon, lat)
    np.testing.assert_array_equal(got, [[False, False]] * 6 + [[True, True]])
    # the same as shapely
    for j, g in enumerate(two_layers.geometries):
        np.testing.assert_array_equal(got[:, j], shapely.intersects_xy(g, lon, lat))


def test_mismatched_lengths_raise(two_layers: ZoneIndex) -> None:
    with pytest.raises(ValueError, match=r"lon has 3 values and lat has 2"):
        two_layers.classify([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"lon has 1 values and lat has 0"):
        two_layers.classify(1.0, [])


def test_empty_input(two_layers: ZoneIndex) -> None:
    got = two_layers.classify([], [])
    assert got.shape == (0, 2) and got.dtype == bool
    assert two_layers.classify(np.empty((0, 3)), np.empty(0)).shape == (0, 2)


def test_no_layers() -> None:
    index = ZoneIndex([], [])
    assert index.names == ()
    assert index.classify([1.0, 2.0], [3.0, 4.0]).shape == (2, 0)


def test_array_likes(two_layers: ZoneIndex) -> None:
    assert two_layers.classify(0.5, 0.5).tolist() == [[True, False]]
    assert two_layers.classify(np.float32(1.5), 1).tolist() == [[True, True]]
    grid2d = two_layers.classify(np.array([[0.5, 1.5], [2.5, 9.0]]), np.array([[0.5, 1.5], [2.5, 9.0]]))
    assert grid2d.tolist() == [[True, False], [True, True], [False, True], [False, False]]
    strided = np.arange(10.0)[::3]  # not contiguous
    assert two_layers.classify(strided / 3, strided / 3).shape == (4, 2)
    with pytest.raises(ValueError, match="lon must be numbers"):
        two_layers.classify(["a"], [1.0])


def test_bad_arguments() -> None:
    box = shapely.box(0, 0, 1, 1)
    with pytest.raises(ValueError, match="2 geometries but 1 names"):
        ZoneIndex([box, box], ["a"])
    with pytest.raises(ValueError, match="unique"):
        ZoneIndex([box, box], ["a", "a"])
    with pytest.raises(TypeError, match=r"geometries\[1\]"):
        ZoneIndex([box, "POINT (0 0)"], ["a", "b"])
    for cells in (0, -5, grid.MAX_CELLS_PER_SIDE + 1, 2.5, True):
        with pytest.raises(ValueError, match="cells_per_side"):
            ZoneIndex([box], ["a"], cells_per_side=cells)
    index = ZoneIndex([box], ["a"])
    for threads in (-1, 1.5, "2"):
        with pytest.raises(ValueError, match="threads"):
            index.classify([0.5], [0.5], threads=threads)


def test_input_geometries_are_not_modified() -> None:
    geom = shapely.box(0, 0, 1, 1)
    index = ZoneIndex([geom], ["a"])
    index.classify([0.5], [0.5])
    assert not shapely.is_prepared(geom)
    assert index.geometries[0] is geom


def test_pickle_roundtrip() -> None:
    index = _prop_index()
    x, y = random_points(geometry("beijing"), 20_000, seed=14)
    clone = pickle.loads(pickle.dumps(index))
    assert clone.names == index.names
    np.testing.assert_array_equal(clone.classify(x, y, threads=2), index.classify(x, y))


def test_grid_attributes_and_repr() -> None:
    index = single_index("beijing")
    ny, nx = index.grid_shape
    assert max(nx, ny) >= grid.DEFAULT_CELLS_PER_SIDE
    xmin, ymin, xmax, ymax = index.bounds
    gxmin, gymin, gxmax, gymax = geometry("beijing").bounds
    assert xmin < gxmin and ymin < gymin and xmax > gxmax and ymax > gymax
    assert 0 < index.edge_cells[0] < nx * ny // 20  # only a thin band along the boundary
    assert 0 < index.nbytes < 20_000_000
    assert "beijing" in repr(index)


def test_classify_points_function() -> None:
    got = classify_points([shapely.box(0, 0, 1, 1), shapely.box(0.5, 0, 2, 1)], [0.25, 0.75, 3.0], [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(got, [[True, False], [True, True], [False, False]])
