"""`avzone export`: every format read back before it is put in place, the hint of a value a format did not keep,
and texts of a date's form that are no calendar date (2024-02-30)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pyogrio
import pyogrio.errors
import pytest
from common import run_cli, stations_with

from avzone.errors import InputError
from avzone.export import _instead, export_layer
from avzone.i18n import error_text


def _read(path) -> gpd.GeoDataFrame:
    return gpd.read_parquet(path) if path.suffix == ".parquet" else gpd.read_file(path)


def _geojson_refused(m, tmp_path) -> tuple[InputError, Path]:
    """The refusal of exporting m's stations over an existing s.geojson, which it leaves as it was, alone."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "s.geojson"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", target)
    assert [p.name for p in out.iterdir()] == ["s.geojson"] and target.read_text(encoding="utf-8") == "old"
    return err.value, target


# -- the hint of err_export_value: what holds the value, never the format that did not ----------------------
@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".kml"])
def test_a_text_with_a_nul_is_refused_with_what_keeps_it_not_the_same_format(tmp_path, dataset_copy, ext):
    m = stations_with(dataset_copy, {1: {"note": "gate\x00B"}})
    fid = m.layer("stations")["id"].iloc[1]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", out / f"s{ext}")
    message = str(err.value)
    assert "'note'" in message and repr(fid) in message and "reads back as 'gate'" in message
    assert "NUL character" in message and "remove the NUL characters" in message and ".parquet" in message
    assert ".gpkg" not in message.split(": ", 1)[1]  # (a GeoPackage ends the text at the NUL too)
    zh = error_text(err.value, "zh")
    assert "NUL 字符" in zh and "去掉" in zh and ".gpkg" not in zh.split("：", 1)[1]
    assert list(out.iterdir()) == []
    export_layer(m, "stations", out / "s.parquet")  # the format the message names keeps it
    assert _read(out / "s.parquet")["note"].iloc[1] == "gate\x00B"


def test_a_number_a_format_did_not_keep_names_the_other_formats(tmp_path, dataset_copy):
    m = stations_with(dataset_copy, {2: {"ratio": 1e-20}})
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", tmp_path / "s.shp")
    assert str(err.value).endswith("; export to .gpkg, .geojson or .parquet instead")
    assert error_text(err.value, "zh").endswith("；请改为导出为 .gpkg、.geojson 或 .parquet")


@pytest.mark.parametrize(
    ("fmt", "en", "zh"),
    [
        ("GeoPackage", "export to .geojson or .parquet instead", "请改为导出为 .geojson 或 .parquet"),
        ("KML", "export to .gpkg, .geojson or .parquet instead", "请改为导出为 .gpkg、.geojson 或 .parquet"),
    ],
)
def test_the_formats_named_for_a_value_leave_out_the_one_written(fmt, en, zh):
    assert str(_instead(fmt)) == en and _instead(fmt).text("zh") == zh


# -- read back: GeoJSON and GeoParquet too -------------------------------------------------------------------
def test_a_geojson_gdal_cannot_read_back_is_not_put_in_place(tmp_path, model, monkeypatch):
    def broken(*args, **kwargs):  # as GDAL fails on a file it cannot read
        raise pyogrio.errors.DataSourceError("Failed to read GeoJSON data")

    monkeypatch.setattr(pyogrio, "read_dataframe", broken)
    out = tmp_path / "s.geojson"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(InputError) as err:
        export_layer(model, "stations", out)
    assert "the GeoJSON file written does not read back (Failed to read GeoJSON data)" in str(err.value)
    assert "无法读回" in error_text(err.value, "zh")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["s.geojson"]


@pytest.mark.parametrize("ext", [".geojson", ".parquet"])
def test_a_file_read_back_with_a_feature_missing_is_not_put_in_place(tmp_path, model, monkeypatch, ext):
    out = tmp_path / f"routes{ext}"
    export_layer(model, "routes", out)
    before = out.read_bytes()
    n = len(model.layer("routes"))
    # a reader that loses the last feature, as a writer that dropped one would be read
    if ext == ".parquet":
        read = gpd.read_parquet
        monkeypatch.setattr(gpd, "read_parquet", lambda *a, **k: read(*a, **k).iloc[:-1])
    else:
        read = pyogrio.read_dataframe
        monkeypatch.setattr(pyogrio, "read_dataframe", lambda *a, **k: read(*a, **k).iloc[:-1])
    with pytest.raises(InputError) as err:
        export_layer(model, "planned", out)
    fmt = "GeoParquet" if ext == ".parquet" else "GeoJSON"
    assert f"{fmt} kept {len(model.layer('planned')) - 1} of {len(model.layer('planned'))} features" in str(err.value)
    monkeypatch.undo()
    assert out.read_bytes() == before and len(_read(out)) == n
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_a_geoparquet_that_does_not_open_is_not_put_in_place(tmp_path, model, monkeypatch):
    out = tmp_path / "p.parquet"

    def broken(*args, **kwargs):
        raise ValueError("Missing geo metadata in Parquet/Feather file.")

    monkeypatch.setattr(gpd, "read_parquet", broken)
    with pytest.raises(InputError, match=r"the GeoParquet file written does not read back \(Missing geo metadata"):
        export_layer(model, "planned", out)
    assert list(tmp_path.iterdir()) == []


# -- a text of a date's form that is no calendar date ---------------------------------------------------------
@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".parquet"])
def test_a_day_the_month_does_not_have_is_written_as_text_as_it_is_and_said(tmp_path, dataset_copy, ext):
    days = {0: {"opened": "2024-01-05"}, 1: {"opened": "2024-02-30"}, 3: {"opened": "2023-04-31"}}
    m = stations_with(dataset_copy, days)
    fid = m.layer("stations")["id"].iloc[1]
    res = export_layer(m, "stations", tmp_path / f"s{ext}")
    back = _read(tmp_path / f"s{ext}")["opened"]
    assert [back.iloc[i] for i in (0, 1, 3)] == ["2024-01-05", "2024-02-30", "2023-04-31"]
    assert back.isna().iloc[2]
    said = res.text()
    assert "property 'opened' is written as text, not as dates: 2 of its values are no calendar date" in said
    assert f"'2024-02-30', feature {fid!r})" in said
    assert "写为文本而不是日期" in res.text("zh") and "'2024-02-30'" in res.text("zh")
    # a property of dates only stays a Date field, without a note
    m = stations_with(dataset_copy, {1: {"opened": "2024-02-29"}, 3: {"opened": "2023-04-30"}})
    res = export_layer(m, "stations", tmp_path / f"t{ext}")
    day = _read(tmp_path / f"t{ext}")["opened"].iloc[1]
    assert "calendar" not in res.text() and not isinstance(day, str) and str(day)[:10] == "2024-02-29"


def test_geojson_refuses_a_day_the_month_does_not_have_before_writing(tmp_path, dataset_copy):
    m = stations_with(dataset_copy, {0: {"opened": "2024-01-05"}, 2: {"opened": "2024-02-30"}})
    fid = m.layer("stations")["id"].iloc[2]
    refusal, target = _geojson_refused(m, tmp_path)
    message = str(refusal)
    assert f"'2024-02-30' (property 'opened' of feature {fid!r}) is no calendar date" in message
    assert ".gpkg or .parquet" in message
    zh = error_text(refusal, "zh")
    assert "不是日历上的日期" in zh and repr(fid) in zh
    # what GDAL reads as text is no date to it: written as it is, and read back so
    m = stations_with(dataset_copy, {0: {"opened": "2024-01-05"}, 2: {"opened": "2024-02-32"}})
    export_layer(m, "stations", target)
    assert gpd.read_file(target)["opened"].iloc[2] == "2024-02-32"
    props = json.loads(target.read_text(encoding="utf-8"))["features"][2]["properties"]
    assert props["opened"] == "2024-02-32"


def test_cli_geojson_refusal_of_a_day_names_it_in_both_languages(tmp_path, dataset_copy):
    stations_with(dataset_copy, {1: {"opened": "2024-02-30"}})
    out = tmp_path / "s.geojson"
    args = ["export", "--data", str(dataset_copy.folder), "--layer", "stations", "-o", str(out)]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2
    assert "'2024-02-30' (property 'opened'" in en.stderr and "Traceback" not in en.stderr
    assert "不是日历上的日期" in zh.stderr
    assert not out.exists()


# -- GeoJSON: what GDAL would read as another value, refused before writing ----------------------------------
def test_geojson_refuses_a_text_with_a_nul_that_gdal_would_read_cut(tmp_path, dataset_copy):
    """A NUL in a text was written to GeoJSON (as \\u0000) and the export passed: the read-back counted features
    only, while GDAL (QGIS, geopandas) reads the text cut at the NUL."""
    m = stations_with(dataset_copy, {1: {"note": "gate\x00B"}})
    fid = m.layer("stations")["id"].iloc[1]
    refusal, _ = _geojson_refused(m, tmp_path)
    message = str(refusal)
    assert f"the text 'gate\\x00B' (property 'note' of feature {fid!r}) holds a NUL character" in message
    assert "remove the NUL characters" in message and ".parquet" in message and ".gpkg" not in message
    zh = error_text(refusal, "zh")
    assert "NUL 字符" in zh and repr(fid) in zh and "'note'" in zh
    # (what it guards against: GDAL's reading of such a file, as QGIS and geopandas would)
    probe = tmp_path / "probe.geojson"
    feature = {"type": "Feature", "properties": {"note": "gate\x00B"}, "geometry": None}
    probe.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    assert pyogrio.read_dataframe(probe)["note"].iloc[0] == "gate"


def test_geojson_refuses_a_property_name_with_a_nul_that_gdal_would_read_cut(tmp_path, dataset_copy):
    """A NUL in a property's name was written to GeoJSON and the export passed: GDAL (QGIS, geopandas) reads the
    property under the name cut at the NUL ('a' for 'a\\x00b')."""
    m = stations_with(dataset_copy, {2: {"a\x00b": 1.5}})
    fid = m.layer("stations")["id"].iloc[2]
    refusal, _ = _geojson_refused(m, tmp_path)
    message = str(refusal)
    assert f"the property name 'a\\x00b' (feature {fid!r}) holds a NUL character" in message
    assert "remove the NUL characters from the name" in message and ".parquet" in message
    zh = error_text(refusal, "zh")
    assert "属性名 'a\\x00b'" in zh and repr(fid) in zh
    # (what it guards against: GDAL's reading of such a file)
    probe = tmp_path / "probe.geojson"
    feature = {"type": "Feature", "properties": {"a\x00b": 1.5}, "geometry": None}
    probe.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    assert list(pyogrio.read_dataframe(probe).columns) == ["a", "geometry"]
    export_layer(m, "stations", tmp_path / "s.parquet")  # the format the message names keeps it
    assert _read(tmp_path / "s.parquet")["a\x00b"].iloc[2] == 1.5


@pytest.mark.parametrize(("ext", "fmt"), [(".gpkg", "GeoPackage"), (".shp", "Shapefile")])
def test_a_property_name_with_a_nul_is_refused_before_writing_where_gdal_cuts_it(tmp_path, dataset_copy, ext, fmt):
    """A GeoPackage or Shapefile export of a property named 'a\\x00b' failed only at its read-back, with "did not
    keep the field" and no word of the NUL: refused before writing, as GeoJSON's is, by one check naming the
    property and the feature, in English and Chinese; KML renames the field (a_b), GeoParquet keeps the name."""
    m = stations_with(dataset_copy, {2: {"a\x00b": 1.5}})
    fid = m.layer("stations")["id"].iloc[2]
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"s{ext}"
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", target)
    assert str(err.value) == (
        f"{target}: the property name 'a\\x00b' (feature {fid!r}) holds a NUL character (\\x00): GDAL (so QGIS "
        f"and geopandas) ends a name at its first NUL, so the property would be written to the {fmt} file, or read "
        "back from it, under another name; remove the NUL characters from the name, or export to .parquet, which "
        "keeps them"
    )
    assert error_text(err.value, "zh") == (
        f"{target}：属性名 'a\\x00b'（要素 {fid!r}）含有 NUL 字符（\\x00）：GDAL（因而 QGIS 和 geopandas）在名称的"
        f"第一个 NUL 处把它截断，该属性会以另一个名称写入 {fmt} 文件或从中读回；请去掉名称中的 NUL 字符，或导出为"
        "保留它们的 .parquet"
    )
    assert list(out.iterdir()) == []  # (nothing written)
    assert export_layer(m, "stations", out / "s.kml").renamed["a\x00b"] == "a_b"
    export_layer(m, "stations", out / "s.parquet")
    assert _read(out / "s.parquet")["a\x00b"].iloc[2] == 1.5


@pytest.mark.parametrize(
    "values",
    [
        {0: {"seen": "2024-01-05T10:00:00"}, 2: {"seen": "2024-02-30T10:00:00"}},
        {0: {"seen": "2024-01-05 10:00"}, 2: {"seen": "2024-02-30 10:00"}},
        {0: {"seen": "2024-01-05T10:00:00+08:00"}, 2: {"seen": "2024-02-30T10:00:00Z"}},
        {0: {"seen": "2024-01-05T10:00:00"}, 2: {"seen": "2024-02-30"}},  # (a date among dates and times)
    ],
)
def test_geojson_refuses_a_date_and_time_on_a_day_the_month_does_not_have(tmp_path, dataset_copy, values):
    """'2024-02-30T10:00:00' was written to GeoJSON while '2024-02-30' was refused: GDAL reads a property of dates
    and times as DateTime, that value as another text ('2024-02-30T00:00:00', the T put in) or no time."""
    m = stations_with(dataset_copy, values)
    fid = m.layer("stations")["id"].iloc[2]
    target = tmp_path / "s.geojson"
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", target)
    bad = values[2]["seen"]
    assert f"{bad!r} (property 'seen' of feature {fid!r}) is no calendar date" in str(err.value)
    assert "不是日历上的日期" in error_text(err.value, "zh")
    assert not target.exists()


def test_dates_and_times_gdal_reads_as_text_or_as_they_are_are_written(tmp_path, dataset_copy):
    """A day out of every month or an hour 24 makes GDAL read the property as text: written as it is; so is a
    property of dates and times that all exist."""
    for seen in ("2024-02-32T10:00:00", "2024-02-30T24:00:00"):
        m = stations_with(dataset_copy, {0: {"seen": "2024-01-05T10:00:00"}, 2: {"seen": "2024-02-30T10:00:00"},
                                          3: {"seen": seen}})  # fmt: skip
        export_layer(m, "stations", tmp_path / "s.geojson")
        back = gpd.read_file(tmp_path / "s.geojson")["seen"]
        assert [back.iloc[i] for i in (0, 2, 3)] == ["2024-01-05T10:00:00", "2024-02-30T10:00:00", seen]
    m = stations_with(dataset_copy, {2: {"seen": "2024-02-29T10:00:00"}, 3: {"seen": None}})
    export_layer(m, "stations", tmp_path / "t.geojson")
    assert str(gpd.read_file(tmp_path / "t.geojson")["seen"].iloc[2]) == "2024-02-29 10:00:00"


@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".parquet", ".kml"])
def test_a_date_and_time_on_a_day_the_month_does_not_have_is_kept_as_text(tmp_path, dataset_copy, ext):
    """Dates and times are text fields in the other formats, each value kept as written (compared on read-back)."""
    m = stations_with(dataset_copy, {0: {"seen": "2024-01-05T10:00:00"}, 2: {"seen": "2024-02-30 10:00"}})
    export_layer(m, "stations", tmp_path / f"s{ext}")
    back = _read(tmp_path / f"s{ext}")["seen"]
    assert [back.iloc[0], back.iloc[2]] == ["2024-01-05T10:00:00", "2024-02-30 10:00"]


# -- GeoJSON: every text read back as GDAL reads it -----------------------------------------------------------
def test_geojson_refuses_a_comma_fraction_gdal_reads_without_it(tmp_path, dataset_copy):
    """'2024-02-28T10:00:00,5' was written and passed: GDAL reads the property as DateTime, that value as
    2024-02-28T10:00:00 (the half second lost), and the read-back counted features only."""
    m = stations_with(dataset_copy, {0: {"seen": "2024-01-05T10:00:00"}, 2: {"seen": "2024-02-28T10:00:00,5"}})
    fid = m.layer("stations")["id"].iloc[2]
    refusal, _ = _geojson_refused(m, tmp_path)
    message = str(refusal)
    assert (
        f"reads the text '2024-02-28T10:00:00,5' (property 'seen' of feature {fid!r}) of the GeoJSON file written "
        "as '2024-02-28T10:00:00'"
    ) in message
    assert "a point before at most 3 decimals" in message and ".gpkg or .parquet" in message
    zh = error_text(refusal, "zh")
    assert "读成 '2024-02-28T10:00:00'" in zh and repr(fid) in zh and "'seen'" in zh
    # the same moment with a point is read as written
    m = stations_with(dataset_copy, {2: {"seen": "2024-02-28T10:00:00.5"}})
    export_layer(m, "stations", tmp_path / "t.geojson")
    assert str(gpd.read_file(tmp_path / "t.geojson")["seen"].iloc[2]) == "2024-02-28 10:00:00.500000"


@pytest.mark.parametrize(
    ("values", "got"),
    [
        (["2024-01-05T10:00:00", "2024-02-28T10:00:00 "], "2024-02-28T10:00:00"),  # a space after
        (["2024-01-05", " 2024-02-28"], "2024-02-28"),  # a space before
        (["2024-01-05T10:00:00+08:00", "2024-02-28T10:00:00 +08:00"], "2024-02-28T10:00:00+08:00"),
        (["2024-01-05T10:00:00", "2024-02-28 10:00:00 UTC"], "2024-02-28T10:00:00"),  # the zone lost
        (["2024-01-05T10:00:00", "2024-02-28T10:00:00z"], "2024-02-28T10:00:00"),
        (["2024-01-05T10:00:00", "2024-02-28T10:00:00.1234"], "2024-02-28T10:00:00.123"),  # milliseconds kept
        (["08:00:00", "10:00:00,5"], "10:00:00"),  # a time of day alone
    ],
)
def test_geojson_refuses_a_text_gdal_reads_as_another_moment(tmp_path, dataset_copy, values, got):
    m = stations_with(dataset_copy, {0: {"seen": values[0]}, 2: {"seen": values[1]}})
    fid = m.layer("stations")["id"].iloc[2]
    refusal, _ = _geojson_refused(m, tmp_path)
    assert f"reads the text {values[1]!r} (property 'seen' of feature {fid!r})" in str(refusal)
    assert f"written as {got!r}" in str(refusal) and f"读成 {got!r}" in error_text(refusal, "zh")


def test_geojson_refuses_a_slash_date_the_month_does_not_have_before_writing(tmp_path, dataset_copy):
    """'2024/02/30' among YYYY/MM/DD dates made the export fail as a file that does not read back, naming no value:
    GDAL reads such texts as dates, that one as 2024-03-01 (through Arrow) or not at all."""
    m = stations_with(dataset_copy, {0: {"opened": "2024/01/05"}, 1: {"opened": "2024/02/30"}})
    fid = m.layer("stations")["id"].iloc[1]
    refusal, target = _geojson_refused(m, tmp_path)
    assert f"'2024/02/30' (property 'opened' of feature {fid!r}) is no calendar date" in str(refusal)
    assert "不是日历上的日期" in error_text(refusal, "zh")
    # a day that is, dates and times in the forms GDAL reads as the same moment, and numbers, booleans and nulls
    # as text, which GDAL reads as the texts they are, are written as they are
    seen = ["2024-01-05 10:00", "2024-02-28T10:00:00+0800", "2024-02-28T10:00:00-00:00", "2024-02-28T10:00:00.120"]
    codes = ["007", "1e5", "0x10", "nan", "true", "12345678901234567890123"]
    edits = {i: {"code": c} for i, c in enumerate(codes)}
    edits[1]["opened"] = "2024/02/28"
    for i, v in enumerate(seen, start=2):
        edits[i]["seen"] = v
    m = stations_with(dataset_copy, edits)
    export_layer(m, "stations", target)
    props = [f["properties"] for f in json.loads(target.read_text(encoding="utf-8"))["features"]]
    assert props[1]["opened"] == "2024/02/28" and [p["seen"] for p in props[2:]] == seen
    assert list(gpd.read_file(target)["code"]) == codes


# -- GeoJSON: texts GDAL reads as moments Python has not, or as another moment --------------------------------
@pytest.mark.parametrize(
    ("values", "got"),
    [
        (["2024-01-05T10:00:00", "2024-12-31T23:59:60"], "2025-01-01T00:00:00"),
        (["2024-01-05T10:00:00+08:00", "2024-06-30T23:59:60.5+08:00"], "2024-07-01T00:00:00.500000+08:00"),
        (["08:00:00", "10:00:60"], "10:01:00"),
    ],
)
def test_geojson_refuses_a_leap_second_gdal_reads_as_the_next_minute(tmp_path, dataset_copy, values, got):
    """'2024-12-31T23:59:60' was written and passed: GDAL's Arrow reading gives 2025-01-01T00:00:00 (geopandas
    reads the property as text); '10:00:60' was refused as a file that does not read back, naming no value."""
    m = stations_with(dataset_copy, {0: {"seen": values[0]}, 2: {"seen": values[1]}})
    fid = m.layer("stations")["id"].iloc[2]
    refusal, _ = _geojson_refused(m, tmp_path)
    message = str(refusal)
    assert f"reads the text {values[1]!r} (property 'seen' of feature {fid!r})" in message
    assert "leap second (second 60), which its Arrow reading" in message and f"gives as {got!r}" in message
    assert "write a second from 00 to 59" in message and ".gpkg or .parquet" in message
    zh = error_text(refusal, "zh")
    assert "闰秒" in zh and f"读成 {got!r}" in zh and repr(fid) in zh and "00 到 59" in zh
    # (what it guards against: GDAL's Arrow reading of such a file)
    probe = tmp_path / "probe.geojson"
    feats = [{"type": "Feature", "properties": {"seen": v}, "geometry": None} for v in values]
    probe.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    back = pyogrio.read_arrow(probe, read_geometry=False)[1].column("seen")[1].as_py()
    assert back.isoformat() == got


@pytest.mark.parametrize(
    ("values", "year"),
    [
        (["2024-01-05", "0000-01-01"], 0),
        (["2024-01-05", "12024-01-01"], 12024),
        (["2024-01-05", "-0001-01-01"], -1),
        (["2024-01-05T10:00:00", "0000-01-01T10:00:00"], 0),
        (["2024-01-05T10:00:00", "12024-01-01T10:00:00"], 12024),
    ],
)
def test_geojson_refuses_a_year_python_has_not_naming_it(tmp_path, dataset_copy, values, year):
    """'0000-01-01' or '12024-01-01' among dates was refused as a file that does not read back, naming no value;
    '12024-01-01T10:00:00' as a misread text, with a hint of fractions and zones."""
    m = stations_with(dataset_copy, {0: {"opened": values[0]}, 2: {"opened": values[1]}})
    fid = m.layer("stations")["id"].iloc[2]
    refusal, _ = _geojson_refused(m, tmp_path)
    message = str(refusal)
    assert f"reads the text {values[1]!r} (property 'opened' of feature {fid!r})" in message
    assert f"as a date in the year {year}, which Python's dates" in message
    assert "write a year from 0001 to 9999" in message and ".gpkg or .parquet" in message
    zh = error_text(refusal, "zh")
    assert f"读作 {year} 年的日期" in zh and "0001 到 9999" in zh and repr(fid) in zh
    export_layer(m, "stations", tmp_path / "s.gpkg")  # a format the message names keeps it as text
    assert gpd.read_file(tmp_path / "s.gpkg")["opened"].iloc[2] == values[1]


# -- GeoJSON: every number read back as GDAL reads it --------------------------------------------------------
@pytest.mark.parametrize(
    ("values", "bad", "got"),
    [
        ({0: 2**53 + 1, 2: 1.5}, 2**53 + 1, 9007199254740992.0),  # among decimals: read as a decimal
        ({0: -(2**53) - 1, 2: 2.5, 3: None}, -(2**53) - 1, -9007199254740992.0),
        ({0: 2**64 + 5, 2: 1}, 2**64 + 5, 1.8446744073709552e19),  # beyond 64 bits
        ({0: -(2**63) - 1, 2: 1}, -(2**63) - 1, -9.223372036854776e18),
        ({0: -(10**18) - 1, 2: 1}, -(10**18) - 1, -1e18),  # (GDAL reads a negative of 19 digits as a decimal)
        ({0: 10**20 + 1}, 10**20 + 1, 1e20),
        ({0: [2**53 + 1, 1.5]}, 2**53 + 1, 9007199254740992.0),  # in a list GDAL reads as decimals
    ],
)
def test_geojson_refuses_a_number_gdal_reads_as_another(tmp_path, dataset_copy, values, bad, got):
    """9007199254740993 beside 1.5 was written and passed: GDAL (QGIS, geopandas) reads it as 9007199254740992.0."""
    m = stations_with(dataset_copy, {i: {"n": v} for i, v in values.items()})
    fid = m.layer("stations")["id"].iloc[0]
    refusal, _ = _geojson_refused(m, tmp_path)
    message = str(refusal)
    assert f"reads the number {bad!r} (property 'n' of feature {fid!r})" in message
    assert f"as {got!r}: it reads a property's numbers" in message
    assert "write the property's values as text" in message and ".gpkg or .parquet" in message
    zh = error_text(refusal, "zh")
    assert f"数 {bad!r}" in zh and f"读成 {got!r}" in zh and repr(fid) in zh and "写为文本" in zh
    if not isinstance(values[0], list):  # (what it guards against: the common readings of such a file)
        probe = tmp_path / "probe.geojson"
        feats = [{"type": "Feature", "properties": {"n": v}, "geometry": None} for v in values.values()]
        probe.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
        for engine in ({}, {"use_arrow": True}):
            assert gpd.read_file(probe, **engine)["n"].iloc[0] == got
        export_layer(m, "stations", tmp_path / "s.gpkg")  # a format the message names keeps it
        kept = pyogrio.read_arrow(tmp_path / "s.gpkg", read_geometry=False)[1].column("n")[0].as_py()
        integers = -(2**63) <= bad < 2**63 and not any(isinstance(v, float) for v in values.values())
        assert kept == (bad if integers else str(bad))  # (an integer field, else text)


def test_geojson_numbers_gdal_reads_as_they_are_are_written(tmp_path, dataset_copy):
    """Integers (to 64 bits) of a property of integers, decimals to their 17th digit, -0.0, and integers a decimal
    holds exactly are read back as the numbers written: written as they are."""
    columns = {
        "big": [2**53 + 1, 3, None, -999_999_999_999_999_999],
        "mixed": [-0.0, 0.1 + 0.2, 5e-324, 1.7976931348623157e308],
        "round": [10**20, 2**53, -(10**18), 2.5],  # (-10**18 too GDAL reads as a decimal)
        "listed": [[2**53 + 1, 3], [1, 2], None, [2**63 - 1]],
    }
    m = stations_with(dataset_copy, {i: {k: v[i] for k, v in columns.items()} for i in range(4)})
    target = tmp_path / "s.geojson"
    export_layer(m, "stations", target)
    back = pyogrio.read_arrow(target, read_geometry=False)[1]
    for name, values in columns.items():
        assert back.column(name).to_pylist()[:4] == values
    assert math.copysign(1.0, back.column("mixed")[0].as_py()) == -1.0
    assert list(gpd.read_file(target)["mixed"].iloc[:4]) == columns["mixed"]
