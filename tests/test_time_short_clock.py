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
