// popup: open an agent document in a new top-level window and observe the opener relation
// from both sides (HTML "browsing context group switches due to opener policy").
// params: { open: resolved agent target (declare it with mailbox: 'popup' so the popup reports
//           through the server even when severed), via?: 'open'|'anchor' (window.open, or a
//           scripted click on <a target=_blank>), rel?: anchor rel, features?: window.open features,
//           waitMs?: bound for the popup's mailbox report (default 8000; a
//           long-poll that returns as soon as the popup reports: WebKit can take >3 s to load a popup),
//           navigate?: resolved agent target (declare with mailbox: 'nav'): after observing, the
//           opener sets popup.location to it and waits for that page's mailbox report,
//           pongMs?: bound for the ping answer (default 1000), navWaitMs?: bound for the navigated
//           page's report (default 6000); every wait ends as soon as its event arrives }
// observation: { opened (window.open returned a WindowProxy / the anchor was clicked),
//   report (the popup posted to the mailbox), popupOpener: 'null'|'present', popupOrigin,
//   popupIsolated, hello (the opener got the popup's hello postMessage),
//   closed (opener's view: popup.closed after the popup loaded; null for anchors without a handle),
//   pong (a postMessage ping from the opener was answered), pongOrigin (what the popup saw as e.origin),
//   navigate?: { error?, report, opener, origin } }
(function () {
  'use strict';
  var OP = self.OP;

  function urlKey(url) {
    try {
      var u = new URL(url);
      return u.pathname + u.search;
    } catch (e) {
      return String(url);
    }
  }

  OP.defineProbe('popup', function (p, probe) {
    var key = (probe && probe.key) || '';
    var waitMs = p.waitMs || 8000;
    var wantPath = urlKey(p.open.url).split('&mail=')[0];
    var helloSource = null;
    var pong = null;
    function onMessage(e) {
      var d = e.data;
      if (!d || typeof d !== 'object') return;
      if (d.opHello && typeof d.href === 'string' && urlKey(d.href).indexOf(wantPath) === 0) helloSource = helloSource || e.source;
      if (d.opPong && d.opPong === key + '/ping') pong = pong || { origin: d.origin, selfOrigin: d.selfOrigin };
    }
    self.addEventListener('message', onMessage);
    var out = { opened: false, report: false, hello: false, closed: null, pong: false };
    var w = null;
    if ((p.via || 'open') === 'open') {
      try {
        w = window.open(p.open.url, p.name || '_blank', p.features || '');
      } catch (e) {
        out.openError = OP.errorName(e);
      }
      out.opened = !!w;
    } else {
      var a = document.createElement('a');
      a.href = p.open.url;
      a.target = p.name || '_blank';
      if (p.rel !== undefined) a.rel = p.rel;
      a.textContent = 'popup';
      (document.body || document.documentElement).appendChild(a);
      a.click();
      a.remove();
      out.opened = true;
    }
    return OP.mail
      .take(key + '/popup', waitMs)
      .then(function (mail) {
        if (mail && mail.length) {
          var m = mail[0] || {};
          out.report = true;
          out.popupOpener = m.opener;
          out.popupOrigin = m.origin;
          out.popupIsolated = m.crossOriginIsolated;
        }
        // Let the opener's side catch up: the popup's hello (sent before its mailbox report) or,
        // after a browsing context group switch, the WindowProxy turning closed. Bounded, not fixed.
        var until = Date.now() + 400;
        return (function settle() {
          var closedNow = false;
          try {
            closedNow = !!(w && w.closed);
          } catch (e) {}
          if (helloSource || closedNow || Date.now() > until) return;
          return OP.sleep(25).then(settle);
        })();
      })
      .then(function () {
        out.hello = !!helloSource;
        var target = w || helloSource;
        if (w) {
          try {
            out.closed = w.closed;
          } catch (e) {
            out.closed = 'error:' + OP.errorName(e);
          }
        }
        if (!target) return;
        try {
          target.postMessage({ opPing: key + '/ping' }, '*');
        } catch (e) {
          out.pingError = OP.errorName(e);
          return;
        }
        // The popup has already loaded (its listener is installed before it reports), so a pong
        // from a kept popup takes milliseconds; the bound only matters when none can come.
        var until = Date.now() + (p.pongMs || 1000);
        return (function poll() {
          if (pong || Date.now() > until) return;
          return OP.sleep(20).then(poll);
        })();
      })
      .then(function () {
        out.pong = !!pong;
        if (pong) out.pongOrigin = pong.origin;
        if (!p.navigate) return;
        var nav = { report: false };
        out.navigate = nav;
        try {
          if (!w) throw new Error('no WindowProxy to navigate');
          w.location = p.navigate.url;
        } catch (e) {
          nav.error = OP.errorName(e);
        }
        return OP.mail.take(key + '/nav', p.navWaitMs || 6000).then(function (mail) {
          if (mail && mail.length) {
            nav.report = true;
            nav.opener = mail[0].opener;
            nav.origin = mail[0].origin;
          }
          if (w) {
            try {
              nav.closed = w.closed;
            } catch (e) {
              nav.closed = 'error:' + OP.errorName(e);
            }
          }
        });
      })
      .then(function () {
        self.removeEventListener('message', onMessage);
        try {
          if (w && !w.closed) w.close();
          else if (helloSource) helloSource.close();
        } catch (e) {}
        return out;
      });
  });
})();
