/**
 * Fetch standard, cross-origin resource policy (pure):
 *  - cross-origin resource policy check           https://fetch.spec.whatwg.org/#cross-origin-resource-policy-check
 *  - cross-origin resource policy internal check  https://fetch.spec.whatwg.org/#cross-origin-resource-policy-internal-check
 * Origins are serialized (`https://site.test`, or `null` for an opaque origin).
 */
import { siteOfHost } from '../../../protocol/origins.ts';
import { getHeader, type HeaderList } from './headers.ts';
import type { Outcome } from './cors.ts';

export type EmbedderPolicyValue = 'unsafe-none' | 'require-corp' | 'credentialless';

function tuple(serialized: string): { scheme: string; host: string; port: string } | undefined {
  if (serialized === 'null') return undefined;
  try {
    const u = new URL(serialized);
    return { scheme: u.protocol.slice(0, -1), host: u.hostname, port: u.port };
  } catch {
    return undefined;
  }
}

/** HTML: schemelessly same site (registrable domains equal, by the Public Suffix List). */
function schemelesslySameSite(a: string, b: string): boolean {
  const x = tuple(a);
  const y = tuple(b);
  return !!x && !!y && siteOfHost(x.host) === siteOfHost(y.host);
}

/**
 * #cross-origin-resource-policy-internal-check (origin, embedderPolicyValue, response, forNavigation):
 *  1. If forNavigation is true and embedderPolicyValue is "unsafe-none", then return allowed.
 *  2. Let policy be the result of getting `Cross-Origin-Resource-Policy` from response's header list.
 *  3. If policy is neither `same-origin`, `same-site`, nor `cross-origin`, then set policy to null.
 *  4. If policy is null, then switch on embedderPolicyValue: "unsafe-none" → do nothing;
 *     "credentialless" → set policy to `same-origin` if response's request-includes-credentials is
 *     true or forNavigation is true; "require-corp" → set policy to `same-origin`.
 *  5. Switch on policy: null or `cross-origin` → allowed; `same-origin` → allowed if origin is same
 *     origin with response's URL's origin, else blocked; `same-site` → allowed if origin is
 *     schemelessly same site with response's URL's origin and (origin's scheme is "https" or
 *     response's URL's scheme is not "https"), else blocked.
 * Called by #cross-origin-resource-policy-check for requests whose mode is "no-cors" (elements
 * without a crossorigin attribute); CORS requests are never subject to it (step 1 there).
 */
export function corpInternalCheck(input: {
  origin: string;
  embedderPolicy: EmbedderPolicyValue;
  responseUrl: string;
  headers: HeaderList;
  requestIncludesCredentials: boolean;
  forNavigation?: boolean;
}): Outcome {
  const { origin, embedderPolicy } = input;
  if (input.forNavigation && embedderPolicy === 'unsafe-none') return { ok: true, why: 'CORP internal check step 1: a navigation without an embedder policy' };
  const raw = getHeader(input.headers, 'cross-origin-resource-policy');
  let policy = raw === 'same-origin' || raw === 'same-site' || raw === 'cross-origin' ? raw : null;
  const said =
    raw === null ? 'no Cross-Origin-Resource-Policy' : `Cross-Origin-Resource-Policy ${JSON.stringify(raw)}${policy ? '' : ' (not a valid value, so none)'}`;
  let implied = '';
  if (policy === null) {
    if (embedderPolicy === 'require-corp') {
      policy = 'same-origin';
      implied = ' and the embedder policy require-corp makes it `same-origin` (step 4)';
    } else if (embedderPolicy === 'credentialless' && (input.requestIncludesCredentials || input.forNavigation)) {
      policy = 'same-origin';
      implied = ' and the embedder policy credentialless with a credentialed request makes it `same-origin` (step 4)';
    }
  }
  const target = new URL(input.responseUrl);
  if (policy === null || policy === 'cross-origin')
    return {
      ok: true,
      why: `CORP internal check step 5: ${said}${policy === 'cross-origin' ? '' : ` under embedder policy ${embedderPolicy}`}, so any origin may load it`,
    };
  if (policy === 'same-origin') {
    return origin === target.origin
      ? { ok: true, why: `CORP internal check step 5: ${said}${implied}; ${origin} is the resource's own origin` }
      : { ok: false, why: `CORP internal check step 5: ${said}${implied}; ${origin} is not the resource's origin ${target.origin}` };
  }
  const sameSite = schemelesslySameSite(origin, target.origin);
  const schemeOk = tuple(origin)?.scheme === 'https' || target.protocol !== 'https:';
  return sameSite && schemeOk
    ? { ok: true, why: `CORP internal check step 5: ${said}; ${origin} is same site with ${target.origin}` }
    : {
        ok: false,
        why: `CORP internal check step 5: ${said}; ${origin} is ${sameSite ? 'an http origin loading an https resource' : `not same site with ${target.origin}`}`,
      };
}

/**
 * #cross-origin-embedder-policy-allows-credentials (request):
 *  1. If request's mode is not "no-cors", then return true.
 *  2. If request's client is null, then return true.
 *  3. If request's client's policy container's embedder policy's value is not "credentialless", then return true.
 *  4. If request's origin is same origin with request's current URL's origin and request does not
 *     have a redirect-tainted origin, then return true.
 *  5. Return false.
 */
export function coepAllowsCredentials(input: { mode: 'no-cors' | 'cors'; embedderPolicy: EmbedderPolicyValue; origin: string; url: string }): boolean {
  if (input.mode !== 'no-cors') return true;
  if (input.embedderPolicy !== 'credentialless') return true;
  return input.origin === new URL(input.url).origin;
}

/**
 * #cross-origin-resource-policy-check for a no-cors load (an element without a crossorigin
 * attribute, fetch(…, { mode: 'no-cors' })), whose credentials mode is `include` unless said:
 * HTTP-network-or-cache fetch includes credentials when the credentials mode allows them and
 * "Cross-Origin-Embedder-Policy allows credentials" (so credentialless sends a cross-origin one
 * without, and then needs no CORP); that is the response's request-includes-credentials.
 *  3. If the internal check with origin, "unsafe-none", response and forNavigation returns blocked, return blocked.
 *  5. If the internal check with origin, embedderPolicy's value, response and forNavigation returns allowed, return allowed.
 *  7. Return blocked.
 */
export function corpCheckNoCors(input: {
  origin: string;
  embedderPolicy: EmbedderPolicyValue;
  responseUrl: string;
  headers: HeaderList;
  credentialsMode?: 'include' | 'same-origin' | 'omit';
  forNavigation?: boolean;
}): Outcome & { requestIncludesCredentials: boolean } {
  const mode = input.credentialsMode ?? 'include';
  const sameOrigin = input.origin === new URL(input.responseUrl).origin;
  const allowedByMode = mode === 'include' || (mode === 'same-origin' && sameOrigin);
  const coepAllows = coepAllowsCredentials({ mode: 'no-cors', embedderPolicy: input.embedderPolicy, origin: input.origin, url: input.responseUrl });
  const requestIncludesCredentials = allowedByMode && coepAllows;
  const sent = requestIncludesCredentials
    ? 'the request is sent with credentials'
    : allowedByMode
      ? 'the request is sent without credentials (Cross-Origin-Embedder-Policy allows credentials: credentialless, and the resource is cross-origin)'
      : `the request is sent without credentials (credentials mode ${mode})`;
  const common = { responseUrl: input.responseUrl, headers: input.headers, requestIncludesCredentials, forNavigation: input.forNavigation };
  const base = corpInternalCheck({ ...common, origin: input.origin, embedderPolicy: 'unsafe-none' });
  if (!base.ok) return { ...base, why: `${sent}; ${base.why}`, requestIncludesCredentials };
  const own = corpInternalCheck({ ...common, origin: input.origin, embedderPolicy: input.embedderPolicy });
  return { ...own, why: `${sent}; ${own.why}`, requestIncludesCredentials };
}
