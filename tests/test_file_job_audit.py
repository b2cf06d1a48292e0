"""File jobs (avzone locate --input, avzone events) keep the input's rows, order, columns and values.

What a format cannot hold is said (a GeoPackage's -0.0), a pandas frame's stored index comes first as pandas
writes it, and the rows of a CSV file are numbered as its lines.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from common import TIANANMEN, run_cli

from avzone.batch import locate_file


# -- a GeoPackage's -0.0 ---------------------------------------------------------------------------------------
def _zeros_parquet(path: Path) -> None:
    lon = [TIANANMEN[0], 116.4, -0.0, 0.0]
    lat = [TIANANMEN[1], -0.0, 0.0, -0.0]
    table = pa.table(
        {
            "lon": lon,
            "lat": lat,
            "v": [0.0, -0.0, 0.1, None],
            "f32": pa.array([-0.0, 0.0, 1.5, 2.0**-20], pa.float32()),
            "tiny": [5e-324, -5e-324, 1e300, -1e-300],
        }
    )
    pq.write_table(table, path)


def test_gpkg_keeps_every_float_but_the_sign_of_zero_and_says_so(tmp_path: Path, model) -> None:
    """SQLite stores a whole REAL as an integer: -0.0 comes back 0.0. The job notes which columns had -0.0
    and how many; every other value (0.0, tiny, huge, float32) comes back exactly, and the WKB geometry keeps
    the sign of a zero coordinate."""
    src, dst = tmp_path / "zeros.parquet", tmp_path / "zeros.gpkg"
    _zeros_parquet(src)
    summary = locate_file(model, src, dst)
    notes = [str(n) for n in summary.notes]
    said = [n for n in notes if "-0.0" in n]
    assert said, notes
    assert str(dst) in said[0] and "(5 in lon, lat, v, f32)" in said[0], said
    assert ".avzone-tmp-" not in said[0]
    back = pyogrio.read_arrow(dst)[1]
    given = pq.read_table(src)
    for name in ("lon", "lat", "v", "f32", "tiny"):
        want = given.column(name).to_numpy(zero_copy_only=False)
        got = back.column(name).to_numpy(zero_copy_only=False)
        assert back.schema.field(name).type == given.schema.field(name).type
        np.testing.assert_array_equal(np.abs(got), np.abs(want))  # (NaN alike)
        kept = ~((want == 0) & np.signbit(want))  # all but the -0.0 keep their sign
        assert (np.signbit(got)[kept] == np.signbit(want)[kept]).all(), name
    # the one row of a position with a zero coordinate keeps it signed in its geometry
    geom = shapely.from_wkb(back.column(back.num_columns - 1).to_pylist())
    assert shapely.get_coordinates(geom[1]).tolist() == [[116.4, 0.0]]
    assert np.signbit(shapely.get_coordinates(geom[1])[0, 1])


def test_gpkg_without_negative_zero_has_no_note(tmp_path: Path, model) -> None:
    src, dst = tmp_path / "plain.parquet", tmp_path / "plain.gpkg"
    pq.write_table(pa.table({"lon": [TIANANMEN[0]], "lat": [TIANANMEN[1]], "v": [0.0]}), src)
    assert not [n for n in locate_file(model, src, dst).notes if "-0.0" in str(n)]


def test_cli_notes_gpkg_zeros_in_both_languages(tmp_path: Path) -> None:
    src, dst = tmp_path / "zeros.parquet", tmp_path / "zeros.gpkg"
    _zeros_parquet(src)
    en = run_cli("locate", "--input", str(src), "-o", str(dst))
    assert en.returncode == 0, en.stderr
    assert f"{dst} holds 0.0 where the rows have -0.0 (5 in lon, lat, v, f32)" in en.stderr
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "-o", str(dst))
    assert zh.returncode == 0, zh.stderr
    assert f"行中的 -0.0 在 {dst} 中为 0.0（lon、lat、v、f32 中 5 个）" in zh.stderr


def test_dask_gpkg_notes_zeros(tmp_path: Path) -> None:
    src, dst = tmp_path / "zeros.parquet", tmp_path / "zeros.gpkg"
    _zeros_parquet(src)
    done = run_cli("locate", "--input", str(src), "-o", str(dst), "--engine", "dask")
    assert done.returncode == 0, done.stderr
    assert f"{dst} holds 0.0 where the rows have -0.0 (5 in lon, lat, v, f32)" in done.stderr


def test_events_annotate_gpkg_notes_zeros(tmp_path: Path) -> None:
    src = tmp_path / "fixes.parquet"
    times = ["2024-01-01 08:00:00", "2024-01-01 08:01:00", "2024-01-01 08:02:00"]
    table = {"vehicle": ["a"] * 3, "ts": times, "lon": [116.0, 116.4, 116.41], "lat": [39.9] * 3}
    pq.write_table(pa.table(table | {"speed": [-0.0, 0.0, 1.0]}), src)
    ann = tmp_path / "rows.gpkg"
    done = run_cli("events", "--input", str(src), "-o", str(tmp_path / "ev.csv"), "--annotate", str(ann))
    assert done.returncode == 0, done.stderr
    assert f"{ann} holds 0.0 where the rows have -0.0 (1 in speed)" in done.stderr


# -- a pandas frame's index, stored as columns -------------------------------------------------------------------
def _indexed(path: Path, multi: bool = False) -> pd.DataFrame:
    frame = pd.DataFrame(
        {"lon": [TIANANMEN[0], 116.5], "lat": [TIANANMEN[1], 39.8], "name": ["天安门", "b"]},
        index=pd.Index(["v1", "v2"], name="vid"),
    )
    if multi:
        frame = frame.set_index("name", append=True)
    frame.to_parquet(path)
    assert pq.read_schema(path).names[-1] == ("name" if multi else "vid")  # (pyarrow stores the index last)
    return frame


@pytest.mark.parametrize("multi", [False, True])
@pytest.mark.parametrize("out", ["csv", "geojson", "gpkg", "parquet"])
def test_pandas_index_columns_come_first(tmp_path: Path, model, out: str, multi: bool) -> None:
    """As ``frame.to_csv()``, ``frame.reset_index()`` and geopandas' ``to_file`` have them: the index's columns
    first, in its order; a Parquet output as ``frame.to_parquet()`` writes it (the file's layout)."""
    src, dst = tmp_path / "indexed.parquet", tmp_path / f"out.{out}"
    frame = _indexed(src, multi)
    locate_file(model, src, dst)
    first = ["vid", "name", "lon", "lat"] if multi else ["vid", "lon", "lat", "name"]
    if out == "csv":
        head = dst.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert head[:4] == first
        assert pd.read_csv(dst).iloc[:, :4].astype(str).values.tolist() == (
            frame.reset_index().iloc[:, :4].astype(str).values.tolist()
        )
    elif out == "parquet":  # the file's layout, its pandas metadata kept: pandas reads the index back as it was
        assert pq.read_schema(dst).names[:4] == pq.read_schema(src).names
        back = pd.read_parquet(dst)
        pd.testing.assert_index_equal(back.index, frame.index)
        pd.testing.assert_frame_equal(back[list(frame.columns)], frame)
    else:
        assert pyogrio.read_info(dst)["fields"].tolist()[:4] == first


def test_events_annotate_puts_pandas_index_first(tmp_path: Path) -> None:
    src, ann = tmp_path / "fixes.parquet", tmp_path / "rows.csv"
    frame = pd.DataFrame(
        {"ts": ["2024-01-01 08:00:00", "2024-01-01 08:01:00"], "lon": [116.0, 116.4], "lat": [39.9, 39.9]},
        index=pd.Index(["a", "a"], name="vehicle"),
    )
    frame.to_parquet(src)
    done = run_cli("events", "--input", str(src), "-o", str(tmp_path / "ev.csv"), "--annotate", str(ann))
    assert done.returncode == 0, done.stderr
    assert ann.read_text(encoding="utf-8").splitlines()[0] == "vehicle,ts,lon,lat,status,used"


def test_range_index_is_no_column(tmp_path: Path, model) -> None:
    """A RangeIndex is stored as metadata alone (no column), so the output has none, as the input's columns."""
    src, dst = tmp_path / "ranged.parquet", tmp_path / "out.csv"
    frame = pd.DataFrame({"lon": [TIANANMEN[0]], "lat": [TIANANMEN[1]]}, index=pd.RangeIndex(10, 11))
    frame.to_parquet(src)
    locate_file(model, src, dst)
    assert dst.read_text(encoding="utf-8").splitlines()[0].startswith("lon,lat,in_")


# -- a character the output's encoding cannot hold --------------------------------------------------------------
def test_unencodable_cell_named_by_row_and_column(tmp_path: Path) -> None:
    src, dst = tmp_path / "names.csv", tmp_path / "out.csv"
    src.write_text("name,lon,lat\n天安门,116.4,39.9\n😀,116.5,39.8\n", encoding="utf-8")
    err = run_cli("locate", "--input", str(src), "-o", str(dst), "--output-encoding", "gbk")
    assert err.returncode == 2
    assert f"{dst}: '😀' in row 1 (counted from 0" in err.stderr
    assert "column name, cannot be written in gbk" in err.stderr
    assert "--output-encoding utf-8-sig" in err.stderr
    assert not dst.exists() and not list(tmp_path.glob(".*avzone-tmp*"))
    zh = run_cli("--lang", "zh", "locate", "--input", str(src), "-o", str(dst), "--output-encoding", "gbk")
    assert "第 1 行（从 0 起算，输出的第一行数据是第 0 行）name 列中的 '😀' 无法用 gbk 写出" in zh.stderr
