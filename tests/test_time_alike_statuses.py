"""Alike texts that are no usable time get the same status: a time in year 1 with a zone in brackets and no offset
is out of range, as it is with its offset (it was no time: the zone's offset was looked for past year 1); a clock
written short is no time whatever the year (year 190 with an offset was out of range, without one no time). And
Go's ``+0000 -00`` (tzdata's -00: the local time unknown) is read as UTC, its instant known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avzone import zonetime

_UTC_0800 = int(np.datetime64("2024-10-17T08:00", "ns").astype(np.int64))  # (2024-10-17 08:00 UTC)


def _codes(texts: list[str], rows: int) -> list[int]:
    return zonetime.to_ns(pd.Series(texts * rows))[1][: len(texts)].tolist()


@pytest.mark.parametrize("rows", [1, 3_000])  # (alone, and in a column the compiled pass sees first)
def test_a_zone_in_brackets_far_from_the_years_usable_is_out_of_range_as_its_offset_is(rows):
    far = ["0001-01-01 00:00[Asia/Shanghai]", "0001-01-01 00:00+0800", "0001-01-01T00:00+08:05:43[Asia/Shanghai]",
           "0001-01-01 00:00[Europe/London]", "9999-12-31 23:59[Asia/Shanghai]", "9999-12-31T23:59[UTC]"]  # fmt: skip
    assert _codes(far, rows) == [zonetime.TIME_RANGE] * len(far)
    # (an unknown zone is no time, with its reason, in those years too)
    assert _codes(["0001-01-01 00:00[Asia/Shangai]"], rows) == [zonetime.TIME_INVALID]
    why = zonetime.time_why("0001-01-01 00:00[Asia/Shangai]")
    assert why is not None and why.key == "time_zone_unknown"


@pytest.mark.parametrize("rows", [1, 3_000])
def test_a_clock_written_short_is_no_time_in_years_out_of_range_too(rows):
    texts = ["190-01-01 00:0T0:00 +08:00", "190-01-01 00:0T0:00", "190-01-01 00:0", "190-01-01 00:0 +08:00",
             "Oct 17 190 08:0", "190-01-01 00:00:0", "2024-01-01 00:0T0:00 +08:00"]  # fmt: skip
    assert _codes(texts, rows) == [zonetime.TIME_INVALID] * len(texts)
    for text in texts:
        why = zonetime.time_why(text)
        assert why is not None and why.key == "time_clock_short_zero", (text, why)
    # (written in full, such a year is out of range, with its offset or without)
    assert _codes(["190-01-01 00:00 +08:00", "190-01-01 00:00"], rows) == [zonetime.TIME_RANGE] * 2


@pytest.mark.parametrize("rows", [1, 3_000])
def test_go_s_minus_00_after_a_zero_offset_is_read_as_utc(rows):
    """Go writes a zone whose local time tzdata leaves unknown (its abbreviation "-00", as the Factory zone's) as
    '+0000 -00': the offset 0 says the instant all the same (RFC 9557's -00:00 says the same: UTC, the local offset
    unknown), so it is read, as UTC. Beside another offset, '-00' is an offset that disagrees: no time."""
    texts = ["2024-10-17 08:00:00 +0000 -00", "2024-10-17 08:00:00 +0000 -00 m=+0.000123", "2024-10-17 08:00:00 -00:00",
             "2024-10-17 08:00:00 +0000 +00"]  # fmt: skip
    ns, codes = zonetime.to_ns(pd.Series(texts * rows))
    assert codes[: len(texts)].tolist() == [0] * len(texts)
    assert ns[: len(texts)].tolist() == [_UTC_0800] * len(texts)
    assert _codes(["2024-10-17 08:00:00 +0800 -00"], rows) == [zonetime.TIME_INVALID]
