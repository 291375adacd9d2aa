/**
 * The audit without a browser: a config is refused with the field named (unknown
 * fields, unknown origins, upstreams beyond loopback), intents become the probes they promise
 * (allowed requesters, every known attacker, a control beside every expected refusal), and the
 * models explain verdicts from the headers a server actually sent, citing their steps.
 */
import { test, expect } from '@playwright/test';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { AuditConfigError, loadAuditConfig, validateConfig, type AuditConfigInput } from '../../audit/config.ts';
import { deriveAudit, type AuditProbe } from '../../audit/derive.ts';
import { explain } from '../../audit/explain.ts';
import { judgeAudit } from '../../audit/judge.ts';
import { summarize } from '../../reporters/audit-reporter.ts';
import { clearExtraOrigins } from '../../protocol/origins.ts';
import type { LoggedRequest } from '../../protocol/visit.ts';
import { isolationOf } from '../../harness/model/html/isolation.ts';
import { framingOf } from '../../harness/model/html/framing.ts';
import { corpInternalCheck } from '../../harness/model/fetch/corp.ts';
import { recordsBlock } from '../../probes/index.ts';
import type { ResultRow } from '../../harness/judge/results.ts';

const UP = 'http://127.0.0.1:4999';
const BASE: AuditConfigInput = {
  origins: { 'https://app.test': UP, 'https://api.test': UP },
  reads: [{ endpoint: 'https://api.test/api/me', by: ['https://app.test'], credentials: true, methods: ['GET', 'PUT'], headers: ['X-CSRF-Token'] }],
};

function refused(config: unknown): AuditConfigError {
  try {
    validateConfig(config, 'originproof.config.ts');
  } catch (e) {
    expect(e).toBeInstanceOf(AuditConfigError);
    return e as AuditConfigError;
  }
  throw new Error('the config was accepted');
}

test.afterEach(() => clearExtraOrigins());

test('a config is refused with the field named: unknown fields, unknown origins, remote upstreams, missing intents', () => {
  const cases: Array<[unknown, string, RegExp]> = [
    [{ ...BASE, read: [] }, 'read', /unknown field "read" \(allowed here: origins, allowRemoteUpstreams/],
    [
      { ...BASE, reads: [{ ...BASE.reads![0], credential: true }] },
      'reads[0].credential',
      /unknown field "credential" \(allowed here: endpoint, by, credentials/,
    ],
    [{ ...BASE, reads: [{ ...BASE.reads![0], by: ['https://ap.test'] }] }, 'reads[0].by[0]', /https:\/\/ap\.test is not an origin declared in origins/],
    [
      { ...BASE, reads: [{ ...BASE.reads![0], endpoint: 'https://cdn.test/x' }] },
      'reads[0].endpoint',
      /https:\/\/cdn\.test is not an origin declared in origins/,
    ],
    [{ ...BASE, origins: { 'https://app.test/': UP } }, 'origins["https://app.test/"]', /no path, no trailing slash/],
    [{ ...BASE, origins: { ...BASE.origins, 'https://other.test': UP } }, 'origins["https://other.test"]', /belongs to the catalog/],
    [{ ...BASE, origins: { 'https://app.test': 'http://10.0.0.5:3000', 'https://api.test': UP } }, 'origins["https://app.test"]', /allowRemoteUpstreams: true/],
    [{ ...BASE, origins: { 'https://app.test': UP, 'https://api.test': 'http://127.0.0.1:3000/api' } }, 'origins["https://api.test"]', /origin only/],
    [{ ...BASE, reads: [{ ...BASE.reads![0], by: '*' }] }, 'reads[0].credentials', /list the origins that may read with credentials/],
    [{ ...BASE, reads: [{ ...BASE.reads![0], methods: ['GET POST'] }] }, 'reads[0].methods[0]', /not an HTTP method token/],
    [{ origins: BASE.origins }, '(the config)', /state at least one intent/],
    [{ ...BASE, isolated: [{ page: 'https://app.test/', embeds: [{ url: 'https://api.test/a.js', as: 'object' }] }] }, 'isolated[0].embeds[0].as', /.+/],
  ];
  for (const [config, field, message] of cases) {
    const e = refused(config);
    expect(e.field, e.message).toBe(field);
    expect(e.message).toMatch(message);
    expect(e.message).toContain('originproof.config.ts');
  }
  // An upstream elsewhere is allowed only on request.
  expect(() =>
    validateConfig({ ...BASE, allowRemoteUpstreams: true, origins: { 'https://app.test': 'http://10.0.0.5:3000', 'https://api.test': UP } }, 'x'),
  ).not.toThrow();
});

test('a config file: loaded and validated, or refused saying what is wrong with the file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-config-'));
  try {
    const good = path.join(dir, 'good.config.mjs');
    fs.writeFileSync(good, `export default ${JSON.stringify(BASE)};`);
    const config = await loadAuditConfig(good);
    expect(config.origins.map((o) => [o.name, o.upstream])).toEqual([
      ['https://app.test', UP],
      ['https://api.test', UP],
    ]);
    const none = path.join(dir, 'none.config.mjs');
    fs.writeFileSync(none, 'export const config = {};');
    await expect(loadAuditConfig(none)).rejects.toThrow(/has no default export; write `export default defineConfig/);
    await expect(loadAuditConfig(path.join(dir, 'missing.ts'))).rejects.toThrow(/\(the file\): does not exist/);
    const typo = path.join(dir, 'typo.config.mjs');
    fs.writeFileSync(typo, `export default ${JSON.stringify({ ...BASE, notFramed: [{ pages: 'https://app.test/' }] })};`);
    await expect(loadAuditConfig(typo)).rejects.toThrow(/notFramed\[0\]\.pages: unknown field "pages" \(allowed here: page\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('intents become probes: allowed requesters, every attacker in every request shape, and a control beside each refusal', () => {
  const plan = deriveAudit(
    validateConfig(
      {
        ...BASE,
        isolated: [{ page: 'https://app.test/isolated', embeds: [{ url: 'https://api.test/widget.js', as: 'script' }] }],
        sameSiteOnly: [{ resource: 'https://api.test/avatar.png', as: 'img' }],
        notFramed: [{ page: 'https://app.test/account' }],
      },
      'x',
    ),
  );
  const ids = plan.scenarios.map((s) => s.id);
  expect(ids).toContain('reads-0.allowed.app-test.get');
  expect(ids).toContain('reads-0.allowed.app-test.put');
  const requesters = new Set([...plan.probes.values()].filter((p) => p.requester.attacker && p.kind === 'read').map((p) => p.requester.origin));
  expect([...requesters].sort()).toEqual([
    'http://app.test',
    'https://app.test.evil.test',
    'https://evilapp.test',
    'https://other.test',
    'https://sibling.app.test',
    'null',
  ]);
  const shapes = new Set([...plan.probes.values()].filter((p) => p.requester.origin === 'https://evilapp.test').map((p) => p.request!.label));
  expect([...shapes]).toEqual(['a simple GET with credentials', 'a simple GET without credentials', 'a preflighted PUT (X-CSRF-Token) with credentials']);
  // From a page and from a frame: the null origin is a sandboxed frame, another site also runs in a frame of the app.
  const nullProbe = plan.scenarios.find((s) => s.id === 'reads-0.null.other.simple-credentialed')!;
  expect(nullProbe.probe.context).toEqual([{ via: 'iframe', at: 'other', response: 'agent', sandbox: 'allow-scripts' }]);
  expect(plan.scenarios.find((s) => s.id === 'reads-0.frame.app-test.simple-credentialed')?.page?.at).toBe('https://app.test');
  // Every expected refusal has a control in the same scenario (hence the same visit), and it expects success.
  for (const s of plan.scenarios) {
    if (s.expect.blocked || recordsBlock(s.probe.kind, s.expect.observation, s.probe.params)) {
      expect(s.control, s.id).toBeDefined();
      expect(recordsBlock(s.probe.kind, s.control!.expect.observation), `${s.id}: its control must expect success`).toBe(false);
    }
  }
  // The user's URL is the target, forwarded by path; the control's is originproof's own response on the same origin.
  expect(nullProbe.probe.params).toMatchObject({ target: { at: 'https://api.test', response: '/api/me' } });
  expect(nullProbe.control?.patch?.probe?.params).toEqual({ target: { at: 'https://api.test', response: 'permit' } });
  expect([...plan.upstreams]).toEqual([
    ['https://app.test', UP],
    ['https://api.test', UP],
  ]);
  expect(plan.intents.map((i) => i.id)).toEqual(['reads-0', 'isolated-0', 'same-site-only-0', 'not-framed-0']);
});

test("a public endpoint (by: '*'): another site reads it without credentials; nobody reads it with them", () => {
  const plan = deriveAudit(validateConfig({ ...BASE, reads: [{ endpoint: 'https://api.test/public', by: '*' }] }, 'x'));
  expect([...plan.probes.values()].map((p) => [p.requester.origin, p.request!.credentials, p.expect])).toEqual([
    ['https://other.test', 'omit', 'readable'],
    ['https://other.test', 'include', 'unreadable'],
    ['null', 'include', 'unreadable'],
  ]);
});

/** A logged exchange with the user's server, as the gateway records it. */
function exchange(probe: AuditProbe, method: string, origin: string, status: number, headers: Array<[string, string]>, acrMethod?: string): LoggedRequest {
  return {
    t: 0,
    visitId: 'v',
    probe: probe.id,
    response: probe.target.path,
    path: probe.target.path,
    method,
    origin,
    acrMethod,
    answer: { status, headers },
    upstream: { url: UP },
  };
}

function readProbe(over: Partial<AuditProbe> & Pick<AuditProbe, 'expect'>): AuditProbe {
  return {
    id: 'p',
    intentId: 'reads-0',
    kind: 'read',
    requester: { origin: 'https://evilapp.test', label: 'a look-alike', attacker: true },
    target: { url: 'https://api.test/api/me', origin: 'https://api.test', path: '/api/me' },
    request: { method: 'GET', headers: {}, credentials: 'include', label: 'a simple GET with credentials' },
    title: 'a look-alike must not read',
    ...over,
  };
}

test('reads are explained by the Fetch CORS model on the headers the server sent', () => {
  const attacker = readProbe({ expect: 'unreadable' });
  const reflected = explain(attacker, [
    exchange(attacker, 'GET', 'https://evilapp.test', 200, [
      ['Access-Control-Allow-Origin', 'https://evilapp.test'],
      ['Access-Control-Allow-Credentials', 'true'],
    ]),
  ]);
  expect(reflected).toMatchObject({ holds: false, outcome: 'readable' });
  expect(reflected.why.join(' ')).toMatch(
    /cors-check step 7: Access-Control-Allow-Origin "https:\/\/evilapp.test" is the request's origin and Access-Control-Allow-Credentials is `true`/,
  );

  const app = readProbe({
    expect: 'readable',
    requester: { origin: 'https://app.test', label: 'https://app.test', attacker: false },
    request: { method: 'GET', headers: { Authorization: 'Bearer x' }, credentials: 'omit', label: 'GET with Authorization' },
  });
  const starExchanges = [
    exchange(
      app,
      'OPTIONS',
      'https://app.test',
      204,
      [
        ['Access-Control-Allow-Origin', 'https://app.test'],
        ['Access-Control-Allow-Headers', '*'],
      ],
      'GET',
    ),
    exchange(app, 'GET', 'https://app.test', 200, [['Access-Control-Allow-Origin', 'https://app.test']]),
  ];
  const star = explain(app, starExchanges);
  expect(star).toMatchObject({ holds: false, outcome: 'unreadable' });
  expect(star.why.join(' ')).toMatch(/cors-preflight-fetch step 7\.6: Authorization must be listed explicitly/);

  // An engine that lets `*` cover Authorization reads it: the intent holds there only through a deviation.
  const judged = judgeAudit(app, {
    engine: 'webkit',
    verdict: 'pass',
    reason: '',
    observed: { resolved: true, bodyReadable: true, status: 200 },
    evidence: { summary: {}, requests: starExchanges },
  } as unknown as ResultRow);
  expect(judged).toMatchObject({ verdict: 'broken', followsStandard: false });
  expect(judged.message).toMatch(
    /BROKEN by the standard: webkit shows readable .* only because it deviates from the standard \(a recorded deviation: WebKit: Access-Control-Allow-Headers: \* still covers Authorization/,
  );
  expect(judged.message).toMatch(
    /OPTIONS \/api\/me \(Origin: https:\/\/app.test\) → 204 Access-Control-Allow-Origin: https:\/\/app.test \| Access-Control-Allow-Headers: \*/,
  );
});

test('a server that did not answer makes the probe an error, whatever the engine showed', () => {
  const attacker = readProbe({ expect: 'unreadable' });
  const down: LoggedRequest = {
    ...exchange(attacker, 'GET', 'https://evilapp.test', 0, []),
    answer: undefined,
    upstream: { url: UP, error: `your server at ${UP} refused the connection: is it running?` },
  };
  const judged = judgeAudit(attacker, {
    engine: 'chromium',
    verdict: 'pass',
    reason: '',
    observed: { resolved: false, error: 'TypeError' },
    evidence: { summary: {}, requests: [down] },
  } as unknown as ResultRow);
  expect(judged.verdict).toBe('error');
  expect(judged.message).toMatch(/cannot be judged: your server at http:\/\/127\.0\.0\.1:4999 refused the connection/);
  // And a refusal the server never saw proves nothing about the server.
  const unseen = judgeAudit(attacker, {
    engine: 'chromium',
    verdict: 'pass',
    reason: '',
    observed: { resolved: false },
    evidence: { summary: {}, requests: [] },
  } as unknown as ResultRow);
  expect(unseen.verdict).toBe('inconclusive');
});

test('isolation, CORP and framing models cite their steps', () => {
  const iso = isolationOf('https://app.test/', [
    ['Cross-Origin-Opener-Policy', 'same-origin; report-to="x"'],
    ['Cross-Origin-Embedder-Policy', 'credentialless'],
  ]);
  expect(iso).toMatchObject({ isolated: true, coop: 'same-origin-plus-COEP', coep: 'credentialless' });
  const notIso = isolationOf('https://app.test/', [['Cross-Origin-Opener-Policy', 'same-origin']]);
  expect(notIso).toMatchObject({ isolated: false, coop: 'same-origin', coep: 'unsafe-none' });
  expect(
    isolationOf('http://app.test/', [
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Cross-Origin-Embedder-Policy', 'require-corp'],
    ]).isolated,
  ).toBe(false);

  const corp = (origin: string, headers: Array<[string, string]>, embedderPolicy: 'unsafe-none' | 'require-corp' = 'unsafe-none') =>
    corpInternalCheck({ origin, embedderPolicy, responseUrl: 'https://api.test/a.png', headers, requestIncludesCredentials: true });
  expect(corp('https://app.test', [], 'require-corp')).toMatchObject({ ok: false, why: expect.stringMatching(/require-corp makes it `same-origin`/) });
  expect(corp('https://other.test', [['Cross-Origin-Resource-Policy', 'same-site']])).toMatchObject({
    ok: false,
    why: expect.stringMatching(/not same site with https:\/\/api.test/),
  });
  expect(corp('https://sub.api.test', [['Cross-Origin-Resource-Policy', 'same-site']]).ok).toBe(true);
  expect(corp('https://other.test', [])).toMatchObject({ ok: true });

  const ancestors = ['https://app.test', 'https://other.test'];
  expect(framingOf('https://app.test', [['X-Frame-Options', 'SAMEORIGIN']], ancestors)).toMatchObject({
    blocked: true,
    why: [expect.stringMatching(/XFO step 9: sameorigin.*the ancestor https:\/\/other\.test is not https:\/\/app\.test/)],
  });
  expect(framingOf('https://app.test', [['Content-Security-Policy', "frame-ancestors 'self'"]], ancestors).blocked).toBe(true);
  expect(framingOf('https://app.test', [['Content-Security-Policy', "frame-ancestors 'self' https://other.test"]], ancestors).blocked).toBe(false);
  // An enforced frame-ancestors makes X-Frame-Options irrelevant.
  expect(
    framingOf(
      'https://app.test',
      [
        ['X-Frame-Options', 'DENY'],
        ['Content-Security-Policy', 'frame-ancestors *'],
      ],
      ancestors,
    ).blocked,
  ).toBe(false);
  expect(framingOf('https://app.test', [['X-Frame-Options', 'DENY, SAMEORIGIN']], ancestors)).toMatchObject({
    blocked: true,
    why: [expect.stringMatching(/XFO step 6: several values/)],
  });
  expect(framingOf('https://app.test', [], ancestors).blocked).toBe(false);
});

test('the summary: intents × engines, and where engines disagree, which one follows the standard', () => {
  const probe = readProbe({ expect: 'readable', intentId: 'reads-0', title: 'https://app.test may read' });
  const outcome = (engine: string, verdict: 'holds' | 'broken', observed: string, followsStandard: boolean) => ({
    probe,
    engine,
    verdict,
    message: `${probe.title}: ${verdict} in ${engine}`,
    observed,
    standard: { holds: false, outcome: 'unreadable', why: ['cors-preflight-fetch step 7.6'], exchanges: [] },
    followsStandard,
    intentTitle: 'only https://app.test may read https://api.test/api/me',
  });
  const s = summarize(
    [outcome('chromium', 'broken', 'unreadable', true), outcome('webkit', 'broken', 'readable', false)],
    ['chromium', 'webkit'],
    new Map([['reads-0', 1]]),
  );
  expect(s.intents).toEqual([
    { id: 'reads-0', title: 'only https://app.test may read https://api.test/api/me', engines: { chromium: 'broken', webkit: 'broken' } },
  ]);
  expect(s.disagreements[0]).toMatch(/The standard says unreadable: chromium follows it, webkit deviates/);
  expect(s.markdown).toContain('| only https://app.test may read https://api.test/api/me | ✗ BROKEN | ✗ BROKEN |');
});
