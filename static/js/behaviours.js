/* Small behaviours declared in the markup, so pages carry no inline script, style or event
   handler (the Content-Security-Policy allows neither):
   - <form data-confirm="Question?">: asks before submitting;
   - <select data-autosubmit>: submits its form when changed;
   - <div data-width="42">: sets the element's width to 42% (progress bars).
   Runs on page load and on every piece of page htmx swaps in. */
(function () {
  "use strict";

  function apply(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var value = parseFloat(el.dataset.width);
      if (!isNaN(value)) { el.style.width = Math.max(0, Math.min(100, value)) + "%"; }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });

  if (window.htmx) { window.htmx.onLoad(apply); }
  else { document.addEventListener("DOMContentLoaded", function () { apply(document); }); }
})();
