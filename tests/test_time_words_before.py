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
        assert _read([text], rows)[1].tolist() == [zonetime.TIME_INVALID], text
        why = _why(text)
        assert why.key == "time_name_disagrees" and why.text("en").startswith("the offset +08:00 is not ut's (+00:00)")


# -- Z and an offset in brackets ---------------------------------------------------------------------------------


def test_z_and_an_offset_in_brackets_that_disagree_are_two_offsets():
    for text, offset, other in [
        ("2024-10-17T08:00Z (UTC+8)", "Z", "+08:00"),
        ("2024-10-17T08:00Z (+0800)", "Z", "+08:00"),
        ("2024-10-17T08:00Z (GMT+08:00)", "Z", "+08:00"),
    ]:
        assert _read([text])[1].tolist() == [zonetime.TIME_INVALID], text
        why = _why(text)
        assert why.key == "time_offsets_disagree", (text, why)
        assert why.fields == {"offset": offset, "other": other}, text
    assert _why("2024-10-17T08:00Z (UTC+8)").text("en") == (
        "the offset Z and the offset in brackets after it, +08:00, disagree: the text says two different instants; "
        "give the one offset that is right"
    )
    assert _why("2024-10-17T08:00Z (UTC+8)").text("zh") == (
        "偏移量 Z 与其后括号中的偏移量 +08:00 不一致：文本说的是两个不同的时刻；请只给出正确的那个偏移量"
    )
    # (one that agrees: read)
    assert _read(["2024-10-17T08:00Z (UTC)", "2024-10-17T08:00Z (+00:00)"])[0].tolist() == [_UTC_0800] * 2
