// Quick exit: leave for a neutral site at once, replacing this page in the history so
// the back button does not bring it back. Pressing Escape three times does the same.
(function () {
  "use strict";
  var control = document.getElementById("quick-exit");
  if (!control) {
    return;
  }
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.innerHTML = "";
    window.location.replace(control.getAttribute("href"));
  }
  control.addEventListener("click", leave);
  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1500);
    if (presses >= 3) {
      leave();
    }
  });
})();
