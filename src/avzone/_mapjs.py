"""What :mod:`avzone.maps` puts in the page besides folium's layers: HTML, CSS, JavaScript.

The HTML of the popups and the legend is built here, every text escaped
(:func:`zone_popup`, :func:`hub_popup`, :func:`route_popup`,
:func:`legend_html`), in the language asked for (``lang``, :mod:`avzone.i18n`).
The CSS and JavaScript are real files shipped as
package data in ``avzone/assets`` (:data:`MAP_STYLES`, :data:`MAP_SCRIPTS`,
read with :func:`read_asset`; ``make test`` runs ``node --check`` on each
script): plain Leaflet 1.x and DOM code, written for avzone; no other library
is loaded in the page. The script holds no prose: the words it writes come
with the page's data (:data:`UI_TEXT`, :func:`ui_text`), and the styles name their font once
(``--avzone-font``: a Chinese font of each system first, then ``sans-serif``).
:class:`AvzoneControls` is the one folium element that
carries them: it embeds the map's data once as JSON (a
``<script type="application/json" class="avzone-data">`` element) and the
script, whose ``avzoneInit`` then, in the browser,

* answers a click anywhere on the map with a point check: which zone layers
  cover the clicked spot, computed from the embedded polygons by ray casting
  (holes and multipolygons handled, the boundary counting as inside as far as
  floating point allows), shown in a popup as
  ``<div class="avzone-check" data-current="true" ...>``;
* opens the popups of the features (the HTML comes escaped from Python), with
  the point check appended for polygons and lines;
* draws the base context (ring roads, district outlines, names) under the
  zones, and the located points as SVG pins;
* draws the user's points on one canvas in a pane of their own above the
  zones (from one compact array): each point where at most
  ``individual_limit`` are in view, else one dot per grid cell coloured by
  its most common category; a click on a point or cell is answered from the
  same arrays;
* adds Leaflet's scale bar (metric only in Chinese), the legend, the note on
  sampled points, the cursor's coordinates, the
  zoom buttons (Leaflet's, their tooltips in the page's language: the page is
  made without Leaflet's own, whose tooltips are English) and a full-screen
  button (the Fullscreen API, or a fixed-position fallback);
* gives the tooltip of Leaflet's own credit link, of the layer control's button and the name of its
  popups' close button (for screen readers) in the page's language;
* keeps the overlays stacked smallest zone on top when one is toggled.

It also finds Leaflet's own files in an installed Python package
(:func:`leaflet_folder`), which offline pages inline (:func:`leaflet_assets`)
and the service serves (:func:`leaflet_files`).
"""

from __future__ import annotations

import base64
import functools
import html
import importlib.metadata
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry.base import BaseGeometry

from avzone import geodesy, i18n
from avzone.checks import hub_coverage
from avzone.errors import AvzoneError
from avzone.i18n import DataText, Message, in_chinese, text

if TYPE_CHECKING:
    from avzone.model import Model


#: Pieces of the expansion ("planned minus current") smaller than this (km²) are noise along shared edges, not
#: drawn; and a ``from`` zone reaching this far outside the ``to`` zone is not held by it (:func:`expansion_stages`).
SLIVER_KM2 = 0.05


def expansion_stages(model: Model) -> tuple[str, str] | None:
    """The zone layers ``(from, to)`` the map draws the expansion between, None when it draws none.

    The dataset's declared expansion (the manifest's ``expansion``: ``from``,
    ``to``), as ``avzone growth`` compares them by default
    (:func:`avzone.growth.default_stages`); without a declaration,
    ``current`` to ``planned`` when the dataset has both. None when the two
    are one layer or not both zone layers, and when the ``to`` zone does not
    hold the ``from`` zone (more than :data:`SLIVER_KM2` of ``from`` outside
    it, what ``avzone growth`` shows as removed): the map would draw ``to`` as
    ``from`` plus the expansion, ``from``'s ground outside ``to`` as ``to``'s,
    so every zone layer is drawn whole instead.

    >>> import avzone
    >>> expansion_stages(avzone.load())
    ('current', 'planned')
    """
    from avzone.growth import default_stages

    zones = set(model.zone_layers)
    declared = isinstance(model.manifest.get("expansion"), dict)
    a, b = default_stages(model)
    if a == b or not {a, b} <= zones or not (declared or (a, b) == ("current", "planned")):
        return None
    if _outside_km2(model, a, b) >= SLIVER_KM2:  # (``b`` is not ``a`` plus what it adds)
        return None
    return a, b


def _outside_km2(model: Model, inner: str, outer: str) -> float:
    """The geodesic area of zone layer ``inner`` lying outside zone layer ``outer`` (0 when ``outer`` covers it)."""
    a, b = (geodesy.valid_geometry(model.layer_geometry(z)) for z in (inner, outer))
    return 0.0 if b.covers(a) else geodesy.area_km2(a.difference(b))


def expansion_km2(model: Model) -> float:
    """The geodesic area the map draws as the expansion: the ``to`` zone minus the ``from`` zone of
    :func:`expansion_stages` (planned minus current in the embedded data).

    The map draws an expansion only where the ``to`` zone holds the ``from``
    one, so this is the difference of the two layers' areas (to within
    :data:`SLIVER_KM2`); the legend and the expansion overlay both say this
    figure. 0 when the map draws no expansion.
    """
    stages = expansion_stages(model)
    if stages is None:
        return 0.0
    to, from_ = (geodesy.valid_geometry(model.layer_geometry(s)) for s in (stages[1], stages[0]))
    return geodesy.area_km2(to.difference(from_))


def expansion_fields(model: Model, lang: str) -> dict[str, str]:
    """The fields of the expansion's messages (``expansion_layer``, ``legend_expansion``), empty without one.

    ``a`` and ``b`` name the ``from`` and ``to`` layers of
    :func:`expansion_stages`: their ids in English ("planned minus
    current"), their titles in Chinese; ``stage``: the ``to`` layer's stage
    ("2024 expansion") in English, 扩区 in Chinese (a stage is English text).
    """
    stages = expansion_stages(model)
    if stages is None:
        return {}
    a, b = stages
    if lang == "zh":
        return {
            "a": i18n.layer_title(model, a, lang),
            "b": i18n.layer_title(model, b, lang),
            "stage": text("expansion_stage", lang),
        }
    stage = str(model.layer_info(b).get("stage") or text("expansion_stage", lang))
    return {"a": a, "b": b, "stage": f"{stage[:1].upper()}{stage[1:]}"}


#: The key of a route's drawn (geodesic) length, in km, among the properties :func:`hub_popup` is given.
DRAWN_KM = "_drawn_length_km"

#: Python packages that ship Leaflet's leaflet.js and leaflet.css, and the folder in them.
LEAFLET_PACKAGES = (
    ("xstatic-leaflet", "xstatic/pkg/leaflet/data"),
    ("django-js-lib-leaflet", "js_lib_leaflet/static/js_lib_leaflet"),
)

ZONE_COLOURS = {"core": "#6a3d9a", "current": "#1f78b4", "planned": "#ff7f00", "outlook": "#7f7f7f"}
#: Other zone layers' colours, and the routes': none of them the green or red of a track inside or outside the
#: zone followed (a green route or zone edge would read as a track inside it).
OTHER_ZONE_COLOURS = ("#b15928", "#e7298a", "#66a61e", "#e6ab02")
STATION_COLOUR, AIRPORT_COLOUR, ROUTE_COLOUR = "#b2182b", "#252525", "#0097a7"
#: The fill opacity of a hub's footprint on the map, and the same as the two hex digits of its legend swatch.
HUB_AREA_OPACITY, HUB_AREA_ALPHA = 0.15, "26"
OUTSIDE_COLOUR = "#ffffff"
#: Tracks: the parts inside and outside the zone followed, and the gaps between fixes (dotted, darker than the
#: outlook zone's grey dashed edge).
TRACK_COLOURS = {"inside": "#1a9850", "outside": "#d73027", "gap": "#404040"}
#: Event markers (filled circles with a black edge): enter, exit, gap.
EVENT_COLOURS = {"enter": "#1a9850", "exit": "#d73027", "gap": "#bdbdbd"}


# -- HTML of popups and legend (every text escaped) ------------------------------------
def escape(value: Any) -> str:
    return html.escape(str(value), quote=True)


def fields(pairs: Iterable[tuple[str, str | None]]) -> str:
    """A definition list of (label, HTML) pairs, leaving out empty values."""
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in pairs if v) + "</dl>"


def _prop(props: dict[str, Any], key: str) -> str:
    return escape(props.get(key, ""))


def _word(props: dict[str, Any], key: str, lang: str) -> str:
    """A feature's status, confidence or kind, escaped: one of avzone's fixed words in ``lang``, else as it is."""
    value = props.get(key, "")
    known = f"{key}_{value}" if isinstance(value, str) else ""
    return escape(text(known, lang) if known in i18n.MESSAGES["en"] else value)


def _sources(props: dict[str, Any], lang: str = "en") -> str:
    """A feature's citations, escaped, one per item; in Chinese each by its Chinese title where the dataset
    gives one (``sources_zh``: one entry per citation of ``sources``, a string or null), else as it is,
    labelled as English unless it is written in Chinese."""
    sources = props.get("sources")
    sources = [sources] if isinstance(sources, str) else sources
    if not isinstance(sources, (list, tuple)) or not sources:
        return ""
    if lang == "zh":
        titles = props.get("sources_zh")
        titles = titles if isinstance(titles, (list, tuple)) and len(titles) == len(sources) else [None] * len(sources)
        sources = [
            t if isinstance(t, str) and t.strip() else english(s, lang) for s, t in zip(sources, titles, strict=True)
        ]
    return "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in sources) + "</ul>"


def _heading(props: dict[str, Any], prefix: str = "", lang: str = "en") -> str:
    """The feature's name in ``lang`` as the heading, its name in the other language below."""
    name = i18n.name_of(props, lang, props.get("id", ""))
    other = props.get("name_en") if lang == "zh" else props.get("name_zh")
    heading = f"<h4>{escape(prefix + name)}</h4>"
    return heading + (f"<div>{escape(other)}</div>" if other and other != name else "")


def english(value: Any, lang: str) -> str:
    """Free text from the dataset as it is, labelled as English in Chinese unless it is written in Chinese."""
    return str(value) if in_chinese(value) else text("in_english", lang, text=value)


def _district(props: dict[str, Any], lang: str) -> str:
    """A feature's ``district`` text, escaped; in Chinese, its districts by their Chinese names.

    A text written in Chinese is shown as it is. Otherwise the districts
    are the feature's declared ``districts`` (a zone's), else
    the district its ``district`` text begins with (before a bracket), named
    by :func:`avzone.districts.find_zh`. The rest of the text is English in
    the data: it follows the names labelled as English, and a text naming
    no district is labelled as English as a whole.
    """
    value = props.get("district")
    if not isinstance(value, str) or not value.strip():
        return ""
    if lang != "zh" or in_chinese(value):
        return escape(value)
    from avzone.districts import find_zh

    declared = props.get("districts")
    named = declared if isinstance(declared, list) and declared else [value.split("(")[0]]
    names = [find_zh(str(n)) for n in named]
    if not all(names):
        return escape(english(value, lang))
    joined = "、".join(dict.fromkeys(n for n in names if n))
    # nothing more to say when the text is only the districts' names (in any of their spellings)
    if all(find_zh(part) for part in re.split(r"[,/、]", value)):
        return escape(joined)
    return escape(text("district_with_note", lang, names=joined, note=value))


def _number(value: Any) -> str:
    """A number of the dataset as every number of the map is written (1,500: grouped; no ``.0``), ``?`` for none."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def km2(value: Any) -> str | None:
    """A nominal or reported area of the dataset as it is given (:func:`avzone.i18n.plain_figure`: 59.5 km², not
    60 km², as ``avzone area`` and ``avzone growth`` write it), with its unit; None for none."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return f"{i18n.plain_figure(value)} km²"


def zone_popup(
    props: dict[str, Any],
    area_km2: float,
    *,
    prefix: str = "",
    area_label: str | None = None,
    lang: str = "en",
    whole_km2: float | None = None,
) -> str:
    """Popup HTML of a zone feature: area (geodesic), date, status, confidence, sources (labels in ``lang``).

    ``whole_km2``: ``area_km2`` is the part of the feature that adds to the
    expansion and this the whole feature's geodesic area; both are given, and
    the feature's nominal area is labelled as the whole part's ("Whole part,
    nominal"), never as the added area's.
    """
    nominal = km2(props.get("nominal_area_km2"))
    geodesic = text("geodesic_km2", lang, value=f"{area_km2:,.1f}")
    whole = None if whole_km2 is None else text("geodesic_km2", lang, value=f"{whole_km2:,.1f}")
    return _heading(props, prefix, lang) + fields(
        [
            (area_label or text("area", lang), escape(geodesic)),
            (text("whole_part", lang), escape(whole) if whole else None),
            (text("nominal" if whole is None else "whole_part_nominal", lang), escape(nominal) if nominal else None),
            (text("reported_area", lang), _reported_area(props, lang)),
            (text("as_of", lang), _prop(props, "as_of")),
            (text("status", lang), _word(props, "status", lang)),
            (text("confidence", lang), _word(props, "confidence", lang)),
            (text("district", lang), _district(props, lang)),
            (text("sources", lang), _sources(props, lang)),
        ]
    )


def _reported_area(props: dict[str, Any], lang: str) -> str | None:
    """A zone's reported figure when it is not its nominal area (the outlook's plan of about 3,000 km² around the
    drawn belt), with what it stands for: ``reported_area_note`` (``reported_area_note_zh`` in Chinese, else the
    English note labelled as such)."""
    reported = props.get("reported_area_km2")
    if (
        not isinstance(reported, (int, float))
        or isinstance(reported, bool)
        or reported == props.get("nominal_area_km2")
    ):
        return None
    figure = km2(reported)
    if not figure:
        return None
    note = props.get("reported_area_note_zh") if lang == "zh" else None
    if not note:
        note = props.get("reported_area_note")
        note = english(note, lang) if isinstance(note, str) and note.strip() else None
    return escape(text("reported_area_value", lang, figure=figure, note=note) if note else figure)


def _served_by(props: dict[str, Any], routes: dict[str, dict[str, Any]], lang: str = "en") -> str:
    """The routes reaching a hub: its ``served_by`` ``route:<id>`` entries and the routes ending there.

    Each with its length as drawn (:data:`DRAWN_KM`, the geodesic length the
    route's own popup gives), never the route's stored ``length_km``, which a
    redrawn line leaves behind.
    """
    raw = props.get("served_by")
    items = [str(v) for v in (raw if isinstance(raw, list) else [raw] if raw else []) if str(v).startswith("route:")]
    items += [f"route:{rid}" for rid, r in routes.items() if props.get("id") in (r.get("to"), r.get("from"))]
    texts: list[str] = []
    for item in items:
        route = routes.get(item.removeprefix("route:"))
        if route is not None:
            length = route.get(DRAWN_KM)
            name = i18n.name_of(route, lang, item)
            label = text("route_with_length", lang, name=name, km=f"{length:,.1f}") if length is not None else name
        else:
            label = item
        if label not in texts:
            texts.append(label)
    return ("、" if lang == "zh" else ", ").join(escape(t) for t in texts)


def hub_popup(
    model: Model,
    props: dict[str, Any],
    lon: float,
    lat: float,
    routes: dict[str, dict[str, Any]],
    lang: str = "en",
) -> str:
    """Popup HTML of a station or airport: two separate facts (``routes``: each route's properties by id, with
    its drawn length under :data:`DRAWN_KM`).

    Where the point lies (inside which drawn zones, else how far the nearest
    zone edge is: geometry) and what service is reported there (its
    ``served`` property and the routes ending there: reporting). Lying inside
    a drawn zone is never presented as being served.
    """
    inside, nearest, dist_m = hub_coverage(model, lon, lat)
    sep = "、" if lang == "zh" else ", "
    if inside:
        names = [i18n.zone_name(model, z, lang) for z in inside]
        listed = sep.join(names) if lang == "zh" or len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        coverage = escape(text("inside_drawn" if len(names) == 1 else "inside_drawn_many", lang, zones=listed))
    elif nearest is not None:
        zone = i18n.zone_name(model, nearest, lang)
        coverage = escape(text("outside_drawn", lang, km=f"{dist_m / 1000:,.1f}", zone=zone))
    else:
        coverage = escape(text("no_zone_layers", lang))
    served = props.get("served")
    # (in Chinese the dataset's served_zh, else the English text said to be English)
    service = (
        escape(DataText(served, props.get("served_zh")).text(lang))
        if isinstance(served, str) and served.strip()
        else text("none_recorded", lang)
    )
    # in Chinese each zone by its Chinese name, as the legend names it; in English by its short id
    edges = [
        f"{escape(i18n.zone_name(model, z, lang) if lang == 'zh' else z)} "
        f"{geodesy.distance_to_boundary_m([lon], [lat], model.layer_geometry(z))[0] / 1000:,.1f} km"
        for z in model.zone_layers
        if z not in inside
    ]
    codes = "/".join(str(props[k]) for k in ("iata", "icao") if props.get(k))
    kind = props.get("kind", "")
    kind = text(f"kind_{kind}", lang) if f"kind_{kind}" in i18n.MESSAGES["en"] else str(kind).replace("_", " ")
    kind += f" {codes}" if codes else ""
    return (
        _heading(props, lang=lang)
        + f'<div class="avzone-coverage" data-inside="{escape(" ".join(inside))}">{coverage}</div>'
        + fields(
            [
                (text("kind", lang), escape(kind)),
                (text("to_the_edge_of", lang), ("；" if lang == "zh" else "; ").join(edges)),
                (text("service_reported", lang), service),
                (text("routes", lang), _served_by(props, routes, lang)),
                (
                    text("position", lang),
                    escape(
                        text(
                            "position_accuracy",
                            lang,
                            lon=f"{lon:.5f}",
                            lat=f"{lat:.5f}",
                            m=_number(props.get("accuracy_m")),
                        )
                    ),
                ),
                (text("as_of", lang), _prop(props, "as_of")),
                (text("status", lang), _word(props, "status", lang)),
                (text("confidence", lang), _word(props, "confidence", lang)),
                (text("sources", lang), _sources(props, lang)),
            ]
        )
    )


def route_popup(model: Model, props: dict[str, Any], geom: BaseGeometry, lang: str = "en") -> str:
    """Popup HTML of an access route: its ends, drawn (geodesic) and reported length, sources."""

    def name_of(feature_id: Any) -> str:
        try:
            return i18n.name_of(model.feature(str(feature_id))[1], lang, feature_id)
        except AvzoneError:
            return str(feature_id)

    reported = props.get("reported_length_km")
    basis = props.get("reported_length_basis")
    length = text("route_drawn", lang, km=f"{geodesy.length_km(geom):,.1f}")
    if isinstance(reported, (int, float)):
        length += text("route_reported", lang, km=f"{reported:g}")
        if isinstance(basis, str) and basis:  # (in Chinese its basis_zh, else the English said to be English)
            length += i18n.route_basis(basis, props.get("reported_length_basis_zh")).text(lang)
    return _heading(props, lang=lang) + fields(
        [
            (text("from", lang), escape(name_of(props.get("from")))),
            (text("to", lang), escape(name_of(props.get("to")))),
            (text("length", lang), escape(length)),
            (text("as_of", lang), _prop(props, "as_of")),
            (text("status", lang), _word(props, "status", lang)),
            (text("sources", lang), _sources(props, lang)),
        ]
    )


def located_icon(fill: str, size: int = 22) -> str:
    """The SVG pin that marks a located point (fill: its innermost zone's colour), in the map and the legend."""
    height = round(size * 30 / 22)
    return (
        f'<svg class="avzone-pin" width="{size}" height="{height}" viewBox="0 0 22 30" aria-hidden="true">'
        '<path d="M11 1C5.5 1 1 5.4 1 10.8 1 18 11 29 11 29s10-11 10-18.2C21 5.4 16.5 1 11 1z" '
        f'fill="{escape(fill)}" stroke="#000" stroke-width="2"/><circle cx="11" cy="11" r="3.5" fill="#000"/></svg>'
    )


#: Marker types of the legend, in order: key, swatch class, message key.
LEGEND_MARKERS = (
    ("stations", "dot", "legend_stations"),
    ("station_areas", "area", "legend_station_areas"),
    ("airports", "dot", "legend_airports"),
    ("airport_areas", "area", "legend_airport_areas"),
    ("routes", "line", "legend_routes"),
    ("located", "pin", "legend_located"),
    ("points", "dot filled", "legend_points"),
    ("rings", "line", "legend_rings"),
    ("districts", "line thin dashed", "legend_districts"),
    ("track_inside", "line thick", "legend_track_inside"),
    ("track_outside", "line thick", "legend_track_outside"),
    ("track_gap", "line thick dotted", "legend_track_gap"),
    ("event_enter", "dot filled", "legend_event_enter"),
    ("event_exit", "dot filled", "legend_event_exit"),
    ("event_gap", "dot filled", "legend_event_gap"),
)
MARKER_COLOURS = {
    "stations": STATION_COLOUR,
    "airports": AIRPORT_COLOUR,
    "station_areas": STATION_COLOUR,
    "airport_areas": AIRPORT_COLOUR,
    "routes": ROUTE_COLOUR,
    "located": "#000000",
    "points": "#222222",
    "rings": "#8c6d31",
    "districts": "#969696",
    **{f"track_{k}": c for k, c in TRACK_COLOURS.items()},
    **{f"event_{k}": "#000000" for k in EVENT_COLOURS},
}
#: The fill of each "dot filled" marker of the legend.
MARKER_FILLS = {"points": "#1f78b4", **{f"event_{k}": c for k, c in EVENT_COLOURS.items()}}


#: A line of the legend's notes (plain text), or a line followed by the items of a list, one line each.
Note = str | tuple[str, ...]


def _note_html(note: Note) -> str:
    """A legend note as HTML: its text escaped; a tuple's head, then each further item on a line of its own.

    >>> _note_html(("Rows:", "a; b: 1", "c: 2"))
    'Rows:<ul class="avzone-foot-list"><li>a; b: 1</li><li>c: 2</li></ul>'
    """
    if isinstance(note, str):
        return escape(note)
    head, *items = note
    return escape(head) + '<ul class="avzone-foot-list">' + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def legend_html(
    model: Model,
    colours: dict[str, str],
    crs_label: str,
    with_expansion: bool,
    *,
    markers: Iterable[str] = ("stations", "airports", "routes"),
    lang: str = "en",
    label_fields: dict[str, Any] | None = None,
    notes: Iterable[Note] = (),
) -> str:
    """The legend: each zone layer with its geodesic and nominal area, then every marker type on the map.

    ``markers`` names the marker types drawn (keys of :data:`LEGEND_MARKERS`);
    each gets a row ``<div class="avzone-key" data-marker="KEY">`` with its swatch.
    ``label_fields`` fills the messages' fields (the tracks' ``zone``); ``notes``
    are more lines (plain text, escaped here) after the marker types, a tuple
    a line and a list under it, an item a line (:func:`_note_html`).
    """
    rows = []
    for z in model.zone_layers:
        info = model.layer_info(z)
        swatch = f'<span class="avzone-swatch" style="border-color:{colours[z]};background:{colours[z]}55"></span>'
        rows.append(
            f'<tr data-layer="{escape(z)}"><td>{swatch}{escape(i18n.layer_title(model, z, lang))}</td>'
            f'<td class="num">{i18n.area_figure(model.area_km2(z))} km²</td>'
            f'<td class="num">{escape(km2(info.nominal_area_km2) or "–")}</td></tr>'
        )
    foot = []
    if with_expansion and expansion_stages(model) is not None:
        added = i18n.area_figure(expansion_km2(model), 1, signed=True)
        foot.append(escape(text("legend_expansion", lang, added=added, **expansion_fields(model, lang))))
    drawn = set(markers)
    keys = []
    for key, kind, message in LEGEND_MARKERS:
        if key not in drawn:
            continue
        colour = MARKER_COLOURS[key]
        if kind == "pin":
            swatch = located_icon(colours.get("current", "#ffffff"), size=11)
        elif kind == "area":  # (a hub's footprint, filled as the map fills it: told apart from the zones' swatches)
            fill = f"{colour}{HUB_AREA_ALPHA}"
            swatch = f'<span class="avzone-swatch area" style="border-color:{colour};background:{fill}"></span>'
        elif kind == "dot filled":
            fill = MARKER_FILLS.get(key, "#1f78b4")
            swatch = f'<span class="avzone-swatch dot" style="border-color:{colour};background:{fill}"></span>'
        else:
            swatch = f'<span class="avzone-swatch {kind}" style="border-color:{colour}"></span>'
        label = escape(text(message, lang, **(label_fields or {})))
        keys.append(f'<span class="avzone-key" data-marker="{key}">{swatch}{label}</span>')
    foot.append(" ".join(keys))
    foot += [_note_html(n) for n in notes]
    foot.append(escape(text("legend_click", lang, crs=crs_label)))
    title = (model.manifest.get("title_zh") if lang == "zh" else None) or model.manifest.get("title_en") or model.name
    return (
        f'<div class="avzone-legend" lang="{"zh-CN" if lang == "zh" else "en"}"><h4>{escape(title)}</h4><table>'
        f"<tr><th></th><th>{escape(text('legend_geodesic', lang))}</th>"
        f"<th>{escape(text('legend_nominal', lang))}</th></tr>"
        + "".join(rows)
        + "</table>"
        + "".join(f'<div class="avzone-foot">{n}</div>' for n in foot)
        + "</div>"
    )


#: The map's own code and styles, shipped as package data in ``avzone/assets`` and
#: embedded in this order (a later file may use what an earlier one defines).
MAP_SCRIPTS = ("avzone-map.js",)
MAP_STYLES = ("avzone-map.css",)
#: The words the script writes itself (popups, placeholders, button titles), sent in the page's
#: data as ``text`` so that the script holds no prose of its own: English here, every language in
#: :data:`avzone.i18n.UI_TEXT`.
UI_TEXT = dict(i18n.UI_TEXT["en"])


def ui_text(lang: str) -> dict[str, str]:
    """The script's words in ``lang`` (:data:`UI_TEXT` in English)."""
    return UI_TEXT if lang == "en" else i18n.UI_TEXT[lang]


@functools.cache
def read_asset(name: str) -> str:
    """The text of one of avzone's map files in ``avzone/assets``.

    Parameters
    ----------
    name : str
        The file name, e.g. ``"avzone-map.js"``.

    Returns
    -------
    str

    Raises
    ------
    AvzoneError
        When the file is missing from the installed package.

    Examples
    --------
    >>> "function avzoneInit(" in read_asset("avzone-map.js")
    True
    """
    resource = resources.files("avzone") / "assets" / name
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AvzoneError(Message("err_asset_missing", name=name)) from None


def map_js() -> str:
    """The map's JavaScript: every file of :data:`MAP_SCRIPTS`, in order."""
    return "\n".join(read_asset(name) for name in MAP_SCRIPTS)


def map_css() -> str:
    """The map's CSS: every file of :data:`MAP_STYLES`, in order."""
    return "\n".join(read_asset(name) for name in MAP_STYLES)


def json_for_html(payload: Any) -> str:
    """JSON text safe inside a ``<script>`` element (no ``</`` or ``<!--``)."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class AvzoneControls(MacroElement):
    """The folium element that carries avzone's CSS, data and script for one map.

    Parameters
    ----------
    payload : dict
        What the script reads: ``zones`` (id, key, title and polygons of each
        zone layer, in map coordinates), ``crs_label``, ``legend_html``,
        ``note_html`` and optionally ``points`` (items ``[lon, lat,
        category]``, categories and marker radius), ``located`` (pins),
        ``base`` (ring roads, district outlines, labels), ``scale_imperial``
        (the scale bar shows miles and feet too: not in Chinese), ``compact_px``
        (width and height below which the map folds its layer list and legend:
        :data:`avzone.maps.COMPACT_PX`). ``text`` (the words
        the script writes) is :func:`ui_text` of ``lang``.
    groups : dict
        Feature groups whose features open avzone popups, by key (``points``
        is the group the user's points are drawn into).
    stack_order : list
        Feature groups from bottom to top, re-applied when an overlay is added.
    lang : {"en", "zh"}
        The language of the script's words.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <script type="application/json" class="avzone-data" id="{{ this.get_name() }}_data"
                data-map="{{ this._parent.get_name() }}">{{ this.payload_json }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.js }}
        avzoneInit(
            {{ this._parent.get_name() }},
            JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
            {{ this.groups_js }},
            {{ this.stack_order_js }}
        );
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict[str, Any], groups: dict[str, Any], stack_order: list[Any], lang: str = "en"):
        super().__init__()
        self._name = "AvzoneControls"
        self.payload_json = json_for_html({"text": ui_text(lang), **payload})
        # Feature groups are JS variables (folium names them when they are created); the keys (a zone
        # layer's id among them) are written as json_for_html writes text, so "</script>" in one ends nothing.
        self.groups_js = "{" + ", ".join(f"{json_for_html(k)}: {g.get_name()}" for k, g in groups.items()) + "}"
        self.stack_order_js = "[" + ", ".join(g.get_name() for g in stack_order) + "]"
        self.css = map_css()
        self.js = map_js()


# -- Leaflet itself ---------------------------------------------------------------
#: The images leaflet.css refers to (the layer control's icon, the default marker), relative to its folder.
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")


def leaflet_folder() -> tuple[Path, str]:
    """The folder of Leaflet's files (``leaflet.js``, ``leaflet.css``, ``images/``) in an installed Python
    package, and that package's name and version: ``(folder, source)``.

    Raises
    ------
    AvzoneError
        When none of :data:`LEAFLET_PACKAGES` is installed.
    """
    for dist_name, folder in LEAFLET_PACKAGES:
        try:
            dist = importlib.metadata.distribution(dist_name)
        except importlib.metadata.PackageNotFoundError:
            continue
        base = Path(str(dist.locate_file(folder)))
        if (base / "leaflet.js").is_file() and (base / "leaflet.css").is_file():
            return base, f"{dist_name} {dist.version}"
    raise AvzoneError(Message("err_xstatic_missing"))


def leaflet_files() -> dict[str, Path]:
    """Leaflet's files a page loads, by their path relative to :func:`leaflet_folder`: ``leaflet.js``,
    ``leaflet.css`` and the images ``leaflet.css`` refers to that the package has.

    >>> sorted(leaflet_files())[:3]
    ['images/layers-2x.png', 'images/layers.png', 'images/marker-icon.png']
    """
    base, _ = leaflet_folder()
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    images = dict.fromkeys(_CSS_IMAGE.findall(css))
    return {name: base / name for name in ("leaflet.js", "leaflet.css", *images) if (base / name).is_file()}


@functools.lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str, str]:
    """Leaflet's JavaScript and CSS from an installed Python package (:func:`leaflet_folder`): ``(js, css, source)``.

    The CSS's images (layer-control icon, default marker) are inlined as data
    URIs and source-map comments are dropped, so the page fetches nothing.

    Raises
    ------
    AvzoneError
        When none of :data:`LEAFLET_PACKAGES` is installed.
    """
    base, source = leaflet_folder()
    js = re.sub(r"//# sourceMappingURL=\S*", "", (base / "leaflet.js").read_text(encoding="utf-8"))
    css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", (base / "leaflet.css").read_text(encoding="utf-8"))
    css = _CSS_IMAGE.sub(functools.partial(_inline_image, base), css)
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style"), source


def _inline_image(base: Path, match: re.Match[str]) -> str:
    return _data_uri(base / match.group(1))


def _data_uri(image: Path) -> str:
    if not image.is_file():
        return "none"
    return "url(data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii") + ")"
