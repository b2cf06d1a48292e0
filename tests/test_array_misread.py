"""Arrays most of whose points make sense only read another way get statuses saying so, not "in no zone".

A file job stops on a file whose first points fall in the dataset's area only
with their minus signs dropped, read as radians, or as NMEA degrees and minutes
run together (``avzone.batch.swapped_check``). ``model.classify``,
``model.locate_many``, ``model.events`` and the HTTP service answered the same
points "in no zone" with status ok (each a valid place across the globe or in
the Gulf of Guinea), or "out of range" without a word of NMEA. The rule is the
whole input's, judged as the file jobs judge a file (``points.misreading``): the
same points among many that are fine, or alone, keep their answers as given.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from avzone.errors import InputError
from avzone.events import status_named, track_events
from avzone.i18n import Message, written
from avzone.locate import locate_many
from avzone.points import (
    FIXED_KEYS,
    MISREAD_ROWS,
    NMEA_MINUTES,
    NMEA_MINUTES_TEXT,
    OK,
    RADIANS,
    RADIANS_TEXT,
    SIGNS_DROPPED,
    SIGNS_DROPPED_TEXT,
    from_columns,
    status_labels,
    status_message,
    to_points,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
N = 120  # (more than 64 points: the one-pass paths of classify and events see them first)


def beijing(n: int = N, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Real places in Beijing's zones' area, lon and lat."""
    rng = np.random.default_rng(seed)
    return rng.uniform(116.25, 116.65, n), rng.uniform(39.72, 40.05, n)


def nmea(v: np.ndarray) -> np.ndarray:
    """Degrees as NMEA writes them, degrees and minutes run together (dddmm.mmmm)."""
    return np.trunc(v) * 100 + (v - np.trunc(v)) * 60


def misread(kind: str, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Beijing's points written the wrong way ``kind``."""
    return {
        "radians": (np.radians(lon), np.radians(lat)),
        "west": (-lon, lat),  # (a minus sign for W: Nevada, Utah)
        "south": (lon, -lat),  # (for S: the Indian Ocean)
        "both": (-lon, -lat),  # (the South Pacific)
        "nmea": (nmea(lon), nmea(lat)),
    }[kind]


KINDS = {
    "radians": (RADIANS, RADIANS_TEXT),
    "west": (SIGNS_DROPPED, SIGNS_DROPPED_TEXT),
    "south": (SIGNS_DROPPED, SIGNS_DROPPED_TEXT),
    "both": (SIGNS_DROPPED, SIGNS_DROPPED_TEXT),
    "nmea": (NMEA_MINUTES, NMEA_MINUTES_TEXT),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("as_list", [False, True])
def test_classify_says_so_when_most_points_are_read_another_way(model, kind, as_list):
    x, y = misread(kind, *beijing())
    if as_list:  # (lists: the general path; float64 arrays: the one-pass path first)
        x, y = x.tolist(), y.tolist()
    out = model.classify(x, y, status=True)
    assert out["status"].astype(str).tolist() == [KINDS[kind][1]] * N
    assert out.drop(columns="status").isna().all().all()  # (no zone answer: <NA>, never a silent False)
    assert locate_many(model, x, y).points.codes.tolist() == [KINDS[kind][0]] * N


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_points_among_many_that_are_fine_or_alone_keep_their_answers(model, kind):
    lon, lat = beijing()
    x, y = misread(kind, lon, lat)
    flagged = model.classify(x[:80], y[:80], status=True)["status"].astype(str)
    assert set(flagged) == {KINDS[kind][1]}  # (most of the input so: said)
    mixed_x, mixed_y = np.concatenate([x[:10], lon[10:]]), np.concatenate([y[:10], lat[10:]])
    mixed = model.classify(mixed_x, mixed_y, status=True)
    if kind == "nmea":  # (out of range as given, as before)
        assert (
            mixed["status"].astype(str).tolist()[:10]
            == ["lon out of range [-180, 180]; lat out of range [-90, 90]"] * 10
        )
    else:  # (valid places, far from every zone)
        assert mixed["status"].astype(str).tolist()[:10] == ["ok"] * 10
        assert not mixed.iloc[:10].drop(columns="status").any().any()
    assert (mixed["status"].iloc[10:] == "ok").all()
    if kind == "nmea":  # (one point alone: model.locate's error, as before)
        with pytest.raises(InputError, match="degrees and minutes"):
            model.locate(float(x[0]), float(y[0]))
    else:  # (a place: Nevada, the Gulf of Guinea..., in no zone)
        assert not any(model.locate(float(x[0]), float(y[0])).zones.values())
    one = model.classify(x[:1], y[:1], status=True)["status"].astype(str).tolist()  # (one point: a place)
    assert one == (["ok"] if kind != "nmea" else ["lon out of range [-180, 180]; lat out of range [-90, 90]"])


def test_the_pandas_index_is_kept(model):
    x, y = misread("radians", *beijing())
    index = pd.Index([f"r{k}" for k in range(N)][::-1])
    out = model.classify(pd.Series(x, index=index), pd.Series(y, index=index), status=True)
    assert out.index.equals(index)
    assert (out["status"] == RADIANS_TEXT).all()
    frame = pd.DataFrame({"lng": x, "lat": y}, index=index)
    res = model.locate_many(frame)
    assert res.points.index.equals(index) and (res.points.codes == RADIANS).all()


def test_the_rule_judges_the_first_points_of_a_long_input(model):
    """Judged on the first MISREAD_ROWS points, as a file is; every point of the input read so gets the status,
    also when the fast path would have answered the rest (three quarters of the points fine)."""
    lon, lat = beijing(4 * MISREAD_ROWS + 8, seed=3)  # (a quarter of them outside the area at most: one pass)
    x, y = lon.copy(), lat.copy()
    x[:MISREAD_ROWS], y[:MISREAD_ROWS] = np.radians(lon[:MISREAD_ROWS]), np.radians(lat[:MISREAD_ROWS])
    late = 2 * MISREAD_ROWS + 5  # (a point beyond the first ones, read as radians too)
    x[late], y[late] = np.radians(lon[late]), np.radians(lat[late])
    codes = locate_many(model, x, y).points.codes
    assert (codes[:MISREAD_ROWS] == RADIANS).all() and codes[late] == RADIANS
    assert np.count_nonzero(codes == OK) == 3 * MISREAD_ROWS + 7
    fine = locate_many(model, lon[: 4 * 1000], lat[: 4 * 1000])  # (the rest's answers: as before)
    assert (fine.points.codes == OK).all()


@pytest.mark.parametrize("kind", KINDS)
def test_points_made_by_to_points_are_judged_as_a_whole_input(model, kind):
    """``avzone.points.to_points`` makes a whole input: given to ``locate_many``, ``classify`` or
    ``events.track_events``, it is judged as the arrays it was made from are (it kept "ok", in no zone)."""
    x, y = misread(kind, *beijing())
    code, words = KINDS[kind]
    assert to_points(x, y).whole
    assert locate_many(model, to_points(x, y)).points.codes.tolist() == [code] * N
    assert model.classify(to_points(x, y), status=True)["status"].astype(str).tolist() == [words] * N
    times = pd.Series(pd.date_range("2024-07-01 08:00", periods=N, freq="10s"))
    res = track_events(model, np.arange(N) % 3, times, to_points(x, y), pd.RangeIndex(N))
    assert res.rows["status"].astype(str).tolist() == [words] * N and res.events.empty
    pts = to_points(x, y)
    locate_many(model, pts)
    assert not pts.whole  # (judged once: the marks are made)


def test_a_files_chunk_is_judged_by_the_files_first_rows_not_alone(model):
    """A file's chunk (``from_columns``, as the file jobs read rows) is not a whole input: the file's first rows
    judge the file (``batch.swapped_check``), and a later chunk's points keep their answers as given."""
    x, y = misread("west", *beijing())
    chunk = from_columns(x, y, "EPSG:4326")
    assert not chunk.whole
    assert (locate_many(model, chunk).points.codes == OK).all()  # (valid places in Nevada, in no zone)
    fine_x, fine_y = beijing()
    mixed = to_points(np.concatenate([fine_x, x[:10]]), np.concatenate([fine_y, y[:10]]))
    assert (locate_many(model, mixed).points.codes == OK).all()  # (a few among many fine ones: as given)


def fixes(x: np.ndarray, y: np.ndarray, index: pd.Index | None = None) -> pd.DataFrame:
    ts = pd.date_range("2024-07-01 08:00", periods=len(x), freq="10s")
    vehicle = np.arange(len(x)) % 3
    return pd.DataFrame({"vehicle": vehicle, "ts": ts, "lon": x, "lat": y}, index=index)


@pytest.mark.parametrize("kind", KINDS)
def test_events_report_each_such_fix(model, kind):
    n = N
    lon, lat = beijing(n)
    x, y = misread(kind, lon, lat)
    index = pd.RangeIndex(1000, 1000 + 2 * n, 2)
    res = model.events(fixes(x, y, index))
    assert res.rows.index.equals(index)
    assert res.rows["status"].astype(str).tolist() == [KINDS[kind][1]] * n and not res.rows["used"].any()
    assert res.events.empty
    fine = model.events(fixes(lon, lat, index))
    assert (fine.rows["status"] == "ok").all()


def test_events_keep_a_few_such_fixes_among_fine_ones_as_given(model):
    lon, lat = beijing()
    x, y = lon.copy(), lat.copy()
    x[:4] = -lon[:4]
    x[4:8], y[4:8] = np.radians(lon[4:8]), np.radians(lat[4:8])
    res = model.events(fixes(x, y))
    assert (res.rows["status"] == "ok").all()  # (valid places, far away: as before)
    mostly = model.events(fixes(-lon, lat))
    assert (mostly.rows["status"] == SIGNS_DROPPED_TEXT).all()


@pytest.fixture(scope="module")
def http(model):
    from fastapi.testclient import TestClient

    from avzone.service import create_app

    with TestClient(create_app(model)) as c:
        yield c


@pytest.mark.parametrize("kind", KINDS)
def test_http_locate_and_events_say_so(http, kind):
    lon, lat = beijing(30)
    x, y = misread(kind, lon, lat)
    body = [[float(a), float(b)] for a, b in zip(x, y, strict=True)]
    r = http.post("/v1/locate", content=json.dumps(body))
    assert r.status_code == 200, r.text
    answer = r.json()
    assert [a["status"] for a in answer["results"]] == [KINDS[kind][1]] * 30 and answer["ok"] == 0
    assert all(a["zones"] is None for a in answer["results"])
    times = pd.date_range("2024-07-01T08:00:00+08:00", periods=30, freq="10s").map(pd.Timestamp.isoformat)
    trajectory = {"id": "京A", "fixes": [[a, b, t] for (a, b), t in zip(body, times, strict=True)]}
    r = http.post("/v1/events", content=json.dumps({"trajectories": [trajectory]}))
    assert r.status_code == 200, r.text
    assert [f["status"] for f in r.json()["fixes"]] == [KINDS[kind][1]] * 30
    fine = [[float(a), float(b)] for a, b in zip(lon, lat, strict=True)]
    r = http.post("/v1/locate", content=json.dumps(fine[:27] + body[:3]))  # (a few among fine ones: as given)
    statuses = [a["status"] for a in r.json()["results"]]
    assert statuses[:27] == ["ok"] * 27 and KINDS[kind][1] not in statuses


@pytest.mark.parametrize("code", [SIGNS_DROPPED, RADIANS, NMEA_MINUTES])
def test_the_statuses_have_their_words_in_both_languages(code):
    text = status_labels()[code]
    assert code in FIXED_KEYS and Message(FIXED_KEYS[code]) == text == status_message(code)
    zh = status_message(code).text("zh")
    assert CJK.search(zh) and zh != text
    said = written(status_named(text), "zh")  # (a summary's line: the wording, the status in brackets)
    assert said.endswith(f"（{text}）") and "）（" not in said and CJK.search(said)


def test_a_map_of_such_points_draws_none_of_them(model):
    """The map's points= (as classify reads them): not drawn as places in the Gulf of Guinea, and said so."""
    lon, lat = beijing(30)
    x, y = misread("radians", lon, lat)
    html = model.map(points=pd.DataFrame({"lon": x, "lat": y})).get_root().render()  # (the note: JSON in the page)
    assert "showing all 0 points; 30 rows without usable coordinates are not drawn" in html
    html = model.map(points=pd.DataFrame({"lon": lon, "lat": lat})).get_root().render()
    assert "showing all 30 points\\u003cbr" in html
