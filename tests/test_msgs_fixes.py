"""Messages and results that must say what happened: how a column came to be both lon and lat, an
``--override-crs`` that overrode nothing, the index of ``classify``'s answer, a Shapefile's cut JSON text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from common import run_cli

from avzone.batch import locate_file
from avzone.columns import refuse_one_column_for_both
from avzone.errors import InputError


@pytest.fixture
def fixes_csv(tmp_path: Path) -> Path:
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,lon,lat\na,2024-05-01 08:00:00,116.50,39.79\na,2024-05-01 08:01:00,116.51,39.79\n",
        encoding="utf-8",
    )
    return src


# -- one column for both lon and lat: how each role came to it -------------------------------------------------
@pytest.mark.parametrize(
    ("options", "column", "how", "how_zh"),
    [
        (
            {"lon_col": "lat", "lat_col": "lat"},
            "lat",
            "lon_col= and lat_col= both name it",
            "lon_col= 和 lat_col= 都指定了它",
        ),
        (
            {"lon_col": "lat"},
            "lat",
            "lon_col= names it, and with no lat_col= given its name makes it the lat column too",
            "lon_col= 指定了它，而未给出 lat_col=，按列名它又被识别为纬度列",
        ),
    ],
)
def test_library_file_job_names_its_arguments_for_one_column_as_both(
    tmp_path, model, fixes_csv, options, column, how, how_zh
):
    """A library caller passes ``lon_col=``: the message names it (not the command line's option, which the caller
    did not give), and says what was found."""
    with pytest.raises(InputError) as caught:
        locate_file(model, fixes_csv, tmp_path / "out.csv", **options)
    assert str(caught.value) == (
        f"{fixes_csv}: column {column!r} is both the lon and the lat column: {how}; name the lon column with "
        "lon_col= and the lat column with lat_col= (columns are: vehicle, ts, lon, lat)"
    )
    assert how_zh in caught.value.args[0].text("zh")
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("options", "how", "how_zh"),
    [
        ({"lon": "lat", "lat": "lat"}, "lon= and lat= both name it", "lon= 和 lat= 都指定了它"),
        (
            {"lon": "lat"},
            "lon= names it, and with no lat= given its name makes it the lat column too",
            "lon= 指定了它，而未给出 lat=，按列名它又被识别为纬度列",
        ),
        (
            {"lat": "lon"},
            "lat= names it, and with no lon= given its name makes it the lon column too",
            "lat= 指定了它，而未给出 lon=，按列名它又被识别为经度列",
        ),
    ],
)
def test_dataframe_events_and_tracks_say_which_argument_named_the_one_column(model, fixes_csv, options, how, how_zh):
    """``model.events(df, lon="lat")``: lat= was not given, the column was found by its name; the message says so."""
    from avzone.maps import split_tracks

    fixes = pd.read_csv(fixes_csv)
    column = next(iter(options.values()))
    for run in (model.events, lambda df, **kw: split_tracks(model, df, **kw)):
        with pytest.raises(InputError) as caught:
            run(fixes, **options)
        message = str(caught.value)
        assert f"column {column!r} is both the lon and the lat column: {how}; " in message, message
        assert (
            "name the lon column with lon= and the lat column with lat= (columns are: vehicle, ts, lon, lat)" in message
        )
        assert how_zh in caught.value.args[0].text("zh")


def test_one_column_found_by_name_as_both_says_so():
    """No name says both lon and lat today; should one ever, the message must not claim an option gave it."""
    with pytest.raises(InputError, match="column 'xy' is both the lon and the lat column: its name makes it both; "):
        refuse_one_column_for_both(["xy"], "xy", "xy", False, False, "f.csv")
    refuse_one_column_for_both(["lon", "lat"], "lon", "lat", True, True, "f.csv")  # two columns: nothing to say


# -- --override-crs where nothing declares a CRS: said, not silently ignored --------------------------------------
NOTHING_OVERRIDDEN = (
    "note: --override-crs overrode nothing: no CRS is declared for the columns lon and lat, so they were read in "
    "gcj02, the CRS --crs gives, as they are without --override-crs"
)
NOTHING_OVERRIDDEN_ZH = (
    "注意：--override-crs 没有覆盖任何坐标系：lon 和 lat 列没有声明坐标系，"
    "因此按 --crs 给出的 gcj02（GCJ-02 国测局坐标，高德、腾讯地图所用）读取，不给 --override-crs 时也是如此"
)
#: As a library call says it: its arguments.
NOTHING_OVERRIDDEN_ARGS = (
    "override_crs=True overrode nothing: no CRS is declared for the columns lon and lat, so they were read in "
    "gcj02, the CRS crs= gives, as they are without override_crs=True"
)


def _gcj_fixes(tmp_path: Path, fmt: str = "csv") -> Path:
    """GCJ-02 fixes in plain lon/lat columns: no CRS declared anywhere."""
    from avzone.crs import wgs84_to_gcj02

    lon, lat = wgs84_to_gcj02(np.array([116.50, 116.3975]), np.array([39.79, 39.9087]))
    frame = pd.DataFrame({"vehicle": ["a", "a"], "ts": ["2024-05-01 08:00:00", "2024-05-01 08:01:00"]})
    frame["lon"], frame["lat"] = lon, lat
    src = tmp_path / f"gcj.{fmt}"
    if fmt == "csv":
        frame.to_csv(src, index=False)
    else:
        frame.to_parquet(src, index=False)
    return src


@pytest.mark.parametrize(
    ("argv", "fmt"),
    [
        (["locate", "--input", "IN", "--output", "OUT.csv"], "csv"),
        (["events", "--input", "IN", "--output", "OUT.csv"], "csv"),
        (["map", "--points", "IN", "--tiles", "none", "-o", "OUT.html"], "csv"),
        (["map", "--track", "IN", "--tiles", "none", "-o", "OUT.html"], "csv"),
        (["locate", "--input", "IN", "--output", "OUT", "--engine", "dask"], "parquet"),
        (["events", "--input", "IN", "--output", "OUT", "--engine", "dask"], "parquet"),
    ],
)
def test_override_crs_over_columns_that_declare_no_crs_is_noted(tmp_path, request, argv, fmt):
    """``--override-crs`` over a CSV file's columns overrides nothing (--crs alone applies): the job says so, and
    its answers are those of ``--crs`` alone."""
    src = _gcj_fixes(tmp_path, fmt)
    extra = ["--scheduler", request.getfixturevalue("dask_scheduler")] if "dask" in argv else []

    def run(name: str, *more: str) -> tuple[str, Path]:
        out = tmp_path / next(a for a in argv if a.startswith("OUT")).replace("OUT", name)
        args = [str(src) if a == "IN" else str(out) if a.startswith("OUT") else a for a in argv]
        r = run_cli(*args, *extra, "--crs", "gcj02", *more)
        assert r.returncode == 0, r.stderr
        return r.stderr, out

    plain_err, plain = run("plain")
    said, out = run("told", "--override-crs")
    assert "overrode" not in plain_err and NOTHING_OVERRIDDEN in said.splitlines(), said
    if out.suffix == ".csv":
        assert out.read_bytes() == plain.read_bytes()
    zh, _ = run("zh", "--override-crs", "--lang", "zh")
    assert NOTHING_OVERRIDDEN_ZH in zh.splitlines(), zh


def test_library_file_functions_note_an_override_that_overrode_nothing(tmp_path, model):
    from avzone.batch import read_fixes, read_points
    from avzone.distributed import locate_parquet_dask
    from avzone.tracks import events_file

    src = _gcj_fixes(tmp_path)
    note = NOTHING_OVERRIDDEN_ARGS
    assert note in read_points(src, crs="gcj02", override_crs=True).attrs["notes"]
    assert note not in read_points(src, crs="gcj02").attrs["notes"]
    assert note in read_fixes(src, crs="gcj02", override_crs=True).attrs["notes"]
    assert note in locate_file(model, src, tmp_path / "a.csv", crs="gcj02", override_crs=True).notes
    assert note in events_file(model, src, tmp_path / "e.csv", crs="gcj02", override_crs=True).notes
    with pytest.raises(ValueError, match=r"^override_crs=True needs crs=: "):
        locate_parquet_dask(model, _gcj_fixes(tmp_path, "parquet"), tmp_path / "d", override_crs=True)


def test_override_crs_over_a_geometry_that_declares_none_or_the_same_crs_is_noted(tmp_path):
    import geopandas as gpd

    from avzone.batch import read_points

    frame = gpd.GeoDataFrame(
        {"x": [116.5], "y": [39.79]}, geometry=gpd.points_from_xy([116.5], [39.79]), crs="EPSG:4326"
    )
    same = tmp_path / "same.geojson"
    frame.to_file(same, driver="GeoJSON")  # (GDAL writes a 'crs' member: CRS84)
    notes = read_points(same, crs="EPSG:4326", override_crs=True).attrs["notes"]
    assert any(n.startswith("override_crs=True overrode nothing: the file declares ") for n in notes)
    bare = tmp_path / "bare.geojson"
    doc = json.loads(same.read_text(encoding="utf-8"))
    del doc["crs"]
    bare.write_text(json.dumps(doc), encoding="utf-8")
    notes = read_points(bare, crs="gcj02", override_crs=True).attrs["notes"]
    assert notes == [
        "override_crs=True overrode nothing: the file declares no CRS for its geometries, so they were read in "
        "gcj02, the CRS crs= gives, as they are without override_crs=True"
    ]
    notes = read_points(same, lon_col="x", crs="gcj02", override_crs=True).attrs["notes"]  # (the properties)
    assert notes == [
        "override_crs=True overrode nothing: no CRS is declared for the columns x and y, so they were read in "
        "gcj02, the CRS crs= gives, as they are without override_crs=True"
    ]
    parquet = tmp_path / "same.parquet"
    frame.to_parquet(parquet)
    notes = read_points(parquet, crs="EPSG:4326", override_crs=True).attrs["notes"]
    assert notes == [
        "override_crs=True overrode nothing: the file declares EPSG:4326, the same CRS as crs= gives (EPSG:4326)"
    ], notes


# -- classify's answer keeps the index of whichever pandas input carries one -------------------------------------
def test_classify_keeps_the_times_index_beside_arrays(model):
    """``classify(arrays, times=df.ts)``: the answer had a RangeIndex, and joining it on the times' index put each
    answer beside another row."""
    index = pd.Index(["fix-b", "fix-a"], name="fix")
    times = pd.Series(pd.to_datetime(["2024-07-01 08:00", "2022-01-01 08:00"]), index=index)
    lons, lats = np.array([116.50, 116.3975]), np.array([39.79, 39.9087])
    out = model.classify(lons, lats, times=times, status=True)
    assert out.index.equals(index) and out.index.name == "fix"
    assert out.loc["fix-b", "current"] and not out.loc["fix-a", "current"]
    assert out.loc["fix-b", "in_force"] and not out.loc["fix-a", "in_force"]
    assert (out["status"] == "ok").all()
    joined = pd.DataFrame({"lon": lons[::-1], "lat": lats[::-1]}, index=index[::-1]).join(out)
    assert joined.loc["fix-b", "current"] and not joined.loc["fix-a", "current"]
    # one Series of coordinates beside an array: its index (as before), and times with the same one agree
    lat_series = pd.Series(lats, index=index)
    assert model.classify(lons, lat_series, times=times).index.equals(index)
    assert model.classify(lons.tolist(), lats.tolist(), times=times.to_numpy()).index.equals(pd.RangeIndex(2))


def test_classify_refuses_indexes_that_differ_naming_the_row(model):
    lons = pd.Series([116.50, 116.3975], index=[10, 20])
    times = pd.Series(pd.to_datetime(["2024-07-01", "2024-07-01"]), index=[10, 30])
    with pytest.raises(InputError) as caught:
        model.classify(lons, [39.79, 39.9087], times=times)
    assert str(caught.value) == (
        "times and the points are Series with different indexes (at row 1: 30 in the index of times, 20 in that of "
        "the points); align them first (e.g. df.lon, df.lat, times=df.ts)"
    )
    assert caught.value.args[0].text("zh") == (
        "times 和点是索引不同的 Series（第 1 行：times 的索引为 30，点的索引为 20）；"
        "请先对齐（如 df.lon、df.lat、times=df.ts）"
    )
    with pytest.raises(InputError, match=r"\(at row 0: 'x' in the index of lons, 'y' in that of lats\)"):
        model.classify(pd.Series([116.5], index=["x"]), pd.Series([39.79], index=["y"]))


def test_locate_given_many_points_says_to_use_classify(model):
    with pytest.raises(InputError) as caught:
        model.locate(pd.Series([116.5, 116.4]), pd.Series([39.79, 39.9]))
    assert str(caught.value) == (
        "locate takes one point (two numbers), got 2 values (Series): for many points use classify(lons, lats), whose "
        "answer keeps a pandas input's index, or locate_many"
    )
    assert caught.value.args[0].text("zh").startswith("locate 只接受一个点（两个数字），收到的是含 2 个值的 Series")


def test_http_override_crs_that_overrides_nothing_is_noted(model):
    """``POST /v1/locate?crs=gcj02&override_crs=true`` with a body that declares no CRS: the answer's notes say
    nothing was overridden, as a file job's do."""
    from starlette.testclient import TestClient

    from avzone.service import create_app

    client = TestClient(create_app(model))
    params = {"crs": "gcj02", "override_crs": "true"}
    plain = client.post("/v1/locate", params={"crs": "gcj02"}, json=[[116.5, 39.79]]).json()
    assert "notes" not in plain
    answer = client.post("/v1/locate", params=params, json=[[116.5, 39.79]]).json()
    assert answer["results"] == plain["results"]
    assert answer["notes"] == [
        "override_crs=true overrode nothing: the body declares no CRS for its points (it has no 'crs' member), so "
        "they were read in gcj02, the CRS crs gives, as they are without override_crs=true"
    ]
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [12969000.0, 4835000.0]}}],
    }
    same = client.post("/v1/locate", params={"crs": "EPSG:3857", "override_crs": "true"}, json=doc).json()
    assert [n for n in same["notes"] if "overrode nothing" in n] == [
        "override_crs=true overrode nothing: the body's 'crs' member declares EPSG:3857, the same CRS as crs gives "
        "(EPSG:3857)"
    ], same


def test_a_column_name_longer_than_a_message_quotes_is_cut_in_the_summary_and_kept_whole_in_the_file(tmp_path):
    """A 5,000-character column name: the summary's statuses and rows cut it as a quoted value is (its first 100
    characters and its length); the output file's status column names it whole, to find the column by."""
    from avzone.events import status_named
    from avzone.i18n import written

    name = "x" * 5000
    src, dst = tmp_path / "h.csv", tmp_path / "o.csv"
    src.write_text(f"{name},lat\n116.5,39.79\nabc,39.8\n", encoding="utf-8")
    cut = {"en": name[:100] + "… (5,000 characters)", "zh": name[:100] + "…（共 5,000 个字符）"}
    for lang in ("en", "zh"):
        result = run_cli("locate", "--input", str(src), "-o", str(dst), "--lon-col", name, "--lang", lang)
        assert result.returncode == 0, result.stderr
        assert name not in result.stderr and cut[lang] in result.stderr
    en = run_cli("locate", "--input", str(src), "-o", str(dst), "--lon-col", name, "--lang", "en").stderr
    assert f"  1: {cut['en']} not a number\n" in en
    assert f"    row 1 (line 3 of the file), {cut['en']} = 'abc'\n" in en
    assert dst.read_text(encoding="utf-8").splitlines()[2].endswith(f",{name} not a number")
    status = f"{name} not a number; lat out of range [-90, 90]"
    assert status_named(status) == f"{cut['en']} not a number; lat out of range [-90, 90]"
    assert written(status_named(status), "zh").endswith(f"（{cut['zh']} not a number; lat out of range [-90, 90]）")
    assert status_named("y" * 100 + " not a number") == "y" * 100 + " not a number"  # (100 characters: whole)
