"""Why a time text is refused, for the layouts whose refusals said no more than their status.

:func:`avzone.zonetime.time_why` (what ``--at`` and the file jobs' summaries say after the value) names what is
wrong with a numeric date written day or month first, or a date with a month's English name, whose day or month no
calendar has (the reasons of ``2024-02-30`` and ``2024-13-01``, the same words); a day of the week the date does not
fall on; a word where a month's name goes; 上午 or 下午 right after a digit; a time of day written with dots (as
Oracle writes ``17-OCT-24 08.00.00.000000 AM``: its two-digit year is read, the dots are not). Each in English and
Chinese, only for texts :func:`avzone.zonetime.to_ns` refuses, and only what the reader does: where the text with
that part written otherwise would still be refused (or where no precise reason can be given), no reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from common import run_cli

from avzone import points, zonetime
from avzone.errors import InputError

TIME_INVALID = points.TIME_LABELS[points.TIME_INVALID]

# text, the reason in English, in Chinese
CASES = [
    # a numeric date day or month first, the year last: the month is the one of its two numbers that may be one
    (
        "13/13/2024",
        "the date 13/13/2024 has no month 13: months are 01 to 12 (year-month-day, such as 2024-06-01)",
        "日期 13/13/2024 中没有 13 月：月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
    ),
    (
        "13/25/2024 08:00",
        "the date 13/25/2024 has no month 13 or 25: months are 01 to 12 (year-month-day, such as 2024-06-01)",
        "日期 13/25/2024 中没有 13 或 25 月：月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
    ),
    (
        "00/00/0000 00:00:00",
        "the date 00/00/0000 has no month 00: months are 01 to 12 (year-month-day, such as 2024-06-01)",
        "日期 00/00/0000 中没有 00 月：月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
    ),
    (
        "31/02/2024",
        "the date 31/02/2024 has no day 31: 2024-02 has 29 days",
        "日期 31/02/2024 中没有 31 日：2024-02 只有 29 天",
    ),
    (
        "02/31/2024",
        "the date 02/31/2024 has no day 31: 2024-02 has 29 days",
        "日期 02/31/2024 中没有 31 日：2024-02 只有 29 天",
    ),
    (
        "31.04.2024 08:00",
        "the date 31.04.2024 has no day 31: 2024-04 has 30 days",
        "日期 31.04.2024 中没有 31 日：2024-04 只有 30 天",
    ),
    (
        "02-30-2023 8:00 PM",
        "the date 02-30-2023 has no day 30: 2023-02 has 28 days",
        "日期 02-30-2023 中没有 30 日：2023-02 只有 28 天",
    ),
    # a month's English name
    (
        "Oct 32 2024",
        "the date Oct 32 2024 has no day 32: 2024-10 has 31 days",
        "日期 Oct 32 2024 中没有 32 日：2024-10 只有 31 天",
    ),
    (
        "Feb 29 2023",
        "the date Feb 29 2023 has no day 29: 2023-02 has 28 days",
        "日期 Feb 29 2023 中没有 29 日：2023-02 只有 28 天",
    ),
    (
        "September 31, 2024 8:00 PM",
        "the date September 31, 2024 has no day 31: 2024-09 has 30 days",
        "日期 September 31, 2024 中没有 31 日：2024-09 只有 30 天",
    ),
    (
        "Thu, 31 Apr 2024 08:00:00 +0800",
        "the date 31 Apr 2024 has no day 31: 2024-04 has 30 days",
        "日期 31 Apr 2024 中没有 31 日：2024-04 只有 30 天",
    ),
    (
        "29-FEB-2023",
        "the date 29-FEB-2023 has no day 29: 2023-02 has 28 days",
        "日期 29-FEB-2023 中没有 29 日：2023-02 只有 28 天",
    ),
    # with a two-digit year: the number beside the name is no day of the month (the parser read Oct 32 24 as
    # 2032-10-24, taking 32 for the year), the year as the parser reads it after a day (Oct 17 24: 2024-10-17)
    (
        "Oct 32 24",
        "the date Oct 32 24 has no day 32: 2024-10 has 31 days",
        "日期 Oct 32 24 中没有 32 日：2024-10 只有 31 天",
    ),
    (
        "32-OCT-24 08:00:00",
        "the date 32-OCT-24 has no day 32: 2024-10 has 31 days",
        "日期 32-OCT-24 中没有 32 日：2024-10 只有 31 天",
    ),
    (
        "Thu Oct 99 08:00:00 24",
        "the date Oct 99 24 has no day 99: 2024-10 has 31 days",
        "日期 Oct 99 24 中没有 99 日：2024-10 只有 31 天",
    ),
    (
        "Feb 30 24",
        "the date Feb 30 24 has no day 30: 2024-02 has 29 days",
        "日期 Feb 30 24 中没有 30 日：2024-02 只有 29 天",
    ),
    (
        "Feb 29, 23 8:00 PM",
        "the date Feb 29, 23 has no day 29: 2023-02 has 28 days",
        "日期 Feb 29, 23 中没有 29 日：2023-02 只有 28 天",
    ),
    # a day of the week the date does not fall on (2024-10-17 is a Thursday), in English and Chinese
    (
        "Fri Oct 17 2024",
        "the date 2024-10-17 is a Thursday, not Fri: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是Fri：请更正日期或星期，或删去星期",
    ),
    (
        "friday, october 17, 2024 8:00 PM",
        "the date 2024-10-17 is a Thursday, not friday: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是friday：请更正日期或星期，或删去星期",
    ),
    (
        "Wed Oct 17 08:00:00 2024",
        "the date 2024-10-17 is a Thursday, not Wed: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是Wed：请更正日期或星期，或删去星期",
    ),
    # the longer abbreviations logs write (Tues, Weds, Thur, Thurs): read, and checked as the others are
    (
        "Weds, 17 Oct 2024 08:00:00 +0800",
        "the date 2024-10-17 is a Thursday, not Weds: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是Weds：请更正日期或星期，或删去星期",
    ),
    (
        "Th Oct 18 2024",  # (Th, as a text starts with its day of the week, is Thursday)
        "the date 2024-10-18 is a Friday, not Th: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-18 是星期五，不是Th：请更正日期或星期，或删去星期",
    ),
    (
        "Tu Oct 17 2024",  # (so are Mo, Tu, We, Fr, Sa and Su: read as their day, checked against the date)
        "the date 2024-10-17 is a Thursday, not Tu: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是Tu：请更正日期或星期，或删去星期",
    ),
    (
        "SA, 18 Oct 2024 08:00:00 +0800",
        "the date 2024-10-18 is a Friday, not SA: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-18 是星期五，不是SA：请更正日期或星期，或删去星期",
    ),
    (
        "Thurs Oct 18 08:00:00 2024",
        "the date 2024-10-18 is a Friday, not Thurs: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-18 是星期五，不是Thurs：请更正日期或星期，或删去星期",
    ),
    (
        "2024年10月17日 星期五 08:00:00",
        "the date 2024-10-17 is a Thursday, not 星期五: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是星期五：请更正日期或星期，或删去星期",
    ),
    (
        "2024年10月17日（周日）下午8:00",
        "the date 2024-10-17 is a Thursday, not 周日: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是周日：请更正日期或星期，或删去星期",
    ),
    (
        "2024-10-18 星期四",
        "the date 2024-10-18 is a Friday, not 星期四: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-18 是星期五，不是星期四：请更正日期或星期，或删去星期",
    ),
    # the date as written, though in Beijing it is already 2024-10-18 (09:00)
    (
        "Fri, 17 Oct 2024 20:00:00 -0500",
        "the date 2024-10-17 is a Thursday, not Fri: correct the date or the day of the week, or leave the day out",
        "日期 2024-10-17 是星期四，不是Fri：请更正日期或星期，或删去星期",
    ),
    # a word where the month's name goes
    (
        "Octo 17 2024",
        "Octo is no month's name avzone reads: write the month's English name, whole or its first three letters "
        "(Jan to Dec, or Sept), or the date year first (ISO 8601, YYYY-MM-DD)",
        "Octo 不是 avzone 能读取的月份名：请写英文月份名的全称或前三个字母（Jan 到 Dec，或 Sept），"
        "或把日期写成年份在前的 YYYY-MM-DD",
    ),
    (
        "Thu, 17 Okt 2024 08:00:00 +0800",
        "Okt is no month's name avzone reads: write the month's English name, whole or its first three letters "
        "(Jan to Dec, or Sept), or the date year first (ISO 8601, YYYY-MM-DD)",
        "Okt 不是 avzone 能读取的月份名：请写英文月份名的全称或前三个字母（Jan 到 Dec，或 Sept），"
        "或把日期写成年份在前的 YYYY-MM-DD",
    ),
    # 上午 / 下午 right after the date
    (
        "2024/10/17上午8:00",
        "no space before 上午: write one, 2024/10/17 上午8:00",
        "上午前缺少空格：请加上空格，如 2024/10/17 上午8:00",
    ),
    (
        "2024-10-17下午08:00:00",
        "no space before 下午: write one, 2024-10-17 下午08:00:00",
        "下午前缺少空格：请加上空格，如 2024-10-17 下午08:00:00",
    ),
    (
        "17/10/2024下午 8:00",
        "no space before 下午: write one, 17/10/2024 下午 8:00",
        "下午前缺少空格：请加上空格，如 17/10/2024 下午 8:00",
    ),
    # a time of day with dots (Oracle's layout; its two-digit year, 17-OCT-24, is read)
    (
        "17-OCT-24 08.00.00.000000 AM",
        "the time of day 08.00.00.000000 is written with dots: write it with colons, 17-OCT-24 08:00:00.000000 AM",
        "时刻 08.00.00.000000 用点号分隔：请用冒号写时刻，如 17-OCT-24 08:00:00.000000 AM",
    ),
    (
        "2024-10-17 08.00.00",
        "the time of day 08.00.00 is written with dots: write it with colons, 2024-10-17 08:00:00",
        "时刻 08.00.00 用点号分隔：请用冒号写时刻，如 2024-10-17 08:00:00",
    ),
    (
        "17.10.2024 20.30",
        "the time of day 20.30 is written with dots: write it with colons, 17.10.2024 20:30",
        "时刻 20.30 用点号分隔：请用冒号写时刻，如 17.10.2024 20:30",
    ),
]

# refused texts with no precise reason to give: no more than the status is said
NO_REASON = [
    "Octo 32 2024",  # (no month's name there makes it a time)
    "Wed Oct 17 2024 08.00",  # (neither the day alone nor the clock alone: both)
]


def _code(text: str) -> int:
    return int(zonetime.to_ns(np.array([text], dtype=object))[1][0])


@pytest.mark.parametrize(("text", "en", "zh"), CASES, ids=[c[0] for c in CASES])
def test_the_reason_in_english_and_chinese(text, en, zh):
    why = zonetime.time_why(text)
    assert why is not None, text
    assert (why.text("en"), why.text("zh")) == (en, zh)


@pytest.mark.parametrize("text", [c[0] for c in CASES])
def test_every_text_given_a_reason_is_refused_by_the_reader(text):
    assert _code(text) == zonetime.TIME_INVALID


@pytest.mark.parametrize(
    "text",
    [
        "2024/10/17 上午8:00",
        "17-OCT-24 08:00:00.000000 AM",
        "Thu Oct 17 2024",
        "2024年10月17日 星期四 08:00:00",
        "Oct 17 2024",
        "29/02/2024",
        "Fri, 18 Oct 2024 09:00:00 +0800",
        "Thu, 17 Oct 2024 20:00:00 -0500",
        "Oct 31 24",
        "Feb 29 24 08:00",
    ],
)
def test_the_texts_as_the_reasons_say_to_write_them_are_read(text):
    assert _code(text) == zonetime.TIME_OK and zonetime.time_why(text) is None


def test_the_examples_the_reasons_give_are_read():
    for text, en, _ in CASES:
        if ", write it with colons, " in en or "write one, " in en:
            example = en.rsplit(", ", 1)[1]
            assert _code(example) == zonetime.TIME_OK, (text, example)


@pytest.mark.parametrize("text", NO_REASON)
def test_no_reason_where_none_can_be_given_precisely(text):
    assert _code(text) == zonetime.TIME_INVALID
    assert zonetime.time_why(text) is None


def test_a_weekday_named_beside_a_day_no_month_has_the_day_is_said():
    why = zonetime.time_why("Fri Oct 32 2024")
    assert why is not None and why.text("en") == "the date Oct 32 2024 has no day 32: 2024-10 has 31 days"


def test_at_says_the_same_reason():
    with pytest.raises(InputError) as err:
        zonetime.instant("Fri Oct 17 2024")
    assert str(err.value) == (
        "'Fri Oct 17 2024': the date 2024-10-17 is a Thursday, not Fri: correct the date or the day of the week, "
        "or leave the day out"
    )


# (a time that is read, then three refused texts of the new reasons: a status names its first three rows)
ROWS = [
    ["2024-10-17 08:00", "Fri Oct 17 2024", "31/02/2024 08:00", "17-OCT-24 08.00.00.000000 AM"],
    ["2024-10-17 08:00", "Octo 17 2024", "2024/10/17上午8:00", "13/13/2024"],
]
LINES = {
    0: [
        "    row 1 (line 3 of the file), "
        "ts = 'Fri Oct 17 2024': the date 2024-10-17 is a Thursday, not Fri: correct the date or the day of "
        "the week, or leave the day out",
        "    row 2 (line 4 of the file), "
        "ts = '31/02/2024 08:00': the date 31/02/2024 has no day 31: 2024-02 has 29 days",
        "    row 3 (line 5 of the file), "
        "ts = '17-OCT-24 08.00.00.000000 AM': the time of day 08.00.00.000000 is written with dots: "
        "write it with colons, 17-OCT-24 08:00:00.000000 AM",
        "    第 1 行（位于文件第 3 行），"
        "ts = 'Fri Oct 17 2024'：日期 2024-10-17 是星期四，不是Fri：请更正日期或星期，或删去星期",
        "    第 2 行（位于文件第 4 行），ts = '31/02/2024 08:00'：日期 31/02/2024 中没有 31 日：2024-02 只有 29 天",
        "    第 3 行（位于文件第 5 行），"
        "ts = '17-OCT-24 08.00.00.000000 AM'：时刻 08.00.00.000000 用点号分隔：请用冒号写时刻，"
        "如 17-OCT-24 08:00:00.000000 AM",
    ],
    1: [
        "    row 1 (line 3 of the file), "
        "ts = 'Octo 17 2024': Octo is no month's name avzone reads: write the month's English name, "
        "whole or its first three letters (Jan to Dec, or Sept), or the date year first (ISO 8601, YYYY-MM-DD)",
        "    row 2 (line 4 of the file), "
        "ts = '2024/10/17上午8:00': no space before 上午: write one, 2024/10/17 上午8:00",
        "    row 3 (line 5 of the file), "
        "ts = '13/13/2024': the date 13/13/2024 has no month 13: months are 01 to 12 (year-month-day, such "
        "as 2024-06-01)",
        "    第 1 行（位于文件第 3 行），"
        "ts = 'Octo 17 2024'：Octo 不是 avzone 能读取的月份名：请写英文月份名的全称或前三个字母"
        "（Jan 到 Dec，或 Sept），或把日期写成年份在前的 YYYY-MM-DD",
        "    第 2 行（位于文件第 4 行），ts = '2024/10/17上午8:00'：上午前缺少空格：请加上空格，如 2024/10/17 上午8:00",
        "    第 3 行（位于文件第 5 行），ts = '13/13/2024'：日期 13/13/2024 中没有 13 月："
        "月份是 01 到 12（按年-月-日书写，如 2024-06-01）",
    ],
}


@pytest.mark.parametrize("which", [0, 1])
def test_the_locate_summary_quotes_the_new_reasons(tmp_path, which):
    path = tmp_path / "f.csv"
    frame = pd.DataFrame({"ts": ROWS[which], "lon": ["116.5"] * 4, "lat": ["39.8"] * 4})
    path.write_text(frame.to_csv(index=False), encoding="utf-8")
    out = tmp_path / "located.csv"
    args = ("locate", "--input", str(path), "--output", str(out), "--time-col", "ts")
    en, zh = run_cli(*args), run_cli("--lang", "zh", *args)
    assert en.returncode == 0 and zh.returncode == 0, en.stderr + zh.stderr
    lines = (en.stdout + en.stderr).splitlines() + (zh.stdout + zh.stderr).splitlines()
    for line in LINES[which]:
        assert line in lines, (line, lines)
    status = pd.read_csv(out, dtype=str, keep_default_na=False)["status"].tolist()
    assert status == ["ok", TIME_INVALID, TIME_INVALID, TIME_INVALID]


def _beijing(text: str) -> str | None:
    ns, codes = zonetime.to_ns(np.array([text], dtype=object))
    return zonetime.beijing_iso(int(ns[0])) if codes[0] == zonetime.TIME_OK else None


def test_a_month_name_a_day_and_a_two_digit_year_are_read_as_before():
    """A month's name, a day of that month and a two-digit number: the day and the year (as the parser read them and
    reads them still); where the number beside the name is no day of the month, no time (above)."""
    read = {
        "Oct 17 24": "2024-10-17T00:00:00+08:00",
        "17 Oct 24": "2024-10-17T00:00:00+08:00",
        "17-OCT-24 08:00:00": "2024-10-17T08:00:00+08:00",
        "Oct 31, 24": "2024-10-31T00:00:00+08:00",
        "Feb 29 24": "2024-02-29T00:00:00+08:00",
        "Oct 24 32": "2032-10-24T00:00:00+08:00",
        "Thu Oct 17 08:00:00 24": "2024-10-17T08:00:00+08:00",
    }
    assert {text: _beijing(text) for text in read} == read
    for text in ("Oct 32 24", "32 Oct 24", "Oct-32-24", "October 32, 24", "Oct 99 24", "Oct 0 24", "Nov 31 24",
                 "Oct 32 08:00 24", "32 Oct 8:00 PM 24"):  # fmt: skip
        assert _beijing(text) is None, text
        assert zonetime.time_why(text) is not None, text


def test_the_longer_abbreviations_of_a_weekday_are_read_on_their_date():
    """Tues, Weds, Thur and Thurs (and Th where the text starts with it), as logs write them, were no time: the
    parser knows three letters and whole names. Read, the day checked against the date."""
    read = {
        "Thurs Oct 17 2024": "2024-10-17T00:00:00+08:00",
        "Thur Oct 17 08:00:00 2024": "2024-10-17T08:00:00+08:00",
        "THURS, 17 OCT 2024 08:00:00 +0800": "2024-10-17T08:00:00+08:00",
        "Tues, 15 Oct 2024 08:00:00 GMT": "2024-10-15T16:00:00+08:00",
        "tues. Oct 15 2024 8:00 PM": "2024-10-15T20:00:00+08:00",
        "Weds Oct 16 2024": "2024-10-16T00:00:00+08:00",
        "Th, 17 Oct 2024 08:00": "2024-10-17T08:00:00+08:00",
        "2024-10-17 08:00:00 +08:00 Thurs": "2024-10-17T08:00:00+08:00",
    }
    assert {text: _beijing(text) for text in read} == read
    for text in ("Thurs Oct 18 2024", "Tues Oct 17 2024", "Weds, 17 Oct 2024 08:00:00 +0800", "Th Oct 18 2024",
                 "Thursd Oct 17 2024", "Wedn Oct 16 2024", "17 Thurs 2024"):  # fmt: skip
        assert _beijing(text) is None, text


def test_a_weekday_s_two_letters_starting_a_text_are_read_on_their_date():
    """Mo, Tu, We, Fr, Sa and Su (English's shortest names of the days, as calendars head their columns) starting a
    text were refused with no reason, while Th was read as Thursday: each is read as its day and checked against the
    date as Th is, on the day the date falls on only, and only where it starts the text."""
    read = {
        "Mo Oct 14 2024": "2024-10-14T00:00:00+08:00",
        "Tu, 15 Oct 2024 08:00:00 +0800": "2024-10-15T08:00:00+08:00",
        "we Oct 16 2024 8:00 PM": "2024-10-16T20:00:00+08:00",
        "Th 17 Oct 2024 08:00": "2024-10-17T08:00:00+08:00",
        "FR Oct 18 08:00:00 2024": "2024-10-18T08:00:00+08:00",
        "Sa, 19 Oct 2024 08:00:00 GMT": "2024-10-19T16:00:00+08:00",
        "Su 2024-10-20 08:00": "2024-10-20T08:00:00+08:00",
    }
    assert {text: _beijing(text) for text in read} == read
    for text in ("Mo Oct 15 2024", "Fr Oct 17 2024", "Su, 19 Oct 2024 08:00:00 GMT", "Sa: Oct 19 2024",
                 "Oct 19 2024 Sa", "Sa19 Oct 2024", "Di Oct 15 2024", "Do Oct 17 2024"):  # fmt: skip
        assert _beijing(text) is None, text
