/**
 * The CORS protocol's reading of response headers, byte exact, over a header list as HTTP
 * parsing left it (http-fields.ts). Pure.
 *
 *  CORS check                    https://fetch.spec.whatwg.org/#cors-check
 *  CORS-preflight fetch step 7   https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
 *  main fetch, CORS-exposed header-name list
 *                                https://fetch.spec.whatwg.org/#main-fetch
 *  CORS filtered response        https://fetch.spec.whatwg.org/#concept-filtered-response-cors
 *  CORS-safelisted response-header name
 *                                https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
 */
import { byteCaseInsensitiveEqual, extractHeaderListValues, get } from './header-list.ts';
import type { HeaderList } from './http-fields.ts';

export type Credentials = 'omit' | 'same-origin' | 'include';
export type Step = { ok: true; step: string } | { ok: false; step: string };

export interface CorsRequest {
  /** The byte-serialized request origin (#byte-serializing-a-request-origin), e.g. `https://site.test`. */
  origin: string;
  credentials: Credentials;
}

/**
 * #cors-check:
 *  1. origin = get `Access-Control-Allow-Origin`.  2. null → failure.
 *  3. credentials mode not "include" and origin is `*` → success.
 *  4. byte-serialized request origin is not origin → failure.
 *  5. credentials mode not "include" → success.
 *  6. credentials = get `Access-Control-Allow-Credentials`.  7. `true` → success.  8. failure.
 */
export function corsCheck(headers: HeaderList, req: CorsRequest): Step {
  const origin = get(headers, 'Access-Control-Allow-Origin');
  if (origin === null) return { ok: false, step: 'cors-check step 2: no Access-Control-Allow-Origin' };
  if (req.credentials !== 'include' && origin === '*') return { ok: true, step: 'cors-check step 3: `*` without credentials' };
  if (origin !== req.origin) return { ok: false, step: `cors-check step 4: ${JSON.stringify(origin)} is not the request origin ${JSON.stringify(req.origin)}` };
  if (req.credentials !== 'include') return { ok: true, step: 'cors-check step 5: the request origin, without credentials' };
  const credentials = get(headers, 'Access-Control-Allow-Credentials');
  if (credentials === 'true') return { ok: true, step: 'cors-check step 7: Access-Control-Allow-Credentials is `true`' };
  return { ok: false, step: `cors-check step 8: Access-Control-Allow-Credentials is ${JSON.stringify(credentials)}, not \`true\`` };
}

export interface PreflightRequest extends CorsRequest {
  /** The request's method after normalization (#concept-method-normalize). */
  method: string;
  /** The CORS-unsafe request-header names (sorted, lower-case) the request carries. */
  unsafeHeaderNames: string[];
  /** True when the request carries `Authorization` (a CORS non-wildcard request-header name). */
  authorization?: boolean;
}

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];

export interface PreflightOutcome {
  ok: boolean;
  step: string;
  /** Step 8–9: the max-age the cache entries get (absent when the preflight failed). */
  maxAge?: number;
}

/**
 * #cors-preflight-fetch-0, step 7 (a CORS check passing and an ok status are checked by the caller
 * or here with `status`):
 *  7.1–7.2 methods / headerNames = extract header list values of -Allow-Methods / -Allow-Headers.
 *  7.3 either failure → network error.  7.4 methods null and use-CORS-preflight flag (never for fetch()).
 *  7.5 method not in methods, not CORS-safelisted, and (credentials include or no `*`) → network error.
 *  7.6 a CORS non-wildcard request-header name (Authorization) not listed → network error.
 *  7.7 a CORS-unsafe request-header name not listed, and (credentials include or no `*`) → network error.
 *  7.8 max-age = extract header list values of -Max-Age.  7.9 failure or null → 5.
 */
export function preflight(headers: HeaderList, status: number, req: PreflightRequest): PreflightOutcome {
  const check = corsCheck(headers, req);
  if (!check.ok) return { ok: false, step: `preflight: ${check.step}` };
  if (status < 200 || status > 299) return { ok: false, step: `cors-preflight-fetch step 7: status ${status} is not an ok status` };
  const methods = extractHeaderListValues(headers, 'Access-Control-Allow-Methods', '#method');
  const headerNames = extractHeaderListValues(headers, 'Access-Control-Allow-Headers', '#field-name');
  if (methods === 'failure') return { ok: false, step: 'cors-preflight-fetch step 7.3: Access-Control-Allow-Methods is not a #method list' };
  if (headerNames === 'failure') return { ok: false, step: 'cors-preflight-fetch step 7.3: Access-Control-Allow-Headers is not a #field-name list' };
  const m = methods ?? [];
  const h = headerNames ?? [];
  if (!m.includes(req.method) && !SAFELISTED_METHODS.includes(req.method) && (req.credentials === 'include' || !m.includes('*'))) {
    return {
      ok: false,
      step: `cors-preflight-fetch step 7.5: method ${req.method} is not in ${JSON.stringify(m)}${m.includes('*') ? ' (`*` does not count with credentials)' : ''}`,
    };
  }
  const listed = (name: string) => h.some((x) => byteCaseInsensitiveEqual(x, name));
  if (req.authorization && !listed('Authorization'))
    return { ok: false, step: 'cors-preflight-fetch step 7.6: Authorization is not listed (`*` does not cover it)' };
  for (const unsafe of req.unsafeHeaderNames) {
    if (!listed(unsafe) && (req.credentials === 'include' || !h.includes('*'))) {
      return {
        ok: false,
        step: `cors-preflight-fetch step 7.7: ${unsafe} is not in ${JSON.stringify(h)}${h.includes('*') ? ' (`*` does not count with credentials)' : ''}`,
      };
    }
  }
  const maxAge = extractHeaderListValues(headers, 'Access-Control-Max-Age', 'delta-seconds');
  if (maxAge === null || maxAge === 'failure')
    return { ok: true, step: `cors-preflight-fetch step 7.9: Access-Control-Max-Age is ${maxAge ?? 'null'}, so 5`, maxAge: 5 };
  return { ok: true, step: `cors-preflight-fetch step 7.8: Access-Control-Max-Age ${maxAge[0]}`, maxAge: Number(maxAge[0]) };
}

const SAFELISTED_RESPONSE = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];
const FORBIDDEN_RESPONSE = ['set-cookie', 'set-cookie2'];

/**
 * main fetch (response tainting "cors"):
 *  headerNames = extract header list values of `Access-Control-Expose-Headers`;
 *  credentials mode not "include" and headerNames contains `*` → every unique header name;
 *  otherwise, if headerNames is a list (neither null nor failure), that list.
 * The CORS filtered response then exposes a name that is CORS-safelisted given that list:
 * one of the seven safelisted names, or a byte-case-insensitive match for a listed name that is
 * not a forbidden response-header name.
 */
export function exposedByCors(headers: HeaderList, credentials: Credentials): (name: string) => boolean {
  const names = extractHeaderListValues(headers, 'Access-Control-Expose-Headers', '#field-name');
  let list: string[] = [];
  if (Array.isArray(names) && credentials !== 'include' && names.includes('*')) list = headers.map(([n]) => n);
  else if (Array.isArray(names)) list = names;
  return (name) => {
    const n = name.toLowerCase();
    if (FORBIDDEN_RESPONSE.includes(n)) return false;
    return SAFELISTED_RESPONSE.includes(n) || list.some((x) => byteCaseInsensitiveEqual(x, name));
  };
}

/** What `response.headers.get(name)` returns on a CORS filtered response (null when not exposed). */
export function readableHeader(headers: HeaderList, credentials: Credentials, name: string): string | null {
  return exposedByCors(headers, credentials)(name) ? get(headers, name) : null;
}
