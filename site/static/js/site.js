/* The site's few lines of JavaScript for every page: the focus goes to the first element marked
   ``autofocus`` (an error summary, a field refused, a confirmation), which browsers do not all do; on a narrow screen (a
   phone, or 200% zoom) the navigation folds behind its button. Without JavaScript the button stays
   hidden and the navigation open. */
(function () {
  "use strict";
  // The first in the page wins (an error summary before a field the form autofocuses).
  // Chromium may apply a later ``autofocus`` after this script has run: check again once loaded.
  var first = document.querySelector("[autofocus]");
  function focusFirst() { if (first && document.activeElement !== first) { first.focus(); } }
  focusFirst();
  window.addEventListener("load", focusFirst);
  var narrow = window.matchMedia("(max-width: 47.99em)");
  document.querySelectorAll("[data-collapse]").forEach(function (button) {
    var target = document.getElementById(button.dataset.collapse);
    if (!target) { return; }
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      target.classList.toggle("is-collapsed", !open);
    }
    button.classList.add("is-ready");
    set(!narrow.matches);
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    narrow.addEventListener("change", function () { set(!narrow.matches); });
  });
})();
