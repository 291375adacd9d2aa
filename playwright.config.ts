import { defineConfig } from '@playwright/test';
import type { OriginproofOptions } from './harness/fixtures.ts';
import { ENGINE_NAMES } from './engines/engine.ts';

/**
 * The conformance suite: one project per engine. Select engines with --project, areas with
 * --grep (e.g. --grep "cors/"), seed claims with --grep @C50. Each worker starts its own
 * fixture network and browser, so parallel workers and parallel runs never collide.
 */
export default defineConfig<OriginproofOptions>({
  testDir: './tests/conformance',
  timeout: 180_000,
  fullyParallel: false,
  workers: process.env.ORIGINPROOF_WORKERS ? Number(process.env.ORIGINPROOF_WORKERS) : 2,
  retries: 0,
  outputDir: 'test-results/conformance',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }], ['./reporters/results-reporter.ts'], ['./reporters/matrix-reporter.ts']],
  projects: ENGINE_NAMES.map((engineName) => ({ name: engineName, use: { engineName } })),
});
