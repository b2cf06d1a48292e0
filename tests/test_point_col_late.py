"""A column of points as text the user names (``--point-col`` / ``point_col=``) whose first 100,000 rows are empty (a
fleet log whose first hours have no fix): read, not refused as no points, alike by both engines; found by its name
alone, the error says only those rows were looked at."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import run_cli

from avzone._pointtext import SAMPLE_ROWS
from avzone.batch import locate_file, read_fixes, read_points
from avzone.errors import InputError
from avzone.tracks import events_file

EMPTY = SAMPLE_ROWS + 5  # (the first rows with no value: more than the rows that judge a column)
LATE = 40  # the rows with values after them


def _late(kind: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """A fleet log of 4 vehicles, a fix a second, whose ``pos`` is empty for its first :data:`EMPTY` rows, then
    ``kind`` (``pair`` or ``wkt``) for :data:`LATE` rows in and around Beijing; and those rows' lon and lat."""
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(116.2, 116.9, LATE), rng.uniform(39.6, 40.2, LATE)
    texts = [f"{x},{y}" if kind == "pair" else f"POINT ({x} {y})" for x, y in zip(lon, lat)]
    n = EMPTY + LATE
    frame = pd.DataFrame(
        {
            "vehicle": [f"v{i % 4}" for i in range(n)],
            "ts": pd.Timestamp("2024-10-18 00:00") + pd.to_timedelta(np.arange(n), unit="s"),
            "pos": [""] * EMPTY + texts,
        }
    )
    return frame, lon, lat


def _write(frame: pd.DataFrame, src) -> None:
    if src.suffix == ".csv":
        frame.to_csv(src, index=False)
    else:
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), src, row_group_size=30_000)


@pytest.mark.parametrize("kind", ["pair", "wkt"])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_named_column_empty_in_its_first_rows_is_read_by_the_local_jobs(tmp_path, model, suffix, kind):
    frame, lon, lat = _late(kind)
    src = tmp_path / f"late{suffix}"
    _write(frame, src)
    out = tmp_path / "out.parquet"
    summary = locate_file(model, src, out, point_col="pos")
    got = pd.read_parquet(out)
    assert len(got) == EMPTY + LATE
    assert (got["status"][:EMPTY] == "missing pos").all()
    assert (got["status"][EMPTY:] == "ok").all()
    assert summary.rejected == {"missing pos": EMPTY}
    note = "points read from column 'pos', which has no value in its first 100,000 rows: each value read as"
    assert note in summary.text("en") and "其前 100,000 行没有值" in summary.text("zh")
    # the map's reading (read_points for --points, read_fixes for --track): the same points
    for points in (read_points(src, point_col="pos"), read_fixes(src, point_col="pos")):
        assert (points["status"][:EMPTY] == "missing pos").all()
        np.testing.assert_allclose(points["lon"][EMPTY:], lon)
        np.testing.assert_allclose(points["lat"][EMPTY:], lat)
    # the events job: the fixes with a position make events
    events = events_file(model, src, tmp_path / "events.parquet", point_col="pos")
    assert pq.read_table(tmp_path / "events.parquet").num_rows > 0
    assert events.to_dict()["rows_by_status"] == {"missing pos": EMPTY}


def test_the_command_line_reads_a_named_column_empty_in_its_first_rows(tmp_path):
    frame, _, _ = _late("pair")
    src = tmp_path / "late.csv"
    _write(frame, src)
    out = tmp_path / "out.csv"
    done = run_cli("locate", "--input", str(src), "--output", str(out), "--point-col", "pos")
    assert done.returncode == 0, done.stderr
    assert "which has no value in its first 100,000 rows" in done.stderr and "(given by --point-col)" in done.stderr
    assert (pd.read_csv(out, keep_default_na=False)["status"][EMPTY:] == "ok").all()


def _empty(n: int) -> pd.DataFrame:
    """A fleet log of ``n`` rows with no value in ``pos`` (fewer rows than judge a column: every row looked at)."""
    return pd.DataFrame(
        {
            "vehicle": [f"v{i % 4}" for i in range(n)],
            "ts": pd.Timestamp("2024-10-18 00:00") + pd.to_timedelta(np.arange(n), unit="s"),
            "pos": [""] * n,
        }
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_named_column_of_a_short_file_says_the_rows_it_has(tmp_path, model, suffix):
    src = tmp_path / f"short{suffix}"
    _write(_empty(50), src)
    summary = locate_file(model, src, tmp_path / "out.parquet", point_col="pos")
    assert summary.rejected == {"missing pos": 50}
    en, zh = summary.text("en"), summary.text("zh")
    assert "points read from column 'pos', which has no value in its 50 rows: each value read as" in en
    assert "点取自列 'pos'，其全部 50 行都没有值：" in zh
    assert "100,000" not in en and "100,000" not in zh
    events = events_file(model, src, tmp_path / "events.parquet", point_col="pos")
    assert "which has no value in its 50 rows" in events.text("en") and "其全部 50 行都没有值" in events.text("zh")
    _write(_empty(1), src)
    summary = locate_file(model, src, tmp_path / "out.parquet", point_col="pos")
    assert "points read from column 'pos', which has no value in its one row: read as" in summary.text("en")
    assert "点取自列 'pos'，其唯一一行没有值：" in summary.text("zh")


def test_the_command_line_says_the_rows_of_a_short_file(tmp_path):
    src = tmp_path / "short.csv"
    _write(_empty(50), src)
    for lang, said in (("en", "which has no value in its 50 rows"), ("zh", "其全部 50 行都没有值")):
        out = tmp_path / f"out_{lang}.csv"
        done = run_cli("locate", "--input", str(src), "--output", str(out), "--point-col", "pos", "--lang", lang)
        assert done.returncode == 0, done.stderr
        assert said in done.stderr and "100,000" not in done.stderr


def test_late_values_that_are_no_points_get_their_row_statuses(tmp_path, model):
    frame, _, _ = _late("pair")
    cells = ["abc", "116.5 39.8", "LINESTRING (116.4 39.9, 116.5 39.8)", "SRID=3857;POINT (1 2)", "POINT EMPTY"]
    frame.loc[EMPTY : EMPTY + len(cells) - 1, "pos"] = cells
    src = tmp_path / "late.parquet"
    _write(frame, src)
    locate_file(model, src, tmp_path / "out.parquet", point_col="pos")
    statuses = pd.read_parquet(tmp_path / "out.parquet")["status"].tolist()
    assert statuses[EMPTY : EMPTY + len(cells) + 1] == [
        "pos unreadable: a WKT POINT was expected (such as POINT (116.48 39.99))",
        "pos not a lon,lat pair (such as 116.48,39.99)",
        "pos a WKT LINESTRING where a POINT was expected (such as POINT (116.48 39.99))",
        "pos SRID not that of the CRS read in",
        "no point geometry",  # (as a WKT column's POINT EMPTY)
        "ok",
    ]
    # such values among the first rows: a named column whose first values are no points is refused, as ever
    frame.loc[SAMPLE_ROWS - 3 : SAMPLE_ROWS - 1, "pos"] = ["abc", "def", "ghi"]
    src = tmp_path / "early.csv"
    _write(frame, src)
    with pytest.raises(InputError, match=r"column 'pos' \(point_col=\) holds neither .* are 'abc', 'def', 'ghi'"):
        locate_file(model, src, tmp_path / "out.csv", point_col="pos")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_column_found_by_its_name_says_only_the_first_rows_were_looked_at(tmp_path, model, suffix):
    frame, _, _ = _late("pair")
    src = tmp_path / f"late{suffix}"
    _write(frame.rename(columns={"pos": "location"}), src)
    with pytest.raises(InputError) as refused:
        locate_file(model, src, tmp_path / "out.csv")
    said = str(refused.value)
    assert "location may hold the points as text: name the column with point_col=" in said
    assert "only the file's first 100,000 rows were looked at, and location has no value in them" in said
    done = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.csv"), "--lang", "zh")
    assert done.returncode == 2 and "只查看了文件的前 100,000 行，location 列在其中没有值" in done.stderr


# -- the dask engine: the same outputs ----------------------------------------------------------------------------


def _summary(report, *ignored: str) -> dict:
    return {k: v for k, v in report.to_dict().items() if k not in ("input", "output", *ignored)}


@pytest.mark.parametrize("kind", ["pair", "wkt", "neither"])
def test_both_engines_read_a_named_column_empty_in_its_first_rows_alike(tmp_path, model, scheduler, kind):
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    frame, _, _ = _late("wkt" if kind == "wkt" else "pair")
    if kind == "neither":
        frame.loc[EMPTY : EMPTY + 2, "pos"] = ["abc", "116.5 39.8", "LINESTRING (116.4 39.9, 116.5 39.8)"]
    src = tmp_path / "late.parquet"
    _write(frame, src)
    local = locate_file(model, src, tmp_path / "local.parquet", point_col="pos")
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, point_col="pos")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask"), pd.read_parquet(tmp_path / "local.parquet"))
    assert _summary(dask) == _summary(local)
    assert "which has no value in its first 100,000 rows" in dask.text("en")
    local = events_file(model, src, tmp_path / "local_events.parquet", point_col="pos")
    dask = events_parquet_dask(model, src, tmp_path / "dask_events", scheduler=scheduler, point_col="pos")
    got, expected = pq.read_table(tmp_path / "dask_events"), pq.read_table(tmp_path / "local_events.parquet")
    assert got.num_rows == expected.num_rows > 0
    assert _summary(dask, "partitions") == _summary(local, "partitions")


def test_both_engines_say_the_rows_of_a_short_file(tmp_path, model, scheduler):
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    src = tmp_path / "short.parquet"
    pq.write_table(pa.Table.from_pandas(_empty(50), preserve_index=False), src, row_group_size=20)
    local = locate_file(model, src, tmp_path / "local.parquet", point_col="pos")
    dask = locate_parquet_dask(model, src, tmp_path / "dask", scheduler=scheduler, point_col="pos", partition_size=1)
    assert _summary(dask) == _summary(local)
    assert "which has no value in its 50 rows" in dask.text("en") and "其全部 50 行都没有值" in dask.text("zh")
    events = events_parquet_dask(model, src, tmp_path / "dask_events", scheduler=scheduler, point_col="pos")
    assert "which has no value in its 50 rows" in events.text("en")
