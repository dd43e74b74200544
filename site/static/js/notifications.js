/* In-app notifications: one WebSocket per tab to /ws/notifications/; each notification appears in the
   page's live region (read aloud by screen readers). Reconnects with backoff; the page works without it. */
(function () {
  "use strict";
  var region = document.getElementById("notifications");
  if (!region || !window.WebSocket) { return; }
  var delay = 1000;
  var closeLabel = region.getAttribute("data-close-label") || "×";

  function show(note) {
    var item = document.createElement("div");
    item.className = "notification";
    var title = document.createElement(note.url ? "a" : "p");
    title.textContent = note.title || "";
    if (note.url) { title.href = note.url; }
    item.appendChild(title);
    if (note.body) {
      var body = document.createElement("p");
      body.textContent = note.body;
      item.appendChild(body);
    }
    var close = document.createElement("button");
    close.type = "button";
    close.className = "link-button";
    close.textContent = closeLabel;
    close.addEventListener("click", function () { item.remove(); });
    item.appendChild(close);
    region.appendChild(item);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/notifications/");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "notification") { show(data.notification || {}); }
    };
    socket.onclose = function (event) {
      if (event.code === 4401) { return; }  /* signed out: nothing to wait for */
      var wait = Math.min(delay, 60000) * (0.5 + Math.random());
      delay *= 2;
      setTimeout(connect, wait);
    };
  }
  connect();
}());
