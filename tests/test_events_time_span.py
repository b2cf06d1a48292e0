"""The events' one pass over a datetime column counts what the column-wide time rules count.

``model.events`` reads a nanosecond datetime column's range check and its
span (``zonetime.TimeSpan.of``: usable times, those in 1990-2099, the first
and the last) in one pass (``events._span_counts``). The tests compare that
span with ``TimeSpan.of`` and the statuses with those of the general time
reader on columns with missing times, times far from the others and columns
all in 1970.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avzone import events as ev
from avzone import zonetime

NAT = np.iinfo(np.int64).min


def _columns() -> list[np.ndarray]:
    rng = np.random.default_rng(3)
    base = np.datetime64("2024-07-01T08:00", "ns").astype(np.int64)
    cols = [base + rng.integers(0, 86_400 * 10**9, 50_000)]
    strays = cols[0].copy()
    strays[rng.choice(strays.size, 40, replace=False)] = rng.integers(0, 10**15, 40)  # (in 1970)
    strays[rng.choice(strays.size, 30, replace=False)] = NAT
    cols.append(strays)
    cols.append(rng.integers(0, 10**14, 9_000))  # (all in 1970: times since a trip's start)
    cols.append(np.full(5, NAT))
    cols.append(np.array([np.datetime64("1989-12-31T23:59:59", "ns").astype(np.int64), base, base + 1]))
    return cols


@pytest.mark.parametrize("offset", [0, zonetime.BEIJING_OFFSET_NS])
def test_the_one_pass_counts_what_the_span_counts(offset):
    for raw in _columns():
        lo, hi = zonetime.time_bounds(1, offset)
        ok, usable, inside, first, last = ev._span_counts(raw, lo, hi, *zonetime.plausible_bounds(offset))
        want = zonetime.TimeSpan.of(raw, np.zeros(0, np.uint8), offset)
        assert ok
        assert (usable, inside) == (want.usable, want.inside)
        if usable:
            assert (first, last) == (want.lo, want.hi)


def test_the_one_pass_finds_a_time_out_of_range():
    raw = _columns()[0].copy()
    lo, hi = zonetime.time_bounds(1, 0)
    raw[123] = hi
    assert not ev._span_counts(raw, lo, hi, *zonetime.plausible_bounds(0))[0]
    raw[123] = NAT  # (missing: not out of range)
    assert ev._span_counts(raw, lo, hi, *zonetime.plausible_bounds(0))[0]


@pytest.mark.parametrize("tz", [None, "Asia/Shanghai", "UTC"])
def test_datetime_columns_get_the_statuses_of_the_general_reader(tz):
    for raw in _columns():
        times = pd.Series(pd.to_datetime(raw, unit="ns"), name="ts")
        if tz is not None:
            times = times.dt.tz_localize(tz)
        got, offset, got_codes = ev._raw_times(times)
        ns, codes = zonetime.to_ns(times, None, "ts")
        # (the events' reader leaves NaT without a code: missing, as the general reader's code says)
        missing = raw == NAT
        np.testing.assert_array_equal(got == NAT, missing)
        got_codes = got_codes if got_codes.size else np.zeros(raw.size, np.uint8)
        want_codes = codes if codes.size else np.zeros(raw.size, np.uint8)
        np.testing.assert_array_equal(got_codes[~missing], want_codes[~missing])
        ok = ~missing & (want_codes == 0)
        np.testing.assert_array_equal(got[ok] - offset, ns[ok])
        if raw is not None and (raw[raw != NAT] < 10**15).sum() == 40:  # (the column with strays: they are marked)
            assert (got_codes == zonetime.TIME_STRAY).sum() == 40
