/**
 * Seed claims C50–C61 (CORS), hand-written, each with its answer on the line: `reads` says what
 * script gets of the response ('readable', 'sent-unreadable': the request reached the server but
 * its response is not readable, 'not-sent': nothing but a preflight left), and `preflights`, where
 * the claim is about them, how many the server sees. The full expectation (observation, evidence,
 * control) is computed by the Fetch model (harness/model/fetch), which loading checks against the
 * stated answer: a disagreement stops the catalog, naming the steps of Fetch the model took.
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { DATA_BODY } from '../lib.ts';
import { buildCorsScenario, type CorsCase } from './build.ts';

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const json: Array<[string, string]> = [['Content-Type', 'application/json']];
/** The classic misconfiguration (C60) and the credentialed allow-list it imitates: the request's own origin, with credentials. */
const REFLECT_WITH_CREDENTIALS: Array<[string, string]> = [
  [ACAO, '{{origin}}'],
  [ACAC, 'true'],
];

function data(headers: Array<[string, string]>, preflight?: DeclaredResponse['preflight']): DeclaredResponse {
  return { headers: [...headers, ...json], body: DATA_BODY, ...(preflight ? { preflight } : {}) };
}

type Partial = Omit<CorsCase, 'area' | 'target' | 'page'> & { page?: CorsCase['page']; target?: CorsCase['target'] };

function c(p: Partial): ScenarioInput {
  return buildCorsScenario({ area: 'cors/claims', page: 'other', target: { at: 'site', response: 'data' }, ...p });
}

export const scenarios: ScenarioInput[] = [
  // C50
  c({
    id: 'cors.claims.c50-exact-origin',
    title: 'C50 Access-Control-Allow-Origin naming the page origin lets it read the response',
    reads: 'readable',
    claims: ['C50'],
    spec: ['corsCheck'],
    responses: { data: data([[ACAO, '{{origin:other}}']]) },
    params: { credentials: 'omit' },
  }),
  c({
    id: 'cors.claims.c50-exact-origin-same-site',
    title: 'C50 an exact ACAO lets a same-site subdomain read (same site is still cross-origin)',
    reads: 'readable',
    claims: ['C50'],
    spec: ['corsCheck'],
    page: 'sub',
    responses: { data: data([[ACAO, '{{origin:sub}}']]) },
    params: {},
  }),
  // C51
  c({
    id: 'cors.claims.c51-missing-acao',
    title: 'C51 no Access-Control-Allow-Origin: the request is sent, the response is unreadable',
    reads: 'sent-unreadable',
    claims: ['C51', 'C53'],
    spec: ['corsCheck'],
    responses: { data: data([]) },
    params: {},
  }),
  c({
    id: 'cors.claims.c51-other-origin',
    title: 'C51 Access-Control-Allow-Origin naming another origin leaves the response unreadable',
    reads: 'sent-unreadable',
    claims: ['C51'],
    spec: ['corsCheck'],
    responses: { data: data([[ACAO, '{{origin:www}}']]) },
    params: {},
  }),
  c({
    id: 'cors.claims.c51-same-site-not-enough',
    title: 'C51 ACAO for the registrable domain does not cover a subdomain page',
    reads: 'sent-unreadable',
    claims: ['C51'],
    spec: ['corsCheck'],
    page: 'sub',
    responses: { data: data([[ACAO, '{{origin:site}}']]) },
    params: {},
  }),
  // C52
  c({
    id: 'cors.claims.c52-star-cross-site',
    title: 'C52 Access-Control-Allow-Origin: * lets any site read a non-credentialed response',
    reads: 'readable',
    claims: ['C52'],
    spec: ['corsCheck'],
    responses: { data: data([[ACAO, '*']]) },
    params: { credentials: 'same-origin' },
  }),
  c({
    id: 'cors.claims.c52-star-null-origin',
    title: 'C52 * also lets an opaque (null) origin read a non-credentialed response',
    reads: 'readable',
    claims: ['C52', 'C61'],
    spec: ['corsCheck', 'sandboxedOriginFlag'],
    page: 'sub',
    sandboxed: true,
    responses: { data: data([[ACAO, '*']]) },
    params: { credentials: 'omit' },
  }),
  // C53
  ...(['GET', 'HEAD', 'POST'] as const).map((method) =>
    c({
      id: `cors.claims.c53-simple-${method.toLowerCase()}`,
      title: `C53 a simple ${method} with safelisted headers is sent without a preflight`,
      reads: 'readable',
      preflights: 0,
      claims: ['C53'],
      spec: ['corsSafelistedMethod', 'corsSafelistedHeader', 'mainFetch'],
      responses: { data: data([[ACAO, '*']]) },
      params: {
        method,
        headers: { Accept: 'application/json', 'Accept-Language': 'de', 'Content-Language': 'fr', 'Content-Type': 'application/x-www-form-urlencoded' },
        ...(method === 'POST' ? { body: 'a=1' } : {}),
      },
    }),
  ),
  // C54
  c({
    id: 'cors.claims.c54-put-preflight',
    title: 'C54 PUT triggers an OPTIONS preflight with Access-Control-Request-Method: PUT',
    reads: 'readable',
    preflights: 1,
    claims: ['C54'],
    spec: ['corsPreflight', 'corsSafelistedMethod'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 204,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Methods', 'PUT'],
        ],
      }),
    },
    params: { method: 'PUT', body: 'x' },
  }),
  c({
    id: 'cors.claims.c54-authorization-json-preflight',
    title: 'C54 Authorization and Content-Type: application/json are listed in Access-Control-Request-Headers',
    reads: 'readable',
    preflights: 1,
    claims: ['C54'],
    spec: ['corsPreflight', 'corsUnsafeHeaderNames', 'corsSafelistedHeader'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 204,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Headers', 'Authorization, Content-Type'],
        ],
      }),
    },
    params: { method: 'POST', body: '{}', headers: { Authorization: 'Bearer op', 'Content-Type': 'application/json' } },
  }),
  // C55
  c({
    id: 'cors.claims.c55-preflight-rejected',
    title: 'C55 a preflight without CORS headers is rejected and the DELETE never reaches the server',
    reads: 'not-sent',
    claims: ['C55', 'C54'],
    spec: ['corsPreflight'],
    responses: { data: data([[ACAO, '*']], { status: 204, headers: [] }) },
    params: { method: 'DELETE' },
  }),
  c({
    id: 'cors.claims.c55-preflight-404',
    title: 'C55 a preflight answered 404 (even with CORS headers) blocks the actual request',
    reads: 'not-sent',
    claims: ['C55'],
    spec: ['corsPreflight'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 404,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Methods', 'PATCH'],
        ],
      }),
    },
    params: { method: 'PATCH', body: 'x' },
  }),
  // C56
  c({
    id: 'cors.claims.c56-method-not-listed',
    title: 'C56 Access-Control-Allow-Methods without DELETE blocks a DELETE',
    reads: 'not-sent',
    claims: ['C56'],
    spec: ['corsPreflight'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 204,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Methods', 'GET, PUT'],
        ],
      }),
    },
    params: { method: 'DELETE' },
  }),
  c({
    id: 'cors.claims.c56-header-not-listed',
    title: 'C56 Access-Control-Allow-Headers without X-Op-Token blocks a request carrying it',
    reads: 'not-sent',
    claims: ['C56'],
    spec: ['corsPreflight'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 204,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Headers', 'X-Op-Other'],
        ],
      }),
    },
    params: { headers: { 'X-Op-Token': '1' } },
  }),
  c({
    id: 'cors.claims.c56-star-not-authorization',
    title: 'C56 Access-Control-Allow-Headers: * does not cover Authorization',
    reads: 'not-sent',
    claims: ['C56'],
    spec: ['corsPreflight', 'corsNonWildcardHeader'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 204,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Headers', '*'],
        ],
      }),
    },
    params: { headers: { Authorization: 'Bearer op', 'X-Op-Token': '1' } },
  }),
  c({
    id: 'cors.claims.c56-star-methods-with-credentials',
    title: 'C56 Access-Control-Allow-Methods: * is literal for a credentialed request',
    reads: 'not-sent',
    claims: ['C56', 'C59'],
    spec: ['corsPreflight'],
    page: 'sub',
    responses: {
      data: data([...REFLECT_WITH_CREDENTIALS], {
        status: 204,
        headers: [...REFLECT_WITH_CREDENTIALS, ['Access-Control-Allow-Methods', '*']],
      }),
    },
    params: { method: 'PUT', body: 'x', credentials: 'include' },
  }),
  // C57
  c({
    id: 'cors.claims.c57-max-age-reuse',
    title: 'C57 Access-Control-Max-Age: 600 lets the second PUT reuse the preflight',
    reads: 'readable',
    preflights: 1,
    claims: ['C57'],
    spec: ['corsPreflightCache', 'corsPreflight'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 204,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Max-Age', '600'],
        ],
      }),
    },
    params: { method: 'PUT', body: 'x', repeat: 2 },
  }),
  c({
    id: 'cors.claims.c57-max-age-zero',
    title: 'C57 Access-Control-Max-Age: 0 means every PUT is preflighted again',
    reads: 'readable',
    preflights: 3,
    claims: ['C57'],
    spec: ['corsPreflightCache', 'corsPreflight'],
    responses: {
      data: data([[ACAO, '*']], {
        status: 204,
        headers: [
          [ACAO, '*'],
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Max-Age', '0'],
        ],
      }),
    },
    params: { method: 'PUT', body: 'x', repeat: 2 },
  }),
  // C57 × request cache mode: the preflight cache is not the HTTP cache.
  ...(['no-store', 'reload', 'no-cache'] as const).map((cache) =>
    c({
      id: `cors.claims.c57-cache-mode-${cache}`,
      title: `C57 a PUT with cache mode "${cache}" still reuses the preflight (Max-Age: 600): the preflight cache is independent of the HTTP cache mode`,
      reads: 'readable',
      preflights: 1,
      claims: ['C57'],
      spec: ['corsPreflightCache', 'requestCacheMode', 'corsPreflight'],
      responses: {
        data: data([[ACAO, '*']], {
          status: 204,
          headers: [
            [ACAO, '*'],
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Max-Age', '600'],
          ],
        }),
      },
      params: { method: 'PUT', body: 'x', repeat: 2, cache },
    }),
  ),
  // C58
  c({
    id: 'cors.claims.c58-expose-listed',
    title: 'C58 only safelisted and exposed response headers are readable',
    reads: 'readable',
    claims: ['C58'],
    spec: ['exposeHeaders', 'corsSafelistedResponseHeader'],
    responses: {
      data: data([
        [ACAO, '*'],
        ['Access-Control-Expose-Headers', 'X-Op-A'],
        ['X-Op-A', 'a'],
        ['X-Op-B', 'b'],
      ]),
    },
    params: { readHeaders: ['x-op-a', 'x-op-b', 'content-type'] },
  }),
  c({
    id: 'cors.claims.c58-set-cookie-never',
    title: 'C58 Set-Cookie is never exposed, even when listed and the origin is allowed with credentials',
    reads: 'readable',
    claims: ['C58'],
    spec: ['forbiddenResponseHeader', 'exposeHeaders'],
    page: 'sub',
    responses: {
      data: data([
        ...REFLECT_WITH_CREDENTIALS,
        ['Access-Control-Expose-Headers', 'Set-Cookie, X-Op-A'],
        ['X-Op-A', 'a'],
        ['Set-Cookie', 'opsc=1; Max-Age=0; Path=/__op/none; Secure; SameSite=None'],
      ]),
    },
    params: { credentials: 'include', readHeaders: ['x-op-a', 'set-cookie'] },
  }),
  // C59
  c({
    id: 'cors.claims.c59-star-with-credentials',
    title: 'C59 ACAO * with Access-Control-Allow-Credentials: true is rejected for a credentialed request',
    reads: 'sent-unreadable',
    claims: ['C59'],
    spec: ['corsCheck'],
    page: 'sub',
    responses: {
      data: data([
        [ACAO, '*'],
        [ACAC, 'true'],
      ]),
    },
    params: { credentials: 'include' },
  }),
  c({
    id: 'cors.claims.c59-expose-star-with-credentials',
    title: 'C59 Access-Control-Expose-Headers: * is literal for a credentialed request',
    reads: 'readable',
    claims: ['C59', 'C58'],
    spec: ['exposeHeaders'],
    page: 'sub',
    responses: {
      data: data([...REFLECT_WITH_CREDENTIALS, ['Access-Control-Expose-Headers', '*'], ['X-Op-A', 'a']]),
    },
    params: { credentials: 'include', readHeaders: ['x-op-a'] },
  }),
  // C60: the misconfiguration
  c({
    id: 'cors.claims.c60-reflect-any-origin-cross-site',
    title: 'C60 a server reflecting any Origin with credentials lets another site read the authenticated response',
    reads: 'readable',
    claims: ['C60'],
    spec: ['corsCheck', 'fetchCookies'],
    responses: {
      data: data(REFLECT_WITH_CREDENTIALS),
    },
    params: { credentials: 'include' },
  }),
  c({
    id: 'cors.claims.c60-reflect-any-origin-same-site',
    title: 'C60 reflect-any-Origin with credentials: a sibling subdomain reads the response AND the cookie was sent',
    reads: 'readable',
    claims: ['C60'],
    spec: ['corsCheck', 'fetchCookies'],
    page: 'sub',
    responses: {
      data: data(REFLECT_WITH_CREDENTIALS),
    },
    params: { credentials: 'include', method: 'POST', body: 'transfer=1' },
  }),
  c({
    id: 'cors.claims.c60-reflect-any-origin-null',
    title: 'C60 reflect-any-Origin with credentials also answers Origin: null from a sandboxed frame',
    reads: 'readable',
    claims: ['C60', 'C61'],
    spec: ['corsCheck', 'sandboxedOriginFlag'],
    page: 'sub',
    sandboxed: true,
    responses: {
      data: data(REFLECT_WITH_CREDENTIALS),
    },
    params: { credentials: 'include' },
  }),
  // C61
  c({
    id: 'cors.claims.c61-sandbox-sends-null',
    title: 'C61 a sandboxed frame without allow-same-origin sends Origin: null; ACAO naming its host does not match',
    reads: 'sent-unreadable',
    claims: ['C61'],
    spec: ['sandboxedOriginFlag', 'corsCheck'],
    page: 'sub',
    sandboxed: true,
    responses: { data: data([[ACAO, '{{origin:sub}}']]) },
    params: {},
  }),
  c({
    id: 'cors.claims.c61-allow-null-lets-sandbox-read',
    title: 'C61 Access-Control-Allow-Origin: null lets any sandboxed document (any site can make one) read',
    reads: 'readable',
    claims: ['C61'],
    spec: ['sandboxedOriginFlag', 'corsCheck'],
    page: 'other',
    sandboxed: true,
    responses: {
      data: data([
        [ACAO, 'null'],
        [ACAC, 'true'],
      ]),
    },
    params: { credentials: 'include' },
  }),
  c({
    id: 'cors.claims.c61-allow-null-not-for-real-origins',
    title: 'C61 Access-Control-Allow-Origin: null does not let a normal origin read',
    reads: 'sent-unreadable',
    claims: ['C61', 'C51'],
    spec: ['corsCheck'],
    responses: { data: data([[ACAO, 'null']]) },
    params: {},
  }),
  c({
    id: 'cors.claims.c61-redirect-taints-to-null',
    title: 'C61 a cross-origin redirect from a cross-origin URL taints the origin: the next hop sees Origin: null',
    reads: 'readable',
    claims: ['C61'],
    spec: ['httpRedirectFetch', 'originHeader'],
    target: { at: 'site', response: 'hop1' },
    responses: {
      hop1: {
        status: 302,
        headers: [
          [ACAO, '*'],
          ['Location', '{{url:otherSub:hop2}}'],
        ],
      },
      hop2: data([[ACAO, '{{origin}}']]),
    },
    params: {},
  }),
];
