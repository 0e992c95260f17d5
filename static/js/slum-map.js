/* Thematic map of RT slum scores: each RT coloured by its slum class, or by the score of any one
   criterion (0 / 1 / 3 / 5), chosen in the #slum-theme select. RTs without a complete, valid
   score are grey. */
(function () {
  "use strict";
  var mapEl = document.getElementById("slum-map");
  var dataEl = document.getElementById("slum-map-data");
  if (!mapEl || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var select = document.getElementById("slum-theme");
  var legend = document.getElementById("slum-legend");
  var CLASS_COLOURS = { tidak: "#15803d", ringan: "#facc15", sedang: "#f97316", berat: "#b91c1c" };
  var SCORE_COLOURS = { 0: "#15803d", 1: "#facc15", 3: "#f97316", 5: "#b91c1c" };
  var NONE = "#d1d5db";
  var map = L.map(mapEl, { scrollWheelZoom: false, zoomSnap: 0.25 });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 20, maxNativeZoom: 19, attribution: data.tiles.attribution }).addTo(map);
  }
  var theme = "class";

  function colour(p) {
    if (theme === "class") { return p["class"] ? CLASS_COLOURS[p["class"]] : NONE; }
    var c = p.criteria && p.criteria[theme];
    return c ? SCORE_COLOURS[c.score] || NONE : NONE;
  }

  function tooltip(p) {
    if (theme === "class") {
      return p.label + ": " + (p.class_label ? p.class_label + " (" + p.total + ")" : (data.none_label || "-"));
    }
    var c = p.criteria && p.criteria[theme];
    return p.label + " · " + theme + ": " + (c ? String(c.pct).replace(".", ",") + "% → " + c.score : (data.none_label || "-"));
  }

  var layer = L.geoJSON(data.rts, {
    style: function (f) {
      return { color: "#374151", weight: 1, fillColor: colour(f.properties), fillOpacity: 0.75 };
    },
    onEachFeature: function (f, l) { l.bindTooltip(function () { return tooltip(f.properties); }); }
  }).addTo(map);

  function swatch(colourValue, label) {
    var item = document.createElement("span");
    item.className = "me-3 d-inline-flex align-items-center";
    var box = document.createElement("span");
    box.style.cssText = "display:inline-block;width:1rem;height:1rem;margin-right:.25rem;border:1px solid #374151;background:" + colourValue;
    item.appendChild(box);
    item.appendChild(document.createTextNode(label));
    return item;
  }

  function drawLegend() {
    if (!legend) { return; }
    legend.textContent = "";
    if (theme === "class") {
      data.classes.forEach(function (c) { legend.appendChild(swatch(CLASS_COLOURS[c.value], c.label)); });
    } else {
      [0, 1, 3, 5].forEach(function (s) { legend.appendChild(swatch(SCORE_COLOURS[s], String(s))); });
    }
    legend.appendChild(swatch(NONE, data.none_label || "-"));
  }

  function restyle() {
    layer.setStyle(function (f) {
      return { color: "#374151", weight: 1, fillColor: colour(f.properties), fillOpacity: 0.75 };
    });
    drawLegend();
    mapEl.dataset.theme = theme;
  }

  if (select) {
    select.addEventListener("change", function () { theme = select.value; restyle(); });
  }
  if (layer.getLayers().length) {
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  } else {
    map.setView([-2.5, 118], 4);
  }
  restyle();
  mapEl.dataset.features = String(layer.getLayers().length);
  mapEl.dataset.ready = "1";
})();
