"""Layouts of a date or clock avzone does not read, each refused with a reason saying what is wrong and what to
write, where they had the general "not a date/time" only: a clock with an h (``08h00``), an underscore between the
date and the clock, a day of the week in brackets, an ISO week alone (``2024-W42``: seven days, no instant), 上午 or
下午 after a 24-hour clock (``13:00 下午``), and a word of the time of day after AM or PM (``8 PM evening``)."""

from __future__ import annotations

import pandas as pd
import pytest
from common import H_CLOCK, assert_refused_naming

from avzone import zonetime


def _why(text: str) -> zonetime.Message:
    why = zonetime.time_why(text)
    assert why is not None, text
    with pytest.raises(zonetime.InputError):  # (never read)
        zonetime.instant(text)
    return why


def _read(text: str) -> None:
    _, codes = zonetime.to_ns(pd.Series([text]))
    assert codes.tolist() == [zonetime.TIME_OK], text


@pytest.mark.parametrize(
    "text, clock, example",
    [("2024-10-18 08h00", "08h00", "2024-10-18 08:00"), ("2024-10-18 8h30", "8h30", "2024-10-18 8:30")],
)
def test_a_clock_with_an_h(text, clock, example):
    assert_refused_naming(
        [(text, {"clock": clock, "example": example})],
        "time_h_clock",
        en=H_CLOCK[0],
        zh=H_CLOCK[1],
        examples_read=True,
    )


def test_an_underscore_between_date_and_clock():
    [why] = assert_refused_naming(
        [("2024-10-18_08:00:00", None)],
        "time_underscore",
        en=lambda f: (
            "the _ between the date and the time of day is no separator avzone reads: write a space or a T, "
            "2024-10-18 08:00:00 or 2024-10-18T08:00:00"
        ),
    )
    _read("2024-10-18 08:00:00")
    _read("2024-10-18T08:00:00")
    assert why.text("zh").startswith(
        "日期与时刻之间的 _ 不是 avzone 能读取的分隔符：请用空格或 T，写作 2024-10-18 08:00:00"
    )


def test_a_day_of_the_week_in_brackets():
    [why] = assert_refused_naming(
        [("2024-10-18 (Fri) 08:00", {"day": "(Fri)", "bare": "2024-10-18 Fri 08:00", "example": "2024-10-18 08:00"})],
        "time_weekday_brackets",
        en=lambda f: (
            f"the day of the week in brackets, {f['day']}, is not read by avzone: write it without the brackets, "
            f"{f['bare']} (the day is then checked against the date), or leave it out, {f['example']}"
        ),
        examples_read=True,
    )
    _read("2024-10-18 Fri 08:00")
    assert "括号中的星期 (Fri) avzone 不读取" in why.text("zh")


def test_a_day_of_the_week_in_brackets_the_date_is_not_on():
    why = _why("2024-10-18 (Thu) 08:00")
    assert "is a Friday, not Thu" in why.text("en")


@pytest.mark.parametrize("text", ["2024-W42", "2024W42"])
def test_an_iso_week_is_no_instant(text):
    assert_refused_naming(
        [(text, {"week": text, "first": "2024-10-14", "last": "2024-10-20"})],
        "time_iso_week",
        en=lambda f: (
            f"{f['week']} is an ISO week, seven days, not an instant: give a date within it (and a time of day), "
            f"{f['first']} to {f['last']}"
        ),
        zh=lambda f: (
            f"{f['week']} 是 ISO 周，即七天，而非一个时刻：请给出其中的日期（及时刻），{f['first']} 至 {f['last']}"
        ),
    )


@pytest.mark.parametrize("mark", ["下午", "上午"])
def test_half_day_after_a_24_hour_clock(mark):
    [why] = assert_refused_naming(
        [(f"2024-10-18 13:00 {mark}", {"mark": mark, "clock": "13:00", "example": "2024-10-18 13:00"})],
        "time_half_day_24",
        en=lambda f: (
            f"{f['mark']} (AM or PM) goes with a 12-hour clock and {f['clock']} is on the 24-hour clock: write the "
            f"24-hour time alone, {f['example']}, if that is the time meant"
        ),
    )
    assert why.text("zh").startswith(f"{mark}（上午或下午）用于 12 小时制，而 13:00 是 24 小时制")


@pytest.mark.parametrize("text", ["2024-10-18 8 PM evening", "2024-10-18 8:00 PM evening"])
def test_a_word_of_the_day_after_am_or_pm_is_named_alone(text):
    assert_refused_naming([(text, {"word": "evening"})], "time_day_word_clock")


@pytest.mark.parametrize("text, weeks", [("2024-W53", 52), ("2026-W54", 53), ("2024-W00", 52)])
def test_an_iso_week_its_year_does_not_have(text, weeks):
    assert_refused_naming(
        [(text, {"week": text, "year": int(text[:4]), "weeks": weeks})],
        "time_iso_week_none",
        en=lambda f: (
            f"{f['week']} is an ISO week {f['year']} does not have (its weeks are 01 to {f['weeks']}), and a week is "
            "no instant: give a date (and a time of day)"
        ),
        zh=lambda f: (
            f"{f['week']} 是 {f['year']} 年没有的 ISO 周（该年的周为 01 至 {f['weeks']}），且一周不是时刻："
            "请给出日期（及时刻）"
        ),
    )
