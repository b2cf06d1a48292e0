"""POST /v1/events: the library's events over HTTP, limits and errors.

The answers are compared whole with what ``model.events`` gives for the same
fixes (and ``avzone events`` for a file of them): every event (id, zone,
kind, time with its offset, position, fixes around it, gap), every summary
row, and one status per fix. Malformed bodies get the 4xx answers of the
other POST endpoint, in the same shape, never a 500.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from common import json_cell as _plain
from common import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import avzone
from avzone.crs import from_wgs84, wgs84_to_bd09
from avzone.fleet import synthetic_fleet
from avzone.service import create_app
from avzone.zonetime import TIME_INVALID, TIME_TEXT

from .conftest import SMALL_BODY, SMALL_POINTS, conforms

TRIP = [[116.42, 39.79, "2024-07-01T08:00:00"], [116.46, 39.79, "2024-07-01T08:04:00"]]
NOT_A_TIME = TIME_TEXT[TIME_INVALID]


def library_answer(model: avzone.Model, body: dict[str, Any], **options: Any) -> dict[str, Any]:
    """What POST /v1/events should answer for ``body``: ``model.events`` on its fixes, one row per fix."""
    rows, where = [], []
    for i, traj in enumerate(body["trajectories"]):
        for j, (x, y, t) in enumerate(traj["fixes"]):
            rows.append((traj["id"], t, x, y))
            where.append([i, j])
    frame = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    res = model.events(frame, **options)
    events = []
    for r in res.events.to_dict("records"):
        e = {k: _plain(v) for k, v in r.items()}
        e["row_before"], e["row_after"] = where[r["row_before"]], where[r["row_after"]]
        events.append(e)
    status = res.rows["status"].astype(str).tolist()
    return {
        "count": len(rows),
        "ok": status.count("ok"),
        "events": events,
        "summary": [{k: _plain(v) for k, v in r.items()} for r in res.summary.to_dict("records")],
        "fixes": [
            {"trajectory": i, "fix": j, "status": s, "used": bool(u)}
            for (i, j), s, u in zip(where, status, res.rows["used"].tolist())
        ],
    }


def fleet_body(
    model: avzone.Model, *, gcj02: bool = False, bd09: bool = False, gcj02merc: bool = False
) -> dict[str, Any]:
    """A synthetic fleet as a request body: Chinese ids, times naive / UTC / +08:00, and hostile fixes."""
    fleet = synthetic_fleet(model, 6, 80, seed=11, gap_probability=0.03, gcj02=gcj02)
    if bd09:
        lon, lat = wgs84_to_bd09(fleet.lon.to_numpy(), fleet.lat.to_numpy())
        fleet = fleet.assign(lon=lon, lat=lat)
    if gcj02merc:  # GCJ-02 Web Mercator metres (Amap/Tencent tiles)
        x, y = from_wgs84(fleet.lon.to_numpy(), fleet.lat.to_numpy(), "gcj02merc")
        fleet = fleet.assign(lon=x, lat=y)
    trajs = []
    for k, (vid, g) in enumerate(fleet.groupby("vehicle", sort=False)):
        ts = pd.to_datetime(g.ts)
        if k == 0:  # UTC
            times = [(t - pd.Timedelta(hours=8)).isoformat() + "Z" for t in ts]
        elif k == 1:  # with Beijing's offset
            times = [t.isoformat() + "+08:00" for t in ts]
        elif k == 2:  # naive, with a space
            times = [str(t) for t in ts]
        else:
            times = [t.isoformat() for t in ts]
        fixes = [[float(x), float(y), t] for x, y, t in zip(g.lon, g.lat, times)]
        trajs.append({"id": f"京A·{vid}", "fixes": fixes})
    bad = trajs[3]["fixes"]
    x, y, t = bad[5]
    bad += [
        [None, y, t],  # missing lon
        [x, "x", t],  # lat not a number
        [x, y, None],  # missing time
        [x, y, ""],  # blank time
        [x, y, "soon"],  # not a time
        [x, y, "2500-01-01T00:00:00"],  # out of range
        list(bad[5]),  # duplicate
        [x + 0.001, y, t],  # same time, another position
        [x, 95.0, "2024-07-01T12:00:00"],  # latitude out of range
    ]
    trajs.append({"id": "单点", "fixes": [[x, y, t]]})  # one fix: no segment
    trajs.append({"id": None, "fixes": [[x, y, t], [x, y + 0.01, "2024-07-01T08:30:00"]]})  # missing id
    return {"trajectories": trajs}


def _post(client: Any, body: Any, **params: Any) -> Any:
    return client.post("/v1/events", params=params, content=json.dumps(body, ensure_ascii=False).encode())


def _strict_json(text: str) -> Any:
    def refuse(token: str) -> Any:
        raise AssertionError(f"{token} in the answer: not JSON")

    return json.loads(text, parse_constant=refuse)


# -- the library's answers ----------------------------------------------------------------------------------
OPTIONS = [
    pytest.param({}, {}, id="defaults"),
    pytest.param({"max_gap_s": 60}, {"max_gap_s": 60}, id="max_gap_s"),
    pytest.param({"max_gap_m": 150}, {"max_gap_m": 150}, id="max_gap_m"),
    pytest.param(
        {"max_gap_s": 0, "max_gap_m": 0},
        {"max_gap_s": None, "max_gap_m": None},
        id="no-limits",
    ),
    pytest.param(
        {"zones": "planned,current"},
        {"zones": ["planned", "current"]},
        id="zones",
    ),
    pytest.param(
        {"tolerance_m": 0.05},
        {"tolerance_m": 0.05},
        id="tolerance_m",
    ),
]


@pytest.mark.parametrize(("params", "options"), OPTIONS)
def test_fleet_answer_is_the_library_answer(client, openapi, model, params, options):
    body = fleet_body(model)
    r = _post(client, body, **params)
    answer = conforms(openapi, "/v1/events", "post", r)
    assert answer.pop("crs") == "EPSG:4326"
    expected = library_answer(model, body, **options)
    assert answer == expected
    gaps = options.get("max_gap_s", 1) is not None
    assert {e["event"] for e in answer["events"]} == ({"enter", "exit", "gap"} if gaps else {"enter", "exit"})
    follow = options.get("zones") or model.zone_layers
    assert [row["zone"] for row in answer["summary"][: len(follow)]] == follow
    statuses = {f["status"] for f in answer["fixes"]}
    assert {"missing lon", "lat not a number", "missing time", NOT_A_TIME, "missing vehicle id"} <= statuses
    assert "the vehicle's only usable fix: no segment" in statuses
    assert any(s.startswith("duplicate fix") for s in statuses) and any(s.startswith("same time") for s in statuses)
    assert all(e["time"].endswith("+08:00") for e in answer["events"])


@pytest.mark.parametrize("crs", ["gcj02", "bd09", "gcj02merc"])
def test_fleet_in_chinese_coordinates(client, openapi, model, crs):
    body = fleet_body(model, gcj02=crs == "gcj02", bd09=crs == "bd09", gcj02merc=crs == "gcj02merc")
    answer = conforms(openapi, "/v1/events", "post", _post(client, body, crs=crs, max_gap_m=2000))
    assert answer.pop("crs") == crs
    assert answer == library_answer(model, body, crs=crs, max_gap_m=2000)
    assert any(e["event"] == "enter" for e in answer["events"])


def test_events_crs_bd09mc_refused(client):
    r = _post(client, fleet_body(model=avzone.load()), crs="bd09mc")
    assert r.status_code == 422
    assert r.json()["detail"].startswith("crs: coordinate reference system 'bd09mc' cannot be used: it names Baidu's")


def test_fleet_answer_is_the_cli_answer(client, model, tmp_path: Path):
    body = fleet_body(model)
    rows = [
        {"vehicle": t["id"], "ts": ts, "lon": x, "lat": y, "at": [i, j]}
        for i, t in enumerate(body["trajectories"])
        for j, (x, y, ts) in enumerate(t["fixes"])
        if t["id"] is not None
    ]
    body["trajectories"] = [t for t in body["trajectories"] if t["id"] is not None]
    src, out = tmp_path / "fixes.csv", tmp_path / "events.csv"
    pd.DataFrame(rows).drop(columns="at").to_csv(src, index=False)
    cli = run_cli("events", "--input", str(src), "--output", str(out), "--zones", "current", "--max-gap-s", "90")
    assert cli.returncode == 0, cli.stderr
    files = pd.read_csv(out, keep_default_na=False)
    events = _post(client, body, zones="current", max_gap_s=90).json()["events"]
    assert len(events) == len(files) > 0
    for e, f in zip(events, files.to_dict("records")):
        assert (e["id"], e["zone"], e["event"]) == (f["id"], f["zone"], f["event"])
        assert pd.Timestamp(e["time"]) == pd.Timestamp(f["time"])
        assert e["row_before"] == rows[f["row_before"]]["at"] and e["row_after"] == rows[f["row_after"]]["at"]
        if e["event"] == "gap":
            assert e["lon"] is None and f["lon"] == "" and e["gap_s"] == pytest.approx(float(f["gap_s"]))
        else:
            assert (e["lon"], e["lat"]) == (pytest.approx(float(f["lon"])), pytest.approx(float(f["lat"])))


def test_events_answer_matches_the_library(client, openapi, model):
    body = {
        "trajectories": [
            {"id": "car-7", "fixes": [*TRIP, [116.42, 39.79, "2024-07-01T08:08:00"]]},
            {"id": 8, "fixes": [[116.46, 39.79, "2024-07-01T08:00:00+08:00"], [None, 39.79, "2024-07-01T08:01:00"]]},
            {"id": "late", "fixes": [[116.46, 39.79, "soon"]]},
        ]
    }
    r = client.post("/v1/events", json=body)
    answer = conforms(openapi, "/v1/events", "post", r)
    assert answer["count"] == 6 and answer["ok"] == 3
    assert [(e["id"], e["zone"], e["event"]) for e in answer["events"] if e["zone"] == "current"] == [
        ("car-7", "current", "enter"),
        ("car-7", "current", "exit"),
    ]
    enter = next(e for e in answer["events"] if e["zone"] == "current")
    assert enter["row_before"] == [0, 0] and enter["row_after"] == [0, 1] and enter["time"].endswith("+08:00")
    frame = pd.DataFrame(
        [(t, *f) for t, f in (("car-7", TRIP[0]), ("car-7", TRIP[1]))], columns=["vehicle", "lon", "lat", "ts"]
    )
    lib = model.events(frame, zones=["current"]).events
    assert abs(lib.lon.iloc[0] - enter["lon"]) < 1e-9
    statuses = [(f["trajectory"], f["fix"], f["status"]) for f in answer["fixes"]]
    assert statuses[4] == (1, 1, "missing lon") and statuses[5][2].startswith("time not a date/time")
    assert statuses[3][2] == "the vehicle's only usable fix: no segment"
    summary = {(s["id"], s["zone"]): s for s in answer["summary"]}
    assert summary[("car-7", "current")]["exits"] == 1


def test_numbers_are_not_times(client, model):
    body = {
        "trajectories": [
            {"id": "a", "fixes": [[116.42, 39.79, 20240701], [116.46, 39.79, 20240702], [116.44, 39.79, 1719792000]]},
            {"id": "b", "fixes": [[116.42, 39.79, True], [116.46, 39.79, ["2024-07-01"]], *TRIP]},
        ]
    }
    answer = _post(client, body).json()
    number = "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)"
    assert [f["status"] for f in answer["fixes"]] == [number] * 3 + [NOT_A_TIME] * 2 + ["ok", "ok"]
    seconds = _post(client, body, time_unit="s").json()  # 20240701 s is in 1970: in range; true and a list not
    assert [f["status"] for f in seconds["fixes"]][3:5] == [NOT_A_TIME] * 2
    answer.pop("crs")
    assert answer == library_answer(model, body)
    assert [(e["id"], e["event"]) for e in answer["events"] if e["zone"] == "current"] == [("b", "enter")]


def test_gaps_have_no_position_and_the_answer_is_strict_json(client):
    r = _post(client, {"trajectories": [{"id": "g", "fixes": TRIP}]}, max_gap_s=60)
    answer = _strict_json(r.text)
    gaps = [e for e in answer["events"] if e["event"] == "gap"]
    assert gaps and all(e["lon"] is None and e["lat"] is None and e["gap_s"] == 240.0 for e in gaps)
    one = _strict_json(_post(client, {"trajectories": [{"id": "g", "fixes": TRIP[:1]}]}).text)
    assert one["summary"][0]["share_of_time"] is None and one["fixes"][0]["used"] is True


# -- options ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"zones": "nowhere"}, ["zones", "'nowhere' is not a zone layer", "current"]),
        ({"zones": "current,"}, ["zones", "'' is not a zone layer"]),
        ({"zones": "current,current"}, ["zones", "'current' is given twice"]),
        ({"tolerance_m": 0}, ["tolerance_m", "greater than or equal to 0.001"]),
        ({"tolerance_m": "inf"}, ["tolerance_m", "finite"]),
        ({"tolerance_m": "nan"}, ["tolerance_m"]),
        # a bracket of a kilometre or more is no crossing (it was the segment's midpoint, reported as the
        # crossing); below a millimetre the search gains nothing but halvings (a subnormal one overflowed them)
        ({"tolerance_m": "1e6"}, ["tolerance_m", "less than or equal to 1000"]),
        ({"tolerance_m": "1000.5"}, ["tolerance_m", "less than or equal to 1000"]),
        ({"tolerance_m": "1e-300"}, ["tolerance_m", "greater than or equal to 0.001"]),
        ({"tolerance_m": "5e-324"}, ["tolerance_m", "greater than or equal to 0.001"]),
        ({"max_gap_s": -1}, ["max_gap_s", "must be a positive number, or 0 or inf for no limit, got '-1'"]),
    ],
)
def test_bad_options_are_422_naming_them(client, openapi, params, words):
    r = _post(client, {"trajectories": [{"id": "a", "fixes": TRIP}]}, **params)
    detail = conforms(openapi, "/v1/events", "post", r)["detail"]
    assert r.status_code == 422
    for w in words:
        assert w in detail


@pytest.mark.parametrize("params", [{"max_gap_m": "nan"}, {"max_gap_s": "nan"}, {"max_gap_s": "x"}, {"crs": "+init=x"}])
def test_bad_limits_and_crs_are_422(client, openapi, params):
    r = _post(client, {"trajectories": [{"id": "a", "fixes": TRIP}]}, **params)
    assert r.status_code == 422
    assert next(iter(params)) in conforms(openapi, "/v1/events", "post", r)["detail"]


def test_a_zone_listed_twice_is_refused_by_the_library(model):
    frame = pd.DataFrame(
        {"vehicle": ["a", "a"], "ts": [t for *_, t in TRIP], "lon": [116.42, 116.46], "lat": [39.79] * 2}
    )
    with pytest.raises(avzone.InputError, match="'current' is given twice"):
        model.events(frame, zones=["current", "current"])


# -- malformed bodies -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["body is empty"]),
        (b"{", ["not valid JSON"]),
        (b"hello", ["not valid JSON"]),
        (b"\xff\xfe", ["body is UTF-16 or UTF-32, not UTF-8 (byte 0xff at position 0"]),  # (a UTF-16 BOM alone)
        (b"[" * 50_000 + b"]" * 50_000, ["body is nested too deeply to read"]),
        (b'{"trajectories": [{"id": "a", "fixes": [[NaN, 39.79, "2024-07-01"]]}]}', ["NaN is not valid JSON"]),
        (b'{"trajectories": [{"id": "a", "fixes": [[Infinity, 39.79, "2024-07-01"]]}]}', ["Infinity"]),
        (b'{"trajectories": [{"id": -Infinity, "fixes": []}]}', ["-Infinity"]),
        (b"[[116.4, 39.8]]", ['body must be {"trajectories"']),
        (b"null", ['body must be {"trajectories"']),
        (b'{"trajectories": null}', ['body must be {"trajectories"', "(got"]),
        (b'{"trajectories": {"id": "a"}}', ['body must be {"trajectories"']),
        (b'{"trajectories": [null]}', ["body.trajectories[0] must be an object"]),
        (b'{"trajectories": [{"id": "a", "fixes": null}]}', ["body.trajectories[0]", '"fixes"']),
        (b'{"trajectories": [{"id": "a", "fixes": [null]}]}', ["body.trajectories[0].fixes[0] is not a [lon, lat"]),
        (b'{"trajectories": [{"id": "a", "fixes": [[1, 2]]}]}', ["body.trajectories[0].fixes[0] is not a [lon, lat"]),
        (b'{"trajectories": [{"id": [1], "fixes": []}]}', ["body.trajectories[0].id must be a string or a"]),
        (b'{"trajectories": [{"id": true, "fixes": []}]}', ["body.trajectories[0].id must be a string or a"]),
    ],
)
def test_malformed_bodies_are_422_naming_the_item(client, openapi, content, words):
    r = client.post("/v1/events", content=content, headers={"content-type": "application/json"})
    detail = conforms(openapi, "/v1/events", "post", r)["detail"]
    assert r.status_code == 422, r.text
    for w in words:
        assert w in detail


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"trajectories": [{"id": 1e400, "fixes": []}]}', ["body.trajectories[0].id", "finite"]),
        (
            b'{"trajectories": [{"id": 1, "fixes": []}, {"fixes": []}]}',
            ['body.trajectories[1] has no "id", and its number 1 is the id of body.trajectories[0]', "null"],
        ),
        (
            b'{"trajectories": [{"fixes": []}, {"id": "a", "fixes": []}, {"id": 3.0, "fixes": []}, {"fixes": []}]}',
            ['body.trajectories[3] has no "id", and its number 3 is the id of body.trajectories[2]'],
        ),
        (  # (the number 1 and the text "1" would be two vehicles written alike)
            b'{"trajectories": [{"id": "1", "fixes": []}, {"fixes": []}]}',
            ['body.trajectories[1] has no "id", and its number 1 is the id of body.trajectories[0]'],
        ),
        (
            b'{"trajectories": [{"id": 1, "fixes": [[116.4, 39.8, "2024-07-01 08:00"]]}, '
            b'{"id": "1", "fixes": [[116.5, 39.8, "2024-07-01 08:01"]]}]}',
            ["vehicle ids 1 and '1' are different values written the same (1)"],
        ),
        (b'{"trajectories": [{"ID": "a", "fixes": []}]}', ["body.trajectories[0]", "'ID'", "id and fixes"]),
        (b'{"trajectories": [], "max_gap_s": 60}', ["body", "'max_gap_s'", "query parameter"]),
    ],
)
def test_ids_and_keys_are_not_guessed(client, openapi, content, words):
    r = client.post("/v1/events", content=content)
    detail = conforms(openapi, "/v1/events", "post", r)["detail"]
    assert r.status_code == 422, r.text
    for w in words:
        assert w in detail


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_option_put_in_the_body_is_refused_naming_every_option_the_query_takes(client, openapi, lang):
    # the refusal listed crs, max_gap_s, max_gap_m, zones and tolerance_m as the query parameters, but not time_unit,
    # which the endpoint takes too: {"trajectories": [...], "time_unit": "s"} was told to move it nowhere
    declared = [
        p["name"]
        for p in openapi["paths"]["/v1/events"]["post"]["parameters"]
        if p["in"] == "query" and p["name"] != "lang"
    ]
    assert "time_unit" in declared
    for name in declared:
        body = json.dumps({"trajectories": [], name: "s"}).encode()
        r = client.post("/v1/events", params={"lang": lang}, content=body)
        detail = conforms(openapi, "/v1/events", "post", r)["detail"]
        assert r.status_code == 422, r.text
        listed = detail.rsplit("(", 1)[-1] if lang == "en" else detail.rsplit("（", 1)[-1]
        for option in declared:
            assert option in listed, (name, detail)


def test_trajectories_without_an_id_are_numbered(client, model):
    body = {"trajectories": [{"fixes": TRIP}, {"id": "1", "fixes": TRIP}, {"fixes": TRIP}, {"id": None, "fixes": TRIP}]}
    answer = _post(client, body).json()
    assert [s["id"] for s in answer["summary"] if s["zone"] == "current"] == [0, "1", 2]
    assert [f["status"] for f in answer["fixes"]] == ["ok"] * 6 + ["missing vehicle id"] * 2
    numbered = {"trajectories": [{**t, "id": t.get("id", i)} for i, t in enumerate(body["trajectories"])]}
    answer.pop("crs")
    assert answer == library_answer(model, numbered)


def test_hostile_values_inside_fixes_are_statuses(client, openapi):
    t = TRIP[0][2]
    fixes = [
        [10**400, 39.79, t],
        ["1e400 here", 39.79, t],
        [{"a": None}, [None], t],
        [True, 39.79, t],
        ["116.42", "39.79", t],
        [None, None, None],
    ]
    content = json.dumps({"trajectories": [{"id": "h", "fixes": fixes}]}).replace('"1e400 here"', "1e400")
    r = client.post("/v1/events", content=content)  # (1e400 is valid JSON, read as infinity)
    answer = conforms(openapi, "/v1/events", "post", r)
    assert [f["status"] for f in answer["fixes"]] == [
        "lon not finite",
        "lon not finite",
        "lon not a number; lat not a number",
        "lon not a number",
        "the vehicle's only usable fix: no segment",
        "missing lon; missing lat",
    ]


def test_times_and_coordinates_json_cannot_encode_are_statuses(client, openapi):
    """A lone surrogate (a JSON escape) as a time or coordinate, and an integer beyond 64 bits as a time."""
    t = TRIP[0][2]
    content = (
        '{"trajectories": [{"id": "s", "fixes": [[116.42, 39.79, "\\ud800"], ["\\ud800", 39.79, "' + t + '"], '
        '[116.42, 39.79, -9223372036854775809], [116.43, 39.79, "' + TRIP[1][2] + '"]]}]}'
    )
    answer = conforms(openapi, "/v1/events", "post", client.post("/v1/events", content=content))
    invalid = "time not a date/time (ISO 8601 such as 2024-06-01T08:30:00; naive times are Beijing time)"
    number = "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)"
    assert [f["status"] for f in answer["fixes"]] == [
        invalid,
        "lon not a number",
        number,
        "the vehicle's only usable fix: no segment",
    ]
    with_unit = conforms(openapi, "/v1/events", "post", client.post("/v1/events?time_unit=s", content=content))
    far = "time outside the years 1900 to 2189, Beijing time (what avzone measures in nanoseconds)"
    assert with_unit["fixes"][2]["status"] == far


#: TRIP's times (naive: Beijing time) as Unix epoch times in each unit.
TRIP_EPOCH = {
    unit: [int(pd.Timestamp(f[2], tz="+08:00").value) // per for f in TRIP]
    for unit, per in (("s", 10**9), ("ms", 10**6), ("us", 10**3), ("ns", 1))
}


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_time_unit_reads_numbers_as_epoch_times(client, openapi, model, unit):
    want = conforms(openapi, "/v1/events", "post", _post(client, {"trajectories": [{"id": "a", "fixes": TRIP}]}))
    assert [e["event"] for e in want["events"]] and want["ok"] == 2
    numbers = [[x, y, t] for (x, y, _), t in zip(TRIP, TRIP_EPOCH[unit])]
    body = {"trajectories": [{"id": "a", "fixes": numbers}]}
    got = conforms(openapi, "/v1/events", "post", _post(client, body, time_unit=unit))
    assert got == want
    mixed = {"trajectories": [{"id": "a", "fixes": [numbers[0], TRIP[1]]}]}  # a number and ISO text together
    assert conforms(openapi, "/v1/events", "post", _post(client, mixed, time_unit=unit)) == want
    as_text = [[x, y, str(t)] for x, y, t in numbers]  # numbers as text
    assert conforms(openapi, "/v1/events", "post", _post(client, {"trajectories": [{"id": "a", "fixes": as_text}]},
                                                          time_unit=unit)) == want  # fmt: skip
    assert {k: v for k, v in got.items() if k != "crs"} == library_answer(model, body, time_unit=unit)
    plain = conforms(openapi, "/v1/events", "post", _post(client, body))
    number = "time is a number: give its unit (time_unit / --time-unit s, ms, us or ns since 1970-01-01 UTC)"
    assert plain["events"] == [] and [f["status"] for f in plain["fixes"]] == [number, number]


def test_time_unit_fractions_of_a_second(client, openapi):
    fixes = [[x, y, t + 0.5] for (x, y, _), t in zip(TRIP, TRIP_EPOCH["s"])]
    got = conforms(openapi, "/v1/events", "post", _post(client, {"trajectories": [{"id": "a", "fixes": fixes}]},
                                                        time_unit="s"))  # fmt: skip
    want = conforms(openapi, "/v1/events", "post", _post(client, {"trajectories": [{"id": "a", "fixes": TRIP}]}))
    assert got["summary"][0]["start"] != want["summary"][0]["start"]
    assert pd.Timestamp(got["summary"][0]["start"]) - pd.Timestamp(want["summary"][0]["start"]) == pd.Timedelta(
        milliseconds=500
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "query parameter 'time_unit' must be one of s, ms, us, ns, got 'sec'"),
        ("zh", "查询参数 'time_unit' 必须是 s、ms、us、ns 之一，收到的是 'sec'"),
    ],
)
def test_an_unknown_time_unit_is_422_in_either_language(client, openapi, lang, words):
    r = _post(client, {"trajectories": [{"id": "a", "fixes": TRIP}]}, time_unit="sec", lang=lang)
    detail = conforms(openapi, "/v1/events", "post", r)["detail"]
    assert r.status_code == 422 and r.headers["content-language"] == lang
    assert detail == words and r.json()["errors"][0]["loc"] == ["query", "time_unit"]


def test_content_types_and_empty_lists_as_for_locate(client):
    body = json.dumps({"trajectories": [{"id": "a", "fixes": TRIP}]})
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "application/geo+json"):
        r = client.post("/v1/events", content=body, headers={"content-type": ctype})
        assert r.status_code == 200 and r.json()["count"] == 2  # (read as JSON: test_content_type.py)
        assert client.post("/v1/locate", content="[[116.5, 39.79]]", headers={"content-type": ctype}).status_code == 200
    form = client.post("/v1/events", data={"trajectories": "x"})
    assert form.status_code == 422 and "not valid JSON" in form.json()["detail"]
    empty = client.post("/v1/events", json={"trajectories": []})
    assert empty.status_code == 200
    assert empty.json() == {"crs": "EPSG:4326", "count": 0, "ok": 0, "events": [], "summary": [], "fixes": []}
    no_fixes = client.post("/v1/events", json={"trajectories": [{"id": "a", "fixes": []}]}).json()
    assert (no_fixes["count"], no_fixes["summary"], no_fixes["fixes"]) == (0, [], [])


# -- bounded fuzzing -----------------------------------------------------------------------------------------
_time = st.one_of(
    st.none(),
    st.integers(),
    st.booleans(),
    st.sampled_from(["", "soon", "2500-01-01T00:00:00", "2024-07-01 08:00:00.123456789"]),
    st.builds(
        lambda s, zone: (pd.Timestamp("2024-07-01T08:00:00") + pd.Timedelta(seconds=s)).isoformat() + zone,
        st.integers(0, 7200),
        st.sampled_from(["", "Z", "+08:00", "-05:30"]),
    ),
)
_coordinate = st.one_of(st.none(), st.booleans(), st.text(max_size=4), st.integers(-(10**30), 10**30), st.floats())
_fix = st.tuples(
    st.one_of(st.floats(116.3, 116.8), _coordinate), st.one_of(st.floats(39.6, 40.0), _coordinate), _time
).map(list)
_trajectory = st.fixed_dictionaries(
    {
        "id": st.one_of(st.none(), st.sampled_from(["京A", "b"]), st.integers(-3, 3), st.just(2**70)),
        "fixes": st.lists(_fix, max_size=6),
    }
)


def _json_safe(v: Any) -> bool:
    if isinstance(v, float):
        return math.isfinite(v)
    if isinstance(v, list):
        return all(_json_safe(x) for x in v)
    if isinstance(v, dict):
        return all(_json_safe(x) for x in v.values())
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trajs=st.lists(_trajectory, max_size=4), max_gap_s=st.sampled_from([0, 30, 600]))
def test_fuzz_fixes_answer_as_the_library(client, openapi, model, trajs, max_gap_s):
    body = {"trajectories": trajs}
    if not _json_safe(body):
        return
    answer = conforms(openapi, "/v1/events", "post", _post(client, body, max_gap_s=max_gap_s))
    answer.pop("crs")
    for f in answer["fixes"]:  # (a value's reason: batch.value_why's, the library's rows have no such column)
        if "why" in f:
            assert f["why"].startswith(_reasons(trajs[f["trajectory"]]["fixes"][f["fix"]])), f
            del f["why"]
    assert answer == library_answer(model, body, max_gap_s=max_gap_s or None)


def _reasons(fix: list[Any]) -> tuple[str, ...]:
    """What a fix's ``why`` may begin with: the reason of one of its values (:func:`avzone.rowexamples.value_why`)."""
    from avzone.i18n import Message, Quoted
    from avzone.rowexamples import EXAMPLE_CHARS, value_why

    said = []
    for column, how, value in zip(("lon", "lat", "time"), ("number", "number", "time"), fix, strict=True):
        if (why := value_why(how, value)) is not None:
            said.append(Message("example_value_why", column=column, value=Quoted.of(value, EXAMPLE_CHARS), why=why))
    return tuple(m.text("en") for m in said)


_anything = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["id", "fixes", "x"]), inner)),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.one_of(_anything, st.fixed_dictionaries({"trajectories": st.lists(_anything, max_size=3)})))
def test_fuzz_any_body_is_200_or_422(client, openapi, doc):
    if not _json_safe(doc):
        return
    r = _post(client, doc)
    conforms(openapi, "/v1/events", "post", r)
    assert r.status_code in (200, 422)


# -- limits ---------------------------------------------------------------------------------------------------
def test_events_errors_and_limits(client, small, openapi):
    bad = client.post("/v1/events", json={"trajectories": [{"id": "a", "fixes": [[116.4, 39.8]]}]})
    assert bad.status_code == 422
    assert (
        "trajectories[0].fixes[0] is not a [lon, lat, time] triple"
        in conforms(openapi, "/v1/events", "post", bad)["detail"]
    )
    assert client.post("/v1/events", json=[[116.4, 39.8]]).status_code == 422
    assert client.post("/v1/events", content=b"{").status_code == 422
    assert client.post("/v1/events", params={"max_gap_s": "x"}, json={"trajectories": []}).status_code == 422
    many = {"trajectories": [{"id": "a", "fixes": [TRIP[0]] * (SMALL_POINTS + 1)}]}
    r = small.post("/v1/events", json=many)
    assert r.status_code == 413 and "max_points=5" in conforms(openapi, "/v1/events", "post", r)["detail"]
    spread = {"trajectories": [{"id": i, "fixes": [TRIP[0]]} for i in range(SMALL_POINTS + 1)]}
    r = small.post("/v1/events", json=spread)
    assert r.status_code == 413 and "too many fixes: 6 in the body" in r.json()["detail"]
    at_limit = {"trajectories": [{"id": i, "fixes": [TRIP[0]]} for i in range(SMALL_POINTS)]}
    assert small.post("/v1/events", json=at_limit).json()["count"] == SMALL_POINTS


def test_events_body_limit(small, openapi):
    body = json.dumps({"trajectories": [{"id": "a" * SMALL_BODY, "fixes": []}]}).encode()
    r = small.post("/v1/events", content=body)
    assert r.status_code == 413
    detail = conforms(openapi, "/v1/events", "post", r)["detail"]
    assert "max_body_bytes=2000" in detail and "Content-Length" in detail
    chunked = small.post("/v1/events", content=iter([body[:1000], body[1000:]]))
    assert chunked.status_code == 413 and "max_body_bytes=2000" in chunked.json()["detail"]


def test_large_events_bodies_queue_like_large_locate_bodies(model, openapi):
    from fastapi.testclient import TestClient

    from avzone.service.common import HEAVY_BODY_BYTES, HEAVY_QUEUE, HEAVY_WORKERS

    responses = openapi["paths"]["/v1/events"]["post"]["responses"]
    assert {"408", "413", "422", "503"} <= set(responses)
    large = {"trajectories": [{"id": i, "fixes": TRIP} for i in range(HEAVY_BODY_BYTES // 100)]}
    assert len(json.dumps(large)) > HEAVY_BODY_BYTES
    app = create_app(model)
    app.state.avzone.heavy_pending = HEAVY_WORKERS + HEAVY_QUEUE  # as if that many were running or waiting
    with TestClient(app) as c:
        r = c.post("/v1/events", content=json.dumps(large))
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        assert "busy" in conforms(openapi, "/v1/events", "post", r)["detail"]
        assert c.post("/v1/events", json={"trajectories": [{"id": "a", "fixes": TRIP}]}).status_code == 200
        app.state.avzone.heavy_pending = 0
        assert c.post("/v1/events", content=json.dumps(large)).json()["count"] == 2 * len(large["trajectories"])


def test_create_app_states_the_events_limits(openapi):
    assert "POST /v1/events" in openapi["info"]["description"]


# -- GET /v1/locate?at= -----------------------------------------------------------------------------------------
def test_locate_at_a_date(client, openapi):
    sub_center = (116.715, 39.905)  # in the 600 km² zone, not in the 160 km² zone
    early = conforms(
        openapi,
        "/v1/locate",
        "get",
        client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2024-03-01"}),
    )
    assert early["zone_in_force"] == "core" and early["in_force"] is False and early["in_force_status"] == "ok"
    late = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2024-11-01"}).json()
    assert late["zone_in_force"] == "planned" and late["in_force"] is True
    before = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2020-01-01"}).json()
    assert before["in_force"] is False and before["in_force_status"].startswith("no zone in force on 2020-01-01")
    bad = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "someday"})
    assert bad.status_code == 422 and "not a date/time" in conforms(openapi, "/v1/locate", "get", bad)["detail"]
    plain = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1]}).json()
    assert "in_force" not in plain


def test_locate_at_a_month_is_refused_naming_its_days(client, openapi):
    # 2024-06 was read as 1 June: a month may hold two stages (the stage in force changed on 18 October 2024)
    sub_center = (116.715, 39.905)
    want = "query parameter 'at': '2024-06': a month or year without its day is not a time"
    got = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2024-06"})
    assert got.status_code == 422
    assert conforms(openapi, "/v1/locate", "get", got)["detail"].startswith(want)
    assert "2024-06-01 to 2024-06-30" in got.json()["detail"]
    posted = client.post("/v1/locate", params={"at": "2024-06"}, json=[list(sub_center)])
    assert posted.status_code == 422
    assert conforms(openapi, "/v1/locate", "post", posted)["detail"] == got.json()["detail"]
    # the times read as the library reads them: 24:00 the next day, a 0 hour with AM/PM refused saying why
    end = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2024-10-17T24:00"})
    assert end.json()["zone_in_force"] == "planned" and end.json()["at"] == "2024-10-18T00:00:00+08:00"
    zero = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2024-06-30 0:30 PM"})
    assert zero.status_code == 422 and "with AM/PM (上午/下午) the hour is 1 to 12" in zero.json()["detail"]
    body = {
        "trajectories": [{"id": "a", "fixes": [[*sub_center, "2024-06"], [*sub_center, "2024年6月30日 星期日 8点"]]}]
    }
    fixes = conforms(openapi, "/v1/events", "post", client.post("/v1/events", json=body))["fixes"]
    assert [f["status"] for f in fixes] == [NOT_A_TIME, "the vehicle's only usable fix: no segment"]


def test_the_events_kernels_are_ready_before_the_first_request():
    # the app compiles (or loads) the events kernels when it is made: the first POST /v1/events does not wait
    # seconds for numba (in a fresh process: here other tests may have compiled them already)
    code = (
        "from avzone.service.app import create_app\n"
        "from avzone import events as ev\n"
        "create_app()\n"
        "names = ('_walk_input', '_walk_sorted', '_walk_pairs', '_gathered', '_event_order', '_columns_in_order')\n"
        "print([k for k in names if not getattr(ev, k).signatures])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_post_locate_at_a_date_answers_as_the_single_point_does(client, openapi):
    # POST /v1/locate?at= gives each located point the single-point answer's time fields
    sub_center, core = [116.715, 39.905], [116.5, 39.8]  # in the 600 km² zone only; in the core
    pairs = [sub_center, core, [None, 39.9], [39.8, 116.5]]
    for day in ("2024-03-01", "2024-11-01", "2020-01-01"):
        r = client.post("/v1/locate", params={"at": day}, json=pairs)
        body = conforms(openapi, "/v1/locate", "post", r)
        assert body["at"] == f"{day}T00:00:00+08:00" and body["ok"] == 2
        for pair, got in zip(pairs[:2], body["results"][:2]):
            single = client.get("/v1/locate", params={"lon": pair[0], "lat": pair[1], "at": day}).json()
            for key in ("zone_in_force", "in_force", "in_force_status"):
                assert got[key] == single[key], (day, pair, key)
        for bad in body["results"][2:]:  # no point: no answer on it, as a file job's row has none
            assert bad["status"] != "ok" and bad["in_force"] is None and bad["zone_in_force"] is None
            assert bad["in_force_status"] == bad["status"]
    early = client.post("/v1/locate", params={"at": "2024-03-01"}, json=pairs).json()["results"]
    assert [early[0]["in_force"], early[1]["in_force"]] == [False, True] and early[0]["zone_in_force"] == "core"
    late = client.post("/v1/locate", params={"at": "2024-11-01"}, json=pairs).json()["results"]
    assert [late[0]["in_force"], late[1]["in_force"]] == [True, True] and late[0]["zone_in_force"] == "planned"
    before = client.post("/v1/locate", params={"at": "2020-01-01"}, json=pairs).json()["results"]
    assert before[0]["in_force"] is False and before[0]["in_force_status"].startswith("no zone in force on 2020")
    plain = client.post("/v1/locate", json=pairs).json()
    assert "at" not in plain and "in_force" not in plain["results"][0]
    bad = client.post("/v1/locate", params={"at": "someday"}, json=pairs)
    assert bad.status_code == 422 and "not a date/time" in conforms(openapi, "/v1/locate", "post", bad)["detail"]
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a", "properties": {},
          "geometry": {"type": "Point", "coordinates": sub_center}}]}  # fmt: skip
    feature = client.post("/v1/locate", params={"at": "2024-11-01", "distances": "true"}, json=fc).json()
    got = feature["results"][0]
    assert got["id"] == "a" and got["in_force"] is True and got["distance_to_edge_m"]["current"] > 0


def test_events_note_ids_written_alike_as_the_library(client):
    # ('V17' and 'V17 ': two vehicles, as given, each a part of one trip: noted, in the language asked)
    fixes = [[116.40, 39.79, "2024-07-01T08:00:00"], [116.46, 39.79, "2024-07-01T08:10:00"]]
    body = {"trajectories": [{"id": "V17", "fixes": fixes[:1]}, {"id": "V17 ", "fixes": fixes[1:]}]}
    answer = client.post("/v1/events", json=body).json()
    assert {s["id"] for s in answer["summary"]} == {"V17", "V17 "}
    [note] = answer["notes"]
    assert "'V17' and 'V17 '" in note and "str.strip()" in note
    answer = client.post("/v1/events", params={"lang": "zh"}, json=body).json()
    assert "仅首尾空白或字母大小写不同" in answer["notes"][0]
    body["trajectories"][1]["id"] = "V17"
    assert "notes" not in client.post("/v1/events", json=body).json()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_fix_written_another_way_says_how_to_write_it_as_locate_does(client, openapi, lang):
    """A fix's coordinate that is a number written another way, and a time written in a form that has a reason,
    get a ``why`` in the language asked: the words ``POST /v1/locate`` says of a point, and of its ``at=``."""
    from avzone.i18n import Message, Quoted
    from avzone.points import number_why
    from avzone.zonetime import time_why

    t, bad_time = TRIP[1][2], "2024-13-01 08:00"
    body = {
        "trajectories": [
            {"id": "a", "fixes": [["116,48", 39.8, TRIP[0][2]], ["abc", 39.8, t], [116.44, "39,8", t]]},
            {"id": "b", "fixes": [[116.42, 39.79, bad_time], [116.46, 39.79, "soon"], *TRIP]},
        ]
    }
    r = _post(client, body, lang=lang)
    answer = conforms(openapi, "/v1/events", "post", r)
    assert r.headers["content-language"] == lang
    fixes = answer["fixes"]
    assert [f["status"] for f in fixes[:5]] == [
        "lon not a number",
        "lon not a number",
        "lat not a number",
        NOT_A_TIME,
        NOT_A_TIME,
    ]

    def said(column: str, value: str, why: Any) -> str:
        return Message("example_value_why", column=column, value=Quoted.of(value), why=why).text(lang)

    assert fixes[0]["why"] == said("lon", "116,48", number_why("116,48"))
    assert fixes[2]["why"] == said("lat", "39,8", number_why("39,8"))
    assert fixes[3]["why"] == said("time", bad_time, time_why(bad_time))
    assert all("why" not in f for f in (fixes[1], *fixes[4:])), fixes  # (no more than its status: nothing said)
    assert list(fixes[0]) == ["trajectory", "fix", "why", "status", "used"]  # (as a point's: just before its status)
    # POST /v1/locate says the same of the point, and of the time as its at=
    point = client.post("/v1/locate", params={"lang": lang}, json=[["116,48", 39.8]]).json()["results"][0]
    assert point["why"] == fixes[0]["why"]
    at = client.post("/v1/locate", params={"lang": lang, "at": bad_time}, json=[[116.42, 39.79]])
    assert at.status_code == 422 and time_why(bad_time).text(lang) in at.json()["detail"], at.text
    assert time_why(bad_time).text(lang) in fixes[3]["why"]
