/**
 * Cookies: document.cookie scoping (host-only vs Domain, HttpOnly, Secure over http) and which
 * cookies requests carry (SameSite on cross-site subresources and top-level navigations,
 * credentials modes, third-party frames). Expectations follow RFC 6265bis (SameSite default
 * Lax) and Fetch; third-party cookie blocking and partitioning are engine policy and are
 * recorded in the engine registries (scenarios/deviations/).
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT, HTML_DOC, OPAQUE, PNG, TEXT } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/cookies';
type Cookie = { at: OriginName; setCookie: string };
const XSITE: Cookie[] = [
  { at: 'other', setCookie: 'sn=1; SameSite=None; Secure; Path=/' },
  { at: 'other', setCookie: 'sl=1; SameSite=Lax; Secure; Path=/' },
  { at: 'other', setCookie: 'ss=1; SameSite=Strict; Secure; Path=/' },
  { at: 'other', setCookie: 'sd=1; Secure; Path=/' },
];
const SAMESITE: Cookie[] = [
  { at: 'sub', setCookie: 'su_strict=1; SameSite=Strict; Secure; Path=/' },
  { at: 'sub', setCookie: 'su_lax=1; SameSite=Lax; Secure; Path=/' },
];
const DOMAIN: Cookie[] = [
  { at: 'site', setCookie: 'dom=1; Domain=site.test; Secure; Path=/' },
  { at: 'site', setCookie: 'host=1; Secure; Path=/' },
];
const HTTPONLY: Cookie[] = [
  { at: 'site', setCookie: 'ho=1; HttpOnly; Secure; Path=/' },
  { at: 'site', setCookie: 'vis=1; Secure; Path=/' },
];
const SECURE: Cookie[] = [
  { at: 'site', setCookie: 'sec=1; Secure; Path=/' },
  { at: 'site', setCookie: 'ins=1; Path=/' },
];

/**
 * The control of a cross-site request whose cookies are withheld: the same request made
 * first-party, from a popup on other.test, must carry all four cookies. That proves they exist
 * and that the log sees them, so "none sent" cannot come from a cookie that was never set.
 */
const FIRST_PARTY = { via: 'popup' as const, at: 'other' as const, response: 'ctx' };
function firstPartyControl<O>(name: string, observation: O) {
  return {
    patch: { probe: { context: [FIRST_PARTY] } },
    expect: { observation, evidence: { [name]: { arrived: true, cookies: ['sd', 'sl', 'sn', 'ss'] } } },
  };
}

const RAW: ScenarioInput[] = [
  {
    id: 'sop.cookies.cross-site-fetch-samesite',
    area,
    title: 'a credentialed cross-site fetch carries only SameSite=None cookies (Lax, Strict and default-Lax withheld)',
    claims: ['C30'],
    spec: ['sameSite', 'fetchCookies'],
    page: { at: 'site', cookies: XSITE },
    responses: { sink: TEXT, ctx: AGENT },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'sink' }, mode: 'no-cors', credentials: 'include' } },
    expect: { blocked: false, observation: OPAQUE, evidence: { sink: { arrived: true, cookies: ['sn'] } } },
    control: firstPartyControl('sink', { resolved: true }),
    // Its control opens a popup: one probe at a time (concurrent popups missed their bounds).
    oneAtATime: true,
  },
  {
    id: 'sop.cookies.cross-site-img',
    area,
    title: 'a cross-site image request carries only SameSite=None cookies',
    claims: ['C30', 'C10'],
    spec: ['sameSite'],
    page: { at: 'site', cookies: XSITE },
    responses: { img: PNG, ctx: AGENT },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'img' } } },
    expect: { blocked: false, observation: { loaded: true }, evidence: { img: { arrived: true, cookies: ['sn'] } } },
    control: firstPartyControl('img', { loaded: true }),
    // Its control opens a popup: one probe at a time (concurrent popups missed their bounds).
    oneAtATime: true,
  },
  {
    id: 'sop.cookies.cross-site-iframe',
    area,
    title: 'a cross-site iframe navigation carries only SameSite=None cookies',
    claims: ['C30'],
    spec: ['sameSite'],
    page: { at: 'site', cookies: XSITE },
    responses: { doc: AGENT, ctx: AGENT },
    probe: { kind: 'embed', params: { element: 'iframe', target: { at: 'other', response: 'doc' } } },
    expect: { blocked: false, observation: { loaded: true }, evidence: { doc: { arrived: true, cookies: ['sn'] } } },
    control: firstPartyControl('doc', { loaded: true }),
    // Its control opens a popup: one probe at a time (concurrent popups missed their bounds).
    oneAtATime: true,
  },
  {
    id: 'sop.cookies.cross-site-form-post-frame',
    area,
    title: 'a cross-site form POST into a frame carries only SameSite=None cookies',
    claims: ['C30', 'C12'],
    spec: ['sameSite', 'formSubmission'],
    page: { at: 'site', cookies: XSITE },
    responses: { sink: HTML_DOC, ctx: AGENT },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' } } },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], cookies: ['sn'] } } },
    control: firstPartyControl('sink', { submitted: true }),
    // Its control opens a popup: one probe at a time (concurrent popups missed their bounds).
    oneAtATime: true,
  },
  {
    id: 'sop.cookies.top-level-get',
    area,
    title: 'a top-level cross-site GET navigation carries None, Lax and default cookies, not Strict',
    claims: ['C30', 'C11'],
    spec: ['sameSite'],
    page: { at: 'site', cookies: XSITE },
    responses: { dest: HTML_DOC },
    probe: { kind: 'navigate', params: { how: 'window-open', target: { at: 'other', response: 'dest' } }, timeoutMs: 8000 },
    expect: { blocked: false, observation: { allowed: true }, evidence: { dest: { arrived: true, cookies: ['sd', 'sl', 'sn'] } } },
    oneAtATime: true,
  },
  {
    id: 'sop.cookies.top-level-post',
    area,
    title: 'a top-level cross-site form POST carries only SameSite=None cookies (Lax is for safe methods)',
    claims: ['C30', 'C12'],
    spec: ['sameSite'],
    page: { at: 'site', cookies: XSITE },
    responses: { sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' }, into: 'popup' }, timeoutMs: 8000 },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], cookies: ['sn'] } } },
    oneAtATime: true,
  },
  {
    id: 'sop.cookies.same-site-fetch-include',
    area,
    title: 'a credentialed same-site (sub.site.test) fetch carries Strict and Lax cookies',
    claims: ['C30'],
    spec: ['sameSite', 'fetchCookies'],
    page: { at: 'site', cookies: SAMESITE },
    responses: { sink: TEXT },
    probe: { kind: 'fetch', params: { target: { at: 'sub', response: 'sink' }, mode: 'no-cors', credentials: 'include' } },
    expect: { blocked: false, observation: OPAQUE, evidence: { sink: { arrived: true, cookies: ['su_lax', 'su_strict'] } } },
  },
  {
    id: 'sop.cookies.credentials-omit',
    area,
    title: "credentials: 'omit' sends no cookies",
    claims: ['C30'],
    spec: ['fetchCredentials', 'fetchCookies'],
    page: { at: 'site', cookies: SAMESITE },
    responses: { sink: TEXT },
    probe: { kind: 'fetch', params: { target: { at: 'sub', response: 'sink' }, mode: 'no-cors', credentials: 'omit' } },
    expect: { blocked: true, observation: OPAQUE, evidence: { sink: { arrived: true, cookies: [] } } },
    control: {
      patch: { probe: { params: { credentials: 'include' } } },
      expect: { observation: { resolved: true }, evidence: { sink: { cookies: ['su_lax', 'su_strict'] } } },
    },
  },
  {
    id: 'sop.cookies.credentials-same-origin-cross-origin',
    area,
    title: "credentials: 'same-origin' (the default) sends no cookies to another origin, even same-site",
    claims: ['C30'],
    spec: ['fetchCredentials', 'fetchCookies'],
    page: { at: 'site', cookies: SAMESITE },
    responses: { sink: TEXT },
    probe: { kind: 'fetch', params: { target: { at: 'sub', response: 'sink' }, mode: 'no-cors' } },
    expect: { blocked: true, observation: OPAQUE, evidence: { sink: { arrived: true, cookies: [] } } },
    control: {
      patch: { probe: { params: { credentials: 'include' } } },
      expect: { observation: { resolved: true }, evidence: { sink: { cookies: ['su_lax', 'su_strict'] } } },
    },
  },
  {
    id: 'sop.cookies.credentials-include-cors-readable',
    area,
    title: "credentials: 'include' CORS fetch with ACAO=origin + ACAC: cookies sent and response readable",
    claims: ['C30', 'C60'],
    spec: ['corsCheck', 'fetchCookies'],
    page: { at: 'site', cookies: SAMESITE },
    responses: {
      sink: {
        headers: [
          ['Content-Type', 'text/plain'],
          ['Access-Control-Allow-Origin', '{{origin}}'],
          ['Access-Control-Allow-Credentials', 'true'],
        ],
        body: 'private',
      },
    },
    probe: { kind: 'fetch', params: { target: { at: 'sub', response: 'sink' }, credentials: 'include' } },
    expect: {
      blocked: false,
      observation: { resolved: true, bodyReadable: true, body: 'private' },
      evidence: { sink: { cookies: ['su_lax', 'su_strict'], origin: 'https://site.test' } },
    },
  },
  {
    id: 'sop.cookies.domain-visible-to-subdomain',
    area,
    title: 'document.cookie on sub.site.test shows a Domain=site.test cookie',
    claims: ['C32', 'C31'],
    spec: ['cookieDomain', 'documentCookie'],
    page: { at: 'sub', cookies: DOMAIN },
    probe: { kind: 'storage', params: { api: 'cookie', op: 'read', key: 'dom' } },
    expect: { blocked: false, observation: { allowed: true, value: '1' } },
  },
  {
    id: 'sop.cookies.host-only-hidden-from-subdomain',
    area,
    title: 'document.cookie on sub.site.test does not show a host-only cookie of site.test',
    claims: ['C31', 'C32'],
    spec: ['cookieDomain', 'documentCookie'],
    page: { at: 'sub', cookies: DOMAIN },
    responses: { doc: AGENT },
    probe: { kind: 'storage', params: { api: 'cookie', op: 'read', key: 'host' } },
    expect: { blocked: true, observation: { allowed: true, value: null } },
    control: { patch: { probe: { context: [{ via: 'iframe', at: 'site', response: 'doc' }] } }, expect: { observation: { allowed: true, value: '1' } } },
  },
  {
    id: 'sop.cookies.domain-sent-to-subdomain',
    area,
    title: 'requests to sub.site.test carry the Domain=site.test cookie but not the host-only one',
    claims: ['C32', 'C31'],
    spec: ['cookieDomain'],
    page: { at: 'sub', cookies: DOMAIN },
    responses: { sink: TEXT },
    probe: { kind: 'fetch', params: { target: { at: 'sub', response: 'sink' } } },
    expect: { blocked: false, observation: { resolved: true }, evidence: { sink: { cookies: ['dom'] } } },
  },
  {
    id: 'sop.cookies.httponly-hidden',
    area,
    title: 'an HttpOnly cookie is hidden from document.cookie',
    claims: ['C33'],
    spec: ['cookieHttpOnly', 'documentCookie'],
    page: { at: 'site', cookies: HTTPONLY },
    probe: { kind: 'storage', params: { api: 'cookie', op: 'read', key: 'ho' } },
    expect: { blocked: true, observation: { allowed: true, value: null } },
    control: { patch: { probe: { params: { key: 'vis' } } }, expect: { observation: { allowed: true, value: '1' } } },
  },
  {
    id: 'sop.cookies.httponly-sent',
    area,
    title: 'an HttpOnly cookie is still sent on requests',
    claims: ['C33'],
    spec: ['cookieHttpOnly'],
    page: { at: 'site', cookies: HTTPONLY },
    responses: { sink: TEXT },
    probe: { kind: 'fetch', params: { target: { at: 'site', response: 'sink' } } },
    expect: { blocked: false, observation: { resolved: true }, evidence: { sink: { cookies: ['ho', 'vis'] } } },
  },
  {
    id: 'sop.cookies.secure-hidden-over-http',
    area,
    title: 'a Secure cookie is not visible to document.cookie on http://site.test',
    claims: ['C31', 'C03'],
    spec: ['cookieSecure', 'documentCookie'],
    page: { at: 'httpSite', cookies: SECURE },
    probe: { kind: 'storage', params: { api: 'cookie', op: 'read', key: 'sec' } },
    expect: { blocked: true, observation: { allowed: true, value: null } },
    control: { patch: { probe: { params: { key: 'ins' } } }, expect: { observation: { allowed: true, value: '1' } } },
  },
  {
    id: 'sop.cookies.secure-not-sent-over-http',
    area,
    title: 'a Secure cookie is not sent to http://site.test',
    claims: ['C03'],
    spec: ['cookieSecure'],
    page: { at: 'httpSite', cookies: SECURE },
    responses: { sink: TEXT },
    probe: { kind: 'fetch', params: { target: { at: 'httpSite', response: 'sink' } } },
    expect: { blocked: false, observation: { resolved: true }, evidence: { sink: { cookies: ['ins'] } } },
  },
  {
    id: 'sop.cookies.third-party-frame-none-visible',
    area,
    title: 'a cross-site frame sees its own SameSite=None cookie in document.cookie (unless the engine blocks/partitions third-party cookies)',
    claims: ['C31', 'C30'],
    spec: ['sameSite', 'documentCookie'],
    page: { at: 'site', cookies: XSITE },
    responses: { doc: AGENT },
    probe: { kind: 'storage', params: { api: 'cookie', op: 'read', key: 'sn' }, context: [{ via: 'iframe', at: 'other', response: 'doc' }] },
    expect: { blocked: false, observation: { allowed: true, value: '1' } },
    // The same read in a first-party popup on other.test proves the cookie exists.
    oneAtATime: true,
    control: { patch: { probe: { context: [{ via: 'popup', at: 'other', response: 'doc' }] } }, expect: { observation: { allowed: true, value: '1' } } },
  },
  {
    id: 'sop.cookies.third-party-frame-lax-hidden',
    area,
    title: 'a cross-site frame does not see its SameSite=Lax cookie in document.cookie',
    claims: ['C31'],
    spec: ['sameSite', 'documentCookie'],
    page: { at: 'site', cookies: XSITE },
    responses: { doc: AGENT },
    probe: { kind: 'storage', params: { api: 'cookie', op: 'read', key: 'sl' }, context: [{ via: 'iframe', at: 'other', response: 'doc' }], timeoutMs: 8000 },
    expect: { blocked: true, observation: { allowed: true, value: null } },
    control: { patch: { probe: { context: [{ via: 'popup', at: 'other', response: 'doc' }] } }, expect: { observation: { allowed: true, value: '1' } } },
    oneAtATime: true,
  },
  {
    id: 'sop.cookies.written-by-page-not-in-cross-site-frame',
    area,
    title: 'a cookie written by document.cookie on site.test is invisible to a cross-site frame',
    claims: ['C31'],
    spec: ['documentCookie', 'cookieDomain'],
    responses: { doc: AGENT },
    probe: {
      kind: 'sequence',
      params: {
        contexts: { f: { via: 'iframe', at: 'other', response: 'doc' } },
        steps: [
          { kind: 'storage', params: { api: 'cookie', op: 'write', key: 'wc', value: 'page', attributes: 'Secure; SameSite=None' } },
          { kind: 'storage', params: { api: 'cookie', op: 'read', key: 'wc' }, in: 'f' },
        ],
      },
    },
    expect: { blocked: true, observation: { steps: [{ allowed: true }, { allowed: true, value: null }] } },
    control: { sameOrigin: true, expect: { observation: { steps: [{ allowed: true }, { allowed: true, value: 'page' }] } } },
    solo: true,
  },
];

export const scenarios: ScenarioInput[] = withBound(RAW);
