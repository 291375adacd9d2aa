/**
 * Shared pieces of the cross-origin isolation catalog (COOP, COEP, CORP, crossOriginIsolated):
 * header helpers and the two models the expectations are computed from —
 * HTML's browsing context group switch for popups, and Fetch's cross-origin resource policy
 * check. Both are transcriptions of the standards' algorithms, cited where used; they are never
 * fitted to what a browser does.
 */
import { originUrl, type OriginName } from '../../protocol/origins.ts';

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
