/**
 * The `Origin` request header (pure), by Fetch's "append a request `Origin` header"
 * (https://fetch.spec.whatwg.org/#append-a-request-origin-header), which HTTP-network-or-cache
 * fetch runs for every request it sends, each redirect hop too. Its inputs are computed here the way
 * Fetch computes them: the response tainting main fetch settles hop by hop, and the request's
 * redirect-taint over its URL list. Origins are serialized (`https://site.test`).
 */
import { sameOriginSerialized, sameSiteSerialized } from './metadata.ts';

import type { ReferrerPolicy } from '../../../probes/fetch/index.ts';

export { REFERRER_POLICIES, type ReferrerPolicy } from '../../../probes/fetch/index.ts';
/** Referrer Policy §3: the empty policy falls back to the default, strict-origin-when-cross-origin. */
export const DEFAULT_REFERRER_POLICY: ReferrerPolicy = 'strict-origin-when-cross-origin';

export type OriginHeaderMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate';

export interface OriginHeaderRequest {
  /** The request's origin (the initiator's), serialized. */
  origin: string;
  /** The URL list up to this hop, first URL first; the last is the current URL. */
  urlList: string[];
  method: string;
  mode: OriginHeaderMode;
  referrerPolicy: ReferrerPolicy;
}

export type RedirectTaint = 'same-origin' | 'same-site' | 'cross-site';

/** Fetch #concept-request-tainted-origin: the request's redirect-taint over its URL list. */
export function redirectTaint(origin: string, urlList: string[]): RedirectTaint {
  let taint: RedirectTaint = 'same-origin';
  for (let i = 1; i < urlList.length; i++) {
    const last = urlList[i - 1];
    const url = urlList[i];
    // Step 4.2: a hop between two sites, neither the request's, makes it cross-site.
    if (!sameSiteSerialized(url, last) && !sameSiteSerialized(origin, last)) return 'cross-site';
    // Step 4.3: a hop between two origins, neither the request's, makes it same-site.
    if (!sameOriginSerialized(url, last) && !sameOriginSerialized(origin, last)) taint = 'same-site';
  }
  return taint;
}

/**
 * Main fetch step 12, hop by hop: a hop to the request's origin keeps "basic" only while the
 * tainting is still basic; once a hop is opaque or cors, every later hop keeps that.
 */
export function responseTainting(r: Pick<OriginHeaderRequest, 'origin' | 'urlList' | 'mode'>): 'basic' | 'cors' | 'opaque' {
  if (r.mode === 'navigate') return 'basic';
  let tainting: 'basic' | 'cors' | 'opaque' = 'basic';
  for (const url of r.urlList) {
    if (tainting === 'basic' && sameOriginSerialized(url, r.origin)) continue;
    tainting = r.mode === 'no-cors' ? 'opaque' : 'cors';
  }
  return tainting;
}

export interface OriginHeader {
  /** The header's value; null when it is not sent. */
  value: string | null;
  /** The steps taken, for a reader of a row's expectation. */
  trace: string[];
}

/** Fetch #append-a-request-origin-header, for the hop whose URL is the list's last. */
export function originHeader(r: OriginHeaderRequest): OriginHeader {
  const trace: string[] = [];
  const current = r.urlList[r.urlList.length - 1];
  const taint = redirectTaint(r.origin, r.urlList);
  // Step 2, serializing a request origin: a redirect-taint other than same-origin serializes as "null".
  let serialized = taint === 'same-origin' ? r.origin : 'null';
  trace.push(`step 2: serialized request origin ${serialized} (redirect-taint ${taint})`);
  const tainting = responseTainting(r);
  if (tainting === 'cors') {
    trace.push('step 3: response tainting is "cors" → the header is sent');
    return { value: serialized, trace };
  }
  const method = r.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') {
    trace.push(`step 4: tainting "${tainting}" and method ${method} → no header`);
    return { value: null, trace };
  }
  if (r.mode !== 'cors') {
    const nulled = referrerPolicyNulls(r.referrerPolicy, r.origin, current);
    if (nulled) serialized = 'null';
    trace.push(`step 4.1: mode "${r.mode}", referrer policy "${r.referrerPolicy}" → ${nulled ? 'null' : 'kept'}`);
  } else trace.push('step 4.1: mode "cors" → the referrer policy is not consulted');
  trace.push(`step 4.2: ${method} → the header is sent`);
  return { value: serialized, trace };
}

/** Step 4.1's switch on the request's referrer policy: whether it sets serializedOrigin to `null`. */
function referrerPolicyNulls(policy: ReferrerPolicy, origin: string, current: string): boolean {
  switch (policy) {
    case 'no-referrer':
      return true;
    case 'no-referrer-when-downgrade':
    case 'strict-origin':
    case 'strict-origin-when-cross-origin':
      return origin.startsWith('https:') && !current.startsWith('https:');
    case 'same-origin':
      return !sameOriginSerialized(origin, current);
    default:
      return false;
  }
}
