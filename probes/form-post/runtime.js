// form-post: submit an HTML form to a declared response, into a hidden named iframe (so the
// runner page stays), the way a CSRF page would. The server log proves what was sent.
// params: { target: resolved, method?: 'POST'|'GET', enctype?, fields?: {name: value}, into?: 'frame'|'popup', rel?, until?: resolved, waitMs? }
// observation: { submitted, error? } — what arrived is server evidence
(function () {
  'use strict';
  var OP = self.OP;
  var seq = 0;
  OP.defineProbe('form-post', function (p, probe) {
    return new Promise(function (resolve) {
      var name = 'op-form-' + ++seq + '-' + Math.random().toString(36).slice(2);
      var frame = null;
      if ((p.into || 'frame') === 'frame') {
        frame = OP.track(probe.scope, document.createElement('iframe'));
        frame.name = name;
        (document.body || document.documentElement).appendChild(frame);
      }
      var form = OP.track(probe.scope, document.createElement('form'));
      form.method = p.method || 'POST';
      if (p.enctype) form.enctype = p.enctype;
      if (p.rel) form.rel = p.rel;
      form.action = p.target.url;
      form.target = p.into === 'popup' ? '_blank' : name;
      var fields = Object.assign({}, p.fields || { op: 'csrf' });
      // A GET submission replaces the action's query: carry the visit/probe keys as fields.
      if (String(form.method).toUpperCase() === 'GET') {
        new URL(p.target.url).searchParams.forEach(function (v, k) {
          fields[k] = v;
        });
      }
      Object.keys(fields).forEach(function (k) {
        var i = document.createElement('input');
        i.type = 'hidden';
        i.name = k;
        i.value = fields[k];
        form.appendChild(i);
      });
      (document.body || document.documentElement).appendChild(form);
      var out = {};
      // The submission arriving at the server ends the wait; a blocked one costs the ceiling.
      var done = OP.arrived(p.until || p.target, OP.ceiling(probe, p.waitMs, 1500));
      try {
        form.submit();
        out.submitted = true;
      } catch (e) {
        out.submitted = false;
        out.error = OP.errorName(e);
      }
      done.then(function () {
        if (frame) frame.remove();
        form.remove();
        resolve(out);
      });
    });
  });
})();
