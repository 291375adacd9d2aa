/**
 * What each engine does instead of the standard for the `Origin` header (network/origin-header)
 * and for SameSite cookies across redirect chains (sop/cookies-redirects), spread into each
 * engine's registry. Who follows the redirect rule of RFC 6265bis §5.2 — a request is same-site only
 * if "the origin of every url in the request's url list is same-site with the request's current
 * url's origin" — is decided by the rows: Firefox does (it withholds Strict and Lax after a
 * cross-site hop; only its unspecified cookie differs), Chromium does not, WebKitGTK does for
 * top-level navigations only.
 */
import type { ObservedDeviation, Why } from './registry.ts';

const CHAIN_RULE =
  'RFC 6265bis §5.2: a request is same-site only if "The request is not the result of a cross-site redirect. That is, the origin of every url in the request\'s url list is same-site with the request\'s current url\'s origin" (Fetch agrees: "If request\'s redirect-taint is "cross-site", then return "unset-or-less"").';

const CHROMIUM_LAST_URL_ONLY: Why = {
  reason: `${CHAIN_RULE} Chromium decides from the final URL alone: after other.test redirects back to site.test it sends site.test's Strict and Lax cookies to subresources, frames and top-level navigations (its redirect-chain check, crbug 830101, ships disabled)`,
  link: 'https://bugs.chromium.org/p/chromium/issues/detail?id=1221316',
};
const CHROMIUM_CHAIN_AND_LAX_POST: Why = {
  reason: `${CHAIN_RULE} Chromium sends every cookie on a top-level POST whose chain visited other.test: Strict and Lax by the final URL alone, the unspecified one by its two-minute "Lax + POST" mitigation`,
  link: 'https://bugs.chromium.org/p/chromium/issues/detail?id=1221316',
};
const CHROMIUM_THIRD_PARTY_BLOCKED: Why = {
  reason: "This Chromium build blocks third-party cookies by default: other.test's SameSite=None cookie is not sent to a subresource or frame of site.test",
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies',
};
const CHROMIUM_LAX_POST: Why = {
  reason: 'Chromium sends a just-set cookie without SameSite on a top-level cross-site POST (the two-minute "Lax + POST" mitigation)',
  link: 'https://www.chromium.org/updates/same-site/faq/',
};
const FIREFOX_CHAIN_KEPT_DEFAULT_NONE: Why = {
  reason: `${CHAIN_RULE} Firefox applies it (Strict and Lax withheld after the cross-site hop); it differs only in sending the cookie without SameSite, which it treats as None (network.cookie.sameSite.laxByDefault=false)`,
  link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1617609',
};
const FIREFOX_TCP: Why = {
  reason: "Firefox Total Cookie Protection keys third-party cookies by top-level site: other.test's first-party cookies are not sent from site.test",
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning',
};
const WEBKIT_CHAIN_SUBRESOURCES: Why = {
  reason: `${CHAIN_RULE} WebKitGTK 2.50 applies it to top-level navigations (those rows pass) but not to subresources and frames: after other.test redirects back to site.test it sends every site.test cookie (the redirect rule landed for Strict in WebKit bug 272986)`,
  link: 'https://bugs.webkit.org/show_bug.cgi?id=272986',
};
const WEBKIT_NO_LAX_BY_DEFAULT: Why = {
  reason: 'WebKit does not enforce SameSite=Lax for cookies without a SameSite attribute: the default cookie is sent like None on cross-site requests',
  link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#samesitesamesite-value',
};

const FORM_NOREFERRER: Why = {
  reason:
    'HTML "plan to navigate": "If the form element\'s link types include the noreferrer keyword, then set referrerPolicy to "no-referrer"", and Fetch then serializes the Origin of a non-cors POST as `null`; the engine sends the page\'s origin',
  link: 'repo:docs/bugs/form-noreferrer-origin.md',
};
const CHROMIUM_POLICY_IGNORED: Why = {
  reason:
    'Fetch "append a request `Origin` header" step 4.1: a POST or PUT whose mode is not "cors" gets `Origin: null` under no-referrer (and under same-origin to another origin); Chromium sends the page\'s origin for fetch() whether the policy is the request\'s or the document\'s (it honours the document\'s for form navigations)',
  link: 'https://bugs.chromium.org/p/chromium/issues/detail?id=979142',
};
const NULL_AFTER_ONE_HOP: Why = {
  reason:
    "Fetch redirect-taint: a hop from the request's own origin taints nothing (\"request's origin is not same origin with lastURL's origin\" is false), so site.test → other.test keeps `Origin: https://site.test`; the engine sends `null` after the first cross-origin hop",
  link: 'https://github.com/whatwg/fetch/issues/593',
};
const WEBKIT_CORS_BACK_HOME: Why = {
  reason:
    'A cors POST site.test → other.test → site.test (307s, every response `Access-Control-Allow-Origin: *`) should reach site.test with `Origin: null` and pass the CORS check; WebKitGTK fails the fetch before the last request is sent',
  link: 'repo:docs/bugs/webkit-cors-redirect-back-home.md',
};

const ids = (kinds: string[], chains: string[]) => kinds.flatMap((k) => chains.map((c) => `sop.cookies-redirects.${k}.${c}`));
const SUBRESOURCES = ['img', 'fetch', 'iframe', 'form-frame'];
const BACK_HOME = ['cross-same', 'same-cross-same'];
const ALL_SITE = { res: { cookies: ['sd', 'sl', 'sn', 'ss'] } };

export const chromiumOriginSameSite: ObservedDeviation[] = [
  { scenarios: [...ids(SUBRESOURCES, BACK_HOME), ...ids(['top-get'], BACK_HOME)], observed: {}, evidence: ALL_SITE, ...CHROMIUM_LAST_URL_ONLY },
  { scenarios: ids(['top-post'], BACK_HOME), observed: {}, evidence: ALL_SITE, ...CHROMIUM_CHAIN_AND_LAX_POST },
  { scenarios: ids(SUBRESOURCES, ['same-cross']), observed: {}, evidence: { res: { cookies: [] } }, ...CHROMIUM_THIRD_PARTY_BLOCKED },
  { scenarios: ['sop.cookies-redirects.top-post.same-cross'], observed: {}, evidence: { res: { cookies: ['od', 'on'] } }, ...CHROMIUM_LAX_POST },
  {
    scenarios: [
      'network.origin-header.no-cors.post.no-referrer.site',
      'network.origin-header.no-cors.post.no-referrer.sub',
      'network.origin-header.no-cors.post.no-referrer.other',
      'network.origin-header.no-cors.post.same-origin.sub',
      'network.origin-header.no-cors.post.same-origin.other',
      'network.origin-header.same-origin.post.no-referrer.site',
      'network.origin-header.same-origin.put.no-referrer.site',
      'network.origin-header.document-policy.no-referrer.no-cors.site',
      'network.origin-header.document-policy.no-referrer.no-cors.other',
      'network.origin-header.document-policy.same-origin.no-cors.other',
    ],
    observed: {},
    evidence: { res: { origin: 'https://site.test' } },
    ...CHROMIUM_POLICY_IGNORED,
  },
  {
    scenarios: ['network.origin-header.redirect.no-cors.post.site-other', 'network.origin-header.form.post.plain.site-other'],
    observed: {},
    evidence: { res: { origin: 'null' } },
    ...NULL_AFTER_ONE_HOP,
  },
  { scenarios: ['network.origin-header.redirect.no-cors.post.site-other-site'], observed: {}, evidence: { hop2: { origin: 'null' } }, ...NULL_AFTER_ONE_HOP },
  { scenarios: /^network\.origin-header\.form\.post\.noreferrer\./, observed: {}, evidence: { res: { origin: 'https://site.test' } }, ...FORM_NOREFERRER },
];

export const firefoxOriginSameSite: ObservedDeviation[] = [
  { scenarios: ids([...SUBRESOURCES, 'top-post'], BACK_HOME), observed: {}, evidence: { res: { cookies: ['sd', 'sn'] } }, ...FIREFOX_CHAIN_KEPT_DEFAULT_NONE },
  { scenarios: ids(SUBRESOURCES, ['same-cross']), observed: {}, evidence: { res: { cookies: [] } }, ...FIREFOX_TCP },
  { scenarios: ['sop.cookies-redirects.top-post.same-cross'], observed: {}, evidence: { res: { cookies: ['od', 'on'] } }, ...FIREFOX_CHAIN_KEPT_DEFAULT_NONE },
  { scenarios: /^network\.origin-header\.form\.post\.noreferrer\./, observed: {}, evidence: { res: { origin: 'https://site.test' } }, ...FORM_NOREFERRER },
];

export const webkitOriginSameSite: ObservedDeviation[] = [
  { scenarios: ids(SUBRESOURCES, BACK_HOME), observed: {}, evidence: ALL_SITE, ...WEBKIT_CHAIN_SUBRESOURCES },
  { scenarios: ids(['top-post'], BACK_HOME), observed: {}, evidence: { res: { cookies: ['sd', 'sn'] } }, ...WEBKIT_NO_LAX_BY_DEFAULT },
  { scenarios: ids([...SUBRESOURCES, 'top-post'], ['same-cross']), observed: {}, evidence: { res: { cookies: ['od', 'on'] } }, ...WEBKIT_NO_LAX_BY_DEFAULT },
  { scenarios: /^network\.origin-header\.form\.post\.noreferrer\./, observed: {}, evidence: { res: { origin: 'https://site.test' } }, ...FORM_NOREFERRER },
  { scenarios: ['network.origin-header.form.post.plain.site-other'], observed: {}, evidence: { res: { origin: 'null' } }, ...NULL_AFTER_ONE_HOP },
  {
    scenarios: ['network.origin-header.redirect.cors.post.site-other-site'],
    observed: { resolved: false },
    evidence: { res: { arrived: false, methods: [], origin: null } },
    ...WEBKIT_CORS_BACK_HOME,
  },
];

const COOP_CSP_SANDBOX: Why = {
  reason:
    'HTML "create navigation params by fetching": "If finalSandboxFlags is not empty and responseCOOP\'s value is not "unsafe-none", then set response to an appropriate network error"; the engine loads the COOP same-origin document sandboxed by its CSP (it runs, in an opaque origin, severed from its opener)',
  link: 'repo:docs/bugs/coop-csp-sandbox-loads.md',
};
/**
 * COOP with a CSP sandbox on the response: all three engines load the document, reached directly or
 * through a redirect hop with COOP same-origin; and a redirect hop that carries both is followed.
 */
export const coopCspSandbox: ObservedDeviation = {
  scenarios: ['isolation.coop-edges.csp-sandbox.so', 'isolation.coop-edges.csp-hop.hop-coop-so.doc-coop-so-sandbox'],
  observed: { report: true },
  ...COOP_CSP_SANDBOX,
};
export const coopCspSandboxHop: ObservedDeviation = {
  scenarios: ['isolation.coop-edges.csp-hop.hop-coop-so-sandbox.doc-plain'],
  observed: { report: true },
  reason:
    'HTML "create navigation params by fetching" runs its sandbox and opener-policy steps for every response of the redirect loop: a redirect with COOP same-origin and a CSP sandbox is a network error ("If finalSandboxFlags is not empty and responseCOOP\'s value is not "unsafe-none""); the engine follows it, and the document it redirects to runs (severed from its opener by the hop\'s COOP)',
  link: 'repo:docs/bugs/coop-csp-sandbox-loads.md',
};
