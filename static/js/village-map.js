/* Village map: RW and RT boundaries from the page's JSON, on tiles when they load and on a
   plain background when they cannot (offline field offices). */
(function () {
  "use strict";
  var el = document.getElementById("village-map");
  var dataEl = document.getElementById("village-map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var map = L.map(el, { scrollWheelZoom: false });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 19, attribution: data.tiles.attribution }).addTo(map);
  }
  var styles = {
    rw: { color: "#0b5d3b", weight: 3, fill: false },
    rt: { color: "#d97706", weight: 1.5, fillColor: "#fcd34d", fillOpacity: 0.25 }
  };
  var layer = L.geoJSON(data.features, {
    style: function (f) { return styles[f.properties.kind] || styles.rt; },
    onEachFeature: function (f, l) { l.bindTooltip(f.properties.label); }
  }).addTo(map);
  if (layer.getLayers().length) {
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  } else if (data.center) {
    map.setView(data.center, 15);
  } else {
    map.setView([-2.5, 118], 4);
  }
  el.dataset.features = String(layer.getLayers().length);
})();
