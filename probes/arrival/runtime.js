// arrival: waits, within a bound, for the fixture server to receive a request for a declared
// response (a report the browser sends on its own schedule, a beacon): the server's own word.
// params: { target, waitMs? }
// observation: { arrived }
(function () {
  'use strict';
  var OP = self.OP;
  OP.defineProbe('arrival', function (p, probe) {
    return OP.arrived(p.target, OP.ceiling(probe, p.waitMs, 3000, 300)).then(function (arrived) {
      return { arrived: arrived };
    });
  });
})();
