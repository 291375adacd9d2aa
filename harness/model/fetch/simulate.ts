/**
 * A model of fetch() for the CORS catalog: walks main fetch → HTTP fetch → (CORS-preflight fetch) →
 * HTTP-network-or-cache fetch → HTTP-redirect fetch over DECLARED responses (the same data the
 * fixture server serves), and returns what the standard says the fetch probe observes and what the
 * server must log. Pure: no network, no browser.
 *
 *  main fetch            https://fetch.spec.whatwg.org/#main-fetch
 *  HTTP fetch            https://fetch.spec.whatwg.org/#http-fetch
 *  HTTP-redirect fetch   https://fetch.spec.whatwg.org/#http-redirect-fetch
 *  Origin header         https://fetch.spec.whatwg.org/#append-a-request-origin-header
 *  Request constructor   https://fetch.spec.whatwg.org/#dom-request (no-cors method check, header guard)
 */
import { originEntry, originUrl, type OriginName } from '../../../protocol/origins.ts';
import type { DeclaredResponse } from '../../../protocol/declared-response.ts';
import { renderDeclared } from '../../../protocol/render.ts';
import { parseResponseUrl } from '../../../protocol/paths.ts';
import { agentDocument } from '../../../servers/runtime-files.ts';
import type { EvidenceExpectation } from '../../scenario/scenario.ts';
import {
  basicExposed,
  corsCheck,
  corsExposed,
  evaluatePreflight,
  isRedirectStatus,
  preflightNeeded,
  preflightRequestHeaders,
  PreflightCache,
  type CredentialsMode,
  type CorsRequestView,
} from './cors.ts';
import {
  getHeader,
  isCorsNonWildcardRequestHeaderName,
  isCorsSafelistedMethod,
  isNoCorsSafelistedRequestHeader,
  normalizeMethod,
  type HeaderList,
} from './headers.ts';

export type Requester = OriginName | { opaque: true; top: OriginName };

export interface ModelInput {
  /** Origin of the document calling fetch(): a catalog origin, or an opaque origin (sandboxed frame) under a top-level page. */
  requester: Requester;
  target: { at: OriginName; response: string };
  responses: Record<string, DeclaredResponse>;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: CredentialsMode;
  mode?: 'cors' | 'no-cors' | 'same-origin';
  readHeaders?: string[];
  repeat?: number;
  /**
   * The request's cache mode (#concept-request-cache-mode). The standard keeps the CORS-preflight
   * cache independent of it (#http-fetch step 4.1 never looks at the cache mode); engines differ.
   */
  cache?: RequestCacheMode;
  /**
   * NOT the standard: known engine behaviours, so a deviation record can be computed (and stays
   * exact) instead of hand-written. Unset = the standard.
   */
  variant?: ModelVariant;
  /** Cookie names the (first-party) jar holds per origin, set before the page loaded. */
  cookieJar?: Partial<Record<OriginName, string[]>>;
}

export type RequestCacheMode = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';

export interface ModelVariant {
  /** Request cache modes for which the CORS-preflight cache is not consulted (every such request is preflighted). */
  preflightCacheLookupSkippedFor?: RequestCacheMode[];
  /** Request cache modes for which a passed preflight is not stored in the CORS-preflight cache. */
  preflightCacheStoreSkippedFor?: RequestCacheMode[];
  /** Requests from an opaque origin (sandboxed document, Origin: null) never get a preflight cache hit. */
  noPreflightCacheForOpaqueOrigin?: boolean;
  /** `*` in a cached Access-Control-Allow-Methods / -Allow-Headers is kept as a literal name, so it never matches a later request. */
  cachedWildcardIsLiteral?: boolean;
  /** A preflight-cache hit for HEAD (with CORS-unsafe headers) needs a cached HEAD method entry; only GET and POST are exempt. */
  cachedHeadNeedsMethodEntry?: boolean;
  /** Access-Control-Allow-Headers: * also covers Authorization. */
  wildcardCoversAuthorization?: boolean;
  /** ...but a preflight-cache hit still needs Authorization listed (so such requests are preflighted every time). */
  cacheHitNeedsListedAuthorization?: boolean;
  /** Once a fetch needed a preflight, every later cross-origin hop is preflighted again (even a GET after 303). */
  stickyPreflight?: boolean;
  /** A preflight after a redirect carries the untainted request origin (the actual request still sends "null"). */
  preflightOriginUntainted?: boolean;
}

export interface ModelRequestLog {
  response: string;
  at: OriginName;
  preflight: boolean;
  method: string;
  /** Origin header value, or null when the standard appends none. */
  origin: string | null;
  tainting: 'basic' | 'cors' | 'opaque';
  /** Cookie names sent; 'policy' when the user agent's third-party cookie policy decides. */
  cookies: string[] | 'policy';
  acrMethod: string | null;
  acrHeaders: string | null;
}

export interface FetchResult {
  resolved: boolean;
  error?: string;
  status?: number;
  type?: 'basic' | 'cors' | 'opaque';
  redirected?: boolean;
  bodyReadable?: boolean;
  body?: string;
  headers?: Record<string, string | null>;
  /** Why the standard says so: the steps taken, for reports and unit tests. */
  trace: string[];
}

export interface ModelOutcome {
  first: FetchResult;
  repeats: FetchResult[];
  requests: ModelRequestLog[];
  /** Expected probe observation (partial, in the fetch probe's shape). */
  observation: Record<string, unknown>;
  /** Expected evidence per declared response name. */
  evidence: Record<string, EvidenceExpectation>;
  /** Every fetch resolved, bodies readable and every declared response header that was asked for readable. */
  fullyReadable: boolean;
}

function siteOf(name: OriginName): string {
  return originEntry(name).site;
}

function requesterOrigin(r: Requester): string {
  return typeof r === 'string' ? originUrl(r) : 'null';
}

// The model renders responses as if they belonged to this probe of this visit, and follows a
// redirect only when its Location names a sibling response of the same probe.
const MODEL_VISIT = 'model';
const MODEL_PROBE = 'model';

interface Served {
  status: number;
  headers: HeaderList;
  /** The content as fetch's text() reads it, and as bytes. */
  body: string;
  bytes: Buffer;
  location?: { at: OriginName; response: string };
}

/**
 * What the fixture server sends for a declared response: protocol/render.ts, the function the
 * server itself uses (`inVisit` names the visit and probe its template URLs point into).
 */
export function serve(
  declared: DeclaredResponse,
  method: string,
  originHeader: string | null,
  inVisit: { visitId: string; probeKey: string } = { visitId: MODEL_VISIT, probeKey: MODEL_PROBE },
): Served {
  const rendered = renderDeclared(declared, { method, origin: originHeader ?? undefined, ...inVisit }, { agentDocument: agentDocument() });
  const loc = getHeader(rendered.headers, 'location');
  const next = loc ? parseResponseUrl(loc) : undefined;
  return {
    status: rendered.status,
    headers: rendered.headers,
    body: rendered.body.toString('utf8'),
    bytes: rendered.body,
    location: next && next.probeKey === inVisit.probeKey ? { at: next.at, response: next.response } : undefined,
  };
}

// long: one pass of main fetch → HTTP fetch → preflight → redirect, step by step in the standard's order, each step traced
function once(input: ModelInput, cache: PreflightCache, log: ModelRequestLog[]): FetchResult {
  const trace: string[] = [];
  const credentials = input.credentials ?? 'same-origin';
  const mode = input.mode ?? 'cors';
  let method = normalizeMethod(input.method ?? 'GET');
  let body: string | undefined = input.body;
  let headers: HeaderList = Object.entries(input.headers ?? {});
  const reqOrigin = requesterOrigin(input.requester);
  const opaque = typeof input.requester !== 'string';
  const top: OriginName = typeof input.requester === 'string' ? input.requester : input.requester.top;

  // Request constructor (#dom-request): a body adds Content-Type text/plain;charset=UTF-8 when none is set.
  if (body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
  if (mode === 'no-cors') {
    // #dom-request step "If mode is no-cors": method must be CORS-safelisted, else TypeError.
    if (!isCorsSafelistedMethod(method)) {
      trace.push('Request constructor: no-cors mode with a non-CORS-safelisted method throws TypeError');
      return { resolved: false, error: 'TypeError', trace };
    }
    // Headers guard "request-no-cors": non-no-CORS-safelisted request-headers are silently ignored.
    headers = headers.filter(([n, v]) => isNoCorsSafelistedRequestHeader(n, v));
  }

  let at = input.target.at;
  let response = input.target.response;
  let tainting: 'basic' | 'cors' | 'opaque' | undefined;
  let tainted = false;
  let redirects = 0;
  let preflighted = false;
  for (;;) {
    const declared = input.responses[response];
    if (!declared) throw new Error(`model: response ${response} is not declared`);
    const sameOrigin = !opaque && originUrl(at) === reqOrigin;
    // main fetch step 12 (the switch).
    if (sameOrigin && (tainting === undefined || tainting === 'basic')) tainting = 'basic';
    else if (mode === 'same-origin') {
      trace.push('main fetch: mode same-origin and a cross-origin URL → network error');
      return { resolved: false, error: 'TypeError', trace };
    } else if (mode === 'no-cors') tainting = 'opaque';
    else tainting = 'cors';
    const serializedOrigin = opaque || tainted ? 'null' : reqOrigin;
    const view: CorsRequestView = { serializedOrigin, credentials, method, headers, url: `${at}/${response}` };
    // HTTP-network-or-cache fetch: includeCredentials.
    const includeCredentials = credentials === 'include' || (credentials === 'same-origin' && tainting === 'basic');
    const cookies: string[] | 'policy' = !includeCredentials
      ? []
      : !opaque && siteOf(at) === siteOf(top)
        ? [...(input.cookieJar?.[at] ?? [])].sort()
        : 'policy';

    // main fetch step 12, mode "cors" branch: the fetch() API sets the unsafe-request flag, so a
    // non-safelisted method or CORS-unsafe header names make this a "CORS-preflight flag" HTTP fetch;
    // HTTP fetch step 4.1 consults the preflight cache.
    const v = input.variant ?? {};
    const cacheMode: RequestCacheMode = input.cache ?? 'default';
    const lookupCache =
      v.preflightCacheLookupSkippedFor?.includes(cacheMode) || (v.noPreflightCacheForOpaqueOrigin && serializedOrigin === 'null')
        ? new PreflightCache()
        : cache;
    const storeCache = v.preflightCacheStoreSkippedFor?.includes(cacheMode) ? new PreflightCache() : cache;
    if (
      tainting === 'cors' &&
      ((v.stickyPreflight && preflighted) ||
        preflightNeeded(view, lookupCache, v.wildcardCoversAuthorization && !v.cacheHitNeedsListedAuthorization, {
          wildcardCached: !v.cachedWildcardIsLiteral,
          headNeedsMethodEntry: v.cachedHeadNeedsMethodEntry,
        }))
    ) {
      preflighted = true;
      const pview = v.preflightOriginUntainted && !opaque ? { ...view, serializedOrigin: reqOrigin } : view;
      const { acrMethod, acrHeaders } = preflightRequestHeaders(view);
      log.push({ response, at, preflight: true, method: 'OPTIONS', origin: pview.serializedOrigin, tainting, cookies: [], acrMethod, acrHeaders });
      const pre = serve(declared, 'OPTIONS', pview.serializedOrigin);
      const outcome = evaluatePreflight(pview, pre.status, pre.headers, storeCache, false, v.wildcardCoversAuthorization);
      if (!outcome.ok) {
        // main fetch: "If corsWithPreflightResponse is a network error, then clear cache entries using request."
        cache.clear(view);
        trace.push(`${response}: ${outcome.why}`);
        return { resolved: false, error: 'TypeError', trace };
      }
      trace.push(`${response}: preflight passed (ACRM ${acrMethod}${acrHeaders ? `, ACRH ${acrHeaders}` : ''})`);
    } else if (tainting === 'cors') trace.push(`${response}: no preflight needed (safelisted, or cache entry match)`);

    // #append-a-request-origin-header: tainting cors → serialized origin; otherwise only for
    // methods other than GET/HEAD (referrer policy strict-origin-when-cross-origin keeps it on https).
    const originHeader = tainting === 'cors' || (method !== 'GET' && method !== 'HEAD') ? serializedOrigin : null;
    log.push({ response, at, preflight: false, method, origin: originHeader, tainting, cookies, acrMethod: null, acrHeaders: null });
    const served = serve(declared, method, originHeader);

    // HTTP fetch step 4.4: CORS check on every response (redirects included) when tainting is cors.
    if (tainting === 'cors') {
      const check = corsCheck(view, served.headers);
      if (!check.ok) {
        trace.push(`${response}: ${check.why}`);
        return { resolved: false, error: 'TypeError', trace };
      }
    }

    if (isRedirectStatus(served.status) && served.location) {
      // HTTP-redirect fetch.
      if (++redirects > 20) return { resolved: false, error: 'TypeError', trace: [...trace, 'redirect count 20'] };
      const next = served.location;
      // Step "If locationURL's origin is not same origin with request's current URL's origin and
      // request's origin is not same origin with request's current URL's origin, set the tainted origin flag."
      const crossHop = originUrl(next.at) !== originUrl(at);
      if (crossHop && !sameOrigin) tainted = true;
      // Step: 301/302 with POST, or 303 with a method other than GET/HEAD → GET, no body, request-body-headers removed.
      if (((served.status === 301 || served.status === 302) && method === 'POST') || (served.status === 303 && method !== 'GET' && method !== 'HEAD')) {
        method = 'GET';
        body = undefined; // eslint-disable-line no-useless-assignment -- the model tracks the body per spec step even where no later step reads it
        headers = headers.filter(([n]) => !['content-encoding', 'content-language', 'content-location', 'content-type'].includes(n.toLowerCase()));
      }
      // Step: a cross-origin redirect deletes CORS non-wildcard request-header names (Authorization).
      if (crossHop) headers = headers.filter(([n]) => !isCorsNonWildcardRequestHeaderName(n));
      trace.push(`${response}: ${served.status} → ${next.at}/${next.response}${tainted ? ' (origin tainted → "null")' : ''}`);
      at = next.at;
      response = next.response;
      continue;
    }

    const visible = tainting === 'cors' ? corsExposed(credentials, served.headers) : basicExposed();
    const readHeaders: Record<string, string | null> = {};
    for (const h of input.readHeaders ?? []) readHeaders[h.toLowerCase()] = tainting !== 'opaque' && visible(h) ? getHeader(served.headers, h) : null;
    if (tainting === 'opaque') {
      trace.push(`${response}: opaque filtered response`);
      return { resolved: true, status: 0, type: 'opaque', bodyReadable: false, headers: readHeaders, trace };
    }
    return {
      resolved: true,
      status: served.status,
      type: tainting,
      redirected: redirects > 0,
      bodyReadable: true,
      body: served.body.slice(0, 200),
      headers: readHeaders,
      trace,
    };
  }
}

function observationOf(r: FetchResult): Record<string, unknown> {
  if (!r.resolved) return { resolved: false, error: r.error };
  const o: Record<string, unknown> = { resolved: true, status: r.status, type: r.type, bodyReadable: r.bodyReadable };
  if (r.type !== 'opaque') {
    o.redirected = r.redirected;
    o.body = r.body;
  }
  if (r.headers && Object.keys(r.headers).length) o.headers = r.headers;
  return o;
}

/** The expected observation and evidence of a fetch probe (with `repeat` extra identical fetches). */
export function modelFetch(input: ModelInput): ModelOutcome {
  const cache = new PreflightCache();
  const requests: ModelRequestLog[] = [];
  const first = once(input, cache, requests);
  const repeats: FetchResult[] = [];
  for (let i = 0; i < (input.repeat ?? 0); i++) repeats.push(once(input, cache, requests));
  const observation = observationOf(first);
  if (input.repeat) observation.repeats = repeats.map(observationOf);

  const evidence: Record<string, EvidenceExpectation> = {};
  for (const name of Object.keys(input.responses)) {
    const list = requests.filter((r) => r.response === name);
    if (!list.length) {
      // A response that only serves as a browsing context (an agent document) is not fetch evidence.
      if (input.responses[name].kind === 'agent') continue;
      evidence[name] = { arrived: false };
      continue;
    }
    const pre = list.filter((r) => r.preflight);
    const actual = list.filter((r) => !r.preflight);
    const e: EvidenceExpectation = {
      preflight: pre.length > 0,
      preflightCount: pre.length,
      actual: actual.length > 0,
      actualCount: actual.length,
      methods: actual.map((r) => r.method),
      acrMethod: pre[0]?.acrMethod ?? null,
      acrHeaders: pre[0]?.acrHeaders ?? null,
    };
    const a = actual[0];
    if (a && a.tainting === 'cors') e.origin = a.origin;
    if (a && a.cookies !== 'policy') e.cookies = a.cookies;
    else if (!a) e.cookies = [];
    evidence[name] = e;
  }
  const all = [first, ...repeats];
  const fullyReadable = all.every(
    (r) => r.resolved && r.bodyReadable && Object.values(r.headers ?? {}).every((v, i) => v !== null || !declaredHas(input, Object.keys(r.headers ?? {})[i])),
  );
  return { first, repeats, requests, observation, evidence, fullyReadable };
}

function declaredHas(input: ModelInput, name: string): boolean {
  // Headers the probe asks for that the final response really carries (Cache-Control is always added).
  if (name === 'cache-control') return true;
  return Object.values(input.responses).some((d) => (d.headers ?? []).some(([n]) => n.toLowerCase() === name));
}
