"""A column of points as text the user names (``--point-col`` / ``point_col=``) whose first 100,000 rows are empty (a
fleet log whose first hours have no fix): read, not refused as no points, alike by both engines; found by its name
alone, the error says only those rows were looked at."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyproj
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
    cells = ["abc", "116.5 39.8", "LINESTRING (116.4 39.9, 116.5 39.8)", "POINT EMPTY"]
    frame.loc[EMPTY : EMPTY + len(cells) - 1, "pos"] = cells
    frame.loc[EMPTY + len(cells) + 1, "pos"] = "SRID=3857;POINT (1 2)"  # (after the first point: its row's status)
    src = tmp_path / "late.parquet"
    _write(frame, src)
    locate_file(model, src, tmp_path / "out.parquet", point_col="pos")
    statuses = pd.read_parquet(tmp_path / "out.parquet")["status"].tolist()
    assert statuses[EMPTY : EMPTY + len(cells) + 3] == [
        "pos unreadable: a WKT POINT was expected (such as POINT (116.48 39.99))",
        "pos not a lon,lat pair (such as 116.48,39.99)",
        "pos a WKT LINESTRING where a POINT was expected (such as POINT (116.48 39.99))",
        "no point geometry",  # (as a WKT column's POINT EMPTY)
        "ok",
        "pos SRID not that of the CRS read in",
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


# -- what the first rows would be judged on is judged on the first rows holding a value ---------------------------


def _swapped(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its late ``pos`` pairs written lat,lng (``39.9,116.4``), as a normal file's may be."""
    late = frame["pos"][EMPTY:].str.split(",", expand=True)
    return frame.assign(pos=[""] * EMPTY + (late[1] + "," + late[0]).tolist())


def _refusal(call) -> tuple[str, str]:
    """The error ``call()`` raises, in English and Chinese."""
    with pytest.raises(InputError) as refused:
        call()
    message = refused.value.args[0]
    return message.text("en"), message.text("zh")


def _said_of(said: tuple[str, str], src) -> tuple[str, str]:
    return tuple(text.replace(str(src), "<file>") for text in said)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_late_lat_lng_pairs_are_refused_as_early_ones_are_by_every_job(tmp_path, model, suffix):
    frame, _, _ = _late("pair")
    late = _swapped(frame)
    early = late[EMPTY:].reset_index(drop=True)  # (the same values from the file's first row)
    src, first = tmp_path / f"late{suffix}", tmp_path / f"early{suffix}"
    _write(late, src)
    _write(early, first)
    out = tmp_path / "out.csv"
    expected = _said_of(_refusal(lambda: locate_file(model, first, out, point_col="pos")), first)
    assert "the points look written (lat, lon); write them lon first" in expected[0]
    out.write_text("kept\n")  # (an output there before: left as it was)
    assert _said_of(_refusal(lambda: locate_file(model, src, out, point_col="pos")), src) == expected
    assert out.read_text() == "kept\n" and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    for read in (read_points, read_fixes):  # the map's --points and --track
        assert _said_of(_refusal(lambda read=read: read(src, point_col="pos", model=model)), src) == expected
    events = tmp_path / "events.parquet"
    assert _said_of(_refusal(lambda: events_file(model, src, events, point_col="pos")), src) == expected
    assert not events.exists()


def test_late_values_are_judged_on_the_rows_from_the_first_that_holds_a_point(tmp_path, model):
    """A few lat,lng rows among lon,lat ones: not the file's way round, each row's status says it (as early)."""
    frame, _, _ = _late("pair")
    swapped = _swapped(frame)
    frame.loc[EMPTY + 30 :, "pos"] = swapped.loc[EMPTY + 30 :, "pos"]  # (10 of the 40)
    src = tmp_path / "late.csv"
    _write(frame, src)
    summary = locate_file(model, src, tmp_path / "out.csv", point_col="pos")
    assert sum(n for why, n in summary.rejected.items() if why.startswith("lon and lat look swapped")) == 10
    # the same 40 rows, most of them lat,lng: refused, though 100,000 rows after the file's first row
    frame.loc[EMPTY : EMPTY + 29, "pos"] = swapped.loc[EMPTY : EMPTY + 29, "pos"]
    _write(frame, src)
    en, zh = _refusal(lambda: locate_file(model, src, tmp_path / "out.csv", point_col="pos"))
    assert "only 0% of the points fall in the dataset's area" in en and "100% do with x and y swapped" in en
    assert "这些点看起来是按（纬度, 经度）写的" in zh


def _ewkt(srid: int, metres: bool = False) -> pd.DataFrame:
    """The late fleet log with its points written as EWKT with ``srid`` (in Web Mercator metres if ``metres``)."""
    frame, lon, lat = _late("wkt")
    if metres:
        lon, lat = pyproj.Transformer.from_crs(4326, 3857, always_xy=True).transform(lon, lat)
    texts = [f"SRID={srid};POINT ({x} {y})" for x, y in zip(lon, lat)]
    texts[0] = "abc"  # (a value that is no point: the first point is the row after it)
    return frame.assign(pos=[""] * EMPTY + texts)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_late_first_point_of_another_srid_is_refused_naming_its_row(tmp_path, model, suffix):
    src = tmp_path / f"late{suffix}"
    _write(_ewkt(3857), src)
    out = tmp_path / "out.parquet"
    row = f"{EMPTY + 1:,}"
    en, zh = _refusal(lambda: locate_file(model, src, out, point_col="pos"))
    assert en == (
        f"{src}: column 'pos' holds points with SRID=3857 from row {row} (counted from 0; no value before it), but "
        "no crs= was given, so its points are read as WGS84 lon/lat, chosen before that row was read; run again "
        "with crs='EPSG:3857'"
    )
    assert f"列 'pos' 从第 {row} 行（从 0 起算，此前没有值）起的点的 SRID=3857，但没有给出 crs=" in zh
    assert not out.exists()
    given = _refusal(lambda: locate_file(model, src, out, point_col="pos", crs="EPSG:4326"))
    assert f"SRID=3857 from row {row} (counted from 0; no value before it), but crs= EPSG:4326 was given" in given[0]
    assert "但给出的 crs= 是 EPSG:4326；请给出这些点所在的坐标系" in given[1]
    # the map's --points and --track, the events job: the same
    for read in (read_points, read_fixes):
        assert _refusal(lambda read=read: read(src, point_col="pos", model=model)) == (en, zh)
    assert _refusal(lambda: read_points(src, point_col="pos")) == (en, zh)  # (no model: not a check of the model)
    events = tmp_path / "events.parquet"
    assert _refusal(lambda: events_file(model, src, events, point_col="pos")) == (en, zh)
    assert not events.exists()
    # an SRID that names no CRS
    _write(_ewkt(0), src)
    en, zh = _refusal(lambda: locate_file(model, src, out, point_col="pos"))
    assert f"holds points with SRID=0 from row {row} (counted from 0; no value before it), which names no CRS" in en
    assert f"从第 {row} 行（从 0 起算，此前没有值）起的点的 SRID=0 不代表任何坐标系" in zh


def test_a_late_first_point_of_the_crs_s_srid_is_read_and_later_ones_get_their_status(tmp_path, model):
    frame = _ewkt(3857, metres=True)
    frame.loc[EMPTY + 2, "pos"] = "SRID=4490;POINT (116.4 39.9)"  # (another SRID after the first point's)
    src = tmp_path / "late.parquet"
    _write(frame, src)
    summary = locate_file(model, src, tmp_path / "out.parquet", point_col="pos", crs="EPSG:3857")
    statuses = pd.read_parquet(tmp_path / "out.parquet")["status"]
    assert statuses[EMPTY + 1] == "ok" and statuses[EMPTY + 2] == "pos SRID not that of the CRS read in"
    assert (statuses[EMPTY + 3 :] == "ok").all()
    assert summary.rejected["pos SRID not that of the CRS read in"] == 1
    # SRID=4326 with no crs= given: WGS84's
    _write(_ewkt(4326), src)
    locate_file(model, src, tmp_path / "out.parquet", point_col="pos")
    assert (pd.read_parquet(tmp_path / "out.parquet")["status"][EMPTY + 1 :] == "ok").all()


def test_the_command_line_names_the_row_of_a_late_point_of_another_srid(tmp_path):
    src = tmp_path / "late.csv"
    _write(_ewkt(4490), src)
    out = tmp_path / "out.csv"
    done = run_cli("locate", "--input", str(src), "--output", str(out), "--point-col", "pos", "--lang", "zh")
    assert done.returncode == 2 and not out.exists()
    assert f"从第 {EMPTY + 1:,} 行（从 0 起算，此前没有值）起的点的 SRID=4490" in done.stderr
    assert "请加上 --crs EPSG:4490 重新运行" in done.stderr


@pytest.mark.parametrize("case", ["swapped", "srid"])
def test_both_engines_refuse_late_values_alike(tmp_path, model, scheduler, case):
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    frame = _swapped(_late("pair")[0]) if case == "swapped" else _ewkt(3857)
    src = tmp_path / "late.parquet"
    _write(frame, src)
    expected = _refusal(lambda: locate_file(model, src, tmp_path / "local.parquet", point_col="pos"))
    dask = tmp_path / "dask"
    assert _refusal(lambda: locate_parquet_dask(model, src, dask, scheduler=scheduler, point_col="pos")) == expected
    assert not dask.exists()
    events = _refusal(lambda: events_parquet_dask(model, src, dask, scheduler=scheduler, point_col="pos"))
    assert events == expected and not dask.exists()
    if case == "srid":  # a crs= given: named
        given = _refusal(lambda: locate_file(model, src, tmp_path / "l.parquet", point_col="pos", crs="EPSG:4326"))
        said = _refusal(
            lambda: locate_parquet_dask(model, src, dask, scheduler=scheduler, point_col="pos", crs="EPSG:4326")
        )
        assert said == given and "but crs= EPSG:4326 was given" in said[0]


def test_the_rows_before_the_first_point_are_not_held_to_judge_the_file(model):
    """Past the file's first rows, the chunks before the first point are given as they come, not read ahead: only
    the chunks holding the rows that judge are held (memory stays flat however late the first point)."""
    from avzone.batch import MISREAD_ROWS, Chunk, misread_checked
    from avzone.points import from_columns

    size = MISREAD_ROWS // 4
    pulled = []

    def chunk(lon: float, lat: float) -> Chunk:
        x, y = np.full(size, lon), np.full(size, lat)
        return Chunk(pa.record_batch({"i": np.arange(size)}), from_columns(x, y, "EPSG:4326", names=("pos", "pos")))

    def chunks(late: tuple[float, float]):
        for k in range(40):  # (10 times the rows that judge, with no point)
            pulled.append(k)
            yield chunk(np.nan, np.nan)
        for k in range(40, 50):
            pulled.append(k)
            yield chunk(*late)

    given = misread_checked(model, chunks((116.4, 39.9)), "late.csv", ("pos", "pos"))
    for k, _ in enumerate(given):
        assert len(pulled) <= k + 5 if k < 40 else len(pulled) <= 50  # (the first rows' 4 chunks and one more)
    assert k == 49
    pulled.clear()
    given = misread_checked(model, chunks((39.9, 116.4)), "late.csv", ("pos", "pos"))  # (lat,lng: refused)
    with pytest.raises(InputError, match="the points look written"):
        for k, _ in enumerate(given):
            assert k < 40 and len(pulled) <= k + 5
    assert len(pulled) == 44  # (the rows that judge: 4 chunks from the first point)
