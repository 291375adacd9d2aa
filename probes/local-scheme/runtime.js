/* global SharedWorker */
// local-scheme: a document or worker the page creates without a response of its own (about:blank,
// about:srcdoc, blob:, data:) fetches a target with mode no-cors; whether the load succeeds says which
// embedder policy the context holds (a cross-origin response without CORP fails under require-corp).
// The contexts are shared by every local-scheme probe of the visit (created once per window, kept
// open), so a scenario, its control and its neighbours cost one frame, popup or worker per context.
// The foreign-blob-* contexts use a blob: URL that another document created: a same-origin frame
// (`creator`, with its own policies) mints it in its own realm, and the page navigates a frame or
// popup to it or starts a worker from it. One creator frame per window, shared like the contexts
// (the rows of one page declare the same creator).
// params: { context, target: { url }, via?: { url }, creator?: { url }, waitMs? }
// observation: { ready, scheme?, origin?, loaded?, error?, crossOriginIsolated? }
(function () {
  'use strict';
  var OP = self.OP;
  var shared = {};
  var nextCall = 1;

  // The code a data: document or a blob:/data: worker runs: fetch on request, answer with the result.
  function answerer(reply) {
    return (
      'function opAnswer(d, post) {' +
      '  if (!d || !d.opLocal) return;' +
      "  var base = { opLocal: d.opLocal, scheme: self.location.protocol.replace(':', ''), origin: self.origin, crossOriginIsolated: self.crossOriginIsolated === true };" +
      "  fetch(d.url, { mode: 'no-cors', credentials: 'include' }).then(function () { base.loaded = true; post(base); }," +
      '    function (e) { base.loaded = false; base.error = (e && e.name) || String(e); post(base); });' +
      '}' +
      reply
    );
  }
  var DATA_DOC =
    '<!doctype html><title>local</title><script>' +
    answerer("onmessage = function (e) { opAnswer(e.data, function (r) { parent.postMessage(r, '*'); }); }; parent.postMessage({ opLocalHello: true }, '*');") +
    '<' +
    '/script>';
  var DEDICATED = answerer('onmessage = function (e) { opAnswer(e.data, function (r) { postMessage(r); }); }; postMessage({ opLocalHello: true });');
  var SHARED = answerer(
    'onconnect = function (c) { var port = c.ports[0]; port.onmessage = function (e) { opAnswer(e.data, function (r) { port.postMessage(r); }); }; port.postMessage({ opLocalHello: true }); };',
  );

  function blobUrl(text, type) {
    return URL.createObjectURL(new Blob([text], { type: type }));
  }

  // A same-origin window: its own fetch, so the request's client is that window's settings object.
  function windowContext(win) {
    return {
      ready: true,
      call: function (url) {
        var base = { scheme: win.location.protocol.replace(':', ''), origin: win.origin, crossOriginIsolated: win.crossOriginIsolated === true };
        return win.fetch(url, { mode: 'no-cors', credentials: 'include' }).then(
          function () {
            base.loaded = true;
            return base;
          },
          function (e) {
            base.loaded = false;
            base.error = OP.errorName(e);
            return base;
          },
        );
      },
    };
  }

  // A context that answers by message (a data: frame, a worker): hello first, then one answer per call.
  function messageContext(post, listen, ms) {
    var waiting = {};
    var hello;
    var helloSeen = new Promise(function (r) {
      hello = r;
    });
    listen(function (d) {
      if (d && d.opLocalHello) hello(true);
      else if (d && d.opLocal && waiting[d.opLocal]) waiting[d.opLocal](d);
    });
    return OP.withTimeout(helloSeen, ms, function () {
      return false;
    }).then(function (ok) {
      if (!ok) return { ready: false };
      return {
        ready: true,
        call: function (url, callMs) {
          var id = 'c' + nextCall++;
          var answer = new Promise(function (r) {
            waiting[id] = r;
          });
          post({ opLocal: id, url: url });
          return OP.withTimeout(answer, callMs).then(function (r) {
            delete waiting[id];
            delete r.opLocal;
            return r;
          });
        },
      };
    });
  }

  // A frame, its first load event awaited from before it is inserted (an empty frame may fire it during insertion).
  function frame(setup) {
    var f = document.createElement('iframe');
    f.opLoaded = new Promise(function (r) {
      f.addEventListener('load', r, { once: true });
    });
    setup(f);
    (document.body || document.documentElement).appendChild(f);
    return f;
  }
  function loaded(f, ms) {
    return OP.withTimeout(f.opLoaded, ms, function () {
      return null;
    });
  }
  // A same-origin window showing a document of `scheme` that has finished loading (read through the window).
  function shows(win, test, ms) {
    return OP.until(function () {
      return test(win.location.href) && win.document.readyState === 'complete';
    }, ms);
  }
  function isBlank(href) {
    return href === 'about:blank';
  }

  var MAKERS = {
    'about-blank-frame': function (p, ms) {
      var f = frame(function () {});
      // The frame's load event, fired during or soon after insertion, at most a second.
      return loaded(f, Math.min(ms, 1000)).then(function () {
        return windowContext(f.contentWindow);
      });
    },
    'about-blank-frame-navigated': function (p, ms) {
      var f = frame(function (el) {
        el.src = p.via.url;
      });
      return loaded(f, ms / 2).then(function () {
        var first = f.contentWindow.document;
        f.src = 'about:blank';
        return OP.until(function () {
          return f.contentWindow.document !== first && isBlank(f.contentWindow.location.href) && f.contentWindow.document.readyState === 'complete';
        }, ms / 2).then(function (ok) {
          return ok ? windowContext(f.contentWindow) : { ready: false };
        });
      });
    },
    'srcdoc-frame': function (p, ms) {
      var f = frame(function (el) {
        el.srcdoc = '<!doctype html><title>srcdoc</title>';
      });
      return shows(
        f.contentWindow,
        function (h) {
          return h === 'about:srcdoc';
        },
        ms,
      ).then(function (ok) {
        return ok ? windowContext(f.contentWindow) : { ready: false };
      });
    },
    'blob-frame': function (p, ms) {
      var url = blobUrl('<!doctype html><title>blob</title>', 'text/html');
      var f = frame(function (el) {
        el.src = url;
      });
      return shows(
        f.contentWindow,
        function (h) {
          return h === url;
        },
        ms,
      ).then(function (ok) {
        return ok ? windowContext(f.contentWindow) : { ready: false };
      });
    },
    'data-frame': function (p, ms) {
      var f = frame(function (el) {
        el.src = 'data:text/html,' + encodeURIComponent(DATA_DOC);
      });
      return messageContext(
        function (m) {
          f.contentWindow.postMessage(m, '*');
        },
        function (on) {
          window.addEventListener('message', function (e) {
            if (e.source === f.contentWindow) on(e.data);
          });
        },
        ms,
      );
    },
    'about-blank-popup': function (p, ms) {
      var w = window.open('', '_blank');
      if (!w) return Promise.resolve({ ready: false });
      return OP.until(function () {
        return isBlank(w.location.href);
      }, ms).then(function (ok) {
        return ok ? windowContext(w) : { ready: false };
      });
    },
    'about-blank-popup-navigated': function (p, ms) {
      var w = window.open(p.via.url, '_blank');
      if (!w) return Promise.resolve({ ready: false });
      var first;
      return shows(
        w,
        function (h) {
          return h.indexOf(p.via.url.split('#')[0]) === 0;
        },
        ms / 2,
      )
        .then(function (ok) {
          if (!ok) return false;
          first = w.document;
          w.location.href = 'about:blank';
          return OP.until(function () {
            return w.document !== first && isBlank(w.location.href) && w.document.readyState === 'complete';
          }, ms / 2);
        })
        .then(function (ok) {
          return ok ? windowContext(w) : { ready: false };
        });
    },
    'blob-popup': function (p, ms) {
      var url = blobUrl('<!doctype html><title>blob</title>', 'text/html');
      var w = window.open(url, '_blank');
      if (!w) return Promise.resolve({ ready: false });
      return shows(
        w,
        function (h) {
          return h === url;
        },
        ms,
      ).then(function (ok) {
        return ok ? windowContext(w) : { ready: false };
      });
    },
    'blob-worker': function (p, ms) {
      return dedicated(blobUrl(DEDICATED, 'text/javascript'), ms);
    },
    'data-worker': function (p, ms) {
      return dedicated('data:text/javascript,' + encodeURIComponent(DEDICATED), ms);
    },
    'blob-shared-worker': function (p, ms) {
      return sharedWorker(blobUrl(SHARED, 'text/javascript'), ms);
    },
    'data-shared-worker': function (p, ms) {
      return sharedWorker('data:text/javascript,' + encodeURIComponent(SHARED), ms);
    },
  };

  // The creator frame, made once per window: a blob: URL made in its realm (the Function runs there,
  // so the blob URL entry's environment is the creator's settings object, not the page's).
  var creator = null;
  function foreignBlob(p, text, type, ms) {
    if (!creator) {
      var f = frame(function (el) {
        el.src = p.creator.url;
      });
      creator = loaded(f, ms).then(function (ev) {
        return ev ? f.contentWindow : null;
      });
    }
    return creator.then(function (win) {
      if (!win) {
        creator = null;
        throw new Error('the creator frame did not load');
      }
      return win.Function('t', 'ty', 'return URL.createObjectURL(new Blob([t], { type: ty }));')(text, type);
    });
  }
  function foreignDocument(p, ms, inPopup) {
    var started = Date.now();
    return foreignBlob(p, '<!doctype html><title>blob</title>', 'text/html', ms / 2).then(function (url) {
      var win;
      if (inPopup) {
        win = window.open(url, '_blank');
        if (!win) return { ready: false };
      } else {
        win = frame(function (el) {
          el.src = url;
        }).contentWindow;
      }
      return shows(
        win,
        function (h) {
          return h === url;
        },
        Math.max(300, ms - (Date.now() - started)),
      ).then(function (ok) {
        return ok ? windowContext(win) : { ready: false };
      });
    });
  }
  MAKERS['foreign-blob-frame'] = function (p, ms) {
    return foreignDocument(p, ms, false);
  };
  MAKERS['foreign-blob-popup'] = function (p, ms) {
    return foreignDocument(p, ms, true);
  };
  MAKERS['foreign-blob-worker'] = function (p, ms) {
    return foreignBlob(p, DEDICATED, 'text/javascript', ms / 2).then(function (url) {
      return dedicated(url, ms / 2);
    });
  };
  MAKERS['foreign-blob-shared-worker'] = function (p, ms) {
    return foreignBlob(p, SHARED, 'text/javascript', ms / 2).then(function (url) {
      return sharedWorker(url, ms / 2);
    });
  };

  function dedicated(url, ms) {
    var w = new Worker(url);
    return messageContext(
      function (m) {
        w.postMessage(m);
      },
      function (on) {
        w.onmessage = function (e) {
          on(e.data);
        };
      },
      ms,
    );
  }
  function sharedWorker(url, ms) {
    var w = new SharedWorker(url);
    return messageContext(
      function (m) {
        w.port.postMessage(m);
      },
      function (on) {
        w.port.onmessage = function (e) {
          on(e.data);
        };
        w.port.start();
      },
      ms,
    );
  }

  // The window's own context of this kind, made on first use (one that did not come up is made again next time).
  function context(p, ms) {
    if (!shared[p.context]) {
      shared[p.context] = Promise.resolve()
        .then(function () {
          return MAKERS[p.context](p, ms);
        })
        .catch(function (e) {
          return { ready: false, error: OP.errorName(e) };
        })
        .then(function (c) {
          if (!c.ready) delete shared[p.context];
          return c;
        });
    }
    return shared[p.context];
  }

  OP.defineProbe('local-scheme', function (p, probe) {
    var bound = OP.ceiling(probe, p.waitMs, 6000);
    var started = Date.now();
    return context(p, Math.max(500, bound - 1500)).then(function (c) {
      if (!c.ready) return c.error ? { ready: false, error: c.error } : { ready: false };
      var left = Math.max(300, bound - (Date.now() - started));
      return Promise.resolve(c.call(p.target.url, left)).then(function (r) {
        if (r.timedOut) return { ready: true, timedOut: true };
        return Object.assign({ ready: true }, r);
      });
    });
  });
})();
