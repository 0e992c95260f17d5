/* The priority round form: the sum of the criteria weights, green at 100. */
(function () {
  var form = document.getElementById("criteria-form");
  var out = document.getElementById("weight-sum");
  function sum() {
    var total = 0;
    form.querySelectorAll("input[name$='-weight']").forEach(function (input) {
      var del = form.querySelector("input[name='" + input.name.replace("-weight", "-DELETE") + "']");
      if (!(del && del.checked)) { total += parseInt(input.value || "0", 10) || 0; }
    });
    out.textContent = total;
    out.className = total === 100 ? "text-success" : "text-danger";
  }
  form.addEventListener("input", sum);
  form.addEventListener("change", sum);
  sum();
})();
