// originproof serve mode: the start page a person opens in any browser set to use the proxy.
// It checks what the run needs (certificates, popups), opens the run window, and shows the
// progress the server reports. It decides nothing: visits report to the server on their own.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('op-serve').textContent);
  var query = new URLSearchParams(location.search);
  var app = document.getElementById('app');
  var runId = null;
  var runWindow = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'onclick') e.addEventListener('click', attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function section(title, children) {
    return el('section', {}, [el('h2', { text: title })].concat(children));
  }

  // ---- certificates: an https origin whose certificate is not accepted cannot be fetched ----
  var certList = el('ul', { class: 'checks' });
  function checkCertificates() {
    certList.textContent = '';
    return Promise.all(
      config.httpsOrigins.map(function (origin) {
        var item = el('li', { text: '… ' + origin });
        certList.appendChild(item);
        return fetch(origin + '/__op/serve/ping', { mode: 'no-cors', cache: 'no-store' }).then(
          function () {
            item.className = 'ok';
            item.textContent = '✓ ' + origin;
            return true;
          },
          function () {
            item.className = 'bad';
            item.textContent = '✗ ' + origin + ' — ';
            item.appendChild(el('a', { href: origin + '/__op/serve/', target: '_blank', rel: 'noopener', text: 'open it and accept the certificate warning' }));
            return false;
          },
        );
      }),
    );
  }
  var certHelp = config.localCa
    ? el('p', {}, [
        'This server uses a local certificate authority (',
        el('code', { text: config.localCa }),
        '). Trust it in this browser (see the instructions printed by npm run serve) and every check below turns green; or accept each warning.',
      ])
    : el('p', {}, [
        'The catalog’s https origins use a certificate made for this run, which your browser does not trust: each origin below must be opened once and its warning accepted ' +
          '(or start the server with --ca and trust its local certificate authority). Until then, frames, fetches and popups to that origin fail, and the scenarios that use them come out wrong.',
      ]);

  // ---- popups: probes open windows from script, which browsers block unless allowed ----
  var popupState = el('p', { text: 'Checking whether this page may open a window without a click…' });
  function checkPopups() {
    var w;
    try {
      w = window.open('about:blank', 'originproof-popup-check', 'popup,width=120,height=120');
    } catch (e) {
      w = null;
    }
    if (w) {
      try {
        w.close();
      } catch (e) {
        /* closed anyway with the run */
      }
      popupState.className = 'ok';
      popupState.textContent = '✓ popups are allowed for ' + location.origin;
    } else {
      popupState.className = 'bad';
      popupState.textContent = '✗ popups are blocked for ' + location.origin + ': allow them as described below, then reload this page.';
    }
    return !!w;
  }
  var popupHelp = el('div', {}, [
    el('p', { text: 'Many scenarios open popups from script, without a click. Allow popups for these sites:' }),
    el(
      'ul',
      {},
      config.popupSites.map(function (s) {
        return el('li', {}, [el('code', { text: '[*.]' + s })]);
      }),
    ),
    el('p', {
      class: 'mut',
      text: 'Chrome, Edge: Settings → Privacy and security → Site settings → Pop-ups and redirects → Allowed to send pop-ups → Add, once per site above.',
    }),
    el('p', {
      class: 'mut',
      text:
        'Firefox: Settings → Privacy & Security → Permissions → Block pop-up windows → Exceptions, add each origin: ' +
        config.origins.join(', ') +
        ' (or set dom.disable_open_during_load to false in about:config, in a profile kept for testing).',
    }),
    el('p', {
      class: 'mut',
      text: 'Safari: Settings → Websites → Pop-up Windows → set each of the sites above to Allow (open them once first so they are listed).',
    }),
  ]);

  // ---- the run ----
  var nameInput = el('input', { type: 'text', maxlength: '40', placeholder: 'optional, e.g. alice-phone', value: query.get('name') || '' });
  var startButton = el('button', { text: 'Start the run', onclick: start });
  var progress = el('div', {});

  function start() {
    startButton.disabled = true;
    // Opened before any await, inside the click, so no popup permission is needed for it.
    runWindow = window.open('', 'originproof-run', 'popup,width=1100,height=800');
    // The token in this page's own plan proves the request comes from the start page, not another site.
    fetch('/__op/serve/api/runs', {
      method: 'POST',
      body: JSON.stringify({ name: nameInput.value }),
      headers: { 'Content-Type': 'text/plain', 'X-OP-Serve-Token': config.token },
    })
      .then(function (r) {
        return r.json();
      })
      .then(function (run) {
        runId = run.id;
        var next = new URL(run.next, location.href).href;
        if (runWindow) {
          // The run window keeps no opener: visits run top-level as in a fresh browser window.
          runWindow.opener = null;
          runWindow.location.replace(next);
          poll();
        } else {
          // No window could be opened (autostart without popup permission): the run takes over this one.
          location.href = next;
        }
      })
      .catch(function (e) {
        progress.textContent = 'Could not start the run: ' + e;
        startButton.disabled = false;
      });
  }

  function render(p) {
    progress.textContent = '';
    var pct = p.scenarios.total ? Math.round((100 * p.scenarios.done) / p.scenarios.total) : 0;
    var bar = el('div', { class: 'bar' }, [el('div', { style: 'width:' + pct + '%' })]);
    var counts = Object.keys(p.verdicts)
      .map(function (v) {
        return v + ' ' + p.verdicts[v];
      })
      .join(' · ');
    progress.appendChild(el('p', {}, [el('b', { text: p.column }), ' — ' + p.browser + ' — ' + p.state + (p.stopReason ? ': ' + p.stopReason : '')]));
    progress.appendChild(bar);
    progress.appendChild(
      el('p', {
        text:
          'visits ' + p.visits.done + ' of ' + p.visits.total + ', scenarios ' + p.scenarios.done + ' of ' + p.scenarios.total + (counts ? ' — ' + counts : ''),
      }),
    );
    if (p.current) {
      progress.appendChild(
        el('p', {
          class: 'mut',
          text:
            'now: visit ' +
            (p.current.index + 1) +
            ' (' +
            p.current.scenarios +
            ' scenarios at ' +
            p.current.page.split('/__op')[0] +
            '), ' +
            Math.round(p.current.elapsedMs / 1000) +
            ' s of at most ' +
            Math.round(p.current.boundMs / 1000) +
            ' s',
        }),
      );
    }
    if (p.state === 'running' && p.quietMs > 10000) {
      progress.appendChild(
        el('p', {
          class: 'bad',
          text:
            'The run window has been silent for ' +
            Math.round(p.quietMs / 1000) +
            ' s; the run stops at ' +
            Math.round(p.stopAfterMs / 1000) +
            ' s. Is it showing a certificate warning, or was it closed?',
        }),
      );
      progress.appendChild(el('button', { class: 'quiet', text: 'Open the run window again', onclick: reopen }));
    }
    if (p.state === 'running' || p.state === 'ready') progress.appendChild(el('button', { class: 'quiet', text: 'Stop this run', onclick: stop }));
    if (p.state === 'finished' || p.state === 'stopped')
      progress.appendChild(el('p', { text: 'The results are on the server, in this browser’s own column. You may close this page.' }));
  }

  function reopen() {
    var w = window.open('', 'originproof-run', 'popup,width=1100,height=800');
    if (w) {
      w.opener = null;
      w.location.replace(new URL('/__op/serve/run/' + runId + '/next', location.href).href);
    }
  }

  function stop() {
    fetch('/__op/serve/api/runs/' + runId + '/stop', { method: 'POST', headers: { 'X-OP-Serve-Token': config.token } }).then(function (r) {
      return r.json().then(render);
    });
  }

  function poll() {
    fetch('/__op/serve/api/runs/' + runId, { cache: 'no-store' })
      .then(function (r) {
        return r.json();
      })
      .then(function (p) {
        render(p);
        if (p.state !== 'finished' && p.state !== 'stopped') setTimeout(poll, 1000);
      })
      .catch(function () {
        progress.textContent = 'The server does not answer (stopped?). What finished is in the results file.';
      });
  }

  app.textContent = '';
  app.appendChild(el('h1', { text: 'originproof — run the catalog in this browser' }));
  app.appendChild(
    el('p', {
      text:
        'This page runs ' +
        config.scenarios +
        ' scenarios in ' +
        config.visits +
        ' visits, one after another, in a window of its own. Each visit first clears the catalog origins’ cookies and storage, then loads a page whose scripts attempt cross-origin things and report what your browser allowed to the server, which judges them against the Fetch and HTML standards. Nothing leaves this machine’s test network: the proxy reaches only the catalog’s *.test origins.',
    }),
  );
  app.appendChild(section('1. Certificates', [certHelp, certList, el('button', { class: 'quiet', text: 'Check again', onclick: checkCertificates })]));
  app.appendChild(section('2. Popups', [popupState, popupHelp]));
  app.appendChild(section('3. Run', [el('p', {}, ['Name for your column (added to the browser’s name): ', nameInput]), startButton, progress]));
  checkCertificates();
  checkPopups();
  if (query.get('autostart') === '1') start();
})();
