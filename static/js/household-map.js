/* Map of poor households: RT boundaries shaded by their number of poor households, and a dot
   per located poor household, from the page's JSON (<div id="household-map"
   data-map-json="id-of-json-script">). Tiles when they load, vector layers on a plain background
   when they cannot. Names come from survey data: popups are built from text nodes only. */
(function () {
  "use strict";
  var el = document.getElementById("household-map");
  if (!el || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(el.dataset.mapJson).textContent);
  var map = L.map(el, { scrollWheelZoom: false });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 19, attribution: data.tiles.attribution }).addTo(map);
  }
  var most = 1;
  (data.units || []).forEach(function (f) { most = Math.max(most, f.properties.poor || 0); });

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value === null || value === undefined ? "" : String(value);
    if (className) { node.className = className; }
    return node;
  }

  var units = L.geoJSON(data.units || [], {
    style: function (f) {
      var share = (f.properties.poor || 0) / most;
      return { color: "#d97706", weight: 1.5, fillColor: "#f59e0b", fillOpacity: 0.08 + 0.45 * share };
    },
    onEachFeature: function (f, layer) {
      var p = f.properties;
      var label = p.label + (p.households !== undefined ? " · " + p.poor + "/" + p.households : "");
      layer.bindTooltip(label);
    }
  }).addTo(map);

  var poor = L.geoJSON(data.poor || [], {
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, { radius: 5, color: "#7f1d1d", weight: 1, fillColor: "#b91c1c", fillOpacity: 0.85 });
    },
    onEachFeature: function (f, layer) {
      var p = f.properties;
      var box = document.createElement("div");
      if (p.head) { box.appendChild(text("div", p.head, "fw-semibold")); }
      box.appendChild(text("div", p.rt));
      box.appendChild(text("div", p.members + " " + (el.dataset.labelMembers || "") + " · " +
        p.criteria + "/14 " + (el.dataset.labelCriteria || "")));
      layer.bindPopup(box);
    }
  }).addTo(map);

  var all = L.featureGroup([units, poor]);
  if (all.getLayers().length && all.getBounds().isValid()) {
    map.fitBounds(all.getBounds(), { padding: [10, 10] });
  } else {
    map.setView([-2.5, 118], 4);
  }
  el.dataset.features = String(poor.getLayers().length);
  el.dataset.units = String(units.getLayers().length);
})();
