// The emergency board refreshes itself every minute while it is in view, unless the reader turns
// that off (WCAG 2.2.1: a page that changes on its own lets its reader stop it). Without this
// script the page has its "Refresh now" link.
(function () {
  "use strict";
  var control = document.getElementById("auto-refresh");
  if (!control) {
    return;
  }
  var KEY = "board-refresh-off";
  control.parentElement.hidden = false;
  control.checked = window.sessionStorage.getItem(KEY) !== "1";
  control.addEventListener("change", function () {
    window.sessionStorage.setItem(KEY, control.checked ? "0" : "1");
  });
  var seconds = parseInt(control.getAttribute("data-seconds"), 10) || 60;
  window.setInterval(function () {
    if (control.checked && document.visibilityState === "visible") {
      window.location.reload();
    }
  }, seconds * 1000);
})();
