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


def test_an_object_series_of_arrow_scalars_is_read_as_their_values(model):
    """pd.Series(list(arrow_array), dtype=object) holds Arrow scalars as a list of them does: given as times= its
    timestamps were each 'time not a date/time'. They are read as their values now, as a list's are: a zoned one
    is that instant, a naive one Beijing time, text and numbers as any other (numbers by time_unit=); an object
    index or array of them too, and a Series' index is kept."""
    utc = pd.to_datetime(["2024-03-18T16:00Z", "2024-03-18T15:59Z"])
    want = zonetime.to_ns(list(utc))[0].tolist()
    zoned = pd.Series(list(pa.array(utc, pa.timestamp("s", tz="UTC"))), dtype=object, index=["a", "b"])
    naive = pd.Series(
        list(pa.array(utc.tz_convert("Asia/Shanghai").tz_localize(None), pa.timestamp("s"))), dtype=object
    )
    for times in (zoned, naive, pd.Index(zoned), zoned.to_numpy()):
        ns, codes = zonetime.to_ns(times)
        assert ns.tolist() == want and codes.tolist() == [0, 0], type(times)
    shifted = pd.Series(list(pa.array(utc.tz_localize(None), pa.timestamp("s"))), dtype=object)  # (UTC's clock)
    assert (zonetime.to_ns(shifted)[0] - want).tolist() == [-8 * 3600 * 10**9] * 2  # (naive: Beijing time)
    ns, codes = zonetime.to_ns(pd.Series(list(pa.array(["2024-03-19", None])), dtype=object))
    assert ns[0] == want[0] and codes.tolist() == [0, zonetime.TIME_MISSING]
    ns, codes = zonetime.to_ns(pd.Series(list(pa.array([1710777600, None])), dtype=object), "s")
    assert ns[0] == want[0] and codes.tolist() == [0, zonetime.TIME_MISSING]
    lon = pd.Series([116.6, 116.6], index=["a", "b"])
    lat = pd.Series([39.77, 39.77], index=["a", "b"])  # (in current, not in core: in force at 16:00Z, not 15:59Z)
    got = model.classify(lon, lat, times=zoned, status=True)
    assert got["in_force"].tolist() == [True, False] and got["status"].tolist() == ["ok", "ok"]
    assert got.index.tolist() == ["a", "b"]
    got = model.classify(lon.to_numpy(), lat.to_numpy(), times=naive, status=True)
    assert got["in_force"].tolist() == [True, False] and got["status"].tolist() == ["ok", "ok"]
