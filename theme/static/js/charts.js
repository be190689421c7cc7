// Replace each chart's static image with a live Vega view at the width of its container, which
// Vega redraws when the window resizes. Expressions run in Vega's interpreter (no eval); tooltips
// are plain-text title attributes; colours follow the page's scheme through charts/colours.css.
(function () {
  "use strict";
  if (!window.vega || !window.vegaInterpreter) return;
  document.querySelectorAll("[data-spec]").forEach(function (image) {
    fetch(image.dataset.spec)
      .then(function (response) {
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
          if (!document.body.classList.contains("embed")) image.replaceChildren(container);
          image.dataset.live = "";
        });
      })
      .catch(function (error) {
        // The static image stays; say why in the console for whoever maintains the site
        console.warn("Chart left static:", error);
      });
  });
})();
