// Agent documents: load the runtime, obey the runner, say hello to whoever embedded or opened us.
(function () {
  'use strict';
  var OP = self.OP;
  self.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object') return;
    if (!d.opRpc) return;
    var reply = function (result) {
      try {
        e.source.postMessage({ opRpcReply: d.opRpc, result: result }, '*');
      } catch (err) {}
    };
    if (d.op === 'run') {
      if (!OP.secret && typeof d.secret === 'string') OP.secret = d.secret;
      // What the probe opened inside this agent goes when it answers (the opener closes the
      // agent itself, which takes its frames along, but not popups it opened).
      var scope = OP.newScope();
      OP.runProbe(d.probe, scope).then(function (result) {
        OP.closeScope(scope);
        reply(result);
      });
    } else if (d.op === 'self') reply(OP.selfInfo());
    else reply({ probeError: 'unknown agent op ' + d.op });
  });
  // `op-children=N` in its URL: N child frames (the last named "donotleakme") before the hello, so
  // an opener sees child navigables as indices and a named child (the cross-origin objects rows).
  var children = Number(new URLSearchParams(location.search).get('op-children')) || 0;
  for (var c = 0; c < Math.min(children, 4); c++) {
    var child = document.createElement('iframe');
    if (c === children - 1) child.name = 'donotleakme';
    (document.body || document.documentElement).appendChild(child);
  }
  // The agent learns its mailbox key from its own URL (that is how it is told its job); openers
  // match the hello by that key, never by parsing URLs themselves.
  var key = new URLSearchParams(location.search).get('mail');
  var hello = { opHello: true, origin: self.origin, href: location.href, mail: key };
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
