/* Maps of pemetaan swadaya: RT/RW boundaries, GIS layers and problems/potentials from the page's
   JSON (<div class="map" data-map-json="id-of-json-script">). Tiles when they load, vector
   layers on a plain background when they cannot. Attribute values from imported files are
   untrusted: popups are built from text nodes, never from HTML strings. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }

  var PROBLEM_COLOURS = { masalah: "#dc2626", potensi: "#16a34a" };
  var LAYER_STYLES = {
    batas: { color: "#4b5563", weight: 2, dashArray: "6 4", fill: false },
    jalan: { color: "#374151", weight: 3 },
    drainase: { color: "#2563eb", weight: 3 },
    bangunan: { color: "#92400e", weight: 1, fillColor: "#d97706", fillOpacity: 0.5 },
    guna_lahan: { color: "#4d7c0f", weight: 1, fillColor: "#84cc16", fillOpacity: 0.3 },
    rtrw: { color: "#7e22ce", weight: 1, fillColor: "#c084fc", fillOpacity: 0.12 },
    lainnya: { color: "#0f766e", weight: 2, fillColor: "#5eead4", fillOpacity: 0.3 }
  };
  var BOUNDARY_STYLES = {
    rw: { color: "#0b5d3b", weight: 3, fill: false },
    rt: { color: "#d97706", weight: 1, fillColor: "#fcd34d", fillOpacity: 0.12 }
  };

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function problemPopup(p) {
    var box = el("div");
    var link = el("a", p.title, { href: p.url });
    link.className = "fw-semibold";
    box.appendChild(link);
    box.appendChild(el("div", p.kind_label + " · " + p.sector_label));
    box.appendChild(el("div", "★ " + p.severity + " · " + p.status_label + (p.rt ? " · " + p.rt : "")));
    return box;
  }

  function attributePopup(name, props) {
    var box = el("div");
    box.appendChild(el("div", name, { "class": "fw-semibold" }));
    var table = el("table", null, { "class": "small" });
    Object.keys(props || {}).slice(0, 10).forEach(function (key) {
      var row = el("tr");
      row.appendChild(el("th", key, { "class": "pe-2" }));
      var value = props[key];
      row.appendChild(el("td", value === null || value === undefined ? "-" : (typeof value === "object" ? JSON.stringify(value) : value)));
      table.appendChild(row);
    });
    box.appendChild(table);
    return box;
  }

  function problemLayer(collection) {
    return L.geoJSON(collection, {
      style: function (f) {
        var p = f.properties;
        return { color: PROBLEM_COLOURS[p.kind] || "#111827", weight: 2 + p.severity / 2,
          fillColor: PROBLEM_COLOURS[p.kind] || "#111827", fillOpacity: 0.35 };
      },
      pointToLayer: function (f, latlng) {
        var p = f.properties;
        return L.circleMarker(latlng, { radius: 4 + p.severity, color: "#fff", weight: 1.5,
          fillColor: PROBLEM_COLOURS[p.kind] || "#111827", fillOpacity: 0.9 });
      },
      onEachFeature: function (f, layer) { layer.bindPopup(problemPopup(f.properties)); }
    });
  }

  function draw(mapEl) {
    var dataEl = document.getElementById(mapEl.dataset.mapJson);
    if (!dataEl) { return; }
    var data = JSON.parse(dataEl.textContent);
    var map = L.map(mapEl, { scrollWheelZoom: false, preferCanvas: true, zoomSnap: 0.25 });
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, { maxZoom: 20, maxNativeZoom: 19, attribution: data.tiles.attribution }).addTo(map);
    }
    var overlays = {};
    var bounds = L.latLngBounds([]);
    var count = 0;
    if (data.boundaries && data.boundaries.features && data.boundaries.features.length) {
      var units = L.geoJSON(data.boundaries, {
        style: function (f) { return BOUNDARY_STYLES[f.properties.kind] || BOUNDARY_STYLES.rt; },
        onEachFeature: function (f, l) { l.bindTooltip(f.properties.label); }
      }).addTo(map);
      overlays[mapEl.dataset.labelUnits || "RT/RW"] = units;
      bounds.extend(units.getBounds());
    }
    (data.layers || []).forEach(function (layer) {
      var style = LAYER_STYLES[layer.kind] || LAYER_STYLES.lainnya;
      var group = L.geoJSON(layer.features, {
        style: function () { return style; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 4, color: style.color, weight: 1, fillColor: style.fillColor || style.color, fillOpacity: 0.8 });
        },
        onEachFeature: function (f, l) { l.bindPopup(attributePopup(layer.name, f.properties)); }
      }).addTo(map);
      overlays[layer.name] = group;
      count += group.getLayers().length;
      if (group.getLayers().length) { bounds.extend(group.getBounds()); }
    });
    var problems = null;
    if (data.problems) {
      problems = problemLayer(data.problems).addTo(map);
      overlays[mapEl.dataset.labelProblems || "Masalah & potensi"] = problems;
      count += problems.getLayers().length;
      mapEl.dataset.problems = String(problems.getLayers().length);
    }
    if (Object.keys(overlays).length > 1) {
      L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    }
    var focus = problems && problems.getLayers().length ? problems.getBounds() : bounds;
    if (mapEl.dataset.fit === "all" && bounds.isValid()) { focus = bounds.extend(focus); }
    if (focus && focus.isValid()) {
      map.fitBounds(focus, { padding: [16, 16], maxZoom: 17 });
    } else if (data.center) {
      map.setView(data.center, 15);
    } else {
      map.setView([-2.5, 118], 4);
    }
    mapEl.dataset.features = String(count);
    mapEl.dataset.ready = "1";
  }

  document.querySelectorAll(".map[data-map-json]").forEach(draw);
})();
