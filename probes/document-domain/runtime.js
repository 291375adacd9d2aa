// document-domain: read and optionally set document.domain in the context the probe runs in.
// params: { set?: string }
// observation: { before, allowed, error?, after, originAgentCluster }
(function () {
  'use strict';
  var OP = self.OP;
  OP.defineProbe('document-domain', function (p) {
    var out = { before: document.domain };
    if (p.set !== undefined) {
      try {
        document.domain = p.set;
        out.allowed = true;
      } catch (e) {
        out.allowed = false;
        out.error = OP.errorName(e);
      }
    }
    out.after = document.domain;
    out.originAgentCluster = self.originAgentCluster === true;
    return out;
  });
})();
