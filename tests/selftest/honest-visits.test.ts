/**
 * A visit test passes only with exactly one row per scenario it was planned with. The real visit
 * tests (tests/conformance/conformance.spec.ts and parsing.spec.ts) run in a child Playwright
 * against a stand-in visit service (no browser): answering every row, they pass (the control);
 * answering a short list, an empty one, or a row twice, they fail, naming the scenario.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { placeholderRow } from '../../reporters/run-status.ts';
import { MANIFEST_ENV, type SuiteManifest } from '../../harness/playwright/suite-manifest.ts';
import { SERVICE_ENV } from '../../harness/service/client.ts';

const VISIT = ['selftest.honest.a', 'selftest.honest.b', 'selftest.honest.c'];
const PARSING = ['parsing.selftest.x', 'parsing.selftest.y'];
const MANIFEST: SuiteManifest = {
  visits: [
    { key: 'g0c0', at: 'site', testTimeoutMs: 30_000, scenarios: VISIT.map((id) => ({ id, area: 'selftest/honest', claims: [], spec: [], deviations: [] })) },
  ],
  parsing: [{ key: 'selftest-g0c0', area: 'parsing/selftest', testTimeoutMs: 30_000, ids: PARSING }],
};
const ENGINE = { engine: 'chromium', browser: 'stand-in', flavour: 'none', backend: 'none', executable: '', nonDefault: [] };
const pass = (id: string) => ({ ...placeholderRow(undefined, id, 'chromium', 'not-run', ''), verdict: 'pass', reason: 'observed what the standard expects' });

/** Runs the visit tests against a service that answers each visit's ids through `answer`. */
async function runVisitTests(answer: (ids: string[]) => string[]): Promise<{ status: number | null; output: string }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const { key } = JSON.parse(body) as { key: string };
      const ids = key === 'g0c0' ? VISIT : PARSING;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ rows: answer(ids).map(pass), engine: ENGINE }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-honest-'));
  const manifest = path.join(dir, 'manifest.json');
  fs.writeFileSync(manifest, JSON.stringify(MANIFEST));
  const { port } = server.address() as { port: number };
  // The child is a Playwright run of its own: none of this worker's variables.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEST_') && !k.startsWith('PW_') && k !== 'FORCE_COLOR'));
  const child = spawn(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--config', 'tests/selftest/honest-visits/playwright.config.ts'], {
    env: { ...env, [MANIFEST_ENV]: manifest, [SERVICE_ENV]: `http://127.0.0.1:${port}`, OP_HONEST_OUT: path.join(dir, 'out'), NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  const status = await new Promise<number | null>((r) => child.on('close', r));
  server.close();
  return { status, output };
}

test.describe.configure({ mode: 'serial' });

test('control: a service that answers one row per planned scenario passes both visit tests', async () => {
  const r = await runVisitTests((ids) => ids);
  expect(r.output).toContain('2 passed');
  expect(r.status, r.output).toBe(0);
});

test('a service that drops a row fails the visit test, naming the scenario', async () => {
  const r = await runVisitTests((ids) => ids.slice(0, -1));
  expect(r.status).not.toBe(0);
  expect(r.output).toContain('2 failed');
  expect(r.output).toContain('no row for selftest.honest.c');
  expect(r.output).toContain('no row for parsing.selftest.y');
});

test('an empty answer, or a row twice, fails it too', async () => {
  const empty = await runVisitTests(() => []);
  expect(empty.output).toContain('2 failed');
  expect(empty.output).toContain('no row for selftest.honest.a');
  const twice = await runVisitTests((ids) => [...ids, ids[0]]);
  expect(twice.output).toContain('2 failed');
  expect(twice.output).toContain('2 rows for selftest.honest.a');
});
