/* Budget of a plan by Tridaya domain and by funding source (Chart.js, whole rupiah). */
(function () {
  "use strict";
  var dataEl = document.getElementById("plan-chart-data");
  if (!dataEl || typeof Chart === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  function rupiah(v) { return "Rp " + Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function bars(id, rows, color, horizontal) {
    var el = document.getElementById(id);
    if (!el) { return; }
    new Chart(el, {
      type: "bar",
      data: { labels: rows.map(function (r) { return r[0]; }), datasets: [{ data: rows.map(function (r) { return r[1]; }), backgroundColor: color }] },
      options: {
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return rupiah(c.raw); } } } },
        scales: { x: { ticks: { font: { size: 10 } } }, y: { ticks: { font: { size: 10 } } } }
      }
    });
  }
  bars("chart-domain", data.domain || [], "#0b5d3b", false);
  bars("chart-source", data.source || [], "#1f78b4", true);
})();
