"""Inputs as ops teams and map apps produce them, found to give wrong answers that looked right, now refused or told.

Each test here fails on the behaviour it replaced: an answer for a point kilometres from the one meant, with
status ``ok``.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from common import refused, run_cli

from avzone.errors import InputError
from avzone.i18n import error_text

# (116.4548, 39.7457) lies inside the current zone; as float16 numbers it is (116.4375, 39.75), outside it
LON16 = np.array([116.5, 116.4548], dtype=np.float16)
LAT16 = np.array([39.79, 39.7457], dtype=np.float16)


def test_the_point_float16_moves_is_in_the_current_zone_and_its_float16_numbers_are_not(model):
    """The premise of the float16 tests: the rounding alone changes the answer."""
    exact = model.classify(np.array([116.4548]), np.array([39.7457]))
    rounded = model.classify(LON16[1:].astype(float), LAT16[1:].astype(float))
    assert bool(exact["current"].iloc[0]) and not bool(rounded["current"].iloc[0])


@pytest.mark.parametrize(
    "given, column",
    [
        (lambda: (pd.DataFrame({"经度": LON16, "纬度": LAT16}),), "经度"),  # a frame downcast to save memory
        (lambda: (pd.Series(LON16, name="x"), pd.Series(LAT16, name="y")), "x"),
        (lambda: (LON16, LAT16), "lons"),
        (lambda: (list(LON16), list(LAT16)), "lons"),
        (lambda: (pa.table({"lon": pa.array(LON16), "lat": pa.array(LAT16)}),), "lon"),
        (lambda: (pa.array(LON16), pa.array(LAT16)), "lons"),
        (
            lambda: (
                pd.DataFrame(
                    {"lng": pd.Series(LON16, dtype=pd.ArrowDtype(pa.float16())), "lat": pd.Series(LAT16).astype(float)}
                ),
            ),
            "lng",
        ),
    ],
)
def test_float16_coordinates_in_memory_are_refused_naming_the_column(model, given, column):
    with pytest.raises(InputError) as err:
        model.classify(*given())
    assert str(err.value).startswith(f"{column}: the coordinates are float16")
    assert "0.0625°" in str(err.value) and "float64" in str(err.value)
    assert error_text(err.value, "zh").startswith(f"{column}：坐标是 float16 半精度数字")


def test_float16_coordinates_are_refused_by_events_locate_many_and_the_map(model):
    fixes = pd.DataFrame({"car": [1, 1], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"], "lon": LON16, "lat": LAT16})
    for call in (
        lambda: model.events(fixes, id="car"),
        lambda: model.locate_many(LON16, LAT16),
        lambda: model.map(points=fixes[["lon", "lat"]]),
    ):
        with pytest.raises(InputError, match="float16"):
            call()


def test_float32_coordinates_are_still_answered(model):
    """float32 steps by under a metre near Beijing: its answers are those of the float64 numbers it holds."""
    got = model.classify(LON16.astype(np.float32), LAT16.astype(np.float32), status=True)
    assert got["status"].tolist() == ["ok", "ok"]


@pytest.fixture
def float16_files(tmp_path):
    fixes = pa.table(
        {
            "car": [1, 1],
            "ts": ["2024-07-01 08:00", "2024-07-01 08:10"],
            "lon": pa.array(LON16),
            "lat": pa.array(LAT16),
        }
    )
    pq.write_table(fixes, tmp_path / "f16.parquet")
    return tmp_path


@pytest.mark.parametrize("engine", ["local", "dask"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_float16_parquet_file_is_refused_by_both_engines_naming_the_file_and_column(float16_files, engine, lang):
    src, out = float16_files / "f16.parquet", float16_files / "out.parquet"
    err = refused("locate", "--input", str(src), "--output", str(out), "--engine", engine, "--lang", lang)
    if lang == "en":
        assert "f16.parquet: lon: the coordinates are float16 (half-precision) numbers" in err
    else:
        assert "f16.parquet：lon：坐标是 float16 半精度数字" in err
    assert not out.exists()


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_events_refuse_a_float16_parquet_file_in_both_engines(float16_files, engine):
    src, out = float16_files / "f16.parquet", float16_files / ("events.csv" if engine == "local" else "events")
    err = refused("events", "--input", str(src), "--output", str(out), "--id-col", "car", "--engine", engine)
    assert "f16.parquet: lon: the coordinates are float16" in err
    assert not out.exists()


def test_the_map_refuses_float16_points_naming_the_file(float16_files):
    err = refused("map", "--points", str(float16_files / "f16.parquet"), "-o", str(float16_files / "m.html"))
    assert "f16.parquet: lon: the coordinates are float16" in err


# -- NMEA degrees and minutes (dddmm.mmmm) ---------------------------------------------------------------------------
# (11630.0000, 3947.4000) is 116°30', 39°47.4': (116.5, 39.79), in the core zone; divided by 100 it would be
# (116.3, 39.474), a place in the dataset's area too, 39 km away


@pytest.fixture
def nmea_files(tmp_path):
    rows = {"id": [1, 2, 3], "lon": [11630.0, 11623.85, 11627.0], "lat": [3947.4, 3954.522, 3946.0]}
    pd.DataFrame(rows).to_csv(tmp_path / "nmea.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "nmea.parquet")
    return tmp_path


@pytest.mark.parametrize("engine, name", [("local", "nmea.csv"), ("local", "nmea.parquet"), ("dask", "nmea.parquet")])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_of_nmea_degrees_and_minutes_is_refused_saying_how_to_convert_them(nmea_files, engine, name, lang):
    out = nmea_files / "out.parquet"
    err = refused("locate", "--input", str(nmea_files / name), "--output", str(out), "--engine", engine, "--lang", lang)
    if lang == "en":
        assert f"{name}: 100% of the points are out of range as lon/lat in EPSG:4326" in err
        assert "(11630.0, 3947.4) is (116.5, 39.79)" in err
        assert "int(value / 100) + (value % 100) / 60" in err
    else:
        assert "NMEA GPS 语句的 dddmm.mmmm 格式" in err and "(11630.0, 3947.4) 即 (116.5, 39.79)" in err
    assert not out.exists()


def test_events_refuse_a_file_of_nmea_degrees_and_minutes(nmea_files):
    fixes = pd.read_csv(nmea_files / "nmea.csv").assign(ts=["2024-07-01 08:00", "2024-07-01 08:01", "2024-07-01 08:02"])
    fixes.to_csv(nmea_files / "fixes.csv", index=False)
    err = refused(
        "events", "--input", str(nmea_files / "fixes.csv"), "--output", str(nmea_files / "ev.csv"), "--id-col", "id"
    )
    assert "dddmm.mmmm" in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_point_of_nmea_degrees_and_minutes_is_refused_with_its_degrees(lang):
    err = refused("locate", "11630.0000", "3947.4000", "--lang", lang)
    assert "(116.5, 39.79)" in err
    assert ("in the dataset's area; convert" if lang == "en" else "请先把每个数换算成度") in err


def test_one_point_of_nmea_numbers_is_refused_by_the_library_too(model):
    with pytest.raises(InputError, match=r"dddmm\.mmmm.*\(116\.5, 39\.79\)"):
        model.locate(11630.0, 3947.4)


def test_numbers_out_of_range_that_are_no_nmea_degrees_keep_their_plain_status(tmp_path, model):
    """Minutes of 60 or more are no such numbers; a place outside the dataset's area read so is not suggested."""
    pd.DataFrame({"lon": [11675.0, 50030.0], "lat": [3947.4, 3947.4]}).to_csv(tmp_path / "p.csv", index=False)
    from avzone.batch import locate_file

    summary = locate_file(model, tmp_path / "p.csv", tmp_path / "o.csv")
    assert sum(summary.rejected.values()) == 2
    with pytest.raises(InputError, match="not a valid position") as err:
        model.locate(11675.0, 3947.4)
    assert "dddmm" not in str(err.value)


# -- a minus sign for W or S -------------------------------------------------------------------------------------
# (-116.5, 39.79) lies in Nevada, (116.5, -39.79) in the Indian Ocean: valid places, every one "in no zone", status ok


@pytest.fixture
def signed_files(tmp_path):
    rows = {"car": [1, 1], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"], "lon": [-116.5, -116.3975]}
    pd.DataFrame(rows | {"lat": [39.79, 39.9087]}).to_csv(tmp_path / "west.csv", index=False)
    pd.DataFrame(rows | {"lat": [39.79, 39.9087]}).to_parquet(tmp_path / "west.parquet")
    rows["lon"] = [116.5, 116.3975]
    pd.DataFrame(rows | {"纬度": [-39.79, -39.9087]}).to_csv(tmp_path / "south.csv", index=False)
    return tmp_path


@pytest.mark.parametrize(
    "engine, name, column",
    [("local", "west.csv", "'lon'"), ("local", "south.csv", "'纬度'"), ("dask", "west.parquet", "'lon'")],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_whose_points_lie_in_bounds_only_without_their_minus_signs_is_refused(
    signed_files, engine, name, column, lang
):
    out = signed_files / "out.parquet"
    err = refused(
        "locate", "--input", str(signed_files / name), "--output", str(out), "--engine", engine, "--lang", lang
    )
    if lang == "en":
        assert f"{name}: only 0% of the points fall in the dataset's area as given, but 100% do with the minus" in err
        assert f"sign of {column} dropped" in err and "write them without the minus sign" in err
    else:
        assert f"去掉 {column} 的负号后有 100% 的点" in err and "请去掉负号后再给出" in err
    assert not out.exists()


@pytest.mark.parametrize("engine, name", [("local", "west.csv"), ("dask", "west.parquet")])
def test_events_refuse_fixes_whose_minus_signs_put_them_across_the_globe(signed_files, engine, name):
    out = signed_files / ("ev.csv" if engine == "local" else "ev")
    err = refused(
        "events", "--input", str(signed_files / name), "--output", str(out), "--id-col", "car", "--engine", engine
    )
    assert "with the minus sign of 'lon' dropped" in err


def test_a_few_points_across_the_globe_among_beijing_ones_are_answered_as_given(tmp_path, model):
    """The check judges the file: most points in the area as given, a stray one is a place like any other."""
    from avzone.batch import locate_file

    pd.DataFrame({"lon": [116.5, 116.3975, -116.5], "lat": [39.79, 39.9087, 39.79]}).to_csv(
        tmp_path / "p.csv", index=False
    )
    summary = locate_file(model, tmp_path / "p.csv", tmp_path / "o.csv")
    assert not summary.rejected
    assert pd.read_csv(tmp_path / "o.csv")["in_core"].tolist() == [True, False, False]


# -- one argument holding a lon,lat pair ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, command", [("116.5,39.79", "116.5 39.79"), ("116.481488，39.990464", "116.481488 39.990464")]
)
def test_a_point_pasted_as_one_lon_lat_pair_is_told_the_command_with_two_values(given, command):
    err = refused("locate", given)
    assert f"'{given}' is one (a lon,lat pair, as map apps copy a point); write avzone locate {command}" in err
    zh = refused("--lang", "zh", "locate", given)
    assert f"'{given}' 是一个值" in zh and f"请写 avzone locate {command}" in zh


def test_one_value_that_is_no_pair_keeps_the_usage_message():
    assert "give a point as LON LAT (e.g. avzone locate 116.50 39.79)" in refused("locate", "116.5,39.79,3")
    assert refused("locate", "116.5,39.79,3").endswith("; got one value: '116.5,39.79,3'\n")


def test_a_number_of_values_other_than_two_is_said_with_the_values_quoted_and_cut():
    usage = "give a point as LON LAT (e.g. avzone locate 116.50 39.79), or a file with --input/--output"
    assert refused("locate", "--lang", "en").endswith(f"error: {usage}\n")  # (none: the usage alone)
    assert refused("locate", "1", "2", "3", "--lang", "en").endswith(f"{usage}; got 3 values: '1', '2', '3'\n")
    long = "9" * 5000
    err = refused("locate", long, "2", "3", "4", "5", "6", "7", "--lang", "en")
    assert err.endswith(f"; got 7 values: '{long[:100]}'… (5,000 characters), '2', '3', '4', '5', …\n")
    zh = refused("locate", "1", "2", "3", "--lang", "zh")
    assert zh.endswith("给出文件；收到的是 3 个值：'1'、'2'、'3'\n")
    assert refused("locate", "1\n", "--lang", "zh").endswith("收到的只有一个值：'1\\n'\n")


# -- radians given as degrees ------------------------------------------------------------------------------------
# (2.0333, 0.6945) radians is (116.5, 39.79); read as degrees it is a valid place in the Gulf of Guinea, "in no zone"


@pytest.fixture
def radian_files(tmp_path):
    rows = {
        "car": [1, 1],
        "ts": ["2024-07-01 08:00", "2024-07-01 08:10"],
        "lon": np.radians([116.5, 116.3975]),
        "lat": np.radians([39.79, 39.9087]),
    }
    pd.DataFrame(rows).to_csv(tmp_path / "rad.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "rad.parquet")
    return tmp_path


@pytest.mark.parametrize("engine, name", [("local", "rad.csv"), ("dask", "rad.parquet")])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_of_radians_is_refused_saying_to_convert_them(radian_files, engine, name, lang):
    out = radian_files / "out.parquet"
    err = refused(
        "locate", "--input", str(radian_files / name), "--output", str(out), "--engine", engine, "--lang", lang
    )
    if lang == "en":
        assert f"{name}: only 0% of the points fall in the dataset's area as lon/lat degrees, but 100% do read" in err
        assert "convert 'lon' and 'lat' to degrees first (degrees = radians × 180 / π, numpy.degrees)" in err
    else:
        assert "而按弧度读有 100% 的点落在其中" in err and "请先把 'lon'、'lat' 换算成度" in err
    assert not out.exists()


@pytest.mark.parametrize("engine, name", [("local", "rad.csv"), ("dask", "rad.parquet")])
def test_events_refuse_fixes_in_radians(radian_files, engine, name):
    out = radian_files / ("ev.csv" if engine == "local" else "ev")
    err = refused(
        "events", "--input", str(radian_files / name), "--output", str(out), "--id-col", "car", "--engine", engine
    )
    assert "read as radians" in err


def test_a_point_near_0_0_among_beijing_ones_is_answered_as_given(tmp_path, model):
    from avzone.batch import locate_file

    pd.DataFrame({"lon": [116.5, 116.3975, 2.0333], "lat": [39.79, 39.9087, 0.6945]}).to_csv(
        tmp_path / "p.csv", index=False
    )
    summary = locate_file(model, tmp_path / "p.csv", tmp_path / "o.csv")
    assert not summary.rejected
    assert pd.read_csv(tmp_path / "o.csv")["in_core"].tolist() == [True, False, False]


# -- columns named for Tencent's maps (GCJ-02) -------------------------------------------------------------------


@pytest.mark.parametrize(
    "lon, lat", [("腾讯经度", "腾讯纬度"), ("lng_tencent", "lat_tencent"), ("国测局经度", "国测局纬度")]
)
def test_columns_named_for_tencent_maps_are_found_and_noted_as_gcj02(tmp_path, model, lon, lat):
    frame = pd.DataFrame({lon: [116.45409], lat: [39.74568]})
    notes = [str(n) for n in model.classify(frame).attrs["notes"]]
    assert any(f"the columns '{lon}' and '{lat}' name GCJ-02" in n for n in notes), notes
    frame.to_csv(tmp_path / "t.csv", index=False)
    for engine, src in (("local", "t.csv"), ("dask", "t.parquet")):
        frame.to_parquet(tmp_path / "t.parquet")
        out = tmp_path / f"o_{engine}.parquet"
        r = run_cli("locate", "--input", str(tmp_path / src), "--output", str(out), "--engine", engine)
        assert r.returncode == 0, r.stderr
        assert f"the columns '{lon}' and '{lat}' name GCJ-02" in r.stderr


# -- degrees written another way: how to write them as numbers ----------------------------------------------------
WRITTEN = {
    "E116.5": "116.5",
    "116.5W": "-116.5",
    "东经116.5": "116.5",
    "116°23'45\"E": "116.395833",
    "39度47分24秒": "39.79",
    "39.79°": "39.79",
    '="116.5"': "116.5",
    "'116.5": "116.5",
}


@pytest.mark.parametrize("text, number", sorted(WRITTEN.items()))
def test_degrees_written_another_way_say_the_number_to_write(text, number):
    from avzone.points import number_text, number_why

    assert number_text(text) is None  # (still no number: the rule of coordinates as text is unchanged)
    why = number_why(text)
    assert why is not None and f", {number}" in str(why) and f"如 {number}" in why.text("zh")


@pytest.mark.parametrize("text", ["116.5", "abc", "NULL", "E116.5E", "116°75'", "1e2E"])
def test_other_texts_get_no_such_reason(text):
    from avzone.points import number_why

    assert number_why(text) is None


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_file_job_summary_says_how_to_write_each_example_as_a_number(tmp_path, engine):
    frame = pd.DataFrame({"lon": ["E116.5", "116.5", "116°23'45\"E"], "lat": ["N39.79", "39.79°", "39.79"]})
    frame.to_csv(tmp_path / "p.csv", index=False)
    frame.to_parquet(tmp_path / "p.parquet")
    src = tmp_path / ("p.csv" if engine == "local" else "p.parquet")
    r = run_cli("locate", "--input", str(src), "--output", str(tmp_path / "o.parquet"), "--engine", engine, "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    whys = {
        v["value"]: v.get("why") for rows in summary["examples_by_status"].values() for e in rows for v in e["values"]
    }
    assert "write the degrees as a number, 116.5 (east and north positive" in whys["'E116.5'"]
    assert "write the number alone, 39.79" in whys["'39.79°'"]
    assert "write decimal degrees, 116.395833" in whys["'116°23\\'45\"E'"]


@pytest.mark.parametrize(
    "lang, said", [("en", "write the degrees as a number, 116.5"), ("zh", "请把度数写成数字，如 116.5")]
)
def test_one_point_with_a_hemisphere_letter_says_the_number_to_write(model, lang, said):
    assert said in refused("locate", "E116.5", "39.79", "--lang", lang)
    with pytest.raises(InputError) as err:
        model.locate("E116.5", "39.79")
    assert said in error_text(err.value, lang)


# -- events of a frame whose index repeats labels ---------------------------------------------------------------------


def test_events_note_an_index_whose_repeated_labels_make_row_before_and_row_after_ambiguous(model):
    """pd.concat of two exports without ignore_index: an event between rows 'a' and 'a' names which rows?"""
    fixes = pd.DataFrame(
        {"car": [7, 7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10", "2024-07-01 08:20"]}
        | {"lon": [116.44, 116.46, 116.44], "lat": [39.79, 39.79, 39.79]},
        index=["a", "a", "b"],
    )
    ev = model.events(fixes, id="car", zones=["current"])
    assert ev.events["row_before"].tolist()[0] == "a" == ev.events["row_after"].tolist()[0]  # (the labels, as before)
    notes = [n for n in ev.notes if "same label" in str(n)]
    assert len(notes) == 1 and "(such as 'a')" in str(notes[0]) and "df.reset_index(drop=True)" in str(notes[0])
    assert "如 'a'" in notes[0].text("zh") and notes[0] in ev.events.attrs["notes"]
    assert not [n for n in model.events(fixes.reset_index(drop=True), id="car").notes if "same label" in str(n)]
