// The on-time dashboard: resolved dossiers per month (stacked) with the on-time rate and the target.
(function () {
  "use strict";
  var canvas = document.querySelector("[data-chart=monthly]");
  var source = document.getElementById("dashboard-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  var months = data.monthly.map(function (m) { return m.month; });
  var lang = document.documentElement.lang;
  var labels = lang === "en"
    ? { early: "Early", onTime: "On time", late: "Late", rate: "On-time rate (%)", target: "Target" }
    : { early: "Trước hạn", onTime: "Đúng hạn", late: "Quá hạn", rate: "Tỷ lệ đúng hạn (%)", target: "Mục tiêu" };
  new window.Chart(canvas, {
    data: {
      labels: months,
      datasets: [
        { type: "bar", label: labels.early, data: data.monthly.map(function (m) { return m.early; }), backgroundColor: "#2fb344", stack: "s" },
        { type: "bar", label: labels.onTime, data: data.monthly.map(function (m) { return m.on_time; }), backgroundColor: "#4299e1", stack: "s" },
        { type: "bar", label: labels.late, data: data.monthly.map(function (m) { return m.late; }), backgroundColor: "#d63939", stack: "s" },
        { type: "line", label: labels.rate, data: data.monthly.map(function (m) { return m.rate; }), yAxisID: "rate", borderColor: "#1d273b", tension: 0.2 },
        { type: "line", label: labels.target, data: months.map(function () { return data.target; }), yAxisID: "rate", borderColor: "#f59f00", borderDash: [6, 4], pointRadius: 0 }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { stacked: true, beginAtZero: true },
        x: { stacked: true },
        rate: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } }
      }
    }
  });
  canvas.setAttribute("data-rendered", "true");
})();
