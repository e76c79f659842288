/* <select data-autosubmit>: changing it submits its form (a page's agency switch). In a file, not an
   onchange attribute: the Content Security Policy allows no inline script. Delegated, so it also works
   on what htmx swaps in. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) el.form.submit();
  });
})();
