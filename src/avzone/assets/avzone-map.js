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
    return TEXT.lon_lat_crs.replace("{lon}", lon.toFixed(5)).replace("{lat}", lat.toFixed(5))
      .replace("{crs}", data.crs_label);
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
  function userPointElement(lon, lat, category) {
    var node = el("div");
    node.appendChild(el("h4", "", TEXT.your_point));
    node.appendChild(el("div", "", formatLonLat(lon, lat)));
    node.appendChild(el("div", "", data.points.categories[category].label));
    return node;
  }
  function formatCount(n) {  // 1,234: grouped as every number of the page (written in Python), whatever the locale
    return n.toLocaleString("en-US");
  }
  function cellElement(hit) {  // a grid cell of aggregated points: how many, by category
    var node = el("div");
    node.appendChild(el("h4", "", TEXT.points_here.replace("{n}", formatCount(hit.count))));
    var list = el("ul");
    hit.byCategory.forEach(function (n, k) {
      if (n > 0) { list.appendChild(el("li", "", formatCount(n) + " \u00d7 " + data.points.categories[k].label)); }
    });
    node.appendChild(list);
    return node;
  }
  function openHit(hit, latlng) {  // a user's point, or a grid cell of them, under the pointer
    if (hit.point) {
      openPopup([hit.lat, hit.lon], [userPointElement(hit.lon, hit.lat, hit.category)]);
    } else {
      openPopup(latlng, [cellElement(hit), checkElement(latlng.lng, latlng.lat)]);
    }
  }
  function onFeatureClick(e) {
    var layer = e.layer || e.sourceTarget;
    var info = layer && (layer.feature ? layer.feature.properties : layer.options.avzone);
    if (!info) { return; }
    L.DomEvent.stopPropagation(e);  // the map's own click handler stays quiet
    // The points' canvas lets clicks through (its pane has no pointer events): a point drawn over a
    // zone or route answers before the zone does; hub and located markers stay on top of points.
    var hit = info.check && pointsLayer && pointsLayer.hit(e.containerPoint);
    if (hit) { openHit(hit, e.latlng); return; }
    var parts = [htmlElement(info.popup_html)];
    if (info.check) { parts.push(checkElement(e.latlng.lng, e.latlng.lat)); }
    openPopup(layer.getLatLng && !info.check ? layer.getLatLng() : e.latlng, parts);
  }
  Object.keys(groups).forEach(function (key) { groups[key].on("click", onFeatureClick); });

  // -- base context: ring roads, district outlines, names (no network needed) --
  if (data.base && groups.base) {
    var baseRenderer = L.canvas({ pane: data.base.pane });
    data.base.lines.forEach(function (line) {
      var ring = line.kind === "ring";
      L.polyline(line.coords, {
        renderer: baseRenderer, interactive: false, color: data.base.colors[line.kind],
        weight: ring ? 2.5 : 1, opacity: ring ? 0.8 : 0.7, dashArray: ring ? null : "4 3"  // as in the legend
      }).addTo(groups.base);
    });
    data.base.labels.forEach(function (label) {
      var icon = L.divIcon({
        className: "avzone-label avzone-label-" + label.kind, html: "", iconSize: null, iconAnchor: [0, 0]
      });
      var marker = L.marker([label.lat, label.lon], {
        icon: icon, interactive: false, keyboard: false, pane: data.base.label_pane
      });
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) { node.textContent = label.text; node.setAttribute("data-kind", label.kind); }
      });
      marker.addTo(groups.base);
    });
  }

  // -- located points: SVG pins (built in Python), a shape no other marker has --
  if (data.located && groups.located) {
    data.located.forEach(function (p) {
      L.marker([p.lat, p.lon], {
        icon: L.divIcon({ className: "avzone-located", html: p.icon, iconSize: [22, 30], iconAnchor: [11, 29] }),
        avzone: { popup_html: p.popup_html, check: false }
      }).addTo(groups.located);
    });
  }

  // -- the user's points: one canvas, one dot per point, or per grid cell when many are in view --
  var pointsLayer = null;
  if (data.points && groups.points) {
    pointsLayer = makePointsLayer(data.points);
    pointsLayer.addTo(groups.points);
  }
  function makePointsLayer(spec) {
    var n = spec.items.length, PI = Math.PI;
    var wx = new Float64Array(n), wy = new Float64Array(n), cat = new Uint8Array(n);
    var lons = new Float64Array(n), lats = new Float64Array(n), inView = new Int32Array(n);
    var nCat = spec.categories.length;
    for (var i = 0; i < n; i++) {  // Web Mercator, in units of the world's width (Leaflet's EPSG:3857)
      var p = spec.items[i], lat = Math.max(Math.min(p[1], 85.0511287798), -85.0511287798) * PI / 180;
      wx[i] = 0.5 + p[0] / 360;
      wy[i] = 0.5 - Math.log(Math.tan(PI / 4 + lat / 2)) / (2 * PI);
      cat[i] = p[2]; lons[i] = p[0]; lats[i] = p[1];
    }
    spec.items = null;  // the typed arrays hold them now
    var radius = spec.radius, CELL = 2 * radius + 2;
    var state = { mode: "points", drawn: 0, inView: 0, idx: null, px: null, py: null, cells: null };
    var Layer = L.Layer.extend({
      onAdd: function (m) {
        this._canvas = L.DomUtil.create("canvas", "avzone-points-canvas leaflet-zoom-hide");
        m.getPane(spec.pane).appendChild(this._canvas);
        m.on("moveend zoomend resize viewreset", this._redraw, this);
        this._redraw();
      },
      onRemove: function (m) {
        L.DomUtil.remove(this._canvas);
        m.off("moveend zoomend resize viewreset", this._redraw, this);
        state.drawn = 0;
      },
      _redraw: function () {
        var size = map.getSize(), ratio = window.devicePixelRatio || 1, canvas = this._canvas;
        var topLeft = map.containerPointToLayerPoint([0, 0]);
        L.DomUtil.setPosition(canvas, topLeft);
        canvas.width = size.x * ratio; canvas.height = size.y * ratio;
        canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
        var ctx = canvas.getContext("2d");
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        var scale = 256 * Math.pow(2, map.getZoom());
        var origin = map.project(map.containerPointToLatLng([0, 0]));
        var m = radius + 1, w = size.x, h = size.y, k, x, y;
        var count = 0;
        for (k = 0; k < n; k++) {
          x = wx[k] * scale - origin.x; y = wy[k] * scale - origin.y;
          if (x >= -m && y >= -m && x <= w + m && y <= h + m) { inView[count++] = k; }
        }
        var idx = inView.subarray(0, count);
        state.inView = count;
        ctx.lineWidth = 0.6; ctx.strokeStyle = "#222";
        if (idx.length <= spec.individual_limit) {
          state.mode = "points"; state.cells = null;
          state.idx = idx.slice(); state.px = new Float32Array(idx.length); state.py = new Float32Array(idx.length);
          ctx.globalAlpha = 0.85;
          for (var j = 0; j < idx.length; j++) {
            k = idx[j]; x = wx[k] * scale - origin.x; y = wy[k] * scale - origin.y;
            state.px[j] = x; state.py[j] = y;
            ctx.beginPath(); ctx.arc(x, y, radius, 0, 2 * PI);
            ctx.fillStyle = spec.categories[cat[k]].color; ctx.fill(); ctx.stroke();
          }
          state.drawn = idx.length;
        } else {
          // grid aggregation: count per cell and category, draw one dot per non-empty cell
          var cols = Math.ceil(w / CELL) + 2, rows = Math.ceil(h / CELL) + 2;
          var counts = new Uint32Array(cols * rows * nCat), totals = new Uint32Array(cols * rows), max = 1;
          for (var q = 0; q < idx.length; q++) {
            k = idx[q];
            var c = Math.floor((wx[k] * scale - origin.x) / CELL) + 1, r = Math.floor((wy[k] * scale - origin.y) / CELL) + 1;
            if (c < 0 || r < 0 || c >= cols || r >= rows) { continue; }
            var cell = r * cols + c;
            counts[cell * nCat + cat[k]]++;
            if (++totals[cell] > max) { max = totals[cell]; }
          }
          var drawn = 0, logMax = Math.log(max + 1);
          for (var cellIndex = 0; cellIndex < totals.length; cellIndex++) {
            if (!totals[cellIndex]) { continue; }
            var best = 0;
            for (var b = 1; b < nCat; b++) {
              if (counts[cellIndex * nCat + b] > counts[cellIndex * nCat + best]) { best = b; }
            }
            x = ((cellIndex % cols) - 1 + 0.5) * CELL; y = (Math.floor(cellIndex / cols) - 1 + 0.5) * CELL;
            ctx.globalAlpha = 0.45 + 0.5 * Math.log(totals[cellIndex] + 1) / logMax;
            ctx.beginPath(); ctx.arc(x, y, CELL / 2, 0, 2 * PI);
            ctx.fillStyle = spec.categories[best].color; ctx.fill(); ctx.stroke();
            drawn++;
          }
          state.mode = "cells"; state.drawn = drawn; state.idx = null;
          state.cells = { cols: cols, rows: rows, counts: counts, totals: totals };
        }
        ctx.globalAlpha = 1;
      }
    });
    var layer = new Layer();
    layer.state = state;
    layer.hit = function (pt) {  // the point or cell under a container point, or null
      if (!map.hasLayer(layer) || !state.drawn) { return null; }
      if (state.mode === "points") {
        var best = -1, bestD = (radius + 2) * (radius + 2);
        for (var j = 0; j < state.idx.length; j++) {
          var dx = state.px[j] - pt.x, dy = state.py[j] - pt.y, d = dx * dx + dy * dy;
          if (d <= bestD) { best = j; bestD = d; }
        }
        if (best < 0) { return null; }
        var k = state.idx[best];
        return { point: true, lon: lons[k], lat: lats[k], category: cat[k] };
      }
      var cells = state.cells, c = Math.floor(pt.x / CELL) + 1, r = Math.floor(pt.y / CELL) + 1;
      if (c < 0 || r < 0 || c >= cells.cols || r >= cells.rows) { return null; }
      var cell = r * cells.cols + c;
      if (!cells.totals[cell]) { return null; }
      var by = [];
      for (var b = 0; b < nCat; b++) { by.push(cells.counts[cell * nCat + b]); }
      return { point: false, count: cells.totals[cell], byCategory: by };
    };
    return layer;
  }
  map.on("click", function (e) {
    var hit = pointsLayer && pointsLayer.hit(e.containerPoint);
    if (hit) { openHit(hit, e.latlng); } else { openPopup(e.latlng, [checkElement(e.latlng.lng, e.latlng.lat)]); }
  });

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
  // Leaflet's own credit link: its tooltip ("A JavaScript library for interactive maps") in the page's language
  var credit = map.attributionControl;
  if (credit && typeof credit.options.prefix === "string") {
    var title = TEXT.leaflet_title.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    credit.setPrefix(credit.options.prefix.replace(/ title="[^"]*"/, ' title="' + title + '"'));
  }
  // the layer control's button (shown when the control is collapsed): Leaflet titles it "Layers"; in the page's
  // language here (the page adds the layer control before calling avzoneInit)
  var toggles = map.getContainer().querySelectorAll(".leaflet-control-layers-toggle");
  for (var t = 0; t < toggles.length; t++) {
    toggles[t].title = TEXT.layers;
    toggles[t].setAttribute("aria-label", TEXT.layers);
  }
  // the popups' close button: Leaflet names it "Close popup" for screen readers; in the page's language here
  map.on("popupopen", function (e) {
    var node = e.popup.getElement(), close = node && node.querySelector(".leaflet-popup-close-button");
    if (close) { close.setAttribute("aria-label", TEXT.close_popup); }
  });
  L.control.scale({ imperial: data.scale_imperial }).addTo(map);  // (below the legend)
  control("bottomleft", function () { return htmlElement(data.legend_html).firstChild; });
  if (data.note_html) {
    control("bottomright", function () { return htmlElement(data.note_html).firstChild; });
  }
  control("bottomright", function () {
    var node = el("div", "avzone-coords", TEXT.pointer_hint);
    map.on("mousemove", function (e) { node.textContent = formatLonLat(e.latlng.lng, e.latlng.lat); });
    return node;
  });
  // the zoom buttons (the page is made without Leaflet's, whose tooltips are English), then full screen below them
  L.control.zoom({ position: "topleft", zoomInTitle: TEXT.zoom_in, zoomOutTitle: TEXT.zoom_out }).addTo(map);
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
  // -- a small map (a phone, a narrow notebook cell): the layer list folded behind its button and the legend
  // behind its title, each opened with a tap (a tap on the map folds the list again), the note on the points
  // moved under the layer button (the legend has the bottom), so that the controls do not cover the map or
  // each other; a larger map shows them as the page was made --
  var box = map.getContainer(), layersBox = box.querySelector(".leaflet-control-layers");
  var legendBox = box.querySelector(".avzone-legend"), legendTitle = legendBox && legendBox.querySelector("h4");
  var noteBox = box.querySelector(".avzone-note"), noteHome = noteBox && noteBox.parentNode;
  var noteNext = noteBox && noteBox.nextSibling, topRight = box.querySelector(".leaflet-top.leaflet-right");
  var EXPANDED = "leaflet-control-layers-expanded", OPEN = "avzone-open", compact = null;
  function showLegend(open) {
    if (open) { L.DomUtil.addClass(legendBox, OPEN); } else { L.DomUtil.removeClass(legendBox, OPEN); }
    if (compact) { legendTitle.setAttribute("aria-expanded", open ? "true" : "false"); }
  }
  function fit() {
    var size = map.getSize(), now = size.x < data.compact_px[0] || size.y < data.compact_px[1];
    // (a small map's open legend and moved note are kept inside it: the map, not the window, may be small)
    if (legendBox) { legendBox.style.maxWidth = now ? (size.x - 48) + "px" : ""; }
    if (legendBox) { legendBox.style.maxHeight = now ? Math.round(0.6 * size.y) + "px" : ""; }
    if (noteBox) { noteBox.style.maxWidth = now ? Math.round(0.6 * size.x) + "px" : ""; }
    if (now === compact) { return; }
    compact = now;
    if (now) { L.DomUtil.addClass(box, "avzone-compact"); } else { L.DomUtil.removeClass(box, "avzone-compact"); }
    if (layersBox && now) { L.DomUtil.removeClass(layersBox, EXPANDED); }
    if (layersBox && !now) { L.DomUtil.addClass(layersBox, EXPANDED); }
    if (noteBox && topRight && now) { topRight.appendChild(noteBox); }
    if (noteBox && topRight && !now) { noteHome.insertBefore(noteBox, noteNext); }
    if (legendTitle) {
      if (now) {
        legendTitle.setAttribute("role", "button");
        legendTitle.tabIndex = 0;
      } else {
        legendTitle.removeAttribute("role");
        legendTitle.removeAttribute("tabindex");
        legendTitle.removeAttribute("aria-expanded");
      }
      showLegend(!now);
    }
  }
  if (legendTitle) {
    L.DomEvent.on(legendTitle, "click keydown", function (e) {
      if (!compact || (e.type === "keydown" && e.key !== "Enter" && e.key !== " ")) { return; }
      L.DomEvent.preventDefault(e);
      showLegend(!L.DomUtil.hasClass(legendBox, OPEN));
    });
  }
  map.on("click", function () { if (compact && layersBox) { L.DomUtil.removeClass(layersBox, EXPANDED); } });
  map.on("resize", fit);
  fit();
  restack();
  map.avzone = { zoneCovers: zoneCovers, zones: data.zones, check: checkElement, points: pointsLayer };
}
