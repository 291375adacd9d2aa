/**
 * Why, by the standards, run on the headers the user's server actually sent (issue 15). Each probe
 * kind has its model: the Fetch CORS protocol (harness/model/fetch/cors.ts) for reads, the CORP
 * check for embeds (corp.ts), HTML's cross-origin isolation (html-model/isolation.ts) and framing
 * rules (html-model/framing.ts). The answer says whether the intent holds by the standard, the
 * steps that decide it, and the exchanges it read — or that it cannot tell, and why.
 */
import type { LoggedRequest } from '../protocol/visit.ts';
import { corpInternalCheck } from '../harness/model/fetch/corp.ts';
import { corsCheck, evaluatePreflight, preflightNeeded, PreflightCache, type CorsRequestView } from '../harness/model/fetch/cors.ts';
import { corsUnsafeRequestHeaderNames, isCorsSafelistedMethod, normalizeMethod, type HeaderList } from '../harness/model/fetch/headers.ts';
import { isolationOf } from '../harness/model/html/isolation.ts';
import { framingOf } from '../harness/model/html/framing.ts';
import type { AuditProbe } from './derive.ts';

/** One request the user's server received for the probe, and what it answered. */
export interface Exchange {
  request: string;
  origin?: string;
  status?: number;
  headers?: HeaderList;
  error?: string;
}

export interface Explanation {
  /** Whether the intent holds by the standard, on these headers; undefined when the evidence cannot tell. */
  holds: boolean | undefined;
  /** What the standard predicts the browser does, in the probe's words (readable, blocked, isolated, …). */
  outcome?: string;
  /** The steps that decide it, each citing its section and step. */
  why: string[];
  exchanges: Exchange[];
}

function exchangeOf(r: LoggedRequest): Exchange {
  return {
    request: `${r.method} ${r.path}`,
    origin: r.origin,
    status: r.answer?.status,
    headers: r.answer?.headers,
    error: r.upstream?.error,
  };
}

/** The requests of this probe (not its control) that reached the user's URL under test. */
export function targetRequests(probe: AuditProbe, requests: LoggedRequest[]): LoggedRequest[] {
  return requests.filter((r) => r.probe === probe.id && r.response === probe.target.path && r.upstream);
}

const unknown = (why: string, exchanges: Exchange[]): Explanation => ({ holds: undefined, why: [why], exchanges });

/** Engine behaviour the model can apply instead of the standard (harness/model/fetch ModelVariant). */
export interface ReadVariant {
  wildcardCoversAuthorization?: boolean;
}

function explainRead(p: AuditProbe, logged: LoggedRequest[], variant: ReadVariant = {}): Explanation {
  const req = p.request!;
  const exchanges = logged.map(exchangeOf);
  const pre = logged.find((r) => r.method === 'OPTIONS' && r.acrMethod !== undefined);
  const actual = logged.find((r) => r !== pre);
  const headers: HeaderList = Object.entries(req.headers);
  if (req.body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
  // The Origin the browser actually sent is the request's serialized origin (#serializing-a-request-origin).
  const sent = (pre ?? actual)?.origin ?? p.requester.origin;
  const view: CorsRequestView = { serializedOrigin: sent, credentials: req.credentials, method: normalizeMethod(req.method), headers, url: p.target.url };
  const why: string[] = [];
  const wantReadable = p.expect === 'readable';
  const verdict = (readable: boolean): Explanation => ({ holds: readable === wantReadable, outcome: readable ? 'readable' : 'unreadable', why, exchanges });
  const cache = new PreflightCache();
  if (preflightNeeded(view, cache, variant.wildcardCoversAuthorization)) {
    const unsafe = corsUnsafeRequestHeaderNames(headers);
    why.push(
      `HTTP fetch step 4.1: a CORS preflight is needed (${[!isCorsSafelistedMethod(view.method) ? `method ${view.method} is not CORS-safelisted` : '', unsafe.length ? `CORS-unsafe request-header names ${unsafe.join(', ')}` : ''].filter(Boolean).join('; ')})`,
    );
    if (!pre)
      return unknown(`${why[0]}, but no preflight (OPTIONS with Access-Control-Request-Method) reached your server, so its answer cannot be judged`, exchanges);
    if (!pre.answer) return unknown(`the preflight got no answer from your server: ${pre.upstream?.error ?? 'unknown cause'}`, exchanges);
    const outcome = evaluatePreflight(view, pre.answer.status, pre.answer.headers, cache, false, variant.wildcardCoversAuthorization);
    why.push(`OPTIONS ${p.target.path} → ${pre.answer.status}: ${outcome.why}`);
    if (!outcome.ok) return verdict(false);
  } else {
    why.push(`HTTP fetch step 4.1: no preflight (${view.method} is CORS-safelisted and every request header is CORS-safelisted)`);
  }
  if (!actual) return unknown(`${why.join('; ')}; but the request itself never reached your server, so its answer cannot be judged`, exchanges);
  if (!actual.answer)
    return unknown(`your server gave no answer to ${actual.method} ${p.target.path}: ${actual.upstream?.error ?? 'unknown cause'}`, exchanges);
  const check = corsCheck(view, actual.answer.headers);
  why.push(`${actual.method} ${p.target.path} → ${actual.answer.status}: ${check.why}`);
  return verdict(check.ok);
}

/** The document's own answer (the first one of the probe that came back). */
function documentAnswer(logged: LoggedRequest[]): LoggedRequest | undefined {
  return logged.find((r) => r.answer && r.method === 'GET');
}

function explainIsolation(p: AuditProbe, logged: LoggedRequest[]): Explanation {
  const exchanges = logged.map(exchangeOf);
  const doc = documentAnswer(logged);
  if (!doc?.answer) return unknown('the page never came back from your server, so its headers cannot be judged', exchanges);
  if (doc.answer.status >= 300 && doc.answer.status < 400)
    return unknown(`your server redirected the page (${doc.answer.status}); state the URL it ends at as the page`, exchanges);
  const m = isolationOf(p.target.url, doc.answer.headers);
  return { holds: m.isolated, outcome: m.isolated ? 'isolated' : 'not isolated', why: m.why, exchanges };
}

function explainEmbed(p: AuditProbe, logged: LoggedRequest[]): Explanation {
  const exchanges = logged.map(exchangeOf);
  const res = logged.find((r) => r.answer);
  if (!res?.answer) return unknown('the resource never came back from your server, so its headers cannot be judged', exchanges);
  const embedder = p.embed?.coep ?? 'unsafe-none';
  const c = corpInternalCheck({
    origin: p.requester.origin,
    embedderPolicy: embedder,
    responseUrl: p.target.url,
    headers: res.answer.headers,
    // An element without a crossorigin attribute fetches in no-cors mode with credentials included.
    requestIncludesCredentials: true,
  });
  const why = [
    `<${p.embed?.as}> without a crossorigin attribute fetches in no-cors mode, so the cross-origin resource policy check applies (#cross-origin-resource-policy-check)`,
    c.why,
  ];
  const loads = c.ok;
  return { holds: p.expect === 'loads' ? loads : !loads, outcome: loads ? 'loads' : 'blocked', why, exchanges };
}

function explainFraming(p: AuditProbe, logged: LoggedRequest[]): Explanation {
  const exchanges = logged.map(exchangeOf);
  const doc = documentAnswer(logged);
  if (!doc?.answer) return unknown('the page never came back from your server, so its headers cannot be judged', exchanges);
  const m = framingOf(p.target.origin, doc.answer.headers, p.ancestors ?? []);
  return { holds: m.blocked, outcome: m.blocked ? 'not framed' : 'framed', why: m.why, exchanges };
}

/** `variant`: explain a read as an engine that deviates that way would see it (undefined: the standard). */
export function explain(p: AuditProbe, requests: LoggedRequest[], variant?: ReadVariant): Explanation {
  const logged = targetRequests(p, requests);
  switch (p.kind) {
    case 'read':
      return explainRead(p, logged, variant);
    case 'isolation':
      return explainIsolation(p, logged);
    case 'embed':
    case 'same-site-only':
      return explainEmbed(p, logged);
    case 'framing':
      return explainFraming(p, logged);
  }
}
