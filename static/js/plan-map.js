/* A plan's map: RTs coloured by slum class, mapped problems, kawasan prioritas and planned works,
   from the page's JSON; on tiles when they load, on a plain background when they cannot. On an
   activity form, tapping the map puts a point into the GeoJSON field. */
(function () {
  "use strict";
  var el = document.getElementById("plan-map");
  var dataEl = document.getElementById("plan-map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var f = data.features || {};
  var map = L.map(el, { scrollWheelZoom: false });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 19, attribution: data.tiles.attribution }).addTo(map);
  }
  var classColor = { tidak: "#a6d96a", ringan: "#fee08b", sedang: "#fdae61", berat: "#d73027" };
  function collection(list) { return { type: "FeatureCollection", features: list || [] }; }
  function tip(feature, layer) { layer.bindTooltip(feature.properties.label || ""); }
  var all = L.featureGroup().addTo(map);
  L.geoJSON(collection(f.rts), {
    style: function (x) {
      return { color: "#777", weight: 1, fillColor: classColor[x.properties["class"]] || "#ddd", fillOpacity: 0.5 };
    },
    onEachFeature: function (x, l) { l.bindTooltip(x.properties.label + (x.properties.class_label ? ": " + x.properties.class_label : "")); }
  }).addTo(all);
  L.geoJSON(collection(f.areas), { style: { color: "#e31a1c", weight: 3, fill: false }, onEachFeature: tip }).addTo(all);
  var point = function (color) {
    return function (x, latlng) { return L.circleMarker(latlng, { radius: 6, color: "#fff", weight: 1, fillColor: color, fillOpacity: 0.9 }); };
  };
  L.geoJSON(collection(f.problems), { pointToLayer: point("#ff7f00"), style: { color: "#ff7f00" }, onEachFeature: tip }).addTo(all);
  L.geoJSON(collection(f.works), { pointToLayer: point("#1f78b4"), style: { color: "#1f78b4", weight: 4 }, onEachFeature: tip }).addTo(all);
  if (all.getLayers().length && all.getBounds().isValid()) {
    map.fitBounds(all.getBounds(), { padding: [10, 10] });
  } else {
    map.setView([-2.5, 118], 4);
  }
  el.dataset.layers = String(all.getLayers().length);
  var target = document.querySelector("[data-geometry-target]");
  if (data.pick && target) {
    var marker = null;
    map.on("click", function (e) {
      var lon = Math.round(e.latlng.lng * 1e6) / 1e6;
      var lat = Math.round(e.latlng.lat * 1e6) / 1e6;
      target.value = JSON.stringify({ type: "Point", coordinates: [lon, lat] });
      if (marker) { marker.setLatLng(e.latlng); } else { marker = L.marker(e.latlng).addTo(map); }
    });
  }
})();
