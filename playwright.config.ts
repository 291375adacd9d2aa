import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import type { OriginproofOptions } from './harness/playwright/fixtures.ts';
import { ENGINE_NAMES, WEBDRIVER_ENGINE } from './engines/engine.ts';
import { claimRunLock } from './harness/service/run-lock.ts';

/**
 * The `webdriver` project (any W3C WebDriver remote end) exists only when ORIGINPROOF_WEBDRIVER_URL
 * names one: a plain `npx playwright test` then runs the three engines it always ran, instead of
 * failing a fourth project on every machine without a remote end. Asking for it by name without
 * the URL stops with a message that names the variable (Playwright alone would only say
 * "project not found").
 */
function webdriverRequested(argv: string[]): boolean {
  return argv.some((a, i) => (a === '--project' && argv[i + 1] === WEBDRIVER_ENGINE) || a === `--project=${WEBDRIVER_ENGINE}`);
}
if (!process.env.ORIGINPROOF_WEBDRIVER_URL && webdriverRequested(process.argv)) {
  throw new Error(
    'originproof: --project webdriver needs ORIGINPROOF_WEBDRIVER_URL (the URL of a W3C WebDriver remote end, e.g. http://127.0.0.1:9515 for `chromedriver --port=9515`), optionally ORIGINPROOF_WEBDRIVER_CAPABILITIES (JSON) and ORIGINPROOF_WEBDRIVER_NAME; see docs/any-browser.md',
  );
}
const engines: string[] = process.env.ORIGINPROOF_WEBDRIVER_URL ? [...ENGINE_NAMES, WEBDRIVER_ENGINE] : ENGINE_NAMES;

/**
 * The conformance suite: one project per engine. Select engines with --project, areas with
 * --grep (e.g. --grep "cors/"), seed claims with --grep @C50. Visits are the unit of
 * scheduling (one describe per visit, spread over all workers and shards); the browsers and
 * fixture network live in the visit service (harness/service/), which outlives the workers and
 * runs what suites/conformance.ts composes (catalog, engines, network).
 */
claimRunLock();

// Runs from source (.ts) and compiled in the package (.js); outputs go to the current folder
// (the repository's root under npm run, the user's project under `npx originproof conformance`).
const ext = path.extname(fileURLToPath(import.meta.url));

export default defineConfig<OriginproofOptions>({
  testDir: './tests/conformance',
  timeout: 180_000,
  fullyParallel: true,
  workers: process.env.ORIGINPROOF_WORKERS ? Number(process.env.ORIGINPROOF_WORKERS) : os.availableParallelism(),
  retries: 0,
  globalSetup: `./suites/conformance-setup${ext}`,
  outputDir: path.resolve('test-results/conformance'),
  reporter: [
    // One short line per visit: its scenario ids stay tags (so --grep <scenario id> selects it) but are not printed.
    ['list', { omitTags: true }],
    ['html', { open: 'never', outputFolder: path.resolve('playwright-report') }],
    [`./reporters/results-reporter${ext}`],
    [`./reporters/matrix-reporter${ext}`],
    [`./reporters/visit-plan-reporter${ext}`],
  ],
  projects: engines.map((engineName) => ({ name: engineName, use: { engineName } })),
});
