/* S-curve of a package: the plan from the RAB weights and the approved progress (Chart.js). */
(function () {
  "use strict";
  var el = document.getElementById("works-scurve");
  var dataEl = document.getElementById("works-scurve-data");
  if (!el || !dataEl || typeof Chart === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  new Chart(el, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Rencana", data: data.plan, borderColor: "#6c757d", borderDash: [6, 4], pointRadius: 0 },
        { label: "Realisasi (disetujui)", data: data.actual, borderColor: "#198754", spanGaps: false }
      ]
    },
    options: {
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
  el.dataset.actual = JSON.stringify(data.actual);
})();
