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
  // Auto-submit filter selects marked data-autosubmit.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.requestSubmit();
    }
  });
})();
