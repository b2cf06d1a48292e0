"""Tracks on the map: trajectories split at the zone's edge, event markers, `avzone map --track`."""

from __future__ import annotations

import html
import itertools
import json
import math
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from common import run_cli
from test_maps import avzone_data, geojson_features, overlay_names, render

from avzone import _mapjs, _trackthin, batch, geodesy, i18n, maps
from avzone.crs import from_wgs84
from avzone.errors import InputError

# Vehicle A: outside -> enters the current zone -> three fixes inside -> exits -> a 32-minute gap (it is inside
# after it) -> inside. Vehicle B has one fix. Rows are shuffled and labelled; one duplicate and one bad time.
TRIP_A = [
    ("08:00", 116.44, 39.79),  # outside
    ("08:02", 116.46, 39.79),  # inside
    ("08:04", 116.465, 39.785),  # inside
    ("08:06", 116.45, 39.78),  # inside
    ("08:08", 116.44, 39.78),  # outside
    ("08:40", 116.46, 39.78),  # inside, after a gap
    ("08:42", 116.47, 39.79),  # inside
]


def fixes() -> pd.DataFrame:
    rows = [("A", f"2024-07-01 {hm}", lon, lat) for hm, lon, lat in TRIP_A]
    rows += [
        ("B", "2024-07-01 08:00", 116.50, 39.80),
        ("A", "2024-07-01 08:04", 116.465, 39.785),
    ]  # only fix, duplicate
    rows += [("A", "soon", 116.46, 39.79)]  # a time that is not a time
    frame = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    frame.index = [f"r{i}" for i in range(len(frame))]
    return frame.sample(frac=1.0, random_state=3)  # any row order


@pytest.fixture(scope="module")
def tracks(model) -> maps.Tracks:
    return maps.split_tracks(model, fixes())


def features_of(page: str, key: str) -> list[dict]:
    return [f for f in geojson_features(page) if key in f["properties"]]


def merged_kinds(tracks: maps.Tracks) -> list[str]:
    """The track features a map draws: one per vehicle and kind (outside, inside, gap), vehicles in order."""
    parts = tracks.parts
    return [
        k for v in parts["id"].unique() for k in maps.TRACK_KINDS if ((parts["id"] == v) & (parts["kind"] == k)).any()
    ]


def vertices_of(lines: list[dict]) -> int:
    return sum(len(part) for f in lines for part in f["geometry"]["coordinates"])


# -- the split ------------------------------------------------------------------------
def test_parts_alternate_at_the_crossings_of_model_events(model, tracks):
    ev = model.events(fixes(), zones=["current"]).events
    crossings = ev[ev["event"].isin(["enter", "exit"])]
    assert crossings["event"].tolist() == ["enter", "exit"]
    a = tracks.parts[tracks.parts["id"] == "A"]
    assert a["kind"].tolist() == ["outside", "inside", "outside", "gap", "inside"]
    ends = [(lon[-1], lat[-1]) for lon, lat in zip(a["lon"], a["lat"], strict=True)]
    starts = [(lon[0], lat[0]) for lon, lat in zip(a["lon"], a["lat"], strict=True)]
    enter, exit_ = (tuple(r) for r in crossings[["lon", "lat"]].to_numpy())
    # the split points are the events' crossings: the end of one part and the start of the next
    assert ends[0] == enter == starts[1]
    assert ends[1] == exit_ == starts[2]
    assert ends[2] == (116.44, 39.78) == starts[3]  # the gap runs from fix to fix, not interpolated
    assert ends[3] == (116.46, 39.78) == starts[4]
    # the crossings lie on the zone's edge; the inside part's fixes are the three fixes inside, in time order
    edge = geodesy.distance_to_boundary_m(crossings["lon"], crossings["lat"], model.layer_geometry("current"))
    assert (np.asarray(edge) < 1.0).all()
    inside = a.iloc[1]
    assert list(zip(inside["lon"][1:-1], inside["lat"][1:-1], strict=True)) == [
        (lon, lat) for _, lon, lat in TRIP_A[1:4]
    ]
    assert inside["fixes"] == 3 and a["fixes"].tolist() == [1, 3, 1, 2, 2]
    assert str(inside["start"]) == str(crossings["time"].iloc[0])
    assert str(inside["end"]) == str(crossings["time"].iloc[1])
    # every vertex of an inside part is inside (crossings on the edge count as inside), of an outside part outside
    for kind, want in (("inside", True), ("outside", False)):
        for lon, lat in a.loc[a["kind"] == kind, ["lon", "lat"]].itertuples(index=False):
            got = model.classify(lon[1:-1], lat[1:-1])["current"].tolist() if len(lon) > 2 else []
            assert got == [want] * len(got)


def test_rows_keep_their_labels_and_a_status_each(model, tracks):
    truth = model.events(fixes(), zones=["current"])
    pd.testing.assert_frame_equal(tracks.rows, truth.rows)
    assert tracks.rows.loc["r7", "status"].startswith("the vehicle's only usable fix")
    assert tracks.rows.loc["r8", "status"].startswith("duplicate fix")
    assert tracks.rows.loc["r9", "status"].startswith("time not a date/time")
    assert sum(tracks.rejected().values()) == 3 and tracks.fixes == 7
    assert tracks.events["row_before"].tolist() == ["r0", "r3", "r4"]  # the input's labels
    gap = tracks.markers[tracks.markers["event"] == "gap"].iloc[0]
    assert (gap["lon"], gap["lat"]) == (116.44, 39.78)  # drawn at the last fix before the gap


def test_rows_not_drawn_are_listed_as_the_file_jobs_list_statuses():
    """Statuses of as many rows in the order of their text (batch.by_status), not in the order they were met."""
    statuses = ["ok", "missing vehicle id", "time not a date/time", "missing lat", "missing vehicle id", "ok"]
    statuses += ["time not a date/time", "missing lat", "duplicate fix", "missing lon", "missing lon", "missing lon"]
    rows = pd.DataFrame({"status": statuses}, index=[f"r{i}" for i in range(len(statuses))])
    listed = maps.Tracks("current", pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), rows).rejected_rows()
    assert listed == [
        ("missing lon", 3, ["r9", "r10", "r11"]),
        ("missing lat", 2, ["r3", "r7"]),
        ("missing vehicle id", 2, ["r1", "r4"]),
        ("time not a date/time", 2, ["r2", "r6"]),
        ("duplicate fix", 1, ["r8"]),
    ]
    counts = {why: n for why, n, _ in listed}
    assert [why for why, _, _ in listed] == [why for why, _ in batch.by_status(counts)]


def test_geodataframe_and_gcj02_inputs_give_the_same_split(model, tracks):
    frame = fixes()
    gx, gy = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), "gcj02")
    gcj = frame.assign(lon=gx, lat=gy)
    shifted = maps.split_tracks(model, gcj, crs="gcj02")
    assert shifted.parts["kind"].tolist() == tracks.parts["kind"].tolist()
    ev, ev_gcj = tracks.events, shifted.events
    assert np.allclose(ev_gcj["lon"].dropna(), ev["lon"].dropna(), atol=1e-5)
    geo = gpd.GeoDataFrame(frame[["vehicle", "ts"]], geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)
    assert maps.split_tracks(model, geo).parts["kind"].tolist() == tracks.parts["kind"].tolist()
    # a GeoDataFrame without a CRS is in the crs given (it was read as WGS84 whatever crs said)
    geo_gcj = gpd.GeoDataFrame(frame[["vehicle", "ts"]], geometry=gpd.points_from_xy(gx, gy))
    pd.testing.assert_frame_equal(maps.split_tracks(model, geo_gcj, crs="gcj02").events, shifted.events)


def test_missing_columns_and_unknown_zone_are_named(model):
    with pytest.raises(InputError, match="no vehicle id column 'car'"):
        maps.split_tracks(model, fixes(), id="car")
    with pytest.raises(InputError, match="no time column 'when'"):
        maps.split_tracks(model, fixes(), time="when")
    with pytest.raises(InputError, match="no longitude column 'x'"):
        maps.split_tracks(model, fixes(), lon="x")
    with pytest.raises(InputError, match=r"^zone='moon': zone layers are core, current"):
        maps.split_tracks(model, fixes(), zone="moon")
    with pytest.raises(InputError, match="max_track_vertices"):
        maps.make_map(model, tracks=fixes(), max_track_vertices=0)


# -- the page ---------------------------------------------------------------------------
def test_map_draws_inside_green_outside_red_gaps_dotted(model, tracks):
    page = render(model, tracks=tracks, tiles="none", lang="en", base=False)
    lines = features_of(page, "track")
    # one feature per kind of part (A: two outside parts, two inside, one gap), each part a line of it in time order
    assert [f["properties"]["track"] for f in lines] == ["outside", "inside", "gap"] == merged_kinds(tracks)
    for feature in lines:
        style = feature["properties"]["style"]
        kind = feature["properties"]["track"]
        assert style["color"] == _mapjs.TRACK_COLOURS[kind]
        assert (style["dashArray"] is not None) == (kind == "gap")
        assert feature["geometry"]["type"] == "MultiLineString"
        parts = tracks.parts[tracks.parts["kind"] == kind]
        assert feature["properties"]["parts"] == len(parts) == len(feature["geometry"]["coordinates"])
        for coords, (lon, lat) in zip(
            feature["geometry"]["coordinates"], parts[["lon", "lat"]].itertuples(index=False), strict=True
        ):
            assert np.allclose(np.asarray(coords), np.column_stack([lon, lat]).round(5), atol=1e-9)
    assert len({_mapjs.TRACK_COLOURS[k] for k in ("inside", "outside", "gap")}) == 3
    # a gap reads as none of the zones' edges (the outlook's and the core's are grey and purple, dashed)
    from avzone.maps import _zone_style

    gap = next(f["properties"]["style"] for f in lines if f["properties"]["track"] == "gap")
    for zone, colour in _mapjs.ZONE_COLOURS.items():
        edge = _zone_style(zone, colour)
        assert (gap["color"], gap["dashArray"]) != (edge["color"], edge["dashArray"]), zone
        assert gap["dashArray"] != edge["dashArray"], zone
    assert 'class="avzone-swatch line thick dotted"' in avzone_data(page)["legend_html"]
    assert "Track A" in overlay_names(page) and "Track B" not in overlay_names(page)  # B has no segment
    legend = avzone_data(page)["legend_html"]
    for key in ("track_inside", "track_outside", "track_gap", "event_enter", "event_exit", "event_gap"):
        assert f'data-marker="{key}"' in legend
    assert "track inside the 160 km² current zone" in legend and "enters the 160 km² current zone" in legend
    assert "Tracks: 1 vehicle(s), 7 fixes; 1 enter, 1 exit, 1 gap" in html.unescape(legend)
    assert "3 rows not in a track" in legend


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", {"enter": "enter", "vehicle": "Vehicle", "time": "Time (Beijing)", "zone": "the 160 km² current zone"}),
        ("zh", {"enter": "驶入", "vehicle": "车辆", "time": "时间（北京时间）", "zone": "（160 km²）"}),
    ],
)
def test_event_markers_carry_vehicle_zone_event_time_and_position(model, tracks, lang, words):
    page = render(model, tracks=tracks, tiles="none", lang=lang, base=False)
    markers = features_of(page, "event")
    assert [f["properties"]["event"] for f in markers] == ["enter", "exit", "gap"]
    for feature, row in zip(markers, tracks.markers.itertuples(index=False), strict=True):
        popup = html.unescape(feature["properties"]["popup_html"])
        assert f'data-event="{row.event}"' in popup and 'data-vehicle="A"' in popup
        assert words["vehicle"] in popup and words["time"] in popup and words["zone"] in popup
        assert row.time.strftime("%Y-%m-%d %H:%M:%S") in popup
        assert f"{row.lon:.5f}, {row.lat:.5f}" in popup
        assert feature["geometry"]["coordinates"] == [round(row.lon, 5), round(row.lat, 5)]
        assert feature["properties"]["style"]["fillColor"] == _mapjs.EVENT_COLOURS[row.event]
    enter = html.unescape(markers[0]["properties"]["popup_html"])
    assert f"<h4>{words['enter']}</h4>" in enter and "r0 → r1" in enter
    gap = html.unescape(markers[2]["properties"]["popup_html"])
    assert "1,920" in gap  # 32 minutes without fixes, in seconds


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour ``#rrggbb``."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_the_lines_of_the_map_are_not_coloured_like_a_track_inside_or_outside():
    # a route or zone edge in the green of "track inside" (or the red of "outside") reads as a track part: the
    # access route to Daxing airport was #238b45 beside the inside green #1a9850, and looked like a vehicle
    # "inside the zone" far outside it
    tracks = {f"track {k}": _mapjs.TRACK_COLOURS[k] for k in ("inside", "outside")}
    tracks |= {f"event {k}": _mapjs.EVENT_COLOURS[k] for k in ("enter", "exit")}
    lines = {"routes": _mapjs.ROUTE_COLOUR, **_mapjs.ZONE_COLOURS}
    lines |= {f"another zone {i}": c for i, c in enumerate(_mapjs.OTHER_ZONE_COLOURS)}
    close = [
        (name, colour, what, math.dist(_lab(colour), _lab(track)))
        for name, colour in lines.items()
        for what, track in tracks.items()
        if math.dist(_lab(colour), _lab(track)) < 25
    ]
    assert close == []
    assert math.dist(_lab(_mapjs.ROUTE_COLOUR), _lab(_mapjs.ZONE_COLOURS["current"])) >= 25  # routes cross it


def test_amap_tiles_shift_tracks_to_gcj02(model, tracks):
    page = render(model, tracks=tracks, tiles="amap", base=False)
    line = features_of(page, "track")[0]
    x, y = from_wgs84(tracks.parts["lon"].iloc[0], tracks.parts["lat"].iloc[0], "gcj02")
    assert np.allclose(line["geometry"]["coordinates"][0], np.column_stack([x, y]).round(5), atol=1e-9)


def test_many_vehicles_share_one_overlay(model):
    rows = [
        (f"v{i:02d}", f"2024-07-01 {hm}", lon, lat + i * 1e-4)
        for i in range(maps.TRACK_OVERLAYS + 1)
        for hm, lon, lat in TRIP_A[:3]
    ]
    frame = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    names = overlay_names(render(model, tracks=frame, tiles="none", base=False))
    assert f"Tracks ({maps.TRACK_OVERLAYS + 1} vehicles)" in names
    assert not [n for n in names if n.startswith("Track v")]


def test_too_many_vertices_are_thinned_between_crossings_and_said(model):
    t = pd.date_range("2024-07-01 08:00", periods=400, freq="5s")
    lon = np.linspace(116.44, 116.46, 400)  # crosses into the zone once, weaving 50 m either side of its line
    frame = pd.DataFrame({"vehicle": "C", "ts": t, "lon": lon, "lat": 39.79 + 0.00045 * np.sin(np.arange(400) / 7)})
    tr = maps.split_tracks(model, frame)
    assert tr.vertices == 402 and tr.thinning(402) is None  # 400 fixes, the crossing once in each part
    thinning = tr.thinning(100)
    assert thinning is not None and not thinning.ends_only and 90 < thinning.drawn <= 100  # as many as fit
    page = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=100)
    lines = features_of(page, "track")
    assert vertices_of(lines) == thinning.drawn
    crossing = tr.events[["lon", "lat"]].iloc[0].round(5).tolist()
    outside, inside = (f["geometry"]["coordinates"][0] for f in lines)
    assert outside[-1] == crossing == inside[0]
    assert outside[0] == [116.44, 39.79]  # the ends stay
    fixes = frame[["lon", "lat"]].round(5).to_numpy().tolist()
    n_out = int(tr.parts["fixes"].iloc[0])
    assert outside[-2] == fixes[n_out - 1] and inside[1] == fixes[n_out]  # the fixes on both sides of the crossing
    assert 0 < thinning.deviation_m < 50  # (some of the weave left out, within its amplitude)
    legend = html.unescape(avzone_data(page)["legend_html"])
    said = thinning.said()
    assert (
        f"402 track vertices, more than max_track_vertices (100): {said['drawn']} drawn, the fixes where a line turns "
        f"most, so that it passes within {said['metres']} m of every fix not drawn (each crossing and the fixes on "
        "both sides of it are drawn)"
    ) in legend
    full = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=None)
    assert vertices_of(features_of(full, "track")) == 402


def _along_the_edge_with_an_excursion(model) -> tuple[pd.DataFrame, tuple[float, float]]:
    """A vehicle driving round the current zone 30 m inside its edge (a fix every 10 m or so, round every bend),
    that once, halfway, has one fix 30 m outside it; and that fix."""
    import shapely

    zone = model.layer_geometry("current")
    ring = shapely.segmentize(zone.buffer(-0.0003).exterior, 0.0001)
    lon, lat = shapely.get_coordinates(ring)[:-1].T
    mid = len(lon) // 2
    edge_out = zone.buffer(0.0003).exterior
    lon[mid], lat[mid] = shapely.get_coordinates(shapely.shortest_line(edge_out, shapely.Point(lon[mid], lat[mid])))[0]
    t = pd.Timestamp("2024-07-01 08:00") + pd.to_timedelta(np.arange(len(lon)) * 2, unit="s")
    return pd.DataFrame({"vehicle": "E", "ts": t, "lon": lon, "lat": lat}), (float(lon[mid]), float(lat[mid]))


def test_a_thinned_track_keeps_a_short_excursion_and_its_colours_are_true_within_the_deviation_said(model):
    """One fix outside the zone between two inside: its part (crossing, fix, crossing) was thinned to its two
    crossings, a line along the edge, the excursion not drawn; a part's line ran straight between every k-th fix,
    so an inside part's line could cut across the outside at a bend of the edge by any distance, unsaid.
    Now every fix beside a crossing is drawn, and every fix not drawn is within the distance said of the line
    drawn, so each drawn piece is on its colour's side within that distance."""
    import pyproj
    import shapely

    frame, out = _along_the_edge_with_an_excursion(model)
    tr = maps.split_tracks(model, frame)
    assert tr.parts["kind"].tolist() == ["inside", "outside", "inside"] and tr.parts["fixes"].iloc[1] == 1
    page = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=50)
    lines = {f["properties"]["track"]: f["geometry"]["coordinates"] for f in features_of(page, "track")}
    assert [round(out[0], 5), round(out[1], 5)] in lines["outside"][0]  # the excursion is drawn
    zone = model.layer_geometry("current")
    near_edge = zone.boundary.buffer(2e-5)  # (a crossing is on the edge; the page rounds to 1e-5 degrees)
    for kind, parts in lines.items():
        for part in parts:
            for a, b in itertools.pairwise(part):  # each drawn piece: no end on the other side
                for end in (shapely.Point(a), shapely.Point(b)):
                    assert near_edge.contains(end) or zone.contains(end) == (kind == "inside"), (kind, a, b)
    thinning = tr.thinning(50)
    assert thinning is not None and thinning.drawn <= 50 and not thinning.ends_only
    # measured apart from the thinning's own plane: in UTM zone 50N (scale within 0.1% of the ground here)
    utm = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32650", always_xy=True)
    zone_m = shapely.transform(zone, lambda xy: np.column_stack(utm.transform(xy[:, 0], xy[:, 1])))
    bound = thinning.deviation_m * 1.002 + 1e-3
    for (kind, lon, lat), keep in zip(tr.parts[["kind", "lon", "lat"]].itertuples(index=False), thinning.keep):
        x, y = utm.transform(np.asarray(lon), np.asarray(lat))
        drawn = shapely.LineString(np.column_stack([x[keep], y[keep]]))
        assert keep[[0, 1, -2, -1]].all()  # a part's ends and the fixes next to them
        assert shapely.distance(drawn, shapely.points(x, y)).max() <= bound  # every fix near the line drawn
        f = np.linspace(0, 1, 41)
        for i, j in zip(np.flatnonzero(keep)[:-1], np.flatnonzero(keep)[1:], strict=True):
            piece = shapely.points(x[i] + f * (x[j] - x[i]), y[i] + f * (y[j] - y[i]))
            off = shapely.distance(zone_m, piece) if kind == "inside" else shapely.distance(zone_m.boundary, piece)
            strays = off if kind == "inside" else np.where(shapely.contains(zone_m, piece), off, 0.0)
            assert strays.max() <= bound, (kind, i, j)  # its colour's side, within the distance said


def zigzag(n: int = 2000) -> pd.DataFrame:
    """Vehicles of 200 fixes each crossing the zone's west edge after every three fixes, the middle one of each
    three 22 m north of the other two: parts of 4 or 5 vertices (a crossing, three fixes, a crossing)."""
    i = np.arange(n)
    lon = np.where((i // 3) % 2 == 0, 116.44, 116.46)
    t = pd.Timestamp("2024-07-01 08:00") + pd.to_timedelta(i * 10, unit="s")
    return pd.DataFrame({"vehicle": i // 200, "ts": t, "lon": lon, "lat": 39.79 + 0.0002 * (i % 3 == 1)})


def test_when_the_parts_ends_alone_are_over_the_vertex_limit_the_legend_says_how_many_are_drawn(model):
    """Every part's ends and the vertex next to each are drawn: with a crossing after every three fixes they are
    all but the middle fix of each part's three, many times a limit of 100. The legend says so, and how far from
    the line drawn the middle fixes left out are, not as if the page kept to the limit."""
    tr = maps.split_tracks(model, zigzag())
    five = (tr.parts["lon"].map(len) == 5).to_numpy()  # (the parts between two crossings)
    thinning = tr.thinning(100)
    assert thinning is not None and thinning.ends_only and thinning.drawn == tr.vertices - five.sum() > 100 * 20
    assert all(k.tolist() == [True, True, False, True, True] for k in np.array(thinning.keep, dtype=object)[five])
    assert 20 < thinning.deviation_m < 23  # (the middle fixes' 22 m, less where the crossings lie north of the fix)
    drawn, metres = thinning.said()["drawn"], thinning.said()["metres"]
    for lang, said in (
        ("en", f"{tr.vertices:,} track vertices, more than max_track_vertices (100): the parts' ends and the fixes "
         f"next to them alone are {drawn}, all drawn, and no other fix (a line passes within {metres} m of every fix "
         "not drawn); crossings and events are computed from every fix"),
        ("zh", f"轨迹顶点 {tr.vertices:,} 个，超过 max_track_vertices（100）：仅各段端点及其相邻定位就有 {drawn} 个，"
         f"全部画出，不画其他定位（画出的线与每个未画出的定位相距不超过 {metres} 米）；穿越点和事件由全部定位算出"),
    ):  # fmt: skip
        page = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=100, lang=lang)
        assert vertices_of(features_of(page, "track")) == thinning.drawn
        legend = html.unescape(avzone_data(page)["legend_html"])
        assert f'<div class="avzone-foot">{said}</div>' in legend


def test_track_features_and_popups_grow_with_the_vehicles_not_the_crossings(model):
    """A vehicle's parts of one kind are one feature with one popup of their totals: ten vehicles crossing the edge
    between every two fixes (2,000 parts) give 20 track features and popups, as do the same vehicles with four
    times as many fixes and crossings; the page was one feature and popup per part (8,000 here)."""
    counts = []
    for fixes_each in (200, 800):
        lon = np.where(np.arange(10 * fixes_each) % 2 == 0, 116.44, 116.46)
        t = pd.Timestamp("2024-07-01 08:00") + pd.to_timedelta(np.arange(lon.size) * 10, unit="s")
        frame = pd.DataFrame({"vehicle": np.arange(lon.size) // fixes_each, "ts": t, "lon": lon, "lat": 39.79})
        tr = maps.split_tracks(model, frame)
        assert len(tr.parts) == 10 * fixes_each
        page = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=None, max_track_markers=10)
        lines = features_of(page, "track")
        assert [(f["properties"]["vehicle"], f["properties"]["track"]) for f in lines] == [
            (str(v), k) for v in range(10) for k in ("outside", "inside")
        ]
        assert sum(f["properties"]["parts"] for f in lines) == len(tr.parts)  # every part drawn
        assert vertices_of(lines) == tr.vertices
        counts.append((len(lines), page.count("avzone-track")))  # the popups written into the page
    assert counts == [(20, 20), (20, 20)]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("Parts", "First → last (Beijing)", "Time in them", "gap: 1,920 s")),
        ("zh", ("段数", "首段起 → 末段止（北京时间）", "合计时长", "断档：1,920 s")),
    ],
)
def test_a_track_feature_s_popup_gives_its_parts_totals(model, tracks, lang, words):
    """Vehicle A's two outside parts (08:00 to its entry, its exit to 08:08 where the gap starts) have one popup
    saying 2 parts, the first start to the last end and the time in them; a gap's popup gives its seconds."""
    parts, span, total, gap = words
    page = render(model, tracks=tracks, tiles="none", lang=lang, base=False)
    popups = {
        f["properties"]["track"]: html.unescape(f["properties"]["popup_html"]) for f in features_of(page, "track")
    }
    outside = tracks.parts[tracks.parts["kind"] == "outside"]
    seconds = sum((e - s).total_seconds() for s, e in zip(outside["start"], outside["end"], strict=True))
    start, end = (t.strftime("%Y-%m-%d %H:%M:%S") for t in (outside["start"].iloc[0], outside["end"].iloc[-1]))
    assert f"<dt>{parts}</dt><dd>2</dd>" in popups["outside"] and 'data-parts="2"' in popups["outside"]
    assert f"<dt>{span}</dt><dd>{start} → {end}</dd>" in popups["outside"]
    assert f"<dt>{total}</dt><dd>{seconds:,.0f} s</dd>" in popups["outside"]
    assert f"<dd>{gap}" in popups["gap"] and f"<dt>{parts}</dt>" not in popups["gap"]
    assert f"<dt>{total}</dt>" not in popups["gap"]  # (its seconds are the gap's)


def test_cli_map_track_says_the_parts_ends_alone_are_over_the_vertex_limit(model, tmp_path):
    src = tmp_path / "zigzag.csv"
    zigzag().to_csv(src, index=False)
    out = tmp_path / "m.html"
    args = ("map", "--track", str(src), "--tiles", "none", "--no-base", "--max-track-vertices", "100", "-o", str(out))
    tr = maps.split_tracks(model, zigzag())
    total, said = f"{tr.vertices:,}", tr.thinning(100).said()
    en = run_cli(*args, "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert (
        f"{src}: {total} track vertices, more than --max-track-vertices 100: the parts' ends and the fixes next to "
        f"them alone are {said['drawn']} (each crossing starts a part), all drawn, and no other fix (a line passes "
        f"within {said['metres']} m of every fix not drawn; events are computed from every fix)"
    ) in en.stderr.splitlines()
    zh = run_cli(*args, "--lang", "zh")
    assert (
        f"{src}：轨迹顶点 {total} 个，超过 --max-track-vertices 100：仅各段端点及其相邻定位就有 {said['drawn']} 个"
        f"（每次穿越开始新的一段），全部画出，不画其他定位（画出的线与每个未画出的定位相距不超过 {said['metres']} 米；"
        "事件由全部定位算出）"
    ) in zh.stderr.splitlines()


def every_fix_a_crossing() -> pd.DataFrame:
    """One vehicle crossing the edge between every two fixes: each part is a crossing, a fix and a crossing (the
    first and last a fix and a crossing), every vertex one always drawn."""
    lon = np.where(np.arange(12) % 2 == 0, 116.44, 116.46)
    t = pd.Timestamp("2024-07-01 08:00") + pd.to_timedelta(np.arange(lon.size) * 10, unit="s")
    return pd.DataFrame({"vehicle": 1, "ts": t, "lon": lon, "lat": 39.79})


def test_when_the_vertices_always_drawn_are_the_whole_track_the_legend_says_every_fix_is_drawn(model):
    """Over the limit, but every vertex is a part's end or the fix next to one: all are drawn and none is left out,
    so the legend says every fix is drawn, not that the line passes within 0.0 m of every fix not drawn (there is
    none)."""
    tr = maps.split_tracks(model, every_fix_a_crossing())
    assert (tr.parts["lon"].map(len) <= 3).all() and tr.vertices > 10
    thinning = tr.thinning(10)
    assert thinning is not None and thinning.drawn == tr.vertices
    for lang, said in (
        ("en", f"{tr.vertices:,} track vertices, more than max_track_vertices (10), all drawn: each is a part's end "
         "or the fix next to one, or a gap's, which are always drawn, so every fix is drawn"),
        ("zh", f"轨迹顶点 {tr.vertices:,} 个，超过 max_track_vertices（10），全部画出：每个都是某段的端点或与端点相邻"
         "的定位，或断档的定位，这些总是画出，因此每个定位都画出"),
    ):  # fmt: skip
        page = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=10, lang=lang)
        assert vertices_of(features_of(page, "track")) == tr.vertices
        legend = html.unescape(avzone_data(page)["legend_html"])
        assert f'<div class="avzone-foot">{said}</div>' in legend
        assert "0.0 m" not in legend and "0.0 米" not in legend
    assert thinning.case == "whole" and "metres" not in thinning.said()  # (no distance to say of no fix)


def test_cli_map_track_says_every_fix_is_drawn_when_the_vertices_always_drawn_are_all(model, tmp_path):
    src = tmp_path / "crossings.csv"
    every_fix_a_crossing().to_csv(src, index=False)
    total = f"{maps.split_tracks(model, every_fix_a_crossing()).vertices:,}"
    args = ("map", "--track", str(src), "--tiles", "none", "--no-base", "--max-track-vertices", "10")
    for lang, said in (
        ("en", f"{src}: {total} track vertices, more than --max-track-vertices 10, all drawn: each is a part's end or "
         "the fix next to one (each crossing starts a part), or a gap's, which are always drawn, so every fix is "
         "drawn"),
        ("zh", f"{src}：轨迹顶点 {total} 个，超过 --max-track-vertices 10，全部画出：每个都是某段的端点或与端点相邻的"
         "定位（每次穿越开始新的一段），或断档的定位，这些总是画出，因此每个定位都画出"),
    ):  # fmt: skip
        result = run_cli(*args, "-o", str(tmp_path / f"{lang}.html"), "--lang", lang)
        assert result.returncode == 0, result.stderr
        assert said in result.stderr.splitlines(), result.stderr
        assert "0.0 m" not in result.stderr and "0.0 米" not in result.stderr


# -- avzone map --track ---------------------------------------------------------------
#: What a CSV file's row numbers are (its header on line 1), and on which line of the file each row is.
EN_ROWS = (
    "(row numbers count from 0: the file's first row of data is row 0, on line 2 of the file (below the header, "
    "line 1), and row N is on line N + 2 unless empty lines or quoted fields holding line breaks come before it; "
    "as in avzone events' row_before and row_after)"
)
#: The same of a file without lines (Parquet, GeoJSON).
EN_FILE_ROWS = (
    "(row numbers count from 0: the file's first row of data is row 0, as in avzone events' row_before and row_after)"
)
ZH_ROWS = (
    "（行号从 0 起算：文件的第一行数据是第 0 行，位于文件第 2 行（在表头之下，表头是第 1 行），"
    "第 N 行数据位于文件第 N + 2 行，除非它之前有空行或含有换行的带引号字段；"
    "与 avzone events 的 row_before 和 row_after 相同）"
)


def test_cli_map_track_names_each_row_status_in_the_map_s_language(tmp_path):
    """A Chinese run names each reason a row is not in a track in Chinese (a column other than lon/lat by its axis
    and name), the status in brackets after it (as avzone events --annotate writes it); an English run as the
    status itself."""
    src = tmp_path / "fixes.csv"
    src.write_text(
        "vehicle,ts,x,y\n"
        "1,2024-07-01 08:00,116.44,39.79\n"
        "1,2024-07-01 08:10,116.46,39.79\n"
        "1,2024-07-01 08:10,116.46,39.79\n"  # duplicate
        "2,2024-07-01 08:00,116.5,39.8\n"  # only fix
        "3,,116.5,39.8\n"  # missing time
        ",2024-07-01 08:00,116.5,39.8\n"  # missing id
        "4,2024-07-01 08:00,abc,39.8\n"  # x not a number
        "4,2024-07-01 09:00,116.5,95\n",  # y out of range
        encoding="utf-8",
    )
    args = ("map", "--track", str(src), "--lon-col", "x", "--lat-col", "y", "--tiles", "none", "--no-base")
    zh = run_cli(*args, "-o", str(tmp_path / "zh.html"), "--lang", "zh")
    en = run_cli(*args, "-o", str(tmp_path / "en.html"), "--lang", "en")
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    zlines = zh.stderr.splitlines()
    reasons = zlines[zlines.index(f"{src} 的 8 行中有 6 行不在轨迹中{ZH_ROWS}：") + 1 :]
    assert sorted(reasons) == sorted(
        [
            "  1：重复定位：车辆、时间和位置都与前面某行相同，未使用"
            "（duplicate fix: same vehicle, time and position as an earlier row (not used)）"
            "，第 2 行，位于文件第 4 行",
            "  1：该车唯一可用的定位：构不成线段（the vehicle's only usable fix: no segment）"
            "，第 3 行，位于文件第 5 行",
            "  1：缺少时间（missing time），第 4 行，位于文件第 6 行",
            "  1：缺少车辆编号（missing vehicle id），第 5 行，位于文件第 7 行",
            "  1：x 列的经度不是数字（x not a number），第 6 行，位于文件第 8 行",
            "  1：y 列的纬度超出范围 [-90, 90]（y out of range [-90, 90]），第 7 行，位于文件第 9 行",
        ]
    )
    elines = en.stderr.splitlines()
    reasons = elines[elines.index(f"6 of 8 rows of {src} are not in a track {EN_ROWS}:") + 1 :]
    assert sorted(reasons) == sorted(
        [
            "  1: duplicate fix: same vehicle, time and position as an earlier row (not used) "
            "(row 2, on line 4 of the file)",
            "  1: the vehicle's only usable fix: no segment (row 3, on line 5 of the file)",
            "  1: missing time (row 4, on line 6 of the file)",
            "  1: missing vehicle id (row 5, on line 7 of the file)",
            "  1: x not a number (row 6, on line 8 of the file)",
            "  1: y out of range [-90, 90] (row 7, on line 9 of the file)",
        ]
    )


def test_cli_map_track_gcj02_csv(model, tracks, tmp_path):
    frame = fixes()
    gx, gy = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), "gcj02")
    src = tmp_path / "trips.csv"
    frame.assign(lon=gx, lat=gy).rename(columns={"vehicle": "车辆", "ts": "时间"}).to_csv(src, index=False)
    out = tmp_path / "tracks.html"
    result = run_cli(
        "map", "--track", str(src), "--crs", "gcj02", "--id-col", "车辆", "--time-col", "时间", "--tiles", "none",
        "-o", str(out), "--lang", "zh",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"地图已写入 {out}")
    assert f"{src} 的 10 行中有 3 行不在轨迹中" in result.stderr
    assert (
        "  1：重复定位：车辆、时间和位置都与前面某行相同，未使用"
        "（duplicate fix: same vehicle, time and position as an earlier row (not used)），第 9 行，位于文件第 11 行"
        in result.stderr.splitlines()
    )
    assert (
        "  1：该车唯一可用的定位：构不成线段（the vehicle's only usable fix: no segment），第 6 行，位于文件第 8 行"
        in result.stderr.splitlines()
    )
    page = out.read_text(encoding="utf-8")
    lines = features_of(page, "track")
    assert [f["properties"]["track"] for f in lines] == merged_kinds(tracks)
    enter = features_of(page, "event")[0]
    assert np.allclose(enter["geometry"]["coordinates"], tracks.markers[["lon", "lat"]].iloc[0], atol=2e-5)
    popup = html.unescape(enter["properties"]["popup_html"])
    assert "驶入" in popup and "1 → 2" not in popup
    # the file's row numbers, each with its line (no empty line nor quoted line break: row N on line N + 2)
    said = re.search(r"<dd>(\d+)（文件第 (\d+) 行） → (\d+)（文件第 (\d+) 行）</dd>", popup)
    assert said is not None, popup
    before, before_line, after, after_line = (int(n) for n in said.groups())
    assert (before_line, after_line) == (before + 2, after + 2)
    assert "轨迹 A" in overlay_names(page)


def test_cli_map_track_bad_input_exits_2_naming_the_column(tmp_path):
    src = tmp_path / "trips.csv"
    pd.DataFrame({"car": ["A"], "ts": ["2024-07-01 08:00"], "lon": [116.4], "lat": [39.8]}).to_csv(src, index=False)
    out = tmp_path / "x.html"
    no_id = run_cli("map", "--track", str(src), "-o", str(out))
    assert no_id.returncode == 2 and "no vehicle id column 'vehicle' (name it with --id-col)" in no_id.stderr
    no_time = run_cli("map", "--track", str(src), "--id-col", "car", "--time-col", "when", "-o", str(out))
    assert (
        no_time.returncode == 2
        and "no time column 'when'; the column 'ts' looks like it: name it with --time-col ts" in no_time.stderr
    )
    no_lon = run_cli("map", "--track", str(src), "--id-col", "car", "--lon-col", "x", "-o", str(out))
    assert no_lon.returncode == 2 and "'x'" in no_lon.stderr
    zone = run_cli("map", "--track", str(src), "--id-col", "car", "--track-zone", "moon", "-o", str(out))
    assert zone.returncode == 2 and "--track-zone 'moon'" in zone.stderr
    missing = run_cli("map", "--track", str(tmp_path / "nope.csv"), "-o", str(out))
    assert missing.returncode == 2 and "nope.csv" in missing.stderr
    assert not out.exists()


def test_cli_map_track_says_when_it_thins(model, tmp_path):
    t = pd.date_range("2024-07-01 08:00", periods=300, freq="5s")
    src = tmp_path / "c.parquet"
    lat = 39.79 + 0.00045 * np.sin(np.arange(300) / 7)  # (weaving 50 m either side)
    frame = pd.DataFrame({"vehicle": "C", "ts": t, "lon": np.linspace(116.44, 116.46, 300), "lat": lat})
    frame.to_parquet(src)
    said = maps.split_tracks(model, frame).thinning(100).said()
    out = tmp_path / "c.html"
    result = run_cli("map", "--track", str(src), "--max-track-vertices", "100", "--tiles", "none", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        f"{src}: 302 track vertices, more than --max-track-vertices 100: {said['drawn']} drawn, the fixes where a line "
        f"turns most, so that it passes within {said['metres']} m of every fix not drawn (each crossing and the fixes "
        "on both sides of it are drawn; events are computed from every fix; --max-track-vertices all draws every fix)"
    ) in result.stderr.splitlines()
    assert out.is_file()


def test_cli_map_track_keeps_integer_ids_with_one_missing(tmp_path):
    # an integer id column with a null: read as floats, the two ids above 2**53 would be one vehicle (its track
    # zig-zagging between both) and vehicle 7 would be "7.0"; each stays its own vehicle, as `avzone events` has it
    big = 2**60
    src = tmp_path / "ids.parquet"
    pd.DataFrame(
        {
            "vehicle": pd.array([big, big, big + 1, big + 1, None, 7, 7], dtype="Int64"),
            "ts": [f"2024-07-01 08:0{m}" for m in (0, 4, 1, 5, 2, 0, 4)],
            "lon": [116.44, 116.46, 116.44, 116.46, 116.5, 116.44, 116.46],
            "lat": [39.79, 39.79, 39.791, 39.791, 39.79, 39.792, 39.792],
        }
    ).to_parquet(src)
    out = tmp_path / "ids.html"
    result = run_cli("map", "--track", str(src), "--tiles", "none", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"1 of 7 rows of {src} are not in a track {EN_FILE_ROWS}:" in result.stderr
    assert "1: missing vehicle id (row 4)" in result.stderr
    names = overlay_names(out.read_text(encoding="utf-8"))
    for vehicle in (str(big), str(big + 1), "7"):
        assert any(name.endswith(f" {vehicle}") for name in names), (vehicle, names)
    assert not any(name.endswith(".0") for name in names), names


def test_map_help_describes_track():
    result = run_cli("map", "--help")
    assert "--track FILE" in result.stdout and "--max-track-vertices" in result.stdout
    assert "--track-zone" in result.stdout and "--id-col" in result.stdout


def test_cli_map_track_geojson_and_bd09_keep_every_row_accounted_for(model, tracks, tmp_path):
    frame = fixes()
    features = [
        {
            "type": "Feature",
            "properties": {"car": car, "ts": ts},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        }
        for car, ts, lon, lat in frame.itertuples(index=False)
    ]
    features.append({"type": "Feature", "properties": {"car": "A", "ts": "2024-07-01 08:01"}, "geometry": None})
    src = tmp_path / "trips.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    out = tmp_path / "g.html"
    result = run_cli("map", "--track", str(src), "--id-col", "car", "--tiles", "none", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"4 of 11 rows of {src} are not in a track {EN_FILE_ROWS}:" in result.stderr
    assert "1: no point geometry (row 10)" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert [f["properties"]["track"] for f in features_of(page, "track")] == merged_kinds(tracks)
    # BD-09 numbers (Baidu) in a CSV with a broken latitude
    bx, by = from_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy(), "bd09")
    csv = tmp_path / "baidu.csv"
    baidu = frame.assign(lon=bx, lat=by).reset_index(drop=True)
    baidu.loc[len(baidu)] = ["A", "2024-07-01 08:01", 116.45, None]
    baidu.to_csv(csv, index=False)
    result = run_cli("map", "--track", str(csv), "--crs", "bd09", "--tiles", "none", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"4 of 11 rows of {csv} are not in a track {EN_ROWS}:" in result.stderr and "1: missing lat" in result.stderr
    enter = features_of(out.read_text(encoding="utf-8"), "event")[0]
    assert np.allclose(enter["geometry"]["coordinates"], tracks.markers[["lon", "lat"]].iloc[0], atol=2e-5)


# -- the event marker cap -------------------------------------------------------------
#: Fixes per vehicle of a fleet zig-zagging across the current zone's edge (one crossing between two fixes):
#: many events, a few, one, none (always inside), and a vehicle with its only fix.
FLEET = {"a": 60, "b": 3, "c": 2, "d": 30, "e": 5, "f": 1}


def fleet() -> pd.DataFrame:
    rows = []
    for k, (vehicle, n) in enumerate(FLEET.items()):
        t = pd.date_range("2024-07-01 08:00", periods=n, freq="1min")
        lon = np.full(n, 116.46) if vehicle == "e" else np.where(np.arange(n) % 2 == 0, 116.44, 116.46)
        rows += [(vehicle, t[i], lon[i], 39.79 + k * 1e-4) for i in range(n)]
    frame = pd.DataFrame(rows, columns=["vehicle", "ts", "lon", "lat"])
    return frame.sample(frac=1.0, random_state=5)  # any row order


@pytest.fixture(scope="module")
def fleet_tracks(model) -> maps.Tracks:
    return maps.split_tracks(model, fleet())


def per_vehicle(markers: pd.DataFrame) -> dict[str, int]:
    return {str(k): int(v) for k, v in markers["id"].value_counts().items()}


def test_fleet_has_events_of_every_size(fleet_tracks):
    counts = per_vehicle(fleet_tracks.markers)
    assert counts == {v: n - 1 for v, n in FLEET.items() if n > 1 and v != "e"}  # each step crosses the edge
    assert fleet_tracks.shown_markers(None).tolist() == list(range(len(fleet_tracks.markers)))


@pytest.mark.parametrize("cap", [4, 5, 12, 20, 33, 60, 90])
def test_marker_cap_is_a_fair_share_per_vehicle_spread_over_time(fleet_tracks, cap):
    markers = fleet_tracks.markers
    shown = fleet_tracks.shown_markers(cap)
    assert len(markers) > cap and len(shown) == cap  # as many as the cap allows, no more
    assert np.array_equal(shown, np.unique(shown))  # distinct, in the markers' order
    everyone, drawn = per_vehicle(markers), per_vehicle(markers.iloc[shown])
    assert set(drawn) == set(everyone)  # every vehicle with events keeps a marker
    # max-min fair: a vehicle short of all its events has at least as many as any other vehicle, less one
    for vehicle, k in drawn.items():
        if k < everyone[vehicle]:
            assert all(k >= other - 1 for other in drawn.values()), (vehicle, drawn)
    # spread over each vehicle's events in time order: no stretch of events without a marker longer than n/k
    kept = np.zeros(len(markers), dtype=bool)
    kept[shown] = True
    for vehicle, n in everyone.items():
        mine = markers["id"].to_numpy() == vehicle
        in_time = np.argsort(markers.loc[mine, "time"].to_numpy(dtype="datetime64[ns]"), kind="stable")
        at = np.flatnonzero(kept[mine][in_time])
        step = -(-n // drawn[vehicle])
        assert at[0] < step and at[-1] >= n - step and (np.diff(at) <= step).all(), (vehicle, at.tolist())


def test_more_vehicles_than_markers_keeps_one_each_for_vehicles_spread_in_order(fleet_tracks):
    everyone = list(dict.fromkeys(fleet_tracks.markers["id"]))  # in order of first appearance
    for cap in range(1, len(everyone)):
        shown = fleet_tracks.markers.iloc[fleet_tracks.shown_markers(cap)]
        assert len(shown) == cap and shown["id"].is_unique
        picked = [everyone.index(v) for v in shown["id"]]
        # the i-th vehicle kept is in the i-th of `cap` equal blocks of the vehicles in their order
        assert [j * cap // len(everyone) for j in picked] == list(range(cap)), (cap, picked)
    assert len(everyone) == 4


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "{shown} of {total} event markers drawn (max_track_markers {shown}): a fair share per vehicle"),
        ("zh", "事件标记共 {total} 个，画出 {shown} 个（max_track_markers {shown}）：按车辆公平分配"),
    ],
    ids=["en", "zh"],
)
def test_capped_map_draws_the_chosen_markers_and_says_how_many_of_how_many(model, fleet_tracks, lang, note):
    cap = 20
    total = len(fleet_tracks.markers)
    page = render(model, tracks=fleet_tracks, tiles="none", base=False, lang=lang, max_track_markers=cap)
    drawn = features_of(page, "event")
    assert len(drawn) == cap
    chosen = fleet_tracks.markers.iloc[fleet_tracks.shown_markers(cap)]
    assert {f["properties"]["vehicle"] for f in drawn} == set(fleet_tracks.markers["id"])
    assert sorted(f["geometry"]["coordinates"] for f in drawn) == sorted(
        [round(x, 5), round(y, 5)] for x, y in chosen[["lon", "lat"]].itertuples(index=False)
    )
    times = {re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", f["properties"]["popup_html"]).group() for f in drawn}
    assert times == {t.strftime("%Y-%m-%d %H:%M:%S") for t in chosen["time"]}
    legend = html.unescape(avzone_data(page)["legend_html"])
    assert note.format(shown=cap, total=total) in legend
    counts = fleet_tracks.markers["event"].value_counts()
    every = f"{counts['enter']} enter, {counts['exit']} exit" if lang == "en" else f"驶入 {counts['enter']} 次"
    assert every in legend  # the event counts are of every event, drawn or not


def test_capped_map_with_more_vehicles_than_markers_says_so(model, fleet_tracks):
    page = render(model, tracks=fleet_tracks, tiles="none", base=False, lang="en", max_track_markers=2)
    assert len(features_of(page, "event")) == 2
    legend = html.unescape(avzone_data(page)["legend_html"])
    total = len(fleet_tracks.markers)
    assert f"2 of {total} event markers drawn (max_track_markers 2): one each for 2 of the 4 vehicles" in legend
    zh = html.unescape(
        avzone_data(render(model, tracks=fleet_tracks, tiles="none", base=False, lang="zh", max_track_markers=2))[
            "legend_html"
        ]
    )
    assert f"事件标记共 {total} 个，画出 2 个（max_track_markers 2）：有事件的 4 辆车中均匀选出 2 辆" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_under_the_cap_every_marker_is_drawn_and_no_note(model, fleet_tracks, lang):
    total = len(fleet_tracks.markers)
    assert total < maps.MAX_TRACK_MARKERS
    for cap in ({}, {"max_track_markers": total}, {"max_track_markers": None}):
        page = render(model, tracks=fleet_tracks, tiles="none", base=False, lang=lang, **cap)
        assert len(features_of(page, "event")) == total
        legend = avzone_data(page)["legend_html"]
        assert "max_track_markers" not in legend and "event markers drawn" not in legend


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_bad_max_track_markers_is_refused_by_name(model, fleet_tracks, bad):
    with pytest.raises(
        InputError, match=r"max_track_markers= must be a positive whole number, or None for no limit, got"
    ):
        maps.make_map(model, tracks=fleet_tracks, max_track_markers=bad)


def test_cli_max_track_markers_caps_and_says_so(model, fleet_tracks, tmp_path):
    src = tmp_path / "fleet.csv"
    fleet().to_csv(src, index=False)
    total = len(fleet_tracks.markers)
    for lang, said in (
        ("en", f"{src}: {total} event markers, more than --max-track-markers 12: 12 of {total} are drawn"),
        ("zh", f"{src}：事件标记 {total} 个，超过 --max-track-markers 12：画出其中 12 个"),
    ):
        out = tmp_path / f"capped-{lang}.html"
        args = ("map", "--track", str(src), "--max-track-markers", "12", "--tiles", "none", "-o", str(out))
        result = run_cli(*args, "--lang", lang)
        assert result.returncode == 0, result.stderr
        assert said in result.stderr
        assert ("4 of 4 vehicles with events have a marker" if lang == "en" else "4 辆车中 4 辆有标记") in result.stderr
        drawn = features_of(out.read_text(encoding="utf-8"), "event")
        assert len(drawn) == 12 and {f["properties"]["vehicle"] for f in drawn} == set(fleet_tracks.markers["id"])
    out = tmp_path / "all.html"
    result = run_cli("map", "--track", str(src), "--max-track-markers", "all", "--tiles", "none", "-o", str(out))
    assert result.returncode == 0 and "event markers" not in result.stderr
    assert len(features_of(out.read_text(encoding="utf-8"), "event")) == total
    result = run_cli("map", "--track", str(src), "--tiles", "none", "-o", str(out))  # the default: all fit
    assert result.returncode == 0 and "--max-track-markers" not in result.stderr


@pytest.mark.parametrize("bad", ["0", "-3", "2.5", "many", ""])
def test_cli_bad_max_track_markers_exits_2_naming_the_flag(tmp_path, bad):
    src = tmp_path / "fleet.csv"
    fleet().to_csv(src, index=False)
    out = tmp_path / "x.html"
    result = run_cli("map", "--track", str(src), "--max-track-markers", bad, "-o", str(out))
    assert result.returncode == 2
    assert "argument --max-track-markers: must be a positive whole number or 'all'" in result.stderr
    assert not out.exists()


def test_cli_default_cap_is_the_library_default_and_help_says_it():
    from avzone.cli import build_parser

    args = build_parser().parse_args(["map", "--track", "x.csv"])
    assert args.max_track_markers == maps.MAX_TRACK_MARKERS
    shown = run_cli("map", "--help").stdout
    assert "--max-track-markers" in shown and f"default {maps.MAX_TRACK_MARKERS}" in " ".join(shown.split())


def test_split_tracks_without_any_segment(model):
    # every vehicle has one fix: no part, no event, each row's status says why
    from avzone.maps import split_tracks

    fixes = pd.DataFrame({"vehicle": ["A", "B"], "ts": ["2024-05-01 08:00"] * 2, "lon": [116.5, 116.3], "lat": 39.79})
    tracks = split_tracks(model, fixes)
    assert len(tracks.parts) == 0 and len(tracks.events) == 0
    assert tracks.rows.status.astype(str).tolist() == ["the vehicle's only usable fix: no segment"] * 2


def _segments_of_exactly(model, metres: float, crossing: bool) -> tuple[float, float, float, float]:
    """Two fixes ``metres`` apart on the geodesic (Geod.inv: not more) whose local length (the walk's first
    measure) is a little more, across the current zone's edge or both inside it."""
    for k in range(2000):
        lon0, lat0 = 116.44 + (k % 40) * 0.002, 39.72 + (k // 40) * 0.002
        lon1, lat1, _ = geodesy.GEOD.fwd(lon0, lat0, (k * 37) % 360, metres)
        local = maps.segment_lengths_m(np.array([lon0]), np.array([lat0]), np.array([lon1]), np.array([lat1]))[0]
        geodesic = geodesy.GEOD.inv(lon0, lat0, lon1, lat1)[2]
        inside = model.classify([lon0, lon1], [lat0, lat1])["current"].tolist()
        if local > metres >= geodesic and inside == ([True, False] if crossing else [True, True]):
            return lon0, lat0, lon1, lat1
    raise AssertionError("no such segment")


@pytest.mark.parametrize("crossing", [True, False])
def test_a_segment_of_exactly_max_gap_m_is_split_as_the_events_find_it(model, crossing):
    # the walk measures a segment within a millionth of max_gap_m with Geod.inv before calling it a gap; the
    # tracks used the local formula, a tenth of a millimetre long at 5 km: a gap there, a crossing in the events
    # ("the tracks and their events disagree ... (please report)"), or a dashed gap where the events saw none
    lon0, lat0, lon1, lat1 = _segments_of_exactly(model, 5000.0, crossing)
    df = pd.DataFrame(
        {
            "vehicle": ["a", "a"],
            "ts": ["2024-07-01 08:00", "2024-07-01 08:05"],
            "lon": [lon0, lon1],
            "lat": [lat0, lat1],
        }
    )
    found = model.events(df, zones=["current"], max_gap_m=5000.0)
    assert found.events["event"].tolist() == (["exit"] if crossing else [])
    tracks = maps.split_tracks(model, df, zone="current", max_gap_m=5000.0)
    assert tracks.parts["kind"].tolist() == (["inside", "outside"] if crossing else ["inside"])
    assert tracks.events["event"].tolist() == found.events["event"].tolist()


def test_track_column_errors_in_both_languages(model):
    """A tracks DataFrame without a named column, or with one named twice, is refused in English and Chinese."""
    from avzone import i18n

    fixes = pd.DataFrame({"car": [1], "ts": ["2024-07-01 08:00"], "lon": [116.5], "lat": [39.8]})
    with pytest.raises(InputError) as caught:
        maps.make_map(model, tracks=fixes)
    assert (
        str(caught.value) == "tracks: no vehicle id column 'vehicle' (name it with id=); columns are: car, ts, lon, lat"
    )
    zh = "tracks：没有车辆编号列 'vehicle'（用 id= 指定）；现有列：car、ts、lon、lat"
    assert i18n.error_text(caught.value, "zh") == zh
    with pytest.raises(InputError) as caught:
        maps.split_tracks(model, fixes.drop(columns="lat"), id="car")
    # (no lat column given: the one whose name says lat, as the events find it; none here)
    assert i18n.error_text(caught.value, "zh") == "tracks：没有看起来像纬度的列；请用 lat= 指定（现有列：car、ts、lon）"
    twice = pd.concat([fixes, fixes[["lon"]]], axis=1)
    with pytest.raises(InputError) as caught:
        maps.split_tracks(model, twice, id="car")
    assert str(caught.value) == "tracks: 2 columns are named 'lon'; lon= needs one (rename or drop the others)"
    assert i18n.error_text(caught.value, "zh") == "tracks：有 2 列名为 'lon'；lon= 只需要一列（请重命名或删除其他列）"


@pytest.mark.parametrize(("lang", "label", "gap"), [("en", "Part", "gap: "), ("zh", "轨迹段", "断档：")])
def test_track_part_popups_say_what_part_they_are(model, tracks, lang, label, gap):
    """A track line's popup labels what it is (inside, outside, a gap) as the part it is, not as a zone."""
    page = render(model, tracks=tracks, tiles="none", lang=lang, base=False)
    popups = {f["properties"]["track"]: f["properties"]["popup_html"] for f in features_of(page, "track")}
    assert re.search(rf"<dt>{label}</dt><dd>{gap}[\d,]+ ", popups["gap"])
    zone = html.escape(i18n.zone_name(model, "current", lang))
    assert f"<dt>{label}</dt><dd>" in popups["inside"] and zone in popups["inside"]


def test_a_chinese_track_map_writes_its_units_one_way_km_m_s(model, tracks):
    """A Chinese map writes lengths and times as the scale bar, legend and popups do: km, m and s after the number,
    never 秒 or 米 beside them (a gap's popups: the part and its marker)."""
    page = render(model, tracks=tracks, tiles="none", lang="zh", base=False)
    gap = next(f["properties"]["popup_html"] for f in features_of(page, "track") if f["properties"]["track"] == "gap")
    assert re.search(r"<dd>断档：[\d,]+ s、[\d,]+ m 无定位</dd>", gap), gap
    marker = next(
        f["properties"]["popup_html"] for f in features_of(page, "event") if f["properties"]["event"] == "gap"
    )
    assert re.search(r"<dd>[\d,]+ s、[\d,]+ m 无定位</dd>", marker), marker


def test_a_chinese_map_writes_no_area_or_length_in_chinese_units(model, tracks):
    """Every popup, the legend and the layer names of a Chinese map write km², km, m and s, as its scale bar does:
    the dataset's Chinese names too ("亦庄示范区（3.0阶段，160 km²）"), never 平方公里 beside a popup's km²."""
    page = render(model, tracks=tracks, tiles="none", lang="zh")
    texts = [f["properties"]["popup_html"] for f in geojson_features(page)] + [avzone_data(page)["legend_html"]]
    texts += overlay_names(page) + [label["text"] for label in avzone_data(page)["base"]["labels"]]
    assert not [t for t in texts if re.search(r"\d ?(?:[秒米]|平方公里|公里|千米)", t)]
    assert "<h4>亦庄示范区（3.0阶段，160 km²）</h4>" in "".join(texts)


@pytest.mark.parametrize(
    ("text", "rows"),
    [("vehicle,ts,lon,lat\n", 0), ("vehicle,ts,lon,lat\n1,2024-07-01 08:00,116.44,39.79\n2,,116.5,39.8\n", 2)],
    ids=["header only", "no vehicle with two fixes"],
)
def test_cli_map_track_says_when_there_is_no_track_to_draw(tmp_path, text, rows):
    """A --track file with no track in it still makes a map, but says so: not a map that looks like any other."""
    src = tmp_path / "fixes.csv"
    src.write_text(text, encoding="utf-8")
    args = ("map", "--track", str(src), "--tiles", "none", "--no-base", "-o", str(tmp_path / "m.html"))
    en, zh = run_cli(*args, "--lang", "en"), run_cli(*args, "--lang", "zh")
    assert en.returncode == 0 and zh.returncode == 0, en.stderr
    said = f"{src}: no track to draw ({rows} rows, no vehicle with two usable fixes): the map has none"
    assert said in en.stderr.splitlines()
    assert f"{src}：没有可画的轨迹（{rows} 行，没有哪辆车有两个可用的定位）：地图上没有轨迹" in zh.stderr.splitlines()
    ok = tmp_path / "ok.csv"
    fixes().to_csv(ok)
    assert (
        "no track to draw"
        not in run_cli("map", "--track", str(ok), "--tiles", "none", "-o", str(tmp_path / "ok.html")).stderr
    )


def test_a_chinese_map_calls_a_gap_as_the_help_and_readme_do(model, tracks):
    """断档, as `avzone map --help` ("驶入/驶出/断档标记"), `events` and README.zh-CN.md call it, not 间断."""
    page = render(model, tracks=tracks, tiles="none", lang="zh", base=False)
    texts = [f["properties"]["popup_html"] for f in geojson_features(page)] + [avzone_data(page)["legend_html"]]
    assert not [t for t in texts if "间断" in t]
    gap = next(f["properties"]["popup_html"] for f in features_of(page, "event") if f["properties"]["event"] == "gap")
    assert "<h4>断档</h4>" in gap and "<dt>事件</dt><dd>断档</dd>" in gap
    assert "定位断档（不插值）" in avzone_data(page)["legend_html"]


@pytest.mark.parametrize("zone", ["core", "outlook", "current"])
def test_the_zone_the_tracks_are_split_at_is_shown_when_the_map_opens(model, zone):
    """Tracks split at a stage's edge (--track-zone core / outlook) are drawn with that zone shown: it was a hidden
    stage, so the map opened with tracks turning green and red at an edge it did not draw (the legend naming it)."""
    import folium

    fmap = maps.make_map(model, tracks=maps.split_tracks(model, fixes(), zone=zone))
    shown = {c.layer_name: c.show for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)}

    def of(layer: str) -> bool:
        title = html.escape(str(model.layer_info(layer).get("title_en")))
        (show,) = [s for name, s in shown.items() if name.startswith(title)]
        return show

    assert of(zone) is True
    hidden = {"core", "outlook"} - {zone}
    assert all(of(other) is False for other in hidden), "the other stages stay hidden unless asked"
    assert of("current") is True


# -- the events' times read as the instants they are -----------------------------------
def _part_ends(tracks: maps.Tracks) -> list[tuple[str, str]]:
    return [(str(s), str(e)) for s, e in zip(tracks.parts["start"], tracks.parts["end"], strict=True)]


def test_a_trip_in_1970_epoch_seconds_is_drawn_as_its_events_find_it(model, tmp_path):
    # seconds since a trip's start: the events take the whole column (0 s to 46 days); the map judged the two
    # crossings' times alone (12 days after 1970, as if epoch seconds converted as milliseconds) and refused them
    df = pd.DataFrame(
        {
            "vehicle": 7,
            "ts": [0, 1_000_000, 1_000_100, 1_000_200, 1_000_300, 4_000_000],
            "lon": [116.44, 116.44, 116.46, 116.46, 116.44, 116.44],
            "lat": 39.79,
        }
    )
    options = {"time_unit": "s", "max_gap_s": None, "max_gap_m": None}
    found = model.events(df, zones=["current"], **options)
    assert found.events["event"].tolist() == ["enter", "exit"]
    tracks = maps.split_tracks(model, df, **options)
    assert tracks.parts["kind"].tolist() == ["outside", "inside", "outside"]
    enter, exit_ = (str(t) for t in found.events["time"])
    assert [e for _, e in _part_ends(tracks)][:2] == [enter, exit_]
    assert tracks.shown_markers(1).tolist() == [1]
    src, out = tmp_path / "t.csv", tmp_path / "t.html"
    df.to_csv(src, index=False)
    args = ("--time-unit", "s", "--max-gap-s", "0", "--max-gap-m", "0", "--tiles", "none")
    result = run_cli("map", "--track", str(src), *args, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_a_crossing_in_1970_among_crossings_in_2024_keeps_its_time(model):
    # most fixes in 1970 (times since a start), a few in 2024: the column has no stray time, and the events
    # find a crossing in each year; judged alone, the crossings (mostly in 2024) made the 1970 one a stray:
    # no time (NaT) at the end of vehicle A's first part
    b0 = 1_719_792_000
    df = pd.DataFrame(
        {
            "vehicle": ["A"] * 10 + ["B"] * 4,
            "ts": [*range(0, 600, 60), b0, b0 + 60, b0 + 120, b0 + 180],
            "lon": [116.44] * 5 + [116.46] * 5 + [116.44, 116.46, 116.44, 116.46],
            "lat": 39.79,
        }
    )
    found = model.events(df, zones=["current"], time_unit="s")
    assert (found.rows["status"] == "ok").all()
    tracks = maps.split_tracks(model, df, time_unit="s")
    ends = _part_ends(tracks)
    assert "NaT" not in str(ends)
    assert ends[0][1] == str(found.events["time"].iloc[0])  # A's first part ends at its crossing in 1970
    assert tracks.shown_markers(2).tolist() == [0, 2]


# -- a thinned track --------------------------------------------------------------------
def _gappy_and_dense() -> pd.DataFrame:
    """Vehicle G inside the zone, a fix every 20 minutes (a gap between every two: one gap part of 60 fixes,
    59 gap markers), and vehicle D driving into the zone with a fix every 5 s (one crossing, 400 fixes)."""
    rng = np.random.default_rng(1)
    g = pd.DataFrame(
        {
            "vehicle": "G",
            "ts": pd.date_range("2024-07-01 08:00", periods=60, freq="20min"),
            "lon": 116.46 + rng.uniform(-0.005, 0.005, 60),
            "lat": 39.785 + rng.uniform(-0.003, 0.003, 60),
        }
    )
    d = pd.DataFrame(
        {
            "vehicle": "D",
            "ts": pd.date_range("2024-07-01 08:00", periods=400, freq="5s"),
            "lon": np.linspace(116.44, 116.46, 400),
            "lat": 39.79,
        }
    )
    return pd.concat([g, d], ignore_index=True)


def test_a_thinned_map_keeps_every_gap_fix_so_each_marker_stands_on_its_track(model):
    # a gap part's every vertex is a fix at the end of a gap, a gap marker at each; thinned as a part between
    # crossings is, 40 of G's 59 markers stood away from its dotted line, which ran straight past their fixes
    tr = maps.split_tracks(model, _gappy_and_dense())
    assert tr.parts["kind"].tolist() == ["gap", "outside", "inside"] and (tr.markers["event"] == "gap").sum() == 59
    thinning = tr.thinning(200)
    assert tr.vertices == 462 and thinning is not None and thinning.keep[0].all()  # (D's: a straight line)
    assert thinning.drawn == 60 + 4 + 4 and thinning.deviation_m < _trackthin.FLOOR_M  # (D: its ends, next ones)
    page = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=200)
    lines = features_of(page, "track")
    assert vertices_of(lines) == thinning.drawn
    drawn = {(f["properties"]["vehicle"], f["properties"]["track"]): f["geometry"]["coordinates"] for f in lines}
    on_lines = {(v, tuple(p)) for (v, _), parts in drawn.items() for part in parts for p in part}
    markers = features_of(page, "event")
    assert len(markers) == len(tr.markers) == 60
    assert all((f["properties"]["vehicle"], tuple(f["geometry"]["coordinates"])) in on_lines for f in markers)
    # each drawn line is its part's vertices drawn, in their (time) order
    for part, keep in zip(tr.parts.itertuples(), thinning.keep, strict=True):
        every = [[round(x, 5), round(y, 5)] for x, y in zip(part.lon, part.lat, strict=True)]
        assert drawn[part.id, part.kind][0] == [v for v, k in zip(every, keep, strict=True) if k]


def test_a_track_of_gaps_alone_over_the_vertex_limit_draws_every_fix_and_says_so(model):
    g = _gappy_and_dense().query("vehicle == 'G'")
    tr = maps.split_tracks(model, g)
    thinning = tr.thinning(30)
    assert thinning is not None and thinning.ends_only and thinning.drawn == 60
    page = render(model, tracks=tr, tiles="none", base=False, max_track_vertices=30)
    assert vertices_of(features_of(page, "track")) == 60
    legend = html.unescape(avzone_data(page)["legend_html"])
    assert (
        "60 track vertices, more than max_track_vertices (30), all drawn: each is a part's end or the fix next to "
        "one, or a gap's, which are always drawn, so every fix is drawn"
    ) in legend
    assert "0.0 m" not in legend  # (no fix is left out: no distance to say)


@pytest.mark.parametrize(
    ("lang", "said", "span"),
    [
        ("en", "59 gaps: 70,800 s, ", "First → last (Beijing)"),
        ("zh", "断档 59 次：合计 70,800 s、", "首段起 → 末段止（北京时间）"),
    ],
)
def test_a_run_of_gaps_is_counted_not_called_one_gap_without_fixes(model, lang, said, span):
    """Vehicle G's 59 gaps in a row are one dotted part (every vertex a fix, with a gap marker at each): its popup
    said "gap: 70,800 s, ... without fixes", one gap of 19 hours and 40 minutes, hiding the 58 fixes in it."""
    tr = maps.split_tracks(model, _gappy_and_dense().query("vehicle == 'G'"))
    assert tr.parts["kind"].tolist() == ["gap"] and len(tr.parts["lon"].iloc[0]) == 60
    page = render(model, tracks=tr, tiles="none", base=False, lang=lang)
    (gap,) = [html.unescape(f["properties"]["popup_html"]) for f in features_of(page, "track")]
    assert f"<dd>{said}" in gap and f"<dt>{span}</dt>" in gap, gap
    one = render(model, tracks=maps.split_tracks(model, fixes()), tiles="none", base=False, lang=lang)
    popup = next(f["properties"]["popup_html"] for f in features_of(one, "track") if f["properties"]["track"] == "gap")
    assert re.search(r"<dd>(gap: |断档：)1,920 s", popup), popup  # (vehicle A's one gap, as before)


def _tongzhou_trip(day: str) -> pd.DataFrame:
    """A vehicle driving in the Tongzhou part of the 2024 expansion (inside planned, outside current) on ``day``."""
    times = [f"{day} 08:00", f"{day} 08:02", f"{day} 08:04"]
    return pd.DataFrame({"vehicle": "T", "ts": times, "lon": [116.69, 116.695, 116.70], "lat": 39.87})


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "The tracks are coloured by the 160 km² current zone (in force from 2024-03-19 00:00 until 2024-10-18 "
            "00:00) at every time, but their fixes (2025-01-06 08:00:00 to 2025-01-06 08:04:00, Beijing time) "
            "include times when the zone in force was the 600 km² planned zone",
        ),
        (
            "zh",
            "轨迹在所有时间都按亦庄示范区（160 km²）着色（2024-03-19 00:00 至 2024-10-18 00:00 生效），"
            "但其定位（北京时间 2025-01-06 08:00:00 至 2025-01-06 08:04:00）中有些时间生效的范围是"
            "2024年扩区后示范区（600 km²）",
        ),
    ],
)
def test_tracks_coloured_by_a_zone_not_in_force_at_their_times_say_so(model, lang, said):
    """A trip of 2025 in Tongzhou, coloured by the default zone (current, replaced by planned on 2024-10-18), is
    red all the way: the map said nothing of the zone in force then, inside which the vehicle drove."""
    tr = maps.split_tracks(model, _tongzhou_trip("2025-01-06"))
    assert tr.zone == "current" and tr.parts["kind"].tolist() == ["outside"]
    legend = html.unescape(avzone_data(render(model, tracks=tr, tiles="none", base=False, lang=lang))["legend_html"])
    assert said in legend
    # a trip of 2024-07 (current in force), or one coloured by the zone in force in 2025: no note
    for trip, zone in ((_tongzhou_trip("2024-07-01"), None), (_tongzhou_trip("2025-01-06"), "planned")):
        tr = maps.split_tracks(model, trip, zone=zone)
        assert tr.zone_in_force_note(model, lang) is None
        legend = avzone_data(render(model, tracks=tr, tiles="none", base=False, lang=lang))["legend_html"]
        assert said[:20] not in html.unescape(legend)


def test_tracks_over_a_change_of_stage_name_the_zone_in_force_then_and_the_plan_is_said_never_in_force(model):
    trip = _tongzhou_trip("2024-10-17").assign(ts=["2024-10-17 23:58", "2024-10-18 00:00", "2024-10-18 00:02"])
    note = maps.split_tracks(model, trip).zone_in_force_note(model)
    assert note is not None and "include times when the zone in force was the 600 km² planned zone" in note
    note = maps.split_tracks(model, trip, zone="planned").zone_in_force_note(model)
    assert note is not None and "(in force since 2024-10-18)" in note and note.endswith("the 160 km² current zone")
    early = _tongzhou_trip("2019-06-01")  # before the first stage: no zone in force
    note = maps.split_tracks(model, early, zone="core").zone_in_force_note(model)
    assert note.endswith("include times when no zone was in force (on 2019-06-01)")
    note = maps.split_tracks(model, trip, zone="outlook").zone_in_force_note(model)  # a plan, never in force
    assert "the 1,960 km² outlook zone (never in force: no valid_from) at every time" in note


def test_cli_map_track_says_on_stderr_when_the_zone_was_not_in_force(tmp_path):
    src = tmp_path / "trip.csv"
    _tongzhou_trip("2025-01-06").to_csv(src, index=False)
    args = ("map", "--track", str(src), "--tiles", "none", "--no-base", "-o", str(tmp_path / "m.html"))
    en, zh = run_cli(*args, "--lang", "en"), run_cli(*args, "--lang", "zh")
    assert en.returncode == 0 and zh.returncode == 0, en.stderr
    assert "note: The tracks are coloured by the 160 km² current zone (in force from 2024-03-19" in en.stderr
    assert "注意：轨迹在所有时间都按亦庄示范区（160 km²）着色" in zh.stderr
    planned = run_cli(*args, "--track-zone", "planned")
    assert planned.returncode == 0 and "coloured by" not in planned.stderr
