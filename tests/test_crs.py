"""avzone.crs: GCJ-02 / BD-09 against an independent implementation, round
trips, region handling, shapes and NaNs, and the pyproj CRS front-end."""

from __future__ import annotations

import warnings

import numpy as np
import prcoords
import pyproj
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avzone import crs as C
from avzone.crs import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    from_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    in_china_bbox,
    is_wgs84,
    normalize_crs,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)
from avzone.errors import CRSError

N = 4000
TOL = 1e-7
FORWARD = (wgs84_to_gcj02, gcj02_to_bd09, wgs84_to_bd09)
INVERSE = (gcj02_to_wgs84, bd09_to_gcj02, bd09_to_wgs84)
ALL = FORWARD + INVERSE


def beijing(n: int = N, seed: int = 20240601) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(115.4, 117.6, n), rng.uniform(39.4, 41.1, n)


def china_interior(n: int = N, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Random points in the GCJ-02 box, 0.05 deg (several km) away from its edges."""
    rng = np.random.default_rng(seed)
    return rng.uniform(72.06, 137.78, n), rng.uniform(0.88, 55.77, n)


def ref(fn, lon, lat):
    """Apply a prcoords function (which works in (lat, lon)) point by point."""
    out = np.array([fn((float(b), float(a))) for a, b in zip(lon, lat)])
    return out[:, 1], out[:, 0]


def maxdiff(a, b) -> float:
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


# --------------------------------------------------------- independent check
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (wgs84_to_gcj02, prcoords.wgs_gcj),
        (gcj02_to_bd09, prcoords.gcj_bd),
        (wgs84_to_bd09, prcoords.wgs_bd),
    ],
    ids=["wgs-gcj", "gcj-bd", "wgs-bd"],
)
def test_forward_matches_prcoords_in_beijing(ours, theirs):
    lon, lat = beijing()
    x, y = ours(lon, lat)
    rx, ry = ref(theirs, lon, lat)
    # The brief asks for 1e-6 deg; the formulas agree to rounding (~1e-13).
    assert maxdiff(x, rx) < 1e-9 and maxdiff(y, ry) < 1e-9
    assert maxdiff(x, lon) > 1e-3  # and they really moved the points


def test_forward_gcj_matches_prcoords_across_china():
    lon, lat = china_interior(2000)
    x, y = wgs84_to_gcj02(lon, lat)
    rx, ry = ref(prcoords.wgs_gcj, lon, lat)
    assert maxdiff(x, rx) < 1e-9 and maxdiff(y, ry) < 1e-9


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (gcj02_to_wgs84, prcoords.gcj_wgs_bored),
        (bd09_to_gcj02, prcoords.bd_gcj_bored),
        (bd09_to_wgs84, prcoords.bd_wgs_bored),
    ],
    ids=["gcj-wgs", "bd-gcj", "bd-wgs"],
)
def test_inverse_matches_prcoords_precise_inverse(ours, theirs):
    lon, lat = beijing(1000, seed=3)
    x, y = ours(lon, lat)
    rx, ry = ref(theirs, lon, lat)
    assert maxdiff(x, rx) < 1e-6 and maxdiff(y, ry) < 1e-6


# ------------------------------------------------------------------ round trips
@pytest.mark.parametrize("points", [beijing, china_interior], ids=["beijing", "china"])
def test_round_trips_within_1e7(points):
    lon, lat = points()
    assert maxdiff(gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat)), (lon, lat)) < TOL
    assert maxdiff(bd09_to_wgs84(*wgs84_to_bd09(lon, lat)), (lon, lat)) < TOL
    assert maxdiff(bd09_to_gcj02(*gcj02_to_bd09(lon, lat)), (lon, lat)) < TOL


@pytest.mark.parametrize(
    ("inverse", "forward"),
    [(gcj02_to_wgs84, wgs84_to_gcj02), (bd09_to_gcj02, gcj02_to_bd09), (bd09_to_wgs84, wgs84_to_bd09)],
    ids=["gcj", "bd-gcj", "bd-wgs"],
)
def test_inverse_reproduces_input_under_forward(inverse, forward):
    lon, lat = beijing(seed=11)
    x, y = forward(*inverse(lon, lat))
    # documented: every point's residual is checked against tol_deg / 2
    assert maxdiff(x, lon) <= TOL and maxdiff(y, lat) <= TOL
    if inverse is not bd09_to_wgs84:
        assert maxdiff(x, lon) <= TOL / 2 and maxdiff(y, lat) <= TOL / 2


def test_tighter_tolerance_is_honoured():
    lon, lat = beijing(500, seed=5)
    x, y = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat, tol_deg=1e-11))
    assert maxdiff(x, lon) <= 5e-12 and maxdiff(y, lat) <= 5e-12
    x, y = gcj02_to_bd09(*bd09_to_gcj02(lon, lat, tol_deg=1e-11))
    assert maxdiff(x, lon) <= 5e-12 and maxdiff(y, lat) <= 5e-12


def test_inverse_near_lon_105_cusp():
    # The series has sqrt(|lon - 105|): infinite slope on that meridian, where
    # the Newton step is not enough and the fallback iteration takes over.
    lon = 105.0 + np.array([-1e-6, -1e-9, -1e-12, 0.0, 1e-12, 1e-9, 1e-6, 1e-4])
    lat = np.full(lon.shape, 30.0)
    glon, glat = wgs84_to_gcj02(lon, lat)
    g_probe = glon - (glon - 105.0)  # GCJ-02 points exactly on / near 105
    for gx in (glon, g_probe):
        wx, wy = gcj02_to_wgs84(gx, glat)
        fx, fy = wgs84_to_gcj02(wx, wy)
        assert maxdiff(fx, gx) <= TOL / 2 and maxdiff(fy, glat) <= TOL / 2
    assert maxdiff(gcj02_to_wgs84(glon, glat), (lon, lat)) < TOL


@given(
    lon=st.floats(72.1, 137.7, allow_nan=False),
    lat=st.floats(0.9, 55.7, allow_nan=False),
)
@settings(max_examples=300, deadline=None)
def test_round_trip_property(lon, lat):
    for fwd, inv in ((wgs84_to_gcj02, gcj02_to_wgs84), (wgs84_to_bd09, bd09_to_wgs84)):
        x, y = inv(*fwd(lon, lat))
        assert abs(x - lon) < TOL and abs(y - lat) < TOL
    gx, gy = wgs84_to_gcj02(lon, lat)
    fx, fy = wgs84_to_gcj02(*gcj02_to_wgs84(gx, gy))
    assert abs(fx - gx) <= TOL / 2 and abs(fy - gy) <= TOL / 2


@given(
    lon=st.floats(115.4, 117.6, allow_nan=False),
    lat=st.floats(39.4, 41.1, allow_nan=False),
    tol=st.sampled_from([1e-7, 1e-6, 1e-9]),
)
@settings(max_examples=300, deadline=None)
def test_beijing_box_round_trips_within_the_tolerance_given(lon, lat, tol):
    """Over the dataset's box (Beijing, lon 115.4-117.6, lat 39.4-41.1), as the inverses document: each stops when
    the forward conversion of its answer reproduces its input within ``tol_deg / 2`` on both axes, and its answer is
    then within ``tol_deg`` of the point converted; BD-09 here too (given as BD-09, read back to GCJ-02 and WGS84);
    a point alone and in an array alike."""
    for fwd, inv in ((wgs84_to_gcj02, gcj02_to_wgs84), (gcj02_to_bd09, bd09_to_gcj02), (wgs84_to_bd09, bd09_to_wgs84)):
        x, y = fwd(lon, lat)
        bx, by = inv(x, y, tol_deg=tol)
        assert abs(bx - lon) < tol and abs(by - lat) < tol, fwd.__name__
        fx, fy = fwd(bx, by)
        assert abs(fx - x) <= tol / 2 and abs(fy - y) <= tol / 2, fwd.__name__
        ax, ay = inv(np.array([x, x]), np.array([y, y]), tol_deg=tol)
        assert ax.tolist() == [bx, bx] and ay.tolist() == [by, by], fwd.__name__


# -------------------------------------------------------------- offset sizes
def test_beijing_offset_is_hundreds_of_metres():
    lon, lat = beijing()
    geod = pyproj.Geod(ellps="WGS84")
    _, _, dist = geod.inv(lon, lat, *wgs84_to_gcj02(lon, lat))
    assert 100 < dist.min() and dist.max() < 1000
    _, _, dist_bd = geod.inv(lon, lat, *wgs84_to_bd09(lon, lat))
    assert dist_bd.min() > dist.max() / 2  # BD-09 adds another ~700 m
    assert dist_bd.max() < 2000


# ------------------------------------------------------------ China boundary
OUTSIDE = {
    "Tokyo": (139.69, 35.69),
    "London": (-0.1276, 51.5072),
    "New York": (-74.006, 40.7128),
    "Sydney": (151.21, -33.87),
    "Moscow": (37.62, 55.75),
    "Jakarta": (106.85, -6.21),
    "Kabul": (69.21, 34.56),
}


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_gcj02_is_identity_outside_china(name):
    lon, lat = OUTSIDE[name]
    assert not in_china_bbox(lon, lat)
    assert wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_box_is_a_documented_approximation():
    # The box also covers Seoul and Singapore (GCJ-02 offsets applied there).
    assert in_china_bbox([126.98, 103.82], [37.57, 1.35]).all()


def test_box_edges():
    lo_lon, lo_lat, hi_lon, hi_lat = C.CHINA_BBOX
    assert C.CHINA_BBOX == (72.004, 0.8293, 137.8347, 55.8271)
    inside_edge = np.array([lo_lon, hi_lon, 100.0, 100.0]), np.array([30.0, 30.0, lo_lat, hi_lat])
    outside = (
        np.array([np.nextafter(lo_lon, 0), np.nextafter(hi_lon, 200), 100.0, 100.0]),
        np.array([30.0, 30.0, np.nextafter(lo_lat, -1), np.nextafter(hi_lat, 90)]),
    )
    assert in_china_bbox(*inside_edge).all() and not in_china_bbox(*outside).any()
    x, y = wgs84_to_gcj02(*inside_edge)
    assert (np.abs(x - inside_edge[0]) > 1e-4).all()  # edges are included
    for fn in (wgs84_to_gcj02, gcj02_to_wgs84):
        x, y = fn(*outside)
        assert np.array_equal(x, outside[0]) and np.array_equal(y, outside[1])


def test_bd09_has_no_region_test():
    lon, lat = OUTSIDE["London"]
    x, y = wgs84_to_bd09(lon, lat)
    rx, ry = prcoords.gcj_bd((lat, lon))  # GCJ-02 == WGS84 there
    assert abs(x - ry) < 1e-12 and abs(y - rx) < 1e-12
    assert abs(x - lon) > 1e-3
    assert maxdiff(bd09_to_wgs84(x, y), (lon, lat)) < TOL


def test_tiananmen_reference():
    lon, lat = wgs84_to_gcj02(116.397, 39.909)
    assert round(float(lon), 6) == 116.403244 and round(float(lat), 6) == 39.910403


# -------------------------------------------------------- shapes and values
@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_scalar_in_gives_float64_scalars(fn):
    x, y = fn(116.4, 39.9)
    for v in (x, y):
        assert isinstance(v, np.float64) and isinstance(v, float) and np.shape(v) == ()
    x, y = fn(np.float32(116.4), 40)  # any real dtype is converted to float64
    assert isinstance(x, np.float64) and isinstance(y, np.float64)


@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_array_shapes_and_scalar_path_agree(fn):
    lon, lat = beijing(24, seed=2)
    x1, y1 = fn(lon, lat)
    assert x1.shape == (24,) and x1.dtype == np.float64
    x2, y2 = fn(lon.reshape(4, 6), lat.reshape(4, 6))
    assert x2.shape == (4, 6) and np.array_equal(x2.ravel(), x1) and np.array_equal(y2.ravel(), y1)
    xf, yf = fn(np.asfortranarray(lon.reshape(4, 6)), lat.reshape(4, 6))
    assert np.array_equal(xf, x2) and np.array_equal(yf, y2)
    xt, yt = fn(lon.reshape(6, 4).T, lat.reshape(6, 4).T)  # non-contiguous views
    assert np.array_equal(xt, x1.reshape(6, 4).T) and np.array_equal(yt, y1.reshape(6, 4).T)
    xl, yl = fn(list(lon), tuple(lat))
    assert np.array_equal(xl, x1) and np.array_equal(yl, y1)
    # the vectorized loop and the one-point call give the same bits
    for i in (0, 7, 23):
        assert fn(lon[i], lat[i]) == (x1[i], y1[i])
    assert fn(lon[:0], lat[:0])[0].shape == (0,)


def test_broadcasting_and_shape_errors():
    lon = np.array([116.1, 116.2, 116.3])
    x, y = wgs84_to_gcj02(lon, 39.9)
    assert x.shape == y.shape == (3,)
    assert np.array_equal(y, wgs84_to_gcj02(lon, np.full(3, 39.9))[1])
    with pytest.raises(ValueError, match="do not broadcast"):
        wgs84_to_gcj02(lon, [39.9, 40.0])


def test_inputs_are_not_modified():
    lon, lat = beijing(10)
    keep = lon.copy(), lat.copy()
    for fn in ALL:
        fn(lon, lat)
    assert np.array_equal(lon, keep[0]) and np.array_equal(lat, keep[1])


@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_nan_and_inf_pass_through_silently(fn):
    lon = np.array([116.4, np.nan, 116.5, np.inf, 116.6, -np.inf])
    lat = np.array([39.9, 39.9, np.nan, 40.0, np.nan, 40.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x, y = fn(lon, lat)
        xs, ys = fn(np.nan, np.nan)
    bad = ~(np.isfinite(lon) & np.isfinite(lat))
    assert np.array_equal(x[bad], lon[bad], equal_nan=True)
    assert np.array_equal(y[bad], lat[bad], equal_nan=True)
    assert np.isfinite(x[~bad]).all() and (x[~bad] != lon[~bad]).all()
    ok_x, ok_y = fn(lon[~bad], lat[~bad])  # NaNs do not disturb their neighbours
    assert np.array_equal(ok_x, x[~bad]) and np.array_equal(ok_y, y[~bad])
    assert np.isnan(xs) and np.isnan(ys)


# ----------------------------------------------------------- iteration limits
def test_non_convergence_raises_crserror():
    lon, lat = beijing(2000)
    # 1e-17 deg is below float64 spacing (~1e-14 deg here): a few points
    # cannot get there and the error says so instead of returning them.
    with pytest.raises(
        CRSError,
        match=r"GCJ-02 -> WGS84 did not converge to tol_deg=1e-17 "
        r"within max_iter=20 corrections for \d+ point\(s\), e\.g\. \(11",
    ):
        gcj02_to_wgs84(lon, lat, tol_deg=1e-17)
    with pytest.raises(CRSError, match=r"BD-09 -> GCJ-02 did not converge"):
        bd09_to_gcj02(lon, lat, tol_deg=1e-17)
    # one Newton step reaches the default tolerance; not 1e-13, which needs ~3
    gcj02_to_wgs84(lon, lat, max_iter=1)
    with pytest.raises(CRSError, match="max_iter=1"):
        gcj02_to_wgs84(lon, lat, max_iter=1, tol_deg=1e-13)
    x, y = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat, tol_deg=1e-13))
    assert maxdiff(x, lon) <= 5e-14 and maxdiff(y, lat) <= 5e-14


@pytest.mark.parametrize("fn", [gcj02_to_wgs84, bd09_to_gcj02, bd09_to_wgs84])
def test_unconverged_nan_marks_only_the_points_that_fail(fn):
    lon, lat = beijing(2000)
    strict = {"tol_deg": 1e-17}
    with pytest.raises(CRSError, match="did not converge"):
        fn(lon, lat, **strict)
    x, y = fn(lon, lat, unconverged="nan", **strict)
    failed = np.isnan(x)
    assert failed.any() and not failed.all() and np.array_equal(failed, np.isnan(y))
    # every other point is converted as usual: within 1e-12 deg of a tight converged run
    ex, ey = fn(lon[~failed], lat[~failed], tol_deg=1e-12)
    assert maxdiff(x[~failed], ex) < 1e-12 and maxdiff(y[~failed], ey) < 1e-12


def test_one_absurd_bd09_point_does_not_stop_the_array():
    x, y = [1e10, 116.5, np.nan], [0.0, 39.79, 39.79]
    with pytest.raises(CRSError, match=r"BD-09 -> GCJ-02 did not converge .* e\.g\. \(10000000000\.0, 0\.0\)"):
        to_wgs84(x, y, "bd09")
    lon, lat = to_wgs84(x, y, "bd09", unconverged="nan")
    assert np.isnan(lon[0]) and np.isnan(lat[0]) and np.isnan(lon[2])
    assert (lon[1], lat[1]) == tuple(float(v) for v in bd09_to_wgs84(116.5, 39.79))
    assert to_wgs84(448460.0, 4417831.0, "EPSG:32650", unconverged="nan") == to_wgs84(448460.0, 4417831.0, "EPSG:32650")
    with pytest.raises(ValueError, match="unconverged must be 'raise' or 'nan'"):
        to_wgs84(x, y, "bd09", unconverged="ignore")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tol_deg": 0},
        {"tol_deg": -1e-7},
        {"tol_deg": float("nan")},
        {"tol_deg": "1e-7"},
        {"tol_deg": True},
        {"max_iter": 0},
        {"max_iter": 2.5},
        {"max_iter": None},
    ],
)
def test_bad_iteration_arguments(kwargs):
    for fn in INVERSE:
        with pytest.raises(ValueError, match=r"tol_deg|max_iter"):
            fn(116.4, 39.9, **kwargs)


# ------------------------------------------------------------- CRS front-end
@pytest.mark.parametrize("alias", ["gcj02", "GCJ02", "gcj-02", "GCJ_02", " gcj02 "])
def test_gcj02_aliases(alias):
    assert normalize_crs(alias) == "gcj02"


@pytest.mark.parametrize("alias", ["bd09", "BD09", "bd-09", "BD-09", "bd09ll"])
def test_bd09_aliases(alias):
    assert normalize_crs(alias) == "bd09"


WGS84_SPELLINGS = [
    "EPSG:4326",
    "epsg:4326",
    4326,
    "OGC:CRS84",
    "WGS84",
    "urn:ogc:def:crs:EPSG::4326",
    "+proj=longlat +datum=WGS84 +no_defs",
    pyproj.CRS.from_epsg(4326).to_wkt(),
    pyproj.CRS.from_epsg(4326),
]


@pytest.mark.parametrize("spelling", WGS84_SPELLINGS, ids=range(len(WGS84_SPELLINGS)))
def test_wgs84_spellings(spelling):
    assert normalize_crs(spelling) == "EPSG:4326"
    assert is_wgs84(spelling)


def test_wgs84_is_a_no_copy_identity():
    lon, lat = beijing(100)
    x, y = to_wgs84(lon, lat)
    assert x is lon and y is lat
    x, y = from_wgs84(lon, lat, "EPSG:4326")
    assert x is lon and y is lat
    x, y = to_wgs84([116.4], [39.9], "OGC:CRS84")
    assert isinstance(x, np.ndarray) and x.tolist() == [116.4] and y.tolist() == [39.9]
    assert to_wgs84(116.4, 39.9) == (116.4, 39.9)


UTM50 = [
    "EPSG:32650",
    "+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs",
    pyproj.CRS.from_epsg(32650).to_wkt(),
    pyproj.CRS.from_epsg(32650),
    32650,
]


@pytest.mark.parametrize("spelling", UTM50, ids=["epsg", "proj", "wkt", "object", "int"])
def test_projected_crs_against_pyproj(spelling):
    c = normalize_crs(spelling)
    assert isinstance(c, pyproj.CRS) and c.is_projected and not is_wgs84(spelling)
    lon, lat = beijing(500)
    direct = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32650", always_xy=True)
    ex, ey = direct.transform(lon, lat)
    x, y = from_wgs84(lon, lat, spelling)
    assert maxdiff(x, ex) < 1e-6 and maxdiff(y, ey) < 1e-6
    assert 300_000 < x.min() and x.max() < 600_000 and 4_300_000 < y.min()  # metres, (E, N)
    back_lon, back_lat = to_wgs84(x, y, spelling)
    assert maxdiff(back_lon, lon) < 1e-9 and maxdiff(back_lat, lat) < 1e-9
    assert maxdiff(to_wgs84(x.reshape(20, 25), y.reshape(20, 25), spelling)[0], lon.reshape(20, 25)) < 1e-9
    sx, sy = to_wgs84(float(x[0]), float(y[0]), spelling)
    assert isinstance(sx, np.float64) and abs(sx - lon[0]) < 1e-9 and abs(sy - lat[0]) < 1e-9


def test_lat_lon_axis_order_crs_is_read_as_lon_lat():
    # CGCS2000 (EPSG:4490) declares (lat, lon) axes; to_wgs84 takes (lon, lat).
    assert pyproj.CRS("EPSG:4490").axis_info[0].abbrev.lower() == "lat"
    x, y = to_wgs84([116.4], [39.9], "EPSG:4490")
    assert abs(x[0] - 116.4) < 1e-4 and abs(y[0] - 39.9) < 1e-4


def test_gcj02_and_bd09_through_the_front_end():
    lon, lat = beijing(200)
    gx, gy = from_wgs84(lon, lat, "GCJ-02")
    assert np.array_equal(gx, wgs84_to_gcj02(lon, lat)[0])
    assert np.array_equal(to_wgs84(gx, gy, "gcj02")[0], gcj02_to_wgs84(gx, gy)[0])
    bx, by = from_wgs84(lon, lat, "bd09")
    assert np.array_equal(by, wgs84_to_bd09(lon, lat)[1])
    assert maxdiff(to_wgs84(bx, by, "BD-09"), (lon, lat)) < TOL
    assert not is_wgs84("gcj02") and not is_wgs84("bd09")


def test_untransformable_points_become_nan():
    x, y = to_wgs84(np.array([448460.0, 1e30]), np.array([4417831.0, 1e30]), "EPSG:32650")
    assert np.isfinite(x[0]) and np.isnan(x[1]) and np.isnan(y[1])


def test_transformers_are_cached():
    wkt = pyproj.CRS.from_epsg(32650).to_wkt()
    assert C._transformer(wkt, True) is C._transformer(wkt, True)
    assert C._transformer(wkt, True) is not C._transformer(wkt, False)


BAD = ["", "   ", None, "EPSG:999999", "foo", "gcj03", 3.5, True, object()]


@pytest.mark.parametrize("bad", BAD, ids=[type(b).__name__ if type(b) is object else repr(b) for b in BAD])
def test_bad_crs_raises_crserror(bad):
    pattern = (
        r"^crs=: unknown coordinate reference system .*: give an EPSG code \(EPSG:4326 for WGS84 lon/lat, "
        r"EPSG:32650\), WKT or a \.prj / \.wkt file of it, a PROJ string, or gcj02 \(Amap/Gaode, Tencent\) / bd09"
    )
    with pytest.raises(CRSError, match=pattern):
        normalize_crs(bad)
    with pytest.raises(CRSError, match=r"^crs=: unknown coordinate reference system"):
        to_wgs84(116.4, 39.9, bad)
    with pytest.raises(ValueError, match=r"^crs=: unknown coordinate reference system"):  # CRSError is a ValueError
        from_wgs84(116.4, 39.9, bad)


def test_bad_crs_message_quotes_the_input():
    with pytest.raises(CRSError, match=r"^crs=: unknown coordinate reference system 'foo': give an EPSG"):
        normalize_crs("foo")
    with pytest.raises(CRSError, match=r"system None:"):
        normalize_crs(None)


# ------------------------------------------------------------- CRS validation
BEIJING_PROBE_LON, BEIJING_PROBE_LAT = np.array([116.40, 115.5, 117.4]), np.array([39.90, 39.5, 41.0])
USABLE = {
    "WGS84": "EPSG:4326",
    "CRS84": "OGC:CRS84",
    "UTM 50N": "EPSG:32650",
    "CGCS2000": "EPSG:4490",
    "CGCS2000 GK CM 117E": "EPSG:4548",
    "Beijing 1954": "EPSG:4214",
    "Beijing 1954 GK CM 117E": "EPSG:2436",
    "Web Mercator": "EPSG:3857",
    "UTM 50N as WKT": pyproj.CRS.from_epsg(32650).to_wkt(),
    "bound PROJ string": "+proj=tmerc +lon_0=117 +x_0=500000 +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0 +units=m",
    "gcj02": "gcj02",
    "bd09": "bd09",
}


@pytest.mark.parametrize("spelling", list(USABLE.values()), ids=list(USABLE))
def test_usable_crs_round_trips_beijing(spelling):
    c = normalize_crs(spelling)
    x, y = from_wgs84(BEIJING_PROBE_LON, BEIJING_PROBE_LAT, c)
    lon, lat = to_wgs84(x, y, spelling)
    assert maxdiff(lon, BEIJING_PROBE_LON) < 1e-6 and maxdiff(lat, BEIJING_PROBE_LAT) < 1e-6
    if isinstance(c, pyproj.CRS):
        assert C.validate_crs(c) is c


LOCAL_WKT = 'LOCAL_CS["site grid",LOCAL_DATUM["site",0],UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]'
UNUSABLE = {
    "geocentric": ("EPSG:4978", r"EPSG:4978 \(WGS 84\) cannot be used: it is geocentric"),
    "geocentric int": (4978, r"EPSG:4978 \(WGS 84\) cannot be used: it is geocentric"),
    "geocentric PROJ": ("+proj=geocent +datum=WGS84", r"cannot be used: it is geocentric"),
    "vertical": ("EPSG:5773", r"EPSG:5773 \(EGM96 height\) cannot be used: it is vertical"),
    "compound": ("EPSG:9518", r"EPSG:9518 .* is a compound CRS .*; give its horizontal part, EPSG:4326$"),
    "3D": ("EPSG:4979", r"EPSG:4979 \(WGS 84\) cannot be used: it has 3 axes, not 2 .*; give its 2D form, EPSG:4326$"),
    "UTM grid system": ("EPSG:32600", r"EPSG:32600 .* cannot be used: it has no transformation to WGS84"),
    "Moon": ("ESRI:104903", r"ESRI:104903 \(GCS_Moon_2000\) cannot be used: it has no transformation to WGS84"),
    "engineering": (LOCAL_WKT, r"'site grid' cannot be used: it is an engineering \(local\) CRS"),
}
RIGHT = "give a horizontal CRS: geographic lon/lat such as EPSG:4326"


@pytest.mark.parametrize(("spelling", "pattern"), list(UNUSABLE.values()), ids=list(UNUSABLE))
def test_unusable_crs_is_refused_at_every_entry(model, spelling, pattern):
    with pytest.raises(CRSError, match=pattern) as info:
        normalize_crs(spelling)
    text = str(info.value)
    assert text.startswith("coordinate reference system ") and ("give its" in text or RIGHT in text)
    if not isinstance(spelling, int):
        with pytest.raises(CRSError, match=pattern):
            C.validate_crs(pyproj.CRS.from_user_input(spelling))
    for call in (
        lambda: to_wgs84(116.4, 39.9, spelling),
        lambda: from_wgs84(116.4, 39.9, spelling),
        lambda: model.locate(116.4, 39.9, crs=spelling),
        lambda: model.classify([116.4, 116.5], [39.9, 39.79], crs=spelling),
    ):
        with pytest.raises(CRSError, match=pattern):
            call()


def test_crs_verdicts_are_cached(monkeypatch):
    crs = pyproj.CRS.from_epsg(32650)
    C.validate_crs(crs)
    monkeypatch.setattr(C, "_why_unusable", lambda c: pytest.fail("not cached"))
    assert C.validate_crs(pyproj.CRS.from_epsg(32650)).name == "WGS 84 / UTM zone 50N"


@pytest.mark.slow
def test_every_accepted_epsg_crs_carries_beijing_points():
    """A spread of EPSG codes: each is refused with a CRSError or converts Beijing points and back."""
    codes = sorted(int(c) for c in pyproj.get_codes("EPSG", "CRS") if c.isdigit())
    refused = accepted = 0
    for code in codes[::97]:
        try:
            c = normalize_crs(f"EPSG:{code}")
        except CRSError as exc:
            assert "cannot be used" in str(exc)
            refused += 1
            continue
        x, y = from_wgs84(BEIJING_PROBE_LON, BEIJING_PROBE_LAT, c)
        lon, lat = to_wgs84(x, y, c)
        assert maxdiff(lon, BEIJING_PROBE_LON) < 1e-6 and maxdiff(lat, BEIJING_PROBE_LAT) < 1e-6, code
        accepted += 1
    assert refused and accepted


def _cli(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "avzone", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("crs", ["EPSG:4978", "EPSG:5773", "EPSG:32600", "ESRI:104903"])
def test_cli_refuses_unusable_crs_with_exit_2(crs):
    r = _cli("locate", "448460", "4417831", "--crs", crs)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(f"avzone: error: --crs {crs}: coordinate reference system {crs}")
    assert "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1


def test_cli_file_job_refuses_unusable_crs_before_writing(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("x,y\n448460,4417831\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = _cli("locate", "--input", str(src), "--output", str(out), "--crs", "EPSG:4978")
    assert r.returncode == 2 and "geocentric" in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_http_refuses_unusable_crs_with_422_on_a_kept_alive_connection(model):
    """422 naming the CRS, from the fast path and the routes; the connection stays open for the next request."""
    import http.client
    import json
    import socket
    import threading
    import time

    pytest.importorskip("fastapi")
    import uvicorn

    from avzone.service import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(model), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        requests = [
            ("GET", "/v1/locate?lon=448460&lat=4417831&crs=EPSG:4978", None, "geocentric"),
            ("GET", "/v1/locate?lon=448460&lat=4417831&crs=4978", None, "geocentric"),
            ("GET", "/v1/locate?lon=448460&lat=4417831&crs=EPSG:32600", None, "no transformation to WGS84"),
            ("GET", "/v1/locate?lon=116.5&lat=39.79&crs=ESRI:104903", None, "no transformation to WGS84"),
            ("GET", "/v1/locate?lon=116.5&lat=39.79&crs=EPSG:5773", None, "vertical"),
            ("POST", "/v1/locate?crs=EPSG:32600", b"[[448460, 4417831]]", "no transformation to WGS84"),
            ("POST", "/v1/locate?crs=EPSG:4978", b"[[448460, 4417831]]", "geocentric"),
        ]
        conn.request("GET", "/healthz")
        assert conn.getresponse().read() and conn.sock is not None
        sock = conn.sock
        for method, path, body, words in requests * 2:  # the second round comes from the caches
            headers = {"Content-Type": "application/json"} if body else {}
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            detail = json.loads(r.read())["detail"]
            assert r.status == 422, (path, r.status, detail)
            assert detail.startswith("crs: coordinate reference system ") and words in detail
            assert not r.will_close and conn.sock is sock, "the connection was closed"
        conn.request("GET", "/v1/locate?lon=116.5&lat=39.79")
        r = conn.getresponse()
        assert r.status == 200 and json.loads(r.read())["zones"]["current"] is True
        assert conn.sock is sock
        conn.close()
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_outside_the_china_box_gcj02_is_wgs84_but_bd09_keeps_baidus_offset():
    """What README's CRS section says of points outside the box: GCJ-02 passes them through, BD-09 does not
    (Baidu's formula has no region test, in avzone as in the usual converters)."""
    from avzone.crs import to_wgs84

    assert [float(v) for v in to_wgs84(2.35, 48.85, "gcj02")] == [2.35, 48.85]
    assert [round(float(v), 4) for v in to_wgs84(2.35, 48.85, "bd09")] == [2.3434, 48.844]
