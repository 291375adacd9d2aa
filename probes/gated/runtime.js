// gated: APIs that engines expose only to cross-origin isolated documents, beyond
// SharedArrayBuffer (which the isolation probe covers). Engine-specific by nature.
// observation: { crossOriginIsolated, measureUserAgentSpecificMemory: typeof of the method,
//                sabPostMessage: a SharedArrayBuffer could be posted through a MessageChannel }
(function () {
  'use strict';
  var OP = self.OP;
  OP.defineProbe('gated', function () {
    var out = {
      crossOriginIsolated: self.crossOriginIsolated === true,
      measureUserAgentSpecificMemory: typeof (self.performance && performance.measureUserAgentSpecificMemory),
    };
    var sab = null;
    try {
      sab = new SharedArrayBuffer(8);
    } catch (e) {
      sab = null;
    }
    if (!sab) {
      out.sabPostMessage = false;
      return out;
    }
    return new Promise(function (resolve) {
      var ch = new MessageChannel();
      var t = setTimeout(function () {
        out.sabPostMessage = false;
        resolve(out);
      }, 1000);
      ch.port2.onmessage = function (e) {
        clearTimeout(t);
        out.sabPostMessage = e.data instanceof SharedArrayBuffer;
        resolve(out);
      };
      ch.port2.onmessageerror = function () {
        clearTimeout(t);
        out.sabPostMessage = false;
        resolve(out);
      };
      try {
        ch.port1.postMessage(sab);
      } catch (e) {
        clearTimeout(t);
        out.sabPostMessage = false;
        out.postError = OP.errorName(e);
        resolve(out);
      }
    });
  });
})();
