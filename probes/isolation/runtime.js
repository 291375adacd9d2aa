// isolation: what the page's own agent cluster is: secure context, cross-origin isolated,
// and whether the APIs gated on isolation are exposed.
// observation: { isSecureContext, crossOriginIsolated, sharedArrayBuffer, sabConstructible, origin }
(function () {
  'use strict';
  var OP = self.OP;
  OP.defineProbe('isolation', function () {
    var sabConstructible;
    try {
      sabConstructible = new SharedArrayBuffer(8).byteLength === 8;
    } catch (e) {
      sabConstructible = false;
    }
    var memShared;
    try {
      memShared = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
    } catch (e) {
      memShared = false;
    }
    return {
      origin: self.origin,
      isSecureContext: self.isSecureContext,
      crossOriginIsolated: self.crossOriginIsolated === true,
      sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
      sabConstructible: sabConstructible,
      sharedWasmMemory: memShared,
    };
  });
})();
