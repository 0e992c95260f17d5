/* Kawasan prioritas maps: RT boundaries, candidate and chosen areas, mapped problems, on tiles
   when they load and on a plain background when they cannot (offline field offices).

   With data-field="<textarea id>" on the map element, the map also draws a polygon: tap the
   corners one by one, then "Selesai" writes the GeoJSON Polygon into the textarea (which still
   accepts pasted GeoJSON; "Tampilkan" draws what was pasted). Texts come from data-* attributes
   so they are translated in the template. */
(function () {
  "use strict";
  var el = document.getElementById("kawasan-map");
  var dataEl = document.getElementById("kawasan-map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var map = L.map(el, { scrollWheelZoom: false, tap: true });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 20, attribution: data.tiles.attribution }).addTo(map);
  }
  var styles = {
    rt: { color: "#d97706", weight: 1, fillColor: "#fde68a", fillOpacity: 0.15 },
    area: { color: "#1d4ed8", weight: 3, dashArray: "6 4", fillColor: "#93c5fd", fillOpacity: 0.3 },
    chosen: { color: "#0b5d3b", weight: 3, fillColor: "#34d399", fillOpacity: 0.35 }
  };
  var pointColours = { problem: "#dc2626", potential: "#2563eb" };
  var base = L.geoJSON(data.features, {
    style: function (f) { return styles[f.properties.kind] || styles.rt; },
    pointToLayer: function (f, latlng) {
      var colour = pointColours[f.properties.kind] || "#dc2626";
      return L.circleMarker(latlng, { radius: 6, color: "#fff", weight: 1, fillColor: colour,
                                      fillOpacity: 0.9 });
    },
    onEachFeature: function (f, l) { if (f.properties.label) { l.bindTooltip(f.properties.label); } }
  }).addTo(map);
  var areas = L.featureGroup();
  base.eachLayer(function (l) {
    var kind = l.feature && l.feature.properties.kind;
    if (kind === "area" || kind === "chosen") { areas.addLayer(l); }
  });
  function fit(group) {
    if (group.getLayers().length) {
      map.fitBounds(group.getBounds(), { padding: [12, 12], maxZoom: 17 });
      return true;
    }
    return false;
  }
  if (!fit(areas) && !fit(base)) {
    if (data.center) { map.setView(data.center, 16); } else { map.setView([-2.5, 118], 4); }
  }
  el.dataset.features = String(base.getLayers().length);

  var field = el.dataset.field ? document.getElementById(el.dataset.field) : null;
  if (!field) { return; }
  var status = document.getElementById("draw-status");
  var points = [];
  var sketch = L.layerGroup().addTo(map);
  var drawn = null;

  function say(text) { if (status) { status.textContent = text; } }
  function round(x) { return Math.round(x * 1e7) / 1e7; }

  function redraw() {
    sketch.clearLayers();
    points.forEach(function (p) {
      L.circleMarker(p, { radius: 5, color: "#1d4ed8", fillColor: "#fff", fillOpacity: 1 }).addTo(sketch);
    });
    if (points.length > 1) { L.polyline(points, { color: "#1d4ed8", weight: 2 }).addTo(sketch); }
    el.dataset.points = String(points.length);
    say((el.dataset.textPoints || "%s").replace("%s", points.length));
  }

  function show(geojson) {
    if (drawn) { map.removeLayer(drawn); }
    drawn = L.geoJSON(geojson, { style: styles.area }).addTo(map);
    if (drawn.getLayers().length) { map.fitBounds(drawn.getBounds(), { padding: [12, 12] }); }
  }

  map.on("click", function (e) {
    if (drawn && points.length === 0 && field.value) {
      say(el.dataset.textRestart || "");
      return;
    }
    points.push(e.latlng);
    redraw();
  });

  function on(id, handler) {
    var button = document.getElementById(id);
    if (button) { button.addEventListener("click", function (e) { e.preventDefault(); handler(); }); }
  }

  on("draw-undo", function () { points.pop(); redraw(); });
  on("draw-clear", function () {
    points = [];
    field.value = "";
    if (drawn) { map.removeLayer(drawn); drawn = null; }
    redraw();
  });
  on("draw-finish", function () {
    if (points.length < 3) { say(el.dataset.textTooFew || ""); return; }
    var ring = points.map(function (p) { return [round(p.lng), round(p.lat)]; });
    ring.push(ring[0]);
    var geometry = { type: "Polygon", coordinates: [ring] };
    field.value = JSON.stringify(geometry);
    points = [];
    redraw();
    show(geometry);
    say(el.dataset.textDone || "");
  });
  on("draw-show", function () {
    try {
      show(JSON.parse(field.value));
      say(el.dataset.textShown || "");
    } catch (err) {
      say(el.dataset.textBad || "");
    }
  });

  if (field.value) {
    try { show(JSON.parse(field.value)); } catch (err) { /* the server reports bad GeoJSON */ }
  }
  redraw();
})();
