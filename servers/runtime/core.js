// originproof probe runtime: core. Plain browser JavaScript, no build step, loaded by
// runner pages and agent documents on every origin. Probes register with OP.defineProbe
// and return plain JSON observations; nothing here decides pass or fail.
(function () {
  'use strict';
  var OP = (self.OP = self.OP || {});
  OP.version = 1;
  OP.probes = OP.probes || {};
  OP.signals = OP.signals || {};
  OP.handles = OP.handles || {};
  var params = new URLSearchParams(location.search);
  OP.visitId = params.get('v') || (/\/__op\/visit\/([^/?#]+)/.exec(location.pathname) || [])[1] || '';

  OP.defineProbe = function (kind, fn) {
    OP.probes[kind] = fn;
  };

  /** Scripts under test call this to prove they ran (JSONP callbacks, cross-origin scripts). */
  OP.signal = function (name, value) {
    (OP.signals[name] = OP.signals[name] || []).push(value === undefined ? true : value);
  };

  OP.sleep = function (ms) {
    return new Promise(function (r) {
      setTimeout(r, ms);
    });
  };

  OP.errorName = function (e) {
    if (e === undefined || e === null) return String(e);
    return (e && e.name) || (e && e.constructor && e.constructor.name) || typeof e;
  };

  /** Runs fn synchronously; reports whether it threw and what. */
  OP.attempt = function (fn) {
    try {
      var value = fn();
      return { allowed: true, valueType: OP.typeOf(value) };
    } catch (e) {
      return { allowed: false, error: OP.errorName(e) };
    }
  };

  OP.typeOf = function (v) {
    if (v === null) return 'null';
    var t = typeof v;
    if (t !== 'object') return t;
    try {
      if (v === v.window) return 'window';
    } catch (e) {
      return 'window';
    }
    return 'object';
  };

  OP.withTimeout = function (promise, ms, onTimeout) {
    var timer;
    return Promise.race([
      promise,
      new Promise(function (resolve) {
        timer = setTimeout(function () {
          resolve(onTimeout ? onTimeout() : { timedOut: true });
        }, ms);
      }),
    ]).finally(function () {
      clearTimeout(timer);
    });
  };

  // ---- messaging with agent documents (frames and popups on other origins) ----
  var nextId = 1;
  var pending = {};
  var hellos = [];
  self.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object') return;
    if (d.opRpcReply && pending[d.opRpcReply]) {
      pending[d.opRpcReply](d.result);
      delete pending[d.opRpcReply];
    } else if (d.opHello) {
      hellos.push({ source: e.source, origin: e.origin, data: d });
      hellos.forEach(function () {});
      OP._helloWaiters = (OP._helloWaiters || []).filter(function (w) {
        return !w(e.source, e.origin, d);
      });
    }
  });

  /** Resolves when the agent in `win` says hello (or after ms with null). */
  OP.waitForHello = function (win, ms) {
    for (var i = 0; i < hellos.length; i++) if (hellos[i].source === win) return Promise.resolve(hellos[i]);
    return new Promise(function (resolve) {
      var done = false;
      OP._helloWaiters = OP._helloWaiters || [];
      OP._helloWaiters.push(function (source, origin, data) {
        if (done || source !== win) return false;
        done = true;
        resolve({ source: source, origin: origin, data: data });
        return true;
      });
      setTimeout(function () {
        if (!done) {
          done = true;
          resolve(null);
        }
      }, ms);
    });
  };

  OP.rpc = function (win, message, ms) {
    var id = 'r' + nextId++ + '-' + Math.random().toString(36).slice(2);
    return new Promise(function (resolve) {
      pending[id] = resolve;
      message.opRpc = id;
      try {
        win.postMessage(message, '*');
      } catch (e) {
        delete pending[id];
        resolve({ probeError: 'postMessage to agent failed: ' + OP.errorName(e) });
        return;
      }
      setTimeout(function () {
        if (pending[id]) {
          delete pending[id];
          resolve({ timedOut: true, probeError: 'agent did not answer' });
        }
      }, ms);
    });
  };

  /** Opens an agent document (a resolved target whose response is kind "agent"). */
  OP.openAgent = function (spec, ms) {
    ms = ms || 5000;
    var url = spec.url;
    if (spec.via === 'popup') {
      var w = null;
      var openError;
      try {
        w = window.open(url, spec.name || '', spec.features || '');
      } catch (e) {
        openError = OP.errorName(e);
      }
      if (!w) return Promise.resolve({ win: null, opened: false, error: openError, ready: false });
      return OP.waitForHello(w, ms).then(function (h) {
        return { win: w, opened: true, ready: !!h, helloOrigin: h && h.origin };
      });
    }
    var frame = document.createElement('iframe');
    if (spec.sandbox !== undefined && spec.sandbox !== null) frame.setAttribute('sandbox', spec.sandbox);
    if (spec.allow) frame.setAttribute('allow', spec.allow);
    if (spec.name) frame.name = spec.name;
    var loaded = new Promise(function (resolve) {
      frame.addEventListener(
        'load',
        function () {
          resolve(true);
        },
        { once: true },
      );
    });
    frame.src = url;
    (document.body || document.documentElement).appendChild(frame);
    var win = frame.contentWindow;
    return Promise.race([
      OP.waitForHello(win, ms),
      // A frame that loads but never says hello (no script allowed, blocked by XFO...) settles early.
      // (3 s: on a loaded machine the hello can trail the load event.)
      loaded.then(function () {
        return OP.waitForHello(win, 3000);
      }),
    ]).then(function (h) {
      return { win: win, frame: frame, opened: true, ready: !!h, helloOrigin: h && h.origin };
    });
  };

  OP.closeAgent = function (handle) {
    try {
      if (handle.frame) handle.frame.remove();
      else if (handle.win) handle.win.close();
    } catch (e) {
      /* a severed popup may refuse; the context closes with the visit */
    }
  };

  /** Runs a planned probe, relaying it through its browsing contexts (outermost first). */
  OP.runProbe = function (probe) {
    var context = probe.context || [];
    if (context.length === 0) {
      var fn = OP.probes[probe.kind];
      if (!fn) return Promise.resolve({ probeError: 'unknown probe kind ' + probe.kind + ' in this runtime' });
      return Promise.resolve()
        .then(function () {
          return fn(probe.params || {}, probe);
        })
        .catch(function (e) {
          return { probeError: 'probe threw ' + OP.errorName(e) + ': ' + (e && e.message) };
        });
    }
    var first = context[0];
    var rest = Object.assign({}, probe, { context: context.slice(1) });
    // The context gets most of the probe's own bound: on a loaded machine the frame itself can be slow.
    return OP.openAgent(first, Math.max(5000, (probe.timeoutMs || 5000) - 2000)).then(function (h) {
      if (!h.ready) {
        OP.closeAgent(h);
        return { contextReady: false, contextOpened: h.opened };
      }
      return OP.rpc(h.win, { op: 'run', probe: rest }, (probe.timeoutMs || 5000) - 200).then(function (r) {
        OP.closeAgent(h);
        return r;
      });
    });
  };

  // ---- mailbox on the fixture server, for contexts that cannot postMessage (severed by COOP) ----
  OP.mail = {
    post: function (key, value) {
      return fetch('/__op/mail/' + OP.visitId + '/' + encodeURIComponent(key), {
        method: 'POST',
        body: JSON.stringify(value),
        headers: { 'Content-Type': 'text/plain' },
      }).catch(function () {});
    },
    take: function (key, waitMs) {
      return fetch('/__op/mail/' + OP.visitId + '/' + encodeURIComponent(key) + '?wait=' + (waitMs || 0))
        .then(function (r) {
          return r.json();
        })
        .catch(function () {
          return [];
        });
    },
  };

  OP.selfInfo = function () {
    return {
      origin: self.origin,
      href: location.href,
      userAgent: navigator.userAgent,
      isSecureContext: self.isSecureContext,
      crossOriginIsolated: self.crossOriginIsolated === true,
    };
  };
})();
