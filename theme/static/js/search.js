// The site's search box. The page carries a plain box; Pagefind's search (its script, then the
// index, both served by this site) loads only when a reader first points at, touches or focuses
// the box, and takes its place, keeping what was typed and the focus.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var waiting = box.querySelector(".search-waiting");
  var typed = waiting.querySelector("input");
  waiting.hidden = false;

  function start() {
    ["pointerover", "touchstart", "focusin"].forEach(function (kind) {
      box.removeEventListener(kind, start);
    });
    var script = document.createElement("script");
    script.src = box.dataset.ui;
    script.onload = function () {
      var focused = document.activeElement === typed;
      var term = typed.value;
      waiting.remove();
      var ui = new PagefindUI({ element: "#search", bundlePath: new URL(box.dataset.bundle, location.href).pathname, showImages: false, resetStyles: false, ranking: { pageLength: 0.25 } });
      var input = box.querySelector("input");
      input.setAttribute("aria-label", typed.getAttribute("aria-label"));
      if (term) ui.triggerSearch(term);
      if (focused) input.focus();
    };
    script.onerror = function () {
      console.warn("Search could not load: " + script.src);
    };
    document.head.append(script);
  }

  ["pointerover", "touchstart", "focusin"].forEach(function (kind) {
    box.addEventListener(kind, start, { passive: true });
  });
})();
