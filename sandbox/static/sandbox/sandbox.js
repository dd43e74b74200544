/* The sandbox's few lines of JavaScript: waiting for a phone confirmation (remote signing, VNeID)
   and the print button. Pages work without it: reloading shows the same state. */
(function () {
  "use strict";
  function poll(box, url, done) {
    function tick() {
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (done(data)) { return; } setTimeout(tick, 2000); })
        .catch(function () { setTimeout(tick, 5000); });
    }
    setTimeout(tick, 2000);
  }
  var remote = document.getElementById("remote-status");
  if (remote && remote.dataset.status === "pending") {
    var countdown = remote.querySelector(".countdown");
    poll(remote, remote.dataset.statusUrl, function (data) {
      if (countdown) { countdown.textContent = data.left; }
      if (data.status === "pending") { return false; }
      if (data.status === "confirmed") { window.location.href = remote.dataset.doneUrl; return true; }
      remote.innerHTML = "";
      var final = document.createElement("p");
      final.className = "remote-final";
      final.textContent = data.label;
      remote.appendChild(final);
      return true;
    });
  }
  var vneid = document.getElementById("vneid-wait");
  if (vneid) {
    poll(vneid, vneid.dataset.statusUrl, function (data) {
      if (data.signed_in) { window.location.reload(); return true; }
      return false;
    });
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
