// Shared behaviour: dd/mm/yyyy date pickers on inputs marked data-datepicker.
(function () {
  function initDates(root) {
    if (!window.flatpickr) return;
    var lang = document.documentElement.lang === "vi" ? "vn" : "default";
    root.querySelectorAll("input[data-datepicker]").forEach(function (input) {
      if (input._flatpickr) return;
      window.flatpickr(input, { dateFormat: "d/m/Y", allowInput: true, locale: lang });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { initDates(document); });
  document.body && document.body.addEventListener("htmx:afterSwap", function (e) { initDates(e.target); });
})();
