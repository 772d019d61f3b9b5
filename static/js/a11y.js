// Text size and contrast preferences, applied before first paint to avoid a flash.
(function () {
  var root = document.documentElement;
  var scale = parseFloat(localStorage.getItem("cchc-font-scale") || "1");
  root.style.setProperty("--cchc-font-scale", String(scale));
  if (localStorage.getItem("cchc-contrast") === "high") root.classList.add("hc");
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-a11y]");
    if (!button) return;
    var action = button.getAttribute("data-a11y");
    if (action === "larger" || action === "smaller") {
      scale = Math.min(1.5, Math.max(0.85, scale + (action === "larger" ? 0.1 : -0.1)));
      scale = Math.round(scale * 100) / 100;
      root.style.setProperty("--cchc-font-scale", String(scale));
      localStorage.setItem("cchc-font-scale", String(scale));
    } else if (action === "contrast") {
      var on = root.classList.toggle("hc");
      localStorage.setItem("cchc-contrast", on ? "high" : "normal");
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  });
})();
