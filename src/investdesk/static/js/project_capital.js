// The project page's capital chart: registered capital (in force at each year's end) and the
// capital realised in the year as bars, the running total realised as a line.
(function () {
  "use strict";
  var canvas = document.querySelector("[data-chart=capital]");
  var source = document.getElementById("capital-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    data: {
      labels: data.years,
      datasets: [
        { type: "bar", label: data.labels[0], data: data.registered, backgroundColor: "#4299e1" },
        { type: "bar", label: data.labels[1], data: data.realised, backgroundColor: "#2fb344" },
        { type: "line", label: data.labels[2], data: data.cumulative, borderColor: "#1d273b", tension: 0.2 }
      ]
    },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
  });
  canvas.setAttribute("data-rendered", "true");
})();
