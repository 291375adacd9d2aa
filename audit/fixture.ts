/**
 * originproof's network as a Playwright fixture, for your own tests: your servers
 * behind virtual origins (https://app.test, https://api.test, …) next to the catalog's
 * "someone else" origins, in Chromium, Firefox or WebKit — with no hosts file and no installed
 * certificate. Per worker, `originproof` is an AuditSession: `run()` checks your config's
 * intents in this project's engine (the probes `npm run audit` runs, judged the same way),
 * `open(url)` opens any URL of the network in a fresh context, `traffic()` /
 * `waitForTraffic()` give every request your servers received with their answers, and
 * `useConfig(config)` points the same network and browser at another config.
 *
 *   // playwright.config.ts: projects: ['chromium', 'firefox', 'webkit'].map((e) => ({ name: e, use: { originproofEngine: e } }))
 *   import { test, expect, notHolding } from 'originproof/fixture';
 *   test.use({ originproofConfig: './originproof.config.ts' });
 *   test('our origin boundary holds', async ({ originproof }) => {
 *     expect(notHolding(await originproof.run())).toEqual([]);
 *   });
 *
 * Your server must be running (your config's webServer is `npm run audit`'s; in your own suite,
 * use Playwright's webServer option, or compute `originproofConfig` in a worker fixture).
 */
import { createRequire } from 'node:module';
import type { EngineName } from '../engines/engine.ts';
import { assertPlaywrightPeer } from '../engines/playwright-peer.ts';
import { clearExtraOrigins } from '../protocol/origins.ts';
import { loadAuditConfig, validateConfig, type AuditConfigInput } from './config.ts';
import type { AuditSession } from './session.ts';
import type { AuditOutcome } from './judge.ts';

// The project's own @playwright/test, checked before it loads (a missing or wrong version gets one
// message naming the fix); the engines behind the session load it only when the first test starts.
assertPlaywrightPeer(import.meta.url);
const { test: base, expect } = createRequire(import.meta.url)('@playwright/test') as typeof import('@playwright/test');

export interface OriginproofFixtureOptions {
  /** An originproof.config.ts path, or the config itself. */
  originproofConfig: string | AuditConfigInput;
  /** The engine of this project: chromium, firefox or webkit (see docs/engines.md). */
  originproofEngine: EngineName;
}

export const test = base.extend<{}, OriginproofFixtureOptions & { originproof: AuditSession }>({
  originproofConfig: ['', { option: true, scope: 'worker' }],
  originproofEngine: ['chromium', { option: true, scope: 'worker' }],
  originproof: [
    async ({ originproofConfig, originproofEngine }, use) => {
      if (!originproofConfig) throw new Error("originproof: set test.use({ originproofConfig: './originproof.config.ts' }) (a path or a config object)");
      const config =
        typeof originproofConfig === 'string' ? await loadAuditConfig(originproofConfig) : validateConfig(originproofConfig, 'test.use({ originproofConfig })');
      const { AuditSession } = await import('./session.ts');
      const session = await AuditSession.start(config, originproofEngine);
      try {
        await use(session);
      } finally {
        await session.close();
        clearExtraOrigins();
      }
    },
    { scope: 'worker' },
  ],
});

/** The messages of every outcome that does not hold (empty when every intent holds). */
export function notHolding(outcomes: AuditOutcome[]): string[] {
  return outcomes.filter((o) => o.verdict !== 'holds').map((o) => `[${o.verdict}] ${o.message}`);
}

export { expect };
