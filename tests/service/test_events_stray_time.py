"""POST /v1/events reads epoch times by the rule of model.events: a time far from the others gets a status."""

from __future__ import annotations

from avzone import zonetime


def test_an_excel_date_among_epoch_seconds_is_a_fix_status_over_http(client):
    seconds = [1719792000 + 600 * k for k in range(4)]
    times = [*seconds[:2], 45500.5, *seconds[2:]]
    fixes = [[116.40 + 0.02 * k, 39.79, t] for k, t in enumerate(times)]
    r = client.post("/v1/events", params={"time_unit": "s"}, json={"trajectories": [{"id": 7, "fixes": fixes}]})
    assert r.status_code == 200, r.text
    statuses = [f["status"] for f in r.json()["fixes"]]
    assert statuses[2] == zonetime.TIME_TEXT[zonetime.TIME_STRAY]
    assert statuses[:2] + statuses[3:] == ["ok"] * 4
    assert not any(e["event"] == "gap" for e in r.json()["events"])
