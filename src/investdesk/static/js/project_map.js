// The project map: markers of the filtered list coloured by status, on the tile server the
// settings name, or on a plain background when none is set (an intranet with no map server).
(function () {
  "use strict";
  var box = document.getElementById("project-map");
  if (!box || !window.L) { return; }
  // The colours of .map-status-* in investdesk.css.
  var colours = {
    preparing: "#868e96", implementing: "#206bc4", operating: "#2fb344",
    suspended: "#f59f00", terminated: "#d63939", revoked: "#7a1f1f"
  };
  var map = window.L.map(box, { preferCanvas: true }).setView([12.25, 109.1], 9);  // Khánh Hòa
  if (box.dataset.tileUrl) {
    window.L.tileLayer(box.dataset.tileUrl, { maxZoom: 18 }).addTo(map);
  }
  var note = document.getElementById("project-map-note");

  function popup(marker) {
    // Built as elements, never as HTML: a project's name is text typed by people.
    var content = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.code;
    content.appendChild(link);
    content.appendChild(document.createElement("br"));
    content.appendChild(document.createTextNode(marker.name));
    return content;
  }

  fetch(box.dataset.markersUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var points = [];
      (data.markers || []).forEach(function (marker) {
        var dot = window.L.circleMarker([marker.lat, marker.lng], {
          radius: 7, weight: 1, color: "#1d273b", fillColor: colours[marker.status] || "#868e96", fillOpacity: 0.9
        });
        dot.bindPopup(popup(marker)).addTo(map);
        points.push([marker.lat, marker.lng]);
      });
      if (points.length) {
        map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
      } else if (note) {
        note.textContent = box.dataset.empty;
      }
      if (data.truncated && note) { note.textContent = box.dataset.truncated; }
      box.setAttribute("data-markers", String(points.length));
    });
})();
