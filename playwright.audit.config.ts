import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import type { OriginproofOptions } from './harness/playwright/fixtures.ts';
import { ENGINE_NAMES } from './engines/engine.ts';
import { claimRunLock } from './harness/service/run-lock.ts';
import { WEBDRIVER_ENGINE } from './engines/webdriver-config.ts';
import { loadAuditConfig } from './audit/config.ts';
import { AUDIT_CONFIG_ENV } from './suites/audit.ts';

/**
 * `npm run audit -- --config originproof.config.ts` (scripts/audit.ts sets ORIGINPROOF_AUDIT_CONFIG):
 * your server in the fixture network, the intents of your config checked in every engine, one
 * project per engine. The config is validated here first, so a mistake stops the run naming its
 * field; its webServer, if any, is Playwright's webServer. Everything goes to ORIGINPROOF_AUDIT_OUT
 * (default audit-report/ in the current folder): html/ (Playwright's report), audit.md, audit.json,
 * matrix.html, test-results/, and junit.xml when ORIGINPROOF_AUDIT_JUNIT names that file (`--junit`).
 * The same file runs from source (.ts) and compiled in the package (.js): its own modules are named
 * with its own extension.
 */
const configFile = process.env[AUDIT_CONFIG_ENV];
if (!configFile) throw new Error(`originproof: no audit config; run \`npm run audit -- --config originproof.config.ts\` (or set ${AUDIT_CONFIG_ENV})`);
const user = await loadAuditConfig(configFile);
const out = path.resolve(process.env.ORIGINPROOF_AUDIT_OUT ?? 'audit-report');
const ext = path.extname(fileURLToPath(import.meta.url));
const junit = process.env.ORIGINPROOF_AUDIT_JUNIT;
const engines: string[] = process.env.ORIGINPROOF_WEBDRIVER_URL ? [...ENGINE_NAMES, WEBDRIVER_ENGINE] : ENGINE_NAMES;

// One audit at a time per output folder (its reports would be overwritten).
claimRunLock(path.join(out, '.originproof-audit.lock'));

export default defineConfig<OriginproofOptions>({
  testDir: './tests/audit',
  timeout: 180_000,
  fullyParallel: true,
  workers: process.env.ORIGINPROOF_WORKERS ? Number(process.env.ORIGINPROOF_WORKERS) : 2,
  retries: 0,
  globalSetup: `./suites/audit-setup${ext}`,
  outputDir: path.join(out, 'test-results'),
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: path.join(out, 'html') }],
    [`./reporters/audit-reporter${ext}`, { outputDir: out }],
    [`./reporters/matrix-reporter${ext}`, { outputDir: out }],
    ...(junit ? [['junit', { outputFile: path.resolve(junit) }] satisfies ReporterDescription] : []),
  ],
  projects: engines.map((engineName) => ({ name: engineName, use: { engineName } })),
  webServer: user.webServer && {
    command: user.webServer.command,
    url: user.webServer.url,
    cwd: user.webServer.cwd ? path.resolve(path.dirname(user.file), user.webServer.cwd) : path.dirname(user.file),
    timeout: user.webServer.timeoutMs ?? 60_000,
    reuseExistingServer: user.webServer.reuseExistingServer ?? false,
    env: user.webServer.env,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
