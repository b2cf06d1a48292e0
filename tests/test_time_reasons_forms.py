"""Time texts refused with the general reason only, or with a reason whose advice was wrong, each now refused naming
what is wrong and what to write, in English and Chinese, alone, in a column of 3,000 rows, as ``at=`` and in a file
job: a clock with an h and no date (``08h00``), a clock with an h after a T (``2024-10-18T08h00``), a day of an ISO
week outside 1 to 7 (``2024-W42-8``), and an offset's sign apart from its digits after a date without a time of day
(``2024-10-18 - 05:00``: it was told to write ``2024-10-18 05:00``, the offset made a clock)."""

from __future__ import annotations

import pandas as pd
import pytest
from common import H_CLOCK, assert_file_job_says, assert_refused_naming

from avzone import zonetime
from avzone.errors import InputError


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


# -- every entry point -----------------------------------------------------------------------------------------------

_ONE_EACH = ["08h00", "2024-10-18T08h00", "2024-W42-8", "2024-10-18 - 05:00"]


@pytest.mark.parametrize("text", _ONE_EACH)
def test_at_and_classify_say_the_same(model, text):
    why = zonetime.time_why(text)
    assert why is not None and why.key.startswith(("time_h_clock", "time_iso_week", "time_offset_sign")), why
    with pytest.raises(InputError) as err:
        model.locate(116.5, 39.79, at=text)
    assert str(err.value) == f"at= {text!r}: {why.text('en')}"
    frame = pd.DataFrame({"lon": [116.5, 116.5], "lat": [39.79, 39.79], "ts": [text, "2024-10-18 08:00"]})
    status = model.classify(frame.lon, frame.lat, times=frame.ts, status=True)["status"].astype(str).tolist()
    assert status == [zonetime.TIME_TEXT[zonetime.TIME_INVALID], "ok"]


@pytest.mark.parametrize("text", _ONE_EACH)
def test_a_file_job_of_3000_such_rows_names_the_reason(text, tmp_path):
    why = zonetime.time_why(text)
    assert why is not None
    assert_file_job_says(tmp_path, text, why)
