"""Randomized differential tests of the point-in-zone pipeline.

Seeded random points near and across every zone edge are answered through
each entry point (arrays, lists, pandas, GeoPandas in several CRSs, GCJ-02
and BD-09, one point, the CLI, file jobs in CSV / Parquet / GeoJSON, the
HTTP API, times) and compared with an independent reference: shapely's
``covers`` on the layer geometry (the boundary counts as inside), geodesic
distances measured with pyproj, and the stage dates of the manifest.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyproj
import pytest
import shapely
from common import run_cli

import avzone
from avzone import batch
from avzone.crs import from_wgs84
from avzone.locate import locate_many
from avzone.points import SWAPPED_TEXT, codes_to_text, status_labels

SEED = 20240319
BEIJING = dt.timezone(dt.timedelta(hours=8))
GEOD = pyproj.Geod(ellps="WGS84")
PROJECTED = ["EPSG:3857", "EPSG:32650"]
OFFSETS = ["gcj02", "bd09"]
#: Degrees from a boundary within which a point given in another CRS may fairly flip (round trips, ~0.1 m).
CRS_MARGIN_DEG = 1e-6


# -- the reference ---------------------------------------------------------------------
def covers(model: avzone.Model, lon: np.ndarray, lat: np.ndarray) -> dict[str, np.ndarray]:
    """Per zone layer: does shapely's ``covers`` on the layer geometry hold for each WGS84 point?"""
    pts = shapely.points(lon, lat)
    return {z: shapely.covers(model.layer_geometry(z), pts) for z in model.zone_layers}


def boundary_gap(model: avzone.Model, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Degrees from each point to the nearest boundary of any zone layer."""
    pts = shapely.points(lon, lat)
    return np.min([shapely.distance(model.layer_geometry(z).boundary, pts) for z in model.zone_layers], axis=0)


def near_edges(model: avzone.Model, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Points at random small offsets from boundary vertices and edge points of every zone layer, and in the bounds."""
    parts = []
    for z in model.zone_layers:
        ring = shapely.get_coordinates(model.layer_geometry(z).boundary)
        i = rng.integers(0, len(ring) - 1, n)
        t = np.where(rng.random(n) < 0.3, 0.0, rng.random(n))  # vertices, and points along the edges
        base = ring[i] + (ring[i + 1] - ring[i]) * t[:, None]
        scale = rng.choice([1e-2, 1e-3, 1e-4, 1e-5, 1e-7], n)[:, None]
        parts.append(base + rng.normal(0.0, 1.0, base.shape) * scale)
    w, s, e, nb = shapely.total_bounds([model.layer_geometry(z) for z in model.zone_layers])
    parts.append(np.column_stack([rng.uniform(w - 0.05, e + 0.05, n), rng.uniform(s - 0.05, nb + 0.05, n)]))
    pts = np.vstack(parts)
    pts = pts[rng.permutation(len(pts))]
    return pts[:, 0].copy(), pts[:, 1].copy()


def edge_distance_m(model: avzone.Model, layer: str, lon: float, lat: float) -> float:
    """Geodesic metres from a point to a layer's boundary: the densified boundary in an equidistant projection."""
    aeqd = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84")
    fwd = pyproj.Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    dense = shapely.segmentize(model.layer_geometry(layer).boundary, 0.0005)
    flat = shapely.transform(dense, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    return float(shapely.distance(shapely.Point(0.0, 0.0), flat))


def answers(frame: pd.DataFrame, zones: list[str]) -> dict[str, list[Any]]:
    """A classify frame's columns as lists of True / False / None."""
    return {z: [None if v is pd.NA else bool(v) for v in frame[z].tolist()] for z in zones}


def expected(truth: dict[str, np.ndarray], ok: np.ndarray) -> dict[str, list[Any]]:
    return {z: [bool(v) if good else None for v, good in zip(col.tolist(), ok.tolist())] for z, col in truth.items()}


@pytest.fixture(scope="module")
def cases(model: avzone.Model) -> dict[str, Any]:
    """The random points, their reference answers and their distance to the nearest boundary."""
    rng = np.random.default_rng(SEED)
    lon, lat = near_edges(model, rng, 400)
    return {"lon": lon, "lat": lat, "truth": covers(model, lon, lat), "gap": boundary_gap(model, lon, lat)}


# -- arrays, lists, pandas, GeoPandas -----------------------------------------------------
def test_classify_equals_covers_near_every_edge(model, cases):
    """Arrays of every size (the one-point, numpy and compiled paths) give shapely's covers exactly."""
    lon, lat, truth = cases["lon"], cases["lat"], cases["truth"]
    n = lon.size
    ok = np.ones(n, dtype=bool)
    assert answers(model.classify(lon, lat), model.zone_layers) == expected(truth, ok)
    rng = np.random.default_rng(SEED + 1)
    for size in (1, 2, 63, 64, 65, 200):
        idx = rng.choice(n, size, replace=False)
        got = model.classify(lon[idx], lat[idx])
        assert answers(got, model.zone_layers) == expected({z: v[idx] for z, v in truth.items()}, ok[idx]), size


def test_exact_vertices_and_near_misses_follow_the_boundary_rule(model):
    """A vertex is inside (covers); 1e-9 degrees off it the answer is shapely's, whichever way."""
    rng = np.random.default_rng(SEED + 2)
    for z in model.zone_layers:
        ring = shapely.get_coordinates(model.layer_geometry(z).boundary)
        v = ring[rng.choice(len(ring), 40, replace=False)]
        assert model.classify(v[:, 0], v[:, 1])[z].tolist() == [True] * 40, z
        for k in (0, 5, 17):
            assert model.locate(float(v[k, 0]), float(v[k, 1])).zones[z] is True
        jitter = v[:, None, :] + np.array([[1e-9, 0], [-1e-9, 0], [0, 1e-9], [0, -1e-9]])[None]
        jlon, jlat = jitter[..., 0].ravel(), jitter[..., 1].ravel()
        assert model.classify(jlon, jlat)[z].tolist() == covers(model, jlon, jlat)[z].tolist(), z


def test_input_forms_agree_and_keep_the_index(model, cases):
    """Lists, object arrays of text, Series with odd indexes and GeoPandas all give the arrays' answers."""
    import geopandas as gpd

    lon, lat, truth = cases["lon"][:300], cases["lat"][:300], {z: v[:300] for z, v in cases["truth"].items()}
    n = lon.size
    want = expected(truth, np.ones(n, dtype=bool))
    zones = model.zone_layers
    rng = np.random.default_rng(SEED + 3)
    assert answers(model.classify(lon.tolist(), lat.tolist()), zones) == want
    text_lon = np.array([repr(float(v)) for v in lon], dtype=object)
    text_lat = np.array([repr(float(v)) for v in lat], dtype=object)
    assert answers(model.classify(text_lon, text_lat), zones) == want
    indexes = {
        "text": pd.Index([f"p{i:03d}" for i in rng.permutation(n)]),
        "shuffled": pd.Index(rng.permutation(n) * 7 - 500),
        "duplicates": pd.Index(rng.integers(0, 20, n)),
        "dates": pd.date_range("2024-01-01", periods=n, freq="h")[rng.permutation(n)],
    }
    for name, index in indexes.items():
        df = model.classify(pd.Series(lon, index=index), pd.Series(lat, index=index))
        assert df.index.equals(index), name
        assert answers(df, zones) == want, name
        gs = gpd.GeoSeries(shapely.points(lon, lat), index=index, crs="EPSG:4326")
        for frame in (gs, gpd.GeoDataFrame({"k": np.arange(n)}, geometry=gs, index=index)):
            got = model.classify(frame)
            assert got.index.equals(index) and answers(got, zones) == want, name
    nullable = model.classify(pd.Series(lon, dtype="Float64"), pd.Series(lat, dtype="float64[pyarrow]"))
    assert answers(nullable, zones) == want


@pytest.mark.parametrize("crs", PROJECTED + OFFSETS + ["EPSG:4490"])
def test_other_crs_give_the_wgs84_answer(model, cases, crs):
    """Points converted with avzone's own from_wgs84 answer as in WGS84, away from the boundary's rounding."""
    import geopandas as gpd

    lon, lat, gap = cases["lon"], cases["lat"], cases["gap"]
    x, y = from_wgs84(lon, lat, crs)
    clear = gap > CRS_MARGIN_DEG
    want = expected({z: v[clear] for z, v in cases["truth"].items()}, np.ones(int(clear.sum()), dtype=bool))
    got = model.classify(x, y, crs=crs)
    assert got.notna().all().all()
    assert answers(got[clear], model.zone_layers) == want
    index = pd.Index([f"r{i}" for i in range(lon.size)])
    series = model.classify(pd.Series(x, index=index), pd.Series(y, index=index), crs=crs)
    assert series.index.equals(index) and answers(series, model.zone_layers) == answers(got, model.zone_layers)
    if crs.startswith("EPSG"):
        gdf = gpd.GeoDataFrame({"k": np.arange(lon.size)}, geometry=gpd.points_from_xy(x, y), crs=crs, index=index)
        from_frame = model.classify(gdf)
        assert from_frame.index.equals(index)
        assert answers(from_frame, model.zone_layers) == answers(got, model.zone_layers)
        assert gdf.crs == pyproj.CRS(crs)  # the caller's frame is left in its CRS
        with pytest.raises(avzone.errors.InputError):
            model.classify(gdf, crs="EPSG:4326")


# -- bad rows -------------------------------------------------------------------------------
BAD_ROWS: list[tuple[Any, Any, str]] = [
    (np.nan, 39.8, "lon not finite"),
    (116.5, np.inf, "lat not finite"),
    (-np.inf, -np.inf, "lon not finite; lat not finite"),
    (200.0, 39.8, "lon out of range [-180, 180]"),
    (116.5, -95.0, "lat out of range [-90, 90]"),
    (-181.0, 90.5, "lon out of range [-180, 180]; lat out of range [-90, 90]"),
]


def _with_bad_rows(rng: np.random.Generator, lon: np.ndarray, lat: np.ndarray, k: int) -> tuple[Any, ...]:
    """``lon``, ``lat`` with ``k`` bad rows (and swapped good ones) at random places; what each row should say."""
    n = lon.size + k
    where = np.sort(rng.choice(n, k, replace=False))
    good = np.ones(n, dtype=bool)
    good[where] = False
    x = np.empty(n)
    y = np.empty(n)
    x[good], y[good] = lon, lat
    status = np.array(["ok"] * n, dtype=object)
    for i in where.tolist():
        kind = int(rng.integers(0, len(BAD_ROWS) + 1))
        if kind == len(BAD_ROWS):  # a point of the area given as (lat, lon)
            x[i], y[i], status[i] = rng.uniform(39.6, 40.2), rng.uniform(116.2, 116.8), SWAPPED_TEXT
        else:
            x[i], y[i], status[i] = BAD_ROWS[kind]
    return x, y, good, status


@pytest.mark.parametrize("size", [30, 500])
def test_bad_rows_get_their_status_and_never_true_or_false(model, cases, size):
    """NaN, inf, out-of-range and swapped rows are <NA> with their status in every input form; the rest exact."""
    rng = np.random.default_rng(SEED + size)
    lon, lat = cases["lon"][:size], cases["lat"][:size]
    truth = {z: v[:size] for z, v in cases["truth"].items()}
    x, y, good, status = _with_bad_rows(rng, lon, lat, max(3, size // 10))
    want = {z: [None] * x.size for z in model.zone_layers}
    for z in model.zone_layers:
        for i, v in zip(np.flatnonzero(good).tolist(), truth[z].tolist()):
            want[z][i] = bool(v)
    index = pd.Index(rng.permutation(x.size) + 1000)
    forms = {
        "arrays": (x, y),
        "lists": (x.tolist(), y.tolist()),
        "text": (np.array([repr(v) for v in x.tolist()], dtype=object), np.array([repr(v) for v in y.tolist()])),
        "series": (pd.Series(x, index=index), pd.Series(y, index=index)),
    }
    # a NaN number in memory is a missing value (as numpy writes one and pandas reads one): "missing" in every
    # form but text, where "nan" is written as a value that is not finite (as in a file's cell)
    nan_missing = [t.replace("lon not finite", "missing lon") if np.isnan(v) else t for t, v in zip(status, x)]
    for name, (a, b) in forms.items():
        df = model.classify(a, b)
        assert answers(df, model.zone_layers) == want, name
        got = locate_many(model, a, b).points.status_text().tolist()
        assert got == (status.tolist() if name == "text" else nan_missing), name
        if name == "series":
            assert df.index.equals(index)


# -- one point, its distances, and the CLI -----------------------------------------------------
def test_one_point_agrees_with_classify_and_geodesic_truth(model, cases):
    """locate(): the zones of classify, distances to each edge within 1 m + 1e-4 of pyproj's, the nearest hub."""
    rng = np.random.default_rng(SEED + 4)
    idx = rng.choice(cases["lon"].size, 12, replace=False)
    lon = np.r_[cases["lon"][idx], 116.3975, 117.5, 115.0]
    lat = np.r_[cases["lat"][idx], 39.9087, 40.9, 39.0]
    many = locate_many(model, lon, lat, distances=True)
    hubs = model.hub_points
    for i in range(lon.size):
        loc = model.locate(float(lon[i]), float(lat[i]))
        assert loc.zones == {z: bool(v) for z, v in zip(many.zones, many.hits[i])}
        for j, z in enumerate(model.zone_layers):
            truth = edge_distance_m(model, z, lon[i], lat[i])
            inside = loc.zones[z]
            one = loc.distance_inside_m[z] if inside else loc.distance_to_edge_m[z]
            batch_d = many.distance_inside_m[i, j] if inside else many.distance_to_edge_m[i, j]
            assert (loc.distance_to_edge_m[z] if inside else loc.distance_inside_m[z]) == 0.0
            for d in (one, batch_d):
                assert abs(d - truth) <= 1.0 + 1e-4 * truth, (i, z, d, truth)
        _, _, d = GEOD.inv(np.full(hubs.lon.size, lon[i]), np.full(hubs.lon.size, lat[i]), hubs.lon, hubs.lat)
        k = int(np.argmin(d))
        assert loc.nearest_hub is not None and loc.nearest_hub["id"] == hubs.ids[k]
        assert abs(loc.nearest_hub["distance_m"] - d[k]) <= 0.06
        assert int(many.hub[i]) == k and abs(many.hub_distance_m[i] - d[k]) <= 1e-3


@pytest.mark.parametrize("crs", [None, *OFFSETS, *PROJECTED])
def test_one_point_in_any_crs_and_the_cli_agree(model, cases, crs):
    """locate(x, y, crs) answers like classify on WGS84; `avzone locate X Y --crs C --json` prints the same."""
    rng = np.random.default_rng(SEED + 5)
    clear = np.flatnonzero(cases["gap"] > CRS_MARGIN_DEG)
    idx = rng.choice(clear, 6, replace=False)
    lon, lat = cases["lon"][idx], cases["lat"][idx]
    x, y = (lon, lat) if crs is None else from_wgs84(lon, lat, crs)
    for i in range(idx.size):
        loc = model.locate(float(x[i]), float(y[i]), crs=crs)
        assert loc.zones == {z: bool(cases["truth"][z][idx[i]]) for z in model.zone_layers}
        assert abs(loc.lon - lon[i]) < 1e-6 and abs(loc.lat - lat[i]) < 1e-6
        args = ["locate", repr(float(x[i])), repr(float(y[i])), "--json"] + ([] if crs is None else ["--crs", crs])
        out = run_cli(*args)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == json.loads(json.dumps(loc.to_dict()))


def test_one_bad_point_is_refused_not_answered(model):
    """locate() raises for what classify marks <NA>; the CLI exits 2 with one line."""
    for x, y, _ in [*BAD_ROWS, (39.8, 116.5, SWAPPED_TEXT)]:
        with pytest.raises(avzone.errors.InputError):
            model.locate(x, y)
        out = run_cli("locate", "--", repr(float(x)), repr(float(y)))
        assert out.returncode == 2 and out.stdout == "", (x, y, out)


# -- file jobs ---------------------------------------------------------------------------
def _file_rows(model: avzone.Model, cases: dict[str, Any], crs: str | None, n: int, seed: int) -> dict[str, Any]:
    """Text cells of ``n`` random points in ``crs`` with bad rows mixed in, and the library's answers on them."""
    rng = np.random.default_rng(seed)
    clear = np.flatnonzero(cases["gap"] > CRS_MARGIN_DEG)
    idx = rng.choice(clear, n, replace=False)
    lon, lat = cases["lon"][idx], cases["lat"][idx]
    x, y = (lon, lat) if crs is None else from_wgs84(lon, lat, crs)
    xs = [repr(float(v)) for v in x]
    ys = [repr(float(v)) for v in y]
    for i, (a, b) in zip(rng.choice(n, 6, replace=False).tolist(), [("", "39.8"), ("abc", "39.8"), ("nan", "40")] * 2):
        xs[i], ys[i] = a, b
    truth = {z: v[idx] for z, v in cases["truth"].items()}
    return {"x": xs, "y": ys, "truth": truth, "wgs84": (lon, lat)}


def _library(model: avzone.Model, rows: dict[str, Any], crs: str | None, names: tuple[str, str]) -> Any:
    res = locate_many(model, np.array(rows["x"], dtype=object), np.array(rows["y"], dtype=object), crs)
    status = codes_to_text(res.points.codes, status_labels(names)).tolist()
    return res, status


def _read_output(path: Path, encoding: str = "utf-8") -> list[dict[str, Any]]:
    """Every row of a located file as a dict, in file order (booleans as True / False / None)."""
    if path.suffix == ".csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        rows = df.to_dict("records")
        for r in rows:
            for k in r:
                if k.startswith("in_"):
                    r[k] = {"true": True, "false": False, "": None}[r[k]]
        return rows
    if path.suffix == ".parquet":
        df = pq.read_table(path).to_pandas()
        return [{k: (None if v is pd.NA else v) for k, v in r.items()} for r in df.to_dict("records")]
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [{**f["properties"], "geometry": f["geometry"]} for f in doc["features"]]


@pytest.mark.parametrize("crs", [None, "gcj02", "bd09", "EPSG:32650"])
def test_file_jobs_keep_every_row_and_answer_like_the_library(model, cases, tmp_path, crs):
    """A GBK CSV with Chinese headers to CSV / Parquet / GeoJSON: rows, order, columns, encoding, answers."""
    rows = _file_rows(model, cases, crs, 120, SEED + 6)
    n = len(rows["x"])
    names = ("经度", "纬度")
    notes = [f"第{i}行" for i in range(n)]
    src_df = pd.DataFrame(
        {"编号": [f"id{i}" for i in range(n)], names[0]: rows["x"], names[1]: rows["y"], "备注": notes}
    )
    src = tmp_path / "in.csv"
    src_df.to_csv(src, index=False, encoding="gbk")
    res, status = _library(model, rows, crs, names)
    for ext in ("csv", "parquet", "geojson"):
        dst = tmp_path / f"out.{ext}"
        out = run_cli("locate", "--input", str(src), "--output", str(dst), *(["--crs", crs] if crs else []))
        assert out.returncode == 0, out.stderr
        if ext == "csv":
            raw = dst.read_bytes()
            raw.decode("gbk")  # written back in the input's encoding
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        got = _read_output(dst, "gbk")
        assert len(got) == n
        assert [r["编号"] for r in got] == list(src_df["编号"])
        assert [r[names[0]] for r in got] == rows["x"] and [r[names[1]] for r in got] == rows["y"]
        assert [r["备注"] for r in got] == notes
        assert [r["status"] for r in got] == status
        for j, z in enumerate(model.zone_layers):
            want = [bool(h) if ok else None for h, ok in zip(res.hits[:, j].tolist(), res.points.ok.tolist())]
            assert [r[f"in_{z}"] for r in got] == want, (ext, z)
            assert [w for w, s in zip(want, status) if s == "ok"] == rows["truth"][z][res.points.ok].tolist()
        if ext == "geojson":
            for r, ok, a, b in zip(got, res.points.ok.tolist(), res.points.lon.tolist(), res.points.lat.tolist()):
                assert (r["geometry"] is None) if not ok else r["geometry"]["coordinates"] == [a, b]


@pytest.mark.parametrize("chunk_rows", [1, 7, 64, 65, 10_000])
def test_parquet_jobs_in_chunks_give_the_same_rows(model, cases, tmp_path, chunk_rows):
    """Parquet with named columns (numbers, nulls, text) in chunks of any size: the library's answers, in order."""
    rows = _file_rows(model, cases, "gcj02", 150, SEED + 7)
    n = len(rows["x"])
    xf = np.array(pd.to_numeric(pd.Series(rows["x"]), errors="coerce"), dtype=float)
    xf[[3, 40]] = np.nan  # NaN, and nulls below: not finite and missing
    table = pa.table(
        {
            "seq": pa.array(np.arange(n) * 3),
            "x_gcj": pa.array(xf, mask=np.isin(np.arange(n), [5, 90])),
            "y_gcj": pa.array(rows["y"], pa.string()),
        }
    )
    src = tmp_path / "in.parquet"
    pq.write_table(table, src, row_group_size=17)
    dst = tmp_path / "out.parquet"
    batch.locate_file(model, src, dst, lon_col="x_gcj", lat_col="y_gcj", crs="gcj02", chunk_rows=chunk_rows)
    got = _read_output(dst)
    assert [r["seq"] for r in got] == (np.arange(n) * 3).tolist()
    cells = [None if i in (5, 90) else "nan" if np.isnan(v) else v for i, v in enumerate(xf.tolist())]
    cells_x = np.array(cells, dtype=object)
    res = locate_many(model, cells_x, np.array(rows["y"], dtype=object), "gcj02")
    want_status = codes_to_text(res.points.codes, status_labels(("x_gcj", "y_gcj"))).tolist()
    assert [r["status"] for r in got] == want_status
    assert want_status[5] == "missing x_gcj" and want_status[3] == "x_gcj not finite"
    for j, z in enumerate(model.zone_layers):
        want = [bool(h) if ok else None for h, ok in zip(res.hits[:, j].tolist(), res.points.ok.tolist())]
        assert [r[f"in_{z}"] for r in got] == want, z


@pytest.mark.parametrize("crs", PROJECTED)
def test_geoparquet_in_a_projected_crs_keeps_it_and_answers_right(model, cases, tmp_path, crs):
    """A GeoParquet file in its own CRS: answers as WGS84, the CRS and geometries kept in a GeoParquet output."""
    import geopandas as gpd

    rng = np.random.default_rng(SEED + 8)
    idx = rng.choice(np.flatnonzero(cases["gap"] > CRS_MARGIN_DEG), 80, replace=False)
    x, y = from_wgs84(cases["lon"][idx], cases["lat"][idx], crs)
    gdf = gpd.GeoDataFrame({"k": idx}, geometry=gpd.points_from_xy(x, y), crs=crs)
    src = tmp_path / "in.parquet"
    gdf.to_parquet(src)
    for ext in ("parquet", "geojson"):
        dst = tmp_path / f"out.{ext}"
        out = run_cli("locate", "--input", str(src), "--output", str(dst))
        assert out.returncode == 0, out.stderr
        got = gpd.read_parquet(dst) if ext == "parquet" else gpd.read_file(dst)
        assert got["k"].tolist() == idx.tolist()
        for z in model.zone_layers:
            assert got[f"in_{z}"].tolist() == cases["truth"][z][idx].tolist(), (ext, z)
        if ext == "parquet":
            assert got.crs == gdf.crs and shapely.equals_exact(got.geometry.values, gdf.geometry.values, 0).all()
        else:
            assert np.allclose(got.geometry.x, cases["lon"][idx], atol=1e-9)


def test_dask_partitions_answer_like_the_local_engine(model, cases):
    """The Dask engine's per-partition step gives the local engine's statuses and answers."""
    pytest.importorskip("dask")
    from avzone.distributed import annotate_partition

    rows = _file_rows(model, cases, "bd09", 60, SEED + 9)
    part = pd.DataFrame({"lng": pd.array(rows["x"], dtype="string[pyarrow]"), "lat": rows["y"]})
    got = annotate_partition(part, str(model.folder), "lng", "lat", "bd09")
    res, status = _library(model, rows, "bd09", ("lng", "lat"))
    assert got["status"].tolist() == status
    for j, z in enumerate(model.zone_layers):
        want = [bool(h) if ok else None for h, ok in zip(res.hits[:, j].tolist(), res.points.ok.tolist())]
        assert [None if v is pd.NA else bool(v) for v in got[f"in_{z}"].tolist()] == want


# -- HTTP --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def clients(model: avzone.Model) -> Any:
    """The API with its single-point fast path and without it (FastAPI's route answers every request)."""
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as fast, TestClient(create_app(model, fast_path=False)) as route:
        yield fast, route


@pytest.mark.parametrize("crs", ["EPSG:4326", "4326", "OGC:CRS84", *OFFSETS, *PROJECTED])
def test_http_answers_like_the_library(model, cases, clients, crs):
    """GET (fast path and route) and POST (pairs and features, with distances) give the library's answers."""
    lib_crs = f"EPSG:{crs}" if crs.isdigit() else crs
    rng = np.random.default_rng(SEED + 10)
    idx = rng.choice(np.flatnonzero(cases["gap"] > CRS_MARGIN_DEG), 40, replace=False)
    x, y = from_wgs84(cases["lon"][idx], cases["lat"][idx], lib_crs)
    for i in range(0, idx.size, 8):
        want = json.loads(json.dumps(model.locate(float(x[i]), float(y[i]), crs=lib_crs).to_dict()))
        for client in clients:
            r = client.get("/v1/locate", params={"lon": repr(float(x[i])), "lat": repr(float(y[i])), "crs": crs})
            assert r.status_code == 200 and r.json() == want
    pairs: list[Any] = [[float(a), float(b)] for a, b in zip(x, y)]
    pairs[3], pairs[11] = [None, 39.8], ["abc", 40.0]
    res = locate_many(model, np.array([p[0] for p in pairs], dtype=object), [p[1] for p in pairs], lib_crs)
    feats = [{"type": "Feature", "id": i, "geometry": {"type": "Point", "coordinates": p}} for i, p in enumerate(pairs)]
    for body in (pairs, {"type": "FeatureCollection", "features": feats}):
        r = clients[0].post("/v1/locate", params={"crs": crs, "distances": "true"}, json=body)
        assert r.status_code == 200, r.text
        results = r.json()["results"]
        assert [p["status"] for p in results] == res.points.status_text().tolist()
        for i, p in enumerate(results):
            if p["status"] != "ok":
                assert p["zones"] is None
                continue
            assert p["zones"] == {z: bool(cases["truth"][z][idx[i]]) for z in model.zone_layers}
            one = model.locate(float(x[i]), float(y[i]), crs=lib_crs)
            for z in model.zone_layers:
                assert abs(p["distance_to_edge_m"][z] - one.distance_to_edge_m[z]) <= 0.2
                assert abs(p["distance_inside_m"][z] - one.distance_inside_m[z]) <= 0.2
            assert p["nearest_hub"]["id"] == one.nearest_hub["id"]


# -- zones in time -----------------------------------------------------------------------------
def _stage_days(model: avzone.Model) -> list[tuple[str, dt.date, dt.date | None]]:
    """The dated zone stages of the manifest: layer, first day, day it ended (Beijing dates)."""
    out = []
    for z in model.zone_layers:
        info = model.layer_info(z)
        start, end = info.get("valid_from"), info.get("valid_to")
        if start:
            out.append((z, dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None))
    return out


def _stage_at(model: avzone.Model, when: dt.datetime) -> str | None:
    """The layer in force at ``when`` (aware, or naive = Beijing time), from the manifest's dates."""
    local = when.astimezone(BEIJING).replace(tzinfo=None) if when.tzinfo else when
    for z, start, end in _stage_days(model):
        if dt.datetime.combine(start, dt.time()) <= local and (
            end is None or local < dt.datetime.combine(end, dt.time())
        ):
            return z
    return None


def _random_times(model: avzone.Model, rng: np.random.Generator, n: int) -> list[dt.datetime]:
    """Beijing times within a day of each stage boundary, and anywhere from 2020 to 2026."""
    edges = [dt.datetime.combine(d, dt.time()) for _, s, e in _stage_days(model) for d in (s, e) if d is not None]
    out = []
    for _ in range(n):
        if rng.random() < 0.7:
            base = edges[int(rng.integers(len(edges)))]
            step = dt.timedelta(seconds=int(rng.choice([-1, 1]) * rng.choice([0, 1, 59, 3600, 8 * 3600, 86399])))
            out.append(base + step)
        else:
            out.append(dt.datetime(2020, 1, 1) + dt.timedelta(seconds=int(rng.integers(0, 6 * 365 * 86400))))
    return out


def _spellings(t: dt.datetime, k: int) -> Any:
    """A naive Beijing time written one of several documented ways (all the same instant)."""
    aware = t.replace(tzinfo=BEIJING)
    utc = aware.astimezone(dt.timezone.utc)
    ny = aware.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    return [
        t.isoformat(),
        t.strftime("%Y-%m-%d %H:%M:%S"),
        utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        aware.isoformat(),
        ny.isoformat(),
        utc,
        np.datetime64(t),
        pd.Timestamp(utc),
    ][k]


def test_in_force_agrees_with_the_stage_dates(model, cases, tmp_path):
    """classify(times=), locate(at=), zone_at and a file job's --time-col follow the manifest's dates."""
    rng = np.random.default_rng(SEED + 11)
    n = 160
    idx = rng.choice(np.flatnonzero(cases["gap"] > CRS_MARGIN_DEG), n, replace=True)
    lon, lat = cases["lon"][idx], cases["lat"][idx]
    times = _random_times(model, rng, n)
    kinds = rng.integers(0, 8, n)
    spelled = [_spellings(t, int(k)) for t, k in zip(times, kinds)]
    layers = [_stage_at(model, t) for t in times]
    want = [bool(cases["truth"][z][i]) if z else False for z, i in zip(layers, idx.tolist())]
    df = model.classify(lon, lat, times=pd.Series(spelled, dtype=object))
    assert df["in_force"].tolist() == want
    for i in range(0, n, 9):
        assert model.zone_at(spelled[i]) == layers[i], spelled[i]
        loc = model.locate(float(lon[i]), float(lat[i]), at=spelled[i])
        assert (loc.zone_in_force, loc.in_force) == (layers[i], want[i]), spelled[i]
    text = [str(_spellings(t, int(k) % 5)) for t, k in zip(times, kinds)]
    src = tmp_path / "times.csv"
    pd.DataFrame({"lon": lon, "lat": lat, "ts": text}).to_csv(src, index=False)
    dst = tmp_path / "times.parquet"
    out = run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", "ts")
    assert out.returncode == 0, out.stderr
    got = pq.read_table(dst)
    assert got.column("zone_in_force").to_pylist() == layers
    assert got.column("in_force").to_pylist() == want


def test_in_force_from_typed_times_http_and_cli(model, cases, clients, tmp_path):
    """Datetime Series (naive, UTC, New York), Parquet timestamps, GET ?at= and --at give the stage dates' answer."""
    rng = np.random.default_rng(SEED + 12)
    n = 60
    idx = rng.choice(np.flatnonzero(cases["gap"] > CRS_MARGIN_DEG), n, replace=True)
    lon, lat = cases["lon"][idx], cases["lat"][idx]
    times = _random_times(model, rng, n)
    layers = [_stage_at(model, t) for t in times]
    want = [bool(cases["truth"][z][i]) if z else False for z, i in zip(layers, idx.tolist())]
    naive = pd.Series(pd.to_datetime([t.isoformat() for t in times]))
    utc = naive.dt.tz_localize("Asia/Shanghai").dt.tz_convert("UTC")
    forms = {"naive": naive, "utc": utc, "new york": utc.dt.tz_convert("America/New_York"), "numpy": naive.to_numpy()}
    for name, ts in forms.items():
        assert model.classify(lon, lat, times=ts)["in_force"].tolist() == want, name
    table = pa.table({"lon": lon, "lat": lat, "naive": pa.array(naive), "utc": pa.array(utc)})
    src = tmp_path / "typed.parquet"
    pq.write_table(table, src)
    for col in ("naive", "utc"):
        dst = tmp_path / f"out-{col}.parquet"
        out = run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", col)
        assert out.returncode == 0, out.stderr
        assert pq.read_table(dst).column("in_force").to_pylist() == want, col
    for i in range(0, n, 12):
        at = utc.iloc[i].isoformat()
        one = json.loads(json.dumps(model.locate(float(lon[i]), float(lat[i]), at=at).to_dict()))
        assert (one["zone_in_force"], one["in_force"]) == (layers[i], want[i])
        for client in clients:
            r = client.get("/v1/locate", params={"lon": repr(float(lon[i])), "lat": repr(float(lat[i])), "at": at})
            assert r.status_code == 200 and r.json() == one
        out = run_cli("locate", repr(float(lon[i])), repr(float(lat[i])), "--at", at, "--json")
        assert out.returncode == 0 and json.loads(out.stdout) == one


def test_iso_times_in_basic_and_reduced_forms_keep_their_zone(model):
    """Every ISO 8601 spelling of 2024-03-19 00:00 Beijing is that instant, whatever its form."""
    in_current_only = shapely.Point(116.595, 39.77045)
    assert covers(model, np.array([in_current_only.x]), np.array([in_current_only.y]))["current"][0]
    spellings = [
        "2024-03-18T16:00:00Z",
        "20240318T160000Z",
        "2024-03-18T16Z",
        "2024-03-19T00+08",
        "2024-03-18T16:00:00,0Z",
    ]
    for s in spellings:
        assert model.zone_at(s) == "current", s
        assert model.locate(in_current_only.x, in_current_only.y, at=s).in_force is True, s


def test_times_series_with_another_index_is_refused(model):
    """lon/lat Series with differing indexes are refused; a times Series with another index is too."""
    lon = pd.Series([116.595, 116.3975], index=[10, 20])
    lat = pd.Series([39.77045, 39.9087], index=[10, 20])
    times = pd.Series(["2024-04-01", "2023-01-01"], index=[20, 10])  # row 10: 2023, core in force, not in core
    with pytest.raises(avzone.errors.InputError, match="times and the points are Series with different indexes"):
        model.classify(lon, lat, times=times)
    aligned = model.classify(lon, lat, times=times.sort_index())
    assert bool(aligned.loc[10, "in_force"]) is False  # its own time: 2023, core in force, the point not in core
    assert bool(aligned.loc[20, "in_force"]) is False  # Tiananmen: in no zone
    # arrays have no index: times in order, and the times' index is the answer's (test_msgs_fixes.py)
    by_position = model.classify(lon.to_numpy(), lat.to_numpy(), times=times)
    assert bool(by_position.loc[20, "in_force"]) is True and list(by_position.index) == [20, 10]


@pytest.mark.parametrize("crs", ["EPSG:4326", *OFFSETS])
def test_one_pass_arrays_and_series_with_awkward_points_equal_the_general_path(model, crs):
    # float64 arrays and Series go through locate._one_pass: random mixes of good points and awkward ones (NaN,
    # infinities, swapped, beyond the bounds, out of range, absurd) must get the general path's statuses,
    # positions and zones, row by row, whatever the share of awkward points (below and above a quarter)
    rng = np.random.default_rng(SEED + 7)
    w, s, e, n = model.bounds
    for trial in range(60):
        size = int(rng.integers(65, 3000))
        lon, lat = rng.uniform(w + 0.05, e - 0.05, size), rng.uniform(s + 0.05, n - 0.05, size)
        x, y = (np.asarray(v, dtype=float) for v in from_wgs84(lon, lat, crs))
        share = rng.choice([0.0, 0.001, 0.05, 0.2, 0.3, 0.9])
        bad = np.flatnonzero(rng.random(size) < share)
        kind = rng.integers(0, 6, bad.size)
        x[bad[kind == 0]] = np.nan
        y[bad[kind == 1]] = np.inf
        x[bad[kind == 2]], y[bad[kind == 2]] = y[bad[kind == 2]].copy(), x[bad[kind == 2]].copy()  # swapped
        x[bad[kind == 3]], y[bad[kind == 3]] = 121.47, 31.23  # beyond the bounds
        x[bad[kind == 4]] = 500.0  # out of range
        x[bad[kind == 5]], y[bad[kind == 5]] = 1e10, -1e10  # absurd (does not converge in BD-09)
        ref_arrays = locate_many(model, x.tolist(), y.tolist(), crs)
        got_arrays = locate_many(model, x, y, crs)
        index = pd.Index(rng.permutation(size) + 1000)
        sx, sy = pd.Series(x, index=index), pd.Series(y, index=index)
        ref_series = locate_many(model, sx.astype(object), sy.astype(object), crs)
        got_series = locate_many(model, sx, sy, crs)
        for got, ref in ((got_arrays, ref_arrays), (got_series, ref_series)):
            assert got.points.status_text().tolist() == ref.points.status_text().tolist(), (trial, crs)
            np.testing.assert_array_equal(got.points.lon, ref.points.lon)
            np.testing.assert_array_equal(got.points.lat, ref.points.lat)
            assert (got.hits == ref.hits).all(), (trial, crs)
        assert got_series.points.index.equals(index)
