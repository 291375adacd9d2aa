/**
 * Shared pieces of the same-origin-policy catalog (issue 4): spec citations and links used
 * by the sop/* scenario files. Data only.
 */
import type { DeclaredResponse } from '../../protocol/declared-response.ts';

const HTML = 'https://html.spec.whatwg.org/multipage';

export const S = {
  crossOriginProperties: {
    url: `${HTML}/nav-history-apis.html#crossoriginproperties-(-o-)`,
    section: 'HTML §7.2.1.3.1 CrossOriginProperties(O) — the WindowProxy and Location allow-lists',
  },
  crossOriginGet: {
    url: `${HTML}/nav-history-apis.html#crossoriginget-(-o,-p,-receiver-)`,
    section: 'HTML §7.2.1.3 CrossOriginGet — members outside the allow-list throw SecurityError',
  },
  crossOriginSet: {
    url: `${HTML}/nav-history-apis.html#crossoriginset-(-o,-p,-v,-receiver-)`,
    section: 'HTML §7.2.1.3 CrossOriginSet — only allow-listed setters; anything else throws SecurityError',
  },
  crossOriginFallback: {
    url: `${HTML}/nav-history-apis.html#crossoriginpropertyfallback-(-p-)`,
    section: 'HTML §7.2.1.3 CrossOriginPropertyFallback — then/@@toStringTag… are undefined, anything else SecurityError',
  },
  windowProxyGetOwnProperty: {
    url: `${HTML}/nav-history-apis.html#windowproxy-getownproperty`,
    section: 'HTML §7.2.3.1 WindowProxy [[GetOwnProperty]] — index access to child navigables',
  },
  locationGetOwnProperty: {
    url: `${HTML}/nav-history-apis.html#location-getownproperty`,
    section: 'HTML §7.2.4.1 Location [[GetOwnProperty]] — cross-origin Location',
  },
  locationHref: { url: `${HTML}/nav-history-apis.html#dom-location-href`, section: 'HTML §7.2.4 Location href setter — navigates' },
  locationReplace: { url: `${HTML}/nav-history-apis.html#dom-location-replace`, section: 'HTML §7.2.4 Location replace()' },
  windowLocation: { url: `${HTML}/nav-history-apis.html#dom-location`, section: 'HTML §7.2.2 window.location [PutForwards=href]' },
  navigate: {
    url: `${HTML}/browsing-the-web.html#navigate`,
    section: 'HTML §7.4.2.2 navigate — any navigable may be navigated to a cross-origin URL (allowed by sandboxing)',
  },
  allowedToNavigate: { url: `${HTML}/browsing-the-web.html#allowed-to-navigate`, section: 'HTML §7.4.2.1 allowed to navigate' },
  windowOpen: { url: `${HTML}/nav-history-apis.html#window-open-steps`, section: 'HTML §7.2.2.1 window open steps' },
  followHyperlink: { url: `${HTML}/links.html#following-hyperlinks-2`, section: 'HTML §4.6.4 following hyperlinks' },
  formSubmission: {
    url: `${HTML}/form-control-infrastructure.html#form-submission-algorithm`,
    section: 'HTML §4.10.21.3 form submission algorithm — mutate action URL / submit as entity body',
  },
  originHeader: {
    url: 'https://fetch.spec.whatwg.org/#append-a-request-origin-header',
    section: 'Fetch §3.1 append a request `Origin` header — sent for non-GET/HEAD; "null" for an opaque origin',
  },
  postMessage: {
    url: `${HTML}/web-messaging.html#window-post-message-steps`,
    section: 'HTML §9.3.3 window post message steps — targetOrigin "*", "/" or an origin that must match',
  },
  messageOrigin: {
    url: `${HTML}/web-messaging.html#posting-messages`,
    section: 'HTML §9.3.3 the message event origin is the serialization of the source origin ("null" when opaque)',
  },
  documentDomain: { url: `${HTML}/browsers.html#dom-document-domain`, section: 'HTML §7.1.1.3 Relaxing the same-origin restriction — document.domain setter' },
  registrableSuffix: {
    url: `${HTML}/browsers.html#is-a-registrable-domain-suffix-of-or-is-equal-to`,
    section: 'HTML §7.1.1.3 is a registrable domain suffix of or is equal to — never a public suffix',
  },
  sameOriginDomain: { url: `${HTML}/browsers.html#same-origin-domain`, section: 'HTML §7.1.1 same origin-domain — both must have set the domain' },
  originKeyed: {
    url: `${HTML}/browsers.html#origin-keyed-agent-clusters`,
    section:
      'HTML §7.1.1.4 Origin-keyed agent clusters — `Origin-Agent-Cluster: ?1` requests origin keying; other values are ignored (site-keyed by default; whatwg/html#7617 proposes origin keying by default)',
  },
  obtainAgent: {
    url: `${HTML}/document-sequences.html#obtain-similar-origin-window-agent`,
    section: 'HTML §7.3.1.4 obtain a similar-origin window agent — key = site unless requestsOAC',
  },
  sandbox: { url: `${HTML}/iframe-embed-object.html#attr-iframe-sandbox`, section: 'HTML §4.8.5 the iframe sandbox attribute' },
  sandboxFlags: {
    url: `${HTML}/browsers.html#sandboxing`,
    section: 'HTML §7.1.5 Sandboxing — sandboxed origin / scripts / popups / forms / document.domain flags',
  },
  sandboxedOrigin: {
    url: `${HTML}/document-lifecycle.html#determining-the-origin`,
    section: 'HTML §7.5.1 determining the origin — sandboxed origin browsing context flag gives an opaque origin',
  },
  dataUrlOrigin: { url: `${HTML}/document-lifecycle.html#determining-the-origin`, section: 'HTML — a data: URL document gets a new opaque origin' },
  cspSandbox: {
    url: 'https://w3c.github.io/webappsec-csp/#directive-sandbox',
    section: 'CSP3 §6.3.2 sandbox directive — applies to the document however it is loaded',
  },
  frameAncestors: { url: 'https://w3c.github.io/webappsec-csp/#directive-frame-ancestors', section: 'CSP3 §6.4.2 frame-ancestors (overrides X-Frame-Options)' },
  xfo: {
    url: `${HTML}/document-lifecycle.html#the-x-frame-options-header`,
    section: 'HTML §7.5.1 The X-Frame-Options header — DENY, SAMEORIGIN (all ancestors), invalid values ignored',
  },
  canvasTaint: {
    url: `${HTML}/canvas.html#security-with-canvas-elements`,
    section: 'HTML §4.12.5.1.? Security with canvas elements — origin-clean flag; getImageData throws SecurityError',
  },
  cssRules: { url: 'https://drafts.csswg.org/cssom/#dom-cssstylesheet-cssrules', section: 'CSSOM §6.1.2 cssRules — SecurityError unless origin-clean' },
  mutedErrors: {
    url: `${HTML}/webappapis.html#muted-errors`,
    section: 'HTML §8.1.4.? muted errors — "Script error." for no-cors cross-origin classic scripts',
  },
  scriptFetch: {
    url: `${HTML}/scripting.html#fetch-a-classic-script`,
    section: 'HTML §4.12.1 fetch a classic script — no-cors unless crossorigin; the script runs',
  },
  imgFetch: {
    url: `${HTML}/images.html#update-the-image-data`,
    section: 'HTML §4.8.4.3 update the image data — cross-origin images load (no-cors); CORS mode when crossorigin',
  },
  stylesheetFetch: { url: `${HTML}/semantics.html#link-type-stylesheet`, section: 'HTML §4.6.7 link rel=stylesheet — cross-origin style sheets apply' },
  media: { url: `${HTML}/media.html#concept-media-load-resource`, section: 'HTML §4.8.11.5 media resource fetch — cross-origin media plays' },
  iframe: { url: `${HTML}/iframe-embed-object.html#the-iframe-element`, section: 'HTML §4.8.5 the iframe element — cross-origin documents may be embedded' },
  corsCheck: { url: 'https://fetch.spec.whatwg.org/#cors-check', section: 'Fetch §4.9 CORS check' },
  corsProtocol: { url: 'https://fetch.spec.whatwg.org/#http-cors-protocol', section: 'Fetch §3.2 the CORS protocol' },
  corsPreflight: { url: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch', section: 'Fetch §4.8 CORS-preflight fetch' },
  corsSafelisted: { url: 'https://fetch.spec.whatwg.org/#cors-safelisted-method', section: 'Fetch §2.2.1 CORS-safelisted method / request-header' },
  credentialsWildcard: {
    url: 'https://fetch.spec.whatwg.org/#cors-check',
    section: 'Fetch §4.9 CORS check — "*" never matches when credentials mode is "include"',
  },
  fetchCredentials: {
    url: 'https://fetch.spec.whatwg.org/#concept-request-credentials-mode',
    section: 'Fetch §2.2.5 request credentials mode (omit / same-origin / include)',
  },
  documentCookie: {
    url: `${HTML}/dom.html#dom-document-cookie`,
    section: 'HTML §3.1.? document.cookie — cookie-averse or opaque-origin documents; SecurityError for opaque origins',
  },
  cookieDomain: {
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.6.3',
    section: 'RFC 6265bis §5.6.3 Domain attribute — host-only cookies vs domain cookies sent to subdomains',
  },
  cookieHttpOnly: {
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.6.6',
    section: 'RFC 6265bis §5.6.6 HttpOnly — hidden from non-HTTP APIs',
  },
  cookieSecure: {
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.6.5',
    section: 'RFC 6265bis §5.6.5 Secure — only sent/exposed over secure channels',
  },
  sameSite: {
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.8.3',
    section:
      'RFC 6265bis §5.8.3 SameSite cookies — Strict/Lax withheld from cross-site subresources; Lax sent on top-level safe navigations; default enforcement Lax',
  },
  retrieval: {
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.8.3',
    section: 'RFC 6265bis §5.8.3 retrieval algorithm — same-site checks per request',
  },
  fetchCookies: {
    url: 'https://fetch.spec.whatwg.org/#http-network-or-cache-fetch',
    section: 'Fetch §4.5 HTTP-network-or-cache fetch — cookies only when credentials are included',
  },
  localStorage: {
    url: `${HTML}/webstorage.html#the-localstorage-attribute`,
    section: 'HTML §12.2.3 localStorage — keyed by storage key (origin); SecurityError for opaque origins',
  },
  sessionStorage: {
    url: `${HTML}/webstorage.html#the-sessionstorage-attribute`,
    section: 'HTML §12.2.2 sessionStorage — per traversable and storage key; SecurityError for opaque origins',
  },
  indexedDB: {
    url: 'https://w3c.github.io/IndexedDB/#dom-idbfactory-open',
    section: 'IndexedDB 3 §4.? open() — per storage key; SecurityError for opaque origins',
  },
  storageKey: { url: 'https://storage.spec.whatwg.org/#obtain-a-storage-key', section: 'Storage §3 obtain a storage key' },
  storagePartitioning: {
    url: 'https://privacycg.github.io/storage-partitioning/',
    section: 'Privacy CG Client-Side Storage Partitioning (draft) — third-party storage keyed by top-level site',
  },
} as const;

/** Links for recorded engine differences. */
export const L = {
  oacDefault: 'https://github.com/whatwg/html/pull/7617',
  chromeOacDefault: 'https://developer.chrome.com/blog/document-domain-setter-deprecation',
  webkitOac: 'https://bugs.webkit.org/show_bug.cgi?id=287848',
  firefoxTcp: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning',
  webkitItp: 'https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/',
  chromeLaxPost: 'https://www.chromium.org/updates/same-site/faq/',
  firefoxLaxDefault: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1617609',
} as const;

export const AGENT: DeclaredResponse = { kind: 'agent' };
export function agentWith(headers: Array<[string, string]>): DeclaredResponse {
  return { kind: 'agent', headers };
}
export const TEXT: DeclaredResponse = { headers: [['Content-Type', 'text/plain']], body: 'originproof' };
export const HTML_DOC: DeclaredResponse = {
  headers: [['Content-Type', 'text/html; charset=utf-8']],
  body: '<!doctype html><title>originproof target</title><p>target',
};

/** Loaded machines make frame/popup set-up slow: every sop probe gets at least this bound. */
export function withBound<T extends { probe: { timeoutMs?: number } }>(list: T[], ms = 10_000): T[] {
  for (const s of list) s.probe.timeoutMs = Math.max(s.probe.timeoutMs ?? 0, ms);
  return list;
}
