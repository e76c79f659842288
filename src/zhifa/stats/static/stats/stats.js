// 统计分析驾驶舱: draws each chart from the JSON of the page (the numbers are also in the tables) and
// binds the print button. Loaded after echarts (both deferred, in order).
(function () {
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var blob = document.getElementById("stats-charts");
    if (!blob || !window.echarts) return;
    var data = JSON.parse(blob.textContent);
    var charts = [];
    data.charts.forEach(function (c) {
      var el = document.getElementById(c.id);
      if (!el) return;
      var chart = window.echarts.init(el);
      var option = c.pie ? {
        tooltip: { trigger: "item" },
        legend: { bottom: 0, type: "scroll" },
        series: [{ type: "pie", radius: ["35%", "65%"], data: c.labels.map(function (l, i) { return { name: l, value: c.values[i] }; }) }]
      } : {
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 16, top: 16, bottom: 60 },
        xAxis: { type: "category", data: c.labels, axisLabel: { interval: 0, rotate: c.labels.length > 4 ? 30 : 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: c.values }]
      };
      chart.setOption(option);
      charts.push(chart);
    });
    var t = data.trend, el = document.getElementById(t.id);
    if (el) {
      var chart = window.echarts.init(el);
      chart.setOption({
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 60, right: 60, top: 40, bottom: 30 },
        xAxis: { type: "category", data: t.months },
        yAxis: [{ type: "value", minInterval: 1 }, { type: "value", name: "元" }],
        series: t.series.map(function (s, i) {
          var money = s.name.indexOf("元") >= 0;
          return { name: s.name, type: money ? "bar" : "line", yAxisIndex: money ? 1 : 0, data: s.values };
        })
      });
      charts.push(chart);
    }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
