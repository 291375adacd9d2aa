/**
 * Shared pieces of the cross-origin isolation catalog (COOP, COEP, CORP, crossOriginIsolated):
 * spec citations, header helpers and the two models the expectations are computed from —
 * HTML's browsing context group switch for popups, and Fetch's cross-origin resource policy
 * check. Both are transcriptions of the standards' algorithms, cited where used; they are never
 * fitted to what a browser does.
 */
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';

export const ISPEC = {
  coop: { url: 'https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies', section: 'HTML §7.1.3 Cross-origin opener policies' },
  coopPopupSwitch: {
    url: 'https://html.spec.whatwg.org/multipage/browsers.html#check-browsing-context-group-switch-coop-value-popup',
    section: 'HTML §7.1.3.3 check if popup COOP values require a browsing context group switch',
  },
  coopSwitch: {
    url: 'https://html.spec.whatwg.org/multipage/browsers.html#check-browsing-context-group-switch-coop-value',
    section: 'HTML §7.1.3.3 check if COOP values require a browsing context group switch (non-popup navigation)',
  },
  matchingCoop: { url: 'https://html.spec.whatwg.org/multipage/browsers.html#matching-coop', section: 'HTML §7.1.3 matching COOP values' },
  obtainCoop: {
    url: 'https://html.spec.whatwg.org/multipage/browsers.html#obtain-coop',
    section: 'HTML §7.1.3.2 obtain an opener policy — a non-secure reserved environment gets the default policy; report-only values do not enforce',
  },
  coopInherit: {
    url: 'https://html.spec.whatwg.org/multipage/document-sequences.html#creating-a-new-browsing-context',
    section:
      'HTML §7.3.1.2 creating a new browsing context — the initial about:blank inherits the creator top-level COOP when the creator is same origin with the top-level origin',
  },
  choosingNavigable: {
    url: 'https://html.spec.whatwg.org/multipage/document-sequences.html#the-rules-for-choosing-a-navigable',
    section: 'HTML §7.3.1.7 rules for choosing a navigable — popups from documents not same origin with a COOP same-origin top level get noopener',
  },
  elementNoopener: {
    url: "https://html.spec.whatwg.org/multipage/links.html#get-an-element's-noopener",
    section: "HTML §4.6.4 get an element's noopener — target=_blank without rel=opener implies noopener",
  },
  windowOpen: {
    url: 'https://html.spec.whatwg.org/multipage/nav-history-apis.html#window-open-steps',
    section: 'HTML §7.2.2.1 window open steps — noopener returns null',
  },
  closed: {
    url: 'https://html.spec.whatwg.org/multipage/nav-history-apis.html#dom-window-closed',
    section: 'HTML §7.2.2.1 window.closed — true when the browsing context is discarded',
  },
  locationSetter: {
    url: 'https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-location-interface',
    section: "HTML §7.2.4 Location — navigating through a Location whose document's navigable is gone does nothing",
  },
  coep: { url: 'https://html.spec.whatwg.org/multipage/browsers.html#coep', section: 'HTML §7.1.4 Cross-origin embedder policies' },
  coepNavigation: {
    url: "https://html.spec.whatwg.org/multipage/browsers.html#check-a-navigation-response's-adherence-to-its-embedder-policy",
    section: "HTML §7.1.4 check a navigation response's adherence to its embedder policy",
  },
  navigateCorp: {
    url: 'https://html.spec.whatwg.org/multipage/browsing-the-web.html#populating-a-session-history-entry',
    section: 'HTML §7.4.5 populating a session history entry — CORP check with forNavigation for child navigables',
  },
  workerCoep: {
    url: "https://html.spec.whatwg.org/multipage/browsers.html#check-a-global-object's-embedder-policy",
    section: "HTML §7.1.4 check a global object's embedder policy (dedicated workers)",
  },
  corpCheck: { url: 'https://fetch.spec.whatwg.org/#cross-origin-resource-policy-check', section: 'Fetch §3.7 cross-origin resource policy check' },
  corpInternal: {
    url: 'https://fetch.spec.whatwg.org/#cross-origin-resource-policy-internal-check',
    section: 'Fetch §3.7 cross-origin resource policy internal check (same-site: an https response never matches an http initiator)',
  },
  httpFetch: {
    url: 'https://fetch.spec.whatwg.org/#http-fetch',
    section: 'Fetch §4.3 HTTP fetch — the CORP check applies when tainting or response type is opaque',
  },
  coepCredentials: {
    url: 'https://fetch.spec.whatwg.org/#cross-origin-embedder-policy-allows-credentials',
    section: 'Fetch §4.5 Cross-Origin-Embedder-Policy allows credentials — credentialless drops credentials on cross-origin no-cors requests',
  },
  coi: {
    url: 'https://html.spec.whatwg.org/multipage/webappapis.html#concept-settings-object-cross-origin-isolated-capability',
    section: 'HTML §8.1.3 cross-origin isolated capability',
  },
  coiMode: {
    url: 'https://html.spec.whatwg.org/multipage/browsers.html#obtain-browsing-context-navigation',
    section: 'HTML §7.1.3.3 obtain a browsing context to use for a navigation response — COOP same-origin plus a compatible COEP gives cross-origin isolation',
  },
  coiPermissions: {
    url: 'https://html.spec.whatwg.org/multipage/infrastructure.html#policy-controlled-features',
    section: "HTML — policy-controlled feature cross-origin-isolated (default allowlist 'self')",
  },
  sab: {
    url: 'https://tc39.es/ecma262/#sec-sharedarraybuffer-constructor',
    section: 'ECMA-262 SharedArrayBuffer; HTML hides it unless cross-origin isolated (HTML §8.1.3.? cross-origin isolated capability)',
  },
  measureMemory: { url: 'https://wicg.github.io/performance-measure-memory/', section: 'WICG measureUserAgentSpecificMemory — [CrossOriginIsolated]' },
} as const;

export const COOP = 'Cross-Origin-Opener-Policy';
export const COOP_RO = 'Cross-Origin-Opener-Policy-Report-Only';
export const COEP = 'Cross-Origin-Embedder-Policy';
export const COEP_RO = 'Cross-Origin-Embedder-Policy-Report-Only';
export const CORP = 'Cross-Origin-Resource-Policy';

export type CoopValue = 'unsafe-none' | 'same-origin-allow-popups' | 'same-origin' | 'noopener-allow-popups';
export type CoepValue = 'unsafe-none' | 'require-corp' | 'credentialless';
export type CorpValue = 'same-origin' | 'same-site' | 'cross-origin';

export const COOP_SLUG: Record<CoopValue, string> = {
  'unsafe-none': 'un',
  'same-origin-allow-popups': 'soap',
  'same-origin': 'so',
  'noopener-allow-popups': 'noap',
};

/** An agent document with extra response headers. */
export function agent(headers: Array<[string, string]> = []): DeclaredResponse {
  return headers.length ? { kind: 'agent', headers } : { kind: 'agent' };
}

export function originOf(at: OriginName): string {
  return originUrl(at);
}

// ---- HTML: browsing context group switch for a popup (initial about:blank → response) ----

/** HTML "matching COOP values". */
export function matchingCoop(a: CoopValue, aOrigin: OriginName, b: CoopValue, bOrigin: OriginName): boolean {
  if (a === 'unsafe-none' && b === 'unsafe-none') return true;
  if (a === 'unsafe-none' || b === 'unsafe-none') return false;
  return a === b && originOf(aOrigin) === originOf(bOrigin);
}

/**
 * HTML "check if popup COOP values require a browsing context group switch": the popup's
 * initial about:blank carries the opener's COOP and origin (activeDocument*), the response its own.
 */
export function popupSwitch(opener: CoopValue, openerAt: OriginName, popup: CoopValue, popupAt: OriginName): boolean {
  if (popup === 'noopener-allow-popups') return true;
  if ((opener === 'same-origin-allow-popups' || opener === 'noopener-allow-popups') && popup === 'unsafe-none') return false;
  return !matchingCoop(opener, openerAt, popup, popupAt);
}

/** HTML "check if COOP values require a browsing context group switch" for a non-initial document. */
export function navigationSwitch(current: CoopValue, currentAt: OriginName, response: CoopValue, responseAt: OriginName): boolean {
  return !matchingCoop(current, currentAt, response, responseAt);
}

// ---- Fetch: cross-origin resource policy check for a no-cors response ----

export function sameSiteHttpsAware(page: OriginName, target: OriginName): boolean {
  const p = new URL(originOf(page));
  const t = new URL(originOf(target));
  const reg = (h: string) => h.split('.').slice(-2).join('.');
  const schemelessSameSite = reg(p.hostname) === reg(t.hostname);
  // Fetch: same-site also needs the initiator to be https or the response to be non-HTTPS.
  return schemelessSameSite && (p.protocol === 'https:' || t.protocol === 'http:');
}

/**
 * Fetch "cross-origin resource policy check" for a no-cors request from `page` to `target`
 * carrying `corp`, under the page's embedder policy. `credentials`: whether the request included
 * credentials (credentialless drops them for cross-origin no-cors requests — Fetch "COEP allows credentials").
 */
export function corpAllows(page: OriginName, target: OriginName, corp: CorpValue | undefined, coep: CoepValue, forNavigation = false): boolean {
  const sameOrigin = originOf(page) === originOf(target);
  const internal = (value: CoepValue): boolean => {
    if (forNavigation && value === 'unsafe-none') return true;
    let policy: CorpValue | undefined = corp;
    if (!policy) {
      const includesCredentials = value !== 'credentialless' || sameOrigin;
      if (value === 'require-corp') policy = 'same-origin';
      else if (value === 'credentialless' && (includesCredentials || forNavigation)) policy = 'same-origin';
    }
    if (!policy || policy === 'cross-origin') return true;
    if (policy === 'same-origin') return sameOrigin;
    return sameSiteHttpsAware(page, target);
  };
  if (!internal('unsafe-none')) return false;
  return internal(coep);
}
