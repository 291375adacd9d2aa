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
  // The visit's secret arrives in this document's fragment (never sent to a server, never in a
  // Referer); it is taken out of the URL at once, so nothing this document runs or reports sees it.
  var secretMatch = /(?:^#|&)op-secret=([0-9a-f]+)/.exec(location.hash);
  OP.secret = secretMatch ? secretMatch[1] : '';
  if (secretMatch) {
    try {
      self.history.replaceState(self.history.state, '', location.href.replace(/#.*$/, ''));
    } catch (e) {
      /* a document that may not rewrite its URL keeps the fragment */
    }
  }

  /**
   * The URL to open a planned document at: an agent that reports to the mailbox (its URL names a
   * `mail` key) gets the visit's secret in its fragment, so it alone can write its mail.
   */
  OP.docUrl = function (url) {
    if (!OP.secret || typeof url !== 'string' || url.indexOf('#') >= 0 || !/[?&]mail=/.test(url)) return url;
    return url + '#op-secret=' + OP.secret;
  };

  OP.defineProbe = function (kind, fn) {
    OP.probes[kind] = fn;
  };

  /**
   * Scripts under test call this to prove they ran (JSONP callbacks, cross-origin scripts). Each
   * signal remembers the script that sent it, so a probe reads only its own script's signals
   * (a scenario and its control use the same name and may run at the same time).
   */
  OP.signal = function (name, value) {
    var from = document.currentScript && document.currentScript.src ? document.currentScript.src : '';
    (OP.signals[name] = OP.signals[name] || []).push({ value: value === undefined ? true : value, from: from });
  };

  /** The values signalled under `name` by the script loaded from `src`. */
  OP.signalsFrom = function (name, src) {
    return (OP.signals[name] || [])
      .filter(function (s) {
        return s.from === src;
      })
      .map(function (s) {
        return s.value;
      });
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

  /**
   * A ceiling for one wait inside a probe: the scenario's own `waitMs` or the kind's default,
   * never more than the probe's bound less `margin` (what the probe still has to do after it).
   */
  OP.ceiling = function (probe, waitMs, fallback, margin) {
    var bound = (probe && probe.timeoutMs) || 5000;
    return Math.max(100, Math.min(waitMs || fallback, bound - (margin || 500)));
  };

  /** Resolves true when `check()` becomes true (checked every animation-free 20 ms), false at `ms`. */
  OP.until = function (check, ms) {
    var deadline = Date.now() + ms;
    return new Promise(function (resolve) {
      (function poll() {
        var ok;
        try {
          ok = !!check();
        } catch (e) {
          ok = false;
        }
        if (ok) return resolve(true);
        if (Date.now() >= deadline) return resolve(false);
        setTimeout(poll, 20);
      })();
    });
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
  // Hellos that arrived before anyone waited for them (a frame can load faster than the probe
  // gets to wait). Consumed when matched; bounded, so a long visit does not accumulate them.
  var hellos = [];
  var MAX_HELLOS = 64;
  var helloWaiters = [];
  self.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object') return;
    if (d.opPing) {
      // The one ping protocol: every page that loads the runtime (runner or agent) answers with
      // what the browser told it about the sender.
      try {
        e.source.postMessage({ opPong: d.opPing, origin: e.origin, selfOrigin: self.origin }, '*');
      } catch (err) {}
    } else if (d.opRpcReply && pending[d.opRpcReply]) {
      pending[d.opRpcReply](d.result);
      delete pending[d.opRpcReply];
    } else if (d.opHello) {
      var hello = { source: e.source, origin: e.origin, data: d };
      for (var i = 0; i < helloWaiters.length; i++) {
        if (helloWaiters[i](hello)) {
          helloWaiters.splice(i, 1);
          return;
        }
      }
      hellos.push(hello);
      if (hellos.length > MAX_HELLOS) hellos.shift();
    }
  });

  /**
   * Resolves with the first hello that `match(hello)` accepts (or null after ms). `match` is a
   * window (the hello's source) or a predicate.
   */
  OP.waitForHello = function (match, ms) {
    var accept =
      typeof match === 'function'
        ? match
        : function (h) {
            return h.source === match;
          };
    for (var i = 0; i < hellos.length; i++) {
      if (accept(hellos[i])) return Promise.resolve(hellos.splice(i, 1)[0]);
    }
    return new Promise(function (resolve) {
      var timer;
      function waiter(h) {
        if (!accept(h)) return false;
        clearTimeout(timer);
        resolve(h);
        return true;
      }
      helloWaiters.push(waiter);
      timer = setTimeout(function () {
        var at = helloWaiters.indexOf(waiter);
        if (at >= 0) helloWaiters.splice(at, 1);
        resolve(null);
      }, ms);
    });
  };

  /**
   * Resolves with the pong to a ping sent to `win` with `targetOrigin` (default '*'): null when
   * none came within ms, { error } when postMessage itself threw.
   */
  OP.ping = function (win, ms, targetOrigin) {
    var id = 'ping' + nextId++ + '-' + Math.random().toString(36).slice(2);
    return new Promise(function (resolve) {
      var timer;
      function on(e) {
        var d = e.data;
        if (!d || typeof d !== 'object' || d.opPong !== id) return;
        self.removeEventListener('message', on);
        clearTimeout(timer);
        resolve({ origin: d.origin, selfOrigin: d.selfOrigin, receivedFrom: e.origin });
      }
      self.addEventListener('message', on);
      timer = setTimeout(function () {
        self.removeEventListener('message', on);
        resolve(null);
      }, ms);
      try {
        win.postMessage({ opPing: id }, targetOrigin === undefined ? '*' : targetOrigin);
      } catch (e) {
        self.removeEventListener('message', on);
        clearTimeout(timer);
        resolve({ error: OP.errorName(e) });
      }
    });
  };

  // ---- what a probe opened, so a probe that runs out of time can close it ----
  /** A new scope for one probe run: frames, windows and elements it opened. */
  OP.newScope = function () {
    return { opened: [], closed: false };
  };
  /** Registers a frame/element (removed) or window (closed) with a scope; returns it. */
  OP.track = function (scope, thing) {
    if (scope && thing) {
      if (scope.closed) OP.dispose(thing);
      else scope.opened.push(thing);
    }
    return thing;
  };
  OP.dispose = function (thing) {
    try {
      if (thing && typeof thing.remove === 'function' && thing.nodeType) thing.remove();
      else if (thing && typeof thing.terminate === 'function') thing.terminate();
      else if (thing && typeof thing.close === 'function') thing.close();
    } catch (e) {
      /* a severed popup may refuse; the context closes with the visit */
    }
  };
  /** Closes everything a probe opened (a probe that timed out is abandoned, not left running). */
  OP.closeScope = function (scope) {
    if (!scope || scope.closed) return;
    scope.closed = true;
    scope.opened.forEach(OP.dispose);
    scope.opened = [];
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
      var timer = setTimeout(function () {
        if (pending[id]) {
          delete pending[id];
          resolve({ timedOut: true, probeError: 'agent did not answer' });
        }
      }, ms);
      var settle = pending[id];
      pending[id] = function (result) {
        clearTimeout(timer);
        settle(result);
      };
    });
  };

  /**
   * Opens an agent document (a resolved target whose response is kind "agent") and waits, at most
   * `ms`, for its hello. What it opens is tracked in `scope`.
   */
  OP.openAgent = function (spec, ms, scope, pinned) {
    var url = OP.docUrl(spec.url);
    if (spec.via === 'popup') {
      var w = null;
      var openError;
      try {
        w = window.open(url, spec.name || '', spec.features || '');
      } catch (e) {
        openError = OP.errorName(e);
      }
      if (!w) return Promise.resolve({ win: null, opened: false, error: openError, ready: false });
      OP.track(scope, w);
      return OP.waitForHello(w, ms).then(function (h) {
        return { win: w, opened: true, ready: !!h, helloOrigin: h && h.origin };
      });
    }
    var frame = document.createElement('iframe');
    if (spec.sandbox !== undefined && spec.sandbox !== null) frame.setAttribute('sandbox', spec.sandbox);
    if (spec.allow) frame.setAttribute('allow', spec.allow);
    if (spec.credentialless) frame.setAttribute('credentialless', '');
    if (spec.name) frame.name = spec.name;
    if (pinned) OP.pin(frame);
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
    OP.track(scope, frame);
    (document.body || document.documentElement).appendChild(frame);
    var win = frame.contentWindow;
    var started = Date.now();
    return Promise.race([
      OP.waitForHello(win, ms),
      // A frame that loads but never says hello (no script allowed, blocked by XFO...) settles
      // before the bound: its hello, if any, follows the load event closely (a quarter of the
      // bound, at least 1 s, covers a loaded machine).
      loaded.then(function () {
        return OP.waitForHello(win, Math.min(Math.max(1000, ms / 4), Math.max(0, ms - (Date.now() - started))));
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

  /**
   * Runs a planned probe, relaying it through its browsing contexts (outermost first). Probes get
   * `probe.scope` to track what they open; bounds inside a probe derive from `probe.timeoutMs`.
   */
  OP.runProbe = function (probe, scope) {
    scope = scope || OP.newScope();
    var bound = probe.timeoutMs || 5000;
    var context = probe.context || [];
    if (context.length === 0) {
      var fn = OP.probes[probe.kind];
      if (!fn) return Promise.resolve({ probeError: 'unknown probe kind ' + probe.kind + ' in this runtime' });
      var local = Object.assign({}, probe, { scope: scope });
      return Promise.resolve()
        .then(function () {
          return fn(probe.params || {}, local);
        })
        .catch(function (e) {
          return { probeError: 'probe threw ' + OP.errorName(e) + ': ' + (e && e.message) };
        });
    }
    var first = context[0];
    var rest = Object.assign({}, probe, { context: context.slice(1), timeoutMs: Math.max(500, bound - 1000) });
    var started = Date.now();
    // The context may take most of the probe's bound (a frame on a loaded machine is slow); the
    // rest of the bound goes to the work inside it. A probe that asks for a real click has its
    // frames pinned to the viewport's corner, where the driver clicks.
    var pinned = !!(probe.params && probe.params.userClick);
    return OP.openAgent(first, Math.max(500, bound - 1000), scope, pinned).then(function (h) {
      if (!h.ready) {
        OP.closeAgent(h);
        return { contextReady: false, contextOpened: h.opened };
      }
      var left = Math.max(500, bound - (Date.now() - started) - 100);
      rest.timeoutMs = Math.max(400, left - 200);
      // The agent learns the visit's secret from its opener's message, for the contexts it opens in turn.
      return OP.rpc(h.win, { op: 'run', probe: rest, secret: OP.secret }, left).then(function (r) {
        OP.closeAgent(h);
        return r;
      });
    });
  };

  // ---- real clicks of the driver (user activation) ----
  /** Where a pinned element lies in its window, and where the driver clicks: inside it at every depth. */
  OP.PIN = { width: 240, height: 120, clickX: 40, clickY: 30 };
  var clicks = 0;
  /** Pins an element (a frame, a link) over the window's top-left corner, above everything. */
  OP.pin = function (el) {
    el.style.cssText =
      'position:fixed;left:0;top:0;width:' +
      OP.PIN.width +
      'px;height:' +
      OP.PIN.height +
      'px;margin:0;border:0;padding:0;z-index:2147483647;background:#fff;display:block';
    return el;
  };
  /**
   * Asks the driver for a real click at the pinned corner (the document must lie there: the
   * page itself, or a frame pinned at every depth) and waits, at most ms, for it to arrive here.
   * `onClick(event)` runs inside the click's own handler (while the activation is fresh); the
   * result is { clicked, trusted, result (onClick's), driverError? }.
   */
  /** Resolves after two animation frames (a frame painted since now), or 500 ms where frames do not run. */
  OP.painted = function () {
    return new Promise(function (resolve) {
      var t = setTimeout(resolve, 500);
      self.requestAnimationFrame(function () {
        self.requestAnimationFrame(function () {
          clearTimeout(t);
          resolve();
        });
      });
    });
  };
  /** A click the driver made is given this long to arrive before it is asked for again, at most this many times. */
  var CLICK_SETTLE_MS = 600;
  var CLICK_ATTEMPTS = 3;
  OP.userClick = function (probe, ms, onClick) {
    var n = 'c' + ++clicks + '-' + Math.random().toString(36).slice(2, 8);
    return new Promise(function (resolve) {
      var done = false;
      var finish = function (out) {
        if (done) return;
        done = true;
        clearTimeout(timer);
        window.removeEventListener('click', listener, true);
        resolve(out);
      };
      var listener = function (e) {
        var result;
        try {
          result = onClick ? onClick(e) : undefined;
        } catch (err) {
          result = { error: OP.errorName(err) };
        }
        finish({ clicked: true, trusted: e.isTrusted === true, result: result });
      };
      window.addEventListener('click', listener, true);
      var timer = setTimeout(function () {
        finish({ clicked: false });
      }, ms);
      // The pinned element must be painted before the driver clicks: the browser routes input by
      // what the last frame showed (a shared frame of another probe may lie under the corner).
      // A click the driver made that did not arrive here (the browser's own UI took it, e.g. a
      // permission prompt of an earlier probe closing) is asked for again while time is left.
      var deadline = Date.now() + ms;
      var ask = function (attempt) {
        var key = n + '-' + attempt;
        return OP.painted()
          .then(function () {
            return OP.mail.post(probe.key + '/click/' + key, { x: OP.PIN.clickX, y: OP.PIN.clickY });
          })
          .then(function () {
            return OP.mail.take(probe.key + '/clicked/' + key, Math.max(0, deadline - Date.now()));
          })
          .then(function (answer) {
            var a = answer && answer[0];
            if (a && a.error) return finish({ clicked: false, driverError: String(a.error) });
            if (!a || attempt >= CLICK_ATTEMPTS) return undefined;
            return OP.sleep(CLICK_SETTLE_MS).then(function () {
              if (!done && deadline - Date.now() > CLICK_SETTLE_MS) return ask(attempt + 1);
              return undefined;
            });
          });
      };
      ask(1);
    });
  };

  // ---- mailbox on the fixture server, for contexts that cannot postMessage (severed by COOP) ----
  OP.mail = {
    post: function (key, value) {
      return fetch('/__op/mail/' + OP.visitId + '/' + encodeURIComponent(key), {
        method: 'POST',
        body: JSON.stringify({ secret: OP.secret, value: value }),
        headers: { 'Content-Type': 'text/plain' },
      }).catch(function () {});
    },
    take: function (key, waitMs) {
      if (!(waitMs > 0))
        return fetch('/__op/mail/' + OP.visitId + '/' + encodeURIComponent(key) + '?wait=0')
          .then(function (r) {
            return r.json();
          })
          .catch(function () {
            return [];
          });
      return new Promise(function (resolve) {
        waits.push({ key: key, deadline: Date.now() + waitMs, resolve: resolve });
        if (!polling) poll();
      });
    },
  };

  // Every wait of this document shares one long-poll (a few per host fill the browser's
  // connections, and the mail they wait for comes over the same host). A poll lasts at most
  // POLL_MS, so a key added meanwhile is watched from the next one; mail already posted for it
  // answers that poll at once.
  var POLL_MS = 300;
  var waits = [];
  var polling = false;
  function poll() {
    var now = Date.now();
    waits = waits.filter(function (w) {
      if (w.deadline > now) return true;
      w.resolve([]);
      return false;
    });
    if (!waits.length) {
      polling = false;
      return;
    }
    polling = true;
    var keys = [];
    var until = Infinity;
    waits.forEach(function (w) {
      if (keys.indexOf(w.key) < 0) keys.push(w.key);
      until = Math.min(until, w.deadline);
    });
    var ms = Math.max(0, Math.min(POLL_MS, until - now));
    fetch('/__op/mail-any/' + OP.visitId + '?keys=' + encodeURIComponent(JSON.stringify(keys)) + '&wait=' + ms)
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .catch(function () {
        return null;
      })
      .then(function (got) {
        waits = waits.filter(function (w) {
          var mail = got && got[w.key];
          if (!mail || !mail.length) return true;
          w.resolve(mail);
          return false;
        });
        // A refused or failed poll is not retried at once: the waits then end at their deadlines.
        if (got) poll();
        else setTimeout(poll, POLL_MS);
      });
  }

  /**
   * Resolves true as soon as the server has received a request for the resolved target (a
   * navigation or form submission arrived), false at ms: the event that ends such probes.
   */
  OP.arrived = function (target, ms) {
    if (!target || !target.arrivalKey)
      return OP.sleep(ms).then(function () {
        return false;
      });
    return OP.mail.take(target.arrivalKey, ms).then(function (mail) {
      return !!(mail && mail.length);
    });
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
