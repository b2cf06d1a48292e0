"""Coordinates held as float32 numbers are answered for the float32 values, with a note saying how coarse they are.

A float32 keeps about 7 significant digits: at Beijing's 116° of longitude a step of 7.6e-6° (about 0.65 m). A
point 2e-6° from a zone's edge in the source's float64 may lie on the other side once made float32, and nothing
showed it: every entry point (the library's arrays and DataFrames, the file jobs) now notes it, in English and
Chinese, with the step at the input's positions; the answers are unchanged (right for the values given).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avzone.i18n import Message
from avzone.locate import locate_many
from avzone.points import merged_notes, to_points
from tests.common import run_cli

N = 200
_rng = np.random.default_rng(7)
LONS = _rng.uniform(116.3, 116.6, N)
LATS = _rng.uniform(39.7, 40.0, N)

EN = (
    "{columns}: the coordinates are float32 numbers, which at these positions keep steps of up to {step} m: a point "
    "within {step} m of a zone's edge is answered for its float32 value, which may lie on the other side of the edge "
    "from the position it was rounded from; to keep coordinates exact, store them as float64"
)


def _float32_notes(notes):
    return [n for n in notes or [] if "float32" in str(n)]


def test_numpy_float32_arrays_are_noted_and_answered_as_given(model):
    lons, lats = LONS.astype(np.float32), LATS.astype(np.float32)
    frame = model.classify(lons, lats)
    assert frame.attrs["notes"] == [EN.format(columns="'lon', 'lat'", step="0.65")]
    # (the answers are the float32 values' own: as classifying them made float64 gives)
    same = model.classify(lons.astype(np.float64), lats.astype(np.float64))
    pd.testing.assert_frame_equal(frame, same, check_like=True)
    assert "notes" not in same.attrs
    assert _float32_notes(locate_many(model, lons, lats).notes) == frame.attrs["notes"]


def test_float64_input_has_no_note(model):
    assert "notes" not in model.classify(LONS, LATS).attrs
    assert locate_many(model, LONS, LATS).notes == []
    frame = pd.DataFrame({"lon": LONS, "lat": LATS})
    assert "notes" not in model.classify(frame).attrs
    assert to_points(LONS[:1], LATS[:1]).notes == ()


@pytest.mark.parametrize("dtype", ["float32", "float32[pyarrow]", "Float32"])
def test_pandas_float32_columns_are_noted(model, dtype):
    frame = pd.DataFrame({"lng": pd.Series(LONS).astype(dtype), "lat": pd.Series(LATS).astype(dtype)})
    notes = model.classify(frame).attrs["notes"]
    assert notes == [EN.format(columns="'lng', 'lat'", step="0.65")]


def test_one_float32_column_names_it_alone(model):
    frame = pd.DataFrame({"lon": LONS.astype(np.float32), "lat": LATS})
    assert model.classify(frame).attrs["notes"] == [EN.format(columns="'lon'", step="0.65")]


def test_the_step_follows_the_values_and_the_crs():
    # (latitude alone in float32: its step, 3.8e-6° north-south, about 0.42 m at 40°)
    lat_only = to_points(LONS, LATS.astype(np.float32)).notes
    assert lat_only == (EN.format(columns="'lat'", step="0.42"),)
    # Web Mercator metres: x near 12,950,000 steps by 1 m in float32, y near 4,850,000 by 0.5 m
    x, y = np.full(3, 12_950_000.0, dtype=np.float32), np.full(3, 4_850_000.0, dtype=np.float32)
    assert to_points(x, y, crs="EPSG:3857").notes == (EN.format(columns="'lon', 'lat'", step="1"),)


def test_the_east_west_step_is_taken_where_a_degree_is_longest():
    # longitudes near 116 in float32 step by 7.6e-6°: 0.65 m east-west at 40°, 0.85 m on the equator; points
    # from 0.1° to 40° of latitude have steps up to the latter, whichever latitude the largest longitude has
    lons = np.array([116.4, 116.0], dtype=np.float32)
    assert to_points(lons, np.array([40.0, 0.1])).notes == (EN.format(columns="'lon'", step="0.85"),)
    assert to_points(lons, np.array([0.1, 40.0])).notes == (EN.format(columns="'lon'", step="0.85"),)
    # a file read in chunks says what the whole file read at once says
    one = to_points(lons[:1], np.array([40.0])).notes + to_points(lons[1:], np.array([0.1])).notes
    assert merged_notes(list(one)) == [EN.format(columns="'lon'", step="0.85")]


def test_the_note_in_chinese():
    note = to_points(LONS.astype(np.float32), LATS.astype(np.float32)).notes[0]
    assert isinstance(note, Message)
    assert note.text("zh") == (
        "'lon'、'lat'：坐标是 float32 单精度数字，在这些位置上每一档最大约 0.65 米：离区域边缘 0.65 米以内的点，"
        "答案针对的是其 float32 取整后的值，它可能与取整前的位置分处边缘两侧；要保持坐标精确，请存为 float64"
    )


def test_events_note_float32_fixes(model):
    df = pd.DataFrame(
        {
            "vehicle": np.repeat(np.arange(4), N // 4),
            "ts": pd.date_range("2024-01-01", periods=N, freq="10s"),
            "lon": LONS.astype(np.float32),
            "lat": LATS.astype(np.float32),
        }
    )
    assert _float32_notes(model.events(df).notes) == [EN.format(columns="'lon', 'lat'", step="0.65")]
    assert _float32_notes(model.events(df.astype({"lon": float, "lat": float})).notes) == []


def _parquet(tmp_path, dtype):
    src = tmp_path / "fixes.parquet"
    pd.DataFrame(
        {
            "vehicle": np.repeat(np.arange(4), N // 4),
            "ts": pd.date_range("2024-01-01", periods=N, freq="10s"),
            "lon": LONS.astype(dtype),
            "lat": LATS.astype(dtype),
        }
    ).to_parquet(src)
    return src


@pytest.mark.parametrize("command", ["locate", "events"])
def test_a_parquet_file_job_of_float_columns_notes_them_in_its_summary(tmp_path, command):
    src = _parquet(tmp_path, np.float32)
    out = run_cli(command, "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert out.returncode == 0, out.stderr
    note = "note: " + EN.format(columns="'lon', 'lat'", step="0.65")
    assert out.stderr.count(note) == 1
    zh = run_cli("--lang", "zh", command, "--input", str(src), "--output", str(tmp_path / "out_zh.csv"))
    assert zh.stderr.count("注意：'lon'、'lat'：坐标是 float32 单精度数字，在这些位置上每一档最大约 0.65 米") == 1
    double = run_cli(command, "--input", str(_parquet(tmp_path, np.float64)), "--output", str(tmp_path / "o64.csv"))
    assert double.returncode == 0 and "float32" not in double.stderr


@pytest.mark.parametrize("command", ["locate", "events"])
def test_the_dask_engine_notes_float32_columns_once_as_the_local_one(tmp_path, command, scheduler):
    src = _parquet(tmp_path, np.float32)
    note = "note: " + EN.format(columns="'lon', 'lat'", step="0.65")
    for k, out in enumerate((tmp_path / "parts", tmp_path / "out.gpkg")):
        if command == "events" and k:
            continue
        run = run_cli(command, "--input", str(src), "--output", str(out), "--engine", "dask", "--scheduler", scheduler)
        assert run.returncode == 0, run.stderr
        assert run.stderr.count(note) == 1
    double = run_cli(
        command, "--input", str(_parquet(tmp_path, np.float64)), "--output", str(tmp_path / "p64"),
        "--engine", "dask", "--scheduler", scheduler,
    )  # fmt: skip
    assert double.returncode == 0 and "float32" not in double.stderr


def test_an_arrow_table_of_float32_columns_notes_them_in_its_metadata(model):
    import json

    import pyarrow as pa

    table = pa.table({"lon": pa.array(LONS.astype(np.float32)), "lat": pa.array(LATS.astype(np.float32))})
    answer = model.classify(table)
    assert json.loads(answer.schema.metadata[b"notes"]) == [EN.format(columns="'lon', 'lat'", step="0.65")]


# -- the note describes the points located ---------------------------------------------------------------------------
def _utm_with_swapped_rows():
    """UTM 50N metres of Beijing's points, eastings (about 447,000 m: float32 steps of 0.031 m) as float32, the
    first 3 rows swapped (northings near 4,420,000 m where eastings belong: steps of 0.5 m)."""
    from pyproj import Transformer

    x, y = Transformer.from_crs("EPSG:4326", "EPSG:32650", always_xy=True).transform(LONS, LATS)
    x[:3], y[:3] = y[:3].copy(), x[:3].copy()
    return x.astype(np.float32), y


def test_the_note_describes_the_points_located_not_those_refused(model):
    x, y = _utm_with_swapped_rows()
    res = locate_many(model, x, y, crs="EPSG:32650")
    assert (res.points.status_text()[:3] == res.points.labels[252]).all()  # (swapped: not located)
    assert _float32_notes(res.notes) == [EN.format(columns="'lon'", step="0.031")]
    assert _float32_notes(model.classify(x, y, crs="EPSG:32650").attrs["notes"]) == _float32_notes(res.notes)
    # (0, 0), no position: the step at the equator is no step of a point located
    lons, lats = np.r_[np.full(10, 116.4), 0.0].astype(np.float32), np.r_[np.full(10, 40.0), 0.0]
    assert _float32_notes(locate_many(model, lons, lats).notes) == [EN.format(columns="'lon'", step="0.65")]
    # no point located: no note
    assert _float32_notes(locate_many(model, np.zeros(3, np.float32), np.zeros(3)).notes) == []


@pytest.mark.parametrize("command", ["locate", "events"])
def test_every_engine_notes_the_points_located(tmp_path, command, scheduler):
    x, y = _utm_with_swapped_rows()
    src = tmp_path / "utm.parquet"
    pd.DataFrame(
        {"vehicle": np.repeat(np.arange(4), N // 4), "ts": pd.date_range("2024-01-01", periods=N, freq="10s"),
         "lon": x, "lat": y}
    ).to_parquet(src)  # fmt: skip
    note = "note: " + EN.format(columns="'lon'", step="0.031")
    runs = [("local", tmp_path / "out.csv"), ("dask", tmp_path / "parts")]
    if command == "locate":
        runs.append(("dask", tmp_path / "out.gpkg"))
    for engine, out in runs:
        extra = ["--scheduler", scheduler] if engine == "dask" else []
        run = run_cli(command, "--input", str(src), "--output", str(out), "--crs", "EPSG:32650", "--engine", engine,
                      *extra)  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert run.stderr.count(note) == 1, (engine, out.name, run.stderr)


def test_the_dask_locate_job_reads_each_partition_once(tmp_path, scheduler, monkeypatch):
    from avzone import distributed

    whole = pd.read_parquet(_parquet(tmp_path, np.float32))
    src = tmp_path / "fixes"
    src.mkdir()
    for k in range(3):  # (a folder of 3 files: 3 partitions)
        whole.iloc[k * N // 3 : (k + 1) * N // 3].to_parquet(src / f"part{k}.parquet")
    read: list[list[str]] = []
    reader = distributed._points

    def counted(part, *args, **kwargs):
        read.append(list(part.columns))
        return reader(part, *args, **kwargs)

    monkeypatch.setattr(distributed, "_points", counted)
    run = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "parts"), "--engine", "dask",
                  "--scheduler", scheduler)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "note: " + EN.format(columns="'lon', 'lat'", step="0.65") in run.stderr
    parts = len(list((tmp_path / "parts").glob("*.parquet")))
    rows = [c for c in read if "vehicle" in c]  # (the partitions' rows; the first rows' coordinates are judged alone)
    assert parts == 3 and len(rows) == parts


def test_the_note_keeps_no_field_its_text_does_not_show(model, tmp_path):
    import json
    import pickle

    note = to_points(LONS.astype(np.float32), LATS.astype(np.float32)).notes[0]
    assert set(note.fields) == {"columns", "step"}
    again = pickle.loads(pickle.dumps(note))
    assert again == note and again.text("zh") == note.text("zh") and set(again.fields) == {"columns", "step"}
    assert json.dumps([note]) == json.dumps([EN.format(columns="'lon', 'lat'", step="0.65")])
    # a file job's summary (text and JSON) and the outputs' metadata hold the text alone
    src = _parquet(tmp_path, np.float32)
    for out in ("out.csv", "out.parquet"):
        run = run_cli("locate", "--input", str(src), "--output", str(tmp_path / out), "--json")
        assert run.returncode == 0, run.stderr
        said = json.loads(run.stdout)
        assert EN.format(columns="'lon', 'lat'", step="0.65") in said["notes"]
        for word in ("narrow", "magnitude", "Float32Reading"):
            assert word not in run.stdout + run.stderr
    import pyarrow.parquet as pq

    meta = pq.read_schema(tmp_path / "out.parquet").metadata or {}
    assert not any(word in str(meta) for word in ("narrow", "magnitude", "Float32Reading"))
