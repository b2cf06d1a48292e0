"""The trajectory entry points read their input as the events do: one reading, one set of notes and refusals.

``model.events``, ``split_tracks`` and ``make_map(points=..., tracks=...)`` each note a GeoDataFrame without a CRS
(taken as WGS84, as ``model.classify`` notes it), an index giving several rows one label (the events' row labels
then name several rows) and a time column that is the frame's index (refused alike).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from test_maps import render

from avzone import maps
from avzone.errors import InputError
from avzone.i18n import text

FIXES = pd.DataFrame(
    {
        "vehicle": ["a", "a", "a", "b", "b"],
        "ts": ["2024-07-01 08:00", "2024-07-01 08:02", "2024-07-01 08:04", "2024-07-01 08:00", "2024-07-01 08:03"],
        "lon": [116.44, 116.46, 116.44, 116.44, 116.45],
        "lat": [39.79, 39.79, 39.78, 39.79, 39.79],
    }
)


def _without_crs(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]), geometry=gpd.points_from_xy(frame.lon, frame.lat))


def _keys(notes) -> list[str]:
    return [getattr(n, "key", str(n)) for n in notes]


def test_the_note_of_a_geodataframe_without_crs_is_classifys(model):
    """The one note the reading gives (to_points), as model.classify gives it in its frame's attrs."""
    gdf = _without_crs(FIXES)
    assert gdf.crs is None
    assert "note_frame_no_crs" in _keys(model.classify(gdf).attrs["notes"])
    assert "note_frame_no_crs" in _keys(model.events(gdf).notes)


def test_split_tracks_notes_a_geodataframe_without_crs(model):
    gdf = _without_crs(FIXES)
    tracks = maps.split_tracks(model, gdf)
    for frame in (tracks.events, tracks.markers, tracks.rows):
        assert "note_frame_no_crs" in _keys(frame.attrs["notes"])
    assert tracks.events[["event", "row_before", "row_after"]].equals(
        model.events(gdf, zones=["current"]).events[["event", "row_before", "row_after"]]
    )
    with_crs = maps.split_tracks(model, gdf.set_crs("EPSG:4326"))  # (a CRS given: nothing to note)
    assert "note_frame_no_crs" not in _keys(with_crs.rows.attrs.get("notes", []))


def test_split_tracks_notes_what_the_events_note(model):
    """The same notes as model.events for the same frame: here an index giving two rows one label."""
    df = FIXES.set_axis([0, 1, 2, 2, 3])
    tracks = maps.split_tracks(model, df)
    found = model.events(df, zones=["current"])
    assert "note_events_repeated_labels" in _keys(found.notes)
    assert [str(n) for n in tracks.rows.attrs["notes"]] == [str(n) for n in found.notes]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_make_map_notes_points_without_crs(model, lang):
    page = render(model, points=_without_crs(FIXES), lang=lang, base=False)
    note = text("note_frame_no_crs", lang, kind="GeoDataFrame").split("(")[0]
    assert note in page
    plain = render(model, points=_without_crs(FIXES).set_crs("EPSG:4326"), lang=lang, base=False)
    assert note not in plain


def test_make_map_notes_tracks_without_crs(model):
    page = render(model, tracks=_without_crs(FIXES), lang="en", base=False)
    assert text("note_frame_no_crs", "en", kind="GeoDataFrame").split("(")[0] in page


def test_a_time_index_is_refused_alike(model):
    """df.set_index("ts"): refused by split_tracks (so make_map's tracks=) as by model.events, saying what to give."""
    df = FIXES.set_index("ts")
    with pytest.raises(InputError) as events_error:
        model.events(df)
    with pytest.raises(InputError) as tracks_error:
        maps.split_tracks(model, df)
    assert str(tracks_error.value) == str(events_error.value)
    assert "reset_index()" in str(tracks_error.value)
    with pytest.raises(InputError, match=r"reset_index\(\)"):
        maps.make_map(model, tracks=df)
