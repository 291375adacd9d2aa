/**
 * Shared pieces of the cross-origin isolation catalog (COOP, COEP, CORP, crossOriginIsolated):
 * header helpers and the two models the expectations are computed from —
 * HTML's browsing context group switch for popups, and Fetch's cross-origin resource policy
 * check. Both are transcriptions of the standards' algorithms, cited where used; they are never
 * fitted to what a browser does.
 */
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { corpCheckNoCors } from '../../harness/model/fetch/corp.ts';

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

/** A model's answer and the step of the standard that gave it (named when a stated outcome disagrees). */
export interface Decision {
  switched: boolean;
  step: string;
}

const POPUP_ALG = 'HTML "check if popup COOP values require a browsing context group switch"';
const MATCHING = (a: CoopValue, aAt: OriginName, b: CoopValue, bAt: OriginName, match: boolean) =>
  `"matching COOP values": ${a} at ${originOf(aAt)} and ${b} at ${originOf(bAt)} ${match ? 'match' : 'do not match'}`;

/**
 * HTML "check if popup COOP values require a browsing context group switch": the popup's
 * initial about:blank carries the opener's COOP and origin (activeDocument*), the response its own.
 */
export function popupDecision(opener: CoopValue, openerAt: OriginName, popup: CoopValue, popupAt: OriginName): Decision {
  if (popup === 'noopener-allow-popups') return { switched: true, step: `${POPUP_ALG}: the response's COOP is noopener-allow-popups` };
  if ((opener === 'same-origin-allow-popups' || opener === 'noopener-allow-popups') && popup === 'unsafe-none') {
    return { switched: false, step: `${POPUP_ALG}: the opener's COOP is ${opener} and the response's unsafe-none` };
  }
  const match = matchingCoop(opener, openerAt, popup, popupAt);
  return { switched: !match, step: `${POPUP_ALG}, ${MATCHING(opener, openerAt, popup, popupAt, match)}` };
}

export function popupSwitch(opener: CoopValue, openerAt: OriginName, popup: CoopValue, popupAt: OriginName): boolean {
  return popupDecision(opener, openerAt, popup, popupAt).switched;
}

/** HTML "check if COOP values require a browsing context group switch" for a non-initial document. */
export function navigationDecision(current: CoopValue, currentAt: OriginName, response: CoopValue, responseAt: OriginName): Decision {
  const match = matchingCoop(current, currentAt, response, responseAt);
  return {
    switched: !match,
    step: `HTML "check if COOP values require a browsing context group switch", ${MATCHING(current, currentAt, response, responseAt, match)}`,
  };
}

export function navigationSwitch(current: CoopValue, currentAt: OriginName, response: CoopValue, responseAt: OriginName): boolean {
  return navigationDecision(current, currentAt, response, responseAt).switched;
}

// ---- Fetch: cross-origin resource policy check for a no-cors response ----

/**
 * Fetch "cross-origin resource policy check" for a no-cors request (credentials mode include) from
 * `page` to `target` carrying `corp`, under the page's embedder policy: the model's one
 * implementation (harness/model/fetch/corp.ts), which the audit's explanations also use.
 */
export function corpAllows(page: OriginName, target: OriginName, corp: CorpValue | undefined, coep: CoepValue, forNavigation = false): boolean {
  return corpCheckNoCors({
    origin: originOf(page),
    embedderPolicy: coep,
    responseUrl: `${originOf(target)}/`,
    headers: corp ? [[CORP, corp]] : [],
    forNavigation,
  }).ok;
}
