/**
 * Header cases a fetch() from the page observes: the field layer itself (a header read back by
 * script), the CORS response headers, Cross-Origin-Resource-Policy and Timing-Allow-Origin.
 * The page is https://site.test; cross-origin targets are https://other.test (cross-site) and
 * https://sub.site.test (same-site). Every expectation comes from harness/model/parsing.
 */
import type { DeclaredLine, Received } from '../../harness/model/parsing/http-fields.ts';
import { corsCheck, preflight, readableHeader, type Credentials } from '../../harness/model/parsing/cors.ts';
import { get } from '../../harness/model/parsing/header-list.ts';
import { corpCheck, taoCheck, type OriginParts } from '../../harness/model/parsing/policies.ts';
import { originEntry, originUrl, type OriginName } from '../../protocol/origins.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import { full, reduced } from './mutations.ts';
import type { Base, Context, Expected, HeaderCase, Variant } from './build.ts';
import { SPEC } from './spec.ts';

export const PAGE: OriginName = 'site';
const PAGE_ORIGIN = originUrl(PAGE);
const BODY = 'parsing';
const TEXT: DeclaredLine = ['Content-Type', 'text/plain'];
const ACAO_PAGE: DeclaredLine = ['Access-Control-Allow-Origin', PAGE_ORIGIN];
const ACAC_TRUE: DeclaredLine = ['Access-Control-Allow-Credentials', 'true'];
const FETCH_BOUND_MS = 5000;

const parts = (o: OriginName): OriginParts => ({ ...originEntry(o) });

const READ_OK = { resolved: true, status: 200, bodyReadable: true, body: BODY };
const NETWORK_ERROR = { resolved: false, error: 'TypeError' };
const rejected = (r: Received): Expected | undefined =>
  r.ok ? undefined : { blocked: true, observation: NETWORK_ERROR, why: r.why, evidence: { r: { actual: true } } };

interface CorsContext extends Context {
  credentials: Credentials;
}
const CREDENTIAL_CONTEXTS: CorsContext[] = [
  { slug: 'omit', label: 'fetch from https://site.test, credentials omit', credentials: 'omit' },
  { slug: 'include', label: 'fetch from https://site.test, credentials include', credentials: 'include' },
];
const withCredentials = (ctx: CorsContext): DeclaredLine[] => (ctx.credentials === 'include' ? [ACAC_TRUE] : []);

/** A fetch() probe to a declared response `r` on `at`; its control swaps the lines under test for `controlLines`. */
function fetchScenario(
  v: Variant,
  expected: Expected,
  o: {
    at?: OriginName;
    params?: Record<string, unknown>;
    response: (lines: DeclaredLine[]) => ScenarioInput['responses'];
    controlLines?: DeclaredLine[];
    controlObservation?: Record<string, unknown>;
  },
): ReturnType<HeaderCase['scenario']> {
  const control: ScenarioInput['control'] = o.controlLines
    ? { patch: { responses: o.response(o.controlLines) }, expect: { observation: o.controlObservation ?? READ_OK } }
    : undefined;
  return {
    page: { at: PAGE },
    responses: o.response(v.lines),
    probe: { kind: 'fetch', params: { target: { at: o.at ?? 'other', response: 'r' }, ...o.params }, timeoutMs: FETCH_BOUND_MS },
    ...(control ? { control } : {}),
  };
}

// ------------------------------------------------------------------ the field layer, read back

/** `X-Op-V` on a same-origin response, read with headers.get(): what HTTP parsing and "get" left of the bytes. */
export const fieldValue: HeaderCase = {
  header: 'X-Op-V',
  area: 'parsing/field-value',
  slug: 'field',
  spec: SPEC.fieldValue,
  contexts: [{ slug: 'same-origin', label: 'same-origin fetch, headers.get' }],
  bases: [
    full('abc', 'abc'),
    full('list', 'a, b'),
    full('quoted', '"q,r"'),
    full('words', 'x y'),
    reduced('latin1', '\xe9t\xe9'),
    reduced('origin', PAGE_ORIGIN),
  ],
  extra: [{ family: 'empty', slug: 'empty', lines: [['X-Op-V', '']] }],
  fixed: () => [TEXT],
  expect(r) {
    if (!r.ok) return { blocked: true, observation: NETWORK_ERROR, why: r.why };
    const value = get(r.headers, 'X-Op-V');
    return { blocked: false, observation: { ...READ_OK, headers: { 'x-op-v': value } }, why: `get → ${JSON.stringify(value)}` };
  },
  scenario: (v, e) =>
    fetchScenario(v, e, { at: 'site', params: { readHeaders: ['x-op-v'] }, response: (lines) => ({ r: { headers: [...lines, TEXT], body: BODY } }) }),
};

// ------------------------------------------------------------------ Access-Control-Allow-Origin

interface AcaoContext extends CorsContext {
  on: 'actual' | 'preflight';
}
const PUT_ALLOWED: DeclaredLine = ['Access-Control-Allow-Methods', 'PUT'];

export const acao: HeaderCase<AcaoContext> = {
  header: 'Access-Control-Allow-Origin',
  slug: 'acao',
  spec: SPEC.acao,
  contexts: [
    { ...CREDENTIAL_CONTEXTS[0], on: 'actual' },
    { ...CREDENTIAL_CONTEXTS[1], on: 'actual' },
    { slug: 'preflight', label: 'fetch(method PUT) from https://site.test, on the preflight response', credentials: 'omit', on: 'preflight' },
  ],
  bases: [
    full('exact', PAGE_ORIGIN),
    full('star', '*'),
    full('null', 'null'),
    reduced('target', originUrl('other')),
    reduced('same-site', originUrl('sub')),
    reduced('slash', `${PAGE_ORIGIN}/`),
    reduced('port-443', 'https://site.test:443'),
    reduced('port-8443', originUrl('sitePort')),
    reduced('http', 'http://site.test'),
    reduced('scheme-upper', 'HTTPS://site.test'),
    reduced('host-upper', 'https://SITE.TEST'),
    reduced('userinfo', 'https://user@site.test'),
    reduced('userinfo-password', 'https://user:pass@site.test'),
    reduced('host-dot', 'https://site.test.'),
    reduced('path', 'https://site.test/path'),
    reduced('query', 'https://site.test?'),
    reduced('fragment', 'https://site.test#'),
    reduced('idn', 'https://s\xc3\xafte.test'),
    reduced('punycode', 'https://xn--ste-yla.test'),
    reduced('no-scheme', 'site.test'),
    reduced('scheme-relative', '//site.test'),
  ],
  extra: [
    { family: 'absent', slug: 'absent', lines: [] },
    { family: 'empty', slug: 'empty', lines: [['Access-Control-Allow-Origin', '']] },
  ],
  fixed: (ctx) => (ctx.on === 'preflight' ? [PUT_ALLOWED] : [...withCredentials(ctx), TEXT]),
  expect(r, ctx) {
    const where = ctx.on === 'preflight' ? { r: { preflight: true, actual: false } } : { r: { actual: true } };
    if (!r.ok) return { blocked: true, observation: NETWORK_ERROR, why: r.why, evidence: where };
    if (ctx.on === 'preflight') {
      const p = preflight(r.headers, 204, { origin: PAGE_ORIGIN, credentials: 'omit', method: 'PUT', unsafeHeaderNames: [] });
      return { blocked: !p.ok, observation: p.ok ? READ_OK : NETWORK_ERROR, why: p.step, evidence: { r: { preflight: true, actual: p.ok } } };
    }
    const check = corsCheck(r.headers, { origin: PAGE_ORIGIN, credentials: ctx.credentials });
    return { blocked: !check.ok, observation: check.ok ? READ_OK : NETWORK_ERROR, why: check.step, evidence: where };
  },
  scenario: (v, e) =>
    fetchScenario(v, e, {
      params: v.ctx.on === 'preflight' ? { method: 'PUT' } : { credentials: v.ctx.credentials },
      response: (lines) =>
        v.ctx.on === 'preflight'
          ? { r: { headers: [ACAO_PAGE, TEXT], body: BODY, preflight: { status: 204, headers: [...lines, PUT_ALLOWED] } } }
          : { r: { headers: [...lines, ...withCredentials(v.ctx), TEXT], body: BODY } },
      controlLines: [ACAO_PAGE],
    }),
};

// ------------------------------------------------------------------ Access-Control-Allow-Credentials

interface AcacContext extends Context {
  on: 'actual' | 'preflight';
}
export const acac: HeaderCase<AcacContext> = {
  header: 'Access-Control-Allow-Credentials',
  slug: 'acac',
  spec: SPEC.acac,
  contexts: [
    { slug: 'actual', label: 'credentialed GET, on the response', on: 'actual' },
    { slug: 'preflight', label: 'credentialed PUT, on the preflight response', on: 'preflight' },
  ],
  bases: [full('true', 'true'), full('title', 'True'), reduced('false', 'false'), reduced('one', '1'), reduced('star', '*')],
  extra: [
    { family: 'absent', slug: 'absent', lines: [] },
    { family: 'empty', slug: 'empty', lines: [['Access-Control-Allow-Credentials', '']] },
  ],
  fixed: (ctx) => (ctx.on === 'actual' ? [ACAO_PAGE, TEXT] : [ACAO_PAGE, ['Access-Control-Allow-Methods', 'PUT']]),
  expect(r, ctx) {
    const rej = rejected(r);
    if (rej) return ctx.on === 'actual' ? rej : { ...rej, evidence: { r: { preflight: true, actual: false } } };
    const headers = r.ok ? r.headers : [];
    if (ctx.on === 'actual') {
      const check = corsCheck(headers, { origin: PAGE_ORIGIN, credentials: 'include' });
      return { blocked: !check.ok, observation: check.ok ? READ_OK : NETWORK_ERROR, why: check.step, evidence: { r: { actual: true } } };
    }
    const p = preflight(headers, 204, { origin: PAGE_ORIGIN, credentials: 'include', method: 'PUT', unsafeHeaderNames: [] });
    return { blocked: !p.ok, observation: p.ok ? READ_OK : NETWORK_ERROR, why: p.step, evidence: { r: { preflight: true, actual: p.ok } } };
  },
  scenario: (v, e) =>
    fetchScenario(v, e, {
      params: v.ctx.on === 'actual' ? { credentials: 'include' } : { credentials: 'include', method: 'PUT' },
      response: (lines) =>
        v.ctx.on === 'actual'
          ? { r: { headers: [ACAO_PAGE, ...lines, TEXT], body: BODY } }
          : {
              r: {
                headers: [ACAO_PAGE, ACAC_TRUE, TEXT],
                body: BODY,
                preflight: { status: 204, headers: [ACAO_PAGE, ['Access-Control-Allow-Methods', 'PUT'], ...lines] },
              },
            },
      controlLines: [ACAC_TRUE],
    }),
};

// ------------------------------------------------------------------ preflight lists: -Allow-Methods, -Allow-Headers, -Max-Age

interface PreflightContext extends CorsContext {
  /** The method fetch() is given (normalized by fetch: put → PUT, patch stays patch). */
  method: string;
  /** The method after #concept-method-normalize. */
  normalized: string;
  headers?: Record<string, string>;
}

function preflightCase(
  header: string,
  slug: string,
  contexts: PreflightContext[],
  bases: (ctx: PreflightContext) => Base[],
  fixedPreflight: (ctx: PreflightContext) => DeclaredLine[],
  controlLines: (ctx: PreflightContext) => DeclaredLine[],
): HeaderCase<PreflightContext> {
  // Bases depend on the context (the method named); the generic builder takes one list, so each
  // context becomes its own case of the same header, merged by the caller.
  return {
    header,
    slug,
    spec: SPEC.preflightList,
    contexts,
    bases: bases(contexts[0]),
    extra: [
      { family: 'absent', slug: 'absent', lines: [] },
      { family: 'empty', slug: 'empty', lines: [[header, '']] },
    ],
    fixed: (ctx) => [ACAO_PAGE, ...withCredentials(ctx), ...fixedPreflight(ctx)],
    expect(r, ctx) {
      if (!r.ok) return { blocked: true, observation: NETWORK_ERROR, why: r.why, evidence: { r: { preflight: true, actual: false } } };
      const p = preflight(r.headers, 204, {
        origin: PAGE_ORIGIN,
        credentials: ctx.credentials,
        method: ctx.normalized,
        unsafeHeaderNames: Object.keys(ctx.headers ?? {}).map((n) => n.toLowerCase()),
      });
      return { blocked: !p.ok, observation: p.ok ? READ_OK : NETWORK_ERROR, why: p.step, evidence: { r: { preflight: true, actual: p.ok } } };
    },
    scenario: (v, e) =>
      fetchScenario(v, e, {
        params: { method: v.ctx.method, credentials: v.ctx.credentials, ...(v.ctx.headers ? { headers: v.ctx.headers } : {}) },
        response: (lines) => ({
          r: {
            headers: [ACAO_PAGE, ...withCredentials(v.ctx), TEXT],
            body: BODY,
            preflight: { status: 204, headers: [...lines, ACAO_PAGE, ...withCredentials(v.ctx), ...fixedPreflight(v.ctx)] },
          },
        }),
        controlLines: controlLines(v.ctx),
      }),
  };
}

const swapCase = (s: string) => s.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

const METHOD_CONTEXTS: PreflightContext[] = [
  { slug: 'put', label: 'fetch(method PUT)', credentials: 'omit', method: 'PUT', normalized: 'PUT' },
  { slug: 'put-lower', label: 'fetch(method "put", normalized to PUT)', credentials: 'omit', method: 'put', normalized: 'PUT' },
  { slug: 'delete-lower', label: 'fetch(method "delete", normalized to DELETE)', credentials: 'omit', method: 'delete', normalized: 'DELETE' },
  // Not normalized, not safelisted. (The fixture server's HTTP parser, llhttp, takes registered
  // method names only, upper-case: `patch` or `FOO` would never reach it as an actual request.)
  { slug: 'custom', label: 'fetch(method PROPFIND)', credentials: 'omit', method: 'PROPFIND', normalized: 'PROPFIND' },
  { slug: 'put-include', label: 'fetch(method PUT, credentials include)', credentials: 'include', method: 'PUT', normalized: 'PUT' },
];

export const acam: Array<HeaderCase<PreflightContext>> = METHOD_CONTEXTS.map((ctx) =>
  preflightCase(
    'Access-Control-Allow-Methods',
    'acam',
    [ctx],
    (c) => [
      full('method', c.normalized),
      full('listed', `GET, ${c.normalized}`),
      full('star', '*'),
      reduced('method-swapcase', swapCase(c.normalized)),
      reduced('first', `${c.normalized}, DELETE`),
      reduced('other', 'GET'),
      reduced('bad-sibling', `${c.normalized}, BAD METHOD`),
    ],
    () => [],
    (c) => [['Access-Control-Allow-Methods', c.normalized]],
  ),
);

const HEADER_CONTEXTS: Array<PreflightContext & { name: string }> = [
  { slug: 'omit', label: 'fetch(X-Op-Token: 1)', credentials: 'omit', method: 'GET', normalized: 'GET', headers: { 'X-Op-Token': '1' }, name: 'X-Op-Token' },
  {
    slug: 'include',
    label: 'fetch(X-Op-Token: 1, credentials include)',
    credentials: 'include',
    method: 'GET',
    normalized: 'GET',
    headers: { 'X-Op-Token': '1' },
    name: 'X-Op-Token',
  },
  {
    slug: 'content-type',
    label: 'fetch(POST, Content-Type: application/json)',
    credentials: 'omit',
    method: 'POST',
    normalized: 'POST',
    headers: { 'Content-Type': 'application/json' },
    name: 'Content-Type',
  },
];
export const acah: Array<HeaderCase<PreflightContext>> = HEADER_CONTEXTS.map((ctx) =>
  preflightCase(
    'Access-Control-Allow-Headers',
    'acah',
    [ctx],
    () => [
      full('name', ctx.name),
      full('listed', `X-Op-A, ${ctx.name}`),
      full('star', '*'),
      reduced('name-lower', ctx.name.toLowerCase()),
      reduced('prefix', ctx.name.slice(0, -2)),
      reduced('bad-sibling', `${ctx.name}, Bad Name`),
    ],
    () => [],
    () => [['Access-Control-Allow-Headers', ctx.name]],
  ),
);

// Max-Age: a PUT preflighted, then repeated at once; the repeat is preflighted again only when max-age is 0.
interface MaxAgeContext extends Context {
  credentials: Credentials;
}
export const maxAge: HeaderCase<MaxAgeContext> = {
  header: 'Access-Control-Max-Age',
  slug: 'max-age',
  spec: SPEC.preflightList,
  contexts: [{ slug: 'put', label: 'fetch(method PUT) twice', credentials: 'omit' }],
  bases: [
    full('600', '600'),
    full('zero', '0'),
    full('day', '86400'),
    full('negative', '-1'),
    reduced('exponent', '6e2'),
    reduced('decimal', '600.5'),
    reduced('plus', '+600'),
    reduced('hex', '0x258'),
    reduced('huge', '99999999999999999999'),
    reduced('word', 'abc'),
  ],
  extra: [{ family: 'empty', slug: 'empty', lines: [['Access-Control-Max-Age', '']] }],
  fixed: () => [ACAO_PAGE, ['Access-Control-Allow-Methods', 'PUT']],
  expect(r) {
    if (!r.ok) return { blocked: true, observation: NETWORK_ERROR, why: r.why };
    const p = preflight(r.headers, 204, { origin: PAGE_ORIGIN, credentials: 'omit', method: 'PUT', unsafeHeaderNames: [] });
    if (!p.ok) return { blocked: true, observation: NETWORK_ERROR, why: p.step };
    const cached = (p.maxAge ?? 0) > 0;
    return {
      blocked: false,
      observation: { ...READ_OK, repeats: [READ_OK] },
      why: `${p.step}: the repeat ${cached ? 'is served from the preflight cache' : 'is preflighted again'}`,
      evidence: { r: { preflightCount: cached ? 1 : 2, actualCount: 2 } },
    };
  },
  scenario: (v, e) =>
    fetchScenario(v, e, {
      params: { method: 'PUT', repeat: 1 },
      response: (lines) => ({
        r: { headers: [ACAO_PAGE, TEXT], body: BODY, preflight: { status: 204, headers: [...lines, ACAO_PAGE, ['Access-Control-Allow-Methods', 'PUT']] } },
      }),
    }),
};

// ------------------------------------------------------------------ Access-Control-Expose-Headers

export const aceh: HeaderCase<CorsContext> = {
  header: 'Access-Control-Expose-Headers',
  slug: 'aceh',
  spec: SPEC.aceh,
  contexts: CREDENTIAL_CONTEXTS,
  bases: [
    full('name', 'X-Op-A'),
    full('listed', 'X-Op-B, X-Op-A'),
    full('star', '*'),
    full('name-lower', 'x-op-a'),
    reduced('other', 'X-Op-B'),
    reduced('bad-sibling', 'X-Op-A, Bad Name'),
  ],
  extra: [
    { family: 'absent', slug: 'absent', lines: [] },
    { family: 'empty', slug: 'empty', lines: [['Access-Control-Expose-Headers', '']] },
  ],
  fixed: (ctx) => [ACAO_PAGE, ...withCredentials(ctx), ['X-Op-A', 'a'], ['X-Op-B', 'b'], TEXT],
  expect(r, ctx) {
    const rej = rejected(r);
    if (rej) return rej;
    const value = readableHeader(r.ok ? r.headers : [], ctx.credentials, 'X-Op-A');
    return {
      blocked: value === null,
      observation: { ...READ_OK, headers: { 'x-op-a': value } },
      why: value === null ? 'X-Op-A is not in the CORS-exposed header-name list' : 'X-Op-A is exposed',
    };
  },
  scenario: (v, e) =>
    fetchScenario(v, e, {
      params: { credentials: v.ctx.credentials, readHeaders: ['x-op-a'] },
      response: (lines) => ({ r: { headers: [ACAO_PAGE, ...withCredentials(v.ctx), ['X-Op-A', 'a'], ['X-Op-B', 'b'], ...lines, TEXT], body: BODY } }),
      controlLines: [['Access-Control-Expose-Headers', 'X-Op-A']],
      controlObservation: { ...READ_OK, headers: { 'x-op-a': 'a' } },
    }),
};

// ------------------------------------------------------------------ Cross-Origin-Resource-Policy

interface CorpContext extends Context {
  at: OriginName;
}
export const corp: HeaderCase<CorpContext> = {
  header: 'Cross-Origin-Resource-Policy',
  slug: 'corp',
  spec: SPEC.corp,
  contexts: [
    { slug: 'cross-site', label: 'no-cors fetch from https://site.test to https://other.test', at: 'other' },
    { slug: 'same-site', label: 'no-cors fetch from https://site.test to https://sub.site.test', at: 'sub' },
  ],
  bases: [full('same-origin', 'same-origin'), full('same-site', 'same-site'), full('cross-origin', 'cross-origin')],
  extra: [{ family: 'empty', slug: 'empty', lines: [['Cross-Origin-Resource-Policy', '']] }],
  fixed: () => [TEXT],
  expect(r, ctx) {
    if (!r.ok) return { blocked: true, observation: NETWORK_ERROR, why: r.why };
    const d = corpCheck(r.headers, parts(PAGE), parts(ctx.at));
    return { blocked: !d.allowed, observation: d.allowed ? { resolved: true, type: 'opaque' } : NETWORK_ERROR, why: d.step, evidence: { r: { actual: true } } };
  },
  scenario: (v, e) =>
    fetchScenario(v, e, {
      at: v.ctx.at,
      params: { mode: 'no-cors' },
      response: (lines) => ({ r: { headers: [...lines, TEXT], body: BODY } }),
      controlLines: [],
      controlObservation: { resolved: true, type: 'opaque' },
    }),
};

// ------------------------------------------------------------------ Timing-Allow-Origin

export const tao: HeaderCase = {
  header: 'Timing-Allow-Origin',
  slug: 'tao',
  spec: SPEC.tao,
  contexts: [{ slug: 'cors', label: 'CORS fetch from https://site.test (ACAO *), its Resource Timing entry', at: 'other' } as Context],
  bases: [
    full('star', '*'),
    full('origin', PAGE_ORIGIN),
    reduced('target', originUrl('other')),
    full('null', 'null'),
    reduced('slash', `${PAGE_ORIGIN}/`),
    full('listed', `https://x.test, ${PAGE_ORIGIN}`),
  ],
  extra: [{ family: 'empty', slug: 'empty', lines: [['Timing-Allow-Origin', '']] }],
  fixed: () => [['Access-Control-Allow-Origin', '*'], TEXT],
  expect(r) {
    if (!r.ok) return { blocked: true, observation: NETWORK_ERROR, why: r.why };
    const d = taoCheck(r.headers, PAGE_ORIGIN, 'cors');
    return { blocked: !d.allowed, observation: { resolved: true, entry: true, timingAllowed: d.allowed }, why: d.step };
  },
  scenario: (v) => ({
    page: { at: PAGE },
    responses: { r: { headers: [...v.lines, ['Access-Control-Allow-Origin', '*'], TEXT], body: BODY } },
    probe: { kind: 'resource-timing', params: { target: { at: 'other', response: 'r' } }, timeoutMs: FETCH_BOUND_MS },
    control: {
      patch: { responses: { r: { headers: [['Timing-Allow-Origin', '*'], ['Access-Control-Allow-Origin', '*'], TEXT] } } },
      expect: { observation: { resolved: true, entry: true, timingAllowed: true } },
    },
  }),
};

export const FETCH_CASES: HeaderCase[] = [fieldValue, acao, acac, ...acam, ...acah, maxAge, aceh, corp, tao] as HeaderCase[];
