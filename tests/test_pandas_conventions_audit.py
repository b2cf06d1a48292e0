"""The Python API's answers follow the conventions of the pandas / geopandas data they came from.

An input's index is kept (labels, order, names, type), a GeoDataFrame's CRS is used and left as it was, no row is
dropped, a row that cannot be answered says why, the input is never changed, and an answer's columns keep the
types of the columns they came from (an id column's) and never overwrite one another.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import shapely
from shapely.geometry import LineString, Point

import avzone
from avzone.i18n import written
from tests.common import TIANANMEN, YIZHUANG_CORE

LON = [YIZHUANG_CORE[0], TIANANMEN[0], 116.45]
LAT = [YIZHUANG_CORE[1], TIANANMEN[1], 39.75]

INDEXES = {
    "multi": pd.MultiIndex.from_tuples([("a", 1), ("a", 2), ("b", 1)], names=["k", "n"]),
    "repeated": pd.Index([5, 5, 3]),
    "datetime_tz": pd.date_range("2024-01-01", periods=3, tz="Asia/Shanghai", name="t"),
    "categorical": pd.CategoricalIndex(["x", "y", "z"], name="c"),
    "range_step": pd.RangeIndex(10, 40, 10, name="r"),
    "string": pd.Index(["a", "b", "c"], dtype="string"),
    "unsorted": pd.Index([3, 1, 2], name="row"),
    "int32": pd.Index([1, 2, 3], dtype="int32"),
    "arrow_text": pd.Index(["a", "b", "c"], dtype="string[pyarrow]"),
}


def _same_index(got: pd.Index, want: pd.Index) -> None:
    assert got.equals(want) and got.dtype == want.dtype and list(got.names) == list(want.names), (got, want)
    assert type(got) is type(want)


@pytest.mark.parametrize("kind", list(INDEXES))
def test_classify_and_locate_many_keep_every_kind_of_index(model: Any, kind: str) -> None:
    df = pd.DataFrame({"lon": LON, "lat": LAT}, index=INDEXES[kind])
    for frame in (
        model.classify(df, status=True),
        model.classify(df.lon, df.lat),
        model.classify(df.lon.to_numpy(), df.lat, times=pd.Series(["2024-06-01"] * 3, index=df.index)),
        model.locate_many(df).frame(),
    ):
        _same_index(frame.index, df.index)
        assert frame["current"].tolist() == [True, False, False]
    # put back beside their rows by position (concat) and, for distinct labels, by label (join)
    both = pd.concat([df, model.classify(df)], axis=1)
    assert both["current"].tolist() == [True, False, False] and len(both) == 3
    if df.index.is_unique:
        joined = df.join(model.classify(df, status=True))
        _same_index(joined.index, df.index)
        assert joined["current"].tolist() == [True, False, False]


@pytest.mark.parametrize("kind", list(INDEXES))
def test_events_rows_keep_every_kind_of_index_and_name_fixes_by_it(model: Any, kind: str) -> None:
    fixes = pd.DataFrame(
        {
            "vehicle": [7, 7, 7],
            "ts": ["2024-07-01 08:00", "2024-07-01 08:10", "2024-07-01 08:20"],
            "lon": [116.44, 116.46, 116.44],
            "lat": [39.79] * 3,
        },
        index=INDEXES[kind],
    )
    ev = model.events(fixes, zones=["current"])
    _same_index(ev.rows.index, fixes.index)
    assert ev.events["event"].tolist() == ["enter", "exit"]
    if fixes.index.is_unique:  # (the labels find the fixes around each event)
        assert fixes.loc[ev.events["row_before"].tolist(), "lon"].tolist() == [116.44, 116.46]


ID_COLUMNS = {
    "int64": pd.Series([7, 7, 8, 8], dtype="int64"),
    "Int32 with NA": pd.Series([7, 7, 8, None], dtype="Int32"),
    "uint8": pd.Series([7, 7, 8, 8], dtype="uint8"),
    "categorical": pd.Series(pd.Categorical(["b", "b", "a", "a"], categories=["b", "a", "z"])),
    "bool": pd.Series([True, True, False, False]),
    "float": pd.Series([7.5, 7.5, 8.0, 8.0]),
    "string": pd.Series(["b", "b", "a", "a"], dtype="string"),
    "str": pd.Series(["b", "b", "a", "a"], dtype="str"),
}


@pytest.mark.parametrize("kind", list(ID_COLUMNS))
def test_events_ids_keep_the_id_columns_type(model: Any, kind: str) -> None:
    """An id column of integers gives the events and the summary integer ids (not objects), a categorical its
    categories, as any pandas operation keeps a column's dtype: merged back on the id, nothing is converted."""
    ids = ID_COLUMNS[kind]
    fixes = pd.DataFrame(
        {
            "vehicle": ids,
            "ts": ["2024-07-01 08:00", "2024-07-01 08:10"] * 2,
            "lon": [116.44, 116.46] * 2,
            "lat": [39.79] * 4,
        }
    )
    ev = model.events(fixes, zones=["current"])
    assert ev.events["id"].dtype == ids.dtype, ev.events["id"].dtype
    assert ev.summary["id"].dtype == ids.dtype, ev.summary["id"].dtype
    assert ev.summary["id"].tolist() == ids.dropna().unique().tolist()
    both = ids.notna().all()  # (else the second vehicle has one fix: no segment, no event)
    assert ev.events["id"].tolist() == (ids.iloc[[0, 2]] if both else ids.iloc[[0]]).tolist()
    no_event = model.events(fixes.iloc[:0], zones=["current"])  # (a column of no row: of the input's type too)
    assert no_event.events["id"].dtype == ids.dtype and no_event.summary["id"].dtype == ids.dtype


@pytest.mark.parametrize(
    "dtype",
    ["float64[pyarrow]", "Float64", "string", "string[pyarrow]", "str", "float32", "object"],
)
def test_coordinate_dtypes_with_missing_values_keep_their_rows_with_a_status(model: Any, dtype: str) -> None:
    text = dtype in ("string", "string[pyarrow]", "str", "object")
    lon = [str(v) for v in LON[:2]] + [None] if text else [*LON[:2], None]
    lat = [str(v) for v in LAT] if text else LAT
    df = pd.DataFrame({"lon": pd.Series(lon, dtype=dtype), "lat": pd.Series(lat, dtype=dtype)})
    out = model.classify(df, status=True)
    assert out["current"].dtype == "boolean"
    assert out["current"].tolist() == [True, False, pd.NA]
    assert out["status"].astype(str).tolist() == ["ok", "ok", "missing lon"]


def test_decimal_and_int32_coordinates_are_read_as_numbers(model: Any) -> None:
    dec = pd.DataFrame({"lon": [Decimal("116.50"), None, Decimal("116.3975")], "lat": [Decimal("39.79")] * 3})
    out = model.classify(dec, status=True)
    assert out["current"].tolist() == [True, pd.NA, False]
    assert out["status"].astype(str).tolist() == ["ok", "missing lon", "ok"]
    utm = gpd.GeoSeries.from_xy(LON, LAT, crs=4326).to_crs(32650)
    x, y = utm.x.round().astype("int32"), utm.y.round().astype("int32")
    assert model.classify(x, y, crs="EPSG:32650")["current"].tolist() == [True, False, False]


def test_float32_coordinates_are_the_float32_values_exactly(model: Any) -> None:
    """float32 values are widened exactly (no rounding through text): the point answered is the float32 one."""
    x, y = np.array([116.3975], dtype=np.float32), np.array([39.9087], dtype=np.float32)
    res = model.locate_many(x, y)
    assert res.points.lon[0] == float(x[0]) and res.points.lat[0] == float(y[0])


@pytest.mark.parametrize("crs", ["EPSG:3857", "EPSG:32650", "EPSG:4490"])
def test_a_geodataframes_crs_is_used_and_left_as_it_was(model: Any, crs: str) -> None:
    g = gpd.GeoDataFrame(
        {"name": ["a", "b", "c"]},
        geometry=gpd.points_from_xy(LON, LAT),
        crs=4326,
        index=pd.Index([10, 20, 30], name="pid"),
    ).to_crs(crs)
    g = g.rename_geometry("where")  # (an active geometry column not named "geometry")
    before = g.copy()
    for out in (model.classify(g, status=True), model.classify(g.geometry), model.locate_many(g).frame()):
        assert out["current"].tolist() == [True, False, False]
        _same_index(out.index, g.index)
    assert g.crs == before.crs and g.geometry.name == "where" and g.equals(before)


def test_odd_geometries_keep_their_rows_with_a_status(model: Any) -> None:
    g = gpd.GeoDataFrame(
        geometry=[
            Point(116.5, 39.79, 30.0),  # Z: its x and y
            Point(),
            None,
            LineString([(116.5, 39.79), (116.6, 39.8)]),
            shapely.MultiPoint([(116.5, 39.79)]),
        ],
        crs=4326,
    )
    out = model.classify(g, status=True)
    assert out["current"].tolist() == [True, pd.NA, pd.NA, pd.NA, pd.NA]
    assert out["status"].astype(str).tolist() == [
        "ok",
        "no point geometry",
        "no point geometry",
        "geometry is not a Point",
        "geometry is not a Point",
    ]


def test_empty_and_one_row_frames(model: Any) -> None:
    empty = pd.DataFrame({"lon": pd.Series([], dtype=float), "lat": pd.Series([], dtype=float)})
    empty.index = pd.Index([], dtype="str", name="k")
    out = model.classify(empty, status=True, times=pd.Series([], dtype="datetime64[ns]", index=empty.index))
    assert len(out) == 0 and out.index.name == "k" and out.index.dtype == empty.index.dtype
    assert list(out.columns) == [*model.zone_layers, "in_force", "status"]
    one = model.classify(pd.DataFrame({"lon": [116.5], "lat": [39.79]}, index=["only"]))
    assert one.index.tolist() == ["only"] and one["current"].tolist() == [True]


def _snapshot(df: Any) -> tuple[Any, ...]:
    return (df.copy(deep=True), dict(df.dtypes), df.index.copy(), copy.deepcopy(df.attrs), getattr(df, "crs", None))


def _unchanged(df: Any, snap: tuple[Any, ...]) -> bool:
    values, dtypes, index, attrs, crs = snap
    same_index = df.index.equals(index) and df.index.dtype == index.dtype and df.index.names == index.names
    return (
        df.equals(values)
        and dict(df.dtypes) == dtypes
        and same_index
        and df.attrs == attrs
        and getattr(df, "crs", None) == crs
    )


def test_the_input_is_never_changed(model: Any) -> None:
    from avzone.maps import split_tracks

    fixes = pd.DataFrame(
        {
            "car": pd.Categorical(["b", "b", "a", "a"]),
            "ts": ["2024-07-01 08:10", "2024-07-01 08:00", "2024-07-01 08:00", "2024-07-01 08:10"],
            "lon": pd.array([116.46, 116.44, None, 116.46], dtype="Float64"),
            "lat": [39.79] * 4,
        },
        index=pd.Index([9, 3, 3, 1], name="row"),
    )
    fixes.attrs["source"] = "log"
    geo = gpd.GeoDataFrame(
        fixes.drop(columns=["lon", "lat"]),
        geometry=gpd.points_from_xy([116.46, 116.44, 116.44, 116.46], [39.79] * 4),
        crs=4326,
    ).to_crs(32650)
    geo.attrs["source"] = "log"
    for data in (fixes, geo):
        calls = [
            lambda d: model.classify(d, status=True, times=d.ts),
            lambda d: model.locate_many(d, distances=True),
            lambda d: model.events(d, id="car"),
            lambda d: split_tracks(model, d, id="car"),
        ]
        for call in calls:
            snap = _snapshot(data)
            call(data)
            assert _unchanged(data, snap)


def _renamed_dataset(dataset_copy: Any, names: dict[str, str]) -> avzone.Model:
    manifest = dataset_copy.read("dataset.json")
    for layer in manifest["layers"]:
        layer["id"] = names.get(layer["id"], layer["id"])
    for stage in manifest.get("timeline", []):
        stage["layer"] = names.get(stage["layer"], stage["layer"])
    manifest["expansion"] = {**manifest["expansion"], "from": names["current"], "to": names["planned"]}
    manifest["containment"] = [[names.get(a, a), names.get(b, b)] for a, b in manifest["containment"]]
    dataset_copy.write("dataset.json", manifest)
    return dataset_copy.load()


def test_zone_layers_named_as_the_added_columns_are_not_overwritten(dataset_copy: Any) -> None:
    """A zone layer named ``status`` (or ``in_force``) keeps its column; the added one is named ``status_2``, as a
    file job names a column of a name the input has, and the answer's notes say so."""
    model = _renamed_dataset(
        dataset_copy, {"core": "核心区", "current": "现行", "planned": "In_Force", "outlook": "status"}
    )
    df = pd.DataFrame({"lon": [116.50, 116.3975, None], "lat": [39.79, 39.9087, 39.8]}, index=list("abc"))
    out = model.classify(df, status=True, times=pd.Series(["2024-06-01"] * 3, index=df.index))
    assert list(out.columns) == ["核心区", "现行", "In_Force", "status", "in_force_2", "status_2"]
    assert out["status"].dtype == "boolean" and out["status"].tolist() == [True, False, pd.NA]  # the zone's
    assert out["In_Force"].tolist() == [True, False, pd.NA]
    assert out["status_2"].astype(str).tolist() == ["ok", "ok", "missing lon"]
    assert out["in_force_2"].tolist() == [True, False, pd.NA]  # (in 现行, the stage in force then)
    (note,) = out.attrs["notes"]
    assert note == (
        "zone layers are named as columns the answer adds; the layers' columns kept, the added ones are named: "
        "in_force -> in_force_2, status -> status_2"
    )
    assert (
        written(note, "zh")
        == "有区域图层与答案追加的列同名；图层的列保持原样，追加的列改名为：in_force -> in_force_2、status -> status_2"
    )
    # Chinese layer names are column labels like any other; without status or times nothing is renamed
    plain = model.classify(df)
    assert list(plain.columns) == ["核心区", "现行", "In_Force", "status"] and "notes" not in plain.attrs
    assert plain["现行"].tolist() == [True, False, pd.NA]
    # a polars or Arrow answer has the same columns, the note in the table's metadata
    table = model.classify(pa.table({"lon": [116.50], "lat": [39.79]}), status=True)
    assert table.column_names == ["核心区", "现行", "In_Force", "status", "status_2"]
    assert table.column("status").to_pylist() == [True] and table.column("status_2").to_pylist() == ["ok"]
    assert json.loads(table.schema.metadata[b"notes"]) == [
        "zone layers are named as columns the answer adds; the layers' columns kept, the added ones are named: "
        "status -> status_2"
    ]


@pytest.mark.parametrize("frame", [False, True])
def test_locate_given_a_geoseries_says_to_give_one_point_with_its_crs(model: Any, frame: bool) -> None:
    """Its points are in its CRS: the refusal says how to give one with it (not ``lon.item()``, which a GeoSeries
    has no numbers for, nor the point alone, which would be read as WGS84)."""
    points: Any = gpd.GeoSeries.from_xy([116.5], [39.79], crs=4326).to_crs(3857)
    if frame:
        points = points.to_frame("where").set_geometry("where")
    with pytest.raises(avzone.InputError) as info:
        model.locate(points)
    said = info.value.args[0]
    kind = type(points).__name__
    assert str(said) == (
        f"locate takes one point, got a {kind} of 1 point(s): give one of its points with its CRS, "
        "locate(points.geometry.iloc[0], crs=points.crs), or for all of them classify(points) or "
        "locate_many(points), which read its CRS"
    )
    assert "locate(points.geometry.iloc[0], crs=points.crs)" in written(said, "zh")
    assert model.locate(points.geometry.iloc[0], crs=points.crs).zones["current"] is True  # (what it says works)


@pytest.mark.parametrize("wrap", [pd.Series, list, lambda v: np.array(v, dtype=object)])
def test_shapely_points_without_a_crs_alone_are_refused_saying_to_make_a_geoseries(model: Any, wrap: Any) -> None:
    points = wrap([None, Point(116.5, 39.79), Point(116.3975, 39.9087)])
    with pytest.raises(avzone.InputError) as info:
        model.classify(points)
    said = info.value.args[0]
    assert str(said).endswith(
        "of shapely geometries alone, which says no CRS: make it a GeoSeries in the points' CRS, "
        "geopandas.GeoSeries(points, crs=...)"
    )
    assert "geopandas.GeoSeries(points, crs=...)" in written(said, "zh")
    assert model.classify(gpd.GeoSeries(points, crs=4326))["current"].tolist() == [pd.NA, True, False]
    with pytest.raises(avzone.InputError, match=r"got Series alone$"):  # (a Series of numbers alone: lats missing)
        model.classify(pd.Series([116.5]))
