// websocket: open a WebSocket to a declared endpoint (or a user's server), send one message,
// and report what script could do and read. The target's http(s) URL is written as ws(s):
// (an https page asking for ws: is the mixed-content case). With inWorker the same steps run in
// a dedicated worker started from a blob: URL (the page's origin).
// params: { target: resolved, send?: text (default 'op-ping'), inWorker?: bool, waitMs? (default 4000) }
// observation: { constructed, error? (constructor threw), opened, read (a message arrived),
//   echoed (our message came back), failed? (the error event fired), closeAfterError? (after error,
//   the close event came within 200 ms; false: it did not), wasClean?, saw? ({ origin, cookies }: what the fixture server said it
//   saw, as the page reads it), message? (the first message, cut), closeCode?, worker? }
(function () {
  'use strict';
  var OP = self.OP;

  // Self-contained: it is also the body of the worker (serialized with toString()).
  function socketOnce(url, text, ms, done) {
    var out = { constructed: false, opened: false, read: false, echoed: false };
    var ws;
    var finished = false;
    var timer;
    function finish() {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      try {
        if (ws) ws.close();
      } catch (e) {}
      done(out);
    }
    timer = setTimeout(finish, ms);
    try {
      ws = new WebSocket(url);
    } catch (e) {
      out.error = (e && e.name) || String(e);
      finish();
      return;
    }
    out.constructed = true;
    ws.onopen = function () {
      out.opened = true;
      try {
        ws.send(text);
      } catch (e) {
        out.error = (e && e.name) || String(e);
      }
    };
    ws.onmessage = function (e) {
      var data = typeof e.data === 'string' ? e.data : '';
      if (!out.read) out.message = data.slice(0, 200);
      out.read = true;
      var m = null;
      try {
        m = JSON.parse(data);
      } catch (x) {}
      if (m && m.server === 'originproof') out.saw = { origin: m.origin === null ? 'none' : String(m.origin), cookies: m.cookies };
      // The fixture server wraps the echo; a user's server may send it back as it is.
      if ((m && m.echo === text) || data === text) {
        out.echoed = true;
        finish();
      }
    };
    // A failed connection fires error, then close in the same task (WebSockets, "feedback from the
    // protocol"); WebKit fires only error for a socket blocked as mixed content in a document, so the
    // close gets a short grace after error instead of the whole wait, and the row sees whether it came.
    ws.onerror = function () {
      out.failed = true;
      out.closeAfterError = false;
      clearTimeout(timer);
      timer = setTimeout(finish, 200);
    };
    ws.onclose = function (e) {
      out.closeCode = e.code;
      out.wasClean = e.wasClean;
      if (out.failed) out.closeAfterError = true;
      finish();
    };
  }

  function inWorker(url, text, ms, probe) {
    return new Promise(function (resolve) {
      var code = '(' + socketOnce.toString() + ')(' + JSON.stringify(url) + ',' + JSON.stringify(text) + ',' + ms + ',function (o) { postMessage(o); });';
      var w;
      try {
        var blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        w = OP.track(probe.scope, new Worker(blobUrl));
      } catch (e) {
        resolve({ worker: false, probeError: 'worker did not start: ' + OP.errorName(e) });
        return;
      }
      var timer = setTimeout(function () {
        w.terminate();
        resolve({ worker: true, timedOut: true });
      }, ms + 500);
      w.onmessage = function (e) {
        clearTimeout(timer);
        w.terminate();
        var o = e.data || {};
        o.worker = true;
        resolve(o);
      };
      w.onerror = function (e) {
        if (e && e.preventDefault) e.preventDefault();
        clearTimeout(timer);
        resolve({ worker: false, probeError: 'worker error: ' + ((e && e.message) || 'unknown') });
      };
    });
  }

  OP.defineProbe('websocket', function (p, probe) {
    var url = p.target.url.replace(/^http(s?):/, 'ws$1:');
    var text = p.send || 'op-ping';
    var ms = OP.ceiling(probe, p.waitMs, 4000, 800);
    if (p.inWorker) return inWorker(url, text, ms, probe);
    return new Promise(function (resolve) {
      socketOnce(url, text, ms, resolve);
    });
  });
})();
