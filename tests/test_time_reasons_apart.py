"""Time texts that were read silently or refused with the general reason only, each now refused naming what is wrong,
in English and Chinese, alone, in a column of 3,000 rows and in a file job: a comma standing apart after a year-first
date (``2024-10-18 , 08:00``: read, the comma left out), an offset's sign apart from its digits (``08:00 - 05:00``),
a day of an ISO week its year does not have (``2024-W53-1``), a lone mark ``| ~ * # @ &`` inside or around a time, and
a clock with an h in full-width forms (``０８ｈ００``). Full-width digits themselves are read, as ever: a Chinese input
method types them, and every layout the reader takes reads them as their ASCII forms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from common import COLUMN_ROWS, STRAY_END, STRAY_INSIDE, assert_file_job_says, assert_refused_naming

from avzone import zonetime


def _read(texts: list[str], rows: int = 1) -> tuple[list[int], list[int]]:
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    return ns[: len(texts)].tolist(), codes[: len(texts)].tolist()


# -- a comma standing apart after a year-first date ------------------------------------------------------------------

_COMMAS = [
    ("2024-10-18 , 08:00", {"mark": ",", "date": "2024-10-18", "example": "2024-10-18 08:00"}),
    ("2024-10-18 ,08:00", {"mark": ",", "date": "2024-10-18", "example": "2024-10-18 08:00"}),
    ("2024/10/18 , 08:00:00", {"mark": ",", "date": "2024/10/18", "example": "2024/10/18 08:00:00"}),
    ("2024.10.18 , 8:00 PM", {"mark": ",", "date": "2024.10.18", "example": "2024.10.18 8:00 PM"}),
    ("2024-10-18 ， 08:00 +08:00", {"mark": "，", "date": "2024-10-18", "example": "2024-10-18 08:00 +08:00"}),
]


def test_a_comma_standing_apart_after_a_year_first_date_is_refused_naming_it():
    """'2024-10-18 , 08:00' was read, the comma left out: no layout writes a comma standing apart after a year-first
    date (a slip, or two columns joined), and a mark between a time's parts is never left out unread."""
    assert_refused_naming(
        _COMMAS,
        "time_comma_apart",
        en=lambda f: (
            f"the {f['mark']} standing apart after the date {f['date']} is no separator avzone reads (a slip, or two "
            "columns joined: a date written year first is followed by its time of day after a space or a T, and a "
            f"comma standing apart is never left out unread): write {f['example']}"
        ),
        zh=lambda f: (
            f"日期 {f['date']} 之后单独的逗号 {f['mark']} 不是 avzone 能读取的分隔符（可能是笔误或两列拼接而成；"
            f"年份在前的日期与时刻之间用空格或 T 分隔，单独的逗号不会被略去不读）：请写作 {f['example']}"
        ),
        examples_read=True,
    )


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_a_comma_of_a_layout_that_writes_one_stays_read(rows):
    """A comma against the date (JavaScript's toLocaleString for en-CA: '2024-10-18, 8:00:00 a.m.'), after an English
    date or a day's name: read, at the instant without it."""
    pairs = [("2024-10-18, 08:00", "2024-10-18 08:00"), ("2024-10-18, 8:00:00 a.m.", "2024-10-18 08:00"),
             ("Oct 18, 2024 08:00", "2024-10-18 08:00"), ("Oct 18, 2024, 08:00", "2024-10-18 08:00"),
             ("Oct 18 , 2024 08:00", "2024-10-18 08:00"), ("Fri , 18 Oct 2024 08:00", "2024-10-18 08:00")]  # fmt: skip
    ns, codes = _read([t for t, _ in pairs], rows)
    want, want_codes = _read([p for _, p in pairs])
    assert codes == want_codes == [zonetime.TIME_OK] * len(pairs)
    assert ns == want


# -- an offset's sign apart from its digits --------------------------------------------------------------------------

_SIGNS = [
    ("2024-10-18 08:00 - 05:00", {"written": "- 05:00", "offset": "-05:00", "example": "2024-10-18 08:00 -05:00"}),
    ("2024-10-18 08:00 + 08:00", {"written": "+ 08:00", "offset": "+08:00", "example": "2024-10-18 08:00 +08:00"}),
    ("2024-10-18T08:00:00 + 0800", {"written": "+ 0800", "offset": "+0800", "example": "2024-10-18T08:00:00 +0800"}),
    ("2024-10-18 08:00 UTC + 8", {"written": "+ 8", "offset": "+8", "example": "2024-10-18 08:00 UTC +8"}),
    ("2024-10-18 08:00 GMT - 5", {"written": "- 5", "offset": "-5", "example": "2024-10-18 08:00 GMT -5"}),
    ("Fri, 18 Oct 2024 08:00:00 - 0500",
     {"written": "- 0500", "offset": "-0500", "example": "Fri, 18 Oct 2024 08:00:00 -0500"}),
]  # fmt: skip


def test_an_offset_s_sign_apart_from_its_digits_is_named():
    """'08:00 - 05:00' had the general reason ('UTC + 8' was told to leave '+ 8' out, as no part of a time)."""
    assert_refused_naming(
        _SIGNS,
        "time_offset_sign_apart",
        en=lambda f: (
            f"the sign of the offset {f['written']} stands apart from its digits: an offset's sign touches them, "
            f"{f['offset']}; write {f['example']}"
        ),
        zh=lambda f: (
            f"偏移量 {f['written']} 的正负号与数字分开了：偏移量的正负号须紧挨数字，如 {f['offset']}；"
            f"请写作 {f['example']}"
        ),
        examples_read=True,
    )
    # (the sign against its digits: read; after a date alone, the offset wants a time of day before it, never made
    # one: tests/test_time_reasons_forms.py)
    assert _read(["2024-10-18 08:00 -05:00"])[0] == [int(np.datetime64("2024-10-18T13:00", "ns").astype(np.int64))]
    assert zonetime.time_why("2024-10-18 - 05:00").key == "time_offset_sign_apart_no_clock"  # type: ignore[union-attr]


# -- a day of an ISO week its year does not have ---------------------------------------------------------------------

_WEEK_DAYS = [
    ("2024-W53-1", {"date": "2024-W53-1", "week": "53", "year": 2024, "weeks": 52}),
    ("2024-W54-1", {"date": "2024-W54-1", "week": "54", "year": 2024, "weeks": 52}),
    ("2024-W00-7", {"date": "2024-W00-7", "week": "00", "year": 2024, "weeks": 52}),
    ("2026-W54-1", {"date": "2026-W54-1", "week": "54", "year": 2026, "weeks": 53}),
    ("2024W531", {"date": "2024W531", "week": "53", "year": 2024, "weeks": 52}),
    ("2024-W53-1 08:00", {"date": "2024-W53-1", "week": "53", "year": 2024, "weeks": 52}),
    ("2024-W53-1T08:00:00+08:00", {"date": "2024-W53-1", "week": "53", "year": 2024, "weeks": 52}),
]


def test_a_day_of_an_iso_week_its_year_does_not_have_is_said_so():
    """'2024-W53-1' had the general reason while '2024-W53' alone was said to be a week 2024 does not have."""
    assert_refused_naming(
        _WEEK_DAYS,
        "time_iso_week_day_none",
        en=lambda f: (
            f"{f['date']} names a day of ISO week {f['week']}, which {f['year']} does not have (its weeks are 01 to "
            f"{f['weeks']}): give a week the year has, or the date as year-month-day"
        ),
        zh=lambda f: (
            f"{f['date']} 所指的 ISO 第 {f['week']} 周是 {f['year']} 年没有的（该年的周为 01 至 {f['weeks']}）："
            "请给出该年有的周，或按年-月-日写出日期"
        ),
    )
    # (a week the year has: read, 2026-W53-1 too)
    assert _read(["2024-W52-1", "2026-W53-1"]) == _read(["2024-12-23", "2026-12-28"])


# -- a lone mark ------------------------------------------------------------------------------------------------------

_LONE = ["|", "~", "*", "#", "@", "&", "｜", "～", "＊", "＃", "＠", "＆"]
_LONE_INSIDE = [
    (text, {"mark": mark, "example": "2024-10-18 08:00"})
    for mark in _LONE
    for text in (f"2024-10-18 {mark} 08:00", f"{mark}2024-10-18 08:00", f"2024-10-18{mark}08:00")
] + [("2024-10-18 08:00 ~ +08:00", {"mark": "~", "example": "2024-10-18 08:00 +08:00"})]
_LONE_END = [(f"2024-10-18 08:00{space}{mark}", {"mark": mark, "example": "2024-10-18 08:00"})
             for mark in _LONE for space in ("", " ")]  # fmt: skip


def test_a_lone_mark_inside_a_time_is_named():
    """'2024-10-18 | 08:00', '~2024-10-18 08:00' had the general reason, where a quote or a slash was named."""
    assert_refused_naming(
        _LONE_INSIDE,
        "time_stray_inside",
        *STRAY_INSIDE,
        examples_read=True,
    )


def test_a_lone_mark_at_the_end_is_named():
    assert_refused_naming(
        _LONE_END,
        "time_stray_end",
        *STRAY_END,
        examples_read=True,
    )


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_a_mark_in_a_comment_in_brackets_stays_read(rows):
    """A comment in brackets after an offset (RFC 5322's) is read whatever it holds, these marks too."""
    texts = ["2024-10-18 08:00 +0800 (a & b)", "2024-10-18 08:00 +0800 (~)", "2024-10-18 08:00 +0800 (#1 | @x *)"]
    ns, codes = _read(texts, rows)
    assert codes == [zonetime.TIME_OK] * 3 and len(set(ns)) == 1


# -- full-width forms ------------------------------------------------------------------------------------------------


def test_a_clock_with_an_h_in_full_width_forms_has_the_reason_of_its_ascii_form():
    """'2024-10-18 ０８ｈ００' (a full-width h) had the general reason, '2024-10-18 08h00' its own: the same now. A
    clock alone has no date: with a colon, in any form, no more than its status to say; with an h, in any form, the h
    and the date are named (tests/test_time_reasons_forms.py)."""
    whys = assert_refused_naming(
        [("2024-10-18 ０８h００", {"clock": "０８h００", "example": "2024-10-18 ０８:００"}),
         ("2024-10-18 ０８ｈ００", {"clock": "０８ｈ００", "example": "2024-10-18 ０８:００"}),
         ("２０２４-１０-１８ ０８ｈ００", {"clock": "０８ｈ００", "example": "２０２４-１０-１８ ０８:００"}),
         ("2024-10-18 08ｈ00", {"clock": "08ｈ00", "example": "2024-10-18 08:00"})],
        "time_h_clock",
        en=lambda f: f"{f['clock']} writes the time of day with an h, which avzone does not read: write it with a "
        f"colon, {f['example']}",
        zh=lambda f: f"{f['clock']} 用 h 分隔时和分，avzone 不读取这种写法：请用冒号，写作 {f['example']}",
        examples_read=True,
    )  # fmt: skip
    assert len(whys) == 4
    for wide, ascii_form in [("０８h００", "08h00"), ("０８ｈ００", "08h00"), ("０８:００", "08:00")]:
        assert _read([wide]) == _read([ascii_form])
        wide_why, ascii_why = zonetime.time_why(wide), zonetime.time_why(ascii_form)
        if ":" in wide:
            assert wide_why is None and ascii_why is None
        else:
            assert wide_why is not None and ascii_why is not None and wide_why.key == ascii_why.key


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_full_width_digits_are_read_as_their_ascii_forms(rows):
    pairs = [("２０２４-１０-１８ ０８:００", "2024-10-18 08:00"),
             ("２０２４-１０-１８ ０８：００", "2024-10-18 08:00"),
             ("2024-10-18 ０８:００ ＋０８:００", "2024-10-18 08:00 +08:00"),
             ("２０２４年１０月１８日 ０８:００", "2024年10月18日 08:00")]  # fmt: skip
    wide, ascii_forms = _read([w for w, _ in pairs], rows), _read([a for _, a in pairs], rows)
    assert wide == ascii_forms and wide[1] == [zonetime.TIME_OK] * len(pairs)


# -- in a file job ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2024-10-18 , 08:00", "2024-10-18 08:00 - 05:00", "2024-W53-1", "2024-10-18 | 08:00", "2024-10-18 08:00 ~",
     "2024-10-18 ０８ｈ００"],
)  # fmt: skip
def test_a_file_job_of_3000_such_rows_names_the_reason(text, tmp_path):
    why = zonetime.time_why(text)
    assert why is not None and why.key not in ("time_invalid",), why
    assert_file_job_says(tmp_path, text, why)
