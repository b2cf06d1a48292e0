"""Answers follow the conventions of the data they came from, and bad input is refused naming what would be right.

``locate_many``'s frame keeps a pandas input's ``attrs`` as ``classify`` does; one row of a GeoDataFrame given to
``locate`` is told to give its geometry; a GeoJSON Point with one coordinate, or with its coordinates written as
text, says so in its row's status (files and HTTP alike); a bare Feature POSTed is told to go in a
FeatureCollection, as a file job says it.
"""

from __future__ import annotations

import copy
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from avzone.errors import InputError
from avzone.i18n import written

INSIDE = (116.5, 39.79)


def test_locate_many_keeps_a_pandas_inputs_attrs_as_classify_does(model: Any) -> None:
    df = pd.DataFrame({"lon": [INSIDE[0], 0.0], "lat": [INSIDE[1], 0.0]}, index=["a", "b"])
    df.attrs = {"source": "log", "meta": {"run": [1]}}
    before = copy.deepcopy(df.attrs)
    frame = model.locate_many(df).frame()
    assert frame.attrs == before == model.classify(df).attrs
    frame.attrs["meta"]["run"].append(2)  # (a copy: the input's are never changed through the answer's)
    assert df.attrs == before
    geo = gpd.GeoDataFrame({"v": [1]}, geometry=[Point(*INSIDE)], crs="EPSG:4326")
    geo.attrs = {"source": "geo"}
    assert model.locate_many(geo).frame().attrs == {"source": "geo"}
    lons, lats = pd.Series([INSIDE[0]]), pd.Series([INSIDE[1]])
    lons.attrs = {"a": 1}
    assert model.locate_many(lons, lats).frame().attrs == {"a": 1}
    assert model.locate_many([INSIDE[0]], [INSIDE[1]]).frame().attrs == {}


def test_locate_manys_notes_go_after_the_inputs_own(model: Any) -> None:
    df = pd.DataFrame({"lon": [INSIDE[0]], "lat": [INSIDE[1]]})
    (note,) = model.locate_many(df, crs="EPSG:4214").frame().attrs["notes"]  # (Beijing 1954: no datum shift known)
    df.attrs = {"notes": ["checked by hand"]}
    assert model.locate_many(df, crs="EPSG:4214").frame().attrs == {"notes": ["checked by hand", note]}
    assert model.classify(df, crs="EPSG:4214").attrs == {"notes": ["checked by hand", note]}
    df.attrs = {"notes": "checked by hand"}  # (not a list: kept, avzone's notes beside it)
    expected = {"notes": "checked by hand", "avzone_notes": [note]}
    assert model.locate_many(df, crs="EPSG:4214").frame().attrs == expected
    assert model.classify(df, crs="EPSG:4214").attrs == expected


def test_locate_of_a_row_holding_a_geometry_says_to_pass_the_geometry(model: Any) -> None:
    geo = gpd.GeoDataFrame({"v": [1]}, geometry=[Point(*INSIDE)], crs="EPSG:4326")
    with pytest.raises(InputError) as caught:
        model.locate(geo.iloc[0])
    said = caught.value
    assert "got a row of a frame (a Series of 2 values, the geometry in 'geometry')" in str(said)
    assert "locate(row['geometry'], crs=frame.crs)" in str(said) and "locate(lon, lat)" in str(said)
    assert "got 2 values" not in str(said)
    assert "locate(row['geometry'], crs=frame.crs)" in written(said, "zh") and "数据框的一行" in written(said, "zh")
    # what it says to pass answers: the row's geometry with its frame's CRS
    assert model.locate(geo.iloc[0]["geometry"], crs=geo.crs).zones == model.locate(*INSIDE).zones
    # a row of plain numbers is several values, as before
    with pytest.raises(InputError, match=r"got 2 values \(Series\)"):
        model.locate(pd.DataFrame({"lon": [INSIDE[0]], "lat": [INSIDE[1]]}).iloc[0])
