// resource-timing: fetch a resource, then read its PerformanceResourceTiming entry, whose
// network timings are zero unless the response passes the TAO check (Timing-Allow-Origin).
// params: { target: resolved, mode?, credentials?, waitMs?: bound for the entry (default 2000, never
//           beyond the probe's own bound) }
// observation: { resolved, error?, entry: boolean, timingAllowed?: boolean (requestStart > 0),
//                responseStart?: boolean (responseStart > 0) }
(function () {
  'use strict';
  var OP = self.OP;
  var sized = false;

  function entryFor(url, waitMs) {
    var found = performance.getEntriesByName(url, 'resource');
    if (found.length) return Promise.resolve(found[found.length - 1]);
    return new Promise(function (resolve) {
      var observer;
      var timer = setTimeout(function () {
        if (observer) observer.disconnect();
        var late = performance.getEntriesByName(url, 'resource');
        resolve(late.length ? late[late.length - 1] : null);
      }, waitMs);
      try {
        observer = new self.PerformanceObserver(function (list) {
          var match = list.getEntriesByName(url, 'resource');
          if (!match.length) return;
          clearTimeout(timer);
          observer.disconnect();
          resolve(match[match.length - 1]);
        });
        observer.observe({ type: 'resource' });
      } catch (e) {
        /* no observer: the bound decides */
      }
    });
  }

  OP.defineProbe('resource-timing', function (p, probe) {
    // Hundreds of probes share a page; the default buffer (250 entries) would drop entries.
    if (!sized && performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(100000);
    sized = true;
    var init = {};
    if (p.mode) init.mode = p.mode;
    if (p.credentials) init.credentials = p.credentials;
    return fetch(p.target.url, init).then(
      function (res) {
        return res.text().then(function () {
          return entryFor(res.url || p.target.url, OP.ceiling(probe, p.waitMs, 2000, 200)).then(function (e) {
            if (!e) return { resolved: true, entry: false };
            return { resolved: true, entry: true, timingAllowed: e.requestStart > 0, responseStart: e.responseStart > 0 };
          });
        });
      },
      function (e) {
        return { resolved: false, error: OP.errorName(e) };
      },
    );
  });
})();
