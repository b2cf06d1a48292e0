"""Marks, words and zones a time text must not lose unread, each refused with a reason that names it.

A mark of punctuation at a text's end (``2024-10-17 08:00 +0800 .``, ``08:00;``, ``08:00。``) was left out unread
(``+0800 .``, ``08:00.``, ``08:00;``, ``08:00,``: read) or refused with no reason (``+0800.``) or the wrong one
(``UTC.``: "C. after the zone UT"), and so were a slash, a quote or a hyphen (``08:00 /``, ``08:00'``: read); now
each is refused naming the mark, the text without it as the example. The dots of ``p.m.`` and a decimal mark after
the seconds (``08:00:00.``) are read, as ever. Each alone and in a column the one-pass readers see first. Then: Z in
brackets after an offset, UT before an offset, words of the time of day, words in two places, a zone's tzdata name
without its brackets, 上午 or 下午 after the clock, and a zone's abbreviation named in its reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from common import COLUMN_ROWS, STRAY_END, STRAY_INSIDE, assert_no_time, assert_refused_naming

from avzone import zonetime


def _codes(texts: list[str], rows: int) -> list[int]:
    _, codes = zonetime.to_ns(pd.Series(texts * rows))
    return codes[: len(texts)].tolist()


def _why(text: str) -> zonetime.Message:
    why = zonetime.time_why(text)
    assert why is not None, text
    return why


_MARKS = [
    ("2024-10-17 08:00 +0800.", ".", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800;", ";", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800,", ",", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 .", ".", "2024-10-17 08:00 +0800"),
    ("2024-10-17T08:00:00Z.", ".", "2024-10-17T08:00:00Z"),
    ("2024-10-17 08:00 UTC.", ".", "2024-10-17 08:00 UTC"),
    ("2024-10-17 08:00 GMT;", ";", "2024-10-17 08:00 GMT"),
    ("Thu, 17 Oct 2024 08:00:00 +0800.", ".", "Thu, 17 Oct 2024 08:00:00 +0800"),
    ("2024-10-17 08:00.", ".", "2024-10-17 08:00"),
    ("2024-10-17 08:00;", ";", "2024-10-17 08:00"),
    ("2024-10-17 08:00 ,", ",", "2024-10-17 08:00"),
    ("2024年10月17日 08:00.", ".", "2024年10月17日 08:00"),
    ("2024年10月17日 08:00。", "。", "2024年10月17日 08:00"),
    ("2024-10-17 08:00，", "，", "2024-10-17 08:00"),
    ("2024-10-17.", ".", "2024-10-17"),
    ("2024-10-17 08:00 /", "/", "2024-10-17 08:00"),
    ("2024-10-17 08:00'", "'", "2024-10-17 08:00"),
    ("2024-10-17 08:00 +0800 '", "'", "2024-10-17 08:00 +0800"),
    ("2024-10-17 -", "-", "2024-10-17"),
]


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_a_mark_at_the_end_is_no_time(rows):
    assert_no_time([text for text, _, _ in _MARKS], (rows,))


@pytest.mark.parametrize("text, mark, example", _MARKS)
def test_a_mark_at_the_end_is_named(text, mark, example):
    assert_refused_naming(
        [(text, {"mark": mark, "example": example})],
        "time_stray_end",
        *STRAY_END,
        examples_read=True,
    )


# A mark before the end ("2024-10-18 ' 08:00", "2024-10-18 / 08:00", "2024-10-18 -- 08:00") was skipped by the parser
# unread: now refused as a mark at the end is, naming it; a slash between the numbers of a date, a comma after a day
# and an offset's sign stay read. (One dash apart before digits after a date alone, "2024-10-18 - 08:00", is an
# offset's sign apart from its digits, refused as that, never made a time of day: tests/test_time_reasons_forms.py.)
_INSIDE = [
    ("2024-10-18 ' 08:00", "'", "2024-10-18 08:00"),
    ("2024-10-18 / 08:00", "/", "2024-10-18 08:00"),
    ('2024-10-18 " 08:00', '"', "2024-10-18 08:00"),
    ("2024-10-18 ; 08:00", ";", "2024-10-18 08:00"),
    ("'2024-10-18 08:00", "'", "2024-10-18 08:00"),
    ("2024-10-18 '08:00", "'", "2024-10-18 08:00"),
    ("2024-10-18 08:00 / +08:00", "/", "2024-10-18 08:00 +08:00"),
    ("2024-10-18 08:00' +08:00", "'", "2024-10-18 08:00 +08:00"),
    ("2024-10-18 -- 08:00", "--", "2024-10-18 08:00"),
    ("Fri - 2024-10-18 08:00", "-", "Fri 2024-10-18 08:00"),
]


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_a_mark_inside_is_no_time(rows):
    assert_no_time([text for text, _, _ in _INSIDE], (rows,))


@pytest.mark.parametrize("text, mark, example", _INSIDE)
def test_a_mark_inside_is_named(text, mark, example):
    assert_refused_naming(
        [(text, {"mark": mark, "example": example})],
        "time_stray_inside",
        *STRAY_INSIDE,
        examples_read=True,
    )
    with pytest.raises(zonetime.InputError, match="inside the text"):
        zonetime.instant(text)


def test_a_slash_of_a_date_and_a_comma_stay_read():
    texts = [
        "2024 / 10 / 18 08:00",
        "10 / 18 / 2024 08:00",
        "Oct 18, 2024 8:00 PM",
        "Fri , 18 Oct 2024 08:00",
        "2024-10-18 08:00 -05:00",
    ]
    assert _codes(texts, 1) == [zonetime.TIME_OK] * len(texts)


@pytest.mark.parametrize("rows", [1, 3_000])
def test_the_dots_of_pm_and_a_decimal_mark_after_the_seconds_are_read(rows):
    texts = ["2024-10-17 8:00 p.m.", "2024-10-17 8:00 a.m.", "2024-10-17T08:00:00.", "2024-10-17 08:00:00,"]
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    assert codes[: len(texts)].tolist() == [zonetime.TIME_OK] * len(texts)
    hours = [20, 8, 8, 8]
    want = [int(np.datetime64(f"2024-10-17T{h:02d}:00", "ns").astype(np.int64)) - 8 * 3600 * 10**9 for h in hours]
    assert ns[: len(texts)].tolist() == want


# -- Z in brackets after an offset ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3_000])
def test_z_in_brackets_after_an_offset_that_disagrees_is_two_offsets(rows):
    """'+08:00 (Z)' was said as 'the offset +08:00 is not Z's (+00:00)', as if Z were a zone's name; it is an offset,
    said as 'Z (UTC+8)' is."""
    texts = ["2024-10-17 08:00 +08:00 (Z)", "2024-10-17 08:00 -05:00 (Z)", "2024-10-17T08:00+0800 (z)"]
    cases = [
        (text, {"offset": offset, "other": "+00:00"}) for text, offset in zip(texts, ["+08:00", "-05:00", "+08:00"])
    ]
    whys = assert_refused_naming(cases, "time_offsets_disagree", rows=(rows,))
    assert whys[0].text("en") == (
        "the offset +08:00 and the offset in brackets after it, +00:00, disagree: the text says two different "
        "instants; give the one offset that is right"
    )
    assert _codes(["2024-10-17 08:00 +00:00 (Z)"], rows) == [zonetime.TIME_OK]


# -- UT before an offset -------------------------------------------------------------------------------------------

_UTC_0800 = int(np.datetime64("2024-10-17T08:00", "ns").astype(np.int64))  # (2024-10-17 08:00 UTC)
_HOUR_NS = 3600 * 10**9


@pytest.mark.parametrize("rows", [1, 3_000])
def test_ut_before_an_offset_is_read_as_utc_before_it(rows):
    """'UTC +0800' was read as UTC+08:00 while 'UT +0800' and 'UT+8' were two zones ('the offset +08:00 is not UT's'):
    UT is UTC (RFC 5322), before an offset as anywhere."""
    pairs = [
        ("2024-10-17 08:00 UT +0800", "2024-10-17 08:00 UTC +0800"),
        ("2024-10-17 08:00 UT+8", "2024-10-17 08:00 UTC+8"),
        ("2024-10-17 08:00 ut +08:00", "2024-10-17 08:00 utc +08:00"),
        ("2024-10-17 08:00 (UT+8)", "2024-10-17 08:00 (UTC+8)"),
        ("2024-10-17 08:00 UT -0500", "2024-10-17 08:00 UTC -0500"),
        ("北京时间 2024-10-17 08:00 UT+8", "北京时间 2024-10-17 08:00 UTC+8"),
    ]
    ut = zonetime.to_ns(pd.Series([u for u, _ in pairs] * rows))
    utc = zonetime.to_ns(pd.Series([c for _, c in pairs] * rows))
    n = len(pairs)
    assert ut[1][:n].tolist() == utc[1][:n].tolist() == [0] * n
    assert ut[0][:n].tolist() == utc[0][:n].tolist()
    assert ut[0][:n].tolist() == [_UTC_0800 - 8 * _HOUR_NS] * 4 + [_UTC_0800 + 5 * _HOUR_NS, _UTC_0800 - 8 * _HOUR_NS]
    # (an offset after UT, as after UTC: two zones)
    assert _codes(["2024-10-17 08:00 +0800 UT", "2024-10-17 08:00 UT +0800 UT"], rows) == [zonetime.TIME_INVALID] * 2


def test_ut_or_utc_and_an_offset_whose_minutes_cannot_be_is_said_as_no_other_zone():
    """'UT+08:61' was said as 'the offset +09:01 is not UT's', 'UTC+08:61' as 'C+08:61 after the zone UT'."""
    for text in ["2024-10-17 08:00 UT+08:61", "2024-10-17 08:00 UTC+08:61"]:
        assert _codes([text], 1) == [zonetime.TIME_INVALID]
        why = zonetime.time_why(text)
        assert why is None or why.key not in ("time_name_disagrees", "time_after_zone"), (text, why)


# -- words that say the time of day ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, word, example",
    [
        ("2024-10-17 noon", "noon", "2024-10-17 12:00"),
        ("2024-10-17 Noon", "Noon", "2024-10-17 12:00"),
        ("2024-10-17 midday", "midday", "2024-10-17 12:00"),
        ("2024-10-17 midnight", "midnight", "2024-10-17 00:00 or 2024-10-17 24:00"),
        ("2024-10-17 evening", "evening", "2024-10-17 19:00"),
        ("2024-10-17 at noon", "at noon", "2024-10-17 12:00"),
        ("Oct 17 2024 noon", "noon", "Oct 17 2024 12:00"),
    ],
)
def test_a_word_of_the_day_is_asked_for_in_digits(text, word, example):
    """'2024-10-17 noon' had the general reason (left out, noon would read as midnight: never said so): the time of
    day in digits is asked for, the word written so as the example."""
    [why] = assert_refused_naming(
        [(text, None)],
        "time_day_word",
        en=lambda f: (
            f"{word} says the time of day in words, which avzone does not read (left out, the text would say another "
            f"time): write the time that is meant in digits, such as {example}"
        ),
    )
    assert why.fields["word"] == word and str(why.fields["example"]) == example
    assert why.text("zh").startswith(f"{word} 用文字说明时刻，avzone 不读取这样的词")
    for one in example.split(" or "):
        assert _codes([one], 1) == [zonetime.TIME_OK], one


def test_a_word_of_the_day_beside_a_clock_is_asked_to_be_written_in_digits_alone():
    """'2024-10-17 08:00 evening' (08:00 or 20:00?) had the general reason: the time in digits alone is asked for,
    on the 24-hour clock or with AM or PM, never the text without the word (08:00, 12 hours off)."""
    cases = [("2024-10-17 08:00 evening", {"word": "evening"}), ("2024-10-17 12:00 noon", {"word": "noon"}),
             ("2024-10-17 08:00 in the morning", {"word": "in the morning"})]  # fmt: skip
    for why in assert_refused_naming(cases, "time_day_word_clock"):
        assert "24-hour clock or with AM or PM" in why.text("en") and "08:00" not in why.text("en")


@pytest.mark.parametrize(
    "text, part, hour",
    [("2024-10-17 中午", "中午", 12), ("2024-10-17 傍晚", "傍晚", 6), ("2024-10-17 早上", "早上", 8),
     ("2024-10-17 晚上", "晚上", 8), ("2024-10-17 凌晨", "凌晨", 1), ("2024年10月17日 深夜", "深夜", 11)],
)  # fmt: skip
def test_a_chinese_part_of_the_day_without_its_hour_asks_for_one_it_has(text, part, hour):
    """'傍晚', '早上', '晚上', '凌晨' alone had the general reason, and the example was 中午12点's for every part
    (傍晚12点 is none): each asks for an hour, with one in its part as the example."""
    assert_refused_naming(
        [(text, {"part": part, "hour": hour})],
        "time_part_no_hour",
        en=lambda f: f"{f['part']} gives no hour: write one, such as {f['part']}{f['hour']}点",
        zh=lambda f: f"{f['part']}没有给出钟点：请写出钟点，如{f['part']}{f['hour']}点",
    )
    assert _codes([f"{text}{hour}点"], 1) == [zonetime.TIME_OK]


# -- words in two places, a month's name apart from the date, a mark beside a word -------------------------------


@pytest.mark.parametrize(
    "text, key, fields",
    [
        ("2024-10-17 08:00 Oct +0800", "time_month_out_of_place", {"word": "Oct", "example": "2024-10-17 08:00 +0800"}),
        ("2024-10-17 08:00 - foo +0800", "time_word", {"word": "foo", "example": "2024-10-17 08:00 +0800"}),
        ("2024-10-17 08:00 -- foo +0800", "time_word", {"word": "foo", "example": "2024-10-17 08:00 +0800"}),
        ("2024-10-17 08:00 , foo", "time_word", {"word": "foo", "example": "2024-10-17 08:00"}),
        ("2024-10-17 08:00; foo", "time_word", {"word": "foo", "example": "2024-10-17 08:00"}),
        ("foo, 2024-10-17 08:00", "time_word", {"word": "foo", "example": "2024-10-17 08:00"}),
        ("foo - 2024-10-17 08:00", "time_word", {"word": "foo", "example": "2024-10-17 08:00"}),
        ("2024-10-17 foo 08:00 bar", "time_words", {"words": "foo and bar", "example": "2024-10-17 08:00"}),
    ],
)
def test_words_and_marks_beside_them_are_named(text, key, fields):
    """'08:00 Oct +0800', '08:00 - foo +0800' and words in two places had the general reason; '08:00 , foo' gave
    the example '08:00 ,' (a comma the text ended with, itself no time now)."""
    [why] = assert_refused_naming([(text, None)], key, examples_read=True)
    assert {k: str(v) for k, v in why.fields.items()} == fields
    if key == "time_words":
        assert why.text("en").startswith("foo and bar are no part of a time avzone reads")
        assert why.text("zh").startswith("foo、bar 不是 avzone 能读取的时间的一部分")
    if key == "time_month_out_of_place":
        assert why.text("en") == (
            "Oct, a month's name, stands apart from the date (a date avzone reads gives its month once, in the date): "
            "without it the text is a time, 2024-10-17 08:00 +0800; write the month in the date alone"
        )
        assert why.text("zh").startswith("月份名称 Oct 不在日期之中")


# -- a zone's tzdata name without its brackets, 上午 or 下午 after the clock, a zone's abbreviation --------------------


@pytest.mark.parametrize(
    "text, name, example",
    [
        ("2024-10-17 08:00 Asia/Shanghai", "Asia/Shanghai", "2024-10-17 08:00[Asia/Shanghai]"),
        ("2024-10-17 08:00:00 +08:00 Asia/Shanghai", "Asia/Shanghai", "2024-10-17 08:00:00 +08:00[Asia/Shanghai]"),
        ("2024-10-17T08:00 America/New_York", "America/New_York", "2024-10-17T08:00[America/New_York]"),
    ],
)
def test_a_zone_name_without_its_brackets_is_asked_for_in_them(text, name, example):
    """'08:00 Asia/Shanghai' had the general reason (and '+08:00 Asia/Shanghai' was told to leave the name out): the
    name is read in square brackets right after the time (RFC 9557)."""
    [why] = assert_refused_naming(
        [(text, {"name": name, "example": example})],
        "time_zone_id_bare",
        en=lambda f: (
            f"{f['name']} is a zone's name, which avzone reads in square brackets right after the time (RFC 9557): "
            f"write {f['example']}"
        ),
        examples_read=True,
    )
    assert why.text("zh").startswith(f"{name} 是时区名称")


@pytest.mark.parametrize(
    "text, mark, clock, example",
    [
        ("2024/10/17 8:00:00 下午", "下午", "8:00:00", "2024/10/17 下午8:00:00"),
        ("2024-10-17 08:00 上午", "上午", "08:00", "2024-10-17 上午08:00"),
        ("2024年10月17日 8:00 下午", "下午", "8:00", "2024年10月17日 下午8:00"),
    ],
)
def test_a_chinese_half_day_after_the_clock_is_asked_for_before_it(text, mark, clock, example):
    """'2024/10/17 8:00:00 下午' had the general reason: 上午 or 下午 is read right before the time of day."""
    assert_refused_naming(
        [(text, {"mark": mark, "clock": clock, "example": example})],
        "time_half_day_cn_after_clock",
        zh=lambda f: (
            f"{f['mark']} 写在时刻 {f['clock']} 之后：avzone 只读取紧挨在时刻之前的上午或下午；请写成 {f['example']}"
        ),
        examples_read=True,
    )


def test_a_zone_abbreviation_is_named_and_cst_said_to_be_china_us_central_or_cuba():
    """'2024-10-17 08:00 EST' was given CST's reason, naming CST alone, and CST's left out Cuba (-05:00), one of the
    three offsets it stands for."""
    cases = [("2024-10-17 08:00 CST", {"name": "CST"}), ("2024-10-17 08:00 EST", {"name": "EST"}),
             ("Thu Oct 17 08:00:00 CST 2024", {"name": "CST"}),
             ("2024-10-17 08:00 (JST)", {"name": "JST"})]  # fmt: skip
    assert_refused_naming(
        cases,
        "time_zone_abbreviation",
        en=lambda f: (
            f"a zone's abbreviation, {f['name']}, does not say its offset (one may stand for several: CST for China "
            "+08:00, US Central -06:00 or Cuba -05:00): write the offset, such as +08:00"
        ),
        zh=lambda f: (
            f"时区缩写 {f['name']} 不能说明其偏移量（一个缩写可能代表多个时区：CST 可以是中国 +08:00、美国中部 -06:00 "
            "或古巴 -05:00）：请写出偏移量，如 +08:00"
        ),
    )
    assert "Cuba's -05:00" in _why("2024-10-17 08:00 cst").text("en")
