/**
 * One model per rule: the audit's "by the standard" (audit/explain.ts, each intent module's probe
 * kinds) and the catalog's expectations agree on the same inputs, for every intent kind. The
 * catalog's own scenarios are the inputs where it has them (CORP under each embedder policy,
 * crossOriginIsolated per header pair, framing per header); reads run the catalog's fetch model
 * (harness/model/fetch/simulate.ts modelFetch) over a table of server answers and request shapes.
 */
import { test, expect } from '@playwright/test';
import { SCENARIO_FILES } from '../../scenarios/index.ts';
import { explain } from '../../audit/explain.ts';
import type { AuditProbe } from '../../audit/probe.ts';
import { INTENTS } from '../../audit/intents/index.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import type { LoggedRequest } from '../../protocol/visit.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { modelFetch, serve } from '../../harness/model/fetch/simulate.ts';
import { preflightNeeded, PreflightCache } from '../../harness/model/fetch/cors.ts';
import { normalizeMethod } from '../../harness/model/fetch/headers.ts';
import { data } from '../../scenarios/lib.ts';

interface CatalogScenario {
  id: string;
  page?: { at: OriginName; headers?: Array<[string, string]> };
  responses?: Record<string, DeclaredResponse>;
  probe: { kind: string; params: Record<string, unknown> };
  expect: { blocked: boolean; observation: Record<string, unknown> };
}

const catalog = SCENARIO_FILES.flatMap((f) => f.scenarios as CatalogScenario[]);

/** What the user's server would have logged: the probe's request to its URL, answered with `headers`. */
function answered(p: AuditProbe, headers: Array<[string, string]>, method = 'GET', extra: Partial<LoggedRequest> = {}): LoggedRequest {
  return {
    t: 0,
    visitId: 'v',
    probe: p.id,
    response: p.target.path,
    method,
    path: p.target.path,
    origin: p.requester.origin,
    upstream: { url: 'http://127.0.0.1:1' },
    answer: { status: 200, headers },
    ...extra,
  };
}

function probe(kind: string, intentId: string, expectWord: string, requester: string, url: string, extra: Partial<AuditProbe> = {}): AuditProbe {
  const u = new URL(url);
  return {
    id: `${intentId}.x`,
    intentId,
    kind,
    expect: expectWord,
    requester: { origin: requester, label: requester, attacker: false },
    target: { url, origin: u.origin, path: `${u.pathname}${u.search}` },
    title: 't',
    ...extra,
  };
}

test('every intent kind of the registry is covered here', () => {
  const kinds = INTENTS.flatMap((m) => Object.keys(m.kinds).map((k) => `${m.key}/${k}`));
  expect(kinds.sort()).toEqual([
    'credentiallessEmbeds/credentialless-embed',
    'isolated/embed',
    'isolated/isolation',
    'isolatedByDip/dip-isolation',
    'notFramed/framing',
    'reads/read',
    'sameSiteOnly/same-site-only',
    'websockets/websocket',
  ]);
});

test("websockets: the audit's explanation of a handshake is the catalog's expectation, for every endpoint and requesting origin", () => {
  const cases = catalog.filter((s) => s.probe.kind === 'websocket' && s.responses?.ws?.websocket && /\.(open|checked)\./.test(s.id));
  expect(cases.length).toBeGreaterThan(20);
  const outcomes = new Set<string>();
  for (const s of cases) {
    const evidence = (s.expect as { evidence?: { ws?: { origin?: string } } }).evidence?.ws;
    const origin = evidence?.origin ?? originUrl(s.page!.at);
    const accepted = s.responses!.ws.websocket!.origins;
    // The endpoint as the fixture server answers it: 101 to an Origin it accepts, 403 to the rest.
    const status = !accepted || accepted.some((o) => originUrl(o as OriginName) === origin) ? 101 : 403;
    const target = s.probe.params.target as { at: OriginName };
    const p = probe('websocket', 'websockets-0', s.expect.blocked ? 'refused' : 'opened', origin, `${originUrl(target.at)}/ws`);
    const e = explain(p, [{ ...answered(p, []), origin, webSocket: { key: true }, answer: { status, headers: [] } }]);
    const expected = s.expect.observation.opened === false ? 'refused' : 'opened';
    outcomes.add(expected);
    expect(e.outcome, `${s.id}: ${e.why.join('; ')}`).toBe(expected);
  }
  expect([...outcomes].sort()).toEqual(['opened', 'refused']);
});

test("embeds (isolated, sameSiteOnly): the audit's CORP explanation is the catalog's expectation, under every embedder policy", () => {
  const cases = catalog.filter(
    (s) =>
      s.probe.kind === 'embed' &&
      /^isolation\.(coep|corp)\.[a-z-]+\.(img|script|style)\./.test(s.id) &&
      ['img', 'script', 'style'].includes(String(s.probe.params.element)) &&
      s.probe.params.crossorigin === undefined &&
      s.responses?.res,
  );
  expect(cases.length).toBeGreaterThan(60);
  const coeps = new Set<string>();
  for (const s of cases) {
    const page = s.page!.at;
    const target = s.probe.params.target as { at: OriginName };
    const coep = s.page?.headers?.find(([n]) => n.toLowerCase() === 'cross-origin-embedder-policy')?.[1];
    coeps.add(coep ?? 'none');
    const embed: AuditProbe['embed'] = { as: s.probe.params.element as 'img', ...(coep === 'require-corp' || coep === 'credentialless' ? { coep } : {}) };
    const url = `${originUrl(target.at)}/res`;
    for (const [intent, kind] of [
      ['isolated-0', 'embed'],
      ['same-site-only-0', 'same-site-only'],
    ] as const) {
      const p = probe(kind, intent, kind === 'embed' ? 'loads' : 'blocked', originUrl(page), url, { embed });
      const e = explain(p, [answered(p, s.responses!.res.headers ?? [])]);
      expect(e.outcome, `${s.id} (${kind}): ${e.why.join('; ')}`).toBe(s.expect.blocked ? 'blocked' : 'loads');
    }
  }
  expect([...coeps].sort()).toEqual(['credentialless', 'none', 'require-corp', 'unsafe-none']);
});

test('COEP credentialless: a cross-origin <script> without CORP loads (sent without credentials); same-origin and require-corp need CORP', () => {
  const cases: Array<[string, string, 'require-corp' | 'credentialless', string]> = [
    ['https://app.example.com', 'https://cdn.example.net/w.js', 'credentialless', 'loads'],
    ['https://app.example.com', 'https://cdn.example.net/w.js', 'require-corp', 'blocked'],
    ['https://app.example.com', 'https://app.example.com/w.js', 'credentialless', 'loads'],
  ];
  for (const [page, url, coep, outcome] of cases) {
    const p = probe('embed', 'isolated-0', 'loads', page, url, { embed: { as: 'script', coep } });
    const e = explain(p, [answered(p, [['Content-Type', 'text/javascript']])]);
    expect(e.outcome, e.why.join('; ')).toBe(outcome);
    if (coep === 'credentialless' && page !== new URL(url).origin) expect(e.why.join(' ')).toMatch(/sent without credentials/);
  }
});

test("isolation: the audit's explanation is the catalog's expectation for every COOP × COEP pair", () => {
  const cases = catalog.filter((s) => /^isolation\.coi\.coop-[a-z]+\.coep-[a-z-]+$/.test(s.id));
  expect(cases.length).toBe(20);
  for (const s of cases) {
    const p = probe('isolation', 'isolated-0', 'isolated', originUrl(s.page!.at), `${originUrl(s.page!.at)}/page`);
    const e = explain(p, [answered(p, s.page!.headers ?? [])]);
    expect(e.outcome, `${s.id}: ${e.why.join('; ')}`).toBe(s.expect.observation.crossOriginIsolated ? 'isolated' : 'not isolated');
  }
});

test("isolatedByDip: the audit's explanation is the catalog's expectation for every Document-Isolation-Policy frame (holding and broken headers)", () => {
  const cases = catalog.filter((s) => /^isolation\.dip\.frame\.[a-z-]+\.[a-z-]+$/.test(s.id));
  expect(cases.length).toBe(15);
  const outcomes = new Set<string>();
  for (const s of cases) {
    const at = (s.probe as { context?: Array<{ at: OriginName }> }).context?.[0]?.at ?? 'site';
    const p = probe('dip-isolation', 'isolated-by-dip-0', 'isolated', originUrl('site'), `${originUrl(at)}/doc`);
    const e = explain(p, [answered(p, s.responses!.doc.headers ?? [])]);
    outcomes.add(e.outcome ?? '');
    expect(e.outcome, `${s.id}: ${e.why.join('; ')}`).toBe(s.expect.observation.crossOriginIsolated ? 'isolated' : 'not isolated');
  }
  expect([...outcomes].sort()).toEqual(['isolated', 'not isolated']);
});

test("credentiallessEmbeds: the catalog's credentialless frames (no COEP, no CORP) load and work by the explanation, and every framing case blocks the embed as the catalog's framing expectation says", () => {
  const frames = catalog.filter((s) => /^isolation\.credentialless\.(same-origin|same-site|cross-site|other-port)(\.allowed)?$/.test(s.id));
  expect(frames.length).toBe(6);
  for (const s of frames) {
    const at = ((s.probe.params.contexts as Record<string, { at: OriginName }>).f ?? {}).at;
    const p = probe('credentialless-embed', 'credentialless-embeds-0', 'works', originUrl('site'), `${originUrl(at)}/frame`, {
      ancestors: [originUrl('site')],
    });
    const e = explain(p, [answered(p, s.responses!.frame.headers ?? [])]);
    expect(e.outcome, `${s.id}: ${e.why.join('; ')}`).toBe(s.expect.observation.contexts ? 'loads and works' : 'not framed');
    expect(e.why[0]).toMatch(/^iframe credentialless \(WICG\)/);
  }
  const framing = catalog.filter((s) => s.id.startsWith('sop.framing.') && s.responses?.doc);
  for (const s of framing) {
    const open = s.probe.params.open as { at: OriginName };
    const parent = originUrl(s.page?.at ?? 'site');
    const p = probe('credentialless-embed', 'credentialless-embeds-0', 'works', parent, `${originUrl(open.at)}/doc`, { ancestors: [parent] });
    const e = explain(p, [answered(p, s.responses!.doc.headers ?? [])]);
    expect(e.outcome, `${s.id}: ${e.why.join('; ')}`).toBe(s.expect.blocked ? 'not framed' : 'loads and works');
  }
  // The embed's own request answered 401 without cookies: it loads, but does not work.
  const p = probe('credentialless-embed', 'credentialless-embeds-0', 'works', originUrl('site'), `${originUrl('other')}/embed`, {
    ancestors: [originUrl('site')],
  });
  const doc = answered(p, []);
  const e = explain(p, [doc, { ...doc, path: '/embed/me.js', response: '/embed/me.js', answer: { status: 401, headers: [] } }]);
  expect([e.holds, e.outcome, e.engineShould]).toEqual([false, 'loads, but does not work', true]);
});

test("framing: the audit's explanation is the catalog's expectation for every X-Frame-Options and frame-ancestors case", () => {
  const cases = catalog.filter((s) => s.id.startsWith('sop.framing.') && s.responses?.doc);
  expect(cases.length).toBeGreaterThan(10);
  for (const s of cases) {
    const open = s.probe.params.open as { at: OriginName };
    const parent = originUrl(s.page?.at ?? 'site');
    const p = probe('framing', 'not-framed-0', 'not-framed', parent, `${originUrl(open.at)}/doc`, { ancestors: [parent] });
    const e = explain(p, [answered(p, s.responses!.doc.headers ?? [])]);
    expect(e.outcome, `${s.id}: ${e.why.join('; ')}`).toBe(s.expect.blocked ? 'not framed' : 'framed');
  }
});

test("reads: the audit's explanation is the catalog's fetch model on every server answer and request shape", () => {
  const servers: Array<[string, DeclaredResponse]> = [
    ['no CORS headers', data()],
    ['ACAO *', data([['Access-Control-Allow-Origin', '*']])],
    [
      'reflect + credentials',
      data([
        ['Access-Control-Allow-Origin', '{{origin}}'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
    ],
    ['reflect, no credentials', data([['Access-Control-Allow-Origin', '{{origin}}']])],
    ['another origin', data([['Access-Control-Allow-Origin', 'https://site.test']])],
  ];
  const preflights: Array<[string, DeclaredResponse['preflight']]> = [
    ['none', undefined],
    [
      'allows PUT, X-CSRF-Token',
      {
        status: 204,
        headers: [
          ['Access-Control-Allow-Origin', '{{origin}}'],
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Allow-Headers', 'X-CSRF-Token'],
        ],
      },
    ],
    [
      'star, no credentials',
      {
        status: 204,
        headers: [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Methods', '*'],
          ['Access-Control-Allow-Headers', '*'],
        ],
      },
    ],
  ];
  const shapes: Array<{ method: string; headers: Record<string, string>; credentials: 'include' | 'omit' }> = [
    { method: 'GET', headers: {}, credentials: 'include' },
    { method: 'GET', headers: {}, credentials: 'omit' },
    { method: 'PUT', headers: { 'X-CSRF-Token': 'x' }, credentials: 'include' },
    { method: 'GET', headers: { Authorization: 'Bearer x' }, credentials: 'omit' },
  ];
  let compared = 0;
  const outcomes = new Set<string>();
  for (const [serverName, base] of servers) {
    for (const [preName, preflight] of preflights) {
      const declared: DeclaredResponse = { ...base, ...(preflight ? { preflight } : {}) };
      for (const shape of shapes) {
        const body = shape.method === 'PUT' ? '{}' : undefined;
        const model = modelFetch({ requester: 'other', target: { at: 'sub', response: 'r' }, responses: { r: declared }, ...shape, body });
        const readable = model.observation.resolved === true && model.observation.bodyReadable === true;
        const requester = originUrl('other');
        const p = probe('read', 'reads-0', 'readable', requester, `${originUrl('sub')}/r`, {
          request: { ...shape, body, label: shape.method },
        });
        const headers = Object.entries(shape.headers);
        if (body !== undefined) headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
        const needsPreflight = preflightNeeded(
          { serializedOrigin: requester, credentials: shape.credentials, method: normalizeMethod(shape.method), headers, url: p.target.url },
          new PreflightCache(),
        );
        const logged: LoggedRequest[] = [];
        if (needsPreflight) {
          const pre = serve(declared, 'OPTIONS', requester);
          logged.push(answered(p, pre.headers, 'OPTIONS', { acrMethod: shape.method, answer: { status: pre.status, headers: pre.headers } }));
        }
        // The request itself goes out when no preflight is needed or the preflight passed (the model's evidence says which).
        if (model.evidence.r?.actual) {
          const actual = serve(declared, shape.method, requester);
          logged.push(answered(p, actual.headers, shape.method, { answer: { status: actual.status, headers: actual.headers } }));
        }
        const e = explain(p, logged);
        expect(
          e.outcome,
          `${serverName} / preflight ${preName} / ${shape.method} ${shape.credentials} ${Object.keys(shape.headers).join(',')}: ${e.why.join('; ')}`,
        ).toBe(readable ? 'readable' : 'unreadable');
        compared++;
        outcomes.add(String(e.outcome));
      }
    }
  }
  expect(compared).toBe(servers.length * preflights.length * shapes.length);
  expect([...outcomes].sort()).toEqual(['readable', 'unreadable']);
});
