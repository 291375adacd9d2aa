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
