// Search-box autocomplete: an ARIA 1.2 combobox with a listbox popup.
// Debounced fetches; Arrow keys move, Enter opens the active suggestion, Escape closes.
(function () {
  "use strict";
  var DEBOUNCE_MS = 180;

  function setup(box) {
    var input = box.querySelector(".search-combobox__input");
    var list = box.querySelector("[role=listbox]");
    var url = box.getAttribute("data-autocomplete-url");
    if (!input || !list || !url || box.dataset.ready) return;
    box.dataset.ready = "1";
    // The page serves a plain search box, which works without JavaScript. A combobox must be a
    // text input (ARIA in HTML forbids the role on type=search), so it becomes one only here,
    // keeping the search key on phone keyboards.
    input.type = "text";
    input.inputMode = "search";
    input.enterKeyHint = "search";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var timer = null, active = -1, items = [], controller = null, lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (el, i) { el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function render(results) {
      items = results;
      list.textContent = "";
      if (!results.length) { close(); return; }
      results.forEach(function (result, i) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "search-combobox__option";
        var link = document.createElement("a");
        link.href = result.url;
        link.tabIndex = -1;
        link.textContent = result.title;
        var type = document.createElement("span");
        type.className = "search-combobox__type";
        type.textContent = result.type;
        link.appendChild(document.createTextNode(" "));
        link.appendChild(type);
        li.appendChild(link);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { window.location.href = result.url; });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }
    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) { render([]); return; }
      if (controller) controller.abort();
      controller = "AbortController" in window ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.results || []); })
        .catch(function () { /* offline or aborted: the plain search form still works */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { lastQuery = ""; fetchSuggestions(); return; }
        highlight(Math.min(active + 1, items.length - 1));
      } else if (event.key === "ArrowUp") {
        if (open) { event.preventDefault(); highlight(Math.max(active - 1, -1)); }
      } else if (event.key === "Enter") {
        if (open && active >= 0 && items[active]) {
          event.preventDefault();
          window.location.href = items[active].url;
        }
      } else if (event.key === "Escape") {
        // Stop here so the header's Escape-closes-the-menu handler leaves the mobile menu open.
        if (open) { event.preventDefault(); event.stopPropagation(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function init() { document.querySelectorAll(".search-combobox").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
