/**
 * Served-as-declared: the fixture server logs the head it really wrote for each declared response,
 * and the judge turns a response that did not go out as declared into `error` (infrastructure),
 * never a verdict. Faults are injected in the server the way the benchmark does (fault.ts).
 */
import { test, expect } from '@playwright/test';
import http from 'node:http';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { FAULT_ENV } from '../../servers/fixture/fault.ts';
import { responseUrl } from '../../protocol/paths.ts';
import type { VisitPlan } from '../../protocol/visit.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { servedMismatches } from '../../harness/judge/served.ts';
import { judge } from '../../harness/judge/verdict.ts';
import { validateScenarios } from '../../harness/scenario/scenario.ts';
import { summarize } from '../../harness/judge/evidence.ts';
import { originUrl } from '../../protocol/origins.ts';

const PREFLIGHTED: DeclaredResponse = {
  headers: [
    ['Content-Type', 'text/plain'],
    ['Access-Control-Allow-Origin', '*'],
  ],
  body: 'ok',
  preflight: {
    status: 204,
    headers: [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Headers', '*'],
    ],
  },
};

function plan(visitId: string): VisitPlan {
  return {
    visitId,
    page: { at: 'site', url: originUrl('site'), headers: [] },
    cookies: [],
    probes: [{ key: 'p', kind: 'fetch', params: {}, context: [], timeoutMs: 1000 }],
    responses: { p: { data: PREFLIGHTED } },
    concurrency: 1,
  };
}

function proxied(network: FixtureNetwork, url: string, method: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: network.proxy.port, path: url, method, headers: { host: new URL(url).host, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** One preflight (asking for Authorization) and one GET of the declared response, on a network started under `fault`. */
async function exchange(fault: string | undefined) {
  const before = process.env[FAULT_ENV];
  if (fault) process.env[FAULT_ENV] = fault;
  else delete process.env[FAULT_ENV];
  const network = await startFixtureNetwork();
  if (before === undefined) delete process.env[FAULT_ENV];
  else process.env[FAULT_ENV] = before;
  try {
    const visitId = `served${fault ? 'f' : 'n'}`;
    network.store.register(plan(visitId));
    const url = responseUrl('httpSitePort', 'p', 'data', visitId);
    const origin = 'http://sub.site.test';
    await proxied(network, url, 'OPTIONS', { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' });
    await proxied(network, url, 'GET', { origin, authorization: 'Bearer op' });
    return network.store.requestsFor(visitId);
  } finally {
    await network.close();
  }
}

test('the server logs the status and header lines it sent, and a faithful answer shows no difference', async () => {
  const requests = await exchange(undefined);
  expect(requests.map((r) => [r.method, r.sent?.status])).toEqual([
    ['OPTIONS', 204],
    ['GET', 200],
  ]);
  expect(requests[0].sent!.lines).toEqual(
    expect.arrayContaining(['Access-Control-Allow-Origin: *', 'Access-Control-Allow-Headers: *', 'Cache-Control: no-store']),
  );
  expect(servedMismatches(requests, { p: { data: PREFLIGHTED } })).toEqual([]);
});

test('a permissive preflight put in by the server is caught: the preflight did not go out as declared', async () => {
  const requests = await exchange('permissive-preflight');
  expect(requests[0].sent!.lines).toContain('Access-Control-Allow-Headers: authorization');
  const found = servedMismatches(requests, { p: { data: PREFLIGHTED } });
  expect(found).toHaveLength(1);
  expect(found[0]).toContain('OPTIONS data');
  expect(found[0]).toContain('"Access-Control-Allow-Headers: authorization"');
});

test('a rewritten status is caught on every response, and the judge makes the row an error, never a verdict', async () => {
  const requests = await exchange('status:200');
  const found = servedMismatches(requests, { p: { data: PREFLIGHTED } });
  expect(found).toEqual([expect.stringContaining('status 200 instead of 204')]);
  // A scenario whose observation matches its expectation still gets `error` once the server was caught.
  const [s] = validateScenarios('served.test.ts', [
    {
      id: 'served.check',
      area: 'selftest',
      title: 'the judge sees the server fault',
      spec: ['corsPreflight'],
      responses: { data: PREFLIGHTED },
      probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } } },
      expect: { blocked: false, observation: { resolved: true } },
    },
  ]);
  const input = { scenario: s, engine: 'chromium', observed: { resolved: true }, evidence: summarize(requests), pageOrigin: { planned: 'x', actual: 'x' } };
  expect(judge(input).verdict).toBe('pass');
  const j = judge({ ...input, served: found });
  expect(j.verdict).toBe('error');
  expect(j.reason).toContain('infrastructure');
});
