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
//           page's report (default 6000); every wait ends as soon as its event arrives, and every
//           bound stays within the probe's own }
// Targets carry `mailKey` (from the plan): the popup's mailbox report and its hello are matched
// by it.
// observation: { opened (window.open returned a WindowProxy / the anchor was clicked),
//   report (the popup posted to the mailbox), popupOpener: 'null'|'present', popupOrigin,
//   popupIsolated, hello (the opener got the popup's hello postMessage),
//   closed (opener's view: popup.closed after the popup loaded; null for anchors without a handle),
//   pong (a postMessage ping from the opener was answered), pongOrigin (what the popup saw as e.origin),
//   navigate?: { error?, report, opener, origin } }
(function () {
  'use strict';
  var OP = self.OP;

  // long: the popup probe's waits (open, mailbox, hello, ping, navigation) in order, sharing the popup's handle
  OP.defineProbe('popup', function (p, probe) {
    var mailKey = p.open.mailKey;
    var fromPopup = function (h) {
      return !!mailKey && h.data && h.data.mail === mailKey;
    };
    var startedAt = Date.now();
    var out = { opened: false, report: false, hello: false, closed: null, pong: false };
    var w = null;
    if ((p.via || 'open') === 'open') {
      try {
        w = OP.track(probe.scope, window.open(OP.docUrl(p.open.url), p.name || '_blank', p.features || ''));
      } catch (e) {
        out.openError = OP.errorName(e);
      }
      out.opened = !!w;
    } else {
      var a = document.createElement('a');
      a.href = OP.docUrl(p.open.url);
      a.target = p.name || '_blank';
      if (p.rel !== undefined) a.rel = p.rel;
      a.textContent = 'popup';
      (document.body || document.documentElement).appendChild(a);
      a.click();
      a.remove();
      out.opened = true;
    }
    var helloSource = null;
    // How long the opener's WindowProxy may take to turn closed. A popup that reported no opener
    // while the opener holds a handle went through a browsing context group switch (or the
    // engine keeps the severed handle open, a finding): the opener learns of the switch
    // asynchronously, which under full CPU took WebKit over 400 ms (closed: false, a false fail).
    // Then the wait may use what is left of the probe's bound, less a second for the ping; it
    // ends as soon as `closed` turns true.
    var closedSettleMs = function (severedWithHandle) {
      if (!severedWithHandle) return 400;
      return Math.max(400, (probe.timeoutMs || 5000) - (Date.now() - startedAt) - 2000);
    };
    return (
      OP.mail
        // Event-bounded (the server answers as soon as the popup reports): a long ceiling costs
        // nothing when it does, and a loaded machine can take more than 8 s to start a popup's process.
        .take(mailKey, Math.max(OP.ceiling(probe, p.waitMs, 8000, 1000), OP.ceiling(probe, p.waitMs, Infinity, 4000)))
        .then(function (mail) {
          if (mail && mail.length) {
            var m = mail[0] || {};
            out.report = true;
            out.popupOpener = m.opener;
            out.popupOrigin = m.origin;
            out.popupIsolated = m.crossOriginIsolated;
          }
          // The opener's side catches up: the popup's hello (sent before its mailbox report) or,
          // after a browsing context group switch, the WindowProxy turning closed. A popup that
          // reported no opener cannot say hello: only `closed` is waited for.
          var severed = out.report && out.popupOpener === 'null' && !!w;
          var waits = [
            OP.until(function () {
              return !!(w && w.closed);
            }, closedSettleMs(severed)),
          ];
          if (!severed) {
            waits.push(
              OP.waitForHello(fromPopup, 400).then(function (h) {
                helloSource = h && h.source;
              }),
            );
          }
          return Promise.race(waits);
        })
        .then(function () {
          out.hello = !!helloSource;
          if (helloSource) OP.track(probe.scope, helloSource);
          var target = w || helloSource;
          if (w) {
            try {
              out.closed = w.closed;
            } catch (e) {
              out.closed = 'error:' + OP.errorName(e);
            }
          }
          if (!target) return;
          // The popup has loaded (it reported), so a kept popup answers in milliseconds; the
          // ceiling only matters when no answer can come. A popup that said hello is reachable and
          // its answer is on the way, which on a loaded machine can take over a second (seen in
          // Firefox at 98 % CPU): then the wait may use what is left of the probe's own bound.
          var pongMs = OP.ceiling(probe, p.pongMs, 1000);
          if (out.hello) pongMs = Math.max(pongMs, (probe.timeoutMs || 5000) - (Date.now() - startedAt) - 1000);
          return OP.ping(target, pongMs).then(function (pong) {
            if (pong && pong.error) out.pingError = pong.error;
            else if (pong) {
              out.pong = true;
              out.pongOrigin = pong.origin;
            }
            if (out.hello || !out.pong) return;
            // Messages from one window to another arrive in order, and the popup said hello before it
            // answered the ping: with the pong here, its hello is here too — taken by the first wait
            // if it came just as that wait lost its race (helloSource), else kept by the runtime.
            if (helloSource) {
              out.hello = true;
              OP.track(probe.scope, helloSource);
              return;
            }
            return OP.waitForHello(fromPopup, 50).then(function (h) {
              if (h) {
                out.hello = true;
                OP.track(probe.scope, h.source);
              }
            });
          });
        })
        .then(function () {
          if (!p.navigate) return;
          var nav = { report: false };
          out.navigate = nav;
          try {
            if (!w) throw new Error('no WindowProxy to navigate');
            w.location = OP.docUrl(p.navigate.url);
          } catch (e) {
            nav.error = OP.errorName(e);
          }
          return OP.mail
            .take(p.navigate.mailKey, OP.ceiling(probe, p.navWaitMs, 6000, 500))
            .then(function (mail) {
              if (mail && mail.length) {
                nav.report = true;
                nav.opener = mail[0].opener;
                nav.origin = mail[0].origin;
              }
              // The navigated page reports before the opener's WindowProxy learns of a browsing
              // context group switch: give `closed` the same settle as after the first load.
              return OP.until(
                function () {
                  return !w || w.closed;
                },
                closedSettleMs(nav.report && nav.opener === 'null' && !!w),
              ).then(function () {
                return mail;
              });
            })
            .then(function () {
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
          return out;
        })
    );
  });
})();
