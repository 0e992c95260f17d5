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
  var rows = document.getElementById("attendee-rows");
  function addRow() {
    var total = form.querySelector("#id_peserta-TOTAL_FORMS");
    var n = parseInt(total.value, 10);
    var clone = rows.lastElementChild.cloneNode(true);
    clone.querySelectorAll("input, select, label").forEach(function (el) {
      ["name", "id", "for"].forEach(function (a) {
        var v = el.getAttribute(a);
        if (v) { el.setAttribute(a, v.replace(/peserta-\d+-/, "peserta-" + n + "-")); }
      });
      if (el.type === "checkbox") { el.checked = false; } else if (el.tagName !== "LABEL") { el.value = ""; }
    });
    clone.querySelectorAll(".invalid-feedback").forEach(function (e) { e.remove(); });
    clone.querySelector(".row-number").textContent = n + 1;
    rows.appendChild(clone);
    total.value = n + 1;
    return clone;
  }
  document.getElementById("add-attendee").addEventListener("click", function () { addRow(); });
  /* The register picker: matching names (NIK masked) fill the first empty row. */
  var picker = document.getElementById("register-picker");
  var results = document.getElementById("register-results");
  var timer = null;
  function emptyRow() {
    var found = Array.prototype.find.call(rows.children, function (row) {
      return !row.querySelector("input[name$=-name]").value.trim();
    });
    return found || addRow();
  }
  function pick(person) {
    var row = emptyRow();
    row.querySelector("input[name$=-person]").value = person.id;
    row.querySelector("input[name$=-name]").value = person.name;
    row.querySelector("select[name$=-sex]").value = person.sex;
    row.querySelector("input[name$=-is_poor]").checked = person.is_poor;
    row.querySelector("input[name$=-disabled]").checked = person.disabled;
    results.innerHTML = "";
    document.getElementById("register-q").value = "";
  }
  document.getElementById("register-q").addEventListener("input", function (event) {
    var q = event.target.value.trim();
    clearTimeout(timer);
    if (q.length < 2) { results.innerHTML = ""; return; }
    timer = setTimeout(function () {
      fetch(picker.dataset.url + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          results.innerHTML = "";
          data.results.forEach(function (person) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "list-group-item list-group-item-action";
            button.textContent = person.name + " (" + person.sex + ")" + (person.nik ? " · NIK " + person.nik : "");
            button.addEventListener("click", function () { pick(person); });
            results.appendChild(button);
          });
          if (!data.results.length) {
            var none = document.createElement("div");
            none.className = "list-group-item text-muted small";
            none.textContent = picker.dataset.noMatch;
            results.appendChild(none);
          }
        });
    }, 250);
  });
  /* Typing a name by hand unlinks the row from the register. */
  rows.addEventListener("input", function (event) {
    if (event.target.name && /-name$/.test(event.target.name)) {
      event.target.closest(".attendee-row").querySelector("input[name$=-person]").value = "";
    }
  });
})();
