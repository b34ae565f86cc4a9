// leadkit tracking: a page view when the page loads, a content_download when a link to a
// document is clicked, and what the page reports with leadkit.track(name, props). Plain
// JS, kept under 2 KB gzipped (checked by `cargo xtask sizes` and tests/tracking.test.mjs).
//   <script src="https://WORKER/f/FORM_ID/t.js"></script>
//   <script src="https://WORKER/f/FORM_ID/embed.js" data-target="#lead-form"></script>
// Loading t.js sets the worker's visitor id cookie (lk_vid), which every event carries;
// put it before embed.js (neither async) so the form post carries the same id, and the
// visitor's page views join their lead when they fill in the form.
// Single-page apps call leadkit.page() after each route change.
(function () {
  "use strict";
  var script = document.currentScript;
  var api = (window.leadkit = window.leadkit || {});
  if (!script || api.track) return;
  var src = new URL(script.src);
  var formId = decodeURIComponent(src.pathname.split("/")[2] || "");
  var endpoint = src.origin + "/t";
  var params = new URLSearchParams(location.search);
  var utm = {};
  ["source", "medium", "campaign", "term", "content"].forEach(function (part) {
    var value = params.get("utm_" + part);
    if (value) utm[part] = value.slice(0, 200);
  });

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // Plain-http pages have no randomUUID: a v4 id from random bytes.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) {
      return (x + 256).toString(16).slice(1);
    }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  function send(kind, fields) {
    var event = {
      kind: kind,
      form_id: formId,
      // Made here, so a beacon the browser retries is stored once.
      event_id: uuid(),
      url: location.href.slice(0, 2048),
      title: document.title.slice(0, 300),
      referrer: document.referrer.slice(0, 2048),
      utm: utm,
      at_client: new Date().toISOString(),
    };
    for (var k in fields) event[k] = fields[k];
    var body = JSON.stringify(event);
    // A string goes as text/plain: a simple request (no preflight) with the cookie, and
    // the browser still delivers it while the page is being left.
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) return;
    fetch(endpoint, {
      method: "POST",
      body: body,
      credentials: "include",
      keepalive: true,
      headers: { "content-type": "text/plain" },
    }).catch(function () {});
  }

  api.track = function (name, props) {
    send("custom", { name: String(name), props: props || {} });
  };
  api.page = function () {
    send("page_view", {});
  };
  // Capturing, so a page's own handler that stops the click cannot hide the download.
  document.addEventListener(
    "click",
    function (e) {
      var link = e.target && e.target.closest && e.target.closest("a[href]");
      if (link && /\.(pdf|zip|pptx|docx|xlsx)$/i.test(link.pathname)) {
        send("content_download", { asset: link.href.slice(0, 2048) });
      }
    },
    true,
  );
  api.page();
})();
