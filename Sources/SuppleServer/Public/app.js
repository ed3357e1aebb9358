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
