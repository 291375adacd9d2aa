import os from 'node:os';
import { defineConfig } from '@playwright/test';
import type { OriginproofOptions } from './harness/fixtures.ts';
import { ENGINE_NAMES } from './engines/engine.ts';
import { claimRunLock } from './harness/run-lock.ts';

/**
 * The conformance suite: one project per engine. Select engines with --project, areas with
 * --grep (e.g. --grep "cors/"), seed claims with --grep @C50. Visits are the unit of
 * scheduling (one describe per visit, spread over all workers and shards); the browsers and
 * fixture network live in the visit service (harness/service/), which outlives the workers.
 */
claimRunLock();

export default defineConfig<OriginproofOptions>({
  testDir: './tests/conformance',
  timeout: 180_000,
  fullyParallel: true,
  workers: process.env.ORIGINPROOF_WORKERS ? Number(process.env.ORIGINPROOF_WORKERS) : os.availableParallelism(),
  retries: 0,
  globalSetup: './harness/service/global-setup.ts',
  outputDir: 'test-results/conformance',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }], ['./reporters/results-reporter.ts'], ['./reporters/matrix-reporter.ts']],
  projects: ENGINE_NAMES.map((engineName) => ({ name: engineName, use: { engineName } })),
});
