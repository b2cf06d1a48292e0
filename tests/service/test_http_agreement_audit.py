"""The HTTP answers beside the library's and the command line's, for the same points and fixes.

A dispatch client joins the service's answers to its own records and acts on
them; an answer that differs from ``model.locate`` / ``model.events`` or from
``avzone locate`` / ``avzone events`` for the same input (another zone,
status, distance, stage in force, event or summary) would look right and be
wrong. Each test sends one input to every entry point and compares the
answers whole where their shapes allow:

- points in WGS84, GCJ-02, BD-09, UTM 50N and Web Mercator metres and
  CGCS2000, on and near the zones' edges and far from Beijing;
- coordinates written as text, null, booleans, swapped, 0/0, out of range;
- FeatureCollections whose features carry ids (given back, of their JSON type);
- ``at`` with an offset, with Z, naive (Beijing time) and a date alone;
- trajectories whose fixes are unsorted, duplicated or at one time in two
  places, and vehicle ids of different JSON types;
- every answer's keys those of the OpenAPI document, every number finite, and
  ``lang=zh`` Chinese in what an answer words;
- a ``+`` the URL's query read as a space (an offset of ``at``, an exponent of
  a gap limit): told so, with the value that works, wherever it stands.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from common import edge_points, run_cli, sample_points
from common import json_cell as _plain
from fastapi.testclient import TestClient

import avzone
from avzone.crs import from_wgs84, normalize_crs
from avzone.service import create_app

CRSS = ["EPSG:4326", "WGS84", "gcj02", "bd09", "EPSG:32650", "EPSG:3857", "CGCS2000"]
AT = "2024-07-01"
INSIDE_POINT = (116.5, 39.79)  # Yizhuang: in every zone
FAR = [(121.47, 31.23), (-74.0, 40.7), (139.69, 35.69)]  # Shanghai, New York, Tokyo: in no zone, distances finite


@pytest.fixture(scope="module")
def tc(model: avzone.Model) -> TestClient:
    return TestClient(create_app(model))


def _strict(text: str) -> Any:
    """JSON as a strict reader takes it: NaN and Infinity are no JSON."""

    def refuse(token: str) -> Any:
        raise AssertionError(f"{token} in an answer")

    return json.loads(text, parse_constant=refuse)


def _wgs84_points(model: avzone.Model) -> tuple[np.ndarray, np.ndarray]:
    """Points within 1e-7 degrees of the current zone's edge, random points around the zones, and points far away."""
    ex, ey = edge_points(model, "current", eps=1e-7)
    pick = np.random.default_rng(7).choice(len(ex), 25, replace=False)
    sx, sy = sample_points(model, 15, seed=3)
    return (
        np.r_[ex[pick], sx, [p[0] for p in FAR]],
        np.r_[ey[pick], sy, [p[1] for p in FAR]],
    )


def _in(crs: str, lons: np.ndarray, lats: np.ndarray) -> list[list[float]]:
    if crs in ("EPSG:4326", "WGS84"):
        return [[float(x), float(y)] for x, y in zip(lons, lats)]
    xs, ys = from_wgs84(lons, lats, normalize_crs(crs))
    return [[float(x), float(y)] for x, y in zip(np.asarray(xs), np.asarray(ys))]


# -- points: GET, POST, the library and the command line ----------------------------------------------------------
@pytest.mark.parametrize("crs", CRSS)
def test_points_agree_in_every_crs(tc, model, tmp_path, crs):
    pts = _in(crs, *_wgs84_points(model))
    r = tc.post("/v1/locate", params={"crs": crs, "distances": "true", "at": AT}, json=pts)
    assert r.status_code == 200
    batch = _strict(r.text)
    assert batch["at"] == "2024-07-01T00:00:00+08:00" and batch["count"] == len(pts) == batch["ok"]
    for (x, y), posted in zip(pts, batch["results"]):
        library = model.locate(x, y, crs=crs, at=AT).to_dict()
        got = tc.get("/v1/locate", params={"lon": repr(x), "lat": repr(y), "crs": crs, "at": AT})
        assert _strict(got.text) == library  # zones, distances, hub, crs label, stage in force: all of it
        del library["at"]  # (said once, at the top of a batch)
        assert {k: v for k, v in posted.items() if k != "status"} == library and posted["status"] == "ok"
    # the command line's file job on the same numbers: the same zones
    frame = pd.DataFrame({"x": [repr(p[0]) for p in pts], "y": [repr(p[1]) for p in pts]})
    frame.to_csv(tmp_path / "in.csv", index=False)
    out = run_cli(
        "locate",
        "--input",
        str(tmp_path / "in.csv"),
        "--lon-col",
        "x",
        "--lat-col",
        "y",
        "--crs",
        crs,
        "-o",
        str(tmp_path / "out.csv"),
    )
    assert out.returncode == 0, out.stderr
    rows = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    for zone in model.zone_layers:
        assert (rows[f"in_{zone}"] == "true").tolist() == [p["zones"][zone] for p in batch["results"]]


@pytest.mark.parametrize(
    "at",
    [
        "2024-10-18",  # a date alone: its midnight, Beijing time (the day planned began)
        "2024-10-17T23:59:59.999999999",  # naive: Beijing time, the last instant of current
        "2024-10-17T16:00:00Z",  # the same midnight in UTC
        "2024-10-18T00:00:00+09:00",  # an hour before it
        "2021-10-31",  # before the first stage
        "2024-W42-5",  # an ISO week date: 2024-10-18
    ],
)
def test_at_agrees_with_locate_json_and_a_file_job(tc, model, tmp_path, at):
    points = [(116.5, 39.79), (116.6, 39.70), (116.3975, 39.9087)]
    frame = pd.DataFrame({"lon": [p[0] for p in points], "lat": [p[1] for p in points], "ts": [at] * len(points)})
    frame.to_csv(tmp_path / "in.csv", index=False)
    job = run_cli("locate", "--input", str(tmp_path / "in.csv"), "--time-col", "ts", "-o", str(tmp_path / "out.csv"))
    assert job.returncode == 0, job.stderr
    rows = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    batch = tc.post("/v1/locate", params={"at": at}, json=[list(p) for p in points]).json()
    for i, (lon, lat) in enumerate(points):
        cli = run_cli("locate", str(lon), str(lat), "--at", at, "--json")
        assert cli.returncode == 0, cli.stderr
        got = tc.get("/v1/locate", params={"lon": lon, "lat": lat, "at": at}).json()
        assert got == json.loads(cli.stdout) == model.locate(lon, lat, at=at).to_dict()
        posted = batch["results"][i]
        assert batch["at"] == got["at"]
        for key in ("zone_in_force", "in_force", "in_force_status"):
            assert posted[key] == got[key], key
        assert rows.loc[i, "zone_in_force"] == (got["zone_in_force"] or "")
        assert rows.loc[i, "in_force"] == str(got["in_force"]).lower()


#: Coordinates as a client may send them, and the status of each in every entry point (a CSV cell holds the text).
ODD = [
    (["116.5", "39.79"], "ok"),
    ([" 116.5", "39.79 "], "ok"),
    (["１１６.５", "39.79"], "ok"),
    ([None, 39.79], "missing lon"),
    ([None, None], "missing lon; missing lat"),
    (["", 39.79], "missing lon"),
    (["abc", 39.79], "lon not a number"),
    (["1_16.5", 39.79], "lon not a number"),
    (["116,5", "39,79"], "lon not a number; lat not a number"),
    ([True, 39.79], "lon not a number"),
    (["NaN", 39.79], "lon not finite"),
    ([116.5, "Infinity"], "lat not finite"),
    ([180.0000001, 0], "lon out of range [-180, 180]"),
    ([116.5, 95], "lat out of range [-90, 90]"),
    ([0, 0], "no position: both coordinates are 0 (what GPS receivers and apps write when they have no fix)"),
    ([39.79, 116.5], "lon and lat look swapped: outside the dataset's area as given, inside it the other way round"),
    ([121.47, 31.23], "ok"),
]


def test_odd_coordinates_get_the_file_jobs_statuses(tc, tmp_path):
    good = [[116.5, 39.79], [116.3975, 39.9087]] * 10  # (so that the body is not judged swapped as a whole)
    body = [pair for pair, _ in ODD] + good
    answer = _strict(tc.post("/v1/locate", params={"at": AT}, json=body).text)
    statuses = [r["status"] for r in answer["results"]]
    assert statuses[: len(ODD)] == [status for _, status in ODD]
    cells = [["" if v is None else str(v) for v in pair] for pair in body]
    pd.DataFrame(cells, columns=["lon", "lat"]).to_csv(tmp_path / "in.csv", index=False)
    job = run_cli("locate", "--input", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"))
    assert job.returncode == 0, job.stderr
    assert pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)["status"].tolist() == statuses
    for r in answer["results"]:  # a point not located: no answer in time either, its status said why
        if r["status"] != "ok":
            assert (r["lon"], r["lat"], r["zones"], r["zone_in_force"], r["in_force"]) == (None,) * 5
            assert r["in_force_status"] == r["status"]


def _feature(fid: Any, geometry: Any, properties: Any = ()) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "properties": {} if properties == () else properties, "geometry": geometry}


def test_feature_ids_come_back_with_their_type_as_a_file_job_keeps_them(tc, tmp_path):
    line = {"type": "LineString", "coordinates": [[116.5, 39.79], [116.6, 39.8]]}
    feats = [
        _feature("car-7", {"type": "Point", "coordinates": [116.5, 39.79]}, {"vin": "A1"}),
        _feature(7, {"type": "Point", "coordinates": [116.3975, 39.9087]}),
        _feature("7", {"type": "Point", "coordinates": [116.5, 39.79]}),
        _feature(None, {"type": "Point", "coordinates": [116.5, 39.79]}, {"id": "in-properties"}),
        _feature(8.5, None, None),
        _feature("line", line),
        _feature("3d", {"type": "Point", "coordinates": [116.5, 39.79, 50]}),
    ]
    del feats[3]["id"]  # (an id among the properties only)
    doc = {"type": "FeatureCollection", "features": feats}
    results = _strict(tc.post("/v1/locate", json=doc).text)["results"]
    assert [r["id"] for r in results] == ["car-7", 7, "7", None, 8.5, "line", "3d"]  # (not "7" for 7)
    (tmp_path / "in.geojson").write_text(json.dumps(doc))
    job = run_cli("locate", "--input", str(tmp_path / "in.geojson"), "-o", str(tmp_path / "out.geojson"))
    assert job.returncode == 0, job.stderr
    written = json.loads((tmp_path / "out.geojson").read_text())["features"]
    assert [f.get("id") for f in written] == [r["id"] for r in results]
    assert [f["properties"]["status"] for f in written] == [r["status"] for r in results]
    for f, r in zip(written, results):
        if r["status"] == "ok":
            assert {z: f["properties"][f"in_{z}"] for z in r["zones"]} == r["zones"]


# -- trajectories: POST /v1/events, model.events and avzone events ------------------------------------------------
def _t(minute: int) -> str:
    return f"2024-07-01T08:{minute:02d}:00"


#: Fixes across the current zone's edge (lon 116.447): in order, reversed with a duplicate and a fix at one time in
#: two places, and in times written with offsets, Z, naive, a date alone and a slash date.
TRAJECTORIES = [
    {"id": "1", "fixes": [[116.44 + 0.003 * k, 39.79, _t(k)] for k in range(10)]},
    {
        "id": "v2",
        "fixes": [[116.47 - 0.003 * k, 39.79, _t(9 - k)] for k in range(10)]
        + [[116.45, 39.79, _t(3)], [116.45, 39.79, _t(3)]],
    },
    {
        "id": "x",
        "fixes": [
            [116.44, 39.79, "2024-07-01T08:00:00"],
            [116.47, 39.79, "2024-07-01T08:00:00"],
            [116.44, 39.79, "2024-07-01T08:05:00+08:00"],
            [116.47, 39.79, "2024-07-01T00:10:00Z"],
            [116.46, 39.79, "2024-07-01"],
            [116.46, 39.79, "2024/07/01 08:20"],
        ],
    },
]


def _library(model: avzone.Model, trajectories: list[dict[str, Any]], **options: Any) -> Any:
    rows = [(t["id"], f[0], f[1], f[2]) for t in trajectories for f in t["fixes"]]
    ids = np.empty(len(rows), dtype=object)
    ids[:] = [r[0] for r in rows]
    frame = pd.DataFrame({"vehicle": ids, "lon": [r[1] for r in rows], "lat": [r[2] for r in rows]})
    frame["ts"] = pd.Series([r[3] for r in rows], dtype=object)
    return model.events(frame, **options)


def _where(trajectories: list[dict[str, Any]]) -> list[list[int]]:
    return [[i, j] for i, t in enumerate(trajectories) for j in range(len(t["fixes"]))]


def test_events_agree_with_the_library_and_the_command_line(tc, model, tmp_path):
    answer = _strict(tc.post("/v1/events", json={"trajectories": TRAJECTORIES}).text)
    res = _library(model, TRAJECTORIES)
    where = _where(TRAJECTORIES)
    library = [
        {
            **{k: _plain(v) for k, v in row.items()},
            "row_before": where[row["row_before"]],
            "row_after": where[row["row_after"]],
        }
        for row in res.events.to_dict("records")
    ]
    assert answer["events"] == library
    assert answer["summary"] == [{k: _plain(v) for k, v in row.items()} for row in res.summary.to_dict("records")]
    statuses = res.rows["status"].astype(str).tolist()
    assert [f["status"] for f in answer["fixes"]] == statuses
    assert [[f["trajectory"], f["fix"]] for f in answer["fixes"]] == where
    assert answer["count"] == len(where) and answer["ok"] == statuses.count("ok")
    assert {e["event"] for e in answer["events"]} == {"enter", "exit", "gap"}
    # avzone events on a CSV of the same fixes (its rows: the fixes in body order)
    rows = [(t["id"], f[0], f[1], f[2]) for t in TRAJECTORIES for f in t["fixes"]]
    pd.DataFrame(rows, columns=["vehicle", "lon", "lat", "ts"]).to_csv(tmp_path / "fixes.csv", index=False)
    out = run_cli(
        "events",
        "--input",
        str(tmp_path / "fixes.csv"),
        "-o",
        str(tmp_path / "events.csv"),
        "--summary",
        str(tmp_path / "summary.csv"),
        "--annotate",
        str(tmp_path / "rows.csv"),
    )
    assert out.returncode == 0, out.stderr
    events = pd.read_csv(tmp_path / "events.csv", dtype={"id": str})
    assert events["id"].tolist() == [e["id"] for e in answer["events"]]
    assert events["zone"].tolist() == [e["zone"] for e in answer["events"]]
    assert events["event"].tolist() == [e["event"] for e in answer["events"]]
    assert [pd.Timestamp(t) for t in events["time"]] == [pd.Timestamp(e["time"]) for e in answer["events"]]
    assert [where[i] for i in events["row_before"]] == [e["row_before"] for e in answer["events"]]
    assert [where[i] for i in events["row_after"]] == [e["row_after"] for e in answer["events"]]
    summary = pd.read_csv(tmp_path / "summary.csv", dtype={"id": str})
    for key in ("fixes", "enters", "exits", "gaps"):
        assert summary[key].tolist() == [s[key] for s in answer["summary"]], key
    for key in ("trip_m", "time_inside_s", "distance_inside_m"):
        assert np.allclose(summary[key], [s[key] for s in answer["summary"]], rtol=1e-12), key
    annotated = pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False)
    assert annotated["status"].tolist() == statuses


@pytest.mark.parametrize(
    ("a", "b", "vehicles"),
    [
        (3, 3.0, 1),  # one number: one vehicle, as the library takes it
        (0, -0.0, 1),
        (2**53, float(2**53), 1),
        (2**53, 2**53 + 1, 2),  # integers a double would merge: two vehicles
        ("a", "a ", 2),  # two texts (a note says they look alike)
        (1, "1", None),  # refused, as model.events refuses them
        (1.5, "1.5", None),
    ],
)
def test_vehicle_ids_of_json_types_merge_and_split_as_in_the_library(tc, model, a, b, vehicles):
    trajectories = [
        {"id": a, "fixes": [[116.44 + 0.003 * k, 39.79, _t(k)] for k in range(5)]},
        {"id": b, "fixes": [[116.455 + 0.003 * k, 39.79, _t(k + 5)] for k in range(5)]},
    ]
    r = tc.post("/v1/events", json={"trajectories": trajectories})
    if vehicles is None:
        with pytest.raises(avzone.InputError) as refusal:
            _library(model, trajectories)
        assert r.status_code == 422 and r.json()["detail"] == str(refusal.value)
        return
    assert r.status_code == 200
    answer = r.json()
    res = _library(model, trajectories)
    assert [s["id"] for s in answer["summary"]] == [_plain(v) for v in res.summary["id"]]
    assert len({json.dumps(s["id"]) for s in answer["summary"]}) == vehicles
    assert answer.get("notes", []) == [str(n) for n in res.notes]
    assert [e["id"] for e in answer["events"]] == [_plain(v) for v in res.events["id"]]


# -- the answers' keys, numbers and words -------------------------------------------------------------------------
def _schema(doc: dict[str, Any], ref: str) -> dict[str, Any]:
    return dict(doc["components"]["schemas"][ref.rsplit("/", 1)[-1]])


def test_every_answer_has_the_documented_keys(tc):
    doc = tc.get("/openapi.json").json()
    located = set(_schema(doc, "LocationAnswer")["properties"])
    point = set(_schema(doc, "BatchPoint")["properties"])
    answers = [
        (tc.get("/v1/locate", params={"lon": 116.5, "lat": 39.79}), "LocationAnswer"),
        (tc.get("/v1/locate", params={"lon": 116.5, "lat": 39.79, "at": AT}), "LocationAnswer"),
        (
            tc.post("/v1/locate", params={"distances": "true", "at": AT}, json=[[116.5, 39.79], [None, 1]]),
            "BatchAnswer",
        ),
        (tc.post("/v1/events", json={"trajectories": TRAJECTORIES}), "EventsAnswer"),
    ]
    for r, name in answers:
        assert r.status_code == 200
        body = _strict(r.text)
        assert set(body) <= set(_schema(doc, name)["properties"]), name
    single = answers[1][0].json()
    assert set(single) <= located and {"at", "zone_in_force", "in_force", "in_force_status"} <= set(single)
    batch = answers[2][0].json()["results"]
    assert [set(r) for r in batch] == [set(batch[0])] * len(batch)  # one set of keys, a point not located too
    assert set(batch[0]) <= point


_ENGLISH = re.compile(r"[A-Za-z]{3,}(?: [a-z]{2,}){2,}")  # three English words in a row


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/v1/locate", {"params": {"lon": 39.79, "lat": 116.5}}, 422),
        ("get", "/v1/locate", {"params": {"lon": 0, "lat": 0}}, 422),
        ("get", "/v1/locate", {"params": {"lon": 116.5, "lat": 39.79, "at": "now"}}, 422),
        ("get", "/v1/locate", {"params": {"lon": 116.5, "lat": 39.79, "crs": "EPSG:4214"}}, 200),
        ("post", "/v1/locate", {"params": {"crs": "EPSG:4214"}, "json": [[116.5, 39.79]]}, 200),
        (
            "post",
            "/v1/events",
            {
                "json": {
                    "trajectories": [
                        {"id": 1, "fixes": TRAJECTORIES[0]["fixes"]},
                        {"id": "1", "fixes": TRAJECTORIES[0]["fixes"]},
                    ]
                }
            },
            422,
        ),
        (
            "post",
            "/v1/events",
            {
                "json": {
                    "trajectories": [
                        {"id": "a", "fixes": TRAJECTORIES[0]["fixes"]},
                        {"id": "A", "fixes": TRAJECTORIES[0]["fixes"]},
                    ]
                }
            },
            200,
        ),
        ("post", "/v1/events", {"params": {"time_unit": "s"}, "json": {"trajectories": TRAJECTORIES[:1]}}, 200),
        ("post", "/v1/events", {"params": {"zones": "core,core"}, "json": {"trajectories": []}}, 422),
    ],
)
def test_lang_zh_words_answers_in_chinese(tc, method, path, kwargs, status):
    kwargs = {**kwargs, "params": {**kwargs.get("params", {}), "lang": "zh"}}
    r = getattr(tc, method)(path, **kwargs)
    assert r.status_code == status and r.headers["content-language"] == "zh"
    body = r.json()
    words = [body["detail"]] if status != 200 else body["notes"]
    for text in words:
        assert re.search("[\u4e00-\u9fff]", text), text
        assert not _ENGLISH.findall(text), text


@pytest.mark.parametrize(
    "at",
    [
        "2024-10-17T20:00 UTC+8",
        "2024-10-17T20:00 GMT+08:00",
        "2024-10-17 20:00 (UTC+8)",
        "2024-10-17T20:00+8",
        "2024-10-17T20+08",
        "20241017T2000+0800",
        "Thu Oct 17 20:00:00 +0800 2024",
        "17/Oct/2024:20:00:00 +0800",
        "2024-10-17 20:00 CST+0800",
        "2024-10-17T20:00+08:00[Asia/Shanghai]",
    ],
)
def test_every_offset_whose_plus_the_query_read_as_a_space_is_told_how_to_write_it(tc, model, at):
    """curl and browsers send a + in a query as it is, and the query reads it as a space: every such ``at`` is
    refused (never read as another instant) saying to write the + as %2B, with the value that works; this was
    said only for an offset of two digits right after the clock (``08:00:00 08:00``), the others refused as no
    time at all."""
    raw = at.replace(" ", "%20")  # (the + left as it is)
    intended = model.locate(*INSIDE_POINT, at=at).to_dict()["at"]
    for method, url, body in (
        ("GET", f"/v1/locate?lon={INSIDE_POINT[0]}&lat={INSIDE_POINT[1]}&at={raw}", None),
        ("POST", f"/v1/locate?at={raw}", [list(INSIDE_POINT)]),
    ):
        r = tc.request(method, url, json=body)
        assert r.status_code == 422, r.text
        hint = re.search(r"write the offset's \+ as %2B \(at=(.*)\)$", r.json()["detail"])
        assert hint is not None, r.text
        assert hint.group(1) == at.replace("+", "%2B")
        fixed = tc.request(method, url.replace(raw, hint.group(1).replace(" ", "%20")), json=body)
        assert fixed.status_code == 200 and fixed.json()["at"] == intended, fixed.text


@pytest.mark.parametrize("query", ["max_gap_s=1e+3", "max_gap_m=5e+3", "tolerance_m=1e+0"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_gap_limits_exponent_plus_read_as_a_space_is_told_as_every_numbers_is(tc, query, lang):
    """``max_gap_s=1e+3`` arrives as ``1e 3``: told to write the + as %2B, as ``tolerance_m`` and ``lat`` are told
    (it was "must be a positive number, or 0 or inf for no limit", the + left unsaid); written so, it is read."""
    r = tc.post(f"/v1/events?{query}&lang={lang}", json={"trajectories": []})
    name, value = query.split("=")
    written = value.replace("+", "%2B")
    assert r.status_code == 422 and r.json()["detail"].endswith(
        f"%2B ({written})" if lang == "en" else f"（{written}）"
    )
    fixed = tc.post(f"/v1/events?{name}={written}&lang={lang}", json={"trajectories": TRAJECTORIES[:1]})
    assert fixed.status_code == 200
    assert fixed.json()["events"] == tc.post("/v1/events", json={"trajectories": TRAJECTORIES[:1]}).json()["events"]
