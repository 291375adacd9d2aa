// Agent documents: load the runtime, obey the runner, say hello to whoever embedded or opened us.
(function () {
  'use strict';
  var OP = self.OP;
  self.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object') return;
    if (d.opPing) {
      // postMessage probes: echo what the browser says about the sender.
      try {
        e.source.postMessage({ opPong: d.opPing, origin: e.origin, selfOrigin: self.origin }, '*');
      } catch (err) {}
      return;
    }
    if (!d.opRpc) return;
    var reply = function (result) {
      try {
        e.source.postMessage({ opRpcReply: d.opRpc, result: result }, '*');
      } catch (err) {}
    };
    if (d.op === 'run') OP.runProbe(d.probe).then(reply);
    else if (d.op === 'self') reply(OP.selfInfo());
    else reply({ probeError: 'unknown agent op ' + d.op });
  });
  var hello = { opHello: true, origin: self.origin, href: location.href };
  var targets = [];
  try {
    if (parent !== self) targets.push(parent);
  } catch (e) {}
  try {
    if (opener) targets.push(opener);
  } catch (e) {}
  targets.forEach(function (t) {
    try {
      t.postMessage(hello, '*');
    } catch (e) {}
  });
  // Report to the mailbox too: a popup severed from its opener can only speak through the server.
  var key = new URLSearchParams(location.search).get('mail');
  if (key) {
    var openerState;
    try {
      openerState = self.opener === null ? 'null' : 'present';
    } catch (e) {
      openerState = 'error:' + OP.errorName(e);
    }
    OP.mail.post(key, { origin: self.origin, opener: openerState, name: self.name, crossOriginIsolated: self.crossOriginIsolated === true });
  }
})();
