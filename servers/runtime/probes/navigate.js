// navigate: navigate a browsing context to a declared response (a cross-origin one, typically);
// the server log shows the navigation arrived.
// params: { how: 'window-open'|'location-href'|'location-replace'|'location-assign'|'window-location'|'anchor'|'self',
//           target: resolved (destination), open?: resolved agent target (the window navigated, for
//           location-* / window-location / self), via?: 'iframe'|'popup', sandbox?, waitMs? }
// 'self': the opened document (same origin as the page) navigates itself, from its own realm.
// observation: { targetReady?, allowed, error?, opened? } — whether the navigation happened is server evidence
(function () {
  'use strict';
  var OP = self.OP;
  var seq = 0;

  function settle(p, h, loadsBefore, out) {
    return OP.sleep(p.waitMs || 1500).then(function () {
      if (h) OP.closeAgent(h);
      return out;
    });
  }

  OP.defineProbe('navigate', function (p) {
    var url = p.target.url;
    if (p.how === 'window-open') {
      var w = null;
      var out = {};
      try {
        w = window.open(url, '_blank');
        out.allowed = true;
        out.opened = !!w;
      } catch (e) {
        out.allowed = false;
        out.error = OP.errorName(e);
      }
      return OP.sleep(p.waitMs || 1500).then(function () {
        try {
          if (w) w.close();
        } catch (e) {}
        return out;
      });
    }
    if (p.how === 'anchor') {
      var name = 'op-nav-' + ++seq;
      var frame = document.createElement('iframe');
      frame.name = name;
      (document.body || document.documentElement).appendChild(frame);
      var a = document.createElement('a');
      a.href = url;
      a.target = name;
      a.textContent = 'go';
      (document.body || document.documentElement).appendChild(a);
      var o = {};
      try {
        a.click();
        o.allowed = true;
      } catch (e) {
        o.allowed = false;
        o.error = OP.errorName(e);
      }
      return OP.sleep(p.waitMs || 1500).then(function () {
        frame.remove();
        a.remove();
        return o;
      });
    }
    var via = p.via || 'iframe';
    return OP.openAgent(Object.assign({}, p.open, { via: via, sandbox: p.sandbox }), 5000).then(function (h) {
      if (!h.win) return { targetReady: false };
      var r;
      if (p.how === 'self') {
        r = OP.attempt(function () {
          h.win.setTimeout(new h.win.Function('location.href = ' + JSON.stringify(url)));
        });
      } else {
        r = OP.attempt(function () {
          if (p.how === 'location-href') h.win.location.href = url;
          else if (p.how === 'location-replace') h.win.location.replace(url);
          else if (p.how === 'location-assign') h.win.location.assign(url);
          else if (p.how === 'window-location') h.win.location = url;
          else throw new Error('unknown how ' + p.how);
        });
      }
      var out = { targetReady: h.ready, allowed: r.allowed };
      if (r.error) out.error = r.error;
      return settle(p, h, 0, out);
    });
  });
})();
