// post-message: send a message to another browsing context with a given targetOrigin and report
// whether it arrived and which origin the receiver saw in event.origin.
// params: { target: 'parent'|'top'|'opener'|'frame'|'popup'|'data-frame', open?: resolved agent target,
//           sandbox?: string, targetOrigin: string | resolved target (its origin is used), waitMs? }
// 'data-frame' loads a data: URL document that posts its own self.origin to the parent (opaque origin).
// observation: { targetReady, posted, error?, delivered, origin? (event.origin at the receiver),
//                receiverOrigin? (receiver's self.origin), dataOrigin? (data-frame: origins seen) }
// Delivery is observed with the runtime's one ping protocol (OP.ping: every page that loads the
// runtime answers), sent with the scenario's targetOrigin.
(function () {
  'use strict';
  var OP = self.OP;

  function waitFor(predicate, ms) {
    return new Promise(function (resolve) {
      var done = false;
      function on(e) {
        var r = predicate(e);
        if (r && !done) {
          done = true;
          self.removeEventListener('message', on);
          resolve(r);
        }
      }
      self.addEventListener('message', on);
      setTimeout(function () {
        if (!done) {
          done = true;
          self.removeEventListener('message', on);
          resolve(null);
        }
      }, ms);
    });
  }

  function dataFrame(p, probe) {
    var frame = document.createElement('iframe');
    if (p.sandbox !== undefined) frame.setAttribute('sandbox', p.sandbox);
    var html = '<!doctype html><script>parent.postMessage({opDataFrame: true, selfOrigin: String(self.origin)}, "*")<\u002fscript>';
    var got = waitFor(
      function (e) {
        return e.source === frame.contentWindow && e.data && e.data.opDataFrame ? { origin: e.origin, selfOrigin: e.data.selfOrigin } : null;
      },
      OP.ceiling(probe, p.waitMs, 2000),
    );
    OP.track(probe.scope, frame);
    frame.src = 'data:text/html,' + encodeURIComponent(html);
    (document.body || document.documentElement).appendChild(frame);
    return got.then(function (r) {
      frame.remove();
      return r
        ? { targetReady: true, delivered: true, origin: r.origin, receiverOrigin: OP.selfInfo().origin, dataOrigin: r.selfOrigin }
        : { targetReady: true, delivered: false };
    });
  }

  OP.defineProbe('post-message', function (p, probe) {
    if (p.target === 'data-frame') return dataFrame(p, probe);
    var opened;
    if (p.target === 'frame' || p.target === 'popup') {
      opened = OP.openAgent(
        Object.assign({}, p.open, { via: p.target === 'frame' ? 'iframe' : 'popup', sandbox: p.sandbox }),
        OP.ceiling(probe, 0, Infinity, 1500),
        probe.scope,
      );
    } else {
      var w = p.target === 'parent' ? self.parent : p.target === 'top' ? self.top : p.target === 'opener' ? self.opener : null;
      opened = Promise.resolve({ win: w, ready: !!w });
    }
    return opened.then(function (h) {
      if (!h.win) return { targetReady: false };
      var to = p.targetOrigin && typeof p.targetOrigin === 'object' ? p.targetOrigin.origin : p.targetOrigin;
      // Delivered = the receiver answered; the wait ends at the answer, the ceiling only matters
      // when the browser drops the message (targetOrigin mismatch).
      return OP.ping(h.win, OP.ceiling(probe, p.waitMs, 1500), to).then(function (r) {
        var out = { targetReady: !!h.ready, posted: !(r && r.error) };
        if (r && r.error) out.error = r.error;
        out.delivered = !!(r && !r.error);
        if (out.delivered) {
          out.origin = r.origin;
          out.receiverOrigin = r.selfOrigin;
        }
        if (h.frame || p.target === 'popup') OP.closeAgent(h);
        return out;
      });
    });
  });
})();
