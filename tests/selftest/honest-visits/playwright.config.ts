import { defineConfig } from '@playwright/test';
import type { OriginproofOptions } from '../../../harness/playwright/fixtures.ts';

/**
 * The real visit tests (tests/conformance/*.spec.ts), one project, against the stand-in visit
 * service and manifest that honest-visits.test.ts starts and writes: no browser, no network.
 */
export default defineConfig<OriginproofOptions>({
  testDir: '../../conformance',
  testMatch: ['conformance.spec.ts', 'parsing.spec.ts'],
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.OP_HONEST_OUT ?? 'test-results',
  projects: [{ name: 'chromium', use: { engineName: 'chromium' } }],
});
