// Counts one view of the article after the page has loaded. The page itself may come
// from a cache, so the count travels in its own small request to the beacon endpoint.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var url = script.dataset.url;
  var body = new URLSearchParams({ page: script.dataset.page });

  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit" });
    }
  }

  function whenLoaded() {
    if (document.readyState === "complete") {
      send();
    } else {
      window.addEventListener("load", send, { once: true });
    }
  }

  // A prerendered page has not been read yet: count it once the reader opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", whenLoaded, { once: true });
  } else {
    whenLoaded();
  }
})();
