"""Times in common layouts besides ISO 8601 (20241017080000, 2024/10/17 下午8:00:05, 2024-10-17 8:00 PM, Oct 17,
2024 8:00 PM, 17-Oct-2024 08:00:00) are read in one pass, as the value-by-value reading reads them: the same
instants, the same refusals, for every text of those layouts and their neighbours."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
from common import assert_one_pass_reads_alike

from avzone import zonetime

_MONTHS = ["Jan", "February", "mar", "APR", "May", "June", "Jul", "August", "Sept", "Sep", "oct", "November", "Dec"]
_NOT_MONTHS = ["Octo", "Janu", "Sepp", "Mai", "Okt", "Dez"]
_ZONES = [
    "Z",
    "UTC",
    "GMT",
    "utc",
    "+0800",
    "+08:00",
    "-0530",
    "-05:30",
    "+1400",
    "+1500",
    "+0807",
    "+08:45",
    "GMT+8",
    "GMT+08",
    "UTC+08:00",
    "UTC-3",
    "GMT+0800",
    "北京时间",
    "CST",
    "EST",
    "+08",
    "z",
    "UTC+15",
]
_WEEKDAYS = ["Mon", "tue", "Wednesday", "Thu", "THURSDAY", "Fri", "Sat", "Sunday", "Thur", "Tues", "Thurs", "Wedn"]


def _clock(rng: random.Random, hours: int) -> str:
    h, mi, s = rng.randint(0, hours), rng.randint(0, 61), rng.randint(0, 61)
    t = f"{h:0{rng.choice([1, 2])}d}:{mi:02d}"
    if rng.random() < 0.6:
        t += f":{s:02d}"
        if rng.random() < 0.3:
            t += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 10)))
    return t


def _texts() -> list[str]:
    edge = [
        "202410170800", "20241017080000", "20241317080000", "20241017250000", "20240230080000", "20240229235959",
        "20230229000000", "2024101708", "2024101708000", "202410170800000", "16771231000000", "22620101000000",
        "20241017240000", "20241017235960", "2024/10/17 上午12:30:00", "2024/10/17 下午12:30:00",
        "2024/10/17 上午0:30:00", "2024/10/17 下午13:30:00", "2024/10/17 上午8:00", "2024-10-17 下午 8:00:05",
        "2024/10/17 下午8:00:05.123", "2024.10.17 上午8:00", "2024/10-17 上午8:00", "2024/10/17上午8:00",
        "2024/10/17  上午8:00", "2024/10/17 下午 12:00", "2024/10/17 8:00:00 PM", "2024/10/17 12:00:00 AM",
        "2024-10-17 8:00PM", "2024-10-17 8:00 pm", "2024-10-17 8:00 p.m.", "2024/2/30 上午8:00", "2024/13/1 下午3:00",
        "2024/10/17 下午3:60", "2024/10/17 下午3:00:60", "2024/10/17 下午12:00:00.5", "Oct 17 2024 08:00:00 AM",
        "Oct 17, 2024 8:00 PM", "October 17, 2024 20:00", "17-Oct-2024 08:00:00", "17 Oct 2024", "Oct 17 2024",
        "Sept 17 2024", "Oct 32 2024", "Feb 29 2023", "Feb 29 2024", "oct 17 2024 8:00 pm", "OCT-17-2024",
        "Oct 17 2024 12:00 AM", "Oct 17 2024 0:30 AM", "Oct 17 2024 13:30 PM", "Oct 17 2024 13:30",
        "Oct-17 2024", "Oct 17-2024", "Oct 17,2024", "Oct 17, 2024, 8:00 PM", "17 Oct, 2024", "17-Oct-24",
        "Oct. 17 2024", "Octo 17 2024", "Mai 17 2024", "17-OCT-2024 08:00:00.123456789 am", "0 Oct 2024",
        "Oct 0 2024", "Oct 17 1677", "Oct 17 2262", "Dec 31 2261 23:59:59", "Jan 1 1678", "Oct 17 2024 24:00",
        "Oct 17 2024 23:59:60", "17 October 2024 8:05:30.25 PM", "17 Oct 2024 8:05pm",
        "05/05/2024", "05/06/2024", "10/17/2024", "17.10.2024", "10-17-2024", "13/13/2024", "17/10/2024 8:00 PM",
        "17/10/2024 20:00 PM", "31/02/2024", "1/2/2024", "17/10-2024", "17/10/24",
        "2024年10月17日 星期四 08:00:00", "2024年10月17日 星期五 08:00:00", "2024年10月17日星期四",
        "2024年10月20日 周日", "2024年10月20日 星期天 下午3:00", "2024年10月17日上午8:00",
        "2024年10月17日 下午 12:00", "2024年10月17日 (星期四) 08:00", "Thu Oct 17 2024",
        "Fri Oct 17 2024", "Thu, 17 Oct 2024 08:00:00", "Thursday, October 17, 2024 8:00 PM",
        "Thu Oct 17 08:00:00 2024", "Thur Oct 17 2024", "Thu Oct 17 08:00:00 2024 +0800",
        "Thu, 17 Oct 2024 08:00:00 +0800", "2024-10-17 08:00:00 UTC", "2024-10-17 08:00:00 GMT+8",
        "2024/10/17 08:00 UTC+08:00", "2024-10-17 08:00:00 北京时间", "2024-10-17 08:00:00 CST",
        "Thu, 17 Oct 2024 08:00:00 GMT", "Fri, 17 Oct 2024 08:00:00 GMT", "2024-10-17 24:00 UTC",
        "2024-02-30 08:00 UTC", "2024-10-17 08:00:00UTC", "2024-10-17 08:00 +25:00", "2024-10-17 08:00 GMT-14",
        "1677-12-31 23:00 -0100", "2261-12-31 23:59 -0800", "1678-01-01 00:00 +0800",
        "2024-10-17 08:00 +08:60", "Thu, 17 Oct 2024 08:00:00 +0860", "2024-10-17 08:00:00 GMT+08:60",
        "2024/10/17 08:00 -12:00", "2024/10/17 08:00 -12:15", "2024/10/17 08:00 +14:15",
    ]  # fmt: skip
    rng = random.Random(20241017)
    made = []
    for _ in range(600):
        y = rng.choice([1677, 1678, 1900, 1970, 2000, 2023, 2024, 2100, 2261, 2262])
        mo, d = rng.randint(0, 13), rng.randint(0, 32)
        kind = rng.randrange(11)
        if kind == 0:  # digits alone
            t = f"{y:04d}{mo:02d}{d:02d}{rng.randint(0, 25):02d}{rng.randint(0, 61):02d}"
            if rng.random() < 0.6:
                t += f"{rng.randint(0, 61):02d}"
        elif kind in (1, 2):  # year first, a mark for the morning or afternoon
            sep = rng.choice(["-", "/", "."])
            date = f"{y}{sep}{mo:0{rng.choice([1, 2])}d}{sep}{d:0{rng.choice([1, 2])}d}"
            clock = _clock(rng, 14)
            if kind == 1:
                t = f"{date} {rng.choice(['上午', '下午'])}{rng.choice(['', ' '])}{clock}"
            else:
                t = f"{date} {clock}{rng.choice(['', ' '])}{rng.choice(['AM', 'PM', 'am', 'pm', 'Am'])}"
        elif kind == 5:  # day and month in either order, the year last
            sep = rng.choice(["-", "/", "."])
            a, b = (d, mo) if rng.random() < 0.5 else (mo, d)
            if rng.random() < 0.2:
                b = a
            t = f"{a:0{rng.choice([1, 2])}d}{sep}{b:0{rng.choice([1, 2])}d}{sep}{y}"
            if rng.random() < 0.6:
                t += f" {_clock(rng, 24 if rng.random() < 0.5 else 13)}"
                if rng.random() < 0.4:
                    t += f"{rng.choice(['', ' '])}{rng.choice(['AM', 'PM'])}"
        elif kind == 6:  # the plainest Chinese date with the day of the week or a half day's mark
            t = f"{y}年{mo}月{d}{rng.choice(['日', '号'])}{rng.choice(['', ' '])}"
            if rng.random() < 0.6:
                t += f"{rng.choice(['星期', '周'])}{rng.choice('一二三四五六日天')}{rng.choice(['', ' '])}"
            if rng.random() < 0.7:
                t += f"{rng.choice(['上午', '下午'])}{rng.choice(['', ' '])}{_clock(rng, 13)}"
        elif kind == 7:  # the day of the week's English name before the month's
            wd = rng.choice(_WEEKDAYS)
            name = rng.choice(_MONTHS)
            if rng.random() < 0.5:
                t = f"{wd}{rng.choice([', ', ' '])}{name} {d}{rng.choice([', ', ' '])}{y}"
            else:
                t = f"{wd}{rng.choice([', ', ' '])}{d} {name} {y}"
            if rng.random() < 0.6:
                t += f" {_clock(rng, 24)}"
        elif kind == 9:  # a year-first date, a clock and a time zone
            sep = rng.choice(["-", "/", "."])
            t = f"{y}{sep}{mo:0{rng.choice([1, 2])}d}{sep}{d:02d}{rng.choice([' ', 'T'])}{_clock(rng, 24)}"
            t += f"{rng.choice(['', ' '])}{rng.choice(_ZONES)}"
        elif kind == 10:  # the month's name, a clock and a time zone (as e-mail and HTTP write them)
            wd = rng.choice(_WEEKDAYS) + rng.choice([", ", " "]) if rng.random() < 0.6 else ""
            t = f"{wd}{d} {rng.choice(_MONTHS)} {y} {_clock(rng, 24)}{rng.choice(['', ' '])}{rng.choice(_ZONES)}"
        elif kind == 8:  # the C library's layout: Thu Oct 17 08:00:00 2024
            t = f"{rng.choice(_WEEKDAYS)} {rng.choice(_MONTHS)} {d} {_clock(rng, 24)} {y}"
        else:  # the month's name
            name = rng.choice(_MONTHS if rng.random() < 0.9 else _NOT_MONTHS)
            if kind == 3:
                t = f"{name}{rng.choice([' ', '-'])}{d}{rng.choice([', ', ' ', '-'])}{y}"
            else:
                sep = rng.choice([" ", "-"])
                t = f"{d:0{rng.choice([1, 2])}d}{sep}{name}{sep}{y}"
            if rng.random() < 0.7:
                clock = _clock(rng, 24 if rng.random() < 0.5 else 13)
                t += f"{rng.choice([' ', ', '] if kind == 3 else [' '])}{clock}"
                if rng.random() < 0.5:
                    t += f"{rng.choice(['', ' '])}{rng.choice(['AM', 'PM', 'pm'])}"
        made.append(t)
    return edge + made


def test_one_pass_reads_the_common_layouts_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _texts()
    assert_one_pass_reads_alike(
        texts,
        "_common_layouts_ns",
        zonetime._common_layouts_ns(pd.Series(texts), np.ones(len(texts), bool))[1],
        monkeypatch,
    )


def test_the_one_pass_takes_the_common_layouts_and_leaves_the_others():
    texts = [
        "20241017080000", "202410170800", "2024/10/17 下午8:00:05.25", "2024-10-17 上午12:30", "2024.10.17 12:00 PM",
        "Oct 17, 2024 8:00 pm", "17-OCT-2024 08:00:00", "Sept 9 2024", "17/10/2024 8:00 PM", "10.17.2024",
        "05/05/2024", "2024年10月17日 星期四 下午8:00", "2024年10月20日 周天", "Thu Oct 17 08:00:00 2024",
        "Thursday, 17 October 2024 08:00",
        "20241317080000", "2024/10/17 下午13:00", "2024/10/17 上午0:30", "Oct 17 2024 24:00", "Feb 29 2023",
        "Fri Oct 17 08:00:00 2024", "Oct 17 2024 8:00 PM GMT", "2024/10-17 上午8:00", "05/06/2024",
        "2024年10月17日 星期五", "17/10/24",
    ]  # fmt: skip
    ns, ok, _ = zonetime._common_layouts_ns(pd.Series(texts), np.ones(len(texts), bool))
    assert ok.tolist() == [True] * 15 + [False] * 11, ok
    want = [
        "2024-10-17T08:00:00", "2024-10-17T08:00", "2024-10-17T20:00:05.25", "2024-10-17T00:30", "2024-10-17T12:00",
        "2024-10-17T20:00", "2024-10-17T08:00", "2024-09-09T00:00", "2024-10-17T20:00", "2024-10-17T00:00",
        "2024-05-05T00:00", "2024-10-17T20:00", "2024-10-20T00:00", "2024-10-17T08:00", "2024-10-17T08:00",
    ]  # fmt: skip
    assert np.array_equal(ns[:15], np.array(want, dtype="datetime64[ns]"))


def test_a_column_of_common_layouts_is_beijing_time():
    ns = zonetime.to_ns(pd.Series(["20241017080000", "2024/10/17 下午8:00", "Oct 17, 2024 8:00 AM"]))[0]
    want = ["2024-10-17T00:00", "2024-10-17T12:00", "2024-10-17T00:00"]
    assert np.asarray(ns).tolist() == np.array(want, dtype="datetime64[ns]").astype(np.int64).tolist()


def test_a_text_read_value_by_value_is_read_alike_whatever_the_texts_beside_it():
    """A time the nanosecond unit cannot hold (2262) beside a text with a fraction finer than microseconds was no
    time (the parser gave the column nanoseconds), alone out of range: the same text, two statuses."""
    alone = [("3 oct 2262",), ("Oct 17 2262 08:00",), ("1677-06-30 08:00 PM",)]
    for (text,) in alone:
        for beside in ([], ["2024.10.17 08:00:00.123456789 +08"], ["Oct 17 2024 08:00:00.123456789"]):
            _, far, good = zonetime._other_layouts(pd.Series([text, *beside], dtype=object), np.zeros(1 + len(beside)))
            assert (bool(far[0]), bool(good[0])) == (True, True), (text, beside)
    codes = [
        zonetime.to_ns(pd.Series(["3 oct 2262", *beside]))[1][0] for beside in ([], ["2024.10.17 08:00:00.1234567 +08"])
    ]
    assert codes[0] == codes[1] == zonetime.TIME_RANGE


def test_the_one_pass_takes_the_longer_abbreviations_of_a_weekday_on_their_date():
    """Tues, Weds, Thur and Thurs (as logs write them) are read value by value as their day of the week: the one pass
    takes them too, on the date they fall on only."""
    texts = [
        "Thurs, 17 Oct 2024 08:00:00 +0800", "Tues Oct 15 2024", "WEDS, 16 Oct 2024 08:00:00 GMT",
        "Thur Oct 17 08:00:00 2024", "Thurs Oct 18 2024", "Wedn Oct 16 2024", "Thursd Oct 17 2024",
    ]  # fmt: skip
    _, ok, _ = zonetime._common_layouts_ns(pd.Series(texts), np.ones(len(texts), bool))
    assert ok.tolist() == [True] * 4 + [False] * 3
    assert zonetime.to_ns(pd.Series(texts))[1].tolist() == [0] * 4 + [zonetime.TIME_INVALID] * 3


def test_the_one_pass_reads_a_weekday_s_two_letters_as_the_texts_are_read_one_by_one(monkeypatch):
    """Mo, Tu, We, Th, Fr, Sa, Su starting a text are read value by value as their day of the week, checked against
    the date: the one pass reads them alike, on the day the date falls on only (and leaves the others to the
    reasons)."""
    edge = [
        "Tu Oct 15 2024", "Tu, 15 Oct 2024 08:00:00 +0800", "TH Oct 17 08:00:00 2024", "Fr Oct 17 2024",
        "Sa, Oct 19, 2024 8:00 PM", "su 20 Oct 2024 08:00", "Mo Oct 14 2024 13:00 PM", "We, 16 Oct 2024 08:00 UTC",
        "Di Oct 15 2024", "Tu: Oct 15 2024",
    ]  # fmt: skip
    rng = random.Random(20241019)
    made = []
    for _ in range(400):
        wd = rng.choice(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "TU", "fr", "sA", "Mon", "Do", "Tue"])
        y, d = rng.choice([1678, 1900, 2023, 2024, 2261, 2262]), rng.choice([1, 14, 15, 16, 17, 18, 19, 20, 29, 31, 32])
        name = rng.choice(["Oct", "Feb", "oct", "Sept", "October"])
        if rng.random() < 0.7:  # (mostly on the day the date falls on: 2024-10-14 is a Monday)
            k = rng.randrange(7)
            wd, y, d, name = (
                rng.choice(["Mo Tu We Th Fr Sa Su".split()[k], "MO TU WE TH FR SA SU".split()[k]]),
                2024,
                14 + k,
                "Oct",
            )
        sep = rng.choice([", ", " ", ", ", " ", ",", ": "])
        kind = rng.randrange(4)
        if kind == 0:
            t = f"{wd}{sep}{name} {d}{rng.choice([', ', ' '])}{y}"
        elif kind == 1:
            t = f"{wd}{sep}{d} {name} {y}"
        elif kind == 2:  # (the C library's layout)
            t = f"{wd}{sep}{name} {d} {_clock(rng, 24)} {y}"
        else:  # (as e-mail and HTTP write them)
            t = f"{wd}{sep}{d} {name} {y} {_clock(rng, 24)}{rng.choice(['', ' '])}{rng.choice(_ZONES)}"
        if kind < 2 and rng.random() < 0.4:
            t += f" {_clock(rng, 24)}" + (f" {rng.choice(['AM', 'PM'])}" if rng.random() < 0.3 else "")
        made.append(t)
    texts = edge + made
    taken = zonetime._common_layouts_ns(pd.Series(texts), np.ones(len(texts), bool))[1]
    assert taken[[0, 1, 2, 4, 5, 7]].all() and not taken[[3, 6, 8, 9]].any(), taken[:10]
    assert_one_pass_reads_alike(texts, "_common_layouts_ns", taken, monkeypatch)


def test_a_year_first_date_and_a_12_hour_clock_with_more_after_it_is_not_read_without_it():
    """The one pass took '2024-10-17 8:00 PM' and whatever followed it as Beijing time: '8:00 PM (UTC-5)' was read as
    12:00 UTC (the value-by-value reading: 01:00 UTC the next day), '8:00 PM junk', '8:00 PM EST' and '8:00 PM +0800
    +0900' as 12:00 UTC where they are no time."""
    ns, codes = zonetime.to_ns(pd.Series(["2024-10-17 8:00 PM (UTC-5)", "2024/10/17 下午8:00 (UTC-5)"]))
    assert codes.tolist() == [0, 0]
    assert ns.tolist() == [np.datetime64("2024-10-18T01:00", "ns").astype(np.int64)] * 2
    refused = ["2024-10-17 8:00 PM junk", "2024-10-17 8:00 PM EST", "2024-10-17 8:00 PM 2023",
               "2024/10/17 下午8:00:00 xyz", "2024-10-17 8:00 PM +0800 +0900"]  # fmt: skip
    assert zonetime.to_ns(pd.Series(refused))[1].tolist() == [zonetime.TIME_INVALID] * len(refused)
    why = zonetime.time_why(refused[1])
    assert why is not None and why.key == "time_zone_abbreviation", why


def _twelve_hour() -> list[str]:
    rng = random.Random(20241024)
    tails = [" (UTC-5)", " (UTC+8)", " (UTC)", " UTC", " GMT+8", " +0800", " EST", " CST", " junk",
             " 2023", " +0800 +0900", " (北京时间)", " Z"]  # fmt: skip
    made = []
    for _ in range(600):
        sep = rng.choice(["-", "/", "."])
        good = rng.random() < 0.8  # (else a day its month may lack, an hour no 12-hour clock has)
        y, mo, d = rng.choice([2024, 1900, 2189]), rng.randint(1, 12), rng.choice([1, 17, 28] if good else [30, 31])
        h, mi = rng.choice([1, 8, 11, 12] if good else [0, 13]), rng.choice([0, 5, 59])
        if rng.random() < 0.5:
            clock = f"{h}:{mi:02d}{rng.choice(['', ' '])}{rng.choice(['AM', 'PM', 'pm'])}"
        else:
            clock = f"{rng.choice(['上午', '下午'])}{rng.choice(['', ' '])}{h}:{mi:02d}"
        made.append(f"{y}{sep}{mo}{sep}{d} {clock}{rng.choice(tails) if rng.random() < 0.4 else ''}")
    return made


def test_one_pass_reads_a_12_hour_clock_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _twelve_hour()
    naive = ~pd.Series(texts).str.contains(zonetime._TZ_SUFFIX, regex=True).to_numpy(dtype=bool)
    taken = zonetime._common_layouts_ns(pd.Series(texts), naive)[1]
    assert_one_pass_reads_alike(texts, "_common_layouts_ns", taken, monkeypatch)
