"""The time a point's answer was given for is echoed as the instant used, its fraction of a second kept."""

from __future__ import annotations

import json

import pytest
from common import YIZHUANG_CORE, run_cli

from avzone import zonetime


@pytest.mark.parametrize(
    ("at", "echo", "zone"),
    [
        # the last instant of the core stage: its answer is core, the echo said 23:59:59 (a second before)
        ("2024-03-18T23:59:59.999999999", "2024-03-18T23:59:59.999999999+08:00", "core"),
        ("2024-03-18T15:59:59.5Z", "2024-03-18T23:59:59.5+08:00", "core"),
        ("2024-03-19T00:00:00.250+08:00", "2024-03-19T00:00:00.25+08:00", "current"),
        ("2024-03-19", "2024-03-19T00:00:00+08:00", "current"),
        ("1969-12-31T23:59:59.5Z", "1970-01-01T07:59:59.5+08:00", None),
    ],
)
def test_the_echoed_time_is_the_instant_the_answer_is_for(model, at, echo, zone):
    assert zonetime.beijing_iso(zonetime.instant(at)) == echo
    lon, lat = YIZHUANG_CORE
    got = model.locate(lon, lat, at=at).to_dict()
    assert got["at"] == echo and got["zone_in_force"] == zone
    out = run_cli("locate", str(lon), str(lat), "--at", at, "--json")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["at"] == echo and answer["zone_in_force"] == zone


def test_the_http_answer_echoes_the_instant_as_the_library(model):
    from urllib.parse import quote

    from fastapi.testclient import TestClient

    from avzone.service import create_app

    lon, lat = YIZHUANG_CORE
    at = "2024-03-18T23:59:59.999999999"
    with TestClient(create_app(model)) as client:
        one = client.get(f"/v1/locate?lon={lon}&lat={lat}&at={quote(at)}").json()
        many = client.post(f"/v1/locate?at={quote(at)}", json=[[lon, lat]]).json()
    assert one["at"] == many["at"] == model.locate(lon, lat, at=at).to_dict()["at"] == at + "+08:00"
    assert one["zone_in_force"] == "core"


def test_an_arrow_scalar_is_read_as_its_value(model):
    # a cell of an Arrow column (table["ts"][0]) was "not a date/time (ISO 8601 such as ...)" though it is one
    import datetime as dt

    import pyarrow as pa

    first = zonetime.instant("2024-10-18T00:00:00+08:00")
    for cell in (
        pa.scalar(first, pa.timestamp("ns", tz="Europe/Berlin")),
        pa.scalar(first // 10**6, pa.timestamp("ms", tz="UTC")),
        pa.scalar((first + zonetime.BEIJING_OFFSET_NS) // 10**9, pa.timestamp("s")),  # naive: Beijing time
        pa.scalar(dt.date(2024, 10, 18)),
        pa.scalar("2024-10-18"),
    ):
        assert zonetime.instant(cell) == first, cell
        assert model.zone_at(cell) == "planned"
    lon, lat = YIZHUANG_CORE
    assert model.locate(lon, lat, at=pa.scalar(dt.date(2024, 3, 18))).to_dict()["zone_in_force"] == "core"
    for not_a_time in (pa.scalar(None, pa.timestamp("s")), pa.scalar(1729180800), pa.scalar(3600, pa.time32("s"))):
        with pytest.raises(zonetime.InputError):
            zonetime.instant(not_a_time)
