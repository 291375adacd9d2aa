// storage-access: the Storage Access API as the document sees it, without any permission granted
// and without user activation (a probe cannot give itself one).
// params: { request?: boolean }
// observation: { has (hasStorageAccess()), hasError?, activation (navigator.userActivation.isActive), requested ('granted' | error name), hasAfter }
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

  OP.defineProbe('storage-access', function (p) {
    var obs = {};
    return has().then(function (h) {
      if (h.error) obs.hasError = h.error;
      else obs.has = h.value;
      obs.activation = !!(navigator.userActivation && navigator.userActivation.isActive);
      if (!p.request) return obs;
      if (typeof document.requestStorageAccess !== 'function') {
        obs.requested = 'absent';
        return obs;
      }
      return document
        .requestStorageAccess()
        .then(
          function () {
            obs.requested = 'granted';
          },
          function (e) {
            obs.requested = OP.errorName(e);
          },
        )
        .then(has)
        .then(function (after) {
          if (!after.error) obs.hasAfter = after.value;
          return obs;
        });
    });
  });
})();
