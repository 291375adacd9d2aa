/**
 * Playwright Test fixtures: per worker, a client of the visit service (started by the suite's
 * global setup; see harness/service/), which executes the visits and judges the rows. Workers
 * stay thin on purpose: Playwright starts a new one after every failed test, and one that loads
 * no catalog, network or browser costs little to start.
 */
import { test as base } from '@playwright/test';
import type { EngineName } from '../../engines/engine.ts';
import { SERVICE_ENV, VisitServiceClient } from '../service/client.ts';

export interface OriginproofOptions {
  engineName: EngineName;
}

export const test = base.extend<{}, OriginproofOptions & { service: VisitServiceClient }>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  service: [
    async ({ engineName }, use) => {
      const url = process.env[SERVICE_ENV];
      if (!url)
        throw new Error(
          `originproof: no visit service (${SERVICE_ENV} is unset): run the suite with its config, playwright.config.ts, whose global setup starts it`,
        );
      await use(new VisitServiceClient(engineName, url));
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
