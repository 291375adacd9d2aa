// sequence: several steps in order, sharing named browsing contexts opened first.
// params: { contexts?: { name: resolved agent target + { via, sandbox? } }, steps: [{ kind, params, in?: name }] }
// observation: { contexts: { name: ready }, steps: [observation...] }
(function () {
  'use strict';
  var OP = self.OP;
  OP.defineProbe('sequence', function (p, probe) {
    var names = Object.keys(p.contexts || {});
    var handles = {};
    var contextState = {};
    var chain = Promise.resolve();
    names.forEach(function (n) {
      chain = chain.then(function () {
        return OP.openAgent(p.contexts[n], OP.ceiling(probe, 0, Infinity, 1500), probe.scope).then(function (h) {
          handles[n] = h;
          OP.handles[probe.key + '/' + n] = h;
          contextState[n] = h.ready;
        });
      });
    });
    var steps = [];
    (p.steps || []).forEach(function (s) {
      chain = chain.then(function () {
        var run;
        if (s.in) {
          var h = handles[s.in];
          run =
            h && h.ready
              ? OP.rpc(
                  h.win,
                  { op: 'run', probe: { key: probe.key, kind: s.kind, params: s.params, context: [], timeoutMs: probe.timeoutMs } },
                  OP.ceiling(probe, 0, Infinity, 500),
                )
              : Promise.resolve({ contextReady: false });
        } else run = OP.runProbe({ key: probe.key, kind: s.kind, params: s.params, context: [], timeoutMs: probe.timeoutMs }, probe.scope);
        return run.then(function (o) {
          steps.push(o);
          if (s.waitMs) return OP.sleep(s.waitMs);
        });
      });
    });
    return chain.then(function () {
      names.forEach(function (n) {
        OP.closeAgent(handles[n]);
        delete OP.handles[probe.key + '/' + n];
      });
      return { contexts: contextState, steps: steps };
    });
  });
})();
