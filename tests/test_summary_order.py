"""Statuses of as many rows are listed in one order by both engines (:func:`avzone.batch.by_status`): in the
summary's text and in ``--json``'s ``rows_by_status`` and ``examples_by_status``, of ``avzone locate`` and
``avzone events`` alike, whatever order each engine met them in."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.batch import by_status, locate_file
from avzone.tracks import events_file

pytest.importorskip("distributed")

from avzone.distributed import events_parquet_dask, locate_parquet_dask  # (after the skip)

PART = 10  # rows in a row group, each a partition of the dask engine (partition_size=1)
LON, LAT = "lon not a number", "lat not a number"


def _tied(path) -> None:
    """Fixes of 2 vehicles in Beijing, as text, in row groups of :data:`PART` rows: a latitude that is no number in
    row 1 (vehicle v1), longitudes that are none in rows 2 and 4 (v0: the first row group has more of them),
    another such latitude in row 12 (v0: that vehicle has more of them too): two rows of each status in all."""
    n = 3 * PART
    lon, lat = [f"{116.3 + 0.01 * i:.2f}" for i in range(n)], [f"{39.8 + 0.005 * i:.3f}" for i in range(n)]
    lat[1], lon[2], lon[4], lat[12] = "abc", "x1", "x2", "def"
    frame = pd.DataFrame(
        {
            "vehicle": [f"v{i % 2}" for i in range(n)],
            "ts": pd.Timestamp("2024-10-18 06:00") + pd.to_timedelta(range(0, 60 * n, 60), unit="s"),
            "lon": lon,
            "lat": lat,
        }
    )
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=PART)


def _same(local, dask, *ignored: str) -> None:
    """The two summaries say the same, in both languages, but for the names of their outputs: their JSON too, key
    for key in the same order."""
    drop = ("output", *ignored)
    said = [json.dumps({k: v for k, v in r.to_dict().items() if k not in drop}) for r in (dask, local)]
    assert said[0] == said[1]
    for key in ("rows_by_status", "examples_by_status"):  # (dicts compare equal in any order: their orders too)
        assert list(dask.to_dict()[key]) == list(local.to_dict()[key]) == [LAT, LON]
    for lang in ("en", "zh"):
        said = [dask.text(lang).replace(str(dask.output), "OUT"), local.text(lang).replace(str(local.output), "OUT")]
        assert said[0] == said[1]
        assert said[0].index("lat not a number") < said[0].index("lon not a number")


def test_by_status_lists_the_most_rows_first_then_by_text():
    assert by_status({"missing lon": 2, "lat out of range [-90, 90]": 2, "missing time": 5, "a": 1}) == [
        ("missing time", 5),
        ("lat out of range [-90, 90]", 2),
        ("missing lon", 2),
        ("a", 1),
    ]


def test_both_engines_list_statuses_of_as_many_rows_alike(tmp_path, model, scheduler):
    src = tmp_path / "tied.parquet"
    _tied(src)
    local = locate_file(model, src, tmp_path / "local.parquet", time_col="ts")
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1, time_col="ts")
    assert dict(local.rejected) == dict(dask.rejected) == {LAT: 2, LON: 2}
    _same(local, dask)
    local = events_file(model, src, tmp_path / "local_events.parquet")
    dask = events_parquet_dask(model, src, tmp_path / "dask_events", scheduler=scheduler, partition_size=1)
    assert dict(local.rejected) == dict(dask.rejected) == {LAT: 2, LON: 2}
    dask.partitions = local.partitions  # (the one thing the engines say apart: how many partitions the work took)
    _same(local, dask, "partitions")
