/* 远程检索选择框: every <select data-remote-search="/api/…/search?…"> becomes a tom-select that asks the
   endpoint (at most 20 matches, scoped on the server) as the user types. The page renders only the chosen
   option(s), so a saved filter in the URL still shows its label. data-remote-depends="agency_id:agency"
   sends the value of the form's field "agency" as agency_id. Runs on load and on every htmx swap. */
(function () {
  "use strict";

  function dependsParams(el) {
    var params = {};
    (el.dataset.remoteDepends || "").split(",").forEach(function (pair) {
      var parts = pair.split(":");
      if (parts.length !== 2 || !el.form) return;
      var source = el.form.elements[parts[1]];
      if (source && source.value) params[parts[0]] = source.value;
    });
    return params;
  }

  function attach(el) {
    if (el.tomselect || typeof TomSelect === "undefined") return;
    var url = el.dataset.remoteSearch;
    new TomSelect(el, {
      valueField: "id",
      labelField: "label",
      searchField: [],
      maxOptions: 20,
      loadThrottle: 250,
      preload: "focus",
      allowEmptyOption: true,
      placeholder: el.dataset.placeholder || "输入检索",
      // The server has matched already (pinyin initials, certificate numbers): keep every result it sent.
      score: function () { return function () { return 1; }; },
      load: function (query, callback) {
        var self = this;
        var target = new URL(url, window.location.href);
        target.searchParams.set("q", query);
        var extra = dependsParams(el);
        Object.keys(extra).forEach(function (key) { target.searchParams.set(key, extra[key]); });
        fetch(target, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (rows) { self.clearOptions(); callback(rows); })
          .catch(function () { callback(); });
      },
      render: {
        no_results: function () { return '<div class="no-results">没有匹配的结果</div>'; },
        loading: function () { return '<div class="spinner" aria-label="检索中"></div>'; },
        option_create: function () { return ""; }
      }
    });
  }

  function init(root) {
    (root || document).querySelectorAll("select[data-remote-search]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
})();
