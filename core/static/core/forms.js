/* Public forms. Markdown editor (core.forms.MarkdownTextarea), progressive enhancement:
   - a live "N of MAX characters" count in the hint the page already shows (aria-live polite,
     updated after typing pauses so screen readers are not flooded);
   - Write / Preview tabs; the preview is rendered by the server's sanitiser (POST with the
     form's CSRF token to data-preview-url) and inserted as the sanitised fragment it returns.
   Without JavaScript the hint says "Up to MAX characters" and the form's Preview button works. */
(function () {
  "use strict";
  var editors = document.querySelectorAll("[data-markdown-editor]");
  if (!editors.length || !window.fetch) return;
  var counter = 0;

  function setUpCount(editor, textarea) {
    var max = parseInt(editor.getAttribute("data-max-length"), 10);
    var count = editor.querySelector(".markdown-editor__count");
    if (!max || !count) return;
    var timer = null;
    function update() {
      var length = textarea.value.length;
      var template = length > max ? "data-count-over" : length === 1 ? "data-count-one" : "data-count-other";
      count.textContent = editor.getAttribute(template).replace("__count__", length.toLocaleString());
      count.classList.toggle("markdown-editor__count--over", length > max);
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);
    });
    if (textarea.value.length) update();
  }

  function setUpTabs(editor, textarea) {
    counter += 1;
    var base = (textarea.id || "markdown-" + counter) + "-";
    var form = textarea.form;
    var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!token) return;
    var tabs = document.createElement("div");
    tabs.className = "markdown-editor__tabs";
    tabs.setAttribute("role", "tablist");
    var write = makeTab(editor.getAttribute("data-label-write"), base + "write", true);
    var preview = makeTab(editor.getAttribute("data-label-preview"), base + "preview", false);
    tabs.appendChild(write);
    tabs.appendChild(preview);
    var panel = document.createElement("div");
    panel.className = "markdown-editor__preview prose";
    panel.id = base + "preview-panel";
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", preview.id);
    panel.setAttribute("tabindex", "0");
    panel.hidden = true;
    write.setAttribute("aria-controls", textarea.id);
    preview.setAttribute("aria-controls", panel.id);
    editor.insertBefore(tabs, textarea);
    textarea.insertAdjacentElement("afterend", panel);
    var stale = editor.querySelector(".markdown-editor__preview--static");
    if (stale) stale.remove();

    function select(showPreview) {
      write.setAttribute("aria-selected", showPreview ? "false" : "true");
      preview.setAttribute("aria-selected", showPreview ? "true" : "false");
      write.tabIndex = showPreview ? -1 : 0;
      preview.tabIndex = showPreview ? 0 : -1;
      textarea.hidden = showPreview;
      panel.hidden = !showPreview;
      if (showPreview) load();
    }
    function message(text) {
      panel.textContent = "";
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = text;
      panel.appendChild(p);
    }
    function load() {
      if (!textarea.value.trim()) {
        message(editor.getAttribute("data-label-empty"));
        return;
      }
      message(editor.getAttribute("data-label-loading"));
      var body = new FormData();
      body.append("text", textarea.value);
      body.append("max_length", editor.getAttribute("data-max-length") || "");
      fetch(editor.getAttribute("data-preview-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value },
      })
        .then(function (response) {
          return response.text().then(function (text) {
            if (response.status === 413) return message(text);
            if (!response.ok) throw new Error(response.status);
            panel.innerHTML = text; /* the server's sanitiser output, as on the saved page */
          });
        })
        .catch(function () {
          message(editor.getAttribute("data-label-failed"));
        });
    }
    write.addEventListener("click", function () { select(false); });
    preview.addEventListener("click", function () { select(true); });
    tabs.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      var next = document.activeElement === write ? preview : write;
      select(next === preview);
      next.focus();
      event.preventDefault();
    });
  }

  function makeTab(label, id, selected) {
    var tab = document.createElement("button");
    tab.type = "button";
    tab.id = id;
    tab.className = "markdown-editor__tab";
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-selected", selected ? "true" : "false");
    tab.tabIndex = selected ? 0 : -1;
    tab.textContent = label;
    return tab;
  }

  editors.forEach(function (editor) {
    var textarea = editor.querySelector("textarea");
    if (!textarea) return;
    setUpCount(editor, textarea);
    setUpTabs(editor, textarea);
  });
})();
