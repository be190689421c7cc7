// Replace each chart's static SVG with an interactive Vega view once it has rendered.
// Expressions run in Vega's interpreter (no eval), and tooltips are plain-text title attributes.
(function () {
  "use strict";
  if (!window.vega || !window.vegaInterpreter) return;
  document.querySelectorAll("[data-spec]").forEach(function (image) {
    var spec = JSON.parse(document.getElementById(image.dataset.spec).textContent);
    var container = document.createElement("div");
    var view = new vega.View(vega.parse(spec, null, { ast: true }), {
      expr: vegaInterpreter.expressionInterpreter,
      renderer: "svg",
      container: container,
      hover: true,
    });
    view.runAsync().then(function () {
      image.replaceChildren(container);
    });
  });
})();
