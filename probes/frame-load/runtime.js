// frame-load: does a document render in a frame? For header checks that refuse a navigation
// response (X-Frame-Options, a parent's embedder policy): a refused frame still fires `load` on
// its element (with an error or empty document), so the answer must come from the document
// itself. The framed documents of the parsing catalog contain exactly one child frame; a
// WindowProxy's `length` (its number of child frames) is readable across origins, so
// `length === 1` proves the declared document rendered, with no script in it at all.
// params: { target: resolved (the frame to create), path?: [i, ...] (child indexes from the
//           created frame to the window to check: [0] when target is a wrapper that frames the
//           checked document), waitMs?: bound for the load event (default 4000, never beyond
//           the probe's own bound) }
// observation: { event: 'load'|'none', rendered: boolean, length: number|null, error? }
(function () {
  'use strict';
  var OP = self.OP;

  function childCount(frame, path) {
    try {
      var w = frame.contentWindow;
      for (var i = 0; i < path.length && w; i++) w = w[path[i]];
      return w ? w.length : null;
    } catch (e) {
      return 'error:' + OP.errorName(e);
    }
  }

  OP.defineProbe('frame-load', function (p, probe) {
    var waitMs = OP.ceiling(probe, p.waitMs, 4000, 300);
    var frame = OP.track(probe.scope, document.createElement('iframe'));
    var loaded = new Promise(function (resolve) {
      frame.addEventListener(
        'load',
        function () {
          resolve('load');
        },
        { once: true },
      );
    });
    frame.src = OP.docUrl(p.target.url);
    (document.body || document.documentElement).appendChild(frame);
    return Promise.race([
      loaded,
      OP.sleep(waitMs).then(function () {
        return 'none';
      }),
    ]).then(function (event) {
      var length = childCount(frame, p.path || []);
      var out = { event: event, rendered: length === 1, length: typeof length === 'number' ? length : null };
      if (typeof length === 'string') out.error = length.slice(6);
      frame.remove();
      return out;
    });
  });
})();
