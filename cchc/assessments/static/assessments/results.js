// Results page: a ranking bar chart and a domain heatmap per ranking group (data from json_script).
(function () {
  var source = document.getElementById("results-charts");
  if (!source || !window.echarts) return;
  var lang = document.documentElement.lang || "vi";
  var fmt = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var charts = [];
  JSON.parse(source.textContent).forEach(function (g) {
    var bar = document.getElementById("bar-" + g.id);
    if (bar) {
      var c = echarts.init(bar);
      c.setOption({
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: "value", max: 100 },
        yAxis: { type: "category", data: g.units, inverse: true },
        tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt.format(v) + "%"; } },
        series: [{ type: "bar", data: g.index, itemStyle: { color: "#15315b" },
                   label: { show: true, position: "right", formatter: function (p) { return fmt.format(p.value); } } }]
      });
      charts.push(c);
    }
    var heat = document.getElementById("heat-" + g.id);
    if (heat) {
      var h = echarts.init(heat);
      h.setOption({
        grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
        xAxis: { type: "category", data: g.domains },
        yAxis: { type: "category", data: g.units, inverse: true },
        visualMap: { min: 0, max: 100, orient: "horizontal", left: "center", bottom: 0, calculable: false,
                     inRange: { color: ["#b2182b", "#f7f7f7", "#2166ac"] } },
        tooltip: { formatter: function (p) { return g.units[p.value[1]] + " · " + g.domains[p.value[0]] + ": " + (p.value[2] === null ? "–" : fmt.format(p.value[2]) + "%"); } },
        series: [{ type: "heatmap", data: g.heat, label: { show: g.units.length <= 25, formatter: function (p) { return p.value[2] === null ? "–" : Math.round(p.value[2]); } } }]
      });
      charts.push(h);
    }
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
