"""The plainest ISO 8601 time texts are read in one compiled pass (avzone._isotime) with the same instants and
statuses as the general reading gives them, and every other text is left to the general reading."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from avzone import zonetime
from avzone._isotime import plain_iso_ns

_DATES = ["2024-10-17", "2024/10/17", "2024-02-29", "2023-02-29", "2100-02-29", "2000-02-29", "2024-04-31",
          "2024-13-01", "2024-00-10", "2024-10-00", "2024-10-32", "1901-01-01", "2188-12-31", "1900-06-01",
          "2189-06-01", "1899-12-31", "2190-01-01", "2262-05-01", "2024-10/17", "2024/10-17", "2024-1-17",
          "24-10-17", "2024.10.17", "0001-01-01", "9999-12-31", "2024-12-31", "1970-01-01", "2024/3/9", "2024-3-9",
          "2024.3.09", "2024/03/9", "2024/3/31", "2024/2/30", "2024/123/1", "2024/1/123", "2024年10月17日",
          "2024年3月9日", "2024 年 3 月 9 日", "2024年2月30日", "2024年13月1日", "2024年3月9号", "2024年3月9號",
          "2024年3月", "2024年03月09日", "2024年3月9", "2024\t年3月9日", "1900年3月9日", "2024年3月9日日",
          "17/10/2024", "10/17/2024", "05/05/2024", "05/06/2024", "17.10.2024", "17-10-2024", "31/02/2024",
          "13/13/2024", "1/13/2024", "17/10/24", "17/10/1900", "17/10-2024", "29/02/2023", "7/7/2024"]  # fmt: skip
_CLOCKS = ["", " 08:00", "T08:00", " 08:00:00", "T23:59:59", " 00:00:00", " 24:00:00", " 23:60:00", " 08:00:60",
           " 08:5:00", " 8:05:00", "t08:00:00", "  08:00:00", " 08:00:00.5", " 08:00:00.123", "T08:00:00.123456",
           " 08:00:00.123456789", " 08:00:00.1234567891", " 08:00:00.", " 08:00:00,5", " 08", "T0800",
           " 08:00:0", " 08:00:00 ", "_08:00:00", " 下午8:00", " 下午 8:00:05", " 上午12:30", " 下午12:30", " 上午0:30",
           " 下午13:00", "下午8:00", " 下午  8:00", "T下午8:00", " 中午8:00", " 晚上8:00", " 下午8：00", " 8:00 PM",
           " 8:00PM", " 12:00 am", " 12:00 AM", " 0:30 AM", " 13:00 PM", " 8:00:05.5 pm", "T8:00 PM", " 8:00  PM",
           " 8:00 P.M.", " 8:00 PMx", " 下午8:00 PM", " 星期四 08:00", " 星期六 08:00", "星期六",
           " 周六", "周日 下午8:00", " 周天 8:00", " 星期 8:00", " 星期八 8:00", " 周四下午8:00", " 礼拜四 8:00",
           "08:00", "08:00:00", " 8:05", "  8:05", " 8：05", " 8：05：30",
           " 08:00：30", "T8:05", " 08:05:30.25", " 8点05分", " 08:005", " 008:00"]  # fmt: skip
_ZONES = ["", "Z", "z", "+08:00", "+0800", "+08", "-05:00", "-0530", "+05:45", "+14:00", "+14:01", "-12:00",
          "-12:01", "+15:00", "-13", "+00:00", "-00:00", "+08:60", "+08:0", "+8:00", "+08:00:00", " +08:00", " Z",
          "+08:00[Asia/Shanghai]", " UTC", "Zx", "+08:00Z", "+09:30", "-03:30", "UTC", " GMT", "GMT", " Z", "  UTC",
          " utc", " UTC+8", " UT", " GMTx", " CST"]  # fmt: skip

# dates with a month's English name, and their neighbours (a day of the week the date does not fall on, a day the
# month lacks, a name misspelt, another case, a comma or space more or less, a two-digit year, another separator)
_EN_DATES = ["17 Oct 2024", "Oct 17, 2024", "Oct 17 2024", "17-Oct-2024", "Oct-17-2024", "Thu, 17 Oct 2024",
             "Thu 17 Oct 2024", "Thursday, October 17, 2024", "Thu, Oct 17, 2024", "Thu Oct 17 2024",
             "Wed, 17 Oct 2024", "Fri Oct 17 2024", "Thurs, Oct 17, 2024", "Thur Oct 17 2024", "Tues, 15 Oct 2024",
             "Weds 16 Oct 2024", "Wednesday, 16 Oct 2024", "Wednes 16 Oct 2024", "Th Oct 17 2024", "Thu,17 Oct 2024",
             "Thu,  17 Oct 2024", "Thu ,17 Oct 2024", "THU, 17 OCT 2024", "tHu oCt 17 2024", "17 oct 2024",
             "17 OCT 2024", "17 October 2024", "17 OCTOBER 2024", "17 Octobre 2024", "17 Octo 2024", "17 Okt 2024",
             "Sept 17, 2024", "SEPT 17 2024", "Sep 17 2024", "September 17, 2024", "Septe 17 2024", "Sep 31 2024",
             "Feb 29 2024", "Feb 29 2023", "29-Feb-2100", "29-feb-2000", "31 Apr 2024", "June 30 2024",
             "Jul 4 2024", "July 4, 2024", "Juli 4 2024", "Mar 1 2024", "March 1 2024", "Marc 1 2024", "May 5 2024",
             "Mayo 5 2024", "17 Oct 24", "Oct 17 24", "Oct 17, 24", "17-Oct-24", "Oct 32 2024", "Oct 0 2024",
             "Oct 017 2024", "Oct  17 2024", "Oct 17  2024", "Oct 17,2024", "Oct 17 ,2024", "Oct. 17, 2024",
             "17 Oct. 2024", "17/Oct/2024", "17.Oct.2024", "Oct/17/2024", "17-Oct 2024", "17 Oct-2024",
             "Oct-17 2024", "Oct-17, 2024", "17 Oct, 2024", "17 Oct 1900", "1 Jan 1901", "Dec 31 2188",
             "Jan 1 2189", "Oct 17 20245", "17 Oct 2024x", "17 Oct 2024 Thu", "Thursday 17 October 2024",
             "Sun Dec 31 2188", "Tue, 1 Jan 1901", "Friday, Oct 17, 2024", "Thu, 17-Oct-2024", "Thu Oct-17-2024",
             "17th Oct 2024", "Oct 17th 2024", "Sat 29 Feb 2020", "Thu Oct 17", "Oct 2024", "17 Oct"]  # fmt: skip
_EN_CLOCKS = ["", " 08:00", " 8:00", " 08:00:00", " 23:59:59", " 00:00", " 08:00:00.5", " 08:00:00.123456789",
              " 08:00:00.1234567891", " 08:00:00.", " 8:00 PM", " 8:00PM", " 12:00 am", " 12:30 AM", " 0:30 AM",
              " 13:00 PM", " 8:00 pm", " 8:00 Pm", " 8:00  PM", " 8:00 P.M.", " 8:00 PMx", " 8 PM", ", 8:00 PM",
              ", 08:00:00", ",08:00", "  08:00", " 24:00", " 23:60", " 08:00:60", " 8:5", " 008:00", "T08:00",
              " 08:00 x", " 08", " 0800", " 25:00", " 99:00:00"]  # fmt: skip
# a zone after the clock (the e-mail layout, RFC 5322: Thu, 17 Oct 2024 08:00:00 +0800) and its neighbours
_EN_ZONE_DATES = ["17 Oct 2024", "Thu, 17 Oct 2024", "Wed, 17 Oct 2024", "Oct 17, 2024", "Thu Oct 17 2024",
                  "17-Oct-2024", "Oct-17-2024", "Sun, 31 Dec 2188", "Tue, 1 Jan 1901", "Feb 30 2024"]  # fmt: skip
_EN_ZONE_CLOCKS = ["", " 08:00", " 08:00:00", " 8:00 PM", ", 08:00:00", " 08:00:00.25", " 24:00"]
_EN_ZONES = ["Z", " Z", "z", "UTC", " UTC", " GMT", " utc", " Gmt", " CST", " EST", " +0800", "+0800", " +08:00",
             " -0500", " -05:30", " +0545", " +05:20", " +08", " +8", " +1400", " +1415", " -1200", " -1215",
             " +0860", " +0875", " +08:00:00", " GMT+8", " UTC+08:00", " GMT+0800", " +0800 (CST)", " 北京时间",
             "  +0800", " + 0800", " Z x", " +08:0"]  # fmt: skip
# as the C library and the Unix date write it (asctime): Thu Oct 17 08:00:00 2024, and its neighbours
_ASCTIME = ["Thu Oct 17 08:00:00 2024", "Oct 17 08:00:00 2024", "Thu Oct 17 8:00 2024", "Thu Oct 17 08:00:00.5 2024",
            "Wed Oct 17 08:00:00 2024", "Thu Oct  17 08:00:00 2024", "Thu Oct 17 08:00:00  2024",
            "Thu Oct 17 24:00:00 2024", "Thu Oct 17 08:00:00 CST 2024", "Thu Oct 17 08:00:00 2024 +0800",
            "Thu Oct 17 08:00:00 24", "Oct 17, 08:00:00 2024", "Thu Oct 17 08:00 PM 2024", "17 Oct 08:00:00 2024",
            "Thu, Oct 17 08:00:00 2024", "Sun Dec 31 23:59:59 2188", "Thu Oct 17 08:00:00 1900",
            "Thu Oct 17 08:00:00 20245", "Thu-Oct-17 08:00:00 2024"]  # fmt: skip
_EN_DAYS = [["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            ["MON", "Tues", "Weds", "Thurs", "fri", "SAT", "sun"]]  # fmt: skip
_EN_LAYOUTS = ["%d %b %Y %H:%M:%S", "%b %d, %Y %I:%M %p", "%d-%b-%Y", "WD, %d %b %Y %H:%M:%S", "WD, %B %d, %Y",
               "WD %b %d %H:%M:%S %Y", "%B %d %Y %H:%M", "%b-%d-%Y %I:%M:%S%p", "WD %d %B %Y %I:%M %p"]  # fmt: skip


def _texts(seed: int = 0, extra: int = 1_500) -> list[str]:
    """Every date with every clock, the clocks with every zone on a few dates, and random valid and broken texts."""
    out = [d + c for d in _DATES for c in _CLOCKS]
    out += [
        d + c + z for d in ("2024-10-17", "2024/02/29", "1901-01-01", "2188-12-31") for c in _CLOCKS for z in _ZONES
    ]
    out += ["20241017080000", "202410170800", "20240229235959", "20230229080000", "20241317080000", "20241017240000",
            "20241017086000", "20241017080060", "2024101708000", "20241017", "202410170800001", "19000101080000",
            "21881231235959", "21890101000000", "+20241017080000", "2024101708000.0", "00000000000000",
            "19010101000000"]  # fmt: skip
    out += [d + c for d in _EN_DATES for c in _EN_CLOCKS]
    out += [d + c + z for d in _EN_ZONE_DATES for c in _EN_ZONE_CLOCKS for z in _EN_ZONES] + _ASCTIME
    rng = np.random.default_rng(seed)
    start = np.datetime64("1901-01-01T00:00:00", "ns").astype(np.int64)
    stop = np.datetime64("2188-12-31T00:00:00", "ns").astype(np.int64)
    stamps = pd.to_datetime(rng.integers(start, stop, extra))
    for k, t in enumerate(stamps):
        layout = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d", "%Y年%m月%d日 %H:%M:%S"][
            k % 5
        ]
        if k % 19 == 0:  # the day and month first, the year last
            layout = ["%d/%m/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%d.%m.%Y", "%m-%d-%Y %H:%M"][k % 4]
        if k % 13 == 0:  # a half day's mark
            layout = ["%Y/%m/%d " + ("下午" if t.hour >= 12 else "上午") + "%I:%M:%S", "%Y-%m-%d %I:%M %p"][k % 2]
        if k % 17 == 0:  # the day of the week, on its date or another's
            day = "一二三四五六日天"[(t.day_of_week + (k // 17) % 3 * (k % 7)) % 7 + (k % 2 and t.day_of_week == 6)]
            layout = "%Y年%m月%d日 " + ["星期", "周"][k % 2] + day + " %H:%M:%S"
        if k % 11 == 0:  # a month's English name, the day of the week on its date or another's, in any case
            layout = _EN_LAYOUTS[k // 11 % len(_EN_LAYOUTS)]
            day = _EN_DAYS[k % 3][(t.day_of_week + (k // 11) % 2 * (k % 7)) % 7]
            layout = layout.replace("WD", day)
        text = t.strftime(layout)
        if k % 11 == 0 and k % 4 == 3:
            text = text.upper() if k % 8 == 3 else text.lower()
        if k % 11 == 0 and k % 2 == 0 and ":" in text and "M" not in text.upper()[-2:]:  # a zone after the clock
            text += str(rng.choice([" +0800", " -0500", " +05:45", " +0530", " GMT", " UTC", "Z", " +14:00"]))
        if k % 4 == 1:  # as spreadsheets write it: no leading zeros
            text = (
                text.replace("/0", "/").replace("-0", "-").replace("月0", "月").replace("年0", "年").replace(" 0", " ")
            )
        if k % 3 == 0 and len(text) == 19:
            text += "." + str(t.value % 10**9).rjust(9, "0")[: 1 + k % 9]
        if k % 5 == 0 and len(text) > 10 and "年" not in text:
            text += str(rng.choice(["Z", "+08:00", "-07:00", "+0530", "+09", "-11:45", " UTC", "GMT"]))
        if k % 7 == 0:  # one character changed: a neighbour of the layout
            at = int(rng.integers(0, len(text)))
            text = text[:at] + str(rng.choice(list("0123456789-/:T .Z+x年月日："))) + text[at + 1 :]
        out.append(text)
    return out


def _read(
    texts: list[str], rows: int, monkeypatch: pytest.MonkeyPatch, unit: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    with monkeypatch.context() as m:
        m.setattr(zonetime, "PLAIN_ISO_ROWS", rows)
        ns, codes = zonetime.to_ns(pd.Series(texts), unit=unit)
    return np.asarray(ns), np.asarray(codes)


@pytest.mark.parametrize(("seed", "unit"), [(0, None), (1, None), (2, "s")])
def test_the_compiled_pass_reads_as_the_general_reading(seed, unit, monkeypatch):
    texts = _texts(seed)
    fast_ns, fast_codes = _read(texts, 0, monkeypatch, unit)
    slow_ns, slow_codes = _read(texts, 10**12, monkeypatch, unit)
    differ = np.flatnonzero((fast_ns != slow_ns) | (fast_codes != slow_codes))
    assert differ.size == 0, [(texts[i], fast_ns[i], slow_ns[i], fast_codes[i], slow_codes[i]) for i in differ[:8]]
    _, taken = plain_iso_ns(pa.array(texts))
    assert taken.sum() > len(texts) // 8  # (else this compares the general reading with itself)
    assert not taken.all()


def test_zones_in_brackets_read_as_the_general_reading(monkeypatch):
    from test_time_zone_layouts import _bracketed

    texts = _bracketed()
    fast_ns, fast_codes = _read(texts, 0, monkeypatch)
    slow_ns, slow_codes = _read(texts, 10**12, monkeypatch)
    differ = np.flatnonzero((fast_ns != slow_ns) | (fast_codes != slow_codes))
    assert differ.size == 0, [(texts[i], fast_ns[i], slow_ns[i], fast_codes[i], slow_codes[i]) for i in differ[:8]]
    _, taken = plain_iso_ns(pa.array(texts))
    assert taken.sum() > len(texts) // 4


def test_the_layout_taken_and_left():
    taken_texts = [
        "2024-10-17", "2024/10/17 08:00", "2024-10-17T08:00:00", "2024-10-17 08:00:00.123456789",
        "2024-10-17T08:00:00Z", "2024-10-17T08:00:00+08:00", "2024-10-17 08:00:00-0530", "2024-02-29 23:59:59+14:00",
        "2024-10-17 08:00-12:00", "2024/3/9 8:05", "2024年3月9日 8：05：30", "2024-10-17T08:00:00+08:00[Asia/Shanghai]",
        "2024-10-17T00:00Z[Asia/Shanghai]", "2024-10-17T00:00:00[UTC]", "2024年10月17日 星期四 08:00",
        "2024年10月20日 周天 下午8:00", "2024/10/17 下午8:00", "2024-10-17 8:00 am", "17/10/2024 08:00",
        "10/17/2024 8:00 PM", "17 Oct 2024 08:00:00", "Oct 17, 2024 8:00 PM", "17-Oct-2024",
        "Thu, 17 Oct 2024 08:00:00 +0800", "Thursday, October 17, 2024", "SEPT 17 2024 12:00 am",
        "Thu Oct 17 08:00:00 2024", "Oct-17-2024, 8:00 PM", "17 oct 2024 08:00Z", "Weds, Oct 16, 2024 08:00 GMT",
        "Sat, 29 Feb 2020 23:59:59.5 -0930", "2024-10-17 08:00:00 UTC", "2024/10/17T08:00GMT",
    ]  # fmt: skip
    left = [
        "2024-10-17 24:00:00",
        "2024-10-17 08:00:60",
        "2023-02-29",
        "2024-10-17t08:00",
        "2024-10-17 08:00z",
        "2024-10-17 08:00:00,5",
        "2024-10-17 08:00:00.",
        "2024-10-17 08:00:00.1234567890",
        "2024-10/17",
        "2024-10-17 08:00+14:01",
        "2024-10-17 08:00-12:01",
        "2024-10-17 08:00+08:60",
        "2024-10-17 08:00+08:00:00",
        "1900-06-01",
        "2189-06-01",
        "2024-10-17 08",
        "2024-10-17 08:00 +08:00",
        "2024年3月9日 8点05分",
        "2024-10-17 08:00:00[Asia/Chongqing]",
        "20241017",
        "2024-10-17 08:00:00 ",
        "1991-07-01T08:00[Asia/Shanghai]",
        "2024-10-17T08:00+08:00[UTC]",
        "2024-10-17T08:00+09:00[Asia/Shanghai]",
        "2024-10-17[Asia/Shanghai]",
        "2024-1-17T08:00[Asia/Shanghai]",
        "2024/10/17T08:00[Asia/Shanghai]",
        "2024-10-17T08:00[Asia/Shanghai",
        "2024年10月17日 星期三 08:00",
        "2024年10月17日 周五",
        "2024-10-17 13:00 PM",
        "2024/10/17 下午0:30",
        "05/06/2024",
        "17/10/2024T08:00",
        "17/10/2024 08:00Z",
        "Wed, 17 Oct 2024 08:00:00 +0800",
        "Sep 31 2024",
        "17 Octo 2024",
        "Oct 17 24",
        "Oct 17 2024 08:00 CST",
        "Oct. 17 2024",
        "Oct  17 2024",
        "17 Oct 2024 08:00 +05:20",
        "Oct 17 2024 8:00 PM UTC",
        "Oct 17 2024 08:00 utc",
        "Thu 17-Oct-2024",
        "17-Oct-2024 08:00 +0800",
        "Oct 17 2024 13:00 PM",
        "Th Oct 17 2024",
        "2024-10-17 08:00 utc",
        "2024-10-17 08:00  UTC",
        "2024-10-17 UTC",
        "2024年10月17日 08:00 UTC",
    ]
    ns, taken = plain_iso_ns(pa.array(taken_texts + left + [None]))
    assert taken.tolist() == [True] * len(taken_texts) + [False] * (len(left) + 1)
    digits = ["20241017080000", "202410170800", "20241017", "2024101708000", "20241017240000", "20230229080000"]
    assert plain_iso_ns(pa.array(digits), digits=True)[1].tolist() == [True, True, False, False, False, False]
    assert not plain_iso_ns(pa.array(digits))[1].any()  # (with a unit for numbers, digits are an epoch time)
    want = [
        "2024-10-17 00:00+08:00", "2024-10-17 08:00+08:00", "2024-10-17 08:00+08:00",
        "2024-10-17 08:00:00.123456789+08:00", "2024-10-17 08:00Z", "2024-10-17 08:00+08:00", "2024-10-17 08:00-05:30",
        "2024-02-29 23:59:59+14:00", "2024-10-17 08:00-12:00", "2024-03-09 08:05+08:00", "2024-03-09 08:05:30+08:00",
        "2024-10-17 08:00+08:00", "2024-10-17 00:00Z", "2024-10-17 00:00Z", "2024-10-17 08:00+08:00",
        "2024-10-20 20:00+08:00", "2024-10-17 20:00+08:00", "2024-10-17 08:00+08:00", "2024-10-17 08:00+08:00",
        "2024-10-17 20:00+08:00", "2024-10-17 08:00+08:00", "2024-10-17 20:00+08:00", "2024-10-17 00:00+08:00",
        "2024-10-17 08:00+08:00", "2024-10-17 00:00+08:00", "2024-09-17 00:00+08:00", "2024-10-17 08:00+08:00",
        "2024-10-17 20:00+08:00", "2024-10-17 08:00Z", "2024-10-16 08:00Z", "2020-02-29 23:59:59.5-09:30",
        "2024-10-17 08:00Z", "2024-10-17 08:00Z",
    ]  # fmt: skip
    want = pd.to_datetime(want, utc=True, format="ISO8601").as_unit("ns").asi8
    assert ns[: len(taken_texts)].tolist() == want.tolist()


def test_sliced_and_large_text_arrays():
    texts = pa.array(["x", "2024-10-17 08:00:00", "2024-10-17 09:00:00+09:00", None, "y"])
    for arr in (texts.slice(1, 3), texts.cast(pa.large_string()).slice(1, 3), pa.chunked_array([texts[:2], texts[2:]])):
        ns, taken = plain_iso_ns(arr)
        first = 0 if len(arr) == 3 else 1
        assert taken[first] and taken[first + 1] and ns[first] == ns[first + 1]


def test_a_long_column_gets_the_general_reading_s_statuses(monkeypatch):
    texts = ["2024-10-17 08:00:00"] * 3000 + [
        "2024-13-01 08:00",
        "",
        "not a time",
        "2024-10-17 08:00:00 UTC",
        "Oct 17, 2024",
    ]
    ns, codes = zonetime.to_ns(pd.Series(texts))
    with monkeypatch.context() as m:
        m.setattr(zonetime, "PLAIN_ISO_ROWS", 10**12)
        slow = zonetime.to_ns(pd.Series(texts))
    assert np.array_equal(ns, slow[0]) and np.array_equal(codes, slow[1])
    assert codes[-5:].tolist() == [zonetime.TIME_INVALID, zonetime.TIME_MISSING, zonetime.TIME_INVALID,
                                    0, 0]  # fmt: skip
