/**
 * Playwright Test fixtures: per worker, one fixture network and one engine pointed at its
 * proxy; per test, nothing but a lookup in the shared visits. Playwright's own `page` and
 * `browser` fixtures are not used, so Playwright and WebDriver engines run identically.
 */
import { test as base } from '@playwright/test';
import type { EngineName, EngineSession } from '../engines/engine.ts';
import { launchEngine } from '../engines/select.ts';
import { startFixtureNetwork, type FixtureNetwork } from '../servers/network.ts';
import { ConformanceRunner } from './runner.ts';
import { planVisits } from './planner.ts';
import { loadCatalog } from '../scenarios/index.ts';

export interface OriginproofOptions {
  engineName: EngineName;
}

export const test = base.extend<{}, OriginproofOptions & { network: FixtureNetwork; engine: EngineSession; runner: ConformanceRunner }>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  network: [
    async ({}, use) => {
      const network = await startFixtureNetwork();
      await use(network);
      await network.close();
    },
    { scope: 'worker' },
  ],
  engine: [
    async ({ engineName, network }, use) => {
      const engine = await launchEngine(engineName, { proxyUrl: network.proxy.url });
      const i = engine.info;
      console.log(
        `originproof: ${i.engine} = ${i.browser} [${i.flavour} build, ${i.backend}] ${i.executable}; non-default: ${i.nonDefault.map((n) => n.setting).join(' ')}`,
      );
      await use(engine);
      await engine.close();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  runner: [
    async ({ network, engine }, use) => {
      await use(new ConformanceRunner(network, engine, planVisits(loadCatalog())));
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
