"""Times read wrong while looking right: each case once shifted a time silently (or kept one that is no time)."""

from __future__ import annotations

import numpy as np
import pytest

import avzone
from avzone import zonetime
from avzone.errors import InputError


def _read_as(text: str, beijing: str) -> None:
    """``text`` is a time, the instant written ``beijing`` (ISO 8601 at UTC+08:00)."""
    ns, codes = zonetime.to_ns([text])
    assert codes.tolist() == [zonetime.TIME_OK]
    assert zonetime.beijing_iso(int(ns[0])) == beijing


@pytest.fixture(scope="module")
def model():
    return avzone.load()


# a zone the parser reads but the patterns did not see: the text was read as Beijing time after the parser had
# taken its offset, so 8 hours early for +08:0 (and 8 hours late for .Z)
UNREAD_ZONES = [
    "2024-03-01 08:00 +08:0",
    "2024-03-01 08:00+08:0",
    "2024-03-01 08:00 +8:0",
    "2024-03-01 08:00 -08:0",
    "2024-03-01 08:00 +08:5",
    "2024-03-01T08:00:00.+08:00",
    "2024-03-01T08:00:00.+0800",
    "2024-03-01T08:00:00,+08:00",
    "2024-03-01T08:00:00.Z",
    "2024-03-01T08:00:00+08:00.",
    "2024-03-01T08:00:00.UTC",
    "2024-03-01 0800+08:0",
    "20240301080000+0800.",
]


@pytest.mark.parametrize("text", UNREAD_ZONES)
def test_a_zone_read_by_the_parser_alone_is_no_time(text):
    ns, codes = zonetime.to_ns([text, "2024-03-01T08:00:00+08:00"])
    assert codes.tolist() == [zonetime.TIME_INVALID, zonetime.TIME_OK]
    assert ns[0] == np.iinfo(np.int64).min


def test_a_zone_read_by_the_parser_alone_is_refused_as_at(model):
    with pytest.raises(InputError, match=r"at= '2024-10-17T23:00:00\.Z'"):
        model.locate(116.77, 39.893668, at="2024-10-17T23:00:00.Z")


@pytest.mark.parametrize(
    "text, beijing",
    [
        ("2024-03-01 08:00 +8:00", "2024-03-01T08:00:00+08:00"),
        ("2024-03-01T08:00:00.000+0800", "2024-03-01T08:00:00+08:00"),
        ("2024-03-01T08:00:00.5+08:00", "2024-03-01T08:00:00.5+08:00"),
        ("2024-03-01T08:00:00.", "2024-03-01T08:00:00+08:00"),
        ("2024-03-01 08:00 UTC-8", "2024-03-02T00:00:00+08:00"),
        ("08:00 2024-03-19 +0800", "2024-03-19T08:00:00+08:00"),
        ("08:00 2024-03-19", "2024-03-19T08:00:00+08:00"),
    ],
)
def test_zones_written_in_full_are_still_read(text, beijing):
    _read_as(text, beijing)


# a pandas Period of a day or less was read as its start, "as one stage is in force all through it": one across
# midnight (6 hours from 23:00 on 2024-10-17) is mostly in the next stage, and was answered with the earlier one
def test_a_period_across_midnight_is_no_time():
    import pandas as pd

    s = pd.Series(pd.to_datetime(["2024-10-17 23:30", "2024-10-17 12:00", None])).dt.to_period("6h")
    for values in (s, list(s), s.astype(object)):
        ns, codes = zonetime.to_ns(values)
        assert codes.tolist() == [zonetime.TIME_INVALID, zonetime.TIME_OK, zonetime.TIME_MISSING]
        assert zonetime.beijing_iso(int(ns[1])) == "2024-10-17T12:00:00+08:00"
    ns, codes = zonetime.to_ns(pd.Series(pd.to_datetime(["2024-10-17 23:30"])).dt.to_period("D"))
    assert codes.tolist() == [zonetime.TIME_OK]


def test_a_period_across_midnight_is_refused_as_at_naming_its_span(model):
    import pandas as pd

    period = pd.Period("2024-10-17 23:00", "6h")
    with pytest.raises(InputError, match=r"from 2024-10-17T23:00:00 to 2024-10-18T04:59:59 \(Beijing time\)") as err:
        model.locate(116.77, 39.893668, at=period)
    assert "2024-10-17T23:00:00 至 2024-10-18T04:59:59" in err.value.args[0].text("zh")
    with pytest.raises(InputError, match="when="):
        model.zone_at(period)
    assert model.zone_at(pd.Period("2024-10-17 18:00", "6h")) == "current"


# a weekday after an offset was left out as a zone's name (as Go's "+0800 CST"), so it was never checked against
# the date: 2024-03-01 is a Friday
@pytest.mark.parametrize(
    "text, code",
    [
        ("2024-03-01 08:00 +08:00 Sat", zonetime.TIME_INVALID),
        ("2024-03-01 08:00 +08:00 Apr", zonetime.TIME_INVALID),
        ("2024-03-01 08:00 +08:00 Fri", zonetime.TIME_OK),
        ("2024-03-01 08:00:00 +0800 CST", zonetime.TIME_OK),
        ("2024-03-01 08:00 -0930 MART", zonetime.TIME_OK),
    ],
)
def test_a_weekday_after_an_offset_is_checked_against_the_date(text, code):
    assert zonetime.to_ns([text, "2024-03-01"])[1].tolist() == [code, zonetime.TIME_OK]


# the Dask engine reads every part in one type: a part of milliseconds beside one of nanoseconds gave nanoseconds,
# and a time of 2300 (a "no end" date) in the first stopped the job with pyarrow's traceback, on a worker; the local
# job gives that row a status. Refused before any cluster starts, naming both parts and their types
@pytest.mark.parametrize("zone", [None, "UTC"])
def test_dask_refuses_parts_whose_times_one_unit_cannot_hold(tmp_path, model, monkeypatch, zone):
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    pytest.importorskip("distributed")
    import avzone.distributed as dist

    monkeypatch.setattr(dist, "_client", lambda *a: pytest.fail("a cluster was started"))
    folder = tmp_path / "in"
    folder.mkdir()
    parts = [
        (dt.datetime(2300, 1, 1), dt.datetime(2024, 10, 18)),
        (dt.datetime(2024, 10, 18, 1),),
    ]
    for k, (unit, times) in enumerate(zip(("ms", "ns"), parts)):
        column = pa.array(times, pa.timestamp(unit, zone))
        table = pa.table({"lon": [116.77] * len(times), "lat": [39.893668] * len(times), "ts": column})
        pq.write_table(table, folder / f"part.{k}.parquet")
    with pytest.raises(InputError, match=r"column 'ts' is timestamp\[ns.*part\.1\.parquet but timestamp\[ms.*part\.0"):
        dist.locate_parquet_dask(model, folder, tmp_path / "out", time_col="ts")
    assert not (tmp_path / "out").exists()


# a zone's valid_from written otherwise than YYYY-MM-DD was left out of the stages (only the timeline check said so):
# a strict load took the dataset, and every time of that stage was answered as no zone's
@pytest.mark.parametrize("written", ["2024-03-19T00:00:00+08:00", "2024/03/19", 20240319])
def test_a_stage_dated_otherwise_than_an_iso_date_is_refused_by_a_strict_load(dataset_copy, written):
    from avzone.errors import DataError

    manifest = dataset_copy.read("dataset.json")
    (current,) = [e for e in manifest["layers"] if e["id"] == "current"]
    current["valid_from"] = written
    dataset_copy.write("dataset.json", manifest)
    with pytest.raises(DataError, match=r"layer 'current': valid_from must be an ISO date \(YYYY-MM-DD\), got"):
        dataset_copy.load()
    failed = {r.name for r in avzone.load(dataset_copy.folder, strict=False).check() if not r.ok}
    assert {"manifest", "timeline"} <= failed


# GDAL's Arrow stream (the GeoPackage reader of the file jobs) declares a DateTime field in UTC and gave a value
# written without a zone, as GDAL writes a pandas column of naive (Beijing) times, as that clock in UTC: 8 hours
# late, where geopandas.read_file of the same file gives it naive, and model.classify Beijing time
def test_a_geopackage_datetime_without_a_zone_is_beijing_time(tmp_path, model):
    import geopandas as gpd
    import pandas as pd
    import shapely

    from avzone.batch import locate_file

    naive = pd.to_datetime(["2024-10-18 00:00", "2024-10-17 23:59", "2024-10-18 00:30"])
    zoned = pd.Series(naive).dt.tz_localize("+08:00").dt.tz_convert("America/New_York")
    for times in (pd.Series(naive), zoned):
        frame = gpd.GeoDataFrame({"ts": times}, geometry=[shapely.Point(116.69395, 39.893668)] * 3, crs=4326)
        frame.to_file(tmp_path / "fixes.gpkg")
        locate_file(model, tmp_path / "fixes.gpkg", tmp_path / "out.csv", time_col="ts")
        out = pd.read_csv(tmp_path / "out.csv")
        assert out["in_force"].tolist() == [True, False, True]
        read = gpd.read_file(tmp_path / "fixes.gpkg")
        assert model.classify(read, times=read.ts)["in_force"].tolist() == [True, False, True]
        instants = pd.to_datetime(out["ts"], utc=True)
        assert instants.dt.tz_convert("+08:00").dt.strftime("%Y-%m-%d %H:%M").tolist() == [
            "2024-10-18 00:00", "2024-10-17 23:59", "2024-10-18 00:30"
        ]  # fmt: skip
        (tmp_path / "fixes.gpkg").unlink()


# numbers no part of a date and time can be, which the parser read as other parts: a second date's year as a time
# of day and its day as an offset, a year before a month's name as the day (the year taken from the day written)
@pytest.mark.parametrize(
    "text",
    [
        "2024-10-17/2024-10-19",  # an ISO 8601 interval: was 2024-10-18T23:24 Beijing time
        "2024-10-17 - 2024-10-19",
        "2024-10-17 2024-10-18",
        "10-19-2024 2024-10-17",
        "2024-10-17 19th",
        "2024-10-17 -19",
        "2024-10-17 10-19-2024",
        "5 Oct 17 2024",  # was 2017-10-05 20:24
        "2023 Oct 17 2024",
        "T1 Oct 17 2024",
        "Oct 17 2024 2023",
        "5 PM 2024-10-17 08:00",  # two times of day: the parser took the last
    ],
)
def test_a_number_no_part_of_the_date_can_be_makes_no_time(text):
    assert zonetime.to_ns([text, "2024-10-17"])[1].tolist() == [zonetime.TIME_INVALID, zonetime.TIME_OK]


@pytest.mark.parametrize(
    "text, beijing",
    [
        ("Tue Mar 19 00:00:00 +0800 2024", "2024-03-19T00:00:00+08:00"),
        ("19/Mar/2024:08:00:00 +0800", "2024-03-19T08:00:00+08:00"),
        ("Mar 19 2024 8:00AM", "2024-03-19T08:00:00+08:00"),
        ("19th March 2024 08:00", "2024-03-19T08:00:00+08:00"),
        ("2024/03/19 0800 +0800", "2024-03-19T08:00:00+08:00"),
        ("00:00:00 2024/03/19+0800", "2024-03-19T00:00:00+08:00"),
        ("5 PM 2024/03/19", "2024-03-19T17:00:00+08:00"),
        ("2024/03/19 5 PM", "2024-03-19T17:00:00+08:00"),
    ],
)
def test_dates_with_their_time_and_zone_are_still_read(text, beijing):
    _read_as(text, beijing)


# an hour with AM/PM right before its zone was read as naive after the parser had taken the zone: 8 hours early
@pytest.mark.parametrize("text", ["2024-03-01 8 AM+08:00", "2024-03-01 8 AM GMT+8", "2024-03-01 8AM+0800"])
def test_an_hour_with_am_pm_keeps_its_zone(text):
    ns, codes = zonetime.to_ns([text])
    assert codes.tolist() == [zonetime.TIME_OK]
    assert zonetime.beijing_iso(int(ns[0])) == "2024-03-01T08:00:00+08:00"


# a zone after a date without a time of day, as "2024-03-01+08:00" is: the parser read the offset as 05:00
@pytest.mark.parametrize("text", ["01-Mar-2024 -05:00", "20240301 -05:00", "Mar 1 2024 -05:00", "1:2 20240301"])
def test_a_zone_after_a_date_without_its_time_is_no_time(text):
    assert zonetime.to_ns([text, "2024-03-01"])[1].tolist() == [zonetime.TIME_INVALID, zonetime.TIME_OK]
