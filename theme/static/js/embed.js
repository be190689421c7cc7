// An embedded chart: apply ?theme=dark|light and ?plain=1, then tell the host page this frame's
// height on load and whenever it changes, in the messages newsroom resizers already read:
// Pym.js ("pymxPYMx<id>xPYMxheightxPYMx<px>"), Datawrapper ({"datawrapper-height": {id: px}})
// and AMP ({sentinel: "amp", type: "embed-size", height: px}). Where the frame stays too short for
// the chart, the chart's image (title to credit drawn in) is shown instead, scaled to fit it.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var root = document.documentElement;
  var theme = params.get("theme");
  if (theme === "dark" || theme === "light") root.dataset.theme = theme;
  if (params.get("plain") === "1") root.dataset.plain = "";
  if (window.parent === window) return;
  var id = document.body.dataset.chart;
  var pymId = params.get("childId") || id;
  var last = 0;
  // The embed's height unfitted (its chart and words laid out), whether or not it is fitted now
  function natural() {
    var fitted = root.hasAttribute("data-fitted");
    root.removeAttribute("data-fitted");
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (fitted) root.setAttribute("data-fitted", "");
    return height;
  }
  function tell() {
    var height = natural();
    // A frame too short for the chart and its words (its page has no resizer, or a CMS removed it)
    // shows the chart's image instead, title to credit, scaled to fit: it loses the live chart, not content
    root.toggleAttribute("data-fitted", height > window.innerHeight + 1);
    if (!height || height === last) return;
    last = height;
    var sizes = {};
    sizes[id] = height;
    window.parent.postMessage("pymxPYMx" + pymId + "xPYMxheightxPYMx" + height, "*");
    window.parent.postMessage({ "datawrapper-height": sizes }, "*");
    window.parent.postMessage({ sentinel: "amp", type: "embed-size", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(tell).observe(document.body);
  window.addEventListener("load", tell);
  window.addEventListener("resize", tell);
  tell();
})();
