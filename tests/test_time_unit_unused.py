"""A time unit (``time_unit``, ``--time-unit``) that applies to no value was ignored without a word.

A column typed as datetimes (numpy, pandas or Arrow timestamps) has no number the unit could read: the unit is
refused naming the option, the column and its type, before any work, as ``time_unit`` without a time column is.
A column of text may hold numbers; when none of its values is one, the unit was not used, and every entry point
says so in its notes (the library's, the file jobs' summaries on stderr, an HTTP answer's), judging the whole
column: a file's chunks and a Dask job's partitions together.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import refused, run_cli

import avzone
from avzone.batch import locate_file
from avzone.i18n import error_text
from avzone.tracks import events_file
from avzone.zonetime import to_ns, unit_unused_note, unit_use

TEXTS = ["2024-07-01 08:00", "2024-07-01 08:05", "2024-07-01 08:10", "2024-07-01 08:15"]
EPOCH_S = ["1719792000", "1719792300", "1719792600", "1719792900"]  # the same instants, UTC, as text


def _fixes(times: list[str] | pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"vehicle": [7] * 4, "lon": [116.50, 116.51, 116.52, 116.53], "lat": [39.79] * 4, "ts": times})


def _note(option: str, column: str = "ts") -> str:
    return (
        f"{option} was not used: no value of the time column {column!r} is a number (they were read as dates and "
        "times, as without it), and the unit is that of epoch times given as numbers"
    )


def _typed(option: str, column: str, dtype: str) -> str:
    return (
        f"{column}: the column holds datetimes ({dtype}), not numbers, and {option} is the unit of epoch times "
        "given as numbers: it applies to none of them; leave it out"
    )


# -- the column's values counted: numbers, and other values given ---------------------------------------------------


@pytest.mark.parametrize(
    ("values", "counts"),
    [
        (TEXTS, (0, 4)),
        ([*TEXTS[:3], " 1719792900 "], (1, 3)),  # (a number's text, trimmed, as to_ns reads it)
        (pd.Series(["", None, *TEXTS[:2]], dtype="string[pyarrow]"), (0, 2)),  # (blank and missing: not given)
        (pa.array([None, "2024-07-01", "1.7e9"]), (1, 1)),
        (np.array([1719792000, 1719792300]), (2, 0)),
        (pd.Series([1.5, None]), (1, 0)),
        (np.array(["2024-07-01", 1719792000, None, True], dtype=object), (1, 2)),  # (a boolean is no number)
    ],
)
def test_a_columns_numbers_are_counted(values, counts):
    assert unit_use(values) == counts


def test_the_note_is_made_only_for_a_unit_no_value_took():
    assert unit_unused_note("s", "ts", 0, 4) == _note("time_unit='s'")
    assert unit_unused_note(None, "ts", 0, 4) is None  # (no unit given)
    assert unit_unused_note("s", "ts", 1, 3) is None  # (a number: the unit was used)
    assert unit_unused_note("s", "ts", 0, 0) is None  # (no value at all: nothing was read either way)
    note = unit_unused_note("ms", "ts", 0, 4)
    assert note is not None and note.text("zh") == (
        "未使用 time_unit='ms'：时间列 'ts' 中没有一个值是数字（都按日期和时间读取，与不给它时一样），"
        "而该单位只用于以数字给出的纪元时间"
    )


# -- the library ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "times",
    [
        pd.Series(pd.to_datetime(TEXTS), name="ts"),
        pd.Series(pd.to_datetime(TEXTS).tz_localize("Asia/Shanghai"), name="ts"),
        pd.Series(pd.to_datetime(TEXTS), name="ts").astype(pd.ArrowDtype(pa.timestamp("ms"))),
    ],
)
def test_a_datetime_column_with_a_unit_is_refused_by_classify_and_events(model, times):
    dtype = str(times.dtype.pyarrow_dtype) if isinstance(times.dtype, pd.ArrowDtype) else str(times.dtype)
    df = _fixes(times)
    with pytest.raises(avzone.InputError) as err:
        model.classify(df.lon, df.lat, times=df.ts, time_unit="s")
    assert str(err.value) == _typed("time_unit='s'", "times", dtype)  # (as classify's other time refusals)
    with pytest.raises(avzone.InputError) as err:
        model.events(df, time_unit="ms")
    assert str(err.value) == _typed("time_unit='ms'", "time column 'ts'", dtype)
    assert "请去掉它" in error_text(err.value, "zh")
    with pytest.raises(avzone.InputError):
        to_ns(times, "us", "ts")
    # without the unit the column is read as ever
    assert model.classify(df.lon, df.lat, times=df.ts)["in_force"].notna().all()
    assert len(model.events(df).rows) == 4


def test_text_times_with_no_number_are_read_with_a_note(model):
    df = _fixes(TEXTS)
    frame = model.classify(df.lon, df.lat, times=df.ts, time_unit="ms")
    assert frame.attrs["notes"] == [_note("time_unit='ms'")]
    assert frame["in_force"].equals(model.classify(df.lon, df.lat, times=df.ts)["in_force"])  # (read as without)
    ev = model.events(df, time_unit="s")
    assert ev.notes == [_note("time_unit='s'")]
    assert ev.summary.attrs["notes"] == ev.notes
    assert ev.events.equals(model.events(df).events)
    # a number among them: the unit is used, and no note
    mixed = _fixes([*TEXTS[:3], EPOCH_S[3]])
    assert "notes" not in model.classify(mixed.lon, mixed.lat, times=mixed.ts, time_unit="s").attrs
    assert model.events(mixed, time_unit="s").notes == []
    # and none without the unit
    assert model.events(df).notes == []


def test_without_a_unit_the_values_are_not_matched(model, monkeypatch):
    # (counting the numbers matches every text of the column: no cost for the calls that give no unit)
    from avzone import zonetime
    from avzone.service import app as service_app

    def counted(values):
        raise AssertionError("unit_use called without a unit")

    monkeypatch.setattr(zonetime, "unit_use", counted)
    df = _fixes(TEXTS)
    assert "notes" not in model.classify(df.lon, df.lat, times=df.ts).attrs
    assert model.events(df).notes == []
    assert service_app.zonetime.unit_unused(None, "time", df.ts) is None


def test_a_polars_or_arrow_answer_carries_the_note(model):
    table = pa.Table.from_pandas(_fixes(TEXTS), preserve_index=False)
    ev = model.events(table, time_unit="s")
    assert ev.notes == [_note("time_unit='s'")]
    answer = model.classify(table.select(["lon", "lat"]), times=table["ts"], time_unit="s")
    assert _note("time_unit='s'", "times").encode() in answer.schema.metadata[b"notes"]  # (an array has no name)


def test_split_tracks_notes_a_unit_no_time_took(model):
    """split_tracks(time_unit=) said nothing of a unit no time took: its frames carry the note, as model.events'."""
    from avzone.maps import split_tracks

    df = _fixes(TEXTS)
    tracks = split_tracks(model, df, time_unit="s")
    for frame in (tracks.events, tracks.markers, tracks.rows):
        assert frame.attrs["notes"] == [_note("time_unit='s'")]
    assert tracks.rows.attrs["notes"][0].text("zh").startswith("未使用 time_unit='s'：时间列 'ts' 中没有一个值是数字")
    assert tracks.parts.equals(split_tracks(model, df).parts)  # (read as without it)
    assert "notes" not in split_tracks(model, df).rows.attrs
    assert "notes" not in split_tracks(model, _fixes([*TEXTS[:3], EPOCH_S[3]]), time_unit="s").rows.attrs


def test_map_notes_a_unit_no_track_time_took_in_its_legend(model):
    """model.map(tracks=..., time_unit=) was a TypeError: the unit is split_tracks', noted in the legend in the
    map's language; refused with Tracks split already (as tracks_crs=) and without tracks."""
    from avzone.maps import split_tracks

    def legend(fmap) -> str:
        page = fmap.get_root().render()
        data = re.search(r'class="avzone-data"[^>]*>(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
        return html.unescape(json.loads(data)["legend_html"])

    df = _fixes(TEXTS)
    assert _note("time_unit='s'") in legend(model.map(tracks=df, time_unit="s", tiles="none", lang="en"))
    zh = legend(model.map(tracks=df, time_unit="s", tiles="none", lang="zh"))
    assert "未使用 time_unit='s'：时间列 'ts' 中没有一个值是数字" in zh
    assert "was not used" not in legend(model.map(tracks=df, tiles="none"))
    assert "was not used" not in legend(model.map(tracks=_fixes(EPOCH_S), time_unit="s", tiles="none"))
    with pytest.raises(avzone.InputError) as err:
        model.map(tracks=split_tracks(model, df), time_unit="s")
    assert str(err.value).startswith("time_unit='s' is for a DataFrame of fixes")
    assert "split_tracks(time_unit=...)" in error_text(err.value, "zh")
    with pytest.raises(avzone.InputError) as err:
        model.map(time_unit="s")
    assert "give tracks= too" in str(err.value) and "tracks=" in error_text(err.value, "zh")


def test_write_tdrive_warns_of_a_unit_no_time_took(tmp_path):
    from avzone.fleet import write_tdrive

    df = _fixes(TEXTS)
    with pytest.warns(UserWarning) as caught:
        write_tdrive(df, tmp_path / "a", time_unit="s")
    assert [str(w.message) for w in caught] == [_note("time_unit='s'")]
    assert caught[0].message.args[0].text("zh").startswith("未使用 time_unit='s'：时间列 'ts' 中没有一个值是数字")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (no unit, or a number among the times: no warning)
        written = write_tdrive(df, tmp_path / "b")
        write_tdrive(_fixes([*TEXTS[:3], EPOCH_S[3]]), tmp_path / "c", time_unit="s")
    assert [p.read_text() for p in written] == [p.read_text() for p in sorted((tmp_path / "a").iterdir())]


# -- the command line: the local engine -------------------------------------------------------------------------


def test_cli_locate_refuses_a_unit_for_a_timestamp_column(tmp_path):
    src = tmp_path / "p.parquet"
    _fixes(pd.to_datetime(TEXTS)).to_parquet(src)
    dtype = str(pq.read_schema(src).field("ts").type)
    for engine, out in (("local", tmp_path / "out.csv"), ("dask", tmp_path / "parts")):
        err = refused(
            "locate", "--input", str(src), "--output", str(out), "--time-col", "ts", "--time-unit", "ms",
            "--engine", engine,
        )  # fmt: skip
        assert err.strip().endswith(f"{src}: " + _typed("--time-unit ms", "ts", dtype))
        assert not out.exists()


def test_cli_events_refuses_a_unit_for_a_timestamp_column(tmp_path):
    src = tmp_path / "p.parquet"
    _fixes(pd.to_datetime(TEXTS)).to_parquet(src)
    err = refused("events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--time-unit", "s")
    assert err.strip().endswith(f"{src}: " + _typed("--time-unit s", "ts", str(pq.read_schema(src).field("ts").type)))
    err = refused("--lang", "zh", "events", "--input", str(src), "--output", str(tmp_path / "ev.csv"),
                  "--time-unit", "s")  # fmt: skip
    assert "不是数字，而 --time-unit s 是以数字给出的纪元时间的单位" in err


@pytest.mark.parametrize("command", ["locate", "events"])
def test_cli_notes_a_unit_no_text_time_took(tmp_path, command):
    src = tmp_path / "fixes.csv"
    _fixes(TEXTS).to_csv(src, index=False)
    extra = ["--time-col", "ts"] if command == "locate" else []
    out = tmp_path / "out.csv"
    result = run_cli(command, "--input", str(src), "--output", str(out), *extra, "--time-unit", "s", "--json")
    assert result.returncode == 0, result.stderr
    assert f"note: {_note('--time-unit s')}" in result.stderr
    assert _note("--time-unit s") in result.stdout  # (--json's notes)
    result = run_cli("--lang", "zh", command, "--input", str(src), "--output", str(out), *extra, "--time-unit", "s")
    assert "未使用 --time-unit s：时间列 'ts' 中没有一个值是数字" in result.stderr
    result = run_cli(command, "--input", str(src), "--output", str(out), *extra)
    assert result.returncode == 0 and "was not used" not in result.stderr


def test_map_track_refuses_or_notes_the_unit(tmp_path):
    parquet, csv, page = tmp_path / "p.parquet", tmp_path / "fixes.csv", tmp_path / "map.html"
    _fixes(pd.to_datetime(TEXTS)).to_parquet(parquet)
    _fixes(TEXTS).to_csv(csv, index=False)
    err = refused("map", "--track", str(parquet), "--time-unit", "s", "--output", str(page))
    assert f"{parquet}: ts: the column holds datetimes (" in err and "--time-unit s is the unit" in err
    assert not page.exists()
    result = run_cli("map", "--track", str(csv), "--time-unit", "s", "--output", str(page))
    assert result.returncode == 0 and f"note: {_note('--time-unit s')}" in result.stderr
    assert "was not used" not in run_cli("map", "--track", str(csv), "--output", str(page)).stderr


def _halves(tmp_path: Path) -> tuple[Path, Path]:
    """A CSV and a Parquet file (two row groups) of 4,000 fixes whose first half's times are text, the second
    half's epoch seconds as text: a chunk or partition of either half alone has no number, or only numbers."""
    n = 4_000
    start = pd.Timestamp("2024-07-01 08:00")
    stamps = [start + pd.Timedelta(seconds=10 * k) for k in range(n)]
    half = n // 2
    texts = [t.strftime("%Y-%m-%d %H:%M:%S") for t in stamps[:half]]
    numbers = [str(int((t - pd.Timedelta(hours=8)).timestamp())) for t in stamps[half:]]
    df = pd.DataFrame({"vehicle": np.arange(n) // 100, "lon": 116.50 + 1e-5 * np.arange(n), "lat": 39.79,
                       "ts": texts + numbers})  # fmt: skip
    csv, parquet = tmp_path / "halves.csv", tmp_path / "halves.parquet"
    df.to_csv(csv, index=False)
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), parquet, row_group_size=half)
    return csv, parquet


def test_the_file_jobs_judge_the_whole_column_not_a_chunk(model, tmp_path):
    csv, parquet = _halves(tmp_path)
    for src in (csv, parquet):
        summary = locate_file(model, src, tmp_path / "out.csv", time_col="ts", time_unit="s", chunk_rows=1_000)
        assert summary.notes == []
        report = events_file(model, src, tmp_path / "ev.csv", time_unit="s", chunk_rows=1_000)
        assert report.notes == []
    # a column without a number, read in chunks: noted once
    only_text = tmp_path / "text.csv"
    pd.read_csv(csv, dtype={"ts": str}).head(2_000).to_csv(only_text, index=False)
    summary = locate_file(model, only_text, tmp_path / "out.csv", time_col="ts", time_unit="s", chunk_rows=500)
    assert [str(n) for n in summary.notes] == [_note("time_unit='s'")]
    report = events_file(model, only_text, tmp_path / "ev.csv", time_unit="s", chunk_rows=500)
    assert [str(n) for n in report.notes] == [_note("time_unit='s'")]


# -- the Dask engine ----------------------------------------------------------------------------------------------


def test_the_dask_jobs_judge_the_whole_column_not_a_partition(model, tmp_path, scheduler):
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    _, parquet = _halves(tmp_path)
    options = {"time_unit": "s", "scheduler": scheduler, "partition_size": 1}
    summary = locate_parquet_dask(model, parquet, tmp_path / "loc", time_col="ts", **options)
    assert summary.notes == []
    report = events_parquet_dask(model, parquet, tmp_path / "ev", **options)
    assert report.notes == []
    only_text = tmp_path / "text.parquet"
    pq.write_table(pq.read_table(parquet).slice(0, 2_000), only_text, row_group_size=1_000)
    summary = locate_parquet_dask(model, only_text, tmp_path / "loc2", time_col="ts", **options)
    assert [str(n) for n in summary.notes] == [_note("time_unit='s'")]
    report = events_parquet_dask(model, only_text, tmp_path / "ev2", **options)
    assert [str(n) for n in report.notes] == [_note("time_unit='s'")]
    # the local engine's notes, the same
    local = events_file(model, only_text, tmp_path / "ev3.csv", time_unit="s")
    assert [str(n) for n in local.notes] == [str(n) for n in report.notes]


# -- the HTTP service ---------------------------------------------------------------------------------------------


def test_http_events_notes_a_unit_no_time_took(model):
    from fastapi.testclient import TestClient

    from avzone.service.app import create_app

    fixes = [[116.50 + 0.01 * k, 39.79, t] for k, t in enumerate(TEXTS)]
    body = {"trajectories": [{"id": "a", "fixes": fixes}]}
    with TestClient(create_app(model)) as client:
        r = client.post("/v1/events", params={"time_unit": "s"}, json=body)
        # (the time is the body's field, named as the service's messages name it: no column 'time')
        assert r.status_code == 200 and r.json()["notes"] == [
            "time_unit=s was not used: no fix's time in the body (body.trajectories[i].fixes[j][2], the time of "
            "each [lon, lat, time]) is a number (they were read as dates and times, as without it), and the unit is "
            "that of epoch times given as numbers"
        ]
        r = client.post("/v1/events", params={"time_unit": "s", "lang": "zh"}, json=body)
        assert r.json()["notes"] == [
            "未使用 time_unit=s：请求体中没有一个定位的时间（body.trajectories[i].fixes[j][2]，"
            "即每个 [lon, lat, time] 中的 time）是数字（都按日期和时间读取，与不给它时一样），"
            "而该单位只用于以数字给出的纪元时间"
        ]
        assert "time column" not in r.text and "时间列" not in r.text
        assert "notes" not in client.post("/v1/events", json=body).json()
        numbered = {"trajectories": [{"id": "a", "fixes": [*fixes[:3], [116.53, 39.79, 1719792900]]}]}
        assert "notes" not in client.post("/v1/events", params={"time_unit": "s"}, json=numbered).json()
