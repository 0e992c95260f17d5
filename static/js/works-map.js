/* Works map: the packages of a village (or one package) coloured by status, on tiles when they
   load and on a plain background when they cannot. */
(function () {
  "use strict";
  var el = document.getElementById("works-map");
  var dataEl = document.getElementById("works-map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var map = L.map(el, { scrollWheelZoom: false });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 19, attribution: data.tiles.attribution }).addTo(map);
  }
  var colours = { rencana: "#6c757d", berjalan: "#0d6efd", selesai: "#198754" };
  var layer = L.geoJSON(data.features, {
    style: function (f) { return { color: colours[f.properties.status] || "#333", weight: 4 }; },
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, { radius: 7, color: colours[f.properties.status] || "#333" });
    },
    onEachFeature: function (f, l) {
      l.bindTooltip(f.properties.name + " (" + f.properties.progress + "%)");
    }
  }).addTo(map);
  if (layer.getLayers().length) {
    map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 18 });
  } else {
    map.setView([-2.5, 118], 4);
  }
  el.dataset.features = String(layer.getLayers().length);
})();
