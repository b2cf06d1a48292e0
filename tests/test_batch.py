"""File jobs: every row kept, statuses say why, summaries agree (CSV, GeoJSON, Parquet)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from common import GOOD_ROWS, run_cli

from avzone.batch import locate_file
from avzone.crs import from_wgs84, normalize_crs, shifted_crs
from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.points import NULL_ISLAND_TEXT

CSV_ROWS = [
    ["id", "name", "lng", "latitude", "note"],
    ["007", "inside", "116.50", "39.79", "keep, this"],
    ["008", "outside", "116.3975", "39.9087", ""],
    ["009", "missing lat", "116.5", "", "x"],
    ["010", "text", "abc", "39.8", "y"],
    ["011", "nan", "116.5", "NaN", "z"],
    ["012", "range", "116.5", "95", "w"],
    ["013", "both", "", "oops", "v"],
    ["014", "inside again", " 116.51 ", "39.80", "1.50"],
]
EXPECTED_STATUS = [
    "ok",
    "ok",
    "missing latitude",
    "lng not a number",
    "latitude not finite",
    "latitude out of range [-90, 90]",
    "missing lng; latitude not a number",
    "ok",
]


def _write_csv(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _run(*args):
    return run_cli(*args)


def _summary_counts(stderr: str) -> dict[str, int]:
    counts = {}
    for m in re.finditer(r"^\s*([\d,]+) (?:inside (\w+)|rows? read|rows? could not be classified)", stderr, re.M):
        n = int(m.group(1).replace(",", ""))
        key = m.group(2) or ("rows" if " read" in m.group(0) else "rejected")
        counts[key] = n
    return counts


def test_csv_malformed_rows_all_kept_with_reasons(tmp_path, model):
    src = _write_csv(tmp_path / "in.csv", CSV_ROWS)
    dst = tmp_path / "out.csv"
    out = _run("locate", "--input", str(src), "--output", str(dst))
    assert out.returncode == 0, out.stderr
    with dst.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header == CSV_ROWS[0] + [f"in_{z}" for z in model.zone_layers] + ["status"]
    body = rows[1:]
    assert len(body) == len(CSV_ROWS) - 1
    for got, given in zip(body, CSV_ROWS[1:]):
        assert got[: len(given)] == given  # every input cell kept, as text, in order
    statuses = [r[-1] for r in body]
    assert statuses == EXPECTED_STATUS
    i_cur = header.index("in_current")
    assert [r[i_cur] for r in body] == ["true", "false", "", "", "", "", "", "true"]
    counts = _summary_counts(out.stderr)
    assert counts["rows"] == 8 and counts["rejected"] == 5
    assert counts["current"] == 2 and counts["planned"] == 2
    for reason in set(EXPECTED_STATUS) - {"ok"}:
        assert f"1: {reason}" in out.stderr


def test_csv_json_summary_agrees_with_rows(tmp_path, model):
    src = _write_csv(tmp_path / "in.csv", CSV_ROWS)
    out = _run("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--json")
    doc = json.loads(out.stdout)
    assert doc["rows"] == 8 and doc["classified"] == 3 and doc["rejected"] == 5
    assert sum(doc["rejected_by_reason"].values()) == 5
    assert doc["inside"]["current"] == 2


def test_parquet_streamed_in_chunks_keeps_everything(tmp_path, model):
    rng = np.random.default_rng(11)
    n = 2500
    lon = rng.uniform(116.3, 116.8, n)
    lat = rng.uniform(39.65, 40.2, n)
    lat[5] = np.nan
    lon_arr = pa.array(lon, mask=np.arange(n) == 7)  # row 7: null lon
    table = pa.table({"trip": pa.array(np.arange(n)), "x": lon_arr, "y": pa.array(lat), "tag": pa.array(["a"] * n)})
    src, dst = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src)
    summary = locate_file(model, src, dst, chunk_rows=300)
    out = pq.read_table(dst)
    assert out.num_rows == n and out.column_names[:4] == ["trip", "x", "y", "tag"]
    assert out.column("trip").to_pylist() == list(range(n))
    status = out.column("status").to_pylist()
    assert status[5] == "y not finite" and status[7] == "missing x"
    ref = model.classify(lon, lat)
    got = out.column("in_planned").to_pandas()
    ok = np.array([s == "ok" for s in status])
    assert (got[ok].to_numpy(dtype=bool) == ref["planned"][ok].to_numpy(dtype=bool)).all()
    assert got[~ok].isna().all()
    assert summary.rows == n and summary.rejected_rows == 2
    assert summary.inside["planned"] == int(ref["planned"][ok].sum())


def test_geojson_points_and_bad_features(tmp_path, model):
    feats = [
        {"type": "Feature", "properties": {"n": 1}, "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}},
        {"type": "Feature", "properties": {"n": 2}, "geometry": None},
        {
            "type": "Feature",
            "properties": {"n": 3},
            "geometry": {"type": "LineString", "coordinates": [[116, 39], [117, 40]]},
        },
        {"type": "Feature", "properties": {"n": 4}, "geometry": {"type": "Point", "coordinates": [116.3975, 39.9087]}},
    ]
    src, dst = tmp_path / "in.geojson", tmp_path / "out.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    summary = locate_file(model, src, dst)
    out = json.loads(dst.read_text())["features"]
    assert [f["properties"]["n"] for f in out] == [1, 2, 3, 4]
    assert [f["properties"]["status"] for f in out] == [
        "ok",
        "no point geometry",
        "geometry is not a Point",
        "ok",
    ]
    assert out[0]["properties"]["in_current"] is True and out[1]["properties"]["in_current"] is None
    assert out[2]["geometry"]["type"] == "LineString"
    assert summary.rejected_rows == 2


def test_gcj02_file(tmp_path, model):
    lon, lat = np.array([116.5, 116.3975]), np.array([39.79, 39.9087])
    gx, gy = from_wgs84(lon, lat, "gcj02")
    src = _write_csv(tmp_path / "g.csv", [["lon", "lat"], *[[str(float(a)), str(float(b))] for a, b in zip(gx, gy)]])
    summary = locate_file(model, src, tmp_path / "o.csv", crs="gcj02")
    assert summary.inside["current"] == 1 and summary.rejected_rows == 0


@pytest.mark.parametrize(
    ("rows", "extra", "message"),
    [
        (
            [["a", "b"], ["1", "2"]],
            [],
            r"no column looks like the lon column; name it with --lon-col \(columns are: a, b\)",
        ),
        ([["x", "lon", "lat"], ["1", "2", "3"]], [], r"several columns \(x, lon\) look like the lon column"),
        (
            [["lon", "lat"], ["1", "2"]],
            ["--lon-col", "nope"],
            r"no column 'nope' \(given by --lon-col\); columns are: lon, lat",
        ),
        (
            [["lon", "lat"], ["39.79", "116.5"], ["39.8", "116.49"]],
            [],
            r"with the columns swapped; .* --lon-col lat --lat-col lon",
        ),
        ([["lon", "lat"], ["116.5", "39.8"]], ["--crs", "foo"], r"unknown coordinate reference system 'foo'"),
    ],
)
def test_bad_files_exit_2_with_a_clear_message(tmp_path, rows, extra, message):
    src = _write_csv(tmp_path / "in.csv", rows)
    out = _run("locate", "--input", str(src), "--output", str(tmp_path / "out.csv"), *extra)
    assert out.returncode == 2, out.stdout + out.stderr
    assert re.search(message, out.stderr), out.stderr
    assert "Traceback" not in out.stderr
    assert str(src) in out.stderr or "coordinate reference system" in out.stderr


def test_empty_missing_and_unknown_files(tmp_path, model):
    empty = tmp_path / "e.csv"
    empty.write_text("")
    with pytest.raises(InputError, match=r"e\.csv: the file is empty"):
        locate_file(model, empty, tmp_path / "o.csv")
    with pytest.raises(InputError, match=r"nope\.csv: no such file"):
        locate_file(model, tmp_path / "nope.csv", tmp_path / "o.csv")
    (tmp_path / "a.txt").write_text("lon,lat\n116.5,39.79\n")
    with pytest.raises(InputError, match=r"cannot tell the input format from the extension '\.txt'"):
        locate_file(model, tmp_path / "a.txt", tmp_path / "o.csv")
    # A missing file of no known extension is missing, not misnamed.
    for name in ("b.txt", "c"):
        with pytest.raises(InputError, match=rf"{name}: no such file"):
            locate_file(model, tmp_path / name, tmp_path / "o.csv")
    out = _run("locate", "--input", str(empty), "--output", str(tmp_path / "o.csv"))
    assert out.returncode == 2 and "the file is empty" in out.stderr


def test_single_point_cli(model):
    out = _run("locate", "116.50", "39.79")
    assert out.returncode == 0 and "WGS84: inside " in out.stdout and "the 160 km² current zone" in out.stdout
    doc = json.loads(_run("locate", "116.3975", "39.9087", "--json").stdout)
    assert doc["zones"]["current"] is False and doc["distance_to_edge_m"]["planned"] > 0
    assert doc["nearest_hub"]["id"] in set(model.hubs["id"])
    swapped = _run("locate", "39.79", "116.50")
    assert swapped.returncode == 2 and "try: avzone locate 116.5 39.79" in swapped.stderr
    bad = _run("locate", "abc", "39.8")
    assert bad.returncode == 2 and "LON must be a number, got 'abc'" in bad.stderr
    crs = _run("locate", "116.5", "39.8", "--crs", "nonsense")
    assert crs.returncode == 2 and "unknown coordinate reference system 'nonsense'" in crs.stderr


def test_progress_bar_when_asked(tmp_path, model, capsys):
    src = _write_csv(tmp_path / "in.csv", CSV_ROWS)
    locate_file(model, src, tmp_path / "o.csv", progress=True)
    err = capsys.readouterr().err
    assert "locate: 8.00rows" in err  # the bar counted every row
    locate_file(model, src, tmp_path / "o2.csv", progress=False)
    assert capsys.readouterr().err == ""


def test_unreadable_file_exit_2(tmp_path):
    src = tmp_path / "bad.parquet"
    src.write_bytes(b"this is not parquet at all")
    out = _run("locate", "--input", str(src), "--output", str(tmp_path / "o.parquet"))
    assert out.returncode == 2 and "bad.parquet: not a Parquet file (" in out.stderr  # (not "damaged")
    assert "but with the text 'this is not parquet at all'" in out.stderr and "Traceback" not in out.stderr
    bad_json = tmp_path / "bad.geojson"
    bad_json.write_text("{nope")
    out = _run("locate", "--input", str(bad_json), "--output", str(tmp_path / "o.geojson"))
    assert out.returncode == 2 and "bad.geojson: not valid JSON" in out.stderr


def test_geoparquet_is_read_from_its_geometry_in_its_crs(tmp_path, model):
    import geopandas as gpd
    import shapely

    pts = [
        shapely.Point(116.50, 39.79),
        shapely.Point(116.3975, 39.9087),
        None,
        shapely.LineString([(116, 39), (117, 40)]),
    ]
    gdf = gpd.GeoDataFrame({"trip": [1, 2, 3, 4]}, geometry=pts, crs="EPSG:4326").to_crs("EPSG:32650")
    src, dst = tmp_path / "trips.parquet", tmp_path / "out.parquet"
    gdf.to_parquet(src)
    out = _run("locate", "--input", str(src), "--output", str(dst))
    assert out.returncode == 0, out.stderr
    assert "points from geometry column 'geometry'" in out.stderr
    back = gpd.read_parquet(dst)  # still GeoParquet, same geometry and CRS
    assert back.crs == gdf.crs and back.geometry.equals(gdf.geometry)
    assert back["trip"].tolist() == [1, 2, 3, 4]
    assert back["status"].tolist() == ["ok", "ok", "no point geometry", "geometry is not a Point"]
    assert back["in_current"].tolist()[:2] == [True, False] and back["in_current"].isna().tolist()[2:] == [True, True]
    clash = _run("locate", "--input", str(src), "--output", str(tmp_path / "o2.parquet"), "--crs", "gcj02")
    assert clash.returncode == 2, clash.stderr
    # the file's CRS named by its code and name, not its whole PROJJSON definition (thousands of characters)
    assert (
        "--crs gcj02 contradicts the CRS the file declares for its geometry column 'geometry' "
        "(EPSG:32650 (WGS 84 / UTM zone 50N)); leave --crs out to use the file's"
    ) in clash.stderr
    assert "projjson" not in clash.stderr.lower() and len(clash.stderr) < 400
    zh = _run(
        "--lang", "zh", "locate", "--input", str(src), "--output", str(tmp_path / "o3.parquet"), "--crs", "EPSG:4326"
    )
    assert zh.returncode == 2 and "与文件为几何列 'geometry' 声明的坐标系（EPSG:32650" in zh.stderr, zh.stderr


def test_read_points_from_geoparquet(tmp_path):
    import geopandas as gpd
    import shapely

    from avzone.batch import read_points

    gdf = gpd.GeoDataFrame({"n": [1, 2]}, geometry=[shapely.Point(116.5, 39.79), None], crs="EPSG:4326")
    gdf.to_crs("EPSG:3857").to_parquet(tmp_path / "p.parquet")
    pts = read_points(tmp_path / "p.parquet")
    assert pts["status"].tolist() == ["ok", "no point geometry"]
    assert pts["lon"].iloc[0] == pytest.approx(116.5, abs=1e-9) and pts["lat"].iloc[0] == pytest.approx(39.79, abs=1e-9)


FORMATS = {"csv": "in.csv", "geojson": "in.geojson", "parquet": "in.parquet", "geoparquet": "in.geoparquet"}


def _input(tmp_path: Path, fmt: str) -> Path:
    """Rows with an id, a Chinese name and a point, in ``fmt``."""
    import geopandas as gpd
    import shapely

    ids = list(range(len(GOOD_ROWS)))
    names = [f"点{i}" for i in ids]
    path = tmp_path / FORMATS[fmt]
    lon = [p[0] for p in GOOD_ROWS]
    lat = [p[1] for p in GOOD_ROWS]
    if fmt == "csv":
        _write_csv(path, [["id", "name_zh", "lon", "lat"]] + [[i, n, x, y] for i, n, x, y in zip(ids, names, lon, lat)])
    elif fmt == "parquet":
        pq.write_table(pa.table({"id": ids, "name_zh": names, "lon": lon, "lat": lat}), path)
    elif fmt == "geojson":
        feats = [
            {
                "type": "Feature",
                "id": f"f{i}",
                "properties": {"id": i, "name_zh": n},
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
            for i, n, x, y in zip(ids, names, lon, lat)
        ]
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False), encoding="utf-8"
        )
    else:
        geoms = [shapely.Point(x, y) for x, y in zip(lon, lat)]
        gpd.GeoDataFrame({"id": ids, "name_zh": names}, geometry=geoms, crs="EPSG:4326").to_parquet(path)
    return path


@pytest.mark.parametrize("src_fmt", sorted(FORMATS))
@pytest.mark.parametrize("dst_ext", ["csv", "geojson", "parquet"])
def test_any_input_format_to_any_output_format(tmp_path, model, src_fmt, dst_ext):
    """Rows, order and columns kept, whichever formats; answers equal classify's."""
    import geopandas as gpd

    src = _input(tmp_path, src_fmt)
    dst = tmp_path / f"out.{dst_ext}"
    summary = locate_file(model, src, dst)
    assert summary.rows == len(GOOD_ROWS) and summary.rejected_rows == 0
    expected = model.classify([p[0] for p in GOOD_ROWS], [p[1] for p in GOOD_ROWS])
    if dst_ext == "geojson":
        feats = json.loads(dst.read_text(encoding="utf-8"))["features"]
        rows = [f["properties"] for f in feats]
        for f, (x, y) in zip(feats, GOOD_ROWS):  # every feature keeps (or gets) its point, in WGS84
            assert f["geometry"]["type"] == "Point"
            assert f["geometry"]["coordinates"][:2] == pytest.approx([x, y], abs=1e-9)
    elif dst_ext == "csv":
        with dst.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for r in rows:
            for z in model.zone_layers:
                r[f"in_{z}"] = r[f"in_{z}"] == "true"
    else:
        rows = pq.read_table(dst).to_pylist()
        if src_fmt in ("geojson", "geoparquet"):  # the geometry kept as GeoParquet
            back = gpd.read_parquet(dst)
            assert back.geometry.x.tolist() == pytest.approx([p[0] for p in GOOD_ROWS])
    assert [int(r["id"]) for r in rows] == list(range(len(GOOD_ROWS)))
    assert [r["name_zh"] for r in rows] == [f"点{i}" for i in range(len(GOOD_ROWS))]
    assert all(r["status"] == "ok" for r in rows)
    for z in model.zone_layers:
        assert [bool(r[f"in_{z}"]) for r in rows] == expected[z].astype(bool).tolist()


def test_geojson_properties_of_any_kind_survive_to_a_table(tmp_path, model):
    feats = [
        {
            "type": "Feature",
            "properties": {"geometry": "a property", "tags": ["a", 1], "mixed": 1, "meta": {"k": "值"}},
            "geometry": {"type": "Point", "coordinates": [116.5, 39.79]},
        },
        {
            "type": "Feature",
            "properties": {"geometry": None, "tags": None, "mixed": "one", "meta": None},
            "geometry": {"type": "Point", "coordinates": [116.3975, 39.9087]},
        },
    ]
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False), encoding="utf-8")
    for ext in ("csv", "parquet"):
        dst = tmp_path / f"out.{ext}"
        locate_file(model, src, dst)
        if ext == "csv":
            with dst.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        else:
            rows = pq.read_table(dst).to_pylist()
        assert rows[0]["geometry"] == "a property"  # the property, not overwritten by the geometry
        geom = rows[0]["_geometry"]  # the geometry beside it: WKT in CSV, WKB in (Geo)Parquet
        point = shapely.from_wkt(geom) if ext == "csv" else shapely.from_wkb(geom)
        assert (point.x, point.y) == (116.5, 39.79)
        assert json.loads(rows[0]["tags"]) == ["a", 1] and json.loads(rows[0]["meta"]) == {"k": "值"}
        assert [str(r["mixed"]) for r in rows] == ["1", "one"]
        assert [r["status"] for r in rows] == ["ok", "ok"]


def test_a_geojson_geometry_no_wkt_or_wkb_can_hold_is_kept_in_csv_and_noted_for_parquet(tmp_path, model):
    # a geometry GEOS does not read (text numbers, four numbers in a position, a ring left open) was written as an
    # empty cell in a CSV or Parquet output, rows whose point was read ("ok") too, and nothing said so: the input's
    # geometry was lost silently
    geometries = [
        {"type": "Point", "coordinates": ["116.5", "39.79"]},
        {"type": "Point", "coordinates": [116.5, 39.79, 10, 5]},
        {"type": "Polygon", "coordinates": [[[116.4, 39.8], [116.5, 39.8], [116.5, 39.9]]]},
        {"type": "Point", "coordinates": [116.3975, 39.9087]},
    ]
    feats = [{"type": "Feature", "properties": {"n": k}, "geometry": g} for k, g in enumerate(geometries)]
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    locate_file(model, src, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["status"] for r in rows] == ["ok", "ok", "geometry is not a Point", "ok"]
    for row, geometry in zip(rows[:3], geometries):  # the geometry as the input gives it
        assert json.loads(row["geometry"]) == geometry
    assert shapely.from_wkt(rows[3]["geometry"]).equals(shapely.Point(116.3975, 39.9087))
    summary = locate_file(model, src, tmp_path / "out.parquet")  # WKB cannot hold them: null, and said so
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("status").to_pylist() == [r["status"] for r in rows]
    assert table.column("geometry").to_pylist()[:3] == [None, None, None]
    notes = [str(n) for n in summary.notes if "WKB" in str(n)]
    assert len(notes) == 1 and notes[0].startswith("features whose geometry WKB cannot hold: 3 ("), notes
    assert "feature 0" in notes[0] and "116.5" in notes[0] and "CSV or GeoJSON" in notes[0], notes


def test_a_geoparquet_geometry_no_wkt_can_hold_is_kept_in_csv_as_hex(tmp_path, model):
    # WKB that GEOS does not read (a damaged value) was written to a CSV output as an empty cell, as if the row had no
    # geometry: it is kept as the CSV output writes bytes, in hex
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {"encoding": "WKB"}}}
    cells = [shapely.to_wkb(shapely.Point(116.5, 39.79)), b"\x01\x02\x03", None]
    table = pa.table({"n": [0, 1, 2], "geometry": pa.array(cells, pa.binary())})
    pq.write_table(table.replace_schema_metadata({"geo": json.dumps(geo)}), tmp_path / "in.parquet")
    locate_file(model, tmp_path / "in.parquet", tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["status"] for r in rows] == ["ok", "no point geometry", "no point geometry"]
    assert shapely.from_wkt(rows[0]["geometry"]).equals(shapely.Point(116.5, 39.79))
    assert [r["geometry"] for r in rows[1:]] == ["010203", ""]


def test_a_failed_job_writes_no_geojson(tmp_path, model, monkeypatch):
    import avzone.batch as batch

    src = _input(tmp_path, "parquet")
    calls = []
    real = batch.annotate

    def failing(model, points, threads=1, **times):
        calls.append(len(points))
        if len(calls) == 2:
            raise InputError("stopped mid-job")
        return real(model, points, threads, **times)

    monkeypatch.setattr(batch, "annotate", failing)
    dst = tmp_path / "out.geojson"
    with pytest.raises(InputError, match="stopped mid-job"):
        locate_file(model, src, dst, chunk_rows=4)
    assert calls == [4, 4] and not dst.exists()


@pytest.mark.parametrize("crs", [None, "EPSG:32650", "EPSG:3857", "gcj02", "bd09"])
def test_geojson_to_geoparquet_declares_the_geometries_crs(tmp_path, crs):
    # the points of a GeoJSON read in --crs stay as they are in the GeoParquet output, which says which CRS they
    # are in (a projected CRS declared as PROJJSON; nothing declared is WGS84 lon/lat), so reading it back
    # gives the same places and answers
    import pyproj

    lon, lat = 116.50, 39.79
    x, y = (lon, lat) if crs is None else from_wgs84(np.array([lon]), np.array([lat]), crs)
    src = tmp_path / "in.geojson"
    point = {"type": "Point", "coordinates": [float(np.squeeze(x)), float(np.squeeze(y))]}
    feature = {"type": "Feature", "properties": {"n": 1}, "geometry": point}
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    out = tmp_path / "out.parquet"
    args = ["locate", "--input", str(src), "--output", str(out)] + ([] if crs is None else ["--crs", crs])
    assert run_cli(*args).returncode == 0
    column = json.loads(pq.read_schema(out).metadata[b"geo"])["columns"]["geometry"]
    if crs is None:
        assert "crs" not in column
    else:  # (gcj02 / bd09 as avzone export declares them: never taken for WGS84)
        declared = shifted_crs(crs) if crs in ("gcj02", "bd09") else pyproj.CRS(crs)
        assert pyproj.CRS.from_json_dict(column["crs"]) == declared and declared.to_epsg() != 4326
    import geopandas as gpd

    import avzone

    back = gpd.read_parquet(out)  # the points where they were, in the CRS declared
    assert normalize_crs(back.crs) == normalize_crs(crs or "OGC:CRS84") and bool(back["in_current"].iloc[0])
    assert bool(avzone.load().classify(back.geometry)["current"].iloc[0])


def test_geojson_with_a_utf8_bom_is_read(tmp_path):
    # RFC 8259 lets a reader ignore a byte order mark; some editors on Windows write one
    src = tmp_path / "in.geojson"
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名": "亦庄"},
           "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}}]}  # fmt: skip
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    dst = tmp_path / "out.csv"
    res = run_cli("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert rows[0]["名"] == "亦庄" and rows[0]["in_current"] == "true"


@pytest.mark.parametrize(
    ("rows", "rejected", "lines"),
    [
        (1, 1, ["1 row read from in.csv", "1 row could not be classified"]),
        (2, 1, ["2 rows read from in.csv", "1 row could not be classified"]),
        (1, 0, ["1 row read from in.csv", "0 rows could not be classified"]),
        (3, 2, ["3 rows read from in.csv", "2 rows could not be classified"]),
    ],
)
def test_the_job_summary_counts_one_row_in_the_singular(rows, rejected, lines):
    from collections import Counter

    from avzone.batch import Summary

    s = Summary("in.csv", "out.csv", rows=rows, rejected=Counter({"missing lon": rejected} if rejected else {}))
    s.lon_col, s.lat_col = "lon", "lat"
    text = s.text()
    for line in lines:
        assert line in text, text


# -- delimiters and line endings -------------------------------------------------------------------------
#: Rows whose text cells hold every candidate delimiter (quoted where the file's delimiter needs it).
DELIM_ROWS = [[*row[:4], f"{row[4]};|\t,"] if i else row for i, row in enumerate(CSV_ROWS)]


def _write_dialect(path: Path, rows, delimiter: str, eol: str) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator=eol).writerows(rows)
    return path


def _read_dialect(path: Path, delimiter: str) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


@pytest.mark.parametrize("eol", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("delimiter", [";", "\t", "|"], ids=["semicolon", "tab", "pipe"])
def test_delimited_inputs_give_the_comma_answers_and_keep_delimiter_and_line_ending(tmp_path, model, delimiter, eol):
    comma = _write_dialect(tmp_path / "comma.csv", DELIM_ROWS, ",", "\n")
    src = _write_dialect(tmp_path / "in.csv", DELIM_ROWS, delimiter, eol)
    assert src.read_bytes().count(b'"keep, this;|\t,"') == 1  # the cell holding the delimiters is quoted
    want_summary = locate_file(model, comma, tmp_path / "comma-out.csv")
    summary = locate_file(model, src, tmp_path / "out.csv")
    want = _read_dialect(tmp_path / "comma-out.csv", ",")
    got = _read_dialect(tmp_path / "out.csv", delimiter)
    assert got == want and len(got) == len(DELIM_ROWS)  # every cell, the answers and statuses the same
    assert got[1][4] == "keep, this;|\t," and [r[-1] for r in got[1:]] == EXPECTED_STATUS
    raw = (tmp_path / "out.csv").read_bytes()
    header = delimiter.join([*CSV_ROWS[0], *(f"in_{z}" for z in model.zone_layers), "status"])
    assert raw.split(b"\n")[0] + b"\n" == (header + eol).encode()  # byte for byte: delimiter and line ending
    assert raw.count(b"\n") == len(DELIM_ROWS) and raw.count(b"\r\n") == (len(DELIM_ROWS) if eol == "\r\n" else 0)
    assert summary.inside == want_summary.inside and summary.rejected == want_summary.rejected
    doc = summary.to_dict()
    assert (doc["delimiter"], doc["delimiter_detected"], doc["output_delimiter"]) == (delimiter, True, delimiter)
    label = "tab" if delimiter == "\t" else repr(delimiter)
    assert f"encoding utf-8, detected; delimiter {label}, detected)" in summary.text()
    assert "delimiter" not in want_summary.to_dict() and "delimiter" not in want_summary.text()


def test_comma_crlf_input_gives_a_crlf_output(tmp_path, model):
    src = _write_dialect(tmp_path / "in.csv", CSV_ROWS, ",", "\r\n")
    locate_file(model, src, tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"id,name,lng,latitude,note,in_core,") and raw.split(b"\n")[0].endswith(b"\r")
    assert raw.count(b"\r\n") == raw.count(b"\n") == len(CSV_ROWS)


@pytest.mark.parametrize("eol", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
@pytest.mark.parametrize("inside", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_a_line_break_in_a_quoted_header_cell_is_not_the_files_line_ending(tmp_path, model, eol, inside):
    """Excel writes a header cell of two lines (Alt+Enter) quoted: the line ending is the one after the header."""
    src = tmp_path / "in.csv"
    src.write_bytes(f'id,"lon",lat,"note{inside}(a ""b"")"{eol}1,116.5,39.79,x{eol}2,116.3975,39.9087,y{eol}'.encode())
    locate_file(model, src, tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes().decode()
    lines = raw.replace(f"note{inside}", "note ").split(eol)
    assert len(lines) == 4 and lines[-1] == "" and lines[0].startswith('id,"lon",lat,"note (a ""b"")",in_core')
    assert lines[1].startswith("1,116.5,39.79,x,true")  # the header's quotes kept, the cells' (none) too


@pytest.mark.parametrize("top", ["\n", "\r\n\r\n", "sep=,\n\n"], ids=["empty-line", "two-crlf", "sep-line-then-empty"])
def test_empty_lines_above_the_header_do_not_turn_its_cells_into_numbers(tmp_path, model, top):
    """The header is the first record that is not empty, as the reader skips empty lines: its columns stay text,
    so '007' and '116.50' are written back as they were (not 7 and 116.5)."""
    src = tmp_path / "in.csv"
    src.write_text(f"{top}id,lon,lat,code\n007,116.50,39.79,0123\n", encoding="utf-8")
    summary = locate_file(model, src, tmp_path / "out.csv")
    assert summary.rows == 1 and summary.rejected_rows == 0
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    if top.startswith("sep="):
        assert lines.pop(0) == "sep=,"
    assert lines[0].startswith("id,lon,lat,code,in_core")
    assert lines[1].startswith("007,116.50,39.79,0123,true")
    src.write_text(f"{top}id,lon,lat\n1,116.5,39.79\n2,116.5\n", encoding="utf-8")
    header = top.count("\n") + 1
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert f"the row on line {header + 2} of the file (the header is line {header}) has 2 fields" in str(err.value)


def test_tsv_files_are_read_and_written_with_tabs(tmp_path, model):
    """A .tsv input is tab-separated (even when its cells hold commas in every line); a .tsv output gets tabs."""
    rows = [["name", "lon", "lat"], ["a,b", "116.5", "39.79"], ["c,d", "116.3975", "39.9087"]]
    src = tmp_path / "in.tsv"
    src.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")  # unquoted commas: a tab file
    summary = locate_file(model, src, tmp_path / "out.tsv")
    assert summary.to_dict()["delimiter"] == "\t" and summary.to_dict()["delimiter_detected"] is False
    got = _read_dialect(tmp_path / "out.tsv", "\t")
    assert [r[:3] for r in got] == rows and [r[got[0].index("in_core")] for r in got[1:]] == ["true", "false"]
    comma = _write_csv(tmp_path / "comma.csv", rows)
    locate_file(model, comma, tmp_path / "from-comma.tsv")
    assert (tmp_path / "from-comma.tsv").read_bytes().startswith(b"name\tlon\tlat\tin_core\t")
    assert _read_dialect(tmp_path / "from-comma.tsv", "\t") == got


def test_an_undecided_delimiter_is_a_comma(tmp_path):
    """One column whose cells hold semicolons stays one column; a file two delimiters split alike is read as comma."""
    from avzone.batch import _read_batches, detect_dialect, detect_encoding, open_source

    def columns(path):  # the file as the job reads it (one column is no lon and lat column: see just below)
        encoding = detect_encoding(path)
        dialect = detect_dialect(path, encoding)
        schema, batches, _, _ = _read_batches(path, "csv", 100, encoding, dialect)
        return dialect, schema.names, [b.column(0).to_pylist() for b in batches]

    one = tmp_path / "one.csv"
    one.write_text("note\na;b\nc;d\n", encoding="utf-8")
    dialect, names, cells = columns(one)
    assert names == ["note"] and dialect.delimiter == ","
    assert [v for c in cells for v in c] == ["a;b", "c;d"]
    with pytest.raises(InputError, match="column 'note' is both the lon and the lat column"):
        open_source(one, lon_col="note", lat_col="note")
    both = tmp_path / "both.csv"
    both.write_text("lon;lat|b\n116.5;39.79|1\n", encoding="utf-8")
    assert columns(both)[1] == ["lon;lat|b"]
    assert open_source(both, lon_col="lon", lat_col="lat|b", delimiter=";").schema.names == ["lon", "lat|b"]
    with pytest.raises(InputError) as err:
        open_source(both)
    assert str(err.value) == (
        f"{both}: no column looks like the lon column; name it with lon_col= (columns are: lon;lat|b); the header "
        "was read as one column (its delimiter is undecided): to split it at one of ';', '|', give delimiter="
    )
    assert error_text(err.value, "zh") == (
        f"{both}：没有看起来像经度的列；请用 lon_col= 指定（现有列：lon;lat|b）；表头被读成一列（分隔符无法确定）："
        "要按 ';'、'|' 之一拆分，请给出 delimiter="
    )


def test_a_ragged_row_of_a_semicolon_file_is_named_by_its_line(tmp_path, model):
    src = tmp_path / "in.csv"
    src.write_text("lon;lat;n\n116.5;39.79;1\n116.5;39.79;2\n116.5;39.79\n116.5;39.79;4\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert "the row on line 4 of the file (the header is line 1) has 2 fields, but the header names 3 columns" in str(
        err.value
    )
    assert "give every row exactly 3 fields separated by ';': add the missing ones" in str(err.value)
    assert not (tmp_path / "out.csv").exists()


def test_delimiter_is_refused_for_other_formats_and_checked(tmp_path, model):
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"lon": [116.5], "lat": [39.79]}), src)
    with pytest.raises(InputError, match=r"in\.parquet: delimiter= applies to CSV files only \(not parquet\)"):
        locate_file(model, src, tmp_path / "out.csv", delimiter=";")
    comma = _write_csv(tmp_path / "in.csv", CSV_ROWS)
    with pytest.raises(InputError, match=re.escape("in.csv: delimiter='\"': a delimiter is one character")):
        locate_file(model, comma, tmp_path / "out.csv", delimiter='"')
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("end", ["", "\n", "\r\n"], ids=["no-line-end", "lf", "crlf"])
def test_a_header_only_file_gives_a_header_only_output_with_or_without_a_line_end(tmp_path, model, end):
    """A header and no rows is a file of no rows, also without a line end after the header (pyarrow sees no columns);
    the output's header ends as the input's does, as a last row without a line end gives one without."""
    from avzone.batch import read_points

    src = tmp_path / "in.csv"
    src.write_text(f"id;lon;lat{end}", encoding="utf-8")
    summary = locate_file(model, src, tmp_path / "out.csv")
    assert summary.rows == 0 and summary.to_dict()["delimiter"] == ";"
    header = ";".join(c for c in ["id", "lon", "lat", *(f"in_{z}" for z in model.zone_layers), "status"])
    assert (tmp_path / "out.csv").read_bytes().decode() == header + end
    assert len(read_points(src)) == 0


@pytest.mark.parametrize(
    ("text", "first", "line", "header", "above"),
    [
        ("# exported 2026-01-01\nid,lon,lat\n1,116.5,39.79\n", "# exported 2026-01-01", 2, "id,lon,lat", "line 1"),
        ("Fleet report\nid;lon;lat\n1;116.5;39.79\n", "Fleet report", 2, "id;lon;lat", "line 1"),
        ("Fleet report;;\r\nid;lon;lat\r\n1;116.5;39.79\r\n", "Fleet report;;", 2, "id;lon;lat", "line 1"),
        ("# a\n# b, c\nid\tlon\tlat\n1\t116.5\t39.79\n", "# a", 3, "id\tlon\tlat", "lines 1 to 2"),
    ],
    ids=["comment-comma", "title-semicolon", "title-with-delimiters", "two-comments-tab"],
)
def test_a_title_or_comment_line_above_the_header_is_named(tmp_path, model, text, first, line, header, above):
    """Not 'the row on line 2 has 3 fields' nor 'no column looks like lon': the header's line, the lines to delete."""
    from avzone.batch import read_points

    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    want = (
        f"{src}: line 1 ({first!r}) is not a header naming the coordinate columns, but line {line} ({header!r}) is: "
        f"delete {above} (a title or comment) and run again"
    )
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert str(err.value) == want
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(InputError, match=re.escape(want)):
        read_points(src)
    if line == 2:
        assert error_text(err.value, "zh") == (
            f"{src}：第 1 行（{first!r}）不是写明坐标列的表头，第 2 行（{header!r}）才是："
            "请删除第 1 行（标题或注释）后重试"
        )
    src.write_text(text.split("\n", line - 1)[-1], encoding="utf-8")  # the lines above deleted: read as it says
    assert locate_file(model, src, tmp_path / "out.csv").rows == 1


@pytest.mark.parametrize("char", ["\u2028", "\x85", "\x0c", "\x1e"], ids=["line-separator", "nel", "ff", "rs"])
def test_a_title_holding_a_unicode_line_separator_is_one_line(tmp_path, model, char):
    """Only CR and LF end a CSV line: a title with U+2028 (text copied from a web page) is line 1, the header line 2."""
    src = tmp_path / "in.csv"
    src.write_text(f"Fleet{char}report\nid,lon,lat\n1,116.5,39.79\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert str(err.value) == (
        f"{src}: line 1 ({'Fleet' + char + 'report'!r}) is not a header naming the coordinate columns, but line 2 "
        "('id,lon,lat') is: delete line 1 (a title or comment) and run again"
    )


@pytest.mark.parametrize("n", [9, 10, 11, 12, 60, 1500])
@pytest.mark.parametrize("comment", ["# note {i}", "# note {i}, with a comma"], ids=["plain", "comma"])
def test_a_header_below_many_comment_lines_is_named(tmp_path, model, n, comment):
    """Not only within the first 10 lines: the header below any number of comment lines (in the first million
    characters) is named, not 'the row on line 13 has 3 fields' or 'no column looks like lon'."""
    src = tmp_path / "in.csv"
    src.write_text("".join(comment.format(i=i) + "\n" for i in range(n)) + "id,lon,lat\n1,116.5,39.79\n")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert str(err.value) == (
        f"{src}: line 1 ({comment.format(i=0)!r}) is not a header naming the coordinate columns, but line {n + 1:,} "
        f"('id,lon,lat') is: delete lines 1 to {n:,} (a title or comment) and run again"
    )


@pytest.mark.parametrize(
    ("delimiter", "eol", "encoding", "bom"),
    [
        (";", "\r\n", "utf-8", False),
        (",", "\n", "utf-8", False),
        ("\t", "\n", "utf-8", False),
        (";", "\r\n", "utf-8", True),
        (";", "\n", "gbk", False),
        (",", "\r\n", "utf-16", False),
    ],
    ids=["semicolon-crlf", "comma", "tab", "bom-semicolon", "gbk-semicolon", "utf16-comma"],
)
def test_an_excel_sep_line_gives_the_delimiter_and_is_kept(tmp_path, model, delimiter, eol, encoding, bom):
    """Excel's first line 'sep=;' says the delimiter: the file is read with it, the line kept in a CSV output."""
    from avzone.batch import read_points

    rows = [["编号", "lon", "lat", "note"], ["1", "116.5", "39.79", "a,b;c"], ["2", "116.3975", "39.9087", "x"]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=eol).writerows(rows)
    src = tmp_path / "in.csv"
    src.write_bytes((b"\xef\xbb\xbf" if bom else b"") + (f"sep={delimiter}{eol}" + buf.getvalue()).encode(encoding))
    dst = tmp_path / "out.csv"
    summary = locate_file(model, src, dst)
    assert summary.rows == 2 and summary.rejected_rows == 0 and summary.inside["core"] == 1
    out_encoding = {"utf-16": "utf-16-le-bom", "gbk": "gb18030"}.get(encoding, encoding if not bom else "utf-8-sig")
    assert summary.delimiter == delimiter and summary.output_encoding == out_encoding
    raw = dst.read_bytes()
    text = raw.decode(summary.output_encoding)
    assert text.startswith(f"sep={delimiter}{eol}") and text.count(eol) == 4  # the line kept, once, its line end
    assert raw.startswith(b"\xef\xbb\xbf") is bom and raw.count(b"\xef\xbb\xbf") == int(bom)
    got = list(csv.reader(io.StringIO(text.split(eol, 1)[1], newline=""), delimiter=delimiter))
    assert [r[:4] for r in got] == rows and got[0][-1] == "status"
    assert read_points(src).lon.tolist() == [116.5, 116.3975]
    assert locate_file(model, src, tmp_path / "out.csv", delimiter=delimiter).rows == 2  # the same, given
    locate_file(model, src, tmp_path / "out.parquet")  # no such line in a Parquet file: the columns alone
    assert pq.read_table(tmp_path / "out.parquet").column_names[:4] == rows[0]
    locate_file(model, src, tmp_path / "out.tsv")  # a .tsv output: its own delimiter on the line
    assert (tmp_path / "out.tsv").read_bytes().decode(summary.output_encoding).startswith(f"sep=\t{eol}")


def test_a_sep_line_file_names_its_lines_as_they_are_in_the_file(tmp_path, model):
    """Line 1 is the sep= line: the header is line 2, and a ragged row or an open quote is named by its own line."""
    src = tmp_path / "in.csv"
    src.write_text("sep=;\nid;lon;lat\n1;116.5;39.79\n2;116.5\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert "the row on line 4 of the file (the header is line 2) has 2 fields" in str(err.value)
    assert "文件第 4 行（表头是第 2 行）" in error_text(err.value, "zh")
    src.write_text('sep=;\nid;lon;lat\n1;116.5;"39.79\n2;116.5;39.8\n3;116.5;39.8\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"starts on line 3 of the file \(the header is line 2\) is not closed"):
        locate_file(model, src, tmp_path / "out.csv")
    src.write_text("sep=;\nid;lon;lat\n1;116.5;39.79\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv", delimiter=",")
    assert str(err.value) == (
        f"{src}: line 1 ('sep=;') says the delimiter is ';', but delimiter= gives ','; give delimiter=';', or none"
    )
    src.write_text("sep=;\nreport\nid;lon;lat\n1;116.5;39.79\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv")
    assert str(err.value) == (
        f"{src}: line 2 ('report') is not a header naming the coordinate columns, but line 3 ('id;lon;lat') is: "
        "delete line 2 (a title or comment) and run again"
    )
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("delimiter", [";", "\t", "|"], ids=["semicolon", "tab", "pipe"])
def test_decimal_commas_of_a_file_not_separated_by_commas_are_read(tmp_path, model, delimiter):
    """'116,5;39,79' (Excel where ';' separates) is the point (116.5, 39.79), not 'lon not a number' in every row."""
    from avzone.batch import read_points

    rows = [
        ["id", "lon", "lat"],
        ["1", "116,5", "39,79"],  # Yizhuang: in every zone
        ["2", " 116,3975 ", "39.9087"],  # Tiananmen, a decimal point and a decimal comma in one row
        ["3", "12,958,000", "4"],  # a thousands separator: not a decimal comma
        ["4", "116,5.1", "39,8"],
    ]
    src = _write_dialect(tmp_path / "in.csv", rows, delimiter, "\n")
    summary = locate_file(model, src, tmp_path / "out.csv")
    got = _read_dialect(tmp_path / "out.csv", delimiter)
    assert [r[:3] for r in got] == rows  # the cells as written
    assert [r[3] for r in got[1:]] == ["true", "false", "", ""]  # in_core
    assert [r[-1] for r in got[1:]] == ["ok", "ok", "lon not a number", "lon not a number"]
    assert summary.rejected_rows == 2
    points = read_points(src)
    assert points.lon.tolist()[:2] == [116.5, 116.3975] and points.lat.tolist()[:2] == [39.79, 39.9087]
    comma = tmp_path / "comma.csv"  # in a comma file a quoted '116,5' stays not a number (a thousands separator?)
    comma.write_text('id,lon,lat\n1,"116,5","39,79"\n', encoding="utf-8")
    assert read_points(comma).status.tolist() == ["lon not a number; lat not a number"]


def test_a_given_or_tsv_delimiter_the_header_does_not_hold_is_named(tmp_path, model):
    """--delimiter tab (or a .tsv name) on a ';' file: the error says the header holds ';', not only 'no lon column'."""
    src = tmp_path / "in.csv"
    src.write_text("id;lon;lat\n1;116.5;39.79\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.csv", delimiter="tab")
    assert str(err.value) == (
        f"{src}: no column looks like the lon column; name it with lon_col= (columns are: id;lon;lat); the header "
        "was read as one column, split at delimiter='tab', but it holds ';': give that delimiter=, or leave "
        "delimiter= out to have it detected"
    )
    assert error_text(err.value, "zh").endswith(
        "表头按 delimiter='tab' 拆分后只有一列，但其中含有 ';'：请给出相应的 delimiter=，或不给 delimiter= 让其自动检测"
    )
    tsv = tmp_path / "in.tsv"
    tsv.write_bytes(src.read_bytes())
    with pytest.raises(InputError) as err:
        locate_file(model, tsv, tmp_path / "out.csv")
    assert str(err.value).endswith(
        "the header was read as one column, split at tabs (a .tsv file), but it holds ';': give that delimiter="
    )
    assert locate_file(model, tsv, tmp_path / "out.csv", delimiter=";").rows == 1
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("id;")


@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_a_header_longer_than_the_sniffed_sample_keeps_its_line_end(tmp_path, model, eol):
    """A header of thousands of columns (past the first 64 K characters): the output's line end is still the input's."""
    from avzone.batch import SNIFF_CHARS

    names = ["id", "lon", "lat", *(f"column_number_{i:05d}" for i in range(5000))]
    row = ["1", "116.5", "39.79", *["x"] * 5000]
    src = tmp_path / "in.csv"
    src.write_bytes((";".join(names) + eol + ";".join(row) + eol + ";".join(row)).encode())
    assert src.read_bytes().find(b"\r") > SNIFF_CHARS
    summary = locate_file(model, src, tmp_path / "out.csv")
    assert summary.rows == 2 and summary.to_dict()["delimiter"] == ";"
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.count(eol.encode()) == 2 and raw.count(b"\n") == eol.count("\n") * 2
    assert not raw.endswith(eol.encode())  # as the input's last row, no line end after the last row


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_geojson_feature_ids_are_kept_in_a_table(tmp_path, model, ext):
    # a feature's "id" member (OpenStreetMap exports, Mapbox and Leaflet data) is no property: a table output keeps
    # it as a column of its own, first, named "id" (or "_id" beside a property "id"), null for a feature without one
    feats = [
        {"type": "Feature", "id": "node/1", "properties": {"name": "a"},
         "geometry": {"type": "Point", "coordinates": [116.5, 39.79]}},
        {"type": "Feature", "properties": {"name": "b"}, "geometry": {"type": "Point", "coordinates": [116.5, 39.8]}},
        {"type": "Feature", "id": 7, "properties": {"name": "c"},
         "geometry": {"type": "Point", "coordinates": [116.3975, 39.9087]}},
    ]  # fmt: skip
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    dst = tmp_path / f"out.{ext}"
    locate_file(model, src, dst)
    if ext == "csv":
        rows = list(csv.DictReader(dst.open(encoding="utf-8", newline="")))
        assert list(rows[0])[:2] == ["id", "name"]
        assert [r["id"] for r in rows] == ["node/1", "", "7"]
    else:
        table = pq.read_table(dst)
        assert table.column_names[:2] == ["id", "name"]
        assert table.column("id").to_pylist() == ["node/1", None, "7"]
    # beside a property "id", the feature's id is "_id"; both kept
    for f, n in zip(feats, [10, 11, 12]):
        f["properties"]["id"] = n
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    locate_file(model, src, dst)
    rows = list(csv.DictReader(dst.open(encoding="utf-8"))) if ext == "csv" else pq.read_table(dst).to_pylist()
    assert [(str(r["_id"] or ""), str(r["id"])) for r in rows] == [("node/1", "10"), ("", "11"), ("7", "12")]
    # a GeoJSON output keeps each feature's id where it was, and adds no property for it
    out = tmp_path / "out.geojson"
    locate_file(model, src, out)
    back = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f.get("id") for f in back] == ["node/1", None, 7]
    assert all("_id" not in f["properties"] for f in back)


@pytest.mark.parametrize(
    ("options", "col", "en", "zh"),
    [
        (
            ["--lon-col", "lat", "--lat-col", "lat"],
            "lat",
            "--lon-col and --lat-col both name it",
            "--lon-col 和 --lat-col 都指定了它",
        ),
        (
            ["--lon-col", "lat"],
            "lat",
            "--lon-col names it, and with no --lat-col given its name makes it the lat column too",
            "--lon-col 指定了它，而未给出 --lat-col，按列名它又被识别为纬度列",
        ),
        (
            ["--lat-col", "lng"],
            "lng",
            "--lat-col names it, and with no --lon-col given its name makes it the lon column too",
            "--lat-col 指定了它，而未给出 --lon-col，按列名它又被识别为经度列",
        ),
    ],
)
def test_one_column_for_both_lon_and_lat_is_refused(tmp_path, options, col, en, zh):
    # (lat, lat) points are never right: every row was "ok" and in no zone, the summary speaking of a geometry column
    src = _write_csv(tmp_path / "in.csv", [["id", "lng", "lat"], ["1", "116.50", "39.79"]])
    dst = tmp_path / "out.csv"
    res = _run("locate", "--input", str(src), "--output", str(dst), *options)
    assert res.returncode == 2 and not dst.exists()
    assert res.stderr.strip() == (
        f"avzone: error: {src}: column {col!r} is both the lon and the lat column: {en}; name the lon column "
        "with --lon-col and the lat column with --lat-col (columns are: id, lng, lat)"
    )
    res = _run("locate", "--input", str(src), "--output", str(dst), *options, "--lang", "zh")
    assert res.returncode == 2
    assert res.stderr.strip() == (
        f"avzone: 错误：{src}：列 {col!r} 既是经度列又是纬度列：{zh}；"
        "请用 --lon-col 指定经度列，用 --lat-col 指定纬度列（现有列：id、lng、lat）"
    )


DATUM_NOTE = (
    "PROJ knows no datum shift between {datum} and WGS 84 in Beijing: {crs} coordinates are converted as if the two "
    "were one datum, which can put points tens of metres or more from where they are (near a zone's edge, on the "
    "wrong side of it); for exact answers give the CRS with its shift (a PROJ string with +towgs84=...)"
)


@pytest.mark.parametrize(
    ("crs", "datum"),
    [
        ("EPSG:2436", "Beijing 1954"),  # Beijing 1954 / 3-degree Gauss-Kruger CM 117E
        ("EPSG:2385", "Xian 1980"),  # Xian 1980 / 3-degree Gauss-Kruger CM 120E
        ("EPSG:4214", "Beijing 1954"),  # Beijing 1954 lon/lat
        ("EPSG:4548", None),  # CGCS2000: WGS 84 within centimetres, no note
        ("EPSG:32650", None),
        ("+proj=tmerc +lon_0=117 +k=1 +x_0=500000 +ellps=krass +towgs84=15.8,-154.4,-82.3 +units=m", None),
    ],
)
def test_a_crs_converted_without_its_datum_shift_is_noted(tmp_path, model, crs, datum):
    # PROJ has no Beijing 1954 or Xian 1980 to WGS 84 transformation for Beijing: it converts their coordinates as
    # if on WGS 84's datum (a "ballpark"), tens of metres off; every answer looked exact
    x, y = from_wgs84(np.array([116.5, 116.3975]), np.array([39.79, 39.9087]), normalize_crs(crs))
    src = _write_csv(tmp_path / "in.csv", [["x", "y"]] + [[repr(float(a)), repr(float(b))] for a, b in zip(x, y)])
    summary = locate_file(model, src, tmp_path / "out.csv", crs=crs)
    assert summary.rows == 2 and summary.rejected_rows == 0
    notes = [str(n) for n in summary.notes]
    if datum is None:
        assert notes == []
        return
    label = str(normalize_crs(crs).to_string())
    assert notes == [DATUM_NOTE.format(datum=datum, crs=label)]
    assert summary.to_dict()["notes"] == notes
    zh = summary.text("zh").splitlines()[-1]
    assert zh == (
        f"注意：PROJ 不知道北京地区 {datum} 与 WGS 84 之间的基准转换：{label} 坐标按两者为同一基准转换，"
        "点的位置可能偏差数十米或更多（在范围边缘附近可能落到错误的一侧）；"
        "如需精确结果，请给出带转换参数的坐标系（含 +towgs84=... 的 PROJ 字符串）"
    )


@pytest.mark.parametrize("fmt", ["geojson", "geoparquet"])
def test_swapped_geometries_are_not_told_to_swap_columns(tmp_path, model, fmt):
    # points written (lat, lon) in a GeoJSON or GeoParquet file: there are no lon/lat columns to swap, so the
    # message says the geometries look like (lat, lon), not to run again with --lon-col lat --lat-col lon
    pairs = [(39.79, 116.5), (39.9087, 116.3975)]
    src = tmp_path / ("in.geojson" if fmt == "geojson" else "in.parquet")
    if fmt == "geojson":
        feats = [
            {"type": "Feature", "properties": {"n": i}, "geometry": {"type": "Point", "coordinates": list(p)}}
            for i, p in enumerate(pairs)
        ]
        src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    else:
        import geopandas as gpd

        gpd.GeoDataFrame({"n": [0, 1]}, geometry=[shapely.Point(p) for p in pairs], crs="EPSG:4326").to_parquet(src)
    dst = tmp_path / "out.csv"
    res = _run("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 2 and not dst.exists()
    assert res.stderr.strip() == (
        f"avzone: error: {src}: only 0% of the points fall in the dataset's area as its geometries give them "
        "(x = lon, y = lat), but 100% do with x and y swapped: the points look written (lat, lon); "
        "write them lon first, as GeoJSON and GeoParquet want"
    )
    res = _run("locate", "--input", str(src), "--output", str(dst), "--lang", "zh")
    assert res.stderr.strip() == (
        f"avzone: 错误：{src}：按几何给出的坐标（x 为经度，y 为纬度）只有 0% 的点落在数据集覆盖的区域内，"
        "而 x、y 互换后有 100% 的点落在其中：这些点看起来是按（纬度, 经度）写的；"
        "请按 GeoJSON 和 GeoParquet 的要求先写经度"
    )


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:32650"])
def test_geoparquet_to_geojson_keeps_the_geometries_of_rejected_rows(tmp_path, model, crs):
    # a GeoParquet row's geometry is its only copy of its place: a polygon ("geometry is not a Point") or a swapped
    # point written to GeoJSON as null lost it; each is kept, in WGS84 as GeoJSON's are
    import geopandas as gpd

    box = shapely.box(116.4, 39.7, 116.5, 39.8)
    geoms = [shapely.Point(116.5, 39.79), box, shapely.Point(39.79, 116.5), None]
    frame = gpd.GeoDataFrame({"n": [1, 2, 3, 4]}, geometry=geoms, crs="EPSG:4326")
    if crs != "EPSG:4326":  # (the swapped point has no place in UTM: kept as it is)
        frame = frame.iloc[[0, 1, 3]].to_crs(crs)
    src, dst = tmp_path / "in.parquet", tmp_path / "out.geojson"
    frame.to_parquet(src)
    locate_file(model, src, dst)
    feats = json.loads(dst.read_text(encoding="utf-8"))["features"]
    status = [f["properties"]["status"] for f in feats]
    back = [None if f["geometry"] is None else shapely.geometry.shape(f["geometry"]) for f in feats]
    assert status[0] == "ok" and back[0].equals_exact(shapely.Point(116.5, 39.79), 1e-9)
    assert status[1] == "geometry is not a Point"
    assert back[1].geom_type == "Polygon" and back[1].equals_exact(box, 1e-7)
    if crs == "EPSG:4326":
        assert status[2].startswith("lon and lat look swapped") and back[2].equals(shapely.Point(39.79, 116.5))
    assert status[-1] == "no point geometry" and back[-1] is None


@pytest.mark.parametrize(
    ("text", "first", "what_en", "what_zh"),
    [
        (  # closed by the quote that opens a later row's field: the row between is read into one field
            'id,lon,lat,note\n1,116.5,39.79,ok\n2,116.5,39.79,"unclosed\n3,116.5,39.79,"x"\n4,116.5,39.79,y\n',
            3,
            "its closing quote on line 4 is followed by more text",
            "第 4 行上闭合它的引号后面还有其他文字",
        ),
        (  # never closed: every line to the end of the file is read into one field
            'id,lon,lat,note\n1,116.5,39.79,ok\n2,116.5,39.79,"unclosed\n3,116.5,39.79,x\n4,116.5,39.79,y\n',
            3,
            "it runs to the end of the file",
            "它一直延续到文件末尾",
        ),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_quote_left_open_is_refused_not_rows_swallowed(tmp_path, text, first, what_en, what_zh, encoding):
    # the reader takes the lines after an opening quote into that one field until a quote closes it: rows 3 (and
    # 4) vanished into row 2's note, and the job said "3 rows read" with no row rejected
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(text.replace("note", "备注").encode(encoding))
    res = _run("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 2 and not dst.exists()
    assert res.stderr.strip() == (
        f"avzone: error: {src}: the quoted field that starts on line {first} of the file (the header is line 1) is "
        f"not closed where a field ends: {what_en}, so the lines after it are read into that one field and their "
        'rows would be lost; close the quote (a quote inside a quoted field is written as two quotes: "")'
    )
    res = _run("locate", "--input", str(src), "--output", str(dst), "--lang", "zh")
    assert res.returncode == 2
    assert res.stderr.strip() == (
        f"avzone: 错误：{src}：从文件第 {first} 行（表头是第 1 行）开始的带引号字段没有在字段结尾处闭合：{what_zh}，"
        '因此其后各行被读进了这一个字段，它们的行会丢失；请补上闭合的引号（带引号字段中的引号要写成两个：""）'
    )


def test_quoted_fields_over_several_lines_are_still_read(tmp_path, model):
    # (the check above runs only when a cell holds a line break: such a cell, rightly quoted, is kept)
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(
        'id,lon,lat,note\r\n1,116.5,39.79,"two\r\nlines, ""quoted"""\r\n2,116.5,39.8,x\r\n', encoding="utf-8"
    )
    summary = locate_file(model, src, dst)
    assert summary.rows == 2
    rows = list(csv.DictReader(dst.open(encoding="utf-8", newline="")))
    assert [r["note"] for r in rows] == ['two\r\nlines, "quoted"', "x"]


def test_parquet_durations_keep_their_unit_in_a_csv(tmp_path, model):
    # a trip's duration (pandas timedelta64, written to Parquet as duration[ns]) was written to CSV as a bare
    # count of its unit: 90 minutes became 5400000000000; it is ISO 8601 text, as the GeoJSON output writes it
    import datetime as dt

    src, dst = tmp_path / "in.parquet", tmp_path / "out.csv"
    durations = [dt.timedelta(minutes=90), None, dt.timedelta(seconds=1, microseconds=500000)]
    table = pa.table(
        {
            "lon": [116.5, 116.5, 116.5],
            "lat": [39.79, 39.79, 39.79],
            "trip": pa.array(durations, pa.duration("ns")),
            "wait_s": pa.array([90, 0, None], pa.duration("s")),
        }
    )
    pq.write_table(table, src)
    locate_file(model, src, dst)
    rows = list(csv.DictReader(dst.open(encoding="utf-8", newline="")))
    assert [r["trip"] for r in rows] == ["P0DT1H30M0S", "", "P0DT0H0M1.5S"]
    assert [r["wait_s"] for r in rows] == ["P0DT0H1M30S", "P0DT0H0M0S", ""]
    out = tmp_path / "out.geojson"
    locate_file(model, src, out)
    props = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    assert [p["trip"] for p in props] == ["P0DT1H30M0S", None, "P0DT0H0M1.5S"]


@pytest.mark.parametrize("header", [["id", "lon", "lat", "note", "note"], ["id", "lon", "lat", "", ""]])
def test_a_parquet_output_of_columns_of_one_name_is_refused(tmp_path, header):
    # (Excel writes empty header cells for columns past the data) pyarrow wrote such a Parquet file, which
    # pandas.read_parquet and pyarrow.parquet.read_table cannot read: refused, as for GeoJSON
    src = _write_csv(tmp_path / "in.csv", [header, ["1", "116.5", "39.79", "a", "b"]])
    dst = tmp_path / "out.parquet"
    res = _run("locate", "--input", str(src), "--output", str(dst))
    assert res.returncode == 2 and not dst.exists()
    assert res.stderr.strip() == (
        f"avzone: error: {dst}: the input has more than one column named {header[-1]!r}, and a Parquet file's "
        "columns need distinct names to be read back (pandas.read_parquet cannot): rename the columns, or write CSV"
    )
    assert _run("locate", "--input", str(src), "--output", str(tmp_path / "out.csv")).returncode == 0


def test_rows_at_zero_zero_have_a_status_of_their_own(tmp_path, model):
    # GPS devices and exports write (0, 0) for a fix they do not have: such rows were "ok" and outside every zone,
    # counted in every share of the output; they keep their place with a status saying there is no position
    rows = [["id", "lon", "lat"], ["1", "116.5", "39.79"], ["2", "0", "0"], ["3", "0.000", "-0.0"], ["4", "0", "39.8"]]
    src, dst = _write_csv(tmp_path / "in.csv", rows), tmp_path / "out.csv"
    summary = locate_file(model, src, dst)
    out = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert [r["id"] for r in out] == ["1", "2", "3", "4"]
    assert [r["status"] for r in out] == ["ok", NULL_ISLAND_TEXT, NULL_ISLAND_TEXT, "ok"]
    assert [r["in_current"] for r in out] == ["true", "", "", "false"]
    assert summary.rejected == {NULL_ISLAND_TEXT: 2} and summary.notes == []
    assert "两个坐标都是 0" in summary.text("zh")


def test_every_local_job_judges_a_file_read_the_wrong_way_round_from_its_first_rows(tmp_path, model, monkeypatch):
    # a CSV file read in blocks of a few rows, lon and lat swapped after its first block: `avzone locate` and the
    # map's --points judged the first block alone (and read the file), `avzone events` its first 100,000 rows
    from avzone import batch
    from avzone.batch import read_points
    from avzone.tracks import events_file

    monkeypatch.setattr(batch, "CSV_BLOCK_BYTES", 256)
    rows = [f"v{k % 3},2024-10-18 06:{k:02d}:00,116.5{k:02d},39.8{k:02d}" for k in range(10)]
    rows += [f"v{k % 3},2024-10-18 06:{k:02d}:00,39.8{k:02d},116.5{k:02d}" for k in range(10, 50)]
    src = tmp_path / "in.csv"
    src.write_text("id,time,lon,lat\n" + "\n".join(rows) + "\n")
    refusals = []
    for run in (
        lambda: locate_file(model, src, tmp_path / "located.csv"),
        lambda: events_file(model, src, tmp_path / "events.csv", id_col="id", time_col="time"),
        lambda: read_points(src, model=model),
    ):
        with pytest.raises(InputError) as err:
            run()
        refusals.append(str(err.value))
    assert refusals[0] == refusals[1] == refusals[2]
    assert "but 80% do with the columns swapped" in refusals[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
