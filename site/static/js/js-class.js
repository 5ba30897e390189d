/* Loaded in <head>, before the stylesheet applies: tells the CSS that scripts run, so it may
   collapse the mobile menu that site.js reopens. Without JavaScript every link stays reachable. */
document.documentElement.className = document.documentElement.className.replace("no-js", "js");
