"""Tests of the compiled answers for points in EDGE cells of the zone index (:mod:`avzone._grid`).

Points in EDGE cells are answered by a crossing-parity test with a filtered
orientation predicate; only the points the filter cannot certify go to
shapely. Every answer is compared with ``shapely.intersects_xy`` point by
point: random points near every boundary of the real zones, points exactly on
vertices and edges and one ulp away, hole boundaries, multipolygons, nearly
collinear edges and slivers, on one and two threads, ``classify`` and
``classify_within``. The counters of :attr:`ZoneIndex.edge_points` show that
the compiled path answers almost all of them and that every point exactly on
a boundary goes to shapely.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import numpy as np
import pytest
import shapely

import avzone
import avzone._grid as grid
from avzone._grid import ZoneIndex

# --------------------------------------------------------------------------
# geometries and points
# --------------------------------------------------------------------------


def _near_collinear() -> shapely.Polygon:
    """Vertices on a slanted line, each off it by 0 or about 1e-12 degrees, and tiny slivers."""
    rng = np.random.default_rng(11)
    t = np.linspace(0.0, 1.0, 300)
    x = 116.40 + 0.2 * t
    y = 39.85 + 0.1 * t + rng.choice([-1e-12, 0.0, 1e-12], t.size)
    return shapely.Polygon(np.r_[np.c_[x, y], [[116.55, 39.70], [116.35, 39.72]]])


def _slivers() -> shapely.MultiPolygon:
    """Long thin triangles and quadrilaterals (widths 1e-7 .. 1e-10 degrees) and a box with a hole."""
    parts = []
    for i, w in enumerate([1e-7, 1e-8, 1e-9, 1e-10]):
        y0 = 39.90 + 0.01 * i
        parts.append(shapely.Polygon([(116.30, y0), (116.70, y0 + 0.003), (116.70, y0 + 0.003 + w)]))
        parts.append(
            shapely.Polygon(
                [(116.30, y0 + 0.005), (116.70, y0 + 0.006), (116.70, y0 + 0.006 + w), (116.30, y0 + 0.005 + w)]
            )
        )
    parts.append(
        shapely.Polygon(
            [(116.2, 39.7), (116.3, 39.7), (116.3, 39.8), (116.2, 39.8)],
            holes=[[(116.22, 39.72), (116.28, 39.72), (116.25, 39.78)]],
        )
    )
    geom = shapely.MultiPolygon(parts)
    assert shapely.is_valid(geom)
    return geom


def _holes() -> shapely.Polygon:
    """A jagged polygon with several holes, one touching the shell at a vertex."""
    rng = np.random.default_rng(3)
    th = np.sort(rng.uniform(0.0, 2.0 * np.pi, 500))
    r = 1.0 + 0.1 * np.sin(5 * th) + 0.01 * rng.uniform(-1, 1, th.size)
    shell = np.c_[116.5 + 0.3 * r * np.cos(th), 39.9 + 0.2 * r * np.sin(th)]
    holes = [
        [(116.45, 39.85), (116.50, 39.85), (116.50, 39.90), (116.45, 39.90)],
        [(116.60, 39.95), (116.62, 39.96), (116.61, 39.98)],
        [tuple(shell[0]), (shell[0][0] - 5e-4, shell[0][1] - 1e-5), (shell[0][0] - 5e-4, shell[0][1] + 1e-5)],
    ]
    geom = shapely.Polygon(shell, holes)
    assert shapely.is_valid(geom)
    return geom


GEOMETRIES = {"near_collinear": _near_collinear, "slivers": _slivers, "holes": _holes}


@cache
def geometry(name: str) -> shapely.Geometry:
    return GEOMETRIES[name]()


@cache
def real_model() -> avzone.Model:
    return avzone.load()


def boundary_segments(geom: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points (n, 2) of every ring segment (holes included)."""
    rings = shapely.get_rings(shapely.get_parts(geom))
    coords, index = shapely.get_coordinates(rings, return_index=True)
    same = index[:-1] == index[1:]
    return coords[:-1][same], coords[1:][same]


def near_boundary(geom: shapely.Geometry, n: int, seed: int, spread: float) -> tuple[np.ndarray, np.ndarray]:
    """Random points on random boundary segments, moved by normal noise of ``spread`` degrees."""
    a, b = boundary_segments(geom)
    rng = np.random.default_rng(seed)
    k = rng.integers(0, len(a), n)
    t = rng.uniform(0.0, 1.0, n)
    x = a[k, 0] + t * (b[k, 0] - a[k, 0]) + rng.normal(0.0, spread, n)
    y = a[k, 1] + t * (b[k, 1] - a[k, 1]) + rng.normal(0.0, spread, n)
    return x, y


def on_and_around(geom: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Vertices, segment midpoints and points at fractions of segments, and their one-ulp neighbours."""
    a, b = boundary_segments(geom)
    px = [a[:, 0]]
    py = [a[:, 1]]
    for t in (0.5, 0.25, 1 / 3, 0.999):
        px.append(a[:, 0] + t * (b[:, 0] - a[:, 0]))
        py.append(a[:, 1] + t * (b[:, 1] - a[:, 1]))
    x = np.concatenate(px)
    y = np.concatenate(py)
    xs = [x, np.nextafter(x, np.inf), np.nextafter(x, -np.inf)]
    ys = [y, np.nextafter(y, np.inf), np.nextafter(y, -np.inf)]
    return np.concatenate([u for u in xs for _ in ys]), np.concatenate([v for _ in xs for v in ys])


def shapely_answers(geoms: tuple[shapely.Geometry, ...], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    cols = []
    for g in geoms:
        p = shapely.from_wkb(shapely.to_wkb(g))
        shapely.prepare(p)
        cols.append(shapely.intersects_xy(p, x, y))
    return np.column_stack(cols)


def on_boundary(geom: shapely.Geometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Points exactly on the boundary (GEOS's robust point-on-segment test)."""
    edge = shapely.boundary(geom)
    shapely.prepare(edge)
    return shapely.intersects_xy(edge, x, y)


def assert_same(got: np.ndarray, want: np.ndarray, x: np.ndarray, y: np.ndarray) -> None:
    bad = np.flatnonzero((got != want).any(axis=1) if got.ndim == 2 else got != want)
    assert bad.size == 0, f"{bad.size} of {len(want)} points disagree with shapely, e.g. " + ", ".join(
        f"({x[i]!r}, {y[i]!r})" for i in bad[:5]
    )


def counted(index: ZoneIndex, fn: object) -> tuple[object, int, int]:
    before = index.edge_points
    result = fn() if callable(fn) else None
    after = index.edge_points
    return result, after[0] - before[0], after[1] - before[1]


# --------------------------------------------------------------------------
# the orientation filter
# --------------------------------------------------------------------------


def _exact_sign(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> int:
    ax, ay, bx, by, cx, cy = (Fraction(v) for v in (*a, *b, *c))
    d = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    return (d > 0) - (d < 0)


def test_orientation_filter_never_gives_a_wrong_sign() -> None:
    """On nearly collinear triples (where float64 often gets the sign wrong) a trusted sign is the exact one."""
    rng = np.random.default_rng(0)
    n = 20000
    scale = rng.choice([1e-300, 1e-3, 1.0, 116.0, 1e6, 1e300], n)
    a = rng.uniform(-1, 1, (n, 2)) * scale[:, None]
    b = a + rng.uniform(-1, 1, (n, 2)) * scale[:, None] * rng.choice([1e-12, 1e-6, 1.0], n)[:, None]
    t = rng.uniform(-0.5, 1.5, n)
    c = a + t[:, None] * (b - a)
    # nudge c by 0..3 ulps: exactly collinear, or off the line by far less than float64 resolves
    for _ in range(3):
        step = rng.integers(-1, 2, (n, 2))
        c = np.where(step > 0, np.nextafter(c, np.inf), np.where(step < 0, np.nextafter(c, -np.inf), c))
    # exactly collinear triples: integer lattice points times powers of two (every value exact)
    m = 2000
    unit = 2.0 ** rng.integers(-60, 60, m)
    ia = rng.integers(-(2**20), 2**20, (m, 2))
    step = rng.integers(-(2**10), 2**10, (m, 2))
    a = np.r_[a, ia * unit[:, None]]
    b = np.r_[b, (ia + step) * unit[:, None]]
    c = np.r_[c, (ia + rng.integers(-3, 4, m)[:, None] * step) * unit[:, None]]
    trusted = wrong = zero = 0
    naive_wrong = 0
    for ax, ay, bx, by, cx, cy in np.c_[a, b, c].tolist():
        got = grid._orient(ax, ay, bx, by, cx, cy)
        exact = _exact_sign((ax, ay), (bx, by), (cx, cy))
        naive = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        naive_wrong += int((naive > 0) - (naive < 0) != exact)
        if got != 0:
            trusted += 1
            wrong += int(got != exact)
        zero += int(exact == 0)
    assert wrong == 0
    # the set is hard (float64 alone errs) and the filter still decides many triples
    assert naive_wrong > 100 and zero > 100 and trusted > 1000


def test_orientation_filter_refuses_non_finite_values() -> None:
    assert grid._orient(0.0, 0.0, 1.0, 0.0, 0.5, float("nan")) == 0
    assert grid._orient(0.0, 0.0, 1e308, 1e308, -1e308, 1e308) == 0  # overflow
    assert grid._orient(0.0, 0.0, 1.0, 0.0, 0.5, 1.0) == 1
    assert grid._orient(0.0, 0.0, 1.0, 0.0, 0.5, -1.0) == -1
    assert grid._orient(0.0, 0.0, 1.0, 1.0, 0.5, 0.5) == 0


# --------------------------------------------------------------------------
# the real zones
# --------------------------------------------------------------------------


@cache
def real_near_points() -> tuple[np.ndarray, np.ndarray]:
    """A million random points near each zone layer's boundary (within a few cells)."""
    index = real_model().zone_index
    parts = [near_boundary(g, 1_000_000, seed=j, spread=0.5 * index.cell_size) for j, g in enumerate(index.geometries)]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


@pytest.mark.parametrize("threads", [1, 2])
def test_real_zones_near_boundaries_match_shapely(threads: int) -> None:
    index = real_model().zone_index
    x, y = real_near_points()
    want = shapely_answers(index.geometries, x, y)
    got, compiled, fallback = counted(index, lambda: index.classify(x, y, threads=threads))
    assert_same(got, want, x, y)
    box = (float(x.min()), float(y.min()), float(x.max()), float(y.max()))
    (within, outside), _, _ = counted(index, lambda: index.classify_within(x, y, box, threads=threads))
    assert_same(within, want, x, y)
    assert outside == 0
    # the compiled path answers almost every EDGE point
    assert compiled > x.size // 2
    assert fallback < 0.001 * compiled


def test_real_zones_exact_boundary_points_match_shapely() -> None:
    index = real_model().zone_index
    parts = [on_and_around(g) for g in index.geometries]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    want = shapely_answers(index.geometries, x, y)
    for threads in (1, 2):
        got, compiled, fallback = counted(index, lambda threads=threads: index.classify(x, y, threads=threads))
        assert_same(got, want, x, y)
        assert compiled > 0 and fallback > 0


def test_real_model_classify_matches_shapely_near_boundaries() -> None:
    m = real_model()
    x, y = real_near_points()
    x, y = x[::8], y[::8]
    frame = m.classify(x, y)
    want = shapely_answers(m.zone_index.geometries, x, y)
    got = np.column_stack([frame[name].to_numpy(dtype=bool) for name in m.zone_index.names])
    assert_same(got, want, x, y)


# --------------------------------------------------------------------------
# synthetic geometries
# --------------------------------------------------------------------------


@cache
def single(name: str, cells: int | None = None) -> ZoneIndex:
    return ZoneIndex([geometry(name)], [name], cells_per_side=cells)


@pytest.mark.parametrize("cells", [None, 256])
@pytest.mark.parametrize("name", list(GEOMETRIES))
def test_synthetic_boundaries_match_shapely(name: str, cells: int | None) -> None:
    geom = geometry(name)
    index = single(name, cells)
    nx, ny = near_boundary(geom, 200_000, seed=1, spread=index.cell_size)
    ex, ey = on_and_around(geom)
    x = np.concatenate([nx, ex])
    y = np.concatenate([ny, ey])
    want = shapely_answers((geom,), x, y)
    for threads in (1, 2):
        got, compiled, _ = counted(index, lambda threads=threads: index.classify(x, y, threads=threads))
        assert_same(got, want, x, y)
        assert compiled > 0
    box = (-180.0, -90.0, 180.0, 90.0)
    within, outside = index.classify_within(x, y, box, threads=2)
    assert_same(within, want, x, y)
    assert outside == 0


@pytest.mark.parametrize("name", list(GEOMETRIES))
def test_every_point_exactly_on_a_boundary_goes_to_shapely(name: str) -> None:
    """The filter cannot certify a point on a segment, so each one is shapely's (and answered True)."""
    geom = geometry(name)
    index = single(name)
    x, y = on_and_around(geom)
    on = on_boundary(geom, x, y)
    x, y = x[on], y[on]
    assert x.size > grid._SMALL  # the compiled path is used for this many points
    got, compiled, fallback = counted(index, lambda: index.classify(x, y, threads=1))
    assert got.all()
    assert compiled == 0 and fallback == x.size


def test_near_boundary_points_are_mostly_compiled() -> None:
    geom = geometry("holes")
    index = single("holes")
    x, y = near_boundary(geom, 300_000, seed=5, spread=0.5 * index.cell_size)
    got, compiled, fallback = counted(index, lambda: index.classify(x, y, threads=1))
    assert_same(got, shapely_answers((geom,), x, y), x, y)
    assert compiled > 0.5 * x.size and fallback < 0.001 * compiled


def test_layers_that_are_not_valid_polygons_stay_with_shapely() -> None:
    bowtie = shapely.Polygon([(116.0, 39.0), (117.0, 40.0), (117.0, 39.0), (116.0, 40.0)])  # self-crossing
    line = shapely.LineString([(116.0, 39.0), (117.0, 40.0)])
    square = shapely.box(116.2, 39.2, 116.8, 39.8)
    geoms = (bowtie, line, square)
    index = ZoneIndex(geoms, ["bowtie", "line", "square"])
    rng = np.random.default_rng(2)
    x = rng.uniform(115.9, 117.1, 400_000)
    y = rng.uniform(38.9, 40.1, 400_000)
    parts = [on_and_around(g) for g in (bowtie, square)]
    x = np.concatenate([x, *(p[0] for p in parts)])
    y = np.concatenate([y, *(p[1] for p in parts)])
    got = index.classify(x, y)
    assert_same(got, shapely_answers(geoms, x, y), x, y)
    compiled, fallback = index.edge_points
    assert compiled > 0 and fallback > 0  # the square compiled, the others by shapely


def test_many_layers_in_two_groups_match_shapely() -> None:
    geoms = tuple(shapely.Point(116.3 + 0.01 * i, 39.9).buffer(0.02 + 0.001 * i, quad_segs=8) for i in range(20))
    index = ZoneIndex(geoms, [str(i) for i in range(20)])
    rng = np.random.default_rng(4)
    parts = [near_boundary(g, 20_000, seed=i, spread=index.cell_size) for i, g in enumerate(geoms)]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    x = np.concatenate([x, rng.uniform(116.25, 116.55, 100_000)])
    y = np.concatenate([y, rng.uniform(39.85, 39.95, 100_000)])
    got, compiled, fallback = counted(index, lambda: index.classify(x, y, threads=2))
    assert_same(got, shapely_answers(geoms, x, y), x, y)
    assert compiled > 0 and fallback < 0.01 * compiled


def test_small_inputs_use_shapely_and_agree() -> None:
    index = single("holes")
    x, y = near_boundary(geometry("holes"), grid._SMALL, seed=9, spread=index.cell_size)
    got, compiled, _ = counted(index, lambda: index.classify(x, y))
    assert_same(got, shapely_answers((geometry("holes"),), x, y), x, y)
    assert compiled == 0


# --------------------------------------------------------------------------
# compact form (cache)
# --------------------------------------------------------------------------


def test_from_arrays_keeps_the_compiled_path() -> None:
    geom = geometry("holes")
    index = single("holes")
    again = ZoneIndex.from_arrays(index.geometries, index.names, index.to_arrays())
    x, y = near_boundary(geom, 100_000, seed=6, spread=0.5 * index.cell_size)
    assert again._edges[0]._tables is None  # derived on first use
    got, compiled, fallback = counted(again, lambda: again.classify(x, y, threads=1))
    np.testing.assert_array_equal(got, index.classify(x, y, threads=1))
    assert compiled > 0.5 * x.size and fallback < 0.01 * compiled
    assert again.nbytes == index.nbytes
    for name in ("counts", "segs", "seg", "refpos", "state"):
        np.testing.assert_array_equal(getattr(again._edges[0], name), getattr(index._edges[0], name))
    np.testing.assert_array_equal(again._edges[0]._tables[3], index._edges[0]._tables[3])  # same reference points


@pytest.mark.parametrize(
    ("key", "damage"),
    [
        ("edge_segs0", lambda a: a + 10**6),  # segment numbers past the segments
        ("edge_counts0", lambda a: a + 1),  # counts that do not add up to the segments
        ("edge_state0", lambda a: a + 3),  # unknown answers
        ("edge_refpos0", lambda a: a[:-1].copy()),  # one cell short
        ("edge_refpos0", lambda a: a + 100),  # off the cell's lattice
        ("edge_seg0", lambda a: a.astype(np.float32)),  # wrong type
        ("exact", lambda a: a + 5),  # a group that does not exist
    ],
)
def test_from_arrays_refuses_damaged_edge_arrays(key: str, damage: object) -> None:
    index = single("holes")
    arrays = index.to_arrays()
    assert callable(damage)
    arrays[key] = damage(arrays[key])
    with pytest.raises(ValueError):
        ZoneIndex.from_arrays(index.geometries, index.names, arrays)


def test_edge_arrays_of_another_cell_count_fall_back_to_shapely() -> None:
    """Arrays that pass the shape checks but do not fit the codes: answers from shapely, still exact."""
    geom = geometry("holes")
    index = single("holes")
    arrays = index.to_arrays()
    arrays["edge_refpos0"] = arrays["edge_refpos0"][:-1].copy()
    arrays["edge_state0"] = arrays["edge_state0"][:-1].copy()
    arrays["edge_counts0"] = counts = arrays["edge_counts0"][:-1].copy()
    arrays["edge_segs0"] = arrays["edge_segs0"][: int(counts.sum())].copy()
    again = ZoneIndex.from_arrays(index.geometries, index.names, arrays)
    x, y = near_boundary(geom, 50_000, seed=8, spread=index.cell_size)
    got, compiled, fallback = counted(again, lambda: again.classify(x, y, threads=1))
    assert_same(got, shapely_answers((geom,), x, y), x, y)
    assert compiled == 0 and fallback > 0


def _hard_triples(n: int, seed: int) -> list[tuple[float, float, float, float, float, float]]:
    """Triples (a, b, c), c a few ulps from line ab, where the plain float64 determinant gets the side wrong."""
    rng = np.random.default_rng(seed)
    found = []
    while len(found) < n:
        a = rng.uniform(-1, 1, 2)
        b = a + rng.uniform(-1, 1, 2) * rng.choice([1e-6, 1e-3, 1.0])
        c = a + rng.uniform(0.05, 0.95) * (b - a)
        c = c + rng.integers(-2, 3, 2) * np.spacing(c)
        ax, ay, bx, by, cx, cy = (float(v) for v in (*a, *b, *c))
        exact = _exact_sign((ax, ay), (bx, by), (cx, cy))
        naive = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        if exact != 0 and (naive > 0) - (naive < 0) != exact:
            found.append((ax, ay, bx, by, cx, cy))
    return found


def test_points_where_plain_floats_get_the_side_wrong_match_shapely() -> None:
    """Triangles with an edge ab and a query point c that float64 puts on the wrong side of ab."""
    wrong = 0
    for ax, ay, bx, by, cx, cy in _hard_triples(150, seed=12):
        # third vertex well off ab, on either side
        ux, uy = bx - ax, by - ay
        for side in (1.0, -1.0):
            tri = shapely.Polygon([(ax, ay), (bx, by), (ax + 0.5 * ux - side * uy, ay + 0.5 * uy + side * ux)])
            assert shapely.is_valid(tri)
            index = ZoneIndex([tri], ["t"], cells_per_side=64)
            x = np.full(grid._SMALL + 1, cx)
            y = np.full(grid._SMALL + 1, cy)
            got = index.classify(x, y, threads=1)[:, 0]
            want = bool(shapely.intersects_xy(tri, cx, cy))
            wrong += int((got != want).any())
    assert wrong == 0


def test_sixteen_layers_on_one_boundary_send_every_pair_to_shapely() -> None:
    """Sixteen copies of one square and points on its edges: 16 uncertain (point, layer) pairs per point."""
    square = shapely.box(116.2, 39.7, 116.3, 39.8)
    geoms = tuple(shapely.from_wkb(shapely.to_wkb(square)) for _ in range(16))
    index = ZoneIndex(geoms, [str(i) for i in range(16)])
    t = np.linspace(0.0, 1.0, 500)
    x = np.r_[116.2 + 0.1 * t, np.full(t.size, 116.3)]
    y = np.r_[np.full(t.size, 39.7), 39.7 + 0.1 * t]
    on = on_boundary(square, x, y)
    x = np.r_[x[on], 116.25 + 1e-5 * t]  # on the boundary, then 1e-5 inside it
    y = np.r_[y[on], np.full(t.size, 39.7 + 1e-5)]
    n_on = int(on.sum())
    assert n_on > 900
    got, compiled, fallback = counted(index, lambda: index.classify(x, y, threads=1))
    assert_same(got, shapely_answers(geoms, x, y), x, y)
    assert got.all()
    # the points on the boundary: every pair to shapely; the ones 1e-5 inside: compiled
    assert fallback == 16 * n_on and compiled == 16 * t.size
