/**
 * Unit tests of the network-side models: Fetch Metadata (harness/model/fetch/metadata.ts) and
 * Opaque Response Blocking (harness/model/fetch/orb.ts). Each test cites the step it checks. No browser.
 */
import { test, expect } from '@playwright/test';
import { fetchMetadata, secFetchSite, type MetadataRequest } from '../../harness/model/fetch/metadata.ts';
import { orbAllows, type OrbResponse } from '../../harness/model/fetch/orb.ts';

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
