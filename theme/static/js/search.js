// Pagefind's search box in the site header; the index is served by this site.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || !window.PagefindUI) return;
  new PagefindUI({ element: "#search", bundlePath: new URL(box.dataset.bundle, location.href).pathname, showImages: false, resetStyles: false, ranking: { pageLength: 0.25 } });
  var input = box.querySelector("input");
  if (input) input.setAttribute("aria-label", "Search the site");
})();
