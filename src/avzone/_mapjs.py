"""What :mod:`avzone.maps` puts in the page besides folium's layers: HTML, CSS, JavaScript.

The HTML of the popups and the legend is built here, every text escaped
(:func:`zone_popup`, :func:`hub_popup`, :func:`route_popup`,
:func:`legend_html`). The CSS and JavaScript are real files shipped as
package data in ``avzone/assets`` (:data:`MAP_STYLES`, :data:`MAP_SCRIPTS`,
read with :func:`read_asset`; ``make test`` runs ``node --check`` on each
script): plain Leaflet 1.x and DOM code, written for avzone; no other library
is loaded in the page. The script holds no prose: the words it writes come
with the page's data (:data:`UI_TEXT`), and the styles name their font once
(``--avzone-font``). :class:`AvzoneControls` is the one folium element that
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
* draws the user's points in a pane of their own above the zones (from one
  compact array, not one script statement per point);
* adds the legend, the note on sampled points, the cursor's coordinates and a
  full-screen button (the Fullscreen API, or a fixed-position fallback);
* keeps the overlays stacked smallest zone on top when one is toggled.

It also finds Leaflet's own files in an installed Python package
(:func:`leaflet_assets`), which offline pages inline.
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

from avzone import geodesy
from avzone.checks import hub_coverage
from avzone.errors import AvzoneError
from avzone.locate import zone_title

if TYPE_CHECKING:
    from avzone.model import Model

#: Python packages that ship Leaflet's leaflet.js and leaflet.css, and the folder in them.
LEAFLET_PACKAGES = (
    ("xstatic-leaflet", "xstatic/pkg/leaflet/data"),
    ("django-js-lib-leaflet", "js_lib_leaflet/static/js_lib_leaflet"),
)

ZONE_COLOURS = {"core": "#6a3d9a", "current": "#1f78b4", "planned": "#ff7f00", "outlook": "#7f7f7f"}
OTHER_ZONE_COLOURS = ("#b15928", "#e7298a", "#66a61e", "#1b9e77")
STATION_COLOUR, AIRPORT_COLOUR, ROUTE_COLOUR = "#b2182b", "#252525", "#238b45"
OUTSIDE_COLOUR = "#ffffff"


# -- HTML of popups and legend (every text escaped) ------------------------------------
def escape(value: Any) -> str:
    return html.escape(str(value), quote=True)


def fields(pairs: Iterable[tuple[str, str | None]]) -> str:
    """A definition list of (label, HTML) pairs, leaving out empty values."""
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in pairs if v) + "</dl>"


def _prop(props: dict[str, Any], key: str) -> str:
    return escape(props.get(key, ""))


def _sources(props: dict[str, Any]) -> str:
    sources = props.get("sources")
    sources = [sources] if isinstance(sources, str) else sources
    if not isinstance(sources, (list, tuple)) or not sources:
        return ""
    return "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in sources) + "</ul>"


def _heading(props: dict[str, Any], prefix: str = "") -> str:
    name = f"<h4>{escape(prefix + str(props.get('name_en') or props.get('id', '')))}</h4>"
    return name + (f"<div>{escape(props['name_zh'])}</div>" if props.get("name_zh") else "")


def km2(value: Any) -> str | None:
    return f"{value:,.0f} km²" if isinstance(value, (int, float)) else None


def zone_popup(props: dict[str, Any], area_km2: float, *, prefix: str = "", area_label: str = "Area") -> str:
    """Popup HTML of a zone feature: area (geodesic), date, status, confidence, sources."""
    nominal = km2(props.get("nominal_area_km2"))
    return _heading(props, prefix) + fields(
        [
            (area_label, escape(f"{area_km2:,.1f} km² (geodesic)")),
            ("Nominal", escape(nominal) if nominal else None),
            ("As of", _prop(props, "as_of")),
            ("Status", _prop(props, "status")),
            ("Confidence", _prop(props, "confidence")),
            ("District", _prop(props, "district")),
            ("Sources", _sources(props)),
        ]
    )


def _served_by(props: dict[str, Any], routes: dict[str, dict[str, Any]]) -> str:
    """The routes reaching a hub: its ``served_by`` ``route:<id>`` entries and the routes ending there."""
    raw = props.get("served_by")
    items = [str(v) for v in (raw if isinstance(raw, list) else [raw] if raw else []) if str(v).startswith("route:")]
    items += [f"route:{rid}" for rid, r in routes.items() if props.get("id") in (r.get("to"), r.get("from"))]
    texts: list[str] = []
    for item in items:
        route = routes.get(item.removeprefix("route:"))
        text = item
        if route is not None:
            length = route.get("length_km")
            text = str(route.get("name_en", item)) + (f" ({length:g} km)" if isinstance(length, (int, float)) else "")
        if text not in texts:
            texts.append(text)
    return ", ".join(escape(t) for t in texts)


def hub_popup(model: Model, props: dict[str, Any], lon: float, lat: float, routes: dict[str, dict[str, Any]]) -> str:
    """Popup HTML of a station or airport: two separate facts.

    Where the point lies (inside which drawn zones, else how far the nearest
    zone edge is: geometry) and what service is reported there (its
    ``served`` property and the routes ending there: reporting). Lying inside
    a drawn zone is never presented as being served.
    """
    inside, nearest, dist_m = hub_coverage(model, lon, lat)
    if inside:
        coverage = "Inside the drawn zone: " + ", ".join(escape(zone_title(model, z)) for z in inside)
    elif nearest is not None:
        coverage = (
            f"Outside every drawn zone: {dist_m / 1000:,.1f} km from the edge of {escape(zone_title(model, nearest))}"
        )
    else:
        coverage = "No zone layers to compare with"
    served = props.get("served")
    service = escape(str(served)) if isinstance(served, str) and served.strip() else "none recorded"
    edges = [
        f"{escape(z)} {geodesy.distance_to_boundary_m([lon], [lat], model.layer_geometry(z))[0] / 1000:,.1f} km"
        for z in model.zone_layers
        if z not in inside
    ]
    codes = "/".join(str(props[k]) for k in ("iata", "icao") if props.get(k))
    kind = str(props.get("kind", "")).replace("_", " ") + (f" {codes}" if codes else "")
    return (
        _heading(props)
        + f'<div class="avzone-coverage" data-inside="{escape(" ".join(inside))}">{coverage}</div>'
        + fields(
            [
                ("Kind", escape(kind)),
                ("To the edge of", "; ".join(edges)),
                ("Service reported", service),
                ("Routes", _served_by(props, routes)),
                ("Position", escape(f"{lon:.5f}, {lat:.5f} (WGS84), ±{props.get('accuracy_m', '?')} m")),
                ("As of", _prop(props, "as_of")),
                ("Status", _prop(props, "status")),
                ("Confidence", _prop(props, "confidence")),
                ("Sources", _sources(props)),
            ]
        )
    )


def route_popup(model: Model, props: dict[str, Any], geom: BaseGeometry) -> str:
    """Popup HTML of an access route: its ends, drawn (geodesic) and reported length, sources."""

    def name_of(feature_id: Any) -> str:
        try:
            return str(model.feature(str(feature_id))[1].get("name_en", feature_id))
        except AvzoneError:
            return str(feature_id)

    reported = props.get("reported_length_km")
    basis = props.get("reported_length_basis")
    length = f"{geodesy.length_km(geom):,.1f} km geodesic (drawn)"
    if isinstance(reported, (int, float)):
        length += f"; reported {reported:g} km" + (f" ({basis})" if isinstance(basis, str) and basis else "")
    return _heading(props) + fields(
        [
            ("From", escape(name_of(props.get("from")))),
            ("To", escape(name_of(props.get("to")))),
            ("Length", escape(length)),
            ("As of", _prop(props, "as_of")),
            ("Status", _prop(props, "status")),
            ("Sources", _sources(props)),
        ]
    )


def legend_html(model: Model, colours: dict[str, str], crs_label: str, with_expansion: bool) -> str:
    """The legend: each zone layer with its geodesic and nominal area, then hubs and routes."""
    rows = []
    for z in model.zone_layers:
        info = model.layer_info(z)
        swatch = f'<span class="avzone-swatch" style="border-color:{colours[z]};background:{colours[z]}55"></span>'
        rows.append(
            f'<tr data-layer="{escape(z)}"><td>{swatch}{escape(info.get("title_en") or z)}</td>'
            f'<td class="num">{model.area_km2(z):,.1f} km²</td>'
            f'<td class="num">{escape(km2(info.nominal_area_km2) or "–")}</td></tr>'
        )
    notes = []
    if with_expansion:
        added = model.area_km2("planned") - model.area_km2("current")
        notes.append(f"The planned zone is drawn as the current zone plus the expansion (+{added:,.1f} km²).")
    notes.append(
        f'<span class="avzone-swatch dot" style="border-color:{STATION_COLOUR}"></span>stations '
        f'<span class="avzone-swatch dot" style="border-color:{AIRPORT_COLOUR}"></span>airports '
        f'<span class="avzone-swatch line" style="border-color:{ROUTE_COLOUR}"></span>access routes'
    )
    notes.append(f"Click anywhere for a point check. Coordinates: {escape(crs_label)}.")
    title = model.manifest.get("title_en") or model.name
    return (
        f'<div class="avzone-legend"><h4>{escape(title)}</h4><table>'
        "<tr><th></th><th>geodesic</th><th>nominal</th></tr>"
        + "".join(rows)
        + "</table>"
        + "".join(f'<div class="avzone-foot">{n}</div>' for n in notes)
        + "</div>"
    )


#: The map's own code and styles, shipped as package data in ``avzone/assets`` and
#: embedded in this order (a later file may use what an earlier one defines).
MAP_SCRIPTS = ("avzone-map.js",)
MAP_STYLES = ("avzone-map.css",)
#: The words the script writes itself (popups, placeholders, button titles), sent in the page's
#: data as ``text`` so that the script holds no prose of its own.
UI_TEXT = {
    "point_check": "Point check",
    "lon_lat": "lon, lat",
    "inside": "inside",
    "outside": "outside",
    "your_point": "Your point",
    "pointer_hint": "move the pointer over the map",
    "full_screen": "Full screen",
    "exit_full_screen": "Exit full screen",
}


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
        raise AvzoneError(f"avzone/assets/{name} is missing from the installed package: reinstall avzone") from None


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
        category]``, categories and marker radius). ``text`` (the words the
        script writes) is :data:`UI_TEXT` unless given.
    groups : dict
        Feature groups whose features open avzone popups, by key (``points``
        is the group the user's points are drawn into).
    stack_order : list
        Feature groups from bottom to top, re-applied when an overlay is added.
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

    def __init__(self, payload: dict[str, Any], groups: dict[str, Any], stack_order: list[Any]):
        super().__init__()
        self._name = "AvzoneControls"
        self.payload_json = json_for_html({"text": UI_TEXT, **payload})
        # Feature groups are JS variables (folium names them when they are created).
        self.groups_js = "{" + ", ".join(f"{json.dumps(k)}: {g.get_name()}" for k, g in groups.items()) + "}"
        self.stack_order_js = "[" + ", ".join(g.get_name() for g in stack_order) + "]"
        self.css = map_css()
        self.js = map_js()


# -- Leaflet itself ---------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str, str]:
    """Leaflet's JavaScript and CSS from an installed Python package: ``(js, css, source)``.

    The CSS's images (layer-control icon, default marker) are inlined as data
    URIs and source-map comments are dropped, so the page fetches nothing.

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
        js_path, css_path = base / "leaflet.js", base / "leaflet.css"
        if js_path.is_file() and css_path.is_file():
            js = re.sub(r"//# sourceMappingURL=\S*", "", js_path.read_text(encoding="utf-8"))
            css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", css_path.read_text(encoding="utf-8"))
            css = re.sub(r"url\((images/[\w.-]+\.png)\)", functools.partial(_inline_image, base), css)
            source = f"{dist_name} {dist.version}"
            return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style"), source
    raise AvzoneError(
        "offline maps inline Leaflet from the Python package xstatic-leaflet, which is not installed: "
        "run `pip install xstatic-leaflet` (or make the map with offline=False)"
    )


def _inline_image(base: Path, match: re.Match[str]) -> str:
    return _data_uri(base / match.group(1))


def _data_uri(image: Path) -> str:
    if not image.is_file():
        return "none"
    return "url(data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii") + ")"
