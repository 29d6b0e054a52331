// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Forms and buttons with data-confirm ask before a destructive action.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  // The error summary of a refused form (templates/forms/error_summary.html) takes focus, so screen
  // readers announce it; its links move focus to the field and scroll its label or legend into view.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-error-summary] a[href^='#']") : null;
    if (!link) {
      return;
    }
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) {
      return;
    }
    event.preventDefault();
    var fieldset = input.closest("fieldset");
    var caption = fieldset ? fieldset.querySelector("legend") : document.querySelector("label[for='" + input.id + "']");
    (caption || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
  // Auto-submit filter selects marked data-autosubmit.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.requestSubmit();
    }
  });
})();
