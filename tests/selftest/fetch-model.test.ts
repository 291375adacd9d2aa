/**
 * Unit tests of the Fetch model (harness/model/fetch). Each test cites the step of the Fetch
 * standard it checks (https://fetch.spec.whatwg.org/ + fragment + step number). No browser.
 */
import { test, expect } from '@playwright/test';
import {
  corsCheck,
  corsExposed,
  corsUnsafeRequestHeaderNames,
  evaluatePreflight,
  extractHeaderListValues,
  isCorsSafelistedMethod,
  isCorsSafelistedRequestHeader,
  isForbiddenResponseHeaderName,
  modelFetch,
  normalizeMethod,
  PreflightCache,
  preflightNeeded,
  type CorsRequestView,
  type ModelInput,
} from '../../harness/model/fetch/index.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { cover } from '../../scenarios/cors/covering.ts';
import { scenarios as generated } from '../../scenarios/cors/generated.ts';
import { scenarios as claims } from '../../scenarios/cors/claims.ts';
import { validateScenarios } from '../../harness/scenario/scenario.ts';

const PAGE = 'https://other.test';
const view = (over: Partial<CorsRequestView> = {}): CorsRequestView => ({
  serializedOrigin: PAGE,
  credentials: 'omit',
  method: 'GET',
  headers: [],
  url: 'site/data',
  ...over,
});

test.describe('CORS check (https://fetch.spec.whatwg.org/#cors-check)', () => {
  test('step 2: no Access-Control-Allow-Origin → failure', () => {
    expect(corsCheck(view(), []).ok).toBe(false);
  });
  test('step 3: `*` succeeds without credentials', () => {
    expect(corsCheck(view({ credentials: 'omit' }), [['Access-Control-Allow-Origin', '*']]).ok).toBe(true);
    expect(corsCheck(view({ credentials: 'same-origin' }), [['Access-Control-Allow-Origin', '*']]).ok).toBe(true);
  });
  test('steps 3–4: `*` with credentials mode "include" is compared byte-for-byte and fails', () => {
    expect(
      corsCheck(view({ credentials: 'include' }), [
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]).ok,
    ).toBe(false);
  });
  test('step 4: byte comparison — trailing slash, other case, two values all fail', () => {
    for (const v of [`${PAGE}/`, PAGE.toUpperCase(), `${PAGE}, https://www.site.test`])
      expect(corsCheck(view(), [['Access-Control-Allow-Origin', v]]).ok).toBe(false);
    // Two header lines are combined by "get" (#concept-header-list-get) into "a, b".
    expect(
      corsCheck(view(), [
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Origin', PAGE],
      ]).ok,
    ).toBe(false);
    expect(corsCheck(view(), [['access-control-allow-origin', PAGE]]).ok).toBe(true);
  });
  test('step 4: `null` matches only an opaque / tainted request origin', () => {
    expect(corsCheck(view({ serializedOrigin: 'null' }), [['Access-Control-Allow-Origin', 'null']]).ok).toBe(true);
    expect(corsCheck(view(), [['Access-Control-Allow-Origin', 'null']]).ok).toBe(false);
  });
  test('steps 5–8: credentials need Access-Control-Allow-Credentials exactly `true`', () => {
    const acao: [string, string] = ['Access-Control-Allow-Origin', PAGE];
    expect(corsCheck(view({ credentials: 'include' }), [acao]).ok).toBe(false);
    expect(corsCheck(view({ credentials: 'include' }), [acao, ['Access-Control-Allow-Credentials', 'true']]).ok).toBe(true);
    expect(corsCheck(view({ credentials: 'include' }), [acao, ['Access-Control-Allow-Credentials', 'TRUE']]).ok).toBe(false);
    expect(corsCheck(view({ credentials: 'include' }), [acao, ['Access-Control-Allow-Credentials', 'false']]).ok).toBe(false);
  });
});

test.describe('safelisted methods and request headers', () => {
  test('#cors-safelisted-method: GET, HEAD, POST only', () => {
    expect(['GET', 'HEAD', 'POST'].every(isCorsSafelistedMethod)).toBe(true);
    expect(['PUT', 'DELETE', 'PATCH', 'REPORT', 'OPTIONS'].some(isCorsSafelistedMethod)).toBe(false);
  });
  test('#concept-method-normalize: patch is not normalized, put is', () => {
    expect(normalizeMethod('put')).toBe('PUT');
    expect(normalizeMethod('patch')).toBe('patch');
  });
  test('#cors-safelisted-request-header: Content-Type by MIME essence, Accept-Language by byte set, length ≤ 128', () => {
    expect(isCorsSafelistedRequestHeader('Content-Type', 'text/plain;charset=UTF-8')).toBe(true);
    expect(isCorsSafelistedRequestHeader('content-type', 'multipart/form-data; boundary=x')).toBe(true);
    expect(isCorsSafelistedRequestHeader('Content-Type', 'application/json')).toBe(false);
    expect(isCorsSafelistedRequestHeader('Content-Type', 'text/plain; a="b"')).toBe(false); // `"` is a CORS-unsafe byte
    expect(isCorsSafelistedRequestHeader('Accept-Language', 'fr')).toBe(true);
    expect(isCorsSafelistedRequestHeader('Accept-Language', 'fr(')).toBe(false);
    expect(isCorsSafelistedRequestHeader('Accept', 'a'.repeat(129))).toBe(false);
    expect(isCorsSafelistedRequestHeader('Authorization', 'x')).toBe(false);
    expect(isCorsSafelistedRequestHeader('Range', 'bytes=0-10')).toBe(true);
  });
  test('#cors-unsafe-request-header-names: sorted, lower-cased; step 3: > 1024 bytes of safelisted values', () => {
    expect(
      corsUnsafeRequestHeaderNames([
        ['X-Op-Token', '1'],
        ['Content-Type', 'application/json'],
        ['Accept', 'x'],
      ]),
    ).toEqual(['content-type', 'x-op-token']);
    const big = corsUnsafeRequestHeaderNames([
      ['Accept', 'a'.repeat(128)],
      ...Array.from({ length: 9 }, () => ['Accept-Language', 'b'.repeat(120)] as [string, string]),
    ]);
    expect(big).toEqual(['accept', 'accept-language']);
  });
  test('#forbidden-response-header-name: Set-Cookie, Set-Cookie2', () => {
    expect(isForbiddenResponseHeaderName('set-cookie')).toBe(true);
    expect(isForbiddenResponseHeaderName('Set-Cookie2')).toBe(true);
    expect(isForbiddenResponseHeaderName('X-Op-A')).toBe(false);
  });
  test('#extract-header-list-values: comma lists across lines, failure on a non-token', () => {
    expect(
      extractHeaderListValues(
        [
          ['A', 'x, y'],
          ['a', 'z'],
        ],
        'a',
      ),
    ).toEqual(['x', 'y', 'z']);
    expect(extractHeaderListValues([], 'a')).toBe(null);
    expect(extractHeaderListValues([['A', 'x y']], 'a')).toBe('failure');
  });
});

test.describe('CORS-preflight fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch)', () => {
  const ok: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];
  test('step 7: the preflight must pass the CORS check and have an ok status', () => {
    expect(evaluatePreflight(view({ method: 'PUT' }), 204, [...ok, ['Access-Control-Allow-Methods', 'PUT']], new PreflightCache()).ok).toBe(true);
    expect(evaluatePreflight(view({ method: 'PUT' }), 302, [...ok, ['Access-Control-Allow-Methods', 'PUT']], new PreflightCache()).ok).toBe(false);
    expect(evaluatePreflight(view({ method: 'PUT' }), 403, [...ok, ['Access-Control-Allow-Methods', 'PUT']], new PreflightCache()).ok).toBe(false);
    expect(evaluatePreflight(view({ method: 'PUT' }), 200, [['Access-Control-Allow-Methods', 'PUT']], new PreflightCache()).ok).toBe(false);
  });
  test('step 7.5: methods match byte-for-byte; `*` only without credentials', () => {
    expect(evaluatePreflight(view({ method: 'PUT' }), 200, [...ok, ['Access-Control-Allow-Methods', 'put']], new PreflightCache()).ok).toBe(false);
    expect(evaluatePreflight(view({ method: 'PUT' }), 200, [...ok, ['Access-Control-Allow-Methods', '*']], new PreflightCache()).ok).toBe(true);
    const cred = view({ method: 'PUT', credentials: 'include' });
    const credOk: Array<[string, string]> = [
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Credentials', 'true'],
    ];
    expect(evaluatePreflight(cred, 200, [...credOk, ['Access-Control-Allow-Methods', '*']], new PreflightCache()).ok).toBe(false);
    expect(evaluatePreflight(cred, 200, [...credOk, ['Access-Control-Allow-Methods', 'PUT']], new PreflightCache()).ok).toBe(true);
    // A safelisted method needs no listing (step 7.5 "is not a CORS-safelisted method").
    expect(
      evaluatePreflight(
        view({ method: 'POST', headers: [['X-Op-Token', '1']] }),
        200,
        [...ok, ['Access-Control-Allow-Headers', 'x-op-token']],
        new PreflightCache(),
      ).ok,
    ).toBe(true);
  });
  test('step 7.6: Authorization must be listed, `*` does not cover it', () => {
    const r = view({ headers: [['Authorization', 'Bearer x']] });
    expect(evaluatePreflight(r, 200, [...ok, ['Access-Control-Allow-Headers', '*']], new PreflightCache()).ok).toBe(false);
    expect(evaluatePreflight(r, 200, [...ok, ['Access-Control-Allow-Headers', '*, AUTHORIZATION']], new PreflightCache()).ok).toBe(true);
  });
  test('step 7.7: header names match case-insensitively; `*` only without credentials', () => {
    expect(
      evaluatePreflight(view({ headers: [['X-Op-Token', '1']] }), 200, [...ok, ['Access-Control-Allow-Headers', 'X-OP-TOKEN']], new PreflightCache()).ok,
    ).toBe(true);
    const credOk: Array<[string, string]> = [
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Credentials', 'true'],
    ];
    expect(
      evaluatePreflight(
        view({ credentials: 'include', headers: [['X-Op-Token', '1']] }),
        200,
        [...credOk, ['Access-Control-Allow-Headers', '*']],
        new PreflightCache(),
      ).ok,
    ).toBe(false);
  });
});

test.describe('CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache)', () => {
  const put = view({ method: 'PUT' });
  test('#cors-preflight-fetch step 7.8: absent Max-Age means 5 seconds: the next request reuses it', () => {
    const cache = new PreflightCache();
    expect(preflightNeeded(put, cache)).toBe(true);
    evaluatePreflight(
      put,
      204,
      [
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Methods', 'PUT'],
      ],
      cache,
    );
    expect(preflightNeeded(put, cache)).toBe(false);
  });
  test('Max-Age 0: the entry expires at once', () => {
    const cache = new PreflightCache();
    evaluatePreflight(
      put,
      204,
      [
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Max-Age', '0'],
      ],
      cache,
    );
    expect(preflightNeeded(put, cache)).toBe(true);
  });
  test('#concept-cache-match: a non-credentialed entry does not serve a credentialed request', () => {
    const cache = new PreflightCache();
    evaluatePreflight(
      put,
      204,
      [
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Methods', 'PUT'],
      ],
      cache,
    );
    expect(preflightNeeded({ ...put, credentials: 'include' }, cache)).toBe(true);
  });
});

test.describe('exposed response headers (https://fetch.spec.whatwg.org/#main-fetch, #concept-filtered-response-cors)', () => {
  const headers: Array<[string, string]> = [
    ['X-Op-A', 'a'],
    ['Content-Type', 'x/y'],
    ['Set-Cookie', 'a=1'],
  ];
  test('safelisted names always; others only when listed', () => {
    const v = corsExposed('omit', headers);
    expect(v('content-type')).toBe(true);
    expect(v('x-op-a')).toBe(false);
    expect(corsExposed('omit', [...headers, ['Access-Control-Expose-Headers', 'x-op-a']])('X-Op-A')).toBe(true);
  });
  test('`*` exposes everything but Set-Cookie without credentials, nothing extra with credentials', () => {
    const star: Array<[string, string]> = [...headers, ['Access-Control-Expose-Headers', '*']];
    expect(corsExposed('omit', star)('x-op-a')).toBe(true);
    expect(corsExposed('omit', star)('set-cookie')).toBe(false);
    expect(corsExposed('include', star)('x-op-a')).toBe(false);
  });
  test('Set-Cookie listed explicitly is still never exposed (#forbidden-response-header-name)', () => {
    expect(corsExposed('include', [...headers, ['Access-Control-Expose-Headers', 'Set-Cookie']])('set-cookie')).toBe(false);
  });
});

test.describe('fetch model end to end', () => {
  const data = (h: Array<[string, string]>, preflight?: DeclaredResponse['preflight']): DeclaredResponse => ({
    headers: h,
    body: 'B',
    ...(preflight ? { preflight } : {}),
  });
  const base = (over: Partial<ModelInput>): ModelInput => ({
    requester: 'other',
    target: { at: 'site', response: 'data' },
    responses: { data: data([]) },
    cookieJar: { site: ['opc'], other: ['opo'] },
    ...over,
  });

  test('#main-fetch step 12 + #http-fetch step 4.4: a simple GET without ACAO is sent, then fails', () => {
    const m = modelFetch(base({}));
    expect(m.observation).toEqual({ resolved: false, error: 'TypeError' });
    expect(m.evidence.data).toMatchObject({ preflight: false, actual: true, origin: 'https://other.test', cookies: [] });
  });
  test('#cors-preflight-fetch step 8: a rejected preflight means the actual request never arrives', () => {
    const m = modelFetch(base({ method: 'DELETE', responses: { data: data([['Access-Control-Allow-Origin', '*']], { status: 204, headers: [] }) } }));
    expect(m.observation.resolved).toBe(false);
    expect(m.evidence.data).toMatchObject({ preflight: true, actual: false, acrMethod: 'DELETE', acrHeaders: null });
  });
  test('preflight cache: Max-Age 600 and repeat → one preflight, two actual requests', () => {
    const m = modelFetch(
      base({
        method: 'PUT',
        repeat: 1,
        responses: {
          data: data([['Access-Control-Allow-Origin', '*']], {
            status: 204,
            headers: [
              ['Access-Control-Allow-Origin', '*'],
              ['Access-Control-Allow-Methods', 'PUT'],
              ['Access-Control-Max-Age', '600'],
            ],
          }),
        },
      }),
    );
    expect(m.evidence.data).toMatchObject({ preflightCount: 1, actualCount: 2 });
  });
  test('HTTP-network-or-cache fetch: credentials include sends cookies only where the site matches the top level (same-site page)', () => {
    const m = modelFetch(
      base({
        requester: 'sub',
        credentials: 'include',
        responses: {
          data: data([
            ['Access-Control-Allow-Origin', '{{origin}}'],
            ['Access-Control-Allow-Credentials', 'true'],
          ]),
        },
      }),
    );
    expect(m.observation).toMatchObject({ resolved: true, type: 'cors', body: 'B' });
    expect(m.evidence.data.cookies).toEqual(['opc']);
    // Cross-site: the third-party cookie policy decides; the model asserts nothing.
    expect(modelFetch(base({ credentials: 'include' })).evidence.data.cookies).toBeUndefined();
  });
  test('#http-redirect-fetch step 11: cross-origin → other cross-origin taints the origin to "null"', () => {
    const m = modelFetch(
      base({
        target: { at: 'site', response: 'hop1' },
        responses: {
          hop1: {
            status: 302,
            headers: [
              ['Access-Control-Allow-Origin', '*'],
              ['Location', '{{url:otherSub:hop2}}'],
            ],
          },
          hop2: data([['Access-Control-Allow-Origin', '{{origin}}']]),
        },
      }),
    );
    expect(m.evidence.hop2.origin).toBe('null');
    expect(m.observation).toMatchObject({ resolved: true, redirected: true });
  });
  test('#http-redirect-fetch: same-origin → cross-origin keeps the page origin (not tainted)', () => {
    const m = modelFetch(
      base({
        target: { at: 'other', response: 'hop1' },
        responses: { hop1: { status: 307, headers: [['Location', '{{url:site:hop2}}']] }, hop2: data([['Access-Control-Allow-Origin', 'null']]) },
      }),
    );
    expect(m.evidence.hop2.origin).toBe('https://other.test');
    expect(m.observation.resolved).toBe(false);
  });
  test('#http-redirect-fetch step 12: 303 turns PUT into GET (no second preflight needed)', () => {
    const allow: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];
    const m = modelFetch(
      base({
        method: 'PUT',
        body: 'x',
        target: { at: 'site', response: 'hop1' },
        responses: {
          hop1: {
            status: 303,
            headers: [...allow, ['Location', '{{url:site:hop2}}']],
            preflight: { status: 204, headers: [...allow, ['Access-Control-Allow-Methods', 'PUT']] },
          },
          hop2: data(allow),
        },
      }),
    );
    expect(m.evidence.hop2).toMatchObject({ preflight: false, methods: ['GET'] });
  });
  test('#dom-request: no-cors with PUT throws before any request; no-cors GET is opaque', () => {
    expect(modelFetch(base({ mode: 'no-cors', method: 'PUT' })).evidence.data).toEqual({ arrived: false });
    expect(modelFetch(base({ mode: 'no-cors' })).observation).toMatchObject({ resolved: true, type: 'opaque', status: 0, bodyReadable: false });
  });
});

test.describe('generated catalog', () => {
  test('covering arrays cover every pair', () => {
    const f = { a: ['1', '2', '3'], b: ['x', 'y'], c: ['p', 'q', 'r'] } as const;
    const rows = cover(f, { seed: 1 });
    for (const a of f.a) for (const c of f.c) expect(rows.some((r) => r.a === a && r.c === c)).toBe(true);
    expect(rows.length).toBeLessThan(18);
    expect(cover(f, { seed: 1 })).toEqual(rows);
  });
  test('at least 400 generated scenarios, all valid, every blocked one with a control', () => {
    const all = validateScenarios('scenarios/cors/generated.ts', generated);
    expect(all.length).toBeGreaterThanOrEqual(400);
    for (const s of all) if (s.expect.blocked) expect(s.control, s.id).toBeTruthy();
    expect(validateScenarios('scenarios/cors/claims.ts', claims).length).toBeGreaterThan(20);
  });
});

test.describe('engine variants (recorded deviations are computed, not written)', () => {
  const responses = {
    data: {
      headers: [['Access-Control-Allow-Origin', '*']] as Array<[string, string]>,
      body: 'B',
      preflight: {
        status: 204,
        headers: [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Max-Age', '600'],
        ] as Array<[string, string]>,
      },
    },
  };
  const input: ModelInput = { requester: 'other', target: { at: 'site', response: 'data' }, responses, method: 'PUT', repeat: 1 };
  test('#http-fetch step 4.1: the preflight cache does not depend on the request cache mode', () => {
    for (const cache of ['default', 'no-store', 'reload', 'no-cache'] as const)
      expect(modelFetch({ ...input, cache }).evidence.data.preflightCount, cache).toBe(1);
  });
  test('cache-mode variants: lookup skipped → every request preflighted; only the listed modes', () => {
    const variant = { preflightCacheLookupSkippedFor: ['no-store', 'reload'] as Array<'no-store' | 'reload'> };
    expect(modelFetch({ ...input, cache: 'no-store', variant }).evidence.data.preflightCount).toBe(2);
    expect(modelFetch({ ...input, cache: 'no-cache', variant }).evidence.data.preflightCount).toBe(1);
    expect(modelFetch({ ...input, variant }).evidence.data.preflightCount).toBe(1);
  });
  test('opaque-origin variant: a sandboxed requester never hits the cache', () => {
    const sandboxed: ModelInput = { ...input, requester: { opaque: true, top: 'sub' } };
    expect(modelFetch(sandboxed).evidence.data.preflightCount).toBe(1);
    expect(modelFetch({ ...sandboxed, variant: { noPreflightCacheForOpaqueOrigin: true } }).evidence.data.preflightCount).toBe(2);
    expect(modelFetch({ ...input, variant: { noPreflightCacheForOpaqueOrigin: true } }).evidence.data.preflightCount).toBe(1);
  });
  test('literal-wildcard variant: `*` in a cached Allow-Methods does not match later requests', () => {
    const star = {
      data: {
        ...responses.data,
        preflight: {
          status: 204,
          headers: [
            ['Access-Control-Allow-Origin', '*'],
            ['Access-Control-Allow-Methods', '*'],
          ] as Array<[string, string]>,
        },
      },
    };
    expect(modelFetch({ ...input, responses: star }).evidence.data.preflightCount).toBe(1);
    expect(modelFetch({ ...input, responses: star, variant: { cachedWildcardIsLiteral: true } }).evidence.data.preflightCount).toBe(2);
  });
});
