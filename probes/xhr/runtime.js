// xhr: send an XMLHttpRequest to a declared response and report what script could read.
// params: { target: resolved, method?, headers?: {name:value}, withCredentials?, body?, readHeaders?: [names] }
// observation: { loaded, error?, status?, bodyReadable?, body?, headers?: {name: value|null} }
(function () {
  OP.defineProbe('xhr', function (params) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      try {
        xhr.open(params.method || 'GET', params.target.url, true);
        if (params.withCredentials) xhr.withCredentials = true;
        Object.keys(params.headers || {}).forEach(function (k) {
          xhr.setRequestHeader(k, params.headers[k]);
        });
      } catch (e) {
        resolve({ loaded: false, error: OP.errorName(e) });
        return;
      }
      xhr.onload = function () {
        var headers = {};
        (params.readHeaders || []).forEach(function (h) {
          headers[h.toLowerCase()] = xhr.getResponseHeader(h);
        });
        resolve({ loaded: true, status: xhr.status, bodyReadable: true, body: String(xhr.responseText).slice(0, 200), headers: headers });
      };
      xhr.onerror = function () {
        resolve({ loaded: false, error: 'error-event', status: xhr.status });
      };
      xhr.send(params.body === undefined ? null : params.body);
    });
  });
})();
