/**
 * Playwright Test fixtures: per worker, a runner whose visits are executed by the visit service
 * (started by the suite's global setup; see harness/service/). A worker that Playwright
 * restarts after a failed test therefore keeps every visit already run. Without the service (a
 * config that does not start it), the worker runs its own fixture network and engine.
 */
import { test as base } from '@playwright/test';
import type { EngineName } from '../engines/engine.ts';
import { launchEngine } from '../engines/select.ts';
import { startFixtureNetwork } from '../servers/network.ts';
import { ConformanceRunner } from './runner.ts';
import { runVisits } from './suite.ts';
import { RemoteVisitExecutor, SERVICE_ENV } from './service/client.ts';

export interface OriginproofOptions {
  engineName: EngineName;
}

export const test = base.extend<{}, OriginproofOptions & { runner: ConformanceRunner }>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  runner: [
    async ({ engineName }, use) => {
      const service = process.env[SERVICE_ENV];
      if (service) return use(new ConformanceRunner(new RemoteVisitExecutor(engineName, service), runVisits()));
      const network = await startFixtureNetwork();
      const engine = await launchEngine(engineName, { proxyUrl: network.proxy.url });
      try {
        await use(new ConformanceRunner(network, engine, runVisits()));
      } finally {
        await engine.close();
        await network.close();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect } from '@playwright/test';
