(function () {
  var el = document.getElementById("chart-units");
  var data = document.getElementById("chart-units-data");
  if (!el || !data || !window.echarts) return;
  var d = JSON.parse(data.textContent);
  var chart = echarts.init(el);
  chart.setOption({
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: d.labels, inverse: true },
    tooltip: { trigger: "axis", valueFormatter: function (v) { return new Intl.NumberFormat(document.documentElement.lang).format(v); } },
    series: [{ type: "bar", data: d.values, itemStyle: { color: "#15315b" }, label: { show: true, position: "right" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
