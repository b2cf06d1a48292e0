"""The single-process file jobs' refusals of what they read: a damaged Parquet file named on one line with the rows
and row group that cannot be read (as the dask engine names them), and a refusal of the time column naming the
input file as well as the column, in both engines, in English and Chinese; nothing written either way."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.i18n import error_text
from avzone.tracks import events_file
from tests.common import run_cli

N = 60
HINT = "; the file is damaged or cut short: copy it again, or write it again from its source"
HINT_ZH = "；文件已损坏或不完整：请重新复制，或从其来源重新写出"


def _fixes(n: int = N) -> pd.DataFrame:
    """``n`` fixes of 2 vehicles in Beijing, a minute apart."""
    return pd.DataFrame(
        {
            "vehicle": np.repeat(["a", "b"], n // 2),
            "ts": pd.Timestamp("2024-10-18 06:00") + pd.to_timedelta(np.arange(n), unit="min"),
            "lon": np.linspace(116.30, 116.50, n),
            "lat": np.linspace(39.80, 40.00, n),
        }
    )


def _damaged(src, group: int = 2, row_group_size: int = 15):
    """``src`` written with row groups of ``row_group_size`` rows, the pages of row group ``group`` overwritten
    (the footer intact)."""
    _fixes().to_parquet(src, row_group_size=row_group_size, compression=None)
    data = bytearray(src.read_bytes())
    start = pq.read_metadata(src).row_group(group).column(2).data_page_offset
    data[start : start + 40] = b"\xff" * 40
    src.write_bytes(bytes(data))
    return src


@pytest.mark.parametrize(
    ("job", "output", "extra"),
    [
        ("locate", "out.parquet", ()),
        ("locate", "out.csv", ()),
        ("locate", "out.geojson", ()),
        ("events", "out.parquet", ("--summary", "s.csv", "--annotate", "a.parquet")),
    ],
)
def test_a_damaged_row_group_is_named_by_its_rows_on_one_line_and_nothing_is_written(tmp_path, job, output, extra):
    # was: "f.parquet: cannot read the file (Couldn't deserialize thrift: ...\nDeserializing page header failed.\n)",
    # over three lines, naming no rows
    src = _damaged(tmp_path / "f.parquet")
    extra = tuple(str(tmp_path / e) if "." in e else e for e in extra)
    args = (job, "--input", str(src), "--output", str(tmp_path / output), *extra)
    en = run_cli(*args)
    assert en.returncode == 2
    said = en.stderr.removeprefix("avzone: error: ").removesuffix("\n")
    assert "\n" not in said, en.stderr
    assert said.startswith(f"{src}: cannot read as Parquet (Couldn't deserialize thrift")
    assert said.endswith(") in rows 31-45 of the file (row group 2; rows counted from 1, row groups from 0)" + HINT)
    zh = run_cli("--lang", "zh", *args)
    assert zh.returncode == 2 and zh.stderr.count("\n") == 1, zh.stderr
    assert f"{src}：无法按 Parquet 读取（" in zh.stderr
    assert zh.stderr.endswith("），在文件的第 31-45 行（行组 2；行从 1 数起，行组从 0 数起）" + HINT_ZH + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.parquet"]  # no output, no temporary file


@pytest.mark.parametrize("chunk_rows", [7, 20, 100])
def test_the_row_group_named_is_the_damaged_one_whatever_the_chunks(tmp_path, model, chunk_rows):
    # pyarrow's batches run across row groups: the group is the one of those the failed batch reads that cannot be
    # read, not the one the batch starts in (rows 29-35 start in row group 1, rows 21-40 in row group 1)
    src = _damaged(tmp_path / "f.parquet")
    for run in (locate_file, events_file):
        dst = tmp_path / "out.csv"
        with pytest.raises(InputError) as err:
            run(model, src, dst, chunk_rows=chunk_rows)
        assert ") in rows 31-45 of the file (row group 2; " in str(err.value), str(err.value)
        assert "在文件的第 31-45 行（行组 2；" in error_text(err.value, "zh")
        assert not dst.exists()


def test_a_damaged_file_of_one_row_group_is_named_alone(tmp_path, model):
    # all its rows are the row group: the file named, pyarrow's reason on one line and what to do
    src = _damaged(tmp_path / "f.parquet", group=0, row_group_size=N)
    with pytest.raises(InputError) as err:
        locate_file(model, src, tmp_path / "out.parquet")
    said = str(err.value)
    assert said.startswith(f"{src}: cannot read as Parquet (") and said.endswith(")" + HINT)
    assert "\n" not in said and " in rows " not in said
    assert error_text(err.value, "zh").endswith("）" + HINT_ZH)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.parquet"]


def _times(kind: str):
    """A time column and the --time-unit its refusal is given with (None: none)."""
    seconds = np.arange(N, dtype=np.int64) * 60 + 1_729_202_400  # 2024-10-18 06:00 Beijing time, in seconds
    if kind == "seconds as ms":
        return pa.array(seconds), "ms"
    if kind == "ms as seconds":
        return pa.array(seconds * 1000), "s"
    if kind == "float32":
        return pa.array(seconds.astype(np.float32)), "s"
    if kind == "times of day":
        return pa.array([dt.time(8, k % 60) for k in range(N)], pa.time64("us")), None
    if kind == "datetimes made from seconds as ns":
        return pa.array(seconds.astype("datetime64[ns]")), None
    raise AssertionError(kind)


KINDS = ["seconds as ms", "ms as seconds", "float32", "times of day", "datetimes made from seconds as ns"]
STARTS = {
    "seconds as ms": ("ts: the epoch times read as ms all fall in 1970", "ts：按 ms 读取的纪元时间全部落在 1970 年"),
    "ms as seconds": ("ts: the epoch times read as s all fall after the year 2189", "ts：按 s 读取的纪元时间全部落在"),
    "float32": ("ts: the times are float32 numbers", "ts：时间是 float32 数字"),
    "times of day": ("ts: the column holds times of day without dates", "ts：该列是不带日期的时刻"),
    "datetimes made from seconds as ns": ("ts: the datetimes all fall in 1970", "ts：日期时间全部落在 1970 年"),
}


def _input(tmp_path, kind):
    times, unit = _times(kind)
    frame = _fixes()
    src = tmp_path / "fixes.parquet"
    table = pa.Table.from_pandas(frame.drop(columns="ts"), preserve_index=False).append_column("ts", times)
    pq.write_table(table, src, row_group_size=20)
    return src, unit


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("job", ["locate", "events"])
def test_a_refused_time_column_is_named_with_its_file(tmp_path, kind, job):
    # the column was named alone ("ts: the epoch times read as ms ..."): which file's, with several inputs?
    src, unit = _input(tmp_path, kind)
    out = tmp_path / "out.csv"
    args = [job, "--input", str(src), "--output", str(out), "--time-col", "ts"]
    args += ["--time-unit", unit] if unit else []
    en = run_cli(*args)
    en_start, zh_start = STARTS[kind]
    assert en.returncode == 2 and en.stderr.startswith(f"avzone: error: {src}: {en_start}"), en.stderr
    zh = run_cli("--lang", "zh", *args)
    assert zh.returncode == 2 and f"{src}：{zh_start}" in zh.stderr, zh.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.parquet"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("job", ["locate", "events"])
def test_the_dask_engine_names_the_file_of_a_refused_time_column(tmp_path, model, scheduler, kind, job):
    # the dask engine named the column alone too (its events job "times", not "ts", for datetimes made with too
    # fine a unit): both engines now say the same, naming the file
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    src, unit = _input(tmp_path, kind)
    options = {"time_col": "ts"} if job == "locate" else {}
    local_job, dask_job = (locate_file, locate_parquet_dask) if job == "locate" else (events_file, events_parquet_dask)
    with pytest.raises(InputError) as local:
        local_job(model, src, tmp_path / "local.parquet", time_unit=unit, **options)
    with pytest.raises(InputError) as dask:
        dask_job(model, src, tmp_path / "dask", time_unit=unit, scheduler=scheduler, partition_size=1, **options)
    en_start, zh_start = STARTS[kind]
    assert str(dask.value) == str(local.value) and str(local.value).startswith(f"{src}: {en_start}")
    assert error_text(dask.value, "zh") == error_text(local.value, "zh")
    assert error_text(local.value, "zh").startswith(f"{src}：{zh_start}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.parquet"]


def test_read_fixes_names_a_refused_time_column_as_the_file_jobs_do(tmp_path, model):
    # read_fixes (avzone map --track) built its prefix by hand, "{file}: {column}": in Chinese an ASCII colon after
    # the file and a full-width one after the column; now the file named as every file job names it
    from avzone.batch import read_fixes

    src, _ = _input(tmp_path, "times of day")
    with pytest.raises(InputError) as fixes:
        read_fixes(src, model=model)
    with pytest.raises(InputError) as events:
        events_file(model, src, tmp_path / "out.csv")
    en_start, zh_start = STARTS["times of day"]
    assert str(fixes.value) == str(events.value) and str(fixes.value).startswith(f"{src}: {en_start}")
    zh = error_text(fixes.value, "zh")
    assert zh == error_text(events.value, "zh") and zh.startswith(f"{src}：{zh_start}")
    assert ": " not in zh.removeprefix(str(src))  # (one kind of colon)
    said = run_cli("--lang", "zh", "map", "--track", str(src), "--tiles", "none", "-o", str(tmp_path / "map.html"))
    assert said.returncode == 2 and said.stderr == f"avzone: 错误：{zh}\n", said.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixes.parquet"]
