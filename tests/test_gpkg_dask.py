"""The dask engines' GeoPackage outputs equal the local engines' for the same Parquet file.

Over the inputs of tests/test_dask_parity.py (each one Parquet file of row groups of 15 rows, read by the dask engines
in partitions of one row group): the layer's name, CRS, geometry column, fields and their types, and every feature,
its fields and geometry, in order; the located rows, and the events and the vehicles' summary. GDAL writes a
GeoPackage from one process: the workers compute the partitions and the command's process writes them, in order,
through the local job's writer.
"""

from __future__ import annotations

import errno

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
from common import YIZHUANG_CORE, run_cli

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.tracks import events_file

pytest.importorskip("distributed")

from test_dask_parity import CASES, EVENTS_CASES, _write  # (its inputs; the cluster: conftest's scheduler)
from test_gpkg_jobs import (
    check_declared_layer,
    geoparquet_listing,
    geoparquet_listing_no_type,
    multipolygon_cases,
    said_by_gdal,
    unlisted_geometry_cases,
)

from avzone.distributed import events_parquet_dask, locate_parquet_dask  # (after the skip)

#: What the two layers must have alike (pyogrio.read_info).
INFO = ("layer_name", "crs", "geometry_name", "geometry_type", "fid_column", "features")


def _same_layers(local, dask) -> None:
    a, b = pyogrio.read_info(local), pyogrio.read_info(dask)
    for key in INFO:
        assert b[key] == a[key], key
    for key in ("fields", "dtypes", "ogr_types", "ogr_subtypes"):
        assert list(b[key]) == list(a[key]), key
    (meta_a, table_a), (meta_b, table_b) = pyogrio.read_arrow(local), pyogrio.read_arrow(dask)
    assert meta_b["geometry_name"] == meta_a["geometry_name"]
    assert table_b.schema == table_a.schema
    for name in table_a.column_names:
        assert table_b.column(name).to_pylist() == table_a.column(name).to_pylist(), name


@pytest.mark.slow
@pytest.mark.parametrize("make", CASES, ids=lambda c: c.__name__.strip("_"))
def test_the_dask_locate_engine_writes_the_geopackage_the_local_engine_writes(tmp_path, model, scheduler, make):
    frame, options = make()
    src = tmp_path / "in.parquet"
    _write(frame, src)
    local = locate_file(model, src, tmp_path / "local.gpkg", **options)
    dask = locate_parquet_dask(model, src, tmp_path / "dask.gpkg", scheduler=scheduler, partition_size=1, **options)
    _same_layers(tmp_path / "local.gpkg", tmp_path / "dask.gpkg")
    assert {k: v for k, v in dask.to_dict().items() if k != "output"} == {
        k: v for k, v in local.to_dict().items() if k != "output"
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dask.gpkg", "in.parquet", "local.gpkg"]  # nothing else


def test_a_folder_of_parts_is_one_layer_in_row_order(tmp_path, model, scheduler):
    """Parts of a folder, one of them empty, written in order into one layer: the rows of one file of every part."""
    folder = tmp_path / "parts"
    folder.mkdir()
    lon = np.linspace(116.3, 116.7, 30)
    frame = pd.DataFrame({"n": np.arange(30), "lon": lon, "lat": np.full(30, YIZHUANG_CORE[1])})
    for k, (a, b) in enumerate(((0, 10), (10, 10), (10, 30))):
        frame.iloc[a:b].to_parquet(folder / f"part.{k}.parquet", index=False)
    locate_parquet_dask(model, folder, tmp_path / "out.gpkg", scheduler=scheduler)
    (tmp_path / "one").mkdir()
    whole = tmp_path / "one" / "parts.parquet"  # (the layer is named after the input: parts, as the folder)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), whole)
    locate_file(model, whole, tmp_path / "local.gpkg")
    _same_layers(tmp_path / "local.gpkg", tmp_path / "out.gpkg")
    assert pyogrio.read_arrow(tmp_path / "out.gpkg")[1].column("n").to_pylist() == list(range(30))


def test_geoparquet_listing_no_type_declares_the_type_its_rows_have(tmp_path, model, scheduler):
    """A GeoParquet input whose ``geo`` metadata lists no geometry type, read as partitions of a row group of 2
    rows: the layer declares the one type every geometry has (``Point``, ``Point Z``), any type (``Unknown``) only
    when they mix, as the local engine's (:func:`avzone.batch.declare_gpkg_geometry_type` for both); rows of
    coordinate columns are a Point layer."""
    for name, frame, want in unlisted_geometry_cases(model):
        src, dst = tmp_path / f"{name}.parquet", tmp_path / f"{name}.gpkg"
        geoparquet_listing_no_type(src, frame)
        locate_parquet_dask(model, src, dst, scheduler=scheduler, partition_size=1)
        check_declared_layer(dst, frame, want)
    frame = unlisted_geometry_cases(model)[0][1]
    src = tmp_path / "columns.parquet"
    pd.DataFrame({"lon": frame.geometry.x, "lat": frame.geometry.y}).dropna().to_parquet(src, row_group_size=2)
    locate_parquet_dask(model, src, tmp_path / "columns.gpkg", scheduler=scheduler, partition_size=1)
    check_declared_layer(tmp_path / "columns.gpkg", frame.dropna(), "Point")


def test_geoparquet_listing_polygon_for_multipolygons_is_written_without_gdal_s_warning(tmp_path, model, scheduler):
    """A GeoParquet input listing Polygon (as a Shapefile's features are converted) whose rows are MultiPolygons,
    or both: GDAL warned on stderr that a MULTIPOLYGON was inserted into a layer of type POLYGON, in both
    engines; the layer is written silently, declaring the type its rows have, as the local engine's."""
    for name, frame, want in multipolygon_cases(model):
        src = tmp_path / f"{name}.parquet"
        geoparquet_listing(src, frame, ["Polygon"])
        for engine in ("local", "dask"):
            dst = tmp_path / f"{name}-{engine}.gpkg"
            extra = ("--engine", "dask", "--scheduler", scheduler) if engine == "dask" else ()
            assert said_by_gdal("locate", "--input", str(src), "--output", str(dst), *extra) == [], engine
            check_declared_layer(dst, frame, want)
        _same_layers(tmp_path / f"{name}-local.gpkg", tmp_path / f"{name}-dask.gpkg")


def test_a_failed_job_leaves_no_geopackage(tmp_path, model, scheduler):
    """A part that cannot be read stops the job: no GeoPackage (nor its temporary file), the old one as it was."""
    folder = tmp_path / "parts"
    folder.mkdir()
    pd.DataFrame({"lon": [YIZHUANG_CORE[0]], "lat": [YIZHUANG_CORE[1]]}).to_parquet(folder / "part.0.parquet")
    (folder / "part.1.parquet").write_bytes(b"PAR1" + b"\0" * 64 + b"PAR1")  # (a footer that cannot be read)
    dst = tmp_path / "out.gpkg"
    dst.write_bytes(b"the previous output")
    with pytest.raises(InputError, match=r"part\.1\.parquet"):
        locate_parquet_dask(model, folder, dst, scheduler=scheduler)
    assert dst.read_bytes() == b"the previous output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg", "parts"]


@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_geopackage_at_a_url_is_refused_naming_it(tmp_path, model, job):
    src = tmp_path / "p.parquet"
    pd.DataFrame(
        {"vehicle": ["a"], "ts": ["2024-05-01 08:00"], "lon": [YIZHUANG_CORE[0]], "lat": [YIZHUANG_CORE[1]]}
    ).to_parquet(src)
    run = locate_parquet_dask if job == "locate" else events_parquet_dask
    with pytest.raises(InputError, match=r"^memory://bucket/o\.gpkg: a GeoPackage is written on this machine"):
        run(model, src, "memory://bucket/o.gpkg")
    refused = run_cli(job, "--engine", "dask", "--input", str(src), "--output", "memory://bucket/o.gpkg")
    assert refused.returncode == 2 and "memory://bucket/o.gpkg: " in refused.stderr


#: Gaps of over an hour or 50 km: the inputs of tests/test_dask_parity.py (fixes of a vehicle 28 minutes apart) then
#: have both crossings (points) and gaps (no geometry); the default's 10 minutes makes every segment a gap.
GAPS = {"max_gap_s": 3600, "max_gap_m": 50000}


def _events_both(model, src, tmp_path, scheduler, **options):
    """The events and summary GeoPackages of ``src`` by the local engine (``local/``) and the dask engine
    (``dask/``), each named ``events.gpkg`` and ``summary.gpkg`` (their layers ``events`` and ``summary``), and the
    two reports."""
    for name in ("local", "dask"):
        (tmp_path / name).mkdir()
    local = events_file(
        model, src, tmp_path / "local" / "events.gpkg", summary=tmp_path / "local" / "summary.gpkg", **options
    )
    dask = events_parquet_dask(
        model, src, tmp_path / "dask" / "events.gpkg", summary=tmp_path / "dask" / "summary.gpkg",
        scheduler=scheduler, partition_size=1, **options,
    )  # fmt: skip
    for name in ("events.gpkg", "summary.gpkg"):
        _same_layers(tmp_path / "local" / name, tmp_path / "dask" / name)
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == ["events.gpkg", "summary.gpkg"]  # nothing else
    return local, dask


def _report(report) -> dict:
    return {k: v for k, v in report.to_dict().items() if k not in ("input", "output", "partitions")}


@pytest.mark.slow
@pytest.mark.parametrize("make", EVENTS_CASES, ids=lambda c: c.__name__.strip("_"))
def test_the_dask_events_engine_writes_the_geopackages_the_local_engine_writes(tmp_path, model, scheduler, make):
    """The events layer (points at the crossings in EPSG:4326, gaps without a geometry; the vehicles in order of
    first appearance, each one's events in time order) and the summary table, field for field and row for row."""
    frame, options = make()
    options = {k: v for k, v in options.items() if k in ("crs", "time_unit", "point_col")}
    src = tmp_path / "in.parquet"
    _write(frame, src)
    local, dask = _events_both(model, src, tmp_path, scheduler, **options, **GAPS)
    assert _report(dask) == _report(local)


def _fleet_file(path) -> pd.DataFrame:
    """Fixes of six vehicles (each crossing zone edges, one with a gap), their rows interleaved, in row groups of 5
    rows: read as several partitions, whose vehicles the shuffle puts in another order than their first rows'."""
    legs = [(116.3975, 39.9087), (116.5, 39.79), (116.715, 39.905), (116.5, 39.79)]
    names = ["f", "c", "a", "e", "b", "d"]
    rows = []
    for step, (lon, lat) in enumerate(legs):
        for k, name in enumerate(names):
            hours = step + (3 if step == 3 and name == "e" else 0)  # (e's last fix hours later: a gap)
            rows.append((name, pd.Timestamp("2024-05-01 08:00") + pd.Timedelta(hours=hours, minutes=k), lon, lat))
    frame = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    frame.to_parquet(path, row_group_size=5)
    return frame


def test_the_dask_events_engine_writes_events_and_summary_as_the_local_engine_does(tmp_path, model, scheduler):
    """Events as points (a gap without one) and the summary table, in the vehicles' order of first appearance."""
    src = tmp_path / "fixes.parquet"
    frame = _fleet_file(src)
    local, dask = _events_both(model, src, tmp_path, scheduler, **GAPS)
    assert _report(dask) == _report(local) and dask.partitions > 1
    meta, events = pyogrio.read_arrow(tmp_path / "dask" / "events.gpkg")
    info = pyogrio.read_info(tmp_path / "dask" / "events.gpkg")
    assert info["crs"] == "EPSG:4326" and info["layer_name"] == "events" and info["geometry_name"] == "geometry"
    ids = events.column("id").to_pylist()
    assert list(dict.fromkeys(ids)) == list(dict.fromkeys(frame["vehicle"]))  # (f, c, a, e, b, d)
    geometries = dict(zip(events.column("event").to_pylist(), events.column(meta["geometry_name"]).to_pylist()))
    assert geometries["gap"] is None and geometries["enter"] is not None
    summary = pyogrio.read_arrow(tmp_path / "dask" / "summary.gpkg")[1]
    assert pyogrio.read_info(tmp_path / "dask" / "summary.gpkg")["geometry_name"] == ""
    assert list(dict.fromkeys(summary.column("id").to_pylist())) == list(dict.fromkeys(frame["vehicle"]))


def test_a_failed_events_job_leaves_the_geopackages_as_they_were(tmp_path, model, scheduler, monkeypatch):
    """A partition failing on a worker, or the summary failing once the events layer is written: neither output
    put in place (the existing ones as they were), no temporary file left."""
    import avzone.tracks

    src = tmp_path / "fixes.parquet"
    _fleet_file(src)
    out = {name: tmp_path / name for name in ("events.gpkg", "summary.gpkg")}
    for name, path in out.items():
        path.write_bytes(f"the previous {name}".encode())
    damaged = tmp_path / "damaged.parquet"
    data = bytearray(src.read_bytes())
    start = pq.read_metadata(src).row_group(3).column(2).data_page_offset
    data[start : start + 40] = b"\xff" * 40  # (the footer intact: read on a worker)
    damaged.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"damaged\.parquet: cannot read as Parquet"):
        events_parquet_dask(
            model, damaged, out["events.gpkg"], summary=out["summary.gpkg"], scheduler=scheduler, partition_size=1
        )
    real = avzone.tracks._Writer.write

    def summary_fails(writer, frame):
        if "summary" in writer.path.name:  # (its temporary file beside the target)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(writer, frame)

    monkeypatch.setattr(avzone.tracks._Writer, "write", summary_fails)
    with pytest.raises(OSError, match="No space left"):
        events_parquet_dask(
            model, src, out["events.gpkg"], summary=out["summary.gpkg"], scheduler=scheduler, partition_size=1, **GAPS
        )
    for name, path in out.items():
        assert path.read_bytes() == f"the previous {name}".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "damaged.parquet",
        "events.gpkg",
        "fixes.parquet",
        "summary.gpkg",
    ]
