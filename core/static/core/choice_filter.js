/* Long checkbox lists (core.forms.FilterableCheckboxSelectMultiple): a text box above the
   list hides the choices that do not match what is typed; checked choices always stay visible.
   The number of matches is announced politely. */
(function () {
  "use strict";
  document.querySelectorAll("[data-choice-filter]").forEach(function (box, index) {
    var list = box.firstElementChild;
    if (!list) return;
    var options = Array.prototype.slice.call(list.querySelectorAll("label"));
    var wrapper = document.createElement("div");
    wrapper.className = "choice-filter__search";
    var label = document.createElement("label");
    var input = document.createElement("input");
    var status = document.createElement("p");
    input.type = "search";
    input.id = "choice-filter-" + index;
    input.autocomplete = "off";
    label.htmlFor = input.id;
    label.textContent = box.getAttribute("data-label-filter");
    status.className = "choice-filter__status";
    status.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", input.id + "-status");
    status.id = input.id + "-status";
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    box.insertBefore(wrapper, list);
    var timer = null;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase();
      var shown = 0;
      options.forEach(function (option) {
        var checkbox = option.querySelector("input");
        var match = !query || option.textContent.toLocaleLowerCase().indexOf(query) !== -1 || (checkbox && checkbox.checked);
        var item = option.parentElement === list ? option : option.parentElement;
        item.hidden = !match;
        if (match) shown += 1;
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        status.textContent = query
          ? box.getAttribute(shown === 1 ? "data-label-shown-one" : "data-label-shown-other").replace("__count__", shown)
          : "";
      }, 400);
    });
    /* Enter in the filter must not send the form. */
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  });
})();
