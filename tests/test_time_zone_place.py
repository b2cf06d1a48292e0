"""A zone written where or as no reader takes one is no time with a reason that says how to write it, where the text
written so is read: a bracket without its other half (``08:00 (UTC+8``, ``08:00 UTC+8)``), RFC 9557's suffix after a
space (``08:00 [UTC]``, while ``08:00[UTC]`` reads), an offset's minutes in one digit (``+08:0``), a
zone before the date (``UTC 2024-10-17 08:00``), a zone after a date without its time of day (``2024-10-17
+08:00``), two zones apart (``Tue Mar 19 08:00:00 +0800 2024 -0400``). Each was no time with no reason; each stays no
time, in the one-pass readers too."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avzone import zonetime

_HOUR_NS = 3600 * 10**9
_UTC_0800 = int(np.datetime64("2024-10-17T08:00", "ns").astype(np.int64))  # (2024-10-17 08:00 UTC)

#: Texts and the reason each is given.
_CASES = [
    ("2024-10-17 08:00 (UTC+8", "time_bracket_half"),
    ("2024-10-17 08:00 UTC+8)", "time_bracket_half"),
    ("2024-10-17 08:00（UTC+8", "time_bracket_half"),
    ("2024-10-17 08:00:00+08:00[Asia/Shanghai", "time_bracket_half"),
    ("[19/Mar/2024:08:00:00 +0800", "time_bracket_half"),
    ("2024-10-17 08:00 [UTC]", "time_bracket_space"),
    ("2024-10-17T08:00 [Asia/Shanghai]", "time_bracket_space"),
    ("2024-10-17 08:00 +08:0", "time_offset_short_zero"),
    ("2024-10-17 08:00+8:0", "time_offset_short_zero"),
    ("2024-10-17 08:00 +08:5", "time_offset_short"),
    ("UTC 2024-10-17 08:00", "time_zone_first"),
    ("+08:00 2024-10-17 08:00", "time_zone_first"),
    ("GMT+8 2024-10-17 08:00", "time_zone_first"),
    ("2024-10-17 +08:00", "time_zone_no_clock"),
    ("2024-10-17 UTC", "time_zone_no_clock"),
    ("17 Oct 2024 +0800", "time_zone_no_clock"),
    ("Tue Mar 19 08:00:00 +0800 2024 -0400", "time_zones_apart"),
    ("Tue Mar 19 08:00:00 +0800 2024 +0800", "time_zone_again"),
    ("2024-10-GMT17 08:00 UTC", "time_zone_again"),  # (the text without the first zone is the one read)
]


def _read(texts: list[str], rows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    return ns[: len(texts)], codes[: len(texts)]


@pytest.mark.parametrize("rows", [1, 3_000])  # (alone, and in a column the compiled pass sees first)
def test_a_zone_written_out_of_place_is_no_time_saying_how_to_write_it(rows):
    texts = [t for t, _ in _CASES]
    assert _read(texts, rows)[1].tolist() == [zonetime.TIME_INVALID] * len(texts)
    keys = [getattr(zonetime.time_why(t), "key", None) for t in texts]
    assert keys == [k for _, k in _CASES], [(t, k) for t, k in zip(texts, keys) if k not in dict(_CASES).values()]


def test_the_texts_the_reasons_give_are_read():
    """Each reason's example is read, and at the instant the text meant."""
    examples = {t: zonetime.time_why(t).fields.get("example") for t, _ in _CASES}  # type: ignore[union-attr]
    given = [e for e in examples.values() if e is not None]
    ns, codes = _read(given)
    assert codes.tolist() == [0] * len(given), [e for e, c in zip(given, codes) if c]
    at = dict(zip(given, ns.tolist()))
    assert at[examples["2024-10-17 08:00 (UTC+8"]] == _UTC_0800 - 8 * _HOUR_NS
    assert at[examples["2024-10-17 08:00 [UTC]"]] == _UTC_0800
    assert at[examples["UTC 2024-10-17 08:00"]] == _UTC_0800
    one = zonetime.time_why("2024-10-17 08:00 +08:0").fields["one"]  # type: ignore[union-attr]
    assert _read([f"2024-10-17 08:00 {one}"])[0].tolist() == [_UTC_0800 - 8 * _HOUR_NS]


def test_rfc_9557s_suffix_is_read_right_after_the_time_only():
    """'08:00[UTC]' reads, as RFC 9557 writes a zone (its suffix follows the time with no space); '08:00 [UTC]'
    was no time with no reason, and stays no time (no writer puts a space there; after an offset, '+08:00
    [Asia/Shanghai]', the brackets only name the offset's zone, which must agree with it, as '+0800 (UTC+8)')."""
    ns, codes = _read(["2024-10-17 08:00[UTC]", "2024-10-17 08:00 [UTC]", "2024-10-17 08:00+08:00 [Asia/Shanghai]"])
    assert codes.tolist() == [0, zonetime.TIME_INVALID, 0]
    assert ns[0] == _UTC_0800 and ns[2] == _UTC_0800 - 8 * _HOUR_NS
    why = zonetime.time_why("2024-10-17 08:00 [UTC]")
    assert why is not None
    assert why.text("en") == "RFC 9557's suffix [UTC] follows the time with no space: write 2024-10-17 08:00[UTC]"
    assert why.text("zh") == "RFC 9557 的后缀 [UTC] 应紧跟时间，不加空格：请写成 2024-10-17 08:00[UTC]"


def test_the_reasons_wording():
    def both(text: str) -> tuple[str, str]:
        why = zonetime.time_why(text)
        assert why is not None, text
        return why.text("en"), why.text("zh")

    assert both("2024-10-17 08:00 UTC+8)") == (
        ") has no (: write both brackets or neither, 2024-10-17 08:00 (UTC+8)",
        ") 缺少对应的 (：括号请成对书写或都不写，如 2024-10-17 08:00 (UTC+8)",
    )
    assert both("2024-10-17 08:00 +08:5") == (
        "the offset +08:5 is written short: +08:05 or +08:50? write its hours and minutes with two digits each",
        "偏移量 +08:5 写得不完整：是 +08:05 还是 +08:50？时和分请各写两位数",
    )
    assert both("UTC 2024-10-17 08:00") == (
        "the zone UTC is written before the date: write it after the time of day, 2024-10-17 08:00 UTC",
        "时区 UTC 写在了日期之前：请写在时刻之后，如 2024-10-17 08:00 UTC",
    )
    assert both("2024-10-17 +08:00") == (
        "the zone +08:00 follows the date 2024-10-17, which gives no time of day: a zone is a time's offset; write "
        "the time of day before it, such as 2024-10-17 00:00 +08:00",
        "时区 +08:00 跟在没有时刻的日期 2024-10-17 之后：时区是时刻的偏移量；请在时区前写出时刻，"
        "如 2024-10-17 00:00 +08:00",
    )
    assert both("Tue Mar 19 08:00:00 +0800 2024 -0400") == (
        "the text gives two zones, +0800 and -0400, which are different offsets, +08:00 and -04:00: the text says "
        "different instants; give the one offset that is right, after the time of day",
        "文本给出了两个时区 +0800 和 -0400，是不同的偏移量 +08:00、-04:00：文本说的是不同的时刻；"
        "请只在时刻之后给出正确的那个偏移量",
    )
    assert both("Tue Mar 19 08:00:00 +0800 2024 +0800")[0] == (
        "the offset +08:00 is written more than once (+0800 and +0800): write it once, such as Tue Mar 19 08:00:00 "
        "+0800 2024"
    )


def test_no_such_reason_where_the_text_written_so_is_no_time_either():
    """A reason says how to write a text only where the text written so is read: else the text keeps its other
    reason, or none."""
    for text in ["hello (x", "2024-13-17 08:00 (UTC+8", "UTC 2024-10-17", "2024-10-17 08:00 +08:00 2024-10-18 -04:00",
                 "x +08:00", "2024-10-17 08:00 +25:0"]:  # fmt: skip
        why = zonetime.time_why(text)
        assert why is None or why.key not in {k for _, k in _CASES}, (text, why.key)
