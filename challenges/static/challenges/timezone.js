/* Remember the browser's time zone so deadlines can be shown in it (server enforces Asia/Karachi),
   and write each deadline in that zone next to the Pakistan time. */
(function () {
  "use strict";
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === "Asia/Karachi") {
      if (zone) document.cookie = "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
      return;
    }
    if (document.cookie.indexOf("tz=" + encodeURIComponent(zone)) === -1) {
      document.cookie = "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
    }
    document.querySelectorAll("[data-local-time]").forEach(function (el) {
      var when = new Date(el.getAttribute("data-local-time"));
      // dateStyle/timeStyle cannot be combined with timeZoneName (a TypeError); the zone's
      // name follows in brackets instead.
      var text = when.toLocaleString(undefined, { dateStyle: "long", timeStyle: "short" });
      el.textContent = "— " + text + " (" + zone + ")";
    });
  } catch (e) {
    /* Older browsers: the Pakistan time shown is still correct. */
  }
})();
