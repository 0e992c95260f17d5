/* Small helpers of the training pages: "check all" / "clear" buttons for a group of checkboxes
   (data-check-all / data-uncheck-all name the inputs), and a confirmation before destructive
   buttons (data-confirm holds the question). The pages work without it. */
(function () {
  "use strict";
  function setAll(name, value) {
    var selector = 'input[type=checkbox][name="' + name + '"]:not(:disabled), ' +
      'input[type=checkbox][data-group="' + name + '"]:not(:disabled)';
    document.querySelectorAll(selector).forEach(function (box) {
      box.checked = value;
    });
  }
  document.querySelectorAll("[data-check-all]").forEach(function (button) {
    button.addEventListener("click", function () { setAll(button.dataset.checkAll, true); });
  });
  document.querySelectorAll("[data-uncheck-all]").forEach(function (button) {
    button.addEventListener("click", function () { setAll(button.dataset.uncheckAll, false); });
  });
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
