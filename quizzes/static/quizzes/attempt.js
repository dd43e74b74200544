/* Quiz attempt: save each answer as it is given, count the time down, and never submit twice.
   Without this script every page still works: each question has its own save button. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  var status = document.querySelector(".autosave-status");
  var pending = null;
  var timer = null;

  function say(text, failed) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("failed", !!failed);
  }

  function save() {
    if (!form) return;
    var body = new FormData(form);
    pending = null;
    say(status.dataset.saving);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.data.saved) {
        say(status.dataset.saved + " " + result.data.saved_at);
        var current = document.querySelector(".quiz-nav a[aria-current]");
        if (current) current.classList.add("answered");
      } else if (result.data.redirect) {
        window.location.assign(result.data.redirect);
      } else {
        say(result.data.error, true);
      }
    }).catch(function () {
      // Offline or the server did not answer: keep the answer and send it again when the link is back.
      pending = true;
      say(status.dataset.offline, true);
    });
  }

  if (form) {
    form.addEventListener("change", function () { save(); });
    form.addEventListener("input", function (event) {
      if (event.target.type !== "text") return;
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    });
    window.addEventListener("online", function () { if (pending) save(); });
  }

  var clock = document.querySelector(".timer[data-remaining]");
  if (clock) {
    var display = clock.querySelector("[data-clock]");
    var endsAt = Date.now() + parseInt(clock.dataset.remaining, 10) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      display.textContent = (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(s).padStart(2, "0");
      clock.classList.toggle("low", left <= 60);
      // Crossing five minutes, then one: the live region says it once and it stays shown.
      var warning = document.querySelector(".timer-warning");
      var text = left <= 60 ? warning && warning.dataset.one : left <= 300 ? warning && warning.dataset.five : "";
      if (warning && text && warning.textContent !== text) { warning.textContent = text; }
      if (left === 0) {
        // The server closes the attempt; reloading shows the result once the grace period is over.
        setTimeout(function () { window.location.reload(); }, 12000);
        return;
      }
      setTimeout(tick, 1000);
    };
    tick();
  }

  document.querySelectorAll("form[data-submit-once]").forEach(function (once) {
    once.addEventListener("submit", function (event) {
      if (once.dataset.sent) { event.preventDefault(); return; }
      once.dataset.sent = "1";
    });
  });
})();
