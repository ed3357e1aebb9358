// Small enhancements only; every page works without this file.
// The words it shows or speaks are written in English through t("…", {values}); a page in another
// language carries their translations in <script type="application/json" id="ui-text">.
var SuppleText = (function () {
  "use strict";
  var table = {};
  try {
    var element = document.getElementById("ui-text");
    if (element && element.textContent.trim()) table = JSON.parse(element.textContent);
  } catch (e) { table = {}; }
  return function (english, values) {
    var text = table[english] || english;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  };
})();
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
  // A looping figure can be stopped and started again (WCAG 2.2.2): SMIL animations pause as a whole.
  document.querySelectorAll(".exercise-figure").forEach(function (figure) {
    var drawing = figure.querySelector("svg.figure-animated");
    if (!drawing || typeof drawing.pauseAnimations !== "function") return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary figure-toggle";
    button.textContent = SuppleText("Pause the figure");
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var pausing = !drawing.animationsPaused();
      if (pausing) drawing.pauseAnimations(); else drawing.unpauseAnimations();
      button.textContent = SuppleText(pausing ? "Play the figure" : "Pause the figure");
      button.setAttribute("aria-pressed", pausing ? "true" : "false");
    });
    figure.appendChild(button);
  });
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
// Every page tries to send what is waiting when it loads and when the phone comes back online;
// while the phone is online but Supple can't be reached (it answers 503), it tries again after
// 5 s, then 10, 20… up to a minute.
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
  var busy = false, retryIn = 5000, retrying = null;
  function retryLater(navigate) {
    if (retrying) return;
    retrying = setTimeout(function () { retrying = null; send(navigate); }, retryIn);
    retryIn = Math.min(retryIn * 2, 60000);
  }
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
        say(SuppleText("Your answers are saved on this phone. Sign in again and they will be sent."));
        return false;
      }
      forget(pending);
      if (!response.ok) { window.location.assign("/session"); return false; } // e.g. an expired form: answer again
      if (navigate) window.location.assign(response.url); else window.location.reload();
      return true;
    }).catch(function () {
      busy = false;
      if (navigator.onLine === false) {
        say(SuppleText("Saved on this phone. It will be sent when you're back online."));
      } else {
        say(SuppleText("Saved on this phone. Supple can't be reached just now; it will keep trying to send it."));
        retryLater(navigate);
      }
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
  function show(index, moveFocus) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    var last = current === items.length - 1;
    form.querySelector(".actions").hidden = !last;
    // Opening the session leaves the page at its top, with "Stop — something's wrong" in view;
    // only moving between exercises scrolls.
    if (moveFocus) items[current].scrollIntoView({ block: "start" });
    // After Back or Next, focus goes to the new exercise's name, so a screen reader starts there.
    if (moveFocus) items[current].querySelector("h2").focus({ preventScroll: true });
    save();
  }
  items.forEach(function (item, index) {
    var nav = item.querySelector(".player-nav");
    nav.hidden = false;
    nav.querySelector(".player-back").hidden = index === 0;
    nav.querySelector(".player-next").hidden = index === items.length - 1;
    nav.querySelector(".player-back").addEventListener("click", function () { show(index - 1, true); });
    nav.querySelector(".player-next").addEventListener("click", function () { show(index + 1, true); });

    playDose(item, speed);
  });
  show(saved && saved.current ? saved.current : 0);

  // Hands-free cues at each change of state (hold, relax, change sides, done): the words on screen,
  // and, unless muted, spoken aloud, a short tone and a vibration. The screen stays awake while a
  // timer runs.
  var cues = (function () {
    var mutedKey = "supple-player-muted";
    var muted = false;
    try { muted = localStorage.getItem(mutedKey) === "yes"; } catch (e) {}
    var toggle = document.querySelector(".player-mute");
    function render() {
      toggle.textContent = SuppleText(muted ? "Sound and voice: off" : "Sound and voice: on");
      toggle.setAttribute("aria-pressed", muted ? "true" : "false");
    }
    if (toggle) {
      toggle.parentNode.hidden = false;
      render();
      toggle.addEventListener("click", function () {
        muted = !muted;
        try { localStorage.setItem(mutedKey, muted ? "yes" : "no"); } catch (e) {}
        if (muted && window.speechSynthesis) window.speechSynthesis.cancel();
        render();
      });
    }
    var audio = null, lock = null;
    function tone() {
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        var oscillator = audio.createOscillator(), gain = audio.createGain();
        oscillator.frequency.value = 660;
        gain.gain.value = 0.08;
        oscillator.connect(gain); gain.connect(audio.destination);
        oscillator.start(); oscillator.stop(audio.currentTime + 0.15);
      } catch (e) { /* no audio here: the words on screen still say it */ }
    }
    return {
      say: function (item, words) {
        item.querySelector(".timer-state").textContent = words;
        if (muted) return;
        tone();
        if (navigator.vibrate) navigator.vibrate(150);
        if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
          window.speechSynthesis.cancel();
          var utterance = new SpeechSynthesisUtterance(words);
          utterance.lang = document.documentElement.lang || "en";
          window.speechSynthesis.speak(utterance);
        }
      },
      awake: function (on) {
        if (on && !lock && navigator.wakeLock) {
          navigator.wakeLock.request("screen").then(function (held) { lock = held; }).catch(function () {});
        } else if (!on && lock) { lock.release().catch(function () {}); lock = null; }
      }
    };
  })();

  // Plays one exercise's dose as written: holds counted as "Hold 2 of 3 · 18 s", reps with the set,
  // left then right for per-side items, timed items in minutes and seconds. Where the dose gives a
  // range of seconds, the member picks the hold within it.
  function playDose(item, speed) {
    var timer = item.querySelector(".timer");
    var data = item.dataset;
    var hold = parseInt(data.hold || "0", 10);
    var holdMax = Math.max(hold, parseInt(data.holdMax || "0", 10));
    var reps = parseInt(data.reps || "0", 10);
    var sets = Math.max(1, parseInt(data.sets || "1", 10));
    var minutes = parseInt(data.minutes || "0", 10);
    var sides = data.perSide === "true" ? [SuppleText("Left side"), SuppleText("Right side")] : [""];
    var label = timer.querySelector(".timer-label");
    var count = timer.querySelector(".timer-count");
    var start = timer.querySelector(".timer-start");
    var add = timer.querySelector(".counter-add");
    var pause = timer.querySelector(".timer-pause");
    var restart = timer.querySelector(".timer-restart");
    var skip = timer.querySelector(".timer-skip");
    var afterRest = null;
    var paused = false;
    var choiceRow = timer.querySelector(".hold-choice");
    var choice = null;
    timer.hidden = false;

    // "3 holds of 20–30 seconds" is three holds, not one rep in three sets.
    var holdsOnly = hold > 0 && reps === 0;
    var perSet = holdsOnly ? sets : Math.max(1, reps);
    var setCount = holdsOnly ? 1 : sets;
    var steps = [];
    for (var set = 1; set <= setCount; set++) {
      sides.forEach(function (side) {
        for (var n = 1; n <= perSet; n++) steps.push({ set: set, side: side, n: n });
      });
    }
    var at = 0, ticking = null;

    function clock(seconds) {
      if (seconds < 60) return seconds + " s";
      var m = Math.floor(seconds / 60), rest = seconds % 60;
      return m + ":" + (rest < 10 ? "0" : "") + rest;
    }
    function where(step) {
      var parts = [];
      if (step.side) parts.push(step.side);
      parts.push(SuppleText(holdsOnly ? "Hold {n} of {total}" : "Rep {n} of {total}", { n: step.n, total: perSet }));
      if (setCount > 1) parts.push(SuppleText("set {n} of {total}", { n: step.set, total: setCount }));
      return parts.join(" · ");
    }
    function finished() {
      clearInterval(ticking);
      label.textContent = SuppleText("Done"); count.textContent = "";
      start.hidden = true; add.hidden = true; pause.hidden = true; skip.hidden = true;
      restart.hidden = false;
      if (choiceRow) choiceRow.hidden = true;
      cues.say(item, SuppleText("Done"));
      cues.awake(false);
    }
    // Pause keeps the count where it is; Start again goes back to the first hold or rep.
    pause.addEventListener("click", function () {
      paused = !paused;
      pause.textContent = SuppleText(paused ? "Resume" : "Pause");
      cues.say(item, SuppleText(paused ? "Paused" : "Carry on"));
      cues.awake(!paused);
    });
    restart.addEventListener("click", function () {
      clearInterval(ticking);
      at = 0; paused = false; afterRest = null; skip.hidden = true;
      pause.textContent = SuppleText("Pause"); pause.hidden = true; restart.hidden = true;
      count.textContent = "";
      label.textContent = minutes > 0 && !(hold > 0) ? clock(minutes * 60) : where(steps[0]);
      start.hidden = !(hold > 0 || minutes > 0); start.disabled = false;
      add.hidden = hold > 0 || minutes > 0;
      if (choice) { choiceRow.hidden = false; choice.disabled = false; }
      start.focus();
    });
    function running() { pause.hidden = false; restart.hidden = false; cues.awake(true); }
    // A rest between holds or sides can be skipped; the next hold starts at once.
    skip.addEventListener("click", function () {
      if (!afterRest) return;
      var next = afterRest;
      afterRest = null; skip.hidden = true;
      clearInterval(ticking);
      next();
    });
    function rest(seconds, then) {
      afterRest = then; skip.hidden = false;
      countdown(seconds, function () { afterRest = null; skip.hidden = true; then(); });
    }
    function countdown(seconds, then) {
      var left = seconds;
      count.textContent = clock(left);
      clearInterval(ticking);
      ticking = setInterval(function () {
        if (paused) return;
        left -= 1;
        count.textContent = clock(Math.max(left, 0));
        if (left <= 0) { clearInterval(ticking); then(); }
      }, 1000 / speed);
    }
    function chosenHold() { return choice ? parseInt(choice.value, 10) || hold : hold; }

    if (hold > 0) {
      if (holdMax > hold && choiceRow) {
        choiceRow.hidden = false;
        choice = choiceRow.querySelector("select");
        var stride = holdMax - hold > 10 ? 5 : 1;
        for (var value = hold; value <= holdMax; value += stride) {
          var option = document.createElement("option");
          option.value = value; option.textContent = SuppleText("{seconds} seconds", { seconds: value });
          choice.appendChild(option);
        }
        choice.value = String(hold);
      }
      label.textContent = where(steps[0]);
      start.addEventListener("click", function () {
        start.disabled = true;
        if (choice) choice.disabled = true;
        running();
        pause.focus();
        (function holdOnce() {
          label.textContent = SuppleText("Hold") + " · " + where(steps[at]);
          cues.say(item, label.textContent);
          countdown(chosenHold(), function () {
            at += 1;
            if (at >= steps.length) { finished(); return; }
            var next = steps[at], switching = next.side !== steps[at - 1].side;
            label.textContent = SuppleText(switching ? "Change sides" : "Relax") + " · " + where(next);
            cues.say(item, SuppleText(switching ? "Change sides" : "Relax"));
            rest(switching ? 5 : 3, holdOnce);
          });
        })();
      });
    } else if (minutes > 0) {
      label.textContent = sides[0] ? sides[0] + " · " + clock(minutes * 60) : clock(minutes * 60);
      start.addEventListener("click", function () {
        start.disabled = true;
        running();
        pause.focus();
        (function side(index) {
          if (sides[index]) label.textContent = sides[index];
          cues.say(item, sides[index] ? (index > 0 ? SuppleText("Change sides") + ". " : "") + sides[index] : SuppleText("Go"));
          countdown(minutes * 60, function () {
            if (index + 1 < sides.length) side(index + 1); else finished();
          });
        })(0);
      });
    } else {
      start.hidden = true;
      add.hidden = false;
      label.textContent = where(steps[0]);
      add.addEventListener("click", function () {
        at += 1;
        if (at >= steps.length) { finished(); return; }
        label.textContent = where(steps[at]);
      });
    }
  }
})();
