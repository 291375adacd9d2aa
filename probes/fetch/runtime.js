// fetch: send a request to a declared response and report what script could read.
// params: { target: resolved, method?, headers?: {name:value}, credentials?, mode?, body?,
//           redirect?, referrerPolicy?, cache?: RequestCache, readHeaders?: [names], repeat?: n (extra identical requests, e.g. preflight cache),
//           targetAddressSpace?: 'local' | 'loopback' (Local Network Access) }
// The request cache mode is the browser default unless a scenario names one: fixture responses
// carry Cache-Control: no-store and URLs are unique per visit, and some engines skip the
// CORS-preflight cache when the HTTP cache is bypassed, which would confound preflight tests.
// observation: { resolved, error?, status?, type?, bodyReadable?, body?, headers?: {name: value|null}, repeats? }
(function () {
  'use strict';
  var OP = self.OP;

  function once(params) {
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
            return { resolved: true, status: res.status, type: res.type, bodyReadable: false, error: OP.errorName(e), headers: headers };
          },
        );
      },
      function (e) {
        return { resolved: false, error: OP.errorName(e) };
      },
    );
  }

  OP.defineProbe('fetch', function (params) {
    return once(params).then(function (first) {
      var n = params.repeat || 0;
      if (!n) return first;
      var repeats = [];
      var chain = Promise.resolve();
      for (var i = 0; i < n; i++)
        chain = chain.then(function () {
          return once(params).then(function (r) {
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
