"""A zone in brackets after the clock, and zones written twice: ``(UTC)``, ``(GMT)``, ``(Z)`` and an ISO offset in
brackets (``(+08:00)``) read as the zone without them, and a zone's long name known at one offset (``(China Standard
Time)``) as that offset; Beijing time named in Chinese beside an offset in brackets that agrees reads
(``北京时间 2024-10-17 08:00 (UTC+8)``), and beside one that does not is no time with its reason; a zone after an offset
in brackets says its offset (``+0800 (UTC)``: two zones); zones one after the other after the clock
(``+08:00 +08:00``, ``Z +0800``) are no time with a reason saying what to write. Every one-pass reader that takes such
texts reads them as the value-by-value reading does."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from common import COLUMN_ROWS, assert_one_pass_reads_alike, assert_refused_naming, zoned_texts

from avzone import zonetime

_HOUR_NS = 3600 * 10**9
_UTC_0800 = int(np.datetime64("2024-10-17T08:00", "ns").astype(np.int64))  # (2024-10-17 08:00 UTC)


def _read(texts: list[str], rows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    return ns[: len(texts)], codes[: len(texts)]


def _why(text: str) -> str | None:
    why = zonetime.time_why(text)
    return None if why is None else why.key


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])  # (alone, and in a column the compiled pass sees first)
def test_a_zone_in_brackets_after_the_clock_reads_as_the_zone_without_them(rows):
    """'(UTC)' and '(GMT)' were no time with no reason while 'UTC' and '(UTC+0)' read; so were '(Z)', '(+08:00)'
    and a zone's long name alone, '(China Standard Time)', which says one offset."""
    pairs = [
        ("2024-10-17 08:00 (UTC)", "2024-10-17 08:00 UTC"),
        ("2024-10-17 08:00 (GMT)", "2024-10-17 08:00 GMT"),
        ("2024-10-17 08:00（UTC）", "2024-10-17 08:00 UTC"),
        ("2024-10-17 08:00:00 ( utc )", "2024-10-17 08:00:00 UTC"),
        ("Thu, 17 Oct 2024 08:00:00 (GMT)", "Thu, 17 Oct 2024 08:00:00 GMT"),
        ("2024年10月17日 08:00（UTC）", "2024年10月17日 08:00 UTC"),
        ("2024-10-17 8:00 PM (UTC)", "2024-10-17 8:00 PM UTC"),
        ("2024-10-17 08:00 (Z)", "2024-10-17 08:00Z"),
        ("2024-10-17 08:00 (+08:00)", "2024-10-17 08:00 +08:00"),
        ("2024-10-17 08:00（＋0800）", "2024-10-17 08:00 +0800"),
        ("2024-10-17 08:00 ( -05:00 )", "2024-10-17 08:00 -05:00"),
        ("2024-10-17 08:00 (China Standard Time)", "2024-10-17 08:00 +08:00"),
        ("Thu Oct 17 2024 08:00:00 (Japan Standard Time)", "Thu Oct 17 2024 08:00:00 +09:00"),
        ("2024-10-17 08:00 (Coordinated Universal Time)", "2024-10-17 08:00 +00:00"),
        ("2024-10-17 08:00（日本标准时间）", "2024-10-17 08:00 +09:00"),
    ]
    bracketed, plain = _read([b for b, _ in pairs], rows), _read([p for _, p in pairs], rows)
    assert bracketed[1].tolist() == [0] * len(pairs), [b for (b, _), c in zip(pairs, bracketed[1]) if c]
    assert plain[1].tolist() == [0] * len(pairs)
    assert bracketed[0].tolist() == plain[0].tolist()
    assert bracketed[0][0] == _UTC_0800 and bracketed[0][8] == _UTC_0800 - 8 * _HOUR_NS


def test_a_zone_in_brackets_after_an_offset_says_its_offset():
    """'+0800 (UTC)' was read as +08:00, the brackets left out as a name saying nothing, while '+0800 (UTC+0)' and
    '+0800 UTC' were no time (two zones); '+0800 (+0900)' was read as +08:00 too."""
    refused = ["2024-10-17 08:00 +0800 (UTC)", "2024-10-17 08:00 +08:00 (GMT)", "2024-10-17 08:00 +0800 (+0900)",
               "2024-10-17 08:00 +08:00 (Z)", "2024-10-17 08:00 +0800 UTC"]  # fmt: skip
    read = ["2024-10-17 08:00 +0000 (UTC)", "2024-10-17 08:00Z (GMT)", "2024-10-17 08:00 +0800 (+08:00)",
            "2024-10-17 08:00 +08:00 (+8)"]  # fmt: skip
    ns, codes = _read(refused + read)
    assert codes.tolist() == [zonetime.TIME_INVALID] * len(refused) + [0] * len(read)
    assert ns[len(refused) :].tolist() == [_UTC_0800] * 2 + [_UTC_0800 - 8 * _HOUR_NS] * 2
    assert [_why(t) for t in refused] == ["time_name_disagrees"] * 2 + ["time_offsets_disagree"] * 2 + [
        "time_name_disagrees"
    ]  # (an offset in brackets, Z too: two offsets, named so)
    why = zonetime.time_why(refused[0])
    assert why is not None and why.text("en").startswith("the offset +08:00 is not UTC's (+00:00)"), why
    # (the zone named as written but for its brackets, which were quoted as part of its name: "is not (UTC)'s")
    assert why.text("zh").startswith("偏移量 +08:00 不是 UTC 的偏移量（+00:00）"), why.text("zh")
    named = zonetime.time_why("2024-10-17 08:00 +0900 (China Standard Time)")
    assert named is not None and named.text("en").startswith("the offset +09:00 is not China Standard Time's (+08:00)")


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_beijing_time_named_beside_an_offset_in_brackets_that_agrees_reads(rows):
    """'北京时间 2024-10-17 08:00 (UTC+8)' was no time with no reason, while '北京时间 2024-10-17 08:00 UTC+8' and
    '2024-10-17 08:00 (UTC+8)' read."""
    texts = ["北京时间 2024-10-17 08:00 (UTC+8)", "中国标准时间 2024-10-17 08:00 (UTC+08:00)",
             "北京时间 2024-10-17 08:00（GMT+8）", "2024-10-17 08:00 (UTC+8)（北京时间）",
             "2024年10月17日 08:00（UTC+8）（北京时间）", "北京時間 2024/10/17 08:00:00 (+08:00)",
             "中國標準時間 2024-10-17 08:00 (China Standard Time)", "北京时间 2024-10-17 08:00 (utc+8)"]  # fmt: skip
    ns, codes = _read(texts, rows)
    assert codes.tolist() == [0] * len(texts), [t for t, c in zip(texts, codes) if c]
    assert ns.tolist() == [_UTC_0800 - 8 * _HOUR_NS] * len(texts)


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_beijing_time_named_beside_another_zone_is_no_time_saying_so(rows):
    """'北京时间 ... (UTC+9)', '(UTC)' and '+09:00' were no time with no reason: two instants."""
    texts = ["北京时间 2024-10-17 08:00 (UTC+9)", "北京时间 2024-10-17 08:00 (UTC)", "北京时间 2024-10-17 08:00 +09:00",
             "中国标准时间 2024-10-17 08:00 UTC", "北京时间 2024-10-17 08:00Z", "北京时间 2024-10-17 08:00 GMT+9",
             "2024-10-17 08:00 -05:00（北京时间）", "北京时间 2024-10-17 08:00 (Japan Standard Time)",
             "2024年10月17日 下午8点 +09:00（北京时间）"]  # fmt: skip
    why = assert_refused_naming([(text, None) for text in texts], "time_name_disagrees", rows=(rows,))[0]
    assert why.text("en") == (
        "the offset +09:00 is not 北京时间's (+08:00): the text says two different instants; give the offset or the "
        "zone that is right"
    )
    assert why.text("zh") == (
        "偏移量 +09:00 不是 北京时间 的偏移量（+08:00）：文本说的是两个不同的时刻；请给出正确的偏移量或时区"
    )
    utc = zonetime.time_why(texts[1])
    assert utc is not None and utc.text("en").startswith("the offset UTC is not 北京时间's (+08:00)"), utc
    # (a date without its time of day is no time for that, whatever follows it: no offset read out of its day)
    assert zonetime.time_why("北京时间 2024-10-17") is None


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_the_same_offset_written_twice_is_no_time_saying_to_write_it_once(rows):
    """'2024-10-17 08:00 +08:00 +08:00' was no time with no reason. It stays no time: Go writes the offset again as a
    zone's abbreviation only as '+0800 +0800' (read), and a text holding two zones is not a time (the parser would
    take one of them); the reason says to write it once."""
    texts = ["2024-10-17 08:00 +08:00 +08:00", "2024-10-17T08:00:00+08:00+08:00", "2024-10-17 08:00 +08:00 +0800",
             "2024-10-17 08:00 +08 +08", "2024-10-17 08:00 (UTC+8) +0800", "2024-10-17 08:00 UTC UTC",
             "2024-10-17 08:00 UTC+8 +0800", "2024-10-17 08:00 +08:00 +08:00 +08:00", "2024-10-17 08:00 Z Z",
             "2024-10-17 08:00 ＋08:00 ＋08:00", "北京时间 2024-10-17 08:00 +08:00 +08:00"]  # fmt: skip
    whys = assert_refused_naming([(text, None) for text in texts], "time_zone_again", rows=(rows,), examples_read=True)
    why = whys[0]
    assert why.text("en") == (
        "the offset +08:00 is written more than once (+08:00 +08:00): write it once, such as 2024-10-17 08:00 +08:00"
    )
    assert why.text("zh") == "偏移量 +08:00 写了不止一次：+08:00 +08:00；请只写一次，如 2024-10-17 08:00 +08:00"
    # (the text it gives reads, as the offset written once)
    examples = [zonetime.time_why(t).fields["example"] for t in texts]  # type: ignore[union-attr]
    ns, codes = _read(examples)
    assert codes.tolist() == [0] * len(texts)
    assert ns[0] == _UTC_0800 - 8 * _HOUR_NS and ns[5] == _UTC_0800
    # (Go's own form is read; a text without its date has the reason of that, not of its zones)
    assert _read(["2024-10-17 08:00 +0800 +0800"], rows)[1].tolist() == [0]
    assert zonetime.time_why("08:00 +08:00 +08:00") is None
    assert _why("2024-13-17 08:00 +08:00 +08:00") == "time_month_range"


def test_zones_that_differ_after_the_clock_are_no_time_naming_them():
    """'08:00 Z +0800', '08:00:00+08:00-04:00', '(UTC+8) +0900' were no time with no reason."""
    texts = ["2024-10-17 08:00 Z +0800", "2024-10-17T08:00Z+0800", "2024-10-17T08:00:00+08:00-04:00",
             "2024-10-17 08:00 (UTC+8) +0900", "2024-10-17 08:00 UTC +0800 +0900", "2024-10-17 08:00 (UTC) +08:00",
             "2024-10-17 08:00 +08:00 +08:00 -05:00"]  # fmt: skip
    why = assert_refused_naming([(text, None) for text in texts], "time_zones_differ")[0]
    assert why.text("en") == (
        "the zones after the time of day (Z +0800) are different offsets, +00:00 and +08:00: the text says different "
        "instants; give the one offset that is right"
    )
    assert why.text("zh") == (
        "时刻后的时区 Z +0800 是不同的偏移量 +00:00、+08:00：文本说的是不同的时刻；请只给出正确的那个偏移量"
    )
    last = zonetime.time_why(texts[-1])
    assert last is not None and str(last.fields["offsets"]) == "+08:00 and -05:00", last
    # (an offset and UTC written with a space is UTC+08:00, one zone: read)
    assert _read(["2024-10-17 08:00 UTC +0800"])[0].tolist() == [_UTC_0800 - 8 * _HOUR_NS]


def test_a_zone_s_name_in_brackets_whose_offset_is_not_known_is_no_time_saying_so():
    texts = ["2024-10-17 08:00 (Pacific Standard Time)", "2024-10-17 08:00 (Asia/Shanghai)",
             "2024-10-17 08:00（太平洋标准时间）"]  # fmt: skip
    why = assert_refused_naming([(text, None) for text in texts], "time_zone_name")[0]
    assert why.text("en") == (
        "Pacific Standard Time after the time of day is no zone's name whose offset avzone knows (China Standard "
        "Time is +08:00): write the offset instead, such as +08:00"
    )
    assert why.text("zh") == (
        "时刻后的 Pacific Standard Time 不是 avzone 知道其偏移量的时区名称（中国标准时间是 +08:00）：请改写偏移量，"
        "如 +08:00"
    )
    # (an abbreviation keeps its reason, and a word that is no zone's name is given none)
    assert _why("2024-10-17 08:00 (CST)") == "time_zone_abbreviation"
    assert _why("2024-10-17 08:00 (JST)") == "time_zone_abbreviation"
    assert zonetime.time_why("2024-10-17 08:00 (approx)") is None


_ZONES = ["(UTC)", "(GMT)", "(UTC+8)", "(GMT+08:00)", "(UTC-5)"]
_NEAR_ZONES = ["(UTC", "UTC)", "(utc)", "( UTC )", "（UTC）", "(Z)", "(+08:00)", "(UTC)(UTC)", "(UTC) (UTC)",
               "(UTC) +08:00", "(China Standard Time)", "(UT)", "[UTC]", "(UTCX)", "(UTC+15)"]  # fmt: skip


def _bracketed() -> list[str]:
    return zoned_texts(20241023, _ZONES, _NEAR_ZONES)


def test_one_pass_reads_utc_in_brackets_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _bracketed()
    taken = zonetime._common_layouts_ns(pd.Series(texts), np.ones(len(texts), bool))[1]
    assert_one_pass_reads_alike(texts, "_common_layouts_ns", taken, monkeypatch)
    # (the one pass takes '(UTC)' and '(GMT)' themselves, at UTC's offset)
    _, ok, offset = zonetime._common_layouts_ns(
        pd.Series(["2024-10-17 08:00 (UTC)", "2024-10-17 08:00(GMT)"]), np.zeros(2, bool)
    )
    assert ok.tolist() == [True, True] and offset.tolist() == [0, 0]
