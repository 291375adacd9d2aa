// navigate: navigate a browsing context to a declared response (a cross-origin one, typically);
// the server log shows the navigation arrived.
// params: { how: 'window-open'|'location-href'|'location-replace'|'location-assign'|'window-location'|'anchor'|'self',
//           target: resolved (destination), open?: resolved agent target (the window navigated, for
//           location-* / window-location / self), via?: 'iframe'|'popup', sandbox?, until?: resolved (window-open: the end of a redirect chain), waitMs? }
// 'self': the opened document (same origin as the page) navigates itself, from its own realm.
// observation: { targetReady?, allowed, error?, opened? } — whether the navigation happened is server evidence
// Every wait ends at an event — the server announcing that the destination was requested — with
// the scenario's waitMs (default 1500 ms, within the probe's bound) as the ceiling: a blocked
// navigation never arrives, so it costs the ceiling and nothing more.
(function () {
  'use strict';
  var OP = self.OP;
  var seq = 0;

  // A link followed into a named frame or a named popup (opened first, blank, by script): by
  // script (a.click(), no user activation) or by a real click of the driver on the pinned link.
  function anchor(p, probe, url, ceiling) {
    var name = 'op-nav-' + ++seq;
    var o = {};
    if (p.into === 'popup') {
      o.opened = !!OP.track(probe.scope, window.open('about:blank', name));
    } else {
      var frame = OP.track(probe.scope, document.createElement('iframe'));
      frame.name = name;
      (document.body || document.documentElement).appendChild(frame);
    }
    var a = OP.track(probe.scope, document.createElement('a'));
    a.href = url;
    a.target = name;
    a.textContent = 'go';
    (document.body || document.documentElement).appendChild(a);
    var followed;
    if (p.userClick) {
      OP.pin(a);
      followed = OP.userClick(probe, Math.max(ceiling, 4000), null).then(function (c) {
        o.clicked = c.clicked;
        if (c.clicked) o.trusted = c.trusted;
        if (c.driverError) o.driverError = c.driverError;
        o.allowed = c.clicked;
      });
    } else {
      try {
        a.click();
        o.allowed = true;
      } catch (e) {
        o.allowed = false;
        o.error = OP.errorName(e);
      }
      followed = Promise.resolve();
    }
    return followed
      .then(function () {
        // A click that never arrived followed nothing: there is no navigation to wait for.
        if (o.allowed === false) return undefined;
        return OP.arrived(p.until || p.target, ceiling);
      })
      .then(function () {
        OP.closeScope(probe.scope);
        return o;
      });
  }

  OP.defineProbe('navigate', function (p, probe) {
    var url = OP.docUrl(p.target.url);
    var ceiling = OP.ceiling(probe, p.waitMs, 1500);
    if (p.how === 'window-open') {
      var w = null;
      var out = {};
      try {
        w = OP.track(probe.scope, window.open(url, '_blank'));
        out.allowed = true;
        out.opened = !!w;
      } catch (e) {
        out.allowed = false;
        out.error = OP.errorName(e);
      }
      return OP.arrived(p.until || p.target, ceiling).then(function () {
        OP.dispose(w);
        return out;
      });
    }
    if (p.how === 'anchor') return anchor(p, probe, url, ceiling);
    var via = p.via || 'iframe';
    return OP.openAgent(Object.assign({}, p.open, { via: via, sandbox: p.sandbox }), OP.ceiling(probe, 0, Infinity, ceiling + 500), probe.scope).then(
      function (h) {
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
        return OP.arrived(p.target, ceiling).then(function () {
          OP.closeAgent(h);
          return out;
        });
      },
    );
  });
})();
