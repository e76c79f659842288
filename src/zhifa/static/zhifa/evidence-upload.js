/* 上传证据 in a phone browser: the file goes up in 4 MiB chunks (fetch + Blob.slice, so a 2 GB video is
   never read into memory), with progress; the officer's position fills latitude/longitude when the
   device gives it (optional, never blocking). A broken connection resumes from what the server has.
   Without fetch or Blob.slice the form posts the file in one multipart request instead. */
(function () {
  "use strict";
  var form = document.getElementById("evidence-form");
  if (!form || !window.fetch || !window.FormData || !window.Blob || !Blob.prototype.slice) return;

  var $ = function (id) { return document.getElementById(id); };
  var chunkSize = parseInt(form.getAttribute("data-chunk-size"), 10) || 4 * 1024 * 1024;
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
  var camera = form.elements.file, other = form.elements.file_other;
  var kind = form.elements.kind, captured = form.elements.captured_at;
  var kindTouched = false;
  var MAX_RETRIES = 6;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = form.elements.csrfmiddlewaretoken;
    return input ? input.value : "";
  }

  function size(bytes) {
    if (bytes >= 1024 * 1024 * 1024) return (bytes / 1024 / 1024 / 1024).toFixed(2) + " GB";
    if (bytes >= 1024 * 1024) return (bytes / 1024 / 1024).toFixed(1) + " MB";
    if (bytes >= 1024) return (bytes / 1024).toFixed(0) + " KB";
    return bytes + " 字节";
  }

  function showError(text) {
    var box = $("evidence-error");
    box.textContent = text;
    box.hidden = !text;
  }

  // a refused or failed upload: the error alone stays on screen, not a full bar and "正在校验并保存…"
  function resetProgress() {
    $("evidence-progress").value = 0;
    $("evidence-progress-text").textContent = "";
    $("evidence-progress-row").hidden = true;
  }

  function progress(done, total, note) {
    $("evidence-progress-row").hidden = false;
    var pct = total ? Math.floor((done / total) * 100) : 0;
    $("evidence-progress").value = pct;
    $("evidence-progress-text").textContent = note || "已上传 " + size(done) + " / " + size(total) + "（" + pct + "%）";
  }

  // ---- position (optional) ----
  (function locate() {
    var text = $("evidence-position");
    if (!navigator.geolocation) { text.textContent = "位置：设备未提供（不影响上传）"; return; }
    text.textContent = "位置：正在获取…（不影响上传）";
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = pos.coords.latitude.toFixed(6), lng = pos.coords.longitude.toFixed(6);
      form.elements.latitude.value = lat;
      form.elements.longitude.value = lng;
      var accuracy = pos.coords.accuracy ? "（精度约" + Math.round(pos.coords.accuracy) + "米）" : "";
      text.textContent = "位置：" + lat + ", " + lng + accuracy;
    }, function () {
      text.textContent = "位置：未获取到（可能未授权或无信号，不影响上传）";
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  })();

  // ---- the chosen file ----
  function chosen() {
    return (camera && camera.files && camera.files[0]) || (other && other.files && other.files[0]) || null;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function onFile(event) {
    var file = event.target.files && event.target.files[0];
    if (!file) return;
    var peer = event.target === camera ? other : camera;
    if (peer) peer.value = "";  // one file per upload
    showError("");
    if (!kindTouched && kind) {
      var major = (file.type || "").split("/")[0];
      var guess = { image: "photo", video: "video", audio: "audio" }[major];
      if (!guess && /\.(pdf|docx?|xlsx?|pptx?|wps|ofd|rtf)$/i.test(file.name)) guess = "document";
      if (guess) kind.value = guess;
    }
    if (captured && !captured.value && file.lastModified) {
      var d = new Date(file.lastModified);
      captured.value = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
    }
    if (maxBytes && file.size > maxBytes) { resetProgress(); showError("文件大小" + size(file.size) + "超过上限" + size(maxBytes)); }
    else progress(0, file.size, "已选择：" + file.name + "（" + size(file.size) + "）");
  }
  if (camera) camera.addEventListener("change", onFile);
  if (other) other.addEventListener("change", onFile);
  if (kind) kind.addEventListener("change", function () { kindTouched = true; });

  // ---- talking to the server ----
  function retryable(message) { var e = new Error(message); e.retryable = true; return e; }

  function reason(data, status) {
    if (data && typeof data.detail === "string") return data.detail;
    if (data && data.detail && data.detail.length) {
      return data.detail.map(function (d) { return d.msg; }).join("；");
    }
    return "上传失败（" + status + "）";
  }

  function call(url, options) {
    options.headers = Object.assign({ "X-CSRFToken": csrfToken(), "Accept": "application/json" }, options.headers || {});
    options.credentials = "same-origin";
    return fetch(url, options).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (res.ok) return data;
        if (res.status >= 500) throw retryable("服务器暂时不可用，正在重试…");
        throw new Error(reason(data, res.status));
      });
    }, function () { throw retryable("网络连接中断，正在重试…"); });
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function note(text) {
    $("evidence-progress-row").hidden = false;
    $("evidence-progress-text").textContent = text;
  }

  // run `attempt`; on a broken connection (or a 5xx) wait, let `recover` ask the server where things
  // stand, and run it again — a few times, then give up with the reason
  function withRetries(attempt, recover) {
    var tries = 0;
    function go(afterFailure) {
      var run = afterFailure && recover ? recover().then(attempt) : attempt();
      return run.catch(function (err) {
        if (!err.retryable || ++tries > MAX_RETRIES) throw err;
        note(err.message);
        return sleep(1000 * tries).then(function () { return go(true); });
      });
    }
    return go(false);
  }

  function upload(file) {
    var start = new FormData();
    ["kind", "step", "signed_document", "description", "captured_at", "latitude", "longitude", "supervisor"].forEach(function (name) {
      if (form.elements[name]) start.append(name, form.elements[name].value);
    });
    start.append("name", file.name);
    start.append("size", String(file.size));
    start.append("media_type", file.type || "");
    return call(form.getAttribute("data-start-url"), { method: "POST", body: start }).then(function (session) {
      var offset = session.received || 0;
      function status() {
        return call(session.status_url, { method: "GET" }).then(function (s) { offset = s.received; });
      }
      function sendChunk() {
        if (offset >= file.size) return Promise.resolve();  // it arrived before the connection broke
        var end = Math.min(offset + chunkSize, file.size);
        return call(session.chunk_url + "?offset=" + offset, {
          method: "PUT",
          body: file.slice(offset, end),
          headers: { "Content-Type": "application/octet-stream" }
        }).then(function (s) { offset = s.received; });
      }
      function next() {
        if (offset >= file.size) return Promise.resolve();
        return withRetries(sendChunk, status).then(function () { progress(offset, file.size); return next(); });
      }
      progress(offset, file.size);
      return next().then(function () {
        progress(file.size, file.size, "正在校验并保存…");
        var done = new FormData();
        done.append("next", form.elements.next ? form.elements.next.value : "");
        return withRetries(function () { return call(session.finish_url, { method: "POST", body: done }); });
      });
    });
  }

  form.addEventListener("submit", function (event) {
    var file = chosen();
    if (!file) return;  // the server says "请拍摄或选择要上传的文件"
    event.preventDefault();
    if (maxBytes && file.size > maxBytes) { resetProgress(); showError("文件大小" + size(file.size) + "超过上限" + size(maxBytes)); return; }
    var button = $("evidence-submit");
    button.disabled = true;
    showError("");
    upload(file).then(function (result) {
      progress(file.size, file.size, "上传完成");
      window.location.assign(result.redirect);
    }, function (err) {
      resetProgress();
      showError(err.message || "上传失败");
      button.disabled = false;
    });
  });
})();
