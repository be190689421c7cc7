// Each chart is drawn at build time for a narrow and a wide column. When a reader first interacts
// with one (pointer, touch or keyboard focus), this loads the self-hosted Vega runtime once and
// replaces that chart's drawing with a live view at its container's width, with tooltips, which
// Vega redraws when the window resizes. Expressions run in Vega's interpreter (no eval); tooltips
// are plain-text title attributes; colours follow the page's scheme through charts/colours.css.
(function () {
  "use strict";
  var runtime = document.currentScript.dataset.runtime.split(" ");
  var loading = null;

  // The runtime's scripts, each once, in order (the interpreter needs Vega)
  function load() {
    if (!loading) {
      loading = runtime.reduce(function (before, src) {
        return before.then(function () {
          return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = function () {
              reject(new Error("could not load " + src));
            };
            document.head.append(script);
          });
        });
      }, Promise.resolve());
    }
    return loading;
  }

  function enliven(image) {
    if ("live" in image.dataset || "loading" in image.dataset) return;
    image.dataset.loading = "";
    Promise.all([load(), fetch(image.dataset.spec)])
      .then(function (loaded) {
        var response = loaded[1];
        if (!response.ok) throw new Error(response.status + " " + image.dataset.spec);
        return response.json();
      })
      .then(function (spec) {
        var container = document.createElement("div");
        container.className = "chart-live";
        image.prepend(container);
        var view = new vega.View(vega.parse(spec, null, { ast: true }), {
          expr: vegaInterpreter.expressionInterpreter,
          renderer: "svg",
          container: container,
          hover: true,
        });
        return view.runAsync().then(function () {
          // An embed keeps its image (hidden), which embed.js shows when its frame is too short
          image.querySelectorAll(".chart-static").forEach(function (drawn) {
            drawn.remove();
          });
          image.dataset.live = "";
        });
      })
      .catch(function (error) {
        // The drawing stays; say why in the console for whoever maintains the site
        console.warn("Chart left static:", error);
      })
      .finally(function () {
        delete image.dataset.loading;
      });
  }

  document.querySelectorAll(".chart").forEach(function (chart) {
    var image = chart.querySelector("[data-spec]");
    if (!image) return;
    ["pointerover", "touchstart", "focusin"].forEach(function (kind) {
      chart.addEventListener(kind, function () {
        enliven(image);
      }, { passive: true });
    });
  });
})();
