/**
 * `npm run conformance` starts the visit service before Playwright (early-service.ts): the
 * global setup takes that service over instead of starting its own, a service that did not
 * start is reported by the global setup with its cause, and the command leaves nothing behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { EARLY_SERVICE_ENV, earlyServiceUrl } from '../../harness/service/early-service.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test("the global setup's side: no file named, a URL, an error", async () => {
  expect(await earlyServiceUrl({})).toBeUndefined();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-early-test-'));
  try {
    const file = path.join(dir, 'service.json');
    fs.writeFileSync(file, JSON.stringify({ url: 'http://127.0.0.1:1/token' }));
    expect(await earlyServiceUrl({ [EARLY_SERVICE_ENV]: file })).toBe('http://127.0.0.1:1/token');
    fs.writeFileSync(file, JSON.stringify({ error: 'originproof: the visit service exited (code 1) before it was ready' }));
    await expect(earlyServiceUrl({ [EARLY_SERVICE_ENV]: file })).rejects.toThrow('exited (code 1) before it was ready');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run conformance runs with one visit service, started before Playwright, and removes its file', () => {
  test.setTimeout(180_000);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-early-run-'));
  const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('originproof-early-') && !f.startsWith('originproof-early-run-'));
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_|ORIGINPROOF_)/.test(k)));
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, [path.join(ROOT, 'scripts', 'conformance.ts'), '--project', 'chromium', '--grep', 'sop.dd.neither'], {
      cwd,
      env,
      encoding: 'utf8',
      timeout: 170_000,
    });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(run.status, out.slice(-3000)).toBe(0);
    // One service: one engine record and one canary for Chromium (a second service would add its own).
    expect(out.match(/originproof: chromium boundary canary passed/g)).toHaveLength(1);
    const results = JSON.parse(fs.readFileSync(path.join(cwd, 'results', 'conformance.json'), 'utf8')) as { rows: Array<{ id: string; verdict: string }> };
    expect(results.rows.find((r) => r.id === 'sop.dd.neither')?.verdict).toBe('pass');
    const after = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('originproof-early-') && !f.startsWith('originproof-early-run-'));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});
