// popup: open an agent document in a new top-level window and observe the opener relation
// from both sides (HTML "browsing context group switches due to opener policy").
// params: { open: resolved agent target (declare it with mailbox: 'popup' so the popup reports
//           through the server even when severed), via?: 'open'|'anchor' (window.open, or a
//           scripted click on <a target=_blank>), rel?: anchor rel, features?: window.open features,
//           waitMs?: how long to wait for the popup's mailbox report (default 3000),
//           navigate?: resolved agent target (declare with mailbox: 'nav'): after observing, the
//           opener sets popup.location to it and waits for that page's mailbox report }
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
    try { var u = new URL(url); return u.pathname + u.search; } catch (e) { return String(url); }
  }

  OP.defineProbe('popup', function (p, probe) {
    var key = (probe && probe.key) || '';
    var waitMs = p.waitMs || 3000;
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
    return OP.mail.take(key + '/popup', waitMs)
      .then(function (mail) {
        if (mail && mail.length) {
          var m = mail[0] || {};
          out.report = true;
          out.popupOpener = m.opener;
          out.popupOrigin = m.origin;
          out.popupIsolated = m.crossOriginIsolated;
        }
        // Let the opener's WindowProxy catch up with a browsing context group switch.
        return OP.sleep(300);
      })
      .then(function () {
        out.hello = !!helloSource;
        var target = w || helloSource;
        if (w) {
          try { out.closed = w.closed; } catch (e) { out.closed = 'error:' + OP.errorName(e); }
        }
        if (!target) return;
        try { target.postMessage({ opPing: key + '/ping' }, '*'); } catch (e) { out.pingError = OP.errorName(e); return; }
        var until = Date.now() + 1200;
        return (function poll() {
          if (pong || Date.now() > until) return;
          return OP.sleep(50).then(poll);
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
        return OP.mail.take(key + '/nav', 2500).then(function (mail) {
          if (mail && mail.length) {
            nav.report = true;
            nav.opener = mail[0].opener;
            nav.origin = mail[0].origin;
          }
          if (w) {
            try { nav.closed = w.closed; } catch (e) { nav.closed = 'error:' + OP.errorName(e); }
          }
        });
      })
      .then(function () {
        self.removeEventListener('message', onMessage);
        try { if (w && !w.closed) w.close(); else if (helloSource) helloSource.close(); } catch (e) {}
        return out;
      });
  });
})();
