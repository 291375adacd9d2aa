/**
 * The probe kinds an exported test can run, as plain testharness.js-page JavaScript: each does what
 * originproof's runtime probe of that kind does (servers/runtime/probes/<kind>.js) and reports the
 * same observation keys, so the expectation can be written with originproof's words. A kind lists
 * the keys it reports: an expectation naming another key cannot be exported honestly (it would
 * assert nothing), and the export says so.
 */
import {
  AGENT_REPORTS,
  AGENT_STORAGE_ACCESS,
  STORAGE_ACCESS_IN_FRAME,
  FORM_POST,
  LOCAL_SCHEME,
  LOCAL_SCHEME_CONTEXTS,
  POPUP,
  SEQUENCE,
  SEQUENCE_STEPS,
} from './probes-contexts.ts';

export interface ExportedProbe {
  /** Observation keys the function reports. */
  keys: string[];
  /** The function's source: `async function probe(p, url)` → observation. */
  source: string;
  /** The body of a declared `agent` document, when the probe runs inside one. */
  agentBody?: string;
  /** The probe waits for other documents or workers: the test asks for WPT's long timeout. */
  long?: boolean;
  /** testharness.js setup options the probe needs. */
  setup?: string;
  /** The probe reaches one of WPT's own servers, not the test's handler: why the server's evidence is not checked. */
  evidenceNotCarried?: string;
  /** The probe needs WPT's WebSocket ports (PORTS.ws, PORTS.wss, from the handler). */
  webSocketPorts?: boolean;
}

const FETCH = `// What script can read of a fetch (originproof's fetch probe): repeats are identical requests.
async function probe(p, url) {
  async function once() {
    const init = { method: p.method || 'GET', headers: p.headers || {} };
    for (const k of ['cache', 'credentials', 'mode', 'redirect', 'body']) if (p[k] !== undefined) init[k] = p[k];
    let res;
    try {
      res = await fetch(url, init);
    } catch (e) {
      return { resolved: false, error: e.name };
    }
    const headers = {};
    for (const h of p.readHeaders || []) headers[h.toLowerCase()] = res.headers.get(h);
    try {
      const text = await res.text();
      return { resolved: true, status: res.status, type: res.type, redirected: res.redirected, bodyReadable: res.type !== 'opaque', body: text.slice(0, 200), headers };
    } catch (e) {
      return { resolved: true, status: res.status, type: res.type, bodyReadable: false, error: e.name, headers };
    }
  }
  const first = await once();
  if (p.repeat) {
    first.repeats = [];
    for (let i = 0; i < p.repeat; i++) first.repeats.push(await once());
  }
  return first;
}`;

const RESOURCE_TIMING = `// Whether the resource timing entry of a fetch exposes its detailed timings (the TAO check passed).
async function probe(p, url) {
  const init = {};
  if (p.mode) init.mode = p.mode;
  if (p.credentials) init.credentials = p.credentials;
  let res;
  try {
    res = await fetch(url, init);
    await res.text();
  } catch (e) {
    return { resolved: false, error: e.name };
  }
  for (let waited = 0; waited < 2000; waited += 50) {
    const entries = performance.getEntriesByName(res.url || url, 'resource');
    if (entries.length) {
      const e = entries[entries.length - 1];
      return { resolved: true, entry: true, timingAllowed: e.requestStart > 0, responseStart: e.responseStart > 0 };
    }
    await new Promise((r) => step_timeout(r, 50));
  }
  return { resolved: true, entry: false };
}`;

const FRAME_LOAD = `// Whether a framed document rendered: it holds one child frame, a count readable across origins.
async function probe(p, url) {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', () => resolve('load'), { once: true }));
  frame.src = url;
  document.body.appendChild(frame);
  const event = await Promise.race([loaded, new Promise((r) => step_timeout(() => r('none'), 4000))]);
  let length = null;
  try {
    length = frame.contentWindow ? frame.contentWindow.length : null;
  } catch (e) {
    length = null;
  }
  frame.remove();
  return { event, rendered: length === 1, length };
}`;

// As originproof's probe reads it: origin-keyed or not (an engine without the attribute is not).
const AGENT_OAC = `<!doctype html><meta charset="utf-8"><script>parent.postMessage({ originAgentCluster: self.originAgentCluster === true }, '*');</script>`;

const DOCUMENT_DOMAIN_IN_FRAME = `// window.originAgentCluster as the framed document sees it (it posts it to this page).
async function probe(p, url) {
  const frame = document.createElement('iframe');
  const message = new Promise((resolve) => window.addEventListener('message', (e) => e.source === frame.contentWindow && resolve(e.data)));
  frame.src = url;
  document.body.appendChild(frame);
  const data = await message;
  frame.remove();
  return { contextReady: true, originAgentCluster: data.originAgentCluster };
}`;

const SCRIPT = `// A classic script element and the first window error event it causes, as HTML's "report an
// exception" fills it (muted: "Script error.", "", 0, 0, null).
async function probe(p, url) {
  const signals = [];
  // The script under test calls OP.signal(name) when it runs.
  self.OP = { signal: (name, value) => name === p.signal && signals.push(value === undefined ? true : value) };
  const el = document.createElement('script');
  const errors = [];
  const onError = (e) => {
    const file = String(e.filename === undefined ? '' : e.filename);
    errors.push({
      message: String(e.message),
      muted: e.message === 'Script error.' || e.message === 'Script error',
      filename: file === '' ? '' : file === el.src ? 'src' : 'other',
      lineno: e.lineno,
      colno: e.colno,
      error: e.error === null ? 'null' : e.error === undefined ? 'undefined' : typeof e.error,
    });
  };
  self.addEventListener('error', onError);
  if (p.crossorigin !== undefined) el.setAttribute('crossorigin', p.crossorigin);
  const event = await new Promise((resolve) => {
    el.onload = () => resolve('load');
    el.onerror = () => resolve('error');
    el.src = url;
    document.body.appendChild(el);
  });
  await new Promise((r) => step_timeout(r, 0));
  self.removeEventListener('error', onError);
  el.remove();
  return { loaded: event === 'load', event, signals, scriptError: errors.length ? errors[0] : null };
}`;

const WEBSOCKET = `// A WebSocket to WPT's echo handler, on the host and scheme of the target (an http: target is
// ws:, the mixed-content case from this https page): what script can do and read, as originproof's
// websocket probe reports it. A failed connection fires error, then close in the same task
// (WebSockets, "feedback from the protocol"): close gets 200 ms after error.
async function probe(p, url) {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const wsUrl = (secure ? 'wss://' : 'ws://') + target.hostname + ':' + PORTS[secure ? 'wss' : 'ws'] + '/echo';
  const text = p.send || 'op-ping';
  const out = { constructed: false, opened: false, read: false, echoed: false };
  let ws;
  try {
    ws = new WebSocket(wsUrl);
  } catch (e) {
    return Object.assign(out, { error: e.name });
  }
  out.constructed = true;
  await new Promise((resolve) => {
    let timer = step_timeout(resolve, p.waitMs || 4000);
    ws.onopen = () => {
      out.opened = true;
      ws.send(text);
    };
    ws.onmessage = (e) => {
      out.read = true;
      if (e.data === text) {
        out.echoed = true;
        resolve();
      }
    };
    ws.onerror = () => {
      out.failed = true;
      out.closeAfterError = false;
      clearTimeout(timer);
      timer = step_timeout(resolve, 200);
    };
    ws.onclose = (e) => {
      out.closeCode = e.code;
      out.wasClean = e.wasClean;
      if (out.failed) out.closeAfterError = true;
      resolve();
    };
  });
  ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
  ws.close();
  return out;
}`;

/** The inspect operations WINDOW_INSPECT carries (a subset of the runtime's). */
const EXPORTED_OPS = [
  'get',
  'set',
  'call',
  'setPrototypeOf',
  'reflectSetPrototypeOf',
  'protoSetter',
  'isExtensible',
  'preventExtensions',
  'reflectPreventExtensions',
  'keys',
  'forIn',
];

const AGENT_WITH_CHILDREN = `<!doctype html><meta charset="utf-8"><body><script>
for (let i = 0; i < 2; i++) { const f = document.createElement('iframe'); if (i === 1) f.name = 'donotleakme'; document.body.appendChild(f); }
parent.postMessage('ready', '*');
</script>`;

const WINDOW_INSPECT = `// One internal method of a frame's WindowProxy (or its Location), its result as a word
// (originproof's window-access probe, action "inspect"). The framed document has two child frames.
async function probe(p, url) {
  const frame = document.createElement('iframe');
  const ready = new Promise((resolve) => window.addEventListener('message', (e) => e.source === frame.contentWindow && resolve(true)));
  frame.src = url;
  document.body.appendChild(frame);
  await ready;
  const W = frame.contentWindow;
  const PROTO = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__');
  const protoValue = (v) => (v === 'null' ? null : {});
  const word = (v) => (v === undefined || v === null || typeof v !== 'object' ? (typeof v === 'function' ? 'function' : String(v)) : 'object');
  const list = (keys) => (keys.length ? keys.map(String).join(',') : '(none)');
  const OPS = {
    get: (o) => word(o[p.key]),
    set: (o) => ((o[p.key] = p.value), 'ok'),
    call: (o) => word(o[p.key].apply(o, p.args || [])),
    setPrototypeOf: (o) => (Object.setPrototypeOf(o, protoValue(p.value)), 'ok'),
    reflectSetPrototypeOf: (o) => String(Reflect.setPrototypeOf(o, protoValue(p.value))),
    protoSetter: (o) => (PROTO.set.call(o, protoValue(p.value)), 'ok'),
    isExtensible: (o) => String(Object.isExtensible(o)),
    preventExtensions: (o) => (Object.preventExtensions(o), 'ok'),
    reflectPreventExtensions: (o) => String(Reflect.preventExtensions(o)),
    keys: (o) => list(Object.keys(o)),
    forIn: (o) => {
      const seen = [];
      for (const k in o) seen.push(k);
      return list(seen);
    },
  };
  if (!OPS[p.op]) throw new Error('this export does not carry the operation ' + p.op);
  let result;
  try {
    result = { targetReady: true, allowed: true, value: String(OPS[p.op]((p.path || []).length ? W.location : W)) };
  } catch (e) {
    result = { targetReady: true, allowed: false, error: e.name };
  }
  frame.remove();
  return result;
}`;

type Step = { kind: string; in?: string; params: Record<string, unknown> };

/** A sequence of popups, fetches and arrivals, its contexts plain frames (the control may add them). */
function sequenceExportable(params: Record<string, unknown>): boolean {
  const steps = (params.steps ?? []) as Step[];
  const contexts = Object.values((params.contexts ?? {}) as Record<string, { via?: string; sandbox?: unknown; allow?: unknown }>);
  return (
    steps.every((s) => SEQUENCE_STEPS.includes(s.kind) && (s.kind !== 'popup' || Object.keys(s.params).every((k) => ['open', 'waitMs'].includes(k)))) &&
    contexts.every((c) => c.via === 'iframe' && !c.sandbox && !c.allow)
  );
}

/** Exportable probes by kind (and, for embed, element). */
export function exportedProbe(kind: string, params: Record<string, unknown>, inContext: boolean): ExportedProbe | string {
  if (inContext) {
    if (kind === 'document-domain') return { keys: ['contextReady', 'originAgentCluster'], source: DOCUMENT_DOMAIN_IN_FRAME, agentBody: AGENT_OAC };
    if (kind === 'storage-access' && !params.fetchAfter && (!params.request || params.userClick))
      return {
        keys: ['has', 'cookieBefore', 'permission', 'clicked', 'trusted', 'activation', 'requested', 'hasAfter', 'cookieAfter'],
        source: STORAGE_ACCESS_IN_FRAME,
        agentBody: AGENT_STORAGE_ACCESS,
        long: true,
      };
    return `a ${kind} probe inside a frame or popup is not exportable yet`;
  }
  if (kind === 'form-post' && (params.into ?? 'frame') === 'frame') return { keys: ['submitted', 'error'], source: FORM_POST, long: true };
  if (kind === 'popup') return { keys: ['opened', 'report'], source: POPUP, agentBody: AGENT_REPORTS, long: true };
  if (kind === 'local-scheme' && LOCAL_SCHEME_CONTEXTS.includes(String(params.context)))
    return { keys: ['ready', 'scheme', 'origin', 'loaded', 'error', 'crossOriginIsolated'], source: LOCAL_SCHEME, long: true };
  if (kind === 'sequence' && sequenceExportable(params)) return { keys: ['steps', 'contexts'], source: SEQUENCE, agentBody: AGENT_REPORTS, long: true };
  if (kind === 'websocket' && !params.inWorker)
    return {
      keys: ['constructed', 'error', 'opened', 'read', 'echoed', 'failed', 'closeAfterError', 'closeCode', 'wasClean'],
      source: WEBSOCKET,
      webSocketPorts: true,
      evidenceNotCarried:
        "the socket goes to WPT's own echo handler (websockets/handlers/echo_wsh.py), which keeps no log: the server's evidence (whether the handshake arrived) is not checked here",
    };
  if (kind === 'fetch') return { keys: ['resolved', 'error', 'status', 'type', 'redirected', 'bodyReadable', 'body', 'headers', 'repeats'], source: FETCH };
  if (kind === 'resource-timing') return { keys: ['resolved', 'error', 'entry', 'timingAllowed', 'responseStart'], source: RESOURCE_TIMING };
  if (kind === 'frame-load') return { keys: ['event', 'rendered', 'length'], source: FRAME_LOAD };
  if (kind === 'window-access' && params.action === 'inspect' && params.target === 'frame' && EXPORTED_OPS.includes(String(params.op)))
    return { keys: ['targetReady', 'allowed', 'error', 'value'], source: WINDOW_INSPECT, agentBody: AGENT_WITH_CHILDREN };
  if (kind === 'embed' && params.element === 'script' && !params.read)
    return { keys: ['loaded', 'event', 'signals', 'scriptError'], source: SCRIPT, setup: '{ allow_uncaught_exception: true }' };
  const what = kind === 'embed' ? ` (${String(params.element)})` : kind === 'local-scheme' ? ` (${String(params.context)})` : '';
  return `the ${kind} probe${what} is not exportable yet`;
}
