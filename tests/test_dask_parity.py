"""The dask engines' output equals the local engines' for the same Parquet file, over inputs of many shapes.

Each input is one Parquet file of row groups of 15 rows, read by the dask engines in partitions of one row group
(``partition_size=1``): the rows, their order, the index labels pandas reads, every column and its type, field
and schema metadata, the row statuses, zones and ``in_force``; the events and the vehicles' summary (its bytes);
and the job's summary or report. The schema's pandas metadata of the first part describes that part's rows (each
part's own share of a ``RangeIndex``): it is compared through the index pandas reads. A folder of parts (one of
them empty) is compared with the local job's reading of one file of every part.

The engines run on a cluster of two single-threaded workers in this process (the work is the same as on worker
processes, which tests/test_distributed.py runs): the whole file runs in well under a minute.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.tracks import events_file

pytest.importorskip("distributed")

from fsspec.implementations.local import LocalFileSystem

from avzone.distributed import events_parquet_dask, hive_partitioning, locate_parquet_dask  # (after the skip)

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


def _text_formats():
    # text times in several formats, one in each partition (ISO with a T and an offset, day first), and bad ones
    d = _fixes()
    d["ts"] = d["ts"].dt.strftime("%Y-%m-%d %H:%M:%S")
    d.loc[15:29, "ts"] = pd.to_datetime(d.loc[15:29, "ts"]).dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")
    d.loc[30:44, "ts"] = pd.to_datetime(d.loc[30:44, "ts"]).dt.strftime("%d/%m/%Y %H:%M")
    d.loc[40, "ts"], d.loc[41, "ts"], d.loc[50, "ts"] = "2024-13-45 99:00", None, ""
    return d, {"time_col": "ts"}


def _text_coordinates():
    d = _fixes()
    d["lon"], d["lat"] = d["lon"].astype(str), d["lat"].astype(str)
    d.loc[12, "lon"], d.loc[28, "lat"], d.loc[47, "lon"] = "abc", "", None
    return d, {"time_col": "ts"}


def _float32():
    d = _fixes()
    d["lon"], d["lat"] = d["lon"].astype("float32"), d["lat"].astype("float32")
    return d, {"time_col": "ts"}


def _bd09():
    return _fixes(), {"crs": "bd09", "time_col": "ts"}


def _first_partitions_unusable():
    d = _fixes()
    d.loc[:29, "lon"] = np.nan  # (the first two partitions: no point)
    return d, {"time_col": "ts"}


def _point_pairs():
    # the points as lon,lat text in a column found by its name (Amap's location), bad cells among them
    d = _fixes()
    d["location"] = [f"{x},{y}" for x, y in zip(d.pop("lon"), d.pop("lat"))]
    d.loc[12, "location"], d.loc[28, "location"], d.loc[33, "location"] = "abc", "", None
    d.loc[47, "location"] = "116.5;39.79"
    return d, {"time_col": "ts"}


def _point_wkt():
    # the points as WKT in a column given by point_col: EWKT, another SRID, another type, unreadable text, empty
    d = _fixes()
    d["pos"] = [f"SRID=4326;POINT ({x} {y})" for x, y in zip(d.pop("lon"), d.pop("lat"))]
    d.loc[16, "pos"], d.loc[20, "pos"] = "SRID=3857;POINT (12958000 4838000)", "LINESTRING (116 39, 117 40)"
    d.loc[31, "pos"], d.loc[46, "pos"], d.loc[52, "pos"] = "POINT (116.5", "", "POINT (116.4 39.9)"
    return d, {"time_col": "ts", "point_col": "pos"}


def _dates():
    d = _fixes()
    d["ts"] = d["ts"].dt.date
    return d, {"time_col": "ts"}


def _stray_times():
    d = _fixes()
    d.loc[25, "ts"], d.loc[46, "ts"] = pd.Timestamp("1970-01-01 00:00:05"), pd.Timestamp("2200-01-01")
    return d, {"time_col": "ts"}


def _multi_index():
    d = _fixes()
    d.index = pd.MultiIndex.from_arrays([np.arange(N) % 5, np.arange(N)], names=["a", "b"])
    return d, {"time_col": "ts"}


def _arrow_types():
    # milliseconds, large text and text views, a column declared not null: as Arrow holds them, not pandas
    t = pa.Table.from_pandas(_fixes(), preserve_index=False)
    t = t.set_column(1, "ts", t.column("ts").cast(pa.timestamp("ms")))
    t = t.append_column(pa.field("plate", pa.large_string(), nullable=False), pa.array(["京A"] * N, pa.large_string()))
    t = t.append_column("note", pa.array(["x", None] * (N // 2), pa.string_view()))
    return t, {"time_col": "ts"}


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
    _text_formats,
    _text_coordinates,
    _point_pairs,
    _point_wkt,
    _float32,
    _bd09,
    _first_partitions_unusable,
    _dates,
    _stray_times,
    _multi_index,
    _arrow_types,
]


def _write(frame, src) -> None:
    if isinstance(frame, pa.Table):
        pq.write_table(frame, src, row_group_size=15)
    else:
        frame.to_parquet(src, row_group_size=15)


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
def test_the_dask_locate_engine_writes_what_the_local_engine_writes(tmp_path, model, scheduler, make):
    frame, options = make()
    src = tmp_path / "in.parquet"
    _write(frame, src)
    local = locate_file(model, src, tmp_path / "local.parquet", **options)
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1, **options)
    parts = len(list((tmp_path / "dask").iterdir()))
    _same_tables(pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "dask"), parts)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), pd.read_parquet(tmp_path / "local.parquet"))
    assert _summary(dask) == _summary(local)


#: The cases whose differences are in columns the events jobs read (the id, time and coordinates) or in how
#: they are read: the others (an index, columns of the job's names) bear on the located rows alone.
EVENTS_CASES = [c for c in CASES if c not in (_named_index, _unnamed_index, _own_status, _multi_index)]


@pytest.mark.slow
@pytest.mark.parametrize("make", EVENTS_CASES, ids=lambda c: c.__name__.strip("_"))
def test_the_dask_events_engine_finds_what_the_local_engine_finds(tmp_path, model, scheduler, make):
    frame, options = make()
    options = {k: v for k, v in options.items() if k in ("crs", "time_unit", "point_col")}
    src = tmp_path / "in.parquet"
    _write(frame, src)
    _same_events(model, src, src, tmp_path, scheduler, options)


def _same_events(model, src, local_src, tmp_path, scheduler, options, ignored=()):
    """The events of ``src`` by the dask engine are the local engine's of ``local_src`` (the same rows; the same
    summaries but for ``ignored`` keys): the two summaries."""
    local = events_file(model, local_src, tmp_path / "local.parquet", summary=tmp_path / "local.csv", **options)
    dask = events_parquet_dask(
        model,
        src,
        tmp_path / "dask",
        summary=tmp_path / "dask.csv",
        scheduler=scheduler,
        partition_size=1,
        **options,
    )
    got, expected = pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet")
    assert got.schema == expected.schema

    def in_order(table):  # (the parts hold the vehicles as the shuffle put them, each in time order)
        keys = ["id", "time", "row_before", "row_after", "event", "zone"]
        return table.to_pandas().sort_values(keys, kind="stable").reset_index(drop=True)

    pd.testing.assert_frame_equal(in_order(got), in_order(expected))
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert _summary(dask, "partitions", *ignored) == _summary(local, "partitions", *ignored)
    return local, dask


def test_an_input_with_its_own_status_and_zone_columns_is_counted_by_the_job_s(tmp_path, model, scheduler):
    # the job's columns are status_2 and in_core_2 beside them; the dask summary counted the input's own (every
    # row rejected as "mine", every row in core)
    frame, options = _own_status()
    src = tmp_path / "in.parquet"
    frame.to_parquet(src)
    summary = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, **options)
    written = pd.read_parquet(tmp_path / "dask")
    assert summary.rows == N and "mine" not in summary.rejected
    assert dict(summary.rejected) == written.loc[written["status_2"] != "ok", "status_2"].value_counts().to_dict()
    assert summary.inside["core"] == int(written["in_core_2"].fillna(False).sum()) < N


def _folder_of_parts(tmp_path):
    """A folder of four parts, the second empty, the others of 20, 25 and 15 rows (each vehicle's fixes in three
    of them), beside one file of every part (``whole.parquet``), the local engines' input."""
    d, _ = _nullable()
    pieces = [d.iloc[:20], d.iloc[20:20], d.iloc[20:45], d.iloc[45:]]
    folder = tmp_path / "in"
    folder.mkdir()
    for k, piece in enumerate(pieces):
        piece.reset_index(drop=True).to_parquet(folder / f"part.{k}.parquet", row_group_size=15)
    whole = pa.concat_tables([pq.read_table(folder / f"part.{k}.parquet") for k in range(len(pieces))])
    pq.write_table(
        whole.replace_schema_metadata(pq.read_schema(folder / "part.0.parquet").metadata), tmp_path / "whole.parquet"
    )
    return folder, tmp_path / "whole.parquet"


def test_a_folder_of_parts_one_empty_is_located_as_one_file_of_every_part(tmp_path, model, scheduler):
    folder, whole = _folder_of_parts(tmp_path)
    local = locate_file(model, whole, tmp_path / "local.parquet", time_col="ts")
    dask = locate_parquet_dask(model, folder, tmp_path / "dask", scheduler=scheduler, partition_size=1, time_col="ts")
    got, expected = pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet")
    assert got.schema.remove_metadata() == expected.schema.remove_metadata()
    for name in expected.column_names:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name
    assert _summary(dask) == _summary(local)


def test_a_folder_of_parts_one_empty_has_the_events_of_one_file_of_every_part(tmp_path, model, scheduler):
    folder, whole = _folder_of_parts(tmp_path)
    _same_events(model, folder, whole, tmp_path, scheduler, {})


def test_both_events_engines_name_the_time_column_refusing_its_unit(tmp_path, model, scheduler):
    # epoch seconds given as milliseconds: the local engine named its own table's column ("time: the epoch times
    # read as ms ..."), not the input's ("ts"), which the dask engine named
    d = _fixes()
    d["ts"] = d["ts"].dt.tz_localize("Asia/Shanghai").map(lambda t: int(t.timestamp()))
    src = tmp_path / "in.parquet"
    d.to_parquet(src, row_group_size=15)
    with pytest.raises(InputError) as local:
        events_file(model, src, tmp_path / "local.parquet", time_unit="ms")
    with pytest.raises(InputError) as dask:
        events_parquet_dask(model, src, tmp_path / "dask", time_unit="ms", scheduler=scheduler, partition_size=1)
    assert str(local.value) == str(dask.value)
    assert str(local.value).startswith(f"{src}: ts: the epoch times read as ms all fall in 1970")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def test_a_late_part_that_cannot_be_read_leaves_no_events_nor_summary(tmp_path, model, scheduler):
    # the parts of the partitions before it written, the job stops naming the part: no folder that looks complete,
    # no summary, no temporary file beside them
    folder, _ = _folder_of_parts(tmp_path)
    last = folder / "part.3.parquet"
    data = bytearray(last.read_bytes())
    start = pq.read_metadata(last).row_group(0).column(2).data_page_offset
    data[start : start + 40] = b"\xff" * 40  # (the footer intact: read on a worker)
    last.write_bytes(bytes(data))
    with pytest.raises(InputError) as err:
        events_parquet_dask(
            model, folder, tmp_path / "dask", summary=tmp_path / "s.csv", scheduler=scheduler, partition_size=1
        )
    assert str(err.value).startswith(f"{last}: cannot read as Parquet (")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "whole.parquet"]


@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_damaged_row_group_of_a_file_split_into_partitions_is_named_by_its_rows(tmp_path, model, scheduler, job):
    # a file Dask reads as several partitions, one row group unreadable: the message named the file alone (the
    # local engine's too), not where in it; the rows and the row group now, in English and Chinese
    from avzone.i18n import error_text

    src = tmp_path / "in.parquet"
    _fixes().to_parquet(src, row_group_size=15, compression=None)
    data = bytearray(src.read_bytes())
    start = pq.read_metadata(src).row_group(2).column(2).data_page_offset
    data[start : start + 40] = b"\xff" * 40
    src.write_bytes(bytes(data))
    run = locate_parquet_dask if job == "locate" else events_parquet_dask
    with pytest.raises(InputError) as err:
        run(model, src, tmp_path / "out", scheduler=scheduler, partition_size=1)
    said = str(err.value)
    assert said.startswith(f"{src}: cannot read as Parquet (") and "\n" not in said
    assert said.endswith(
        ") in rows 31-45 of the file (row group 2; rows counted from 1, row groups from 0); the file is damaged or "
        "cut short: copy it again, or write it again from its source"
    )
    zh = error_text(err.value, "zh")
    assert zh.startswith(f"{src}：无法按 Parquet 读取（") and "在文件的第 31-45 行（行组 2；" in zh
    assert zh.endswith("；文件已损坏或不完整：请重新复制，或从其来源重新写出")
    # the single-process engine says the same, word for word (it had the hint, the dask engine had not)
    local_run = locate_file if job == "locate" else events_file
    with pytest.raises(InputError) as local:
        local_run(model, src, tmp_path / "local.parquet")
    assert str(local.value) == said and error_text(local.value, "zh") == zh
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def _both_refuse(model, src, tmp_path, job, scheduler):
    """The refusals (pytest ExceptionInfo) of the single-process and the dask file job ``job`` of ``src``."""
    local_run, dask_run = (locate_file, locate_parquet_dask) if job == "locate" else (events_file, events_parquet_dask)
    with pytest.raises(InputError) as local:
        local_run(model, src, tmp_path / "local.parquet")
    with pytest.raises(InputError) as dask:
        dask_run(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1)
    return local, dask


@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_file_whose_footer_cannot_be_read_is_said_alike_by_both_engines(tmp_path, model, scheduler, job):
    # the single-process engine said "cannot read the file (...)", the dask engine "cannot read as Parquet (...)":
    # one wording now, with what to do, in English and Chinese; the footer found (it ends with PAR1) but damaged
    from avzone.i18n import error_text

    src = tmp_path / "in.parquet"
    _fixes().to_parquet(src, row_group_size=15)
    data = src.read_bytes()
    src.write_bytes(data[:-200] + b"\xff" * 192 + data[-8:])  # (its length and magic bytes intact)
    local, dask = _both_refuse(model, src, tmp_path, job, scheduler)
    said = str(local.value)
    assert said == str(dask.value) and "\n" not in said
    assert said.startswith(f"{src}: cannot read as Parquet (")
    assert said.endswith(
        "); its footer (the metadata at the end of the file) is damaged: copy it again, or write it again from its "
        "source"
    )
    zh = error_text(local.value, "zh")
    assert zh == error_text(dask.value, "zh") and zh.startswith(f"{src}：无法按 Parquet 读取（")
    assert zh.endswith("）；其文件尾（文件末尾的元数据）已损坏：请重新复制，或从其来源重新写出")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


@pytest.mark.parametrize("cut", ["a Parquet file cut short", "PAR1 and text", "PAR1 alone"])
@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_file_that_begins_as_parquet_but_has_no_footer_is_said_cut_short_by_both_engines(
    tmp_path, model, scheduler, job, cut
):
    # it begins with PAR1 but does not end with it, as every Parquet file does after its footer: not "damaged or cut
    # short" with pyarrow's reason ("magic bytes not found in footer", "smaller than the minimum file footer"), but
    # what was found, a file cut short (an interrupted copy), in both engines, in English and Chinese
    from avzone.i18n import error_text

    src = tmp_path / "in.parquet"
    _fixes().to_parquet(src, row_group_size=15)
    contents = {
        "a Parquet file cut short": src.read_bytes()[:-100],
        "PAR1 and text": b"PAR1 fixes of 18 October\n",
        "PAR1 alone": b"PAR1",
    }
    src.write_bytes(contents[cut])
    local, dask = _both_refuse(model, src, tmp_path, job, scheduler)
    assert (
        str(local.value)
        == str(dask.value)
        == (
            f"{src}: not a complete Parquet file (it begins with the bytes PAR1, as every Parquet file does, but does "
            "not end with them: it has no Parquet footer, the file cut short, such as by an interrupted copy or "
            "write); copy it again, or write it again from its source"
        )
    )
    assert (
        error_text(local.value, "zh")
        == error_text(dask.value, "zh")
        == (
            f"{src}：不是完整的 Parquet 文件（它以每个 Parquet 文件开头都有的字节 PAR1 开头，却不以它们结尾："
            "没有 Parquet 文件尾，文件不完整，例如复制或写出被中断）；请重新复制，或从其来源重新写出"
        )
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def test_a_part_cut_short_in_a_folder_is_said_cut_short(tmp_path, model, scheduler):
    # a folder's part that begins as Parquet and has no footer: named, cut short, as a file given alone
    folder, _ = _folder_of_parts(tmp_path)
    last = folder / "part.3.parquet"
    last.write_bytes(last.read_bytes()[:-50])
    with pytest.raises(InputError) as err:
        locate_parquet_dask(model, folder, tmp_path / "dask", scheduler=scheduler, partition_size=1)
    assert str(err.value).startswith(f"{last}: not a complete Parquet file (it begins with the bytes PAR1")
    assert str(err.value).endswith("); copy it again, or write it again from its source")


@pytest.mark.parametrize(
    ("content", "start_en", "start_zh"),
    [
        (b"ts,lon,lat\n2024-10-18 08:00:00,116.5,39.79\n", "the text 'ts,lon,lat', like a CSV file's header line",
         "像 CSV 文件表头行的文本 'ts,lon,lat' "),
        (b"\xef\xbb\xbf# fixes of 18 October\n", "the text '# fixes of 18 October'", "文本 '# fixes of 18 October' "),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "the bytes 50 4B 03 04 14 00 06 00", "字节 50 4B 03 04 14 00 06 00 "),
    ],
)  # fmt: skip
@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_file_that_is_not_parquet_is_said_so_alike_by_both_engines(
    tmp_path, model, scheduler, job, content, start_en, start_zh
):
    # a CSV file named .parquet was "cannot read as Parquet (Parquet magic bytes not found in footer...); the file
    # is damaged or cut short: copy it again", by both engines: not damaged, not Parquet at all; said so, with what
    # it begins with instead, by the rule and words the dask engine has for a folder's stray files
    from avzone.i18n import error_text

    src = tmp_path / "in.parquet"
    src.write_bytes(content)
    local, dask = _both_refuse(model, src, tmp_path, job, scheduler)
    said = str(local.value)
    assert (
        said
        == str(dask.value)
        == (
            f"{src}: not a Parquet file (it does not begin with the bytes PAR1, as every Parquet file does, but with "
            f"{start_en}); if it holds another format, give it that format's extension (.csv, .geojson), or write it "
            "again as Parquet"
        )
    )
    zh = error_text(local.value, "zh")
    assert (
        zh
        == error_text(dask.value, "zh")
        == (
            f"{src}：不是 Parquet 文件（它不以每个 Parquet 文件开头都有的字节 PAR1 开头，而以{start_zh}开头）；"
            "如果它是另一种格式的文件，请给它那种格式的扩展名（.csv、.geojson），或重新写成 Parquet"
        )
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


#: Run as a user who may not read a file chmod 000 made unreadable: root reads it anyway, so, as root, without the
#: capabilities that let root read any file (setpriv); the jobs' refusals printed as JSON, in English and Chinese.
_AS_DENIED = """
import json, sys
import avzone
from avzone.batch import locate_file
from avzone.distributed import events_parquet_dask, locate_parquet_dask
from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.tracks import events_file
src, out, scheduler = sys.argv[1:]
said = []
for run, options in ((locate_file, {}), (locate_parquet_dask, {"scheduler": scheduler}),
                     (events_file, {}), (events_parquet_dask, {"scheduler": scheduler})):
    try:
        run(avzone.load(), src, out + "/" + run.__name__ + ("" if "dask" in run.__name__ else ".parquet"), **options)
        said.append(None)
    except InputError as exc:
        said.append([str(exc), error_text(exc, "zh")])
print(json.dumps(said))
"""


def _refusals_as_denied(src, out, scheduler) -> list:
    """The refusals (English, Chinese) of the local and dask locate jobs, then events jobs, of ``src`` read by a user
    who may not read what chmod made unreadable (a process without root's right to read any file)."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    command = [sys.executable, "-c", _AS_DENIED, str(src), str(out), scheduler]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root reads any file, and setpriv (to run without that right) is missing")
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


PERMISSION = (
    "permission denied: the user running avzone may not read it; give that user permission to read it (chmod; a "
    "folder also needs x), or run avzone as a user who may read it"
)
PERMISSION_ZH = (
    "权限不足：运行 avzone 的用户无权读取它；请给该用户读取权限（chmod；文件夹还需要 x），"
    "或以有权读取它的用户运行 avzone"
)


def test_a_file_the_user_may_not_read_is_said_so_by_both_engines(tmp_path, scheduler):
    # the local engine said "cannot read the file ([Errno 13] Failed to open local file ...)", the dask engine
    # "cannot read as Parquet (...); the file is damaged or cut short": permission denied now, with what to do
    src = tmp_path / "in.parquet"
    _fixes().to_parquet(src)
    (tmp_path / "out").mkdir()
    src.chmod(0)
    try:
        said = _refusals_as_denied(src, tmp_path / "out", scheduler)
    finally:
        src.chmod(0o644)
    assert said == [[f"{src}: {PERMISSION}", f"{src}：{PERMISSION_ZH}"]] * 4
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == []


def test_a_folder_under_the_input_the_user_may_not_list_is_said_so(tmp_path, scheduler):
    # traces/day=2/ not to be listed: Dask's "No files satisfy the `parquet_file_extension` criteria" (its
    # listing found none) with the folder given named; the folder that may not be listed named now, as a file is,
    # by both engines (the local one reads a folder of parts by the dask engines' rules)
    folder = tmp_path / "traces"
    for day in (1, 2):
        (folder / f"day={day}").mkdir(parents=True)
        _fixes().to_parquet(folder / f"day={day}" / "part-0.parquet")
    (tmp_path / "out").mkdir()
    (folder / "day=2").chmod(0)
    try:
        said = _refusals_as_denied(folder, tmp_path / "out", scheduler)
    finally:
        (folder / "day=2").chmod(0o755)
    denied = folder / "day=2"
    assert said[1] == said[3] == [f"{denied}: {PERMISSION}", f"{denied}：{PERMISSION_ZH}"]
    assert said[0] == said[1] and said[2] == said[3]


def test_a_hive_folder_column_null_in_every_folder_is_refused_naming_it(tmp_path, model, scheduler):
    # traces/zone=__HIVE_DEFAULT_PARTITION__/part.parquet alone: pyarrow's "No non-null segments were available for
    # field 'zone'; couldn't infer type" under "cannot read as Parquet (An error occurred while calling the
    # read_parquet method registered to the pandas backend..." (two lines); the column and the folder named now,
    # with what to do, in both dask jobs and both local ones (which read a folder of parts by the same rules)
    from avzone.i18n import error_text

    folder = tmp_path / "traces"
    for day in (1, 2):  # (another folder column, with values: the null one named)
        where = folder / "zone=__HIVE_DEFAULT_PARTITION__" / f"day={day}"
        where.mkdir(parents=True)
        _fixes().iloc[:20].to_parquet(where / "part.parquet")
    for job in ("locate", "events"):
        local, dask = _both_refuse(model, folder, tmp_path, job, scheduler)
        assert str(local.value) == str(dask.value)
        assert str(dask.value) == (
            f"{folder}: the folder column 'zone' is Hive's null value in every folder "
            "(zone=__HIVE_DEFAULT_PARTITION__/), so it has no value to read its type by; move the files out of "
            "those folders, or name the folders by a value"
        )
        assert error_text(dask.value, "zh") == (
            f"{folder}：文件夹列 'zone' 在每个文件夹中都是 Hive 的空值（zone=__HIVE_DEFAULT_PARTITION__/），"
            "没有可据以确定其类型的值；请把文件移出这些文件夹，或以某个值命名文件夹"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["traces"]


@pytest.mark.parametrize(
    "pandas_metadata",
    [b"{not json", b"[1, 2]", b'{"index_columns": ["rowid"]}', "no such index column"],
    ids=["not JSON", "a list", "no columns", "no such index column"],
)
def test_a_file_whose_pandas_metadata_is_not_pandas_own_is_read_as_the_local_engine_reads_it(
    tmp_path, model, scheduler, pandas_metadata
):
    # the local engine reads it (pyarrow does not apply it); the dask engine stopped with Dask's "cannot read as
    # Parquet (Expecting property name enclosed in double quotes...)", a TypeError or a KeyError: read alike now,
    # the metadata kept as it is
    import json

    table = pa.Table.from_pandas(_fixes())
    if pandas_metadata == "no such index column":  # (pandas' own but for an index column the file lacks)
        described = json.loads(table.schema.metadata[b"pandas"])
        pandas_metadata = json.dumps({**described, "index_columns": ["rowid"]}).encode()
    src = tmp_path / "in.parquet"
    _write(table.replace_schema_metadata({b"pandas": pandas_metadata}), src)
    local = locate_file(model, src, tmp_path / "local.parquet")
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler)
    expected = pq.read_table(tmp_path / "local.parquet")
    _same_tables(expected, pq.read_table(tmp_path / "dask"), 1)
    assert expected.schema.metadata[b"pandas"] == pandas_metadata and expected.num_rows == N
    assert _summary(dask) == _summary(local)
    events_file(model, src, tmp_path / "local_events.parquet", time_col="ts")
    events_parquet_dask(model, src, tmp_path / "dask_events", scheduler=scheduler, time_col="ts")
    assert pq.read_table(tmp_path / "dask_events").equals(pq.read_table(tmp_path / "local_events.parquet"))


def test_a_dataset_dask_cannot_read_is_refused_with_the_reason_dask_was_given(tmp_path, model, monkeypatch):
    # what no check before finds (Dask's own refusal): its reason, not Dask's wrapping of it on two lines, and
    # what to do, in English and Chinese
    import avzone.distributed as distributed
    from avzone.i18n import error_text

    def refused(*args, **kwargs):
        try:
            raise ValueError("the reason\non two lines")
        except ValueError as exc:
            raise TypeError(
                "An error occurred while calling the read_parquet method registered to the pandas backend.\n"
                "Original Message: the reason"
            ) from exc

    src = tmp_path / "in.parquet"
    _fixes().to_parquet(src)
    monkeypatch.setattr(distributed, "_read_parquet", refused)
    for run in (locate_parquet_dask, events_parquet_dask):
        with pytest.raises(InputError) as err:
            run(model, src, tmp_path / "dask")
        assert str(err.value) == (
            f"{src}: cannot read as Parquet (the reason; on two lines); check that pyarrow reads it "
            "(pyarrow.parquet.read_table), or write it again from its source"
        )
        assert error_text(err.value, "zh") == (
            f"{src}：无法按 Parquet 读取（the reason; on two lines）；请检查 pyarrow 能否读取它"
            "（pyarrow.parquet.read_table），或从其来源重新写出"
        )


def _hive_folders(tmp_path, keys):
    """The fixes of :func:`_fixes` in hive folders of ``keys`` (name, value) per block of 20 rows (the files lacking
    those columns), beside one file of every part as pyarrow reads the folder by the engines' types of the folders'
    values (:func:`hive_partitioning`; ``whole.parquet``: the folders' columns as their values, not categories),
    the local engines' input."""
    frame = _fixes().drop(columns=[k for k, _ in keys[0] if k in _fixes().columns])
    folder = tmp_path / "traces"
    for block, folders in enumerate(keys):
        where = folder.joinpath(*(f"{k}={v}" for k, v in folders))
        where.mkdir(parents=True)
        piece = frame.iloc[block * 20 : (block + 1) * 20].reset_index(drop=True)
        piece.to_parquet(where / "part-0.parquet", row_group_size=15)
    files = sorted(str(f) for f in folder.rglob("*.parquet"))
    # (as both engines read the folders' values: hive_partitioning; the folders' columns after the files')
    read = pq.read_table(folder, partitioning=hive_partitioning(LocalFileSystem(), files))
    plain = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in read.columns]
    whole = pa.Table.from_arrays(plain, names=read.column_names)
    pq.write_table(whole.replace_schema_metadata(read.schema.metadata), tmp_path / "whole.parquet")
    return folder, tmp_path / "whole.parquet", read


HIVE_KEYS = [
    [("date", "2024-10-18"), ("fleet", "1")],
    [("date", "__HIVE_DEFAULT_PARTITION__"), ("fleet", "__HIVE_DEFAULT_PARTITION__")],  # (Hive's null value)
    [("date", "2024-10-19"), ("fleet", "2")],
]


def test_hive_folders_are_located_as_one_file_of_every_part_their_columns_kept(tmp_path, model, scheduler):
    # traces/date=2024-10-18/fleet=1/part-0.parquet...: every row kept, in pyarrow's order of the folders; the
    # folders' columns kept after the files', with the values and value types pyarrow reads (text, int32; Hive's
    # null folder a null), text as categories (as Dask reads them), numbers plain; the other columns the local
    # job's of one file of every part. A folder of Hive's null value failed the job with "KeyError: None"
    folder, whole, read = _hive_folders(tmp_path, HIVE_KEYS)
    local = locate_file(model, whole, tmp_path / "local.parquet", time_col="ts")
    dask = locate_parquet_dask(model, folder, tmp_path / "dask", scheduler=scheduler, partition_size=1, time_col="ts")
    got, expected = pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet")
    assert got.num_rows == expected.num_rows == N and got.column_names == expected.column_names
    assert got.column_names[4:6] == ["date", "fleet"]
    for name in expected.column_names:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name
        if name == "date":
            assert got.schema.field(name).type == pa.dictionary(pa.int8(), pa.string())
        elif name == "fleet":
            assert got.schema.field(name).type == read.schema.field(name).type == pa.int32()
        else:
            assert got.schema.field(name).type == expected.schema.field(name).type, name
    assert got.column("date").to_pylist() == ["2024-10-18"] * 20 + ["2024-10-19"] * 20 + [None] * 20
    assert got.column("fleet").to_pylist() == [1] * 20 + [2] * 20 + [None] * 20
    read_back = pd.read_parquet(tmp_path / "dask")
    assert isinstance(read_back["date"].dtype, pd.CategoricalDtype) and read_back["date"].isna().sum() == 20
    pd.testing.assert_series_equal(read_back["fleet"], pd.read_parquet(tmp_path / "local.parquet")["fleet"])
    assert _summary(dask) == _summary(local)


HIVE_TEXT_KEYS = [
    [("zone", "01"), ("code", "+7"), ("tag", "2024-06-01"), ("fleet", "7")],
    [("zone", "02"), ("code", "-0"), ("tag", "__HIVE_DEFAULT_PARTITION__"), ("fleet", "-12")],  # (Hive's null)
    [("zone", "3"), ("code", "007"), ("tag", "1e3"), ("fleet", "0")],
]


def test_hive_folder_values_are_read_as_integers_only_where_each_is_the_text_of_one(tmp_path, model, scheduler):
    # zone=01/code=+7/...: pyarrow's inference read 01 as the integer 1, 02 as 2, +7 as 7, -0 as 0, 007 as 7 (a
    # column of integers where every value parses as one), changing the folders' text silently; a column is
    # integers only where every value is an integer's canonical text (fleet), else text as the folders name it
    # (zone: some canonical, some not), in both engines: the same rows, values and types
    folder, whole, _ = _hive_folders(tmp_path, HIVE_TEXT_KEYS)
    assert pq.read_table(folder).column("zone").to_pylist()[0] == 1  # (pyarrow's inference: not the text)
    local = locate_file(model, whole, tmp_path / "local.parquet", time_col="ts")
    dask = locate_parquet_dask(model, folder, tmp_path / "dask", scheduler=scheduler, partition_size=1, time_col="ts")
    got, expected = pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet")
    assert got.num_rows == expected.num_rows == N and got.column_names == expected.column_names
    assert got.column_names[4:8] == ["zone", "code", "tag", "fleet"]
    for name in expected.column_names:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name
        held = got.schema.field(name).type
        if name in ("zone", "code", "tag"):  # text: categories in Dask's parts, as for any text folder
            assert held.value_type == expected.schema.field(name).type == pa.string(), name
        else:
            assert held == expected.schema.field(name).type, name
    assert expected.schema.field("fleet").type == pa.int32()
    assert {name: got.column(name).to_pylist()[::20] for name in ("zone", "code", "tag", "fleet")} == {
        "zone": ["01", "02", "3"],
        "code": ["+7", "-0", "007"],
        "tag": ["2024-06-01", None, "1e3"],
        "fleet": [7, -12, 0],
    }
    read_back = pd.read_parquet(tmp_path / "dask")
    assert read_back["zone"].iloc[0] == "01" and read_back["tag"].isna().sum() == 20
    pd.testing.assert_series_equal(read_back["fleet"], pd.read_parquet(tmp_path / "local.parquet")["fleet"])
    assert _summary(dask) == _summary(local)


HIVE_WIDE_KEYS = [
    [("vehicle", "10000000000"), ("big", "9223372036854775807"), ("huge", "9223372036854775808")],
    [("vehicle", "10000000001"), ("big", "__HIVE_DEFAULT_PARTITION__"), ("huge", "-9223372036854775809")],
    [("vehicle", "20000000000"), ("big", "-9223372036854775808"), ("huge", "1")],
]


def test_hive_folder_integers_beyond_int32_are_int64_in_both_engines(tmp_path, model, scheduler):
    # vehicle=10000000000/...: pyarrow's inference read int32 and fell back to text ("10000000000"), so ids
    # joined their input as text; integers int64 holds are int64 (vehicle, big: its extremes), those it does not
    # hold text as the folders name them (huge), in both engines: the same rows, values and types (the folders
    # in the order of their names: the one of their values too)
    folder, whole, read = _hive_folders(tmp_path, HIVE_WIDE_KEYS)
    assert pa.types.is_dictionary(pq.read_table(folder).schema.field("vehicle").type)  # (pyarrow's: text)
    assert read.schema.field("vehicle").type == read.schema.field("big").type == pa.int64()
    local = locate_file(model, whole, tmp_path / "local.parquet", time_col="ts")
    dask = locate_parquet_dask(model, folder, tmp_path / "dask", scheduler=scheduler, partition_size=1, time_col="ts")
    got, expected = pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet")
    assert got.num_rows == expected.num_rows == N and got.column_names == expected.column_names
    for name in expected.column_names:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name
        held = got.schema.field(name).type
        if name == "huge":  # text: categories in Dask's parts, as for any text folder
            assert held.value_type == expected.schema.field(name).type == pa.string(), name
        else:
            assert held == expected.schema.field(name).type, name
    assert expected.schema.field("vehicle").type == expected.schema.field("big").type == pa.int64()
    assert {name: got.column(name).to_pylist()[::20] for name in ("vehicle", "big", "huge")} == {
        "vehicle": [10_000_000_000, 10_000_000_001, 20_000_000_000],
        "big": [2**63 - 1, None, -(2**63)],
        "huge": ["9223372036854775808", "-9223372036854775809", "1"],
    }
    # the column read as text because a value is beyond int64 is said, naming it (the local engine's input, one
    # file of every part, has no folders: no note), once in each dask job, in English and Chinese
    assert _summary(dask, "notes") == _summary(local, "notes")
    _one_hive_wide_note(dask.notes, local.notes, folder)
    (tmp_path / "events").mkdir()  # (the vehicle ids: int64 in both engines' events and summaries)
    local, dask = _same_events(model, folder, whole, tmp_path / "events", scheduler, {}, ["notes"])
    _one_hive_wide_note(dask.notes, local.notes, folder)
    assert pq.read_schema(tmp_path / "events" / "local.parquet").field("id").type == pa.int64()


def _one_hive_wide_note(notes, local_notes, folder):
    """``notes`` are ``local_notes`` and the one note of the column read as text, in English and Chinese."""
    from avzone.i18n import written

    said = [n for n in notes if "hive" in str(n)]
    assert [str(n) for n in said] == [_HIVE_WIDE_NOTE.format(folder=folder)], notes
    assert [str(n) for n in notes if n not in said] == [str(n) for n in local_notes]
    zh = written(said[0], "zh")
    assert "以下 hive 文件夹列按文本读取" in zh and "'huge' (9223372036854775808)" in zh, zh


_HIVE_WIDE_NOTE = (
    "{folder}: hive folder columns read as text, each value as its folder names it, since one of their values is an "
    "integer beyond int64 (-9223372036854775808 to 9223372036854775807), which no integer column holds (a column of "
    "smaller integers is read as integers): 'huge' (9223372036854775808); compare them as text"
)


def test_hive_folders_of_the_vehicle_id_have_the_events_of_one_file_of_every_part(tmp_path, model, scheduler):
    # the id column in the folders' names only (vehicle=v0/...): each row's vehicle as pyarrow reads it
    keys = [[("vehicle", f"v{k}")] for k in (0, 1, 2)]
    folder, whole, _ = _hive_folders(tmp_path, keys)
    _same_events(model, folder, whole, tmp_path, scheduler, {})


@pytest.mark.parametrize("job", ["locate", "events"])
def test_both_engines_refuse_a_point_column_alike(tmp_path, model, job):
    """--point-col's refusals (with --lon-col, naming no column, a column of no points) and the hint at it where
    no column looks like the lon column are the local engine's, before any cluster starts."""
    frame, _ = _point_pairs()
    src = tmp_path / "in.parquet"
    _write(frame.rename(columns={"location": "pos"}), src)
    local = (lambda **o: locate_file(model, src, tmp_path / "l.parquet", **o)) if job == "locate" else (
        lambda **o: events_file(model, src, tmp_path / "l.parquet", **o)
    )  # fmt: skip
    run = locate_parquet_dask if job == "locate" else events_parquet_dask
    for options in ({"point_col": "pos", "lon_col": "pos"}, {"point_col": "nope"}, {"point_col": "vehicle"}, {}):
        with pytest.raises(InputError) as by_local:
            local(**options)
        with pytest.raises(InputError) as by_dask:
            run(model, src, tmp_path / "dask", scheduler="tcp://192.0.2.1:1", **options)
        assert str(by_dask.value) == str(by_local.value), options
    assert "pos may hold the points as text: name the column with point_col=" in str(by_dask.value)
    assert not (tmp_path / "dask").exists()


def test_the_dask_engine_reads_point_col_from_the_command_line(tmp_path, model, scheduler):
    from common import run_cli

    frame, _ = _point_wkt()
    src = tmp_path / "in.parquet"
    _write(frame, src)
    for engine in ("local", "dask"):
        extra = ("--engine", "dask", "--scheduler", scheduler) if engine == "dask" else ()
        out = tmp_path / (engine if engine == "dask" else "local.parquet")
        done = run_cli("locate", "--input", str(src), "--output", str(out), "--point-col", "pos", *extra, "--json")
        assert done.returncode == 0, done.stderr
        assert "points read from column 'pos', which holds WKT points with SRID=4326 (given by --point-col)" in (
            done.stderr
        )
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), pd.read_parquet(tmp_path / "local.parquet"))


def _late_points(first_kind: str):
    """The points as text in ``location`` written only from row 30 on (the first 30 rows: no position), or (``mixed``)
    four lon,lat pairs in the first 15 rows and WKT points after them: the first ten values, six of them WKT."""
    d = _fixes()
    lon, lat = d.pop("lon"), d.pop("lat")
    wkt = [f"POINT ({x} {y})" for x, y in zip(lon, lat)]
    pairs = [f"{x},{y}" for x, y in zip(lon, lat)]
    if first_kind == "late":
        d["location"] = [""] * 30 + pairs[30:]
    else:
        d["location"] = [p if k in (1, 4, 8, 11) else "" for k, p in enumerate(pairs[:15])] + wkt[15:]
    return d


@pytest.mark.parametrize("case", ["late", "mixed", "late_given"])
@pytest.mark.parametrize("job", ["locate", "events"])
def test_both_engines_judge_a_point_column_from_the_same_first_rows(tmp_path, model, scheduler, job, case):
    # the local engine judged a column of points as text from its first chunk (15 rows here), the dask engine from
    # the dataset's first 100,000 rows: a column with no value in its first chunk was not found (or, given, refused)
    # by the local engine alone; one whose first chunk holds pairs and whose next rows WKT was read as pairs by it
    frame = _late_points("late" if case.startswith("late") else case)
    options = {"point_col": "location"} if case == "late_given" else {}
    src = tmp_path / "in.parquet"
    _write(frame, src)
    if job == "locate":
        local = locate_file(model, src, tmp_path / "local.parquet", chunk_rows=15, **options)
        dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1, **options)
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), pd.read_parquet(tmp_path / "local.parquet"))
        assert _summary(dask) == _summary(local)
        kind = "WKT points" if case == "mixed" else "lon,lat text pairs"
        assert f"points read from column 'location', which holds {kind}" in local.text("en")
    else:
        local = events_file(model, src, tmp_path / "local.parquet", chunk_rows=15, **options)
        dask = events_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1, **options)
        got, expected = pq.read_table(tmp_path / "dask"), pq.read_table(tmp_path / "local.parquet")
        assert got.num_rows == expected.num_rows > 0
        assert _summary(dask, "partitions") == _summary(local, "partitions")


def test_a_point_column_whose_values_come_after_the_first_100000_rows_is_judged_alike(tmp_path, model, scheduler):
    # the dask engine looked at the first 100,000 rows, the local engine at its first chunk (a million rows): the
    # column was found by the local engine alone
    n = 120_000
    location = np.full(n, "", dtype=object)
    location[110_000:] = "116.5,39.8"
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": np.arange(n), "location": location}), src, row_group_size=40_000)
    with pytest.raises(InputError) as by_local:
        locate_file(model, src, tmp_path / "local.parquet")
    with pytest.raises(InputError) as by_dask:
        locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler)
    assert str(by_dask.value) == str(by_local.value)
    assert "no column looks like the lon column" in str(by_local.value)
    assert "location may hold the points as text" in str(by_local.value)
    assert "only the file's first 100,000 rows were looked at" in str(by_local.value)


@pytest.mark.parametrize("job", ["locate", "events"])
def test_both_engines_judge_a_file_read_the_wrong_way_round_from_the_same_first_rows(tmp_path, model, scheduler, job):
    # lon and lat swapped after the first 15 rows: the local locate engine judged its first chunk (15 rows here)
    # and located the file, marking rows; the dask engine judged the first 100,000 rows and refused it
    d = _fixes()
    lon, lat = d["lon"].to_numpy().copy(), d["lat"].to_numpy().copy()
    d.loc[15:, "lon"], d.loc[15:, "lat"] = lat[15:], lon[15:]
    src = tmp_path / "in.parquet"
    _write(d, src)
    local = locate_file if job == "locate" else events_file
    dask = locate_parquet_dask if job == "locate" else events_parquet_dask
    with pytest.raises(InputError) as by_local:
        local(model, src, tmp_path / "local.parquet", chunk_rows=15)
    with pytest.raises(InputError) as by_dask:
        dask(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1)
    assert str(by_dask.value) == str(by_local.value)
    assert "do with the columns swapped" in str(by_local.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def test_both_engines_name_each_zone_by_its_chinese_title_in_a_chinese_summary(tmp_path, model, scheduler):
    # the summary in Chinese named each zone by its id ('1 行在 core 内'), which is no Chinese name of it
    src = tmp_path / "in.parquet"
    _write(_fixes(), src)
    local = locate_file(model, src, tmp_path / "local.parquet")
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, partition_size=1)
    for report in (local, dask):
        zones = [line for line in report.text("zh").splitlines() if "行在" in line]
        titles = [model.layer_info(z).get("title_zh") for z in model.zone_layers]
        assert zones == [f"  {report.inside[z]:,} 行在{t}内" for z, t in zip(model.zone_layers, titles, strict=True)]
        assert [line for line in report.text("en").splitlines() if " inside " in line] == [
            f"  {report.inside[z]:,} inside {z}" for z in model.zone_layers
        ]
