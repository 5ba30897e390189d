/* Policy Lab Commons: the only script the public site needs.
   Mobile menu toggle. The menu is open by default; the stylesheet collapses it on small screens
   only when <html> has the "js" class, so without JavaScript every link stays reachable. */
(function () {
  "use strict";
  var toggle = document.querySelector(".nav-toggle");
  var nav = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!nav) {
    return;
  }
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();

/* Filter panels (<details data-collapse-on-mobile>) arrive folded; where the sidebar fits, the
   stylesheet already shows their content. Marking them open there changes nothing on screen (no
   layout shift) but tells assistive technology the truth. */
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 56em)").matches) {
    return;
  }
  document.querySelectorAll("details[data-collapse-on-mobile]").forEach(function (panel) {
    panel.open = true;
  });
})();

/* Tab bars (.tabs) scroll sideways on a phone; bring the current tab into view, so a page of the
   fifth tab does not open with its own tab hidden off-screen. Scrolls the bar only, never the page. */
(function () {
  "use strict";
  document.querySelectorAll(".tabs").forEach(function (bar) {
    var current = bar.querySelector("[aria-current], [aria-selected='true']");
    if (!current || bar.scrollWidth <= bar.clientWidth) {
      return;
    }
    var barBox = bar.getBoundingClientRect();
    var tabBox = current.getBoundingClientRect();
    bar.scrollLeft += tabBox.left - barBox.left - (barBox.width - tabBox.width) / 2;
  });
})();

/* Behaviours templates ask for with data attributes (no inline handlers: the
   Content-Security-Policy allows only these static scripts).
   - <select data-submit-on-change> sends its form when a choice is made (not while arrow keys move it);
   - #results: focus moves to that heading when the address names it;
   - <button data-print> opens the print dialog;
   - <form data-confirm="question"> asks first, then disables its button against double submits. */
(function () {
  "use strict";
  // Arrow, Home/End and letter keys change a closed select at once; sending the form then would
  // leave the page before the person reached the option they want (WCAG 3.2.2). A choice made in
  // the open list (pointer, or Enter there) sends at once; keys only move it, and Enter sends.
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    var keyHeld = false;
    var chosen = select.value;
    function send() {
      if (select.form && select.value !== chosen) select.form.requestSubmit();
    }
    select.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        send();
      } else {
        keyHeld = true;
      }
    });
    select.addEventListener("keyup", function () {
      keyHeld = false;
    });
    select.addEventListener("change", function () {
      if (!keyHeld) send();
    });
  });
  // A results page reached from its filters or sort (#results) puts focus on the results
  // heading, so the next Tab goes on from there and a screen reader reads the new count.
  var results = window.location.hash === "#results" && document.getElementById("results");
  if (results) results.focus({ preventScroll: true });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
        return;
      }
      var button = form.querySelector("button");
      if (button) button.disabled = true;
    });
  });
})();
