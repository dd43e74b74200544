// Polls an export job until its file is ready, then shows the download button. Without JavaScript
// the page refreshes itself instead (a <noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box) { return; }
  var finished = { done: true, failed: true };
  if (finished[box.dataset.status]) { return; }
  function part(role) { return box.querySelector('[data-role="' + role + '"]'); }
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        part("status").textContent = job.status_label;
        part("progress").value = job.progress;
        part("rows").textContent = job.rows;
        if (job.error) { part("error").textContent = job.error; part("error").hidden = false; }
        if (job.download_url) { part("download").hidden = false; }
        if (!finished[job.status]) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
