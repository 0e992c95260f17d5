/* Offer only the chosen domain's sectors. */
(function () {
  var domain = document.getElementById("id_domain");
  var sector = document.getElementById("id_sector");
  if (!domain || !sector) { return; }
  function sync() {
    Array.prototype.forEach.call(sector.options, function (o) {
      var fits = (o.dataset.domains || "").split(" ").indexOf(domain.value) >= 0;
      o.hidden = !fits; o.disabled = !fits;
    });
    if (sector.selectedOptions.length && sector.selectedOptions[0].disabled) {
      var first = Array.prototype.find.call(sector.options, function (o) { return !o.disabled; });
      if (first) { sector.value = first.value; }
    }
  }
  domain.addEventListener("change", sync);
  sync();
})();
