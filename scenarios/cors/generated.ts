/**
 * Generated CORS matrices. Each family is a deterministic covering array (every pair of factor
 * levels, plus chosen triples) over the request and the declared responses; the expected
 * observation and evidence of every row come from the Fetch model (harness/model/fetch).
 *
 * Families (areas):
 *   cors/generated/matrix     method × headers × credentials × requester × ACAO × ACAC × preflight answers × Max-Age × Expose
 *   cors/generated/preflight  the CORS-preflight fetch and its cache, with the CORS check passing
 *   cors/generated/expose     Access-Control-Expose-Headers, `*` with/without credentials, Set-Cookie
 *   cors/generated/redirect   redirects: same→cross, cross→cross, cross→same, cross→back; 301–308
 *   cors/generated/no-cors    mode "no-cors": opaque responses, method and header guards
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { DATA_BODY } from '../lib.ts';
import { cover } from './covering.ts';
import { buildCorsScenario, type CorsCase, type FetchParams } from './build.ts';
import { CORS_AXES, corsTitle } from './titles.ts';

// ---------------------------------------------------------------- shared levels

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'REPORT'] as const;
const HEADERS = ['none', 'safelisted', 'ct-plain', 'ct-json', 'authorization', 'custom'] as const;
const CREDENTIALS = ['omit', 'same-origin', 'include'] as const;
const REQUESTERS = ['cross-site', 'same-site', 'null'] as const;
type Requester = (typeof REQUESTERS)[number];

const HEADER_SETS: Record<(typeof HEADERS)[number], Record<string, string>> = {
  none: {},
  safelisted: { 'Accept-Language': 'fr' },
  'ct-plain': { 'Content-Type': 'text/plain' },
  'ct-json': { 'Content-Type': 'application/json' },
  authorization: { Authorization: 'Bearer op' },
  custom: { 'X-Op-Token': '1' },
};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'REPORT']);
const READ = ['x-op-a', 'x-op-b', 'set-cookie', 'content-type'];
const EXTRA: Array<[string, string]> = [
  ['Content-Type', 'application/json'],
  ['X-Op-A', 'a'],
  ['X-Op-B', 'b'],
  // Never exposed (a forbidden response-header name); Max-Age=0 and an unused path keep the jar unchanged.
  ['Set-Cookie', 'opsc=1; Max-Age=0; Path=/__op/none; Secure; SameSite=None'],
];

function page(r: Requester): { page: OriginName; sandboxed: boolean } {
  return r === 'cross-site' ? { page: 'other', sandboxed: false } : { page: 'sub', sandboxed: r === 'null' };
}

/** The requester's serialized origin as a template / literal. */
function exactOrigin(r: Requester): string {
  return r === 'null' ? 'null' : `{{origin:${page(r).page}}}`;
}
function literalOrigin(r: Requester): string {
  return r === 'null' ? 'null' : originUrl(page(r).page);
}

function acaoLines(level: string, r: Requester): Array<[string, string]> {
  const A = 'Access-Control-Allow-Origin';
  switch (level) {
    case 'absent':
      return [];
    case 'star':
      return [[A, '*']];
    case 'exact':
      return [[A, exactOrigin(r)]];
    case 'other':
      return [[A, '{{origin:www}}']];
    case 'null':
      return [[A, 'null']];
    case 'slash':
      return [[A, `${literalOrigin(r)}/`]];
    case 'upper':
      return [[A, literalOrigin(r).toUpperCase()]];
    case 'two-lines':
      return [
        [A, exactOrigin(r)],
        [A, '{{origin:www}}'],
      ];
    case 'joined':
      return [[A, `${exactOrigin(r)}, {{origin:www}}`]];
    case 'reflect':
      return [[A, '{{origin}}']];
    default:
      throw new Error(level);
  }
}

function acacLines(level: string): Array<[string, string]> {
  return level === 'absent' ? [] : [['Access-Control-Allow-Credentials', level === 'TRUE' ? 'TRUE' : level]];
}

function allowMethodsLines(level: string, method: string): Array<[string, string]> {
  const N = 'Access-Control-Allow-Methods';
  switch (level) {
    case 'absent':
      return [];
    case 'listed':
      return [[N, method]];
    case 'star':
      return [[N, '*']];
    case 'lower':
      return [[N, method.toLowerCase()]];
    case 'other':
      return [[N, 'GET, POST']];
    default:
      throw new Error(level);
  }
}

function allowHeadersLines(level: string, headers: Record<string, string>): Array<[string, string]> {
  const N = 'Access-Control-Allow-Headers';
  const names = Object.keys(headers).length ? Object.keys(headers) : ['X-Op-Unused'];
  switch (level) {
    case 'absent':
      return [];
    case 'listed':
      return [[N, names.join(', ')]];
    case 'star':
      return [[N, '*']];
    case 'upper':
      return [[N, names.map((n) => n.toUpperCase()).join(', ')]];
    case 'star-listed':
      return [[N, ['*', ...names].join(', ')]];
    default:
      throw new Error(level);
  }
}

function maxAgeLines(level: string): Array<[string, string]> {
  return level === 'absent' ? [] : [['Access-Control-Max-Age', level]];
}

function exposeLines(level: string): Array<[string, string]> {
  const N = 'Access-Control-Expose-Headers';
  switch (level) {
    case 'absent':
      return [];
    case 'listed':
      return [[N, 'X-Op-A']];
    case 'star':
      return [[N, '*']];
    case 'star-listed':
      return [[N, '*, X-Op-B']];
    case 'set-cookie':
      return [[N, 'Set-Cookie, X-Op-A']];
    case 'lower':
      return [[N, 'x-op-a, x-op-b']];
    default:
      throw new Error(level);
  }
}

function preflightStatus(level: string): { status: number; extra: Array<[string, string]> } {
  const status = Number(level);
  return { status, extra: status >= 300 && status < 400 ? [['Location', '{{url:site:data}}']] : [] };
}

function requestParams(method: string, headers: string, credentials: string, extra: Partial<FetchParams> = {}): FetchParams {
  return {
    method,
    ...(headers !== 'none' ? { headers: HEADER_SETS[headers as keyof typeof HEADER_SETS] } : {}),
    ...(BODY_METHODS.has(method) ? { body: 'op' } : {}),
    credentials: credentials as FetchParams['credentials'],
    ...extra,
  };
}

function finish(c: CorsCase, row: Record<string, string>): ScenarioInput {
  CORS_AXES.set(c.id, { ...row });
  return buildCorsScenario(c);
}

const pad = (n: number) => String(n).padStart(3, '0');

// ---------------------------------------------------------------- matrix

const MATRIX = {
  requester: REQUESTERS,
  method: METHODS,
  headers: HEADERS,
  credentials: CREDENTIALS,
  acao: ['absent', 'star', 'exact', 'other', 'null', 'slash', 'upper', 'two-lines', 'joined', 'reflect'],
  acac: ['absent', 'true', 'TRUE', 'false'],
  allowMethods: ['absent', 'listed', 'star', 'lower', 'other'],
  allowHeaders: ['absent', 'listed', 'star', 'upper', 'star-listed'],
  preflightStatus: ['200', '204', '302', '403'],
  maxAge: ['absent', '0', '600'],
  expose: ['absent', 'listed', 'star', 'set-cookie', 'lower'],
} as const;

function matrix(): ScenarioInput[] {
  const rows = cover(MATRIX, {
    seed: 5001,
    triples: [
      ['method', 'headers', 'credentials'],
      ['requester', 'acao', 'credentials'],
      ['acao', 'acac', 'credentials'],
      ['requester', 'method', 'headers'],
      ['acao', 'expose', 'credentials'],
    ],
  });
  return rows.map((row, i) => {
    const params = requestParams(row.method, row.headers, row.credentials, { readHeaders: READ, repeat: 1 });
    const cors = [...acaoLines(row.acao, row.requester), ...acacLines(row.acac)];
    const pf = preflightStatus(row.preflightStatus);
    const data: DeclaredResponse = {
      headers: [...cors, ...exposeLines(row.expose), ...EXTRA],
      body: DATA_BODY,
      preflight: {
        status: pf.status,
        headers: [
          ...cors,
          ...allowMethodsLines(row.allowMethods, row.method),
          ...allowHeadersLines(row.allowHeaders, params.headers ?? {}),
          ...maxAgeLines(row.maxAge),
          ...pf.extra,
        ],
      },
    };
    return finish(
      {
        id: `cors.gen.matrix.${pad(i + 1)}`,
        area: 'cors/generated/matrix',
        title: corsTitle('matrix', row),
        spec: ['corsCheck', 'corsPreflight', 'corsPreflightCache', 'corsSafelistedMethod', 'corsSafelistedHeader', 'exposeHeaders'],
        ...page(row.requester),
        target: { at: 'site', response: 'data' },
        responses: { data },
        params,
      },
      row,
    );
  });
}

// ---------------------------------------------------------------- preflight (CORS check passes on the actual response)

const PREFLIGHT = {
  requester: REQUESTERS,
  method: METHODS,
  headers: HEADERS,
  credentials: CREDENTIALS,
  allowMethods: ['absent', 'listed', 'star', 'lower', 'other'],
  allowHeaders: ['absent', 'listed', 'star', 'upper', 'star-listed'],
  preflightStatus: ['200', '204', '302', '403'],
  maxAge: ['absent', '0', '600'],
  preflightAcao: ['reflect', 'star', 'absent'],
} as const;

function preflight(): ScenarioInput[] {
  const rows = cover(PREFLIGHT, {
    seed: 5002,
    triples: [
      ['method', 'allowMethods', 'credentials'],
      ['headers', 'allowHeaders', 'credentials'],
      ['preflightStatus', 'maxAge', 'credentials'],
    ],
  });
  return rows.map((row, i) => {
    const params = requestParams(row.method, row.headers, row.credentials, { repeat: 1 });
    const pf = preflightStatus(row.preflightStatus);
    const allow: Array<[string, string]> = [
      ['Access-Control-Allow-Origin', '{{origin}}'],
      ['Access-Control-Allow-Credentials', 'true'],
    ];
    const pfAcao: Array<[string, string]> =
      row.preflightAcao === 'absent'
        ? []
        : row.preflightAcao === 'star'
          ? [['Access-Control-Allow-Origin', '*']]
          : [
              ['Access-Control-Allow-Origin', '{{origin}}'],
              ['Access-Control-Allow-Credentials', 'true'],
            ];
    const data: DeclaredResponse = {
      headers: [...allow, ['Content-Type', 'application/json']],
      body: DATA_BODY,
      preflight: {
        status: pf.status,
        headers: [
          ...pfAcao,
          ...allowMethodsLines(row.allowMethods, row.method),
          ...allowHeadersLines(row.allowHeaders, params.headers ?? {}),
          ...maxAgeLines(row.maxAge),
          ...pf.extra,
        ],
      },
    };
    return finish(
      {
        id: `cors.gen.preflight.${pad(i + 1)}`,
        area: 'cors/generated/preflight',
        title: corsTitle('preflight', row),
        claims: ['C54', 'C55', 'C56', 'C57'],
        spec: ['corsPreflight', 'corsPreflightCache', 'corsSafelistedMethod', 'corsSafelistedHeader', 'corsUnsafeHeaderNames', 'corsNonWildcardHeader'],
        ...page(row.requester),
        target: { at: 'site', response: 'data' },
        responses: { data },
        params,
      },
      row,
    );
  });
}

// ---------------------------------------------------------------- expose

const EXPOSE = {
  requester: REQUESTERS,
  credentials: CREDENTIALS,
  acao: ['exact', 'star', 'reflect'],
  expose: ['absent', 'listed', 'star', 'star-listed', 'set-cookie', 'lower'],
  method: ['GET', 'HEAD', 'POST'],
} as const;

function expose(): ScenarioInput[] {
  const rows = cover(EXPOSE, {
    seed: 5003,
    triples: [
      ['credentials', 'acao', 'expose'],
      ['requester', 'expose', 'credentials'],
    ],
  });
  return rows.map((row, i) => {
    const params = requestParams(row.method, 'none', row.credentials, { readHeaders: [...READ, 'cache-control'] });
    const data: DeclaredResponse = {
      headers: [...acaoLines(row.acao, row.requester), ['Access-Control-Allow-Credentials', 'true'], ...exposeLines(row.expose), ...EXTRA],
      body: DATA_BODY,
    };
    return finish(
      {
        id: `cors.gen.expose.${pad(i + 1)}`,
        area: 'cors/generated/expose',
        title: corsTitle('expose', row),
        claims: ['C58'],
        spec: ['exposeHeaders', 'corsSafelistedResponseHeader', 'forbiddenResponseHeader', 'corsCheck'],
        ...page(row.requester),
        target: { at: 'site', response: 'data' },
        responses: { data },
        params,
      },
      row,
    );
  });
}

// ---------------------------------------------------------------- redirects

const REDIRECT = {
  requester: REQUESTERS,
  shape: ['same-cross', 'cross-cross', 'cross-same', 'cross-back'],
  status: ['301', '302', '303', '307', '308'],
  method: ['GET', 'POST', 'PUT'],
  headers: ['none', 'custom'],
  credentials: CREDENTIALS,
  acao: ['reflect', 'star', 'exact', 'hop1-missing'],
} as const;

function hops(shape: string, r: Requester): [OriginName, OriginName] {
  const home = page(r).page;
  switch (shape) {
    case 'same-cross':
      return [home, 'site'];
    case 'cross-cross':
      return ['site', 'otherSub'];
    case 'cross-same':
      return ['site', 'site'];
    case 'cross-back':
      return ['site', home];
    default:
      throw new Error(shape);
  }
}

function redirect(): ScenarioInput[] {
  const rows = cover(REDIRECT, {
    seed: 5004,
    triples: [
      ['shape', 'acao', 'credentials'],
      ['shape', 'requester', 'method'],
      ['shape', 'status', 'method'],
    ],
  });
  return rows.map((row, i) => {
    const params = requestParams(row.method, row.headers, row.credentials);
    const [h1, h2] = hops(row.shape, row.requester);
    const corsFor = (hop: 1 | 2): Array<[string, string]> => {
      if (row.acao === 'hop1-missing' && hop === 1) return [];
      if (row.acao === 'star') return [['Access-Control-Allow-Origin', '*']];
      if (row.acao === 'exact')
        return [
          ['Access-Control-Allow-Origin', exactOrigin(row.requester)],
          ['Access-Control-Allow-Credentials', 'true'],
        ];
      return [
        ['Access-Control-Allow-Origin', '{{origin}}'],
        ['Access-Control-Allow-Credentials', 'true'],
      ];
    };
    const preflightFor = (hop: 1 | 2): DeclaredResponse['preflight'] => ({
      status: 204,
      headers: [...corsFor(hop), ['Access-Control-Allow-Methods', row.method], ['Access-Control-Allow-Headers', 'X-Op-Token']],
    });
    const responses: Record<string, DeclaredResponse> = {
      hop1: { status: Number(row.status), headers: [...corsFor(1), ['Location', `{{url:${h2}:hop2}}`]], preflight: preflightFor(1) },
      hop2: { headers: [...corsFor(2), ['Content-Type', 'application/json']], body: DATA_BODY, preflight: preflightFor(2) },
    };
    return finish(
      {
        id: `cors.gen.redirect.${pad(i + 1)}`,
        area: 'cors/generated/redirect',
        title: corsTitle('redirect', row),
        spec: ['httpRedirectFetch', 'corsCheck', 'mainFetch', 'originHeader', 'corsPreflight'],
        ...page(row.requester),
        target: { at: h1, response: 'hop1' },
        responses,
        params,
      },
      row,
    );
  });
}

// ---------------------------------------------------------------- no-cors

const NO_CORS = {
  requester: REQUESTERS,
  method: METHODS,
  headers: HEADERS,
  credentials: CREDENTIALS,
  acao: ['absent', 'reflect'],
} as const;

function noCors(): ScenarioInput[] {
  const rows = cover(NO_CORS, { seed: 5005 });
  return rows.map((row, i) => {
    const params = requestParams(row.method, row.headers, row.credentials, { mode: 'no-cors', readHeaders: ['x-op-a', 'content-type'] });
    const data: DeclaredResponse = {
      headers: [
        ...(row.acao === 'reflect'
          ? ([
              ['Access-Control-Allow-Origin', '{{origin}}'],
              ['Access-Control-Allow-Credentials', 'true'],
            ] as Array<[string, string]>)
          : []),
        ...EXTRA,
      ],
      body: DATA_BODY,
    };
    return finish(
      {
        id: `cors.gen.no-cors.${pad(i + 1)}`,
        area: 'cors/generated/no-cors',
        title: corsTitle('no-cors', row),
        spec: ['requestConstructor', 'mainFetch', 'corsSafelistedMethod', 'corsSafelistedHeader'],
        ...page(row.requester),
        target: { at: 'site', response: 'data' },
        responses: { data },
        params,
      },
      row,
    );
  });
}

export const scenarios: ScenarioInput[] = [...matrix(), ...preflight(), ...expose(), ...redirect(), ...noCors()];

/** The axes and levels of each family (the report draws each family as a grid along them). */
export const CORS_FAMILIES = { matrix: MATRIX, preflight: PREFLIGHT, expose: EXPOSE, redirect: REDIRECT, 'no-cors': NO_CORS } as const;
