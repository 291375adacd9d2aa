// post-message: send a message to another browsing context with a given targetOrigin and report
// whether it arrived and which origin the receiver saw in event.origin.
// params: { target: 'parent'|'top'|'opener'|'frame'|'popup'|'data-frame', open?: resolved agent target,
//           sandbox?: string, targetOrigin: string | resolved target (its origin is used), waitMs? }
// 'data-frame' loads a data: URL document that posts its own self.origin to the parent (opaque origin).
// observation: { targetReady, posted, error?, delivered, origin? (event.origin at the receiver),
//                receiverOrigin? (receiver's self.origin), dataOrigin? (data-frame: origins seen) }
// Every page that loads the runtime answers {opPmPing} with {opPmPong, origin, selfOrigin},
// so runner pages reply too (agent.js only answers its own opPing).
(function () {
  'use strict';
  var OP = self.OP;
  var seq = 0;
  self.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object') return;
    if (d.opPmPing) {
      try {
        e.source.postMessage({ opPmPong: d.opPmPing, origin: e.origin, selfOrigin: self.origin }, '*');
      } catch (err) {}
    }
  });

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

  function dataFrame(p) {
    var frame = document.createElement('iframe');
    if (p.sandbox !== undefined) frame.setAttribute('sandbox', p.sandbox);
    var html = '<!doctype html><script>parent.postMessage({opDataFrame: true, selfOrigin: String(self.origin)}, "*")<\u002fscript>';
    var got = waitFor(function (e) {
      return e.source === frame.contentWindow && e.data && e.data.opDataFrame ? { origin: e.origin, selfOrigin: e.data.selfOrigin } : null;
    }, p.waitMs || 2000);
    frame.src = 'data:text/html,' + encodeURIComponent(html);
    (document.body || document.documentElement).appendChild(frame);
    return got.then(function (r) {
      frame.remove();
      return r
        ? { targetReady: true, delivered: true, origin: r.origin, receiverOrigin: OP.selfInfo().origin, dataOrigin: r.selfOrigin }
        : { targetReady: true, delivered: false };
    });
  }

  OP.defineProbe('post-message', function (p) {
    if (p.target === 'data-frame') return dataFrame(p);
    var opened;
    if (p.target === 'frame' || p.target === 'popup') {
      opened = OP.openAgent(Object.assign({}, p.open, { via: p.target === 'frame' ? 'iframe' : 'popup', sandbox: p.sandbox }), 5000);
    } else {
      var w = p.target === 'parent' ? self.parent : p.target === 'top' ? self.top : p.target === 'opener' ? self.opener : null;
      opened = Promise.resolve({ win: w, ready: !!w });
    }
    return opened.then(function (h) {
      if (!h.win) return { targetReady: false };
      var id = 'pm' + ++seq + '-' + Math.random().toString(36).slice(2);
      var to = p.targetOrigin && typeof p.targetOrigin === 'object' ? p.targetOrigin.origin : p.targetOrigin;
      var reply = waitFor(function (e) {
        return e.data && e.data.opPmPong === id ? e.data : null;
      }, p.waitMs || 1500);
      var out = { targetReady: !!h.ready };
      try {
        h.win.postMessage({ opPmPing: id }, to);
        out.posted = true;
      } catch (e) {
        out.posted = false;
        out.error = OP.errorName(e);
      }
      return reply.then(function (r) {
        out.delivered = !!r;
        if (r) {
          out.origin = r.origin;
          out.receiverOrigin = r.selfOrigin;
        }
        if (h.frame || p.target === 'popup') OP.closeAgent(h);
        return out;
      });
    });
  });
})();
