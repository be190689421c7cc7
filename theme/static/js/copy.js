// Copy buttons: each copies the text of the element its data-copy names, and says so.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var status = button.parentElement.querySelector(".copy-status");
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      var text = "value" in source ? source.value : source.textContent;
      // what the status says is the page's, in its language
      var done = function () { if (status) status.textContent = status.dataset.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { select(source); });
      } else {
        select(source);
      }
    });
    function select(source) {
      if (source.select) source.select();
      else window.getSelection().selectAllChildren(source);
      if (status) status.textContent = status.dataset.selected;
    }
  });
})();
