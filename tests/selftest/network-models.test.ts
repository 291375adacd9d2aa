/**
 * Unit tests of the network-side models: Fetch Metadata (harness/model/fetch/metadata.ts), Opaque
 * Response Blocking (harness/model/fetch/orb.ts), the Origin header (origin-header.ts) and SameSite
 * cookies across redirects (same-site.ts). Each test cites the step it checks. No browser.
 */
import { test, expect } from '@playwright/test';
import { fetchMetadata, secFetchSite, type MetadataRequest } from '../../harness/model/fetch/metadata.ts';
import { orbAllows, type OrbResponse } from '../../harness/model/fetch/orb.ts';
import { originHeader, redirectTaint, responseTainting, type OriginHeaderRequest } from '../../harness/model/fetch/origin-header.ts';
import { cookiesSent, isSameSiteRequest } from '../../harness/model/fetch/same-site.ts';

const FM = 'https://w3c.github.io/webappsec-fetch-metadata/';
const req = (over: Partial<MetadataRequest>): MetadataRequest => ({
  origin: 'https://site.test',
  urlList: ['https://site.test'],
  mode: 'cors',
  destination: '',
  ...over,
});

test.describe(`append the Fetch metadata headers (${FM}#abstract-opdef-append-the-fetch-metadata-headers-for-a-request)`, () => {
  test('step 1: a URL that is not potentially trustworthy gets no header at all', () => {
    expect(fetchMetadata(req({ origin: 'http://site.test', urlList: ['http://sub.site.test'] }))).toMatchObject({
      site: null,
      mode: null,
      dest: null,
      user: null,
    });
  });
  test('step 1: an https URL from an http page gets them', () => {
    expect(fetchMetadata(req({ origin: 'http://site.test', urlList: ['https://site.test'] })).site).toBe('cross-site');
  });
  test('set-dest step 3: the empty destination is sent as `empty`; others as they are', () => {
    expect(fetchMetadata(req({})).dest).toBe('empty');
    expect(fetchMetadata(req({ destination: 'image', mode: 'no-cors' }))).toMatchObject({ dest: 'image', mode: 'no-cors' });
  });
  test('set-user step 2: only a navigation with user activation sends ?1', () => {
    expect(fetchMetadata(req({ mode: 'navigate', destination: 'iframe', navigation: true })).user).toBeNull();
    expect(fetchMetadata(req({ mode: 'navigate', destination: 'document', navigation: true, userActivation: true })).user).toBe('?1');
    expect(fetchMetadata(req({ userActivation: true })).user).toBeNull();
  });
});

test.describe(`set the Sec-Fetch-Site header (${FM}#abstract-opdef-set-site)`, () => {
  test('step 3 and 5.1: every URL same origin → same-origin', () => {
    expect(secFetchSite(req({ urlList: ['https://site.test', 'https://site.test'] }))).toBe('same-origin');
  });
  test('step 5.4: another port or host of the same site → same-site', () => {
    expect(secFetchSite(req({ urlList: ['https://site.test:8443'] }))).toBe('same-site');
    expect(secFetchSite(req({ urlList: ['https://sub.site.test'] }))).toBe('same-site');
  });
  test('step 5.3: same site is schemeful — http and https of one host are cross-site', () => {
    expect(secFetchSite(req({ origin: 'http://site.test', urlList: ['https://site.test'] }))).toBe('cross-site');
  });
  test('step 5 (redirects): a cross-site hop taints the rest of the chain, back to the same origin too', () => {
    expect(secFetchSite(req({ urlList: ['https://other.test', 'https://site.test'] }))).toBe('cross-site');
    expect(secFetchSite(req({ urlList: ['https://sub.site.test', 'https://site.test'] }))).toBe('same-site');
    expect(secFetchSite(req({ urlList: ['https://site.test', 'https://other.test'] }))).toBe('cross-site');
  });
  test('step 5.1: an opaque origin is same origin with nothing, same site with nothing → cross-site', () => {
    expect(secFetchSite(req({ origin: 'null', urlList: ['https://site.test'] }))).toBe('cross-site');
  });
  test('step 4: a navigation the user caused through the browser → none', () => {
    expect(secFetchSite(req({ navigation: true, userInitiated: true, urlList: ['https://other.test'] }))).toBe('none');
  });
});

const ORB = 'https://github.com/annevk/orb#processing-model';
const resp = (over: Partial<OrbResponse>): OrbResponse => ({
  status: 200,
  contentType: 'application/json',
  nosniff: false,
  sniffsAsMedia: false,
  parsesAsJavaScriptNotJson: false,
  ...over,
});

test.describe(`ORB processing model (${ORB}; whatwg/fetch#1442)`, () => {
  test('step 3.1–3.3: JavaScript, CSS and SVG MIME types are allowed whatever the body', () => {
    expect(orbAllows(resp({ contentType: 'text/javascript' })).allowed).toBe(true);
    expect(orbAllows(resp({ contentType: 'text/css', nosniff: true })).allowed).toBe(true);
    expect(orbAllows(resp({ contentType: 'image/svg+xml' })).allowed).toBe(true);
  });
  test('step 3.4: a 206 of an opaque-blocklist type is blocked', () => {
    expect(orbAllows(resp({ status: 206 }))).toMatchObject({ allowed: false, step: expect.stringMatching(/^3\.4/) });
  });
  test('step 3.5: nosniff with JSON, HTML, XML or text/plain is blocked before any sniffing', () => {
    expect(orbAllows(resp({ nosniff: true, sniffsAsMedia: true })).allowed).toBe(false);
    expect(orbAllows(resp({ contentType: 'text/plain', nosniff: true, parsesAsJavaScriptNotJson: true })).allowed).toBe(false);
  });
  test('steps 6–7: media bytes are allowed under any other label', () => {
    expect(orbAllows(resp({ sniffsAsMedia: true })).allowed).toBe(true);
  });
  test('step 8: nosniff without a MIME type, and not media, is blocked', () => {
    expect(orbAllows(resp({ contentType: null, nosniff: true })).allowed).toBe(false);
  });
  test('step 9: a non-ok status is blocked', () => {
    expect(orbAllows(resp({ status: 404, contentType: 'text/plain', parsesAsJavaScriptNotJson: true })).allowed).toBe(false);
  });
  test('step 10: no MIME type at all is allowed', () => {
    expect(orbAllows(resp({ contentType: null })).allowed).toBe(true);
  });
  test('steps 11–12: a media or text/csv label on other bytes is blocked', () => {
    expect(orbAllows(resp({ contentType: 'image/png' })).allowed).toBe(false);
    expect(orbAllows(resp({ contentType: 'text/csv', parsesAsJavaScriptNotJson: true })).allowed).toBe(false);
  });
  test('steps 14–15: the body decides the rest — JavaScript (not JSON) is allowed, JSON or HTML is not', () => {
    expect(orbAllows(resp({ contentType: 'text/plain', parsesAsJavaScriptNotJson: true })).allowed).toBe(true);
    expect(orbAllows(resp({})).allowed).toBe(false);
    expect(orbAllows(resp({ contentType: 'text/html' })).allowed).toBe(false);
  });
});

const FETCH = 'https://fetch.spec.whatwg.org/';
const S = 'https://site.test';
const SUB = 'https://sub.site.test';
const O = 'https://other.test';
const oh = (over: Partial<OriginHeaderRequest>): OriginHeaderRequest => ({
  origin: S,
  urlList: [S],
  method: 'POST',
  mode: 'no-cors',
  referrerPolicy: 'strict-origin-when-cross-origin',
  ...over,
});

test.describe(`redirect-taint (${FETCH}#concept-request-tainted-origin)`, () => {
  test('step 4.1: one URL, no hop → same-origin', () => {
    expect(redirectTaint(S, [O])).toBe('same-origin');
  });
  test("step 4.2/4.3: a hop that leaves the request's own origin taints nothing", () => {
    expect(redirectTaint(S, [S, O])).toBe('same-origin');
  });
  test('step 4.2: a hop from another site to this one → cross-site', () => {
    expect(redirectTaint(S, [O, S])).toBe('cross-site');
    expect(redirectTaint(S, [S, O, S])).toBe('cross-site');
  });
  test('step 4.3: a hop from another origin of the same site → same-site', () => {
    expect(redirectTaint(S, [SUB, S])).toBe('same-site');
  });
});

test.describe(`append a request Origin header (${FETCH}#append-a-request-origin-header)`, () => {
  test('step 3: response tainting "cors" sends the serialized origin whatever the policy', () => {
    expect(originHeader(oh({ mode: 'cors', method: 'GET', urlList: [O], referrerPolicy: 'no-referrer' })).value).toBe(S);
  });
  test('step 4: a same-origin GET or HEAD, or any no-cors GET, sends none', () => {
    expect(originHeader(oh({ mode: 'cors', method: 'GET' })).value).toBeNull();
    expect(originHeader(oh({ mode: 'no-cors', method: 'HEAD', urlList: [O] })).value).toBeNull();
  });
  test('step 4.1: mode "cors" does not consult the referrer policy (same-origin POST under no-referrer)', () => {
    expect(originHeader(oh({ mode: 'cors', referrerPolicy: 'no-referrer' })).value).toBe(S);
  });
  test('step 4.1 no-referrer: null for a non-cors POST, navigations too', () => {
    expect(originHeader(oh({ referrerPolicy: 'no-referrer' })).value).toBe('null');
    expect(originHeader(oh({ mode: 'navigate', referrerPolicy: 'no-referrer', urlList: [O] })).value).toBe('null');
    expect(originHeader(oh({ mode: 'same-origin', method: 'PUT', referrerPolicy: 'no-referrer' })).value).toBe('null');
  });
  test('step 4.1 same-origin: null only when the current URL is another origin (same site too)', () => {
    expect(originHeader(oh({ referrerPolicy: 'same-origin' })).value).toBe(S);
    expect(originHeader(oh({ referrerPolicy: 'same-origin', urlList: [SUB] })).value).toBe('null');
  });
  test('step 4.1 strict-origin: null only from https to a non-https URL', () => {
    expect(originHeader(oh({ referrerPolicy: 'strict-origin', urlList: [O] })).value).toBe(S);
    expect(originHeader(oh({ referrerPolicy: 'strict-origin', urlList: ['http://other.test'] })).value).toBe('null');
  });
  test('step 2 (serializing a request origin): a tainted URL list serializes as "null", cors too', () => {
    expect(originHeader(oh({ mode: 'cors', urlList: [S, O, S] })).value).toBe('null');
    expect(originHeader(oh({ mode: 'navigate', urlList: [SUB, S] })).value).toBe('null');
    expect(originHeader(oh({ mode: 'no-cors', urlList: [S, O] })).value).toBe(S);
  });
  test('main fetch step 12: a cors request that went cross-origin stays cors-tainted back home', () => {
    expect(responseTainting({ origin: S, urlList: [S, O, S], mode: 'cors' })).toBe('cors');
    expect(responseTainting({ origin: S, urlList: [S], mode: 'cors' })).toBe('basic');
    expect(responseTainting({ origin: S, urlList: [O], mode: 'navigate' })).toBe('basic');
  });
});

const RFC = 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis';
const JAR = [
  { name: 'ss', sameSite: 'Strict' as const },
  { name: 'sl', sameSite: 'Lax' as const },
  { name: 'sn', sameSite: 'None' as const },
  { name: 'sd', sameSite: 'Default' as const },
];
const sub = (urlList: string[]) => ({ siteForCookies: S, urlList, method: 'GET', topLevelNavigation: false });

test.describe(`same-site requests (${RFC}#section-5.2) and SameSite retrieval (${RFC}#section-5.8.3)`, () => {
  test('§5.2: a same-site subresource, redirected within the site, carries every cookie', () => {
    expect(cookiesSent(JAR, sub([S]))).toEqual(['sd', 'sl', 'sn', 'ss']);
    expect(cookiesSent(JAR, sub([SUB, S]))).toEqual(['sd', 'sl', 'sn', 'ss']);
  });
  test('§5.2 criterion 2: a chain through another site makes the request cross-site (None only)', () => {
    expect(isSameSiteRequest({ siteForCookies: S, urlList: [O, S] }).sameSite).toBe(false);
    expect(cookiesSent(JAR, sub([O, S]))).toEqual(['sn']);
    expect(cookiesSent(JAR, sub([S, O, S]))).toEqual(['sn']);
  });
  test('§5.2 criterion 3: a URL on another site than the site for cookies is cross-site', () => {
    expect(isSameSiteRequest({ siteForCookies: S, urlList: [O] }).sameSite).toBe(false);
  });
  test('§5.8.3: a cross-site top-level GET carries Lax and Default (enforced as Lax), a POST None only', () => {
    expect(cookiesSent(JAR, { ...sub([O, S]), topLevelNavigation: true })).toEqual(['sd', 'sl', 'sn']);
    expect(cookiesSent(JAR, { ...sub([O, S]), topLevelNavigation: true, method: 'POST' })).toEqual(['sn']);
  });
});
