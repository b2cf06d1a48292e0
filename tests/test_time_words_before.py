"""Words and marks around a time's zone, and UT in any case.

A word before an offset that is no zone's abbreviation (``08:00 foo +0800``, ``08:00 west +0800``: in lower case or
with a capital, as words are written) is no time, with a reason naming the word and the text without it; ``foo`` was
left out unread and ``west`` said to be WEST (``is not west's (+01:00)``). AM or PM after the zone (``08:00 +08:00
pm``) is no time, with a reason saying it goes right after the time of day (it was read as 20:00, as ``08:00 pm
+08:00``). What follows a zone and is no zone's name (``+0800 hello world``, ``+0800 2024 foo``) and UT where Beijing
time is named or after a date alone have reasons (there were none). ``Z (UTC+8)`` is said as two offsets, as
``+0800 (+0900)`` is. ``ut`` is UT, as ``utc`` is UTC (it was refused). Each alone and in a column the one-pass
readers see first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from common import COLUMN_ROWS, assert_refused_naming

from avzone import zonetime

_HOUR_NS = 3600 * 10**9
_UTC_0800 = int(np.datetime64("2024-10-17T08:00", "ns").astype(np.int64))  # (2024-10-17 08:00 UTC)


def _read(texts: list[str], rows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    return ns[: len(texts)], codes[: len(texts)]


def _why(text: str) -> zonetime.Message:
    why = zonetime.time_why(text)
    assert why is not None, text
    return why


# -- UT in any case ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3_000])
def test_ut_in_any_case_is_utc_as_utc_is(rows):
    pairs = [
        ("2024-10-17 08:00 ut", "2024-10-17 08:00 utc"),
        ("2024-10-17 08:00 Ut", "2024-10-17 08:00 Utc"),
        ("2024-10-17 08:00 (ut)", "2024-10-17 08:00 (utc)"),
        ("Thu, 17 Oct 2024 08:00:00 ut", "Thu, 17 Oct 2024 08:00:00 utc"),
        ("2024-10-17 08:00 +0000 ut", "2024-10-17 08:00 +0000 utc"),
        ("2024-10-17 08:00 ｕｔ", "2024-10-17 08:00 ｕｔｃ"),
    ]
    ut, utc = _read([u for u, _ in pairs], rows), _read([c for _, c in pairs], rows)
    assert ut[1].tolist() == utc[1].tolist() == [0] * len(pairs), [u for (u, _), c in zip(pairs, ut[1]) if c]
    assert ut[0].tolist() == utc[0].tolist() == [_UTC_0800] * len(pairs)
    # (beside another offset: two zones, as utc)
    for text in ["2024-10-17 08:00 +0800 ut", "2024-10-17 08:00 +0800 (ut)"]:
        [why] = assert_refused_naming([(text, None)], "time_name_disagrees", rows=(rows,))
        assert why.text("en").startswith("the offset +08:00 is not ut's (+00:00)")


# -- Z and an offset in brackets ---------------------------------------------------------------------------------


def test_z_and_an_offset_in_brackets_that_disagree_are_two_offsets():
    assert_refused_naming(
        [(text, {"offset": "Z", "other": "+08:00"})
         for text in ["2024-10-17T08:00Z (UTC+8)", "2024-10-17T08:00Z (+0800)", "2024-10-17T08:00Z (GMT+08:00)"]],
        "time_offsets_disagree",
        en=lambda f: (
            "the offset Z and the offset in brackets after it, +08:00, disagree: the text says two different "
            "instants; give the one offset that is right"
        ),
        zh=lambda f: "偏移量 Z 与其后括号中的偏移量 +08:00 不一致：文本说的是两个不同的时刻；请只给出正确的那个偏移量",
    )  # fmt: skip
    # (one that agrees: read)
    assert _read(["2024-10-17T08:00Z (UTC)", "2024-10-17T08:00Z (+00:00)"])[0].tolist() == [_UTC_0800] * 2


# -- a word before a zone ----------------------------------------------------------------------------------------

_BEFORE = [
    ("2024-10-17 08:00 west +0800", "west", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 West +0800", "West", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 wet +0000", "wet", "+0000", "2024-10-17 08:00 +0000"),  # (WET's offset: no matter)
    ("2024-10-17 08:00 foo +0800", "foo", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 Foo+08:00", "Foo", "+08:00", "2024-10-17 08:00+08:00"),
    ("2024-10-17 08:00foo +0800", "foo", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 foo GMT+8", "foo", "GMT+8", "2024-10-17 08:00 GMT+8"),
    ("2024-10-17 08:00 foo (UTC+8)", "foo", "(UTC+8)", "2024-10-17 08:00 (UTC+8)"),
    ("2024-10-17 08:00 foo UTC", "foo", "UTC", "2024-10-17 08:00 UTC"),
    ("2024-10-17 08:00 foo Z", "foo", "Z", "2024-10-17 08:00 Z"),
    ("2024-10-17 8:00 pm foo +0800", "foo", "+0800", "2024-10-17 8:00 pm +0800"),
    ("Thu Oct 17 08:00:00 foo +0800 2024", "foo", "+0800", "Thu Oct 17 08:00:00 +0800 2024"),
    ("2024-10-17 08:00 ｆｏｏ ＋0800", "foo", "+0800", "2024-10-17 08:00 +0800"),
]


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_a_word_before_a_zone_is_no_time_saying_it_is_no_zone(rows):
    cases = [(text, {"word": word, "zone": zone, "example": example}) for text, word, zone, example in _BEFORE]
    assert_refused_naming(cases, "time_word_before_zone", rows=(rows,))
    # (the text without the word: read, at the zone's instant)
    examples = [e for *_, e in _BEFORE]
    ns, codes = _read(examples)
    assert codes.tolist() == [0] * len(examples)
    assert ns[0] == _UTC_0800 - 8 * _HOUR_NS and ns[2] == _UTC_0800 and ns[-2] == _UTC_0800 - 8 * _HOUR_NS


def test_the_word_before_reason_s_wording():
    [why] = assert_refused_naming(
        [("2024-10-17 08:00 west +0800", None)],
        "time_word_before_zone",
        en=lambda f: (
            "west before the zone +0800 is no time zone avzone reads (before an offset it reads a zone's abbreviation "
            "in capitals, such as CST in CST +0800): the zone alone says the time; leave the word out, 2024-10-17 "
            "08:00 +0800"
        ),
        zh=lambda f: (
            "时区 +0800 之前的 west 不是 avzone 能读取的时区（偏移量之前可读取大写的时区缩写，如 CST +0800 中的 CST）："
            "时区本身已说明时刻；请去掉这个词，如 2024-10-17 08:00 +0800"
        ),
    )
    assert "+01:00" not in why.text("en") and "west's" not in why.text("en")  # (west is no WEST)


@pytest.mark.parametrize("rows", [1, 3_000])
def test_names_before_an_offset_read_as_before(rows):
    """A zone's abbreviation in capitals (known or not, as strftime's '%Z %z' writes any), one known in any case at
    that offset, UTC before an offset (UTC+08:00 with a space), a day of the week it falls on: read, at the
    offset."""
    read = ["2024-10-17 08:00 CST +0800", "2024-10-17 08:00 cst +0800", "2024-10-17 08:00 Cst+0800",
            "2024-10-17 08:00 WIB +0700", "2024-10-17 08:00 ChST +1000", "2024-10-17 08:00 FOO +0800",
            "2024-10-17 08:00 utc +0800", "2024-10-17 08:00 Thu +0800",
            "Thu Oct 17 08:00:00 CST+0800 2024"]  # fmt: skip
    ns, codes = _read(read, rows)
    assert codes.tolist() == [0] * len(read), [t for t, c in zip(read, codes) if c]
    assert ns.tolist() == [_UTC_0800 - h * _HOUR_NS for h in [8, 8, 8, 7, 10, 8, 8, 8, 8]]
    # (a day of the week the date does not fall on is no time, said so: it was left out unread)
    assert_refused_naming([("2024-10-17 08:00 Fri +0800", None)], "time_weekday_disagrees", rows=(rows,))
    # (an abbreviation in capitals never at the offset: two zones, as ever)
    assert _why("2024-10-17 08:00 WEST +0800").key == "time_name_disagrees"


# -- AM or PM after the zone -------------------------------------------------------------------------------------

_MARKS = [
    ("2024-10-17 08:00 +08:00 pm", "pm", "+08:00", "2024-10-17 08:00 pm +08:00"),
    ("2024-10-17 08:00 +0800 AM", "AM", "+0800", "2024-10-17 08:00 AM +0800"),
    ("2024-10-17 08:00 +0800 p.m.", "p.m.", "+0800", "2024-10-17 08:00 p.m. +0800"),
    ("2024-10-17 08:00+08:00pm", "pm", "+08:00", "2024-10-17 08:00 pm+08:00"),
    ("2024-10-17 08:00Z PM", "PM", "Z", "2024-10-17 08:00 PM Z"),
    ("2024-10-17 08:00 UTC pm", "pm", "UTC", "2024-10-17 08:00 pm UTC"),
    ("2024-10-17 8:00 GMT+8 pm", "pm", "GMT+8", "2024-10-17 8:00 pm GMT+8"),
    ("2024-10-17 8:00 (UTC+8) pm", "pm", "(UTC+8)", "2024-10-17 8:00 pm (UTC+8)"),
    ("Thu, 17 Oct 2024 08:00:00 +0800 PM", "PM", "+0800", "Thu, 17 Oct 2024 08:00:00 PM +0800"),
    ("2024-10-17 08:00 ＋０８００ ｐｍ", "pm", "+0800", "2024-10-17 08:00 pm +0800"),
]


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_am_or_pm_after_the_zone_is_no_time_saying_where_it_goes(rows):
    assert_refused_naming(
        [(text, {"mark": mark, "zone": zone, "example": example}) for text, mark, zone, example in _MARKS],
        "time_half_day_after_zone",
        en=lambda f: (
            f"{f['mark']} follows the zone {f['zone']}: avzone reads AM or PM right after the time of day, before its "
            f"zone; write {f['example']}"
        ),
        zh=lambda f: (
            f"{f['mark']} 写在时区 {f['zone']} 之后：avzone 只读取紧跟在时刻之后、时区之前的 AM 或 PM；"
            f"请写成 {f['example']}"
        ),
        rows=(rows,),
    )
    # (the mark right after the clock: read, the hour in the afternoon where it says PM)
    ns, codes = _read([e for *_, e in _MARKS])
    assert codes.tolist() == [0] * len(_MARKS)
    assert (
        ns[0] == _UTC_0800 + 4 * _HOUR_NS and ns[1] == _UTC_0800 - 8 * _HOUR_NS and ns[4] == _UTC_0800 + 12 * _HOUR_NS
    )
    why = _why("2024-10-17 08:00 +08:00 pm")
    assert why.text("en") == (
        "pm follows the zone +08:00: avzone reads AM or PM right after the time of day, before its zone; write "
        "2024-10-17 08:00 pm +08:00"
    )
    assert why.text("zh") == (
        "pm 写在时区 +08:00 之后：avzone 只读取紧跟在时刻之后、时区之前的 AM 或 PM；请写成 2024-10-17 08:00 pm +08:00"
    )
    # (an hour that is none with a mark: said so, in either order)
    assert _why("2024-10-17 13:00 +08:00 pm").key == _why("2024-10-17 13:00 pm +08:00").key == "time_hour_not_12"


# -- reasons for what follows a zone, and for UT beside Beijing time or after a date --------------------------------

_AFTER = [
    ("2024-10-17 08:00 +0800 hello world", "hello world", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 2024 foo", "2024 foo", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 2024", "2024", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 China Standard Time", "China Standard Time", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 foo1", "foo1", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17 08:00 +0800 北京", "北京", "+0800", "2024-10-17 08:00 +0800"),
    ("2024-10-17T08:00Z hello world", "hello world", "Z", "2024-10-17T08:00Z"),
    ("2024-10-17 08:00 UTC hello", "hello", "UTC", "2024-10-17 08:00 UTC"),
    ("2024-10-17 08:00 (UTC+8) foo bar", "foo bar", "(UTC+8)", "2024-10-17 08:00 (UTC+8)"),
    ("2024-10-17 08:00 ＋0800 ｈｅｌｌｏ ｗｏｒｌｄ", "hello world", "+0800", "2024-10-17 08:00 +0800"),
]


def test_what_follows_a_zone_is_said_with_the_text_without_it():
    assert_refused_naming(
        [(text, {"rest": rest, "zone": zone, "example": example}) for text, rest, zone, example in _AFTER],
        "time_after_zone",
        en=lambda f: (
            f"{f['rest']} after the zone {f['zone']} is no part of a time avzone reads (a time ends with its zone; "
            "after an offset a zone's abbreviation in capitals, such as CST, or a zone's name in brackets, such as "
            f"(China Standard Time), may follow): leave it out, {f['example']}"
        ),
        zh=lambda f: (
            f"时区 {f['zone']} 之后的 {f['rest']} 不是 avzone 能读取的时间的一部分（时间以时区结尾；"
            f"偏移量之后可跟大写的时区缩写，如 CST，或括号中的时区名称，如 (China Standard Time)）："
            f"请去掉它，如 {f['example']}"
        ),
        examples_read=True,
    )
    why = _why("2024-10-17 08:00 +0800 hello world")
    assert why.text("en") == (
        "hello world after the zone +0800 is no part of a time avzone reads (a time ends with its zone; after an "
        "offset a zone's abbreviation in capitals, such as CST, or a zone's name in brackets, such as (China Standard "
        "Time), may follow): leave it out, 2024-10-17 08:00 +0800"
    )
    # (a word alone after an offset and two zones apart keep their own reasons)
    assert _why("2024-10-17 08:00 +0800 foo").key == "time_offset_word"
    assert _why("Tue Mar 19 08:00:00 +0800 2024 -0400").key == "time_zones_apart"


def test_ut_beside_beijing_time_or_after_a_date_alone_has_the_reason_utc_has():
    beijing = [("北京时间 2024-10-17 08:00 UT", "UT"), ("北京时间 2024-10-17 08:00 ut", "ut"),
               ("北京时间 2024-10-17 08:00 (UT)", "UT"), ("2024年10月17日 08:00 北京时间 UT", "UT")]  # fmt: skip
    for text, written in beijing:
        assert _read([text])[1].tolist() == [zonetime.TIME_INVALID], text
        why = _why(text)
        assert why.key == "time_name_disagrees", (text, why)
        assert why.fields["offset"] == written and why.fields["zone"] == "北京时间", text
    assert _why("北京时间 2024-10-17 08:00 UT").text("zh").startswith("偏移量 UT 不是 北京时间 的偏移量（+08:00）")
    for text, zone, example in [("2024-10-17 UT", "UT", "2024-10-17 00:00 UT"),
                                ("2024-10-17 ut", "ut", "2024-10-17 00:00 ut"),
                                ("2024-10-17 utc", "utc", "2024-10-17 00:00 utc"),
                                ("17 Oct 2024 gmt", "gmt", "17 Oct 2024 00:00 gmt")]:  # fmt: skip
        assert _read([text])[1].tolist() == [zonetime.TIME_INVALID], text
        why = _why(text)
        assert why.key == "time_zone_no_clock", (text, why)
        assert why.fields["zone"] == zone and why.fields["example"] == example, text
        assert _read([example])[1].tolist() == [0], example


# -- words elsewhere -----------------------------------------------------------------------------------------------

_WORDS = [
    ("2024-10-17 08:00 foo", "foo", "2024-10-17 08:00"),
    ("2024-10-17 08:00 hello world", "hello world", "2024-10-17 08:00"),
    ("2024-10-17 08:00 tomorrow", "tomorrow", "2024-10-17 08:00"),
    ("foo 2024-10-17 08:00", "foo", "2024-10-17 08:00"),
    ("2024-10-17 foo 08:00", "foo", "2024-10-17 08:00"),
    ("2024-10-17T08:00:00 foo", "foo", "2024-10-17T08:00:00"),
    ("Oct 17 2024 foo", "foo", "Oct 17 2024"),
    ("2024-10-17 08:00 ｆｏｏ", "foo", "2024-10-17 08:00"),
]


def test_words_that_are_no_part_of_a_time_are_named():
    assert_refused_naming(
        [(text, {"word": word, "example": example}) for text, word, example in _WORDS],
        "time_word",
        en=lambda f: (
            f"{f['word']} is no part of a time avzone reads (a date, a time of day, AM or PM, a month's or a day's "
            f"English name, a zone): without it the text is a time, {f['example']}; leave it out if it says nothing "
            "of the time"
        ),
        zh=lambda f: (
            f"{f['word']} 不是 avzone 能读取的时间的一部分（日期、时刻、AM 或 PM、英文的月份或星期名称、时区）："
            f"去掉它文本就是时间，如 {f['example']}；如果它与时间无关，请去掉它"
        ),
    )
    why = _why("2024-10-17 foo 08:00")
    assert why.text("en") == (
        "foo is no part of a time avzone reads (a date, a time of day, AM or PM, a month's or a day's English name, a "
        "zone): without it the text is a time, 2024-10-17 08:00; leave it out if it says nothing of the time"
    )
    # (words in two places, or a text no time without them: no such reason; a word alone is no time either)
    for text in ["foo 2024-10-17 bar 08:00", "2024-10-17 08:00 Fri foo", "hello"]:
        why = zonetime.time_why(text)
        assert why is None or why.key != "time_word", text


def test_shang_wu_or_xia_wu_after_the_zone_says_it_goes_before_the_clock():
    assert_refused_naming(
        [("2024年10月17日 08:00 +0800 下午",
          {"mark": "下午", "zone": "+0800", "example": "2024年10月17日 下午08:00 +0800"}),
         ("2024/10/17 8:00 +08:00 上午", {"mark": "上午", "zone": "+08:00", "example": "2024/10/17 上午8:00 +08:00"}),
         ("2024年10月17日 08:00 ＋0800 下午",
          {"mark": "下午", "zone": "+0800", "example": "2024年10月17日 下午08:00 +0800"})],
        "time_half_day_cn_after_zone",
        en=lambda f: (
            f"{f['mark']} follows the zone {f['zone']}: avzone reads 上午 or 下午 (AM or PM) right before the time of "
            f"day; write {f['example']}"
        ),
        zh=lambda f: (
            f"{f['mark']} 写在时区 {f['zone']} 之后：avzone 只读取紧挨在时刻之前的上午或下午；请写成 {f['example']}"
        ),
        examples_read=True,
    )  # fmt: skip
    why = _why("2024年10月17日 08:00 +0800 下午")
    assert why.text("en") == (
        "下午 follows the zone +0800: avzone reads 上午 or 下午 (AM or PM) right before the time of day; write "
        "2024年10月17日 下午08:00 +0800"
    )
    assert why.text("zh") == (
        "下午 写在时区 +0800 之后：avzone 只读取紧挨在时刻之前的上午或下午；请写成 2024年10月17日 下午08:00 +0800"
    )


def test_at_and_when_say_the_reasons():
    """--at, at= and when= (:func:`avzone.zonetime.instant`) give these reasons after the value, in both languages."""
    for text, key in [("2024-10-17 08:00 west +0800", "time_word_before_zone"),
                      ("2024-10-17 08:00 +08:00 pm", "time_half_day_after_zone"),
                      ("2024-10-17 08:00 +0800 hello world", "time_after_zone"),
                      ("2024-10-17 foo 08:00", "time_word")]:  # fmt: skip
        with pytest.raises(zonetime.InputError) as caught:
            zonetime.instant(text)
        message = caught.value.args[0]
        assert message.fields["why"].key == key, text
        assert message.text("en").startswith(f"{text!r}: ") and _why(text).text("zh") in message.text("zh")
    assert zonetime.instant("2024-10-17 08:00 ut") == _UTC_0800


def test_words_that_say_the_time_and_offsets_that_cannot_be_are_never_said_to_be_left_out():
    """'2024-10-18 noon' was told to leave 'noon' out (the text then reads as midnight), and '+08:61' that ':61'
    after the zone +08 was no part of a time: the word says the time, the offset is one whose minutes cannot be.
    Neither is told to drop a part (the words of the day now have a reason of their own, asking for the time in
    digits: tests/test_time_reasons_marks.py)."""
    from avzone import zonetime

    for text in ("2024-10-18 noon", "2024-10-18 08:00 midnight", "evening 2024-10-18 08:00",
                 "2024-06-30T08:00:00+08:61", "2024-03-19T08:00:00+0899"):  # fmt: skip
        assert zonetime.to_ns([text])[1].tolist() == [zonetime.TIME_INVALID], text
        why = zonetime.time_why(text)
        assert why is None or "leave it out" not in str(why), (text, str(why))
    # a word that says nothing of the time, and what follows a zone after a space, are still named
    assert "foo is no part of a time" in str(zonetime.time_why("2024-10-17 foo 08:00"))
    assert "hello world after the zone +0800" in str(zonetime.time_why("2024-10-17 08:00 +0800 hello world"))
