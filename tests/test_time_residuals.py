"""Times read wrong while looking right, found after the first audit (tests/test_time_audit.py): a year read as a
time of day, offsets no zone has, two zones that disagree, digits of a second past the nanosecond, dates YYYYMMDD
given as epoch seconds, and signs that are not ASCII. Each is read right or refused, row by row, never read as
another time; the local and the Dask engines give the same statuses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import run_cli

import avzone
from avzone import zonetime
from avzone.i18n import error_text

NAT = np.iinfo(np.int64).min


def beijing(texts):
    """Each text's time as Beijing time (ISO 8601), or its status's code when it is no time."""
    ns, codes = zonetime.to_ns(list(texts))
    return [zonetime.beijing_iso(int(n)) if c == zonetime.TIME_OK else int(c) for n, c in zip(ns, codes)]


def why(model, text):
    """The error ``at=text`` gives, in English and Chinese."""
    with pytest.raises(avzone.InputError) as err:
        model.locate(116.5, 39.79, at=text)
    return str(err.value), error_text(err.value, "zh")


# -- 1. four digits after a date that may be a year ------------------------------------------------------------
YEAR_AS_CLOCK = ["2024-10-17 2023", "2024/10/17 2023", "2024-10-17 2023+08:00", "2024-10-17 2023 +0800",
                 "20241017 2023", "2024.10.17 1900", "17/10/2024 2023"]  # fmt: skip


@pytest.mark.parametrize("text", YEAR_AS_CLOCK)
def test_a_year_after_a_date_is_not_read_as_a_time_of_day(text):
    # (read as 20:23 of that day: 2023 may be a year written twice, or a time)
    assert beijing([text]) == [zonetime.TIME_INVALID]


def test_four_digits_that_cannot_be_a_year_or_after_a_t_are_still_times():
    texts = ["2024-10-17 0800", "2024-10-17 1859", "2024-10-17T2023", "2024-10-17T1900+08:00", "2024-10-17 202300"]
    assert beijing(texts) == [
        "2024-10-17T08:00:00+08:00",
        "2024-10-17T18:59:00+08:00",
        "2024-10-17T20:23:00+08:00",
        "2024-10-17T19:00:00+08:00",
        "2024-10-17T20:23:00+08:00",
    ]


def test_a_year_as_a_time_of_day_is_refused_as_at_saying_how_to_write_it(model):
    en, zh = why(model, "2024-10-17 2023")
    assert "2023 after the date may be a year or the time of day 20:23" in en and "2024-10-17 20:23" in en
    assert "20:23" in zh and "年份" in zh


# -- 2. offsets beyond the real ones (-12:00 to +14:00) ----------------------------------------------------------
FAR_OFFSETS = ["2024-10-17 08:00 -19", "2024-10-17 08:00 +19", "2024-10-17 08:00 +19:00", "2024-10-17T08:00-19:00",
               "2024-10-17T08:00+1900", "2024-10-17 08:00 -13", "2024-10-17 08:00 +15", "2024-10-17 08:00 +14:30",
               "2024-10-17 08:00 -12:30", "2024-10-17 08:00 UTC+19", "2024-10-17 08:00 GMT-13",
               "2024-10-17 08:00:00 -1900", "17 Oct 2024 08:00 -19", "2024-10-17T08:00:00+15:00:00",
               "2024-10-17 08:00 EST-19"]  # fmt: skip


@pytest.mark.parametrize("text", FAR_OFFSETS)
def test_an_offset_no_zone_has_is_no_time(text):
    assert beijing([text]) == [zonetime.TIME_INVALID]


def test_the_offsets_at_the_ends_of_the_range_are_read():
    assert beijing(["2024-10-17 08:00 +14:00", "2024-10-17T08:00-12:00", "2024-10-17 08:00 UTC-12"]) == [
        "2024-10-17T02:00:00+08:00",
        "2024-10-18T04:00:00+08:00",
        "2024-10-18T04:00:00+08:00",
    ]


def test_minus_19_after_a_time_is_not_read_as_a_day_either():
    # (a date without its day, "-19" after the time: neither the 19th nor an offset)
    assert beijing(["2024-10 08:00 -19", "Oct 2024 08:00 -19"]) == [zonetime.TIME_INVALID] * 2


def test_an_offset_no_zone_has_is_refused_as_at_naming_the_range(model):
    en, zh = why(model, "2024-10-17 08:00 -19")
    assert "the offset -19 is no UTC offset in use (-12:00 to +14:00)" in en
    assert "-12:00" in zh and "+14:00" in zh


# -- 3. two zones, which must agree ------------------------------------------------------------------------------
TWO_ZONES = ["Oct 17, 2024 8:00 AM EST +0800", "Oct 17, 2024 8:00 AM EST+0800", "2024-10-17 08:00 EST +0800",
             "2024-10-17 08:00 JST+0800", "Oct 17, 2024 8:00 AM PDT -0800", "17 Oct 2024 08:00 UTC GMT+8",
             "17 Oct 2024 08:00 GMT UTC+0800", "17 Oct 2024 08:00 +08:00 UTC",
             "17 Oct 2024 08:00 +0800 EST", "Thu Oct 17 08:00:00 EST 2024 +0800"]  # fmt: skip


@pytest.mark.parametrize("text", TWO_ZONES)
def test_two_zones_that_disagree_are_no_time(text):
    # (read at the offset, the other zone left out: EST +0800 as 08:00 in Beijing)
    assert beijing([text]) == [zonetime.TIME_INVALID]


def test_a_zone_and_an_offset_that_agree_are_read():
    texts = ["Oct 17, 2024 8:00 AM CST +0800", "2024-10-17 08:00 CST+0800", "2024-10-17 08:00:00 +0800 CST",
             "Oct 17, 2024 8:00 AM PDT -0700", "17 Oct 2024 08:00 UTC +08:00", "2024-10-17 08:00 JST+0900",
             "Thu Oct 17 08:00:00 CST 2024 +0800"]  # fmt: skip
    assert beijing(texts) == [
        "2024-10-17T08:00:00+08:00",
        "2024-10-17T08:00:00+08:00",
        "2024-10-17T08:00:00+08:00",
        "2024-10-17T23:00:00+08:00",
        "2024-10-17T08:00:00+08:00",  # (UTC +08:00: UTC+08:00 written with a space)
        "2024-10-17T07:00:00+08:00",
        "2024-10-17T08:00:00+08:00",
    ]


def test_a_zone_before_an_offset_that_disagrees_is_refused_as_at_naming_both(model):
    en, zh = why(model, "Oct 17, 2024 8:00 AM EST +0800")
    assert "the offset +08:00 is not EST's (-05:00)" in en
    assert "EST" in zh and "+08:00" in zh


# -- 4. digits of a second past the nanosecond ---------------------------------------------------------------------
FRACTIONS = ["08:00:00.1234567", "08:00:00.123456789", "08:00:00.1234567899", "08:00:00.9999999999"]


@pytest.mark.parametrize("clock", FRACTIONS)
@pytest.mark.parametrize("layout", ["17 Oct 2024 {}", "2024/10/17 {}", "{} 2024-10-17", "2024年10月17日 {}"])
def test_a_fraction_is_cut_at_the_nanosecond_in_every_layout_as_pandas_reads_iso_8601(layout, clock):
    # (digits past the microsecond were dropped in the layouts the ISO 8601 reader does not read: .1234567 as .123456)
    iso = f"2024-10-17T{clock}"
    want = int(pd.to_datetime([iso]).as_unit("ns").asi8[0]) - zonetime.BEIJING_OFFSET_NS  # (naive: Beijing time)
    ns, codes = zonetime.to_ns([layout.format(clock), iso])
    assert codes.tolist() == [0, 0]
    assert ns.tolist() == [want, want]


def test_a_fraction_with_its_zone_keeps_its_nanoseconds():
    ns, codes = zonetime.to_ns(["17 Oct 2024 08:00:00.123456789 +0800", "2024-10-17T08:00:00.123456789+08:00"])
    assert codes.tolist() == [0, 0] and ns[0] == ns[1]


# -- 5. dates YYYYMMDD given as epoch seconds ----------------------------------------------------------------------
DATES = [20241017, 20241018, 20241101]


@pytest.mark.parametrize("unit", ["s", "ms"])
@pytest.mark.parametrize("kind", [np.array, lambda v: np.array(v).astype(str), pd.array])
def test_dates_written_yyyymmdd_are_not_read_as_epoch_times_in_1970(unit, kind):
    with pytest.raises(avzone.InputError) as err:
        zonetime.to_ns(kind(DATES), unit=unit, name="day")
    en, zh = str(err.value), error_text(err.value, "zh")
    assert en.startswith(f"day: every number is a date written YYYYMMDD (20241017 to 20241101), which as epoch {unit}")
    assert "1970" in en and "leave out the unit (time_unit=)" in en
    assert "YYYYMMDD" in zh and "time_unit=" in zh


def test_epoch_seconds_and_numbers_not_dates_are_not_refused():
    _, codes = zonetime.to_ns(np.array([1729123200, 1729123260]), unit="s")  # 2024-10-17 (real epoch seconds)
    assert codes.tolist() == [0, 0]
    # in the same range, mostly no calendar dates (day 0, month 13): numbers, kept as the unit reads them
    _, codes = zonetime.to_ns(np.array([20241300, 20241399, 20241017]), unit="s")
    assert codes.tolist() == [0, 0, 0]


def test_dates_without_a_unit_are_read_as_dates_in_a_file_job_and_refused_with_seconds(tmp_path: Path):
    src = tmp_path / "fixes.csv"
    pd.DataFrame({"lon": [116.5, 116.5], "lat": [39.79, 39.79], "day": [20241017, 20241018]}).to_csv(src, index=False)
    res = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "a.csv"), "--time-col", "day")
    assert res.returncode == 0, res.stderr
    assert pd.read_csv(tmp_path / "a.csv")["status"].tolist() == ["ok", "ok"]
    res = run_cli(
        "locate", "--input", str(src), "--output", str(tmp_path / "b.csv"), "--time-col", "day", "--time-unit", "s"
    )
    assert res.returncode == 2, res.stderr
    assert "day: every number is a date written YYYYMMDD" in res.stderr
    assert "leave out the unit (--time-unit)" in res.stderr
    assert not (tmp_path / "b.csv").exists()


def test_events_refuse_them_too(model):
    df = pd.DataFrame({"vehicle": "a", "day": DATES, "lon": [116.5, 116.501, 116.502], "lat": 39.79})
    with pytest.raises(avzone.InputError, match="date written YYYYMMDD"):
        model.events(df, time="day", time_unit="s")
    with pytest.raises(avzone.InputError, match="date written YYYYMMDD"):
        model.classify(df.lon, df.lat, times=df.day, time_unit="s")


# -- 6. the minus sign U+2212 and full-width signs -----------------------------------------------------------------
def test_full_width_signs_are_read_as_ascii_ones_as_in_numbers():
    # (points.number_text reads full-width forms as their ASCII ones)
    assert beijing(["2024-10-17 08:00 \uff0d08:00", "2024-10-17 08:00 \uff0b08:00", "2024-10-17 08:00 UTC\uff0d8"]) == [
        "2024-10-18T00:00:00+08:00",
        "2024-10-17T08:00:00+08:00",
        "2024-10-18T00:00:00+08:00",
    ]


MINUS_SIGNS = ["2024-10-17 08:00 \u221208:00", "2024-10-17T08:00:00\u22120800", "2024-10-17 08:00 UTC\u22128",
               "2024-10-17 08:00 GMT\u22120800 (Pacific Standard Time)", "17 Oct 2024 08:00 \u22128",
               "2024\u221210\u221217 08:00", "2024-10-17 08:00 \uff0d08:00 \u22128"]  # fmt: skip


@pytest.mark.parametrize("text", MINUS_SIGNS)
def test_the_minus_sign_u2212_is_no_sign_as_in_numbers(text):
    # (points.number_text refuses it: float does not read it)
    assert beijing([text]) == [zonetime.TIME_INVALID]


def test_the_minus_sign_u2212_is_refused_as_at_saying_what_to_write(model):
    en, zh = why(model, "2024-10-17 08:00 \u221208:00")
    assert "U+2212" in en and "-08:00" in en
    assert "U+2212" in zh


# -- the local and the Dask engines give the same statuses --------------------------------------------------------
ALL_TEXTS = [*YEAR_AS_CLOCK, *FAR_OFFSETS, *TWO_ZONES, *MINUS_SIGNS, "2024-10-17 0800", "2024-10-17 08:00 +14:00",
             "Oct 17, 2024 8:00 AM CST +0800", "17 Oct 2024 08:00:00.1234567899",
             "2024-10-17 08:00 \uff0d08:00"]  # fmt: skip


def test_the_local_and_the_dask_engines_read_these_texts_alike(tmp_path: Path, model):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from avzone.batch import locate_file
    from avzone.distributed import locate_parquet_dask

    n = len(ALL_TEXTS)
    table = pa.table({"id": np.arange(n), "lon": np.full(n, 116.5), "lat": np.full(n, 39.79), "t": ALL_TEXTS})
    (tmp_path / "in").mkdir()
    pq.write_table(table.slice(0, n // 2), tmp_path / "in" / "part.0.parquet")
    pq.write_table(table.slice(n // 2), tmp_path / "in" / "part.1.parquet")
    pq.write_table(table, tmp_path / "whole.parquet")
    locate_file(model, tmp_path / "whole.parquet", tmp_path / "local.parquet", time_col="t")
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        locate_parquet_dask(
            model, tmp_path / "in", tmp_path / "dask", time_col="t", scheduler=cluster.scheduler_address
        )
    local, dist = pq.read_table(tmp_path / "local.parquet"), pq.read_table(tmp_path / "dask")
    assert dist.column("id").to_pylist() == list(range(n))
    for name in ("status", "zone_in_force", "in_force"):
        assert dist.column(name).to_pylist() == local.column(name).to_pylist(), name
    status = local.column("status").to_pylist()
    bad = len(YEAR_AS_CLOCK) + len(FAR_OFFSETS) + len(TWO_ZONES) + len(MINUS_SIGNS)
    assert all(s.startswith("time not a date/time") for s in status[:bad])
    assert status[bad:] == ["ok"] * (n - bad)
