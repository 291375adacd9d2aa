// storage-access: the Storage Access API as the document sees it: hasStorageAccess(), the
// permission's state, requestStorageAccess() (inside a real click of the driver when asked: user
// activation), a cookie set first-party seen before and after, and a credentialed fetch to a
// declared response after (the server sees its Sec-Fetch-Storage-Access and Cookie).
// params: { request?: boolean, userClick?: boolean, cookie?: string, fetchAfter?: resolved target }
// observation: { has, hasError?, permission?, activation, clicked?, trusted?, requested ('granted' | error name | 'absent' | 'pending': a prompt waits),
//                hasAfter, cookieBefore?, cookieAfter?, fetched?, driverError? }
(function () {
  'use strict';
  var OP = self.OP;

  function has() {
    if (typeof document.hasStorageAccess !== 'function') return Promise.resolve({ error: 'absent' });
    return document.hasStorageAccess().then(
      function (v) {
        return { value: v === true };
      },
      function (e) {
        return { error: OP.errorName(e) };
      },
    );
  }

  function permissionState() {
    if (!navigator.permissions || typeof navigator.permissions.query !== 'function') return Promise.resolve('absent');
    return navigator.permissions.query({ name: 'storage-access' }).then(
      function (s) {
        return s.state;
      },
      function (e) {
        return 'error:' + OP.errorName(e);
      },
    );
  }

  function hasCookie(name) {
    return document.cookie.split(/;\s*/).some(function (c) {
      return c.split('=')[0] === name;
    });
  }

  function active() {
    return !!(navigator.userActivation && navigator.userActivation.isActive);
  }

  // A request still unsettled after this long waits on the user's answer to a prompt.
  var PROMPT_MS = 1500;

  // requestStorageAccess() called now; resolves to 'granted', the rejection's name, or 'pending' (a prompt is up).
  function request() {
    if (typeof document.requestStorageAccess !== 'function') return Promise.resolve('absent');
    var p;
    try {
      p = document.requestStorageAccess();
    } catch (e) {
      return Promise.resolve(OP.errorName(e));
    }
    var settled = Promise.resolve(p).then(
      function () {
        return 'granted';
      },
      function (e) {
        return OP.errorName(e);
      },
    );
    return Promise.race([
      settled,
      OP.sleep(PROMPT_MS).then(function () {
        return 'pending';
      }),
    ]);
  }

  // The request inside the driver's click (its handler runs while the activation is fresh).
  function requestOnClick(obs, probe) {
    var pending;
    return OP.userClick(probe, Math.max(500, (probe.timeoutMs || 5000) - 2500), function () {
      obs.activation = active();
      pending = request();
    }).then(function (c) {
      obs.clicked = c.clicked;
      if (c.clicked) obs.trusted = c.trusted;
      if (c.driverError) obs.driverError = c.driverError;
      return pending || 'not-requested';
    });
  }

  function fetchAfter(target) {
    return fetch(target.url, { credentials: 'include', cache: 'no-store' }).then(
      function (r) {
        return r.status;
      },
      function (e) {
        return OP.errorName(e);
      },
    );
  }

  OP.defineProbe('storage-access', function (p, probe) {
    var obs = {};
    return has()
      .then(function (h) {
        if (h.error) obs.hasError = h.error;
        else obs.has = h.value;
        if (p.cookie) obs.cookieBefore = hasCookie(p.cookie);
        return permissionState();
      })
      .then(function (state) {
        obs.permission = state;
        if (!p.request) return undefined;
        if (p.userClick) return requestOnClick(obs, probe);
        obs.activation = active();
        return request();
      })
      .then(function (requested) {
        if (requested === undefined) return undefined;
        obs.requested = requested;
        return has().then(function (after) {
          if (!after.error) obs.hasAfter = after.value;
          if (p.cookie) obs.cookieAfter = hasCookie(p.cookie);
        });
      })
      .then(function () {
        if (!p.fetchAfter) return obs;
        return fetchAfter(p.fetchAfter).then(function (status) {
          obs.fetched = status;
          return obs;
        });
      });
  });
})();
