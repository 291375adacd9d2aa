/**
 * What the engine did, in a word, per probe kind: derived from a probe's observation (and, for
 * requests, the server's evidence of what arrived). Each probe kind's word sits here beside its
 * contract (probes.ts), in a table typed by ProbeKind, so a kind without a word does not compile.
 * The report shows this word in every cell and colours it by the verdict; the same function
 * applied to the scenario's expectation gives what the standard expects, shown beside the word
 * when the engine deviates.
 *
 * Tones say which way the boundary went: `open` (script got through: readable, reachable,
 * delivered, opener kept), `partial` (sent or loaded, but nothing readable), `closed` (blocked,
 * severed, not sent), `state` (a property of the page: isolated or not), `none` (no result).
 */

import type { ProbeKind } from './probes.ts';

export type Tone = 'open' | 'partial' | 'closed' | 'state' | 'none';

export interface Outcome {
  word: string;
  tone: Tone;
}

type Obs = Record<string, unknown>;
/** Server evidence per declared response (any subset of harness/judge/evidence.ts ResponseEvidence). */
export type EvidenceLike = Record<string, { arrived?: boolean; actual?: boolean; preflight?: boolean } | undefined>;

const o = (word: string, tone: Tone): Outcome => ({ word, tone });
const isObj = (v: unknown): v is Obs => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether the actual request (not only a preflight) of one response reached the server; undefined
 * when the evidence does not say. An expectation that names what a request carried (cookies,
 * Origin, methods…) describes a request that arrived.
 */
function actualArrived(e: Record<string, unknown>): boolean | undefined {
  if (typeof e.actual === 'boolean') return e.actual;
  if (typeof e.arrived === 'boolean') return e.arrived && !(e.preflight === true && e.actualCount === 0);
  const carried = Object.keys(e).some((k) => !['preflight', 'preflightCount', 'acrMethod', 'acrHeaders'].includes(k));
  return carried ? true : undefined;
}

/**
 * What reached the server, over every declared response of the probe. A run's evidence summary
 * lists only responses that were requested, so an empty one means nothing arrived; an
 * expectation without evidence says nothing.
 */
function reached(ev: EvidenceLike | undefined): { actual: boolean; preflight: boolean; known: boolean } {
  const all = Object.values(ev ?? {}).filter(isObj);
  const arrived = all.map(actualArrived);
  return {
    actual: arrived.some((a) => a === true),
    preflight: all.some((e) => e.preflight === true),
    known: ev !== undefined && (all.length === 0 || arrived.some((a) => a !== undefined) || all.some((e) => e.preflight !== undefined)),
  };
}

/** A request script could not read: was it sent anyway (C13), or stopped before it left (preflight)? */
function unreadable(ev: EvidenceLike | undefined): Outcome {
  const r = reached(ev);
  if (r.actual) return o('sent-unreadable', 'partial');
  if (r.preflight) return o('blocked at preflight', 'closed');
  return o('blocked', 'closed');
}

// Response headers every CORS response exposes (Fetch "CORS-safelisted response-header name").
const SAFELISTED_RESPONSE = new Set(['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma']);

function fetchLike(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  const ok = x.resolved ?? x.loaded;
  if (ok === false) return unreadable(ev);
  if (ok !== true) return undefined;
  // An expectation may say only that the fetch resolved, not what script can read of it.
  if (x.type === undefined && x.bodyReadable === undefined && x.headers === undefined) return o('resolved', 'open');
  if (x.type === 'opaque') return o('opaque', 'partial');
  if (x.type === 'opaqueredirect') return o('opaque redirect', 'partial');
  if (x.bodyReadable === false) return o('unreadable', 'partial');
  if (isObj(x.headers)) {
    const asked = Object.keys(x.headers).filter((h) => !SAFELISTED_RESPONSE.has(h));
    if (asked.length) {
      const seen = asked.filter((h) => (x.headers as Obs)[h] !== null && (x.headers as Obs)[h] !== undefined);
      return o(seen.length ? `readable + ${seen.join(', ')}` : 'readable, headers hidden', 'open');
    }
  }
  return o('readable', 'open');
}

/** Muted means the whole event: HTML's "Script error.", "", 0, 0, null — a message alone still leaks the rest. */
function scriptErrorOutcome(e: Obs): Outcome {
  if (e.muted !== true) return o('ran, error readable', 'open');
  const whole = e.filename === '' && e.lineno === 0 && e.colno === 0 && e.error === 'null';
  return whole ? o('ran, error muted', 'partial') : o('ran, error muted in message only', 'partial');
}

function embed(x: Obs): Outcome | undefined {
  if (x.loaded === false || x.event === 'error') return o('blocked', 'closed');
  if (x.event === 'none') return o('no load event', 'none');
  if (x.loaded !== true && x.event !== 'load') return undefined;
  if (isObj(x.read)) return x.read.allowed === true ? o('loaded, readable', 'open') : o('loaded, unreadable', 'partial');
  if (isObj(x.scriptError)) return scriptErrorOutcome(x.scriptError);
  return o('loaded', 'open');
}

function windowAccess(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  if (x.targetReady === false) return o('not loaded', 'closed');
  // Scenarios that only ask whether the frame or popup loaded (COEP, framing) expect targetReady alone.
  if (about && 'targetReady' in about && !('allowed' in about) && x.targetReady === true) return o('loaded', 'open');
  if (x.allowed === true) return o('reachable', 'open');
  if (x.allowed === false) return o('blocked', 'closed');
  if (x.targetReady === true) return o('loaded', 'open');
  return undefined;
}

function postMessage(x: Obs): Outcome | undefined {
  if (x.targetReady === false) return o('no target', 'none');
  if (x.posted === false) return o('throws', 'closed');
  if (x.delivered === true) return o('delivered', 'open');
  if (x.delivered === false) return o('not delivered', 'closed');
  return undefined;
}

function storage(x: Obs): Outcome | undefined {
  if (x.allowed === false) return o('blocked', 'closed');
  if ('value' in x) return x.value === null || x.value === undefined ? o('not visible', 'closed') : o('visible', 'open');
  if (x.allowed === true) return o('allowed', 'open');
  return undefined;
}

function documentDomain(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  // Scenarios about the agent cluster alone (the parsing catalog's Origin-Agent-Cluster) expect only its key.
  const clusterOnly = about ? 'originAgentCluster' in about && !('allowed' in about) : !('allowed' in x);
  if (clusterOnly && typeof x.originAgentCluster === 'boolean') return o(x.originAgentCluster ? 'origin-keyed' : 'site-keyed', 'state');
  // The value it ends with says whether the setter took effect (it is a silent no-op under origin-keyed agent clusters).
  if (x.allowed === true) return typeof x.after === 'string' ? o(`domain = ${x.after}`, 'open') : o('set', 'open');
  if (x.allowed === false) return o('throws', 'closed');
  return undefined;
}

function sent(x: Obs, flag: string, ev: EvidenceLike | undefined, yes: string, no: string): Outcome | undefined {
  if (x[flag] === false) return o('throws', 'closed');
  const r = reached(ev);
  if (r.known) return r.actual ? o(yes, 'open') : o(no, 'closed');
  return x[flag] === true ? o(yes, 'open') : undefined;
}

function popup(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  // Scenarios about where the popup landed (an upgraded http URL) expect its origin, not its opener.
  if (about && 'popupOrigin' in about && !('popupOpener' in about) && typeof x.popupOrigin === 'string') return o(`opened at ${x.popupOrigin}`, 'state');
  if (isObj(x.navigate)) {
    const n = x.navigate;
    if (n.report === false) return o('severed', 'closed');
    if (n.opener === 'null') return o('severed by navigation', 'closed');
    if (n.opener === 'present') return o('opener kept', 'open');
  }
  if (x.popupOpener === 'present') return o('opener kept', 'open');
  if (x.popupOpener === 'null') return x.closed === true ? o('severed', 'closed') : o('no opener', 'closed');
  if (x.report === false) return x.opened === false ? o('not opened', 'closed') : o('no report', 'none');
  return undefined;
}

function isolation(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  // Scenarios about the page's own origin (sandboxing) expect `origin`, not isolation.
  if (about && 'origin' in about && !('crossOriginIsolated' in about) && typeof x.origin === 'string') return o(`origin ${x.origin}`, 'state');
  if (x.crossOriginIsolated === true) return o('isolated', 'state');
  if (x.crossOriginIsolated === false) return o('not isolated', 'state');
  return undefined;
}

function gated(x: Obs): Outcome | undefined {
  if (x.sabPostMessage === true) return o('gated APIs exposed', 'state');
  if (x.sabPostMessage === false) return o('gated APIs hidden', 'state');
  return isolation(x);
}

function worker(x: Obs): Outcome | undefined {
  if (x.created === false) return o('throws', 'closed');
  if (x.event === 'error') return o('blocked', 'closed');
  if (x.event === 'none') return o('no message', 'none');
  if (x.event !== 'message') return undefined;
  const d = isObj(x.data) ? x.data : {};
  if (d.fetched === false) return o('ran, its fetch blocked', 'closed');
  if (d.fetched === true) return o('ran, its fetch loaded', 'open');
  if (d.crossOriginIsolated === true) return o('ran, isolated', 'state');
  return o('ran', 'open');
}

function frameView(x: Obs): Outcome | undefined {
  // The frame's own document said hello: it ran. Otherwise what the page sees decides the word.
  if (x.hello === true) return o('loaded', 'open');
  if (x.contentDocument === 'document') return o('blank, not loaded', 'closed');
  if (x.hello === false) return o('not loaded', 'closed');
  return undefined;
}

/** The parsing catalog's frames: rendered (the declared document is there) or refused. */
function frameLoad(x: Obs): Outcome | undefined {
  if (x.rendered === true) return o('rendered', 'open');
  if (x.rendered === false) return o('refused', 'closed');
  return undefined;
}

function resourceTiming(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  if (x.resolved === false) return fetchLike(x, ev);
  if (x.timingAllowed === true) return o('timings exposed', 'open');
  if (x.timingAllowed === false) return o('timings hidden', 'closed');
  if (x.entry === false) return o('no entry', 'none');
  return undefined;
}

/** A step of a sequence carries no kind in the results: recognise it by its shape. */
function byShape(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  if ('resolved' in x) return fetchLike(x, ev);
  if ('popupOpener' in x || 'navigate' in x) return popup(x);
  if ('delivered' in x || 'posted' in x) return postMessage(x);
  if ('submitted' in x) return sent(x, 'submitted', ev, 'sent', 'not sent');
  if ('sabPostMessage' in x) return gated(x);
  if ('crossOriginIsolated' in x) return isolation(x);
  if ('event' in x && 'created' in x) return worker(x);
  if ('event' in x || 'read' in x || 'scriptError' in x) return embed(x);
  if ('loaded' in x) return fetchLike(x, ev);
  if ('targetReady' in x || 'valueType' in x) return windowAccess(x);
  if ('before' in x || 'after' in x) return documentDomain(x);
  if ('allowed' in x || 'value' in x) return storage(x);
  if ('arrived' in x) return arrival(x);
  return undefined;
}

function sequence(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  if (isObj(x.contexts) && Object.values(x.contexts).some((v) => v === false)) return o('no target', 'none');
  const steps = Array.isArray(x.steps) ? x.steps.filter(isObj) : [];
  // The last step is the one the scenario is about (earlier steps set the stage).
  for (let i = steps.length - 1; i >= 0; i--) {
    const r = byShape(steps[i], ev);
    if (r) return r;
  }
  return undefined;
}

/** A value written in one context and looked for in another: seen there or not. */
function partition(x: Obs): Outcome | undefined {
  if (isObj(x.contexts) && Object.values(x.contexts).some((v) => v === false)) return o('no target', 'none');
  if (x.written === false) return o('not written', 'closed');
  if (typeof x.readError === 'string') return o('read fails', 'closed');
  if ('value' in x) return x.value === null || x.value === undefined ? o('not visible', 'closed') : o('visible', 'open');
  return undefined;
}

/** Storage Access: granted, or refused (and why), or only whether access is there already. */
function storageAccess(x: Obs): Outcome | undefined {
  if (typeof x.requested === 'string') return x.requested === 'granted' ? o('granted', 'open') : o(`refused (${x.requested})`, 'closed');
  if (typeof x.has === 'boolean') return x.has ? o('has access', 'open') : o('no access', 'closed');
  return undefined;
}

/** A request the browser sends on its own schedule (a report): at the server within the bound, or not. */
function arrival(x: Obs): Outcome | undefined {
  if (x.arrived === true) return o('arrived', 'open');
  if (x.arrived === false) return o('not arrived', 'closed');
  return undefined;
}

/** A probe kind's outcome word: undefined when the observation's shape is not its own. */
export type OutcomeWord = (x: Obs, ev: EvidenceLike | undefined, about?: Obs) => Outcome | undefined;

/** Every probe kind's outcome word: typed by ProbeKind, so adding a kind without one fails to compile. */
export const OUTCOME_WORDS: Record<ProbeKind, OutcomeWord> = {
  fetch: fetchLike,
  xhr: fetchLike,
  embed,
  'window-access': windowAccess,
  'post-message': postMessage,
  storage,
  'document-domain': documentDomain,
  'form-post': (x, ev) => sent(x, 'submitted', ev, 'sent', 'not sent'),
  navigate: (x, ev) =>
    x.targetReady === false ? o('no target', 'none') : x.allowed === false ? o('blocked', 'closed') : sent(x, 'allowed', ev, 'navigated', 'not navigated'),
  popup,
  isolation,
  gated,
  worker,
  sequence,
  'frame-view': frameView,
  'frame-load': frameLoad,
  'resource-timing': resourceTiming,
  arrival,
  partition,
  'storage-access': storageAccess,
};

/** The Fetch Metadata the server saw on the request under test, in a word. */
function requestHeaders(ev: EvidenceLike | undefined): Outcome | undefined {
  for (const e of Object.values(ev ?? {})) {
    if (!isObj(e) || !('secFetchSite' in e)) continue;
    if (e.arrived === false || e.actual === false) return o('not sent', 'closed');
    return o(typeof e.secFetchSite === 'string' ? `sent, Sec-Fetch-Site ${e.secFetchSite}` : 'sent, no Sec-Fetch-Site', 'state');
  }
  return undefined;
}

/**
 * The outcome of one observation. `undefined` observation: no result. When the observation's
 * shape is not recognised the word says so rather than guessing. `about`: the scenario's
 * expected observation, whose keys say which aspect of a many-sided observation it is about.
 */
export function outcomeOf(kind: string, observation: unknown, evidence?: EvidenceLike, about?: unknown): Outcome {
  if (!isObj(observation)) return o('no observation', 'none');
  if (observation.timedOut) return o('timed out', 'none');
  if (observation.probeError) return o('probe error', 'none');
  if (observation.contextReady === false) return o('no context', 'none');
  // A scenario about what the server saw of the request (Fetch Metadata) expects no observation at all.
  const requestOnly = isObj(about) && Object.keys(about).length === 0 ? requestHeaders(evidence) : undefined;
  if (requestOnly) return requestOnly;
  const f = OUTCOME_WORDS[kind as ProbeKind] ?? byShape;
  return f(observation, evidence, isObj(about) ? about : undefined) ?? byShape(observation, evidence) ?? o('observed', 'none');
}

/** What the standard expects, from a scenario's (partial) expected observation and evidence; undefined when it does not say. */
export function expectedOutcomeOf(kind: string, expected: { observation: unknown; evidence?: unknown }): Outcome | undefined {
  const r = outcomeOf(kind, expected.observation, isObj(expected.evidence) ? (expected.evidence as EvidenceLike) : undefined, expected.observation);
  return r.tone === 'none' && r.word === 'observed' ? undefined : r;
}
