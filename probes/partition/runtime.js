/* global caches, SharedWorker */
// partition: one storage API, written in one browsing context and read in another, where each
// context is a path of frames and popups from the page (outermost first). The contexts are shared
// by every partition probe of the visit (opened once per window, kept open), so a grid of
// APIs x relations costs a handful of frames and popups, not one per probe: every probe uses keys
// of its own, so sharing a context never lets one probe see another's data.
// With `access`, the reader first calls document.requestStorageAccess() (with the types asked for,
// the Storage Access API's extension to non-cookie storage) and reads through the handle it
// resolves with, or through its own APIs (which stay partitioned).
// params: { api, key, value, writer: [ctx...], reader: [ctx...], remove?: [ctx...], inWorker?, waitMs?, sharedWorker?, serviceWorker?, access?: { types?, via } | null }
// observation: { contexts: { writer, reader, remove? }, written, writeError?, value (null when absent), readError?, removed?, requested?, handle? }
(function () {
  'use strict';
  var OP = self.OP;
  var shared = {};
  var channels = {};
  var heldLocks = {};
  // The reader's storage-access request per probe key (a broadcast reader listens, then reads).
  var accessed = {};

  // Where an API's storage comes from: the document's own (partitioned in a third-party context), or a StorageAccessHandle's.
  var PLAIN = {
    localStorage: function () {
      return self.localStorage;
    },
    sessionStorage: function () {
      return self.sessionStorage;
    },
    indexedDB: function () {
      return self.indexedDB;
    },
    caches: function () {
      return self.caches;
    },
    locks: function () {
      return navigator.locks;
    },
    BroadcastChannel: function (name) {
      return new BroadcastChannel(name);
    },
  };

  // A handle's getters throw InvalidStateError for a type not requested: read lazily, inside the act.
  function handleEnv(h) {
    return {
      localStorage: function () {
        return h.localStorage;
      },
      sessionStorage: function () {
        return h.sessionStorage;
      },
      indexedDB: function () {
        return h.indexedDB;
      },
      caches: function () {
        return h.caches;
      },
      locks: function () {
        return h.locks;
      },
      BroadcastChannel: function (name) {
        return h.BroadcastChannel(name);
      },
    };
  }

  // The StorageAccessTypes member each API's handle accessor is gated by.
  var MEMBER = {
    localStorage: 'localStorage',
    sessionStorage: 'sessionStorage',
    indexedDB: 'indexedDB',
    cacheStorage: 'caches',
    broadcastChannel: 'BroadcastChannel',
    sharedWorker: 'SharedWorker',
    webLocks: 'locks',
    blobUrl: 'createObjectURL',
  };

  // A request still unsettled after this long waits on the user's answer to a prompt.
  var PROMPT_MS = 1500;

  // requestStorageAccess() with the types asked for ('all', a list of APIs, or none: cookies only):
  // { requested: 'granted' | error name | 'absent' | 'pending', handle: the resolved handle or null }.
  function requestAccess(types) {
    if (typeof document.requestStorageAccess !== 'function') return Promise.resolve({ requested: 'absent', handle: null });
    var arg;
    if (types === 'all') arg = { all: true };
    else if (types) {
      arg = {};
      types.forEach(function (api) {
        arg[MEMBER[api]] = true;
      });
    }
    var settled;
    try {
      settled = Promise.resolve(arg ? document.requestStorageAccess(arg) : document.requestStorageAccess()).then(
        function (h) {
          return { requested: 'granted', handle: h && typeof h === 'object' ? h : null };
        },
        function (e) {
          return { requested: OP.errorName(e), handle: null };
        },
      );
    } catch (e) {
      settled = Promise.resolve({ requested: OP.errorName(e), handle: null });
    }
    return Promise.race([
      settled,
      OP.sleep(PROMPT_MS).then(function () {
        return { requested: 'pending', handle: null };
      }),
    ]);
  }

  // The env a reader's act runs in: PLAIN, or the handle of its request (made once per probe key).
  function accessFor(act) {
    if (!act.access || (act.act !== 'read' && act.act !== 'listen')) return Promise.resolve({ env: PLAIN });
    if (!accessed[act.key]) accessed[act.key] = requestAccess(act.access.types);
    return accessed[act.key].then(function (r) {
      var env = act.access.via === 'handle' ? (r.handle ? handleEnv(r.handle) : null) : PLAIN;
      return { env: env, requested: r.requested, handle: !!r.handle };
    });
  }

  function contextKey(spec) {
    return [spec.via, spec.origin, spec.name || '', spec.sandbox === undefined ? '-' : spec.sandbox, spec.allow || '', spec.credentialless ? 'cl' : ''].join(
      '|',
    );
  }

  // The window's own opened context for spec, opened on first use (a failed open is retried by the next probe).
  function sharedContext(spec, ms) {
    var k = contextKey(spec);
    if (!shared[k]) {
      shared[k] = OP.openAgent(spec, ms, null).then(function (h) {
        if (!h.ready) {
          OP.closeAgent(h);
          delete shared[k];
        }
        return h;
      });
    }
    return shared[k];
  }

  // Runs one act at the end of path: here when the path is empty, else in the first context of it.
  function at(path, act, ms) {
    if (!path.length) return local(act, ms);
    var started = Date.now();
    return sharedContext(path[0], Math.max(500, ms - 300)).then(function (h) {
      if (!h.ready) return { contextReady: false };
      var left = Math.max(300, ms - (Date.now() - started));
      var rest = Object.assign({}, act, { path: path.slice(1), ms: left - 150 });
      return OP.rpc(h.win, { op: 'run', probe: { key: act.key, kind: 'partition-step', params: rest, context: [], timeoutMs: left } }, left);
    });
  }

  function req(r) {
    return new Promise(function (resolve, reject) {
      r.onsuccess = function () {
        resolve(r.result);
      };
      r.onerror = function () {
        reject(r.error);
      };
    });
  }

  function idb(act, env) {
    // A database of the probe's own: removal deletes the whole database, as clearing site data would.
    var name = 'op-' + act.key;
    var factory = env.indexedDB();
    if (act.act === 'remove') return req(factory.deleteDatabase(name));
    var open = factory.open(name, 1);
    open.onupgradeneeded = function () {
      open.result.createObjectStore('kv');
    };
    return req(open).then(function (db) {
      var store = db.transaction('kv', act.act === 'write' ? 'readwrite' : 'readonly').objectStore('kv');
      return req(act.act === 'write' ? store.put(act.value, 'k') : store.get('k')).then(function (v) {
        db.close();
        return v === undefined ? null : v;
      });
    });
  }

  function cache(act, env) {
    var name = 'op-' + act.key;
    var url = self.location.origin + '/__op/partition-cache/' + encodeURIComponent(act.key);
    var store = env.caches();
    if (act.act === 'remove') return store.delete(name);
    if (act.act === 'write')
      return store.open(name).then(function (c) {
        return c.put(url, new Response(act.value));
      });
    // has() first: open() would create the cache the reader is looking for.
    return store.has(name).then(function (has) {
      if (!has) return null;
      return store
        .open(name)
        .then(function (c) {
          return c.match(url);
        })
        .then(function (r) {
          return r ? r.text() : null;
        });
    });
  }

  function webStorage(act, env) {
    var store = env[act.api]();
    if (act.act === 'write') return store.setItem('op-' + act.key, act.value);
    if (act.act === 'remove') return store.removeItem('op-' + act.key);
    return store.getItem('op-' + act.key);
  }

  function broadcast(act, env) {
    var name = 'op-' + act.key;
    if (act.act === 'listen') {
      var got = (channels[name] = { values: [], ch: env.BroadcastChannel(name) });
      got.ch.onmessage = function (e) {
        got.values.push(e.data);
      };
      return Promise.resolve(null);
    }
    if (act.act === 'write') {
      var ch = new BroadcastChannel(name);
      ch.postMessage(act.value);
      return OP.sleep(50).then(function () {
        ch.close();
      });
    }
    var mine = channels[name];
    if (!mine) return Promise.reject(new Error('read before listen'));
    return OP.until(function () {
      return mine.values.length > 0;
    }, act.waitMs).then(function () {
      mine.ch.close();
      delete channels[name];
      return mine.values.length ? String(mine.values[0]) : null;
    });
  }

  function sharedWorker(act) {
    // One worker per (URL, name, storage key): the writer's instance keeps the value in memory.
    var w = new SharedWorker(act.sharedWorker, { name: 'op-' + act.key });
    return new Promise(function (resolve, reject) {
      w.port.onmessage = function (e) {
        resolve(e.data && e.data.value !== undefined ? e.data.value : null);
      };
      w.onerror = function () {
        reject(new Error('SharedWorker error event'));
      };
      w.port.start();
      w.port.postMessage(act.act === 'write' ? { set: act.value } : { get: true });
    });
  }

  // Written once the registration's worker is activated (an install that fails removes the
  // registration again), at most 2 s; read: the registration the reader's storage key has.
  function serviceWorker(act) {
    if (act.act === 'write')
      return navigator.serviceWorker.register(act.serviceWorker).then(function (reg) {
        return OP.until(function () {
          return !!reg.active;
        }, 2000).then(function () {
          return null;
        });
      });
    // Another renderer may learn of a new registration a moment later, over a second on a loaded
    // machine (a full run's control once saw none after 1 s): looked for up to 2.5 s.
    var found = null;
    return OP.until(function () {
      navigator.serviceWorker.getRegistration(act.serviceWorker).then(function (r) {
        if (r) found = 'registered';
      });
      return found !== null;
    }, 2500).then(function () {
      return found;
    });
  }

  // Whether the lock is held in this storage key: asked for only if available (granted at once and
  // released when free; the callback gets null when someone holds it).
  function heldElsewhere(name, env) {
    return env.locks().request(name, { ifAvailable: true }, function (lock) {
      return lock ? null : 'held';
    });
  }

  function locks(act, env) {
    var name = 'op-' + act.key;
    if (act.act === 'write') {
      // Held until the visit ends or the hold runs out, whichever comes first; resolves once granted.
      return new Promise(function (granted, reject) {
        navigator.locks
          .request(name, function () {
            granted(null);
            return new Promise(function (release) {
              heldLocks[name] = release;
              setTimeout(release, act.holdMs || 8000);
            });
          })
          .catch(reject);
      });
    }
    return heldElsewhere(name, env);
  }

  function blobUrl(act) {
    if (act.act === 'write') return Promise.resolve(URL.createObjectURL(new Blob([act.value], { type: 'text/plain' })));
    return fetch(act.url).then(
      function (r) {
        return r.text();
      },
      function () {
        return null;
      },
    );
  }

  var APIS = {
    localStorage: webStorage,
    sessionStorage: webStorage,
    indexedDB: idb,
    cacheStorage: cache,
    broadcastChannel: broadcast,
    sharedWorker: sharedWorker,
    serviceWorker: serviceWorker,
    webLocks: locks,
    blobUrl: blobUrl,
  };

  // A dedicated worker in this context runs the same act (the worker's storage key is its creator's).
  function inWorker(act, ms) {
    var source =
      'var OP={sleep:function(ms){return new Promise(function(r){setTimeout(r,ms)})},until:' +
      OP.until.toString() +
      '};var APIS={};' +
      '(' +
      workerApis.toString() +
      ')(OP,APIS);onmessage=function(e){Promise.resolve().then(function(){return APIS[e.data.api](e.data)}).then(function(v){postMessage({value:v===undefined?null:v})},function(err){postMessage({error:(err&&err.name)||String(err)})})};';
    var url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    var w = new Worker(url);
    return OP.withTimeout(
      new Promise(function (resolve) {
        w.onmessage = function (e) {
          resolve(e.data);
        };
        w.onerror = function (e) {
          e.preventDefault();
          resolve({ error: 'worker error' });
        };
        w.postMessage(Object.assign({}, act, { inWorker: false }));
      }),
      ms,
      function () {
        return { error: 'worker timed out' };
      },
    ).then(function (r) {
      w.terminate();
      URL.revokeObjectURL(url);
      if (r.error) throw Object.assign(new Error(r.error), { name: r.error });
      return r.value;
    });
  }

  // The APIs a dedicated worker can read, written so that their source travels into the worker.
  function workerApis(OP, APIS) {
    function req(r) {
      return new Promise(function (resolve, reject) {
        r.onsuccess = function () {
          resolve(r.result);
        };
        r.onerror = function () {
          reject(r.error);
        };
      });
    }
    APIS.indexedDB = function (act) {
      var open = indexedDB.open('op-' + act.key, 1);
      open.onupgradeneeded = function () {
        open.result.createObjectStore('kv');
      };
      return req(open).then(function (db) {
        return req(db.transaction('kv', 'readonly').objectStore('kv').get('k')).then(function (v) {
          db.close();
          return v === undefined ? null : v;
        });
      });
    };
    APIS.cacheStorage = function (act) {
      var name = 'op-' + act.key;
      return caches.has(name).then(function (has) {
        if (!has) return null;
        return caches
          .open(name)
          .then(function (c) {
            return c.match(self.location.origin + '/__op/partition-cache/' + encodeURIComponent(act.key));
          })
          .then(function (r) {
            return r ? r.text() : null;
          });
      });
    };
    APIS.webLocks = function (act) {
      return navigator.locks.request('op-' + act.key, { ifAvailable: true }, function (lock) {
        return lock ? null : 'held';
      });
    };
  }

  function local(act, ms) {
    var fn = APIS[act.api];
    if (!fn) return Promise.resolve({ probeError: 'unknown api ' + act.api });
    return accessFor(act).then(function (a) {
      var said = act.access ? { requested: a.requested, handle: a.handle } : {};
      // Through a handle that never came: nothing to read with.
      if (!a.env) return Object.assign({ ok: false }, said);
      return Promise.resolve()
        .then(function () {
          return act.inWorker && act.act === 'read' ? inWorker(act, ms) : fn(act, a.env);
        })
        .then(
          function (v) {
            return Object.assign({ ok: true, value: v === undefined ? null : v }, said);
          },
          function (e) {
            return Object.assign({ ok: false, error: OP.errorName(e) }, said);
          },
        );
    });
  }

  OP.defineProbe('partition-step', function (p) {
    return at(p.path || [], p, p.ms || 3000);
  });

  OP.defineProbe('partition', function (p, probe) {
    var bound = (probe.timeoutMs || 8000) - 300;
    var started = Date.now();
    var left = function () {
      return Math.max(300, bound - (Date.now() - started));
    };
    var base = {
      key: probe.key.replace(/[^A-Za-z0-9_.-]/g, '_'),
      api: p.api,
      value: p.value,
      sharedWorker: p.sharedWorker && p.sharedWorker.url,
      serviceWorker: p.serviceWorker && p.serviceWorker.url,
    };
    var waitMs = p.waitMs || 400;
    var obs = { contexts: {} };
    function step(name, path, act) {
      return at(path, Object.assign({}, base, act), left()).then(function (r) {
        if (!(name in obs.contexts)) obs.contexts[name] = r.contextReady !== false && !r.probeError && !r.timedOut;
        return r;
      });
    }
    var access = p.access || null;
    var listening = p.api === 'broadcastChannel' ? step('reader', p.reader, { act: 'listen', access: access }) : Promise.resolve(null);
    return listening
      .then(function () {
        return step('writer', p.writer, { act: 'write' });
      })
      .then(function (w) {
        obs.written = w.ok === true;
        if (w.error) obs.writeError = w.error;
        if (!obs.written) return obs;
        var url = p.api === 'blobUrl' ? w.value : undefined;
        var removal = p.remove ? step('remove', p.remove, { act: 'remove' }) : Promise.resolve(null);
        return removal
          .then(function (r) {
            if (r) obs.removed = r.ok === true;
            return step('reader', p.reader, { act: 'read', url: url, waitMs: waitMs, inWorker: p.inWorker === true, access: access });
          })
          .then(function (r) {
            if (typeof r.requested === 'string') obs.requested = r.requested;
            if (typeof r.handle === 'boolean') obs.handle = r.handle;
            if (r.ok) obs.value = r.value;
            else if (r.error) obs.readError = r.error;
            else if (r.probeError) obs.readError = 'probe: ' + r.probeError;
            return obs;
          });
      });
  });
})();
