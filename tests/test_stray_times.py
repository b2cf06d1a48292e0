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


# -- the years of the rule are Beijing time's, whatever the kind of time ----------------------------------------------
#: Naive (Beijing time) around the rule's years, among times of 2024: a second before 1990-01-01 00:00, that instant,
#: the last second before 2100-01-01 00:00, that instant.
CLOCK_TIMES = [
    "2024-07-01 08:00:00",
    "1989-12-31 23:59:59",
    "2024-07-01 08:10:00",
    "1990-01-01 00:00:00",
    "2024-07-01 08:20:00",
    "2099-12-31 23:59:59",
    "2024-07-01 08:30:00",
    "2100-01-01 00:00:00",
    "2024-07-01 08:40:00",
    "2024-07-01 08:50:00",
]
CLOCK_CODES = [0, zonetime.TIME_STRAY, 0, 0, 0, 0, 0, zonetime.TIME_STRAY, 0, 0]


def _clock_kinds() -> dict[str, tuple[object, str | None]]:
    """CLOCK_TIMES as every kind of time: (times, unit)."""
    naive = pd.Series(pd.to_datetime(CLOCK_TIMES))
    zoned = naive.dt.tz_localize("+08:00")
    seconds = (zoned - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    return {
        "naive text": (pd.Series(CLOCK_TIMES, dtype=object), None),
        "naive text list": (CLOCK_TIMES, None),
        "zoned text": (pd.Series([f"{t}+08:00" for t in CLOCK_TIMES], dtype="string"), None),
        "UTC text": (pd.Series(zoned.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ"), dtype=object), None),
        "naive datetime64[ns]": (naive, None),
        "naive datetime64[s]": (naive.astype("datetime64[s]"), None),
        "naive numpy": (naive.to_numpy(), None),
        "zoned +08:00": (zoned, None),
        "zoned Asia/Shanghai": (naive.dt.tz_localize("Asia/Shanghai"), None),
        "zoned UTC": (zoned.dt.tz_convert("UTC"), None),
        "Arrow naive": (naive.astype("timestamp[ms][pyarrow]"), None),
        "Arrow UTC": (zoned.dt.tz_convert("UTC").astype("timestamp[us, tz=UTC][pyarrow]"), None),
        "epoch seconds": (seconds.to_numpy(), "s"),
        "epoch milliseconds as text": (pd.Series((seconds * 1000).astype(str)), "ms"),
    }


@pytest.mark.parametrize("kind", list(_clock_kinds()))
def test_the_years_of_a_time_far_from_its_column_are_beijing_time_for_every_kind_of_time(kind):
    """Naive text and zoned times were judged in UTC, naive datetimes on their Beijing clock: a naive text
    1990-01-01 00:00 (1989-12-31T16:00Z) among dates of 2024 was far from its column, the same datetime not, and a
    naive text 2100-01-01 00:00 was a time while the datetime was not. The years are Beijing time's for all."""
    times, unit = _clock_kinds()[kind]
    ns, codes = zonetime.to_ns(times, unit, name="ts")
    assert codes.tolist() == CLOCK_CODES
    instants = pd.Series(pd.to_datetime(CLOCK_TIMES)).dt.tz_localize("+08:00") - pd.Timestamp(0, tz="UTC")
    keep = np.array(CLOCK_CODES) == 0
    assert ns[keep].tolist() == (instants // pd.Timedelta(1, "ns"))[keep].tolist()
    span = zonetime.time_span(times, unit, "ts")
    assert span is not None and (span.usable, span.inside) == (10, 8)
    parts = [zonetime.time_span(pd.Series(times).iloc[a : a + 3], unit, "ts") for a in range(0, 10, 3)]
    assert sum(parts[1:], parts[0]).inside == 8  # type: ignore[arg-type, union-attr]
    for a in range(0, 10, 3):  # each chunk judged with the whole column's span
        _, got = zonetime.to_ns(pd.Series(times).iloc[a : a + 3], unit, "ts", span=span)
        assert got.tolist() == CLOCK_CODES[a : a + 3], a


def test_the_status_of_a_time_far_from_its_column_says_beijing_time():
    from avzone import points
    from avzone.i18n import Message

    text = zonetime.TIME_TEXT[zonetime.TIME_STRAY]
    assert text.startswith("time far from its column's others: before 1990 or from 2100 on, Beijing time, "), text
    assert points.status_labels()[points.TIME_STRAY] == text == Message("time_stray").text("en")
    zh = Message("time_stray").text("zh")
    assert zh.startswith("时间与该列其他时间相差太远：在北京时间 1990 年之前或 2100 年及以后"), zh


def test_events_classify_and_file_jobs_judge_the_years_in_beijing_time(model, tmp_path):
    """model.events (its fast path reading a datetime or integer column's numbers), classify(times=) and the file
    jobs (a CSV's text column, a Parquet's datetimes; in chunks) give the same value the same status."""
    want = ["ok" if c == 0 else STRAY for c in CLOCK_CODES]
    lon = 116.42 + np.arange(10) * 0.001
    kinds = _clock_kinds()
    for kind in ("naive text", "naive datetime64[ns]", "naive datetime64[s]", "zoned +08:00", "zoned UTC",
                 "Arrow naive", "epoch seconds"):  # fmt: skip
        times, unit = kinds[kind]
        df = pd.DataFrame({"vehicle": "a", "ts": times, "lon": lon, "lat": 39.79})
        rows = model.events(df, zones=["current"], time_unit=unit).rows
        assert rows.status.astype(str).tolist() == want, kind
        status = model.classify(df.lon, df.lat, times=df.ts, time_unit=unit, status=True)["status"]
        assert status.astype(str).tolist() == want, kind
    base = pd.DataFrame({"vehicle": "a", "ts": CLOCK_TIMES, "lon": lon, "lat": 39.79})
    csv = tmp_path / "fixes.csv"
    base.to_csv(csv, index=False)
    typed = base.assign(ts=pd.to_datetime(base.ts))
    naive_pq, zoned_pq = tmp_path / "naive.parquet", tmp_path / "zoned.parquet"
    typed.to_parquet(naive_pq, index=False)
    typed.assign(ts=typed.ts.dt.tz_localize("Asia/Shanghai")).to_parquet(zoned_pq, index=False)
    for src in (csv, naive_pq, zoned_pq):
        for chunk_rows in (1_000_000, 3):
            out = tmp_path / f"out-{src.stem}-{chunk_rows}.csv"
            locate_file(model, src, out, time_col="ts", chunk_rows=chunk_rows)
            assert pd.read_csv(out)["status"].tolist() == want, (src.name, chunk_rows)
            rows = tmp_path / f"rows-{src.stem}-{chunk_rows}.csv"
            events_file(model, src, tmp_path / "events.csv", annotate=rows, chunk_rows=chunk_rows)
            assert pd.read_csv(rows)["status"].tolist() == want, (src.name, chunk_rows)


def test_dask_engines_judge_the_years_in_beijing_time(model, tmp_path, cluster):
    from avzone.distributed import events_parquet_dask, locate_parquet_dask

    want = ["ok" if c == 0 else STRAY for c in CLOCK_CODES]
    lon = 116.42 + np.arange(10) * 0.001
    where = cluster.scheduler_address
    for kind, ts in (("text", pd.Series(CLOCK_TIMES)), ("naive", pd.to_datetime(pd.Series(CLOCK_TIMES)))):
        fixes = pd.DataFrame({"vehicle": np.arange(10) % 2, "ts": ts, "lon": lon, "lat": 39.79})
        folder = tmp_path / kind
        folder.mkdir()
        for k, start in enumerate(range(0, 10, 4)):
            fixes.iloc[start : start + 4].to_parquet(folder / f"part.{k}.parquet", index=False)
        located = tmp_path / f"located-{kind}"
        locate_parquet_dask(model, folder, located, time_col="ts", scheduler=where)
        assert pd.read_parquet(located)["status"].astype(str).tolist() == want, kind
        report = events_parquet_dask(model, folder, tmp_path / f"events-{kind}", partitions=3, scheduler=where)
        assert report.rejected == {STRAY: 2}, kind


def test_chunks_of_naive_and_zoned_datetimes_are_compared_as_instants():
    # a column whose chunks are naive datetimes (Beijing time, judged on their wall clock) in some and datetimes
    # with a zone (UTC) in others, as Parquet files or row groups may be: each chunk's first and last were kept on
    # its own clock, so 08:00 (naive, 00:00Z) came after 01:00Z. They are now compared as instants, in Beijing time
    naive = pd.Series(pd.to_datetime(["2024-07-01 08:00", "2024-07-01 08:30"]))  # 00:00Z and 00:30Z
    zoned = pd.Series(pd.to_datetime(["2024-07-01 01:00", "2024-06-30 23:00"])).dt.tz_localize("UTC")
    parts = [zonetime.time_span(naive), zonetime.time_span(zoned)]
    assert parts[0] is not None and parts[1] is not None
    beijing = pd.Series(
        pd.to_datetime(["2024-07-01 07:00", "2024-07-01 08:00", "2024-07-01 08:30", "2024-07-01 09:00"])
    )
    whole = zonetime.time_span(beijing)  # (the same instants, all naive)
    assert whole is not None
    for total in (parts[0] + parts[1], parts[1] + parts[0], zonetime.TimeSpan() + parts[1] + parts[0]):
        assert total == whole
        assert str(np.datetime64(total.lo, "ns")) == "2024-07-01T07:00:00.000000000"  # 2024-06-30 23:00Z
        assert str(np.datetime64(total.hi, "ns")) == "2024-07-01T09:00:00.000000000"  # 01:00Z
    # one clock throughout: the first and last as written, as before
    assert parts[1] + parts[1] == zonetime.time_span(pd.concat([zoned, zoned]))
    # text with and without an offset is read as instants in every chunk: compared so already
    text = [zonetime.time_span(pd.Series(["2024-07-01 08:00"])), zonetime.time_span(pd.Series(["2024-07-01T01:00Z"]))]
    assert text[0] is not None and text[1] is not None
    assert (text[0] + text[1]).lo == text[0].lo and (text[0] + text[1]).hi == text[1].hi
