/**
 * Fetch Metadata (pure): the request headers a server sees, by "append the Fetch metadata headers
 * for a request" (https://w3c.github.io/webappsec-fetch-metadata/#abstract-opdef-append-the-fetch-metadata-headers-for-a-request),
 * which Fetch's HTTP-network-or-cache fetch runs for every request it sends (each redirect hop too).
 * Origins are serialized (`https://site.test`, or `null` for an opaque origin).
 */
import { siteOfHost } from '../../../protocol/origins.ts';

export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate' | 'websocket';

export interface MetadataRequest {
  /** The request's origin (the initiator's), `null` when opaque. */
  origin: string;
  /** The origins of the request's URL list, first URL first; the last is the current URL. */
  urlList: string[];
  mode: RequestMode;
  /** Fetch's request destination; "" for fetch() and XHR. */
  destination: string;
  /** A navigation request (destination document, iframe, …). */
  navigation?: boolean;
  /** HTML's user-activation of a navigation request. */
  userActivation?: boolean;
  /** A navigation the user caused through the browser's own UI (address bar, bookmark). */
  userInitiated?: boolean;
}

/** The header values the request carries; null when the header is not sent. */
export interface Metadata {
  dest: string | null;
  mode: string | null;
  site: string | null;
  user: string | null;
  trace: string[];
}

interface Tuple {
  scheme: string;
  host: string;
  port: string;
}

function tuple(serialized: string): Tuple | undefined {
  if (serialized === 'null') return undefined;
  const u = new URL(serialized);
  return { scheme: u.protocol.slice(0, -1), host: u.hostname, port: u.port };
}

/** Secure Contexts: a potentially trustworthy URL (https, wss; loopback http). */
export function potentiallyTrustworthy(serialized: string): boolean {
  const t = tuple(serialized);
  if (!t) return false;
  if (t.scheme === 'https' || t.scheme === 'wss') return true;
  return t.host === 'localhost' || t.host.endsWith('.localhost') || t.host === '127.0.0.1' || t.host === '[::1]';
}

/** HTML: same origin (tuple origins; an opaque origin is same origin with nothing but itself). */
export function sameOriginSerialized(a: string, b: string): boolean {
  const x = tuple(a);
  const y = tuple(b);
  return !!x && !!y && x.scheme === y.scheme && x.host === y.host && x.port === y.port;
}

/** HTML: same site — schemefully: equal schemes and registrable domains (opaque: never). */
export function sameSiteSerialized(a: string, b: string): boolean {
  const x = tuple(a);
  const y = tuple(b);
  const ws = (s: string) => (s === 'wss' ? 'https' : s === 'ws' ? 'http' : s);
  return !!x && !!y && ws(x.scheme) === ws(y.scheme) && siteOfHost(x.host) === siteOfHost(y.host);
}

/** #abstract-opdef-set-site: same-origin, then each URL of the list can only widen it. */
export function secFetchSite(r: MetadataRequest, trace: string[] = []): string {
  let value = 'same-origin';
  if (r.navigation && r.userInitiated) {
    trace.push('set-site step 4: a navigation the user caused through the browser → none');
    return 'none';
  }
  for (const url of r.urlList) {
    if (sameOriginSerialized(url, r.origin)) continue;
    value = 'cross-site';
    if (!sameSiteSerialized(r.origin, url)) {
      trace.push(`set-site step 5.3: ${url} is not same site with the request's origin ${r.origin} → cross-site`);
      return value;
    }
    value = 'same-site';
    trace.push(`set-site step 5.4: ${url} is same site (not same origin) with ${r.origin} → same-site so far`);
  }
  if (value === 'same-origin') trace.push(`set-site step 5.1: every URL of the list is same origin with ${r.origin} → same-origin`);
  return value;
}

/** #abstract-opdef-append-the-fetch-metadata-headers-for-a-request, on the request as sent to its current URL. */
export function fetchMetadata(r: MetadataRequest): Metadata {
  const trace: string[] = [];
  const current = r.urlList[r.urlList.length - 1];
  if (!potentiallyTrustworthy(current)) {
    trace.push(`append step 1: ${current} is not a potentially trustworthy URL → no Sec-Fetch-* header`);
    return { dest: null, mode: null, site: null, user: null, trace };
  }
  const dest = r.destination === '' ? 'empty' : r.destination;
  trace.push(`set-dest step 3: destination "${r.destination}" → ${dest}`);
  trace.push(`set-mode step 3: mode → ${r.mode}`);
  const site = secFetchSite(r, trace);
  const user = r.navigation && r.userActivation ? '?1' : null;
  trace.push(user ? 'set-user step 4: a navigation with user activation → ?1' : 'set-user step 2: not a navigation with user activation → not sent');
  return { dest, mode: r.mode, site, user, trace };
}
