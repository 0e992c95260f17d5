/* Gain charts of a training (or a region): average pre-test and post-test per module as
   horizontal bars (readable on a 360 px phone), with the pass mark as a dashed line, and the
   average gain per actor group. Data from the json_script element "gain-chart-data"; without
   Chart.js the table beside the charts still says it all. */
(function () {
  "use strict";
  var source = document.getElementById("gain-chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var english = (document.documentElement.lang || "id").indexOf("en") === 0;
  var labels = english
    ? { pre: "Pre-test", post: "Post-test", pass: "Pass mark", gain: "Gain (points)" }
    : { pre: "Pre-test", post: "Post-test", pass: "Nilai lulus", gain: "Kenaikan (poin)" };
  function wrap(text) {
    var words = text.split(" "), lines = [], line = "";
    words.forEach(function (word) {
      if ((line + " " + word).trim().length > 24 && line) { lines.push(line); line = word; }
      else { line = (line + " " + word).trim(); }
    });
    if (line) { lines.push(line); }
    return lines.slice(0, 3);
  }
  function fit(canvas, rows) {
    canvas.parentElement.style.height = Math.max(200, 64 * rows + 70) + "px";
  }
  var canvas = document.getElementById("gain-chart");
  if (canvas && data.modules.length) {
    fit(canvas, data.modules.length);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.modules.map(wrap),
        datasets: [
          { label: labels.pre, data: data.pre, backgroundColor: "#adb5bd" },
          { label: labels.post, data: data.post, backgroundColor: "#0b5d3b" },
          { label: labels.pass, type: "line", indexAxis: "y",
            data: data.modules.map(function () { return data.pass_mark; }),
            borderColor: "#dc3545", borderDash: [6, 4], pointRadius: 0, fill: false }
        ]
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false, animation: false,
        scales: { x: { min: 0, max: 100 } },
        plugins: { legend: { position: "bottom" },
          tooltip: { callbacks: { title: function (items) { return data.modules[items[0].dataIndex]; } } } }
      }
    });
    canvas.dataset.ready = "1";
  }
  var groups = document.getElementById("group-chart");
  if (groups && data.groups.length) {
    fit(groups, data.groups.length / 1.6);
    new Chart(groups, {
      type: "bar",
      data: { labels: data.groups, datasets: [{ label: labels.gain, data: data.group_gain, backgroundColor: "#198754" }] },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
    });
  }
})();
