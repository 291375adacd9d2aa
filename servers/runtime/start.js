// Runner pages: run every planned probe with its own time bound, post observations as they finish.
(function () {
  'use strict';
  var OP = self.OP;
  var plan = JSON.parse(document.getElementById('op-plan').textContent);
  var observations = {};
  var unsent = 0;

  function send(done) {
    var body = JSON.stringify({ visitId: plan.visitId, self: OP.selfInfo(), observations: observations, done: done, secret: OP.secret });
    unsent = 0;
    var url = '/__op/results/' + plan.visitId;
    // text/plain, no-cors: a simple request even from an opaque (sandboxed) origin, and nothing to read back.
    return fetch(url, { method: 'POST', mode: 'no-cors', body: body, headers: { 'Content-Type': 'text/plain' } }).catch(function () {
      if (navigator.sendBeacon) navigator.sendBeacon(url, body);
    });
  }

  async function runAll() {
    var queue = plan.probes.slice();
    var limit = Math.max(1, plan.concurrency || 1);
    async function worker() {
      while (queue.length) {
        var probe = queue.shift();
        var started = performance.now();
        var scope = OP.newScope();
        var obs = await OP.withTimeout(OP.runProbe(probe, scope), probe.timeoutMs);
        // Whatever the probe opened goes now, finished or abandoned: a timed-out probe leaves no
        // frame or popup behind to disturb the probes after it.
        OP.closeScope(scope);
        obs = obs && typeof obs === 'object' ? obs : { value: obs };
        observations[probe.key] = Object.assign({}, obs, { _ms: Math.round(performance.now() - started) });
        if (++unsent >= 10) send(false);
      }
    }
    var workers = [];
    for (var i = 0; i < limit; i++) workers.push(worker());
    await Promise.all(workers);
    await send(true);
    document.title = 'originproof visit done';
    // A chain: the next page in a window of its own (no opener: a browsing context group of its
    // own); this one goes after the same pause as below, which leaves late requests time to land.
    if (plan.next) {
      window.open(plan.next, '_blank', 'noopener');
      setTimeout(function () {
        window.close();
      }, 250);
    }
    // Serve mode: a person's browser moves on by itself. The pause leaves late requests (beacons,
    // form posts) the same moment to land as the harness gives them before closing a context.
    if (plan.then)
      setTimeout(function () {
        location.replace(plan.then);
      }, 250);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', runAll);
  else runAll();
})();
