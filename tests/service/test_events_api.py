"""POST /v1/events: the library's events over HTTP, limits and errors."""

from __future__ import annotations

import pandas as pd

from .conftest import SMALL_POINTS, conforms

TRIP = [[116.42, 39.79, "2024-07-01T08:00:00"], [116.46, 39.79, "2024-07-01T08:04:00"]]


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


def test_events_errors_and_limits(client, small, openapi):
    bad = client.post("/v1/events", json={"trajectories": [{"id": "a", "fixes": [[116.4, 39.8]]}]})
    assert bad.status_code == 422
    assert (
        "trajectories[0].fixes[0] is not a [lon, lat, time] triple"
        in conforms(openapi, "/v1/events", "post", bad)["detail"]
    )
    assert client.post("/v1/events", json=[[116.4, 39.8]]).status_code == 422
    assert client.post("/v1/events", content=b"{").status_code == 422
    assert client.post("/v1/events", params={"max_gap_s": 0}, json={"trajectories": []}).status_code == 422
    many = {"trajectories": [{"id": "a", "fixes": [TRIP[0]] * (SMALL_POINTS + 1)}]}
    r = small.post("/v1/events", json=many)
    assert r.status_code == 413 and "max_points=5" in r.json()["detail"]
    empty = client.post("/v1/events", json={"trajectories": []})
    assert empty.status_code == 200 and empty.json()["events"] == []


def test_locate_at_a_date(client, openapi):
    sub_center = (116.715, 39.905)  # in the 600 km² zone, not in the 160 km² zone
    early = conforms(
        openapi,
        "/v1/locate",
        "get",
        client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2024-03-01"}),
    )
    assert early["zone_in_force"] == "core" and early["in_force"] is False and early["in_force_status"] == "ok"
    late = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2024-07-01"}).json()
    assert late["zone_in_force"] == "planned" and late["in_force"] is True
    before = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "2020-01-01"}).json()
    assert before["in_force"] is False and before["in_force_status"].startswith("no zone in force on 2020-01-01")
    bad = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1], "at": "someday"})
    assert bad.status_code == 422 and "not a date/time" in conforms(openapi, "/v1/locate", "get", bad)["detail"]
    plain = client.get("/v1/locate", params={"lon": sub_center[0], "lat": sub_center[1]}).json()
    assert "in_force" not in plain
