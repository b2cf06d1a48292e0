/* avzone's map code: plain Leaflet 1.x and DOM, no other library.
 *
 * Shipped as package data and embedded in each page by avzone._mapjs.AvzoneControls,
 * which calls avzoneInit(map, data, groups, stackOrder) once per map; `data` is parsed from
 * the JSON script element of class "avzone-data" that the same element embeds.
 * Checked with `node --check` by `make test` and tests/test_assets.py.
 */
/* global L */
var FULLSCREEN_ICON = '<svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="#333" ' +
  'stroke-width="2" style="vertical-align:middle"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>';

function avzoneInit(map, data, groups, stackOrder) {
  "use strict";
  var EPS = 1e-9;  // degrees (~0.1 mm): a spot this close to an edge is on it
  var TEXT = data.text;  // the page's own words (avzone._mapjs.UI_TEXT), one place to translate

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
    box.appendChild(el("h4", "", TEXT.point_check));
    box.appendChild(el("div", "", TEXT.lon_lat + " " + formatLonLat(lon, lat)));
    var list = el("ul");
    data.zones.forEach(function (zone) {
      var inside = zoneCovers(zone, lon, lat);
      box.setAttribute("data-" + zone.key, inside ? "true" : "false");
      var item = el("li");
      item.appendChild(el("span", inside ? "in" : "out", (inside ? TEXT.inside : TEXT.outside) + " "));
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
    node.appendChild(el("h4", "", TEXT.your_point));
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
    var node = el("div", "avzone-coords", TEXT.pointer_hint);
    map.on("mousemove", function (e) { node.textContent = formatLonLat(e.latlng.lng, e.latlng.lat); });
    return node;
  });
  control("topleft", function () {
    var bar = el("div", "leaflet-bar avzone-fullscreen");
    var button = el("a");
    button.innerHTML = FULLSCREEN_ICON;
    button.href = "#";
    button.title = TEXT.full_screen;
    button.setAttribute("role", "button");
    bar.appendChild(button);
    var container = map.getContainer(), PSEUDO = "avzone-pseudo-fullscreen";
    var request = container.requestFullscreen || container.webkitRequestFullscreen;
    var exit = document.exitFullscreen || document.webkitExitFullscreen;
    function current() { return document.fullscreenElement || document.webkitFullscreenElement; }
    function togglePseudo() {  // no Fullscreen API, or it was refused (an iframe without allowfullscreen)
      if (L.DomUtil.hasClass(container, PSEUDO)) { L.DomUtil.removeClass(container, PSEUDO); }
      else { L.DomUtil.addClass(container, PSEUDO); }
      button.title = L.DomUtil.hasClass(container, PSEUDO) ? TEXT.exit_full_screen : TEXT.full_screen;
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
        button.title = current() ? TEXT.exit_full_screen : TEXT.full_screen;
        map.invalidateSize();
      });
    });
    return bar;
  });
  restack();
  map.avzone = { zoneCovers: zoneCovers, zones: data.zones, check: checkElement };
}
