/* The live session page: one WebSocket, reconnecting with exponential backoff and jitter, asking
   for the chat it missed (?after=<last message id>). Numbered frames (stream + seq) are applied in
   order: a gap makes the page ask for what it missed ("resync") without reconnecting, and the
   heartbeat's reply tells it whether the last frames were lost. Plain ES5 for old browsers; no
   framework.
   Each server message {"type": "a.b"} is handled by handlers.a_b (docs/live-protocol.md). */
(function () {
  "use strict";

  var room = document.getElementById("live-room");
  if (!room || !window.WebSocket || !window.JSON) { return; }
  var T = JSON.parse(document.getElementById("live-strings").textContent);
  var isTrainer = room.getAttribute("data-role") === "trainer";
  var me = parseInt(room.getAttribute("data-user-id"), 10);
  var wsPath = room.getAttribute("data-ws-path");
  var FINAL_CODES = [4401, 4403, 4404, 4409, 4410, 4413, 4423, 4428];
  var RELOAD_CODE = 4000;   // after "resync_gone": the frames asked for were pruned, take the whole state
  var RESYNC_WAIT = 700;    // ms a gap may last (frames through two servers cross) before asking
  var MAX_CHAT_ITEMS = 300;

  var socket = null;
  var attempt = 0;
  var retryTimer = null;
  var stopped = false;
  var lastId = 0;          // the newest chat message id received: sent back on reconnect
  // What we sent and wait to see back: the typed text is cleared only then, never lost on a refusal.
  var pendingChat = false;
  var pendingHelp = false;
  var pendingPoll = false;
  // The last frame applied on each stream, and frames that came early, held until the gap closes.
  var seqs = { session: 0, own: 0 };
  var held = { session: {}, own: {} };
  var known = { session: 0, own: 0 };  // the positions the last heartbeat reply gave
  var resyncTimer = null;
  var resyncing = false;
  var myVotes = {};
  var polls = {};

  function $(id) { return document.getElementById(id); }
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] !== undefined ? values[key] : all;
    });
  }
  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    return el;
  }
  function button(label, onClick, className) {
    var b = make("button", className || "button secondary", label);
    b.type = "button";
    b.onclick = onClick;
    return b;
  }
  function clear(el) { while (el && el.firstChild) { el.removeChild(el.firstChild); } }
  function show(el, visible) { if (el) { el.hidden = !visible; } }
  function say(id, message) { var el = $(id); if (el) { el.textContent = message || ""; } }
  function clock(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return ""; }
    return (d.getHours() < 10 ? "0" : "") + d.getHours() + ":" + (d.getMinutes() < 10 ? "0" : "") + d.getMinutes();
  }
  function minutes(seconds) { return Math.floor((seconds || 0) / 60); }

  // --- The connection ------------------------------------------------------------------------------
  function status(message) { say("live-status", message); }

  function connect() {
    retryTimer = null;
    status(T.connecting);
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + wsPath + "?after=" + lastId);
    socket.onopen = function () { attempt = 0; status(T.connected); };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.stream && message.seq) { sequenced(message); } else { apply(message); }
    };
    socket.onclose = function (event) {
      socket = null;
      resyncing = false;
      held = { session: {}, own: {} };
      if (resyncTimer) { window.clearTimeout(resyncTimer); resyncTimer = null; }
      if (FINAL_CODES.indexOf(event.code) !== -1) { stop(T["closed_" + event.code]); return; }
      if (event.code === RELOAD_CODE && !stopped) { attempt = 0; connect(); return; }
      if (!stopped) { retry(); }
    };
  }

  function apply(message) {
    var handler = handlers[String(message.type).replace(/\./g, "_")];
    if (handler) { handler(message); }
  }

  // --- Numbered frames: in order, each once, gaps filled by asking -----------------------------
  function sequenced(message) {
    var stream = message.stream;
    if (seqs[stream] === undefined || message.seq <= seqs[stream]) { return; }  // seen already
    if (message.seq === seqs[stream] + 1) {
      seqs[stream] = message.seq;
      apply(message);
      drain(stream);
    } else {
      held[stream][message.seq] = message;
      askSoon();
    }
  }

  function drain(stream) {
    var next = held[stream][seqs[stream] + 1];
    while (next) {
      delete held[stream][next.seq];
      seqs[stream] = next.seq;
      apply(next);
      next = held[stream][seqs[stream] + 1];
    }
    for (var key in held[stream]) {
      if (held[stream].hasOwnProperty(key) && parseInt(key, 10) <= seqs[stream]) { delete held[stream][key]; }
    }
  }

  function gapped() {
    if (seqs.session < known.session || seqs.own < known.own) { return true; }
    for (var stream in held) {
      if (held.hasOwnProperty(stream)) {
        for (var key in held[stream]) { if (held[stream].hasOwnProperty(key)) { return true; } }
      }
    }
    return false;
  }

  function askSoon() {
    if (resyncTimer || resyncing) { return; }
    resyncTimer = window.setTimeout(function () {
      resyncTimer = null;
      if (gapped()) { askNow(); }
    }, RESYNC_WAIT);
  }

  function askNow() {
    if (resyncing) { return; }
    resyncing = send({ type: "resync", session: seqs.session, own: seqs.own });
  }

  function behind(positions) {
    // The heartbeat's reply: frames numbered up to these were sent; ask for any we never got.
    if (!positions) { return; }
    known = { session: positions.session, own: positions.own };
    if (gapped()) { askSoon(); }
  }

  function retry() {
    // Exponential backoff, capped at 30 s, with jitter so a restarted server is not hit by every
    // browser at the same instant.
    var base = Math.min(30000, 1000 * Math.pow(2, attempt));
    var delay = Math.round(base / 2 + Math.random() * base / 2);
    attempt += 1;
    status(fmt(T.reconnecting, { seconds: Math.ceil(delay / 1000) }));
    retryTimer = window.setTimeout(connect, delay);
  }

  function stop(message) {
    stopped = true;
    if (retryTimer) { window.clearTimeout(retryTimer); }
    status("");
    var final = $("live-final");
    final.textContent = message;
    show(final, true);
    var forms = room.getElementsByTagName("form");
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].id) { forms[i].hidden = true; }
    }
  }

  function send(message) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify(message));
      return true;
    }
    say("live-error", T.not_connected);
    return false;
  }

  window.addEventListener("online", function () {
    if (!socket && !stopped && retryTimer) { window.clearTimeout(retryTimer); connect(); }
  });
  window.setInterval(function () {
    send({ type: "heartbeat" });
    if (isTrainer) { send({ type: "board.refresh" }); }
  }, 30000);

  // --- Rendering -----------------------------------------------------------------------------------
  // ``earlier``: the backlog shown on joining, put beside the log (role="log") so it is not read out.
  function renderChat(message, earlier) {
    if (message.id <= 0 || $("chat-" + message.id)) { return; }
    var log = $(earlier ? "chat-earlier" : "chat-log");
    var item = make("li", message.author.trainer ? "from-trainer" : "");
    item.id = "chat-" + message.id;
    item.setAttribute("data-id", message.id);
    // Hidden separators: a screen reader says name, time and text apart.
    item.appendChild(make("span", "who", message.author.name + (message.author.trainer ? " (" + T.trainer + ")" : "")));
    item.appendChild(make("span", "visually-hidden", ", "));
    var at = make("time", "at", clock(message.at));
    at.setAttribute("datetime", message.at);
    item.appendChild(at);
    item.appendChild(make("span", "visually-hidden", ": "));
    var body = make("span", "body");
    body.innerHTML = message.body; // sanitised by the server (bleach): text and links only
    item.appendChild(body);
    // Messages from several server processes may arrive slightly out of order: keep them by id.
    var after = log.lastChild;
    while (after && parseInt(after.getAttribute("data-id"), 10) > message.id) { after = after.previousSibling; }
    log.insertBefore(item, after ? after.nextSibling : log.firstChild);
    while (log.childNodes.length > MAX_CHAT_ITEMS) { log.removeChild(log.firstChild); }
    if (message.id > lastId) { lastId = message.id; }
    $("chat-scroll").scrollTop = $("chat-scroll").scrollHeight;
    if (pendingChat && message.author.id === me) {
      pendingChat = false;
      $("chat-body").value = "";
    }
  }

  function renderHands(hands) {
    var list = $("hands-list");
    clear(list);
    for (var i = 0; i < hands.length; i++) { addHand(hands[i]); }
    show($("hands-empty"), hands.length === 0);
  }

  function addHand(hand) {
    var list = $("hands-list");
    var old = $("hand-" + hand.user_id);
    if (old) { list.removeChild(old); }
    if (hand.raised) {
      var item = make("li", "", hand.name + " · " + clock(hand.at));
      item.id = "hand-" + hand.user_id;
      if (isTrainer) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(button(T.lower_hand, function () { send({ type: "hand.lower", user_id: hand.user_id }); }, "link-button"));
      }
      list.appendChild(item);
    }
    show($("hands-empty"), list.childNodes.length === 0);
    if (hand.user_id === me) { setHand(hand.raised); }
    var row = $("board-" + hand.user_id);
    if (row) { row.setAttribute("data-hand", hand.raised ? "1" : ""); renderHandMark(row, hand.raised); }
  }

  function setHand(raised) {
    var toggle = $("hand-toggle");
    if (!toggle) { return; }
    toggle.setAttribute("aria-pressed", raised ? "true" : "false");
    toggle.textContent = raised ? T.lower_hand : T.raise_hand;
  }

  function topic(item) {
    if (!item || !item.label) { return ""; }
    return (T["kind_" + item.kind] || "") + ": " + item.label + (item.step ? " — " + item.step : "");
  }

  function renderHelp(request) {
    if (isTrainer) { renderQueueItem(request); return; }
    var waiting = request.state === "open" || request.state === "claimed";
    var text = request.state === "claimed" ? fmt(T.help_claimed, { name: request.claimed_by.name })
      : T["help_" + request.state];
    say("help-status", text);
    $("help-cancel").setAttribute("data-id", request.id);
    show($("help-cancel"), waiting);
    show($("help-form"), !waiting && !stopped);
  }

  function renderQueueItem(request) {
    var queue = $("help-queue");
    var old = $("help-" + request.id);
    var waiting = request.state === "open" || request.state === "claimed";
    if (!waiting) {
      if (old) { queue.removeChild(old); }
    } else {
      var item = make("li", "help-item " + request.state);
      item.id = "help-" + request.id;
      item.appendChild(make("strong", "", request.official.name));
      if (topic(request)) { item.appendChild(make("span", "topic", topic(request))); }
      if (request.note) { item.appendChild(make("span", "note", "“" + request.note + "”")); }
      item.appendChild(make("span", "badge " + (request.state === "open" ? "warn" : "ok"),
        request.state === "open" ? T.waiting : fmt(T.helping, { name: request.claimed_by.name })));
      var actions = make("span", "actions");
      if (request.state === "open") {
        actions.appendChild(button(T.claim, function () { send({ type: "help.claim", request_id: request.id }); }));
      }
      actions.appendChild(button(T.resolve, function () { send({ type: "help.resolve", request_id: request.id }); }));
      item.appendChild(actions);
      if (old) { queue.replaceChild(item, old); } else { queue.appendChild(item); }
    }
    show($("help-queue-empty"), queue.childNodes.length === 0);
  }

  function renderCard(card) {
    if (!card) { show($("live-card"), false); return; }
    var link = $("live-card-link");
    link.textContent = card.title;
    link.setAttribute("href", card.url);
    say("live-card-step", card.step);
    show($("live-card"), true);
  }

  function renderPoll(poll) {
    if (poll.my_vote !== undefined && poll.my_vote !== null) { myVotes[poll.id] = poll.my_vote; }
    polls[poll.id] = poll;
    var box = $("polls");
    var old = $("poll-" + poll.id);
    var block = make("div", "poll");
    block.id = "poll-" + poll.id;
    block.appendChild(make("h3", "", poll.question + (poll.open ? "" : " (" + T.poll_closed + ")")));
    var list = make("ul", "poll-options");
    for (var i = 0; i < poll.options.length; i++) {
      var option = poll.options[i];
      var item = make("li");
      if (!isTrainer && poll.open) {
        var choose = button(option.label, voteFor(poll.id, option.index),
          myVotes[poll.id] === option.index ? "button" : "button secondary");
        choose.setAttribute("aria-pressed", myVotes[poll.id] === option.index ? "true" : "false");
        item.appendChild(choose);
      } else {
        item.appendChild(make("span", "label", option.label));
      }
      item.appendChild(make("span", "votes", fmt(T.votes, { n: option.votes })));
      var bar = make("progress");
      bar.max = Math.max(poll.total, 1);
      bar.value = option.votes;
      item.appendChild(bar);
      list.appendChild(item);
    }
    block.appendChild(list);
    if (isTrainer && poll.open) {
      block.appendChild(button(T.close_poll, function () { send({ type: "poll.close", poll_id: poll.id }); }));
    }
    if (old) { box.replaceChild(block, old); } else { box.insertBefore(block, box.firstChild); }
  }

  function voteFor(pollId, index) {
    return function () { say("poll-error", ""); send({ type: "poll.vote", poll_id: pollId, option: index }); };
  }

  // --- The trainer's board -------------------------------------------------------------------------
  function renderBoard(rows) {
    clear($("board-body"));
    for (var i = 0; i < rows.length; i++) { renderRow(rows[i]); }
    show($("board-empty"), rows.length === 0);
  }

  function renderHandMark(row, raised) {
    var mark = row.querySelector(".hand-mark");
    if (mark) { mark.hidden = !raised; }
  }

  function renderRow(data) {
    var body = $("board-body");
    var old = $("board-" + data.user_id);
    var row = make("tr", data.stuck ? "stuck" : "");
    row.id = "board-" + data.user_id;
    row.setAttribute("data-row", JSON.stringify(data));
    var who = make("td");
    who.appendChild(make("strong", "", data.name));
    who.appendChild(make("span", "badge warn hand-mark", T.raise_hand));
    who.appendChild(make("span", "commune", data.commune));
    row.appendChild(who);
    var activity = data.activity;
    row.appendChild(make("td", "", activity ? topic(activity) : T.nowhere));
    row.appendChild(make("td", "", activity ? fmt(T.minutes, { n: minutes(activity.seconds) }) : ""));
    var state = make("td");
    if (data.stuck === "failures") {
      state.appendChild(make("span", "badge bad", fmt(T.stuck_failures, { n: activity.failed_checks })));
    } else if (data.stuck === "time") {
      state.appendChild(make("span", "badge bad", fmt(T.stuck_time, { n: minutes(activity.seconds) })));
    } else if (activity) {
      state.appendChild(make("span", "badge ok", T.working));
    }
    state.appendChild(make("span", "presence", data.present ? fmt(T.present, { n: minutes(data.seconds_present) }) : T.away));
    if (data.muted) { state.appendChild(make("span", "badge", T.muted_badge)); }
    row.appendChild(state);
    var actions = make("td", "actions");
    actions.appendChild(button(data.muted ? T.unmute : T.mute, function () {
      send({ type: data.muted ? "participant.unmute" : "participant.mute", user_id: data.user_id });
    }));
    actions.appendChild(button(T.remove, function () {
      if (window.confirm(fmt(T.confirm_remove, { name: data.name }))) {
        send({ type: "participant.remove", user_id: data.user_id });
      }
    }, "button danger"));
    row.appendChild(actions);
    if (old) { body.replaceChild(row, old); } else { body.appendChild(row); }
    renderHandMark(row, data.hand || !!$("hand-" + data.user_id));
    show($("board-empty"), false);
  }

  // --- Server messages, one handler per type -------------------------------------------------------
  var handlers = {
    session_state: function (m) {
      // The snapshot already holds everything numbered up to these positions.
      if (m.seq) {
        seqs = { session: m.seq.session, own: m.seq.own };
        known = { session: Math.min(known.session, seqs.session), own: Math.min(known.own, seqs.own) };
        drain("session");
        drain("own");
      }
      renderHands(m.hands);
      setHand(m.you.hand_raised);
      if (isTrainer) {
        clear($("help-queue"));
        show($("help-queue-empty"), true);
        renderBoard(m.board || []);
      } else {
        say("help-status", "");
        show($("help-cancel"), false);
        show($("help-form"), true);
        $("chat-body").disabled = m.you.muted;
        if (m.you.muted) { say("chat-error", T.muted); }
      }
      for (var i = 0; i < m.help.length; i++) { renderHelp(m.help[i]); }
      clear($("polls"));
      for (var j = m.polls.length - 1; j >= 0; j--) { renderPoll(m.polls[j]); }
      renderCard(m.card);
    },
    chat_history: function (m) {
      // On joining the backlog is shown quietly; a reconnection's catch-up ("replay") is new to the
      // reader and goes to the log.
      for (var i = 0; i < m.messages.length; i++) { renderChat(m.messages[i], !m.replay); }
    },
    chat_message: function (m) { renderChat(m.message); },
    hand_changed: function (m) { addHand(m.hand); },
    help_changed: function (m) {
      if (pendingHelp && m.request.official.id === me) { pendingHelp = false; $("help-note").value = ""; }
      renderHelp(m.request);
    },
    card_pushed: function (m) { renderCard(m.card); },
    poll_changed: function (m) {
      if (pendingPoll && isTrainer && !polls[m.poll.id]) {
        pendingPoll = false;
        $("poll-question").value = "";
        $("poll-options").value = "";
      }
      renderPoll(m.poll);
    },
    poll_voted: function (m) {
      myVotes[m.poll_id] = m.option;
      if (polls[m.poll_id]) { renderPoll(polls[m.poll_id]); }
    },
    board_update: function (m) { renderBoard(m.rows); },
    board_row: function (m) { renderRow(m.row); },
    board_drop: function (m) {
      var row = $("board-" + m.user_id);
      if (row) { row.parentNode.removeChild(row); }
      show($("board-empty"), $("board-body").childNodes.length === 0);
    },
    board_activity: function (m) {
      var row = $("board-" + m.user_id);
      if (!row) { return; }
      var data = JSON.parse(row.getAttribute("data-row"));
      data.activity = m.activity;
      data.stuck = m.stuck;
      renderRow(data);
    },
    moderation_muted: function (m) {
      $("chat-body").disabled = m.muted;
      say("chat-error", m.muted ? T.muted : T.unmuted);
    },
    moderation_removed: function () { stop(T.closed_4423); },
    session_ended: function () { stop(T.closed_4410); },
    heartbeat_ack: function (m) { behind(m.seq); },
    resync_done: function (m) {
      resyncing = false;
      if (m.more) { askNow(); } else if (gapped()) { askSoon(); }
    },
    error: function (m) {
      var target = {
        "chat.send": "chat-error", "help.ask": "help-error", "help.cancel": "help-error",
        "poll.create": "poll-error", "poll.vote": "poll-error", "poll.close": "poll-error", "card.push": "card-error"
      }[m.request] || "live-error";
      if (m.request === "chat.send") { pendingChat = false; }
      if (m.request === "help.ask") { pendingHelp = false; }
      if (m.request === "poll.create") { pendingPoll = false; }
      say($(target) ? target : "live-error", m.message);
    }
  };

  // --- What the user does --------------------------------------------------------------------------
  $("chat-form").onsubmit = function (event) {
    event.preventDefault();
    var body = $("chat-body").value;
    say("chat-error", "");
    if (body.replace(/\s+/g, "") === "") { return; }
    pendingChat = send({ type: "chat.send", body: body });
  };
  $("chat-body").onkeydown = function (event) {
    if (event.keyCode === 13 && !event.shiftKey) { event.preventDefault(); $("chat-form").onsubmit(event); }
  };

  if (!isTrainer) {
    $("hand-toggle").onclick = function () {
      send({ type: this.getAttribute("aria-pressed") === "true" ? "hand.lower" : "hand.raise" });
    };
    $("help-form").onsubmit = function (event) {
      event.preventDefault();
      say("help-error", "");
      pendingHelp = send({ type: "help.ask", note: $("help-note").value });
    };
    $("help-cancel").onclick = function () {
      send({ type: "help.cancel", request_id: parseInt(this.getAttribute("data-id"), 10) });
    };
  } else {
    $("poll-form").onsubmit = function (event) {
      event.preventDefault();
      say("poll-error", "");
      var options = $("poll-options").value.split(/\r?\n/);
      pendingPoll = send({ type: "poll.create", question: $("poll-question").value, options: options });
    };
    $("board-refresh").onclick = function () { send({ type: "board.refresh" }); };
    cardForm();
  }

  // The "send to everyone" form: only the chosen kind's fields are shown, and a step list holds only
  // the chosen item's steps (values "<item>|<step>"). Sent over the socket when it is open; else
  // the form is posted as it is without the script.
  function cardForm() {
    var form = $("card-form");
    var steps = {};
    function kind() {
      var checked = form.querySelector("input[name=kind]:checked");
      return checked ? checked.value : "";
    }
    function narrow(itemName) {
      var item = form.elements[itemName].value;
      var select = form.elements[itemName + "_step"];
      var chosen = select.value;
      var keep = [];
      steps[itemName].forEach(function (option) {
        if (option.value === "" || option.value.indexOf(item + "|") === 0) { keep.push(option); }
      });
      clear(select);
      keep.forEach(function (option) {
        var el = make("option", "", option.text);
        el.value = option.value;
        el.selected = option.value === chosen;
        select.appendChild(el);
      });
      show(select.parentNode, item !== "" && keep.length > 1);
    }
    function showKind() {
      var current = kind();
      Array.prototype.forEach.call(form.querySelectorAll(".card-kind-fields"), function (fields) {
        show(fields, fields.getAttribute("data-kind") === current);
      });
    }
    ["scenario", "lesson"].forEach(function (itemName) {
      var select = form.elements[itemName + "_step"];
      steps[itemName] = Array.prototype.map.call(select.querySelectorAll("option"), function (option) {
        return { value: option.value, text: option.textContent };
      });
      form.elements[itemName].onchange = function () { narrow(itemName); };
      narrow(itemName);
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (radio) {
      radio.onchange = showKind;
    });
    showKind();
    form.onsubmit = function (event) {
      if (!socket || socket.readyState !== 1) { return; }
      event.preventDefault();
      say("card-error", "");
      var current = kind();
      var itemName = current === "lesson" ? "lesson" : "scenario";
      var step = form.elements[itemName + "_step"].value;
      send({
        type: "card.push", kind: current,
        slug: current === "scenario" ? form.elements.scenario.value : "",
        lesson: current === "lesson" ? form.elements.lesson.value : "",
        step: step.indexOf("|") >= 0 ? step.slice(step.indexOf("|") + 1) : ""
      });
    };
  }

  connect();
}());
