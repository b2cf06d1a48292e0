"""The dask engines' output equals the local engines' for the same Parquet file, over inputs of many shapes.

Each input is one Parquet file of row groups of 15 rows, read by the dask engines in partitions of one row group
(``partition_size=1``): the rows, their order, the index labels pandas reads, every column and its type, field
and schema metadata, the row statuses, zones and ``in_force``; the events and the vehicles' summary; and the
job's summary or report. The schema's pandas metadata of the first part describes that part's rows (each part's
own share of a ``RangeIndex``): it is compared through the index pandas reads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.tracks import events_file

pytest.importorskip("distributed")

from avzone.distributed import events_parquet_dask, locate_parquet_dask  # (after the skip)

N = 60


def _fixes(n: int = N, seed: int = 1) -> pd.DataFrame:
    """``n`` fixes of 4 vehicles in and around Beijing's zones, 7 minutes apart from 06:00 on the day the zones
    changed, with rows that cannot be classified: a NaN longitude, an infinite latitude, one out of range, one
    far from Beijing."""
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(116.2, 116.9, n), rng.uniform(39.6, 40.2, n)
    lon[3], lat[5], lat[7], lon[9], lat[9] = np.nan, np.inf, 95.0, 10.0, 10.0
    return pd.DataFrame(
        {
            "vehicle": [f"v{i % 4}" for i in range(n)],
            "ts": pd.Timestamp("2024-10-18 06:00") + pd.to_timedelta(np.arange(n) * 7, unit="min"),
            "lon": lon,
            "lat": lat,
        }
    )


def _nullable():
    d = _fixes()
    d["lon"] = d["lon"].astype("Float64")
    d.loc[11, "lon"] = pd.NA
    d.loc[30:44, "lat"] = np.nan  # (a partition of no usable point)
    d["n"] = pd.array(range(N), dtype="Int64")
    d.loc[2, "n"] = pd.NA
    d["b"] = pd.array([True, False, None] * (N // 3), dtype="boolean")
    d["s"] = pd.array(["a", None, "c"] * (N // 3), dtype="string")
    return d, {"time_col": "ts"}


def _zoned(zone):
    def make():
        d = _fixes()
        d["ts"] = d["ts"].dt.tz_localize(zone)
        d.loc[4, "ts"] = pd.NaT
        d.loc[15:29, "ts"] = pd.NaT  # (a partition of no time)
        d["seen"] = d["ts"].dt.tz_convert("Europe/London")  # (another zoned column, kept as it is)
        return d, {"time_col": "ts"}

    make.__name__ = f"_zoned_{zone}"
    return make


def _naive():
    return _fixes(), {"time_col": "ts"}


def _categorical():
    d = _fixes()
    d["vehicle"] = d["vehicle"].astype("category")
    d["label"] = pd.Categorical(["x", "y", None, "x"] * (N // 4))
    d["k"] = pd.Categorical([1, 2, 3, None] * (N // 4), ordered=True)
    return d, {"time_col": "ts"}


def _named_index():
    d = _fixes()
    d.index = pd.Index(np.arange(N) * 3 + 7, name="rowid")
    return d, {"time_col": "ts"}


def _unnamed_index():
    d = _fixes()
    d.index = pd.Index(np.arange(N)[::-1])  # (stored as __index_level_0__)
    return d, {}


def _range_index():
    d = _fixes()
    d.index = pd.RangeIndex(100, 100 + 2 * N, 2)  # (stored as no column)
    return d, {"time_col": "ts"}


def _gcj02():
    return _fixes(), {"crs": "gcj02", "time_col": "ts"}


def _epoch_seconds():
    d = _fixes()
    d["ts"] = d["ts"].dt.tz_localize("Asia/Shanghai").astype("int64") // 10**9
    return d, {"time_col": "ts", "time_unit": "s"}


def _text_times():
    d = _fixes()
    d["ts"] = d["ts"].astype(str)
    d.loc[6, "ts"] = "not a time"
    return d, {"time_col": "ts"}


def _vehicle_numbers():
    d = _fixes()
    d["vehicle"] = pd.array([i % 3 if i % 11 else None for i in range(N)], dtype="Int64")
    return d, {"time_col": "ts"}


def _no_rows():
    return _fixes().iloc[:0], {"time_col": "ts"}


def _own_status():
    d = _fixes()
    d["status"] = "mine"  # the input's own columns of the job's names: the job's are status_2, in_core_2
    d["in_core"] = True
    return d, {"time_col": "ts"}


def _geoparquet():
    geopandas = pytest.importorskip("geopandas")
    d = _fixes()
    points = geopandas.points_from_xy(d["lon"].fillna(0), d["lat"].clip(-90, 90))
    g = geopandas.GeoDataFrame(d.drop(columns=["lon", "lat"]), geometry=points, crs="EPSG:4326")
    g.index = pd.Index(np.arange(N) + 1000, name="fix")
    return g, {"time_col": "ts"}


CASES = [
    _nullable,
    _zoned("Asia/Shanghai"),
    _zoned("UTC"),
    _zoned("America/New_York"),
    _naive,
    _categorical,
    _named_index,
    _unnamed_index,
    _range_index,
    _gcj02,
    _epoch_seconds,
    _text_times,
    _vehicle_numbers,
    _no_rows,
    _own_status,
    _geoparquet,
]


def _same_tables(local, dask, parts: int) -> None:
    assert dask.column_names == local.column_names
    for field in local.schema:
        assert dask.schema.field(field.name) == field, field.name
        assert dask.schema.field(field.name).metadata == field.metadata, field.name
    ignored = {b"pandas"} if parts > 1 else set()  # (the first part's own rows: compared as pandas reads them)
    metadata = {k: v for k, v in (dask.schema.metadata or {}).items() if k not in ignored}
    assert metadata == {k: v for k, v in (local.schema.metadata or {}).items() if k not in ignored}
    for name in local.column_names:
        assert dask.column(name).to_pylist() == local.column(name).to_pylist(), name


def _summary(report, *ignored: str) -> dict:
    return {k: v for k, v in report.to_dict().items() if k not in ("input", "output", *ignored)}


@pytest.mark.slow
@pytest.mark.parametrize("make", CASES, ids=lambda c: c.__name__.strip("_"))
def test_the_dask_locate_engine_writes_what_the_local_engine_writes(tmp_path, model, dask_scheduler, make):
    frame, options = make()
    src = tmp_path / "in.parquet"
    frame.to_parquet(src, row_group_size=15)
    local = locate_file(model, src, tmp_path / "local.parquet", **options)
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=dask_scheduler, partition_size=1, **options)
    parts = len(list((tmp_path / "dask").iterdir()))
    _same_tables(pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "dask"), parts)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), pd.read_parquet(tmp_path / "local.parquet"))
    assert _summary(dask) == _summary(local)


@pytest.mark.slow
@pytest.mark.parametrize("make", CASES, ids=lambda c: c.__name__.strip("_"))
def test_the_dask_events_engine_finds_what_the_local_engine_finds(tmp_path, model, dask_scheduler, make):
    frame, options = make()
    options = {k: v for k, v in options.items() if k in ("crs", "time_unit")}
    src = tmp_path / "in.parquet"
    frame.to_parquet(src, row_group_size=15)
    local = events_file(model, src, tmp_path / "local.parquet", summary=tmp_path / "local.csv", **options)
    dask = events_parquet_dask(
        model,
        src,
        tmp_path / "dask",
        summary=tmp_path / "dask.csv",
        scheduler=dask_scheduler,
        partition_size=1,
        **options,
    )
    got, expected = pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet")
    assert got.schema == expected.schema

    def in_order(table):  # (the parts hold the vehicles as the shuffle put them, each in time order)
        keys = ["id", "time", "row_before", "row_after", "event"]
        return table.to_pandas().sort_values(keys, kind="stable").reset_index(drop=True)

    pd.testing.assert_frame_equal(in_order(got), in_order(expected))
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "dask.csv"), pd.read_csv(tmp_path / "local.csv"))
    assert _summary(dask, "partitions") == _summary(local, "partitions")


def test_an_input_with_its_own_status_and_zone_columns_is_counted_by_the_job_s(tmp_path, model, dask_scheduler):
    # the job's columns are status_2 and in_core_2 beside them; the dask summary counted the input's own (every
    # row rejected as "mine", every row in core)
    frame, options = _own_status()
    src = tmp_path / "in.parquet"
    frame.to_parquet(src)
    summary = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=dask_scheduler, **options)
    written = pd.read_parquet(tmp_path / "dask")
    assert summary.rows == N and "mine" not in summary.rejected
    assert dict(summary.rejected) == written.loc[written["status_2"] != "ok", "status_2"].value_counts().to_dict()
    assert summary.inside["core"] == int(written["in_core_2"].fillna(False).sum()) < N
