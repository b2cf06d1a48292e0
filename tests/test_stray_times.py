"""The column-wide time rules judge the whole column, whatever its chunks, engine or type.

A time far from its column's others gets ``TIME_STRAY``; a column all in 1970 that a coarser unit puts in
2000-2099 is refused. Both were judged per chunk or partition (a partition of one vehicle whose times were all
wrong was refused, or its times taken), and not at all for a column of datetimes (epoch seconds converted as
milliseconds, or as nanoseconds: every time in 1970 and the row ok) while the same numbers as text were.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avzone import zonetime
from avzone.batch import locate_file
from avzone.errors import InputError
from avzone.tracks import events_file

STRAY = zonetime.TIME_TEXT[zonetime.TIME_STRAY]
#: Epoch seconds of 2024-07-01 00:00 UTC, and an Excel serial date (2024-07-29 12:00): 1970-01-01 12:38 as seconds.
SECOND = 1719792000
EXCEL = 45500.5


def _fleet() -> pd.DataFrame:
    """Twenty vehicles with epoch seconds, then one (99) whose every time is an Excel serial date."""
    rows = [(v, SECOND + 600 * k + v, 116.40 + 0.02 * k, 39.79) for v in range(20) for k in range(5)]
    rows += [(99, EXCEL + 0.01 * k, 116.40 + 0.02 * k, 39.79) for k in range(5)]
    return pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])


def _want(model, fleet) -> list[str]:
    status = model.events(fleet, time_unit="s").rows["status"].astype(str).tolist()
    assert status.count(STRAY) == 5 and status[-5:] == [STRAY] * 5  # (the rule, in memory)
    return status


@pytest.mark.parametrize("chunk_rows", [1_000_000, 5, 7])
def test_events_file_marks_a_vehicle_of_stray_times_whatever_the_chunks(model, tmp_path, chunk_rows):
    fleet = _fleet()
    src = tmp_path / "fixes.csv"
    fleet.to_csv(src, index=False)
    events_file(
        model, src, tmp_path / "events.csv", annotate=tmp_path / "rows.csv", time_unit="s", chunk_rows=chunk_rows
    )
    assert pd.read_csv(tmp_path / "rows.csv")["status"].tolist() == _want(model, fleet)


@pytest.mark.parametrize("chunk_rows", [1_000_000, 5, 7])
def test_locate_file_marks_a_chunk_of_stray_times_whatever_the_chunks(model, tmp_path, chunk_rows):
    # (a Parquet input: its chunks are chunk_rows rows, the last of 5 all vehicle 99's, the last of 7 mostly)
    fleet = _fleet()
    src = tmp_path / "fixes.parquet"
    fleet.to_parquet(src, index=False)
    locate_file(model, src, tmp_path / "out.csv", time_col="ts", time_unit="s", chunk_rows=chunk_rows)
    got = pd.read_csv(tmp_path / "out.csv")["status"].tolist()
    assert got == _want(model, fleet)


def test_a_file_all_in_the_wrong_unit_is_refused_whatever_the_chunks(model, tmp_path):
    fleet = _fleet().query("vehicle == 99")
    src = tmp_path / "fixes.parquet"
    fleet.to_parquet(src, index=False)
    for chunk_rows in (1_000_000, 2):
        with pytest.raises(InputError, match="Excel"):
            events_file(model, src, tmp_path / "e.csv", time_unit="s", chunk_rows=chunk_rows)
        with pytest.raises(InputError, match="Excel"):
            locate_file(model, src, tmp_path / "o.csv", time_col="ts", time_unit="s", chunk_rows=chunk_rows)


def _seconds() -> np.ndarray:
    return np.array([SECOND + 600 * k for k in range(6)], dtype=np.int64)


@pytest.mark.parametrize(
    ("made", "factor"),
    [
        (lambda s: pd.Series(pd.to_datetime(s, unit="ms")), "1,000"),  # seconds converted as milliseconds
        (lambda s: pd.Series(pd.to_datetime(s)), "1,000,000,000"),  # seconds converted as nanoseconds
        (lambda s: pd.Series(pd.to_datetime(s, unit="ms", utc=True)), "1,000"),  # with a time zone
        (lambda s: pd.Series(pd.to_datetime(s, unit="ms")).astype("datetime64[ms]"), "1,000"),
        (lambda s: pd.Series(pd.to_datetime(s, unit="us")).astype("timestamp[us][pyarrow]"), "1,000,000"),
        (lambda s: pd.to_datetime(s, unit="ms").to_numpy(), "1,000"),
    ],
)
def test_datetimes_made_from_numbers_with_too_fine_a_unit_are_refused_as_the_numbers_are(made, factor):
    # the same numbers as text with that unit were refused; the datetimes were every row ok, in 1970
    values = made(_seconds())
    with pytest.raises(InputError) as error:
        zonetime.to_ns(values, name="ts")
    text = str(error.value)
    assert "ts" in text and "1970" in text and factor in text and "2024-07-01 00:00:00" in text, text
    with pytest.raises(InputError, match="ms"):
        zonetime.to_ns(pd.Series([str(v) for v in _seconds()]), unit="ms", name="ts")


def test_datetimes_made_from_numbers_with_too_fine_a_unit_are_refused_by_every_entry(model):
    times = pd.Series(pd.to_datetime(_seconds(), unit="ms"), name="ts")
    fixes = pd.DataFrame({"vehicle": 1, "ts": times, "lon": 116.40 + 0.02 * np.arange(6), "lat": 39.79})
    with pytest.raises(InputError, match="1970"):
        model.events(fixes)
    with pytest.raises(InputError, match="1970"):
        model.classify(fixes.lon, fixes.lat, times=fixes.ts)


def test_a_datetime_far_from_its_column_gets_the_status_numbers_get(model):
    # a 0 a device wrote for no time, converted: 1970-01-01 among 2024; with the numbers and a unit it was a
    # stray, as datetimes its row was ok (a gap of 54 years, the zone in force in 1970)
    seconds = [*_seconds()[:3], 0, *_seconds()[3:]]
    for times in (
        pd.Series(pd.to_datetime(seconds, unit="s")),  # naive: Beijing time
        pd.Series(pd.to_datetime(seconds, unit="s", utc=True)),
        pd.Series(pd.to_datetime(seconds, unit="s")).astype("timestamp[ms][pyarrow]"),
    ):
        assert (
            zonetime.to_ns(times)[1].tolist()
            == zonetime.to_ns(seconds, unit="s")[1].tolist()
            == [
                0,
                0,
                0,
                zonetime.TIME_STRAY,
                0,
                0,
                0,
            ]
        )
        fixes = pd.DataFrame({"vehicle": 1, "ts": times, "lon": 116.40 + 0.02 * np.arange(7), "lat": 39.79})
        status = model.events(fixes).rows["status"].astype(str).tolist()
        assert status == ["ok"] * 3 + [STRAY] + ["ok"] * 3
        got = model.classify(fixes.lon, fixes.lat, times=fixes.ts, status=True)
        assert got["status"].astype(str).tolist() == status


def test_times_of_another_year_and_counted_from_a_start_stay_as_given():
    # the rules need most of the column in 1990-2099 to call one far: datetimes of one old year, and times since
    # a start (small numbers, datetimes near 1970-01-01 00:00) are read as given
    old = pd.Series(pd.to_datetime(["1985-03-01 08:00", "1985-03-01 08:10"]))
    assert zonetime.to_ns(old)[1].tolist() == [0, 0]
    start = pd.Series(pd.to_datetime([0, 60, 120], unit="s"))
    assert zonetime.to_ns(start)[1].tolist() == [0, 0, 0]
    assert zonetime.to_ns([0, 60, 120], unit="s")[1].tolist() == [0, 0, 0]


def test_the_spans_of_the_chunks_add_up_to_the_span_of_the_column():
    values = pd.Series([SECOND, SECOND + 1, 45500, None, SECOND + 2], dtype="Int64")
    whole = zonetime.time_span(values, "s")
    parts = [zonetime.time_span(values.iloc[a:b], "s") for a, b in ((0, 2), (2, 4), (4, 5))]
    assert whole is not None and all(p is not None for p in parts)
    assert parts[0] + parts[1] + parts[2] == whole
    assert (whole.usable, whole.inside) == (4, 3)
    assert zonetime.time_span(pd.Series([1719792000])) is None  # (no rule applies: numbers without a unit)
    assert zonetime.time_span(pd.Series(["2024-07-01 08:00"])) == zonetime.TimeSpan.of(
        *zonetime.to_ns(pd.Series(["2024-07-01 08:00"]))
    )  # (dates written as text: judged as datetimes are)
    # a chunk judged with the column's span: its one time is a stray, not a column in the wrong unit
    _, codes = zonetime.to_ns(values.iloc[2:3], "s", span=whole)
    assert codes.tolist() == [zonetime.TIME_STRAY]
    with pytest.raises(InputError, match="1970"):
        zonetime.to_ns(pd.Series([45500.5]), "s")


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster in this process (threads)."""
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


def test_dask_engines_judge_the_whole_column_as_the_local_engines(model, tmp_path, cluster):
    # parts of 50 rows: the last holds vehicle 99's rows alone, as may a partition after the events job's
    # shuffle; such a partition was judged alone (a file refused, or its times taken)
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    fleet = _fleet()
    folder = tmp_path / "in"
    folder.mkdir()
    for k, start in enumerate(range(0, len(fleet), 50)):
        fleet.iloc[start : start + 50].to_parquet(folder / f"part.{k}.parquet", index=False)
    want = _want(model, fleet)
    where = cluster.scheduler_address
    locate_parquet_dask(model, folder, tmp_path / "located", time_col="ts", time_unit="s", scheduler=where)
    got = pd.read_parquet(tmp_path / "located")
    assert got["status"].astype(str).tolist() == want
    report = events_parquet_dask(model, folder, tmp_path / "events", time_unit="s", partitions=21, scheduler=where)
    assert report.rejected == {STRAY: 5}


def test_dask_events_of_one_input_part_shuffled_into_many_judge_the_whole_column(model, tmp_path, cluster):
    # one input partition, 21 after the shuffle by vehicle: the column is still judged whole
    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    _fleet().to_parquet(folder / "part.0.parquet", index=False)
    where = cluster.scheduler_address
    report = events_parquet_dask(model, folder, tmp_path / "events", time_unit="s", partitions=21, scheduler=where)
    assert report.rejected == {STRAY: 5} and report.partitions == 21


# -- dates written as text ------------------------------------------------------------------------------------------
TEXT_TIMES = ["2024-11-01 08:00:00", "1970-01-01 08:00:00", "2024-11-01 08:01:00", "2024-11-01 08:02:00"]


@pytest.mark.parametrize("kind", ["object", "string", "list"])
def test_a_text_date_far_from_the_others_is_a_status(kind):
    """A 1970-01-01 (or 1900-01-01) an export wrote for no time, among text dates of 2024, was a time: a gap of
    54 years in the trip, its row ok. It gets the status a typed datetime far from its column's others gets."""
    from avzone.zonetime import TIME_STRAY, to_ns

    values = {"object": pd.Series(TEXT_TIMES, dtype=object), "string": pd.Series(TEXT_TIMES, dtype="string"),
              "list": TEXT_TIMES}[kind]  # fmt: skip
    _, codes = to_ns(values)
    assert codes.tolist() == [0, TIME_STRAY, 0, 0]
    _, codes = to_ns(["1970-01-01 08:00:00", "1970-01-01 08:01:00"])  # a column all in 1970: times as given
    assert codes.tolist() == [0, 0]


def test_events_leave_a_text_date_far_from_the_others_out(model):
    df = pd.DataFrame(
        {
            "vehicle": "a",
            "ts": TEXT_TIMES,
            "lon": [116.5, 116.5005, 116.501, 116.502],
            "lat": [39.79, 39.7905, 39.791, 39.792],
        }
    )
    res = model.events(df)
    assert res.rows["status"].tolist()[1].startswith("time far from its column's others")
    assert not res.rows["used"].iloc[1]
    row = res.summary.set_index("zone").loc["current"]
    assert row["trip_s"] == 120.0 and row["gaps"] == 0 and str(row["start"]) == "2024-11-01 08:00:00+08:00"


def test_a_file_job_judges_the_whole_text_column(model, tmp_path):
    """Chunks of a file are judged as the whole column: a chunk of 1970 dates alone is not its own column."""
    from avzone.batch import locate_file

    src, dst = tmp_path / "fixes.csv", tmp_path / "out.csv"
    rows = ["lon,lat,ts"] + [f"116.5,39.79,2024-11-01 08:{m:02d}:00" for m in range(30)]
    rows += ["116.5,39.79,1970-01-01 08:00:00"] * 4
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    locate_file(model, src, dst, time_col="ts", chunk_rows=4)
    status = pd.read_csv(dst)["status"].tolist()
    assert status[:30] == ["ok"] * 30 and all(s.startswith("time far from its column's others") for s in status[30:])
