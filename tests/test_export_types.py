"""`avzone export`: booleans stay booleans (never numbers read back as 1 and 0), and integers beyond 2^53 beside
nulls stay exact (where pandas' float64 reading would make 2**53 + 1 into 2**53), in every format."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
from common import run_cli, stations_with

from avzone.errors import InputError
from avzone.export import export_layer
from avzone.i18n import error_text, printable

EXTENSIONS = [".geojson", ".gpkg", ".shp", ".kml", ".parquet"]
BIG = 2**53 + 1  # the first integer a float64 does not hold: read as 9007199254740992.0


def _arrow(path) -> pa.Table:
    """The file's properties as Arrow reads them: GDAL's reading (pyogrio), or Parquet's own."""
    if path.suffix == ".parquet":
        return pq.read_table(path)
    return pyogrio.read_arrow(path, read_geometry=False)[1]


def _read_as(monkeypatch, ext: str, name: str, kind: pa.DataType) -> None:
    """Every reading of the file written (GDAL's Arrow reading, or Parquet's) gives column ``name`` cast to ``kind``:
    as a format or a reader that does not keep its values would."""

    def cast(table: pa.Table) -> pa.Table:
        if name not in table.column_names:
            return table
        i = table.column_names.index(name)
        return table.set_column(i, name, table.column(name).cast(kind, safe=False))

    if ext == ".parquet":
        read_table = pq.read_table
        monkeypatch.setattr(pq, "read_table", lambda *a, **k: cast(read_table(*a, **k)))
    else:
        read_arrow = pyogrio.read_arrow

        def read(*args, **kwargs):
            meta, table = read_arrow(*args, **kwargs)
            return meta, cast(table)

        monkeypatch.setattr(pyogrio, "read_arrow", read)


def _refused(m, target) -> InputError:
    """The refusal of exporting m's stations over an existing target, which it leaves as it was, alone."""
    target.write_bytes(b"old")
    with pytest.raises(InputError) as err:
        export_layer(m, "stations", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir() if p.name != "data"] == [target.name]
    return err.value


# -- booleans ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ext", EXTENSIONS)
def test_a_property_of_booleans_and_nulls_is_a_boolean_field_in_every_format(tmp_path, dataset_copy, ext):
    m = stations_with(dataset_copy, {0: {"open": True}, 1: {"open": False}, 2: {"open": None}})
    out = tmp_path / f"s{ext}"
    res = export_layer(m, "stations", out)
    assert "open" not in res.as_text
    column = _arrow(out).column("open")
    assert pa.types.is_boolean(column.type)
    assert column.to_pylist()[:3] == [True, False, None]
    if ext != ".parquet":  # (the field's type as GDAL, so QGIS, reads it: Integer of subtype Boolean)
        info = pyogrio.read_info(out)
        assert info["dtypes"][list(info["fields"]).index("open")] == "bool"


@pytest.mark.parametrize("ext", [".geojson", ".gpkg", ".shp", ".kml"])
def test_a_boolean_field_with_nulls_read_by_pandas_as_floats_is_said(tmp_path, dataset_copy, ext):
    """The file holds booleans beside nulls (the read-back passes), but geopandas.read_file reads such a field as
    float64, true as 1.0: unsaid, where the same reading of integers beyond 2^53 beside nulls was said."""
    m = stations_with(dataset_copy, {0: {"open": True}, 1: {"open": None}, 2: {"open": False}})
    fid = m.layer("stations")["id"].iloc[1]
    out = tmp_path / f"s{ext}"
    res = export_layer(m, "stations", out)
    said = res.text()
    assert f"property 'open' holds booleans and nulls (the first null: feature {fid!r})" in said
    assert "read a boolean field with nulls as decimals (float64), true as 1.0 and false as 0.0" in said
    assert "pyogrio.read_arrow or geopandas.read_file(..., use_arrow=True)" in said
    zh = res.text("zh")
    assert "含有布尔值和空值" in zh and "true 读成 1.0" in zh and repr(fid) in zh
    # what the note says: the file holds booleans, pandas' reading gives floats, the reading it names keeps them
    assert _arrow(out).column("open").to_pylist()[:3] == [True, None, False]
    floats = gpd.read_file(out)["open"]
    assert floats.dtype == "float64" and floats.iloc[0] == 1.0 and pd.isna(floats.iloc[1])
    assert gpd.read_file(out, use_arrow=True)["open"].iloc[:3].tolist() == [True, None, False]
    # booleans without nulls, or a GeoParquet (pandas' nullable booleans): no note
    n = len(m.layer("stations"))
    m = stations_with(dataset_copy, {i: {"open": i % 2 == 0} for i in range(n)})
    assert "booleans and nulls" not in export_layer(m, "stations", tmp_path / f"t{ext}").text()
    m = stations_with(dataset_copy, {0: {"open": True}, 1: {"open": None}})
    assert "booleans and nulls" not in export_layer(m, "stations", tmp_path / "s.parquet").text()
    assert gpd.read_parquet(tmp_path / "s.parquet")["open"].iloc[:2].tolist()[0] is True


@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".kml", ".parquet"])
def test_a_boolean_read_back_as_a_number_is_refused(tmp_path, dataset_copy, monkeypatch, ext):
    """The read-back compared a boolean as a number (float(got) == float(want)): a file whose field reads back as
    1 and 0 passed; a GeoParquet's values were not compared at all."""
    m = stations_with(dataset_copy, {0: {"open": True}, 1: {"open": False}})
    fid = m.layer("stations")["id"].iloc[0]

    _read_as(monkeypatch, ext, "open", pa.int32())  # the booleans read back as 1 and 0
    refusal = _refused(m, tmp_path / f"s{ext}")
    assert f"cannot hold the value True of property 'open' in feature {fid!r}: it reads back as 1" in str(refusal)
    assert "读回的是 1" in error_text(refusal, "zh")


@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".kml", ".parquet"])
def test_a_property_of_booleans_and_numbers_is_text_as_the_json_writes_it(tmp_path, dataset_copy, ext):
    """Booleans beside numbers are no boolean field and no number field: text ('true', '2', '2.5'), reported."""
    m = stations_with(dataset_copy, {0: {"n": True}, 1: {"n": 2}, 2: {"n": None}, 3: {"n": 2.5}})
    res = export_layer(m, "stations", tmp_path / f"s{ext}")
    assert "n" in res.as_text and "written as text: n" in res.text()
    assert _arrow(tmp_path / f"s{ext}").column("n").to_pylist()[:4] == ["true", "2", None, "2.5"]


@pytest.mark.parametrize(
    ("values", "bad", "got", "read"),
    [
        ({0: True, 1: 2, 2: None}, "true", "1", 1),  # among integers: read as 1
        ({0: False, 1: 2.5}, "false", "0.0", 0.0),  # among decimals: read as 0.0
        ({0: [True], 1: [1, 2]}, "true", "1", [1]),  # in a list GDAL reads as a list of integers
        ({0: True, 1: [1, 2]}, "true", "[1]", [1]),  # beside lists: read as a list of one number
    ],
)
def test_geojson_refuses_a_boolean_gdal_reads_as_a_number(tmp_path, dataset_copy, values, bad, got, read):
    """{"n": true} beside {"n": 2} was written and passed: GDAL (QGIS, geopandas) reads the property as integers, the
    true as 1, and the read-back compared numbers only."""
    m = stations_with(dataset_copy, {i: {"n": v} for i, v in values.items()})
    fid = m.layer("stations")["id"].iloc[0]
    refusal = _refused(m, tmp_path / "s.geojson")
    message = str(refusal)
    assert f"reads the boolean {bad} (property 'n' of feature {fid!r}) of the GeoJSON file written as {got}:" in message
    assert "a property of booleans and numbers as numbers" in message and ".gpkg or .parquet" in message
    zh = error_text(refusal, "zh")
    assert f"布尔值 {bad}" in zh and f"读成 {got}" in zh and repr(fid) in zh
    # (what it guards against: GDAL's reading of such a file, whichever engine)
    probe = tmp_path / "probe.geojson"
    feats = [{"type": "Feature", "properties": {"n": v}, "geometry": None} for v in values.values()]
    probe.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    first = pyogrio.read_arrow(probe, read_geometry=False)[1].column("n")[0].as_py()
    assert first == read and type(first) is type(read)  # (no bool: true read as a number)
    # the formats the message names write such a property as text, each value as the layer's JSON writes it
    for ext in (".gpkg", ".parquet"):
        res = export_layer(m, "stations", tmp_path / f"s{ext}")
        assert "n" in res.as_text + res.json_text
        assert _arrow(tmp_path / f"s{ext}").column("n")[0].as_py() == json.dumps(values[0])


@pytest.mark.parametrize(
    ("values", "first"),
    [
        ({1: [True, False], 2: [False]}, 1),  # lists of several lengths: pyogrio 0.13's reading fails
        ({1: [True], 2: None}, 1),  # read by pyogrio 0.13 as True and False: the null as false
        ({1: [True], 2: [False]}, 1),  # read as True and False: no lists
        ({1: [True, False], 2: []}, 1),
        ({0: False, 2: [True], 3: True}, 2),  # (a boolean GDAL reads as a list of one)
    ],
)
def test_geojson_refuses_a_property_gdal_reads_as_lists_of_booleans_before_writing(
    tmp_path, dataset_copy, monkeypatch, values, first
):
    """The refusal came from pyogrio's reading failing after the file was written (so only where pyogrio 0.13 fails:
    'setting an array element with a sequence.'), and [true] beside null passed, read by geopandas.read_file as
    True and False."""
    m = stations_with(dataset_copy, {i: {"flags": v} for i, v in values.items()})
    fid = m.layer("stations")["id"].iloc[first]

    def not_written(*args, **kwargs):
        raise AssertionError("written")

    with monkeypatch.context() as patched:
        patched.setattr("avzone.export.output_file", not_written)  # refused before anything is written
        refusal = _refused(m, tmp_path / "s.geojson")
    message = str(refusal)
    listed = json.dumps(values[first])
    assert (
        f"GDAL reads property 'flags' of the GeoJSON file as lists of booleans ({listed}, feature {fid!r})" in message
    )
    assert "pyogrio's reading (so geopandas.read_file) does not give back" in message
    assert ".gpkg (lists as JSON text) or .parquet (lists kept)" in message
    zh = error_text(refusal, "zh")
    assert "布尔值列表" in zh and "'flags'" in zh and repr(fid) in zh
    # (what it guards against: GDAL reads such a property as lists of booleans, which pyogrio does not give back)
    probe = tmp_path / "probe.geojson"
    feats = [{"type": "Feature", "properties": {"flags": v}, "geometry": None} for v in values.values()]
    probe.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    kind = pyogrio.read_arrow(probe, read_geometry=False)[1].schema.field("flags").type
    assert pa.types.is_list(kind) and pa.types.is_boolean(kind.value_type)
    # the formats the message names keep the lists
    export_layer(m, "stations", tmp_path / "s.parquet")
    assert _arrow(tmp_path / "s.parquet").column("flags")[first].as_py() in (values[first], listed)  # (or JSON text)
    export_layer(m, "stations", tmp_path / "s.gpkg")
    assert _arrow(tmp_path / "s.gpkg").column("flags")[first].as_py() == listed


@pytest.mark.parametrize(
    "values",
    [
        {1: [], 2: [True]},  # an empty list first: GDAL reads the property as JSON text
        {1: [True, None]},  # a null in a list: JSON text
        {1: [True], 2: "x"},  # beside a text: text
        {1: [True], 2: [1.5]},  # beside numbers: lists of numbers (a boolean among them refused as such)
    ],
)
@pytest.mark.filterwarnings("ignore:Could not parse column")  # (geopandas' note on a text that is no JSON)
def test_geojson_writes_lists_of_booleans_gdal_reads_as_another_kind(tmp_path, dataset_copy, values):
    m = stations_with(dataset_copy, {i: {"flags": v} for i, v in values.items()})
    if 2 in values and values[2] == [1.5]:
        with pytest.raises(InputError, match="reads the boolean true"):
            export_layer(m, "stations", tmp_path / "s.geojson")
        return
    export_layer(m, "stations", tmp_path / "s.geojson")
    kind = _arrow(tmp_path / "s.geojson").schema.field("flags").type
    assert not (pa.types.is_list(kind) and pa.types.is_boolean(kind.value_type))
    assert len(gpd.read_file(tmp_path / "s.geojson")) == len(m.layer("stations"))


# -- integers beyond 2^53 beside nulls -----------------------------------------------------------------------
@pytest.mark.parametrize("ext", [".geojson", ".gpkg", ".shp"])
def test_an_integer_beyond_2_53_beside_a_null_is_exact_and_its_float_reading_is_said(tmp_path, dataset_copy, ext):
    """The file holds 2**53 + 1 exactly beside a null; geopandas.read_file reads it 9007199254740992.0, which the
    export did not say."""
    m = stations_with(dataset_copy, {0: {"big": 3}, 1: {"big": None}, 2: {"big": BIG}})
    fid = m.layer("stations")["id"].iloc[2]
    out = tmp_path / f"s{ext}"
    res = export_layer(m, "stations", out)
    assert _arrow(out).column("big").to_pylist()[:3] == [3, None, BIG]  # the file is exact: not refused
    said = res.text()
    assert f"property 'big' holds integers beyond 2^53 (the first {BIG}, feature {fid!r}) and nulls" in said
    assert f"read an integer field with nulls as decimals (float64), {BIG} as 9007199254740992.0" in said
    assert "pyogrio.read_arrow" in said and "types_mapper" in said
    zh = res.text("zh")
    assert "超过 2^53 的整数" in zh and "读成 9007199254740992.0" in zh and repr(fid) in zh
    # what the note says: pandas' reading changes it, the reading it names keeps it
    assert gpd.read_file(out)["big"].iloc[2] == float(BIG) != BIG
    kept = gpd.read_file(out, use_arrow=True, arrow_to_pandas_kwargs={"types_mapper": pd.ArrowDtype})["big"]
    assert kept.iloc[2] == BIG and pd.isna(kept.iloc[1])
    # no null, or integers a float holds: no note
    n = len(m.layer("stations"))
    m = stations_with(dataset_copy, {i: {"big": BIG} for i in range(n)})
    assert "2^53" not in export_layer(m, "stations", tmp_path / f"t{ext}").text()
    m = stations_with(dataset_copy, {i: {"big": 2**53 if i else None} for i in range(n)})
    assert "2^53" not in export_layer(m, "stations", tmp_path / f"u{ext}").text()


def test_an_integer_beyond_2_53_beside_a_null_in_geoparquet_and_kml(tmp_path, dataset_copy):
    m = stations_with(dataset_copy, {0: {"big": 3}, 1: {"big": None}, 2: {"big": BIG}})
    res = export_layer(m, "stations", tmp_path / "s.parquet")  # an Int64 column: pandas reads it exactly
    assert "2^53" not in res.text()
    assert list(gpd.read_parquet(tmp_path / "s.parquet")["big"].iloc[[0, 2]]) == [3, BIG]
    res = export_layer(m, "stations", tmp_path / "s.kml")  # KML integers are 32-bit: text, as written
    assert "big" in res.as_text and _arrow(tmp_path / "s.kml").column("big").to_pylist()[:3] == ["3", None, str(BIG)]


@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".parquet"])
def test_an_integer_read_back_as_a_float_is_refused(tmp_path, dataset_copy, monkeypatch, ext):
    """A reading that gives 2**53 + 1 as a float (as pandas' does beside a null) is a changed value: refused."""
    m = stations_with(dataset_copy, {0: {"big": 3}, 1: {"big": None}, 2: {"big": BIG}})
    fid = m.layer("stations")["id"].iloc[2]

    _read_as(monkeypatch, ext, "big", pa.float64())
    refusal = _refused(m, tmp_path / f"s{ext}")
    assert f"value {BIG} of property 'big' in feature {fid!r}: it reads back as 9007199254740992.0" in str(refusal)


# -- decimals ------------------------------------------------------------------------------------------------
DECIMALS = [-0.0, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 1 / 3, -2.2250738585072014e-308]


def test_geoparquet_keeps_every_decimal_bit_for_bit(tmp_path, dataset_copy):
    m = stations_with(dataset_copy, {i: {"x": v, "xs": [v, 1.5]} for i, v in enumerate(DECIMALS)})
    export_layer(m, "stations", tmp_path / "s.parquet")
    back = pq.read_table(tmp_path / "s.parquet")
    got = back.column("x").to_pylist()
    assert got == DECIMALS and [str(v) for v in got] == [str(v) for v in DECIMALS]  # (-0.0 too)
    assert [v[0] for v in back.column("xs").to_pylist()] == DECIMALS


@pytest.mark.parametrize(
    ("value", "read"),
    [(0.1 + 0.2, 0.30000000000000004 + 2**-54), (-0.0, 0.0), (1 / 3, math.nextafter(1 / 3, 1.0))],
)
@pytest.mark.parametrize("listed", [False, True])
def test_a_geoparquet_decimal_read_back_as_another_is_refused(tmp_path, dataset_copy, monkeypatch, value, read, listed):
    """The read-back compared a GeoParquet's decimals within a relative 1e-14: a file whose 0.30000000000000004 read
    back one bit off, or whose -0.0 read back as 0.0, passed, though Parquet holds every float64 as it is."""
    assert read != value or math.copysign(1.0, read) != math.copysign(1.0, value)
    m = stations_with(dataset_copy, {1: {"x": [value] if listed else value}})
    fid = m.layer("stations")["id"].iloc[1]
    read_table = pq.read_table

    def nudged(*args, **kwargs):  # the file's decimal read back as another, as a writer that changed it would be
        table = read_table(*args, **kwargs)
        values = table.column("x").to_pylist()
        values[1] = [read] if listed else read
        return table.set_column(table.column_names.index("x"), "x", pa.array(values, table.schema.field("x").type))

    monkeypatch.setattr(pq, "read_table", nudged)
    refusal = _refused(m, tmp_path / "s.parquet")
    assert f"property 'x' in feature {fid!r}: it reads back as {[read] if listed else read!r}" in str(refusal)


# -- avzone's own reading of a layer -------------------------------------------------------------------------
def test_model_layer_keeps_an_integer_beyond_2_53_beside_a_null(dataset_copy):
    """model.layer() made a property of integers and nulls float64: 2**53 + 1 came back as 9007199254740992.0."""
    m = stations_with(
        dataset_copy,
        {0: {"big": BIG, "mixed": BIG, "small": 3}, 1: {"big": None, "mixed": 1.5, "small": None}, 2: {"big": 3}},
    )
    frame = m.layer("stations")
    assert str(frame["big"].dtype) == "Int64" and list(frame["big"].iloc[[0, 2]]) == [BIG, 3]
    assert pd.isna(frame["big"].iloc[1]) and frame["big"].isna().sum() == len(frame) - 2
    assert frame["mixed"].iloc[0] == BIG and type(frame["mixed"].iloc[0]) is int and frame["mixed"].iloc[1] == 1.5
    assert frame["small"].dtype == "float64"  # (integers a float holds: pandas' own type, as before)


# -- texts no file can hold, and names a reader takes ------------------------------------------------------------
@pytest.mark.parametrize("ext", EXTENSIONS)
@pytest.mark.parametrize("where", ["value", "list", "name"])
def test_a_lone_surrogate_is_refused_naming_the_feature_and_property(tmp_path, dataset_copy, ext, where):
    """A JSON escape \\ud800 with no low surrogate, which the layer's reading keeps, failed every export with a
    UnicodeEncodeError and a traceback."""
    doc = dataset_copy.read("stations.geojson")
    fid = doc["features"][1]["properties"]["id"]
    props = {"value": {"note": "PLACEHOLDER"}, "list": {"note": ["ok", "PLACEHOLDER"]}, "name": {"PLACEHOLDER": 1}}
    doc["features"][1]["properties"].update(props[where])
    text = json.dumps(doc, ensure_ascii=False).replace("PLACEHOLDER", "a\\ud800b")
    (dataset_copy.folder / "stations.geojson").write_text(text, encoding="utf-8")
    m = dataset_copy.load()
    refusal = _refused(m, tmp_path / f"s{ext}")
    prop = "a\ud800b" if where == "name" else "note"
    message = str(refusal)
    assert f"the text 'a\\ud800b' (property {prop!r} of feature {fid!r}) holds a lone UTF-16 surrogate" in message
    assert "(\\ud800), which is no character" in message and "correct it in the layer's file" in message
    zh = error_text(refusal, "zh")
    assert "单独的 UTF-16 代理项" in zh and repr(fid) in zh


def test_a_lone_surrogate_in_a_geojson_feature_member_is_refused_naming_it(tmp_path, dataset_copy):
    """A feature's id member (written as it is to GeoJSON only) with a lone surrogate failed the GeoJSON export
    with a UnicodeEncodeError; the formats that write properties alone write it."""
    doc = dataset_copy.read("stations.geojson")
    fid = doc["features"][1]["properties"]["id"]
    doc["features"][1]["id"] = "PLACEHOLDER"
    text = json.dumps(doc, ensure_ascii=False).replace("PLACEHOLDER", "x\\udfffy")
    (dataset_copy.folder / "stations.geojson").write_text(text, encoding="utf-8")
    m = dataset_copy.load()
    refusal = _refused(m, tmp_path / "s.geojson")
    assert f"the text 'x\\udfffy' (member 'id' of feature {fid!r}) holds a lone UTF-16 surrogate" in str(refusal)
    assert "成员 'id'" in error_text(refusal, "zh")
    export_layer(m, "stations", tmp_path / "s.gpkg")  # (the feature's members are not in it)
    assert _arrow(tmp_path / "s.gpkg").column("id")[1].as_py() == fid


def test_a_layer_id_with_a_lone_surrogate_is_refused_before_any_export(tmp_path, dataset_copy):
    """A layer id with a lone surrogate (the file's layer name in GeoJSON, GeoPackage and KML) was loaded and broke
    those exports: the dataset is refused when it is read (avzone.dataset.read_manifest), naming the layer's entry;
    no format is written."""
    manifest = dataset_copy.folder / "dataset.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"id": "stations"', '"id": "st\\ud800x"', 1), encoding="utf-8")
    target = tmp_path / "s.gpkg"
    args = ["export", "--data", str(dataset_copy.folder), "--layer", "airports", "-o", str(target)]
    result = run_cli(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'id' 'st\\ud800x' holds a lone UTF-16 surrogate (\\ud800), which is no character" in result.stderr
    assert not target.exists()


def test_cli_refuses_a_lone_surrogate_without_a_traceback(tmp_path, dataset_copy):
    doc = dataset_copy.read("stations.geojson")
    doc["features"][1]["properties"]["note"] = "PLACEHOLDER"
    text = json.dumps(doc, ensure_ascii=False).replace("PLACEHOLDER", "a\\udc00")
    (dataset_copy.folder / "stations.geojson").write_text(text, encoding="utf-8")
    out = tmp_path / "s.gpkg"
    args = ["export", "--data", str(dataset_copy.folder), "--layer", "stations", "-o", str(out)]
    en, zh = run_cli(*args), run_cli(*args, "--lang", "zh")
    assert en.returncode == zh.returncode == 2
    assert "holds a lone UTF-16 surrogate (\\udc00)" in en.stderr and "Traceback" not in en.stderr
    assert "代理项（\\udc00）" in zh.stderr and "Traceback" not in zh.stderr
    assert not out.exists()


def test_a_geojson_property_named_geometry_geopandas_drops_is_said(tmp_path, dataset_copy):
    """A property 'geometry' is written to GeoJSON as it is, and geopandas.read_file dropped its values unsaid."""
    m = stations_with(dataset_copy, {0: {"geometry": "gate A"}})
    res = export_layer(m, "stations", tmp_path / "s.geojson")
    assert "property 'geometry' is in the file as written" in res.text()
    assert "drops its values" in res.text() and ".gpkg (written as geometry_1)" in res.text()
    assert "丢掉它的值" in res.text("zh")
    assert _arrow(tmp_path / "s.geojson").column("geometry")[0].as_py() == "gate A"  # (GDAL reads it)
    assert "gate A" not in gpd.read_file(tmp_path / "s.geojson").to_string()  # (what the note warns of)
    assert gpd.read_file(tmp_path / "s.geojson").geometry.iloc[0].geom_type == "Point"
    # the formats it names keep it
    res = export_layer(m, "stations", tmp_path / "s.gpkg")
    assert res.renamed["geometry"] == "geometry_1" and gpd.read_file(tmp_path / "s.gpkg")["geometry_1"][0] == "gate A"
    export_layer(m, "stations", tmp_path / "s.parquet")
    assert gpd.read_parquet(tmp_path / "s.parquet")["geometry"][0] == "gate A"
    # no such property: no note
    assert "'geometry'" not in export_layer(dataset_copy.load(), "routes", tmp_path / "r.geojson").text()


@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".kml", ".parquet"])
def test_a_nan_each_format_holds_as_null_is_said(tmp_path, dataset_copy, ext):
    """NaN was written as null (read back as null) unsaid in every format but GeoJSON, which said it."""
    doc = dataset_copy.read("stations.geojson")
    for i, v in enumerate(["NAN_HERE", 1.5, "INF_HERE"]):
        doc["features"][i]["properties"]["ratio"] = v
    text = json.dumps(doc, ensure_ascii=False).replace('"NAN_HERE"', "NaN").replace('"INF_HERE"', "Infinity")
    (dataset_copy.folder / "stations.geojson").write_text(text, encoding="utf-8")
    m = dataset_copy.load()
    res = export_layer(m, "stations", tmp_path / f"s{ext}")
    assert _arrow(tmp_path / f"s{ext}").column("ratio").to_pylist()[:3] == [None, 1.5, float("inf")]
    assert res.nulled == {"ratio": 1}
    fmt = res.format
    assert f"NaN (not a number) is null in {fmt}, written and read back as null: ratio (1 feature(s))" in res.text()
    assert f"NaN（非数）在 {fmt} 中就是空值" in res.text("zh") and "ratio（1 个要素）" in res.text("zh")
    res = export_layer(m, "stations", tmp_path / "s.geojson")  # (GeoJSON: no JSON form, said so as before)
    assert res.nulled == {"ratio": 2} and "have no JSON form, written as null: ratio (2 feature(s))" in res.text()


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_chinese_property_names_and_values_keep_their_order_in_every_format(tmp_path, dataset_copy, ext):
    """Properties named in Chinese (a Shapefile's cut to 10 bytes between characters, told apart, reported) keep
    their values and the layer's order of properties."""
    n = len(dataset_copy.load().layer("stations"))
    edits = {i: {"名称": f"站{i}", "中文属性名称很长一": i, "中文属性名称很长二": f"二{i}"} for i in range(n)}
    m = stations_with(dataset_copy, edits)
    out = tmp_path / f"s{ext}"
    res = export_layer(m, "stations", out)
    if ext == ".shp":
        assert res.renamed["中文属性名称很长一"] == "中文属" and res.renamed["中文属性名称很长二"] == "中文属1"
    names = [c for c in m.layer("stations").columns if c != "geometry"]
    fields = [res.renamed.get(c, c) for c in names]
    back = _arrow(out)
    assert [c for c in back.column_names if c in fields] == fields  # in the layer's order
    assert back.column(fields[names.index("名称")]).to_pylist() == [f"站{i}" for i in range(n)]
    assert back.column(fields[names.index("中文属性名称很长二")]).to_pylist() == [f"二{i}" for i in range(n)]


@pytest.mark.parametrize(
    ("ext", "name", "field"),
    [
        (".kml", "<x>", "_x>"),  # GDAL's LIBKML writes < & " unescaped: no reader parses the file
        (".kml", "a&b", "a_b"),
        (".kml", 'a"b', "a_b"),
        (".kml", "a\tb", "a b"),  # (read back as a space)
        (".kml", "a\x01b", "a_b"),  # characters XML 1.0 has no form for: GDAL writes them as they are
        (".kml", "a\x1fb", "a_b"),
        (".kml", "a\x0bb", "a_b"),
        (".kml", "a\ufffeb", "a_b"),
        (".kml", "a\x00b", "a_b"),  # (GDAL ends a name at its NUL)
        (".shp", "x:y", "x_y"),  # GDAL's Shapefile writer makes a colon _ ...
        (".shp", "trail ", "trail"),  # ... and drops a space at the end
        (".shp", "abcdefghi j", "abcdefghi1"),  # (cut to 10 bytes it would end with a space)
        (".shp", "OGC_FID", "OGC_FID_1"),  # GDAL's Arrow writing takes a field so named for the FID
    ],
)
def test_a_field_name_the_writer_would_change_is_renamed_and_reported(tmp_path, dataset_copy, ext, name, field):
    """Such names made the export fail: 'cannot write the file (ERROR parsing kml ...)' naming a temporary file
    (KML's <, & and ", and a control character such as \\x01), 'KML (or Shapefile) did not keep the field', or
    'FID column 'OGC_FID' should be of Arrow format ...'."""
    n = len(dataset_copy.load().layer("stations"))
    m = stations_with(dataset_copy, {i: {name: f"v{i}"} for i in range(n)})
    res = export_layer(m, "stations", tmp_path / f"s{ext}")
    assert res.renamed[name] == field and f"{printable(name)} -> {field}" in res.text()  # (\x01 written escaped)
    if ext == ".kml":
        assert "not names of KML elements, nor hold characters KML's XML cannot" in res.text()
        assert "XML 无法保存的字符" in res.text("zh")
    assert _arrow(tmp_path / f"s{ext}").column(field).to_pylist() == [f"v{i}" for i in range(n)]


@pytest.mark.parametrize(("value", "what"), [("gate\x01B", "\\x01"), ("a]]>b", "']]>'"), ("x\x1f", "\\x1f")])
def test_kml_refuses_a_text_xml_cannot_hold_naming_it(tmp_path, dataset_copy, value, what):
    """A control character or ']]>' made GDAL's KML writer write a file no reader parses: the export failed with
    'cannot write the file (ERROR parsing kml <its temporary file> :not well-formed ...)'."""
    m = stations_with(dataset_copy, {1: {"note": value}})
    fid = m.layer("stations")["id"].iloc[1]
    refusal = _refused(m, tmp_path / "s.kml")
    message = str(refusal)
    assert f"KML (XML) cannot hold the text {value!r} (property 'note' of feature {fid!r}): it holds {what}," in message
    assert "avzone-tmp" not in message and "export to .gpkg, .geojson or .parquet instead" in message
    zh = error_text(refusal, "zh")
    assert f"它含有 {what}" in zh and repr(fid) in zh
    export_layer(m, "stations", tmp_path / "s.gpkg")  # (a format the message names keeps it)
    assert _arrow(tmp_path / "s.gpkg").column("note")[1].as_py() == value
