// frame-view: what a page can see of a frame it embedded. Whether the frame's own document ran
// (its agent said hello) and whether the iframe fired load, then what the page can read of the
// frame: contentDocument (null unless same origin-domain), location.href, window.origin and
// document.URL. Values are reported, not just "allowed", so a frame whose navigation was blocked
// and still shows its initial about:blank (same origin as the page) is never taken for the
// document that was asked for.
// With via 'popup' the document is opened in a new window instead (a user's page in the audit): the
// wait ends when the window shows a readable document of the target's origin, or is closed (a
// browsing context group switch severs it), or at the bound.
// params: { target: resolved document (agent or not), via?: 'iframe'|'popup' (default iframe),
//           waitMs?: bound for the load event and the hello (default 4000, never beyond the probe's own bound) }
// observation: { loadEvent, hello (iframes), helloOrigin?, closed (popups), contentDocument: 'document'|'null'|'error:<name>',
//   href, origin, url: each { allowed, value? (string), error? },
//   showsTarget: the page can read the window's document and it is a document of the target's origin
//     (the target, or where it redirected on that origin; never the initial about:blank or an error page),
//   crossOriginIsolated: that document's self.crossOriginIsolated, only when showsTarget }
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

  /** Whether `win` holds a document this page can read, of the target's origin (not about:blank, not an error page). */
  function showsTarget(win, origin) {
    try {
      var url = win.document.URL;
      return typeof url === 'string' && url.indexOf(origin + '/') === 0;
    } catch (e) {
      return false;
    }
  }

  /** The reads every view reports, from the window the document lives in. */
  function view(out, win, target) {
    out.href = read(function () {
      return win.location.href;
    });
    out.origin = read(function () {
      return win.origin;
    });
    out.url = read(function () {
      return win.document.URL;
    });
    out.showsTarget = showsTarget(win, target.origin);
    if (out.showsTarget) out.crossOriginIsolated = win.crossOriginIsolated === true;
    return out;
  }

  function viewPopup(p, probe, waitMs) {
    var out = { loadEvent: false };
    var w = null;
    try {
      w = OP.track(probe.scope, window.open(p.target.url, '_blank'));
    } catch (e) {
      out.contentDocument = 'error:' + OP.errorName(e);
      return Promise.resolve(out);
    }
    if (!w) {
      out.contentDocument = 'null';
      return Promise.resolve(out);
    }
    // Ends at an event: the document of the target's origin has loaded, or the window was severed.
    return OP.until(function () {
      return w.closed || (showsTarget(w, p.target.origin) && w.document.readyState === 'complete');
    }, waitMs).then(function () {
      out.closed = w.closed;
      try {
        out.loadEvent = w.document.readyState === 'complete' && showsTarget(w, p.target.origin);
        out.contentDocument = w.document ? 'document' : 'null';
      } catch (e) {
        out.contentDocument = 'error:' + OP.errorName(e);
      }
      return view(out, w, p.target);
    });
  }

  OP.defineProbe('frame-view', function (p, probe) {
    // Both waits run side by side, so each may take the probe's bound less the reading after them.
    var waitMs = OP.ceiling(probe, p.waitMs, 4000, 500);
    if (p.via === 'popup') return viewPopup(p, probe, waitMs);
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
      view(out, frame.contentWindow, p.target);
      frame.remove();
      return out;
    });
  });
})();
