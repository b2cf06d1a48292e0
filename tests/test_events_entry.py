"""The entry of the events (``model.events``): its columns, CRS and times read by the rules the other entries use."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avzone.errors import InputError

#: Two fixes of one vehicle crossing into the current zone east of Yizhuang.
LON, LAT = [116.44, 116.46], [39.79, 39.79]


def _fixes(**columns: object) -> pd.DataFrame:
    base = {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"]}
    return pd.DataFrame(base | (columns or {"lon": LON, "lat": LAT}))


# -- the CRS of a GeoDataFrame --------------------------------------------------------------------------------
def test_geodataframe_crs_contradicted_by_wgs84_crs_is_refused_as_classify_refuses_it(model):
    # a GeoDataFrame in UTM 50N with crs="EPSG:4326": classify refuses it; the events took the frame's CRS and
    # answered (the crs given said nothing), so the same two calls gave an answer and an error
    gpd = pytest.importorskip("geopandas")
    frame = _fixes()
    utm = gpd.GeoDataFrame(
        frame[["vehicle", "ts"]], geometry=gpd.points_from_xy(frame.lon, frame.lat), crs="EPSG:4326"
    ).to_crs("EPSG:32650")
    with pytest.raises(InputError) as classify_error:
        model.classify(utm, crs="EPSG:4326")
    with pytest.raises(InputError) as events_error:
        model.events(utm, crs="EPSG:4326")
    assert str(events_error.value) == str(classify_error.value)
    # without crs, or with the frame's own: its CRS, as classify
    want = model.events(frame).events
    for crs in ({}, {"crs": "EPSG:32650"}):
        got = model.events(utm, **crs).events
        pd.testing.assert_frame_equal(got.drop(columns=["lon", "lat"]), want.drop(columns=["lon", "lat"]))
        assert len(got) > 0


# -- the coordinate columns, found as the file jobs find them --------------------------------------------------
@pytest.mark.parametrize(
    ("lon", "lat"), [("lng", "lat"), ("经度", "纬度"), ("Longitude", "Latitude"), ("经度(WGS84)", "纬度(WGS84)")]
)
def test_coordinate_columns_are_found_by_the_file_jobs_rule(model, lon, lat, tmp_path):
    # `avzone events --input` finds lng/经度/...; model.events needed columns named exactly lon and lat
    frame = _fixes(**{lon: LON, lat: LAT})
    got = model.events(frame)
    want = model.events(_fixes())
    pd.testing.assert_frame_equal(got.events, want.events)
    assert len(got.events) > 0
    src = tmp_path / "fixes.csv"
    frame.to_csv(src, index=False)
    events_file = tmp_path / "events.csv"
    from avzone.tracks import events_file as run

    run(model, src, events_file)
    assert len(pd.read_csv(events_file)) == len(got.events)


def test_no_coordinate_column_names_the_columns_and_the_arguments(model):
    frame = _fixes(east=LON, north=LAT)
    with pytest.raises(InputError) as error:
        model.events(frame)
    text = str(error.value)
    assert "lon=" in text and "vehicle, ts, east, north" in text, text
    # named: used
    assert len(model.events(frame, lon="east", lat="north").events) > 0


def test_two_columns_like_lon_are_refused_naming_both_and_the_argument(model):
    frame = _fixes(lon=LON, lng=LON, lat=LAT)
    with pytest.raises(InputError) as error:
        model.events(frame)
    text = str(error.value)
    assert "lon, lng" in text and "lon=" in text, text
    assert len(model.events(frame, lon="lng").events) > 0


# -- a time far from its column's other times ------------------------------------------------------------------
#: Epoch seconds of 2024-07-01 00:00, 00:10, ... UTC, and an Excel serial date (2024-07-29 12:00) among them.
SECONDS = [1719792000 + 600 * k for k in range(4)]
EXCEL = 45500.5


def _track(times: list[float]) -> pd.DataFrame:
    n = len(times)
    lon = [116.40 + 0.02 * k for k in range(n)]
    return pd.DataFrame({"vehicle": [7] * n, "ts": times, "lon": lon, "lat": [39.79] * n})


def _stray_status() -> str:
    from avzone import zonetime

    return zonetime.TIME_TEXT[zonetime.TIME_STRAY]


@pytest.mark.parametrize("kind", ["float", "int", "text", "object"])
def test_an_excel_date_among_epoch_seconds_gets_a_status_not_1970(model, kind):
    # one Excel serial date among epoch seconds was read as 1970-01-01 12:38 UTC with status ok: a gap of 54
    # years before the trip, every event after it; it now gets a status saying why, and the trip is the others'
    times = [*SECONDS[:2], EXCEL, *SECONDS[2:]]
    column = {
        "float": pd.Series(times, dtype="float64"),
        "int": pd.Series([int(t) for t in times], dtype="int64"),
        "text": pd.Series([str(t) for t in times], dtype=object),
        "object": pd.Series(times, dtype=object),
    }[kind]
    fixes = _track(times).assign(ts=column)
    got = model.events(fixes, time_unit="s")
    status = got.rows["status"].astype(str).tolist()
    assert status[2] != "ok" and status[2] == _stray_status()
    assert status[:2] + status[3:] == ["ok"] * 4
    want = model.events(fixes.drop(index=2), time_unit="s")
    pd.testing.assert_frame_equal(got.events, want.events)
    assert (got.events["time"].dt.year == 2024).all() and not got.events["event"].eq("gap").any()


def test_classify_times_and_the_time_column_of_a_file_job_give_the_same_status(model, tmp_path):
    from common import run_cli

    times = [*SECONDS[:2], EXCEL, *SECONDS[2:]]
    fixes = _track(times)
    got = model.classify(fixes.lon, fixes.lat, times=fixes.ts, time_unit="s", status=True)
    assert got["status"].astype(str).tolist()[2] == _stray_status()
    assert got["in_force"].isna().tolist() == [False, False, True, False, False]
    src, dst = tmp_path / "fixes.csv", tmp_path / "out.csv"
    fixes.to_csv(src, index=False)
    result = run_cli("locate", "--input", str(src), "--output", str(dst), "--time-col", "ts", "--time-unit", "s")
    assert result.returncode == 0, result.stderr
    out = pd.read_csv(dst)
    assert out["status"].tolist()[2] == _stray_status()
    assert out["in_force"].isna().tolist() == [False, False, True, False, False]


def test_times_counted_from_a_start_and_a_column_of_other_years_are_read_as_given(model):
    # the rule is the column's: most of it in 1990-2099 and one time not; times since a trip's start (all in 1970)
    # stay as they are
    from avzone import zonetime

    ns, codes = zonetime.to_ns(pd.Series([0, 600, 1200, 1800]), unit="s")
    assert codes.tolist() == [0, 0, 0, 0] and ns.tolist() == [0, 600 * 10**9, 1200 * 10**9, 1800 * 10**9]
    eighties = [473385600 + 60 * k for k in range(3)] + [SECONDS[0]]  # 1985, and one time of 2024: no majority
    assert zonetime.to_ns(pd.Series(eighties), unit="s")[1].tolist() == [0, 0, 0, 0]
    assert set(model.events(_track([0, 600, 1200, 1800]), time_unit="s").rows["status"]) == {"ok"}


# -- the datum note of a CRS PROJ converts without its shift ---------------------------------------------------
def _datum_note(crs: str) -> str:
    from avzone.crs import datum_shift_unknown, normalize_crs

    note = datum_shift_unknown(normalize_crs(crs))
    assert note is not None
    return str(note)


@pytest.mark.parametrize("crs", ["EPSG:4214", "EPSG:4610"])
def test_frames_of_many_points_carry_the_datum_note_one_point_has(model, crs):
    # one point's answer and POST /v1/locate say Beijing 1954 / Xian 1980 are converted without their datum
    # shift; classify, locate_many and the events said nothing
    note = _datum_note(crs)
    assert [str(n) for n in model.locate(116.44, 39.79, crs=crs).notes] == [note]
    assert [str(n) for n in model.classify(LON, LAT, crs=crs).attrs["notes"]] == [note]
    assert [str(n) for n in model.locate_many(LON, LAT, crs=crs).notes] == [note]
    ev = model.events(_fixes(), crs=crs)
    assert [str(n) for n in ev.notes] == [note]
    for frame in (ev.events, ev.summary, ev.rows):
        assert [str(n) for n in frame.attrs["notes"]] == [note]
    # a CRS with no such note: none
    assert "notes" not in model.classify(LON, LAT).attrs and model.events(_fixes()).notes == []


def test_events_file_job_prints_the_datum_note_and_has_it_in_json(model, tmp_path):
    import json

    from common import run_cli

    src = tmp_path / "fixes.csv"
    _fixes().to_csv(src, index=False)
    result = run_cli(
        "events", "--input", str(src), "--output", str(tmp_path / "ev.csv"), "--crs", "EPSG:4214", "--json"
    )
    assert result.returncode == 0, result.stderr
    note = _datum_note("EPSG:4214")
    assert note in result.stderr
    assert json.loads(result.stdout)["notes"] == [note]


def test_column_names_naming_gcj02_leave_a_note_in_the_events_as_in_the_file_job(model):
    ev = model.events(_fixes(**{"经度(GCJ02)": LON, "纬度(GCJ02)": LAT}))
    assert any("GCJ-02" in str(n) for n in ev.notes), ev.notes


@pytest.mark.slow
def test_dask_events_summary_has_the_notes_of_the_local_job(model, tmp_path):
    # the dask engine read the notes of its columns and CRS and dropped them
    pytest.importorskip("distributed")
    from avzone.distributed import events_parquet_dask

    folder = tmp_path / "in"
    folder.mkdir()
    _fixes().to_parquet(folder / "part.0.parquet", index=False)
    report = events_parquet_dask(model, folder, tmp_path / "out", crs="EPSG:4214", n_workers=1)
    assert report.to_dict()["notes"] == [_datum_note("EPSG:4214")]


# -- vehicle ids ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", [1, 1.0, np.int64(1)])
def test_a_boolean_id_beside_a_number_equal_to_it_is_refused_not_merged(model, number):
    # True == 1 in Python: the ids 1 and True were one vehicle of four fixes (the file job, reading ids as text,
    # has two vehicles "1" and "True"); a boolean id beside a number equal to it is refused
    ids = pd.Series([number, True, number, np.bool_(True)], dtype=object)
    frame = pd.DataFrame(
        {"vehicle": ids, "ts": [f"2024-07-01 08:{m:02d}" for m in (0, 10, 20, 30)], "lon": LON * 2, "lat": LAT * 2}
    )
    with pytest.raises(InputError, match="True"):
        model.events(frame)
    # every id a boolean, or text: vehicles as given
    assert len(model.events(frame.assign(vehicle=[True, False, True, False])).summary["id"].unique()) == 2
    assert len(model.events(frame.assign(vehicle=["1", "True", "1", "True"])).summary["id"].unique()) == 2


def test_fixes_that_are_no_dataframe_are_refused_naming_what_was_given(model):
    # a dict of columns raised AttributeError ('dict' object has no attribute 'columns') from deep inside
    columns = {"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"], "lon": LON, "lat": LAT}
    with pytest.raises(InputError, match=r"DataFrame.*got dict"):
        model.events(columns)
    assert len(model.events(pd.DataFrame(columns)).events) > 0
