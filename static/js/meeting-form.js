/* Show the counts or the list, and add attendee rows by cloning the last one. */
(function () {
  var form = document.getElementById("meeting-form");
  function sync() {
    var list = form.querySelector("input[name=attendance_mode]:checked").value === "list";
    document.getElementById("counts").hidden = list;
    document.getElementById("attendee-list").hidden = !list;
  }
  form.querySelectorAll("input[name=attendance_mode]").forEach(function (r) { r.addEventListener("change", sync); });
  sync();
  document.getElementById("add-attendee").addEventListener("click", function () {
    var total = form.querySelector("#id_peserta-TOTAL_FORMS");
    var rows = document.getElementById("attendee-rows");
    var last = rows.lastElementChild;
    var n = parseInt(total.value, 10);
    var clone = last.cloneNode(true);
    clone.querySelectorAll("input, select, label").forEach(function (el) {
      ["name", "id", "for"].forEach(function (a) {
        var v = el.getAttribute(a);
        if (v) { el.setAttribute(a, v.replace(/peserta-\d+-/, "peserta-" + n + "-")); }
      });
      if (el.type === "checkbox") { el.checked = false; } else if (el.tagName !== "LABEL") { el.value = ""; }
    });
    clone.querySelectorAll(".invalid-feedback").forEach(function (e) { e.remove(); });
    rows.appendChild(clone);
    total.value = n + 1;
  });
})();
