/* After a failed submit, move focus to what explains it (WCAG 2.1: 3.3.1, 2.4.3): the error
   summary of the form (an element with data-error-summary, from the long forms' include), or
   else the first field Django marked aria-invalid. Runs on page load and after htmx swaps. */
(function () {
  "use strict";

  function focusFirstError(root) {
    var target = root.querySelector("[data-error-summary]");
    if (!target) {
      target = root.querySelector("[aria-invalid='true'], .is-invalid");
    }
    if (!target) {
      return false;
    }
    if (!target.matches("a, button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusFirstError(document);
  });
  document.body && document.body.addEventListener("htmx:afterSwap", function (event) {
    focusFirstError(event.detail.target || document);
  });
  window.tridayaFocusFirstError = focusFirstError;
})();
