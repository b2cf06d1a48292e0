"""Time texts refused with the general reason only, or with a reason whose advice was wrong, each now refused naming
what is wrong and what to write, in English and Chinese, alone, in a column of 3,000 rows, as ``at=`` and in a file
job: a clock with an h and no date (``08h00``), a clock with an h after a T (``2024-10-18T08h00``), a day of an ISO
week outside 1 to 7 (``2024-W42-8``), an offset's sign apart from its digits after a date without a time of day
(``2024-10-18 - 05:00``: it was told to write ``2024-10-18 05:00``, the offset made a clock), and an offset
with seconds after a time of day (``2024-10-18 00:00 -05:00:00``, ``08:00 +0800:00``, ``08:00 - 05:00:00``: written to
the minute, ``-05:00``; seconds other than 00 said, never rounded)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from common import (
    H_CLOCK,
    TIME_FORMS_WITH_A_REASON,
    assert_file_job_says,
    assert_no_time,
    assert_refused_naming,
    run_cli,
)

from avzone import zonetime
from avzone.errors import InputError
from avzone.i18n import Message, Quoted
from avzone.rowexamples import RowExample


def _codes(texts: list[str]) -> list[int]:
    return zonetime.to_ns(pd.Series(texts))[1].tolist()


# -- a clock with an h and no date ------------------------------------------------------------------------------------

_H_ALONE = [
    ("08h00", {"clock": "08h00", "example": "2024-06-01 08:00"}),
    ("8h30", {"clock": "8h30", "example": "2024-06-01 8:30"}),
    ("08H00", {"clock": "08H00", "example": "2024-06-01 08:00"}),
    ("０８ｈ００", {"clock": "０８ｈ００", "example": "2024-06-01 ０８:００"}),
    ("０８h００", {"clock": "０８h００", "example": "2024-06-01 ０８:００"}),
    ("08h00 +08:00", {"clock": "08h00", "example": "2024-06-01 08:00 +08:00"}),
    (" 08h00 ", {"clock": "08h00", "example": "2024-06-01 08:00"}),
]


def test_a_clock_with_an_h_and_no_date_is_named_with_the_form_to_write():
    """'08h00' had the general reason while '2024-10-18 08h00' had its own: the h is named now, and as a time of day
    alone is no time either, the form to write has a date."""
    assert_refused_naming(
        _H_ALONE,
        "time_h_clock_no_date",
        en=lambda f: (
            f"{f['clock']} writes the time of day with an h, which avzone does not read, and gives no date: write the "
            f"date and the time of day with a colon, such as {f['example']}"
        ),
        zh=lambda f: (
            f"{f['clock']} 用 h 分隔时和分，avzone 不读取这种写法，且没有给出日期：请写出日期及用冒号分隔的时刻，"
            f"如 {f['example']}"
        ),
        examples_read=True,
    )
    # (a clock with a colon and no date: no more than its status to say, as before)
    assert zonetime.time_why("08:00") is None and zonetime.time_why("０８:００") is None


# -- a clock with an h after a T --------------------------------------------------------------------------------------

_H_AFTER_T = [
    ("2024-10-18T08h00", {"clock": "08h00", "example": "2024-10-18T08:00"}),
    ("2024-10-18t08h00", {"clock": "08h00", "example": "2024-10-18t08:00"}),
    ("2024-10-18T08H00", {"clock": "08H00", "example": "2024-10-18T08:00"}),
    ("20241018T08h00", {"clock": "08h00", "example": "20241018T08:00"}),
    ("2024-10-18T08h00+08:00", {"clock": "08h00", "example": "2024-10-18T08:00+08:00"}),
    ("2024-10-18T8h30", {"clock": "8h30", "example": "2024-10-18T8:30"}),
    ("２０２４-１０-１８Ｔ０８ｈ００", {"clock": "０８ｈ００", "example": "２０２４-１０-１８Ｔ０８:００"}),
    ("2024-10-18ｔ08ｈ00", {"clock": "08ｈ00", "example": "2024-10-18ｔ08:00"}),
]


def test_a_clock_with_an_h_after_a_t_is_named():
    """'2024-10-18T08h00' had the general reason, '2024-10-18 08h00' its own: the same now."""
    assert_refused_naming(
        _H_AFTER_T,
        "time_h_clock",
        en=H_CLOCK[0],
        zh=H_CLOCK[1],
        examples_read=True,
    )


def test_an_h_in_a_word_after_a_date_is_no_clock():
    """An h between digits inside a longer word stays unnamed: only a clock, standing alone or after a date's T."""
    for text in ("2024-10-18X08h00", "2024-10-18T08h00m", "2024-10-18T08h00:00"):
        why = zonetime.time_why(text)
        assert why is None or why.key != "time_h_clock", (text, why)


# -- a day of an ISO week outside 1 to 7 ------------------------------------------------------------------------------

_WEEK_DAY_RANGE = [
    ("2024-W42-8", {"date": "2024-W42-8", "day": "8", "week": "42", "first": "2024-W42-1", "last": "2024-W42-7"}),
    ("2024-W42-0", {"date": "2024-W42-0", "day": "0", "week": "42", "first": "2024-W42-1", "last": "2024-W42-7"}),
    ("2024-W42-9", {"date": "2024-W42-9", "day": "9", "week": "42", "first": "2024-W42-1", "last": "2024-W42-7"}),
    ("2024-w42-8", {"date": "2024-w42-8", "day": "8", "week": "42", "first": "2024-w42-1", "last": "2024-w42-7"}),
    ("2024W428", {"date": "2024W428", "day": "8", "week": "42", "first": "2024W421", "last": "2024W427"}),
    ("2024-W42-10", {"date": "2024-W42-10", "day": "10", "week": "42", "first": "2024-W42-1", "last": "2024-W42-7"}),
    ("2024-W42-8 08:00", {"date": "2024-W42-8", "day": "8", "week": "42", "first": "2024-W42-1", "last": "2024-W42-7"}),
    ("2024-W42-8T08:00+08:00",
     {"date": "2024-W42-8", "day": "8", "week": "42", "first": "2024-W42-1", "last": "2024-W42-7"}),
    ("２０２４-Ｗ４２-８", {"date": "２０２４-Ｗ４２-８", "day": "８", "week": "４２", "first": "２０２４-Ｗ４２-１",
                           "last": "２０２４-Ｗ４２-７"}),
]  # fmt: skip


def test_a_day_of_an_iso_week_outside_1_to_7_is_said_so():
    """'2024-W42-8' had the general reason, where '2024-W53-1' (a week 2024 does not have) was told so."""
    assert_refused_naming(
        _WEEK_DAY_RANGE,
        "time_iso_week_day_range",
        en=lambda f: (
            f"{f['date']} names day {f['day']} of ISO week {f['week']}, and a week's days are 1 (Monday) to 7 "
            f"(Sunday): give a day the week has, {f['first']} to {f['last']}"
        ),
        zh=lambda f: (
            f"{f['date']} 所指的是 ISO 第 {f['week']} 周的第 {f['day']} 天，而一周的日为 1（星期一）至 7（星期日）："
            f"请给出该周有的日，{f['first']} 至 {f['last']}"
        ),
    )
    for _, fields in _WEEK_DAY_RANGE:  # (the days it names are read)
        assert _codes([fields["first"], fields["last"]]) == [zonetime.TIME_OK] * 2, fields


def test_an_iso_week_its_year_does_not_have_in_full_width_forms_is_said_so():
    """'２０２４-Ｗ５３-１' had the general reason, '2024-W53-1' its own: the same now, as a day out of 1 to 7 in a week
    the year does not have (the week is said first)."""
    assert_refused_naming(
        [("２０２４-Ｗ５３-１", {"date": "２０２４-Ｗ５３-１", "week": "５３", "year": 2024, "weeks": 52}),
         ("2024-W53-8", {"date": "2024-W53-8", "week": "53", "year": 2024, "weeks": 52})],
        "time_iso_week_day_none",
    )  # fmt: skip


def test_a_day_of_an_iso_week_its_year_has_stays_read():
    assert _codes(["2024-W42-1", "2024-W42-7", "2024W427", "2024-w42-1", "２０２４-Ｗ４２-７", "2026-W53-7"]) == [0] * 6


# -- an offset's sign apart from its digits after a date alone --------------------------------------------------------


def _sign(written: str, offset: str, date: str) -> dict[str, str]:
    return {"written": written, "offset": offset, "date": date, "example": f"{date} 00:00 {offset}"}


_SIGN_NO_CLOCK = [
    ("2024-10-18 - 05:00", _sign("- 05:00", "-05:00", "2024-10-18")),
    ("2024-10-18 + 08:00", _sign("+ 08:00", "+08:00", "2024-10-18")),
    ("2024-10-18 - 08:00", _sign("- 08:00", "-08:00", "2024-10-18")),  # (was told: write 2024-10-18 08:00)
    ("2024-10-18 - 0500", _sign("- 0500", "-0500", "2024-10-18")),
    ("2024-10-18 - 5", _sign("- 5", "-5", "2024-10-18")),
    ("2024-10-18 - 8:00", _sign("- 8:00", "-8:00", "2024-10-18")),
    ("2024/10/18 - 05:00", _sign("- 05:00", "-05:00", "2024/10/18")),
    ("18 Oct 2024 - 05:00", _sign("- 05:00", "-05:00", "18 Oct 2024")),
    ("2024年10月18日 - 05:00", _sign("- 05:00", "-05:00", "2024年10月18日")),
    ("2024-10-18 － 05:00", _sign("－ 05:00", "－05:00", "2024-10-18")),
    ("2024-10-18 ＋ 08:00", _sign("＋ 08:00", "＋08:00", "2024-10-18")),
]


def test_an_offset_s_sign_apart_after_a_date_alone_is_told_it_is_an_offset():
    """'2024-10-18 - 05:00' was told to write '2024-10-18 05:00': the offset read as a time of day, an instant
    five hours from any the text may mean. An offset with no time of day before it is told so, as '2024-10-18 -05:00'
    is."""
    whys = assert_refused_naming(
        _SIGN_NO_CLOCK,
        "time_offset_sign_apart_no_clock",
        en=lambda f: (
            f"the sign of the offset {f['written']} stands apart from its digits, and the offset follows the date "
            f"{f['date']}, which gives no time of day: an offset's sign touches them, {f['offset']}, and an offset is "
            f"a time's; write the time of day before it, such as {f['example']}"
        ),
        zh=lambda f: (
            f"偏移量 {f['written']} 的正负号与数字分开了，且它跟在没有时刻的日期 {f['date']} 之后：偏移量的正负号须"
            f"紧挨数字，如 {f['offset']}，且偏移量是时刻的偏移量；请在它之前写出时刻，如 {f['example']}"
        ),
        examples_read=True,
    )
    for (text, _), why in zip(_SIGN_NO_CLOCK, whys, strict=True):
        assert "00:00" in why.text("en") and "00:00" in why.text("zh"), text


def test_an_offset_of_one_hour_digit_or_after_a_chinese_date_alone_is_told_it_wants_a_time_of_day():
    """'2024-10-18 -05:00' was told its offset wants a time of day before it; '2024-10-18 -8:00', '2024-10-18 -5'
    (offsets read after a time of day) and '2024年10月18日 -05:00' had the general reason: the same as the first now."""
    assert_refused_naming(
        [("2024-10-18 -8:00", {"date": "2024-10-18", "zone": "-8:00", "example": "2024-10-18 00:00 -8:00"}),
         ("2024-10-18 -5", {"date": "2024-10-18", "zone": "-5", "example": "2024-10-18 00:00 -5"}),
         ("2024-10-18 +8", {"date": "2024-10-18", "zone": "+8", "example": "2024-10-18 00:00 +8"}),
         ("2024年10月18日 -05:00",
          {"date": "2024年10月18日", "zone": "-05:00", "example": "2024年10月18日 00:00 -05:00"}),
         ("2024年10月18日 +0800",
          {"date": "2024年10月18日", "zone": "+0800", "example": "2024年10月18日 00:00 +0800"})],
        "time_zone_no_clock",
        en=lambda f: (
            f"the zone {f['zone']} follows the date {f['date']}, which gives no time of day: a zone is a time's "
            f"offset; write the time of day before it, such as {f['example']}"
        ),
        zh=lambda f: (
            f"时区 {f['zone']} 跟在没有时刻的日期 {f['date']} 之后：时区是时刻的偏移量；请在时区前写出时刻，"
            f"如 {f['example']}"
        ),
        examples_read=True,
    )  # fmt: skip


def test_an_en_dash_before_an_offset_after_a_date_alone_leads_to_the_offset():
    """The en dash is named first (write '-'); the text so written is then told its offset wants a time of day."""
    why = zonetime.time_why("2024-10-18 – 05:00")
    assert why is not None and why.key == "dash_not_minus" and why.fields["example"] == "2024-10-18 - 05:00"
    then = zonetime.time_why(why.fields["example"])
    assert then is not None and then.key == "time_offset_sign_apart_no_clock"


def test_a_sign_apart_after_a_date_and_a_clock_keeps_its_reason():
    why = zonetime.time_why("2024-10-18 08:00 - 05:00")
    assert why is not None and why.key == "time_offset_sign_apart"
    assert why.fields["example"] == "2024-10-18 08:00 -05:00"


# -- an offset's sign apart after a zone's word after a date alone ---------------------------------------------------


def _zone_sign(written: str, offset: str, date: str) -> dict[str, str]:
    return {"written": written, "offset": offset, "date": date, "example": f"{date} 00:00 {offset}"}


_ZONE_SIGN_NO_CLOCK = [
    ("2024-10-18 UTC - 5", _zone_sign("UTC - 5", "UTC-5", "2024-10-18")),
    ("2024-10-18 GMT + 8", _zone_sign("GMT + 8", "GMT+8", "2024-10-18")),
    ("2024-10-18 UTC + 08:00", _zone_sign("UTC + 08:00", "UTC+08:00", "2024-10-18")),
    ("2024-10-18 utc - 5", _zone_sign("utc - 5", "utc-5", "2024-10-18")),
    ("18 Oct 2024 GMT - 5", _zone_sign("GMT - 5", "GMT-5", "18 Oct 2024")),
    ("2024/10/18 GMT + 0800", _zone_sign("GMT + 0800", "GMT+0800", "2024/10/18")),
]


def test_an_offset_s_sign_apart_after_a_zone_word_after_a_date_alone_is_named():
    """'2024-10-18 UTC - 5' and '2024-10-18 GMT + 8' had the general reason, where '2024-10-18 - 5' and
    '2024-10-18 UTC-5' each had their own: the sign apart and the missing time of day are said now, the zone's word
    kept with its offset."""
    assert_refused_naming(
        _ZONE_SIGN_NO_CLOCK,
        "time_offset_sign_apart_no_clock",
        en=lambda f: (
            f"the sign of the offset {f['written']} stands apart from its digits, and the offset follows the date "
            f"{f['date']}, which gives no time of day: an offset's sign touches them, {f['offset']}, and an offset is "
            f"a time's; write the time of day before it, such as {f['example']}"
        ),
        examples_read=True,
    )
    # (the example is the instant the text says with its sign touching: UTC-5 at 00:00 is 13:00 in Beijing)
    assert zonetime.beijing_iso(zonetime.instant("2024-10-18 00:00 UTC-5")) == "2024-10-18T13:00:00+08:00"
    assert zonetime.beijing_iso(zonetime.instant("2024-10-18 00:00 GMT+8")) == "2024-10-18T00:00:00+08:00"


def test_a_sign_apart_after_a_zone_word_after_a_clock_keeps_its_reason():
    why = zonetime.time_why("2024-10-18 08:00 UTC - 5")
    assert why is not None and why.key == "time_offset_sign_apart", why
    assert zonetime.time_why("2024-10-18 08:00 UTC-5") is None  # (a time)


# -- a day of an ISO week written with two digits --------------------------------------------------------------------

_WEEK_DAY_DIGITS = [
    ("2024-W42-07", {"date": "2024-W42-07", "day": "07", "example": "2024-W42-7"}),
    ("2024-W42-01", {"date": "2024-W42-01", "day": "01", "example": "2024-W42-1"}),
    ("2024-w42-03", {"date": "2024-w42-03", "day": "03", "example": "2024-w42-3"}),
    ("2024W42-05", {"date": "2024W42-05", "day": "05", "example": "2024W42-5"}),
    ("2024-W42-07 08:00", {"date": "2024-W42-07", "day": "07", "example": "2024-W42-7 08:00"}),
    ("2024-W42-07T08:00+08:00", {"date": "2024-W42-07", "day": "07", "example": "2024-W42-7T08:00+08:00"}),
    ("２０２４-Ｗ４２-０７", {"date": "２０２４-Ｗ４２-０７", "day": "０７", "example": "２０２４-Ｗ４２-７"}),
]


def test_a_day_of_an_iso_week_of_two_digits_is_said_to_be_one():
    """'2024-W42-07' had the general reason: a week's day is one digit."""
    assert_refused_naming(
        _WEEK_DAY_DIGITS,
        "time_iso_week_day_digits",
        en=lambda f: (
            f"{f['date']} writes the day of its ISO week with two digits, {f['day']}: a week's day is one digit, "
            f"1 (Monday) to 7 (Sunday); write {f['example']}"
        ),
        zh=lambda f: (
            f"{f['date']} 用两位数字 {f['day']} 写 ISO 周中的日：周中的日是一位数字，1（星期一）至 7（星期日）；"
            f"请写作 {f['example']}"
        ),
        examples_read=True,
    )
    # (two digits outside 1 to 7, or a week the year does not have: those reasons, as before)
    assert zonetime.time_why("2024-W42-08").key == "time_iso_week_day_range"  # type: ignore[union-attr]
    assert zonetime.time_why("2024-W42-00").key == "time_iso_week_day_range"  # type: ignore[union-attr]
    assert zonetime.time_why("2024-W53-07").key == "time_iso_week_day_none"  # type: ignore[union-attr]


# -- a T with a time of day alone ------------------------------------------------------------------------------------

_T_NO_DATE = [
    ("T08:00", {"written": "T08:00", "example": "2024-06-01T08:00"}),
    ("t08:00", {"written": "t08:00", "example": "2024-06-01t08:00"}),
    ("T08:00:00+08:00", {"written": "T08:00:00+08:00", "example": "2024-06-01T08:00:00+08:00"}),
    ("T0800", {"written": "T0800", "example": "2024-06-01T0800"}),  # (was: the year 800 without its day)
    (" T08:00 ", {"written": "T08:00", "example": "2024-06-01T08:00"}),
    ("Ｔ０８:００", {"written": "Ｔ０８:００", "example": "2024-06-01Ｔ０８:００"}),
]


def test_a_t_with_a_time_of_day_alone_is_told_to_give_the_date():
    """'T08:00' had the general reason, and 'T0800' was told it is a year without its day (the year 800)."""
    assert_refused_naming(
        _T_NO_DATE,
        "time_t_no_date",
        en=lambda f: (
            f"{f['written']} is a time of day after a T, and gives no date: a T stands between a date and its time of "
            f"day; write the date before it, such as {f['example']}"
        ),
        zh=lambda f: (
            f"{f['written']} 是 T 之后的时刻，没有给出日期：T 位于日期与时刻之间；请在它之前写出日期，如 {f['example']}"
        ),
        examples_read=True,
    )


# -- two faults in one text ------------------------------------------------------------------------------------------

_TWO_FAULTS = [
    # (the text, the h clock written with a colon, the second reason's key, what it says to write, a time so written)
    ("2024-10-18_08h00", "2024-10-18_08:00", "time_underscore", "2024-10-18 08:00", "2024-10-18 08:00"),
    ("2024-10-18_08h00 +08:00", "2024-10-18_08:00 +08:00", "time_underscore", "2024-10-18 08:00 +08:00",
     "2024-10-18 08:00 +08:00"),
    ("2024-10-18 08h00 - 05:00", "2024-10-18 08:00 - 05:00", "time_offset_sign_apart", "2024-10-18 08:00 -05:00",
     "2024-10-18 08:00 -05:00"),
    ("2024-W42-8T08h00", "2024-W42-8T08:00", "time_iso_week_day_range", "2024-W42-7", "2024-W42-7T08:00"),
    ("T08h00", "T08:00", "time_t_no_date", "2024-06-01T08:00", "2024-06-01T08:00"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "colon", "then", "right", "read"), _TWO_FAULTS)
def test_two_faults_are_both_named(text, colon, then, right, read):
    """'2024-10-18_08h00', '2024-10-18 08h00 - 05:00', '2024-W42-8T08h00' and 'T08h00' had the general reason,
    each fault alone its own: the h is named, with the text written with a colon, and then why that is still no
    time, the reason the text so written has (whose advice gives a time)."""
    assert_no_time([text])
    why = zonetime.time_why(text)
    assert why is not None and why.key == "time_two_faults", why
    first, second = why.fields["first"], why.fields["then"]
    assert first.key == "time_h_clock" and first.fields["example"] == colon
    assert second == zonetime.time_why(colon) and second.key == then  # (fixed, the text has the second reason)
    assert why.text("en") == f"{first.text('en')}; written so, it is still no time: {second.text('en')}"
    assert why.text("zh") == f"{first.text('zh')}；这样写仍不是时间：{second.text('zh')}"
    assert right in second.text("en") and right in second.text("zh")
    assert zonetime.time_why(read) is None and _codes([read]) == [zonetime.TIME_OK]


# -- a sign and a time of day with seconds after a date alone: a clock or an offset ---------------------------------


def _either(written: str, mark: str, date: str, clock: str, offset: str) -> dict[str, str]:
    return {"written": written, "mark": mark, "date": date, "clock": clock, "offset": offset}


_CLOCK_OR_OFFSET = [
    ("2024-10-18 - 05:00:00",
     _either("- 05:00:00", "-", "2024-10-18", "2024-10-18 05:00:00", "2024-10-18 00:00 -05:00")),
    ("2024-10-18 + 08:00:00",
     _either("+ 08:00:00", "+", "2024-10-18", "2024-10-18 08:00:00", "2024-10-18 00:00 +08:00")),
    ("2024-10-18 -05:00:00",
     _either("-05:00:00", "-", "2024-10-18", "2024-10-18 05:00:00", "2024-10-18 00:00 -05:00")),
    ("18 Oct 2024 - 05:30:00",
     _either("- 05:30:00", "-", "18 Oct 2024", "18 Oct 2024 05:30:00", "18 Oct 2024 00:00 -05:30")),
]  # fmt: skip


def test_a_sign_and_a_clock_with_seconds_after_a_date_alone_is_told_both_readings():
    """'2024-10-18 - 05:00:00' was told to write '2024-10-18 05:00:00' (the sign a stray mark), while it may as well
    be an offset with seconds, which avzone does not read after a space: both readings are said, neither chosen."""
    whys = assert_refused_naming(
        _CLOCK_OR_OFFSET,
        "time_clock_or_offset",
        en=lambda f: (
            f"{f['written']} after the date {f['date']} may be a time of day with a stray {f['mark']} before it, or "
            f"an offset with seconds, which avzone does not read after a space (an offset there is hours and "
            f"minutes): write which is meant, the time of day alone, {f['clock']}, or a time of day and the offset, "
            f"such as {f['offset']}"
        ),
        zh=lambda f: (
            f"日期 {f['date']} 之后的 {f['written']} 可能是前面多了 {f['mark']} 的时刻，也可能是带秒的偏移量，而 "
            f"avzone 不读取空格之后带秒的偏移量（那里的偏移量只有时和分）：请写明所指，只写时刻，写作 {f['clock']}，"
            f"或写出时刻及偏移量，如 {f['offset']}"
        ),
    )
    for why in whys:  # (both written forms are times, and two different instants)
        clock, offset = why.fields["clock"], why.fields["offset"]
        assert _codes([clock, offset]) == [zonetime.TIME_OK] * 2
        assert zonetime.instant(clock) != zonetime.instant(offset)


def test_a_sign_and_a_clock_with_seconds_an_offset_cannot_have_keeps_its_reason():
    """Seconds other than 00 (or hours no offset has) are no offset's: the sign is a stray mark, as before."""
    for text in ("2024-10-18 - 05:30:15", "2024-10-18 - 20:00:00"):
        why = zonetime.time_why(text)
        assert why is not None and why.key == "time_stray_inside", (text, why)


# -- an offset with seconds after a time of day ------------------------------------------------------------------------

_OFFSET_SECONDS = [
    ("2024-10-18 00:00 -05:00:00",
     {"written": "-05:00:00", "offset": "-05:00", "example": "2024-10-18 00:00 -05:00"}),
    ("2024-10-18 08:00 +0800:00",
     {"written": "+0800:00", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00"}),
    ("2024-10-18 08:00 +080000",
     {"written": "+080000", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00"}),
    ("2024-10-18T08:00:00+0800:00",
     {"written": "+0800:00", "offset": "+08:00", "example": "2024-10-18T08:00:00+08:00"}),
    ("2024-10-18 08:00 -05:30:00",
     {"written": "-05:30:00", "offset": "-05:30", "example": "2024-10-18 08:00 -05:30"}),
    ("18 Oct 2024 8:00 PM -05:00:00",
     {"written": "-05:00:00", "offset": "-05:00", "example": "18 Oct 2024 8:00 PM -05:00"}),
]  # fmt: skip
_OFFSET_SECONDS_APART = [
    ("2024-10-18 08:00 - 05:00:00",
     {"written": "- 05:00:00", "offset": "-05:00", "example": "2024-10-18 08:00 -05:00"}),
    ("2024-10-18 08:00 + 0800:00",
     {"written": "+ 0800:00", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00"}),
]  # fmt: skip
_OFFSET_SECONDS_ODD = [
    ("2024-10-18 08:00 +08:00:30", {"written": "+08:00:30", "seconds": "30", "form": "2024-10-18 08:00 +hh:mm"}),
    ("2024-10-18 08:00 - 05:30:15", {"written": "- 05:30:15", "seconds": "15", "form": "2024-10-18 08:00 -hh:mm"}),
]


def test_an_offset_with_seconds_after_a_time_of_day_is_told_to_the_minute():
    """'2024-10-18 00:00 -05:00:00' and '2024-10-18 08:00 +0800:00' had the general reason: the offset with seconds
    is named, with the offset to the minute and the text written with it (a time, the instant the seconds of 00
    meant)."""
    whys = assert_refused_naming(
        _OFFSET_SECONDS,
        "time_offset_seconds",
        en=lambda f: (
            f"the offset {f['written']} is written with seconds: an offset is written to the minute, {f['offset']}; "
            f"write {f['example']}"
        ),
        zh=lambda f: f"偏移量 {f['written']} 带有秒：偏移量只写到分，如 {f['offset']}；请写作 {f['example']}",
        examples_read=True,
    )
    instants = [zonetime.instant(why.fields["example"]) for why in whys]
    assert instants[:2] == [zonetime.instant("2024-10-18T05:00:00Z"), zonetime.instant("2024-10-18T00:00:00Z")]


def test_an_offset_with_seconds_and_its_sign_apart_is_told_both():
    """'2024-10-18 08:00 - 05:00:00': the seconds and the sign apart, both named, and the text to write."""
    assert_refused_naming(
        _OFFSET_SECONDS_APART,
        "time_offset_seconds_sign_apart",
        en=lambda f: (
            f"the offset {f['written']} is written with seconds, and its sign stands apart from its digits: an "
            f"offset's sign touches them, and an offset is written to the minute, {f['offset']}; write {f['example']}"
        ),
        zh=lambda f: (
            f"偏移量 {f['written']} 带有秒，且正负号与数字分开了：偏移量的正负号须紧挨数字，且只写到分，如 "
            f"{f['offset']}；请写作 {f['example']}"
        ),
        examples_read=True,
    )


def test_an_offset_with_seconds_other_than_00_is_not_rounded():
    """'2024-10-18 08:00 +08:00:30' is no whole number of minutes: said so, never an offset rounded to the minute."""
    whys = assert_refused_naming(
        _OFFSET_SECONDS_ODD,
        "time_offset_seconds_odd",
        en=lambda f: (
            f"the offset {f['written']} is written with seconds, {f['seconds']}, that are not 00: it is no whole "
            f"number of minutes, so it cannot be written to the minute, and avzone does not round it; write the "
            f"offset that is meant in hours and minutes, as {f['form']}"
        ),
        zh=lambda f: (
            f"偏移量 {f['written']} 带有不为 00 的秒（{f['seconds']} 秒）：它不是整分钟，无法只写到分，avzone 也不会"
            f"将其取整；请写出所指的以时和分表示的偏移量，形如 {f['form']}"
        ),
    )
    for why in whys:  # (no offset to the minute is offered as the one meant)
        assert not re.search(r"[+-]\d{2}:\d{2}(?!:)", why.text("en").split(": it is")[1]), why.text("en")


def test_a_minus_sign_before_an_offset_with_seconds_names_both_faults():
    """'2024-10-18 08:00 −05:00:00' (U+2212) was told to write '2024-10-18 08:00 -05:00:00', still no time: the
    dash is named, then the offset's seconds, whose advice gives a time."""
    text = "2024-10-18 08:00 \u221205:00:00"
    assert_no_time([text])
    why = zonetime.time_why(text)
    assert why is not None and why.key == "time_two_faults", why
    first, then = why.fields["first"], why.fields["then"]
    assert first.key == "dash_not_minus" and first.fields["example"] == "2024-10-18 08:00 -05:00:00"
    assert then == zonetime.time_why("2024-10-18 08:00 -05:00:00") and then.key == "time_offset_seconds"
    assert why.text("en") == f"{first.text('en')}; written so, it is still no time: {then.text('en')}"
    assert why.text("zh") == f"{first.text('zh')}；这样写仍不是时间：{then.text('zh')}"
    assert _codes([then.fields["example"]]) == [zonetime.TIME_OK]
    # (a dash whose text with a - is a time: the dash alone, as before)
    assert zonetime.time_why("2024-10-18 08:00 \u221205:00").key == "dash_not_minus"  # type: ignore[union-attr]


def test_an_offset_with_seconds_against_the_clock_is_still_read_as_before():
    """The forms read before are read as before, to the second: only the texts that were no time get a reason."""
    for text, utc in (
        ("2024-10-18T08:00:00+08:00:00", "2024-10-18T00:00:00Z"),
        ("2024-10-18 00:00-05:00:00", "2024-10-18T05:00:00Z"),
        ("2024-10-18 08:00:00+080000", "2024-10-18T00:00:00Z"),
        ("2024-10-18T08:00+08:00:30", "2024-10-17T23:59:30Z"),
    ):
        assert _codes([text]) == [zonetime.TIME_OK] and zonetime.time_why(text) is None, text
        assert zonetime.instant(text) == zonetime.instant(utc), text


# -- an offset's minutes or seconds past 59, its hour past the offsets in use ---------------------------------------

_OFFSET_MINUTE_RANGE = [
    ("2024-10-18 08:00 +08:75", {"written": "+08:75", "minute": "75", "form": "2024-10-18 08:00 +hh:mm"}),
    ("2024-10-18 08:00 +08:60", {"written": "+08:60", "minute": "60", "form": "2024-10-18 08:00 +hh:mm"}),
    ("2024-10-18T08:00+08:75", {"written": "+08:75", "minute": "75", "form": "2024-10-18T08:00+hh:mm"}),
    ("2024-10-18 08:00 -0575", {"written": "-0575", "minute": "75", "form": "2024-10-18 08:00 -hh:mm"}),
    ("2024-10-18 08:00 +08:75:00", {"written": "+08:75:00", "minute": "75", "form": "2024-10-18 08:00 +hh:mm"}),
    ("2024-10-18 08:00 UTC+8:75", {"written": "+8:75", "minute": "75", "form": "2024-10-18 08:00 UTC+hh:mm"}),
    ("2024-10-18 08:00 +08:75 CST", {"written": "+08:75", "minute": "75", "form": "2024-10-18 08:00 +hh:mm CST"}),
    ("18 Oct 2024 8:00 PM +08:75", {"written": "+08:75", "minute": "75", "form": "18 Oct 2024 8:00 PM +hh:mm"}),
]  # fmt: skip
_OFFSET_SECOND_RANGE = [
    ("2024-10-18 08:00 +08:00:75", {"written": "+08:00:75", "second": "75", "form": "2024-10-18 08:00 +hh:mm"}),
    ("2024-10-18T08:00:00+08:00:75", {"written": "+08:00:75", "second": "75", "form": "2024-10-18T08:00:00+hh:mm"}),
    ("2024-10-18 08:00 -05:00:60", {"written": "-05:00:60", "second": "60", "form": "2024-10-18 08:00 -hh:mm"}),
    ("2024-10-18 08:00 UTC+8:00:75", {"written": "+8:00:75", "second": "75", "form": "2024-10-18 08:00 UTC+hh:mm"}),
]  # fmt: skip


def test_an_offset_s_minutes_past_59_are_said_and_no_offset_is_chosen():
    """'2024-10-18 08:00 +08:75' had the general reason (once read as +09:15, minutes carried into the hours): the
    minute is named, and as no one offset is meant, the form to write, never an offset chosen."""
    whys = assert_refused_naming(
        _OFFSET_MINUTE_RANGE,
        "time_offset_minute_range",
        en=lambda f: (
            f"the offset {f['written']} has the minute {f['minute']}, past 59: it is no offset, and avzone does not "
            f"read it as another; write the offset that is meant in hours and minutes, as {f['form']}"
        ),
        zh=lambda f: (
            f"偏移量 {f['written']} 的分为 {f['minute']}，超过了 59：它不是偏移量，avzone 也不会把它读作别的偏移量；"
            f"请写出所指的以时和分表示的偏移量，形如 {f['form']}"
        ),
    )
    for why in whys:  # (no offset to the minute offered: +09:15 is not said)
        assert not re.search(r"[+-]\d{1,2}:[0-5]\d(?![\d:])", why.text("en")), why.text("en")


def test_an_offset_s_seconds_past_59_are_said_and_no_offset_is_chosen():
    """'2024-10-18 08:00 +08:00:75' had the general reason, '+08:00:30' its own: the second past 59 is named."""
    assert_refused_naming(
        _OFFSET_SECOND_RANGE,
        "time_offset_second_range",
        en=lambda f: (
            f"the offset {f['written']} has the second {f['second']}, past 59: it is no offset, and avzone does not "
            f"read it as another (an offset is written to the minute); write the offset that is meant in hours and "
            f"minutes, as {f['form']}"
        ),
        zh=lambda f: (
            f"偏移量 {f['written']} 的秒为 {f['second']}，超过了 59：它不是偏移量，avzone 也不会把它读作别的偏移量"
            f"（偏移量只写到分）；请写出所指的以时和分表示的偏移量，形如 {f['form']}"
        ),
    )


def test_an_offset_s_hour_past_the_offsets_in_use_with_seconds_is_quoted_as_written():
    """'+25:00:00' was said as 'the offset +25:00', its seconds left out: the offset as written."""
    for text, offset in (
        ("2024-10-18 08:00 +25:00:00", "+25:00:00"),
        ("2024-10-18T08:00:00-13:00:00", "-13:00:00"),
        ("2024-10-18 08:00 UTC+15:00:00", "+15:00:00"),
        ("2024-10-18 08:00 +25:00", "+25:00"),
    ):
        assert_no_time([text])
        why = zonetime.time_why(text)
        assert why is not None and why.key == "time_offset_range" and why.fields == {"offset": offset}, (text, why)
    # (an hour past them and minutes past 59: said as before, no reason of the minutes)
    assert zonetime.time_why("2024-10-18 08:00 +25:75") is None


def test_offsets_to_the_minute_in_range_are_still_read():
    for text, utc in (
        ("2024-10-18 08:00 +08:59", "2024-10-17T23:01:00Z"),
        ("2024-10-18 08:00 +14:00", "2024-10-17T18:00:00Z"),
        ("2024-10-18 08:00 -12:00", "2024-10-18T20:00:00Z"),
        ("2024-10-18 08:00 UTC-5:00", "2024-10-18T13:00:00Z"),
    ):
        assert _codes([text]) == [zonetime.TIME_OK] and zonetime.instant(text) == zonetime.instant(utc), text


# -- an offset with seconds and text after it; an hour of one digit after UTC or GMT ----------------------------------

_OFFSET_SECONDS_THEN = [
    ("2024-10-18 08:00 +08:00:00 CST",
     {"written": "+08:00:00", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00 CST"}),
    ("2024-10-18 08:00 +080000 CST",
     {"written": "+080000", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00 CST"}),
    ("2024-10-18 08:00 +08:00:00 (CST)",
     {"written": "+08:00:00", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00 (CST)"}),
    ("2024-10-18 08:00 +00:00:00 UTC",
     {"written": "+00:00:00", "offset": "+00:00", "example": "2024-10-18 08:00 +00:00 UTC"}),
    ("2024-10-18 08:00 +08:00:00 北京时间",
     {"written": "+08:00:00", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00 北京时间"}),
    ("2024-10-18 08:00 UTC-5:00:00",
     {"written": "-5:00:00", "offset": "-5:00", "example": "2024-10-18 08:00 UTC-5:00"}),
    ("2024-10-18 08:00 GMT+8:00:00",
     {"written": "+8:00:00", "offset": "+8:00", "example": "2024-10-18 08:00 GMT+8:00"}),
    ("2024-10-18 08:00 utc-5:00:00",
     {"written": "-5:00:00", "offset": "-5:00", "example": "2024-10-18 08:00 utc-5:00"}),
    ("2024-10-18 08:00 -5:00:00",
     {"written": "-5:00:00", "offset": "-5:00", "example": "2024-10-18 08:00 -5:00"}),
    ("2024-10-18 08:00 GMT+8:00:00 CST",
     {"written": "+8:00:00", "offset": "+8:00", "example": "2024-10-18 08:00 GMT+8:00 CST"}),
]  # fmt: skip


def test_an_offset_with_seconds_before_a_zone_s_word_or_with_an_hour_of_one_digit_is_told_to_the_minute():
    """'2024-10-18 08:00 +08:00:00 CST' was told CST does not say its offset (the offset says it: with it written to
    the minute the text is a time), '08:00 UTC-5:00:00' and '08:00 GMT+8:00:00' had the general reason: the seconds
    are named, with the text to write."""
    whys = assert_refused_naming(
        _OFFSET_SECONDS_THEN,
        "time_offset_seconds",
        en=lambda f: (
            f"the offset {f['written']} is written with seconds: an offset is written to the minute, {f['offset']}; "
            f"write {f['example']}"
        ),
        examples_read=True,
    )
    said = [zonetime.beijing_iso(zonetime.instant(why.fields["example"])) for why in whys]
    assert said[0] == said[1] == "2024-10-18T08:00:00+08:00" and said[3] == "2024-10-18T16:00:00+08:00"
    assert said[5] == said[7] == said[8] == "2024-10-18T21:00:00+08:00" and said[6] == "2024-10-18T08:00:00+08:00"


@pytest.mark.parametrize(
    ("text", "example", "then"),
    [("2024-10-18 08:00 -05:00:00 UTC", "2024-10-18 08:00 -05:00 UTC", "time_name_disagrees"),
     ("2024-10-18 08:00 +08:00:00 UTC", "2024-10-18 08:00 +08:00 UTC", "time_name_disagrees"),
     ("2024-10-18T08:00:00+08:00:00Z", "2024-10-18T08:00:00+08:00Z", "time_zones_differ"),
     ("2024-10-18 08:00 +08:00:00 Asia/Shanghai", "2024-10-18 08:00 +08:00 Asia/Shanghai", "time_zone_id_bare")],
)  # fmt: skip
def test_an_offset_with_seconds_before_text_that_is_still_no_time_names_both_faults(text, example, then):
    """'2024-10-18 08:00 -05:00:00 UTC' had the general reason: the seconds are named, then why the text written to
    the minute is still no time (-05:00 is not UTC's: two instants, neither chosen)."""
    assert_no_time([text])
    why = zonetime.time_why(text)
    assert why is not None and why.key == "time_two_faults", why
    first, second = why.fields["first"], why.fields["then"]
    assert first.key == "time_offset_seconds" and first.fields["example"] == example
    assert second == zonetime.time_why(example) and second.key == then
    assert why.text("en") == f"{first.text('en')}; written so, it is still no time: {second.text('en')}"
    assert why.text("zh") == f"{first.text('zh')}；这样写仍不是时间：{second.text('zh')}"


# -- a date of six digits ---------------------------------------------------------------------------------------------

_SIX_DIGITS = [
    ("241018 08:00", {"date": "241018"}),  # (was read as 2018-10-24, DDMMYY; 2024-10-18 as YYMMDD)
    ("241018 080000", {"date": "241018"}),
    ("241018T080000", {"date": "241018"}),
    ("181024 08:00:00", {"date": "181024"}),  # (was read as 2024-10-18; 2018-10-24 as YYMMDD)
    ("240229 08:00", {"date": "240229"}),  # (was read as 2029-02-24)
    ("991231 23:59", {"date": "991231"}),
    ("２４１０１８ ０８:００", {"date": "241018"}),
    ("241018 08时00分", {"date": "241018"}),
    ("08:00 241018", {"date": "241018"}),  # (after the time of day: was read as 2018-10-24)
    ("08:00:00 181024", {"date": "181024"}),  # (was read as 2024-10-18)
    ("080000.00 181024", {"date": "181024"}),  # (NMEA's hhmmss.ss and ddmmyy: was read as 2024-10-18)
    ("080000.000,181024", {"date": "181024"}),
    ("8:00 PM 241018", {"date": "241018"}),
]


def test_a_date_of_six_digits_is_never_read_in_one_order():
    """'241018 08:00' and '08:00 241018' were read as 2018-10-24 (day, month, year, as NMEA writes its dates), where a
    Chinese log means 2024-10-18 (year first): a two-digit year may be any of the numbers, as in '24/10/18', which was
    refused so."""
    assert_refused_naming(
        _SIX_DIGITS,
        "time_two_digit_year",
        en=lambda f: (
            f"the numeric date {f['date']} has a two-digit year, which may be any of its numbers: write the year "
            f"first, in four digits (ISO 8601, YYYY-MM-DD)"
        ),
    )
    assert zonetime.time_why("24/10/18 08:00") == Message("time_two_digit_year", date="24/10/18")
    # (eight digits, the year in four, are read; six digits that are no date have no such reason)
    assert (
        _codes(["20241018 080000", "20241018T080000", "202410180800", "20241018 080000.00"]) == [zonetime.TIME_OK] * 4
    )
    assert zonetime.instant("20241018 080000") == zonetime.instant("2024-10-18T00:00:00Z")
    assert zonetime.time_why("080000 241018") is None


# -- ISO 8601's basic date, a dash and four or six digits: a time of day or an offset ---------------------------------

_DASH_DIGITS = [
    ("20241018-0800",
     {"written": "-0800", "date": "20241018", "clock": "20241018T0800", "offset": "20241018T0000-0800"}),
    ("20241018-080000",
     {"written": "-080000", "date": "20241018", "clock": "20241018T080000", "offset": "20241018T000000-0800"}),
    ("20241018-1200",
     {"written": "-1200", "date": "20241018", "clock": "20241018T1200", "offset": "20241018T0000-1200"}),
    (" 20241018-0530 ",
     {"written": "-0530", "date": "20241018", "clock": "20241018T0530", "offset": "20241018T0000-0530"}),
    ("2024-10-18-08:00",  # (was told to write 2024-10-18 00:00 -08:00, the offset alone)
     {"written": "-08:00", "date": "2024-10-18", "clock": "2024-10-18T08:00", "offset": "2024-10-18T00:00-08:00"}),
    ("2024-10-18-08:00:00",
     {"written": "-08:00:00", "date": "2024-10-18", "clock": "2024-10-18T08:00:00",
      "offset": "2024-10-18T00:00:00-08:00"}),
]  # fmt: skip


def test_a_basic_date_a_dash_and_digits_an_offset_may_be_is_told_both_readings():
    """'20241018-0800' was read as 08:00, while '20241018 -08:00' is refused as an offset after a date that gives no
    time of day (the parser had read such offsets as times of day), and '2024-10-18-08:00' was told to write the offset
    after 00:00: both readings are said, neither chosen."""
    whys = assert_refused_naming(
        _DASH_DIGITS,
        "time_dash_clock_or_offset",
        en=lambda f: (
            f"{f['written']} after the date {f['date']} may be a time of day after a dash, or an offset after a date "
            f"that gives no time of day: write which is meant, the time of day after a T, {f['clock']}, or a time of "
            f"day and the offset, such as {f['offset']}"
        ),
        zh=lambda f: (
            f"日期 {f['date']} 之后的 {f['written']} 可能是用短横线隔开的时刻，也可能是跟在没有时刻的日期之后的偏移量："
            f"请写明所指，时刻写在 T 之后，写作 {f['clock']}，或写出时刻及偏移量，如 {f['offset']}"
        ),
    )
    for why in whys:  # (both written forms are times, and two different instants)
        clock, offset = why.fields["clock"], why.fields["offset"]
        assert _codes([clock, offset]) == [zonetime.TIME_OK] * 2
        assert zonetime.instant(clock) != zonetime.instant(offset)


def test_a_basic_date_a_dash_and_a_time_no_offset_can_be_is_still_read():
    """An hour no offset west of UTC has, or seconds other than 00: a time of day alone, read as before."""
    for text, iso in (("20241018-200000", "2024-10-18T20:00:00+08:00"),
                      ("20241018-083015", "2024-10-18T08:30:15+08:00"),
                      ("20241018-1300", "2024-10-18T13:00:00+08:00")):  # fmt: skip
        assert _codes([text]) == [zonetime.TIME_OK] and zonetime.beijing_iso(zonetime.instant(text)) == iso, text


# -- every entry point -----------------------------------------------------------------------------------------------

_ONE_EACH = TIME_FORMS_WITH_A_REASON
_KEYS = (
    "time_h_clock",
    "time_iso_week",
    "time_offset_sign",
    "time_two_faults",
    "time_t_no_date",
    "time_clock_or",
    "time_offset_seconds",
    "time_offset_minute_range",
    "time_offset_second_range",
    "time_two_digit_year",
    "time_dash_clock",
    "time_offset_three_digits",
    "time_name_disagrees",
    "time_bjt_case",
    "time_stray_end",
    "time_underscore_basic",
)


@pytest.mark.parametrize("text", _ONE_EACH)
def test_at_and_classify_say_the_same(model, text):
    why = zonetime.time_why(text)
    assert why is not None and why.key.startswith(_KEYS), why
    with pytest.raises(InputError) as err:
        model.locate(116.5, 39.79, at=text)
    assert str(err.value) == f"at= {text!r}: {why.text('en')}"
    frame = pd.DataFrame({"lon": [116.5, 116.5], "lat": [39.79, 39.79], "ts": [text, "2024-10-18 08:00"]})
    answer = model.classify(frame.lon, frame.lat, times=frame.ts, status=True)
    status = answer["status"].astype(str).tolist()
    assert status == [zonetime.TIME_TEXT[zonetime.TIME_INVALID], "ok"]
    # (the row and why, in the answer's notes, as a file job's summary names it)
    (note,) = [n for n in answer.attrs["notes"] if getattr(n, "key", "").startswith("note_not_times")]
    for lang in ("en", "zh"):
        assert RowExample(0, (("ts", Quoted.of(text), why),)).text(lang) in note.text(lang).splitlines()


@pytest.mark.parametrize("text", _ONE_EACH)
def test_the_command_line_s_at_says_the_reason(text):
    why = zonetime.time_why(text)
    assert why is not None
    for lang, said in (("en", f"avzone: error: --at {text!r}: "), ("zh", f"avzone: 错误：--at {text!r}：")):
        result = run_cli("--lang", lang, "locate", "116.5", "39.79", "--at", text)
        assert result.returncode == 2 and result.stderr == f"{said}{why.text(lang)}\n", result.stderr


# -- model.events: the fixes whose time is none, and why ---------------------------------------------------------------


def test_model_events_notes_the_fixes_whose_time_is_none_and_why(model):
    """model.events gave a fix of '2024-13-01 08:10' its status only, where avzone events' summary and POST
    /v1/events name it with its reason: a note names the first such fixes and why (``ev.notes`` and each frame's
    ``attrs["notes"]``), as model.classify's notes name its times= rows, in either language."""
    texts = ["2024-13-01 08:10", "2024-10-18 08:00", "hello", "2024-W42-07", "T08h00", "2024-10-18 08:05"]
    df = pd.DataFrame({"vehicle": "a", "ts": texts, "lon": 116.5, "lat": 39.79}, index=list("uvwxyz"))
    ev = model.events(df, id="vehicle", time="ts")
    status = zonetime.TIME_TEXT[zonetime.TIME_INVALID]
    assert ev.rows["status"].astype(str).tolist()[:5] == [status, "ok", status, status, status]
    (note,) = [n for n in ev.notes if getattr(n, "key", "") == "note_not_times"]
    for frame in (ev.events, ev.summary, ev.rows):
        assert note in frame.attrs["notes"]
    rows = [(0, "u", texts[0]), (2, "w", texts[2]), (3, "x", texts[3])]
    for lang in ("en", "zh"):
        lines = note.text(lang).splitlines()
        assert lines[0] == Message("note_not_times", status=status, n="4", rows="").text(lang).rstrip("\n")
        assert lines[1:] == [
            *(RowExample(row, (("ts", Quoted.of(text), zonetime.time_why(text)),), label=Quoted.of(label)).text(lang)
              for row, label, text in rows),
            Message("example_more_1", n="1").text(lang),
        ]  # fmt: skip
    assert "row 3 (index 'x'), ts = '2024-W42-07': 2024-W42-07 writes the day" in note.text("en")
    # (the same rows and reasons as model.classify's times=)
    answer = model.classify(df.lon, df.lat, times=df.ts)
    assert note in answer.attrs["notes"]


def test_model_events_notes_no_time_reason_where_the_status_says_all(model):
    """Times that have no reason beyond their status (``hello``), or none refused: no such note."""
    for texts in (["hello", "2024-10-18 08:00"], ["2024-10-18 08:00", "2024-10-18 08:05"]):
        df = pd.DataFrame({"vehicle": "a", "ts": texts, "lon": 116.5, "lat": 39.79})
        ev = model.events(df, id="vehicle", time="ts")
        assert not [n for n in ev.notes if getattr(n, "key", "").startswith("note_not_times")], ev.notes
        answer = model.classify(df.lon, df.lat, times=df.ts)
        assert not [n for n in answer.attrs.get("notes", []) if getattr(n, "key", "").startswith("note_not_times")]


def test_model_events_notes_one_fix_whose_time_is_none(model):
    df = pd.DataFrame({"vehicle": "a", "ts": ["2024-10-18 08:00", "2024-W42-07"], "lon": 116.5, "lat": 39.79})
    (note,) = [
        n for n in model.events(df, id="vehicle", time="ts").notes if getattr(n, "key", "").startswith("note_not")
    ]
    why = zonetime.time_why("2024-W42-07")
    assert note.key == "note_not_times_1" and note.fields["n"] == "1"
    assert note.text("en").splitlines()[1] == f"    row 1, ts = '2024-W42-07': {why.text('en')}"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", _ONE_EACH)
def test_a_file_job_of_3000_such_rows_names_the_reason(text, tmp_path):
    why = zonetime.time_why(text)
    assert why is not None
    assert_file_job_says(tmp_path, text, why)


# -- an offset of three digits, a dash before a clock, an underscore in the basic form, a colon at the end ----------


def test_an_offset_of_three_digits_is_no_time_naming_its_readings():
    """'+130' after a clock was read as +13:00 and '+100' as +10:00 ('+0130' is +01:30); '+800' had the general
    reason. Each is no time now, alone and in a column, the reason naming the offsets it may be (neither chosen) and
    the forms to write."""
    cases = [
        ("2024-10-18 08:00 +800", {"written": "+800", "offsets": ("+08:00",), "form": " +"}),
        ("2024-10-18 08:00 +130", {"written": "+130", "offsets": ("+01:30", "+13:00"), "form": " +"}),
        ("2024-10-18 08:00 +100", {"written": "+100", "offsets": ("+01:00", "+10:00"), "form": " +"}),
        ("2024-10-18T08:00-530", {"written": "-530", "offsets": ("-05:30",), "form": "-"}),
        ("20241018T0800+130", {"written": "+130", "offsets": ("+01:30", "+13:00"), "form": "+"}),
    ]
    whys = assert_refused_naming([(text, None) for text, _ in cases], "time_offset_three_digits")
    for (text, want), why in zip(cases, whys, strict=True):
        before = text[: -len(want["written"])].rstrip()
        sep = " " if want["form"].startswith(" ") else ""
        sign = want["written"][0]
        offsets, zh_offsets = " or ".join(want["offsets"]), " 或 ".join(want["offsets"])
        assert why.text("en") == (
            f"the offset {want['written']} has three digits, which avzone does not read as an offset nor guess from "
            f"({offsets}?): write the offset that is meant with four, hours and minutes, as {before}{sep}{sign}hh:mm "
            f"or {before}{sep}{sign}hhmm"
        ), text
        assert why.text("zh") == (
            f"偏移量 {want['written']} 只有三位数字，avzone 不把它读作偏移量，也不猜测其所指（{zh_offsets}？）："
            f"请用四位数字写出所指的以时和分表示的偏移量，形如 {before}{sep}{sign}hh:mm 或 {before}{sep}{sign}hhmm"
        ), text
    assert _codes(["2024-10-18 08:00 +0130", "2024-10-18T08:00+01:30"]) == [0, 0]


def test_a_dash_before_a_clock_no_offset_can_be_is_named():
    why = assert_refused_naming(
        [("2024-10-18-20:00:00", None), ("2024-10-18-08:00:30", None), ("2024-10-18-23:15", None)],
        "time_dash_clock",
        examples_read=False,
    )[0]
    assert why.text("en") == (
        "the - between the date 2024-10-18 and the time of day 20:00:00 is no separator avzone reads: write a space "
        "or a T, 2024-10-18 20:00:00 or 2024-10-18T20:00:00"
    )
    assert why.text("zh") == (
        "日期 2024-10-18 与时刻 20:00:00 之间的 - 不是 avzone 能读取的分隔符：请用空格或 T，写作 2024-10-18 20:00:00 "
        "或 2024-10-18T20:00:00"
    )
    assert zonetime.time_why("2024-10-18-08:00").key == "time_dash_clock_or_offset"  # (may be an offset: both said)


def test_an_underscore_in_the_basic_form_is_named_with_the_t_to_write():
    whys = assert_refused_naming(
        [
            ("20241018_080000", {"example": "20241018T080000"}),
            ("20241018_0800+0800", {"example": "20241018T0800+0800"}),
        ],
        "time_underscore_basic",
        examples_read=True,
    )
    assert whys[0].text("en") == (
        "the _ between the date and the time of day is no separator avzone reads: in ISO 8601's basic form a T "
        "stands between them, 20241018T080000"
    )
    assert whys[0].text("zh") == (
        "日期与时刻之间的 _ 不是 avzone 能读取的分隔符：ISO 8601 基本格式中两者之间是 T，写作 20241018T080000"
    )


def test_a_colon_at_the_end_and_an_offset_with_a_fraction_of_a_second_are_named():
    ends = [
        ("2024-10-18 08:00 +0800:", {"mark": ":", "example": "2024-10-18 08:00 +0800"}),
        ("2024-10-18 08:00:", {"mark": ":", "example": "2024-10-18 08:00"}),
        ("2024-10-18 08:00 +08:00：", {"mark": "：", "example": "2024-10-18 08:00 +08:00"}),
    ]
    assert_refused_naming(ends, "time_stray_end", examples_read=True)
    assert_refused_naming(
        [("2024-10-18 08:00:00 +08:00:00.000", {"written": "+08:00:00.000", "offset": "+08:00",
                                                "example": "2024-10-18 08:00:00 +08:00"})],
        "time_offset_seconds",
        examples_read=True,
    )  # fmt: skip
    odd = zonetime.time_why("2024-10-18 08:00:00 +08:00:00.5")
    assert odd is not None and odd.key == "time_offset_seconds_odd" and odd.fields["seconds"] == "00.5"
