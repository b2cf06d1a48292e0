"""GeoPackage outputs of ``avzone events``: the events as a layer of points at the crossings (EPSG:4326; a gap event
kept, without a geometry), the summary as a table without geometry, the annotated rows as ``avzone locate`` writes
a layer of rows (the input's geometries in their CRS, or each row at its WGS84 point).

Each is compared with the CSV or Parquet output of the same job: the same rows, in order, and values.
"""

from __future__ import annotations

import sqlite3

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from common import SUB_CENTER, TIANANMEN, YIZHUANG_CORE, run_cli
from test_gpkg_jobs import check_declared_layer, geoparquet_listing_no_type

from avzone.errors import InputError
from avzone.tracks import events_file

ROWS = [
    ("a", "2024-05-01 08:00:00", *TIANANMEN),
    ("a", "2024-05-01 08:05:00", *YIZHUANG_CORE),
    ("a", "2024-05-01 08:10:00", *SUB_CENTER),
    ("a", "2024-05-01 12:10:00", *YIZHUANG_CORE),  # (4 hours later: a gap)
    ("b", "2024-05-01 09:00:00", *YIZHUANG_CORE),
    ("b", "2024-05-01 09:03:00", *TIANANMEN),
    ("c", "2024-05-01 09:03:00", 0.0, 0.0),  # no position
]
#: Gaps of over an hour or 50 km (the default's 10 minutes would make every segment here a gap).
GAPS = ("--max-gap-s", "3600", "--max-gap-m", "50000")


@pytest.fixture
def fixes(tmp_path):
    path = tmp_path / "fixes.csv"
    pd.DataFrame(ROWS, columns=["vehicle", "ts", "lon", "lat"]).to_csv(path, index=False)
    return path


def _events(path, *options: str) -> None:
    done = run_cli("events", "--input", str(path), *GAPS, *options)
    assert done.returncode == 0, done.stderr


def _layer(path):
    """A GeoPackage layer as pyogrio reads it (its geometries as shapely, none where null), and its info."""
    meta, table = pyogrio.read_arrow(path)
    frame = table.to_pandas()
    if meta["geometry_name"]:
        frame[meta["geometry_name"]] = shapely.from_wkb(frame[meta["geometry_name"]])
    return frame, pyogrio.read_info(path)


def test_events_summary_and_rows_as_geopackage_layers(tmp_path, fixes):
    _events(fixes, "--output", str(tmp_path / "e.gpkg"), "--summary", str(tmp_path / "s.gpkg"),
            "--annotate", str(tmp_path / "a.gpkg"))  # fmt: skip
    _events(fixes, "--output", str(tmp_path / "e.parquet"), "--summary", str(tmp_path / "s.parquet"),
            "--annotate", str(tmp_path / "a.csv"))  # fmt: skip
    # the events: a point layer in EPSG:4326 named as the file, each event at its crossing, every field kept
    events, info = _layer(tmp_path / "e.gpkg")
    want = pd.read_parquet(tmp_path / "e.parquet")
    assert info["layer_name"] == "e" and info["crs"] == "EPSG:4326" and info["geometry_name"] == "geometry"
    assert list(info["fields"]) == list(want.columns)
    assert set(want["event"]) == {"enter", "exit", "gap"}  # (the fixture has all three)
    pd.testing.assert_frame_equal(events.drop(columns=["geometry", "time"]), want.drop(columns=["time"]))
    # the times: the same instants, in UTC (the GeoPackage standard's zone), to the millisecond (its precision)
    assert (events["time"] - want["time"]).abs().max() < pd.Timedelta("1ms")
    with sqlite3.connect(tmp_path / "e.gpkg") as db:  # (as stored: GDAL wrote +08:00, which readers warn of)
        stored = [t for (t,) in db.execute('SELECT "time" FROM "e"')]
    assert len(stored) == len(want) and all(t.endswith("Z") for t in stored), stored[:2]
    gap = (want["event"] == "gap").to_numpy()
    assert events["geometry"][gap].isna().all() and want.loc[gap, ["lon", "lat"]].isna().all().all()
    crossing = events["geometry"][~gap]
    assert np.array_equal(shapely.get_x(crossing), want.loc[~gap, "lon"])
    assert np.array_equal(shapely.get_y(crossing), want.loc[~gap, "lat"])
    # the summary: a table without geometry, as the Parquet summary's rows
    summary, info = _layer(tmp_path / "s.gpkg")
    assert info["geometry_name"] == "" and info["crs"] is None and info["layer_name"] == "s"
    want = pd.read_parquet(tmp_path / "s.parquet")
    assert len(summary) == len(want) > 0
    pd.testing.assert_frame_equal(
        summary.drop(columns=["start", "end"]), want.drop(columns=["start", "end"]), check_dtype=False
    )
    # the rows: every input row and cell, its status, at its WGS84 point (none at the no-position row)
    rows, info = _layer(tmp_path / "a.gpkg")
    want = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    assert info["crs"] == "EPSG:4326" and info["layer_name"] == "fixes" and len(rows) == len(ROWS)
    assert rows["status"].tolist() == want["status"].tolist()
    assert rows["used"].tolist() == [v == "true" for v in want["used"]]
    assert rows["vehicle"].tolist() == [r[0] for r in ROWS]
    assert rows["geometry"].iloc[-1] is None and want["status"].iloc[-1].startswith("no position")
    for k, row in enumerate(ROWS[:-1]):
        assert (rows["geometry"].iloc[k].x, rows["geometry"].iloc[k].y) == row[2:]


def test_streamed_job_writes_the_same_layers(model, tmp_path, fixes):
    """An input larger than chunk_rows goes through the vehicle partitions and their merge: the same layers."""
    for name, chunk_rows in (("one", 1_000_000), ("streamed", 2)):
        outputs = {"summary": tmp_path / f"{name}_s.gpkg", "annotate": tmp_path / f"{name}_a.gpkg"}
        events_file(
            model, fixes, tmp_path / f"{name}_e.gpkg", chunk_rows=chunk_rows, max_gap_s=3600, max_gap_m=50000, **outputs
        )
    for kind in ("e", "s", "a"):
        one, _ = _layer(tmp_path / f"one_{kind}.gpkg")
        streamed, _ = _layer(tmp_path / f"streamed_{kind}.gpkg")
        assert len(one) > 0
        pd.testing.assert_frame_equal(streamed, one)


def test_annotated_rows_of_a_geopackage_keep_its_geometries_and_crs(tmp_path):
    """Rows of a GeoPackage layer in Web Mercator: the annotated rows keep the layer's geometries, in EPSG:3857."""
    frame = pd.DataFrame(ROWS[:-1], columns=["vehicle", "ts", "lon", "lat"])
    layer = gpd.GeoDataFrame(frame[["vehicle", "ts"]], geometry=gpd.points_from_xy(frame.lon, frame.lat), crs=4326)
    src = tmp_path / "fixes.gpkg"
    layer.to_crs(3857).to_file(src, layer="车辆")
    _events(src, "--output", str(tmp_path / "e.gpkg"), "--annotate", str(tmp_path / "a.gpkg"))
    rows, info = _layer(tmp_path / "a.gpkg")
    assert info["crs"] == "EPSG:3857" and info["layer_name"] == "车辆" and info["geometry_name"] == "geom"
    assert shapely.equals_exact(rows["geom"].to_numpy(), layer.to_crs(3857).geometry.to_numpy(), 1e-6).all()
    assert rows["status"].tolist() == ["ok"] * len(frame)
    assert pyogrio.read_info(tmp_path / "e.gpkg")["crs"] == "EPSG:4326"  # (the events: WGS84 crossings)


def test_an_events_job_without_events_writes_empty_layers(tmp_path):
    src = tmp_path / "still.csv"
    pd.DataFrame([("a", "2024-05-01 08:00:00", *TIANANMEN)], columns=["vehicle", "ts", "lon", "lat"]).to_csv(src)
    _events(src, "--output", str(tmp_path / "e.gpkg"), "--summary", str(tmp_path / "s.gpkg"))
    events, info = _layer(tmp_path / "e.gpkg")
    assert len(events) == 0 and info["crs"] == "EPSG:4326" and "event" in list(info["fields"])
    assert "zone" in list(pyogrio.read_info(tmp_path / "s.gpkg")["fields"])


@pytest.mark.parametrize("option", ["--output", "--summary", "--annotate"])
def test_a_geojson_output_is_still_refused_naming_the_file_and_the_formats(tmp_path, fixes, option):
    outputs = {"--output": tmp_path / "e.csv", option: tmp_path / "x.geojson"}
    args = [a for k, v in outputs.items() for a in (k, str(v))]
    refused = run_cli("events", "--input", str(fixes), *args)
    assert refused.returncode == 2
    assert f"{tmp_path / 'x.geojson'}: " in refused.stderr and "write .csv, .parquet or .gpkg" in refused.stderr
    refused = run_cli("events", "--input", str(fixes), *args, "--lang", "zh")
    assert "请写成 .csv、.parquet 或 .gpkg" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]


def test_one_failing_output_leaves_no_geopackage(model, tmp_path, fixes, monkeypatch):
    """The outputs are one transaction: GDAL refusing the summary leaves neither the events nor the summary."""
    import pyogrio.errors

    write = pyogrio.write_arrow

    def refusing(table, path, *args, **kwargs):
        if kwargs.get("layer") == "s":
            raise pyogrio.errors.DataLayerError("the disk is full")
        return write(table, path, *args, **kwargs)

    monkeypatch.setattr(pyogrio, "write_arrow", refusing)
    with pytest.raises(InputError, match=r"s\.gpkg: cannot write the file \(the disk is full\)"):
        events_file(model, fixes, tmp_path / "e.gpkg", summary=tmp_path / "s.gpkg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.csv"]


def test_annotated_rows_of_geoparquet_listing_no_type_declare_the_type_they_have(tmp_path):
    """--annotate of a GeoParquet input whose ``geo`` metadata lists no geometry type (read in chunks of 2 rows):
    the rows' layer declares Point when every geometry is one, any type (``Unknown``) with a polygon last."""
    frame = pd.DataFrame(ROWS, columns=["vehicle", "ts", "lon", "lat"])
    points = gpd.GeoDataFrame(frame[["vehicle", "ts"]], geometry=gpd.points_from_xy(frame.lon, frame.lat), crs=4326)
    mixed = points.copy()
    mixed.loc[len(mixed) - 1, "geometry"] = shapely.box(
        *YIZHUANG_CORE, YIZHUANG_CORE[0] + 0.01, YIZHUANG_CORE[1] + 0.01
    )
    for name, rows, want in [("points", points, "Point"), ("mixed", mixed, "Unknown")]:
        src, dst = tmp_path / f"{name}.parquet", tmp_path / f"{name}.gpkg"
        geoparquet_listing_no_type(src, rows)
        _events(src, "--chunk-rows", "2", "--output", str(tmp_path / f"{name}-e.csv"), "--annotate", str(dst))
        check_declared_layer(dst, rows, want)


def test_geopackage_layers_declare_their_geometry_type(tmp_path, fixes):
    """GIS tools read a layer's declared type to know its kind: the events and the rows placed at their WGS84
    points are Point layers (a row without a position kept, without a geometry); a GeoPackage input's rows keep
    its layer's type."""
    _events(fixes, "--output", str(tmp_path / "e.gpkg"), "--annotate", str(tmp_path / "a.gpkg"))
    assert pyogrio.read_info(tmp_path / "e.gpkg")["geometry_type"] == "Point"
    assert pyogrio.read_info(tmp_path / "a.gpkg")["geometry_type"] == "Point"
    assert run_cli("locate", "--input", str(fixes), "--output", str(tmp_path / "l.gpkg")).returncode == 0
    located, info = _layer(tmp_path / "l.gpkg")
    assert info["geometry_type"] == "Point" and len(located) == len(ROWS)
    frame = pd.DataFrame(ROWS, columns=["vehicle", "ts", "lon", "lat"])
    src = tmp_path / "in.gpkg"
    points = gpd.points_from_xy(frame.lon, frame.lat, crs="EPSG:4326").to_crs("EPSG:3857")
    gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]), geometry=points).to_file(src)
    for name, job in {"kept.gpkg": ("locate",), "rows.gpkg": ("events", *GAPS)}.items():
        args = ["--output", str(tmp_path / name)] if job[0] == "locate" else ["--annotate", str(tmp_path / name)]
        if job[0] == "events":
            args += ["--output", str(tmp_path / "e2.csv")]
        done = run_cli(*job[:1], "--input", str(src), *job[1:], *args)
        assert done.returncode == 0, done.stderr
        assert pyogrio.read_info(tmp_path / name)["geometry_type"] == "Point"
