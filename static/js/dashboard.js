/* Dashboard page: choropleth of the child regions (province outlines at national level, points
   below it), the monthly trend chart, and sorting of the child-region table by any column. */
(function () {
  "use strict";
  var COLOURS = ["#f7fcf5", "#c7e9c0", "#74c476", "#31a354", "#006d2c"];
  var NONE = "#d1d5db";

  function fmt(v) { return v === null || v === undefined ? "-" : Number(v).toLocaleString("id-ID", { maximumFractionDigits: 1 }); }

  function scale(values) {
    var nums = values.filter(function (v) { return v !== null && v !== undefined; }).sort(function (a, b) { return a - b; });
    var max = nums.length ? nums[nums.length - 1] : 0;
    return function (v) {
      if (v === null || v === undefined) { return NONE; }
      if (max <= 0) { return COLOURS[0]; }
      return COLOURS[Math.min(COLOURS.length - 1, Math.floor((v / max) * (COLOURS.length - 0.001)))];
    };
  }

  function drawMap() {
    var el = document.getElementById("dash-map");
    var dataEl = document.getElementById("dash-map-data");
    if (!el || !dataEl || typeof L === "undefined") { return; }
    var data = JSON.parse(dataEl.textContent);
    var colour = scale(Object.keys(data.values).map(function (k) { return data.values[k]; }));
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 });
    map.setView([-2.5, 118], 4);
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, { maxZoom: 18, attribution: data.tiles.attribution }).addTo(map);
    }
    function link(code) { return data.link.replace("{code}", code); }
    function label(code) { return (data.names[code] || code) + ": " + fmt(data.values[code]); }
    if (data.outlines) {
      fetch(data.outlines).then(function (r) { return r.json(); }).then(function (geo) {
        var layer = L.geoJSON(geo, {
          style: function (f) { return { color: "#555", weight: 1, fillOpacity: 0.8, fillColor: colour(data.values[f.properties.code]) }; },
          onEachFeature: function (f, l) {
            l.bindTooltip(label(f.properties.code));
            l.on("click", function () { window.location = link(f.properties.code); });
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds());
        el.dataset.ready = "1";
        el.dataset.features = String(geo.features.length);
      });
      map.attributionControl.addAttribution(data.outlines_attribution);
    } else {
      var group = L.featureGroup();
      data.points.forEach(function (p) {
        L.circleMarker([p[1], p[2]], { radius: 8, color: "#333", weight: 1, fillOpacity: 0.9, fillColor: colour(data.values[p[0]]) })
          .bindTooltip(label(p[0])).on("click", function () { window.location = link(p[0]); }).addTo(group);
      });
      group.addTo(map);
      if (data.points.length) { map.fitBounds(group.getBounds().pad(0.2), { maxZoom: 13 }); }
      el.dataset.ready = "1";
      el.dataset.features = String(data.points.length);
    }
  }

  function drawTrend() {
    var el = document.getElementById("dash-trend");
    var dataEl = document.getElementById("dash-trend-data");
    if (!el || !dataEl || typeof Chart === "undefined") { return; }
    var data = JSON.parse(dataEl.textContent);
    var months = {};
    Object.keys(data.series).forEach(function (k) { data.series[k].forEach(function (p) { months[p[0]] = 1; }); });
    var labels = Object.keys(months).sort();
    var datasets = Object.keys(data.series).map(function (k) {
      var byMonth = {};
      data.series[k].forEach(function (p) { byMonth[p[0]] = p[1]; });
      return { label: data.labels[k] || k, data: labels.map(function (m) { return byMonth[m] === undefined ? null : byMonth[m]; }), hidden: false };
    });
    new Chart(el, { type: "line", data: { labels: labels, datasets: datasets }, options: { responsive: true, maintainAspectRatio: false, animation: false } });
  }

  function sortable() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("th").forEach(function (th, index) {
        th.addEventListener("click", function () {
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var numeric = th.dataset.type === "number";
          var dir = th.dataset.dir === "asc" ? -1 : 1;
          th.dataset.dir = dir === 1 ? "asc" : "desc";
          rows.sort(function (a, b) {
            var x = a.cells[index].dataset.sort || "", y = b.cells[index].dataset.sort || "";
            if (numeric) { return dir * ((x === "" ? -Infinity : Number(x)) - (y === "" ? -Infinity : Number(y))); }
            return dir * x.localeCompare(y, "id");
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  drawMap();
  drawTrend();
  sortable();
})();
