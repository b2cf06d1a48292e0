"""Zones in time at their edges: after the last stage, stages that overlap, the years avzone measures, --at / at=."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from common import SUB_CENTER, YIZHUANG_CORE, run_cli

import avzone
import avzone.points
from avzone import zonetime
from avzone.i18n import Message


def _stages(dataset_copy, **dates):
    """The dataset with zone layers' ``valid_from`` / ``valid_to`` changed (``core=("2021-11-01", "2025-06-01")``)."""
    manifest = dataset_copy.read("dataset.json")
    layers = {e["id"]: e for e in manifest["layers"]}
    for layer, (start, end) in dates.items():
        layers[layer]["valid_from"], layers[layer]["valid_to"] = start, end
    dataset_copy.write("dataset.json", manifest)
    return dataset_copy.load()


# -- after the last stage ------------------------------------------------------------------
def test_after_the_last_stage_the_status_names_it_and_when_it_ended(dataset_copy):
    """A last stage with a valid_to (no stage after it): a time after it said 'no zone in force on 2026-01-01 (no
    stage covers that date)', as for a gap between stages, where the time before the first stage names that stage
    and when it began."""
    model = _stages(dataset_copy, planned=("2024-10-18", "2025-01-01"))
    lon, lat = YIZHUANG_CORE
    loc = model.locate(lon, lat, at="2026-01-01")
    assert loc.zone_in_force is None and loc.in_force is False
    want = "no zone in force on 2026-01-01 (the last stage, planned, ended at 2025-01-01 00:00, Beijing time)"
    assert str(loc.in_force_status) == want
    assert loc.in_force_status.text("zh") == (
        "2026-01-01 没有生效的范围（最后一个阶段为2024年扩区后示范区，已于北京时间 2025-01-01 00:00 结束）"
    )
    assert model.zone_at("2024-12-31T23:59:59") == "planned" and model.zone_at("2025-01-01") is None
    assert "ended at 2025-01-01 00:00" in str(model.locate(lon, lat, at="2025-01-01").in_force_status)
    data = ("--data", str(dataset_copy.folder))
    en = run_cli("locate", str(lon), str(lat), "--at", "2026-01-01", *data)
    zh = run_cli("--lang", "zh", "locate", str(lon), str(lat), "--at", "2026-01-01", *data)
    assert en.returncode == zh.returncode == 0, (en.stderr, zh.stderr)
    assert want in en.stdout and "最后一个阶段为2024年扩区后示范区，已于北京时间 2025-01-01 00:00 结束" in zh.stdout
    doc = json.loads(run_cli("locate", str(lon), str(lat), "--at", "2026-01-01", "--json", *data).stdout)
    assert doc["in_force_status"] == want
    # a gap between stages is still said so
    gap = _stages(dataset_copy, core=("2021-11-01", "2024-03-01"))
    assert "no stage covers that date" in str(gap.locate(lon, lat, at="2024-03-10").in_force_status)


# -- stages that overlap ------------------------------------------------------------------
def test_overlapping_stages_answer_the_stage_that_began_last_of_those_in_force(dataset_copy):
    """current in force until 2025-06-01 while planned, begun 2024-10-18, ended 2025-01-01 (an overlap the timeline
    check reports): zone_at said None on 2025-03-01, a date current covers (only the stage begun last was looked
    at), beside 'planned' on 2024-12-01. The stage begun last of those in force is answered, by zone_at, locate(at=)
    and classify(times=) alike."""
    model = _stages(dataset_copy, current=("2024-03-19", "2025-06-01"), planned=("2024-10-18", "2025-01-01"))
    assert any(not r.ok for r in model.check() if r.name == "timeline")  # (the check says so)
    whens = ["2024-05-01", "2024-12-01", "2025-03-01", "2025-06-01"]
    want = ["current", "planned", "current", None]
    assert [model.zone_at(w) for w in whens] == want
    lon, lat = SUB_CENTER  # (in planned, not in current)
    assert [model.locate(lon, lat, at=w).zone_in_force for w in whens] == want
    inside = model.classify([lon] * 4, [lat] * 4, times=whens)["in_force"].tolist()
    assert inside == [False, True, False, False]
    core_lon, core_lat = YIZHUANG_CORE  # (in current and planned)
    inside = model.classify([core_lon] * 4, [core_lat] * 4, times=np.array(whens, dtype="datetime64[ns]"))
    assert inside["in_force"].tolist() == [True, True, True, False]
    # an open stage overlapped by a later one: the later one took over
    model = _stages(dataset_copy, current=("2024-03-19", None), planned=("2024-10-18", None))
    assert [model.zone_at(w) for w in ("2024-10-17", "2024-10-18", "2030-01-01")] == ["current", "planned", "planned"]
    # a stage within another: the outer one again after the inner one ended
    model = _stages(
        dataset_copy,
        core=("2021-11-01", "2026-01-01"),
        current=("2024-03-19", "2024-10-18"),
        planned=("2024-10-18", "2025-01-01"),
    )
    assert [model.zone_at(w) for w in ("2024-01-01", "2024-06-01", "2024-11-01", "2025-02-01", "2026-01-01")] == [
        "core",
        "current",
        "planned",
        "core",
        None,
    ]


# -- the years avzone measures --------------------------------------------------------------
RANGE = zonetime.TIME_RANGE
_FIRST_OK = [  # 1900-01-01 00:00 Beijing time, the first usable instant, as every kind of time writes it
    "1900-01-01",
    "1900-01-01T00:00:00",
    "1900/01/01 00:00",
    "1899-12-31T16:00:00Z",
    "1899-12-31 08:00:00 -0800",
    dt.date(1900, 1, 1),
    dt.datetime(1900, 1, 1),
    dt.datetime(1899, 12, 31, 16, tzinfo=dt.timezone.utc),
    np.datetime64("1900-01-01"),
    np.datetime64("1900-01-01T00:00:00", "ns"),
    pd.Timestamp("1900-01-01"),
    pd.Timestamp("1899-12-31 16:00", tz="UTC"),
    pd.Period("1900-01-01", "D"),
]
_BEFORE = [  # a second or a day before it
    "1899-12-31",
    "1899-12-31T23:59:59",
    "1899-12-31T15:59:59Z",
    dt.date(1899, 12, 31),
    dt.datetime(1899, 12, 31, 23, 59, 59),
    dt.datetime(1899, 12, 31, 15, 59, 59, tzinfo=dt.timezone.utc),
    np.datetime64("1899-12-31T23:59:59"),
    pd.Timestamp("1899-12-31 15:59:59", tz="UTC"),
]
_LAST_OK = [  # before 2190-01-01 00:00 Beijing time, the end
    "2189-12-31",
    "2189-12-31T23:00",
    "2189-12-31T23:59:59.999999999",
    "2189-12-31T15:59:59Z",
    "2189-12-31T23:59:59+08:00",
    dt.datetime(2189, 12, 31, 23),
    dt.datetime(2189, 12, 31, 15, 59, tzinfo=dt.timezone.utc),
    np.datetime64("2189-12-31T23:00"),
    pd.Timestamp("2189-12-31 23:00"),
    pd.Timestamp("2189-12-31 23:00", tz="Asia/Shanghai"),
]
_FROM_END = [  # at the end or after it
    "2190-01-01",
    "2189-12-31 24:00",
    "2189-12-31T16:00:00Z",
    "2189-12-31T23:00:00Z",
    dt.date(2190, 1, 1),
    dt.datetime(2189, 12, 31, 23, tzinfo=dt.timezone.utc),
    np.datetime64("2190-01-01T00:00"),
    pd.Timestamp("2189-12-31 23:00", tz="UTC"),
    pd.Timestamp("2190-01-01 00:00", tz="Asia/Shanghai"),
]


def _code(value):
    return int(zonetime.to_ns(np.array([value], dtype=object))[1][0])


def test_the_years_avzone_measures_are_beijing_times_whatever_the_kind_of_time():
    """The range of times was checked in UTC: 1900-01-01 (a naive date: Beijing time, 1899-12-31T16:00Z) was 'time
    outside the years 1900 to 2189', while 2190-01-01 (Beijing) and 2189-12-31T23:00Z (2190-01-01 07:00 in Beijing)
    were times, the status not saying which clock its years were on. The years are Beijing time's, as the status now
    says, for naive and zoned times, dates, numpy and pandas times alike."""
    assert (
        zonetime.TIME_TEXT[RANGE]
        == "time outside the years 1900 to 2189, Beijing time (what avzone measures in nanoseconds)"
    )
    assert avzone.points.status_labels()[avzone.points.TIME_RANGE] == zonetime.TIME_TEXT[RANGE]
    assert Message("time_range").text("zh") == "时间不在北京时间 1900 到 2189 年之间（avzone 以纳秒计量的范围）"
    first = zonetime.to_ns(["1899-12-31T16:00:00Z"])[0][0]
    end = zonetime.to_ns(["2189-12-31T16:00:00Z"])[0][0]  # (refused: its nanoseconds are NaT's)
    assert end == np.iinfo(np.int64).min
    for value in _FIRST_OK:
        assert _code(value) == 0, value
        assert zonetime.instant(value) == first, value
    for value in _LAST_OK:
        assert _code(value) == 0, value
    for value in _BEFORE + _FROM_END:
        assert _code(value) == RANGE, value
        with pytest.raises(avzone.InputError, match="1900 to 2189, Beijing time"):
            zonetime.instant(value)
    # columns: text, naive and zoned datetimes of any unit, an Arrow column, epoch numbers with their unit
    naive = ["1899-12-31 23:59:59", "1900-01-01 00:00:00", "2189-12-31 23:59:59", "2190-01-01 00:00:00"]
    want = [RANGE, 0, 0, RANGE]
    assert zonetime.to_ns(naive)[1].tolist() == want
    for unit in ("s", "ms", "ns"):
        typed = pd.Series(pd.to_datetime(naive).as_unit(unit))
        assert zonetime.to_ns(typed)[1].tolist() == want, unit
        # (+08:00: tzdata's Asia/Shanghai was +08:05:43 before 1901, its 1900-01-01 00:00 before the first instant)
        assert zonetime.to_ns(typed.dt.tz_localize("+08:00"))[1].tolist() == want, unit
        assert zonetime.to_ns(typed.astype(f"timestamp[{unit}][pyarrow]"))[1].tolist() == want, unit
    instants = pd.Series(pd.to_datetime(naive)).dt.tz_localize("+08:00").dt.tz_convert("UTC")
    seconds = (instants - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    assert zonetime.to_ns(seconds.to_numpy(), unit="s")[1].tolist() == want
    assert zonetime.to_ns(seconds.astype(float).to_numpy(), unit="s")[1].tolist() == want
    assert zonetime.to_ns(seconds.astype(str).tolist(), unit="s")[1].tolist() == want
    assert zonetime.to_ns((seconds * 10**9).to_numpy(), unit="ns")[1].tolist() == want


def test_events_and_classify_take_the_years_in_beijing_time(model):
    """model.events (its fast path reading a datetime or integer column's numbers too) and classify(times=) give the
    same statuses at the ends of the years avzone measures."""
    far = zonetime.TIME_TEXT[RANGE]
    naive = [
        "1899-12-31 23:59:59",
        "1900-01-01 00:00:00",
        "2024-07-01 08:00:00",
        "2189-12-31 23:59:59",
        "2190-01-01 00:00:00",
    ]
    want = [far, "ok", "ok", "ok", far]
    ts = pd.Series(pd.to_datetime(naive))
    epoch_s = (ts.dt.tz_localize("+08:00") - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    for times, unit in ((ts, None), (ts.dt.tz_localize("+08:00"), None), (epoch_s, "s"), (naive, None)):
        df = pd.DataFrame({"vehicle": "a", "ts": times, "lon": 116.42 + np.arange(5) * 0.01, "lat": 39.79})
        rows = model.events(df, zones=["current"], time_unit=unit).rows
        assert rows.status.astype(str).tolist() == want, (times, unit)
        status = model.classify(df.lon, df.lat, times=times, time_unit=unit, status=True)["status"]
        assert status.astype(str).tolist() == want, (times, unit)


# -- --at and at= named, with what would be right --------------------------------------------
@pytest.mark.parametrize(
    "value, why, why_zh",
    [
        (
            "2024-03",
            "a month or year without its day is not a time (the zone in force may change within it): give the day, "
            "2024-03-01 to 2024-03-31",
            "2024-03-01 至 2024-03-31",
        ),
        (
            "04/03/2024",
            "the numeric date 04/03/2024 reads as two dates, 2024-03-04 or 2024-04-03: write the year first "
            "(ISO 8601, YYYY-MM-DD)",
            "数字日期 04/03/2024 可读作两个日期：2024-03-04 或 2024-04-03：请把年份写在前面（ISO 8601，YYYY-MM-DD）",
        ),
        (
            "24/03/04",
            "the numeric date 24/03/04 has a two-digit year, which may be any of its numbers: write the year first, "
            "in four digits (ISO 8601, YYYY-MM-DD)",
            "年份只有两位",
        ),
        ("soon", zonetime.TIME_TEXT[zonetime.TIME_INVALID], "应为 ISO 8601"),
    ],
)
def test_at_refused_names_the_option_and_what_would_be_right(model, value, why, why_zh):
    """`avzone locate LON LAT --at 2024-03` said "avzone: error: '2024-03': a month or year without its day ...",
    naming no option (a time refused otherwise said '--at ...'), and at= of model.locate named no argument; a
    numeric date that reads two ways was only 'not a date/time'. Each names --at, at= or
    zone_at's when=, and says what to write."""
    lon, lat = SUB_CENTER
    with pytest.raises(avzone.InputError) as err:
        model.locate(lon, lat, at=value)
    assert str(err.value) == f"at= {value!r}: {why}"
    assert err.value.args[0].text("zh").startswith(f"at= {value!r}：") and why_zh in err.value.args[0].text("zh")
    with pytest.raises(avzone.InputError) as err:
        model.zone_at(value)
    assert str(err.value) == f"when= {value!r}: {why}"  # (zone_at's one argument named, as at= is)
    assert err.value.args[0].text("zh").startswith(f"when= {value!r}：") and why_zh in err.value.args[0].text("zh")
    out = run_cli("locate", str(lon), str(lat), "--at", value)
    assert out.returncode == 2 and out.stderr.strip() == f"avzone: error: --at {value!r}: {why}", out.stderr
    zh = run_cli("--lang", "zh", "locate", str(lon), str(lat), "--at", value)
    assert zh.returncode == 2 and f"--at {value!r}：" in zh.stderr and why_zh in zh.stderr, zh.stderr
