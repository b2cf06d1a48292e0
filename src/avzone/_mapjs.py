"""What :mod:`avzone.maps` puts in the page besides folium's layers: HTML, CSS, JavaScript.

The HTML of the popups and the legend is built here, every text escaped
(:func:`zone_popup`, :func:`hub_popup`, :func:`route_popup`,
:func:`legend_html`). The CSS and JavaScript are plain Leaflet 1.x and DOM
code, written for avzone; no
other library is loaded in the page. :class:`AvzoneControls` is the one folium
element that carries it: it embeds the map's data once as JSON (a
``<script type="application/json" class="avzone-data">`` element) and one
script that, in the browser,

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
(:func:`leaflet_assets`) for offline pages, and serves them to a headless
browser in place of the CDN (:func:`route_leaflet_locally`).
"""

from __future__ import annotations

import base64
import html
import importlib.metadata
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
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
#: How avzone starts Chromium for screenshots and tests (no sandbox, no background traffic).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
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


CSS = """
.avzone-legend, .avzone-coords, .avzone-note {
  background: rgba(255, 255, 255, 0.92); padding: 6px 9px; font: 12px/1.4 sans-serif;
  color: #222; border-radius: 4px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35);
}
.avzone-legend { max-width: 360px; }
.avzone-legend h4 { margin: 0 0 4px; font-size: 13px; }
.avzone-legend table { border-collapse: collapse; }
.avzone-legend td { padding: 1px 4px; vertical-align: top; }
.avzone-legend td.num { text-align: right; white-space: nowrap; }
.avzone-legend .avzone-foot { margin-top: 4px; color: #555; }
.avzone-swatch {
  display: inline-block; width: 14px; height: 10px; margin-right: 4px;
  border: 2px solid; vertical-align: middle;
}
.avzone-swatch.line { height: 0; border-width: 2px 0 0 0; width: 16px; }
.avzone-swatch.dot { width: 8px; height: 8px; border-radius: 50%; }
.avzone-coords { font-family: monospace; min-width: 15em; text-align: right; }
.avzone-note { max-width: 320px; background: #fff8d6; }
.avzone-fullscreen a { cursor: pointer; }
.leaflet-control-layers { font-size: 13px; }
.avzone-pseudo-fullscreen {
  position: fixed !important; left: 0 !important; top: 0 !important;
  width: 100% !important; height: 100% !important; z-index: 10000;
}
.avzone-popup { font: 12px/1.45 sans-serif; }
.avzone-popup h4 { margin: 0 0 3px; font-size: 13px; }
.avzone-popup dl { margin: 3px 0; display: grid; grid-template-columns: auto 1fr; gap: 0 8px; }
.avzone-popup dt { color: #555; }
.avzone-popup dd { margin: 0; }
.avzone-popup ul { margin: 2px 0; padding-left: 16px; }
.avzone-check { margin-top: 6px; padding-top: 5px; border-top: 1px solid #ccc; }
.avzone-check .in { color: #1a7f37; font-weight: bold; }
.avzone-check .out { color: #a40e26; }
"""

# Static code; ``avzoneInit`` is called once per map by the template below.
JS = r"""
var FULLSCREEN_ICON = '<svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="#333" ' +
  'stroke-width="2" style="vertical-align:middle"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>';

function avzoneInit(map, data, groups, stackOrder) {
  "use strict";
  var EPS = 1e-9;  // degrees (~0.1 mm): a spot this close to an edge is on it

  function onSegment(x, y, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, t = 0;
    if (len2 > 0) { t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)); }
    var px = ax + t * dx - x, py = ay + t * dy - y;
    return px * px + py * py <= EPS * EPS;
  }
  // 0: outside the ring, 1: inside, 2: on its boundary.
  function ringState(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (onSegment(x, y, xj, yj, xi, yi)) { return 2; }
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { inside = !inside; }
    }
    return inside ? 1 : 0;
  }
  // rings[0] is the shell, the others are holes; a hole's edge is in the polygon.
  function polygonCovers(rings, x, y) {
    var state = ringState(rings[0], x, y);
    if (state !== 1) { return state === 2; }
    for (var k = 1; k < rings.length; k++) {
      var hole = ringState(rings[k], x, y);
      if (hole === 2) { return true; }
      if (hole === 1) { return false; }
    }
    return true;
  }
  function bbox(rings) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    rings[0].forEach(function (p) {
      b[0] = Math.min(b[0], p[0]); b[1] = Math.min(b[1], p[1]);
      b[2] = Math.max(b[2], p[0]); b[3] = Math.max(b[3], p[1]);
    });
    return b;
  }
  data.zones.forEach(function (zone) {
    zone.boxes = zone.polygons.map(bbox);
  });
  function zoneCovers(zone, x, y) {
    for (var i = 0; i < zone.polygons.length; i++) {
      var b = zone.boxes[i];
      if (x < b[0] - EPS || x > b[2] + EPS || y < b[1] - EPS || y > b[3] + EPS) { continue; }
      if (polygonCovers(zone.polygons[i], x, y)) { return true; }
    }
    return false;
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function formatLonLat(lon, lat) {
    return lon.toFixed(5) + ", " + lat.toFixed(5) + " (" + data.crs_label + ")";
  }
  function checkElement(lon, lat) {
    var box = el("div", "avzone-check");
    box.setAttribute("data-lon", lon.toFixed(6));
    box.setAttribute("data-lat", lat.toFixed(6));
    box.appendChild(el("h4", "", "Point check"));
    box.appendChild(el("div", "", "lon, lat " + formatLonLat(lon, lat)));
    var list = el("ul");
    data.zones.forEach(function (zone) {
      var inside = zoneCovers(zone, lon, lat);
      box.setAttribute("data-" + zone.key, inside ? "true" : "false");
      var item = el("li");
      item.appendChild(el("span", inside ? "in" : "out", inside ? "inside " : "outside "));
      item.appendChild(document.createTextNode(zone.title));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }
  function openPopup(latlng, parts) {
    var box = el("div", "avzone-popup");
    parts.forEach(function (part) { box.appendChild(part); });
    L.popup({ maxWidth: 380 }).setLatLng(latlng).setContent(box).openOn(map);
  }
  function htmlElement(html) {
    var node = el("div");
    node.innerHTML = html;  // built and escaped in Python
    return node;
  }
  function userPointElement(layer, info) {
    var c = data.points.categories[info.category], at = layer.getLatLng();
    var node = el("div");
    node.appendChild(el("h4", "", "Your point"));
    node.appendChild(el("div", "", formatLonLat(at.lng, at.lat)));
    node.appendChild(el("div", "", c.label));
    return node;
  }
  function onFeatureClick(e) {
    var layer = e.layer || e.sourceTarget;
    var info = layer && (layer.feature ? layer.feature.properties : layer.options.avzone);
    if (!info) { return; }
    L.DomEvent.stopPropagation(e);  // the map's own click handler stays quiet
    var parts = [info.popup_html ? htmlElement(info.popup_html) : userPointElement(layer, info)];
    if (info.check) { parts.push(checkElement(e.latlng.lng, e.latlng.lat)); }
    openPopup(layer.getLatLng && !info.check ? layer.getLatLng() : e.latlng, parts);
  }
  Object.keys(groups).forEach(function (key) { groups[key].on("click", onFeatureClick); });
  map.on("click", function (e) { openPopup(e.latlng, [checkElement(e.latlng.lng, e.latlng.lat)]); });

  if (data.points && groups.points) {
    // Their own pane above the zones (made in Python): an SVG that lets clicks between points through.
    var renderer = L.svg({ pane: data.points.pane });
    data.points.items.forEach(function (p) {
      var c = data.points.categories[p[2]];
      L.circleMarker([p[1], p[0]], {
        renderer: renderer, radius: data.points.radius, color: "#222", weight: 0.6,
        fillColor: c.color, fillOpacity: 0.85, bubblingMouseEvents: false,
        avzone: { category: p[2], check: false }
      }).addTo(groups.points);
    });
  }

  function restack() {
    stackOrder.forEach(function (g) { if (map.hasLayer(g)) { g.bringToFront(); } });
  }
  map.on("overlayadd", restack);

  function control(position, build) {
    var Control = L.Control.extend({
      options: { position: position },
      onAdd: function () {
        var node = build();
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      }
    });
    return new Control().addTo(map);
  }
  control("bottomleft", function () { return htmlElement(data.legend_html).firstChild; });
  if (data.note_html) {
    control("bottomright", function () { return htmlElement(data.note_html).firstChild; });
  }
  control("bottomright", function () {
    var node = el("div", "avzone-coords", "move the pointer over the map");
    map.on("mousemove", function (e) { node.textContent = formatLonLat(e.latlng.lng, e.latlng.lat); });
    return node;
  });
  control("topleft", function () {
    var bar = el("div", "leaflet-bar avzone-fullscreen");
    var button = el("a");
    button.innerHTML = FULLSCREEN_ICON;
    button.href = "#";
    button.title = "Full screen";
    button.setAttribute("role", "button");
    bar.appendChild(button);
    var container = map.getContainer(), PSEUDO = "avzone-pseudo-fullscreen";
    var request = container.requestFullscreen || container.webkitRequestFullscreen;
    var exit = document.exitFullscreen || document.webkitExitFullscreen;
    function current() { return document.fullscreenElement || document.webkitFullscreenElement; }
    function togglePseudo() {  // no Fullscreen API, or it was refused (an iframe without allowfullscreen)
      if (L.DomUtil.hasClass(container, PSEUDO)) { L.DomUtil.removeClass(container, PSEUDO); }
      else { L.DomUtil.addClass(container, PSEUDO); }
      button.title = L.DomUtil.hasClass(container, PSEUDO) ? "Exit full screen" : "Full screen";
      map.invalidateSize();
    }
    L.DomEvent.on(button, "click", function (e) {
      L.DomEvent.preventDefault(e);
      if (current() && exit) { exit.call(document); return; }
      if (request && !L.DomUtil.hasClass(container, PSEUDO)) {
        var pending = request.call(container);
        if (pending && pending.catch) { pending.catch(togglePseudo); }
      } else {
        togglePseudo();
      }
    });
    ["fullscreenchange", "webkitfullscreenchange"].forEach(function (name) {
      document.addEventListener(name, function () {
        button.title = current() ? "Exit full screen" : "Full screen";
        map.invalidateSize();
      });
    });
    return bar;
  });
  restack();
  map.avzone = { zoneCovers: zoneCovers, zones: data.zones, check: checkElement };
}
"""


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
        category]``, categories and marker radius).
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
        self.payload_json = json_for_html(payload)
        # Feature groups are JS variables (folium names them when they are created).
        self.groups_js = "{" + ", ".join(f"{json.dumps(k)}: {g.get_name()}" for k, g in groups.items()) + "}"
        self.stack_order_js = "[" + ", ".join(g.get_name() for g in stack_order) + "]"
        self.css = CSS
        self.js = JS


# -- Leaflet itself ---------------------------------------------------------------
@lru_cache(maxsize=1)
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
            css = re.sub(r"url\((images/[\w.-]+\.png)\)", lambda m, base=base: _data_uri(base / m.group(1)), css)
            source = f"{dist_name} {dist.version}"
            return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style"), source
    raise AvzoneError(
        "offline maps inline Leaflet from the Python package xstatic-leaflet, which is not installed: "
        "run `pip install xstatic-leaflet` (or make the map with offline=False)"
    )


def _data_uri(image: Path) -> str:
    if not image.is_file():
        return "none"
    return "url(data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii") + ")"


def route_leaflet_locally(page: Any) -> None:
    """Serve Leaflet's CDN files to a Playwright page from the installed package.

    Online maps then render where the CDN cannot be reached (tests, CI,
    screenshots behind a firewall), with the same Leaflet version.
    """
    js, css, _ = leaflet_assets()
    for _name, url in (*folium.Map.default_js, *folium.Map.default_css):
        if url.endswith("/leaflet.js"):
            page.route(url, lambda route: route.fulfill(body=js, content_type="application/javascript"))
        elif url.endswith("/leaflet.css"):
            page.route(url, lambda route: route.fulfill(body=css, content_type="text/css"))
