// embed: put a cross-origin (or same-origin) resource into the page the way HTML embeds it,
// record whether it loaded, and optionally try to read it.
// params: { element: 'img'|'script'|'style'|'iframe'|'audio'|'video', target: resolved,
//           crossorigin?: 'anonymous'|'use-credentials', read?: 'canvas'|'cssRules'|'frame-document'|'none',
//           signal?: name a script is expected to OP.signal() }
// observation: { loaded, event: 'load'|'error'|'none', read?: { allowed, error? }, signals?,
//               scriptError?: { message, muted, filename: ''|'src'|'other', lineno, colno, error: 'null'|'undefined'|typeof } }
(function () {
  'use strict';
  var OP = self.OP;

  function readBack(kind, el) {
    if (kind === 'canvas') {
      return OP.attempt(function () {
        var c = document.createElement('canvas');
        c.width = 2;
        c.height = 2;
        var g = c.getContext('2d');
        g.drawImage(el, 0, 0);
        return g.getImageData(0, 0, 1, 1).data[0];
      });
    }
    if (kind === 'cssRules')
      return OP.attempt(function () {
        return el.sheet.cssRules.length;
      });
    if (kind === 'frame-document')
      return OP.attempt(function () {
        return el.contentWindow.document.body;
      });
    return undefined;
  }

  OP.defineProbe('embed', function (p, probe) {
    return new Promise(function (resolve) {
      var tag = p.element === 'style' ? 'link' : p.element;
      var el = OP.track(probe.scope, document.createElement(tag));
      var errors = [];
      function onError(e) {
        // Scripts of other probes run in this page too, and a muted error names no file: the
        // event is this script's only while it is the document's currentScript (HTML's "execute
        // the script element" sets it around running the script, whose errors are reported there).
        if (document.currentScript !== el) return;
        // HTML's muted shape is the whole event: "Script error.", "", 0, 0 and error null. The
        // filename is named, not copied: the script's own URL, any other URL, or empty.
        var file = String(e.filename === undefined ? '' : e.filename);
        errors.push({
          message: String(e.message),
          muted: e.message === 'Script error.' || e.message === 'Script error',
          filename: file === '' ? '' : file === el.src ? 'src' : 'other',
          lineno: e.lineno,
          colno: e.colno,
          error: e.error === null ? 'null' : e.error === undefined ? 'undefined' : typeof e.error,
        });
      }
      if (p.element === 'script') self.addEventListener('error', onError);
      if (p.crossorigin !== undefined) el.setAttribute('crossorigin', p.crossorigin);
      var settled = false;
      function finish(event) {
        if (settled) return;
        settled = true;
        // A script runs (signals, window error events) before its element's load event; one task
        // turn is all the reading needs.
        setTimeout(function () {
          if (p.element === 'script') self.removeEventListener('error', onError);
          var out = { loaded: event === 'load', event: event };
          var r = p.read && p.read !== 'none' ? readBack(p.read, el) : undefined;
          if (r) out.read = r;
          if (p.signal) out.signals = OP.signalsFrom(p.signal, el.src);
          if (p.element === 'script') {
            out.scriptError = errors.length ? errors[0] : null;
          }
          resolve(out);
        }, 0);
      }
      el.addEventListener('load', function () {
        finish('load');
      });
      el.addEventListener('error', function () {
        finish('error');
      });
      if (p.element === 'audio' || p.element === 'video') {
        el.preload = 'auto';
        el.addEventListener('loadedmetadata', function () {
          finish('load');
        });
        el.addEventListener('canplay', function () {
          finish('load');
        });
      }
      if (tag === 'link') {
        el.rel = 'stylesheet';
        el.href = p.target.url;
      } else el.src = p.target.url;
      (document.body || document.documentElement).appendChild(el);
      // Load and error are events; 'none' (neither fired) is what the ceiling is for.
      setTimeout(
        function () {
          finish('none');
        },
        OP.ceiling(probe, p.waitMs, 3000),
      );
    });
  });
})();
