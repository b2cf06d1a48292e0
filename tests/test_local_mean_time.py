"""Times with an offset that is not whole minutes: tzdata's Asia/Shanghai was +08:05:43 (Shanghai's local mean time)
before 1901. A time with a zone or an offset is that instant whatever the offset, to the second; naive times stay
Beijing time (+08:00)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import numpy as np
import pandas as pd
import pytest
from common import run_cli

import avzone
from avzone import zonetime
from avzone.errors import InputError
from avzone.i18n import error_text

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# 1900-01-01 08:00 on Shanghai's clocks, as tzdata (through pandas) places it: the instant every form below names
WANT = pd.Timestamp("1900-01-01 08:00", tz="Asia/Shanghai").as_unit("ns").value


def test_the_offset_is_not_whole_minutes_in_1900():
    """(What the rest of this file rests on: tzdata's Asia/Shanghai before 1901 is 43 s past a whole minute.)"""
    assert dt.datetime(1900, 1, 1, 8, tzinfo=SHANGHAI).utcoffset() == dt.timedelta(hours=8, minutes=5, seconds=43)
    assert zonetime.beijing_iso(WANT) == "1900-01-01T07:54:17+08:00"


@pytest.mark.parametrize(
    "text",
    [
        "1900-01-01T08:00:00+08:05:43",  # Python's isoformat, Java's ISO_OFFSET_DATE_TIME
        "1900-01-01 08:00:00+08:05:43",  # pandas' str and to_csv
        "1900-01-01T08:00:00+080543",  # strftime's %z
        "1900-01-01T08:00:00[Asia/Shanghai]",  # RFC 9557, the zone alone
        "1900-01-01T08:00:00+08:05:43[Asia/Shanghai]",  # Java's ZonedDateTime
        "1900-01-01T08:00:00+08:06[Asia/Shanghai]",  # Temporal: the offset rounded to the minute
    ],
)
def test_a_text_with_an_offset_to_the_second_is_that_instant(text):
    """'+08:05:43' was 'time not a date/time'; '[Asia/Shanghai]' read as +08:05 (43 s late); '+08:06[Asia/Shanghai]'
    was refused as not Asia/Shanghai's offset (taken as +08:05)."""
    assert zonetime.instant(text) == WANT
    ns, codes = zonetime.to_ns(pd.Series([text, "2024-07-01 08:00"]))
    assert codes.tolist() == [0, 0] and ns[0] == WANT


def test_the_instant_typed_and_written_are_the_same():
    """pandas and Python times in Asia/Shanghai (read as instants already) and their text, as pandas writes it."""
    typed = pd.Series(pd.to_datetime(["1900-01-01 08:00:00", "1900-06-01 12:30:15", "1901-01-01 00:00:00"]))
    typed = typed.dt.tz_localize("Asia/Shanghai")
    written = typed.astype(str)
    assert written.iloc[0] == "1900-01-01 08:00:00+08:05:43"
    ns_typed, codes_typed = zonetime.to_ns(typed)
    ns_text, codes_text = zonetime.to_ns(written)
    ns_py, _ = zonetime.to_ns(pd.Series([t.to_pydatetime() for t in typed], dtype=object))
    assert codes_typed.tolist() == codes_text.tolist() == [0, 0, 0]
    assert ns_text.tolist() == ns_typed.tolist() == ns_py.tolist()
    assert ns_typed[0] == WANT


def test_naive_times_stay_beijing_time_and_the_range_is_checked_to_the_second():
    """A naive 1900 time is Beijing time (+08:00), not tzdata's local mean time; the first instant avzone measures,
    1900-01-01 00:00 Beijing time, is 00:05:43 at +08:05:43, and a second before it is out of range."""
    assert zonetime.beijing_iso(zonetime.instant("1900-01-01 08:00")) == "1900-01-01T08:00:00+08:00"
    ns, codes = zonetime.to_ns(["1900-01-01T00:05:43+08:05:43", "1900-01-01T00:05:42+08:05:43"])
    assert codes.tolist() == [0, zonetime.TIME_RANGE]
    assert ns[0] == zonetime.instant("1900-01-01T00:00:00")
    # a negative offset to the second (Africa/Monrovia's -00:44:30 of 1919-1972), a fraction kept
    assert zonetime.beijing_iso(zonetime.instant("1950-01-01 12:00:00.5-00:44:30")) == "1950-01-01T20:44:30.5+08:00"
    # an offset of whole minutes written to the second
    assert zonetime.instant("2024-07-01T08:00:00+08:00:00") == zonetime.instant("2024-07-01 08:00")


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("1900-01-01T08:00:00+08:00[Asia/Shanghai]", "+08:00"),
        ("1900-01-01T08:00:00+08:05[Asia/Shanghai]", "+08:05"),  # (was taken: +08:05:43 cut to the minute)
        ("1900-01-01T08:00:00+08:05:10[Asia/Shanghai]", "+08:05:10"),  # (was 'not a date/time')
    ],
)
def test_an_offset_that_is_not_the_zones_then_is_refused_naming_both(text, offset):
    with pytest.raises(InputError) as err:
        zonetime.instant(text)
    assert f"the offset {offset} is not Asia/Shanghai's at that time (+08:05:43)" in str(err.value)
    assert f"偏移量 {offset} 不是 Asia/Shanghai 在该时刻的偏移量（+08:05:43）" in error_text(err.value, "zh")
    assert zonetime.to_ns([text])[1].tolist() == [zonetime.TIME_INVALID]


def _fixes(times) -> pd.DataFrame:
    return pd.DataFrame({"vehicle": "a", "ts": times, "lon": [116.40, 116.45, 116.50, 116.55], "lat": 39.79})


def test_classify_and_events_take_the_1900_times_of_asia_shanghai(model):
    typed = pd.Series(pd.date_range("1900-01-01 08:00", periods=4, freq="min", tz="Asia/Shanghai"))
    for times in (typed, typed.astype(str), typed.map(lambda t: t.isoformat())):
        status = model.classify(_fixes(times).lon, _fixes(times).lat, times=times, status=True)["status"]
        assert status.astype(str).tolist() == ["ok"] * 4, times.iloc[0]
        res = model.events(_fixes(times))
        assert res.rows.status.astype(str).tolist() == ["ok"] * 4, times.iloc[0]
        assert len(res.events) == len(model.events(_fixes(typed)).events) > 0
        assert res.events.equals(model.events(_fixes(typed)).events)


def test_a_file_job_takes_the_times_pandas_writes_for_asia_shanghai(tmp_path):
    typed = pd.Series(pd.to_datetime(["1900-01-01 08:00", "2024-07-01 08:00"])).dt.tz_localize("Asia/Shanghai")
    pd.DataFrame({"id": ["a", "b"], "ts": typed, "lon": [116.42, 116.50], "lat": 39.79}).to_csv(
        tmp_path / "in.csv", index=False
    )
    assert "1900-01-01 08:00:00+08:05:43" in (tmp_path / "in.csv").read_text(encoding="utf-8")
    res = run_cli(
        "locate", "--input", str(tmp_path / "in.csv"), "--time-col", "ts", "--output", str(tmp_path / "o.csv")
    )
    assert res.returncode == 0, res.stderr
    out = pd.read_csv(tmp_path / "o.csv")
    assert out.status.tolist() == ["ok", "ok"]
    assert out.in_force.tolist() == [False, True]  # (no stage was in force in 1900)


def test_at_takes_an_offset_to_the_second(model):
    loc = model.locate(116.50, 39.79, at="1900-01-01T08:00:00+08:05:43")
    assert loc.in_force is False and np.isfinite(loc.lon)
    assert avzone.zonetime.instant("1900-01-01T08:00:00+08:05:43") == WANT
