// Replace each chart's static SVG with an interactive Vega view once its spec is fetched and rendered.
// Expressions run in Vega's interpreter (no eval), and tooltips are plain-text title attributes.
(function () {
  "use strict";
  if (!window.vega || !window.vegaInterpreter) return;
  document.querySelectorAll("[data-spec]").forEach(function (image) {
    fetch(image.dataset.spec)
      .then(function (response) {
        return response.json();
      })
      .then(function (spec) {
        var container = document.createElement("div");
        var view = new vega.View(vega.parse(spec, null, { ast: true }), {
          expr: vegaInterpreter.expressionInterpreter,
          renderer: "svg",
          container: container,
          hover: true,
        });
        return view.runAsync().then(function () {
          image.replaceChildren(container);
          image.dataset.live = "";
        });
      });
  });
})();
