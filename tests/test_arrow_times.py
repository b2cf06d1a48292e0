"""Times given as pyarrow arrays: read by their Arrow type, a timestamp's zone kept."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import avzone
from avzone import zonetime
from avzone.errors import InputError


@pytest.fixture(scope="module")
def model():
    return avzone.load()


def test_a_zoned_arrow_timestamp_array_is_read_in_its_zone(model):
    """numpy's view of an Arrow timestamp array drops its zone: times=pa.array(utc_times) (or a table's column, a
    ChunkedArray) were read as naive Beijing time, 8 hours off, with status ok. 2024-03-18T16:00Z is 00:00 on
    19 March in Beijing, when the current stage began; 15:59Z, a minute before, is still core's."""
    utc = pd.Series(pd.to_datetime(["2024-03-18T16:00Z", "2024-03-18T15:59Z"]))
    want, codes = zonetime.to_ns(utc)
    assert codes.tolist() == [0, 0]
    for times in (
        pa.array(utc),
        pa.chunked_array([pa.array(utc)]),
        pa.array(utc).cast(pa.timestamp("s", tz="UTC")),
        pa.array(utc.dt.tz_convert("America/New_York")),
        pa.table({"ts": pa.array(utc)}).column("ts"),
    ):
        ns, codes = zonetime.to_ns(times)
        assert ns.tolist() == want.tolist() and codes.tolist() == [0, 0], times.type
    assert [model.zone_at(t) for t in utc] == ["current", "core"]
    lon, lat = [116.6, 116.6], [39.77, 39.77]  # (in current, not in core: in force at 16:00Z, not at 15:59Z)
    hits = model.classify(lon, lat)
    assert hits["current"].tolist() == [True, True] and hits["core"].tolist() == [False, False]
    got = model.classify(lon, lat, times=pa.array(utc), status=True)
    assert got["in_force"].tolist() == [True, False] and got["status"].tolist() == ["ok", "ok"]
    naive = pa.array(utc.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None))  # (naive: Beijing time, as ever)
    assert zonetime.to_ns(naive)[0].tolist() == want.tolist()


def test_an_arrow_array_is_several_times_for_zone_at_and_at(model):
    """zone_at(pa.array([t])) was read through numpy, which drops a timestamp's zone: 2024-03-18T16:00Z (00:00 on
    19 March in Beijing, current's first moment) answered core. An Arrow array is several times, refused as a
    list or a Series is; its cell, an Arrow scalar, is one time, read in its zone."""
    utc = pd.Timestamp("2024-03-18T16:00Z")
    for when in (pa.array([utc]), pa.chunked_array([pa.array([utc])])):
        with pytest.raises(InputError, match=r"one time is needed here, not a \w+ of 1"):
            model.zone_at(when)
        with pytest.raises(InputError, match=r"at= one time is needed here"):
            model.locate(116.6, 39.77, at=when)
    assert model.zone_at(pa.array([utc])[0]) == model.zone_at(utc) == "current"


def test_a_list_of_arrow_scalars_is_read_as_their_values(model):
    """list(arrow_array) holds Arrow scalars: a list of timestamps was 'not a date/time', and one of text with a
    null stopped with numpy's 'inhomogeneous shape' ValueError. Each is read as its value now."""
    utc = pd.to_datetime(["2024-03-18T16:00Z", "2024-03-18T15:59Z"])
    want = zonetime.to_ns(list(utc))[0].tolist()
    ns, codes = zonetime.to_ns(list(pa.array(utc)))
    assert ns.tolist() == want and codes.tolist() == [0, 0]
    ns, codes = zonetime.to_ns(list(pa.array(["2024-03-19", None])))
    assert ns[0] == want[0] and codes.tolist() == [0, zonetime.TIME_MISSING]
    ns, codes = zonetime.to_ns(list(pa.array([1710777600, None])), "s")
    assert ns[0] == want[0] and codes.tolist() == [0, zonetime.TIME_MISSING]
    got = model.classify([116.6, 116.6], [39.77, 39.77], times=list(pa.array(utc)))
    assert got["in_force"].tolist() == [True, False]
