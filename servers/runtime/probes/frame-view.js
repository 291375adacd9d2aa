// frame-view: what a page can see of a frame it embedded. Whether the frame's own document ran
// (its agent said hello) and whether the iframe fired load, then what the page can read of the
// frame: contentDocument (null unless same origin-domain), location.href, window.origin and
// document.URL. Values are reported, not just "allowed", so a frame whose navigation was blocked
// and still shows its initial about:blank (same origin as the page) is never taken for the
// document that was asked for.
// params: { target: resolved agent document, waitMs?: bound for the load event and the hello (default 4000,
//           never beyond the probe's own bound) }
// observation: { loadEvent, hello, helloOrigin?, contentDocument: 'document'|'null'|'error:<name>',
//   href, origin, url: each { allowed, value? (string), error? } }
(function () {
  'use strict';
  var OP = self.OP;

  /** Reads one string-valued member; reports the value or the exception's name. */
  function read(fn) {
    try {
      var v = fn();
      return { allowed: true, value: v === undefined || v === null ? null : String(v) };
    } catch (e) {
      return { allowed: false, error: OP.errorName(e) };
    }
  }

  OP.defineProbe('frame-view', function (p, probe) {
    // Both waits run side by side, so each may take the probe's bound less the reading after them.
    var waitMs = OP.ceiling(probe, p.waitMs, 4000, 500);
    var frame = OP.track(probe.scope, document.createElement('iframe'));
    var loadEvent = false;
    var loaded = new Promise(function (resolve) {
      frame.addEventListener(
        'load',
        function () {
          loadEvent = true;
          resolve();
        },
        { once: true },
      );
    });
    frame.src = p.target.url;
    (document.body || document.documentElement).appendChild(frame);
    var win = frame.contentWindow;
    // Waits for both events, each bounded: the hello comes first (the agent says it while parsing),
    // the load event after; a frame that loads without a hello (an error page) gets a shorter grace.
    var hello = Promise.race([
      OP.waitForHello(win, waitMs),
      loaded.then(function () {
        return OP.waitForHello(win, Math.min(waitMs, 2000));
      }),
    ]);
    var loadOrBound = Promise.race([loaded, OP.sleep(waitMs)]);
    return Promise.all([hello, loadOrBound]).then(function (results) {
      var h = results[0];
      var out = { loadEvent: loadEvent, hello: !!h };
      if (h) out.helloOrigin = h.origin;
      var doc;
      try {
        doc = frame.contentDocument;
        out.contentDocument = doc ? 'document' : 'null';
      } catch (e) {
        out.contentDocument = 'error:' + OP.errorName(e);
      }
      out.href = read(function () {
        return frame.contentWindow.location.href;
      });
      out.origin = read(function () {
        return frame.contentWindow.origin;
      });
      out.url = read(function () {
        return frame.contentWindow.document.URL;
      });
      frame.remove();
      return out;
    });
  });
})();
