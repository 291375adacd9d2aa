/**
 * A config may repeat itself: the same endpoint in two `reads` intents (credentialed for the app,
 * public without credentials), the same page in two `isolated` intents with different embeds, the
 * same embed twice, an origin or a method listed twice. Every derived probe still gets its own id
 * and its own title (titles are Playwright's test titles: a repeat stopped the run at load), and
 * the audit suite loads such a config in Playwright.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateConfig, type AuditConfigInput } from '../../audit/config.ts';
import { deriveAudit } from '../../audit/derive.ts';
import { clearExtraOrigins } from '../../protocol/origins.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UP = 'http://127.0.0.1:4999';

const REPEATING: AuditConfigInput = {
  origins: { 'https://app.test': UP, 'https://api.test': UP },
  reads: [
    { endpoint: 'https://api.test/api/me', by: ['https://app.test'], credentials: true },
    { endpoint: 'https://api.test/api/me', by: '*' },
    { endpoint: 'https://api.test/api/me', by: ['https://app.test', 'https://app.test'], methods: ['GET', 'get'] },
  ],
  isolated: [
    { page: 'https://app.test/isolated', embeds: [{ url: 'https://api.test/widget.js', as: 'script' }] },
    {
      page: 'https://app.test/isolated',
      embeds: [
        { url: 'https://api.test/avatar.png', as: 'img' },
        { url: 'https://api.test/avatar.png', as: 'img' },
      ],
      coep: 'credentialless',
    },
  ],
  sameSiteOnly: [
    { resource: 'https://api.test/avatar.png', as: 'img' },
    { resource: 'https://api.test/avatar.png', as: 'img' },
  ],
  notFramed: [{ page: 'https://app.test/account' }, { page: 'https://app.test/account' }],
};

test.afterEach(() => clearExtraOrigins());

test('every probe of a repeating config has its own id and its own title', () => {
  const plan = deriveAudit(validateConfig(REPEATING, 'originproof.config.ts'));
  const probes = [...plan.probes.values()];
  const titles = probes.map((p) => p.title);
  expect(new Set(titles).size).toBe(titles.length);
  expect(new Set(plan.scenarios.map((s) => s.id)).size).toBe(plan.scenarios.length);
  expect(probes.map((p) => p.id).sort()).toEqual(plan.scenarios.map((s) => s.id).sort());
  expect(plan.intents.map((i) => i.id)).toEqual([
    'reads-0',
    'reads-1',
    'reads-2',
    'isolated-0',
    'isolated-1',
    'same-site-only-0',
    'same-site-only-1',
    'not-framed-0',
    'not-framed-1',
  ]);
  // Repeats are told apart by their intent, and a repeat inside one intent by a number.
  expect(titles).toContain('another site cannot load https://api.test/avatar.png as <img> (same-site-only-1)');
  expect(titles.filter((t) => t.startsWith('https://api.test/avatar.png loads as <img> under COEP credentialless'))).toEqual([
    'https://api.test/avatar.png loads as <img> under COEP credentialless (isolated-1)',
    'https://api.test/avatar.png loads as <img> under COEP credentialless (isolated-1 #2)',
  ]);
  // An origin listed twice reads once; 'GET' and 'get' are two requests of one intent.
  expect(plan.intents[2].probes.filter((id) => id.includes('.allowed.'))).toEqual(['reads-2.allowed.app-test.get', 'reads-2.allowed.app-test.get.2']);
});

test('the audit suite loads a repeating config in Playwright (no duplicate test title)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-repeats-'));
  try {
    const file = path.join(dir, 'originproof.config.mjs');
    fs.writeFileSync(file, `export default ${JSON.stringify(REPEATING)};`);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_|ORIGINPROOF_)/.test(k)));
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--config', 'playwright.audit.config.ts', '--list', '--project', 'chromium'],
      { cwd: ROOT, env: { ...env, ORIGINPROOF_AUDIT_CONFIG: file, ORIGINPROOF_AUDIT_OUT: path.join(dir, 'out') }, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/duplicate test title/);
    const plan = deriveAudit(validateConfig(REPEATING, 'x'));
    expect(r.stdout).toMatch(new RegExp(`Total: ${plan.scenarios.length} tests? in 1 file`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
