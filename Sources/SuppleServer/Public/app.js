// Small enhancements only; every page works without this file.
(function () {
  "use strict";
  // Pre-select the browser's time zone on forms that ask for one, unless the person chose already.
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  if (zone) {
    document.querySelectorAll("select[data-default-time-zone]").forEach(function (select) {
      if (select.dataset.chosen === "true") return;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === zone) { select.selectedIndex = i; break; }
      }
    });
  }
  // Copy buttons for one-time links shown to admins.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.dataset.copy);
      if (target && navigator.clipboard) {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () { button.textContent = "Copied"; });
      }
    });
  });
})();

// The session outbox: a finished session's answers wait here until the server confirms them.
// Every page tries to send what is waiting when it loads and when the phone comes back online.
var SuppleOutbox = (function () {
  "use strict";
  var key = "supple-session-outbox";
  function read() { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } }
  function forget(pending) {
    try { localStorage.removeItem(key); if (pending.answers) localStorage.removeItem(pending.answers); } catch (e) {}
  }
  function say(text) {
    var status = document.querySelector(".send-status");
    if (!status) return;
    status.textContent = text;
    status.hidden = false;
  }
  var busy = false;
  // Resolves true once the server has the session (and, if `navigate`, opens the page it answered).
  function send(navigate) {
    var pending = read();
    if (!pending || busy || !window.fetch) return Promise.resolve(false);
    busy = true;
    return fetch("/session", {
      method: "POST", body: pending.body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) {
      busy = false;
      if (response.status >= 500) throw new Error("server unavailable");
      if (response.url.indexOf("/signin") >= 0) {
        say("Your answers are saved on this phone. Sign in again and they will be sent.");
        return false;
      }
      forget(pending);
      if (!response.ok) { window.location.assign("/session"); return false; } // e.g. an expired form: answer again
      if (navigate) window.location.assign(response.url); else window.location.reload();
      return true;
    }).catch(function () {
      busy = false;
      say("Saved on this phone. It will be sent when you're back online.");
      return false;
    });
  }
  window.addEventListener("online", function () { send(!!document.querySelector(".session-player")); });
  // A session left waiting: send it now if we can (from the player, then open the page it answers).
  if (read()) send(!!document.querySelector(".session-player"));
  return { put: function (pending) { try { localStorage.setItem(key, JSON.stringify(pending)); } catch (e) {} }, send: send };
})();

// Session player: one exercise at a time with a hold countdown and a rep counter, entirely in the
// browser once the page has loaded. Without this script the page is a checklist form.
(function () {
  "use strict";
  var form = document.querySelector(".session-player");
  if (!form) return;
  var items = Array.prototype.slice.call(form.querySelectorAll(".session-item"));
  if (!items.length) return;
  var speed = Math.max(1, parseInt(form.dataset.speed || "1", 10));
  var current = 0;
  // Pause and resume: answers and the current exercise are kept on this device until the
  // session is finished, so leaving the page loses nothing.
  var store = "supple-session-" + new Date().toDateString();
  function save() {
    try {
      var answers = {};
      form.querySelectorAll("input[type=radio]:checked, input[type=checkbox]:checked").forEach(function (input) {
        answers[input.name] = input.value;
      });
      localStorage.setItem(store, JSON.stringify({ answers: answers, current: current }));
    } catch (e) { /* storage unavailable: the session still works, it just cannot resume */ }
  }
  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(store) || "null"); } catch (e) { saved = null; }
  if (saved && saved.answers) {
    Object.keys(saved.answers).forEach(function (name) {
      var input = form.querySelector("input[name='" + name + "'][value='" + saved.answers[name] + "']");
      if (input) input.checked = true;
    });
  }
  form.addEventListener("change", save);
  // Finishing sends the answers and keeps them on this phone until the server has them: offline,
  // or with the server unreachable, they wait in an outbox and go when the phone is back online.
  // The form's idempotency key makes a repeat send record the session once.
  form.addEventListener("submit", function (event) {
    if (!window.fetch || !window.URLSearchParams || !window.FormData) return; // a plain form post
    event.preventDefault();
    var sending = form.querySelector("button[type=submit]");
    if (sending) sending.disabled = true;
    SuppleOutbox.put({ body: new URLSearchParams(new FormData(form)).toString(), answers: store });
    SuppleOutbox.send(true).then(function (sent) { if (!sent && sending) sending.disabled = false; });
  });
  form.classList.add("playing");
  function show(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    var last = current === items.length - 1;
    form.querySelector(".actions").hidden = !last;
    items[current].scrollIntoView({ block: "start" });
    save();
  }
  items.forEach(function (item, index) {
    var nav = item.querySelector(".player-nav");
    nav.hidden = false;
    nav.querySelector(".player-back").hidden = index === 0;
    nav.querySelector(".player-next").hidden = index === items.length - 1;
    nav.querySelector(".player-back").addEventListener("click", function () { show(index - 1); });
    nav.querySelector(".player-next").addEventListener("click", function () { show(index + 1); });

    var timer = item.querySelector(".timer");
    var hold = parseInt(item.dataset.hold || "0", 10);
    var reps = Math.max(1, parseInt(item.dataset.reps || "0", 10) || 1);
    var sets = Math.max(1, parseInt(item.dataset.sets || "1", 10));
    var minutes = parseInt(item.dataset.minutes || "0", 10);
    var label = timer.querySelector(".timer-label");
    var count = timer.querySelector(".timer-count");
    var start = timer.querySelector(".timer-start");
    var add = timer.querySelector(".counter-add");
    var rep = 0, set = 1, ticking = null;
    timer.hidden = false;
    function progressText() { return "Rep " + Math.min(rep + 1, reps) + " of " + reps + (sets > 1 ? ", set " + set + " of " + sets : ""); }
    function finished() { label.textContent = "Done"; count.textContent = ""; start.hidden = true; add.hidden = true; }
    function nextRep() {
      rep += 1;
      if (rep >= reps) { rep = 0; set += 1; }
      if (set > sets) { finished(); return false; }
      return true;
    }
    function countdown(seconds, then) {
      var left = seconds;
      count.textContent = left + " s";
      clearInterval(ticking);
      ticking = setInterval(function () {
        left -= 1;
        count.textContent = Math.max(left, 0) + " s";
        if (left <= 0) { clearInterval(ticking); then(); }
      }, 1000 / speed);
    }
    if (hold > 0) {
      label.textContent = progressText();
      start.addEventListener("click", function () {
        start.disabled = true;
        (function holdOnce() {
          label.textContent = "Hold · " + progressText();
          countdown(hold, function () {
            if (!nextRep()) return;
            label.textContent = "Relax · " + progressText();
            countdown(3, holdOnce);
          });
        })();
      });
    } else if (minutes > 0) {
      label.textContent = minutes + " minute" + (minutes === 1 ? "" : "s");
      start.addEventListener("click", function () {
        start.disabled = true;
        countdown(minutes * 60, finished);
      });
    } else {
      start.hidden = true;
      add.hidden = false;
      label.textContent = progressText();
      add.addEventListener("click", function () { if (nextRep()) { label.textContent = progressText(); } });
    }
  });
  show(saved && saved.current ? saved.current : 0);
})();
