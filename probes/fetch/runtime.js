// fetch: send a request to a declared response and report what script could read.
// params: { target: resolved, method?, headers?: {name:value}, credentials?, mode?, body?,
//           redirect?, referrerPolicy?, cache?: RequestCache, readHeaders?: [names], repeat?: n (extra identical requests, e.g. preflight cache),
//           targetAddressSpace?: 'local' | 'loopback' (Local Network Access), inWorker?: bool }
// With inWorker the request is sent by a dedicated worker the page starts from a blob: URL (the
// page's origin and policy container), and the worker posts the observation back.
// The request cache mode is the browser default unless a scenario names one: fixture responses
// carry Cache-Control: no-store and URLs are unique per visit, and some engines skip the
// CORS-preflight cache when the HTTP cache is bypassed, which would confound preflight tests.
// observation: { resolved, error?, status?, type?, bodyReadable?, body?, headers?: {name: value|null}, repeats? }
(function () {
  'use strict';
  var OP = self.OP;

  // Self-contained (also the body of the worker, serialized with toString()): errorName is passed in.
  function once(params, errorName) {
    var init = { method: params.method || 'GET', headers: params.headers || {} };
    if (params.cache) init.cache = params.cache;
    if (params.credentials) init.credentials = params.credentials;
    if (params.mode) init.mode = params.mode;
    if (params.redirect) init.redirect = params.redirect;
    if (params.referrerPolicy) init.referrerPolicy = params.referrerPolicy;
    if (params.body !== undefined) init.body = params.body;
    if (params.targetAddressSpace) init.targetAddressSpace = params.targetAddressSpace;
    return fetch(params.target.url, init).then(
      function (res) {
        var headers = {};
        (params.readHeaders || []).forEach(function (h) {
          headers[h.toLowerCase()] = res.headers.get(h);
        });
        return res.text().then(
          function (text) {
            return {
              resolved: true,
              status: res.status,
              type: res.type,
              redirected: res.redirected,
              bodyReadable: res.type !== 'opaque',
              body: text.slice(0, 200),
              headers: headers,
            };
          },
          function (e) {
            return { resolved: true, status: res.status, type: res.type, bodyReadable: false, error: errorName(e), headers: headers };
          },
        );
      },
      function (e) {
        return { resolved: false, error: errorName(e) };
      },
    );
  }

  function inWorker(params, probe) {
    var ms = OP.ceiling(probe, 0, Infinity, 500);
    return new Promise(function (resolve) {
      var name = 'function (e) { return (e && e.name) || String(e); }';
      var code = '(' + once.toString() + ')(' + JSON.stringify(params) + ',' + name + ').then(function (o) { postMessage(o); });';
      var w;
      try {
        w = OP.track(probe.scope, new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))));
      } catch (e) {
        resolve({ worker: false, probeError: 'worker did not start: ' + OP.errorName(e) });
        return;
      }
      var timer = setTimeout(function () {
        w.terminate();
        resolve({ worker: true, probeError: 'the worker posted nothing in time' });
      }, ms);
      w.onmessage = function (e) {
        clearTimeout(timer);
        w.terminate();
        var o = e.data || {};
        o.worker = true;
        resolve(o);
      };
      w.onerror = function (e) {
        if (e && e.preventDefault) e.preventDefault();
        clearTimeout(timer);
        resolve({ worker: false, probeError: 'worker error: ' + ((e && e.message) || 'unknown') });
      };
    });
  }

  OP.defineProbe('fetch', function (params, probe) {
    if (params.inWorker) return inWorker(params, probe);
    return once(params, OP.errorName).then(function (first) {
      var n = params.repeat || 0;
      if (!n) return first;
      var repeats = [];
      var chain = Promise.resolve();
      for (var i = 0; i < n; i++)
        chain = chain.then(function () {
          return once(params, OP.errorName).then(function (r) {
            repeats.push(r);
          });
        });
      return chain.then(function () {
        first.repeats = repeats;
        return first;
      });
    });
  });
})();
