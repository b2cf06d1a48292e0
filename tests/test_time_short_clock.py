"""A time of day whose minutes or seconds are one digit (``08:5``: 08:05 or 08:50?) is no time, with its reason, in
every reading of a column (the ISO 8601 first pass read ``2024-10-17 08:5`` as 08:05 while the value-by-value reading
refused ``2024-10-17 08:5 +08:00``), as an offset written short (``+08:5``) is none."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avzone import zonetime
from avzone.i18n import Message

SHORT = ["2024-10-17 08:5", "2024-10-17 8:5", "2024-10-17T08:5", "2024-10-17 08:05:5", "2024-10-17 08:05:5.5",
         "2024-10-17 08:5+08:00", "2024/10/17 8:5", "2024-10-17 8:5 PM", "2024-10-17 08:5Z"]  # fmt: skip
FINE = ["2024-10-17 08:05", "2024-10-17 8:05", "2024-10-17 08:05:05", "2024-10-17 08:05:05.5", "2024-10-17T08:00:00.5",
        "2024-10-17 08:05+08:00", "2024/10/17 8:05"]  # fmt: skip


@pytest.mark.parametrize("rows", [1, 3_000])  # (alone, and in a column the compiled pass sees first)
def test_a_clock_written_short_is_no_time_in_any_column(rows):
    texts = (SHORT + FINE) * rows
    codes = zonetime.to_ns(pd.Series(texts))[1][: len(SHORT) + len(FINE)]
    assert codes.tolist() == [zonetime.TIME_INVALID] * len(SHORT) + [0] * len(FINE)


def test_its_reason_says_both_readings_in_english_and_chinese():
    why = zonetime.time_why("2024-10-17 08:5")
    assert isinstance(why, Message)
    assert why.text("en") == (
        "the time of day 08:5 is written short: 08:05 or 08:50? write minutes and seconds with two digits"
    )
    assert why.text("zh") == "时刻 08:5 写得不完整：是 08:05 还是 08:50？分和秒请写两位数"
    seconds = zonetime.time_why("2024-10-17 08:05:5")
    assert seconds is not None and "08:05:05 or 08:05:50" in seconds.text("en")
    assert zonetime.time_why("2024-10-17 08:05") is None
    assert np.all(zonetime.to_ns(pd.Series(["2024-10-17 08:00 +08:5"]))[1] == zonetime.TIME_INVALID)


@pytest.mark.parametrize("text", ["2024-10-17 08:0", "2024-10-17 08:00:0", "2024-10-17 8:0 PM"])
def test_a_zero_written_short_is_no_time_its_reason_without_a_choice(text):
    # (08:0 is 08:00 either way: the reason does not ask "08:00 or 08:00?" but says how to write it)
    assert zonetime.to_ns(pd.Series([text] * 3_000))[1][0] == zonetime.TIME_INVALID
    why = zonetime.time_why(text)
    assert why is not None and why.key == "time_clock_short_zero", why
    short = text.split(" ")[1]
    assert why.text("en") == (
        f"the time of day {short} is written short: write minutes and seconds with two digits, such as {short}0"
    )
    assert why.text("zh") == f"时刻 {short} 写得不完整：分和秒请写两位数，如 {short}0"
    assert " or " not in why.text("en") and "还是" not in why.text("zh")
