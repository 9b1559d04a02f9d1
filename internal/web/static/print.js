// Spil: a print view tells the server when it is printed, so the audit
// trail says "printed" only when the user prints, and opening the page
// stays a view. The print button shows only where this script runs.
(function () {
  "use strict";
  var doc = document.querySelector("[data-printed-url]");
  if (!doc) {
    return;
  }
  var url = doc.getAttribute("data-printed-url");
  window.addEventListener("beforeprint", function () {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) {
      return;
    }
    fetch(url, { method: "POST", credentials: "same-origin", keepalive: true });
  });
  var button = document.getElementById("print-button");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
