/** Reasons more than one engine's registry gives, in the same words, and observations more than one engine shows. */
import type { ObservedDeviation, Why } from './registry.ts';

export const STAR_AUTHORIZATION =
  'Access-Control-Allow-Headers: * still covers Authorization in this engine; the Fetch standard makes Authorization a CORS non-wildcard request-header name that must be listed explicitly (#cors-preflight-fetch step 7.6)';
export const STICKY_PREFLIGHT =
  'after a preflighted request is redirected (303 → GET), this engine preflights the next hop again although the new request needs no preflight (#main-fetch step 12 re-evaluates the method and CORS-unsafe request-header names per hop)';
/** The shared COI permissions-policy reason (Firefox and WebKit alike). */
export const COI_PERMISSION_NOT_ENFORCED = {
  reason:
    "The 'cross-origin-isolated' permissions-policy feature (default allowlist 'self') is not enforced: a cross-origin frame of an isolated page reports crossOriginIsolated true without allow=\"cross-origin-isolated\"",
  link: 'https://github.com/web-platform-tests/interop/issues/1226',
};

/**
 * A frame blocked as mixed content whose navigation was cancelled: it keeps its initial
 * about:blank (same origin as the page, no load event); the http document never arrives.
 */
export const cancelledMixedFrame = (why: Why): ObservedDeviation => ({
  scenarios: ['sop.mixed.iframe.same-host-blocked', 'sop.mixed.iframe.other-site-blocked'],
  observed: {
    hello: false,
    loadEvent: false,
    contentDocument: 'document',
    href: { allowed: true, value: 'about:blank', error: null },
    origin: { allowed: true, value: 'https://site.test', error: null },
    url: { allowed: true, value: 'about:blank', error: null },
  },
  evidence: { doc: { arrived: false } },
  ...why,
});

/**
 * A cookie set by a cross-site response (fetch or frame) that does not come back: on the next
 * request to that site from the same page (`cross-site`), or when that site is visited first-party.
 */
export function cookieNotBack(
  why: Why,
  by: 'fetch' | 'frame',
  where: 'cross-site' | 'first-party',
  cookie: 'none' | 'partitioned' = 'none',
): ObservedDeviation {
  const steps = [by === 'fetch' ? { resolved: true } : { loaded: true }, { resolved: true }];
  const back = where === 'cross-site' ? 'back' : 'first';
  return {
    scenarios: [`sop.xs-cookies.${by}.${cookie}.sent-${where}`],
    observed: where === 'cross-site' ? { steps } : { contexts: { top: true }, steps },
    evidence: { set: { arrived: true }, [back]: { arrived: true, cookies: [] } },
    ...why,
  };
}
