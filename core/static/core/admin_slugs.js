/* Page slugs in the Wagtail admin keep their script, vowel signs included (core/slugs.py).
   Wagtail's slug controller (w-slug) keeps only \p{L} and \p{N}, so typing the title
   "किसान भविष्य" proposed "कसन-भवषय". This makes the controller follow the server's rule:
   NFC, lower case, letters, marks and digits of any script plus "-" and "_", invisible format
   characters (joiners) dropped, every other run of characters one "-". */
(function () {
  "use strict";
  var app = window.wagtail && window.wagtail.app;
  var registered = app && app.router.modulesByIdentifier.get("w-slug");
  if (!registered) return;
  var Base = registered.definition.controllerConstructor;
  var MAX_LENGTH = 255;

  function scriptSlug(text) {
    return text
      .normalize("NFC")
      .toLowerCase()
      .replace(/\p{Cf}/gu, "")
      .replace(/[^\p{L}\p{M}\p{N}_]+/gu, "-")
      .slice(0, MAX_LENGTH)
      .replace(/^[-_]+|[-_]+$/g, "");
  }

  // The controller's own methods, patched in place: Wagtail may register its definitions again
  // after this script runs, and every slug field shares this prototype.
  var proto = Base.prototype;
  var original = { slugify: proto.slugify, urlify: proto.urlify };

  function keepScript(controller, action, event, options) {
    var ignoreUpdate = Boolean(options && options.ignoreUpdate);
    var runFormat = options && "runFormat" in options ? options.runFormat : !ignoreUpdate;
    var detail = (event && event.detail) || {};
    var source = detail.value === undefined ? controller.element.value : detail.value;
    var prepared = controller.prepareValue(source, { runFormat: runFormat });
    if (!prepared) return "";
    var slug = scriptSlug(prepared);
    if (!ignoreUpdate) controller.applyUpdate(action, slug, source);
    return slug;
  }

  ["slugify", "urlify"].forEach(function (action) {
    proto[action] = function (event, options) {
      if (!this.allowUnicodeValue) return original[action].call(this, event, options);
      return keepScript(this, action, event, options);
    };
  });
})();
