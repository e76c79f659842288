/* The staff console (templates/base.html, console.css): toasts that fade and close, the page's own name
   as the last breadcrumb, and list tables that read as cards on a phone. In a file, not inline: the
   Content Security Policy allows no inline script. Everything here only adds to a page that works
   without it. */
(function () {
  "use strict";

  var FADE_AFTER_MS = 6000; // a success or notice fades; a warning or an error stays until closed

  function toasts(root) {
    root.querySelectorAll(".toast-message").forEach(function (toast) {
      if (toast.dataset.ready) return;
      toast.dataset.ready = "1";
      if (!toast.classList.contains("error") && !toast.classList.contains("warning")) {
        window.setTimeout(function () { toast.classList.add("is-faded"); }, FADE_AFTER_MS);
      }
    });
  }

  document.addEventListener("click", function (event) {
    var close = event.target instanceof Element && event.target.closest(".toast-close");
    if (close) close.closest(".toast-message").classList.add("is-closed");
  });

  /* The last breadcrumb: the page's title (its first h1), unless the crumb before already says it. */
  function crumbTitle() {
    var crumb = document.querySelector("[data-crumb-title]");
    var title = document.querySelector("main h1");
    if (!crumb || !title || crumb.textContent) return;
    var text = title.textContent.replace(/\s+/g, " ").trim();
    var previous = crumb.previousElementSibling;
    if (text && !(previous && previous.textContent.trim() === text)) crumb.textContent = text;
  }

  /* On a phone (console.css, ≤ 600px) a list table's rows are cards of "label：value" lines: each body
     cell gets its column's header text as data-label. Tables marked up that way already (table.cards)
     are left as they are; a table whose header has more than one row, or rows headed by a th (a facts
     table), keeps its columns and scrolls inside its .table-wrap. */
  function cardTables(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      if (table.classList.contains("cards") || table.classList.contains("facts")) return;
      var head = table.tHead;
      if (!head || head.rows.length !== 1 || !table.tBodies.length) return;
      if (table.querySelector("tbody th")) return;
      var labels = [];
      Array.prototype.forEach.call(head.rows[0].cells, function (th) {
        var text = th.textContent.replace(/\s+/g, " ").trim();
        for (var i = 0; i < (th.colSpan || 1); i++) labels.push(text);
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            var label = labels[column];
            if (label && (cell.colSpan || 1) === 1 && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", label);
            column += cell.colSpan || 1;
          });
        });
      });
      table.classList.add("cards", "cards-auto");
    });
  }

  function enhance(root) {
    toasts(root);
    cardTables(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    crumbTitle();
    enhance(document);
  });
  document.body && document.body.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
})();
