"""Public functions called directly name an unknown CRS argument as their caller gave it (``crs=`` from Python), as
the entry points (:class:`avzone.Model`'s methods, the command line's ``--crs``) name theirs; they said "unknown
coordinate reference system 'nope'", naming no argument. avzone's own calls of them leave the naming to the entry
point, in English and Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from avzone import events
from avzone import locate as locating
from avzone.batch import read_fixes, read_points
from avzone.errors import CRSError, InputError
from avzone.export import export_layer
from avzone.fleet import tdrive_source
from avzone.i18n import error_text
from avzone.maps import make_map, save_map, split_tracks
from avzone.points import to_points

#: 100 points in Yizhuang (the one-pass path of locate_many takes more than 64 float64 points).
MANY = np.full(100, 116.5), np.full(100, 39.79)


def _refused(call) -> CRSError:
    with pytest.raises(CRSError) as info:
        call()
    return info.value


LOCATE_CALLS = {
    "locate": lambda m: locating.locate(m, 116.5, 39.79, "nope"),
    "locate keyword": lambda m: locating.locate(m, 116.5, 39.79, crs="nope"),
    "locate_many": lambda m: locating.locate_many(m, [116.5], [39.79], "nope"),
    "locate_many one pass": lambda m: locating.locate_many(m, *MANY, crs="nope"),
    "locate_many distances": lambda m: locating.locate_many(m, [116.5], [39.79], crs="nope", distances=True),
    "classify": lambda m: locating.classify(m, [116.5], [39.79], "nope"),
    "classify frame": lambda m: locating.classify(m, pd.DataFrame({"lon": [116.5], "lat": [39.79]}), crs="nope"),
}


@pytest.mark.parametrize("call", list(LOCATE_CALLS.values()), ids=list(LOCATE_CALLS))
def test_avzone_locate_functions_name_their_crs_argument(model, call):
    said = _refused(lambda: call(model))
    assert str(said).startswith("crs=: unknown coordinate reference system 'nope': give an EPSG code"), said
    assert error_text(said, "zh").startswith("crs=：未知的坐标参考系 'nope'：请给出 EPSG 代码"), error_text(said, "zh")


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.locate(116.5, 39.79, "nope"),
        lambda m: m.classify([116.5], [39.79], crs="nope"),
        lambda m: m.locate_many(*MANY, crs="nope"),
    ],
    ids=["Model.locate", "Model.classify", "Model.locate_many"],
)
def test_the_models_methods_name_crs_once_as_before(model, call):
    """The model's methods call avzone.locate's: the argument is named once, by the method, as before."""
    said = _refused(lambda: call(model))
    assert str(said).startswith("crs=: unknown coordinate reference system 'nope': give an EPSG code"), said
    assert str(said).count("crs=") == 1 and error_text(said, "zh").count("crs=") == 1


def test_a_crs_that_is_not_the_argument_is_not_named_as_it(model):
    """A refusal of another CRS than the one given as crs= (a GeoDataFrame's own, contradicted) is not an unknown
    crs= argument: it is said as it was."""
    import geopandas as gpd
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[Point(116.5, 39.79)], crs="EPSG:4326")
    with pytest.raises(InputError) as info:
        locating.classify(model, frame, crs="EPSG:32650")
    assert str(info.value).startswith("crs='EPSG:32650' contradicts the CRS of the GeoSeries"), info.value


FIXES = pd.DataFrame(
    {"vehicle": ["a", "a"], "ts": ["2024-01-01 08:00", "2024-01-01 08:01"], "lon": [116.5, 116.51], "lat": [39.79] * 2}
)
POINTS = FIXES[["lon", "lat"]]
MAP_CALLS = {
    "points_crs": (lambda m, tmp: m.map(points=POINTS, points_crs="nope"), "points_crs"),
    "tracks_crs": (lambda m, tmp: m.map(tracks=FIXES, tracks_crs="nope"), "tracks_crs"),
    "locate_crs": (lambda m, tmp: m.map(locate=[(116.5, 39.79)], locate_crs="nope"), "locate_crs"),
    "make_map points_crs": (lambda m, tmp: make_map(m, points=POINTS, points_crs="nope"), "points_crs"),
    "save_map tracks_crs": (lambda m, tmp: save_map(m, tmp / "m.html", tracks=FIXES, tracks_crs="nope"), "tracks_crs"),
    "locate_crs, the others known": (
        lambda m, tmp: m.map(points=POINTS, points_crs="gcj02", locate=[(116.5, 39.79)], locate_crs="nope"),
        "locate_crs",
    ),
}


@pytest.mark.parametrize(("call", "name"), list(MAP_CALLS.values()), ids=list(MAP_CALLS))
def test_the_map_names_the_crs_argument_of_the_input_whose_crs_is_unknown(model, tmp_path, call, name):
    """The map reads each input in a CRS of its own, and said "unknown coordinate reference system 'nope'" without
    saying which of points_crs=, tracks_crs= and locate_crs= it was (its own calls of avzone.locate and to_points
    leave the naming to it: not crs=)."""
    said = _refused(lambda: call(model, tmp_path))
    assert str(said).startswith(f"{name}=: unknown coordinate reference system 'nope': give an EPSG code"), said
    assert error_text(said, "zh").startswith(f"{name}=：未知的坐标参考系 'nope'：请给出 EPSG 代码")
    assert not (tmp_path / "m.html").exists()


def _taxis(tmp: Path) -> Path:
    (tmp / "taxis").mkdir()
    (tmp / "taxis" / "1.txt").write_text("1,2008-02-02 15:36:08,116.51172,39.92123\n", encoding="utf-8")
    return tmp / "taxis"


def _fixes_csv(tmp: Path) -> Path:
    FIXES.to_csv(tmp / "fixes.csv", index=False)
    return tmp / "fixes.csv"


MODULE_CALLS = {
    "avzone.events.events": lambda m, tmp: events.events(m, FIXES, crs="nope"),
    "avzone.maps.split_tracks": lambda m, tmp: split_tracks(m, FIXES, crs="nope"),
    "avzone.export.export_layer": lambda m, tmp: export_layer(m, "current", tmp / "zone.geojson", crs="nope"),
    "avzone.batch.read_points": lambda m, tmp: read_points(_fixes_csv(tmp), crs="nope"),
    "avzone.batch.read_fixes": lambda m, tmp: read_fixes(_fixes_csv(tmp), crs="nope"),
    "avzone.points.to_points": lambda m, tmp: to_points([116.5], [39.79], "nope"),
    "avzone.fleet.tdrive_source": lambda m, tmp: tdrive_source(_taxis(tmp), crs="nope"),
}


@pytest.mark.parametrize("call", list(MODULE_CALLS.values()), ids=list(MODULE_CALLS))
def test_public_functions_taking_a_crs_name_it_called_directly(model, tmp_path, call):
    """They said "unknown coordinate reference system 'nope'", naming no argument, where the model's methods and
    the file jobs that call them say crs= (tdrive_source said it only when its first chunk was read)."""
    said = _refused(lambda: call(model, tmp_path))
    assert str(said).startswith("crs=: unknown coordinate reference system 'nope': give an EPSG code"), said
    assert error_text(said, "zh").startswith("crs=：未知的坐标参考系 'nope'：请给出 EPSG 代码"), error_text(said, "zh")
    assert not (tmp_path / "zone.geojson").exists()


@pytest.mark.parametrize("read", [read_points, read_fixes], ids=["read_points", "read_fixes"])
def test_a_files_own_unknown_crs_is_named_with_the_file_not_as_the_argument(tmp_path, read):
    """Only the CRS given as crs= is named crs=: an unknown CRS a GeoJSON file declares is the file's."""
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "EPSG:999999"}},
        "features": [
            {
                "type": "Feature",
                "properties": {"vehicle": "a", "ts": "2024-01-01 08:00"},
                "geometry": {"type": "Point", "coordinates": [116.5, 39.79]},
            }
        ],
    }
    src = tmp_path / "a.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(src)
    assert str(info.value).startswith(f"{src}: unknown coordinate reference system 'EPSG:999999'"), info.value
    assert error_text(info.value, "zh").startswith(f"{src}：未知的坐标参考系 'EPSG:999999'")
    said = _refused(lambda: read(src, crs="EPSG:999999", override_crs=True))
    assert str(said).startswith("crs=: unknown coordinate reference system 'EPSG:999999'"), said
