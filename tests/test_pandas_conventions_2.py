"""More of the pandas conventions the Python API's answers follow (see tests/test_pandas_conventions_audit.py).

``split_tracks`` gives ids and row labels of the input's types, as the events do; a plain DataFrame whose points are
shapely geometries is refused saying how to give their CRS (never guessed); the answers name a Series by its name
only when that tells the inputs apart; ``classify`` passes the input's ``attrs`` on, beside avzone's notes.
"""

from __future__ import annotations

import copy
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

import avzone
from avzone.i18n import written
from avzone.maps import make_map, split_tracks

ID_COLUMNS = {
    "int64": pd.Series([7, 7, 8, 8], dtype="int64"),
    "Int32 with NA": pd.Series([7, 7, 8, None], dtype="Int32"),
    "categorical, unused categories": pd.Series(pd.Categorical(["b", "b", "a", "a"], categories=["z", "b", "a"])),
    "bool": pd.Series([True, True, False, False]),
    "float": pd.Series([7.5, 7.5, 8.0, 8.0]),
    "string": pd.Series(["b", "b", "a", "a"], dtype="string"),
    "string[pyarrow]": pd.Series(["b", "b", "a", "a"], dtype="string[pyarrow]"),
    "int64[pyarrow]": pd.Series([7, 7, 8, 8], dtype="int64[pyarrow]"),
}


def _fixes(ids: Any, index: Any = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "vehicle": ids,
            "ts": ["2024-07-01 08:00", "2024-07-01 08:10"] * 2,
            "lon": [116.44, 116.46] * 2,
            "lat": [39.79] * 4,
        },
        index=index,
    )


@pytest.mark.parametrize("kind", list(ID_COLUMNS))
def test_split_tracks_ids_keep_the_id_columns_type_as_the_events_do(model: Any, kind: str) -> None:
    ids = ID_COLUMNS[kind]
    fixes = _fixes(ids)
    tracks = split_tracks(model, fixes)
    events = model.events(fixes, zones=["current"])
    for frame in (tracks.parts, tracks.events, tracks.markers):
        assert frame["id"].dtype == ids.dtype, (frame["id"].dtype, ids.dtype)
    assert tracks.events["id"].tolist() == events.events["id"].tolist()
    assert tracks.parts["id"].tolist() == (ids.iloc[[0, 0, 2, 2]] if ids.notna().all() else ids.iloc[[0, 0]]).tolist()
    no_fix = split_tracks(model, fixes.iloc[:0])  # (no part, no event: columns of the input's type all the same)
    assert no_fix.parts["id"].dtype == ids.dtype and no_fix.events["id"].dtype == ids.dtype
    assert make_map(model, tracks=tracks).get_root().render()  # (drawn with ids of any type)


@pytest.mark.parametrize(
    "index",
    [
        None,
        pd.Index([3, 1, 2, 0], dtype="int32", name="row"),
        pd.date_range("2024-07-01", periods=4, freq="h", name="when"),
        pd.Index(["a", "b", "c", "d"], dtype="string"),
    ],
)
def test_split_tracks_row_labels_are_of_the_index_type_as_the_events(model: Any, index: Any) -> None:
    fixes = _fixes([7, 7, 8, 8], index)
    tracks = split_tracks(model, fixes)
    events = model.events(fixes, zones=["current"])
    for frame in (tracks.events, tracks.markers):
        for col in ("row_before", "row_after"):
            assert frame[col].dtype == events.events[col].dtype, (col, frame[col].dtype)
            assert frame[col].tolist() == events.events[col].tolist()
    assert tracks.events.dtypes.to_dict() == events.events.dtypes.to_dict()


def _geometry_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"name": ["a", "b"], "geometry": [Point(116.5, 39.79), Point(116.3975, 39.9087)]},
        index=pd.Index([10, 20], name="pid"),
    )


def _fixes_of_geometries() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "vehicle": [7, 7],
            "ts": ["2024-07-01 08:00", "2024-07-01 08:10"],
            "geometry": [Point(116.44, 39.79), Point(116.46, 39.79)],
        }
    )


HINT = "make it a GeoDataFrame in the points' CRS, geopandas.GeoDataFrame(df, geometry='geometry', crs=...)"


@pytest.mark.parametrize("call", ["classify", "locate_many", "locate", "events", "split_tracks"])
def test_a_plain_dataframe_of_shapely_points_is_refused_saying_to_make_it_a_geodataframe(model: Any, call: str) -> None:
    """A plain DataFrame says no CRS for its geometries: refused (never read as WGS84 unasked), saying what works."""
    points = _fixes_of_geometries() if call in ("events", "split_tracks") else _geometry_frame()
    before = points.copy()
    run = {
        "classify": lambda: model.classify(points),
        "locate_many": lambda: model.locate_many(points),
        "locate": lambda: model.locate(points),
        "events": lambda: model.events(points),
        "split_tracks": lambda: split_tracks(model, points),
    }[call]
    with pytest.raises(avzone.InputError) as info:
        run()
    said = info.value.args[0]
    assert str(said).endswith(HINT)
    assert "holds shapely geometries" in str(said)
    assert "geopandas.GeoDataFrame(df, geometry='geometry', crs=...)" in written(said, "zh")
    assert points.equals(before)
    # what it says works
    geo = gpd.GeoDataFrame(points, geometry="geometry", crs=4326)
    if call == "classify":
        assert model.classify(geo)["current"].tolist() == [True, False]
    elif call == "events":
        assert model.events(geo, zones=["current"]).events["event"].tolist() == ["enter"]


def test_a_geometry_column_with_its_crs_is_named_with_it(model: Any) -> None:
    """``pd.DataFrame(gdf)`` keeps a column of geopandas' type that knows its CRS: the refusal names it, and the
    GeoDataFrame it says to make keeps it."""
    gdf = gpd.GeoDataFrame(_geometry_frame(), geometry="geometry", crs=4326).to_crs(3857)
    plain = pd.DataFrame(gdf)
    assert type(plain) is pd.DataFrame
    with pytest.raises(avzone.InputError) as info:
        model.classify(plain)
    said = info.value.args[0]
    assert str(said) == (
        "the DataFrame has no lon and lat columns, and its column 'geometry' holds geometries in EPSG:3857, which "
        "only a GeoDataFrame's geometry passes on: make it one, geopandas.GeoDataFrame(df, geometry='geometry'), "
        "which keeps their CRS"
    )
    assert "geopandas.GeoDataFrame(df, geometry='geometry')" in written(said, "zh")
    answer = model.classify(gpd.GeoDataFrame(plain, geometry="geometry"))
    assert answer["current"].tolist() == [True, False] and answer.index.equals(plain.index)


def test_a_dataframe_with_lon_and_lat_columns_beside_geometries_is_read_by_its_columns(model: Any) -> None:
    df = _geometry_frame().assign(lon=[116.5, 116.3975], lat=[39.79, 39.9087])
    assert model.classify(df)["current"].tolist() == [True, False]


def test_locate_given_a_plain_dataframe_says_what_takes_one(model: Any) -> None:
    df = pd.DataFrame({"lon": [116.5, 116.3975], "lat": [39.79, 39.9087]})
    with pytest.raises(avzone.InputError) as info:
        model.locate(df)
    said = info.value.args[0]
    assert str(said) == (
        "locate takes one point, got a DataFrame of 2 row(s): for all of them classify(df) or locate_many(df), "
        "which find its lon and lat columns by name and keep its index; for one row, locate(lon, lat) with its two "
        "numbers"
    )
    assert "classify(df)" in written(said, "zh") and "DataFrame" in written(said, "zh")


def test_two_series_of_one_name_are_not_named_by_it(model: Any) -> None:
    """Statuses name two Series by their names (a DataFrame's columns) only when those tell them apart."""
    out = model.classify(pd.Series([None, 116.5], name="v"), pd.Series([39.8, None], name="v"), status=True)
    assert out["status"].astype(str).tolist() == ["missing lon", "missing lat"]
    named = model.classify(pd.Series([None, 116.5], name="x"), pd.Series([39.8, None], name="y"), status=True)
    assert named["status"].astype(str).tolist() == ["missing x", "missing y"]
    numbered = model.classify(pd.Series([None, 116.5], name=0), pd.Series([39.8, None], name=1), status=True)
    assert numbered["status"].astype(str).tolist() == ["missing lon", "missing lat"]


def test_a_time_column_labelled_by_a_number_is_named_as_a_column(model: Any) -> None:
    """A DataFrame's column ``0`` is not written ``'0'`` (text) nor ``0:`` (a row or a count)."""
    times = pd.Series(["2024-07-01 08:00", "2024-07-01 08:10"], name=0)
    out = model.classify(pd.Series([116.5, 116.4]), pd.Series([39.79, 39.9]), times=times, time_unit="s")
    assert "no value of the time column 0 is a number" in out.attrs["notes"][0]
    fixes = pd.DataFrame({"v": [7, 7], 0: [1719792000, 1719792600], "lon": [116.44, 116.46], "lat": [39.79] * 2})
    with pytest.raises(avzone.InputError, match=r"^time column 0: the epoch times read as ms all fall in 1970"):
        model.events(fixes, id="v", time=0, time_unit="ms")
    ev = model.events(fixes.rename(columns={0: "ts"}).assign(ts=times.to_numpy()), id="v", time_unit="s")
    assert ev.notes and "time column 'ts'" in ev.notes[0]


def test_classify_passes_the_inputs_attrs_on(model: Any) -> None:
    df = pd.DataFrame({"lng": [116.5, 116.3975], "lat": [39.79, 39.9087]})
    df.attrs = {"source": "log", "meta": {"run": [1]}}
    before = copy.deepcopy(df.attrs)
    out = model.classify(df, status=True)
    assert out.attrs == before
    out.attrs["meta"]["run"].append(2)  # (a copy: the input's are never changed through the answer's)
    assert df.attrs == before
    lons, lats = df["lng"].copy(), df["lat"].copy()
    lons.attrs, lats.attrs = {"a": 1, "both": "lons"}, {"b": 2, "both": "lats"}
    assert model.classify(lons, lats).attrs == {"a": 1, "both": "lons", "b": 2}
    geo = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.lng, df.lat), crs=4326)
    geo.attrs = {"source": "geo"}
    assert model.classify(geo).attrs == {"source": "geo"}
    assert model.classify(np.array([116.5]), np.array([39.79])).attrs == {}


def test_avzone_notes_beside_the_inputs_attrs_never_overwrite_them(model: Any) -> None:
    gcj = pd.DataFrame({"lng_gcj02": [116.5], "lat_gcj02": [39.79]})
    (note,) = model.classify(gcj).attrs["notes"]  # (the note avzone gives: the columns' names say GCJ-02)
    gcj.attrs = {"source": "log"}
    assert model.classify(gcj).attrs == {"source": "log", "notes": [note]}
    gcj.attrs = {"notes": ["checked by hand"]}
    again = model.classify(gcj)
    assert again.attrs == {"notes": ["checked by hand", note]}
    assert gcj.attrs == {"notes": ["checked by hand"]}  # (the input's list is not appended to)
    assert written(again.attrs["notes"][1], "zh") == written(note, "zh")  # (still avzone's note, in both languages)
    gcj.attrs = {"notes": ["checked by hand", note]}  # (an answer's attrs given again: its note not repeated)
    assert model.classify(gcj).attrs == {"notes": ["checked by hand", note]}
    gcj.attrs = {"notes": "checked by hand"}  # (not a list: kept as it is, avzone's notes beside it)
    assert model.classify(gcj).attrs == {"notes": "checked by hand", "avzone_notes": [note]}


def test_events_and_tracks_pass_the_inputs_attrs_on_but_its_crs(model: Any) -> None:
    """The events' frames and the tracks' carry a copy of the input's attrs beside avzone's notes; not its
    ``attrs["crs"]`` (the CRS of its coordinates), which theirs, in WGS84, are not in."""
    fixes = _fixes([7, 7, 8, 8])
    fixes.attrs = {"source": "log", "crs": "EPSG:4326", "notes": ["mine"]}
    before = copy.deepcopy(fixes.attrs)
    ev = model.events(fixes, zones=["current"], time_unit="s")
    (unused,) = ev.notes  # (the unit no time took)
    for frame in (ev.events, ev.summary, ev.rows):
        assert frame.attrs == {"source": "log", "notes": ["mine", unused]}
    tracks = split_tracks(model, fixes, time_unit="s")
    for frame in (tracks.events, tracks.markers, tracks.rows):
        assert frame.attrs == {"source": "log", "notes": ["mine", unused]}
    assert fixes.attrs == before
    fixes.attrs = {}
    assert model.events(fixes, zones=["current"]).rows.attrs == {}
