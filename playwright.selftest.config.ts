import { defineConfig } from '@playwright/test';

/**
 * The project's own tests: the machinery (proxy, servers, certificate, engines, schema,
 * verdicts, model, report) — some of them drive the real engines against small catalogs.
 */
export default defineConfig({
  testDir: './tests/selftest',
  // fixtures/ holds files for other projects (the install self-test's), not tests of this one.
  testIgnore: 'fixtures/**',
  timeout: 120_000,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  // Apart from the conformance suite's test-results/, so running one never wipes the other's.
  outputDir: 'test-results/selftest',
});
