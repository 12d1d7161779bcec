// Saving the project list's filters: the list filters in place (htmx pushes the new address), so
// the filters to keep are read from the address when the form is sent, not from the first load.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-saved-filter]");
    if (!form) { return; }
    form.querySelector("input[name=query]").value = window.location.search.replace(/^\?/, "");
  });
})();
