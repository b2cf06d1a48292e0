"""Zones written in words beside an offset: an offset in brackets after the clock (``2024-10-17 08:00 (UTC+8)``) reads
as the same offset without them; Go's abbreviation for a zone without one, the offset written again (``+0600 +06``),
reads as that offset where it agrees and is no time, with its reason, where it does not (``+0800 +06``); a zone's
abbreviation not in capitals (``cst``), or one the offset before it is never at (``+0800 EST``), is no time with its
reason. Every one-pass reader that takes such texts reads them as the value-by-value reading does."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from common import COLUMN_ROWS, assert_one_pass_reads_alike, assert_refused_naming, zoned_texts

from avzone import zonetime

_HOUR_NS = 3600 * 10**9


def _read(texts: list[str], rows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    return ns[: len(texts)], codes[: len(texts)]


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])  # (alone, and in a column the compiled pass sees first)
def test_an_offset_in_brackets_reads_as_the_offset_without_them(rows):
    pairs = [
        ("2024-10-17 08:00 (UTC+8)", "2024-10-17 08:00 UTC+8"),
        ("2024-10-17 08:00 (UTC+08:00)", "2024-10-17 08:00 UTC+08:00"),
        ("2024-10-17 08:00 (GMT+8)", "2024-10-17 08:00 GMT+8"),
        ("2024-10-17 08:00（UTC+8）", "2024-10-17 08:00 UTC+8"),
        ("2024-10-17 08:00:00 ( UTC +8 )", "2024-10-17 08:00:00 UTC+8"),
        ("2024/10/17 08:00(gmt-5)", "2024/10/17 08:00 GMT-5"),
        ("Thu, 17 Oct 2024 08:00:00 (UTC+05:30)", "Thu, 17 Oct 2024 08:00:00 UTC+05:30"),
        ("2024年10月17日 08:00（UTC+8）", "2024年10月17日 08:00 UTC+8"),
        ("2024-10-17 8:00 PM (UTC+8)", "2024-10-17 8:00 PM UTC+8"),
    ]
    bracketed, plain = _read([b for b, _ in pairs], rows), _read([p for _, p in pairs], rows)
    assert bracketed[1].tolist() == [0] * len(pairs) and plain[1].tolist() == [0] * len(pairs), bracketed[1]
    assert bracketed[0].tolist() == plain[0].tolist()
    # east of Greenwich, as without brackets: 08:00 at UTC+8 is 00:00 UTC, at GMT-5 13:00 UTC
    utc = np.datetime64("2024-10-17T00:00", "ns").astype(np.int64)
    assert bracketed[0][0] == utc and bracketed[0][5] == utc + 13 * _HOUR_NS


def test_an_offset_before_an_offset_in_brackets_is_read_where_they_agree_and_refused_where_not():
    ns, codes = _read(["2024-10-17 08:00 +0800 (UTC+8)", "2024-10-17 08:00 +0900 (UTC+8)", "2024-10-17 08:00 (UTC+15)"])
    assert codes.tolist() == [0, zonetime.TIME_INVALID, zonetime.TIME_INVALID]
    assert ns[0] == np.datetime64("2024-10-17T00:00", "ns").astype(np.int64)
    why = zonetime.time_why("2024-10-17 08:00 +0900 (UTC+8)")
    assert why is not None and why.key == "time_offsets_disagree" and "+09:00" in why.text("en"), why
    far = zonetime.time_why("2024-10-17 08:00 (UTC+15)")
    assert far is not None and far.key == "time_offset_range", far


def test_z_before_a_zone_never_at_utc_s_offset_is_no_time():
    """'2024-10-17T08:00Z (UTC+8)' (and 'Z EST', 'Z (China Standard Time)') was read as 08:00 UTC, the name after Z
    left out: Z is UTC's offset, and a name never at it says another instant, as after '+0000'."""
    refused = ["2024-10-17T08:00Z (UTC+8)", "2024-10-17T08:00:00Z EST", "2024-10-17T08:00:00Z (China Standard Time)"]
    read = [
        "2024-10-17T08:00Z (UTC+0)",
        "2024-10-17T08:00:00Z UTC",
        "2024-10-17T08:00:00Z (Coordinated Universal Time)",
    ]
    ns, codes = _read(refused + read)
    assert codes.tolist() == [zonetime.TIME_INVALID] * 3 + [0] * 3
    assert ns[3] == np.datetime64("2024-10-17T08:00", "ns").astype(np.int64)
    why = zonetime.time_why(refused[0])
    assert why is not None and why.key == "time_offsets_disagree", why  # (two offsets, as "+0900 (UTC+8)")
    assert why.text("en").startswith("the offset Z and the offset in brackets after it, +08:00") and "Z" in why.text(
        "zh"
    )


_BRACKETS = ["(UTC+8)", "(GMT+8)", "(UTC+08:00)", "(GMT+0800)", "(UTC-5)", "(UTC+05:30)", "(GMT-12)", "(UTC+14)",
             "(UTC+8)", "(GMT+08:00)"]  # fmt: skip
_NEAR_BRACKETS = ["(UTC+15)", "(GMT-13)", "(UTC+08:60)", "(UTC+8", "UTC+8)", "(UTC)", "(CST)", "(utc+8)",
                  "( UTC+8 )", "（UTC+8）", "(UTC+08:07)", "(EST+8)", "[UTC+8]", "(UTC+8)(UTC+8)"]  # fmt: skip


def _bracketed() -> list[str]:
    return zoned_texts(20241017, _BRACKETS, _NEAR_BRACKETS, fractions=True)


def test_one_pass_reads_an_offset_in_brackets_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _bracketed()
    taken = zonetime._common_layouts_ns(pd.Series(texts), np.ones(len(texts), bool))[1]
    assert_one_pass_reads_alike(texts, "_common_layouts_ns", taken, monkeypatch)


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_go_s_abbreviation_of_a_zone_without_one_reads_as_its_offset(rows):
    texts = ["2024-10-17 08:00:00 +0600 +06", "2024-10-17 08:00:00 +0530 +0530", "2024-10-17 08:00:00 -0300 -03",
             "2024-10-17 08:00:00.5 +0600 +06 m=+0.000123456", "2024-10-17 08:00:00 +0600 +0600",
             "2024-10-17 08:00 +0545 +0545"]  # fmt: skip
    plain = [t.split(" m=")[0].rsplit(" ", 1)[0] for t in texts]  # (the offset alone: 2024-10-17 08:00:00 +0600)
    ns, codes = _read(texts, rows)
    want, want_codes = _read(plain, rows)
    assert codes.tolist() == [0] * len(texts) and want_codes.tolist() == [0] * len(texts), codes
    assert ns.tolist() == want.tolist()
    assert ns[0] == np.datetime64("2024-10-17T02:00", "ns").astype(np.int64)


def test_go_s_abbreviation_that_is_another_offset_is_no_time_naming_both():
    texts = ["2024-10-17 08:00:00 +0800 +06", "2024-10-17 08:00:00 +0530 +05", "2024-10-17 08:00:00 -0300 +03 m=+1.5"]
    whys = assert_refused_naming([(text, None) for text in texts], "time_abbreviation_offset_disagrees")
    assert whys[0].text("en") == (
        "the offset +08:00 and the zone's abbreviation +06 after it, which is an offset too (+06:00, as Go writes a "
        "zone without a name), differ: the text says two different instants; give the one offset that is right"
    )
    assert whys[0].text("zh") == (
        "偏移量 +08:00 与其后的时区缩写 +06 不一致：该缩写也是偏移量（+06:00，Go 这样写没有缩写的时区），"
        "文本说的是两个不同的时刻；请只给出正确的那个偏移量"
    )
    assert "-03:00" in whys[2].text("en") and "+03:00" in whys[2].text("en"), whys[2]


def _go_numeric() -> list[str]:
    """Go's layout with the offset written again as the abbreviation (tzdata's +06, +0530, -03; Go's +0600) and its
    neighbours: abbreviations that are other offsets, offsets no zone has, the monotonic clock, fractions, impossible
    dates and clocks."""
    rng = random.Random(20241022)
    agree = [("+0600", "+06"), ("+0530", "+0530"), ("-0300", "-03"), ("+0545", "+0545"), ("+0000", "+00"),
             ("-1200", "-12"), ("+1400", "+14"), ("+0800", "+0800"), ("-0930", "-0930")]  # fmt: skip
    offsets = ["+0800", "+0600", "-0300", "+1500", "-1300", "+0860", "+1430", "-0000", "+0807", "+08:00"]
    names = ["+06", "+08", "-03", "+0530", "+15", "+0860", "-00", "+00", "+0807", "+8", "+080", "06", "+06:00"]
    made = []
    for _ in range(600):
        good = rng.random() < 0.6
        offset, name = rng.choice(agree) if good else (rng.choice(offsets), rng.choice(names))
        y = rng.choice([1992, 2024, 2100] if good else [1677, 1678, 1899, 1900, 2024, 2189, 2190, 2261, 2262])
        mo, d = (10, 17) if good else (rng.choice([2, 10, 12, 13]), rng.choice([17, 29, 30, 31, 32]))
        h, mi, s = (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)) if good else (
            rng.choice([0, 23, 24, 25]), rng.choice([0, 59, 60]), rng.choice([0, 59, 60]))  # fmt: skip
        clock = f"{h:02d}:{mi:02d}" + (f":{s:02d}" if rng.random() < 0.8 else "")
        if rng.random() < 0.3:
            clock += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 9 if good else 10)))
        monotonic = rng.choice(["", "", " m=+0.000123456", " m=-1.5", " m=+0.1x"] if not good else ["", " m=+0.5"])
        space = " " if good else rng.choice([" ", "", "  "])
        made.append(f"{y}-{mo:02d}-{d:02d} {clock} {offset}{space}{name}{monotonic}")
    return made


def test_one_pass_reads_go_s_numeric_abbreviation_as_the_texts_are_read_one_by_one(monkeypatch):
    texts = _go_numeric()
    taken = zonetime._go_times_ns(pd.Series(texts))[1]
    assert_one_pass_reads_alike(texts, "_go_times_ns", taken, monkeypatch)


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_a_zone_s_abbreviation_not_in_capitals_is_no_time_with_its_reason(rows):
    texts = [
        "2024-10-17 08:00 cst",
        "2024-10-17 08:00:00 Cst",
        "Thu Oct 17 08:00:00 est 2024",
        "2024年10月17日 08:00 cst",
    ]
    why = assert_refused_naming([(text, None) for text in texts], "time_zone_abbreviation_case", rows=(rows,))[0]
    assert why.text("en") == (
        "cst is a zone's abbreviation not written in capitals (CST), which is read in no case: an abbreviation does "
        "not say its offset (CST is China's +08:00, US Central's -06:00 or Cuba's -05:00); write the offset, such as "
        "+08:00"
    )
    assert why.text("zh") == (
        "cst 是没有全用大写字母写的时区缩写 CST，不论大小写都不读取：时区缩写不能说明其偏移量"
        "（CST 可能是中国的 +08:00、美国中部的 -06:00 或古巴的 -05:00）；请写出偏移量，如 +08:00"
    )
    # (in capitals, the reason of an abbreviation as ever; after an offset it may be at, read, in any case)
    capitals = zonetime.time_why("2024-10-17 08:00 CST")
    assert capitals is not None and capitals.key == "time_zone_abbreviation"
    ns, codes = _read(["2024-10-17 08:00:00 +0800 cst", "2024-10-17 08:00:00 +0800 CST", "2024-10-17 08:00 cst+0800"])
    assert codes.tolist() == [0, 0, 0] and len(set(ns.tolist())) == 1


def test_a_word_that_is_an_abbreviation_only_in_capitals_is_not_called_one():
    """'west' was said to be WEST, a zone's abbreviation not written in capitals: in lower case, or with a capital,
    it is the English word (as 'wet' is), no abbreviation; it stays no time, with no reason calling it one. Written
    otherwise ('wEST'), it is the abbreviation as ever."""
    words = ["2024-10-17 08:00 west", "2024-10-17 08:00:00 West", "2024-10-17 08:00 wet", "2024-10-17 08:00 Wet"]
    assert _read(words)[1].tolist() == [zonetime.TIME_INVALID] * len(words)
    for text in words:
        why = zonetime.time_why(text)
        assert why is None or why.key not in ("time_zone_abbreviation_case", "time_zone_abbreviation"), (text, why)
    for text in ["2024-10-17 08:00 wEST", "2024-10-17 08:00 WeT", "2024-10-17 08:00 eet"]:
        why = zonetime.time_why(text)
        assert why is not None and why.key == "time_zone_abbreviation_case", (text, why)


def test_an_offset_and_an_abbreviation_never_at_it_are_no_time_naming_both():
    texts = ["2024-10-17 08:00:00 +0800 EST", "2024-10-17 08:00:00 +0800 est", "2024-10-17 08:00:00 +0800 Est"]
    for text, why in zip(texts, assert_refused_naming([(text, None) for text in texts], "time_name_disagrees")):
        for lang in ("en", "zh"):
            assert "+08:00" in why.text(lang) and "-05:00" in why.text(lang) and text[-3:] in why.text(lang)


@pytest.mark.parametrize("text", ["2024-10-17 08:00 +0900 CST", "2024-10-17T08:00+09:00 (CST)"])
def test_a_zone_s_several_offsets_are_listed_in_the_reason_s_language(text):
    # CST is at +08:00 (China), -06:00 and -05:00 (the US, Cuba): the reason lists them joined in its own language
    # (an abbreviation after the offset, and one in brackets: two readings of the zone's name)
    why = zonetime.time_why(text)
    assert why is not None and why.key == "time_name_disagrees"
    assert "+08:00 or -06:00 or -05:00" in why.text("en")
    assert "+08:00 或 -06:00 或 -05:00" in why.text("zh") and " or " not in why.text("zh")


@pytest.mark.parametrize("rows", [1, COLUMN_ROWS])
def test_bjt_is_beijing_time_in_any_text_alone_or_beside_an_offset_that_agrees(rows):
    """BJT (Beijing Time, common in Chinese logs) was told to be left out: it is +08:00, alone (before or after the
    clock, in brackets, Java's Date) or beside +08:00 (Go's '+0800 BJT', 'BJT+0800'), as at=, as a column and in a
    column of many rows; beside another offset it is no time, as any abbreviation never at that offset."""
    texts = [
        "2024-10-18 08:00 BJT",
        "2024-10-18 08:00:00 BJT",
        "BJT 2024-10-18 08:00",
        "2024-10-18 08:00 (BJT)",
        "Fri Oct 18 08:00:00 BJT 2024",
        "2024-10-18 08:00:00 +0800 BJT",
        "2024-10-18 08:00 +08:00 BJT",
        "2024-10-18 08:00 BJT+0800",
        "2024-10-18 08:00 BJT +0800",
        "2024-10-18 08:00:00 +0800 bjt",
    ]
    want = zonetime.instant("2024-10-18 08:00 +08:00")
    ns, codes = _read(texts, rows)
    assert codes.tolist() == [0] * len(texts) and set(ns.tolist()) == {want}, (codes, ns)
    for text in texts:
        assert zonetime.instant(text) == want, text
    other = [
        "2024-10-18 08:00 +0900 BJT",
        "2024-10-18 08:00 BJT+0900",
        "2024-10-18 08:00 BJT -05:00",
        "2024-10-18 08:00 Z BJT",
    ]
    for text in other:
        why = zonetime.time_why(text)
        assert why is not None and "BJT" in why.text("en") and "+08:00" in why.text("en"), (text, why)
    assert _read(other, rows)[1].tolist() == [zonetime.TIME_INVALID] * len(other)


def test_bjt_not_in_capitals_is_no_time_with_its_reason():
    """An abbreviation is read in capitals only: 'bjt' alone is no time, the reason saying to write BJT (a text
    that is no time for another reason says that one)."""
    why = assert_refused_naming(
        [("2024-10-18 08:00 bjt", None), ("2024-10-18 08:00:00 Bjt", None)], "time_bjt_case", rows=(1,)
    )[0]
    assert why.text("en") == (
        "bjt is BJT (Beijing Time, +08:00) not written in capitals, which is read in no case: write BJT, "
        "2024-10-18 08:00 BJT, or the offset +08:00"
    )
    assert why.text("zh") == (
        "bjt 是没有全用大写字母写的 BJT（北京时间，+08:00），不论大小写都不读取：请写成 BJT，如 2024-10-18 08:00 BJT，"
        "或写出偏移量 +08:00"
    )
    other = zonetime.time_why("2024-13-18 08:00 bjt")
    assert other is not None and other.key != "time_bjt_case"
