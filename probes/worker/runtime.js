// worker: start a dedicated worker from a (same-origin) declared script and wait for it to speak.
// The script under test decides what it reports: it calls postMessage({...}) once, e.g.
// { ran: true, crossOriginIsolated: self.crossOriginIsolated, ... }.
// params: { target: resolved script URL, type?: 'classic'|'module', waitMs? (default 3000) }
// observation: { created, error? (constructor threw), event: 'message'|'error'|'none', data? }
(function () {
  'use strict';
  var OP = self.OP;
  OP.defineProbe('worker', function (p, probe) {
    return new Promise(function (resolve) {
      var w;
      try {
        w = OP.track(probe.scope, new Worker(p.target.url, { type: p.type || 'classic' }));
      } catch (e) {
        resolve({ created: false, error: OP.errorName(e), event: 'none' });
        return;
      }
      var done = false;
      function finish(out) {
        if (done) return;
        done = true;
        try {
          w.terminate();
        } catch (e) {}
        out.created = true;
        resolve(out);
      }
      w.onmessage = function (e) {
        finish({ event: 'message', data: e.data });
      };
      w.onerror = function (e) {
        if (e && e.preventDefault) e.preventDefault();
        finish({ event: 'error' });
      };
      setTimeout(
        function () {
          finish({ event: 'none' });
        },
        OP.ceiling(probe, p.waitMs, 3000),
      );
    });
  });
})();
