/* Rasd: progressive enhancement only. Every page works without this file. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // A facet checkbox submits the search form at once (without JS: the Apply button).
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-autosubmit]") || !input.form) {
      return;
    }
    if (input.form.requestSubmit) {
      input.form.requestSubmit();
    } else {
      input.form.submit();
    }
  });

  // Compare names the way the search does, roughly: no diacritics or tatweel, one alif,
  // ى = ي, ة = ه, case-insensitive.
  function fold(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064A")
      .replace(/\u0629/g, "\u0647")
      .toLowerCase();
  }

  // Long facet lists get a box that hides the options not matching what is typed.
  function enableListFilter(box) {
    var input = box.querySelector("input");
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) {
      return;
    }
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      list.querySelectorAll("[data-filter-text]").forEach(function (item) {
        var text = fold(item.getAttribute("data-filter-text"));
        item.hidden = wanted !== "" && text.indexOf(wanted) === -1;
      });
      list.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-text]:not([hidden])");
      });
    });
  }

  document.querySelectorAll("[data-filter-box]").forEach(enableListFilter);

  // Back and forward may bring a page back with the boxes the reader ticked before
  // leaving it. The URL is the truth: put the controls back as the server drew them.
  window.addEventListener("pageshow", function (event) {
    var entry = performance.getEntriesByType("navigation")[0];
    var form = document.getElementById("search-form");
    if (form && (event.persisted || (entry && entry.type === "back_forward"))) {
      form.reset();
    }
  });
})();
