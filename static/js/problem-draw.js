/* Drawing a problem or potential on a phone: choose point, line or area, tap the map to place
   vertices (drag nothing, tap again), undo the last vertex, or use the phone's location. The
   geometry goes into the form's GeoJSON field as WGS84 [longitude, latitude]; the server
   validates and measures it again in its UTM zone. Works without tiles (offline): RT/RW
   boundaries are drawn from the page. */
(function () {
  "use strict";
  var mapEl = document.getElementById("draw-map");
  var dataEl = document.getElementById("draw-map-data");
  var field = document.querySelector("[data-draw-target]");
  if (!mapEl || !dataEl || !field || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var text = data.messages || {};
  var status = document.getElementById("draw-status");
  var map = L.map(mapEl, { doubleClickZoom: false, scrollWheelZoom: false, zoomSnap: 0.25 });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 20, maxNativeZoom: 19, attribution: data.tiles.attribution }).addTo(map);
  }
  var context = L.geoJSON(data.boundaries || { type: "FeatureCollection", features: [] }, {
    interactive: false,
    style: function (f) {
      return f.properties.kind === "rw"
        ? { color: "#0b5d3b", weight: 2, fill: false }
        : { color: "#d97706", weight: 1, fillColor: "#fcd34d", fillOpacity: 0.1 };
    }
  }).addTo(map);

  var mode = "titik";
  var vertices = [];
  var drawn = L.layerGroup().addTo(map);
  var COLOUR = "#dc2626";

  function round(n) { return Math.round(n * 1e7) / 1e7; }
  function pair(ll) { return [round(ll.lng), round(ll.lat)]; }

  function lengthM(points) {
    var total = 0;
    for (var i = 1; i < points.length; i++) { total += map.distance(points[i - 1], points[i]); }
    return total;
  }

  function areaM2(points) {
    // Shoelace on a local equirectangular projection: good to a few per cent at village scale.
    var R = 6371008.8, lat0 = points[0].lat * Math.PI / 180, sum = 0;
    var xy = points.map(function (p) {
      return [R * p.lng * Math.PI / 180 * Math.cos(lat0), R * p.lat * Math.PI / 180];
    });
    for (var i = 0; i < xy.length; i++) {
      var a = xy[i], b = xy[(i + 1) % xy.length];
      sum += a[0] * b[1] - b[0] * a[1];
    }
    return Math.abs(sum) / 2;
  }

  function number(n, digits) {
    return n.toLocaleString("id-ID", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }

  function geometry() {
    if (mode === "titik" && vertices.length) {
      return { type: "Point", coordinates: pair(vertices[vertices.length - 1]) };
    }
    if (mode === "garis" && vertices.length >= 2) {
      return { type: "LineString", coordinates: vertices.map(pair) };
    }
    if (mode === "area" && vertices.length >= 3) {
      var ring = vertices.map(pair);
      ring.push(ring[0]);
      return { type: "Polygon", coordinates: [ring] };
    }
    return null;
  }

  function render() {
    drawn.clearLayers();
    if (mode === "titik" && vertices.length) {
      L.circleMarker(vertices[vertices.length - 1], { radius: 9, color: "#fff", weight: 2, fillColor: COLOUR, fillOpacity: 1 }).addTo(drawn);
    } else if (vertices.length) {
      if (mode === "area" && vertices.length >= 3) {
        L.polygon(vertices, { color: COLOUR, weight: 3, fillOpacity: 0.25 }).addTo(drawn);
      } else {
        L.polyline(vertices, { color: COLOUR, weight: 4 }).addTo(drawn);
      }
      vertices.forEach(function (v) {
        L.circleMarker(v, { radius: 5, color: COLOUR, weight: 2, fillColor: "#fff", fillOpacity: 1 }).addTo(drawn);
      });
    }
    var geom = geometry();
    field.value = geom ? JSON.stringify(geom) : "";
    mapEl.dataset.vertices = String(vertices.length);
    var message;
    if (mode === "titik") {
      message = vertices.length ? text.point_done : text.point_hint;
    } else if (mode === "garis") {
      message = vertices.length < 2 ? text.line_hint
        : (text.line_done || "").replace("%(n)s", vertices.length).replace("%(m)s", number(lengthM(vertices), 0));
    } else {
      message = vertices.length < 3 ? text.area_hint
        : (text.area_done || "").replace("%(n)s", vertices.length).replace("%(ha)s", number(areaM2(vertices) / 10000, 2));
    }
    if (status) { status.textContent = message || ""; }
  }

  function setMode(next) {
    if (next !== mode) {
      if (next === "titik") { vertices = vertices.slice(-1); }
      mode = next;
    }
    document.querySelectorAll("[data-draw-mode]").forEach(function (b) {
      var on = b.dataset.drawMode === mode;
      b.classList.toggle("active", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    render();
  }

  function add(latlng) {
    if (mode === "titik") { vertices = [latlng]; } else { vertices.push(latlng); }
    render();
  }

  map.on("click", function (e) { add(e.latlng); });
  document.querySelectorAll("[data-draw-mode]").forEach(function (b) {
    b.addEventListener("click", function () { setMode(b.dataset.drawMode); });
  });
  var undo = document.querySelector("[data-draw-action=undo]");
  if (undo) { undo.addEventListener("click", function () { vertices.pop(); render(); }); }
  var clear = document.querySelector("[data-draw-action=clear]");
  if (clear) { clear.addEventListener("click", function () { vertices = []; render(); }); }
  var locate = document.querySelector("[data-draw-action=locate]");
  if (locate) {
    if (!navigator.geolocation) { locate.hidden = true; }
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        var ll = L.latLng(pos.coords.latitude, pos.coords.longitude);
        map.setView(ll, Math.max(map.getZoom(), 18));
        add(ll);
      }, function () { if (status) { status.textContent = text.no_location || ""; } },
      { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  // Editing: start from the stored geometry (or what the user typed before a failed submit).
  function load(geom) {
    if (!geom || !geom.type) { return false; }
    var toLL = function (c) { return L.latLng(c[1], c[0]); };
    if (geom.type === "Point") { mode = "titik"; vertices = [toLL(geom.coordinates)]; return true; }
    if (geom.type === "LineString") { mode = "garis"; vertices = geom.coordinates.map(toLL); return true; }
    if (geom.type === "Polygon") {
      mode = "area";
      vertices = geom.coordinates[0].slice(0, -1).map(toLL);
      return true;
    }
    return false;
  }
  var start = null;
  try { start = field.value ? JSON.parse(field.value) : data.geometry; } catch (e) { start = data.geometry; }
  if (start && start.type === "Feature") { start = start.geometry; }
  var loaded = load(start);
  setMode(mode);
  if (loaded && drawn.getLayers().length) {
    var b = L.featureGroup(drawn.getLayers()).getBounds();
    if (b.isValid()) { map.fitBounds(b, { padding: [40, 40], maxZoom: 18 }); }
  } else if (context.getLayers().length) {
    map.fitBounds(context.getBounds(), { padding: [8, 8] });
  } else if (data.center) {
    map.setView(data.center, 16);
  } else {
    map.setView([-2.5, 118], 5);
  }
  // Typing or pasting GeoJSON redraws it.
  field.addEventListener("change", function () {
    try { if (load(JSON.parse(field.value))) { setMode(mode); } } catch (e) { /* the server says what is wrong */ }
  });
  mapEl.dataset.ready = "1";
})();
