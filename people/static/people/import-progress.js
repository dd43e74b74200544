/* Polls an import's status while it runs and moves the progress bar; reloads the page for the
   result once the import has finished. Without JavaScript the page refreshes itself (noscript). */
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("import-bar");
  var state = document.getElementById("import-state");
  var count = document.getElementById("import-count");
  var delay = 1000;

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (status) {
        bar.value = status.percent;
        bar.textContent = status.percent + "%";
        state.textContent = status.label;
        count.textContent = status.total ? status.done + " / " + status.total : "";
        if (status.finished) {
          window.location.reload();
          return;
        }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // A dropped connection: try again, less often, rather than give up.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
