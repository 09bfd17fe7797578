/* annotrain xAPI loader: on sites that send statements to an LRS (the plugin's xapi
 * option), every page's bundle ends its features with this, and it fetches
 * annotrain-xapi.js (the LRS's address and xapi.js, browser/bundles.py) from beside
 * the bundle once the page has loaded, so the sending costs a page nothing at first.
 * Instant navigation runs the bundle again: the script is fetched once. What the
 * page announces meanwhile waits in annotrain.xapiEarly for xapi.js. */
(function (annotrain) {
  "use strict";

  var me = document.currentScript;
  if (!me || !me.src || annotrain.xapiLoading) return;
  annotrain.xapiLoading = true;
  var src = new URL("annotrain-xapi.js", me.src).href;

  // What happens before xapi.js arrives is kept for it (it takes the list over).
  annotrain.xapiEarly = [];
  ["annotrain:lesson-done", "annotrain:graded", "annotrain:quiz-started", "annotrain:quiz-submitted",
    "annotrain:contested"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (annotrain.xapiEarly) annotrain.xapiEarly.push(event);
    });
  });

  function load() {
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    document.head.appendChild(script);
  }

  if (document.readyState === "complete") load();
  else window.addEventListener("load", load);
})(window.annotrain = window.annotrain || {});
