// window-access: get, set or call a member of another browsing context's WindowProxy or Location,
// the way the HTML standard's cross-origin objects allow-lists define it.
// params: { target: 'parent'|'top'|'opener'|'self'|'frame'|'popup'|'handle:<name>',
//           open?: resolved agent target (for frame/popup), sandbox?: string,
//           path: ['location','href'], action: 'get'|'set'|'call', value?: any, args?: any[] }
// observation: { allowed, error?, valueType?, value? (primitives only) , targetReady }
(function () {
  'use strict';
  var OP = self.OP;

  function resolveTarget(params, probe) {
    switch (params.target) {
      case 'parent':
        return Promise.resolve({ win: self.parent, ready: true });
      case 'top':
        return Promise.resolve({ win: self.top, ready: true });
      case 'opener':
        return Promise.resolve({ win: self.opener, ready: self.opener !== null });
      case 'self':
        return Promise.resolve({ win: self, ready: true });
      case 'frame':
      case 'popup':
        // Event-bounded: the wait ends at the agent's hello; the bound (the probe's own time limit
        // less a margin for the access itself) only matters when no hello ever comes.
        var bound = OP.ceiling(probe, 0, Infinity, 1500);
        if (params.share) return sharedAgent(params, bound);
        return OP.openAgent(
          Object.assign({}, params.open, { via: params.target === 'frame' ? 'iframe' : 'popup', sandbox: params.sandbox }),
          bound,
          probe && probe.scope,
        ).then(function (h) {
          return { win: h.win, handle: h, ready: h.ready };
        });
      default:
        if (/^handle:/.test(params.target)) {
          var h = OP.handles[(probe && probe.key) + '/' + params.target.slice(7)];
          return Promise.resolve({ win: h && h.win, ready: !!(h && h.win) });
        }
        return Promise.reject(new Error('unknown target ' + params.target));
    }
  }

  // Probes naming the same `share` reuse one frame or popup per origin for the whole visit (opened
  // by the first, closed with the visit): script-only probes then cost no document load each.
  var shared = {};
  function sharedAgent(params, bound) {
    var key = params.share + '|' + params.target + '|' + params.open.origin;
    if (!shared[key])
      shared[key] = OP.openAgent(Object.assign({}, params.open, { via: params.target === 'frame' ? 'iframe' : 'popup' }), bound, null).then(function (h) {
        if (!h.ready) delete shared[key];
        return { win: h.win, ready: h.ready, shared: true };
      });
    return shared[key];
  }

  OP.accessMember = function (win, path, action, value, args) {
    return OP.attempt(function () {
      var obj = win;
      for (var i = 0; i < path.length - 1; i++) obj = obj[path[i]];
      var last = path[path.length - 1];
      if (path.length === 0) return obj;
      if (action === 'get') return obj[last];
      if (action === 'set') {
        obj[last] = value;
        return undefined;
      }
      if (action === 'call') return obj[last].apply(obj, args || []);
      throw new Error('unknown action ' + action);
    });
  };

  OP.defineProbe('window-access', function (params, probe) {
    return resolveTarget(params, probe).then(function (t) {
      if (!t.win) return { targetReady: false };
      if (params.action === 'inspect')
        return OP.inspect(t.win, params).then(function (result) {
          result.targetReady = t.ready;
          return result;
        });
      var result = OP.accessMember(t.win, params.path || [], params.action || 'get', params.value, params.args);
      result.targetReady = t.ready;
      if (t.handle && !params.keepOpen)
        setTimeout(function () {
          OP.closeAgent(t.handle);
        }, 50);
      return result;
    });
  });
})();

// The internal methods of another browsing context's WindowProxy and Location, the way HTML's
// cross-origin objects section defines them: window-access with action "inspect" runs one
// operation (params.op) on the target window (path []) or its Location (path ['location']) and
// reports its result as one word (`value`), or the error it threw.
// Words: undefined, null, true, false, a number, string, function, window, object; "ok" for an
// operation that returns nothing of interest; key lists joined with ","; "(none)" for an empty list;
// descriptors as "data|accessor,configurable,enumerable,writable|get,set,value=<word>" (with ! for false).
(function () {
  'use strict';
  var OP = self.OP;
  var PROTO = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__');
  var SYMBOLS = { '@@toStringTag': Symbol.toStringTag, '@@hasInstance': Symbol.hasInstance, '@@isConcatSpreadable': Symbol.isConcatSpreadable };

  function keyOf(k) {
    return Object.prototype.hasOwnProperty.call(SYMBOLS, k) ? SYMBOLS[k] : k;
  }
  function keyName(k) {
    if (typeof k !== 'symbol') return String(k);
    for (var n in SYMBOLS) if (SYMBOLS[n] === k) return n;
    return String(k);
  }
  function word(v) {
    if (v === undefined || v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
    return OP.typeOf(v);
  }
  function list(keys) {
    return keys.length ? keys.map(keyName).join(',') : '(none)';
  }
  function flag(name, on) {
    return (on ? '' : '!') + name;
  }
  function describe(d) {
    if (d === undefined) return 'undefined';
    if ('value' in d)
      return ['data', flag('configurable', d.configurable), flag('enumerable', d.enumerable), flag('writable', d.writable), 'value=' + word(d.value)].join(',');
    return ['accessor', flag('configurable', d.configurable), flag('enumerable', d.enumerable), flag('get', d.get), flag('set', d.set)].join(',');
  }
  /** Reflect.ownKeys in its three runs: indices, then the other strings, then symbols (HTML's order). */
  function layout(keys) {
    var i = 0;
    var indices = [];
    while (i < keys.length && typeof keys[i] === 'string' && /^(0|[1-9][0-9]*)$/.test(keys[i])) indices.push(keys[i++]);
    var names = [];
    while (i < keys.length && typeof keys[i] === 'string') names.push(keys[i++]);
    var rest = keys.slice(i);
    var last = names.length && names[names.length - 1] === 'then' ? names.pop() : '';
    return [list(indices), list(names.sort()), last ? 'then last' : 'then not last', list(rest)].join(' | ');
  }
  /** This realm's own accessor or method `name`, found on `local` or its prototype chain. */
  function localDescriptor(local, name) {
    for (var o = local; o; o = Object.getPrototypeOf(o)) {
      var d = Object.getOwnPropertyDescriptor(o, name);
      if (d) return d;
    }
    throw new Error('no local member ' + name);
  }
  function protoValue(v) {
    return v === 'null' ? null : {};
  }
  function sameRealm(f) {
    return f && Object.getPrototypeOf(f) === Function.prototype ? 'local' : 'other';
  }

  var OPS = {
    get: (o, p) => word(o[keyOf(p.key)]),
    set: (o, p) => ((o[keyOf(p.key)] = p.value), 'ok'),
    call: (o, p) => word(o[p.key].apply(o, p.args || [])),
    getPrototypeOf: (o) => word(Object.getPrototypeOf(o)),
    protoGetter: (o) => word(PROTO.get.call(o)),
    protoProperty: (o) => word(o.__proto__),
    protoAssign: (o, p) => ((o.__proto__ = protoValue(p.value)), 'ok'),
    protoSetter: (o, p) => (PROTO.set.call(o, protoValue(p.value)), 'ok'),
    setPrototypeOf: (o, p) => (Object.setPrototypeOf(o, protoValue(p.value)), 'ok'),
    reflectSetPrototypeOf: (o, p) => String(Reflect.setPrototypeOf(o, protoValue(p.value))),
    isExtensible: (o) => String(Object.isExtensible(o)),
    preventExtensions: (o) => (Object.preventExtensions(o), 'ok'),
    reflectPreventExtensions: (o) => String(Reflect.preventExtensions(o)),
    descriptor: (o, p) => describe(Object.getOwnPropertyDescriptor(o, keyOf(p.key))),
    hasOwn: (o, p) => String(Object.prototype.hasOwnProperty.call(o, keyOf(p.key))),
    defineValue: (o, p) => (Object.defineProperty(o, p.key, { configurable: true, enumerable: false, writable: false, value: 2 }), 'ok'),
    defineAccessor: (o, p) => (
      Object.defineProperty(o, p.key, {
        configurable: true,
        enumerable: false,
        get: function () {
          return undefined;
        },
      }),
      'ok'
    ),
    delete: (o, p) => String(delete o[p.key]),
    ownNames: (o) => list(Object.getOwnPropertyNames(o).sort()),
    keys: (o) => list(Object.keys(o)),
    forIn: (o) => {
      var seen = [];
      for (var k in o) seen.push(k);
      return list(seen);
    },
    symbols: (o) => list(Object.getOwnPropertySymbols(o)),
    ownKeysLayout: (o) => layout(Reflect.ownKeys(o)),
    toString: (o) => Object.prototype.toString.call(o),
    concat: (o) => String([].concat(o).length),
    promiseResolve: (o) =>
      Promise.resolve(o).then(function (v) {
        return v === o ? 'same' : 'other';
      }),
    functionRealm: (o, p) => sameRealm(o[p.key]),
    functionIdentity: (o, p) => String(o[p.key] === o[p.key]),
    accessorRealm: (o, p) => {
      var d = Object.getOwnPropertyDescriptor(o, p.key);
      return sameRealm(d.get || d.set);
    },
    accessorIdentity: (o, p) => {
      var a = Object.getOwnPropertyDescriptor(o, p.key);
      var b = Object.getOwnPropertyDescriptor(o, p.key);
      return String((a.get || a.set) === (b.get || b.set));
    },
    // This realm's own getter, setter or method, called with the other object as `this`.
    thisGetter: (o, p, local) => word(localDescriptor(local, p.key).get.call(o)),
    thisSetter: (o, p, local) => (localDescriptor(local, p.key).set.call(o, p.value), 'ok'),
    thisMethod: (o, p, local) => {
      var r = localDescriptor(local, p.key).value.apply(o, p.args || []);
      return r instanceof Promise ? r.then(() => 'resolved') : word(r);
    },
  };

  OP.inspect = function (win, params) {
    var op = OPS[params.op];
    if (!op) return Promise.resolve({ probeError: 'unknown inspect op ' + params.op });
    var onLocation = (params.path || []).length > 0;
    return new Promise(function (resolve) {
      var o = onLocation ? win.location : win;
      resolve(op(o, params, onLocation ? self.location : self));
    }).then(
      function (v) {
        return { allowed: true, value: String(v) };
      },
      function (e) {
        return { allowed: false, error: OP.errorName(e) };
      },
    );
  };
})();
