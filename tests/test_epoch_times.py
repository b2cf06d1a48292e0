"""Epoch times (numbers as times) with an explicit unit: to_ns, events, classify; a number without a unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import SUB_CENTER, run_cli

import avzone
from avzone import events as ev_mod
from avzone import zonetime
from avzone.i18n import Message

#: 2024-06-30T00:00:00Z and that instant in each unit.
T0_S = 1719705600
T0_NS = T0_S * 10**9
IN_UNITS = {"s": T0_S, "ms": T0_S * 10**3, "us": T0_S * 10**6, "ns": T0_NS}
FIRST_S = int(zonetime.TIME_FIRST.astype(np.int64))  # 1900-01-01 00:00 Beijing time (1899-12-31T16:00Z) in seconds
END_S = int(zonetime.TIME_END.astype(np.int64))  # 2190-01-01 00:00 Beijing time (2189-12-31T16:00Z) in seconds
NUMBER_TEXT = "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)"


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_integers_in_each_unit_are_utc_epoch_times(unit):
    per = zonetime.TIME_UNITS[unit]
    first, end = FIRST_S * 10**9 // per, END_S * 10**9 // per
    values = np.array([IN_UNITS[unit], IN_UNITS[unit] + 1, first, first - 1, end - 1, end], dtype=np.int64)
    ns, codes = zonetime.to_ns(values, unit=unit)
    assert codes.tolist() == [0, 0, 0, zonetime.TIME_RANGE, 0, zonetime.TIME_RANGE]
    assert ns[:3].tolist() == [T0_NS, T0_NS + per, FIRST_S * 10**9]
    assert ns[4] == END_S * 10**9 - per and ns[3] == ns[5] == np.iinfo(np.int64).min
    # UTC, not Beijing time: the epoch number equals the Z time, eight hours before naive text of the same clock
    assert ns[0] == zonetime.to_ns(["2024-06-30T00:00:00Z"])[0][0] == zonetime.to_ns(["2024-06-30 08:00"])[0][0]


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_every_integer_type_and_extreme_values_get_a_code_never_a_wrapped_time(unit):
    big = np.array([np.iinfo(np.int64).max, np.iinfo(np.int64).min, IN_UNITS[unit]], dtype=np.int64)
    assert zonetime.to_ns(big, unit=unit)[1].tolist() == [3, 3, 0]
    unsigned = np.array([np.iinfo(np.uint64).max, IN_UNITS[unit]], dtype=np.uint64)
    ns, codes = zonetime.to_ns(unsigned, unit=unit)
    assert codes.tolist() == [3, 0] and ns[1] == T0_NS
    nullable = pd.Series([IN_UNITS[unit], None], dtype="Int64")
    ns, codes = zonetime.to_ns(nullable, unit=unit)
    assert codes.tolist() == [0, zonetime.TIME_MISSING] and ns[0] == T0_NS
    arrow = pd.Series(pd.array([IN_UNITS[unit], None], dtype=pd.ArrowDtype(pa.int64())))
    assert zonetime.to_ns(arrow, unit=unit)[0][0] == T0_NS
    small = np.array([3], dtype=np.int32)  # 3 units after the epoch
    assert zonetime.to_ns(small, unit=unit)[0][0] == 3 * zonetime.TIME_UNITS[unit]


def test_floats_keep_their_fractions_rounded_to_the_nanosecond():
    floats = np.array([T0_S + 0.25, T0_S + 0.123456, np.nan, np.inf, -np.inf, END_S - 0.5, END_S + 0.0, 1.5e-9])
    ns, codes = zonetime.to_ns(floats, unit="s")
    assert codes.tolist() == [0, 0, 1, 3, 3, 0, 3, 0]
    assert ns[0] == T0_NS + 250_000_000
    assert abs(int(ns[1]) - (T0_NS + 123_456_000)) <= 256  # a float holds seconds of today to ~0.2 microseconds
    assert ns[5] == END_S * 10**9 - 500_000_000 and ns[7] == 2  # 1.5 ns: a half up
    ms, mcodes = zonetime.to_ns([T0_S * 1e3 + 0.5, 0.0000004, -0.0000005], unit="ms")
    assert mcodes.tolist() == [0, 0, 0] and ms.tolist() == [T0_NS + 500_000, 0, 0]  # -0.5 ns: up, to 0
    assert [int(zonetime.to_ns([v], unit="ns")[0][0]) for v in (2.5, 3.5, -2.5, 2.4999)] == [3, 4, -2, 2]
    edges = zonetime.to_ns([FIRST_S - 0.5, float(FIRST_S), -1.25], unit="s")
    assert edges[1].tolist() == [3, 0, 0] and edges[0][1:].tolist() == [FIRST_S * 10**9, -1_250_000_000]


def test_text_numbers_are_numbers_in_the_unit_and_dates_stay_dates():
    cells = [f" {T0_S * 1000} ", f"{T0_S * 1000}.5", "1.7197056e12", "2024-06-30T08:00:00+08:00", "soon", "", None]
    for values in (pd.Series(cells, dtype=object), pd.Series(cells, dtype="string[pyarrow]")):
        ns, codes = zonetime.to_ns(values, unit="ms")
        assert codes.tolist() == [0, 0, 0, 0, zonetime.TIME_INVALID, 1, 1]
        assert ns[:4].tolist() == [T0_NS, T0_NS + 500_000, T0_NS, T0_NS]
    huge = zonetime.to_ns(["9" * 30, "-" + "9" * 30, str(T0_NS)], unit="ns")
    assert huge[1].tolist() == [3, 3, 0] and huge[0][2] == T0_NS  # 19 digits, exactly
    mixed = pd.Series([T0_S, "2024-06-30 08:00", 1.5, True, pd.Timestamp("2024-06-30T00:00Z")], dtype=object)
    ns, codes = zonetime.to_ns(mixed, unit="s")
    # (1.5 s, 1970, among times of 2024: a time far from its column's others, not a time; alone it is one)
    assert codes.tolist() == [0, 0, zonetime.TIME_STRAY, zonetime.TIME_INVALID, 0]
    assert ns.tolist()[:2] == [T0_NS, T0_NS] and ns[4] == T0_NS
    assert zonetime.to_ns(pd.Series([1.5], dtype=object), unit="s")[0].tolist() == [1_500_000_000]


def test_a_number_without_a_unit_says_to_give_its_unit():
    assert zonetime.TIME_TEXT[zonetime.TIME_NUMBER] == NUMBER_TEXT
    for values in (
        np.array([T0_S, T0_S], dtype=np.int64),
        np.array([T0_S + 0.5, np.nan]),
        pd.Series([str(T0_S), None], dtype=object),
        pd.Series([str(T0_S), None], dtype="string[pyarrow]"),
        pd.Series([T0_S, None], dtype=object),
        pd.Series([T0_S, None], dtype="Int64"),
    ):
        codes = zonetime.to_ns(values)[1]
        assert codes[0] == zonetime.TIME_NUMBER, values
        assert codes[1] in (zonetime.TIME_NUMBER, zonetime.TIME_MISSING)
    assert zonetime.to_ns(np.array([True]))[1].tolist() == [zonetime.TIME_INVALID]  # a boolean is no number here
    assert zonetime.to_ns(["20240630"])[1].tolist() == [0]  # a date in ISO 8601's basic form, as ever
    chinese = Message(zonetime.TIME_KEYS[zonetime.TIME_NUMBER]).text("zh")
    assert chinese == "时间是数字：请给出其单位（time_unit / --time-unit s、ms、us 或 ns，自 1970-01-01 UTC 起）"
    assert Message(zonetime.TIME_KEYS[zonetime.TIME_NUMBER]).text("en") == NUMBER_TEXT


@pytest.mark.parametrize("bad", ["sec", "S", "", 1, "milliseconds"])
def test_an_unknown_unit_is_refused_naming_the_option_in_english_and_chinese(model, bad):
    english = f"time_unit must be one of s, ms, us, ns (the unit of epoch times since 1970-01-01 UTC), got {bad!r}"
    chinese = f"time_unit 必须是 s、ms、us、ns 之一（自 1970-01-01 UTC 起的纪元时间单位），收到的是 {bad!r}"
    fixes = pd.DataFrame({"vehicle": [1], "ts": [T0_S], "lon": [116.5], "lat": [39.79]})
    calls = (
        lambda: zonetime.to_ns([T0_S], unit=bad),
        lambda: model.events(fixes, time_unit=bad),
        lambda: model.classify([116.5], [39.79], times=[T0_S], time_unit=bad),
    )
    for call in calls:
        with pytest.raises(avzone.InputError) as err:
            call()
        message = err.value.args[0]
        assert isinstance(message, Message) and str(err.value) == english and message.text("zh") == chinese


def _fleet() -> pd.DataFrame:
    """Two vehicles crossing into and out of the current zone, their times as UTC datetimes, rows shuffled."""
    start = pd.Timestamp("2024-07-01T00:00:00Z")
    rows = []
    for car, lat in (("a", 39.79), ("b", 39.80)):
        for k in range(16):
            lon = 116.40 + 0.01 * k if k < 8 else 116.47 - 0.01 * (k - 8)
            rows.append((car, start + pd.Timedelta(seconds=61.25 * k + (car == "b")), lon, lat))
    df = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    return df.sample(frac=1.0, random_state=3).reset_index(drop=True)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_events_on_epoch_numbers_equal_events_on_the_same_datetimes(model, unit):
    df = _fleet()
    want = model.events(df, zones=["current"])
    assert set(want.events["event"]) == {"enter", "exit"}
    per = zonetime.TIME_UNITS[unit]
    ns = df["ts"].dt.as_unit("ns").astype("int64")
    variants = []
    if unit != "ns":  # (a float cannot hold today's nanoseconds: 2**53 ns is 104 days)
        floats = (ns // 10**3) / (per // 10**3)  # quarter seconds: exact as floats (microseconds are)
        variants += [floats, floats.map(repr)]  # and as text (a CSV column read as text)
    if unit != "s":
        assert (ns % per == 0).all()  # whole milliseconds: exact as integers
        variants += [ns // per, (ns // per).map(str), (ns // per).astype("Int64")]
    for times in variants:
        got = model.events(df.assign(ts=times), zones=["current"], time_unit=unit)
        pd.testing.assert_frame_equal(got.events, want.events)
        pd.testing.assert_frame_equal(got.summary, want.summary)
        pd.testing.assert_frame_equal(got.rows, want.rows)


def test_events_integer_fast_path_gives_out_of_range_and_missing_their_statuses(model):
    df = _fleet()
    seconds = (df["ts"].dt.as_unit("ns").astype("int64") // 10**9).to_numpy()
    times = seconds.copy()
    times[0] = END_S  # out of range: the fast path hands the column to to_ns
    res = model.events(df.assign(ts=times), zones=["current"], time_unit="s")
    assert res.rows["status"].iloc[0] == zonetime.TIME_TEXT[zonetime.TIME_RANGE]
    raw, offset, codes = ev_mod._raw_times(pd.Series(seconds), "s")
    assert codes.size == 0 and offset == 0 and raw.tolist() == (seconds * 10**9).tolist()
    with_missing = pd.Series(seconds, dtype="Int64")
    with_missing.iloc[1] = None
    res = model.events(df.assign(ts=with_missing), zones=["current"], time_unit="s")
    assert res.rows["status"].iloc[1] == "missing time"


def test_events_without_a_unit_give_numbers_the_status_that_says_so(model):
    df = _fleet()
    res = model.events(df.assign(ts=df["ts"].dt.as_unit("s").astype("int64")), zones=["current"])
    assert set(res.rows["status"]) == {NUMBER_TEXT} and len(res.events) == 0
    assert res.rejected() == {NUMBER_TEXT: len(df)}


def test_classify_with_epoch_times(model):
    expansion = model.layer_info("planned").get("valid_from")
    start = int(pd.Timestamp(f"{expansion}T00:00:00+08:00").value)  # the expansion, UTC nanoseconds
    lon, lat = 116.715, 39.905  # in planned, not current
    for unit, per in zonetime.TIME_UNITS.items():
        times = [start // per, start // per - 1, None]
        got = model.classify([lon] * 3, [lat] * 3, times=times, time_unit=unit)["in_force"].astype(object)
        assert [None if v is pd.NA else v for v in got] == [True, False, None]
    assert model.classify([lon], [lat], times=[start // 10**9])["in_force"].isna().all()


def test_partitions_keep_numbers_as_numbers_and_nanoseconds_exact():
    from avzone.tracks import _time_column, partition_times

    col = pa.array([T0_NS + 1, None], pa.int64())
    assert _time_column(col).type == pa.int64() and _time_column(pa.array([1.5])).type == pa.float64()
    times = partition_times(pa.chunked_array([col]))
    ns, codes = zonetime.to_ns(times, unit="ns")  # as floats, T0_NS + 1 would be T0_NS
    assert ns[0] == T0_NS + 1 and codes.tolist() == [0, zonetime.TIME_MISSING]


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_numbers_written_as_text_are_read_exactly_from_their_digits(unit):
    per = zonetime.TIME_UNITS[unit]
    t0 = IN_UNITS[unit]
    texts = [
        f"{t0}.1",
        f"{t0}.5",
        f"{t0}.0000000005",
        f"{t0}.00000000049999",
        f"-{t0}.1",
        f"{str(t0)[:-1]}.{str(t0)[-1]}e1",
        "+.5",
    ]
    # (read in two groups: among the times of 2024 "+.5", 1970, is a time far from its column's others)
    assert zonetime.to_ns(texts, unit)[1][6] == zonetime.TIME_STRAY
    ns, codes = np.empty(len(texts), dtype=np.int64), np.empty(len(texts), dtype=np.uint8)
    for group in ([0, 1, 2, 3, 5], [4, 6]):
        ns[group], codes[group] = zonetime.to_ns([texts[i] for i in group], unit)
    assert codes.tolist()[:4] == [0, 0, 0, 0] and codes[6] == 0

    def half_up(num: int, den: int) -> int:  # num / den rounded to the nearest integer, a half up
        return (2 * num + den) // (2 * den)

    # through a float "1719705600.1" s was 1719705600099999905 ns
    assert ns[0] == T0_NS + half_up(per, 10) and ns[1] == T0_NS + half_up(per, 2)
    # a fraction of a nanosecond rounded half up (to the later nanosecond), as a float's is
    assert ns[2] == T0_NS + half_up(5 * per, 10**10) and ns[3] == T0_NS + half_up(49999 * per, 10**14)
    assert ns[5] == T0_NS and ns[6] == half_up(per, 2)
    if unit in ("us", "ns"):  # (-1719705600.1 s and ms are before 1900)
        assert ns[4] == -T0_NS + half_up(-per, 10)
    # a text beyond any time, or a fraction too small to count, does not build huge numbers
    ns, codes = zonetime.to_ns(["1e999999999", "1e-999999999", "-1e999999999", "0.0e99999"], unit)
    assert codes.tolist() == [zonetime.TIME_RANGE, 0, zonetime.TIME_RANGE, 0] and ns[[1, 3]].tolist() == [0, 0]


@pytest.mark.parametrize("unit", ["s", "ms"])
def test_float32_epoch_times_are_refused_naming_the_column(unit, tmp_path):
    # a float32 steps by 128 s at today's epoch seconds: 1719705600 + 60 is 1719705600 again
    values = np.array([IN_UNITS[unit], IN_UNITS[unit] + 60 * 10 ** (3 if unit == "ms" else 0)], dtype=np.float32)
    if unit == "s":
        assert values[0] == values[1]
    want = "the times are float32 numbers, which cannot hold epoch times"
    with pytest.raises(avzone.InputError) as err:
        zonetime.to_ns(values, unit)
    assert str(err.value).startswith(f"times: {want}") and "int64 (or float64)" in str(err.value)
    with pytest.raises(avzone.InputError, match=f"^times: {want}"):
        avzone.load().classify([116.5, 116.5], [39.8, 39.8], times=pd.Series(values), time_unit=unit)
    with pytest.raises(avzone.InputError, match=f"^times: {want}"):  # pandas' nullable Float32 too
        zonetime.to_ns(pd.Series(values, dtype="Float32"), unit)
    fixes = pd.DataFrame({"vehicle": [1, 1], "t": values, "lon": [116.5] * 2, "lat": [39.8] * 2})
    with pytest.raises(avzone.InputError, match=f"^time column 't': {want}"):
        avzone.load().events(fixes, time="t", time_unit=unit)
    assert zonetime.to_ns(values)[1].tolist() == [zonetime.TIME_NUMBER] * 2  # without a unit: its status, as ever
    assert zonetime.to_ns(values.astype(np.float64), unit)[1].tolist() == [0, 0]  # float64: read as it is
    lon, lat = SUB_CENTER
    src = tmp_path / "f32.parquet"
    pq.write_table(pa.table({"vehicle": ["a", "a"], "ts": values, "lon": [lon] * 2, "lat": [lat] * 2}), src)
    for args in (["events"], ["locate", "--time-col", "ts"]):
        out = run_cli(*args, "--input", str(src), "--output", str(tmp_path / "o.csv"), "--time-unit", unit)
        assert out.returncode == 2 and f"{src}: ts: {want}" in out.stderr and not (tmp_path / "o.csv").exists()


def test_float32_epoch_times_among_other_values_are_refused_as_a_float32_column_is():
    """A float32 in an object column (numpy scalars in a pandas object column, or beside text) was read as if exact:
    1719705600 + 60 s stored as float32 is 1719705600, a minute off, with no word; a float32 column is refused."""
    exact = T0_S + 60
    assert int(np.float32(exact)) == T0_S  # (what the float32 holds: the minute is lost)
    want = "the times are float32 numbers, which cannot hold epoch times"
    for cells in ([np.float32(exact)], [np.float32(exact), "2024-06-30 08:00"], [T0_S, np.float16(1.0), None]):
        column = pd.Series(cells, dtype=object)
        narrow = "float16" if np.float16 in map(type, cells) else "float32"
        with pytest.raises(avzone.InputError, match=f"^times: {want.replace('float32', narrow)}"):
            zonetime.to_ns(column, "s")
        assert zonetime.to_ns(column)[1][0] == zonetime.TIME_NUMBER  # without a unit: its status, as ever
    fixes = pd.DataFrame({"vehicle": [1, 1], "t": pd.Series([np.float32(exact), T0_S], dtype=object),
                          "lon": [116.5] * 2, "lat": [39.8] * 2})  # fmt: skip
    with pytest.raises(avzone.InputError, match=f"^time column 't': {want}"):
        avzone.load().events(fixes, time="t", time_unit="s")
    with pytest.raises(avzone.InputError, match=f"^times: {want}"):
        avzone.load().classify([116.5] * 2, [39.8] * 2, times=fixes["t"], time_unit="s")
    # float64 and integer objects beside text are read as they are
    ns, codes = zonetime.to_ns(pd.Series([np.float64(exact), exact, "2024-06-30 08:01"], dtype=object), "s")
    assert codes.tolist() == [0, 0, 0] and ns.tolist() == [(T0_S + 60) * 10**9] * 3


def test_float32_epoch_times_in_a_list_beside_other_values_are_refused_too():
    """A list mixing a numpy float32 with text or integers became a numpy array of text or float64 first, so the
    float32 (a minute off at today's seconds) was read with no word."""
    exact = T0_S + 60
    want = "the times are float32 numbers, which cannot hold epoch times"
    for cells in ([np.float32(exact), "2024-06-30 08:01"], (np.float32(exact), 5), [None, np.float32(exact)]):
        with pytest.raises(avzone.InputError, match=f"^times: {want}"):
            zonetime.to_ns(cells, "s")
        with pytest.raises(avzone.InputError, match=f"^times: {want}"):
            avzone.load().classify([116.5] * 2, [39.8] * 2, times=cells, time_unit="s")
    ns, codes = zonetime.to_ns([np.float64(exact), "2024-06-30 08:01", exact], "s")  # (float64: read as it is)
    assert codes.tolist() == [0, 0, 0] and ns.tolist() == [exact * 10**9] * 3


@pytest.mark.parametrize(("given", "written", "factor"), [("ms", "s", 10**3), ("us", "s", 10**6), ("ns", "ms", 10**6)])
def test_epoch_times_in_a_coarser_unit_than_given_are_refused_naming_the_unit(model, given, written, factor):
    # epoch seconds read as milliseconds land in January 1970: weeks after the epoch, every segment a thousand
    # times too short (no time gap ever found); refused, naming the column and the unit the numbers are in
    fleet = model_fleet(model)
    numbers = fleet["ts"].astype("int64") // zonetime.TIME_UNITS[written]
    with pytest.raises(
        avzone.InputError, match=rf"^ts: the epoch times read as {given} all fall in 1970 .*: give the unit {written} "
    ):
        model.events(fleet.assign(ts=numbers), time_unit=given)
    with pytest.raises(avzone.InputError, match=rf"give the unit {written} "):
        model.events(fleet.assign(ts=numbers.astype(float)), time_unit=given)  # (the general reader)
    with pytest.raises(avzone.InputError, match=rf"give the unit {written} "):
        model.classify(fleet.lon, fleet.lat, times=numbers, time_unit=given)
    assert factor == zonetime.TIME_UNITS[written] // zonetime.TIME_UNITS[given]
    # the right unit is read as ever
    assert len(model.events(fleet.assign(ts=numbers), time_unit=written).events) == len(model.events(fleet).events)


def model_fleet(model):
    from avzone.fleet import synthetic_fleet

    return synthetic_fleet(model, 3, 60, seed=4)


def test_times_since_a_trip_start_and_a_real_time_among_them_are_not_refused(model):
    fleet = model_fleet(model)
    since_start = np.arange(len(fleet), dtype=np.int64) * 1000  # milliseconds since the start: 1970 in every unit
    assert len(model.events(fleet.assign(ts=since_start), time_unit="ms").rows) == len(fleet)
    seconds = (fleet["ts"].astype("int64") // 10**9).to_numpy().copy()
    seconds[0] *= 1000  # one time that is right in milliseconds: not every time in 1970, nothing refused
    ns, codes = zonetime.to_ns(seconds, unit="ms")
    assert codes.tolist() == [0] * len(seconds) and ns[0] == seconds[0] * 10**6


def test_epoch_seconds_given_as_milliseconds_stop_the_file_job_in_english_and_chinese(model, tmp_path):
    fleet = model_fleet(model)
    src = tmp_path / "fixes.csv"
    fleet.assign(ts=fleet["ts"].astype("int64") // 10**9).to_csv(src, index=False)
    out = tmp_path / "events.csv"
    args = ("events", "--input", str(src), "--output", str(out), "--id-col", "vehicle", "--time-col", "ts")
    run = run_cli(*args, "--time-unit", "ms")
    assert run.returncode == 2 and not out.exists(), run.stderr
    assert "the epoch times read as ms all fall in 1970" in run.stderr and "give the unit s" in run.stderr
    zh = run_cli("--lang", "zh", *args, "--time-unit", "ms")
    assert zh.returncode == 2 and "按 ms 读取的纪元时间全部落在 1970 年" in zh.stderr and "请给出单位 s" in zh.stderr
    assert run_cli(*args, "--time-unit", "s").returncode == 0 and out.exists()


def test_excel_serial_dates_given_as_seconds_are_refused_naming_what_they_are(model, tmp_path):
    """Excel's serial dates (days since 1899-12-30, '45474.3333' for 2024-07-01 08:00, what a date cell saved as
    'General' holds) given --time-unit s were read as seconds after the epoch: 1970-01-01, no zone in force, every
    row 'ok' with in_force false. Refused, naming the column and the dates they are as Excel's; seconds since a
    start (whole numbers) are not."""
    lon, lat = SUB_CENTER
    src = tmp_path / "fixes.csv"
    src.write_text(f"id,lon,lat,t\n1,{lon},{lat},45474.3333\n2,{lon},{lat},45474.5\n", "utf-8")
    out = tmp_path / "out.csv"
    run = run_cli("locate", "--input", str(src), "--output", str(out), "--time-col", "t", "--time-unit", "s")
    assert run.returncode == 2 and not out.exists(), run.stderr
    assert (
        "t: the epoch times read as s all fall in 1970 (1970-01-01 12:37:54 to 1970-01-01 12:37:54 UTC), long "
        "before any zone; as Excel's serial dates (days since 1899-12-30) they are 2024-07-01 07:59:57 to "
        "2024-07-01 12:00:00: write them as dates and times (in Excel, format the cells as yyyy-mm-dd hh:mm:ss "
        "before saving)"
    ) in run.stderr
    with pytest.raises(avzone.InputError, match="as Excel's serial dates"):
        model.classify([lon, lon], [lat, lat], times=[45474.3333, 45474.5], time_unit="s")
    _, codes = zonetime.to_ns([45474, 45480, 36000], "s")  # (whole seconds since a start: read as they are)
    assert codes.tolist() == [0, 0, 0]


@pytest.mark.parametrize("unit", ["ms", "us", "ns"])
def test_excel_serial_dates_given_in_a_finer_unit_are_refused_as_in_seconds(model, unit, tmp_path):
    """Excel's serial dates given time_unit ms, us or ns were read as that many units after the epoch: the first
    minute of 1970-01-01, every row 'ok' with in_force false. Refused as in seconds, naming the unit, in every way
    numbers come: numbers, text of numbers, numpy, pandas, polars, Arrow, a file job and events; whole numbers
    (counted from a start) are not."""
    import polars as pl

    lon, lat = SUB_CENTER
    serials = [45583.5, 45583.6]
    what = f"the epoch times read as {unit} all fall in 1970"
    dates = "as Excel's serial dates (days since 1899-12-30) they are 2024-10-18 12:00:00 to 2024-10-18 14:24:00"
    ways = [
        serials,
        [repr(v) for v in serials],
        np.array(serials),
        pd.Series(serials),
        pd.Series([repr(v) for v in serials]),
        pd.Series(serials, dtype="float64[pyarrow]"),
        pa.array(serials),
        pa.array([repr(v) for v in serials]),
        pl.Series(serials),
    ]
    for times in ways:
        with pytest.raises(avzone.InputError) as err:
            model.classify([lon, lon], [lat, lat], times=times, time_unit=unit, status=True)
        assert what in str(err.value) and dates in str(err.value), (times, str(err.value))
    fixes = pd.DataFrame({"vehicle": ["a", "a"], "ts": ["45583.5", "45583.6"], "lon": [lon] * 2, "lat": [lat] * 2})
    with pytest.raises(avzone.InputError, match="as Excel's serial dates"):
        model.events(fixes, time_unit=unit)
    src = tmp_path / "fixes.csv"
    src.write_text(f"id,lon,lat,t\n1,{lon},{lat},45583.5\n2,{lon},{lat},45583.6\n", "utf-8")
    out = tmp_path / "out.csv"
    args = ("locate", "--input", str(src), "--output", str(out), "--time-col", "t", "--time-unit", unit)
    run = run_cli(*args)
    assert run.returncode == 2 and not out.exists(), run.stderr
    assert f"t: {what}" in run.stderr and dates in run.stderr
    zh = run_cli("--lang", "zh", *args)
    assert (
        zh.returncode == 2
        and f"按 {unit} 读取的纪元时间全部落在 1970 年" in zh.stderr
        and "Excel 的序列日期" in zh.stderr
    )
    _, codes = zonetime.to_ns([45583, 45584, 36000], unit)  # (whole numbers since a start: read as they are)
    assert codes.tolist() == [0, 0, 0]
