// Behaviour shared by every page. Loaded as a file (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  // Progress bars: their width comes from data-percent, since inline styles are not allowed.
  function drawProgress(root) {
    root.querySelectorAll("[data-percent]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.percent) || 0)) + "%";
    });
  }

  // Buttons and forms with data-confirm ask before they act.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // Print buttons (inline onclick handlers are not allowed by the CSP).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });

  // Filter forms submit as the person types or picks, through HTMX.
  document.addEventListener("DOMContentLoaded", function () { drawProgress(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawProgress(event.target); });

  // "Chọn tất cả" beside a checklist: ticks every box in its target, or clears them when all are ticked.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-check-all]");
    if (!button) { return; }
    var boxes = document.querySelectorAll(button.getAttribute("data-check-all") + " input[type=checkbox]");
    var all = Array.prototype.every.call(boxes, function (box) { return box.checked; });
    boxes.forEach(function (box) { box.checked = !all; });
  });

  // File pickers (core/forms/file_picker.html): the chosen file's name beside the button.
  document.addEventListener("change", function (event) {
    var picker = event.target.closest("[data-file-picker]");
    if (!picker || event.target.type !== "file") { return; }
    var shown = picker.querySelector("[data-file-name]");
    var names = Array.prototype.map.call(event.target.files, function (file) { return file.name; });
    shown.textContent = names.length ? names.join(", ") : shown.getAttribute("data-empty");
    shown.classList.toggle("text-secondary", !names.length);
  });

  // HTMX sends the CSRF token with every request it makes.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name=csrf-token]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.content; }
  });
})();
