// storage: write or read one key in localStorage, sessionStorage, IndexedDB or document.cookie,
// in whatever context the probe runs (compose with `context` or `sequence` for isolation tests).
// params: { api: 'localStorage'|'sessionStorage'|'indexedDB'|'cookie', op: 'write'|'read', key, value? }
// observation: { allowed, error?, value? (null when absent) }
(function () {
  'use strict';
  var OP = self.OP;

  function idb(op, key, value) {
    return new Promise(function (resolve) {
      var req;
      try {
        req = indexedDB.open('originproof', 1);
      } catch (e) {
        resolve({ allowed: false, error: OP.errorName(e) });
        return;
      }
      req.onupgradeneeded = function () {
        req.result.createObjectStore('kv');
      };
      req.onerror = function () {
        resolve({ allowed: false, error: (req.error && req.error.name) || 'error' });
      };
      req.onsuccess = function () {
        var db = req.result;
        var tx = db.transaction('kv', op === 'write' ? 'readwrite' : 'readonly');
        var store = tx.objectStore('kv');
        var r = op === 'write' ? store.put(value, key) : store.get(key);
        r.onsuccess = function () {
          resolve(op === 'write' ? { allowed: true } : { allowed: true, value: r.result === undefined ? null : r.result });
          db.close();
        };
        r.onerror = function () {
          resolve({ allowed: false, error: (r.error && r.error.name) || 'error' });
          db.close();
        };
      };
    });
  }

  OP.defineProbe('storage', function (p) {
    if (p.api === 'indexedDB') return idb(p.op, p.key, p.value);
    if (p.api === 'cookie') {
      return OP.attempt(function () {
        return document.cookie;
      }).allowed
        ? (function () {
            if (p.op === 'write') {
              document.cookie = p.key + '=' + p.value + '; path=/' + (p.attributes ? '; ' + p.attributes : '');
              return { allowed: true };
            }
            var jar = document.cookie.split(/;\s*/).filter(Boolean);
            var hit = jar.filter(function (c) {
              return c.split('=')[0] === p.key;
            })[0];
            return { allowed: true, value: hit === undefined ? null : hit.slice(p.key.length + 1) };
          })()
        : {
            allowed: false,
            error: OP.attempt(function () {
              return document.cookie;
            }).error,
          };
    }
    var store;
    try {
      store = self[p.api];
      if (!store) return { allowed: false, error: 'absent' };
    } catch (e) {
      return { allowed: false, error: OP.errorName(e) };
    }
    try {
      if (p.op === 'write') {
        store.setItem(p.key, p.value);
        return { allowed: true };
      }
      return { allowed: true, value: store.getItem(p.key) };
    } catch (e) {
      return { allowed: false, error: OP.errorName(e) };
    }
  });
})();
