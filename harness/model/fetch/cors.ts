/**
 * Fetch standard, CORS protocol (pure):
 *  - CORS check                  https://fetch.spec.whatwg.org/#cors-check
 *  - CORS-preflight fetch        https://fetch.spec.whatwg.org/#cors-preflight-fetch
 *  - CORS-preflight cache        https://fetch.spec.whatwg.org/#cors-preflight-cache
 *  - CORS filtered response      https://fetch.spec.whatwg.org/#concept-filtered-response-cors
 *  - Access-Control-Expose-Headers handling in main fetch
 *                                https://fetch.spec.whatwg.org/#main-fetch (step "If request's response tainting is cors")
 */
import {
  corsUnsafeRequestHeaderNames,
  extractHeaderListValues,
  extractMaxAge,
  getHeader,
  isCorsNonWildcardRequestHeaderName,
  isCorsSafelistedMethod,
  isCorsSafelistedResponseHeaderName,
  isForbiddenResponseHeaderName,
  type HeaderList,
} from './headers.ts';

export type CredentialsMode = 'omit' | 'same-origin' | 'include';

export interface CorsRequestView {
  /** Byte-serialized request origin (#serializing-a-request-origin): "null" when opaque or tainted. */
  serializedOrigin: string;
  credentials: CredentialsMode;
  method: string;
  headers: HeaderList;
  url: string;
}

/** Success or failure, each with the step that decided it (reports explain both). */
export type Outcome = { ok: true; why: string } | { ok: false; why: string };
const fail = (why: string): Outcome => ({ ok: false, why });
const pass = (why: string): Outcome => ({ ok: true, why });

/**
 * #cors-check (request, response):
 *  1. Let origin be the result of getting `Access-Control-Allow-Origin` from response's header list.
 *  2. If origin is null, return failure.
 *  3. If request's credentials mode is not "include" and origin is `*`, return success.
 *  4. If the result of byte-serializing a request origin with request is not origin, return failure.
 *  5. If request's credentials mode is not "include", return success.
 *  6. Let credentials be the result of getting `Access-Control-Allow-Credentials`.
 *  7. If credentials is `true`, return success.
 *  8. Return failure.
 */
export function corsCheck(req: Pick<CorsRequestView, 'serializedOrigin' | 'credentials'>, responseHeaders: HeaderList): Outcome {
  const origin = getHeader(responseHeaders, 'access-control-allow-origin');
  if (origin === null) return fail('cors-check step 2: no Access-Control-Allow-Origin');
  if (req.credentials !== 'include' && origin === '*') return pass('cors-check step 3: Access-Control-Allow-Origin `*` and the request is not credentialed');
  if (origin !== req.serializedOrigin)
    return fail(`cors-check step 4: Access-Control-Allow-Origin ${JSON.stringify(origin)} is not ${JSON.stringify(req.serializedOrigin)}`);
  if (req.credentials !== 'include')
    return pass(`cors-check step 5: Access-Control-Allow-Origin ${JSON.stringify(origin)} is the request's origin, and the request is not credentialed`);
  const credentials = getHeader(responseHeaders, 'access-control-allow-credentials');
  if (credentials === 'true')
    return pass(
      `cors-check step 7: Access-Control-Allow-Origin ${JSON.stringify(origin)} is the request's origin and Access-Control-Allow-Credentials is \`true\``,
    );
  return fail(`cors-check step 7: credentialed request needs Access-Control-Allow-Credentials \`true\`, got ${JSON.stringify(credentials)}`);
}

/** #ok-status: 200 to 299. */
export const isOkStatus = (s: number) => s >= 200 && s <= 299;
/** #redirect-status: 301, 302, 303, 307, 308. */
export const isRedirectStatus = (s: number) => [301, 302, 303, 307, 308].includes(s);

// ---------------------------------------------------------------------------------------------
// #cors-preflight-cache. Entries: key (network partition key: one per visit here), byte-serialized
// origin, URL, max-age, credentials, method, header name. Time is modelled as "all requests of one
// probe happen within a second", so an entry lives iff max-age > 0.
// ---------------------------------------------------------------------------------------------
export interface CacheEntry {
  origin: string;
  url: string;
  maxAge: number;
  credentials: boolean;
  method?: string;
  headerName?: string;
}

export class PreflightCache {
  entries: CacheEntry[] = [];

  /** #concept-cache-match: origin, URL and (entry.credentials, or request's credentials mode is not include). */
  private match(e: CacheEntry, req: CorsRequestView): boolean {
    return e.origin === req.serializedOrigin && e.url === req.url && (e.credentials || req.credentials !== 'include') && e.maxAge > 0;
  }

  /** #concept-cache-match-method: entry's method is method, or `*` and credentials false. (wildcard=false: `*` is a literal, an engine variant.) */
  methodMatch(req: CorsRequestView, method: string, wildcard = true): boolean {
    return this.entries.some(
      (e) => this.match(e, req) && e.method !== undefined && (e.method === method || (wildcard && e.method === '*' && req.credentials !== 'include')),
    );
  }

  /** #concept-cache-match-header: byte-case-insensitive name, or `*` without credentials for non-Authorization. */
  headerMatch(req: CorsRequestView, name: string, starCoversAuthorization = false, wildcard = true): boolean {
    return this.entries.some(
      (e) =>
        this.match(e, req) &&
        e.headerName !== undefined &&
        (e.headerName.toLowerCase() === name.toLowerCase() ||
          (wildcard && e.headerName === '*' && req.credentials !== 'include' && (starCoversAuthorization || !isCorsNonWildcardRequestHeaderName(name)))),
    );
  }

  /** #concept-cache-create / update: a method or header entry with the new max-age. */
  put(req: CorsRequestView, maxAge: number, item: { method?: string; headerName?: string }): void {
    const credentials = req.credentials === 'include';
    const existing = this.entries.find(
      (e) =>
        e.origin === req.serializedOrigin && e.url === req.url && e.credentials === credentials && e.method === item.method && e.headerName === item.headerName,
    );
    if (existing) existing.maxAge = maxAge;
    else this.entries.push({ origin: req.serializedOrigin, url: req.url, maxAge, credentials, ...item });
  }

  /** #concept-cache-clear: remove entries whose key, origin and URL match the request. */
  clear(req: CorsRequestView): void {
    this.entries = this.entries.filter((e) => !(e.origin === req.serializedOrigin && e.url === req.url));
  }
}

/**
 * #http-fetch step 4.1 (makeCORSPreflight): a preflight is needed if there is no method cache entry
 * match for the method and it is not CORS-safelisted, or some CORS-unsafe request-header name has no
 * header-name cache entry match.
 */
export function preflightNeeded(
  req: CorsRequestView,
  cache: PreflightCache,
  starCoversAuthorization = false,
  /** Engine variants (unset = the standard): `*` entries match; HEAD needs no method entry. */
  opts: { wildcardCached?: boolean; headNeedsMethodEntry?: boolean } = {},
): boolean {
  const wildcardCached = opts.wildcardCached ?? true;
  const exempt =
    isCorsSafelistedMethod(req.method) && !(opts.headNeedsMethodEntry && req.method === 'HEAD' && corsUnsafeRequestHeaderNames(req.headers).length > 0);
  if (!cache.methodMatch(req, req.method, wildcardCached) && !exempt) return true;
  return corsUnsafeRequestHeaderNames(req.headers).some((n) => !cache.headerMatch(req, n, starCoversAuthorization, wildcardCached));
}

/** The request headers of the preflight (#cors-preflight-fetch steps 2–5). */
export function preflightRequestHeaders(req: CorsRequestView): { acrMethod: string; acrHeaders: string | null } {
  const unsafe = corsUnsafeRequestHeaderNames(req.headers);
  // Step 5: "Let value be the items in headers separated from each other by `,`."
  return { acrMethod: req.method, acrHeaders: unsafe.length ? unsafe.join(',') : null };
}

/**
 * #cors-preflight-fetch step 7 onwards, given the preflight response:
 *  7. If a CORS check for request and response returns success and response's status is an ok status:
 *     1–2. methods / headerNames = extracting header list values of -Allow-Methods / -Allow-Headers.
 *     3. If either is failure, return a network error.
 *     4. If methods is null and request's use-CORS-preflight flag is set, methods = « request's method ».
 *     5. If request's method is not in methods, is not a CORS-safelisted method, and request's
 *        credentials mode is "include" or methods does not contain `*`, return a network error.
 *     6. If one of request's header list's names is a CORS non-wildcard request-header name and is not
 *        a byte-case-insensitive match for an item in headerNames, return a network error.
 *     7. For each unsafeName in the CORS-unsafe request-header names: if unsafeName is not a
 *        byte-case-insensitive match for an item in headerNames and request's credentials mode is
 *        "include" or headerNames does not contain `*`, return a network error.
 *     8. max-age = extracting header list values of Access-Control-Max-Age; failure or null → 5.
 *     9. Impose a limit. 10. No cache → return. 11–12. Create / update method and header cache entries.
 *  8. Otherwise, return a network error.
 */
export function evaluatePreflight(
  req: CorsRequestView,
  status: number,
  headers: HeaderList,
  cache: PreflightCache,
  useCorsPreflightFlag = false,
  starCoversAuthorization = false,
): Outcome {
  const check = corsCheck(req, headers);
  if (!check.ok) return fail(`preflight: ${check.why}`);
  if (!isOkStatus(status)) return fail(`cors-preflight-fetch step 7: preflight status ${status} is not an ok status`);
  let methods = extractHeaderListValues(headers, 'access-control-allow-methods');
  const headerNames = extractHeaderListValues(headers, 'access-control-allow-headers');
  if (methods === 'failure' || headerNames === 'failure') return fail('cors-preflight-fetch step 7.3: Allow-Methods/-Headers do not parse');
  if (methods === null && useCorsPreflightFlag) methods = [req.method];
  const m = methods ?? [];
  const h = headerNames ?? [];
  if (!m.includes(req.method) && !isCorsSafelistedMethod(req.method) && (req.credentials === 'include' || !m.includes('*'))) {
    return fail(
      `cors-preflight-fetch step 7.5: method ${req.method} not allowed by ${JSON.stringify(m)}${m.includes('*') ? ' (`*` does not count with credentials)' : ''}`,
    );
  }
  const has = (n: string) => h.some((x) => x.toLowerCase() === n.toLowerCase());
  for (const [name] of req.headers) {
    if (isCorsNonWildcardRequestHeaderName(name) && !has(name) && !(starCoversAuthorization && req.credentials !== 'include' && h.includes('*')))
      return fail(`cors-preflight-fetch step 7.6: ${name} must be listed explicitly`);
  }
  for (const unsafe of corsUnsafeRequestHeaderNames(req.headers)) {
    if (!has(unsafe) && (req.credentials === 'include' || !h.includes('*')))
      return fail(`cors-preflight-fetch step 7.7: header ${unsafe} not allowed by ${JSON.stringify(h)}`);
  }
  let maxAge = extractMaxAge(headers);
  if (maxAge === null || maxAge === 'failure') maxAge = 5;
  maxAge = Math.min(maxAge, 7200); // step 9: every engine's limit is ≥ 600 s; any positive value behaves alike here
  for (const method of m) cache.put(req, maxAge, { method });
  for (const headerName of h) cache.put(req, maxAge, { headerName });
  return pass(
    `preflight passed: ${check.why}; status ${status} is ok; ${req.method} ${isCorsSafelistedMethod(req.method) ? 'is CORS-safelisted' : `is in Access-Control-Allow-Methods ${JSON.stringify(m)}`}${
      corsUnsafeRequestHeaderNames(req.headers).length
        ? `; ${corsUnsafeRequestHeaderNames(req.headers).join(', ')} allowed by Access-Control-Allow-Headers ${JSON.stringify(h)}`
        : ''
    } (cors-preflight-fetch step 7)`,
  );
}

/**
 * The header names script can read on a CORS filtered response (#concept-filtered-response-cors),
 * after main fetch set the CORS-exposed header-name list:
 *   headerNames = extracting header list values of Access-Control-Expose-Headers;
 *   if credentials mode is not "include" and headerNames contains `*`, the list is every unique
 *   header name of the response; otherwise, if headerNames is a list, that list.
 * A CORS filtered response exposes CORS-safelisted response-header names given that list; forbidden
 * response-header names (Set-Cookie, Set-Cookie2) are never exposed.
 */
export function corsExposed(credentials: CredentialsMode, responseHeaders: HeaderList): (name: string) => boolean {
  const names = extractHeaderListValues(responseHeaders, 'access-control-expose-headers');
  let exposed: string[] = [];
  if (credentials !== 'include' && Array.isArray(names) && names.includes('*')) exposed = responseHeaders.map(([n]) => n);
  else if (Array.isArray(names)) exposed = names;
  return (name) => isCorsSafelistedResponseHeaderName(name, exposed);
}

/** A basic filtered response (#concept-filtered-response-basic) hides only forbidden response-header names. */
export function basicExposed(): (name: string) => boolean {
  return (name) => !isForbiddenResponseHeaderName(name);
}
